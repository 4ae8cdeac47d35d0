//! Three-way merge of dossiers by their structure, for git's merge driver and `diplomat resolve`.
//!
//! Two analysts who each log a meeting append to the same list; git's line merge calls that a
//! conflict. Here each side is read into the located tree and cut into blocks of lines along it
//! (a mapping entry, a list item, each with the comments above it), and the blocks are merged:
//! mapping entries by key, list items with an `id` by id, other list items (interactions,
//! reviews) as sets in date order, and a value changed on one side takes that side. Only a value
//! that both sides changed differently is a conflict, marked around its own lines.
//!
//! The result is made of the sides' own lines, so comments and layout stay; it is read back and
//! must equal the intended merge, else git's text merge (`git merge-file`) is used instead, so a
//! merge never loses a line.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value as Json;

use crate::yaml::{self, Node, Value};

/// How conflicts are marked: git's `%L`, `%X` and `%Y`.
#[derive(Clone, Debug)]
pub struct Labels {
    pub ours: String,
    pub theirs: String,
    pub marker_size: usize,
}

impl Default for Labels {
    fn default() -> Self {
        Self {
            ours: "ours".into(),
            theirs: "theirs".into(),
            marker_size: 7,
        }
    }
}

/// The merged file and how it was made.
#[derive(Debug)]
pub struct Merged {
    pub text: Vec<u8>,
    /// Values both sides changed differently, each marked in `text`.
    pub conflicts: usize,
    pub method: Method,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Merged by structure.
    Structure,
    /// A side could not be read as YAML (or the structural result did not read back as
    /// intended): git's line merge.
    Text,
}

/// Merges `ours` and `theirs`, which both come from `base` (empty when the file was added on
/// both sides). Falls back to git's text merge; fails only when that fails too.
pub fn merge(base: &[u8], ours: &[u8], theirs: &[u8], labels: &Labels) -> std::io::Result<Merged> {
    if let Some((text, conflicts)) = structural(base, ours, theirs, labels) {
        return Ok(Merged {
            text,
            conflicts,
            method: Method::Structure,
        });
    }
    let (text, conflicts) = text_merge(base, ours, theirs, labels)?;
    Ok(Merged {
        text,
        conflicts,
        method: Method::Text,
    })
}

/// The structural merge, or `None` when it cannot be trusted.
pub fn structural(
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    labels: &Labels,
) -> Option<(Vec<u8>, usize)> {
    let crlf = has_crlf(ours);
    let bom = ours.starts_with(BOM);
    let [base, ours, theirs] = [base, ours, theirs].map(normalize);
    let base = Side::read(&base);
    let ours = Side::read(&ours)?;
    let theirs = Side::read(&theirs)?;
    let base = base.filter(|b| b.root.is_some());
    let merger = Merger { labels };
    let base = base.as_ref().and_then(|b| b.at(b.root.as_ref()?));
    let (ours, theirs) = (
        ours.at(ours.root.as_ref()?)?,
        theirs.at(theirs.root.as_ref()?)?,
    );
    let out = merger.merge(base.as_ref(), &ours, &theirs);
    let (lines, conflicts) = coalesce(out.lines, labels);
    let mut text = lines.concat();
    if conflicts == 0 {
        // Read back: the text must be the merge that was meant, value for value.
        let read = yaml::parse(
            Path::new("merged.yaml"),
            text.as_bytes(),
            crate::lang::Lang::En,
        )
        .ok()??;
        if Some(read.to_json()) != out.value {
            return None;
        }
    } else {
        // Each side of every conflict must still read as YAML: the cut was clean.
        for side in [true, false] {
            let resolved = take_side(&text, side, labels.marker_size);
            yaml::parse(
                Path::new("merged.yaml"),
                resolved.as_bytes(),
                crate::lang::Lang::En,
            )
            .ok()??;
        }
    }
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(text.as_bytes());
    Some((bytes, conflicts))
}

