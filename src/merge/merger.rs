//! The blocks of three sides merged into lines and the value they must read back as.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::Labels;
use super::blocks::{Block, Kind, children, delta, is_comment_or_blank, items, shift};
use super::lines::{Piece, comments, merge3};
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

/// Whose lines carry the merged value, where both sides changed the same lines: their layout
/// is kept over the other side's (the other's comments are not).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Carrier {
    Ours,
    Theirs,
    /// Both sides hold the same value.
    Both,
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

    /// A value merged whole: the side that changed it, with both sides' comment and layout
    /// changes where they merge; or a conflict.
    fn leaf(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> Out {
        let changed_ours = base.is_none_or(|b| b.json != ours.json);
        let changed_theirs = base.is_none_or(|b| b.json != theirs.json);
        if ours.json == theirs.json {
            return self.lines_merged(base, ours, theirs, Carrier::Both);
        }
        if !changed_theirs {
            return self.lines_merged(base, ours, theirs, Carrier::Ours);
        }
        if !changed_ours {
            return self.lines_merged(base, ours, theirs, Carrier::Theirs);
        }
        if let Some((line, value)) = flow_set(base, ours, theirs) {
            // Each side's list line replaced by the merged one, their comments merged around it.
            let with_line = |b: &Block, d: isize| -> Option<Vec<String>> {
                let mut lines = shift(b.text(), d);
                let key = lines.iter().position(|l| !is_comment_or_blank(l))?;
                lines[key] = line.clone();
                Some(lines)
            };
            let d = delta(ours, theirs);
            let sides = (
                base.map(|b| with_line(b, delta(ours, b))),
                with_line(ours, 0),
                with_line(theirs, d),
            );
            if let (b, Some(o), Some(t)) = sides
                && b.as_ref().is_none_or(Option::is_some)
            {
                let (lines, conflicted) =
                    self.merge_lines(b.flatten().as_deref(), &o, &t, Carrier::Both);
                return Out {
                    lines,
                    value: (!conflicted).then_some(value),
                };
            }
        }
        self.conflict(Some(ours), Some(theirs), delta(ours, theirs))
    }

    /// One value whose lines both sides changed, merged line by line (see [`Carrier`]).
    fn lines_merged(
        &self,
        base: Option<&Block>,
        ours: &Block,
        theirs: &Block,
        carrier: Carrier,
    ) -> Out {
        let value = match carrier {
            Carrier::Theirs => theirs.json.clone(),
            _ => ours.json.clone(),
        };
        let b = base.map(|b| shift(b.text(), delta(ours, b)));
        let t = shift(theirs.text(), delta(ours, theirs));
        let (lines, conflicted) = self.merge_lines(b.as_deref(), ours.text(), &t, carrier);
        // Only when the merged lines still read as the value (checked with the whole file).
        Out {
            lines,
            value: (!conflicted).then_some(value),
        }
    }

    /// Three versions of some lines merged (theirs' already standing where ours' do); where
    /// both sides changed the same lines, the side whose lines carry the value wins over the
    /// other's layout, never over a comment: a comment changed on both sides, or on one side
    /// where the other changed the line, is a conflict around those lines alone. Without a
    /// base (added on both sides), the lines both have but their comments and blank lines
    /// serve as one. Returns the lines and whether they hold a conflict.
    fn merge_lines(
        &self,
        base: Option<&[String]>,
        ours: &[String],
        theirs: &[String],
        carrier: Carrier,
    ) -> (Vec<String>, bool) {
        let skeleton = |lines: &[String]| -> Vec<String> {
            lines
                .iter()
                .filter(|l| !is_comment_or_blank(l))
                .cloned()
                .collect()
        };
        let base = match base {
            Some(base) => base.to_vec(),
            None if skeleton(ours) == skeleton(theirs) => skeleton(ours),
            None => Vec::new(),
        };
        let mut lines = Vec::new();
        let mut conflicted = false;
        for piece in merge3(&base, ours, theirs) {
            match piece {
                Piece::Lines(run) => lines.extend(run),
                Piece::Conflict { base, ours, theirs } => {
                    let unchanged = |side: &[String]| comments(side) == comments(&base);
                    let take_ours = carrier != Carrier::Theirs && unchanged(&theirs);
                    let take_theirs = carrier != Carrier::Ours && unchanged(&ours);
                    if take_ours {
                        lines.extend(ours);
                    } else if take_theirs {
                        lines.extend(theirs);
                    } else {
                        conflicted = true;
                        lines.extend(self.conflict_lines(ours, theirs).lines);
                    }
                }
            }
        }
        (lines, conflicted)
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

    /// The header (comments, blank lines, the key line) of a collection, merged line by line;
    /// and whether it holds a conflict.
    fn header(&self, base: Option<&Block>, ours: &Block, theirs: &Block) -> (Vec<String>, bool) {
        let b = base.map(|b| shift(b.header(), delta(ours, b)));
        let t = shift(theirs.header(), delta(ours, theirs));
        self.merge_lines(b.as_deref(), ours.header(), &t, Carrier::Both)
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
        let (header, header_conflict) = self.header(base, ours, theirs);
        let at = |key: &Json| place.child(key.as_str().unwrap_or_default());
        let (lines, values) = self.keyed(keyed, ours, theirs, &at, unit, place.order());
        let value = values.filter(|_| !header_conflict).map(|pairs| {
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
        let (header, header_conflict) = self.header(base, ours, theirs);
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
            value: values
                .filter(|_| !header_conflict)
                .map(|v| Json::Array(v.into_iter().map(|(_, v)| v).collect())),
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
                    Some(b) if untouched(b, o) => {} // theirs removed it
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
                Some(b) if untouched(b, t) => continue, // ours removed it
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
    /// additions kept, removals applied. Each side's items are matched to base's by value, or
    /// as an edit of one (see [`edits`]); an item both sides kept or edited is merged as one
    /// value, and one removed on one side and edited (even in a comment) on the other is a
    /// conflict. A dated list (every item has a `date:`) comes out in date order as a whole,
    /// however the two sides' entries interleave and even where one was appended by hand out
    /// of order; the sort is stable, so on one day ours' entries come first, then theirs'. Each
    /// entry moves with the comments above it, so sorting loses nothing, and an old entry out
    /// of place is put in order too. In a list with an undated item, ours' order stands and
    /// theirs' additions go after the last entry dated no later. `item` is an item's place.
    fn set(
        &self,
        item: Place,
        base: Option<&[&Block]>,
        ours: &[&Block],
        theirs: &[&Block],
        ours_parent: &Block,
        theirs_parent: &Block,
    ) -> (Vec<String>, Option<Vec<(Json, Json)>>) {
        let base = base.unwrap_or_default();
        // base's index → the side's item that is it, or its edit
        let (ours_of, theirs_of) = (matched(base, ours), matched(base, theirs));
        // the side's index → base's
        let base_of = |of: &[Option<usize>], len: usize| {
            let mut back = vec![None; len];
            for (b, s) in of.iter().enumerate() {
                if let Some(s) = s {
                    back[*s] = Some(b);
                }
            }
            back
        };
        let (base_of_ours, base_of_theirs) = (
            base_of(&ours_of, ours.len()),
            base_of(&theirs_of, theirs.len()),
        );
        let mut claimed: Vec<bool> = base_of_theirs.iter().map(Option::is_some).collect();
        let mut out: Vec<(Json, Out)> = Vec::new();
        for (i, o) in ours.iter().enumerate() {
            let part = match base_of_ours[i] {
                Some(b) => match theirs_of[b] {
                    Some(t) => self.merge(item, Some(base[b]), o, theirs[t]),
                    None if untouched(base[b], o) => continue, // theirs removed it
                    None => self.conflict(Some(o), None, 0),
                },
                // added by ours; the same added by theirs is one entry
                None => {
                    match (0..theirs.len()).find(|&j| !claimed[j] && theirs[j].json == o.json) {
                        Some(j) => {
                            claimed[j] = true;
                            self.merge(item, None, o, theirs[j])
                        }
                        None => Out::of(o, 0),
                    }
                }
            };
            out.push((o.json.clone(), part));
        }
        let ours_indent = ours.first().map(|b| b.indent);
        for (j, t) in theirs.iter().enumerate() {
            let d = ours_indent.map_or(delta(ours_parent, theirs_parent), |i| {
                i as isize - t.indent as isize
            });
            let part = match base_of_theirs[j] {
                Some(b) if ours_of[b].is_some() || untouched(base[b], t) => continue,
                // removed by ours, edited by theirs
                Some(_) => self.conflict(None, Some(t), d),
                None if claimed[j] => continue,
                None => Out::of(t, d),
            };
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
            out.insert(at, (t.json.clone(), part));
        }
        if out.iter().all(|(v, _)| date_of(v).is_some()) {
            out.sort_by(|(a, _), (b, _)| date_of(a).cmp(&date_of(b)));
        }
        if out.iter().all(|(v, _)| step(v).is_some()) {
            // A history both sides extended with the same status (each set `active`, on its
            // own day) holds it once, from the earlier day: a status does not follow itself.
            // An entry carrying a comment stays, with its comment.
            out.dedup_by(|(later, part), (earlier, _)| {
                step(later) == step(earlier) && comments(&part.lines).is_empty()
            });
        }
        collect(out)
    }
}

/// Whether a side left an entry of base as it was: the same value and the same comments (its
/// layout may differ). Only such an entry gives way to the other side's removal of it.
fn untouched(base: &Block, side: &Block) -> bool {
    base.json == side.json && comments(base.text()) == comments(side.text())
}

/// For each item of `base`, the item of `side` that is it (the same value, in order), or an
/// edit of it (see [`edits`]); `None` where the side removed it.
fn matched(base: &[&Block], side: &[&Block]) -> Vec<Option<usize>> {
    let mut by_value: HashMap<String, std::collections::VecDeque<usize>> = HashMap::new();
    for (s, item) in side.iter().enumerate() {
        by_value
            .entry(canonical(&item.json))
            .or_default()
            .push_back(s);
    }
    let mut found: Vec<Option<usize>> = base
        .iter()
        .map(|b| by_value.get_mut(&canonical(&b.json))?.pop_front())
        .collect();
    let taken: Vec<bool> = {
        let mut taken = vec![false; side.len()];
        for s in found.iter().flatten() {
            taken[*s] = true;
        }
        taken
    };
    let gone: Vec<usize> = (0..base.len()).filter(|&b| found[b].is_none()).collect();
    let new: Vec<usize> = (0..side.len()).filter(|&s| !taken[s]).collect();
    if !gone.is_empty() && !new.is_empty() {
        let (gone_blocks, new_blocks): (Vec<&Block>, Vec<&Block>) = (
            gone.iter().map(|&b| base[b]).collect(),
            new.iter().map(|&s| side[s]).collect(),
        );
        for (b, s) in edits(&gone_blocks, &new_blocks) {
            found[gone[b]] = Some(new[s]);
        }
    }
    found
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
