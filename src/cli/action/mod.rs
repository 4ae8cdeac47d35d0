mod add;
mod done;
pub(crate) mod list;
mod set;

verbs! {
    pub enum ActionCommand {
        // The about text and help come from `list::ListArgs`'s doc comment.
        List(list::ListArgs),
        /// Add an action to a city's plan; prints its id.
        Add(add::AddArgs),
        /// Mark an action done.
        Done(done::DoneArgs),
        /// Change an action's status, due date or owner.
        Set(set::SetArgs),
    }
}
