//! Dossier changes from `git log`, read through the `git` program (no library: analysts'
//! repositories are whatever git they have, and the program reads them all).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::civil::Date;

use crate::cache::memo::Memo;

pub mod commit;
mod objects;
use crate::lang::Lang;
use crate::query::diff::{Details, Said};
use crate::query::weekly::{Change, Period};
use objects::Found;
pub use objects::blobs;

/// What `git log` said about the period, or why it could not say.
pub enum History {
    Changes(Vec<Change>),
    NotARepository,
    GitMissing,
}

impl History {
    pub fn note(&self) -> &'static str {
        match self {
            History::Changes(_) => "available",
            History::NotARepository => "not a git repository",
            History::GitMissing => "git not found",
        }
    }
}

/// Commits of the period that touched `cities/`, newest first, with what each changed said
/// as `said` says; and, for each of `files` (dossier paths relative to
/// the workspace), how it stood in the last commit before the period.
///
/// A fixed number of processes whatever the portfolio's size: `git log`, `git rev-list`,
/// `git diff` (which dossiers changed since that commit) and one `git cat-file` for every
/// blob read. A dossier unchanged since then is not read again: [`Before::Unchanged`].
/// With `cache`, what a commit changed and how a dossier stood in a commit are kept in the
/// workspace's [`Memo`]: a week asked about again starts no `git cat-file` at all. What
/// shows contact details is never kept there: the memo is a file, the details private.
pub fn period(
    root: &Path,
    period: Period,
    files: &[PathBuf],
    said: &Said,
    cache: bool,
) -> (History, Vec<Option<Before>>) {
    let (lang, calendar) = (said.lang, said.calendar);
    let hidden = matches!(said.details, Details::Hidden);
    // The commit before the period and what changed since, beside the period's log.
    let (output, start, mut memo) = std::thread::scope(|scope| {
        let start = scope.spawn(|| {
            commit_before(root, period.from).map(|c| {
                let changed = changed_files(root, &c, None, true);
                (c, changed)
            })
        });
        let memo = scope.spawn(|| Memo::open(root, cache));
        let log = log(root, period);
        let memo = memo.join().unwrap_or_else(|_| Memo::open(root, false));
        (log, start.join().ok().flatten(), memo)
    });
    let mut changes = match output {
        Err(_) => return (History::GitMissing, Vec::new()),
        Ok(out) if !out.status.success() => return (History::NotARepository, Vec::new()),
        Ok(out) => parse(&String::from_utf8_lossy(&out.stdout)),
    };
    let settings = format!("{lang:?}\0{calendar:?}");
    // Each request with the dossier file it reads (relative to the workspace): first the two
    // versions of every change the memo does not know, then the starting tree and dossiers.
    let mut requests: Vec<(String, String)> = Vec::new();
    let mut details: Vec<Vec<Detail>> = Vec::with_capacity(changes.len());
    for (_, commit, files) in &changes {
        let mut per_file = Vec::with_capacity(files.len());
        for f in files {
            let key = format!("changes\0{commit}\0{f}\0{settings}");
            per_file.push(match memo.lines(&key).filter(|_| hidden) {
                Some(lines) => Detail::Known(lines),
                None => {
                    requests.push((format!("{commit}^:{f}"), f.clone()));
                    requests.push((format!("{commit}:{f}"), f.clone()));
                    Detail::Request(requests.len() - 2, key)
                }
            });
        }
        details.push(per_file);
    }
    let described = requests.len();
    // Dossiers as they stood: the names in the commit's `cities/` (one tree object), and the
    // contents of only those that changed since.
    let mut starts: Vec<Start> = Vec::new();
    let mut tree = Tree::None;
    if let Some((commit, changed)) = &start {
        let tree_key = format!("tree\0{commit}");
        for file in files {
            let relative = file.to_string_lossy().replace('\\', "/");
            if changed.as_ref().is_some_and(|c| !c.contains(&relative)) {
                if matches!(tree, Tree::None) {
                    tree = match memo.lines(&tree_key) {
                        Some(names) => Tree::Known(names.into_iter().collect()),
                        None => {
                            requests.push((format!("{commit}:./cities"), String::new()));
                            Tree::Request(requests.len() - 1, tree_key.clone())
                        }
                    };
                }
                starts.push(Start::InTree(
                    Path::new(&relative)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ));
            } else {
                let key = format!("start\0{commit}\0{relative}");
                starts.push(match memo.dossier(&key) {
                    Some(dossier) => Start::Known(dossier.map(Box::new)),
                    None => {
                        requests.push((format!("{commit}:./{relative}"), relative));
                        Start::Request(requests.len() - 1, key)
                    }
                });
            }
        }
    }
    let specs: Vec<String> = requests.iter().map(|(s, _)| s.clone()).collect();
    // Only a complete answer is remembered: a git that stopped half-way is asked again.
    let (found, complete) = match objects::complete(root, &specs) {
        Some(found) => (found, true),
        None => (vec![Found::Missing; specs.len()], false),
    };
    let parsed = parse_distinct(&requests, &found, described);
    let text = |i: usize| -> Option<&Parsed> {
        match found.get(i) {
            Some(Found::Blob(bytes)) => parsed.get(&key(&requests[i].1, bytes)),
            _ => None,
        }
    };
    for ((change, _, files), per_file) in changes.iter_mut().zip(details) {
        for (file, detail) in files.iter().zip(per_file) {
            let lines = match detail {
                Detail::Known(lines) => lines,
                Detail::Request(i, key) => {
                    let json = |p: Option<&Parsed>| {
                        p.map_or(Ok(None), |p| p.json.clone().unwrap_or(Err(())))
                    };
                    let slug = Path::new(file)
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let lines: Vec<String> = json_changes(json(text(i)), json(text(i + 1)), said)
                        .into_iter()
                        .map(|line| format!("{}: {line}", lang.embed(&slug)))
                        .collect();
                    if complete && hidden {
                        memo.put_lines(key, &lines);
                    }
                    lines
                }
            };
            change.details.extend(lines);
        }
    }
    let names: Option<HashSet<String>> = match tree {
        Tree::None => None,
        Tree::Known(names) => Some(names),
        Tree::Request(i, key) => match found.get(i) {
            Some(Found::Tree(names)) => {
                let mut sorted: Vec<String> = names.iter().cloned().collect();
                sorted.sort();
                memo.put_lines(key, &sorted);
                Some(names.clone())
            }
            _ => None,
        },
    };
    let befores = if starts.is_empty() {
        vec![None; files.len()]
    } else {
        starts
            .into_iter()
            .map(|start| match start {
                Start::InTree(name) => names
                    .as_ref()
                    .is_some_and(|n| n.contains(&name))
                    .then_some(Before::Unchanged),
                Start::Known(dossier) => dossier.map(Before::Old),
                Start::Request(i, key) => {
                    let dossier = text(i).and_then(|p| p.dossier.clone());
                    // A commit without the file, or with a version that does not read, is
                    // as good as none, for ever.
                    if complete {
                        memo.put_dossier(key, dossier.as_deref());
                    }
                    dossier.map(Before::Old)
                }
            })
            .collect()
    };
    memo.save();
    (
        History::Changes(changes.into_iter().map(|(c, _, _)| c).collect()),
        befores,
    )
}