/// Conflicts on neighbouring lines (a status and its evidence) become one, as an analyst
/// resolves them together; returns the lines and the number of conflicts left.
fn coalesce(lines: Vec<String>, labels: &Labels) -> (Vec<String>, usize) {
    let open = format!("{} {}\n", "<".repeat(labels.marker_size), labels.ours);
    let middle = format!("{}\n", "=".repeat(labels.marker_size));
    let close = format!("{} {}\n", ">".repeat(labels.marker_size), labels.theirs);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut theirs_run: Vec<String> = Vec::new();
    let mut conflicts = 0;
    let mut iter = lines.into_iter().peekable();
    // state: 0 outside, 1 in ours, 2 in theirs
    let mut state = 0;
    while let Some(line) = iter.next() {
        match state {
            0 if line == open => {
                out.push(line);
                conflicts += 1;
                state = 1;
            }
            1 if line == middle => state = 2,
            2 if line == close => {
                if iter.peek() == Some(&open) {
                    iter.next();
                    state = 1;
                } else {
                    out.push(middle.clone());
                    out.append(&mut theirs_run);
                    out.push(line);
                    state = 0;
                }
            }
            2 => theirs_run.push(line),
            _ => out.push(line),
        }
    }
    (out, conflicts)
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn has_crlf(bytes: &[u8]) -> bool {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    crlf > 0 && crlf * 2 >= lf
}

/// UTF-8 text without BOM, LF line ends, ending with a newline; `None` when not UTF-8.
fn normalize(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut text = std::str::from_utf8(bytes).ok()?.replace("\r\n", "\n");
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    Some(text)
}

/// Git's own line merge of the three texts, with the same labels; exit 1 of
/// `git merge-file` means conflicts were marked.
pub fn text_merge(
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    labels: &Labels,
) -> std::io::Result<(Vec<u8>, usize)> {
    let dir = tempfile::tempdir()?;
    let [b, o, t] = ["base", "ours", "theirs"].map(|name| dir.path().join(name));
    std::fs::write(&b, base)?;
    std::fs::write(&o, ours)?;
    std::fs::write(&t, theirs)?;
    let output = std::process::Command::new("git")
        .arg("merge-file")
        .arg("-p")
        .arg(format!("--marker-size={}", labels.marker_size))
        .args(["-L", &labels.ours, "-L", "base", "-L", &labels.theirs])
        .arg(&o)
        .arg(&b)
        .arg(&t)
        .output()?;
    match output.status.code() {
        Some(n) if (0..=127).contains(&n) => Ok((output.stdout, n as usize)),
        _ => Err(std::io::Error::other(format!(
            "git merge-file failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))),
    }
}

/// The text with every conflict resolved to one side (`ours` or not).
pub fn take_side(text: &str, ours: bool, marker_size: usize) -> String {
    let open = "<".repeat(marker_size);
    let middle = "=".repeat(marker_size);
    let close = ">".repeat(marker_size);
    let base = "|".repeat(marker_size);
    let mut out = String::with_capacity(text.len());
    // 0: outside, 1: ours, 2: base (diff3 style), 3: theirs
    let mut part = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare.starts_with(&open) && part == 0 {
            part = 1;
        } else if bare.starts_with(&base) && part == 1 {
            part = 2;
        } else if bare == middle && (part == 1 || part == 2) {
            part = 3;
        } else if bare.starts_with(&close) && part == 3 {
            part = 0;
        } else if part == 0 || (part == 1 && ours) || (part == 3 && !ours) {
            out.push_str(line);
        }
    }
    out
}

/// One side: its lines and its tree.
struct Side {
    lines: Vec<String>,
    root: Option<Node>,
}

impl Side {
    fn read(text: &Option<String>) -> Option<Side> {
        let text = text.as_ref()?;
        let root = yaml::parse(
            Path::new("side.yaml"),
            text.as_bytes(),
            crate::lang::Lang::En,
        )
        .ok()?;
        if root.as_ref().is_some_and(|r| r.as_map().is_none()) {
            return None;
        }
        Some(Side {
            lines: text.split_inclusive('\n').map(str::to_owned).collect(),
            root,
        })
    }

    fn at<'a>(&'a self, root: &'a Node) -> Option<Block<'a>> {
        let entries = root.as_map()?;
        Some(Block {
            lines: &self.lines,
            start: 0,
            end: self.lines.len(),
            indent: 0,
            json: root.to_json(),
            kind: map_kind(&self.lines, entries, 0, self.lines.len()).unwrap_or(Kind::Leaf),
        })
    }
}

/// A run of lines that holds one value: an entry of a mapping (from the comments above its
/// key to the next entry), an item of a list, or the whole file.
struct Block<'a> {
    lines: &'a [String],
    start: usize,
    end: usize,
    /// The column of its key or dash: where its lines stand when moved to another side.
    indent: usize,
    json: Json,
    kind: Kind<'a>,
}

enum Kind<'a> {
    /// Merged as a whole.
    Leaf,
    /// `body` is the first line of the first child; lines before it (comments, the key) are
    /// the header.
    Map {
        body: usize,
        entries: Vec<(String, Block<'a>)>,
    },
    Seq {
        body: usize,
        items: Vec<Block<'a>>,
    },
}

impl Block<'_> {
    fn text(&self) -> &[String] {
        &self.lines[self.start..self.end]
    }

    fn header(&self) -> &[String] {
        match &self.kind {
            Kind::Leaf => self.text(),
            Kind::Map { body, .. } | Kind::Seq { body, .. } => &self.lines[self.start..*body],
        }
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_comment_or_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// Walks up from `line` over blank lines and comments no deeper than `indent`: the lines an
/// entry carries with it.
fn leading_start(lines: &[String], line: usize, floor: usize, indent: usize) -> usize {
    let mut start = line;
    while start > floor {
        let above = &lines[start - 1];
        let t = above.trim();
        if t.is_empty() || (t.starts_with('#') && indent_of(above) <= indent) {
            start -= 1;
        } else {
            break;
        }
    }
    start
}

fn line_of(node: &Node) -> Option<usize> {
    (node.loc.line as usize).checked_sub(1)
}

/// The entries of a block mapping whose keys stand from `floor` on, cut into blocks that end
/// at `end`. `None` when the layout is not one key per line in order.
fn map_kind<'a>(
    lines: &'a [String],
    entries: &'a [(Node, Node)],
    floor: usize,
    end: usize,
) -> Option<Kind<'a>> {
    let mut starts = Vec::with_capacity(entries.len());
    let mut lower = floor;
    for (key, _) in entries {
        key.as_str()?;
        let line = line_of(key)?;
        if line < lower || line >= end {
            return None;
        }
        let indent = (key.loc.column as usize).checked_sub(1)?;
        starts.push((leading_start(lines, line, lower, indent), line, indent));
        lower = line + 1;
    }
    let mut blocks = Vec::with_capacity(entries.len());
    for (i, (key, value)) in entries.iter().enumerate() {
        let (start, key_line, indent) = starts[i];
        let stop = starts.get(i + 1).map_or(end, |s| s.0);
        let kind = child_kind(lines, value, key_line, stop).unwrap_or(Kind::Leaf);
        blocks.push((
            key.key_text(),
            Block {
                lines,
                start,
                end: stop,
                indent,
                json: value.to_json(),
                kind,
            },
        ));
    }
    let body = blocks.first().map_or(end, |(_, b)| b.start);
    Some(Kind::Map {
        body,
        entries: blocks,
    })
}

/// How the value of an entry whose key stands on `key_line` is cut: block collections whose
/// children start on later lines are cut further, anything else is a leaf.
fn child_kind<'a>(
    lines: &'a [String],
    value: &'a Node,
    key_line: usize,
    end: usize,
) -> Option<Kind<'a>> {
    match &value.value {
        Value::Map(entries) => {
            let first = line_of(&entries.first()?.0)?;
            (first > key_line).then_some(())?;
            map_kind(lines, entries, key_line + 1, end)
        }
        Value::Seq(items) => {
            let first = line_of(items.first()?)?;
            (first > key_line).then_some(())?;
            seq_kind(lines, items, key_line + 1, end)
        }
        _ => None,
    }
}

