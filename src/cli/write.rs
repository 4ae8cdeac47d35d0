//! What every write command shares: finding the dossier to change, reading typed dates, and
//! telling the analyst what changed.

use jiff::civil::Date;

use super::Ctx;
use crate::calendar;
use crate::change::{self, Target};
use crate::error::{Error, Result};
use crate::git::commit::{Committed, NotCommitted};
use crate::i18n::Lang;
use crate::model::PartialDate;
use crate::workspace;

use crate::input::{self, parse_date};

/// Finds CITY for a write ([`change::target`]).
pub fn target(ctx: &mut Ctx, city: &str) -> Result<Target> {
    load_target(ctx, city).map(|(_, target)| target)
}

/// A date typed by the analyst: Gregorian, Solar Hijri, Persian digits, `today`. A bad one is
/// refused with its reason, in the language of messages.
pub fn date(ctx: &Ctx, text: &str, flag: &str) -> Result<Date> {
    parse_date(text, ctx.today, flag)
}

pub fn opt_date(ctx: &Ctx, text: Option<&str>, flag: &str) -> Result<Option<Date>> {
    text.map(|t| date(ctx, t, flag)).transpose()
}

/// When an agreement was signed (`--signed`), as [`input::signed`] reads it.
pub fn signed(ctx: &Ctx, text: &str, flag: &str) -> Result<PartialDate> {
    input::signed(text, ctx.today, flag)
}

/// [`signed`] for an optional flag.
pub fn opt_signed(ctx: &Ctx, text: Option<&str>, flag: &str) -> Result<Option<PartialDate>> {
    text.map(|t| signed(ctx, t, flag)).transpose()
}

/// A date that parses but is probably mistyped, as a warning once the write is done (the date
/// is written as given: the analyst may mean it). The usual slip is the Solar Hijri year
/// (`1406` for `1405`), which moves a date by a whole year.
///
/// Thresholds: a date of something that has happened (an interaction, a review, an action
/// done, an assessment) is doubtful after today; a due date is doubtful more than a year
/// before today (an action may be recorded late, already overdue, but hardly a year late).
pub enum Doubt {
    /// After today.
    Future,
    /// Before today minus one year.
    LongPast,
}

/// The warning for `--flag given` (read as `date`) when it is doubtful, in the language of
/// messages.
pub fn doubt(ctx: &Ctx, flag: &str, given: &str, date: Date, doubt: Doubt) -> Option<String> {
    let doubtful = match doubt {
        Doubt::Future => date > ctx.today,
        Doubt::LongPast => ctx
            .today
            .checked_sub(jiff::Span::new().years(1))
            .is_ok_and(|limit| date < limit),
    };
    if !doubtful {
        return None;
    }
    let lang = ctx.messages();
    let gregorian = |d: Date| calendar::format_date(d, calendar::Calendar::Gregorian, lang);
    let given = given.trim();
    let arg = lang.code(format!("{flag} {given}"));
    let arg = if given == date.to_string() {
        arg
    } else {
        format!("{arg} ({})", gregorian(date))
    };
    let today = gregorian(ctx.today);
    Some(match doubt {
        Doubt::Future => say!(
            lang,
            "{arg} is after today ({today}); it was written as given: check the date",
            "{arg} پس از امروز ({today}) است؛ همان‌طور که داده شد نوشته شد: تاریخ را بررسی کنید"
        ),
        Doubt::LongPast => say!(
            lang,
            "{arg} is more than a year before today ({today}); it was written as given: check the date",
            "{arg} بیش از یک سال پیش از امروز ({today}) است؛ همان‌طور که داده شد نوشته شد: تاریخ را بررسی کنید"
        ),
    })
}

/// [`doubt`] for an optional flag: `given` as typed, `date` as read (none when the flag was not
/// given, or was given empty to remove a date).
pub fn opt_doubt(
    ctx: &Ctx,
    flag: &str,
    given: Option<&str>,
    date: Option<Date>,
    kind: Doubt,
) -> Option<String> {
    given
        .zip(date)
        .and_then(|(given, date)| doubt(ctx, flag, given, date, kind))
}

