//! Planned events: `event add`, `event set`, and `event held`, which marks an event held and
//! records what happened (an interaction, or for a review session a review) in the same write.

use jiff::civil::Date;

use super::listed;
use super::{Applied, Entry, Target, Writer, entry_named, said, unchanged};
use crate::edit::{self, Draft};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::registry::event;
use crate::model::vocab::{EventKind, EventStatus};
use crate::model::{Event, Interaction, Review, TimeOfDay};

/// A new event, given a random id (`e-7k2m`); everyone in its `with` must be a facilitator or
/// contact of the city.
pub fn add(w: &Writer, target: &Target, mut new: Event) -> Result<Applied<String>> {
    let title = super::quoted(&new.title);
    let id = edit::change(&w.root, &target.path, w.lang, |draft| {
        super::interaction::known(draft, &new.with)?;
        ends_after_it_begins(&new)?;
        new.id = listed::new_id::<Event>(draft, "e");
        let id = new.id.clone();
        listed::push(draft, &target.slug, new)?;
        Ok(id)
    })?;
    let slug = target.slug.as_str();
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (id, slug) = (lang.code(&id), lang.code(slug));
            say!(
                lang,
                "added event {id} to {slug}",
                "رویداد {id} به {slug} افزوده شد"
            )
        }),
        message: format!("{slug}: event add {id} {title}"),
        value: id.clone(),
    })
}

/// What `event set` changes; `None` leaves a field as it is, `Some(None)` removes an optional
/// one.
#[derive(Debug, Default, PartialEq)]
pub struct Set {
    pub date: Option<Date>,
    pub end: Option<Option<Date>>,
    pub time: Option<Option<TimeOfDay>>,
    pub kind: Option<EventKind>,
    pub title: Option<String>,
    pub place: Option<Option<String>>,
    /// The whole list of people, replacing the one stored.
    pub with: Option<Vec<String>>,
    pub status: Option<EventStatus>,
}

impl Set {
    /// Whether the change asks for anything at all.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Changes the event `id` of the target, which holds it; the keys it changed, in order.
pub fn set(
    w: &Writer,
    target: &Target,
    id: &str,
    change: &Set,
) -> Result<Applied<Vec<&'static str>>> {
    let changed = edit::change(&w.root, &target.path, w.lang, |draft| {
        if let Some(with) = &change.with {
            super::interaction::known(draft, with)?;
        }
        let (index, mut fields) = listed::open::<Event>(draft, id)?;
        let e = &mut draft.model.events[index];
        fields.day(event::DATE, &mut e.date, change.date);
        fields.opt_date(event::END, &mut e.end, change.end);
        fields.opt_time(event::TIME, &mut e.time, change.time);
        fields.vocab(event::KIND, &mut e.kind, change.kind);
        fields.text(event::TITLE, &mut e.title, change.title.as_ref());
        fields.opt_text(event::PLACE, &mut e.place, change.place.as_ref());
        fields.list(event::WITH, &mut e.with, change.with.as_ref());
        fields.vocab(event::STATUS, &mut e.status, change.status);
        ends_after_it_begins(e)?;
        Ok(fields.changed)
    })?;
    let slug = target.slug.as_str();
    if changed.is_empty() {
        return Ok(Applied {
            paths: Vec::new(),
            said: unchanged(entry_named(Entry::Event, id), slug),
            message: String::new(),
            value: changed,
        });
    }
    let list = changed.join(", ");
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (id, slug) = (lang.code(id), lang.code(slug));
            say!(
                lang,
                "updated event {id} in {slug}: {list}",
                "رویداد {id} در {slug} به‌روز شد: {list}"
            )
        }),
        message: format!("{slug}: event set {id} ({list})"),
        value: changed,
    })
}

/// What `event held` is told: what happened, and the day (default the event's own).
#[derive(Debug, Default)]
pub struct Held {
    pub summary: Option<String>,
    pub date: Option<Date>,
}

/// What `event held` recorded beside the event's status.
#[derive(Debug, PartialEq)]
pub enum Recorded {
    Interaction(Interaction),
    Review(Review),
    /// The event was held already: nothing was written.
    Nothing,
}

