//! The sheets several commands share, and the weekly report's workbook: built here from the
//! views, so that a command only picks them.

use jiff::civil::Date;

use super::{Book, Cell, Kind, Sheet};
use crate::calendar::Calendar;
use crate::i18n::Lang;
use crate::model::vocab::Requirement;
use crate::query::actions::ActionRow;
use crate::query::summary::Summary;
use crate::query::weekly::{Aim, PoolWeek, Weekly};
use crate::render::labels;

/// The short name chosen for a section's sheet whose heading is longer than Excel's 31
/// characters (a name is never cut: "Cities without an active facili").
fn sheet_name(key: &str, lang: Lang) -> Option<&'static str> {
    match key {
        "without_facilitator" => {
            Some(lang.pick("Without an active facilitator", "بدون تسهیل‌گر فعال"))
        }
        _ => None,
    }
}

/// The cities × requirements matrix: each requirement's status as its label, the items met
/// and the checklist's size as numbers.
pub fn readiness_matrix(s: &Summary, lang: Lang, city: impl Fn(&str) -> String) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Readiness", "آمادگی"))
        .column(lang.pick("slug", "شناسه"), Kind::Text)
        .column(lang.pick("city", "شهر"), Kind::Text);
    for requirement in Requirement::ALL {
        sheet = sheet.column(requirement.label(lang), Kind::Text);
    }
    sheet = sheet
        .column(lang.pick("met", "برآورده"), Kind::Number)
        .column(lang.pick("items", "موارد"), Kind::Number);
    for row in &s.matrix {
        let mut cells = vec![Cell::text(&row.slug), Cell::text(city(&row.slug))];
        cells.extend(
            Requirement::ALL
                .iter()
                .map(|r| Cell::opt(row.requirements.get(r).map(|st| st.label(lang)))),
        );
        cells.push(Cell::count(row.met));
        cells.push(Cell::count(row.total));
        sheet.push(cells);
    }
    sheet
}

/// The programme's six aims this week and the week before (the weekly report's first sheet too).
pub fn aims(aims: &[Aim], lang: Lang) -> Sheet {
    let labels = labels::labels(lang);
    let label = |key: &str| labels.get(key).copied().unwrap_or(key).to_owned();
    let mut sheet = Sheet::new(label("aims"))
        .column(lang.pick("id", "شناسه"), Kind::Text)
        .column(label("aim"), Kind::Text)
        .column(label("this_period"), Kind::Number)
        .column(label("previous_period"), Kind::Number);
    for aim in aims {
        sheet.push(vec![
            Cell::text(aim.id),
            Cell::text(label(&format!("aim_{}", aim.id))),
            Cell::num(aim.value as f64),
            aim.previous.map_or(Cell::Empty, |p| Cell::num(p as f64)),
        ]);
    }
    sheet
}

/// A sheet of actions (the action list's, and the weekly report's): the city by name, the
/// due and done dates as dates, how many days late as a number, counted to `today` (the day
/// the rows were found overdue against: the report's, for a report).
pub fn actions(
    name: &str,
    rows: &[ActionRow],
    lang: Lang,
    today: Date,
    city: impl Fn(&str) -> String,
) -> Sheet {
    let mut sheet = Sheet::new(name)
        .column(lang.pick("city", "شهر"), Kind::Text)
        .column(lang.pick("id", "شناسه"), Kind::Text)
        .column(lang.pick("title", "عنوان"), Kind::Text)
        .column(lang.pick("owner", "مسئول"), Kind::Text)
        .column(lang.pick("due", "سررسید"), Kind::Date)
        .column(lang.pick("status", "وضعیت"), Kind::Text)
        .column(lang.pick("days overdue", "روزهای تأخیر"), Kind::Number)
        .column(lang.pick("done", "انجام"), Kind::Date);
    for row in rows {
        sheet.push(vec![
            Cell::text(city(&row.city)),
            Cell::text(&row.id),
            Cell::text(&row.title),
            Cell::text(row.owner.label(lang)),
            Cell::date(row.due),
            Cell::text(row.status.label(lang)),
            row.days_late(today).map_or(Cell::Empty, Cell::num),
            Cell::date(row.done),
        ]);
    }
    sheet
}

