//! `facilitator match`: who could serve a city — the pool's candidates, the city's prospective
//! facilitators and the active facilitators of other cities — ranked, each with the reasons
//! for and against as data ([`Reason`]), worded in the reader's language by
//! `render::matching`.
//!
//! Each criterion is a visible reason, and a share of the score:
//!
//! | criterion | points |
//! | --- | --- |
//! | speaks one of the city's languages (or those asked) | 35 |
//! | a connection naming the city (or, for 15, its country), in any script | 20 |
//! | expertise in the city's sectors, its open opportunities' sectors (or as asked) | 20 |
//! | named the city among their interests (or is its prospective facilitator) | 10 |
//! | serves no other city (5 for one) | 10 |
//! | took part in interactions or reviews before | 5 |
//!
//! A criterion the city gives nothing to (no language known, no sector) counts for no one,
//! and the score is the share of the points that count, 0–100. Names are compared folded as
//! city look-up folds them ([`crate::text`]); languages by their primary subtag.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::languages::{country_names, primary};
use crate::model::vocab::{FacilitatorStatus, Stage};
use crate::model::{Candidate, Dossier, Facilitator, Pool};
use crate::text::{fold, lookup_key};

/// The points of each criterion (they add up to 100).
const LANGUAGE: u32 = 35;
const CONNECTION: u32 = 20;
const CONNECTION_COUNTRY: u32 = 15;
const EXPERTISE: u32 = 20;
const INTEREST: u32 = 10;
const LOAD: u32 = 10;
const LOAD_ONE: u32 = 5;
const EXPERIENCE: u32 = 5;

/// What the analyst asked beyond the city: languages and expertise in place of the city's own.
#[derive(Clone, Debug, Default)]
pub struct Ask {
    pub languages: Vec<String>,
    pub expertise: Vec<String>,
}

/// Where the languages looked for come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LanguagesFrom {
    /// The dossier's `languages:`.
    City,
    /// The country's likely language (CLDR).
    Country,
    /// `--language`.
    Asked,
}

/// Why an expertise is looked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wanted {
    /// One of the city's `sectors`.
    Sector,
    /// The sector of the open opportunity with this id.
    Opportunity(String),
    /// `--expertise`.
    Asked,
}

/// What the city needs, worked out once.
#[derive(Clone, Debug)]
pub struct Needs {
    pub slug: String,
    /// Language codes (primary subtags), in order.
    pub languages: Vec<String>,
    pub languages_from: LanguagesFrom,
    /// Expertise looked for, each once (folded), with why.
    pub expertise: Vec<(String, Wanted)>,
    /// Each of `expertise` as [`same_field`] compares it.
    fields: Vec<String>,
    /// The city's names (en, fa, local) and its country's, with their look-up keys.
    city_names: Vec<(String, Key)>,
    pub country: String,
    country_names: Vec<(String, Key)>,
}

/// A name as a connection is searched for it: its folded words (for short Latin names, which
/// must stand as a word: `UK`, `US`), or its look-up key (for the rest, found inside words:
/// `Iranian`, `شی‌آن` written `شی آن`).
#[derive(Clone, Debug)]
enum Key {
    Word(String),
    Inside(String),
}

impl Key {
    fn of(name: &str) -> Option<Key> {
        let key = lookup_key(name);
        if key.is_empty() {
            return None;
        }
        Some(if key.is_ascii() && key.chars().count() < 4 {
            Key::Word(format!(" {} ", fold(name)))
        } else {
            Key::Inside(key)
        })
    }

    /// Whether the connection (folded with spaces around it, and its look-up key) names it.
    fn in_text(&self, words: &str, key: &str) -> bool {
        match self {
            Key::Word(w) => words.contains(w.as_str()),
            Key::Inside(k) => key.contains(k.as_str()),
        }
    }
}

