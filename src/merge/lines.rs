//! A three-way merge of one block's lines, for what the tree does not hold: comments, blank
//! lines and layout. Where both sides changed the same lines the merge does not guess; the
//! caller decides with [`Piece::Conflict`] in hand (one side's layout gives way to the other's
//! value, a comment never gives way).

use std::collections::HashMap;

use super::blocks::is_comment_or_blank;

/// A run of merged lines, or lines both sides changed differently.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece {
    Lines(Vec<String>),
    Conflict {
        base: Vec<String>,
        ours: Vec<String>,
        theirs: Vec<String>,
    },
}

/// Lines `start..end` of base replaced by `lines`.
struct Change {
    start: usize,
    end: usize,
    lines: Vec<String>,
}

impl Change {
    /// Comment or blank lines put between two lines, replacing none: such a change stands
    /// beside a change of the other side that touches it (a comment added right above a value
    /// the other side changed), where git's line merge would call it a conflict.
    fn adds_comments_only(&self) -> bool {
        self.start == self.end && self.lines.iter().all(|l| is_comment_or_blank(l))
    }
}

/// What `side` changed in `base`, in order; each change is separated from the next by at
/// least one unchanged line.
fn changes(base: &[String], side: &[String]) -> Vec<Change> {
    let (base, side) = (base.concat(), side.concat());
    diffy::DiffOptions::new()
        .set_context_len(0)
        .create_patch(&base, &side)
        .hunks()
        .iter()
        .map(|hunk| {
            let old = hunk.old_range();
            // Unified-diff numbering: from 1, or the line before for an insertion.
            let start = if old.is_empty() {
                old.start()
            } else {
                old.start() - 1
            };
            let lines = hunk
                .lines()
                .iter()
                .filter_map(|line| match line {
                    diffy::Line::Insert(text) => Some((*text).to_owned()),
                    _ => None,
                })
                .collect();
            Change {
                start,
                end: start + old.len(),
                lines,
            }
        })
        .collect()
}

/// `base[start..end]` with those of `changes` that fall in it applied.
fn apply(base: &[String], start: usize, end: usize, changes: &[&Change]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = start;
    for change in changes {
        out.extend_from_slice(&base[at..change.start]);
        out.extend(change.lines.iter().cloned());
        at = change.end;
    }
    out.extend_from_slice(&base[at..end]);
    out
}

/// The three versions of a block merged line by line. Changes of one side are taken; changes of
/// both sides that overlap (or touch, as for git) are one conflict, unless both made the same
/// change, or both only added comments or blank lines at the same place: then ours' come
/// first, then theirs'.
pub(super) fn merge3(base: &[String], ours: &[String], theirs: &[String]) -> Vec<Piece> {
    let (o, t) = (changes(base, ours), changes(base, theirs));
    let (mut i, mut j) = (0, 0);
    let mut pieces = Vec::new();
    let mut at = 0;
    // The next change to start, insertions first where two start on one line.
    let key = |c: &Change| (c.start, c.end != c.start);
    loop {
        let mut ours_in: Vec<&Change> = Vec::new();
        let mut theirs_in: Vec<&Change> = Vec::new();
        match (o.get(i), t.get(j)) {
            (None, None) => break,
            (Some(a), Some(b)) if key(a) <= key(b) => {
                ours_in.push(a);
                i += 1;
            }
            (Some(a), None) => {
                ours_in.push(a);
                i += 1;
            }
            (_, Some(b)) => {
                theirs_in.push(b);
                j += 1;
            }
        }
        let seed = ours_in
            .first()
            .or(theirs_in.first())
            .map(|c| (c.start, c.end));
        let Some((start, mut end)) = seed else { break };
        // Grow the region while a change of the other side meets it (changes of one side are
        // apart, so only the other side's can).
        loop {
            if let Some(c) = o.get(i)
                && meets(c, &theirs_in, start, end)
            {
                end = end.max(c.end);
                ours_in.push(c);
                i += 1;
            } else if let Some(c) = t.get(j)
                && meets(c, &ours_in, start, end)
            {
                end = end.max(c.end);
                theirs_in.push(c);
                j += 1;
            } else {
                break;
            }
        }
        pieces.push(Piece::Lines(base[at..start].to_vec()));
        let (ours_v, theirs_v) = (
            apply(base, start, end, &ours_in),
            apply(base, start, end, &theirs_in),
        );
        let piece = if theirs_in.is_empty() {
            Piece::Lines(ours_v)
        } else if ours_in.is_empty() || ours_v == theirs_v {
            Piece::Lines(theirs_v)
        } else if start == end
            && ours_in
                .iter()
                .chain(&theirs_in)
                .all(|c| c.adds_comments_only())
        {
            Piece::Lines(both_added(ours_v, theirs_v))
        } else {
            Piece::Conflict {
                base: base[start..end].to_vec(),
                ours: ours_v,
                theirs: theirs_v,
            }
        };
        pieces.push(piece);
        at = end;
    }
    pieces.push(Piece::Lines(base[at..].to_vec()));
    pieces.retain(|p| !matches!(p, Piece::Lines(l) if l.is_empty()));
    pieces
}

