//! Dates as the office writes them: Gregorian for partners abroad, Solar Hijri (Jalali) at home.
//!
//! Dates are stored and computed as Gregorian [`Date`]s; the Solar Hijri calendar is only a way of
//! reading and writing them. Conversion uses icu_calendar's `Persian` calendar, which follows the
//! 33-year rule with an astronomical correction table (so 1403 is a leap year, unlike the old
//! 2820-year rule); the tests below pin the vectors the office relies on.

use icu_calendar::{Date as IcuDate, Iso, cal::Persian};
use jiff::ToSpan;
pub use jiff::civil::Date;
use jiff::civil::Weekday;

use crate::lang::Lang;
use crate::lang::localize_digits;
use crate::text::{fold, normalize_digits};

/// Which calendar dates are read as and shown in.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    #[default]
    Gregorian,
    Jalali,
}

/// A date typed by a user that could not be read, with the reason; said in English by
/// `Display`, in either language by [`DateError::describe`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe(Lang::En))]
pub struct DateError {
    input: String,
    reason: Reason,
}

/// Why a typed date is not one; worded only when shown, in the language asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    /// Not three numbers: the expected shape.
    Expected,
    /// Some other count of parts: the expected shape, with "three numbers".
    ExpectedThree,
    YearFirst,
    OutOfRange(Date),
    NoSuchMonth(Calendar, u8),
    DayZero,
    /// The month (of that calendar and year) has only `days` days.
    TooFewDays {
        calendar: Calendar,
        year: i32,
        month: u8,
        days: u8,
    },
    NotValid(Calendar),
    /// A month named in one calendar with a year of the other (`14 Azar 2026`).
    MonthOfOtherCalendar {
        month_calendar: Calendar,
        month: u8,
        year: i32,
    },
}

impl DateError {
    fn new(input: &str, reason: Reason) -> Self {
        // Quote at most 40 characters: the message should stay one readable line.
        let input = input.trim();
        let input = match input.char_indices().nth(40) {
            Some((end, _)) => format!("{}…", &input[..end]),
            None => input.to_owned(),
        };
        DateError { input, reason }
    }

    /// The input as typed (trimmed, possibly shortened).
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The whole message in `lang`: the input as typed (its digits untouched), and the reason
    /// with the program's numbers and month names in that language.
    pub fn describe(&self, lang: Lang) -> String {
        let reason = self.reason.describe(lang);
        if self.input.is_empty() {
            say!(
                lang,
                "no date given: {reason}",
                "تاریخی داده نشده است: {reason}"
            )
        } else {
            let input = lang.code(&self.input);
            say!(
                lang,
                "{input} is not a date: {reason}",
                "{input} تاریخ معتبری نیست: {reason}"
            )
        }
    }
}

impl Reason {
    fn describe(self, lang: Lang) -> String {
        let examples = say!(
            lang,
            "such as {} or {}, or {}",
            "مانند {} یا {}، یا {}",
            lang.code("2026-11-26"),
            lang.code("1405/09/05"),
            lang.code(lang.pick("today", "امروز"))
        );
        let calendar_name = |calendar| match calendar {
            Calendar::Gregorian => lang.pick("Gregorian", "میلادی"),
            Calendar::Jalali => lang.pick("Solar Hijri", "خورشیدی"),
        };
        match self {
            Reason::Expected => say!(
                lang,
                "expected year-month-day {examples}",
                "باید سال/ماه/روز باشد، {examples}"
            ),
            Reason::ExpectedThree => say!(
                lang,
                "expected three numbers as year-month-day {examples}",
                "باید سه عدد سال/ماه/روز باشد، {examples}"
            ),
            Reason::YearFirst => say!(
                lang,
                "write the year first, e.g. {} or {}",
                "سال را اول بنویسید، مثلاً {} یا {}",
                lang.code("1405/09/05"),
                lang.code("2026-11-26")
            ),
            Reason::OutOfRange(today) => say!(
                lang,
                "it falls outside the supported range from {}",
                "از بازهٔ تاریخ‌های پشتیبانی‌شده نسبت به {} بیرون است",
                format_date(today, Calendar::Gregorian, lang)
            ),
            Reason::NoSuchMonth(calendar, month) => say!(
                lang,
                "month {} does not exist in the {} calendar",
                "ماه {} در تقویم {} وجود ندارد",
                lang.num(month),
                calendar_name(calendar)
            ),
            Reason::DayZero => say!(
                lang,
                "day 0 does not exist; days start at 1",
                "روز ۰ وجود ندارد؛ روزها از ۱ آغاز می‌شوند"
            ),
            Reason::TooFewDays {
                calendar,
                year,
                month,
                days,
            } => {
                let name = match calendar {
                    Calendar::Gregorian => gregorian_month_name(month, lang),
                    Calendar::Jalali => jalali_month_name(month, lang),
                };
                let (y, n) = (lang.num(year), lang.num(days));
                let mut text = say!(
                    lang,
                    "{name} {y} has only {n} days",
                    "{name} {y} فقط {n} روز دارد"
                );
                if calendar == Calendar::Jalali && month == 12 && days == 29 {
                    text.push_str(&say!(
                        lang,
                        " ({y} is not a leap year)",
                        " ({y} کبیسه نیست)"
                    ));
                }
                text
            }
            Reason::NotValid(calendar) => say!(
                lang,
                "it is not a valid {} date",
                "تاریخ {} معتبری نیست",
                calendar_name(calendar)
            ),
            Reason::MonthOfOtherCalendar {
                month_calendar,
                month,
                year,
            } => {
                let name = match month_calendar {
                    Calendar::Jalali => jalali_month_name(month, lang),
                    Calendar::Gregorian => gregorian_month_name(month, lang),
                };
                let (year, limit) = (lang.num(year), lang.num(1700));
                let jalali_month = month_calendar == Calendar::Jalali;
                let month_calendar = calendar_name(month_calendar);
                if jalali_month {
                    say!(
                        lang,
                        "{name} is a Solar Hijri month, but {year} is a Gregorian year (years from {limit} on are Gregorian); write the month and the year in one calendar",
                        "{name} ماهِ تقویم {month_calendar} است، اما {year} سالِ میلادی است (سال‌های {limit} به بعد میلادی‌اند)؛ ماه و سال را در یک تقویم بنویسید"
                    )
                } else {
                    say!(
                        lang,
                        "{name} is a Gregorian month, but {year} is a Solar Hijri year (years below {limit} are Solar Hijri); write the month and the year in one calendar",
                        "{name} ماهِ تقویم {month_calendar} است، اما {year} سالِ خورشیدی است (سال‌های کمتر از {limit} خورشیدی‌اند)؛ ماه و سال را در یک تقویم بنویسید"
                    )
                }
            }
        }
    }
}

