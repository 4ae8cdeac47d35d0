use std::path::{Path, PathBuf};

use clap::Args;

use super::{Ctx, Outcome, Reporter};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::merge::{self, Labels, Merged, Method};
use crate::problem::Problem;
use crate::workspace;

/// Git's merge driver for dossiers and the pool: merge two branches' versions by structure.
///
/// Git runs it for every `cities/*.yaml` (and `pool.yaml`) both branches changed, once `diplomat hook install`
/// (or `diplomat init`) has registered it. Entries with ids merge by id, interactions and
/// reviews as sets in date order, a value changed on one side takes that side, and both sides'
/// comments stay; a value or comment both sides changed differently is marked with conflict
/// markers around its own lines (exit 1).
/// The result is written over OURS. A side that does not read as YAML is merged as text by
/// `git merge-file`.
#[derive(Debug, Args)]
#[command(
    after_help = "Example (as `diplomat hook install` registers it):\n  git config merge.diplomat.driver 'diplomat merge-driver %O %A %B %P --marker-size %L --ours-label %X --theirs-label %Y'\n  echo 'cities/*.yaml merge=diplomat' >> .gitattributes"
)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (`%O`; empty when both sides added the file).
    base: PathBuf,
    /// Our version (`%A`); the merged result replaces it.
    ours: PathBuf,
    /// Their version (`%B`).
    theirs: PathBuf,
    /// The dossier's path in the repository (`%P`), for messages and its rules.
    path: Option<PathBuf>,
    /// Length of the conflict markers (`%L`).
    #[arg(long, default_value_t = 7, value_name = "N")]
    marker_size: usize,
    /// Name of our side on conflict markers (`%X`).
    #[arg(long, value_name = "LABEL")]
    ours_label: Option<String>,
    /// Name of their side on conflict markers (`%Y`).
    #[arg(long, value_name = "LABEL")]
    theirs_label: Option<String>,
}

impl MergeDriverArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let (base, ours, theirs) = (
            read(&self.base, "BASE")?,
            read(&self.ours, "OURS")?,
            read(&self.theirs, "THEIRS")?,
        );
        // Older gits leave `%X` and `%Y` as they are.
        let label = |given: Option<String>, default: &str| {
            given
                .filter(|l| !l.is_empty() && !l.starts_with('%'))
                .unwrap_or_else(|| default.to_owned())
        };
        let labels = Labels {
            ours: label(self.ours_label, "ours"),
            theirs: label(self.theirs_label, "theirs"),
            marker_size: self.marker_size.clamp(7, 100),
        };
        let shown = self.path.clone().unwrap_or_else(|| self.ours.clone());
        let merged = merge_files(&shown, &base, &ours, &theirs, &labels, &ctx.reporter)?;
        crate::edit::write_atomic(&self.ours, &merged.text)?;
        Ok(outcome(&merged))
    }
}

/// One of the three versions. Git always passes three files (an empty BASE when both sides
/// added the dossier), so a missing one is a mistake in the call, never an empty side: merging
/// it as empty would empty OURS or drop their side. Nothing is written then.
fn read(path: &Path, role: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        let err = e.to_string();
        Error::usage(move |lang: Lang| {
            let (role, ours) = (lang.embed(role), lang.embed("OURS"));
            let path = lang.code(path.display());
            let err = lang.embed(&err);
            say!(
                lang,
                "cannot read {role} {path}: {err}; nothing was merged and {ours} is left as it was",
                "{role} {path} خوانده نمی‌شود: {err}؛ چیزی ادغام نشد و {ours} دست نخورده ماند"
            )
        })
    })
}

