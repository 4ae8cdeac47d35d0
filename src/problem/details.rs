//! Where contact details sit in a YAML text, so that a diagnostic masks them by their place in
//! the file, not by what they look like: `leila!rahimi@mail…` (no valid address) or
//! `9137654321` (no leading `0` or `+`) escape any look-alike rule, and a broken file is exactly
//! when they are shown.
//!
//! The scan reads lines the way YAML lays them out (indentation, flow collections, quotes,
//! block and multi-line text) but never fails: it serves files the parser refused, so it
//! errs towards hiding. Private are the values of `contact:` (its `email`, `phone`, and any
//! other key under it: an unknown key there is likely a detail under a misspelt name), and of
//! any key that names an e-mail, phone or fax wherever it stands (`emial:` one level too high).
//! An encrypted value (`ENC[v1,…]`) is masked like any other: its ciphertext says nothing,
//! but one damaged by hand may hold plain text inside the frame, and one rule is easier to
//! trust.

use std::borrow::Cow;
use std::ops::Range;

/// Spans (in characters) of one line to mask.
pub type Spans = Vec<Range<usize>>;

/// The private spans of every line of a text, found in one pass: a file with many problems
/// asks for many of its lines.
#[derive(Debug, Default)]
pub struct DetailMap {
    /// 0-based line numbers, ascending, with their spans; lines without any are left out.
    lines: Vec<(usize, Spans)>,
}

impl DetailMap {
    pub fn of(text: &str) -> Self {
        let mut scan = Scanner::default();
        let lines = text
            .lines()
            .enumerate()
            .map(|(index, line)| (index, scan.line(line)))
            .filter(|(_, spans)| !spans.is_empty())
            .collect();
        Self { lines }
    }

    /// The spans of line `index` (0-based).
    pub fn line(&self, index: usize) -> &[Range<usize>] {
        self.lines
            .binary_search_by_key(&index, |(i, _)| *i)
            .map_or(&[], |at| &self.lines[at].1)
    }
}

/// Line `index` (0-based) of `text` and its private spans, reading only the lines before it.
pub fn line_spans(text: &str, index: usize) -> Option<(&str, Spans)> {
    let mut scan = Scanner::default();
    for (i, line) in text.lines().enumerate() {
        let spans = scan.line(line);
        if i == index {
            return Some((line, spans));
        }
    }
    None
}

