//! `diplomat.yaml`, read with the same located problems as a dossier.

use super::*;
use crate::model::vocab::PersonRole;

/// Reads `diplomat.yaml`.
pub fn settings(reader: &mut Reader, root: &Node) -> Settings {
    let mut settings = Settings::default();
    let Some(f) = reader.mapping(
        root,
        "diplomat.yaml",
        &[
            "home_city",
            "language",
            "calendar",
            "week_start",
            "stale_after_days",
            "auto_commit",
            "follow_up_days",
            "renew_notice_days",
            "report",
        ],
    ) else {
        return settings;
    };
    if let Some(node) = f.get("report") {
        settings.report = report_mail(reader, node);
    }
    if let Some(home) = f.get("home_city").and_then(|n| names(reader, n)) {
        settings.home_city = home;
    }
    if let Some(lang) = setting_choice(
        reader,
        f.get("language"),
        "language",
        &[("en", Lang::En), ("fa", Lang::Fa)],
    ) {
        settings.language = lang;
    }
    use crate::calendar::{Calendar, WeekStart};
    if let Some(cal) = setting_choice(
        reader,
        f.get("calendar"),
        "calendar",
        &[
            ("gregorian", Calendar::Gregorian),
            ("jalali", Calendar::Jalali),
        ],
    ) {
        settings.calendar = cal;
    }
    if let Some(day) = setting_choice(
        reader,
        f.get("week_start"),
        "week_start",
        &[
            ("saturday", WeekStart::Saturday),
            ("sunday", WeekStart::Sunday),
            ("monday", WeekStart::Monday),
            ("tuesday", WeekStart::Tuesday),
            ("wednesday", WeekStart::Wednesday),
            ("thursday", WeekStart::Thursday),
            ("friday", WeekStart::Friday),
        ],
    ) {
        settings.week_start = day;
    }
    let lang = reader.lang;
    if let Some(node) = f.get("stale_after_days") {
        match node.value {
            Value::Int(n) if (1..=3650).contains(&n) => settings.stale_after_days = n as u32,
            _ => {
                let (key, low, high) = (lang.code("stale_after_days"), lang.num(1), lang.num(3650));
                reader.error(
                    node.loc,
                    say!(
                        lang,
                        "{key} should be a whole number of days from {low} to {high}",
                        "{key} باید شمار روزها باشد، عددی صحیح از {low} تا {high}"
                    ),
                );
            }
        }
    }
    if let Some(node) = f.get("follow_up_days") {
        follow_up_days(reader, node, &mut settings.follow_up_days);
    }
    if let Some(days) = reader.days(f.get("renew_notice_days"), "renew_notice_days") {
        settings.renew_notice_days = days;
    }
    if let Some(node) = f.get("auto_commit") {
        match node.value {
            Value::Bool(b) => settings.auto_commit = b,
            _ => {
                let (key, yes, no) = (
                    lang.code("auto_commit"),
                    lang.code("true"),
                    lang.code("false"),
                );
                reader.error(
                    node.loc,
                    say!(
                        lang,
                        "{key} should be {yes} or {no}",
                        "{key} باید {yes} یا {no} باشد"
                    ),
                );
            }
        }
    }
    settings
}

/// `follow_up_days:` in `diplomat.yaml`: days by role (`embassy-counsellor: 45`); the roles it
/// names override their defaults, the others keep them.
fn follow_up_days(reader: &mut Reader, node: &Node, days: &mut BTreeMap<PersonRole, u32>) {
    let roles: Vec<&str> = PersonRole::slugs().collect();
    let Some(f) = reader.mapping(node, "follow_up_days", &roles) else {
        return;
    };
    for role in PersonRole::ALL {
        let what = format!("follow_up_days.{}", role.slug());
        if let Some(n) = reader.days(f.get(role.slug()), &what) {
            days.insert(*role, n);
        }
    }
}

