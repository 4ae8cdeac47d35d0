//! A cache of parsed dossiers under `.diplomat/cache/`, so an unchanged file is never parsed twice.
//!
//! Each entry is keyed by the file's name and an xxh3-128 hash of its bytes. Every file is read
//! and hashed on every run (reading is cheap; parsing is what costs), so a changed, added or
//! removed file is always seen. Only dossiers that read cleanly are stored: a broken one is parsed
//! every time, so its problems are always shown.
//!
//! The entries are spread over [`SHARDS`] files by file name, so that loading never holds more
//! than two shards in memory and a changed dossier rewrites one shard only. A shard written by
//! another version or build of diplomat, or damaged in any way (each entry carries a checksum),
//! is ignored and rebuilt. Shards are replaced atomically (temporary file, then rename), and the cache never
//! fails a command: a workspace that cannot be written to simply goes without.
//!
//! Write commands do not go through here: `edit` reads and parses the file it changes itself.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use crate::i18n::Lang;
use crate::model::{Dossier, PartialDate};
use crate::workspace::file::{self, Broken, Loaded};

pub mod memo;
mod msgpack;
pub mod pool;

/// Where the cache lives, relative to the workspace root.
pub const DIR: &str = ".diplomat/cache";
/// How many files the cache is spread over.
pub const SHARDS: usize = 64;

const MAGIC: &[u8; 8] = b"DIPLCACH";
/// Bump when the layout below or the way a dossier is encoded changes.
const FORMAT: u32 = 2;
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Who wrote a shard: this version of diplomat and this very build of it (the executable's size
/// and modification time), so that a rebuilt binary whose rules changed never trusts an old
/// cache, even before its version number moves.
fn stamp() -> &'static str {
    static STAMP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STAMP.get_or_init(|| {
        let build = std::env::current_exe()
            .and_then(|exe| exe.metadata())
            .ok()
            .map(|m| {
                let modified = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("+{}.{modified}", m.len())
            })
            .unwrap_or_default();
        format!("{VERSION}{build}")
    })
}

/// The file of shard `index`.
pub fn shard_path(root: &Path, index: usize) -> PathBuf {
    root.join(DIR).join(format!("dossiers-{index:02}.bin"))
}

fn shard_of(name: &str) -> usize {
    (xxh3_64(name.as_bytes()) % SHARDS as u64) as usize
}

/// Loads `files` (all in the workspace's `cities/`) through the cache, in parallel, and brings
/// the cache up to date. What was read goes to `dossiers` and `broken`, in no particular order.
///
/// Shards are taken one after the other, each file of a shard in parallel, reading shards into
/// two buffers in turn: the cache's own memory stays at two shards, whatever the workspace's size.
/// Each dossier goes through `map` on the worker that loaded it, so that a command keeps only
/// what it needs of each.
pub fn load<T: Send>(
    root: &Path,
    files: &[PathBuf],
    lang: Lang,
    map: &(dyn Fn(Loaded) -> T + Sync),
    dossiers: &mut Vec<T>,
    broken: &mut Vec<Broken>,
) {
    let mut groups: Vec<Vec<&PathBuf>> = vec![Vec::new(); SHARDS];
    let mut keep = |result| match result {
        Ok(loaded) => dossiers.push(loaded),
        Err(b) => broken.push(b),
    };
    for path in files {
        match path.file_name().and_then(|n| n.to_str()) {
            Some(name) => groups[shard_of(name)].push(path),
            // A name that is not UTF-8 cannot be a slug: let the loader say so.
            None => keep(file::load_dossier(root, path, lang).map(map)),
        }
    }
    let writable = prepare_dir(root);
    // Two buffers: the next shard is read while the files of this one are loaded.
    let mut current = read_shard(&shard_path(root, 0), Vec::new());
    let mut spare = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        let path = shard_path(root, index);
        let next = (index + 1 < SHARDS).then(|| shard_path(root, index + 1));
        let buffer = std::mem::take(&mut spare);
        let (results, next) = rayon::join(
            || load_shard(root, &path, &current, group, writable, lang, map),
            || next.map(|next| read_shard(&next, buffer)),
        );
        for result in results {
            keep(result);
        }
        spare = std::mem::replace(&mut current, next.unwrap_or_default());
    }
}

