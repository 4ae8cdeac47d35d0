use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use clap::Args;
use jiff::ToSpan;

use super::{Mail, Output};
use crate::calendar;
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::git;
use crate::i18n::Lang;
use crate::model::Names;
use crate::query::agenda;
use crate::query::diff::{Details, Opener, Said};
use crate::query::weekly::{Change, Part, Period, Scope, Weekly};
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
        let format = super::format(ctx, self.output.output.as_deref(), &[Format::Xlsx])?;
        let mut ws = ctx.open()?;
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
            (_, _, Some(date)) => Period::week(write::date(ctx, date, "--date")?, week_start),
            _ if self.last => Period::week(
                ctx.today.checked_sub(7.days()).unwrap_or(ctx.today),
                week_start,
            ),
            _ => Period::week(ctx.today, week_start),
        };
        let checklist = ctx.checklist(&ws)?;
        let scope = Scope {
            period,
            today: ctx.today,
            stale_after_days: ws.settings.stale_after_days,
            checklist: &checklist,
            start: git::may_be_repository(&ws.root),
        };
        // Data carries dates as stored (`YYYY-MM-DD`); a reader's report follows the calendar.
        let dates = match format {
            Format::Json => calendar::Calendar::Gregorian,
            _ => ctx.calendar,
        };
        let (lang, cache) = (ctx.lang, ctx.load_options().cache);
        let pool_options = ctx.load_options();
        // The week ahead: the 7 days after the period, overdue as of the report's day.
        let (settings, reference) = (ws.settings.clone(), scope.reference());
        let ahead_from = period.to.checked_add(1.day()).unwrap_or(period.to);
        let window = agenda::Window::days(ahead_from, 6);
        let root = ws.root.clone();
        // What changed in each commit: contact details said only with `--include-contacts`.
        let contacts = self.output.include_contacts;
        let key = crate::cli::diff::data_key(ctx, &root, contacts)?;
        let open = key.as_ref().map(crate::cli::diff::opener);
        let open: Option<&Opener> = open.as_ref().map(|o| o as &Opener);
        let details = match contacts {
            true => Details::Shown(open),
            false => Details::Hidden,
        };
        let said = Said::new(lang, dates, details);
        // Every dossier file, to read how each stood when the period began.
        let files: Vec<PathBuf> = crate::workspace::dossier_files(&root)
            .iter()
            .map(|path| crate::workspace::shown_path(&root, path))
            .collect();
        // Git's answers (a `git log` limited to `cities/` walks every commit's tree) come while
        // the dossiers load; each dossier's share of the report is made as it is loaded, with
        // its file: 10,000 dossiers are never held whole.
        let (((history, befores), pools), rows) = std::thread::scope(|threads| {
            let git = threads.spawn(|| {
                git::history::period(&root, (period.from, period.to), &files, &said, cache)
            });
            // The pool as committed in the period: who left it for a city (issue 29); three
            // more git processes, only in a workspace with a pool.
            let pools = threads.spawn(|| {
                (scope.start && crate::workspace::pool_path(&root).exists())
                    .then(|| git::history::pool_versions(&root, (period.from, period.to)))
                    .flatten()
            });
            let rows = ctx.map_dossiers(&mut ws, |l| {
                let ahead = agenda::items([&l.dossier], &settings, &window, reference, lang);
                (
                    crate::workspace::shown_path(&root, &l.path),
                    (scope.part(&l.dossier), ahead),
                )
            });
            let git = git
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let pools = pools
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            ((git, pools), rows)
        });
        let (shown, parts): (Vec<PathBuf>, Vec<(Part, Vec<agenda::AgendaItem>)>) =
            rows?.into_iter().unzip();
        let (parts, ahead): (Vec<Part>, Vec<Vec<agenda::AgendaItem>>) = parts.into_iter().unzip();
        let mut data = Weekly::from_parts(&parts, period);
        data.ahead = ahead.into_iter().flatten().collect();
        agenda::sort(&mut data.ahead);
        data.history = history.note().to_owned();
        // A pool that does not read adds nothing (`validate` says why); nor does a version of
        // its history that does not.
        let pool = crate::workspace::load_pool_cached(&root, &pool_options)
            .ok()
            .flatten();
        let versions: Option<Vec<crate::model::Pool>> = pools.map(|blobs| {
            let shown = Path::new(crate::workspace::POOL_FILE);
            blobs
                .iter()
                .filter_map(|b| crate::workspace::parse_pool(shown, b, lang).ok())
                .map(|(pool, _)| pool)
                .collect()
        });
        data.set_pool(pool.as_ref(), versions.as_deref());
        if let git::history::History::Changes(changes) = history {
            data.changes = changes.into_iter().map(Change::from).collect();
            let start = scope.start_context();
            let before: HashMap<&Path, &git::history::Before> = files
                .iter()
                .zip(&befores)
                .filter_map(|(file, before)| Some((file.as_path(), before.as_ref()?)))
                .collect();
            let previous: Vec<Option<usize>> = shown
                .iter()
                .zip(&parts)
                .map(|(file, part)| match before.get(file.as_path()) {
                    Some(git::history::Before::Old(dossier)) => {
                        Some(checklist.evaluate(dossier, start).met)
                    }
                    Some(git::history::Before::Unchanged) => part.met_at_start,
                    None => None,
                })
                .collect();
            data.set_readiness_before(&previous);
        }
        data.regroup();
        data.warnings = ws
            .all_problems()
            .map(|p| format!("{}: {}", p.location(), p.message))
            .collect();

        let names: BTreeMap<String, Names> = parts.into_iter().map(|p| (p.slug, p.name)).collect();
        if format == Format::Xlsx {
            let lang = ctx.lang;
            let name = |slug: &str| {
                names
                    .get(slug)
                    .map_or_else(|| slug.to_owned(), |n| n.shown(lang).to_owned())
            };
            let (cal, reference) = (ctx.calendar, scope.reference());
            let mut ahead = render::agenda::sheet(&data.ahead, lang, &name);
            ahead.name = lang.pick("Week ahead", "هفتهٔ پیش رو").to_owned();
            let book = render::xlsx::sheets::weekly(&data, lang, cal, reference, name).sheet(ahead);
            self.output.emit_bytes(ctx, &book.to_bytes()?)?;
            return Ok(Outcome::Ok);
        }
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
                let mut setting = super::setting(ctx, &ws);
                setting.names = names;
                let (name, source) =
                    self.output
                        .template(&ws, "weekly.md.j2", BUILTIN_TEMPLATE, ctx.messages())?;
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
                let mail = Mail {
                    subject: &title,
                    markdown: &markdown,
                    chart: Some(&bars),
                    lang: setting.lang,
                };
                self.output.emit_report(ctx, &ws, format, mail)?;
                return Ok(Outcome::Ok);
            }
        };
        self.output.emit(ctx, &text)?;
        Ok(Outcome::Ok)
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
