use clap::Args;

use crate::change::{Entry, event};
use crate::cli::write::{self, Doubt};
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::vocab::{EventKind, EventStatus};

/// Change a planned event: its days, time, kind, title, place, people or status.
///
/// Only the flags given change. An empty `--end`, `--time` or `--place` removes it; `--with`
/// (repeat it) replaces the list of people, and an empty `--with ''` empties it. To record an
/// event that took place, use `event held`, which also logs what happened.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat event set saint-petersburg e-7k2m --status confirmed\n  diplomat event set barcelona e-3f9q --date 1405/10/25 --time 11:00\n  diplomat event set kazan e-9x2p --with ali-ahmadi --with leila-sadeghi --place ''"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The event's id (as `event list` shows it).
    id: String,
    /// The (first) day.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// The last day; empty removes it.
    #[arg(long, value_name = "DATE")]
    end: Option<String>,
    /// When it begins, Isfahan time; empty removes it.
    #[arg(long, value_name = "HH:MM")]
    time: Option<String>,
    /// What it is: a `visit` is ours, abroad; a `delegation` theirs, in Isfahan; a `review` a
    /// case-file review session.
    #[arg(long, value_enum)]
    kind: Option<EventKind>,
    /// What it is called, in one line.
    #[arg(long, value_name = "T")]
    title: Option<String>,
    /// Where it takes place; empty removes it.
    #[arg(long, value_name = "PLACE")]
    place: Option<String>,
    /// A person taking part (repeat it; the list given replaces the one stored).
    #[arg(long = "with", value_name = "ID")]
    with: Vec<String>,
    /// Where it stands (`event held` also records what happened).
    #[arg(long, value_enum)]
    status: Option<EventStatus>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let date = write::opt_date(ctx, self.date.as_deref(), "--date")?;
        let end = match input::optional(self.end.clone(), "--end")? {
            Some(Some(text)) => Some(Some(write::date(ctx, &text, "--end")?)),
            other => other.map(|_| None),
        };
        let time = match input::optional(self.time, "--time")? {
            Some(Some(text)) => Some(Some(input::time(&text, "--time")?)),
            other => other.map(|_| None),
        };
        let change = event::Set {
            date,
            end,
            time,
            kind: self.kind,
            title: input::opt_non_empty(self.title.as_deref(), "--title")?,
            place: input::optional(self.place, "--place")?,
            with: input::list_flag(self.with, "--with")?,
            status: self.status,
        };
        if change.is_empty() {
            return Err(write::nothing_to_change(
                "--date --end --time --kind --title --place --with --status",
            ));
        }
        let end_day = end.flatten();
        let doubts = [
            write::opt_doubt(ctx, "--date", self.date.as_deref(), date, Doubt::LongPast),
            write::opt_doubt(ctx, "--end", self.end.as_deref(), end_day, Doubt::LongPast),
        ];
        let (_, target) = write::load_entry(ctx, &self.city, Entry::Event, &self.id)?;
        let applied = event::set(&write::writer(ctx, &target), &target, &self.id, &change)?;
        write::finish(ctx, &applied, doubts)?;
        Ok(Outcome::Ok)
    }
}