/// A shard file's bytes, in `buffer`; empty when there is none or it cannot be read, or is a
/// link (the cache is diplomat's own, written as files: a link was put there by someone else,
/// and could feed it dossiers from anywhere; writing the shard replaces the link).
fn read_shard(path: &Path, mut buffer: Vec<u8>) -> Vec<u8> {
    buffer.clear();
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        return buffer;
    }
    let read = std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut buffer));
    if read.is_err() {
        buffer.clear();
    }
    buffer
}
/// As [`read_shard`], a large file read in two halves at once (a search reads its memo of
/// every file before it can look at any).
#[cfg(not(unix))]
fn read_large(path: &Path) -> Vec<u8> {
    read_shard(path, Vec::new())
}

/// As [`read_shard`], a large file read in two halves at once (a search reads its memo of
/// every file before it can look at any).
#[cfg(unix)]
fn read_large(path: &Path) -> Vec<u8> {
    use std::os::unix::fs::FileExt;
    const LARGE: u64 = 8 << 20;
    let file = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() >= LARGE => std::fs::File::open(path),
        _ => return read_shard(path, Vec::new()),
    };
    let Ok((file, len)) = file.and_then(|f| {
        let len = usize::try_from(f.metadata()?.len()).map_err(std::io::Error::other)?;
        Ok((f, len))
    }) else {
        return Vec::new();
    };
    let mut bytes = vec![0; len];
    let (first, second) = bytes.split_at_mut(len / 2);
    let (a, b) = rayon::join(
        || file.read_exact_at(first, 0),
        || file.read_exact_at(second, (len / 2) as u64),
    );
    // Read to its end: a file longer than it was said to be is not taken in part.
    let mut more = [0; 1];
    match (a, b, file.read_at(&mut more, len as u64)) {
        (Ok(()), Ok(()), Ok(0)) => bytes,
        _ => Vec::new(),
    }
}

/// Creates the cache folder and its `.gitignore`; false when the workspace is read-only.
/// The caller has made sure the folder is inside the workspace
/// ([`crate::workspace::state_path`]); a `.gitignore` already there, a link too, is left as it
/// is (written, a link would be written through).
fn prepare_dir(root: &Path) -> bool {
    let dir = root.join(DIR);
    if std::fs::create_dir_all(&dir).is_err() {
        return false;
    }
    let ignore = dir.join(".gitignore");
    std::fs::symlink_metadata(&ignore).is_ok()
        || std::fs::write(
            &ignore,
            "# diplomat's cache of parsed dossiers: safe to delete, never to commit.\n*\n",
        )
        .is_ok()
}

/// One shard: load its dossiers (hits decoded, misses parsed), and write it again when anything
/// changed.
fn load_shard<T: Send>(
    root: &Path,
    path: &Path,
    bytes: &[u8],
    group: &[&PathBuf],
    writable: bool,
    lang: Lang,
    map: &(dyn Fn(Loaded) -> T + Sync),
) -> Vec<Result<T, Broken>> {
    let shard = Shard::parse(bytes);
    let outcomes: Vec<(Result<T, Broken>, Option<Stored>)> = group
        .par_iter()
        .map(|file| {
            let (result, stored) = load_file(root, file, shard.as_ref(), lang);
            (result.map(map), stored)
        })
        .collect();
    if writable {
        let hits = outcomes
            .iter()
            .filter(|(_, s)| matches!(s, Some(Stored::Hit(_))))
            .count();
        let stored = outcomes.iter().filter(|(_, s)| s.is_some()).count();
        let known = shard.as_ref().map_or(0, |s| s.entries.len());
        // Unchanged when every stored entry was a hit and every old entry is still used.
        let changed = (shard.is_none() && !bytes.is_empty()) || hits != stored || hits != known;
        if changed {
            let entries: Vec<&Stored> = outcomes.iter().filter_map(|(_, s)| s.as_ref()).collect();
            write_shard(path, &entries);
        }
    }
    outcomes.into_iter().map(|(result, _)| result).collect()
}

/// What goes into the shard for one file: the old entry as it was, or a new one.
enum Stored<'a> {
    Hit(Entry<'a>),
    New {
        name: String,
        hash: u128,
        payload: Vec<u8>,
    },
}

