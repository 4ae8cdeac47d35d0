//! `diplomat`: case files of Isfahan's sister cities for the Citizen Diplomat programme.
//!
//! The library never prints; `cli` handlers write what the `query` and `render` modules return.

// First, so that `say!` is in scope in every module below.
#[macro_use]
pub mod lang;
pub mod cache;
pub mod calendar;
pub mod change;
pub mod cli;
pub mod crypto;
pub mod diag;
pub mod edit;
pub mod error;
pub mod fmt;
pub mod history;
pub mod import;
pub mod load;
pub mod merge;
pub mod model;
pub mod query;
pub mod render;
pub mod templates;
pub mod text;
pub mod workspace;
pub mod yaml;
