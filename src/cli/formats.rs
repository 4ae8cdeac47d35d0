//! Which `--format` values each command draws. `--format` is global, so clap takes every value
//! for every command; one a command does not draw is refused before it runs (exit 2, naming
//! what it takes), never printed as something else.

use super::Command;
use super::action::ActionCommand;
use super::city::CityCommand;
use super::event::EventCommand;
use super::facilitator::FacilitatorCommand;
use super::keys::KeysCommand;
use super::opportunity::OpportunityCommand;
use super::pool::PoolCommand;
use crate::render::Format;

/// What a command prints no formatted output for: it writes, or prints one fixed thing.
const NONE: &[Format] = &[];

impl Command {
    /// The command's name and the formats it draws, for a command whose formats are fixed;
    /// `None` for one that decides by `-o` or its own rules (the lists, the reports, `city
    /// show`, `check`, `summary`, `search`, `diff`), and checks `--format` itself.
    pub(super) fn formats(&self) -> Option<(&'static str, &'static [Format])> {
        use Format::{Csv, Json, Table, Yaml};
        Some(match self {
            Command::City(CityCommand::List(_) | CityCommand::Show(_))
            | Command::Facilitator(FacilitatorCommand::List(_) | FacilitatorCommand::Match(_))
            | Command::Action(ActionCommand::List(_))
            | Command::Event(EventCommand::List(_))
            | Command::Agenda(_)
            | Command::Opportunity(OpportunityCommand::List(_))
            | Command::Pool(PoolCommand::List(_))
            | Command::Check(_)
            | Command::Summary(_)
            | Command::Search(_)
            | Command::Report(_)
            | Command::Diff(_) => return None,
            Command::Validate(_) => ("validate", &[Table, Json, Yaml]),
            Command::Keys(KeysCommand::List(_)) => ("keys list", &[Table, Json, Yaml, Csv]),
            Command::Schema(_) => ("schema", &[Json]),
            Command::City(CityCommand::New(_)) => ("city new", NONE),
            Command::City(CityCommand::Edit(_)) => ("city edit", NONE),
            Command::City(CityCommand::Set(_)) => ("city set", NONE),
            Command::Facilitator(FacilitatorCommand::Add(_)) => ("facilitator add", NONE),
            Command::Facilitator(FacilitatorCommand::Set(_)) => ("facilitator set", NONE),
            Command::Facilitator(FacilitatorCommand::Remove(_)) => ("facilitator remove", NONE),
            Command::Facilitator(FacilitatorCommand::Assign(_)) => ("facilitator assign", NONE),
            Command::Action(ActionCommand::Add(_)) => ("action add", NONE),
            Command::Action(ActionCommand::Done(_)) => ("action done", NONE),
            Command::Action(ActionCommand::Set(_)) => ("action set", NONE),
            Command::Event(EventCommand::Add(_)) => ("event add", NONE),
            Command::Event(EventCommand::Set(_)) => ("event set", NONE),
            Command::Event(EventCommand::Held(_)) => ("event held", NONE),
            Command::Opportunity(OpportunityCommand::Add(_)) => ("opportunity add", NONE),
            Command::Opportunity(OpportunityCommand::Set(_)) => ("opportunity set", NONE),
            Command::Contact(_) => ("contact", NONE),
            Command::Pool(PoolCommand::Add(_)) => ("pool add", NONE),
            Command::Pool(PoolCommand::Set(_)) => ("pool set", NONE),
            Command::Pool(PoolCommand::Remove(_)) => ("pool remove", NONE),
            Command::Log(_) => ("log", NONE),
            Command::Readiness(_) => ("readiness", NONE),
            Command::Review(_) => ("review", NONE),
            Command::Fmt(_) => ("fmt", NONE),
            Command::Import(_) => ("import", NONE),
            Command::Init(_) => ("init", NONE),
            Command::Keys(_) => ("keys", NONE),
            Command::Hook(_) => ("hook", NONE),
            Command::Completions(_) => ("completions", NONE),
            Command::Man(_) => ("man", NONE),
            Command::Resolve(_) => ("resolve", NONE),
            Command::MergeDriver(_) => ("merge-driver", NONE),
        })
    }
}
