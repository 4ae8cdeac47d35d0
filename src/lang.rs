//! The two languages of the programme's office, chosen once per run (`--lang` or `language:`).

use serde::{Deserialize, Serialize};

/// Output language: labels, names and digits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fa,
}

impl Lang {
    /// Picks the English or the Persian text.
    pub fn pick<'a>(self, en: &'a str, fa: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fa => fa,
        }
    }
}
