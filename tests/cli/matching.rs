//! Issue 29 points 3, 4 and 6: a city's working languages (named, or its country's likely
//! language from CLDR), `facilitator match` ranking the pool and the facilitators of other
//! cities for a city with reasons, and where the ranking shows (`check`, `facilitator list
//! --gaps`, the weekly report).

use crate::support::{Workspace, minimal};

const XIAN: &str = "slug: xian\nname:\n  en: \"Xi'an\"\n  fa: شی‌آن\n  local: 西安\ncountry: CN\n# the partner's working languages\nrelationship:\n  kind: sister-city\n  status: dormant\n";

// ---------------------------------------------------------------------------------------------
// A city's languages

const SET_ZH_EN: &[&str] = &[
    "city",
    "set",
    "xian",
    "--language",
    "zh",
    "--language",
    "en",
];

#[test]
fn city_set_language_writes_only_its_line_and_says_a_no_op() {
    let ws = Workspace::with(&[("xian.yaml", XIAN)]);
    ws.run(SET_ZH_EN)
        .code(0)
        .stderr_has("updated the relationship with `xian`: languages");
    let after = String::from_utf8(ws.read_city("xian.yaml")).unwrap();
    assert_eq!(
        after,
        XIAN.replace("country: CN\n", "country: CN\nlanguages: [zh, en]\n")
    );
    let again = ws.run(SET_ZH_EN);
    again
        .code(0)
        .stderr_has("already has these values; nothing changed");
    assert_eq!(String::from_utf8(ws.read_city("xian.yaml")).unwrap(), after);
    // An empty one removes the list: the country's likely language again.
    ws.run(&["city", "set", "xian", "--language", ""]).code(0);
    assert_eq!(String::from_utf8(ws.read_city("xian.yaml")).unwrap(), XIAN);
}

#[test]
fn city_set_refuses_a_language_name_with_nothing_changed() {
    let ws = Workspace::with(&[("xian.yaml", XIAN)]);
    let run = ws.run(&["city", "set", "xian", "--language", "Chinese"]);
    run.code(2);
    insta::assert_snapshot!(run.stderr, @r"
    error: `Chinese` given to `--language` is not a language code
      = help: give each language by its code (ISO 639), e.g. `--language es --language ca` for Spanish and Catalan
    ");
    assert_eq!(String::from_utf8(ws.read_city("xian.yaml")).unwrap(), XIAN);
    let fa = ws.run(&[
        "--lang",
        "fa",
        "city",
        "set",
        "xian",
        "--language",
        "Chinese",
    ]);
    fa.code(2).stderr_has("کد زبان نیست");
}

#[test]
fn city_show_gives_the_named_languages_or_the_countrys_likely_one() {
    let ws = Workspace::with(&[
        ("xian.yaml", XIAN),
        (
            "barcelona.yaml",
            &minimal("barcelona", "Barcelona", "بارسلون", "Barcelona", "ES")
                .replace("country: ES\n", "country: ES\nlanguages: [es, ca]\n"),
        ),
    ]);
    let xian = ws.run(&["city", "show", "xian"]);
    xian.code(0)
        .stdout_has("  languages: Chinese (zh) (the country's likely language)\n");
    let barcelona = ws.run(&["city", "show", "barcelona"]);
    barcelona
        .code(0)
        .stdout_has("  languages: Spanish (es), Catalan (ca)\n")
        .stdout_lacks("likely");
    let fa = ws.run(&["--lang", "fa", "city", "show", "xian"]);
    fa.code(0)
        .stdout_has("زبان‌ها: \u{2068}چینی (zh)\u{2069} (زبان محتمل کشور)");
    // JSON is the dossier's own data: the list as written, none when none is.
    assert_eq!(
        ws.run(&["city", "show", "barcelona", "--format", "json"])
            .json()["languages"],
        serde_json::json!(["es", "ca"])
    );
    assert!(ws.run(&["city", "show", "xian", "--format", "json"]).json()["languages"].is_null());
}

#[test]
fn a_language_name_in_a_dossier_is_a_located_error() {
    let ws = Workspace::with(&[(
        "xian.yaml",
        &XIAN.replace("country: CN\n", "country: CN\nlanguages: [zh, Mandarin]\n"),
    )]);
    let run = ws.run(&["validate"]);
    run.code(1);
    insta::assert_snapshot!(run.stdout, @r"
    error: cities/xian.yaml:7:17: `Mandarin` in `languages` is not a language code
      |
    7 | languages: [zh, Mandarin]
      |                 ^^^^^^^^
      = help: write each language by its code (ISO 639), e.g. `[es, ca]` for Spanish and Catalan

    1 problem in 1 of 1 files
    ");
}

#[test]
fn the_schema_and_fmt_know_the_languages() {
    let ws = Workspace::with(&[(
        "xian.yaml",
        &XIAN.replace(
            "  status: dormant\n",
            "  status: dormant\nlanguages: [zh]\n",
        ),
    )]);
    let schema = ws.run(&["schema"]).json();
    assert_eq!(
        schema["properties"]["languages"]["type"],
        serde_json::json!(["array", "null"])
    );
    ws.run(&["fmt"]).code(0);
    let after = String::from_utf8(ws.read_city("xian.yaml")).unwrap();
    assert!(
        after.contains(
            "country: CN\n# the partner's working languages\nlanguages: [zh]\nrelationship:"
        ) || after.contains("country: CN\nlanguages: [zh]\n"),
        "{after}"
    );
}
