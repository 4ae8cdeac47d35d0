//! Text helpers for a bilingual office: folding names for matching, digits, "did you mean", widths.

use std::borrow::Cow;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
use unicode_width::UnicodeWidthStr;

/// Folds a name to a key for matching, never for display.
///
/// NFKD (not only NFD) so Arabic presentation forms and full-width letters pasted from PDFs fold
/// too; then combining marks are dropped, which strips Latin diacritics and Arabic harakat, and
/// also turns أ إ آ into ا and ؤ ئ into و ی (the hamza and madda are marks). We accept that loss
/// everywhere: Persian and Arabic spellings of the same city differ in exactly these letters, and
/// a real collision between two sister cities that differ only by a hamza or madda is unlikely.
/// Arabic ي ى ك ة (and ە, left by ۀ) and the heh doachashmee ھ (Urdu and Kurdish keyboards) become
/// Persian ی ک ه; ZWNJ, ZWJ, tatweel and every bidi control (marks, embeddings, overrides,
/// isolates: text copied from a Persian document carries them) vanish; digits become ASCII;
/// whitespace, `-`, `_`, `.` and apostrophes become one space.
pub fn fold(s: &str) -> String {
    // ASCII is its own NFKD: ranking thousands of people folds mostly Latin names.
    if s.is_ascii() {
        fold_chars(s.chars(), s.len())
    } else {
        fold_chars(s.nfkd(), s.len())
    }
}

/// [`fold`] of `chars`, already decomposed.
fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars.flat_map(char::to_lowercase) {
        let c = ascii_digit(c).unwrap_or(c);
        if is_combining_mark(c)
            || matches!(
                c,
                '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{0640}'
                    | '\u{061C}'
                    | '\u{FEFF}'
            )
        {
            continue;
        }
        if c.is_whitespace()
            || matches!(
                c,
                '-' | '_' | '.' | '\'' | '`' | '\u{2010}'
                    ..='\u{2015}' | '\u{2018}' | '\u{2019}' | '\u{02BC}'
            )
        {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            'ي' | 'ى' => out.push('ی'),
            'ك' => out.push('ک'),
            'ة' | 'ە' | 'ھ' => out.push('ه'),
            'ٱ' => out.push('ا'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ı' => out.push('i'),
            c => out.push(c),
        }
    }
    out
}

/// The key a city is looked up by: [`fold`], then without spaces, so that a Persian name written
/// with a ZWNJ, a space or nothing between its parts (سن‌پترزبورگ, سن پترزبورگ, سنپترزبورگ) is
/// one name; Latin names lose nothing that tells two cities apart (`kuala lumpur`, `kualalumpur`).
pub fn lookup_key(s: &str) -> String {
    let mut key = fold(s);
    key.retain(|c| c != ' ');
    key
}

/// First strong isolate and pop directional isolate (Unicode bidi, UAX #9).
pub const FSI: char = '\u{2068}';
pub const PDI: char = '\u{2069}';

/// Wraps `s` in FSI…PDI when it holds a letter or digit outside the Arabic script (Latin,
/// Cyrillic, CJK, ASCII digits), so that in a right-to-left line it stays one left-to-right run
/// and neutral characters around it (`:`, `(`, `،`) stay where they were written. Each line of
/// a multi-line text is isolated on its own ([`isolate_lines`]).
pub fn isolate(s: &str) -> Cow<'_, str> {
    let latin = |line: &str| {
        line.chars()
            .any(|c| c.is_alphanumeric() && !is_arabic_script(c))
    };
    if latin(s) {
        Cow::Owned(isolate_lines(s, latin))
    } else {
        Cow::Borrowed(s)
    }
}

/// Each line of `s` for which `needs` holds between FSI and PDI, its line break outside. The
/// bidi algorithm ends every isolate at the end of a line, so one around a whole multi-line
/// text would leave an opening alone on its first line and a close alone on its last: both
/// unbalanced, and shown as escapes by [`visible`].
pub fn isolate_lines(s: &str, needs: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for piece in s.split_inclusive(is_line_break) {
        let line = piece.trim_end_matches(is_line_break);
        if needs(line) {
            out.push(FSI);
            out.push_str(line);
            out.push(PDI);
        } else {
            out.push_str(line);
        }
        out.push_str(&piece[line.len()..]);
    }
    out
}

/// A character that ends a line for the bidi algorithm (a paragraph separator, UAX #9 type B,
/// as terminals and [`visible`] treat it).
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2029}')
}

