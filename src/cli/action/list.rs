use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::vocab::{ActionStatus, Owner};
use crate::query::actions::{self, Filter, Statuses};
use crate::query::cities;
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
            Format::Csv => render::actions::csv(&rows, ctx.today)?,
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
                let mut table = render::actions::table(&rows, lang, ctx.calendar, ctx.today, name);
                table
                    .footer
                    .push(render::actions::footer(&rows, hidden, lang));
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}
