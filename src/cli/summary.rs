use clap::Args;

use super::{Ctx, Outcome};
use crate::cli::output::ListOutput;
use crate::error::Result;
use crate::query::summary;
use crate::query::weekly::{self, Period};
use crate::render::xlsx::{Book, sheets};
use crate::render::{self, Format};

/// Portfolio overview: counts and a cities × requirements readiness matrix.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  diplomat summary\n  diplomat summary --format json")]
pub struct SummaryArgs {
    #[command(flatten)]
    output: ListOutput,
}

impl SummaryArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let ws = ctx.load()?;
        let checklist = ctx.checklist(&ws)?;
        let mut summary = summary::summarize(&ws.dossiers, &checklist, ctx.check_context(&ws));
        let (from, to) = crate::calendar::week_containing(ctx.today, ws.settings.week_start);
        let dossiers: Vec<_> = ws.dossiers.iter().map(|l| &l.dossier).collect();
        summary.aims = weekly::aims(&dossiers, Period { from, to }, ws.settings.stale_after_days);
        let lang = ctx.lang;
        let text = match format {
            Format::Json => render::json(&summary)?,
            Format::Yaml => render::yaml(&summary)?,
            // The matrix, one row per city: the counts are in the JSON.
            Format::Csv => render::csv::records(&render::csv::readiness_matrix(), &summary.matrix)?,
            Format::Xlsx => {
                let name = |slug: &str| crate::cli::output::city_name(&ws, slug, lang);
                let book = Book::new(lang, ctx.calendar)
                    .sheet(sheets::readiness_matrix(&summary, lang, name))
                    .sheet(sheets::aims(&summary.aims, lang));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let note = ctx.broken_note(&ws);
                match format {
                    Format::Markdown => render::summary::markdown(&summary, note, lang),
                    _ => render::summary::terminal(&summary, note, lang, ctx.width, ctx.color),
                }
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}