/// What one commit changed in one dossier: known from the memo, or read from two requests
/// (the version before, then the commit's), to be remembered under the key.
enum Detail {
    Known(Vec<String>),
    Request(usize, String),
}

/// The names in the starting commit's `cities/`, when some dossier needs them.
enum Tree {
    None,
    Known(HashSet<String>),
    Request(usize, String),
}

/// `git log` of the period's commits that touched `cities/`, with the files each touched. A
/// commit is chosen and dated by its committer date, in local time, as `--since`/`--until`
/// read the period: a rebased or cherry-picked commit keeps its author date, and shows in the
/// week it landed, with that week's date.
fn log(root: &Path, period: Period) -> std::io::Result<std::process::Output> {
    Command::new("git")
        .arg("-c")
        .arg("core.quotepath=off")
        .arg("-C")
        .arg(root)
        .args([
            "log",
            "-z",
            "--date=short-local",
            "--format=%x1e%cd%x1f%an%x1f%s%x1f%H",
            "--name-only",
        ])
        .arg(format!("--since={}T00:00:00", period.from))
        .arg(format!("--until={}T23:59:59", period.to))
        .args(["--", "cities"])
        .output()
}

/// How a dossier stood when the period began.
#[derive(Clone)]
pub enum Before {
    /// As it is now.
    Unchanged,
    /// Otherwise.
    Old(Box<crate::model::Dossier>),
}

