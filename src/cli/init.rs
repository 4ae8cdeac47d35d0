use std::fs;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::workspace::{CITIES_DIR, SETTINGS_FILE, TEMPLATES_DIR};

/// The settings file of a new workspace: every key, commented out, at its default.
pub const SETTINGS_TEMPLATE: &str = r#"# Settings of this diplomat workspace. Every key is optional; each line below shows the
# default. Remove the `#` in front of a key to change it.

# Isfahan's own name, as reports show it.
# home_city: {en: Isfahan, fa: اصفهان}

# Language of labels, names and digits in the output: en | fa (`--lang` overrides it).
# language: en

# How dates are shown: gregorian | jalali (`--calendar` overrides it). Dossiers always store
# Gregorian dates; commands accept Solar Hijri ones (`1405/09/05`) and convert them.
# calendar: gregorian

# First day of a reporting week: saturday, sunday, monday, tuesday, wednesday, thursday, friday.
# week_start: saturday

# A city with no interaction for longer than this many days is "going cold" (weekly report,
# and the default of the checklist's `contact-within-days` rule).
# stale_after_days: 90

# Days between follow-ups with a person, by role: a facilitator or a contact is due again this
# many days after the last interaction or review naming them (0: never). Roles left out keep
# these defaults; `follow_up_days: N` on a person overrides their role.
# follow_up_days: {facilitator: 30, embassy-counsellor: 60, city-official: 90, chamber: 60, business: 90, expert: 120, other: 0}

# How many days before a relationship's `expires` its renewal is due.
# renew_notice_days: 90

# Write commands (`log`, `action add`, …) commit the dossier they change to git, with a message
# naming the city and the change, as `--commit` does.
# auto_commit: false

# Who e-mail drafts of reports are from and to (`report weekly -o week.eml`); `--mail-from`,
# `--mail-to` and `--mail-cc` override them. Without them a draft goes to a placeholder at
# example.invalid, which cannot be delivered.
# report:
#   from: "International Affairs Office <intl@example.org>"
#   to: ["Directors <directors@example.org>"]
#   cc: []
"#;

const GITIGNORE: &str = "# diplomat's local state: the workspace lock, caches, and the copies of dossiers being\n\
# edited (`diplomat city edit` keeps an abandoned copy there and prints its path).\n\
.diplomat/\n\
# The temporary file of a write that was interrupted: a whole dossier, contact details and\n\
# all. The next write removes it.\n\
.diplomat-*\n";

const GITATTRIBUTES: &str = "# Dossiers and settings keep LF line endings on every system, as diplomat writes them.\n\
# Dossiers and the pool merge by structure (`diplomat merge-driver`, registered per clone by `diplomat hook install`).\n\
cities/*.yaml text eol=lf merge=diplomat\n\
cities/*.yml text eol=lf merge=diplomat\n\
pool.yaml text eol=lf merge=diplomat\n\
diplomat.yaml text eol=lf\n\
templates/** text eol=lf\n";

/// The schemas mapped to the dossiers and the pool for yaml-language-server (the YAML extension of VS Code),
/// which reads YAML 1.2 as diplomat does (`no` is text).
const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "./dossier.schema.json": ["cities/*.yaml", "cities/*.yml"],
    "./pool.schema.json": ["pool.yaml"]
  },
  "yaml.yamlVersion": "1.2"
}
"#;

/// VS Code offers to install the YAML extension, which reads the schema.
const VSCODE_EXTENSIONS: &str = r#"{
  "recommendations": ["redhat.vscode-yaml"]
}
"#;

/// The file the workspace's editor settings and new dossiers point to.
pub const SCHEMA_FILE: &str = "dossier.schema.json";
/// The schema of `pool.yaml`, which the editor settings map to it.
pub const POOL_SCHEMA_FILE: &str = "pool.schema.json";

