//! Text folded for search as city look-up folds it ([`text::lookup_key`]): case, diacritics,
//! Arabic and Persian letter forms, ZWNJ, tatweel, bidi controls and Persian or Arabic-Indic
//! digits, and the spaces and separators between words (so `سن پترزبورگ`, `سن‌پترزبورگ` and
//! `سنپترزبورگ` are one text), built one character at a time.
//!
//! Folding each character on its own gives exactly [`text::lookup_key`] (the tests hold it to
//! that), and lets a fold remember where each of its bytes came from ([`Folded`]), so that a
//! match is highlighted and located in the text as written. [`key_into`] is the same fold
//! without that memory, for the quick look at a whole file before it is parsed.

use std::sync::OnceLock;

use crate::text;

/// The folds of the characters most dossiers are written in (ASCII, Latin, Greek, Cyrillic,
/// Arabic and Persian: U+0000–U+07FF) and of the general punctuation block (ZWNJ, bidi
/// controls, dashes: U+2000–U+206F), worked out once; other characters are folded as met.
struct Table {
    text: String,
    /// For each character, where its fold lies in `text`.
    spans: Vec<(u32, u8)>,
}

const LOW: u32 = 0x800;
const PUNCT: std::ops::Range<u32> = 0x2000..0x2070;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table {
            text: String::new(),
            spans: Vec::with_capacity((LOW + PUNCT.len() as u32) as usize),
        };
        for code in (0..LOW).chain(PUNCT) {
            let start = table.text.len();
            if let Some(c) = char::from_u32(code) {
                table
                    .text
                    .push_str(&text::lookup_key(c.encode_utf8(&mut [0; 4])));
            }
            let len = u8::try_from(table.text.len() - start).unwrap_or(0);
            table.spans.push((start as u32, len));
        }
        table
    })
}

/// The fold of one character, appended to `out`.
#[inline]
fn push_char(c: char, out: &mut String) {
    let code = u32::from(c);
    let index = if code < LOW {
        Some(code as usize)
    } else if PUNCT.contains(&code) {
        Some((LOW + code - PUNCT.start) as usize)
    } else {
        None
    };
    match index {
        Some(i) => {
            let table = table();
            let (start, len) = table.spans[i];
            out.push_str(&table.text[start as usize..start as usize + len as usize]);
        }
        None => out.push_str(&text::lookup_key(c.encode_utf8(&mut [0; 4]))),
    }
}

/// The folded key of `text`, appended to `out` (cleared first): [`text::lookup_key`], faster.
pub fn key_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    let table = table();
    for c in text.chars() {
        if c.is_ascii() {
            // ASCII folds to at most one byte: its lowercase, or nothing for a separator.
            let (start, len) = table.spans[c as usize];
            if len == 1 {
                out.push(char::from(table.text.as_bytes()[start as usize]));
            }
        } else {
            push_char(c, out);
        }
    }
}

/// A text's folded key and, for each byte of it, the byte of the text it came from.
#[derive(Debug)]
pub struct Folded<'t> {
    text: &'t str,
    pub key: String,
    origin: Vec<u32>,
}

impl<'t> Folded<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut key = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            let before = key.len();
            push_char(c, &mut key);
            origin.resize(key.len(), at as u32);
            debug_assert!(key.len() >= before);
        }
        Folded { text, key, origin }
    }

    /// The byte ranges of `text` whose folds are the occurrences of `needle` (a folded key),
    /// from the first character that makes each one to the end of the last.
    pub fn find(&self, needle: &str) -> Vec<std::ops::Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        memchr::memmem::find_iter(self.key.as_bytes(), needle.as_bytes())
            .map(|at| {
                let start = self.origin[at] as usize;
                let last = self.origin[at + needle.len() - 1] as usize;
                let end = last + self.text[last..].chars().next().map_or(0, char::len_utf8);
                start..end
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        let mut out = String::new();
        key_into(s, &mut out);
        out
    }

    #[test]
    fn folds_as_city_look_up_does() {
        assert_eq!(key("Iași"), "iasi");
        assert_eq!(key("اصفـــهان"), "اصفهان");
        assert_eq!(key("شيان"), key("شیان"));
        assert_eq!(key("كوالالامپور"), key("کوالالامپور"));
        assert_eq!(key("خانۀ"), "خانه");
        assert_eq!(key("سن\u{200C}پترزبورگ"), key("سن پترزبورگ"));
        assert_eq!(key("سنپترزبورگ"), key("سن پترزبورگ"));
        assert_eq!(key("۱۴۰۵ and ١٤٠٥"), "1405and1405");
        assert_eq!(key("Kuala-Lumpur"), "kualalumpur");
        assert_eq!(key("\u{202E}Halal\u{202C}"), "halal");
    }

    #[test]
    fn finds_where_a_fold_came_from() {
        let text = "Visit to Iași: the HALAL cert";
        let folded = Folded::new(text);
        let found = folded.find("iasi");
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], "Iași");
        assert_eq!(&text[folded.find("halal")[0].clone()], "HALAL");
        // A phrase spans the space between its words, and only that.
        assert_eq!(&text[folded.find("thehalal")[0].clone()], "the HALAL");
        let persian = "مجوز حلال تاتارستان";
        let folded = Folded::new(persian);
        assert_eq!(&persian[folded.find("حلال")[0].clone()], "حلال");
        // A character whose fold is two (ß → ss) is found whole by either half.
        let strasse = Folded::new("Straße");
        assert_eq!(&"Straße"[strasse.find("s")[1].clone()], "ß");
    }

    proptest::proptest! {
        /// One character at a time is the same fold as the whole text's.
        #[test]
        fn per_character_is_lookup_key(s in "\\PC*") {
            proptest::prop_assert_eq!(key(&s), text::lookup_key(&s));
            proptest::prop_assert_eq!(Folded::new(&s).key, text::lookup_key(&s));
        }

        #[test]
        fn per_character_is_lookup_key_in_the_scripts_of_dossiers(
            s in "[a-zA-Z0-9 '\\-_.İıßÆæŒœØøŁłĐđÐðÀ-ÿ\u{0300}-\u{036f}\u{0600}-\u{06ff}\u{fb50}-\u{fdff}\u{fe70}-\u{feff}\u{2000}-\u{206f}\u{0400}-\u{04ff}西安]*"
        ) {
            proptest::prop_assert_eq!(key(&s), text::lookup_key(&s));
        }
    }
}