/// Whether the merged text holds every comment a side added or changed (beside the other
/// side's, in a conflict): the last guard that no comment is dropped, whatever the blocks did.
pub(super) fn keeps_comments(base: &str, ours: &str, theirs: &str, merged: &str) -> bool {
    let count = |text: &'_ str| -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for comment in text.lines().filter_map(comment_of) {
            *counts.entry(comment.to_owned()).or_default() += 1;
        }
        counts
    };
    let [b, o, t, m] = [base, ours, theirs, merged].map(count);
    let n = |counts: &HashMap<String, usize>, c: &str| counts.get(c).copied().unwrap_or(0);
    o.keys().chain(t.keys()).all(|c| {
        let (b, o, t) = (n(&b, c), n(&o, c), n(&t, c));
        // what the sides added, less what one of them removed
        let wanted = o.max(t).saturating_sub(b.saturating_sub(o.min(t)));
        o.max(t) <= b || n(&m, c) >= wanted
    })
}

/// Whether change `c` of one side meets the region `start..end`, which holds `others` of the
/// other side: it starts inside, or is a second insertion at the region's place, or touches
/// the region's end (a conflict, as for git, unless either of the two only adds comments).
fn meets(c: &Change, others: &[&Change], start: usize, end: usize) -> bool {
    if c.start != end || others.is_empty() {
        return c.start < end;
    }
    if start == end && c.start == c.end {
        return true;
    }
    let touching: Vec<&&Change> = others.iter().filter(|o| o.end == end).collect();
    !c.adds_comments_only()
        && !touching.is_empty()
        && touching.iter().all(|o| !o.adds_comments_only())
}

/// Comment or blank lines both sides added at one place: ours', then theirs', once where one
/// side's hold the other's.
fn both_added(ours: Vec<String>, theirs: Vec<String>) -> Vec<String> {
    if theirs.starts_with(&ours) || theirs.ends_with(&ours) {
        theirs
    } else if ours.starts_with(&theirs) || ours.ends_with(&theirs) {
        ours
    } else {
        [ours, theirs].concat()
    }
}

/// The comments of some lines, each as its text from `#`, sorted: what a merge must never drop.
/// A `#` counts when it starts a line or follows a blank outside a quoted scalar; a `#` inside a
/// text block (`|`) counts too, which only makes a merge more careful.
pub(super) fn comments<'a, S: AsRef<str> + 'a>(
    lines: impl IntoIterator<Item = &'a S>,
) -> Vec<&'a str> {
    let mut found: Vec<&str> = lines
        .into_iter()
        .filter_map(|l| comment_of(l.as_ref()))
        .collect();
    found.sort_unstable();
    found
}

