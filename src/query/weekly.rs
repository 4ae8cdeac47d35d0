//! The weekly report's data: one period of the programme, measured from the dossiers.

use std::collections::{BTreeMap, BTreeSet};

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::actions::ActionRow;
use super::checklist::{Checklist, Context};
use crate::model::Dossier;
use crate::model::vocab::{ContactRole, FacilitatorStatus, InteractionKind, RelationStatus, Stage};

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

pub struct Inputs<'a> {
    pub dossiers: Vec<&'a Dossier>,
    pub period: Period,
    pub today: Date,
    pub stale_after_days: u32,
    pub checklist: &'a Checklist,
}

pub fn build(inputs: &Inputs) -> Weekly {
    let Inputs {
        dossiers,
        period,
        today,
        ..
    } = inputs;
    // "Now" for a report: today while the period runs, else the day after it ended.
    let reference = if period.contains(*today) {
        *today
    } else {
        period.to.checked_add(1.day()).unwrap_or(period.to)
    };
    let horizon = reference
        .checked_add(jiff::Span::new().days(DUE_WINDOW_DAYS))
        .unwrap_or(reference);

    let mut interactions: Vec<InteractionRow> = dossiers
        .iter()
        .flat_map(|d| {
            d.interactions
                .iter()
                .filter(|i| period.contains(i.date))
                .map(|i| InteractionRow {
                    city: d.slug.clone(),
                    date: i.date,
                    kind: i.kind,
                    title: i.title.clone(),
                    participants: i.with.iter().map(|id| person_name(d, id)).collect(),
                    summary: i.summary.clone(),
                })
        })
        .collect();
    interactions.sort_by(|a, b| (&a.city, a.date).cmp(&(&b.city, b.date)));
    let mut relationship_changes: Vec<RelationshipChange> = dossiers
        .iter()
        .flat_map(|d| {
            let history = &d.relationship.history;
            history
                .iter()
                .enumerate()
                .filter(|(_, h)| period.contains(h.date))
                .map(move |(i, h)| RelationshipChange {
                    city: d.slug.clone(),
                    date: h.date,
                    from: i.checked_sub(1).map(|p| history[p].status),
                    to: h.status,
                })
        })
        .collect();
    relationship_changes.sort_by(|a, b| (&a.city, a.date).cmp(&(&b.city, b.date)));
    let mut opportunity_moves: Vec<OpportunityMove> = dossiers
        .iter()
        .flat_map(|d| {
            d.opportunities.iter().flat_map(move |o| {
                o.history
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| period.contains(h.date))
                    .map(move |(i, h)| OpportunityMove {
                        city: d.slug.clone(),
                        id: o.id.clone(),
                        title: o.title.clone(),
                        date: h.date,
                        from: i.checked_sub(1).map(|p| o.history[p].stage),
                        to: h.stage,
                    })
            })
        })
        .collect();
    opportunity_moves.sort_by(|a, b| (&a.city, a.date, &a.id).cmp(&(&b.city, b.date, &b.id)));

    let rows = |keep: &dyn Fn(&crate::model::Action) -> bool| -> Vec<ActionRow> {
        let mut rows: Vec<ActionRow> = dossiers
            .iter()
            .flat_map(|d| {
                d.actions
                    .iter()
                    .filter(|a| keep(a))
                    .map(|a| ActionRow::new(&d.slug, a, reference))
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.due.is_none(), a.due, &a.city, &a.id).cmp(&(b.due.is_none(), b.due, &b.city, &b.id))
        });
        rows
    };
    let actions_completed = rows(&|a| a.done.is_some_and(|d| period.contains(d)));
    let actions_due =
        rows(&|a| a.status.is_open() && a.due.is_some_and(|d| d >= reference && d < horizon));
    let actions_overdue = rows(&|a| a.is_overdue(reference));

    let context = Context {
        today: reference,
        stale_after_days: inputs.stale_after_days,
        // Only the counts are used: the reasons' language does not matter.
        lang: crate::lang::Lang::En,
        calendar: crate::calendar::Calendar::Gregorian,
    };
    let readiness = dossiers
        .iter()
        .map(|d| {
            let check = inputs.checklist.evaluate(d, context);
            ReadinessRow {
                slug: d.slug.clone(),
                met: check.met,
                total: check.total,
                previous: None,
            }
        })
        .collect();
    let stale = i64::from(inputs.stale_after_days);
    let going_cold = dossiers
        .iter()
        .filter(|d| {
            matches!(
                d.relationship.status,
                RelationStatus::Active | RelationStatus::Reactivating
            )
        })
        .filter(|d| {
            d.last_contact(reference)
                .is_none_or(|last| i64::from((reference - last).get_days()) > stale)
        })
        .map(|d| d.slug.clone())
        .collect();
    let without_facilitator = dossiers
        .iter()
        .filter(|d| d.active_facilitators() == 0)
        .map(|d| d.slug.clone())
        .collect();

    let mut joined: Vec<Joined> = dossiers
        .iter()
        .flat_map(|d| {
            d.facilitators
                .iter()
                .filter(|f| f.status == FacilitatorStatus::Active)
                .filter_map(|f| {
                    let since = f.since.filter(|s| period.contains(*s))?;
                    Some(Joined {
                        city: d.slug.clone(),
                        name: f.name.clone(),
                        name_fa: f.name_fa.clone(),
                        since,
                    })
                })
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
        aims: aims(dossiers, *period, inputs.stale_after_days),
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
    };
    weekly.regroup();
    weekly
}

