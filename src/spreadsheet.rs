//! Reading the rows of a spreadsheet (`.xlsx`, `.ods`, and the other formats calamine reads) or
//! a CSV file, for `diplomat import`. Nothing here prints: the command decides what to say.
//!
//! A sheet is its header row (the first row with any text) and the rows under it, each cell
//! typed: text, a number, or a date (an Excel serial date or an ODS date). Every cell keeps
//! where it was, so that a bad value is a located error: `signup.xlsx:Sheet1!C7`.

use std::path::Path;

use calamine::{Data, Reader};
use jiff::civil::Date;

use crate::error::{Error, Op, Result};
use crate::i18n::Lang;

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
}

impl Value {
    /// The value as text: a whole number without `.0`, a date as `YYYY-MM-DD`.
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Empty => None,
            Value::Text(t) => Some(t.clone()),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{n:.0}")),
            Value::Number(n) => Some(n.to_string()),
            Value::Date(d) => Some(d.to_string()),
        }
    }
}

/// A row under the header: its number in the file (1-based, as a spreadsheet shows it).
#[derive(Clone, Debug)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Value>,
}

#[derive(Clone, Debug)]
pub struct Sheet {
    /// How a cell of this sheet is named: `signup.xlsx:Sheet1` (`signup.csv` for CSV).
    pub place: String,
    /// The header row's number and texts, by column.
    pub header_row: u32,
    pub headers: Vec<String>,
    /// The 0-based column of the first header (a sheet may start further right).
    pub first_column: u32,
    pub rows: Vec<Row>,
}

impl Sheet {
    /// `signup.xlsx:Sheet1!C7`: the cell of `column` (0-based, from the first header) in row
    /// `row`.
    pub fn cell(&self, row: u32, column: usize) -> String {
        let column = u32::try_from(column).unwrap_or(u32::MAX - self.first_column);
        let letters = column_letters(self.first_column.saturating_add(column));
        format!("{}!{letters}{row}", self.place)
    }
}

/// `A`, `Z`, `AA`, …: a spreadsheet's name of the 0-based column `n`.
pub fn column_letters(n: u32) -> String {
    let mut n = u64::from(n) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads `path` (shown as `shown`): a CSV file by its `.csv` or `.tsv` extension, anything else
/// as a spreadsheet; `sheet` picks a sheet by name (default: the first).
pub fn read(path: &Path, shown: &str, sheet: Option<&str>) -> Result<Sheet> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "tsv" | "txt" => read_csv(path, shown),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(path, shown, sheet),
        _ => Err(Error::usage(|lang: Lang| {
            let file = lang.code(shown);
            say!(
                lang,
                "{file}: not a spreadsheet diplomat reads; give an .xlsx, .ods or .csv file",
                "{file}: صفحه‌گسترده‌ای نیست که diplomat بخواند؛ پروندهٔ .xlsx، .ods یا .csv بدهید"
            )
        })),
    }
}

fn unreadable(shown: &str, why: String) -> Error {
    let shown = shown.to_owned();
    Error::input(move |lang: Lang| {
        let (file, why) = (lang.code(&shown), lang.embed(&why).into_owned());
        say!(
            lang,
            "{file} cannot be read as a spreadsheet: {why}",
            "{file} به صورت صفحه‌گسترده خوانده نمی‌شود: {why}"
        )
    })
}

fn read_workbook(path: &Path, shown: &str, wanted: Option<&str>) -> Result<Sheet> {
    if let Err(e) = std::fs::metadata(path) {
        return Err(Error::file(Op::Read, path, &e));
    }
    let mut workbook =
        calamine::open_workbook_auto(path).map_err(|e| unreadable(shown, e.to_string()))?;
    let names = workbook.sheet_names();
    let name = match wanted {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| unreadable(shown, "it has no sheet".to_owned()))?,
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| {
                let folded = crate::text::fold(wanted);
                names.iter().find(|n| crate::text::fold(n) == folded)
            })
            .cloned()
            .ok_or_else(|| {
                let (wanted, shown, names) = (wanted.to_owned(), shown.to_owned(), names.clone());
                Error::usage(move |lang: Lang| {
                    let (sheet, file) = (lang.code(&wanted), lang.code(&shown));
                    let list = lang.code_list(&names);
                    say!(
                        lang,
                        "{file} has no sheet {sheet}; its sheets: {list}",
                        "{file} برگه‌ای به نام {sheet} ندارد؛ برگه‌هایش: {list}"
                    )
                })
            })?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| unreadable(shown, e.to_string()))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let rows: Vec<(u32, Vec<Value>)> = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let number = first_row
                .saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
                .saturating_add(1);
            (number, row.iter().map(value).collect())
        })
        .collect();
    Ok(sheet(format!("{shown}:{name}"), first_column, rows))
}

