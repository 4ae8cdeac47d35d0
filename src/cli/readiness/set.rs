use clap::Args;

use crate::change::readiness;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::vocab::{ReadinessStatus, Requirement};

/// Assess one requirement: its status, the evidence and the date of the assessment.
///
/// The evidence is replaced when given; the assessment date defaults to today.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat readiness set barcelona communication partial --evidence \"Monthly call since October\""
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// One of the programme's six requirements.
    #[arg(value_enum)]
    requirement: Requirement,
    #[arg(value_enum)]
    status: ReadinessStatus,
    /// What the assessment rests on.
    #[arg(long, value_name = "TEXT")]
    evidence: Option<String>,
    /// When it was assessed (default today).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let target = write::target(ctx, &self.city)?;
        let assessed = write::opt_date(ctx, self.date.as_deref(), "--date")?.unwrap_or(ctx.today);
        let doubt = self
            .date
            .as_deref()
            .and_then(|given| write::doubt(ctx, "--date", given, assessed, write::Doubt::Future));
        let change = readiness::Set {
            requirement: self.requirement,
            status: self.status,
            evidence: input::opt_line(self.evidence, "--evidence")?,
            assessed,
        };
        let applied = readiness::set(&write::writer(ctx, &target), &target, &change)?;
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}
