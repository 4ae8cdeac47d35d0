mod edit;
mod list;
mod new;
mod set;
mod show;

use clap::Subcommand;

use super::{Ctx, Outcome};
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum CityCommand {
    /// One row per city: status, readiness, facilitators, last contact, actions.
    List(list::ListArgs),
    /// The whole dossier, readable.
    Show(show::ShowArgs),
    /// Start a new dossier from the template.
    New(new::NewArgs),
    /// Edit the dossier in your editor; saved only when valid.
    Edit(edit::EditArgs),
    /// Change the relationship: status (kept in its history), kind, signing date, representatives, sectors.
    Set(set::SetArgs),
}

impl CityCommand {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        match self {
            CityCommand::List(args) => args.run(ctx),
            CityCommand::Show(args) => args.run(ctx),
            CityCommand::New(args) => args.run(ctx),
            CityCommand::Edit(args) => args.run(ctx),
            CityCommand::Set(args) => args.run(ctx),
        }
    }
}
