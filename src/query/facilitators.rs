//! `facilitator list`: one row per person across all dossiers, and the cities left without an
//! active facilitator.
//!
//! The same `id` in two dossiers is the same person. Their rows are merged: the cities they serve
//! are collected, languages and expertise are joined, and everything else is taken from the first
//! dossier in slug order. Where the dossiers disagree (a different name or status), the
//! disagreement is reported as a [`Conflict`] for the command to warn about.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::Lang;
use crate::model::vocab::FacilitatorStatus;
use crate::model::{Dossier, Facilitator, Names};
use crate::text::fold;

/// One row of `facilitator list`; its JSON shape is fixed by the spec. `email` and `phone` are
/// present only when contact details were asked for (privacy: never otherwise).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FacilitatorRow {
    pub id: String,
    pub name: String,
    pub name_fa: Option<String>,
    /// Slugs of the cities this person serves, sorted.
    pub cities: Vec<String>,
    pub languages: Vec<String>,
    pub expertise: Vec<String>,
    pub status: FacilitatorStatus,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactFields>,
}

/// The private part of a row, filled only with `--contacts`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ContactFields {
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Two dossiers describe one person differently; the row shows `kept`'s version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    /// Which detail differs: `name`, `name_fa`, `status` or `contact`.
    pub field: &'static str,
    /// The slug whose version is shown (the first in slug order).
    pub kept: String,
    pub kept_value: String,
    /// The slug that says otherwise.
    pub other: String,
    /// Its value; empty for contact details, which are never repeated in a message.
    pub other_value: String,
}

impl Conflict {
    /// The warning in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let (id, kept, other) = (
            lang.code(&self.id),
            lang.code(&self.kept),
            lang.code(&self.other),
        );
        if self.field == "contact" {
            say!(
                lang,
                "facilitator {id} has different contact details in {kept} and {other}; showing those of {kept}",
                "تسهیل‌گر {id} در {kept} و {other} نشانی تماس متفاوتی دارد؛ نشانی {kept} نشان داده می‌شود"
            )
        } else {
            let (field, kept_value, other_value) = (
                lang.code(self.field),
                lang.code(&self.kept_value),
                lang.code(&self.other_value),
            );
            let bare = self.field;
            say!(
                lang,
                "facilitator {id} has {bare} {kept_value} in {kept} but {other_value} in {other}; showing {kept_value}",
                "{field} تسهیل‌گر {id} در {kept} {kept_value} است اما در {other} {other_value}؛ {kept_value} نشان داده می‌شود"
            )
        }
    }
}

/// Which facilitators to list. `city` is a slug (resolve names with [`super::cities::find`]).
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub city: Option<String>,
    pub language: Option<String>,
    pub expertise: Option<String>,
    pub status: Option<FacilitatorStatus>,
    pub search: Option<String>,
}

/// What `facilitator list` shows, plus the conflicts found among the rows shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub rows: Vec<FacilitatorRow>,
    pub conflicts: Vec<Conflict>,
}

/// A person gathered from every dossier naming their id.
struct Person {
    row: FacilitatorRow,
    /// Every dossier's `connection` text, for `--search`.
    connections: Vec<String>,
    conflicts: Vec<Conflict>,
}

/// The facilitators matching `filter`, merged by id, sorted by name then id. Contact details are
/// filled only when `contacts` is true.
pub fn list<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    filter: &Filter,
    contacts: bool,
) -> Listing {
    let mut listing = Listing::default();
    let mut people = gather(dossiers, contacts);
    people.sort_by(|a, b| {
        fold(&a.row.name)
            .cmp(&fold(&b.row.name))
            .then_with(|| a.row.id.cmp(&b.row.id))
    });
    for person in people {
        if keeps(filter, &person) {
            listing.conflicts.extend(person.conflicts);
            listing.rows.push(person.row);
        }
    }
    listing
}

fn gather<'a>(dossiers: impl IntoIterator<Item = &'a Dossier>, contacts: bool) -> Vec<Person> {
    let mut dossiers: Vec<&Dossier> = dossiers.into_iter().collect();
    dossiers.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut people: BTreeMap<&str, Person> = BTreeMap::new();
    for d in dossiers {
        for f in &d.facilitators {
            match people.get_mut(f.id.as_str()) {
                None => {
                    people.insert(&f.id, first_sighting(&d.slug, f, contacts));
                }
                Some(person) => merge(person, &d.slug, f, contacts),
            }
        }
    }
    people.into_values().collect()
}

