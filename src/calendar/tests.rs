#![allow(clippy::unwrap_used)]

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
