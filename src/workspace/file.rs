//! One dossier file: read within the size limit, parsed, checked, with located problems.
//!
//! Below both [`crate::workspace`] (which loads them all) and [`crate::workspace::cache`] (which skips the
//! parse of an unchanged file), so that neither needs the other's internals.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::Dossier;
use crate::model::read::{self, Reader};
use crate::problem::Problem;
use crate::yaml::{self, MAX_FILE_BYTES};

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
    pub fn tree(&self, lang: Lang) -> Result<yaml::Node> {
        let bytes = read_limited(&self.path, lang)
            .map_err(|p| Error::problems(vec![*p.with_file(&self.shown)]))?;
        parse_dossier(&self.shown, &bytes, lang)
            .map(|(_, tree)| tree)
            .map_err(Error::problems)
    }
}

#[derive(Debug)]
pub struct Broken {
    pub path: PathBuf,
    pub problems: Vec<Problem>,
}

/// The path as shown to the analyst: relative to the workspace.
pub fn shown_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads and checks one dossier file of the workspace `root`.
pub fn load_dossier(root: &Path, path: &Path, lang: Lang) -> std::result::Result<Loaded, Broken> {
    load_shown(root, path, shown_path(root, path), lang)
}

/// [`load_dossier`] for a file named on the command line: shown as named, a link followed
/// within the workspace `root` (when there is one around it) only.
pub fn load_named(
    root: Option<&Path>,
    path: &Path,
    lang: Lang,
) -> std::result::Result<Loaded, Broken> {
    load_shown(
        root.unwrap_or(Path::new("")),
        path,
        path.to_path_buf(),
        lang,
    )
}

fn load_shown(
    root: &Path,
    path: &Path,
    shown: PathBuf,
    lang: Lang,
) -> std::result::Result<Loaded, Broken> {
    let broken = |problems: Vec<Problem>| Broken {
        path: path.to_path_buf(),
        problems,
    };
    let bytes = read_dossier_bytes(root, path, &shown, lang)?;
    // The tree is dropped here, on the worker thread, while its memory is still warm.
    let (dossier, _tree) = parse_dossier(&shown, &bytes, lang).map_err(broken)?;
    Ok(Loaded {
        path: path.to_path_buf(),
        dossier,
        shown,
    })
}

/// A dossier file's bytes, or why they cannot be had. A symbolic link is followed only to a
/// file inside the workspace `root` (any, when `root` is empty: a file named outside one):
/// links travel in git, and one in a shared repository could show lines of any file on the
/// analyst's machine (or a CI runner's) in its diagnostics.
pub(crate) fn read_dossier_bytes(
    root: &Path,
    path: &Path,
    shown: &Path,
    lang: Lang,
) -> std::result::Result<Vec<u8>, Broken> {
    let broken = |p: Box<Problem>| Broken {
        path: path.to_path_buf(),
        problems: vec![*p.with_file(shown)],
    };
    if let Some(target) = link_out_of(root, path) {
        return Err(broken(Box::new(outside(shown, None, &target, lang))));
    }
    read_limited(path, lang).map_err(broken)
}

/// Where the symbolic link `path` points, when that is a file outside `root` (anything else a
/// link can be is [`not_a_file`]'s to say).
fn link_out_of(root: &Path, path: &Path) -> Option<PathBuf> {
    if root.as_os_str().is_empty()
        || !std::fs::symlink_metadata(path).ok()?.is_symlink()
        || !std::fs::metadata(path).ok()?.is_file()
    {
        return None;
    }
    let (root, target) = (
        std::fs::canonicalize(root).ok()?,
        std::fs::canonicalize(path),
    );
    match target {
        Ok(target) if target.starts_with(&root) => None,
        _ => Some(std::fs::read_link(path).unwrap_or_default()),
    }
}

/// A symbolic link on the way from `root` to `root/relative` (the folders too, not only the
/// file) that leads out of the workspace, or to nothing: the link (relative to `root`) and
/// what it says. `None` when every step stays inside, or the path stops existing before a
/// link (what is missing is created by diplomat, as real folders and files).
///
/// For the files beside the dossiers (settings, templates, the pool) and diplomat's own
/// `.diplomat/`: links travel in git, and one in a shared repository would show lines of any
/// file on the analyst's machine, or have diplomat write there.
pub fn link_out(root: &Path, relative: &Path) -> Option<(PathBuf, PathBuf)> {
    let inside = std::fs::canonicalize(root).ok()?;
    let (mut at, mut shown) = (root.to_path_buf(), PathBuf::new());
    for part in relative.components() {
        at.push(part);
        shown.push(part);
        let meta = std::fs::symlink_metadata(&at).ok()?;
        if meta.is_symlink() && !std::fs::canonicalize(&at).is_ok_and(|t| t.starts_with(&inside)) {
            return Some((shown, std::fs::read_link(&at).unwrap_or_default()));
        }
    }
    None
}

