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
