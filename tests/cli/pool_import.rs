//! `import facilitators FILE` without `--city`: a sign-up sheet fills the pool of candidates.

use crate::support::{FLORENCE, KAZAN, TODAY, Workspace, XIAN};

fn workspace() -> Workspace {
    Workspace::with(&[
        ("florence.yaml", FLORENCE),
        ("kazan.yaml", KAZAN),
        ("xian.yaml", XIAN),
    ])
}

const SHEET: &str = "name,languages,email,cities,connection,signed up\r\n\
Li Wei,zh;en,li.wei@example.org,xian,Studied in Xi'an,2026-11-20\r\n\
Giulia Conti,it,,فلورانس,,\r\n\
Maryam Rahimi,it,,,,\r\n\
M. Rahimi,fa,Maryam.Rahimi@Example.org,,,\r\n";

#[test]
fn a_sheet_without_a_city_fills_the_pool_and_skips_who_is_there_already() {
    let ws = workspace();
    ws.file("signup.csv", SHEET);
    let cities: Vec<_> = ["florence.yaml", "kazan.yaml", "xian.yaml"]
        .iter()
        .map(|f| ws.read_city(f))
        .collect();
    let run = ws.run(&["import", "facilitators", "signup.csv"]);
    run.code(0);
    assert_eq!(run.stdout, "li-wei\ngiulia-conti\n");
    assert_eq!(
        run.stderr,
        "`signup.csv!4:4`: skipped `Maryam Rahimi = maryam-rahimi`, already present (same id)\n\
         `signup.csv!5:5`: skipped `M. Rahimi = maryam-rahimi`, already present (same e-mail)\n\
         added 2 candidates to `pool.yaml`, skipped 2 already present\n"
    );
    let pool = std::fs::read_to_string(ws.root().join("pool.yaml")).unwrap();
    let body = pool.split_once("candidates:\n").unwrap().1;
    assert_eq!(
        body,
        format!(
            "  - id: li-wei
    name: Li Wei
    languages: [zh, en]
    connection: \"Studied in Xi'an\"
    interests: [xian]
    signed_up: 2026-11-20
    source: signup.csv
    contact:
      email: li.wei@example.org
  - id: giulia-conti
    name: Giulia Conti
    languages: [it]
    interests: [florence]
    signed_up: {TODAY}
    source: signup.csv
"
        )
    );
    for (file, before) in ["florence.yaml", "kazan.yaml", "xian.yaml"]
        .iter()
        .zip(&cities)
    {
        assert_eq!(&ws.read_city(file), before, "{file} untouched");
    }
    // The same sheet again adds nobody.
    let again = ws.run(&["import", "facilitators", "signup.csv", "--dry-run"]);
    again.code(0);
    assert_eq!(again.stdout, "");
    assert!(
        again
            .stderr
            .ends_with("would add 0 candidates to `pool.yaml`, skip 4 already present; nothing written (--dry-run)\n"),
        "{}",
        again.stderr
    );
    let json = ws.run(&["pool", "list", "--format", "json"]);
    json.code(0);
    assert_eq!(json.json().as_array().map(Vec::len), Some(2));
}

#[test]
fn a_city_the_workspace_lacks_is_refused_at_its_cell_and_nothing_written() {
    let ws = workspace();
    ws.file(
        "signup.csv",
        "name,cities\nLi Wei,xian\nAli Ahmadi,atlantis\n",
    );
    let run = ws.run(&["import", "facilitators", "signup.csv"]);
    run.code(2);
    assert!(
        run.stderr
            .starts_with("error: signup.csv!B3: no city `atlantis` in this workspace"),
        "{}",
        run.stderr
    );
    assert!(!ws.root().join("pool.yaml").exists());
}

#[test]
fn contacts_and_actions_still_need_a_city() {
    let ws = workspace();
    ws.file("people.csv", "name,role\nLi Wei,expert\n");
    for verb in ["contacts", "actions"] {
        let run = ws.run(&["import", verb, "people.csv"]);
        run.code(2);
        assert!(
            run.stderr
                .contains("the following required arguments were not provided:\n  --city <CITY>"),
            "{}",
            run.stderr
        );
    }
}
