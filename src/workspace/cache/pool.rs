//! The parsed pool (`pool.yaml`) beside the dossiers' shards, in `.diplomat/cache/pool.bin`:
//! one entry, keyed by the xxh3-128 hash of the file's bytes. The file is read and hashed on
//! every run, so an edited pool is always seen and parsed again; only a pool that reads cleanly
//! is stored, so a broken one's problems are always shown. Like a shard, the file is ignored
//! when another build wrote it or it is damaged (its checksum), and replaced atomically.
//!
//! What is stored is what the file holds: encrypted contact details stay `ENC[…]` (they are
//! opened in memory, after loading, by the commands that show them).

use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use super::{Shard, Stored};
use crate::model::Pool;

/// The cache's file of the pool, in [`super::DIR`].
pub const FILE: &str = "pool.bin";
/// The name of its one entry.
const ENTRY: &str = "pool.yaml";

#[derive(Serialize)]
struct Payload<'a> {
    pool: &'a Pool,
    extra: String,
}

#[derive(Deserialize)]
struct OwnedPayload {
    pool: Pool,
    extra: String,
}

fn encode(pool: &Pool) -> Option<Vec<u8>> {
    let extra = if pool.extra.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&pool.extra).ok()?
    };
    super::msgpack::to_vec(&Payload { pool, extra }).ok()
}

fn decode(payload: &[u8]) -> Option<Pool> {
    let OwnedPayload { mut pool, extra } = rmp_serde::from_slice(payload).ok()?;
    if !extra.is_empty() {
        pool.extra = serde_json::from_str(&extra).ok()?;
    }
    Some(pool)
}

/// The pool whose file holds `bytes`: from the cache of the workspace at `root` when it was
/// stored from these very bytes, else from `parse`, and then stored for the next run (when it
/// parsed cleanly and the workspace can be written to; the cache never fails a command).
pub fn load<E>(
    root: &Path,
    bytes: &[u8],
    parse: impl FnOnce() -> Result<Pool, E>,
) -> Result<Pool, E> {
    let file = root.join(super::DIR).join(FILE);
    let hash = xxh3_128(bytes);
    let stored = super::read_shard(&file, Vec::new());
    if let Some(shard) = Shard::parse(&stored)
        && let Some(entry) = shard.entries.get(ENTRY)
        && entry.hash == hash
        && let Some(payload) = entry.checked()
        && let Some(pool) = decode(payload)
    {
        return Ok(pool);
    }
    let pool = parse()?;
    if super::prepare_dir(root)
        && let Some(payload) = encode(&pool)
    {
        let entry = Stored::New {
            name: ENTRY.to_owned(),
            hash,
            payload,
        };
        super::write_shard(&file, &[&entry]);
    }
    Ok(pool)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::i18n::Lang;

    const POOL: &str = "candidates:\n  - id: li-wei\n    name: Li Wei\n    name_fa: لی وی\n    languages: [zh, en]\n    expertise: [tourism]\n    connection: Studied in Xi'an\n    interests: [xian]\n    signed_up: 2026-11-20\n    source: Chamber sign-up sheet, Azar 1405\n    contact:\n      email: li@example.org\n      phone: \"+98 912\"\n    notes: |\n      Met at the fair.\n  - id: sara\n    name: Sara\nx-sheet: {year: 1405}\n";

    fn parsed(text: &str) -> Pool {
        crate::workspace::parse_pool(Path::new(ENTRY), text.as_bytes(), Lang::En)
            .map(|(pool, _)| pool)
            .unwrap()
    }

    #[test]
    fn a_pool_survives_the_round_trip() {
        let pool = parsed(POOL);
        assert_eq!(decode(&encode(&pool).unwrap()), Some(pool));
    }

    #[test]
    fn the_second_load_is_the_cache_and_changed_bytes_are_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = parsed(POOL);
        let first = load(dir.path(), POOL.as_bytes(), || Ok::<_, ()>(parsed(POOL)));
        assert_eq!(first, Ok(fresh.clone()));
        let again = load(dir.path(), POOL.as_bytes(), || Err(()));
        assert_eq!(again, Ok(fresh), "read from the cache, not parsed");
        let edited = POOL.replace("Sara", "Sarah");
        let changed = load(dir.path(), edited.as_bytes(), || Err(()));
        assert_eq!(changed, Err(()), "other bytes are parsed again");
    }

    #[test]
    fn a_damaged_cache_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let _ = load(dir.path(), POOL.as_bytes(), || Ok::<_, ()>(parsed(POOL)));
        let file = dir.path().join(super::super::DIR).join(FILE);
        let mut bytes = std::fs::read(&file).unwrap();
        let at = bytes.len() - 5;
        bytes[at] ^= 0x20;
        std::fs::write(&file, &bytes).unwrap();
        assert_eq!(load(dir.path(), POOL.as_bytes(), || Err(())), Err(()));
    }
}
