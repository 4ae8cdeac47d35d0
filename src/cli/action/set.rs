use clap::Args;
use yaml_edit::ScalarValue;

use crate::cli::write::{self, Target};
use crate::cli::{Ctx, Outcome};
use crate::edit::{self, Draft};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::keys::ACTION;
use crate::model::vocab::{ActionStatus, Owner};

/// Change an action's status, due date or owner.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat action set barcelona a-7k2m --status in-progress\n  diplomat action set barcelona a-7k2m --due 1405/10/15 --owner chamber"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The action's id (as `action list` shows it).
    id: String,
    #[arg(long, value_enum)]
    status: Option<ActionStatus>,
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    #[arg(long, value_enum)]
    owner: Option<Owner>,
    /// With `--status done`: when it was done (default today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        if self.status.is_none() && self.due.is_none() && self.owner.is_none() {
            return Err(Error::usage(
                "nothing to change: give --status, --due or --owner",
            ));
        }
        let due = write::opt_date(ctx, self.due.as_deref(), "--due")?;
        let on = write::opt_date(ctx, self.on.as_deref(), "--on")?;
        if on.is_some() && self.status != Some(ActionStatus::Done) {
            return Err(Error::usage(|lang: Lang| {
                let (on, done) = (lang.code("--on"), lang.code("--status done"));
                say!(lang, "{on} goes with {done}", "{on} فقط همراه {done} می‌آید")
            }));
        }
        let (ws, target) = write::load_target(ctx, &self.city)?;
        if !write::holds(&ws, &target.slug, write::Entry::Action, &self.id) {
            return Err(write::unknown_id(
                &ws,
                &target.slug,
                write::Entry::Action,
                &self.id,
            ));
        }
        let change = Change {
            status: self.status,
            due,
            owner: self.owner,
            done: on,
            today: ctx.today,
        };
        let doubts = [
            self.due.as_deref().zip(due).and_then(|(given, due)| {
                write::doubt(ctx, "--due", given, due, write::Doubt::LongPast)
            }),
            self.on
                .as_deref()
                .zip(on)
                .and_then(|(given, on)| write::doubt(ctx, "--on", given, on, write::Doubt::Future)),
        ];
        let changed = apply(&target, &self.id, &change)?;
        if changed.is_empty() {
            write::unchanged(
                ctx,
                write::entry_named(write::Entry::Action, &self.id),
                &target.slug,
            );
            return Ok(Outcome::Ok);
        }
        write::warn_doubts(ctx, doubts);
        write::done(ctx, |lang: Lang| {
            let (id, slug) = (lang.code(&self.id), lang.code(&target.slug));
            let list = changed.join(", ");
            say!(
                lang,
                "updated action {id} in {slug}: {list}",
                "اقدام {id} در {slug} به‌روز شد: {list}"
            )
        });
        write::commit(
            ctx,
            &target.root,
            &[&target.path],
            &format!("{}: action set {}", target.slug, self.id),
        )?;
        Ok(Outcome::Ok)
    }
}

/// What `action set` and `action done` change.
pub struct Change {
    pub status: Option<ActionStatus>,
    pub due: Option<jiff::civil::Date>,
    pub owner: Option<Owner>,
    /// The date it was done, as given (`--on`). With `status: done` and none given, an action
    /// already done keeps its date and one newly done is done `today`; the date goes when the
    /// status leaves `done`.
    pub done: Option<jiff::civil::Date>,
    pub today: jiff::civil::Date,
}

/// Applies `change` to the action `id`; the fields it changed (none: the file is untouched).
pub fn apply(target: &Target, id: &str, change: &Change) -> Result<Vec<&'static str>> {
    edit::change(
        &target.root,
        &target.path,
        target.lang,
        |draft: &mut Draft| {
            let Some(index) = draft.dossier.actions.iter().position(|a| a.id == id) else {
                let ids: Vec<&str> = draft
                    .dossier
                    .actions
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect();
                let near = crate::text::suggest(id, ids.iter().copied(), 1);
                return Err(Error::usage(|lang: Lang| {
                    let (slug, id) = (lang.code(&target.slug), lang.code(id));
                    say!(
                        lang,
                        "{slug} has no action {id}",
                        "{slug} اقدامی با شناسهٔ {id} ندارد"
                    )
                })
                .did_you_mean(near));
            };
            let map = draft
                .entry("actions", id)
                .ok_or_else(|| Error::internal(format!("cannot find action `{id}` in the file")))?;
            let action = &mut draft.dossier.actions[index];
            let mut changed = Vec::new();
            let order = || ACTION.iter().copied();
            if let Some(status) = change.status {
                if action.status != status {
                    action.status = status;
                    map.set_with_field_order("status", ScalarValue::plain(status.slug()), order());
                    changed.push("status");
                }
                if status == ActionStatus::Done {
                    let done = change.done.or(action.done).unwrap_or(change.today);
                    if action.done != Some(done) {
                        action.done = Some(done);
                        map.set_with_field_order("done", edit::date(done), order());
                        changed.push("done");
                    }
                } else if action.done.take().is_some() {
                    map.remove("done");
                    changed.push("done");
                }
            }
            if let Some(due) = change.due
                && action.due != Some(due)
            {
                action.due = Some(due);
                map.set_with_field_order("due", edit::date(due), order());
                changed.push("due");
            }
            if let Some(owner) = change.owner
                && action.owner != owner
            {
                action.owner = owner;
                map.set_with_field_order("owner", ScalarValue::plain(owner.slug()), order());
                changed.push("owner");
            }
            Ok(changed)
        },
    )
}
