//! What changed in a dossier between two versions, said as an analyst would say it:
//! "logged call “Video call” on 2026-11-24", "readiness.branding unknown → partial",
//! "action a-xyz done". Used by `diplomat diff` and the weekly report's changes.
//!
//! Works on the dossier's data (JSON values), so a reformatted file has no changes. E-mail
//! addresses and phone numbers are shown only when asked for ([`Details`]); otherwise only
//! which of them changed.

use serde_json::Value as Json;

use crate::calendar::{Calendar, Date, format_date};
use crate::i18n::Lang;
use crate::model::vocab::{
    ActionStatus, ContactRole, EventKind, EventStatus, FacilitatorStatus, InteractionKind, Owner,
    ReadinessStatus, RelationKind, RelationStatus, Requirement, Stage,
};

mod details;
mod versions;
pub use details::{Details, Opener};
pub use versions::dossier_changes;

/// Lists whose items have ids, and what one item is called in English and Persian.
const BY_ID: &[(&str, &str, &str)] = &[
    ("facilitators", "facilitator", "تسهیل‌گر"),
    ("contacts", "contact", "رابط"),
    ("actions", "action", "اقدام"),
    ("opportunities", "opportunity", "فرصت"),
    ("events", "event", "رویداد"),
];

/// How changes are said: in `lang`, with dates in `calendar` (stored `YYYY-MM-DD` dates stay
/// as stored in Gregorian), contact details as `details` says.
#[derive(Clone, Copy)]
pub struct Said<'a> {
    pub lang: Lang,
    pub calendar: Calendar,
    pub details: Details<'a>,
    /// The dossier's slug (what a sealed value is bound to); set by [`changes`].
    slug: &'a str,
}

impl<'a> Said<'a> {
    pub fn new(lang: Lang, calendar: Calendar, details: Details<'a>) -> Self {
        Said {
            lang,
            calendar,
            details,
            slug: "",
        }
    }
}

/// The changes from `before` to `after` (either may be absent: a new or removed dossier).
pub fn changes(before: Option<&Json>, after: Option<&Json>, said: &Said) -> Vec<String> {
    let lang = said.lang;
    match (before, after) {
        (None, None) => Vec::new(),
        (None, Some(_)) => vec![lang.pick("new dossier", "پروندهٔ تازه").to_owned()],
        (Some(_), None) => vec![lang.pick("dossier removed", "پرونده حذف شد").to_owned()],
        (Some(b), Some(a)) => {
            let slug = a.get("slug").and_then(Json::as_str).unwrap_or_default();
            let cx = &Said { slug, ..*said };
            let mut out = Vec::new();
            let empty = serde_json::Map::new();
            let bm = b.as_object().unwrap_or(&empty);
            let am = a.as_object().unwrap_or(&empty);
            let keys = am.keys().chain(bm.keys().filter(|k| !am.contains_key(*k)));
            for key in keys {
                let (old, new) = (bm.get(key), am.get(key));
                if old == new {
                    continue;
                }
                match key.as_str() {
                    "interactions" => interactions(old, new, cx, &mut out),
                    "reviews" => reviews(old, new, cx, &mut out),
                    "readiness" => readiness(old, new, lang, &mut out),
                    "relationship" => relationship(old, new, cx, &mut out),
                    _ => match BY_ID.iter().find(|(list, _, _)| list == key) {
                        Some((_, en, fa)) => by_id(lang.pick(en, fa), old, new, cx, &mut out),
                        None => {
                            let mut said = Vec::new();
                            fields(key, old, new, cx, "", &mut said);
                            out.extend(said.into_iter().map(|(_, line)| line));
                        }
                    },
                }
            }
            out
        }
    }
}

fn items(list: Option<&Json>) -> &[Json] {
    list.and_then(Json::as_array).map_or(&[], Vec::as_slice)
}

fn text<'a>(value: &'a Json, key: &str) -> &'a str {
    value.get(key).and_then(Json::as_str).unwrap_or("")
}

/// Items of `new` not in `old`, and of `old` not in `new` (as multisets).
fn added_removed<'a>(old: &'a [Json], new: &'a [Json]) -> (Vec<&'a Json>, Vec<&'a Json>) {
    let mut rest: Vec<&Json> = old.iter().collect();
    let mut added = Vec::new();
    for item in new {
        match rest.iter().position(|o| *o == item) {
            Some(i) => {
                rest.remove(i);
            }
            None => added.push(item),
        }
    }
    (added, rest)
}

