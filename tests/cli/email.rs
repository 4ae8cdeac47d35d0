//! E-mail drafts of reports (`--format eml`, or `-o FILE.eml`), read back with a real MIME
//! parser (mail-parser) and the HTML part with a WHATWG tokenizer (html5gum).

use html5gum::{DefaultEmitter, Token, Tokenizer};
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

use crate::support::{BARCELONA, FLORENCE, KAZAN, Run, Workspace};

fn workspace() -> Workspace {
    Workspace::with(&[
        ("barcelona.yaml", BARCELONA),
        ("florence.yaml", FLORENCE),
        ("kazan.yaml", KAZAN),
    ])
}

/// Runs `args` with `-o week.eml` and returns the run and the file's bytes.
fn draft(ws: &Workspace, args: &[&str]) -> (Run, Vec<u8>) {
    let path = ws.root().join("draft.eml");
    let _ = std::fs::remove_file(&path);
    let path_text = path.display().to_string();
    let args = [args, &["-o", &path_text]].concat();
    let run = ws.run(&args);
    run.code(0);
    let bytes = std::fs::read(&path).expect("the draft is written");
    (run, bytes)
}

fn parse(bytes: &[u8]) -> Message<'_> {
    MessageParser::default()
        .parse(bytes)
        .unwrap_or_else(|| panic!("not a MIME message:\n{}", String::from_utf8_lossy(bytes)))
}

/// The message is `multipart/alternative` with exactly a text/plain and a text/html part;
/// returns them.
fn alternatives(message: &Message) -> (String, String) {
    let root = message.root_part();
    let ct = root.content_type().expect("a Content-Type");
    assert_eq!(
        (ct.ctype(), ct.subtype()),
        ("multipart", Some("alternative"))
    );
    let PartType::Multipart(children) = &root.body else {
        panic!("the root part is not multipart: {:?}", root.body);
    };
    assert_eq!(children.len(), 2, "two alternative parts");
    let types: Vec<String> = children
        .iter()
        .map(|&i| {
            let ct = message.parts[i as usize].content_type().expect("a type");
            format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or(""))
        })
        .collect();
    assert_eq!(types, ["text/plain", "text/html"]);
    (
        message.body_text(0).expect("a text part").into_owned(),
        message.body_html(0).expect("an HTML part").into_owned(),
    )
}

/// Every start tag of `html` with its attributes; panics on any tokenizer error.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut tags = Vec::new();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        match token.expect("the tokenizer reads the page") {
            Token::StartTag(tag) => tags.push((
                String::from_utf8_lossy(&tag.name).into_owned(),
                tag.attributes
                    .iter()
                    .map(|(k, v)| {
                        (
                            String::from_utf8_lossy(k).into_owned(),
                            String::from_utf8_lossy(v).into_owned(),
                        )
                    })
                    .collect(),
            )),
            Token::Error(e) => panic!("HTML error {e:?} in\n{html}"),
            _ => {}
        }
    }
    tags
}

/// The text of `<title>`.
fn title(html: &str) -> String {
    let start = html.find("<title>").expect("a title") + "<title>".len();
    let end = html[start..].find("</title>").expect("a closed title") + start;
    html[start..end].to_owned()
}

fn addresses(list: Option<&mail_parser::Address>) -> Vec<String> {
    list.map(|l| {
        l.iter()
            .map(|a| match a.name() {
                Some(name) => format!("{name} <{}>", a.address().unwrap_or("")),
                None => a.address().unwrap_or("").to_owned(),
            })
            .collect()
    })
    .unwrap_or_default()
}

#[test]
fn the_weekly_draft_is_text_and_html_alternatives_with_the_report_title_as_subject() {
    let ws = workspace();
    let (_, bytes) = draft(&ws, &["report", "weekly", "--format", "eml"]);
    let message = parse(&bytes);
    let (text, html) = alternatives(&message);
    let subject = "Citizen Diplomat — weekly report — 21 – 27 Nov 2026";
    assert_eq!(message.subject(), Some(subject));
    assert_eq!(title(&html), subject);
    // RFC 2047 on the wire: the raw header is ASCII.
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.is_ascii(), "the message is 7-bit:\n{raw}");
    assert!(raw.contains("Subject: =?utf-8?"), "{raw}");
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(
        message.header_raw("MIME-Version").map(str::trim),
        Some("1.0")
    );
    assert!(message.date().is_some(), "a Date: header");
    // The text part is the report as plain text (its layout: tests/cli/office_pages.rs).
    assert!(
        text.starts_with("Citizen Diplomat — weekly report — Isfahan\r\n====="),
        "{text}"
    );
    assert!(!text.contains("**") && !text.contains('|'), "{text}");
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"), "{html}");
}

