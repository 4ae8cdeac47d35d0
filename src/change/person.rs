//! People of a city: facilitators and contacts — `add`, `set`, `remove`, and the imports; and
//! what the pool's candidates share with them ([`Person`], [`Patch`]).
//!
//! Both lists share what makes a person: an id that is the same person in every city, a name,
//! and contact details sealed when the workspace encrypts them. What differs (a facilitator's
//! status and since, a contact's role) is each patch's own.

use std::path::PathBuf;

use jiff::civil::Date;

use super::listed::{self, Listed};
use super::{Applied, Entry, Fields, Target, Writer, entry_named, said, unchanged};
use crate::crypto::DataKey;
use crate::edit::fields::{self as set, Detail};
use crate::edit::{self, Draft};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::registry::{Key, candidate, contact, facilitator};
use crate::model::vocab::{ContactRole, FacilitatorStatus};
use crate::model::{Candidate, Contact, ContactDetails, Dossier, Facilitator};
use crate::workspace::Workspace;

/// A facilitator or a contact.
pub trait Person: Listed + Clone {
    /// The key of the person's `contact:` mapping.
    const DETAILS: Key;
    /// The names the person goes by (the second a Persian name, when the list has one).
    fn names(&self) -> [Option<&str>; 2];
    fn details(&self) -> &ContactDetails;
    fn details_mut(&mut self) -> &mut ContactDetails;
}

impl Person for Facilitator {
    const DETAILS: Key = facilitator::CONTACT;
    fn names(&self) -> [Option<&str>; 2] {
        [Some(&self.name), self.name_fa.as_deref()]
    }
    fn details(&self) -> &ContactDetails {
        &self.contact
    }
    fn details_mut(&mut self) -> &mut ContactDetails {
        &mut self.contact
    }
}

impl Person for Candidate {
    const DETAILS: Key = candidate::CONTACT;
    fn names(&self) -> [Option<&str>; 2] {
        [Some(&self.name), self.name_fa.as_deref()]
    }
    fn details(&self) -> &ContactDetails {
        &self.contact
    }
    fn details_mut(&mut self) -> &mut ContactDetails {
        &mut self.contact
    }
}

impl Person for Contact {
    const DETAILS: Key = contact::CONTACT;
    fn names(&self) -> [Option<&str>; 2] {
        [Some(&self.name), None]
    }
    fn details(&self) -> &ContactDetails {
        &self.contact
    }
    fn details_mut(&mut self) -> &mut ContactDetails {
        &mut self.contact
    }
}

/// The data key when the workspace encrypts contact details and a change writes some; read
/// under the lock the write holds until its files are replaced, so a `keys remove` cannot make
/// a new key in between.
pub(super) fn data_key(w: &Writer, lock: &edit::Lock, needed: bool) -> Result<Option<DataKey>> {
    if !needed || !crate::crypto::is_on(lock.root()) {
        return Ok(None);
    }
    w.keys.data_key(lock.root())
}

/// Appends `people` to the end of the target's list, all or nothing, under one workspace lock;
/// e-mails and phones sealed when the workspace encrypts them.
pub fn add<P: Person + Listed<In = Dossier>>(
    w: &Writer,
    target: &Target,
    mut people: Vec<P>,
) -> Result<Applied<Vec<String>>> {
    let lock = edit::lock(&w.root)?;
    let key = data_key(w, &lock, people.iter().any(|p| !p.details().is_empty()))?;
    for person in &mut people {
        let plain = std::mem::take(person.details_mut());
        let id = person.id().to_owned();
        *person.details_mut() =
            crate::crypto::seal_contact(key.as_ref(), &target.slug, &id, plain, None);
    }
    let ids: Vec<String> = people.iter().map(|p| p.id().to_owned()).collect();
    edit::change_locked(&lock, &target.path, w.lang, |draft| {
        people
            .into_iter()
            .try_for_each(|person| listed::push(draft, &target.slug, person))
    })?;
    let slug = target.slug.as_str();
    let shown = ids.join(", ");
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (noun, ids, slug) = (P::ENTRY.noun(lang), lang.code(&shown), lang.code(slug));
            say!(
                lang,
                "added {noun} {ids} to {slug}",
                "{noun} {ids} به {slug} افزوده شد"
            )
        }),
        message: format!("{slug}: {} add {shown}", P::ENTRY.noun(Lang::En)),
        value: ids,
    })
}

/// E-mail and phone as a `set` gives them: `None` leaves one, `Some(None)` removes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Details {
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
}

impl Details {
    pub fn given(&self) -> bool {
        self.email.is_some() || self.phone.is_some()
    }
}