/// A stored date as the reader's calendar shows it: `1405/09/14` (Persian digits in Persian)
/// in Solar Hijri; in Gregorian as stored. Text that is not a whole date is left as it is.
fn date_shown(text: &str, lang: Lang, calendar: Calendar) -> String {
    match (calendar, text.parse::<Date>()) {
        (Calendar::Jalali, Ok(date)) if text.len() == 10 => format_date(date, calendar, lang),
        _ => lang.embed(text).into_owned(),
    }
}

/// The Persian label of a vocabulary value stored under `key` (`status`, `kind`, `owner`,
/// `lead`, `stage`, `role`); `None` in English, where the stored value is what analysts type.
fn vocab_label(key: &str, value: &str, lang: Lang) -> Option<&'static str> {
    if lang == Lang::En {
        return None;
    }
    match key {
        "status" => ActionStatus::from_slug(value)
            .map(|v| v.label(lang))
            .or_else(|| FacilitatorStatus::from_slug(value).map(|v| v.label(lang)))
            .or_else(|| RelationStatus::from_slug(value).map(|v| v.label(lang)))
            .or_else(|| ReadinessStatus::from_slug(value).map(|v| v.label(lang)))
            .or_else(|| EventStatus::from_slug(value).map(|v| v.label(lang))),
        // An event's kinds that are an interaction's too have the interaction's labels.
        "kind" => RelationKind::from_slug(value)
            .map(|v| v.label(lang))
            .or_else(|| InteractionKind::from_slug(value).map(|v| v.label(lang)))
            .or_else(|| EventKind::from_slug(value).map(|v| v.label(lang))),
        // An opportunity's lead is one of the action owners.
        "owner" | "lead" => Owner::from_slug(value).map(|v| v.label(lang)),
        "stage" => Stage::from_slug(value).map(|v| v.label(lang)),
        "role" => ContactRole::from_slug(value).map(|v| v.label(lang)),
        _ => None,
    }
}

fn interactions(old: Option<&Json>, new: Option<&Json>, cx: &Said, out: &mut Vec<String>) {
    let (lang, calendar) = (cx.lang, cx.calendar);
    let (added, removed) = added_removed(items(old), items(new));
    let kind = |i: &Json| match lang {
        Lang::En => or(text(i, "kind"), "interaction").to_owned(),
        Lang::Fa => InteractionKind::from_slug(text(i, "kind"))
            .map_or("تعامل", |k| k.label(lang))
            .to_owned(),
    };
    let title = |i: &Json| lang.embed(text(i, "title")).into_owned();
    let date = |i: &Json| date_shown(text(i, "date"), lang, calendar);
    for i in added {
        out.push(match lang {
            Lang::En => format!("logged {} “{}” on {}", kind(i), title(i), date(i)),
            Lang::Fa => format!("ثبت {} «{}» در {}", kind(i), title(i), date(i)),
        });
    }
    for i in removed {
        out.push(match lang {
            Lang::En => format!("removed the {} “{}” of {}", kind(i), title(i), date(i)),
            Lang::Fa => format!("حذف {} «{}» مورخ {}", kind(i), title(i), date(i)),
        });
    }
}

fn reviews(old: Option<&Json>, new: Option<&Json>, cx: &Said, out: &mut Vec<String>) {
    let (lang, calendar) = (cx.lang, cx.calendar);
    let (added, removed) = added_removed(items(old), items(new));
    for r in added {
        let date = date_shown(text(r, "date"), lang, calendar);
        out.push(match lang {
            Lang::En => format!("added the review of {date}"),
            Lang::Fa => format!("جلسهٔ بررسی {date} افزوده شد"),
        });
    }
    for r in removed {
        let date = date_shown(text(r, "date"), lang, calendar);
        out.push(match lang {
            Lang::En => format!("removed the review of {date}"),
            Lang::Fa => format!("جلسهٔ بررسی {date} حذف شد"),
        });
    }
}

