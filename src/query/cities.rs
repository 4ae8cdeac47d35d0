//! `city list` rows and finding a city by any of its names.

use jiff::civil::Date;
use serde::Serialize;

use super::checklist::{Checklist, Context};
use crate::error::{Error, Result};
use crate::model::vocab::RelationStatus;
use crate::model::{Dossier, Names, PartialDate};
use crate::text::{fold, suggest};
use crate::workspace::Loaded;

/// One row of `city list`; its JSON shape is fixed by the spec.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CityRow {
    pub slug: String,
    pub name: Names,
    pub country: String,
    pub status: RelationStatus,
    pub signed: Option<PartialDate>,
    pub readiness: Score,
    pub active_facilitators: usize,
    pub last_contact: Option<Date>,
    pub open_actions: usize,
    pub overdue_actions: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    pub met: usize,
    pub total: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub status: Option<RelationStatus>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

impl Filter {
    fn keeps(&self, d: &Dossier) -> bool {
        self.status.is_none_or(|s| d.relationship.status == s)
            && self
                .country
                .as_ref()
                .is_none_or(|c| d.country.eq_ignore_ascii_case(c.trim()))
            && self
                .sector
                .as_ref()
                .is_none_or(|s| d.sectors.iter().any(|x| fold(x) == fold(s)))
    }
}

pub fn rows(
    dossiers: &[Loaded],
    filter: &Filter,
    checklist: &Checklist,
    ctx: Context,
) -> Vec<CityRow> {
    dossiers
        .iter()
        .map(|l| &l.dossier)
        .filter(|d| filter.keeps(d))
        .map(|d| {
            let check = checklist.evaluate(d, ctx);
            CityRow {
                slug: d.slug.clone(),
                name: d.name.clone(),
                country: d.country.clone(),
                status: d.relationship.status,
                signed: d.relationship.signed,
                readiness: Score {
                    met: check.met,
                    total: check.total,
                },
                active_facilitators: d.active_facilitators(),
                last_contact: d.last_contact(ctx.today),
                open_actions: d.open_actions().count(),
                overdue_actions: d.overdue_actions(ctx.today).count(),
            }
        })
        .collect()
}

/// Finds a city by slug or any of its names, folding case, diacritics and Persian/Arabic letter
/// variants, so `بارسلون`, `Barcelona` and `barcelona` find the same file.
pub fn find<'a>(dossiers: &'a [Loaded], query: &str) -> Result<&'a Loaded> {
    let wanted = fold(query);
    let matches = |l: &&Loaded| {
        let d = &l.dossier;
        fold(&d.slug) == wanted || d.name.all().any(|n| fold(n) == wanted)
    };
    if let Some(found) = dossiers.iter().find(matches) {
        return Ok(found);
    }
    let candidates: Vec<&str> = dossiers
        .iter()
        .flat_map(|l| std::iter::once(l.dossier.slug.as_str()).chain(l.dossier.name.all()))
        .collect();
    let mut near = suggest(query, candidates.iter().copied(), 6);
    // A slug and a name that fold alike are one suggestion.
    let mut seen = std::collections::HashSet::new();
    near.retain(|n| seen.insert(fold(n)));
    near.truncate(3);
    let mut en = format!("no city `{query}` in this workspace");
    let mut fa = format!("شهری به نام `{query}` در این فضای کار نیست");
    if near.is_empty() {
        en.push_str("\n  = help: `diplomat city list` shows every city");
        fa.push_str("\n  = راهنما: `diplomat city list` همهٔ شهرها را نشان می‌دهد");
    } else {
        let near: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
        en.push_str(&format!("\n  = help: did you mean {}?", near.join(" or ")));
        fa.push_str(&format!(
            "\n  = راهنما: منظورتان {} بود؟",
            near.join(" یا ")
        ));
    }
    Err(Error::said(en, fa))
}
