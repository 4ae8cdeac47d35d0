//! `diplomat pool …`: the citizens who offered to help and serve no city yet (`pool.yaml`).

mod add;
mod list;
mod remove;
mod set;

use crate::error::Result;
use crate::query::cities;
use crate::workspace::Workspace;

verbs! {
    /// The pool of candidates: citizens who signed up and serve no city yet.
    pub enum PoolCommand {
        /// Add a candidate to the pool; prints the id.
        Add(add::AddArgs),
        /// Change a candidate: name, languages, expertise, connection, interests, contact details.
        Set(set::SetArgs),
        /// Remove a candidate from the pool.
        Remove(remove::RemoveArgs),
        // The about text and help come from `list::ListArgs`'s doc comment.
        List(list::ListArgs),
    }
}

/// `--interest CITY`…: each city found by slug or any of its names (an unknown one refused
/// with the nearest names), kept as its slug, each once, in the order given.
fn interests(ws: &Workspace, given: &[String]) -> Result<Vec<String>> {
    let mut slugs: Vec<String> = Vec::new();
    for query in given {
        let slug = &cities::find_in(ws, query)?.dossier.slug;
        if !slugs.contains(slug) {
            slugs.push(slug.clone());
        }
    }
    Ok(slugs)
}
