//! Issue 10: Persian all the way with `--lang fa` (reasons, diagnostics, date errors, digits
//! and isolates), a CITY found however its Persian name is typed, and a schema that agrees with
//! `validate`.

use crate::setup::{schema, schema_errors_with, yaml_value};
use crate::support::{BARCELONA, Run, SAINT_PETERSBURG, Workspace, diplomat, minimal};

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Isolates made visible for snapshots: `⟨a-q3xh⟩` stands for FSI a-q3xh PDI.
fn visible(text: &str) -> String {
    text.replace(FSI, "⟨").replace(PDI, "⟩")
}

/// `text` as an isolated run: FSI text PDI.
fn isolated(text: &str) -> String {
    format!("{FSI}{text}{PDI}")
}

/// The spec's Barcelona with an overdue action whose id holds a digit (`a-q3xh`) and evidence
/// whose text holds digits.
fn barcelona() -> String {
    BARCELONA
        .replace(
            "    due: 2026-11-01\n    status: done\n    done: 2026-10-28\n",
            "    due: 2026-11-01\n    status: open\n",
        )
        .replace(
            "Monthly call with the city's international relations office since October.",
            "12 calls since 2026-10.",
        )
}

fn barcelona_workspace() -> Workspace {
    Workspace::with(&[("barcelona.yaml", &barcelona())])
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_reasons_are_persian_with_solar_hijri_dates() {
    let ws = barcelona_workspace();
    let run = ws.run(&["--lang", "fa", "--calendar", "jalali", "check", "barcelona"]);
    run.code(1).stderr_empty();
    insta::assert_snapshot!("check_fa", visible(&run.stdout));
    for reason in [
        "۱ تسهیل‌گر فعال، ۲ لازم است",
        "آخرین تماس ۲۷ آبان ۱۴۰۵، ۸ روز پیش، حد ۹۰ روز",
        "ارزیابی نشده",
        "۱ اقدام معوق: ",
    ] {
        run.stdout_has(reason);
    }
    // The footer names the city; the overdue id is isolated in its Persian line.
    run.stdout_has("بارسلون: ۴/۱۱ برآورده")
        .stdout_has(&isolated("a-q3xh"));
}

#[test]
fn check_in_persian_keeps_ascii_digits_in_ids_and_evidence() {
    let ws = barcelona_workspace();
    let run = ws.run(&["--lang", "fa", "check", "barcelona"]);
    run.stdout_has("a-q3xh")
        .stdout_has("12 calls since 2026-10.")
        .stdout_lacks("a-q۳xh")
        .stdout_lacks("۲۰۲۶-۱۰")
        .stdout_lacks("۱۲ calls");
}

#[test]
fn check_json_in_persian_carries_bare_reasons() {
    let ws = barcelona_workspace();
    let run = ws.run(&["--lang", "fa", "check", "barcelona", "--format", "json"]);
    run.code(1);
    let reasons: Vec<String> = run.json()[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reason"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        reasons.contains(&"۱ اقدام معوق: a-q3xh".to_owned()),
        "{run}"
    );
    assert!(reasons.contains(&"ارزیابی نشده".to_owned()), "{run}");
    run.stdout_lacks(&FSI.to_string())
        .stdout_lacks(&PDI.to_string());
}

#[test]
fn check_in_english_is_unchanged() {
    let ws = barcelona_workspace();
    let run = ws.run(&["check", "barcelona", "--format", "json"]);
    run.code(1);
    let reasons: Vec<String> = run.json()[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reason"].as_str().unwrap_or_default().to_owned())
        .collect();
    for reason in [
        "12 calls since 2026-10. (assessed 2026-11-20)",
        "not assessed",
        "1 active facilitator, 2 required",
        "last contact 2026-11-18, 8 days ago, limit 90",
        "1 overdue action: a-q3xh",
    ] {
        assert!(reasons.contains(&reason.to_owned()), "{reason:?}\n{run}");
    }
    ws.run(&["check", "barcelona"])
        .stdout_has("Barcelona: 4/11 met")
        .stdout_lacks(&FSI.to_string());
}

// ---------------------------------------------------------------------------------------------
// validate

/// One dossier breaking several rules, each with its help line.
const BROKEN: &str = "slug: florence
name:
  en: Florence
  fa: فلورانس
country: UK
relationship:
  kind: sister-city
  status: actve
facilitators:
  - id: maryam-rahimi
    name: Maryam Rahimi
    status: active
    sinse: 2026-09-01
actions:
  - id: a-q3xh
    title: Send the exhibition list
    owner: joint
    status: done
interactions:
  - date: 1405-09-05
    kind: call
    title: A call
    with: [maryam-rahmi]
";

#[test]
fn validate_speaks_persian() {
    let ws = Workspace::with(&[("florence.yaml", BROKEN)]);
    let run = ws.run(&["--lang", "fa", "validate"]);
    run.code(1);
    insta::assert_snapshot!("validate_fa", visible(&run.stdout));
    run.stdout_has("۶ مشکل در ۱ فایل از ۱ فایل")
        .stdout_has("خطا: ")
        .stdout_has("= راهنما: منظورتان ")
        .stdout_has(&format!(
            "{} برای وضعیت رابطه معتبر نیست",
            isolated("`actve`")
        ))
        .stdout_has(&format!(
            "پرونده‌ها تاریخ میلادی نگه می‌دارند: {}",
            isolated("`2026-11-26`")
        ))
        .stdout_lacks("problem")
        .stdout_lacks("did you mean");
}

#[test]
fn validate_follows_the_workspace_language() {
    let ws = Workspace::with(&[("florence.yaml", BROKEN)]);
    ws.file("diplomat.yaml", "language: fa\n");
    ws.run(&["validate"])
        .code(1)
        .stdout_has("۶ مشکل در ۱ فایل از ۱ فایل")
        .stdout_has("منظورتان");
    // `--lang` still wins.
    ws.run(&["--lang", "en", "validate"])
        .code(1)
        .stdout_has("6 problems in 1 of 1 files")
        .stdout_has("did you mean `active`?");
}

#[test]
fn validate_json_in_persian_has_no_isolates() {
    let ws = Workspace::with(&[("florence.yaml", BROKEN)]);
    let run = ws.run(&["--lang", "fa", "validate", "--format", "json"]);
    run.code(1)
        .stdout_lacks(&FSI.to_string())
        .stdout_lacks(&PDI.to_string());
    let messages: Vec<String> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        messages.contains(&"`actve` برای وضعیت رابطه معتبر نیست".to_owned()),
        "{run}"
    );
}

#[test]
fn a_valid_workspace_in_persian() {
    let ws = barcelona_workspace();
    ws.run(&["--lang", "fa", "validate"])
        .code(0)
        .stdout_has("۱ فایل معتبر است");
}

// ---------------------------------------------------------------------------------------------
// dates typed on the command line

#[test]
fn a_bad_solar_hijri_date_keeps_its_reason_in_persian() {
    let ws = barcelona_workspace();
    let before = ws.read_city("barcelona.yaml");
    let run = ws.run(&[
        "--lang",
        "fa",
        "action",
        "add",
        "barcelona",
        "Send it",
        "--owner",
        "joint",
        "--due",
        "1404/12/30",
    ]);
    run.code(2);
    insta::assert_snapshot!("bad_date_fa", visible(&run.stderr));
    run.stderr_has("اسفند ۱۴۰۴ فقط ۲۹ روز دارد (۱۴۰۴ کبیسه نیست)")
        .stderr_has(&isolated("`1404/12/30`"));
    assert_eq!(ws.read_city("barcelona.yaml"), before, "nothing written");
}

#[test]
fn a_date_typed_in_persian_digits_is_quoted_as_typed() {
    let ws = barcelona_workspace();
    ws.run(&[
        "--lang",
        "fa",
        "action",
        "list",
        "--due-before",
        "۱۴۰۵/۰۷/۳۱",
    ])
    .code(2)
    .stderr_has("`۱۴۰۵/۰۷/۳۱` تاریخ معتبری نیست: مهر ۱۴۰۵ فقط ۳۰ روز دارد");
}

#[test]
fn a_bad_date_in_english_is_unchanged() {
    let ws = barcelona_workspace();
    ws.run(&["log", "barcelona", "A call", "--date", "1404/12/30"])
        .code(2)
        .stderr_has(
            "--date: `1404/12/30` is not a date: Esfand 1404 has only 29 days (1404 is not a leap year)",
        );
}

// ---------------------------------------------------------------------------------------------
// show and lists: Latin inside Persian lines

#[test]
fn show_isolates_latin_in_persian_lines() {
    let ws = barcelona_workspace();
    let run = ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "city",
        "show",
        "barcelona",
    ]);
    run.code(0).stderr_empty();
    insta::assert_snapshot!("show_fa", visible(&run.stdout));
    // An id and an English title in a Persian line, with Persian punctuation around them.
    run.stdout_has(&format!(
        "{} — {} [مشترک، باز]، موعد ۱۴۰۵/۰۹/۲۴",
        isolated("a-7k2m"),
        isolated("Send the handicrafts exhibition proposal to the city council")
    ))
    .stdout_has(&format!(
        "{} (۱۴۰۵/۰۸/۲۹)",
        isolated("12 calls since 2026-10.")
    ))
    .stdout_lacks("a-q۳xh");
}

