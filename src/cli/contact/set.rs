use clap::Args;

use crate::change::person::ContactSet;
use crate::cli::facilitator::set::set_person;
use crate::cli::person::DetailFlags;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::vocab::ContactRole;

/// Change a contact: name, role, organization, languages, days between follow-ups, contact
/// details.
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
    #[command(flatten)]
    details: DetailFlags,
    /// Make the change in every city where this id is a contact.
    #[arg(long)]
    everywhere: bool,
    /// Days between follow-ups with them, over their role's in `diplomat.yaml` (0: never); an
    /// empty value removes it.
    #[arg(long, value_name = "N")]
    follow_up_days: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let change = ContactSet {
            name: input::opt_non_empty(self.name.as_deref(), "--name")?,
            role: self.role,
            organization: input::optional(self.organization, "--organization")?,
            languages: input::list_flag(self.languages, "--language")?,
            follow_up_days: input::opt_days(self.follow_up_days.as_deref(), "--follow-up-days")?,
            details: self.details.read()?,
        };
        if change.is_empty() {
            return Err(write::nothing_to_change(
                "--name --role --organization --language --follow-up-days --email --phone",
            ));
        }
        set_person(ctx, &self.city, &self.id, &change, self.everywhere, [])
    }
}
