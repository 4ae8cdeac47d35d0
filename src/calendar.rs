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
        }
    }
}

/// Reads a date typed on the command line: `2026-11-26`, `2026/11/26`, `1405/09/05`, `1405-9-5`,
/// Persian or Arabic-Indic digits, `today`/`yesterday`/`tomorrow` (امروز/دیروز/فردا). The year
/// must have four digits; below 1700 it is Solar Hijri whatever the separator.
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

    let sep = if s.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = s.split(sep).collect();
    let [y, m, d] = parts[..] else {
        return Err(err(if s.is_empty() {
            Reason::Expected
        } else {
            Reason::ExpectedThree
        }));
    };
    if ![y, m, d]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(err(Reason::Expected));
    }
    if y.len() <= 2 && d.len() == 4 {
        return Err(err(Reason::YearFirst));
    }
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return Err(err(Reason::Expected));
    }
    // At most four and two digits each, so these parses cannot fail.
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i16>(), m.parse::<u8>(), d.parse::<u8>())
    else {
        return Err(err(Reason::Expected));
    };

    let calendar = if year < 1700 {
        Calendar::Jalali
    } else {
        Calendar::Gregorian
    };
    if !(1..=12).contains(&month) {
        return Err(err(Reason::NoSuchMonth(calendar, month)));
    }
    let year = i32::from(year);
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