fn first_sighting(slug: &str, f: &Facilitator, contacts: bool) -> Person {
    Person {
        row: FacilitatorRow {
            id: f.id.clone(),
            name: f.name.clone(),
            name_fa: f.name_fa.clone(),
            cities: vec![slug.to_owned()],
            languages: dedup(&f.languages),
            expertise: dedup(&f.expertise),
            status: f.status,
            contact: contacts.then(|| ContactFields {
                email: f.contact.email.clone(),
                phone: f.contact.phone.clone(),
            }),
        },
        connections: f.connection.iter().cloned().collect(),
        conflicts: Vec::new(),
    }
}

/// Adds a later dossier's view of a person already seen in an earlier one.
fn merge(person: &mut Person, slug: &str, f: &Facilitator, contacts: bool) {
    let row = &mut person.row;
    // The first city this person appeared in: the one whose details are shown.
    let kept = row.cities[0].clone();
    if !row.cities.iter().any(|c| c == slug) {
        row.cities.push(slug.to_owned());
    }
    let mut conflict = |field: &'static str, kept_value: &str, other_value: &str| {
        person.conflicts.push(Conflict {
            id: row.id.clone(),
            field,
            kept: kept.clone(),
            kept_value: kept_value.to_owned(),
            other: slug.to_owned(),
            other_value: other_value.to_owned(),
        });
    };
    if row.name.trim() != f.name.trim() {
        conflict("name", &row.name, &f.name);
    }
    match (&row.name_fa, &f.name_fa) {
        (Some(a), Some(b)) if fold(a) != fold(b) => conflict("name_fa", a, b),
        (None, Some(b)) => row.name_fa = Some(b.clone()),
        _ => {}
    }
    if row.status != f.status {
        conflict("status", row.status.slug(), f.status.slug());
    }
    if let (true, Some(fields)) = (contacts, row.contact.as_mut()) {
        let mut differs = false;
        for (mine, theirs) in [
            (&mut fields.email, &f.contact.email),
            (&mut fields.phone, &f.contact.phone),
        ] {
            match (mine.as_ref(), theirs) {
                (Some(a), Some(b)) if a.trim() != b.trim() => differs = true,
                (None, Some(b)) => *mine = Some(b.clone()),
                _ => {}
            }
        }
        if differs {
            conflict("contact", "", "");
        }
    }
    extend_folded(&mut row.languages, &f.languages);
    extend_folded(&mut row.expertise, &f.expertise);
    person.connections.extend(f.connection.iter().cloned());
}

fn dedup(items: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(items.len());
    extend_folded(&mut out, items);
    out
}

/// Appends the items not already present (compared folded), keeping first-seen order.
fn extend_folded(list: &mut Vec<String>, items: &[String]) {
    for item in items {
        let key = fold(item);
        if !list.iter().any(|x| fold(x) == key) {
            list.push(item.clone());
        }
    }
}

fn keeps(filter: &Filter, person: &Person) -> bool {
    let row = &person.row;
    let exact = |wanted: &Option<String>, list: &[String]| {
        wanted.as_ref().is_none_or(|w| {
            let w = fold(w);
            list.iter().any(|x| fold(x) == w)
        })
    };
    filter
        .city
        .as_ref()
        .is_none_or(|c| row.cities.iter().any(|s| s == c))
        && filter.status.is_none_or(|s| row.status == s)
        && exact(&filter.language, &row.languages)
        && exact(&filter.expertise, &row.expertise)
        && filter
            .search
            .as_ref()
            .is_none_or(|text| matches_search(person, &fold(text)))
}

/// A folded substring of either name, a connection or an expertise.
fn matches_search(person: &Person, needle: &str) -> bool {
    let row = &person.row;
    std::iter::once(row.name.as_str())
        .chain(row.name_fa.as_deref())
        .chain(person.connections.iter().map(String::as_str))
        .chain(row.expertise.iter().map(String::as_str))
        .any(|hay| fold(hay).contains(needle))
}

