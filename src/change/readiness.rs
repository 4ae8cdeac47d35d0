//! The programme's six requirements: `readiness set`, one assessment at a time.

use jiff::civil::Date;
use yaml_edit::Mapping;

use super::{Applied, Fields, Target, Writer, said};
use crate::edit::{self, MapBuilder};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::Assessment;
use crate::model::registry::{self, assessment, dossier};
use crate::model::vocab::{ReadinessStatus, Requirement};

/// An assessment of one requirement; the evidence stays as it was unless given.
pub struct Set {
    pub requirement: Requirement,
    pub status: ReadinessStatus,
    pub evidence: Option<String>,
    pub assessed: Date,
}

pub fn set(w: &Writer, target: &Target, change: &Set) -> Result<Applied> {
    let key = registry::requirement(change.requirement);
    edit::change(&w.root, &target.path, w.lang, |draft| {
        let section = match draft.root.get_mapping(dossier::READINESS.name) {
            Some(section) => section,
            None => {
                draft.root.set_with_field_order(
                    dossier::READINESS.name,
                    Mapping::new(),
                    dossier::READINESS.order.iter().copied(),
                );
                draft
                    .root
                    .get_mapping(dossier::READINESS.name)
                    .ok_or_else(|| Error::internal("cannot create `readiness`"))?
            }
        };
        let slot = draft.model.readiness.slot_mut(change.requirement);
        let evidence = change
            .evidence
            .clone()
            .or(slot.as_ref().and_then(|p| p.evidence.clone()));
        match section.get_mapping(key.name) {
            Some(item) => {
                let mut now = slot.clone().unwrap_or(Assessment {
                    status: change.status,
                    evidence: None,
                    assessed: None,
                });
                let mut fields = Fields::new(item);
                fields.vocab(assessment::STATUS, &mut now.status, Some(change.status));
                fields.opt_text(
                    assessment::EVIDENCE,
                    &mut now.evidence,
                    change.evidence.clone().map(Some).as_ref(),
                );
                fields.date(
                    assessment::ASSESSED,
                    &mut now.assessed,
                    Some(change.assessed),
                );
                *slot = Some(now);
            }
            None => {
                let item = MapBuilder::new()
                    .vocab(assessment::STATUS, change.status)
                    .opt_text(assessment::EVIDENCE, evidence.as_deref())
                    .date(assessment::ASSESSED, change.assessed)
                    .build();
                section.set_with_field_order(key.name, item, key.order.iter().copied());
                *slot = Some(Assessment {
                    status: change.status,
                    evidence,
                    assessed: Some(change.assessed),
                });
            }
        }
        Ok(())
    })?;
    let (slug, status, requirement) = (target.slug.as_str(), change.status, change.requirement);
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let slug = lang.code(slug);
            match lang {
                Lang::En => format!("{slug}: {} is now {status}", requirement.slug()),
                Lang::Fa => format!(
                    "{slug}: «{}» اکنون {} است",
                    requirement.label(lang),
                    status.label(lang)
                ),
            }
        }),
        message: format!("{slug}: readiness {} {status}", requirement.slug()),
        value: (),
    })
}
