//! A file's located tree read as records: which kind of record each text belongs to (an
//! interaction, an action, …), its id or date and title, and the field the text is in.
//!
//! Read from the tree, not from the checked dossier, so that every text value is found with
//! its place in the file, the analysts' `x-` keys too, and a dossier that breaks a rule (a key
//! misspelt, say) is still searched: its text is the analysts' all the same.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::yaml::{Node, Value};

/// The kinds of record a hit is in (`--in`).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The city's own fields: names, relationship, representatives, joint chamber, sectors.
    City,
    Interaction,
    Action,
    Opportunity,
    Review,
    Event,
    Facilitator,
    Contact,
    Readiness,
    /// The dossier's `notes` and the relationship's `notes`.
    Notes,
    /// A candidate of the pool (`pool.yaml`).
    Candidate,
}

impl Kind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::City => lang.pick("city", "شهر"),
            Kind::Interaction => lang.pick("interaction", "تعامل"),
            Kind::Action => lang.pick("action", "اقدام"),
            Kind::Opportunity => lang.pick("opportunity", "فرصت"),
            Kind::Review => lang.pick("review", "جلسهٔ بررسی"),
            Kind::Event => lang.pick("event", "رویداد"),
            Kind::Facilitator => lang.pick("facilitator", "تسهیل‌گر"),
            Kind::Contact => lang.pick("contact", "رابط"),
            Kind::Readiness => lang.pick("readiness", "آمادگی"),
            Kind::Notes => lang.pick("notes", "یادداشت‌ها"),
            Kind::Candidate => lang.pick("candidate", "داوطلب"),
        }
    }

    /// The key of a record's own date: what `--since` and `--until` compare, and what orders
    /// hits newest first. An action is dated by its `done` date when it has one, else `due`.
    fn date_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Interaction | Kind::Review | Kind::Event => &["date"],
            Kind::Action => &["done", "due"],
            Kind::Readiness => &["assessed"],
            Kind::Facilitator => &["since"],
            Kind::Candidate => &["signed_up"],
            Kind::City | Kind::Opportunity | Kind::Contact | Kind::Notes => &[],
        }
    }

    /// The key that names a record to a reader.
    fn title_key(self) -> Option<&'static str> {
        match self {
            Kind::Interaction | Kind::Action | Kind::Opportunity | Kind::Event => Some("title"),
            Kind::Facilitator | Kind::Contact | Kind::Candidate => Some("name"),
            Kind::City | Kind::Review | Kind::Readiness | Kind::Notes => None,
        }
    }
}

/// Which file a tree is: a dossier, or the pool of candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Dossier,
    Pool,
}

/// The lists of a dossier whose entries are records, and the pool's.
const LISTS: &[(&str, Kind)] = &[
    ("interactions", Kind::Interaction),
    ("actions", Kind::Action),
    ("opportunities", Kind::Opportunity),
    ("reviews", Kind::Review),
    ("events", Kind::Event),
    ("facilitators", Kind::Facilitator),
    ("contacts", Kind::Contact),
];

/// Keys whose values are not text to search: ids and slugs, vocabulary (statuses, kinds,
/// roles, owners, stages), codes, dates and times, and references to people or cities by id.
/// Inside an `x-` key everything is the analysts' text.
const NOT_TEXT: &[&str] = &[
    "id",
    "slug",
    "country",
    "status",
    "kind",
    "role",
    "owner",
    "stage",
    "lead",
    "from",
    "date",
    "due",
    "done",
    "since",
    "signed",
    "assessed",
    "expires",
    "end",
    "time",
    "signed_up",
    "languages",
    "with",
    "participants",
    "interests",
    "follow_up_days",
];

/// One text value of a record.
#[derive(Debug)]
pub struct Text<'t> {
    /// Where in the record: `summary`, `history[0].note`, `relationship.sources[1]`.
    pub field: String,
    pub node: &'t Node,
    pub text: &'t str,
}

#[derive(Debug)]
pub struct Record<'t> {
    pub kind: Kind,
    pub id: Option<&'t str>,
    pub date: Option<Date>,
    pub title: Option<&'t str>,
    pub texts: Vec<Text<'t>>,
}

/// What of contact details is read: by default nothing under a `contact:` or any e-mail or
/// phone key (the rule error messages mask by, [`crate::problem::is_private_key`]); with
/// `contacts`, the values written in plain. An `ENC[…]` value is never read: `sealed` counts
/// those that `contacts` would have asked for.
#[derive(Debug, Default)]
pub struct Privacy {
    pub contacts: bool,
    pub sealed: usize,
}