#[test]
fn show_in_english_has_no_isolates() {
    let ws = barcelona_workspace();
    ws.run(&["city", "show", "barcelona"])
        .code(0)
        .stdout_has("a-7k2m — Send the handicrafts exhibition proposal to the city council [Joint, open], due 2026-12-15")
        .stdout_lacks(&FSI.to_string());
}

#[test]
fn show_markdown_in_persian_isolates_too() {
    let ws = barcelona_workspace();
    ws.run(&[
        "--lang",
        "fa",
        "city",
        "show",
        "barcelona",
        "--format",
        "markdown",
    ])
    .code(0)
    .stdout_has(&format!("- {} — ", isolated("a-q3xh")));
}

#[test]
fn action_list_footer_isolates_the_flag() {
    let ws = barcelona_workspace();
    ws.run(&["--lang", "fa", "action", "list", "--status", "open"])
        .code(0)
        .stdout_has("a-q3xh")
        .stdout_lacks("a-q۳xh");
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    ws.run(&["--lang", "fa", "action", "list"])
        .code(0)
        .stdout_has(&format!("نشان داده نشد ({})", isolated("--all")));
}

#[test]
fn an_unknown_city_in_persian_isolates_the_typed_name() {
    let ws = barcelona_workspace();
    ws.run(&["--lang", "fa", "city", "show", "barcelna"])
        .code(2)
        .stderr_has(&format!(
            "شهری به نام {} در این فضای کار نیست",
            isolated("`barcelna`")
        ))
        .stderr_has(&format!("منظورتان {} بود؟", isolated("`barcelona`")));
}

