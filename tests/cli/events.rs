//! Planned events (`events:`): read and checked with located errors, laid out by `fmt`, in
//! the schema; and their verbs `event add`, `set`, `held` and `list`.

use crate::support::{Workspace, minimal};

/// A hand-written dossier with events: comments, blank lines, keys out of the schema's order,
/// quotes YAML does not need, a flow and a block `with`, a `|` block and the analysts' own keys.
pub const BARCELONA: &str = r#"# Barcelona — written by hand
slug: barcelona
name:
  en: Barcelona
  fa: بارسلون
country: ES
relationship:
  kind: sister-city
  status: reactivating

facilitators:
  - id: reza-karimi
    name: Reza Karimi
    status: active
  - id: sara-mousavi
    name: Sara Mousavi
    status: prospective
contacts:
  - id: es-embassy-commercial
    name: Elena Ruiz
    role: embassy-counsellor

events:
  # the review of the file, with the counsellor
  - id: e-rev1
    title: "Review of the Barcelona file"
    kind: review       # keys out of order, on purpose
    date: 2027-01-12
    with:
      - reza-karimi
      - es-embassy-commercial
    status: planned

  - id: e-expo
    date: 2026-12-14
    end: 2026-12-18
    time: '10:30'
    kind: exhibition
    title: Isfahan handicrafts week in Barcelona
    place: 'Casa Asia, Barcelona'
    with: [sara-mousavi]
    status: confirmed
    notes: |
      Stand of 40 m².
      Catalogue in Catalan.
    x-budget: 1405-intl-07

interactions:
  - date: 2026-11-18
    kind: call
    title: Video call with the embassy's commercial counsellor
    with: [es-embassy-commercial]
x-owner: Leila
"#;

/// `BARCELONA` with its events replaced by `events` (the text after `events:`).
pub fn with_events(events: &str) -> String {
    let start = BARCELONA.find("events:\n").unwrap();
    let end = BARCELONA.find("\ninteractions:").unwrap();
    format!(
        "{}events:\n{events}{}",
        &BARCELONA[..start],
        &BARCELONA[end..]
    )
}

#[test]
fn a_dossier_with_events_is_valid_and_in_its_json() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    ws.run(&["validate"]).code(0);
    let run = ws.run(&["city", "show", "barcelona", "--format", "json"]);
    let json = run.code(0).json();
    assert_eq!(
        json["events"][1],
        serde_json::json!({
            "id": "e-expo",
            "date": "2026-12-14",
            "end": "2026-12-18",
            "time": "10:30",
            "kind": "exhibition",
            "title": "Isfahan handicrafts week in Barcelona",
            "place": "Casa Asia, Barcelona",
            "with": ["sara-mousavi"],
            "status": "confirmed",
            "notes": "Stand of 40 m².\nCatalogue in Catalan.\n",
            "x-budget": "1405-intl-07"
        })
    );
}

const BROKEN_EVENTS: &str = "  - id: e-7k2m
    date: 2026-12-03
    end: 2026-12-01
    time: 25:00
    kind: visitt
    title: Hermitage week
    plase: Saint Petersburg
    with: [reza-karimi, elena]
    status: planned
  - id: e-7k2m
    date: 1405-09-20
    time: 1030
    kind: review
    title: ''
    status: done
  - date: 2026-12-10
    kind: meeting
    title: No id, no status
";

