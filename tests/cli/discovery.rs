//! Finding the workspace (spec §1): `-C`, else `$DIPLOMAT_WORKSPACE`, else the nearest ancestor
//! holding `diplomat.yaml` or `cities/`; none: exit 2 and a hint at `diplomat init`.

use std::path::Path;

use crate::support::{BARCELONA, KAZAN, Run, Workspace, diplomat};

/// Whether some folder above `dir` (or `dir` itself) would be taken for a workspace.
fn inside_a_workspace(dir: &Path) -> bool {
    dir.ancestors()
        .any(|d| d.join("diplomat.yaml").is_file() || d.join("cities").is_dir())
}

fn slugs(run: &Run) -> Vec<String> {
    run.json()
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r["slug"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn no_workspace_is_exit_2_and_mentions_init() {
    let empty = tempfile::tempdir().unwrap();
    if inside_a_workspace(empty.path()) {
        eprintln!(
            "skipped: a folder above {} looks like a workspace",
            empty.path().display()
        );
        return;
    }
    let run = Run::of(
        "city list (no workspace)",
        diplomat().current_dir(empty.path()).args(["city", "list"]),
    );
    run.code(2).stderr_has("diplomat init");
    assert!(run.stdout.is_empty(), "{run}");
}

#[test]
fn workspace_flag_to_a_missing_folder_is_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let missing = empty.path().join("nowhere");
    Run::of(
        "-C nowhere city list",
        diplomat()
            .current_dir(empty.path())
            .arg("-C")
            .arg(&missing)
            .args(["city", "list"]),
    )
    .code(2)
    .stderr_has("nowhere");
}

#[test]
fn environment_variable_names_the_workspace() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let elsewhere = tempfile::tempdir().unwrap();
    let run = Run::of(
        "DIPLOMAT_WORKSPACE=… city list",
        diplomat()
            .current_dir(elsewhere.path())
            .env("DIPLOMAT_WORKSPACE", ws.root())
            .args(["city", "list", "--format", "json"]),
    );
    run.code(0).stderr_empty();
    assert_eq!(slugs(&run), ["barcelona"], "{run}");
}

#[test]
fn workspace_flag_wins_over_the_environment() {
    let one = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let two = Workspace::with(&[("kazan.yaml", KAZAN)]);
    let run = Run::of(
        "-C two city list",
        diplomat()
            .current_dir(one.root())
            .env("DIPLOMAT_WORKSPACE", one.root())
            .arg("-C")
            .arg(two.root())
            .args(["city", "list", "--format", "json"]),
    );
    run.code(0);
    assert_eq!(slugs(&run), ["kazan"], "{run}");
}

#[test]
fn found_from_a_subfolder() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let deep = ws.root().join("notes").join("2026").join("azar");
    std::fs::create_dir_all(&deep).unwrap();
    for dir in [deep.as_path(), &ws.root().join("cities")] {
        let run = Run::of(
            format!("city list (from {})", dir.display()),
            diplomat()
                .current_dir(dir)
                .args(["city", "list", "--format", "json"]),
        );
        run.code(0).stderr_empty();
        assert_eq!(slugs(&run), ["barcelona"], "{run}");
    }
}

#[test]
fn found_by_its_settings_file() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    // An inner workspace marked only by diplomat.yaml: the nearest one wins.
    ws.file("projects/inner/diplomat.yaml", "stale_after_days: 60\n");
    let inner = ws.root().join("projects").join("inner");
    let sub = inner.join("drafts");
    std::fs::create_dir_all(&sub).unwrap();
    let run = Run::of(
        "city list (inner workspace)",
        diplomat()
            .current_dir(&sub)
            .args(["city", "list", "--format", "json"]),
    );
    run.code(0).stderr_empty();
    assert_eq!(slugs(&run), Vec::<String>::new(), "{run}");
}

#[test]
fn nearest_workspace_wins() {
    let outer = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    outer.file("team/cities/kazan.yaml", KAZAN);
    let run = Run::of(
        "city list (nested workspace)",
        diplomat()
            .current_dir(outer.root().join("team").join("cities"))
            .args(["city", "list", "--format", "json"]),
    );
    run.code(0).stderr_empty();
    assert_eq!(slugs(&run), ["kazan"], "{run}");
}
