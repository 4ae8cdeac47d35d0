//! Located problems in an analyst's file: `cities/x.yaml:12:5: message`, with the line shown.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::text::visible;

mod details;
mod secrets;
pub use details::{DetailMap, mask_details};
pub(crate) use details::{is_private_key, looks_like_key};
pub use secrets::{MaskSecrets, mask_secret_keys};

/// A position in a file, 1-based, in characters (what an editor's status bar shows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

impl Loc {
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }
}

/// One problem in one file. Several are collected per file so the analyst fixes them in one go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub loc: Option<Loc>,
    pub message: String,
    pub help: Option<String>,
    /// The offending line's text (a window of it, for a very long line), shown under the message.
    pub source_line: Option<String>,
    /// Where in `source_line` the caret goes, in characters.
    source_column: usize,
    /// How many characters the caret underlines.
    pub width: usize,
}

impl Problem {
    pub fn new(file: &Path, loc: Option<Loc>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            loc,
            message: message.into(),
            help: None,
            source_line: None,
            source_column: 0,
            width: 1,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches the text of the problem's line from `source`, so the message shows it.
    /// Contact details on the line are masked by where they sit ([`details`]), and the
    /// message and help (so attach the help first) lose any quote of them: a parser's words
    /// ("duplicate mapping key: 98 913 …") reach JSON and reports too, not only a terminal.
    pub fn with_source(self, source: &str) -> Self {
        let Some(loc) = self.loc else { return self };
        match details::line_spans(source, loc.line.saturating_sub(1) as usize) {
            Some((line, spans)) => self.with_line(line, &spans),
            None => self,
        }
    }

    /// [`Problem::with_source`] with the spans of a [`DetailMap`] of `source`, made once for
    /// the many problems of one file.
    pub fn with_source_in(self, source: &str, map: &DetailMap) -> Self {
        let Some(loc) = self.loc else { return self };
        let index = loc.line.saturating_sub(1) as usize;
        match source.lines().nth(index) {
            Some(line) => self.with_line(line, map.line(index)),
            None => self,
        }
    }

    /// A line of megabytes is shown as the 200 characters around the problem.
    fn with_line(mut self, line: &str, spans: &[std::ops::Range<usize>]) -> Self {
        const SHOWN: usize = 200;
        const BEFORE: usize = 60;
        let Some(loc) = self.loc else { return self };
        for secret in details::span_texts(line, spans) {
            // Shorter, it could be any word of the message (`fax: 1`).
            if secret.chars().count() >= 4 {
                let hidden = details::mask_all(&secret);
                self.message = self.message.replace(&secret, &hidden);
                self.help = self.help.map(|h| h.replace(&secret, &hidden));
            }
        }
        let masked = details::mask_line(line, spans);
        let line = masked.trim_end_matches('\r');
        let column = loc.column.saturating_sub(1) as usize;
        let skip = if column > SHOWN - BEFORE {
            column - BEFORE
        } else {
            0
        };
        let mut shown: String = if skip > 0 {
            "…".into()
        } else {
            String::new()
        };
        shown.extend(line.chars().skip(skip).take(SHOWN));
        if line.chars().nth(skip + SHOWN).is_some() {
            shown.push('…');
        }
        self.source_column = column - skip + usize::from(skip > 0);
        self.source_line = Some(shown);
        self
    }

    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// `cities/x.yaml:12:5`, or the bare file when the position is unknown.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match self.loc {
            Some(Loc { line, column }) => format!("{file}:{line}:{column}"),
            None => file.to_string(),
        }
    }
}

impl Problem {
    /// The problem as the analyst reads it, in `lang`: in Persian the location (a path) is
    /// isolated, so it stays in one piece at the start of the right-to-left line, and the hint
    /// is a راهنما. Control characters from the file are shown escaped ([`visible`]) and e-mail
    /// addresses and phone numbers masked ([`mask_contacts`]): diagnostics reach terminals,
    /// logs and CI output, and facilitators are private citizens.
    pub fn show(&self, lang: Lang) -> Shown<'_> {
        Shown {
            problem: self,
            lang,
        }
    }
}

/// [`Problem::show`]'s result.
pub struct Shown<'a> {
    problem: &'a Problem,
    lang: Lang,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (p, lang) = (self.problem, self.lang);
        let message = safe(&p.message);
        write!(f, "{}: {message}", lang.embed(&safe(&p.location())))?;
        if let (Some(line), Some(loc)) = (&p.source_line, p.loc) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            // Escaping and masking keep what comes before the caret in step with the line shown.
            let before: String = line.chars().take(p.source_column).collect();
            let shown = safe(line);
            let caret_at = safe(&before)
                .chars()
                .map(|c| {
                    if c == '\t' {
                        1
                    } else {
                        crate::text::display_width(c.encode_utf8(&mut [0; 4]))
                    }
                })
                .sum::<usize>();
            write!(
                f,
                "\n{pad} |\n{number} | {shown}\n{pad} | {}{}",
                " ".repeat(caret_at),
                "^".repeat(p.width.min(80))
            )?;
        }
        if let Some(help) = &p.help {
            write!(f, "\n  = {}: {}", lang.help(), safe(help))?;
        }
        Ok(())
    }
}

/// Text from an analyst's file made fit for a diagnostic: escaped, with contacts and age
/// secret keys masked ([`mask_secret_keys`]). A second line of defence: a dossier's own lines
/// are masked by place ([`details`]) first.
pub fn safe(text: &str) -> String {
    let visible = visible(text);
    let keys = mask_secret_keys(&visible);
    mask_contacts(&keys).into_owned()
}

