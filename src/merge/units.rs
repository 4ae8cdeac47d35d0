//! Units: fields of one mapping that mean something only together, so a merge never mixes
//! them. An assessment's `status` says what its `evidence` shows as of `assessed`; an action's
//! `done` date belongs to its `done` status; a facilitator's `since` dates their `status`; an
//! event is confirmed (or held, or cancelled) for the days of its `date` and `end`.
//! Merged field by field, one side's `met` could land beside the other side's evidence for
//! `partial` and `check` would show ✓ on no evidence. So when both sides changed a unit, and
//! not to the same thing, the whole unit is one conflict; a unit only one side changed is that
//! side's, whole. The other fields of the same mapping (an action's title, a person's e-mail or
//! phone) still merge one by one.

use serde_json::{Map, Value as Json};

/// An assessment under `readiness:`.
const ASSESSMENT: &[&str] = &["status", "evidence", "assessed"];
/// An item of `actions:`.
const ACTION: &[&str] = &["status", "done"];
/// An item of `facilitators:`.
const FACILITATOR: &[&str] = &["status", "since"];
/// An item of `events:`: whether it takes place, and on which days. Its time, place and
/// people are details either side may change.
const EVENT: &[&str] = &["status", "date", "end"];

/// Where a block stands in the dossier, as far as units go: the merge passes it down as it
/// walks the tree, so only these paths hold units, never a `status` elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    Root,
    Readiness,
    Actions,
    Facilitators,
    Events,
    /// A mapping whose fields named here are one unit.
    Unit(&'static [&'static str]),
    Elsewhere,
}

impl Place {
    /// The schema order of a mapping's keys here, where the merge keeps to it.
    pub(super) fn order(self) -> Option<&'static [&'static str]> {
        match self {
            Place::Root => Some(crate::model::registry::DOSSIER),
            _ => None,
        }
    }

    /// The place of the value under `key` of a mapping here.
    pub(super) fn child(self, key: &str) -> Place {
        match (self, key) {
            (Place::Root, "readiness") => Place::Readiness,
            (Place::Root, "actions") => Place::Actions,
            (Place::Root, "facilitators") => Place::Facilitators,
            (Place::Root, "events") => Place::Events,
            (Place::Readiness, key) if !key.starts_with("x-") => Place::Unit(ASSESSMENT),
            _ => Place::Elsewhere,
        }
    }

    /// The place of an item of a list here.
    pub(super) fn item(self) -> Place {
        match self {
            Place::Actions => Place::Unit(ACTION),
            Place::Facilitators => Place::Unit(FACILITATOR),
            Place::Events => Place::Unit(EVENT),
            _ => Place::Elsewhere,
        }
    }

    /// The fields that form a unit in a mapping here.
    pub(super) fn unit(self) -> Option<&'static [&'static str]> {
        match self {
            Place::Unit(fields) => Some(fields),
            _ => None,
        }
    }
}

/// Whether `key` names one of the unit's `fields`.
pub(super) fn in_unit(fields: &[&str], key: &Json) -> bool {
    key.as_str().is_some_and(|k| fields.contains(&k))
}

/// The unit's fields of a mapping, as one value; absent fields are left out.
fn unit_of(value: &Json, fields: &[&str]) -> Json {
    let mut unit = Map::new();
    if let Some(map) = value.as_object() {
        for field in fields {
            if let Some(v) = map.get(*field) {
                unit.insert((*field).to_owned(), v.clone());
            }
        }
    }
    Json::Object(unit)
}

