//! `search`: every text of every dossier and of the pool, folded as city look-up folds, each
//! hit located in its file and named by its record.
//!
//! A file is read, and looked at whole in its folded form, before it is parsed: one that
//! cannot hold every term (most files, for most queries) is never parsed, which is what makes
//! a search as quick as reading the files. The look is exact ([`fold`]): a file that is let
//! through is parsed into its located tree ([`crate::yaml`]), read as records ([`records`]),
//! and searched value by value. A record matches when it holds every term, each in any of its
//! texts (a counsellor named in the title, visas in the summary); each of its texts that holds
//! a term is a hit.

mod fold;
mod locate;
mod records;
mod snippet;
mod terms;

use std::cmp::Reverse;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use crate::i18n::Lang;
use crate::problem::Loc;
use crate::workspace::cache::memo::Memo;
use crate::workspace::file::{self, Broken};
pub use records::Kind;
use records::{FileKind, Privacy};
pub use snippet::Snippet;
pub use terms::{Term, parse as terms};

/// The pool of candidates, at the workspace's root.
pub use crate::workspace::POOL_FILE;

/// One hit; its JSON shape is fixed by the specification (`title` added).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// The city's slug; `None` in the pool.
    pub city: Option<String>,
    /// The file, relative to the workspace.
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub kind: Kind,
    pub id: Option<String>,
    pub date: Option<Date>,
    pub field: String,
    pub snippet: Snippet,
    /// The record's title or name, when it has one.
    pub title: Option<String>,
}

/// A file to search.
#[derive(Clone, Debug)]
pub enum Source {
    Dossier(PathBuf),
    Pool(PathBuf),
}

/// How far files are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Parse only the files that can hold every term.
    Quick,
    /// Parse every file (`--no-cache`): the same hits, found the long way.
    Every,
    /// Parse every file and check every dossier's rules (`--strict`): a dossier that breaks
    /// one is unreadable, as for every read command.
    Checked,
}

/// What to find, and where.
#[derive(Debug)]
pub struct Search {
    pub terms: Vec<Term>,
    /// Only records of these kinds (all when empty).
    pub kinds: Vec<Kind>,
    /// Only records dated on or after this day; undated records are then left out.
    pub since: Option<Date>,
    /// Only records dated on or before this day; undated records are then left out.
    pub until: Option<Date>,
    /// Search and show e-mail addresses and phone numbers written in plain.
    pub contacts: bool,
    pub reading: Reading,
    /// Keep the texts of each file parsed in `.diplomat/cache/search.bin`, by the hash of its
    /// bytes, so that a file unchanged since is never parsed again (only with [`Reading::Quick`]
    /// and without `contacts`, whose texts are never kept).
    pub cache: bool,
}

/// What a search found.
#[derive(Debug, Default)]
pub struct Found {
    /// Newest dated record first, then the undated, each by file and place in it.
    pub hits: Vec<Hit>,
    /// The files that could not be read (when they might have held a hit).
    pub broken: Vec<Broken>,
    /// Encrypted e-mails and phones `--contacts` left unsearched.
    pub sealed: usize,
}

/// Below this many files, one thread reads them all.
const FEW_FILES: usize = 64;

impl Search {
    /// Whether the file `source` is worth reading at all for this search's kinds.
    fn wants(&self, source: &Source) -> bool {
        let pool = matches!(source, Source::Pool(_));
        self.kinds.is_empty() || self.kinds.iter().any(|k| (*k == Kind::Candidate) == pool)
    }

    fn keeps(&self, kind: Kind, date: Option<Date>) -> bool {
        let in_range = match date {
            Some(d) => self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u),
            None => self.since.is_none() && self.until.is_none(),
        };
        in_range && (self.kinds.is_empty() || self.kinds.contains(&kind))
    }
}

