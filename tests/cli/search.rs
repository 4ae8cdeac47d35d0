//! Issue 30: `diplomat search` finds any text of any dossier and of the pool, folded as city
//! look-up folds, each hit located in its file (checked here against the file's text), named
//! by its record and shown with the match highlighted; contact details stay private.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::{Run, Workspace, diplomat};

/// Kazan with a bit of everything: both scripts, people with contact details, dated records.
const KAZAN: &str = r#"slug: kazan
name:
  en: Kazan
  fa: کازان
  local: Казань
country: RU
relationship:
  kind: sister-city
  status: active
  signed: 2025-04-09
  notes: Signed in 1404; the halal market matters most.
sectors: [food, handicrafts]
facilitators:
  - id: maryam-ahmadi
    name: Maryam Ahmadi
    name_fa: مریم احمدی
    languages: [ru, fa]
    connection: واردکنندهٔ زعفران و پسته به تاتارستان.
    status: active
    since: 2026-06-15
    contact:
      email: maryam.saffron@example.org
      phone: "+98 913 440 7012"
contacts:
  - id: ru-consulate
    name: Igor Sokolov
    role: embassy-counsellor
    organization: Consulate General of Russia in Isfahan
actions:
  - id: a-z7mb
    title: Apply for Tatarstan halal certification
    owner: chamber
    due: 2026-12-31
    status: open
interactions:
  - date: 2026-08-05
    kind: meeting
    title: Meeting with the consulate's counsellor
    with: [ru-consulate]
    summary: |
      He spoke about visas for the delegation,
      and about the halal certificate.
  - date: 2026-11-22
    kind: call
    title: تماس دربارهٔ مجوز حلال
    with: [maryam-ahmadi]
    summary: مدارک لازم برای مجوز حلال فهرست شد.
reviews:
  - date: 2026-11-03
    participants: [maryam-ahmadi]
    outcome: The certificate is the main gap.
notes: |
  Analyst's note: keep the halal file moving.
x-budget-line: 1405-intl-07
"#;

/// Barcelona, a second city, with nothing about halal.
const BARCELONA: &str = "slug: barcelona\nname:\n  en: Barcelona\n  fa: بارسلون\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: reactivating\nnotes: Handicrafts showroom; the certificate of origin is pending.\n";

fn workspace() -> Workspace {
    Workspace::with(&[("kazan.yaml", KAZAN), ("barcelona.yaml", BARCELONA)])
}

