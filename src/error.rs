//! Errors that stop a command. Problems the command *found* (a `validate` error, an unmet
//! checklist item) are not errors: they are results, and give exit code 1.

use std::fmt;

use crate::diag::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad flag, an unknown city, no workspace: exit 2.
    #[error("{0}")]
    Usage(String),
    /// A usage error analysts meet often, said in both languages; shown in the one chosen.
    #[error("{}", crate::lang::messages().pick(.en, .fa))]
    Said { en: String, fa: String },
    /// A file the command needs cannot be read: exit 2, every problem shown.
    #[error("{}", ProblemList(.0))]
    Problems(Vec<Problem>),
    /// Writing to stdout failed; a closed pipe among these ends the command quietly.
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    /// A common usage error in English and Persian (exit 2).
    pub fn said(en: impl Into<String>, fa: impl Into<String>) -> Self {
        Error::Said {
            en: en.into(),
            fa: fa.into(),
        }
    }

    pub fn problems(problems: Vec<Problem>) -> Self {
        Error::Problems(problems)
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

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = crate::lang::messages().pick("error", "خطا");
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, "\n{error}: ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}
