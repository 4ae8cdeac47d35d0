//! `city list` as a table for a terminal or a Markdown page, and as a workbook sheet. (JSON,
//! YAML and CSV carry the rows as they are: the CSV's columns are [`csv::CITIES`].)
//!
//! [`csv::CITIES`]: crate::render::csv::CITIES

use crate::calendar::{self, Calendar};
use crate::i18n::{Lang, localize_digits};
use crate::model::PartialDate;
use crate::query::cities::CityRow;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Cell, Column, Kind, Sheet};

/// The sheet's columns: the name shown in the workbook's language, readiness as two numbers.
const COLUMNS: &[Column] = &[
    ("slug", "شناسه", Kind::Text),
    ("name", "نام", Kind::Text),
    ("country", "کشور", Kind::Text),
    ("status", "وضعیت", Kind::Text),
    ("signed", "امضا", Kind::Date),
    ("readiness met", "آمادگی: برآورده", Kind::Number),
    ("readiness items", "آمادگی: موارد", Kind::Number),
    ("active facilitators", "تسهیل‌گران فعال", Kind::Number),
    ("last contact", "آخرین ارتباط", Kind::Date),
    ("open actions", "اقدام‌های باز", Kind::Number),
    ("overdue actions", "اقدام‌های معوق", Kind::Number),
];

/// The workbook's one sheet: names and labels in `lang`, dates as dates, counts as numbers.
pub fn sheet(rows: &[CityRow], lang: Lang) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Cities", "شهرها")).columns(lang, COLUMNS);
    for row in rows {
        let signed = match row.signed {
            Some(PartialDate::Day(d)) => Cell::Date(d),
            // A bare year or month stays as written.
            Some(other) => Cell::Text(other.to_string()),
            None => Cell::Empty,
        };
        sheet.push(vec![
            Cell::text(&row.slug),
            Cell::text(row.name.shown(lang)),
            Cell::text(&row.country),
            Cell::text(row.status.label(lang)),
            signed,
            Cell::count(row.readiness.met),
            Cell::count(row.readiness.total),
            Cell::count(row.active_facilitators),
            Cell::date(row.last_contact),
            Cell::count(row.open_actions),
            Cell::count(row.overdue_actions),
        ]);
    }
    sheet
}

/// The table, dates in `calendar`, and the count of cities under it.
pub fn table(rows: &[CityRow], lang: Lang, calendar: Calendar) -> Table {
    let headers = match lang {
        Lang::En => [
            "slug",
            "name",
            "country",
            "status",
            "signed",
            "readiness",
            "facilitators",
            "last contact",
            "open",
            "overdue",
        ],
        Lang::Fa => [
            "شناسه",
            "نام",
            "کشور",
            "وضعیت",
            "امضا",
            "آمادگی",
            "تسهیل‌گران",
            "آخرین ارتباط",
            "باز",
            "معوق",
        ],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![1, 3];
    // On a narrow terminal: the signing date, the country, the slug (the name is shown), the
    // counts of open actions, readiness and facilitators go first; overdue, the status and the
    // last contact stay longest.
    table.drop = vec![4, 2, 0, 8, 5, 6, 7];
    let num = |n: usize| localize_digits(&n.to_string(), lang).into_owned();
    for row in rows {
        let signed = row
            .signed
            .map(|p| p.format(calendar, lang))
            .unwrap_or_default();
        let readiness = format!("{}/{}", num(row.readiness.met), num(row.readiness.total));
        let ready_tone = if row.readiness.met == row.readiness.total {
            Tone::Good
        } else {
            Tone::Plain
        };
        let fac_tone = if row.active_facilitators == 0 {
            Tone::Warn
        } else {
            Tone::Plain
        };
        let overdue_tone = if row.overdue_actions > 0 {
            Tone::Bad
        } else {
            Tone::Plain
        };
        let last_contact = row
            .last_contact
            .map(|d| calendar::format_date(d, calendar, lang))
            .unwrap_or_else(|| "—".into());
        table.push(vec![
            (row.slug.clone(), Tone::Plain),
            (row.name.shown(lang).to_owned(), Tone::Plain),
            (row.country.clone(), Tone::Plain),
            (row.status.label(lang).to_owned(), Tone::Plain),
            (signed, Tone::Plain),
            (readiness, ready_tone),
            (num(row.active_facilitators), fac_tone),
            (last_contact, Tone::Plain),
            (num(row.open_actions), Tone::Plain),
            (num(row.overdue_actions), overdue_tone),
        ]);
    }
    let total = num(rows.len());
    table.footer.push(match lang {
        Lang::En => format!(
            "{total} {}",
            if rows.len() == 1 { "city" } else { "cities" }
        ),
        Lang::Fa => format!("{total} شهر"),
    });
    table
}
