//! The relationship with a city: `city set`. A change of status is appended to
//! `relationship.history:`, with its day.

use jiff::civil::Date;
use yaml_edit::Mapping;

use super::{Applied, Fields, Target, Writer, not_editable, said, unchanged};
use crate::edit::{self, MapBuilder, fields::push_history};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::registry::{Key, dossier, relationship, representatives, status_change};
use crate::model::vocab::{RelationKind, RelationStatus};
use crate::model::{PartialDate, StatusChange};

/// What `city set` changes; `None` leaves a field as it is, `Some(None)` removes it.
#[derive(Default, PartialEq)]
pub struct Set {
    pub status: Option<RelationStatus>,
    pub kind: Option<RelationKind>,
    pub signed: Option<PartialDate>,
    /// When the agreement ends; `Some(None)` removes it.
    pub expires: Option<Option<Date>>,
    pub joint_chamber: Option<Option<String>>,
    pub municipality_rep: Option<Option<String>>,
    pub chamber_rep: Option<Option<String>>,
    pub sectors: Option<Vec<String>>,
    /// Language codes; empty removes the list (the country's likely language again).
    pub languages: Option<Vec<String>>,
    /// The day of a change of status.
    pub date: Date,
}

impl Set {
    /// Whether the change asks for anything at all (its date dates a change of status).
    pub fn is_empty(&self) -> bool {
        *self
            == Self {
                date: self.date,
                ..Self::default()
            }
    }
}

/// The status it moved from and to, when it moved.
pub type Moved = Option<(RelationStatus, RelationStatus)>;

pub fn set(w: &Writer, target: &Target, change: &Set) -> Result<Applied<Moved>> {
    let (changed, moved) = edit::change(&w.root, &target.path, w.lang, |draft| {
        let root = draft.root.clone();
        let d = &mut draft.model;
        let map = root
            .get_mapping(dossier::RELATIONSHIP.name)
            .ok_or_else(|| not_editable(dossier::RELATIONSHIP.name))?;
        let mut fields = Fields::new(map);
        let r = &mut d.relationship;
        fields.vocab(relationship::KIND, &mut r.kind, change.kind);
        let from = r.status;
        let mut moved = None;
        if fields.vocab(relationship::STATUS, &mut r.status, change.status) {
            if let Some(last) = r.history.last()
                && last.date > change.date
            {
                return Err(before_last(change.date, last));
            }
            // A history begun now keeps the status it starts from, which the file knew.
            let entry = StatusChange {
                status: r.status,
                date: change.date,
                from: r.history.is_empty().then_some(from),
            };
            let item = MapBuilder::new()
                .vocab(status_change::STATUS, entry.status)
                .date(status_change::DATE, entry.date)
                .opt_vocab(status_change::FROM, entry.from)
                .build();
            push_history(&fields.map, relationship::HISTORY, item)?;
            moved = Some((from, entry.status));
            r.history.push(entry);
        }
        if let Some(signed) = change.signed
            && r.signed != Some(signed)
        {
            r.signed = Some(signed);
            let key = relationship::SIGNED;
            let order = key.order.iter().copied();
            match signed {
                // A year is written as the analysts write it, unquoted.
                PartialDate::Year(y) => fields.map.set_with_field_order(key.name, y, order),
                _ => fields.map.set_with_field_order(
                    key.name,
                    yaml_edit::ScalarValue::plain(signed.to_string()),
                    order,
                ),
            }
            fields.changed.push(key.name);
        }
        fields.opt_date(relationship::EXPIRES, &mut r.expires, change.expires);
        let mut changed = fields.changed;
        let mut top = Fields::new(root.clone());
        top.opt_text(
            dossier::JOINT_CHAMBER,
            &mut d.joint_chamber,
            change.joint_chamber.as_ref(),
        );
        for (key, value, name) in [
            (
                representatives::MUNICIPALITY,
                &change.municipality_rep,
                "municipality_rep",
            ),
            (representatives::CHAMBER, &change.chamber_rep, "chamber_rep"),
        ] {
            let reps = &mut d.representatives;
            let slot = match key.name {
                "municipality" => &mut reps.municipality,
                _ => &mut reps.chamber,
            };
            if let Some(value) = value
                && representative(&root, key, slot, value.as_deref())
            {
                top.changed.push(name);
            }
        }
        top.list(dossier::SECTORS, &mut d.sectors, change.sectors.as_ref());
        top.list(
            dossier::LANGUAGES,
            &mut d.languages,
            change.languages.as_ref(),
        );
        changed.extend(top.changed);
        Ok((changed, moved))
    })?;
    let slug = target.slug.as_str();
    if changed.is_empty() {
        return Ok(Applied {
            paths: Vec::new(),
            said: unchanged(
                |lang: Lang| lang.pick("the relationship", "رابطه").to_owned(),
                slug,
            ),
            message: String::new(),
            value: None,
        });
    }
    let list = changed.join(", ");
    let date = change.date;
    let summary = match moved {
        Some((from, to)) if changed.len() == 1 => format!("{from} → {to} ({date})"),
        Some((from, to)) => format!("{from} → {to} ({date}); {list}"),
        None => list.clone(),
    };
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (city, summary) = (lang.code(slug), lang.embed(&summary));
            say!(
                lang,
                "updated the relationship with {city}: {summary}",
                "رابطه با {city} به‌روز شد: {summary}"
            )
        }),
        message: match moved {
            Some((from, to)) if changed.len() == 1 => format!("{slug}: relationship {from} → {to}"),
            _ => format!("{slug}: city set ({list})"),
        },
        value: moved,
    })
}

/// Sets or removes one representative under `representatives:`, which is made when missing
/// and goes when it is left empty; whether it changed.
fn representative(
    root: &Mapping,
    key: Key,
    slot: &mut Option<String>,
    value: Option<&str>,
) -> bool {
    if slot.as_deref() == value {
        return false;
    }
    let section = dossier::REPRESENTATIVES;
    match root.get_mapping(section.name) {
        Some(map) => {
            edit::fields::opt_text(&map, key, slot, value);
            if map.is_empty() {
                root.remove(section.name);
            }
        }
        None => {
            *slot = value.map(str::to_owned);
            if let Some(v) = value {
                let map = MapBuilder::new().text(key, v).build();
                root.set_with_field_order(section.name, map, section.order.iter().copied());
            }
        }
    }
    true
}

/// A status change dated before the last one recorded would put the history out of order.
fn before_last(date: Date, last: &StatusChange) -> Error {
    let (status, when) = (last.status, last.date);
    Error::usage(move |lang: Lang| {
        let (flag, last) = (
            lang.code(format!("--date {date}")),
            lang.code(format!("{status} {when}")),
        );
        say!(
            lang,
            "{flag} is before the last status change of the relationship ({last}); nothing was written",
            "{flag} پیش از آخرین تغییر وضعیت رابطه ({last}) است؛ چیزی نوشته نشد"
        )
    })
}
