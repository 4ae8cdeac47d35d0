//! Case-file review sessions: `review add`, in date order in `reviews:`.

use super::{Applied, Target, Writer, said};
use crate::edit::{self, Draft, MapBuilder};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::Review;
use crate::model::registry::{dossier, review};

/// Records `new` in the target's reviews, before the first one dated later.
pub fn add(w: &Writer, target: &Target, new: Review) -> Result<Applied> {
    let date = new.date;
    edit::change(&w.root, &target.path, w.lang, |draft| insert(draft, new))?;
    let slug = target.slug.as_str();
    Ok(Applied {
        paths: vec![target.path.clone()],
        said: said(|lang: Lang| {
            let (shown, slug) = (w.date(date, lang), lang.code(slug));
            say!(
                lang,
                "recorded the review of {shown} in {slug}",
                "جلسهٔ بررسی {shown} در {slug} ثبت شد"
            )
        }),
        message: format!("{slug}: review {date}"),
        value: (),
    })
}

/// Puts `new` into the draft's reviews in date order.
pub fn insert(draft: &mut Draft, new: Review) -> Result<()> {
    let item = MapBuilder::new()
        .date(review::DATE, new.date)
        .list(review::PARTICIPANTS, &new.participants)
        .text(review::OUTCOME, &new.outcome)
        .build();
    let dates: Vec<_> = draft.model.reviews.iter().map(|r| r.date).collect();
    let at = draft.insert_dated(dossier::REVIEWS, &dates, new.date, item)?;
    draft.model.reviews.insert(at, new);
    Ok(())
}
