//! Languages and countries by their codes: a city's likely language when its dossier names
//! none (CLDR's likely subtags, through icu4x's `LocaleExpander`), and the English and Persian
//! names of languages and countries ([`super::cldr`], generated from CLDR).

use std::borrow::Cow;

use icu_locale::LanguageIdentifier;
use icu_locale::LocaleExpander;

use super::cldr::{COUNTRIES, LANGUAGES};
use crate::i18n::Lang;

/// The language most likely spoken in `country` (an ISO 3166-1 code), as CLDR's likely
/// subtags have it (`ES` → `es`, `CN` → `zh`, `SN` → `wo`: Wolof, not French); `None` for a code CLDR has no
/// language for.
pub fn likely_language(country: &str) -> Option<String> {
    let mut id: LanguageIdentifier = format!("und-{country}").parse().ok()?;
    let region = id.region;
    LocaleExpander::new_common().maximize(&mut id);
    // A region CLDR does not know is given the language of `und` (English) and loses nothing
    // else: that is no likely language of that country.
    let known = id.region == region && id.script.is_some() && !id.language.is_unknown();
    known.then(|| id.language.as_str().to_owned())
}

/// A language code as it is compared: its primary subtag in lowercase (`ZH`, `zh-Hans` → `zh`).
pub fn primary(code: &str) -> Cow<'_, str> {
    let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
    if primary.bytes().any(|b| b.is_ascii_uppercase()) || primary.len() != code.len() {
        Cow::Owned(primary.to_ascii_lowercase())
    } else {
        Cow::Borrowed(primary)
    }
}

/// Whether `code` reads as a language code (BCP 47: `es`, `zh-Hant`, `fil`), not a name.
pub fn is_language_code(code: &str) -> bool {
    LanguageIdentifier::try_from_str(code).is_ok_and(|id| !id.language.is_unknown())
}

/// The name of the language `code` in `lang` (`zh` → Chinese, چینی); `None` when CLDR has
/// no name for it.
pub fn language_name(code: &str, lang: Lang) -> Option<&'static str> {
    let code = primary(code);
    let i = LANGUAGES
        .binary_search_by(|(c, _, _)| (*c).cmp(code.as_ref()))
        .ok()?;
    let (_, en, fa) = LANGUAGES[i];
    Some(match lang {
        Lang::En => en,
        Lang::Fa => fa,
    })
}

/// The language as a sentence names it: `Chinese (zh)`, or the code alone when it has no name.
pub fn language_label(code: &str, lang: Lang) -> String {
    match language_name(code, lang) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_owned(),
    }
}

/// Every name of the country `code` CLDR gives, in English and Persian (short and variant
/// names too: `UK`, `Turkey`); none for a code it does not know.
pub fn country_names(code: &str) -> impl Iterator<Item = &'static str> {
    let found = COUNTRIES
        .binary_search_by(|(c, ..)| (*c).cmp(code))
        .ok()
        .map(|i| COUNTRIES[i]);
    found
        .into_iter()
        .flat_map(|(_, en, fa, other)| [en, fa].into_iter().chain(other.iter().copied()))
}

/// The name of the country `code` in `lang`; `None` for a code CLDR does not know.
pub fn country_name(code: &str, lang: Lang) -> Option<&'static str> {
    let i = COUNTRIES.binary_search_by(|(c, ..)| (*c).cmp(code)).ok()?;
    let (_, en, fa, _) = COUNTRIES[i];
    Some(match lang {
        Lang::En => en,
        Lang::Fa => fa,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_likely_language_of_each_sister_citys_country() {
        let likely = |c: &str| likely_language(c).unwrap_or_default();
        for (country, language) in [
            ("ES", "es"),
            ("CN", "zh"),
            ("RU", "ru"),
            ("IT", "it"),
            ("DE", "de"),
            ("LB", "ar"),
            ("SN", "wo"),
            ("CU", "es"),
            ("IN", "hi"),
            ("RO", "ro"),
            ("TR", "tr"),
            ("IQ", "ar"),
            ("MY", "ms"),
            ("KW", "ar"),
            ("PK", "ur"),
            ("PT", "pt"),
            ("UZ", "uz"),
            ("AM", "hy"),
            ("IR", "fa"),
        ] {
            assert_eq!(likely(country), language, "{country}");
        }
        assert_eq!(likely_language("ZZ"), None);
        assert_eq!(likely_language("not a code"), None);
    }

    #[test]
    fn names_of_languages_and_countries_in_both_languages() {
        assert_eq!(language_name("zh", Lang::En), Some("Chinese"));
        assert_eq!(language_name("ZH-Hans", Lang::Fa), Some("چینی"));
        assert_eq!(language_name("xx", Lang::En), None);
        assert_eq!(language_label("ca", Lang::En), "Catalan (ca)");
        assert_eq!(language_label("qq", Lang::En), "qq");
        assert_eq!(country_name("CN", Lang::Fa), Some("چین"));
        let turkey: Vec<&str> = country_names("TR").collect();
        assert!(
            turkey.contains(&"Turkey") && turkey.contains(&"ترکیه"),
            "{turkey:?}"
        );
        assert_eq!(country_names("ZZ").count(), 0);
        for code in super::super::country::CODES {
            assert!(country_name(code, Lang::En).is_some(), "{code}");
        }
        assert!(LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn codes_not_names() {
        for code in ["es", "zh-Hant", "fil", "ca"] {
            assert!(is_language_code(code), "{code}");
        }
        for name in ["Spanish", "", "es es", "und"] {
            assert!(!is_language_code(name), "{name}");
        }
        assert_eq!(primary("zh-Hans"), "zh");
        assert_eq!(primary("ES"), "es");
    }
}
