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

static MESSAGES: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Chooses, once per run, the language of messages: `--lang`, else `language:` in
/// diplomat.yaml, else a Persian locale (`LANG=fa_IR.UTF-8`), else English.
pub fn set_messages(lang: Lang) {
    let _ = MESSAGES.set(lang);
}

/// The language messages are said in.
pub fn messages() -> Lang {
    *MESSAGES.get_or_init(|| {
        let persian = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .is_some_and(|locale| locale.starts_with("fa"));
        if persian { Lang::Fa } else { Lang::En }
    })
}