fn load_file<'a>(
    root: &Path,
    path: &Path,
    shard: Option<&Shard<'a>>,
    lang: Lang,
) -> (Result<Loaded, Broken>, Option<Stored<'a>>) {
    let shown = file::shown_path(root, path);
    let bytes = match file::read_dossier_bytes(root, path, &shown, lang) {
        Ok(bytes) => bytes,
        Err(broken) => return (Err(broken), None),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let hash = xxh3_128(&bytes);
    if let Some(entry) = shard.and_then(|s| s.entries.get(name))
        && entry.hash == hash
        && let Some(dossier) = entry.decode()
    {
        let loaded = Loaded::new(path.to_path_buf(), shown, dossier);
        return (Ok(loaded), Some(Stored::Hit(*entry)));
    }
    match file::parse_dossier(&shown, &bytes, lang) {
        Ok((dossier, _tree)) => {
            let stored = encode(&dossier).map(|payload| Stored::New {
                name: name.to_owned(),
                hash,
                payload,
            });
            (Ok(Loaded::new(path.to_path_buf(), shown, dossier)), stored)
        }
        Err(problems) => (
            Err(Broken {
                path: path.to_path_buf(),
                problems,
            }),
            None,
        ),
    }
}

/// A dossier as stored: the model, and its `x-` keys as JSON (the model does not serialize them).
#[derive(Serialize)]
struct Payload<'a> {
    dossier: &'a Dossier,
    extra: String,
}

#[derive(Deserialize)]
struct OwnedPayload {
    dossier: Dossier,
    extra: String,
}

fn encode(dossier: &Dossier) -> Option<Vec<u8>> {
    let extra = if dossier.extra.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&dossier.extra).ok()?
    };
    msgpack::to_vec(&Payload { dossier, extra }).ok()
}

fn decode(payload: &[u8]) -> Option<Dossier> {
    let OwnedPayload { mut dossier, extra } = rmp_serde::from_slice(payload).ok()?;
    if !extra.is_empty() {
        dossier.extra = serde_json::from_str(&extra).ok()?;
    }
    Some(dossier)
}

/// `relationship.signed` is written as text (`2000`, `2000-01`, `2000-01-14`); read it back.
impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let text = String::deserialize(d)?;
        let bad = || D::Error::custom(format!("`{text}` is not a signing date"));
        match text.len() {
            4 => text.parse().map(PartialDate::Year).map_err(|_| bad()),
            7 => {
                let (y, m) = text.split_once('-').ok_or_else(bad)?;
                Ok(PartialDate::Month(
                    y.parse().map_err(|_| bad())?,
                    m.parse().map_err(|_| bad())?,
                ))
            }
            _ => text.parse().map(PartialDate::Day).map_err(|_| bad()),
        }
    }
}

/// One entry of a shard file, borrowed from the file's bytes.
#[derive(Clone, Copy)]
struct Entry<'a> {
    name: &'a str,
    hash: u128,
    checksum: u64,
    payload: &'a [u8],
}

impl<'a> Entry<'a> {
    fn decode(&self) -> Option<Dossier> {
        self.checked().and_then(decode)
    }

    /// The payload, when it matches its checksum.
    fn checked(&self) -> Option<&'a [u8]> {
        (xxh3_64(self.payload) == self.checksum).then_some(self.payload)
    }
}

/// A shard file:
///
/// ```text
/// "DIPLCACH"  format: u32  stamp: u8 length + bytes  count: u32
/// count × { name: u16 length + bytes  hash: u128  checksum: u64  payload: u32 length + bytes }
/// ```
///
/// Integers are little-endian; `checksum` is the xxh3-64 of the payload.
struct Shard<'a> {
    entries: HashMap<&'a str, Entry<'a>>,
}

