//! Follow-ups per person: when each facilitator and contact is next due a call, a letter or a
//! meeting (issue 28.3). The clock restarts at every interaction or review that names them.
//!
//! A person's next follow-up is due `days` after their last interaction or review (on or
//! before today) that names them; one never contacted counts from their `since` (a
//! facilitator) or from today. `days` is the person's own `follow_up_days`, else their role's
//! in `diplomat.yaml` ([`Settings::follow_up_after`]); 0 is never. Inactive facilitators and
//! every person of a city whose relationship is `suspended` have none.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::model::vocab::{FacilitatorStatus, PersonRole, RelationStatus};
use crate::model::{Dossier, Settings};

/// One person's next follow-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// The city's slug.
    pub city: String,
    /// The person's id.
    pub person: String,
    /// The person's name as the dossier writes it (a facilitator's English name).
    pub name: String,
    /// `facilitator`, or a contact's role.
    pub role: PersonRole,
    /// The last interaction or review that names them; `None`: never contacted.
    pub last: Option<Date>,
    pub due: Date,
}

impl FollowUp {
    /// Days past due on `today` (`None` when not yet due, or due today).
    pub fn overdue_by(&self, today: Date) -> Option<i32> {
        let days = (today - self.due).get_days();
        (self.due < today).then_some(days)
    }
}

/// Every person's next follow-up across `dossiers`, by due day, then city and person.
pub fn next<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    settings: &Settings,
    today: Date,
) -> Vec<FollowUp> {
    let mut all: Vec<FollowUp> = dossiers
        .into_iter()
        .flat_map(|d| of(d, settings, today))
        .collect();
    all.sort_by(|a, b| (a.due, &a.city, &a.person).cmp(&(b.due, &b.city, &b.person)));
    all
}

/// The next follow-up of each person of one city, in the dossier's order (facilitators, then
/// contacts).
pub fn of(d: &Dossier, settings: &Settings, today: Date) -> Vec<FollowUp> {
    if d.relationship.status == RelationStatus::Suspended {
        return Vec::new();
    }
    let facilitators = d
        .facilitators
        .iter()
        .filter(|f| f.status != FacilitatorStatus::Inactive)
        .map(|f| {
            let days = f
                .follow_up_days
                .unwrap_or_else(|| settings.follow_up_after(PersonRole::Facilitator));
            (&f.id, &f.name, PersonRole::Facilitator, days, f.since)
        });
    let contacts = d.contacts.iter().map(|c| {
        let role = PersonRole::from(c.role);
        let days = c
            .follow_up_days
            .unwrap_or_else(|| settings.follow_up_after(role));
        (&c.id, &c.name, role, days, None)
    });
    facilitators
        .chain(contacts)
        .filter(|(.., days, _)| *days > 0)
        .map(|(id, name, role, days, since)| {
            let last = last_contact(d, id, today);
            let from = last.or(since).unwrap_or(today);
            FollowUp {
                city: d.slug.clone(),
                person: id.clone(),
                name: name.clone(),
                role,
                last,
                due: from.saturating_add(i64::from(days).days()),
            }
        })
        .collect()
}

