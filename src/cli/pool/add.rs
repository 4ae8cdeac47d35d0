use clap::Args;

use crate::change::candidate;
use crate::cli::person::NewPerson;
use crate::cli::write::{self, Doubt};
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::input;
use crate::model::Candidate;

/// Add a candidate: a citizen who offered to help and serves no city yet. Prints the id.
///
/// The id is made from the name unless `--id` gives one; it is the person's handle in every
/// city they come to serve, so it may not be a facilitator's already. `--interest` names the
/// cities they mentioned (slug or any of a city's names). `--signed-up` defaults to today.
/// E-mail and phone are private, and encrypted when the workspace encrypts contact details.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat pool add --name \"Li Wei\" --name-fa \"لی وی\" --language zh --language en --connection \"Studied in Xi'an\" --interest xian --source \"Chamber sign-up sheet, Azar 1405\"\n  diplomat pool add --name \"Neda Ahmadi\" --id neda-ahmadi-2 --language it --interest فلورانس --signed-up 1405/09/01"
)]
pub struct AddArgs {
    #[command(flatten)]
    person: NewPerson,
    /// A city they named (slug or any of its names; repeatable).
    #[arg(long = "interest", value_name = "CITY", add = crate::cli::city_completer())]
    interests: Vec<String>,
    /// Where the sign-up came from, e.g. "Chamber sign-up sheet, Azar 1405".
    #[arg(long, value_name = "T")]
    source: Option<String>,
    /// When they signed up (default today).
    #[arg(long, value_name = "DATE")]
    signed_up: Option<String>,
    /// Anything else worth knowing (may span lines).
    #[arg(long, value_name = "T")]
    notes: Option<String>,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let p = self.person.read()?;
        let given = self.signed_up.as_deref();
        let (signed_up, doubt) = write::dated(ctx, given, "--signed-up", Doubt::Future)?;
        let mut person = Candidate::new(&p.id, &p.name);
        person.name_fa = p.name_fa;
        person.languages = p.languages;
        person.expertise = p.expertise;
        person.connection = p.connection;
        person.contact = p.contact;
        person.source = input::opt_line(self.source, "--source")?;
        person.notes = self
            .notes
            .map(|t| input::free_text(&t, "--notes"))
            .transpose()?
            .filter(|t| !t.trim().is_empty());
        person.signed_up = Some(signed_up.unwrap_or(ctx.today));
        let ws = ctx.load()?;
        person.interests = super::interests(&ws, &self.interests)?;
        let applied = candidate::add(&write::writer_at(ctx, &ws.root), &ws, vec![person])?;
        for id in &applied.value {
            ctx.write(&format!("{id}\n"))?;
        }
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}
