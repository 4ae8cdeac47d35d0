use clap::Args;
use yaml_edit::Mapping;

use crate::cli::write::{self, Target};
use crate::cli::{Ctx, Outcome};
use crate::edit;
use crate::error::{Error, Result};
use crate::model::Assessment;
use crate::model::vocab::{ReadinessStatus, Requirement};

/// Assess one requirement: its status, the evidence and the date of the assessment.
///
/// The evidence is replaced when given; the assessment date defaults to today.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat readiness set barcelona communication partial --evidence \"Monthly call since October\""
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// One of the programme's six requirements.
    #[arg(value_enum)]
    requirement: Requirement,
    #[arg(value_enum)]
    status: ReadinessStatus,
    /// What the assessment rests on.
    #[arg(long, value_name = "TEXT")]
    evidence: Option<String>,
    /// When it was assessed (default today).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let Target {
            root,
            path,
            slug,
            lang,
        } = write::target(ctx, &self.city)?;
        let assessed = write::opt_date(ctx, self.date.as_deref(), "--date")?.unwrap_or(ctx.today);
        let doubt = self
            .date
            .as_deref()
            .and_then(|given| write::doubt(ctx, "--date", given, assessed, write::Doubt::Future));
        let new_evidence = write::opt_line(self.evidence.clone(), "--evidence")?;
        let key = self.requirement.slug();
        edit::change(&root, &path, lang, |draft| {
            let previous = draft.dossier.readiness.get(self.requirement).cloned();
            let evidence = new_evidence.clone().or(previous.and_then(|p| p.evidence));
            *draft.dossier.readiness.slot_mut(self.requirement) = Some(Assessment {
                status: self.status,
                evidence: evidence.clone(),
                assessed: Some(assessed),
            });
            let section = match draft.root.get_mapping("readiness") {
                Some(section) => section,
                None => {
                    draft.root.set_with_field_order(
                        "readiness",
                        Mapping::new(),
                        crate::model::keys::DOSSIER.iter().copied(),
                    );
                    draft
                        .root
                        .get_mapping("readiness")
                        .ok_or_else(|| Error::Other(anyhow::anyhow!("cannot create `readiness`")))?
                }
            };
            let order = crate::model::keys::ASSESSMENT;
            match section.get_mapping(key) {
                Some(item) => {
                    item.set_with_field_order(
                        "status",
                        yaml_edit::ScalarValue::plain(self.status.slug()),
                        order.iter().copied(),
                    );
                    if let Some(e) = &new_evidence {
                        item.set_with_field_order("evidence", edit::text(e), order.iter().copied());
                    }
                    item.set_with_field_order(
                        "assessed",
                        edit::date(assessed),
                        order.iter().copied(),
                    );
                }
                None => {
                    let item = edit::MapBuilder::new()
                        .plain("status", self.status.slug())
                        .opt_text("evidence", evidence.as_deref())
                        .opt_date("assessed", Some(assessed))
                        .build();
                    let order: Vec<&str> = Requirement::ALL.iter().map(|r| r.slug()).collect();
                    section.set_with_field_order(key, item, order);
                }
            }
            Ok(())
        })?;
        write::warn_doubts(ctx, [doubt]);
        write::done(ctx, |lang: crate::lang::Lang| {
            let slug = lang.code(&slug);
            match lang {
                crate::lang::Lang::En => format!("{slug}: {key} is now {}", self.status),
                crate::lang::Lang::Fa => format!(
                    "{slug}: «{}» اکنون {} است",
                    Requirement::from_slug(key).map_or(key, |r| r.label(lang)),
                    self.status.label(lang)
                ),
            }
        });
        write::commit(
            ctx,
            &root,
            &[&path],
            &format!("{slug}: readiness {key} {}", self.status),
        )?;
        Ok(Outcome::Ok)
    }
}
