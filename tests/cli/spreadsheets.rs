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
            "Without an active facilitator",
            "Dossier changes",
            "Warnings",
            "Week ahead",
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

// ---- import -------------------------------------------------------------------------------

use rust_xlsxwriter::{ExcelDateTime, Format as XlsxFormat, Workbook};

/// A sign-up sheet as the Chamber sends it: written here with rust_xlsxwriter, a real Excel
/// date, a phone typed as a number, one person already in Florence under another spelling.
fn signup_xlsx(ws: &Workspace, bad_email_row: bool) -> String {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sheet1").unwrap();
    let date = XlsxFormat::new().set_num_format("dd/mm/yyyy");
    for (col, header) in ["Name", "E-mail", "Phone", "Languages", "Since", "Comments"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "Parisa Nouri").unwrap();
    sheet.write_string(1, 1, "parisa@example.org").unwrap();
    sheet.write_number(1, 2, 9_131_234_567.0).unwrap();
    sheet.write_string(1, 3, "it، en; fa").unwrap();
    sheet
        .write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2026, 10, 2).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 5, "=HYPERLINK(\"x\")").unwrap();
    // Maryam is already a facilitator of Florence: skipped, by her folded name.
    sheet.write_string(2, 0, "MARYAM  rahimi").unwrap();
    sheet
        .write_string(
            2,
            1,
            if bad_email_row {
                "maryam(at)example"
            } else {
                ""
            },
        )
        .unwrap();
    let path = ws.root().join("signup.xlsx");
    book.save(&path).unwrap();
    path.display().to_string()
}

/// Every line of `before` is in `after`, in order: the import only added lines.
fn only_added(before: &str, after: &str) {
    let mut lines = after.lines();
    for line in before.lines() {
        assert!(
            lines.any(|l| l == line),
            "{line:?} is gone or moved:\n{after}"
        );
    }
}

#[test]
fn import_facilitators_from_xlsx_dry_run_then_for_real_then_again() {
    let ws = workspace();
    let file = signup_xlsx(&ws, false);
    let before = ws.read_city("florence.yaml");

    let run = ws.run(&[
        "import",
        "facilitators",
        &file,
        "--city",
        "Florence",
        "--dry-run",
    ]);
    run.code(0)
        .stdout_has("parisa-nouri")
        .stdout_lacks("maryam")
        .stderr_has("skipped `MARYAM  rahimi = maryam-rahimi`, already present (same id)")
        .stderr_has("Comments")
        .stderr_has("nothing written");
    assert_eq!(ws.read_city("florence.yaml"), before, "dry run wrote");

    let run = ws.run(&["import", "facilitators", &file, "--city", "فلورانس"]);
    run.code(0).stdout_has("parisa-nouri");
    let after = String::from_utf8(ws.read_city("florence.yaml")).unwrap();
    only_added(&String::from_utf8(before).unwrap(), &after);
    assert!(
        after.contains("# Florence: a dossier with people"),
        "{after}"
    );
    let json = ws
        .run(&[
            "facilitator",
            "list",
            "--city",
            "florence",
            "--contacts",
            "--format",
            "json",
        ])
        .json();
    let parisa = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "parisa-nouri")
        .expect("added");
    assert_eq!(parisa["phone"], "9131234567");
    assert_eq!(parisa["email"], "parisa@example.org");
    assert_eq!(parisa["languages"], serde_json::json!(["it", "en", "fa"]));
    assert_eq!(parisa["status"], "prospective");
    assert!(after.contains("since: 2026-10-02"), "{after}");
    ws.run(&["validate"]).code(0);

    // Again: everything is already there; nothing changes.
    let again = ws.read_city("florence.yaml");
    ws.run(&["import", "facilitators", &file, "--city", "florence"])
        .code(0)
        .stderr_has("skipped `Parisa Nouri = parisa-nouri`, already present (same id)");
    assert_eq!(ws.read_city("florence.yaml"), again);
}

#[test]
fn a_bad_row_is_located_and_nothing_is_written() {
    let ws = workspace();
    let file = signup_xlsx(&ws, true);
    let before = ws.read_city("florence.yaml");
    ws.run(&["import", "facilitators", &file, "--city", "florence"])
        .code(2)
        .stderr_has("signup.xlsx:Sheet1!B3: not an e-mail address: `maryam(at)example`");
    assert_eq!(ws.read_city("florence.yaml"), before);

    // A required column missing, an unknown sheet, a file that is not a spreadsheet.
    ws.file("no-name.csv", "email\nx@example.org\n");
    let path = ws.root().join("no-name.csv").display().to_string();
    ws.run(&["import", "facilitators", &path, "--city", "florence"])
        .code(2)
        .stderr_has("no column for `name`");
    ws.run(&[
        "import",
        "facilitators",
        &file,
        "--city",
        "florence",
        "--sheet",
        "Nope",
    ])
    .code(2)
    .stderr_has("no sheet `Nope`");
    ws.file("junk.xlsx", "not a zip");
    let junk = ws.root().join("junk.xlsx").display().to_string();
    ws.run(&["import", "facilitators", &junk, "--city", "florence"])
        .code(2)
        .stderr_has("cannot be read as a spreadsheet");
    ws.file("empty.csv", "");
    let empty = ws.root().join("empty.csv").display().to_string();
    ws.run(&["import", "facilitators", &empty, "--city", "florence"])
        .code(2);
    assert_eq!(ws.read_city("florence.yaml"), before);
}

