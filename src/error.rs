//! Errors that stop a command. Problems the command *found* (a `validate` error, an unmet
//! checklist item) are not errors: they are results, and give exit code 1.
//!
//! An error is worded in both languages where it is raised, because the language it is shown in
//! is the run's ([`crate::cli::Ctx`]), decided elsewhere; [`Error::show`] picks one. Every error
//! exits 2, as the specification says; its [`Kind`] says what went wrong, for the reader and
//! for tests, as jj's `CommandErrorKind` does.

use std::fmt;

use crate::i18n::Lang;
use crate::problem::{Problem, safe};

/// What went wrong, from the analyst's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The command line: a bad flag value, an unknown city or id, no workspace.
    Usage,
    /// A file the command needs says something it cannot use: a broken dossier, a bad template.
    Input,
    /// The file system or a program refused: a read-only dossier, a full disk, no `git`.
    Io,
    /// `diplomat` itself went wrong; worth a report to its maintainers.
    Internal,
}

/// What the file system was asked to do, for [`Error::file`].
#[derive(Clone, Copy, Debug)]
pub enum Op {
    Read,
    Create,
    Write,
    Remove,
}

/// A line under an error that says what to do, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    Text([String; 2]),
    /// "did you mean `a` or `b`?"
    DidYouMean(Vec<String>),
}

impl Hint {
    fn show(&self, lang: Lang) -> String {
        match self {
            Hint::Text(text) => text[lang as usize].clone(),
            Hint::DidYouMean(names) => {
                let or = lang.pick(" or ", " یا ");
                let names: Vec<String> = names.iter().map(|n| lang.code(n)).collect();
                let names = names.join(or);
                say!(lang, "did you mean {names}?", "منظورتان {names} بود؟")
            }
        }
    }
}

