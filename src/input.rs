//! Values typed by an analyst, on the command line or in a spreadsheet's cell, read by one rule
//! wherever they come from: dates, times, one-line and free text, ids, e-mail addresses and
//! phones. Each refusal names the flag or cell it came from and says why, in both languages.

use jiff::civil::Date;

use crate::calendar;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::PartialDate;

/// [`date`] for a given today (`DIPLOMAT_TODAY` is read before there is a context).
pub fn parse_date(text: &str, today: Date, flag: &str) -> Result<Date> {
    calendar::parse_user_date(text, today).map_err(|e| {
        Error::said(
            format!("{flag}: {}", e.describe(Lang::En)),
            format!("{}: {}", Lang::Fa.embed(flag), e.describe(Lang::Fa)),
        )
    })
}

/// When an agreement was signed (`--signed`): a year (`2016`) or a month (`1998-03`) where only
/// that is known, as `relationship.signed` allows, else any date the command line takes.
pub fn signed(text: &str, today: Date, flag: &str) -> Result<PartialDate> {
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
    parse_date(t, today, flag).map(PartialDate::Day)
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

/// [`non_empty`] for an optional flag of a `set` (not given: left as it is).
pub fn opt_non_empty(text: Option<&str>, flag: &str) -> Result<Option<String>> {
    text.map(|t| non_empty(t, flag)).transpose()
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

/// A number of days given to `flag` (`--follow-up-days 45`), 0 to 3650; `Some(None)` (remove)
/// when given empty.
pub fn opt_days(value: Option<&str>, flag: &str) -> Result<Option<Option<u32>>> {
    let Some(text) = value.map(str::trim) else {
        return Ok(None);
    };
    if text.is_empty() {
        return Ok(Some(None));
    }
    let digits = crate::text::normalize_digits(text);
    match digits.parse::<u32>() {
        Ok(n) if n <= 3650 => Ok(Some(Some(n))),
        _ => {
            let (value, flag) = (text.to_owned(), flag.to_owned());
            Err(Error::usage(move |lang: Lang| {
                let (value, flag) = (lang.code(&value), lang.code(&flag));
                let (low, high) = (lang.num(0), lang.num(3650));
                say!(
                    lang,
                    "{value} given to {flag} is not a number of days from {low} to {high}",
                    "{value} که به {flag} داده شد شمار روزها از {low} تا {high} نیست"
                )
            }))
        }
    }
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
