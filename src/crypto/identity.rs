//! The analyst's identity: an age X25519 key, private to them, outside the workspace.

use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use zeroize::Zeroizing;

use super::IDENTITY_NAME;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;

/// Where the analyst's identity is: `explicit` (`--identity` or `DIPLOMAT_IDENTITY`), else
/// `$XDG_CONFIG_HOME/diplomat/identity.txt`, else `$HOME/.config/diplomat/identity.txt`
/// (`%APPDATA%\diplomat\identity.txt` on Windows).
pub fn identity_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    let nonempty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(config) = nonempty("XDG_CONFIG_HOME") {
        return Some(PathBuf::from(config).join(IDENTITY_NAME));
    }
    if cfg!(windows)
        && let Some(appdata) = nonempty("APPDATA")
    {
        return Some(PathBuf::from(appdata).join(IDENTITY_NAME));
    }
    nonempty("HOME").map(|home| PathBuf::from(home).join(".config").join(IDENTITY_NAME))
}

/// Reads an identity file: `AGE-SECRET-KEY-1…` on a line, `#` comments (the format of
/// `age-keygen`, so an existing age identity works too).
pub fn read_identity(path: &Path) -> Result<Option<age::x25519::Identity>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => Zeroizing::new(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::file(Op::Read, path, &e)),
    };
    let found = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .find_map(|l| l.parse::<age::x25519::Identity>().ok());
    match found {
        Some(identity) => Ok(Some(identity)),
        None => Err(Error::input(|lang: Lang| {
            let (file, secret) = (lang.code(path.display()), lang.code("AGE-SECRET-KEY-1…"));
            say!(
                lang,
                "{file} holds no age identity (a line {secret})",
                "{file} شناسهٔ رمز age (سطری به شکل {secret}) ندارد"
            )
        })),
    }
}

/// Creates a new identity at `path` (readable by its owner only) and returns it. Refuses to
/// replace an existing file.
pub fn create_identity(path: &Path, today: jiff::civil::Date) -> Result<age::x25519::Identity> {
    let identity = age::x25519::Identity::generate();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::file(Op::Create, dir, &e))?;
    }
    let text = Zeroizing::new(format!(
        "# diplomat identity, created {today}: keep it private, never commit it.\n# public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| Error::file(Op::Create, path, &e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::file(Op::Write, path, &e))?;
    Ok(identity)
}
