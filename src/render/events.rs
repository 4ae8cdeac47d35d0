//! `event list` as a table for a terminal or a Markdown page, and as a workbook sheet. (JSON,
//! YAML and CSV carry the rows as they are: slugs, ids and `YYYY-MM-DD`.)

use jiff::civil::Date;

use crate::calendar::{self, Calendar};
use crate::i18n::{Lang, localize_digits};
use crate::model::vocab::EventStatus;
use crate::query::events::EventRow;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Cell, Kind, Sheet};

/// The CSV columns: the JSON's keys (`with` as ids joined with `;`).
pub const CSV: &[&str] = &[
    "city", "id", "date", "end", "time", "kind", "title", "place", "with", "status",
];

/// Names for a row's city and people, as the reader's language has them.
pub trait Names {
    /// The city's name, from its slug.
    fn city(&self, slug: &str) -> String;
    /// A person's name, from the city and their id (the id when the city has no such person).
    fn person(&self, slug: &str, id: &str) -> String;
}

/// The day or days of an event: `2026-12-14`, or `2026-12-14 – 12-18` for several (the
/// year, then the month, said once where both days share it).
pub fn days(date: Date, end: Option<Date>, calendar: Calendar, lang: Lang) -> String {
    let first = calendar::format_date(date, calendar, lang);
    let Some(end) = end.filter(|end| *end > date) else {
        return first;
    };
    let last = calendar::format_date(end, calendar, lang);
    // `2026-12-18` and `1405/09/27` alike: the year is the first five characters.
    let same_year = first.chars().take(5).eq(last.chars().take(5));
    let last: String = match same_year {
        true => last.chars().skip(5).collect(),
        false => last,
    };
    format!("{first} – {last}")
}

/// The events as a table, narrow enough for a terminal of 100 columns: when (the time under
/// the days), where, what (its place and people under the title), and where each stands. In
/// Markdown, where a cell is one line, the parts follow one another instead. A planned or
/// confirmed event whose days are past (never said held or cancelled) stands out, and
/// [`footer`] counts them.
pub fn table(
    rows: &[EventRow],
    lang: Lang,
    calendar: Calendar,
    today: Date,
    names: &dyn Names,
    markdown: bool,
) -> Table {
    let (under, after) = match markdown {
        true => (" ", " · "),
        false => ("\n", "\n"),
    };
    let headers = match lang {
        Lang::En => ["date", "city", "id", "kind", "title", "status"],
        Lang::Fa => ["تاریخ", "شهر", "شناسه", "نوع", "عنوان", "وضعیت"],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![1, 4];
    // On a narrow terminal: the kind, then the city go first; date, id, title, status stay.
    table.drop = vec![3, 1];
    let text = |t: &str| lang.embed(t).into_owned();
    for row in rows {
        let tone = match row.status {
            EventStatus::Held | EventStatus::Cancelled => Tone::Dim,
            _ if past(row, today) => Tone::Warn,
            _ => Tone::Plain,
        };
        let status_tone = match row.status {
            EventStatus::Confirmed if tone == Tone::Plain => Tone::Good,
            _ => tone,
        };
        let mut when = days(row.date, row.end, calendar, lang);
        if let Some(time) = row.time {
            when.push_str(under);
            when.push_str(&localize_digits(&time.to_string(), lang));
        }
        let mut what = text(&row.title);
        if let Some(place) = &row.place {
            what.push_str(after);
            what.push_str(&text(place));
        }
        if !row.with.is_empty() {
            let people = row.with.iter().map(|id| text(&names.person(&row.city, id)));
            what.push_str(after);
            what.push_str(lang.pick("with ", "با "));
            what.push_str(&lang.join(people));
        }
        table.push(vec![
            (when, tone),
            (text(&names.city(&row.city)), tone),
            (text(&row.id), tone),
            (row.kind.label(lang).to_owned(), tone),
            (what, tone),
            (row.status.label(lang).to_owned(), status_tone),
        ]);
    }
    table
}

/// Planned or confirmed, and every day of it before `today`.
fn past(row: &EventRow, today: Date) -> bool {
    row.status.is_pending() && row.end.unwrap_or(row.date) < today
}

/// Under the table: "4 events; 3 past, held or cancelled not shown (--all)", and how many
/// shown are past and still planned or confirmed.
pub fn footer(rows: &[EventRow], hidden: usize, lang: Lang, today: Date) -> Vec<String> {
    let shown = rows.len();
    let mut line = match lang {
        Lang::En if shown == 1 => "1 event".to_owned(),
        Lang::En => format!("{shown} events"),
        Lang::Fa => format!("{} رویداد", lang.num(shown)),
    };
    if hidden > 0 {
        line.push_str(&match lang {
            Lang::En => format!("; {hidden} past, held or cancelled not shown (--all)"),
            Lang::Fa => format!(
                "؛ {} رویداد گذشته، برگزارشده یا لغوشده نشان داده نشد ({})",
                lang.num(hidden),
                lang.embed("--all")
            ),
        });
    }
    let mut lines = vec![line];
    let unsaid = rows.iter().filter(|r| past(r, today)).count();
    if unsaid > 0 {
        lines.push(match lang {
            Lang::En => format!(
                "{unsaid} past {} still planned or confirmed: say how it went (`event held`) or cancel it (`event set --status cancelled`)",
                if unsaid == 1 { "event is" } else { "events are" }
            ),
            Lang::Fa => format!(
                "{} رویداد گذشته هنوز در برنامه یا قطعی است: برگزاری‌اش را ثبت کنید ({}) یا لغوش کنید ({})",
                lang.num(unsaid),
                lang.code("event held"),
                lang.code("event set --status cancelled")
            ),
        });
    }
    lines
}

/// The workbook's sheet: the city and people by name, the days as dates, the time as text.
pub fn sheet(rows: &[EventRow], lang: Lang, names: &dyn Names) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Events", "رویدادها"))
        .column(lang.pick("city", "شهر"), Kind::Text)
        .column(lang.pick("id", "شناسه"), Kind::Text)
        .column(lang.pick("date", "تاریخ"), Kind::Date)
        .column(lang.pick("end", "پایان"), Kind::Date)
        .column(lang.pick("time", "ساعت"), Kind::Text)
        .column(lang.pick("kind", "نوع"), Kind::Text)
        .column(lang.pick("title", "عنوان"), Kind::Text)
        .column(lang.pick("place", "مکان"), Kind::Text)
        .column(lang.pick("with", "با"), Kind::Text)
        .column(lang.pick("status", "وضعیت"), Kind::Text);
    for row in rows {
        let people: Vec<String> = row
            .with
            .iter()
            .map(|id| names.person(&row.city, id))
            .collect();
        sheet.push(vec![
            Cell::text(names.city(&row.city)),
            Cell::text(&row.id),
            Cell::date(Some(row.date)),
            Cell::date(row.end),
            Cell::opt(row.time.map(|t| t.to_string())),
            Cell::text(row.kind.label(lang)),
            Cell::text(&row.title),
            Cell::opt(row.place.clone()),
            Cell::text(lang.join(people)),
            Cell::text(row.status.label(lang)),
        ]);
    }
    sheet
}
