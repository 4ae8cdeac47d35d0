//! What a dossier and the settings hold: plain data, no I/O.

mod dossier;
pub mod keys;
pub mod read;
mod settings;
pub mod vocab;

pub use dossier::*;
pub use settings::Settings;

/// The JSON Schema (draft-07) of a dossier.
pub fn schema() -> schemars::Schema {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<Dossier>()
}
