//! The structural merge on small dossiers; the scenarios through git are in tests/cli/merge.rs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

const BASE: &str = "slug: lyon\n# our sister city\nrelationship:\n  status: dormant\nactions:\n  - id: a-1\n    title: Letter\n    status: open\ninteractions:\n  - date: 2026-11-01\n    title: First\nnotes: kept\n";

fn merged(base: &str, ours: &str, theirs: &str) -> (String, usize) {
    let (text, conflicts) = structural(
        base.as_bytes(),
        ours.as_bytes(),
        theirs.as_bytes(),
        &Labels::default(),
    )
    .expect("merged by structure");
    (String::from_utf8(text).unwrap(), conflicts)
}

fn add_interaction(text: &str, date: &str, title: &str) -> String {
    text.replace(
        "notes: kept\n",
        &format!("  - date: {date}\n    title: {title}\nnotes: kept\n"),
    )
}

#[test]
fn both_appended_interactions_are_kept_in_date_order() {
    let ours = add_interaction(BASE, "2026-11-09", "Ours");
    let theirs = add_interaction(BASE, "2026-11-05", "Theirs");
    let (text, conflicts) = merged(BASE, &ours, &theirs);
    assert_eq!(conflicts, 0);
    assert_eq!(
        text,
        add_interaction(
            &add_interaction(BASE, "2026-11-05", "Theirs"),
            "2026-11-09",
            "Ours"
        )
    );
}

#[test]
fn a_value_both_changed_is_marked_alone() {
    let ours = BASE.replace("status: dormant", "status: active");
    let theirs = add_interaction(
        &BASE.replace("status: dormant", "status: suspended"),
        "2026-11-05",
        "T",
    );
    let (text, conflicts) = merged(BASE, &ours, &theirs);
    assert_eq!(conflicts, 1);
    assert!(text.contains(
        "relationship:\n<<<<<<< ours\n  status: active\n=======\n  status: suspended\n>>>>>>> theirs\nactions:"
    ));
    assert!(text.contains("title: T\n"));
    assert!(take_side(&text, true, 7).contains("status: active"));
    assert!(!take_side(&text, false, 7).contains("status: active"));
}

#[test]
fn removal_on_one_side_and_change_on_the_other() {
    let base = BASE.replace(
        "interactions:",
        "  - id: a-2\n    title: Call\n    status: open\ninteractions:",
    );
    let removed = base.replace("  - id: a-1\n    title: Letter\n    status: open\n", "");
    let untouched = base.replace("notes: kept", "notes: changed");
    let (text, conflicts) = merged(&base, &untouched, &removed);
    assert_eq!(conflicts, 0);
    assert!(!text.contains("a-1") && text.contains("a-2") && text.contains("notes: changed"));
    let done = base.replacen("status: open", "status: done", 1);
    let (text, conflicts) = merged(&base, &done, &removed);
    assert_eq!(conflicts, 1);
    assert!(text.contains("actions:\n<<<<<<< ours\n  - id: a-1\n    title: Letter\n    status: done\n=======\n>>>>>>> theirs\n  - id: a-2"), "{text}");
}

#[test]
fn lines_from_theirs_take_ours_indentation_and_line_ends() {
    let ours = BASE
        .replace("\n  ", "\n    ")
        .replace("\n    title", "\n      title")
        .replace("\n    status: open", "\n      status: open");
    let theirs = add_interaction(BASE, "2026-11-05", "Theirs").replace('\n', "\r\n");
    let (text, conflicts) = merged(BASE, &ours, &theirs);
    assert_eq!(conflicts, 0);
    assert!(
        text.contains("    - date: 2026-11-05\n      title: Theirs\n"),
        "{text}"
    );
    let crlf_ours = ours.replace('\n', "\r\n");
    let (text, _) = merged(BASE, &crlf_ours, &theirs);
    assert!(text.ends_with("notes: kept\r\n"));
}

#[test]
fn a_comment_next_to_a_value_the_other_side_changed_is_never_dropped() {
    let ours = BASE.replace(
        "  status: dormant\n",
        "  # asked by the MFA\n  status: dormant\n",
    );
    let theirs = BASE.replace("status: dormant", "status: active");
    let (text, conflicts) = merged(BASE, &ours, &theirs);
    assert!(text.contains("# asked by the MFA"), "{text}");
    assert!(text.contains("status: active"), "{text}");
    assert_eq!(conflicts, 0);
    assert!(
        text.contains("  # asked by the MFA\n  status: active\n"),
        "{text}"
    );
}

/// `BASE` with an assessment, for the unit tests.
fn with_readiness(text: &str, assessment: &str) -> String {
    text.replace(
        "\nactions:\n",
        &format!("\nreadiness:\n  communication:\n{assessment}actions:\n"),
    )
}

const PARTIAL: &str = "    status: partial\n    evidence: Calls\n    assessed: 2026-11-20\n";

