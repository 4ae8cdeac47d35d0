//! The command line: one file per verb, each a documented `clap::Args` struct and one handler.

/// A noun's verbs (or the top level's commands): the clap enum, each variant one `Args` (or a
/// nested enum) with its own `run`, and the `run` that hands each to it.
macro_rules! verbs {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident($args:ty),)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, clap::Subcommand)]
        $vis enum $name {
            $($(#[$vmeta])* $variant($args),)+
        }

        impl $name {
            pub fn run(
                self,
                ctx: &mut $crate::cli::Ctx,
            ) -> $crate::error::Result<$crate::cli::Outcome> {
                match self {
                    $(Self::$variant(args) => args.run(ctx),)+
                }
            }
        }
    };
}

mod action;
mod agenda;
mod check;
mod city;
mod completions;
mod contact;
mod diff;
mod event;
mod facilitator;
mod fmt;
mod formats;
mod hook;
mod import;
mod init;
pub mod keys;
mod log;
mod man;
mod merge_driver;
mod opportunity;
pub mod output;
mod person;
mod pool;
mod readiness;
mod report;
pub mod reporter;
mod resolve;
mod review;
mod schema;
mod search;
mod summary;
mod validate;
mod write;

pub use reporter::Reporter;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser};
use jiff::civil::Date;

use crate::calendar::{self, Calendar};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::input;
use crate::model::Settings;
use crate::query::checklist::{self, Checklist};
use crate::render::Format;
use crate::workspace::{self, Workspace};

/// Case files of Isfahan's sister cities, for the Citizen Diplomat programme.
///
/// One YAML dossier per city under `cities/`; `diplomat` lists them, checks them against the
/// programme's readiness requirements and reports on them.
#[derive(Debug, Parser)]
#[command(name = "diplomat", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Examples:\n  diplomat city list\n  diplomat city show barcelona\n  diplomat check --format json\n  diplomat --lang fa --calendar jalali city list"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The workspace folder (default: the nearest folder above with `diplomat.yaml` or `cities/`).
    #[arg(
        short = 'C',
        long = "workspace",
        global = true,
        env = "DIPLOMAT_WORKSPACE",
        value_name = "DIR"
    )]
    pub workspace: Option<PathBuf>,
    /// Output format: table, json, yaml, csv, markdown, xlsx (lists); markdown, html, json, eml,
    /// xlsx (reports). A workbook (xlsx) goes to `-o FILE` or a pipe.
    #[arg(long, global = true, value_enum, value_name = "FMT")]
    pub format: Option<Format>,
    /// Language of labels, names and digits (default: `language` in diplomat.yaml).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// How dates are shown (default: `calendar` in diplomat.yaml).
    #[arg(long, global = true, value_enum)]
    pub calendar: Option<Calendar>,
    /// When to use color (NO_COLOR is honoured; never when output is not a terminal).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// An unreadable dossier fails the command (exit 2) instead of a warning.
    #[arg(long, global = true)]
    pub strict: bool,
    /// Print only what was asked for: no warnings or notes on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Write commands: commit the changed dossier to git (also `auto_commit: true` in diplomat.yaml).
    #[arg(long, global = true)]
    pub commit: bool,
    /// The age identity that opens encrypted contact details (default:
    /// `~/.config/diplomat/identity.txt`, made by `diplomat keys init`).
    #[arg(long, global = true, env = "DIPLOMAT_IDENTITY", value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// Read and parse every dossier, bypassing the cache of parsed dossiers in `.diplomat/cache/`.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

