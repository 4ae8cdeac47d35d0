use std::collections::BTreeMap;

use serde::Serialize;

use super::Names;
use super::vocab::PersonRole;
use crate::calendar::{Calendar, WeekStart};
use crate::i18n::Lang;

/// `diplomat.yaml`: every key optional.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Settings {
    pub home_city: Names,
    pub language: Lang,
    pub calendar: Calendar,
    pub week_start: WeekStart,
    /// No interaction for longer than this: the city is going cold.
    pub stale_after_days: u32,
    /// Commit every change a write command makes (as `--commit` does).
    pub auto_commit: bool,
    /// `follow_up_days:` — days between follow-ups by role, every role present (the defaults
    /// of [`PersonRole::default_follow_up_days`] where the file names none); 0: never.
    pub follow_up_days: BTreeMap<PersonRole, u32>,
    /// `renew_notice_days:` — how long before a relationship's `expires` its renewal is due.
    pub renew_notice_days: u32,
    /// Who an e-mail draft of a report (`--format eml`) is from and to.
    pub report: ReportMail,
}

/// `report:` in `diplomat.yaml`: the addresses of e-mail drafts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReportMail {
    pub from: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
}

/// An e-mail address with an optional display name: `Narges Tavakoli <narges@example.org>`
/// or `directors@example.org`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    pub name: Option<String>,
    pub address: String,
}

/// Why a text is not a mailbox (said by the caller, who knows where the text came from).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailboxError {
    Empty,
    /// No `@`, nothing before or after it, or more than one.
    NoAt,
    /// A space, a control character, `<`, `>`, `,` or a quote inside the address.
    BadCharacter,
    /// `Name <address` without its `>`, or text after it.
    Unclosed,
}

impl Mailbox {
    pub fn parse(text: &str) -> Result<Mailbox, MailboxError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(MailboxError::Empty);
        }
        let (name, address) = match text.find('<') {
            Some(open) => {
                let rest = &text[open + 1..];
                let close = rest.find('>').ok_or(MailboxError::Unclosed)?;
                if !rest[close + 1..].trim().is_empty() {
                    return Err(MailboxError::Unclosed);
                }
                let name = text[..open].trim().trim_matches('"').trim();
                let name = (!name.is_empty()).then(|| name.to_owned());
                // A bidi control in a display name would reorder the header a mail client shows.
                if name.as_deref().is_some_and(|n| {
                    n.chars()
                        .any(|c| c.is_control() || crate::text::is_bidi_control(c))
                }) {
                    return Err(MailboxError::BadCharacter);
                }
                (name, rest[..close].trim())
            }
            None if text.contains('>') => return Err(MailboxError::Unclosed),
            None => (None, text),
        };
        // No invisible character either (bidi controls, zero-width spaces): an address looks
        // like what it is.
        if address.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || "<>,;\"\\()[]".contains(c)
                || crate::text::is_bidi_control(c)
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
        }) {
            return Err(MailboxError::BadCharacter);
        }
        match address.split_once('@') {
            Some((local, domain))
                if !local.is_empty() && !domain.is_empty() && !domain.contains('@') => {}
            _ => return Err(MailboxError::NoAt),
        }
        Ok(Mailbox {
            name,
            address: address.to_owned(),
        })
    }
}

impl std::fmt::Display for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} <{}>", self.address),
            None => f.write_str(&self.address),
        }
    }
}

impl MailboxError {
    /// What is wrong, in words, for a message that names the value itself.
    pub fn words(self, lang: Lang) -> String {
        let example = lang.code("Name <name@example.org>");
        match self {
            MailboxError::Empty => say!(lang, "is empty", "خالی است"),
            MailboxError::NoAt => say!(
                lang,
                "is not an e-mail address (write {example} or name@example.org)",
                "نشانی ایمیل نیست ({example} یا name@example.org بنویسید)"
            ),
            MailboxError::BadCharacter => say!(
                lang,
                "holds a space or a character an e-mail address cannot hold",
                "فاصله یا نویسه‌ای دارد که در نشانی ایمیل نمی‌آید"
            ),
            MailboxError::Unclosed => say!(
                lang,
                "should be written {example}, with nothing after the {close}",
                "باید به شکل {example} نوشته شود و پس از {close} چیزی نیاید",
                close = lang.code(">")
            ),
        }
    }
}

impl Settings {
    /// Days between follow-ups of a person of `role` (0: never), as `diplomat.yaml` sets them.
    pub fn follow_up_after(&self, role: PersonRole) -> u32 {
        self.follow_up_days
            .get(&role)
            .copied()
            .unwrap_or_else(|| role.default_follow_up_days())
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            home_city: Names {
                en: "Isfahan".into(),
                fa: Some("اصفهان".into()),
                local: None,
            },
            language: Lang::En,
            calendar: Calendar::Gregorian,
            week_start: WeekStart::Saturday,
            stale_after_days: 90,
            auto_commit: false,
            follow_up_days: PersonRole::ALL
                .iter()
                .map(|r| (*r, r.default_follow_up_days()))
                .collect(),
            renew_notice_days: 90,
            report: ReportMail::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailboxes_read_with_and_without_a_name() {
        let m = Mailbox::parse(" Narges Tavakoli <narges@example.org> ");
        assert_eq!(
            m.map(|m| m.to_string()),
            Ok("Narges Tavakoli <narges@example.org>".to_owned())
        );
        assert_eq!(
            Mailbox::parse("\"Office\" <office@example.org>").map(|m| m.name),
            Ok(Some("Office".to_owned()))
        );
        assert_eq!(
            Mailbox::parse("directors@example.org").map(|m| m.name),
            Ok(None)
        );
        assert_eq!(Mailbox::parse(""), Err(MailboxError::Empty));
        assert_eq!(Mailbox::parse("directors"), Err(MailboxError::NoAt));
        assert_eq!(Mailbox::parse("a@b@c"), Err(MailboxError::NoAt));
        assert_eq!(Mailbox::parse("a b@c.org"), Err(MailboxError::BadCharacter));
        assert_eq!(Mailbox::parse("A <a@c.org"), Err(MailboxError::Unclosed));
        assert_eq!(Mailbox::parse("A <a@c.org> x"), Err(MailboxError::Unclosed));
        assert_eq!(
            Mailbox::parse("a@c.org\r\nBcc: x@y.org"),
            Err(MailboxError::BadCharacter)
        );
        // Nothing invisible that would reorder or hide part of a header.
        for bad in [
            "\u{202e}@x.org",
            "a\u{200b}@x.org",
            "Ana \u{202e}gro <a@x.org>",
        ] {
            assert_eq!(
                Mailbox::parse(bad),
                Err(MailboxError::BadCharacter),
                "{bad:?}"
            );
        }
        // A Persian name keeps its ZWNJ.
        assert!(Mailbox::parse("نرگس توکلی‌زاده <n@x.org>").is_ok());
    }
}
