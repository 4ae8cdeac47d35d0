//! The record of what happened: `log`, in date order in `interactions:`.

use super::{Applied, Target, Writer, said};
use crate::edit::{self, Draft, MapBuilder};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::Interaction;
use crate::model::registry::{dossier, interaction};

/// Records `new` in the target's interactions, before the first one dated later.
pub fn log(w: &Writer, target: &Target, new: Interaction) -> Result<Applied> {
    let shown = new.clone();
    edit::change(&w.root, &target.path, w.lang, |draft| insert(draft, new))?;
    let slug = target.slug.as_str();
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let date = w.date(shown.date, lang);
            let (title, slug) = (lang.code(&shown.title), lang.code(slug));
            match lang {
                Lang::En => format!("logged {} {title} on {date} in {slug}", shown.kind),
                Lang::Fa => format!(
                    "{} {title} به تاریخ {date} در {slug} ثبت شد",
                    shown.kind.label(lang)
                ),
            }
        }),
        message: format!("{slug}: log {} {}", shown.kind, super::quoted(&shown.title)),
        value: (),
    })
}

/// Puts `new` into the draft's interactions in date order; everyone it names must be a
/// facilitator or contact of the city.
pub fn insert(draft: &mut Draft, new: Interaction) -> Result<()> {
    known(draft, &new.with)?;
    let item = MapBuilder::new()
        .date(interaction::DATE, new.date)
        .vocab(interaction::KIND, new.kind)
        .text(interaction::TITLE, &new.title)
        .list(interaction::WITH, &new.with)
        .opt_text(interaction::SUMMARY, new.summary.as_deref())
        .build();
    let dates: Vec<_> = draft.model.interactions.iter().map(|i| i.date).collect();
    let at = draft.insert_dated(dossier::INTERACTIONS, &dates, new.date, item)?;
    draft.model.interactions.insert(at, new);
    Ok(())
}

/// Refuses a person id that is neither a facilitator nor a contact of the draft's city.
pub fn known(draft: &Draft, ids: &[String]) -> Result<()> {
    let d = &draft.model;
    let known: Vec<&str> = d
        .facilitators
        .iter()
        .map(|f| f.id.as_str())
        .chain(d.contacts.iter().map(|c| c.id.as_str()))
        .collect();
    let Some(unknown) = ids.iter().find(|id| !known.contains(&id.as_str())) else {
        return Ok(());
    };
    let near = crate::text::suggest(unknown, known.iter().copied(), 1);
    let slug = d.slug.clone();
    Err(Error::usage(|lang: Lang| {
        let (unknown, slug) = (lang.code(unknown), lang.code(&slug));
        say!(
            lang,
            "{unknown} is not a facilitator or contact of {slug}",
            "{unknown} تسهیل‌گر یا طرف تماس {slug} نیست"
        )
    })
    .did_you_mean(near))
}