#[test]
fn an_assessment_both_sides_changed_is_one_conflict_around_all_its_fields() {
    let base = with_readiness(BASE, PARTIAL);
    let ours = with_readiness(
        BASE,
        "    status: partial\n    evidence: Calls monthly only\n    assessed: 2026-11-20\n",
    );
    let theirs = with_readiness(
        BASE,
        "    status: met\n    evidence: Calls\n    assessed: 2026-11-24\n",
    );
    let (text, conflicts) = merged(&base, &ours, &theirs);
    assert_eq!(conflicts, 1, "{text}");
    assert!(
        text.contains(
            "  communication:\n<<<<<<< ours\n    status: partial\n    evidence: Calls monthly only\n    assessed: 2026-11-20\n=======\n    status: met\n    evidence: Calls\n    assessed: 2026-11-24\n>>>>>>> theirs\nactions:\n"
        ),
        "{text}"
    );
    assert_eq!(take_side(&text, true, 7), ours);
    assert_eq!(take_side(&text, false, 7), theirs);
}

#[test]
fn a_unit_one_side_changed_is_that_sides_whole_and_the_same_change_is_no_conflict() {
    let base = with_readiness(BASE, PARTIAL);
    let met = with_readiness(
        BASE,
        "    status: met\n    evidence: Weekly calls\n    assessed: 2026-11-24\n",
    );
    // theirs changed a field outside the unit, of the same action and elsewhere
    let theirs = base
        .replace("    title: Letter\n", "    title: Letter to the mayor\n")
        .replace("status: dormant", "status: active");
    let (text, conflicts) = merged(&base, &met, &theirs);
    assert_eq!(conflicts, 0, "{text}");
    assert!(
        text.contains("    status: met\n    evidence: Weekly calls\n    assessed: 2026-11-24\n")
    );
    assert!(text.contains("title: Letter to the mayor") && text.contains("status: active"));
    let (text, conflicts) = merged(&base, &met, &met);
    assert_eq!((text.as_str(), conflicts), (met.as_str(), 0));
}

#[test]
fn an_actions_status_and_done_apart_are_still_one_conflict() {
    // `done:` typed by hand above the title: the unit's lines are gathered where ours has the
    // first of them; the title between them merges on its own.
    let ours = BASE.replace(
        "    title: Letter\n    status: open\n",
        "    status: done\n    title: Letter\n    done: 2026-11-24\n",
    );
    let theirs = BASE.replace(
        "    title: Letter\n    status: open\n",
        "    title: Letter to the mayor\n    status: blocked\n",
    );
    let (text, conflicts) = merged(BASE, &ours, &theirs);
    assert_eq!(conflicts, 1, "{text}");
    assert!(
        text.contains(
            "  - id: a-1\n<<<<<<< ours\n    status: done\n    done: 2026-11-24\n=======\n    status: blocked\n>>>>>>> theirs\n    title: Letter to the mayor\n"
        ),
        "{text}"
    );
    for side in [true, false] {
        let resolved = take_side(&text, side, 7);
        let read = yaml::parse(
            Path::new("t.yaml"),
            resolved.as_bytes(),
            crate::i18n::Lang::En,
        )
        .unwrap()
        .unwrap()
        .to_json();
        let action = &read["actions"][0];
        assert_eq!(action["title"], "Letter to the mayor");
        assert_eq!(action["status"], if side { "done" } else { "blocked" });
        assert_eq!(action.get("done").is_some(), side);
    }
}

#[test]
fn a_unit_on_the_dash_line_makes_the_whole_item_the_conflict() {
    let base = BASE.replace(
        "  - id: a-1\n    title: Letter\n    status: open\n",
        "  - status: open\n    id: a-1\n    title: Letter\n",
    );
    let ours = base.replace("  - status: open\n", "  - status: done\n");
    let ours = ours.replace(
        "    title: Letter\n",
        "    title: Letter\n    done: 2026-11-24\n",
    );
    let theirs = base.replace("  - status: open\n", "  - status: blocked\n");
    let (text, conflicts) = merged(&base, &ours, &theirs);
    assert_eq!(conflicts, 1, "{text}");
    assert!(
        text.contains("actions:\n<<<<<<< ours\n  - status: done\n"),
        "{text}"
    );
    assert_eq!(take_side(&text, true, 7), ours);
    assert_eq!(take_side(&text, false, 7), theirs);
}

#[test]
fn a_facilitators_status_and_since_are_one_unit_their_contact_is_not() {
    let people = |status: &str, email: &str| {
        BASE.replace(
            "\nactions:\n",
            &format!("\nfacilitators:\n  - id: ana\n    name: Ana\n{status}    contact:\n      email: {email}\nactions:\n"),
        )
    };
    let base = people("    status: prospective\n", "ana@example.org");
    let ours = people(
        "    status: active\n    since: 2026-11-24\n",
        "ana@example.org",
    );
    let theirs = people("    status: inactive\n", "ana.s@example.org");
    let (text, conflicts) = merged(&base, &ours, &theirs);
    assert_eq!(conflicts, 1, "{text}");
    assert!(
        text.contains(
            "<<<<<<< ours\n    status: active\n    since: 2026-11-24\n=======\n    status: inactive\n>>>>>>> theirs\n    contact:\n      email: ana.s@example.org\n"
        ),
        "{text}"
    );
}