/// Reads a date typed on the command line: `2026-11-26`, `2026/11/26`, `1405/09/05`, `1405-9-5`,
/// the long forms the program prints (`۱۴ آذر ۱۴۰۵`, `14 Azar 1405`, `5 December 2026`, also
/// `5 Dec 2026`, `December 5, 2026`, `Azar 14, 1405`), Persian or Arabic-Indic digits,
/// `today`/`yesterday`/`tomorrow` (امروز/دیروز/فردا). The year must have four digits; below
/// 1700 it is Solar Hijri whatever the separator, and a named month must be of that calendar.
pub fn parse_user_date(input: &str, today: Date) -> Result<Date, DateError> {
    let err = |reason: Reason| DateError::new(input, reason);
    // Bidi marks sneak in when a date is copied from Persian text.
    let cleaned: String = normalize_digits(input)
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
        })
        .collect();
    let s = cleaned.trim();
    let relative = match fold(s).as_str() {
        "today" | "امروز" => Some(Ok(today)),
        "yesterday" | "دیروز" => Some(today.yesterday()),
        "tomorrow" | "فردا" => Some(today.tomorrow()),
        _ => None,
    };
    if let Some(date) = relative {
        return date.map_err(|_| err(Reason::OutOfRange(today)));
    }

    let (calendar, year, month, day) = if s.chars().any(char::is_alphabetic) {
        named(s).map_err(err)?
    } else {
        numeric(s).map_err(err)?
    };
    if !(1..=12).contains(&month) {
        return Err(err(Reason::NoSuchMonth(calendar, month)));
    }
    let days = match calendar {
        Calendar::Jalali => jalali_days_in_month(year, month),
        Calendar::Gregorian => i16::try_from(year)
            .ok()
            .and_then(|y| Date::new(y, month.cast_signed(), 1).ok())
            .map_or(31, |first| first.days_in_month().unsigned_abs()),
    };
    match day {
        0 => return Err(err(Reason::DayZero)),
        d if d > days => {
            return Err(err(Reason::TooFewDays {
                calendar,
                year,
                month,
                days,
            }));
        }
        _ => {}
    }
    let date = match calendar {
        Calendar::Jalali => jalali_to_gregorian(year, month, day),
        Calendar::Gregorian => i16::try_from(year)
            .ok()
            .and_then(|y| Date::new(y, month.cast_signed(), day.cast_signed()).ok()),
    };
    date.ok_or_else(|| err(Reason::NotValid(calendar)))
}

/// The calendar a year is read in: below 1700 Solar Hijri, else Gregorian.
fn calendar_of_year(year: i16) -> Calendar {
    if year < 1700 {
        Calendar::Jalali
    } else {
        Calendar::Gregorian
    }
}

/// `2026-11-26`, `1405/09/05`, `1405-9-5`: the year first, four digits; its calendar from it.
fn numeric(s: &str) -> Result<(Calendar, i32, u8, u8), Reason> {
    let sep = if s.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = s.split(sep).collect();
    let [y, m, d] = parts[..] else {
        return Err(if s.is_empty() {
            Reason::Expected
        } else {
            Reason::ExpectedThree
        });
    };
    if ![y, m, d]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Reason::Expected);
    }
    if y.len() <= 2 && d.len() == 4 {
        return Err(Reason::YearFirst);
    }
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return Err(Reason::Expected);
    }
    // At most four and two digits each, so these parses cannot fail.
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i16>(), m.parse::<u8>(), d.parse::<u8>())
    else {
        return Err(Reason::Expected);
    };
    Ok((calendar_of_year(year), i32::from(year), month, day))
}

