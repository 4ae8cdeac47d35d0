//! Reading a YAML file into a tree that remembers where every value came from.
//!
//! The tree is built straight from the parser's events ([`events`]); serde-saphyr reads the
//! files that path hands over (every invalid file, and the rare constructs whose rules are its
//! own: tags, aliases, merge keys), so its rules (YAML 1.2 scalars, duplicate keys rejected,
//! alias budget) and its error messages stay the one reference. The tree keeps each node's
//! position so that every later rule can point at the exact spot, and so that all problems of
//! a file are reported at once instead of the first one only.

mod events;

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::i18n::Lang;
use crate::problem::{Loc, Problem};

/// Ten years of a busy city (3,000 interactions with long Persian summaries) are about 5 MB;
/// refusing a larger file early keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Values (mappings, lists, scalars) in one file, aliases not expanded. Every value takes a few
/// bytes of the file, so a dossier within [`MAX_FILE_BYTES`] written in block style stays
/// far below; the limit only bounds memory for a file packed with one-letter values.
pub const MAX_VALUES: usize = 2_000_000;

/// Values that aliases may add to a file in all, when expanded: a dossier has no use for
/// aliases beyond a few, and a small limit stops a "billion laughs" in milliseconds.
pub const MAX_ALIAS_VALUES: usize = 10_000;

/// How deep aliases may refer to aliases.
pub const MAX_ALIAS_NESTING: usize = 16;

/// A YAML value and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// How the value is named in "expected …, found …" messages.
    pub fn kind_name(&self) -> &'static str {
        self.kind(Lang::En)
    }

    /// [`Value::kind_name`] in `lang`.
    pub fn kind(&self, lang: Lang) -> &'static str {
        match self {
            Value::Null => lang.pick("nothing", "هیچ مقداری"),
            Value::Bool(_) => lang.pick("a boolean", "یک مقدار بولی"),
            Value::Int(_) => lang.pick("a whole number", "یک عدد صحیح"),
            Value::Float(_) => lang.pick("a number", "یک عدد"),
            Value::Str(_) => lang.pick("text", "متن"),
            Value::Seq(_) => lang.pick("a list", "یک فهرست"),
            Value::Map(_) => lang.pick("a mapping", "یک نگاشت (کلید و مقدار)"),
        }
    }
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// The node as JSON, keys in file order: what `city show --format json` prints.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => i64::try_from(*i)
                .map(J::from)
                .unwrap_or_else(|_| J::String(i.to_string())),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.key_text(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// A mapping key as text (non-text keys are rejected by the dossier rules anyway).
    pub fn key_text(&self) -> String {
        match &self.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".into(),
            Value::Seq(_) | Value::Map(_) => "<complex key>".into(),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        let at = spanned.referenced;
        Ok(Node {
            value: spanned.value,
            loc: Loc::new(clamp(at.line()), clamp(at.column())),
        })
    }
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        i128::try_from(v)
            .map(Value::Int)
            .map_err(|_| E::custom("number too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

/// Parses a file's bytes into a located tree. `Ok(None)` is an empty document.
///
/// Checks that YAML parsers get wrong or report badly come first: invalid UTF-8, git conflict
/// markers (an unfinished merge reads as valid YAML surprisingly often). A tab in the indentation
/// is left to the parser, then reported at the tab ([`misplaced_tab`]).
pub fn parse(path: &Path, bytes: &[u8], lang: Lang) -> Result<Option<Node>, Box<Problem>> {
    let text = decode(path, bytes, lang)?;
    check_conflict_markers(path, text, lang)?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    match events::build(text) {
        Ok(root) => Ok(root),
        Err(events::Handover) => parse_with_serde(path, text, lang),
    }
}

/// The reference reading: serde-saphyr deserializes the file into the located tree. Slower
/// (its serde layer, spans and replay buffers were about 60% of a parse), so only the files
/// [`events::build`] hands over come here.
fn parse_with_serde(path: &Path, text: &str, lang: Lang) -> Result<Option<Node>, Box<Problem>> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        alias_limits: alias_limits(),
        budget: Some(budget()),
        // The tree has no use for comment text; not collecting it saves about 5% of a parse.
        emit_comments: false,
    };
    match serde_saphyr::from_str_with_options::<Option<Node>>(text, options) {
        Ok(node) => Ok(node.filter(|n| n.value != Value::Null)),
        Err(err) => Err(Box::new(parser_problem(path, text, &err, lang))),
    }
}

/// A dossier is five levels deep; a limit far above that keeps recursion (and stack) small.
pub const MAX_DEPTH: usize = 32;

fn budget() -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_nodes = MAX_VALUES;
    // Every value is one event, every mapping and list one more for its end.
    budget.max_events = 2 * MAX_VALUES;
    // What aliases may cost is bounded by [`alias_limits`]; the ratio heuristic would refuse
    // a hundred harmless `*team` references to one anchor.
    budget.enforce_alias_anchor_ratio = false;
    budget
}

