mod add;
mod held;
mod list;
mod set;

verbs! {
    pub enum EventCommand {
        // Each verb's about text and help come from its `Args`' doc comment.
        List(list::ListArgs),
        Add(add::AddArgs),
        Set(set::SetArgs),
        Held(held::HeldArgs),
    }
}
