mod list;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum FacilitatorCommand {
    // The about text and help come from `list::ListArgs`'s doc comment.
    List(list::ListArgs),
}

impl FacilitatorCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            FacilitatorCommand::List(args) => args.run(ctx),
        }
    }
}
