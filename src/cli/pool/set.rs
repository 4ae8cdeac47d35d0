use clap::Args;

use crate::change::candidate::{self, CandidateSet};
use crate::cli::person::DetailFlags;
use crate::cli::write::{self, Doubt};
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;

/// Change a candidate of the pool: name, languages, expertise, connection, interests, source,
/// sign-up date, notes, contact details.
///
/// Only the fields given change. A repeated list flag (`--language`, `--expertise`,
/// `--interest`) replaces the whole list; given once and empty, it removes it. An empty value of
/// a text flag removes that field.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat pool set li-wei --language zh --language en --language fa\n  diplomat pool set li-wei --interest xian --interest florence\n  diplomat pool set neda-ahmadi --email neda@example.org --no-phone\n  diplomat pool set neda-ahmadi --notes \"\""
)]
pub struct SetArgs {
    /// The candidate's id (as `pool list` shows it).
    id: String,
    #[arg(long, value_name = "N")]
    name: Option<String>,
    /// The name in Persian; an empty value removes it.
    #[arg(long, value_name = "FA")]
    name_fa: Option<String>,
    /// A language spoken (repeat it; the list given replaces the one stored).
    #[arg(long = "language", value_name = "L")]
    languages: Vec<String>,
    /// A field of expertise (repeat it; the list given replaces the one stored).
    #[arg(long = "expertise", value_name = "E")]
    expertise: Vec<String>,
    /// How the person knows a city or its country; an empty value removes it.
    #[arg(long, value_name = "T")]
    connection: Option<String>,
    /// A city they named (slug or any of its names; repeat it; the list given replaces the one
    /// stored).
    #[arg(long = "interest", value_name = "CITY", add = crate::cli::city_completer())]
    interests: Vec<String>,
    /// Where the sign-up came from; an empty value removes it.
    #[arg(long, value_name = "T")]
    source: Option<String>,
    /// When they signed up.
    #[arg(long, value_name = "DATE")]
    signed_up: Option<String>,
    /// Anything else worth knowing (may span lines); an empty value removes it.
    #[arg(long, value_name = "T")]
    notes: Option<String>,
    #[command(flatten)]
    details: DetailFlags,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let given = self.signed_up.as_deref();
        let (signed_up, doubt) = write::dated(ctx, given, "--signed-up", Doubt::Future)?;
        let notes = match self.notes {
            Some(t) => {
                let t = input::free_text(&t, "--notes")?;
                Some((!t.trim().is_empty()).then_some(t))
            }
            None => None,
        };
        let mut change = CandidateSet {
            name: input::opt_non_empty(self.name.as_deref(), "--name")?,
            name_fa: input::optional(self.name_fa, "--name-fa")?,
            languages: input::list_flag(self.languages, "--language")?,
            expertise: input::list_flag(self.expertise, "--expertise")?,
            connection: input::optional(self.connection, "--connection")?,
            interests: None,
            signed_up,
            source: input::optional(self.source, "--source")?,
            notes,
            details: self.details.read()?,
        };
        let interests = input::list_flag(self.interests, "--interest")?;
        if change.is_empty() && interests.is_none() {
            return Err(write::nothing_to_change(
                "--name --name-fa --language --expertise --connection --interest --source \
                 --signed-up --notes --email --phone",
            ));
        }
        let ws = ctx.load()?;
        change.interests = interests
            .map(|given| super::interests(&ws, &given))
            .transpose()?;
        let applied = candidate::set(&write::writer_at(ctx, &ws.root), &ws, &self.id, &change)?;
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}
