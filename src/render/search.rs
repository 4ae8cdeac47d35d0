//! `search` hits as a table for a terminal or a Markdown page, each match highlighted: in
//! color on a terminal, `**bold**` in Markdown. (JSON, YAML and CSV carry the plain snippet.)
//!
//! The table is laid out with the matches marked by two characters that take no column
//! ([`OPEN`], [`CLOSE`]), so that it is measured as it is shown; they become the highlight
//! once the lines are made ([`highlight`]).

use crate::calendar::{self, Calendar};
use crate::i18n::Lang;
use crate::query::search::Hit;
use crate::render::table::{Table, Tone};
use crate::text::visible;

/// Where a match begins and ends in a cell: WORD JOINER and INVISIBLE SEPARATOR, which take
/// no column; in dossier text they are shown as escapes ([`shown`]), so these are ours.
const OPEN: char = '\u{2060}';
const CLOSE: char = '\u{2063}';

/// The hits as a table: where, the record, the field and the text around the match.
pub fn table(hits: &[Hit], lang: Lang, calendar: Calendar) -> Table {
    let headers = match lang {
        Lang::En => ["where", "record", "field", "text"],
        Lang::Fa => ["کجا", "مدخل", "فیلد", "متن"],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![1, 3];
    // On a narrow terminal: the field, then the record go first; where and the text stay.
    table.drop = vec![2, 1];
    for hit in hits {
        let place = format!("{}:{}:{}", hit.file, hit.line, hit.column);
        table.push(vec![
            (lang.embed(&shown(&place)).into_owned(), Tone::Plain),
            (record(hit, lang, calendar), Tone::Plain),
            (lang.embed(&shown(&hit.field)).into_owned(), Tone::Plain),
            (lang.embed(&marked(hit)).into_owned(), Tone::Plain),
        ]);
    }
    table.footer.push(count(hits, lang));
    table
}

/// The record a hit is in: its kind, its id (or date), and its title.
fn record(hit: &Hit, lang: Lang, calendar: Calendar) -> String {
    let mut cell = hit.kind.label(lang).to_owned();
    if let Some(id) = &hit.id {
        cell.push(' ');
        cell.push_str(&lang.embed(&shown(id)));
    } else if let Some(date) = hit.date {
        cell.push(' ');
        cell.push_str(&calendar::format_date(date, calendar, lang));
    }
    // A hit in the title itself shows it as its text.
    let in_title = matches!(hit.field.as_str(), "title" | "name");
    if let Some(title) = hit
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty() && !in_title)
    {
        cell.push_str(" · ");
        cell.push_str(&lang.embed(&shown(title)));
    }
    cell
}

/// Dossier text as a cell shows it ([`visible`]), and our marks' characters as escapes.
fn shown(text: &str) -> String {
    let text = visible(text);
    if text.contains([OPEN, CLOSE]) {
        text.replace(OPEN, "\\u{2060}").replace(CLOSE, "\\u{2063}")
    } else {
        text.into_owned()
    }
}

/// The snippet with its matches between [`OPEN`] and [`CLOSE`]. Each piece is made
/// [`visible`] on its own, so a bidi control in one cannot reach past a mark.
fn marked(hit: &Hit) -> String {
    let text = &hit.snippet.text;
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for mark in &hit.snippet.marks {
        out.push_str(&shown(&text[at..mark.start]));
        out.push(OPEN);
        out.push_str(&shown(&text[mark.clone()]));
        out.push(CLOSE);
        at = mark.end;
    }
    out.push_str(&shown(&text[at..]));
    out
}

/// "5 matches in 2 cities", "1 match in the pool".
fn count(hits: &[Hit], lang: Lang) -> String {
    let mut cities: Vec<&str> = hits.iter().filter_map(|h| h.city.as_deref()).collect();
    cities.sort_unstable();
    cities.dedup();
    let pool = hits.iter().any(|h| h.city.is_none());
    let (n, c) = (lang.num(hits.len()), lang.num(cities.len()));
    let matches = match (lang, hits.len()) {
        (Lang::En, 1) => "1 match".to_owned(),
        (Lang::En, _) => format!("{n} matches"),
        (Lang::Fa, _) => format!("{n} مورد"),
    };
    let place = match (lang, cities.len(), pool) {
        (Lang::En, 0, _) => "in the pool".to_owned(),
        (Lang::En, 1, _) => "in 1 city".to_owned(),
        (Lang::En, _, _) => format!("in {c} cities"),
        (Lang::Fa, 0, _) => "در فهرست داوطلبان".to_owned(),
        (Lang::Fa, _, _) => format!("در {c} شهر"),
    };
    let pool = match (pool && !cities.is_empty(), lang) {
        (false, _) => "",
        (true, Lang::En) => " and the pool",
        (true, Lang::Fa) => " و فهرست داوطلبان",
    };
    format!("{matches} {place}{pool}")
}

/// The rendered table with its marks made highlights: `**bold**` in Markdown; on a terminal
/// bold red when `color` is on (closed at the end of a line a match was wrapped over), else
/// nothing.
pub fn highlight(rendered: &str, markdown: bool, color: bool) -> String {
    if markdown {
        return rendered.replace([OPEN, CLOSE], "**");
    }
    if !color {
        return rendered.replace([OPEN, CLOSE], "");
    }
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let (on, off) = (style.render().to_string(), style.render_reset().to_string());
    let mut out = String::with_capacity(rendered.len() + 64);
    for line in rendered.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let mut open = false;
        for c in body.chars() {
            match c {
                OPEN => {
                    out.push_str(&on);
                    open = true;
                }
                CLOSE => {
                    if open {
                        out.push_str(&off);
                    }
                    open = false;
                }
                c => out.push(c),
            }
        }
        if open {
            out.push_str(&off);
        }
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::display_width;

    #[test]
    fn marks_take_no_column() {
        assert_eq!(display_width(&format!("a{OPEN}b{CLOSE}c")), 3);
        assert_eq!(
            visible(&format!("{OPEN}x{CLOSE}")),
            format!("{OPEN}x{CLOSE}")
        );
        assert_eq!(
            crate::render::markdown::escape(&format!("{OPEN}x{CLOSE}")),
            format!("{OPEN}x{CLOSE}")
        );
    }

    #[test]
    fn highlights() {
        let text = format!("a {OPEN}halal{CLOSE} b\n");
        assert_eq!(highlight(&text, true, false), "a **halal** b\n");
        assert_eq!(highlight(&text, false, false), "a halal b\n");
        assert_eq!(
            highlight(&text, false, true),
            "a \u{1b}[1m\u{1b}[31mhalal\u{1b}[0m b\n"
        );
        // A match wrapped over two lines is closed at the end of the first.
        let wrapped = format!("a {OPEN}hal\nal{CLOSE} b\n");
        assert_eq!(
            highlight(&wrapped, false, true),
            "a \u{1b}[1m\u{1b}[31mhal\u{1b}[0m\nal b\n"
        );
    }
}
