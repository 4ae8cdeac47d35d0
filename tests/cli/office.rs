//! What the office's own programs show: the workbooks as Excel and Calc open and print them
//! (read back with calamine, and unzipped for what calamine does not read: wrapping, row
//! heights, print setup, number formats), the HTML pages (html5gum) and the e-mail drafts
//! (mail-parser), in English and Persian, made from `examples/demo`.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use crate::demo::demo_copy;
use crate::support::{Run, diplomat};

/// Runs `args` in a copy of the demo (outside any git repository) and returns the run.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = diplomat();
    cmd.current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", dir)
        .arg("--no-cache")
        .args(args);
    Run::of(args.join(" "), &mut cmd)
}

/// The workbook `args` write with `-o book.xlsx`, in a fresh copy of the demo.
fn workbook(args: &[&str]) -> Book {
    let dir = demo_copy();
    let run = run_in(dir.path(), &[args, &["-o", "book.xlsx"]].concat());
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    Book {
        bytes: std::fs::read(dir.path().join("book.xlsx")).expect("the workbook is written"),
    }
}

struct Book {
    bytes: Vec<u8>,
}

impl Book {
    fn part(&self, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).expect("a zip");
        let mut file = zip.by_name(name).unwrap_or_else(|_| panic!("no {name}"));
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        text
    }

    fn names(&self) -> Vec<String> {
        self.calamine().sheet_names()
    }

    fn calamine(&self) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(self.bytes.clone())).expect("calamine reads the workbook")
    }

    /// The rows of a sheet as calamine reads them, the header first.
    fn rows(&self, sheet: &str) -> Vec<Vec<Data>> {
        let range = self.calamine().worksheet_range(sheet).expect("the sheet");
        range.rows().map(<[Data]>::to_vec).collect()
    }

    /// The `n`th sheet's XML (1-based).
    fn sheet_xml(&self, n: usize) -> String {
        self.part(&format!("xl/worksheets/sheet{n}.xml"))
    }

    /// Each cell format (`<xf>` of `cellXfs`) by index, with its number format's code.
    fn formats(&self) -> Vec<String> {
        let styles = self.part("xl/styles.xml");
        let codes: Vec<(String, String)> = pieces(&styles, "<numFmt ")
            .map(|f| (attr(f, "numFmtId"), attr(f, "formatCode")))
            .collect();
        let cell_xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
        let cell_xfs = &cell_xfs[..cell_xfs.find("</cellXfs>").expect("</cellXfs>")];
        pieces(cell_xfs, "<xf ")
            .map(|xf| {
                let id = attr(xf, "numFmtId");
                let code = codes
                    .iter()
                    .find(|(i, _)| *i == id)
                    .map_or(String::new(), |(_, c)| c.clone());
                format!("{xf} code={code}")
            })
            .collect()
    }

    /// The cells of a sheet: row number, the row's height (if set), the cell's format and
    /// its text (numbers and dates as written).
    fn cells(&self, n: usize) -> Vec<XmlCell> {
        let xml = self.sheet_xml(n);
        let formats = self.formats();
        let mut cells = Vec::new();
        for row in pieces(&xml, "<row ") {
            let number: u32 = attr(row, "r").parse().expect("a row number");
            let height = row[..row.find('>').unwrap_or(0)]
                .contains("ht=")
                .then(|| attr(row, "ht").parse::<f64>().expect("a height"));
            for cell in pieces(row, "<c ") {
                let style: usize = attr(cell, "s").parse().unwrap_or(0);
                let text = between(cell, "<t", "</t>")
                    .or_else(|| between(cell, "<v", "</v>"))
                    .map(|t| t[t.find('>').map_or(0, |i| i + 1)..].to_owned())
                    .unwrap_or_default();
                cells.push(XmlCell {
                    row: number,
                    height,
                    format: formats.get(style).cloned().unwrap_or_default(),
                    number: !cell.contains("t=\"inlineStr\"") && !cell.contains("t=\"s\""),
                    text: text
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&"),
                });
            }
        }
        cells
    }
}