/// A city with no active facilitator: the programme's gap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gap {
    pub slug: String,
    pub name: Names,
}

/// The cities (all, or only `city` when given as a slug) none of whose facilitators is active,
/// in slug order.
pub fn gaps<'a>(dossiers: impl IntoIterator<Item = &'a Dossier>, city: Option<&str>) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = dossiers
        .into_iter()
        .filter(|d| city.is_none_or(|c| d.slug == c))
        .filter(|d| d.active_facilitators() == 0)
        .map(|d| Gap {
            slug: d.slug.clone(),
            name: d.name.clone(),
        })
        .collect();
    gaps.sort_by(|a, b| a.slug.cmp(&b.slug));
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ContactDetails;
    use crate::model::vocab::{RelationKind, RelationStatus};

    fn dossier(slug: &str, facilitators: Vec<Facilitator>) -> Dossier {
        let mut d = Dossier::new(
            slug,
            Names {
                en: format!("City {slug}"),
                fa: Some(format!("شهر {slug}")),
                local: None,
            },
            "ES",
        );
        d.relationship.kind = RelationKind::SisterCity;
        d.relationship.status = RelationStatus::Active;
        d.facilitators = facilitators;
        d
    }

    fn person(id: &str, name: &str, status: FacilitatorStatus) -> Facilitator {
        Facilitator {
            id: id.into(),
            name: name.into(),
            name_fa: None,
            languages: vec!["en".into()],
            expertise: Vec::new(),
            connection: None,
            status,
            since: None,
            follow_up_days: None,
            contact: ContactDetails {
                email: Some(format!("{id}@example.org")),
                phone: None,
            },
        }
    }

    fn sample() -> Vec<Dossier> {
        let mut sara = person("sara", "Sara Ahmadi", FacilitatorStatus::Active);
        sara.name_fa = Some("سارا احمدی".into());
        sara.languages = vec!["es".into(), "EN".into()];
        sara.expertise = vec!["Architecture".into()];
        sara.connection = Some("Studied in Barcelona".into());
        let mut sara_again = sara.clone();
        sara_again.languages = vec!["en".into(), "ca".into()];
        sara_again.expertise = vec!["tourism".into()];
        sara_again.connection = Some("Worked at the Porto port authority".into());
        let reza = person("reza", "Reza Karimi", FacilitatorStatus::Prospective);
        vec![
            dossier("porto", vec![sara_again, reza]),
            dossier("barcelona", vec![sara]),
            dossier("dakar", Vec::new()),
        ]
    }

    #[test]
    fn one_row_per_person_with_every_city() {
        let dossiers = sample();
        let listing = list(&dossiers, &Filter::default(), false);
        let ids: Vec<&str> = listing.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["reza", "sara"]);
        let sara = &listing.rows[1];
        assert_eq!(sara.cities, ["barcelona", "porto"]);
        // Joined over both dossiers, first-seen order (barcelona first), folded duplicates once.
        assert_eq!(sara.languages, ["es", "EN", "ca"]);
        assert_eq!(sara.expertise, ["Architecture", "tourism"]);
        assert!(listing.conflicts.is_empty());
    }

    #[test]
    fn contact_details_only_when_asked() {
        let dossiers = sample();
        let without = list(&dossiers, &Filter::default(), false);
        assert!(without.rows.iter().all(|r| r.contact.is_none()));
        let json = serde_json::to_string(&without.rows).unwrap_or_default();
        assert!(!json.contains("email") && !json.contains("@example.org"));
        assert!(!json.contains("phone"));

        let with = list(&dossiers, &Filter::default(), true);
        let json = serde_json::to_value(&with.rows[0]).unwrap_or_default();
        assert_eq!(json["email"], "reza@example.org");
        assert!(json["phone"].is_null() && json.get("phone").is_some());
    }

    #[test]
    fn json_shape() {
        let dossiers = sample();
        let rows = list(&dossiers, &Filter::default(), false).rows;
        let json = serde_json::to_value(&rows[0]).unwrap_or_default();
        let keys: Vec<&str> = json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            [
                "id",
                "name",
                "name_fa",
                "cities",
                "languages",
                "expertise",
                "status"
            ]
        );
        assert_eq!(json["status"], "prospective");
    }

    #[test]
    fn conflicting_details_keep_the_first_city_and_are_reported() {
        let mut dossiers = sample();
        // porto says Sara is inactive and spells her name differently.
        dossiers[0].facilitators[0].status = FacilitatorStatus::Inactive;
        dossiers[0].facilitators[0].name = "Sarah Ahmadi".into();
        let listing = list(&dossiers, &Filter::default(), false);
        let sara = &listing.rows[1];
        assert_eq!(sara.name, "Sara Ahmadi");
        assert_eq!(sara.status, FacilitatorStatus::Active);
        let fields: Vec<&str> = listing.conflicts.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["name", "status"]);
        let message = listing.conflicts[1].describe(Lang::En);
        assert!(message.contains("`sara`"), "{message}");
        assert!(message.contains("`barcelona`") && message.contains("`porto`"));
        assert!(message.contains("`active`") && message.contains("`inactive`"));
    }

    #[test]
    fn contact_conflicts_never_show_the_details() {
        let mut dossiers = sample();
        dossiers[0].facilitators[0].contact.email = Some("other@example.org".into());
        assert!(
            list(&dossiers, &Filter::default(), false)
                .conflicts
                .is_empty()
        );
        let listing = list(&dossiers, &Filter::default(), true);
        assert_eq!(listing.conflicts.len(), 1);
        let message = listing.conflicts[0].describe(Lang::En);
        assert!(!message.contains('@'), "{message}");
        assert_eq!(
            listing.rows[1]
                .contact
                .as_ref()
                .and_then(|c| c.email.as_deref()),
            Some("sara@example.org")
        );
    }

    #[test]
    fn filters() {
        let dossiers = sample();
        let ids = |filter: Filter| -> Vec<String> {
            list(&dossiers, &filter, false)
                .rows
                .into_iter()
                .map(|r| r.id)
                .collect()
        };
        let city = |c: &str| Filter {
            city: Some(c.into()),
            ..Filter::default()
        };
        assert_eq!(ids(city("barcelona")), ["sara"]);
        assert_eq!(ids(city("porto")), ["reza", "sara"]);
        assert!(ids(city("dakar")).is_empty());
        let language = |l: &str| Filter {
            language: Some(l.into()),
            ..Filter::default()
        };
        assert_eq!(ids(language("CA")), ["sara"]);
        // Exact entries, not substrings.
        assert!(ids(language("c")).is_empty());
        let expertise = Filter {
            expertise: Some("architecture".into()),
            ..Filter::default()
        };
        assert_eq!(ids(expertise), ["sara"]);
        let status = Filter {
            status: Some(FacilitatorStatus::Prospective),
            ..Filter::default()
        };
        assert_eq!(ids(status), ["reza"]);
    }

    #[test]
    fn search_folds_over_names_connection_and_expertise() {
        let dossiers = sample();
        let search = |text: &str| -> Vec<String> {
            let filter = Filter {
                search: Some(text.into()),
                ..Filter::default()
            };
            list(&dossiers, &filter, false)
                .rows
                .into_iter()
                .map(|r| r.id)
                .collect()
        };
        assert_eq!(search("karimi"), ["reza"]);
        // Arabic yeh and kaf fold to the Persian letters; ZWNJ is ignored.
        assert_eq!(search("احمدي"), ["sara"]);
        assert_eq!(search("port authority"), ["sara"]);
        assert_eq!(search("TOURISM"), ["sara"]);
        assert!(search("nobody").is_empty());
        // Contact details are not searched.
        assert!(search("example.org").is_empty());
    }

    #[test]
    fn gaps_are_cities_without_an_active_facilitator() {
        let dossiers = sample();
        let slugs = |city: Option<&str>| -> Vec<String> {
            gaps(&dossiers, city).into_iter().map(|g| g.slug).collect()
        };
        // porto has Sara (active) and Reza (prospective); dakar has nobody.
        assert_eq!(slugs(None), ["dakar"]);
        assert!(slugs(Some("porto")).is_empty());
        assert_eq!(slugs(Some("dakar")), ["dakar"]);
    }
}
