use clap::Args;

use crate::change::{Entry, event};
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;

/// Mark an event held and record what happened, in one write.
///
/// The event's status becomes `held`, and what happened goes where it belongs: an
/// interaction (a meeting is a `meeting`, a visit or a delegation a `visit`, an exhibition or
/// an event an `event`, anything else `other`) with the event's title and people, or for a
/// review session (`review`) a review entry whose participants are the event's people and
/// whose outcome is `--summary` (required then). The day is `--date`, else the event's own;
/// the event keeps the day it was planned for. An event held already is left as it is.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat event held saint-petersburg e-7k2m --summary \"Two workshops agreed for the spring\"\n  diplomat event held barcelona e-3f9q --date yesterday --summary \"Gaps: investment readiness, branding\""
)]
pub struct HeldArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The event's id (as `event list` shows it).
    id: String,
    /// What happened; several lines are kept as a `|` block. A review session's outcome.
    #[arg(long, value_name = "TEXT")]
    summary: Option<String>,
    /// The day it took place (default the event's date).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

impl HeldArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let summary = match &self.summary {
            Some(text) => Some(input::free_text(text, "--summary")?),
            None => None,
        };
        let (date, doubt) =
            write::dated(ctx, self.date.as_deref(), "--date", write::Doubt::Future)?;
        let (ws, target) = write::load_entry(ctx, &self.city, Entry::Event, &self.id)?;
        // Held on its own day, and that day is still to come: probably the wrong event.
        let planned = ws
            .dossiers
            .iter()
            .find(|l| l.dossier.slug == target.slug)
            .and_then(|l| l.dossier.events.iter().find(|e| e.id == self.id))
            .map(|e| e.date)
            .filter(|day| date.is_none() && *day > ctx.today);
        let early = planned.map(|day| {
            let lang = ctx.messages();
            let shown = |d| crate::calendar::format_date(d, crate::calendar::Calendar::Gregorian, lang);
            let (id, day, today, flag) = (
                lang.code(&self.id),
                shown(day),
                shown(ctx.today),
                lang.code("--date"),
            );
            say!(
                lang,
                "event {id} is planned for {day}, after today ({today}); it was marked held as asked: check the event, or give the day it took place with {flag}",
                "رویداد {id} برای {day}، پس از امروز ({today})، برنامه‌ریزی شده است؛ همان‌طور که خواستید برگزارشده ثبت شد: رویداد را بررسی کنید، یا روز برگزاری را با {flag} بدهید"
            )
        });
        let held = event::Held { summary, date };
        let applied = event::held(&write::writer(ctx, &target), &target, &self.id, &held)?;
        write::finish(ctx, &applied, [doubt, early])?;
        Ok(Outcome::Ok)
    }
}
