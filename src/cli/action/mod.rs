mod list;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// The joint action plan across cities, by due date; overdue actions stand out.
    List(list::ListArgs),
}

impl ActionCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            ActionCommand::List(args) => args.run(ctx),
        }
    }
}
