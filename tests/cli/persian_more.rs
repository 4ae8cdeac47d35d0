//! Issue 13, point 12: Persian all the way, the rest. Dates inside `diff` and the weekly
//! report's change details follow `--calendar`, statuses in them are said in Persian, `check`
//! and `action list` tables name cities, write commands' notes are Persian, and the long dates
//! the program prints (`۱۴ آذر ۱۴۰۵`, `14 Azar 1405`, `5 December 2026`) are read back.

use crate::support::{Workspace, commit, git};

const FSI: char = '\u{2068}';

/// Lyon with an open action due 2026-12-10 (1405/09/19).
const LYON: &str = "slug: lyon\nname:\n  en: Lyon\n  fa: لیون\n  local: Lyon\ncountry: FR\nrelationship:\n  kind: sister-city\n  status: dormant\nactions:\n  - id: a-lyon\n    title: Send the proposal\n    owner: joint\n    due: 2026-12-10\n    status: open\n";

/// A repository holding Lyon (committed 2026-11-20), then a commit of 2026-11-25 that logs a
/// visit of 2026-11-24 (1405/09/03) and moves the action from open to in progress.
fn lyon_with_history() -> Workspace {
    let ws = Workspace::with(&[("lyon.yaml", LYON)]);
    let date = "2026-11-20T10:00:00";
    git(&ws, &["init", "-q"], "Analyst", date);
    commit(&ws, &["cities/lyon.yaml"], "Analyst", date, "lyon: new");
    ws.run(&[
        "log",
        "lyon",
        "Embassy visit",
        "--kind",
        "visit",
        "--date",
        "2026-11-24",
    ])
    .code(0);
    ws.run(&["action", "set", "lyon", "a-lyon", "--status", "in-progress"])
        .code(0);
    commit(
        &ws,
        &["cities/lyon.yaml"],
        "Analyst",
        "2026-11-25T10:00:00",
        "lyon: visit",
    );
    ws
}

// ---------------------------------------------------------------------------------------------
// diff and the weekly report's details

#[test]
fn diff_in_persian_and_solar_hijri_shows_solar_hijri_dates_and_persian_statuses() {
    let ws = lyon_with_history();
    let run = ws.run(&["--lang", "fa", "--calendar", "jalali", "diff", "HEAD~1"]);
    run.code(0)
        .stdout_has("ثبت بازدید «\u{2068}Embassy visit\u{2069}» در ۱۴۰۵/۰۹/۰۳")
        .stdout_has("از باز به در جریان")
        .stdout_lacks("2026-11-24")
        .stdout_lacks("in-progress");
}

#[test]
fn diff_in_english_and_solar_hijri_shows_solar_hijri_dates() {
    let ws = lyon_with_history();
    let run = ws.run(&["--calendar", "jalali", "diff", "HEAD~1"]);
    run.code(0)
        .stdout_has("lyon: logged visit “Embassy visit” on 1405/09/03")
        .stdout_has("lyon: action a-lyon open → in-progress")
        .stdout_lacks("2026-11-24");
    // JSON is data: the dates as stored, whatever the calendar.
    let json = ws.run(&["--calendar", "jalali", "diff", "HEAD~1", "--format", "json"]);
    json.code(0)
        .stdout_has("on 2026-11-24")
        .stdout_lacks("1405");
}

#[test]
fn diff_takes_the_calendar_of_the_workspace_settings() {
    let ws = lyon_with_history();
    ws.file("diplomat.yaml", "calendar: jalali\nlanguage: fa\n");
    ws.run(&["diff", "HEAD~1"])
        .code(0)
        .stdout_has("در ۱۴۰۵/۰۹/۰۳")
        .stdout_has("از باز به در جریان");
}

#[test]
fn a_changed_date_field_follows_the_calendar_too() {
    let ws = lyon_with_history();
    ws.run(&["action", "set", "lyon", "a-lyon", "--due", "2026-12-20"])
        .code(0);
    ws.run(&["--lang", "fa", "--calendar", "jalali", "diff"])
        .code(0)
        .stdout_has("از ۱۴۰۵/۰۹/۱۹ به ۱۴۰۵/۰۹/۲۹")
        .stdout_lacks("2026-12");
}

