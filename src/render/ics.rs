//! The agenda as an iCalendar file (RFC 5545) that Outlook, Google Calendar, Thunderbird and
//! khal import or subscribe to.
//!
//! - `METHOD:PUBLISH`, and every item a `VEVENT` (Outlook imports no `VTODO`).
//! - An item of a day (an action due, a follow-up, a renewal, an event with no time) is an
//!   all-day entry: `DTSTART;VALUE=DATE` and `DTEND` the next day; an event of several days
//!   runs to the day after its last (its time, if any, said in the description). An event of
//!   one day with a time begins then, Isfahan time (`TZID=Asia/Tehran`, described by its
//!   `VTIMEZONE`: +03:30 all year, Iran having kept no summer time since 2022), for an hour.
//! - `UID` is a hash of what the item is — its kind, city and id (a person's for a follow-up,
//!   `relationship` for a renewal), never its date — so it is the same on every run and every
//!   machine, and a second import (or a subscription's refresh) moves an entry instead of
//!   adding a twin. `DTSTAMP` is the day diplomat ran (`DIPLOMAT_TODAY` fixes it), so two runs
//!   of a day give the same bytes.
//! - Text is escaped (`\\`, `\;`, `\,`, `\n`) after it is made harmless as on a terminal
//!   ([`visible`]: control characters and unbalanced bidi controls shown as escapes) and any
//!   e-mail address or phone number in it masked ([`mask_contacts`]); no contact detail is
//!   written at all.
//! - Lines end in CRLF and are folded at 75 octets, never inside a character.

use jiff::civil::Date;

use crate::calendar::{self, Calendar};
use crate::i18n::Lang;
use crate::model::vocab::EventStatus;
use crate::problem::mask_contacts;
use crate::query::agenda::{AgendaItem, Kind, Status};
use crate::text::visible;

/// `--format ics` given to another command than `agenda`.
pub fn only_agenda() -> crate::error::Error {
    crate::error::Error::usage(|lang: Lang| {
        let (flag, agenda) = (lang.code("--format ics"), lang.code("agenda"));
        say!(
            lang,
            "{flag} is the calendar of {agenda}; this command does not write it",
            "{flag} تقویم {agenda} است؛ این فرمان آن را نمی‌نویسد"
        )
    })
}

/// The zone of every timed entry: Isfahan's.
pub const TZID: &str = "Asia/Tehran";

/// The most octets a line holds before it is folded.
const FOLD_AT: usize = 75;

/// What the calendar says around its entries.
pub struct Options<'a> {
    /// Its name, as a calendar program lists it (`X-WR-CALNAME`).
    pub name: &'a str,
    pub lang: Lang,
    /// How dates are shown in descriptions.
    pub calendar: Calendar,
    /// The day it is written: every entry's `DTSTAMP`.
    pub today: Date,
    /// A city's name from its slug.
    pub city: &'a dyn Fn(&str) -> String,
}

/// The calendar of `items`.
pub fn calendar(items: &[AgendaItem], options: &Options) -> String {
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Isfahan Citizen Diplomat//diplomat//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", text(options.name)));
    out.line(&format!("X-WR-TIMEZONE:{TZID}"));
    // How often a subscriber asks again (RFC 7986; Outlook reads the second).
    out.line("REFRESH-INTERVAL;VALUE=DURATION:PT12H");
    out.line("X-PUBLISHED-TTL:PT12H");
    for line in [
        "BEGIN:VTIMEZONE",
        &format!("TZID:{TZID}"),
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0330",
        "TZOFFSETTO:+0330",
        "TZNAME:+0330",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        out.line(line);
    }
    for item in items {
        entry(&mut out, item, options);
    }
    out.line("END:VCALENDAR");
    out.text
}

/// One item's `VEVENT`.
fn entry(out: &mut Lines, item: &AgendaItem, options: &Options) {
    let lang = options.lang;
    let city = (options.city)(&item.city);
    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}", uid(item)));
    out.line(&format!("DTSTAMP:{}T000000Z", day(options.today)));
    match (item.time, item.end) {
        (Some(time), None) => {
            let start = item.date.at(time.hour, time.minute, 0, 0);
            let end = start.saturating_add(jiff::Span::new().hours(1));
            out.line(&format!("DTSTART;TZID={TZID}:{}", moment(start)));
            out.line(&format!("DTEND;TZID={TZID}:{}", moment(end)));
        }
        _ => {
            let last = item.end.unwrap_or(item.date);
            out.line(&format!("DTSTART;VALUE=DATE:{}", day(item.date)));
            out.line(&format!("DTEND;VALUE=DATE:{}", day(next(last))));
        }
    }
    out.line(&format!(
        "SUMMARY:{}",
        text(&format!("{city}: {}", item.title))
    ));
    if let Some(place) = &item.place {
        out.line(&format!("LOCATION:{}", text(place)));
    }
    out.line(&format!(
        "DESCRIPTION:{}",
        text(&description(item, options))
    ));
    let kind = match item.event_kind {
        Some(kind) => kind.label(lang),
        None => item.kind.label(lang),
    };
    out.line(&format!("CATEGORIES:{},{}", text(kind), text(&city)));
    let status = match item.status {
        Status::Event(EventStatus::Planned) => "TENTATIVE",
        Status::Event(EventStatus::Cancelled) => "CANCELLED",
        _ => "CONFIRMED",
    };
    out.line(&format!("STATUS:{status}"));
    // Only a meeting, a visit or an exhibition takes the time; a deadline shows it is free.
    if item.kind != Kind::Event {
        out.line("TRANSP:TRANSPARENT");
    }
    out.line("END:VEVENT");
}

