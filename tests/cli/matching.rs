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

// ---------------------------------------------------------------------------------------------
// facilitator match

/// Xi'an (no languages named: China's likely language, Chinese; sectors and an open
/// opportunity), with a prospective facilitator who took part in a call.
const XIAN_FULL: &str = "slug: xian\nname:\n  en: \"Xi'an\"\n  fa: شی‌آن\n  local: 西安\ncountry: CN\nrelationship:\n  kind: sister-city\n  status: dormant\nsectors: [tourism, heritage]\nfacilitators:\n  - id: mehdi-zand\n    name: Mehdi Zand\n    name_fa: مهدی زند\n    languages: [zh, en]\n    expertise: [logistics]\n    connection: Imports machinery from Shaanxi; visits Xi'an twice a year.\n    status: prospective\ninteractions:\n  - date: 2026-06-10\n    kind: call\n    title: Call with the foreign affairs office\n    with: [mehdi-zand]\nopportunities:\n  - id: o-3f9q\n    title: Trade office\n    sector: trade\n    stage: exploring\n  - id: o-lost\n    title: Old idea\n    sector: mining\n    stage: lost\n";

/// Kazan and Yerevan share an active facilitator (she serves two cities); Kazan has one more,
/// active, who speaks Chinese and names China; Yerevan an inactive one, never considered.
const KAZAN: &str = "slug: kazan\nname:\n  en: Kazan\n  fa: کازان\n  local: Казань\ncountry: RU\nrelationship:\n  kind: sister-city\n  status: active\nfacilitators:\n  - id: maryam-ahmadi\n    name: Maryam Ahmadi\n    languages: [ru, fa]\n    expertise: [trade]\n    status: active\n  - id: reza-tavakoli\n    name: Reza Tavakoli\n    name_fa: رضا توکلی\n    languages: [ZH, ru]\n    connection: Ten years in a trading house in China.\n    status: active\ninteractions:\n  - date: 2026-10-01\n    kind: meeting\n    title: Food fair\n    with: [maryam-ahmadi, reza-tavakoli]\n";
const YEREVAN: &str = "slug: yerevan\nname:\n  en: Yerevan\n  fa: ایروان\n  local: Երևան\ncountry: AM\nrelationship:\n  kind: sister-city\n  status: active\nfacilitators:\n  - id: maryam-ahmadi\n    name: Maryam Ahmadi\n    languages: [hy]\n    status: active\n  - id: old-hand\n    name: Old Hand\n    languages: [zh]\n    status: inactive\n";

/// The pool: one who meets every criterion but experience (her connection in Persian), one
/// who speaks Chinese only, one who named Xi'an but speaks no Chinese, one with nothing, and
/// their contact details (never shown).
const POOL: &str = "# sign-ups\ncandidates:\n  - id: li-hosseini\n    name: Li Hosseini\n    name_fa: لی حسینی\n    languages: [zh-Hans, fa]\n    expertise: [Tourism marketing]\n    connection: در شی آن زبان چینی خوانده است\n    interests: [xian]\n    signed_up: 2026-11-20\n    contact:\n      email: li@example.org\n      phone: \"+98 913 000 0000\"\n  - id: wang-fa\n    name: Wang Farahani\n    languages: [zh]\n    signed_up: 2026-11-01\n  - id: omid-rahmani\n    name: Omid Rahmani\n    languages: [en]\n    expertise: [trade]\n    connection: Restored caravanserais on the Silk Road.\n    interests: [xian, kazan]\n  - id: ana-sadeghi\n    name: Ana Sadeghi\n    languages: [es]\n";

/// A research station's file: a country (Antarctica) CLDR knows no language for.
const STATION: &str = "slug: station\nname:\n  en: Station\n  fa: ایستگاه\ncountry: AQ\nrelationship:\n  kind: proposed\n  status: proposed\n";

fn team() -> Workspace {
    let ws = Workspace::with(&[
        ("xian.yaml", XIAN_FULL),
        ("kazan.yaml", KAZAN),
        ("yerevan.yaml", YEREVAN),
        ("station.yaml", STATION),
    ]);
    ws.file("pool.yaml", POOL);
    ws
}

