//! Rows of text printed as a terminal table or Markdown (CSV is data: see [`super::csv`]).
//!
//! Cells hold dossier text, so both renderers show its control characters as escapes
//! ([`visible`]): a name holding `ESC [2J` or an unclosed right-to-left override prints as
//! `\e[2J` or `\u{202e}` instead of clearing the screen or reversing the rest of the row.

use comfy_table::{Cell, Color, ColumnConstraint, LineStyle, Table as Comfy, TableStyle, Width};
use rayon::prelude::*;

use super::markdown;
use super::wrap::wrap;
use crate::i18n::Lang;
use crate::text::{display_width, visible};

/// The narrowest a wrapped column gets (unless its text is narrower): this, or a third of its
/// widest text, so that a long title does not run down the page a word a line.
const MIN_WRAPPED: usize = 10;

/// Quiet, like `cargo` and `gh`: only a rule under the header.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

/// Every column of `table` at its width found by [`Table::widths`].
fn fix_widths(table: &mut Comfy, widths: &[u16]) {
    for (column, width) in table.column_iter_mut().zip(widths) {
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*width)));
    }
}

/// The columns a table shows at a width, and how wide.
struct Layout {
    /// The columns shown, in order.
    kept: Vec<usize>,
    /// The width of each column shown (its text, without padding).
    widths: Vec<usize>,
    /// Every column's natural width: its widest line.
    natural: Vec<usize>,
    /// The columns left out, in the order they went.
    dropped: Vec<usize>,
}

/// The widest line of `text`, in terminal cells.
fn widest_line(text: &str) -> usize {
    text.lines().map(display_width).max().unwrap_or(0)
}

/// The widest word of `text` as [`wrap`] breaks it, in terminal cells.
fn longest_word(text: &str) -> usize {
    text.split('\n')
        .flat_map(super::wrap::words)
        .map(|(_, w)| display_width(w))
        .max()
        .unwrap_or(0)
}

