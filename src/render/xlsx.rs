//! Lists and reports as an Excel workbook (`--format xlsx`), for directors who read tables in
//! Excel rather than in a terminal.
//!
//! A small model of what a command hands over: a [`Book`] of [`Sheet`]s, each a header and rows
//! of typed [`Cell`]s. Every sheet gets a bold header row that stays in view (frozen), an
//! autofilter, and columns as wide as their text. Dates are real Excel dates with a date
//! format; with the Solar Hijri calendar each date column gets a text column beside it with
//! the date as an Iranian reader writes it. Counts are numbers; ids, phones and every other
//! text are written as text (never as a formula: in a workbook a cell's text is data, so the
//! CSV formula guard is not needed). In Persian the sheets read right to left.

use jiff::civil::Date;
use std::borrow::Cow;

use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook, XlsxError};

use crate::calendar::{self, Calendar};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::text::display_width;

/// Excel's limit on the text of one cell (in UTF-16 units); longer text is cut, not refused.
const MAX_CELL: usize = 32_767;
/// Excel's limit on a sheet's name.
const MAX_SHEET_NAME: usize = 31;
/// The widest a column gets (in characters); longer text stays in the cell.
const MAX_WIDTH: usize = 60;

/// What a column holds, so that a column with no rows still has its Solar Hijri twin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Date,
}

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// Text, or an empty cell for none.
    pub fn opt(text: Option<impl Into<String>>) -> Cell {
        text.map_or(Cell::Empty, |t| Cell::Text(t.into()))
    }

    pub fn num(n: impl Into<f64>) -> Cell {
        Cell::Number(n.into())
    }

    /// A count (`usize` does not convert to `f64` losslessly; no count comes near 2^53).
    pub fn count(n: usize) -> Cell {
        Cell::Number(n as f64)
    }

    pub fn date(date: Option<Date>) -> Cell {
        date.map_or(Cell::Empty, Cell::Date)
    }
}

/// One sheet: its name, its columns (header and kind) and its rows.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<(String, Kind)>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Sheet {
        Sheet {
            name: name.into(),
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn column(mut self, header: impl Into<String>, kind: Kind) -> Sheet {
        self.columns.push((header.into(), kind));
        self
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// A workbook: its sheets, and how dates and direction are shown.
#[derive(Clone, Debug)]
pub struct Book {
    pub sheets: Vec<Sheet>,
    pub lang: Lang,
    pub calendar: Calendar,
}

impl Book {
    pub fn new(lang: Lang, calendar: Calendar) -> Book {
        Book {
            sheets: Vec::new(),
            lang,
            calendar,
        }
    }

    pub fn sheet(mut self, sheet: Sheet) -> Book {
        self.sheets.push(sheet);
        self
    }

    /// The `.xlsx` file's bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.write()
            .map_err(|e| Error::Other(anyhow::anyhow!("cannot write the spreadsheet: {e}")))
    }

    fn write(&self) -> std::result::Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let header = CellFormat::new().set_bold();
        let date = CellFormat::new().set_num_format("yyyy-mm-dd");
        let mut names: Vec<String> = Vec::new();
        for sheet in &self.sheets {
            let shown = self.expand(sheet);
            // Rows go to a temporary file as they are written, and text is kept in each cell
            // (inline strings, which Excel, LibreOffice and calamine read): a 10,000-city
            // workbook is never held whole in memory.
            let worksheet = workbook.add_worksheet_with_constant_memory()?;
            worksheet.set_name(unique_name(&sheet.name, &names))?;
            names.push(worksheet.name());
            worksheet.set_right_to_left(self.lang == Lang::Fa);
            let mut widths: Vec<usize> = shown.columns.iter().map(|(h, _)| width(h)).collect();
            for (col, (title, _)) in shown.columns.iter().enumerate() {
                worksheet.write_string_with_format(0, col as u16, cut(title), &header)?;
            }
            for (r, row) in shown.rows.iter().enumerate() {
                let r = r as u32 + 1;
                for (col, cell) in row.iter().enumerate() {
                    let c = col as u16;
                    let shown_width = match cell {
                        Cell::Empty => 0,
                        Cell::Text(text) => {
                            let text = crate::problem::mask_secret_keys(text);
                            worksheet.write_string(r, c, cut(&text))?;
                            width(&text)
                        }
                        Cell::Number(n) => {
                            worksheet.write_number(r, c, *n)?;
                            n.to_string().len()
                        }
                        Cell::Date(d) => match excel_date(*d) {
                            Some(x) => {
                                worksheet.write_datetime_with_format(r, c, &x, &date)?;
                                10
                            }
                            // Before 1900 Excel has no dates: the date as text.
                            None => {
                                worksheet.write_string(r, c, d.to_string())?;
                                10
                            }
                        },
                    };
                    if let Some(w) = widths.get_mut(col) {
                        *w = (*w).max(shown_width);
                    }
                }
            }
            for (col, w) in widths.iter().enumerate() {
                // A little room for the autofilter's button beside the header.
                worksheet.set_column_width(col as u16, (w.min(&MAX_WIDTH) + 3) as f64)?;
            }
            if !shown.columns.is_empty() {
                let last_col = shown.columns.len() as u16 - 1;
                worksheet.autofilter(0, 0, shown.rows.len() as u32, last_col)?;
                worksheet.set_freeze_panes(1, 0)?;
            }
        }
        if self.sheets.is_empty() {
            workbook.add_worksheet();
        }
        workbook.save_to_buffer()
    }

    /// The sheet as written: with the Solar Hijri calendar, a text column after each date
    /// column.
    fn expand<'s>(&self, sheet: &'s Sheet) -> Cow<'s, Sheet> {
        if self.calendar != Calendar::Jalali {
            return Cow::Borrowed(sheet);
        }
        let suffix = self.lang.pick(" (Solar Hijri)", " (شمسی)");
        let mut columns = Vec::new();
        for (title, kind) in &sheet.columns {
            columns.push((title.clone(), *kind));
            if *kind == Kind::Date {
                columns.push((format!("{title}{suffix}"), Kind::Text));
            }
        }
        let rows = sheet
            .rows
            .iter()
            .map(|row| {
                let mut cells = Vec::new();
                for (i, cell) in row.iter().enumerate() {
                    cells.push(cell.clone());
                    if sheet.columns.get(i).map(|c| c.1) == Some(Kind::Date) {
                        cells.push(match cell {
                            Cell::Date(d) => {
                                Cell::Text(calendar::format_date(*d, Calendar::Jalali, self.lang))
                            }
                            _ => Cell::Empty,
                        });
                    }
                }
                cells
            })
            .collect();
        Cow::Owned(Sheet {
            name: sheet.name.clone(),
            columns,
            rows,
        })
    }
}

