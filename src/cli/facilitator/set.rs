use clap::Args;
use jiff::civil::Date;

use crate::cli::write::{self, Entry};
use crate::cli::{Ctx, Outcome};
use crate::crypto::DataKey;
use crate::edit::fields::{self, Detail};
use crate::edit::{self, Draft};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::ContactDetails;
use crate::model::keys::{Key, facilitator};
use crate::model::vocab::FacilitatorStatus;
use yaml_edit::Mapping;

/// Change a facilitator: name, status, languages, expertise, connection, contact details.
///
/// Only the fields given change; a repeated list flag (`--language`, `--expertise`) replaces
/// the whole list. A change of status without `--since` dates it today. The same person in
/// other cities is named in a note after a change of name or contact details; `--everywhere`
/// makes the change in every city where the id appears, all or nothing. To retire someone,
/// use `--status inactive` (the interactions that name them keep their link).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat facilitator set florence reza-karimi --status inactive\n  diplomat facilitator set florence maryam-rahimi --email maryam@example.org --everywhere\n  diplomat facilitator set barcelona example-facilitator --language es --language en --no-phone"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The person's id (as `facilitator list` shows it).
    id: String,
    #[arg(long, value_name = "N")]
    name: Option<String>,
    /// The name in Persian; an empty value removes it.
    #[arg(long, value_name = "FA")]
    name_fa: Option<String>,
    #[arg(long, value_enum, value_name = "S")]
    status: Option<FacilitatorStatus>,
    /// Since when the status holds (default today, with a change of `--status`).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// A language spoken (repeat it; the list given replaces the one stored).
    #[arg(long = "language", value_name = "L")]
    languages: Vec<String>,
    /// A field of expertise (repeat it; the list given replaces the one stored).
    #[arg(long = "expertise", value_name = "E")]
    expertise: Vec<String>,
    /// How the person knows the city; an empty value removes it.
    #[arg(long, value_name = "T")]
    connection: Option<String>,
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
    /// Make the change in every city where this id is a facilitator.
    #[arg(long)]
    everywhere: bool,
}

/// What `facilitator set` changes; `None` leaves a field as it is.
pub struct Change {
    pub name: Option<String>,
    /// `Some(None)` removes it.
    pub name_fa: Option<Option<String>>,
    pub status: Option<FacilitatorStatus>,
    /// As given; a change of status without it is dated `today`.
    pub since: Option<Date>,
    pub today: Date,
    pub languages: Option<Vec<String>>,
    pub expertise: Option<Vec<String>>,
    pub connection: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
}

impl Change {
    /// A change of who the person is (name, contact details), which other cities share.
    fn is_personal(&self) -> bool {
        self.name.is_some()
            || self.name_fa.is_some()
            || self.email.is_some()
            || self.phone.is_some()
    }
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let since = write::opt_date(ctx, self.since.as_deref(), "--since")?;
        let change = Change {
            name: self
                .name
                .as_deref()
                .map(|n| write::non_empty(n, "--name"))
                .transpose()?,
            name_fa: write::optional(self.name_fa, "--name-fa")?,
            status: self.status,
            since,
            today: ctx.today,
            languages: write::list_flag(self.languages, "--language")?,
            expertise: write::list_flag(self.expertise, "--expertise")?,
            connection: write::optional(self.connection, "--connection")?,
            email: write::detail(self.email, self.no_email, "--email", write::email)?,
            phone: write::detail(self.phone, self.no_phone, "--phone", write::phone)?,
        };
        if !change.is_personal()
            && change.status.is_none()
            && change.since.is_none()
            && change.languages.is_none()
            && change.expertise.is_none()
            && change.connection.is_none()
        {
            return Err(write::nothing_to_change(&[
                "--name",
                "--name-fa",
                "--status",
                "--since",
                "--language",
                "--expertise",
                "--connection",
                "--email",
                "--phone",
            ]));
        }
        let doubt = self.since.as_deref().zip(since).and_then(|(given, since)| {
            write::doubt(ctx, "--since", given, since, write::Doubt::Future)
        });
        let personal = change.is_personal();
        set_person(
            ctx,
            Person {
                city: &self.city,
                id: &self.id,
                entry: Entry::Facilitator,
                everywhere: self.everywhere,
                personal,
                details: change.email.is_some() || change.phone.is_some(),
                doubts: vec![doubt],
            },
            |draft, id, key| apply(draft, id, key, &change),
        )
    }
}

