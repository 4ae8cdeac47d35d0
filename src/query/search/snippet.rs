//! The words around a match: a window of the value on one line, with where the matches are,
//! for each renderer to highlight its own way (color, `**bold**`, nothing in data formats).

use std::ops::Range;

use serde::{Serialize, Serializer};

/// Characters kept before the first match, at most.
const BEFORE: usize = 30;
/// Characters a snippet holds, about (a match longer than that is kept whole).
const WIDTH: usize = 90;
/// Where text was left out.
const CUT: &str = "…";

/// A snippet: the text (line breaks and runs of blanks as one space, `…` where the value
/// goes on) and the byte ranges of the matches in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Serialize for Snippet {
    /// Data formats carry the plain text.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// The snippet of `value` around `first`, the first match, with every match in `all` (sorted,
/// not overlapping) that falls inside it marked.
pub fn around(value: &str, first: &Range<usize>, all: &[Range<usize>]) -> Snippet {
    // The window: WIDTH characters, the match at least BEFORE from its start when the value
    // goes on far enough after it; a value that fits is shown whole.
    let chars = value.chars().count();
    let (mut start, mut end) = (0, value.len());
    if chars > WIDTH {
        let at = value[..first.start].chars().count();
        let from = at.saturating_sub(BEFORE).min(chars - WIDTH);
        start = forward(value, 0, from);
        if start > 0 {
            // Begin at a word: after the first blank of the window, if there is one before
            // the match.
            if let Some(blank) = value[start..first.start].find(char::is_whitespace) {
                start += blank;
            }
        }
        let budget = WIDTH.saturating_sub(value[start..first.start].chars().count());
        end = forward(value, first.start, budget).max(first.end);
        if end < value.len() {
            // End at a word: at the last blank of the window after the match, if any.
            if let Some(blank) = value[first.end..end].rfind(char::is_whitespace) {
                end = first.end + blank;
            }
        }
    }
    let mut text = String::new();
    // Where each character of the window went: (byte in `value`, byte in `text`).
    let mut map: Vec<(usize, usize)> = Vec::new();
    let window = &value[start..end];
    let lead = window.len() - window.trim_start().len();
    if !value[..start + lead].trim().is_empty() {
        text.push_str(CUT);
        if lead > 0 || value[..start].ends_with(char::is_whitespace) {
            text.push(' ');
        }
    }
    let mut blank = false;
    for (i, c) in window.trim_start().char_indices() {
        let at = start + lead + i;
        if c.is_whitespace() {
            blank = true;
            map.push((at, text.len()));
            continue;
        }
        if blank {
            text.push(' ');
            blank = false;
        }
        map.push((at, text.len()));
        text.push(c);
    }
    map.push((end, text.len()));
    if !value[end..].trim().is_empty() {
        if blank || value[end..].starts_with(char::is_whitespace) {
            text.push(' ');
        }
        text.push_str(CUT);
    }
    let place = |byte: usize| {
        let i = map.partition_point(|(at, _)| *at < byte);
        map.get(i).map_or(text.len(), |(_, out)| *out)
    };
    let marks = all
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| place(m.start)..place(m.end))
        .filter(|m| !m.is_empty())
        .collect();
    Snippet { text, marks }
}

/// The byte `n` characters after `at` (or the end).
fn forward(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn snip(value: &str, word: &str) -> (String, Vec<String>) {
        let at = value.find(word).unwrap();
        let first = at..at + word.len();
        let snippet = around(value, &first, std::slice::from_ref(&first));
        let marks = snippet
            .marks
            .iter()
            .map(|m| snippet.text[m.clone()].to_owned())
            .collect();
        (snippet.text, marks)
    }

    #[test]
    fn a_short_value_whole() {
        assert_eq!(
            snip("Apply for halal certification", "halal"),
            (
                "Apply for halal certification".to_owned(),
                vec!["halal".to_owned()]
            )
        );
        // Line breaks and runs of blanks read as one space.
        assert_eq!(
            snip("مدارک لازم برای مجوز حلال فهرست شد؛\n  ترجمهٔ روسی\n", "حلال").0,
            "مدارک لازم برای مجوز حلال فهرست شد؛ ترجمهٔ روسی"
        );
    }

    #[test]
    fn a_long_value_is_cut_at_words() {
        let value = format!(
            "{} the halal market {}",
            "word ".repeat(30),
            "more ".repeat(40)
        );
        let (text, marks) = snip(&value, "halal");
        assert!(text.starts_with("… word"), "{text}");
        assert!(text.ends_with("more …"), "{text}");
        assert!(text.chars().count() <= WIDTH + 4, "{text}");
        assert_eq!(marks, ["halal"]);
        assert!(text.contains("the halal market"));
    }

    #[test]
    fn every_match_in_the_window_is_marked() {
        let value = "halal here, and HALAL there";
        let all = [0..5, 16..21];
        let snippet = around(value, &all[0], &all);
        assert_eq!(snippet.text, value);
        assert_eq!(snippet.marks, [0..5, 16..21]);
    }
}
