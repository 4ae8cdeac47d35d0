mod add;
mod done;
pub(crate) mod list;
mod set;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    // The about text and help come from `list::ListArgs`'s doc comment.
    List(list::ListArgs),
    /// Add an action to a city's plan; prints its id.
    Add(add::AddArgs),
    /// Mark an action done.
    Done(done::DoneArgs),
    /// Change an action's status, due date or owner.
    Set(set::SetArgs),
}

impl ActionCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            ActionCommand::List(args) => args.run(ctx),
            ActionCommand::Add(args) => args.run(ctx),
            ActionCommand::Done(args) => args.run(ctx),
            ActionCommand::Set(args) => args.run(ctx),
        }
    }
}
