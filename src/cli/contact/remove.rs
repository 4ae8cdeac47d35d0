use clap::Args;

use crate::change::Entry;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;

/// Remove a contact from a city: the entry goes, with the comment lines that belong to it.
///
/// Refused while an interaction, review or event of the city names the person: those records
/// stay linked to real people.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat contact remove barcelona es-embassy-commercial")]
pub struct RemoveArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The person's id.
    id: String,
}

impl RemoveArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        crate::cli::facilitator::remove::remove(ctx, &self.city, &self.id, Entry::Contact)
    }
}
