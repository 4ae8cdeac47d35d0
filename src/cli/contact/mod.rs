mod add;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add one at the end of the city's list.
    Add(add::AddArgs),
}

impl ContactCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            ContactCommand::Add(args) => args.run(ctx),
        }
    }
}
