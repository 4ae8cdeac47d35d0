use clap::Args;

use super::{Ctx, Outcome};
use crate::error::Result;

/// Print the JSON Schema (draft-07) of a dossier, or with `--pool` of `pool.yaml`, for editor
/// autocompletion and validation (e.g. yaml-language-server in VS Code).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat schema > dossier.schema.json\n  diplomat schema --pool > pool.schema.json"
)]
pub struct SchemaArgs {
    /// The schema of the pool of candidates (`pool.yaml`) instead of a dossier's.
    #[arg(long)]
    pool: bool,
}

impl SchemaArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let schema = match self.pool {
            true => crate::model::pool_schema(),
            false => crate::model::schema(),
        };
        ctx.write(&crate::render::json(&schema)?)?;
        Ok(Outcome::Ok)
    }
}