// ---------------------------------------------------------------------------------------------
// CITY lookup

/// `city show QUERY` finds `slug`.
fn finds(ws: &Workspace, query: &str, slug: &str) {
    let run = ws.run(&["city", "show", query]);
    run.code(0);
    let title = run.stdout.lines().next().unwrap_or_default();
    assert!(
        title.contains(&format!("({slug}, ")),
        "`city show {query:?}` should show {slug}\n{run}"
    );
}

#[test]
fn lookup_strips_bidi_controls_from_the_typed_city() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    for query in [
        "\u{202B}بارسلون\u{202C}",           // RLE … PDF
        "\u{202E}بارسلون\u{202C}",           // RLO … PDF
        "\u{2067}بارسلون\u{2069}",           // RLI … PDI
        "\u{2068}Barcelona\u{2069}",         // FSI … PDI, as diplomat itself prints it
        "\u{200F}بارسلون\u{200E}",           // RLM, LRM
        "\u{202A}barcelona\u{202C}\u{2066}", // LRE … PDF, a stray LRI
    ] {
        finds(&ws, query, "barcelona");
    }
}

#[test]
fn lookup_strips_bidi_controls_from_stored_names() {
    let ws = Workspace::with(&[(
        "baalbek.yaml",
        &minimal(
            "baalbek",
            "Baalbek",
            "\"\u{202B}بعلبک\u{202C}\"",
            "Baalbek",
            "LB",
        ),
    )]);
    finds(&ws, "بعلبک", "baalbek");
}

#[test]
fn lookup_folds_zwnj_space_and_no_separator_alike() {
    // Stored with a ZWNJ (سن‌پترزبورگ).
    let zwnj = Workspace::with(&[("saint-petersburg.yaml", SAINT_PETERSBURG)]);
    // Stored with a space, as the shipped dossier writes it (سن پترزبورگ).
    let space = Workspace::with(&[(
        "saint-petersburg.yaml",
        &SAINT_PETERSBURG.replace('\u{200C}', " "),
    )]);
    for ws in [&zwnj, &space] {
        for query in ["سن\u{200C}پترزبورگ", "سن پترزبورگ", "سنپترزبورگ"]
        {
            finds(ws, query, "saint-petersburg");
        }
    }
}

#[test]
fn lookup_folds_heh_doachashmee() {
    // Stored with heh (U+0647), typed with heh doachashmee (U+06BE), and the other way round.
    let heh = Workspace::with(&[(
        "lahore.yaml",
        &minimal("lahore", "Lahore", "لاهور", "لاہور", "PK"),
    )]);
    finds(&heh, "لا\u{06BE}ور", "lahore");
    let doachashmee = Workspace::with(&[(
        "lahore.yaml",
        &minimal("lahore", "Lahore", "لا\u{06BE}ور", "Lahore", "PK"),
    )]);
    finds(&doachashmee, "لاهور", "lahore");
}

