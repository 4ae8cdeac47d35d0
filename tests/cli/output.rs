//! What the read commands print: the JSON shapes spec §3 fixes, filters, language, calendar,
//! privacy of contact details, `summary` and `schema`.

use serde_json::{Value, json};

use crate::support::{BARCELONA, FLORENCE, KAZAN, Run, Workspace, XIAN};

fn portfolio() -> Workspace {
    Workspace::with(&[
        ("barcelona.yaml", BARCELONA),
        ("florence.yaml", FLORENCE),
        ("kazan.yaml", KAZAN),
        ("xian.yaml", XIAN),
    ])
}

fn slugs(run: &Run) -> Vec<String> {
    run.json()
        .as_array()
        .unwrap_or_else(|| panic!("an array\n{run}"))
        .iter()
        .map(|r| r["slug"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn row<'a>(rows: &'a Value, slug: &str) -> &'a Value {
    rows.as_array()
        .and_then(|rows| rows.iter().find(|r| r["slug"] == slug))
        .unwrap_or_else(|| panic!("no row for {slug} in {rows:#}"))
}

#[test]
fn city_list_json_has_every_key_of_the_spec() {
    let ws = portfolio();
    let run = ws.run(&["city", "list", "--format", "json"]);
    run.code(0).stderr_empty();
    let rows = run.json();
    assert_eq!(
        slugs(&run),
        ["barcelona", "florence", "kazan", "xian"],
        "{run}"
    );
    let keys = [
        "slug",
        "name",
        "country",
        "status",
        "signed",
        "readiness",
        "active_facilitators",
        "last_contact",
        "open_actions",
        "overdue_actions",
    ];
    for r in rows.as_array().unwrap() {
        for key in keys {
            assert!(r.get(key).is_some(), "key {key} missing in {r:#}");
        }
        for key in ["en", "fa", "local"] {
            assert!(r["name"].get(key).is_some(), "name.{key} missing in {r:#}");
        }
        for key in ["met", "total"] {
            assert!(
                r["readiness"][key].is_u64(),
                "readiness.{key} missing in {r:#}"
            );
        }
    }

    let florence = row(&rows, "florence");
    assert_eq!(florence["slug"], "florence");
    assert_eq!(
        florence["name"],
        json!({"en": "Florence", "fa": "فلورانس", "local": "Firenze"})
    );
    assert_eq!(florence["country"], "IT");
    assert_eq!(florence["status"], "active");
    assert_eq!(florence["signed"], "1998-03");
    assert_eq!(florence["readiness"], json!({"met": 4, "total": 11}));
    assert_eq!(florence["active_facilitators"], 1);
    // 2026-12-05 is after today: the last contact is 2026-11-20.
    assert_eq!(florence["last_contact"], "2026-11-20");
    // a-late, a-today, a-later, a-stuck; a-done and a-dropped are not open.
    assert_eq!(florence["open_actions"], 4);
    // Only a-late (due 2026-11-01); a-today is due today, not before it.
    assert_eq!(florence["overdue_actions"], 1);

    let kazan = row(&rows, "kazan");
    assert_eq!(kazan["signed"], "2016");
    assert_eq!(kazan["readiness"], json!({"met": 11, "total": 11}));
    assert_eq!(kazan["active_facilitators"], 2);
    assert_eq!(kazan["last_contact"], "2026-11-26");
    assert_eq!(kazan["open_actions"], 1);
    assert_eq!(kazan["overdue_actions"], 0);

    // Absent values are null.
    let xian = row(&rows, "xian");
    assert_eq!(
        xian["name"],
        json!({"en": "Xi'an", "fa": "شیان", "local": "西安"})
    );
    assert_eq!(xian["signed"], "1989-05-07");
    assert_eq!(xian["last_contact"], Value::Null);
    assert_eq!(xian["active_facilitators"], 0);
    assert_eq!(xian["open_actions"], 0);
    assert_eq!(xian["overdue_actions"], 0);
    assert_eq!(xian["status"], "dormant");
}

#[test]
fn city_list_json_names_without_local_are_null() {
    let ws = Workspace::with(&[(
        "oslo.yaml",
        "slug: oslo\nname:\n  en: Oslo\ncountry: NO\nrelationship:\n  kind: proposed\n  status: proposed\n",
    )]);
    let run = ws.run(&["city", "list", "--format", "json"]);
    run.code(0);
    let rows = run.json();
    assert_eq!(
        rows[0]["name"],
        json!({"en": "Oslo", "fa": null, "local": null}),
        "{run}"
    );
    assert_eq!(rows[0]["signed"], Value::Null, "{run}");
}

#[test]
fn city_list_json_with_a_broken_dossier_is_still_json() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let broken = "slug: broken\nname: [a]\n";
    ws.city("broken.yaml", broken);
    let run = ws.run(&["city", "list", "--format", "json"]);
    run.code(0).stderr_has("warning: cities/broken.yaml:2:7");
    assert_eq!(slugs(&run), ["barcelona"], "{run}");
    assert_eq!(ws.read_city("broken.yaml"), broken.as_bytes());
}