/// Searches `sources` (files under the workspace `root`).
pub fn run(root: &Path, sources: &[Source], search: &Search, lang: Lang) -> Found {
    let sources: Vec<&Source> = sources.iter().filter(|s| search.wants(s)).collect();
    let cached = search.cache && search.reading == Reading::Quick && !search.contacts;
    let memo = cached.then(|| Memo::open_file(root, true, CACHE_FILE));
    let one = |buffer: &mut String, source: &&Source| {
        one_file(root, source, search, lang, memo.as_ref(), buffer)
    };
    let results: Vec<Result<Searched, Broken>> = if sources.len() < FEW_FILES {
        let mut buffer = String::new();
        sources.iter().map(|s| one(&mut buffer, s)).collect()
    } else {
        sources.par_iter().map_init(String::new, one).collect()
    };
    let mut found = Found::default();
    let mut used = Vec::new();
    let mut kept = Vec::new();
    for result in results {
        match result {
            Ok(searched) => {
                found.hits.extend(searched.hits);
                found.sealed += searched.sealed;
                used.extend(searched.used);
                kept.extend(searched.kept);
            }
            Err(broken) => found.broken.push(broken),
        }
    }
    if let Some(mut memo) = memo {
        memo.used(used);
        for (key, payload) in kept {
            memo.put(key, payload);
        }
        memo.save();
    }
    found.broken.sort_by(|a, b| a.path.cmp(&b.path));
    found.hits.sort_by(|a, b| order(a).cmp(&order(b)));
    found
}

/// The search cache's file in `.diplomat/cache/`.
const CACHE_FILE: &str = "search.bin";

fn order(hit: &Hit) -> (Reverse<Option<Date>>, &str, u32, u32) {
    (Reverse(hit.date), &hit.file, hit.line, hit.column)
}

/// What one file gave: its hits, the sealed details it left unsearched, and for the cache the
/// key it was found under or the texts to keep.
#[derive(Default)]
struct Searched {
    hits: Vec<Hit>,
    sealed: usize,
    used: Option<String>,
    kept: Option<(String, Vec<u8>)>,
}

/// A record as the search cache keeps it: its texts owned, each with where its node begins.
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    kind: Kind,
    id: Option<String>,
    date: Option<Date>,
    title: Option<String>,
    texts: Vec<KeptText>,
}

#[derive(Debug, Serialize, Deserialize)]
struct KeptText {
    field: String,
    line: u32,
    column: u32,
    text: String,
}

impl Kept {
    fn new(record: records::Record) -> Kept {
        Kept {
            kind: record.kind,
            id: record.id.map(str::to_owned),
            date: record.date,
            title: record.title.map(str::to_owned),
            texts: record
                .texts
                .into_iter()
                .map(|t| KeptText {
                    field: t.field,
                    line: t.node.loc.line,
                    column: t.node.loc.column,
                    text: t.text.to_owned(),
                })
                .collect(),
        }
    }
}

