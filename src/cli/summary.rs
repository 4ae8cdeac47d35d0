use clap::Args;

use super::{Ctx, Outcome};
use crate::cli::output::ListOutput;
use crate::error::Result;
use crate::i18n::Lang;
use crate::i18n::localize_digits;
use crate::model::vocab::Requirement;
use crate::query::summary::{self, Summary};
use crate::query::weekly::{self, Period};
use crate::render::city::symbol;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Book, sheets};
use crate::render::{self, Format};

/// Portfolio overview: counts and a cities × requirements readiness matrix.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  diplomat summary\n  diplomat summary --format json")]
pub struct SummaryArgs {
    #[command(flatten)]
    output: ListOutput,
}

impl SummaryArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let ws = ctx.load()?;
        let checklist = ctx.checklist(&ws)?;
        let mut summary = summary::summarize(&ws.dossiers, &checklist, ctx.check_context(&ws));
        let (from, to) = crate::calendar::week_containing(ctx.today, ws.settings.week_start);
        let dossiers: Vec<_> = ws.dossiers.iter().map(|l| &l.dossier).collect();
        summary.aims = weekly::aims(&dossiers, Period { from, to }, ws.settings.stale_after_days);
        let lang = ctx.lang;
        let text = match format {
            Format::Json => render::json(&summary)?,
            Format::Yaml => render::yaml(&summary)?,
            // The matrix, one row per city: the counts are in the JSON.
            Format::Csv => {
                let mut columns = vec!["slug".to_owned()];
                columns.extend(
                    Requirement::ALL
                        .iter()
                        .map(|r| format!("requirements.{}", r.slug())),
                );
                columns.extend(["met".to_owned(), "total".to_owned()]);
                render::csv::records(&columns, &summary.matrix)?
            }
            Format::Xlsx => {
                let name = |slug: &str| crate::cli::output::city_name(&ws, slug, lang);
                let book = Book::new(lang, ctx.calendar)
                    .sheet(sheets::readiness_matrix(&summary, lang, name))
                    .sheet(sheets::aims(&summary.aims, lang));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let mut table = matrix(&summary, lang);
                table.footer.extend(ctx.broken_note(&ws));
                let counts = counts(&summary, lang);
                match format {
                    Format::Markdown => {
                        format!("{}\n{}", counts.replace('\n', "  \n"), table.to_markdown())
                    }
                    _ => {
                        let mut shown = table.to_terminal(ctx.width, ctx.color, lang);
                        if ctx.width.is_some_and(|w| wider_than(&shown, w)) {
                            number_requirements(&mut table, lang);
                            shown = table.to_terminal(ctx.width, ctx.color, lang);
                        }
                        format!("{counts}\n{shown}")
                    }
                }
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}

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