/// Dossier text made safe for a terminal or a Markdown page people read: control characters
/// are shown as escapes instead of acting. ESC, CR and the other C0 controls (but LF and TAB),
/// DEL and the C1 controls become `\e`, `\r`, `\x07`, `\u{9b}`; the line and paragraph
/// separators become `\u{2028}`, `\u{2029}`; a bidi embedding, override or isolate
/// (U+202A–E, U+2066–9) that is not closed within `s` (or a close with no opening) becomes
/// `\u{202e}`, so hostile text cannot reorder what follows it. Balanced isolates and
/// embeddings, ZWNJ, ZWJ and the directional marks are text and stay. JSON and YAML output
/// keep the data exact and do not use this.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let unbalanced = unbalanced_bidi(s);
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                out.push_str(&escaped(c));
            }
            c if is_bidi_control(c) && unbalanced.contains(&i) => out.push_str(&escaped(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `\x07` for a C0 control or DEL, `\u{9b}` for anything else.
fn escaped(c: char) -> String {
    let code = u32::from(c);
    if code < 0x80 {
        format!("\\x{code:02x}")
    } else {
        format!("\\u{{{code:x}}}")
    }
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}')
        || is_bidi_control(c)
}

/// Embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Byte offsets of the bidi controls in `s` that are not part of a matched pair: an opening
/// with no closing of its kind after it (before the end of `s` or of its line, where the
/// Unicode bidi algorithm ends them anyway), a PDF or PDI with nothing to close. Pairs nest as
/// in UAX #9: a PDI also closes the embeddings opened inside its isolate.
fn unbalanced_bidi(s: &str) -> Vec<usize> {
    #[derive(PartialEq)]
    enum Open {
        Embedding,
        Isolate,
    }
    let mut bad = Vec::new();
    let mut stack: Vec<(Open, usize)> = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => stack.push((Open::Embedding, i)),
            '\u{2066}'..='\u{2068}' => stack.push((Open::Isolate, i)),
            '\u{202C}' => match stack.last() {
                Some((Open::Embedding, _)) => {
                    stack.pop();
                }
                _ => bad.push(i),
            },
            '\u{2069}' => {
                if let Some(at) = stack.iter().rposition(|(kind, _)| *kind == Open::Isolate) {
                    bad.extend(stack.drain(at..).skip(1).map(|(_, i)| i));
                } else {
                    bad.push(i);
                }
            }
            c if is_line_break(c) => bad.extend(stack.drain(..).map(|(_, i)| i)),
            _ => {}
        }
    }
    bad.extend(stack.into_iter().map(|(_, i)| i));
    bad
}

/// Removes the isolates [`isolate`] adds: data formats (JSON, YAML, CSV) carry the bare text.
pub fn strip_isolates(s: &str) -> Cow<'_, str> {
    if s.contains([FSI, PDI]) {
        Cow::Owned(s.chars().filter(|c| *c != FSI && *c != PDI).collect())
    } else {
        Cow::Borrowed(s)
    }
}

pub fn is_arabic_script(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
    )
}

/// Persian (U+06F0..) or Arabic-Indic (U+0660..) digit → ASCII digit.
fn ascii_digit(c: char) -> Option<char> {
    let base = match c {
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{0660}'..='\u{0669}' => 0x0660,
        _ => return None,
    };
    char::from_digit(u32::from(c) - base, 10)
}

/// ASCII digits → Persian digits (۰-۹); other characters unchanged.
pub fn to_persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x06F0 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Persian and Arabic-Indic digits → ASCII, and the Arabic decimal/thousands separators `٫ ٬` →
/// `. ,`, so numbers and dates typed on a Persian keyboard parse.
pub fn normalize_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '٫' => '.',
            '٬' => ',',
            c => ascii_digit(c).unwrap_or(c),
        })
        .collect()
}

/// Minimum similarity for a suggestion: the larger of Jaro-Winkler and normalized
/// Damerau-Levenshtein on folded text. 0.8 keeps one or two typos in a city name or key
/// (`barcelna`, `freiberg`, `week-strat`) and drops unrelated words (`xyz`).
const SUGGEST_THRESHOLD: f64 = 0.8;

/// The candidates closest to `input` for "did you mean", best first, at most `max`.
pub fn suggest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    let key = fold(input);
    if key.is_empty() || max == 0 {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let folded = fold(candidate);
            let score = strsim::jaro_winkler(&key, &folded)
                .max(strsim::normalized_damerau_levenshtein(&key, &folded));
            (score >= SUGGEST_THRESHOLD).then_some((score, candidate))
        })
        .collect();
    // Stable sort: equal scores keep the caller's order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut best = Vec::new();
    for (_, candidate) in scored {
        if best.len() == max {
            break;
        }
        if !best.contains(&candidate) {
            best.push(candidate);
        }
    }
    best
}

