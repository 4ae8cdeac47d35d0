//! Rows of text printed as a terminal table or Markdown (CSV is data: see [`super::csv`]).

use comfy_table::{
    Cell, Color, ColumnConstraint, ContentArrangement, LineStyle, Table as Comfy, TableStyle, Width,
};

use super::markdown;
use crate::text::display_width;

/// The narrowest a wrapped column gets.
const MIN_WRAPPED: usize = 16;

/// Quiet, like `cargo` and `gh`: only a rule under the header.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

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
        let mut table = Comfy::new();
        table.load_style(STYLE);
        if color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        table.set_header(self.headers.iter().map(Cell::new));
        for row in &self.rows {
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
        if let Some(width) = width.filter(|w| self.fits(*w)) {
            table.set_width(width);
            table.set_content_arrangement(ContentArrangement::Dynamic);
            for (i, column) in table.column_iter_mut().enumerate() {
                column.set_constraint(if self.wrap.contains(&i) {
                    ColumnConstraint::LowerBoundary(Width::Fixed(MIN_WRAPPED as u16))
                } else {
                    ColumnConstraint::ContentWidth
                });
            }
        }
        let mut out = table.to_string();
        out.push('\n');
        for line in &self.footer {
            out.push_str(line);
            out.push('\n');
        }
        out
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
                    .map(display_width)
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
    /// Every header, cell and footer line is shown as text ([`markdown::escape`]).
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

    #[test]
    fn markdown_escapes_pipes() {
        let mut t = Table::new(["a"]);
        t.push(vec![("x|y".into(), Tone::Plain)]);
        assert!(t.to_markdown().contains("x\\|y"));
    }
}
