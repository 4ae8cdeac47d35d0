//! The records kept in lists of entries with ids (facilitators, contacts, actions,
//! opportunities, events in a dossier; candidates in the pool): how a change finds one, and
//! how a new one is written.

use crate::edit::{Draft, MapBuilder};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::registry::{
    action, candidate, contact, details, event, facilitator, opportunity, stage_change,
};
use crate::model::{
    Action, Candidate, Contact, ContactDetails, Dossier, Event, Facilitator, Opportunity, Pool,
};
use crate::workspace::Document;

use super::{Entry, Fields, not_editable};

pub trait Listed: Sized {
    const ENTRY: Entry;
    /// The document whose list holds the entries: a dossier, or the pool.
    type In: Document;
    fn id(&self) -> &str;
    fn list(doc: &Self::In) -> &[Self];
    fn list_mut(doc: &mut Self::In) -> &mut Vec<Self>;
    /// The entry as the file gets it, keys in the registry's order.
    fn item(&self) -> MapBuilder;
}

/// The entry `id` of the draft: its place in the model's list, and its mapping to set fields
/// in. The caller has checked that the city holds it; an entry the file does not write as a
/// block mapping (a flow `{…}`) is refused, to be changed by hand.
pub fn open<R: Listed>(draft: &Draft<R::In>, id: &str) -> Result<(usize, Fields)> {
    let index = R::list(&draft.model)
        .iter()
        .position(|r| r.id() == id)
        .ok_or_else(|| Error::internal(format!("{} `{id}` vanished", R::ENTRY.noun(Lang::En))))?;
    let map = draft
        .entry(R::ENTRY.list(), id)
        .ok_or_else(|| not_editable(&format!("{}[{id}]", R::ENTRY.key())))?;
    Ok((index, Fields::new(map)))
}

/// Appends `record` to the end of its list (so branches merge as appended lines). An id the
/// file already has (another analyst added it since the command looked) stops the write;
/// `slug` names the file in that message.
pub fn push<R: Listed>(draft: &mut Draft<R::In>, slug: &str, record: R) -> Result<()> {
    if R::list(&draft.model).iter().any(|o| o.id() == record.id()) {
        let (slug, id) = (slug.to_owned(), record.id().to_owned());
        return Err(Error::usage(move |lang: Lang| {
            let (slug, id, noun) = (lang.code(&slug), lang.code(&id), R::ENTRY.noun(lang));
            say!(
                lang,
                "{slug} already has a {noun} {id}; nothing was written",
                "{slug} از پیش {noun}ی با شناسهٔ {id} دارد؛ چیزی نوشته نشد"
            )
        }));
    }
    draft.append(R::ENTRY.list(), record.item().build())?;
    R::list_mut(&mut draft.model).push(record);
    Ok(())
}

/// A new random id for the list of `R` (`a-7k2m`), one the draft does not hold.
pub fn new_id<R: Listed>(draft: &Draft<R::In>, prefix: &str) -> String {
    let taken: Vec<&str> = R::list(&draft.model).iter().map(|r| r.id()).collect();
    crate::edit::new_id(prefix, &taken)
}

impl Listed for Facilitator {
    const ENTRY: Entry = Entry::Facilitator;
    type In = Dossier;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(dossier: &Dossier) -> &[Self] {
        &dossier.facilitators
    }
    fn list_mut(dossier: &mut Dossier) -> &mut Vec<Self> {
        &mut dossier.facilitators
    }
    fn item(&self) -> MapBuilder {
        MapBuilder::new()
            .plain(facilitator::ID, &self.id)
            .text(facilitator::NAME, &self.name)
            .opt_text(facilitator::NAME_FA, self.name_fa.as_deref())
            .list(facilitator::LANGUAGES, &self.languages)
            .list(facilitator::EXPERTISE, &self.expertise)
            .opt_text(facilitator::CONNECTION, self.connection.as_deref())
            .vocab(facilitator::STATUS, self.status)
            .opt_date(facilitator::SINCE, self.since)
            .opt_number(facilitator::FOLLOW_UP_DAYS, self.follow_up_days)
            .map(facilitator::CONTACT, details_item(&self.contact))
    }
}

