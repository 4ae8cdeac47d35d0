//! The weekly report's data: one period of the programme, measured from the dossiers.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::actions::ActionRow;
use crate::model::vocab::{InteractionKind, RelationStatus, Stage};

mod aims;
mod part;
mod pool;
pub use aims::aims;
pub use part::{Part, Scope};
pub use pool::{Assigned, PoolWeek, SignUp};

/// The report's JSON shape (spec §3); more keys may be added, none renamed.
#[derive(Clone, Debug, Serialize)]
pub struct Weekly {
    pub from: Date,
    pub to: Date,
    pub aims: Vec<Aim>,
    pub interactions: Vec<InteractionRow>,
    /// Relationship status changes in the period (`relationship.history`), by city and date.
    pub relationship_changes: Vec<RelationshipChange>,
    /// Opportunity stage changes in the period (each opportunity's `history`).
    pub opportunity_moves: Vec<OpportunityMove>,
    pub actions_completed: Vec<ActionRow>,
    pub actions_due: Vec<ActionRow>,
    pub actions_overdue: Vec<ActionRow>,
    pub readiness: Vec<ReadinessRow>,
    pub going_cold: Vec<String>,
    pub without_facilitator: Vec<String>,
    pub changes: Vec<Change>,
    /// Whether `changes` could be read: `available`, `not a git repository`, `git not found`.
    pub history: String,
    pub warnings: Vec<String>,
    /// What stands out, for the sentences under the aims.
    pub highlights: Highlights,
    /// Per city, what happened in the period: the body of the brief.
    pub cities: Vec<CityWeek>,
    /// `changes` told per city: how many commits touched it, and by whom.
    pub changes_by_city: Vec<CityChanges>,
    /// The week ahead: the agenda of the 7 days after the period (what is overdue first).
    pub ahead: Vec<super::agenda::AgendaItem>,
    /// The pool's sign-ups of the period and the candidates assigned in it; null when the
    /// workspace has no `pool.yaml` (issue 29).
    pub pool: Option<PoolWeek>,
    /// Facilitators whose `since` falls in the period, whatever their status: what
    /// [`Weekly::set_pool`] reads.
    #[serde(skip)]
    pub newcomers: Vec<Newcomer>,
}

/// A facilitator whose `since` falls in the period.
#[derive(Clone, Debug, PartialEq)]
pub struct Newcomer {
    pub city: String,
    pub id: String,
    pub name: String,
    pub name_fa: Option<String>,
    pub status: crate::model::vocab::FacilitatorStatus,
    pub since: Date,
}

/// What the headline's sentences say beside the aims.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Highlights {
    /// Facilitators whose `since` falls in the period.
    pub joined: Vec<Joined>,
    /// Relationship and opportunity moves of the period, in date order.
    pub moves: Vec<Move>,
    /// Overdue actions counted per owner, most first.
    pub overdue_by_owner: Vec<OwnerCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Joined {
    pub city: String,
    pub name: String,
    pub name_fa: Option<String>,
    pub since: Date,
}

/// A relationship's status or an opportunity's stage changed on `date` (from the record's
/// `history:`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Move {
    pub city: String,
    /// `relationship` or `opportunity`.
    pub what: &'static str,
    /// The opportunity's id and title; none for the relationship.
    pub id: Option<String>,
    pub title: Option<String>,
    /// The status or stage before, where the history tells.
    pub from: Option<String>,
    pub to: String,
    pub date: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnerCount {
    pub owner: crate::model::vocab::Owner,
    pub count: usize,
}

/// One city's part of the brief; only cities where something happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CityWeek {
    pub slug: String,
    pub interactions: Vec<InteractionRow>,
    pub actions_completed: Vec<ActionRow>,
    pub moves: Vec<Move>,
    /// Items met now and when the period began, when that changed.
    pub readiness: Option<ReadinessRow>,
}

/// The commits of the period that touched one city.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CityChanges {
    pub city: String,
    pub changes: usize,
    /// Distinct authors, in the order of their first commit of the period.
    pub authors: Vec<String>,
}

/// One of the programme's six aims, measured for the period and the one before.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Aim {
    pub id: &'static str,
    pub value: u64,
    /// The same figure for the previous period; null where the dossiers cannot tell.
    pub previous: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InteractionRow {
    pub city: String,
    pub date: Date,
    pub kind: InteractionKind,
    pub title: String,
    /// Who took part, by name (facilitators and contacts; an unknown id as it is written).
    pub participants: Vec<String>,
    pub summary: Option<String>,
}

