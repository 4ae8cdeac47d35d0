//! The brief for a case-file review session with experts and embassy counsellors.

use jiff::civil::Date;
use serde::Serialize;

use super::actions::ActionRow;
use super::roadmap::OpportunityRow;
use crate::model::vocab::{
    FacilitatorStatus, InteractionKind, ReadinessStatus, RelationKind, RelationStatus, Requirement,
};
use crate::model::{Dossier, Names};

/// How many past interactions and reviews a brief shows.
pub const RECENT: usize = 10;

/// Every optional field is present (null when absent), so templates can test it without
/// tripping over an undefined value.
#[derive(Clone, Debug, Serialize)]
pub struct Brief {
    pub slug: String,
    pub name: Names,
    pub country: String,
    pub relationship: RelationshipView,
    pub representatives: RepresentativesView,
    pub joint_chamber: Option<String>,
    pub facilitators: Vec<Person>,
    pub contacts: Vec<Person>,
    pub readiness: Vec<ReadinessItem>,
    /// The requirements not met, as questions for the session.
    pub questions: Vec<Requirement>,
    pub open_actions: Vec<ActionRow>,
    pub opportunities: Vec<OpportunityRow>,
    pub reviews: Vec<ReviewView>,
    pub interactions: Vec<InteractionItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RelationshipView {
    pub kind: RelationKind,
    pub status: RelationStatus,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub signed: Option<String>,
    pub notes: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RepresentativesView {
    pub municipality: Option<String>,
    pub chamber: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviewView {
    pub date: Date,
    pub participants: Vec<String>,
    pub outcome: String,
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

/// The brief as of `today`: interactions planned for later are not "recent".
pub fn build(d: &Dossier, include_contacts: bool, today: Date) -> Brief {
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
        .filter(|i| i.date <= today)
        .map(|i| InteractionItem {
            date: i.date,
            kind: i.kind,
            title: i.title.clone(),
            with: i.with.clone(),
        })
        .collect();
    interactions.sort_by_key(|i| std::cmp::Reverse(i.date));
    interactions.truncate(RECENT);
    let mut reviews: Vec<ReviewView> = d
        .reviews
        .iter()
        .map(|r| ReviewView {
            date: r.date,
            participants: r.participants.clone(),
            outcome: r.outcome.clone(),
        })
        .collect();
    reviews.sort_by_key(|r| std::cmp::Reverse(r.date));
    reviews.truncate(RECENT);
    Brief {
        slug: d.slug.clone(),
        name: d.name.clone(),
        country: d.country.clone(),
        relationship: RelationshipView {
            kind: d.relationship.kind,
            status: d.relationship.status,
            signed: d.relationship.signed.map(|s| s.to_string()),
            notes: d.relationship.notes.clone(),
            sources: d.relationship.sources.clone(),
        },
        representatives: RepresentativesView {
            municipality: d.representatives.municipality.clone(),
            chamber: d.representatives.chamber.clone(),
        },
        joint_chamber: d.joint_chamber.clone(),
        facilitators,
        contacts,
        readiness,
        questions,
        open_actions: d
            .open_actions()
            .map(|a| ActionRow::new(&d.slug, a, today))
            .collect(),
        opportunities: d.opportunities.iter().map(OpportunityRow::from).collect(),
        reviews,
        interactions,
    }
}
