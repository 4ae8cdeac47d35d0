mod set;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ReadinessCommand {
    /// Assess one of the six requirements for a city.
    Set(set::SetArgs),
}

impl ReadinessCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            ReadinessCommand::Set(args) => args.run(ctx),
        }
    }
}