/// `line` with every character but white space in `spans` replaced by `•`: one character for
/// one, so a caret under the line still points at the right column.
pub fn mask_line<'a>(line: &'a str, spans: &[Range<usize>]) -> Cow<'a, str> {
    if spans.is_empty() {
        return Cow::Borrowed(line);
    }
    Cow::Owned(
        line.chars()
            .enumerate()
            .map(|(i, c)| {
                if spans.iter().any(|s| s.contains(&i)) {
                    hide(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// `text` masked whole, as [`mask_line`] masks a span.
pub fn mask_all(text: &str) -> String {
    text.chars().map(hide).collect()
}

fn hide(c: char) -> char {
    if c.is_whitespace() { c } else { '•' }
}

/// The text of each span of `line`: what a message must not quote either.
pub fn span_texts(line: &str, spans: &[Range<usize>]) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    spans
        .iter()
        .filter_map(|s| chars.get(s.clone()))
        .map(|cs| cs.iter().collect::<String>().trim().to_owned())
        .collect()
}

/// `text` with every contact detail masked and its lines kept: for showing a whole dossier's
/// lines, as `fmt --check` does in its diff.
pub fn mask_details(text: &str) -> Cow<'_, str> {
    let mut scan = Scanner::default();
    let mut out = String::new();
    let mut changed = false;
    for piece in text.split_inclusive('\n') {
        let body = piece.strip_suffix('\n').unwrap_or(piece);
        let line = body.strip_suffix('\r').unwrap_or(body);
        let spans = scan.line(line);
        changed |= !spans.is_empty();
        out.push_str(&mask_line(line, &spans));
        out.push_str(&piece[line.len()..]);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Keys whose values are contact details wherever they stand: `contact` and its near misses
/// (not `contacts`, the list of people, whose names and roles messages need), and keys naming
/// an e-mail, phone or fax, the analysts' own `x-` ones too.
pub(crate) fn is_private_key(key: &str) -> bool {
    let lower = key.trim().to_lowercase();
    let bare = lower.strip_prefix("x-").unwrap_or(&lower);
    let word: String = bare.chars().filter(|c| c.is_alphanumeric()).collect();
    if word == "contacts" {
        return false;
    }
    ["contact", "email", "phone"]
        .iter()
        .any(|k| strsim::damerau_levenshtein(&word, k) <= 1)
        || ["mail", "phone", "mobile", "fax", "whatsapp"]
            .iter()
            .any(|k| word.contains(k))
        || matches!(word.as_str(), "tel" | "cell")
}

/// A key under `contact:` that reads as a key name (`fax`, `x-old`) stays visible, so the
/// analyst sees which one is wrong; anything else there (`"98 913 123 4567": x`) is masked.
pub(crate) fn looks_like_key(key: &str) -> bool {
    key.len() <= 32
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && key.chars().filter(char::is_ascii_digit).count() <= 2
}

/// What the lines read so far leave open for the next one.
#[derive(Debug, Default)]
struct Scanner {
    /// The column of a private key in block context: lines indented deeper belong to its value.
    block: Option<usize>,
    /// The column of the key (or `-`) whose scalar began on an earlier line: deeper lines go on
    /// with that text (a block scalar, a folded plain one) and are not read as structure; with
    /// whether the text is private.
    text: Option<(usize, bool)>,
    /// Open flow collections (`{`, `[`), each with whether it is (inside) a private value.
    flow: Vec<bool>,
    /// The flow depth at which a private key's value is read, up to its `,` or bracket.
    pending: Option<usize>,
    /// A quoted scalar still open: its quote, and whether it is private.
    quote: Option<(char, bool)>,
}

impl Scanner {
    fn line(&mut self, line: &str) -> Spans {
        let chars: Vec<char> = line.chars().collect();
        let n = chars.len();
        let mut spans = Spans::new();
        let lead = chars
            .iter()
            .take_while(|c| **c == ' ' || **c == '\t')
            .count();
        // A tab in the indentation is a YAML error whose line is shown: it neither ends nor
        // leaves a private block, whatever its width.
        let tabbed = chars[..lead].contains(&'\t');
        let blank = lead == n;
        let mut i = 0;
        // The whole line belongs to a private block value.
        let mut whole = false;
        if let Some((quote, private)) = self.quote {
            let close = closing_quote(&chars, 0, quote);
            if private {
                spans.push(0..close.unwrap_or(n));
            }
            match close {
                Some(at) => {
                    self.quote = None;
                    i = at + 1;
                    whole = private && self.flow.is_empty();
                }
                None => return spans,
            }
        } else if self.flow.is_empty() {
            if let Some((column, private)) = self.text {
                if blank || lead > column || tabbed {
                    if private {
                        spans.push(lead..n);
                    }
                    return spans;
                }
                self.text = None;
            }
            if let Some(column) = self.block {
                if blank {
                    return spans;
                }
                let item = chars[lead] == '-' && chars.get(lead + 1).is_none_or(|c| *c == ' ');
                if lead > column || tabbed || (lead == column && item) {
                    whole = true;
                } else if chars[lead] != '#' {
                    self.block = None;
                }
            }
            i = lead;
        }
        self.tokens(&chars, i, whole, &mut spans);
        spans
    }

    /// Reads the tokens of `chars` from `i`; `private` when they all belong to a private value.
    fn tokens(&mut self, chars: &[char], mut i: usize, whole: bool, spans: &mut Spans) {
        let n = chars.len();
        // From a private key in block context on, the rest of the line is its value.
        let mut line_private = whole;
        // The column of the last key or `-` in block context: a scalar after it goes on deeper.
        let mut parent = i;
        while i < n {
            let c = chars[i];
            let depth = self.flow.len();
            let in_flow = depth > 0;
            let private = line_private
                || self.flow.last().copied().unwrap_or(false)
                || (in_flow && self.pending == Some(depth));
            let ends_plain = |j: usize| -> bool {
                let next = chars.get(j + 1).copied();
                (chars[j] == ':'
                    && next.is_none_or(|d| d.is_whitespace() || (in_flow && ",[]{}".contains(d))))
                    || (in_flow && ",[]{}".contains(chars[j]))
                    || (chars[j] == '#' && j > 0 && chars[j - 1].is_whitespace())
            };
            match c {
                ' ' | '\t' => i += 1,
                '#' if i == 0 || chars[i - 1].is_whitespace() => {
                    if private {
                        spans.push(i + 1..n);
                    }
                    return;
                }
                '"' | '\'' => {
                    let close = closing_quote(chars, i + 1, c);
                    let end = close.unwrap_or(n);
                    let Some(close) = close else {
                        if private {
                            spans.push(i + 1..n);
                        }
                        self.quote = Some((c, private));
                        return;
                    };
                    let mut after = close + 1;
                    while after < n && chars[after] == ' ' {
                        after += 1;
                    }
                    let is_key = chars.get(after) == Some(&':')
                        && (in_flow || chars.get(after + 1).is_none_or(|d| d.is_whitespace()));
                    if is_key {
                        let key: String = chars[i + 1..end].iter().collect();
                        self.key(
                            &key,
                            i + 1..end,
                            i,
                            private,
                            &mut line_private,
                            whole,
                            spans,
                        );
                        if !in_flow {
                            parent = i;
                        }
                        i = after + 1;
                    } else {
                        if private {
                            spans.push(i + 1..end);
                        }
                        if !in_flow {
                            self.text = Some((parent, private));
                        }
                        i = close + 1;
                    }
                }
                '{' | '[' => {
                    self.flow.push(private);
                    i += 1;
                }
                '}' | ']' => {
                    if self.flow.pop().is_some() && self.pending.is_some_and(|d| d >= depth) {
                        self.pending = None;
                    }
                    i += 1;
                }
                ',' if in_flow => {
                    if self.pending == Some(depth) {
                        self.pending = None;
                    }
                    i += 1;
                }
                '-' | '?' if !in_flow && chars.get(i + 1).is_none_or(|d| d.is_whitespace()) => {
                    parent = i;
                    i += 1;
                }
                '&' | '!' | '*' => {
                    let mut end = i + 1;
                    while end < n
                        && !chars[end].is_whitespace()
                        && !(in_flow && ",[]{}".contains(chars[end]))
                    {
                        end += 1;
                    }
                    if private {
                        spans.push(i..end);
                    }
                    i = end;
                }
                '|' | '>' if !in_flow => {
                    // A block scalar: its lines follow, deeper than its key.
                    self.text = Some((parent, private));
                    while i < n && !chars[i].is_whitespace() {
                        i += 1;
                    }
                }
                _ => {
                    let mut end = i;
                    while end < n && !ends_plain(end) {
                        end += 1;
                    }
                    let is_key = end < n && chars[end] == ':';
                    let mut last = end;
                    while last > i && chars[last - 1].is_whitespace() {
                        last -= 1;
                    }
                    if is_key {
                        let key: String = chars[i..last].iter().collect();
                        self.key(&key, i..last, i, private, &mut line_private, whole, spans);
                        if !in_flow {
                            parent = i;
                        }
                        i = end + 1;
                    } else {
                        if private {
                            spans.push(i..last);
                        }
                        if !in_flow {
                            self.text = Some((parent, private));
                        }
                        i = end.max(i + 1);
                    }
                }
            }
        }
    }

    /// A key at `column`: masked when private and not key-like; a private key opens its value.
    #[allow(clippy::too_many_arguments)]
    fn key(
        &mut self,
        key: &str,
        span: Range<usize>,
        column: usize,
        private: bool,
        line_private: &mut bool,
        whole: bool,
        spans: &mut Spans,
    ) {
        if private && !looks_like_key(key.trim()) {
            spans.push(span);
        }
        if !is_private_key(key) {
            return;
        }
        if self.flow.is_empty() {
            *line_private = true;
            // Inside a private block already, the outer key's column still decides.
            if !whole {
                self.block = Some(column);
            }
        } else {
            self.pending = Some(self.flow.len());
        }
    }
}

/// The index of the quote that closes a scalar opened before `from`, if on this line.
fn closing_quote(chars: &[char], from: usize, quote: char) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' if quote == '"' => i += 2,
            '\'' if quote == '\'' && chars.get(i + 1) == Some(&'\'') => i += 2,
            c if c == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with its details masked, line by line.
    fn masked(text: &str) -> String {
        mask_details(text).into_owned()
    }

    #[test]
    fn details_under_contact_are_masked_by_place() {
        let text = "facilitators:\n  - id: leila\n    name: Leila\n    contact: {email: \"leila!rahimi@mail.example.org\", phone: \"98 913 123 4567\", fax: 1}\n  - id: omid\n    name: Omid\n    contact:\n      phone: 9137654321\n      emial: 'omid at home'   # old: 0913 765 4321\n      \"98 912 000 1111\": x\n    status: active\n";
        let out = masked(text);
        for secret in [
            "leila!",
            "rahimi",
            "example",
            "913",
            "4567",
            "9137654321",
            "omid at",
            "0913",
            "912",
        ] {
            assert!(!out.contains(secret), "`{secret}` shown:\n{out}");
        }
        // Keys, names and the structure stay.
        for kept in [
            "  - id: leila\n    name: Leila\n    contact: {email: \"",
            "\", phone: \"",
            ", fax: •}",
            "  - id: omid\n    name: Omid\n    contact:\n      phone: ••••••••••\n      emial: '",
            "'   # ",
            "    status: active\n",
        ] {
            assert!(out.contains(kept), "`{kept}` missing:\n{out}");
        }
        assert_eq!(out.chars().count(), text.chars().count());
    }

    #[test]
    fn every_layout_of_a_contact_is_masked() {
        for text in [
            "contact: leila@example.org\n",
            "- contact: 9137654321\n",
            "contact:\n  - 9137654321\n",
            "contact:\n- 9137654321\n",
            "contact:\n  phone: |\n    9137654321\n",
            "contact:\n  phone: 913\n    7654321\n",
            "contact:\n  phone: \"913\n    7654321\"\n",
            "contact: {phone: [913,\n  7654321]}\n",
            "people: [{id: a, contact: {phone: 9137654321}}, {id: b, contact: 7654321}]\n",
            "people: [{id: a, contact:\n   {phone: 9137654321}}]\n",
            "people:\n  - email: 9137654321\n",
            "contact:\n\tphone: 9137654321\n",
            "contact: &a 9137654321\nother: *a\n",
            "contact:\n  phone: !!str 9137654321\n",
            "Contact: {Phone: 9137654321}\n",
            "contcat:\n  phone: 9137654321\n",
            "x-old-phone: 9137654321\n",
        ] {
            let out = masked(text);
            assert!(
                !out.contains("913") && !out.contains("7654321") && !out.contains("leila"),
                "{text:?} shown as {out:?}"
            );
        }
    }

    #[test]
    fn the_rest_of_the_file_is_left_alone() {
        let text = "slug: kazan\nfacilitators:\n  - id: omid\n    contact:\n      phone: 9137654321\n    status: active\n    since: 2026-01-02\ncontacts:\n  - id: counsellor-1234\n    name: Counsellor\nnotes: |\n  contact: not a key here\n  \"an open quote\nactions: [{id: a-1234, title: Call}]\nsummary: \"call: 1234\" # contact: none\n";
        let out = masked(text);
        let expected = text.replace("9137654321", "••••••••••");
        assert_eq!(out, expected);
    }

    #[test]
    fn a_map_and_a_scan_to_one_line_agree() {
        let text = "a: 1\ncontact:\n  phone: 9137654321\nb: 2\n";
        let map = DetailMap::of(text);
        let pairs = |spans: &[Range<usize>]| -> Vec<(usize, usize)> {
            spans.iter().map(|s| (s.start, s.end)).collect()
        };
        assert_eq!(pairs(map.line(2)), [(9, 19)]);
        assert!(map.line(3).is_empty());
        let (line, spans) = line_spans(text, 2).unwrap_or_default();
        assert_eq!(
            (line, pairs(&spans)),
            ("  phone: 9137654321", vec![(9, 19)])
        );
        assert_eq!(span_texts(line, map.line(2)), ["9137654321"]);
    }

    proptest::proptest! {
        /// Any text, YAML or not (the scan serves files the parser refused): no panic, and
        /// every line keeps its length, so carets stay in place.
        #[test]
        fn any_text_keeps_its_shape(s in "(contact|phone|ab|9|\\r|[ \t\n:#'\"{}\\[\\],&*!|>?-])*") {
            let out = mask_details(&s);
            proptest::prop_assert_eq!(out.chars().count(), s.chars().count());
            proptest::prop_assert_eq!(out.lines().count(), s.lines().count());
            let map = DetailMap::of(&s);
            for (index, line) in s.lines().enumerate() {
                proptest::prop_assert_eq!(
                    line_spans(&s, index).map(|(_, spans)| spans),
                    Some(map.line(index).to_vec())
                );
                let _ = span_texts(line, map.line(index));
            }
        }
    }
}
