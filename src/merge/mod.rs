//! Three-way merge of dossiers by their structure, for git's merge driver and `diplomat resolve`.
//!
//! Two analysts who each log a meeting append to the same list; git's line merge calls that a
//! conflict. Here each side is read into the located tree and cut into blocks of lines along it
//! (a mapping entry, a list item, each with the comments above it), and the blocks are merged:
//! mapping entries by key, list items with an `id` by id, other list items (interactions,
//! reviews) as sets in date order, and a value changed on one side takes that side. Only a value
//! that both sides changed differently is a conflict, marked around its own lines; fields that
//! mean something only together (an assessment's status, evidence and date; see [`units`]) are
//! one value for this.
//!
//! The result is made of the sides' own lines, so comments and layout stay: the lines of a
//! block both sides changed are merged line by line ([`lines`]), comments both added at one
//! place are all kept, and a comment both changed differently is a conflict of its own lines.
//! The result is read back and must equal the intended merge, and hold every comment a side
//! added or changed; else git's text merge (`git merge-file`) is used instead, so a merge never
//! loses a line.

mod blocks;
mod lines;
mod lists;
mod merger;
#[cfg(test)]
mod tests;
mod units;

use std::path::Path;

use crate::yaml;

use blocks::Side;
use merger::Merger;

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
    /// A side could not be read as a YAML mapping: git's line merge.
    Text,
    /// Both sides read, but the merge by structure would not have kept every line as meant
    /// (it did not read back as the intended merge, or it would have dropped a comment):
    /// git's line merge.
    Lines,
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
    let readable = |side: &[u8]| Side::read(&normalize(side)).is_some();
    Ok(Merged {
        text,
        conflicts,
        method: if readable(ours) && readable(theirs) {
            Method::Lines
        } else {
            Method::Text
        },
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
    let texts = [base, ours, theirs].map(normalize);
    let [base, ours, theirs] = &texts;
    let base = Side::read(base);
    let ours = Side::read(ours)?;
    let theirs = Side::read(theirs)?;
    let base = base.filter(|b| b.root.is_some());
    let merger = Merger { labels };
    let base = base.as_ref().and_then(|b| b.at(b.root.as_ref()?));
    let (ours, theirs) = (
        ours.at(ours.root.as_ref()?)?,
        theirs.at(theirs.root.as_ref()?)?,
    );
    let out = merger.merge(units::Place::Root, base.as_ref(), &ours, &theirs);
    let (lines, conflicts) = coalesce(out.lines, labels);
    let mut text = lines.concat();
    if conflicts == 0 {
        // Read back: the text must be the merge that was meant, value for value.
        let read = yaml::parse(
            Path::new("merged.yaml"),
            text.as_bytes(),
            crate::i18n::Lang::En,
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
                crate::i18n::Lang::En,
            )
            .ok()??;
        }
    }
    let [base, ours, theirs] = texts.map(Option::unwrap_or_default);
    if !lines::keeps_comments(&base, &ours, &theirs, &text) {
        return None;
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
    let how = crate::git::MergeFile {
        dir: None,
        marker_size: labels.marker_size,
        labels: Some([&labels.ours, "base", &labels.theirs]),
        style: None,
    };
    crate::git::merge_file(base, ours, theirs, &how).map_err(|e| match e {
        crate::git::Error::Missing(e) => e,
        e => std::io::Error::other(format!("git merge-file failed: {e}")),
    })
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
