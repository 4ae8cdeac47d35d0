//! Finding the workspace and loading every dossier in it, in parallel, with located problems.

pub mod cache;
mod document;
pub mod file;
pub mod pool;
pub mod templates;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::model::Settings;
use crate::model::read::{self, Reader};
use crate::problem::Problem;
use crate::yaml;
pub use document::Document;
pub use file::{Broken, Loaded, load_dossier, parse_dossier, shown_path};
use file::{WithFile, read_limited};
pub use pool::{POOL_FILE, load_pool, load_pool_cached, parse_pool, pool_path};
pub use templates::template;

pub const SETTINGS_FILE: &str = "diplomat.yaml";
pub const CITIES_DIR: &str = "cities";
pub const TEMPLATES_DIR: &str = "templates";
/// diplomat's own folder in the workspace: the write lock, the cache, `city edit`'s copies.
pub const STATE_DIR: &str = ".diplomat";

/// A loaded workspace: the dossiers that could be read, and the problems of those that could not.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub settings: Settings,
    /// Sorted by slug; empty when opened with [`open`] (the command keeps its own rows).
    pub dossiers: Vec<Loaded>,
    /// Problems of files that could not be read; each file's problems together.
    pub broken: Vec<Broken>,
    /// What the analyst should hear of the load that is no dossier's problem: the cache gone
    /// without ([`state_path`]).
    pub warnings: Vec<Problem>,
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

/// How [`load`] reads the dossiers.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Reuse the parsed dossiers of unchanged files (`.diplomat/cache/`), and update the cache
    /// (off with `--no-cache`).
    pub cache: bool,
    /// The language problems are worded in.
    pub lang: Lang,
    /// `diplomat.yaml` as read already (by the command's context); `None`: read it.
    pub settings: Option<Settings>,
}

/// Below this many dossiers, loading uses one thread.
const SMALL_WORKSPACE: usize = 64;

/// Loads settings and every dossier. Settings problems fail the command: every output depends on them.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Workspace> {
    let mut ws = open(root, options)?;
    let mut dossiers = map_dossiers(&mut ws, options, |loaded| loaded);
    // By path too: the cache returns files in no particular order, and `x.yaml` beside `x.yml` is possible.
    dossiers.sort_by(|a, b| {
        (a.dossier.slug.as_str(), &a.path).cmp(&(b.dossier.slug.as_str(), &b.path))
    });
    ws.dossiers = dossiers;
    Ok(ws)
}

/// The workspace's settings, without its dossiers: for a command that keeps only what it needs
/// of each dossier ([`map_dossiers`]) rather than every dossier whole, which at 10,000 dossiers
/// is most of its memory.
pub fn open(root: &Path, options: &LoadOptions) -> Result<Workspace> {
    // A `cities/` that cannot be listed would read as a workspace without dossiers.
    let cities = root.join(CITIES_DIR);
    if let Err(e) = std::fs::read_dir(&cities)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        return Err(Error::file(Op::Read, &cities, &e));
    }
    Ok(Workspace {
        root: root.to_path_buf(),
        settings: match &options.settings {
            Some(settings) => settings.clone(),
            None => load_settings(root, options.lang)?,
        },
        dossiers: Vec::new(),
        broken: Vec::new(),
        warnings: Vec::new(),
    })
}

/// Every dossier through `map`, called on the worker thread that loaded it so that the
/// dossier is freed there and then; the problems of the files that could not be read go to
/// `ws.broken`. In no particular order: the caller sorts (by slug, then path, like [`load`]).
pub fn map_dossiers<T: Send>(
    ws: &mut Workspace,
    options: &LoadOptions,
    map: impl Fn(Loaded) -> T + Sync,
) -> Vec<T> {
    let root = ws.root.as_path();
    let lang = options.lang;
    let files = dossier_files(root);
    // Parsing recurses per nesting level; give the workers the main thread's stack size.
    // A small workspace is loaded on this thread alone: waking other threads for a few files
    // costs more than it saves (a third of the shipped workspace's weekly report).
    let pool = rayon::ThreadPoolBuilder::new().stack_size(8 << 20);
    let _ = if files.len() < SMALL_WORKSPACE {
        pool.num_threads(1).use_current_thread()
    } else {
        pool
    }
    .build_global();
    let mut mapped = Vec::with_capacity(files.len());
    let mut broken = Vec::new();
    let cache = options.cache
        && match state_path(root, "cache") {
            Ok(_) => true,
            Err(out) => {
                ws.warnings.push(out.problem(StateUse::Cache, lang));
                false
            }
        };
    if cache {
        cache::load(root, &files, lang, &map, &mut mapped, &mut broken);
    } else {
        let results: Vec<std::result::Result<T, Broken>> = files
            .par_iter()
            .map(|path| load_dossier(root, path, lang).map(&map))
            .collect();
        for result in results {
            match result {
                Ok(value) => mapped.push(value),
                Err(b) => broken.push(b),
            }
        }
    }
    broken.sort_by(|a, b| a.path.cmp(&b.path));
    ws.broken = broken;
    mapped
}

pub fn load_settings(root: &Path, lang: Lang) -> Result<Settings> {
    read_settings(root, lang).map(|(settings, _)| settings)
}