/// The comment on a line, if any.
fn comment_of(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    // where a scalar may start: after the indent, `- `, `: `, `[`, `{` or `,`
    let mut scalar_may_start = true;
    let mut previous = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => {
                // `''` inside single quotes is one quote
                if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None if c == '#' && previous.is_whitespace() => {
                return Some(line[at..].trim_end());
            }
            None if (c == '"' || c == '\'') && scalar_may_start => quote = Some(c),
            None => {}
        }
        if quote.is_none() {
            scalar_may_start = match c {
                ' ' | '\t' => scalar_may_start || matches!(previous, '-' | ':' | ',' | '[' | '{'),
                '[' | '{' | ',' => true,
                _ => false,
            };
        }
        previous = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.split_inclusive('\n').map(str::to_owned).collect()
    }

    fn merged(base: &str, ours: &str, theirs: &str) -> Vec<Piece> {
        merge3(&lines(base), &lines(ours), &lines(theirs))
    }

    #[test]
    fn changes_of_one_side_or_apart_are_taken() {
        let base = "a\nb\nc\nd\n";
        assert_eq!(
            merged(base, "A\nb\nc\nd\n", "a\nb\nc\nD\n"),
            vec![
                Piece::Lines(lines("A\n")),
                Piece::Lines(lines("b\nc\n")),
                Piece::Lines(lines("D\n"))
            ]
        );
    }

    #[test]
    fn comments_added_at_one_place_are_both_kept_ours_first() {
        let base = "  - id: a\n";
        let pieces = merged(base, "  # ours\n  - id: a\n", "\n  # theirs\n  - id: a\n");
        let text: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Lines(l) => l.concat(),
                Piece::Conflict { .. } => panic!("no conflict: {pieces:?}"),
            })
            .collect();
        assert_eq!(text, "  # ours\n\n  # theirs\n  - id: a\n");
    }

    #[test]
    fn a_comment_above_a_line_the_other_side_changed_stands_beside_it() {
        let pieces = merged("x: 1\n", "# why\nx: 1\n", "x: 2\n");
        assert_eq!(
            pieces,
            vec![
                Piece::Lines(lines("# why\n")),
                Piece::Lines(lines("x: 2\n"))
            ]
        );
    }

    #[test]
    fn a_comment_rewritten_on_both_sides_is_a_conflict_of_its_line_alone() {
        let pieces = merged("# old\nx: 1\n", "# ours\nx: 1\n", "# theirs\nx: 1\n");
        assert_eq!(
            pieces,
            vec![
                Piece::Conflict {
                    base: lines("# old\n"),
                    ours: lines("# ours\n"),
                    theirs: lines("# theirs\n"),
                },
                Piece::Lines(lines("x: 1\n"))
            ]
        );
    }

    #[test]
    fn touching_changes_of_values_conflict_as_for_git() {
        let pieces = merged("a\nb\n", "A\nb\n", "a\nB\n");
        assert!(
            matches!(pieces.as_slice(), [Piece::Conflict { .. }]),
            "{pieces:?}"
        );
        let pieces = merged("a\n", "a\nours\n", "a\ntheirs\n");
        assert!(
            matches!(pieces.as_slice(), [Piece::Lines(_), Piece::Conflict { .. }]),
            "{pieces:?}"
        );
    }

    #[test]
    fn a_comment_a_side_added_must_be_in_the_merge() {
        let base = "# a\nx: 1\n";
        // theirs' comment missing
        assert!(!keeps_comments(
            base,
            "# a\n# o\nx: 1\n",
            "# a\n# t\nx: 1\n",
            "# a\n# o\nx: 1\n"
        ));
        assert!(keeps_comments(
            base,
            "# a\n# o\nx: 1\n",
            "# a\n# t\nx: 1\n",
            "# a\n# o\n# t\nx: 1\n"
        ));
        // an end-of-line comment changed on one side
        assert!(!keeps_comments(
            base,
            base,
            "# a\nx: 1 # t\n",
            "# a\nx: 2\n"
        ));
        // removed on one side, left on the other: gone is fine
        assert!(keeps_comments(base, "x: 1\n", base, "x: 1\n"));
        // one side added a second copy of a comment, the other removed the first
        assert!(keeps_comments(
            base,
            "# a\nx: 1\n# a\n",
            "x: 1\n",
            "x: 1\n# a\n"
        ));
        assert!(!keeps_comments(
            base,
            "# a\nx: 1\n# a\n",
            "x: 1\n",
            "x: 1\n"
        ));
    }

    #[test]
    fn comments_are_found_outside_quotes_only() {
        for (line, comment) in [
            ("# top\n", Some("# top")),
            ("  due: 2026-12-15  # council\n", Some("# council")),
            ("title: \"Call # 2\"\n", None),
            ("title: 'Reza''s # call'\n", None),
            ("title: Reza's call # note\n", Some("# note")),
            ("title: Call #2\n", Some("#2")),
            ("title: Call#2\n", None),
            ("with: [a, 'b # c'] # d\n", Some("# d")),
            ("  - \"x\\\" # y\" # z\n", Some("# z")),
        ] {
            assert_eq!(comment_of(line), comment, "{line:?}");
        }
    }
}