/// Where a dossier's starting version is found.
enum Start {
    /// Unchanged since: present if its name is in the commit's `cities/`.
    InTree(String),
    /// Changed since, and remembered: the version, or none.
    Known(Option<Box<crate::model::Dossier>>),
    /// Changed since: read by this request, remembered under the key.
    Request(usize, String),
}

/// A blob parsed once, however many requests read it.
struct Parsed {
    json: Option<Result<Option<serde_json::Value>, ()>>,
    dossier: Option<Box<crate::model::Dossier>>,
}

fn key(path: &str, bytes: &[u8]) -> (u128, String) {
    (xxhash_rust::xxh3::xxh3_128(bytes), path.to_owned())
}

/// A blob to parse, by its hash and file: its bytes, whether as a tree, whether as a dossier.
type Wanted<'a> = ((u128, String), (&'a [u8], bool, bool));

/// Every distinct blob read, parsed once, on every core: as a tree for the changes (the
/// first `described` requests), as a dossier for the readiness before (the rest).
///
/// On threads of its own, not rayon's: the weekly report reads history while its dossiers
/// load, and a small workspace loads on rayon's one thread, the caller's, which is then
/// waiting for this.
fn parse_distinct(
    requests: &[(String, String)],
    found: &[Found],
    described: usize,
) -> HashMap<(u128, String), Parsed> {
    let mut wanted: HashMap<(u128, String), (&[u8], bool, bool)> = HashMap::new();
    for (i, ((_, path), found)) in requests.iter().zip(found).enumerate() {
        if let Found::Blob(bytes) = found {
            let entry = wanted
                .entry(key(path, bytes))
                .or_insert((bytes, false, false));
            if i < described {
                entry.1 = true;
            } else {
                entry.2 = true;
            }
        }
    }
    let wanted: Vec<Wanted> = wanted.into_iter().collect();
    let parse = |part: &[Wanted]| -> Vec<_> {
        part.iter()
            .map(|((hash, path), (bytes, json, dossier))| {
                let parsed = parse_blob(Path::new(path), bytes, *json, *dossier);
                ((*hash, path.clone()), parsed)
            })
            .collect()
    };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if cores < 2 || wanted.len() < 2 {
        return parse(&wanted).into_iter().collect();
    }
    let chunk = wanted.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let parts: Vec<_> = wanted
            .chunks(chunk)
            .map(|part| {
                // Parsing recurses per nesting level: the main thread's stack size.
                let worker = std::thread::Builder::new()
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, || parse(part));
                (part, worker)
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|(part, worker)| match worker {
                Ok(worker) => worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: parsed here.
                Err(_) => parse(part),
            })
            .collect()
    })
}

fn parse_blob(path: &Path, bytes: &[u8], json: bool, dossier: bool) -> Parsed {
    if dossier && let Ok((d, tree)) = crate::load::parse_dossier(path, bytes, Lang::En) {
        return Parsed {
            json: json.then(|| Ok(Some(tree.to_json()))),
            dossier: Some(Box::new(d)),
        };
    }
    let json = json.then(|| match crate::yaml::parse(path, bytes, Lang::En) {
        Ok(node) => Ok(Some(node.map_or(serde_json::Value::Null, |n| n.to_json()))),
        Err(_) => Err(()),
    });
    Parsed {
        json,
        dossier: None,
    }
}

/// Dossier files (`/`-separated) whose contents differ between `old` and `new` (the working
/// folder when `None`), including the ones only one side has; `None` when git cannot say.
/// Paths are relative to the workspace with `relative`, else to the top of the repository.
pub fn changed_files(
    root: &Path,
    old: &str,
    new: Option<&str>,
    relative: bool,
) -> Option<HashSet<String>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["diff", "--no-renames", "--name-only", "-z"])
        .args(relative.then_some("--relative"))
        .arg(old)
        .args(new)
        .args(["--", crate::workspace::CITIES_DIR])
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

