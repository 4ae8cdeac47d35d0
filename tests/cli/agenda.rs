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
         date                 city    kind           title                                     status       
        ────────────────────────────────────────────────────────────────────────────────────────────────────
         2026-11-10           Kazan   action         Print a Russian-language brochure of      open         
                                      Municipality   Isfahan                                   16 days late 
         2026-12-01           Kazan   action         Book the hall for the delegation          in progress  
                                      Chamber                                                               
         2026-12-07 – 12-09   Kazan   delegation     Kazan business delegation in Isfahan      confirmed    
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
          },
          {
            "date": "2026-12-26",
            "kind": "follow-up",
            "city": "barcelona",
            "id": "reza-karimi",
            "title": "Follow up with Reza Karimi (facilitator)",
            "status": "due",
            "owner": null,
            "overdue": false,
            "people": [
              "Reza Karimi"
            ]
          },
          {
            "date": "2026-12-26",
            "kind": "follow-up",
            "city": "barcelona",
            "id": "sara-mousavi",
            "title": "Follow up with Sara Mousavi (facilitator)",
            "status": "due",
            "owner": null,
            "overdue": false,
            "people": [
              "Sara Mousavi"
            ]
          },
          {
            "date": "2026-12-26",
            "kind": "follow-up",
            "city": "kazan",
            "id": "dina",
            "title": "Follow up with Dina Khairullina (facilitator)",
            "status": "due",
            "owner": null,
            "overdue": false,
            "people": [
              "Dina Khairullina"
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
        // Never called, a facilitator is due 30 days from today.
        [
            "a-late",
            "e-expo",
            "reza-karimi",
            "sara-mousavi",
            "dina",
            "e-rev1"
        ]
    );
    assert_eq!(ids(&["--city", "بارسلون", "--days", "20"]), ["e-expo"]);
    assert_eq!(
        ids(&["--city", "kazan", "--days", "60"]),
        ["a-late", "a-soon", "e-dele", "dina"]
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

/// Yerevan, for the calendar: a meeting at a time, a long Persian title, hostile text and an
/// e-mail in notes, commas and semicolons, a planned and a cancelled event.
const YEREVAN: &str = r#"slug: yerevan
name:
  en: Yerevan
  fa: ایروان
country: AM
relationship:
  kind: sister-city
  status: active
contacts:
  - id: am-embassy
    name: Anna Hakobyan
    role: embassy-counsellor
    contact:
      email: anna@example.org
      phone: "+374 10 123456"
events:
  - id: e-call
    date: 2026-11-30
    time: '23:30'
    kind: meeting
    title: "Call with the embassy; agenda: trade, culture"
    with: [am-embassy]
    status: confirmed
    notes: "Ask anna@example.org or +374 10 123456 for the list.\nBring the brochure \\ map."
  - id: e-long
    date: 2026-12-03
    kind: exhibition
    title: "نمایشگاه صنایع دستی اصفهان در ایروان، با حضور هنرمندان میناکاری و قلم‌زنی و خاتم‌کاری"
    place: "Cafesjian Center for the Arts, Yerevan"
    status: planned
  - id: e-evil
    date: 2026-12-04
    kind: other
    title: "Evil \u001b[2J title \u202e reversed"
    status: cancelled
"#;

fn calendar_workspace() -> Workspace {
    Workspace::with(&[
        ("barcelona.yaml", crate::events::BARCELONA),
        ("kazan.yaml", KAZAN),
        ("yerevan.yaml", YEREVAN),
    ])
}

/// The calendar read back with the `ical` crate's parser.
fn parse(ics: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = calendars.next().expect("a calendar").expect("it parses");
    assert!(calendars.next().is_none(), "one calendar");
    calendar
}

fn value<'p>(properties: &'p [ical::property::Property], name: &str) -> &'p str {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name}"))
}

fn params(properties: &[ical::property::Property], name: &str) -> Vec<(String, Vec<String>)> {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.params.clone())
        .unwrap_or_default()
}

