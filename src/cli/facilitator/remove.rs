use clap::Args;

use crate::cli::write::{self, Entry};
use crate::cli::{Ctx, Outcome};
use crate::edit;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::Dossier;

/// Remove a facilitator from a city: the entry goes, with the comment lines that belong to it.
///
/// Refused while an interaction or review of the city names the person: those records stay
/// linked to real people. To retire a facilitator, use `facilitator set … --status inactive`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat facilitator remove florence sara-ahmadi")]
pub struct RemoveArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The person's id.
    id: String,
}

impl RemoveArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        remove(ctx, &self.city, &self.id, Entry::Facilitator)
    }
}

/// `facilitator remove` and `contact remove`.
pub fn remove(ctx: &mut Ctx, city: &str, id: &str, entry: Entry) -> Result<Outcome> {
    let (ws, target) = write::load_target(ctx, city)?;
    if !write::holds(&ws, &target.slug, entry, id) {
        return Err(write::unknown_id(&ws, &target.slug, entry, id));
    }
    let slug = target.slug.as_str();
    edit::change(&target.root, &target.path, target.lang, |draft| {
        let references = references(&draft.dossier, id, entry);
        if !references.is_empty() {
            return Err(refused(slug, id, entry, &references));
        }
        let index = Entry::ids(entry, &draft.dossier)
            .iter()
            .position(|i| *i == id)
            .ok_or_else(|| Error::internal(format!("`{id}` vanished")))?;
        match entry {
            Entry::Facilitator => drop(draft.dossier.facilitators.remove(index)),
            Entry::Contact => drop(draft.dossier.contacts.remove(index)),
            Entry::Action => drop(draft.dossier.actions.remove(index)),
            Entry::Opportunity => drop(draft.dossier.opportunities.remove(index)),
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
    write::done(ctx, |lang: Lang| {
        let (noun, id, city) = (entry.noun(lang), lang.code(id), lang.code(slug));
        say!(
            lang,
            "removed {noun} {id} from {city}",
            "{noun} {id} از {city} برداشته شد"
        )
    });
    write::commit(
        ctx,
        &target.root,
        &[&target.path],
        &format!("{slug}: {} remove {id}", entry.noun(Lang::En)),
    )?;
    Ok(Outcome::Ok)
}

/// A dated record that names a person.
struct Reference {
    review: bool,
    date: jiff::civil::Date,
    title: Option<String>,
}

/// The interactions and reviews of `dossier` that name `id`, unless the person stays known
/// under the other list (a facilitator who is also a contact).
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
            review: false,
            date: i.date,
            title: Some(i.title.clone()),
        });
    let reviews = dossier
        .reviews
        .iter()
        .filter(|r| r.participants.iter().any(|p| p == id))
        .map(|r| Reference {
            review: true,
            date: r.date,
            title: None,
        });
    interactions.chain(reviews).collect()
}

fn refused(slug: &str, id: &str, entry: Entry, references: &[Reference]) -> Error {
    let mut error = Error::usage(|lang: Lang| {
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
            let what = match r.review {
                false => lang.pick("interaction", "تعامل"),
                true => lang.pick("review", "جلسهٔ بررسی"),
            };
            let date = lang.embed(&r.date.to_string()).into_owned();
            text.push_str(&format!("\n  {what} {date}"));
            if let Some(title) = &r.title {
                text.push_str(&format!(" “{}”", lang.embed(title)));
            }
        }
        text
    });
    error = match entry {
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
    };
    error
}
