//! Adding people to a dossier, as `facilitator add`, `contact add` and `import
//! facilitators|contacts` all do: the same lock, the same sealing of e-mails and phones, the
//! same check for an id the file has meanwhile, the same YAML for the new entry.

use super::Ctx;
use super::write::{Entry, Target};
use crate::edit::{self, MapBuilder};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::{Contact, ContactDetails, Dossier, Facilitator};

/// A facilitator or a contact, as a write adds one.
pub trait Person: Clone {
    const ENTRY: Entry;
    fn id(&self) -> &str;
    /// The names the person goes by (the second a Persian name, when the list has one).
    fn names(&self) -> [Option<&str>; 2];
    fn details(&self) -> &ContactDetails;
    fn details_mut(&mut self) -> &mut ContactDetails;
    fn list(dossier: &Dossier) -> &[Self];
    fn list_mut(dossier: &mut Dossier) -> &mut Vec<Self>;
    /// The entry as the file gets it, keys in the example dossier's order.
    fn item(&self) -> MapBuilder;
}

impl Person for Facilitator {
    const ENTRY: Entry = Entry::Facilitator;
    fn id(&self) -> &str {
        &self.id
    }
    fn names(&self) -> [Option<&str>; 2] {
        [Some(&self.name), self.name_fa.as_deref()]
    }
    fn details(&self) -> &ContactDetails {
        &self.contact
    }
    fn details_mut(&mut self) -> &mut ContactDetails {
        &mut self.contact
    }
    fn list(dossier: &Dossier) -> &[Self] {
        &dossier.facilitators
    }
    fn list_mut(dossier: &mut Dossier) -> &mut Vec<Self> {
        &mut dossier.facilitators
    }
    fn item(&self) -> MapBuilder {
        MapBuilder::new()
            .plain("id", &self.id)
            .text("name", &self.name)
            .opt_text("name_fa", self.name_fa.as_deref())
            .list("languages", &self.languages)
            .list("expertise", &self.expertise)
            .opt_text("connection", self.connection.as_deref())
            .plain("status", self.status.slug())
            .opt_date("since", self.since)
            .map("contact", details(&self.contact))
    }
}

impl Person for Contact {
    const ENTRY: Entry = Entry::Contact;
    fn id(&self) -> &str {
        &self.id
    }
    fn names(&self) -> [Option<&str>; 2] {
        [Some(&self.name), None]
    }
    fn details(&self) -> &ContactDetails {
        &self.contact
    }
    fn details_mut(&mut self) -> &mut ContactDetails {
        &mut self.contact
    }
    fn list(dossier: &Dossier) -> &[Self] {
        &dossier.contacts
    }
    fn list_mut(dossier: &mut Dossier) -> &mut Vec<Self> {
        &mut dossier.contacts
    }
    fn item(&self) -> MapBuilder {
        MapBuilder::new()
            .plain("id", &self.id)
            .text("name", &self.name)
            .plain("role", self.role.slug())
            .opt_text("organization", self.organization.as_deref())
            .list("languages", &self.languages)
            .map("contact", details(&self.contact))
    }
}

fn details(details: &ContactDetails) -> MapBuilder {
    MapBuilder::new()
        .opt_text("email", details.email.as_deref())
        .opt_text("phone", details.phone.as_deref())
}

/// Appends `people` to the end of the target's list, all or nothing, under one workspace lock.
/// E-mails and phones are sealed when the workspace encrypts them, with the data key read under
/// that lock. An id the file already has (another analyst added it since the command looked)
/// stops the write.
pub fn append<P: Person>(ctx: &Ctx, target: &Target, mut people: Vec<P>) -> Result<()> {
    let lock = edit::lock(&target.root)?;
    for person in &mut people {
        let plain = std::mem::take(person.details_mut());
        let sealed = super::keys::seal_details(ctx, &lock, &target.slug, person.id(), plain, None)?;
        *person.details_mut() = sealed;
    }
    edit::change_locked(&lock, &target.path, target.lang, |draft| {
        for person in people {
            if P::list(&draft.dossier)
                .iter()
                .any(|o| o.id() == person.id())
            {
                let (slug, id) = (target.slug.clone(), person.id().to_owned());
                return Err(Error::usage(move |lang: Lang| {
                    let (slug, id, noun) = (lang.code(&slug), lang.code(&id), P::ENTRY.noun(lang));
                    say!(
                        lang,
                        "{slug} already has a {noun} {id}; nothing was written",
                        "{slug} از پیش {noun}ی با شناسهٔ {id} دارد؛ چیزی نوشته نشد"
                    )
                }));
            }
            draft.append(P::ENTRY.key(), person.item().build())?;
            P::list_mut(&mut draft.dossier).push(person);
        }
        Ok(())
    })
}