fn readiness(old: Option<&Json>, new: Option<&Json>, lang: Lang, out: &mut Vec<String>) {
    let empty = serde_json::Map::new();
    let om = old.and_then(Json::as_object).unwrap_or(&empty);
    let nm = new.and_then(Json::as_object).unwrap_or(&empty);
    for (key, n) in nm {
        let o = om.get(key);
        if o == Some(n) {
            continue;
        }
        let status = |v: Option<&Json>| -> String {
            let slug = v
                .and_then(|v| v.get("status"))
                .and_then(Json::as_str)
                .unwrap_or("unknown");
            match lang {
                Lang::En => slug.to_owned(),
                Lang::Fa => ReadinessStatus::from_slug(slug).map_or_else(
                    || lang.embed(slug).into_owned(),
                    |s| s.label(lang).to_owned(),
                ),
            }
        };
        let requirement = match lang {
            Lang::En => format!("readiness.{key}"),
            Lang::Fa => Requirement::from_slug(key).map_or_else(
                || format!("آمادگی {}", lang.embed(key)),
                |r| format!("آمادگی «{}»", r.label(lang)),
            ),
        };
        let (before, after) = (status(o), status(Some(n)));
        if before != after {
            out.push(match lang {
                Lang::En => format!("{requirement} {before} → {after}"),
                Lang::Fa => format!("{requirement} از {before} به {after}"),
            });
        }
        let evidence = |v: Option<&Json>| v.and_then(|v| v.get("evidence")).cloned();
        if evidence(o) != evidence(Some(n)) {
            out.push(
                match (lang, evidence(Some(n)).as_ref().and_then(Json::as_str)) {
                    (Lang::En, Some(e)) => format!("{requirement} evidence “{}”", short(e)),
                    (Lang::Fa, Some(e)) => {
                        format!("شاهد {requirement}: «{}»", lang.embed(&short(e)))
                    }
                    (Lang::En, None) => format!("{requirement} evidence removed"),
                    (Lang::Fa, None) => format!("شاهد {requirement} حذف شد"),
                },
            );
        }
    }
}

/// The relationship: its status said as a move ("relationship dormant → reactivating"), the
/// history entry that records it not said again; other fields by their path.
fn relationship(old: Option<&Json>, new: Option<&Json>, cx: &Said, out: &mut Vec<String>) {
    let lang = cx.lang;
    fn status(v: Option<&Json>) -> Option<&str> {
        v.and_then(|v| v.get("status")).and_then(Json::as_str)
    }
    let (os, ns) = (status(old), status(new));
    let moved = os != ns;
    if moved {
        let label = |slug: Option<&str>| match (lang, slug) {
            (_, None) => lang.pick("none", "هیچ").to_owned(),
            (Lang::En, Some(s)) => s.to_owned(),
            (Lang::Fa, Some(s)) => RelationStatus::from_slug(s).map_or_else(
                || lang.embed(s).into_owned(),
                |st| st.label(lang).to_owned(),
            ),
        };
        let (before, after) = (label(os), label(ns));
        out.push(match lang {
            Lang::En => format!("relationship {before} → {after}"),
            Lang::Fa => format!("رابطه از {before} به {after}"),
        });
    }
    let mut rest = Vec::new();
    fields("relationship", old, new, cx, "", &mut rest);
    for (path, line) in rest {
        let said = path == "relationship.status" || (moved && path == "relationship.history");
        if !said {
            out.push(line);
        }
    }
}