/// "cannot read the file: it is a symbolic link to `…`, outside the workspace", of `path`;
/// `link` names the folder that is the link, when it is not the file itself.
pub fn outside(path: &Path, link: Option<&Path>, target: &Path, lang: Lang) -> Problem {
    let target = lang.code(target.display());
    let why = match link {
        None => say!(
            lang,
            "it is a symbolic link to {target}, outside the workspace",
            "پیوند نمادینی است به {target}، بیرون از فضای کار"
        ),
        Some(link) => {
            let link = lang.code(link.display());
            say!(
                lang,
                "{link} is a symbolic link to {target}, outside the workspace",
                "{link} پیوند نمادینی است به {target}، بیرون از فضای کار"
            )
        }
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| format!("{}/", p.display()));
    let help = match (link, folder) {
        (Some(link), _) => {
            let link = lang.code(link.display());
            say!(
                lang,
                "links are followed only within the workspace (one in a shared repository could point at any file); make {link} a folder of the workspace, with the files themselves in it",
                "پیوندها فقط درون فضای کار دنبال می‌شوند (پیوندی در مخزنی مشترک می‌توانست به هر فایلی اشاره کند)؛ {link} را پوشه‌ای در فضای کار کنید و خود فایل‌ها را در آن بگذارید"
            )
        }
        (None, Some(folder)) => {
            let folder = lang.code(folder);
            say!(
                lang,
                "links are followed only within the workspace (one in a shared repository could point at any file); copy the file itself into {folder}",
                "پیوندها فقط درون فضای کار دنبال می‌شوند (پیوندی در مخزنی مشترک می‌توانست به هر فایلی اشاره کند)؛ خود فایل را در {folder} کپی کنید"
            )
        }
        (None, None) => lang
            .pick(
                "links are followed only within the workspace (one in a shared repository could point at any file); put the file itself in the workspace",
                "پیوندها فقط درون فضای کار دنبال می‌شوند (پیوندی در مخزنی مشترک می‌توانست به هر فایلی اشاره کند)؛ خود فایل را در فضای کار بگذارید",
            )
            .to_owned(),
    };
    cannot_read(path, &why, lang).with_help(help)
}

