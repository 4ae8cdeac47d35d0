mod list;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    // The about text and help come from `list::ListArgs`'s doc comment.
    List(list::ListArgs),
}

impl ActionCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            ActionCommand::List(args) => args.run(ctx),
        }
    }
}