/// A cell of calamine as a [`Value`].
fn value(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => text(s),
        Data::Float(f) => Value::Number(*f),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            serial_date(dt.as_f64()).map_or(Value::Number(dt.as_f64()), Value::Date)
        }
        Data::DateTime(dt) => Value::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| d.parse::<Date>().ok())
            .map_or_else(|| text(s), Value::Date),
        Data::DurationIso(s) => text(s),
        Data::Error(e) => Value::Text(format!("#{e:?}")),
    }
}

fn text(s: &str) -> Value {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        Value::Empty
    } else {
        Value::Text(trimmed.to_owned())
    }
}

/// The day of an Excel serial date (days since 1899-12-30, the time of day dropped).
pub fn serial_date(serial: f64) -> Option<Date> {
    if !serial.is_finite() || !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

fn read_csv(path: &Path, shown: &str) -> Result<Sheet> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(Op::Read, path, &e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // Excel writes `;` where the decimal separator is a comma; a `.tsv` is tab-separated.
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|c| (count(*c), *c == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut row = 0u32;
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(shown, e.to_string()))?;
        let start = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        row = row.saturating_add(rows_down(bytes, start));
        rows.push((row, record.iter().map(text).collect()));
    }
    Ok(sheet(shown.to_owned(), 0, rows))
}

/// How many rows down from the record before (from the top, for the first) a spreadsheet
/// shows the record the csv crate says starts at byte `start`: one for each line break between
/// them, CRLF (Excel's and Python's), LF or a lone CR alike. Neither the csv crate's line
/// numbers (a CRLF counts once, then the next record's LF again, or not: one row off) nor lines
/// are a spreadsheet's rows: a quoted line break stays in its cell, a blank line is a row.
///
/// The record's own text begins after any line breaks at `start` (the crate counts the end of
/// the record before as this one's), and only line breaks stand between a record's last
/// character and the next one's first, so they are the breaks just before its first character.
fn rows_down(bytes: &[u8], start: usize) -> u32 {
    let is_break = |b: &u8| matches!(b, b'\r' | b'\n');
    let start = start.min(bytes.len());
    let first = start + bytes[start..].iter().take_while(|b| is_break(b)).count();
    let gap_start = bytes[..first]
        .iter()
        .rposition(|b| !is_break(b))
        .map_or(0, |i| i + 1);
    let gap = &bytes[gap_start..first];
    let lone_or_crlf = gap
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && gap.get(i + 1) != Some(&b'\n')))
        .count();
    // The first record starts one row down from "row 0", above the sheet.
    let first_row = usize::from(gap_start == 0);
    u32::try_from(lone_or_crlf + first_row).unwrap_or(u32::MAX)
}

/// The header is the first row with any text; blank rows under it are skipped.
fn sheet(place: String, first_column: u32, rows: Vec<(u32, Vec<Value>)>) -> Sheet {
    let blank = |cells: &[Value]| cells.iter().all(|c| *c == Value::Empty);
    let mut rows = rows.into_iter().filter(|(_, cells)| !blank(cells));
    let (header_row, headers) = match rows.next() {
        Some((number, cells)) => (
            number,
            cells.iter().map(|c| c.text().unwrap_or_default()).collect(),
        ),
        None => (1, Vec::new()),
    };
    Sheet {
        place,
        header_row,
        headers,
        first_column,
        rows: rows.map(|(number, cells)| Row { number, cells }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn serial_dates_are_days_since_1899_12_30() {
        assert_eq!(serial_date(46352.0), Some(jiff::civil::date(2026, 11, 26)));
        assert_eq!(serial_date(46352.75), Some(jiff::civil::date(2026, 11, 26)));
        assert_eq!(serial_date(f64::NAN), None);
        assert_eq!(serial_date(-3.0), None);
    }

    #[test]
    fn whole_numbers_read_as_text_without_decimals() {
        assert_eq!(
            Value::Number(9131234567.0).text().as_deref(),
            Some("9131234567")
        );
        assert_eq!(Value::Number(1.5).text().as_deref(), Some("1.5"));
    }
}
