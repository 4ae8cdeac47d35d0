//! What every write command shares: finding the dossier to change, reading typed dates, and
//! telling the analyst what changed.

use jiff::civil::Date;

use super::Ctx;
use crate::calendar;
use crate::change::{self, Target};
use crate::error::{Error, Result};
use crate::history::{self, commit::Committed, commit::NotCommitted};
use crate::lang::Lang;
use crate::model::PartialDate;
use crate::workspace;

/// Finds CITY for a write ([`change::target`]).
pub fn target(ctx: &mut Ctx, city: &str) -> Result<Target> {
    load_target(ctx, city).map(|(_, target)| target)
}

/// A date typed by the analyst: Gregorian, Solar Hijri, Persian digits, `today`. A bad one is
/// refused with its reason, in the language of messages.
pub fn date(ctx: &Ctx, text: &str, flag: &str) -> Result<Date> {
    parse_date(text, ctx.today, flag)
}

/// [`date`] for a given today (`DIPLOMAT_TODAY` is read before there is a context).
pub fn parse_date(text: &str, today: Date, flag: &str) -> Result<Date> {
    calendar::parse_user_date(text, today).map_err(|e| {
        Error::said(
            format!("{flag}: {}", e.describe(Lang::En)),
            format!("{}: {}", Lang::Fa.embed(flag), e.describe(Lang::Fa)),
        )
    })
}

pub fn opt_date(ctx: &Ctx, text: Option<&str>, flag: &str) -> Result<Option<Date>> {
    text.map(|t| date(ctx, t, flag)).transpose()
}

/// A time of day typed by the analyst (`--time`): `10:30` or `9:30`, in ASCII or Persian
/// digits, on a 24-hour clock; stored as `HH:MM`.
pub fn time(text: &str, flag: &str) -> Result<crate::model::TimeOfDay> {
    let typed = crate::text::normalize_digits(text.trim());
    let padded = match typed.split_once(':') {
        Some((h, m)) if h.len() == 1 => format!("0{h}:{m}"),
        _ => typed.clone(),
    };
    crate::model::TimeOfDay::parse(&padded).ok_or_else(|| {
        let (flag, text) = (flag.to_owned(), text.trim().to_owned());
        Error::usage(move |lang: Lang| {
            let (flag, value, example) = (lang.code(&flag), lang.code(&text), lang.code("09:30"));
            let shape = lang.embed("HH:MM");
            say!(
                lang,
                "{flag}: {value} is not a time of day: write {shape} on a 24-hour clock, Isfahan time, e.g. {example}",
                "{flag}: {value} ساعت معتبری نیست: به شکل {shape} در قالب ۲۴ ساعته و به وقت اصفهان بنویسید، مثلاً {example}"
            )
        })
    })
}

/// When an agreement was signed (`--signed`): a year (`2016`) or a month (`1998-03`) where only
/// that is known, as `relationship.signed` allows, else any date the command line takes.
pub fn signed(ctx: &Ctx, text: &str, flag: &str) -> Result<PartialDate> {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year_ok = |y: i16| (1900..=2200).contains(&y);
    if t.len() == 4 && digits(t) {
        if let Ok(y) = t.parse::<i16>()
            && year_ok(y)
        {
            return Ok(PartialDate::Year(y));
        }
    } else if let Some((y, m)) = t.split_once('-')
        && y.len() == 4
        && m.len() == 2
        && digits(y)
        && digits(m)
        && let (Ok(y), Ok(m)) = (y.parse::<i16>(), m.parse::<i8>())
        && year_ok(y)
        && (1..=12).contains(&m)
    {
        return Ok(PartialDate::Month(y, m));
    }
    date(ctx, t, flag).map(PartialDate::Day)
}

/// [`signed`] for an optional flag.
pub fn opt_signed(ctx: &Ctx, text: Option<&str>, flag: &str) -> Result<Option<PartialDate>> {
    text.map(|t| signed(ctx, t, flag)).transpose()
}

/// Text given on the command line must say something, on one line.
pub fn non_empty(text: &str, flag: &str) -> Result<String> {
    one_line(text, flag)?;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::usage(|lang: Lang| {
            let name = flag_name(flag, lang);
            say!(lang, "{name} is empty", "{name} خالی است")
        }));
    }
    Ok(trimmed.to_owned())
}

