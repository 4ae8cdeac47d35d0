use clap::Args;

use crate::change::{Entry, action};
use crate::cli::write::{self, Doubt};
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::vocab::{ActionStatus, Owner};

/// Change an action's status, due date or owner.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat action set barcelona a-7k2m --status in-progress\n  diplomat action set barcelona a-7k2m --due 1405/10/15 --owner chamber"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The action's id (as `action list` shows it).
    id: String,
    #[arg(long, value_enum)]
    status: Option<ActionStatus>,
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    #[arg(long, value_enum)]
    owner: Option<Owner>,
    /// With `--status done`: when it was done (default today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        if self.status.is_none() && self.due.is_none() && self.owner.is_none() {
            return Err(Error::usage(
                "nothing to change: give --status, --due or --owner",
            ));
        }
        let due = write::opt_date(ctx, self.due.as_deref(), "--due")?;
        let on = write::opt_date(ctx, self.on.as_deref(), "--on")?;
        if on.is_some() && self.status != Some(ActionStatus::Done) {
            return Err(Error::usage(|lang: Lang| {
                let (on, done) = (lang.code("--on"), lang.code("--status done"));
                say!(lang, "{on} goes with {done}", "{on} فقط همراه {done} می‌آید")
            }));
        }
        let (_, target) = write::load_entry(ctx, &self.city, Entry::Action, &self.id)?;
        let change = action::Set {
            status: self.status,
            due,
            owner: self.owner,
            done: on,
        };
        let doubts = [
            write::opt_doubt(ctx, "--due", self.due.as_deref(), due, Doubt::LongPast),
            write::opt_doubt(ctx, "--on", self.on.as_deref(), on, Doubt::Future),
        ];
        let mut applied = action::set(&write::writer(ctx, &target), &target, &self.id, &change)?;
        applied.message = format!("{}: action set {}", target.slug, self.id);
        write::finish(ctx, &applied, doubts)?;
        Ok(Outcome::Ok)
    }
}
