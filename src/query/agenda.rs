//! `agenda`: what is coming in a window of days — planned events, actions due, people due a
//! follow-up, agreements to renew — in one list, what is already overdue first.

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use crate::i18n::Lang;
use crate::model::vocab::{ActionStatus, EventKind, EventStatus, Owner};
use crate::model::{Dossier, Settings, TimeOfDay};
use crate::query::{followups, renewals};

/// What an item of the agenda is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Event,
    Action,
    FollowUp,
    Renewal,
}

impl Kind {
    /// As the JSON has it: `event`, `action`, `follow-up`, `renewal`.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Action => "action",
            Kind::FollowUp => "follow-up",
            Kind::Renewal => "renewal",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Event => lang.pick("event", "رویداد"),
            Kind::Action => lang.pick("action", "اقدام"),
            Kind::FollowUp => lang.pick("follow-up", "پیگیری"),
            Kind::Renewal => lang.pick("renewal", "تمدید"),
        }
    }
}

/// Where an item stands: an event's or an action's status; a follow-up is `due`; an
/// agreement `expires`, or `expired` already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Event(EventStatus),
    Action(ActionStatus),
    Due,
    Expires,
    Expired,
}

impl Status {
    /// As the JSON has it: the vocabulary's slug, or `due`, `expires`, `expired`.
    pub fn slug(self) -> &'static str {
        match self {
            Status::Event(s) => s.slug(),
            Status::Action(s) => s.slug(),
            Status::Due => "due",
            Status::Expires => "expires",
            Status::Expired => "expired",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Event(s) => s.label(lang),
            Status::Action(s) => s.label(lang),
            Status::Due => lang.pick("due", "موعد"),
            Status::Expires => lang.pick("expires", "پایان اعتبار"),
            Status::Expired => lang.pick("expired", "منقضی"),
        }
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.slug())
    }
}

/// One item of the agenda. The JSON row is the spec's `{date, kind, city, id, title, status,
/// owner, overdue, people}`; the rest is what a calendar (`--format ics`) needs besides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    /// The day it falls on: an event's (first) day, an action's due date, the day a
    /// follow-up is due, the day an agreement expires.
    pub date: Date,
    pub kind: Kind,
    /// The city's slug.
    pub city: String,
    /// The event's, the action's or the person's id; `relationship` for a renewal.
    pub id: String,
    /// What it is, in the chosen language where diplomat words it (a follow-up, a renewal).
    pub title: String,
    pub status: Status,
    /// Who carries it: an action's owner; none for the rest.
    pub owner: Option<Owner>,
    /// An open action or a follow-up due before today, an agreement expired.
    pub overdue: bool,
    /// The names of the people it is with.
    pub people: Vec<String>,
    /// The last day of an event of several days.
    #[serde(skip)]
    pub end: Option<Date>,
    /// When an event begins, Isfahan time.
    #[serde(skip)]
    pub time: Option<TimeOfDay>,
    #[serde(skip)]
    pub place: Option<String>,
    #[serde(skip)]
    pub event_kind: Option<EventKind>,
    /// The longer text of a calendar entry: an event's notes, a follow-up's last contact.
    #[serde(skip)]
    pub notes: Option<String>,
    /// A follow-up's last interaction or review with the person, if any.
    #[serde(skip)]
    pub last: Option<Date>,
}

impl AgendaItem {
    /// What it is, in words: an event's kind (`delegation`), else the item's (`action`).
    pub fn kind_label(&self, lang: Lang) -> &'static str {
        match self.event_kind {
            Some(kind) => kind.label(lang),
            None => self.kind.label(lang),
        }
    }

    /// Days since it fell due, as of `today`, for an overdue item.
    pub fn days_late(&self, today: Date) -> Option<i32> {
        self.overdue.then(|| (today - self.date).get_days())
    }
}

