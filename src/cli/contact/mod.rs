mod add;
mod remove;
mod set;

verbs! {
    pub enum ContactCommand {
        /// Add one at the end of the city's list.
        Add(add::AddArgs),
        /// Change a contact's name, role, organization, languages or contact details.
        Set(set::SetArgs),
        /// Remove a contact no interaction or review names.
        Remove(remove::RemoveArgs),
    }
}