impl Needs {
    /// What `city` needs, given what was asked.
    pub fn of(city: &Dossier, ask: &Ask) -> Needs {
        let (languages, languages_from) = if !ask.languages.is_empty() {
            (ask.languages.clone(), LanguagesFrom::Asked)
        } else {
            match city.working_languages() {
                (named, true) => (named, LanguagesFrom::City),
                (likely, false) => (likely, LanguagesFrom::Country),
            }
        };
        let mut codes: Vec<String> = Vec::new();
        for code in &languages {
            let code = primary(code).into_owned();
            if !code.is_empty() && !codes.contains(&code) {
                codes.push(code);
            }
        }
        let mut expertise: Vec<(String, Wanted)> = Vec::new();
        let mut want = |text: &str, why: Wanted| {
            let folded = fold(text);
            if !folded.is_empty() && !expertise.iter().any(|(e, _)| fold(e) == folded) {
                expertise.push((text.trim().to_owned(), why));
            }
        };
        if ask.expertise.is_empty() {
            for sector in &city.sectors {
                want(sector, Wanted::Sector);
            }
            for o in city
                .opportunities
                .iter()
                .filter(|o| !matches!(o.stage, Stage::Closed | Stage::Lost))
            {
                want(&o.sector, Wanted::Opportunity(o.id.clone()));
            }
        } else {
            for e in &ask.expertise {
                want(e, Wanted::Asked);
            }
        }
        let mut city_names: Vec<(String, Key)> = Vec::new();
        for name in city.name.all() {
            if let Some(key) = Key::of(name) {
                city_names.push((name.to_owned(), key));
            }
        }
        let country_names = country_names(&city.country)
            .filter_map(|n| Key::of(n).map(|k| (n.to_owned(), k)))
            .collect();
        let fields = expertise.iter().map(|(e, _)| field(e)).collect();
        Needs {
            slug: city.slug.clone(),
            languages: codes,
            languages_from,
            expertise,
            fields,
            city_names,
            country: city.country.clone(),
            country_names,
        }
    }
}

/// Where a person comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A candidate of `pool.yaml`.
    Pool,
    /// A facilitator of a city (this one, prospective; or another, active).
    City,
}

/// One reason for or against a person, as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Speaks these of the languages looked for.
    Speaks(Vec<String>),
    /// Speaks none of the languages looked for (all of them).
    SpeaksNone(Vec<String>),
    /// The connection names the city, by this name.
    NamesCity(String),
    /// The connection names the city's country, by this name.
    NamesCountry(String),
    /// The connection names neither (the city's slug; whether there is a connection at all).
    NoConnection { written: bool },
    /// Expertise in these of what is looked for.
    Expertise(Vec<(String, Wanted)>),
    /// No expertise in any of what is looked for (all of it).
    NoExpertise(Vec<String>),
    /// Named the city among their interests.
    Interested,
    /// A prospective facilitator of the city already.
    ProspectiveHere,
    /// Did not name the city (a pool candidate), or has no sign-up (a facilitator).
    NotInterested,
    /// Serves no city yet.
    ServesNone,
    /// Serves these other cities already.
    ServesOthers(Vec<String>),
    /// Took part in this many interactions and reviews.
    TookPart(usize),
    /// Took part in none.
    NeverTookPart,
}

/// One person ranked for a city.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub id: String,
    pub name: String,
    pub name_fa: Option<String>,
    pub source: Source,
    /// The cities they serve (active or prospective), by slug, sorted.
    pub cities: Vec<String>,
    pub score: u8,
    pub reasons: Vec<Reason>,
    pub missing: Vec<Reason>,
}

/// How many people meet each criterion: what the answer says, so that it is never empty
/// without a reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Everyone considered.
    pub people: usize,
    pub from_pool: usize,
    pub speak: usize,
    /// Per language looked for: how many speak it.
    pub per_language: Vec<(String, usize)>,
    pub connected: usize,
    pub expert: usize,
    pub interested: usize,
    pub free: usize,
    pub experienced: usize,
}

/// The ranking, best first, and the tally of everyone considered.
#[derive(Clone, Debug)]
pub struct Ranking {
    pub needs: Needs,
    pub matches: Vec<Match>,
    pub tally: Tally,
}

