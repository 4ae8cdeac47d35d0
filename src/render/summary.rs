//! `summary` as a page for a terminal or Markdown: the counts, then the cities × requirements
//! matrix. (The workbook's sheets are [`sheets::readiness_matrix`] and [`sheets::aims`]; the
//! CSV is the matrix, [`csv::readiness_matrix`].)
//!
//! [`sheets::readiness_matrix`]: crate::render::xlsx::sheets::readiness_matrix
//! [`sheets::aims`]: crate::render::xlsx::sheets::aims
//! [`csv::readiness_matrix`]: crate::render::csv::readiness_matrix

use crate::i18n::{Lang, localize_digits};
use crate::model::vocab::Requirement;
use crate::query::summary::Summary;
use crate::render;
use crate::render::city::symbol;
use crate::render::table::{Table, Tone};

/// The counts, then the matrix with `note` (the dossiers that could not be read) under it, as
/// Markdown.
pub fn markdown(s: &Summary, note: Option<String>, lang: Lang) -> String {
    let mut table = matrix(s, lang);
    table.footer.extend(note);
    format!(
        "{}\n{}",
        counts(s, lang).replace('\n', "  \n"),
        table.to_markdown()
    )
}

/// The counts, then the matrix with `note` under it, for a terminal `width` columns wide:
/// where the requirements' names do not fit, their columns are numbered (see
/// [`number_requirements`]).
pub fn terminal(
    s: &Summary,
    note: Option<String>,
    lang: Lang,
    width: Option<u16>,
    color: bool,
) -> String {
    let mut table = matrix(s, lang);
    table.footer.extend(note);
    let mut shown = table.to_terminal(width, color, lang);
    if width.is_some_and(|w| wider_than(&shown, w)) {
        number_requirements(&mut table, lang);
        shown = table.to_terminal(width, color, lang);
    }
    format!("{}\n{shown}", counts(s, lang))
}

/// The counts above the matrix: this week's aims, then the portfolio's figures.
fn counts(s: &Summary, lang: Lang) -> String {
    let n = |v: usize| localize_digits(&v.to_string(), lang).into_owned();
    let list = |items: Vec<(&str, usize)>| {
        items
            .into_iter()
            .filter(|(_, c)| *c > 0)
            .map(|(label, c)| format!("{} {label}", n(c)))
            .collect::<Vec<_>>()
            .join(lang.pick(", ", "، "))
    };
    let by_status = list(
        s.by_status
            .iter()
            .map(|c| (c.value.label(lang), c.count))
            .collect(),
    );
    let facilitators = list(
        s.facilitators
            .iter()
            .map(|c| (c.value.label(lang), c.count))
            .collect(),
    );
    let opportunities = list(
        s.opportunities
            .iter()
            .map(|c| (c.value.label(lang), c.count))
            .collect(),
    );
    let none = lang.pick("none", "هیچ");
    let or_none = |t: String| if t.is_empty() { none.to_owned() } else { t };
    let lines = [
        (
            lang.pick("cities", "شهرها"),
            format!("{} ({by_status})", n(s.cities)),
        ),
        (
            lang.pick("contacted recently", "ارتباط اخیر"),
            format!("{} / {}", n(s.recently_contacted), n(s.cities)),
        ),
        (
            lang.pick("facilitators", "تسهیل‌گران"),
            or_none(facilitators),
        ),
        (
            lang.pick(
                "cities without an active facilitator",
                "شهرهای بدون تسهیل‌گر فعال",
            ),
            n(s.cities_without_active_facilitator),
        ),
        (
            lang.pick("open actions", "اقدام‌های باز"),
            format!(
                "{} ({} {})",
                n(s.open_actions),
                n(s.overdue_actions),
                lang.pick("overdue", "معوق")
            ),
        ),
        (lang.pick("opportunities", "فرصت‌ها"), or_none(opportunities)),
    ];
    let labels = render::labels::labels(lang);
    let mut text: String = lang
        .pick(
            "this week's aims (previous week):\n",
            "اهداف طرح در این هفته (هفتهٔ قبل):\n",
        )
        .to_owned();
    for aim in &s.aims {
        let label = labels
            .get(format!("aim_{}", aim.id).as_str())
            .copied()
            .unwrap_or(aim.id);
        let previous = aim.previous.map_or("—".to_owned(), |p| n(p as usize));
        text.push_str(&format!(
            "  {label}: {} ({previous})\n",
            n(aim.value as usize)
        ));
    }
    text.push('\n');
    text.extend(lines.iter().map(|(k, v)| format!("{k}: {v}\n")));
    text
}

/// Whether a line of `shown` is wider than `width` terminal cells.
fn wider_than(shown: &str, width: u16) -> bool {
    use unicode_width::UnicodeWidthStr;
    shown.lines().any(|l| l.width() > usize::from(width))
}

/// The matrix on a terminal too narrow for the requirements' names: each column headed by its
/// number, and a legend under the table says which is which (nothing of the table is dropped:
/// every column is the point of it).
fn number_requirements(table: &mut Table, lang: Lang) {
    let mut legend = Vec::new();
    for (i, requirement) in Requirement::ALL.iter().enumerate() {
        let number = localize_digits(&(i + 1).to_string(), lang).into_owned();
        legend.push(format!("{number} {}", requirement.label(lang)));
        if let Some(header) = table.headers.get_mut(i + 1) {
            *header = number;
        }
    }
    table.footer.insert(0, legend.join(lang.pick(" · ", " · ")));
}

/// The cities × requirements matrix, a symbol per requirement and the items met.
fn matrix(s: &Summary, lang: Lang) -> Table {
    let mut headers = vec![lang.pick("city", "شهر").to_owned()];
    headers.extend(Requirement::ALL.iter().map(|r| r.label(lang).to_owned()));
    headers.push(lang.pick("readiness", "آمادگی").to_owned());
    let mut table = Table::new(headers);
    for row in &s.matrix {
        let mut cells = vec![(row.slug.clone(), Tone::Plain)];
        cells.extend(
            row.requirements
                .values()
                .map(|st| (symbol(*st).to_owned(), Tone::Plain)),
        );
        cells.push((
            localize_digits(&format!("{}/{}", row.met, row.total), lang).into_owned(),
            Tone::Plain,
        ));
        table.push(cells);
    }
    table.footer.push(
        lang.pick(
            "✓ met  ◐ partial  ✗ unmet  ? unknown",
            "✓ برآورده  ◐ نسبی  ✗ برآورده‌نشده  ? نامعلوم",
        )
        .to_owned(),
    );
    table
}