/// The items of a block sequence, each from its dash (and the comments above) to the next.
fn seq_kind<'a>(
    lines: &'a [String],
    items: &'a [Node],
    floor: usize,
    end: usize,
) -> Option<Kind<'a>> {
    let mut starts = Vec::with_capacity(items.len());
    let mut lower = floor;
    for item in items {
        let line = line_of(item)?;
        let column = (item.loc.column as usize).checked_sub(1)?;
        let text = lines.get(line)?;
        let prefix: String = text.chars().take(column).collect();
        let (dash_line, dash) = if prefix.trim() == "-" {
            (line, prefix.find('-')?)
        } else if prefix.trim().is_empty() {
            // `-` alone on its line, the item below it
            let above = (lower..line)
                .rev()
                .find(|&l| !is_comment_or_blank(&lines[l]))?;
            (lines[above].trim() == "-").then_some(())?;
            (above, lines[above].find('-')?)
        } else {
            return None;
        };
        if dash_line < lower || dash_line >= end {
            return None;
        }
        starts.push((
            leading_start(lines, dash_line, lower, dash),
            dash_line,
            dash,
        ));
        lower = line + 1;
    }
    let mut blocks = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let (start, dash_line, dash) = starts[i];
        let stop = starts.get(i + 1).map_or(end, |s| s.0);
        let kind = match &item.value {
            Value::Map(entries)
                if !entries.is_empty()
                    && line_of(item)
                        .and_then(|l| lines.get(l))
                        .and_then(|l| l.chars().nth((item.loc.column as usize).saturating_sub(1)))
                        .is_none_or(|c| c != '{') =>
            {
                map_kind(lines, entries, dash_line, stop).unwrap_or(Kind::Leaf)
            }
            _ => Kind::Leaf,
        };
        blocks.push(Block {
            lines,
            start,
            end: stop,
            indent: dash,
            json: item.to_json(),
            kind,
        });
    }
    let body = blocks.first().map_or(end, |b| b.start);
    Some(Kind::Seq {
        body,
        items: blocks,
    })
}

/// Merged lines and the value they are meant to read as (`None` once a conflict is inside).
struct Out {
    lines: Vec<String>,
    value: Option<Json>,
}

impl Out {
    fn of(block: &Block, delta: isize) -> Out {
        Out {
            lines: shift(block.text(), delta),
            value: Some(block.json.clone()),
        }
    }
}

/// Lines moved by `delta` columns (to stand where the other side's lines stand). Comments and
/// blank lines lose only the spaces they have.
fn shift(lines: &[String], delta: isize) -> Vec<String> {
    if delta == 0 {
        return lines.to_vec();
    }
    lines
        .iter()
        .map(|line| {
            if line.trim().is_empty() {
                line.clone()
            } else if delta > 0 {
                format!("{}{line}", " ".repeat(delta.unsigned_abs()))
            } else {
                let cut = indent_of(line).min(delta.unsigned_abs());
                line[cut..].to_owned()
            }
        })
        .collect()
}

fn delta(to: &Block, from: &Block) -> isize {
    to.indent as isize - from.indent as isize
}

struct Merger<'l> {
    labels: &'l Labels,
}

