use clap::Args;
use jiff::civil::Date;
use serde::Serialize;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::i18n::Lang;
use crate::i18n::localize_digits;
use crate::model::vocab::{ActionStatus, Owner};
use crate::query::actions::{self, ActionRow, Filter, Statuses};
use crate::query::cities;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Book, sheets};
use crate::render::{self, Format};

/// The joint action plan across cities, by due date; overdue actions stand out.
///
/// One row per action, sorted by due date (actions without one last), then city, then id.
///
/// By default only open actions are listed (open, in progress, blocked); done and dropped ones
/// are hidden and counted below the table. `--status` picks statuses instead (repeat it for
/// several); `--all` lists every action. An action is overdue when it is open and its due date
/// is before today; overdue rows are shown in red, with how many days late they are.
///
/// Dates on the command line may be Gregorian (`2026-12-31`), Solar Hijri (`1405/10/10`), in
/// Persian or ASCII digits, or `today`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat action list\n  diplomat action list --overdue\n  diplomat action list --city barcelona --owner chamber\n  diplomat action list --due-before 1405/10/01\n  diplomat action list --status done --format json\n  diplomat --lang fa --calendar jalali action list"
)]
pub struct ListArgs {
    /// Only this city's actions (slug or any of its names).
    #[arg(long, value_name = "CITY", add = crate::cli::city_completer())]
    city: Option<String>,
    /// Only actions carried by this owner.
    #[arg(long, value_enum, value_name = "O")]
    owner: Option<Owner>,
    /// Only actions with this status, instead of the open ones (repeat for several).
    #[arg(long, value_enum, value_name = "S")]
    status: Vec<ActionStatus>,
    /// Every action, done and dropped ones too.
    #[arg(long, conflicts_with = "status")]
    all: bool,
    /// Only overdue actions: open, with a due date before today.
    #[arg(long)]
    overdue: bool,
    /// Only actions due before DATE (not on it); actions without a due date are left out.
    #[arg(long, value_name = "DATE")]
    due_before: Option<String>,
    #[command(flatten)]
    output: ListOutput,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let due_before = self
            .due_before
            .as_deref()
            .map(|text| crate::cli::write::date(ctx, text, "--due-before"))
            .transpose()?;
        let ws = ctx.load()?;
        let city = match &self.city {
            Some(query) => Some(cities::find_in(&ws, query)?.dossier.slug.clone()),
            None => None,
        };
        let statuses = if self.all {
            Statuses::All
        } else if self.status.is_empty() {
            Statuses::Open
        } else {
            Statuses::These(self.status)
        };
        let mut filter = Filter {
            city,
            owner: self.owner,
            statuses,
            overdue: self.overdue,
            due_before,
        };
        let dossiers = || ws.dossiers.iter().map(|l| &l.dossier);
        let rows = actions::rows(dossiers(), &filter, ctx.today);
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => {
                let today = ctx.today;
                let rows: Vec<CsvRow> = rows
                    .iter()
                    .map(|row| CsvRow {
                        row,
                        days_overdue: row.days_late(today),
                    })
                    .collect();
                render::csv::records(render::csv::ACTIONS, &rows)?
            }
            Format::Xlsx => {
                let lang = ctx.lang;
                let name = |slug: &str| crate::cli::output::city_name(&ws, slug, lang);
                let sheet = sheets::actions(
                    lang.pick("Actions", "اقدام‌ها"),
                    &rows,
                    lang,
                    ctx.today,
                    name,
                );
                let book = Book::new(lang, ctx.calendar).sheet(sheet);
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                // What the default view leaves out, so nobody mistakes it for the whole plan.
                let hidden = if filter.statuses == Statuses::Open {
                    filter.statuses = Statuses::All;
                    actions::rows(dossiers(), &filter, ctx.today).len() - rows.len()
                } else {
                    0
                };
                let lang = ctx.lang;
                // People read names; the slug stays in JSON, YAML and CSV.
                let name = |slug: &str| crate::cli::output::city_name(&ws, slug, lang);
                let mut table = table(&rows, lang, ctx.today, |d| ctx.format_date(d), name);
                table.footer.push(footer(&rows, hidden, lang));
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}

/// A CSV row: the JSON row and how many days late an overdue action is.
#[derive(Serialize)]
struct CsvRow<'a> {
    #[serde(flatten)]
    row: &'a ActionRow,
    days_overdue: Option<i32>,
}

fn num(n: impl std::fmt::Display, lang: Lang) -> String {
    localize_digits(&n.to_string(), lang).into_owned()
}

fn table(
    rows: &[ActionRow],
    lang: Lang,
    today: Date,
    date: impl Fn(Date) -> String,
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
            (row.due.map(&date).unwrap_or_else(|| "—".into()), tone),
            (row.status.label(lang).to_owned(), status_tone),
            (late, tone),
        ]);
    }
    table
}

/// "5 actions, 2 overdue; 3 done or dropped not shown (--all)".
fn footer(rows: &[ActionRow], hidden: usize, lang: Lang) -> String {
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
