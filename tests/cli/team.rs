//! Two organisations over git: the merge driver registered by `hook install` and `init`,
//! `resolve` on a conflicted working tree, `diff` against known commits, and the weekly
//! report's account of what each commit changed.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use crate::support::{Workspace, minimal};

/// PATH with the binary's folder first: git runs `diplomat` by name, as on an analyst's machine.
pub fn path_with_diplomat() -> std::ffi::OsString {
    let bin = assert_cmd::cargo::cargo_bin("diplomat");
    let dir = bin.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut paths = vec![dir];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// `git ARGS` in `dir` with no user or system configuration; its output.
pub fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env_clear()
        .env("PATH", path_with_diplomat())
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Analyst")
        .env("GIT_AUTHOR_EMAIL", "analyst@example.org")
        .env("GIT_COMMITTER_NAME", "Analyst")
        .env("GIT_COMMITTER_EMAIL", "analyst@example.org")
        .env("GIT_AUTHOR_DATE", "2026-11-25T10:00:00")
        .env("GIT_COMMITTER_DATE", "2026-11-25T10:00:00")
        .env("DIPLOMAT_TODAY", crate::support::TODAY)
        .output()
        .expect("git runs")
}

pub fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const LYON: &str = "slug: lyon\nname:\n  en: Lyon\n  fa: لیون\n  local: Lyon\ncountry: FR\nrelationship:\n  kind: sister-city\n  status: dormant\n# the Chamber's contact, met in 2025\nfacilitators:\n  - id: sara\n    name: Sara Ahmadi\n    status: active\n    contact:\n      email: sara@example.org\nreadiness:\n  branding:\n    status: unknown\ninteractions:\n  - date: 2026-11-01\n    kind: call\n    title: First call\n";

/// A repository with `cities/lyon.yaml` committed on `main`.
fn repo() -> Workspace {
    let ws = Workspace::with(&[("lyon.yaml", LYON)]);
    git_ok(ws.root(), &["init", "-q", "-b", "main"]);
    git_ok(ws.root(), &["add", "cities"]);
    git_ok(ws.root(), &["commit", "-q", "-m", "lyon"]);
    ws
}

/// Each branch logs a meeting and changes something else; returns nothing, leaves `main`
/// checked out with `chamber` to merge.
fn two_branches(ws: &Workspace, ours_status: &str, theirs_status: &str) {
    let root = ws.root();
    git_ok(root, &["checkout", "-q", "-b", "chamber"]);
    ws.run(&[
        "log",
        "lyon",
        "Chamber call",
        "--kind",
        "call",
        "--date",
        "2026-11-20",
    ])
    .code(0);
    ws.run(&["readiness", "set", "lyon", "branding", theirs_status])
        .code(0);
    git_ok(root, &["commit", "-q", "-am", "chamber"]);
    git_ok(root, &["checkout", "-q", "main"]);
    ws.run(&[
        "log",
        "lyon",
        "Municipality meeting",
        "--kind",
        "meeting",
        "--date",
        "2026-11-21",
    ])
    .code(0);
    ws.run(&["readiness", "set", "lyon", "branding", ours_status])
        .code(0);
    git_ok(root, &["commit", "-q", "-am", "municipality"]);
}

fn lyon(ws: &Workspace) -> String {
    String::from_utf8(ws.read_city("lyon.yaml")).unwrap()
}