#[test]
fn weekly_report_details_follow_the_calendar_and_speak_persian() {
    let ws = lyon_with_history();
    // Each change on one line: piped, as into a file.
    let run = ws.run_piped(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "report",
        "weekly",
        "--commits",
    ]);
    run.code(0);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("ثبت بازدید"))
        .unwrap_or_else(|| panic!("no change details\n{run}"));
    assert!(line.contains("در ۱۴۰۵/۰۹/۰۳"), "{line}");
    assert!(line.contains("از باز به در جریان"), "{line}");
    assert!(!line.contains("2026-11-24"), "{line}");
    assert!(!line.contains("in-progress"), "{line}");
    // JSON is data: the dates as stored.
    let json = ws.run(&[
        "--calendar",
        "jalali",
        "report",
        "weekly",
        "--format",
        "json",
    ]);
    json.code(0);
    let details = json.json()["changes"][0]["details"].to_string();
    assert!(details.contains("on 2026-11-24"), "{details}");
    assert!(!details.contains(FSI), "{details}");
}

/// Kazan committed with an opportunity, an action, a facilitator and a contact (2026-11-23),
/// then a commit of 2026-11-25 that moves every value of the vocabulary a change can hold:
/// the opportunity's stage and lead, the action's status and owner, the facilitator's status,
/// the contact's role, a readiness status, the relationship's kind, and logs a visit.
fn kazan_moved() -> Workspace {
    let ws = Workspace::with(&[("kazan.yaml", crate::support::KAZAN)]);
    git(&ws, &["init", "-q"], "Analyst", "2026-11-20T10:00:00");
    commit(
        &ws,
        &["cities/kazan.yaml"],
        "Analyst",
        "2026-11-20T10:00:00",
        "kazan: new",
    );
    let added = |args: &[&str]| {
        let run = ws.run(args);
        run.code(0);
        run.stdout.trim().to_owned()
    };
    let o = added(&[
        "opportunity",
        "add",
        "kazan",
        "Halal export",
        "--sector",
        "food",
        "--stage",
        "idea",
        "--lead",
        "chamber",
    ]);
    let a = added(&[
        "action",
        "add",
        "kazan",
        "Send the letter",
        "--owner",
        "joint",
    ]);
    added(&[
        "facilitator",
        "add",
        "kazan",
        "--name",
        "Sara Ahmadi",
        "--status",
        "prospective",
    ]);
    added(&[
        "contact",
        "add",
        "kazan",
        "--name",
        "Ivan Petrov",
        "--id",
        "ru-adviser",
        "--role",
        "expert",
    ]);
    commit(
        &ws,
        &["cities/kazan.yaml"],
        "Analyst",
        "2026-11-23T10:00:00",
        "kazan: added",
    );
    for args in [
        &[
            "opportunity",
            "set",
            "kazan",
            &o,
            "--stage",
            "exploring",
            "--lead",
            "municipality",
        ][..],
        &[
            "action",
            "set",
            "kazan",
            &a,
            "--status",
            "in-progress",
            "--owner",
            "chamber",
        ],
        &[
            "facilitator",
            "set",
            "kazan",
            "sara-ahmadi",
            "--status",
            "active",
        ],
        &[
            "contact",
            "set",
            "kazan",
            "ru-adviser",
            "--role",
            "embassy-counsellor",
        ],
        &["readiness", "set", "kazan", "branding", "partial"],
        &["city", "set", "kazan", "--kind", "friendship"],
        &[
            "log",
            "kazan",
            "Embassy trip",
            "--kind",
            "visit",
            "--date",
            "2026-11-24",
        ],
    ] {
        ws.run(args).code(0);
    }
    commit(
        &ws,
        &["cities/kazan.yaml"],
        "Analyst",
        "2026-11-25T10:00:00",
        "kazan: moved",
    );
    ws
}

