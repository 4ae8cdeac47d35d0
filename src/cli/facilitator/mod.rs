mod add;
mod assign;
mod list;
mod r#match;
pub(crate) mod remove;
pub(crate) mod set;

verbs! {
    pub enum FacilitatorCommand {
        // The about text and help come from `list::ListArgs`'s doc comment.
        List(list::ListArgs),
        /// Add a facilitator to a city; prints the id.
        Add(add::AddArgs),
        /// Change a facilitator's name, status, languages, expertise or contact details.
        Set(set::SetArgs),
        /// Remove a facilitator no interaction or review names.
        Remove(remove::RemoveArgs),
        /// Who could serve a city: candidates and facilitators ranked, with reasons.
        Match(r#match::MatchArgs),
        /// Take on a candidate of the pool, or a facilitator of another city, for a city.
        Assign(assign::AssignArgs),
    }
}
