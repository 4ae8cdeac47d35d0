//! Lists without ids: one-line lists merged as sets, and entries found by content and date.

use serde_json::Value as Json;

use super::blocks::Block;
use super::merger::Out;

/// A one-line list of plain values (`sectors: [tourism, culture]`, as `fmt` and the write
/// commands keep them) that both sides changed: merged as a set on ours' line.
pub(super) fn flow_set(base: Option<&Block>, ours: &Block, theirs: &Block) -> Option<Out> {
    let scalars = |v: &Json| -> Option<Vec<Json>> {
        let items = v.as_array()?;
        items
            .iter()
            .all(|i| i.is_string() || i.is_number())
            .then(|| items.clone())
    };
    let (o, t) = (scalars(&ours.json)?, scalars(&theirs.json)?);
    let b = match base {
        Some(base) => scalars(&base.json)?,
        None => Vec::new(),
    };
    let (last, head) = ours.text().split_last()?;
    let open = last.find('[')?;
    if !last.trim_end().ends_with(']') || last[open + 1..].contains('[') {
        return None;
    }
    let mut merged: Vec<Json> = o
        .iter()
        .filter(|item| !b.contains(item) || t.contains(item)) // unless theirs removed it
        .cloned()
        .collect();
    for item in t {
        if !b.contains(&item) && !merged.contains(&item) {
            merged.push(item);
        }
    }
    let shown: Vec<String> = merged.iter().map(flow_item).collect();
    let mut lines = head.to_vec();
    lines.push(format!("{}[{}]\n", &last[..open], shown.join(", ")));
    Some(Out {
        lines,
        value: Some(Json::Array(merged)),
    })
}

/// An item of a one-line list: plain when YAML reads it back as the same text, else quoted.
fn flow_item(item: &Json) -> String {
    match item.as_str() {
        Some(s)
            if s.chars().next().is_some_and(char::is_alphabetic)
                && s.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && !matches!(
                    s,
                    "true"
                        | "false"
                        | "null"
                        | "True"
                        | "False"
                        | "Null"
                        | "TRUE"
                        | "FALSE"
                        | "NULL"
                ) =>
        {
            s.to_owned()
        }
        _ => item.to_string(),
    }
}

/// Entries of `base` that `side` replaced by exactly one new entry of the same date (an edited
/// interaction or review): (index in base, index in side).
pub(super) fn edits(base: &[&Block], side: &[&Block]) -> Vec<(usize, usize)> {
    // Lists are chronological: most of a side is base's entries in base's order.
    let same = base
        .iter()
        .zip(side)
        .take_while(|(b, s)| b.json == s.json)
        .count();
    if same == base.len() {
        return Vec::new();
    }
    let mut unmatched: Vec<usize> = (same..side.len()).collect();
    let mut removed = Vec::new();
    for (b, item) in base.iter().enumerate().skip(same) {
        match unmatched.iter().position(|&s| side[s].json == item.json) {
            Some(p) => {
                unmatched.remove(p);
            }
            None => removed.push(b),
        }
    }
    let dated = |list: &[usize], of: &[&Block], date: &str| -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|&i| date_of(&of[i].json) == Some(date))
            .collect()
    };
    removed
        .iter()
        .filter_map(|&b| {
            let date = date_of(&base[b].json)?;
            let (gone, new) = (dated(&removed, base, date), dated(&unmatched, side, date));
            (gone.len() == 1 && new.len() == 1).then(|| (b, new[0]))
        })
        .collect()
}

/// A mapping's `date:` as text, for placing list items in date order (`YYYY-MM-DD` sorts).
pub(super) fn date_of(value: &Json) -> Option<&str> {
    value.get("date")?.as_str()
}

/// A value as text with mapping keys sorted: equal values, equal text.
pub(super) fn canonical(value: &Json) -> String {
    fn sorted(value: &Json) -> Json {
        match value {
            Json::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                Json::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.clone(), sorted(v)))
                        .collect(),
                )
            }
            Json::Array(items) => Json::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}
