//! The portfolio at a glance: counts, and the cities × requirements matrix.

use std::collections::BTreeMap;

use serde::Serialize;

use super::checklist::{Checklist, Context};
use crate::model::vocab::{
    FacilitatorStatus, ReadinessStatus, RelationKind, RelationStatus, Requirement, Stage,
};
use crate::workspace::Loaded;

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// The programme's six aims this week, against the week before.
    pub aims: Vec<super::weekly::Aim>,
    pub cities: usize,
    pub by_status: Vec<Count<RelationStatus>>,
    pub by_kind: Vec<Count<RelationKind>>,
    pub facilitators: Vec<Count<FacilitatorStatus>>,
    pub cities_without_active_facilitator: usize,
    pub open_actions: usize,
    pub overdue_actions: usize,
    pub opportunities: Vec<Count<Stage>>,
    /// Cities with an interaction within `stale_after_days`.
    pub recently_contacted: usize,
    pub matrix: Vec<MatrixRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Count<T> {
    pub value: T,
    pub count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatrixRow {
    pub slug: String,
    pub requirements: BTreeMap<Requirement, ReadinessStatus>,
    pub met: usize,
    pub total: usize,
}

fn counts<T: Copy + PartialEq>(
    all: &[T],
    values: impl Iterator<Item = T> + Clone,
) -> Vec<Count<T>> {
    all.iter()
        .map(|&value| Count {
            value,
            count: values.clone().filter(|v| *v == value).count(),
        })
        .collect()
}

pub fn summarize(dossiers: &[Loaded], checklist: &Checklist, ctx: Context) -> Summary {
    let ds: Vec<_> = dossiers.iter().map(|l| &l.dossier).collect();
    // One person serving several cities counts once.
    let mut people: Vec<(&str, FacilitatorStatus)> = ds
        .iter()
        .flat_map(|d| d.facilitators.iter().map(|f| (f.id.as_str(), f.status)))
        .collect();
    people.sort();
    people.dedup_by_key(|(id, _)| *id);
    let matrix = ds
        .iter()
        .map(|d| {
            let check = checklist.evaluate(d, ctx);
            MatrixRow {
                slug: d.slug.clone(),
                requirements: Requirement::ALL
                    .iter()
                    .map(|&r| {
                        (
                            r,
                            d.readiness
                                .get(r)
                                .map_or(ReadinessStatus::Unknown, |a| a.status),
                        )
                    })
                    .collect(),
                met: check.met,
                total: check.total,
            }
        })
        .collect();
    let stale = i64::from(ctx.stale_after_days);
    Summary {
        aims: Vec::new(),
        cities: ds.len(),
        by_status: counts(
            RelationStatus::ALL,
            ds.iter().map(|d| d.relationship.status),
        ),
        by_kind: counts(RelationKind::ALL, ds.iter().map(|d| d.relationship.kind)),
        facilitators: counts(FacilitatorStatus::ALL, people.iter().map(|(_, s)| *s)),
        cities_without_active_facilitator: ds
            .iter()
            .filter(|d| d.active_facilitators() == 0)
            .count(),
        open_actions: ds.iter().map(|d| d.open_actions().count()).sum(),
        overdue_actions: ds
            .iter()
            .map(|d| d.overdue_actions(ctx.today).count())
            .sum(),
        opportunities: counts(
            Stage::ALL,
            ds.iter()
                .flat_map(|d| d.opportunities.iter().map(|o| o.stage)),
        ),
        recently_contacted: ds
            .iter()
            .filter(|d| {
                d.last_contact(ctx.today)
                    .is_some_and(|l| i64::from((ctx.today - l).get_days()) <= stale)
            })
            .count(),
        matrix,
    }
}