/// A date with its month named, as the program writes long dates and people write letters:
/// `۱۴ آذر ۱۴۰۵`, `14 Azar 1405`, `5 December 2026`, `5 Dec 2026`, `December 5, 2026`,
/// `Azar 14, 1405`. The day has one or two digits (an English `st`/`nd`/`rd`/`th` is allowed),
/// the year four. The year decides the calendar as for numeric dates; a month of the other
/// calendar is refused rather than guessed.
fn named(s: &str) -> Result<(Calendar, i32, u8, u8), Reason> {
    let folded = fold(&s.replace([',', '،'], " "));
    // `5th`: the day without its English ordinal ending.
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|end| w.strip_suffix(end))
                .filter(|d| (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
                .unwrap_or(w)
        })
        .collect();
    let [a, b, c] = words[..] else {
        return Err(Reason::Expected);
    };
    let is_number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let (month_word, first, second) = match (is_number(a), is_number(b), is_number(c)) {
        (true, false, true) => (b, a, c),
        (false, true, true) => (a, b, c),
        (true, true, false) => (c, a, b),
        _ => return Err(Reason::Expected),
    };
    let Some((month_calendar, month)) = month_by_name(month_word) else {
        return Err(Reason::Expected);
    };
    let (y, d) = match (first.len(), second.len()) {
        (1 | 2, 4) => (second, first),
        (4, 1 | 2) => (first, second),
        _ => return Err(Reason::Expected),
    };
    let (Ok(year), Ok(day)) = (y.parse::<i16>(), d.parse::<u8>()) else {
        return Err(Reason::Expected);
    };
    let calendar = calendar_of_year(year);
    if calendar != month_calendar {
        return Err(Reason::MonthOfOtherCalendar {
            month_calendar,
            month,
            year: i32::from(year),
        });
    }
    Ok((calendar, i32::from(year), month, day))
}

/// A month by any name the office writes it with (already [`fold`]ed): Solar Hijri months in
/// Persian and in the usual Latin spellings, Gregorian months in English (full or three
/// letters) and in Persian.
fn month_by_name(word: &str) -> Option<(Calendar, u8)> {
    let word = word.strip_suffix('.').unwrap_or(word);
    // `آذرماه`: the Persian word for month after the name.
    let word = word
        .strip_suffix("ماه")
        .filter(|w| !w.is_empty())
        .unwrap_or(word);
    let find = |names: &[&str]| -> Option<u8> {
        names
            .iter()
            .position(|n| fold(n) == word)
            .and_then(|i| u8::try_from(i + 1).ok())
    };
    if let Some(m) = find(&JALALI_MONTHS_FA).or_else(|| find(&JALALI_MONTHS_EN)) {
        return Some((Calendar::Jalali, m));
    }
    let spelt = |names: &[(&str, u8)]| names.iter().find(|(n, _)| fold(n) == word).map(|(_, m)| *m);
    if let Some(m) = spelt(JALALI_SPELLINGS) {
        return Some((Calendar::Jalali, m));
    }
    if let Some(m) = find(&GREGORIAN_MONTHS_EN).or_else(|| find(&GREGORIAN_MONTHS_FA)) {
        return Some((Calendar::Gregorian, m));
    }
    if let Some(m) = spelt(GREGORIAN_SPELLINGS) {
        return Some((Calendar::Gregorian, m));
    }
    GREGORIAN_MONTHS_EN
        .iter()
        .position(|n| word.len() == 3 && fold(n).starts_with(word))
        .and_then(|i| u8::try_from(i + 1).ok())
        .map(|m| (Calendar::Gregorian, m))
}

/// Other spellings of the Solar Hijri months seen in letters and on the web.
const JALALI_SPELLINGS: &[(&str, u8)] = &[
    ("farvardeen", 1),
    ("ordibehest", 2),
    ("ordibehisht", 2),
    ("khordaad", 3),
    ("khurdad", 3),
    ("amordad", 5),
    ("mordaad", 5),
    ("shahrivar", 6),
    ("shahrewar", 6),
    ("shahrevar", 6),
    ("aabaan", 8),
    ("adar", 9),
    ("azer", 9),
    ("dei", 10),
    ("isfand", 12),
    ("espand", 12),
    // Persian variants: امرداد (the older name of مرداد).
    ("امرداد", 5),
];

/// Other spellings of the Gregorian months.
const GREGORIAN_SPELLINGS: &[(&str, u8)] = &[
    ("sept", 9),
    ("می", 5),
    ("ژوئیه", 7),
    ("جولای", 7),
    ("ژوئن", 6),
    ("جون", 6),
    ("اگوست", 8),
];

