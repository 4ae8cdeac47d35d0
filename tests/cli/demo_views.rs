//! What every read command and report prints on `examples/demo`, whole, in English and in
//! Persian (Solar Hijri dates), at 100 columns: one snapshot each, so a wrong line beside the
//! right word fails (issue 27). The terminal widths of issue 26 have their own tests.
//!
//! Runs on the folder in place, with `--no-cache` so the checkout stays clean.

use std::path::Path;

use crate::support::{Run, diplomat};

/// `args` on the demo in `lang`: stdout, then stderr if anything was said there, and the exit
/// code when it is not 0.
fn view(lang: &str, args: &[&str]) -> String {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let mut cmd = diplomat();
    cmd.env("COLUMNS", "100")
        .arg("--no-cache")
        .arg("-C")
        .arg(&demo)
        .args(["--lang", lang]);
    if lang == "fa" {
        cmd.args(["--calendar", "jalali"]);
    }
    cmd.args(args);
    let run = Run::of(args.join(" "), &mut cmd);
    let mut out = run.stdout.clone();
    if !run.stderr.is_empty() {
        out.push_str("--- stderr\n");
        out.push_str(&run.stderr);
    }
    if run.code != Some(0) {
        out.push_str(&format!("--- exit {:?}\n", run.code));
    }
    out
}

macro_rules! views {
    ($($name:ident: [$($arg:expr),+];)+) => {
        $(
            #[test]
            fn $name() {
                for lang in ["en", "fa"] {
                    let shown = view(lang, &[$($arg),+]);
                    insta::assert_snapshot!(format!("{}_{lang}", stringify!($name)), shown);
                }
            }
        )+
    };
}

views! {
    city_list: ["city", "list"];
    city_show_kazan: ["city", "show", "kazan"];
    check_all: ["check"];
    summary: ["summary"];
    facilitator_list: ["facilitator", "list"];
    facilitator_gaps: ["facilitator", "list", "--gaps"];
    action_list: ["action", "list"];
    event_list: ["event", "list"];
    opportunity_list: ["opportunity", "list"];
    pool_list: ["pool", "list"];
    search_halal: ["search", "halal"];
    match_xian: ["facilitator", "match", "xian", "--limit", "4"];
    report_weekly: ["report", "weekly", "--date", "2026-11-26"];
    report_roadmap: ["report", "roadmap"];
    report_review_barcelona: ["report", "review", "barcelona"];
}
