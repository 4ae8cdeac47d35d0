use clap::Args;

use crate::change::{Entry, opportunity};
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::vocab::{Owner, Stage};

/// Move an opportunity to another stage, or change its lead, sector or title.
///
/// A change of stage is appended to the opportunity's `history:` with its date (`--date`,
/// default today), so reports can tell when it moved; a date before the last one recorded is
/// refused.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat opportunity set barcelona o-3f9q --stage negotiating\n  diplomat opportunity set barcelona o-3f9q --stage agreed --date 1405/09/01 --lead joint"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The opportunity's id (as `opportunity list` shows it).
    id: String,
    #[arg(long, value_enum, value_name = "S")]
    stage: Option<Stage>,
    #[arg(long, value_enum, value_name = "O")]
    lead: Option<Owner>,
    #[arg(long, value_name = "S")]
    sector: Option<String>,
    #[arg(long, value_name = "T")]
    title: Option<String>,
    /// With `--stage`: when it moved (default today).
    #[arg(long, value_name = "DATE", requires = "stage")]
    date: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let title = input::opt_non_empty(self.title.as_deref(), "--title")?;
        let sector = input::opt_non_empty(self.sector.as_deref(), "--sector")?;
        let (given, doubt) =
            write::dated(ctx, self.date.as_deref(), "--date", write::Doubt::Future)?;
        let date = given.unwrap_or(ctx.today);
        let change = opportunity::Set {
            title,
            sector,
            lead: self.lead,
            stage: self.stage,
            date,
        };
        if change.is_empty() {
            return Err(write::nothing_to_change("--stage --lead --sector --title"));
        }
        let id = self.id.as_str();
        let (_, target) = write::load_entry(ctx, &self.city, Entry::Opportunity, id)?;
        let applied = opportunity::set(&write::writer(ctx, &target), &target, id, &change)?;
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}
