//! Spreadsheets out (`--format xlsx`, `-o FILE.xlsx`), read back with calamine, and in
//! (`import facilitators|contacts|actions` from .xlsx, .ods and .csv).

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use crate::support::{BARCELONA, FLORENCE, KAZAN, Run, Workspace};

fn workspace() -> Workspace {
    Workspace::with(&[
        ("barcelona.yaml", BARCELONA),
        ("florence.yaml", FLORENCE),
        ("kazan.yaml", KAZAN),
    ])
}

/// Runs `args` with `-o out.xlsx`; returns the run and the file's bytes.
fn xlsx(ws: &Workspace, args: &[&str]) -> (Run, Vec<u8>) {
    let path = ws.root().join("out.xlsx");
    let _ = std::fs::remove_file(&path);
    let path_text = path.display().to_string();
    let args = [args, &["-o", &path_text]].concat();
    let run = ws.run(&args);
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    let bytes = std::fs::read(&path).expect("the workbook is written");
    (run, bytes)
}

struct Book {
    bytes: Vec<u8>,
    xlsx: Xlsx<Cursor<Vec<u8>>>,
}

impl Book {
    fn open(bytes: Vec<u8>) -> Book {
        let xlsx = Xlsx::new(Cursor::new(bytes.clone())).expect("calamine reads the workbook");
        Book { bytes, xlsx }
    }

    fn names(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    /// Every row of a sheet, the header first.
    fn rows(&mut self, sheet: &str) -> Vec<Vec<Data>> {
        let range = self
            .xlsx
            .worksheet_range(sheet)
            .unwrap_or_else(|e| panic!("no sheet {sheet:?}: {e}"));
        range.rows().map(<[Data]>::to_vec).collect()
    }

    fn headers(&mut self, sheet: &str) -> Vec<String> {
        self.rows(sheet)[0].iter().map(|c| c.to_string()).collect()
    }

    /// The row whose first cell is `key`, as a map from header to cell.
    fn row(&mut self, sheet: &str, column: usize, key: &str) -> Vec<(String, Data)> {
        let rows = self.rows(sheet);
        let headers: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        let row = rows
            .iter()
            .find(|r| r.get(column).is_some_and(|c| *c == key))
            .unwrap_or_else(|| panic!("no row {key:?} in {sheet:?}: {rows:?}"));
        headers.into_iter().zip(row.iter().cloned()).collect()
    }

    /// The XML of the `n`th sheet (1-based), unzipped.
    fn sheet_xml(&self, n: usize) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.clone())).expect("a zip");
        let mut file = zip
            .by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .expect("the sheet's XML");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        text
    }
}

fn cell<'a>(row: &'a [(String, Data)], header: &str) -> &'a Data {
    &row.iter()
        .find(|(h, _)| h == header)
        .unwrap_or_else(|| panic!("no column {header:?} in {row:?}"))
        .1
}

/// A date cell holding `ymd` (a real Excel date, not text).
fn assert_date(data: &Data, ymd: &str) {
    let Data::DateTime(dt) = data else {
        panic!("{data:?} is not a date");
    };
    let (y, m, d): (i32, i8, i8) = {
        let mut parts = ymd.split('-').map(|p| p.parse::<i32>().expect("digits"));
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        (y.unwrap(), m.unwrap() as i8, d.unwrap() as i8)
    };
    let epoch = jiff::civil::date(1899, 12, 30);
    let days = (jiff::civil::date(y as i16, m, d) - epoch).get_days();
    assert_eq!(dt.as_f64(), f64::from(days), "{ymd}");
}

fn assert_number(data: &Data, n: f64) {
    match data {
        Data::Float(x) => assert_eq!(*x, n),
        Data::Int(x) => assert_eq!(*x as f64, n),
        other => panic!("{other:?} is not the number {n}"),
    }
}

fn assert_text(data: &Data, text: &str) {
    assert_eq!(data, &Data::String(text.to_owned()));
}