#[test]
fn a_dated_list_comes_out_in_date_order_with_its_comments() {
    // ours typed two entries at the end out of order, one with a comment above it
    let ours = BASE.replace(
        "notes: kept\n",
        "  - date: 2026-12-05\n    title: O2\n  # late entry\n  - date: 2026-12-01\n    title: O1\nnotes: kept\n",
    );
    let theirs = add_interaction(BASE, "2026-12-02", "T1");
    let (text, conflicts) = merged(BASE, &ours, &theirs);
    assert_eq!(conflicts, 0, "{text}");
    assert!(
        text.contains(
            "interactions:\n  - date: 2026-11-01\n    title: First\n  # late entry\n  - date: 2026-12-01\n    title: O1\n  - date: 2026-12-02\n    title: T1\n  - date: 2026-12-05\n    title: O2\nnotes: kept\n"
        ),
        "{text}"
    );
    // Equal dates: ours' entries first, then theirs', each side in its own order.
    let ours = add_interaction(
        &add_interaction(BASE, "2026-12-01", "O1"),
        "2026-12-01",
        "O2",
    );
    let theirs = add_interaction(BASE, "2026-12-01", "T1");
    let (text, _) = merged(BASE, &ours, &theirs);
    let titles: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("title:") && !l.contains("Letter"))
        .collect();
    assert_eq!(
        titles,
        [
            "    title: First",
            "    title: O1",
            "    title: O2",
            "    title: T1"
        ]
    );
}

#[test]
fn a_list_with_an_undated_entry_keeps_ours_order() {
    let ours = BASE.replace(
        "notes: kept\n",
        "  - date: 2026-12-05\n    title: O2\n  - title: Undated\nnotes: kept\n",
    );
    let theirs = add_interaction(BASE, "2026-12-02", "T1");
    let (text, conflicts) = merged(BASE, &ours, &theirs);
    assert_eq!(conflicts, 0, "{text}");
    let titles: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("title:") && !l.contains("Letter"))
        .collect();
    assert_eq!(
        titles,
        [
            "    title: First",
            "    title: T1",
            "    title: O2",
            "  - title: Undated"
        ]
    );
}

proptest::proptest! {
    /// Any interactions logged on both sides, with or without a status change on each: every
    /// entry is kept once, and only two different statuses conflict.
    #[test]
    fn every_entry_of_both_sides_is_kept(
        ours_log in proptest::collection::vec((1u8..29, "[A-Za-z][A-Za-z ]{0,15}"), 0..5),
        theirs_log in proptest::collection::vec((1u8..29, "[A-Za-z][A-Za-z ]{0,15}"), 0..5),
        ours_status in proptest::option::of(proptest::sample::select(vec!["active", "suspended"])),
        theirs_status in proptest::option::of(proptest::sample::select(vec!["active", "proposed"])),
    ) {
        let side = |log: &[(u8, String)], mark: &str, status: Option<&str>| {
            let mut text = BASE.to_owned();
            if let Some(status) = status {
                text = text.replace("status: dormant", &format!("status: {status}"));
            }
            for (i, (day, title)) in log.iter().enumerate() {
                text = add_interaction(&text, &format!("2026-11-{day:02}"), &format!("{mark}{i} {}", title.trim()));
            }
            text
        };
        let ours = side(&ours_log, "O", ours_status);
        let theirs = side(&theirs_log, "T", theirs_status);
        let (text, conflicts) = merged(BASE, &ours, &theirs);
        let expected = usize::from(matches!((ours_status, theirs_status), (Some(o), Some(t)) if o != t));
        proptest::prop_assert_eq!(conflicts, expected, "{}", text);
        for (mark, log) in [("O", &ours_log), ("T", &theirs_log)] {
            for (i, (_, title)) in log.iter().enumerate() {
                let line = format!("    title: {mark}{i} {}\n", title.trim());
                proptest::prop_assert_eq!(text.matches(&line).count(), 1, "{}", text);
            }
        }
    }
}

#[test]
fn what_cannot_be_read_is_not_merged_by_structure() {
    assert!(
        structural(
            BASE.as_bytes(),
            b"slug: [\n",
            BASE.as_bytes(),
            &Labels::default()
        )
        .is_none()
    );
    assert!(
        structural(
            BASE.as_bytes(),
            b"\xff\xfe",
            BASE.as_bytes(),
            &Labels::default()
        )
        .is_none()
    );
    assert!(structural(b"", b"- a\n", b"- b\n", &Labels::default()).is_none());
}
