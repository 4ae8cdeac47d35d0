use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;

use super::merge_driver::merge_files;
use super::{Ctx, Outcome, write};
use crate::error::{Error, Result};
use crate::git;
use crate::merge::{Labels, Method};

/// Merge dossiers that git left conflicted, by structure.
///
/// For a merge made without diplomat's merge driver (a forge's web merge, a clone where
/// `diplomat hook install` was not run): reads the three versions git keeps of each
/// conflicted dossier (base, ours, theirs) and merges them as the driver would. A dossier
/// that merges cleanly is written and `git add`ed; one where both sides changed a value
/// differently keeps markers around only those lines (exit 1). A file edited by hand since git
/// left it (no markers left, or some resolved, or a line added) is not touched: that work would
/// be lost.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat resolve                  # every conflicted dossier\n  diplomat resolve cities/barcelona.yaml\n  diplomat resolve --check          # say what would be resolved, change nothing"
)]
pub struct ResolveArgs {
    /// Conflicted dossiers to resolve; all of the workspace's when none are given.
    paths: Vec<PathBuf>,
    /// List what would be resolved and what would stay conflicted; change nothing.
    #[arg(long)]
    check: bool,
}

impl ResolveArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        // Paths given are the analyst's, relative to where they stand.
        let dir = if self.paths.is_empty() {
            root.clone()
        } else {
            std::env::current_dir().map_err(|e| Error::current_folder(&e))?
        };
        let specs: Vec<PathBuf> = if self.paths.is_empty() {
            vec![PathBuf::from(crate::workspace::CITIES_DIR)]
        } else {
            self.paths.clone()
        };
        let conflicted = unmerged(&dir, &specs)?;
        if conflicted.is_empty() {
            write::done(ctx, |lang: crate::i18n::Lang| {
                lang.pick("no conflicted dossiers", "پرونده‌ای با تعارض نیست")
                    .to_owned()
            });
            return Ok(Outcome::Ok);
        }
        let labels = Labels {
            ours: "ours".into(),
            theirs: "theirs".into(),
            marker_size: 7,
        };
        let mut left = 0;
        let mut report = String::new();
        // Every conflicted file's three stages through one `git cat-file`.
        let requests: Vec<String> = conflicted
            .values()
            .flat_map(|stages| {
                (1..=3).map(|n| {
                    stages
                        .get(&n)
                        .cloned()
                        .unwrap_or_else(|| "0000000000000000000000000000000000000000".into())
                })
            })
            .collect();
        let mut blobs = git::blobs(&dir, &requests).into_iter();
        let lang = ctx.reporter.lang();
        for path in conflicted.keys() {
            let name = lang.code(path);
            let shown = Path::new(path);
            let mut next = || blobs.next().flatten().unwrap_or_default();
            let (base, ours, theirs) = (next(), next(), next());
            let file = dir.join(path);
            let current = std::fs::read(&file).unwrap_or_default();
            if !has_markers(&current) && !self.check {
                let git_add = lang.code("git add");
                report.push_str(&say!(
                    lang,
                    "{name} has no conflict markers left (resolved by hand?); {git_add} it when it is right\n",
                    "{name} دیگر نشانهٔ تعارضی ندارد (دستی حل شده؟)؛ وقتی درست شد {git_add} کنید\n"
                ));
                continue;
            }
            // Work done on the file since git left it (a conflict resolved by hand, a comment
            // added) would be lost to the merge from the three versions: the file is kept.
            if !as_git_left_it(&dir, path, &current, [&base, &ours, &theirs]) {
                let checkout = lang.code(format!("git checkout -m -- {path}"));
                let resolve = lang.code("diplomat resolve");
                report.push_str(&say!(
                    lang,
                    "{name} was edited since git left it (a conflict resolved by hand?), so it is left as it is: finish it by hand, or take git's version back with {checkout} and run {resolve} again\n",
                    "{name} پس از آنکه git رهایش کرد ویرایش شده (تعارضی دستی حل شده؟)، پس همان‌گونه که هست می‌ماند: دستی تمامش کنید، یا نسخهٔ git را با {checkout} برگردانید و {resolve} را دوباره اجرا کنید\n"
                ));
                left += 1;
                continue;
            }
            let merged = merge_files(shown, &base, &ours, &theirs, &labels, &ctx.reporter)?;
            let how = match (merged.method, merged.conflicts) {
                (Method::Structure, 0) => lang
                    .pick("merges cleanly", "بی‌تعارض ادغام می‌شود")
                    .to_owned(),
                (Method::Text, 0) => lang
                    .pick(
                        "merges line by line (a side is not readable YAML)",
                        "خط به خط ادغام می‌شود (یک طرف YAML خوانایی نیست)",
                    )
                    .to_owned(),
                (Method::Lines, 0) => lang
                    .pick("merges line by line", "خط به خط ادغام می‌شود")
                    .to_owned(),
                (_, n) => {
                    let (s, n) = (if n == 1 { "" } else { "s" }, lang.num(n));
                    say!(
                        lang,
                        "keeps {n} conflict{s} to resolve by hand",
                        "{n} تعارض برای حل دستی نگه می‌دارد"
                    )
                }
            };
            if merged.conflicts > 0 {
                left += 1;
            }
            if self.check {
                report.push_str(&format!("{name} {how}\n"));
                continue;
            }
            crate::edit::write_atomic(&file, &merged.text)?;
            if merged.conflicts == 0 {
                git::add(&dir, &[path])?;
                report.push_str(&say!(lang, "resolved {name}\n", "{name} حل شد\n"));
            } else {
                report.push_str(&format!("{name} {how}\n"));
            }
        }
        ctx.write(&report)?;
        Ok(if left > 0 {
            Outcome::Findings
        } else {
            Outcome::Ok
        })
    }
}