/// The weekly report as a workbook: one sheet per section, in the report's order, each named
/// by its heading (or a shorter name chosen for it, where the heading is longer than a sheet's
/// name may be). Days overdue are counted to `reference`, the day the report measures its
/// overdue actions against ([`Scope::reference`](crate::query::weekly::Scope::reference)):
/// today while the period runs, the day after it for a past one.
pub fn weekly(
    data: &Weekly,
    lang: Lang,
    cal: Calendar,
    reference: Date,
    city: impl Fn(&str) -> String,
) -> Book {
    let labels = labels::labels(lang);
    let label = |key: &str| labels.get(key).copied().unwrap_or(key).to_owned();
    let name = |key: &str| sheet_name(key, lang).map_or_else(|| label(key), str::to_owned);
    let mut book = Book::new(lang, cal).sheet(aims(&data.aims, lang));

    let mut sheet = Sheet::new(name("interactions"))
        .column(label("city"), Kind::Text)
        .column(label("date"), Kind::Date)
        .column(label("kind"), Kind::Text)
        .column(label("title"), Kind::Text)
        .column(lang.pick("participants", "شرکت‌کنندگان"), Kind::Text)
        .column(lang.pick("summary", "خلاصه"), Kind::Text);
    for row in &data.interactions {
        sheet.push(vec![
            Cell::text(city(&row.city)),
            Cell::Date(row.date),
            Cell::text(row.kind.label(lang)),
            Cell::text(&row.title),
            Cell::text(lang.list(&row.participants)),
            Cell::opt(row.summary.as_deref().map(str::trim_end)),
        ]);
    }
    book = book.sheet(sheet);

    let before = lang.pick("from", "از");
    let after = lang.pick("to", "به");
    let mut sheet = Sheet::new(name("relationship_changes"))
        .column(label("city"), Kind::Text)
        .column(label("date"), Kind::Date)
        .column(before, Kind::Text)
        .column(after, Kind::Text);
    for row in &data.relationship_changes {
        sheet.push(vec![
            Cell::text(city(&row.city)),
            Cell::Date(row.date),
            Cell::opt(row.from.map(|s| s.label(lang))),
            Cell::text(row.to.label(lang)),
        ]);
    }
    book = book.sheet(sheet);

    let mut sheet = Sheet::new(name("opportunity_moves"))
        .column(label("city"), Kind::Text)
        .column(label("id"), Kind::Text)
        .column(label("title"), Kind::Text)
        .column(label("date"), Kind::Date)
        .column(before, Kind::Text)
        .column(after, Kind::Text);
    for row in &data.opportunity_moves {
        sheet.push(vec![
            Cell::text(city(&row.city)),
            Cell::text(&row.id),
            Cell::text(&row.title),
            Cell::Date(row.date),
            Cell::opt(row.from.map(|s| s.label(lang))),
            Cell::text(row.to.label(lang)),
        ]);
    }
    book = book.sheet(sheet);

    for (key, rows) in [
        ("actions_completed", &data.actions_completed),
        ("actions_due", &data.actions_due),
        ("actions_overdue", &data.actions_overdue),
    ] {
        book = book.sheet(actions(&name(key), rows, lang, reference, &city));
    }

    let mut sheet = Sheet::new(name("readiness"))
        .column(label("city"), Kind::Text)
        .column(label("met"), Kind::Number)
        .column(lang.pick("items", "موارد"), Kind::Number)
        .column(
            lang.pick("met when the period began", "برآورده در آغاز دوره"),
            Kind::Number,
        );
    for row in &data.readiness {
        sheet.push(vec![
            Cell::text(city(&row.slug)),
            Cell::count(row.met),
            Cell::count(row.total),
            row.previous.map_or(Cell::Empty, Cell::count),
        ]);
    }
    book = book.sheet(sheet);

    for (key, slugs) in [
        ("going_cold", &data.going_cold),
        ("without_facilitator", &data.without_facilitator),
    ] {
        let mut sheet = Sheet::new(name(key))
            .column(lang.pick("slug", "شناسه"), Kind::Text)
            .column(label("city"), Kind::Text);
        for slug in slugs {
            sheet.push(vec![Cell::text(slug), Cell::text(city(slug))]);
        }
        book = book.sheet(sheet);
    }

    if let Some(pool) = &data.pool {
        book = book.sheet(pool_sheet(pool, &name("pool"), lang, &city));
    }

    let mut sheet = Sheet::new(name("changes"))
        .column(label("date"), Kind::Date)
        .column(label("author"), Kind::Text)
        .column(label("subject"), Kind::Text)
        .column(label("cities"), Kind::Text)
        .column(label("what_changed"), Kind::Text);
    for change in &data.changes {
        let details: Vec<String> = change
            .details
            .iter()
            .map(|d| crate::text::strip_isolates(d).into_owned())
            .collect();
        sheet.push(vec![
            Cell::Date(change.date),
            Cell::text(&change.author),
            Cell::text(&change.subject),
            Cell::text(lang.list(&change.cities.iter().map(|s| city(s)).collect::<Vec<_>>())),
            Cell::text(details.join("\n")),
        ]);
    }
    book = book.sheet(sheet);

    let mut sheet = Sheet::new(name("warnings")).column(label("warnings"), Kind::Text);
    for warning in &data.warnings {
        sheet.push(vec![Cell::text(warning)]);
    }
    book.sheet(sheet)
}

