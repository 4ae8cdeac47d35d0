//! Finding the workspace and loading every dossier in it, in parallel, with located problems.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache;
use crate::diag::Problem;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::read::{self, Reader};
use crate::model::{Dossier, Settings};
use crate::yaml::{self, MAX_FILE_BYTES};

pub const SETTINGS_FILE: &str = "diplomat.yaml";
pub const CITIES_DIR: &str = "cities";
pub const TEMPLATES_DIR: &str = "templates";

/// A loaded workspace: the dossiers that could be read, and the problems of those that could not.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub settings: Settings,
    /// Sorted by slug.
    pub dossiers: Vec<Loaded>,
    /// Problems of files that could not be read; each file's problems together.
    pub broken: Vec<Broken>,
}

#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub dossier: Dossier,
    /// The path as shown in messages, for [`Loaded::tree`].
    shown: PathBuf,
}

impl Loaded {
    pub(crate) fn new(path: PathBuf, shown: PathBuf, dossier: Dossier) -> Self {
        Self {
            path,
            dossier,
            shown,
        }
    }

    /// The parsed tree, for `city show --format json` (every key, in file order).
    ///
    /// Not kept from loading: a tree is several times the size of its file and only one
    /// command needs it, for one dossier, so the file is read and parsed again.
    pub fn tree(&self) -> Result<yaml::Node> {
        let bytes = read_limited(&self.path)
            .map_err(|p| Error::problems(vec![*p.with_file(&self.shown)]))?;
        parse_dossier(&self.shown, &bytes)
            .map(|(_, tree)| tree)
            .map_err(Error::problems)
    }
}

#[derive(Debug)]
pub struct Broken {
    pub path: PathBuf,
    pub problems: Vec<Problem>,
}

/// Where to look: `-C`, else `$DIPLOMAT_WORKSPACE`, else the nearest ancestor with
/// `diplomat.yaml` or `cities/`.
pub fn find_root(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        if dir.is_dir() {
            return Ok(dir.to_path_buf());
        }
        let dir = dir.display();
        let fa = Lang::Fa.code(&dir);
        return Err(Error::said(
            format!("workspace `{dir}` is not a folder"),
            format!("فضای کار {fa} پوشه نیست"),
        ));
    }
    for dir in cwd.ancestors() {
        if dir.join(SETTINGS_FILE).is_file() || dir.join(CITIES_DIR).is_dir() {
            return Ok(dir.to_path_buf());
        }
    }
    let said = |lang: Lang| {
        let (folder, help, init) = (
            lang.code(cwd.display()),
            lang.help(),
            lang.code("diplomat init DIR"),
        );
        let (flag, variable, program) = (
            lang.code("-C DIR"),
            lang.code("DIPLOMAT_WORKSPACE"),
            lang.embed("diplomat"),
        );
        say!(
            lang,
            "no {program} workspace in {folder} or any folder above it\n  = {help}: create one with {init}, or point to one with {flag} or {variable}",
            "در {folder} و پوشه‌های بالای آن فضای کار {program} نیست\n  = {help}: با {init} یکی بسازید، یا با {flag} یا {variable} به آن اشاره کنید"
        )
    };
    Err(Error::said(said(Lang::En), said(Lang::Fa)))
}

/// Loads settings and every dossier. Settings problems fail the command: every output depends on them.
///
/// Goes through the cache of parsed dossiers (`.diplomat/cache/`) unless `--no-cache` turned it
/// off for this process ([`cache::set_enabled`]).
pub fn load(root: &Path) -> Result<Workspace> {
    load_with(
        root,
        &LoadOptions {
            cache: cache::enabled(),
        },
    )
}

/// How [`load_with`] reads the dossiers.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Reuse the parsed dossiers of unchanged files (`.diplomat/cache/`), and update the cache.
    pub cache: bool,
}

