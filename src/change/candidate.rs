//! The pool's candidates (`pool.yaml`): `pool add`, `set` and `remove`, and `import
//! facilitators` without `--city`.
//!
//! The pool is written as a dossier is ([`crate::edit`]: only its own lines, read back,
//! atomic, locked; the file made on the first write). A candidate's e-mail and phone are
//! sealed for the pool ([`crypto::POOL_SCOPE`]) when the workspace encrypts them. A candidate
//! serves no city yet, and names only cities the workspace has: both are checked before
//! anything is written.

use jiff::civil::Date;

use super::listed;
use super::person::{self, Details, Patch};
use super::{Applied, Entry, Fields, Writer, said};
use crate::crypto;
use crate::edit::{self, Draft};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::registry::candidate;
use crate::model::{Candidate, Pool};
use crate::workspace::{self, POOL_FILE, Workspace};

/// What `pool set` changes; `None` leaves a field as it is, `Some(None)` removes it, a list
/// given replaces the one stored (empty removes it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CandidateSet {
    pub name: Option<String>,
    pub name_fa: Option<Option<String>>,
    pub languages: Option<Vec<String>>,
    pub expertise: Option<Vec<String>>,
    pub connection: Option<Option<String>>,
    /// Slugs of cities the workspace has.
    pub interests: Option<Vec<String>>,
    pub signed_up: Option<Date>,
    pub source: Option<Option<String>>,
    pub notes: Option<Option<String>>,
    pub details: Details,
}

impl CandidateSet {
    /// Whether the change asks for anything at all.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl Patch for CandidateSet {
    type Person = Candidate;
    fn details(&self) -> &Details {
        &self.details
    }
    fn personal(&self) -> bool {
        self.name.is_some() || self.name_fa.is_some() || self.details.given()
    }
    fn apply(&self, f: &mut Fields, c: &mut Candidate, _: Date) {
        f.text(candidate::NAME, &mut c.name, self.name.as_ref());
        f.opt_text(candidate::NAME_FA, &mut c.name_fa, self.name_fa.as_ref());
        f.list(
            candidate::LANGUAGES,
            &mut c.languages,
            self.languages.as_ref(),
        );
        f.list(
            candidate::EXPERTISE,
            &mut c.expertise,
            self.expertise.as_ref(),
        );
        f.opt_text(
            candidate::CONNECTION,
            &mut c.connection,
            self.connection.as_ref(),
        );
        f.list(
            candidate::INTERESTS,
            &mut c.interests,
            self.interests.as_ref(),
        );
        f.date(candidate::SIGNED_UP, &mut c.signed_up, self.signed_up);
        f.opt_text(candidate::SOURCE, &mut c.source, self.source.as_ref());
        f.opt_text(candidate::NOTES, &mut c.notes, self.notes.as_ref());
    }
}

/// Appends `people` to the end of the pool, all or nothing, under one workspace lock (the
/// file is made if there is none); e-mails and phones sealed when the workspace encrypts them.
/// Refused, with nothing written, when one of them is a facilitator of a city already, names
/// a city the workspace does not have, or has the id of a candidate.
pub fn add(w: &Writer, ws: &Workspace, mut people: Vec<Candidate>) -> Result<Applied<Vec<String>>> {
    for c in &people {
        serves_no_city(ws, &c.id)?;
        names_cities(ws, c.interests.iter().map(String::as_str))?;
    }
    let lock = edit::lock(&w.root)?;
    let key = person::data_key(w, &lock, people.iter().any(|c| !c.contact.is_empty()))?;
    for c in &mut people {
        let plain = std::mem::take(&mut c.contact);
        c.contact = crypto::seal_contact(key.as_ref(), crypto::POOL_SCOPE, &c.id, plain, None);
    }
    let ids: Vec<String> = people.iter().map(|c| c.id.clone()).collect();
    let path = workspace::pool_path(&w.root);
    edit::change_document(&lock, &path, w.lang, |draft: &mut Draft<Pool>| {
        people.into_iter().try_for_each(|c| {
            if let Some(held) = draft.model.get(&c.id) {
                return Err(taken(&c.id, &held.name));
            }
            listed::push(draft, POOL_FILE, c)
        })
    })?;
    let shown = ids.join(", ");
    Ok(Applied {
        paths: vec![path],
        said: said(|lang: Lang| {
            let (noun, ids) = (noun(lang, ids.len()), lang.code(&shown));
            say!(
                lang,
                "added {noun} {ids} to the pool",
                "{noun} {ids} به فهرست داوطلبان افزوده شد"
            )
        }),
        message: format!("pool: candidate add {shown}"),
        value: ids,
    })
}

