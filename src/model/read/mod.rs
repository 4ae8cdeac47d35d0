//! From a located YAML tree to the model, collecting every problem with its position.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use super::registry;
use super::vocab::{ActionStatus, Requirement, Vocab};
use super::*;
use crate::calendar;
use crate::i18n::Lang;
use crate::problem::{DetailMap, Loc, Problem};
use crate::text::suggest;
use crate::yaml::{Node, Value};

mod dossier;
mod pool;
mod settings;

pub use dossier::{dossier, names};
pub use pool::{against_workspace as pool_against_workspace, pool};
pub use settings::settings;

/// Reads nodes of one file and keeps the problems it meets, said in the language of messages.
pub struct Reader<'a> {
    file: &'a Path,
    source: &'a str,
    /// Where the source's contact details are, found at the first problem.
    details: std::cell::OnceCell<DetailMap>,
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
    ("event title", "عنوان رویداد"),
    ("item id", "شناسهٔ مورد"),
    ("relationship kind", "نوع رابطه"),
    ("relationship status", "وضعیت رابطه"),
    ("facilitator status", "وضعیت تسهیل‌گر"),
    ("contact role", "نقش رابط"),
    ("readiness status", "وضعیت آمادگی"),
    ("action owner", "مسئول اقدام"),
    ("action status", "وضعیت اقدام"),
    ("interaction kind", "نوع تعامل"),
    ("event kind", "نوع رویداد"),
    ("event status", "وضعیت رویداد"),
    ("opportunity stage", "مرحلهٔ فرصت"),
    ("opportunity lead", "پیشگام فرصت"),
    ("requirement", "الزام"),
    ("interaction date", "تاریخ تعامل"),
    ("review date", "تاریخ جلسهٔ بررسی"),
    ("event date", "تاریخ رویداد"),
    ("history date", "تاریخ در تاریخچه"),
    ("history", "تاریخچه"),
    ("relationship.history", "تاریخچهٔ رابطه"),
    ("facilitator id", "شناسهٔ تسهیل‌گر"),
    ("contact id", "شناسهٔ رابط"),
    ("action id", "شناسهٔ اقدام"),
    ("opportunity id", "شناسهٔ فرصت"),
    ("event id", "شناسهٔ رویداد"),
    ("checklist item id", "شناسهٔ مورد فهرست آمادگی"),
    ("pool", "فهرست داوطلبان"),
    ("candidate id", "شناسهٔ داوطلب"),
    ("candidate name", "نام داوطلب"),
    ("signed_up", "تاریخ نام‌نویسی"),
    ("interests", "شهرهای مورد علاقه"),
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
            details: std::cell::OnceCell::new(),
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
        self.error_help(loc, message, None)
    }

    /// A problem with its help, both attached before the source line, which takes any contact
    /// detail of the line out of them.
    pub fn error_help(
        &mut self,
        loc: Loc,
        message: impl Into<String>,
        help: Option<String>,
    ) -> &mut Problem {
        let mut problem = Problem::new(self.file, Some(loc), message);
        problem.help = help;
        let details = self.details.get_or_init(|| DetailMap::of(self.source));
        self.problems
            .push(problem.with_source_in(self.source, details));
        let last = self.problems.len() - 1;
        &mut self.problems[last]
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
            self.error_help(
                key.loc,
                say!(
                    lang,
                    "unknown key {key_text} in {field}",
                    "کلید ناشناختهٔ {key_text} در {field}"
                ),
                Some(help),
            )
            .width = name.chars().count();
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
    /// A number of days, a whole number from 0 to 3650 (`follow_up_days`, `renew_notice_days`).
    pub fn days(&mut self, node: Option<&Node>, what: &str) -> Option<u32> {
        let node = node?;
        if let Value::Int(n) = node.value
            && let Ok(n) = u32::try_from(n)
            && n <= 3650
        {
            return Some(n);
        }
        let lang = self.lang;
        let (key, low, high) = (self.named(what), lang.num(0), lang.num(3650));
        self.error(
            node.loc,
            say!(
                lang,
                "{key} should be a whole number of days from {low} to {high}",
                "{key} باید شمار روزها باشد، عددی صحیح از {low} تا {high}"
            ),
        );
        None
    }

    pub fn date(&mut self, node: Option<&Node>, what: &str) -> Option<Date> {
        let node = node?;
        let text = match &node.value {
            Value::Str(s) => s.trim(),
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
        // Nothing is formatted on the way of a valid date: names only for a message.
        let problem = match parse_stored_date(text) {
            Ok(date) => return Some(date),
            Err(problem) => problem,
        };
        let lang = self.lang;
        let (value, field) = (lang.code(text), self.named(what));
        match problem {
            DateProblem::Jalali(gregorian) => {
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
            DateProblem::Invalid => {
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
