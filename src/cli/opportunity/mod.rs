mod add;
mod list;
mod set;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum OpportunityCommand {
    // The about text and help come from `list::ListArgs`'s doc comment.
    List(list::ListArgs),
    /// Add one at the end of the city's list.
    Add(add::AddArgs),
    /// Move an opportunity to another stage, or change its lead, sector or title.
    Set(set::SetArgs),
}

impl OpportunityCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            OpportunityCommand::List(args) => args.run(ctx),
            OpportunityCommand::Add(args) => args.run(ctx),
            OpportunityCommand::Set(args) => args.run(ctx),
        }
    }
}
