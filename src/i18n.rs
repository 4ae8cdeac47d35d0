//! The two languages of the programme's office. A run decides its language once, in
//! [`crate::cli::Ctx`] (`--lang`, else the workspace's `language:`, else the locale), and passes
//! it as a value to everything that words a message.
//!
//! Persian text follows three rules, kept here so every message keeps them the same way:
//! digits are localised only in numbers and dates the program formats ([`Lang::num`]), never in
//! ids, slugs or dossier text; Latin text inside a Persian line (an id, a path, an English name)
//! is wrapped in first-strong isolates ([`Lang::embed`], [`Lang::code`]) so a bidi terminal keeps
//! it whole and in place; and Persian punctuation (، ؛ ؟ ٪) is used ([`Lang::join`]).

use std::borrow::Cow;
use std::fmt::Display;

use serde::{Deserialize, Serialize};

use crate::text::{isolate, to_persian_digits};

/// Output language: labels, names and digits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fa,
}

impl Lang {
    /// Picks the English or the Persian text.
    pub fn pick<'a>(self, en: &'a str, fa: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fa => fa,
        }
    }

    /// A number the program formats (a count, a limit, a line of a message): Persian digits
    /// in Persian.
    pub fn num(self, n: impl Display) -> String {
        localize_digits(&n.to_string(), self).into_owned()
    }

    /// Text that is not Persian (an id, a slug, a path, an English name, dossier text) set into
    /// a line of this language: in Persian it is isolated when it holds Latin letters or
    /// digits; its digits are never rewritten.
    pub fn embed(self, text: &str) -> Cow<'_, str> {
        match self {
            Lang::En => Cow::Borrowed(text),
            Lang::Fa => isolate(text),
        }
    }

    /// A key, value or command as the analyst types it: `` `x` ``, isolated whole in Persian.
    pub fn code(self, text: impl Display) -> String {
        let quoted = format!("`{text}`");
        match self {
            Lang::En => quoted,
            Lang::Fa => isolate(&quoted).into_owned(),
        }
    }

    /// The list separator: `, ` or the Persian comma `، `.
    pub fn comma(self) -> &'static str {
        self.pick(", ", "، ")
    }

    /// The clause separator: `; ` or the Persian semicolon `؛ `.
    pub fn semicolon(self) -> &'static str {
        self.pick("; ", "؛ ")
    }

    /// Items joined with [`Lang::comma`].
    pub fn join<S: AsRef<str>>(self, items: impl IntoIterator<Item = S>) -> String {
        let mut out = String::new();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push_str(self.comma());
            }
            out.push_str(item.as_ref());
        }
        out
    }

    /// Items joined with the comma of their own script: Latin codes, slugs and names
    /// (`ru, fa`) with a Latin comma even in Persian, where a Persian comma between Latin
    /// words (`ru، fa`) reads as a typo; anything holding Persian with [`Lang::comma`].
    pub fn list<S: AsRef<str>>(self, items: &[S]) -> String {
        let persian = items
            .iter()
            .any(|i| i.as_ref().chars().any(crate::text::is_arabic_script));
        let comma = if persian { self.comma() } else { ", " };
        let mut out = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(comma);
            }
            out.push_str(item.as_ref());
        }
        out
    }

    /// Slugs or values shown as code and joined: `` `a`, `b` `` / `` `a`، `b` ``.
    pub fn code_list<S: Display>(self, items: impl IntoIterator<Item = S>) -> String {
        self.join(items.into_iter().map(|i| self.code(i)))
    }

    /// "help" before a hint under a message.
    pub fn help(self) -> &'static str {
        self.pick("help", "راهنما")
    }
}

/// Formats one message in the language asked for, both texts side by side so that a message
/// has one place: `say!(lang, "{n} problems", "{n} مشکل")`. Arguments are formatted once per
/// language by the caller (`lang.num(n)`, `lang.code(id)`), so digits and isolates are right.
#[macro_export]
macro_rules! say {
    ($lang:expr, $en:literal, $fa:literal $(,)?) => {
        match $lang {
            $crate::i18n::Lang::En => format!($en),
            $crate::i18n::Lang::Fa => format!($fa),
        }
    };
    ($lang:expr, $en:literal, $fa:literal, $($args:tt)+) => {
        match $lang {
            $crate::i18n::Lang::En => format!($en, $($args)+),
            $crate::i18n::Lang::Fa => format!($fa, $($args)+),
        }
    };
}

/// Builds a message in both languages, for a value that is said later in a language not yet
/// known where it is made (an error raised before the workspace's `language:` is read).
/// Digits as the reader expects them: Persian for [`Lang::Fa`], untouched (and not copied) for English.
pub fn localize_digits(s: &str, lang: Lang) -> Cow<'_, str> {
    match lang {
        Lang::Fa if s.bytes().any(|b| b.is_ascii_digit()) => Cow::Owned(to_persian_digits(s)),
        _ => Cow::Borrowed(s),
    }
}

pub fn both(say: impl Fn(Lang) -> String) -> [String; 2] {
    [say(Lang::En), say(Lang::Fa)]
}

/// Persian when the locale says so (`LANG=fa_IR.UTF-8`); read once. Messages fall back to it
/// when neither `--lang` nor the workspace's `language:` chose.
pub fn locale() -> Lang {
    static LOCALE: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();
    *LOCALE.get_or_init(|| {
        let persian = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .is_some_and(|locale| locale.starts_with("fa"));
        if persian { Lang::Fa } else { Lang::En }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_localised_text_is_not() {
        assert_eq!(Lang::Fa.num(1405), "۱۴۰۵");
        assert_eq!(localize_digits("12 cities", Lang::Fa), "۱۲ cities");
        assert!(matches!(
            localize_digits("12", Lang::En),
            Cow::Borrowed("12")
        ));
        assert!(matches!(
            localize_digits("بدون عدد", Lang::Fa),
            Cow::Borrowed(_)
        ));
        assert_eq!(Lang::En.num(1405), "1405");
        assert_eq!(Lang::Fa.embed("a-q3xh"), "\u{2068}a-q3xh\u{2069}");
        assert_eq!(Lang::En.embed("a-q3xh"), "a-q3xh");
        assert_eq!(Lang::Fa.embed("بارسلون"), "بارسلون");
        assert_eq!(Lang::Fa.code("a-q3xh"), "\u{2068}`a-q3xh`\u{2069}");
        assert_eq!(Lang::En.code("a-q3xh"), "`a-q3xh`");
    }

    #[test]
    fn punctuation() {
        assert_eq!(Lang::Fa.join(["الف", "ب"]), "الف، ب");
        assert_eq!(Lang::En.join(["a", "b"]), "a, b");
        assert_eq!(Lang::Fa.list(&["ru", "fa"]), "ru, fa");
        assert_eq!(Lang::Fa.list(&["ru", "فارسی"]), "ru، فارسی");
        assert_eq!(Lang::En.list(&["ru", "فارسی"]), "ru, فارسی");
        assert_eq!(Lang::En.join(Vec::<String>::new()), "");
        assert_eq!(Lang::En.code_list(["a", "b"]), "`a`, `b`");
        let n = Lang::Fa.num(2);
        assert_eq!(say!(Lang::Fa, "{n} left", "{n} مانده"), "۲ مانده");
        assert_eq!(say!(Lang::En, "{} left", "{} مانده", 2), "2 left");
    }
}
