//! `facilitator list` and `action list` (spec §3): one row per person across dossiers, the gap
//! of cities with no active facilitator, the joint action plan, their filters, formats,
//! languages and privacy.
//!
//! Fixture: the spec's example dossier (Barcelona), Dakar (no facilitator, one action) and Porto
//! (the example facilitator again, with another status and e-mail; Maryam Rahimi; a blocked
//! overdue action, one without a due date, a dropped one). Today is 2026-11-26.

use std::io::{BufRead, BufReader};

use serde_json::{Value, json};

use crate::support::{BARCELONA, Run, Workspace};

const DAKAR: &str = "slug: dakar\nname: {en: Dakar, fa: داکار}\ncountry: SN\nrelationship: {kind: sister-city, status: proposed}\nactions:\n  - {id: a-d1, title: Identify a facilitator, owner: chamber, due: 2026-12-15, status: in-progress}\n";

const PORTO: &str = r#"slug: porto
name: {en: Porto, fa: پورتو}
country: PT
relationship: {kind: friendship, status: dormant}
facilitators:
  - {id: example-facilitator, name: Example Facilitator, name_fa: تسهیل‌گر نمونه, languages: [pt, en], expertise: [wine trade], connection: Lived in Porto for ten years., status: prospective, contact: {email: other@example.org}}
  - {id: maryam-rahimi, name: Maryam Rahimi, name_fa: مریم رحیمی, languages: [pt, fa], expertise: [handicrafts], status: active}
actions:
  - {id: a-p1, title: "Write to the mayor's office, again", owner: municipality, due: 2026-11-20, status: blocked}
  - {id: a-p2, title: Draft a cultural week programme, owner: joint, status: open}
  - {id: a-p3, title: Old task, owner: chamber, due: 2026-01-10, status: dropped}
"#;

fn workspace() -> Workspace {
    Workspace::with(&[
        ("barcelona.yaml", BARCELONA),
        ("dakar.yaml", DAKAR),
        ("porto.yaml", PORTO),
    ])
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value:#}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn json_rows(run: &Run) -> Vec<Value> {
    run.json()
        .as_array()
        .unwrap_or_else(|| panic!("an array\n{run}"))
        .clone()
}

