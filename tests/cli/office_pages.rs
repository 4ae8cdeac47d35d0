//! The reports as a browser and a mail client show them, made from `examples/demo` in English
//! and Persian: the HTML pages and the e-mail's HTML part read back with a real HTML tokenizer
//! (html5gum), the e-mail drafts with a real MIME parser (mail-parser).

use html5gum::{DefaultEmitter, Token, Tokenizer};
use mail_parser::MessageParser;

use crate::demo::demo_copy;
use crate::office::run_in;

/// What `args` print in a fresh copy of the demo (the week of 2026-11-26).
fn output(args: &[&str]) -> String {
    let dir = demo_copy();
    let run = run_in(dir.path(), args);
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    run.stdout
}

/// The text/plain and text/html parts of the e-mail draft `args` write.
fn draft(args: &[&str]) -> (String, String) {
    let dir = demo_copy();
    let run = run_in(
        dir.path(),
        &[args, &["--format", "eml", "-o", "d.eml"]].concat(),
    );
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    let bytes = std::fs::read(dir.path().join("d.eml")).expect("the draft is written");
    let message = MessageParser::default()
        .parse(&bytes)
        .expect("a MIME message");
    (
        message.body_text(0).expect("a text part").into_owned(),
        message.body_html(0).expect("an HTML part").into_owned(),
    )
}

/// An element of the page as the tokenizer reads it, with the text directly in it.
#[derive(Debug, Clone)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Element {
    fn attr(&self, name: &str) -> &str {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The element's inline style has `property:value` (spaces ignored).
    fn styled(&self, property: &str) -> bool {
        self.attr("style")
            .replace(' ', "")
            .split(';')
            .any(|d| d == property)
    }
}

/// Every piece of text of the page with the elements open around it, outermost first; and
/// every start tag. Panics on any tokenizer error.
fn read(html: &str) -> (Vec<(Vec<Element>, String)>, Vec<Element>) {
    const VOID: &[&str] = &["meta", "br", "hr", "img", "link", "input", "col", "wbr"];
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let (mut open, mut texts, mut tags) = (Vec::<Element>::new(), Vec::new(), Vec::new());
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        match token.expect("the tokenizer reads the page") {
            Token::StartTag(tag) => {
                let element = Element {
                    name: text(&tag.name),
                    attributes: tag
                        .attributes
                        .iter()
                        .map(|(k, v)| (text(k), text(v)))
                        .collect(),
                };
                tags.push(element.clone());
                if !tag.self_closing && !VOID.contains(&element.name.as_str()) {
                    open.push(element);
                }
            }
            Token::EndTag(tag) => {
                let name = text(&tag.name);
                if let Some(at) = open.iter().rposition(|e| e.name == name) {
                    open.truncate(at);
                }
            }
            Token::String(s) => texts.push((open.clone(), text(&s))),
            Token::Error(e) => panic!("HTML error {e:?} in\n{html}"),
            _ => {}
        }
    }
    (texts, tags)
}

/// The dates (`2026-12-01`, `۱۴۰۵/۰۹/۱۰`) and action or event ids (`a-r2mq`) in `text`.
fn dates_and_ids(text: &str) -> Vec<String> {
    let digit = |c: char| c.is_ascii_digit() || ('۰'..='۹').contains(&c);
    let mut found = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/')) {
        let parts: Vec<&str> = word.split(['-', '/']).collect();
        let date = parts.len() == 3
            && parts[0].chars().count() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().count() <= 4 && p.chars().all(digit));
        let id = parts.len() == 2
            && parts[0].len() == 1
            && parts[0].chars().all(|c| c.is_ascii_lowercase())
            && parts[1].len() == 4
            && parts[1].chars().any(|c| c.is_ascii_digit())
            && parts[1]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if date || id {
            found.push(word.to_owned());
        }
    }
    found
}

/// A number as the reports print it in a table cell: `6`, `۶/۱۱ (+۱)`, `−2`, `=`, `—`.
fn is_number(text: &str) -> bool {
    let text = text
        .trim_matches(|c| c == '\u{2068}' || c == '\u{2069}')
        .trim();
    !text.is_empty()
        && text.chars().any(|c| c.is_numeric() || c == '=')
        && text
            .chars()
            .all(|c| c.is_numeric() || " +−=/()".contains(c))
}

/// Every date and id of the page is inside an element that does not wrap (`white-space:
/// nowrap`); every table cell holding a number is right-aligned and does not wrap. Returns how
/// many of each it saw.
fn check_nowrap_and_numbers(html: &str, what: &str) -> (usize, usize) {
    let (texts, _) = read(html);
    let (mut values, mut numbers) = (0, 0);
    for (open, text) in &texts {
        let nowrap = open.iter().any(|e| e.styled("white-space:nowrap"));
        for value in dates_and_ids(text) {
            assert!(nowrap, "{what}: {value} may break, in {open:?}");
            values += 1;
        }
        if let Some(cell) = open.iter().rev().find(|e| e.name == "td")
            && is_number(text)
        {
            assert!(
                cell.styled("text-align:right"),
                "{what}: {text} in {cell:?}"
            );
            assert!(nowrap, "{what}: {text} may break");
            numbers += 1;
        }
    }
    (values, numbers)
}