#[test]
fn an_ics_calendar_as_rfc_5545_has_it() {
    let ws = calendar_workspace();
    let run = ws.run(&["agenda", "--days", "60", "--format", "ics"]);
    let ics = run.code(0).stdout.clone();
    // CRLF everywhere, and no line longer than 75 octets, none cut inside a character.
    assert!(ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains('\n'));
    for line in ics.as_bytes().split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a character cut: {line:?}"
        );
    }
    let calendar = parse(&ics);
    let top = &calendar.properties;
    assert_eq!(value(top, "VERSION"), "2.0");
    assert!(value(top, "PRODID").contains("diplomat"));
    assert_eq!(value(top, "CALSCALE"), "GREGORIAN");
    assert_eq!(value(top, "METHOD"), "PUBLISH");
    assert_eq!(value(top, "X-WR-CALNAME"), "Isfahan sister cities: agenda");
    assert_eq!(value(top, "REFRESH-INTERVAL"), "PT12H");
    assert_eq!(
        params(top, "REFRESH-INTERVAL"),
        [("VALUE".into(), vec!["DURATION".into()])]
    );
    assert_eq!(value(top, "X-PUBLISHED-TTL"), "PT12H");
    // Every item an event: Outlook imports no to-do.
    assert!(calendar.todos.is_empty());
    let zone = &calendar.timezones[0];
    assert_eq!(value(&zone.properties, "TZID"), "Asia/Tehran");
    assert_eq!(
        value(&zone.transitions[0].properties, "TZOFFSETTO"),
        "+0330"
    );

    let by_id = |id: &str| {
        calendar
            .events
            .iter()
            .find(|e| value(&e.properties, "DESCRIPTION").ends_with(&format!(" {id}")))
            .unwrap_or_else(|| panic!("no entry for {id}"))
    };
    // A timed meeting begins at its time, Isfahan time, for an hour (to the next day here).
    let call = &by_id("e-call").properties;
    assert_eq!(value(call, "DTSTART"), "20261130T233000");
    assert_eq!(
        params(call, "DTSTART"),
        [("TZID".into(), vec!["Asia/Tehran".into()])]
    );
    assert_eq!(value(call, "DTEND"), "20261201T003000");
    assert_eq!(value(call, "STATUS"), "CONFIRMED");
    // Escaped as written: `\;` `\,` `\n` `\\`; contact details masked, never written.
    assert_eq!(
        value(call, "SUMMARY"),
        "Yerevan: Call with the embassy\\; agenda: trade\\, culture"
    );
    let description = value(call, "DESCRIPTION");
    assert!(
        description.starts_with("meeting · confirmed\\nwith Anna Hakobyan\\n\\nAsk ")
            && description.ends_with(
                " for the list.\\nBring the brochure \\\\ map.\\n\\ndiplomat: yerevan e-call"
            )
            && description.contains("@•••"),
        "{description}"
    );
    assert!(
        !ics.contains("example.org") && !ics.contains("123456"),
        "{ics}"
    );
    // An all-day item: VALUE=DATE, to the next day; several days, to the day after the last.
    let long = &by_id("e-long").properties;
    assert_eq!(
        params(long, "DTSTART"),
        [("VALUE".into(), vec!["DATE".into()])]
    );
    assert_eq!(
        (value(long, "DTSTART"), value(long, "DTEND")),
        ("20261203", "20261204")
    );
    assert_eq!(value(long, "STATUS"), "TENTATIVE");
    assert_eq!(
        value(long, "SUMMARY"),
        "Yerevan: نمایشگاه صنایع دستی اصفهان در ایروان، با حضور هنرمندان میناکاری و قلم‌زنی و خاتم‌کاری"
    );
    assert_eq!(
        value(long, "LOCATION"),
        "Cafesjian Center for the Arts\\, Yerevan"
    );
    assert_eq!(value(long, "CATEGORIES"), "exhibition,Yerevan");
    let expo = &by_id("e-expo").properties;
    assert_eq!(
        (value(expo, "DTSTART"), value(expo, "DTEND")),
        ("20261214", "20261219")
    );
    assert!(value(expo, "DESCRIPTION").contains("begins at 10:30\\, Isfahan time"));
    // Hostile text shown, not acted on; a cancelled event said cancelled.
    let evil = &by_id("e-evil").properties;
    assert_eq!(
        value(evil, "SUMMARY"),
        "Yerevan: Evil \\\\e[2J title \\\\u{202e} reversed"
    );
    assert_eq!(value(evil, "STATUS"), "CANCELLED");
    // A deadline leaves the time free.
    let action = &by_id("a-late").properties;
    assert_eq!(value(action, "TRANSP"), "TRANSPARENT");
    assert_eq!(value(action, "CATEGORIES"), "action,Kazan");
}

