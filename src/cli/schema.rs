use clap::Args;

use super::{Ctx, Outcome};
use crate::error::Result;

/// Print the JSON Schema (draft-07) of a dossier, for editor autocompletion and validation
/// (e.g. yaml-language-server in VS Code).
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat schema > dossier.schema.json")]
pub struct SchemaArgs {}

impl SchemaArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let text = crate::render::json(&crate::model::schema())?;
        ctx.write(&text)?;
        Ok(Outcome::Ok)
    }
}
