use clap::Args;

use crate::change::person;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::vocab::ContactRole;
use crate::model::{Contact, ContactDetails};

/// Add a contact: an expert, embassy counsellor, official or business the programme works with.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat contact add barcelona --name \"Commercial counsellor\" --role embassy-counsellor --organization \"Embassy of Spain in Tehran\""
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    #[arg(long)]
    name: String,
    #[arg(long, value_enum)]
    role: ContactRole,
    /// The person's id (default: made from the name).
    #[arg(long)]
    id: Option<String>,
    #[arg(long)]
    organization: Option<String>,
    /// A language the contact speaks (repeatable).
    #[arg(long = "language", value_name = "L")]
    languages: Vec<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// Days between follow-ups with them, over their role's in `diplomat.yaml` (0: never).
    #[arg(long, value_name = "N")]
    follow_up_days: Option<String>,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let target = write::target(ctx, &self.city)?;
        let id = input::person_id(self.id.as_deref(), &self.name)?;
        let name = input::non_empty(&self.name, "--name")?;
        let contact = Contact {
            id,
            name,
            role: self.role,
            organization: input::opt_line(self.organization, "--organization")?,
            languages: input::lines(self.languages, "--language")?,
            follow_up_days: input::opt_days(self.follow_up_days.as_deref(), "--follow-up-days")?
                .flatten(),
            contact: ContactDetails {
                email: input::opt_email(self.email, "--email")?,
                phone: input::opt_phone(self.phone, "--phone")?,
            },
        };
        let applied = person::add(&write::writer(ctx, &target), &target, vec![contact])?;
        for id in &applied.value {
            ctx.write(&format!("{id}\n"))?;
        }
        write::finish(ctx, &applied, [])?;
        Ok(Outcome::Ok)
    }
}