/// Lists of entries with ids: added, removed, and each field changed.
fn by_id(noun: &str, old: Option<&Json>, new: Option<&Json>, cx: &Said, out: &mut Vec<String>) {
    let lang = cx.lang;
    let id = |v: &Json| v.get("id").map(scalar);
    let (old, new) = (items(old), items(new));
    for n in new {
        let Some(nid) = id(n) else { continue };
        let shown_id = lang.embed(&nid).into_owned();
        match old.iter().find(|o| id(o).as_deref() == Some(&nid)) {
            None => {
                out.push(match lang {
                    Lang::En => {
                        format!("added {noun} {nid}{}", describe(noun, n, lang, cx.calendar))
                    }
                    Lang::Fa => format!(
                        "{noun} {shown_id}{} افزوده شد",
                        describe(noun, n, lang, cx.calendar)
                    ),
                });
                // A new person's details, only when they are shown.
                if matches!(cx.details, Details::Shown(_))
                    && let Some(entry) = n.as_object()
                {
                    for (key, value) in entry.iter().filter(|(k, _)| private(k)) {
                        if let Some(line) = details::said(key, &nid, None, Some(value), cx) {
                            out.push(format!("{noun} {shown_id}: {line}"));
                        }
                    }
                }
            }
            Some(o) if o == n => {}
            Some(o) => {
                // An opportunity moves by its stage, the rest by their status.
                let moves = if n.get("stage").is_some() {
                    "stage"
                } else {
                    "status"
                };
                let (os, ns) = (text(o, moves), text(n, moves));
                if os != ns {
                    let (os, ns) = (or(os, "none"), or(ns, "none"));
                    // Said in the vocabulary of what moved: a stage is not a status.
                    let status = |s: &str| match s {
                        "none" => lang.pick("none", "هیچ").to_owned(),
                        s => vocab_label(moves, s, lang)
                            .map_or_else(|| lang.embed(s).into_owned(), str::to_owned),
                    };
                    out.push(match (lang, ns) {
                        (Lang::En, "done" | "held" | "cancelled") => format!("{noun} {nid} {ns}"),
                        (Lang::Fa, "done") => format!("{noun} {shown_id} انجام شد"),
                        (Lang::Fa, "held") => format!("{noun} {shown_id} برگزار شد"),
                        (Lang::Fa, "cancelled") => format!("{noun} {shown_id} لغو شد"),
                        (Lang::En, _) => format!("{noun} {nid} {os} → {ns}"),
                        (Lang::Fa, _) => {
                            format!("{noun} {shown_id} از {} به {}", status(os), status(ns))
                        }
                    });
                }
                let mut rest = Vec::new();
                fields("", Some(o), Some(n), cx, &nid, &mut rest);
                // the status (and the date it was done) said above
                for (path, line) in rest {
                    let said = path == moves
                        || (moves == "stage" && path == "history" && os != ns)
                        || (ns == "done" && path == "done");
                    if !said {
                        out.push(format!("{noun} {shown_id}: {line}"));
                    }
                }
            }
        }
    }
    for o in old {
        if let Some(oid) = id(o)
            && !new.iter().any(|n| id(n).as_deref() == Some(&oid))
        {
            out.push(match lang {
                Lang::En => format!("removed {noun} {oid}"),
                Lang::Fa => format!("{noun} {} حذف شد", lang.embed(&oid)),
            });
        }
    }
}

/// ` “title”` or ` (name)`: what identifies a new entry to a reader; an event's day too.
fn describe(noun: &str, entry: &Json, lang: Lang, calendar: Calendar) -> String {
    let (key, open, close) = match (noun, lang) {
        ("action" | "opportunity" | "event" | "اقدام" | "فرصت" | "رویداد", Lang::En) => {
            ("title", "“", "”")
        }
        ("action" | "opportunity" | "event" | "اقدام" | "فرصت" | "رویداد", Lang::Fa) => {
            ("title", "«", "»")
        }
        _ => ("name", "(", ")"),
    };
    let mut said = format!(" {open}{}{close}", lang.embed(text(entry, key)));
    if matches!(noun, "event" | "رویداد") {
        let date = date_shown(text(entry, "date"), lang, calendar);
        said.push_str(&match lang {
            Lang::En => format!(" on {date}"),
            Lang::Fa => format!(" در {date}"),
        });
    }
    said
}

