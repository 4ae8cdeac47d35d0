//! `check`: the readiness checklist (spec §3), its JSON shape, exit codes and the workspace
//! override `templates/readiness.yaml`.

use serde_json::Value;

use crate::support::{FLORENCE, KAZAN, Run, Workspace};

const BUILTIN_IDS: [&str; 11] = [
    "communication",
    "international_environment",
    "diplomatic_support",
    "investment_readiness",
    "branding",
    "international_capacity",
    "active-facilitators",
    "representatives-named",
    "contact-within-days",
    "no-overdue-actions",
    "has-open-action",
];

fn items(check: &Value) -> Vec<(String, String, String)> {
    check["items"]
        .as_array()
        .unwrap_or_else(|| panic!("`items` should be an array in {check:#}"))
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap_or_default().to_owned(),
                i["status"].as_str().unwrap_or_default().to_owned(),
                i["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn only_city(run: &Run) -> Value {
    let json = run.json();
    let cities = json.as_array().unwrap_or_else(|| panic!("an array\n{run}"));
    assert_eq!(cities.len(), 1, "{run}");
    cities[0].clone()
}

#[test]
fn check_json_shape_and_builtin_items() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    let run = ws.run(&["check", "--format", "json"]);
    run.code(1).stderr_empty();
    let city = only_city(&run);
    for key in ["slug", "items", "met", "total"] {
        assert!(city.get(key).is_some(), "key {key} missing\n{run}");
    }
    assert_eq!(city["slug"], "florence", "{run}");
    assert_eq!(city["met"], 4, "{run}");
    assert_eq!(city["total"], 11, "{run}");
    let items = items(&city);
    let ids: Vec<&str> = items.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids, BUILTIN_IDS, "{run}");
    let statuses: Vec<&str> = items.iter().map(|(_, s, _)| s.as_str()).collect();
    assert_eq!(
        statuses,
        [
            "met",     // communication
            "unknown", // international_environment: not in the dossier
            "met",     // diplomatic_support
            "partial", // investment_readiness
            "unmet",   // branding
            "unknown", // international_capacity: not in the dossier
            "partial", // active-facilitators: 1 of 2
            "partial", // representatives-named: the Chamber's is missing
            "met",     // contact-within-days: 2026-11-20, 6 days ago
            "unmet",   // no-overdue-actions: a-late
            "met",     // has-open-action
        ],
        "{run}"
    );
    for (id, _, reason) in &items {
        assert!(!reason.trim().is_empty(), "item {id} has no reason\n{run}");
    }
    let reason = |id: &str| {
        items
            .iter()
            .find(|(i, _, _)| i == id)
            .map(|(_, _, r)| r.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        reason("active-facilitators"),
        "1 active facilitator, 2 required",
        "{run}"
    );
    assert!(reason("no-overdue-actions").contains("a-late"), "{run}");
    assert!(!reason("no-overdue-actions").contains("a-today"), "{run}");
}

#[test]
fn check_is_exit_1_when_an_item_is_unmet() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    let run = ws.run(&["check"]);
    run.code(1)
        .stdout_has("Florence")
        .stdout_has("1 active facilitator, 2 required");
}

#[test]
fn check_is_exit_0_when_every_item_is_met() {
    let ws = Workspace::with(&[("kazan.yaml", KAZAN)]);
    let run = ws.run(&["check", "--format", "json"]);
    run.code(0).stderr_empty();
    let city = only_city(&run);
    assert_eq!(city["met"], 11, "{run}");
    assert_eq!(city["total"], 11, "{run}");
    for (id, status, _) in items(&city) {
        assert_eq!(status, "met", "item {id}\n{run}");
    }
    ws.run(&["check"]).code(0);
    ws.run(&["check", "kazan"]).code(0);
}

#[test]
fn check_of_one_met_city_among_others_is_exit_0() {
    let ws = Workspace::with(&[("kazan.yaml", KAZAN), ("florence.yaml", FLORENCE)]);
    ws.run(&["check", "kazan"]).code(0);
    ws.run(&["check", "florence"]).code(1);
    let all = ws.run(&["check", "--format", "json"]);
    all.code(1);
    let json = all.json();
    let slugs: Vec<&str> = json
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["slug"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(slugs, ["florence", "kazan"], "{all}");
}

#[test]
fn contact_older_than_stale_after_days_is_unmet() {
    let ws = Workspace::with(&[("kazan.yaml", KAZAN)]);
    ws.file("diplomat.yaml", "stale_after_days: 90\n");
    ws.run(&["check"]).code(0);
    // Today's interaction moved back 91 days: 2026-08-27.
    let stale = KAZAN.replace("  - date: 2026-11-26", "  - date: 2026-08-27");
    ws.city("kazan.yaml", &stale);
    let run = ws.run(&["check", "--format", "json"]);
    run.code(1);
    let city = only_city(&run);
    let contact = items(&city)
        .into_iter()
        .find(|(id, _, _)| id == "contact-within-days")
        .unwrap_or_default();
    assert_eq!(contact.1, "unmet", "{run}");
    assert_eq!(city["met"], 10, "{run}");
}

#[test]
fn workspace_checklist_replaces_the_builtin_one() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    ws.file(
        "templates/readiness.yaml",
        "\
items:
  - id: communication
    title: {en: Communication, fa: ارتباط}
    requirement: communication
  - id: three-facilitators
    title: {en: Three active facilitators}
    rule: active-facilitators
    min: 3
",
    );
    let run = ws.run(&["check", "--format", "json"]);
    run.code(1).stderr_empty();
    let city = only_city(&run);
    assert_eq!(city["total"], 2, "{run}");
    assert_eq!(city["met"], 1, "{run}");
    let items = items(&city);
    assert_eq!(items[0].0, "communication", "{run}");
    assert_eq!(items[0].1, "met", "{run}");
    assert_eq!(items[1].0, "three-facilitators", "{run}");
    assert_eq!(items[1].1, "partial", "{run}");
    assert_eq!(items[1].2, "1 active facilitator, 3 required", "{run}");

    let list = ws.run(&["city", "list", "--format", "json"]);
    list.code(0);
    assert_eq!(
        list.json()[0]["readiness"],
        serde_json::json!({"met": 1, "total": 2}),
        "{list}"
    );
    ws.run(&["check"])
        .code(1)
        .stdout_has("Three active facilitators");
}

#[test]
fn workspace_checklist_that_all_cities_meet_is_exit_0() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    ws.file(
        "templates/readiness.yaml",
        "items:\n  - id: open\n    rule: has-open-action\n  - id: one-facilitator\n    rule: active-facilitators\n    min: 1\n",
    );
    let run = ws.run(&["check", "--format", "json"]);
    run.code(0);
    let city = only_city(&run);
    assert_eq!(city["met"], 2, "{run}");
    assert_eq!(city["total"], 2, "{run}");
}

#[test]
fn broken_workspace_checklist_is_a_located_error() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    let checklist = "items:\n  - id: open\n    rule: has-opne-action\n";
    ws.file("templates/readiness.yaml", checklist);
    let run = ws.run(&["check"]);
    run.code(2)
        .stderr_has("templates/readiness.yaml:3:11")
        .stderr_has("has-open-action");
    let validate = ws.run(&["validate"]);
    validate.code(1).stdout_has("templates/readiness.yaml:3:11");
    assert_eq!(
        std::fs::read(ws.root().join("templates/readiness.yaml")).unwrap(),
        checklist.as_bytes()
    );
}