/// Days in a Solar Hijri month: 31 for the first six, 30 for the next five, Esfand 29 or 30.
fn jalali_days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1..=6 => 31,
        7..=11 => 30,
        _ if IcuDate::try_new_persian(year, 12, 30).is_ok() => 30,
        _ => 29,
    }
}

/// Solar Hijri → Gregorian; `None` when the Solar Hijri date does not exist or falls outside
/// jiff's range (years -9999..=9999).
pub fn jalali_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    let iso = IcuDate::try_new_persian(year, month, day)
        .ok()?
        .to_calendar(Iso);
    let year = i16::try_from(iso.year().extended_year()).ok()?;
    let month = i8::try_from(iso.month().ordinal).ok()?;
    let day = i8::try_from(iso.day_of_month().0).ok()?;
    Date::new(year, month, day).ok()
}

/// Gregorian → Solar Hijri (year, month, day).
pub fn gregorian_to_jalali(date: Date) -> (i32, u8, u8) {
    // Every jiff date (years -9999..=9999) is a valid ISO date for icu, so the fallback is unreachable.
    let Ok(iso) = IcuDate::try_new_iso(
        i32::from(date.year()),
        date.month().unsigned_abs(),
        date.day().unsigned_abs(),
    ) else {
        return (0, 1, 1);
    };
    let persian = iso.to_calendar(Persian);
    (
        persian.year().extended_year(),
        persian.month().ordinal,
        persian.day_of_month().0,
    )
}

/// Short form for tables and YAML-like output: `2026-11-26` or `1405/09/05`; Persian digits for Fa.
/// A signing date: a full date in `calendar`; a bare year or month as written.
pub fn format_partial(date: crate::model::PartialDate, calendar: Calendar, lang: Lang) -> String {
    match date {
        crate::model::PartialDate::Day(d) => format_date(d, calendar, lang),
        other => localize_digits(&other.to_string(), lang).into_owned(),
    }
}

pub fn format_date(date: Date, calendar: Calendar, lang: Lang) -> String {
    let text = match calendar {
        Calendar::Gregorian => date.to_string(),
        Calendar::Jalali => {
            let (y, m, d) = gregorian_to_jalali(date);
            format!("{y:04}/{m:02}/{d:02}")
        }
    };
    localize_digits(&text, lang).into_owned()
}

/// Long form for report headings: `26 November 2026`, `5 Azar 1405`, `۵ آذر ۱۴۰۵`, `۲۶ نوامبر ۲۰۲۶`.
pub fn format_date_long(date: Date, calendar: Calendar, lang: Lang) -> String {
    let (year, month_name, day) = match calendar {
        Calendar::Gregorian => {
            let names = match lang {
                Lang::En => &GREGORIAN_MONTHS_EN,
                Lang::Fa => &GREGORIAN_MONTHS_FA,
            };
            let month = usize::from(date.month().unsigned_abs());
            let name = names.get(month.wrapping_sub(1)).copied().unwrap_or("?");
            (i32::from(date.year()), name, date.day().unsigned_abs())
        }
        Calendar::Jalali => {
            let (y, m, d) = gregorian_to_jalali(date);
            (y, jalali_month_name(m, lang), d)
        }
    };
    localize_digits(&format!("{day} {month_name} {year}"), lang).into_owned()
}

/// A period for a title: `28 Nov – 4 Dec 2026`, `1 – 7 Nov 2026`, `27 Dec 2026 – 2 Jan 2027`;
/// `۷ – ۱۳ آذر ۱۴۰۵` in Persian with the Solar Hijri calendar. English Gregorian months are
/// shortened (a subject line is short); the others keep their names.
pub fn format_range(from: Date, to: Date, calendar: Calendar, lang: Lang) -> String {
    let parts = |date: Date| -> (i32, u8, &'static str, u8) {
        match calendar {
            Calendar::Gregorian => {
                let month = date.month().unsigned_abs();
                let name = match lang {
                    Lang::En => {
                        let full = gregorian_month_name(month, lang);
                        full.get(..3).unwrap_or(full)
                    }
                    Lang::Fa => gregorian_month_name(month, lang),
                };
                (
                    i32::from(date.year()),
                    month,
                    name,
                    date.day().unsigned_abs(),
                )
            }
            Calendar::Jalali => {
                let (y, m, d) = gregorian_to_jalali(date);
                (y, m, jalali_month_name(m, lang), d)
            }
        }
    };
    let (y1, m1, name1, d1) = parts(from);
    let (y2, m2, name2, d2) = parts(to);
    let text = if from == to {
        format!("{d2} {name2} {y2}")
    } else if y1 == y2 && m1 == m2 {
        format!("{d1} – {d2} {name2} {y2}")
    } else if y1 == y2 {
        format!("{d1} {name1} – {d2} {name2} {y2}")
    } else {
        format!("{d1} {name1} {y1} – {d2} {name2} {y2}")
    };
    localize_digits(&text, lang).into_owned()
}

/// Gregorian month name for 1..=12; `?` for any other number rather than a panic.
fn gregorian_month_name(month: u8, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::En => &GREGORIAN_MONTHS_EN,
        Lang::Fa => &GREGORIAN_MONTHS_FA,
    };
    names
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

