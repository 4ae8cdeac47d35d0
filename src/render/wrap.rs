//! Text wrapped to a terminal's width: at spaces, never inside a word, measured in terminal
//! cells ([`display_width`]), with the isolates and embeddings a line holds closed at its end
//! and opened again on the next (the bidi algorithm ends them at every line break).
//!
//! A word wider than the whole width is the only one broken: it is cut at the edge, each piece
//! but the last ending in `…`, so that nothing of it is lost (a long URL in a note). Tables make
//! their columns at least as wide as their longest word, so there it happens only when one word
//! is wider than the terminal.

use crate::text::display_width;

/// What ends a piece of a word cut at the edge.
const CUT: char = '…';

/// `text` in lines of at most `width` cells. Each line of `text` (split at `\n`) is wrapped on
/// its own; the spaces where a line is broken are dropped, the others kept (and a line's
/// leading indentation). A width of 0 is taken as 1.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        fill(line, width, width, "", &mut out);
    }
    out
}

/// [`wrap`], each line after the first of each line of `text` indented by its own leading
/// spaces and `hang` more (list items, a page's entries); the width counts the indentation.
pub fn hanging(text: &str, width: usize, hang: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start_matches(' ').len();
        let indent = " ".repeat(lead + hang);
        fill(
            line,
            width,
            width.saturating_sub(lead + hang),
            &indent,
            &mut out,
        );
    }
    out
}

/// Lines of `line`: the first at most `first` cells, the others `rest` cells after `indent`.
fn fill(line: &str, first: usize, rest: usize, indent: &str, out: &mut Vec<String>) {
    let (first, rest) = (first.max(1), rest.max(1));
    if display_width(line) <= first {
        out.push(line.to_owned());
        return;
    }
    let mut state = Open::default();
    let mut current = String::new();
    let mut used = 0;
    let mut limit = first;
    let mut started = false;
    let mut end = 0;
    // Ends the line being filled and starts the next, the open isolates closed and reopened.
    let mut flush = |current: &mut String, used: &mut usize, limit: &mut usize, state: &Open| {
        let mut done = std::mem::take(current);
        done.push_str(&state.closing());
        out.push(done);
        current.push_str(indent);
        current.push_str(&state.opening());
        *used = 0;
        *limit = rest;
    };
    for (start, word) in words(line) {
        let gap = &line[end..start];
        end = start + word.len();
        let w = display_width(word);
        if !started {
            // The line's own indentation.
            current.push_str(gap);
            used += display_width(gap);
            started = true;
        } else if used + display_width(gap) + w <= limit {
            current.push_str(gap);
            used += display_width(gap);
        } else {
            flush(&mut current, &mut used, &mut limit, &state);
        }
        if used + w <= limit {
            current.push_str(word);
            used += w;
            state.scan(word);
            continue;
        }
        // A word wider than a whole line: cut at the edge, each piece marked.
        for c in word.chars() {
            let mut buf = [0; 4];
            let c_text = c.encode_utf8(&mut buf);
            let cw = display_width(c_text);
            if used + cw + 1 > limit && used > 0 {
                current.push(CUT);
                flush(&mut current, &mut used, &mut limit, &state);
            }
            current.push(c);
            used += cw;
            state.scan(c_text);
        }
    }
    current.push_str(&state.closing());
    out.push(current);
}

/// The words of `line` (runs of anything but spaces), with their byte offsets.
pub(super) fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        let tail = &line[rest..];
        let skip = tail.len() - tail.trim_start_matches(' ').len();
        let start = rest + skip;
        if start >= line.len() {
            return None;
        }
        let len = word_end(&line[start..]);
        rest = start + len;
        Some((start, &line[start..start + len]))
    })
}

