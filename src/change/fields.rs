//! Setting the fields of one entry, in the model and in its mapping at once, noting each key
//! that changed: a change asks for some fields (`Some`), leaves the rest (`None`), and an
//! unchanged value keeps its bytes ([`crate::edit::fields`]).

use jiff::civil::Date;
use yaml_edit::Mapping;

use crate::edit::fields as set;
use crate::model::TimeOfDay;
use crate::model::registry::Key;
use crate::model::vocab::Vocab;

/// The entry's mapping, and the keys changed so far, in the order they were set.
pub struct Fields {
    pub map: Mapping,
    pub changed: Vec<&'static str>,
}

impl Fields {
    pub fn new(map: Mapping) -> Self {
        Fields {
            map,
            changed: Vec::new(),
        }
    }

    fn note(&mut self, key: Key, changed: bool) -> bool {
        if changed {
            self.changed.push(key.name);
        }
        changed
    }

    /// Whether `key` changed so far.
    pub fn has(&self, key: Key) -> bool {
        self.changed.contains(&key.name)
    }

    /// Required text (`name`, `title`).
    pub fn text(&mut self, key: Key, slot: &mut String, value: Option<&String>) -> bool {
        let Some(value) = value else { return false };
        let changed = set::text(&self.map, key, slot, value);
        self.note(key, changed)
    }

    /// Optional text: `Some(None)` removes it.
    pub fn opt_text(
        &mut self,
        key: Key,
        slot: &mut Option<String>,
        value: Option<&Option<String>>,
    ) -> bool {
        let Some(value) = value else { return false };
        let changed = set::opt_text(&self.map, key, slot, value.as_deref());
        self.note(key, changed)
    }

    /// A value of the vocabulary (a status, a role), stored by its slug.
    pub fn vocab<V: Vocab>(&mut self, key: Key, slot: &mut V, value: Option<V>) -> bool {
        let Some(value) = value else { return false };
        let changed = set::vocab(&self.map, key, slot, value, value.stored());
        self.note(key, changed)
    }

    /// An optional value of the vocabulary (an opportunity's lead), set when given.
    pub fn opt_vocab<V: Vocab>(
        &mut self,
        key: Key,
        slot: &mut Option<V>,
        value: Option<V>,
    ) -> bool {
        let Some(value) = value else { return false };
        if *slot == Some(value) {
            return false;
        }
        *slot = Some(value);
        set_plain(&self.map, key, value.stored());
        self.note(key, true)
    }

    pub fn date(&mut self, key: Key, slot: &mut Option<Date>, value: Option<Date>) -> bool {
        let Some(value) = value else { return false };
        let changed = set::opt_date(&self.map, key, slot, value);
        self.note(key, changed)
    }

    /// A required date (an event's day).
    pub fn day(&mut self, key: Key, slot: &mut Date, value: Option<Date>) -> bool {
        let Some(value) = value else { return false };
        let changed = set::date(&self.map, key, slot, value);
        self.note(key, changed)
    }

    /// An optional date given or removed: `Some(None)` removes it (an event's `end`).
    pub fn opt_date(
        &mut self,
        key: Key,
        slot: &mut Option<Date>,
        value: Option<Option<Date>>,
    ) -> bool {
        match value {
            None => false,
            Some(None) => self.clear_date(key, slot),
            Some(Some(date)) => self.date(key, slot, Some(date)),
        }
    }

    /// An optional time of day (an event's `time`): `Some(None)` removes it.
    pub fn opt_time(
        &mut self,
        key: Key,
        slot: &mut Option<TimeOfDay>,
        value: Option<Option<TimeOfDay>>,
    ) -> bool {
        let Some(value) = value else { return false };
        let changed = set::opt_time(&self.map, key, slot, value);
        self.note(key, changed)
    }

    /// Removes an optional date (an action's `done` when it is no longer done).
    pub fn clear_date(&mut self, key: Key, slot: &mut Option<Date>) -> bool {
        if slot.take().is_none() {
            return false;
        }
        self.map.remove(key.name);
        self.note(key, true)
    }

    /// An optional number (a person's `follow_up_days`): `Some(None)` removes it.
    pub fn opt_number(
        &mut self,
        key: Key,
        slot: &mut Option<u32>,
        value: Option<Option<u32>>,
    ) -> bool {
        let Some(value) = value else { return false };
        let changed = set::opt_number(&self.map, key, slot, value);
        self.note(key, changed)
    }

    /// A list given whole: written as `[a, b]`; empty removes it.
    pub fn list(&mut self, key: Key, slot: &mut Vec<String>, value: Option<&Vec<String>>) -> bool {
        let Some(value) = value else { return false };
        let changed = set::list(&self.map, key, slot, value);
        self.note(key, changed)
    }
}

/// A plain scalar under `key`, in its record's order.
pub fn set_plain(map: &Mapping, key: Key, value: &str) {
    map.set_with_field_order(
        key.name,
        yaml_edit::ScalarValue::plain(value),
        key.order.iter().copied(),
    );
}