/// One person as the criteria read them.
struct Person<'a> {
    id: &'a str,
    name: &'a str,
    name_fa: Option<&'a str>,
    languages: Vec<&'a str>,
    expertise: Vec<&'a str>,
    connections: Vec<&'a str>,
    interests: &'a [String],
    source: Source,
    /// Here as a prospective facilitator.
    prospective_here: bool,
}

/// What the dossiers say of each person: the cities they serve (not inactive) and how often
/// they took part in an interaction or review, by id.
#[derive(Default)]
struct Record {
    serving: Vec<String>,
    took_part: usize,
}

/// Ranks everyone who could serve `city` (one of `dossiers`), best first: by score, then name
/// (folded), then id.
pub fn rank<'a>(
    city: &'a Dossier,
    dossiers: impl IntoIterator<Item = &'a Dossier> + Clone,
    pool: &'a Pool,
    ask: &Ask,
) -> Ranking {
    let needs = Needs::of(city, ask);
    let mut records: HashMap<&str, Record> = HashMap::new();
    for d in dossiers.clone() {
        for f in &d.facilitators {
            let record = records.entry(&f.id).or_default();
            if f.status != FacilitatorStatus::Inactive && !record.serving.contains(&d.slug) {
                record.serving.push(d.slug.clone());
            }
        }
        for i in &d.interactions {
            for id in &i.with {
                if let Some(record) = records.get_mut(id.as_str()) {
                    record.took_part += 1;
                }
            }
        }
        for r in &d.reviews {
            for id in &r.participants {
                if let Some(record) = records.get_mut(id.as_str()) {
                    record.took_part += 1;
                }
            }
        }
    }
    let people = people(city, dossiers, pool);
    let mut tally = Tally {
        per_language: needs.languages.iter().map(|l| (l.clone(), 0)).collect(),
        ..Tally::default()
    };
    let mut matches: Vec<(String, Match)> = Vec::with_capacity(people.len());
    for person in &people {
        let record = records.get(person.id);
        let m = score(&needs, person, record, &mut tally);
        matches.push((fold(person.name), m));
    }
    matches.sort_by(|(a, x), (b, y)| {
        y.score
            .cmp(&x.score)
            .then_with(|| a.cmp(b))
            .then_with(|| x.id.cmp(&y.id))
    });
    Ranking {
        needs,
        matches: matches.into_iter().map(|(_, m)| m).collect(),
        tally,
    }
}

/// Everyone considered, each once: the city's prospective facilitators, the active
/// facilitators of other cities (one person however many cities they serve: their
/// languages, expertise and connections joined), and the pool's candidates who are no city's
/// facilitator (the same id is the same person).
fn people<'a>(
    city: &'a Dossier,
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    pool: &'a Pool,
) -> Vec<Person<'a>> {
    let here = |id: &str| city.facilitators.iter().find(|f| f.id == id);
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut people: Vec<Person> = Vec::new();
    let mut facilitators: Vec<(&Dossier, &Facilitator)> = city
        .facilitators
        .iter()
        .filter(|f| f.status == FacilitatorStatus::Prospective)
        .map(|f| (city, f))
        .collect();
    for d in dossiers {
        if d.slug == city.slug {
            continue;
        }
        facilitators.extend(
            d.facilitators
                .iter()
                .filter(|f| f.status == FacilitatorStatus::Active)
                .map(|f| (d, f)),
        );
    }
    for (_, f) in facilitators {
        // Someone active or inactive here is no candidate for the city.
        if here(&f.id).is_some_and(|h| h.status != FacilitatorStatus::Prospective) {
            continue;
        }
        if let Some(&i) = by_id.get(f.id.as_str()) {
            let p = &mut people[i];
            join(&mut p.languages, &f.languages);
            join(&mut p.expertise, &f.expertise);
            p.connections.extend(f.connection.as_deref());
            continue;
        }
        by_id.insert(&f.id, people.len());
        people.push(Person {
            id: &f.id,
            name: &f.name,
            name_fa: f.name_fa.as_deref(),
            languages: f.languages.iter().map(String::as_str).collect(),
            expertise: f.expertise.iter().map(String::as_str).collect(),
            connections: f.connection.as_deref().into_iter().collect(),
            interests: &[],
            source: Source::City,
            prospective_here: here(&f.id).is_some(),
        });
    }
    let mut facilitator_ids: std::collections::HashSet<&str> = by_id.keys().copied().collect();
    facilitator_ids.extend(city.facilitators.iter().map(|f| f.id.as_str()));
    people.extend(
        pool.candidates
            .iter()
            .filter(|c| !facilitator_ids.contains(c.id.as_str()))
            .map(candidate),
    );
    people
}