#[test]
fn write_commands_find_the_city_the_same_way() {
    let ws = Workspace::with(&[("saint-petersburg.yaml", SAINT_PETERSBURG)]);
    ws.run(&[
        "log",
        "\u{202B}سن پترزبورگ\u{202C}",
        "A call",
        "--date",
        "2026-11-20",
    ])
    .code(0);
    assert!(
        String::from_utf8_lossy(&ws.read_city("saint-petersburg.yaml")).contains("title: A call")
    );
}

// ---------------------------------------------------------------------------------------------
// the schema agrees with validate

const BASE: &str = "slug: case\nname:\n  en: Case\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\n";

/// Judged by the schema twice, with and without `format` checks (editors often skip them),
/// and by `validate`: all three must say `valid`.
fn judge(cases: &[(&str, String, bool)]) {
    crate::setup::judge(cases, &[true, false]);
}

fn action(status_and_dates: &str) -> String {
    format!("{BASE}actions:\n  - id: a-1\n    title: Send it\n    owner: joint\n{status_and_dates}")
}

#[test]
fn schema_requires_a_done_date_for_a_done_action() {
    judge(&[
        (
            "done with a date",
            action("    status: done\n    done: 2026-11-20\n"),
            true,
        ),
        ("done without a date", action("    status: done\n"), false),
        (
            "done with an empty date",
            action("    status: done\n    done:\n"),
            false,
        ),
        ("open without a date", action("    status: open\n"), true),
        (
            "dropped without a date",
            action("    status: dropped\n"),
            true,
        ),
    ]);
}

#[test]
fn schema_dates_have_a_real_pattern() {
    let interaction = |date: &str| {
        format!("{BASE}interactions:\n  - date: {date}\n    kind: call\n    title: A call\n")
    };
    let signed = |date: &str| {
        BASE.replace(
            "  status: active\n",
            &format!("  status: active\n  signed: {date}\n"),
        )
    };
    judge(&[
        ("a real date", interaction("2026-11-30"), true),
        ("31 December", interaction("2026-12-31"), true),
        (
            "29 February of a leap year",
            interaction("2028-02-29"),
            true,
        ),
        ("month 13", interaction("2026-13-01"), false),
        ("month 00", interaction("2026-00-10"), false),
        ("day 32", interaction("2026-01-32"), false),
        ("31 November", interaction("2026-11-31"), false),
        ("30 February", interaction("2026-02-30"), false),
        ("day 00", interaction("2026-11-00"), false),
        ("one-digit month", interaction("\"2026-1-05\""), false),
        ("signed to the day", signed("2000-01-14"), true),
        ("signed to the month", signed("1998-03"), true),
        ("signed in a year", signed("2016"), true),
        ("signed in month 13", signed("1998-13"), false),
        ("signed on 31 April", signed("2000-04-31"), false),
    ]);
}

#[test]
fn schema_and_validate_know_the_same_countries() {
    let with = |code: &str| BASE.replace("country: ES", &format!("country: {code}"));
    judge(&[
        ("Spain", with("ES"), true),
        ("Iran", with("IR"), true),
        ("Norway (YAML 1.2 keeps NO as text)", with("NO"), true),
        ("unassigned ZZ", with("ZZ"), false),
        ("UK, which ISO reserves for GB", with("UK"), false),
        ("XK, not an ISO code", with("XK"), false),
        ("lowercase es", with("es"), false),
    ]);
    // The schema's list is the one `validate` reads, and it is the whole ISO list.
    let codes = schema()["properties"]["country"]["enum"].clone();
    let codes = codes.as_array().unwrap();
    assert_eq!(codes.len(), 249);
    assert!(codes.contains(&"IR".into()) && codes.contains(&"GB".into()));
}

#[test]
fn an_unknown_country_gets_a_suggestion() {
    let ws = Workspace::with(&[("case.yaml", &BASE.replace("country: ES", "country: UK"))]);
    ws.run(&["validate"])
        .code(1)
        .stdout_has("`UK` is not an ISO 3166-1 country code")
        .stdout_has("did you mean `GB`?");
}

#[test]
fn every_shipped_dossier_passes_the_schema_without_format_checks() {
    let schema = schema();
    let cities = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cities");
    let mut checked = 0;
    for entry in std::fs::read_dir(&cities).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for formats in [true, false] {
            let errors = schema_errors_with(&schema, &text, formats);
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        }
        assert!(yaml_value(&text).is_object());
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} shipped dossiers");
    // And `validate` agrees on the real workspace.
    Run::of(
        "validate the shipped cities",
        diplomat()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["--no-cache", "validate"]),
    )
    .code(0);
}
