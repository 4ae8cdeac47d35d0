//! What diplomat reads into a model and writes back line by line: a dossier, or the pool.

use std::path::Path;

use crate::i18n::Lang;
use crate::model::registry;
use crate::model::{Dossier, Pool};
use crate::problem::Problem;
use crate::yaml;

/// A YAML file of the workspace with a model: how it is read (with every problem located),
/// where its top-level keys go, and what a write says of it when it does not read cleanly.
/// The write path ([`crate::edit`]), the layout ([`crate::layout`]) and the merge driver are
/// the same for every document; only this differs.
pub trait Document: Clone + PartialEq + Sized {
    /// The top-level keys, in schema order: where a missing list is created.
    const KEYS: &'static [&'static str];
    /// The text a write starts from when the file does not exist yet; `None` when a write
    /// needs the file (a dossier is made by `city new`, never by a write of an entry).
    const NEW: Option<&'static str>;

    /// Bytes → the model and its located tree, with every problem found; `shown` names the
    /// file in messages.
    fn parse(shown: &Path, bytes: &[u8], lang: Lang) -> Result<(Self, yaml::Node), Vec<Problem>>;

    /// Why a write refused the file: it does not read cleanly ([`Document::parse`]).
    fn refused(lang: Lang) -> String;
}

impl Document for Dossier {
    const KEYS: &'static [&'static str] = registry::DOSSIER;
    const NEW: Option<&'static str> = None;

    fn parse(shown: &Path, bytes: &[u8], lang: Lang) -> Result<(Self, yaml::Node), Vec<Problem>> {
        super::parse_dossier(shown, bytes, lang)
    }

    fn refused(lang: Lang) -> String {
        let command = lang.code("diplomat validate");
        say!(
            lang,
            "this dossier has problems, so it was not changed; fix them first ({command})",
            "این پرونده مشکل دارد، پس تغییر نکرد؛ نخست آن‌ها را برطرف کنید ({command})"
        )
    }
}

impl Document for Pool {
    const KEYS: &'static [&'static str] = registry::POOL;
    const NEW: Option<&'static str> = Some(NEW_POOL);

    fn parse(shown: &Path, bytes: &[u8], lang: Lang) -> Result<(Self, yaml::Node), Vec<Problem>> {
        super::parse_pool(shown, bytes, lang)
    }

    fn refused(lang: Lang) -> String {
        let command = lang.code("diplomat validate");
        say!(
            lang,
            "the pool has problems, so it was not changed; fix them first ({command})",
            "فهرست داوطلبان مشکل دارد، پس تغییر نکرد؛ نخست آن‌ها را برطرف کنید ({command})"
        )
    }
}

/// `pool.yaml` as the first write makes it.
const NEW_POOL: &str = "# The pool: citizens who offered to help and serve no city yet (`diplomat pool add`,\n# `diplomat import facilitators FILE`). Their contact details are private.\ncandidates: []\n";