/// Column `column` of every CSV data row (header skipped). The columns read here (ids, slugs)
/// never hold commas or quotes.
fn csv_column(run: &Run, column: usize) -> Vec<String> {
    let mut lines = run.stdout.lines();
    assert!(lines.next().is_some(), "a header row\n{run}");
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split(',')
                .nth(column)
                .unwrap_or_else(|| panic!("column {column} in {l:?}\n{run}"))
                .to_owned()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// facilitator list

#[test]
fn facilitator_list_json_one_row_per_person() {
    let ws = workspace();
    let run = ws.run(&["facilitator", "list", "--format", "json"]);
    run.code(0);
    let rows = json_rows(&run);
    assert_eq!(rows.len(), 2, "{run}");
    assert_eq!(
        rows[0],
        json!({
            "id": "example-facilitator",
            "name": "Example Facilitator",
            "name_fa": "تسهیل‌گر نمونه",
            "cities": ["barcelona", "porto"],
            "languages": ["es", "ca", "en", "fa", "pt"],
            "expertise": ["architecture", "tourism", "wine trade"],
            "status": "active",
        }),
        "{run}"
    );
    assert_eq!(rows[1]["id"], "maryam-rahimi", "{run}");
    assert_eq!(rows[1]["cities"], json!(["porto"]), "{run}");
    for row in &rows {
        assert_eq!(
            keys(row),
            [
                "id",
                "name",
                "name_fa",
                "cities",
                "languages",
                "expertise",
                "status"
            ],
            "{run}"
        );
    }
    run.stdout_lacks("email")
        .stdout_lacks("phone")
        .stdout_lacks("@")
        .stdout_lacks("0000");
    // The two dossiers disagree on the person's status: a warning names both.
    run.stderr_has("example-facilitator")
        .stderr_has("`active` in `barcelona`")
        .stderr_has("`prospective` in `porto`");
    assert!(!run.stderr.contains('@'), "{run}");

    let quiet = ws.run(&["-q", "facilitator", "list", "--format", "json"]);
    quiet.code(0).stderr_empty();
    assert_eq!(quiet.json(), run.json());
}

#[test]
fn facilitator_list_contacts_only_when_asked() {
    let ws = workspace();
    let run = ws.run(&["facilitator", "list", "--contacts", "--format", "json"]);
    run.code(0);
    let rows = json_rows(&run);
    assert_eq!(rows[0]["email"], "facilitator@example.org", "{run}");
    assert_eq!(rows[0]["phone"], "+98 31 0000 0000", "{run}");
    assert_eq!(rows[1]["email"], Value::Null, "{run}");
    assert_eq!(rows[1]["phone"], Value::Null, "{run}");
    assert!(
        rows[1].get("email").is_some() && rows[1].get("phone").is_some(),
        "{run}"
    );
    // The other dossier's e-mail is never repeated in a warning.
    assert!(!run.stderr.contains('@'), "{run}");

    for format in ["table", "csv", "markdown", "yaml"] {
        ws.run(&["facilitator", "list", "--contacts", "--format", format])
            .code(0)
            .stdout_has("facilitator@example.org")
            .stdout_has("+98 31 0000 0000");
        let private = ws.run(&["facilitator", "list", "--format", format]);
        private.code(0).stdout_lacks("@").stdout_lacks("0000 0000");
        assert!(!private.stderr.contains('@'), "{private}");
    }
}

#[test]
fn facilitator_list_table_footer_counts_and_names_the_gap() {
    let ws = workspace();
    let run = ws.run(&["-q", "facilitator", "list"]);
    run.code(0)
        .stdout_has("example-facilitator")
        .stdout_has("maryam-rahimi")
        .stdout_has("2 facilitators")
        .stdout_has("cities with no active facilitator: Dakar");
    let fa = ws.run(&["-q", "--lang", "fa", "facilitator", "list"]);
    fa.code(0)
        .stdout_has("۲ تسهیل‌گر")
        .stdout_has("شهرهای بدون تسهیل‌گر فعال: داکار");
}

#[test]
fn facilitator_list_gaps() {
    let ws = workspace();
    let run = ws.run(&["facilitator", "list", "--gaps", "--format", "json"]);
    run.code(0);
    assert_eq!(
        run.json(),
        json!([{"slug": "dakar", "name": {"en": "Dakar", "fa": "داکار", "local": null}, "speakers": 0, "best": null}]),
        "{run}"
    );
    ws.run(&["facilitator", "list", "--gaps"])
        .code(0)
        .stdout_has("dakar")
        .stdout_has("Dakar");
    ws.run(&["facilitator", "list", "--gaps", "--contacts"])
        .code(2);
}

#[test]
fn facilitator_list_filters() {
    let ws = workspace();
    let ids = |filter: &[&str]| -> Vec<String> {
        let args = [
            &["-q", "facilitator", "list", "--format", "csv"][..],
            filter,
        ]
        .concat();
        let run = ws.run(&args);
        run.code(0);
        csv_column(&run, 0)
    };
    assert_eq!(ids(&["--city", "بارسلون"]), ["example-facilitator"]);
    assert_eq!(
        ids(&["--language", "PT"]),
        ["example-facilitator", "maryam-rahimi"]
    );
    assert_eq!(ids(&["--expertise", "Wine-Trade"]), ["example-facilitator"]);
    // Arabic yeh (ي) finds the Persian yeh (ی).
    assert_eq!(ids(&["--search", "رحيمي"]), ["maryam-rahimi"]);
    // Porto's connection text counts too.
    assert_eq!(ids(&["--search", "ten years"]), ["example-facilitator"]);
    assert_eq!(
        ids(&["--status", "active"]),
        ["example-facilitator", "maryam-rahimi"]
    );
    assert!(ids(&["--status", "inactive"]).is_empty());
    assert!(ids(&["--city", "dakar"]).is_empty());

    ws.run(&["facilitator", "list", "--city", "barcelna"])
        .code(2)
        .stderr_has("barcelna")
        .stderr_has("did you mean `barcelona`");
}

// ---------------------------------------------------------------------------------------------
// action list

#[test]
fn action_list_json_open_actions_by_due_date() {
    let ws = workspace();
    let run = ws.run(&["action", "list", "--format", "json"]);
    run.code(0).stderr_empty();
    let rows = json_rows(&run);
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["city"].as_str().unwrap(), r["id"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("porto", "a-p1"),
            ("barcelona", "a-7k2m"),
            ("dakar", "a-d1"),
            ("porto", "a-p2")
        ],
        "{run}"
    );
    assert_eq!(
        rows[0],
        json!({"city": "porto", "id": "a-p1", "title": "Write to the mayor's office, again",
               "owner": "municipality", "due": "2026-11-20", "status": "blocked", "overdue": true}),
        "{run}"
    );
    assert_eq!(rows[1]["overdue"], false, "{run}");
    assert_eq!(rows[2]["status"], "in-progress", "{run}");
    assert_eq!(rows[3]["due"], Value::Null, "{run}");
    for row in &rows {
        assert_eq!(
            keys(row),
            ["city", "id", "title", "owner", "due", "status", "overdue"],
            "{run}"
        );
    }
}