/// A relationship that changed status: `from` is the status before, where the history says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RelationshipChange {
    pub city: String,
    pub date: Date,
    pub from: Option<RelationStatus>,
    pub to: RelationStatus,
}

/// An opportunity that moved to another stage: `from` is the stage before, where the history
/// says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpportunityMove {
    pub city: String,
    pub id: String,
    pub title: String,
    pub date: Date,
    pub from: Option<Stage>,
    pub to: Stage,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadinessRow {
    pub slug: String,
    pub met: usize,
    pub total: usize,
    /// Items met when the period began, where git history tells; null otherwise.
    pub previous: Option<usize>,
}

/// A commit that touched dossiers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub date: Date,
    pub author: String,
    pub subject: String,
    pub cities: Vec<String>,
    /// What the commit changed in the dossiers, e.g. "barcelona: readiness.branding unknown →
    /// partial" (`diplomat diff`).
    pub details: Vec<String>,
}

impl From<crate::git::history::Commit> for Change {
    fn from(commit: crate::git::history::Commit) -> Self {
        Change {
            date: commit.date,
            author: commit.author,
            subject: commit.subject,
            cities: commit.cities,
            details: commit.details,
        }
    }
}

/// The days a report covers, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// The week (`start` and the six days after it) holding `date`.
    pub fn week(date: Date, start: crate::calendar::WeekStart) -> Period {
        let (from, to) = crate::calendar::week_containing(date, start);
        Period { from, to }
    }

    pub fn contains(self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }

    /// The period of the same length just before.
    pub fn previous(self) -> Period {
        let days = i64::from((self.to - self.from).get_days()) + 1;
        let to = self.from.checked_sub(1.day()).unwrap_or(self.from);
        let from = to
            .checked_sub(jiff::Span::new().days(days - 1))
            .unwrap_or(to);
        Period { from, to }
    }
}

/// How far ahead "actions due" looks.
pub const DUE_WINDOW_DAYS: i64 = 14;

impl Weekly {
    /// The report from every dossier's part, in the workspace's order (slug, then path).
    pub fn from_parts(parts: &[Part], period: Period) -> Weekly {
        fn all<'a, T: Clone + 'a>(parts: &'a [Part], rows: impl Fn(&'a Part) -> &'a [T]) -> Vec<T> {
            parts.iter().flat_map(|p| rows(p).iter().cloned()).collect()
        }
        let mut interactions = all(parts, |p| &p.interactions);
        interactions.sort_by(|a, b| (&a.city, a.date).cmp(&(&b.city, b.date)));
        let mut relationship_changes = all(parts, |p| &p.relationship_changes);
        relationship_changes.sort_by(|a, b| (&a.city, a.date).cmp(&(&b.city, b.date)));
        let mut opportunity_moves = all(parts, |p| &p.opportunity_moves);
        opportunity_moves.sort_by(|a, b| (&a.city, a.date, &a.id).cmp(&(&b.city, b.date, &b.id)));
        let by_due = |rows: &mut Vec<ActionRow>| {
            rows.sort_by(|a, b| {
                (a.due.is_none(), a.due, &a.city, &a.id).cmp(&(
                    b.due.is_none(),
                    b.due,
                    &b.city,
                    &b.id,
                ))
            });
        };
        let mut actions_completed = all(parts, |p| &p.actions_completed);
        by_due(&mut actions_completed);
        let mut actions_due = all(parts, |p| &p.actions_due);
        by_due(&mut actions_due);
        let mut actions_overdue = all(parts, |p| &p.actions_overdue);
        by_due(&mut actions_overdue);
        let readiness = parts.iter().map(|p| p.readiness.clone()).collect();
        let slugs = |keep: fn(&Part) -> bool| -> Vec<String> {
            parts
                .iter()
                .filter(|p| keep(p))
                .map(|p| p.slug.clone())
                .collect()
        };
        let going_cold = slugs(|p| p.going_cold);
        let without_facilitator = slugs(|p| p.without_facilitator);

        let newcomers = all(parts, |p| &p.newcomers);
        let mut joined: Vec<Joined> = newcomers
            .iter()
            .filter(|n| n.status == crate::model::vocab::FacilitatorStatus::Active)
            .map(|n| Joined {
                city: n.city.clone(),
                name: n.name.clone(),
                name_fa: n.name_fa.clone(),
                since: n.since,
            })
            .collect();
        joined.sort_by(|a, b| (a.since, &a.city).cmp(&(b.since, &b.city)));
        let mut owners: BTreeMap<crate::model::vocab::Owner, usize> = BTreeMap::new();
        for row in &actions_overdue {
            *owners.entry(row.owner).or_default() += 1;
        }
        let mut overdue_by_owner: Vec<OwnerCount> = owners
            .into_iter()
            .map(|(owner, count)| OwnerCount { owner, count })
            .collect();
        overdue_by_owner.sort_by_key(|o| std::cmp::Reverse(o.count));

