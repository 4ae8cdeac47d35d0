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

mod entry;
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
use serde::Serialize;
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
/// key it was found under or the entry to keep.
#[derive(Default)]
struct Searched {
    hits: Vec<Hit>,
    sealed: usize,
    used: Option<String>,
    kept: Option<(String, Vec<u8>)>,
}

/// The file a hit is in, named as hits name it; worked out at its first hit.
struct Place<'p> {
    path: &'p Path,
    shown: &'p Path,
    kind: FileKind,
    /// The file's text, for locating hits; `None` when it is not UTF-8 (then it has none).
    text: Option<&'p str>,
    named: Option<(Option<String>, String, locate::Lines<'p>)>,
}

/// The record a hit is in.
struct Meta<'r> {
    kind: Kind,
    id: Option<&'r str>,
    date: Option<Date>,
    title: Option<&'r str>,
}

impl<'p> Place<'p> {
    /// The hit of `ranges` (merged, one at least) in `value`, a text whose node starts at
    /// `start`, in `field` of `record`.
    fn hit(
        &mut self,
        record: &Meta,
        field: &str,
        start: Loc,
        value: &str,
        ranges: &[Range<usize>],
    ) -> Option<Hit> {
        let text = self.text?;
        let (city, file, lines) = self.named.get_or_insert_with(|| {
            let city = match self.kind {
                FileKind::Dossier => self
                    .path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .map(str::to_owned),
                FileKind::Pool => None,
            };
            let file = self.shown.to_string_lossy().replace('\\', "/");
            (city, file, locate::Lines::new(text))
        });
        let first = &ranges[0];
        let loc = locate::locate(lines, start, value, first.start);
        Some(Hit {
            city: city.clone(),
            file: file.clone(),
            line: loc.line,
            column: loc.column,
            kind: record.kind,
            id: record.id.map(str::to_owned),
            date: record.date,
            field: field.to_owned(),
            snippet: snippet::around(value, first, ranges),
            title: record.title.map(str::to_owned),
        })
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
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut place = Place {
        path,
        shown: &shown,
        kind,
        text: None,
        named: None,
    };
    let mut searched = Searched::default();
    let broken = |problems| Broken {
        path: path.clone(),
        problems,
    };
    // Whether the file can hold every term, by a look at its whole text folded (a file that is
    // not UTF-8 is let through, for the parser to say what it is).
    let may = |buffer: &mut String| {
        std::str::from_utf8(body).map_or(true, |text| may_hold(text, &search.terms, buffer))
    };
    if let Some(memo) = memo {
        let prefix = if kind == FileKind::Pool { 'p' } else { 'd' };
        let key = format!("{prefix}{:032x}", xxh3_128(&bytes));
        if let Some(hits) = memo
            .peek(&key)
            .and_then(|payload| entry_hits(payload, search, body, &mut place))
        {
            searched.hits = hits;
            searched.used = Some(key);
            return Ok(searched);
        }
        // Not kept, or kept damaged: parsed (whatever the terms, for the next search), kept,
        // and searched as the next search will search it. A file that does not parse is said
        // only when it could have held the terms, as when nothing is kept.
        let tree = match crate::yaml::parse(&shown, &bytes, lang) {
            Ok(tree) => tree,
            Err(problem) if may(buffer) => return Err(broken(vec![*problem])),
            Err(_) => return Ok(searched),
        };
        let records = match &tree {
            Some(tree) => records::read(tree, kind, &mut Privacy::default()),
            None => Vec::new(),
        };
        let payload = entry::encode(&records, std::str::from_utf8(body).ok());
        if let Some(hits) = entry_hits(&payload, search, body, &mut place) {
            searched.hits = hits;
            searched.kept = Some((key, payload));
            return Ok(searched);
        }
        // An entry just made always reads; were it not to, the file is searched as below.
    }
    if search.reading == Reading::Quick && !may(buffer) {
        return Ok(searched);
    }
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
    let records = records::read(&tree, kind, &mut privacy);
    searched.sealed = privacy.sealed;
    place.text = std::str::from_utf8(body).ok();
    for record in &records {
        if !search.keeps(record.kind, record.date) {
            continue;
        }
        let mut held = vec![false; search.terms.len()];
        let mut matched = Vec::new();
        for text in &record.texts {
            let folded = fold::Folded::new(text.text);
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
        let meta = Meta {
            kind: record.kind,
            id: record.id,
            date: record.date,
            title: record.title,
        };
        for (found, ranges) in matched {
            let start = found.node.loc;
            searched
                .hits
                .extend(place.hit(&meta, &found.field, start, found.text, &ranges));
        }
    }
    Ok(searched)
}

/// The hits of a file (its `body`) from its cache entry; `None` when the entry does not read.
///
/// Each term is looked for in the entry's folds; a record that holds every term in its texts
/// is read, and each of its texts that holds one is folded again, to find where its matches
/// lie in the text as written: the same texts, folds and ranges as a search of the parsed file.
fn entry_hits<'p>(
    payload: &[u8],
    search: &Search,
    body: &'p [u8],
    place: &mut Place<'p>,
) -> Option<Vec<Hit>> {
    let entry = entry::Entry::parse(payload)?;
    let folded = entry.folded;
    if !search.terms.iter().all(|t| t.find(folded).is_some()) {
        return Some(Vec::new());
    }
    let ends = entry.ends();
    // Each text that holds a term, with the term: once for each, however often it is there.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (t, term) in search.terms.iter().enumerate() {
        let mut at = 0;
        while let Some(found) = folded.get(at..).and_then(|rest| term.find(rest)) {
            let pos = at + found;
            let text = ends.partition_point(|&end| end <= pos);
            let end = *ends.get(text)?;
            if pos + term.key.len() > end {
                return None;
            }
            marks.push((text, t));
            at = end + 1;
        }
    }
    marks.sort_unstable();
    let firsts = entry.firsts();
    let record_of = |text: usize| {
        firsts
            .partition_point(|&first| first <= text)
            .checked_sub(1)
    };
    let text = std::str::from_utf8(body).ok();
    place.text = text;
    let mut hits = Vec::new();
    let mut rest = marks.as_slice();
    while let Some(&(first, _)) = rest.first() {
        let record = record_of(first)?;
        let next = firsts.get(record + 1).copied().unwrap_or(ends.len());
        let count = rest.partition_point(|&(text, _)| text < next);
        let (group, after) = rest.split_at(count);
        rest = after;
        let mut held = vec![false; search.terms.len()];
        for &(_, t) in group {
            held[t] = true;
        }
        if !held.iter().all(|h| *h) {
            continue;
        }
        let cached = entry.record(record)?;
        let Some(file) = text else { continue };
        if !search.keeps(cached.kind, cached.date) {
            continue;
        }
        let meta = Meta {
            kind: cached.kind,
            id: cached.id,
            date: cached.date,
            title: cached.title,
        };
        for marked in group.chunk_by(|a, b| a.0 == b.0) {
            let found = entry.text(marked[0].0, file)?;
            let folded = fold::Folded::new(found.text);
            let ranges: Vec<Range<usize>> = marked
                .iter()
                .flat_map(|&(_, t)| folded.find(&search.terms[t].key))
                .collect();
            if ranges.is_empty() {
                return None;
            }
            let start = Loc::new(found.line, found.column);
            hits.extend(place.hit(&meta, found.field, start, found.text, &merge(ranges)));
        }
    }
    Some(hits)
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