/// Create a workspace: settings, `cities/`, the templates, git and editor files.
///
/// Writes into DIR (made if missing) `diplomat.yaml` with every setting commented, an empty
/// `cities/`, the built-in templates in `templates/` (change them there), `.gitignore` and
/// `.gitattributes`, the schemas `dossier.schema.json` and `pool.schema.json`, and `.vscode/`
/// settings that give dossiers and the pool autocompletion and validation in VS Code. Never overwrites anything: when any of
/// these files exists, nothing is written.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat init ~/cities-work\n  diplomat init                   # in the current folder\n  cd ~/cities-work && git init && git add . && git commit -m \"Start the dossiers\""
)]
pub struct InitArgs {
    /// The folder to create the workspace in (default: `-C DIR`, else the current folder).
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// One file of a new workspace, relative to its root.
struct NewFile {
    path: PathBuf,
    contents: String,
}

impl InitArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let dir = match self.dir {
            Some(dir) => dir,
            None => match explicit_workspace(ctx) {
                Some(dir) => dir,
                None => std::env::current_dir().map_err(|e| Error::current_folder(&e))?,
            },
        };
        if dir.exists() && !dir.is_dir() {
            return Err(Error::usage(|lang: Lang| {
                let dir = lang.code(dir.display());
                say!(
                    lang,
                    "{dir} exists and is not a folder",
                    "{dir} هست و پوشه نیست"
                )
            }));
        }
        let files = workspace_files(&dir)?;
        let existing = conflicts(&dir, &files);
        if !existing.is_empty() {
            let one = existing.len() == 1;
            return Err(Error::usage(|lang: Lang| {
                let names = lang.code_list(existing.iter().map(|p| p.display()));
                let dir = lang.code(dir.display());
                let verb = if one { "exists" } else { "exist" };
                say!(
                    lang,
                    "{names} already {verb} in {dir}, so nothing was written",
                    "{names} از پیش در {dir} هست، پس چیزی نوشته نشد"
                )
            })
            .hint(|lang: Lang| {
                let (init, init_dir) = (lang.code("diplomat init"), lang.code("diplomat init DIR"));
                let (them, them_fa) = if one { ("it", "آن") } else { ("them", "آن‌ها") };
                say!(
                    lang,
                    "{init} never overwrites a file: choose a new folder ({init_dir}), or move {them} away",
                    "{init} هیچ فایلی را بازنویسی نمی‌کند: پوشهٔ تازه‌ای برگزینید ({init_dir}) یا {them_fa} را جابه‌جا کنید"
                )
            }));
        }
        create(&dir, &files)?;
        if crate::git::toplevel(&dir).is_ok() {
            super::hook::register_merge_driver(&dir)?;
        }
        if let Some(outer) = enclosing_workspace(&dir) {
            ctx.warn(|lang: Lang| {
                let (inner, outer) = (lang.code(dir.display()), lang.code(outer.display()));
                let diplomat = lang.code("diplomat");
                say!(
                    lang,
                    "{inner} is inside the workspace {outer}; the new workspace is separate from it ({diplomat} run in the new one sees only its own cities)",
                    "{inner} درون فضای کار {outer} است؛ فضای کار تازه از آن جداست ({diplomat} در فضای تازه فقط شهرهای خودش را می‌بیند)"
                )
            });
        }
        if !ctx.global.quiet {
            ctx.note(next_steps(&dir));
        }
        Ok(Outcome::Ok)
    }
}

/// `-C DIR` given on the command line, but not a `DIPLOMAT_WORKSPACE` set in the environment:
/// an analyst who keeps that variable pointed at their workspace still gets a new one here.
fn explicit_workspace(ctx: &Ctx) -> Option<PathBuf> {
    let given = ctx.global.workspace.as_ref()?;
    let from_env = std::env::var_os("DIPLOMAT_WORKSPACE").is_some_and(|v| v == given.as_os_str());
    (!from_env).then(|| given.clone())
}

/// A workspace above `dir` (a folder with `diplomat.yaml` or `cities/`), as when `init` is run
/// in a workspace's `cities/` by mistake.
fn enclosing_workspace(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    dir.ancestors()
        .skip(1)
        .find(|a| a.join(SETTINGS_FILE).is_file() || a.join(CITIES_DIR).is_dir())
        .map(Path::to_path_buf)
}