/// Dates, ids and numbers never break, on the page and in the e-mail, in both languages; the
/// numbers of the weekly report's tables are right-aligned.
#[test]
fn dates_ids_and_numbers_never_break_and_numbers_are_right_aligned() {
    for lang in ["en", "fa"] {
        for (report, min_numbers) in [
            (&["report", "weekly"][..], 20),
            (&["report", "review", "barcelona"][..], 0),
        ] {
            let args = [&["--lang", lang][..], report].concat();
            let page = output(&[&args[..], &["--format", "html"]].concat());
            let what = format!("{lang} {report:?}");
            let (values, numbers) = check_nowrap_and_numbers(&page, &what);
            assert!(values >= 10, "{what}: {values} dates and ids");
            assert!(numbers >= min_numbers, "{what}: {numbers} numbers");
            let (_, html) = draft(&args);
            let (mail_values, mail_numbers) = check_nowrap_and_numbers(&html, &what);
            // The e-mail's readiness chart is drawn with table cells, its counts numbers too.
            assert!(
                mail_values >= values && mail_numbers >= numbers,
                "{what}: e-mail"
            );
        }
    }
}

/// The review brief's questions are a numbered list (`1.` in the Markdown, `<ol>` in HTML),
/// shown with Persian numerals in Persian by the list style, on the page and in the e-mail.
#[test]
fn the_review_questions_are_a_numbered_list_with_persian_numerals_in_persian() {
    for lang in ["en", "fa"] {
        let args = ["--lang", lang, "report", "review", "barcelona"];
        let markdown = output(&args);
        let questions: Vec<&str> = markdown
            .lines()
            .skip_while(|l| {
                !l.starts_with("## ") || !(l.contains("Questions") || l.contains("پرسش"))
            })
            .skip(2)
            .take_while(|l| !l.is_empty())
            .collect();
        assert_eq!(questions.len(), 5, "{markdown}");
        for (i, q) in questions.iter().enumerate() {
            assert!(q.starts_with(&format!("{}. ", i + 1)), "{q}");
        }
        let page = output(&[&args[..], &["--format", "html"]].concat());
        let (_, html) = draft(&args);
        for (what, html) in [("page", &page), ("e-mail", &html)] {
            let (texts, tags) = read(html);
            let lists: Vec<&Element> = tags.iter().filter(|t| t.name == "ol").collect();
            assert_eq!(lists.len(), 1, "{lang} {what}: {lists:?}");
            let items = texts
                .iter()
                .filter(|(open, t)| {
                    open.last().is_some_and(|e| e.name == "li")
                        && open.iter().any(|e| e.name == "ol")
                        && !t.trim().is_empty()
                })
                .count();
            assert_eq!(items, 5, "{lang} {what}");
            let persian = match what {
                "page" => {
                    let (style, _) = texts
                        .iter()
                        .map(|(open, t)| (t, open))
                        .find(|(_, open)| open.last().is_some_and(|e| e.name == "style"))
                        .expect("a style sheet");
                    // One style sheet for both languages: the rule holds for a Persian page.
                    let html = tags.iter().find(|t| t.name == "html").expect("<html>");
                    style.contains("html[lang=fa] ol{list-style-type:persian}")
                        && html.attr("lang") == "fa"
                }
                _ => lists[0].styled("list-style-type:persian"),
            };
            assert_eq!(persian, lang == "fa", "{lang} {what}: {lists:?}");
        }
    }
}

/// A move from one status to another reads old to new: an arrow in English, words in Persian
/// (an arrow in a right-to-left line points at the old status).
#[test]
fn a_move_reads_old_to_new_in_both_directions() {
    let english = output(&["report", "weekly"]);
    assert!(
        english.contains("Relationship: dormant → reactivating (2026-11-23)"),
        "{english}"
    );
    let persian = output(&["--lang", "fa", "report", "weekly"]);
    assert!(!persian.contains('→'), "{persian}");
    assert!(
        persian.contains("رابطه: از راکد به در حال احیا (۲۰۲۶-۱۱-۲۳)"),
        "{persian}"
    );
}

/// The e-mail's text part reads as text in a text mail client: no Markdown markup (`**`, `|`,
/// `#`), no line wider than 72 columns, tables as columns or "label: value" blocks, every
/// Persian line marked right to left (RLM), in both languages; the weekly report whole.
#[test]
fn the_text_part_of_a_draft_reads_as_text() {
    use unicode_width::UnicodeWidthStr;
    for lang in ["en", "fa"] {
        for report in [
            &["report", "weekly"][..],
            &["report", "review", "barcelona"][..],
        ] {
            let args = [&["--lang", lang][..], report].concat();
            let (text, _) = draft(&args);
            let text = text.replace("\r\n", "\n");
            let what = format!("{lang} {report:?}");
            assert!(text.lines().count() > 40, "{what}:\n{text}");
            for line in text.lines() {
                assert!(
                    line.width() <= 72,
                    "{what}: {} columns: {line}",
                    line.width()
                );
                assert!(
                    !line.contains("**") && !line.contains('|'),
                    "{what}: {line}"
                );
                let start = line.trim_start_matches('\u{200F}');
                assert!(!start.starts_with('#'), "{what}: {line}");
                assert_eq!(
                    lang == "fa" && !line.is_empty(),
                    line.starts_with('\u{200F}'),
                    "{what}: {line:?}"
                );
                // No isolate left open at the end of a line, nor closed without an opening.
                let mut depth = 0i32;
                for c in line.chars() {
                    match c {
                        '\u{2066}'..='\u{2068}' => depth += 1,
                        '\u{2069}' => depth -= 1,
                        _ => {}
                    }
                    assert!(depth >= 0, "{what}: {line:?}");
                }
                assert_eq!(depth, 0, "{what}: {line:?}");
            }
            if report[1] == "weekly" {
                let shown = text
                    .replace('\u{2068}', "{FSI}")
                    .replace('\u{2069}', "{PDI}")
                    .replace('\u{200F}', "{RLM}");
                insta::assert_snapshot!(format!("text_part_of_the_weekly_draft_{lang}"), shown);
            }
        }
    }
}