/// The draft is dated in the analyst's time zone, as a mail client writes a draft: Isfahan's
/// office sees +0330, not a UTC time three and a half hours off.
#[test]
fn the_draft_is_dated_in_the_local_time_zone() {
    let ws = workspace();
    let path = ws.root().join("draft.eml");
    let mut cmd = ws.cmd(["report", "weekly", "--format", "eml", "-o"]);
    cmd.arg(&path).env("TZ", "<+0330>-3:30");
    Run::of("report weekly --format eml (TZ +0330)", &mut cmd).code(0);
    let bytes = std::fs::read(&path).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    let date = raw
        .lines()
        .find_map(|l| l.strip_prefix("Date: "))
        .unwrap_or_else(|| panic!("no Date: header:\n{raw}"));
    assert!(date.trim_end().ends_with("+0330"), "{date}");
    let parsed = parse(&bytes)
        .date()
        .cloned()
        .expect("a Date: a mail parser reads");
    assert_eq!(
        (parsed.tz_before_gmt, parsed.tz_hour, parsed.tz_minute),
        (false, 3, 30)
    );
}

#[test]
fn the_persian_draft_has_a_persian_subject_in_the_chosen_calendar_and_reads_right_to_left() {
    let ws = workspace();
    let (_, bytes) = draft(
        &ws,
        &[
            "report",
            "weekly",
            "--format",
            "eml",
            "--lang",
            "fa",
            "--calendar",
            "jalali",
        ],
    );
    let message = parse(&bytes);
    let (_, html) = alternatives(&message);
    let subject = "شهروند دیپلمات — گزارش هفتگی — ۳۰ آبان – ۶ آذر ۱۴۰۵";
    assert_eq!(message.subject(), Some(subject));
    assert_eq!(title(&html), subject);
    let tags = tags(&html);
    for element in ["html", "body"] {
        let (_, attrs) = tags.iter().find(|(n, _)| n == element).expect(element);
        assert!(
            attrs.contains(&("dir".into(), "rtl".into())),
            "<{element}> is right-to-left: {attrs:?}"
        );
    }
    let (_, html_attrs) = &tags[0];
    assert!(html_attrs.contains(&("lang".into(), "fa".into())));
}

#[test]
fn the_html_part_has_inline_styles_only_and_loads_nothing() {
    let ws = workspace();
    // A workspace template may write links: only https ones survive in an e-mail.
    ws.file(
        "templates/weekly.md.j2",
        "# {{ labels.weekly_title }}\n\n**{{ labels.period }}:** {{ from | date }}\n\n\
         [ok](https://example.org/ok) [plain](http://example.org/plain) [js](javascript:alert(1)) \
         ![img](https://example.org/i.png) <img src=\"https://example.org/x.png\"> \
         <style>p{}</style> <script>alert(1)</script>\n\n| a | b |\n| --- | :-: |\n| 1 | 2 |\n",
    );
    let (_, bytes) = draft(&ws, &["report", "weekly", "--format", "eml"]);
    let message = parse(&bytes);
    let (_, html) = alternatives(&message);
    let lower = html.to_lowercase();
    for banned in ["<style", "<svg", "<script", "<img", "<link"] {
        assert!(!lower.contains(banned), "{banned} in\n{html}");
    }
    let tags = tags(&html);
    let mut hrefs = Vec::new();
    let mut chart_cells = 0;
    for (name, attrs) in &tags {
        for (key, value) in attrs {
            let key = key.to_lowercase();
            assert!(
                !["src", "srcset", "background", "action", "data"].contains(&key.as_str())
                    && !key.starts_with("on"),
                "<{name} {key}={value:?}>"
            );
            if key == "href" {
                hrefs.push(value.clone());
            }
            if key == "bgcolor" {
                chart_cells += 1;
            }
        }
    }
    assert_eq!(hrefs, ["https://example.org/ok"]);
    assert!(tags.iter().all(|(name, _)| name != "style"));
    // The readiness chart is table cells: a bar per city, each of one or two cells.
    assert!(chart_cells >= 3, "a bar per city:\n{html}");
    // Every element pulldown-cmark writes carries its own style.
    for element in ["h1", "p", "table", "th", "td"] {
        assert!(
            tags.iter()
                .filter(|(n, _)| n == element)
                .all(|(_, attrs)| attrs.iter().any(|(k, _)| k == "style")),
            "every <{element}> is styled:\n{html}"
        );
    }
}