/// Whether both sides changed the unit, each to something else: one conflict. Without a base
/// (the entry added on both sides) the unit was empty, so a side that left it out did not
/// change it. Only values count: a comment changed inside the unit is not a change of it.
pub(super) fn both_changed(
    fields: &[&str],
    base: Option<&Json>,
    ours: &Json,
    theirs: &Json,
) -> bool {
    let base = base.map_or_else(|| Json::Object(Map::new()), |b| unit_of(b, fields));
    let (ours, theirs) = (unit_of(ours, fields), unit_of(theirs, fields));
    ours != theirs && ours != base && theirs != base
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        serde_json::from_str(text).expect("JSON")
    }

    #[test]
    fn units_stand_only_where_the_dossier_has_them() {
        let assessment = Place::Root.child("readiness").child("communication");
        assert_eq!(assessment.unit(), Some(ASSESSMENT));
        assert_eq!(Place::Root.child("actions").item().unit(), Some(ACTION));
        assert_eq!(Place::Root.child("events").item().unit(), Some(EVENT));
        assert_eq!(
            Place::Root.child("facilitators").item().unit(),
            Some(FACILITATOR)
        );
        // a status elsewhere is a field of its own
        assert_eq!(Place::Root.child("relationship").unit(), None);
        assert_eq!(Place::Root.child("opportunities").item().unit(), None);
        assert_eq!(Place::Root.child("readiness").child("x-note").unit(), None);
        assert_eq!(Place::Root.child("actions").child("status").unit(), None);
        // a facilitator's contact is not part of the unit: e-mail and phone stay fields
        assert_eq!(
            Place::Root
                .child("facilitators")
                .item()
                .child("contact")
                .unit(),
            None
        );
    }

    #[test]
    fn a_unit_changed_on_both_sides_differently_is_one_change() {
        let base = json(r#"{"status": "partial", "evidence": "calls", "assessed": "2026-11-20"}"#);
        let met = json(r#"{"status": "met", "evidence": "calls", "assessed": "2026-11-20"}"#);
        let evidence =
            json(r#"{"status": "partial", "evidence": "monthly", "assessed": "2026-11-20"}"#);
        // different fields of the unit on each side: still both changed it
        assert!(both_changed(ASSESSMENT, Some(&base), &met, &evidence));
        // one side only, or the same change on both: no conflict
        assert!(!both_changed(ASSESSMENT, Some(&base), &met, &base));
        assert!(!both_changed(ASSESSMENT, Some(&base), &base, &evidence));
        assert!(!both_changed(ASSESSMENT, Some(&base), &met, &met));
    }

    #[test]
    fn fields_outside_the_unit_do_not_count() {
        let base = json(r#"{"id": "a-1", "title": "Letter", "status": "open"}"#);
        let title = json(r#"{"id": "a-1", "title": "Letter to the mayor", "status": "open"}"#);
        let done =
            json(r#"{"id": "a-1", "title": "Letter", "status": "done", "done": "2026-11-24"}"#);
        assert!(!both_changed(ACTION, Some(&base), &title, &done));
        let blocked = json(r#"{"id": "a-1", "title": "Letter to the mayor", "status": "blocked"}"#);
        assert!(both_changed(ACTION, Some(&base), &blocked, &done));
    }

    #[test]
    fn an_events_status_goes_with_its_days_not_its_time() {
        let base = json(r#"{"id": "e-1", "date": "2026-12-03", "status": "planned"}"#);
        let confirmed = json(r#"{"id": "e-1", "date": "2026-12-03", "status": "confirmed"}"#);
        let moved = json(r#"{"id": "e-1", "date": "2026-12-05", "status": "planned"}"#);
        let timed =
            json(r#"{"id": "e-1", "date": "2026-12-03", "time": "10:30", "status": "planned"}"#);
        // confirmed for the 3rd on one side, moved to the 5th on the other: which holds?
        assert!(both_changed(EVENT, Some(&base), &confirmed, &moved));
        // a time set beside a confirmation is a detail of its own
        assert!(!both_changed(EVENT, Some(&base), &confirmed, &timed));
    }

    #[test]
    fn without_a_base_a_side_without_the_unit_left_it_alone() {
        let active = json(r#"{"id": "ana", "status": "active", "since": "2026-11-26"}"#);
        let bare = json(r#"{"id": "ana", "name": "Ana"}"#);
        let prospective = json(r#"{"id": "ana", "status": "prospective"}"#);
        assert!(!both_changed(FACILITATOR, None, &bare, &active));
        assert!(both_changed(FACILITATOR, None, &prospective, &active));
        assert!(!both_changed(FACILITATOR, None, &active, &active));
    }
}
