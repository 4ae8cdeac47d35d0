//! Reading a YAML file into a tree that remembers where every value came from.
//!
//! serde-saphyr does the parsing (YAML 1.2 scalars, duplicate keys rejected, alias budget);
//! the tree keeps each node's position so that every later rule can point at the exact spot,
//! and so that all problems of a file are reported at once instead of the first one only.

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::{Loc, Problem};
use crate::lang::Lang;

/// Larger than any real dossier by a factor of a hundred; refusing early keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

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
/// markers (an unfinished merge reads as valid YAML surprisingly often), tabs are left to the parser.
pub fn parse(path: &Path, bytes: &[u8], lang: Lang) -> Result<Option<Node>, Box<Problem>> {
    let text = decode(path, bytes, lang)?;
    check_conflict_markers(path, text, lang)?;
    if text.trim().is_empty() {
        return Ok(None);
    }
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
    budget
}

/// Dossiers have no use for aliases beyond a few; a small budget stops "billion laughs" early.
fn alias_limits() -> serde_saphyr::options::AliasLimits {
    let mut limits = serde_saphyr::options::AliasLimits::default();
    limits.max_total_replayed_events = 10_000;
    limits.max_replay_stack_depth = 16;
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

fn check_conflict_markers(path: &Path, text: &str, lang: Lang) -> Result<(), Box<Problem>> {
    // Runs on every file of every command: look closely only at lines that start with a marker
    // character, so the common case is one byte compared per line.
    let marked: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            matches!(l.as_bytes().first(), Some(b'<' | b'>' | b'|' | b'='))
                && (l.starts_with("<<<<<<<")
                    || l.starts_with(">>>>>>>")
                    || l.starts_with("|||||||")
                    || l.trim_end() == "=======")
        })
        .map(|(i, _)| i + 1)
        .collect();
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
    let loc = err
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| Loc::new(clamp(l.line()), clamp(l.column().max(1))));
    let rendered = err.without_snippet().to_string();
    // The parser's own words stay English; in Persian they are isolated after a Persian lead.
    let detail = lang.embed(&clean_parser_message(&rendered)).into_owned();
    let yaml = lang.embed("YAML");
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
    } else if message_mentions(&rendered, "alias") || message_mentions(&rendered, "budget") {
        problem.message = say!(
            lang,
            "too many alias expansions (a {yaml} \"alias bomb\"?): {message}",
            "گسترش نام‌های مستعار بیش از اندازه است (بمب نام مستعار {yaml}؟): {message}"
        );
    } else if message_mentions(&rendered, "tab") {
        problem = problem.with_help(lang.pick(
            "indent with spaces, not tabs",
            "با فاصله تورفتگی بدهید، نه با تب",
        ));
    }
    problem
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