/// A person of the dossier by name; an id that names no one stays as it is.
fn person_name(dossier: &Dossier, id: &str) -> String {
    dossier
        .facilitators
        .iter()
        .find(|f| f.id == id)
        .map(|f| f.name.clone())
        .or_else(|| {
            dossier
                .contacts
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
        })
        .unwrap_or_else(|| id.to_owned())
}

impl Weekly {
    /// Each city's readiness when the period began, from its dossier as it stood then
    /// (`before`, one per readiness row): the day before the period, by the same checklist.
    pub fn set_readiness_before(
        &mut self,
        before: &[Option<&Dossier>],
        checklist: &Checklist,
        stale_after_days: u32,
    ) {
        let start = Context {
            today: self.from.checked_sub(1.day()).unwrap_or(self.from),
            stale_after_days,
            // Only the count of items met is used: the reasons' language does not matter.
            lang: crate::lang::Lang::En,
            calendar: crate::calendar::Calendar::Gregorian,
        };
        for (row, dossier) in self.readiness.iter_mut().zip(before) {
            if let Some(dossier) = dossier {
                row.previous = Some(checklist.evaluate(dossier, start).met);
            }
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

/// The programme's six aims, each for this period and the one before.
pub fn aims(dossiers: &[&Dossier], period: Period, stale_after_days: u32) -> Vec<Aim> {
    let previous = period.previous();
    let both = |f: &dyn Fn(Period) -> u64| (f(period), Some(f(previous)));
    let stale = i64::from(stale_after_days);
    // Relations activated: cities with an interaction within `stale_after_days` of the period's
    // end, or whose relationship became active or reactivating during the period.
    let activation = both(&|p| {
        dossiers
            .iter()
            .filter(|d| {
                d.interactions
                    .iter()
                    .any(|i| i.date <= p.to && i64::from((p.to - i.date).get_days()) <= stale)
                    || d.relationship.history.iter().any(|h| {
                        p.contains(h.date)
                            && matches!(
                                h.status,
                                RelationStatus::Active | RelationStatus::Reactivating
                            )
                    })
            })
            .count() as u64
    });
    // Facilitators identified: distinct active people who had joined by the period's end.
    let facilitators = both(&|p| {
        let people: BTreeSet<&str> = dossiers
            .iter()
            .flat_map(|d| d.facilitators.iter())
            .filter(|f| f.status == FacilitatorStatus::Active && f.since.is_none_or(|s| s <= p.to))
            .map(|f| f.id.as_str())
            .collect();
        people.len() as u64
    });
    // Citizen participation: distinct facilitators who took part in an interaction of the period.
    let participation = both(&|p| {
        let people: BTreeSet<&str> = dossiers
            .iter()
            .flat_map(|d| {
                let ids: BTreeSet<&str> = d.facilitators.iter().map(|f| f.id.as_str()).collect();
                d.interactions
                    .iter()
                    .filter(move |i| p.contains(i.date))
                    .flat_map(|i| i.with.iter().map(String::as_str))
                    .filter(move |w| ids.contains(w))
            })
            .collect();
        people.len() as u64
    });
    // Private-sector cooperation: opportunities that moved forward in the period (a stage
    // change in their history to a later stage of the pipeline, `lost` never counting).
    let private_sector = both(&|p| {
        dossiers
            .iter()
            .flat_map(|d| d.opportunities.iter())
            .filter(|o| {
                o.history.iter().enumerate().any(|(i, h)| {
                    let before = i.checked_sub(1).map(|b| o.history[b].stage);
                    p.contains(h.date)
                        && h.stage != Stage::Lost
                        && h.stage != Stage::Idea
                        && before.is_none_or(|b| b < h.stage && b != Stage::Lost)
                })
            })
            .count() as u64
    });
    // The Municipality's international capacity introduced: events and visits.
    let capacity = both(&|p| {
        dossiers
            .iter()
            .flat_map(|d| d.interactions.iter())
            .filter(|i| {
                p.contains(i.date)
                    && matches!(i.kind, InteractionKind::Event | InteractionKind::Visit)
            })
            .count() as u64
    });
    // The diplomatic apparatus and provincial bodies: interactions with embassy counsellors or officials.
    let diplomatic = both(&|p| {
        dossiers
            .iter()
            .map(|d| {
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
                d.interactions
                    .iter()
                    .filter(|i| {
                        p.contains(i.date) && i.with.iter().any(|w| officials.contains(w.as_str()))
                    })
                    .count() as u64
            })
            .sum()
    });
    [
        ("activation", activation),
        ("facilitators", facilitators),
        ("participation", participation),
        ("private_sector", private_sector),
        ("capacity", capacity),
        ("diplomatic", diplomatic),
    ]
    .into_iter()
    .map(|(id, (value, previous))| Aim {
        id,
        value,
        previous,
    })
    .collect()
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
