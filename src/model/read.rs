//! From a located YAML tree to the model, collecting every problem with its position.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::civil::Date;

use super::keys;
use super::vocab::{ActionStatus, Requirement, Vocab};
use super::*;
use crate::calendar;
use crate::diag::{Loc, Problem};
use crate::lang::Lang;
use crate::text::suggest;
use crate::yaml::{Node, Value};

/// Reads nodes of one file and keeps the problems it meets.
pub struct Reader<'a> {
    file: &'a Path,
    source: &'a str,
    pub problems: Vec<Problem>,
}

/// A mapping whose keys have been checked against the allowed ones.
pub struct Fields<'n> {
    pub loc: Loc,
    entries: &'n [(Node, Node)],
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }

    /// The analysts' own `x-` keys.
    pub fn extras(&self) -> BTreeMap<String, serde_json::Value> {
        self.entries
            .iter()
            .filter_map(|(k, v)| {
                let key = k.as_str()?;
                key.starts_with("x-").then(|| (key.to_owned(), v.to_json()))
            })
            .collect()
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a Path, source: &'a str) -> Self {
        Self {
            file,
            source,
            problems: Vec::new(),
        }
    }

    pub fn error(&mut self, loc: Loc, message: impl Into<String>) -> &mut Problem {
        let problem = Problem::new(self.file, Some(loc), message).with_source(self.source);
        self.problems.push(problem);
        let last = self.problems.len() - 1;
        &mut self.problems[last]
    }

    fn error_help(&mut self, loc: Loc, message: impl Into<String>, help: Option<String>) {
        let problem = self.error(loc, message);
        problem.help = help;
    }

    /// A mapping with only `allowed` keys and the analysts' own `x-` keys.
    pub fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Fields<'n>> {
        let Some(entries) = node.as_map() else {
            self.error(
                node.loc,
                format!(
                    "`{what}` should be a mapping of keys, found {}",
                    node.value.kind_name()
                ),
            );
            return None;
        };
        for (key, _) in entries {
            let Some(name) = key.as_str() else {
                self.error(
                    key.loc,
                    format!(
                        "keys in `{what}` must be text, found {}",
                        key.value.kind_name()
                    ),
                );
                continue;
            };
            if allowed.contains(&name) || name.starts_with("x-") {
                continue;
            }
            let help = match suggest(name, allowed.iter().copied(), 1).first() {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "known keys: {}; your own fields may start with `x-`",
                    allowed.join(", ")
                ),
            };
            self.error(key.loc, format!("unknown key `{name}` in `{what}`"))
                .help = Some(help);
            if let Some(last) = self.problems.last_mut() {
                last.width = name.chars().count();
            }
        }
        Some(Fields {
            loc: node.loc,
            entries,
        })
    }

    /// Text, or nothing when absent. A number where text belongs is an error: YAML would have
    /// changed it (`0913` → 913, `1.10` → 1.1), so the analyst must quote it.
    pub fn text(&mut self, node: Option<&Node>, what: &str) -> Option<String> {
        let node = node?;
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Null => None,
            other => {
                let help = matches!(other, Value::Int(_) | Value::Float(_) | Value::Bool(_))
                    .then(|| "put the value in quotes to keep it as text".to_owned());
                self.error_help(
                    node.loc,
                    format!("`{what}` should be text, found {}", other.kind_name()),
                    help,
                );
                None
            }
        }
    }

    /// Required text: missing is an error at the enclosing mapping.
    pub fn required_text(&mut self, fields: &Fields, key: &str, what: &str) -> Option<String> {
        match fields.get(key) {
            Some(node) => self.text(Some(node), what).filter(|s| {
                let empty = s.trim().is_empty();
                if empty {
                    self.error(node.loc, format!("`{what}` is empty"));
                }
                !empty
            }),
            None => {
                self.error(fields.loc, format!("`{what}` is missing"));
                None
            }
        }
    }

    pub fn required<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            self.error(fields.loc, format!("`{what}` is missing"));
        }
        node
    }

    pub fn required_vocab<E: Vocab>(
        &mut self,
        fields: &Fields,
        key: &str,
        what: &str,
    ) -> Option<E> {
        let node = self.required(fields, key, what);
        self.vocab(node, what)
    }

    pub fn required_date(&mut self, fields: &Fields, key: &str, what: &str) -> Option<Date> {
        let node = self.required(fields, key, what);
        self.date(node, what)
    }

    fn required_id(&mut self, fields: &Fields, key: &str, what: &str) -> Option<String> {
        let node = self.required(fields, key, what);
        self.id(node, what)
    }

    /// One value of the shared vocabulary.
    pub fn vocab<E: Vocab>(&mut self, node: Option<&Node>, what: &str) -> Option<E> {
        let node = node?;
        let text = self.text(Some(node), what)?;
        if let Some(value) = E::parse(&text) {
            return Some(value);
        }
        let options = E::all_slugs();
        let help = match suggest(&text, options.iter().copied(), 1).first() {
            Some(near) => format!("did you mean `{near}`? (one of: {})", options.join(", ")),
            None => format!("one of: {}", options.join(", ")),
        };
        self.error_help(
            node.loc,
            format!("`{text}` is not a valid {what}"),
            Some(help),
        );
        if let Some(last) = self.problems.last_mut() {
            last.width = text.chars().count();
        }
        None
    }

    /// A stored date: Gregorian `YYYY-MM-DD` only, so that files sort and diff well.
    pub fn date(&mut self, node: Option<&Node>, what: &str) -> Option<Date> {
        let node = node?;
        let text = match &node.value {
            Value::Str(s) => s.trim().to_owned(),
            Value::Null => return None,
            other => {
                self.error(
                    node.loc,
                    format!(
                        "`{what}` should be a date (YYYY-MM-DD), found {}",
                        other.kind_name()
                    ),
                );
                return None;
            }
        };
        match parse_stored_date(&text) {
            Ok(date) => Some(date),
            Err(DateProblem::Jalali(gregorian)) => {
                let help = match gregorian {
                    Some(g) => format!("dossiers store Gregorian dates: write `{g}`"),
                    None => "dossiers store Gregorian dates (YYYY-MM-DD)".to_owned(),
                };
                self.error_help(
                    node.loc,
                    format!("`{text}` in `{what}` looks like a Solar Hijri date"),
                    Some(help),
                );
                None
            }
            Err(DateProblem::Invalid) => {
                self.error_help(
                    node.loc,
                    format!("`{text}` in `{what}` is not a valid date"),
                    Some("write dates as YYYY-MM-DD, e.g. 2026-11-26".into()),
                );
                None
            }
        }
    }

    /// A list; absent or empty is an empty list.
    pub fn list<T>(
        &mut self,
        node: Option<&Node>,
        what: &str,
        mut item: impl FnMut(&mut Self, &Node) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = node else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|n| item(self, n)).collect(),
            Value::Null => Vec::new(),
            other => {
                self.error(
                    node.loc,
                    format!("`{what}` should be a list, found {}", other.kind_name()),
                );
                Vec::new()
            }
        }
    }

    pub fn text_list(&mut self, node: Option<&Node>, what: &str) -> Vec<String> {
        self.list(node, what, |r, n| r.text(Some(n), what))
    }

    fn id(&mut self, node: Option<&Node>, what: &str) -> Option<String> {
        let node = node?;
        let id = self.text(Some(node), what)?;
        if is_handle(&id) {
            Some(id)
        } else {
            self.error_help(
                node.loc,
                format!("`{id}` is not a valid {what}"),
                Some("ids use lowercase letters, digits and `-`, e.g. `maryam-rahimi`".into()),
            );
            None
        }
    }
}

