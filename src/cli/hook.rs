use std::path::{Path, PathBuf};

use clap::Args;

use super::{Ctx, Outcome};

mod fmt_staged;
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::git;
use crate::i18n::Lang;
use crate::workspace;

/// The first line after the shebang: how `hook install` recognises a hook it wrote.
const MARKER: &str = "# diplomat pre-commit hook";

/// The hook. `@WORKSPACE@` becomes the workspace's folder relative to the top of the
/// repository, quoted for the shell.
const HOOK_TEMPLATE: &str = r#"#!/bin/sh
# diplomat pre-commit hook, installed by `diplomat hook install` (which may replace it).
#
# Checks the dossiers (and the pool, `pool.yaml`) staged for this commit, as they will be
# committed (not as they are in the working folder), with `diplomat validate`, and refuses the
# commit when they have problems. A valid dossier is never refused for its layout: `diplomat hook fmt-staged` lays
# out one staged whole as `diplomat fmt` does (the working file too), and commits one only
# partly staged as it is, saying so. Skip the check once with `git commit --no-verify`.

# The workspace, relative to the top of the repository.
workspace=@WORKSPACE@

if ! command -v diplomat >/dev/null 2>&1; then
  echo "pre-commit: \`diplomat\` is not on PATH, so the staged dossiers cannot be checked" >&2
  echo "  install it (\`cargo install --path .\` in its source folder), or commit anyway with \`git commit --no-verify\`" >&2
  exit 1
fi

staged=$(mktemp -d "${TMPDIR:-/tmp}/diplomat-pre-commit.XXXXXX") || exit 1
trap 'rm -rf "$staged"' EXIT
trap 'exit 1' HUP INT TERM

# The staged version of every added, copied, modified or renamed dossier, and of the pool.
git diff --cached --name-only -z --diff-filter=ACMR -- "$workspace/cities/*.yaml" "$workspace/cities/*.yml" "$workspace/pool.yaml" |
  git checkout-index --stdin -z --prefix="$staged/" || exit 1
[ -d "$staged/$workspace/cities" ] || [ -f "$staged/$workspace/pool.yaml" ] || exit 0
# With contact details encrypted, the staged data key too: plain e-mails and phones are refused.
git ls-files -z -- "$workspace/keys/data-key.age" |
  git checkout-index --stdin -z --prefix="$staged/" || exit 1

if ! out=$(cd "$staged/$workspace" && set -- && { [ ! -d cities ] || set -- cities; } &&
  { [ ! -f pool.yaml ] || set -- "$@" pool.yaml; } && diplomat --color never -C . validate "$@" 2>&1); then
  printf '%s\n' "$out" >&2
  echo "pre-commit: the staged dossiers have problems (above), so nothing was committed" >&2
  echo "  fix them and \`git add\` them again, or commit anyway with \`git commit --no-verify\`" >&2
  exit 1
fi
# Valid: committed, in the canonical layout where that is safe.
if ! diplomat --color never -C "$workspace" hook fmt-staged; then
  echo "pre-commit: the staged dossiers are valid and committed as they are staged" >&2
fi
exit 0
"#;

verbs! {
    /// Git hooks that check the dossiers.
    pub enum HookCommand {
        Install(InstallArgs),
        FmtStaged(fmt_staged::FmtStagedArgs),
    }
}

/// Install a pre-commit hook: commits of invalid dossiers are refused, valid ones laid out.
///
/// The git hook runs `diplomat validate` on the staged version of each dossier (what will be
/// committed, not the working copy), and refuses the commit with the located problems. A
/// valid dossier is never refused for its layout: `diplomat hook fmt-staged` commits one
/// staged whole in the canonical layout (the working file laid out too), and one only partly
/// staged as it is. It needs `diplomat` on PATH. A hook that is not diplomat's is replaced
/// only with `--force`, and then kept as `pre-commit.bak`. Teams using the pre-commit
/// framework can use the hooks in this project's `.pre-commit-hooks.yaml` instead.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat hook install\n  diplomat hook install --force   # replace another pre-commit hook\n  git commit --no-verify          # skip the check once"
)]
pub struct InstallArgs {
    /// Replace an existing pre-commit hook that is not diplomat's (a copy is kept).
    #[arg(long)]
    force: bool,
}

