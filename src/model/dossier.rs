use std::collections::BTreeMap;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::vocab::*;
use crate::calendar::{self, Calendar};
use crate::i18n::{Lang, localize_digits};

/// One sister city's case file: `cities/<slug>.yaml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    #[schemars(schema_with = "country_schema")]
    pub country: String,
    /// The city's working languages (language codes, e.g. `[es, ca]`); none written: the
    /// country's likely language ([`Dossier::languages`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub languages: Vec<String>,
    pub relationship: Relationship,
    #[serde(default, skip_serializing_if = "Representatives::is_empty")]
    #[schemars(with = "Option<Representatives>")]
    pub representatives: Representatives,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint_chamber: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub sectors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub facilitators: Vec<Facilitator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    #[schemars(with = "Option<Readiness>")]
    pub readiness: Readiness,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub actions: Vec<Action>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub interactions: Vec<Interaction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub opportunities: Vec<Opportunity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub reviews: Vec<Review>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The analysts' own `x-` keys, kept as they are.
    #[serde(skip)]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A name in English, Persian and the city's own language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Names {
    #[schemars(regex(pattern = r"\S"))]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Relationship {
    pub kind: RelationKind,
    pub status: RelationStatus,
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only that much is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<PartialDate>,
    /// When the agreement (an MoU) ends; its renewal is due `renew_notice_days` before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<StoredDate>")]
    pub expires: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub sources: Vec<String>,
    /// Each change of `status`, oldest first (`city set --status`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub history: Vec<StatusChange>,
}

/// The relationship's status from a date on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct StatusChange {
    pub status: RelationStatus,
    #[schemars(with = "StoredDate")]
    pub date: Date,
    /// The status before, on the first entry of a history begun when the relationship already
    /// had one (`city set --status`); every later entry follows the one above it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<RelationStatus>,
}

/// An opportunity's stage from a date on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct StageChange {
    pub stage: Stage,
    #[schemars(with = "StoredDate")]
    pub date: Date,
    /// The stage before, on the first entry of a history begun when the opportunity already had
    /// one (a hand-written opportunity moved with `opportunity set --stage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Stage>,
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

impl PartialDate {
    /// As a table shows it: a full date in `calendar`; a bare year or month as written.
    pub fn format(self, calendar: Calendar, lang: Lang) -> String {
        match self {
            PartialDate::Day(d) => calendar::format_date(d, calendar, lang),
            other => localize_digits(&other.to_string(), lang).into_owned(),
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
    // As the reader takes it: a full date (Gregorian), or a year or month in 1900–2200.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let day = generator.subschema_for::<StoredDate>();
        schemars::json_schema!({
            "description": "When the agreement was signed: `YYYY-MM-DD`, or `YYYY-MM` or `YYYY` where only that much is known.",
            "anyOf": [
                day,
                {"type": "string", "pattern": r"^(19\d\d|2[01]\d\d|2200)(-(0[1-9]|1[0-2]))?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2200}
            ]
        })
    }
}

/// The country codes `validate` accepts, [`super::country::CODES`], as the schema's enum: one
/// list, so editors and `validate` agree.
fn country_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "ISO 3166-1 alpha-2 code, e.g. `ES`.",
        "type": "string",
        "enum": super::country::CODES
    })
}

/// The schema of a stored date (the field's type stays `jiff::civil::Date`): Gregorian
/// `YYYY-MM-DD`, with a month 01–12 and a day that month can have (29 February is left to
/// `format: date` and `validate`, which know leap years). A year in 1200–1500 is refused, as the
/// reader refuses it: it is a Solar Hijri date written by mistake. Editors that do not check
/// `format` still see every impossible month and day.
pub(super) struct StoredDate;

impl JsonSchema for StoredDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A Gregorian date, `YYYY-MM-DD` (dossiers never store Solar Hijri dates).",
            "type": "string",
            "format": "date",
            "pattern": STORED_DATE_PATTERN
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Facilitator {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<String>,
    pub status: FacilitatorStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<StoredDate>")]
    pub since: Option<Date>,
    /// Days between follow-ups with them, over their role's in `diplomat.yaml`; 0: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 3650))]
    pub follow_up_days: Option<u32>,
    #[serde(default, skip_serializing_if = "ContactDetails::is_empty")]
    #[schemars(with = "Option<ContactDetails>")]
    pub contact: ContactDetails,
}

/// Private: shown only when an analyst asks for it (`--contacts`, `--include-contacts`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Contact {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    pub role: ContactRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub languages: Vec<String>,
    /// Days between follow-ups with them, over their role's in `diplomat.yaml`; 0: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 3650))]
    pub follow_up_days: Option<u32>,
    #[serde(default, skip_serializing_if = "ContactDetails::is_empty")]
    #[schemars(with = "Option<ContactDetails>")]
    pub contact: ContactDetails,
}

/// The six requirements; an absent one has not been assessed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Assessment {
    pub status: ReadinessStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<StoredDate>")]
    pub assessed: Option<Date>,
}

/// Year (not 1200–1500), month, and a day the month can have.
const STORED_DATE_PATTERN: &str = concat!(
    r"^(0\d{3}|1[01]\d\d|150[1-9]|15[1-9]\d|1[6-9]\d\d|[2-9]\d{3})-",
    r"((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2\d))$"
);

/// One step of the joint action plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// As `validate` requires, a `done` action has a `done:` date: the schema's `if`/`then`.
#[schemars(extend(
    "patternProperties" = { "^x-": {} },
    "if" = { "properties": { "status": { "const": "done" } }, "required": ["status"] },
    "then" = { "properties": { "done": { "type": "string" } }, "required": ["done"] }
))]
pub struct Action {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    #[schemars(regex(pattern = r"\S"))]
    pub title: String,
    pub owner: Owner,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<StoredDate>")]
    pub due: Option<Date>,
    pub status: ActionStatus,
    /// Required when `status` is `done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<StoredDate>")]
    pub done: Option<Date>,
}

