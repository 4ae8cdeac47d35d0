//! The best candidates of many cities at once (`check`'s reason for an unmet
//! `active-facilitators` rule, `facilitator list --gaps`): each city ranked as `facilitator
//! match` ranks it ([`matching::rank`]), against only the people who speak one of its
//! languages — found in an index made once, so a thousand cities and a pool of ten thousand
//! cost a look-up each, not a thousand rankings of everyone.

use std::collections::HashMap;

use crate::model::languages::primary;
use crate::model::{Dossier, Pool};
use crate::query::matching::{self, Ask, Needs, Ranking};

/// Who speaks what, across the workspace's dossiers and its pool.
pub struct Shortlist<'a> {
    dossiers: Vec<&'a Dossier>,
    pool: &'a Pool,
    /// Per language (primary subtag): the pool's candidates who speak it, by index.
    candidates: HashMap<String, Vec<usize>>,
    /// Per language: the people of the dossiers who speak it, by id.
    facilitators: HashMap<String, Vec<&'a str>>,
    /// Per person: the dossiers whose facilitators they are, by index.
    serving: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Shortlist<'a> {
    pub fn new(dossiers: impl IntoIterator<Item = &'a Dossier>, pool: &'a Pool) -> Self {
        let dossiers: Vec<&Dossier> = dossiers.into_iter().collect();
        let mut candidates: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in pool.candidates.iter().enumerate() {
            for l in &c.languages {
                let list = candidates.entry(primary(l).into_owned()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let mut facilitators: HashMap<String, Vec<&str>> = HashMap::new();
        let mut serving: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, d) in dossiers.iter().enumerate() {
            for f in &d.facilitators {
                serving.entry(&f.id).or_default().push(i);
                for l in &f.languages {
                    let list = facilitators.entry(primary(l).into_owned()).or_default();
                    if !list.contains(&f.id.as_str()) {
                        list.push(&f.id);
                    }
                }
            }
        }
        Shortlist {
            dossiers,
            pool,
            candidates,
            facilitators,
            serving,
        }
    }

    /// `city` ranked against those who speak one of its languages (as `facilitator match
    /// CITY` would rank them, its tally of them only): best first, none when nobody does.
    pub fn rank(&self, city: &Dossier) -> Ranking {
        let needs = Needs::of(city, &Ask::default());
        let mut pool = Pool::default();
        let mut taken: Vec<usize> = Vec::new();
        let mut places: Vec<usize> = Vec::new();
        for code in &needs.languages {
            for &i in self.candidates.get(code).into_iter().flatten() {
                if !taken.contains(&i) {
                    taken.push(i);
                }
            }
            for id in self.facilitators.get(code).into_iter().flatten() {
                places.extend(self.serving.get(id).into_iter().flatten());
            }
        }
        taken.sort_unstable();
        pool.candidates = taken
            .into_iter()
            .filter_map(|i| self.pool.candidates.get(i).cloned())
            .collect();
        places.sort_unstable();
        places.dedup();
        let mut dossiers: Vec<&Dossier> = places.into_iter().map(|i| self.dossiers[i]).collect();
        if !dossiers.iter().any(|d| d.slug == city.slug) {
            dossiers.push(city);
        }
        let mut ranking = matching::rank(city, dossiers.iter().copied(), &pool, &Ask::default());
        // Only those who speak a language looked for: the rest came with the dossiers.
        ranking.matches.retain(|m| {
            m.reasons
                .iter()
                .any(|r| matches!(r, matching::Reason::Speaks(_)))
        });
        ranking
    }
}

/// What a shortlist reads of `d`: its names, languages, sectors and open opportunities, its
/// facilitators and the interactions and reviews they took part in — for a command that
/// keeps one row of each dossier as it is loaded, not the dossier.
pub fn people_of(d: &Dossier) -> Dossier {
    let named = |ids: &[String]| {
        ids.iter()
            .any(|i| d.facilitators.iter().any(|f| f.id == *i))
    };
    Dossier {
        slug: d.slug.clone(),
        name: d.name.clone(),
        country: d.country.clone(),
        languages: d.languages.clone(),
        relationship: d.relationship.clone(),
        representatives: d.representatives.clone(),
        joint_chamber: None,
        sectors: d.sectors.clone(),
        facilitators: d.facilitators.clone(),
        contacts: Vec::new(),
        readiness: d.readiness.clone(),
        actions: Vec::new(),
        events: Vec::new(),
        interactions: d
            .interactions
            .iter()
            .filter(|i| named(&i.with))
            .cloned()
            .collect(),
        opportunities: d.opportunities.clone(),
        reviews: d
            .reviews
            .iter()
            .filter(|r| named(&r.participants))
            .cloned()
            .collect(),
        notes: None,
        extra: Default::default(),
    }
}
