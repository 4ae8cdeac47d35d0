use clap::Args;

use crate::cli::facilitator::set::{Person, set_details, set_person};
use crate::cli::write::{self, Entry};
use crate::cli::{Ctx, Outcome};
use crate::crypto::DataKey;
use crate::edit::Draft;
use crate::edit::fields;
use crate::error::{Error, Result};
use crate::model::keys::contact;
use crate::model::vocab::ContactRole;

/// Change a contact: name, role, organization, languages, contact details.
///
/// Only the fields given change; a repeated `--language` replaces the whole list. The same
/// person in other cities is named in a note after a change of name or contact details;
/// `--everywhere` makes the change in every city where the id appears, all or nothing.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat contact set barcelona es-embassy-commercial --organization \"Embassy of Spain in Tehran, trade office\"\n  diplomat contact set florence it-embassy-culture --no-phone --everywhere"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The person's id (as `city show` lists it).
    id: String,
    #[arg(long, value_name = "N")]
    name: Option<String>,
    #[arg(long, value_enum, value_name = "R")]
    role: Option<ContactRole>,
    /// An empty value removes it.
    #[arg(long, value_name = "O")]
    organization: Option<String>,
    /// A language the contact speaks (repeat it; the list given replaces the one stored).
    #[arg(long = "language", value_name = "L")]
    languages: Vec<String>,
    #[arg(long, value_name = "E", conflicts_with = "no_email")]
    email: Option<String>,
    /// Remove the e-mail address.
    #[arg(long)]
    no_email: bool,
    #[arg(long, value_name = "P", conflicts_with = "no_phone")]
    phone: Option<String>,
    /// Remove the phone number.
    #[arg(long)]
    no_phone: bool,
    /// Make the change in every city where this id is a contact.
    #[arg(long)]
    everywhere: bool,
}

/// What `contact set` changes; `None` leaves a field as it is, `Some(None)` removes it.
struct Change {
    name: Option<String>,
    role: Option<ContactRole>,
    organization: Option<Option<String>>,
    languages: Option<Vec<String>>,
    email: Option<Option<String>>,
    phone: Option<Option<String>>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let change = Change {
            name: self
                .name
                .as_deref()
                .map(|n| write::non_empty(n, "--name"))
                .transpose()?,
            role: self.role,
            organization: write::optional(self.organization, "--organization")?,
            languages: write::list_flag(self.languages, "--language")?,
            email: write::detail(self.email, self.no_email, "--email", write::email)?,
            phone: write::detail(self.phone, self.no_phone, "--phone", write::phone)?,
        };
        let personal = change.name.is_some() || change.email.is_some() || change.phone.is_some();
        if !personal
            && change.role.is_none()
            && change.organization.is_none()
            && change.languages.is_none()
        {
            return Err(write::nothing_to_change(&[
                "--name",
                "--role",
                "--organization",
                "--language",
                "--email",
                "--phone",
            ]));
        }
        set_person(
            ctx,
            Person {
                city: &self.city,
                id: &self.id,
                entry: Entry::Contact,
                everywhere: self.everywhere,
                personal,
                details: change.email.is_some() || change.phone.is_some(),
                doubts: Vec::new(),
            },
            |draft, id, key| apply(draft, id, key, &change),
        )
    }
}

fn apply(
    draft: &mut Draft,
    id: &str,
    key: Option<&DataKey>,
    change: &Change,
) -> Result<Vec<&'static str>> {
    let slug = draft.dossier.slug.clone();
    let index = draft
        .dossier
        .contacts
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| Error::internal(format!("contact `{id}` vanished")))?;
    let map = draft
        .entry("contacts", id)
        .ok_or_else(|| write::not_editable(&format!("contacts[{id}]")))?;
    let person = &mut draft.dossier.contacts[index];
    let mut changed = Vec::new();
    if let Some(name) = &change.name
        && fields::text(&map, contact::NAME, &mut person.name, name)
    {
        changed.push("name");
    }
    if let Some(role) = change.role
        && fields::vocab(&map, contact::ROLE, &mut person.role, role, role.slug())
    {
        changed.push("role");
    }
    if let Some(organization) = &change.organization
        && fields::opt_text(
            &map,
            contact::ORGANIZATION,
            &mut person.organization,
            organization.as_deref(),
        )
    {
        changed.push("organization");
    }
    if let Some(languages) = &change.languages
        && fields::list(&map, contact::LANGUAGES, &mut person.languages, languages)
    {
        changed.push("languages");
    }
    set_details(
        &map,
        contact::CONTACT,
        &mut person.contact,
        (key, &slug, id),
        [&change.email, &change.phone],
        &mut changed,
    );
    Ok(changed)
}