#[test]
fn hook_install_registers_the_merge_driver_and_git_merge_uses_it() {
    let ws = repo();
    let run = crate::support::Run::of(
        "hook install",
        ws.cmd(["hook", "install"])
            .env("PATH", path_with_diplomat()),
    );
    run.code(0);
    let attributes = std::fs::read_to_string(ws.root().join(".gitattributes")).unwrap();
    assert!(
        attributes.contains("cities/*.yaml merge=diplomat"),
        "{attributes}"
    );
    let driver = git_ok(ws.root(), &["config", "merge.diplomat.driver"]);
    assert!(
        driver.contains("diplomat merge-driver %O %A %B %P"),
        "{driver}"
    );
    // Once more changes nothing.
    ws.run(&["hook", "install"]).code(0);
    assert_eq!(
        std::fs::read_to_string(ws.root().join(".gitattributes")).unwrap(),
        attributes
    );
    git_ok(ws.root(), &["add", ".gitattributes"]);
    git_ok(ws.root(), &["commit", "-q", "-m", "attributes"]);

    two_branches(&ws, "partial", "partial");
    let out = git(ws.root(), &["merge", "-q", "-m", "merge", "chamber"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = lyon(&ws);
    assert!(text.contains("title: Chamber call") && text.contains("title: Municipality meeting"));
    assert!(text.contains("# the Chamber's contact, met in 2025"));
    let chamber = text.find("Chamber call").unwrap();
    assert!(
        chamber < text.find("Municipality meeting").unwrap(),
        "date order:\n{text}"
    );
    ws.run(&["validate"]).code(0);
}

#[test]
fn rebase_uses_the_registered_driver_too() {
    let ws = repo();
    ws.cmd(["hook", "install"])
        .env("PATH", path_with_diplomat())
        .assert()
        .success();
    two_branches(&ws, "met", "met");
    git_ok(ws.root(), &["checkout", "-q", "chamber"]);
    let out = git(ws.root(), &["rebase", "-q", "main"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = lyon(&ws);
    assert!(text.contains("Chamber call") && text.contains("Municipality meeting"));
    ws.run(&["validate"]).code(0);
}

#[test]
fn init_in_a_repository_registers_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    git_ok(dir.path(), &["init", "-q", "-b", "main"]);
    let ws_dir: PathBuf = dir.path().join("work");
    crate::support::diplomat()
        .current_dir(dir.path())
        .args(["init", "work"])
        .assert()
        .success();
    let attributes = std::fs::read_to_string(ws_dir.join(".gitattributes")).unwrap();
    assert!(attributes.contains("cities/*.yaml text eol=lf merge=diplomat"));
    let driver = git_ok(dir.path(), &["config", "merge.diplomat.driver"]);
    assert!(driver.contains("diplomat merge-driver"));
}

/// A merge made without the driver (a forge's web merge, a fresh clone) conflicts on the
/// appended interactions; `resolve` merges it by structure.
#[test]
fn resolve_merges_a_conflicted_working_tree() {
    let ws = repo();
    two_branches(&ws, "partial", "partial");
    let out = git(ws.root(), &["merge", "-q", "-m", "merge", "chamber"]);
    assert!(!out.status.success(), "git's line merge conflicts");
    let conflicted = ws.read_city("lyon.yaml");
    assert!(String::from_utf8_lossy(&conflicted).contains("<<<<<<<"));
    // validate points to resolve
    ws.run(&["validate"]).code(1).stdout_has("diplomat resolve");

    let check = ws.run(&["resolve", "--check"]);
    check
        .code(0)
        .stdout_has("`cities/lyon.yaml` merges cleanly");
    assert_eq!(
        ws.read_city("lyon.yaml"),
        conflicted,
        "--check changes nothing"
    );

    ws.run(&["resolve"])
        .code(0)
        .stdout_has("resolved `cities/lyon.yaml`");
    let text = lyon(&ws);
    assert!(!text.contains("<<<<<<<"));
    assert!(text.contains("Chamber call") && text.contains("Municipality meeting"));
    assert!(git_ok(ws.root(), &["ls-files", "-u"]).is_empty(), "staged");
    ws.run(&["validate"]).code(0);
    git_ok(ws.root(), &["commit", "-q", "-m", "merged"]);
    ws.run(&["resolve"])
        .code(0)
        .stderr_has("no conflicted dossiers");
}

/// In the middle of a merge the dossier does not read, yet `diff` by the city's name still
/// finds it (by the names written in the file) and says it cannot be read, not "no city".
#[test]
fn diff_by_name_finds_a_conflicted_dossier() {
    let ws = repo();
    two_branches(&ws, "partial", "partial");
    let out = git(ws.root(), &["merge", "-q", "-m", "merge", "chamber"]);
    assert!(!out.status.success(), "git's line merge conflicts");
    let run = ws.run(&["diff", "Lyon"]);
    run.code(0)
        .stdout_has("lyon: cannot be read")
        .stderr_has("diplomat resolve");
    assert!(!run.stderr.contains("no city"), "{run}");
}

/// A mistyped city is an error with the closest names, as everywhere else, not an empty diff
/// that reads as "no changes"; a city deleted since the commit still has its history.
#[test]
fn diff_of_a_mistyped_city_says_so_and_of_a_deleted_one_shows_it() {
    let ws = repo();
    ws.run(&["diff", "HEAD", "lyonn"])
        .code(2)
        .stderr_has("lyonn")
        .stderr_has("lyon");
    std::fs::remove_file(ws.root().join("cities/lyon.yaml")).unwrap();
    ws.run(&["diff", "HEAD", "lyon"]).code(0).stdout_has("lyon");
}

#[test]
fn resolve_leaves_only_the_real_conflict_marked() {
    let ws = repo();
    two_branches(&ws, "met", "unmet");
    assert!(
        !git(ws.root(), &["merge", "-q", "-m", "merge", "chamber"])
            .status
            .success()
    );
    ws.run(&["resolve", "--check"])
        .code(1)
        .stdout_has("keeps 1 conflict");
    ws.run(&["resolve"]).code(1);
    let text = lyon(&ws);
    let marked = text
        .split("<<<<<<< ours\n")
        .nth(1)
        .and_then(|rest| rest.split(">>>>>>> theirs\n").next())
        .unwrap();
    // The assessment is one unit: its date (the same on both sides) is inside too.
    assert_eq!(
        marked,
        "    status: met\n    assessed: 2026-11-26\n=======\n    status: unmet\n    assessed: 2026-11-26\n"
    );
    assert_eq!(text.matches("<<<<<<<").count(), 1);
    // both interactions are in, outside the conflict
    assert!(text.contains("Chamber call") && text.contains("Municipality meeting"));
    assert!(
        !git_ok(ws.root(), &["ls-files", "-u"]).is_empty(),
        "left unmerged"
    );
}

/// A conflicted file the analyst has started on by hand (one conflict taken, a comment added)
/// is not rewritten from git's three versions: that work would be lost. `git checkout -m`
/// gives git's version back, which `resolve` then merges.
#[test]
fn resolve_keeps_a_file_edited_since_the_merge() {
    let ws = repo();
    two_branches(&ws, "met", "unmet");
    assert!(
        !git(ws.root(), &["merge", "-q", "-m", "merge", "chamber"])
            .status
            .success()
    );
    let path = ws.root().join("cities/lyon.yaml");
    let edited = format!("# agreed with the chamber on 5 December\n{}", lyon(&ws));
    std::fs::write(&path, &edited).unwrap();
    for args in [&["resolve", "--check"][..], &["resolve"]] {
        ws.run(args)
            .code(1)
            .stdout_has("was edited since git left it")
            .stdout_has("git checkout -m -- cities/lyon.yaml");
        assert_eq!(lyon(&ws), edited);
    }
    git_ok(ws.root(), &["checkout", "-m", "--", "cities/lyon.yaml"]);
    ws.run(&["resolve"]).code(1).stdout_has("keeps 1 conflict");
    assert_eq!(lyon(&ws).matches("<<<<<<<").count(), 1);
}

/// Git's markers in any conflict style count as git's, not as edits.
#[test]
fn resolve_takes_every_conflict_style_as_git_left_it() {
    for style in ["diff3", "zdiff3"] {
        let ws = repo();
        two_branches(&ws, "met", "unmet");
        git_ok(ws.root(), &["config", "merge.conflictStyle", style]);
        assert!(
            !git(ws.root(), &["merge", "-q", "-m", "merge", "chamber"])
                .status
                .success()
        );
        assert!(lyon(&ws).contains("|||||||"), "{style}");
        ws.run(&["resolve"]).code(1).stdout_has("keeps 1 conflict");
    }
    // A style given for that merge alone, and wider markers set for the files.
    let ws = repo();
    two_branches(&ws, "met", "unmet");
    std::fs::write(
        ws.root().join(".git/info/attributes"),
        "*.yaml conflict-marker-size=10\n",
    )
    .unwrap();
    assert!(
        !git(
            ws.root(),
            &[
                "-c",
                "merge.conflictStyle=diff3",
                "merge",
                "-q",
                "-m",
                "merge",
                "chamber"
            ]
        )
        .status
        .success()
    );
    assert!(lyon(&ws).contains("<<<<<<<<<<"), "{}", lyon(&ws));
    ws.run(&["resolve"]).code(1).stdout_has("keeps 1 conflict");
}

#[test]
fn diff_says_what_changed_between_known_commits() {
    let ws = repo();
    ws.run(&[
        "log",
        "lyon",
        "Embassy visit",
        "--kind",
        "visit",
        "--date",
        "2026-11-24",
    ])
    .code(0);
    ws.run(&[
        "readiness",
        "set",
        "lyon",
        "branding",
        "partial",
        "--evidence",
        "Logo shared",
    ])
    .code(0);
    ws.run(&[
        "action",
        "add",
        "lyon",
        "Send the proposal",
        "--owner",
        "joint",
    ])
    .code(0);
    // working folder against HEAD
    let run = ws.run(&["diff"]);
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert_eq!(lines[0], "lyon: readiness.branding unknown → partial");
    assert_eq!(lines[1], "lyon: readiness.branding evidence “Logo shared”");
    assert!(
        lines[2].starts_with("lyon: added action a-") && lines[2].ends_with("“Send the proposal”")
    );
    assert_eq!(lines[3], "lyon: logged visit “Embassy visit” on 2026-11-24");

    git_ok(ws.root(), &["commit", "-q", "-am", "week"]);
    let id = lines[2].split_whitespace().nth(3).unwrap().to_owned();
    ws.run(&["action", "done", "lyon", &id]).code(0);
    // a facilitator's e-mail changes: said, never shown
    let text = lyon(&ws).replace("sara@example.org", "sara.a@example.org");
    ws.city("lyon.yaml", text);
    git_ok(ws.root(), &["commit", "-q", "-am", "done"]);

    let run = ws.run(&["diff", "HEAD~1..HEAD"]);
    run.code(0);
    assert_eq!(
        run.stdout,
        format!("lyon: facilitator sara: e-mail changed\nlyon: action {id} done\n")
    );
    assert!(!run.stdout.contains("example.org"));
    let json = ws.run(&["diff", "HEAD~2", "lyon", "--format", "json"]);
    json.code(0);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 5);
    assert_eq!(
        rows[0],
        json!({"city": "lyon", "change": "facilitator sara: e-mail changed"})
    );
    // another city named: nothing of Lyon's
    ws.city(
        "dakar.yaml",
        minimal("dakar", "Dakar", "داکار", "Dakar", "SN"),
    );
    let run = ws.run(&["diff", "dakar"]);
    run.code(0);
    assert_eq!(run.stdout, "dakar: new dossier\n");
}

#[test]
fn diff_and_the_weekly_changes_speak_persian() {
    let ws = repo();
    ws.run(&[
        "log",
        "lyon",
        "Embassy visit",
        "--kind",
        "visit",
        "--date",
        "2026-11-24",
    ])
    .code(0);
    ws.run(&["readiness", "set", "lyon", "branding", "met"])
        .code(0);
    git_ok(ws.root(), &["commit", "-q", "-am", "lyon: visit"]);
    let iso = |s: &str| format!("\u{2068}{s}\u{2069}");
    let run = ws.run(&["--lang", "fa", "diff", "HEAD~1"]);
    run.code(0);
    assert_eq!(
        run.stdout,
        format!(
            "{lyon}: آمادگی «برندسازی و تبلیغات» از نامعلوم به برآورده\n{lyon}: ثبت بازدید «{title}» در {date}\n",
            lyon = iso("lyon"),
            title = iso("Embassy visit"),
            date = iso("2026-11-24"),
        )
    );
    // JSON carries the bare text; the report's Markdown the Persian separator.
    let json = ws.run(&["--lang", "fa", "diff", "HEAD~1", "--format", "json"]);
    assert!(!json.stdout.contains('\u{2068}'), "{}", json.stdout);
    ws.run(&["--lang", "fa", "report", "weekly", "--commits"])
        .code(0)
        .stdout_has("آمادگی «برندسازی و تبلیغات» از نامعلوم به برآورده؛ ");
}

#[test]
fn diff_ignores_layout_and_needs_a_repository() {
    let ws = repo();
    // re-indented and a comment added: the same data
    let text = lyon(&ws).replace("  - id: sara", "  # ours\n  - id: sara");
    ws.city("lyon.yaml", text);
    ws.run(&["diff"]).code(0);
    assert_eq!(ws.run(&["diff"]).stdout, "");
    let plain = Workspace::with(&[("lyon.yaml", LYON)]);
    plain
        .run(&["diff"])
        .code(2)
        .stderr_has("is not in a git repository");
    ws.run(&["diff", "no-such-rev..HEAD"])
        .code(2)
        .stderr_has("`no-such-rev` is not a commit");
}

#[test]
fn weekly_report_says_what_each_commit_changed() {
    let ws = repo();
    ws.run(&[
        "log",
        "lyon",
        "Embassy visit",
        "--kind",
        "visit",
        "--date",
        "2026-11-24",
    ])
    .code(0);
    git_ok(ws.root(), &["commit", "-q", "-am", "lyon: visit"]);
    let run = ws.run(&["report", "weekly", "--format", "json"]);
    run.code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let first = &report["changes"][0];
    assert_eq!(first["subject"], "lyon: visit");
    assert_eq!(
        first["details"],
        json!(["lyon: logged visit “Embassy visit” on 2026-11-24"])
    );
    let markdown = ws.run(&["report", "weekly", "--commits"]);
    markdown
        .code(0)
        .stdout_has("lyon: logged visit “Embassy visit” on 2026-11-24");
}
