//! Each side cut into blocks of lines along its tree: a mapping entry or a list item, each
//! with the comments above it.

use std::path::Path;

use serde_json::Value as Json;

use crate::yaml::{self, Node, Value};

/// One side: its lines and its tree.
pub(super) struct Side {
    pub(super) lines: Vec<String>,
    pub(super) root: Option<Node>,
}

impl Side {
    pub(super) fn read(text: &Option<String>) -> Option<Side> {
        let text = text.as_ref()?;
        let root = yaml::parse(
            Path::new("side.yaml"),
            text.as_bytes(),
            crate::i18n::Lang::En,
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

    pub(super) fn at<'a>(&'a self, root: &'a Node) -> Option<Block<'a>> {
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
pub(super) struct Block<'a> {
    pub(super) lines: &'a [String],
    pub(super) start: usize,
    pub(super) end: usize,
    /// The column of its key or dash: where its lines stand when moved to another side.
    pub(super) indent: usize,
    pub(super) json: Json,
    pub(super) kind: Kind<'a>,
}

pub(super) enum Kind<'a> {
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
    pub(super) fn text(&self) -> &[String] {
        &self.lines[self.start..self.end]
    }

    pub(super) fn header(&self) -> &[String] {
        match &self.kind {
            Kind::Leaf => self.text(),
            Kind::Map { body, .. } | Kind::Seq { body, .. } => &self.lines[self.start..*body],
        }
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

pub(super) fn is_comment_or_blank(line: &str) -> bool {
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

/// Lines moved by `delta` columns (to stand where the other side's lines stand). Comments and
/// blank lines lose only the spaces they have.
pub(super) fn shift(lines: &[String], delta: isize) -> Vec<String> {
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

pub(super) fn delta(to: &Block, from: &Block) -> isize {
    to.indent as isize - from.indent as isize
}

pub(super) fn children<'b, 'a>(block: &'b Block<'a>) -> Vec<&'b Block<'a>> {
    match &block.kind {
        Kind::Map { entries, .. } => entries.iter().map(|(_, b)| b).collect(),
        _ => Vec::new(),
    }
}

pub(super) fn items<'b, 'a>(block: &'b Block<'a>) -> Vec<&'b Block<'a>> {
    match &block.kind {
        Kind::Seq { items, .. } => items.iter().collect(),
        _ => Vec::new(),
    }
}
