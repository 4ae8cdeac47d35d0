mod list;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum FacilitatorCommand {
    /// Facilitators across all cities, one row per person, with the cities they serve.
    List(list::ListArgs),
}

impl FacilitatorCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            FacilitatorCommand::List(args) => args.run(ctx),
        }
    }
}