/// Where the word at the start of `text` ends: at the first space outside a span in backticks
/// (a command such as `` `event set --status cancelled` `` is one word), or at the end.
/// A phone number's groups are one word too (`+98 21 0000 2222`): a space between two groups
/// of digits does not end it.
fn word_end(text: &str) -> usize {
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '`' if quoted => quoted = false,
            // A backtick opens a span only when one closes it later on the line.
            '`' if text[i + 1..].contains('`') => quoted = true,
            ' ' if !quoted => {
                let next = &text[i + 1..];
                let next = &next[..next.find(' ').unwrap_or(next.len())];
                if !(digits(&text[start..i]) && digits(next)) {
                    return i;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    text.len()
}

/// A group of a phone number: digits, perhaps after a `+` or between parentheses.
fn digits(group: &str) -> bool {
    let bare = group
        .trim_start_matches(['\\', '+', '('])
        .trim_end_matches([')', ',', ';']);
    !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit() || c.is_numeric())
}

/// The isolates and embeddings open at a point of a line, innermost last.
#[derive(Default)]
struct Open {
    stack: Vec<char>,
}

impl Open {
    fn scan(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\u{2066}'..='\u{2068}' | '\u{202a}' | '\u{202b}' | '\u{202d}' | '\u{202e}' => {
                    self.stack.push(c)
                }
                '\u{2069}' => {
                    // A PDI also closes the embeddings opened inside its isolate.
                    while let Some(open) = self.stack.pop() {
                        if ('\u{2066}'..='\u{2068}').contains(&open) {
                            break;
                        }
                    }
                }
                '\u{202c}'
                    if self
                        .stack
                        .last()
                        .is_some_and(|o| ('\u{202a}'..='\u{202e}').contains(o)) =>
                {
                    self.stack.pop();
                }
                _ => {}
            }
        }
    }

    /// What closes every open isolate and embedding, innermost first.
    fn closing(&self) -> String {
        self.stack
            .iter()
            .rev()
            .map(|c| {
                if ('\u{2066}'..='\u{2068}').contains(c) {
                    '\u{2069}'
                } else {
                    '\u{202c}'
                }
            })
            .collect()
    }

    /// What opens them again, outermost first.
    fn opening(&self) -> String {
        self.stack.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces_only() {
        assert_eq!(
            wrap("Send the handicrafts exhibition proposal", 16),
            ["Send the", "handicrafts", "exhibition", "proposal"]
        );
        assert_eq!(
            wrap("kazan, saint-petersburg", 20),
            ["kazan,", "saint-petersburg"]
        );
        assert_eq!(wrap("short", 20), ["short"]);
        assert_eq!(wrap("a\nb c", 3), ["a", "b c"]);
    }

    #[test]
    fn a_command_in_backticks_is_one_word() {
        assert_eq!(
            wrap("or cancel it (`event set --status cancelled`) now", 34),
            ["or cancel it", "(`event set --status cancelled`)", "now"]
        );
        assert_eq!(wrap("a ` lone tick", 8), ["a ` lone", "tick"]);
        assert_eq!(
            wrap("phone +98 21 0000 2222 now", 18),
            ["phone", "+98 21 0000 2222", "now"]
        );
    }

    #[test]
    fn measures_cells_not_chars() {
        // Each of these ideographs takes two cells.
        assert_eq!(wrap("西安 西安 西安", 9), ["西安 西安", "西安"]);
        assert_eq!(wrap("سن‌پترزبورگ و کازان", 12), ["سن‌پترزبورگ و", "کازان"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_with_a_mark() {
        let lines = wrap("see https://example.org/a/very/long/path ok", 12);
        for line in &lines {
            assert!(display_width(line) <= 12, "{lines:?}");
        }
        assert_eq!(lines[0], "see");
        assert!(lines[1].ends_with(CUT), "{lines:?}");
        let joined: String = lines[1..].iter().map(|l| l.trim_end_matches(CUT)).collect();
        assert_eq!(joined, "https://example.org/a/very/long/path ok");
    }

    #[test]
    fn isolates_are_closed_and_opened_again_at_each_break() {
        let lines = wrap("نام: \u{2068}Send the proposal now\u{2069} امروز", 14);
        for line in &lines {
            assert_eq!(
                line.matches('\u{2068}').count(),
                line.matches('\u{2069}').count(),
                "{lines:?}"
            );
        }
        assert_eq!(
            lines,
            [
                "نام: \u{2068}Send the\u{2069}",
                "\u{2068}proposal now\u{2069}",
                "امروز"
            ]
        );
    }

    #[test]
    fn hanging_indents_the_continuation() {
        assert_eq!(
            hanging("  a-7k2m — Send the proposal to the council", 22, 2),
            ["  a-7k2m — Send the", "    proposal to the", "    council"]
        );
        assert_eq!(hanging("  short", 22, 2), ["  short"]);
    }
}