/// [`opt_date`] with its [`opt_doubt`]: the date of an optional flag, and the warning it
/// deserves once written.
pub fn dated(
    ctx: &Ctx,
    text: Option<&str>,
    flag: &str,
    kind: Doubt,
) -> Result<(Option<Date>, Option<String>)> {
    let date = opt_date(ctx, text, flag)?;
    Ok((date, opt_doubt(ctx, flag, text, date, kind)))
}

/// Says the doubts about the dates just written, unless `--quiet`.
pub fn warn_doubts(ctx: &Ctx, doubts: impl IntoIterator<Item = Option<String>>) {
    for message in doubts.into_iter().flatten() {
        ctx.warn(message);
    }
}

/// "what changed" on stderr, so stdout carries only data (e.g. a new id) for scripts; worded
/// in the language of messages (`|lang| say!(lang, …)`).
pub fn done(ctx: &Ctx, message: impl crate::error::Words) {
    ctx.note(message);
}

/// A date in a note, as the analyst reads dates: in `--calendar` (else the workspace's
/// `calendar:`), digits in the language of messages.
pub fn said_date(ctx: &Ctx, date: Date, lang: Lang) -> String {
    calendar::format_date(date, ctx.calendar, lang)
}

/// What the changes of a command need from it: where, when, in which language, and the
/// analyst's identity for the data key.
pub fn writer<'c>(ctx: &'c Ctx, target: &Target) -> change::Writer<'c> {
    writer_at(ctx, &target.root)
}

/// [`writer`] for a change of the workspace at `root` that is no dossier's (the pool).
pub fn writer_at<'c>(ctx: &'c Ctx, root: &std::path::Path) -> change::Writer<'c> {
    change::Writer {
        root: root.to_path_buf(),
        lang: ctx.messages(),
        today: ctx.today,
        calendar: ctx.calendar,
        keys: ctx,
    }
}

impl change::Keyring for Ctx<'_> {
    fn data_key(&self, root: &std::path::Path) -> Result<Option<crate::crypto::DataKey>> {
        super::keys::data_key(self, root)
    }
}

/// Ends a write command: [`tell`], then [`commit_applied`].
pub fn finish<T>(
    ctx: &Ctx,
    applied: &change::Applied<T>,
    doubts: impl IntoIterator<Item = Option<String>>,
) -> Result<()> {
    tell(ctx, applied, doubts);
    commit_applied(ctx, applied)
}

/// Says what the change did (or that nothing changed), and warns of the doubtful dates it
/// wrote.
pub fn tell<T>(
    ctx: &Ctx,
    applied: &change::Applied<T>,
    doubts: impl IntoIterator<Item = Option<String>>,
) {
    if applied.changed() {
        warn_doubts(ctx, doubts);
    }
    ctx.note(applied.said.clone());
}

/// With `--commit` (or `auto_commit: true`), commits the files the change changed.
pub fn commit_applied<T>(ctx: &Ctx, applied: &change::Applied<T>) -> Result<()> {
    if !applied.changed() {
        return Ok(());
    }
    let root = ctx.root.clone().unwrap_or_default();
    let paths: Vec<&std::path::Path> = applied.paths.iter().map(|p| p.as_path()).collect();
    commit(ctx, &root, &paths, &applied.message)
}