/// Which person `set` changes, and how.
pub struct Person<'a> {
    pub city: &'a str,
    pub id: &'a str,
    pub entry: Entry,
    /// In every city where the id appears.
    pub everywhere: bool,
    /// The change is of who the person is (name, contact details): other cities are named.
    pub personal: bool,
    /// An e-mail or phone is given: sealed when the workspace encrypts them.
    pub details: bool,
    pub doubts: Vec<Option<String>>,
}

/// `facilitator set` and `contact set`: `apply` changes the person in one draft and returns
/// the names of the fields it changed.
pub fn set_person(
    ctx: &mut Ctx,
    person: Person,
    mut apply: impl FnMut(&mut Draft, &str, Option<&DataKey>) -> Result<Vec<&'static str>>,
) -> Result<Outcome> {
    let Person {
        city,
        id,
        entry,
        everywhere,
        personal,
        details,
        doubts,
    } = person;
    let (ws, target) = write::load_target(ctx, city)?;
    // The data key is read under the lock the write holds until its files are replaced, so a
    // `keys remove` cannot make a new key in between. The identity is needed only to write an
    // e-mail or phone into an encrypted workspace.
    let lock = edit::lock(&target.root)?;
    let key = if details {
        crate::cli::keys::data_key(ctx, lock.root())?
    } else {
        None
    };
    if !write::holds(&ws, &target.slug, entry, id) {
        return Err(write::unknown_id(&ws, &target.slug, entry, id));
    }
    let others = write::other_cities(&ws, &target.slug, entry, id);
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
    let changed = edit::change_each_locked(&lock, &paths, target.lang, |_, draft| {
        apply(draft, id, key.as_ref())
    })?;
    drop(lock);
    let changed_slugs: Vec<&str> = slugs
        .iter()
        .zip(&changed)
        .filter(|(_, fields)| !fields.is_empty())
        .map(|(s, _)| s.as_str())
        .collect();
    let noun = entry.noun(Lang::En);
    if changed_slugs.is_empty() {
        write::unchanged(ctx, write::entry_named(entry, id), &slugs.join(", "));
        return Ok(Outcome::Ok);
    }
    write::warn_doubts(ctx, doubts);
    let mut fields: Vec<&str> = changed.iter().flatten().copied().collect();
    fields.sort_unstable();
    fields.dedup();
    let list = fields.join(", ");
    let cities = changed_slugs.join(", ");
    write::done(ctx, |lang: Lang| {
        let (noun, id) = (entry.noun(lang), lang.code(id));
        let (cities, list) = (lang.code(&cities), lang.embed(&list));
        say!(
            lang,
            "updated {noun} {id} in {cities}: {list}",
            "{noun} {id} در {cities} به‌روز شد: {list}"
        )
    });
    if !everywhere && personal && !others.is_empty() {
        ctx.note(|lang: Lang| {
            let (value, cities) = (lang.code(id), lang.code_list(&others));
            let (flag, noun) = (lang.code("--everywhere"), entry.noun(lang));
            say!(
                lang,
                "{value} is also a {noun} of {cities}; not changed there ({flag} changes every city)",
                "{value} {noun} {cities} هم هست؛ آنجا تغییر نکرد ({flag} همهٔ شهرها را تغییر می‌دهد)"
            )
        });
    }
    let changed_paths: Vec<&std::path::Path> = paths
        .iter()
        .zip(&changed)
        .filter(|(_, f)| !f.is_empty())
        .map(|(p, _)| p.as_path())
        .collect();
    write::commit(
        ctx,
        &target.root,
        &changed_paths,
        &format!("{cities}: {noun} set {id} ({list})"),
    )?;
    Ok(Outcome::Ok)
}

