//! One dossier file: read within the size limit, parsed, checked, with located problems.
//!
//! Below both [`crate::workspace`] (which loads them all) and [`crate::cache`] (which skips the
//! parse of an unchanged file), so that neither needs the other's internals.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::Problem;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::Dossier;
use crate::model::read::{self, Reader};
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

/// Reads and checks one dossier file.
pub fn load_dossier(root: &Path, path: &Path, lang: Lang) -> std::result::Result<Loaded, Broken> {
    let shown = shown_path(root, path);
    let broken = |problems: Vec<Problem>| Broken {
        path: path.to_path_buf(),
        problems,
    };
    let bytes = read_dossier_bytes(path, &shown, lang)?;
    // The tree is dropped here, on the worker thread, while its memory is still warm.
    let (dossier, _tree) = parse_dossier(&shown, &bytes, lang).map_err(broken)?;
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
    lang: Lang,
) -> std::result::Result<Vec<u8>, Broken> {
    read_limited(path, lang).map_err(|p| Broken {
        path: path.to_path_buf(),
        problems: vec![*p.with_file(shown)],
    })
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
    let mut reader = Reader::new(shown, &text, lang);
    match read::dossier(&mut reader, &tree, &stem) {
        Some(dossier) if reader.problems.is_empty() => Ok((dossier, tree)),
        _ => Err(reader.problems),
    }
}

/// Reads at most `MAX_FILE_BYTES`; a larger file is refused rather than loaded into memory.
pub(crate) fn read_limited(path: &Path, lang: Lang) -> std::result::Result<Vec<u8>, Box<Problem>> {
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

pub(crate) trait WithFile {
    fn with_file(self, file: &Path) -> Self;
}

impl WithFile for Box<Problem> {
    fn with_file(mut self, file: &Path) -> Self {
        self.file = file.to_path_buf();
        self
    }
}