/// [`load`], saying whether to use the cache.
pub fn load_with(root: &Path, options: &LoadOptions) -> Result<Workspace> {
    let settings = load_settings(root)?;
    let files = dossier_files(root);
    // Parsing recurses per nesting level; give the workers the main thread's stack size.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .build_global();
    let mut dossiers = Vec::with_capacity(files.len());
    let mut broken = Vec::new();
    if options.cache {
        cache::load(root, &files, &mut dossiers, &mut broken);
    } else {
        let results: Vec<std::result::Result<Loaded, Broken>> = files
            .par_iter()
            .map(|path| load_dossier(root, path))
            .collect();
        for result in results {
            match result {
                Ok(loaded) => dossiers.push(loaded),
                Err(b) => broken.push(b),
            }
        }
    }
    // By path too: the cache returns files in no particular order, and `x.yaml` beside `x.yml` is possible.
    dossiers.sort_by(|a, b| {
        (a.dossier.slug.as_str(), &a.path).cmp(&(b.dossier.slug.as_str(), &b.path))
    });
    broken.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Workspace {
        root: root.to_path_buf(),
        settings,
        dossiers,
        broken,
    })
}

pub fn load_settings(root: &Path) -> Result<Settings> {
    let path = root.join(SETTINGS_FILE);
    if !path.exists() {
        return Ok(Settings::default());
    }
    let shown = PathBuf::from(SETTINGS_FILE);
    let bytes = read_limited(&path).map_err(|p| Error::problems(vec![*p.with_file(&shown)]))?;
    let tree = yaml::parse(&shown, &bytes).map_err(|p| Error::problems(vec![*p]))?;
    let Some(tree) = tree else {
        return Ok(Settings::default());
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut reader = Reader::new(&shown, &text);
    let settings = read::settings(&mut reader, &tree);
    // The workspace's `language:` is the language of messages about its dossiers (read next),
    // unless `--lang` chose first.
    if tree.get("language").is_some() && reader.problems.is_empty() {
        crate::lang::set_messages(settings.language);
    }
    if reader.problems.is_empty() {
        Ok(settings)
    } else {
        Err(Error::problems(reader.problems))
    }
}

/// `cities/*.yaml` and `*.yml`, one level, symlinks not followed (a link could point anywhere).
pub fn dossier_files(root: &Path) -> Vec<PathBuf> {
    dossier_files_in(&root.join(CITIES_DIR))
}

/// The dossier files directly in `dir`, sorted.
pub fn dossier_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| is_dossier_name(path))
        .collect();
    files.sort();
    files
}

fn is_dossier_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'));
    let ext = path.extension().and_then(|e| e.to_str());
    !hidden && matches!(ext, Some("yaml" | "yml"))
}

/// The path as shown to the analyst: relative to the workspace.
pub fn shown_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads and checks one dossier file.
pub fn load_dossier(root: &Path, path: &Path) -> std::result::Result<Loaded, Broken> {
    let shown = shown_path(root, path);
    let broken = |problems: Vec<Problem>| Broken {
        path: path.to_path_buf(),
        problems,
    };
    let bytes = read_dossier_bytes(path, &shown)?;
    // The tree is dropped here, on the worker thread, while its memory is still warm.
    let (dossier, _tree) = parse_dossier(&shown, &bytes).map_err(broken)?;
    Ok(Loaded {
        path: path.to_path_buf(),
        dossier,
        shown,
    })
}

/// A dossier file's bytes, or why they cannot be had.
pub(crate) fn read_dossier_bytes(
    path: &Path,
    shown: &Path,
) -> std::result::Result<Vec<u8>, Broken> {
    read_limited(path).map_err(|p| Broken {
        path: path.to_path_buf(),
        problems: vec![*p.with_file(shown)],
    })
}