/// The values a Persian change line must not leave in English.
const SLUGS: &[&str] = &[
    "idea",
    "exploring",
    "municipality",
    "chamber",
    "joint",
    "open",
    "in-progress",
    "prospective",
    "expert",
    "embassy-counsellor",
    "sister-city",
    "friendship",
    "partial",
    "visit",
];

/// Every value of the vocabulary in a change is said in Persian, in `diff`, the weekly report's
/// change details and its workbook: an opportunity's stage and lead as an action's status and
/// owner are.
#[test]
fn every_vocabulary_value_of_a_change_is_said_in_persian() {
    let ws = kazan_moved();
    let said = [
        "از ایده به بررسی",
        "از اتاق بازرگانی به شهرداری",
        "از باز به در جریان",
        "از مشترک به اتاق بازرگانی",
        "از بالقوه به فعال",
        "از کارشناس به رایزن سفارت",
        "از برآورده به نسبی",
        "از خواهرخوانده به دوستی",
        "ثبت بازدید",
    ];
    let diff = ws.run(&["--lang", "fa", "diff", "HEAD~1..HEAD"]);
    diff.code(0);
    let weekly = ws.run_piped(&["--lang", "fa", "report", "weekly", "--commits"]);
    weekly.code(0);
    let details = weekly
        .stdout
        .lines()
        .find(|l| l.contains("ثبت بازدید"))
        .unwrap_or_else(|| panic!("no change details\n{weekly}"))
        .to_owned();
    let path = ws.root().join("week.xlsx").display().to_string();
    ws.run(&["--lang", "fa", "report", "weekly", "-o", &path])
        .code(0);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("a workbook");
    let sheet = calamine::Reader::worksheet_range(&mut book, "تغییرات پرونده‌ها")
        .expect("the changes sheet");
    let cells = sheet
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    for (what, text) in [
        ("diff", &diff.stdout),
        ("weekly", &details),
        ("workbook", &cells),
    ] {
        let page = text.replace([FSI, '\u{2069}'], "");
        for line in said {
            assert!(page.contains(line), "{what}: {line:?} in\n{text}");
        }
        for slug in SLUGS {
            assert!(!text.contains(slug), "{what}: {slug:?} in\n{text}");
        }
    }
    // English says the slugs, as analysts type them.
    ws.run(&["diff", "HEAD~1..HEAD"])
        .code(0)
        .stdout_has("idea → exploring")
        .stdout_has("lead chamber → municipality");
}

/// `text` without the isolated runs (FSI…PDI): what the Persian page itself writes.
fn outside_isolates(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            FSI => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The review brief in Persian lists with `،` and `؛`, as `city show` does; English keeps
/// `, ` and `; `.
#[test]
fn review_brief_in_persian_uses_persian_punctuation() {
    let barcelona =
        crate::support::BARCELONA.replacen("  sources:\n", "  sources:\n    - \"IRNA\"\n", 1);
    let ws = Workspace::with(&[("barcelona.yaml", &barcelona)]);
    let run = ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "report",
        "review",
        "barcelona",
    ]);
    run.code(0);
    let page = outside_isolates(&run.stdout);
    for line in [
        "- خواهرخوانده، در حال احیا؛ امضا ۱۳۷۸/۱۰/۲۴",
        "- منابع: ؛ ",
        "(، فعال) — ",
        "(، رایزن سفارت)",
        "(، بررسی، اتاق بازرگانی)",
    ] {
        assert!(page.contains(line), "{line:?} in\n{page}");
    }
    assert!(!page.contains(',') && !page.contains(';'), "{page}");

    let run = ws.run(&["report", "review", "barcelona"]);
    run.code(0)
        .stdout_has("- sister city, reactivating; Signed 2000-01-14")
        .stdout_has("- Sources: IRNA; isfahaninfo.com")
        .stdout_has("(example-facilitator, active)")
        .stdout_has("(handicrafts, exploring, Chamber)");
}

// ---------------------------------------------------------------------------------------------
// city names in the `check` and `action list` tables