/// The pool's week: each sign-up of the period, then each candidate assigned, one row each
/// (the name in the report's language where the pool has it).
fn pool_sheet(pool: &PoolWeek, title: &str, lang: Lang, city: &impl Fn(&str) -> String) -> Sheet {
    let labels = labels::labels(lang);
    let label = |key: &str| labels.get(key).copied().unwrap_or(key).to_owned();
    let mut sheet = Sheet::new(title)
        .column(lang.pick("what", "چه"), Kind::Text)
        .column(label("id"), Kind::Text)
        .column(lang.pick("name", "نام"), Kind::Text)
        .column(label("date"), Kind::Date)
        .column(label("city"), Kind::Text)
        .column(label("status"), Kind::Text)
        .column(lang.pick("source", "منبع"), Kind::Text);
    let shown = |name: &str, fa: &Option<String>| match (lang, fa) {
        (Lang::Fa, Some(fa)) => fa.clone(),
        _ => name.to_owned(),
    };
    for s in &pool.sign_ups {
        sheet.push(vec![
            Cell::text(lang.pick("signed up", "ثبت‌نام")),
            Cell::text(&s.id),
            Cell::text(shown(&s.name, &s.name_fa)),
            Cell::Date(s.signed_up),
            Cell::Empty,
            Cell::Empty,
            Cell::opt(s.source.as_deref()),
        ]);
    }
    for a in &pool.assigned {
        sheet.push(vec![
            Cell::text(lang.pick("assigned", "پذیرفته‌شده")),
            Cell::text(&a.id),
            Cell::text(shown(&a.name, &a.name_fa)),
            Cell::Date(a.since),
            Cell::text(city(&a.city)),
            Cell::text(a.status.label(lang)),
            Cell::Empty,
        ]);
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sheet of the weekly workbook is named in full, within Excel's 31 characters.
    #[test]
    fn every_weekly_sheet_name_fits_whole() {
        for lang in [Lang::En, Lang::Fa] {
            let labels = labels::labels(lang);
            for key in [
                "aims",
                "interactions",
                "relationship_changes",
                "opportunity_moves",
                "actions_completed",
                "actions_due",
                "actions_overdue",
                "readiness",
                "going_cold",
                "without_facilitator",
                "pool",
                "changes",
                "warnings",
            ] {
                let name = sheet_name(key, lang).unwrap_or_else(|| labels[key]);
                assert!(name.chars().count() <= 31, "{key}: {name}");
            }
        }
    }
}