#[test]
fn uids_stay_across_runs_and_when_an_event_moves() {
    let ws = calendar_workspace();
    let path = ws.root().join("agenda.ics");
    let file = path.to_str().unwrap();
    ws.run(&["agenda", "--days", "60", "-o", file]).code(0);
    let first = std::fs::read_to_string(&path).unwrap();
    let again = ws.run(&["agenda", "--days", "60", "--format", "ics"]);
    // The same bytes on a second run (the stamp is the day's).
    assert_eq!(again.code(0).stdout, first);
    let uids = |ics: &str| -> Vec<(String, String)> {
        parse(ics)
            .events
            .iter()
            .map(|e| {
                let description = value(&e.properties, "DESCRIPTION");
                let id = description.rsplit(' ').next().unwrap().to_owned();
                (id, value(&e.properties, "UID").to_owned())
            })
            .collect()
    };
    let before = uids(&first);
    let mut distinct: Vec<&String> = before.iter().map(|(_, uid)| uid).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), before.len(), "{before:?}");
    ws.run(&["event", "set", "yerevan", "e-long", "--date", "2026-12-05"])
        .code(0);
    let moved = ws.run(&["agenda", "--days", "60", "--format", "ics"]);
    let mut after = uids(&moved.code(0).stdout);
    let mut before = before;
    after.sort();
    before.sort();
    assert_eq!(after, before);
    assert!(moved.stdout.contains("DTSTART;VALUE=DATE:20261205\r\n"));
    // In Persian, what diplomat words is Persian.
    let fa = ws.run(&["--lang", "fa", "agenda", "--days", "60", "--format", "ics"]);
    let calendar = parse(&fa.code(0).stdout);
    assert_eq!(
        value(&calendar.properties, "X-WR-CALNAME"),
        "برنامهٔ پیش روی شهرهای خواهرخواندهٔ اصفهان"
    );
    assert!(fa.stdout.contains("SUMMARY:ایروان: "));
    let mut fa_uids = uids(&fa.stdout);
    fa_uids.sort();
    assert_eq!(fa_uids, after);
}

#[test]
fn only_the_agenda_writes_a_calendar() {
    let ws = calendar_workspace();
    ws.run(&["event", "list", "--format", "ics"])
        .code(2)
        .stderr_has("`--format ics` is the calendar of `agenda`");
    ws.run(&["report", "weekly", "--format", "ics"]).code(2);
    ws.run(&["validate", "--format", "ics"]).code(2);
}

#[test]
fn a_city_s_calendar_whole() {
    let ws = calendar_workspace();
    let run = ws.run(&["agenda", "--city", "kazan", "--format", "ics"]);
    let ics = run.code(0).stdout.clone();
    assert!(!ics.replace("\r\n", "").contains('\n'));
    insta::assert_snapshot!(ics.replace("\r\n", "\n"), @r#"
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Isfahan Citizen Diplomat//diplomat//EN
        CALSCALE:GREGORIAN
        METHOD:PUBLISH
        X-WR-CALNAME:Isfahan sister cities: agenda
        X-WR-TIMEZONE:Asia/Tehran
        REFRESH-INTERVAL;VALUE=DURATION:PT12H
        X-PUBLISHED-TTL:PT12H
        BEGIN:VTIMEZONE
        TZID:Asia/Tehran
        BEGIN:STANDARD
        DTSTART:19700101T000000
        TZOFFSETFROM:+0330
        TZOFFSETTO:+0330
        TZNAME:+0330
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:567b2e372f1c78fb72222fdaf480d531@diplomat
        DTSTAMP:20261126T000000Z
        DTSTART;VALUE=DATE:20261110
        DTEND;VALUE=DATE:20261111
        SUMMARY:Kazan: Print a Russian-language brochure of Isfahan
        DESCRIPTION:action · open · Municipality\n16 days late\n\ndiplomat: kazan
          a-late
        CATEGORIES:action,Kazan
        STATUS:CONFIRMED
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        UID:7779aec5c73c8d33ce90918e4204b78f@diplomat
        DTSTAMP:20261126T000000Z
        DTSTART;VALUE=DATE:20261201
        DTEND;VALUE=DATE:20261202
        SUMMARY:Kazan: Book the hall for the delegation
        DESCRIPTION:action · in progress · Chamber\n\ndiplomat: kazan a-soon
        CATEGORIES:action,Kazan
        STATUS:CONFIRMED
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        UID:2d7d81206d056558a31dd22fdd370ff4@diplomat
        DTSTAMP:20261126T000000Z
        DTSTART;VALUE=DATE:20261202
        DTEND;VALUE=DATE:20261203
        SUMMARY:Kazan: Cancelled call
        DESCRIPTION:meeting · cancelled\n\ndiplomat: kazan e-gone
        CATEGORIES:meeting,Kazan
        STATUS:CANCELLED
        END:VEVENT
        BEGIN:VEVENT
        UID:6be71d059013ce66bce6758f612d4ee8@diplomat
        DTSTAMP:20261126T000000Z
        DTSTART;VALUE=DATE:20261207
        DTEND;VALUE=DATE:20261210
        SUMMARY:Kazan: Kazan business delegation in Isfahan
        LOCATION:Isfahan Chamber of Commerce
        DESCRIPTION:delegation · confirmed\nbegins at 09:30\, Isfahan time\nwith D
         ina Khairullina\n\ndiplomat: kazan e-dele
        CATEGORIES:delegation,Kazan
        STATUS:CONFIRMED
        END:VEVENT
        END:VCALENDAR
    "#);
}

/// Florence: a counsellor last called 61 days ago, an agreement ending in 40 days; Porto: an
/// agreement expired.
const FLORENCE: &str = r#"slug: florence
name:
  en: Florence
  fa: فلورانس
country: IT
relationship:
  kind: sister-city
  status: active
  expires: 2027-01-05
contacts:
  - id: it-embassy
    name: Giulia Bianchi
    role: embassy-counsellor
interactions:
  - date: 2026-09-26
    kind: call
    title: Call with the embassy
    with: [it-embassy]
"#;

const PORTO: &str = r#"slug: porto
name:
  en: Porto
  fa: پورتو
country: PT
relationship:
  kind: cooperation-mou
  status: active
  expires: 2026-10-01
"#;

#[test]
fn follow_ups_and_renewals_overdue_first_until_the_call_is_logged() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE), ("porto.yaml", PORTO)]);
    let run = ws.run(&["agenda", "--days", "60"]);
    insta::assert_snapshot!(run.code(0).stdout, @r#"
         date         city       kind        title                                                status       
        ───────────────────────────────────────────────────────────────────────────────────────────────────────
         2026-10-01   Porto      renewal     Renew the agreement with Porto                       expired      
                                                                                                  56 days late 
         2026-11-25   Florence   follow-up   Follow up with Giulia Bianchi (embassy counsellor)   due          
                                                                                                  1 day late   
         2027-01-05   Florence   renewal     Renew the agreement with Florence                    expires      
        3 items from 2026-11-26 to 2027-01-25, 2 overdue
    "#);
    ws.run(&[
        "log",
        "florence",
        "Call with the counsellor",
        "--kind",
        "call",
        "--with",
        "it-embassy",
    ])
    .code(0);
    let json = ws
        .run(&["agenda", "--days", "60", "--format", "json"])
        .code(0)
        .json();
    let rows: Vec<(String, String, bool)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let text = |k: &str| r[k].as_str().unwrap().to_owned();
            (text("id"), text("date"), r["overdue"].as_bool().unwrap())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("relationship".into(), "2026-10-01".into(), true),
            ("relationship".into(), "2027-01-05".into(), false),
            // The clock restarted at the call: due again in 60 days.
            ("it-embassy".into(), "2027-01-25".into(), false),
        ]
    );
}