impl Listed for Contact {
    const ENTRY: Entry = Entry::Contact;
    type In = Dossier;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(dossier: &Dossier) -> &[Self] {
        &dossier.contacts
    }
    fn list_mut(dossier: &mut Dossier) -> &mut Vec<Self> {
        &mut dossier.contacts
    }
    fn item(&self) -> MapBuilder {
        MapBuilder::new()
            .plain(contact::ID, &self.id)
            .text(contact::NAME, &self.name)
            .vocab(contact::ROLE, self.role)
            .opt_text(contact::ORGANIZATION, self.organization.as_deref())
            .list(contact::LANGUAGES, &self.languages)
            .opt_number(contact::FOLLOW_UP_DAYS, self.follow_up_days)
            .map(contact::CONTACT, details_item(&self.contact))
    }
}

impl Listed for Candidate {
    const ENTRY: Entry = Entry::Candidate;
    type In = Pool;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(pool: &Pool) -> &[Self] {
        &pool.candidates
    }
    fn list_mut(pool: &mut Pool) -> &mut Vec<Self> {
        &mut pool.candidates
    }
    fn item(&self) -> MapBuilder {
        MapBuilder::new()
            .plain(candidate::ID, &self.id)
            .text(candidate::NAME, &self.name)
            .opt_text(candidate::NAME_FA, self.name_fa.as_deref())
            .list(candidate::LANGUAGES, &self.languages)
            .list(candidate::EXPERTISE, &self.expertise)
            .opt_text(candidate::CONNECTION, self.connection.as_deref())
            .list(candidate::INTERESTS, &self.interests)
            .opt_date(candidate::SIGNED_UP, self.signed_up)
            .opt_text(candidate::SOURCE, self.source.as_deref())
            .map(candidate::CONTACT, details_item(&self.contact))
            .opt_text(candidate::NOTES, self.notes.as_deref())
    }
}

/// A person's `contact:` mapping (left out when empty).
pub fn details_item(d: &ContactDetails) -> MapBuilder {
    MapBuilder::new()
        .opt_text(details::EMAIL, d.email.as_deref())
        .opt_text(details::PHONE, d.phone.as_deref())
}

impl Listed for Action {
    const ENTRY: Entry = Entry::Action;
    type In = Dossier;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(dossier: &Dossier) -> &[Self] {
        &dossier.actions
    }
    fn list_mut(dossier: &mut Dossier) -> &mut Vec<Self> {
        &mut dossier.actions
    }
    fn item(&self) -> MapBuilder {
        MapBuilder::new()
            .plain(action::ID, &self.id)
            .text(action::TITLE, &self.title)
            .vocab(action::OWNER, self.owner)
            .opt_date(action::DUE, self.due)
            .vocab(action::STATUS, self.status)
            .opt_date(action::DONE, self.done)
    }
}

impl Listed for Opportunity {
    const ENTRY: Entry = Entry::Opportunity;
    type In = Dossier;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(dossier: &Dossier) -> &[Self] {
        &dossier.opportunities
    }
    fn list_mut(dossier: &mut Dossier) -> &mut Vec<Self> {
        &mut dossier.opportunities
    }
    fn item(&self) -> MapBuilder {
        MapBuilder::new()
            .plain(opportunity::ID, &self.id)
            .text(opportunity::TITLE, &self.title)
            .text(opportunity::SECTOR, &self.sector)
            .vocab(opportunity::STAGE, self.stage)
            .opt_vocab(opportunity::LEAD, self.lead)
    }
}

impl Listed for Event {
    const ENTRY: Entry = Entry::Event;
    type In = Dossier;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(dossier: &Dossier) -> &[Self] {
        &dossier.events
    }
    fn list_mut(dossier: &mut Dossier) -> &mut Vec<Self> {
        &mut dossier.events
    }
    fn item(&self) -> MapBuilder {
        MapBuilder::new()
            .plain(event::ID, &self.id)
            .date(event::DATE, self.date)
            .opt_date(event::END, self.end)
            .opt_time(event::TIME, self.time)
            .vocab(event::KIND, self.kind)
            .text(event::TITLE, &self.title)
            .opt_text(event::PLACE, self.place.as_deref())
            .list(event::WITH, &self.with)
            .vocab(event::STATUS, self.status)
            .opt_text(event::NOTES, self.notes.as_deref())
    }
}

/// One entry of an opportunity's `history:`.
pub fn stage_item(change: &crate::model::StageChange) -> MapBuilder {
    MapBuilder::new()
        .vocab(stage_change::STAGE, change.stage)
        .date(stage_change::DATE, change.date)
        .opt_vocab(stage_change::FROM, change.from)
}