fn alias_limits() -> serde_saphyr::options::AliasLimits {
    let mut limits = serde_saphyr::options::AliasLimits::default();
    limits.max_total_replayed_events = MAX_ALIAS_VALUES;
    limits.max_replay_stack_depth = MAX_ALIAS_NESTING;
    limits
}

fn decode<'a>(path: &Path, bytes: &'a [u8], lang: Lang) -> Result<&'a str, Box<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        let (utf8, menu) = (lang.embed("UTF-8"), lang.embed("\"Save with encoding\""));
        Box::new(
            Problem::new(
                path,
                Some(Loc::new(clamp(line as u64), clamp(column as u64))),
                say!(
                    lang,
                    "the file is not valid {utf8} text",
                    "فایل متن {utf8} معتبری نیست"
                ),
            )
            .with_source(&String::from_utf8_lossy(bytes))
            .with_help(say!(
                lang,
                "save the file as {utf8} (most editors: {menu} → {utf8})",
                "فایل را با کدگذاری {utf8} ذخیره کنید (در بیشتر ویرایشگرها: {menu} ← {utf8})"
            )),
        )
    })
}

/// The lines (1-based) that hold a git conflict marker.
pub fn conflict_marker_lines(text: &str) -> Vec<usize> {
    // Runs on every file of every command: look closely only at lines that start with a marker
    // character, so the common case is one byte compared per line.
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            matches!(l.as_bytes().first(), Some(b'<' | b'>' | b'|' | b'='))
                && (l.starts_with("<<<<<<<")
                    || l.starts_with(">>>>>>>")
                    || l.starts_with("|||||||")
                    || l.trim_end() == "=======")
        })
        .map(|(i, _)| i + 1)
        .collect()
}

fn check_conflict_markers(path: &Path, text: &str, lang: Lang) -> Result<(), Box<Problem>> {
    let marked = conflict_marker_lines(text);
    let Some(&first) = marked.first() else {
        return Ok(());
    };
    let lines = lang.join(marked.iter().map(|n| lang.num(n)));
    let (git, command) = (lang.embed("git"), lang.code("diplomat validate"));
    let resolve = lang.code("diplomat resolve");
    Err(Box::new(
        Problem::new(
            path,
            Some(Loc::new(clamp(first as u64), 1)),
            say!(
                lang,
                "unresolved {git} merge conflict (markers on lines {lines})",
                "تعارض ادغام {git} حل نشده است (نشانه‌ها در سطرهای {lines})"
            ),
        )
        .with_source(text)
        .with_width(7)
        .with_help(say!(
            lang,
            "{resolve} merges the two sides by structure and leaves only real conflicts; else keep the right side of each conflict, delete the marker lines, then run {command}",
            "{resolve} دو طرف را بر پایهٔ ساختار ادغام می‌کند و فقط تعارض‌های واقعی را باقی می‌گذارد؛ وگرنه در هر تعارض طرف درست را نگه دارید، سطرهای نشانه را پاک کنید، سپس {command} را اجرا کنید"
        )),
    ))
}

