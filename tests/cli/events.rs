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
fn with_events(events: &str) -> String {
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
