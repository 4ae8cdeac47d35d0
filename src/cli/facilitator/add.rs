use clap::Args;

use crate::change::person;
use crate::cli::person::NewPerson;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::Facilitator;
use crate::model::vocab::FacilitatorStatus;

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
    #[command(flatten)]
    person: NewPerson,
    #[arg(long, value_enum, default_value_t = FacilitatorStatus::Prospective)]
    status: FacilitatorStatus,
    /// Since when (default today).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Days between follow-ups with them, over their role's in `diplomat.yaml` (0: never).
    #[arg(long, value_name = "N")]
    follow_up_days: Option<String>,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let target = write::target(ctx, &self.city)?;
        let p = self.person.read()?;
        let facilitator = Facilitator {
            id: p.id,
            name: p.name,
            name_fa: p.name_fa,
            languages: p.languages,
            expertise: p.expertise,
            connection: p.connection,
            status: self.status,
            since: Some(
                write::opt_date(ctx, self.since.as_deref(), "--since")?.unwrap_or(ctx.today),
            ),
            follow_up_days: input::opt_days(self.follow_up_days.as_deref(), "--follow-up-days")?
                .flatten(),
            contact: p.contact,
        };
        let applied = person::add(&write::writer(ctx, &target), &target, vec![facilitator])?;
        for id in &applied.value {
            ctx.write(&format!("{id}\n"))?;
        }
        write::finish(ctx, &applied, [])?;
        Ok(Outcome::Ok)
    }
}
