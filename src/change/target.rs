//! The dossier a change writes, and the entry it changes: found by name, or refused with
//! where the id is instead.

use std::path::PathBuf;

use crate::error::Error;
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::registry::{Key, dossier, pool};
use crate::query::cities;
use crate::workspace;

/// The dossier a write command changes.
pub struct Target {
    pub root: PathBuf,
    pub path: PathBuf,
    pub slug: String,
    /// The language of messages, for what the write says about the file.
    pub lang: Lang,
}

/// Finds CITY for a write in a workspace loaded for it. A dossier that does not read cleanly is
/// refused with its problems, even when only its file name matches, so a write never touches a
/// broken file.
pub fn target(ws: &workspace::Workspace, city: &str, lang: Lang) -> Result<Target> {
    let not_found = match cities::find(&ws.dossiers, city) {
        Ok(found) => {
            return Ok(Target {
                root: ws.root.clone(),
                path: found.path.clone(),
                slug: found.dossier.slug.clone(),
                lang,
            });
        }
        Err(not_found) => not_found,
    };
    match cities::broken_named(ws, city) {
        Some(b) => Err(crate::edit::refuse(
            &workspace::shown_path(&ws.root, &b.path),
            b.problems.clone(),
            lang,
        )),
        None => Err(not_found),
    }
}

/// The lists whose entries have ids, for finding one by id: a dossier's, and the pool's
/// candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Facilitator,
    Contact,
    Action,
    Opportunity,
    Event,
    Candidate,
}

impl Entry {
    /// The key of the list, in its document (the pool's for candidates).
    pub fn list(self) -> Key {
        match self {
            Entry::Facilitator => dossier::FACILITATORS,
            Entry::Contact => dossier::CONTACTS,
            Entry::Action => dossier::ACTIONS,
            Entry::Opportunity => dossier::OPPORTUNITIES,
            Entry::Event => dossier::EVENTS,
            Entry::Candidate => pool::CANDIDATES,
        }
    }

    /// The list's name, as the file spells it.
    pub fn key(self) -> &'static str {
        self.list().name
    }

    /// The entry in words, in the middle of a sentence.
    pub fn noun(self, lang: Lang) -> &'static str {
        match self {
            Entry::Facilitator => lang.pick("facilitator", "تسهیل‌گر"),
            Entry::Contact => lang.pick("contact", "رابط"),
            Entry::Action => lang.pick("action", "اقدام"),
            Entry::Opportunity => lang.pick("opportunity", "فرصت"),
            Entry::Event => lang.pick("event", "رویداد"),
            Entry::Candidate => lang.pick("candidate", "داوطلب"),
        }
    }

    /// `n` entries in words: `1 facilitator`, `3 contacts`, `۳ اقدام`.
    pub fn count(self, lang: Lang, n: usize) -> String {
        let noun = match lang {
            Lang::En if n != 1 => self.key(),
            _ => self.noun(lang),
        };
        format!("{} {noun}", lang.num(n))
    }

    /// The ids of this list in `dossier`, in file order (none of the pool's candidates).
    pub fn ids(self, dossier: &crate::model::Dossier) -> Vec<&str> {
        match self {
            Entry::Facilitator => dossier.facilitators.iter().map(|e| e.id.as_str()).collect(),
            Entry::Contact => dossier.contacts.iter().map(|e| e.id.as_str()).collect(),
            Entry::Action => dossier.actions.iter().map(|e| e.id.as_str()).collect(),
            Entry::Opportunity => dossier
                .opportunities
                .iter()
                .map(|e| e.id.as_str())
                .collect(),
            Entry::Event => dossier.events.iter().map(|e| e.id.as_str()).collect(),
            Entry::Candidate => Vec::new(),
        }
    }
}

/// The slugs of the cities other than `slug` whose list `entry` holds `id`.
pub fn other_cities(ws: &workspace::Workspace, slug: &str, entry: Entry, id: &str) -> Vec<String> {
    ws.dossiers
        .iter()
        .map(|l| &l.dossier)
        .filter(|d| d.slug != slug && entry.ids(d).contains(&id))
        .map(|d| d.slug.clone())
        .collect()
}

/// The error for an id that `slug` does not hold: where it is when other cities hold it
/// ("`maryam-rahimi` is in `florence`"), else the nearest id of this city ("did you mean").
pub fn unknown_id(ws: &workspace::Workspace, slug: &str, entry: Entry, id: &str) -> Error {
    let error = Error::usage(|lang: Lang| {
        let (city, value, noun) = (lang.code(slug), lang.code(id), entry.noun(lang));
        say!(
            lang,
            "{city} has no {noun} {value}",
            "{city} {noun}ی با شناسهٔ {value} ندارد"
        )
    });
    let elsewhere = other_cities(ws, slug, entry, id);
    if !elsewhere.is_empty() {
        return error.hint(|lang: Lang| {
            let (value, cities) = (lang.code(id), lang.code_list(&elsewhere));
            say!(lang, "{value} is in {cities}", "{value} در {cities} است")
        });
    }
    let here = ws
        .dossiers
        .iter()
        .find(|l| l.dossier.slug == slug)
        .map(|l| entry.ids(&l.dossier))
        .unwrap_or_default();
    error.did_you_mean(crate::text::suggest(id, here.iter().copied(), 1))
}

/// Whether the city `slug` holds `id` in the list `entry`.
pub fn holds(ws: &workspace::Workspace, slug: &str, entry: Entry, id: &str) -> bool {
    ws.dossiers
        .iter()
        .any(|l| l.dossier.slug == slug && entry.ids(&l.dossier).contains(&id))
}

/// "facilitator `x`", for messages.
pub fn entry_named(entry: Entry, id: &str) -> impl Fn(Lang) -> String + '_ {
    move |lang: Lang| format!("{} {}", entry.noun(lang), lang.code(id))
}

/// The dossier holds `place` (`facilitators[maryam]`), but not as a block mapping a write can
/// change line by line (a flow `{…}` or an alias): the analyst changes it by hand.
pub fn not_editable(place: &str) -> Error {
    Error::input(|lang: Lang| {
        let (place, edit) = (lang.code(place), lang.code("diplomat city edit"));
        say!(
            lang,
            "{place} is not written as a block mapping in the file, so it cannot be changed line by line; change it with {edit}",
            "{place} در فایل به شکل نگاشت بلوکی نوشته نشده است، پس خط به خط تغییر نمی‌کند؛ با {edit} تغییرش دهید"
        )
    })
}
