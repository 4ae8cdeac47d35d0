//! Rows of text printed as a terminal table or Markdown (CSV is data: see [`super::csv`]).
//!
//! Cells hold dossier text, so both renderers show its control characters as escapes
//! ([`visible`]): a name holding `ESC [2J` or an unclosed right-to-left override prints as
//! `\e[2J` or `\u{202e}` instead of clearing the screen or reversing the rest of the row.

use comfy_table::{
    Cell, Color, ColumnConstraint, ContentArrangement, LineStyle, Table as Comfy, TableStyle, Width,
};

use super::markdown;
use crate::text::{display_width, visible};

/// The narrowest a wrapped column gets.
const MIN_WRAPPED: usize = 16;

/// Quiet, like `cargo` and `gh`: only a rule under the header.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

/// Every column of `table` at its width found by [`Table::widths`].
fn fix_widths(table: &mut Comfy, widths: &[u16]) {
    for (column, width) in table.column_iter_mut().zip(widths) {
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*width)));
    }
}

/// A cell's meaning, so that each renderer can show it its own way (color on a terminal).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    #[default]
    Plain,
    Good,
    Warn,
    Bad,
    Dim,
}

#[derive(Clone, Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<(String, Tone)>>,
    /// Lines under the table (totals, gaps, warnings).
    pub footer: Vec<String>,
    /// Columns whose text may wrap to fit the terminal; the others keep their width, so
    /// slugs, dates and numbers are never broken.
    pub wrap: Vec<usize>,
}

impl Table {
    pub fn new(headers: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            headers: headers.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }

    pub fn push(&mut self, row: Vec<(String, Tone)>) {
        self.rows.push(row);
    }

    /// A terminal table; `width` is the terminal's, when known; `color` adds tones.
    pub fn to_terminal(&self, width: Option<u16>, color: bool) -> String {
        self.shown().terminal(width, color)
    }

    /// This table with every header, cell and footer line as the terminal shows it
    /// ([`visible`]), so that the layout is measured on what is printed.
    fn shown(&self) -> Table {
        // An age secret key is masked before wrapping could split it past the output's mask.
        let text = |s: &String| crate::problem::mask_secret_keys(&visible(s)).into_owned();
        Table {
            headers: self.headers.iter().map(text).collect(),
            rows: self
                .rows
                .iter()
                .map(|row| row.iter().map(|(t, tone)| (text(t), *tone)).collect())
                .collect(),
            footer: self.footer.iter().map(text).collect(),
            wrap: self.wrap.clone(),
        }
    }