/// Changes the candidate `id`; the keys it changed. A change to the values already there
/// writes nothing and says so.
pub fn set(
    w: &Writer,
    ws: &Workspace,
    id: &str,
    patch: &CandidateSet,
) -> Result<Applied<Vec<&'static str>>> {
    if let Some(interests) = &patch.interests {
        names_cities(ws, interests.iter().map(String::as_str))?;
    }
    let lock = edit::lock(&w.root)?;
    let key = person::data_key(w, &lock, patch.details.given())?;
    let path = workspace::pool_path(&w.root);
    let changed = edit::change_document(&lock, &path, w.lang, |draft: &mut Draft<Pool>| {
        if draft.model.get(id).is_none() {
            return Err(unknown(ws, &draft.model, id));
        }
        person::apply(
            draft,
            (key.as_ref(), crypto::POOL_SCOPE, id),
            patch,
            w.today,
        )
    })?;
    if changed.is_empty() {
        return Ok(Applied {
            paths: Vec::new(),
            said: said(|lang: Lang| {
                let id = lang.code(id);
                say!(
                    lang,
                    "candidate {id} already has these values; nothing changed",
                    "داوطلب {id} همین مقادیر را دارد؛ چیزی تغییر نکرد"
                )
            }),
            message: String::new(),
            value: changed,
        });
    }
    let list = changed.join(", ");
    Ok(Applied {
        paths: vec![path],
        said: said(|lang: Lang| {
            let (id, list) = (lang.code(id), lang.embed(&list));
            say!(
                lang,
                "updated candidate {id} in the pool: {list}",
                "داوطلب {id} در فهرست داوطلبان به‌روز شد: {list}"
            )
        }),
        message: format!("pool: candidate set {id} ({list})"),
        value: changed,
    })
}

/// Removes the candidate `id` from the pool, with the comment lines that belong to the entry.
pub fn remove(w: &Writer, ws: &Workspace, id: &str) -> Result<Applied> {
    let path = workspace::pool_path(&w.root);
    let lock = edit::lock(&w.root)?;
    edit::change_document(&lock, &path, w.lang, |draft: &mut Draft<Pool>| {
        take(draft, ws, id).map(drop)
    })?;
    Ok(Applied {
        paths: vec![path],
        said: said(|lang: Lang| {
            let id = lang.code(id);
            say!(
                lang,
                "removed candidate {id} from the pool",
                "داوطلب {id} از فهرست داوطلبان برداشته شد"
            )
        }),
        message: format!("pool: candidate remove {id}"),
        value: (),
    })
}

/// Takes the candidate `id` out of the pool's draft, with the comment lines of their entry.
pub(super) fn take(draft: &mut Draft<Pool>, ws: &Workspace, id: &str) -> Result<Candidate> {
    let index = draft
        .model
        .candidates
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| unknown(ws, &draft.model, id))?;
    let candidate = draft.model.candidates.remove(index);
    let key = Entry::Candidate.key();
    let text = edit::remove_entry(&draft.text, key, index).ok_or_else(|| {
        Error::usage(|lang: Lang| {
            let (key, file) = (lang.code(format!("{key}:")), lang.code(POOL_FILE));
            say!(
                lang,
                "{key} is not written as a list of entries one under another, so it was not changed; edit {file} by hand",
                "{key} به شکل فهرستی از مدخل‌های زیر هم نوشته نشده است، پس تغییر نکرد؛ {file} را با دست ویرایش کنید"
            )
        })
    })?;
    draft.rewritten = Some(text);
    Ok(candidate)
}

/// The cities whose facilitators include `id` (the same id is the same person).
pub fn cities_serving<'w>(ws: &'w Workspace, id: &str) -> Vec<&'w str> {
    ws.dossiers
        .iter()
        .filter(|l| Entry::Facilitator.ids(&l.dossier).contains(&id))
        .map(|l| l.dossier.slug.as_str())
        .collect()
}

