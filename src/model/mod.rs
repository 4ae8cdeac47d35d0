//! What a dossier and the settings hold: plain data, no I/O.

mod cldr;
pub mod country;
mod dossier;
pub mod languages;
mod pool;
pub mod read;
pub mod registry;
mod settings;
pub mod vocab;

pub use dossier::*;
pub use pool::{Candidate, Pool};
pub use settings::{Mailbox, MailboxError, ReportMail, Settings};

/// The JSON Schema (draft-07) of a dossier.
pub fn schema() -> schemars::Schema {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<Dossier>()
}

/// The JSON Schema (draft-07) of `pool.yaml`.
pub fn pool_schema() -> schemars::Schema {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<Pool>()
}

#[cfg(test)]
mod tests {
    /// The schema's country enum is `validate`'s list itself, not a copy.
    #[test]
    fn the_schema_lists_the_countries_validate_accepts() {
        let schema = serde_json::to_value(super::schema()).unwrap_or_default();
        let listed: Vec<&str> = schema["properties"]["country"]["enum"]
            .as_array()
            .map(|codes| codes.iter().filter_map(|c| c.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(listed, super::country::CODES);
    }
}