#[test]
fn addresses_come_from_the_settings_and_flags_win() {
    let ws = workspace();
    ws.file(
        "diplomat.yaml",
        "report:\n  from: \"International Affairs Office <intl@example.org>\"\n  to: [\"Directors <directors@example.org>\", deputy@example.org]\n  cc: [\"نرگس توکلی <narges@example.org>\"]\n",
    );
    let (run, bytes) = draft(&ws, &["report", "weekly", "--format", "eml"]);
    assert!(!run.stderr.contains("placeholder"), "{run}");
    let message = parse(&bytes);
    assert_eq!(
        addresses(message.from()),
        ["International Affairs Office <intl@example.org>"]
    );
    assert_eq!(
        addresses(message.to()),
        ["Directors <directors@example.org>", "deputy@example.org"]
    );
    assert_eq!(addresses(message.cc()), ["نرگس توکلی <narges@example.org>"]);

    let (_, bytes) = draft(
        &ws,
        &[
            "report",
            "weekly",
            "--format",
            "eml",
            "--mail-from",
            "Ali Rahimi <ali@example.org>",
            "--mail-to",
            "board@example.org",
            "--mail-to",
            "Mayor's office <mayor@example.org>",
            "--mail-cc",
            "cc@example.org",
        ],
    );
    let message = parse(&bytes);
    assert_eq!(addresses(message.from()), ["Ali Rahimi <ali@example.org>"]);
    assert_eq!(
        addresses(message.to()),
        ["board@example.org", "Mayor's office <mayor@example.org>"]
    );
    assert_eq!(addresses(message.cc()), ["cc@example.org"]);
}

#[test]
fn without_addresses_the_draft_goes_to_undeliverable_placeholders_and_says_so() {
    let ws = workspace();
    // The `.eml` extension chooses the format.
    let (run, bytes) = draft(&ws, &["report", "weekly"]);
    run.stderr_has("no sender named")
        .stderr_has("no recipient named")
        .stderr_has("--mail-to");
    let message = parse(&bytes);
    assert_eq!(addresses(message.from()), ["analyst@example.invalid"]);
    assert_eq!(addresses(message.to()), ["directors@example.invalid"]);
    assert!(message.cc().is_none());

    let (run, _) = draft(&ws, &["-q", "report", "weekly"]);
    run.stderr_empty();
}

#[test]
fn a_bad_address_is_located_in_the_settings_or_blamed_on_its_flag() {
    let ws = workspace();
    ws.file(
        "diplomat.yaml",
        "language: en\nreport:\n  from: intl@example.org\n  to: [directors]\n  bcc: []\n",
    );
    let run = ws.run(&["report", "weekly", "--format", "eml"]);
    run.code(2)
        .stderr_has("diplomat.yaml:4:")
        .stderr_has("is not an e-mail address")
        .stderr_has("diplomat.yaml:5:3")
        .stderr_has("`bcc`");

    let ws = workspace();
    let run = ws.run(&[
        "report",
        "weekly",
        "--format",
        "eml",
        "--mail-to",
        "Directors <directors@example.org",
    ]);
    run.code(2).stderr_has("--mail-to");
    let run = ws.run(&[
        "--lang",
        "fa",
        "report",
        "weekly",
        "--format",
        "eml",
        "--mail-cc",
        "a b@example.org",
    ]);
    run.code(2)
        .stderr_has("--mail-cc")
        .stderr_has("نشانی ایمیل");
}

#[test]
fn roadmap_and_review_are_drafts_too() {
    let ws = workspace();
    let (_, bytes) = draft(&ws, &["report", "roadmap", "--format", "eml"]);
    let message = parse(&bytes);
    let (_, html) = alternatives(&message);
    assert_eq!(
        message.subject(),
        Some("Citizen Diplomat — joint action plan and roadmap — 26 November 2026")
    );
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    tags(&html);

    let (_, bytes) = draft(
        &ws,
        &[
            "report", "review", "florence", "--format", "eml", "--lang", "fa",
        ],
    );
    let message = parse(&bytes);
    let (_, html) = alternatives(&message);
    assert_eq!(message.subject(), Some("فلورانس — گزارش جلسهٔ بررسی پرونده"));
    assert!(html.contains("dir=\"rtl\""));
    tags(&html);
}

#[test]
fn lists_refuse_the_eml_format() {
    let ws = workspace();
    ws.run(&["city", "list", "--format", "eml"])
        .code(2)
        .stderr_has("--format eml");
}

/// On a terminal, a draft is refused (a MIME message is not for reading there); through `-o`
/// or a pipe it is written. Needs util-linux `script` for a terminal; skipped without it.
#[test]
fn a_draft_is_not_written_to_a_terminal() {
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: no `script` to give the run a terminal");
        return;
    }
    let ws = workspace();
    let bin = assert_cmd::cargo::cargo_bin("diplomat");
    let command = format!(
        "'{}' -C '{}' report weekly --format eml",
        bin.display(),
        ws.root().display()
    );
    let mut cmd = std::process::Command::new("script");
    cmd.env_clear()
        .envs(crate::support::hermetic_env())
        .args(["-qec", &command, "/dev/null"]);
    let output = cmd.output().expect("script runs");
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("not text for the terminal"), "{said}");
    assert!(!said.contains("MIME-Version"), "{said}");
}
