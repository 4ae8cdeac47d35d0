use clap::Args;

use crate::change;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::Review;

/// Record a case-file review session with experts and embassy counsellors.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat review add barcelona --date 1405/08/19 --participant es-embassy-commercial --outcome \"Gaps: investment readiness, branding\""
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// When the session took place.
    #[arg(long, value_name = "DATE")]
    date: String,
    /// Who took part: a person id or a name (repeatable).
    #[arg(long = "participant", value_name = "P")]
    participants: Vec<String>,
    /// What the session decided.
    #[arg(long, value_name = "TEXT")]
    outcome: String,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let target = write::target(ctx, &self.city)?;
        let review = Review {
            date: write::date(ctx, &self.date, "--date")?,
            participants: input::lines(self.participants, "--participant")?,
            outcome: input::non_empty(&self.outcome, "--outcome")?,
        };
        let date = review.date;
        let doubt = write::doubt(ctx, "--date", &self.date, date, write::Doubt::Future);
        let applied = change::review::add(&write::writer(ctx, &target), &target, review)?;
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}
