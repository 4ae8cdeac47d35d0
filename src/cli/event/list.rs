use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::vocab::EventStatus;
use crate::query::cities;
use crate::query::events::{self, Filter};
use crate::render::xlsx::Book;
use crate::render::{self, Format};
use crate::workspace::Workspace;

/// The planned events across cities, in date order: meetings, visits, delegations,
/// exhibitions, review sessions.
///
/// By default what is coming: events planned or confirmed with a day from today on (an event
/// of several days stays listed until its last day); the others are counted below the table.
/// `--from`, `--to` and `--status` (repeat it) choose instead; `--all` lists every event, past,
/// held and cancelled ones too. A planned or confirmed event whose days are past is marked, to
/// be said held (`event held`) or cancelled.
///
/// Dates on the command line may be Gregorian (`2026-12-31`), Solar Hijri (`1405/10/10`), in
/// Persian or ASCII digits, or `today`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat event list\n  diplomat event list --city barcelona --city kazan\n  diplomat event list --from 1405/10/01 --to 1405/10/30\n  diplomat event list --all --status held\n  diplomat event list --format json\n  diplomat --lang fa --calendar jalali event list"
)]
pub struct ListArgs {
    /// Only this city's events (slug or any of its names); repeat for several.
    #[arg(long, value_name = "C", add = crate::cli::city_completer())]
    city: Vec<String>,
    /// Only events with a day on or after D (default today).
    #[arg(long, value_name = "D")]
    from: Option<String>,
    /// Only events beginning on or before D.
    #[arg(long, value_name = "D")]
    to: Option<String>,
    /// Only events with this status (default planned and confirmed); repeat for several.
    #[arg(long, value_enum, value_name = "S")]
    status: Vec<EventStatus>,
    /// Every event: past ones, held and cancelled ones too (`--from`, `--to` and `--status`
    /// still choose among them).
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    output: ListOutput,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let from = crate::cli::write::opt_date(ctx, self.from.as_deref(), "--from")?;
        let to = crate::cli::write::opt_date(ctx, self.to.as_deref(), "--to")?;
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(Error::usage(|lang: Lang| {
                let (f, t) = (lang.code("--from"), lang.code("--to"));
                say!(lang, "{f} is after {t}", "{f} پس از {t} است")
            }));
        }
        let ws = ctx.load()?;
        let mut cities = Vec::new();
        for query in &self.city {
            let slug = cities::find_in(&ws, query)?.dossier.slug.clone();
            if !cities.contains(&slug) {
                cities.push(slug);
            }
        }
        // What was asked; the defaults fill what was not (unless `--all`).
        let asked = Filter {
            cities,
            from,
            to,
            statuses: self.status,
        };
        let mut filter = asked.clone();
        if !self.all {
            let upcoming = Filter::upcoming(ctx.today);
            filter.from = filter.from.or(upcoming.from);
            if filter.statuses.is_empty() {
                filter.statuses = upcoming.statuses;
            }
        }
        let dossiers = || ws.dossiers.iter().map(|l| &l.dossier);
        let rows = events::rows(dossiers(), &filter);
        let lang = ctx.lang;
        let names = Shown { ws: &ws, lang };
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => render::csv::records(render::events::CSV, &rows)?,
            Format::Xlsx => {
                let book =
                    Book::new(lang, ctx.calendar).sheet(render::events::sheet(&rows, lang, &names));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                // What the defaults leave out, so nobody takes the list for every event.
                let hidden = events::rows(dossiers(), &asked).len() - rows.len();
                let calendar = ctx.calendar;
                let markdown = format == Format::Markdown;
                let mut table =
                    render::events::table(&rows, lang, calendar, ctx.today, &names, markdown);
                table
                    .footer
                    .extend(render::events::footer(&rows, hidden, lang, ctx.today));
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}

/// The names of the workspace's cities and people, in the reader's language.
struct Shown<'w> {
    ws: &'w Workspace,
    lang: Lang,
}

impl render::events::Names for Shown<'_> {
    fn city(&self, slug: &str) -> String {
        crate::cli::output::city_name(self.ws, slug, self.lang)
    }

    fn person(&self, slug: &str, id: &str) -> String {
        self.ws
            .dossiers
            .iter()
            .map(|l| &l.dossier)
            .find(|d| d.slug == slug)
            .and_then(|d| d.person_name(id, self.lang))
            .unwrap_or(id)
            .to_owned()
    }
}
