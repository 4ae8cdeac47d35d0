//! The changes between two versions of a dossier file, as `diplomat diff` and the weekly
//! report's commits say them.

use std::path::Path;

use super::{Details, Said};
use crate::git::history::{Tell, Version};

/// The changes between two versions of a dossier file; one that does not read says so.
pub fn dossier_changes(before: Option<&[u8]>, after: Option<&[u8]>, said: &Said) -> Vec<String> {
    let lang = said.lang;
    let read = |bytes: Option<&[u8]>| -> Version {
        match bytes {
            None => Ok(None),
            Some(b) => match crate::yaml::parse(Path::new("dossier.yaml"), b, lang) {
                Ok(node) => Ok(Some(node.map_or(serde_json::Value::Null, |n| n.to_json()))),
                Err(_) => Err(()),
            },
        }
    };
    version_changes(read(before), read(after), said)
}

/// The changes between two versions of a dossier, read as trees (`Err` when one does not read).
fn version_changes(before: Version, after: Version, said: &Said) -> Vec<String> {
    let lang = said.lang;
    match (before, after) {
        (Ok(b), Ok(a)) => super::changes(b.as_ref(), a.as_ref(), said),
        (_, Err(())) => vec![say!(
            lang,
            "cannot be read (see {validate})",
            "خوانده نمی‌شود ({validate} را ببینید)",
            validate = lang.code("diplomat validate")
        )],
        (Err(()), Ok(_)) => vec![
            lang.pick("can be read again", "دوباره خوانده می‌شود")
                .to_owned(),
        ],
    }
}

/// A commit's changes of a dossier, each line after its slug (`barcelona: action a-xyz
/// done`); kept in the memo only when they show no contact details.
impl Tell for Said<'_> {
    fn key(&self) -> Option<String> {
        matches!(self.details, Details::Hidden)
            .then(|| format!("{:?}\0{:?}", self.lang, self.calendar))
    }

    fn tell(&self, slug: &str, before: Version, after: Version) -> Vec<String> {
        version_changes(before, after, self)
            .into_iter()
            .map(|line| format!("{}: {line}", self.lang.embed(slug)))
            .collect()
    }
}
