//! What changed in a dossier between two versions, said as an analyst would say it:
//! "logged call “Video call” on 2026-11-24", "readiness.branding unknown → partial",
//! "action a-xyz done". Used by `diplomat diff` and the weekly report's changes.
//!
//! Works on the dossier's data (JSON values), so a reformatted file has no changes. E-mail
//! addresses and phone numbers are never shown, only that they changed.

use serde_json::Value as Json;

/// Lists whose items have ids, and what one item is called.
const BY_ID: &[(&str, &str)] = &[
    ("facilitators", "facilitator"),
    ("contacts", "contact"),
    ("actions", "action"),
    ("opportunities", "opportunity"),
];

/// The changes from `before` to `after` (either may be absent: a new or removed dossier).
pub fn changes(before: Option<&Json>, after: Option<&Json>) -> Vec<String> {
    match (before, after) {
        (None, None) => Vec::new(),
        (None, Some(_)) => vec!["new dossier".to_owned()],
        (Some(_), None) => vec!["dossier removed".to_owned()],
        (Some(b), Some(a)) => {
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
                    "interactions" => interactions(old, new, &mut out),
                    "reviews" => reviews(old, new, &mut out),
                    "readiness" => readiness(old, new, &mut out),
                    _ => match BY_ID.iter().find(|(list, _)| list == key) {
                        Some((_, noun)) => by_id(noun, old, new, &mut out),
                        None => fields(key, old, new, &mut out),
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

fn interactions(old: Option<&Json>, new: Option<&Json>, out: &mut Vec<String>) {
    let (added, removed) = added_removed(items(old), items(new));
    for i in added {
        out.push(format!(
            "logged {} “{}” on {}",
            or(text(i, "kind"), "interaction"),
            text(i, "title"),
            text(i, "date")
        ));
    }
    for i in removed {
        out.push(format!(
            "removed the {} “{}” of {}",
            or(text(i, "kind"), "interaction"),
            text(i, "title"),
            text(i, "date")
        ));
    }
}

fn reviews(old: Option<&Json>, new: Option<&Json>, out: &mut Vec<String>) {
    let (added, removed) = added_removed(items(old), items(new));
    for r in added {
        out.push(format!("added the review of {}", text(r, "date")));
    }
    for r in removed {
        out.push(format!("removed the review of {}", text(r, "date")));
    }
}

fn readiness(old: Option<&Json>, new: Option<&Json>, out: &mut Vec<String>) {
    let empty = serde_json::Map::new();
    let om = old.and_then(Json::as_object).unwrap_or(&empty);
    let nm = new.and_then(Json::as_object).unwrap_or(&empty);
    for (key, n) in nm {
        let o = om.get(key);
        if o == Some(n) {
            continue;
        }
        let status = |v: Option<&Json>| {
            v.and_then(|v| v.get("status"))
                .and_then(Json::as_str)
                .unwrap_or("unknown")
                .to_owned()
        };
        let (before, after) = (status(o), status(Some(n)));
        if before != after {
            out.push(format!("readiness.{key} {before} → {after}"));
        }
        let evidence = |v: Option<&Json>| v.and_then(|v| v.get("evidence")).cloned();
        if evidence(o) != evidence(Some(n)) {
            match evidence(Some(n)).as_ref().and_then(Json::as_str) {
                Some(e) => out.push(format!("readiness.{key} evidence “{}”", short(e))),
                None => out.push(format!("readiness.{key} evidence removed")),
            }
        }
    }
}

/// Lists of entries with ids: added, removed, and each field changed.
fn by_id(noun: &str, old: Option<&Json>, new: Option<&Json>, out: &mut Vec<String>) {
    let id = |v: &Json| v.get("id").map(scalar);
    let (old, new) = (items(old), items(new));
    for n in new {
        let Some(nid) = id(n) else { continue };
        match old.iter().find(|o| id(o).as_deref() == Some(&nid)) {
            None => out.push(format!("added {noun} {nid}{}", describe(noun, n))),
            Some(o) if o == n => {}
            Some(o) => {
                let (os, ns) = (text(o, "status"), text(n, "status"));
                if os != ns {
                    if ns == "done" {
                        out.push(format!("{noun} {nid} done"));
                    } else {
                        out.push(format!(
                            "{noun} {nid} {} → {}",
                            or(os, "none"),
                            or(ns, "none")
                        ));
                    }
                }
                let mut rest = Vec::new();
                fields("", Some(o), Some(n), &mut rest);
                // the status (and the date it was done) said above
                for line in rest {
                    let said =
                        line.starts_with("status ") || (ns == "done" && line.starts_with("done "));
                    if !said {
                        out.push(format!("{noun} {nid}: {line}"));
                    }
                }
            }
        }
    }
    for o in old {
        if let Some(oid) = id(o)
            && !new.iter().any(|n| id(n).as_deref() == Some(&oid))
        {
            out.push(format!("removed {noun} {oid}"));
        }
    }
}

/// ` “title”` or ` (name)`: what identifies a new entry to a reader.
fn describe(noun: &str, entry: &Json) -> String {
    match noun {
        "action" | "opportunity" => format!(" “{}”", text(entry, "title")),
        _ => format!(" ({})", text(entry, "name")),
    }
}

/// Other values, by dotted path: `relationship.status dormant → reactivating`.
fn fields(path: &str, old: Option<&Json>, new: Option<&Json>, out: &mut Vec<String>) {
    if old == new {
        return;
    }
    let at = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (old, new) {
        (Some(Json::Object(o)), Some(Json::Object(n))) => {
            for (key, value) in n {
                fields(&at(key), o.get(key), Some(value), out);
            }
            for (key, value) in o {
                if !n.contains_key(key) {
                    fields(&at(key), Some(value), None, out);
                }
            }
        }
        (Some(Json::Array(o)), Some(Json::Array(n)))
            if o.iter().chain(n).all(|v| !v.is_object() && !v.is_array()) =>
        {
            let (added, removed) = added_removed(o, n);
            for a in added {
                out.push(format!("{path} + {}", shown(path, a)));
            }
            for r in removed {
                out.push(format!("{path} − {}", shown(path, r)));
            }
        }
        _ if private(path) => out.push(format!("{path} changed")),
        (None, Some(n)) => out.push(format!("{path} {}", shown(path, n))),
        (Some(_), None) | (Some(_), Some(Json::Null)) => out.push(format!("{path} removed")),
        (Some(o), Some(n)) if is_short(o) && is_short(n) => {
            out.push(format!("{path} {} → {}", shown(path, o), shown(path, n)));
        }
        _ => out.push(format!("{path} changed")),
    }
}

/// Facilitators are private citizens: their details never appear in what changed.
fn private(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    matches!(last, "email" | "phone")
}

fn is_short(value: &Json) -> bool {
    match value {
        Json::String(s) => s.chars().count() <= 60 && !s.contains('\n'),
        Json::Array(_) | Json::Object(_) => false,
        _ => true,
    }
}

fn shown(path: &str, value: &Json) -> String {
    if private(path) {
        return "…".to_owned();
    }
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
        let got = changes(Some(&before), Some(&after));
        assert_eq!(
            got,
            vec![
                "relationship.status dormant → reactivating",
                "facilitator reza: email changed",
                "readiness.branding unknown → partial",
                "readiness.branding evidence “Logo shared”",
                "action a-xyz done",
                "logged meeting “Embassy visit” on 2026-11-24",
            ]
        );
        assert!(!got.join("\n").contains("example.org"));
    }

    #[test]
    fn the_same_data_has_no_changes() {
        assert!(changes(Some(&base()), Some(&base())).is_empty());
        assert_eq!(changes(None, Some(&base())), vec!["new dossier"]);
    }
}
