mod add;
mod remove;
mod set;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add one at the end of the city's list.
    Add(add::AddArgs),
    /// Change a contact's name, role, organization, languages or contact details.
    Set(set::SetArgs),
    /// Remove a contact no interaction or review names.
    Remove(remove::RemoveArgs),
}

impl ContactCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            ContactCommand::Add(args) => args.run(ctx),
            ContactCommand::Set(args) => args.run(ctx),
            ContactCommand::Remove(args) => args.run(ctx),
        }
    }
}
