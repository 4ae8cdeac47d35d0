//! `facilitator list` as a table for a terminal or a Markdown page with the gap under it, and
//! as a workbook sheet; `--gaps` as a table, a sheet and its rows of data. (JSON, YAML and CSV
//! carry the rows as they are: the CSV's columns are [`csv::FACILITATORS`] and
//! [`csv::GAPS`].)
//!
//! [`csv::FACILITATORS`]: crate::render::csv::FACILITATORS
//! [`csv::GAPS`]: crate::render::csv::GAPS

use crate::i18n::{Lang, localize_digits};
use crate::model::Names;
use crate::model::vocab::FacilitatorStatus;
use crate::query::facilitators::{ContactFields, FacilitatorRow, Gap};
use crate::query::matching::{Ranking, Source};
use crate::render::matching as shown;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{self, CONTACTS, Cell, Column, Kind, Sheet};
use crate::text::visible;

/// The sheet's and the table's columns before the contact details.
const COLUMNS: &[Column] = &[
    ("id", "شناسه", Kind::Text),
    ("name", "نام", Kind::Text),
    ("name (fa)", "نام (فارسی)", Kind::Text),
    ("cities", "شهرها", Kind::Text),
    ("languages", "زبان‌ها", Kind::Text),
    ("expertise", "تخصص", Kind::Text),
    ("status", "وضعیت", Kind::Text),
];

/// The columns of `--gaps`, in the sheet and the table.
const GAP_COLUMNS: &[Column] = &[
    ("slug", "شناسه", Kind::Text),
    ("name", "نام", Kind::Text),
    ("who could serve", "چه کسی می‌تواند", Kind::Text),
];

fn num(n: usize, lang: Lang) -> String {
    localize_digits(&n.to_string(), lang).into_owned()
}

/// The workbook's sheet: one row per person; e-mail and phone (as text) only with `contacts`.
pub fn sheet(rows: &[FacilitatorRow], lang: Lang, contacts: bool) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Facilitators", "تسهیل‌گران")).columns(lang, COLUMNS);
    if contacts {
        sheet = sheet.columns(lang, CONTACTS);
    }
    let join = |items: &[String]| lang.list(items);
    for row in rows {
        let mut cells = vec![
            Cell::text(&row.id),
            Cell::text(&row.name),
            Cell::opt(row.name_fa.as_deref()),
            Cell::text(join(&row.cities)),
            Cell::text(join(&row.languages)),
            Cell::text(join(&row.expertise)),
            Cell::text(row.status.label(lang)),
        ];
        if contacts {
            cells.extend(contact_cells(row.contact.as_ref()));
        }
        sheet.push(cells);
    }
    sheet
}

/// The table, and the count of facilitators under it.
pub fn table(rows: &[FacilitatorRow], lang: Lang, contacts: bool) -> Table {
    let mut headers: Vec<&str> = xlsx::headers(COLUMNS, lang).collect();
    if contacts {
        headers.extend(xlsx::headers(CONTACTS, lang));
    }
    let mut table = Table::new(headers);
    table.wrap = vec![1, 2, 3, 4, 5];
    // On a narrow terminal: the id (a name is shown), the name in the other script, expertise,
    // then languages go first; the name, cities, status (and contacts, when asked for) stay.
    table.drop = match lang {
        Lang::En => vec![0, 2, 5, 4],
        Lang::Fa => vec![0, 1, 5, 4],
    };
    for row in rows {
        let status_tone = match row.status {
            FacilitatorStatus::Active => Tone::Good,
            FacilitatorStatus::Prospective => Tone::Plain,
            FacilitatorStatus::Inactive => Tone::Dim,
        };
        let mut cells = vec![
            (row.id.clone(), Tone::Plain),
            (row.name.clone(), Tone::Plain),
            (row.name_fa.clone().unwrap_or_default(), Tone::Plain),
            (row.cities.join(", "), Tone::Plain),
            (row.languages.join(", "), Tone::Plain),
            (row.expertise.join(", "), Tone::Plain),
            (row.status.label(lang).to_owned(), status_tone),
        ];
        if contacts {
            cells.extend(contact_texts(row.contact.as_ref()));
        }
        table.push(cells);
    }
    let n = num(rows.len(), lang);
    table.footer.push(match lang {
        Lang::En if rows.len() == 1 => "1 facilitator".to_owned(),
        Lang::En => format!("{n} facilitators"),
        Lang::Fa => format!("{n} تسهیل‌گر"),
    });
    table
}