#[derive(Debug)]
struct XmlCell {
    row: u32,
    height: Option<f64>,
    format: String,
    number: bool,
    text: String,
}

/// The pieces of `xml` that start with `open`, each up to the next.
fn pieces<'a>(xml: &'a str, open: &'a str) -> impl Iterator<Item = &'a str> {
    xml.match_indices(open).map(move |(at, _)| {
        let rest = &xml[at + open.len()..];
        let end = rest.find(open).map_or(rest.len(), |e| e);
        &xml[at..at + open.len() + end]
    })
}

/// The value of the first attribute `name` in `tag`.
fn attr(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let Some(at) = tag.find(&key) else {
        return String::new();
    };
    let rest = &tag[at + key.len()..];
    rest[..rest.find('"').unwrap_or(rest.len())].to_owned()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let at = text.find(open)? + open.len();
    let end = text[at..].find(close)? + at;
    Some(&text[at..end])
}

/// Every sheet of the weekly workbook prints landscape, one A4 page wide, the header row on
/// every page, gridlines drawn; names are chosen to fit, not cut.
#[test]
fn every_weekly_sheet_prints_landscape_one_page_wide_with_its_header_on_each_page() {
    for lang in ["en", "fa"] {
        let book = workbook(&["--lang", lang, "report", "weekly"]);
        let names = book.names();
        let workbook_xml = book.part("xl/workbook.xml");
        for (i, name) in names.iter().enumerate() {
            let xml = book.sheet_xml(i + 1);
            let setup = between(&xml, "<pageSetup", "/>").expect("a page setup");
            assert_eq!(attr(setup, "orientation"), "landscape", "{name}");
            assert_eq!(attr(setup, "paperSize"), "9", "{name}: A4");
            // One page wide is the default, which Excel's files leave out.
            assert!(
                matches!(attr(setup, "fitToWidth").as_str(), "" | "1"),
                "{name}"
            );
            assert_eq!(attr(setup, "fitToHeight"), "0", "{name}");
            assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{name}");
            assert!(xml.contains(r#"gridLines="1""#), "{name}");
            let titles = format!("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">");
            let at = workbook_xml
                .find(&titles)
                .unwrap_or_else(|| panic!("{name}"));
            assert!(
                workbook_xml[at..]
                    .split("</definedName>")
                    .next()
                    .is_some_and(|d| d.ends_with("!$1:$1")),
                "{name}: {workbook_xml}"
            );
            assert!(name.chars().count() <= 31, "{name}");
        }
        let expected = match lang {
            "en" => "Without an active facilitator",
            _ => "بدون تسهیل‌گر فعال",
        };
        assert_eq!(names[9], expected, "{names:?}");
    }
}

/// A summary of several lines wraps, in a row as tall as its lines: Calc showed only the
/// last line.
#[test]
fn multi_line_cells_wrap_in_rows_as_tall_as_their_lines() {
    for lang in ["en", "fa"] {
        let book = workbook(&["--lang", lang, "report", "weekly", "--date", "2026-11-26"]);
        let interactions = book.cells(2);
        let several: Vec<&XmlCell> = interactions
            .iter()
            .filter(|c| c.text.contains('\n'))
            .collect();
        assert!(several.len() >= 3, "{interactions:?}");
        for cell in several {
            assert!(cell.format.contains(r#"wrapText="1""#), "{cell:?}");
            assert!(cell.format.contains(r#"vertical="top""#), "{cell:?}");
            let lines = cell.text.lines().count() as f64;
            let height = cell.height.unwrap_or(15.0);
            assert!(
                height >= 16.0 * lines,
                "row {} is {height} tall: {cell:?}",
                cell.row
            );
        }
        // A cell of one short line neither wraps nor makes its row taller.
        let kinds: Vec<&XmlCell> = interactions
            .iter()
            .filter(|c| c.text == "call" || c.text == "تماس")
            .collect();
        assert!(!kinds.is_empty());
        assert!(
            kinds.iter().all(|c| !c.format.contains("wrapText")),
            "{kinds:?}"
        );
    }
}

/// The weekly workbook counts days overdue to the report's own day (the day after a past
/// period), as its list of overdue actions is measured: not to the day it is written.
#[test]
fn days_overdue_are_counted_for_the_reported_period() {
    let book = workbook(&["report", "weekly", "--date", "2026-09-02"]);
    let rows = book.rows("Overdue actions");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let column = |h: &str| header.iter().position(|x| x == h).expect(h);
    let late = rows
        .iter()
        .find(|r| r[column("id")] == "a-g2hw")
        .unwrap_or_else(|| panic!("{rows:?}"));
    // Due 2026-08-31; the week of 2026-09-02 ends on Friday 2026-09-04.
    assert_eq!(late[column("days overdue")], Data::Float(5.0), "{late:?}");
    // The action list, of today (2026-11-26), counts to today.
    let book = workbook(&["action", "list", "--overdue"]);
    let rows = book.rows("Actions");
    let late = rows.iter().find(|r| r[1] == "a-g2hw").expect("a-g2hw");
    assert_eq!(late[6], Data::Float(87.0), "{late:?}");
}

/// Persian sheets: text from the sheet's right edge in its own direction (the Solar Hijri
/// date, all digits, too), numbers and dates in Persian digits while staying numbers, Latin
/// codes joined with a Latin comma.
#[test]
fn persian_sheets_align_their_text_show_persian_digits_and_join_codes_with_a_latin_comma() {
    let book = workbook(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "action",
        "list",
        "--all",
    ]);
    let cells = book.cells(1);
    let jalali: Vec<&XmlCell> = cells
        .iter()
        .filter(|c| {
            c.row > 1
                && !c.text.is_empty()
                && c.text
                    .chars()
                    .all(|ch| ch == '/' || ('۰'..='۹').contains(&ch))
        })
        .collect();
    assert!(jalali.len() > 10, "{cells:?}");
    for cell in &jalali {
        assert!(cell.format.contains(r#"horizontal="right""#), "{cell:?}");
        assert!(cell.format.contains(r#"readingOrder="2""#), "{cell:?}");
    }
    let numbers: Vec<&XmlCell> = cells
        .iter()
        .filter(|c| c.number && !c.text.is_empty())
        .collect();
    assert!(
        numbers
            .iter()
            .any(|c| c.format.contains("code=[$-3000429]0")),
        "{numbers:?}"
    );
    assert!(
        numbers
            .iter()
            .any(|c| c.format.contains("code=[$-3010429]yyyy-mm-dd")),
        "{numbers:?}"
    );
    for cell in &numbers {
        assert!(cell.format.contains("code=[$-30"), "{cell:?}");
    }
    // An English title in a Persian sheet starts at the right edge and reads left to right.
    let english = cells
        .iter()
        .find(|c| c.text.starts_with("Send the"))
        .expect("an English title");
    assert!(
        english.format.contains(r#"horizontal="right""#),
        "{english:?}"
    );
    assert!(
        english.format.contains(r#"readingOrder="1""#),
        "{english:?}"
    );

    let book = workbook(&["--lang", "fa", "facilitator", "list"]);
    let rows = book.rows("تسهیل‌گران");
    let maryam = rows
        .iter()
        .find(|r| r[0] == "maryam-ahmadi")
        .expect("maryam-ahmadi");
    assert_eq!(
        maryam[4],
        Data::String("ru, tt, fa, en".into()),
        "{maryam:?}"
    );
    assert!(!format!("{rows:?}").contains("، fa"), "{rows:?}");
}
