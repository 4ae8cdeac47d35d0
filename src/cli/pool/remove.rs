use clap::Args;

use crate::change::candidate;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;

/// Remove a candidate from the pool: the entry goes, with the comment lines that belong to it.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat pool remove neda-ahmadi")]
pub struct RemoveArgs {
    /// The candidate's id (as `pool list` shows it).
    id: String,
}

impl RemoveArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let ws = ctx.load()?;
        let applied = candidate::remove(&write::writer_at(ctx, &ws.root), &ws, &self.id)?;
        write::finish(ctx, &applied, [])?;
        Ok(Outcome::Ok)
    }
}
