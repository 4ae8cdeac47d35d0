//! Issue 29 point 6: the weekly report counts the pool's sign-ups of the period and lists the
//! candidates assigned in it — in every format (Markdown, HTML, the e-mail's text part, the
//! workbook, JSON), in both languages, whole, on a workspace whose pool is in git.
//!
//! Who was assigned is read from the pool's git history: a facilitator who began in the
//! period and was a candidate in `pool.yaml` as committed when it began, or as a commit of it
//! left it. Someone added by hand is not; without git nobody is known to be.

use mail_parser::MessageParser;

use crate::pool::POOL;
use crate::support::*;

/// Before the period (21–27 November 2026, the week of [`TODAY`]).
const BEFORE: &str = "2026-11-18T10:00:00";
/// In it.
const DURING: &str = "2026-11-24T10:00:00";

/// Xi'an and Florence, the pool of `pool.rs` (Li Wei signed up before the period, Neda Ahmadi
/// in it), committed before the period; then Sara Tehrani signs up, committed in the period;
/// then, uncommitted, Li Wei and Sara Tehrani are assigned and someone is added by hand.
fn week() -> Workspace {
    let ws = Workspace::with(&[
        ("xian.yaml", &minimal("xian", "Xi'an", "شی‌آن", "西安", "CN")),
        (
            "florence.yaml",
            &minimal("florence", "Florence", "فلورانس", "Firenze", "IT"),
        ),
    ]);
    ws.file("pool.yaml", POOL);
    git(&ws, &["init", "-q"], "Analyst", BEFORE);
    commit(&ws, &["."], "Analyst", BEFORE, "start");
    ws.run(&[
        "pool",
        "add",
        "--name",
        "Sara Tehrani",
        "--name-fa",
        "سارا تهرانی",
        "--language",
        "it",
        "--signed-up",
        "2026-11-24",
        "--source",
        "Chamber sign-up sheet, Azar 1405",
    ])
    .code(0);
    commit(&ws, &["pool.yaml"], "Analyst", DURING, "pool: Sara Tehrani");
    ws.run(&[
        "facilitator",
        "assign",
        "xian",
        "li-wei",
        "--status",
        "active",
        "--since",
        "2026-11-25",
    ])
    .code(0);
    ws.run(&["facilitator", "assign", "florence", "sara-tehrani"])
        .code(0);
    ws.run(&[
        "facilitator",
        "add",
        "florence",
        "--name",
        "Omid Bahrami",
        "--status",
        "active",
        "--since",
        "2026-11-23",
    ])
    .code(0);
    ws
}

fn weekly(ws: &Workspace, args: &[&str]) -> Run {
    let run = ws.run_piped(&[&["report", "weekly"][..], args].concat());
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    run
}

/// The report's section on the pool, from its heading to the next.
fn section<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown.find(heading).expect("the pool's section");
    let rest = &markdown[start..];
    let end = rest[1..].find("\n## ").map_or(rest.len(), |i| i + 2);
    &rest[..end]
}

#[test]
fn the_weekly_report_counts_sign_ups_and_lists_candidates_assigned_in_markdown() {
    let ws = week();
    for (lang, extra) in [("en", &[][..]), ("fa", &["--calendar", "jalali"][..])] {
        let run = weekly(
            &ws,
            &[&["--lang", lang, "--format", "markdown"][..], extra].concat(),
        );
        insta::assert_snapshot!(format!("weekly_pool_markdown_{lang}"), run.stdout);
    }
}

#[test]
fn the_weekly_json_adds_the_pool_and_keeps_every_other_key() {
    let ws = week();
    let json = weekly(&ws, &["--format", "json"]).json();
    insta::assert_snapshot!(
        "weekly_pool_json",
        serde_json::to_string_pretty(&json["pool"]).expect("JSON")
    );
    // The spec's keys are all there, none renamed; `highlights.joined` keeps its shape.
    for key in [
        "from",
        "to",
        "aims",
        "interactions",
        "relationship_changes",
        "opportunity_moves",
        "actions_completed",
        "actions_due",
        "actions_overdue",
        "readiness",
        "going_cold",
        "without_facilitator",
        "changes",
        "history",
        "warnings",
        "highlights",
        "cities",
        "changes_by_city",
        "ahead",
    ] {
        assert!(json.get(key).is_some(), "{key}: {json}");
    }
    assert_eq!(
        json["highlights"]["joined"],
        serde_json::json!([
            {"city": "florence", "name": "Omid Bahrami", "name_fa": null, "since": "2026-11-23"},
            {"city": "xian", "name": "Li Wei", "name_fa": "لی وی", "since": "2026-11-25"},
        ])
    );
    // No pool.yaml: `pool` is null.
    let bare = Workspace::with(&[("xian.yaml", &minimal("xian", "Xi'an", "شی‌آن", "西安", "CN"))]);
    let json = weekly(&bare, &["--format", "json"]).json();
    assert_eq!(json["pool"], serde_json::Value::Null, "{json}");
    let md = weekly(&bare, &["--format", "markdown"]).stdout;
    assert!(!md.contains("## The pool of candidates"), "{md}");
}

