//! What a terminal shows: isolates balanced on every line (never printed as escapes).
//!
//! Runs read commands on `examples/demo` in place, with `--no-cache` so the checkout stays
//! clean.

use std::path::{Path, PathBuf};

use crate::support::{Run, diplomat};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("demo")
}

/// `diplomat -C examples/demo --no-cache ARGS…`.
fn run_on_demo(args: &[&str]) -> Run {
    let demo = demo();
    let mut cmd = diplomat();
    cmd.current_dir(&demo)
        .arg("-C")
        .arg(&demo)
        .arg("--no-cache")
        .args(args);
    Run::of(args.join(" "), &mut cmd)
}

/// The demo's slugs, from its files.
fn demo_slugs() -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(demo().join("cities"))
        .expect("examples/demo/cities")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            (path.extension()? == "yaml").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    slugs.sort();
    slugs
}

/// A multi-line text of the other direction (a review's outcome, a relationship's notes) is
/// isolated line by line: no dossier of the demo shows an escape, in either language, on the
/// page or in its review brief, and every line's isolates are balanced.
#[test]
fn every_demo_dossier_shows_no_escape() {
    let slugs = demo_slugs();
    assert!(slugs.len() >= 6, "{slugs:?}");
    for slug in &slugs {
        for lang in ["fa", "en"] {
            for args in [
                &["--lang", lang, "city", "show", slug][..],
                &["--lang", lang, "report", "review", slug],
            ] {
                let run = run_on_demo(args);
                run.code(0).stdout_lacks("\\u{");
                for line in run.stdout.lines() {
                    let opened = line.matches('\u{2068}').count();
                    let closed = line.matches('\u{2069}').count();
                    assert_eq!(opened, closed, "`{}`: {line:?}\n{run}", args.join(" "));
                }
            }
        }
    }
}