#[test]
fn city_list_table_shows_the_counts() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    let run = ws.run(&["city", "list"]);
    run.code(0).stderr_empty();
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains(" florence "))
        .unwrap_or_else(|| panic!("no florence row\n{run}"));
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "florence",
            "Florence",
            "IT",
            "active",
            "1998-03",
            "4/11",
            "1",
            "2026-11-20",
            "4",
            "1"
        ],
        "{run}"
    );
}

#[test]
fn city_list_filters() {
    let ws = portfolio();
    let list = |args: &[&str]| {
        let mut all = vec!["city", "list", "--format", "json"];
        all.extend_from_slice(args);
        let run = ws.run(&all);
        run.code(0).stderr_empty();
        slugs(&run)
    };
    assert_eq!(list(&["--status", "active"]), ["florence", "kazan"]);
    assert_eq!(list(&["--status", "dormant"]), ["xian"]);
    assert_eq!(list(&["--status", "suspended"]), Vec::<String>::new());
    assert_eq!(list(&["--country", "IT"]), ["florence"]);
    assert_eq!(list(&["--country", "RU"]), ["kazan"]);
    assert_eq!(
        list(&["--sector", "handicrafts"]),
        ["barcelona", "florence"]
    );
    assert_eq!(list(&["--sector", "tourism"]), ["barcelona", "kazan"]);
    assert_eq!(
        list(&["--sector", "tourism", "--status", "active"]),
        ["kazan"]
    );
    assert_eq!(
        list(&["--country", "ES", "--status", "active"]),
        Vec::<String>::new()
    );
}

#[test]
fn city_list_filter_with_a_bad_status_is_exit_2() {
    let ws = portfolio();
    let run = ws.run(&["city", "list", "--status", "actve"]);
    run.code(2).stderr_has("actve");
    assert!(run.stdout.is_empty(), "{run}");
}

#[test]
fn city_list_table_filter() {
    let ws = portfolio();
    let run = ws.run(&["city", "list", "--status", "dormant"]);
    run.code(0)
        .stdout_has(" xian ")
        .stdout_lacks(" barcelona ")
        .stdout_lacks(" kazan ")
        .stdout_lacks(" florence ");
}

#[test]
fn lang_fa_uses_persian_digits_and_names() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE), ("kazan.yaml", KAZAN)]);
    let run = ws.run(&["--lang", "fa", "city", "list"]);
    run.code(0).stderr_empty();
    run.stdout_has("فلورانس")
        .stdout_has("کازان")
        .stdout_has("۴/۱۱")
        .stdout_has("۱۱/۱۱")
        .stdout_has("۲۰۲۶")
        .stdout_lacks("Florence");
    assert!(
        !run.stdout.bytes().any(|b| b.is_ascii_digit()),
        "no ASCII digit with --lang fa\n{run}"
    );
}

#[test]
fn calendar_jalali_shows_solar_hijri_dates() {
    let ws = Workspace::with(&[("kazan.yaml", KAZAN)]);
    // Kazan's last contact is today, 2026-11-26 = 5 Azar 1405.
    let run = ws.run(&["--calendar", "jalali", "city", "list"]);
    run.code(0)
        .stderr_empty()
        .stdout_has("1405/09/05")
        .stdout_lacks("2026-11-26");
    let show = ws.run(&["--calendar", "jalali", "city", "show", "kazan"]);
    show.code(0).stdout_has("1405/09/05");
    let fa = ws.run(&["--calendar", "jalali", "--lang", "fa", "city", "list"]);
    fa.code(0).stdout_has("۱۴۰۵/۰۹/۰۵");
}

