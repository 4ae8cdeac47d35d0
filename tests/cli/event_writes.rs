//! `event add`, `event set` and `event held`: only their own lines change in a hand-written
//! dossier, a change to the values already there is said and writes nothing, bad input is
//! refused with nothing changed, `--commit` commits with a message naming the change, and
//! everything is said in Persian too.

use crate::events::{BARCELONA, with_events};
use crate::support::{Run, Workspace};

/// The hand-written Barcelona with `block` added at the end of its events.
fn with_new_event(block: &str) -> String {
    BARCELONA.replace(
        "    x-budget: 1405-intl-07\n",
        &format!("    x-budget: 1405-intl-07\n{block}"),
    )
}

fn text(ws: &Workspace) -> String {
    String::from_utf8(ws.read_city("barcelona.yaml")).unwrap()
}

/// A new id as `add` prints it: `e-` and four letters or digits.
fn new_id(run: &Run) -> String {
    let id = run.stdout.trim().to_owned();
    assert!(
        id.len() == 6
            && id.starts_with("e-")
            && id[2..]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
        "{run}"
    );
    assert_eq!(run.stdout, format!("{id}\n"), "only the id on stdout");
    id
}

#[test]
fn add_prints_the_new_id_and_writes_only_its_entry() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    // Solar Hijri days in both digit sets, a time typed without its leading zero.
    let run = ws.run(&[
        "event",
        "add",
        "barcelona",
        "Isfahan week at the Hermitage",
        "--kind",
        "visit",
        "--date",
        "1405/09/12",
        "--end",
        "۱۴۰۵/۰۹/۱۸",
        "--time",
        "۹:۳۰",
        "--place",
        "The Hermitage",
        "--with",
        "reza-karimi",
        "--with",
        "sara-mousavi",
    ]);
    run.code(0);
    let id = new_id(&run);
    assert_eq!(run.stderr, format!("added event `{id}` to `barcelona`\n"));
    assert_eq!(
        text(&ws),
        with_new_event(&format!(
            "  - id: {id}\n    date: 2026-12-03\n    end: 2026-12-09\n    time: '09:30'\n    kind: visit\n    title: Isfahan week at the Hermitage\n    place: The Hermitage\n    with: [reza-karimi, sara-mousavi]\n    status: planned\n"
        ))
    );
    ws.run(&["validate"]).code(0);
    ws.run(&["fmt", "--check"]).code(1); // the hand-written keys out of order, not ours
}

#[test]
fn add_defaults_to_a_planned_meeting_and_makes_the_list_where_there_is_none() {
    let ws = Workspace::with(&[("barcelona.yaml", crate::support::BARCELONA)]);
    let run = ws.run(&[
        "event",
        "add",
        "barcelona",
        "Call with the city council",
        "--date",
        "today",
    ]);
    run.code(0);
    let id = new_id(&run);
    // The new list goes where the schema puts it: after the actions.
    assert_eq!(
        text(&ws),
        crate::support::BARCELONA.replace(
            "    done: 2026-10-28\n",
            &format!(
                "    done: 2026-10-28\nevents:\n  - id: {id}\n    date: 2026-11-26\n    kind: meeting\n    title: Call with the city council\n    status: planned\n"
            )
        )
    );
    ws.run(&["validate"]).code(0);
}

#[test]
fn add_warns_of_a_date_long_past_and_writes_it_as_given() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let run = ws.run(&["event", "add", "barcelona", "Visit", "--date", "1404/09/01"]);
    run.code(0);
    let id = new_id(&run);
    assert_eq!(
        run.stderr,
        format!(
            "warning: `--date 1404/09/01` (2025-11-22) is more than a year before today (2026-11-26); it was written as given: check the date\nadded event `{id}` to `barcelona`\n"
        )
    );
    assert!(text(&ws).contains(&format!("  - id: {id}\n    date: 2025-11-22\n")));
}

