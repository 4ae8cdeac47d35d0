//! The canonical layout of a dossier, and of the pool (`diplomat fmt`): UTF-8 without BOM,
//! LF line endings, one final newline, no trailing blanks, keys in schema order. Comments
//! travel with their entries; a result that drops a comment or changes any value is refused.

use std::path::Path;
use std::str::FromStr;

use imara_diff::{
    Algorithm, Diff, InternedInput, Interner, Token, UnifiedDiffConfig, UnifiedDiffPrinter,
};
use yaml_edit::{Document, Mapping};

use crate::i18n::Lang;
use crate::model::registry::*;
use crate::model::vocab::{Requirement, Vocab};
use crate::model::{Dossier, Pool};
use crate::problem::{Problem, mask_details};
use crate::workspace::Document as Model;

/// What the layout knows of a document besides its reader ([`Model`]): its lists of entries
/// and their keys in schema order, and the mappings of its top level to put in order.
pub trait Laid: Model {
    /// Each list of entries, and the keys of an entry in schema order.
    const LISTS: &'static [(&'static str, &'static [&'static str])];

    /// Puts the keys of the top level's own mappings in order (a dossier's `name:`,
    /// `relationship:`, …), through the file's syntax tree.
    fn order_mappings(_root: &Mapping) {}
}

impl Laid for Dossier {
    const LISTS: &'static [(&'static str, &'static [&'static str])] = &ITEM_LISTS;

    fn order_mappings(root: &Mapping) {
        order(root, "name", NAME);
        order(root, "relationship", RELATIONSHIP);
        if let Some(relationship) = root.get_mapping("relationship") {
            order_items(&relationship, "history", STATUS_CHANGE);
        }
        order(root, "representatives", REPRESENTATIVES);
        if let Some(readiness) = root.get_mapping("readiness") {
            arrange(&readiness, Requirement::all_slugs());
            for key in Requirement::all_slugs() {
                order(&readiness, key, ASSESSMENT);
            }
        }
    }
}

impl Laid for Pool {
    const LISTS: &'static [(&'static str, &'static [&'static str])] = &[("candidates", CANDIDATE)];
}

/// What `fmt` would change in a file, as a unified diff (`--- a/cities/x.yaml`, `+++ b/…`).
/// Each byte-order mark at the start is spelled out: it is invisible, and may be all that
/// changes. Contact details are masked by where they sit, as in every diagnostic
/// ([`mask_details`]): a moved facilitator brings their e-mail and phone into the diff.
pub fn unified_diff(shown: &Path, before: &[u8], after: &[u8]) -> String {
    let spell = |mut bytes: &[u8]| {
        let mut text = String::new();
        while let Some(rest) = bytes.strip_prefix(BOM) {
            text.push_str("\\u{feff}");
            bytes = rest;
        }
        text.push_str(&String::from_utf8_lossy(bytes));
        mask_details(&text).into_owned()
    };
    let (before, after) = (spell(before), spell(after));
    let name = shown.display().to_string().replace('\\', "/");
    let input = InternedInput::new(before.as_str(), after.as_str());
    let mut diff = Diff::compute(Algorithm::Histogram, &input);
    diff.postprocess_lines(&input);
    let printer = LinePrinter(&input.interner);
    let hunks = diff.unified_diff(&printer, UnifiedDiffConfig::default(), &input);
    format!("--- a/{name}\n+++ b/{name}\n{hunks}")
}

/// Lines of a unified diff as `diff -u` and git write them: a last line without its line
/// break is followed by `\ No newline at end of file`.
struct LinePrinter<'a>(&'a Interner<&'a str>);

impl LinePrinter<'_> {
    fn line(&self, mut f: impl std::fmt::Write, mark: char, token: Token) -> std::fmt::Result {
        let line = self.0[token];
        write!(f, "{mark}{line}")?;
        if !line.ends_with('\n') {
            f.write_str("\n\\ No newline at end of file\n")?;
        }
        Ok(())
    }
}

