mod add;
mod list;
mod set;

verbs! {
    pub enum OpportunityCommand {
        // The about text and help come from `list::ListArgs`'s doc comment.
        List(list::ListArgs),
        /// Add one at the end of the city's list.
        Add(add::AddArgs),
        /// Move an opportunity to another stage, or change its lead, sector or title.
        Set(set::SetArgs),
    }
}
