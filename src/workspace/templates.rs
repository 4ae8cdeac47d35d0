//! The built-in templates, compiled into the binary from the project's `templates/` folder.
//!
//! A file of the same name in a workspace's `templates/` replaces its built-in twin;
//! `diplomat init` copies every one of them into a new workspace so analysts can see and
//! change them. A new built-in template is one line in [`BUILTIN_TEMPLATES`].

use std::path::Path;

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// `(file name, contents)` of every built-in template, in the order `init` writes them.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("city.yaml", include_str!("../../templates/city.yaml")),
    (
        "readiness.yaml",
        include_str!("../../templates/readiness.yaml"),
    ),
    ("weekly.md.j2", include_str!("../../templates/weekly.md.j2")),
    (
        "roadmap.md.j2",
        include_str!("../../templates/roadmap.md.j2"),
    ),
    ("review.md.j2", include_str!("../../templates/review.md.j2")),
];

/// The built-in template called `name` (e.g. `city.yaml`), if there is one.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN_TEMPLATES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| *text)
}

/// A workspace's own template `templates/NAME` that replaces its built-in twin: the name it
/// is shown by and its text, or `None` when the analysts have none. Read as [`super::read_own`]
/// reads, and refused when it is not UTF-8 text.
pub fn template(root: &Path, name: &str, lang: Lang) -> Result<Option<(String, String)>> {
    let relative = Path::new(super::TEMPLATES_DIR).join(name);
    let Some(bytes) =
        super::read_own(root, &relative, lang).map_err(|p| Error::problems(vec![*p]))?
    else {
        return Ok(None);
    };
    let shown = relative.display().to_string();
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some((shown, text))),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let why = say!(
                lang,
                "it is not UTF-8 text (line {line})",
                "متن UTF-8 نیست (سطر {line})",
                line = lang.num(line)
            );
            Err(Error::problems(vec![super::file::cannot_read(
                &relative, &why, lang,
            )]))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// Every file of the project's `templates/` is built in: adding one without its line in
    /// `BUILTIN_TEMPLATES` would leave it out of the binary and of `diplomat init`.
    #[test]
    fn every_template_file_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
        built_in.sort();
        assert_eq!(on_disk, built_in, "templates/ and BUILTIN_TEMPLATES differ");
    }

    #[test]
    fn builtin_finds_by_name() {
        assert!(builtin("city.yaml").is_some_and(|t| t.contains("slug:")));
        assert!(builtin("nope.yaml").is_none());
    }
}