impl InstallArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        let prefix = git::prefix(&root)?;
        let hook = git::git_path(&root, "hooks/pre-commit")?;
        let shown = workspace::shown_path(&root, &hook);
        let folder = prefix.trim_end_matches('/');
        let script = HOOK_TEMPLATE.replace(
            "@WORKSPACE@",
            &shell_quote(if folder.is_empty() { "." } else { folder }),
        );

        let mut kept = None;
        match std::fs::read(&hook) {
            Ok(old) if old == script.as_bytes() => {
                ignore_local_files(ctx, &root)?;
                ctx.note(|lang: Lang| {
                    let hook = lang.code(shown.display());
                    say!(
                        lang,
                        "the pre-commit hook {hook} is installed already",
                        "قلاب pre-commit {hook} از پیش نصب است"
                    )
                });
                return Ok(Outcome::Ok);
            }
            Ok(old) if is_ours(&old) => {}
            Ok(old) if !self.force => {
                let framework = String::from_utf8_lossy(&old).contains("pre-commit.com");
                return Err(Error::usage(|lang: Lang| {
                    let hook = lang.code(shown.display());
                    say!(
                        lang,
                        "{hook} exists and is not diplomat's hook, so it was not changed",
                        "{hook} هست و قلاب diplomat نیست، پس تغییر نکرد"
                    )
                })
                .hint(|lang: Lang| {
                    let code = |s: &str| lang.code(s);
                    let (validate, fmt) = (code("diplomat-validate"), code("diplomat-fmt"));
                    let (hooks, config) = (code(".pre-commit-hooks.yaml"), code(".pre-commit-config.yaml"));
                    let (force, bak, call) = (
                        code("diplomat hook install --force"),
                        code("pre-commit.bak"),
                        code("diplomat validate"),
                    );
                    if framework {
                        say!(
                            lang,
                            "this repository uses the pre-commit framework: add the {validate} and {fmt} hooks of diplomat's {hooks} to {config} instead",
                            "این مخزن چارچوب pre-commit را به کار می‌برد: به جای آن، قلاب‌های {validate} و {fmt} را از {hooks} در diplomat به {config} بیفزایید"
                        )
                    } else {
                        say!(
                            lang,
                            "{force} replaces it and keeps a copy as {bak}; or call {call} from your own hook",
                            "{force} جایگزینش می‌کند و نسخه‌ای با نام {bak} نگه می‌دارد؛ یا {call} را از قلاب خودتان فرا بخوانید"
                        )
                    }
                }));
            }
            Ok(old) => kept = Some(keep_copy(&hook, &old)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::file(Op::Read, &shown, &e));
            }
        }

        if let Some(dir) = hook.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::file(Op::Create, dir, &e))?;
        }
        edit::write_atomic(&hook, script.as_bytes())?;
        make_executable(&hook)?;

        if let Some(copy) = kept {
            let copy = workspace::shown_path(&root, &copy);
            ctx.note(|lang: Lang| {
                let copy = lang.code(copy.display());
                say!(
                    lang,
                    "the previous hook is kept as {copy}",
                    "قلاب پیشین با نام {copy} نگه داشته شد"
                )
            });
        }
        register_merge_driver(&root)?;
        ignore_local_files(ctx, &root)?;
        ctx.note(|lang: Lang| {
            let code = |s: &str| lang.code(s);
            let (merge, rebase, pick) = (code("git merge"), code("rebase"), code("cherry-pick"));
            say!(
                lang,
                "registered diplomat's merge driver: {merge}, {rebase} and {pick} merge dossiers by structure",
                "ادغام‌گر diplomat ثبت شد: {merge}، {rebase} و {pick} پرونده‌ها را بر پایهٔ ساختار ادغام می‌کنند"
            )
        });
        ctx.note(|lang: Lang| {
            let code = |s: &str| lang.code(s);
            let hook = lang.code(shown.display());
            let validate = code("diplomat validate");
            let skip = code("git commit --no-verify");
            say!(
                lang,
                "installed the pre-commit hook {hook}: commits of dossiers are checked with {validate}, and valid ones committed in the canonical layout where that is safe (skip once with {skip})",
                "قلاب pre-commit {hook} نصب شد: کامیت پرونده‌ها با {validate} بررسی می‌شود و پرونده‌های معتبر، هر جا بی‌خطر باشد، در چیدمان استاندارد ثبت می‌شوند (برای یک بار رد شدن: {skip})"
            )
        });
        if !on_path("diplomat") {
            ctx.warn(|lang: Lang| {
                let (diplomat, path) = (lang.code("diplomat"), lang.code("PATH"));
                let install = lang.code("cargo install --path .");
                say!(
                    lang,
                    "{diplomat} is not on {path}, so the hook cannot run it: install it with {install} in diplomat's source folder",
                    "{diplomat} در {path} نیست، پس قلاب نمی‌تواند اجرایش کند: در پوشهٔ منبع diplomat با {install} نصبش کنید"
                )
            });
        }
        Ok(Outcome::Ok)
    }
}

/// What git runs to merge a dossier: diplomat when it is on PATH, else git's own line merge,
/// so a clone whose analyst has no diplomat still merges as git always did.
pub const MERGE_DRIVER: &str = "if command -v diplomat >/dev/null 2>&1; then diplomat merge-driver %O %A %B %P --marker-size %L --ours-label %X --theirs-label %Y; else git merge-file --marker-size=%L %A %O %B; fi";

/// The `.gitattributes` lines that send dossiers and the pool to the driver.
const MERGE_ATTRIBUTES: [&str; 3] = [
    "cities/*.yaml merge=diplomat",
    "cities/*.yml merge=diplomat",
    "pool.yaml merge=diplomat",
];

