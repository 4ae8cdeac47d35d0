//! Lists and reports as an Excel workbook (`--format xlsx`), for directors who read tables in
//! Excel rather than in a terminal.
//!
//! A small model of what a command hands over: a [`Book`] of [`Sheet`]s, each a header and rows
//! of typed [`Cell`]s. Every sheet gets a bold header row that stays in view (frozen), an
//! autofilter, and columns as wide as their text (up to a limit; longer text and text of
//! several lines wraps, its row as tall as its lines). Dates are real Excel dates with a date
//! format; with the Solar Hijri calendar each date column gets a text column beside it with
//! the date as an Iranian reader writes it. Counts are numbers; ids, phones and every other
//! text are written as text (never as a formula: in a workbook a cell's text is data, so the
//! CSV formula guard is not needed). In Persian the sheets read right to left, with Persian
//! digits. Every sheet prints landscape, one page wide, its header row on each page.
//! [`sheets`] holds the sheets commands share and the weekly report's workbook.

pub mod sheets;

use jiff::civil::Date;
use std::borrow::Cow;

use rust_xlsxwriter::{
    ExcelDateTime, Format as CellFormat, FormatAlign, Workbook, Worksheet, XlsxError,
};

use crate::calendar::{self, Calendar};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::text::display_width;

/// Excel's limit on the text of one cell (in UTF-16 units); longer text is cut, not refused.
const MAX_CELL: usize = 32_767;
/// Excel's limit on a sheet's name.
const MAX_SHEET_NAME: usize = 31;
/// The widest a column gets (in characters); longer text wraps in the cell.
const MAX_WIDTH: usize = 60;
/// The height of a line of text in points (Excel's default row is 15 at 11 points; Persian
/// letters stand a little taller).
const LINE_HEIGHT: f64 = 16.0;
/// The most lines a row is made tall for (Excel's tallest row is 409 points).
const MAX_LINES: u32 = 27;
/// Excel's paper size code for A4.
const A4: u8 = 9;
/// Excel's reading directions.
const LEFT_TO_RIGHT: u8 = 1;
const RIGHT_TO_LEFT: u8 = 2;

/// What a column holds, so that a column with no rows still has its Solar Hijri twin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Date,
}

/// A column as a view declares it: its header in English and in Persian, and what it holds.
pub type Column = (&'static str, &'static str, Kind);

/// The columns of a person's private contact details, after a list's own with `--contacts`
/// (the tables' headers too).
pub const CONTACTS: &[Column] = &[
    ("email", "ایمیل", Kind::Text),
    ("phone", "تلفن", Kind::Text),
];

/// The headers of `columns` in `lang`.
pub fn headers(columns: &[Column], lang: Lang) -> impl Iterator<Item = &'static str> {
    columns.iter().map(move |&(en, fa, _)| lang.pick(en, fa))
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

    /// Each of `columns`, headed in `lang`.
    pub fn columns(mut self, lang: Lang, columns: &[Column]) -> Sheet {
        for (header, &(_, _, kind)) in headers(columns, lang).zip(columns) {
            self = self.column(header, kind);
        }
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
        let styles = Styles::new(self.lang);
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
            let widths = column_widths(&shown);
            for (col, w) in widths.iter().enumerate() {
                worksheet.set_column_width(col as u16, *w as f64)?;
            }
            for (col, (title, _)) in shown.columns.iter().enumerate() {
                worksheet.write_string_with_format(0, col as u16, cut(title), &styles.header)?;
            }
            for (r, row) in shown.rows.iter().enumerate() {
                let r = r as u32 + 1;
                // A spreadsheet sizes no row to its text when it opens a file: a row of
                // several lines is given their height, or only its last line shows.
                let lines = row_lines(row, &widths);
                if lines > 1 {
                    worksheet.set_row_height(r, LINE_HEIGHT * f64::from(lines))?;
                }
                for (col, cell) in row.iter().enumerate() {
                    let c = col as u16;
                    match cell {
                        Cell::Empty => {}
                        Cell::Text(text) => {
                            let text = crate::problem::mask_secret_keys(text);
                            let wrap = widths.get(col).is_some_and(|w| wraps(&text, *w));
                            let format = styles.text(&text, wrap);
                            worksheet.write_string_with_format(r, c, cut(&text), format)?;
                        }
                        Cell::Number(n) => {
                            worksheet.write_number_with_format(r, c, *n, &styles.number)?;
                        }
                        Cell::Date(d) => match excel_date(*d) {
                            Some(x) => {
                                worksheet.write_datetime_with_format(r, c, &x, &styles.date)?;
                            }
                            // Before 1900 Excel has no dates: the date as text.
                            None => {
                                let text = d.to_string();
                                let format = styles.text(&text, false);
                                worksheet.write_string_with_format(r, c, &text, format)?;
                            }
                        },
                    }
                }
            }
            if !shown.columns.is_empty() {
                let last_col = shown.columns.len() as u16 - 1;
                worksheet.autofilter(0, 0, shown.rows.len() as u32, last_col)?;
                worksheet.set_freeze_panes(1, 0)?;
            }
            print_setup(worksheet, self.lang)?;
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

/// Each column's width in characters: its widest header or cell, at most [`MAX_WIDTH`], and a
/// little room for the autofilter's button beside the header.
fn column_widths(sheet: &Sheet) -> Vec<usize> {
    // A header is bold: a little wider than its letters.
    let mut widths: Vec<usize> = sheet.columns.iter().map(|(h, _)| width(h) + 2).collect();
    for row in &sheet.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            let shown = match cell {
                Cell::Empty => 0,
                Cell::Text(text) => width(text),
                Cell::Number(n) => n.to_string().len(),
                Cell::Date(_) => 10,
            };
            *w = (*w).max(shown);
        }
    }
    widths.into_iter().map(|w| w.min(MAX_WIDTH) + 3).collect()
}

