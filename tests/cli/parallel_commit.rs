//! `--commit` from many commands at once: each commit holds exactly the change its command
//! made, under its own message; none fails for git's index lock.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use crate::commit::{IDENTITY, git};
use crate::support::{BARCELONA, FLORENCE, Workspace, hermetic_env};

/// The title a run adds, and the words its commit message ends with.
fn title(i: usize) -> String {
    format!("Parallel change {i:02}")
}

#[test]
fn parallel_writes_with_commit_each_commit_exactly_their_own_change() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA), ("florence.yaml", FLORENCE)]);
    git(ws.root(), &["init", "-q"]);
    git(ws.root(), &["add", "."]);
    git(ws.root(), &["commit", "-q", "-m", "start"]);
    // Something the analyst staged stays staged, in none of the commits.
    ws.file("notes.txt", "staged, not part of any dossier change\n");
    git(ws.root(), &["add", "notes.txt"]);
    let start = git(ws.root(), &["rev-parse", "HEAD"]).trim().to_owned();

    let bin = assert_cmd::cargo::cargo_bin("diplomat");
    const RUNS: usize = 30;
    let children: Vec<_> = (0..RUNS)
        .map(|i| {
            let city = if i % 3 == 0 { "florence" } else { "barcelona" };
            let title = title(i);
            let args: Vec<&str> = match i % 2 {
                0 => vec![
                    "action", "add", city, &title, "--owner", "joint", "--commit",
                ],
                _ => vec!["log", city, &title, "--kind", "call", "--commit"],
            };
            let mut cmd = Command::new(&bin);
            cmd.env_clear()
                .envs(hermetic_env())
                .env("HOME", ws.root())
                .envs(IDENTITY.iter().copied())
                .current_dir(ws.root())
                .arg("-C")
                .arg(ws.root())
                .args(&args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            (i, city, cmd.spawn().expect("diplomat starts"))
        })
        .collect();
    let mut expected = Vec::new();
    for (i, city, child) in children {
        let out = child.wait_with_output().expect("diplomat ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "run {i}: {stderr}");
        assert!(stderr.contains("committed: "), "run {i}: {stderr}");
        expected.push((i, city));
    }

    let commits: Vec<String> = git(ws.root(), &["rev-list", &format!("{start}..HEAD")])
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(commits.len(), RUNS, "one commit per run");
    let mut seen = BTreeSet::new();
    for commit in &commits {
        let subject = git(ws.root(), &["log", "-1", "--format=%s", commit]);
        let files = git(
            ws.root(),
            &["diff-tree", "--no-commit-id", "--name-only", "-r", commit],
        );
        // The lines the commit adds that name a run's title: exactly its own.
        let diff = git(ws.root(), &["show", "--format=", "-U0", commit]);
        let titles: Vec<&str> = diff
            .lines()
            .filter(|l| l.starts_with('+') && l.contains("Parallel change"))
            .collect();
        let removed = diff
            .lines()
            .filter(|l| l.starts_with('-') && !l.starts_with("---"))
            .count();
        let (i, city) = expected
            .iter()
            .find(|(i, _)| subject.contains(&format!("\"{}\"", title(*i))))
            .unwrap_or_else(|| panic!("{commit}: {subject:?} names no run"));
        assert!(subject.starts_with(&format!("{city}: ")), "{subject}");
        assert_eq!(files, format!("cities/{city}.yaml\n"), "{subject}");
        assert_eq!(titles.len(), 1, "{subject}:\n{diff}");
        assert!(titles[0].ends_with(&title(*i)), "{subject}:\n{diff}");
        assert_eq!(removed, 0, "{subject} removes lines:\n{diff}");
        assert!(seen.insert(*i), "{subject} twice");
    }
    // The dossiers are as committed; the staged file is still staged, uncommitted.
    assert_eq!(
        git(ws.root(), &["status", "--porcelain", "--", "cities"]),
        ""
    );
    assert_eq!(
        git(ws.root(), &["diff", "--cached", "--name-only"]),
        "notes.txt\n"
    );
    let barcelona = String::from_utf8(ws.read_city("barcelona.yaml")).unwrap();
    let florence = String::from_utf8(ws.read_city("florence.yaml")).unwrap();
    for (i, city) in &expected {
        let text = if *city == "florence" {
            &florence
        } else {
            &barcelona
        };
        assert!(text.contains(&title(*i)), "{city} lacks {}", title(*i));
    }
}

#[test]
fn a_commit_that_cannot_be_made_says_the_change_is_saved_uncommitted() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    git(ws.root(), &["init", "-q"]);
    git(ws.root(), &["add", "."]);
    git(ws.root(), &["commit", "-q", "-m", "start"]);
    // A merge in progress: a commit now would conclude it.
    std::fs::write(
        ws.root().join(".git/MERGE_HEAD"),
        git(ws.root(), &["rev-parse", "HEAD"]),
    )
    .unwrap();
    let mut cmd = ws.cmd([
        "action",
        "add",
        "barcelona",
        "Call",
        "--owner",
        "joint",
        "--commit",
    ]);
    cmd.env("HOME", ws.root()).envs(IDENTITY.iter().copied());
    let run = crate::support::Run::of("action add --commit", &mut cmd);
    run.code(2);
    assert_eq!(
        run.stderr.lines().last().unwrap_or_default(),
        "error: the change is saved, but it could not be committed: a merge is in progress in git; finish it, then commit the dossier"
    );
    assert!(String::from_utf8_lossy(&ws.read_city("barcelona.yaml")).contains("title: Call"));
    assert_eq!(git(ws.root(), &["rev-list", "--count", "HEAD"]), "1\n");
}
