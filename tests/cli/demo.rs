//! The lived-in example workspace `examples/demo/`: every dossier valid and in the canonical
//! layout, and the README's quick-start command shows a report with content.
//!
//! Runs read commands on the folder in place, with `--no-cache` so the checkout stays clean.

use std::path::{Path, PathBuf};

use crate::support::{Run, diplomat};

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn demo() -> PathBuf {
    project().join("examples").join("demo")
}

fn run_in_project(args: &[&str]) -> Run {
    let mut cmd = diplomat();
    cmd.current_dir(project()).arg("--no-cache").args(args);
    Run::of(args.join(" "), &mut cmd)
}

#[test]
fn every_demo_dossier_is_valid_and_in_the_canonical_layout() {
    let demo = demo().display().to_string();
    let run = run_in_project(&["-C", &demo, "validate"]);
    run.code(0);
    let run = run_in_project(&["-C", &demo, "fmt", "--check"]);
    run.code(0);
    let cities = std::fs::read_dir(self::demo().join("cities"))
        .expect("examples/demo/cities")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .count();
    assert!((6..=8).contains(&cities), "{cities} demo cities");
}

#[test]
fn every_demo_dossier_says_it_is_illustrative() {
    for entry in std::fs::read_dir(demo().join("cities")).expect("examples/demo/cities") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a dossier");
        assert!(
            text.starts_with("# ILLUSTRATIVE EXAMPLE") && text.contains("invented"),
            "{} does not open with the illustrative warning",
            path.display()
        );
    }
    let readme = std::fs::read_to_string(demo().join("README.md")).expect("the demo README");
    assert!(readme.contains("**Illustrative only.**"));
}

/// The main command of the README's quick start, as a user would copy it: the first
/// `cargo run --release -- …` line of the section, without its comment.
fn quick_start_command() -> Vec<String> {
    let readme = std::fs::read_to_string(project().join("README.md")).expect("README.md");
    let section = readme
        .split("## Quick start")
        .nth(1)
        .expect("a Quick start section");
    let line = section
        .lines()
        .find(|l| l.trim_start().starts_with("cargo run --release -- "))
        .expect("a `cargo run --release -- …` line in the quick start");
    let command = line.split(" #").next().unwrap_or(line);
    command
        .trim()
        .trim_start_matches("cargo run --release -- ")
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_quick_start_command_runs_on_the_demo_and_shows_the_weeks_interactions() {
    let args = quick_start_command();
    assert!(
        args.windows(2)
            .any(|w| w[0] == "-C" && w[1] == "examples/demo"),
        "the quick start runs on the demo: {args:?}"
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run_in_project(&args);
    run.code(0);
    // Interactions of that week in the demo (one per line, whatever the report's layout).
    run.stdout_has("Video call with the embassy")
        .stdout_has("Online concert for the twinning")
        .stdout_has("Send the list of twelve restorers");
}

/// The demo (its dossiers and its pool) copied to a temporary folder outside any git
/// repository, so the brief does not depend on the project's own history.
pub(crate) fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("cities")).expect("cities/");
    std::fs::copy(
        demo().join("diplomat.yaml"),
        dir.path().join("diplomat.yaml"),
    )
    .expect("diplomat.yaml");
    // The pool of invented sign-ups, one of them in the brief's week.
    std::fs::copy(demo().join("pool.yaml"), dir.path().join("pool.yaml")).expect("pool.yaml");
    for entry in std::fs::read_dir(demo().join("cities")).expect("examples/demo/cities") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, dir.path().join("cities").join(name)).expect("a dossier");
    }
    dir
}

/// The brief of the demo's week of 2026-11-26, as `args` print it, isolates shown as `{FSI}`
/// and `{PDI}`.
fn brief(args: &[&str]) -> String {
    let dir = demo_copy();
    let mut cmd = diplomat();
    // Piped, as into a file: the Markdown whole (tests/cli/widths.rs has it on a terminal).
    cmd.current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .env_remove("COLUMNS")
        .args(["--no-cache"])
        .args(args)
        .args(["report", "weekly", "--date", "2026-11-26"]);
    let run = Run::of(args.join(" "), &mut cmd);
    run.code(0);
    // The isolates around text of the other direction, shown: a literal may not hold them.
    run.stdout
        .replace('\u{2068}', "{FSI}")
        .replace('\u{2069}', "{PDI}")
}

/// The brief a director reads: the aims, what stands out, each city's week, then what is owed.
#[test]
fn the_demo_brief_in_markdown() {
    insta::assert_snapshot!("demo_brief_markdown", brief(&[]));
}

/// The same brief in Persian, with Solar Hijri dates and Persian digits.
#[test]
fn the_demo_brief_in_persian() {
    insta::assert_snapshot!(
        "demo_brief_persian",
        brief(&["--lang", "fa", "--calendar", "jalali"])
    );
}

/// The brief's data: every key of the spec and the brief's own.
#[test]
fn the_demo_brief_in_json() {
    insta::assert_snapshot!("demo_brief_json", brief(&["--format", "json"]));
}

/// Issue 29: the demo's pool of invented sign-ups ranks for Xi'an, which has no active
/// facilitator, with reasons.
#[test]
fn the_demo_ranks_candidates_for_xian_with_reasons() {
    let demo = demo().display().to_string();
    let run = run_in_project(&["-C", &demo, "facilitator", "match", "xian", "--limit", "3"]);
    run.code(0);
    insta::assert_snapshot!("demo_match_xian", run.stdout);
    let pool = std::fs::read_to_string(self::demo().join("pool.yaml")).unwrap();
    assert!(
        pool.contains("INVENTED"),
        "the demo's pool says it is invented"
    );
}
