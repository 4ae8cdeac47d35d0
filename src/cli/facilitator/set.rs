use clap::Args;

use crate::change;
use crate::change::person::{self, FacilitatorSet, Patch};
use crate::cli::person::DetailFlags;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::i18n::Lang;
use crate::input;
use crate::model::vocab::FacilitatorStatus;

/// Change a facilitator: name, status, languages, expertise, connection, days between
/// follow-ups, contact details.
///
/// Only the fields given change; a repeated list flag (`--language`, `--expertise`) replaces
/// the whole list. A change of status without `--since` dates it today. The same person in
/// other cities is named in a note after a change of name or contact details; `--everywhere`
/// makes the change in every city where the id appears, all or nothing. To retire someone,
/// use `--status inactive` (the interactions that name them keep their link).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat facilitator set florence reza-karimi --status inactive\n  diplomat facilitator set florence maryam-rahimi --email maryam@example.org --everywhere\n  diplomat facilitator set barcelona example-facilitator --language es --language en --no-phone"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The person's id (as `facilitator list` shows it).
    id: String,
    #[arg(long, value_name = "N")]
    name: Option<String>,
    /// The name in Persian; an empty value removes it.
    #[arg(long, value_name = "FA")]
    name_fa: Option<String>,
    #[arg(long, value_enum, value_name = "S")]
    status: Option<FacilitatorStatus>,
    /// Since when the status holds (default today, with a change of `--status`).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// A language spoken (repeat it; the list given replaces the one stored).
    #[arg(long = "language", value_name = "L")]
    languages: Vec<String>,
    /// A field of expertise (repeat it; the list given replaces the one stored).
    #[arg(long = "expertise", value_name = "E")]
    expertise: Vec<String>,
    /// How the person knows the city; an empty value removes it.
    #[arg(long, value_name = "T")]
    connection: Option<String>,
    #[command(flatten)]
    details: DetailFlags,
    /// Make the change in every city where this id is a facilitator.
    #[arg(long)]
    everywhere: bool,
    /// Days between follow-ups with them, over their role's in `diplomat.yaml` (0: never); an
    /// empty value removes it.
    #[arg(long, value_name = "N")]
    follow_up_days: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let (since, doubt) =
            write::dated(ctx, self.since.as_deref(), "--since", write::Doubt::Future)?;
        let change = FacilitatorSet {
            name: input::opt_non_empty(self.name.as_deref(), "--name")?,
            name_fa: input::optional(self.name_fa, "--name-fa")?,
            status: self.status,
            since,
            languages: input::list_flag(self.languages, "--language")?,
            expertise: input::list_flag(self.expertise, "--expertise")?,
            connection: input::optional(self.connection, "--connection")?,
            follow_up_days: input::opt_days(self.follow_up_days.as_deref(), "--follow-up-days")?,
            details: self.details.read()?,
        };
        if change.is_empty() {
            return Err(write::nothing_to_change(
                "--name --name-fa --status --since --language --expertise --connection \
                 --follow-up-days --email --phone",
            ));
        }
        set_person(ctx, &self.city, &self.id, &change, self.everywhere, [doubt])
    }
}

/// `facilitator set` and `contact set`: `patch` made to the person `id` of `city` (with
/// `everywhere`, of every city that has them), then said, with a note of the other cities
/// that have the same person when the change was of who they are.
pub fn set_person<C: Patch>(
    ctx: &mut Ctx,
    city: &str,
    id: &str,
    patch: &C,
    everywhere: bool,
    doubts: impl IntoIterator<Item = Option<String>>,
) -> Result<Outcome>
where
    C::Person: change::listed::Listed<In = crate::model::Dossier>,
{
    let entry = <C::Person as change::listed::Listed>::ENTRY;
    let (ws, target) = write::load_entry(ctx, city, entry, id)?;
    let applied = person::set(
        &write::writer(ctx, &target),
        &ws,
        &target,
        id,
        patch,
        everywhere,
    )?;
    write::tell(ctx, &applied, doubts);
    let others = &applied.value.others;
    if applied.changed() && applied.value.personal && !others.is_empty() {
        ctx.note(|lang: Lang| {
            let (value, cities) = (lang.code(id), lang.code_list(others));
            let (flag, noun) = (lang.code("--everywhere"), entry.noun(lang));
            say!(
                lang,
                "{value} is also a {noun} of {cities}; not changed there ({flag} changes every city)",
                "{value} {noun} {cities} هم هست؛ آنجا تغییر نکرد ({flag} همهٔ شهرها را تغییر می‌دهد)"
            )
        });
    }
    write::commit_applied(ctx, &applied)?;
    Ok(Outcome::Ok)
}
