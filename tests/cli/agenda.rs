//! `agenda`: what is coming — events, actions due, follow-ups, renewals — overdue first, in
//! every format.

use crate::support::Workspace;

/// Kazan: actions overdue, due in the window, after it, done; a delegation of three days.
const KAZAN: &str = r#"slug: kazan
name:
  en: Kazan
  fa: کازان
country: RU
relationship:
  kind: sister-city
  status: active
facilitators:
  - id: dina
    name: Dina Khairullina
    status: active
actions:
  - id: a-late
    title: Print a Russian-language brochure of Isfahan
    owner: municipality
    due: 2026-11-10
    status: open
  - id: a-soon
    title: Book the hall for the delegation
    owner: chamber
    due: 2026-12-01
    status: in-progress
  - id: a-far
    title: Apply for halal certification
    owner: chamber
    due: 2027-02-01
    status: open
  - id: a-done
    title: Send the invitation
    owner: joint
    due: 2026-11-01
    status: done
    done: 2026-10-30
events:
  - id: e-dele
    date: 2026-12-07
    end: 2026-12-09
    time: '09:30'
    kind: delegation
    title: Kazan business delegation in Isfahan
    place: Isfahan Chamber of Commerce
    with: [dina]
    status: confirmed
  - id: e-gone
    date: 2026-12-02
    kind: meeting
    title: Cancelled call
    status: cancelled
"#;

fn workspace() -> Workspace {
    Workspace::with(&[
        ("barcelona.yaml", crate::events::BARCELONA),
        ("kazan.yaml", KAZAN),
    ])
}

