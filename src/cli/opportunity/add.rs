use clap::Args;

use crate::cli::write::{self, Target};
use crate::cli::{Ctx, Outcome};
use crate::edit::{self, MapBuilder};
use crate::error::Result;
use crate::model::Opportunity;
use crate::model::vocab::{Owner, Stage};

/// Add a trade or investment opportunity; prints its new id.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat opportunity add barcelona \"Handicrafts showroom\" --sector handicrafts --lead chamber"
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    title: String,
    /// The sector, e.g. `tourism`, `handicrafts`.
    #[arg(long)]
    sector: String,
    #[arg(long, value_enum, default_value_t = Stage::Idea)]
    stage: Stage,
    /// Who leads it.
    #[arg(long, value_enum)]
    lead: Option<Owner>,
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
        let sector = write::non_empty(&self.sector, "--sector")?;
        let id = edit::change(&root, &path, lang, |draft| {
            let taken: Vec<&str> = draft
                .dossier
                .opportunities
                .iter()
                .map(|o| o.id.as_str())
                .collect();
            let id = edit::new_id("o", &taken);
            let mut item = MapBuilder::new()
                .plain("id", &id)
                .text("title", &title)
                .text("sector", &sector)
                .plain("stage", self.stage.slug());
            if let Some(lead) = self.lead {
                item = item.plain("lead", lead.slug());
            }
            draft.append("opportunities", item.build())?;
            // The first stage and its day, so `days_in_stage` counts from the start.
            let today = ctx.today;
            let map = draft.entry("opportunities", &id).ok_or_else(|| {
                crate::error::Error::internal(format!("cannot find `{id}` just added"))
            })?;
            let first = MapBuilder::new()
                .plain("stage", self.stage.slug())
                .opt_date("date", Some(today))
                .build();
            edit::fields::push_history(&map, crate::model::keys::opportunity::HISTORY, first)?;
            draft.dossier.opportunities.push(Opportunity {
                id: id.clone(),
                title: title.clone(),
                sector: sector.clone(),
                stage: self.stage,
                lead: self.lead,
                history: vec![crate::model::StageChange {
                    stage: self.stage,
                    date: today,
                    from: None,
                }],
            });
            Ok(id)
        })?;
        ctx.write(&format!("{id}\n"))?;
        write::done(ctx, |lang: crate::lang::Lang| {
            let (id, slug) = (lang.code(&id), lang.code(&slug));
            say!(
                lang,
                "added opportunity {id} to {slug}",
                "فرصت {id} به {slug} افزوده شد"
            )
        });
        write::commit(
            ctx,
            &root,
            &[&path],
            &format!("{slug}: opportunity add {id} {}", write::quoted(&title)),
        )?;
        Ok(Outcome::Ok)
    }
}
