use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::vocab::RelationStatus;
use crate::query::cities::{self, CityRow, Filter};
use crate::render::xlsx::Book;
use crate::render::{self, Format};

/// One row per city: slug, name, country, status, signed, readiness, active facilitators, last
/// contact, open and overdue actions.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat city list --status dormant\n  diplomat city list --country RU --format json\n  diplomat --lang fa city list"
)]
pub struct ListArgs {
    /// Only cities whose relationship has this status.
    #[arg(long, value_enum)]
    status: Option<RelationStatus>,
    /// Only cities of this country (ISO code, e.g. `ES`).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Only cities with this sector of cooperation.
    #[arg(long, value_name = "X")]
    sector: Option<String>,
    #[command(flatten)]
    output: ListOutput,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        // Each dossier becomes its row as it is loaded: the dossiers are never all held at once.
        let mut ws = ctx.open()?;
        let checklist = ctx.checklist(&ws)?;
        let context = ctx.check_context(&ws);
        let filter = Filter {
            status: self.status,
            country: self.country,
            sector: self.sector,
        };
        let rows: Vec<CityRow> = ctx
            .map_dossiers(&mut ws, |l| {
                filter
                    .keeps(&l.dossier)
                    .then(|| cities::row(&l.dossier, &checklist, context))
            })?
            .into_iter()
            .flatten()
            .collect();
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => render::csv::records(render::csv::CITIES, &rows)?,
            Format::Xlsx => {
                let lang = ctx.lang;
                let bytes = Book::new(lang, ctx.calendar)
                    .sheet(render::cities::sheet(&rows, lang))
                    .to_bytes()?;
                self.output.emit(ctx, &bytes)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let mut table = render::cities::table(&rows, ctx.lang, ctx.calendar);
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}