impl UnifiedDiffPrinter for LinePrinter<'_> {
    fn display_header(
        &self,
        mut f: impl std::fmt::Write,
        start_before: u32,
        start_after: u32,
        len_before: u32,
        len_after: u32,
    ) -> std::fmt::Result {
        // An empty side starts at the line before it, as in `diff -u`.
        let start = |at: u32, len: u32| if len == 0 { at } else { at + 1 };
        writeln!(
            f,
            "@@ -{},{len_before} +{},{len_after} @@",
            start(start_before, len_before),
            start(start_after, len_after)
        )
    }

    fn display_context_token(&self, f: impl std::fmt::Write, token: Token) -> std::fmt::Result {
        self.line(f, ' ', token)
    }

    fn display_hunk(
        &self,
        mut f: impl std::fmt::Write,
        before: &[Token],
        after: &[Token],
    ) -> std::fmt::Result {
        for &token in before {
            self.line(&mut f, '-', token)?;
        }
        for &token in after {
            self.line(&mut f, '+', token)?;
        }
        Ok(())
    }
}

/// The canonical form of a dossier's bytes. Only a dossier that reads cleanly is formatted.
pub fn canonical(shown: &Path, bytes: &[u8], lang: Lang) -> Result<Vec<u8>, Vec<Problem>> {
    canonical_with_note(shown, bytes, lang).map(|(bytes, _)| bytes)
}

/// As [`canonical`], with a note when part of the layout had to be left as it was.
///
/// Each step is checked: the result must read as the same data with the same comments, else
/// the step is left out and the note says so.
pub fn canonical_with_note(
    shown: &Path,
    bytes: &[u8],
    lang: Lang,
) -> Result<(Vec<u8>, Option<Problem>), Vec<Problem>> {
    canonical_document::<Dossier>(shown, bytes, lang)
}

/// [`canonical_with_note`] of any document (the pool: `canonical_document::<Pool>`).
pub fn canonical_document<D: Laid>(
    shown: &Path,
    bytes: &[u8],
    lang: Lang,
) -> Result<(Vec<u8>, Option<Problem>), Vec<Problem>> {
    let (_, before_tree) = D::parse(shown, bytes, lang)?;
    let text = lf_without_bom(bytes);
    let top = reorder_top_level(&text, D::KEYS).unwrap_or_else(|| text.clone());
    let nested = reorder_nested::<D>(&top).unwrap_or_else(|| top.clone());
    // Trailing blanks inside a `|` block are content: a candidate that trims them fails the
    // check, and the next one keeps them. The first two are the whole canonical layout.
    let mut steps = Vec::new();
    match reindent(&nested) {
        Some(r) => steps.extend([trim_lines(&r), r]),
        None => steps.extend([String::new(), String::new()]),
    }
    steps.extend([
        trim_lines(&nested),
        nested.clone(),
        trim_lines(&top),
        top,
        trim_lines(&text),
        text.clone(),
    ]);
    let (data, notes) = (before_tree.to_json(), comments(&text));
    let same = |candidate: &str| {
        !candidate.is_empty()
            && D::parse(shown, candidate.as_bytes(), lang)
                .is_ok_and(|(_, tree)| tree.to_json() == data)
            && comments(candidate) == notes
    };
    // Each step first tidied (flow mappings in block style, quotes YAML does not need taken
    // off), then as it is: a tidied text that reads differently falls back to the plain one.
    // Tried in turn, so a file that formats at the first step is tidied and parsed once.
    let found = steps.into_iter().enumerate().find_map(|(i, step)| {
        if let Some(tidied) = tidy(&step).filter(|t| same(t)) {
            return Some((i, tidied));
        }
        same(&step).then_some((i, step))
    });
    let Some((step, found)) = found else {
        return Err(vec![Problem::new(
            shown,
            None,
            lang.pick(
                "cannot format this file without changing its content or comments; it was left as it is",
                "این فایل بدون تغییر محتوا یا یادداشت‌هایش قالب‌بندی نمی‌شود؛ همان‌طور که بود ماند",
            ),
        )]);
    };
    let note = (step >= 2).then(|| {
        Problem::new(
            shown,
            None,
            lang.pick(
                "part of the layout (key order or indentation) could not be made canonical without risk to the content or comments, and was left as it is",
                "بخشی از چیدمان (ترتیب کلیدها یا تورفتگی) بی‌خطر برای محتوا و یادداشت‌ها استاندارد نمی‌شد و همان‌طور که بود ماند",
            ),
        )
    });
    Ok((found.into_bytes(), note))
}

