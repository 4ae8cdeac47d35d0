//! CSV files as Excel and Python write them, and our own CSV read back by `import`.

use crate::support::{FLORENCE, Workspace, minimal};

fn workspace() -> Workspace {
    Workspace::with(&[
        ("florence.yaml", FLORENCE),
        (
            "kazan.yaml",
            &minimal("kazan", "Kazan", "کازان", "Казань", "RU"),
        ),
    ])
}

/// A bad cell is named by the row a spreadsheet shows it in, whatever ends the lines: CRLF
/// (Excel, Python's csv), LF, or a lone CR (old Mac Excel); a blank row counts, and a line
/// break inside a quoted cell does not.
/// Imports `name` into Kazan, which fails: what it said on stderr.
fn refused(ws: &Workspace, name: &str) -> String {
    let run = ws.run(&["import", "facilitators", name, "--city", "kazan"]);
    run.code(2);
    run.stderr
}

#[test]
fn a_bad_cell_is_located_in_the_row_a_spreadsheet_shows() {
    let ws = workspace();
    let before = ws.read_city("kazan.yaml");
    for (name, end) in [("excel.csv", "\r\n"), ("unix.csv", "\n"), ("mac.csv", "\r")] {
        let rows = [
            "name,email",
            "Ali Rezaei,ali@example.org",
            "Bad Row,not-an-email",
            "",
        ];
        ws.file(name, rows.join(end));
        assert_eq!(
            refused(&ws, name),
            format!("error: {name}!B3: not an e-mail address: `not-an-email`\n")
        );
        let comment = format!("\"Met in Kazan,{end}then in Isfahan\"");
        let rows = [
            "name,email,comments",
            "",
            &format!("Ali Rezaei,ali@example.org,{comment}"),
            "Sara Ahmadi,sara@example.org,",
            "Bad Row,not-an-email,",
            "",
        ];
        ws.file(name, rows.join(end));
        assert_eq!(
            refused(&ws, name),
            format!(
                "columns left out (no field of this import): `comments`\nerror: {name}!B5: not an e-mail address: `not-an-email`\n"
            )
        );
    }
    assert_eq!(ws.read_city("kazan.yaml"), before, "nothing written");
}

/// `(id, name, email, phone)` of the facilitators of `city`, contacts shown.
fn people(ws: &Workspace, city: &str) -> Vec<[String; 4]> {
    let list = ws
        .run(&[
            "facilitator",
            "list",
            "--city",
            city,
            "--contacts",
            "--format",
            "json",
        ])
        .json();
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            ["id", "name", "email", "phone"].map(|k| p[k].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

/// `facilitator list --contacts -o f.csv` guards a phone (`'+98 …`) so that Excel does not
/// take it for a formula; importing that file gives the phone back as it was.
#[test]
fn a_csv_export_imports_back_with_its_phones_and_texts_as_they_were() {
    let ws = workspace();
    ws.run(&[
        "facilitator",
        "add",
        "florence",
        "--name",
        "=Formula Name",
        "--phone=-12 34 (office)",
    ])
    .code(0);
    ws.run(&[
        "facilitator",
        "list",
        "--city",
        "florence",
        "--contacts",
        "-o",
        "f.csv",
    ])
    .code(0);
    let csv = std::fs::read_to_string(ws.root().join("f.csv")).unwrap();
    assert!(csv.contains(",'+98 913 000 1111\r\n"), "{csv}");
    assert!(csv.contains(",'=Formula Name,"), "{csv}");
    assert!(csv.contains(",'-12 34 (office)\r\n"), "{csv}");
    ws.run(&["import", "facilitators", "f.csv", "--city", "kazan"])
        .code(0);
    let imported = people(&ws, "kazan");
    assert_eq!(imported, people(&ws, "florence"));
    let maryam = [
        "maryam-rahimi",
        "Maryam Rahimi",
        "maryam.rahimi@example.org",
        "+98 913 000 1111",
    ];
    assert!(
        imported.contains(&maryam.map(str::to_owned)),
        "{imported:?}"
    );
    let kazan = String::from_utf8(ws.read_city("kazan.yaml")).unwrap();
    assert!(!kazan.contains("'+98") && !kazan.contains("'="), "{kazan}");
}
