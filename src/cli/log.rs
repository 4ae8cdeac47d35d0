use clap::Args;

use super::write;
use super::{Ctx, Outcome};
use crate::change;
use crate::error::Result;
use crate::input;
use crate::model::Interaction;
use crate::model::vocab::InteractionKind;

/// Record an interaction: a meeting, letter, call, visit or event, in date order in `interactions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat log barcelona \"Video call with the commercial counsellor\" --kind call --with es-embassy-commercial\n  diplomat log florence \"Letter to the mayor\" --kind letter --date 1405/09/05"
)]
pub struct LogArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// What happened, in one line.
    title: String,
    /// What kind of interaction.
    #[arg(long, value_enum, default_value_t = InteractionKind::Meeting)]
    kind: InteractionKind,
    /// When (default today): 2026-11-26, 1405/09/05, ۱۴۰۵/۰۹/۰۵, yesterday.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// A facilitator or contact id who took part (repeatable).
    #[arg(long = "with", value_name = "ID")]
    with: Vec<String>,
    /// Longer notes; several lines are kept as a `|` block.
    #[arg(long, value_name = "TEXT")]
    summary: Option<String>,
}

impl LogArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let target = write::target(ctx, &self.city)?;
        let summary = match &self.summary {
            Some(text) => Some(input::free_text(text, "--summary")?),
            None => None,
        };
        let interaction = Interaction {
            date: write::opt_date(ctx, self.date.as_deref(), "--date")?.unwrap_or(ctx.today),
            kind: self.kind,
            title: input::non_empty(&self.title, "the title")?,
            with: input::lines(self.with, "--with")?,
            summary: summary.filter(|s| !s.trim().is_empty()),
        };
        let doubt = self.date.as_deref().and_then(|given| {
            write::doubt(ctx, "--date", given, interaction.date, write::Doubt::Future)
        });
        let applied = change::interaction::log(&write::writer(ctx, &target), &target, interaction)?;
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}
