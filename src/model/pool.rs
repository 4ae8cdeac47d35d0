//! `pool.yaml`: the citizens who offered to help and serve no city yet.

use std::collections::BTreeMap;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dossier::StoredDate;
use super::vocab::FacilitatorStatus;
use super::{ContactDetails, Facilitator};

/// The pool of candidates, at the workspace root. Optional: no file is an empty pool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "diplomat pool",
    description = "The citizens who offered to help the Citizen Diplomat programme and serve no city yet. Keys starting with `x-` are the analysts' own and are kept.",
    extend("patternProperties" = { "^x-": {} })
)]
pub struct Pool {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub candidates: Vec<Candidate>,
    /// The analysts' own `x-` keys, kept as they are.
    #[serde(skip)]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A citizen who signed up: a facilitator's fields, and where they came from.
///
/// The id is a person handle shared with the facilitators of every city: the same id is the
/// same person, so a candidate keeps their id when a city takes them on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Candidate {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_fa: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub expertise: Vec<String>,
    /// How the person knows a city or its country (studies, family, trade).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<String>,
    /// The cities they named, by slug (`cities/<slug>.yaml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        extend("type" = ["array", "null"]),
        inner(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))
    )]
    pub interests: Vec<String>,
    /// When they signed up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<StoredDate>")]
    pub signed_up: Option<Date>,
    /// Where the sign-up came from, e.g. "Chamber sign-up sheet, Azar 1405".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "ContactDetails::is_empty")]
    #[schemars(with = "Option<ContactDetails>")]
    pub contact: ContactDetails,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Candidate {
    /// A candidate with only a name and an id.
    pub fn new(id: &str, name: &str) -> Self {
        Candidate {
            id: id.to_owned(),
            name: name.to_owned(),
            name_fa: None,
            languages: Vec::new(),
            expertise: Vec::new(),
            connection: None,
            interests: Vec::new(),
            signed_up: None,
            source: None,
            contact: ContactDetails::default(),
            notes: None,
        }
    }

    /// The facilitator the candidate becomes when a city takes them on: who they are (id,
    /// names, languages, expertise, connection, contact details as stored) with `status` from
    /// `since`. What only the pool keeps (interests, sign-up, source, notes) stays behind.
    pub fn to_facilitator(&self, status: FacilitatorStatus, since: Date) -> Facilitator {
        Facilitator {
            id: self.id.clone(),
            name: self.name.clone(),
            name_fa: self.name_fa.clone(),
            languages: self.languages.clone(),
            expertise: self.expertise.clone(),
            connection: self.connection.clone(),
            status,
            since: Some(since),
            follow_up_days: None,
            contact: self.contact.clone(),
        }
    }
}

impl Pool {
    /// The candidate `id`, if the pool has them.
    pub fn get(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }
}