impl Action {
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due < today)
    }
}

/// Something planned with the city: a meeting, our visit abroad, their delegation in Isfahan,
/// an exhibition or event, a case-file review session. What is coming, where an interaction
/// is what happened (`event held` records both).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Event {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    /// The (first) day.
    #[schemars(with = "StoredDate")]
    pub date: Date,
    /// The last day of an event of several days; not before `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<StoredDate>")]
    pub end: Option<Date>,
    /// When it begins, `HH:MM`, Isfahan time; none for an event of the whole day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeOfDay>,
    pub kind: EventKind,
    #[schemars(regex(pattern = r"\S"))]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Ids of the dossier's facilitators and contacts who take part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub with: Vec<String>,
    pub status: EventStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Event {
    /// The last day it takes: `end`, else its one day.
    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(self.date)
    }
}

/// A time of day, `HH:MM` on a 24-hour clock: when an event begins, Isfahan time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    /// 0–23.
    pub hour: i8,
    /// 0–59.
    pub minute: i8,
}

impl TimeOfDay {
    /// `HH:MM` (two digits each, as stored); `None` for anything else.
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let (h, m) = text.split_once(':')?;
        let two = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !two(h) || !two(m) {
            return None;
        }
        let (hour, minute) = (h.parse().ok()?, m.parse().ok()?);
        ((0..24).contains(&hour) && (0..60).contains(&minute)).then_some(TimeOfDay { hour, minute })
    }

    /// The time as jiff has it, for calendars.
    pub fn civil(self) -> jiff::civil::Time {
        jiff::civil::Time::constant(self.hour, self.minute, 0, 0)
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        TimeOfDay::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a time (HH:MM)")))
    }
}

impl JsonSchema for TimeOfDay {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeOfDay".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A time of day, `HH:MM` on a 24-hour clock (Isfahan time), e.g. `10:30`.",
            "type": "string",
            "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"
        })
    }
}

/// A meeting, letter, call, visit or event: the evidence that a relation is alive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Interaction {
    #[schemars(with = "StoredDate")]
    pub date: Date,
    pub kind: InteractionKind,
    #[schemars(regex(pattern = r"\S"))]
    pub title: String,
    /// Ids of the dossier's facilitators and contacts who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub with: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// A trade or investment opportunity, led by the private sector.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Opportunity {
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: String,
    #[schemars(regex(pattern = r"\S"))]
    pub title: String,
    #[schemars(regex(pattern = r"\S"))]
    pub sector: String,
    pub stage: Stage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Owner>,
    /// Each change of `stage`, oldest first (`opportunity set --stage`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub history: Vec<StageChange>,
}

impl Opportunity {
    /// Since when the opportunity is at its stage: the last change to it, when recorded.
    pub fn since(&self) -> Option<Date> {
        self.history
            .last()
            .filter(|h| h.stage == self.stage)
            .map(|h| h.date)
    }
}

/// A case-file review session with experts and embassy counsellors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("patternProperties" = { "^x-": {} }))]
pub struct Review {
    #[schemars(with = "StoredDate")]
    pub date: Date,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("type" = ["array", "null"]))]
    pub participants: Vec<String>,
    #[schemars(regex(pattern = r"\S"))]
    pub outcome: String,
}

impl Dossier {
    /// A dossier with only what every dossier must hold: a `proposed` relationship and no
    /// entries. The start of a new file, and of test data.
    pub fn new(slug: &str, name: Names, country: &str) -> Self {
        Dossier {
            slug: slug.to_owned(),
            name,
            country: country.to_owned(),
            languages: Vec::new(),
            relationship: Relationship {
                kind: RelationKind::Proposed,
                status: RelationStatus::Proposed,
                signed: None,
                expires: None,
                notes: None,
                sources: Vec::new(),
                history: Vec::new(),
            },
            representatives: Representatives::default(),
            joint_chamber: None,
            sectors: Vec::new(),
            facilitators: Vec::new(),
            contacts: Vec::new(),
            readiness: Readiness::default(),
            actions: Vec::new(),
            events: Vec::new(),
            interactions: Vec::new(),
            opportunities: Vec::new(),
            reviews: Vec::new(),
            notes: None,
            extra: BTreeMap::new(),
        }
    }

    /// The city's working languages: those its dossier names, else its country's likely
    /// language (CLDR), if CLDR knows one; and whether they were named.
    pub fn working_languages(&self) -> (Vec<String>, bool) {
        if !self.languages.is_empty() {
            return (self.languages.clone(), true);
        }
        let likely = super::languages::likely_language(&self.country);
        (likely.into_iter().collect(), false)
    }

    /// The latest interaction on or before `today`.
    pub fn last_contact(&self, today: Date) -> Option<Date> {
        self.interactions
            .iter()
            .map(|i| i.date)
            .filter(|d| *d <= today)
            .max()
    }

    /// The name of the facilitator or contact `id`, a facilitator's Persian name in Persian
    /// where the dossier has it; `None` when no one has that id.
    pub fn person_name(&self, id: &str, lang: Lang) -> Option<&str> {
        let facilitator = self.facilitators.iter().find(|f| f.id == id).map(|f| {
            match (lang, f.name_fa.as_deref()) {
                (Lang::Fa, Some(fa)) if !fa.trim().is_empty() => fa,
                _ => f.name.as_str(),
            }
        });
        facilitator.or_else(|| {
            self.contacts
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.name.as_str())
        })
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