/// Whether `current` is still the text git's line merge made of the three versions (whatever
/// the labels on its markers): redone with `git merge-file` with the file's marker size
/// (`conflict-marker-size`), in each conflict style git may have used (the configured one, or
/// one given for that merge alone). Anything else, or a merge that cannot be redone, counts as
/// edited.
fn as_git_left_it(
    dir: &Path,
    path: &str,
    current: &[u8],
    [base, ours, theirs]: [&[u8]; 3],
) -> bool {
    let size = git::attribute(dir, "conflict-marker-size", path)
        .ok()
        .and_then(|n| n.parse::<u8>().ok())
        .map_or(7, usize::from);
    let current = marks_unlabelled(current);
    [None, Some("--diff3"), Some("--zdiff3")]
        .into_iter()
        .any(|style| {
            let how = git::MergeFile {
                dir: Some(dir),
                marker_size: size,
                labels: None,
                style,
            };
            git::merge_file(base, ours, theirs, &how)
                .is_ok_and(|(text, _)| marks_unlabelled(&text) == current)
        })
}

/// The text with CRLF as LF and the label after each conflict marker left out.
fn marks_unlabelled(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split(|&b| b == b'\n')
        .map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let marker = [b'<', b'|', b'>']
                .into_iter()
                .find(|&m| line.len() >= 7 && line.iter().take(7).all(|&b| b == m));
            match marker {
                Some(m) => line.iter().take_while(|&&b| b == m).copied().collect(),
                None => line.to_vec(),
            }
        })
        .collect()
}

fn has_markers(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'\n')
        .any(|l| l.starts_with(b"<<<<<<<") || l.starts_with(b">>>>>>>"))
}

/// Conflicted dossiers under `specs`: path (relative to `dir`) → stage → blob.
fn unmerged(dir: &Path, specs: &[PathBuf]) -> Result<BTreeMap<String, BTreeMap<u8, String>>> {
    let mut found: BTreeMap<String, BTreeMap<u8, String>> = BTreeMap::new();
    for entry in git::unmerged(dir, specs)? {
        if entry.path.ends_with(".yaml") || entry.path.ends_with(".yml") {
            found
                .entry(entry.path)
                .or_default()
                .insert(entry.stage, entry.blob);
        }
    }
    Ok(found)
}
