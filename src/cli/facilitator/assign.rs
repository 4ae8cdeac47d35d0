use clap::Args;

use crate::change::assign::{self, Assign};
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::vocab::FacilitatorStatus;

/// Take someone on as a facilitator of a city: a candidate of the pool, or a facilitator of
/// another city (as `facilitator match` ranks them).
///
/// A candidate moves: into the city's dossier and out of the pool, both files in one write,
/// all or nothing. What only the pool keeps (interests, sign-up date, source, notes) stays in
/// its history. A facilitator of another city stays there and serves this city as well, the
/// same id and fields. Contact details are sealed again for their new place when the
/// workspace encrypts them. Default status prospective, since today.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat facilitator assign xian li-wei\n  diplomat facilitator assign xian li-wei --status active --since 1405-09-17 --commit\n  diplomat facilitator assign porto maryam-rahimi"
)]
pub struct AssignArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The person's id (as `facilitator match` or `pool list` shows it).
    id: String,
    /// Their status in this city (default prospective).
    #[arg(long, value_enum, value_name = "S")]
    status: Option<StatusArg>,
    /// Since when (default today).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
}

/// The statuses a city takes someone on with (one who is inactive is not taken on).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum StatusArg {
    Prospective,
    Active,
}

impl AssignArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let since = write::opt_date(ctx, self.since.as_deref(), "--since")?;
        let (ws, target) = write::load_target(ctx, &self.city)?;
        let ask = Assign {
            status: self.status.map(|s| match s {
                StatusArg::Prospective => FacilitatorStatus::Prospective,
                StatusArg::Active => FacilitatorStatus::Active,
            }),
            since,
        };
        let id = self.id.trim();
        let applied = assign::assign(&write::writer(ctx, &target), &ws, &target, id, ask)?;
        write::finish(ctx, &applied, [])?;
        Ok(Outcome::Ok)
    }
}
