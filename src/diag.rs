//! Located problems in an analyst's file: `cities/x.yaml:12:5: message`, with the line shown.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a file, 1-based, in characters (what an editor's status bar shows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

impl Loc {
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }
}

/// One problem in one file. Several are collected per file so the analyst fixes them in one go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub loc: Option<Loc>,
    pub message: String,
    pub help: Option<String>,
    /// The offending line's text, shown under the message.
    pub source_line: Option<String>,
    /// How many characters the caret underlines.
    pub width: usize,
}

impl Problem {
    pub fn new(file: &Path, loc: Option<Loc>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            loc,
            message: message.into(),
            help: None,
            source_line: None,
            width: 1,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches the text of the problem's line from `source`, so the message shows it.
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(loc) = self.loc {
            self.source_line = source
                .lines()
                .nth(loc.line.saturating_sub(1) as usize)
                .map(|l| l.trim_end_matches('\r').to_owned());
        }
        self
    }

    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// `cities/x.yaml:12:5`, or the bare file when the position is unknown.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match self.loc {
            Some(Loc { line, column }) => format!("{file}:{line}:{column}"),
            None => file.to_string(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let (Some(line), Some(loc)) = (&self.source_line, self.loc) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let shown: String = line.chars().take(200).collect();
            let caret_at: usize = shown
                .chars()
                .take(loc.column.saturating_sub(1) as usize)
                .map(|c| {
                    if c == '\t' {
                        1
                    } else {
                        crate::text::display_width(c.encode_utf8(&mut [0; 4]))
                    }
                })
                .sum();
            write!(
                f,
                "\n{pad} |\n{number} | {shown}\n{pad} | {}{}",
                " ".repeat(caret_at),
                "^".repeat(self.width.min(80))
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}
