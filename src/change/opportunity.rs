//! Trade and investment opportunities: `opportunity add`, `opportunity set`. A change of stage
//! is appended to the opportunity's `history:`, with its day.

use jiff::civil::Date;

use super::listed::{self, stage_item};
use super::{Applied, Entry, Target, Writer, entry_named, said, unchanged};
use crate::edit::{self, fields::push_history};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::registry::opportunity;
use crate::model::vocab::{Owner, Stage};
use crate::model::{Opportunity, StageChange};

/// A new opportunity, given a random id (`o-3f9q`); its first stage is recorded with today's
/// date, so `days_in_stage` counts from the start.
pub fn add(w: &Writer, target: &Target, mut new: Opportunity) -> Result<Applied<String>> {
    let title = super::quoted(&new.title);
    let id = edit::change(&w.root, &target.path, w.lang, |draft| {
        new.id = listed::new_id::<Opportunity>(draft, "o");
        let first = StageChange {
            stage: new.stage,
            date: w.today,
            from: None,
        };
        new.history.clear();
        let id = new.id.clone();
        listed::push(draft, &target.slug, new)?;
        let (index, fields) = listed::open::<Opportunity>(draft, &id)?;
        push_history(
            &fields.map,
            opportunity::HISTORY,
            stage_item(&first).build(),
        )?;
        draft.model.opportunities[index].history.push(first);
        Ok(id)
    })?;
    let slug = target.slug.as_str();
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (id, slug) = (lang.code(&id), lang.code(slug));
            say!(
                lang,
                "added opportunity {id} to {slug}",
                "فرصت {id} به {slug} افزوده شد"
            )
        }),
        message: format!("{slug}: opportunity add {id} {title}"),
        value: id.clone(),
    })
}

/// What `opportunity set` changes; `None` leaves a field as it is.
pub struct Set {
    pub title: Option<String>,
    pub sector: Option<String>,
    pub lead: Option<Owner>,
    pub stage: Option<Stage>,
    /// The day of a change of stage.
    pub date: Date,
}

/// The stage it moved from and to, when it moved.
pub type Moved = Option<(Stage, Stage)>;

/// Changes the opportunity `id` of the target, which holds it. A change of stage dated before
/// the last one recorded is refused.
pub fn set(w: &Writer, target: &Target, id: &str, change: &Set) -> Result<Applied<Moved>> {
    let (fields, moved) = edit::change(&w.root, &target.path, w.lang, |draft| {
        let (index, mut fields) = listed::open::<Opportunity>(draft, id)?;
        let o = &mut draft.model.opportunities[index];
        fields.text(opportunity::TITLE, &mut o.title, change.title.as_ref());
        fields.text(opportunity::SECTOR, &mut o.sector, change.sector.as_ref());
        fields.opt_vocab(opportunity::LEAD, &mut o.lead, change.lead);
        let from = o.stage;
        let mut moved = None;
        if fields.vocab(opportunity::STAGE, &mut o.stage, change.stage) {
            if let Some(last) = o.history.last()
                && last.date > change.date
            {
                return Err(before_last(id, change.date, last));
            }
            // A history begun now keeps the stage it starts from, which the file knew.
            let entry = StageChange {
                stage: o.stage,
                date: change.date,
                from: o.history.is_empty().then_some(from),
            };
            push_history(
                &fields.map,
                opportunity::HISTORY,
                stage_item(&entry).build(),
            )?;
            moved = Some((from, entry.stage));
            o.history.push(entry);
        }
        Ok((fields.changed, moved))
    })?;
    let slug = target.slug.as_str();
    if fields.is_empty() {
        return Ok(Applied {
            paths: Vec::new(),
            said: unchanged(entry_named(Entry::Opportunity, id), slug),
            message: String::new(),
            value: None,
        });
    }
    let list = fields.join(", ");
    let date = change.date;
    let summary = match moved {
        Some((from, to)) => format!("{from} → {to} ({date})"),
        None => list.clone(),
    };
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (id, city, summary) = (lang.code(id), lang.code(slug), lang.embed(&summary));
            say!(
                lang,
                "updated opportunity {id} in {city}: {summary}",
                "فرصت {id} در {city} به‌روز شد: {summary}"
            )
        }),
        message: match moved {
            Some((from, to)) => format!("{slug}: opportunity {id} {from} → {to}"),
            None => format!("{slug}: opportunity set {id} ({list})"),
        },
        value: moved,
    })
}

/// A stage change dated before the last one recorded would put the history out of order.
fn before_last(id: &str, date: Date, last: &StageChange) -> Error {
    let (stage, when) = (last.stage, last.date);
    Error::usage(move |lang: Lang| {
        let (flag, value, last) = (
            lang.code(format!("--date {date}")),
            lang.code(id),
            lang.code(format!("{stage} {when}")),
        );
        say!(
            lang,
            "{flag} is before the last stage change of {value} ({last}); nothing was written",
            "{flag} پیش از آخرین تغییر مرحلهٔ {value} ({last}) است؛ چیزی نوشته نشد"
        )
    })
}

impl Set {
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.sector.is_none() && self.lead.is_none() && self.stage.is_none()
    }
}
