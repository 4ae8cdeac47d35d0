//! Renewals: a relationship whose agreement ends (`relationship.expires`) is to be renewed
//! from `renew_notice_days` before that day (issue 28.4).

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::model::{Dossier, Settings};

/// One agreement to renew.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Renewal {
    /// The city's slug.
    pub city: String,
    /// The day the agreement ends.
    pub expires: Date,
    /// The day its renewal is due: `renew_notice_days` before `expires`.
    pub notice_from: Date,
}

impl Renewal {
    pub fn of(d: &Dossier, settings: &Settings) -> Option<Renewal> {
        let expires = d.relationship.expires?;
        Some(Renewal {
            city: d.slug.clone(),
            expires,
            notice_from: expires.saturating_sub(i64::from(settings.renew_notice_days).days()),
        })
    }
}

/// Every dossier's renewal (each one with `expires`), by the day it ends, then city.
pub fn upcoming<'a>(
    dossiers: impl IntoIterator<Item = &'a Dossier>,
    settings: &Settings,
) -> Vec<Renewal> {
    let mut all: Vec<Renewal> = dossiers
        .into_iter()
        .filter_map(|d| Renewal::of(d, settings))
        .collect();
    all.sort_by(|a, b| (a.expires, &a.city).cmp(&(b.expires, &b.city)));
    all
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::Names;

    fn city(slug: &str, expires: Option<Date>) -> Dossier {
        let name = Names {
            en: slug.to_owned(),
            fa: None,
            local: None,
        };
        let mut d = Dossier::new(slug, name, "ES");
        d.relationship.expires = expires;
        d
    }

    #[test]
    fn each_agreement_that_ends_is_renewed_from_its_notice_day_in_order() {
        let a = city("kazan", Some(date(2027, 3, 1)));
        let b = city("barcelona", Some(date(2027, 2, 1)));
        let none = city("porto", None);
        let mut settings = Settings::default();
        assert_eq!(
            upcoming([&a, &none, &b], &settings),
            vec![
                Renewal {
                    city: "barcelona".into(),
                    expires: date(2027, 2, 1),
                    notice_from: date(2026, 11, 3),
                },
                Renewal {
                    city: "kazan".into(),
                    expires: date(2027, 3, 1),
                    notice_from: date(2026, 12, 1),
                },
            ]
        );
        settings.renew_notice_days = 0;
        let r = upcoming([&a], &settings);
        assert_eq!(r[0].notice_from, r[0].expires);
    }
}