/// A refused command: exit 2, the message on stderr, nothing on stdout, the file unchanged.
fn refused(ws: &Workspace, args: &[&str], message: &str) {
    let run = ws.run(args);
    run.code(2);
    assert_eq!(run.stdout, "", "{run}");
    assert_eq!(run.stderr, message, "{run}");
    assert_eq!(text(ws), BARCELONA, "{run}");
}

#[test]
fn bad_input_is_refused_and_nothing_changes() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let add = |rest: &[&str]| -> Vec<String> {
        ["event", "add", "barcelona", "Visit"]
            .iter()
            .chain(rest)
            .map(|s| (*s).to_owned())
            .collect()
    };
    let cases: &[(Vec<String>, &str)] = &[
        (
            add(&["--date", "2026-12-03", "--with", "reza-karmi"]),
            "error: `reza-karmi` is not a facilitator or contact of `barcelona`\n  = help: did you mean `reza-karimi`?\n",
        ),
        (
            add(&["--date", "2026-12-03", "--end", "2026-12-01"]),
            "error: the event would end (`2026-12-01`) before it begins (`2026-12-03`); nothing was written\n",
        ),
        (
            add(&["--date", "2026-12-03", "--time", "25:00"]),
            "error: `--time`: `25:00` is not a time of day: write HH:MM on a 24-hour clock, Isfahan time, e.g. `09:30`\n",
        ),
        (
            add(&["--date", "2026-13-03"]),
            "error: --date: `2026-13-03` is not a date: month 13 does not exist in the Gregorian calendar\n",
        ),
        (
            vec![
                "event".into(),
                "add".into(),
                "barcelona".into(),
                " ".into(),
                "--date".into(),
                "2026-12-03".into(),
            ],
            "error: the title is empty\n",
        ),
        (
            vec![
                "event".into(),
                "add".into(),
                "barcelonna".into(),
                "Visit".into(),
                "--date".into(),
                "2026-12-03".into(),
            ],
            "error: no city `barcelonna` in this workspace\n  = help: did you mean `barcelona`?\n",
        ),
    ];
    for (args, message) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&ws, &args, message);
    }
    // clap refuses a kind it does not know, naming those it knows
    let run = ws.run(&[
        "event",
        "add",
        "barcelona",
        "Visit",
        "--date",
        "2026-12-03",
        "--kind",
        "trip",
    ]);
    run.code(2)
        .stderr_has("invalid value 'trip' for '--kind <KIND>'")
        .stderr_has(
            "[possible values: meeting, visit, delegation, exhibition, event, review, other]",
        );
    assert_eq!(text(&ws), BARCELONA);
    // set, held: an id the city does not have
    refused(
        &ws,
        &["event", "set", "barcelona", "e-expp", "--status", "held"],
        "error: `barcelona` has no event `e-expp`\n  = help: did you mean `e-expo`?\n",
    );
    refused(
        &ws,
        &["event", "held", "barcelona", "e-rev2"],
        "error: `barcelona` has no event `e-rev2`\n  = help: did you mean `e-rev1`?\n",
    );
    refused(
        &ws,
        &["event", "set", "barcelona", "e-expo"],
        "error: nothing to change: give one of `--date`, `--end`, `--time`, `--kind`, `--title`, `--place`, `--with`, `--status`\n",
    );
    refused(
        &ws,
        &[
            "event",
            "set",
            "barcelona",
            "e-expo",
            "--date",
            "2026-12-20",
        ],
        "error: the event would end (`2026-12-18`) before it begins (`2026-12-20`); nothing was written\n",
    );
    refused(
        &ws,
        &["event", "set", "barcelona", "e-expo", "--with", "elena"],
        "error: `elena` is not a facilitator or contact of `barcelona`\n",
    );
}