/// The workspace's settings (`diplomat.yaml`, the defaults when there is none), and whether
/// it names a `language:`; its problems worded in `lang`.
pub fn read_settings(root: &Path, lang: Lang) -> Result<(Settings, bool)> {
    let shown = PathBuf::from(SETTINGS_FILE);
    let Some(bytes) = read_own(root, &shown, lang).map_err(|p| Error::problems(vec![*p]))? else {
        return Ok((Settings::default(), false));
    };
    let tree = yaml::parse(&shown, &bytes, lang).map_err(|p| Error::problems(vec![*p]))?;
    let Some(tree) = tree else {
        return Ok((Settings::default(), false));
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut reader = Reader::new(&shown, &text, lang);
    let settings = read::settings(&mut reader, &tree);
    if reader.problems.is_empty() {
        Ok((settings, tree.get("language").is_some()))
    } else {
        Err(Error::problems(reader.problems))
    }
}

/// The bytes of a file the analysts keep beside the dossiers (`diplomat.yaml`, a template,
/// `pool.yaml`), at `relative` to the workspace root; `None` when there is none. Read only
/// from inside the workspace, as dossiers are: a link that leads out of it (the file's, or a
/// folder's on the way, such as `templates/` itself) is refused and named, and so is what is
/// not a regular file, or is past the size limit. Problems name the file as `relative`.
pub fn read_own(
    root: &Path,
    relative: &Path,
    lang: Lang,
) -> std::result::Result<Option<Vec<u8>>, Box<Problem>> {
    let path = root.join(relative);
    if std::fs::symlink_metadata(&path).is_err_and(|e| {
        matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        )
    }) {
        return Ok(None);
    }
    // A dangling link is left to `read_limited`, which says where it pointed.
    if path.exists()
        && let Some((link, target)) = file::link_out(root, relative)
    {
        let link = (link != relative).then_some(link.as_path());
        return Err(Box::new(file::outside(relative, link, &target, lang)));
    }
    read_limited(&path, lang)
        .map(Some)
        .map_err(|p| p.with_file(relative))
}

/// `.diplomat/SUB` (`lock`, `cache`, `edit`), when going there stays inside the workspace:
/// a `.diplomat` (or a `SUB`) that is a link out of it, or to nothing, would have diplomat read
/// its cache from and write its lock, cache and copies of dossiers to any place on the
/// analyst's machine. Not created here.
pub fn state_path(root: &Path, sub: &str) -> std::result::Result<PathBuf, LinkOut> {
    let relative = Path::new(STATE_DIR).join(sub);
    match file::link_out(root, &relative) {
        None => Ok(root.join(relative)),
        Some((link, target)) => Err(LinkOut { link, target }),
    }
}

/// A link on the way to diplomat's own folder that leads out of the workspace.
#[derive(Debug)]
pub struct LinkOut {
    /// The link, relative to the workspace root (`.diplomat`).
    pub link: PathBuf,
    /// What it says.
    pub target: PathBuf,
}

/// What diplomat meant to do in `.diplomat/`, for [`LinkOut::problem`].
#[derive(Clone, Copy, Debug)]
pub enum StateUse {
    /// Read and update the cache of parsed dossiers: gone without.
    Cache,
    /// Take the write lock (or keep a copy for `city edit`): the command is refused.
    Write,
}

impl LinkOut {
    pub fn problem(&self, used: StateUse, lang: Lang) -> Problem {
        let target = lang.code(self.target.display());
        let message = match used {
            StateUse::Cache => say!(
                lang,
                "it is a symbolic link to {target}, outside the workspace: the cache of parsed dossiers is neither read nor written there, so every dossier was parsed",
                "پیوند نمادینی است به {target}، بیرون از فضای کار: حافظهٔ نهان پرونده‌ها آنجا خوانده و نوشته نمی‌شود، پس همهٔ پرونده‌ها از نو خوانده شدند"
            ),
            StateUse::Write => say!(
                lang,
                "it is a symbolic link to {target}, outside the workspace: diplomat keeps its write lock there and writes nothing outside the workspace, so nothing was changed",
                "پیوند نمادینی است به {target}، بیرون از فضای کار: diplomat قفل نوشتن را آنجا نگه می‌دارد و بیرون از فضای کار چیزی نمی‌نویسد، پس چیزی تغییر نکرد"
            ),
        };
        let folder = lang.code(format!("{STATE_DIR}/"));
        let help = say!(
            lang,
            "remove the link (after keeping any copy of `city edit` you still need from it): diplomat makes {folder} again, as a folder of the workspace",
            "پیوند را بردارید (پس از برداشتن هر نسخهٔ `city edit` که هنوز لازم دارید): diplomat پوشهٔ {folder} را دوباره درون فضای کار می‌سازد"
        );
        Problem::new(&self.link, None, message).with_help(help)
    }
}

/// `cities/*.yaml` and `*.yml`, one level.
pub fn dossier_files(root: &Path) -> Vec<PathBuf> {
    dossier_files_in(&root.join(CITIES_DIR))
}

/// The entries directly in `dir` named as dossiers, sorted: whatever they are. A link, a
/// folder or a named pipe with a dossier's name was meant as one (or was one, before it was
/// moved away), so loading says what it is ([`file::not_a_file`]) instead of leaving
/// it out unsaid; nothing here opens or follows them.
pub fn dossier_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_map(|entry| entry.ok())
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
    /// The workspace's own `templates/NAME`, if the analysts have one ([`template`]).
    pub fn template(&self, name: &str, lang: Lang) -> Result<Option<(String, String)>> {
        template(&self.root, name, lang)
    }

    pub fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.broken.iter().flat_map(|b| b.problems.iter())
    }
}
