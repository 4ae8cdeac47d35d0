//! The reports (spec §3, §4): `report weekly` (week boundaries, the six aims, every section,
//! git history, Markdown/HTML/JSON, Persian), templates, `report roadmap`, `report review`, and
//! the privacy of contact details in every report and list.
//!
//! The fixture's dates are relative to `DIPLOMAT_TODAY` = 2026-11-26, a Thursday: the Iranian
//! week holding it runs from Saturday 2026-11-21 to Friday 2026-11-27; the week before from
//! 2026-11-14 to 2026-11-20.

use serde_json::{Value, json};

use crate::support::{BARCELONA, Run, Workspace, commit, git, git_dated};

/// Lyon: active, both representatives, a joint chamber; two active facilitators (Shirin, with an
/// e-mail and a phone, also serves Yerevan; Omid joined on 2026-11-24, inside the week); an
/// embassy counsellor (with e-mail and phone) and a city official.
/// Actions: a-l1 overdue, a-l2 due within 14 days, a-l3 done inside the week, a-l4 done the
/// week before, a-l5 due in February. Interactions: 2026-10-15, 2026-11-16 (official),
/// 2026-11-20 (the day before the week: out), 2026-11-21 (the week's first day: in; with the
/// counsellor and Shirin), 2026-11-27 (event, the week's last day; with Omid).
const LYON: &str = r#"slug: lyon
name:
  en: Lyon
  fa: لیون
  local: Lyon
country: FR
relationship:
  kind: sister-city
  status: active
  signed: 2005-06-01
  notes: Twinning renewed by both mayors.
  sources:
    - "Lyon city council minutes, 2005"
representatives:
  municipality: International Affairs Office, Isfahan Municipality
  chamber: International Council, Isfahan Chamber of Commerce
joint_chamber: Iran–France Chamber of Commerce
sectors: [handicrafts, textiles]
facilitators:
  - id: shirin-tavakoli
    name: Shirin Tavakoli
    name_fa: شیرین توکلی
    languages: [fr, fa]
    expertise: [textiles]
    connection: Studied textile design in Lyon.
    status: active
    since: 2026-09-01
    contact:
      email: shirin.tavakoli@example.org
      phone: "+98 912 555 0101"
  - id: omid-jafari
    name: Omid Jafari
    name_fa: امید جعفری
    languages: [fr, en]
    expertise: [gastronomy]
    status: active
    since: 2026-11-24
contacts:
  - id: fr-embassy-culture
    name: Cultural counsellor
    role: embassy-counsellor
    organization: Embassy of France in Tehran
    contact:
      email: counsellor@example.fr
      phone: "+98 21 5555 0202"
  - id: lyon-twinning
    name: Head of the twinning office
    role: city-official
    organization: City of Lyon
readiness:
  communication:
    status: met
    evidence: Monthly calls with the twinning office.
    assessed: 2026-11-02
  diplomatic_support:
    status: met
  investment_readiness:
    status: partial
  branding:
    status: unmet
actions:
  - id: a-l1
    title: Send the exhibition catalogue
    owner: joint
    due: 2026-11-10
    status: open
  - id: a-l2
    title: Book the silk workshop venue
    owner: chamber
    due: 2026-12-01
    status: in-progress
  - id: a-l3
    title: Sign the cultural annex
    owner: municipality
    due: 2026-11-25
    status: done
    done: 2026-11-23
  - id: a-l4
    title: Translate the city brochure
    owner: municipality
    due: 2026-11-18
    status: done
    done: 2026-11-18
  - id: a-l5
    title: Plan the spring delegation
    owner: chamber
    due: 2027-02-01
    status: open
interactions:
  - date: 2026-10-15
    kind: letter
    title: Letter to the twinning office
  - date: 2026-11-16
    kind: meeting
    title: Meeting with the head of the twinning office
    with: [lyon-twinning]
  - date: 2026-11-20
    kind: call
    title: Call on the day before the week
    with: [shirin-tavakoli]
  - date: 2026-11-21
    kind: meeting
    title: Meeting on the week's first day
    with: [fr-embassy-culture, shirin-tavakoli]
  - date: 2026-11-27
    kind: event
    title: Lyon handicrafts evening
    with: [omid-jafari]
opportunities:
  - id: o-l1
    title: Isfahan textiles at the Lyon silk fair
    sector: textiles
    stage: exploring
    lead: chamber
  - id: o-l2
    title: Culinary exchange
    sector: tourism
    stage: idea
    lead: municipality
reviews:
  - date: 2026-10-01
    participants: [shirin-tavakoli]
    outcome: First review; communication is the strength.
  - date: 2026-11-15
    participants: [fr-embassy-culture]
    outcome: Second review; branding still missing.
"#;

/// Yerevan: reactivating, first contact inside the week (so not "activated" the week before);
/// Shirin again (same id, same details); an embassy counsellor without contact details.
/// Actions: a-y1 due 2026-12-20 (beyond 14 days), a-y2 blocked and due today (due, not overdue).
const YEREVAN: &str = r#"slug: yerevan
name:
  en: Yerevan
  fa: ایروان
  local: Երևան
country: AM
relationship:
  kind: sister-city
  status: reactivating
  signed: 1999
  notes: Reactivation discussed with the embassy.
  sources: ["Embassy letter"]
representatives:
  municipality: International Affairs Office, Isfahan Municipality
joint_chamber: Iran–Armenia Chamber of Commerce
facilitators:
  - id: shirin-tavakoli
    name: Shirin Tavakoli
    name_fa: شیرین توکلی
    languages: [fr, fa]
    expertise: [textiles]
    connection: Studied textile design in Lyon.
    status: active
    since: 2026-09-01
    contact:
      email: shirin.tavakoli@example.org
      phone: "+98 912 555 0101"
contacts:
  - id: am-embassy
    name: Commercial counsellor
    role: embassy-counsellor
    organization: Embassy of Armenia in Tehran
actions:
  - id: a-y1
    title: Prepare the trade mission
    owner: chamber
    due: 2026-12-20
    status: open
  - id: a-y2
    title: Answer the mayor's letter
    owner: municipality
    due: 2026-11-26
    status: blocked
interactions:
  - date: 2026-11-22
    kind: call
    title: Call with the Armenian counsellor
    with: [am-embassy]
  - date: 2026-11-24
    kind: letter
    title: Letter to Yerevan's mayor
    with: [shirin-tavakoli]
  - date: 2026-11-25
    kind: visit
    title: Visit of Yerevan's deputy mayor
    with: [am-embassy]
opportunities:
  - id: o-y1
    title: Joint carpet showroom
    sector: handicrafts
    stage: negotiating
    lead: joint
"#;

/// Dakar: proposed, nobody, no interaction, one action due within 14 days; no joint chamber.
const DAKAR: &str = r#"slug: dakar
name:
  en: Dakar
  fa: داکار
country: SN
relationship:
  kind: proposed
  status: proposed
actions:
  - id: a-d1
    title: Identify a facilitator
    owner: chamber
    due: 2026-12-05
    status: open
"#;

/// Tbilisi: active but last contact 2026-08-25 (93 days before today: going cold; 87 days
/// before 2026-11-20: still "activated" the week before); only an inactive facilitator; an
/// overdue blocked action; a lost opportunity.
const TBILISI: &str = r#"slug: tbilisi
name:
  en: Tbilisi
  fa: تفلیس
  local: თბილისი
country: GE
relationship:
  kind: friendship
  status: active
  signed: 2010-04
  notes: Friendship protocol since 2010.
  sources: ["Protocol text"]