/// The longer text: what the item is and where it stands, place and people, an event's notes,
/// and the city and id diplomat knows it by.
fn description(item: &AgendaItem, options: &Options) -> String {
    let lang = options.lang;
    let date = |d: Date| calendar::format_date(d, options.calendar, lang);
    let mut lines: Vec<String> = Vec::new();
    let mut head = match item.event_kind {
        Some(kind) => kind.label(lang).to_owned(),
        None => item.kind.label(lang).to_owned(),
    };
    head.push_str(" · ");
    head.push_str(item.status.label(lang));
    if let Some(owner) = item.owner {
        head.push_str(" · ");
        head.push_str(owner.label(lang));
    }
    lines.push(head);
    if let Some(days) = item.days_late(options.today).filter(|d| *d > 0) {
        lines.push(match lang {
            Lang::En if days == 1 => "1 day late".to_owned(),
            Lang::En => format!("{days} days late"),
            Lang::Fa => format!("{} روز تأخیر", lang.num(days)),
        });
    }
    if let (Some(time), Some(_)) = (item.time, item.end) {
        let time = lang.num(time);
        lines.push(match lang {
            Lang::En => format!("begins at {time}, Isfahan time"),
            Lang::Fa => format!("آغاز ساعت {time} به وقت اصفهان"),
        });
    }
    match item.kind {
        Kind::FollowUp => lines.push(match (item.last, lang) {
            (Some(last), Lang::En) => format!("last contact {}", date(last)),
            (Some(last), Lang::Fa) => format!("آخرین تماس {}", date(last)),
            (None, _) => lang
                .pick("never contacted", "تا کنون تماسی نبوده")
                .to_owned(),
        }),
        Kind::Renewal => lines.push(match lang {
            Lang::En => format!("the agreement expires on {}", date(item.date)),
            Lang::Fa => format!("اعتبار تفاهم‌نامه {} به پایان می‌رسد", date(item.date)),
        }),
        Kind::Event | Kind::Action => {}
    }
    if !item.people.is_empty() && item.kind != Kind::FollowUp {
        lines.push(format!(
            "{}{}",
            lang.pick("with ", "با "),
            lang.join(&item.people)
        ));
    }
    if let Some(notes) = item
        .notes
        .as_deref()
        .map(str::trim_end)
        .filter(|n| !n.is_empty())
    {
        lines.push(String::new());
        lines.push(notes.to_owned());
    }
    lines.push(String::new());
    lines.push(format!("diplomat: {} {}", item.city, item.id));
    lines.join("\n")
}

/// The same for an item on every run and machine: its kind, city and id, hashed.
fn uid(item: &AgendaItem) -> String {
    let identity = format!("{}\0{}\0{}", item.kind.slug(), item.city, item.id);
    let hash = xxhash_rust::xxh3::xxh3_128(identity.as_bytes());
    format!("{hash:032x}@diplomat")
}

/// `20261207`.
fn day(date: Date) -> String {
    date.strftime("%Y%m%d").to_string()
}

/// `20261207T093000`, a local time.
fn moment(at: jiff::civil::DateTime) -> String {
    at.strftime("%Y%m%dT%H%M%S").to_string()
}

fn next(date: Date) -> Date {
    date.tomorrow().unwrap_or(date)
}

/// A TEXT value: made harmless, contacts masked, then `\` `;` `,` and line breaks escaped.
fn text(value: &str) -> String {
    let shown = visible(value);
    let masked = mask_contacts(&shown);
    let mut out = String::with_capacity(masked.len() + 8);
    for c in masked.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            // A tab is text, but no calendar shows it well.
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Content lines, each ended by CRLF and folded.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    /// `line`, folded at 75 octets: a CRLF and a space before each part after the first (the
    /// space counted in the part's line), never inside a character, and never just after a
    /// space (some readers trim the end of each line before they unfold, and would lose it).
    fn line(&mut self, line: &str) {
        let mut start = 0;
        let mut room = FOLD_AT;
        for (at, c) in line.char_indices() {
            if at + c.len_utf8() - start <= room {
                continue;
            }
            let mut cut = at;
            while cut > start + 1 && line.as_bytes()[cut - 1] == b' ' {
                cut -= 1;
            }
            self.text.push_str(&line[start..cut]);
            self.text.push_str("\r\n ");
            start = cut;
            room = FOLD_AT - 1;
        }
        self.text.push_str(&line[start..]);
        self.text.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut lines = Lines::default();
        lines.line(line);
        lines.text
    }

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        let persian = format!("SUMMARY:{}", "اصفهان ".repeat(12));
        let out = folded(&persian);
        for part in out.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
        }
        // Unfolded, the line is whole again.
        assert_eq!(out.replace("\r\n ", ""), format!("{persian}\r\n"));
        assert_eq!(folded("VERSION:2.0"), "VERSION:2.0\r\n");
        let exact = "X".repeat(75);
        assert_eq!(folded(&exact), format!("{exact}\r\n"));
        assert_eq!(folded(&"X".repeat(76)), format!("{exact}\r\n X\r\n"));
        // The spaces before a fold go after it.
        let spaced = format!("{} YYY", "X".repeat(74));
        assert_eq!(folded(&spaced), format!("{}\r\n  YYY\r\n", "X".repeat(74)));
    }

    #[test]
    fn text_is_escaped_and_harmless() {
        assert_eq!(text("a, b; c\\d\nnext"), "a\\, b\\; c\\\\d\\nnext");
        assert_eq!(text("\u{1b}[2J"), "\\\\e[2J");
        assert_eq!(text("write to ana@example.org"), "write to •••@•••••••••••");
    }
}
