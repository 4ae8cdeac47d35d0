use clap::Args;
use jiff::civil::Date;

use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::edit::{self, MapBuilder, fields};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::keys::{DOSSIER, RELATIONSHIP, dossier, relationship, representatives};
use crate::model::vocab::{RelationKind, RelationStatus};
use crate::model::{PartialDate, StatusChange};

/// Change the relationship with a city: its status, kind, signing date, joint chamber,
/// representatives and sectors.
///
/// A change of status is appended to `relationship.history:` with its date (`--date`, default
/// today), so the weekly report can say when a relationship was reactivated; a date before the
/// last one recorded is refused. `--sector` (repeat it) replaces the list of sectors; an empty
/// `--joint-chamber` or representative removes it.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat city set florence --status reactivating\n  diplomat city set barcelona --status active --date 1405/09/01\n  diplomat city set kazan --chamber-rep \"International Council, Isfahan Chamber of Commerce\" --sector tourism --sector education"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    #[arg(long, value_enum, value_name = "S")]
    status: Option<RelationStatus>,
    #[arg(long, value_enum, value_name = "K")]
    kind: Option<RelationKind>,
    /// When the agreement was signed: a date, or `YYYY-MM` or `YYYY` where only that is known.
    #[arg(long, value_name = "DATE")]
    signed: Option<String>,
    #[arg(long, value_name = "T")]
    joint_chamber: Option<String>,
    /// Who represents Isfahan Municipality in this file.
    #[arg(long, value_name = "NAME")]
    municipality_rep: Option<String>,
    /// Who represents the Isfahan Chamber of Commerce in this file.
    #[arg(long, value_name = "NAME")]
    chamber_rep: Option<String>,
    /// A sector of the relationship (repeat it; the list given replaces the one stored).
    #[arg(long = "sector", value_name = "X")]
    sectors: Vec<String>,
    /// With `--status`: since when (default today).
    #[arg(long, value_name = "DATE", requires = "status")]
    date: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let joint_chamber = write::optional(self.joint_chamber, "--joint-chamber")?;
        let municipality = write::optional(self.municipality_rep, "--municipality-rep")?;
        let chamber = write::optional(self.chamber_rep, "--chamber-rep")?;
        let sectors = write::list_flag(self.sectors, "--sector")?;
        let signed = write::opt_signed(ctx, self.signed.as_deref(), "--signed")?;
        if self.status.is_none()
            && self.kind.is_none()
            && signed.is_none()
            && joint_chamber.is_none()
            && municipality.is_none()
            && chamber.is_none()
            && sectors.is_none()
        {
            return Err(write::nothing_to_change(&[
                "--status",
                "--kind",
                "--signed",
                "--joint-chamber",
                "--municipality-rep",
                "--chamber-rep",
                "--sector",
            ]));
        }
        let given = write::opt_date(ctx, self.date.as_deref(), "--date")?;
        let date = given.unwrap_or(ctx.today);
        let doubt = self
            .date
            .as_deref()
            .zip(given)
            .and_then(|(text, d)| write::doubt(ctx, "--date", text, d, write::Doubt::Future));
        let target = write::target(ctx, &self.city)?;
        let slug = target.slug.as_str();
        let (changed, moved) = edit::change(&target.root, &target.path, target.lang, |draft| {
            let root = draft.root.clone();
            let dossier = &mut draft.dossier;
            let relationship = root
                .get_mapping("relationship")
                .ok_or_else(|| write::not_editable("relationship"))?;
            let r = &mut dossier.relationship;
            let mut changed = Vec::new();
            let mut moved = None;
            if let Some(kind) = self.kind
                && fields::vocab(
                    &relationship,
                    relationship::KIND,
                    &mut r.kind,
                    kind,
                    kind.slug(),
                )
            {
                changed.push("kind");
            }
            if let Some(status) = self.status {
                let from = r.status;
                if fields::vocab(
                    &relationship,
                    relationship::STATUS,
                    &mut r.status,
                    status,
                    status.slug(),
                ) {
                    if let Some(last) = r.history.last()
                        && last.date > date
                    {
                        return Err(before_last(date, last));
                    }
                    // A history begun now keeps the status it starts from, which the file knew.
                    let before = r.history.is_empty().then_some(from);
                    let mut item = MapBuilder::new()
                        .plain("status", status.slug())
                        .opt_date("date", Some(date));
                    if let Some(before) = before {
                        item = item.plain("from", before.slug());
                    }
                    fields::push_history(&relationship, relationship::HISTORY, item.build())?;
                    r.history.push(StatusChange {
                        status,
                        date,
                        from: before,
                    });
                    changed.push("status");
                    moved = Some((from, status));
                }
            }
            if let Some(signed) = signed
                && r.signed != Some(signed)
            {
                r.signed = Some(signed);
                let order = RELATIONSHIP.iter().copied();
                match signed {
                    // A year is written as the analysts write it, unquoted.
                    PartialDate::Year(y) => relationship.set_with_field_order("signed", y, order),
                    _ => relationship.set_with_field_order(
                        "signed",
                        yaml_edit::ScalarValue::plain(signed.to_string()),
                        order,
                    ),
                }
                changed.push("signed");
            }
            if let Some(value) = &joint_chamber
                && fields::opt_text(
                    &root,
                    dossier::JOINT_CHAMBER,
                    &mut dossier.joint_chamber,
                    value.as_deref(),
                )
            {
                changed.push("joint_chamber");
            }
            for (key, value) in [
                (representatives::MUNICIPALITY, &municipality),
                (representatives::CHAMBER, &chamber),
            ] {
                let Some(value) = value else { continue };
                let reps = &mut dossier.representatives;
                let slot = match key.name {
                    "municipality" => &mut reps.municipality,
                    _ => &mut reps.chamber,
                };
                if slot.as_deref() == value.as_deref() {
                    continue;
                }
                match root.get_mapping("representatives") {
                    Some(map) => {
                        fields::opt_text(&map, key, slot, value.as_deref());
                        if map.is_empty() {
                            root.remove("representatives");
                        }
                    }
                    None => {
                        *slot = value.clone();
                        if let Some(v) = value {
                            let map = MapBuilder::new().text(key.name, v).build();
                            root.set_with_field_order(
                                "representatives",
                                map,
                                DOSSIER.iter().copied(),
                            );
                        }
                    }
                }
                changed.push(match key.name {
                    "municipality" => "municipality_rep",
                    _ => "chamber_rep",
                });
            }
            if let Some(sectors) = &sectors
                && fields::list(&root, dossier::SECTORS, &mut dossier.sectors, sectors)
            {
                changed.push("sectors");
            }
            Ok((changed, moved))
        })?;
        if changed.is_empty() {
            write::unchanged(
                ctx,
                |lang: Lang| lang.pick("the relationship", "رابطه").to_owned(),
                slug,
            );
            return Ok(Outcome::Ok);
        }
        write::warn_doubts(ctx, [doubt]);
        let list = changed.join(", ");
        let summary = match moved {
            Some((from, to)) if changed.len() == 1 => format!("{from} → {to} ({date})"),
            Some((from, to)) => format!("{from} → {to} ({date}); {list}"),
            None => list.clone(),
        };
        write::done(ctx, |lang: Lang| {
            let (city, summary) = (lang.code(slug), lang.embed(&summary));
            say!(
                lang,
                "updated the relationship with {city}: {summary}",
                "رابطه با {city} به‌روز شد: {summary}"
            )
        });
        let message = match moved {
            Some((from, to)) if changed.len() == 1 => format!("{slug}: relationship {from} → {to}"),
            _ => format!("{slug}: city set ({list})"),
        };
        write::commit(ctx, &target.root, &[&target.path], &message)?;
        Ok(Outcome::Ok)
    }
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
