//! Everything a command says on stderr goes through one [`Reporter`]: notes, warnings and the
//! final error. It holds what decides how they look, once: the language of messages,
//! `--quiet`, and color (`--color`, `NO_COLOR`, whether stderr is a terminal). Every line is
//! shown with control characters escaped and contact details masked ([`crate::problem::safe`]):
//! messages quote dossier text, and stderr reaches terminals and CI logs.

use std::io::{IsTerminal, Write};

use crate::error::{Error, Words};
use crate::i18n::Lang;
use crate::problem::{Problem, safe};

use super::ColorWhen;

#[derive(Clone, Copy, Debug)]
pub struct Reporter {
    lang: Lang,
    quiet: bool,
    color: bool,
}

impl Reporter {
    pub fn new(lang: Lang, quiet: bool, color: ColorWhen) -> Self {
        let color = match color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        Self { lang, quiet, color }
    }

    /// The language messages are said in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// What happened, for the analyst's information ("wrote `cities/kazan.yaml`"); not with
    /// `--quiet`.
    pub fn note(&self, words: impl Words) {
        if !self.quiet {
            self.line(None, &words.words()[self.lang as usize]);
        }
    }

    /// Something the analyst should look at; the command goes on. Not with `--quiet`.
    pub fn warn(&self, words: impl Words) {
        if !self.quiet {
            let word = self.lang.pick("warning", "هشدار");
            self.line(
                Some((word, anstyle::AnsiColor::Yellow)),
                &words.words()[self.lang as usize],
            );
        }
    }

    /// A problem in a file the command went on without.
    pub fn problem(&self, problem: &Problem) {
        self.warn(problem.show(self.lang).to_string());
    }

    /// A unified diff (`fmt --check`), colored when color is on; not with `--quiet`. Each
    /// line is escaped as every other line is, so a control character shows as `\r`, `\e`.
    pub fn diff(&self, diff: &str) {
        if self.quiet {
            return;
        }
        let mut err = std::io::stderr().lock();
        // Not `lines()`: a CR before the LF is what changes in a CRLF file, and is shown.
        for line in diff.split_terminator('\n') {
            let text = safe(line);
            let color = if line.starts_with("+++") || line.starts_with("---") {
                None
            } else if line.starts_with('+') {
                Some(anstyle::AnsiColor::Green)
            } else if line.starts_with('-') {
                Some(anstyle::AnsiColor::Red)
            } else if line.starts_with("@@") {
                Some(anstyle::AnsiColor::Cyan)
            } else {
                None
            };
            let header = line.starts_with("+++") || line.starts_with("---");
            // A closed stderr is no reason to fail: the diff is lost either way.
            let _ = match (self.color, color) {
                (true, Some(color)) => {
                    let style = anstyle::Style::new().fg_color(Some(color.into()));
                    writeln!(err, "{style}{text}{style:#}")
                }
                (true, None) if header => {
                    let style = anstyle::Style::new().bold();
                    writeln!(err, "{style}{text}{style:#}")
                }
                _ => writeln!(err, "{text}"),
            };
        }
    }

    /// The error that stopped the command; shown even with `--quiet`.
    pub fn error(&self, err: &Error) {
        let word = self.lang.pick("error", "خطا");
        self.line(Some((word, anstyle::AnsiColor::Red)), &err.show(self.lang));
    }

    /// A problem said as an error, for a command whose result is its problems (`city edit`).
    pub fn problem_error(&self, problem: &Problem) {
        let word = self.lang.pick("error", "خطا");
        self.line(
            Some((word, anstyle::AnsiColor::Red)),
            &problem.show(self.lang).to_string(),
        );
    }

    fn line(&self, label: Option<(&str, anstyle::AnsiColor)>, text: &str) {
        let text = safe(text);
        let mut err = std::io::stderr().lock();
        // A closed stderr is no reason to fail (or panic): the message is lost either way.
        let _ = match label {
            Some((word, color)) if self.color => {
                let style = anstyle::Style::new().bold().fg_color(Some(color.into()));
                writeln!(err, "{style}{word}{style:#}: {text}")
            }
            Some((word, _)) => writeln!(err, "{word}: {text}"),
            None => writeln!(err, "{text}"),
        };
    }
}