/// Other values, by dotted path: `relationship.status dormant → reactivating`. Collected
/// with their paths (for callers that leave some out) into `out`. `person`: the id of the
/// entry they belong to, if any (what its contact details are bound to).
fn fields(
    path: &str,
    old: Option<&Json>,
    new: Option<&Json>,
    cx: &Said,
    person: &str,
    out: &mut Vec<(String, String)>,
) {
    if old == new {
        return;
    }
    let (lang, calendar) = (cx.lang, cx.calendar);
    let key = path.rsplit('.').next().unwrap_or(path);
    if private(key) {
        if let Some(line) = details::said(key, person, old, new, cx) {
            // Under a list's entry, said as the entry's ("contact x: e-mail added").
            let line = match path.rsplit_once('.') {
                Some((parent, _)) => format!("{}: {line}", lang.embed(parent)),
                None => line,
            };
            out.push((path.to_owned(), line));
        }
        return;
    }
    let at = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    let p = lang.embed(path).into_owned();
    let v = |value: &Json| match value.as_str() {
        Some(text) if crate::crypto::is_sealed(text) => {
            lang.pick("(encrypted)", "(رمزشده)").to_owned()
        }
        Some(text) => vocab_label(key, text, lang)
            .map_or_else(|| date_shown(&short(text), lang, calendar), str::to_owned),
        _ => lang.embed(&shown(value)).into_owned(),
    };
    let mut say = |line: String| out.push((path.to_owned(), line));
    match (old, new) {
        (Some(Json::Object(o)), Some(Json::Object(n))) => {
            for (key, value) in n {
                fields(&at(key), o.get(key), Some(value), cx, person, out);
            }
            for (key, value) in o {
                if !n.contains_key(key) {
                    fields(&at(key), Some(value), None, cx, person, out);
                }
            }
        }
        (Some(Json::Array(o)), Some(Json::Array(n)))
            if o.iter().chain(n).all(|v| !v.is_object() && !v.is_array()) =>
        {
            let (added, removed) = added_removed(o, n);
            for a in added {
                say(match lang {
                    Lang::En => format!("{p} + {}", v(a)),
                    Lang::Fa => format!("{p}: افزودن {}", v(a)),
                });
            }
            for r in removed {
                say(match lang {
                    Lang::En => format!("{p} − {}", v(r)),
                    Lang::Fa => format!("{p}: حذف {}", v(r)),
                });
            }
        }
        (None, Some(n)) => say(match lang {
            Lang::En => format!("{p} {}", v(n)),
            Lang::Fa => format!("{p}: {}", v(n)),
        }),
        (Some(_), None) | (Some(_), Some(Json::Null)) => say(match lang {
            Lang::En => format!("{p} removed"),
            Lang::Fa => format!("{p} حذف شد"),
        }),
        (Some(o), Some(n)) if is_short(o) && is_short(n) => say(match lang {
            Lang::En => format!("{p} {} → {}", v(o), v(n)),
            Lang::Fa => format!("{p} از {} به {}", v(o), v(n)),
        }),
        _ => say(lang_changed(&p, lang)),
    }
}

fn lang_changed(path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{path} changed"),
        Lang::Fa => format!("{path} تغییر کرد"),
    }
}

/// A key whose value is contact details (`contact`, `email`, `x-phone`, …), said by
/// [`details::said`].
fn private(key: &str) -> bool {
    crate::problem::is_private_key(key)
}

fn is_short(value: &Json) -> bool {
    match value {
        Json::String(s) => s.chars().count() <= 60 && !s.contains('\n'),
        Json::Array(_) | Json::Object(_) => false,
        _ => true,
    }
}

fn shown(value: &Json) -> String {
    match value {
        Json::String(s) => short(s),
        Json::Null => "none".to_owned(),
        other => other.to_string(),
    }
}

