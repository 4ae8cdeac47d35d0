use clap::Args;

use super::set::{self, Change};
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
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
        let (ws, target) = write::load_target(ctx, &self.city)?;
        if !write::holds(&ws, &target.slug, write::Entry::Action, &self.id) {
            return Err(write::unknown_id(
                &ws,
                &target.slug,
                write::Entry::Action,
                &self.id,
            ));
        }
        let changed = set::apply(
            &target,
            &self.id,
            &Change {
                status: Some(ActionStatus::Done),
                due: None,
                owner: None,
                done: given,
                today: ctx.today,
            },
        )?;
        if changed.is_empty() {
            // Done already, and no other date given: the date it was done stays.
            let done = ws
                .dossiers
                .iter()
                .find(|l| l.path == target.path)
                .and_then(|l| l.dossier.actions.iter().find(|a| a.id == self.id))
                .and_then(|a| a.done)
                .unwrap_or(on);
            ctx.note(|lang: crate::lang::Lang| {
                let (id, slug) = (lang.code(&self.id), lang.code(&target.slug));
                let (on, flag) = (write::said_date(ctx, &target.root, done, lang), lang.code("--on"));
                say!(
                    lang,
                    "action {id} in {slug} was done already ({on}); nothing changed (give the right date with {flag})",
                    "اقدام {id} در {slug} پیش‌تر انجام شده بود ({on})؛ چیزی تغییر نکرد (تاریخ درست را با {flag} بدهید)"
                )
            });
            return Ok(Outcome::Ok);
        }
        write::warn_doubts(ctx, [doubt]);
        write::done(ctx, |lang: crate::lang::Lang| {
            let (id, slug) = (lang.code(&self.id), lang.code(&target.slug));
            let on = write::said_date(ctx, &target.root, on, lang);
            say!(
                lang,
                "action {id} in {slug} is done ({on})",
                "اقدام {id} در {slug} انجام شد ({on})"
            )
        });
        write::commit(
            ctx,
            &target.root,
            &[&target.path],
            &format!("{}: action done {}", target.slug, self.id),
        )?;
        Ok(Outcome::Ok)
    }
}
