use std::collections::BTreeMap;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;

use super::vocab::*;
use crate::lang::Lang;

/// One sister city's case file: `cities/<slug>.yaml`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "diplomat dossier",
    description = "One sister city's case file in the Citizen Diplomat programme. Keys starting with `x-` are the analysts' own and are kept.",
    extend("patternProperties" = { "^x-": {} })
)]
pub struct Dossier {
    /// Equals the file name without `.yaml`: `[a-z0-9]+(-[a-z0-9]+)*`.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"), length(max = 64))]
    pub slug: String,
    pub name: Names,
    /// ISO 3166-1 alpha-2 code, e.g. `ES`.
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: String,
    pub relationship: Relationship,
    #[serde(default, skip_serializing_if = "Representatives::is_empty")]
    pub representatives: Representatives,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint_chamber: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilitators: Vec<Facilitator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub readiness: Readiness,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<Interaction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<Opportunity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The analysts' own `x-` keys, kept as they are.
    #[serde(skip)]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A name in English, Persian and the city's own language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub en: String,
    #[serde(default)]
    pub fa: Option<String>,
    #[serde(default)]
    pub local: Option<String>,
}

impl Names {
    /// The name to show: Persian when asked and known, else English.
    pub fn shown(&self, lang: Lang) -> &str {
        match (lang, &self.fa) {
            (Lang::Fa, Some(fa)) if !fa.is_empty() => fa,
            _ => &self.en,
        }
    }

    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.en.as_str())
            .chain(self.fa.as_deref())
            .chain(self.local.as_deref())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    pub kind: RelationKind,
    pub status: RelationStatus,
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only that much is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// A signing date known to the day, the month or only the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PartialDate {
    Year(i16),
    Month(i16, i8),
    Day(Date),
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{d}"),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A Gregorian date `YYYY-MM-DD`, or `YYYY-MM` or `YYYY`.",
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representatives {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chamber: Option<String>,
}

impl Representatives {
    pub fn is_empty(&self) -> bool {
        self.municipality.is_none() && self.chamber.is_none()
    }
}

/// An Isfahan citizen who can open doors in the city.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facilitator {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_fa: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expertise: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<String>,
    pub status: FacilitatorStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub since: Option<Date>,
    #[serde(default, skip_serializing_if = "ContactDetails::is_empty")]
    pub contact: ContactDetails,
}

/// Private: shown only when an analyst asks for it (`--contacts`, `--include-contacts`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl ContactDetails {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.phone.is_none()
    }
}

/// An expert, counsellor or official the programme works with.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    pub name: String,
    pub role: ContactRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "ContactDetails::is_empty")]
    pub contact: ContactDetails,
}

/// The six requirements; an absent one has not been assessed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Readiness {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_environment: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diplomatic_support: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub investment_readiness: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_capacity: Option<Assessment>,
}

impl Readiness {
    pub fn get(&self, requirement: Requirement) -> Option<&Assessment> {
        self.slot(requirement).as_ref()
    }

    pub fn slot_mut(&mut self, requirement: Requirement) -> &mut Option<Assessment> {
        match requirement {
            Requirement::Communication => &mut self.communication,
            Requirement::InternationalEnvironment => &mut self.international_environment,
            Requirement::DiplomaticSupport => &mut self.diplomatic_support,
            Requirement::InvestmentReadiness => &mut self.investment_readiness,
            Requirement::Branding => &mut self.branding,
            Requirement::InternationalCapacity => &mut self.international_capacity,
        }
    }

    fn slot(&self, requirement: Requirement) -> &Option<Assessment> {
        match requirement {
            Requirement::Communication => &self.communication,
            Requirement::InternationalEnvironment => &self.international_environment,
            Requirement::DiplomaticSupport => &self.diplomatic_support,
            Requirement::InvestmentReadiness => &self.investment_readiness,
            Requirement::Branding => &self.branding,
            Requirement::InternationalCapacity => &self.international_capacity,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub status: ReadinessStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub assessed: Option<Date>,
}

/// One step of the joint action plan.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    pub title: String,
    pub owner: Owner,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub due: Option<Date>,
    pub status: ActionStatus,
    /// Required when `status` is `done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub done: Option<Date>,
}

impl Action {
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due < today)
    }
}

/// A meeting, letter, call, visit or event: the evidence that a relation is alive.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Date,
    pub kind: InteractionKind,
    pub title: String,
    /// Ids of the dossier's facilitators and contacts who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// A trade or investment opportunity, led by the private sector.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    pub title: String,
    pub sector: String,
    pub stage: Stage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Owner>,
}

/// A case-file review session with experts and embassy counsellors.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Date,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    pub outcome: String,
}

impl Dossier {
    /// The latest interaction on or before `today`.
    pub fn last_contact(&self, today: Date) -> Option<Date> {
        self.interactions
            .iter()
            .map(|i| i.date)
            .filter(|d| *d <= today)
            .max()
    }

    pub fn active_facilitators(&self) -> usize {
        self.facilitators
            .iter()
            .filter(|f| f.status == FacilitatorStatus::Active)
            .count()
    }

    pub fn open_actions(&self) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(|a| a.status.is_open())
    }

    pub fn overdue_actions(&self, today: Date) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(move |a| a.is_overdue(today))
    }
}