/// The records of `tree`, in file order.
pub fn read<'t>(tree: &'t Node, file: FileKind, privacy: &mut Privacy) -> Vec<Record<'t>> {
    let mut records = Vec::new();
    let Some(entries) = tree.as_map() else {
        return records;
    };
    let mut city = Record::new(Kind::City, None);
    for (key, value) in entries {
        let key = key.key_text();
        let list = match file {
            FileKind::Dossier => LISTS.iter().find(|(k, _)| *k == key).map(|(_, kind)| *kind),
            FileKind::Pool => (key == "candidates").then_some(Kind::Candidate),
        };
        match (file, list, &value.value) {
            (_, Some(kind), Value::Seq(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let mut record = Record::new(kind, Some(item));
                    collect(
                        item,
                        &mut String::new(),
                        false,
                        false,
                        privacy,
                        &mut record.texts,
                    );
                    record.name_scalar(&format!("{key}[{i}]"));
                    records.push(record);
                }
            }
            (FileKind::Pool, _, _) => {}
            (_, _, Value::Map(requirements)) if key == "readiness" => {
                for (requirement, assessment) in requirements {
                    let mut record = Record::new(Kind::Readiness, Some(assessment));
                    record.id = requirement.as_str();
                    let mut path = String::new();
                    collect(
                        assessment,
                        &mut path,
                        false,
                        false,
                        privacy,
                        &mut record.texts,
                    );
                    record.name_scalar(&format!("readiness.{}", requirement.key_text()));
                    records.push(record);
                }
            }
            (_, _, Value::Map(fields)) if key == "relationship" => {
                for (field, value) in fields {
                    let path = format!("relationship.{}", field.key_text());
                    if field.as_str() == Some("notes") {
                        records.push(Record::notes(value, path, privacy));
                    } else {
                        collect_under(&field.key_text(), value, path, privacy, &mut city.texts);
                    }
                }
            }
            _ if key == "notes" => records.push(Record::notes(value, key, privacy)),
            _ => collect_under(&key, value, key.clone(), privacy, &mut city.texts),
        }
    }
    records.insert(0, city);
    records.retain(|r| !r.texts.is_empty());
    records
}

impl<'t> Record<'t> {
    fn new(kind: Kind, node: Option<&'t Node>) -> Self {
        let get = |key: &str| node.and_then(|n| n.get(key)).and_then(Node::as_str);
        Record {
            kind,
            id: get("id"),
            date: kind
                .date_keys()
                .iter()
                .find_map(|key| get(key))
                .and_then(|text| text.parse().ok()),
            title: kind.title_key().and_then(get),
            texts: Vec::new(),
        }
    }

    fn notes(value: &'t Node, path: String, privacy: &mut Privacy) -> Self {
        let mut record = Record::new(Kind::Notes, None);
        collect(
            value,
            &mut path.clone(),
            false,
            false,
            privacy,
            &mut record.texts,
        );
        record.name_scalar(&path);
        record
    }

    /// A record that is text itself (an entry of a list written as one line, the notes)
    /// names its field by its place in the file.
    fn name_scalar(&mut self, path: &str) {
        for text in &mut self.texts {
            if text.field.is_empty() {
                text.field = path.to_owned();
            }
        }
    }
}

/// The text of `value` under `key` at `path`, by the rules of [`collect`] for a key.
fn collect_under<'t>(
    key: &str,
    value: &'t Node,
    mut path: String,
    privacy: &mut Privacy,
    out: &mut Vec<Text<'t>>,
) {
    let x = key.starts_with("x-");
    if !x && NOT_TEXT.contains(&key) {
        return;
    }
    let private = crate::problem::is_private_key(key);
    if private && !privacy.contacts {
        return;
    }
    collect(value, &mut path, x, private, privacy, out);
}

