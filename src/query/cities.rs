//! `city list` rows and finding a city by any of its names.

use jiff::civil::Date;
use serde::Serialize;

use super::checklist::{Checklist, Context};
use crate::error::{Error, Hint, Result};
use crate::lang::Lang;
use crate::model::vocab::RelationStatus;
use crate::model::{Dossier, Names, PartialDate};
use crate::text::{fold, lookup_key, suggest};
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

/// Finds a city by slug or any of its names, folding case, diacritics, Persian/Arabic letter
/// variants, bidi controls and the ZWNJ or space between a name's parts ([`lookup_key`]), so
/// `بارسلون`, `Barcelona` and `barcelona` find the same file.
pub fn find<'a>(dossiers: &'a [Loaded], query: &str) -> Result<&'a Loaded> {
    let wanted = lookup_key(query);
    let matches = |l: &&Loaded| {
        let d = &l.dossier;
        lookup_key(&d.slug) == wanted || d.name.all().any(|n| lookup_key(n) == wanted)
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
    let error = Error::usage(|lang: Lang| {
        let city = lang.code(query);
        say!(
            lang,
            "no city {city} in this workspace",
            "شهری به نام {city} در این فضای کار نیست"
        )
    });
    Err(if near.is_empty() {
        error.hint(|lang: Lang| {
            let list = lang.code("diplomat city list");
            say!(
                lang,
                "{list} shows every city",
                "{list} همهٔ شهرها را نشان می‌دهد"
            )
        })
    } else {
        error.with_hint(Hint::DidYouMean(
            near.iter().map(|n| n.to_string()).collect(),
        ))
    })
}
