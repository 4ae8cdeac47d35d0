//! Dossier changes from `git log`, read through the `git` program (no library: analysts'
//! repositories are whatever git they have, and the program reads them all).

use std::path::Path;
use std::process::Command;

use jiff::civil::Date;

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

/// Commits of the period that touched `cities/`, newest first.
pub fn changes(root: &Path, period: Period) -> History {
    let output = Command::new("git")
        .arg("-c")
        .arg("core.quotepath=off")
        .arg("-C")
        .arg(root)
        .args([
            "log",
            "-z",
            "--date=short",
            "--format=%x1e%ad%x1f%an%x1f%s",
            "--name-only",
        ])
        .arg(format!("--since={}T00:00:00", period.from))
        .arg(format!("--until={}T23:59:59", period.to))
        .args(["--", "cities"])
        .output();
    match output {
        Err(_) => History::GitMissing,
        Ok(out) if !out.status.success() => History::NotARepository,
        Ok(out) => History::Changes(parse(&String::from_utf8_lossy(&out.stdout))),
    }
}

fn parse(log: &str) -> Vec<Change> {
    log.split('\x1e')
        .filter(|record| !record.trim().is_empty())
        .filter_map(|record| {
            let (header, files) = record.split_once('\0').unwrap_or((record, ""));
            let mut fields = header.split('\x1f');
            let date: Date = fields.next()?.trim().parse().ok()?;
            let author = fields.next()?.to_owned();
            let subject = fields.next().unwrap_or_default().to_owned();
            let mut cities: Vec<String> = files
                .split('\0')
                .map(str::trim)
                .filter(|f| f.ends_with(".yaml") || f.ends_with(".yml"))
                .filter_map(|f| Path::new(f).file_stem()?.to_str().map(str::to_owned))
                .collect();
            cities.sort();
            cities.dedup();
            Some(Change {
                date,
                author,
                subject,
                cities,
            })
        })
        .collect()
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

/// A file of the workspace as it was at `commit` (`relative` to the workspace root).
pub fn file_at(root: &Path, commit: &str, relative: &Path) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .arg("show")
        .arg(format!("{commit}:./{}", relative.to_string_lossy()))
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_git_log_records() {
        let log = "\x1e2026-11-26\x1fAli\x1fsecond\0\ncities/c.yaml\0\x1e2026-11-25\x1fMaryam R\x1fbarcelona: log call\0\ncities/barcelona.yaml\0cities/ب.yaml\0";
        let changes = parse(log);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1].author, "Maryam R");
        assert_eq!(
            changes[1].cities,
            vec!["barcelona".to_owned(), "ب".to_owned()]
        );
        assert_eq!(changes[0].date, jiff::civil::date(2026, 11, 26));
    }
}