#[test]
fn action_list_filters() {
    let ws = workspace();
    let ids = |filter: &[&str]| -> Vec<String> {
        let args = [&["action", "list", "--format", "csv"][..], filter].concat();
        let run = ws.run(&args);
        run.code(0);
        csv_column(&run, 1)
    };
    assert_eq!(ids(&["--all"]).len(), 6);
    assert_eq!(
        ids(&["--status", "done", "--status", "dropped"]),
        ["a-p3", "a-q3xh"]
    );
    assert_eq!(ids(&["--overdue"]), ["a-p1"]);
    assert_eq!(ids(&["--owner", "joint"]), ["a-7k2m", "a-p2"]);
    assert_eq!(ids(&["--city", "پورتو"]), ["a-p1", "a-p2"]);
    // Strictly before the date; no due date: left out.
    assert_eq!(ids(&["--due-before", "2026-12-15"]), ["a-p1"]);
    // ۱۴۰۵/۰۹/۲۵ is 2026-12-16.
    assert_eq!(
        ids(&["--due-before", "۱۴۰۵/۰۹/۲۵"]),
        ["a-p1", "a-7k2m", "a-d1"]
    );
    assert_eq!(
        ids(&["--owner", "chamber", "--all"]),
        ["a-p3", "a-q3xh", "a-d1"]
    );

    ws.run(&["action", "list", "--due-before", "2026-13-01"])
        .code(2)
        .stderr_has("is not a date");
    ws.run(&["action", "list", "--city", "nowhere"])
        .code(2)
        .stderr_has("nowhere");
    ws.run(&["action", "list", "--owner", "mayor"]).code(2);
}

#[test]
fn action_list_table_marks_overdue_and_counts_hidden() {
    let ws = workspace();
    let run = ws.run(&["action", "list"]);
    run.code(0)
        .stdout_has("a-p1")
        .stdout_has("6 days")
        .stdout_has("4 actions, 1 overdue")
        .stdout_has("2 done or dropped not shown")
        .stdout_lacks("a-p3");
}

#[test]
fn action_list_in_persian_with_the_solar_hijri_calendar() {
    let ws = workspace();
    let run = ws.run(&["--lang", "fa", "--calendar", "jalali", "action", "list"]);
    run.code(0)
        .stdout_has("۱۴۰۵/۰۸/۲۹")
        .stdout_has("شهرداری")
        .stdout_lacks("2026-11-20");
}

/// A dossier with many actions, so that the listing is far larger than a pipe's buffer.
fn many_actions() -> String {
    let mut text = String::from(
        "slug: lisbon\nname: {en: Lisbon}\ncountry: PT\nrelationship: {kind: sister-city, status: active}\nactions:\n",
    );
    for i in 0..1500 {
        text.push_str(&format!(
            "  - {{id: a-{i:04}, title: Generated action number {i} of a long joint plan, owner: joint, due: 2026-12-{:02}, status: open}}\n",
            i % 28 + 1
        ));
    }
    text
}

/// Runs `diplomat ARGS | head -1`: reads one line, then closes the pipe.
fn head_1(ws: &Workspace, args: &[&str]) {
    let mut child = crate::support::spawn_piped(ws, args);
    let stdout = child.stdout.take().expect("stdout piped");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a first line");
    assert!(!first.is_empty(), "`{}` printed a line", args.join(" "));
    // The reader is dropped here: the pipe is closed.
    let output = child.wait_with_output().expect("the binary ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "`{} | head -1`: {:?}, stderr:\n{stderr}",
        args.join(" "),
        output.status
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "`{} | head -1` stderr:\n{stderr}",
        args.join(" ")
    );
}

#[test]
fn lists_into_a_closed_pipe_end_quietly() {
    let ws = workspace();
    head_1(&ws, &["action", "list", "--all"]);
    ws.city("lisbon.yaml", many_actions());
    head_1(&ws, &["action", "list", "--all"]);
    head_1(&ws, &["action", "list", "--format", "json"]);
    head_1(&ws, &["-q", "facilitator", "list"]);
    head_1(&ws, &["report", "weekly", "--format", "json"]);
    head_1(&ws, &["report", "roadmap"]);
}
