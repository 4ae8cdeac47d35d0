//! The keys of every mapping of a dossier, in schema order: what the reader accepts, where
//! `fmt` puts them, and where a write creates a missing one.
//!
//! Each record's keys are declared once, here: the list (`FACILITATOR`) that the reader, `fmt`
//! and the writers read, and a constant per key (`facilitator::NAME`) that a setter names the
//! field by. A setter cannot name a key its record does not have, nor put it out of order: a
//! misspelt field does not compile, and a test holds every list to the model's schema.

/// One key of a record's mapping, with the record's keys in order (where a missing one goes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub order: &'static [&'static str],
}

macro_rules! record {
    ($(#[$doc:meta])* $list:ident, $module:ident { $($konst:ident = $key:literal),* $(,)? }) => {
        $(#[$doc])*
        pub const $list: &[&str] = &[$($key),*];

        #[allow(dead_code)]
        pub mod $module {
            use super::Key;
            $(pub const $konst: Key = Key { name: $key, order: super::$list };)*
        }
    };
}

record!(
    /// The top level of a dossier.
    DOSSIER, dossier {
        SLUG = "slug",
        NAME = "name",
        COUNTRY = "country",
        LANGUAGES = "languages",
        RELATIONSHIP = "relationship",
        REPRESENTATIVES = "representatives",
        JOINT_CHAMBER = "joint_chamber",
        SECTORS = "sectors",
        FACILITATORS = "facilitators",
        CONTACTS = "contacts",
        READINESS = "readiness",
        ACTIONS = "actions",
        EVENTS = "events",
        INTERACTIONS = "interactions",
        OPPORTUNITIES = "opportunities",
        REVIEWS = "reviews",
        NOTES = "notes",
    }
);
record!(NAME, name { EN = "en", FA = "fa", LOCAL = "local" });
record!(RELATIONSHIP, relationship {
    KIND = "kind",
    STATUS = "status",
    SIGNED = "signed",
    EXPIRES = "expires",
    NOTES = "notes",
    SOURCES = "sources",
    HISTORY = "history",
});
record!(STATUS_CHANGE, status_change { STATUS = "status", DATE = "date", FROM = "from" });
record!(REPRESENTATIVES, representatives { MUNICIPALITY = "municipality", CHAMBER = "chamber" });
record!(FACILITATOR, facilitator {
    ID = "id",
    NAME = "name",
    NAME_FA = "name_fa",
    LANGUAGES = "languages",
    EXPERTISE = "expertise",
    CONNECTION = "connection",
    STATUS = "status",
    SINCE = "since",
    FOLLOW_UP_DAYS = "follow_up_days",
    CONTACT = "contact",
});
record!(CONTACT, contact {
    ID = "id",
    NAME = "name",
    ROLE = "role",
    ORGANIZATION = "organization",
    LANGUAGES = "languages",
    FOLLOW_UP_DAYS = "follow_up_days",
    CONTACT = "contact",
});
record!(DETAILS, details { EMAIL = "email", PHONE = "phone" });
record!(READINESS, readiness {
    COMMUNICATION = "communication",
    INTERNATIONAL_ENVIRONMENT = "international_environment",
    DIPLOMATIC_SUPPORT = "diplomatic_support",
    INVESTMENT_READINESS = "investment_readiness",
    BRANDING = "branding",
    INTERNATIONAL_CAPACITY = "international_capacity",
});

/// The key of a requirement's assessment under `readiness:`.
pub fn requirement(r: crate::model::vocab::Requirement) -> Key {
    Key {
        name: r.slug(),
        order: READINESS,
    }
}
record!(ASSESSMENT, assessment { STATUS = "status", EVIDENCE = "evidence", ASSESSED = "assessed" });
record!(ACTION, action {
    ID = "id",
    TITLE = "title",
    OWNER = "owner",
    DUE = "due",
    STATUS = "status",
    DONE = "done",
});
record!(EVENT, event {
    ID = "id",
    DATE = "date",
    END = "end",
    TIME = "time",
    KIND = "kind",
    TITLE = "title",
    PLACE = "place",
    WITH = "with",
    STATUS = "status",
    NOTES = "notes",
});
record!(INTERACTION, interaction {
    DATE = "date",
    KIND = "kind",
    TITLE = "title",
    WITH = "with",
    SUMMARY = "summary",
});
record!(OPPORTUNITY, opportunity {
    ID = "id",
    TITLE = "title",
    SECTOR = "sector",
    STAGE = "stage",
    LEAD = "lead",
    HISTORY = "history",
});
record!(STAGE_CHANGE, stage_change { STAGE = "stage", DATE = "date", FROM = "from" });
record!(REVIEW, review { DATE = "date", PARTICIPANTS = "participants", OUTCOME = "outcome" });
record!(
    /// The top level of `pool.yaml`.
    POOL, pool { CANDIDATES = "candidates" }
);
record!(CANDIDATE, candidate {
    ID = "id",
    NAME = "name",
    NAME_FA = "name_fa",
    LANGUAGES = "languages",
    EXPERTISE = "expertise",
    CONNECTION = "connection",
    INTERESTS = "interests",
    SIGNED_UP = "signed_up",
    SOURCE = "source",
    CONTACT = "contact",
    NOTES = "notes",
});

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema node's property names, sorted.
    fn properties(node: &serde_json::Value) -> Vec<String> {
        let mut keys: Vec<String> = node["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = list.iter().map(|k| (*k).to_owned()).collect();
        keys.sort();
        keys
    }

    /// Each record's keys, in the model's own schema: a key declared here and not there (or
    /// the other way) fails, whichever side was misspelt.
    #[test]
    fn every_record_has_the_keys_of_its_schema() {
        let schema = serde_json::to_value(crate::model::schema()).unwrap_or_default();
        assert_eq!(properties(&schema), sorted(DOSSIER), "the dossier");
        for r in crate::model::vocab::Requirement::ALL {
            assert!(READINESS.contains(&r.slug()), "{}", r.slug());
        }
        let defs: Vec<String> = schema["definitions"]
            .as_object()
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default();
        for (def, list) in [
            ("Names", NAME),
            ("Relationship", RELATIONSHIP),
            ("StatusChange", STATUS_CHANGE),
            ("Representatives", REPRESENTATIVES),
            ("Facilitator", FACILITATOR),
            ("Contact", CONTACT),
            ("ContactDetails", DETAILS),
            ("Readiness", READINESS),
            ("Assessment", ASSESSMENT),
            ("Action", ACTION),
            ("Event", EVENT),
            ("Interaction", INTERACTION),
            ("Opportunity", OPPORTUNITY),
            ("StageChange", STAGE_CHANGE),
            ("Review", REVIEW),
        ] {
            assert!(
                defs.contains(&def.to_owned()),
                "no `{def}` in the schema: {defs:?}"
            );
            assert_eq!(
                properties(&schema["definitions"][def]),
                sorted(list),
                "`{def}`"
            );
        }
    }

    /// The pool's keys, held to its schema as the dossier's are.
    #[test]
    fn the_pool_has_the_keys_of_its_schema() {
        let schema = serde_json::to_value(crate::model::pool_schema()).unwrap_or_default();
        assert_eq!(properties(&schema), sorted(POOL), "the pool");
        let defs = &schema["definitions"];
        assert_eq!(properties(&defs["Candidate"]), sorted(CANDIDATE));
        assert_eq!(properties(&defs["ContactDetails"]), sorted(DETAILS));
        // A candidate is a facilitator's fields, plus what only the pool keeps.
        for key in FACILITATOR {
            assert!(
                CANDIDATE.contains(key) || ["status", "since", "follow_up_days"].contains(key),
                "{key}"
            );
        }
    }
}