/// The merge of one dossier, with what the analyst needs to hear about it on stderr.
pub fn merge_files(
    shown: &Path,
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    labels: &Labels,
    reporter: &Reporter,
) -> Result<Merged> {
    let too_big = [base, ours, theirs]
        .iter()
        .any(|s| s.len() as u64 > crate::yaml::MAX_FILE_BYTES);
    let mut merged = if too_big {
        let (text, conflicts) =
            merge::text_merge(base, ours, theirs, labels).map_err(|e| cannot_merge(shown, &e))?;
        Merged {
            text,
            conflicts,
            method: Method::Text,
        }
    } else {
        merge::merge(base, ours, theirs, labels).map_err(|e| cannot_merge(shown, &e))?
    };
    let lang = reporter.lang();
    let read = reader_of(shown);
    let valid = |bytes: &[u8]| read(shown, bytes, lang).is_ok();
    let name = |lang: Lang| lang.code(shown.display());
    let git_add = |lang: Lang| lang.code("git add");
    let validate = |lang: Lang| lang.code("diplomat validate");
    // Why a dossier was merged line by line.
    let why = |lang: Lang| match merged.method {
        Method::Lines => lang.pick(
            "a merge by structure would not have kept every line",
            "ادغام بر پایهٔ ساختار همهٔ سطرها را نگه نمی‌داشت",
        ),
        _ => lang.pick("a side is not readable YAML", "یک طرف YAML خوانایی نیست"),
    };
    match merged.method {
        Method::Text | Method::Lines if merged.conflicts > 0 => reporter.warn(|lang: Lang| {
            let (name, n, why) = (name(lang), lang.num(merged.conflicts), why(lang));
            let s = if merged.conflicts == 1 { "" } else { "s" };
            say!(
                lang,
                "{name}: {why}, so it was merged line by line: {n} conflict{s} to resolve by hand",
                "{name}: {why}، پس خط به خط ادغام شد: {n} تعارض برای حل دستی"
            )
        }),
        Method::Text | Method::Lines => {
            // Git would commit a clean line merge as it is: one that is not a valid dossier
            // is left for the analyst instead.
            match read(shown, &merged.text, lang) {
                Err(_) if !valid(ours) && !valid(theirs) => reporter.warn(|lang: Lang| {
                    let name = name(lang);
                    say!(
                        lang,
                        "{name}: neither side is a readable dossier, so it was merged line by line",
                        "{name}: هیچ‌یک از دو طرف پروندهٔ خوانایی نیست، پس خط به خط ادغام شد"
                    )
                }),
                Ok(_) => reporter.warn(|lang: Lang| {
                    let (name, validate, why) = (name(lang), validate(lang), why(lang));
                    say!(
                        lang,
                        "{name}: {why}, so it was merged line by line; check it with {validate}",
                        "{name}: {why}، پس خط به خط ادغام شد؛ با {validate} بررسی‌اش کنید"
                    )
                }),
                Err(problems) => {
                    reporter.warn(|lang: Lang| {
                        let (name, git_add, why) = (name(lang), git_add(lang), why(lang));
                        say!(
                            lang,
                            "{name}: {why}, so it was merged line by line, and the result is not a valid dossier; fix it, then {git_add} the file",
                            "{name}: {why}، پس خط به خط ادغام شد و نتیجه پروندهٔ معتبری نیست؛ درستش کنید و سپس فایل را {git_add} کنید"
                        )
                    });
                    for problem in &problems {
                        reporter.problem(problem);
                    }
                    merged.conflicts = 1;
                }
            }
        }
        Method::Structure if merged.conflicts > 0 => reporter.warn(|lang: Lang| {
            let (name, n, git_add) = (name(lang), lang.num(merged.conflicts), git_add(lang));
            let were = if merged.conflicts == 1 {
                "value or comment was"
            } else {
                "values or comments were"
            };
            say!(
                lang,
                "{name}: {n} {were} changed differently on both sides; keep one side of each marked conflict, then {git_add} the file",
                "{name}: {n} مقدار یا توضیح در دو طرف به دو گونهٔ متفاوت تغییر کرد؛ در هر تعارض نشانه‌گذاری‌شده یک طرف را نگه دارید و سپس فایل را {git_add} کنید"
            )
        }),
        Method::Structure => {
            // Both sides were valid dossiers: so must the merge be (an interaction may name
            // a person the other side removed). Such a merge is left for the analyst.
            if let Err(problems) = read(shown, &merged.text, lang)
                && valid(ours)
                && valid(theirs)
            {
                reporter.warn(|lang: Lang| {
                    let (name, git_add) = (name(lang), git_add(lang));
                    say!(
                        lang,
                        "{name} merged with nothing lost, but the result breaks a dossier rule; fix it, then {git_add} the file",
                        "{name} بی‌آنکه چیزی از دست برود ادغام شد، اما نتیجه یکی از قاعده‌های پرونده را می‌شکند؛ درستش کنید و سپس فایل را {git_add} کنید"
                    )
                });
                for problem in &problems {
                    reporter.problem(problem);
                }
                merged.conflicts = merged.conflicts.max(1);
            }
        }
    }
    Ok(merged)
}

/// Reads a merged file as its document does: its problems, if any.
type Check = fn(&Path, &[u8], Lang) -> std::result::Result<(), Vec<Problem>>;

/// How the merged file is checked: as the pool when it is `pool.yaml` (outside `cities/`,
/// where a city's dossier may have that name), else as a dossier.
fn reader_of(shown: &Path) -> Check {
    let pool = shown.file_name().is_some_and(|n| n == workspace::POOL_FILE)
        && shown
            .parent()
            .and_then(Path::file_name)
            .is_none_or(|n| n != workspace::CITIES_DIR);
    if pool {
        |shown, bytes, lang| workspace::parse_pool(shown, bytes, lang).map(drop)
    } else {
        |shown, bytes, lang| workspace::parse_dossier(shown, bytes, lang).map(drop)
    }
}

/// Neither by structure nor by lines (a side that is not text): git keeps the three versions.
fn cannot_merge(shown: &Path, err: &std::io::Error) -> Error {
    Error::input(|lang: Lang| {
        let (name, err) = (
            lang.code(shown.display()),
            lang.embed(&err.to_string()).into_owned(),
        );
        let (ours, theirs) = (lang.code("git checkout --ours"), lang.code("--theirs"));
        say!(
            lang,
            "{name} cannot be merged ({err}); git keeps both versions: take one with {ours} or {theirs}",
            "{name} ادغام نمی‌شود ({err})؛ git هر دو نسخه را نگه می‌دارد: یکی را با {ours} یا {theirs} بردارید"
        )
    })
}

pub fn outcome(merged: &Merged) -> Outcome {
    if merged.conflicts > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    }
}
