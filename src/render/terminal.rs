//! A Markdown report laid out for a terminal of known width (a report printed to standard
//! output with `COLUMNS` set or on a terminal; a file or a pipe gets the Markdown as it is).
//!
//! It stays Markdown wherever Markdown can say it: a paragraph, heading or list item wider than
//! the terminal is wrapped between words (a list item's continuation indented under its text,
//! which Markdown reads as the same item); a code block is left alone. A table wider than the
//! terminal cannot stay a pipe table (a row of one is one line), so it is drawn as the lists'
//! tables are ([`Table::to_terminal`]): its columns wrapped between words, none left out (a
//! report says what it says whole). A table that fits stays a pipe table.

use super::table::{Table, Tone};
use super::wrap;
use crate::i18n::Lang;
use crate::text::display_width;

/// `markdown` fitted to `width` terminal cells.
pub fn fit(markdown: &str, width: u16, lang: Lang) -> String {
    let room = usize::from(width);
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 8);
    let lines: Vec<&str> = markdown.split('\n').collect();
    let mut fenced = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let last = i + 1 == lines.len();
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && is_table_row(line) {
            let end = (i..lines.len())
                .find(|k| !is_table_row(lines[*k]))
                .unwrap_or(lines.len());
            let block = &lines[i..end];
            if block.iter().all(|l| display_width(l) <= room) {
                for l in block {
                    out.push_str(l);
                    out.push('\n');
                }
            } else {
                out.push_str(&table(block).to_terminal(Some(width), false, lang));
            }
            i = end;
            continue;
        }
        if fenced || display_width(line) <= room {
            out.push_str(line);
        } else {
            let hang = marker_width(line);
            out.push_str(&wrap::hanging(line, room, hang).join("\n"));
        }
        if !last {
            out.push('\n');
        }
        i += 1;
    }
    out
}

/// A row of a pipe table: `| a | b |`.
fn is_table_row(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 2 && t.starts_with('|') && t.ends_with('|')
}

/// The width of a list item's marker and the space after it (`- `, `1. `, `12) `), under
/// which its continuation lines go; 0 for a line that is not a list item.
fn marker_width(line: &str) -> usize {
    let t = line.trim_start_matches(' ');
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return 2;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = &t[digits..];
    if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return digits + 2;
    }
    0
}

/// A pipe table's rows as a [`Table`]: the first row its header, the rule under it skipped,
/// every column wrapping.
fn table(block: &[&str]) -> Table {
    let mut rows = block.iter().map(|l| cells(l));
    let mut t = Table::new(rows.next().unwrap_or_default());
    for row in rows {
        if row
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
        {
            continue;
        }
        t.push(row.into_iter().map(|c| (c, Tone::Plain)).collect());
    }
    t.wrap = (0..t.headers.len()).collect();
    t
}

/// The cells of a pipe-table row, split at the pipes that are not escaped (`\|`), trimmed.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        if c == '|' && !escaped {
            out.push(cell.trim().to_owned());
            cell.clear();
            continue;
        }
        escaped = c == '\\' && !escaped;
        cell.push(c);
    }
    out.push(cell.trim().to_owned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_and_list_items_wrap_under_their_text() {
        let md = "# Report\n\n- 2026-11-24 · call · **Video call with the embassy's commercial counsellor** — agreed\n\nA short line.";
        let fitted = fit(md, 40, Lang::En);
        assert_eq!(
            fitted,
            "# Report\n\n- 2026-11-24 · call · **Video call with\n  the embassy's commercial counsellor**\n  — agreed\n\nA short line."
        );
    }

    #[test]
    fn a_wide_table_is_drawn_fitted_and_a_narrow_one_stays() {
        let md = "| City | Title |\n| --- | --- |\n| Barcelona | Ask the embassy for the list of Spanish importers of handicrafts |\n\n| City | Met |\n| --- | --- |\n| Kazan | 6/11 |\n";
        let fitted = fit(md, 40, Lang::En);
        for line in fitted.lines() {
            assert!(display_width(line) <= 40, "{line:?}\n{fitted}");
        }
        assert!(fitted.contains("| Kazan | 6/11 |"), "{fitted}");
        assert!(!fitted.contains("| Barcelona"), "{fitted}");
        for word in "Ask the embassy for the list of Spanish importers of handicrafts".split(' ') {
            assert!(
                fitted.lines().any(|l| l.split(' ').any(|w| w == word)),
                "{word}\n{fitted}"
            );
        }
    }

    #[test]
    fn escaped_pipes_stay_in_their_cell() {
        assert_eq!(cells("| a \\| b | c |"), ["a \\| b", "c"]);
    }
}