impl Merger<'_> {
    fn merge(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> Out {
        let d = delta(ours, theirs);
        if ours.text() == theirs.text() {
            return Out::of(ours, 0);
        }
        if let Some(base) = base {
            if base.text() == theirs.text() {
                return Out::of(ours, 0);
            }
            if base.text() == ours.text() {
                return Out::of(theirs, d);
            }
        }
        match (&ours.kind, &theirs.kind) {
            (Kind::Map { .. }, Kind::Map { .. })
                if base.is_none_or(|b| matches!(b.kind, Kind::Map { .. })) =>
            {
                self.map(base, ours, theirs)
            }
            (Kind::Seq { .. }, Kind::Seq { .. })
                if base.is_none_or(|b| matches!(b.kind, Kind::Seq { .. })) =>
            {
                self.seq(base, ours, theirs)
            }
            _ => self.leaf(base, ours, theirs),
        }
    }

    /// A value merged whole: the side that changed it, a text merge of comment changes, or a
    /// conflict.
    fn leaf(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> Out {
        let changed_ours = base.is_none_or(|b| b.json != ours.json);
        let changed_theirs = base.is_none_or(|b| b.json != theirs.json);
        if ours.json == theirs.json || !changed_theirs {
            return self.lines_merged(base, ours, theirs, &ours.json);
        }
        if !changed_ours {
            return self.lines_merged(base, ours, theirs, &theirs.json);
        }
        if let Some(out) = flow_set(base, ours, theirs) {
            return out;
        }
        self.conflict(Some(ours), Some(theirs), delta(ours, theirs))
    }

    /// Both sides' comment and layout changes to one value, when their lines merge cleanly;
    /// else the side whose value is kept (`value` is ours unless theirs alone changed it).
    fn lines_merged(
        &self,
        base: Option<&Block>,
        ours: &Block,
        theirs: &Block,
        value: &Json,
    ) -> Out {
        let d = delta(ours, theirs);
        let keep = if *value == ours.json {
            Out::of(ours, 0)
        } else {
            Out::of(theirs, d)
        };
        let Some(base) = base else { return keep };
        let [b, o, t] = [
            shift(base.text(), delta(ours, base)).concat(),
            ours.text().concat(),
            shift(theirs.text(), d).concat(),
        ];
        match diffy::merge(&b, &o, &t) {
            Ok(text) => {
                let lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
                // Only when the merged lines still read as the value (checked with the whole file).
                Out {
                    lines,
                    value: Some(value.clone()),
                }
            }
            Err(_) => {
                let (kept, other) = if *value == ours.json {
                    (ours.text().to_vec(), shift(theirs.text(), d))
                } else {
                    (shift(theirs.text(), d), ours.text().to_vec())
                };
                let base_lines = shift(base.text(), delta(ours, base));
                if let Some(lines) = transplant_comments(&base_lines, &other, &kept) {
                    return Out {
                        lines,
                        value: Some(value.clone()),
                    };
                }
                // A comment only the other side has would be lost: let the analyst choose.
                let loses_comment = other
                    .iter()
                    .any(|l| l.trim_start().starts_with('#') && !kept.contains(l));
                if loses_comment {
                    self.conflict(Some(ours), Some(theirs), d)
                } else {
                    keep
                }
            }
        }
    }

    /// Markers around what differs: lines both sides share at either end (a comment above the
    /// key, a blank line) stay outside them.
    fn conflict(&self, ours: Option<&Block>, theirs: Option<&Block>, d: isize) -> Out {
        let n = self.labels.marker_size;
        let o: Vec<String> = ours.map(|o| o.text().to_vec()).unwrap_or_default();
        let t: Vec<String> = theirs.map(|t| shift(t.text(), d)).unwrap_or_default();
        let same = |a: &String, b: &String| a == b && is_comment_or_blank(a);
        let head = o.iter().zip(&t).take_while(|(a, b)| same(a, b)).count();
        let tail = o[head..]
            .iter()
            .rev()
            .zip(t[head..].iter().rev())
            .take_while(|(a, b)| same(a, b))
            .count();
        let mut lines = o[..head].to_vec();
        lines.push(format!("{} {}\n", "<".repeat(n), self.labels.ours));
        lines.extend_from_slice(&o[head..o.len() - tail]);
        lines.push(format!("{}\n", "=".repeat(n)));
        lines.extend_from_slice(&t[head..t.len() - tail]);
        lines.push(format!("{} {}\n", ">".repeat(n), self.labels.theirs));
        lines.extend_from_slice(&o[o.len() - tail..]);
        Out { lines, value: None }
    }

    /// The header (key line and comments) of a collection: the side that changed it.
    fn header(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> Vec<String> {
        let theirs_header = shift(theirs.header(), delta(ours, theirs));
        match base {
            Some(b) if b.header() == ours.header() && b.header() != theirs.header() => {
                theirs_header
            }
            _ => ours.header().to_vec(),
        }
    }

    fn map(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> Out {
        let entries = |b: &'_ Block| -> Option<Vec<(Json, usize)>> {
            match &b.kind {
                Kind::Map { entries, .. } => Some(
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, (k, _))| (Json::String(k.clone()), i))
                        .collect(),
                ),
                _ => None,
            }
        };
        let (Some(ok), Some(tk)) = (entries(ours), entries(theirs)) else {
            return self.leaf(base, ours, theirs);
        };
        let bk = base.and_then(entries);
        let keyed = Keyed {
            base: bk.map(|k| (k, base.map(children).unwrap_or_default())),
            ours: (ok, children(ours)),
            theirs: (tk, children(theirs)),
        };
        let header = self.header(base, ours, theirs);
        let (lines, values) = self.keyed(keyed, ours, theirs);
        let value = values.map(|pairs| {
            Json::Object(
                pairs
                    .into_iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v)))
                    .collect(),
            )
        });
        let mut all = header;
        all.extend(lines);
        Out { lines: all, value }
    }

    fn seq(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> Out {
        let (bi, oi, ti) = (base.map(items), items(ours), items(theirs));
        let header = self.header(base, ours, theirs);
        let ids = |list: &[&Block]| -> Option<Vec<(Json, usize)>> {
            let ids: Vec<(Json, usize)> = list
                .iter()
                .enumerate()
                .map(|(i, b)| Some((b.json.get("id")?.clone(), i)))
                .collect::<Option<_>>()?;
            let mut seen: Vec<&Json> = ids.iter().map(|(k, _)| k).collect();
            seen.sort_by_key(|k| k.to_string());
            seen.dedup();
            (seen.len() == ids.len() && ids.iter().all(|(k, _)| k.is_string() || k.is_number()))
                .then_some(ids)
        };
        let keyed = match (ids(&oi), ids(&ti), bi.as_deref().map(ids)) {
            (Some(ok), Some(tk), None | Some(Some(_))) => Some(Keyed {
                base: bi
                    .as_deref()
                    .and_then(ids)
                    .map(|k| (k, bi.clone().unwrap_or_default())),
                ours: (ok, oi.clone()),
                theirs: (tk, ti.clone()),
            }),
            _ => None,
        };
        let (lines, values) = match keyed {
            Some(keyed) => self.keyed(keyed, ours, theirs),
            None => self.set(bi.as_deref(), &oi, &ti, ours, theirs),
        };
        let mut all = header;
        all.extend(lines);
        Out {
            lines: all,
            value: values.map(|v| Json::Array(v.into_iter().map(|(_, v)| v).collect())),
        }
    }

    /// Children merged by key (mapping keys, or ids of list items). Ours' order; an entry only
    /// theirs added goes after the entry it follows there (and after what ours added there).
    fn keyed(
        &self,
        keyed: Keyed,
        ours_parent: &Block,
        theirs_parent: &Block,
    ) -> (Vec<String>, Option<Vec<(Json, Json)>>) {
        let Keyed { base, ours, theirs } = keyed;
        let index = |keys: &[(Json, usize)]| -> HashMap<String, usize> {
            keys.iter().map(|(k, i)| (k.to_string(), *i)).collect()
        };
        let (base_index, ours_index, theirs_index) = (
            base.as_ref().map(|(k, _)| index(k)).unwrap_or_default(),
            index(&ours.0),
            index(&theirs.0),
        );
        let find = |keys: &HashMap<String, usize>, key: &Json| keys.get(&key.to_string()).copied();
        let in_base = |key: &Json| {
            base.as_ref()
                .and_then(|(_, c)| Some(c[find(&base_index, key)?]))
        };
        let mut out: Vec<(Json, Out)> = Vec::new();
        for (key, i) in &ours.0 {
            let o = ours.1[*i];
            let b = in_base(key);
            match find(&theirs_index, key) {
                Some(j) => out.push((key.clone(), self.merge(b, o, theirs.1[j]))),
                None => match b {
                    None => out.push((key.clone(), Out::of(o, 0))),
                    Some(b) if b.json == o.json => {} // theirs removed it
                    Some(_) => {
                        let d = 0;
                        out.push((key.clone(), self.conflict(Some(o), None, d)));
                    }
                },
            }
        }
        // Where ours' children stand, for lines brought from theirs.
        let ours_indent = ours.1.first().map(|b| b.indent);
        let added_by_ours = |key: &Json| in_base(key).is_none();
        for (n, (key, j)) in theirs.0.iter().enumerate() {
            if find(&ours_index, key).is_some() {
                continue;
            }
            let t = theirs.1[*j];
            let d = ours_indent.map_or(delta(ours_parent, theirs_parent), |i| {
                i as isize - t.indent as isize
            });
            let merged = match in_base(key) {
                None => Out::of(t, d),
                Some(b) if b.json == t.json => continue, // ours removed it
                Some(_) => self.conflict(None, Some(t), d),
            };
            // after the nearest entry before it in theirs that is in the result
            let after = theirs.0[..n]
                .iter()
                .rev()
                .find_map(|(k, _)| out.iter().position(|(ok, _)| ok == k));
            let mut at = after.map_or(0, |p| p + 1);
            while at < out.len()
                && added_by_ours(&out[at].0)
                && find(&theirs_index, &out[at].0).is_none()
            {
                at += 1;
            }
            out.insert(at, (key.clone(), merged));
        }
        collect(out)
    }

    /// List items without ids (interactions, reviews, sectors) merged as sets: both sides'
    /// additions kept, removals applied; theirs' additions go in date order.
    fn set(
        &self,
        base: Option<&[&Block]>,
        ours: &[&Block],
        theirs: &[&Block],
        ours_parent: &Block,
        theirs_parent: &Block,
    ) -> (Vec<String>, Option<Vec<(Json, Json)>>) {
        let count = |list: &[&Block]| {
            let mut counts: HashMap<String, isize> = HashMap::new();
            for b in list {
                *counts.entry(canonical(&b.json)).or_default() += 1;
            }
            counts
        };
        let base_counts = base.map(count).unwrap_or_default();
        let theirs_counts = count(theirs);
        let ours_counts = count(ours);
        let get = |m: &HashMap<String, isize>, k: &str| m.get(k).copied().unwrap_or(0);
        // removed by theirs: base items theirs has fewer of
        let mut removed: HashMap<String, isize> = base_counts
            .iter()
            .map(|(k, n)| (k.clone(), n - get(&theirs_counts, k)))
            .filter(|(_, n)| *n > 0)
            .collect();
        // An entry both sides edited (each replaced it by one of the same date): merged field
        // by field, where ours has it; theirs' edit is not added again.
        let both: Vec<(usize, usize, usize)> = base
            .map(|base| {
                let theirs_edits = edits(base, theirs);
                edits(base, ours)
                    .into_iter()
                    .filter_map(|(b, o)| {
                        let t = theirs_edits.iter().find(|(tb, _)| *tb == b)?.1;
                        Some((b, o, t))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut out: Vec<(Json, Out)> = Vec::new();
        for (i, o) in ours.iter().enumerate() {
            if let (Some(base), Some(&(b, _, t))) = (base, both.iter().find(|(_, oi, _)| *oi == i))
            {
                out.push((o.json.clone(), self.merge(Some(base[b]), o, theirs[t])));
                continue;
            }
            let key = canonical(&o.json);
            if let Some(n) = removed.get_mut(&key).filter(|n| **n > 0) {
                *n -= 1;
                continue;
            }
            out.push((o.json.clone(), Out::of(o, 0)));
        }
        // added by theirs and not already added by ours
        let mut seen_theirs: HashMap<String, isize> = HashMap::new();
        let ours_indent = ours.first().map(|b| b.indent);
        for (i, t) in theirs.iter().enumerate() {
            if both.iter().any(|(_, _, ti)| *ti == i) {
                continue;
            }
            let key = canonical(&t.json);
            let nth = {
                let e = seen_theirs.entry(key.clone()).or_default();
                *e += 1;
                *e
            };
            let base_n = get(&base_counts, &key);
            if nth <= base_n {
                continue; // in base already
            }
            let ours_added = get(&ours_counts, &key) - base_n;
            if nth - base_n <= ours_added {
                continue; // ours added the same
            }
            let d = ours_indent.map_or(delta(ours_parent, theirs_parent), |i| {
                i as isize - t.indent as isize
            });
            let at = match date_of(&t.json) {
                Some(date) => out
                    .iter()
                    .rposition(|(v, _)| date_of(v).is_some_and(|d| d <= date))
                    .map_or_else(
                        || {
                            if out.iter().any(|(v, _)| date_of(v).is_some()) {
                                0
                            } else {
                                out.len()
                            }
                        },
                        |p| p + 1,
                    ),
                None => out.len(),
            };
            out.insert(at, (t.json.clone(), Out::of(t, d)));
        }
        collect(out)
    }
}

fn children<'b, 'a>(block: &'b Block<'a>) -> Vec<&'b Block<'a>> {
    match &block.kind {
        Kind::Map { entries, .. } => entries.iter().map(|(_, b)| b).collect(),
        _ => Vec::new(),
    }
}

fn items<'b, 'a>(block: &'b Block<'a>) -> Vec<&'b Block<'a>> {
    match &block.kind {
        Kind::Seq { items, .. } => items.iter().collect(),
        _ => Vec::new(),
    }
}

/// `kept` with the comment and blank lines that `other` added to `base`, at the same places,
/// when that is all `other` did; line-by-line merges fail on such neighbouring edits (a
/// comment added right above a value the other side changed).
fn transplant_comments(base: &[String], other: &[String], kept: &[String]) -> Option<Vec<String>> {
    // (position in base, lines inserted before it)
    let mut inserted: Vec<(usize, Vec<String>)> = Vec::new();
    let mut i = 0;
    for line in other {
        if base.get(i) == Some(line) {
            i += 1;
        } else if is_comment_or_blank(line) {
            match inserted.last_mut() {
                Some((at, run)) if *at == i => run.push(line.clone()),
                _ => inserted.push((i, vec![line.clone()])),
            }
        } else {
            return None;
        }
    }
    if i != base.len() || inserted.is_empty() {
        return None;
    }
    // Places in `kept` are known when it has base's lines one for one, or at either end.
    let same_shape = kept.len() == base.len();
    if !same_shape && inserted.iter().any(|(at, _)| *at != 0 && *at != base.len()) {
        return None;
    }
    let mut out = Vec::with_capacity(kept.len() + inserted.len());
    let mut runs = inserted.into_iter().peekable();
    for (k, line) in kept.iter().enumerate() {
        while let Some((_, run)) = runs.next_if(|(p, _)| *p == k && (same_shape || k == 0)) {
            out.extend(run);
        }
        out.push(line.clone());
    }
    for (_, run) in runs {
        out.extend(run);
    }
    Some(out)
}

/// A one-line list of plain values (`sectors: [tourism, culture]`, as `fmt` and the write
/// commands keep them) that both sides changed: merged as a set on ours' line.
fn flow_set(base: Option<&Block>, ours: &Block, theirs: &Block) -> Option<Out> {
    let scalars = |v: &Json| -> Option<Vec<Json>> {
        let items = v.as_array()?;
        items
            .iter()
            .all(|i| i.is_string() || i.is_number())
            .then(|| items.clone())
    };
    let (o, t) = (scalars(&ours.json)?, scalars(&theirs.json)?);
    let b = match base {
        Some(base) => scalars(&base.json)?,
        None => Vec::new(),
    };
    let (last, head) = ours.text().split_last()?;
    let open = last.find('[')?;
    if !last.trim_end().ends_with(']') || last[open + 1..].contains('[') {
        return None;
    }
    let mut merged: Vec<Json> = o
        .iter()
        .filter(|item| !b.contains(item) || t.contains(item)) // unless theirs removed it
        .cloned()
        .collect();
    for item in t {
        if !b.contains(&item) && !merged.contains(&item) {
            merged.push(item);
        }
    }
    let shown: Vec<String> = merged.iter().map(flow_item).collect();
    let mut lines = head.to_vec();
    lines.push(format!("{}[{}]\n", &last[..open], shown.join(", ")));
    Some(Out {
        lines,
        value: Some(Json::Array(merged)),
    })
}

/// An item of a one-line list: plain when YAML reads it back as the same text, else quoted.
fn flow_item(item: &Json) -> String {
    match item.as_str() {
        Some(s)
            if s.chars().next().is_some_and(char::is_alphabetic)
                && s.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && !matches!(
                    s,
                    "true"
                        | "false"
                        | "null"
                        | "True"
                        | "False"
                        | "Null"
                        | "TRUE"
                        | "FALSE"
                        | "NULL"
                ) =>
        {
            s.to_owned()
        }
        _ => item.to_string(),
    }
}

/// Entries of `base` that `side` replaced by exactly one new entry of the same date (an edited
/// interaction or review): (index in base, index in side).
fn edits(base: &[&Block], side: &[&Block]) -> Vec<(usize, usize)> {
    // Lists are chronological: most of a side is base's entries in base's order.
    let same = base
        .iter()
        .zip(side)
        .take_while(|(b, s)| b.json == s.json)
        .count();
    if same == base.len() {
        return Vec::new();
    }
    let mut unmatched: Vec<usize> = (same..side.len()).collect();
    let mut removed = Vec::new();
    for (b, item) in base.iter().enumerate().skip(same) {
        match unmatched.iter().position(|&s| side[s].json == item.json) {
            Some(p) => {
                unmatched.remove(p);
            }
            None => removed.push(b),
        }
    }
    let dated = |list: &[usize], of: &[&Block], date: &str| -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|&i| date_of(&of[i].json) == Some(date))
            .collect()
    };
    removed
        .iter()
        .filter_map(|&b| {
            let date = date_of(&base[b].json)?;
            let (gone, new) = (dated(&removed, base, date), dated(&unmatched, side, date));
            (gone.len() == 1 && new.len() == 1).then(|| (b, new[0]))
        })
        .collect()
}

/// A mapping's `date:` as text, for placing list items in date order (`YYYY-MM-DD` sorts).
fn date_of(value: &Json) -> Option<&str> {
    value.get("date")?.as_str()
}

/// A value as text with mapping keys sorted: equal values, equal text.
fn canonical(value: &Json) -> String {
    fn sorted(value: &Json) -> Json {
        match value {
            Json::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                Json::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.clone(), sorted(v)))
                        .collect(),
                )
            }
            Json::Array(items) => Json::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// A side's children: each key with its place in the list of blocks.
type Children<'b, 'a> = (Vec<(Json, usize)>, Vec<&'b Block<'a>>);

struct Keyed<'b, 'a> {
    base: Option<Children<'b, 'a>>,
    ours: Children<'b, 'a>,
    theirs: Children<'b, 'a>,
}

fn collect(out: Vec<(Json, Out)>) -> (Vec<String>, Option<Vec<(Json, Json)>>) {
    let mut lines = Vec::new();
    let mut values = Some(Vec::with_capacity(out.len()));
    for (key, part) in out {
        lines.extend(part.lines);
        match (part.value, values.as_mut()) {
            (Some(v), Some(vs)) => vs.push((key, v)),
            _ => values = None,
        }
    }
    (lines, values)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const BASE: &str = "slug: lyon\n# our sister city\nrelationship:\n  status: dormant\nactions:\n  - id: a-1\n    title: Letter\n    status: open\ninteractions:\n  - date: 2026-11-01\n    title: First\nnotes: kept\n";

    fn merged(base: &str, ours: &str, theirs: &str) -> (String, usize) {
        let (text, conflicts) = structural(
            base.as_bytes(),
            ours.as_bytes(),
            theirs.as_bytes(),
            &Labels::default(),
        )
        .expect("merged by structure");
        (String::from_utf8(text).unwrap(), conflicts)
    }

    fn add_interaction(text: &str, date: &str, title: &str) -> String {
        text.replace(
            "notes: kept\n",
            &format!("  - date: {date}\n    title: {title}\nnotes: kept\n"),
        )
    }

    #[test]
    fn both_appended_interactions_are_kept_in_date_order() {
        let ours = add_interaction(BASE, "2026-11-09", "Ours");
        let theirs = add_interaction(BASE, "2026-11-05", "Theirs");
        let (text, conflicts) = merged(BASE, &ours, &theirs);
        assert_eq!(conflicts, 0);
        assert_eq!(
            text,
            add_interaction(
                &add_interaction(BASE, "2026-11-05", "Theirs"),
                "2026-11-09",
                "Ours"
            )
        );
    }

    #[test]
    fn a_value_both_changed_is_marked_alone() {
        let ours = BASE.replace("status: dormant", "status: active");
        let theirs = add_interaction(
            &BASE.replace("status: dormant", "status: suspended"),
            "2026-11-05",
            "T",
        );
        let (text, conflicts) = merged(BASE, &ours, &theirs);
        assert_eq!(conflicts, 1);
        assert!(text.contains(
            "relationship:\n<<<<<<< ours\n  status: active\n=======\n  status: suspended\n>>>>>>> theirs\nactions:"
        ));
        assert!(text.contains("title: T\n"));
        assert!(take_side(&text, true, 7).contains("status: active"));
        assert!(!take_side(&text, false, 7).contains("status: active"));
    }

    #[test]
    fn removal_on_one_side_and_change_on_the_other() {
        let base = BASE.replace(
            "interactions:",
            "  - id: a-2\n    title: Call\n    status: open\ninteractions:",
        );
        let removed = base.replace("  - id: a-1\n    title: Letter\n    status: open\n", "");
        let untouched = base.replace("notes: kept", "notes: changed");
        let (text, conflicts) = merged(&base, &untouched, &removed);
        assert_eq!(conflicts, 0);
        assert!(!text.contains("a-1") && text.contains("a-2") && text.contains("notes: changed"));
        let done = base.replacen("status: open", "status: done", 1);
        let (text, conflicts) = merged(&base, &done, &removed);
        assert_eq!(conflicts, 1);
        assert!(text.contains("actions:\n<<<<<<< ours\n  - id: a-1\n    title: Letter\n    status: done\n=======\n>>>>>>> theirs\n  - id: a-2"), "{text}");
    }

    #[test]
    fn lines_from_theirs_take_ours_indentation_and_line_ends() {
        let ours = BASE
            .replace("\n  ", "\n    ")
            .replace("\n    title", "\n      title")
            .replace("\n    status: open", "\n      status: open");
        let theirs = add_interaction(BASE, "2026-11-05", "Theirs").replace('\n', "\r\n");
        let (text, conflicts) = merged(BASE, &ours, &theirs);
        assert_eq!(conflicts, 0);
        assert!(
            text.contains("    - date: 2026-11-05\n      title: Theirs\n"),
            "{text}"
        );
        let crlf_ours = ours.replace('\n', "\r\n");
        let (text, _) = merged(BASE, &crlf_ours, &theirs);
        assert!(text.ends_with("notes: kept\r\n"));
    }

    #[test]
    fn a_comment_next_to_a_value_the_other_side_changed_is_never_dropped() {
        let ours = BASE.replace(
            "  status: dormant\n",
            "  # asked by the MFA\n  status: dormant\n",
        );
        let theirs = BASE.replace("status: dormant", "status: active");
        let (text, conflicts) = merged(BASE, &ours, &theirs);
        assert!(text.contains("# asked by the MFA"), "{text}");
        assert!(text.contains("status: active"), "{text}");
        assert_eq!(conflicts, 0);
        assert!(
            text.contains("  # asked by the MFA\n  status: active\n"),
            "{text}"
        );
    }

    proptest::proptest! {
        /// Any interactions logged on both sides, with or without a status change on each: every
        /// entry is kept once, and only two different statuses conflict.
        #[test]
        fn every_entry_of_both_sides_is_kept(
            ours_log in proptest::collection::vec((1u8..29, "[A-Za-z][A-Za-z ]{0,15}"), 0..5),
            theirs_log in proptest::collection::vec((1u8..29, "[A-Za-z][A-Za-z ]{0,15}"), 0..5),
            ours_status in proptest::option::of(proptest::sample::select(vec!["active", "suspended"])),
            theirs_status in proptest::option::of(proptest::sample::select(vec!["active", "proposed"])),
        ) {
            let side = |log: &[(u8, String)], mark: &str, status: Option<&str>| {
                let mut text = BASE.to_owned();
                if let Some(status) = status {
                    text = text.replace("status: dormant", &format!("status: {status}"));
                }
                for (i, (day, title)) in log.iter().enumerate() {
                    text = add_interaction(&text, &format!("2026-11-{day:02}"), &format!("{mark}{i} {}", title.trim()));
                }
                text
            };
            let ours = side(&ours_log, "O", ours_status);
            let theirs = side(&theirs_log, "T", theirs_status);
            let (text, conflicts) = merged(BASE, &ours, &theirs);
            let expected = usize::from(matches!((ours_status, theirs_status), (Some(o), Some(t)) if o != t));
            proptest::prop_assert_eq!(conflicts, expected, "{}", text);
            for (mark, log) in [("O", &ours_log), ("T", &theirs_log)] {
                for (i, (_, title)) in log.iter().enumerate() {
                    let line = format!("    title: {mark}{i} {}\n", title.trim());
                    proptest::prop_assert_eq!(text.matches(&line).count(), 1, "{}", text);
                }
            }
        }
    }

    #[test]
    fn what_cannot_be_read_is_not_merged_by_structure() {
        assert!(
            structural(
                BASE.as_bytes(),
                b"slug: [\n",
                BASE.as_bytes(),
                &Labels::default()
            )
            .is_none()
        );
        assert!(
            structural(
                BASE.as_bytes(),
                b"\xff\xfe",
                BASE.as_bytes(),
                &Labels::default()
            )
            .is_none()
        );
        assert!(structural(b"", b"- a\n", b"- b\n", &Labels::default()).is_none());
    }
}
