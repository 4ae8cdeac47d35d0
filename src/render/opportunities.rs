//! `opportunity list` as a table for a terminal or a Markdown page, and as a workbook sheet.
//! (JSON, YAML and CSV carry the rows as they are: the CSV's columns are
//! [`csv::OPPORTUNITIES`].)
//!
//! [`csv::OPPORTUNITIES`]: crate::render::csv::OPPORTUNITIES

use crate::calendar::{self, Calendar};
use crate::i18n::Lang;
use crate::model::vocab::Stage;
use crate::query::opportunities::OpportunityRow;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Cell, Column, Kind, Sheet};

/// The sheet's columns: the CSV's, headed in words.
const COLUMNS: &[Column] = &[
    ("city", "شهر", Kind::Text),
    ("id", "شناسه", Kind::Text),
    ("title", "عنوان", Kind::Text),
    ("sector", "بخش", Kind::Text),
    ("stage", "مرحله", Kind::Text),
    ("lead", "پیشگام", Kind::Text),
    ("since", "از", Kind::Date),
    ("days in stage", "روز در این مرحله", Kind::Number),
];

/// The workbook's sheet: the city by name, `since` as a date, days at the stage as a number.
pub fn sheet(rows: &[OpportunityRow], lang: Lang, city: impl Fn(&str) -> String) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Opportunities", "فرصت‌ها")).columns(lang, COLUMNS);
    for row in rows {
        sheet.push(vec![
            Cell::text(city(&row.city)),
            Cell::text(&row.id),
            Cell::text(&row.title),
            Cell::text(&row.sector),
            Cell::text(row.stage.label(lang)),
            Cell::opt(row.lead.map(|l| l.label(lang))),
            Cell::date(row.since),
            row.days_in_stage.map_or(Cell::Empty, Cell::num),
        ]);
    }
    sheet
}

/// The table, dates in `calendar`; closed and lost opportunities dimmed.
pub fn table(rows: &[OpportunityRow], lang: Lang, calendar: Calendar) -> Table {
    let headers = match lang {
        Lang::En => [
            "city", "id", "title", "sector", "stage", "lead", "since", "days",
        ],
        Lang::Fa => [
            "شهر",
            "شناسه",
            "عنوان",
            "بخش",
            "مرحله",
            "پیشگام",
            "از",
            "روز",
        ],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![0, 2];
    // On a narrow terminal: days (since says it), since, sector, lead, then the city go first.
    table.drop = vec![7, 6, 3, 5, 0];
    for row in rows {
        let tone = match row.stage {
            Stage::Closed | Stage::Lost => Tone::Dim,
            _ => Tone::Plain,
        };
        table.push(vec![
            (row.city.clone(), tone),
            (row.id.clone(), tone),
            (row.title.clone(), tone),
            (row.sector.clone(), tone),
            (row.stage.label(lang).to_owned(), tone),
            (
                row.lead
                    .map(|l| l.label(lang).to_owned())
                    .unwrap_or_else(|| "—".into()),
                tone,
            ),
            (
                row.since
                    .map(|d| calendar::format_date(d, calendar, lang))
                    .unwrap_or_else(|| "—".into()),
                tone,
            ),
            (
                row.days_in_stage
                    .map(|d| lang.num(d))
                    .unwrap_or_else(|| "—".into()),
                tone,
            ),
        ]);
    }
    table
}

/// "3 opportunities".
pub fn footer(count: usize, lang: Lang) -> String {
    match lang {
        Lang::En if count == 1 => "1 opportunity".to_owned(),
        Lang::En => format!("{count} opportunities"),
        Lang::Fa => format!("{} فرصت", lang.num(count)),
    }
}
