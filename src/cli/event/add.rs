use clap::Args;

use crate::change;
use crate::cli::write::{self, Doubt};
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::Event;
use crate::model::vocab::{EventKind, EventStatus};

/// Plan an event with a city; prints its new id.
///
/// A meeting, our visit abroad (`visit`), their delegation in Isfahan (`delegation`), an
/// exhibition, an event, a case-file review session (`review`). `--end` is the last day of an event of several days; `--time` when it begins, Isfahan time.
/// Everyone in `--with` must be a facilitator or contact of the city. Once it has taken place,
/// `event held` records it.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat event add saint-petersburg \"Isfahan week at the Hermitage\" --kind visit --date 1405/09/12 --end 1405/09/18\n  diplomat event add barcelona \"Review of the Barcelona file\" --kind review --date 2027-01-12 --time 10:00 --with es-embassy-commercial\n  id=$(diplomat event add kazan \"Halal food delegation in Isfahan\" --kind delegation --date 2026-12-08 --status confirmed)"
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// What it is, in one line.
    title: String,
    /// The (first) day: 2026-12-03, 1405/09/12, ۱۴۰۵/۰۹/۱۲, today.
    #[arg(long, value_name = "DATE")]
    date: String,
    /// The last day of an event of several days.
    #[arg(long, value_name = "DATE")]
    end: Option<String>,
    /// When it begins, Isfahan time (24-hour clock).
    #[arg(long, value_name = "HH:MM")]
    time: Option<String>,
    /// What it is: a `visit` is ours, abroad; a `delegation` theirs, in Isfahan; a `review` a
    /// case-file review session.
    #[arg(long, value_enum, default_value_t = EventKind::Meeting)]
    kind: EventKind,
    /// Where it takes place.
    #[arg(long, value_name = "PLACE")]
    place: Option<String>,
    /// A facilitator or contact id taking part (repeatable).
    #[arg(long = "with", value_name = "ID")]
    with: Vec<String>,
    /// Where it stands.
    #[arg(long, value_enum, default_value_t = EventStatus::Planned)]
    status: EventStatus,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let title = input::non_empty(&self.title, "the title")?;
        let date = write::date(ctx, &self.date, "--date")?;
        let end = write::opt_date(ctx, self.end.as_deref(), "--end")?;
        let time = match input::opt_line(self.time, "--time")? {
            Some(t) => Some(input::time(&t, "--time")?),
            None => None,
        };
        let event = Event {
            id: String::new(),
            date,
            end,
            time,
            kind: self.kind,
            title,
            place: input::opt_line(self.place, "--place")?,
            with: input::list_flag(self.with, "--with")?.unwrap_or_default(),
            status: self.status,
            notes: None,
        };
        let doubts = [
            write::doubt(ctx, "--date", &self.date, date, Doubt::LongPast),
            write::opt_doubt(ctx, "--end", self.end.as_deref(), end, Doubt::LongPast),
        ];
        let target = write::target(ctx, &self.city)?;
        let applied = change::event::add(&write::writer(ctx, &target), &target, event)?;
        ctx.write(&format!("{}\n", applied.value))?;
        write::finish(ctx, &applied, doubts)?;
        Ok(Outcome::Ok)
    }
}
