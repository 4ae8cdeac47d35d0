//! Setting one field of an entry, in the model and in the file's tree at once, only when its
//! value changes: an unchanged field keeps its bytes (its quoting, its list style). Each setter
//! returns whether it changed something. A field is named by its [`Key`] (`facilitator::NAME`),
//! which carries its record's keys in schema order, where a missing key is created.

use std::str::FromStr;

use jiff::civil::Date;
use yaml_edit::{Mapping, ScalarValue};

use crate::model::registry::{self, Key};
use crate::model::{ContactDetails, TimeOfDay};

/// Required text (`name`, `title`).
pub fn text(map: &Mapping, key: Key, slot: &mut String, value: &str) -> bool {
    if slot == value {
        return false;
    }
    value.clone_into(slot);
    map.set_with_field_order(key.name, super::text(value), key.order.iter().copied());
    true
}

/// Optional text: `None` removes the key.
pub fn opt_text(map: &Mapping, key: Key, slot: &mut Option<String>, value: Option<&str>) -> bool {
    if slot.as_deref() == value {
        return false;
    }
    *slot = value.map(str::to_owned);
    match value {
        Some(v) => map.set_with_field_order(key.name, super::text(v), key.order.iter().copied()),
        None => {
            map.remove(key.name);
        }
    }
    true
}

/// A value of the vocabulary (a status, a stage, a role), stored by its slug.
pub fn vocab<V: PartialEq + Copy>(
    map: &Mapping,
    key: Key,
    slot: &mut V,
    value: V,
    slug: &str,
) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    map.set_with_field_order(
        key.name,
        ScalarValue::plain(slug),
        key.order.iter().copied(),
    );
    true
}

pub fn opt_date(map: &Mapping, key: Key, slot: &mut Option<Date>, value: Date) -> bool {
    if *slot == Some(value) {
        return false;
    }
    *slot = Some(value);
    map.set_with_field_order(key.name, super::date(value), key.order.iter().copied());
    true
}

/// A required date (an event's `date`).
pub fn date(map: &Mapping, key: Key, slot: &mut Date, value: Date) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    map.set_with_field_order(key.name, super::date(value), key.order.iter().copied());
    true
}

/// An optional time of day (an event's `time`); `None` removes the key.
pub fn opt_time(
    map: &Mapping,
    key: Key,
    slot: &mut Option<TimeOfDay>,
    value: Option<TimeOfDay>,
) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    match value {
        Some(t) => map.set_with_field_order(key.name, super::time(t), key.order.iter().copied()),
        None => {
            map.remove(key.name);
        }
    }
    true
}

/// An optional number (a person's `follow_up_days`), written plain; `None` removes the key.
pub fn opt_number(map: &Mapping, key: Key, slot: &mut Option<u32>, value: Option<u32>) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    match value {
        Some(n) => map.set_with_field_order(key.name, i64::from(n), key.order.iter().copied()),
        None => {
            map.remove(key.name);
        }
    }
    true
}

/// A list given whole (`--language es --language ca`): written as `[es, ca]`; empty removes it.
pub fn list(map: &Mapping, key: Key, slot: &mut Vec<String>, values: &[String]) -> bool {
    if slot.as_slice() == values {
        return false;
    }
    *slot = values.to_vec();
    if values.is_empty() {
        map.remove(key.name);
    } else {
        map.set_with_field_order(
            key.name,
            super::flow_list(values),
            key.order.iter().copied(),
        );
    }
    true
}

/// Which contact detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    Email,
    Phone,
}

impl Detail {
    pub fn field(self) -> Key {
        match self {
            Detail::Email => registry::details::EMAIL,
            Detail::Phone => registry::details::PHONE,
        }
    }

    pub fn key(self) -> &'static str {
        self.field().name
    }
}

/// An e-mail address or phone number under the person's `contact:`; `None` removes it, and
/// `contact:` with it when nothing is left.
pub fn detail(
    person: &Mapping,
    contact: Key,
    slot: &mut ContactDetails,
    which: Detail,
    value: Option<&str>,
) -> bool {
    let field = match which {
        Detail::Email => &mut slot.email,
        Detail::Phone => &mut slot.phone,
    };
    if field.as_deref() == value {
        return false;
    }
    *field = value.map(str::to_owned);
    match (person.get_mapping(contact.name), value) {
        (Some(details), Some(v)) => details.set_with_field_order(
            which.key(),
            super::text(v),
            registry::DETAILS.iter().copied(),
        ),
        (Some(details), None) => {
            details.remove(which.key());
            if details.is_empty() {
                person.remove(contact.name);
            }
        }
        (None, Some(v)) => {
            let details = super::MapBuilder::new().text(which.field(), v);
            let built = details.build();
            person.set_with_field_order(contact.name, built, contact.order.iter().copied());
        }
        (None, None) => {}
    }
    true
}

/// Appends `item` to the dated list `history` of `map` (an opportunity, the relationship),
/// creating the list where it is missing. Histories are appended in date order: a command
/// refuses a date before the last one.
pub fn push_history(map: &Mapping, history: Key, item: Mapping) -> crate::error::Result<()> {
    if let Some(list) = map.get_sequence(history.name)
        && !list.is_flow_style()
    {
        list.push(item);
        return Ok(());
    }
    let previous: Vec<Mapping> = match map.get_sequence(history.name) {
        Some(list) => list
            .values()
            .filter_map(|v| v.as_mapping().cloned())
            .collect(),
        None => Vec::new(),
    };
    map.remove(history.name);
    let template = yaml_edit::Document::from_str("history:\n  - placeholder: 0\n")
        .map_err(|e| crate::error::Error::internal(format!("cannot build a list: {e}")))?;
    let list = template
        .as_mapping()
        .and_then(|m| m.get_sequence("history"))
        .ok_or_else(|| crate::error::Error::internal("cannot build a list"))?;
    for old in previous {
        list.push(old);
    }
    list.push(item);
    list.remove(0);
    map.set_with_field_order(history.name, list, history.order.iter().copied());
    Ok(())
}
