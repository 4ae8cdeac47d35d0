//! `action list`: the joint action plan across cities.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::Dossier;
use crate::model::vocab::{ActionStatus, Owner};

/// One row of `action list`; its JSON shape is fixed by the spec (and reused by the weekly
/// report's action sections).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionRow {
    /// The city's slug.
    pub city: String,
    pub id: String,
    pub title: String,
    pub owner: Owner,
    pub due: Option<Date>,
    pub status: ActionStatus,
    /// Open (open, in progress, blocked) with a due date before today.
    pub overdue: bool,
    /// The day a done action was done, where the dossier says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<Date>,
}

impl ActionRow {
    /// The row of `action` of the city `slug`; overdue as of `today`.
    pub fn new(slug: &str, action: &crate::model::Action, today: Date) -> Self {
        ActionRow {
            city: slug.to_owned(),
            id: action.id.clone(),
            title: action.title.clone(),
            owner: action.owner,
            due: action.due,
            status: action.status,
            overdue: action.is_overdue(today),
            done: action.done,
        }
    }

    /// Days since an overdue action's due date, as of `today` (the day it was found overdue
    /// against); none for an action that is not overdue.
    pub fn days_late(&self, today: Date) -> Option<i32> {
        self.due
            .filter(|_| self.overdue)
            .map(|due| (today - due).get_days())
    }
}

/// Which statuses to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Statuses {
    /// Open, in progress or blocked: what is still owed (the default).
    #[default]
    Open,
    /// Every action, done and dropped too.
    All,
    /// Only these.
    These(Vec<ActionStatus>),
}

impl Statuses {
    fn keeps(&self, status: ActionStatus) -> bool {
        match self {
            Statuses::Open => status.is_open(),
            Statuses::All => true,
            Statuses::These(list) => list.contains(&status),
        }
    }
}

/// Which actions to list. `city` is a slug (resolve names with [`super::cities::find`]).
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub city: Option<String>,
    pub owner: Option<Owner>,
    pub statuses: Statuses,
    /// Only overdue actions.
    pub overdue: bool,
    /// Only actions due strictly before this date.
    pub due_before: Option<Date>,
}

/// The actions matching `filter`, sorted by due date (no due date last), then city, then id.
pub fn rows<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    filter: &Filter,
    today: Date,
) -> Vec<ActionRow> {
    let mut rows: Vec<ActionRow> = dossiers
        .into_iter()
        .filter(|d| filter.city.as_ref().is_none_or(|c| &d.slug == c))
        .flat_map(|d| d.actions.iter().map(|a| ActionRow::new(&d.slug, a, today)))
        .filter(|r| {
            filter.statuses.keeps(r.status)
                && filter.owner.is_none_or(|o| r.owner == o)
                && (!filter.overdue || r.overdue)
                && filter
                    .due_before
                    .is_none_or(|limit| r.due.is_some_and(|due| due < limit))
        })
        .collect();
    rows.sort_by(|a, b| {
        // `None` sorts first in `Option`'s order; no due date goes last here.
        (a.due.is_none(), a.due, &a.city, &a.id).cmp(&(b.due.is_none(), b.due, &b.city, &b.id))
    });
    rows
}

#[cfg(test)]
mod tests {

    use jiff::civil::date;

    use super::*;
    use crate::model::vocab::{RelationKind, RelationStatus};
    use crate::model::{Action, Names};

    const TODAY: Date = date(2026, 11, 26);

    fn dossier(slug: &str, actions: Vec<Action>) -> Dossier {
        let mut d = Dossier::new(
            slug,
            Names {
                en: slug.into(),
                fa: None,
                local: None,
            },
            "ES",
        );
        d.relationship.kind = RelationKind::SisterCity;
        d.relationship.status = RelationStatus::Active;
        d.actions = actions;
        d
    }

    fn action(id: &str, owner: Owner, due: Option<Date>, status: ActionStatus) -> Action {
        Action {
            id: id.into(),
            title: format!("Action {id}"),
            owner,
            due,
            status,
            done: (status == ActionStatus::Done).then_some(date(2026, 10, 1)),
        }
    }

