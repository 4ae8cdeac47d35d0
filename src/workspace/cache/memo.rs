//! Answers about git history that can never change, kept beside the cache of parsed dossiers:
//! what a commit changed in a dossier, the dossier files a commit had, and a dossier as a commit
//! had it. A commit id names its contents for ever, so an entry never goes stale; only another
//! build of diplomat (whose rules may differ) retires the file, as for the dossier shards.
//!
//! The weekly report asks the same questions week after week: answered here, a warm report in
//! a git workspace starts no `git cat-file` and parses no old version.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::{Entry, Shard, Stored};
use crate::model::Dossier;

/// Entries kept across runs; past it, a save keeps only what this run used and added.
const MAX_ENTRIES: usize = 20_000;

/// The history memo of one workspace, read once and written back once.
///
/// The file's bytes are kept as read, each entry a range of them: opening copies nothing, and
/// an entry's checksum is checked when it is used (or kept by a save), not before.
pub struct Memo {
    /// `None` when the cache is off (`--no-cache`) or cannot be written.
    file: Option<PathBuf>,
    bytes: Vec<u8>,
    entries: HashMap<String, Stretch>,
    used: HashSet<String>,
    added: Vec<(String, Vec<u8>)>,
}

/// Where an entry's payload lies in the file's bytes, and its checksum.
#[derive(Clone, Copy)]
struct Stretch {
    start: usize,
    len: usize,
    checksum: u64,
}

impl Memo {
    /// The workspace's memo, or an empty one that never saves when `enabled` is false.
    pub fn open(root: &Path, enabled: bool) -> Memo {
        Memo::open_file(root, enabled, "history.bin")
    }

    /// A memo of its own in the cache folder (`search.bin`: the texts of each file `search`
    /// parsed, by the hash of its bytes).
    pub fn open_file(root: &Path, enabled: bool, name: &str) -> Memo {
        let mut memo = Memo {
            file: None,
            bytes: Vec::new(),
            entries: HashMap::new(),
            used: HashSet::new(),
            added: Vec::new(),
        };
        if !enabled || !super::prepare_dir(root) {
            return memo;
        }
        let file = root.join(super::DIR).join(name);
        let bytes = super::read_large(&file);
        if let Some(shard) = Shard::parse(&bytes) {
            let base = bytes.as_ptr() as usize;
            memo.entries = shard
                .entries
                .into_values()
                .map(|e| {
                    let stretch = Stretch {
                        start: e.payload.as_ptr() as usize - base,
                        len: e.payload.len(),
                        checksum: e.checksum,
                    };
                    (e.name.to_owned(), stretch)
                })
                .collect();
        }
        memo.bytes = bytes;
        memo.file = Some(file);
        memo
    }

    /// The payload of `stretch`, when its checksum holds.
    fn payload(&self, stretch: Stretch) -> Option<&[u8]> {
        let payload = self.bytes.get(stretch.start..stretch.start + stretch.len)?;
        (xxh3_64(payload) == stretch.checksum).then_some(payload)
    }

    fn get(&mut self, key: &str) -> Option<&[u8]> {
        let stretch = *self.entries.get(key)?;
        self.payload(stretch)?;
        self.used.insert(key.to_owned());
        self.bytes.get(stretch.start..stretch.start + stretch.len)
    }

    /// What is stored under `key`, from several threads at once; say afterwards with
    /// [`Memo::used`] which keys were used, so that a save keeps them.
    pub fn peek(&self, key: &str) -> Option<&[u8]> {
        self.payload(*self.entries.get(key)?)
    }

    pub fn used(&mut self, keys: impl IntoIterator<Item = String>) {
        self.used.extend(keys);
    }

    /// Stores `payload` under `key`, for the next run.
    pub fn put(&mut self, key: String, payload: Vec<u8>) {
        if self.file.is_some() {
            self.added.push((key, payload));
        }
    }

    /// Lines of text stored under `key`.
    pub fn lines(&mut self, key: &str) -> Option<Vec<String>> {
        rmp_serde::from_slice(self.get(key)?).ok()
    }

    pub fn put_lines(&mut self, key: String, lines: &[String]) {
        if let Ok(payload) = rmp_serde::to_vec(lines) {
            self.put(key, payload);
        }
    }

    /// A dossier stored under `key`: `Some(None)` when it was known not to exist or not to read.
    pub fn dossier(&mut self, key: &str) -> Option<Option<Dossier>> {
        let payload = self.get(key)?;
        if payload.is_empty() {
            return Some(None);
        }
        super::decode(payload).map(Some)
    }

    pub fn put_dossier(&mut self, key: String, dossier: Option<&Dossier>) {
        match dossier {
            None => self.put(key, Vec::new()),
            Some(d) => {
                if let Some(payload) = super::encode(d) {
                    self.put(key, payload);
                }
            }
        }
    }

    /// Writes what this run added; any failure is ignored (the memo never fails a command).
    /// An old entry whose checksum no longer holds is dropped.
    pub fn save(self) {
        let Some(file) = &self.file else { return };
        if self.added.is_empty() {
            return;
        }
        let keep_all = self.entries.len() + self.added.len() <= MAX_ENTRIES;
        let added: HashSet<&str> = self.added.iter().map(|(k, _)| k.as_str()).collect();
        let kept = self
            .entries
            .iter()
            .filter(|(k, _)| !added.contains(k.as_str()) && (keep_all || self.used.contains(*k)))
            .filter_map(|(name, stretch)| {
                Some(Stored::Hit(Entry {
                    name,
                    hash: 0,
                    checksum: stretch.checksum,
                    payload: self.payload(*stretch)?,
                }))
            });
        let new = self.added.iter().map(|(name, payload)| {
            Stored::Hit(Entry {
                name,
                hash: 0,
                checksum: xxh3_64(payload),
                payload,
            })
        });
        let stored: Vec<Stored> = kept.chain(new).collect();
        let refs: Vec<&Stored> = stored.iter().collect();
        super::write_shard(file, &refs);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn what_is_saved_is_read_back_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let mut memo = Memo::open(dir.path(), true);
        assert_eq!(memo.lines("changes a"), None);
        memo.put_lines("changes a".into(), &["kazan: status".to_owned()]);
        memo.put_dossier("start b".into(), None);
        memo.save();

        let mut memo = Memo::open(dir.path(), true);
        assert_eq!(
            memo.lines("changes a"),
            Some(vec!["kazan: status".to_owned()])
        );
        assert!(matches!(memo.dossier("start b"), Some(None)));
        assert!(memo.dossier("start c").is_none());
    }

    #[test]
    fn off_means_nothing_read_or_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut memo = Memo::open(dir.path(), false);
        memo.put_lines("k".into(), &["x".to_owned()]);
        memo.save();
        assert!(!dir.path().join(super::super::DIR).exists());
    }

    #[test]
    fn a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let mut memo = Memo::open(dir.path(), true);
        memo.put_lines("k".into(), &["x".to_owned()]);
        memo.save();
        let file = dir.path().join(super::super::DIR).join("history.bin");
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&file, bytes).unwrap();
        assert_eq!(Memo::open(dir.path(), true).lines("k"), None);
    }
}