/// A change to one person; its fields are set in a city's entry by [`Patch::apply`].
pub trait Patch {
    type Person: Person;
    fn details(&self) -> &Details;
    /// A change of who the person is (name, contact details), which other cities share.
    fn personal(&self) -> bool;
    fn apply(&self, fields: &mut Fields, person: &mut Self::Person, today: Date);
}

/// What `facilitator set` changes; `None` leaves a field as it is, `Some(None)` removes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacilitatorSet {
    pub name: Option<String>,
    pub name_fa: Option<Option<String>>,
    pub status: Option<FacilitatorStatus>,
    /// As given; a change of status without it is dated today.
    pub since: Option<Date>,
    pub languages: Option<Vec<String>>,
    pub expertise: Option<Vec<String>>,
    pub connection: Option<Option<String>>,
    /// Days between follow-ups; `Some(None)` removes them (the role's again).
    pub follow_up_days: Option<Option<u32>>,
    pub details: Details,
}

impl FacilitatorSet {
    /// Whether the change asks for anything at all.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl Patch for FacilitatorSet {
    type Person = Facilitator;
    fn details(&self) -> &Details {
        &self.details
    }
    fn personal(&self) -> bool {
        self.name.is_some() || self.name_fa.is_some() || self.details.given()
    }
    fn apply(&self, f: &mut Fields, p: &mut Facilitator, today: Date) {
        f.text(facilitator::NAME, &mut p.name, self.name.as_ref());
        f.opt_text(facilitator::NAME_FA, &mut p.name_fa, self.name_fa.as_ref());
        f.list(
            facilitator::LANGUAGES,
            &mut p.languages,
            self.languages.as_ref(),
        );
        f.list(
            facilitator::EXPERTISE,
            &mut p.expertise,
            self.expertise.as_ref(),
        );
        f.opt_text(
            facilitator::CONNECTION,
            &mut p.connection,
            self.connection.as_ref(),
        );
        f.vocab(facilitator::STATUS, &mut p.status, self.status);
        let since = self.since.or(f.has(facilitator::STATUS).then_some(today));
        f.date(facilitator::SINCE, &mut p.since, since);
        f.opt_number(
            facilitator::FOLLOW_UP_DAYS,
            &mut p.follow_up_days,
            self.follow_up_days,
        );
    }
}

/// What `contact set` changes; `None` leaves a field as it is, `Some(None)` removes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactSet {
    pub name: Option<String>,
    pub role: Option<ContactRole>,
    pub organization: Option<Option<String>>,
    pub languages: Option<Vec<String>>,
    /// Days between follow-ups; `Some(None)` removes them (the role's again).
    pub follow_up_days: Option<Option<u32>>,
    pub details: Details,
}

impl ContactSet {
    /// Whether the change asks for anything at all.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl Patch for ContactSet {
    type Person = Contact;
    fn details(&self) -> &Details {
        &self.details
    }
    fn personal(&self) -> bool {
        self.name.is_some() || self.details.given()
    }
    fn apply(&self, f: &mut Fields, p: &mut Contact, _: Date) {
        f.text(contact::NAME, &mut p.name, self.name.as_ref());
        f.vocab(contact::ROLE, &mut p.role, self.role);
        f.opt_text(
            contact::ORGANIZATION,
            &mut p.organization,
            self.organization.as_ref(),
        );
        f.list(
            contact::LANGUAGES,
            &mut p.languages,
            self.languages.as_ref(),
        );
        f.opt_number(
            contact::FOLLOW_UP_DAYS,
            &mut p.follow_up_days,
            self.follow_up_days,
        );
    }
}

/// What a `set` did besides: the cities where it changed the person, and the other cities
/// that also have them and were left as they were.
#[derive(Debug, Default)]
pub struct SetOutcome {
    pub cities: Vec<String>,
    /// Other cities with the same person, not changed (without `everywhere`).
    pub others: Vec<String>,
    /// The change was of who the person is, which the other cities share.
    pub personal: bool,
}

