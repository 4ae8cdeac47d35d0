//! `event list`: the planned events across cities, in date order.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::vocab::EventStatus;
use crate::model::{Dossier, Event, TimeOfDay};

/// One row of `event list`; its JSON shape is fixed by the spec.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventRow {
    /// The city's slug.
    pub city: String,
    pub id: String,
    pub date: Date,
    pub end: Option<Date>,
    pub time: Option<TimeOfDay>,
    pub kind: crate::model::vocab::EventKind,
    pub title: String,
    pub place: Option<String>,
    /// Ids of the people taking part.
    pub with: Vec<String>,
    pub status: EventStatus,
}

impl EventRow {
    pub fn new(slug: &str, e: &Event) -> Self {
        EventRow {
            city: slug.to_owned(),
            id: e.id.clone(),
            date: e.date,
            end: e.end,
            time: e.time,
            kind: e.kind,
            title: e.title.clone(),
            place: e.place.clone(),
            with: e.with.clone(),
            status: e.status,
        }
    }
}

/// Which events to list. `cities` are slugs (resolve names with [`super::cities::find`]); an
/// event is in the window `from`–`to` when any of its days is.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Any of these cities (all when empty).
    pub cities: Vec<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Any of these statuses (all when empty).
    pub statuses: Vec<EventStatus>,
}

impl Filter {
    /// What `event list` shows unless told otherwise: from `today` on, planned or confirmed.
    pub fn upcoming(today: Date) -> Self {
        Filter {
            from: Some(today),
            statuses: vec![EventStatus::Planned, EventStatus::Confirmed],
            ..Filter::default()
        }
    }

    fn keeps(&self, slug: &str, e: &Event) -> bool {
        (self.cities.is_empty() || self.cities.iter().any(|c| c == slug))
            && self.from.is_none_or(|from| e.last_day() >= from)
            && self.to.is_none_or(|to| e.date <= to)
            && (self.statuses.is_empty() || self.statuses.contains(&e.status))
    }
}

/// The events matching `filter`, by day and hour (an event of the whole day before the timed
/// ones of its day), then city and id.
pub fn rows<'a>(dossiers: impl IntoIterator<Item = &'a Dossier>, filter: &Filter) -> Vec<EventRow> {
    let mut rows: Vec<EventRow> = dossiers
        .into_iter()
        .flat_map(|d| {
            d.events
                .iter()
                .filter(|e| filter.keeps(&d.slug, e))
                .map(|e| EventRow::new(&d.slug, e))
        })
        .collect();
    rows.sort_by(|a, b| (a.date, a.time, &a.city, &a.id).cmp(&(b.date, b.time, &b.city, &b.id)));
    rows
}

/// The events of one dossier still to come on `today` (planned or confirmed, a day of them
/// today or later), in date order; and those past that were never said held or cancelled.
pub fn upcoming(d: &Dossier, today: Date) -> (Vec<&Event>, Vec<&Event>) {
    let mut pending: Vec<&Event> = d.events.iter().filter(|e| e.status.is_pending()).collect();
    pending.sort_by_key(|e| (e.date, e.time));
    pending.into_iter().partition(|e| e.last_day() >= today)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::Names;
    use crate::model::vocab::EventKind;

    fn event(id: &str, date: Date, end: Option<Date>, status: EventStatus) -> Event {
        Event {
            id: id.to_owned(),
            date,
            end,
            time: None,
            kind: EventKind::Meeting,
            title: id.to_owned(),
            place: None,
            with: Vec::new(),
            status,
            notes: None,
        }
    }

    fn dossier(slug: &str, events: Vec<Event>) -> Dossier {
        let mut d = Dossier::new(
            slug,
            Names {
                en: slug.into(),
                fa: None,
                local: None,
            },
            "ES",
        );
        d.events = events;
        d
    }

    #[test]
    fn upcoming_by_default_an_event_of_several_days_while_it_lasts() {
        let today = date(2026, 11, 26);
        let d = dossier(
            "barcelona",
            vec![
                event("e-past", date(2026, 11, 20), None, EventStatus::Planned),
                event(
                    "e-week",
                    date(2026, 11, 24),
                    Some(date(2026, 11, 28)),
                    EventStatus::Confirmed,
                ),
                event("e-held", date(2026, 11, 30), None, EventStatus::Held),
                event("e-next", date(2026, 12, 3), None, EventStatus::Planned),
                event("e-off", date(2026, 12, 4), None, EventStatus::Cancelled),
            ],
        );
        let ids = |rows: Vec<EventRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(
            ids(rows([&d], &Filter::upcoming(today))),
            ["e-week", "e-next"]
        );
        assert_eq!(
            ids(rows([&d], &Filter::default())),
            ["e-past", "e-week", "e-held", "e-next", "e-off"]
        );
        let window = Filter {
            from: Some(date(2026, 11, 29)),
            to: Some(date(2026, 12, 3)),
            ..Filter::default()
        };
        assert_eq!(ids(rows([&d], &window)), ["e-held", "e-next"]);
        let (coming, unsaid) = upcoming(&d, today);
        let ids = |events: Vec<&Event>| events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(coming), ["e-week", "e-next"]);
        assert_eq!(ids(unsaid), ["e-past"]);
    }

    #[test]
    fn the_json_row_has_the_spec_shape() {
        let mut e = event("e-7k2m", date(2026, 12, 3), None, EventStatus::Planned);
        e.time = TimeOfDay::parse("10:30");
        let json = serde_json::to_value(EventRow::new("saint-petersburg", &e)).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!({
                "city": "saint-petersburg", "id": "e-7k2m", "date": "2026-12-03", "end": null,
                "time": "10:30", "kind": "meeting", "title": "e-7k2m", "place": null, "with": [],
                "status": "planned"
            })
        );
    }
}
