mod add;
mod list;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum FacilitatorCommand {
    // The about text and help come from `list::ListArgs`'s doc comment.
    List(list::ListArgs),
    /// Add a facilitator to a city; prints the id.
    Add(add::AddArgs),
}

impl FacilitatorCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            FacilitatorCommand::List(args) => args.run(ctx),
            FacilitatorCommand::Add(args) => args.run(ctx),
        }
    }
}