/// Lyon (with a Persian name) and Porto (without one).
fn two_cities() -> Workspace {
    Workspace::with(&[
        ("lyon.yaml", LYON),
        (
            "porto.yaml",
            "slug: porto\nname:\n  en: Porto City\ncountry: PT\nrelationship:\n  kind: friendship\n  status: active\nactions:\n  - id: a-porto\n    title: Call the mayor\n    owner: chamber\n    status: open\n",
        ),
    ])
}

#[test]
fn check_table_names_cities_in_the_output_language() {
    let ws = two_cities();
    let fa = ws.run(&["--lang", "fa", "check"]);
    fa.code(1)
        .stdout_has(" لیون ")
        .stdout_has("Porto City")
        .stdout_has("لیون: ")
        .stdout_lacks("lyon")
        .stdout_lacks("porto ");
    let en = ws.run(&["check", "--format", "markdown"]);
    en.code(1)
        .stdout_has("| Lyon ")
        .stdout_has("Lyon: ")
        .stdout_lacks("| lyon ");
    // Data keeps the slug, as the spec fixes it.
    let json = ws.run(&["--lang", "fa", "check", "--format", "json"]);
    assert_eq!(json.json()[0]["slug"], "lyon", "{json}");
    ws.run(&["--lang", "fa", "check", "--format", "csv"])
        .stdout_has("\nlyon,")
        .stdout_lacks("لیون,");
}

#[test]
fn action_list_table_names_cities_in_the_output_language() {
    let ws = two_cities();
    let fa = ws.run(&["--lang", "fa", "action", "list"]);
    fa.code(0)
        .stdout_has(" لیون ")
        .stdout_has(" Porto City ")
        .stdout_lacks(" lyon ");
    ws.run(&["action", "list", "--format", "markdown"])
        .code(0)
        .stdout_has("| Lyon ")
        .stdout_lacks("| lyon ");
    // JSON, YAML and CSV keep the slug in `city`.
    let json = ws.run(&["--lang", "fa", "action", "list", "--format", "json"]);
    let cities: Vec<String> = json
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["city"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(cities, ["lyon", "porto"].map(String::from), "{json}");
    ws.run(&["--lang", "fa", "action", "list", "--format", "yaml"])
        .stdout_has("city: lyon");
    ws.run(&["--lang", "fa", "action", "list", "--format", "csv"])
        .stdout_has("lyon,a-lyon");
}

// ---------------------------------------------------------------------------------------------
// notes on stderr

#[test]
fn write_commands_note_in_persian() {
    let ws = Workspace::with(&[("lyon.yaml", LYON)]);
    let fa = |args: &[&str]| {
        let run = ws.run(&[&["--lang", "fa"][..], args].concat());
        run.code(0);
        run
    };
    fa(&[
        "log",
        "lyon",
        "Embassy visit",
        "--kind",
        "visit",
        "--date",
        "2026-11-24",
    ])
    .stderr_has("بازدید")
    .stderr_has("به تاریخ ۲۰۲۶-۱۱-۲۴ در \u{2068}`lyon`\u{2069} ثبت شد");
    fa(&[
        "--calendar",
        "jalali",
        "review",
        "add",
        "lyon",
        "--date",
        "2026-11-20",
        "--outcome",
        "ok",
    ])
    .stderr_has("جلسهٔ بررسی ۱۴۰۵/۰۸/۲۹ در \u{2068}`lyon`\u{2069} ثبت شد");
    fa(&["action", "add", "lyon", "Call", "--owner", "joint"]).stderr_has("افزوده شد");
    fa(&["action", "done", "lyon", "a-lyon"]).stderr_has("انجام شد");
    fa(&["readiness", "set", "lyon", "branding", "met"])
        .stderr_has("«برندسازی و تبلیغات» اکنون برآورده است");
    fa(&["facilitator", "add", "lyon", "--name", "Sara"]).stderr_has("تسهیل‌گر");
    fa(&[
        "contact", "add", "lyon", "--name", "Ali", "--role", "expert",
    ])
    .stderr_has("رابط");
    fa(&[
        "opportunity",
        "add",
        "lyon",
        "Trade fair",
        "--sector",
        "trade",
    ])
    .stderr_has("فرصت");
    fa(&["city", "new", "porto", "--name", "Porto", "--country", "PT"]).stderr_has("ساخته شد");
    for run in [
        ws.run(&["--lang", "fa", "log", "lyon", "Call"]),
        ws.run(&[
            "--lang", "fa", "action", "add", "lyon", "Write", "--owner", "joint",
        ]),
        ws.run(&[
            "--lang",
            "fa",
            "city",
            "new",
            "kazan",
            "--name",
            "Kazan",
            "--country",
            "RU",
        ]),
    ] {
        for english in ["logged", "added", "created", " in `", " to `"] {
            assert!(!run.stderr.contains(english), "{english:?}\n{run}");
        }
    }
    // English stays English.
    ws.run(&["log", "lyon", "Call", "--date", "2026-11-25"])
        .code(0)
        .stderr_has("logged meeting `Call` on 2026-11-25 in `lyon`");
}

#[test]
fn init_speaks_persian() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::support::Run::of(
        "init",
        crate::support::diplomat()
            .current_dir(dir.path())
            .args(["--lang", "fa", "init", "ws"]),
    );
    run.code(0)
        .stderr_has("فضای کار diplomat در")
        .stderr_has("گام‌های بعد:");
    assert!(
        !run.stderr.contains("created a diplomat workspace"),
        "{run}"
    );
}