    /// [`Table::to_terminal`] of a table already [`Table::shown`].
    ///
    /// comfy-table holds every cell several times over while it lays a table out (a check of
    /// 10,000 cities is 250 MiB of it). The columns' widths depend only on each column's
    /// distinct texts, so they are found on a table of those, and the rows are then printed a
    /// thousand at a time at those widths: the same lines, in a fraction of the memory.
    fn terminal(&self, width: Option<u16>, color: bool) -> String {
        let widths = self.widths(width);
        let mut header = self.comfy(color);
        header.set_header(self.headers.iter().map(Cell::new));
        fix_widths(&mut header, &widths);
        let mut out = header.to_string();
        out.push('\n');
        for chunk in self.rows.chunks(1000) {
            let mut table = self.comfy(color);
            for row in chunk {
                table.add_row(row.iter().map(|(text, tone)| {
                    let cell = Cell::new(text);
                    match (color, tone) {
                        (false, _) | (_, Tone::Plain) => cell,
                        (true, Tone::Good) => cell.fg(Color::Green),
                        (true, Tone::Warn) => cell.fg(Color::Yellow),
                        (true, Tone::Bad) => cell.fg(Color::Red),
                        (true, Tone::Dim) => cell.fg(Color::DarkGrey),
                    }
                }));
            }
            fix_widths(&mut table, &widths);
            out.push_str(&table.to_string());
            out.push('\n');
        }
        for line in &self.footer {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    fn comfy(&self, color: bool) -> Comfy {
        let mut table = Comfy::new();
        table.load_style(STYLE);
        if color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        table
    }

    /// Each column's width, padding included, as comfy-table lays out the whole table: read
    /// from the top border of a table of the header and each column's distinct texts.
    fn widths(&self, width: Option<u16>) -> Vec<u16> {
        let columns = self.headers.len();
        let mut distinct: Vec<Vec<&str>> = vec![Vec::new(); columns];
        let mut seen: Vec<std::collections::HashSet<&str>> =
            vec![std::collections::HashSet::new(); columns];
        for row in &self.rows {
            for (i, (text, _)) in row.iter().enumerate().take(columns) {
                if seen[i].insert(text.as_str()) {
                    distinct[i].push(text.as_str());
                }
            }
        }
        let mut probe = Comfy::new();
        probe.load_style(STYLE.top_border(LineStyle::none().fill('-').junction('+')));
        probe.force_no_tty();
        probe.set_header(self.headers.iter().map(Cell::new));
        let depth = distinct.iter().map(Vec::len).max().unwrap_or(0);
        for k in 0..depth {
            probe.add_row(
                distinct
                    .iter()
                    .map(|column| Cell::new(column.get(k).copied().unwrap_or(""))),
            );
        }
        if let Some(width) = width.filter(|w| self.fits(*w)) {
            probe.set_width(width);
            probe.set_content_arrangement(ContentArrangement::Dynamic);
            for (i, column) in probe.column_iter_mut().enumerate() {
                column.set_constraint(if self.wrap.contains(&i) {
                    ColumnConstraint::LowerBoundary(Width::Fixed(MIN_WRAPPED as u16))
                } else {
                    ColumnConstraint::ContentWidth
                });
            }
        }
        let top = probe.lines().next().unwrap_or_default();
        top.split('+')
            .map(|part| u16::try_from(part.chars().count()).unwrap_or(u16::MAX))
            .collect()
    }

    /// Whether wrapping the wrappable columns can make the table fit `width`; when it cannot,
    /// the table keeps its natural width and the terminal folds the lines.
    fn fits(&self, width: u16) -> bool {
        let needed: usize = (0..self.headers.len())
            .map(|i| {
                let content = std::iter::once(self.headers[i].as_str())
                    .chain(
                        self.rows
                            .iter()
                            .filter_map(|r| r.get(i).map(|(t, _)| t.as_str())),
                    )
                    // A cell of several lines is as wide as its widest line.
                    .flat_map(|t| t.lines().map(display_width))
                    .max()
                    .unwrap_or(0);
                let shown = if self.wrap.contains(&i) {
                    content.min(MIN_WRAPPED)
                } else {
                    content
                };
                shown + 3
            })
            .sum();
        needed <= usize::from(width)
    }

    /// A GitHub-flavoured Markdown table, padded by display width so it reads well as text too.
    /// Every header, cell and footer line is shown as text ([`markdown::escape`], which also
    /// makes control characters [`visible`]), and padded by the width of that escaped form.
    pub fn to_markdown(&self) -> String {
        let columns = self.headers.len();
        let headers: Vec<String> = self.headers.iter().map(|h| markdown::escape(h)).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| row.iter().map(|(t, _)| markdown::escape(t)).collect())
            .collect();
        let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h).max(3)).collect();
        for row in &rows {
            for (i, text) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(display_width(text));
            }
        }
        let pad = |text: &String, width: &usize| {
            let fill = width.saturating_sub(display_width(text));
            format!("{text}{}", " ".repeat(fill))
        };
        let mut out = String::new();
        let header: Vec<String> = headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| pad(h, w))
            .collect();
        out.push_str(&format!("| {} |\n", header.join(" | ")));
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &rows {
            let cells: Vec<String> = row.iter().zip(&widths).map(|(t, w)| pad(t, w)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        for line in &self.footer {
            out.push('\n');
            out.push_str(&markdown::escape(line));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as one comfy-table lays it out, as before rows were printed in chunks.
    fn whole(t: &Table, width: Option<u16>) -> String {
        let mut table = t.comfy(false);
        table.set_header(t.headers.iter().map(Cell::new));
        for row in &t.rows {
            table.add_row(row.iter().map(|(text, _)| Cell::new(text)));
        }
        if let Some(width) = width.filter(|w| t.fits(*w)) {
            table.set_width(width);
            table.set_content_arrangement(ContentArrangement::Dynamic);
            for (i, column) in table.column_iter_mut().enumerate() {
                column.set_constraint(if t.wrap.contains(&i) {
                    ColumnConstraint::LowerBoundary(Width::Fixed(MIN_WRAPPED as u16))
                } else {
                    ColumnConstraint::ContentWidth
                });
            }
        }
        format!("{table}\n")
    }

    /// Chunked printing lays out the same lines as one table, wrapped or not, across chunks.
    #[test]
    fn chunked_rows_match_one_table() {
        let mut t = Table::new(["city", "", "reason"]);
        t.wrap = vec![2];
        for i in 0..2500 {
            let words = "word ".repeat(i % 23);
            t.push(vec![
                (format!("city {i}"), Tone::Plain),
                ("✓".into(), Tone::Good),
                (format!("{words}end {i}"), Tone::Plain),
            ]);
        }
        for width in [None, Some(40), Some(80), Some(160)] {
            assert_eq!(t.to_terminal(width, false), whole(&t, width), "{width:?}");
        }
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut t = Table::new(["a"]);
        t.push(vec![("x|y".into(), Tone::Plain)]);
        assert!(t.to_markdown().contains("x\\|y"));
    }

    /// Control characters are escaped in every part of both tables, and the columns are as
    /// wide as the escaped text, so the rule under the header still spans each column.
    #[test]
    fn control_characters_are_shown_and_measured_escaped() {
        let mut t = Table::new(["name", "n"]);
        t.push(vec![
            ("a\u{1b}[2Jb\u{202e}c".into(), Tone::Plain),
            ("1".into(), Tone::Plain),
        ]);
        t.footer.push("by \u{1b}]0;title\u{7}".into());
        let terminal = t.to_terminal(Some(80), false);
        assert!(
            !terminal.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{terminal}"
        );
        assert!(terminal.contains("a\\e[2Jb\\u{202e}c"), "{terminal}");
        assert!(terminal.contains("by \\e]0;title\\x07"), "{terminal}");
        let rule = terminal.lines().nth(1).unwrap_or_default();
        assert!(
            display_width(rule) >= "a\\e[2Jb\\u{202e}c".len(),
            "{terminal}"
        );
        let markdown = t.to_markdown();
        assert!(
            !markdown.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{markdown}"
        );
        let lines: Vec<&str> = markdown.lines().collect();
        assert_eq!(
            display_width(lines[0]),
            display_width(lines[2]),
            "{markdown}"
        );
    }
}
