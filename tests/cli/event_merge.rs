//! Events through real `git merge` with the merge driver installed: a confirmation on one
//! branch and a call logged on the other merge by themselves; the same event's status changed
//! on both is one conflict, and only that.

use crate::events::BARCELONA;
use crate::support::Workspace;
use crate::team::{git, git_ok, path_with_diplomat};

/// A repository with the hand-written Barcelona committed on `main` and the driver installed;
/// `chamber` is a branch of it, checked out. Commits skip the pre-commit hook `hook install`
/// adds: it would have the file put in the canonical layout first, and this one keeps its
/// hand-written order on purpose.
fn branches() -> Workspace {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let root = ws.root();
    git_ok(root, &["init", "-q", "-b", "main"]);
    crate::support::Run::of(
        "hook install",
        ws.cmd(["hook", "install"])
            .env("PATH", path_with_diplomat()),
    )
    .code(0);
    git_ok(root, &["add", "."]);
    git_ok(root, &["commit", "-q", "--no-verify", "-m", "barcelona"]);
    git_ok(root, &["checkout", "-q", "-b", "chamber"]);
    ws
}

fn text(ws: &Workspace) -> String {
    String::from_utf8(ws.read_city("barcelona.yaml")).unwrap()
}

#[test]
fn a_confirmation_and_a_call_logged_on_the_other_branch_merge_by_themselves() {
    let ws = branches();
    let root = ws.root();
    ws.run(&[
        "event",
        "set",
        "barcelona",
        "e-rev1",
        "--status",
        "confirmed",
    ])
    .code(0);
    git_ok(
        root,
        &["commit", "-q", "--no-verify", "-am", "chamber: confirmed"],
    );
    git_ok(root, &["checkout", "-q", "main"]);
    ws.run(&[
        "log",
        "barcelona",
        "Call with the counsellor",
        "--kind",
        "call",
        "--date",
        "2026-11-25",
        "--with",
        "es-embassy-commercial",
    ])
    .code(0);
    git_ok(
        root,
        &["commit", "-q", "--no-verify", "-am", "municipality: call"],
    );
    let out = git(root, &["merge", "-q", "-m", "merge", "chamber"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        text(&ws),
        BARCELONA
            .replace(
                "      - es-embassy-commercial\n    status: planned\n",
                "      - es-embassy-commercial\n    status: confirmed\n",
            )
            .replace(
                "    with: [es-embassy-commercial]\nx-owner",
                "    with: [es-embassy-commercial]\n  - date: 2026-11-25\n    kind: call\n    title: Call with the counsellor\n    with: [es-embassy-commercial]\nx-owner",
            )
    );
    ws.run(&["validate"]).code(0);
    let diff = ws.run(&["diff", "HEAD~2..HEAD"]);
    assert_eq!(
        diff.code(0).stdout,
        "barcelona: event e-rev1 planned → confirmed\nbarcelona: logged call “Call with the counsellor” on 2026-11-25\n"
    );
}

#[test]
fn held_on_one_branch_and_a_call_logged_on_the_other_keep_both_interactions() {
    let ws = branches();
    let root = ws.root();
    ws.run(&[
        "event",
        "held",
        "barcelona",
        "e-expo",
        "--date",
        "2026-11-24",
        "--summary",
        "Stand set up",
    ])
    .code(0);
    git_ok(
        root,
        &["commit", "-q", "--no-verify", "-am", "chamber: held"],
    );
    git_ok(root, &["checkout", "-q", "main"]);
    ws.run(&[
        "log",
        "barcelona",
        "Call",
        "--kind",
        "call",
        "--date",
        "2026-11-25",
    ])
    .code(0);
    git_ok(
        root,
        &["commit", "-q", "--no-verify", "-am", "municipality: call"],
    );
    let out = git(root, &["merge", "-q", "-m", "merge", "chamber"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = text(&ws);
    assert!(
        merged.contains("    status: held\n    notes: |"),
        "{merged}"
    );
    let held = merged.find("    title: Isfahan handicrafts week in Barcelona\n    with: [sara-mousavi]\n    summary: Stand set up").unwrap();
    let call = merged.find("    title: Call\n").unwrap();
    assert!(held < call, "in date order:\n{merged}");
    ws.run(&["validate"]).code(0);
}

#[test]
fn the_same_events_status_changed_on_both_branches_is_one_conflict() {
    let ws = branches();
    let root = ws.root();
    ws.run(&[
        "event",
        "set",
        "barcelona",
        "e-expo",
        "--status",
        "cancelled",
        "--place",
        "Online",
    ])
    .code(0);
    git_ok(
        root,
        &["commit", "-q", "--no-verify", "-am", "chamber: cancelled"],
    );
    git_ok(root, &["checkout", "-q", "main"]);
    // Moved by a day, still confirmed, and a call logged: the days are the status's unit.
    ws.run(&["event", "set", "barcelona", "e-expo", "--end", "2026-12-19"])
        .code(0);
    ws.run(&[
        "log",
        "barcelona",
        "Call",
        "--kind",
        "call",
        "--date",
        "2026-11-25",
    ])
    .code(0);
    git_ok(
        root,
        &[
            "commit",
            "-q",
            "--no-verify",
            "-am",
            "municipality: a day longer",
        ],
    );
    let out = git(root, &["merge", "-q", "-m", "merge", "chamber"]);
    assert!(
        !out.status.success(),
        "the status and the days changed on both sides"
    );
    let merged = text(&ws);
    assert_eq!(merged.matches("<<<<<<<").count(), 1, "{merged}");
    // The unit is marked whole, each side's days with its status; nothing else is.
    let marked = merged
        .split_once("<<<<<<< HEAD\n")
        .and_then(|(_, rest)| rest.split_once(">>>>>>> chamber\n"))
        .map(|(marked, _)| marked)
        .unwrap_or_else(|| panic!("{merged}"));
    assert_eq!(
        marked,
        "    date: 2026-12-14\n    end: 2026-12-19\n    status: confirmed\n=======\n    date: 2026-12-14\n    end: 2026-12-18\n    status: cancelled\n",
        "{merged}"
    );
    // Outside the conflict, each side's own change is in.
    assert!(merged.contains("    place: Online\n"), "{merged}");
    assert!(merged.contains("    title: Call\n"), "{merged}");
    ws.run(&["validate"]).code(1).stdout_has("conflict");
}
