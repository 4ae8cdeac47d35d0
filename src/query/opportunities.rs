//! `opportunity list`: the pipeline of trade and investment opportunities across cities.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::Dossier;
use crate::model::vocab::{Owner, Stage};
use crate::text::lookup_key;

/// One row of `opportunity list`; its JSON shape is fixed by the spec.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpportunityRow {
    /// The city's slug.
    pub city: String,
    pub id: String,
    pub title: String,
    pub sector: String,
    pub stage: Stage,
    pub lead: Option<Owner>,
    /// Since when it is at its stage, when its history says.
    pub since: Option<Date>,
    /// Days from `since` to today.
    pub days_in_stage: Option<i32>,
}

/// Which opportunities to list. `city` is a slug (resolve names with [`super::cities::find`]).
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub city: Option<String>,
    /// Any of these stages (all when empty).
    pub stages: Vec<Stage>,
    /// The sector, matched as names are (case, diacritics).
    pub sector: Option<String>,
    pub lead: Option<Owner>,
}

/// The opportunities matching `filter`, down the pipeline (idea first), then by city and id.
pub fn rows<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    filter: &Filter,
    today: Date,
) -> Vec<OpportunityRow> {
    let sector = filter.sector.as_deref().map(lookup_key);
    let mut rows: Vec<OpportunityRow> = dossiers
        .into_iter()
        .filter(|d| filter.city.as_ref().is_none_or(|c| *c == d.slug))
        .flat_map(|d| d.opportunities.iter().map(move |o| (d, o)))
        .filter(|(_, o)| filter.stages.is_empty() || filter.stages.contains(&o.stage))
        .filter(|(_, o)| sector.as_ref().is_none_or(|s| lookup_key(&o.sector) == *s))
        .filter(|(_, o)| filter.lead.is_none() || o.lead == filter.lead)
        .map(|(d, o)| {
            let since = o.since();
            OpportunityRow {
                city: d.slug.clone(),
                id: o.id.clone(),
                title: o.title.clone(),
                sector: o.sector.clone(),
                stage: o.stage,
                lead: o.lead,
                since,
                days_in_stage: since
                    .map(|s| (today - s).get_days())
                    .filter(|days| *days >= 0),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.stage, &a.city, &a.id).cmp(&(b.stage, &b.city, &b.id)));
    rows
}