#[test]
fn city_list_is_a_sheet_with_dates_numbers_and_text() {
    let ws = workspace();
    let (run, bytes) = xlsx(&ws, &["city", "list"]);
    run.stderr_has("wrote");
    let mut book = Book::open(bytes);
    assert_eq!(book.names(), ["Cities"]);
    assert_eq!(
        book.headers("Cities"),
        [
            "slug",
            "name",
            "country",
            "status",
            "signed",
            "readiness met",
            "readiness items",
            "active facilitators",
            "last contact",
            "open actions",
            "overdue actions"
        ]
    );
    let kazan = book.row("Cities", 0, "kazan");
    assert_text(cell(&kazan, "name"), "Kazan");
    assert_text(cell(&kazan, "status"), "active");
    // A bare year stays as written; a full date is a date.
    assert_text(cell(&kazan, "signed"), "2016");
    assert_date(cell(&kazan, "last contact"), "2026-11-26");
    assert_number(cell(&kazan, "readiness met"), 11.0);
    assert_number(cell(&kazan, "active facilitators"), 2.0);
    let barcelona = book.row("Cities", 0, "barcelona");
    assert_date(cell(&barcelona, "signed"), "2000-01-14");
    // Header bold (a style), frozen, with an autofilter; left to right.
    let xml = book.sheet_xml(1);
    assert!(xml.contains(r#"state="frozen""#), "{xml}");
    assert!(xml.contains("<autoFilter ref=\"A1:K4\""), "{xml}");
    assert!(!xml.contains("rightToLeft"), "{xml}");
    assert!(xml.contains("customWidth"), "{xml}");
}

#[test]
fn persian_sheets_read_right_to_left_with_solar_hijri_dates_beside() {
    let ws = workspace();
    let (_, bytes) = xlsx(
        &ws,
        &["--lang", "fa", "--calendar", "jalali", "city", "list"],
    );
    let mut book = Book::open(bytes);
    assert_eq!(book.names(), ["شهرها"]);
    let headers = book.headers("شهرها");
    let at = |h: &str| headers.iter().position(|x| x == h).expect(h);
    assert_eq!(
        at("آخرین ارتباط (شمسی)"),
        at("آخرین ارتباط") + 1,
        "{headers:?}"
    );
    assert_eq!(at("امضا (شمسی)"), at("امضا") + 1, "{headers:?}");
    let kazan = book.row("شهرها", 0, "kazan");
    assert_text(cell(&kazan, "نام"), "کازان");
    assert_date(cell(&kazan, "آخرین ارتباط"), "2026-11-26");
    assert_text(cell(&kazan, "آخرین ارتباط (شمسی)"), "۱۴۰۵/۰۹/۰۵");
    assert_number(cell(&kazan, "تسهیل‌گران فعال"), 2.0);
    assert!(book.sheet_xml(1).contains(r#"rightToLeft="1""#));
}

#[test]
fn facilitator_phones_are_text_and_only_with_contacts() {
    let ws = workspace();
    let (_, bytes) = xlsx(&ws, &["facilitator", "list"]);
    let mut book = Book::open(bytes);
    assert_eq!(book.names(), ["Facilitators"]);
    let headers = book.headers("Facilitators");
    assert!(
        !headers.iter().any(|h| h == "email" || h == "phone"),
        "{headers:?}"
    );
    let all: String = format!("{:?}", book.rows("Facilitators"));
    assert!(!all.contains("example.org"), "{all}");

    let (_, bytes) = xlsx(&ws, &["facilitator", "list", "--contacts"]);
    let mut book = Book::open(bytes);
    let maryam = book.row("Facilitators", 0, "maryam-rahimi");
    assert_text(cell(&maryam, "phone"), "+98 913 000 1111");
    assert_text(cell(&maryam, "email"), "maryam.rahimi@example.org");
    assert_text(cell(&maryam, "languages"), "it, en, fa");
    assert_text(cell(&maryam, "name (fa)"), "مریم رحیمی");
}

#[test]
fn action_opportunity_check_and_summary_sheets() {
    let ws = workspace();
    let (_, bytes) = xlsx(&ws, &["action", "list", "--all"]);
    let mut book = Book::open(bytes);
    assert_eq!(book.names(), ["Actions"]);
    let late = book.row("Actions", 1, "a-late");
    assert_text(cell(&late, "city"), "Florence");
    assert_date(cell(&late, "due"), "2026-11-01");
    assert_number(cell(&late, "days overdue"), 25.0);
    let done = book.row("Actions", 1, "a-done");
    assert_date(cell(&done, "done"), "2026-09-28");
    assert_eq!(cell(&done, "days overdue"), &Data::Empty);

    let (_, bytes) = xlsx(&ws, &["opportunity", "list"]);
    let mut book = Book::open(bytes);
    assert_eq!(book.names(), ["Opportunities"]);
    assert_eq!(
        book.headers("Opportunities"),
        [
            "city",
            "id",
            "title",
            "sector",
            "stage",
            "lead",
            "since",
            "days in stage"
        ]
    );

    let (run, bytes) = xlsx(&ws, &["check"]);
    run.code(1);
    let mut book = Book::open(bytes);
    assert_eq!(book.names(), ["Checklist", "Cities"]);
    assert_eq!(
        book.headers("Checklist"),
        ["city", "item", "status", "reason"]
    );
    let kazan = book.row("Cities", 0, "Kazan");
    assert_number(cell(&kazan, "met"), 11.0);
    assert_number(cell(&kazan, "items"), 11.0);

    let (_, bytes) = xlsx(&ws, &["summary"]);
    let mut book = Book::open(bytes);
    assert_eq!(book.names(), ["Readiness", "The programme's aims"]);
    let florence = book.row("Readiness", 0, "florence");
    assert_text(cell(&florence, "city"), "Florence");
    assert_number(cell(&florence, "items"), 11.0);
    assert_eq!(book.headers("Readiness").len(), 2 + 6 + 2);
}

#[test]
fn the_weekly_report_is_one_sheet_per_section() {
    let ws = workspace();
    let (_, bytes) = xlsx(&ws, &["report", "weekly"]);
    let mut book = Book::open(bytes);
    assert_eq!(
        book.names(),
        [
            "The programme's aims",
            "Interactions",
            "Relationships changed",
            "Opportunities moved",
            "Actions completed",
            "Actions due in the next 14 days",
            "Overdue actions",
            "Readiness",
            "Relations going cold",
            "Cities without an active facili",
            "Dossier changes",
            "Warnings",
        ]
    );
    let meeting = book.row("Interactions", 0, "Kazan");
    assert_date(cell(&meeting, "Date"), "2026-11-26");
    assert_text(cell(&meeting, "Title"), "Meeting with the mayor's office");
    let aim = book.row("The programme's aims", 0, "facilitators");
    assert!(matches!(
        cell(&aim, "This period"),
        Data::Float(_) | Data::Int(_)
    ));

    let (_, bytes) = xlsx(&ws, &["--lang", "fa", "report", "weekly"]);
    let book = Book::open(bytes);
    assert_eq!(book.names()[1], "تعاملات");
    for n in 1..=12 {
        assert!(
            book.sheet_xml(n).contains(r#"rightToLeft="1""#),
            "sheet {n}"
        );
    }
}

#[test]
fn a_workbook_goes_to_a_pipe_and_only_some_commands_write_one() {
    let ws = workspace();
    let output = ws
        .cmd(["city", "list", "--format", "xlsx"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let mut book = Book::open(output.stdout);
    assert_eq!(book.rows("Cities").len(), 4);

    ws.run(&["report", "roadmap", "--format", "xlsx"])
        .code(2)
        .stderr_has("not `xlsx`");
    ws.run(&["validate", "--format", "xlsx"])
        .code(2)
        .stderr_has("--format xlsx");
    ws.run(&["city", "show", "kazan", "--format", "xlsx"])
        .code(2);
}

/// On a terminal a workbook is refused (exit 2) and nothing is printed; needs util-linux
/// `script` for a terminal, skipped without it.
#[test]
fn a_workbook_is_not_written_to_a_terminal() {
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: no `script` to give the run a terminal");
        return;
    }
    let ws = workspace();
    let bin = assert_cmd::cargo::cargo_bin("diplomat");
    for args in ["city list --format xlsx", "report weekly --format xlsx"] {
        let command = format!("'{}' -C '{}' {args}", bin.display(), ws.root().display());
        let output = std::process::Command::new("script")
            .env_clear()
            .envs(crate::support::hermetic_env())
            .args(["-qec", &command, "/dev/null"])
            .output()
            .expect("script runs");
        let said = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(2), "{said}");
        assert!(said.contains("not text for the terminal"), "{said}");
        assert!(!said.contains("PK"), "{said}");
    }
}