fn scalar(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Text cut to one line of at most 60 characters.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut cut: String = line.chars().take(60).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

fn or<'a>(text: &'a str, default: &'a str) -> &'a str {
    if text.is_empty() { default } else { text }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hidden(lang: Lang, calendar: Calendar) -> Said<'static> {
        Said::new(lang, calendar, Details::Hidden)
    }

    fn base() -> Json {
        json!({
            "slug": "barcelona",
            "relationship": {"kind": "sister-city", "status": "dormant"},
            "facilitators": [{"id": "reza", "name": "Reza", "email": "r@example.org", "status": "active"}],
            "readiness": {"branding": {"status": "unknown"}},
            "actions": [{"id": "a-xyz", "title": "Send letter", "owner": "joint", "status": "open"}],
            "interactions": [{"date": "2026-11-01", "kind": "call", "title": "First call"}],
        })
    }

    #[test]
    fn says_what_an_analyst_did() {
        let before = base();
        let mut after = base();
        after["relationship"]["status"] = json!("reactivating");
        after["readiness"]["branding"] = json!({"status": "partial", "evidence": "Logo shared"});
        after["actions"][0]["status"] = json!("done");
        after["actions"][0]["done"] = json!("2026-11-30");
        after["interactions"]
            .as_array_mut()
            .unwrap()
            .push(json!({"date": "2026-11-24", "kind": "meeting", "title": "Embassy visit"}));
        after["facilitators"][0]["email"] = json!("new@example.org");
        let got = changes(
            Some(&before),
            Some(&after),
            &hidden(Lang::En, Calendar::Gregorian),
        );
        assert_eq!(
            got,
            vec![
                "relationship dormant → reactivating",
                "facilitator reza: e-mail changed",
                "readiness.branding unknown → partial",
                "readiness.branding evidence “Logo shared”",
                "action a-xyz done",
                "logged meeting “Embassy visit” on 2026-11-24",
            ]
        );
        assert!(!got.join("\n").contains("example.org"));
    }

    /// The fields of issue 28: an agreement's end and a person's days between follow-ups,
    /// said by their path as every other field, dates in the calendar asked for.
    #[test]
    fn an_expiry_and_follow_up_days_are_said() {
        let mut before = base();
        before["relationship"]["expires"] = json!("2027-02-01");
        let mut after = base();
        after["relationship"]["expires"] = json!("2027-03-01");
        after["facilitators"][0]["follow_up_days"] = json!(45);
        let said = |lang, calendar| changes(Some(&before), Some(&after), &hidden(lang, calendar));
        assert_eq!(
            said(Lang::En, Calendar::Gregorian),
            vec![
                "relationship.expires 2027-02-01 → 2027-03-01",
                "facilitator reza: follow_up_days 45",
            ]
        );
        let fa: Vec<String> = said(Lang::Fa, Calendar::Jalali)
            .iter()
            .map(|l| l.replace(['\u{2068}', '\u{2069}'], ""))
            .collect();
        assert_eq!(
            fa,
            vec![
                "relationship.expires از ۱۴۰۵/۱۱/۱۲ به ۱۴۰۵/۱۲/۱۰",
                "تسهیل‌گر reza: follow_up_days: 45",
            ]
        );
    }

    #[test]
    fn persian_lines_follow_the_calendar_and_name_statuses() {
        let before = base();
        let mut after = base();
        after["relationship"]["status"] = json!("reactivating");
        after["actions"][0]["status"] = json!("in-progress");
        after["actions"][0]["due"] = json!("2026-12-20");
        after["interactions"]
            .as_array_mut()
            .unwrap()
            .push(json!({"date": "2026-12-05", "kind": "meeting", "title": "Embassy visit"}));
        let got = changes(
            Some(&before),
            Some(&after),
            &hidden(Lang::Fa, Calendar::Jalali),
        );
        let a = "\u{2068}a-xyz\u{2069}";
        assert_eq!(
            got,
            vec![
                "رابطه از راکد به در حال احیا".to_owned(),
                format!("اقدام {a} از باز به در جریان"),
                format!("اقدام {a}: \u{2068}due\u{2069}: ۱۴۰۵/۰۹/۲۹"),
                "ثبت جلسه «\u{2068}Embassy visit\u{2069}» در ۱۴۰۵/۰۹/۱۴".to_owned(),
            ]
        );
        // Gregorian keeps the date as stored.
        let got = changes(
            Some(&before),
            Some(&after),
            &hidden(Lang::Fa, Calendar::Gregorian),
        );
        assert!(got[3].ends_with("در \u{2068}2026-12-05\u{2069}"), "{got:?}");
    }

    #[test]
    fn persian_lines_name_stages_and_leads() {
        let mut before = base();
        before["opportunities"] = json!([
            {"id": "o-1", "title": "Export", "sector": "food", "stage": "idea", "lead": "chamber"},
            {"id": "o-2", "title": "Fair", "sector": "trade"}
        ]);
        let mut after = before.clone();
        after["opportunities"][0]["stage"] = json!("exploring");
        after["opportunities"][0]["lead"] = json!("municipality");
        after["opportunities"][1]["stage"] = json!("agreed");
        let got = changes(
            Some(&before),
            Some(&after),
            &hidden(Lang::Fa, Calendar::Gregorian),
        );
        let (o1, o2) = ("\u{2068}o-1\u{2069}", "\u{2068}o-2\u{2069}");
        assert_eq!(
            got,
            vec![
                format!("فرصت {o1} از ایده به بررسی"),
                format!("فرصت {o1}: \u{2068}lead\u{2069} از اتاق بازرگانی به شهرداری"),
                format!("فرصت {o2} از هیچ به توافق"),
            ]
        );
    }

    #[test]
    fn contact_details_say_what_happened_never_what_they_hold() {
        let mut before = base();
        before["facilitators"][0] = json!({"id": "reza", "name": "Reza", "status": "active",
            "contact": {"email": "ENC[v1,aaaa,AAAA]", "phone": "+98 31"}, "x-mobile": "0913"});
        let mut after = before.clone();
        after["facilitators"][0]["contact"] =
            json!({"email": "ENC[v1,bbbb,BBBB]", "phone": "ENC[v1,bbbb,CCCC]"});
        after["facilitators"][0]["x-mobile"] = json!("0914");
        after["facilitators"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "neda", "name": "Neda", "status": "active",
                "contact": {"email": "neda@example.org"}}));
        let got = changes(
            Some(&before),
            Some(&after),
            &hidden(Lang::En, Calendar::Gregorian),
        );
        assert_eq!(
            got,
            vec![
                "facilitator reza: phone encrypted, e-mail encrypted again with a new key",
                "facilitator reza: x-mobile changed",
                "added facilitator neda (Neda)",
            ]
        );
        // Shown: plain values as they are, sealed ones opened where they can be.
        let open = |slug: &str, person: &str, field: &str, stored: &str| {
            (slug == "barcelona"
                && person == "reza"
                && field == "phone"
                && stored.ends_with("CCCC]"))
            .then(|| "+98 31".to_owned())
        };
        let open: &Opener = &open;
        let said = Said::new(Lang::En, Calendar::Gregorian, Details::Shown(Some(open)));
        let got = changes(Some(&before), Some(&after), &said);
        assert_eq!(
            got,
            vec![
                "facilitator reza: phone encrypted, e-mail encrypted again with a new key",
                "facilitator reza: x-mobile 0913 → 0914",
                "added facilitator neda (Neda)",
                "facilitator neda: e-mail neda@example.org",
            ]
        );
        assert!(!got.join("\n").contains("ENC["), "{got:?}");
        let got = changes(
            Some(&before),
            Some(&after),
            &hidden(Lang::Fa, Calendar::Gregorian),
        );
        assert_eq!(
            got[0],
            "تسهیل‌گر \u{2068}reza\u{2069}: تلفن رمز شد، ایمیل با کلید تازه رمز شد"
        );
    }

    #[test]
    fn an_event_moves_by_its_status_and_a_new_one_says_its_day() {
        let mut before = base();
        before["events"] = json!([
            {"id": "e-7k2m", "date": "2026-12-03", "kind": "visit", "title": "Hermitage week", "status": "planned"},
            {"id": "e-3f9q", "date": "2026-12-10", "kind": "delegation", "title": "Kazan delegation", "status": "confirmed"}
        ]);
        let mut after = before.clone();
        after["events"][0]["status"] = json!("confirmed");
        after["events"][0]["time"] = json!("10:30");
        after["events"][1]["status"] = json!("held");
        after["events"].as_array_mut().unwrap().push(json!(
            {"id": "e-9x2p", "date": "2027-01-12", "kind": "review", "title": "Review session", "status": "planned"}
        ));
        let got = changes(
            Some(&before),
            Some(&after),
            &hidden(Lang::En, Calendar::Gregorian),
        );
        assert_eq!(
            got,
            vec![
                "event e-7k2m planned → confirmed",
                "event e-7k2m: time 10:30",
                "event e-3f9q held",
                "added event e-9x2p “Review session” on 2027-01-12",
            ]
        );
        let got = changes(
            Some(&before),
            Some(&after),
            &hidden(Lang::Fa, Calendar::Jalali),
        );
        let (e1, e2, e3) = (
            "\u{2068}e-7k2m\u{2069}",
            "\u{2068}e-3f9q\u{2069}",
            "\u{2068}e-9x2p\u{2069}",
        );
        assert_eq!(
            got,
            vec![
                format!("رویداد {e1} از در برنامه به قطعی"),
                format!("رویداد {e1}: \u{2068}time\u{2069}: \u{2068}10:30\u{2069}"),
                format!("رویداد {e2} برگزار شد"),
                format!("رویداد {e3} «\u{2068}Review session\u{2069}» در ۱۴۰۵/۱۰/۲۲ افزوده شد"),
            ]
        );
    }

    #[test]
    fn the_same_data_has_no_changes() {
        let en = Calendar::Gregorian;
        assert!(changes(Some(&base()), Some(&base()), &hidden(Lang::En, en)).is_empty());
        assert_eq!(
            changes(None, Some(&base()), &hidden(Lang::En, en)),
            vec!["new dossier"]
        );
    }
}