/// An optional one-line value: trimmed, left out when blank.
pub fn opt_line(text: Option<String>, flag: &str) -> Result<Option<String>> {
    match text {
        Some(t) => {
            one_line(&t, flag)?;
            let trimmed = t.trim();
            Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
        }
        None => Ok(None),
    }
}

/// Repeated one-line values (`--language es --language ca`), each checked.
pub fn lines(values: Vec<String>, flag: &str) -> Result<Vec<String>> {
    for value in &values {
        one_line(value, flag)?;
    }
    Ok(values)
}

/// A one-line field never adds lines or keys to a dossier, nor hides text from the analyst
/// reading it: control characters (C0 with the line break, carriage return and tab, DEL, C1)
/// and the Unicode line and paragraph separators are refused, naming the flag.
pub fn one_line(text: &str, flag: &str) -> Result<()> {
    match text.chars().find(|&c| is_line_breaking(c) || c == '\n') {
        Some(c) => Err(control_character(flag, c, true)),
        None => Ok(()),
    }
}

/// Free text that may span lines (`--summary`): line breaks are kept (a CR LF becomes a line
/// break, as it is stored), any other control character is refused as in [`one_line`].
pub fn free_text(text: &str, flag: &str) -> Result<String> {
    let text = text.replace("\r\n", "\n");
    match text.chars().find(|&c| is_line_breaking(c) && c != '\t') {
        Some(c) => Err(control_character(flag, c, false)),
        None => Ok(text),
    }
}

/// Control characters other than LF, and the characters editors break lines at.
fn is_line_breaking(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}')
}

/// A flag by name, or "the title" for the positional argument.
fn flag_name(flag: &str, lang: Lang) -> String {
    match flag {
        "the title" => lang.pick("the title", "عنوان").to_owned(),
        other => lang.code(other),
    }
}

fn control_character(flag: &str, c: char, one_line: bool) -> Error {
    let said = |lang: Lang| {
        let name = flag_name(flag, lang);
        let code = lang.embed(&format!("U+{:04X}", u32::from(c))).into_owned();
        let what = match c {
            '\n' => lang.pick("a line break", "شکست خط"),
            '\r' => lang.pick("a carriage return", "نویسهٔ بازگشت سطر"),
            '\t' => lang.pick("a tab", "نویسهٔ جدول‌بندی"),
            '\u{2028}' | '\u{2029}' => lang.pick("a line separator", "جداکنندهٔ سطر"),
            _ => lang.pick("a control character", "نویسهٔ کنترلی"),
        };
        if one_line {
            say!(
                lang,
                "{name} holds {what} ({code}): give it as one line of text, without control characters; nothing was written",
                "{name} {what} ({code}) دارد: آن را در یک سطر و بی نویسهٔ کنترلی بدهید؛ چیزی نوشته نشد"
            )
        } else {
            say!(
                lang,
                "{name} holds {what} ({code}): it may hold line breaks, but no other control characters; nothing was written",
                "{name} {what} ({code}) دارد: شکست خط رواست، اما نویسهٔ کنترلی دیگری نه؛ چیزی نوشته نشد"
            )
        }
    };
    Error::usage(said)
}

