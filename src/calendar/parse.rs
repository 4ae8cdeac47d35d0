//! Dates as analysts type them: numeric in either calendar, or with a month's name.

use super::*;

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