verbs! {
    pub enum Command {
        /// List and show the cities' dossiers.
        #[command(subcommand)]
        City(city::CityCommand),
        /// Facilitators across all cities.
        #[command(subcommand)]
        Facilitator(facilitator::FacilitatorCommand),
        /// The joint action plan.
        #[command(subcommand)]
        Action(action::ActionCommand),
        /// Planned events: meetings, visits, delegations, exhibitions, review sessions.
        #[command(subcommand)]
        Event(event::EventCommand),
        Agenda(agenda::AgendaArgs),
        /// The readiness checklist per city: each item met or not, and why.
        Check(check::CheckArgs),
        /// Check dossiers against the schema and the dossier rules.
        Validate(validate::ValidateArgs),
        /// Portfolio overview: counts and a cities × requirements readiness matrix.
        Summary(summary::SummaryArgs),
        Search(search::SearchArgs),
        /// Print the JSON Schema of a dossier, for editor autocompletion.
        Schema(schema::SchemaArgs),
        /// Contacts: experts, embassy counsellors, officials.
        #[command(subcommand)]
        Contact(contact::ContactCommand),
        /// The pool of candidates: citizens who offered to help and serve no city yet.
        #[command(subcommand)]
        Pool(pool::PoolCommand),
        /// Record an interaction: meeting, letter, call, visit or event.
        Log(log::LogArgs),
        /// Assess the programme's readiness requirements.
        #[command(subcommand)]
        Readiness(readiness::ReadinessCommand),
        /// Trade and investment opportunities.
        #[command(subcommand)]
        Opportunity(opportunity::OpportunityCommand),
        /// Case-file review sessions.
        #[command(subcommand)]
        Review(review::ReviewCommand),
        /// Put dossiers in the canonical layout (comments kept).
        Fmt(fmt::FmtArgs),
        /// Reports: weekly, roadmap, review brief.
        #[command(subcommand)]
        Report(report::ReportCommand),
        /// Add the rows of a spreadsheet (.xlsx, .ods) or CSV file: facilitators, contacts, actions.
        #[command(subcommand)]
        Import(import::ImportCommand),
        // `init`, `completions` and `man` take their help from their `Args` struct's doc comment
        // (a variant's doc comment would replace its long description).
        Init(init::InitArgs),
        /// Contact details encrypted at rest: keys, recipients, encryption on and off.
        #[command(subcommand)]
        Keys(keys::KeysCommand),
        /// Git hooks that check the dossiers before each commit.
        #[command(subcommand)]
        Hook(hook::HookCommand),
        Completions(completions::CompletionsArgs),
        Man(man::ManArgs),
        Diff(diff::DiffArgs),
        Resolve(resolve::ResolveArgs),
        MergeDriver(merge_driver::MergeDriverArgs),
    }
}

/// How a command ended when it did not fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// The command ran and found problems: exit 1.
    Findings,
}

/// Everything a handler needs, decided once.
pub struct Ctx<'o> {
    pub global: GlobalArgs,
    pub today: Date,
    pub color: bool,
    pub width: Option<u16>,
    pub out: &'o mut dyn Write,
    /// What the command says on stderr, in the language of messages.
    pub reporter: Reporter,
    /// The language of the output: `--lang`, else the workspace's `language:`, else English.
    pub lang: Lang,
    /// How dates are shown: `--calendar`, else the workspace's `calendar:`, else Gregorian.
    pub calendar: Calendar,
    root: Option<PathBuf>,
    /// The workspace's `diplomat.yaml`, read once before the command ran; `None` when no
    /// workspace was found or it does not read (a command that needs it says why).
    settings: Option<Settings>,
}

impl Cli {
    /// Runs the command and returns the process's exit code: 0, 1 when it found problems, 2
    /// when it failed (the error said on stderr). A closed pipe ends quietly with 0.
    /// Everything printed goes through [`crate::problem::MaskSecrets`]: an age secret key is
    /// never shown, whatever file it came from.
    pub fn run(self, out: &mut dyn Write) -> u8 {
        let mut out = crate::problem::MaskSecrets::new(out);
        let out: &mut dyn Write = &mut out;
        let (result, reporter) = self.run_command(out);
        let result = result.and_then(|outcome| {
            out.flush()?;
            Ok(outcome)
        });
        match result {
            Ok(Outcome::Ok) => 0,
            Ok(Outcome::Findings) => 1,
            Err(err) if err.is_broken_pipe() => 0,
            Err(err) => {
                reporter.error(&err);
                2
            }
        }
    }

    fn run_command(self, out: &mut dyn Write) -> (Result<Outcome>, Reporter) {
        // The language of messages, decided once before anything is said: `--lang`, else the
        // workspace's `language:`, else the locale.
        let cwd = std::env::current_dir().ok();
        let root = cwd
            .as_deref()
            .and_then(|cwd| workspace::find_root(self.global.workspace.as_deref(), cwd).ok());
        // `diplomat.yaml`, read once: its words, if it has problems, are said by the command
        // that needs it, in the language of messages.
        let read = root
            .as_deref()
            .map(|root| workspace::read_settings(root, Lang::En));
        let (settings, settings_lang) = match read {
            Some(Ok((settings, named))) => {
                let lang = named.then_some(settings.language);
                (Some(settings), lang)
            }
            _ => (None, None),
        };
        let messages = self
            .global
            .lang
            .or(settings_lang)
            .unwrap_or_else(crate::i18n::locale);
        let lang = (self.global.lang)
            .or(settings.as_ref().map(|s| s.language))
            .unwrap_or_default();
        let calendar = (self.global.calendar)
            .or(settings.as_ref().map(|s| s.calendar))
            .unwrap_or_default();
        let reporter = Reporter::new(messages, self.global.quiet, self.global.color);
        // A write of several files killed halfway is finished before anything is read.
        if let Some(Err(err)) = root.as_deref().map(crate::edit::finish_pending) {
            return (Err(err), reporter);
        }
        let today = match today() {
            Ok(today) => today,
            Err(err) => return (Err(err), reporter),
        };
        let color = match self.global.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        let mut ctx = Ctx {
            today,
            color,
            width: terminal_width(),
            out,
            reporter,
            lang,
            calendar,
            root,
            settings,
            global: self.global,
        };
        let refused = ctx.global.format.and_then(|format| {
            if format == Format::Ics && !matches!(self.command, Command::Agenda(_)) {
                return Some(crate::render::ics::only_agenda());
            }
            let (name, takes) = self.command.formats()?;
            (!takes.contains(&format)).then(|| crate::render::not_drawn(name, format, takes))
        });
        if let Some(refused) = refused {
            return (Err(refused), ctx.reporter);
        }
        // A write's lock is held until its commit (`--commit`), or the command's end.
        crate::edit::keep_locks();
        let result = self.command.run(&mut ctx);
        (result, reporter)
    }
}

