//! Where a match stands in the file: the line and column of its first character as written,
//! for an editor to jump to (`cities/kazan.yaml:92:32`).
//!
//! The tree knows where each value starts; the match is found inside the value, whose text
//! YAML may have changed from the file's (folded lines, block indentation, quotes). The value
//! is walked against the file from its start to the match: plain text (on one line or folded
//! over several), `|` blocks, and quoted text up to the first escape. Where the walk cannot
//! follow the file (a `>` block, an escape before the match), the value's own start is given.

use crate::problem::Loc;

/// A file's lines, broken as YAML breaks them (LF, CRLF, or a lone CR), as the parser counts.
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The byte offset of `loc` (line from 1, column from 1 in characters).
    pub fn offset(&self, loc: Loc) -> Option<usize> {
        let start = *self.starts.get((loc.line as usize).checked_sub(1)?)?;
        let line = self.line_at(start);
        let column = (loc.column as usize).checked_sub(1)?;
        match line.char_indices().nth(column) {
            Some((at, _)) => Some(start + at),
            None if line.chars().count() == column => Some(start + line.len()),
            None => None,
        }
    }

    /// The line that starts at byte `start`, without its break.
    fn line_at(&self, start: usize) -> &'t str {
        let rest = &self.text[start..];
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        &rest[..end]
    }

    /// The line and column of byte `offset`.
    fn loc(&self, offset: usize) -> Loc {
        let index = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[index];
        let column = self.text[start..offset].chars().count() + 1;
        Loc::new(clamp(index + 1), clamp(column))
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where byte `at` of `value`, a scalar the parser placed at `start`, is written in the file;
/// `start` itself when the file cannot be followed there.
pub fn locate(lines: &Lines, start: Loc, value: &str, at: usize) -> Loc {
    let Some(mut i) = lines.offset(start) else {
        return start;
    };
    let src = lines.text;
    // An alias (`*name`): the value is written at the last anchor of that name before it.
    if let Some(name) = src[i..].strip_prefix('*') {
        let name = &name[..name
            .find([' ', '\t', '\n', '\r', ',', ']', '}'])
            .unwrap_or(name.len())];
        let anchor = format!("&{name}");
        let Some(at) = src[..i]
            .rmatch_indices(&anchor)
            .map(|(at, _)| at)
            .find(|&at| src[at + anchor.len()..].starts_with([' ', '\t', '\n', '\r']))
        else {
            return start;
        };
        i = at;
    }
    // An anchor or a tag before the value (`&name`, `!tag`).
    while src[i..].starts_with(['&', '!']) {
        let rest = &src[i..];
        let end = rest.find([' ', '\t', '\n', '\r']).unwrap_or(rest.len());
        i += end;
        i += src[i..].len() - src[i..].trim_start_matches([' ', '\t', '\n', '\r']).len();
    }
    let found = if let Some(header) = block_header(lines, i) {
        block(lines, header, value, at)
    } else {
        match src[i..].chars().next() {
            Some('"') => flow(src, i + 1, value, at, Some('"')),
            Some('\'') => flow(src, i + 1, value, at, Some('\'')),
            _ => flow(src, i, value, at, None),
        }
    };
    found.map_or(start, |offset| lines.loc(offset))
}

/// The line (from 0) of the `|` or `>` header of the block scalar placed at byte `i`: the
/// parser places a block at its indicator, or at its first line of content.
fn block_header(lines: &Lines, i: usize) -> Option<usize> {
    let is_header = |line: &str| {
        let line = match line.find(" #") {
            Some(comment) => &line[..comment],
            None => line,
        };
        let token = line.trim_end().rsplit([' ', '\t']).next().unwrap_or("");
        token.starts_with(['|', '>'])
            && token[1..]
                .bytes()
                .all(|b| matches!(b, b'+' | b'-') || b.is_ascii_digit())
    };
    let row = lines.starts.partition_point(|&s| s <= i) - 1;
    let line = lines.line_at(lines.starts[row]);
    let column = i - lines.starts[row];
    if line[column..].starts_with(['|', '>']) && is_header(line) {
        return Some(row);
    }
    // At its content: the line above that is not blank is the header.
    if !line[..column].trim().is_empty() {
        return None;
    }
    let above = (0..row)
        .rev()
        .find(|&r| !lines.line_at(lines.starts[r]).trim().is_empty())?;
    is_header(lines.line_at(lines.starts[above])).then_some(above)
}

/// Plain or quoted text from byte `i` of the file: its characters as written, a line break
/// with the blanks around it read as one space (two breaks as one line break, and so on).
fn flow(src: &str, mut i: usize, value: &str, at: usize, quote: Option<char>) -> Option<usize> {
    let mut v = 0;
    while v < at {
        let vc = value[v..].chars().next()?;
        let sc = src[i..].chars().next()?;
        match (quote, sc) {
            (Some('\''), '\'') if src[i + 1..].starts_with('\'') && vc == '\'' => {
                i += 2;
                v += 1;
                continue;
            }
            (Some('\''), '\'') | (Some('"'), '"' | '\\') => return None,
            _ => {}
        }
        if matches!(sc, ' ' | '\t' | '\r' | '\n') {
            let run = src[i..]
                .find(|c: char| !matches!(c, ' ' | '\t' | '\r' | '\n'))
                .unwrap_or(src.len() - i);
            let blanks = &src[i..i + run];
            let breaks = blanks.matches('\n').count() + blanks.matches('\r').count()
                - blanks.matches("\r\n").count();
            if breaks > 0 {
                let folded = if breaks == 1 {
                    " ".to_owned()
                } else {
                    "\n".repeat(breaks - 1)
                };
                if !value[v..].starts_with(&folded) {
                    return None;
                }
                v += folded.len();
                i += run;
                continue;
            }
        }
        if sc != vc {
            return None;
        }
        i += sc.len_utf8();
        v += vc.len_utf8();
    }
    (v == at).then_some(i)
}

/// A `|` block under its header, on line `header` (from 0): each line of the value is a line
/// of the file below it, after the block's indentation.
fn block(lines: &Lines, header: usize, value: &str, at: usize) -> Option<usize> {
    let line = lines.line_at(lines.starts[header]);
    let token = line
        .split(" #")
        .next()
        .unwrap_or(line)
        .trim_end()
        .rsplit([' ', '\t'])
        .next()
        .unwrap_or("");
    // A folded block (`>`) joins its lines; an explicit indentation counts from the parent's,
    // which the tree does not keep.
    if token.starts_with('>') || token.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let content = &lines.starts[header + 1..];
    let indent = content
        .iter()
        .map(|&s| lines.line_at(s))
        .find(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())?;
    let before = &value[..at];
    let row = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let start = *content.get(row)?;
    let written = lines.line_at(start).get(indent..)?;
    written
        .starts_with(&value[line_start..at])
        .then_some(start + indent + (at - line_start))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::i18n::Lang;
    use crate::yaml::Node;

    /// The line:column of `needle` in the value at `key`, located, and the text written there.
    fn at(text: &str, key: &str, needle: &str) -> (Loc, String) {
        let tree = crate::yaml::parse(Path::new("t.yaml"), text.as_bytes(), Lang::En)
            .unwrap()
            .unwrap();
        let node: &Node = tree.get(key).unwrap();
        let value = node.as_str().unwrap();
        let offset = value.find(needle).unwrap();
        let lines = Lines::new(text);
        let loc = locate(&lines, node.loc, value, offset);
        let unix = text.replace("\r\n", "\n");
        let line = unix.split(['\n', '\r']).nth(loc.line as usize - 1).unwrap();
        let shown: String = line
            .chars()
            .skip(loc.column as usize - 1)
            .take(needle.chars().count())
            .collect();
        (loc, shown)
    }

    #[test]
    fn plain_quoted_and_block_text() {
        let cases = [
            ("a: one halal two\n", "halal", Loc::new(1, 8)),
            ("a: 'it''s halal'\n", "halal", Loc::new(1, 11)),
            ("a: \"quoted halal\"\n", "halal", Loc::new(1, 12)),
            (
                "a: folded\n  over lines\n  halal here\n",
                "halal",
                Loc::new(3, 3),
            ),
            ("a: |\n  first\n\n  third halal\n", "halal", Loc::new(4, 9)),
            ("a: |-\n    deeper halal\n", "halal", Loc::new(2, 12)),
            ("a: مجوز حلال تاتارستان\n", "حلال", Loc::new(1, 9)),
            ("x: 1\r\na: crlf halal\r\n", "halal", Loc::new(2, 9)),
            ("b: &n anchored halal\na: *n\n", "halal", Loc::new(1, 16)),
            ("b: &n\n  block halal\na: *n\n", "halal", Loc::new(2, 9)),
        ];
        for (text, needle, want) in cases {
            let (loc, shown) = at(text, "a", needle);
            assert_eq!(loc, want, "{text:?}");
            assert_eq!(shown, needle, "{text:?}");
        }
    }

    #[test]
    fn the_start_where_the_file_cannot_be_followed() {
        // An escape before the match, and a folded block: the value's start.
        assert_eq!(
            at("a: \"tab\\there halal\"\n", "a", "halal").0,
            Loc::new(1, 4)
        );
        assert_eq!(at("a: >\n  folded halal\n", "a", "halal").0, Loc::new(2, 3));
        // An escape after the match does not matter.
        assert_eq!(at("a: \"halal\\t\"\n", "a", "halal").0, Loc::new(1, 5));
    }
}
