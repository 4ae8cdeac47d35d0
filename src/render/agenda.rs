//! `agenda` as a table for a terminal or a Markdown page, and as a workbook sheet. (JSON, YAML
//! and CSV carry the rows as they are: slugs, ids and `YYYY-MM-DD`.)

use jiff::civil::Date;

use crate::calendar::Calendar;
use crate::i18n::{Lang, localize_digits};
use crate::query::agenda::{AgendaItem, Kind, Status};
use crate::render::events::days;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Cell, Kind as Column, Sheet};

/// The CSV columns: the JSON's keys (`people` joined with `;`).
pub const CSV: &[&str] = &[
    "date", "kind", "city", "id", "title", "status", "owner", "overdue", "people",
];

/// "12 days late", "۱۲ روز تأخیر".
fn late(days: i32, lang: Lang) -> String {
    match lang {
        Lang::En if days == 1 => "1 day late".to_owned(),
        Lang::En => format!("{days} days late"),
        Lang::Fa => format!("{} روز تأخیر", localize_digits(&days.to_string(), lang)),
    }
}

/// The agenda as a table narrow enough for a terminal of 100 columns: when (an event's days,
/// its time under them), the city, what kind of item (an action's owner under it), the title
/// (place and people under it) and where it stands. Overdue rows stand out, with how late they are. In
/// Markdown, where a cell is one line, the parts follow one another instead. `city` names a
/// city from its slug.
pub fn table(
    items: &[AgendaItem],
    lang: Lang,
    calendar: Calendar,
    today: Date,
    city: &dyn Fn(&str) -> String,
    markdown: bool,
) -> Table {
    let (under, after) = match markdown {
        true => (" ", " · "),
        false => ("\n", "\n"),
    };
    let headers = match lang {
        Lang::En => ["date", "city", "kind", "title", "status"],
        Lang::Fa => ["تاریخ", "شهر", "نوع", "عنوان", "وضعیت"],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![1, 3];
    // On a narrow terminal the kind goes first (the title says it), then the city.
    table.drop = vec![2, 1];
    let text = |t: &str| lang.embed(t).into_owned();
    for item in items {
        let tone = match (item.overdue, item.status) {
            (true, _) => Tone::Bad,
            (_, Status::Expires) => Tone::Warn,
            _ => Tone::Plain,
        };
        let mut when = days(item.date, item.end, calendar, lang);
        if let Some(time) = item.time {
            when.push_str(under);
            when.push_str(&localize_digits(&time.to_string(), lang));
        }
        let mut what = text(&item.title);
        if let Some(place) = &item.place {
            what.push_str(after);
            what.push_str(&text(place));
        }
        if !item.people.is_empty() && item.kind != Kind::FollowUp {
            what.push_str(after);
            what.push_str(lang.pick("with ", "با "));
            what.push_str(&lang.join(item.people.iter().map(|p| text(p))));
        }
        let mut kind = item.kind_label(lang).to_owned();
        if let Some(owner) = item.owner {
            kind.push_str(after);
            kind.push_str(owner.label(lang));
        }
        let mut status = item.status.label(lang).to_owned();
        if let Some(days) = item.days_late(today).filter(|d| *d > 0) {
            status.push_str(after);
            status.push_str(&late(days, lang));
        }
        table.push(vec![
            (when, tone),
            (text(&city(&item.city)), tone),
            (kind, tone),
            (what, tone),
            (status, tone),
        ]);
    }
    table
}

/// Under the table: "6 items from 2026-11-26 to 2026-12-10, 2 overdue".
pub fn footer(
    items: &[AgendaItem],
    from: Date,
    to: Date,
    calendar: Calendar,
    lang: Lang,
) -> String {
    let n = items.len();
    let overdue = items.iter().filter(|i| i.overdue).count();
    let (from, to) = (
        crate::calendar::format_date(from, calendar, lang),
        crate::calendar::format_date(to, calendar, lang),
    );
    let mut line = match lang {
        Lang::En if n == 1 => format!("1 item from {from} to {to}"),
        Lang::En => format!("{n} items from {from} to {to}"),
        Lang::Fa => format!("{} مورد از {from} تا {to}", lang.num(n)),
    };
    if overdue > 0 {
        line.push_str(&match lang {
            Lang::En => format!(", {overdue} overdue"),
            Lang::Fa => format!("، {} معوق", lang.num(overdue)),
        });
    }
    line
}

/// The workbook's sheet: the city by name, the days as dates.
pub fn sheet(items: &[AgendaItem], lang: Lang, city: &dyn Fn(&str) -> String) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Agenda", "برنامهٔ پیش رو"))
        .column(lang.pick("date", "تاریخ"), Column::Date)
        .column(lang.pick("end", "پایان"), Column::Date)
        .column(lang.pick("time", "ساعت"), Column::Text)
        .column(lang.pick("kind", "نوع"), Column::Text)
        .column(lang.pick("city", "شهر"), Column::Text)
        .column(lang.pick("id", "شناسه"), Column::Text)
        .column(lang.pick("title", "عنوان"), Column::Text)
        .column(lang.pick("owner", "مسئول"), Column::Text)
        .column(lang.pick("status", "وضعیت"), Column::Text)
        .column(lang.pick("overdue", "معوق"), Column::Text)
        .column(lang.pick("people", "افراد"), Column::Text);
    for item in items {
        sheet.push(vec![
            Cell::date(Some(item.date)),
            Cell::date(item.end),
            Cell::opt(item.time.map(|t| t.to_string())),
            Cell::text(item.kind_label(lang)),
            Cell::text(city(&item.city)),
            Cell::text(&item.id),
            Cell::text(&item.title),
            Cell::opt(item.owner.map(|o| o.label(lang))),
            Cell::text(item.status.label(lang)),
            Cell::text(match item.overdue {
                true => lang.pick("yes", "بله"),
                false => "",
            }),
            Cell::text(lang.join(item.people.iter().cloned())),
        ]);
    }
    sheet
}
