//! The joint action plan and opportunities, grouped by joint chamber and city: the document
//! handed to the heads of the joint chambers of commerce.

use serde::Serialize;

use super::actions::ActionRow;
use crate::model::vocab::{Owner, Stage};
use crate::model::{Dossier, Names};

#[derive(Clone, Debug, Serialize)]
pub struct Roadmap {
    pub chambers: Vec<Chamber>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Chamber {
    /// The joint chamber's name; null groups the cities that have none named.
    pub joint_chamber: Option<String>,
    pub cities: Vec<CityPlan>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CityPlan {
    pub slug: String,
    pub name: Names,
    pub actions: Vec<ActionRow>,
    pub opportunities: Vec<OpportunityRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpportunityRow {
    pub id: String,
    pub title: String,
    pub sector: String,
    pub stage: Stage,
    pub lead: Option<Owner>,
}

impl From<&crate::model::Opportunity> for OpportunityRow {
    fn from(o: &crate::model::Opportunity) -> Self {
        OpportunityRow {
            id: o.id.clone(),
            title: o.title.clone(),
            sector: o.sector.clone(),
            stage: o.stage,
            lead: o.lead,
        }
    }
}

/// Open actions (by due date) and live opportunities of `dossiers`; actions only of `owner`
/// when given. Chambers in name order, the cities without one last.
pub fn build(dossiers: &[&Dossier], owner: Option<Owner>, today: jiff::civil::Date) -> Roadmap {
    // Each city once, in slug order, however the cities were named.
    let mut dossiers = dossiers.to_vec();
    dossiers.sort_by(|a, b| a.slug.cmp(&b.slug));
    dossiers.dedup_by(|a, b| a.slug == b.slug);
    let mut chambers: Vec<Chamber> = Vec::new();
    for d in dossiers {
        let mut actions: Vec<ActionRow> = d
            .open_actions()
            .filter(|a| owner.is_none_or(|o| a.owner == o))
            .map(|a| ActionRow::new(&d.slug, a, today))
            .collect();
        actions
            .sort_by(|a, b| (a.due.is_none(), a.due, &a.id).cmp(&(b.due.is_none(), b.due, &b.id)));
        let opportunities = d
            .opportunities
            .iter()
            .filter(|o| !matches!(o.stage, Stage::Closed | Stage::Lost))
            .filter(|o| owner.is_none_or(|w| o.lead == Some(w)))
            .map(OpportunityRow::from)
            .collect();
        let plan = CityPlan {
            slug: d.slug.clone(),
            name: d.name.clone(),
            actions,
            opportunities,
        };
        match chambers
            .iter_mut()
            .find(|c| c.joint_chamber == d.joint_chamber)
        {
            Some(chamber) => chamber.cities.push(plan),
            None => chambers.push(Chamber {
                joint_chamber: d.joint_chamber.clone(),
                cities: vec![plan],
            }),
        }
    }
    chambers.sort_by(|a, b| {
        (a.joint_chamber.is_none(), &a.joint_chamber)
            .cmp(&(b.joint_chamber.is_none(), &b.joint_chamber))
    });
    Roadmap { chambers }
}