/// Marks the event `id` held and records what happened, both in one verified write: an
/// interaction of the event's kind (a visit or a delegation is a visit, an exhibition an
/// event), or for a review session a review whose outcome is the summary (then required). The
/// people and the title are the event's; the day is `held.date`, else the event's. The event's
/// own date stays as it was planned. An event held already is left as it is.
pub fn held(w: &Writer, target: &Target, id: &str, held: &Held) -> Result<Applied<Recorded>> {
    let (recorded, title) = edit::change(&w.root, &target.path, w.lang, |draft| {
        let (index, mut fields) = listed::open::<Event>(draft, id)?;
        let e = &mut draft.model.events[index];
        let title = super::quoted(&e.title);
        if e.status == EventStatus::Held {
            return Ok((Recorded::Nothing, title));
        }
        fields.vocab(event::STATUS, &mut e.status, Some(EventStatus::Held));
        let e = e.clone();
        Ok((record(draft, &e, held)?, title))
    })?;
    let slug = target.slug.as_str();
    let (date, review) = match &recorded {
        Recorded::Nothing => {
            return Ok(Applied {
                paths: Vec::new(),
                said: said(|lang: Lang| {
                    let (id, slug, log) =
                        (lang.code(id), lang.code(slug), lang.code("diplomat log"));
                    say!(
                        lang,
                        "event {id} of {slug} was held already; nothing changed (record more of what happened with {log})",
                        "رویداد {id} در {slug} پیش‌تر برگزار شده بود؛ چیزی تغییر نکرد (باقی آنچه گذشت را با {log} ثبت کنید)"
                    )
                }),
                message: String::new(),
                value: recorded,
            });
        }
        Recorded::Interaction(i) => (i.date, false),
        Recorded::Review(r) => (r.date, true),
    };
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (id, slug, day) = (lang.code(id), lang.code(slug), w.date(date, lang));
            match review {
                false => say!(
                    lang,
                    "event {id} of {slug} was held: logged it on {day}",
                    "رویداد {id} در {slug} برگزار شد: در تاریخ {day} ثبت شد"
                ),
                true => say!(
                    lang,
                    "event {id} of {slug} was held: recorded the review of {day}",
                    "رویداد {id} در {slug} برگزار شد: جلسهٔ بررسی {day} ثبت شد"
                ),
            }
        }),
        message: format!("{slug}: event held {id} {title}"),
        value: recorded,
    })
}

/// The interaction or review that records the held event `e` in the draft.
fn record(draft: &mut Draft, e: &Event, held: &Held) -> Result<Recorded> {
    let date = held.date.unwrap_or(e.date);
    let summary = held.summary.clone().filter(|s| !s.trim().is_empty());
    match e.kind.interaction() {
        Some(kind) => {
            let new = Interaction {
                date,
                kind,
                title: e.title.clone(),
                with: e.with.clone(),
                summary,
            };
            super::interaction::insert(draft, new.clone())?;
            Ok(Recorded::Interaction(new))
        }
        None => {
            let Some(outcome) = summary else {
                let id = e.id.clone();
                return Err(Error::usage(move |lang: Lang| {
                    let (id, flag) = (lang.code(&id), lang.code("--summary"));
                    say!(
                        lang,
                        "event {id} is a review session, recorded with its outcome: give it with {flag}; nothing was written",
                        "رویداد {id} جلسهٔ بررسی پرونده است و با نتیجه‌اش ثبت می‌شود: آن را با {flag} بدهید؛ چیزی نوشته نشد"
                    )
                }));
            };
            let new = Review {
                date,
                participants: e.with.clone(),
                outcome: outcome.trim().to_owned(),
            };
            super::review::insert(draft, new.clone())?;
            Ok(Recorded::Review(new))
        }
    }
}

/// An event ends on or after the day it begins.
fn ends_after_it_begins(e: &Event) -> Result<()> {
    match e.end {
        Some(end) if end < e.date => {
            let (date, end) = (e.date, end);
            Err(Error::usage(move |lang: Lang| {
                let (end, date) = (lang.code(end), lang.code(date));
                say!(
                    lang,
                    "the event would end ({end}) before it begins ({date}); nothing was written",
                    "رویداد پیش از آغازش ({date}) پایان می‌یافت ({end})؛ چیزی نوشته نشد"
                )
            }))
        }
        _ => Ok(()),
    }
}