/// Every file `init` writes, with its contents.
fn workspace_files(dir: &Path) -> Result<Vec<NewFile>> {
    let schema = crate::render::json(&crate::model::schema())?;
    let pool_schema = crate::render::json(&crate::model::pool_schema())?;
    let mut files = vec![NewFile {
        path: PathBuf::from(SETTINGS_FILE),
        contents: SETTINGS_TEMPLATE.to_owned(),
    }];
    // Git keeps no empty folders: a clone would have no `cities/` without this. An existing
    // `cities/` with dossiers in it needs none.
    let cities = dir.join(CITIES_DIR);
    let cities_empty = fs::read_dir(&cities).map_or(true, |mut entries| entries.next().is_none());
    if cities_empty {
        files.push(NewFile {
            path: Path::new(CITIES_DIR).join(".gitkeep"),
            contents: String::new(),
        });
    }
    for (name, text) in crate::workspace::templates::BUILTIN_TEMPLATES {
        files.push(NewFile {
            path: Path::new(TEMPLATES_DIR).join(name),
            contents: (*text).to_owned(),
        });
    }
    let rest = [
        (".gitignore", GITIGNORE.to_owned()),
        (".gitattributes", GITATTRIBUTES.to_owned()),
        (SCHEMA_FILE, schema),
        (POOL_SCHEMA_FILE, pool_schema),
        (".vscode/settings.json", VSCODE_SETTINGS.to_owned()),
        (".vscode/extensions.json", VSCODE_EXTENSIONS.to_owned()),
    ];
    files.extend(rest.into_iter().map(|(path, contents)| NewFile {
        path: PathBuf::from(path),
        contents,
    }));
    Ok(files)
}

/// What is in the way: existing files (or anything at their path), and non-folders where a
/// folder must go. Folders that already exist are fine.
fn conflicts(dir: &Path, files: &[NewFile]) -> Vec<PathBuf> {
    let mut existing: Vec<PathBuf> = Vec::new();
    for file in files {
        let mut ancestors: Vec<&Path> = file
            .path
            .ancestors()
            .skip(1)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        ancestors.reverse();
        let blocked_folder = ancestors.into_iter().find(|folder| {
            fs::symlink_metadata(dir.join(folder)).is_ok_and(|meta| !meta.is_dir())
                && !dir.join(folder).is_dir()
        });
        let found = match blocked_folder {
            Some(folder) => folder.to_path_buf(),
            // `symlink_metadata`: a dangling link is in the way too.
            None if fs::symlink_metadata(dir.join(&file.path)).is_ok() => file.path.clone(),
            None => continue,
        };
        if !existing.contains(&found) {
            existing.push(found);
        }
    }
    existing
}

/// Writes every file, never replacing one (`create_new`). On a failure, removes what it made,
/// so a workspace is made whole or not at all.
fn create(dir: &Path, files: &[NewFile]) -> Result<()> {
    let mut made: Vec<(PathBuf, bool)> = Vec::new();
    let result = (|| -> std::io::Result<()> {
        for file in files {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent() {
                make_folders(parent, &mut made)?;
            }
            write_new(&path, file.contents.as_bytes())?;
            made.push((path, false));
        }
        Ok(())
    })();
    if let Err(err) = result {
        for (path, is_dir) in made.iter().rev() {
            let _ = if *is_dir {
                fs::remove_dir(path)
            } else {
                fs::remove_file(path)
            };
        }
        let err = err.to_string();
        return Err(Error::io(|lang: Lang| {
            let (dir, err) = (lang.code(dir.display()), lang.embed(&err));
            say!(
                lang,
                "cannot create the workspace in {dir}: {err}; nothing was left behind",
                "فضای کار در {dir} ساخته نمی‌شود: {err}؛ چیزی بر جا نماند"
            )
        }));
    }
    Ok(())
}