fn candidate(c: &Candidate) -> Person<'_> {
    Person {
        id: &c.id,
        name: &c.name,
        name_fa: c.name_fa.as_deref(),
        languages: c.languages.iter().map(String::as_str).collect(),
        expertise: c.expertise.iter().map(String::as_str).collect(),
        connections: c.connection.as_deref().into_iter().collect(),
        interests: &c.interests,
        source: Source::Pool,
        prospective_here: false,
    }
}

fn join<'a>(into: &mut Vec<&'a str>, more: &'a [String]) {
    for m in more {
        if !into.contains(&m.as_str()) {
            into.push(m);
        }
    }
}

/// Whether one expertise is the other, or holds it as whole words (`tourism` and `tourism
/// marketing`); each given [`fold`]ed and with a space on either side.
fn same_field(a: &str, b: &str) -> bool {
    a.len() > 2 && b.len() > 2 && (a == b || a.contains(b) || b.contains(a))
}

/// `text` [`fold`]ed, with a space on either side (for [`same_field`]).
fn field(text: &str) -> String {
    format!(" {} ", fold(text))
}

fn score(needs: &Needs, p: &Person, record: Option<&Record>, tally: &mut Tally) -> Match {
    let (mut earned, mut possible) = (0, 0);
    let mut reasons = Vec::new();
    let mut missing = Vec::new();
    tally.people += 1;
    if p.source == Source::Pool {
        tally.from_pool += 1;
    }

    if !needs.languages.is_empty() {
        possible += LANGUAGE;
        let spoken: Vec<String> = needs
            .languages
            .iter()
            .filter(|need| p.languages.iter().any(|l| primary(l) == need.as_str()))
            .cloned()
            .collect();
        for (code, n) in &mut tally.per_language {
            if spoken.contains(code) {
                *n += 1;
            }
        }
        if spoken.is_empty() {
            missing.push(Reason::SpeaksNone(needs.languages.clone()));
        } else {
            tally.speak += 1;
            earned += LANGUAGE;
            reasons.push(Reason::Speaks(spoken));
        }
    }

    possible += CONNECTION;
    let folded: Vec<(String, String)> = p
        .connections
        .iter()
        .map(|c| {
            let folded = fold(c);
            let key = folded.replace(' ', "");
            (format!(" {folded} "), key)
        })
        .collect();
    let named = |names: &[(String, Key)]| {
        names
            .iter()
            .find(|(_, key)| folded.iter().any(|(w, k)| key.in_text(w, k)))
            .map(|(name, _)| name.clone())
    };
    if let Some(name) = named(&needs.city_names) {
        tally.connected += 1;
        earned += CONNECTION;
        reasons.push(Reason::NamesCity(name));
    } else if let Some(name) = named(&needs.country_names) {
        tally.connected += 1;
        earned += CONNECTION_COUNTRY;
        reasons.push(Reason::NamesCountry(name));
    } else {
        missing.push(Reason::NoConnection {
            written: !p.connections.is_empty(),
        });
    }

    if !needs.expertise.is_empty() {
        possible += EXPERTISE;
        let fields: Vec<String> = p.expertise.iter().map(|e| field(e)).collect();
        let had: Vec<(String, Wanted)> = needs
            .expertise
            .iter()
            .zip(&needs.fields)
            .filter(|(_, want)| fields.iter().any(|e| same_field(e, want)))
            .map(|(wanted, _)| wanted.clone())
            .collect();
        if had.is_empty() {
            let all = needs.expertise.iter().map(|(e, _)| e.clone()).collect();
            missing.push(Reason::NoExpertise(all));
        } else {
            tally.expert += 1;
            earned += EXPERTISE;
            reasons.push(Reason::Expertise(had));
        }
    }

    possible += INTEREST;
    if p.prospective_here {
        tally.interested += 1;
        earned += INTEREST;
        reasons.push(Reason::ProspectiveHere);
    } else if p.interests.contains(&needs.slug) {
        tally.interested += 1;
        earned += INTEREST;
        reasons.push(Reason::Interested);
    } else {
        missing.push(Reason::NotInterested);
    }

    possible += LOAD;
    let serving: Vec<String> = record.map(|r| r.serving.clone()).unwrap_or_default();
    let others: Vec<String> = serving
        .iter()
        .filter(|s| **s != needs.slug)
        .cloned()
        .collect();
    match others.len() {
        0 => {
            tally.free += 1;
            earned += LOAD;
            reasons.push(Reason::ServesNone);
        }
        1 => {
            earned += LOAD_ONE;
            missing.push(Reason::ServesOthers(others));
        }
        _ => missing.push(Reason::ServesOthers(others)),
    }

    possible += EXPERIENCE;
    match record.map_or(0, |r| r.took_part) {
        0 => missing.push(Reason::NeverTookPart),
        n => {
            tally.experienced += 1;
            earned += EXPERIENCE;
            reasons.push(Reason::TookPart(n));
        }
    }

    let mut cities = serving;
    cities.sort();
    Match {
        id: p.id.to_owned(),
        name: p.name.to_owned(),
        name_fa: p.name_fa.map(str::to_owned),
        source: p.source,
        cities,
        score: u8::try_from((earned * 100 + possible / 2) / possible.max(1)).unwrap_or(100),
        reasons,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interaction, Names, Opportunity};

    fn city(slug: &str, en: &str, fa: &str, country: &str) -> Dossier {
        Dossier::new(
            slug,
            Names {
                en: en.into(),
                fa: Some(fa.into()),
                local: None,
            },
            country,
        )
    }

    fn facilitator(id: &str, status: FacilitatorStatus, languages: &[&str]) -> Facilitator {
        Facilitator {
            id: id.into(),
            name: id.into(),
            name_fa: None,
            languages: languages.iter().map(|l| (*l).to_owned()).collect(),
            expertise: Vec::new(),
            connection: None,
            status,
            since: None,
            follow_up_days: None,
            contact: Default::default(),
        }
    }

    fn ids(r: &Ranking) -> Vec<(&str, u8)> {
        r.matches.iter().map(|m| (m.id.as_str(), m.score)).collect()
    }

    #[test]
    fn every_criterion_counts_and_the_best_comes_first() {
        let mut xian = city("xian", "Xi'an", "شی‌آن", "CN");
        xian.sectors = vec!["tourism".into()];
        xian.opportunities.push(Opportunity {
            id: "o-1".into(),
            title: "Trade office".into(),
            sector: "trade".into(),
            stage: Stage::Exploring,
            lead: None,
            history: Vec::new(),
        });
        let mut kazan = city("kazan", "Kazan", "کازان", "RU");
        let mut busy = facilitator("busy", FacilitatorStatus::Active, &["zh"]);
        busy.connection = Some("Lived in China for years".into());
        kazan.facilitators.push(busy.clone());
        kazan.interactions.push(Interaction {
            date: jiff::civil::date(2026, 1, 1),
            kind: crate::model::vocab::InteractionKind::Call,
            title: "Call".into(),
            with: vec!["busy".into()],
            summary: None,
        });
        kazan
            .facilitators
            .push(facilitator("idle", FacilitatorStatus::Inactive, &["zh"]));
        let mut li = Candidate::new("li", "Li Wei");
        li.languages = vec!["ZH-Hans".into()];
        li.expertise = vec!["Tourism marketing".into()];
        li.connection = Some("در شی آن درس خوانده".into());
        li.interests = vec!["xian".into()];
        let mut ana = Candidate::new("ana", "Ana");
        ana.languages = vec!["es".into()];
        let pool = Pool {
            candidates: vec![ana, li],
            extra: Default::default(),
        };
        let dossiers = [xian.clone(), kazan];
        let r = rank(&xian, dossiers.iter(), &pool, &Ask::default());
        assert_eq!(ids(&r), [("li", 95), ("busy", 60), ("ana", 10)]);
        let li = &r.matches[0];
        assert_eq!(
            li.reasons,
            [
                Reason::Speaks(vec!["zh".into()]),
                Reason::NamesCity("شی‌آن".into()),
                Reason::Expertise(vec![("tourism".into(), Wanted::Sector)]),
                Reason::Interested,
                Reason::ServesNone,
            ]
        );
        assert_eq!(li.missing, [Reason::NeverTookPart]);
        let busy = &r.matches[1];
        assert_eq!(busy.reasons[1], Reason::NamesCountry("China".into()));
        assert_eq!(busy.missing[2], Reason::ServesOthers(vec!["kazan".into()]));
        assert_eq!(busy.reasons[2], Reason::TookPart(1));
        assert_eq!(
            r.tally,
            Tally {
                people: 3,
                from_pool: 2,
                speak: 2,
                per_language: vec![("zh".into(), 2)],
                connected: 2,
                expert: 1,
                interested: 1,
                free: 2,
                experienced: 1,
            }
        );
    }

    #[test]
    fn asked_languages_replace_the_citys_and_nobody_is_said() {
        let xian = city("xian", "Xi'an", "شی‌آن", "CN");
        let mut ana = Candidate::new("ana", "Ana");
        ana.languages = vec!["es".into()];
        let pool = Pool {
            candidates: vec![ana],
            extra: Default::default(),
        };
        let ask = Ask {
            languages: vec!["it".into()],
            ..Ask::default()
        };
        let r = rank(&xian, [&xian], &pool, &ask);
        assert_eq!(r.needs.languages_from, LanguagesFrom::Asked);
        assert_eq!(r.tally.speak, 0);
        assert_eq!(
            r.matches[0].missing[0],
            Reason::SpeaksNone(vec!["it".into()])
        );
    }

    #[test]
    fn short_names_stand_as_words_and_long_ones_inside_words() {
        let london = city("london", "London", "لندن", "GB");
        let needs = Needs::of(&london, &Ask::default());
        let someone = Candidate::new("a", "A");
        let mut p = candidate(&someone);
        let mut tally = Tally::default();
        p.connections = vec!["runs a business in Leeds"];
        let m = score(&needs, &p, None, &mut tally);
        assert!(m.missing.contains(&Reason::NoConnection { written: true }));
        p.connections = vec!["studied in the UK"];
        let m = score(&needs, &p, None, &mut tally);
        assert_eq!(m.reasons[0], Reason::NamesCountry("UK".into()));
    }

    #[test]
    fn someone_serving_the_city_is_no_candidate_unless_prospective() {
        let mut xian = city("xian", "Xi'an", "شی‌آن", "CN");
        xian.facilitators
            .push(facilitator("here", FacilitatorStatus::Active, &["zh"]));
        xian.facilitators
            .push(facilitator("maybe", FacilitatorStatus::Prospective, &[]));
        let mut kazan = city("kazan", "Kazan", "کازان", "RU");
        kazan
            .facilitators
            .push(facilitator("here", FacilitatorStatus::Active, &["zh"]));
        let pool = Pool {
            candidates: vec![Candidate::new("maybe", "Maybe")],
            extra: Default::default(),
        };
        let r = rank(&xian, [&xian, &kazan], &pool, &Ask::default());
        let found: Vec<(&str, Source)> = r
            .matches
            .iter()
            .map(|m| (m.id.as_str(), m.source))
            .collect();
        assert_eq!(found, [("maybe", Source::City)]);
        assert!(r.matches[0].reasons.contains(&Reason::ProspectiveHere));
        assert_eq!(r.matches[0].cities, ["xian"]);
    }
}
