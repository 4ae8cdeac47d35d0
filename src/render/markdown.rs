//! Dossier text in Markdown: the one place where a value becomes Markdown text.
//!
//! A value typed into a dossier must read back as exactly that text, wherever a template or a
//! table puts it: in a table cell, after a list marker, in a heading or in bold. So every value
//! is escaped here, once, and never forms Markdown syntax (a cell border, a link, an image,
//! emphasis, a code span, raw HTML, an entity or a block such as a heading or a list).

use crate::text::visible;

/// `text` as inline CommonMark + GFM text that renders as exactly `text`.
///
/// Line breaks become spaces (a value is one line: a break would end a table row) and leading
/// and trailing white space is dropped (four leading spaces would start a code block).
/// Control characters are shown as escapes ([`visible`]: the page is read in a terminal and
/// pasted into e-mail too), so a CR is `\r`: YAML reads every line break of a file as LF, and
/// a CR in a value was written as `"\r"` on purpose.
/// Characters that can start inline syntax anywhere are backslash-escaped: `\` `` ` `` `*` `[`
/// `]` `<` `>` `&` `|` `#` `~`, and `_` unless inside a word. `\|` holds in table cells too
/// (GFM un-escapes it before inline parsing, and `\\` stays a backslash). A value may begin a
/// line (`- {{ x }}`), so a leading block marker is escaped as well: `-`, `+`, `=`, or the
/// `.`/`)` of `1.`.
pub fn escape(text: &str) -> String {
    let text = visible(text.trim());
    let text = text.as_ref();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    if let Some(first @ ('-' | '+' | '=')) = chars.peek().copied() {
        out.push('\\');
        out.push(first);
        chars.next();
    } else {
        // `1.` or `1)` opens an ordered list (at most nine digits).
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits) && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
            out.push_str(&text[..digits]);
            out.push('\\');
            out.push_str(&text[digits..=digits]);
            chars = text[digits + 1..].chars().peekable();
        }
    }
    let mut last = None;
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push(' '),
            // Inside a word `_` can neither open nor close emphasis: `private_sector` stays.
            '_' if last.is_some_and(char::is_alphanumeric)
                && chars.peek().is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push(c)
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        last = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::*;

    const HOSTILE: &[&str] = &[
        "Kazan | Qazan",
        r"a \| b",
        r"back\slash\",
        "`code` and ``two``",
        "*star* _under_ **bold** __bold__ a_b_c __init__ x__y__z _a_b_",
        "[x](javascript:alert(1))",
        "![i](https://example.org/i.png)",
        "<script>alert(1)</script>",
        "&amp; &#x27; &copy",
        "<https://example.org/auto>",
        "~~struck~~ ~one~",
        "# not a heading #",
        "- not a list",
        "+ not a list",
        "* not a list",
        "1. not a list",
        "12) not a list",
        "> not a quote",
        "= not a setext",
        "---",
        "***",
        "[ref]: /url",
        "trailing hash #",
        "plain text, with commas; and semicolons: fine.",
        "ends with a backslash \\",
        "فلورانس | Firenze",
    ];

    /// The text of `markdown` as pulldown-cmark (with GFM tables) sees it, and whether any
    /// event other than plain text and the given containers occurred.
    fn parse(markdown: &str) -> (Vec<String>, Vec<String>) {
        let mut cells = Vec::new();
        let mut current = String::new();
        let mut other = Vec::new();
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(t) => current.push_str(&t),
                Event::SoftBreak => current.push(' '),
                Event::End(TagEnd::TableCell | TagEnd::Paragraph | TagEnd::Item) => {
                    if !current.is_empty() {
                        cells.push(std::mem::take(&mut current));
                    }
                }
                Event::Start(
                    Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell
                    | Tag::Paragraph
                    | Tag::List(None)
                    | Tag::Item,
                )
                | Event::End(
                    TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::List(false),
                ) => {}
                e => other.push(format!("{e:?}")),
            }
        }
        (cells, other)
    }

    #[test]
    fn hostile_text_reads_back_exactly_in_a_table_cell() {
        for text in HOSTILE {
            let md = format!("| a | b |\n| --- | --- |\n| {} | x |\n", escape(text));
            let (cells, other) = parse(&md);
            assert_eq!(cells, ["a", "b", text, "x"], "{md}");
            assert!(other.is_empty(), "{md}: {other:?}");
        }
    }

    #[test]
    fn hostile_text_reads_back_exactly_in_a_paragraph_and_a_list_item() {
        for text in HOSTILE {
            for (md, expected) in [
                (escape(text), text.to_string()),
                (format!("- {}", escape(text)), text.to_string()),
                (
                    format!("x · {} · y", escape(text)),
                    format!("x · {text} · y"),
                ),
            ] {
                let (cells, other) = parse(&md);
                assert_eq!(cells, [expected], "{md}");
                assert!(other.is_empty(), "{md}: {other:?}");
            }
        }
    }

    #[test]
    fn hostile_text_reads_back_exactly_in_a_heading() {
        for text in HOSTILE {
            let md = format!("### {}\n", escape(text));
            let events: Vec<Event> = Parser::new(&md).collect();
            let (first, last) = (events.first(), events.last());
            assert!(
                matches!(first, Some(Event::Start(Tag::Heading { .. }))),
                "{md}"
            );
            assert!(matches!(last, Some(Event::End(TagEnd::Heading(_)))), "{md}");
            let mut read = String::new();
            for event in &events[1..events.len() - 1] {
                match event {
                    Event::Text(t) => read.push_str(t),
                    e => panic!("{md}: {e:?}"),
                }
            }
            assert_eq!(&read, text, "{md}");
        }
    }

    #[test]
    fn line_breaks_become_spaces_and_ends_are_trimmed() {
        assert_eq!(escape("  one\ntwo\nthree  "), "one two three");
        assert_eq!(escape("    code?"), "code?");
    }

    /// Control characters read back as their escapes (`\e`, `\r`), never as themselves.
    #[test]
    fn control_characters_read_back_as_escapes() {
        for (text, shown) in [
            ("a\u{1b}[2Jb", r"a\e[2Jb"),
            ("\u{1b}]8;;http://x\u{1b}\\link", r"\e]8;;http://x\e\link"),
            ("one\r\ntwo\rthree", r"one\r two\rthree"),
            ("evil\u{202e}txt", r"evil\u{202e}txt"),
            ("a\u{9b}31m", r"a\u{9b}31m"),
        ] {
            let md = escape(text);
            assert!(!md.contains(['\u{1b}', '\r', '\u{9b}', '\u{202e}']), "{md}");
            let (cells, other) = parse(&md);
            assert_eq!(cells, [shown], "{md}");
            assert!(other.is_empty(), "{md}: {other:?}");
        }
        // Balanced isolates and the ZWNJ are text.
        assert_eq!(escape("\u{2068}a-q3xh\u{2069}"), "\u{2068}a-q3xh\u{2069}");
        assert_eq!(escape("سن\u{200C}پترزبورگ"), "سن\u{200C}پترزبورگ");
    }

    #[test]
    fn plain_text_stays_readable() {
        assert_eq!(
            escape("Iran–Spain Chamber (2026), 3/11"),
            "Iran–Spain Chamber (2026), 3/11"
        );
        assert_eq!(escape("2026-11-24"), "2026-11-24");
        assert_eq!(escape("a-7k2m"), "a-7k2m");
        assert_eq!(escape("private_sector"), "private_sector");
    }
}