fn ranked(ws: &Workspace, args: &[&str]) -> Vec<(String, u64)> {
    let all = [
        &["facilitator", "match", "xian"],
        args,
        &["--format", "json"],
    ]
    .concat();
    let run = ws.run(&all);
    run.code(0);
    run.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap().to_owned(),
                m["score"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// What `facilitator match` says with the pool read through the cache, as a fresh parse says it.
fn matched(ws: &Workspace, cache: bool) -> String {
    let args = [
        "facilitator",
        "match",
        "xian",
        "--limit",
        "0",
        "--format",
        "json",
    ];
    let args = [&["--no-cache"][..usize::from(!cache)], &args[..]].concat();
    let run = ws.run(&args);
    run.code(0);
    run.stdout.clone()
}

#[test]
fn the_cached_pool_answers_as_a_fresh_parse_and_an_edited_pool_is_read_again() {
    let ws = team();
    let cached = ws.root().join(".diplomat/cache/pool.bin");
    let fresh = matched(&ws, false);
    assert!(!cached.exists(), "`--no-cache` writes no cache");
    assert_eq!(matched(&ws, true), fresh, "parsed, then stored");
    assert!(cached.exists());
    assert_eq!(matched(&ws, true), fresh, "read from the cache");
    // The same size, another name: the bytes are what counts.
    ws.file("pool.yaml", POOL.replace("Wang Farahani", "Wang Farahana"));
    let edited = matched(&ws, true);
    assert!(edited.contains("Wang Farahana") && !edited.contains("Wang Farahani"));
    assert_eq!(edited, matched(&ws, false));
    // A damaged cache is not trusted: the pool is parsed again, and the cache rewritten.
    let mut bytes = std::fs::read(&cached).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 0x20;
    std::fs::write(&cached, &bytes).unwrap();
    assert_eq!(matched(&ws, true), edited);
    assert_ne!(std::fs::read(&cached).unwrap(), bytes);
}

#[test]
fn match_ranks_everyone_with_reasons_in_english() {
    let ws = team();
    let run = ws.run(&["facilitator", "match", "xian"]);
    run.code(0).stderr_empty();
    insta::assert_snapshot!("match_xian_en", run.stdout);
    // Contact details are never shown, and the inactive facilitator is not considered.
    run.stdout_lacks("li@example.org")
        .stdout_lacks("+98 913")
        .stdout_lacks("old-hand");
}

#[test]
fn match_speaks_persian() {
    let ws = team();
    let run = ws.run(&["--lang", "fa", "facilitator", "match", "شیان"]);
    run.code(0).stderr_empty();
    insta::assert_snapshot!("match_xian_fa", run.stdout);
    let json = ws.run(&[
        "--lang",
        "fa",
        "facilitator",
        "match",
        "xian",
        "--format",
        "json",
    ]);
    json.code(0);
    let first = &json.json()[0];
    assert_eq!(first["reasons"][0], "چینی (zh) می‌داند");
    // Data carries no isolates.
    assert!(!json.stdout.contains('\u{2068}'), "{}", json.stdout);
}

#[test]
fn match_json_is_the_specs_shape_best_first() {
    let ws = team();
    let run = ws.run(&["facilitator", "match", "xian", "--format", "json"]);
    run.code(0);
    insta::assert_snapshot!("match_xian_json", run.stdout);
    let rows = run.json();
    let rows = rows.as_array().unwrap();
    for row in rows {
        let mut keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "cities", "id", "missing", "name", "name_fa", "reasons", "score", "source"
            ]
        );
    }
    let scores: Vec<u64> = rows.iter().map(|r| r["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // The tally goes to stderr where the format has no footer.
    run.stderr_has("4 speak Chinese (zh)");
}

#[test]
fn asked_languages_and_expertise_replace_the_citys_and_nobody_is_said() {
    let ws = team();
    let run = ws.run(&["facilitator", "match", "xian", "--language", "it"]);
    run.code(0);
    run.stdout_has("nobody speaks Italian (it) (as asked)")
        .stdout_has("does not speak Italian (it)");
    // Everyone is still ranked.
    assert_eq!(ranked(&ws, &["--language", "it"]).len(), 7);
    let trade = ranked(&ws, &["--expertise", "trade", "--language", "ru"]);
    assert_eq!(trade[0], ("maryam-ahmadi".to_owned(), 60));
    let run = ws.run(&["facilitator", "match", "xian", "--expertise", "trade"]);
    run.stdout_has("expertise in trade (asked)")
        .stdout_has("2 have expertise in trade");
}

#[test]
fn a_city_with_no_language_known_says_so_and_ranks_on_the_rest() {
    let ws = team();
    let run = ws.run(&["facilitator", "match", "station", "--limit", "0"]);
    run.code(0);
    insta::assert_snapshot!("match_station_en", run.stdout);
    // In Persian «هیچ‌کس» takes a negated verb: nobody *has no* connection would say the opposite.
    let run = ws.run(&[
        "--lang",
        "fa",
        "facilitator",
        "match",
        "station",
        "--limit",
        "0",
    ]);
    run.code(0);
    let tally = run.stdout.replace('\n', " ");
    assert!(tally.contains("ارتباط ندارد"), "{run}");
    assert!(tally.contains("تسهیل‌گر بالقوهٔ آن نیست"), "{run}");
    assert!(!tally.contains("ارتباط دارد،"), "{run}");
}

#[test]
fn nobody_to_rank_is_said_with_what_to_do() {
    let ws = Workspace::with(&[("station.yaml", STATION)]);
    let run = ws.run(&["facilitator", "match", "station"]);
    run.code(0);
    // The line is wrapped to the terminal's 120 columns.
    assert!(
        run.stdout.replace('\n', " ").contains("nobody to rank: the pool is empty and no facilitator of another city is active; add sign-ups with `diplomat pool add` or `diplomat import facilitators FILE`"),
        "{run}"
    );
    let json = ws.run(&["facilitator", "match", "station", "--format", "json"]);
    json.code(0);
    assert_eq!(json.stdout, "[]\n");
    json.stderr_has("nobody to rank");
    ws.run(&["-q", "facilitator", "match", "station", "--format", "json"])
        .stderr_empty();
}

#[test]
fn match_limits_and_every_list_format() {
    let ws = team();
    let all = ranked(&ws, &["--limit", "0"]);
    assert_eq!(all.len(), 7);
    assert_eq!(ranked(&ws, &["--limit", "2"]), all[..2]);
    let table = ws.run(&["facilitator", "match", "xian", "--limit", "2"]);
    table.stdout_has(
        "the best 2 of 7 people: 4 from the pool, 3 facilitators (`--limit 0` shows all)",
    );

    let csv = ws.run(&["facilitator", "match", "xian", "--format", "csv"]);
    csv.code(0);
    let mut reader = ::csv::Reader::from_reader(csv.stdout.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "id", "name", "name_fa", "source", "cities", "score", "reasons", "missing"
        ]
    );
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[0], all[0].0);
    assert!(
        first[6].contains("speaks Chinese (zh); "),
        "{:?}",
        &first[6]
    );

    let yaml = ws.run(&["facilitator", "match", "xian", "--format", "yaml"]);
    yaml.code(0).stdout_has("- id: li-hosseini\n");

    let md = ws.run(&["facilitator", "match", "xian", "--format", "markdown"]);
    md.code(0)
        .stdout_has("| score | id            | name          | from           | why ");

    let path = ws.root().join("match.xlsx");
    let run = ws.run(&["facilitator", "match", "xian", "-o", path.to_str().unwrap()]);
    run.code(0);
    use calamine::Reader as _;
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(std::fs::read(&path).unwrap())).unwrap();
    let range = book.worksheet_range("Candidates").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][..3], ["score", "id", "name"]);
    assert_eq!(rows[1][1], all[0].0);
    assert_eq!(rows.len(), all.len() + 1);
}

#[test]
fn match_refuses_an_unknown_city_and_a_broken_pool() {
    let ws = team();
    ws.run(&["facilitator", "match", "xan"])
        .code(2)
        .stderr_has("did you mean");
    ws.file("pool.yaml", "candidates:\n  - id: x\n");
    ws.run(&["facilitator", "match", "xian"])
        .code(2)
        .stderr_has("pool.yaml:2:5");
}
