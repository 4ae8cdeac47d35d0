//! `facilitator assign`: a city takes someone on — a candidate of the pool, who moves into the
//! dossier and leaves the pool, or a facilitator of another city, who serves this one as well.
//!
//! A move from the pool is one write of both files under the workspace lock, all or nothing,
//! also when killed ([`crate::edit::write_all`]). Contact details are sealed for where they
//! now stand (the ciphertext is bound to the document, the person and the field): opened with
//! the data key and sealed again, never written in plain.

use jiff::civil::Date;

use super::listed;
use super::person;
use super::{Applied, Entry, Target, Writer, said};
use crate::crypto::{self, DataKey};
use crate::edit::{self, Draft};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::vocab::FacilitatorStatus;
use crate::model::{ContactDetails, Dossier, Facilitator, Pool};
use crate::workspace::{self, Workspace};

/// What `facilitator assign` asks: a status and a date, each defaulted when not given
/// (prospective, today).
#[derive(Clone, Copy, Debug, Default)]
pub struct Assign {
    pub status: Option<FacilitatorStatus>,
    pub since: Option<Date>,
}

/// Where the person came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The pool, which they left.
    Pool,
    /// The first of the other cities they serve (by slug), which they still serve.
    City(String),
}

/// Takes `id` on as a facilitator of `target`: from the pool (the candidate moves), else from
/// another city (the same person, the same fields, added here too). `None` when they serve
/// the city already with what was asked (nothing written). Refused, nothing written, when the
/// id is nobody's (did you mean), or serves the city already with another status or date.
pub fn assign(
    w: &Writer,
    ws: &Workspace,
    target: &Target,
    id: &str,
    ask: Assign,
) -> Result<Applied<Option<Origin>>> {
    if let Some(here) = facilitator_of(ws, &target.slug, id) {
        return already(target, here, ask);
    }
    let pool = workspace::load_pool(&w.root, w.lang);
    let in_pool = matches!(&pool, Ok(Some(p)) if p.get(id).is_some());
    let others = super::other_cities(ws, &target.slug, Entry::Facilitator, id);
    let origin = match (in_pool, others.first(), pool) {
        (true, _, _) => Origin::Pool,
        (false, Some(other), _) => Origin::City(other.clone()),
        (false, None, Err(broken)) => return Err(Error::problems(broken.problems)),
        (false, None, Ok(pool)) => return Err(unknown(ws, pool.as_ref(), id)),
    };
    let status = ask.status.unwrap_or(FacilitatorStatus::Prospective);
    let since = ask.since.unwrap_or(w.today);
    let lock = edit::lock(&w.root)?;
    let slug = target.slug.as_str();
    match &origin {
        Origin::Pool => {
            let pool_path = workspace::pool_path(&w.root);
            let mut has_details = false;
            let (leaving, candidate) =
                edit::prepare(&lock, &pool_path, w.lang, |draft: &mut Draft<Pool>| {
                    let candidate = super::candidate::take(draft, ws, id)?;
                    has_details = !candidate.contact.is_empty();
                    Ok(candidate)
                })?;
            let key = person::data_key(w, &lock, has_details)?;
            let mut facilitator = candidate.to_facilitator(status, since);
            facilitator.contact = resealed(
                key.as_ref(),
                crypto::POOL_SCOPE,
                slug,
                id,
                &candidate.contact,
            )?;
            let (arriving, ()) = edit::prepare(&lock, &target.path, w.lang, |draft| {
                listed::push(draft, slug, facilitator)
            })?;
            edit::write_all(&lock, &[arriving, leaving])?;
        }
        Origin::City(other) => {
            let serving = facilitator_of(ws, other, id)
                .ok_or_else(|| Error::internal(format!("`{id}` vanished from `{other}`")))?;
            let key = person::data_key(w, &lock, !serving.contact.is_empty())?;
            let mut facilitator = Facilitator {
                status,
                since: Some(since),
                ..serving.clone()
            };
            facilitator.contact = resealed(key.as_ref(), other, slug, id, &serving.contact)?;
            edit::change_locked(&lock, &target.path, w.lang, |draft: &mut Draft<Dossier>| {
                listed::push(draft, slug, facilitator)
            })?;
        }
    }
    drop(lock);
    Ok(applied(w, target, id, status, since, origin))
}