/// A person handle given with `--id` or derived from a name.
pub fn person_id(given: Option<&str>, name: &str) -> Result<String> {
    if let Some(id) = given {
        if crate::model::read::is_handle(id) {
            return Ok(id.to_owned());
        }
        return Err(Error::usage(|lang: Lang| {
            let (id, dash, eg) = (lang.code(id), lang.code("-"), lang.code("maryam-rahimi"));
            say!(
                lang,
                "{id} is not a valid id: use lowercase letters, digits and {dash}, e.g. {eg}",
                "{id} شناسهٔ معتبری نیست: حروف کوچک لاتین، رقم و {dash} به کار ببرید، مثلاً {eg}"
            )
        }));
    }
    let folded = crate::text::fold(name);
    let id: String = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() {
        return Err(Error::usage(|lang: Lang| {
            let (name, id, eg) = (
                lang.code(name),
                lang.code("--id"),
                lang.code("--id maryam-rahimi"),
            );
            say!(
                lang,
                "cannot make an id from {name}; give one with {id}, e.g. {eg}",
                "از {name} شناسه‌ای ساخته نمی‌شود؛ با {id} یکی بدهید، مثلاً {eg}"
            )
        }));
    }
    Ok(id)
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
pub fn said_date(ctx: &Ctx, root: &std::path::Path, date: Date, lang: Lang) -> String {
    let calendar = ctx.global.calendar.unwrap_or_else(|| {
        workspace::load_settings(root, lang)
            .map(|s| s.calendar)
            .unwrap_or_default()
    });
    calendar::format_date(date, calendar, lang)
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
        calendar: ctx.global.calendar.unwrap_or_else(|| {
            workspace::load_settings(root, ctx.messages())
                .map(|s| s.calendar)
                .unwrap_or_default()
        }),
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
    let auto = workspace::load_settings(root, ctx.messages())
        .map(|s| s.auto_commit)
        .unwrap_or(false);
    let result = if ctx.global.commit || auto {
        crate::edit::lock(root).map(|lock| {
            let committed = history::commit::commit(root, paths, message);
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

/// The error of a `set` given nothing to change.
pub fn nothing_to_change(flags: &[&str]) -> Error {
    let flags = flags.to_vec();
    Error::usage(move |lang: Lang| {
        let flags = lang.code_list(&flags);
        say!(
            lang,
            "nothing to change: give one of {flags}",
            "چیزی برای تغییر نیست: یکی از {flags} را بدهید"
        )
    })
}

/// An optional one-line value: `Some(None)` (remove) when given empty.
pub fn optional(value: Option<String>, flag: &str) -> Result<Option<Option<String>>> {
    match value {
        Some(v) => Ok(Some(opt_line(Some(v), flag)?)),
        None => Ok(None),
    }
}

/// A repeated list flag: `None` when not given.
pub fn list_flag(values: Vec<String>, flag: &str) -> Result<Option<Vec<String>>> {
    if values.is_empty() {
        return Ok(None);
    }
    let values: Vec<String> = lines(values, flag)?
        .into_iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    Ok(Some(values))
}

/// `--email E` / `--no-email`, the value read by `read` ([`email`], [`phone`]).
pub fn detail(
    value: Option<String>,
    remove: bool,
    flag: &str,
    read: fn(&str, &str) -> Result<String>,
) -> Result<Option<Option<String>>> {
    if remove {
        return Ok(Some(None));
    }
    value.map(|v| read(&v, flag).map(Some)).transpose()
}

/// An e-mail address, by the one rule of the add and set commands and `import`: one `@`,
/// something before it, a dotted domain after, no spaces. The error names the value only; the
/// caller says where it came from (a flag, a sheet's cell).
pub fn email_address(text: &str) -> Result<String> {
    let ok = text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !text.contains(char::is_whitespace);
    if ok {
        return Ok(text.to_owned());
    }
    let text = text.to_owned();
    Err(Error::usage(move |lang: Lang| {
        let value = lang.code(&text);
        say!(
            lang,
            "not an e-mail address: {value}",
            "نشانی ایمیل نیست: {value}"
        )
    }))
}

/// A phone number, by the one rule of the add and set commands and `import`: its digits in
/// ASCII, whatever keyboard or sheet gave them, so the same number is stored one way.
pub fn phone_number(text: &str) -> String {
    crate::text::normalize_digits(text)
}

/// `--email`: an [`email_address`], refused naming the flag.
pub fn email(text: &str, flag: &str) -> Result<String> {
    let text = non_empty(text, flag)?;
    email_address(&text).map_err(|e| located(flag, e))
}

/// `--phone`: a [`phone_number`] on one line.
pub fn phone(text: &str, flag: &str) -> Result<String> {
    non_empty(text, flag).map(|t| phone_number(&t))
}

/// An optional `--email` of an add command: left out when blank.
pub fn opt_email(value: Option<String>, flag: &str) -> Result<Option<String>> {
    opt_line(value, flag)?.map(|t| email(&t, flag)).transpose()
}

/// An optional `--phone` of an add command: left out when blank.
pub fn opt_phone(value: Option<String>, flag: &str) -> Result<Option<String>> {
    opt_line(value, flag)?.map(|t| phone(&t, flag)).transpose()
}

/// `err`'s words after `place: ` (a flag, a sheet's cell).
pub fn located(place: &str, err: Error) -> Error {
    match err {
        Error::Said { kind, text, hints } => Error::Said {
            kind,
            text: [
                format!("{place}: {}", text[0]),
                format!("{}: {}", Lang::Fa.embed(place), text[1]),
            ],
            hints,
        },
        other => other,
    }
}
