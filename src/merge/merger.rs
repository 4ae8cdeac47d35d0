//! The blocks of three sides merged into lines and the value they must read back as.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::Labels;
use super::blocks::{Block, Kind, children, delta, is_comment_or_blank, items, shift};
use super::lists::{canonical, date_of, edits, flow_set};
use super::units::{self, Place, in_unit};

/// Merged lines and the value they are meant to read as (`None` once a conflict is inside).
pub(super) struct Out {
    pub(super) lines: Vec<String>,
    pub(super) value: Option<Json>,
}

impl Out {
    pub(super) fn of(block: &Block, delta: isize) -> Out {
        Out {
            lines: shift(block.text(), delta),
            value: Some(block.json.clone()),
        }
    }
}

pub(super) struct Merger<'l> {
    pub(super) labels: &'l Labels,
}

impl Merger<'_> {
    /// `place` is where the three blocks stand in the dossier (see [`Place`]).
    pub(super) fn merge(
        &self,
        place: Place,
        base: Option<&Block>,
        ours: &Block,
        theirs: &Block,
    ) -> Out {
        let d = delta(ours, theirs);
        if ours.text() == theirs.text() {
            return Out::of(ours, 0);
        }
        if let Some(base) = base {
            if base.text() == theirs.text() {
                return Out::of(ours, 0);
            }
            if base.text() == ours.text() {
                return Out::of(theirs, d);
            }
        }
        match (&ours.kind, &theirs.kind) {
            (Kind::Map { .. }, Kind::Map { .. })
                if base.is_none_or(|b| matches!(b.kind, Kind::Map { .. })) =>
            {
                self.map(place, base, ours, theirs)
            }
            (Kind::Seq { .. }, Kind::Seq { .. })
                if base.is_none_or(|b| matches!(b.kind, Kind::Seq { .. })) =>
            {
                self.seq(place, base, ours, theirs)
            }
            _ => self.leaf(base, ours, theirs),
        }
    }

    /// A value merged whole: the side that changed it, a text merge of comment changes, or a
    /// conflict.
    fn leaf(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> Out {
        let changed_ours = base.is_none_or(|b| b.json != ours.json);
        let changed_theirs = base.is_none_or(|b| b.json != theirs.json);
        if ours.json == theirs.json || !changed_theirs {
            return self.lines_merged(base, ours, theirs, &ours.json);
        }
        if !changed_ours {
            return self.lines_merged(base, ours, theirs, &theirs.json);
        }
        if let Some(out) = flow_set(base, ours, theirs) {
            return out;
        }
        self.conflict(Some(ours), Some(theirs), delta(ours, theirs))
    }

    /// Both sides' comment and layout changes to one value, when their lines merge cleanly;
    /// else the side whose value is kept (`value` is ours unless theirs alone changed it).
    fn lines_merged(
        &self,
        base: Option<&Block>,
        ours: &Block,
        theirs: &Block,
        value: &Json,
    ) -> Out {
        let d = delta(ours, theirs);
        let keep = if *value == ours.json {
            Out::of(ours, 0)
        } else {
            Out::of(theirs, d)
        };
        let Some(base) = base else { return keep };
        let [b, o, t] = [
            shift(base.text(), delta(ours, base)).concat(),
            ours.text().concat(),
            shift(theirs.text(), d).concat(),
        ];
        match diffy::merge(&b, &o, &t) {
            Ok(text) => {
                let lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
                // Only when the merged lines still read as the value (checked with the whole file).
                Out {
                    lines,
                    value: Some(value.clone()),
                }
            }
            Err(_) => {
                let (kept, other) = if *value == ours.json {
                    (ours.text().to_vec(), shift(theirs.text(), d))
                } else {
                    (shift(theirs.text(), d), ours.text().to_vec())
                };
                let base_lines = shift(base.text(), delta(ours, base));
                if let Some(lines) = transplant_comments(&base_lines, &other, &kept) {
                    return Out {
                        lines,
                        value: Some(value.clone()),
                    };
                }
                // A comment only the other side has would be lost: let the analyst choose.
                let loses_comment = other
                    .iter()
                    .any(|l| l.trim_start().starts_with('#') && !kept.contains(l));
                if loses_comment {
                    self.conflict(Some(ours), Some(theirs), d)
                } else {
                    keep
                }
            }
        }
    }

    /// Markers around what differs: lines both sides share at either end (a comment above the
    /// key, a blank line) stay outside them.
    fn conflict(&self, ours: Option<&Block>, theirs: Option<&Block>, d: isize) -> Out {
        let o: Vec<String> = ours.map(|o| o.text().to_vec()).unwrap_or_default();
        let t: Vec<String> = theirs.map(|t| shift(t.text(), d)).unwrap_or_default();
        self.conflict_lines(o, t)
    }

    /// Markers around ours' lines `o` and theirs' lines `t` (already standing where ours' do).
    fn conflict_lines(&self, o: Vec<String>, t: Vec<String>) -> Out {
        let n = self.labels.marker_size;
        let same = |a: &String, b: &String| a == b && is_comment_or_blank(a);
        let head = o.iter().zip(&t).take_while(|(a, b)| same(a, b)).count();
        let tail = o[head..]
            .iter()
            .rev()
            .zip(t[head..].iter().rev())
            .take_while(|(a, b)| same(a, b))
            .count();
        let mut lines = o[..head].to_vec();
        lines.push(format!("{} {}\n", "<".repeat(n), self.labels.ours));
        lines.extend_from_slice(&o[head..o.len() - tail]);
        lines.push(format!("{}\n", "=".repeat(n)));
        lines.extend_from_slice(&t[head..t.len() - tail]);
        lines.push(format!("{} {}\n", ">".repeat(n), self.labels.theirs));
        lines.extend_from_slice(&o[o.len() - tail..]);
        Out { lines, value: None }
    }

    /// The header (key line and comments) of a collection: the side that changed it.
    fn header(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> Vec<String> {
        let theirs_header = shift(theirs.header(), delta(ours, theirs));
        match base {
            Some(b) if b.header() == ours.header() && b.header() != theirs.header() => {
                theirs_header
            }
            _ => ours.header().to_vec(),
        }
    }

    fn map(&self, place: Place, base: Option<&Block>, ours: &Block, theirs: &Block) -> Out {
        let entries = |b: &'_ Block| -> Option<Vec<(Json, usize)>> {
            match &b.kind {
                Kind::Map { entries, .. } => Some(
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, (k, _))| (Json::String(k.clone()), i))
                        .collect(),
                ),
                _ => None,
            }
        };
        let (Some(ok), Some(tk)) = (entries(ours), entries(theirs)) else {
            return self.leaf(base, ours, theirs);
        };
        let bk = base.and_then(entries);
        let keyed = Keyed {
            base: bk.map(|k| (k, base.map(children).unwrap_or_default())),
            ours: (ok, children(ours)),
            theirs: (tk, children(theirs)),
        };
        let unit = place.unit().filter(|fields| {
            units::both_changed(fields, base.map(|b| &b.json), &ours.json, &theirs.json)
        });
        if let Some(fields) = unit {
            // A unit field on the dash line of a list item cannot be cut from the item: the
            // whole item is the conflict.
            let on_dash = |(keys, blocks): &Children| {
                keys.iter().any(|(k, i)| {
                    in_unit(fields, k)
                        && blocks[*i]
                            .text()
                            .first()
                            .is_some_and(|l| l.trim_start().starts_with('-'))
                })
            };
            if on_dash(&keyed.ours) || on_dash(&keyed.theirs) {
                return self.conflict(Some(ours), Some(theirs), delta(ours, theirs));
            }
        }
        let header = self.header(base, ours, theirs);
        let at = |key: &Json| place.child(key.as_str().unwrap_or_default());
        let (lines, values) = self.keyed(keyed, ours, theirs, &at, unit, place.order());
        let value = values.map(|pairs| {
            Json::Object(
                pairs
                    .into_iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v)))
                    .collect(),
            )
        });
        let mut all = header;
        all.extend(lines);
        Out { lines: all, value }
    }

    fn seq(&self, place: Place, base: Option<&Block>, ours: &Block, theirs: &Block) -> Out {
        let (bi, oi, ti) = (base.map(items), items(ours), items(theirs));
        let header = self.header(base, ours, theirs);
        let ids = |list: &[&Block]| -> Option<Vec<(Json, usize)>> {
            let ids: Vec<(Json, usize)> = list
                .iter()
                .enumerate()
                .map(|(i, b)| Some((b.json.get("id")?.clone(), i)))
                .collect::<Option<_>>()?;
            let mut seen: Vec<&Json> = ids.iter().map(|(k, _)| k).collect();
            seen.sort_by_key(|k| k.to_string());
            seen.dedup();
            (seen.len() == ids.len() && ids.iter().all(|(k, _)| k.is_string() || k.is_number()))
                .then_some(ids)
        };
        let keyed = match (ids(&oi), ids(&ti), bi.as_deref().map(ids)) {
            (Some(ok), Some(tk), None | Some(Some(_))) => Some(Keyed {
                base: bi
                    .as_deref()
                    .and_then(ids)
                    .map(|k| (k, bi.clone().unwrap_or_default())),
                ours: (ok, oi.clone()),
                theirs: (tk, ti.clone()),
            }),
            _ => None,
        };
        let (lines, values) = match keyed {
            Some(keyed) => self.keyed(keyed, ours, theirs, &|_| place.item(), None, None),
            None => self.set(place.item(), bi.as_deref(), &oi, &ti, ours, theirs),
        };
        let mut all = header;
        all.extend(lines);
        Out {
            lines: all,
            value: values.map(|v| Json::Array(v.into_iter().map(|(_, v)| v).collect())),
        }
    }

    /// Children merged by key (mapping keys, or ids of list items). Ours' order; an entry only
    /// theirs added goes after the entry it follows there (and after what ours added there).
    /// `at` gives a child's place. The fields of `unit`, which both sides changed differently,
    /// are one conflict where ours has the first of them (theirs, if ours has none): each side's
    /// unit fields, in its own order, between the markers. Where the keys have a schema `order`,
    /// a key only theirs added goes before what only ours added after it in that order, so two
    /// sections new on each side (`actions:` and `interactions:`) come out as `fmt` puts them.
    fn keyed(
        &self,
        keyed: Keyed,
        ours_parent: &Block,
        theirs_parent: &Block,
        at: &dyn Fn(&Json) -> Place,
        unit: Option<&[&str]>,
        order: Option<&[&str]>,
    ) -> (Vec<String>, Option<Vec<(Json, Json)>>) {
        let rank = |key: &Json| order?.iter().position(|k| Some(*k) == key.as_str());
        let Keyed { base, ours, theirs } = keyed;
        let index = |keys: &[(Json, usize)]| -> HashMap<String, usize> {
            keys.iter().map(|(k, i)| (k.to_string(), *i)).collect()
        };
        let (base_index, ours_index, theirs_index) = (
            base.as_ref().map(|(k, _)| index(k)).unwrap_or_default(),
            index(&ours.0),
            index(&theirs.0),
        );
        let find = |keys: &HashMap<String, usize>, key: &Json| keys.get(&key.to_string()).copied();
        let in_base = |key: &Json| {
            base.as_ref()
                .and_then(|(_, c)| Some(c[find(&base_index, key)?]))
        };
        // Where ours' children stand, for lines brought from theirs.
        let ours_indent = ours.1.first().map(|b| b.indent);
        let theirs_delta = |t: &Block| {
            ours_indent.map_or(delta(ours_parent, theirs_parent), |i| {
                i as isize - t.indent as isize
            })
        };
        let is_unit = |key: &Json| unit.is_some_and(|fields| in_unit(fields, key));
        let mut unit_conflict = unit.map(|_| {
            let side = |(keys, blocks): &Children, shifted: bool| -> Vec<String> {
                keys.iter()
                    .filter(|(k, _)| is_unit(k))
                    .flat_map(|(_, i)| {
                        let b = blocks[*i];
                        shift(b.text(), if shifted { theirs_delta(b) } else { 0 })
                    })
                    .collect()
            };
            self.conflict_lines(side(&ours, false), side(&theirs, true))
        });
        let mut out: Vec<(Json, Out)> = Vec::new();
        for (key, i) in &ours.0 {
            if is_unit(key) {
                // The rest of the unit is in the conflict: an empty stand-in keeps its place
                // for what theirs added after it.
                let part = unit_conflict.take().unwrap_or(Out {
                    lines: Vec::new(),
                    value: None,
                });
                out.push((key.clone(), part));
                continue;
            }
            let o = ours.1[*i];
            let b = in_base(key);
            match find(&theirs_index, key) {
                Some(j) => out.push((key.clone(), self.merge(at(key), b, o, theirs.1[j]))),
                None => match b {
                    None => out.push((key.clone(), Out::of(o, 0))),
                    Some(b) if b.json == o.json => {} // theirs removed it
                    Some(_) => {
                        let d = 0;
                        out.push((key.clone(), self.conflict(Some(o), None, d)));
                    }
                },
            }
        }
        let added_by_ours = |key: &Json| in_base(key).is_none();
        for (n, (key, j)) in theirs.0.iter().enumerate() {
            if find(&ours_index, key).is_some() {
                continue;
            }
            let t = theirs.1[*j];
            let d = theirs_delta(t);
            let merged = match in_base(key) {
                _ if is_unit(key) => match unit_conflict.take() {
                    Some(part) => part,
                    None => continue,
                },
                None => Out::of(t, d),
                Some(b) if b.json == t.json => continue, // ours removed it
                Some(_) => self.conflict(None, Some(t), d),
            };
            // after the nearest entry before it in theirs that is in the result
            let after = theirs.0[..n]
                .iter()
                .rev()
                .find_map(|(k, _)| out.iter().position(|(ok, _)| ok == k));
            let mut at = after.map_or(0, |p| p + 1);
            let belongs_after = |other: &Json| {
                rank(key)
                    .zip(rank(other))
                    .is_some_and(|(mine, its)| its > mine)
            };
            while at < out.len()
                && added_by_ours(&out[at].0)
                && find(&theirs_index, &out[at].0).is_none()
                && !belongs_after(&out[at].0)
            {
                at += 1;
            }
            out.insert(at, (key.clone(), merged));
        }
        collect(out)
    }

    /// List items without ids (interactions, reviews, sectors) merged as sets: both sides'
    /// additions kept, removals applied. A dated list (every item has a `date:`) comes out in
    /// date order as a whole, however the two sides' entries interleave and even where one was
    /// appended by hand out of order; the sort is stable, so on one day ours' entries come
    /// first, then theirs'. Each entry moves with the comments above it, so sorting loses
    /// nothing, and an old entry out of place is put in order too. In a list with an undated
    /// item, ours' order stands and theirs' additions go after the last entry dated no later.
    /// `item` is an item's place.
    fn set(
        &self,
        item: Place,
        base: Option<&[&Block]>,
        ours: &[&Block],
        theirs: &[&Block],
        ours_parent: &Block,
        theirs_parent: &Block,
    ) -> (Vec<String>, Option<Vec<(Json, Json)>>) {
        let count = |list: &[&Block]| {
            let mut counts: HashMap<String, isize> = HashMap::new();
            for b in list {
                *counts.entry(canonical(&b.json)).or_default() += 1;
            }
            counts
        };
        let base_counts = base.map(count).unwrap_or_default();
        let theirs_counts = count(theirs);
        let ours_counts = count(ours);
        let get = |m: &HashMap<String, isize>, k: &str| m.get(k).copied().unwrap_or(0);
        // removed by theirs: base items theirs has fewer of
        let mut removed: HashMap<String, isize> = base_counts
            .iter()
            .map(|(k, n)| (k.clone(), n - get(&theirs_counts, k)))
            .filter(|(_, n)| *n > 0)
            .collect();
        // An entry both sides edited (each replaced it by one of the same date): merged field
        // by field, where ours has it; theirs' edit is not added again.
        let both: Vec<(usize, usize, usize)> = base
            .map(|base| {
                let theirs_edits = edits(base, theirs);
                edits(base, ours)
                    .into_iter()
                    .filter_map(|(b, o)| {
                        let t = theirs_edits.iter().find(|(tb, _)| *tb == b)?.1;
                        Some((b, o, t))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut out: Vec<(Json, Out)> = Vec::new();
        for (i, o) in ours.iter().enumerate() {
            if let (Some(base), Some(&(b, _, t))) = (base, both.iter().find(|(_, oi, _)| *oi == i))
            {
                out.push((
                    o.json.clone(),
                    self.merge(item, Some(base[b]), o, theirs[t]),
                ));
                continue;
            }
            let key = canonical(&o.json);
            if let Some(n) = removed.get_mut(&key).filter(|n| **n > 0) {
                *n -= 1;
                continue;
            }
            out.push((o.json.clone(), Out::of(o, 0)));
        }
        // added by theirs and not already added by ours
        let mut seen_theirs: HashMap<String, isize> = HashMap::new();
        let ours_indent = ours.first().map(|b| b.indent);
        for (i, t) in theirs.iter().enumerate() {
            if both.iter().any(|(_, _, ti)| *ti == i) {
                continue;
            }
            let key = canonical(&t.json);
            let nth = {
                let e = seen_theirs.entry(key.clone()).or_default();
                *e += 1;
                *e
            };
            let base_n = get(&base_counts, &key);
            if nth <= base_n {
                continue; // in base already
            }
            let ours_added = get(&ours_counts, &key) - base_n;
            if nth - base_n <= ours_added {
                continue; // ours added the same
            }
            let d = ours_indent.map_or(delta(ours_parent, theirs_parent), |i| {
                i as isize - t.indent as isize
            });
            let at = match date_of(&t.json) {
                Some(date) => out
                    .iter()
                    .rposition(|(v, _)| date_of(v).is_some_and(|d| d <= date))
                    .map_or_else(
                        || {
                            if out.iter().any(|(v, _)| date_of(v).is_some()) {
                                0
                            } else {
                                out.len()
                            }
                        },
                        |p| p + 1,
                    ),
                None => out.len(),
            };
            out.insert(at, (t.json.clone(), Out::of(t, d)));
        }
        if out.iter().all(|(v, _)| date_of(v).is_some()) {
            out.sort_by(|(a, _), (b, _)| date_of(a).cmp(&date_of(b)));
        }
        if out.iter().all(|(v, _)| step(v).is_some()) {
            // A history both sides extended with the same status (each set `active`, on its
            // own day) holds it once, from the earlier day: a status does not follow itself.
            // An entry carrying a comment stays, with its comment.
            out.dedup_by(|(later, part), (earlier, _)| {
                step(later) == step(earlier)
                    && !part.lines.iter().any(|l| l.trim_start().starts_with('#'))
            });
        }
        collect(out)
    }
}

/// The status (or stage) a history entry records, for an entry of exactly `date` and one of
/// them, and perhaps the `from` a history's first entry keeps (`relationship.history`, an
/// opportunity's `history`).
fn step(value: &Json) -> Option<&Json> {
    let entry = value.as_object()?;
    let key = ["status", "stage"]
        .into_iter()
        .find(|k| entry.contains_key(*k))?;
    let extra = entry.len() - usize::from(entry.contains_key("from"));
    if extra != 2 || !entry.contains_key("date") {
        return None;
    }
    entry.get(key)
}

/// `kept` with the comment and blank lines that `other` added to `base`, at the same places,
/// when that is all `other` did; line-by-line merges fail on such neighbouring edits (a
/// comment added right above a value the other side changed).
fn transplant_comments(base: &[String], other: &[String], kept: &[String]) -> Option<Vec<String>> {
    // (position in base, lines inserted before it)
    let mut inserted: Vec<(usize, Vec<String>)> = Vec::new();
    let mut i = 0;
    for line in other {
        if base.get(i) == Some(line) {
            i += 1;
        } else if is_comment_or_blank(line) {
            match inserted.last_mut() {
                Some((at, run)) if *at == i => run.push(line.clone()),
                _ => inserted.push((i, vec![line.clone()])),
            }
        } else {
            return None;
        }
    }
    if i != base.len() || inserted.is_empty() {
        return None;
    }
    // Places in `kept` are known when it has base's lines one for one, or at either end.
    let same_shape = kept.len() == base.len();
    if !same_shape && inserted.iter().any(|(at, _)| *at != 0 && *at != base.len()) {
        return None;
    }
    let mut out = Vec::with_capacity(kept.len() + inserted.len());
    let mut runs = inserted.into_iter().peekable();
    for (k, line) in kept.iter().enumerate() {
        while let Some((_, run)) = runs.next_if(|(p, _)| *p == k && (same_shape || k == 0)) {
            out.extend(run);
        }
        out.push(line.clone());
    }
    for (_, run) in runs {
        out.extend(run);
    }
    Some(out)
}

/// A side's children: each key with its place in the list of blocks.
type Children<'b, 'a> = (Vec<(Json, usize)>, Vec<&'b Block<'a>>);

struct Keyed<'b, 'a> {
    base: Option<Children<'b, 'a>>,
    ours: Children<'b, 'a>,
    theirs: Children<'b, 'a>,
}

fn collect(out: Vec<(Json, Out)>) -> (Vec<String>, Option<Vec<(Json, Json)>>) {
    let mut lines = Vec::new();
    let mut values = Some(Vec::with_capacity(out.len()));
    for (key, part) in out {
        lines.extend(part.lines);
        match (part.value, values.as_mut()) {
            (Some(v), Some(vs)) => vs.push((key, v)),
            _ => values = None,
        }
    }
    (lines, values)
}