/// A candidate serves no city yet: an id that is a facilitator somewhere is that person.
fn serves_no_city(ws: &Workspace, id: &str) -> Result<()> {
    let cities: Vec<String> = cities_serving(ws, id)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if cities.is_empty() {
        return Ok(());
    }
    Err(Error::usage(move |lang: Lang| {
        let (id, list) = (lang.code(id), lang.code_list(&cities));
        say!(
            lang,
            "{id} is a facilitator of {list} already, and a candidate serves no city yet; nothing was written",
            "{id} از پیش تسهیل‌گر {list} است و داوطلب هنوز در خدمت شهری نیست؛ چیزی نوشته نشد"
        )
    })
    .hint(move |lang: Lang| {
        let command = lang.code(format!("diplomat facilitator add CITY --id {id} …"));
        let (value, flag) = (lang.code(id), lang.code("--id"));
        say!(
            lang,
            "the same id is the same person: to have {value} serve another city too, add them there ({command}); to file someone else, give another id with {flag}",
            "شناسهٔ یکسان یعنی همان فرد: برای آنکه {value} در شهر دیگری هم خدمت کند، او را آنجا بیفزایید ({command})؛ برای ثبت فرد دیگری، شناسهٔ دیگری با {flag} بدهید"
        )
    }))
}

/// Every slug of `interests` names a city of the workspace (a dossier, readable or not).
pub fn names_cities<'i>(
    ws: &Workspace,
    interests: impl IntoIterator<Item = &'i str>,
) -> Result<()> {
    let files = workspace::dossier_files(&ws.root);
    let slugs: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()))
        .map(str::to_owned)
        .collect();
    for interest in interests {
        if slugs.iter().any(|s| s == interest) {
            continue;
        }
        let interest = interest.to_owned();
        let near: Vec<String> =
            crate::text::suggest(&interest, slugs.iter().map(String::as_str), 1)
                .into_iter()
                .map(str::to_owned)
                .collect();
        return Err(Error::usage(move |lang: Lang| {
            let value = lang.code(&interest);
            say!(
                lang,
                "{value} is not a city of this workspace; nothing was written",
                "{value} شهری از این فضای کار نیست؛ چیزی نوشته نشد"
            )
        })
        .did_you_mean(near));
    }
    Ok(())
}

/// The id is a candidate's already.
fn taken(id: &str, name: &str) -> Error {
    let (id, name) = (id.to_owned(), name.to_owned());
    Error::usage(move |lang: Lang| {
        let (value, name) = (lang.code(&id), lang.embed(&name));
        say!(
            lang,
            "the pool already has a candidate {value} ({name}); nothing was written",
            "فهرست داوطلبان از پیش داوطلبی با شناسهٔ {value} ({name}) دارد؛ چیزی نوشته نشد"
        )
    })
    .hint(|lang: Lang| {
        let (flag, set) = (lang.code("--id"), lang.code("diplomat pool set"));
        say!(
            lang,
            "for someone else of the same name, give another id with {flag}; to change this candidate, use {set}",
            "برای فرد دیگری با همین نام، شناسهٔ دیگری با {flag} بدهید؛ برای تغییر این داوطلب، {set} را به کار ببرید"
        )
    })
}

/// The pool has no candidate `id`: where the id is instead (a facilitator of a city), else
/// the nearest candidate's id.
fn unknown(ws: &Workspace, pool: &Pool, id: &str) -> Error {
    let error = Error::usage(|lang: Lang| {
        let value = lang.code(id);
        say!(
            lang,
            "the pool has no candidate {value}",
            "فهرست داوطلبان داوطلبی با شناسهٔ {value} ندارد"
        )
    });
    let cities: Vec<String> = cities_serving(ws, id)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if !cities.is_empty() {
        return error.hint(move |lang: Lang| {
            let (value, list) = (lang.code(id), lang.code_list(&cities));
            say!(
                lang,
                "{value} is a facilitator of {list}",
                "{value} تسهیل‌گر {list} است"
            )
        });
    }
    let ids = pool.candidates.iter().map(|c| c.id.as_str());
    error.did_you_mean(crate::text::suggest(id, ids, 1))
}

/// "candidate", "candidates" (Persian has one word for both).
fn noun(lang: Lang, n: usize) -> &'static str {
    match (lang, n) {
        (Lang::En, 1) => "candidate",
        (Lang::En, _) => "candidates",
        (Lang::Fa, _) => "داوطلب",
    }
}
