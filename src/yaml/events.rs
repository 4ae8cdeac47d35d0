//! The located tree built straight from granit-parser's events: no serde layer, no span
//! wrappers, no replay buffers. This is the path every ordinary dossier takes.
//!
//! It reads the subset a dossier is written in (mappings, lists and untagged scalars, text keys)
//! and resolves scalars exactly as serde-saphyr does with the options of [`super::parse`].
//! Whatever lies outside that subset, and every file that is not valid, is handed back
//! ([`Handover`]) to serde-saphyr, which then decides: so errors keep their exact words and
//! places, and the rare constructs whose rules are serde-saphyr's own (tags, anchors and
//! aliases with their limits, merge keys, non-text or possibly equal keys, a second document,
//! trees near the depth or size limits) keep exactly today's meaning.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span};

use super::{MAX_DEPTH, MAX_VALUES, Node, Value};
use crate::problem::Loc;

/// The file is left to serde-saphyr (see the module's comment).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Handover;

/// Deeper than this, serde-saphyr decides: its depth limit ([`MAX_DEPTH`]) counts levels its
/// own way, and no dossier comes near either figure.
const DEEPEST: usize = MAX_DEPTH / 2;

/// More values than this, serde-saphyr decides: it counts values and events against
/// [`MAX_VALUES`] its own way.
const MOST_VALUES: usize = MAX_VALUES / 2;

/// Mappings with more keys than this look for equal keys through a sorted list, not pairwise.
const FEW_KEYS: usize = 16;

/// The parser's options as serde-saphyr sets them for [`super::parse`] (its `Budget` defaults,
/// with the depth limits of [`super::budget`], comments off), so both accept the same files.
fn parser_options() -> granit_parser::Options {
    let mut options = granit_parser::Options::default();
    options.simple_key_max_lookahead = 1024;
    options.flow_nesting_limit = MAX_DEPTH;
    options.block_nesting_limit = options.block_nesting_limit.max(MAX_DEPTH + 1);
    options.emit_comments = false;
    options.strict_indentation = false;
    options.bom_inside_document_as_content = false;
    options
}

/// A collection being read.
enum Open {
    Seq(Loc, Vec<Node>),
    /// The entries so far, and a key waiting for its value.
    Map(Loc, Vec<(Node, Node)>, Option<Node>),
}

/// Builds the tree of `text`; `Ok(None)` is an empty document.
pub(super) fn build(text: &str) -> Result<Option<Node>, Handover> {
    let mut parser = Parser::new_from_str_with_options(text, parser_options());
    let mut open: Vec<Open> = Vec::with_capacity(8);
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut values = 0usize;
    while let Some(item) = parser.next_event() {
        let (event, span) = item.map_err(|_| Handover)?;
        let node = match event {
            Event::StreamStart | Event::DocumentEnd => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(Handover);
                }
                continue;
            }
            Event::Scalar(text, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return Err(Handover);
                }
                values += 1;
                Node {
                    value: resolve(text, style)?,
                    loc: loc(&span),
                }
            }
            Event::SequenceStart(_, anchor, tag) => {
                if anchor != 0 || tag.is_some() || open.len() >= DEEPEST {
                    return Err(Handover);
                }
                values += 1;
                open.push(Open::Seq(loc(&span), Vec::new()));
                continue;
            }
            Event::MappingStart(_, anchor, tag) => {
                if anchor != 0 || tag.is_some() || open.len() >= DEEPEST {
                    return Err(Handover);
                }
                values += 1;
                open.push(Open::Map(loc(&span), Vec::new(), None));
                continue;
            }
            Event::SequenceEnd => match open.pop() {
                Some(Open::Seq(at, items)) => Node {
                    value: Value::Seq(items),
                    loc: at,
                },
                _ => return Err(Handover),
            },
            Event::MappingEnd => match open.pop() {
                Some(Open::Map(at, entries, None)) => {
                    if has_equal_keys(&entries) {
                        return Err(Handover);
                    }
                    Node {
                        value: Value::Map(entries),
                        loc: at,
                    }
                }
                _ => return Err(Handover),
            },
            // Aliases, and whatever else the parser may say.
            _ => return Err(Handover),
        };
        if values > MOST_VALUES {
            return Err(Handover);
        }
        match open.last_mut() {
            None if root.is_none() => root = Some(node),
            None => return Err(Handover),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    if !plain_text_key(&node) {
                        return Err(Handover);
                    }
                    *pending = Some(node);
                }
            },
        }
    }
    if !open.is_empty() {
        return Err(Handover);
    }
    Ok(root.filter(|n| n.value != Value::Null))
}