/// The day of the last interaction (`with`) or review (`participants`) on or before `today`
/// that names `id`.
pub fn last_contact(d: &Dossier, id: &str, today: Date) -> Option<Date> {
    let interactions = d
        .interactions
        .iter()
        .filter(|i| i.with.iter().any(|w| w == id))
        .map(|i| i.date);
    let reviews = d
        .reviews
        .iter()
        .filter(|r| r.participants.iter().any(|p| p == id))
        .map(|r| r.date);
    interactions
        .chain(reviews)
        .filter(|day| *day <= today)
        .max()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::vocab::{ContactRole, InteractionKind};
    use crate::model::{Contact, ContactDetails, Facilitator, Interaction, Names, Review};

    fn city(slug: &str) -> Dossier {
        let name = Names {
            en: slug.to_owned(),
            fa: None,
            local: None,
        };
        let mut d = Dossier::new(slug, name, "ES");
        d.relationship.status = RelationStatus::Active;
        d
    }

    fn contact(id: &str, role: ContactRole) -> Contact {
        Contact {
            id: id.to_owned(),
            name: format!("{id} name"),
            role,
            organization: None,
            languages: Vec::new(),
            follow_up_days: None,
            contact: ContactDetails::default(),
        }
    }

    fn facilitator(id: &str, status: FacilitatorStatus, since: Option<Date>) -> Facilitator {
        Facilitator {
            id: id.to_owned(),
            name: format!("{id} name"),
            name_fa: None,
            languages: Vec::new(),
            expertise: Vec::new(),
            connection: None,
            status,
            since,
            follow_up_days: None,
            contact: ContactDetails::default(),
        }
    }

    fn call(day: Date, with: &[&str]) -> Interaction {
        Interaction {
            date: day,
            kind: InteractionKind::Call,
            title: "Call".to_owned(),
            with: with.iter().map(|w| (*w).to_owned()).collect(),
            summary: None,
        }
    }

    const TODAY: Date = date(2026, 11, 26);

    #[test]
    fn a_counsellor_called_61_days_ago_is_overdue_until_called_again() {
        let mut d = city("barcelona");
        d.contacts
            .push(contact("counsellor", ContactRole::EmbassyCounsellor));
        let called = TODAY.saturating_sub(61.days());
        d.interactions.push(call(called, &["counsellor"]));
        let settings = Settings::default();
        let due = next([&d], &settings, TODAY);
        assert_eq!(
            due,
            vec![FollowUp {
                city: "barcelona".into(),
                person: "counsellor".into(),
                name: "counsellor name".into(),
                role: PersonRole::EmbassyCounsellor,
                last: Some(called),
                due: called.saturating_add(60.days()),
            }]
        );
        assert_eq!(due[0].overdue_by(TODAY), Some(1));
        d.interactions.push(call(TODAY, &["counsellor"]));
        let due = next([&d], &settings, TODAY);
        assert_eq!(due[0].due, date(2027, 1, 25));
        assert_eq!(due[0].overdue_by(TODAY), None);
    }

    #[test]
    fn a_review_naming_them_restarts_the_clock_a_later_entry_does_not_count_yet() {
        let mut d = city("kazan");
        d.contacts.push(contact("expert", ContactRole::Expert));
        d.interactions.push(call(date(2026, 6, 1), &["expert"]));
        d.reviews.push(Review {
            date: date(2026, 9, 1),
            participants: vec!["expert".into()],
            outcome: "Gaps".into(),
        });
        // Dated after today: not a contact yet.
        d.interactions.push(call(date(2026, 12, 20), &["expert"]));
        let due = of(&d, &Settings::default(), TODAY);
        assert_eq!(due[0].last, Some(date(2026, 9, 1)));
        assert_eq!(due[0].due, date(2026, 12, 30));
    }

    #[test]
    fn never_contacted_counts_from_since_or_today() {
        let mut d = city("porto");
        d.facilitators.push(facilitator(
            "ana",
            FacilitatorStatus::Prospective,
            Some(date(2026, 9, 1)),
        ));
        d.facilitators
            .push(facilitator("bo", FacilitatorStatus::Active, None));
        d.contacts.push(contact("chamber", ContactRole::Chamber));
        let due: Vec<(String, Option<Date>, Date)> = of(&d, &Settings::default(), TODAY)
            .into_iter()
            .map(|f| (f.person, f.last, f.due))
            .collect();
        assert_eq!(
            due,
            vec![
                ("ana".into(), None, date(2026, 10, 1)),
                ("bo".into(), None, date(2026, 12, 26)),
                ("chamber".into(), None, date(2027, 1, 25)),
            ]
        );
    }

    #[test]
    fn days_come_from_the_person_then_the_settings_zero_is_never() {
        let mut d = city("lyon");
        let mut own = contact("own", ContactRole::Business);
        own.follow_up_days = Some(10);
        let mut never = contact("never", ContactRole::EmbassyCounsellor);
        never.follow_up_days = Some(0);
        d.contacts.extend([
            own,
            never,
            contact("other", ContactRole::Other),
            contact("official", ContactRole::CityOfficial),
        ]);
        d.facilitators.push(facilitator(
            "gone",
            FacilitatorStatus::Inactive,
            Some(TODAY),
        ));
        let mut settings = Settings::default();
        settings.follow_up_days.insert(PersonRole::CityOfficial, 7);
        let due: Vec<(String, Date)> = next([&d], &settings, TODAY)
            .into_iter()
            .map(|f| (f.person, f.due))
            .collect();
        assert_eq!(
            due,
            vec![
                ("official".into(), date(2026, 12, 3)),
                ("own".into(), date(2026, 12, 6)),
            ]
        );
    }

    #[test]
    fn a_suspended_city_has_none_and_the_rest_sort_by_due_city_and_id() {
        let mut suspended = city("aaa");
        suspended.relationship.status = RelationStatus::Suspended;
        suspended
            .contacts
            .push(contact("x", ContactRole::EmbassyCounsellor));
        let mut b = city("bbb");
        b.contacts.push(contact("z", ContactRole::Chamber));
        b.contacts
            .push(contact("y", ContactRole::EmbassyCounsellor));
        let mut c = city("ccc");
        c.contacts.push(contact("a", ContactRole::Chamber));
        c.contacts.push(contact("b", ContactRole::Expert));
        let order: Vec<(String, String)> = next([&c, &suspended, &b], &Settings::default(), TODAY)
            .into_iter()
            .map(|f| (f.city, f.person))
            .collect();
        assert_eq!(
            order,
            [("bbb", "y"), ("bbb", "z"), ("ccc", "a"), ("ccc", "b")]
                .map(|(c, p)| (c.to_owned(), p.to_owned()))
        );
    }
}
