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

use crate::i18n::Lang;
use crate::i18n::localize_digits;
use crate::text::{fold, normalize_digits};

mod parse;

pub use parse::parse_user_date;

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
mod tests;
