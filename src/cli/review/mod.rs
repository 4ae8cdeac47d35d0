mod add;

verbs! {
    pub enum ReviewCommand {
        /// Add one at the end of the city's list.
        Add(add::AddArgs),
    }
}