#[test]
fn import_from_the_ods_fixture_with_persian_headers_and_digits() {
    let ws = workspace();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/signup.ods");
    let before = String::from_utf8(ws.read_city("kazan.yaml")).unwrap();
    ws.run(&["import", "facilitators", fixture, "--city", "kazan"])
        .code(0)
        .stdout_has("narges-tavakoli\nhamid-rezaei\n");
    let after = String::from_utf8(ws.read_city("kazan.yaml")).unwrap();
    only_added(&before, &after);
    // An ODS date; a Solar Hijri date in Persian digits (1405/08/01 = 2026-10-23).
    assert!(after.contains("since: 2026-10-02"), "{after}");
    assert!(after.contains("since: 2026-10-23"), "{after}");
    assert!(after.contains("name_fa: نرگس توکلی"), "{after}");
    assert!(after.contains("+98 913 123 4567"), "{after}");
    assert!(after.contains("languages: [ru, en]"), "{after}");
    assert!(after.contains("expertise: [tourism, education]"), "{after}");
    ws.run(&["validate"]).code(0);
}

#[test]
fn import_contacts_and_actions_from_csv() {
    let ws = workspace();
    ws.file(
        "experts.csv",
        "نام,نقش,سازمان,ایمیل\nSergei Ivanov,کارشناس,Kazan Federal University,sergei@example.ru\n\"Ivanov, Anna\",business,,\n",
    );
    let experts = ws.root().join("experts.csv").display().to_string();
    ws.run(&["import", "contacts", &experts, "--city", "kazan"])
        .code(0)
        .stdout_has("sergei-ivanov\nivanov-anna\n");
    let kazan = String::from_utf8(ws.read_city("kazan.yaml")).unwrap();
    assert!(kazan.contains("role: expert"), "{kazan}");
    assert!(
        kazan.contains("organization: Kazan Federal University"),
        "{kazan}"
    );

    ws.file(
        "plan.csv",
        "عنوان;مسئول;سررسید;Status;Done\nSend the catalogue;اتاق بازرگانی;۱۴۰۵/۱۰/۰۱;;\nBook the hall;Joint;2026-12-01;done;2026-11-20\nPrepare the spring delegation;joint;;;\n",
    );
    let plan = ws.root().join("plan.csv").display().to_string();
    let before = ws.read_city("kazan.yaml");
    let run = ws.run(&["import", "actions", &plan, "--city", "kazan", "--dry-run"]);
    run.code(0)
        .stdout_has("Send the catalogue\nBook the hall\n")
        .stderr_has("skipped `a-next`, already present (same title)");
    assert_eq!(ws.read_city("kazan.yaml"), before);
    ws.run(&["import", "actions", &plan, "--city", "kazan"])
        .code(0);
    let rows = ws
        .run(&[
            "action", "list", "--city", "kazan", "--all", "--format", "json",
        ])
        .json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{rows:?}");
    let catalogue = rows
        .iter()
        .find(|r| r["title"] == "Send the catalogue")
        .unwrap();
    assert_eq!(catalogue["owner"], "chamber");
    assert_eq!(catalogue["due"], "2026-12-22");
    let hall = rows.iter().find(|r| r["title"] == "Book the hall").unwrap();
    assert_eq!(hall["status"], "done");
    assert_eq!(hall["done"], "2026-11-20");
    ws.run(&["validate"]).code(0);

    // A bad owner, and a done action without its date: located, nothing written.
    ws.file("bad.csv", "title,owner,status\nOne,joint,\nTwo,mayor,\n");
    let bad = ws.root().join("bad.csv").display().to_string();
    let before = ws.read_city("kazan.yaml");
    ws.run(&["import", "actions", &bad, "--city", "kazan"])
        .code(2)
        .stderr_has("bad.csv!B3: `owner`: `mayor` is not one of");
    ws.file("bad.csv", "title,owner,status\nThree,joint,done\n");
    ws.run(&["--lang", "fa", "import", "actions", &bad, "--city", "kazan"])
        .code(2)
        .stderr_has("اقدام انجام‌شده تاریخ انجام می‌خواهد");
    assert_eq!(ws.read_city("kazan.yaml"), before);
}

#[test]
fn map_names_a_column_diplomat_does_not_recognise() {
    let ws = workspace();
    ws.file("odd.csv", "Full legal name,Mother tongue\nNavid Amini,fa\n");
    let odd = ws.root().join("odd.csv").display().to_string();
    ws.run(&[
        "import",
        "facilitators",
        &odd,
        "--city",
        "kazan",
        "--map",
        "Full legal name=name",
        "--map",
        "B=languages",
    ])
    .code(0)
    .stdout_has("navid-amini");
    ws.run(&[
        "import",
        "facilitators",
        &odd,
        "--city",
        "kazan",
        "--map",
        "x=nope",
    ])
    .code(2)
    .stderr_has("not a field of this import");
}
