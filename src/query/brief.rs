//! The brief for a case-file review session with experts and embassy counsellors.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::vocab::{FacilitatorStatus, InteractionKind, ReadinessStatus, Requirement};
use crate::model::{Action, Dossier, Names, Opportunity, Relationship, Representatives, Review};

/// How many past interactions and reviews a brief shows.
pub const RECENT: usize = 10;

#[derive(Clone, Debug, Serialize)]
pub struct Brief {
    pub slug: String,
    pub name: Names,
    pub country: String,
    pub relationship: Relationship,
    pub representatives: Representatives,
    pub joint_chamber: Option<String>,
    pub facilitators: Vec<Person>,
    pub contacts: Vec<Person>,
    pub readiness: Vec<ReadinessItem>,
    /// The requirements not met, as questions for the session.
    pub questions: Vec<Requirement>,
    pub open_actions: Vec<Action>,
    pub opportunities: Vec<Opportunity>,
    pub reviews: Vec<Review>,
    pub interactions: Vec<InteractionItem>,
}

/// A facilitator or contact, without e-mail or phone unless asked for.
#[derive(Clone, Debug, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: String,
    pub detail: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReadinessItem {
    pub requirement: Requirement,
    pub status: ReadinessStatus,
    pub evidence: Option<String>,
    pub assessed: Option<Date>,
}

#[derive(Clone, Debug, Serialize)]
pub struct InteractionItem {
    pub date: Date,
    pub kind: InteractionKind,
    pub title: String,
    pub with: Vec<String>,
}

pub fn build(d: &Dossier, include_contacts: bool) -> Brief {
    let details = |c: &crate::model::ContactDetails| {
        if include_contacts {
            (c.email.clone(), c.phone.clone())
        } else {
            (None, None)
        }
    };
    let facilitators = d
        .facilitators
        .iter()
        .filter(|f| f.status != FacilitatorStatus::Inactive)
        .map(|f| {
            let (email, phone) = details(&f.contact);
            Person {
                id: f.id.clone(),
                name: f.name.clone(),
                role: f.status.slug().to_owned(),
                detail: f.connection.clone(),
                email,
                phone,
            }
        })
        .collect();
    let contacts = d
        .contacts
        .iter()
        .map(|c| {
            let (email, phone) = details(&c.contact);
            Person {
                id: c.id.clone(),
                name: c.name.clone(),
                role: c.role.slug().to_owned(),
                detail: c.organization.clone(),
                email,
                phone,
            }
        })
        .collect();
    let readiness: Vec<ReadinessItem> = Requirement::ALL
        .iter()
        .map(|&requirement| {
            let a = d.readiness.get(requirement);
            ReadinessItem {
                requirement,
                status: a.map_or(ReadinessStatus::Unknown, |a| a.status),
                evidence: a.and_then(|a| a.evidence.clone()),
                assessed: a.and_then(|a| a.assessed),
            }
        })
        .collect();
    let questions = readiness
        .iter()
        .filter(|r| r.status != ReadinessStatus::Met)
        .map(|r| r.requirement)
        .collect();
    let mut interactions: Vec<InteractionItem> = d
        .interactions
        .iter()
        .map(|i| InteractionItem {
            date: i.date,
            kind: i.kind,
            title: i.title.clone(),
            with: i.with.clone(),
        })
        .collect();
    interactions.sort_by_key(|i| std::cmp::Reverse(i.date));
    interactions.truncate(RECENT);
    let mut reviews = d.reviews.clone();
    reviews.sort_by_key(|r| std::cmp::Reverse(r.date));
    reviews.truncate(RECENT);
    Brief {
        slug: d.slug.clone(),
        name: d.name.clone(),
        country: d.country.clone(),
        relationship: d.relationship.clone(),
        representatives: d.representatives.clone(),
        joint_chamber: d.joint_chamber.clone(),
        facilitators,
        contacts,
        readiness,
        questions,
        open_actions: d.open_actions().cloned().collect(),
        opportunities: d.opportunities.clone(),
        reviews,
        interactions,
    }
}
