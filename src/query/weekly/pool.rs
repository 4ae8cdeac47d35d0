//! The pool in the weekly report (issue 29): who signed up in the period, and which of the
//! facilitators who began in it came from the pool.
//!
//! A dossier does not say where a facilitator came from (`facilitator assign` moves the
//! candidate's fields, not their sign-up), so the pool's git history tells: a facilitator whose
//! `since` falls in the period is *assigned from the pool* when their id was a candidate of
//! `pool.yaml` as committed when the period began, or as a commit of the period left it.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Serialize;

use super::{Newcomer, Period};
use crate::model::Pool;
use crate::model::vocab::FacilitatorStatus;

/// The pool's part of the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PoolWeek {
    /// Candidates whose `signed_up` falls in the period, by date then id: those in the pool
    /// now, and those who left it since (the pool's committed versions of the period).
    pub sign_ups: Vec<SignUp>,
    /// Facilitators who began in the period and were candidates of the pool, by date then
    /// city; empty when git cannot tell (`history`).
    pub assigned: Vec<Assigned>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SignUp {
    pub id: String,
    pub name: String,
    pub name_fa: Option<String>,
    pub signed_up: Date,
    pub source: Option<String>,
    /// Whether they are in the pool now (false: a city took them on, or they were removed).
    pub in_pool: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assigned {
    pub city: String,
    pub id: String,
    pub name: String,
    pub name_fa: Option<String>,
    pub status: FacilitatorStatus,
    pub since: Date,
}

impl PoolWeek {
    /// The pool's week from the pool as it is (`now`), its committed versions of the period
    /// (`versions`, `None` when git cannot tell) and the facilitators who began in it.
    /// `None` when there is no pool to speak of: no `pool.yaml` now or in the period.
    pub fn of(
        now: Option<&Pool>,
        versions: Option<&[Pool]>,
        newcomers: &[Newcomer],
        period: Period,
    ) -> Option<PoolWeek> {
        if now.is_none() && versions.is_none_or(<[Pool]>::is_empty) {
            return None;
        }
        let current: HashSet<&str> = now
            .into_iter()
            .flat_map(|p| p.candidates.iter().map(|c| c.id.as_str()))
            .collect();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut sign_ups: Vec<SignUp> = Vec::new();
        let every = now
            .into_iter()
            .chain(versions.into_iter().flatten())
            .flat_map(|p| &p.candidates);
        for c in every {
            let Some(signed_up) = c.signed_up.filter(|d| period.contains(*d)) else {
                continue;
            };
            if !seen.insert(&c.id) {
                continue;
            }
            sign_ups.push(SignUp {
                id: c.id.clone(),
                name: c.name.clone(),
                name_fa: c.name_fa.clone(),
                signed_up,
                source: c.source.clone(),
                in_pool: current.contains(c.id.as_str()),
            });
        }
        sign_ups.sort_by(|a, b| (a.signed_up, &a.id).cmp(&(b.signed_up, &b.id)));
        let was: HashSet<&str> = versions
            .into_iter()
            .flatten()
            .flat_map(|p| p.candidates.iter().map(|c| c.id.as_str()))
            .collect();
        let mut assigned: Vec<Assigned> = newcomers
            .iter()
            .filter(|n| was.contains(n.id.as_str()) && !current.contains(n.id.as_str()))
            .map(|n| Assigned {
                city: n.city.clone(),
                id: n.id.clone(),
                name: n.name.clone(),
                name_fa: n.name_fa.clone(),
                status: n.status,
                since: n.since,
            })
            .collect();
        assigned.sort_by(|a, b| (a.since, &a.city, &a.id).cmp(&(b.since, &b.city, &b.id)));
        Some(PoolWeek { sign_ups, assigned })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Candidate;
    use jiff::civil::date;

    fn candidate(id: &str, signed_up: Date) -> Candidate {
        Candidate {
            signed_up: Some(signed_up),
            ..Candidate::new(id, id)
        }
    }

    fn newcomer(city: &str, id: &str, since: Date) -> Newcomer {
        Newcomer {
            city: city.to_owned(),
            id: id.to_owned(),
            name: id.to_owned(),
            name_fa: None,
            status: FacilitatorStatus::Prospective,
            since,
        }
    }

    #[test]
    fn sign_ups_of_the_period_and_the_candidates_who_left_for_a_city() {
        let period = Period {
            from: date(2026, 11, 21),
            to: date(2026, 11, 27),
        };
        let now = Pool {
            candidates: vec![
                candidate("new-here", date(2026, 11, 24)),
                candidate("older", date(2026, 10, 1)),
            ],
            ..Pool::default()
        };
        // At the period's start, then after a commit of it that added `came-and-went`.
        let versions = [
            Pool {
                candidates: vec![
                    candidate("came-and-went", date(2026, 11, 22)),
                    candidate("older", date(2026, 10, 1)),
                    candidate("moved", date(2026, 9, 1)),
                ],
                ..Pool::default()
            },
            Pool {
                candidates: vec![
                    candidate("older", date(2026, 10, 1)),
                    candidate("moved", date(2026, 9, 1)),
                ],
                ..Pool::default()
            },
        ];
        let newcomers = [
            newcomer("xian", "moved", date(2026, 11, 25)),
            newcomer("kazan", "came-and-went", date(2026, 11, 23)),
            newcomer("kazan", "by-hand", date(2026, 11, 23)),
        ];
        let week =
            PoolWeek::of(Some(&now), Some(&versions), &newcomers, period).unwrap_or_default();
        let ids = |s: &[SignUp]| {
            s.iter()
                .map(|s| (s.id.clone(), s.in_pool))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(&week.sign_ups),
            vec![("came-and-went".into(), false), ("new-here".into(), true)]
        );
        let assigned: Vec<(&str, &str)> = week
            .assigned
            .iter()
            .map(|a| (a.city.as_str(), a.id.as_str()))
            .collect();
        assert_eq!(
            assigned,
            vec![("kazan", "came-and-went"), ("xian", "moved")]
        );
        // Without git, sign-ups from the pool as it is, nobody known as assigned.
        let week = PoolWeek::of(Some(&now), None, &newcomers, period).unwrap_or_default();
        assert_eq!(ids(&week.sign_ups), vec![("new-here".into(), true)]);
        assert!(week.assigned.is_empty());
        assert_eq!(PoolWeek::of(None, None, &newcomers, period), None);
    }
}
