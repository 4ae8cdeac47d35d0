//! `action list` as a table for a terminal or a Markdown page with its count, and as CSV.
//! (The workbook's sheet, shared with the weekly report, is [`sheets::actions`].)
//!
//! [`sheets::actions`]: crate::render::xlsx::sheets::actions

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::{self, Calendar};
use crate::error::Result;
use crate::i18n::{Lang, localize_digits};
use crate::model::vocab::ActionStatus;
use crate::query::actions::ActionRow;
use crate::render::csv;
use crate::render::table::{Table, Tone};

/// A CSV row: the JSON row and how many days late an overdue action is.
#[derive(Serialize)]
struct CsvRow<'a> {
    #[serde(flatten)]
    row: &'a ActionRow,
    days_overdue: Option<i32>,
}

/// The CSV: the JSON's fields and how many days late each overdue action is on `today`.
pub fn csv(rows: &[ActionRow], today: Date) -> Result<String> {
    let rows: Vec<CsvRow> = rows
        .iter()
        .map(|row| CsvRow {
            row,
            days_overdue: row.days_late(today),
        })
        .collect();
    csv::records(csv::ACTIONS, &rows)
}

fn num(n: impl std::fmt::Display, lang: Lang) -> String {
    localize_digits(&n.to_string(), lang).into_owned()
}

/// The table, due dates in `calendar`, days late counted to `today`; `city` names a city from
/// its slug.
pub fn table(
    rows: &[ActionRow],
    lang: Lang,
    calendar: Calendar,
    today: Date,
    city: impl Fn(&str) -> String,
) -> Table {
    let headers = match lang {
        Lang::En => ["city", "id", "title", "owner", "due", "status", "overdue"],
        Lang::Fa => ["شهر", "شناسه", "عنوان", "مسئول", "سررسید", "وضعیت", "تأخیر"],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![0, 2, 5];
    // On a narrow terminal: the days overdue (the due date says it), the owner, then the city
    // go first; the id (what `action done` takes), the title, due date and status stay.
    table.drop = vec![6, 3, 0];
    for row in rows {
        let late = match row.days_late(today) {
            Some(1) if lang == Lang::En => "1 day".to_owned(),
            Some(days) => match lang {
                Lang::En => format!("{days} days"),
                Lang::Fa => format!("{} روز", num(days, lang)),
            },
            None => String::new(),
        };
        let tone = if row.overdue {
            Tone::Bad
        } else if !row.status.is_open() {
            Tone::Dim
        } else {
            Tone::Plain
        };
        let status_tone = match row.status {
            ActionStatus::Blocked if !row.overdue => Tone::Warn,
            _ => tone,
        };
        table.push(vec![
            (city(&row.city), tone),
            (row.id.clone(), tone),
            (row.title.clone(), tone),
            (row.owner.label(lang).to_owned(), tone),
            (
                row.due
                    .map(|d| calendar::format_date(d, calendar, lang))
                    .unwrap_or_else(|| "—".into()),
                tone,
            ),
            (row.status.label(lang).to_owned(), status_tone),
            (late, tone),
        ]);
    }
    table
}

/// "5 actions, 2 overdue; 3 done or dropped not shown (--all)".
pub fn footer(rows: &[ActionRow], hidden: usize, lang: Lang) -> String {
    let n = |v: usize| num(v, lang);
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let mut line = match lang {
        Lang::En if rows.len() == 1 => "1 action".to_owned(),
        Lang::En => format!("{} actions", n(rows.len())),
        Lang::Fa => format!("{} اقدام", n(rows.len())),
    };
    if overdue > 0 {
        line.push_str(&match lang {
            Lang::En => format!(", {} overdue", n(overdue)),
            Lang::Fa => format!("، {} معوق", n(overdue)),
        });
    }
    if hidden > 0 {
        line.push_str(&match lang {
            Lang::En => format!("; {} done or dropped not shown (--all)", n(hidden)),
            Lang::Fa => format!(
                "؛ {} انجام‌شده یا کنار گذاشته نشان داده نشد ({})",
                n(hidden),
                lang.embed("--all")
            ),
        });
    }
    line
}