/// The text of `bytes` without the byte-order marks it starts with (an editor that adds one
/// to a file that has one already makes two), and with LF for every line break: CRLF
/// (Windows) and a CR alone (old Mac editors), both line breaks to YAML, so the data read is
/// the same.
fn lf_without_bom(bytes: &[u8]) -> String {
    let mut rest = bytes;
    while let Some(after) = rest.strip_prefix(BOM) {
        rest = after;
    }
    String::from_utf8_lossy(rest)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

/// UTF-8's byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text with the quotes taken off every one-line string that YAML 1.2 reads the same
/// without them (`country: 'ES'`, `status: "unknown"`): the rule the write commands follow
/// (yaml-edit's), and never a string with a flow indicator, a `#` or outer spaces. Only text
/// that starts with a letter: a phone, a number or a date written in quotes (`"+98 31 …"`, as
/// the specification's example dossier writes a phone) is kept as written, so that no reader,
/// YAML 1.1 ones included, takes it for a number. `None` when nothing changes or the text does
/// not parse.
fn unquote(text: &str) -> Option<String> {
    use granit_parser::{Event, Parser, ScalarStyle};
    let mut parser = Parser::new_from_str(text);
    let mut edits = Vec::new();
    while let Some(item) = parser.next_event() {
        let (event, span) = item.ok()?;
        let Event::Scalar(value, style, _, None) = event else {
            continue;
        };
        let quote = match style {
            ScalarStyle::SingleQuoted => '\'',
            ScalarStyle::DoubleQuoted => '"',
            _ => continue,
        };
        // A control, a tab, an odd space or an invisible character (a bidi control, a soft
        // hyphen) keeps its quotes, where it is spelled as an escape; ZWNJ is Persian text.
        let invisible = |c: char| {
            (c.is_whitespace() && c != ' ')
                || c.is_control()
                || matches!(c, '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}' | '\u{200d}'..='\u{200f}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
                || crate::text::is_bidi_control(c)
        };
        let plain = value.starts_with(char::is_alphabetic)
            && !value.chars().any(invisible)
            && yaml_edit::ScalarValue::string(value.as_ref()).style()
                == yaml_edit::ScalarStyle::Plain
            && !value.contains([',', '[', ']', '{', '}', '#'])
            && value.trim() == value;
        if !plain || span.start.line() != span.end.line() {
            continue;
        }
        let (Some(start), Some(end)) = (span.start.byte_offset(), span.end.byte_offset()) else {
            continue;
        };
        let quoted = text
            .get(start..end)
            .is_some_and(|raw| raw.len() >= 2 && raw.starts_with(quote) && raw.ends_with(quote));
        if quoted {
            edits.push((start..end, value.into_owned()));
        }
    }
    splice(text, edits)
}

/// [`unflow`], then [`unquote`]; `None` when neither changes anything.
fn tidy(text: &str) -> Option<String> {
    let block = unflow(text);
    let base = block.as_deref().unwrap_or(text);
    unquote(base).or(block)
}

/// The text with each one-line flow mapping of plain entries (`communication: {status:
/// unknown}`, `- {id: a, title: B}`) in block style, one entry a line, each key and value
/// spelled as written. A mapping with a nested collection, an empty value, or a comment after
/// it on its line is left as written. `None` when nothing changes or the text does not parse.
fn unflow(text: &str) -> Option<String> {
    use granit_parser::{Event, Parser, StructureStyle};
    struct Flow {
        start: usize,
        /// Spans of the keys and values, in turn.
        parts: Vec<(usize, usize)>,
        simple: bool,
    }
    // For each open collection: whether it is a flow mapping being collected (its index in
    // `open_flows`), a flow collection of another kind, or a block one.
    enum Frame {
        Block,
        Flow(Option<usize>),
    }
    let mut parser = Parser::new_from_str(text);
    let mut frames: Vec<Frame> = Vec::new();
    let mut flows: Vec<Flow> = Vec::new();
    let mut done: Vec<Flow> = Vec::new();
    while let Some(item) = parser.next_event() {
        let (event, span) = item.ok()?;
        let inside = match frames.last() {
            Some(Frame::Flow(Some(i))) => Some(*i),
            _ => None,
        };
        match event {
            Event::MappingStart(style, ..) | Event::SequenceStart(style, ..) => {
                if let Some(i) = inside {
                    flows[i].simple = false;
                }
                let is_map = matches!(event, Event::MappingStart(..));
                let under_block = matches!(frames.last(), Some(Frame::Block));
                frames.push(match style {
                    StructureStyle::Flow if is_map && under_block => {
                        flows.push(Flow {
                            start: span.start.byte_offset()?,
                            parts: Vec::new(),
                            simple: true,
                        });
                        Frame::Flow(Some(flows.len() - 1))
                    }
                    StructureStyle::Flow => Frame::Flow(None),
                    _ => Frame::Block,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(Frame::Flow(Some(i))) = frames.pop()
                    && i + 1 == flows.len()
                {
                    done.extend(flows.pop());
                }
            }
            Event::Scalar(..) => {
                if let Some(i) = inside {
                    let (a, b) = (span.start.byte_offset()?, span.end.byte_offset()?);
                    flows[i].parts.push((a, b));
                    if a == b {
                        flows[i].simple = false;
                    }
                }
            }
            Event::Alias(..) => {
                if let Some(i) = inside {
                    flows[i].simple = false;
                }
            }
            _ => {}
        }
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for flow in done.into_iter().filter(|f| f.simple && !f.parts.is_empty()) {
        let last = flow.parts.last()?.1;
        let close = last + text.get(last..)?.find('}')?;
        let end = close + 1;
        let line_start = text[..flow.start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
        let (prefix, after) = (&text[line_start..flow.start], &text[end..line_end]);
        let inner = &text[flow.start + 1..close];
        if !after.trim().is_empty() || inner.contains(['\n', '#']) || flow.parts.len() % 2 != 0 {
            continue;
        }
        let indent = prefix.len() - prefix.trim_start_matches(' ').len();
        let rest = &prefix[indent..];
        let entries: Vec<String> = flow
            .parts
            .chunks(2)
            .map(|kv| format!("{}: {}", &text[kv[0].0..kv[0].1], &text[kv[1].0..kv[1].1]))
            .collect();
        let replacement = if rest == "- " {
            // An item of a block list: its first entry on the dash's line.
            let pad = " ".repeat(indent + 2);
            format!("{prefix}{}", entries.join(&format!("\n{pad}")))
        } else if rest.ends_with(": ") && !rest.trim_end().is_empty() {
            // The value of a key (perhaps the first key of a list item, `- key: {…}`).
            let key_column = indent + if rest.starts_with("- ") { 2 } else { 0 };
            let pad = " ".repeat(key_column + 2);
            let lines: String = entries.iter().map(|e| format!("\n{pad}{e}")).collect();
            format!("{}{lines}", prefix.trim_end())
        } else {
            continue;
        };
        edits.push((line_start..end, replacement));
    }
    splice(text, edits)
}

/// Top-level entries in schema order, moved as whole blocks of lines: a comment inside an
/// entry (indented) stays in it, comments right above a key (not indented) go with that key,
/// and the comments heading the file stay on top.
fn reorder_top_level(text: &str, keys: &[&str]) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_key = |l: &str| {
        !l.starts_with([' ', '\t', '#', '-', '\n', '%', '.', '[', '{', '"', '\''])
            && !l.trim().is_empty()
            && l.contains(':')
    };
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| is_key(lines[i])).collect();
    let first = *starts.first()?;
    // A block begins at its key, or at the unindented comments and blank lines right above it.
    let begin = |key: usize, floor: usize| {
        let mut b = key;
        while b > floor && (lines[b - 1].starts_with('#') || lines[b - 1].trim().is_empty()) {
            b -= 1;
        }
        // Blank lines separate blocks; they stay where they are, not with the comment.
        while b < key && lines[b].trim().is_empty() {
            b += 1;
        }
        b
    };
    // Everything above the first key heads the file and stays on top.
    let head_end = first;
    let mut blocks: Vec<(usize, usize, &str)> = Vec::new();
    for (n, &key) in starts.iter().enumerate() {
        let b = if n == 0 {
            head_end
        } else {
            begin(key, starts[n - 1] + 1)
        };
        let name = lines[key].split(':').next().unwrap_or("").trim();
        if let Some(last) = blocks.last_mut() {
            last.1 = b;
        }
        blocks.push((b, lines.len(), name));
    }
    let rank = |name: &str| keys.iter().position(|k| *k == name).unwrap_or(keys.len());
    let mut ordered = blocks.clone();
    ordered.sort_by_key(|(_, _, name)| rank(name));
    if ordered == blocks {
        return None;
    }
    let mut out: String = lines[..head_end].concat();
    for (b, e, _) in ordered {
        let mut block: String = lines[b..e].concat();
        // Every block ends its line; blank lines between blocks stay between blocks.
        if !block.ends_with('\n') {
            block.push('\n');
        }
        out.push_str(&block);
    }
    Some(out)
}

/// Keys inside each mapping in schema order, through the file's syntax tree.
///
/// yaml-edit looks over the whole document for aliases at every reorder, so the entries of
/// the lists (thousands of interactions or facilitators) are each put in order in a document
/// of their own ([`reorder_items_apart`]), and a mapping already in order is not touched:
/// the time grows with the file, not with its square.
fn reorder_nested<D: Laid>(text: &str) -> Option<String> {
    let (apart, left) = reorder_items_apart(text, D::LISTS)?;
    let doc = Document::from_str(apart.as_deref().unwrap_or(text)).ok()?;
    let root = doc.as_mapping()?;
    D::order_mappings(&root);
    // What [`reorder_items_apart`] could not do alone, done here in place.
    for &(list, keys) in D::LISTS.iter().filter(|_| left) {
        let Some(seq) = root.get_sequence(list) else {
            continue;
        };
        for item in seq.values() {
            if let Some(map) = item.as_mapping() {
                arrange_item(map, keys);
            }
        }
    }
    Some(doc.to_string())
}

/// The lists of entries with ids or dates, and the keys of an entry in schema order.
const ITEM_LISTS: [(&str, &[&str]); 7] = [
    ("facilitators", FACILITATOR),
    ("contacts", CONTACT),
    ("actions", ACTION),
    ("events", EVENT),
    ("interactions", INTERACTION),
    ("opportunities", OPPORTUNITY),
    ("reviews", REVIEW),
];

/// An entry of a list in schema order: its keys, its `contact:` and its `history` entries.
fn arrange_item(map: &Mapping, keys: &[&str]) {
    arrange(map, keys);
    order(map, "contact", DETAILS);
    order_items(map, "history", STAGE_CHANGE);
}

/// Whether [`arrange_item`] would move anything in `map`.
fn item_in_order(map: &Mapping, keys: &[&str]) -> bool {
    in_order(map, keys)
        && map
            .get_mapping("contact")
            .is_none_or(|c| in_order(&c, DETAILS))
        && map.get_sequence("history").is_none_or(|seq| {
            seq.values()
                .all(|item| item.as_mapping().is_none_or(|m| in_order(m, STAGE_CHANGE)))
        })
}

/// Each entry of the lists of [`ITEM_LISTS`] (and of `relationship.history`) that is out of
/// order, put in order as a document of its own: its text, indented as it stands, parsed,
/// ordered and put back in its place: the new text (`None` when no entry moved), and whether
/// an entry was left for [`reorder_nested`] to order in place, one that cannot be ordered
/// alone (it holds an alias, or does not read alone). `None` when the text does not parse.
fn reorder_items_apart(text: &str, lists: &[(&str, &[&str])]) -> Option<(Option<String>, bool)> {
    let doc = Document::from_str(text).ok()?;
    let root = doc.as_mapping()?;
    let mut edits = Vec::new();
    let mut left = false;
    let mut apart = |map: &Mapping, keys: &[&str], item: bool| {
        left |= !apart_one(text, map, keys, item, &mut edits);
    };
    if let Some(history) = root
        .get_mapping("relationship")
        .and_then(|r| r.get_sequence("history"))
    {
        for entry in history.values() {
            if let Some(map) = entry.as_mapping() {
                apart(map, STATUS_CHANGE, false);
            }
        }
    }
    for &(list, keys) in lists {
        let Some(seq) = root.get_sequence(list) else {
            continue;
        };
        for entry in seq.values() {
            if let Some(map) = entry.as_mapping() {
                apart(map, keys, true);
            }
        }
    }
    Some((splice(text, edits), left))
}

/// One entry for [`reorder_items_apart`]: whether it is in order now, or will be once `edits`
/// are made.
fn apart_one(
    text: &str,
    map: &Mapping,
    keys: &[&str],
    item: bool,
    edits: &mut Vec<(std::ops::Range<usize>, String)>,
) -> bool {
    let in_place = if item {
        item_in_order(map, keys)
    } else {
        in_order(map, keys)
    };
    if in_place {
        return true;
    }
    let range = map.byte_range();
    let (start, end) = (range.start as usize, range.end as usize);
    let Some(own) = text.get(start..end).filter(|t| !t.contains('*')) else {
        return false;
    };
    let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
    // The dashes and spaces before the entry's first key, as spaces: the entry's lines keep
    // their columns.
    if !text[line_start..start]
        .chars()
        .all(|c| c == ' ' || c == '-')
    {
        return false;
    }
    let pad = " ".repeat(start - line_start);
    let Ok(alone) = Document::from_str(&format!("{pad}{own}")) else {
        return false;
    };
    let Some(alone_map) = alone.as_mapping() else {
        return false;
    };
    if item {
        arrange_item(&alone_map, keys);
    } else {
        arrange(&alone_map, keys);
    }
    match alone.to_string().strip_prefix(pad.as_str()) {
        Some(ordered) => {
            edits.push((start..end, ordered.to_owned()));
            true
        }
        None => false,
    }
}

/// The keys of each entry of the list `key` (a history) in schema order.
fn order_items(parent: &Mapping, key: &str, keys: &[&str]) {
    let Some(seq) = parent.get_sequence(key) else {
        return;
    };
    for item in seq.values() {
        if let Some(map) = item.as_mapping() {
            arrange(map, keys);
        }
    }
}

fn order(parent: &Mapping, key: &str, keys: &[&str]) {
    if let Some(map) = parent.get_mapping(key) {
        arrange(&map, keys);
    }
}

/// The keys of `map` in the order of `keys` (others after them, as they were), unless they
/// are in that order already.
fn arrange(map: &Mapping, keys: &[&str]) {
    if !in_order(map, keys) {
        map.reorder_fields(keys.iter().copied());
    }
}

/// Whether the keys of `map` come in the order of `keys`, those not in it last: what
/// `reorder_fields` would leave as it is.
fn in_order(map: &Mapping, keys: &[&str]) -> bool {
    let rank = |key: yaml_edit::YamlNode| {
        key.as_scalar()
            .and_then(|s| keys.iter().position(|k| *k == s.as_string()))
            .unwrap_or(keys.len())
    };
    let ranks: Vec<usize> = map.keys().map(rank).collect();
    ranks.is_sorted()
}

/// `text` with each range replaced, the ranges in any order and not overlapping; built in
/// one pass (replacing in place would move the rest of the text at every edit). `None` when
/// there is nothing to replace.
fn splice(text: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> Option<String> {
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at = 0;
    for (range, replacement) in edits {
        out.push_str(text.get(at..range.start)?);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// Two spaces per level of nesting, list items indented under their key. Block scalars move
/// with their key, keeping their inner indentation. `None` where the file uses what this
/// simple pass does not follow (tabs, multi-line flow collections, indentation indicators).
fn reindent(text: &str) -> Option<String> {
    /// A `|` or `>` block being copied: where its key was and is, and how its lines move.
    struct Block {
        old_key: usize,
        new_key: usize,
        /// The first content line's old indent and its new one.
        shift: Option<(usize, usize)>,
    }
    let mut out = String::with_capacity(text.len());
    // Indentation levels, doubled so an unindented list item (`key:\n- a`) sits half a level in.
    let mut levels: Vec<usize> = vec![0];
    let mut previous_opens_block = false;
    let mut previous_indent = 0;
    let mut block: Option<Block> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let indent = body.len() - body.trim_start_matches(' ').len();
        let content = &body[indent..];
        if let Some(b) = &mut block {
            if content.is_empty() {
                out.push('\n');
                continue;
            }
            if indent > b.old_key {
                let (old, new) = *b.shift.get_or_insert((indent, b.new_key + 2));
                out.push_str(&" ".repeat((indent + new).saturating_sub(old)));
                out.push_str(content);
                out.push('\n');
                continue;
            }
            block = None;
        }
        if content.is_empty() {
            out.push('\n');
            continue;
        }
        if body.contains('\t') {
            return None;
        }
        let mut at = indent * 2;
        if (content.starts_with("- ") || content == "-")
            && previous_opens_block
            && indent == previous_indent
        {
            at += 1;
        }
        let mut depth_levels = levels.clone();
        while depth_levels.len() > 1 && depth_levels.last().is_some_and(|&l| l > at) {
            depth_levels.pop();
        }
        if depth_levels.last().is_some_and(|&l| l < at) {
            depth_levels.push(at);
        }
        let new_indent = (depth_levels.len() - 1) * 2;
        // A list item's text follows its dash after one space.
        let item = content
            .strip_prefix('-')
            .filter(|rest| rest.starts_with(' '))
            .map(|rest| {
                (
                    indent + content.len() - rest.trim_start().len(),
                    rest.trim_start(),
                )
            });
        out.push_str(&" ".repeat(new_indent));
        match item {
            Some((_, rest)) => {
                out.push_str("- ");
                out.push_str(rest);
            }
            None => out.push_str(content),
        }
        out.push('\n');
        if content.starts_with('#') {
            continue;
        }
        levels = depth_levels;
        // Inside a list item, the keys after `- ` are one level deeper than the dash.
        let (old_key, new_key, key_text) = match item {
            Some((column, rest)) => {
                levels.push(column * 2);
                (column, new_indent + 2, rest)
            }
            None => (indent, new_indent, content),
        };
        let value = key_text
            .split_once(": ")
            .map(|(_, v)| v)
            .or_else(|| key_text.strip_suffix(':').map(|_| ""))
            .unwrap_or(key_text);
        let value = value.split(" #").next().unwrap_or(value).trim();
        if value.starts_with(['|', '>']) {
            if value.chars().any(|c| c.is_ascii_digit()) {
                return None;
            }
            block = Some(Block {
                old_key,
                new_key,
                shift: None,
            });
        } else if value.starts_with(['[', '{', '"', '\'']) && !closed(value) {
            // A flow collection or quoted text that goes on over more lines.
            return None;
        }
        previous_opens_block = key_text.ends_with(':');
        previous_indent = indent;
    }
    Some(out)
}

/// Whether a flow collection or quoted scalar ends on its own line.
fn closed(value: &str) -> bool {
    match value.chars().next() {
        Some('"') => value.len() > 1 && value.ends_with('"') && !value.ends_with("\\\""),
        Some('\'') => value.len() > 1 && value.ends_with('\''),
        _ => balanced(value),
    }
}

fn balanced(text: &str) -> bool {
    let opens = text.matches(['[', '{']).count();
    let closes = text.matches([']', '}']).count();
    opens == closes
}

/// No trailing blanks, blank lines at the end folded into one final newline.
fn trim_lines(text: &str) -> String {
    let mut out: String = text
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// Every comment's text, sorted: moving a comment with its entry is fine, losing one is not.
fn comments(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') {
                return Some(trimmed.trim_end().to_owned());
            }
            line.find(" #")
                .map(|at| line[at + 1..].trim_end().to_owned())
        })
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSY: &str = "\u{feff}# top\r\nname: {en: X}\r\nslug: x   \r\ncountry: ES # inline\r\nrelationship:\r\n  status: active\r\n  kind: sister-city\r\n\r\n\r\n";

    #[test]
    fn canonical_orders_keys_and_keeps_comments() {
        let out =
            canonical(Path::new("cities/x.yaml"), MESSY.as_bytes(), Lang::En).unwrap_or_default();
        let out = String::from_utf8(out).unwrap_or_default();
        assert_eq!(
            out,
            "# top\nslug: x\nname:\n  en: X\ncountry: ES # inline\nrelationship:\n  kind: sister-city\n  status: active\n"
        );
    }

    #[test]
    fn canonical_is_idempotent() {
        let once =
            canonical(Path::new("cities/x.yaml"), MESSY.as_bytes(), Lang::En).unwrap_or_default();
        let twice = canonical(Path::new("cities/x.yaml"), &once, Lang::En).unwrap_or_default();
        assert_eq!(once, twice);
    }

    #[test]
    fn every_bom_goes_and_every_line_break_becomes_lf() {
        let shown = Path::new("cities/x.yaml");
        let canonical_text = "slug: x\nname:\n  en: X\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\n";
        for messy in [
            format!("\u{feff}\u{feff}{canonical_text}"),
            canonical_text.replace('\n', "\r"),
            canonical_text.replace('\n', "\r\n"),
            format!("\u{feff}{}", canonical_text.replace('\n', "\r")),
        ] {
            let out = canonical(shown, messy.as_bytes(), Lang::En).unwrap_or_default();
            assert_eq!(String::from_utf8_lossy(&out), canonical_text, "{messy:?}");
        }
    }

    /// What [`reorder_nested`] did before entries were ordered apart: every entry in place,
    /// in the whole document.
    fn in_place(text: &str) -> Option<String> {
        let doc = Document::from_str(text).ok()?;
        let root = doc.as_mapping()?;
        if let Some(relationship) = root.get_mapping("relationship") {
            order_items(&relationship, "history", STATUS_CHANGE);
        }
        for (list, keys) in ITEM_LISTS {
            if let Some(seq) = root.get_sequence(list) {
                for item in seq.values() {
                    arrange_item(item.as_mapping()?, keys);
                }
            }
        }
        Some(doc.to_string())
    }

    #[test]
    fn entries_ordered_apart_come_out_as_ordered_in_place() {
        let text = "slug: x
relationship:
  status: active
  history:
    - {status: active, date: 2026-01-02}
    - status: dormant # quiet
      date: 2025-01-01
facilitators:
  # the first one
  - name: A # after A
    id: a
    contact:
      phone: \"+98 1\"
      email: a@example.org
  - {name: B, id: b}
  -   status: active
      id: c
      connection: |
        Studied
          here.
      name: C

  - id: d
    name: D
opportunities:
  - title: T
    id: o-1
    history:
      - {stage: idea, date: 2026-01-01}
      - date: 2026-02-01
        stage: exploring
    sector: tourism
interactions:
  - kind: call
    date: 2026-01-01 # first
    title: Call
  - title: Shared *bold* text
    date: 2026-01-02
";
        // All but the entry holding a `*` (perhaps an alias) are ordered apart.
        let first = reorder_items_apart(text, &ITEM_LISTS).map(|(t, left)| (t.is_some(), left));
        assert_eq!(first, Some((true, true)));
        let apart = reorder_nested::<Dossier>(text).unwrap_or_default();
        assert_eq!(Some(apart.clone()), in_place(text));
        assert!(
            apart.contains("  - id: a\n    name: A # after A\n"),
            "{apart}"
        );
        let again = reorder_items_apart(&apart, &ITEM_LISTS).map(|(t, left)| (t.is_some(), left));
        assert_eq!(again, Some((false, false)), "all in order");
    }

    #[test]
    fn splice_replaces_each_range_once() {
        let edits = vec![
            (4..5, "FIVE".to_owned()),
            (0..1, String::new()),
            (9..9, "!".to_owned()),
        ];
        assert_eq!(
            splice("0123456789", edits).as_deref(),
            Some("123FIVE5678!9")
        );
        assert_eq!(splice("text", Vec::new()), None);
    }

    #[test]
    fn reindent_makes_two_spaces_and_moves_blocks_with_their_keys() {
        let four = "slug: x\nactions:\n-   id: a-1\n    title: T\n    status: open\ninteractions:\n    -   date: 2026-11-26\n        summary: |\n            one\n              two\n        kind: call\n";
        let out = reindent(four).unwrap_or_default();
        assert_eq!(
            out,
            "slug: x\nactions:\n  - id: a-1\n    title: T\n    status: open\ninteractions:\n  - date: 2026-11-26\n    summary: |\n      one\n        two\n    kind: call\n"
        );
    }

    #[test]
    fn reindent_leaves_what_it_does_not_follow() {
        assert_eq!(reindent("a:\n\tb: 1\n"), None);
        assert_eq!(reindent("a: [1,\n  2]\n"), None);
        assert_eq!(reindent("a: |2\n   x\n"), None);
    }
}