#[test]
fn every_rule_of_an_event_is_a_located_error() {
    let ws = Workspace::with(&[("barcelona.yaml", with_events(BROKEN_EVENTS).as_str())]);
    let run = ws.run(&["validate"]);
    run.code(1);
    insta::assert_snapshot!(run.stdout, @r#"
        error: cities/barcelona.yaml:30:5: unknown key `plase` in `events[]`
           |
        30 |     plase: Saint Petersburg
           |     ^^^^^
          = help: did you mean `place`?

        error: cities/barcelona.yaml:27:11: `25:00` in `time` is not a time of day
           |
        27 |     time: 25:00
           |           ^^^^^
          = help: write the time as HH:MM on a 24-hour clock, Isfahan time, e.g. `09:30`

        error: cities/barcelona.yaml:28:11: `visitt` is not a valid event kind
           |
        28 |     kind: visitt
           |           ^^^^^^
          = help: did you mean `visit`? (one of: meeting, visit, delegation, exhibition, event, review, other)

        error: cities/barcelona.yaml:26:10: `end` `2026-12-01` is before the event's `date` `2026-12-03`
           |
        26 |     end: 2026-12-01
           |          ^^^^^^^^^^
          = help: an event ends on or after the day it begins: correct either date, or leave out `end` for an event of one day

        error: cities/barcelona.yaml:34:11: `1405-09-20` in `event date` looks like a Solar Hijri date
           |
        34 |     date: 1405-09-20
           |           ^
          = help: dossiers store Gregorian dates: write `2026-12-11`

        error: cities/barcelona.yaml:35:11: `1030` in `time` is not a time of day
           |
        35 |     time: 1030
           |           ^^^^
          = help: write the time as HH:MM on a 24-hour clock, Isfahan time, e.g. `09:30`

        error: cities/barcelona.yaml:37:12: `event title` is empty
           |
        37 |     title: ''
           |            ^

        error: cities/barcelona.yaml:38:13: `done` is not a valid event status
           |
        38 |     status: done
           |             ^^^^
          = help: one of: planned, confirmed, held, cancelled

        error: cities/barcelona.yaml:39:5: `event id` is missing
           |
        39 |   - date: 2026-12-10
           |     ^

        error: cities/barcelona.yaml:39:5: `event status` is missing
           |
        39 |   - date: 2026-12-10
           |     ^

        error: cities/barcelona.yaml:33:9: duplicate event id `e-7k2m`
           |
        33 |   - id: e-7k2m
           |         ^
          = help: `e-7k2m` is already used on line 24; ids must be unique

        error: cities/barcelona.yaml:31:25: `with` names `elena`, who is not a facilitator or contact of this dossier
           |
        31 |     with: [reza-karimi, elena]
           |                         ^
          = help: known people: reza-karimi, sara-mousavi, es-embassy-commercial

        12 problems in 1 of 1 files
        "#);
    // Nothing was changed by reading it.
    assert_eq!(
        ws.read_city("barcelona.yaml"),
        with_events(BROKEN_EVENTS).as_bytes()
    );
}

#[test]
fn event_errors_are_said_in_persian() {
    let ws = Workspace::with(&[("barcelona.yaml", with_events(BROKEN_EVENTS).as_str())]);
    let run = ws.run(&["--lang", "fa", "validate"]);
    run.code(1);
    insta::assert_snapshot!(run.stdout.replace(['\u{2068}', '\u{2069}'], ""), @r#"
        خطا: cities/barcelona.yaml:30:5: کلید ناشناختهٔ `plase` در `events[]`
           |
        30 |     plase: Saint Petersburg
           |     ^^^^^
          = راهنما: منظورتان `place` بود؟

        خطا: cities/barcelona.yaml:27:11: `25:00` در `time` ساعت معتبری نیست
           |
        27 |     time: 25:00
           |           ^^^^^
          = راهنما: ساعت را به شکل HH:MM در قالب ۲۴ ساعته و به وقت اصفهان بنویسید، مثلاً `09:30`

        خطا: cities/barcelona.yaml:28:11: `visitt` برای نوع رویداد معتبر نیست
           |
        28 |     kind: visitt
           |           ^^^^^^
          = راهنما: منظورتان `visit` بود؟ (یکی از: meeting، visit، delegation، exhibition، event، review، other)

        خطا: cities/barcelona.yaml:26:10: `end` `2026-12-01` پیش از `date` رویداد (`2026-12-03`) است
           |
        26 |     end: 2026-12-01
           |          ^^^^^^^^^^
          = راهنما: رویداد در همان روزِ آغاز یا پس از آن پایان می‌یابد: یکی از دو تاریخ را درست کنید، یا برای رویداد یک‌روزه `end` را بردارید

        خطا: cities/barcelona.yaml:34:11: `1405-09-20` در تاریخ رویداد به تاریخ خورشیدی می‌ماند
           |
        34 |     date: 1405-09-20
           |           ^
          = راهنما: پرونده‌ها تاریخ میلادی نگه می‌دارند: `2026-12-11` بنویسید

        خطا: cities/barcelona.yaml:35:11: `1030` در `time` ساعت معتبری نیست
           |
        35 |     time: 1030
           |           ^^^^
          = راهنما: ساعت را به شکل HH:MM در قالب ۲۴ ساعته و به وقت اصفهان بنویسید، مثلاً `09:30`

        خطا: cities/barcelona.yaml:37:12: عنوان رویداد خالی است
           |
        37 |     title: ''
           |            ^

        خطا: cities/barcelona.yaml:38:13: `done` برای وضعیت رویداد معتبر نیست
           |
        38 |     status: done
           |             ^^^^
          = راهنما: یکی از: planned، confirmed، held، cancelled

        خطا: cities/barcelona.yaml:39:5: شناسهٔ رویداد وارد نشده است
           |
        39 |   - date: 2026-12-10
           |     ^

        خطا: cities/barcelona.yaml:39:5: وضعیت رویداد وارد نشده است
           |
        39 |   - date: 2026-12-10
           |     ^

        خطا: cities/barcelona.yaml:33:9: شناسهٔ رویداد تکراری است: `e-7k2m`
           |
        33 |   - id: e-7k2m
           |         ^
          = راهنما: `e-7k2m` پیش‌تر در سطر ۲۴ آمده است؛ شناسه‌ها باید یکتا باشند

        خطا: cities/barcelona.yaml:31:25: `with` از `elena` نام می‌برد، که تسهیل‌گر یا رابط این پرونده نیست
           |
        31 |     with: [reza-karimi, elena]
           |                         ^
          = راهنما: افراد شناخته: reza-karimi، sara-mousavi، es-embassy-commercial

        ۱۲ مشکل در ۱ فایل از ۱ فایل
        "#);
}

#[test]
fn a_time_is_text_on_a_24_hour_clock() {
    for (time, ok) in [
        ("'09:30'", true),
        ("10:30", true),
        ("\"23:59\"", true),
        ("00:00", true),
        ("9:30", false),
        ("24:00", false),
        ("10:60", false),
        ("10:30:00", false),
        ("10h30", false),
        ("[10, 30]", false),
    ] {
        let events = format!(
            "  - id: e-1\n    date: 2026-12-03\n    time: {time}\n    kind: meeting\n    title: T\n    status: planned\n"
        );
        let text = with_events(&events);
        let line = 1 + text
            .lines()
            .position(|l| l.starts_with("    time:"))
            .unwrap();
        let ws = Workspace::with(&[("barcelona.yaml", text.as_str())]);
        let run = ws.run(&["validate"]);
        if ok {
            run.code(0);
        } else {
            run.code(1)
                .stdout_has(&format!("cities/barcelona.yaml:{line}:11:"));
        }
    }
}

#[test]
fn fmt_puts_events_after_actions_and_their_keys_in_schema_order() {
    let text = format!(
        "{}events:\n  - title: Hermitage week   # the big one\n    id: e-7k2m\n    status: planned\n    kind: visit\n    date: 2026-12-03\n    x-room: 3\nactions:\n  - id: a-1\n    title: Letter\n    owner: joint\n    status: open\n",
        minimal(
            "saint-petersburg",
            "Saint Petersburg",
            "سن‌پترزبورگ",
            "Санкт-Петербург",
            "RU"
        )
    );
    let ws = Workspace::with(&[("saint-petersburg.yaml", text.as_str())]);
    ws.run(&["fmt"]).code(0);
    let after = String::from_utf8(ws.read_city("saint-petersburg.yaml")).unwrap();
    assert!(
        after.ends_with("actions:\n  - id: a-1\n    title: Letter\n    owner: joint\n    status: open\nevents:\n  - id: e-7k2m\n    date: 2026-12-03\n    kind: visit\n    title: Hermitage week   # the big one\n    status: planned\n    x-room: 3\n"),
        "{after}"
    );
    ws.run(&["fmt", "--check"]).code(0);
    // The hand-written file: only its keys move.
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    ws.run(&["fmt"]).code(0);
    let after = String::from_utf8(ws.read_city("barcelona.yaml")).unwrap();
    assert_eq!(
        after,
        BARCELONA.replace(
            "  - id: e-rev1\n    title: \"Review of the Barcelona file\"\n    kind: review       # keys out of order, on purpose\n    date: 2027-01-12\n",
            "  - id: e-rev1\n    date: 2027-01-12\n    kind: review       # keys out of order, on purpose\n    title: Review of the Barcelona file\n",
        )
    );
}

#[test]
fn the_schema_knows_events() {
    let schema = crate::setup::schema();
    assert_eq!(
        crate::setup::schema_errors_with(&schema, BARCELONA, true),
        Vec::<String>::new()
    );
    let bad = with_events(
        "  - id: e-1\n    date: 2026-12-03\n    time: '9:30'\n    kind: visitt\n    title: T\n    status: held\n    plase: x\n",
    );
    let errors = crate::setup::schema_errors_with(&schema, &bad, true);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors.iter().any(|e| e.starts_with("/events/0/time")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with("/events/0/kind")),
        "{errors:#?}"
    );
}

/// Saint Petersburg: the Hermitage week under way, one past event never said held, one held,
/// one cancelled, a Persian title.
const SAINT_PETERSBURG: &str = "slug: saint-petersburg
name:
  en: Saint Petersburg
  fa: سن‌پترزبورگ
  local: Санкт-Петербург
country: RU
relationship:
  kind: sister-city
  status: active
facilitators:
  - id: narges-tehrani
    name: Narges Tehrani
    name_fa: نرگس تهرانی
    status: active
events:
  - id: e-herm
    date: 2026-11-24
    end: 2026-11-30
    kind: visit
    title: Isfahan week at the Hermitage
    place: The State Hermitage Museum
    with: [narges-tehrani]
    status: confirmed
  - id: e-talk
    date: 2026-11-19
    time: '16:00'
    kind: meeting
    title: Call with the twinning office
    status: planned
  - id: e-done
    date: 2026-11-05
    kind: exhibition
    title: Miniatures at the Academy of Arts
    status: held
  - id: e-off
    date: 2026-12-20
    kind: event
    title: Winter festival stand
    status: cancelled
  - id: e-film
    date: 2027-01-08
    time: '18:30'
    kind: event
    title: شب فیلم اصفهان
    with: [narges-tehrani]
    status: planned
";

fn lists() -> Workspace {
    Workspace::with(&[
        ("barcelona.yaml", BARCELONA),
        ("saint-petersburg.yaml", SAINT_PETERSBURG),
    ])
}

#[test]
fn event_list_shows_what_is_coming_as_a_table() {
    let ws = lists();
    let run = ws.run(&["event", "list"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout, @r#"
         date                 city               id       kind         title                                   status    
        ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
         2026-11-24 – 11-30   Saint Petersburg   e-herm   visit        Isfahan week at the Hermitage           confirmed 
                                                                       The State Hermitage Museum                        
                                                                       with Narges Tehrani                               
         2026-12-14 – 12-18   Barcelona          e-expo   exhibition   Isfahan handicrafts week in Barcelona   confirmed 
         10:30                                                         Casa Asia, Barcelona                              
                                                                       with Sara Mousavi                                 
         2027-01-08           Saint Petersburg   e-film   event        شب فیلم اصفهان                          planned   
         18:30                                                         with Narges Tehrani                               
         2027-01-12           Barcelona          e-rev1   review       Review of the Barcelona file            planned   
                                                                       with Reza Karimi, Elena Ruiz                      
        4 events; 3 past, held or cancelled not shown (--all)
        "#);
    let run = ws.run(&["event", "list", "--all"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout, @r#"
         date                 city               id       kind         title                                   status    
        ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
         2026-11-05           Saint Petersburg   e-done   exhibition   Miniatures at the Academy of Arts       held      
         2026-11-19           Saint Petersburg   e-talk   meeting      Call with the twinning office           planned   
         16:00                                                                                                           
         2026-11-24 – 11-30   Saint Petersburg   e-herm   visit        Isfahan week at the Hermitage           confirmed 
                                                                       The State Hermitage Museum                        
                                                                       with Narges Tehrani                               
         2026-12-14 – 12-18   Barcelona          e-expo   exhibition   Isfahan handicrafts week in Barcelona   confirmed 
         10:30                                                         Casa Asia, Barcelona                              
                                                                       with Sara Mousavi                                 
         2026-12-20           Saint Petersburg   e-off    event        Winter festival stand                   cancelled 
         2027-01-08           Saint Petersburg   e-film   event        شب فیلم اصفهان                          planned   
         18:30                                                         with Narges Tehrani                               
         2027-01-12           Barcelona          e-rev1   review       Review of the Barcelona file            planned   
                                                                       with Reza Karimi, Elena Ruiz                      
        7 events
        1 past event is still planned or confirmed: say how it went (`event held`) or cancel it (`event set --status cancelled`)
        "#);
}

#[test]
fn event_list_in_persian_with_solar_hijri_dates() {
    let ws = lists();
    let run = ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "event",
        "list",
        "--all",
    ]);
    run.code(0);
    insta::assert_snapshot!(run.stdout.replace(['\u{2068}', '\u{2069}'], ""), @r#"
         تاریخ                شهر          شناسه    نوع          عنوان                                   وضعیت     
        ───────────────────────────────────────────────────────────────────────────────────────────────────────────
         ۱۴۰۵/۰۸/۱۴           سن‌پترزبورگ   e-done   نمایشگاه     Miniatures at the Academy of Arts       برگزارشده 
         ۱۴۰۵/۰۸/۲۸           سن‌پترزبورگ   e-talk   جلسه         Call with the twinning office           در برنامه 
         ۱۶:۰۰                                                                                                     
         ۱۴۰۵/۰۹/۰۳ – ۰۹/۰۹   سن‌پترزبورگ   e-herm   بازدید       Isfahan week at the Hermitage           قطعی      
                                                                 The State Hermitage Museum                        
                                                                 با نرگس تهرانی                                    
         ۱۴۰۵/۰۹/۲۳ – ۰۹/۲۷   بارسلون      e-expo   نمایشگاه     Isfahan handicrafts week in Barcelona   قطعی      
         ۱۰:۳۰                                                   Casa Asia, Barcelona                              
                                                                 با Sara Mousavi                                   
         ۱۴۰۵/۰۹/۲۹           سن‌پترزبورگ   e-off    رویداد       Winter festival stand                   لغوشده    
         ۱۴۰۵/۱۰/۱۸           سن‌پترزبورگ   e-film   رویداد       شب فیلم اصفهان                          در برنامه 
         ۱۸:۳۰                                                   با نرگس تهرانی                                    
         ۱۴۰۵/۱۰/۲۲           بارسلون      e-rev1   جلسهٔ بررسی   Review of the Barcelona file            در برنامه 
                                                                 با Reza Karimi، Elena Ruiz                        
        ۷ رویداد
        ۱ رویداد گذشته هنوز در برنامه یا قطعی است: برگزاری‌اش را ثبت کنید (`event held`) یا لغوش کنید
        (`event set --status cancelled`)
        "#);
}

#[test]
fn event_list_filters_by_city_days_and_status() {
    let ws = lists();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["event", "list", "--format", "json"];
        all.extend_from_slice(args);
        let run = ws.run(&all);
        run.code(0)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&[]), ["e-herm", "e-expo", "e-film", "e-rev1"]);
    assert_eq!(ids(&["--city", "سن‌پترزبورگ"]), ["e-herm", "e-film"]);
    assert_eq!(
        ids(&["--city", "barcelona", "--city", "saint petersburg"]),
        ["e-herm", "e-expo", "e-film", "e-rev1"]
    );
    assert_eq!(
        ids(&["--from", "1405/08/01", "--to", "2026-11-30"]),
        ["e-talk", "e-herm"]
    );
    assert_eq!(
        ids(&["--all", "--to", "2026-11-30"]),
        ["e-done", "e-talk", "e-herm"]
    );
    assert_eq!(
        ids(&["--all", "--status", "held", "--status", "cancelled"]),
        ["e-done", "e-off"]
    );
    assert_eq!(ids(&["--status", "cancelled"]), ["e-off"]);
    assert_eq!(ids(&["--from", "2027-01-09"]), ["e-rev1"]);
    ws.run(&[
        "event",
        "list",
        "--from",
        "2026-12-01",
        "--to",
        "2026-11-01",
    ])
    .code(2)
    .stderr_has("`--from` is after `--to`");
    ws.run(&["event", "list", "--city", "lyon"]).code(2);
}

#[test]
fn event_list_in_every_format() {
    let ws = lists();
    let run = ws.run(&[
        "event",
        "list",
        "--city",
        "saint-petersburg",
        "--format",
        "json",
    ]);
    assert_eq!(
        run.code(0).json(),
        serde_json::json!([
            {"city": "saint-petersburg", "id": "e-herm", "date": "2026-11-24", "end": "2026-11-30",
             "time": null, "kind": "visit", "title": "Isfahan week at the Hermitage",
             "place": "The State Hermitage Museum", "with": ["narges-tehrani"], "status": "confirmed"},
            {"city": "saint-petersburg", "id": "e-film", "date": "2027-01-08", "end": null,
             "time": "18:30", "kind": "event", "title": "شب فیلم اصفهان", "place": null,
             "with": ["narges-tehrani"], "status": "planned"}
        ])
    );
    let run = ws.run(&[
        "event",
        "list",
        "--city",
        "saint-petersburg",
        "--format",
        "csv",
    ]);
    assert_eq!(
        run.code(0).stdout,
        "city,id,date,end,time,kind,title,place,with,status\r\nsaint-petersburg,e-herm,2026-11-24,2026-11-30,,visit,Isfahan week at the Hermitage,The State Hermitage Museum,narges-tehrani,confirmed\r\nsaint-petersburg,e-film,2027-01-08,,18:30,event,شب فیلم اصفهان,,narges-tehrani,planned\r\n"
    );
    let run = ws.run(&["event", "list", "--city", "barcelona", "--format", "yaml"]);
    insta::assert_snapshot!(run.code(0).stdout, @r#"
        - city: barcelona
          id: e-expo
          date: "2026-12-14"
          end: "2026-12-18"
          time: "10:30"
          kind: exhibition
          title: Isfahan handicrafts week in Barcelona
          place: Casa Asia, Barcelona
          with:
          - sara-mousavi
          status: confirmed
        - city: barcelona
          id: e-rev1
          date: "2027-01-12"
          end: null
          time: null
          kind: review
          title: Review of the Barcelona file
          place: null
          with:
          - reza-karimi
          - es-embassy-commercial
          status: planned
        "#);
    let run = ws.run(&[
        "event",
        "list",
        "--city",
        "barcelona",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!(run.code(0).stdout, @r#"
        | date                     | city      | id     | kind       | title                                                                            | status    |
        | ------------------------ | --------- | ------ | ---------- | -------------------------------------------------------------------------------- | --------- |
        | 2026-12-14 – 12-18 10:30 | Barcelona | e-expo | exhibition | Isfahan handicrafts week in Barcelona · Casa Asia, Barcelona · with Sara Mousavi | confirmed |
        | 2027-01-12               | Barcelona | e-rev1 | review     | Review of the Barcelona file · with Reza Karimi, Elena Ruiz                      | planned   |

        2 events
        "#);
    // A workbook: days as dates, people by name, read back with calamine.
    let path = ws.root().join("events.xlsx");
    ws.run(&["event", "list", "-o", path.to_str().unwrap()])
        .code(0);
    let shown = crate::support::sheet_text(&path, "Events");
    assert_eq!(
        shown,
        [
            vec![
                "city", "id", "date", "end", "time", "kind", "title", "place", "with", "status"
            ],
            vec![
                "Saint Petersburg",
                "e-herm",
                "2026-11-24",
                "2026-11-30",
                "",
                "visit",
                "Isfahan week at the Hermitage",
                "The State Hermitage Museum",
                "Narges Tehrani",
                "confirmed"
            ],
            vec![
                "Barcelona",
                "e-expo",
                "2026-12-14",
                "2026-12-18",
                "10:30",
                "exhibition",
                "Isfahan handicrafts week in Barcelona",
                "Casa Asia, Barcelona",
                "Sara Mousavi",
                "confirmed"
            ],
            vec![
                "Saint Petersburg",
                "e-film",
                "2027-01-08",
                "",
                "18:30",
                "event",
                "شب فیلم اصفهان",
                "",
                "Narges Tehrani",
                "planned"
            ],
            vec![
                "Barcelona",
                "e-rev1",
                "2027-01-12",
                "",
                "",
                "review",
                "Review of the Barcelona file",
                "",
                "Reza Karimi, Elena Ruiz",
                "planned"
            ],
        ]
    );
}

#[test]
fn city_show_lists_the_events_to_come() {
    let ws = lists();
    // Piped: each entry on one line (tests/cli/widths.rs has the page on a terminal).
    let run = ws.run_piped(&["city", "show", "saint-petersburg"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout, @r#"
        Saint Petersburg · سن‌پترزبورگ · Санкт-Петербург (saint-petersburg, RU)

        Relationship
          sister city, active
          Municipality: not named
          Chamber: not named
          languages: Russian (ru) (the country's likely language)

        Facilitators
          narges-tehrani — Narges Tehrani (نرگس تهرانی), active

        Next follow-ups
          2026-12-26 — Narges Tehrani (narges-tehrani), facilitator; never contacted

        Readiness
          ? effective communication: unknown
          ? international environment: unknown
          ? diplomatic support: unknown
          ? investment readiness: unknown
          ? branding: unknown
          ? international capacity: unknown

        Open actions
          none

        Upcoming events
          2026-11-19 16:00 meeting — Call with the twinning office [planned] (e-talk) — PAST: held or cancelled?
          2026-11-24 – 11-30 visit — Isfahan week at the Hermitage [confirmed]; The State Hermitage Museum; with Narges Tehrani (e-herm)
          2027-01-08 18:30 event — شب فیلم اصفهان [planned]; with Narges Tehrani (e-film)
          1 held, 1 cancelled (`event list --all --city saint-petersburg`)

        Recent interactions
          none recorded
        "#);
    let run = ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "city",
        "show",
        "saint-petersburg",
    ]);
    run.code(0);
    insta::assert_snapshot!(run.stdout.replace(['\u{2068}', '\u{2069}'], ""), @r#"
        Saint Petersburg · سن‌پترزبورگ · Санкт-Петербург (saint-petersburg، RU)

        رابطه
          خواهرخوانده، فعال
          شهرداری: معرفی نشده
          اتاق بازرگانی: معرفی نشده
          زبان‌ها: روسی (ru) (زبان محتمل کشور)

        تسهیل‌گران
          narges-tehrani — Narges Tehrani (نرگس تهرانی)، فعال

        پیگیری‌های بعدی
          ۱۴۰۵/۱۰/۰۵ — نرگس تهرانی (narges-tehrani)، تسهیل‌گر؛ تاکنون تماسی نبوده

        آمادگی
          ? ارتباط مؤثر با شرکای خارجی: نامعلوم
          ? محیط بین‌الملل مطلوب: نامعلوم
          ? همراهی دستگاه دیپلماسی: نامعلوم
          ? آمادگی سرمایه‌پذیری: نامعلوم
          ? برندسازی و تبلیغات: نامعلوم
          ? دانش و مهارت بین‌المللی: نامعلوم

        اقدام‌های باز
          هیچ

        رویدادهای پیش رو
          ۱۴۰۵/۰۸/۲۸ ۱۶:۰۰ جلسه — Call with the twinning office [در برنامه] (e-talk) — گذشته: برگزار یا لغو شد؟
          ۱۴۰۵/۰۹/۰۳ – ۰۹/۰۹ بازدید — Isfahan week at the Hermitage [قطعی]؛ The State Hermitage Museum؛ با نرگس تهرانی (e-herm)
          ۱۴۰۵/۱۰/۱۸ ۱۸:۳۰ رویداد — شب فیلم اصفهان [در برنامه]؛ با نرگس تهرانی (e-film)
          ۱ برگزارشده، ۱ لغوشده (`event list --all --city saint-petersburg`)

        تعاملات اخیر
          ثبت نشده
        "#);
}

#[test]
fn the_table_fits_a_terminal_of_100_columns() {
    let ws = lists();
    let mut cmd = ws.cmd(["event", "list", "--all"]);
    cmd.env("COLUMNS", "100");
    let run = crate::support::Run::of("event list --all", &mut cmd);
    run.code(0);
    for line in run.stdout.lines().filter(|l| !l.starts_with("1 past")) {
        assert!(line.chars().count() <= 100, "{line:?}\n{run}");
    }
}

#[test]
fn the_fixtures_events_are_listed_and_shown() {
    let ws = Workspace::with(&[("florence.yaml", crate::support::FLORENCE)]);
    let run = ws.run(&["event", "list", "--format", "json"]);
    let ids: Vec<String> = run
        .code(0)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["e-deleg"]);
    ws.run(&["event", "list"])
        .code(0)
        .stdout_has("1 event; 2 past, held or cancelled not shown (--all)");
    ws.run_piped(&["city", "show", "florence"])
        .code(0)
        .stdout_has("2026-11-10 meeting — Restorers' workshop planning [planned] (e-past) — PAST: held or cancelled?\n")
        .stdout_has("2026-12-05 – 12-07 10:00 delegation — Delegation of the twinning office in Isfahan [confirmed]; Isfahan Municipality; with Maryam Rahimi, Cultural counsellor (e-deleg)\n")
        .stdout_has("  1 held (`event list --all --city florence`)\n");
}
