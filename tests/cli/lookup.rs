//! A `CITY` argument: a slug or any name, folded for case, diacritics, Arabic/Persian letter
//! variants, ZWNJ and tatweel (spec §3); no match is exit 2 with the nearest names.

use crate::support::{BARCELONA, KAZAN, SAINT_PETERSBURG, Workspace, XIAN, minimal};

fn lookup_workspace() -> Workspace {
    Workspace::with(&[
        ("barcelona.yaml", BARCELONA),
        ("kazan.yaml", KAZAN),
        ("xian.yaml", XIAN),
        ("saint-petersburg.yaml", SAINT_PETERSBURG),
        ("iasi.yaml", &minimal("iasi", "Iasi", "یاش", "Iași", "RO")),
    ])
}

/// `city show QUERY` finds the city whose title line names `(slug, CC)`.
fn assert_finds(ws: &Workspace, query: &str, slug: &str, country: &str) {
    let run = ws.run(&["city", "show", query]);
    run.code(0).stderr_empty();
    let title = run.stdout.lines().next().unwrap_or_default();
    assert!(
        title.contains(&format!("({slug}, {country})")),
        "`city show {query}` should show {slug}\n{run}"
    );
}

#[test]
fn by_slug() {
    assert_finds(&lookup_workspace(), "barcelona", "barcelona", "ES");
}

#[test]
fn by_english_name_any_case() {
    let ws = lookup_workspace();
    assert_finds(&ws, "Barcelona", "barcelona", "ES");
    assert_finds(&ws, "BARCELONA", "barcelona", "ES");
    assert_finds(&ws, "saint petersburg", "saint-petersburg", "RU");
}

#[test]
fn by_persian_name() {
    assert_finds(&lookup_workspace(), "بارسلون", "barcelona", "ES");
}

#[test]
fn by_local_name() {
    let ws = lookup_workspace();
    assert_finds(&ws, "西安", "xian", "CN");
    assert_finds(&ws, "Санкт-Петербург", "saint-petersburg", "RU");
}

#[test]
fn arabic_yeh_finds_persian_yeh() {
    // Stored: شیان (Persian yeh U+06CC); asked: شيان (Arabic yeh U+064A).
    assert_finds(
        &lookup_workspace(),
        "\u{0634}\u{064A}\u{0627}\u{0646}",
        "xian",
        "CN",
    );
}

#[test]
fn arabic_kaf_finds_persian_kaf() {
    // Stored: کازان (Persian keheh U+06A9); asked: كازان (Arabic kaf U+0643).
    assert_finds(
        &lookup_workspace(),
        "\u{0643}\u{0627}\u{0632}\u{0627}\u{0646}",
        "kazan",
        "RU",
    );
}

#[test]
fn spelling_without_zwnj_finds_the_name_with_it() {
    // Stored: سن‌پترزبورگ (with U+200C); asked without it.
    assert_finds(&lookup_workspace(), "سنپترزبورگ", "saint-petersburg", "RU");
}

#[test]
fn spelling_with_zwnj_finds_the_name_without_it() {
    let ws = Workspace::with(&[(
        "samarkand.yaml",
        &minimal("samarkand", "Samarkand", "سمرقند", "Samarqand", "UZ"),
    )]);
    assert_finds(&ws, "سمر\u{200C}قند", "samarkand", "UZ");
}

#[test]
fn tatweel_is_ignored() {
    assert_finds(&lookup_workspace(), "بارســـلون", "barcelona", "ES");
}

#[test]
fn diacritics_are_folded() {
    let ws = lookup_workspace();
    assert_finds(&ws, "Iași", "iasi", "RO");
    assert_finds(&ws, "IAȘI", "iasi", "RO");
}

#[test]
fn lookup_by_name_works_for_check_too() {
    let ws = lookup_workspace();
    let run = ws.run(&["check", "کازان", "--format", "json"]);
    run.code(0);
    assert_eq!(run.json()[0]["slug"], "kazan", "{run}");
}

#[test]
fn unknown_city_suggests_the_nearest() {
    let ws = lookup_workspace();
    let run = ws.run(&["city", "show", "barcelna"]);
    run.code(2)
        .stderr_has("barcelna")
        .stderr_has("did you mean")
        .stderr_has("barcelona");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        !run.stderr.contains("kazan") && !run.stderr.contains("xian"),
        "only the nearest names are suggested\n{run}"
    );
}

#[test]
fn unknown_city_suggests_the_nearest_persian_name() {
    let ws = lookup_workspace();
    let run = ws.run(&["city", "show", "کازن"]);
    run.code(2).stderr_has("did you mean").stderr_has("کازان");
    assert!(!run.stderr.contains("بارسلون"), "{run}");
}

#[test]
fn unknown_city_without_near_match_is_exit_2() {
    let ws = lookup_workspace();
    ws.run(&["city", "show", "tokyo"])
        .code(2)
        .stderr_has("tokyo");
}

#[test]
fn unknown_city_in_check_is_exit_2() {
    let ws = lookup_workspace();
    ws.run(&["check", "kazn"])
        .code(2)
        .stderr_has("did you mean")
        .stderr_has("kazan");
}