/// The hits of one file, and how many sealed details it left unsearched.
fn one_file(
    root: &Path,
    source: &Source,
    search: &Search,
    lang: Lang,
    memo: Option<&Memo>,
    buffer: &mut String,
) -> Result<Searched, Broken> {
    let (path, kind) = match source {
        Source::Dossier(path) => (path, FileKind::Dossier),
        Source::Pool(path) => (path, FileKind::Pool),
    };
    let shown = file::shown_path(root, path);
    let bytes = file::read_dossier_bytes(root, path, &shown, lang)?;
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    if search.reading == Reading::Quick
        && let Ok(text) = text
        && !may_hold(text, &search.terms, buffer)
    {
        return Ok(Searched::default());
    }
    let mut searched = Searched::default();
    let key = memo.map(|_| {
        let prefix = if kind == FileKind::Pool { 'p' } else { 'd' };
        format!("{prefix}{:032x}", xxh3_128(&bytes))
    });
    let from_cache = memo
        .zip(key.as_deref())
        .and_then(|(memo, key)| memo.peek(key))
        .and_then(|payload| rmp_serde::from_slice::<Vec<Kept>>(payload).ok());
    let records = match from_cache {
        Some(records) => {
            searched.used = key;
            records
        }
        None => {
            let broken = |problems| Broken {
                path: path.clone(),
                problems,
            };
            let tree = if search.reading == Reading::Checked && kind == FileKind::Dossier {
                file::parse_dossier(&shown, &bytes, lang)
                    .map(|(_, tree)| Some(tree))
                    .map_err(broken)?
            } else {
                crate::yaml::parse(&shown, &bytes, lang).map_err(|p| broken(vec![*p]))?
            };
            let Some(tree) = tree else {
                return Ok(searched);
            };
            let mut privacy = Privacy {
                contacts: search.contacts,
                sealed: 0,
            };
            let records: Vec<Kept> = records::read(&tree, kind, &mut privacy)
                .into_iter()
                .map(Kept::new)
                .collect();
            searched.sealed = privacy.sealed;
            if let Some(key) = key
                && let Ok(payload) = rmp_serde::to_vec(&records)
            {
                searched.kept = Some((key, payload));
            }
            records
        }
    };
    let Ok(text) = text else {
        return Ok(searched);
    };
    let city = match kind {
        FileKind::Dossier => path.file_stem().and_then(|s| s.to_str()).map(str::to_owned),
        FileKind::Pool => None,
    };
    let shown_file = shown.to_string_lossy().replace('\\', "/");
    let mut lines = None;
    for record in &records {
        if !search.keeps(record.kind, record.date) {
            continue;
        }
        let mut held = vec![false; search.terms.len()];
        let mut matched = Vec::new();
        for text in &record.texts {
            let folded = fold::Folded::new(&text.text);
            let mut ranges: Vec<Range<usize>> = Vec::new();
            for (term, held) in search.terms.iter().zip(&mut held) {
                if !term.in_key(&folded.key) {
                    continue;
                }
                *held = true;
                ranges.extend(folded.find(&term.key));
            }
            if !ranges.is_empty() {
                matched.push((text, merge(ranges)));
            }
        }
        if !held.iter().all(|h| *h) {
            continue;
        }
        let lines = lines.get_or_insert_with(|| locate::Lines::new(text));
        for (found, ranges) in matched {
            let first = &ranges[0];
            let start = Loc::new(found.line, found.column);
            let loc = locate::locate(lines, start, &found.text, first.start);
            searched.hits.push(Hit {
                city: city.clone(),
                file: shown_file.clone(),
                line: loc.line,
                column: loc.column,
                kind: record.kind,
                id: record.id.clone(),
                date: record.date,
                field: found.field.clone(),
                snippet: snippet::around(&found.text, first, &ranges),
                title: record.title.clone(),
            });
        }
    }
    Ok(searched)
}

/// Sorted, with overlapping and touching ranges made one.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Whether a file's text can hold every term: its whole text folded holds each one. Every
/// value's fold is part of the file's (folding drops the blanks, line breaks and quotes YAML
/// lays text out with), except where YAML writes text other than as it reads: an escape in
/// double quotes, and base64 (`!!binary`); a file with either is let through.
fn may_hold(text: &str, terms: &[Term], buffer: &mut String) -> bool {
    if text.contains('\\') || text.contains("binary") {
        return true;
    }
    fold::key_into(text, buffer);
    terms.iter().all(|t| t.in_key(buffer))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ranges_merge() {
        assert_eq!(merge(vec![5..9, 0..3, 2..4, 9..10]), [0..4, 5..10]);
    }

    #[test]
    fn a_file_is_let_through_only_when_it_can_hold_every_term() {
        let terms = terms(&["halal".into(), "«مجوز حلال»".into()]).unwrap();
        let mut buffer = String::new();
        assert!(may_hold(
            "a: |\n  HALAL, and مجوز\n    حلال\n",
            &terms,
            &mut buffer
        ));
        assert!(!may_hold("a: halal only\n", &terms, &mut buffer));
        assert!(may_hold(
            "a: \"h\\u0061lal\"\nb: مجوز حلال\n",
            &terms,
            &mut buffer
        ));
    }
}