// ---------------------------------------------------------------------------------------------
// the dates the program prints, read back

#[test]
fn log_reads_long_dates_in_both_calendars_and_languages() {
    for (given, stored) in [
        ("۱۴ آذر ۱۴۰۵", "2026-12-05"),
        ("14 Azar 1405", "2026-12-05"),
        ("5 December 2026", "2026-12-05"),
        ("5 Nov 2026", "2026-11-05"),
        ("Aban 14, 1405", "2026-11-05"),
        ("1 Amordad 1405", "2026-07-23"),
    ] {
        let ws = Workspace::with(&[("lyon.yaml", LYON)]);
        ws.run(&["log", "lyon", "Visit", "--date", given]).code(0);
        let text = String::from_utf8(ws.read_city("lyon.yaml")).unwrap();
        assert!(
            text.contains(&format!("- date: {stored}\n")),
            "{given} → {stored}\n{text}"
        );
    }
}

#[test]
fn a_month_of_the_other_calendar_is_refused_and_nothing_is_written() {
    let ws = Workspace::with(&[("lyon.yaml", LYON)]);
    for (given, says) in [
        (
            "14 Azar 2026",
            "Azar is a Solar Hijri month, but 2026 is a Gregorian year",
        ),
        (
            "5 December 1405",
            "December is a Gregorian month, but 1405 is a Solar Hijri year",
        ),
    ] {
        ws.run(&["log", "lyon", "Visit", "--date", given])
            .code(2)
            .stderr_has(says);
        assert_eq!(ws.read_city("lyon.yaml"), LYON.as_bytes(), "{given}");
    }
    ws.run(&[
        "--lang",
        "fa",
        "log",
        "lyon",
        "Visit",
        "--date",
        "۱۴ آذر ۲۰۲۶",
    ])
    .code(2)
    .stderr_has("آذر ماهِ تقویم خورشیدی است، اما ۲۰۲۶ سالِ میلادی است");
    assert_eq!(ws.read_city("lyon.yaml"), LYON.as_bytes());
    // The other flags that read dates read them the same way.
    ws.run(&[
        "action",
        "list",
        "--due-before",
        "20 Azar 1405",
        "--format",
        "json",
    ])
    .code(0)
    .stdout_has("a-lyon");
    ws.run(&[
        "action",
        "list",
        "--due-before",
        "10 December 2026",
        "--format",
        "json",
    ])
    .code(0)
    .stdout_lacks("a-lyon");
}