/// What a move or an addition says, and its commit of both files.
fn applied(
    w: &Writer,
    target: &Target,
    id: &str,
    status: FacilitatorStatus,
    since: Date,
    origin: Origin,
) -> Applied<Option<Origin>> {
    let slug = target.slug.as_str();
    let dates = [Lang::En, Lang::Fa].map(|lang| w.date(since, lang));
    let date = |lang: Lang| dates[usize::from(lang == Lang::Fa)].clone();
    let (paths, said, message) = match &origin {
        Origin::Pool => (
            vec![target.path.clone(), workspace::pool_path(&w.root)],
            said(|lang: Lang| {
                let (value, city) = (lang.code(id), lang.code(slug));
                let (status, date) = (status.label(lang), date(lang));
                say!(
                    lang,
                    "moved candidate {value} from the pool to {city}: a facilitator, {status} since {date}",
                    "داوطلب {value} از فهرست داوطلبان به {city} رفت: تسهیل‌گر، {status} از {date}"
                )
            }),
            format!("{slug}: facilitator assign {id} (from the pool)"),
        ),
        Origin::City(other) => (
            vec![target.path.clone()],
            said(|lang: Lang| {
                let (value, city, other) = (lang.code(id), lang.code(slug), lang.code(other));
                let (status, date) = (status.label(lang), date(lang));
                say!(
                    lang,
                    "added facilitator {value} of {other} to {city} as well: {status} since {date}",
                    "تسهیل‌گر {value} از {other} به {city} هم افزوده شد: {status} از {date}"
                )
            }),
            format!("{slug}: facilitator assign {id} (also of {other})"),
        ),
    };
    Applied {
        paths,
        said,
        message,
        value: Some(origin),
    }
}

/// The facilitator `id` of the city `slug`, if it has them.
fn facilitator_of<'w>(ws: &'w Workspace, slug: &str, id: &str) -> Option<&'w Facilitator> {
    ws.dossiers
        .iter()
        .find(|l| l.dossier.slug == slug)
        .and_then(|l| l.dossier.facilitators.iter().find(|f| f.id == id))
}

/// `id` serves the city already: nothing to do when what was asked is what they have; else a
/// refusal that names the command that changes it.
fn already(target: &Target, here: &Facilitator, ask: Assign) -> Result<Applied<Option<Origin>>> {
    let same = ask.status.is_none_or(|s| s == here.status)
        && ask.since.is_none_or(|d| Some(d) == here.since);
    let (slug, id) = (target.slug.clone(), here.id.clone());
    if same {
        return Ok(Applied {
            paths: Vec::new(),
            said: said(|lang: Lang| {
                let (value, city) = (lang.code(&id), lang.code(&slug));
                say!(
                    lang,
                    "{value} is a facilitator of {city} already; nothing changed",
                    "{value} از پیش تسهیل‌گر {city} است؛ چیزی تغییر نکرد"
                )
            }),
            message: String::new(),
            value: None,
        });
    }
    let (status, command) = (
        here.status,
        format!("diplomat facilitator set {slug} {id} --status …"),
    );
    Err(Error::usage(move |lang: Lang| {
        let (value, city, status) = (lang.code(&id), lang.code(&slug), status.label(lang));
        say!(
            lang,
            "{value} is a facilitator of {city} already ({status}); nothing was written",
            "{value} از پیش تسهیل‌گر {city} است ({status})؛ چیزی نوشته نشد"
        )
    })
    .hint(move |lang: Lang| {
        let command = lang.code(&command);
        say!(
            lang,
            "to change their status or since, use {command}",
            "برای تغییر وضعیت یا تاریخ آغاز، {command} را به کار ببرید"
        )
    }))
}

/// The details sealed for `from` sealed again for `to`; one that does not open stops the move.
fn resealed(
    key: Option<&DataKey>,
    from: &str,
    to: &str,
    id: &str,
    stored: &ContactDetails,
) -> Result<ContactDetails> {
    crypto::reseal_contact(key, from, to, id, stored).map_err(|(field, e)| {
        let (id, from) = (id.to_owned(), from.to_owned());
        Error::input(move |lang: Lang| {
            let (value, place, why) = (lang.code(&id), lang.code(&from), e.describe(lang));
            let field = match field {
                crypto::Field::Email => lang.pick("e-mail", "رایانامهٔ"),
                crypto::Field::Phone => lang.pick("phone", "تلفن"),
            };
            say!(
                lang,
                "the {field} of {value} in {place} {why}; nothing was written",
                "{field} {value} در {place} {why}؛ چیزی نوشته نشد"
            )
        })
    })
}

/// Nobody has the id `id`: neither the pool nor any city's facilitators. The nearest of
/// their ids, if one is near.
fn unknown(ws: &Workspace, pool: Option<&Pool>, id: &str) -> Error {
    let mut ids: Vec<&str> = pool
        .map(|p| p.candidates.iter().map(|c| c.id.as_str()).collect())
        .unwrap_or_default();
    for l in &ws.dossiers {
        ids.extend(l.dossier.facilitators.iter().map(|f| f.id.as_str()));
    }
    ids.sort_unstable();
    ids.dedup();
    Error::usage(|lang: Lang| {
        let value = lang.code(id);
        say!(
            lang,
            "{value} is neither a candidate of the pool nor a facilitator of a city; nothing was written",
            "{value} نه داوطلبی در فهرست داوطلبان است و نه تسهیل‌گر شهری؛ چیزی نوشته نشد"
        )
    })
    .did_you_mean(crate::text::suggest(id, ids, 1))
}
