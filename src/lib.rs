//! `diplomat`: case files of Isfahan's sister cities for the Citizen Diplomat programme.
//!
//! The layers, each using only those below it (see `docs/architecture.md`):
//! - `cli`: the command line — clap types, parsing, printing; nothing else.
//! - `change` (with `edit`, `layout`, `merge`, `crypto`): everything that writes a dossier.
//! - `query`: pure reads, workspace → views; `render`: every output format of a view.
//! - `workspace` (files, cache, templates), `model` (the dossier and its registry of keys),
//!   `yaml`, `spreadsheet`, `calendar`, `text`, `i18n`, `problem`, `error`, `git` (every git process).
//!
//! The library never prints; `cli` handlers write what `query` and `render` return.

// First, so that `say!` is in scope in every module below.
#[macro_use]
pub mod i18n;
pub mod calendar;
pub mod change;
pub mod cli;
pub mod crypto;
pub mod edit;
pub mod error;
pub mod git;
pub mod input;
pub mod layout;
pub mod merge;
pub mod model;
pub mod problem;
pub mod query;
pub mod render;
pub mod spreadsheet;
pub mod text;
pub mod workspace;
pub mod yaml;
