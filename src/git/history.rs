//! What `git log` says of the dossiers: the commits of a period, what each changed (told in
//! words the caller chooses, [`Tell`]), and how each dossier stood when the period began.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::objects::{self, Found};
use super::{Call, changed_files};
use crate::i18n::Lang;
use crate::model::Dossier;
use crate::workspace::cache::memo::Memo;

/// One commit of the period that touched `cities/`.
pub struct Commit {
    /// Its committer date, in local time.
    pub date: Date,
    pub author: String,
    pub subject: String,
    /// The slugs of the dossiers it touched, sorted.
    pub cities: Vec<String>,
    /// What it changed in them, as [`Tell`] says it.
    pub details: Vec<String>,
}

/// What `git log` said about the period, or why it could not say.
pub enum History {
    Changes(Vec<Commit>),
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

/// A version of a dossier read as a tree: `None` when the commit has no such file, `Err` when
/// it does not read.
pub type Version = Result<Option<serde_json::Value>, ()>;

/// How the change of one dossier in one commit is told.
pub trait Tell: Sync {
    /// What the words depend on (language, calendar…), for the memo's key; `None` when they
    /// must not be kept (they show contact details, and the memo is a file).
    fn key(&self) -> Option<String>;
    /// The lines saying what changed from `before` to `after` in the dossier `slug`.
    fn tell(&self, slug: &str, before: Version, after: Version) -> Vec<String>;
}

/// Commits of the period (`from` to `to`, both included) that touched `cities/`, newest
/// first, with what each changed told by `tell`; and, for each of `files` (dossier paths relative to
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
    (from, to): (Date, Date),
    files: &[PathBuf],
    tell: &dyn Tell,
    cache: bool,
) -> (History, Vec<Option<Before>>) {
    let told = tell.key();
    // The commit before the period and what changed since, beside the period's log.
    let (output, start, mut memo) = std::thread::scope(|scope| {
        let start = scope.spawn(|| {
            commit_before(root, from).map(|c| {
                let changed = changed_files(root, &c, None, true);
                (c, changed)
            })
        });
        let memo = scope.spawn(|| Memo::open(root, cache));
        let log = log(root, from, to);
        let memo = memo.join().unwrap_or_else(|_| Memo::open(root, false));
        (log, start.join().ok().flatten(), memo)
    });
    let mut changes = match output {
        Err(_) => return (History::GitMissing, Vec::new()),
        Ok(out) if !out.status.success() => return (History::NotARepository, Vec::new()),
        Ok(out) => parse(&String::from_utf8_lossy(&out.stdout)),
    };
    // Each request with the dossier file it reads (relative to the workspace): first the two
    // versions of every change the memo does not know, then the starting tree and dossiers.
    let mut requests: Vec<(String, String)> = Vec::new();
    let mut details: Vec<Vec<Detail>> = Vec::with_capacity(changes.len());
    for (_, commit, files) in &changes {
        let mut per_file = Vec::with_capacity(files.len());
        for f in files {
            let key = format!("changes\0{commit}\0{f}\0{}", told.as_deref().unwrap_or(""));
            per_file.push(match memo.lines(&key).filter(|_| told.is_some()) {
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
                    let lines = tell.tell(&slug, json(text(i)), json(text(i + 1)));
                    if complete && told.is_some() {
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
fn log(root: &Path, from: Date, to: Date) -> super::Result<std::process::Output> {
    Call::at(root)
        .args(["-c", "core.quotepath=off"])
        .args([
            "log",
            "-z",
            "--date=short-local",
            "--format=%x1e%cd%x1f%an%x1f%s%x1f%H",
            "--name-only",
        ])
        .arg(format!("--since={from}T00:00:00"))
        .arg(format!("--until={to}T23:59:59"))
        .args(["--", "cities"])
        .output()
}

/// How a dossier stood when the period began.
#[derive(Clone)]
pub enum Before {
    /// As it is now.
    Unchanged,
    /// Otherwise.
    Old(Box<Dossier>),
}

/// Where a dossier's starting version is found.
enum Start {
    /// Unchanged since: present if its name is in the commit's `cities/`.
    InTree(String),
    /// Changed since, and remembered: the version, or none.
    Known(Option<Box<Dossier>>),
    /// Changed since: read by this request, remembered under the key.
    Request(usize, String),
}

/// A blob parsed once, however many requests read it.
struct Parsed {
    json: Option<Result<Option<serde_json::Value>, ()>>,
    dossier: Option<Box<Dossier>>,
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
    if dossier && let Ok((d, tree)) = crate::workspace::parse_dossier(path, bytes, Lang::En) {
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

fn parse(log: &str) -> Vec<(Commit, String, Vec<String>)> {
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
            let change = Commit {
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

/// The committed versions of the workspace's `pool.yaml` that a period's report reads: as it
/// stood in the last commit before the period, then as each commit of the period left it
/// (newest first; a commit that deleted it has no version). `None` when git cannot tell (not
/// a repository, git missing). Two git processes and one `git cat-file`, whatever the
/// pool's history.
pub fn pool_versions(root: &Path, (from, to): (Date, Date)) -> Option<Vec<Vec<u8>>> {
    let out = Call::at(root)
        .args(["log", "--format=%H"])
        .arg(format!("--since={from}T00:00:00"))
        .arg(format!("--until={to}T23:59:59"))
        .args(["--", crate::workspace::POOL_FILE])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let mut commits: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    commits.extend(commit_before(root, from));
    let requests: Vec<String> = commits
        .iter()
        .map(|c| format!("{c}:./{}", crate::workspace::POOL_FILE))
        .collect();
    Some(
        objects::blobs(root, &requests)
            .into_iter()
            .flatten()
            .collect(),
    )
}

/// Whether `root` may be inside a git repository (a `.git` above it, or `GIT_DIR` set),
/// without starting git: a workspace that cannot be is spared work only history would use.
pub fn may_be_repository(root: &Path) -> bool {
    std::env::var_os("GIT_DIR").is_some() || root.ancestors().any(|dir| dir.join(".git").exists())
}

/// The last commit made before `date` began, if the workspace is in a repository.
pub fn commit_before(root: &Path, date: Date) -> Option<String> {
    let out = Call::at(root)
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
        let changes: Vec<Commit> = parse(log).into_iter().map(|(c, _, _)| c).collect();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1].author, "Maryam R");
        assert_eq!(
            changes[1].cities,
            vec!["barcelona".to_owned(), "ب".to_owned()]
        );
        assert_eq!(changes[0].date, jiff::civil::date(2026, 11, 26));
    }
}