/// The footnote under a table some columns of which were left out.
fn left_out(headers: &[&str], width: u16, lang: Lang) -> String {
    let n = headers.len();
    let count = crate::i18n::localize_digits(&n.to_string(), lang).into_owned();
    let at = crate::i18n::localize_digits(&width.to_string(), lang).into_owned();
    let names = lang.join(headers.iter().map(|h| lang.embed(h)));
    // One word, so that wrapping the line never parts the flag from its value.
    let csv = lang.code("--format=csv");
    match lang {
        Lang::En if n == 1 => {
            format!("1 column left out at {at} columns: {names} — widen the terminal or use {csv}")
        }
        Lang::En => format!(
            "{count} columns left out at {at} columns: {names} — widen the terminal or use {csv}"
        ),
        Lang::Fa => format!(
            "{count} ستون در پهنای {at} ستون جا نشد: {names} — پنجره را پهن‌تر کنید یا {csv} را به کار ببرید"
        ),
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
    /// Columns whose text may wrap (at spaces, never inside a word) to fit the terminal; the
    /// others keep their width, so slugs, dates and numbers stay on one line.
    pub wrap: Vec<usize>,
    /// Columns left out, first to last, while the table is too wide for the terminal (a
    /// footnote says which); the others are always shown. A name comes before its slug.
    pub drop: Vec<usize>,
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

    /// A terminal table; `width` is the terminal's, when known (else the table is printed
    /// whole); `color` adds tones; `lang` is the language of the footnote that names the
    /// columns left out.
    pub fn to_terminal(&self, width: Option<u16>, color: bool, lang: Lang) -> String {
        self.shown().terminal(width, color, lang)
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
                .par_iter()
                .map(|row| row.iter().map(|(t, tone)| (text(t), *tone)).collect())
                .collect(),
            footer: self.footer.iter().map(text).collect(),
            wrap: self.wrap.clone(),
            drop: self.drop.clone(),
        }
    }

    /// [`Table::to_terminal`] of a table already [`Table::shown`].
    ///
    /// The layout ([`Table::layout`]) chooses the columns and their widths; each cell is then
    /// wrapped to its column ([`wrap`]) and comfy-table draws the rows at those fixed widths,
    /// a thousand at a time: comfy-table holds every cell several times over while it draws
    /// (a check of 10,000 cities would be 250 MiB of it).
    fn terminal(&self, width: Option<u16>, color: bool, lang: Lang) -> String {
        let layout = self.layout(width);
        let fixed: Vec<u16> = layout
            .widths
            .iter()
            .map(|w| u16::try_from(w + 2).unwrap_or(u16::MAX))
            .collect();
        let cell = |text: &str, k: usize| -> String {
            let (column, width) = (layout.kept[k], layout.widths[k]);
            if width >= layout.natural[column] {
                text.to_owned()
            } else {
                wrap(text, width).join("\n")
            }
        };
        let mut header = self.comfy(color);
        header.set_header(
            layout
                .kept
                .iter()
                .enumerate()
                .map(|(k, i)| Cell::new(cell(&self.headers[*i], k))),
        );
        fix_widths(&mut header, &fixed);
        let mut out = header.to_string();
        out.push('\n');
        // The chunks are drawn on every core: an agenda of a large portfolio is a hundred
        // thousand rows.
        let chunks: Vec<String> = self
            .rows
            .par_chunks(1000)
            .map(|chunk| {
                let mut table = self.comfy(color);
                for row in chunk {
                    table.add_row(layout.kept.iter().enumerate().map(|(k, i)| {
                        let (text, tone) = row
                            .get(*i)
                            .map_or(("", Tone::Plain), |(t, tone)| (t.as_str(), *tone));
                        let cell = Cell::new(cell(text, k));
                        match (color, tone) {
                            (false, _) | (_, Tone::Plain) => cell,
                            (true, Tone::Good) => cell.fg(Color::Green),
                            (true, Tone::Warn) => cell.fg(Color::Yellow),
                            (true, Tone::Bad) => cell.fg(Color::Red),
                            (true, Tone::Dim) => cell.fg(Color::DarkGrey),
                        }
                    }));
                }
                fix_widths(&mut table, &fixed);
                table.to_string()
            })
            .collect();
        for chunk in chunks {
            out.push_str(&chunk);
            out.push('\n');
        }
        let mut footer = self.footer.clone();
        if let Some(width) = width
            && !layout.dropped.is_empty()
        {
            footer.push(left_out(
                &layout
                    .dropped
                    .iter()
                    .map(|i| self.headers[*i].as_str())
                    .collect::<Vec<_>>(),
                width,
                lang,
            ));
        }
        for line in &footer {
            match width {
                Some(width) => {
                    for piece in wrap(line, usize::from(width)) {
                        out.push_str(&piece);
                        out.push('\n');
                    }
                }
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
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

    /// Which columns are shown and how wide (text only, without the padding around it).
    ///
    /// Without a width, every column at its natural width. With one: while the columns at
    /// their narrowest do not fit, the next column of [`Table::drop`] is left out. A column is
    /// at its narrowest when it is as wide as its longest word (a column that wraps: as wide
    /// as its longest word and at least [`MIN_WRAPPED`], or its whole text when narrower; one
    /// that does not: its widest cell, its header broken between words). The room left is
    /// shared out evenly, a column lacking less than its share made whole. Only when every
    /// column that may go is gone and the table is still too wide are the wrapping columns
    /// narrowed to their longest word, then below it (cutting it, [`wrap`]) down to
    /// [`MIN_WRAPPED`]; past that the terminal folds the lines.
    fn layout(&self, width: Option<u16>) -> Layout {
        let n = self.headers.len();
        let headers = (
            self.headers
                .iter()
                .map(|h| widest_line(h))
                .collect::<Vec<_>>(),
            self.headers
                .iter()
                .map(|h| longest_word(h))
                .collect::<Vec<_>>(),
        );
        // Measured on every core, each worker its own maxima, merged.
        let (natural, mut narrowest) = self
            .rows
            .par_iter()
            .fold(
                || headers.clone(),
                |(mut natural, mut narrowest), row| {
                    for (i, (text, _)) in row.iter().enumerate().take(n) {
                        natural[i] = natural[i].max(widest_line(text));
                        narrowest[i] = narrowest[i].max(if self.wrap.contains(&i) {
                            longest_word(text)
                        } else {
                            widest_line(text)
                        });
                    }
                    (natural, narrowest)
                },
            )
            .reduce(
                || headers.clone(),
                |(a, b), (c, d)| {
                    let max = |x: Vec<usize>, y: Vec<usize>| {
                        x.into_iter().zip(y).map(|(p, q)| p.max(q)).collect()
                    };
                    (max(a, c), max(b, d))
                },
            );
        // A wrapping column's longest word, the least it may be before a word is cut.
        let words = narrowest.clone();
        for &i in &self.wrap {
            if let (Some(least), Some(full)) = (narrowest.get_mut(i), natural.get(i)) {
                *least = (*least).max(MIN_WRAPPED.max(full / 3).min(*full));
            }
        }
        let all: Vec<usize> = (0..n).collect();
        let Some(width) = width else {
            return Layout {
                widths: natural.clone(),
                kept: all,
                natural,
                dropped: Vec::new(),
            };
        };
        let room = usize::from(width);
        let needed = |kept: &[usize], widths: &dyn Fn(usize) -> usize| -> usize {
            kept.iter()
                .map(|i| widths(*i) + 3)
                .sum::<usize>()
                .saturating_sub(1)
        };
        let mut kept = all;
        let mut dropped = Vec::new();
        let mut order = self.drop.iter().filter(|i| **i < n);
        while needed(&kept, &|i| narrowest[i]) > room {
            match order.next() {
                Some(i) => {
                    kept.retain(|k| k != i);
                    dropped.push(*i);
                }
                None => break,
            }
        }
        // Still too wide: the wrapping columns as narrow as their longest word, then, widest
        // first, narrower still (cutting words) down to MIN_WRAPPED.
        if needed(&kept, &|i| narrowest[i]) > room {
            for &i in &self.wrap {
                if let (Some(least), Some(word)) = (narrowest.get_mut(i), words.get(i)) {
                    *least = *word;
                }
            }
        }
        while needed(&kept, &|i| narrowest[i]) > room {
            let widest = kept
                .iter()
                .filter(|i| self.wrap.contains(i) && narrowest[**i] > MIN_WRAPPED)
                .max_by_key(|i| narrowest[**i]);
            match widest {
                Some(&i) => narrowest[i] -= 1,
                None => break,
            }
        }
        let mut widths: Vec<usize> = kept.iter().map(|i| narrowest[*i]).collect();
        let mut spare = room.saturating_sub(needed(&kept, &|i| narrowest[i]));
        // Headers on one line first, then the wrapping text as wide as the room allows.
        for (k, i) in kept.iter().enumerate() {
            if !self.wrap.contains(i) {
                let grow = (natural[*i] - widths[k]).min(spare);
                widths[k] += grow;
                spare -= grow;
            }
        }
        // Then the wrapping columns, shared out evenly, a column that lacks less than its
        // share made whole (a status before a long title).
        let mut wanting: Vec<usize> = (0..kept.len())
            .filter(|k| widths[*k] < natural[kept[*k]])
            .collect();
        wanting.sort_by_key(|k| natural[kept[*k]] - widths[*k]);
        let mut left = wanting.len();
        for k in wanting {
            let share = spare / left.max(1);
            let grow = (natural[kept[k]] - widths[k]).min(share);
            widths[k] += grow;
            spare -= grow;
            left -= 1;
        }
        Layout {
            kept,
            widths,
            natural,
            dropped,
        }
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

    /// The table drawn by one comfy-table at the layout's widths, as before rows were printed
    /// in chunks.
    fn whole(t: &Table, width: Option<u16>) -> String {
        let layout = t.layout(width);
        let wrapped = |text: &str, k: usize| wrap(text, layout.widths[k]).join("\n");
        let mut table = t.comfy(false);
        table.set_header(
            layout
                .kept
                .iter()
                .enumerate()
                .map(|(k, i)| Cell::new(wrapped(&t.headers[*i], k))),
        );
        for row in &t.rows {
            table.add_row(
                layout
                    .kept
                    .iter()
                    .enumerate()
                    .map(|(k, i)| Cell::new(wrapped(&row[*i].0, k))),
            );
        }
        let fixed: Vec<u16> = layout.widths.iter().map(|w| *w as u16 + 2).collect();
        fix_widths(&mut table, &fixed);
        let mut out = format!("{table}\n");
        for line in &t.footer {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    fn lines_fit(text: &str, width: usize) {
        for line in text.lines() {
            assert!(
                display_width(line) <= width,
                "{line:?} is wider than {width}\n{text}"
            );
        }
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
            assert_eq!(
                t.to_terminal(width, false, Lang::En),
                whole(&t, width),
                "{width:?}"
            );
        }
    }

    fn cities() -> Table {
        let mut t = Table::new(["slug", "name", "country", "notes", "since"]);
        t.wrap = vec![3];
        t.drop = vec![4, 0, 2];
        for (slug, name, notes) in [
            (
                "saint-petersburg",
                "Saint Petersburg",
                "The Hermitage week is planned for the spring, with the metro's engineers",
            ),
            ("xian", "Xi'an", "No facilitator yet"),
        ] {
            t.push(vec![
                (slug.into(), Tone::Plain),
                (name.into(), Tone::Plain),
                ("RU".into(), Tone::Plain),
                (notes.into(), Tone::Plain),
                ("2004-11-10".into(), Tone::Plain),
            ]);
        }
        t
    }

    /// Columns go in their order of [`Table::drop`] until the others fit, a footnote names
    /// them, and the text that wraps breaks between words only.
    #[test]
    fn columns_are_left_out_by_priority_and_said() {
        let t = cities();
        let full = t.to_terminal(None, false, Lang::En);
        assert!(
            full.lines().next().unwrap_or_default().contains("since"),
            "{full}"
        );
        assert!(!full.contains("left out"), "{full}");

        let at60 = t.to_terminal(Some(60), false, Lang::En);
        lines_fit(&at60, 60);
        let header = at60.lines().next().unwrap_or_default();
        assert!(
            !header.contains("since") && !header.contains("slug"),
            "{at60}"
        );
        assert!(
            header.contains("name") && header.contains("country"),
            "{at60}"
        );
        assert!(
            at60.replace('\n', " ").contains("2 columns left out at 60 columns: since, slug — widen the terminal or use `--format=csv`"),
            "{at60}"
        );
        for word in
            "The Hermitage week is planned for the spring, with the metro's engineers".split(' ')
        {
            assert!(
                at60.lines().any(|l| l.split(' ').any(|w| w == word)),
                "{word:?} broken\n{at60}"
            );
        }

        let at40 = t.to_terminal(Some(40), false, Lang::Fa);
        lines_fit(&at40, 40);
        assert!(
            at40.replace('\n', " ")
                .contains("۳ ستون در پهنای ۴۰ ستون جا نشد"),
            "{at40}"
        );
    }

    /// A table that fits is printed whole, at its natural widths.
    #[test]
    fn a_table_that_fits_is_untouched() {
        let t = cities();
        let natural = t.to_terminal(None, false, Lang::En);
        let wide = t.to_terminal(Some(200), false, Lang::En);
        assert_eq!(natural, wide);
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
        let terminal = t.to_terminal(Some(80), false, Lang::En);
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