/// `search ARGS --format json`, its hits.
fn hits(ws: &Workspace, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["search"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let run = ws.run(&all);
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    run.json().as_array().cloned().unwrap_or_default()
}

/// Each hit as `kind id-or-date field`, in the order printed.
fn records(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            let name = h["id"].as_str().or(h["date"].as_str()).unwrap_or("-");
            format!(
                "{} {name} {}",
                h["kind"].as_str().unwrap_or("?"),
                h["field"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

/// The text of `file` (under the workspace `root`) at a hit's line and column, as many
/// characters as `len`: what an editor shows there.
fn written_at(root: &Path, hit: &serde_json::Value, len: usize) -> String {
    let text = std::fs::read_to_string(root.join(hit["file"].as_str().unwrap())).unwrap();
    let text = text.replace("\r\n", "\n");
    let line = text
        .split(['\n', '\r'])
        .nth(hit["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    line.chars()
        .skip(hit["column"].as_u64().unwrap() as usize - 1)
        .take(len)
        .collect()
}

#[test]
fn finds_in_every_kind_of_record_newest_first() {
    let ws = workspace();
    let found = hits(&ws, &["halal"]);
    assert_eq!(
        records(&found),
        [
            "action a-z7mb title",
            "interaction 2026-08-05 summary",
            "notes - relationship.notes",
            "notes - notes",
        ]
    );
    let first = &found[0];
    assert_eq!(first["city"], "kazan");
    assert_eq!(first["file"], "cities/kazan.yaml");
    assert_eq!(first["date"], "2026-12-31");
    assert_eq!(first["title"], "Apply for Tatarstan halal certification");
    assert_eq!(first["snippet"], "Apply for Tatarstan halal certification");
    for hit in &found {
        let (latin, persian) = (written_at(ws.root(), hit, 5), written_at(ws.root(), hit, 4));
        assert!(latin == "halal" || persian == "حلال", "{hit}: {latin:?}");
    }
}

/// Every folding rule of city look-up, each way round: the text as written in the dossier,
/// the query as typed, and where the match is written.
#[test]
fn folds_as_city_look_up_folds() {
    let cases = [
        ("case", "The HALAL market", "halal", "HALAL"),
        ("diacritics", "A visit to Iași and Kraków", "iasi", "Iași"),
        ("diacritics typed", "A visit to Iasi", "Iași", "Iasi"),
        ("Arabic yeh", "نمایشگاه شيراز", "شیراز", "شيراز"),
        (
            "Persian yeh typed Arabic",
            "نمایشگاه شیراز",
            "شيراز",
            "شیراز",
        ),
        ("Arabic kaf", "پرونده كازان", "کازان", "كازان"),
        ("teh marbuta", "غرفة اصفهان", "غرفه", "غرفة"),
        ("heh with yeh above", "خانۀ هنرمندان", "خانه", "خانۀ"),
        ("ZWNJ", "نمایشگاه‌ها برگزار می‌شود", "میشود", "می‌شود"),
        (
            "ZWNJ typed as a space",
            "برگزار می‌شود",
            "\"می شود\"",
            "می‌شود",
        ),
        ("tatweel", "بازار حـــلال", "حلال", "حـــلال"),
        ("harakat", "بازار حَلال", "حلال", "حَلال"),
        ("madda", "از آذر", "اذر", "آذر"),
        ("Persian digits", "نمایشگاه اردیبهشت ۱۴۰۶", "1406", "۱۴۰۶"),
        ("Arabic-Indic digits", "expo of ١٤٠٦", "۱۴۰۶", "١٤٠٦"),
        ("ASCII digits", "expo of 1406", "۱۴۰۶", "1406"),
        (
            "hyphen",
            "a Kuala-Lumpur office",
            "\"kuala lumpur\"",
            "Kuala-Lumpur",
        ),
    ];
    for (rule, written, typed, found) in cases {
        let dossier = format!(
            "slug: kazan\nname:\n  en: Kazan\ncountry: RU\nrelationship:\n  kind: sister-city\nnotes: {written}\n"
        );
        let ws = Workspace::with(&[("kazan.yaml", &dossier)]);
        let hits = hits(&ws, &[typed]);
        assert_eq!(hits.len(), 1, "{rule}: {typed} in {written}: {hits:?}");
        assert_eq!(hits[0]["field"], "notes", "{rule}");
        assert_eq!(hits[0]["line"], 7, "{rule}");
        assert_eq!(
            written_at(ws.root(), &hits[0], found.chars().count()),
            found,
            "{rule}: the column points at the match"
        );
    }
}

#[test]
fn words_are_anded_within_a_record_and_phrases_are_found_as_written() {
    let ws = workspace();
    // Both words in one record: the title says counsellor, the summary visas.
    assert_eq!(
        records(&hits(&ws, &["counsellor", "visa"])),
        [
            "interaction 2026-08-05 title",
            "interaction 2026-08-05 summary"
        ]
    );
    // Not in one record: nothing.
    let run = ws.run(&["search", "counsellor", "Barcelona"]);
    run.code(1);
    // A phrase only where its words stand together (over a line break too).
    assert_eq!(
        records(&hits(&ws, &["\"halal certificate\""])),
        ["interaction 2026-08-05 summary"]
    );
    assert_eq!(
        records(&hits(&ws, &["\"delegation, and about\""])),
        ["interaction 2026-08-05 summary"]
    );
    // The same words, unquoted, in any order anywhere in a record.
    assert_eq!(
        records(&hits(&ws, &["certificate", "halal"])),
        ["interaction 2026-08-05 summary"]
    );
    assert_eq!(records(&hits(&ws, &["«مجوز حلال»"])).len(), 2);
    // Guillemets and curly quotes make phrases too; a quote left open is refused.
    assert_eq!(records(&hits(&ws, &["“halal certificate”"])).len(), 1);
    ws.run(&["search", "\"halal certificate"])
        .code(2)
        .stderr_has("not closed");
}

#[test]
fn in_narrows_to_record_kinds() {
    let ws = workspace();
    assert_eq!(
        records(&hits(&ws, &["halal", "--in", "action"])),
        ["action a-z7mb title"]
    );
    assert_eq!(
        records(&hits(
            &ws,
            &["certificate", "--in", "review", "--in", "notes"]
        )),
        ["review 2026-11-03 outcome", "notes - notes"]
    );
    assert_eq!(
        records(&hits(&ws, &["kazan", "--in", "city"])),
        ["city - name.en"]
    );
    assert_eq!(
        records(&hits(&ws, &["Consulate", "--in", "contact"])),
        ["contact ru-consulate organization"]
    );
    assert_eq!(
        records(&hits(&ws, &["زعفران", "--in", "facilitator"])),
        ["facilitator maryam-ahmadi connection"]
    );
    assert_eq!(
        records(&hits(&ws, &["intl", "--in", "city"])),
        ["city - x-budget-line"]
    );
    ws.run(&["search", "halal", "--in", "meeting"]).code(2);
}

#[test]
fn events_and_the_pool_are_searched_too() {
    let with_events = format!(
        "{BARCELONA}events:\n  - id: e-4kq2\n    date: 2027-05-14\n    kind: exhibition\n    title: Handicrafts fair\n    place: Fira de Barcelona\n    with: [x]\n    status: planned\n    notes: Ask about the saffron stand.\n"
    );
    let ws = Workspace::with(&[("barcelona.yaml", &with_events), ("kazan.yaml", KAZAN)]);
    ws.file(
        "pool.yaml",
        "candidates:\n  - id: sara-x\n    name: Sara X\n    signed_up: 2026-10-01\n    source: Chamber fair\n    interests: [barcelona]\n    notes: Speaks Catalan; imports saffron.\n    contact:\n      phone: \"+98 913 555 0000\"\n",
    );
    let found = hits(&ws, &["saffron"]);
    assert_eq!(
        records(&found),
        ["event e-4kq2 notes", "candidate sara-x notes"]
    );
    let pool = &found[1];
    assert_eq!(pool["city"], serde_json::Value::Null);
    assert_eq!(pool["file"], "pool.yaml");
    assert_eq!(pool["date"], "2026-10-01");
    assert_eq!(written_at(ws.root(), pool, 7), "saffron");
    assert_eq!(
        records(&hits(&ws, &["fira", "--in", "event"])),
        ["event e-4kq2 place"]
    );
    assert_eq!(
        records(&hits(&ws, &["saffron", "--in", "candidate"])),
        ["candidate sara-x notes"]
    );
    // A city asked for leaves the pool out.
    assert_eq!(
        records(&hits(&ws, &["saffron", "--city", "barcelona"])),
        ["event e-4kq2 notes"]
    );
    // The pool's contact details are as private as a dossier's.
    ws.run(&["search", "555"]).code(1).stdout_lacks("555");
    let table = ws.run(&["search", "saffron"]);
    table.code(0).stdout_has("in 1 city and the pool");
}

#[test]
fn city_narrows_by_slug_or_any_name() {
    let ws = workspace();
    assert_eq!(hits(&ws, &["certificate"]).len(), 3);
    for city in [
        "barcelona",
        "Barcelona",
        "بارسلون",
        "\u{2067}بارسلون\u{2069}",
    ] {
        let found = hits(&ws, &["certificate", "--city", city]);
        assert_eq!(records(&found), ["notes - notes"], "{city}");
        assert_eq!(found[0]["city"], "barcelona");
    }
    let both = hits(
        &ws,
        &["certificate", "--city", "كازان", "--city", "barcelona"],
    );
    assert_eq!(both.len(), 3);
    ws.run(&["search", "certificate", "--city", "barcelna"])
        .code(2)
        .stderr_has("barcelona");
}

#[test]
fn since_and_until_in_either_calendar() {
    let ws = workspace();
    let dated = |query: &str, args: &[&str]| {
        let mut all = vec![query];
        all.extend(args);
        records(&hits(&ws, &all))
    };
    assert_eq!(
        dated("halal", &["--since", "2026-09-01"]),
        ["action a-z7mb title"]
    );
    // 1405/06/10 is 2026-09-01; 1405/09/05 is 2026-11-26, here in Persian digits.
    let autumn = ["--since", "1405/06/10", "--until", "۱۴۰۵/۰۹/۰۵"];
    assert_eq!(
        dated("حلال", &autumn),
        [
            "interaction 2026-11-22 title",
            "interaction 2026-11-22 summary"
        ]
    );
    assert!(dated("halal", &autumn).is_empty());
    // Both ends are in the period.
    assert_eq!(
        dated("halal", &["--until", "2026-08-05"]),
        ["interaction 2026-08-05 summary"]
    );
    assert_eq!(
        dated("halal", &["--since", "1405/05/14", "--until", "2026-08-05"]),
        ["interaction 2026-08-05 summary"]
    );
    // Undated records (notes) are left out once a date is asked for.
    assert!(
        !dated("halal", &["--until", "today"])
            .iter()
            .any(|r| r.starts_with("notes"))
    );
    ws.run(&[
        "search",
        "halal",
        "--since",
        "2026-12-01",
        "--until",
        "2026-11-01",
    ])
    .code(2)
    .stderr_has("--since");
    ws.run(&["search", "halal", "--since", "1405/13/01"])
        .code(2);
}

#[test]
fn contact_details_are_never_searched_nor_shown_unless_asked() {
    let ws = workspace();
    // The phone and the e-mail match, but are not searched: nothing is found, nothing shown.
    for query in ["913", "\"440 7012\"", "saffron", "example.org"] {
        let run = ws.run(&["search", query]);
        run.code(1).stdout_lacks("913").stdout_lacks("example.org");
        let json = ws.run(&["search", query, "--format", "json"]);
        json.code(1);
        assert_eq!(json.stdout.trim(), "[]");
    }
    // With --contacts, plain details are searched and shown.
    let phone = hits(&ws, &["913", "--contacts"]);
    assert_eq!(records(&phone), ["facilitator maryam-ahmadi contact.phone"]);
    assert_eq!(phone[0]["snippet"], "+98 913 440 7012");
    assert_eq!(written_at(ws.root(), &phone[0], 3), "913");
    let mail = ws.run(&["search", "saffron", "--contacts"]);
    mail.code(0).stdout_has("maryam.saffron@example.org");
}

#[test]
fn encrypted_details_are_never_searched_even_with_contacts() {
    let sealed = KAZAN
        .replace(
            "email: maryam.saffron@example.org",
            "email: ENC[v1,k1,c2FmZnJvbiBzYWZmcm9u]",
        )
        .replace(
            "phone: \"+98 913 440 7012\"",
            "phone: ENC[v1,k1,OTEzIDQ0MCA3MDEy]",
        );
    let ws = Workspace::with(&[("kazan.yaml", &sealed)]);
    for query in ["ENC", "v1", "c2FmZnJvbiBzYWZmcm9u"] {
        ws.run(&["search", query]).code(1).stdout_lacks("ENC[");
        let run = ws.run(&["search", query, "--contacts"]);
        run.code(1)
            .stdout_lacks("ENC[")
            .stderr_has("2 encrypted e-mails and phones were not searched");
    }
}

#[test]
fn hostile_text_in_snippets_is_shown_not_obeyed() {
    let title = "\u{1b}[2J\u{1b}]0;pwned\u{7} *halal* | [x](javascript:alert(1)) `code` <b>b</b> \u{202e}reversed";
    let dossier = format!(
        "slug: kazan\nname:\n  en: Kazan\ncountry: RU\nrelationship:\n  kind: sister-city\nactions:\n  - id: a-1\n    title: {}\n    owner: joint\n    status: open\n",
        serde_json::to_string(title).unwrap()
    );
    let ws = Workspace::with(&[("kazan.yaml", &dossier)]);
    // The terminal table shows the controls as escapes.
    let table = ws.run(&["search", "halal"]);
    table
        .code(0)
        .stdout_has("\\e[2J\\e]0;pwned\\x07")
        .stdout_has("\\u{202e}reversed");
    assert!(
        !table.stdout.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{table}"
    );
    // With color, the only escapes are the highlight's.
    let colored = ws.run(&["--color", "always", "search", "halal"]);
    let without_highlight = colored
        .stdout
        .replace("\u{1b}[1m\u{1b}[31m", "")
        .replace("\u{1b}[0m", "");
    assert!(
        colored.stdout.contains("\u{1b}[1m\u{1b}[31mhalal\u{1b}[0m"),
        "{colored}"
    );
    assert!(!without_highlight.contains('\u{1b}'), "{colored}");
    // Markdown reads back as the text, the match in bold and nothing else formatted.
    let markdown = ws.run(&["search", "halal", "--format", "markdown"]);
    markdown.code(0);
    let mut strong = Vec::new();
    let mut in_strong = false;
    let mut cells = String::new();
    for event in Parser::new_ext(&markdown.stdout, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Strong) => in_strong = true,
            Event::End(TagEnd::Strong) => in_strong = false,
            Event::Text(text) if in_strong => strong.push(text.to_string()),
            Event::Text(text) => cells.push_str(&text),
            Event::Start(Tag::Link { .. } | Tag::Emphasis | Tag::Image { .. })
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_) => panic!("{event:?} in\n{markdown}"),
            _ => {}
        }
    }
    assert_eq!(strong, ["halal"], "{markdown}");
    assert!(
        cells.contains("| [x](javascript:alert(1)) `code` <b>b</b>"),
        "{cells}"
    );
    assert!(
        !markdown.stdout.contains(['\u{1b}', '\u{202e}']),
        "{markdown}"
    );
    // JSON carries the text exactly, every control spelled as an escape.
    let json = ws.run(&["search", "halal", "--format", "json"]);
    assert!(!json.stdout.contains(['\u{1b}', '\u{202e}']), "{json}");
    assert_eq!(json.json()[0]["snippet"], title);
    // CSV is data, but read in terminals too.
    let csv = ws.run(&["search", "halal", "--format", "csv"]);
    assert!(!csv.stdout.contains(['\u{1b}', '\u{202e}']), "{csv}");
    // A field named with controls (an analyst's `x-` key) is shown escaped as well.
    let field = "slug: kazan\nname:\n  en: Kazan\ncountry: RU\nrelationship:\n  kind: sister-city\n\"x-\\e[31mred\": halal\n";
    let ws = Workspace::with(&[("kazan.yaml", field)]);
    let run = ws.run(&["search", "halal"]);
    run.code(0).stdout_has("x-\\e[31mred");
    assert!(!run.stdout.contains('\u{1b}'), "{run}");
}

#[test]
fn exit_codes() {
    let ws = workspace();
    ws.run(&["search", "halal"]).code(0);
    let none = ws.run(&["search", "nowhere-to-be-found"]);
    none.code(1).stderr_has("nothing found");
    assert!(none.stdout.is_empty(), "{none}");
    let csv = ws.run(&["search", "nowhere", "--format", "csv"]);
    csv.code(1);
    assert_eq!(
        csv.stdout,
        "city,file,line,column,kind,id,date,field,snippet,title\r\n"
    );
    ws.run(&["-q", "search", "nowhere"]).code(1).stderr_empty();
    for bad in [
        &["search"][..],
        &["search", ""],
        &["search", "-", "\u{200c}"],
        &["search", "halal", "--format", "html"],
        &["search", "halal", "--in", "nothing"],
        &["search", "halal", "--since", "soon"],
    ] {
        ws.run(bad).code(2);
    }
    Run::of(
        "search outside a workspace",
        diplomat()
            .current_dir(tempfile::tempdir().unwrap().path())
            .args(["search", "halal"]),
    )
    .code(2);
}

/// Where each hit is, against the file: every way YAML writes text.
#[test]
fn every_hit_is_located_where_it_is_written() {
    let dossier = "slug: kazan\r\nname:\r\n  en: Kazan\r\n  fa: کازان\r\ncountry: RU\r\nrelationship:\r\n  kind: sister-city\r\n  sources: [one, 'two saffron', \"three saffron\"]\r\nsectors:\r\n  - saffron\r\nnotes: |\r\n  first line\r\n\r\n  third line with Saffron\r\n";
    let more = "slug: yazd\nname: {en: Yazd, fa: یزد}\ncountry: IR\nrelationship:\n  kind: sister-city\n  notes: a plain text\n    folded over lines\n    that ends with SAFFRON\ninteractions:\n  - date: 2026-11-01\n    kind: call\n    title: \"it's quoted: saffron\"\n    summary: 'it''s single-quoted: saffron'\n  - date: 2026-11-02\n    kind: call\n    title: anchored\n    summary: &s زعفرانی از saffron ایران\n  - date: 2026-11-03\n    kind: call\n    title: an alias\n    summary: *s\n  - date: 2026-11-04\n    kind: call\n    title: escaped before\n    summary: \"tab\\tthen saffron\"\n";
    let ws = Workspace::with(&[("kazan.yaml", dossier), ("yazd.yaml", more)]);
    let found = hits(&ws, &["saffron"]);
    assert_eq!(found.len(), 10, "{found:#?}");
    let mut at_start = 0;
    for hit in &found {
        let written = written_at(ws.root(), hit, 7);
        if written.to_lowercase() != "saffron" {
            // Only where YAML writes the text otherwise (an escape before the match): the
            // value's start.
            assert_eq!(hit["snippet"], "tab then saffron", "{hit}");
            assert_eq!(written, "\"tab\\tt", "{hit}");
            at_start += 1;
        }
    }
    assert_eq!(at_start, 1);
    // The same in every script: a Persian line is counted in characters.
    let persian = hits(&ws, &["ایران"]);
    assert_eq!(persian.len(), 2);
    for hit in &persian {
        assert_eq!(written_at(ws.root(), hit, 5), "ایران", "{hit}");
    }
}

/// The quick look at each file before it is parsed never loses a hit: the same as parsing
/// every file (`--no-cache`), for queries in both scripts on the demo workspace.
#[test]
fn the_quick_look_finds_what_parsing_everything_finds() {
    // A copy: the quick look keeps what it parsed in the copy's `.diplomat/cache/`.
    let copy = crate::demo::demo_copy();
    let demo = copy.path().display().to_string();
    for query in [
        "halal",
        "حلال",
        "Isfahan",
        "اصفهان",
        "1405",
        "۱۴۰۵",
        "tourism",
        "\"the chamber\"",
        "مریم",
        "كازان",
        "visa",
        "brochure",
        "x",
    ] {
        let run = |extra: &[&str]| {
            let mut cmd = diplomat();
            cmd.args(["-C", &demo, "search", query, "--format", "json"])
                .args(extra);
            Run::of(format!("search {query} {extra:?}"), &mut cmd)
        };
        let quick = run(&[]);
        let cached = run(&[]);
        let every = run(&["--no-cache"]);
        assert_eq!(quick.stdout, every.stdout, "{query}");
        assert_eq!(cached.stdout, every.stdout, "{query}, from the cache");
        assert!(matches!(quick.code, Some(0 | 1)), "{quick}");
    }
}

/// The texts of a parsed file are kept by the hash of its bytes: a second search reads them
/// from `.diplomat/cache/search.bin`, and a file changed since is parsed again, its hits where
/// they now are.
#[test]
fn a_file_searched_before_is_read_from_the_cache_until_it_changes() {
    let ws = workspace();
    let first = hits(&ws, &["halal", "--in", "action"]);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0]["line"], 31);
    let cache = ws.root().join(".diplomat/cache/search.bin");
    let kept = std::fs::read(&cache).expect("the search cache is written");
    assert_eq!(hits(&ws, &["halal", "--in", "action"]), first);
    assert_eq!(
        std::fs::read(&cache).unwrap(),
        kept,
        "a warm search writes nothing"
    );

    // Two lines more above the action, and its title changed: the cache holds neither.
    let text = KAZAN
        .replace(
            "sectors: [food, handicrafts]\n",
            "sectors: [food, handicrafts]\n# Added later.\n# Twice.\n",
        )
        .replace(
            "Apply for Tatarstan halal certification",
            "Apply for the halal mark of Tatarstan",
        );
    ws.file("cities/kazan.yaml", text);
    let after = hits(&ws, &["halal", "--in", "action"]);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0]["line"], 33);
    assert_eq!(after[0]["snippet"], "Apply for the halal mark of Tatarstan");
    assert_eq!(written_at(ws.root(), &after[0], 5), "halal");
    assert_eq!(hits(&ws, &["halal", "--in", "action", "--strict"]), after);
}

