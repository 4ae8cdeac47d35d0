use clap::Args;

use crate::change;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::Action;
use crate::model::vocab::{ActionStatus, Owner};

/// Add an action to the city's joint plan; prints its new id.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat action add barcelona \"Send the exhibition proposal\" --owner joint --due 1405/09/24\n  id=$(diplomat action add kazan \"Name the chamber's representative\" --owner chamber)"
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// What is to be done.
    title: String,
    /// Who carries it.
    #[arg(long, value_enum)]
    owner: Owner,
    /// When it is due.
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let target = write::target(ctx, &self.city)?;
        let title = input::non_empty(&self.title, "the title")?;
        let (due, doubt) = write::dated(ctx, self.due.as_deref(), "--due", write::Doubt::LongPast)?;
        let action = Action {
            id: String::new(),
            title,
            owner: self.owner,
            due,
            status: ActionStatus::Open,
            done: None,
        };
        let applied = change::action::add(&write::writer(ctx, &target), &target, vec![action])?;
        for id in &applied.value {
            ctx.write(&format!("{id}\n"))?;
        }
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}
