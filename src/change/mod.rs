//! The only writer of dossiers: one typed change per record.
//!
//! A command file turns its arguments into a change (`action::Set`, `person::Add`, …) and
//! hands it to its record's function here, which finds the entry, edits the model and the
//! file's tree together ([`crate::edit`]: only its own lines, read back, atomic, locked), and
//! returns what it did ([`Applied`]): which files changed, what to say, the commit message. The
//! command then says it and, with `--commit`, commits it. Nothing here prints or parses flags.
//!
//! Every key written is named by the field registry ([`crate::model::registry`]), through
//! [`Fields`] for a change of an entry and [`crate::edit::MapBuilder`] for a new one.

pub mod action;
pub mod assign;
pub mod candidate;
pub mod event;
pub mod fields;
pub mod import;
pub mod interaction;
pub mod listed;
pub mod opportunity;
pub mod person;
pub mod readiness;
pub mod relationship;
pub mod review;
mod target;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::crypto::DataKey;
use crate::error::Result;
use crate::i18n::Lang;

pub use fields::Fields;
pub use target::{
    Entry, Target, entry_named, holds, not_editable, other_cities, target, unknown_id,
};

/// Who writes, where, and when: what every change needs besides itself.
pub struct Writer<'k> {
    pub root: PathBuf,
    /// The language of messages (what a change says, its errors).
    pub lang: Lang,
    pub today: Date,
    /// How dates are shown in what a change says.
    pub calendar: crate::calendar::Calendar,
    /// Opens the data key, for a change that writes an e-mail or phone into a workspace that
    /// encrypts them.
    pub keys: &'k dyn Keyring,
}

/// Opens the workspace's data key with the analyst's identity (the command line knows where
/// that is); `None` when the workspace does not encrypt contact details.
pub trait Keyring {
    fn data_key(&self, root: &Path) -> Result<Option<DataKey>>;
}

/// What a change did.
#[derive(Debug)]
pub struct Applied<T = ()> {
    /// The files whose bytes changed; none when the values asked for were there already.
    pub paths: Vec<PathBuf>,
    /// What to tell the analyst: what changed, or that nothing did (English, Persian).
    pub said: [String; 2],
    /// The commit message for `--commit`: `barcelona: action set a-7k2m (status)`.
    pub message: String,
    /// What the command prints besides (a new id), or reports further.
    pub value: T,
}

impl<T> Applied<T> {
    pub fn changed(&self) -> bool {
        !self.paths.is_empty()
    }
}

/// "what changed", worded once in both languages.
fn said(words: impl Fn(Lang) -> String) -> [String; 2] {
    crate::i18n::both(words)
}

impl Writer<'_> {
    /// A date as the analyst reads dates: in the chosen calendar, digits in `lang`.
    pub fn date(&self, date: Date, lang: Lang) -> String {
        crate::calendar::format_date(date, self.calendar, lang)
    }
}

/// "nothing changed" for a change to the values already there; `what` words the entry
/// ("facilitator `x`", "the relationship").
pub fn unchanged(what: impl Fn(Lang) -> String, slug: &str) -> [String; 2] {
    said(|lang: Lang| {
        let (what, city) = (what(lang), lang.code(slug));
        say!(
            lang,
            "{what} of {city} already has these values; nothing changed",
            "{what} در {city} همین مقادیر را دارد؛ چیزی تغییر نکرد"
        )
    })
}

/// Quotes a title for a commit message, shortened to keep the subject line readable.
pub fn quoted(title: &str) -> String {
    let short: String = title.chars().take(50).collect();
    if short.len() < title.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}