/// `report:` in `diplomat.yaml`: `from`, `to: [...]`, `cc: [...]`, each address located when
/// it is not one.
fn report_mail(reader: &mut Reader, node: &Node) -> ReportMail {
    let mut mail = ReportMail::default();
    let Some(f) = reader.mapping(node, "report", &["from", "to", "cc"]) else {
        return mail;
    };
    mail.from = f
        .get("from")
        .and_then(|n| mailbox(reader, n, "report.from"));
    for (key, list) in [("to", &mut mail.to), ("cc", &mut mail.cc)] {
        let what = format!("report.{key}");
        let Some(node) = f.get(key) else { continue };
        // One address may be written without the brackets of a list.
        if let Value::Str(_) = node.value {
            list.extend(mailbox(reader, node, &what));
            continue;
        }
        *list = reader.list(Some(node), &what, |r, n| mailbox(r, n, &what));
    }
    mail
}

fn mailbox(reader: &mut Reader, node: &Node, what: &str) -> Option<Mailbox> {
    let text = reader.text(Some(node), what)?;
    match Mailbox::parse(&text) {
        Ok(mailbox) => Some(mailbox),
        Err(why) => {
            let lang = reader.lang;
            let (field, value, why) = (reader.named(what), lang.code(&text), why.words(lang));
            reader.error(
                node.loc,
                say!(lang, "{field}: {value} {why}", "{field}: {value} {why}"),
            );
            None
        }
    }
}

fn setting_choice<T: Copy>(
    reader: &mut Reader,
    node: Option<&Node>,
    what: &str,
    choices: &[(&str, T)],
) -> Option<T> {
    let node = node?;
    let text = reader.text(Some(node), what)?;
    let found = choices
        .iter()
        .find(|(name, _)| *name == text.to_lowercase());
    if found.is_none() {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let lang = reader.lang;
        let (value, key) = (lang.code(&text), lang.code(what));
        let message = say!(
            lang,
            "{value} is not a valid {key}",
            "{value} برای {key} معتبر نیست"
        );
        let help = reader.one_of(&names);
        reader.error_help(node.loc, message, Some(help));
    }
    found.map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn read(text: &str) -> (Settings, Vec<String>) {
        let shown = Path::new("diplomat.yaml");
        let tree = crate::yaml::parse(shown, text.as_bytes(), Lang::En)
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("{text:?} is not YAML"));
        let mut reader = Reader::new(shown, text, Lang::En);
        let settings = settings(&mut reader, &tree);
        let problems = reader
            .problems
            .iter()
            .map(|p| {
                let at = p.loc.map(|l| (l.line, l.column)).unwrap_or_default();
                let help = p
                    .help
                    .as_deref()
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                format!("{}:{}: {}{help}", at.0, at.1, p.message)
            })
            .collect();
        (settings, problems)
    }

    #[test]
    fn follow_up_days_override_only_the_roles_they_name() {
        let (s, problems) =
            read("follow_up_days: {embassy-counsellor: 45, other: 7}\nrenew_notice_days: 30\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.follow_up_after(PersonRole::EmbassyCounsellor), 45);
        assert_eq!(s.follow_up_after(PersonRole::Other), 7);
        assert_eq!(s.follow_up_after(PersonRole::Facilitator), 30);
        assert_eq!(s.follow_up_after(PersonRole::Expert), 120);
        assert_eq!(s.renew_notice_days, 30);
        assert_eq!(Settings::default().renew_notice_days, 90);
    }

    #[test]
    fn a_role_or_a_number_of_days_that_is_not_one_is_located() {
        let (s, problems) = read(
            "follow_up_days:\n  embassy-counselor: 45\n  expert: -1\nrenew_notice_days: soon\n",
        );
        assert_eq!(s.follow_up_after(PersonRole::Expert), 120);
        assert_eq!(
            problems,
            [
                "2:3: unknown key `embassy-counselor` in `follow_up_days` (did you mean `embassy-counsellor`?)",
                "3:11: `follow_up_days.expert` should be a whole number of days from 0 to 3650",
                "4:20: `renew_notice_days` should be a whole number of days from 0 to 3650",
            ],
        );
    }
}
