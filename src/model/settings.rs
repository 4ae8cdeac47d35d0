use serde::Serialize;

use super::Names;
use crate::calendar::{Calendar, WeekStart};
use crate::lang::Lang;

/// `diplomat.yaml`: every key optional.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Settings {
    pub home_city: Names,
    pub language: Lang,
    pub calendar: Calendar,
    pub week_start: WeekStart,
    /// No interaction for longer than this: the city is going cold.
    pub stale_after_days: u32,
    /// Commit every change a write command makes (as `--commit` does).
    pub auto_commit: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            home_city: Names {
                en: "Isfahan".into(),
                fa: Some("اصفهان".into()),
                local: None,
            },
            language: Lang::En,
            calendar: Calendar::Gregorian,
            week_start: WeekStart::Saturday,
            stale_after_days: 90,
            auto_commit: false,
        }
    }
}
