//! `--commit` and `auto_commit`: a write command commits the changed dossier, alone, with a
//! message that names the city and the change.

use std::path::Path;
use std::process::Command;

use crate::support::{BARCELONA, Workspace};

/// The git identity of every run here, and no user or system configuration.
pub const IDENTITY: &[(&str, &str)] = &[
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Analyst"),
    ("GIT_AUTHOR_EMAIL", "analyst@example.org"),
    ("GIT_COMMITTER_NAME", "Analyst"),
    ("GIT_COMMITTER_EMAIL", "analyst@example.org"),
];

/// Runs git in `dir` with [`IDENTITY`]: its output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .envs(IDENTITY.iter().copied())
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A workspace in a fresh repository with one commit; an unrelated staged file is left staged.
fn repository() -> Workspace {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    git(ws.root(), &["init", "-q"]);
    git(ws.root(), &["add", "."]);
    git(ws.root(), &["commit", "-q", "-m", "start"]);
    ws.file("notes.txt", "not part of any dossier change\n");
    git(ws.root(), &["add", "notes.txt"]);
    ws
}

/// `diplomat` with the same git identity as [`git`].
fn run(ws: &Workspace, args: &[&str]) -> crate::support::Run {
    let mut cmd = ws.cmd(args);
    cmd.env("HOME", ws.root()).envs(IDENTITY.iter().copied());
    crate::support::Run::of(args.join(" "), &mut cmd)
}

#[test]
fn commit_flag_commits_only_the_dossier_with_a_message_naming_the_change() {
    let ws = repository();
    run(
        &ws,
        &[
            "log",
            "barcelona",
            "Video call with the counsellor",
            "--kind",
            "call",
            "--commit",
        ],
    )
    .code(0);
    assert_eq!(
        git(ws.root(), &["log", "-1", "--format=%s"]),
        "barcelona: log call \"Video call with the counsellor\"\n"
    );
    assert_eq!(
        git(ws.root(), &["show", "--name-only", "--format=", "HEAD"]),
        "cities/barcelona.yaml\n"
    );
    // What the analyst had staged stays staged, uncommitted.
    assert_eq!(
        git(ws.root(), &["diff", "--cached", "--name-only"]),
        "notes.txt\n"
    );

    let add = run(
        &ws,
        &[
            "action",
            "add",
            "barcelona",
            "Send the proposal",
            "--owner",
            "joint",
            "--commit",
        ],
    );
    add.code(0);
    let id = add.stdout.trim().to_owned();
    assert_eq!(
        git(ws.root(), &["log", "-1", "--format=%s"]),
        format!("barcelona: action add {id} \"Send the proposal\"\n")
    );
    run(&ws, &["action", "done", "barcelona", &id, "--commit"]).code(0);
    assert_eq!(
        git(ws.root(), &["log", "-1", "--format=%s"]),
        format!("barcelona: action done {id}\n")
    );
    run(
        &ws,
        &[
            "readiness",
            "set",
            "barcelona",
            "branding",
            "met",
            "--commit",
        ],
    )
    .code(0);
    assert_eq!(
        git(ws.root(), &["log", "-1", "--format=%s"]),
        "barcelona: readiness branding met\n"
    );
    assert_eq!(
        git(ws.root(), &["status", "--porcelain", "--", "cities"]),
        ""
    );
}

#[test]
fn auto_commit_setting_commits_without_the_flag() {
    let ws = repository();
    ws.file("diplomat.yaml", "auto_commit: true\n");
    run(
        &ws,
        &["facilitator", "add", "barcelona", "--name", "Reza Karimi"],
    )
    .code(0);
    assert_eq!(
        git(ws.root(), &["log", "-1", "--format=%s"]),
        "barcelona: facilitator add reza-karimi\n"
    );
}

#[test]
fn without_the_flag_nothing_is_committed() {
    let ws = repository();
    run(&ws, &["log", "barcelona", "Call"]).code(0);
    assert_eq!(git(ws.root(), &["log", "-1", "--format=%s"]), "start\n");
    assert_eq!(
        git(ws.root(), &["status", "--porcelain", "--", "cities"]),
        " M cities/barcelona.yaml\n"
    );
}

#[test]
fn commit_outside_a_repository_saves_the_change_and_says_it_was_not_committed() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let run = run(&ws, &["log", "barcelona", "Call", "--commit"]);
    run.code(2)
        .stderr_has("saved, but it could not be committed");
    let text = String::from_utf8(ws.read_city("barcelona.yaml")).unwrap_or_default();
    assert!(text.contains("title: Call"), "{text}");
}
