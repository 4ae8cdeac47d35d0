//! Dossier changes from `git log`, read through the `git` program (no library: analysts'
//! repositories are whatever git they have, and the program reads them all).

use std::path::Path;
use std::process::Command;

use jiff::civil::Date;

use crate::calendar::Calendar;
use crate::lang::Lang;
use crate::query::weekly::{Change, Period};

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

/// Commits of the period that touched `cities/`, newest first; what each changed said in
/// `lang`, its dates in `calendar`.
pub fn changes(root: &Path, period: Period, lang: Lang, calendar: Calendar) -> History {
    let output = Command::new("git")
        .arg("-c")
        .arg("core.quotepath=off")
        .arg("-C")
        .arg(root)
        .args([
            "log",
            "-z",
            "--date=short",
            "--format=%x1e%ad%x1f%an%x1f%s%x1f%H",
            "--name-only",
        ])
        .arg(format!("--since={}T00:00:00", period.from))
        .arg(format!("--until={}T23:59:59", period.to))
        .args(["--", "cities"])
        .output();
    match output {
        Err(_) => History::GitMissing,
        Ok(out) if !out.status.success() => History::NotARepository,
        Ok(out) => {
            let mut changes = parse(&String::from_utf8_lossy(&out.stdout));
            describe(root, &mut changes, lang, calendar);
            History::Changes(changes.into_iter().map(|(c, _, _)| c).collect())
        }
    }
}

/// Fills each change's details: what its commit changed in each dossier it touched, read in
/// one `git cat-file` for the whole period.
fn describe(
    root: &Path,
    changes: &mut [(Change, String, Vec<String>)],
    lang: Lang,
    calendar: Calendar,
) {
    let requests: Vec<String> = changes
        .iter()
        .flat_map(|(_, commit, files)| {
            files
                .iter()
                .flat_map(move |f| [format!("{commit}^:{f}"), format!("{commit}:{f}")])
        })
        .collect();
    let mut blobs = blobs(root, &requests).into_iter();
    for (change, _, files) in changes.iter_mut() {
        for file in files.iter() {
            let (before, after) = (blobs.next().flatten(), blobs.next().flatten());
            let slug = Path::new(file)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            for line in dossier_changes(before.as_deref(), after.as_deref(), lang, calendar) {
                change
                    .details
                    .push(format!("{}: {line}", lang.embed(&slug)));
            }
        }
    }
}

/// The changes between two versions of a dossier file; one that does not read says so.
pub fn dossier_changes(
    before: Option<&[u8]>,
    after: Option<&[u8]>,
    lang: Lang,
    calendar: Calendar,
) -> Vec<String> {
    let read = |bytes: Option<&[u8]>| -> Result<Option<serde_json::Value>, ()> {
        match bytes {
            None => Ok(None),
            Some(b) => match crate::yaml::parse(Path::new("dossier.yaml"), b, lang) {
                Ok(node) => Ok(Some(node.map_or(serde_json::Value::Null, |n| n.to_json()))),
                Err(_) => Err(()),
            },
        }
    };
    match (read(before), read(after)) {
        (Ok(b), Ok(a)) => crate::query::diff::changes(b.as_ref(), a.as_ref(), lang, calendar),
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

/// The contents of `REV:PATH` objects, in order, through one `git cat-file --batch`; `None`
/// for one that does not exist (a file new in a commit, a root commit's parent).
pub fn blobs(root: &Path, requests: &[String]) -> Vec<Option<Vec<u8>>> {
    use std::io::{BufRead, Read, Write};
    use std::process::Stdio;
    if requests.is_empty() {
        return Vec::new();
    }
    let spawned = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = spawned else {
        return vec![None; requests.len()];
    };
    let input: String = requests.iter().map(|r| format!("{r}\n")).collect();
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        })
    });
    let mut found = Vec::with_capacity(requests.len());
    if let Some(stdout) = child.stdout.take() {
        let mut reader = std::io::BufReader::new(stdout);
        for _ in requests {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                break;
            }
            let mut fields = header.split_whitespace();
            let (_, kind, size) = (fields.next(), fields.next(), fields.next());
            match (kind, size.and_then(|s| s.parse::<usize>().ok())) {
                (Some("blob"), Some(size)) => {
                    let mut content = vec![0; size + 1];
                    if reader.read_exact(&mut content).is_err() {
                        break;
                    }
                    content.pop();
                    found.push(Some(content));
                }
                (Some(_), Some(size)) => {
                    let mut skip = vec![0; size + 1];
                    if reader.read_exact(&mut skip).is_err() {
                        break;
                    }
                    found.push(None);
                }
                _ => found.push(None),
            }
        }
    }
    if let Some(w) = writer {
        let _ = w.join();
    }
    let _ = child.wait();
    found.resize(requests.len(), None);
    found
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

/// The dossiers at `paths` as they stood in git when `date` began, through one
/// `git cat-file`, not a process per dossier; `None` outside git or before the first commit,
/// and for a dossier that did not exist or did not read then.
pub fn dossiers_before(
    root: &Path,
    date: Date,
    paths: &[std::path::PathBuf],
) -> Option<Vec<Option<crate::model::Dossier>>> {
    let commit = commit_before(root, date)?;
    let relatives: Vec<std::path::PathBuf> = paths
        .iter()
        .map(|p| crate::load::shown_path(root, p))
        .collect();
    let requests: Vec<String> = relatives
        .iter()
        .map(|relative| format!("{commit}:./{}", relative.to_string_lossy()))
        .collect();
    let blobs = blobs(root, &requests);
    Some(
        relatives
            .iter()
            .zip(blobs)
            .map(|(relative, bytes)| {
                let bytes = bytes?;
                crate::load::parse_dossier(relative, &bytes, Lang::En)
                    .ok()
                    .map(|(dossier, _)| dossier)
            })
            .collect(),
    )
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
