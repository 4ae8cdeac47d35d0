//! The query: words, all of which must be found, and phrases in quotes, found as written.

use crate::error::{Error, Result};
use crate::i18n::Lang;

use super::fold;

/// One thing to find: a word, or a phrase that was quoted.
#[derive(Debug)]
pub struct Term {
    /// As typed, for messages.
    pub text: String,
    /// Folded ([`fold`]): what is looked for in folded text.
    pub key: String,
    finder: memchr::memmem::Finder<'static>,
}

impl Term {
    fn new(text: &str) -> Option<Self> {
        let mut key = String::new();
        fold::key_into(text, &mut key);
        (!key.is_empty()).then(|| Term {
            text: text.to_owned(),
            finder: memchr::memmem::Finder::new(key.as_bytes()).into_owned(),
            key,
        })
    }

    /// Whether folded text holds this term.
    pub fn in_key(&self, key: &str) -> bool {
        self.finder.find(key.as_bytes()).is_some()
    }

    /// Where this term first stands in folded bytes.
    pub fn find(&self, folded: &[u8]) -> Option<usize> {
        self.finder.find(folded)
    }
}

/// Quotes that open a phrase, each with the quote that closes it: straight, curly, and the
/// guillemets Persian is typed with.
const QUOTES: [(char, char); 3] = [('"', '"'), ('“', '”'), ('«', '»')];

/// The terms of the query: the arguments are read as one text, in which `"a phrase"` (or
/// `“…”`, `«…»`) is one term and every other word is one. The same term twice counts once.
pub fn parse(args: &[String]) -> Result<Vec<Term>> {
    let query = args.join(" ");
    let mut pieces: Vec<&str> = Vec::new();
    let mut rest = query.as_str();
    while let Some(start) = rest.find(|c: char| QUOTES.iter().any(|(open, _)| *open == c)) {
        pieces.extend(rest[..start].split_whitespace());
        let open = rest[start..].chars().next().unwrap_or('"');
        let close = QUOTES
            .iter()
            .find(|(o, _)| *o == open)
            .map_or('"', |(_, c)| *c);
        let inside = &rest[start + open.len_utf8()..];
        let Some(end) = inside.find(close) else {
            return Err(unclosed(&rest[start..]));
        };
        pieces.push(&inside[..end]);
        rest = &inside[end + close.len_utf8()..];
    }
    pieces.extend(rest.split_whitespace());
    let mut terms: Vec<Term> = Vec::new();
    for piece in pieces {
        if let Some(term) = Term::new(piece)
            && !terms.iter().any(|t| t.key == term.key)
        {
            terms.push(term);
        }
    }
    if terms.is_empty() {
        return Err(Error::usage(|lang: Lang| {
            let query = lang.code(&query);
            say!(
                lang,
                "nothing to search for in {query}: give a word or a \"phrase\" (punctuation, spaces and ZWNJ alone are ignored)",
                "در {query} چیزی برای جستجو نیست: یک واژه یا «عبارت» بدهید (نشانه‌گذاری، فاصله و نیم‌فاصله به‌تنهایی نادیده گرفته می‌شوند)"
            )
        }));
    }
    Ok(terms)
}

fn unclosed(from: &str) -> Error {
    Error::usage(|lang: Lang| {
        let from = lang.code(from);
        say!(
            lang,
            "the quote at {from} is not closed: a phrase is written between two quotes",
            "نقل‌قول در {from} بسته نشده است: عبارت میان دو علامت نقل‌قول نوشته می‌شود"
        )
    })
    .hint(|lang: Lang| {
        let example = lang.code("diplomat search '\"halal certificate\"' kazan");
        say!(
            lang,
            "quote the phrase for the shell too: {example}",
            "عبارت را برای پوسته هم در نقل‌قول بگذارید: {example}"
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn keys(args: &[&str]) -> Vec<String> {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        parse(&args).unwrap().into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn words_and_phrases() {
        assert_eq!(keys(&["halal", "Certificate"]), ["halal", "certificate"]);
        assert_eq!(keys(&["halal certificate"]), ["halal", "certificate"]);
        assert_eq!(
            keys(&["\"halal certificate\" kazan"]),
            ["halalcertificate", "kazan"]
        );
        assert_eq!(keys(&["«مجوز حلال»"]), ["مجوزحلال"]);
        assert_eq!(keys(&["“a b”", "c"]), ["ab", "c"]);
        assert_eq!(keys(&["Halal", "HALAL", "-"]), ["halal"]);
    }

    #[test]
    fn bad_queries() {
        let bad = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
            parse(&args).err().map(|e| e.show(Lang::En))
        };
        assert!(bad(&["\"halal"]).unwrap().contains("not closed"));
        assert!(
            bad(&["-", "\u{200C}"])
                .unwrap()
                .contains("nothing to search for")
        );
        assert!(bad(&["\"\""]).is_some());
    }
}