/// Whether `text` needs more than one line in a column `width` characters wide: it holds a
/// line break, or a line wider than the column.
fn wraps(text: &str, width: usize) -> bool {
    text.contains('\n') || self::width(text) > per_line(width)
}

/// About how many characters of text a line of a column `width` wide holds: a column's width
/// is counted in digits, and a line of text is mostly narrower letters (a fifth more fit, in
/// Calibri and in Calc's Carlito; Persian letters are narrower still). Counted on the low side:
/// a row a little too tall shows all its text, one too short hides a line.
fn per_line(width: usize) -> usize {
    (width * 6 / 5).max(1)
}

/// The lines the row's tallest cell takes when its text wraps in its column.
fn row_lines(row: &[Cell], widths: &[usize]) -> u32 {
    let lines = |text: &str, width: usize| -> usize {
        text.lines()
            .map(|line| display_width(line).div_ceil(per_line(width)).max(1))
            .sum()
    };
    row.iter()
        .zip(widths)
        .map(|(cell, w)| match cell {
            Cell::Text(text) => lines(text, *w),
            _ => 1,
        })
        .max()
        .map_or(1, |n| u32::try_from(n).unwrap_or(u32::MAX).min(MAX_LINES))
}

/// How a sheet prints: across an A4 page in landscape, as many pages down as it takes but
/// never more than one across, the header row on every page, gridlines drawn (a table on
/// paper has no cell borders otherwise), and the sheet's name and page numbers in the footer.
fn print_setup(worksheet: &mut Worksheet, lang: Lang) -> std::result::Result<(), XlsxError> {
    worksheet
        .set_landscape()
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true)
        .set_footer(lang.pick("&L&A&R&P / &N", "&R&A&L&P / &N"))
        .set_repeat_rows(0, 0)?;
    Ok(())
}

/// The formats of a workbook's cells. Every data cell sits at the top of its row (a row is as
/// tall as its longest text). Text starts where the sheet does (left, or right in a Persian
/// sheet: a Solar Hijri date, all digits, would otherwise sit at the far edge, against the next
/// cell's text) and reads in its own direction, from its first letter (else a Persian
/// sentence's full stop ends up at its start in an English sheet, and an English one's in a
/// Persian sheet). In Persian, numbers and dates are shown in Persian digits (fa-IR with its
/// own digits, `[$-3000429]`; the Gregorian calendar kept with `[$-3010429]`): the cell stays
/// a number Excel and Calc sort and sum.
struct Styles {
    /// Whether the sheet reads right to left.
    rtl: bool,
    header: CellFormat,
    /// Text read left to right and right to left, each on one line and wrapped.
    text: [[CellFormat; 2]; 2],
    number: CellFormat,
    date: CellFormat,
}

impl Styles {
    fn new(lang: Lang) -> Styles {
        let cell = CellFormat::new().set_align(FormatAlign::Top);
        let (start, number, date) = match lang {
            Lang::En => (
                FormatAlign::Left,
                cell.clone(),
                cell.clone().set_num_format("yyyy-mm-dd"),
            ),
            Lang::Fa => (
                FormatAlign::Right,
                cell.clone().set_num_format("[$-3000429]0"),
                cell.clone().set_num_format("[$-3010429]yyyy-mm-dd"),
            ),
        };
        let text = cell.set_align(start);
        let ltr = text.clone().set_reading_direction(LEFT_TO_RIGHT);
        let rtl = text.set_reading_direction(RIGHT_TO_LEFT);
        let header = CellFormat::new().set_bold().set_align(start);
        let header = match lang {
            Lang::En => header,
            Lang::Fa => header.set_reading_direction(RIGHT_TO_LEFT),
        };
        Styles {
            rtl: lang == Lang::Fa,
            header,
            text: [
                [ltr.clone(), ltr.set_text_wrap()],
                [rtl.clone(), rtl.set_text_wrap()],
            ],
            number,
            date,
        }
    }

    /// The format of a text cell: read in the direction of its first letter (the sheet's, for
    /// text without letters), wrapped or not.
    fn text(&self, text: &str, wrap: bool) -> &CellFormat {
        let rtl = match text.chars().find(|c| c.is_alphabetic()) {
            Some(c) => crate::text::is_arabic_script(c),
            None => self.rtl,
        };
        &self.text[usize::from(rtl)][usize::from(wrap)]
    }
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
    let mut base = whole_words(clean, MAX_SHEET_NAME);
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
            let head = whole_words(&base, MAX_SHEET_NAME - tail.chars().count());
            format!("{head}{tail}")
        })
        .find(|name| free(name))
        .unwrap_or(base)
}

/// `name` within `max` characters: its first words, never a word cut in the middle (but for
/// a first word longer than `max`).
fn whole_words(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_owned();
    }
    let mut out = String::new();
    for word in name.split_whitespace() {
        let wanted = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if wanted > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = name.chars().take(max).collect();
    }
    out
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
        assert_eq!(unique_name(long, &[]), "Actions due in the next 14 days");
        let long = "Cities without an active facilitator";
        assert_eq!(unique_name(long, &[]), "Cities without an active");
        let taken = vec!["Cities without an active".to_owned()];
        assert_eq!(unique_name(long, &taken), "Cities without an active (2)");
        let taken = vec!["Actions due in the next 14 days".to_owned()];
        let long = "Actions due in the next 14 days and more";
        assert_eq!(unique_name(long, &taken), "Actions due in the next 14 (2)");
        assert_eq!(unique_name(&"x".repeat(40), &[]).chars().count(), 31);
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