representatives:
  chamber: International Council, Isfahan Chamber of Commerce
joint_chamber: Iran–France Chamber of Commerce
facilitators:
  - id: giorgi-beridze
    name: Giorgi Beridze
    status: inactive
readiness:
  investment_readiness:
    status: met
actions:
  - id: a-t1
    title: Renew the friendship protocol
    owner: municipality
    due: 2026-09-01
    status: blocked
interactions:
  - date: 2026-08-25
    kind: meeting
    title: Meeting in Tbilisi
opportunities:
  - id: o-t1
    title: Wine and saffron exchange
    sector: food
    stage: lost
    lead: chamber
"#;

/// Contact details of the fixture, in every form a report could print them (ASCII or Persian
/// digits). None may appear without `--include-contacts`.
const PRIVATE: &[&str] = &[
    "shirin.tavakoli@example.org",
    "counsellor@example.fr",
    "912 555 0101",
    "21 5555 0202",
    "۹۱۲ ۵۵۵ ۰۱۰۱",
    "۲۱ ۵۵۵۵ ۰۲۰۲",
    "+98",
    "+۹۸",
    // The spec's example dossier (Barcelona), in the privacy test's workspace.
    "facilitator@example.org",
    "0000 0000",
    "۰۰۰۰ ۰۰۰۰",
];

fn portfolio() -> Workspace {
    Workspace::with(&[
        ("lyon.yaml", LYON),
        ("yerevan.yaml", YEREVAN),
        ("dakar.yaml", DAKAR),
        ("tbilisi.yaml", TBILISI),
    ])
}

pub fn json_of(ws: &Workspace, args: &[&str]) -> (Run, Value) {
    let run = ws.run(args);
    run.code(0);
    let value = run.json();
    (run, value)
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value:#}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn ids(rows: &Value) -> Vec<&str> {
    rows.as_array()
        .unwrap_or_else(|| panic!("an array: {rows:#}"))
        .iter()
        .map(|r| r["id"].as_str().unwrap_or_default())
        .collect()
}

/// `(city, date)` of each interaction row.
fn interactions(report: &Value) -> Vec<(&str, &str)> {
    report["interactions"]
        .as_array()
        .unwrap_or_else(|| panic!("interactions is an array: {report:#}"))
        .iter()
        .map(|i| {
            (
                i["city"].as_str().unwrap_or_default(),
                i["date"].as_str().unwrap_or_default(),
            )
        })
        .collect()
}

fn aims(report: &Value) -> Vec<(String, Value, Value)> {
    report["aims"]
        .as_array()
        .unwrap_or_else(|| panic!("aims is an array: {report:#}"))
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap_or_default().to_owned(),
                a["value"].clone(),
                a["previous"].clone(),
            )
        })
        .collect()
}

fn aim(id: &str, value: u64, previous: Option<u64>) -> (String, Value, Value) {
    (id.to_owned(), json!(value), json!(previous))
}

/// The `#`/`##`/`###` heading lines of a Markdown text.
fn headings(markdown: &str) -> Vec<&str> {
    markdown
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(str::trim_end)
        .collect()
}

/// Asserts `needles` appear in `text` in this order.
fn in_order(text: &str, needles: &[&str], what: &str) {
    let mut from = 0;
    for needle in needles {
        match text[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{what}: {needle:?} missing or out of order in\n{text}"),
        }
    }
}

