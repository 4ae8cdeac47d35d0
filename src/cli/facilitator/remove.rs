use clap::Args;

use crate::change::{Entry, person};
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;

/// Remove a facilitator from a city: the entry goes, with the comment lines that belong to it.
///
/// Refused while an interaction, review or event of the city names the person: those records
/// stay linked to real people. To retire a facilitator, use `facilitator set … --status inactive`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat facilitator remove florence sara-ahmadi")]
pub struct RemoveArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The person's id.
    id: String,
}

impl RemoveArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        remove(ctx, &self.city, &self.id, Entry::Facilitator)
    }
}

/// `facilitator remove` and `contact remove`.
pub fn remove(ctx: &mut Ctx, city: &str, id: &str, entry: Entry) -> Result<Outcome> {
    let (_, target) = write::load_entry(ctx, city, entry, id)?;
    let applied = person::remove(&write::writer(ctx, &target), &target, entry, id)?;
    write::finish(ctx, &applied, [])?;
    Ok(Outcome::Ok)
}