/// Bytes → dossier, with every problem found. `shown` names the file in messages; its stem is the slug.
pub fn parse_dossier(
    shown: &Path,
    bytes: &[u8],
) -> std::result::Result<(Dossier, yaml::Node), Vec<Problem>> {
    let stem = shown
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    if !read::is_slug(&stem) {
        let lang = crate::lang::messages();
        let (name, dash, example) = (
            lang.code(&stem),
            lang.code("-"),
            lang.code("saint-petersburg.yaml"),
        );
        return Err(vec![
            Problem::new(
                shown,
                None,
                say!(
                    lang,
                    "{name} is not a valid dossier name",
                    "{name} نام معتبری برای پرونده نیست"
                ),
            )
            .with_help(say!(
                lang,
                "name dossiers by slug: lowercase letters, digits and {dash}, e.g. {example}",
                "نام پرونده شناسهٔ شهر است: حروف کوچک لاتین، رقم و {dash}، مثلاً {example}"
            )),
        ]);
    }
    let tree = yaml::parse(shown, bytes).map_err(|p| vec![*p])?;
    let Some(tree) = tree else {
        let lang = crate::lang::messages();
        let (keys, command) = (
            lang.code_list(["slug", "name", "country"]),
            lang.code("diplomat city new"),
        );
        let last = lang.code("relationship");
        return Err(vec![
            Problem::new(
                shown,
                Some(crate::diag::Loc::new(1, 1)),
                lang.pick("the dossier is empty", "پرونده خالی است"),
            )
            .with_help(say!(
                lang,
                "a dossier needs at least {keys} and {last}; {command} writes one",
                "پرونده دست‌کم {keys} و {last} لازم دارد؛ {command} یکی می‌نویسد"
            )),
        ]);
    };
    let text = String::from_utf8_lossy(bytes);
    let mut reader = Reader::new(shown, &text);
    match read::dossier(&mut reader, &tree, &stem) {
        Some(dossier) if reader.problems.is_empty() => Ok((dossier, tree)),
        _ => Err(reader.problems),
    }
}

/// Reads at most `MAX_FILE_BYTES`; a larger file is refused rather than loaded into memory.
fn read_limited(path: &Path) -> std::result::Result<Vec<u8>, Box<Problem>> {
    let lang = crate::lang::messages();
    let io_problem = |err: std::io::Error| {
        let err = lang.embed(&err.to_string()).into_owned();
        Box::new(Problem::new(
            path,
            None,
            say!(
                lang,
                "cannot read the file: {err}",
                "فایل خوانده نمی‌شود: {err}"
            ),
        ))
    };
    let file = std::fs::File::open(path).map_err(io_problem)?;
    // Sized from the file's length (a file may still grow while it is read): without it the
    // buffer doubles its way up, allocating and copying four times the file's size.
    let expected = file.metadata().map_or(0, |m| m.len()).min(MAX_FILE_BYTES) + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let mib = lang.num(MAX_FILE_BYTES / 1024 / 1024);
        return Err(Box::new(Problem::new(
            path,
            None,
            say!(
                lang,
                "the file is larger than {mib} MiB; a dossier is normally a few kilobytes",
                "فایل بزرگ‌تر از {mib} مگابایت است؛ پرونده معمولاً چند کیلوبایت است"
            ),
        )));
    }
    Ok(bytes)
}

trait WithFile {
    fn with_file(self, file: &Path) -> Self;
}

impl WithFile for Box<Problem> {
    fn with_file(mut self, file: &Path) -> Self {
        self.file = file.to_path_buf();
        self
    }
}

/// A workspace file that overrides a built-in template, if the analysts have one.
pub fn template_path(root: &Path, name: &str) -> Option<PathBuf> {
    let path = root.join(TEMPLATES_DIR).join(name);
    path.is_file().then_some(path)
}

/// Freeing a large workspace is a third of a warm `city list`'s own work: done on every core.
impl Drop for Workspace {
    fn drop(&mut self) {
        if self.dossiers.len() > 1000 {
            std::mem::take(&mut self.dossiers)
                .into_par_iter()
                .with_min_len(256)
                .for_each(drop);
        }
    }
}

impl Workspace {
    pub fn template_override(&self, name: &str) -> Option<PathBuf> {
        template_path(&self.root, name)
    }

    pub fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.broken.iter().flat_map(|b| b.problems.iter())
    }
}