/// Changes the person `id` of the target city (which holds them), or with `everywhere` of
/// every city that does, all or nothing.
pub fn set<C: Patch>(
    w: &Writer,
    ws: &Workspace,
    target: &Target,
    id: &str,
    patch: &C,
    everywhere: bool,
) -> Result<Applied<SetOutcome>>
where
    C::Person: Listed<In = Dossier>,
{
    let entry = <C::Person as Listed>::ENTRY;
    let others = super::other_cities(ws, &target.slug, entry, id);
    let mut slugs = vec![target.slug.clone()];
    let mut paths = vec![target.path.clone()];
    if everywhere {
        for other in &others {
            if let Some(l) = ws.dossiers.iter().find(|l| &l.dossier.slug == other) {
                slugs.push(other.clone());
                paths.push(l.path.clone());
            }
        }
    }
    let lock = edit::lock(&w.root)?;
    let key = data_key(w, &lock, patch.details().given())?;
    let changed = edit::change_each_locked(&lock, &paths, w.lang, |_, draft| {
        let slug = draft.model.slug.clone();
        apply(draft, (key.as_ref(), &slug, id), patch, w.today)
    })?;
    drop(lock);
    let changed_in: Vec<(&String, &PathBuf)> = slugs
        .iter()
        .zip(&paths)
        .zip(&changed)
        .filter(|(_, fields)| !fields.is_empty())
        .map(|(pair, _)| pair)
        .collect();
    let outcome = SetOutcome {
        cities: changed_in.iter().map(|(s, _)| (*s).clone()).collect(),
        others: if everywhere { Vec::new() } else { others },
        personal: patch.personal(),
    };
    if changed_in.is_empty() {
        return Ok(Applied {
            paths: Vec::new(),
            said: unchanged(entry_named(entry, id), &slugs.join(", ")),
            message: String::new(),
            value: outcome,
        });
    }
    let mut fields: Vec<&str> = changed.iter().flatten().copied().collect();
    fields.sort_unstable();
    fields.dedup();
    let list = fields.join(", ");
    let cities = outcome.cities.join(", ");
    let noun = entry.noun(Lang::En);
    Ok(Applied {
        paths: changed_in.iter().map(|(_, p)| (*p).clone()).collect(),
        said: said(|lang: Lang| {
            let (noun, id) = (entry.noun(lang), lang.code(id));
            let (cities, list) = (lang.code(&cities), lang.embed(&list));
            say!(
                lang,
                "updated {noun} {id} in {cities}: {list}",
                "{noun} {id} در {cities} به‌روز شد: {list}"
            )
        }),
        message: format!("{cities}: {noun} set {id} ({list})"),
        value: outcome,
    })
}

/// Applies `patch` to the person of the draft (a dossier, or the pool) that `seal` names: the
/// data key, what the sealed details are bound to (the city's slug, or the pool's scope) and
/// the person's id. The keys it changed.
pub(super) fn apply<C: Patch>(
    draft: &mut Draft<<C::Person as Listed>::In>,
    seal: (Option<&DataKey>, &str, &str),
    patch: &C,
    today: Date,
) -> Result<Vec<&'static str>> {
    let (index, mut fields) = listed::open::<C::Person>(draft, seal.2)?;
    let person = &mut <C::Person as Listed>::list_mut(&mut draft.model)[index];
    patch.apply(&mut fields, person, today);
    set_details::<C::Person>(&mut fields, person, seal, patch.details());
    Ok(fields.changed)
}

/// Sets the e-mail and phone a `set` gives under the person's `contact:`, sealed with the data
/// key when the workspace encrypts them (`seal`: the key, the city's slug and the person's
/// id); a value given as it already is keeps its exact ciphertext, so the file does not change.
fn set_details<P: Person>(
    fields: &mut Fields,
    person: &mut P,
    seal: (Option<&DataKey>, &str, &str),
    asked: &Details,
) {
    let (key, slug, id) = seal;
    let given = ContactDetails {
        email: asked.email.clone().flatten(),
        phone: asked.phone.clone().flatten(),
    };
    let stored = person.details_mut();
    let sealed = crate::crypto::seal_contact(key, slug, id, given, Some(stored));
    for (asked, value, which) in [
        (&asked.email, sealed.email, Detail::Email),
        (&asked.phone, sealed.phone, Detail::Phone),
    ] {
        if asked.is_some() && set::detail(&fields.map, P::DETAILS, stored, which, value.as_deref())
        {
            fields.changed.push(which.key());
        }
    }
}