#[derive(Debug)]
pub enum Error {
    /// Worded in English and Persian (index by [`Lang`]).
    Said {
        kind: Kind,
        text: [String; 2],
        hints: Vec<Hint>,
    },
    /// A file the command needs cannot be read: every problem shown.
    Problems(Vec<Problem>),
    /// Writing to stdout failed; a closed pipe among these ends the command quietly.
    Output(std::io::Error),
    /// A failure with a chain of causes, shown as `Caused by:` lines.
    Other(anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What an error says: a closure that words it per language (`|lang| say!(lang, …)`), or one
/// text for both (an English-only message not yet translated).
pub trait Words {
    fn words(self) -> [String; 2];
}

impl<F: Fn(Lang) -> String> Words for F {
    fn words(self) -> [String; 2] {
        crate::i18n::both(self)
    }
}

impl Words for [String; 2] {
    fn words(self) -> [String; 2] {
        self
    }
}

impl Words for String {
    fn words(self) -> [String; 2] {
        [self.clone(), self]
    }
}

impl Words for &str {
    fn words(self) -> [String; 2] {
        [self.to_owned(), self.to_owned()]
    }
}

impl Error {
    pub fn new(kind: Kind, words: impl Words) -> Self {
        Error::Said {
            kind,
            text: words.words(),
            hints: Vec::new(),
        }
    }

    /// A bad flag, an unknown city or id (exit 2).
    pub fn usage(words: impl Words) -> Self {
        Self::new(Kind::Usage, words)
    }

    /// A file that cannot be used as it is.
    pub fn input(words: impl Words) -> Self {
        Self::new(Kind::Input, words)
    }

    /// The file system or a program refused.
    pub fn io(words: impl Words) -> Self {
        Self::new(Kind::Io, words)
    }

    /// The file system refused `op` on `path` ("cannot read `cities/x.yaml`: …").
    pub fn file(op: Op, path: &std::path::Path, cause: &std::io::Error) -> Self {
        let cause = cause.to_string();
        Self::io(|lang: Lang| {
            let (path, cause) = (lang.code(path.display()), lang.embed(&cause));
            match op {
                Op::Read => say!(
                    lang,
                    "cannot read {path}: {cause}",
                    "{path} خوانده نمی‌شود: {cause}"
                ),
                Op::Create => say!(
                    lang,
                    "cannot create {path}: {cause}",
                    "{path} ساخته نمی‌شود: {cause}"
                ),
                Op::Write => say!(
                    lang,
                    "cannot write {path}: {cause}",
                    "{path} نوشته نمی‌شود: {cause}"
                ),
                Op::Remove => say!(
                    lang,
                    "cannot remove {path}: {cause}",
                    "{path} پاک نمی‌شود: {cause}"
                ),
            }
        })
    }

    /// A program (`git`, the editor) could not be started.
    pub fn program(name: &str, cause: &std::io::Error) -> Self {
        let cause = cause.to_string();
        Self::io(|lang: Lang| {
            let (name, cause) = (lang.code(name), lang.embed(&cause));
            say!(
                lang,
                "cannot run {name}: {cause}",
                "{name} اجرا نمی‌شود: {cause}"
            )
        })
    }

    /// A program ran and refused: `git rev-parse` with its own words.
    pub fn program_failed(command: &str, said: &str) -> Self {
        let said = said.trim().to_owned();
        Self::io(|lang: Lang| {
            let (command, said) = (lang.code(command), lang.embed(&said));
            say!(
                lang,
                "{command} failed: {said}",
                "{command} ناموفق بود: {said}"
            )
        })
    }

    /// The folder `diplomat` runs in is gone or unreadable.
    pub fn current_folder(cause: &std::io::Error) -> Self {
        let cause = cause.to_string();
        Self::io(|lang: Lang| {
            let cause = lang.embed(&cause);
            say!(
                lang,
                "cannot read the current folder: {cause}",
                "پوشهٔ جاری خوانده نمی‌شود: {cause}"
            )
        })
    }

    /// A usage error worded in English and Persian already.
    pub fn said(en: impl Into<String>, fa: impl Into<String>) -> Self {
        Error::Said {
            kind: Kind::Usage,
            text: [en.into(), fa.into()],
            hints: Vec::new(),
        }
    }

    pub fn problems(problems: Vec<Problem>) -> Self {
        Error::Problems(problems)
    }

    /// Something that should not happen: `diplomat`'s own fault.
    pub fn internal(message: impl fmt::Display) -> Self {
        Error::Other(anyhow::anyhow!("{message}"))
    }

    /// Adds a hint line (`= help: …`).
    pub fn hint(self, words: impl Words) -> Self {
        self.with_hint(Hint::Text(words.words()))
    }

    /// Adds "did you mean `a` or `b`?" for the names close to what was typed; with none close,
    /// no hint at all rather than an empty "did you mean ?".
    pub fn did_you_mean<S: ToString>(self, near: impl IntoIterator<Item = S>) -> Self {
        let near: Vec<String> = near.into_iter().map(|n| n.to_string()).collect();
        if near.is_empty() {
            return self;
        }
        self.with_hint(Hint::DidYouMean(near))
    }

    pub fn with_hint(mut self, hint: Hint) -> Self {
        if let Error::Said { hints, .. } = &mut self {
            hints.push(hint);
        }
        self
    }

    pub fn kind(&self) -> Kind {
        match self {
            Error::Said { kind, .. } => *kind,
            Error::Problems(_) => Kind::Input,
            Error::Output(_) => Kind::Io,
            Error::Other(_) => Kind::Internal,
        }
    }

    /// The error as the analyst reads it, in `lang`, without the leading `error:`. Text that
    /// came from a file or the command line is shown escaped, with contact details masked.
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Error::Said { text, hints, .. } => {
                let mut out = safe(&text[lang as usize]);
                for hint in hints {
                    out.push_str(&format!(
                        "\n  = {}: {}",
                        lang.help(),
                        safe(&hint.show(lang))
                    ));
                }
                out
            }
            Error::Problems(problems) => {
                let error = lang.pick("error", "خطا");
                let mut out = String::new();
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&format!("\n{error}: "));
                    }
                    out.push_str(&problem.show(lang).to_string());
                }
                out
            }
            Error::Output(err) => {
                let err = lang.embed(&err.to_string()).into_owned();
                say!(
                    lang,
                    "cannot write the output: {err}",
                    "خروجی نوشته نشد: {err}"
                )
            }
            Error::Other(err) => {
                let mut out = safe(&err.to_string());
                for cause in err.chain().skip(1) {
                    out.push_str(&format!("\n\nCaused by:\n    {}", safe(&cause.to_string())));
                }
                out
            }
        }
    }

    /// Reading stopped because the reader went away (`diplomat city list | head -1`).
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Output(err) => err.kind() == std::io::ErrorKind::BrokenPipe,
            Error::Other(err) => err
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe),
            _ => false,
        }
    }
}

/// In English, for logs and tests; the analyst sees [`Error::show`] in the run's language.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.show(Lang::En))
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Output(err)
    }
}

impl From<anyhow::Error> for Error {
    fn from(err: anyhow::Error) -> Self {
        Error::Other(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn said_in_the_language_asked_with_hints() {
        let err = Error::usage(|lang: Lang| say!(lang, "no city `x`", "شهر `x` نیست"))
            .with_hint(Hint::DidYouMean(vec!["kazan".into()]))
            .hint(|lang: Lang| lang.pick("see `diplomat city list`", "ببینید").to_owned());
        assert_eq!(err.kind(), Kind::Usage);
        assert_eq!(
            err.show(Lang::En),
            "no city `x`\n  = help: did you mean `kazan`?\n  = help: see `diplomat city list`"
        );
        assert!(
            err.show(Lang::Fa)
                .starts_with("شهر `x` نیست\n  = راهنما: منظورتان")
        );
    }

    #[test]
    fn text_from_files_is_escaped_and_masked() {
        let err = Error::usage(|_| "bad \u{1b}[2J `ali@example.org`".to_owned());
        let shown = err.show(Lang::En);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains("example"),
            "{shown}"
        );
    }
}
