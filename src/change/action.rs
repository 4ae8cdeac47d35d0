//! The joint action plan: `action add`, `action set`, `action done`, `import actions`.

use jiff::civil::Date;

use super::listed;
use super::{Applied, Entry, Target, Writer, entry_named, said, unchanged};
use crate::edit;
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::Action;
use crate::model::registry::action;
use crate::model::vocab::{ActionStatus, Owner};

/// New actions, each given a random id (`a-7k2m`) as it is written; all or nothing.
pub fn add(w: &Writer, target: &Target, mut actions: Vec<Action>) -> Result<Applied<Vec<String>>> {
    let first_title = actions.first().map(|a| super::quoted(&a.title));
    let ids = edit::change(&w.root, &target.path, w.lang, |draft| {
        let mut ids = Vec::with_capacity(actions.len());
        for mut action in actions.drain(..) {
            action.id = listed::new_id::<Action>(draft, "a");
            ids.push(action.id.clone());
            listed::push(draft, &target.slug, action)?;
        }
        Ok(ids)
    })?;
    let slug = target.slug.as_str();
    let message = match ids.as_slice() {
        [id] => format!(
            "{slug}: action add {id} {}",
            first_title.unwrap_or_default()
        ),
        _ => format!("{slug}: add {} actions", ids.len()),
    };
    let shown = ids.join(", ");
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (ids, slug) = (lang.code(&shown), lang.code(slug));
            say!(
                lang,
                "added action {ids} to {slug}",
                "اقدام {ids} به {slug} افزوده شد"
            )
        }),
        message,
        value: ids,
    })
}

/// What `action set` and `action done` change; `None` leaves a field as it is.
pub struct Set {
    pub status: Option<ActionStatus>,
    pub due: Option<Date>,
    pub owner: Option<Owner>,
    /// The date it was done, as given (`--on`). With `status: done` and none given, an action
    /// already done keeps its date and one newly done is done today; the date goes when the
    /// status leaves `done`.
    pub done: Option<Date>,
}

/// What a `set` found: the fields it changed, and the action as it now is.
pub struct Outcome {
    pub fields: Vec<&'static str>,
    pub action: Action,
}

/// Changes the action `id` of the target, which holds it.
pub fn set(w: &Writer, target: &Target, id: &str, change: &Set) -> Result<Applied<Outcome>> {
    let outcome = edit::change(&w.root, &target.path, w.lang, |draft| {
        let (index, mut fields) = listed::open::<Action>(draft, id)?;
        let a = &mut draft.model.actions[index];
        fields.vocab(action::STATUS, &mut a.status, change.status);
        match change.status {
            Some(ActionStatus::Done) => {
                let done = change.done.or(a.done).unwrap_or(w.today);
                fields.date(action::DONE, &mut a.done, Some(done));
            }
            Some(_) => {
                fields.clear_date(action::DONE, &mut a.done);
            }
            None => {}
        }
        fields.date(action::DUE, &mut a.due, change.due);
        fields.vocab(action::OWNER, &mut a.owner, change.owner);
        Ok(Outcome {
            fields: fields.changed,
            action: a.clone(),
        })
    })?;
    let slug = target.slug.as_str();
    if outcome.fields.is_empty() {
        return Ok(Applied {
            paths: Vec::new(),
            said: unchanged(entry_named(Entry::Action, id), slug),
            message: String::new(),
            value: outcome,
        });
    }
    let list = outcome.fields.join(", ");
    let done_now = change.status == Some(ActionStatus::Done) && outcome.fields.contains(&"status");
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (id, slug) = (lang.code(id), lang.code(slug));
            say!(
                lang,
                "updated action {id} in {slug}: {list}",
                "اقدام {id} در {slug} به‌روز شد: {list}"
            )
        }),
        message: match done_now {
            true => format!("{slug}: action done {id}"),
            false => format!("{slug}: action set {id} ({list})"),
        },
        value: outcome,
    })
}