/// Every query, every output format: what the cache gives is what parsing every file gives
/// (`--no-cache`), in both scripts, with phrases, `--in`, dates and `--city`; after a file is
/// edited between two searches; and after the cache file is damaged, which is rebuilt.
#[test]
fn the_cache_gives_what_parsing_every_file_gives() {
    let ws = workspace();
    ws.file(
        "pool.yaml",
        "candidates:\n  - id: sara-x\n    name: Sara X\n    signed_up: 2026-10-01\n    source: Chamber fair\n    notes: Speaks Tatar; imports halal saffron.\n    contact:\n      phone: \"+98 913 555 0000\"\n",
    );
    let queries: &[&[&str]] = &[
        &["halal"],
        &["حلال"],
        &["HALAL", "certificate"],
        &["\"halal certificate\""],
        &["«مجوز حلال»"],
        &["مجوز", "مدارک"],
        &["halal", "--in", "action"],
        &["halal", "--in", "interaction", "--in", "notes"],
        &["halal", "--since", "2026-09-01"],
        &["halal", "--until", "1405/06/01"],
        &["certificate", "--city", "barcelona"],
        &["counsellor", "visas"],
        &["saffron"],
        &["زعفران"],
        &["۱۴۰۵"],
        &["1405", "--in", "city"],
        &["maryam.saffron"],
        &["555"],
        &["nothing-of-the-kind"],
    ];
    let compare = |when: &str| {
        for query in queries {
            for format in ["json", "table", "csv"] {
                let args: Vec<&str> = ["search"]
                    .iter()
                    .chain(query.iter())
                    .chain(["--format", format].iter())
                    .copied()
                    .collect();
                let cached = ws.run(&args);
                let every = ws.run(&[&["--no-cache"], args.as_slice()].concat());
                assert_eq!(cached.stdout, every.stdout, "{when}: {args:?}");
                assert_eq!(cached.stderr, every.stderr, "{when}: {args:?}");
                assert_eq!(cached.code, every.code, "{when}: {args:?}");
            }
        }
    };
    compare("first search");
    compare("from the cache");
    // Edited between two searches: the halal action moved down and renamed, a new interaction.
    let edited = KAZAN
        .replace(
            "sectors: [food, handicrafts]\n",
            "sectors: [food, handicrafts]\n# Added later.\n",
        )
        .replace(
            "Apply for Tatarstan halal certification",
            "Apply for the halal mark of Tatarstan",
        )
        .replace(
            "interactions:\n",
            "interactions:\n  - date: 2026-11-25\n    kind: email\n    title: Halal certificate sent\n    summary: «مجوز حلال» فرستاده شد.\n",
        );
    ws.file("cities/kazan.yaml", &edited);
    compare("after an edit");
    let found = hits(&ws, &["halal", "--in", "action"]);
    assert_eq!(found[0]["snippet"], "Apply for the halal mark of Tatarstan");
    assert_eq!(found[0]["line"], 32);
    // A damaged cache is never trusted: every byte flipped in turn in its last entry's
    // stretch, the same hits, and the cache rebuilt.
    let cache = ws.root().join(".diplomat/cache/search.bin");
    let kept = std::fs::read(&cache).unwrap();
    let want = ws.run(&["--no-cache", "search", "halal", "--format", "json"]);
    for at in (kept.len() - 200..kept.len()).step_by(7) {
        let mut damaged = kept.clone();
        damaged[at] ^= 0x5a;
        std::fs::write(&cache, &damaged).unwrap();
        let run = ws.run(&["search", "halal", "--format", "json"]);
        assert_eq!(run.stdout, want.stdout, "byte {at} flipped");
    }
    std::fs::write(&cache, &kept[..kept.len() / 2]).unwrap();
    compare("a truncated cache");
    compare("the cache rebuilt");
}

