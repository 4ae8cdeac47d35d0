use clap::Args;
use jiff::ToSpan;

use super::{Mail, Output};
use crate::calendar;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::history;
use crate::lang::Lang;
use crate::query::weekly::{self, Inputs, Period};
use crate::render::email::Bar;
use crate::render::{self, Format, report};

pub const BUILTIN_TEMPLATE: &str = include_str!("../../../templates/weekly.md.j2");

/// The weekly report, a brief for directors: the programme's six aims against the previous
/// period and what stands out; per city, the interactions (who took part, the first line of
/// the summary), actions completed and moves; then actions due and overdue, readiness,
/// relations going cold, cities without a facilitator, and the dossier changes in git per city
/// and author (every commit with `--commits`).
///
/// A week starts on `week_start` (Saturday unless diplomat.yaml says otherwise).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat report weekly\n  diplomat report weekly --last -o week.html\n  diplomat report weekly --date 1405/09/01 --lang fa --calendar jalali\n  diplomat report weekly --from 2026-11-01 --to 2026-11-30 --format json"
)]
pub struct WeeklyArgs {
    /// Report the week holding this date (default: today).
    #[arg(long, value_name = "D", conflicts_with_all = ["last", "from", "to"])]
    date: Option<String>,
    /// Report the last completed week.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    last: bool,
    /// Start of a custom period (with --to).
    #[arg(long, value_name = "D", requires = "to")]
    from: Option<String>,
    /// End of a custom period (with --from).
    #[arg(long, value_name = "D", requires = "from")]
    to: Option<String>,
    /// List every commit of the period, not only the changes per city and author.
    #[arg(long)]
    commits: bool,
    #[command(flatten)]
    output: Output,
}

impl WeeklyArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = super::format(ctx, self.output.output.as_deref())?;
        let ws = ctx.load()?;
        let week_start = ws.settings.week_start;
        let period = match (&self.from, &self.to, &self.date) {
            (Some(from), Some(to), _) => {
                let period = Period {
                    from: write::date(ctx, from, "--from")?,
                    to: write::date(ctx, to, "--to")?,
                };
                if period.from > period.to {
                    return Err(Error::usage(|lang: Lang| {
                        let (from, to) = (lang.code("--from"), lang.code("--to"));
                        say!(lang, "{from} is after {to}", "{from} پس از {to} است")
                    }));
                }
                period
            }
            (_, _, Some(date)) => week(write::date(ctx, date, "--date")?, week_start),
            _ if self.last => week(
                ctx.today.checked_sub(7.days()).unwrap_or(ctx.today),
                week_start,
            ),
            _ => week(ctx.today, week_start),
        };
        let checklist = ctx.checklist(&ws)?;
        let mut data = weekly::build(&Inputs {
            dossiers: ws.dossiers.iter().map(|l| &l.dossier).collect(),
            period,
            today: ctx.today,
            stale_after_days: ws.settings.stale_after_days,
            checklist: &checklist,
        });
        // Data carries dates as stored (`YYYY-MM-DD`); a reader's report follows the calendar.
        let dates = match format {
            Format::Json => calendar::Calendar::Gregorian,
            _ => ctx.calendar(Some(&ws)),
        };
        // Each readiness row's dossier, to read how it stood when the period began.
        let files: Vec<std::path::PathBuf> = data
            .readiness
            .iter()
            .map(|row| {
                ws.dossiers
                    .binary_search_by(|l| l.dossier.slug.as_str().cmp(&row.slug))
                    .ok()
                    .and_then(|i| ws.dossiers.get(i))
                    .map(|l| crate::workspace::shown_path(&ws.root, &l.path))
                    .unwrap_or_default()
            })
            .collect();
        let lang = ctx.lang(Some(&ws));
        let (history, befores) = history::period(&ws.root, period, &files, lang, dates);
        data.history = history.note().to_owned();
        if let history::History::Changes(changes) = history {
            data.changes = changes;
            readiness_before(&ws, &checklist, period, &mut data, befores);
        }
        data.regroup();
        data.warnings = ws
            .all_problems()
            .map(|p| format!("{}: {}", p.location(), p.message))
            .collect();

        let text = match format {
            Format::Json => {
                // Data carries bare text: isolates are for a reader's line.
                for change in &mut data.changes {
                    for line in &mut change.details {
                        *line = crate::text::strip_isolates(line).into_owned();
                    }
                }
                render::json(&data)?
            }
            _ => {
                let setting = super::setting(ctx, &ws);
                let (name, source) = self
                    .output
                    .template(&ws, "weekly.md.j2", BUILTIN_TEMPLATE)?;
                let mut extra = serde_json::Map::new();
                extra.insert("commits".into(), self.commits.into());
                let markdown = report::markdown(&name, &source, &data, &setting, extra)?;
                let bars: Vec<Bar> = data
                    .readiness
                    .iter()
                    .map(|r| {
                        let name = setting
                            .names
                            .get(&r.slug)
                            .map_or(r.slug.clone(), |n| n.shown(setting.lang).to_owned());
                        (name, r.met, r.total)
                    })
                    .collect();
                let title = title(period, setting.lang, setting.calendar);
                match format {
                    Format::Html => report::html(
                        &markdown,
                        &title,
                        setting.lang,
                        Some(report::readiness_chart(&bars, setting.lang)),
                    ),
                    Format::Eml => self.output.eml(
                        ctx,
                        &ws,
                        Mail {
                            subject: &title,
                            markdown: &markdown,
                            chart: Some(&bars),
                            lang: setting.lang,
                        },
                    )?,
                    _ => markdown,
                }
            }
        };
        self.output.emit(ctx, &text)?;
        Ok(Outcome::Ok)
    }
}

/// Each city's readiness as its dossier stood in git when the period began.
fn readiness_before(
    ws: &crate::workspace::Workspace,
    checklist: &crate::query::checklist::Checklist,
    period: Period,
    data: &mut weekly::Weekly,
    befores: Vec<Option<history::Before>>,
) {
    let start = crate::query::checklist::Context {
        today: period.from.checked_sub(1.day()).unwrap_or(period.from),
        stale_after_days: ws.settings.stale_after_days,
        // Only the count of items met is used: the reasons' language does not matter.
        lang: Lang::En,
        calendar: calendar::Calendar::Gregorian,
    };
    for (row, before) in data.readiness.iter_mut().zip(befores) {
        row.previous = match before {
            None => None,
            Some(history::Before::Old(dossier)) => Some(checklist.evaluate(&dossier, start).met),
            Some(history::Before::Unchanged) => ws
                .dossiers
                .binary_search_by(|l| l.dossier.slug.as_str().cmp(&row.slug))
                .ok()
                .and_then(|i| ws.dossiers.get(i))
                .map(|l| checklist.evaluate(&l.dossier, start).met),
        };
    }
}

/// "Citizen Diplomat — weekly report — 28 Nov – 4 Dec 2026": the page's title and the
/// e-mail's subject.
pub fn title(period: Period, lang: Lang, cal: calendar::Calendar) -> String {
    let label = render::labels::labels(lang)
        .get("weekly_title")
        .copied()
        .unwrap_or_default();
    let range = calendar::format_range(period.from, period.to, cal, lang);
    format!("{label} — {range}")
}

fn week(date: calendar::Date, start: calendar::WeekStart) -> Period {
    let (from, to) = calendar::week_containing(date, start);
    Period { from, to }
}