#[test]
fn the_next_14_days_overdue_first_as_a_table_that_fits_100_columns() {
    let ws = workspace();
    let run = ws.cmd(["agenda"]).env("COLUMNS", "100").output().unwrap();
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(run.status.success());
    insta::assert_snapshot!(stdout, @r#"
         date                 city    kind           title                                  status       
        ─────────────────────────────────────────────────────────────────────────────────────────────────
         2026-11-10           Kazan   action         Print a Russian-language brochure of   open         
                                      Municipality   Isfahan                                16 days late 
         2026-12-01           Kazan   action         Book the hall for the delegation       in progress  
                                      Chamber                                                            
         2026-12-07 – 12-09   Kazan   delegation     Kazan business delegation in Isfahan   confirmed    
         09:30                                       Isfahan Chamber of Commerce                         
                                                     with Dina Khairullina                               
        3 items from 2026-11-26 to 2026-12-10, 1 overdue
    "#);
    assert!(stdout.lines().all(|l| width(l) <= 100), "{stdout}");
}

fn width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn json_rows_have_the_spec_shape() {
    let ws = workspace();
    let json = ws
        .run(&["agenda", "--days", "30", "--format", "json"])
        .code(0)
        .json();
    insta::assert_json_snapshot!(json, @r#"
        [
          {
            "date": "2026-11-10",
            "kind": "action",
            "city": "kazan",
            "id": "a-late",
            "title": "Print a Russian-language brochure of Isfahan",
            "status": "open",
            "owner": "municipality",
            "overdue": true,
            "people": []
          },
          {
            "date": "2026-12-01",
            "kind": "action",
            "city": "kazan",
            "id": "a-soon",
            "title": "Book the hall for the delegation",
            "status": "in-progress",
            "owner": "chamber",
            "overdue": false,
            "people": []
          },
          {
            "date": "2026-12-07",
            "kind": "event",
            "city": "kazan",
            "id": "e-dele",
            "title": "Kazan business delegation in Isfahan",
            "status": "confirmed",
            "owner": null,
            "overdue": false,
            "people": [
              "Dina Khairullina"
            ]
          },
          {
            "date": "2026-12-14",
            "kind": "event",
            "city": "barcelona",
            "id": "e-expo",
            "title": "Isfahan handicrafts week in Barcelona",
            "status": "confirmed",
            "owner": null,
            "overdue": false,
            "people": [
              "Sara Mousavi"
            ]
          }
        ]
    "#);
}

#[test]
fn a_window_cities_and_an_owner_choose() {
    let ws = workspace();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["agenda", "--format", "json"];
        all.extend_from_slice(args);
        ws.run(&all)
            .code(0)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // An event of several days is in while any of its days is; the overdue stay first.
    assert_eq!(
        ids(&["--from", "2026-12-09", "--to", "2026-12-09"]),
        ["a-late", "e-dele"]
    );
    // Solar Hijri dates, in Persian digits too.
    assert_eq!(
        ids(&["--from", "۱۴۰۵/۰۹/۲۳", "--to", "1405/10/22"]),
        ["a-late", "e-expo", "e-rev1"]
    );
    assert_eq!(ids(&["--city", "بارسلون", "--days", "20"]), ["e-expo"]);
    assert_eq!(
        ids(&["--city", "kazan", "--days", "60"]),
        ["a-late", "a-soon", "e-dele"]
    );
    assert_eq!(
        ids(&["--owner", "chamber", "--days", "90"]),
        ["a-soon", "a-far"]
    );
}

#[test]
fn bad_windows_are_refused() {
    let ws = workspace();
    let run = ws.run(&["agenda", "--from", "2026-12-10", "--to", "2026-12-01"]);
    run.code(2).stderr_has("`--from` is after `--to`");
    ws.run(&["agenda", "--to", "2026-12-01", "--days", "3"])
        .code(2)
        .stderr_has("cannot be used with");
    ws.run(&["agenda", "--city", "lyon"]).code(2);
    ws.run(&["agenda", "--days", "-3"]).code(2);
    ws.run(&["agenda", "--format", "html"]).code(2);
}

#[test]
fn csv_markdown_persian_and_a_workbook() {
    let ws = workspace();
    let run = ws.run(&["agenda", "--format", "csv"]);
    insta::assert_snapshot!(run.code(0).stdout, @r#"
        date,kind,city,id,title,status,owner,overdue,people
        2026-11-10,action,kazan,a-late,Print a Russian-language brochure of Isfahan,open,municipality,true,
        2026-12-01,action,kazan,a-soon,Book the hall for the delegation,in-progress,chamber,false,
        2026-12-07,event,kazan,e-dele,Kazan business delegation in Isfahan,confirmed,,false,Dina Khairullina
    "#);
    let run = ws.run(&["agenda", "--format", "markdown"]);
    insta::assert_snapshot!(run.code(0).stdout, @r#"
        | date                     | city  | kind                  | title                                                                                      | status              |
        | ------------------------ | ----- | --------------------- | ------------------------------------------------------------------------------------------ | ------------------- |
        | 2026-11-10               | Kazan | action · Municipality | Print a Russian-language brochure of Isfahan                                               | open · 16 days late |
        | 2026-12-01               | Kazan | action · Chamber      | Book the hall for the delegation                                                           | in progress         |
        | 2026-12-07 – 12-09 09:30 | Kazan | delegation            | Kazan business delegation in Isfahan · Isfahan Chamber of Commerce · with Dina Khairullina | confirmed           |

        3 items from 2026-11-26 to 2026-12-10, 1 overdue
    "#);
    let run = ws.run(&["--lang", "fa", "--calendar", "jalali", "agenda"]);
    // The isolates around Latin text, shown: a literal may not hold them.
    let shown = run
        .code(0)
        .stdout
        .replace('\u{2068}', "{FSI}")
        .replace('\u{2069}', "{PDI}");
    insta::assert_snapshot!(shown, @r#"
         تاریخ                شهر     نوع             عنوان                                          وضعیت        
        ──────────────────────────────────────────────────────────────────────────────────────────────────────────
         ۱۴۰۵/۰۸/۱۹           کازان   اقدام           {FSI}Print a Russian-language brochure of Isfahan{PDI}   باز          
                                      شهرداری                                                        ۱۶ روز تأخیر 
         ۱۴۰۵/۰۹/۱۰           کازان   اقدام           {FSI}Book the hall for the delegation{PDI}               در جریان     
                                      اتاق بازرگانی                                                               
         ۱۴۰۵/۰۹/۱۶ – ۰۹/۱۸   کازان   هیئت مهمان      {FSI}Kazan business delegation in Isfahan{PDI}           قطعی         
         ۰۹:۳۰                                        {FSI}Isfahan Chamber of Commerce{PDI}                                 
                                                      با {FSI}Dina Khairullina{PDI}                                         
        ۳ مورد از ۱۴۰۵/۰۹/۰۵ تا ۱۴۰۵/۰۹/۱۹، ۱ معوق
    "#);

    let path = ws.root().join("agenda.xlsx");
    ws.run(&["agenda", "-o", path.to_str().unwrap()]).code(0);
    let rows = crate::support::sheet_text(&path, "Agenda");
    insta::assert_debug_snapshot!(rows, @r#"
        [
            [
                "date",
                "end",
                "time",
                "kind",
                "city",
                "id",
                "title",
                "owner",
                "status",
                "overdue",
                "people",
            ],
            [
                "2026-11-10",
                "",
                "",
                "action",
                "Kazan",
                "a-late",
                "Print a Russian-language brochure of Isfahan",
                "Municipality",
                "open",
                "yes",
                "",
            ],
            [
                "2026-12-01",
                "",
                "",
                "action",
                "Kazan",
                "a-soon",
                "Book the hall for the delegation",
                "Chamber",
                "in progress",
                "",
                "",
            ],
            [
                "2026-12-07",
                "2026-12-09",
                "09:30",
                "delegation",
                "Kazan",
                "e-dele",
                "Kazan business delegation in Isfahan",
                "",
                "confirmed",
                "",
                "Dina Khairullina",
            ],
        ]
    "#);
}