#[test]
fn calendar_and_language_come_from_the_settings() {
    let ws = Workspace::with(&[("kazan.yaml", KAZAN)]);
    ws.file("diplomat.yaml", "language: fa\ncalendar: jalali\n");
    let run = ws.run(&["city", "list"]);
    run.code(0).stderr_empty().stdout_has("۱۴۰۵/۰۹/۰۵");
    // A flag overrides the setting.
    ws.run(&["--lang", "en", "--calendar", "gregorian", "city", "list"])
        .code(0)
        .stdout_has("2026-11-26");
}

const PRIVATE: [&str; 4] = [
    "maryam.rahimi@example.org",
    "+98 913 000 1111",
    "counsellor@example.it",
    "+98 21 0000 2222",
];

#[test]
fn city_show_hides_contact_details() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    for format in ["table", "markdown", "json", "yaml"] {
        let run = ws.run(&["city", "show", "florence", "--format", format]);
        run.code(0).stdout_has("Maryam Rahimi");
        for detail in PRIVATE {
            run.stdout_lacks(detail);
            assert!(!run.stderr.contains(detail), "{run}");
        }
    }
}

#[test]
fn city_show_contacts_flag_shows_them() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    let table = ws.run(&["city", "show", "florence", "--contacts"]);
    table.code(0);
    for detail in PRIVATE {
        table.stdout_has(detail);
    }
    let run = ws.run(&["city", "show", "florence", "--contacts", "--format", "json"]);
    run.code(0);
    let json = run.json();
    assert_eq!(
        json["facilitators"][0]["contact"],
        json!({"email": "maryam.rahimi@example.org", "phone": "+98 913 000 1111"}),
        "{run}"
    );
    assert_eq!(
        json["contacts"][0]["contact"]["email"], "counsellor@example.it",
        "{run}"
    );
}

#[test]
fn city_list_never_shows_contact_details() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    for format in ["table", "json", "yaml", "csv", "markdown"] {
        let run = ws.run(&["city", "list", "--format", format]);
        run.code(0);
        for detail in PRIVATE {
            run.stdout_lacks(detail);
        }
    }
}

#[test]
fn city_show_json_is_the_dossier_data() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let run = ws.run(&["city", "show", "barcelona", "--format", "json"]);
    run.code(0).stderr_empty();
    let json = run.json();
    assert_eq!(json["slug"], "barcelona", "{run}");
    assert_eq!(json["relationship"]["signed"], "2000-01-14", "{run}");
    assert_eq!(json["actions"][1]["done"], "2026-10-28", "{run}");
    assert_eq!(json["x-budget-line"], "1405-intl-07", "{run}");
    assert_eq!(
        json["sectors"],
        json!(["tourism", "handicrafts", "urban-planning", "culture"]),
        "{run}"
    );
}

#[test]
fn summary_json_parses() {
    let ws = portfolio();
    let run = ws.run(&["summary", "--format", "json"]);
    run.code(0).stderr_empty();
    let json = run.json();
    assert!(json.is_object() || json.is_array(), "{run}");
    ws.run(&["summary"]).code(0).stdout_has("kazan");
}

#[test]
fn schema_is_draft_07_json() {
    let ws = Workspace::new();
    let run = ws.run(&["schema"]);
    run.code(0).stderr_empty();
    let json = run.json();
    let schema = json["$schema"].as_str().unwrap_or_default();
    assert!(schema.contains("draft-07"), "$schema is {schema:?}\n{run}");
    assert_eq!(json["type"], "object", "{run}");
    assert!(json["properties"]["slug"].is_object(), "{run}");
    assert!(json["properties"]["relationship"].is_object(), "{run}");
}

#[test]
fn html_format_is_refused_for_lists() {
    let ws = portfolio();
    let run = ws.run(&["city", "list", "--format", "html"]);
    run.code(2);
    assert!(run.stdout.is_empty(), "{run}");
}