const GREGORIAN_MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// CLDR's Persian names for the Gregorian months.
const GREGORIAN_MONTHS_FA: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];
const JALALI_MONTHS_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];
const JALALI_MONTHS_FA: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// Solar Hijri month name for 1..=12; `?` for any other number rather than a panic.
pub fn jalali_month_name(month: u8, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::En => &JALALI_MONTHS_EN,
        Lang::Fa => &JALALI_MONTHS_FA,
    };
    names
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// Weekday name; the Persian names keep their ZWNJ (سه‌شنبه, پنج‌شنبه).
pub fn weekday_name(date: Date, lang: Lang) -> &'static str {
    let (en, fa) = match date.weekday() {
        Weekday::Saturday => ("Saturday", "شنبه"),
        Weekday::Sunday => ("Sunday", "یکشنبه"),
        Weekday::Monday => ("Monday", "دوشنبه"),
        Weekday::Tuesday => ("Tuesday", "سه\u{200C}شنبه"),
        Weekday::Wednesday => ("Wednesday", "چهارشنبه"),
        Weekday::Thursday => ("Thursday", "پنج\u{200C}شنبه"),
        Weekday::Friday => ("Friday", "جمعه"),
    };
    lang.pick(en, fa)
}

/// First day of the week for settings; Iran's week starts on Saturday.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Saturday,
    Sunday,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
}

impl WeekStart {
    pub fn to_jiff(self) -> Weekday {
        match self {
            WeekStart::Saturday => Weekday::Saturday,
            WeekStart::Sunday => Weekday::Sunday,
            WeekStart::Monday => Weekday::Monday,
            WeekStart::Tuesday => Weekday::Tuesday,
            WeekStart::Wednesday => Weekday::Wednesday,
            WeekStart::Thursday => Weekday::Thursday,
            WeekStart::Friday => Weekday::Friday,
        }
    }
}

/// The week holding `date` as (first day, first day + 6); clamped at the ends of jiff's range.
pub fn week_containing(date: Date, start: WeekStart) -> (Date, Date) {
    let back = i64::from(date.weekday().since(start.to_jiff()));
    let first = date.saturating_sub(back.days());
    (first, first.saturating_add(6.days()))
}