        let mut moves: Vec<Move> = relationship_changes
            .iter()
            .map(|r| Move {
                city: r.city.clone(),
                what: "relationship",
                id: None,
                title: None,
                from: r.from.map(|s| s.slug().to_owned()),
                to: r.to.slug().to_owned(),
                date: r.date,
            })
            .chain(opportunity_moves.iter().map(|o| Move {
                city: o.city.clone(),
                what: "opportunity",
                id: Some(o.id.clone()),
                title: Some(o.title.clone()),
                from: o.from.map(|s| s.slug().to_owned()),
                to: o.to.slug().to_owned(),
                date: o.date,
            }))
            .collect();
        moves.sort_by(|a, b| (a.date, &a.city).cmp(&(b.date, &b.city)));

        let mut weekly = Weekly {
            from: period.from,
            to: period.to,
            aims: aims::sum(parts.iter().map(|p| &p.tallies)),
            interactions,
            relationship_changes,
            opportunity_moves,
            actions_completed,
            actions_due,
            actions_overdue,
            readiness,
            going_cold,
            without_facilitator,
            changes: Vec::new(),
            history: String::new(),
            warnings: Vec::new(),
            highlights: Highlights {
                joined,
                moves,
                overdue_by_owner,
            },
            cities: Vec::new(),
            changes_by_city: Vec::new(),
            ahead: Vec::new(),
            pool: None,
            newcomers,
        };
        weekly.regroup();
        weekly
    }

    /// The pool's part, from the pool as it is and its committed versions of the period
    /// (`None` when git cannot tell).
    pub fn set_pool(
        &mut self,
        now: Option<&crate::model::Pool>,
        versions: Option<&[crate::model::Pool]>,
    ) {
        let period = Period {
            from: self.from,
            to: self.to,
        };
        self.pool = PoolWeek::of(now, versions, &self.newcomers, period);
    }

    /// Each city's readiness when the period began (`previous`, one per readiness row, where
    /// history tells).
    pub fn set_readiness_before(&mut self, previous: &[Option<usize>]) {
        for (row, previous) in self.readiness.iter_mut().zip(previous) {
            row.previous = *previous;
        }
    }
    /// Fills the per-city parts from the flat lists: call again after `readiness`' previous
    /// values, the moves or `changes` are known.
    pub fn regroup(&mut self) {
        fn at<'a>(grouped: &'a mut BTreeMap<String, CityWeek>, slug: &str) -> &'a mut CityWeek {
            grouped.entry(slug.to_owned()).or_insert_with(|| CityWeek {
                slug: slug.to_owned(),
                interactions: Vec::new(),
                actions_completed: Vec::new(),
                moves: Vec::new(),
                readiness: None,
            })
        }
        let mut grouped: BTreeMap<String, CityWeek> = BTreeMap::new();
        for row in &self.interactions {
            at(&mut grouped, &row.city).interactions.push(row.clone());
        }
        for row in &self.actions_completed {
            at(&mut grouped, &row.city)
                .actions_completed
                .push(row.clone());
        }
        for row in &self.highlights.moves {
            at(&mut grouped, &row.city).moves.push(row.clone());
        }
        for row in &self.readiness {
            if row.previous.is_some_and(|p| p != row.met) {
                at(&mut grouped, &row.slug).readiness = Some(row.clone());
            }
        }
        for city in grouped.values_mut() {
            city.actions_completed.sort_by_key(|a| a.done);
        }
        self.cities = grouped.into_values().collect();

        let mut by_city: BTreeMap<&str, CityChanges> = BTreeMap::new();
        // `changes` come newest first; authors are listed as they first committed.
        for change in self.changes.iter().rev() {
            for city in &change.cities {
                let entry = by_city.entry(city).or_insert_with(|| CityChanges {
                    city: city.clone(),
                    changes: 0,
                    authors: Vec::new(),
                });
                entry.changes += 1;
                if !entry.authors.contains(&change.author) {
                    entry.authors.push(change.author.clone());
                }
            }
        }
        self.changes_by_city = by_city.into_values().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_period_is_the_same_length_just_before() {
        let p = Period {
            from: jiff::civil::date(2026, 11, 21),
            to: jiff::civil::date(2026, 11, 27),
        };
        assert_eq!(
            p.previous(),
            Period {
                from: jiff::civil::date(2026, 11, 14),
                to: jiff::civil::date(2026, 11, 20)
            }
        );
    }
}
