//! `pool.yaml`: read from inside the workspace only, parsed and checked with located problems.

use std::path::{Path, PathBuf};

use super::LoadOptions;
use super::file::Broken;
use crate::i18n::Lang;
use crate::model::Pool;
use crate::model::read::{self, Reader};
use crate::problem::Problem;
use crate::yaml;

/// The pool of candidates, at the workspace root.
pub const POOL_FILE: &str = "pool.yaml";

/// Where the pool of the workspace `root` is (whether or not it exists).
pub fn pool_path(root: &Path) -> PathBuf {
    root.join(POOL_FILE)
}

/// The pool of the workspace at `root`: `None` when there is no `pool.yaml`. A file that does
/// not read cleanly is [`Broken`], with every problem located; so is a link out of the
/// workspace, or what is not a regular file ([`super::read_own`]).
pub fn load_pool(root: &Path, lang: Lang) -> Result<Option<Pool>, Broken> {
    read_pool(root, lang, false)
}

/// [`load_pool`] for a read command: through the cache (`.diplomat/cache/pool.bin`) unless
/// `options.cache` is off or the cache folder leads out of the workspace. The file is read and
/// hashed every time, so an edited pool is parsed again.
pub fn load_pool_cached(root: &Path, options: &LoadOptions) -> Result<Option<Pool>, Broken> {
    let cache = options.cache && super::state_path(root, "cache").is_ok();
    read_pool(root, options.lang, cache)
}

fn read_pool(root: &Path, lang: Lang, cache: bool) -> Result<Option<Pool>, Broken> {
    let shown = Path::new(POOL_FILE);
    let broken = |problems: Vec<Problem>| Broken {
        path: pool_path(root),
        problems,
    };
    let Some(bytes) = super::read_own(root, shown, lang).map_err(|p| broken(vec![*p]))? else {
        return Ok(None);
    };
    let parse = || parse_pool(shown, &bytes, lang).map(|(pool, _)| pool);
    let pool = if cache {
        super::cache::pool::load(root, &bytes, parse)
    } else {
        parse()
    };
    pool.map(Some).map_err(broken)
}

/// Bytes → pool, with every problem found; `shown` names the file in messages. An empty file
/// (or one of comments only) is an empty pool.
pub fn parse_pool(
    shown: &Path,
    bytes: &[u8],
    lang: Lang,
) -> Result<(Pool, yaml::Node), Vec<Problem>> {
    let tree = yaml::parse(shown, bytes, lang).map_err(|p| vec![*p])?;
    let Some(tree) = tree else {
        let empty = yaml::Node {
            value: yaml::Value::Null,
            loc: crate::problem::Loc::new(1, 1),
        };
        return Ok((Pool::default(), empty));
    };
    let text = String::from_utf8_lossy(bytes);
    let mut reader = Reader::new(shown, &text, lang);
    match read::pool(&mut reader, &tree) {
        Some(pool) if reader.problems.is_empty() => Ok((pool, tree)),
        _ => Err(reader.problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, lang: Lang) -> Result<Pool, Vec<String>> {
        parse_pool(Path::new(POOL_FILE), text.as_bytes(), lang)
            .map(|(pool, _)| pool)
            .map_err(|problems| problems.iter().map(|p| p.show(lang).to_string()).collect())
    }

    #[test]
    fn a_pool_reads_every_field() {
        let pool = parse(
            "# sign-ups\ncandidates:\n  - id: li-wei\n    name: Li Wei\n    name_fa: لی وی\n    languages: [zh, en]\n    expertise: [tourism]\n    connection: Studied in Xi'an\n    interests: [xian]\n    signed_up: 2026-11-20\n    source: Chamber sign-up sheet, Azar 1405\n    contact:\n      email: li@example.org\n    notes: |\n      Met at the fair.\n    x-referred-by: reza\nx-sheet: 1405\n",
            Lang::En,
        )
        .unwrap_or_default();
        let li = &pool.candidates[0];
        assert_eq!(li.id, "li-wei");
        assert_eq!(li.languages, ["zh", "en"]);
        assert_eq!(li.interests, ["xian"]);
        assert_eq!(
            li.signed_up.map(|d| d.to_string()).as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(li.contact.email.as_deref(), Some("li@example.org"));
        assert_eq!(li.notes.as_deref(), Some("Met at the fair.\n"));
        assert!(pool.extra.contains_key("x-sheet"));
    }

    #[test]
    fn no_candidates_is_an_empty_pool() {
        assert_eq!(parse("", Lang::En), Ok(Pool::default()));
        assert_eq!(parse("# nobody yet\n", Lang::En), Ok(Pool::default()));
        assert_eq!(parse("candidates: []\n", Lang::En), Ok(Pool::default()));
    }

    #[test]
    fn problems_are_located() {
        let text = "candidates:\n  - id: a\n    name: A\n    interest: [xian]\n  - id: a\n    name: B\n    interests: [Xi'an]\n    signed_up: 1405-09-01\n  - name: C\n";
        let problems = parse(text, Lang::En).err().unwrap_or_default();
        let firsts: Vec<&str> = problems
            .iter()
            .map(|p| p.lines().next().unwrap_or_default())
            .collect();
        assert_eq!(
            firsts,
            [
                "pool.yaml:4:5: unknown key `interest` in `candidates[]`",
                "pool.yaml:7:17: `Xi'an` in `interests` is not a city's slug",
                "pool.yaml:8:16: `1405-09-01` in `signed_up` looks like a Solar Hijri date",
                "pool.yaml:9:5: `candidate id` is missing",
                "pool.yaml:5:9: duplicate candidate id `a`",
            ]
        );
        let fa = parse(text, Lang::Fa).err().unwrap_or_default();
        assert_eq!(fa.len(), 5);
        assert!(fa[3].contains("شناسهٔ داوطلب وارد نشده است"), "{}", fa[3]);
    }

    #[test]
    fn the_top_level_is_candidates() {
        let problems = parse("candidate:\n  - id: a\n    name: A\n", Lang::En)
            .err()
            .unwrap_or_default();
        assert!(
            problems[0].starts_with("pool.yaml:1:1: unknown key `candidate` in `pool`"),
            "{problems:?}"
        );
        assert!(
            problems[0].contains("did you mean `candidates`?"),
            "{problems:?}"
        );
    }
}
