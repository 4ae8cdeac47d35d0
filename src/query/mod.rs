//! Pure functions from a loaded workspace to the views the commands print.

pub mod actions;
pub mod agenda;
pub mod brief;
pub mod checklist;
pub mod cities;
pub mod diff;
pub mod events;
pub mod facilitators;
pub mod followups;
pub mod matching;
pub mod opportunities;
pub mod pool;
pub mod renewals;
pub mod roadmap;
pub mod search;
pub mod shortlist;
pub mod summary;
pub mod weekly;
