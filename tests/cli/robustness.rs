//! The command line as a whole: clap's own consistency checks, a closed pipe, the shipped
//! workspace.

use crate::support::{Run, Workspace, diplomat, minimal};

#[test]
fn clap_definition_is_consistent() {
    use clap::CommandFactory;
    ::diplomat::cli::Cli::command().debug_assert();
}

#[test]
fn help_and_version_exit_0() {
    Run::of("--help", diplomat().arg("--help"))
        .code(0)
        .stdout_has("city");
    Run::of("--version", diplomat().arg("--version"))
        .code(0)
        .stdout_has("diplomat");
}

#[test]
fn unknown_flag_is_exit_2() {
    Run::of(
        "city list --bogus",
        diplomat().args(["city", "list", "--bogus"]),
    )
    .code(2)
    .stderr_has("--bogus");
}

/// 300 generated cities: the table is far larger than what a reader that went away would take.
fn many_cities() -> Workspace {
    let ws = Workspace::new();
    for i in 0..300 {
        let slug = format!("city-{i:03}");
        let en = format!("Generated City Number {i:03} of the Synthetic Portfolio");
        ws.city(
            &format!("{slug}.yaml"),
            minimal(&slug, &en, "شهر", "Stadt", "DE"),
        );
    }
    ws
}

fn closed_pipe(ws: &Workspace, args: &[&str]) {
    let mut child = crate::support::spawn_piped(ws, args);
    // The reader goes away before reading anything, like `| head -0`.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("the binary ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "`{}` into a closed pipe: {:?}, stderr:\n{stderr}",
        args.join(" "),
        output.status
    );
    assert!(
        stderr.is_empty(),
        "`{}` into a closed pipe printed on stderr:\n{stderr}",
        args.join(" ")
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    let ws = many_cities();
    closed_pipe(&ws, &["city", "list"]);
    closed_pipe(&ws, &["city", "list", "--format", "json"]);
    closed_pipe(&ws, &["check", "--format", "json"]);
}

#[test]
fn generated_workspace_lists_every_city() {
    let ws = many_cities();
    let run = ws.run(&["city", "list", "--format", "json"]);
    run.code(0).stderr_empty();
    assert_eq!(run.json().as_array().map(Vec::len), Some(300), "{run}");
    ws.run(&["validate"]).code(0).stdout_has("300 files valid");
}

#[test]
fn shipped_workspace_is_valid() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let run = Run::of(
        "-C <repo> validate",
        diplomat()
            .current_dir(repo)
            .arg("-C")
            .arg(repo)
            .arg("validate"),
    );
    run.code(0).stdout_has("valid");
}

#[test]
fn shipped_workspace_lists_without_warnings() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let run = Run::of(
        "-C <repo> city list",
        diplomat()
            .current_dir(repo)
            .arg("-C")
            .arg(repo)
            .args(["city", "list", "--format", "json"]),
    );
    run.code(0).stderr_empty();
    let slugs: Vec<String> = run
        .json()
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r["slug"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for city in ["barcelona", "xian", "kuala-lumpur", "saint-petersburg"] {
        assert!(slugs.iter().any(|s| s == city), "{city} missing\n{run}");
    }
}
