use clap::Args;

use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::model::Dossier;
use crate::query::{cities, followups, renewals};
use crate::render::city::Page;
use crate::render::{self, Format};

/// The whole dossier, readable: relationship, representatives, facilitators, contacts, readiness
/// with evidence, open actions, opportunities, recent interactions.
///
/// `--format json` gives the dossier's own data, every key in file order (also `x-` keys).
/// E-mail addresses and phone numbers are left out unless `--contacts` is given.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat city show barcelona\n  diplomat city show بارسلون\n  diplomat city show florence --format json"
)]
pub struct ShowArgs {
    /// Slug or any of the city's names (English, Persian, local).
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// Include facilitators' and contacts' e-mail addresses and phone numbers.
    #[arg(long)]
    contacts: bool,
}

impl ShowArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = ctx.global.format.unwrap_or(Format::Table);
        let mut ws = ctx.load()?;
        if self.contacts {
            // Encrypted details are opened in memory only (the identity is needed).
            let path = cities::find_in(&ws, &self.city)?.path.clone();
            crate::cli::keys::reveal(ctx, &mut ws, Some(&path))?;
        }
        let loaded = cities::find_in(&ws, &self.city)?;
        let text = match format {
            Format::Json | Format::Yaml => {
                let mut data = loaded.tree(ctx.messages())?.to_json();
                if self.contacts {
                    opened_contact_details(&mut data, &loaded.dossier);
                } else {
                    strip_contact_details(&mut data);
                }
                if format == Format::Json {
                    render::json(&data)?
                } else {
                    render::yaml(&data)?
                }
            }
            Format::Table | Format::Markdown => {
                let markdown = format == Format::Markdown;
                Page {
                    lang: ctx.lang,
                    calendar: ctx.calendar,
                    today: ctx.today,
                    markdown,
                    contacts: self.contacts,
                    follow_ups: followups::next([&loaded.dossier], &ws.settings, ctx.today),
                    renewal: renewals::Renewal::of(&loaded.dossier, &ws.settings),
                    width: ctx.width,
                }
                .render(&loaded.dossier)
            }
            Format::Csv | Format::Html | Format::Eml | Format::Xlsx | Format::Ics => {
                return Err(Error::usage(
                    "`city show` prints table (text), markdown, json or yaml",
                ));
            }
        };
        ctx.write(&text)?;
        Ok(Outcome::Ok)
    }
}

/// The file's `email` and `phone` values replaced by the dossier's, which [`reveal`] opened
/// (the file holds ciphertext when the workspace encrypts contact details).
///
/// [`reveal`]: crate::cli::keys::reveal
fn opened_contact_details(data: &mut serde_json::Value, dossier: &Dossier) {
    for (list, index, _, details) in crate::crypto::people(dossier) {
        let Some(contact) = data
            .get_mut(list.key())
            .and_then(|v| v.get_mut(index))
            .and_then(|p| p.get_mut("contact"))
            .and_then(|c| c.as_object_mut())
        else {
            continue;
        };
        for field in crate::crypto::Field::ALL {
            if let Some(value) = field.of(details) {
                contact.insert(field.name().to_owned(), value.clone().into());
            }
        }
    }
}

/// Facilitators are private citizens: their details leave the file only when asked for.
fn strip_contact_details(data: &mut serde_json::Value) {
    for list in ["facilitators", "contacts"] {
        if let Some(people) = data.get_mut(list).and_then(|v| v.as_array_mut()) {
            for person in people.iter_mut().filter_map(|p| p.as_object_mut()) {
                person.remove("contact");
            }
        }
    }
}
