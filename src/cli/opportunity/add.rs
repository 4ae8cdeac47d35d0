use clap::Args;

use crate::change;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::Opportunity;
use crate::model::vocab::{Owner, Stage};

/// Add a trade or investment opportunity; prints its new id.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat opportunity add barcelona \"Handicrafts showroom\" --sector handicrafts --lead chamber"
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    title: String,
    /// The sector, e.g. `tourism`, `handicrafts`.
    #[arg(long)]
    sector: String,
    #[arg(long, value_enum, default_value_t = Stage::Idea)]
    stage: Stage,
    /// Who leads it.
    #[arg(long, value_enum)]
    lead: Option<Owner>,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let target = write::target(ctx, &self.city)?;
        let title = input::non_empty(&self.title, "the title")?;
        let sector = input::non_empty(&self.sector, "--sector")?;
        let new = Opportunity {
            id: String::new(),
            title,
            sector,
            stage: self.stage,
            lead: self.lead,
            history: Vec::new(),
        };
        let applied = change::opportunity::add(&write::writer(ctx, &target), &target, new)?;
        ctx.write(&format!("{}\n", applied.value))?;
        write::finish(ctx, &applied, [])?;
        Ok(Outcome::Ok)
    }
}