#[test]
fn without_git_the_sign_ups_are_counted_and_who_was_assigned_is_said_unknown() {
    let ws = week();
    std::fs::remove_dir_all(ws.root().join(".git")).expect("the repository goes");
    for (lang, expected) in [
        (
            "en",
            "## The pool of candidates\n\n**New sign-ups:** 1\n\n- Neda Ahmadi (2026-11-22)\n\n**Candidates assigned:** not known without the git history of pool.yaml\n\n",
        ),
        (
            "fa",
            "## فهرست داوطلبان\n\n**ثبت‌نام‌های تازه:** ۱\n\n- \u{2068}Neda Ahmadi\u{2069} (۱۴۰۵/۰۹/۰۱)\n\n**داوطلبان پذیرفته‌شده:** \u{2068}بی تاریخچهٔ git فایل pool.yaml نامعلوم\u{2069}\n\n",
        ),
    ] {
        let calendar = if lang == "en" { "gregorian" } else { "jalali" };
        let md = weekly(
            &ws,
            &[
                "--lang",
                lang,
                "--calendar",
                calendar,
                "--format",
                "markdown",
            ],
        )
        .stdout;
        let heading = if lang == "en" {
            "## The pool of candidates"
        } else {
            "## فهرست داوطلبان"
        };
        assert_eq!(section(&md, heading), expected, "{md}");
    }
}

#[test]
fn the_pool_shows_in_the_html_page_the_text_part_and_the_workbook() {
    let ws = week();
    // The page: the section's heading, counts and people, in both languages.
    for (lang, heading, next) in [
        ("en", "The pool of candidates", "Dossier changes"),
        ("fa", "فهرست داوطلبان", "تغییرات پرونده‌ها"),
    ] {
        let html = weekly(&ws, &["--lang", lang, "--format", "html"]).stdout;
        let start = html.find(&format!("{heading}</h2>")).expect("the heading");
        let end = html[start..].find(next).expect("the next heading") + start;
        insta::assert_snapshot!(format!("weekly_pool_html_{lang}"), &html[start..end]);
    }
    // The e-mail's text part, in both languages.
    for lang in ["en", "fa"] {
        let run = weekly(&ws, &["--lang", lang, "--format", "eml", "-o", "week.eml"]);
        run.code(0);
        let bytes = std::fs::read(ws.root().join("week.eml")).expect("the draft");
        let message = MessageParser::default().parse(&bytes).expect("MIME");
        let text = message
            .body_text(0)
            .expect("a text part")
            .replace("\r\n", "\n");
        let heading = if lang == "en" {
            "The pool of candidates"
        } else {
            "فهرست داوطلبان"
        };
        let start = text.find(heading).expect("the section") - usize::from(lang == "fa") * 3;
        let end = text[start..]
            .find(if lang == "en" {
                "Dossier changes"
            } else {
                "تغییرات پرونده‌ها"
            })
            .expect("the next section")
            + start;
        let shown = text[start..end]
            .replace('\u{2068}', "{FSI}")
            .replace('\u{2069}', "{PDI}")
            .replace('\u{200F}', "{RLM}");
        insta::assert_snapshot!(format!("weekly_pool_text_part_{lang}"), shown);
    }
    // The workbook's sheet, in both languages.
    for (lang, sheet, expected) in [
        (
            "en",
            "The pool of candidates",
            vec![
                vec!["what", "Id", "name", "Date", "City", "Status", "source"],
                vec![
                    "signed up",
                    "neda-ahmadi",
                    "Neda Ahmadi",
                    "2026-11-22",
                    "",
                    "",
                    "",
                ],
                vec![
                    "signed up",
                    "sara-tehrani",
                    "Sara Tehrani",
                    "2026-11-24",
                    "",
                    "",
                    "Chamber sign-up sheet, Azar 1405",
                ],
                vec![
                    "assigned",
                    "li-wei",
                    "Li Wei",
                    "2026-11-25",
                    "Xi'an",
                    "active",
                    "",
                ],
                vec![
                    "assigned",
                    "sara-tehrani",
                    "Sara Tehrani",
                    "2026-11-26",
                    "Florence",
                    "prospective",
                    "",
                ],
            ],
        ),
        (
            "fa",
            "فهرست داوطلبان",
            vec![
                vec!["چه", "شناسه", "نام", "تاریخ", "شهر", "وضعیت", "منبع"],
                vec![
                    "ثبت‌نام",
                    "neda-ahmadi",
                    "Neda Ahmadi",
                    "2026-11-22",
                    "",
                    "",
                    "",
                ],
                vec![
                    "ثبت‌نام",
                    "sara-tehrani",
                    "سارا تهرانی",
                    "2026-11-24",
                    "",
                    "",
                    "Chamber sign-up sheet, Azar 1405",
                ],
                vec![
                    "پذیرفته‌شده",
                    "li-wei",
                    "لی وی",
                    "2026-11-25",
                    "شی‌آن",
                    "فعال",
                    "",
                ],
                vec![
                    "پذیرفته‌شده",
                    "sara-tehrani",
                    "سارا تهرانی",
                    "2026-11-26",
                    "فلورانس",
                    "بالقوه",
                    "",
                ],
            ],
        ),
    ] {
        let run = weekly(
            &ws,
            &["--lang", lang, "--format", "xlsx", "-o", "week.xlsx"],
        );
        run.code(0);
        let rows = sheet_text(&ws.root().join("week.xlsx"), sheet);
        let expected: Vec<Vec<String>> = expected
            .into_iter()
            .map(|r| r.into_iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(rows, expected, "{lang}");
    }
}