/// Where a node starts, as serde-saphyr reports it: the line as the parser counts it (from 1),
/// the column from 1.
fn loc(span: &Span) -> Loc {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Loc::new(
        clamp(span.start.line()),
        clamp(span.start.col().saturating_add(1)),
    )
}

/// A key this builder can judge by itself: text, not the merge key `<<`, and not spelled like
/// a whole number (serde-saphyr compares those by value: `0X1F` and `0X1f` are the same key).
fn plain_text_key(key: &Node) -> bool {
    let Value::Str(text) = &key.value else {
        return false;
    };
    if text == "<<" {
        return false;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    !(unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || matches!(b, b'_' | b'x' | b'X' | b'o' | b'O')))
}

/// Whether two keys of a mapping are the same text (serde-saphyr then decides: duplicate).
fn has_equal_keys(entries: &[(Node, Node)]) -> bool {
    fn text(node: &Node) -> &str {
        node.as_str().unwrap_or_default()
    }
    if entries.len() <= FEW_KEYS {
        return entries
            .iter()
            .enumerate()
            .any(|(i, (a, _))| entries[..i].iter().any(|(b, _)| text(a) == text(b)));
    }
    let mut keys: Vec<&str> = entries.iter().map(|(k, _)| text(k)).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| w[0] == w[1])
}

/// A scalar's value under the YAML 1.2 core schema with serde-saphyr's options of
/// [`super::parse`]: only `true`/`false` (three spellings each) are booleans, `007` stays text,
/// quoted and block scalars are always text. A number too large for a float is left to
/// serde-saphyr, as are `.inf` and `.nan` (it refuses non-finite numbers in a tree).
fn resolve(text: Cow<'_, str>, style: ScalarStyle) -> Result<Value, Handover> {
    if style != ScalarStyle::Plain {
        return Ok(Value::Str(text.into_owned()));
    }
    Ok(match resolve_plain(&text)? {
        Some(value) => value,
        None => Value::Str(text.into_owned()),
    })
}

/// [`resolve`] for a plain scalar; `None` is text.
fn resolve_plain(text: &str) -> Result<Option<Value>, Handover> {
    let first = match text.as_bytes().first() {
        None => return Ok(Some(Value::Null)),
        Some(&b) => b,
    };
    // Most scalars are words: nothing but null, a boolean or a number starts like these.
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.' | b'~' | b'n' | b'N')) {
        return Ok(match text {
            "true" | "True" | "TRUE" => Some(Value::Bool(true)),
            "false" | "False" | "FALSE" => Some(Value::Bool(false)),
            _ => None,
        });
    }
    if matches!(text, "~" | "null" | "Null" | "NULL") {
        return Ok(Some(Value::Null));
    }
    let t = text.trim_matches([' ', '\t', '\r', '\n']);
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let signed = unsigned.len() < t.len();
    if matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..])
        || (signed && matches!(unsigned, ".nan" | ".NaN" | ".NAN"))
        || (unsigned.len() > 1
            && unsigned.starts_with('0')
            && unsigned.bytes().all(|b| b.is_ascii_digit()))
    {
        return Ok(None);
    }
    if let Some(magnitude) = integer(unsigned) {
        let value = if negative {
            0i128
                .checked_sub_unsigned(magnitude)
                .filter(|v| *v >= i128::from(i64::MIN))
        } else {
            i128::try_from(magnitude)
                .ok()
                .filter(|v| *v <= i128::from(u64::MAX))
        };
        if let Some(value) = value {
            return Ok(Some(Value::Int(value)));
        }
    }
    if matches!(
        unsigned,
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
    ) {
        return Err(Handover);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(Value::Float(v))),
        Ok(v) if v.is_infinite() && unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            Err(Handover)
        }
        _ => Ok(None),
    }
}

/// The magnitude of an integer without its sign: decimal without a leading zero, `0x`, `0o`
/// or `0b`, with single underscores between digits.
fn integer(unsigned: &str) -> Option<u128> {
    let (radix, digits) = if let Some(d) = unsigned.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = unsigned.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = unsigned.strip_prefix("0b") {
        (2, d)
    } else {
        if unsigned.starts_with('0') && unsigned != "0" {
            return None;
        }
        (10, unsigned)
    };
    let bytes = digits.as_bytes();
    let mut value: u128 = 0;
    let mut saw = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let prev_ok = i > 0 && bytes[i - 1] != b'_';
            let next_ok = bytes.get(i + 1).is_some_and(|&n| n != b'_');
            if !(prev_ok && next_ok) {
                return None;
            }
            continue;
        }
        let digit = char::from(b).to_digit(radix)?;
        value = value.checked_mul(u128::from(radix))?;
        value = value.checked_add(u128::from(digit))?;
        saw = true;
    }
    saw.then_some(value)
}