#[test]
fn set_changes_only_the_lines_of_what_it_is_given() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let run = ws.run(&[
        "event",
        "set",
        "barcelona",
        "e-rev1",
        "--status",
        "confirmed",
        "--time",
        "10:00",
        "--with",
        "es-embassy-commercial",
    ]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "updated event `e-rev1` in `barcelona`: time, with, status\n"
    );
    // The time goes where the schema puts it among keys written out of order; the block list
    // of people becomes the list given; the comment on `kind` stays.
    assert_eq!(
        text(&ws),
        BARCELONA.replace(
            "    date: 2027-01-12\n    with:\n      - reza-karimi\n      - es-embassy-commercial\n    status: planned\n",
            "    date: 2027-01-12\n    time: '10:00'\n    with: [es-embassy-commercial]\n    status: confirmed\n",
        )
    );
    // The same again: said, and nothing written.
    let before = text(&ws);
    let again = ws.run(&[
        "event",
        "set",
        "barcelona",
        "e-rev1",
        "--status",
        "confirmed",
        "--time",
        "10:00",
    ]);
    again.code(0);
    assert_eq!(
        again.stderr,
        "event `e-rev1` of `barcelona` already has these values; nothing changed\n"
    );
    assert_eq!(text(&ws), before);
    // Empty values remove; the days move together.
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    ws.run(&[
        "event",
        "set",
        "barcelona",
        "e-expo",
        "--time",
        "",
        "--place",
        "",
        "--end",
        "",
        "--date",
        "1405/10/01",
        "--title",
        "Handicrafts week",
        "--kind",
        "event",
    ])
    .code(0);
    assert_eq!(
        text(&ws),
        BARCELONA.replace(
            "    date: 2026-12-14\n    end: 2026-12-18\n    time: '10:30'\n    kind: exhibition\n    title: Isfahan handicrafts week in Barcelona\n    place: 'Casa Asia, Barcelona'\n",
            "    date: 2026-12-22\n    kind: event\n    title: Handicrafts week\n",
        )
    );
    ws.run(&["validate"]).code(0);
}

/// The hand-written Barcelona, whose events are `events` (text after `events:`), and held.
fn held(events: &str, args: &[&str]) -> (Workspace, String, Run) {
    let dossier = with_events(events);
    let ws = Workspace::with(&[("barcelona.yaml", dossier.as_str())]);
    let mut all = vec!["event", "held", "barcelona", "e-1"];
    all.extend_from_slice(args);
    let run = ws.run(&all);
    (ws, dossier, run)
}

#[test]
fn held_marks_each_kind_held_and_logs_what_happened_in_one_write() {
    for (kind, logged) in [
        ("meeting", "meeting"),
        ("visit", "visit"),
        ("delegation", "visit"),
        ("exhibition", "event"),
        ("event", "event"),
        ("other", "other"),
    ] {
        // A comment inside the entry, and its people as a block list.
        let event = format!(
            "  - id: e-1\n    date: 2026-11-24\n    kind: {kind}   # as planned\n    title: Talks on the {kind}\n    with:\n      - sara-mousavi\n    status: confirmed\n    x-cost: 40\n"
        );
        let (ws, before, run) = held(
            &event,
            &["--summary", "Two workshops agreed.\nNext: spring."],
        );
        run.code(0);
        assert_eq!(
            run.stderr, "event `e-1` of `barcelona` was held: logged it on 2026-11-24\n",
            "{kind}"
        );
        let expected = before
            .replace("    status: confirmed\n    x-cost: 40\n", "    status: held\n    x-cost: 40\n")
            .replace(
                "    with: [es-embassy-commercial]\n",
                &format!(
                    "    with: [es-embassy-commercial]\n  - date: 2026-11-24\n    kind: {logged}\n    title: Talks on the {kind}\n    with: [sara-mousavi]\n    summary: |-\n      Two workshops agreed.\n      Next: spring.\n"
                ),
            );
        assert_eq!(text(&ws), expected, "{kind}");
        ws.run(&["validate"]).code(0);
    }
}