/// The changes between two versions of a dossier file; one that does not read says so.
pub fn dossier_changes(before: Option<&[u8]>, after: Option<&[u8]>, said: &Said) -> Vec<String> {
    let lang = said.lang;
    let read = |bytes: Option<&[u8]>| -> Result<Option<serde_json::Value>, ()> {
        match bytes {
            None => Ok(None),
            Some(b) => match crate::yaml::parse(Path::new("dossier.yaml"), b, lang) {
                Ok(node) => Ok(Some(node.map_or(serde_json::Value::Null, |n| n.to_json()))),
                Err(_) => Err(()),
            },
        }
    };
    json_changes(read(before), read(after), said)
}

/// The changes between two versions of a dossier, read as trees (`Err` when one does not read).
fn json_changes(
    before: Result<Option<serde_json::Value>, ()>,
    after: Result<Option<serde_json::Value>, ()>,
    said: &Said,
) -> Vec<String> {
    let lang = said.lang;
    match (before, after) {
        (Ok(b), Ok(a)) => crate::query::diff::changes(b.as_ref(), a.as_ref(), said),
        (_, Err(())) => vec![crate::say!(
            lang,
            "cannot be read (see {validate})",
            "خوانده نمی‌شود ({validate} را ببینید)",
            validate = lang.code("diplomat validate")
        )],
        (Err(()), Ok(_)) => vec![
            lang.pick("can be read again", "دوباره خوانده می‌شود")
                .to_owned(),
        ],
    }
}

fn parse(log: &str) -> Vec<(Change, String, Vec<String>)> {
    log.split('\x1e')
        .filter(|record| !record.trim().is_empty())
        .filter_map(|record| {
            let (header, files) = record.split_once('\0').unwrap_or((record, ""));
            let mut fields = header.split('\x1f');
            let date: Date = fields.next()?.trim().parse().ok()?;
            let author = fields.next()?.to_owned();
            let subject = fields.next().unwrap_or_default().to_owned();
            let commit = fields.next().unwrap_or_default().to_owned();
            let files: Vec<String> = files
                .split('\0')
                .map(str::trim)
                .filter(|f| f.ends_with(".yaml") || f.ends_with(".yml"))
                .map(str::to_owned)
                .collect();
            let mut cities: Vec<String> = files
                .iter()
                .filter_map(|f| Path::new(f).file_stem()?.to_str().map(str::to_owned))
                .collect();
            cities.sort();
            cities.dedup();
            let change = Change {
                date,
                author,
                subject,
                cities,
                details: Vec::new(),
            };
            Some((change, commit, files))
        })
        .collect()
}

/// Whether `root` may be inside a git repository (a `.git` above it, or `GIT_DIR` set),
/// without starting git: a workspace that cannot be is spared work only history would use.
pub fn may_be_repository(root: &Path) -> bool {
    std::env::var_os("GIT_DIR").is_some() || root.ancestors().any(|dir| dir.join(".git").exists())
}

/// The last commit made before `date` began, if the workspace is in a repository.
pub fn commit_before(root: &Path, date: Date) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-list", "-1"])
        .arg(format!("--before={date}T00:00:00"))
        .arg("HEAD")
        .output()
        .ok()?;
    let commit = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !commit.is_empty()).then_some(commit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_git_log_records() {
        let log = "\x1e2026-11-26\x1fAli\x1fsecond\0\ncities/c.yaml\0\x1e2026-11-25\x1fMaryam R\x1fbarcelona: log call\0\ncities/barcelona.yaml\0cities/ب.yaml\0";
        let changes: Vec<Change> = parse(log).into_iter().map(|(c, _, _)| c).collect();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1].author, "Maryam R");
        assert_eq!(
            changes[1].cities,
            vec!["barcelona".to_owned(), "ب".to_owned()]
        );
        assert_eq!(changes[0].date, jiff::civil::date(2026, 11, 26));
    }
}
