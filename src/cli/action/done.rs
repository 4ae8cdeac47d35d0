use clap::Args;

use crate::change::{Entry, action};
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::vocab::ActionStatus;

/// Mark an action done, with the date it was done.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat action done barcelona a-7k2m\n  diplomat action done barcelona a-7k2m --on yesterday"
)]
pub struct DoneArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The action's id.
    id: String,
    /// When it was done (default today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

impl DoneArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let given = write::opt_date(ctx, self.on.as_deref(), "--on")?;
        let on = given.unwrap_or(ctx.today);
        let doubt = self
            .on
            .as_deref()
            .and_then(|given| write::doubt(ctx, "--on", given, on, write::Doubt::Future));
        let (_, target) = write::load_entry(ctx, &self.city, Entry::Action, &self.id)?;
        let change = action::Set {
            status: Some(ActionStatus::Done),
            due: None,
            owner: None,
            done: given,
        };
        let mut applied = action::set(&write::writer(ctx, &target), &target, &self.id, &change)?;
        let done = applied.value.action.done.unwrap_or(on);
        let (id, slug) = (self.id.as_str(), target.slug.as_str());
        let said_on = |lang: Lang| write::said_date(ctx, done, lang);
        applied.said = match applied.changed() {
            // Done already, and no other date given: the date it was done stays.
            false => crate::i18n::both(|lang: Lang| {
                let (id, slug, on, flag) = (
                    lang.code(id),
                    lang.code(slug),
                    said_on(lang),
                    lang.code("--on"),
                );
                say!(
                    lang,
                    "action {id} in {slug} was done already ({on}); nothing changed (give the right date with {flag})",
                    "اقدام {id} در {slug} پیش‌تر انجام شده بود ({on})؛ چیزی تغییر نکرد (تاریخ درست را با {flag} بدهید)"
                )
            }),
            true => crate::i18n::both(|lang: Lang| {
                let (id, slug, on) = (lang.code(id), lang.code(slug), said_on(lang));
                say!(
                    lang,
                    "action {id} in {slug} is done ({on})",
                    "اقدام {id} در {slug} انجام شد ({on})"
                )
            }),
        };
        applied.message = format!("{slug}: action done {id}");
        write::finish(ctx, &applied, [doubt])?;
        Ok(Outcome::Ok)
    }
}
