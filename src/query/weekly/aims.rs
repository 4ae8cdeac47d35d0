//! The programme's six aims, tallied per dossier where it is loaded and summed after: the
//! report never needs every dossier at once.

use std::collections::BTreeSet;

use super::{Aim, Period};
use crate::model::Dossier;
use crate::model::vocab::{ContactRole, FacilitatorStatus, InteractionKind, RelationStatus, Stage};

/// One dossier's share of the aims for one period. Facilitators are kept by id: a person
/// serving two cities counts once.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    activated: bool,
    facilitators: Vec<String>,
    participants: Vec<String>,
    private_sector: u64,
    capacity: u64,
    diplomatic: u64,
}

impl Tally {
    pub fn of(d: &Dossier, p: Period, stale_after_days: u32) -> Tally {
        let stale = i64::from(stale_after_days);
        // Relations activated: an interaction within `stale_after_days` of the period's end,
        // or the relationship became active or reactivating during the period.
        let activated = d
            .interactions
            .iter()
            .any(|i| i.date <= p.to && i64::from((p.to - i.date).get_days()) <= stale)
            || d.relationship.history.iter().any(|h| {
                p.contains(h.date)
                    && matches!(
                        h.status,
                        RelationStatus::Active | RelationStatus::Reactivating
                    )
            });
        // Facilitators identified: active people who had joined by the period's end.
        let facilitators = d
            .facilitators
            .iter()
            .filter(|f| f.status == FacilitatorStatus::Active && f.since.is_none_or(|s| s <= p.to))
            .map(|f| f.id.clone())
            .collect();
        // Citizen participation: facilitators who took part in an interaction of the period.
        let ids: BTreeSet<&str> = d.facilitators.iter().map(|f| f.id.as_str()).collect();
        let participants = d
            .interactions
            .iter()
            .filter(|i| p.contains(i.date))
            .flat_map(|i| i.with.iter())
            .filter(|w| ids.contains(w.as_str()))
            .cloned()
            .collect();
        // Private-sector cooperation: opportunities that moved forward in the period (a stage
        // change in their history to a later stage of the pipeline, `lost` never counting).
        let private_sector = d
            .opportunities
            .iter()
            .filter(|o| {
                o.history.iter().enumerate().any(|(i, h)| {
                    let before = i.checked_sub(1).map(|b| o.history[b].stage);
                    p.contains(h.date)
                        && h.stage != Stage::Lost
                        && h.stage != Stage::Idea
                        && before.is_none_or(|b| b < h.stage && b != Stage::Lost)
                })
            })
            .count() as u64;
        // The Municipality's international capacity introduced: events and visits.
        let capacity = d
            .interactions
            .iter()
            .filter(|i| {
                p.contains(i.date)
                    && matches!(i.kind, InteractionKind::Event | InteractionKind::Visit)
            })
            .count() as u64;
        // The diplomatic apparatus and provincial bodies: interactions with embassy
        // counsellors or officials.
        let officials: BTreeSet<&str> = d
            .contacts
            .iter()
            .filter(|c| {
                matches!(
                    c.role,
                    ContactRole::EmbassyCounsellor | ContactRole::CityOfficial
                )
            })
            .map(|c| c.id.as_str())
            .collect();
        let diplomatic = d
            .interactions
            .iter()
            .filter(|i| p.contains(i.date) && i.with.iter().any(|w| officials.contains(w.as_str())))
            .count() as u64;
        Tally {
            activated,
            facilitators,
            participants,
            private_sector,
            capacity,
            diplomatic,
        }
    }
}

/// The period's and the previous period's tallies of one dossier.
pub type Tallies = [Tally; 2];

pub fn tallies(d: &Dossier, period: Period, stale_after_days: u32) -> Tallies {
    [
        Tally::of(d, period, stale_after_days),
        Tally::of(d, period.previous(), stale_after_days),
    ]
}

/// The six aims from every dossier's tallies.
pub fn sum<'a>(all: impl IntoIterator<Item = &'a Tallies>) -> Vec<Aim> {
    #[derive(Default)]
    struct Sum<'a> {
        activation: u64,
        facilitators: BTreeSet<&'a str>,
        participants: BTreeSet<&'a str>,
        private_sector: u64,
        capacity: u64,
        diplomatic: u64,
    }
    let mut sums: [Sum; 2] = Default::default();
    for tallies in all {
        for (sum, t) in sums.iter_mut().zip(tallies) {
            sum.activation += u64::from(t.activated);
            sum.facilitators
                .extend(t.facilitators.iter().map(String::as_str));
            sum.participants
                .extend(t.participants.iter().map(String::as_str));
            sum.private_sector += t.private_sector;
            sum.capacity += t.capacity;
            sum.diplomatic += t.diplomatic;
        }
    }
    let figures = |s: &Sum| {
        [
            s.activation,
            s.facilitators.len() as u64,
            s.participants.len() as u64,
            s.private_sector,
            s.capacity,
            s.diplomatic,
        ]
    };
    let [now, before] = &sums;
    [
        "activation",
        "facilitators",
        "participation",
        "private_sector",
        "capacity",
        "diplomatic",
    ]
    .into_iter()
    .zip(figures(now).into_iter().zip(figures(before)))
    .map(|(id, (value, previous))| Aim {
        id,
        value,
        previous: Some(previous),
    })
    .collect()
}

/// The programme's six aims, each for this period and the one before.
pub fn aims(dossiers: &[&Dossier], period: Period, stale_after_days: u32) -> Vec<Aim> {
    let all: Vec<Tallies> = dossiers
        .iter()
        .map(|d| tallies(d, period, stale_after_days))
        .collect();
    sum(&all)
}