/// Which days and what in them: `from`–`to` (both included), `cities` (slugs; all when
/// empty), `owner` (only actions carried by it).
#[derive(Clone, Debug)]
pub struct Window {
    pub from: Date,
    pub to: Date,
    pub cities: Vec<String>,
    pub owner: Option<Owner>,
    /// Cancelled events too: a calendar says them cancelled, so that an entry imported before
    /// is taken off.
    pub cancelled: bool,
}

impl Window {
    /// `today` and the `days` after it.
    pub fn days(today: Date, days: i32) -> Window {
        Window {
            from: today,
            to: today.saturating_add(jiff::Span::new().days(days)),
            cities: Vec::new(),
            owner: None,
            cancelled: false,
        }
    }

    fn has(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    fn keeps_city(&self, slug: &str) -> bool {
        self.cities.is_empty() || self.cities.iter().any(|c| c == slug)
    }
}

/// The agenda of `window` as of `today`: events planned or confirmed with a day in it; open
/// actions due in it; people whose follow-up falls due in it; agreements whose notice
/// (`renew_notice_days` before `expires`) has begun by its end and which have not expired
/// before it began. Overdue actions and follow-ups (due before today) and expired agreements
/// are in whatever the window, and come first (oldest first); then by day, hour (a whole day
/// before the timed items of its day), city, kind and id. Text diplomat words is in `lang`,
/// names too.
pub fn items<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    settings: &Settings,
    window: &Window,
    today: Date,
    lang: Lang,
) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    for d in dossiers {
        items.extend(of(d, settings, window, today, lang));
    }
    sort(&mut items);
    items
}

/// One dossier's share of [`items`], in no order: for a command that turns each dossier into
/// its items on the worker that loaded it, then [`sort`]s them all.
pub fn of(
    d: &Dossier,
    settings: &Settings,
    window: &Window,
    today: Date,
    lang: Lang,
) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    if !window.keeps_city(&d.slug) {
        return items;
    }
    if window.owner.is_none() {
        events(d, window, lang, &mut items);
        follow_ups(d, settings, window, today, lang, &mut items);
        renewal(d, settings, window, today, lang, &mut items);
    }
    actions(d, window, today, &mut items);
    items
}

/// Overdue first, then by day and hour, city, kind, id.
pub fn sort(items: &mut [AgendaItem]) {
    items.sort_by(|a, b| {
        (!a.overdue, a.date, a.time, &a.city, a.kind, &a.id)
            .cmp(&(!b.overdue, b.date, b.time, &b.city, b.kind, &b.id))
    });
}

fn events(d: &Dossier, window: &Window, lang: Lang, out: &mut Vec<AgendaItem>) {
    let shown = d
        .events
        .iter()
        .filter(|e| {
            e.status.is_pending() || (window.cancelled && e.status == EventStatus::Cancelled)
        })
        .filter(|e| e.date <= window.to && e.last_day() >= window.from);
    for e in shown {
        out.push(AgendaItem {
            date: e.date,
            kind: Kind::Event,
            city: d.slug.clone(),
            id: e.id.clone(),
            title: e.title.clone(),
            status: Status::Event(e.status),
            owner: None,
            overdue: false,
            people: e
                .with
                .iter()
                .map(|id| d.person_name(id, lang).unwrap_or(id).to_owned())
                .collect(),
            end: e.end.filter(|end| *end > e.date),
            time: e.time,
            place: e.place.clone(),
            event_kind: Some(e.kind),
            notes: e.notes.clone(),
            last: None,
        });
    }
}

fn follow_ups(
    d: &Dossier,
    settings: &Settings,
    window: &Window,
    today: Date,
    lang: Lang,
    out: &mut Vec<AgendaItem>,
) {
    for f in followups::of(d, settings, today) {
        let overdue = f.due < today;
        if !(overdue || window.has(f.due)) {
            continue;
        }
        let name = d.person_name(&f.person, lang).unwrap_or(&f.name).to_owned();
        let role = f.role.label(lang);
        out.push(AgendaItem {
            date: f.due,
            kind: Kind::FollowUp,
            city: d.slug.clone(),
            title: match lang {
                Lang::En => format!("Follow up with {name} ({role})"),
                Lang::Fa => format!("پیگیری با {name} ({role})"),
            },
            id: f.person,
            status: Status::Due,
            owner: None,
            overdue,
            people: vec![name],
            end: None,
            time: None,
            place: None,
            event_kind: None,
            notes: None,
            last: f.last,
        });
    }
}