#[test]
fn held_puts_the_interaction_in_date_order_on_the_day_given() {
    let event = "  - id: e-1\n    date: 2026-11-10\n    kind: delegation\n    title: Delegation from the city council\n    status: planned\n";
    let (ws, before, run) = held(event, &["--date", "1405/08/20"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "event `e-1` of `barcelona` was held: logged it on 2026-11-11\n"
    );
    // Before the call of the 18th; no summary, no people: only what there is.
    assert_eq!(
        text(&ws),
        before
            .replace("    status: planned\n", "    status: held\n")
            .replace(
                "interactions:\n",
                "interactions:\n  - date: 2026-11-11\n    kind: visit\n    title: Delegation from the city council\n"
            )
    );
    // held again: said, nothing written
    let again = ws.run(&["event", "held", "barcelona", "e-1", "--summary", "More"]);
    again.code(0);
    assert_eq!(
        again.stderr,
        "event `e-1` of `barcelona` was held already; nothing changed (record more of what happened with `diplomat log`)\n"
    );
}

#[test]
fn a_review_session_held_is_a_review_entry_and_needs_its_outcome() {
    let (ws, before, run) = held(
        "  - id: e-1\n    date: 2026-11-25\n    kind: review\n    title: Review of the file\n    with: [reza-karimi, es-embassy-commercial]\n    status: planned\n",
        &[],
    );
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: event `e-1` is a review session, recorded with its outcome: give it with `--summary`; nothing was written\n"
    );
    assert_eq!(text(&ws), before);
    let run = ws.run(&[
        "event",
        "held",
        "barcelona",
        "e-1",
        "--summary",
        "Gaps: investment readiness, branding",
    ]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "event `e-1` of `barcelona` was held: recorded the review of 2026-11-25\n"
    );
    // The file had no reviews: the list is made where the schema puts it, before the
    // analysts' own key.
    assert_eq!(
        text(&ws),
        before.replace("    status: planned\n", "    status: held\n").replace(
            "x-owner: Leila\n",
            "reviews:\n  - date: 2026-11-25\n    participants: [reza-karimi, es-embassy-commercial]\n    outcome: 'Gaps: investment readiness, branding'\nx-owner: Leila\n"
        )
    );
    ws.run(&["validate"]).code(0);
}

#[test]
fn held_on_a_day_still_to_come_warns() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let run = ws.run(&["event", "held", "barcelona", "e-expo"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "warning: event `e-expo` is planned for 2026-12-14, after today (2026-11-26); it was marked held as asked: check the event, or give the day it took place with `--date`\nevent `e-expo` of `barcelona` was held: logged it on 2026-12-14\n"
    );
}

#[test]
fn writes_commit_with_a_message_naming_the_change() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let git = |args: &[&str]| crate::commit::git(ws.root(), args);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "start"]);
    let run = |args: &[&str]| {
        let mut cmd = ws.cmd(args);
        cmd.env("HOME", ws.root())
            .envs(crate::commit::IDENTITY.iter().copied());
        Run::of(args.join(" "), &mut cmd)
    };
    let add = run(&[
        "event",
        "add",
        "barcelona",
        "Isfahan week at the Hermitage",
        "--date",
        "2026-12-03",
        "--commit",
    ]);
    add.code(0);
    let id = new_id(&add);
    let subject = || git(&["log", "-1", "--format=%s"]);
    assert_eq!(
        subject(),
        format!("barcelona: event add {id} \"Isfahan week at the Hermitage\"\n")
    );
    run(&[
        "event",
        "set",
        "barcelona",
        &id,
        "--status",
        "confirmed",
        "--time",
        "10:00",
        "--commit",
    ])
    .code(0);
    assert_eq!(
        subject(),
        format!("barcelona: event set {id} (time, status)\n")
    );
    run(&[
        "event",
        "held",
        "barcelona",
        "e-rev1",
        "--date",
        "yesterday",
        "--summary",
        "Done",
        "--commit",
    ])
    .code(0);
    assert_eq!(
        subject(),
        "barcelona: event held e-rev1 \"Review of the Barcelona file\"\n"
    );
    // A no-op commits nothing.
    run(&[
        "event",
        "set",
        "barcelona",
        &id,
        "--status",
        "confirmed",
        "--commit",
    ])
    .code(0);
    assert_eq!(git(&["rev-list", "--count", "HEAD"]), "4\n");
    assert_eq!(git(&["status", "--porcelain", "--", "cities"]), "");
    // `diff` says what each did.
    let diff = Run::of("diff", &mut ws.cmd(["diff", "HEAD~3"]));
    diff.code(0);
    assert_eq!(
        diff.stdout,
        format!(
            "barcelona: event e-rev1 held\nbarcelona: added event {id} “Isfahan week at the Hermitage” on 2026-12-03\nbarcelona: added the review of 2026-11-25\n"
        )
    );
}