/// There is no gap: every city in scope (all, or the one of `--city`) has an active facilitator.
fn no_gap(scope: Option<&Names>, lang: Lang) -> String {
    match (scope, lang) {
        (None, _) => lang
            .pick(
                "every city has an active facilitator",
                "همهٔ شهرها تسهیل‌گر فعال دارند",
            )
            .to_owned(),
        (Some(name), Lang::En) => format!("{} has an active facilitator", name.shown(lang)),
        (Some(name), Lang::Fa) => format!(
            "{} تسهیل‌گر فعال دارد",
            lang.embed(&visible(name.shown(lang)))
        ),
    }
}

/// The footer line naming the cities with no active facilitator.
pub fn gap_line(gaps: &[Gap], scope: Option<&Names>, lang: Lang) -> String {
    if gaps.is_empty() {
        return no_gap(scope, lang);
    }
    // A city without a Persian name shows its English one: isolated in a Persian line, after
    // its control characters are escaped, so that none can close the isolate.
    let names = lang.join(
        gaps.iter()
            .map(|g| lang.embed(&visible(g.name.shown(lang))).into_owned()),
    );
    match lang {
        Lang::En => format!("cities with no active facilitator: {names}"),
        Lang::Fa => format!("شهرهای بدون تسهیل‌گر فعال: {names}"),
    }
}

/// `--gaps`: the cities with no active facilitator, and who could serve each.
pub fn gaps_table(gaps: &[Gap], rankings: &[Ranking], scope: Option<&Names>, lang: Lang) -> Table {
    let mut table = Table::new(xlsx::headers(GAP_COLUMNS, lang));
    table.wrap = vec![2];
    table.drop = vec![0];
    for (gap, ranking) in gaps.iter().zip(rankings) {
        table.push(vec![
            (gap.slug.clone(), Tone::Plain),
            (gap.name.shown(lang).to_owned(), Tone::Warn),
            (shown::suggestion(ranking, lang), Tone::Plain),
        ]);
    }
    let n = num(gaps.len(), lang);
    table.footer.push(match (lang, gaps.len()) {
        (_, 0) => no_gap(scope, lang),
        (Lang::En, 1) => "1 city with no active facilitator".to_owned(),
        (Lang::En, _) => format!("{n} cities with no active facilitator"),
        (Lang::Fa, _) => format!("{n} شهر بدون تسهیل‌گر فعال"),
    });
    table
}

/// A person's e-mail address and phone number as the cells of [`CONTACTS`] (a person's
/// details, in the pool too).
pub fn contact_cells(details: Option<&ContactFields>) -> [Cell; 2] {
    let details = details.cloned().unwrap_or_default();
    [Cell::opt(details.email), Cell::opt(details.phone)]
}

/// The same details as a table's cells.
pub fn contact_texts(details: Option<&ContactFields>) -> [(String, Tone); 2] {
    let details = details.cloned().unwrap_or_default();
    [
        (details.email.unwrap_or_default(), Tone::Plain),
        (details.phone.unwrap_or_default(), Tone::Plain),
    ]
}

/// `--gaps` as a workbook sheet: each city, and who could serve it.
pub fn gaps_sheet(gaps: &[Gap], rankings: &[Ranking], lang: Lang) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Gaps", "کمبودها")).columns(lang, GAP_COLUMNS);
    for (gap, ranking) in gaps.iter().zip(rankings) {
        sheet.push(vec![
            Cell::text(&gap.slug),
            Cell::text(gap.name.shown(lang)),
            Cell::text(crate::text::strip_isolates(&shown::suggestion(
                ranking, lang,
            ))),
        ]);
    }
    sheet
}

/// A gap as data: the city, how many speak one of its languages, and the best of them (as
/// `facilitator match` ranks those who speak them; null when nobody does).
#[derive(serde::Serialize)]
pub struct GapRow<'a> {
    slug: &'a str,
    name: &'a Names,
    speakers: usize,
    best: Option<Best>,
}

#[derive(serde::Serialize)]
pub struct Best {
    id: String,
    name: String,
    score: u8,
    source: Source,
}

impl<'a> GapRow<'a> {
    pub fn of(gap: &'a Gap, ranking: &Ranking, lang: Lang) -> Self {
        let best = ranking.matches.first().map(|m| Best {
            id: m.id.clone(),
            name: match (lang, &m.name_fa) {
                (Lang::Fa, Some(fa)) => fa.clone(),
                _ => m.name.clone(),
            },
            score: m.score,
            source: m.source,
        });
        GapRow {
            slug: &gap.slug,
            name: &gap.name,
            speakers: ranking.tally.speak,
            best,
        }
    }

    /// The row under [`csv::GAPS`](crate::render::csv::GAPS).
    pub fn csv(&self) -> Vec<String> {
        vec![
            self.slug.to_owned(),
            self.name.en.clone(),
            self.name.fa.clone().unwrap_or_default(),
            self.name.local.clone().unwrap_or_default(),
            self.speakers.to_string(),
            self.best.as_ref().map(|b| b.id.clone()).unwrap_or_default(),
        ]
    }
}