fn parser_problem(path: &Path, text: &str, err: &serde_saphyr::Error, lang: Lang) -> Problem {
    let mut loc = err
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| Loc::new(clamp(l.line()), clamp(l.column().max(1))));
    let rendered = err.without_snippet().to_string();
    let yaml = lang.embed("YAML");
    // A tab in the indentation is reported where the parser gave up: at the start of the value
    // on the line above, or after the tab. The analyst needs the tab itself.
    let tab = loc.and_then(|at| misplaced_tab(text, at, message_mentions(&rendered, "tab")));
    if let Some(tab) = tab {
        loc = Some(tab);
        let message = say!(
            lang,
            "invalid {yaml}: a tab in the indentation",
            "{yaml} نامعتبر: تب در تورفتگی"
        );
        return Problem::new(path, loc, message)
            .with_source(text)
            .with_help(lang.pick(
                "indent with spaces, not tabs",
                "با فاصله تورفتگی بدهید، نه با تب",
            ));
    }
    if let Some((limit, help)) = limit_hit(err, lang) {
        let message = say!(lang, "invalid {yaml}: {limit}", "{yaml} نامعتبر: {limit}");
        return Problem::new(path, loc, message)
            .with_source(text)
            .with_help(help);
    }
    // The parser's own words stay English; in Persian they are isolated after a Persian lead.
    let detail = lang.embed(&clean_parser_message(&rendered)).into_owned();
    let message = say!(lang, "invalid {yaml}: {detail}", "{yaml} نامعتبر: {detail}");
    let mut problem = Problem::new(path, loc, message.clone()).with_source(text);
    if message_mentions(&rendered, "duplicate mapping key") {
        problem = problem.with_help(lang.pick(
            "each key may appear once in a mapping; merge the two entries",
            "هر کلید در یک نگاشت تنها یک بار می‌آید؛ دو مدخل را یکی کنید",
        ));
    } else if ["depth", "nesting", "recursion"]
        .iter()
        .any(|w| message_mentions(&rendered, w))
    {
        let depth = lang.num(MAX_DEPTH);
        problem.message = say!(
            lang,
            "invalid {yaml}: nested more than {depth} levels deep",
            "{yaml} نامعتبر: بیش از {depth} سطح تودرتو"
        );
    } else if message_mentions(&rendered, "tab") {
        problem = problem.with_help(lang.pick(
            "indent with spaces, not tabs",
            "با فاصله تورفتگی بدهید، نه با تب",
        ));
    }
    problem
}

/// The tab that made the parser fail at `at`: in the indentation of that line, or, when the
/// parser said it found a tab (it reports the start of the value it was reading), in the
/// indentation of a later line or after `at` on its line.
fn misplaced_tab(text: &str, at: Loc, said_tab: bool) -> Option<Loc> {
    let first = at.line.checked_sub(1)? as usize;
    let indent_tab = |line: &str| {
        line.chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .position(|c| c == '\t')
    };
    let mut lines = text.lines().enumerate().skip(first);
    let (_, line) = lines.next()?;
    let found = |number: usize, column: usize| {
        Some(Loc::new(clamp(number as u64 + 1), clamp(column as u64 + 1)))
    };
    if let Some(column) = indent_tab(line) {
        return found(first, column);
    }
    if !said_tab {
        return None;
    }
    let skip = at.column.saturating_sub(1) as usize;
    if let Some(column) = line.chars().skip(skip).position(|c| c == '\t') {
        return found(first, skip + column);
    }
    lines
        .find_map(|(number, line)| indent_tab(line).map(|column| (number, column)))
        .and_then(|(number, column)| found(number, column))
}