#[test]
fn broken_dossiers_are_said_and_the_rest_served() {
    let ws = workspace();
    ws.city("broken.yaml", "slug: broken\nnotes: [halal\n");
    // A rule broken (a misspelt key) is still the analysts' text: searched.
    ws.city(
        "yazd.yaml",
        "slug: yazd\nname: {en: Yazd}\ncountry: IR\nrelationship: {kind: sister-city}\nnotse: halal here\n",
    );
    let run = ws.run(&["search", "halal", "--format", "json"]);
    run.code(0).stderr_has("cities/broken.yaml:");
    let found = run.json();
    let files: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["file"].as_str())
        .collect();
    assert!(files.contains(&"cities/yazd.yaml"), "{run}");
    assert!(files.contains(&"cities/kazan.yaml"), "{run}");
    let table = ws.run(&["search", "halal"]);
    table.stdout_has("could not be read");
    // A file that cannot hold the words is not read further, so it is not said.
    ws.run(&["search", "visa"])
        .code(0)
        .stderr_lacks("broken.yaml");
    // --strict: any unreadable dossier fails the search, one breaking a rule too.
    ws.run(&["--strict", "search", "visa"])
        .code(2)
        .stderr_has("broken.yaml");
    let strict = Workspace::with(&[("kazan.yaml", KAZAN)]);
    strict.city(
        "yazd.yaml",
        "slug: yazd\nname: {en: Yazd}\ncountry: IR\nrelationship: {kind: sister-city}\nnotse: x\n",
    );
    strict
        .run(&["--strict", "search", "halal"])
        .code(2)
        .stderr_has("notse");
    strict.run(&["search", "halal"]).code(0);
}

