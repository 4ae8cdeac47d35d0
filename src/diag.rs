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
    /// The offending line's text (a window of it, for a very long line), shown under the message.
    pub source_line: Option<String>,
    /// Where in `source_line` the caret goes, in characters.
    source_column: usize,
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
            source_column: 0,
            width: 1,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches the text of the problem's line from `source`, so the message shows it.
    /// A line of megabytes is shown as the 200 characters around the problem.
    pub fn with_source(mut self, source: &str) -> Self {
        const SHOWN: usize = 200;
        const BEFORE: usize = 60;
        let Some(loc) = self.loc else { return self };
        let Some(line) = source.lines().nth(loc.line.saturating_sub(1) as usize) else {
            return self;
        };
        let line = line.trim_end_matches('\r');
        let column = loc.column.saturating_sub(1) as usize;
        let skip = if column > SHOWN - BEFORE {
            column - BEFORE
        } else {
            0
        };
        let mut shown: String = if skip > 0 {
            "…".into()
        } else {
            String::new()
        };
        shown.extend(line.chars().skip(skip).take(SHOWN));
        if line.chars().nth(skip + SHOWN).is_some() {
            shown.push('…');
        }
        self.source_column = column - skip + usize::from(skip > 0);
        self.source_line = Some(shown);
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

/// Said in the language of messages: in Persian the location (a path) is isolated, so it stays
/// in one piece at the start of the right-to-left line, and the hint is a راهنما.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = crate::lang::messages();
        write!(f, "{}: {}", lang.embed(&self.location()), self.message)?;
        if let (Some(line), Some(loc)) = (&self.source_line, self.loc) {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let shown = line;
            let caret_at: usize = shown
                .chars()
                .take(self.source_column)
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
            write!(f, "\n  = {}: {help}", lang.help())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_very_long_line_is_shown_around_the_problem() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let problem = Problem::new(Path::new("cities/x.yaml"), Some(Loc::new(1, 5001)), "here")
            .with_source(&line);
        let text = problem.to_string();
        assert!(text.len() < 1000, "{text}");
        let shown = text.lines().nth(2).unwrap_or_default();
        let caret = text.lines().nth(3).unwrap_or_default();
        // The caret stands under the X, whatever was cut before it.
        let x_at = shown.chars().position(|c| c == 'X');
        let caret_at = caret.chars().position(|c| c == '^');
        assert_eq!(x_at, caret_at, "{text}");
    }
}
