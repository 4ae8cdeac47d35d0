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

/// Reads nodes of one file and keeps the problems it meets, said in the language of messages.
pub struct Reader<'a> {
    file: &'a Path,
    source: &'a str,
    pub lang: Lang,
    pub problems: Vec<Problem>,
}

/// Fields that messages name in words rather than by key, with their Persian names; any other
/// field is named by its key, as code.
const FIELDS: &[(&str, &str)] = &[
    ("dossier", "پرونده"),
    ("checklist", "فهرست آمادگی"),
    ("facilitator name", "نام تسهیل‌گر"),
    ("contact name", "نام رابط"),
    ("action title", "عنوان اقدام"),
    ("interaction title", "عنوان تعامل"),
    ("opportunity title", "عنوان فرصت"),
    ("opportunity sector", "بخش فرصت"),
    ("review outcome", "نتیجهٔ جلسهٔ بررسی"),
    ("item id", "شناسهٔ مورد"),
    ("relationship kind", "نوع رابطه"),
    ("relationship status", "وضعیت رابطه"),
    ("facilitator status", "وضعیت تسهیل‌گر"),
    ("contact role", "نقش رابط"),
    ("readiness status", "وضعیت آمادگی"),
    ("action owner", "مسئول اقدام"),
    ("action status", "وضعیت اقدام"),
    ("interaction kind", "نوع تعامل"),
    ("opportunity stage", "مرحلهٔ فرصت"),
    ("opportunity lead", "پیشگام فرصت"),
    ("requirement", "الزام"),
    ("interaction date", "تاریخ تعامل"),
    ("review date", "تاریخ جلسهٔ بررسی"),
    ("history date", "تاریخ در تاریخچه"),
    ("history", "تاریخچه"),
    ("relationship.history", "تاریخچهٔ رابطه"),
    ("facilitator id", "شناسهٔ تسهیل‌گر"),
    ("contact id", "شناسهٔ رابط"),
    ("action id", "شناسهٔ اقدام"),
    ("opportunity id", "شناسهٔ فرصت"),
    ("checklist item id", "شناسهٔ مورد فهرست آمادگی"),
];

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
    pub fn new(file: &'a Path, source: &'a str, lang: Lang) -> Self {
        Self {
            file,
            source,
            lang,
            problems: Vec::new(),
        }
    }

    /// A field as the subject of a message: `` `name.fa` `` in English (as messages always
    /// wrote it); in Persian its name in words when it has one, else its key as code.
    pub fn named(&self, what: &str) -> String {
        match self.lang {
            Lang::En => self.lang.code(what),
            Lang::Fa => self.in_words(what),
        }
    }

    /// A field named in the flow of a sentence ("not a valid relationship status").
    pub fn described(&self, what: &str) -> String {
        match self.lang {
            Lang::En => what.to_owned(),
            Lang::Fa => self.in_words(what),
        }
    }

    fn in_words(&self, what: &str) -> String {
        match FIELDS.iter().find(|(en, _)| *en == what) {
            Some((_, fa)) => (*fa).to_owned(),
            None => self.lang.code(what),
        }
    }

    /// "did you mean `x`?" for the nearest of `options`, else `None`.
    pub fn did_you_mean<'o>(
        &self,
        typed: &str,
        options: impl IntoIterator<Item = &'o str>,
    ) -> Option<String> {
        let near = *suggest(typed, options, 1).first()?;
        let near = self.lang.code(near);
        Some(say!(
            self.lang,
            "did you mean {near}?",
            "منظورتان {near} بود؟"
        ))
    }

    /// "one of: a, b, c" for a closed list of values.
    pub fn one_of(&self, options: &[&str]) -> String {
        let list = match self.lang {
            Lang::En => options.join(", "),
            Lang::Fa => self.lang.join(options.iter().map(|o| self.lang.embed(o))),
        };
        say!(self.lang, "one of: {list}", "یکی از: {list}")
    }

    /// Keys or values listed bare in English (`a, b`), isolated one by one in Persian.
    fn list_of(&self, items: &[&str]) -> String {
        self.lang.join(items.iter().map(|i| self.lang.embed(i)))
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
        let lang = self.lang;
        let Some(entries) = node.as_map() else {
            let (field, found) = (self.named(what), node.value.kind(lang));
            self.error(
                node.loc,
                say!(
                    lang,
                    "{field} should be a mapping of keys, found {found}",
                    "{field} باید نگاشتی از کلیدها باشد، اما {found} آمده است"
                ),
            );
            return None;
        };
        for (key, _) in entries {
            let Some(name) = key.as_str() else {
                let (field, found) = (self.named(what), key.value.kind(lang));
                self.error(
                    key.loc,
                    say!(
                        lang,
                        "keys in {field} must be text, found {found}",
                        "کلیدهای {field} باید متن باشند، اما {found} آمده است"
                    ),
                );
                continue;
            };
            if allowed.contains(&name) || name.starts_with("x-") {
                continue;
            }
            let help = self
                .did_you_mean(name, allowed.iter().copied())
                .unwrap_or_else(|| {
                    let (keys, own) = (self.list_of(allowed), lang.code("x-"));
                    say!(
                        lang,
                        "known keys: {keys}; your own fields may start with {own}",
                        "کلیدهای شناخته: {keys}؛ کلیدهای خودتان می‌توانند با {own} آغاز شوند"
                    )
                });
            let (key_text, field) = (lang.code(name), self.named(what));
            self.error(
                key.loc,
                say!(
                    lang,
                    "unknown key {key_text} in {field}",
                    "کلید ناشناختهٔ {key_text} در {field}"
                ),
            )
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
                let lang = self.lang;
                let help =
                    matches!(other, Value::Int(_) | Value::Float(_) | Value::Bool(_)).then(|| {
                        lang.pick(
                            "put the value in quotes to keep it as text",
                            "مقدار را درون نقل‌قول (\"…\") بگذارید تا متن بماند",
                        )
                        .to_owned()
                    });
                let (field, found) = (self.named(what), other.kind(lang));
                self.error_help(
                    node.loc,
                    say!(
                        lang,
                        "{field} should be text, found {found}",
                        "{field} باید متن باشد، اما {found} آمده است"
                    ),
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
                    let field = self.named(what);
                    let message = say!(self.lang, "{field} is empty", "{field} خالی است");
                    self.error(node.loc, message);
                }
                !empty
            }),
            None => {
                self.missing(fields.loc, what);
                None
            }
        }
    }

    pub fn required<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            self.missing(fields.loc, what);
        }
        node
    }

    fn missing(&mut self, at: Loc, what: &str) {
        let field = self.named(what);
        let message = say!(self.lang, "{field} is missing", "{field} وارد نشده است");
        self.error(at, message);
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
        let one_of = self.one_of(options);
        let help = match self.did_you_mean(&text, options.iter().copied()) {
            Some(near) => format!("{near} ({one_of})"),
            None => one_of,
        };
        let message = self.not_valid(&text, what);
        self.error_help(node.loc, message, Some(help));
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
                let lang = self.lang;
                let (field, found) = (self.named(what), other.kind(lang));
                let shape = lang.embed("YYYY-MM-DD");
                self.error(
                    node.loc,
                    say!(
                        lang,
                        "{field} should be a date ({shape}), found {found}",
                        "{field} باید تاریخ ({shape}) باشد، اما {found} آمده است"
                    ),
                );
                return None;
            }
        };
        let lang = self.lang;
        let (value, field) = (lang.code(&text), self.named(what));
        match parse_stored_date(&text) {
            Ok(date) => Some(date),
            Err(DateProblem::Jalali(gregorian)) => {
                // The Gregorian date is to be typed into the file: ASCII digits, as code.
                let help = match gregorian {
                    Some(g) => {
                        let g = lang.code(g);
                        say!(
                            lang,
                            "dossiers store Gregorian dates: write {g}",
                            "پرونده‌ها تاریخ میلادی نگه می‌دارند: {g} بنویسید"
                        )
                    }
                    None => {
                        let shape = lang.embed("YYYY-MM-DD");
                        say!(
                            lang,
                            "dossiers store Gregorian dates ({shape})",
                            "پرونده‌ها تاریخ میلادی ({shape}) نگه می‌دارند"
                        )
                    }
                };
                self.error_help(
                    node.loc,
                    say!(
                        lang,
                        "{value} in {field} looks like a Solar Hijri date",
                        "{value} در {field} به تاریخ خورشیدی می‌ماند"
                    ),
                    Some(help),
                );
                None
            }
            Err(DateProblem::Invalid) => {
                let (shape, example) = (lang.embed("YYYY-MM-DD"), lang.embed("2026-11-26"));
                self.error_help(
                    node.loc,
                    say!(
                        lang,
                        "{value} in {field} is not a valid date",
                        "{value} در {field} تاریخ معتبری نیست"
                    ),
                    Some(say!(
                        lang,
                        "write dates as {shape}, e.g. {example}",
                        "تاریخ را به شکل {shape} بنویسید، مثلاً {example}"
                    )),
                );
                None
            }
        }
    }

    /// "duplicate action id `a-1`".
    pub fn duplicate(&self, id: &str, what: &str) -> String {
        let (value, field) = (self.lang.code(id), self.described(what));
        say!(
            self.lang,
            "duplicate {field} {value}",
            "{field} تکراری است: {value}"
        )
    }

    /// "`x` is not a valid relationship status".
    fn not_valid(&self, text: &str, what: &str) -> String {
        let (value, field) = (self.lang.code(text), self.described(what));
        say!(
            self.lang,
            "{value} is not a valid {field}",
            "{value} برای {field} معتبر نیست"
        )
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
                let (field, found) = (self.named(what), other.kind(self.lang));
                let message = say!(
                    self.lang,
                    "{field} should be a list, found {found}",
                    "{field} باید فهرست باشد، اما {found} آمده است"
                );
                self.error(node.loc, message);
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
            let message = self.not_valid(&id, what);
            let (dash, example) = (self.lang.code("-"), self.lang.code("maryam-rahimi"));
            let help = say!(
                self.lang,
                "ids use lowercase letters, digits and {dash}, e.g. {example}",
                "شناسه‌ها از حروف کوچک لاتین، رقم و {dash} ساخته می‌شوند، مثلاً {example}"
            );
            self.error_help(node.loc, message, Some(help));
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

    let lang = reader.lang;
    let slug = reader.required_text(&f, "slug", "slug");
    if let (Some(slug), Some(node)) = (&slug, f.get("slug"))
        && slug != expected_slug
    {
        let (written, file) = (
            lang.code(format!("slug: {slug}")),
            lang.code(format!("{expected_slug}.yaml")),
        );
        let (fixed, renamed) = (
            lang.code(format!("slug: {expected_slug}")),
            lang.code(format!("{slug}.yaml")),
        );
        reader.error_help(
            node.loc,
            say!(
                lang,
                "{written} does not match the file name {file}",
                "{written} با نام فایل {file} نمی‌خواند"
            ),
            Some(say!(
                lang,
                "write {fixed}, or rename the file to {renamed}",
                "{fixed} بنویسید، یا نام فایل را به {renamed} تغییر دهید"
            )),
        );
    }
    let name = reader
        .required(&f, "name", "name")
        .and_then(|n| names(reader, n));
    let country = reader.required_text(&f, "country", "country");
    if let (Some(code), Some(node)) = (&country, f.get("country"))
        && !country::is_code(code)
    {
        let (value, standard) = (lang.code(code), lang.embed("ISO 3166-1"));
        let help = match country::near(code) {
            Some(near) => {
                let near = lang.code(near);
                say!(lang, "did you mean {near}?", "منظورتان {near} بود؟")
            }
            None => {
                let example = lang.code("ES");
                say!(
                    lang,
                    "use the two capital letters of {standard}, e.g. {example} for Spain",
                    "دو حرف بزرگ لاتینِ {standard} را بنویسید، مثلاً {example} برای اسپانیا"
                )
            }
        };
        reader.error_help(
            node.loc,
            say!(
                lang,
                "{value} is not an {standard} country code",
                "{value} کد کشور معتبری در {standard} نیست"
            ),
            Some(help),
        );
        if let Some(last) = reader.problems.last_mut() {
            last.width = code.chars().count();
        }
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

    check_unique_ids(reader, f.get("facilitators"), "facilitator id");
    check_unique_ids(reader, f.get("contacts"), "contact id");
    check_unique_ids(reader, f.get("actions"), "action id");
    check_unique_ids(reader, f.get("opportunities"), "opportunity id");
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
        history: {
            let history = reader.list(f.get("history"), "relationship.history", status_change);
            let dates: Vec<Date> = history.iter().map(|h| h.date).collect();
            check_chronological(reader, f.get("history"), &dates, "relationship.history");
            history
        },
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
                let lang = reader.lang;
                let (value, field) = (lang.code(s), lang.code("relationship.signed"));
                let shapes = [
                    lang.embed("YYYY-MM-DD"),
                    lang.embed("YYYY-MM"),
                    lang.embed("YYYY"),
                ];
                let [day, month, year] = &shapes;
                reader.error_help(
                    node.loc,
                    say!(
                        lang,
                        "{value} in {field} is not a valid month",
                        "{value} در {field} ماه معتبری نیست"
                    ),
                    Some(say!(
                        lang,
                        "write {day}, {month} or {year}",
                        "به شکل {day}، {month} یا {year} بنویسید"
                    )),
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
        let lang = reader.lang;
        let action = lang.code(id.as_deref().unwrap_or("?"));
        let (done, key) = (lang.code("done"), lang.code("done:"));
        let (line, command) = (
            lang.code("done: YYYY-MM-DD"),
            lang.code("diplomat action done CITY ID"),
        );
        reader.error_help(
            at,
            say!(
                lang,
                "action {action} is {done} but has no {key} date",
                "اقدام {action} {done} است اما تاریخ {key} ندارد"
            ),
            Some(say!(
                lang,
                "add {line}, or use {command}",
                "{line} را بیفزایید، یا از {command} استفاده کنید"
            )),
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
    let history = reader.list(f.get("history"), "history", stage_change);
    let dates: Vec<Date> = history.iter().map(|h| h.date).collect();
    check_chronological(reader, f.get("history"), &dates, "history");
    Some(Opportunity {
        id: id?,
        title: title?,
        sector: sector?,
        stage: stage?,
        lead,
        history,
    })
}

fn status_change(reader: &mut Reader, node: &Node) -> Option<StatusChange> {
    let f = reader.mapping(node, "relationship.history[]", keys::STATUS_CHANGE)?;
    let status = reader.required_vocab(&f, "status", "relationship status");
    let date = reader.required_date(&f, "date", "history date");
    Some(StatusChange {
        status: status?,
        date: date?,
    })
}

fn stage_change(reader: &mut Reader, node: &Node) -> Option<StageChange> {
    let f = reader.mapping(node, "opportunities[].history[]", keys::STAGE_CHANGE)?;
    let stage = reader.required_vocab(&f, "stage", "opportunity stage");
    let date = reader.required_date(&f, "date", "history date");
    Some(StageChange {
        stage: stage?,
        date: date?,
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

/// A history is kept oldest first, as the commands append to it and the reports read it: an
/// entry dated before the one above it is an error at its date. Checked only when every entry
/// was read (`dates` one per item).
fn check_chronological(reader: &mut Reader, list: Option<&Node>, dates: &[Date], what: &str) {
    let Some(Value::Seq(items)) = list.map(|n| &n.value) else {
        return;
    };
    if items.len() != dates.len() {
        return;
    }
    let Some(i) = (1..dates.len()).find(|&i| dates[i] < dates[i - 1]) else {
        return;
    };
    let at = items[i].get("date").map_or(items[i].loc, |n| n.loc);
    let lang = reader.lang;
    let (field, date, above) = (
        reader.named(what),
        lang.code(dates[i]),
        lang.code(dates[i - 1]),
    );
    reader.error_help(
        at,
        say!(
            lang,
            "{field} is not in date order: {date} comes after {above}",
            "{field} به ترتیب تاریخ نیست: {date} پس از {above} آمده است"
        ),
        Some(
            lang.pick(
                "a history is kept oldest first: move the entry up to its place",
                "تاریخچه از قدیم به جدید نگه داشته می‌شود: این مورد را به جای خودش ببرید",
            )
            .to_owned(),
        ),
    );
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
            let message = reader.duplicate(id, what);
            let lang = reader.lang;
            let (value, line) = (lang.code(id), lang.num(first.line));
            let help = say!(
                lang,
                "{value} is already used on line {line}; ids must be unique",
                "{value} پیش‌تر در سطر {line} آمده است؛ شناسه‌ها باید یکتا باشند"
            );
            reader.error_help(id_node.loc, message, Some(help));
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
    let lang = reader.lang;
    for with in items.iter().filter_map(|item| item.get("with")) {
        let Value::Seq(people) = &with.value else {
            continue;
        };
        for person in people {
            let Some(id) = person.as_str() else { continue };
            if known.contains(&id) {
                continue;
            }
            let help = match reader.did_you_mean(id, known.iter().copied()) {
                Some(near) => near,
                None if known.is_empty() => {
                    let (f, c) = (lang.code("facilitators:"), lang.code("contacts:"));
                    say!(
                        lang,
                        "add the person under {f} or {c} first",
                        "نخست این فرد را زیر {f} یا {c} بیفزایید"
                    )
                }
                None => {
                    let people = reader.list_of(&known);
                    say!(lang, "known people: {people}", "افراد شناخته: {people}")
                }
            };
            let (key, value) = (lang.code("with"), lang.code(id));
            reader.error_help(
                person.loc,
                say!(
                    lang,
                    "{key} names {value}, who is not a facilitator or contact of this dossier",
                    "{key} از {value} نام می‌برد، که تسهیل‌گر یا رابط این پرونده نیست"
                ),
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
            "report",
        ],
    ) else {
        return settings;
    };
    if let Some(node) = f.get("report") {
        settings.report = report_mail(reader, node);
    }
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
    let lang = reader.lang;
    if let Some(node) = f.get("stale_after_days") {
        match node.value {
            Value::Int(n) if (1..=3650).contains(&n) => settings.stale_after_days = n as u32,
            _ => {
                let (key, low, high) = (lang.code("stale_after_days"), lang.num(1), lang.num(3650));
                reader.error(
                    node.loc,
                    say!(
                        lang,
                        "{key} should be a whole number of days from {low} to {high}",
                        "{key} باید شمار روزها باشد، عددی صحیح از {low} تا {high}"
                    ),
                );
            }
        }
    }
    if let Some(node) = f.get("auto_commit") {
        match node.value {
            Value::Bool(b) => settings.auto_commit = b,
            _ => {
                let (key, yes, no) = (
                    lang.code("auto_commit"),
                    lang.code("true"),
                    lang.code("false"),
                );
                reader.error(
                    node.loc,
                    say!(
                        lang,
                        "{key} should be {yes} or {no}",
                        "{key} باید {yes} یا {no} باشد"
                    ),
                );
            }
        }
    }
    settings
}

/// `report:` in `diplomat.yaml`: `from`, `to: [...]`, `cc: [...]`, each address located when
/// it is not one.
fn report_mail(reader: &mut Reader, node: &Node) -> ReportMail {
    let mut mail = ReportMail::default();
    let Some(f) = reader.mapping(node, "report", &["from", "to", "cc"]) else {
        return mail;
    };
    mail.from = f
        .get("from")
        .and_then(|n| mailbox(reader, n, "report.from"));
    for (key, list) in [("to", &mut mail.to), ("cc", &mut mail.cc)] {
        let what = format!("report.{key}");
        let Some(node) = f.get(key) else { continue };
        // One address may be written without the brackets of a list.
        if let Value::Str(_) = node.value {
            list.extend(mailbox(reader, node, &what));
            continue;
        }
        *list = reader.list(Some(node), &what, |r, n| mailbox(r, n, &what));
    }
    mail
}

fn mailbox(reader: &mut Reader, node: &Node, what: &str) -> Option<Mailbox> {
    let text = reader.text(Some(node), what)?;
    match Mailbox::parse(&text) {
        Ok(mailbox) => Some(mailbox),
        Err(why) => {
            let lang = reader.lang;
            let (field, value, why) = (reader.named(what), lang.code(&text), why.words(lang));
            reader.error(
                node.loc,
                say!(lang, "{field}: {value} {why}", "{field}: {value} {why}"),
            );
            None
        }
    }
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
        let lang = reader.lang;
        let (value, key) = (lang.code(&text), lang.code(what));
        let message = say!(
            lang,
            "{value} is not a valid {key}",
            "{value} برای {key} معتبر نیست"
        );
        let help = reader.one_of(&names);
        reader.error_help(node.loc, message, Some(help));
    }
    found.map(|(_, v)| *v)
}