/// A date Excel can hold (1900 to 9999).
fn excel_date(d: Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// How wide a column must be for `text`: its widest line.
fn width(text: &str) -> usize {
    text.lines().map(display_width).max().unwrap_or(0)
}

/// Text within Excel's limit for a cell, cut at a character boundary.
fn cut(text: &str) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL {
            return &text[..i];
        }
    }
    text
}

/// A sheet name Excel accepts, not used before: without `[]:*?/\`, no apostrophe at either end,
/// at most 31 characters, and never `History` (reserved).
fn unique_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let mut base: String = clean.chars().take(MAX_SHEET_NAME).collect();
    if base.is_empty() || base.eq_ignore_ascii_case("history") {
        base = format!("Sheet{}", taken.len() + 1);
    }
    let free = |name: &str| {
        !taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let tail = format!(" ({n})");
            let head: String = base
                .chars()
                .take(MAX_SHEET_NAME - tail.chars().count())
                .collect();
            format!("{}{tail}", head.trim_end())
        })
        .find(|name| free(name))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_made_acceptable_and_unique() {
        assert_eq!(unique_name("a/b", &[]), "a b");
        assert_eq!(unique_name("History", &[]), "Sheet1");
        assert_eq!(unique_name("'x'", &[]), "x");
        let long = "Actions due in the next 14 days and more";
        assert_eq!(unique_name(long, &[]).chars().count(), 31);
        let taken = vec!["Cities".to_owned()];
        assert_eq!(unique_name("cities", &taken), "cities (2)");
    }

    #[test]
    fn long_text_is_cut_at_a_character() {
        let text = "ب".repeat(MAX_CELL + 5);
        assert_eq!(cut(&text).chars().count(), MAX_CELL);
    }

    #[test]
    fn a_book_without_sheets_is_still_a_workbook() {
        let bytes = Book::new(Lang::En, Calendar::Gregorian).to_bytes();
        assert!(bytes.is_ok_and(|b| b.starts_with(b"PK")));
    }
}
