mod edit;
mod list;
mod new;
mod set;
mod show;

verbs! {
    pub enum CityCommand {
        /// One row per city: status, readiness, facilitators, last contact, actions.
        List(list::ListArgs),
        /// The whole dossier, readable.
        Show(show::ShowArgs),
        /// Start a new dossier from the template.
        New(new::NewArgs),
        /// Edit the dossier in your editor; saved only when valid.
        Edit(edit::EditArgs),
        /// Change the relationship: status (kept in its history), kind, signing date, representatives, sectors.
        Set(set::SetArgs),
    }
}