/// Registers the merge driver for the repository holding the workspace at `root`: the
/// `merge.diplomat.*` git settings (kept per clone, so each analyst does it once) and the
/// workspace's `.gitattributes` (committed, so everyone shares it). Idempotent.
pub fn register_merge_driver(root: &Path) -> Result<()> {
    git::set_config(
        root,
        "merge.diplomat.name",
        "diplomat: dossiers merged by structure",
    )?;
    git::set_config(root, "merge.diplomat.driver", MERGE_DRIVER)?;
    let (path, old) = read_or_empty(root, ".gitattributes")?;
    let has = |pattern: &str| {
        old.lines().any(|l| {
            let mut words = l.split_whitespace();
            words.next() == Some(pattern) && words.any(|w| w == "merge=diplomat")
        })
    };
    let missing: Vec<&str> = MERGE_ATTRIBUTES
        .iter()
        .filter(|line| !has(line.split(' ').next().unwrap_or_default()))
        .copied()
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut block =
        String::from("# Dossiers and the pool merge by structure (`diplomat merge-driver`).\n");
    for line in missing {
        block.push_str(line);
        block.push('\n');
    }
    append(&path, &old, &block)
}

/// The workspace's file `name`, and its text (empty when there is none).
fn read_or_empty(root: &Path, name: &str) -> Result<(PathBuf, String)> {
    let path = root.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((path, text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((path, String::new())),
        Err(e) => Err(Error::file(Op::Read, Path::new(name), &e)),
    }
}

/// Writes `old` with `block` after it, `block` beginning on a line of its own.
fn append(path: &Path, old: &str, block: &str) -> Result<()> {
    let mut new = old.to_owned();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(block);
    edit::write_atomic(path, new.as_bytes())
}

/// What the workspace's `.gitignore` must hold so that `git add -A` never commits diplomat's
/// local files: the lock and caches, and the temporary files of interrupted writes (whole
/// dossiers, contact details and all).
const IGNORED: [(&str, &str); 2] = [
    (
        ".diplomat/",
        "# diplomat's local state: the workspace lock, caches, copies being edited.",
    ),
    (
        edit::TEMP_PATTERN,
        "# The temporary file of an interrupted diplomat write; the next write removes it.",
    ),
];

/// Adds the lines of [`IGNORED`] that the workspace's `.gitignore` lacks (making the file if
/// there is none), keeping the rest as it is.
fn ignore_local_files(ctx: &Ctx, root: &Path) -> Result<()> {
    let (path, old) = read_or_empty(root, ".gitignore")?;
    let missing: Vec<&(&str, &str)> = IGNORED
        .iter()
        .filter(|(pattern, _)| !old.lines().any(|l| l.trim() == *pattern))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let block: String = missing
        .iter()
        .map(|(pattern, comment)| format!("{comment}\n{pattern}\n"))
        .collect();
    append(&path, &old, &block)?;
    ctx.note(|lang: Lang| {
        let added: Vec<String> = missing.iter().map(|(p, _)| lang.code(p)).collect();
        let added = added.join(lang.pick(" and ", " و "));
        let ignore = lang.code(".gitignore");
        say!(
            lang,
            "added {added} to {ignore}",
            "{added} به {ignore} افزوده شد"
        )
    });
    Ok(())
}

fn is_ours(hook: &[u8]) -> bool {
    String::from_utf8_lossy(hook)
        .lines()
        .take(3)
        .any(|line| line.starts_with(MARKER))
}

/// Keeps the hook being replaced as `pre-commit.bak` (or `.bak.2`, … when that exists).
fn keep_copy(hook: &Path, old: &[u8]) -> Result<PathBuf> {
    let name = |n: u32| {
        let mut os = hook.as_os_str().to_owned();
        os.push(if n == 1 {
            ".bak".to_owned()
        } else {
            format!(".bak.{n}")
        });
        PathBuf::from(os)
    };
    let copy = (1..1000)
        .map(name)
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .ok_or_else(|| {
            Error::usage(|lang: Lang| {
                let bak = lang.code("pre-commit.bak");
                say!(
                    lang,
                    "too many {bak} copies; remove some",
                    "نسخه‌های {bak} بیش از اندازه‌اند؛ چندتایی را پاک کنید"
                )
            })
        })?;
    std::fs::write(&copy, old).map_err(|e| Error::file(Op::Write, &copy, &e))?;
    make_executable(&copy)?;
    Ok(copy)
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::file(Op::Write, path, &e))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<()> {
    Ok(())
}

/// Whether PATH has a program called `name`.
fn on_path(name: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        let file = dir.join(name);
        file.is_file()
            || file
                .with_extension(std::env::consts::EXE_EXTENSION)
                .is_file()
    })
}

/// `'text'` for the shell, with `'` escaped.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_recognised_as_ours() {
        assert!(is_ours(HOOK_TEMPLATE.as_bytes()));
        assert!(!is_ours(b"#!/bin/sh\nexec make lint\n"));
    }

    #[test]
    fn workspace_folders_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("."), "'.'");
        assert_eq!(shell_quote("team's cities"), r"'team'\''s cities'");
    }
}
