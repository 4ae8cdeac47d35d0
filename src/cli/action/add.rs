use clap::Args;

use crate::cli::write::{self, Target};
use crate::cli::{Ctx, Outcome};
use crate::edit::{self, MapBuilder};
use crate::error::Result;
use crate::model::Action;
use crate::model::vocab::{ActionStatus, Owner};

/// Add an action to the city's joint plan; prints its new id.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat action add barcelona \"Send the exhibition proposal\" --owner joint --due 1405/09/24\n  id=$(diplomat action add kazan \"Name the chamber's representative\" --owner chamber)"
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// What is to be done.
    title: String,
    /// Who carries it.
    #[arg(long, value_enum)]
    owner: Owner,
    /// When it is due.
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let Target {
            root,
            path,
            slug,
            lang,
        } = write::target(ctx, &self.city)?;
        let title = write::non_empty(&self.title, "the title")?;
        let due = write::opt_date(ctx, self.due.as_deref(), "--due")?;
        let doubt = self.due.as_deref().zip(due).and_then(|(given, due)| {
            write::doubt(ctx, "--due", given, due, write::Doubt::LongPast)
        });
        let id = edit::change(&root, &path, lang, |draft| {
            let taken: Vec<&str> = draft
                .dossier
                .actions
                .iter()
                .map(|a| a.id.as_str())
                .collect();
            let id = edit::new_id("a", &taken);
            let item = MapBuilder::new()
                .plain("id", &id)
                .text("title", &title)
                .plain("owner", self.owner.slug())
                .opt_date("due", due)
                .plain("status", ActionStatus::Open.slug())
                .build();
            draft.append("actions", item)?;
            draft.dossier.actions.push(Action {
                id: id.clone(),
                title: title.clone(),
                owner: self.owner,
                due,
                status: ActionStatus::Open,
                done: None,
            });
            Ok(id)
        })?;
        ctx.write(&format!("{id}\n"))?;
        write::warn_doubts(ctx, [doubt]);
        write::done(ctx, |lang: crate::lang::Lang| {
            let (id, slug) = (lang.code(&id), lang.code(&slug));
            say!(
                lang,
                "added action {id} to {slug}",
                "اقدام {id} به {slug} افزوده شد"
            )
        });
        write::commit(
            ctx,
            &root,
            &[&path],
            &format!("{slug}: action add {id} {}", write::quoted(&title)),
        )?;
        Ok(Outcome::Ok)
    }
}
