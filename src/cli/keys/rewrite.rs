//! Rewriting every e-mail and phone of the workspace: what `keys encrypt`, `decrypt` and
//! `remove` do to the dossiers.

use std::path::{Path, PathBuf};

use yaml_edit::ScalarValue;

use crate::cli::Ctx;
use crate::crypto::{self, Field, List};
use crate::edit;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::problem::Problem;
use crate::workspace::{self, Workspace};

/// How many values a rewrite changed, in how many dossiers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Done {
    pub values: usize,
    pub files: usize,
}

/// A new value for one field of one person.
pub struct NewValue<T = String> {
    pub list: List,
    pub index: usize,
    pub person: String,
    pub field: Field,
    pub value: T,
}

/// Every stored e-mail and phone of `loaded` through `f` (given the person's id, the field and
/// the stored text): the values it gave, and the ones it could not open as problems located in
/// the file.
pub fn each_value<T>(
    root: &Path,
    loaded: &workspace::Loaded,
    lang: Lang,
    f: impl FnMut(&str, Field, &str) -> std::result::Result<Option<T>, crypto::OpenError>,
) -> (Vec<NewValue<T>>, Vec<Problem>) {
    let shown = workspace::shown_path(root, &loaded.path);
    each_value_of(&shown, &loaded.dossier, || loaded.tree(lang).ok(), lang, f)
}

/// [`each_value`] of any document with contact details (a dossier, the pool), named `shown`;
/// `tree` parses it again, only to locate the values that did not open.
pub fn each_value_of<H: crypto::Holder, T>(
    shown: &Path,
    doc: &H,
    tree: impl FnOnce() -> Option<crate::yaml::Node>,
    lang: Lang,
    mut f: impl FnMut(&str, Field, &str) -> std::result::Result<Option<T>, crypto::OpenError>,
) -> (Vec<NewValue<T>>, Vec<Problem>) {
    let mut values = Vec::new();
    let mut failed = Vec::new();
    for (list, index, person, details) in crypto::people(doc) {
        for field in Field::ALL {
            let Some(stored) = field.of(details) else {
                continue;
            };
            match f(person, field, stored) {
                Ok(Some(value)) => values.push(NewValue {
                    list,
                    index,
                    person: person.to_owned(),
                    field,
                    value,
                }),
                Ok(None) => {}
                Err(error) => failed.push(crypto::Failure {
                    list,
                    index,
                    person: person.to_owned(),
                    field,
                    error,
                }),
            }
        }
    }
    if failed.is_empty() {
        return (values, Vec::new());
    }
    let tree = tree();
    let problems = failed
        .iter()
        .map(|failure| crypto::located(shown, tree.as_ref(), failure, lang))
        .collect();
    (values, problems)
}

/// Rewrites every sealed or plain e-mail and phone of the workspace through `change` (given
/// slug, person, field and the stored value; none keeps it). Every value is worked out before
/// any file is written, so a value that does not open stops the command with nothing changed.
/// Returns how many values and files changed. `ws` is loaded under `lock`, which the keys
/// command took before reading the data key and holds until its last file is written. A value
/// keeps the quoting it had (plain, `'…'` or `"…"`) where that reads back as the new value, so
/// `keys encrypt` then `keys decrypt` gives the analyst's own bytes back.
pub fn rewrite_all(
    ctx: &Ctx,
    lock: &edit::Lock,
    ws: &Workspace,
    change: impl Fn(&str, &str, Field, &str) -> std::result::Result<Option<String>, crypto::OpenError>,
) -> Result<Done> {
    if !ws.broken.is_empty() {
        let lang = ctx.messages();
        let mut problems: Vec<Problem> = ws.all_problems().cloned().collect();
        let command = lang.code("diplomat validate");
        problems.insert(
            0,
            Problem::new(
                Path::new(workspace::CITIES_DIR),
                None,
                say!(
                    lang,
                    "every dossier must read cleanly before contact details are re-encrypted, and some do not (see {command}); nothing was changed",
                    "پیش از رمزگذاری دوبارهٔ جزئیات تماس همهٔ پرونده‌ها باید بی‌خطا خوانده شوند و برخی نمی‌شوند ({command} را ببینید)؛ چیزی تغییر نکرد"
                ),
            ),
        );
        return Err(Error::problems(problems));
    }
    let lang = ctx.messages();
    let mut plan = Vec::new();
    let mut problems = Vec::new();
    for loaded in &ws.dossiers {
        let slug = &loaded.dossier.slug;
        let (values, failed) = each_value(&ws.root, loaded, lang, |person, field, stored| {
            Ok(change(slug, person, field, stored)?.filter(|value| value != stored))
        });
        problems.extend(failed);
        if !values.is_empty() {
            plan.push((loaded.path.clone(), values));
        }
    }
    if !problems.is_empty() {
        return Err(Error::problems(problems));
    }
    // Every dossier or none: each new text read back before the first is replaced.
    let count = plan.iter().map(|(_, values)| values.len()).sum();
    let paths: Vec<PathBuf> = plan.iter().map(|(path, _)| path.clone()).collect();
    edit::change_each_locked(lock, &paths, lang, |path, draft| {
        let values = plan
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, values)| values.as_slice())
            .unwrap_or_default();
        for v in values {
            let missing = || {
                Error::internal(format!(
                    "cannot find `{}` in `{}` of the file",
                    v.person,
                    v.list.key()
                ))
            };
            let contact = draft
                .entry(v.list.list(), &v.person)
                .and_then(|m| m.get_mapping("contact"))
                .ok_or_else(missing)?;
            let raw = contact
                .get(v.field.name())
                .and_then(|node| node.as_scalar().map(|s| s.value()));
            contact.set(v.field.name(), styled(&v.value, raw.as_deref()));
            let details =
                crypto::details_mut(&mut draft.model, v.list, v.index).ok_or_else(missing)?;
            *v.field.of_mut(details) = Some(v.value.clone());
        }
        Ok(())
    })?;
    Ok(Done {
        values: count,
        files: plan.len(),
    })
}

/// `value` in the quoting of `raw` (the value as the file holds it now) where that reads back
/// as `value`; as [`edit::text`] writes it otherwise.
fn styled(value: &str, raw: Option<&str>) -> ScalarValue {
    let quoted = |quote: char| raw.is_some_and(|raw| raw.starts_with(quote));
    if quoted('"') {
        ScalarValue::double_quoted(value)
    } else if quoted('\'') && !value.chars().any(char::is_control) {
        ScalarValue::single_quoted(value)
    } else {
        edit::text(value)
    }
}