fn assert_private(run: &Run) {
    for secret in PRIVATE {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "`{secret}` must not be printed without asking for contact details\n{run}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// report weekly --format json: keys, week boundaries, the six aims, every section

#[test]
fn weekly_json_has_every_key_of_the_spec() {
    let ws = portfolio();
    let (run, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    run.stderr_empty();
    let top = keys(&report);
    let spec = [
        "from",
        "to",
        "aims",
        "interactions",
        "actions_completed",
        "actions_due",
        "actions_overdue",
        "readiness",
        "going_cold",
        "without_facilitator",
        "changes",
        "warnings",
    ];
    for key in spec {
        assert!(top.contains(&key), "key `{key}` missing: {top:?}\n{run}");
    }
    assert_eq!(report["from"], "2026-11-21", "{run}");
    assert_eq!(report["to"], "2026-11-27", "{run}");
    for a in report["aims"].as_array().unwrap() {
        assert_eq!(keys(a), ["id", "value", "previous"], "{a:#}");
    }
    // The spec's keys first; interactions also carry who took part and the summary.
    for i in report["interactions"].as_array().unwrap() {
        assert_eq!(
            keys(i),
            ["city", "date", "kind", "title", "participants", "summary"],
            "{i:#}"
        );
    }
    for section in ["actions_completed", "actions_due", "actions_overdue"] {
        let rows = report[section].as_array().unwrap();
        assert!(!rows.is_empty(), "the fixture fills `{section}`\n{run}");
        for row in rows {
            assert_eq!(
                keys(row)[..7],
                ["city", "id", "title", "owner", "due", "status", "overdue"],
                "{section}: {row:#}"
            );
        }
    }
    // A completed action says the day it was done.
    for row in report["actions_completed"].as_array().unwrap() {
        assert!(row["done"].is_string(), "{row:#}");
    }
    for r in report["readiness"].as_array().unwrap() {
        // More keys may be added (spec §3); these three come first.
        assert_eq!(keys(r)[..3], ["slug", "met", "total"], "{r:#}");
    }
    assert!(report["going_cold"].is_array(), "{run}");
    assert!(report["without_facilitator"].is_array(), "{run}");
    assert!(report["changes"].is_array(), "{run}");
    assert_eq!(report["warnings"], json!([]), "{run}");
}

#[test]
fn weekly_week_runs_saturday_to_friday_first_day_in_day_before_out() {
    let ws = portfolio();
    let (run, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    assert_eq!(
        interactions(&report),
        [
            ("lyon", "2026-11-21"),
            ("lyon", "2026-11-27"),
            ("yerevan", "2026-11-22"),
            ("yerevan", "2026-11-24"),
            ("yerevan", "2026-11-25"),
        ],
        "{run}"
    );
    assert_eq!(
        report["interactions"][0],
        json!({"city": "lyon", "date": "2026-11-21", "kind": "meeting",
               "title": "Meeting on the week's first day",
               "participants": ["Cultural counsellor", "Shirin Tavakoli"], "summary": null}),
        "{run}"
    );
    // The Markdown report says the same.
    let md = ws.run(&["report", "weekly"]);
    md.code(0)
        .stdout_has("Meeting on the week's first day")
        .stdout_has("Lyon handicrafts evening")
        .stdout_lacks("Call on the day before the week")
        .stdout_lacks("Letter to the twinning office");
}

#[test]
fn weekly_aims_are_measured_with_the_previous_week() {
    let ws = portfolio();
    let (run, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    // activation: interaction within 90 days of 11-27: lyon, yerevan (tbilisi: 94 days);
    //   of 11-20: lyon, tbilisi (87 days; yerevan not yet).
    // facilitators: active by 11-27: shirin, omid (since 11-24); by 11-20: shirin.
    // participation: shirin (11-21, 11-24), omid (11-27); before: shirin (11-20).
    // private_sector: o-l1 exploring, o-y1 negotiating (idea and lost do not count); no dates.
    // capacity: event 11-27, visit 11-25; before: none (11-16 is a meeting).
    // diplomatic: 11-21 (counsellor), 11-22 and 11-25 (counsellor); before: 11-16 (official).
    assert_eq!(
        aims(&report),
        [
            aim("activation", 2, Some(2)),
            aim("facilitators", 2, Some(1)),
            aim("participation", 2, Some(1)),
            aim("private_sector", 0, Some(0)),
            aim("capacity", 2, Some(0)),
            aim("diplomatic", 3, Some(1)),
        ],
        "{run}"
    );
}

#[test]
fn weekly_actions_readiness_cold_and_without_facilitator() {
    let ws = portfolio();
    let (run, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    // Done inside the week (a-l4 was done the week before).
    assert_eq!(ids(&report["actions_completed"]), ["a-l3"], "{run}");
    assert_eq!(
        report["actions_completed"][0],
        json!({"city": "lyon", "id": "a-l3", "title": "Sign the cultural annex",
               "owner": "municipality", "due": "2026-11-25", "status": "done", "overdue": false,
               "done": "2026-11-23"}),
        "{run}"
    );
    // Open and due from today for 14 days, by due date; due today is not overdue.
    assert_eq!(
        ids(&report["actions_due"]),
        ["a-y2", "a-l2", "a-d1"],
        "{run}"
    );
    assert_eq!(report["actions_due"][0]["overdue"], false, "{run}");
    assert_eq!(report["actions_due"][1]["status"], "in-progress", "{run}");
    assert_eq!(ids(&report["actions_overdue"]), ["a-t1", "a-l1"], "{run}");
    assert_eq!(
        report["actions_overdue"][1],
        json!({"city": "lyon", "id": "a-l1", "title": "Send the exhibition catalogue",
               "owner": "joint", "due": "2026-11-10", "status": "open", "overdue": true}),
        "{run}"
    );
    // Built-in checklist, 11 items: lyon meets communication, diplomatic_support, 2 active
    // facilitators, both representatives, recent contact, an open action (6); yerevan: recent
    // contact, no overdue, an open action (3); dakar: no overdue, an open action (2); tbilisi:
    // investment_readiness and an open action (2).
    let readiness: Vec<(&str, u64, u64)> = report["readiness"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["slug"].as_str().unwrap_or_default(),
                r["met"].as_u64().unwrap_or(99),
                r["total"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    assert_eq!(
        readiness,
        [
            ("dakar", 2, 11),
            ("lyon", 6, 11),
            ("tbilisi", 2, 11),
            ("yerevan", 3, 11)
        ],
        "{run}"
    );
    assert_eq!(report["going_cold"], json!(["tbilisi"]), "{run}");
    assert_eq!(
        report["without_facilitator"],
        json!(["dakar", "tbilisi"]),
        "{run}"
    );
}

#[test]
fn weekly_last_is_the_last_completed_week() {
    let ws = portfolio();
    let (run, report) = json_of(&ws, &["report", "weekly", "--last", "--format", "json"]);
    assert_eq!(report["from"], "2026-11-14", "{run}");
    assert_eq!(report["to"], "2026-11-20", "{run}");
    // The day before this week's first day is in; the first day is out.
    assert_eq!(
        interactions(&report),
        [("lyon", "2026-11-16"), ("lyon", "2026-11-20")],
        "{run}"
    );
    assert_eq!(ids(&report["actions_completed"]), ["a-l4"], "{run}");
    // Previous period: 2026-11-07..2026-11-13.
    assert_eq!(
        aims(&report),
        [
            aim("activation", 2, Some(2)),
            aim("facilitators", 1, Some(1)),
            aim("participation", 1, Some(0)),
            aim("private_sector", 0, Some(0)),
            aim("capacity", 0, Some(0)),
            aim("diplomatic", 1, Some(0)),
        ],
        "{run}"
    );
}

#[test]
fn weekly_week_start_monday_from_the_settings() {
    let ws = portfolio();
    ws.file("diplomat.yaml", "week_start: monday\n");
    let (run, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    assert_eq!(report["from"], "2026-11-23", "{run}");
    assert_eq!(report["to"], "2026-11-29", "{run}");
    assert_eq!(
        interactions(&report),
        [
            ("lyon", "2026-11-27"),
            ("yerevan", "2026-11-24"),
            ("yerevan", "2026-11-25")
        ],
        "{run}"
    );
    // Previous period 2026-11-16..2026-11-22: the 11-16 official, 11-21 and 11-22 counsellors.
    let diplomatic = aims(&report).into_iter().find(|a| a.0 == "diplomatic");
    assert_eq!(diplomatic, Some(aim("diplomatic", 1, Some(3))), "{run}");

    let (run, report) = json_of(&ws, &["report", "weekly", "--last", "--format", "json"]);
    assert_eq!(report["from"], "2026-11-16", "{run}");
    assert_eq!(report["to"], "2026-11-22", "{run}");
}

#[test]
fn weekly_date_in_the_solar_hijri_calendar() {
    let ws = portfolio();
    let (_, today) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    // 1405/09/01 is Sunday 2026-11-22, in the same week as today.
    for date in ["1405/09/01", "۱۴۰۵/۰۹/۰۱", "1405-09-01", "2026-11-22"] {
        let (run, report) = json_of(
            &ws,
            &["report", "weekly", "--date", date, "--format", "json"],
        );
        assert_eq!(report["from"], "2026-11-21", "--date {date}\n{run}");
        assert_eq!(report["to"], "2026-11-27", "--date {date}\n{run}");
        assert_eq!(report, today, "--date {date} reports today's week\n{run}");
    }
    // The day before the week's first day belongs to the week before.
    let (run, report) = json_of(
        &ws,
        &[
            "report",
            "weekly",
            "--date",
            "1405/08/29",
            "--format",
            "json",
        ],
    );
    assert_eq!(report["from"], "2026-11-14", "{run}");
    assert_eq!(report["to"], "2026-11-20", "{run}");
}

#[test]
fn weekly_from_to_any_period() {
    let ws = portfolio();
    let (run, report) = json_of(
        &ws,
        &[
            "report",
            "weekly",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "json",
        ],
    );
    assert_eq!(report["from"], "2026-11-01", "{run}");
    assert_eq!(report["to"], "2026-11-30", "{run}");
    assert_eq!(
        interactions(&report),
        [
            ("lyon", "2026-11-16"),
            ("lyon", "2026-11-20"),
            ("lyon", "2026-11-21"),
            ("lyon", "2026-11-27"),
            ("yerevan", "2026-11-22"),
            ("yerevan", "2026-11-24"),
            ("yerevan", "2026-11-25"),
        ],
        "{run}"
    );
    assert_eq!(ids(&report["actions_completed"]), ["a-l4", "a-l3"], "{run}");
    // Against the 30 days before: 2026-10-02..2026-10-31.
    assert_eq!(
        aims(&report),
        [
            aim("activation", 2, Some(2)),
            aim("facilitators", 2, Some(1)),
            aim("participation", 2, Some(0)),
            aim("private_sector", 0, Some(0)),
            aim("capacity", 2, Some(0)),
            aim("diplomatic", 4, Some(0)),
        ],
        "{run}"
    );

    ws.run(&[
        "report",
        "weekly",
        "--from",
        "2026-11-30",
        "--to",
        "2026-11-01",
    ])
    .code(2)
    .stderr_has("--from");
    ws.run(&["report", "weekly", "--from", "2026-11-01"])
        .code(2)
        .stderr_has("--to");
    ws.run(&["report", "weekly", "--date", "2026-02-30"])
        .code(2)
        .stderr_has("2026-02-30");
}

#[test]
fn weekly_warns_about_unreadable_dossiers() {
    let ws = portfolio();
    ws.city("broken.yaml", "slug: broken\nname: [unclosed\n");
    let run = ws.run(&["report", "weekly", "--format", "json"]);
    run.code(0).stderr_has("cities/broken.yaml:2:");
    let warnings = run.json()["warnings"].clone();
    let warnings = warnings.as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{run}");
    assert!(
        warnings[0]
            .as_str()
            .is_some_and(|w| w.starts_with("cities/broken.yaml:2:")),
        "{run}"
    );
    let md = ws.run(&["report", "weekly"]);
    md.code(0).stdout_has("cities/broken.yaml:2:");
    assert_eq!(headings(&md.stdout).last(), Some(&"## Warnings"), "{md}");
    ws.run(&["--strict", "report", "weekly"]).code(2);
}

// ---------------------------------------------------------------------------------------------
// git history

/// The portfolio committed over two weeks: before the week, on its first day, inside it (by an
/// author with a Persian name and a Persian subject), a commit touching no dossier, and one
/// after the week.
fn committed_portfolio() -> Workspace {
    let ws = Workspace::new();
    git(&ws, &["init", "-q"], "Analyst One", "2026-11-01T09:00:00");
    ws.city("lyon.yaml", LYON).city("dakar.yaml", DAKAR);
    commit(
        &ws,
        &["cities/lyon.yaml", "cities/dakar.yaml"],
        "Analyst One",
        "2026-11-20T18:00:00",
        "Lyon and Dakar: first dossiers",
    );
    ws.city("yerevan.yaml", YEREVAN);
    commit(
        &ws,
        &["cities/yerevan.yaml"],
        "Analyst One",
        "2026-11-21T08:00:00",
        "Yerevan: new dossier",
    );
    ws.city("tbilisi.yaml", TBILISI)
        .city("lyon.yaml", format!("{LYON}# reviewed\n"));
    commit(
        &ws,
        &["cities/tbilisi.yaml", "cities/lyon.yaml"],
        "مریم رحیمی",
        "2026-11-24T10:00:00",
        "تفلیس و لیون: به‌روزرسانی",
    );
    ws.file("README.md", "Notes\n");
    commit(
        &ws,
        &["README.md"],
        "Analyst One",
        "2026-11-25T09:00:00",
        "README only",
    );
    ws.city("dakar.yaml", format!("{DAKAR}# after the week\n"));
    commit(
        &ws,
        &["cities/dakar.yaml"],
        "Analyst One",
        "2026-11-28T09:00:00",
        "Dakar: after the week",
    );
    ws
}

#[test]
fn weekly_changes_from_git_log_of_the_week() {
    let ws = committed_portfolio();
    let (run, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    assert_eq!(
        report["changes"],
        json!([
            {"date": "2026-11-24", "author": "مریم رحیمی",
             "subject": "تفلیس و لیون: به‌روزرسانی", "cities": ["lyon", "tbilisi"],
             // a comment added to Lyon changes no data
             "details": ["tbilisi: new dossier"]},
            {"date": "2026-11-21", "author": "Analyst One",
             "subject": "Yerevan: new dossier", "cities": ["yerevan"],
             "details": ["yerevan: new dossier"]},
        ]),
        "{run}"
    );
    for change in report["changes"].as_array().unwrap() {
        assert_eq!(
            keys(change),
            ["date", "author", "subject", "cities", "details"],
            "{change:#}"
        );
    }
    assert_eq!(report["history"], "available", "{run}");

    // The week before holds only the commit of 2026-11-20.
    let (run, last) = json_of(&ws, &["report", "weekly", "--last", "--format", "json"]);
    assert_eq!(
        last["changes"],
        json!([{"date": "2026-11-20", "author": "Analyst One",
                "subject": "Lyon and Dakar: first dossiers", "cities": ["dakar", "lyon"],
                "details": ["dakar: new dossier", "lyon: new dossier"]}]),
        "{run}"
    );

    // Markdown: the changes per city and author, cities by name; the author's e-mail never
    // shown, and the commits only with `--commits`.
    let md = ws.run(&["report", "weekly"]);
    md.code(0)
        // A Persian name in an English page is isolated (FSI … PDI), so it reads in order.
        .stdout_has("- Lyon — 1 change by \u{2068}مریم رحیمی\u{2069}\n")
        .stdout_has("- Tbilisi — 1 change by \u{2068}مریم رحیمی\u{2069}\n")
        .stdout_has("- Yerevan — 1 change by Analyst One\n")
        .stdout_lacks("Yerevan: new dossier")
        .stdout_lacks("analyst@example.org");
    let md = ws.run(&["report", "weekly", "--commits"]);
    md.code(0)
        .stdout_has("| 2026-11-24 | \u{2068}مریم رحیمی\u{2069} | \u{2068}تفلیس و لیون: به‌روزرسانی\u{2069} | Lyon, Tbilisi |")
        .stdout_has("| 2026-11-21 | Analyst One | Yerevan: new dossier | Yerevan |")
        .stdout_lacks("README only")
        .stdout_lacks("Dakar: after the week")
        .stdout_lacks("first dossiers")
        .stdout_lacks("analyst@example.org");
    let fa = ws.run(&["--lang", "fa", "--calendar", "jalali", "report", "weekly"]);
    fa.code(0).stdout_has("۱۴۰۵/۰۹/۰۳").stdout_has("مریم رحیمی");
}

/// A commit rebased (or cherry-picked) into the week keeps its old author date: it is one of
/// the week's changes, dated the day it landed, never listed under a date outside the period.
#[test]
fn weekly_changes_are_chosen_and_dated_by_the_day_they_landed() {
    let ws = committed_portfolio();
    ws.city("dakar.yaml", format!("{DAKAR}# rebased onto the week\n"));
    git_dated(
        &ws,
        &["commit", "-q", "-m", "Dakar: rebased", "cities/dakar.yaml"],
        "Analyst One",
        ["2026-11-10T09:00:00", "2026-11-25T09:00:00"],
    );
    let (run, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    let rebased: Vec<&Value> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["subject"] == "Dakar: rebased")
        .collect();
    assert_eq!(rebased.len(), 1, "{run}");
    assert_eq!(rebased[0]["date"], "2026-11-25", "{run}");
    // Not in the week of its author date.
    let (run, old) = json_of(
        &ws,
        &[
            "report",
            "weekly",
            "--date",
            "2026-11-10",
            "--format",
            "json",
        ],
    );
    assert!(
        !old["changes"].to_string().contains("Dakar: rebased"),
        "{run}"
    );
}

/// The period's starting readiness of every dossier comes from git in one `cat-file`
/// process, not one `git show` per dossier: the report stays fast in a git workspace.
/// A `git` on PATH that logs each call to the returned file before running the real one;
/// the returned PATH puts it first.
fn git_shim(ws: &Workspace) -> (std::ffi::OsString, std::path::PathBuf) {
    let real = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let bin = ws.root().join("shim");
    std::fs::create_dir_all(&bin).unwrap();
    let log = ws.root().join("git-calls.log");
    let shim = bin.join("git");
    std::fs::write(
        &shim,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            real.trim()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    (path, log)
}

/// The period's starting readiness of every dossier comes from git in one `cat-file`
/// process, not one `git show` per dossier: the report stays fast in a git workspace.
#[test]
fn weekly_reads_git_in_a_fixed_number_of_processes() {
    let ws = committed_portfolio();
    let (path, log) = git_shim(&ws);
    let mut cmd = ws.cmd(["report", "weekly", "--format", "json"]);
    cmd.env("PATH", path);
    let run = Run::of("report weekly (git shim)", &mut cmd);
    run.code(0);
    let report = run.json();
    let previous = report["readiness"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| !row["previous"].is_null())
        .count();
    // Lyon and Dakar were committed before the week began.
    assert_eq!(previous, 2, "the old readiness was read: {run}");
    let calls = std::fs::read_to_string(&log).unwrap();
    assert!(
        calls.lines().count() <= 4 && !calls.contains(" show "),
        "{} git processes for {previous} dossiers:\n{calls}",
        calls.lines().count()
    );
}

/// What a commit changed and how a dossier stood in a commit never change: the second report
/// of a week reads them from the cache, with no `git cat-file`, and says the same; without the
/// cache git is asked again.
#[test]
fn weekly_remembers_what_git_said_about_past_commits() {
    let ws = committed_portfolio();
    let (path, log) = git_shim(&ws);
    let report = |args: &[&str]| {
        std::fs::write(&log, "").unwrap();
        let mut cmd = ws.cmd(args.iter().copied());
        cmd.env("PATH", &path);
        let run = Run::of("report weekly (git shim)", &mut cmd);
        run.code(0);
        (run.json(), std::fs::read_to_string(&log).unwrap())
    };
    let json = ["report", "weekly", "--format", "json"];
    let (first, calls) = report(&json);
    assert!(
        calls.contains("cat-file"),
        "the first report reads git's objects:\n{calls}"
    );
    assert!(
        first["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| !c["details"].as_array().unwrap().is_empty()),
        "{first:#}"
    );
    let (second, calls) = report(&json);
    assert!(
        !calls.contains("cat-file"),
        "the second report asks git for no object:\n{calls}"
    );
    assert_eq!(second, first);
    let (third, calls) = report(&["--no-cache", "report", "weekly", "--format", "json"]);
    assert!(
        calls.contains("cat-file"),
        "without the cache git is asked:\n{calls}"
    );
    assert_eq!(third, first);
    // Another language is another answer, not a wrong one from the cache.
    let (persian, _) = report(&["--lang", "fa", "report", "weekly", "--format", "json"]);
    assert_ne!(persian["changes"], first["changes"]);
}

#[test]
fn weekly_outside_a_git_repository_says_so() {
    let ws = portfolio();
    let (run, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    run.stderr_empty();
    assert_eq!(report["changes"], json!([]), "{run}");
    assert_eq!(report["history"], "not a git repository", "{run}");
    let md = ws.run(&["report", "weekly"]);
    md.code(0).stderr_empty().stdout_has("not a git repository");
}

#[test]
fn weekly_without_the_git_program_says_so() {
    let ws = committed_portfolio();
    let mut cmd = ws.cmd(["report", "weekly", "--format", "json"]);
    cmd.env("PATH", "");
    let run = Run::of("report weekly (PATH empty)", &mut cmd);
    run.code(0);
    let report = run.json();
    assert_eq!(report["changes"], json!([]), "{run}");
    assert_eq!(report["history"], "git not found", "{run}");
    let mut cmd = ws.cmd(["report", "weekly"]);
    cmd.env("PATH", "");
    Run::of("report weekly (PATH empty)", &mut cmd)
        .code(0)
        .stdout_has("git not found");
}

// ---------------------------------------------------------------------------------------------
// Markdown and HTML

#[test]
fn weekly_markdown_sections_in_the_order_of_the_spec() {
    let ws = portfolio();
    let run = ws.run(&["report", "weekly"]);
    run.code(0).stderr_empty();
    assert_eq!(
        headings(&run.stdout),
        [
            "# Citizen Diplomat — weekly report — Isfahan",
            "## The programme's aims",
            "## What happened, by city",
            "### Lyon",
            "### Yerevan",
            "## The week ahead",
            "## Actions due in the next 14 days",
            "## Overdue actions",
            "## Readiness",
            "## Relations going cold",
            "## Cities without an active facilitator",
            "## Dossier changes",
        ],
        "{run}"
    );
    run.stdout_has("21 November 2026")
        .stdout_has("27 November 2026")
        .stdout_has("| Lyon | 6/11 |")
        .stdout_has("- Tbilisi");
    // Each aim with its figure, the previous one and the change.
    in_order(
        &run.stdout,
        &[
            "| 2 | 2 | = |",
            "| 2 | 1 | +1 |",
            "| 2 | 1 | +1 |",
            "| 0 | 0 | = |",
            "| 2 | 0 | +2 |",
            "| 3 | 1 | +2 |",
        ],
        "aims table",
    );
    // Sections hold their rows.
    in_order(
        &run.stdout,
        &[
            "### Lyon",
            "✓ Sign the cultural annex (done 2026-11-23)",
            "## Actions due",
            "a-y2",
            "a-l2",
            "a-d1",
            "## Overdue actions",
            "a-t1",
            "a-l1",
            "## Readiness",
        ],
        "action sections",
    );
}

/// Nothing in the page is fetched: every element is one of a plain document's, and no element
/// has an attribute that loads or links anything, but the SVG namespace. (Dossier text that
/// merely mentions markup is escaped, so it holds no `<` and is not an element.)
fn assert_self_contained(html: &str, what: &str) {
    const ALLOWED: &[&str] = &[
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p",
        "strong", "em", "code", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
        "svg", "text", "rect", "br", "hr", "bdi", "span",
    ];
    assert!(html.contains("<svg"), "{what}: an inline SVG chart\n{html}");
    for (at, _) in html.match_indices('<') {
        let tag = &html[at + 1..];
        let end = tag.find('>').unwrap_or(tag.len());
        let element = &tag[..end];
        let name: String = element
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        assert!(
            ALLOWED.contains(&name.as_str()),
            "{what}: element <{element}> at byte {at}\n{html}"
        );
        for attribute in ["src=", "href=", "srcset=", "action=", "data="] {
            assert!(
                !element.contains(attribute),
                "{what}: <{element}> loads or links something\n{html}"
            );
        }
        if let Some(ns) = element.find("xmlns=") {
            assert!(
                element[ns..].starts_with("xmlns=\"http://www.w3.org/2000/svg\""),
                "{what}: a namespace other than SVG's: <{element}>"
            );
        }
    }
}

#[test]
fn weekly_html_in_persian_is_rtl_with_persian_digits_and_months() {
    let ws = portfolio();
    let run = ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "--format",
        "html",
        "report",
        "weekly",
    ]);
    run.code(0).stderr_empty();
    let html = &run.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"), "{run}");
    run.stdout_has("dir=\"rtl\"")
        .stdout_has("lang=\"fa\"")
        .stdout_has("۱۴۰۵")
        .stdout_has("آبان")
        .stdout_has("آذر")
        // The week's first day, 2026-11-21, and an interaction on it.
        .stdout_has("۱۴۰۵/۰۸/۳۰")
        .stdout_has("Meeting on the week's first day")
        .stdout_lacks("Call on the day before the week")
        // Persian labels.
        .stdout_has("اهداف طرح")
        .stdout_has("لیون")
        .stdout_has("<style>");
    assert!(
        !html.contains("2026"),
        "no Gregorian year with --calendar jalali\n{run}"
    );
    assert_self_contained(html, "weekly fa html");

    // English HTML: left to right, also self-contained.
    let en = ws.run(&["--format", "html", "report", "weekly"]);
    en.code(0).stdout_has("dir=\"ltr\"").stdout_has("<svg");
    assert_self_contained(&en.stdout, "weekly en html");
}

#[test]
fn weekly_markdown_in_persian() {
    let ws = portfolio();
    let run = ws.run(&["--lang", "fa", "--calendar", "jalali", "report", "weekly"]);
    run.code(0)
        .stdout_has("۳۰ آبان ۱۴۰۵")
        .stdout_has("۶ آذر ۱۴۰۵")
        .stdout_has("۱۴۰۵/۰۸/۳۰")
        .stdout_has("| ۳ | ۱ | +۲ |")
        .stdout_has("تفلیس");
}

#[test]
fn weekly_output_file() {
    let ws = portfolio();
    let md = ws.root().join("week.md");
    let run = ws.run(&["report", "weekly", "-o", md.to_str().unwrap()]);
    run.code(0);
    assert!(run.stdout.is_empty(), "nothing on stdout with -o\n{run}");
    let text = std::fs::read_to_string(&md).expect("the report was written");
    assert!(text.starts_with("# Citizen Diplomat"), "{text}");
    assert_eq!(text, ws.run(&["report", "weekly"]).stdout);

    // The extension picks the format.
    let html = ws.root().join("week.html");
    ws.run(&["report", "weekly", "-o", html.to_str().unwrap()])
        .code(0);
    let text = std::fs::read_to_string(&html).expect("the HTML report was written");
    assert!(text.starts_with("<!DOCTYPE html>"), "{text}");
    assert_self_contained(&text, "-o week.html");

    let json = ws.root().join("week.json");
    ws.run(&["report", "weekly", "-o", json.to_str().unwrap()])
        .code(0);
    let value: Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).expect("week.json is JSON");
    assert_eq!(value["from"], "2026-11-21");

    // No leftover temporary file beside the report (`.diplomat/` is the workspace's own
    // local state: lock and cache).
    let names: Vec<String> = std::fs::read_dir(ws.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".diplomat")
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["cities", "week.html", "week.json", "week.md"]);
}

#[cfg(unix)]
#[test]
fn weekly_output_file_is_readable_like_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let ws = portfolio();
    let reference = ws.root().join("redirect.md");
    std::fs::write(&reference, "x").unwrap();
    let expected = std::fs::metadata(&reference).unwrap().permissions().mode() & 0o777;
    let out = ws.root().join("week.md");
    ws.run(&["report", "weekly", "-o", out.to_str().unwrap()])
        .code(0);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        format!("{mode:o}"),
        format!("{expected:o}"),
        "mode of the report written with -o"
    );
}

/// `-o`'s extension picks the format; one a report does not take is refused (exit 2, no file),
/// never Markdown written under a spreadsheet's name.
#[test]
fn report_output_extension_the_report_does_not_take_is_refused() {
    let ws = portfolio();
    for (args, file) in [
        (&["report", "roadmap"][..], "roadmap.xlsx"),
        (&["report", "review", "lyon"], "review.xlsx"),
        (&["report", "review", "lyon"], "review.csv"),
        (&["report", "weekly"], "week.csv"),
        (&["report", "weekly"], "week.yaml"),
    ] {
        let out = ws.root().join(file);
        ws.run(&[args, &["-o", out.to_str().unwrap()]].concat())
            .code(2)
            .stderr_has("this report is written as");
        assert!(!out.exists(), "{file}");
    }
    // Kinds of file diplomat does not write at all: refused, by reports and lists alike.
    for (args, file) in [
        (&["report", "roadmap"][..], "roadmap.ods"),
        (&["report", "weekly"], "week.xls"),
        (&["report", "review", "lyon"], "review.pdf"),
        (&["city", "list"], "cities.ods"),
        (&["action", "list"], "actions.docx"),
    ] {
        let out = ws.root().join(file);
        ws.run(&[args, &["-o", out.to_str().unwrap()]].concat())
            .code(2)
            .stderr_has("diplomat does not write");
        assert!(!out.exists(), "{file}");
    }
    // The roadmap takes CSV, by extension as by `--format`.
    let out = ws.root().join("roadmap.csv");
    ws.run(&["report", "roadmap", "-o", out.to_str().unwrap()])
        .code(0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.starts_with('#'), "{text}");
    let by_flag = ws.run(&["--format", "csv", "report", "roadmap"]);
    assert_eq!(by_flag.stdout, text);
}

/// `-o` into a folder that does not exist: the message names the file and the folder, not a
/// temporary file, and nothing is made.
#[test]
fn weekly_output_into_a_missing_folder_names_the_folder() {
    let ws = portfolio();
    for format in ["md", "eml", "xlsx"] {
        let out = ws.root().join("reports").join(format!("week.{format}"));
        ws.run(&["report", "weekly", "-o", out.to_str().unwrap()])
            .code(2)
            .stderr_has(&format!("week.{format}"))
            .stderr_has("there is no folder")
            .stderr_lacks(".diplomat-");
        assert!(!ws.root().join("reports").exists());
    }
}

/// Dossier text that looks like Markdown table syntax or HTML stays text.
const LYON_WITH_MARKUP: &str = r#"slug: lyon
name: {en: Lyon, fa: لیون}
country: FR
relationship: {kind: sister-city, status: active}
actions:
  - id: a-x1
    title: "Compare offers A | B <script src=\"https://evil.example/x.js\"></script> <img src=\"http://t.example/p.png\">"
    owner: joint
    due: 2026-11-10
    status: open
"#;

#[test]
fn weekly_markdown_table_cells_escape_pipes() {
    let ws = Workspace::with(&[("lyon.yaml", LYON_WITH_MARKUP)]);
    let run = ws.run_piped(&["report", "weekly"]);
    run.code(0);
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains("a-x1"))
        .unwrap_or_else(|| panic!("a row for a-x1\n{run}"));
    // | City | Id | Title | Owner | Due | Status |: 7 unescaped pipes.
    let unescaped = row
        .char_indices()
        .filter(|&(i, c)| c == '|' && !row[..i].ends_with('\\'))
        .count();
    assert_eq!(unescaped, 7, "row: {row}");
}

#[test]
fn weekly_html_escapes_dossier_text() {
    let ws = Workspace::with(&[("lyon.yaml", LYON_WITH_MARKUP)]);
    let run = ws.run(&["--format", "html", "report", "weekly"]);
    run.code(0).stdout_has("Compare offers");
    assert_self_contained(&run.stdout, "html with markup in a title");
    run.stdout_has("&lt;script");
}

// ---------------------------------------------------------------------------------------------
// Templates

#[test]
fn weekly_uses_the_workspace_template() {
    let ws = portfolio();
    ws.file(
        "templates/weekly.md.j2",
        "CUSTOM {{ from }} {{ to | date }}\n{% for a in aims %}{{ a.id }}={{ a.value }};{% endfor %}\n{{ lang }}\n",
    );
    let run = ws.run(&["report", "weekly"]);
    run.code(0).stderr_empty();
    assert_eq!(
        run.stdout,
        "CUSTOM 2026-11-21 2026-11-27\nactivation=2;facilitators=2;participation=2;private_sector=0;capacity=2;diplomatic=3;\nen\n",
        "{run}"
    );
    // HTML is built from the same template.
    ws.run(&["--format", "html", "report", "weekly"])
        .code(0)
        .stdout_has("CUSTOM <span dir=\"ltr\" style=\"white-space:nowrap\">2026-11-21</span>");
    // With Persian and the Solar Hijri calendar, the template's filters follow.
    ws.run(&["--lang", "fa", "--calendar", "jalali", "report", "weekly"])
        .code(0)
        .stdout_has("۱۴۰۵/۰۹/۰۶")
        // Latin text in a Persian page is isolated (FSI … PDI), so it reads in order.
        .stdout_has("\n\u{2068}fa\u{2069}\n");
    // JSON is the data, not the template.
    let (_, report) = json_of(&ws, &["report", "weekly", "--format", "json"]);
    assert_eq!(report["from"], "2026-11-21");
}

#[test]
fn weekly_template_flag_beats_the_workspace_template() {
    let ws = portfolio();
    ws.file("templates/weekly.md.j2", "WORKSPACE {{ from }}\n");
    ws.file(
        "mine.md.j2",
        "MINE {{ from }}..{{ to }}: {{ interactions | length }} interactions\n",
    );
    let run = ws.run(&["report", "weekly", "--template", "mine.md.j2"]);
    run.code(0);
    assert_eq!(
        run.stdout, "MINE 2026-11-21..2026-11-27: 5 interactions\n",
        "{run}"
    );
    ws.run(&["report", "weekly", "--template", "missing.md.j2"])
        .code(2)
        .stderr_has("missing.md.j2");
}

#[test]
fn weekly_template_with_an_undefined_variable_is_a_located_error() {
    let ws = portfolio();
    ws.file(
        "templates/weekly.md.j2",
        "line one {{ from }}\nline two {{ nonesuch }}\n",
    );
    let run = ws.run(&["report", "weekly"]);
    run.code(2)
        .stderr_has("weekly.md.j2")
        .stderr_has("line 2")
        .stderr_has("nonesuch");
    assert!(run.stdout.is_empty(), "nothing half-rendered\n{run}");
    assert!(!run.stderr.contains("panicked"), "{run}");

    // An undefined attribute too.
    ws.file("templates/weekly.md.j2", "a\n\nb {{ aims[0].nope }}\n");
    ws.run(&["report", "weekly"])
        .code(2)
        .stderr_has("weekly.md.j2")
        .stderr_has("line 3");
}

#[test]
fn weekly_template_with_a_syntax_error_is_a_located_error() {
    let ws = portfolio();
    ws.file(
        "broken.md.j2",
        "ok\n{% for a in aims %}\n{{ a.id }\n{% endfor %}\n",
    );
    let run = ws.run(&["report", "weekly", "--template", "broken.md.j2"]);
    run.code(2)
        .stderr_has("broken.md.j2")
        .stderr_has("line 3")
        .stderr_has("syntax error");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(!run.stderr.contains("panicked"), "{run}");

    ws.file("templates/weekly.md.j2", "{% if from %}\nno end\n");
    ws.run(&["report", "weekly"])
        .code(2)
        .stderr_has("templates/weekly.md.j2")
        .stderr_has("line ");
}

// ---------------------------------------------------------------------------------------------
// report roadmap

fn csv_rows(text: &str) -> Vec<Vec<&str>> {
    // The fixture's fields hold no comma nor quote except the titles, which are not read here.
    text.lines().map(|l| l.split(',').collect()).collect()
}

#[test]
fn roadmap_groups_by_joint_chamber_then_city() {
    let ws = portfolio();
    let run = ws.run(&["report", "roadmap"]);
    run.code(0).stderr_empty();
    assert_eq!(
        headings(&run.stdout)[1..],
        [
            "## Iran–Armenia Chamber of Commerce",
            "### Yerevan",
            "## Iran–France Chamber of Commerce",
            "### Lyon",
            "### Tbilisi",
            "## No joint chamber named",
            "### Dakar",
        ],
        "{run}"
    );
    // Open actions by due date, with owner, due date and status; the overdue ones marked.
    in_order(
        &run.stdout,
        &[
            "### Lyon",
            "| a-l1 | Send the exhibition catalogue | Joint | 2026-11-10 | open ⚠ |",
            "| a-l2 | Book the silk workshop venue | Chamber | 2026-12-01 | in progress |",
            "| a-l5 |",
            "o-l1",
            "o-l2",
            "### Tbilisi",
        ],
        "Lyon's plan",
    );
    run.stdout_lacks("a-l3")
        .stdout_lacks("a-l4")
        .stdout_lacks("o-t1");

    let (run, plan) = json_of(&ws, &["report", "roadmap", "--format", "json"]);
    let chambers: Vec<&Value> = plan["chambers"].as_array().unwrap().iter().collect();
    let names: Vec<&Value> = chambers.iter().map(|c| &c["joint_chamber"]).collect();
    assert_eq!(
        names,
        [
            &json!("Iran–Armenia Chamber of Commerce"),
            &json!("Iran–France Chamber of Commerce"),
            &Value::Null
        ],
        "{run}"
    );
    let cities: Vec<Vec<&str>> = chambers
        .iter()
        .map(|c| {
            c["cities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|city| city["slug"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        cities,
        [vec!["yerevan"], vec!["lyon", "tbilisi"], vec!["dakar"]],
        "{run}"
    );
    let lyon = &chambers[1]["cities"][0];
    assert_eq!(ids(&lyon["actions"]), ["a-l1", "a-l2", "a-l5"], "{run}");
    assert_eq!(lyon["actions"][0]["overdue"], true, "{run}");
    assert_eq!(ids(&lyon["opportunities"]), ["o-l1", "o-l2"], "{run}");
    assert_eq!(ids(&chambers[1]["cities"][1]["opportunities"]).len(), 0);
}

#[test]
fn roadmap_owner_filter_and_csv() {
    let ws = portfolio();
    let run = ws.run(&["report", "roadmap", "--owner", "chamber", "--format", "csv"]);
    run.code(0);
    let rows = csv_rows(&run.stdout);
    assert_eq!(
        rows[0],
        [
            "joint_chamber",
            "city",
            "type",
            "id",
            "title",
            "owner",
            "due",
            "status",
            "sector"
        ],
        "{run}"
    );
    let got: Vec<(&str, &str, &str)> = rows[1..].iter().map(|r| (r[1], r[2], r[3])).collect();
    assert_eq!(
        got,
        [
            ("yerevan", "action", "a-y1"),
            ("lyon", "action", "a-l2"),
            ("lyon", "action", "a-l5"),
            ("lyon", "opportunity", "o-l1"),
            ("dakar", "action", "a-d1"),
        ],
        "{run}"
    );
    for row in &rows[1..] {
        assert_eq!(row[5], "chamber", "owner column: {row:?}\n{run}");
    }

    // All owners: every open action and live opportunity, one row each.
    let all = ws.run(&["report", "roadmap", "--format", "csv"]);
    all.code(0);
    assert_eq!(csv_rows(&all.stdout).len(), 1 + 7 + 3, "{all}");
    all.stdout_has(
        "Iran–France Chamber of Commerce,lyon,action,a-l1,Send the exhibition catalogue,joint,2026-11-10,open,",
    )
    .stdout_has(",dakar,action,a-d1,Identify a facilitator,chamber,2026-12-05,open,");
}

#[test]
fn roadmap_city_is_repeatable() {
    let ws = portfolio();
    let (run, plan) = json_of(
        &ws,
        &[
            "report",
            "roadmap",
            "--city",
            "tbilisi",
            "--city",
            "ایروان",
            "--format",
            "json",
        ],
    );
    let cities: Vec<&str> = plan["chambers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cities"].as_array().unwrap())
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(cities, ["yerevan", "tbilisi"], "{run}");
    ws.run(&["report", "roadmap", "--city", "lyon", "--city", "nowhere"])
        .code(2)
        .stderr_has("nowhere");
    ws.run(&["report", "roadmap", "--format", "yaml"]).code(2);
}

#[test]
fn roadmap_city_named_twice_is_listed_once() {
    let ws = portfolio();
    let run = ws.run(&[
        "report", "roadmap", "--city", "lyon", "--city", "Lyon", "--format", "csv",
    ]);
    run.code(0);
    let a_l1 = run.stdout.lines().filter(|l| l.contains(",a-l1,")).count();
    assert_eq!(a_l1, 1, "{run}");
}

#[test]
fn roadmap_city_order_does_not_depend_on_the_flags() {
    let ws = portfolio();
    let run = ws.run(&["report", "roadmap", "--city", "tbilisi", "--city", "lyon"]);
    run.code(0);
    in_order(&run.stdout, &["### Lyon", "### Tbilisi"], "roadmap --city");
}

#[test]
fn roadmap_html_in_persian() {
    let ws = portfolio();
    let run = ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "--format",
        "html",
        "report",
        "roadmap",
    ]);
    run.code(0)
        .stdout_has("dir=\"rtl\"")
        .stdout_has("۱۴۰۵/۰۸/۱۹")
        .stdout_has("لیون");
    assert!(!run.stdout.contains("<script"), "{run}");
    assert!(!run.stdout.contains("<link"), "{run}");
}

// ---------------------------------------------------------------------------------------------
// report review

#[test]
fn review_brief_asks_the_unmet_requirements_and_lists_open_actions_and_reviews() {
    let ws = portfolio();
    let (run, brief) = json_of(&ws, &["report", "review", "lyon", "--format", "json"]);
    assert_eq!(
        brief["questions"],
        json!([
            "international_environment",
            "investment_readiness",
            "branding",
            "international_capacity"
        ]),
        "{run}"
    );
    assert_eq!(
        ids(&brief["open_actions"]),
        ["a-l1", "a-l2", "a-l5"],
        "{run}"
    );
    let reviews: Vec<&str> = brief["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(reviews, ["2026-11-15", "2026-10-01"], "{run}");

    let md = ws.run(&["report", "review", "لیون"]);
    md.code(0).stderr_empty();
    in_order(
        &md.stdout,
        &[
            "Lyon",
            "## Relationship",
            "## Representatives",
            "## Facilitators",
            "Shirin Tavakoli",
            "Omid Jafari",
            "## Contacts",
            "Cultural counsellor",
            "Embassy of France in Tehran",
            "## Readiness",
            "Monthly calls with the twinning office.",
            "2026-11-02",
            "## Questions for the session",
            "1. international environment",
            "2. investment readiness",
            "3. branding",
            "4. international capacity",
            "## Open actions",
            "a-l1",
            "a-l2",
            "a-l5",
            "## Opportunities",
            "Isfahan textiles at the Lyon silk fair",
            "## Past reviews",
            "2026-11-15: Second review",
            "2026-10-01: First review",
            "## Recent interactions",
            "Meeting on the week's first day",
        ],
        "review brief",
    );
    let questions = md
        .stdout
        .split("## Questions for the session")
        .nth(1)
        .and_then(|s| s.split("## Open actions").next())
        .unwrap();
    assert!(
        questions.contains('?'),
        "the unmet items are questions\n{md}"
    );
    assert!(
        !questions.contains("communication"),
        "met: no question\n{md}"
    );
    let open = md
        .stdout
        .split("## Open actions")
        .nth(1)
        .and_then(|s| s.split("## Opportunities").next())
        .unwrap();
    assert!(
        !open.contains("a-l3") && !open.contains("a-l4"),
        "done actions are not open\n{md}"
    );

    ws.run(&["report", "review", "nowhere"])
        .code(2)
        .stderr_has("nowhere");
    ws.run(&["report", "review", "lyn"])
        .code(2)
        .stderr_has("lyon");
}

#[test]
fn review_brief_of_a_minimal_dossier() {
    let ws = portfolio();
    ws.city(
        "porto.yaml",
        "slug: porto\nname: {en: Porto}\ncountry: PT\nrelationship: {kind: friendship, status: dormant}\nopportunities:\n  - {id: o-p1, title: Port wine fair, sector: food, stage: idea}\n",
    );
    for city in ["dakar", "porto"] {
        for format in ["markdown", "html"] {
            let run = ws.run(&["report", "review", city, "--format", format]);
            run.code(0).stdout_has("Questions for the session");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Privacy

#[test]
fn no_email_or_phone_in_any_report_or_list_unless_asked() {
    let ws = portfolio();
    ws.city("barcelona.yaml", BARCELONA);
    let mut commands: Vec<Vec<&str>> = Vec::new();
    for lang in [["--lang", "en"], ["--lang", "fa"]] {
        for format in ["markdown", "html", "json"] {
            let base = [&lang[..], &["--format", format]].concat();
            commands.push([&base[..], &["report", "weekly"]].concat());
            commands.push([&base[..], &["report", "weekly", "--last"]].concat());
            commands.push([&base[..], &["report", "roadmap"]].concat());
            commands.push([&base[..], &["report", "review", "lyon"]].concat());
            commands.push([&base[..], &["report", "review", "barcelona"]].concat());
        }
        commands.push([&lang[..], &["--format", "csv", "report", "roadmap"]].concat());
        for format in ["table", "json", "yaml", "csv", "markdown"] {
            let base = [&lang[..], &["--format", format]].concat();
            commands.push([&base[..], &["facilitator", "list"]].concat());
            commands.push([&base[..], &["facilitator", "list", "--gaps"]].concat());
            commands.push([&base[..], &["action", "list", "--all"]].concat());
            if format != "csv" {
                commands.push([&base[..], &["city", "show", "lyon"]].concat());
                commands.push([&base[..], &["city", "show", "barcelona"]].concat());
            }
            commands.push([&base[..], &["city", "list"]].concat());
        }
    }
    for args in &commands {
        let run = ws.run(args);
        assert_eq!(run.code, Some(0), "{run}");
        assert_private(&run);
    }

    // Asked for: the review brief, the facilitator list and the dossier show them.
    let brief = ws.run(&["report", "review", "lyon", "--include-contacts"]);
    brief
        .code(0)
        .stdout_has("shirin.tavakoli@example.org")
        .stdout_has("+98 912 555 0101")
        .stdout_has("counsellor@example.fr")
        .stdout_has("+98 21 5555 0202");
    let (run, brief) = json_of(
        &ws,
        &[
            "report",
            "review",
            "lyon",
            "--include-contacts",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        brief["facilitators"][0]["email"], "shirin.tavakoli@example.org",
        "{run}"
    );
    assert_eq!(brief["contacts"][0]["phone"], "+98 21 5555 0202", "{run}");
    ws.run(&["facilitator", "list", "--contacts"])
        .code(0)
        .stdout_has("shirin.tavakoli@example.org")
        .stdout_has("+98 912 555 0101");
    ws.run(&["city", "show", "lyon", "--contacts"])
        .code(0)
        .stdout_has("shirin.tavakoli@example.org")
        .stdout_has("counsellor@example.fr");
}

#[test]
fn no_contact_details_in_the_review_brief_file() {
    let ws = portfolio();
    let out = ws.root().join("brief.html");
    ws.run(&["report", "review", "lyon", "-o", out.to_str().unwrap()])
        .code(0);
    let html = std::fs::read_to_string(&out).expect("brief written");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    for secret in PRIVATE {
        assert!(!html.contains(secret), "{secret} in {html}");
    }
}