/// Terminal columns taken by `s`, for table layout; ZWNJ and other zero-width marks count 0.
pub fn display_width(s: &str) -> usize {
    s.width()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fold_examples() {
        assert_eq!(fold("Iași"), fold("iasi"));
        assert_eq!(fold("Iași"), "iasi");
        assert_eq!(fold("شيان"), fold("شیان"));
        assert_eq!(fold("كوالالامپور"), fold("کوالالامپور"));
        assert_eq!(fold("خواهرخوانده‌ها"), fold("خواهرخواندهها"));
        assert_eq!(fold("Xi'an"), fold("xi an"));
        assert_eq!(fold("Xi’an"), "xi an");
        assert_eq!(fold("Kuala-Lumpur"), fold("kuala lumpur"));
        assert_eq!(fold("  Kuala -- _Lumpur  "), "kuala lumpur");
        assert_eq!(fold("week_start"), "week start");
    }

    #[test]
    fn fold_arabic_script() {
        // Harakat and tatweel.
        assert_eq!(fold("اِصفَهان"), "اصفهان");
        assert_eq!(fold("اصفـــهان"), "اصفهان");
        // Hamza and madda on alef, teh marbuta, heh with yeh above.
        assert_eq!(fold("آذربایجان"), "اذربایجان");
        assert_eq!(fold("أنقرة"), "انقره");
        assert_eq!(fold("خانۀ"), "خانه");
        // Arabic presentation forms (from PDFs) and Persian digits.
        assert_eq!(fold("\u{FEB7}\u{FBFF}\u{FE8E}\u{FEE5}"), "شیان");
        assert_eq!(fold("شهر ۲"), "شهر 2");
    }

    #[test]
    fn fold_bidi_controls_and_heh() {
        // Marks, embeddings, overrides and isolates, as copied from a Persian document.
        for control in [
            '\u{200E}', '\u{200F}', '\u{202B}', '\u{202E}', '\u{2067}', '\u{2069}',
        ] {
            assert_eq!(fold(&format!("{control}بارسلون{control}")), "بارسلون");
        }
        assert_eq!(fold("\u{2066}Barcelona\u{2069}"), "barcelona");
        // Heh doachashmee (U+06BE) is the heh (U+0647) of Urdu and Kurdish keyboards.
        assert_eq!(fold("لاھور"), fold("لاهور"));
    }

    #[test]
    fn lookup_key_joins_zwnj_space_and_nothing() {
        let key = lookup_key("سن\u{200C}پترزبورگ");
        assert_eq!(lookup_key("سن پترزبورگ"), key);
        assert_eq!(lookup_key("سنپترزبورگ"), key);
        assert_eq!(lookup_key("Kuala-Lumpur"), lookup_key("kualalumpur"));
    }

    #[test]
    fn isolates_wrap_latin_only() {
        assert_eq!(isolate("a-q3xh"), "\u{2068}a-q3xh\u{2069}");
        assert_eq!(isolate("cities/x.yaml"), "\u{2068}cities/x.yaml\u{2069}");
        assert_eq!(isolate("Казань"), "\u{2068}Казань\u{2069}");
        assert!(matches!(isolate("بارسلون ۱۴۰۵"), Cow::Borrowed(_)));
        assert!(matches!(isolate("—"), Cow::Borrowed(_)));
        assert_eq!(strip_isolates(&isolate("a-q3xh")), "a-q3xh");
        // Line by line: no isolate spans a line break, and a Persian line is left bare.
        assert_eq!(
            isolate("File reviewed.\nNext: the proposal.\n"),
            "\u{2068}File reviewed.\u{2069}\n\u{2068}Next: the proposal.\u{2069}\n"
        );
        assert_eq!(
            isolate("Call\r\nبا سفارت\n\nok"),
            "\u{2068}Call\u{2069}\r\nبا سفارت\n\n\u{2068}ok\u{2069}"
        );
        assert_eq!(
            isolate("a\u{2029}b"),
            "\u{2068}a\u{2069}\u{2029}\u{2068}b\u{2069}"
        );
        assert!(matches!(strip_isolates("a"), Cow::Borrowed("a")));
    }

    #[test]
    fn visible_escapes_what_would_act() {
        assert_eq!(visible("Barcelona"), "Barcelona");
        assert!(matches!(visible("سن\u{200C}پترزبورگ"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\e[2Jb");
        assert_eq!(visible("\u{1b}]0;title\u{7}"), "\\e]0;title\\x07");
        assert_eq!(visible("x\ry"), "x\\ry");
        assert_eq!(visible("a\u{9b}31m"), "a\\u{9b}31m");
        assert_eq!(visible("a\u{7f}"), "a\\x7f");
        assert_eq!(visible("line\nnext\ttab"), "line\nnext\ttab");
        // Balanced isolates and embeddings are text; what is left open or closes nothing is not.
        assert_eq!(visible("\u{2068}a-q3xh\u{2069}"), "\u{2068}a-q3xh\u{2069}");
        assert_eq!(visible("\u{202B}x\u{202C}"), "\u{202B}x\u{202C}");
        assert_eq!(visible("evil\u{202E}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(visible("a\u{2069}b"), "a\\u{2069}b");
        assert_eq!(
            visible("\u{2067}a\u{202E}b\u{2069}"),
            "\u{2067}a\\u{202e}b\u{2069}"
        );
        assert_eq!(visible("\u{2067}a\nb\u{2069}"), "\\u{2067}a\nb\\u{2069}");
        assert_eq!(visible("a\u{2028}b"), "a\\u{2028}b");
    }

    proptest::proptest! {
        /// The tool's own isolates are balanced on every line, so never shown as escapes.
        #[test]
        fn isolated_text_is_shown_as_it_is(s in "[a-z \nب۱]*") {
            let isolated = isolate(&s);
            proptest::prop_assert_eq!(visible(&isolated), isolated.clone());
            proptest::prop_assert_eq!(strip_isolates(&isolated), s.as_str());
        }

        #[test]
        fn visible_leaves_nothing_that_acts(s in "[a-z\u{0}-\u{1f}\u{7f}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200c}ب]*") {
            let shown = visible(&s);
            proptest::prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            proptest::prop_assert!(unbalanced_bidi(&shown).is_empty());
        }
    }

    #[test]
    fn fold_latin_and_edges() {
        assert_eq!(fold("Kraków"), "krakow");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("İSTANBUL"), "istanbul");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("St. Petersburg"), "st petersburg");
        assert_eq!(fold(""), "");
        assert_eq!(fold(" - _ '"), "");
        assert_eq!(fold("\u{200C}\u{0640}"), "");
    }

    #[test]
    fn digits() {
        assert_eq!(to_persian_digits("1405/09/05"), "۱۴۰۵/۰۹/۰۵");
        assert_eq!(to_persian_digits("a1b"), "a۱b");
        assert_eq!(normalize_digits("۱۴۰۵/۰۹/۰۵"), "1405/09/05");
        assert_eq!(normalize_digits("١٢٣٫٥٬٠"), "123.5,0");
        assert_eq!(normalize_digits("abc"), "abc");
    }

    const CITIES: [&str; 12] = [
        "barcelona",
        "florence",
        "freiburg",
        "xi'an",
        "kuala-lumpur",
        "iasi",
        "yerevan",
        "havana",
        "lahore",
        "krakow",
        "saint-petersburg",
        "baku",
    ];

    #[test]
    fn suggest_cities() {
        assert_eq!(suggest("barcelna", CITIES, 3), ["barcelona"]);
        assert_eq!(suggest("Freiberg", CITIES, 3), ["freiburg"]);
        assert_eq!(suggest("yerevn", CITIES, 3), ["yerevan"]);
        assert_eq!(suggest("kuala lumpor", CITIES, 3), ["kuala-lumpur"]);
        assert!(suggest("xyz", CITIES, 3).is_empty());
        assert!(suggest("tokyo", CITIES, 3).is_empty());
        assert!(suggest("", CITIES, 3).is_empty());
        assert!(suggest("barcelna", CITIES, 0).is_empty());
        assert_eq!(
            suggest("كوالالامپور", ["کوالالامپور", "شیان"], 5),
            ["کوالالامپور"]
        );
    }

    #[test]
    fn suggest_keys_best_first() {
        let keys = ["language", "calendar", "week_start", "week_end", "status"];
        assert_eq!(suggest("week-strat", keys, 1), ["week_start"]);
        assert_eq!(suggest("week-strat", keys, 5)[0], "week_start");
        assert_eq!(suggest("langauge", keys, 5), ["language"]);
        assert_eq!(
            suggest("calender", keys.iter().copied().chain(["calendar"]), 5),
            ["calendar"]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_fold_is_idempotent(s in "\\PC*", t in "\\PC*") {
            let folded = fold(&s);
            proptest::prop_assert_eq!(fold(&folded), folded.clone());
            proptest::prop_assert_eq!(normalize_digits(&to_persian_digits(&s)), normalize_digits(&s));
            let _ = (suggest(&s, [t.as_str()], 3), display_width(&s));
        }
    }

    #[test]
    fn width() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("سه‌شنبه"), display_width("سهشنبه"));
        assert_eq!(display_width("\u{200C}"), 0);
        // Isolates take no column, so a table with isolated text stays aligned.
        assert_eq!(display_width("\u{2068}a-q3xh\u{2069}"), 6);
        assert_eq!(display_width("۱۴۰۵"), 4);
        assert_eq!(display_width("西安"), 4);
        assert_eq!(display_width(""), 0);
    }
}