    fn sample() -> Vec<Dossier> {
        use ActionStatus::*;
        vec![
            dossier(
                "porto",
                vec![
                    action("a-late", Owner::Chamber, Some(date(2026, 11, 1)), Open),
                    action("a-nodue", Owner::Joint, None, InProgress),
                    action("a-gone", Owner::Joint, Some(date(2026, 9, 1)), Dropped),
                ],
            ),
            dossier(
                "barcelona",
                vec![
                    action(
                        "a-soon",
                        Owner::Municipality,
                        Some(date(2026, 12, 15)),
                        Open,
                    ),
                    action("a-today", Owner::Joint, Some(TODAY), Blocked),
                    action("a-done", Owner::Chamber, Some(date(2026, 10, 1)), Done),
                    action(
                        "a-also-late",
                        Owner::Joint,
                        Some(date(2026, 11, 1)),
                        Blocked,
                    ),
                ],
            ),
        ]
    }

    fn ids(rows: &[ActionRow]) -> Vec<&str> {
        rows.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn open_only_by_default_sorted_by_due_then_city_then_id() {
        let dossiers = sample();
        let rows = rows(&dossiers, &Filter::default(), TODAY);
        assert_eq!(
            ids(&rows),
            ["a-also-late", "a-late", "a-today", "a-soon", "a-nodue"]
        );
        assert_eq!(rows[0].city, "barcelona");
        assert_eq!(rows[1].city, "porto");
    }

    #[test]
    fn overdue_is_open_and_due_before_today() {
        let dossiers = sample();
        let all = Filter {
            statuses: Statuses::All,
            ..Filter::default()
        };
        let rows = rows(&dossiers, &all, TODAY);
        let overdue: Vec<&str> = rows
            .iter()
            .filter(|r| r.overdue)
            .map(|r| r.id.as_str())
            .collect();
        // Due today is not overdue; done and dropped never are.
        assert_eq!(overdue, ["a-also-late", "a-late"]);
        assert_eq!(rows.len(), 7);

        let only = Filter {
            overdue: true,
            ..Filter::default()
        };
        assert_eq!(
            ids(&super::rows(&dossiers, &only, TODAY)),
            ["a-also-late", "a-late"]
        );
    }

    #[test]
    fn filters() {
        let dossiers = sample();
        let ids_for = |filter: Filter| -> Vec<String> {
            rows(&dossiers, &filter, TODAY)
                .into_iter()
                .map(|r| r.id)
                .collect()
        };
        let city = Filter {
            city: Some("porto".into()),
            ..Filter::default()
        };
        assert_eq!(ids_for(city), ["a-late", "a-nodue"]);
        let owner = Filter {
            owner: Some(Owner::Joint),
            ..Filter::default()
        };
        assert_eq!(ids_for(owner), ["a-also-late", "a-today", "a-nodue"]);
        let done = Filter {
            statuses: Statuses::These(vec![ActionStatus::Done, ActionStatus::Dropped]),
            ..Filter::default()
        };
        assert_eq!(ids_for(done), ["a-gone", "a-done"]);
        // Strictly before; actions without a due date are left out.
        let before = Filter {
            due_before: Some(TODAY),
            ..Filter::default()
        };
        assert_eq!(ids_for(before), ["a-also-late", "a-late"]);
    }

    #[test]
    fn json_shape() {
        let dossiers = sample();
        let rows = rows(&dossiers, &Filter::default(), TODAY);
        let json = serde_json::to_value(&rows).unwrap_or_default();
        assert_eq!(
            json[0],
            serde_json::json!({
                "city": "barcelona",
                "id": "a-also-late",
                "title": "Action a-also-late",
                "owner": "joint",
                "due": "2026-11-01",
                "status": "blocked",
                "overdue": true,
            })
        );
        assert_eq!(json[4]["due"], serde_json::Value::Null);
        assert_eq!(json[4]["status"], "in-progress");
    }
}
