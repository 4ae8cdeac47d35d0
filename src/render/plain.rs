//! A report's Markdown as plain text, for the text part of an e-mail draft (what a text mail
//! client such as mutt shows): no Markdown markup, lines wrapped at word boundaries, tables as
//! aligned columns or, where too wide, as blocks of "label: value" lines.
//!
//! - Headings are their text, a first-level one underlined with `=`, a second-level one with
//!   `-`; list items start with `•` or their number (`1.`, `۱.` in Persian); emphasis is
//!   dropped; a link's target follows its text in angle brackets.
//! - A line is never wider than `width` terminal columns (`unicode-width`: a Persian letter is
//!   one, ZWNJ and the bidi marks none), unless one word is: a word is never cut.
//! - A table whose columns fit is drawn as columns two spaces apart under a rule of dashes, a
//!   right-aligned column (numbers, `---:` in the Markdown) padded on its left in English; if
//!   only its widest column is too wide, that column wraps in its cell (down to 24 columns);
//!   else each row is a block of "label: value" lines, values wrapped beside their labels.
//! - Persian: every line starts with RLM (U+200F), so a client that applies the bidi
//!   algorithm line by line (each line is a paragraph to it) sets the line right to left even
//!   when it starts with a Latin name or a number; columns are padded after their text, so in
//!   a right-to-left line they line up at their right edges. Text of the other direction stays
//!   in its isolates, closed at the end of a line and opened again on the next when a wrap
//!   falls inside one.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, localize_digits};

/// The width of an e-mail's text: the column mail clients and RFC 3676 wrap at.
pub const MAIL_WIDTH: usize = 72;

/// Right-to-left mark: starts every line of a Persian text.
const RLM: char = '\u{200F}';

/// The narrowest a wrapped table column may become before the table is drawn as blocks.
const NARROWEST_COLUMN: usize = 24;

/// `markdown` as plain text in `lang`, no line wider than `width` (but a longer word).
pub fn text(markdown: &str, lang: Lang, width: usize) -> String {
    let mut writer = Writer {
        lang,
        width,
        out: Vec::new(),
        inline: String::new(),
        lists: Vec::new(),
        item_prefix: None,
        table: None,
        quote: 0,
        links: Vec::new(),
    };
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES);
    for event in pulldown_cmark::TextMergeStream::new(parser) {
        writer.event(event);
    }
    writer.flush_inline();
    let mut text = String::new();
    let mut blank = true;
    for line in writer.out {
        let line = line.trim_end();
        // One blank line between blocks, none at the start.
        if line.is_empty() {
            if !blank {
                text.push('\n');
            }
            blank = true;
            continue;
        }
        blank = false;
        if lang == Lang::Fa {
            text.push(RLM);
        }
        text.push_str(line);
        text.push('\n');
    }
    while text.ends_with("\n\n") {
        text.pop();
    }
    text
}

/// Terminal columns of `s`.
fn width_of(s: &str) -> usize {
    s.width()
}

struct List {
    /// The next item's number, for a numbered list.
    next: Option<u64>,
}

#[derive(Default)]
struct Table {
    alignments: Vec<Alignment>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    in_head: bool,
}

struct Writer {
    lang: Lang,
    width: usize,
    out: Vec<String>,
    /// The text of the block being read (a paragraph, a heading, an item, a cell).
    inline: String,
    lists: Vec<List>,
    /// The marker of an item whose first line is not written yet.
    item_prefix: Option<String>,
    table: Option<Table>,
    quote: usize,
    /// The targets of the links open.
    links: Vec<String>,
}