impl<'a> Shard<'a> {
    /// `None` for a missing, foreign-version or damaged file.
    fn parse(bytes: &'a [u8]) -> Option<Self> {
        let mut r = Cursor { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT {
            return None;
        }
        let version_len = usize::from(r.take(1)?[0]);
        if r.take(version_len)? != stamp().as_bytes() {
            return None;
        }
        let count = r.u32()? as usize;
        let mut entries = HashMap::with_capacity(count.min(bytes.len() / 32));
        for _ in 0..count {
            let name_len = usize::from(u16::from_le_bytes(r.array()?));
            let name = std::str::from_utf8(r.take(name_len)?).ok()?;
            let hash = u128::from_le_bytes(r.array()?);
            let checksum = u64::from_le_bytes(r.array()?);
            let payload_len = r.u32()? as usize;
            let payload = r.take(payload_len)?;
            let entry = Entry {
                name,
                hash,
                checksum,
                payload,
            };
            entries.insert(name, entry);
        }
        (r.at == bytes.len()).then_some(Shard { entries })
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
}

/// Replaces a shard file atomically; any failure leaves the old file (or none) and is ignored.
fn write_shard(path: &Path, entries: &[&Stored]) {
    let Some(dir) = path.parent() else { return };
    if entries.is_empty() {
        let _ = std::fs::remove_file(path);
        return;
    }
    let mut out = Vec::with_capacity(
        entries
            .iter()
            .map(|e| match e {
                Stored::Hit(entry) => entry.payload.len(),
                Stored::New { payload, .. } => payload.len(),
            } + 64)
            .sum(),
    );
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    let Ok(stamp_len) = u8::try_from(stamp().len()) else {
        return;
    };
    out.push(stamp_len);
    out.extend_from_slice(stamp().as_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for stored in entries {
        let (name, hash, checksum, payload) = match stored {
            Stored::Hit(e) => (e.name, e.hash, e.checksum, e.payload),
            Stored::New {
                name,
                hash,
                payload,
            } => (name.as_str(), *hash, xxh3_64(payload), payload.as_slice()),
        };
        let (Ok(name_len), Ok(payload_len)) =
            (u16::try_from(name.len()), u32::try_from(payload.len()))
        else {
            return;
        };
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&hash.to_le_bytes());
        out.extend_from_slice(&checksum.to_le_bytes());
        out.extend_from_slice(&payload_len.to_le_bytes());
        out.extend_from_slice(payload);
    }
    let Ok(mut file) = tempfile::NamedTempFile::new_in(dir) else {
        return;
    };
    if file.write_all(&out).is_ok() {
        let _ = file.persist(path);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    const DOSSIER: &str = "slug: kazan\nname:\n  en: Kazan\n  fa: کازان\ncountry: RU\nrelationship:\n  kind: sister-city\n  status: active\n  signed: 2016-05\nfacilitators:\n  - id: maryam\n    name: Maryam\n    status: active\n    since: 2026-01-02\nactions:\n  - id: a-1\n    title: Call\n    owner: joint\n    status: done\n    done: 2026-02-03\nx-budget: {line: 7, tags: [a, b]}\n";

    #[test]
    fn a_dossier_survives_the_round_trip() {
        let (dossier, _) =
            file::parse_dossier(Path::new("cities/kazan.yaml"), DOSSIER.as_bytes(), Lang::En)
                .unwrap();
        let payload = encode(&dossier).unwrap();
        assert_eq!(decode(&payload), Some(dossier));
    }

    #[test]
    fn the_shipped_dossiers_survive_the_round_trip() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let files: Vec<_> = std::fs::read_dir(root.join("cities"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        assert!(!files.is_empty());
        for path in files {
            let shown = file::shown_path(root, &path);
            let bytes = std::fs::read(&path).unwrap();
            let (dossier, _) = file::parse_dossier(&shown, &bytes, Lang::En).unwrap();
            assert_eq!(
                decode(&encode(&dossier).unwrap()),
                Some(dossier),
                "{}",
                shown.display()
            );
        }
    }

    #[test]
    fn every_signing_date_shape_survives() {
        for signed in ["2016", "2016-05", "2016-05-07"] {
            let text = DOSSIER.replace("2016-05", signed);
            let (dossier, _) =
                file::parse_dossier(Path::new("kazan.yaml"), text.as_bytes(), Lang::En).unwrap();
            assert_eq!(decode(&encode(&dossier).unwrap()), Some(dossier));
        }
    }

    #[test]
    fn damaged_shards_are_refused() {
        let (dossier, _) =
            file::parse_dossier(Path::new("kazan.yaml"), DOSSIER.as_bytes(), Lang::En).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shard.bin");
        let stored = Stored::New {
            name: "kazan.yaml".into(),
            hash: 7,
            payload: encode(&dossier).unwrap(),
        };
        write_shard(&path, &[&stored]);
        let bytes = std::fs::read(&path).unwrap();
        let shard = Shard::parse(&bytes).unwrap();
        assert_eq!(shard.entries["kazan.yaml"].decode(), Some(dossier));
        // Every truncation is refused, never a panic.
        for end in 0..bytes.len() {
            assert!(Shard::parse(&bytes[..end]).is_none());
        }
        // A flipped byte in the payload fails its checksum.
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x20;
        let shard = Shard::parse(&flipped).unwrap();
        assert!(shard.entries["kazan.yaml"].decode().is_none());
        // Another version's shard is ignored.
        let mut foreign = bytes.clone();
        let at = MAGIC.len() + 4 + 1;
        foreign[at] = b'9';
        assert!(Shard::parse(&foreign).is_none());
    }
}