/// The weekly brief looks ahead: the agenda of the 7 days after its period in the JSON
/// (`ahead`), and a section of its own in the Markdown, in English and Persian.
#[test]
fn the_weekly_report_says_the_week_ahead() {
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let run = |args: &[&str]| {
        let mut cmd = crate::support::diplomat();
        cmd.arg("--no-cache").arg("-C").arg(&demo).args(args);
        crate::support::Run::of(args.join(" "), &mut cmd)
    };
    // The period is Saturday 21 to Friday 27 November: ahead, 28 November to 4 December.
    let json = run(&[
        "report",
        "weekly",
        "--date",
        "2026-11-26",
        "--format",
        "json",
    ]);
    json.code(0);
    let ahead = json.json()["ahead"].as_array().cloned().unwrap_or_default();
    let coming: Vec<String> = ahead
        .iter()
        .filter(|a| a["overdue"] == false)
        .map(|a| format!("{} {} {} {}", a["date"], a["kind"], a["city"], a["id"]))
        .collect();
    assert_eq!(
        coming,
        [
            r#""2026-12-01" "action" "saint-petersburg" "a-n7tb""#,
            r#""2027-02-10" "renewal" "kazan" "relationship""#,
        ],
        "{json}"
    );
    // The Kazan delegation (7 December) is the week after: not in it.
    assert!(ahead.iter().all(|a| a["id"] != "e-k3zn"), "{json}");
    assert!(ahead.iter().any(|a| a["overdue"] == true), "{json}");

    let markdown = run(&["report", "weekly", "--date", "2026-11-26"]);
    let section: Vec<&str> = markdown
        .stdout
        .split("## The week ahead\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        section,
        [
            "| Date | City | Kind | Title | Status |",
            "| --- | --- | --- | --- | --- |",
            "| 2026-12-01 | Saint Petersburg | action due | Propose dates for an Isfahan week at the Hermitage | open |",
            "| 2027-02-10 | Kazan | renewal | Renew the agreement with Kazan | expires |",
            "Overdue now (actions, follow-ups, agreements): 12",
        ],
        "{markdown}"
    );
    let persian = run(&["--lang", "fa", "report", "weekly", "--date", "2026-11-26"]);
    assert!(persian.stdout.contains("## هفتهٔ پیش رو\n"), "{persian}");
}
