//! Lists without ids: one-line lists merged as sets, and entries found by content and date.

use serde_json::Value as Json;

use super::blocks::Block;

/// A one-line list of plain values (`sectors: [tourism, culture]`, as `fmt` and the write
/// commands keep them) that both sides changed: merged as a set on ours' line, which is returned
/// with the merged list.
pub(super) fn flow_set(
    base: Option<&Block>,
    ours: &Block,
    theirs: &Block,
) -> Option<(String, Json)> {
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
    let (last, _) = ours.text().split_last()?;
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
    let line = format!("{}[{}]\n", &last[..open], shown.join(", "));
    Some((line, Json::Array(merged)))
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

/// Entries of `base` that `side` replaced by an edited copy (an interaction or review whose
/// title, summary or date was corrected): (index in base, index in side). A new entry is the
/// edit of a removed one when it keeps most of its fields (all but one of four, say), the best
/// such pair first; else when it is the only new entry of the only removed one's date. Two
/// different records rarely agree on most fields, and one that does is still merged field by
/// field rather than kept twice.
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
    let mut pairs: Vec<(usize, usize, usize)> = removed
        .iter()
        .flat_map(|&b| unmatched.iter().map(move |&s| (b, s)))
        .filter_map(|(b, s)| Some((kept_fields(&base[b].json, &side[s].json)?, b, s)))
        .collect();
    pairs.sort_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (_, b, s) in pairs {
        if found.iter().all(|&(fb, fs)| fb != b && fs != s) {
            found.push((b, s));
        }
    }
    let left = |list: &[usize], taken: &dyn Fn(usize) -> bool| -> Vec<usize> {
        list.iter().copied().filter(|&i| !taken(i)).collect()
    };
    let removed = left(&removed, &|b| found.iter().any(|&(fb, _)| fb == b));
    let unmatched = left(&unmatched, &|s| found.iter().any(|&(_, fs)| fs == s));
    let dated = |list: &[usize], of: &[&Block], date: &str| -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|&i| date_of(&of[i].json) == Some(date))
            .collect()
    };
    found.extend(removed.iter().filter_map(|&b| {
        let date = date_of(&base[b].json)?;
        let (gone, new) = (dated(&removed, base, date), dated(&unmatched, side, date));
        (gone.len() == 1 && new.len() == 1).then(|| (b, new[0]))
    }));
    found.sort_unstable();
    found
}

/// How many of `old`'s fields `new` keeps, when that is more than half of the fields the two
/// hold between them (and at least two): `new` reads as an edit of `old`.
fn kept_fields(old: &Json, new: &Json) -> Option<usize> {
    let (Json::Object(old), Json::Object(new)) = (old, new) else {
        return None;
    };
    let fields = old
        .keys()
        .chain(new.keys().filter(|k| !old.contains_key(*k)))
        .count();
    let kept = old.iter().filter(|(k, v)| new.get(*k) == Some(v)).count();
    (kept >= 2 && kept * 2 > fields).then_some(kept)
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
