//! Integration tests of the `diplomat` binary: every test runs the real program on a temporary
//! workspace, with a cleared environment and a fixed date (see `support`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod changes;
mod checklist;
mod commit;
mod csv_import;
mod demo;
mod discovery;
mod email;
mod errors;
mod events;
mod fuzz_regressions;
mod hostile;
mod keys;
mod links;
mod lists;
mod located;
mod lookup;
mod merge;
mod merge_comments;
mod output;
mod output_targets;
mod parallel_commit;
mod persian;
mod persian_more;
mod records;
mod reports;
mod resilience;
mod robustness;
mod search;
mod setup;
mod spreadsheets;
mod stderr;
mod support;
mod team;
mod writes;
