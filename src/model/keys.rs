//! The keys of every mapping of a dossier, in schema order: what the reader accepts, where
//! `fmt` puts them, and where a write creates a missing one.

pub const DOSSIER: &[&str] = &[
    "slug",
    "name",
    "country",
    "relationship",
    "representatives",
    "joint_chamber",
    "sectors",
    "facilitators",
    "contacts",
    "readiness",
    "actions",
    "interactions",
    "opportunities",
    "reviews",
    "notes",
];
pub const NAME: &[&str] = &["en", "fa", "local"];
pub const RELATIONSHIP: &[&str] = &["kind", "status", "signed", "notes", "sources", "history"];
pub const STATUS_CHANGE: &[&str] = &["status", "date"];
pub const REPRESENTATIVES: &[&str] = &["municipality", "chamber"];
pub const FACILITATOR: &[&str] = &[
    "id",
    "name",
    "name_fa",
    "languages",
    "expertise",
    "connection",
    "status",
    "since",
    "contact",
];
pub const CONTACT: &[&str] = &["id", "name", "role", "organization", "languages", "contact"];
pub const DETAILS: &[&str] = &["email", "phone"];
pub const ASSESSMENT: &[&str] = &["status", "evidence", "assessed"];
pub const ACTION: &[&str] = &["id", "title", "owner", "due", "status", "done"];
pub const INTERACTION: &[&str] = &["date", "kind", "title", "with", "summary"];
pub const OPPORTUNITY: &[&str] = &["id", "title", "sector", "stage", "lead", "history"];
pub const STAGE_CHANGE: &[&str] = &["stage", "date"];
pub const REVIEW: &[&str] = &["date", "participants", "outcome"];