/// Today's date; `DIPLOMAT_TODAY` fixes it (for reproducible reports and tests).
fn today() -> Result<Date> {
    let now = local_date();
    match std::env::var("DIPLOMAT_TODAY") {
        Ok(text) if !text.trim().is_empty() => input::parse_date(&text, now, "DIPLOMAT_TODAY"),
        _ => Ok(now),
    }
}

/// The system's time zone. jiff finds it by its name, and looking a name up lists every file
/// under `/usr/share/zoneinfo` (on every command); `/etc/localtime` read as it is needs no name.
pub(crate) fn local_zone() -> jiff::tz::TimeZone {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Ok(bytes) = std::fs::read("/etc/localtime")
        && let Ok(zone) = jiff::tz::TimeZone::tzif("localtime", &bytes)
    {
        return zone;
    }
    jiff::tz::TimeZone::system()
}

/// The date here.
fn local_date() -> Date {
    local_zone().to_datetime(jiff::Timestamp::now()).date()
}

/// `COLUMNS` when set (scripts and tests fix it), else the terminal's width, else none.
fn terminal_width() -> Option<u16> {
    if let Some(cols) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(cols);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| w.0)
}

impl Ctx<'_> {
    pub fn root(&mut self) -> Result<PathBuf> {
        if let Some(root) = &self.root {
            return Ok(root.clone());
        }
        let cwd = std::env::current_dir().map_err(|e| Error::current_folder(&e))?;
        let root = workspace::find_root(self.global.workspace.as_deref(), &cwd)?;
        self.root = Some(root.clone());
        Ok(root)
    }

    /// Loads the workspace for a read command: broken dossiers become warnings, or with
    /// `--strict` an error.
    pub fn load(&mut self) -> Result<Workspace> {
        let root = self.root()?;
        let options = self.load_options();
        let ws = with_progress(self.shows_progress(), self.messages(), || {
            workspace::load(&root, &options)
        })?;
        self.report_broken(&ws)?;
        Ok(ws)
    }

    /// The workspace's settings, without its dossiers: they come through
    /// [`Ctx::map_dossiers`], for commands that keep only a row of each.
    pub fn open(&mut self) -> Result<Workspace> {
        let root = self.root()?;
        workspace::open(&root, &self.load_options())
    }

    /// Every dossier of `ws` (from [`Ctx::open`]) through `map` as it is loaded, sorted by slug
    /// then path like [`Ctx::load`]'s; the problems of unreadable files are reported as there.
    pub fn map_dossiers<T: Send>(
        &mut self,
        ws: &mut Workspace,
        map: impl Fn(&workspace::Loaded) -> T + Sync,
    ) -> Result<Vec<T>> {
        let options = self.load_options();
        let mut rows = with_progress(self.shows_progress(), self.messages(), || {
            workspace::map_dossiers(ws, &options, |loaded| {
                (
                    loaded.dossier.slug.clone(),
                    loaded.path.clone(),
                    map(&loaded),
                )
            })
        });
        rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        self.report_broken(ws)?;
        Ok(rows.into_iter().map(|(_, _, row)| row).collect())
    }

    /// Fails under `--strict` when a dossier could not be read; else reports each problem.
    pub(crate) fn report_broken(&mut self, ws: &Workspace) -> Result<()> {
        for problem in &ws.warnings {
            self.reporter.problem(problem);
        }
        if !ws.broken.is_empty() {
            if self.global.strict {
                return Err(Error::problems(ws.all_problems().cloned().collect()));
            }
            for problem in ws.all_problems() {
                self.reporter.problem(problem);
            }
        }
        Ok(())
    }

    /// How [`workspace::load`] reads: through the cache unless `--no-cache`, with problems in
    /// the language of messages.
    pub fn load_options(&self) -> workspace::LoadOptions {
        workspace::LoadOptions {
            cache: !self.global.no_cache,
            lang: self.messages(),
            settings: self.settings.clone(),
        }
    }

    /// The language of messages: notes, warnings, errors and the problems found in files.
    pub fn messages(&self) -> Lang {
        self.reporter.lang()
    }

    /// A note on stderr ("wrote `…`"), unless `--quiet`.
    pub fn note(&self, words: impl crate::error::Words) {
        self.reporter.note(words);
    }

    /// A warning on stderr, unless `--quiet`.
    pub fn warn(&self, words: impl crate::error::Words) {
        self.reporter.warn(words);
    }

    /// A spinner on a terminal only: never in a pipe, in JSON or YAML, or with `--quiet`.
    fn shows_progress(&self) -> bool {
        !self.global.quiet
            && !matches!(self.global.format, Some(Format::Json | Format::Yaml))
            && std::io::stdout().is_terminal()
            && std::io::stderr().is_terminal()
    }

    /// The workspace's settings, read once; `None` when there is no workspace or its
    /// `diplomat.yaml` does not read.
    pub fn settings(&self) -> Option<&Settings> {
        self.settings.as_ref()
    }

    pub fn format_date(&self, date: Date) -> String {
        calendar::format_date(date, self.calendar, self.lang)
    }

    /// The checklist: the workspace's `templates/readiness.yaml`, else the built-in one.
    pub fn checklist(&self, ws: &Workspace) -> Result<Checklist> {
        let lang = self.messages();
        match ws.template("readiness.yaml", lang)? {
            None => Ok(Checklist::builtin()),
            Some((shown, text)) => {
                Checklist::parse(Path::new(&shown), &text, lang).map_err(Error::problems)
            }
        }
    }

    pub fn check_context(&self, ws: &Workspace) -> checklist::Context {
        checklist::Context {
            today: self.today,
            stale_after_days: ws.settings.stale_after_days,
            lang: self.lang,
            calendar: self.calendar,
        }
    }

    pub fn write(&mut self, text: &str) -> Result<()> {
        self.out.write_all(text.as_bytes())?;
        Ok(())
    }

    /// A table in the chosen format: Markdown, or sized for the terminal. (CSV is data, not
    /// this table: commands write it from their rows with [`crate::render::csv`].)
    pub fn render_table(&self, table: &crate::render::table::Table, format: Format) -> String {
        match format {
            Format::Markdown => table.to_markdown(),
            _ => table.to_terminal(self.width, self.color, self.lang),
        }
    }

    /// A footer line for tables saying that some dossiers were left out.
    pub fn broken_note(&self, ws: &Workspace) -> Option<String> {
        let n = ws.broken.len();
        (n > 0).then(|| {
            let lang = self.lang;
            let count = crate::i18n::localize_digits(&n.to_string(), lang).into_owned();
            match lang {
                Lang::En if n == 1 => {
                    "warning: 1 dossier could not be read and is left out (see above)".to_owned()
                }
                Lang::En => format!(
                    "warning: {count} dossiers could not be read and are left out (see above)"
                ),
                Lang::Fa => {
                    format!("هشدار: {count} پرونده خوانده نشد و کنار گذاشته شد (بالا را ببینید)")
                }
            }
        })
    }
}