/// `create_dir_all` that remembers which folders it made.
fn make_folders(folder: &Path, made: &mut Vec<(PathBuf, bool)>) -> std::io::Result<()> {
    let mut missing: Vec<&Path> = folder.ancestors().take_while(|p| !p.exists()).collect();
    missing.reverse();
    for path in missing {
        if path.as_os_str().is_empty() {
            continue;
        }
        fs::create_dir(path)?;
        made.push((path.to_path_buf(), true));
    }
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// What to do next, on stderr; inside a git repository or not.
fn next_steps(dir: &Path) -> impl Fn(Lang) -> String {
    let shown = dir.display().to_string();
    let top = crate::git::toplevel(dir).ok();
    move |lang: Lang| {
        let files = format!(
            "{SETTINGS_FILE}, {CITIES_DIR}/, {TEMPLATES_DIR}/, {SCHEMA_FILE}, {POOL_SCHEMA_FILE}, .vscode/, .gitignore, .gitattributes"
        );
        let (folder, files) = (lang.code(&shown), lang.embed(&files));
        let mut text = say!(
            lang,
            "created a diplomat workspace in {folder}: {files}\n",
            "فضای کار diplomat در {folder} ساخته شد: {files}\n"
        );
        let init = lang.code("git init");
        text.push_str(&match &top {
            Some(top) => {
                let top = lang.code(top.display());
                say!(
                    lang,
                    "it is inside the git repository {top}\n",
                    "درون مخزن git {top} است\n"
                )
            }
            None => say!(
                lang,
                "it is not in a git repository yet: start one with {init} to keep the dossiers' history\n",
                "هنوز در مخزن git نیست: برای نگه داشتن تاریخچهٔ پرونده‌ها با {init} یکی بسازید\n"
            ),
        });
        let next = lang.pick("next", "گام‌های بعد");
        text.push_str(&format!("\n{next}:\n  cd {}\n", shell_quote(&shown)));
        if top.is_none() {
            text.push_str("  git init\n");
        }
        let hook = lang.pick(
            "check dossiers before each commit, merge them by structure",
            "بررسی پرونده‌ها پیش از هر کامیت، ادغام بر پایهٔ ساختار",
        );
        text.push_str(&format!(
            "  diplomat hook install      # {hook}\n  diplomat city new kyoto --name Kyoto --country JP\n  git add . && git commit -m \"Start the dossiers\""
        ));
        text
    }
}

/// A path as it can be pasted into a POSIX shell.
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-~+:=,@".contains(c));
    if plain && !text.starts_with('~') {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::model::Settings;
    use crate::model::read::{self, Reader};

    /// The commented settings, uncommented, are exactly the defaults.
    #[test]
    fn settings_template_shows_the_defaults() {
        let uncommented: String = SETTINGS_TEMPLATE
            .lines()
            .filter_map(|line| line.strip_prefix("# "))
            .filter(|line| {
                line.split_once(": ").is_some_and(|(key, _)| {
                    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                })
            })
            .map(|line| format!("{line}\n"))
            .collect();
        assert_eq!(uncommented.lines().count(), 8, "{uncommented}");
        let shown = Path::new("diplomat.yaml");
        let tree = crate::yaml::parse(shown, uncommented.as_bytes(), Lang::En)
            .unwrap()
            .unwrap();
        let mut reader = Reader::new(shown, &uncommented, Lang::En);
        let settings = read::settings(&mut reader, &tree);
        assert!(reader.problems.is_empty(), "{:?}", reader.problems);
        assert_eq!(settings, Settings::default());
    }

    /// `git add -A` never commits what a killed write left behind.
    #[test]
    fn gitignore_holds_the_temporary_files_pattern() {
        assert!(GITIGNORE.lines().any(|l| l == crate::edit::TEMP_PATTERN));
        assert!(GITIGNORE.lines().any(|l| l == ".diplomat/"));
    }

    #[test]
    fn shell_quote_quotes_only_when_needed() {
        assert_eq!(shell_quote("/home/a/cities-work"), "/home/a/cities-work");
        assert_eq!(shell_quote("/home/a/my cities"), "'/home/a/my cities'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