/// An agreement to renew: from its notice on, and once expired until the dossier says a new
/// `expires` (or none).
fn renewal(
    d: &Dossier,
    settings: &Settings,
    window: &Window,
    today: Date,
    lang: Lang,
    out: &mut Vec<AgendaItem>,
) {
    let Some(r) = renewals::Renewal::of(d, settings) else {
        return;
    };
    let expired = r.expires < today;
    if !(expired || (r.notice_from <= window.to && r.expires >= window.from)) {
        return;
    }
    let city = d.name.shown(lang);
    out.push(AgendaItem {
        date: r.expires,
        kind: Kind::Renewal,
        city: d.slug.clone(),
        id: "relationship".to_owned(),
        title: match lang {
            Lang::En => format!("Renew the agreement with {city}"),
            Lang::Fa => format!("تمدید تفاهم‌نامه با {city}"),
        },
        status: if expired {
            Status::Expired
        } else {
            Status::Expires
        },
        owner: None,
        overdue: expired,
        people: Vec::new(),
        end: None,
        time: None,
        place: None,
        event_kind: None,
        notes: None,
        last: None,
    });
}

fn actions(d: &Dossier, window: &Window, today: Date, out: &mut Vec<AgendaItem>) {
    for a in d.open_actions() {
        let Some(due) = a.due else { continue };
        let overdue = a.is_overdue(today);
        if !(overdue || window.has(due)) || window.owner.is_some_and(|o| o != a.owner) {
            continue;
        }
        out.push(AgendaItem {
            date: due,
            kind: Kind::Action,
            city: d.slug.clone(),
            id: a.id.clone(),
            title: a.title.clone(),
            status: Status::Action(a.status),
            owner: Some(a.owner),
            overdue,
            people: Vec::new(),
            end: None,
            time: None,
            place: None,
            event_kind: None,
            notes: None,
            last: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::{Action, Event, Facilitator, Names};

    const TODAY: Date = date(2026, 11, 26);

    fn dossier(slug: &str) -> Dossier {
        Dossier::new(
            slug,
            Names {
                en: slug.into(),
                fa: None,
                local: None,
            },
            "ES",
        )
    }

    fn event(id: &str, date: Date, status: EventStatus) -> Event {
        Event {
            id: id.into(),
            date,
            end: None,
            time: None,
            kind: EventKind::Meeting,
            title: format!("Event {id}"),
            place: None,
            with: Vec::new(),
            status,
            notes: None,
        }
    }

    fn action(id: &str, owner: Owner, due: Option<Date>, status: ActionStatus) -> Action {
        Action {
            id: id.into(),
            title: format!("Action {id}"),
            owner,
            due,
            status,
            done: None,
        }
    }

    fn sample() -> Vec<Dossier> {
        let mut porto = dossier("porto");
        porto.actions = vec![
            action(
                "a-late",
                Owner::Chamber,
                Some(date(2026, 11, 1)),
                ActionStatus::Open,
            ),
            action(
                "a-soon",
                Owner::Joint,
                Some(date(2026, 12, 1)),
                ActionStatus::Blocked,
            ),
            action(
                "a-far",
                Owner::Joint,
                Some(date(2027, 1, 30)),
                ActionStatus::Open,
            ),
            action("a-nodue", Owner::Joint, None, ActionStatus::Open),
            action(
                "a-done",
                Owner::Joint,
                Some(date(2026, 11, 2)),
                ActionStatus::Done,
            ),
        ];
        let mut barcelona = dossier("barcelona");
        let mut week = event("e-week", date(2026, 11, 20), EventStatus::Confirmed);
        week.end = Some(date(2026, 11, 27));
        let mut timed = event("e-timed", date(2026, 12, 1), EventStatus::Planned);
        timed.time = TimeOfDay::parse("10:30");
        timed.with = vec!["ana".into(), "nobody".into()];
        barcelona.events = vec![
            week,
            timed,
            event("e-day", date(2026, 12, 1), EventStatus::Planned),
            event("e-held", date(2026, 11, 30), EventStatus::Held),
            event("e-off", date(2026, 12, 2), EventStatus::Cancelled),
            event("e-far", date(2026, 12, 20), EventStatus::Planned),
        ];
        // Through serde, so that a field added to facilitators leaves the test as it is.
        let ana = serde_json::json!({"id": "ana", "name": "Ana Puig", "name_fa": "آنا", "status": "active"});
        barcelona.facilitators = serde_json::from_value::<Facilitator>(ana)
            .into_iter()
            .collect();
        barcelona.actions = vec![action(
            "a-older",
            Owner::Municipality,
            Some(date(2026, 10, 1)),
            ActionStatus::InProgress,
        )];
        vec![porto, barcelona]
    }

    fn ids(items: &[AgendaItem]) -> Vec<&str> {
        items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn overdue_first_then_by_day_and_hour() {
        let dossiers = sample();
        let items = items(
            &dossiers,
            &Settings::default(),
            &Window::days(TODAY, 14),
            TODAY,
            Lang::En,
        );
        assert_eq!(
            ids(&items),
            ["a-older", "a-late", "e-week", "e-day", "a-soon", "e-timed"]
        );
        assert!(items[0].overdue && items[1].overdue && !items[2].overdue);
        assert_eq!(items[0].days_late(TODAY), Some(56));
        assert_eq!(items[5].people, ["Ana Puig", "nobody"]);
        let fa = super::items(
            &dossiers,
            &Settings::default(),
            &Window::days(TODAY, 14),
            TODAY,
            Lang::Fa,
        );
        assert_eq!(fa[5].people, ["آنا", "nobody"]);
    }

    #[test]
    fn cities_and_owner_choose() {
        let dossiers = sample();
        let mut window = Window::days(TODAY, 14);
        window.cities = vec!["porto".into()];
        assert_eq!(
            ids(&items(
                &dossiers,
                &Settings::default(),
                &window,
                TODAY,
                Lang::En
            )),
            ["a-late", "a-soon"]
        );
        window.cities.clear();
        window.owner = Some(Owner::Joint);
        // Only actions carry an owner.
        assert_eq!(
            ids(&items(
                &dossiers,
                &Settings::default(),
                &window,
                TODAY,
                Lang::En
            )),
            ["a-soon"]
        );
        let far = Window {
            from: date(2027, 1, 1),
            to: date(2027, 1, 31),
            cities: Vec::new(),
            owner: None,
            cancelled: false,
        };
        // Overdue is as of today, whatever the window.
        assert_eq!(
            ids(&items(
                &dossiers,
                &Settings::default(),
                &far,
                TODAY,
                Lang::En
            )),
            ["a-older", "a-late", "a-far"]
        );
    }

    #[test]
    fn the_json_row_has_the_spec_shape() {
        let dossiers = sample();
        let items = items(
            &dossiers,
            &Settings::default(),
            &Window::days(TODAY, 14),
            TODAY,
            Lang::En,
        );
        let json = serde_json::to_value(&items[..6]).unwrap_or_default();
        assert_eq!(
            json[0],
            serde_json::json!({
                "date": "2026-10-01", "kind": "action", "city": "barcelona", "id": "a-older",
                "title": "Action a-older", "status": "in-progress", "owner": "municipality",
                "overdue": true, "people": []
            })
        );
        assert_eq!(
            json[5],
            serde_json::json!({
                "date": "2026-12-01", "kind": "event", "city": "barcelona", "id": "e-timed",
                "title": "Event e-timed", "status": "planned", "owner": null,
                "overdue": false, "people": ["Ana Puig", "nobody"]
            })
        );
    }
}