/// Bytes → dossier, with every problem found. `shown` names the file in messages; its stem is the slug.
pub fn parse_dossier(
    shown: &Path,
    bytes: &[u8],
    lang: Lang,
) -> std::result::Result<(Dossier, yaml::Node), Vec<Problem>> {
    let stem = shown
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    if !read::is_slug(&stem) {
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
    let tree = yaml::parse(shown, bytes, lang).map_err(|p| vec![*p])?;
    let Some(tree) = tree else {
        let (keys, command) = (
            lang.code_list(["slug", "name", "country"]),
            lang.code("diplomat city new"),
        );
        let last = lang.code("relationship");
        return Err(vec![
            Problem::new(
                shown,
                Some(crate::problem::Loc::new(1, 1)),
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
    let mut reader = Reader::new(shown, &text, lang);
    match read::dossier(&mut reader, &tree, &stem) {
        Some(dossier) if reader.problems.is_empty() => Ok((dossier, tree)),
        _ => Err(reader.problems),
    }
}

/// "cannot read the file: {why}", of `path`.
pub fn cannot_read(path: &Path, why: &str, lang: Lang) -> Problem {
    Problem::new(
        path,
        None,
        say!(
            lang,
            "cannot read the file: {why}",
            "فایل خوانده نمی‌شود: {why}"
        ),
    )
}

/// Reads at most `MAX_FILE_BYTES`; a larger file is refused rather than loaded into memory.
/// What is not a regular file (or a link to one) is refused before it is opened ([`not_a_file`]).
pub(crate) fn read_limited(path: &Path, lang: Lang) -> std::result::Result<Vec<u8>, Box<Problem>> {
    if let Some(why) = not_a_file(path, lang) {
        return Err(Box::new(cannot_read(path, &why, lang)));
    }
    let io_problem = |err: std::io::Error| {
        let err = lang.embed(&err.to_string()).into_owned();
        Box::new(cannot_read(path, &err, lang))
    };
    let file = std::fs::File::open(path).map_err(io_problem)?;
    let meta = file.metadata().map_err(io_problem)?;
    // Swapped for something else since it was looked at: not read either.
    if !meta.is_file() {
        let why = lang.pick("it is not a regular file", "فایل معمولی نیست");
        return Err(Box::new(cannot_read(path, why, lang)));
    }
    // Sized from the file's length (a file may still grow while it is read): without it the
    // buffer doubles its way up, allocating and copying four times the file's size.
    let expected = meta.len().min(MAX_FILE_BYTES) + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Box::new(too_large(path, meta.len(), lang)));
    }
    Ok(bytes)
}

/// A file past [`MAX_FILE_BYTES`]: the first limit a file meets, before any of the parser's
/// (values, depth, aliases), so the message names it, with the file's own size.
fn too_large(path: &Path, len: u64, lang: Lang) -> Problem {
    const MIB: u64 = 1024 * 1024;
    let limit = lang.num(MAX_FILE_BYTES / MIB);
    let message = if len > MAX_FILE_BYTES {
        let size = format!("{:.1}", len as f64 / MIB as f64);
        // Persian writes the decimal point as the Arabic decimal separator.
        let size = lang.num(lang.pick(&size, &size.replace('.', "٫")));
        say!(
            lang,
            "the file is {size} MiB, over {limit} MiB, the limit on the size of one file",
            "فایل {size} مگابایت است، بیش از {limit} مگابایت، که سقف اندازهٔ یک فایل است"
        )
    } else {
        // It grew while it was read.
        say!(
            lang,
            "the file is larger than {limit} MiB, the limit on the size of one file",
            "فایل بزرگ‌تر از {limit} مگابایت است، که سقف اندازهٔ یک فایل است"
        )
    };
    let help = lang.pick(
        "a dossier is normally a few kilobytes, and ten years of a busy city about 5 MB; was this file made or joined by mistake?",
        "پرونده معمولاً چند کیلوبایت است و ده سالِ یک شهر پرکار حدود ۵ مگابایت؛ آیا این فایل به اشتباه ساخته یا به هم چسبانده شده است؟",
    );
    Problem::new(path, None, message).with_help(help)
}

/// What stands at `path` when it is not a regular file (nor a symbolic link to one), said
/// before anything opens it: opening a named pipe waits for a writer for ever, a device
/// (`/dev/zero`) never ends, and a dangling link reads as "no such file", which names neither
/// the link nor where it pointed. `None` for a file to read, or when the entry cannot be
/// looked at (opening it then says why).
pub fn not_a_file(path: &Path, lang: Lang) -> Option<String> {
    let entry = std::fs::symlink_metadata(path).ok()?;
    if !entry.is_symlink() {
        let what = describe(&entry, lang)?;
        return Some(say!(lang, "it {what}", "{what}"));
    }
    let target = std::fs::read_link(path).unwrap_or_default();
    let target = lang.code(target.display());
    let why = match std::fs::metadata(path) {
        Ok(meta) => {
            let what = describe(&meta, lang)?;
            say!(
                lang,
                "it is a symbolic link to {target}, which {what}",
                "پیوند نمادینی است به {target} که {what}"
            )
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            say!(
                lang,
                "it is a symbolic link to {target}, which does not exist",
                "پیوند نمادینی است به {target} که وجود ندارد"
            )
        }
        Err(_) if loops(path) => lang
            .pick(
                "it is a symbolic link that loops",
                "پیوند نمادینی است که در حلقه به خودش برمی‌گردد",
            )
            .to_owned(),
        Err(_) => return None,
    };
    Some(why)
}

/// "is a folder", "is not a regular file (a named pipe)": what `meta` is, when not a file.
/// The verb agrees with both uses: "it is a folder", "a link to `x`, which is a folder".
fn describe(meta: &std::fs::Metadata, lang: Lang) -> Option<String> {
    if meta.is_file() {
        return None;
    }
    if meta.is_dir() {
        return Some(lang.pick("is a folder", "پوشه است").to_owned());
    }
    let kind = special_kind(meta, lang);
    Some(match kind {
        Some(kind) => say!(
            lang,
            "is not a regular file ({kind})",
            "فایل معمولی نیست ({kind})"
        ),
        None => lang
            .pick("is not a regular file", "فایل معمولی نیست")
            .to_owned(),
    })
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata, lang: Lang) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        Some(lang.pick("a named pipe", "یک لولهٔ نام‌دار"))
    } else if kind.is_socket() {
        Some(lang.pick("a socket", "یک سوکت"))
    } else if kind.is_char_device() || kind.is_block_device() {
        Some(lang.pick("a device", "یک دستگاه"))
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata, _: Lang) -> Option<&'static str> {
    None
}

/// Whether following the link `path` comes back to a link already passed (or takes more
/// links than a system follows): the "too many levels of symbolic links" of a loop, told
/// apart from other failures without the unstable `ErrorKind::FilesystemLoop`.
fn loops(path: &Path) -> bool {
    let mut at: PathBuf = path.components().collect();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..40 {
        if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_symlink()) {
            return false;
        }
        if !seen.insert(at.clone()) {
            return true;
        }
        let Ok(target) = std::fs::read_link(&at) else {
            return false;
        };
        let base = at.parent().map(Path::to_path_buf).unwrap_or_default();
        at = base.join(target).components().collect();
    }
    true
}

pub(crate) trait WithFile {
    fn with_file(self, file: &Path) -> Self;
}

impl WithFile for Box<Problem> {
    fn with_file(mut self, file: &Path) -> Self {
        self.file = file.to_path_buf();
        self
    }
}