/// Completes a CITY argument to the slugs of the workspace found from the current folder
/// (or `DIPLOMAT_WORKSPACE`), for shells that ask the program (`diplomat completions SHELL`).
pub fn city_completer() -> clap_complete::ArgValueCandidates {
    clap_complete::ArgValueCandidates::new(|| {
        let explicit = std::env::var_os("DIPLOMAT_WORKSPACE").map(PathBuf::from);
        let Ok(cwd) = std::env::current_dir() else {
            return Vec::new();
        };
        let Ok(root) = workspace::find_root(explicit.as_deref(), &cwd) else {
            return Vec::new();
        };
        workspace::dossier_files(&root)
            .iter()
            .filter_map(|p| {
                p.file_stem()?
                    .to_str()
                    .map(clap_complete::CompletionCandidate::new)
            })
            .collect()
    })
}

/// Runs `work`; when it takes longer than half a second and `show` allows, a spinner on stderr
/// says what is happening, and disappears when it is done.
fn with_progress<T>(show: bool, lang: Lang, work: impl FnOnce() -> T) -> T {
    if !show {
        return work();
    }
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            use std::sync::atomic::Ordering;
            let start = std::time::Instant::now();
            while start.elapsed() < std::time::Duration::from_millis(500) {
                if done.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let spinner = indicatif::ProgressBar::new_spinner();
            spinner.set_message(lang.pick("reading the dossiers…", "در حال خواندن پرونده‌ها…"));
            while !done.load(Ordering::Relaxed) {
                spinner.tick();
                std::thread::sleep(std::time::Duration::from_millis(80));
            }
            spinner.finish_and_clear();
        });
        let result = work();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        result
    })
}