#[test]
fn persian_output() {
    let ws = workspace();
    let run = ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "search",
        "حلال",
        "--in",
        "interaction",
    ]);
    run.code(0)
        .stdout_has("کجا")
        .stdout_has("تعامل ۱۴۰۵/۰۹/۰۱")
        .stdout_has("\u{2068}cities/kazan.yaml:45:30\u{2069}")
        .stdout_has("۲ مورد در ۱ شهر");
    // Data keeps the stored date and ASCII digits.
    let json = ws.run(&[
        "--lang",
        "fa",
        "search",
        "حلال",
        "--in",
        "interaction",
        "--format",
        "json",
    ]);
    assert_eq!(json.json()[0]["date"], "2026-11-22");
    let none = ws.run(&["--lang", "fa", "search", "ناپیدا"]);
    none.code(1).stderr_has("چیزی یافت نشد");
}

#[test]
fn kinds_complete_on_tab() {
    let ws = workspace();
    let run = crate::setup::complete(&ws, &["search", "halal", "--in", "inter"]);
    run.code(0).stdout_has("interaction");
    let run = crate::setup::complete(&ws, &["search", "halal", "--in", ""]);
    for kind in ["city", "event", "candidate", "readiness", "notes"] {
        run.stdout_has(kind);
    }
}

/// The demo workspace as an analyst sees it (fixed width and date).
fn demo(args: &[&str]) -> Run {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let mut cmd = diplomat();
    cmd.env("COLUMNS", "100")
        .arg("--no-cache")
        .arg("-C")
        .arg(demo)
        .arg("search")
        .args(args);
    Run::of(format!("search {args:?}"), &mut cmd)
}

#[test]
fn the_demo_table() {
    let run = demo(&["halal"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn the_demo_markdown() {
    let run = demo(&["حلال", "--format", "markdown"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn the_demo_table_in_persian() {
    let run = demo(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "حلال",
        "--since",
        "1405/08/01",
    ]);
    run.code(0);
    insta::assert_snapshot!(run.stdout.replace('\u{2068}', "⟨").replace('\u{2069}', "⟩"));
}