impl Writer {
    /// How far the current block is indented (lists, quotes).
    fn indent(&self) -> usize {
        self.lists.len() * 3 + self.quote * 2
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(Tag::Paragraph) => self.flush_inline(),
            Event::End(TagEnd::Paragraph) => {
                self.flush_inline();
                if self.lists.is_empty() {
                    self.out.push(String::new());
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                self.flush_inline();
                self.out.push(String::new());
            }
            Event::End(TagEnd::Heading(level)) => {
                let text = std::mem::take(&mut self.inline);
                let lines = wrap(text.trim(), self.width, "", "");
                let widest = lines.iter().map(|l| width_of(l)).max().unwrap_or(0);
                self.out.extend(lines);
                match level {
                    HeadingLevel::H1 => self.out.push("=".repeat(widest)),
                    HeadingLevel::H2 => self.out.push("-".repeat(widest)),
                    _ => {}
                }
                self.out.push(String::new());
            }
            Event::Start(Tag::List(first)) => {
                self.flush_inline();
                if self.lists.is_empty() {
                    self.out.push(String::new());
                }
                self.lists.push(List { next: first });
            }
            Event::End(TagEnd::List(_)) => {
                self.flush_inline();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.out.push(String::new());
                }
            }
            Event::Start(Tag::Item) => {
                self.flush_inline();
                let marker = match self.lists.last_mut() {
                    Some(List { next: Some(n) }) => {
                        let marker = format!("{}.", localize_digits(&n.to_string(), self.lang));
                        *n += 1;
                        marker
                    }
                    _ => "•".to_owned(),
                };
                self.item_prefix = Some(marker);
            }
            Event::End(TagEnd::Item) => self.flush_inline(),
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush_inline();
                self.quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.flush_inline();
                self.quote = self.quote.saturating_sub(1);
                self.out.push(String::new());
            }
            Event::Start(Tag::CodeBlock(_)) => self.flush_inline(),
            Event::End(TagEnd::CodeBlock) => {
                let code = std::mem::take(&mut self.inline);
                for line in code.lines() {
                    self.out.push(format!("    {line}"));
                }
                self.out.push(String::new());
            }
            Event::Start(Tag::Table(alignments)) => {
                self.flush_inline();
                self.table = Some(Table {
                    alignments,
                    ..Table::default()
                });
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            Event::End(TagEnd::TableCell) => {
                let cell = std::mem::take(&mut self.inline).trim().to_owned();
                if let Some(t) = &mut self.table {
                    match (t.in_head, t.rows.last_mut()) {
                        (true, _) => t.header.push(cell),
                        (false, Some(row)) => row.push(cell),
                        (false, None) => t.rows.push(vec![cell]),
                    }
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(table) = self.table.take() {
                    let lines = self.table_lines(&table);
                    self.out.push(String::new());
                    self.out.extend(lines);
                    self.out.push(String::new());
                }
            }
            // A link's target after its text, when it is a web address the text does not say.
            Event::Start(Tag::Link { dest_url, .. }) => self.links.push(dest_url.into_string()),
            Event::End(TagEnd::Link) => {
                let url = self.links.pop().unwrap_or_default();
                let lower = url.to_ascii_lowercase();
                let web = lower.starts_with("https://") || lower.starts_with("http://");
                if web && !self.inline.ends_with(url.as_str()) {
                    self.inline.push_str(&format!(" <{url}>"));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Text(text) | Event::Code(text) => self.inline.push_str(&text),
            // Raw HTML in a template is shown as text, as on the page.
            Event::Html(text) | Event::InlineHtml(text) => self.inline.push_str(&text),
            Event::SoftBreak => self.inline.push(' '),
            Event::HardBreak => self.inline.push('\n'),
            Event::Rule => {
                self.flush_inline();
                self.out.push(String::new());
                self.out.push("-".repeat(self.width.min(20)));
                self.out.push(String::new());
            }
            _ => {}
        }
    }

    /// Writes the text read so far as a wrapped block (an item's first line after its marker).
    fn flush_inline(&mut self) {
        let text = std::mem::take(&mut self.inline);
        let prefix = self.item_prefix.take();
        let text = text.trim();
        if text.is_empty() {
            if let Some(marker) = prefix {
                self.item_prefix = Some(marker);
            }
            return;
        }
        let indent = " ".repeat(self.indent());
        let (first, rest) = match &prefix {
            // The marker hangs in the indent: `•  text`, `1. text`, later lines under `text`.
            Some(marker) => {
                let outer = " ".repeat(self.indent().saturating_sub(3));
                let gap = 3usize.saturating_sub(width_of(marker)).max(1);
                (format!("{outer}{marker}{}", " ".repeat(gap)), indent)
            }
            None => (indent.clone(), indent),
        };
        for (i, line) in text.split('\n').enumerate() {
            let head = if i == 0 {
                first.as_str()
            } else {
                rest.as_str()
            };
            self.out.extend(wrap(line.trim(), self.width, head, &rest));
        }
    }

    /// A table as columns if they fit (wrapping its widest column if need be), else as blocks.
    fn table_lines(&self, table: &Table) -> Vec<String> {
        let columns = table
            .rows
            .iter()
            .map(Vec::len)
            .chain([table.header.len()])
            .max()
            .unwrap_or(0);
        let cell = |row: &[String], c: usize| row.get(c).map_or("", String::as_str).to_owned();
        let header: Vec<String> = (0..columns).map(|c| cell(&table.header, c)).collect();
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| (0..columns).map(|c| cell(r, c)).collect())
            .collect();
        let mut widths: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .map(|r| width_of(&r[c]))
                    .chain([width_of(&header[c])])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let gaps = 2 * columns.saturating_sub(1);
        let total: usize = widths.iter().sum::<usize>() + gaps;
        if total > self.width {
            let widest = (0..columns).max_by_key(|&c| widths[c]).unwrap_or(0);
            let others = total - widths.get(widest).copied().unwrap_or(0);
            let room = self.width.saturating_sub(others);
            let longest_word = rows
                .iter()
                .map(|r| &r[widest])
                .chain([&header[widest]])
                .flat_map(|c| c.split(' '))
                .map(width_of)
                .max()
                .unwrap_or(0);
            if room < NARROWEST_COLUMN || room < longest_word {
                return self.blocks(&header, &rows);
            }
            widths[widest] = room;
        }
        let right =
            |c: usize| self.lang == Lang::En && table.alignments.get(c) == Some(&Alignment::Right);
        let draw = |row: &[String], lines: &mut Vec<String>| {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .enumerate()
                .map(|(c, text)| wrap(text, widths[c], "", ""))
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for i in 0..height {
                let mut line = String::new();
                for (c, cell) in wrapped.iter().enumerate() {
                    let text = cell.get(i).map_or("", String::as_str);
                    let pad = " ".repeat(widths[c].saturating_sub(width_of(text)));
                    if c > 0 {
                        line.push_str("  ");
                    }
                    if right(c) {
                        line.push_str(&pad);
                        line.push_str(text);
                    } else {
                        line.push_str(text);
                        line.push_str(&pad);
                    }
                }
                lines.push(line.trim_end().to_owned());
            }
        };
        let mut lines = Vec::new();
        draw(&header, &mut lines);
        lines.push(
            widths
                .iter()
                .map(|w| "-".repeat(*w))
                .collect::<Vec<_>>()
                .join("  "),
        );
        for row in &rows {
            draw(row, &mut lines);
        }
        lines
    }

    /// Each row as lines of "label: value", the values lined up and wrapped beside their
    /// labels, a blank line between rows.
    fn blocks(&self, header: &[String], rows: &[Vec<String>]) -> Vec<String> {
        let labels: Vec<String> = header.iter().map(|h| format!("{h}:")).collect();
        let label_width = labels.iter().map(|l| width_of(l)).max().unwrap_or(0);
        // Labels as wide as half the line leave too little for values: then values go under.
        let beside = label_width < self.width / 2;
        let mut lines = Vec::new();
        for row in rows {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            for (label, value) in labels.iter().zip(row) {
                if beside {
                    let pad = " ".repeat(label_width + 1 - width_of(label));
                    let head = format!("{label}{pad}");
                    let rest = " ".repeat(label_width + 1);
                    lines.extend(wrap(value, self.width, &head, &rest));
                } else {
                    lines.push(label.clone());
                    lines.extend(wrap(value, self.width, "  ", "  "));
                }
            }
        }
        lines
    }
}

/// `text` in lines of at most `width` columns (a longer word alone on its line), the first
/// after `first`, the others after `rest`. A line break inside an isolate closes it at the end
/// of the line and opens it again on the next, so every line is balanced.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut line_width = width_of(first);
    let mut empty = true;
    // The isolates open at this point of the text, outermost first.
    let mut open: Vec<char> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = width_of(word);
        if !empty && line_width + 1 + w > width {
            for _ in &open {
                line.push(crate::text::PDI);
            }
            lines.push(std::mem::take(&mut line));
            line.push_str(rest);
            line.extend(open.iter());
            line_width = width_of(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += w;
        empty = false;
        for c in word.chars() {
            match c {
                '\u{2066}' | '\u{2067}' | '\u{2068}' => open.push(c),
                '\u{2069}' => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_isolates_take_no_column() {
        assert_eq!(width_of("\u{200F}\u{2068}a-7k2m\u{2069}"), 6);
        assert_eq!(width_of("سن\u{200C}پترزبورگ"), 10);
    }

    #[test]
    fn words_wrap_whole_and_a_long_word_stands_alone() {
        let lines = wrap("one two three four", 9, "- ", "  ");
        assert_eq!(lines, ["- one two", "  three", "  four"]);
        let lines = wrap("a verylongwordindeed b", 8, "", "");
        assert_eq!(lines, ["a", "verylongwordindeed", "b"]);
    }

    #[test]
    fn a_wrap_inside_an_isolate_closes_and_reopens_it() {
        let lines = wrap("با \u{2068}Reza Karimi and Sara\u{2069} دیدار", 12, "", "");
        for line in &lines {
            let opens = line.matches('\u{2068}').count();
            assert_eq!(opens, line.matches('\u{2069}').count(), "{lines:?}");
        }
        assert!(lines.len() > 2, "{lines:?}");
        let words: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split(' '))
            .map(|w| w.replace(['\u{2068}', '\u{2069}'], ""))
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words, ["با", "Reza", "Karimi", "and", "Sara", "دیدار"]);
    }

    #[test]
    fn markup_becomes_text() {
        let md = "# Title\n\n**Period:** 1 – 7\n\n## Aims\n\n| Aim | Now | Before |\n| --- | ---: | ---: |\n| Relations | 6 | 10 |\n\n- 2026-11-24 · call · **Video call**: agreed\n- ✓ done\n\n1. first\n2. second\n";
        let text = text(md, Lang::En, 72);
        assert_eq!(
            text,
            "Title\n=====\n\nPeriod: 1 – 7\n\nAims\n----\n\nAim        Now  Before\n---------  ---  ------\nRelations    6      10\n\n•  2026-11-24 · call · Video call: agreed\n•  ✓ done\n\n1. first\n2. second\n"
        );
    }

    #[test]
    fn a_wide_table_becomes_label_value_blocks() {
        let md = "| City | id | Title |\n| --- | --- | --- |\n| Kazan | a-7k2m | Send the handicrafts exhibition proposal to the city council before the counsellor's trip |\n";
        // At 40 columns the title keeps a column of its own (its narrowest is 24); at 30 it
        // cannot, and each row becomes a block.
        assert!(text(md, Lang::En, 40).starts_with("City   id      Title\n"));
        let text = text(md, Lang::En, 30);
        assert_eq!(
            text,
            "City:  Kazan\nid:    a-7k2m\nTitle: Send the handicrafts\n       exhibition proposal to\n       the city council before\n       the counsellor's trip\n"
        );
    }

    #[test]
    fn persian_lines_start_with_a_right_to_left_mark() {
        let text = text("## اقدام‌ها\n\n- \u{2068}a-7k2m\u{2069} باز\n", Lang::Fa, 72);
        assert!(
            text.lines().all(|l| l.is_empty() || l.starts_with(RLM)),
            "{text:?}"
        );
        assert!(text.contains("•  \u{2068}a-7k2m\u{2069} باز"), "{text:?}");
    }
}
