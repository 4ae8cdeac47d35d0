mod add;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Add one at the end of the city's list.
    Add(add::AddArgs),
}

impl ReviewCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            ReviewCommand::Add(args) => args.run(ctx),
        }
    }
}