/// E-mail addresses and phone numbers in `text` with their characters replaced by `•` (the `@`
/// and separators kept, so the shape of the mistake stays visible and a caret below the line
/// still points at the right column). A phone is a run of digits, spaces, `-`, `.`, `/` and
/// parentheses that begins with `+`, `0` or `(` and holds at least 7 digits (ASCII or
/// Persian): dates (`2026-11-26`) and counts never begin that way.
pub fn mask_contacts(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let mut hide = vec![false; chars.len()];
    mark_emails(&chars, &mut hide);
    mark_phones(&chars, &mut hide);
    if !hide.contains(&true) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        chars
            .iter()
            .zip(&hide)
            .map(|(&c, &h)| if h { '•' } else { c })
            .collect(),
    )
}

fn mark_emails(chars: &[char], hide: &mut [bool]) {
    let in_address = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let mut start = at;
        while start > 0 && in_address(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && (chars[end].is_alphanumeric() || ".-".contains(chars[end])) {
            end += 1;
        }
        let domain = &chars[at + 1..end];
        if start < at && domain.contains(&'.') {
            for i in (start..end).filter(|&i| i != at) {
                hide[i] = true;
            }
        }
    }
}

fn mark_phones(chars: &[char], hide: &mut [bool]) {
    let is_digit = |c: char| c.is_ascii_digit() || ('\u{06F0}'..='\u{06F9}').contains(&c);
    let mut i = 0;
    while i < chars.len() {
        // A bracket opens a phone only before its trunk prefix, `(031) …`, not a date, `(2025-03-21)`.
        let leads = |c: Option<&char>| matches!(c, Some('+' | '0' | '۰'));
        let starts = (leads(chars.get(i)) || chars[i] == '(' && leads(chars.get(i + 1)))
            && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && (is_digit(chars[end]) || " -./()".contains(chars[end])) {
            end += 1;
        }
        // Trailing separators belong to the sentence, not the number.
        while end > i + 1 && " -./(".contains(chars[end - 1]) {
            end -= 1;
        }
        let digits = chars[i..end].iter().filter(|c| is_digit(**c)).count();
        if digits >= 7 {
            for (j, flag) in hide.iter_mut().enumerate().take(end).skip(i) {
                *flag |= is_digit(chars[j]);
            }
            i = end;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_very_long_line_is_shown_around_the_problem() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let problem = Problem::new(Path::new("cities/x.yaml"), Some(Loc::new(1, 5001)), "here")
            .with_source(&line);
        let text = problem.show(Lang::En).to_string();
        assert!(text.len() < 1000, "{text}");
        let shown = text.lines().nth(2).unwrap_or_default();
        let caret = text.lines().nth(3).unwrap_or_default();
        // The caret stands under the X, whatever was cut before it.
        let x_at = shown.chars().position(|c| c == 'X');
        let caret_at = caret.chars().position(|c| c == '^');
        assert_eq!(x_at, caret_at, "{text}");
    }

    #[test]
    fn details_are_masked_by_place_in_the_line_and_the_message() {
        let source = "contact:\n  phone: 9137654321\n  98 913 123 4567: x\n";
        let problem = Problem::new(
            Path::new("cities/x.yaml"),
            Some(Loc::new(3, 3)),
            "invalid YAML: duplicate mapping key: 98 913 123 4567",
        )
        .with_help("remove `98 913 123 4567`")
        .with_source(source);
        let text = problem.show(Lang::En).to_string();
        assert!(!text.contains("4567"), "{text}");
        assert!(text.contains("3 |   •• ••• ••• ••••: •"), "{text}");
        assert!(text.contains("key: •• ••• ••• ••••\n"), "{text}");
        let map = DetailMap::of(source);
        let problem = Problem::new(Path::new("cities/x.yaml"), Some(Loc::new(2, 10)), "text")
            .with_source_in(source, &map);
        assert_eq!(problem.source_line.as_deref(), Some("  phone: ••••••••••"));
    }

    #[test]
    fn contacts_are_masked_and_controls_escaped() {
        // Outside a contact's place, an address is masked by its look.
        let source = "    note: write to new.secret@example.org\n    phone: +98 31 3222 1234\n";
        let problem = Problem::new(
            Path::new("cities/x.yaml"),
            Some(Loc::new(1, 5)),
            "unknown key",
        )
        .with_source(source);
        let text = problem.show(Lang::En).to_string();
        assert!(
            !text.contains("secret") && !text.contains("example"),
            "{text}"
        );
        assert!(
            text.contains("note: write to ••••••••••@•••••••••••"),
            "{text}"
        );
        assert_eq!(
            mask_contacts("call +98 31 3222 1234."),
            "call +•• •• •••• ••••."
        );
        assert_eq!(mask_contacts("۰۹۱۲۱۲۳۴۵۶۷"), "•••••••••••");
        assert_eq!(mask_contacts("(031) 3222 1234"), "(•••) •••• ••••");
        // Dates, counts, ids and addresses without a domain stay.
        for kept in [
            "2026-11-26",
            "line 1234567",
            "a-q3xh",
            "@handle",
            "x@localhost",
            "(2025-03-21)",
        ] {
            assert_eq!(mask_contacts(kept), kept);
        }
        let hostile = Problem::new(Path::new("x.yaml"), Some(Loc::new(1, 8)), "bad \u{1b}[2J")
            .with_source("title: \u{1b}]0;pwned\u{7}x");
        let text = hostile.show(Lang::En).to_string();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
        // The caret still stands under the character the problem is at (the escaped ESC).
        let caret = text.lines().last().unwrap_or_default().find('^');
        let at = text.lines().nth(2).unwrap_or_default().find("\\e");
        assert_eq!(caret, at, "{text}");
    }
}
