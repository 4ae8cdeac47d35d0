//! `pool list`: the candidates of the pool, filtered, one row each.

use jiff::civil::Date;
use serde::Serialize;

use super::facilitators::ContactFields;
use crate::model::{Candidate, Pool};
use crate::text::fold;

/// One row of `pool list`; its JSON shape is fixed by the spec (`notes` added). `email` and
/// `phone` are present only when contact details were asked for (privacy: never otherwise).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CandidateRow {
    pub id: String,
    pub name: String,
    pub name_fa: Option<String>,
    pub languages: Vec<String>,
    pub expertise: Vec<String>,
    pub connection: Option<String>,
    pub signed_up: Option<Date>,
    pub source: Option<String>,
    /// Slugs of the cities they named.
    pub interests: Vec<String>,
    pub notes: Option<String>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactFields>,
}

/// Which candidates to list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// One of their `languages` (folded: `ZH` is `zh`).
    pub language: Option<String>,
    /// One of their `expertise` entries (folded).
    pub expertise: Option<String>,
    /// A folded part of a name (English or Persian), the connection, an expertise, the source
    /// or the notes; never of contact details.
    pub search: Option<String>,
}

/// The candidates matching `filter`, sorted by name then id, as `facilitator list` sorts its
/// people. Contact details are filled only when `contacts` is true.
pub fn list(pool: &Pool, filter: &Filter, contacts: bool) -> Vec<CandidateRow> {
    let language = filter.language.as_deref().map(fold);
    let expertise = filter.expertise.as_deref().map(fold);
    let search = filter.search.as_deref().map(fold);
    let mut rows: Vec<(String, CandidateRow)> = pool
        .candidates
        .iter()
        .filter(|c| has(language.as_deref(), &c.languages))
        .filter(|c| has(expertise.as_deref(), &c.expertise))
        .filter(|c| search.as_deref().is_none_or(|s| mentions(c, s)))
        .map(|c| (fold(&c.name), row(c, contacts)))
        .collect();
    rows.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.id.cmp(&y.id)));
    rows.into_iter().map(|(_, row)| row).collect()
}

fn has(wanted: Option<&str>, list: &[String]) -> bool {
    wanted.is_none_or(|w| list.iter().any(|x| fold(x) == w))
}

fn mentions(c: &Candidate, needle: &str) -> bool {
    std::iter::once(c.name.as_str())
        .chain(c.name_fa.as_deref())
        .chain(c.connection.as_deref())
        .chain(c.expertise.iter().map(String::as_str))
        .chain(c.source.as_deref())
        .chain(c.notes.as_deref())
        .any(|hay| fold(hay).contains(needle))
}

fn row(c: &Candidate, contacts: bool) -> CandidateRow {
    CandidateRow {
        id: c.id.clone(),
        name: c.name.clone(),
        name_fa: c.name_fa.clone(),
        languages: c.languages.clone(),
        expertise: c.expertise.clone(),
        connection: c.connection.clone(),
        signed_up: c.signed_up,
        source: c.source.clone(),
        interests: c.interests.clone(),
        notes: c.notes.clone(),
        contact: contacts.then(|| ContactFields {
            email: c.contact.email.clone(),
            phone: c.contact.phone.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> Pool {
        let mut li = Candidate::new("li-wei", "Li Wei");
        li.languages = vec!["zh".into(), "en".into()];
        li.connection = Some("Studied in Xi’an".into());
        li.contact.email = Some("li@example.org".into());
        let mut ana = Candidate::new("ana", "Ána Pérez");
        ana.languages = vec!["ES".into()];
        ana.expertise = vec!["Tourism".into()];
        ana.notes = Some("met at the fair".into());
        Pool {
            candidates: vec![li, ana],
            extra: Default::default(),
        }
    }

    fn ids(rows: &[CandidateRow]) -> Vec<&str> {
        rows.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn rows_are_sorted_by_folded_name_and_filtered_folded() {
        let pool = pool();
        assert_eq!(
            ids(&list(&pool, &Filter::default(), false)),
            ["ana", "li-wei"]
        );
        let by = |f: Filter| ids(&list(&pool, &f, false)).join(",");
        let language = |l: &str| Filter {
            language: Some(l.into()),
            ..Filter::default()
        };
        assert_eq!(by(language("es")), "ana");
        assert_eq!(by(language("ZH")), "li-wei");
        assert_eq!(by(language("it")), "");
        let search = |s: &str| Filter {
            search: Some(s.into()),
            ..Filter::default()
        };
        assert_eq!(by(search("xi’an")), "li-wei");
        assert_eq!(by(search("FAIR")), "ana");
        assert_eq!(by(search("ana perez")), "ana");
        // Contact details are never searched.
        assert_eq!(by(search("example.org")), "");
        let expertise = Filter {
            expertise: Some("tourism".into()),
            ..Filter::default()
        };
        assert_eq!(by(expertise), "ana");
    }

    #[test]
    fn contact_details_only_when_asked() {
        let pool = pool();
        let json = |contacts| serde_json::to_value(list(&pool, &Filter::default(), contacts));
        let without = json(false).unwrap_or_default();
        assert!(without[1].get("email").is_none(), "{without}");
        let with = json(true).unwrap_or_default();
        assert_eq!(with[1]["email"], "li@example.org");
        assert!(with[1]["phone"].is_null());
    }
}
