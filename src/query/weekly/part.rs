//! What the weekly report keeps of one dossier, computed on the worker that loaded it: the
//! rows of the period and a few counts, never the dossier itself (at 10,000 dossiers the
//! dossiers whole are most of a report's memory).

use jiff::ToSpan;
use jiff::civil::Date;

use super::aims::{self, Tallies};
use super::{
    DUE_WINDOW_DAYS, InteractionRow, Newcomer, OpportunityMove, Period, ReadinessRow,
    RelationshipChange,
};
use crate::model::vocab::RelationStatus;
use crate::model::{Dossier, Names};
use crate::query::actions::ActionRow;
use crate::query::checklist::{Checklist, Context};

/// What every dossier's part is measured against.
pub struct Scope<'a> {
    pub period: Period,
    pub today: Date,
    pub stale_after_days: u32,
    pub checklist: &'a Checklist,
    /// Whether to count the items each dossier meets the day before the period: how a
    /// dossier that git says is unchanged since then stood (only asked in a git workspace).
    pub start: bool,
}

impl Scope<'_> {
    /// "Now" for a report: today while the period runs, else the day after it ended.
    pub fn reference(&self) -> Date {
        if self.period.contains(self.today) {
            self.today
        } else {
            self.period
                .to
                .checked_add(1.day())
                .unwrap_or(self.period.to)
        }
    }

    /// The checklist's context the day before the period began.
    pub fn start_context(&self) -> Context {
        context(
            self.period
                .from
                .checked_sub(1.day())
                .unwrap_or(self.period.from),
            self.stale_after_days,
        )
    }

    pub fn part(&self, d: &Dossier) -> Part {
        let period = self.period;
        let reference = self.reference();
        let horizon = reference
            .checked_add(jiff::Span::new().days(DUE_WINDOW_DAYS))
            .unwrap_or(reference);
        let slug = &d.slug;
        let interactions = d
            .interactions
            .iter()
            .filter(|i| period.contains(i.date))
            .map(|i| InteractionRow {
                city: slug.clone(),
                date: i.date,
                kind: i.kind,
                title: i.title.clone(),
                participants: i.with.iter().map(|id| person_name(d, id)).collect(),
                summary: i.summary.clone(),
            })
            .collect();
        let history = &d.relationship.history;
        let relationship_changes = history
            .iter()
            .enumerate()
            .filter(|(_, h)| period.contains(h.date))
            .map(|(i, h)| RelationshipChange {
                city: slug.clone(),
                date: h.date,
                from: i.checked_sub(1).map(|p| history[p].status).or(h.from),
                to: h.status,
            })
            .collect();
        let opportunity_moves = d
            .opportunities
            .iter()
            .flat_map(|o| {
                o.history
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| period.contains(h.date))
                    .map(move |(i, h)| OpportunityMove {
                        city: slug.clone(),
                        id: o.id.clone(),
                        title: o.title.clone(),
                        date: h.date,
                        from: i.checked_sub(1).map(|p| o.history[p].stage).or(h.from),
                        to: h.stage,
                    })
            })
            .collect();
        let rows = |keep: &dyn Fn(&crate::model::Action) -> bool| -> Vec<ActionRow> {
            d.actions
                .iter()
                .filter(|a| keep(a))
                .map(|a| ActionRow::new(slug, a, reference))
                .collect()
        };
        let check = self
            .checklist
            .evaluate(d, context(reference, self.stale_after_days));
        let stale = i64::from(self.stale_after_days);
        Part {
            slug: slug.clone(),
            name: d.name.clone(),
            interactions,
            relationship_changes,
            opportunity_moves,
            actions_completed: rows(&|a| a.done.is_some_and(|d| period.contains(d))),
            actions_due: rows(&|a| {
                a.status.is_open() && a.due.is_some_and(|d| d >= reference && d < horizon)
            }),
            actions_overdue: rows(&|a| a.is_overdue(reference)),
            readiness: ReadinessRow {
                slug: slug.clone(),
                met: check.met,
                total: check.total,
                previous: None,
            },
            met_at_start: self
                .start
                .then(|| self.checklist.evaluate(d, self.start_context()).met),
            going_cold: matches!(
                d.relationship.status,
                RelationStatus::Active | RelationStatus::Reactivating
            ) && d
                .last_contact(reference)
                .is_none_or(|last| i64::from((reference - last).get_days()) > stale),
            without_facilitator: d.active_facilitators() == 0,
            newcomers: d
                .facilitators
                .iter()
                .filter_map(|f| {
                    let since = f.since.filter(|s| period.contains(*s))?;
                    Some(Newcomer {
                        city: slug.clone(),
                        id: f.id.clone(),
                        name: f.name.clone(),
                        name_fa: f.name_fa.clone(),
                        status: f.status,
                        since,
                    })
                })
                .collect(),
            tallies: aims::tallies(d, period, self.stale_after_days),
        }
    }
}

/// One dossier's share of the weekly report.
pub struct Part {
    pub slug: String,
    /// The city's names, for the report's headings.
    pub name: Names,
    pub(super) interactions: Vec<InteractionRow>,
    pub(super) relationship_changes: Vec<RelationshipChange>,
    pub(super) opportunity_moves: Vec<OpportunityMove>,
    pub(super) actions_completed: Vec<ActionRow>,
    pub(super) actions_due: Vec<ActionRow>,
    pub(super) actions_overdue: Vec<ActionRow>,
    pub(super) readiness: ReadinessRow,
    /// Items met the day before the period, when [`Scope::start`] asked.
    pub met_at_start: Option<usize>,
    pub(super) going_cold: bool,
    pub(super) without_facilitator: bool,
    pub(super) newcomers: Vec<Newcomer>,
    pub(super) tallies: Tallies,
}

/// Only the counts are used: the reasons' language and calendar do not matter.
fn context(today: Date, stale_after_days: u32) -> Context {
    Context {
        today,
        stale_after_days,
        lang: crate::i18n::Lang::En,
        calendar: crate::calendar::Calendar::Gregorian,
    }
}

/// A person of the dossier by name; an id that names no one stays as it is.
fn person_name(dossier: &Dossier, id: &str) -> String {
    dossier
        .person_name(id, crate::i18n::Lang::En)
        .unwrap_or(id)
        .to_owned()
}