/// Every text value under `node`, its field named from `path` on; inside an `x-` key (`x`:
/// every key holds text) or a contact detail (`private`).
fn collect<'t>(
    node: &'t Node,
    path: &mut String,
    x: bool,
    private: bool,
    privacy: &mut Privacy,
    out: &mut Vec<Text<'t>>,
) {
    match &node.value {
        Value::Str(text) => {
            if crate::crypto::is_sealed(text) {
                privacy.sealed += usize::from(private && privacy.contacts);
            } else if !private || privacy.contacts {
                out.push(Text {
                    field: path.clone(),
                    node,
                    text,
                });
            }
        }
        Value::Seq(items) => {
            let len = path.len();
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                collect(item, path, x, private, privacy, out);
                path.truncate(len);
            }
        }
        Value::Map(entries) => {
            let len = path.len();
            for (key, value) in entries {
                let key = key.key_text();
                let inner_x = x || key.starts_with("x-");
                if !inner_x && NOT_TEXT.contains(&key.as_str()) {
                    continue;
                }
                let inner_private = private || crate::problem::is_private_key(&key);
                if inner_private && !privacy.contacts {
                    continue;
                }
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key);
                collect(value, path, inner_x, inner_private, privacy, out);
                path.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::Path;

    use super::*;

    fn tree(text: &str) -> Node {
        crate::yaml::parse(Path::new("t.yaml"), text.as_bytes(), Lang::En)
            .unwrap()
            .unwrap()
    }

    fn summary(records: &[Record]) -> Vec<String> {
        records
            .iter()
            .flat_map(|r| {
                r.texts.iter().map(move |t| {
                    format!(
                        "{:?} {} {} {}: {}",
                        r.kind,
                        r.id.unwrap_or("-"),
                        r.date.map_or("-".to_owned(), |d| d.to_string()),
                        t.field,
                        t.text
                    )
                })
            })
            .collect()
    }

    #[test]
    fn kinds_ids_dates_and_fields() {
        let tree = tree(
            "slug: kazan\nname: {en: Kazan, fa: کازان}\ncountry: RU\nrelationship:\n  status: active\n  notes: Signed in 2025.\n  sources: [realnoevremya]\nsectors: [food]\nfacilitators:\n  - id: maryam\n    name: Maryam\n    since: 2026-06-15\n    contact: {email: m@example.org, phone: '+98 913'}\n    x-phone: '0913'\n    x-note: likes saffron\nactions:\n  - {id: a-1, title: Apply, due: 2026-12-31, status: open}\n  - {id: a-2, title: Done one, due: 2026-10-01, done: 2026-09-30, status: done}\ninteractions:\n  - date: 2026-11-22\n    kind: call\n    title: Call\n    with: [maryam]\n    summary: |\n      halal\nreadiness:\n  branding: {status: unmet, evidence: no brochure, assessed: 2026-09-10}\nevents:\n  - {id: e-1, date: 2027-05-01, title: Expo, place: Kazan Expo}\nnotes: Fast.\nx-budget: 1405-intl\n",
        );
        let mut privacy = Privacy::default();
        let records = read(&tree, FileKind::Dossier, &mut privacy);
        assert_eq!(
            summary(&records),
            [
                "City - - name.en: Kazan",
                "City - - name.fa: کازان",
                "City - - relationship.sources[0]: realnoevremya",
                "City - - sectors[0]: food",
                "City - - x-budget: 1405-intl",
                "Notes - - relationship.notes: Signed in 2025.",
                "Facilitator maryam 2026-06-15 name: Maryam",
                "Facilitator maryam 2026-06-15 x-note: likes saffron",
                "Action a-1 2026-12-31 title: Apply",
                "Action a-2 2026-09-30 title: Done one",
                "Interaction - 2026-11-22 title: Call",
                "Interaction - 2026-11-22 summary: halal\n",
                "Readiness branding 2026-09-10 evidence: no brochure",
                "Event e-1 2027-05-01 title: Expo",
                "Event e-1 2027-05-01 place: Kazan Expo",
                "Notes - - notes: Fast.",
            ]
        );
    }

    #[test]
    fn contact_details_only_when_asked_and_never_sealed() {
        let tree = tree(
            "facilitators:\n  - id: a\n    name: A\n    contact:\n      email: a@example.org\n      phone: ENC[v1,k,abc]\n    mobile: '0913 111'\ncontacts:\n  - id: b\n    name: B\n    contact: {email: 'ENC[v1,k,def]'}\n",
        );
        let mut privacy = Privacy::default();
        let texts = summary(&read(&tree, FileKind::Dossier, &mut privacy));
        assert_eq!(texts, ["Facilitator a - name: A", "Contact b - name: B"]);
        assert_eq!(privacy.sealed, 0);
        let mut privacy = Privacy {
            contacts: true,
            sealed: 0,
        };
        let texts = summary(&read(&tree, FileKind::Dossier, &mut privacy));
        assert_eq!(
            texts,
            [
                "Facilitator a - name: A",
                "Facilitator a - contact.email: a@example.org",
                "Facilitator a - mobile: 0913 111",
                "Contact b - name: B",
            ]
        );
        assert_eq!(privacy.sealed, 2);
    }

    #[test]
    fn the_pool_is_its_candidates() {
        let tree = tree(
            "candidates:\n  - {id: sara, name: Sara, signed_up: 2026-10-01, source: fair, notes: speaks Catalan}\nx-other: not a candidate\n",
        );
        let records = read(&tree, FileKind::Pool, &mut Privacy::default());
        assert_eq!(
            summary(&records),
            [
                "Candidate sara 2026-10-01 name: Sara",
                "Candidate sara 2026-10-01 source: fair",
                "Candidate sara 2026-10-01 notes: speaks Catalan",
            ]
        );
    }
}