/// Which of the loader's limits a file went past, and what to do, when that is why it failed.
fn limit_hit(err: &serde_saphyr::Error, lang: Lang) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut err = err;
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = err {
        err = error;
    }
    let bomb = || {
        let (anchor, alias) = (lang.code("&name"), lang.code("*name"));
        say!(
            lang,
            "a dossier needs few aliases ({alias} repeating an {anchor}), if any; this file looks like an \"alias bomb\" (a few lines that expand to billions of values): write the values out",
            "پرونده نام مستعار ({alias} که یک {anchor} را تکرار می‌کند) کمی لازم دارد، اگر اصلاً لازم داشته باشد؛ این فایل به «بمب نام مستعار» می‌ماند (چند سطر که به میلیاردها مقدار باز می‌شود): مقدارها را کامل بنویسید"
        )
    };
    let (what, help) = match err {
        E::AliasReplayLimitExceeded { .. } => {
            let n = lang.num(MAX_ALIAS_VALUES);
            let what = say!(
                lang,
                "its aliases expand to more than {n} values, the limit on alias expansion",
                "نام‌های مستعار آن به بیش از {n} مقدار باز می‌شوند، که سقف گسترش نام مستعار است"
            );
            (what, bomb())
        }
        E::AliasReplayStackDepthExceeded { .. } => {
            let n = lang.num(MAX_ALIAS_NESTING);
            let what = say!(
                lang,
                "aliases refer to aliases more than {n} levels deep, the limit on alias nesting",
                "نام‌های مستعار بیش از {n} سطح به یکدیگر ارجاع می‌دهند، که سقف تودرتویی نام مستعار است"
            );
            (what, bomb())
        }
        E::AliasExpansionLimitExceeded {
            max_expansions_per_anchor,
            ..
        } => {
            let n = lang.num(max_expansions_per_anchor);
            let what = say!(
                lang,
                "one anchor is expanded more than {n} times, the limit per anchor",
                "یک لنگر بیش از {n} بار باز شده است، که سقف هر لنگر است"
            );
            (what, bomb())
        }
        E::Budget { breach, .. } => {
            let n = match breach {
                B::Nodes { .. } => MAX_VALUES,
                B::Events { .. } => 2 * MAX_VALUES,
                _ => return None,
            };
            let n = lang.num(n);
            let what = say!(
                lang,
                "the file holds more than {n} values, the limit on values in one dossier",
                "فایل بیش از {n} مقدار دارد، که سقف مقدارها در یک پرونده است"
            );
            let help = lang
                .pick(
                    "ten years of a busy city's interactions are under a hundred thousand values; was this file generated by mistake?",
                    "تعامل‌های ده سالِ یک شهر پرکار کمتر از صد هزار مقدار است؛ آیا این فایل به اشتباه ساخته شده است؟",
                )
                .to_owned();
            (what, help)
        }
        _ => return None,
    };
    Some((what, help))
}

fn message_mentions(message: &str, needle: &str) -> bool {
    message.to_lowercase().contains(needle)
}

/// serde-saphyr's text repeats the position and speaks to programmers; keep the part an analyst needs.
fn clean_parser_message(rendered: &str) -> String {
    let mut message = rendered.lines().next().unwrap_or("no reason given").trim();
    message = message.strip_prefix("error:").unwrap_or(message).trim();
    if let Some(rest) = message.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
    {
        message = after;
    }
    let message = message
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(message);
    // The position is already in front of the message.
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(", column ") => message[..at].to_owned(),
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Option<Node>, Box<Problem>> {
        parse(Path::new("t.yaml"), s.as_bytes(), Lang::En)
    }

    #[test]
    fn yaml_1_2_scalars() {
        let node = parse_str("a: no\nb: NO\nc: 2026-11-26\nd: 0913\ne: true\n")
            .ok()
            .flatten();
        let node = node.as_ref();
        let get = |k| node.and_then(|n| n.get(k)).map(|n| n.value.clone());
        assert_eq!(get("a"), Some(Value::Str("no".into())));
        assert_eq!(get("b"), Some(Value::Str("NO".into())));
        assert_eq!(get("c"), Some(Value::Str("2026-11-26".into())));
        assert_eq!(get("d"), Some(Value::Str("0913".into())));
        assert_eq!(get("e"), Some(Value::Bool(true)));
    }

    #[test]
    fn positions_are_kept() {
        let node = parse_str("a:\n  b: x\n").ok().flatten();
        let b = node
            .as_ref()
            .and_then(|n| n.get("a"))
            .and_then(|n| n.get("b"));
        assert_eq!(b.map(|n| n.loc), Some(Loc::new(2, 6)));
    }

    #[test]
    fn empty_and_comment_only_are_empty() {
        assert_eq!(parse_str("").ok(), Some(None));
        assert_eq!(parse_str("# nothing\n").ok(), Some(None));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut s = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (i, c) in "bcdefghij".chars().enumerate() {
            let prev = (b'a' + i as u8) as char;
            s.push_str(&format!(
                "{c}: &{c} [{}]\n",
                vec![format!("*{prev}"); 10].join(",")
            ));
        }
        let err = parse_str(&s).err();
        assert!(err.is_some_and(|e| e.message.contains("alias")));
    }
}

#[cfg(test)]
mod differential;
