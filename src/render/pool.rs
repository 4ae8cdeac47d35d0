//! `pool list` as a table for a terminal or a Markdown page, and as a workbook sheet. (JSON,
//! YAML and CSV carry the rows as they are: the CSV's columns are [`csv::POOL`].)
//!
//! [`csv::POOL`]: crate::render::csv::POOL

use crate::calendar::{self, Calendar};
use crate::i18n::Lang;
use crate::query::pool::CandidateRow;
use crate::render::facilitators::{contact_cells, contact_texts};
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{self, CONTACTS, Cell, Column, Kind, Sheet};

/// The sheet's columns before the contact details; the table's are the first [`TABLE`].
const COLUMNS: &[Column] = &[
    ("id", "شناسه", Kind::Text),
    ("name", "نام", Kind::Text),
    ("name (fa)", "نام (فارسی)", Kind::Text),
    ("languages", "زبان‌ها", Kind::Text),
    ("expertise", "تخصص", Kind::Text),
    ("connection", "ارتباط", Kind::Text),
    ("interests", "شهرهای مورد علاقه", Kind::Text),
    ("signed up", "تاریخ نام‌نویسی", Kind::Date),
    ("source", "منبع", Kind::Text),
    ("notes", "یادداشت", Kind::Text),
];

/// How many of [`COLUMNS`] the table has: all but the notes.
const TABLE: usize = 9;

/// The workbook's sheet: one row per candidate (dates as dates, notes too); e-mail and phone
/// (as text) only with `contacts`.
pub fn sheet(rows: &[CandidateRow], lang: Lang, contacts: bool) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Pool", "داوطلبان")).columns(lang, COLUMNS);
    if contacts {
        sheet = sheet.columns(lang, CONTACTS);
    }
    let join = |items: &[String]| lang.list(items);
    for row in rows {
        let mut cells = vec![
            Cell::text(&row.id),
            Cell::text(&row.name),
            Cell::opt(row.name_fa.as_deref()),
            Cell::text(join(&row.languages)),
            Cell::text(join(&row.expertise)),
            Cell::opt(row.connection.as_deref()),
            Cell::text(join(&row.interests)),
            Cell::date(row.signed_up),
            Cell::opt(row.source.as_deref()),
            Cell::opt(row.notes.as_deref()),
        ];
        if contacts {
            cells.extend(contact_cells(row.contact.as_ref()));
        }
        sheet.push(cells);
    }
    sheet
}

/// The table, dates in `calendar`, and how many of the `all` candidates it shows: the notes
/// are left to the other formats (they may run over lines).
pub fn table(
    rows: &[CandidateRow],
    lang: Lang,
    calendar: Calendar,
    contacts: bool,
    all: usize,
) -> Table {
    let mut headers: Vec<&str> = xlsx::headers(COLUMNS, lang).take(TABLE).collect();
    if contacts {
        headers.extend(xlsx::headers(CONTACTS, lang));
    }
    let mut table = Table::new(headers);
    table.wrap = vec![1, 2, 3, 4, 5, 6, 8];
    // On a narrow terminal: the source, the sign-up date, the id (a name is shown), the name
    // in the other script, then the connection go first; the name, languages, expertise and
    // interests stay.
    table.drop = match lang {
        Lang::En => vec![8, 7, 0, 2, 5],
        Lang::Fa => vec![8, 7, 0, 1, 5],
    };
    let join = |items: &[String]| items.join(", ");
    for row in rows {
        let date = row
            .signed_up
            .map(|d| calendar::format_date(d, calendar, lang))
            .unwrap_or_default();
        let mut cells = vec![
            (row.id.clone(), Tone::Plain),
            (row.name.clone(), Tone::Plain),
            (row.name_fa.clone().unwrap_or_default(), Tone::Plain),
            (join(&row.languages), Tone::Plain),
            (join(&row.expertise), Tone::Plain),
            (row.connection.clone().unwrap_or_default(), Tone::Plain),
            (join(&row.interests), Tone::Plain),
            (date, Tone::Plain),
            (row.source.clone().unwrap_or_default(), Tone::Dim),
        ];
        if contacts {
            cells.extend(contact_texts(row.contact.as_ref()));
        }
        table.push(cells);
    }
    table.footer.push(count(lang, rows.len(), all));
    table
}

/// "3 candidates", "2 of 5 candidates" when a filter left some out.
fn count(lang: Lang, shown: usize, all: usize) -> String {
    let (n, of) = (lang.num(shown), lang.num(all));
    match (lang, shown == all) {
        (Lang::En, true) if shown == 1 => "1 candidate in the pool".to_owned(),
        (Lang::En, true) => format!("{n} candidates in the pool"),
        (Lang::En, false) => format!("{n} of {of} candidates in the pool"),
        (Lang::Fa, true) => format!("{n} داوطلب در فهرست داوطلبان"),
        (Lang::Fa, false) => format!("{n} داوطلب از {of} داوطلب فهرست"),
    }
}
