use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::vocab::{Owner, Stage};
use crate::query::cities;
use crate::query::opportunities::{self, Filter};
use crate::render::xlsx::Book;
use crate::render::{self, Format};

/// The pipeline of trade and investment opportunities across cities, with how long each has
/// been at its stage.
///
/// One row per opportunity, down the pipeline (idea, exploring, negotiating, agreed, closed,
/// lost), then by city. `since` is the date of the last stage change recorded in the
/// opportunity's `history:` (`opportunity set --stage` records it); `days_in_stage` counts the
/// days from then to today.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat opportunity list\n  diplomat opportunity list --stage negotiating --stage agreed\n  diplomat opportunity list --city barcelona --sector handicrafts --format json"
)]
pub struct ListArgs {
    /// Only this city's opportunities (slug or any of its names).
    #[arg(long, value_name = "CITY", add = crate::cli::city_completer())]
    city: Option<String>,
    /// Only opportunities at this stage (repeat for several).
    #[arg(long, value_enum, value_name = "S")]
    stage: Vec<Stage>,
    /// Only opportunities of this sector.
    #[arg(long, value_name = "S")]
    sector: Option<String>,
    /// Only opportunities led by this side.
    #[arg(long, value_enum, value_name = "O")]
    lead: Option<Owner>,
    #[command(flatten)]
    output: ListOutput,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let ws = ctx.load()?;
        let city = match &self.city {
            Some(query) => Some(cities::find(&ws.dossiers, query)?.dossier.slug.clone()),
            None => None,
        };
        let filter = Filter {
            city,
            stages: self.stage,
            sector: self.sector,
            lead: self.lead,
        };
        let rows = opportunities::rows(ws.dossiers.iter().map(|l| &l.dossier), &filter, ctx.today);
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => render::csv::records(render::csv::OPPORTUNITIES, &rows)?,
            Format::Xlsx => {
                let lang = ctx.lang;
                let name = |slug: &str| crate::cli::output::city_name(&ws, slug, lang);
                let book = Book::new(lang, ctx.calendar)
                    .sheet(render::opportunities::sheet(&rows, lang, name));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let lang = ctx.lang;
                let mut table = render::opportunities::table(&rows, lang, ctx.calendar);
                table
                    .footer
                    .push(render::opportunities::footer(rows.len(), lang));
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}
