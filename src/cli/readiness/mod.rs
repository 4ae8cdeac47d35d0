mod set;

verbs! {
    pub enum ReadinessCommand {
        /// Assess one of the six requirements for a city.
        Set(set::SetArgs),
    }
}