/// Person handles and entry ids: `[a-z0-9-]+`.
pub fn is_handle(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A file stem that can be a slug: `[a-z0-9]+(-[a-z0-9]+)*`, at most 64 characters.
pub fn is_slug(s: &str) -> bool {
    s.len() <= 64
        && !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

enum DateProblem {
    Jalali(Option<Date>),
    Invalid,
}

fn split_ymd(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

fn parse_stored_date(text: &str) -> Result<Date, DateProblem> {
    let (y, m, d) = split_ymd(text).ok_or(DateProblem::Invalid)?;
    if (1200..=1500).contains(&y) {
        return Err(DateProblem::Jalali(calendar::stored_date_looks_jalali(
            y, m, d,
        )));
    }
    Date::new(
        i16::try_from(y).map_err(|_| DateProblem::Invalid)?,
        i8::try_from(m).map_err(|_| DateProblem::Invalid)?,
        i8::try_from(d).map_err(|_| DateProblem::Invalid)?,
    )
    .map_err(|_| DateProblem::Invalid)
}

/// Reads a whole dossier; `None` when any rule is broken (the problems say which).
pub fn dossier(reader: &mut Reader, root: &Node, expected_slug: &str) -> Option<Dossier> {
    let before = reader.problems.len();
    let f = reader.mapping(root, "dossier", keys::DOSSIER)?;

    let slug = reader.required_text(&f, "slug", "slug");
    if let (Some(slug), Some(node)) = (&slug, f.get("slug"))
        && slug != expected_slug
    {
        reader.error_help(
            node.loc,
            format!("`slug: {slug}` does not match the file name `{expected_slug}.yaml`"),
            Some(format!(
                "write `slug: {expected_slug}`, or rename the file to `{slug}.yaml`"
            )),
        );
    }
    let name = reader
        .required(&f, "name", "name")
        .and_then(|n| names(reader, n));
    let country = reader.required_text(&f, "country", "country");
    if let (Some(code), Some(node)) = (&country, f.get("country"))
        && !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()))
    {
        reader.error_help(
            node.loc,
            format!("`{code}` is not an ISO 3166 country code"),
            Some("use the two capital letters, e.g. `ES` for Spain".into()),
        );
    }
    let relationship = reader
        .required(&f, "relationship", "relationship")
        .and_then(|n| relationship(reader, n));
    let representatives = f
        .get("representatives")
        .and_then(|n| {
            let r = reader.mapping(n, "representatives", keys::REPRESENTATIVES)?;
            Some(Representatives {
                municipality: reader.text(r.get("municipality"), "representatives.municipality"),
                chamber: reader.text(r.get("chamber"), "representatives.chamber"),
            })
        })
        .unwrap_or_default();
    let joint_chamber = reader.text(f.get("joint_chamber"), "joint_chamber");
    let sectors = reader.text_list(f.get("sectors"), "sectors");
    let facilitators = reader.list(f.get("facilitators"), "facilitators", facilitator);
    let contacts = reader.list(f.get("contacts"), "contacts", contact);
    let readiness = f
        .get("readiness")
        .map(|n| readiness(reader, n))
        .unwrap_or_default();
    let actions = reader.list(f.get("actions"), "actions", action);
    let interactions = reader.list(f.get("interactions"), "interactions", interaction);
    let opportunities = reader.list(f.get("opportunities"), "opportunities", opportunity);
    let reviews = reader.list(f.get("reviews"), "reviews", review);
    let notes = reader.text(f.get("notes"), "notes");

    check_unique_ids(reader, f.get("facilitators"), "facilitator");
    check_unique_ids(reader, f.get("contacts"), "contact");
    check_unique_ids(reader, f.get("actions"), "action");
    check_unique_ids(reader, f.get("opportunities"), "opportunity");
    check_with(reader, f.get("interactions"), &facilitators, &contacts);

    if reader.problems.len() > before {
        return None;
    }
    Some(Dossier {
        slug: slug?,
        name: name?,
        country: country?,
        relationship: relationship?,
        representatives,
        joint_chamber,
        sectors,
        facilitators,
        contacts,
        readiness,
        actions,
        interactions,
        opportunities,
        reviews,
        notes,
        extra: f.extras(),
    })
}

pub fn names(reader: &mut Reader, node: &Node) -> Option<Names> {
    let f = reader.mapping(node, "name", keys::NAME)?;
    Some(Names {
        en: reader.required_text(&f, "en", "name.en")?,
        fa: reader.text(f.get("fa"), "name.fa"),
        local: reader.text(f.get("local"), "name.local"),
    })
}

fn relationship(reader: &mut Reader, node: &Node) -> Option<Relationship> {
    let f = reader.mapping(node, "relationship", keys::RELATIONSHIP)?;
    let kind = reader.required_vocab(&f, "kind", "relationship kind");
    let status = reader.required_vocab(&f, "status", "relationship status");
    let signed = f.get("signed").and_then(|n| signed(reader, n));
    Some(Relationship {
        kind: kind?,
        status: status?,
        signed,
        notes: reader.text(f.get("notes"), "relationship.notes"),
        sources: reader.text_list(f.get("sources"), "relationship.sources"),
    })
}

/// `relationship.signed`: a full date, or only the month or year where that is all that is known.
fn signed(reader: &mut Reader, node: &Node) -> Option<PartialDate> {
    let year_ok = |y: i128| (1900..=2200).contains(&y);
    match &node.value {
        Value::Int(y) if year_ok(*y) => i16::try_from(*y).ok().map(PartialDate::Year),
        Value::Str(s) if s.len() == 4 && s.parse::<i128>().is_ok_and(year_ok) => {
            s.parse().ok().map(PartialDate::Year)
        }
        Value::Str(s) if s.len() == 7 => {
            let month = s
                .split_once('-')
                .and_then(|(y, m)| Some((y.parse::<i16>().ok()?, m.parse::<i8>().ok()?)))
                .filter(|(y, m)| year_ok((*y).into()) && (1..=12).contains(m));
            if month.is_none() {
                reader.error_help(
                    node.loc,
                    format!("`{s}` in `relationship.signed` is not a valid month"),
                    Some("write YYYY-MM-DD, YYYY-MM or YYYY".into()),
                );
            }
            month.map(|(y, m)| PartialDate::Month(y, m))
        }
        _ => reader
            .date(Some(node), "relationship.signed")
            .map(PartialDate::Day),
    }
}

fn facilitator(reader: &mut Reader, node: &Node) -> Option<Facilitator> {
    let f = reader.mapping(node, "facilitators[]", keys::FACILITATOR)?;
    let id = reader.required_id(&f, "id", "facilitator id");
    let name = reader.required_text(&f, "name", "facilitator name");
    let status = reader.required_vocab(&f, "status", "facilitator status");
    let facilitator = Facilitator {
        id: id?,
        name: name?,
        name_fa: reader.text(f.get("name_fa"), "name_fa"),
        languages: reader.text_list(f.get("languages"), "languages"),
        expertise: reader.text_list(f.get("expertise"), "expertise"),
        connection: reader.text(f.get("connection"), "connection"),
        status: status?,
        since: reader.date(f.get("since"), "since"),
        contact: f
            .get("contact")
            .and_then(|n| contact_details(reader, n))
            .unwrap_or_default(),
    };
    Some(facilitator)
}

fn contact_details(reader: &mut Reader, node: &Node) -> Option<ContactDetails> {
    let f = reader.mapping(node, "contact", keys::DETAILS)?;
    Some(ContactDetails {
        email: reader.text(f.get("email"), "contact.email"),
        phone: reader.text(f.get("phone"), "contact.phone"),
    })
}

fn contact(reader: &mut Reader, node: &Node) -> Option<Contact> {
    let f = reader.mapping(node, "contacts[]", keys::CONTACT)?;
    let id = reader.required_id(&f, "id", "contact id");
    let name = reader.required_text(&f, "name", "contact name");
    let role = reader.required_vocab(&f, "role", "contact role");
    Some(Contact {
        id: id?,
        name: name?,
        role: role?,
        organization: reader.text(f.get("organization"), "organization"),
        languages: reader.text_list(f.get("languages"), "languages"),
        contact: f
            .get("contact")
            .and_then(|n| contact_details(reader, n))
            .unwrap_or_default(),
    })
}

fn readiness(reader: &mut Reader, node: &Node) -> Readiness {
    let mut readiness = Readiness::default();
    let Some(f) = reader.mapping(node, "readiness", Requirement::all_slugs()) else {
        return readiness;
    };
    for &requirement in Requirement::ALL {
        let Some(item) = f.get(requirement.slug()) else {
            continue;
        };
        let what = format!("readiness.{}", requirement.slug());
        let Some(g) = reader.mapping(item, &what, keys::ASSESSMENT) else {
            continue;
        };
        let status = reader.required_vocab(&g, "status", "readiness status");
        let evidence = reader.text(g.get("evidence"), "evidence");
        let assessed = reader.date(g.get("assessed"), "assessed");
        if let Some(status) = status {
            *readiness.slot_mut(requirement) = Some(Assessment {
                status,
                evidence,
                assessed,
            });
        }
    }
    readiness
}

fn action(reader: &mut Reader, node: &Node) -> Option<Action> {
    let f = reader.mapping(node, "actions[]", keys::ACTION)?;
    let id = reader.required_id(&f, "id", "action id");
    let title = reader.required_text(&f, "title", "action title");
    let owner = reader.required_vocab(&f, "owner", "action owner");
    let status = reader.required_vocab(&f, "status", "action status");
    let due = reader.date(f.get("due"), "due");
    let done = reader.date(f.get("done"), "done");
    if status == Some(ActionStatus::Done) && f.get("done").is_none() {
        let at = f.get("status").map_or(f.loc, |n| n.loc);
        reader.error_help(
            at,
            format!(
                "action `{}` is `done` but has no `done:` date",
                id.as_deref().unwrap_or("?")
            ),
            Some("add `done: YYYY-MM-DD`, or use `diplomat action done CITY ID`".into()),
        );
    }
    Some(Action {
        id: id?,
        title: title?,
        owner: owner?,
        due,
        status: status?,
        done,
    })
}

fn interaction(reader: &mut Reader, node: &Node) -> Option<Interaction> {
    let f = reader.mapping(node, "interactions[]", keys::INTERACTION)?;
    let date = reader.required_date(&f, "date", "interaction date");
    let kind = reader.required_vocab(&f, "kind", "interaction kind");
    let title = reader.required_text(&f, "title", "interaction title");
    let with = reader.text_list(f.get("with"), "with");
    Some(Interaction {
        date: date?,
        kind: kind?,
        title: title?,
        with,
        summary: reader.text(f.get("summary"), "summary"),
    })
}

fn opportunity(reader: &mut Reader, node: &Node) -> Option<Opportunity> {
    let f = reader.mapping(node, "opportunities[]", keys::OPPORTUNITY)?;
    let id = reader.required_id(&f, "id", "opportunity id");
    let title = reader.required_text(&f, "title", "opportunity title");
    let sector = reader.required_text(&f, "sector", "opportunity sector");
    let stage = reader.required_vocab(&f, "stage", "opportunity stage");
    let lead = reader.vocab(f.get("lead"), "opportunity lead");
    Some(Opportunity {
        id: id?,
        title: title?,
        sector: sector?,
        stage: stage?,
        lead,
    })
}

fn review(reader: &mut Reader, node: &Node) -> Option<Review> {
    let f = reader.mapping(node, "reviews[]", keys::REVIEW)?;
    let date = reader.required_date(&f, "date", "review date");
    let participants = reader.text_list(f.get("participants"), "participants");
    let outcome = reader.required_text(&f, "outcome", "review outcome");
    Some(Review {
        date: date?,
        participants,
        outcome: outcome?,
    })
}

/// Ids within one list must be unique; the second use is the error, pointing back at the first.
fn check_unique_ids(reader: &mut Reader, list: Option<&Node>, what: &str) {
    let Some(Value::Seq(items)) = list.map(|n| &n.value) else {
        return;
    };
    let mut seen: HashMap<&str, Loc> = HashMap::new();
    for id_node in items.iter().filter_map(|item| item.get("id")) {
        let Some(id) = id_node.as_str() else { continue };
        if let Some(first) = seen.get(id) {
            reader.error_help(
                id_node.loc,
                format!("duplicate {what} id `{id}`"),
                Some(format!(
                    "`{id}` is already used on line {}; ids must be unique",
                    first.line
                )),
            );
        } else {
            seen.insert(id, id_node.loc);
        }
    }
}

/// `with:` must name people the dossier knows, so the log stays linked to real entries.
fn check_with(
    reader: &mut Reader,
    list: Option<&Node>,
    facilitators: &[Facilitator],
    contacts: &[Contact],
) {
    let Some(Value::Seq(items)) = list.map(|n| &n.value) else {
        return;
    };
    let known: Vec<&str> = facilitators
        .iter()
        .map(|f| f.id.as_str())
        .chain(contacts.iter().map(|c| c.id.as_str()))
        .collect();
    for with in items.iter().filter_map(|item| item.get("with")) {
        let Value::Seq(people) = &with.value else {
            continue;
        };
        for person in people {
            let Some(id) = person.as_str() else { continue };
            if known.contains(&id) {
                continue;
            }
            let help = match suggest(id, known.iter().copied(), 1).first() {
                Some(near) => format!("did you mean `{near}`?"),
                None if known.is_empty() => {
                    "add the person under `facilitators:` or `contacts:` first".into()
                }
                None => format!("known people: {}", known.join(", ")),
            };
            reader.error_help(
                person.loc,
                format!("`with` names `{id}`, who is not a facilitator or contact of this dossier"),
                Some(help),
            );
        }
    }
}

/// Reads `diplomat.yaml`.
pub fn settings(reader: &mut Reader, root: &Node) -> Settings {
    let mut settings = Settings::default();
    let Some(f) = reader.mapping(
        root,
        "diplomat.yaml",
        &[
            "home_city",
            "language",
            "calendar",
            "week_start",
            "stale_after_days",
            "auto_commit",
        ],
    ) else {
        return settings;
    };
    if let Some(home) = f.get("home_city").and_then(|n| names(reader, n)) {
        settings.home_city = home;
    }
    if let Some(lang) = setting_choice(
        reader,
        f.get("language"),
        "language",
        &[("en", Lang::En), ("fa", Lang::Fa)],
    ) {
        settings.language = lang;
    }
    use crate::calendar::{Calendar, WeekStart};
    if let Some(cal) = setting_choice(
        reader,
        f.get("calendar"),
        "calendar",
        &[
            ("gregorian", Calendar::Gregorian),
            ("jalali", Calendar::Jalali),
        ],
    ) {
        settings.calendar = cal;
    }
    if let Some(day) = setting_choice(
        reader,
        f.get("week_start"),
        "week_start",
        &[
            ("saturday", WeekStart::Saturday),
            ("sunday", WeekStart::Sunday),
            ("monday", WeekStart::Monday),
            ("tuesday", WeekStart::Tuesday),
            ("wednesday", WeekStart::Wednesday),
            ("thursday", WeekStart::Thursday),
            ("friday", WeekStart::Friday),
        ],
    ) {
        settings.week_start = day;
    }
    if let Some(node) = f.get("stale_after_days") {
        match node.value {
            Value::Int(n) if (1..=3650).contains(&n) => settings.stale_after_days = n as u32,
            _ => {
                reader.error(
                    node.loc,
                    "`stale_after_days` should be a whole number of days from 1 to 3650",
                );
            }
        }
    }
    if let Some(node) = f.get("auto_commit") {
        match node.value {
            Value::Bool(b) => settings.auto_commit = b,
            _ => {
                reader.error(node.loc, "`auto_commit` should be `true` or `false`");
            }
        }
    }
    settings
}

fn setting_choice<T: Copy>(
    reader: &mut Reader,
    node: Option<&Node>,
    what: &str,
    choices: &[(&str, T)],
) -> Option<T> {
    let node = node?;
    let text = reader.text(Some(node), what)?;
    let found = choices
        .iter()
        .find(|(name, _)| *name == text.to_lowercase());
    if found.is_none() {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        reader.error_help(
            node.loc,
            format!("`{text}` is not a valid `{what}`"),
            Some(format!("one of: {}", names.join(", "))),
        );
    }
    found.map(|(_, v)| *v)
}