/// Removes the person `id` from the target city (which holds them), with the comment lines
/// that belong to the entry; refused while an interaction or review names them.
pub fn remove(w: &Writer, target: &Target, entry: Entry, id: &str) -> Result<Applied> {
    let slug = target.slug.as_str();
    edit::change(&w.root, &target.path, w.lang, |draft| {
        let references = references(&draft.model, id, entry);
        if !references.is_empty() {
            return Err(refused(slug, id, entry, &references));
        }
        let index = entry
            .ids(&draft.model)
            .iter()
            .position(|i| *i == id)
            .ok_or_else(|| Error::internal(format!("`{id}` vanished")))?;
        match entry {
            Entry::Facilitator => drop(draft.model.facilitators.remove(index)),
            Entry::Contact => drop(draft.model.contacts.remove(index)),
            Entry::Action => drop(draft.model.actions.remove(index)),
            Entry::Opportunity => drop(draft.model.opportunities.remove(index)),
            Entry::Event => drop(draft.model.events.remove(index)),
            Entry::Candidate => return Err(Error::internal("a dossier has no candidates")),
        }
        let text = edit::remove_entry(&draft.text, entry.key(), index).ok_or_else(|| {
            Error::usage(|lang: Lang| {
                let (key, command) = (
                    lang.code(format!("{}:", entry.key())),
                    lang.code(format!("diplomat city edit {slug}")),
                );
                say!(
                    lang,
                    "{key} is not written as a list of entries one under another, so it was not changed; use {command}",
                    "{key} به شکل فهرستی از مدخل‌های زیر هم نوشته نشده است، پس تغییر نکرد؛ از {command} استفاده کنید"
                )
            })
        })?;
        draft.rewritten = Some(text);
        Ok(())
    })?;
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (noun, id, city) = (entry.noun(lang), lang.code(id), lang.code(slug));
            say!(
                lang,
                "removed {noun} {id} from {city}",
                "{noun} {id} از {city} برداشته شد"
            )
        }),
        message: format!("{slug}: {} remove {id}", entry.noun(Lang::En)),
        value: (),
    })
}

/// A dated record that names a person: an interaction, a review or a planned event.
struct Reference {
    what: fn(Lang) -> &'static str,
    date: Date,
    title: Option<String>,
}

/// The interactions, reviews and events of `dossier` that name `id`, unless the person stays
/// known under the other list (a facilitator who is also a contact).
fn references(dossier: &Dossier, id: &str, entry: Entry) -> Vec<Reference> {
    let other = match entry {
        Entry::Facilitator => Entry::Contact,
        _ => Entry::Facilitator,
    };
    if other.ids(dossier).contains(&id) {
        return Vec::new();
    }
    let interactions = dossier
        .interactions
        .iter()
        .filter(|i| i.with.iter().any(|w| w == id))
        .map(|i| Reference {
            what: |lang| lang.pick("interaction", "تعامل"),
            date: i.date,
            title: Some(i.title.clone()),
        });
    let reviews = dossier
        .reviews
        .iter()
        .filter(|r| r.participants.iter().any(|p| p == id))
        .map(|r| Reference {
            what: |lang| lang.pick("review", "جلسهٔ بررسی"),
            date: r.date,
            title: None,
        });
    let events = dossier
        .events
        .iter()
        .filter(|e| e.with.iter().any(|w| w == id))
        .map(|e| Reference {
            what: |lang| lang.pick("event", "رویداد"),
            date: e.date,
            title: Some(e.title.clone()),
        });
    interactions.chain(reviews).chain(events).collect()
}

fn refused(slug: &str, id: &str, entry: Entry, references: &[Reference]) -> Error {
    let error = Error::usage(|lang: Lang| {
        let (value, city, noun) = (lang.code(id), lang.code(slug), entry.noun(lang));
        let count = lang.num(references.len());
        let records = match references.len() {
            1 => "record",
            _ => "records",
        };
        let mut text = say!(
            lang,
            "{noun} {value} is named by {count} {records} of {city}, so it was not removed:",
            "{noun} {value} در {count} سابقهٔ {city} آمده است، پس حذف نشد:"
        );
        for r in references {
            let what = (r.what)(lang);
            let date = lang.embed(&r.date.to_string()).into_owned();
            text.push_str(&format!("\n  {what} {date}"));
            if let Some(title) = &r.title {
                text.push_str(&format!(" “{}”", lang.embed(title)));
            }
        }
        text
    });
    match entry {
        Entry::Facilitator => error.hint(|lang: Lang| {
            let command = lang.code(format!(
                "diplomat facilitator set {slug} {id} --status inactive"
            ));
            say!(
                lang,
                "{command} retires a facilitator and keeps these records linked",
                "{command} تسهیل‌گر را کنار می‌گذارد و پیوند این سابقه‌ها را نگه می‌دارد"
            )
        }),
        _ => error.hint(|lang: Lang| {
            let (value, command) = (
                lang.code(id),
                lang.code(format!("diplomat city edit {slug}")),
            );
            say!(
                lang,
                "take {value} out of these records first ({command}), then remove it",
                "نخست {value} را از این سابقه‌ها بردارید ({command})، سپس حذفش کنید"
            )
        }),
    }
}