/// With `--commit` or `auto_commit: true`, commits `paths` (only them, whatever else is
/// staged) with the message `slug: change`, e.g. `barcelona: log call "Video call"`: exactly
/// the text the command's write left, under the workspace lock held since that write, so a
/// commit never carries another command's change. One that cannot be made says so: the
/// change is saved, not committed (exit 2).
pub fn commit(
    ctx: &Ctx,
    root: &std::path::Path,
    paths: &[&std::path::Path],
    message: &str,
) -> Result<()> {
    let auto = ctx.settings().is_some_and(|s| s.auto_commit);
    let result = if ctx.global.commit || auto {
        crate::edit::lock(root).map(|lock| {
            let committed = crate::git::commit::commit(root, paths, message);
            drop(lock);
            committed
        })
    } else {
        Ok(Ok(Committed::Nothing))
    };
    // The write is done and committed (or not to be): other writes may go on.
    crate::edit::release_locks();
    if !(ctx.global.commit || auto) {
        return Ok(());
    }
    let shown: Vec<String> = paths
        .iter()
        .map(|p| workspace::shown_path(root, p).display().to_string())
        .collect();
    match result? {
        Ok(Committed::Made { index }) => {
            done(ctx, |lang: Lang| {
                let message = lang.embed(message);
                say!(lang, "committed: {message}", "در git ثبت شد: {message}")
            });
            if !index {
                ctx.warn(|lang: Lang| {
                    let reset = lang.code(format!("git reset -q -- {}", shown.join(" ")));
                    say!(
                        lang,
                        "git's index was busy and still shows the old text staged; {reset} puts it right",
                        "فهرست git مشغول بود و هنوز متن پیشین را آمادهٔ ثبت نشان می‌دهد؛ {reset} درستش می‌کند"
                    )
                });
            }
            Ok(())
        }
        Ok(Committed::Nothing) => {
            done(ctx, |lang: Lang| {
                let files = lang.code_list(&shown);
                say!(
                    lang,
                    "nothing to commit: {files} is committed as it is",
                    "چیزی برای ثبت نیست: {files} همین‌طور در git ثبت شده است"
                )
            });
            Ok(())
        }
        Err(why) => Err(Error::io(move |lang: Lang| {
            let why = match &why {
                NotCommitted::Git(said) => lang.embed(said).into_owned(),
                NotCommitted::Busy(what) => {
                    let what = match (*what, lang) {
                        (w, Lang::En) => w.to_owned(),
                        ("a merge", Lang::Fa) => "ادغامی".to_owned(),
                        ("a cherry-pick", Lang::Fa) => "cherry-pick ای".to_owned(),
                        (_, Lang::Fa) => "revert ای".to_owned(),
                    };
                    say!(
                        lang,
                        "{what} is in progress in git; finish it, then commit the dossier",
                        "{what} در git در جریان است؛ آن را به پایان برسانید، سپس پرونده را ثبت کنید"
                    )
                }
                NotCommitted::Outside(path) => {
                    let file = lang.code(path.display());
                    say!(
                        lang,
                        "{file} is outside the git repository",
                        "{file} بیرون از مخزن git است"
                    )
                }
            };
            say!(
                lang,
                "the change is saved, but it could not be committed: {why}",
                "تغییر ذخیره شد، اما در git ثبت نشد: {why}"
            )
        })),
    }
}

/// [`target`], with the workspace it was found in (for lookups in other cities).
pub fn load_target(ctx: &mut Ctx, city: &str) -> Result<(workspace::Workspace, Target)> {
    let root = ctx.root()?;
    let ws = workspace::load(&root, &ctx.load_options())?;
    let target = change::target(&ws, city, ctx.messages())?;
    Ok((ws, target))
}

/// [`load_target`] for a change of the entry `id` of the list `entry`, which the city must
/// hold: else the error says where the id is, or the nearest one ("did you mean").
pub fn load_entry(
    ctx: &mut Ctx,
    city: &str,
    entry: change::Entry,
    id: &str,
) -> Result<(workspace::Workspace, Target)> {
    let (ws, target) = load_target(ctx, city)?;
    if !change::holds(&ws, &target.slug, entry, id) {
        return Err(change::unknown_id(&ws, &target.slug, entry, id));
    }
    Ok((ws, target))
}

/// The error of a `set` given nothing to change: `flags`, separated by spaces, are the ones
/// that change something, in the order the message names them.
pub fn nothing_to_change(flags: &str) -> Error {
    let flags: Vec<String> = flags.split_whitespace().map(str::to_owned).collect();
    Error::usage(move |lang: Lang| {
        let flags = lang.code_list(&flags);
        say!(
            lang,
            "nothing to change: give one of {flags}",
            "چیزی برای تغییر نیست: یکی از {flags} را بدهید"
        )
    })
}