/// Applies `change` to the facilitator `id` of the draft; the names of the fields it changed.
fn apply(
    draft: &mut Draft,
    id: &str,
    key: Option<&DataKey>,
    change: &Change,
) -> Result<Vec<&'static str>> {
    let slug = draft.dossier.slug.clone();
    let index = draft
        .dossier
        .facilitators
        .iter()
        .position(|f| f.id == id)
        .ok_or_else(|| Error::internal(format!("facilitator `{id}` vanished")))?;
    let map = draft
        .entry("facilitators", id)
        .ok_or_else(|| write::not_editable(&format!("facilitators[{id}]")))?;
    let person = &mut draft.dossier.facilitators[index];
    let mut changed = Vec::new();
    if let Some(name) = &change.name
        && fields::text(&map, facilitator::NAME, &mut person.name, name)
    {
        changed.push("name");
    }
    if let Some(name_fa) = &change.name_fa
        && fields::opt_text(
            &map,
            facilitator::NAME_FA,
            &mut person.name_fa,
            name_fa.as_deref(),
        )
    {
        changed.push("name_fa");
    }
    if let Some(languages) = &change.languages
        && fields::list(
            &map,
            facilitator::LANGUAGES,
            &mut person.languages,
            languages,
        )
    {
        changed.push("languages");
    }
    if let Some(expertise) = &change.expertise
        && fields::list(
            &map,
            facilitator::EXPERTISE,
            &mut person.expertise,
            expertise,
        )
    {
        changed.push("expertise");
    }
    if let Some(connection) = &change.connection
        && fields::opt_text(
            &map,
            facilitator::CONNECTION,
            &mut person.connection,
            connection.as_deref(),
        )
    {
        changed.push("connection");
    }
    if let Some(status) = change.status
        && fields::vocab(
            &map,
            facilitator::STATUS,
            &mut person.status,
            status,
            status.slug(),
        )
    {
        changed.push("status");
    }
    let status_changed = changed.contains(&"status");
    let since = change.since.or(status_changed.then_some(change.today));
    if let Some(since) = since
        && fields::opt_date(&map, facilitator::SINCE, &mut person.since, since)
    {
        changed.push("since");
    }
    set_details(
        &map,
        facilitator::CONTACT,
        &mut person.contact,
        (key, &slug, id),
        [&change.email, &change.phone],
        &mut changed,
    );
    Ok(changed)
}

/// Sets the e-mail and phone a `set` gives (`None`: not changed; `Some(None)`: removed) under
/// the person's `contact:`, sealed with the data key when the workspace encrypts them (`seal`:
/// the key, the city's slug and the person's id); a value given as it already is keeps its
/// exact ciphertext, so the file does not change. The fields changed are pushed to `changed`.
pub fn set_details(
    person: &Mapping,
    contact: Key,
    details: &mut ContactDetails,
    seal: (Option<&DataKey>, &str, &str),
    [email, phone]: [&Option<Option<String>>; 2],
    changed: &mut Vec<&'static str>,
) {
    let (key, slug, id) = seal;
    let given = ContactDetails {
        email: email.clone().flatten(),
        phone: phone.clone().flatten(),
    };
    let sealed = crate::crypto::seal_contact(key, slug, id, given, Some(details));
    for (asked, value, which) in [
        (email, sealed.email, Detail::Email),
        (phone, sealed.phone, Detail::Phone),
    ] {
        if asked.is_some() && fields::detail(person, contact, details, which, value.as_deref()) {
            changed.push(which.key());
        }
    }
}