#[test]
fn everything_is_said_in_persian() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let fa = |args: &[&str]| {
        let mut all = vec!["--lang", "fa"];
        all.extend_from_slice(args);
        ws.run(&all)
    };
    let add = fa(&["event", "add", "barcelona", "دیدار", "--date", "1405/09/12"]);
    add.code(0);
    let id = new_id(&add);
    let (b, i) = (
        "\u{2068}`barcelona`\u{2069}",
        format!("\u{2068}`{id}`\u{2069}"),
    );
    assert_eq!(add.stderr, format!("رویداد {i} به {b} افزوده شد\n"));
    let set = fa(&["event", "set", "barcelona", &id, "--status", "confirmed"]);
    assert_eq!(
        set.code(0).stderr,
        format!("رویداد {i} در {b} به‌روز شد: status\n")
    );
    let again = fa(&["event", "set", "barcelona", &id, "--status", "confirmed"]);
    assert_eq!(
        again.code(0).stderr,
        format!("رویداد {i} در {b} همین مقادیر را دارد؛ چیزی تغییر نکرد\n")
    );
    let held = fa(&["event", "held", "barcelona", &id, "--date", "1405/09/04"]);
    assert_eq!(
        held.code(0).stderr,
        format!("رویداد {i} در {b} برگزار شد: در تاریخ ۲۰۲۶-۱۱-۲۵ ثبت شد\n")
    );
    let review = fa(&["event", "held", "barcelona", "e-rev1"]);
    review.code(2);
    assert_eq!(
        review.stderr,
        "خطا: رویداد \u{2068}`e-rev1`\u{2069} جلسهٔ بررسی پرونده است و با نتیجه‌اش ثبت می‌شود: آن را با \u{2068}`--summary`\u{2069} بدهید؛ چیزی نوشته نشد\n"
    );
    let time = fa(&["event", "set", "barcelona", &id, "--time", "۲۵:۰۰"]);
    time.code(2).stderr_has("ساعت معتبری نیست");
}

#[test]
fn a_person_named_by_an_event_is_not_removed() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let run = ws.run(&["facilitator", "remove", "barcelona", "sara-mousavi"]);
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: facilitator `sara-mousavi` is named by 1 record of `barcelona`, so it was not removed:\n  event 2026-12-14 “Isfahan handicrafts week in Barcelona”\n  = help: `diplomat facilitator set barcelona sara-mousavi --status inactive` retires a facilitator and keeps these records linked\n"
    );
    assert_eq!(text(&ws), BARCELONA);
}

#[test]
fn the_shell_completes_kinds_and_statuses() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let kinds = crate::setup::complete(&ws, &["event", "add", "barcelona", "Visit", "--kind", ""]);
    for kind in [
        "meeting",
        "visit",
        "delegation",
        "exhibition",
        "event",
        "review",
        "other",
    ] {
        kinds.stdout_has(kind);
    }
    let statuses = crate::setup::complete(&ws, &["event", "list", "--status", ""]);
    for status in ["planned", "confirmed", "held", "cancelled"] {
        statuses.stdout_has(status);
    }
    crate::setup::complete(&ws, &["event", "h"]).stdout_has("held");
}