/// A stored date with a year in 1200–1500 was almost certainly written in Solar Hijri by mistake;
/// returns its Gregorian equivalent to suggest in the error, when it is a valid Solar Hijri date.
pub fn stored_date_looks_jalali(year: i32, month: u8, day: u8) -> Option<Date> {
    (1200..=1500)
        .contains(&year)
        .then(|| jalali_to_gregorian(year, month, day))
        .flatten()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 26);

    #[test]
    fn ranges_for_titles() {
        let (g, j) = (Calendar::Gregorian, Calendar::Jalali);
        let r = |a, b, c, l| format_range(a, b, c, l);
        assert_eq!(
            r(date(2026, 11, 28), date(2026, 12, 4), g, Lang::En),
            "28 Nov – 4 Dec 2026"
        );
        assert_eq!(
            r(date(2026, 11, 21), date(2026, 11, 27), g, Lang::En),
            "21 – 27 Nov 2026"
        );
        assert_eq!(
            r(date(2026, 12, 27), date(2027, 1, 2), g, Lang::En),
            "27 Dec 2026 – 2 Jan 2027"
        );
        assert_eq!(
            r(date(2026, 11, 28), date(2026, 12, 4), j, Lang::Fa),
            "۷ – ۱۳ آذر ۱۴۰۵"
        );
        assert_eq!(
            r(date(2026, 11, 21), date(2026, 11, 27), j, Lang::En),
            "30 Aban – 6 Azar 1405"
        );
        assert_eq!(
            r(date(2026, 11, 28), date(2026, 12, 4), g, Lang::Fa),
            "۲۸ نوامبر – ۴ دسامبر ۲۰۲۶"
        );
    }

    #[test]
    fn vectors() {
        for (j, g) in [
            ((1403, 12, 30), date(2025, 3, 20)),
            ((1405, 9, 5), date(2026, 11, 26)),
            ((1383, 2, 22), date(2004, 5, 11)),
            ((1404, 1, 1), date(2025, 3, 21)),
            ((1403, 1, 1), date(2024, 3, 20)),
            ((1399, 12, 30), date(2021, 3, 20)),
        ] {
            assert_eq!(jalali_to_gregorian(j.0, j.1, j.2), Some(g), "{j:?}");
            assert_eq!(gregorian_to_jalali(g), j, "{g}");
        }
    }

    #[test]
    fn leap_years() {
        for leap in [1399, 1403, 1408] {
            assert!(jalali_to_gregorian(leap, 12, 30).is_some(), "{leap}");
        }
        for common in [1400, 1401, 1402, 1404, 1405] {
            assert_eq!(jalali_to_gregorian(common, 12, 30), None, "{common}");
        }
        assert_eq!(jalali_to_gregorian(1404, 13, 1), None);
        assert_eq!(jalali_to_gregorian(1404, 7, 31), None);
        assert_eq!(jalali_to_gregorian(1404, 1, 0), None);
        assert_eq!(jalali_to_gregorian(i32::MAX, 1, 1), None);
        assert_eq!(jalali_to_gregorian(9999, 1, 1), None); // beyond jiff's year 9999
    }

    #[test]
    fn round_trip_1990_to_2040() {
        let mut day = date(1990, 1, 1);
        let mut prev = gregorian_to_jalali(day);
        while day <= date(2040, 12, 31) {
            let j = gregorian_to_jalali(day);
            assert_eq!(jalali_to_gregorian(j.0, j.1, j.2), Some(day), "{day}");
            // Consecutive days are consecutive in Solar Hijri too.
            if day > date(1990, 1, 1) {
                let next_in_month = (prev.0, prev.1, prev.2 + 1);
                let next_month = (prev.0, prev.1 + 1, 1);
                let next_year = (prev.0 + 1, 1, 1);
                assert!(
                    j == next_in_month || j == next_month || j == next_year,
                    "{day}"
                );
            }
            prev = j;
            day = day.tomorrow().unwrap();
        }
    }

    #[test]
    fn extremes_do_not_panic() {
        for d in [Date::MIN, Date::MAX] {
            let _ = gregorian_to_jalali(d);
            let _ = format_date_long(d, Calendar::Jalali, Lang::Fa);
            let _ = week_containing(d, WeekStart::Friday);
            let _ = parse_user_date("yesterday", d);
            let _ = parse_user_date("tomorrow", d);
        }
        assert_eq!(week_containing(Date::MIN, WeekStart::Saturday).0, Date::MIN);
    }

    #[test]
    fn parse_forms() {
        let p = |s| parse_user_date(s, TODAY);
        let thu = date(2026, 11, 26);
        for s in [
            "2026-11-26",
            "2026/11/26",
            "1405/09/05",
            "1405-09-05",
            "1405/9/5",
            " 1405/09/05\n",
            "۱۴۰۵/۰۹/۰۵",
            "١٤٠٥/٠٩/٠٥",
            "۱۴۰۵/9/۰۵",
            "\u{200F}۱۴۰۵/۰۹/۰۵",
        ] {
            assert_eq!(p(s), Ok(thu), "{s}");
        }
        assert_eq!(p("2026-1-5"), Ok(date(2026, 1, 5)));
        assert_eq!(p("today"), Ok(TODAY));
        assert_eq!(p("Today"), Ok(TODAY));
        assert_eq!(p("yesterday"), Ok(date(2026, 11, 25)));
        assert_eq!(p("tomorrow"), Ok(date(2026, 11, 27)));
        assert_eq!(p("امروز"), Ok(TODAY));
        assert_eq!(p("ديروز"), Ok(date(2026, 11, 25)));
        assert_eq!(p("فردا"), Ok(date(2026, 11, 27)));
        assert_eq!(p("1403/12/30"), Ok(date(2025, 3, 20)));
        assert_eq!(p("1699/01/01").map(|d| d.year()), Ok(2320));
        assert_eq!(p("1700/01/01"), Ok(date(1700, 1, 1)));
    }

    #[test]
    fn parse_named_months() {
        let p = |s: &str| parse_user_date(s, TODAY);
        let azar_14 = date(2026, 12, 5);
        for s in [
            "۱۴ آذر ۱۴۰۵",
            "14 آذر 1405",
            "١٤ آذر ١٤٠٥",
            "۱۴ آذرماه ۱۴۰۵",
            "\u{200F}۱۴ آذر ۱۴۰۵",
            "14 Azar 1405",
            "14 azar 1405",
            "14 Āzar 1405",
            "Azar 14, 1405",
            "1405 Azar 14",
            "5 December 2026",
            "5 december 2026",
            "5 Dec 2026",
            "5 Dec. 2026",
            "5-Dec-2026",
            "December 5, 2026",
            "Dec 5 2026",
            "5th December 2026",
            "۵ دسامبر ۲۰۲۶",
        ] {
            assert_eq!(p(s), Ok(azar_14), "{s}");
        }
        // What the program prints, it reads.
        for d in [azar_14, date(2025, 3, 20), date(2024, 2, 29), TODAY] {
            for calendar in [Calendar::Gregorian, Calendar::Jalali] {
                for lang in [Lang::En, Lang::Fa] {
                    let shown = format_date_long(d, calendar, lang);
                    assert_eq!(p(&shown), Ok(d), "{shown}");
                }
            }
        }
        // Every Solar Hijri month, and the usual other spellings.
        for (m, name) in JALALI_MONTHS_EN.iter().enumerate() {
            let month = u8::try_from(m + 1).unwrap();
            assert_eq!(
                p(&format!("1 {name} 1405")),
                Ok(jalali_to_gregorian(1405, month, 1).unwrap())
            );
            let fa = JALALI_MONTHS_FA[m];
            assert_eq!(
                p(&format!("1 {fa} 1405")),
                Ok(jalali_to_gregorian(1405, month, 1).unwrap())
            );
        }
        for (s, month) in [
            ("1 Amordad 1405", 5),
            ("1 امرداد 1405", 5),
            ("1 Ordibehesht 1405", 2),
            ("1 Shahrivar 1405", 6),
            ("1 Dey 1405", 10),
            ("1 Dei 1405", 10),
            ("1 Esfand 1405", 12),
            ("1 Isfand 1405", 12),
        ] {
            assert_eq!(
                p(s),
                Ok(jalali_to_gregorian(1405, month, 1).unwrap()),
                "{s}"
            );
        }
        // Every Gregorian month, full and three letters (and September's `Sept`).
        for (m, name) in GREGORIAN_MONTHS_EN.iter().enumerate() {
            let month = i8::try_from(m + 1).unwrap();
            let first = date(2026, month, 1);
            assert_eq!(p(&format!("1 {name} 2026")), Ok(first), "{name}");
            assert_eq!(p(&format!("1 {} 2026", &name[..3])), Ok(first), "{name}");
        }
        assert_eq!(p("1 Sept 2026"), Ok(date(2026, 9, 1)));
    }

    #[test]
    fn parse_named_months_refused() {
        let e = |s: &str| parse_user_date(s, TODAY).unwrap_err().to_string();
        assert_eq!(
            e("14 Azar 2026"),
            "`14 Azar 2026` is not a date: Azar is a Solar Hijri month, but 2026 is a Gregorian year (years from 1700 on are Gregorian); write the month and the year in one calendar"
        );
        assert_eq!(
            e("5 December 1405"),
            "`5 December 1405` is not a date: December is a Gregorian month, but 1405 is a Solar Hijri year (years below 1700 are Solar Hijri); write the month and the year in one calendar"
        );
        assert!(e("۱۴ آذر ۲۰۲۶").contains("Azar is a Solar Hijri month"));
        let fa = parse_user_date("5 December 1405", TODAY)
            .unwrap_err()
            .describe(Lang::Fa);
        assert!(
            fa.ends_with("دسامبر ماهِ تقویم میلادی است، اما ۱۴۰۵ سالِ خورشیدی است (سال‌های کمتر از ۱۷۰۰ خورشیدی‌اند)؛ ماه و سال را در یک تقویم بنویسید"),
            "{fa}"
        );
        assert_eq!(
            e("30 Esfand 1404"),
            "`30 Esfand 1404` is not a date: Esfand 1404 has only 29 days (1404 is not a leap year)"
        );
        assert!(e("31 February 2026").contains("February 2026 has only 28 days"));
        assert!(e("0 Azar 1405").contains("day 0 does not exist"));
        for bad in [
            "14 Azar",
            "Azar 1405",
            "14 Azr 1405",
            "14 Azar 05",
            "14 Azar 1405 extra",
            "Azar Dey 1405",
            "14 15 1405",
            "1405 14 Azar 2",
            "123 Azar 1405",
            "14 Azar 14050",
            "5 Decembre 2026",
            "5 De 2026",
            "next week",
        ] {
            assert!(parse_user_date(bad, TODAY).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*", y in 0u16..10_000, m in 0u8..20, d in 0u8..40) {
            let _ = parse_user_date(&s, TODAY);
            let _ = parse_user_date(&format!("{y}/{m}/{d}"), Date::MAX);
            let _ = parse_user_date(&format!("{y:04}-{m:02}-{d:02}"), Date::MIN);
            let _ = stored_date_looks_jalali(i32::from(y), m, d);
        }
    }

    #[test]
    fn parse_errors() {
        let e = |s| parse_user_date(s, TODAY).unwrap_err().to_string();
        assert_eq!(
            e("1405/13/01"),
            "`1405/13/01` is not a date: month 13 does not exist in the Solar Hijri calendar"
        );
        assert_eq!(
            e("1404/12/30"),
            "`1404/12/30` is not a date: Esfand 1404 has only 29 days (1404 is not a leap year)"
        );
        assert_eq!(
            e("1405/07/31"),
            "`1405/07/31` is not a date: Mehr 1405 has only 30 days"
        );
        assert_eq!(
            e("2025-02-30"),
            "`2025-02-30` is not a date: February 2025 has only 28 days"
        );
        assert_eq!(
            e("2025-13-01"),
            "`2025-13-01` is not a date: month 13 does not exist in the Gregorian calendar"
        );
        assert!(e("2025-01-00").contains("day 0 does not exist"));
        assert!(e("26/11/2026").contains("write the year first"));
        assert!(e("").starts_with("no date given: expected"));
        assert!(e("   ").starts_with("no date given"));
        assert!(e("next week").starts_with("`next week` is not a date: expected"));
        assert!(e("۱۴۰۵/۱۳/۰۱").starts_with("`۱۴۰۵/۱۳/۰۱` is not a date: month 13"));
        for bad in [
            "2026-11",
            "2026-11-26-1",
            "2026/11-26",
            "99999999999999999999-01-01",
            "05/09/05",
            "2026-011-26",
            "+2026-11-26",
            "-1-01-01",
            "2026--26",
            "٫/٬/٫",
        ] {
            assert!(parse_user_date(bad, TODAY).is_err(), "{bad}");
        }
        let long = "x".repeat(10_000);
        assert!(e(&long).len() < 200);
        assert_eq!(
            parse_user_date(&long, TODAY)
                .unwrap_err()
                .input()
                .chars()
                .count(),
            41
        );
    }

    #[test]
    fn parse_errors_in_persian_keep_their_reason() {
        let fa = |s| parse_user_date(s, TODAY).unwrap_err().describe(Lang::Fa);
        assert_eq!(
            fa("1404/12/30"),
            "\u{2068}`1404/12/30`\u{2069} تاریخ معتبری نیست: اسفند ۱۴۰۴ فقط ۲۹ روز دارد (۱۴۰۴ کبیسه نیست)"
        );
        // The input is quoted as typed: Persian digits stay Persian, ASCII stays ASCII.
        assert_eq!(
            fa("۱۴۰۵/۰۷/۳۱"),
            "`۱۴۰۵/۰۷/۳۱` تاریخ معتبری نیست: مهر ۱۴۰۵ فقط ۳۰ روز دارد"
        );
        assert!(fa("2025-02-30").ends_with("فوریه ۲۰۲۵ فقط ۲۸ روز دارد"));
        assert!(fa("1405/13/01").ends_with("ماه ۱۳ در تقویم خورشیدی وجود ندارد"));
        assert!(fa("").starts_with("تاریخی داده نشده است: باید سال/ماه/روز باشد"));
        assert!(fa("26/11/2026").contains("سال را اول بنویسید"));
        assert!(fa("2025-01-00").contains("روز ۰ وجود ندارد؛"));
    }

    #[test]
    fn formatting() {
        let d = date(2026, 11, 26);
        assert_eq!(format_date(d, Calendar::Gregorian, Lang::En), "2026-11-26");
        assert_eq!(format_date(d, Calendar::Jalali, Lang::En), "1405/09/05");
        assert_eq!(format_date(d, Calendar::Jalali, Lang::Fa), "۱۴۰۵/۰۹/۰۵");
        assert_eq!(format_date(d, Calendar::Gregorian, Lang::Fa), "۲۰۲۶-۱۱-۲۶");
        assert_eq!(
            format_date_long(d, Calendar::Gregorian, Lang::En),
            "26 November 2026"
        );
        assert_eq!(
            format_date_long(d, Calendar::Jalali, Lang::En),
            "5 Azar 1405"
        );
        assert_eq!(
            format_date_long(d, Calendar::Jalali, Lang::Fa),
            "۵ آذر ۱۴۰۵"
        );
        assert_eq!(
            format_date_long(d, Calendar::Gregorian, Lang::Fa),
            "۲۶ نوامبر ۲۰۲۶"
        );
    }

    #[test]
    fn names() {
        assert_eq!(jalali_month_name(1, Lang::En), "Farvardin");
        assert_eq!(jalali_month_name(12, Lang::Fa), "اسفند");
        assert_eq!(jalali_month_name(0, Lang::En), "?");
        assert_eq!(jalali_month_name(255, Lang::Fa), "?");
        let d = date(2026, 11, 26);
        assert_eq!(weekday_name(d, Lang::En), "Thursday");
        assert_eq!(weekday_name(d, Lang::Fa), "پنج‌شنبه");
        assert_eq!(weekday_name(date(2026, 11, 24), Lang::Fa), "سه\u{200C}شنبه");
        assert_eq!(weekday_name(date(2026, 11, 21), Lang::Fa), "شنبه");
    }

    #[test]
    fn weeks() {
        let d = date(2026, 11, 26);
        assert_eq!(
            week_containing(d, WeekStart::Saturday),
            (date(2026, 11, 21), date(2026, 11, 27))
        );
        assert_eq!(
            week_containing(d, WeekStart::Monday),
            (date(2026, 11, 23), date(2026, 11, 29))
        );
        assert_eq!(
            week_containing(d, WeekStart::Thursday),
            (d, date(2026, 12, 2))
        );
        assert_eq!(WeekStart::default().to_jiff(), Weekday::Saturday);
    }

    #[test]
    fn serde_names() {
        assert_eq!(
            serde_json::to_string(&WeekStart::Saturday).unwrap(),
            "\"saturday\""
        );
        assert_eq!(
            serde_json::from_str::<Calendar>("\"jalali\"").unwrap(),
            Calendar::Jalali
        );
    }

    #[test]
    fn stored_jalali() {
        assert_eq!(
            stored_date_looks_jalali(1405, 9, 5),
            Some(date(2026, 11, 26))
        );
        assert_eq!(stored_date_looks_jalali(1404, 12, 30), None);
        assert_eq!(stored_date_looks_jalali(2026, 11, 26), None);
        assert_eq!(stored_date_looks_jalali(1199, 1, 1), None);
    }
}
