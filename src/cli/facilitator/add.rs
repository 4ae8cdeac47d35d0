use clap::Args;

use crate::change::person;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::vocab::FacilitatorStatus;
use crate::model::{ContactDetails, Facilitator};

/// Add a facilitator: an Isfahan citizen who knows the city and can open doors. Prints the id.
///
/// The same id in two dossiers is the same person: add them to each city they serve.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat facilitator add barcelona --name \"Maryam Rahimi\" --name-fa \"مریم رحیمی\" --language es --language ca --expertise architecture --connection \"Studied in Barcelona\"\n  diplomat facilitator add porto --id maryam-rahimi --name \"Maryam Rahimi\" --status prospective"
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    #[arg(long)]
    name: String,
    /// The person's id (default: made from the name). Reuse it in every city the person serves.
    #[arg(long)]
    id: Option<String>,
    #[arg(long, value_name = "FA")]
    name_fa: Option<String>,
    /// A language spoken (repeatable).
    #[arg(long = "language", value_name = "L")]
    languages: Vec<String>,
    /// A field of expertise (repeatable).
    #[arg(long = "expertise", value_name = "E")]
    expertise: Vec<String>,
    /// How the person knows the city.
    #[arg(long, value_name = "T")]
    connection: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long, value_enum, default_value_t = FacilitatorStatus::Prospective)]
    status: FacilitatorStatus,
    /// Since when (default today).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let target = write::target(ctx, &self.city)?;
        let id = write::person_id(self.id.as_deref(), &self.name)?;
        let name = write::non_empty(&self.name, "--name")?;
        let facilitator = Facilitator {
            id,
            name,
            name_fa: write::opt_line(self.name_fa, "--name-fa")?,
            languages: write::lines(self.languages, "--language")?,
            expertise: write::lines(self.expertise, "--expertise")?,
            connection: write::opt_line(self.connection, "--connection")?,
            status: self.status,
            since: Some(
                write::opt_date(ctx, self.since.as_deref(), "--since")?.unwrap_or(ctx.today),
            ),
            contact: ContactDetails {
                email: write::opt_email(self.email, "--email")?,
                phone: write::opt_phone(self.phone, "--phone")?,
            },
        };
        let applied = person::add(&write::writer(ctx, &target), &target, vec![facilitator])?;
        for id in &applied.value {
            ctx.write(&format!("{id}\n"))?;
        }
        write::finish(ctx, &applied, [])?;
        Ok(Outcome::Ok)
    }
}
