//! The dossier's parts, read field by field.

use std::collections::HashMap;

use jiff::civil::Date;

use super::*;

/// Reads a whole dossier; `None` when any rule is broken (the problems say which).
pub fn dossier(reader: &mut Reader, root: &Node, expected_slug: &str) -> Option<Dossier> {
    let before = reader.problems.len();
    let f = reader.mapping(root, "dossier", registry::DOSSIER)?;

    let lang = reader.lang;
    let slug = reader.required_text(&f, "slug", "slug");
    if let (Some(slug), Some(node)) = (&slug, f.get("slug"))
        && slug != expected_slug
    {
        let (written, file) = (
            lang.code(format!("slug: {slug}")),
            lang.code(format!("{expected_slug}.yaml")),
        );
        let (fixed, renamed) = (
            lang.code(format!("slug: {expected_slug}")),
            lang.code(format!("{slug}.yaml")),
        );
        reader.error_help(
            node.loc,
            say!(
                lang,
                "{written} does not match the file name {file}",
                "{written} با نام فایل {file} نمی‌خواند"
            ),
            Some(say!(
                lang,
                "write {fixed}, or rename the file to {renamed}",
                "{fixed} بنویسید، یا نام فایل را به {renamed} تغییر دهید"
            )),
        );
    }
    let name = reader
        .required(&f, "name", "name")
        .and_then(|n| names(reader, n));
    let country = reader.required_text(&f, "country", "country");
    if let (Some(code), Some(node)) = (&country, f.get("country"))
        && !country::is_code(code)
    {
        let (value, standard) = (lang.code(code), lang.embed("ISO 3166-1"));
        let help = match country::near(code) {
            Some(near) => {
                let near = lang.code(near);
                say!(lang, "did you mean {near}?", "منظورتان {near} بود؟")
            }
            None => {
                let example = lang.code("ES");
                say!(
                    lang,
                    "use the two capital letters of {standard}, e.g. {example} for Spain",
                    "دو حرف بزرگ لاتینِ {standard} را بنویسید، مثلاً {example} برای اسپانیا"
                )
            }
        };
        reader.error_help(
            node.loc,
            say!(
                lang,
                "{value} is not an {standard} country code",
                "{value} کد کشور معتبری در {standard} نیست"
            ),
            Some(help),
        );
        if let Some(last) = reader.problems.last_mut() {
            last.width = code.chars().count();
        }
    }
    let languages = reader.list(f.get("languages"), "languages", language);
    let relationship = reader
        .required(&f, "relationship", "relationship")
        .and_then(|n| relationship(reader, n));
    let representatives = f
        .get("representatives")
        .and_then(|n| {
            let r = reader.mapping(n, "representatives", registry::REPRESENTATIVES)?;
            Some(Representatives {
                municipality: reader.text(r.get("municipality"), "representatives.municipality"),
                chamber: reader.text(r.get("chamber"), "representatives.chamber"),
            })
        })
        .unwrap_or_default();
    let joint_chamber = reader.text(f.get("joint_chamber"), "joint_chamber");
    let sectors = reader.text_list(f.get("sectors"), "sectors");
    let facilitators = reader.list(f.get("facilitators"), "facilitators", facilitator);
    let contacts = reader.list(f.get("contacts"), "contacts", contact);
    let readiness = f
        .get("readiness")
        .map(|n| readiness(reader, n))
        .unwrap_or_default();
    let actions = reader.list(f.get("actions"), "actions", action);
    let events = reader.list(f.get("events"), "events", event);
    let interactions = reader.list(f.get("interactions"), "interactions", interaction);
    let opportunities = reader.list(f.get("opportunities"), "opportunities", opportunity);
    let reviews = reader.list(f.get("reviews"), "reviews", review);
    let notes = reader.text(f.get("notes"), "notes");

    check_unique_ids(reader, f.get("facilitators"), "facilitator id");
    check_unique_ids(reader, f.get("contacts"), "contact id");
    check_unique_ids(reader, f.get("actions"), "action id");
    check_unique_ids(reader, f.get("opportunities"), "opportunity id");
    check_unique_ids(reader, f.get("events"), "event id");
    check_with(reader, f.get("interactions"), &facilitators, &contacts);
    check_with(reader, f.get("events"), &facilitators, &contacts);

    if reader.problems.len() > before {
        return None;
    }
    Some(Dossier {
        slug: slug?,
        name: name?,
        country: country?,
        languages,
        relationship: relationship?,
        representatives,
        joint_chamber,
        sectors,
        facilitators,
        contacts,
        readiness,
        actions,
        events,
        interactions,
        opportunities,
        reviews,
        notes,
        extra: f.extras(),
    })
}

pub fn names(reader: &mut Reader, node: &Node) -> Option<Names> {
    let f = reader.mapping(node, "name", registry::NAME)?;
    Some(Names {
        en: reader.required_text(&f, "en", "name.en")?,
        fa: reader.text(f.get("fa"), "name.fa"),
        local: reader.text(f.get("local"), "name.local"),
    })
}

/// One of the city's `languages`: a language code (`es`, `zh-Hant`), as the people who speak
/// it are matched by; a language's name (`Spanish`) would match no one.
fn language(reader: &mut Reader, node: &Node) -> Option<String> {
    let text = reader.text(Some(node), "languages")?;
    if languages::is_language_code(&text) {
        return Some(text);
    }
    let lang = reader.lang;
    let (value, field) = (lang.code(&text), reader.named("languages"));
    let example = lang.code("[es, ca]");
    reader
        .error_help(
            node.loc,
            say!(
                lang,
                "{value} in {field} is not a language code",
                "{value} در {field} کد زبان نیست"
            ),
            Some(say!(
                lang,
                "write each language by its code (ISO 639), e.g. {example} for Spanish and Catalan",
                "هر زبان را با کدش (ISO 639) بنویسید، مثلاً {example} برای اسپانیایی و کاتالان"
            )),
        )
        .width = text.chars().count();
    None
}

fn relationship(reader: &mut Reader, node: &Node) -> Option<Relationship> {
    let f = reader.mapping(node, "relationship", registry::RELATIONSHIP)?;
    let kind = reader.required_vocab(&f, "kind", "relationship kind");
    let status = reader.required_vocab(&f, "status", "relationship status");
    let signed = f.get("signed").and_then(|n| signed(reader, n));
    Some(Relationship {
        kind: kind?,
        status: status?,
        signed,
        expires: reader.date(f.get("expires"), "relationship.expires"),
        notes: reader.text(f.get("notes"), "relationship.notes"),
        sources: reader.text_list(f.get("sources"), "relationship.sources"),
        history: {
            let history = reader.list(f.get("history"), "relationship.history", status_change);
            let dates: Vec<Date> = history.iter().map(|h| h.date).collect();
            check_chronological(reader, f.get("history"), &dates, "relationship.history");
            history
        },
    })
}

/// `relationship.signed`: a full date, or only the month or year where that is all that is known.
fn signed(reader: &mut Reader, node: &Node) -> Option<PartialDate> {
    let year_ok = |y: i128| (1900..=2200).contains(&y);
    match &node.value {
        Value::Int(y) if year_ok(*y) => i16::try_from(*y).ok().map(PartialDate::Year),
        Value::Str(s) if s.len() == 4 && s.parse::<i128>().is_ok_and(year_ok) => {
            s.parse().ok().map(PartialDate::Year)
        }
        Value::Str(s) if s.len() == 7 => {
            let month = s
                .split_once('-')
                .and_then(|(y, m)| Some((y.parse::<i16>().ok()?, m.parse::<i8>().ok()?)))
                .filter(|(y, m)| year_ok((*y).into()) && (1..=12).contains(m));
            if month.is_none() {
                let lang = reader.lang;
                let (value, field) = (lang.code(s), lang.code("relationship.signed"));
                let shapes = [
                    lang.embed("YYYY-MM-DD"),
                    lang.embed("YYYY-MM"),
                    lang.embed("YYYY"),
                ];
                let [day, month, year] = &shapes;
                reader.error_help(
                    node.loc,
                    say!(
                        lang,
                        "{value} in {field} is not a valid month",
                        "{value} در {field} ماه معتبری نیست"
                    ),
                    Some(say!(
                        lang,
                        "write {day}, {month} or {year}",
                        "به شکل {day}، {month} یا {year} بنویسید"
                    )),
                );
            }
            month.map(|(y, m)| PartialDate::Month(y, m))
        }
        _ => reader
            .date(Some(node), "relationship.signed")
            .map(PartialDate::Day),
    }
}

fn facilitator(reader: &mut Reader, node: &Node) -> Option<Facilitator> {
    let f = reader.mapping(node, "facilitators[]", registry::FACILITATOR)?;
    let id = reader.required_id(&f, "id", "facilitator id");
    let name = reader.required_text(&f, "name", "facilitator name");
    let status = reader.required_vocab(&f, "status", "facilitator status");
    let facilitator = Facilitator {
        id: id?,
        name: name?,
        name_fa: reader.text(f.get("name_fa"), "name_fa"),
        languages: reader.text_list(f.get("languages"), "languages"),
        expertise: reader.text_list(f.get("expertise"), "expertise"),
        connection: reader.text(f.get("connection"), "connection"),
        status: status?,
        since: reader.date(f.get("since"), "since"),
        follow_up_days: reader.days(f.get("follow_up_days"), "follow_up_days"),
        contact: f
            .get("contact")
            .and_then(|n| contact_details(reader, n))
            .unwrap_or_default(),
    };
    Some(facilitator)
}

pub(super) fn contact_details(reader: &mut Reader, node: &Node) -> Option<ContactDetails> {
    let f = reader.mapping(node, "contact", registry::DETAILS)?;
    Some(ContactDetails {
        email: reader.text(f.get("email"), "contact.email"),
        phone: reader.text(f.get("phone"), "contact.phone"),
    })
}

fn contact(reader: &mut Reader, node: &Node) -> Option<Contact> {
    let f = reader.mapping(node, "contacts[]", registry::CONTACT)?;
    let id = reader.required_id(&f, "id", "contact id");
    let name = reader.required_text(&f, "name", "contact name");
    let role = reader.required_vocab(&f, "role", "contact role");
    Some(Contact {
        id: id?,
        name: name?,
        role: role?,
        organization: reader.text(f.get("organization"), "organization"),
        languages: reader.text_list(f.get("languages"), "languages"),
        follow_up_days: reader.days(f.get("follow_up_days"), "follow_up_days"),
        contact: f
            .get("contact")
            .and_then(|n| contact_details(reader, n))
            .unwrap_or_default(),
    })
}

fn readiness(reader: &mut Reader, node: &Node) -> Readiness {
    let mut readiness = Readiness::default();
    let Some(f) = reader.mapping(node, "readiness", Requirement::all_slugs()) else {
        return readiness;
    };
    for &requirement in Requirement::ALL {
        let Some(item) = f.get(requirement.slug()) else {
            continue;
        };
        let what = format!("readiness.{}", requirement.slug());
        let Some(g) = reader.mapping(item, &what, registry::ASSESSMENT) else {
            continue;
        };
        let status = reader.required_vocab(&g, "status", "readiness status");
        let evidence = reader.text(g.get("evidence"), "evidence");
        let assessed = reader.date(g.get("assessed"), "assessed");
        if let Some(status) = status {
            *readiness.slot_mut(requirement) = Some(Assessment {
                status,
                evidence,
                assessed,
            });
        }
    }
    readiness
}

fn action(reader: &mut Reader, node: &Node) -> Option<Action> {
    let f = reader.mapping(node, "actions[]", registry::ACTION)?;
    let id = reader.required_id(&f, "id", "action id");
    let title = reader.required_text(&f, "title", "action title");
    let owner = reader.required_vocab(&f, "owner", "action owner");
    let status = reader.required_vocab(&f, "status", "action status");
    let due = reader.date(f.get("due"), "due");
    let done = reader.date(f.get("done"), "done");
    if status == Some(ActionStatus::Done) && f.get("done").is_none() {
        let at = f.get("status").map_or(f.loc, |n| n.loc);
        let lang = reader.lang;
        let action = lang.code(id.as_deref().unwrap_or("?"));
        let (done, key) = (lang.code("done"), lang.code("done:"));
        let (line, command) = (
            lang.code("done: YYYY-MM-DD"),
            lang.code("diplomat action done CITY ID"),
        );
        reader.error_help(
            at,
            say!(
                lang,
                "action {action} is {done} but has no {key} date",
                "اقدام {action} {done} است اما تاریخ {key} ندارد"
            ),
            Some(say!(
                lang,
                "add {line}, or use {command}",
                "{line} را بیفزایید، یا از {command} استفاده کنید"
            )),
        );
    }
    Some(Action {
        id: id?,
        title: title?,
        owner: owner?,
        due,
        status: status?,
        done,
    })
}

fn event(reader: &mut Reader, node: &Node) -> Option<Event> {
    let f = reader.mapping(node, "events[]", registry::EVENT)?;
    let id = reader.required_id(&f, "id", "event id");
    let date = reader.required_date(&f, "date", "event date");
    let end = reader.date(f.get("end"), "end");
    let time = f.get("time").and_then(|n| time(reader, n));
    let kind = reader.required_vocab(&f, "kind", "event kind");
    let title = reader.required_text(&f, "title", "event title");
    let place = reader.text(f.get("place"), "place");
    let with = reader.text_list(f.get("with"), "with");
    let status = reader.required_vocab(&f, "status", "event status");
    let notes = reader.text(f.get("notes"), "notes");
    if let (Some(date), Some(end), Some(node)) = (date, end, f.get("end"))
        && end < date
    {
        let lang = reader.lang;
        let (end, key, date) = (lang.code(end), lang.code("date"), lang.code(date));
        let field = reader.named("end");
        let own = lang.code("end");
        reader
            .error_help(
                node.loc,
                say!(
                    lang,
                    "{field} {end} is before the event's {key} {date}",
                    "{field} {end} پیش از {key} رویداد ({date}) است"
                ),
                Some(say!(
                    lang,
                    "an event ends on or after the day it begins: correct either date, or leave out {own} for an event of one day",
                    "رویداد در همان روزِ آغاز یا پس از آن پایان می‌یابد: یکی از دو تاریخ را درست کنید، یا برای رویداد یک‌روزه {own} را بردارید"
                )),
            )
            .width = "YYYY-MM-DD".len();
    }
    Some(Event {
        id: id?,
        date: date?,
        end,
        time,
        kind: kind?,
        title: title?,
        place,
        with,
        status: status?,
        notes,
    })
}

/// An event's `time`: `HH:MM` on a 24-hour clock. YAML 1.2 reads `10:30` as text; a number
/// (`1030`, `10.30`) is an error with the shape to write.
fn time(reader: &mut Reader, node: &Node) -> Option<TimeOfDay> {
    let lang = reader.lang;
    let text = match &node.value {
        Value::Null => return None,
        Value::Str(s) => s.trim().to_owned(),
        Value::Seq(_) | Value::Map(_) => {
            let (field, found) = (reader.named("time"), node.value.kind(lang));
            let shape = lang.embed("HH:MM");
            reader.error(
                node.loc,
                say!(
                    lang,
                    "{field} should be a time ({shape}), found {found}",
                    "{field} باید ساعت ({shape}) باشد، اما {found} آمده است"
                ),
            );
            return None;
        }
        _ => node.key_text(),
    };
    if let Some(time) = TimeOfDay::parse(&text) {
        return Some(time);
    }
    let (value, field) = (lang.code(&text), reader.named("time"));
    let (shape, example) = (lang.embed("HH:MM"), lang.code("09:30"));
    reader.error_help(
        node.loc,
        say!(
            lang,
            "{value} in {field} is not a time of day",
            "{value} در {field} ساعت معتبری نیست"
        ),
        Some(say!(
            lang,
            "write the time as {shape} on a 24-hour clock, Isfahan time, e.g. {example}",
            "ساعت را به شکل {shape} در قالب ۲۴ ساعته و به وقت اصفهان بنویسید، مثلاً {example}"
        )),
    );
    if let Some(last) = reader.problems.last_mut() {
        last.width = text.chars().count();
    }
    None
}

fn interaction(reader: &mut Reader, node: &Node) -> Option<Interaction> {
    let f = reader.mapping(node, "interactions[]", registry::INTERACTION)?;
    let date = reader.required_date(&f, "date", "interaction date");
    let kind = reader.required_vocab(&f, "kind", "interaction kind");
    let title = reader.required_text(&f, "title", "interaction title");
    let with = reader.text_list(f.get("with"), "with");
    Some(Interaction {
        date: date?,
        kind: kind?,
        title: title?,
        with,
        summary: reader.text(f.get("summary"), "summary"),
    })
}

fn opportunity(reader: &mut Reader, node: &Node) -> Option<Opportunity> {
    let f = reader.mapping(node, "opportunities[]", registry::OPPORTUNITY)?;
    let id = reader.required_id(&f, "id", "opportunity id");
    let title = reader.required_text(&f, "title", "opportunity title");
    let sector = reader.required_text(&f, "sector", "opportunity sector");
    let stage = reader.required_vocab(&f, "stage", "opportunity stage");
    let lead = reader.vocab(f.get("lead"), "opportunity lead");
    let history = reader.list(f.get("history"), "history", stage_change);
    let dates: Vec<Date> = history.iter().map(|h| h.date).collect();
    check_chronological(reader, f.get("history"), &dates, "history");
    Some(Opportunity {
        id: id?,
        title: title?,
        sector: sector?,
        stage: stage?,
        lead,
        history,
    })
}

fn status_change(reader: &mut Reader, node: &Node) -> Option<StatusChange> {
    let f = reader.mapping(node, "relationship.history[]", registry::STATUS_CHANGE)?;
    let status = reader.required_vocab(&f, "status", "relationship status");
    let date = reader.required_date(&f, "date", "history date");
    let from = reader.vocab(f.get("from"), "relationship status");
    Some(StatusChange {
        status: status?,
        date: date?,
        from,
    })
}

fn stage_change(reader: &mut Reader, node: &Node) -> Option<StageChange> {
    let f = reader.mapping(node, "opportunities[].history[]", registry::STAGE_CHANGE)?;
    let stage = reader.required_vocab(&f, "stage", "opportunity stage");
    let date = reader.required_date(&f, "date", "history date");
    let from = reader.vocab(f.get("from"), "opportunity stage");
    Some(StageChange {
        stage: stage?,
        date: date?,
        from,
    })
}

fn review(reader: &mut Reader, node: &Node) -> Option<Review> {
    let f = reader.mapping(node, "reviews[]", registry::REVIEW)?;
    let date = reader.required_date(&f, "date", "review date");
    let participants = reader.text_list(f.get("participants"), "participants");
    let outcome = reader.required_text(&f, "outcome", "review outcome");
    Some(Review {
        date: date?,
        participants,
        outcome: outcome?,
    })
}

/// A history is kept oldest first, as the commands append to it and the reports read it: an
/// entry dated before the one above it is an error at its date. Checked only when every entry
/// was read (`dates` one per item).
fn check_chronological(reader: &mut Reader, list: Option<&Node>, dates: &[Date], what: &str) {
    let Some(Value::Seq(items)) = list.map(|n| &n.value) else {
        return;
    };
    if items.len() != dates.len() {
        return;
    }
    let Some(i) = (1..dates.len()).find(|&i| dates[i] < dates[i - 1]) else {
        return;
    };
    let at = items[i].get("date").map_or(items[i].loc, |n| n.loc);
    let lang = reader.lang;
    let (field, date, above) = (
        reader.named(what),
        lang.code(dates[i]),
        lang.code(dates[i - 1]),
    );
    reader.error_help(
        at,
        say!(
            lang,
            "{field} is not in date order: {date} comes after {above}",
            "{field} به ترتیب تاریخ نیست: {date} پس از {above} آمده است"
        ),
        Some(
            lang.pick(
                "a history is kept oldest first: move the entry up to its place",
                "تاریخچه از قدیم به جدید نگه داشته می‌شود: این مورد را به جای خودش ببرید",
            )
            .to_owned(),
        ),
    );
}

/// Ids within one list must be unique; the second use is the error, pointing back at the first.
pub(super) fn check_unique_ids(reader: &mut Reader, list: Option<&Node>, what: &str) {
    let Some(Value::Seq(items)) = list.map(|n| &n.value) else {
        return;
    };
    let mut seen: HashMap<&str, Loc> = HashMap::new();
    for id_node in items.iter().filter_map(|item| item.get("id")) {
        let Some(id) = id_node.as_str() else { continue };
        if let Some(first) = seen.get(id) {
            let message = reader.duplicate(id, what);
            let lang = reader.lang;
            let (value, line) = (lang.code(id), lang.num(first.line));
            let help = say!(
                lang,
                "{value} is already used on line {line}; ids must be unique",
                "{value} پیش‌تر در سطر {line} آمده است؛ شناسه‌ها باید یکتا باشند"
            );
            reader.error_help(id_node.loc, message, Some(help));
        } else {
            seen.insert(id, id_node.loc);
        }
    }
}

/// `with:` must name people the dossier knows, so the log stays linked to real entries.
fn check_with(
    reader: &mut Reader,
    list: Option<&Node>,
    facilitators: &[Facilitator],
    contacts: &[Contact],
) {
    let Some(Value::Seq(items)) = list.map(|n| &n.value) else {
        return;
    };
    let known: Vec<&str> = facilitators
        .iter()
        .map(|f| f.id.as_str())
        .chain(contacts.iter().map(|c| c.id.as_str()))
        .collect();
    let lang = reader.lang;
    for with in items.iter().filter_map(|item| item.get("with")) {
        let Value::Seq(people) = &with.value else {
            continue;
        };
        for person in people {
            let Some(id) = person.as_str() else { continue };
            if known.contains(&id) {
                continue;
            }
            let help = match reader.did_you_mean(id, known.iter().copied()) {
                Some(near) => near,
                None if known.is_empty() => {
                    let (f, c) = (lang.code("facilitators:"), lang.code("contacts:"));
                    say!(
                        lang,
                        "add the person under {f} or {c} first",
                        "نخست این فرد را زیر {f} یا {c} بیفزایید"
                    )
                }
                None => {
                    let people = reader.list_of(&known);
                    say!(lang, "known people: {people}", "افراد شناخته: {people}")
                }
            };
            let (key, value) = (lang.code("with"), lang.code(id));
            reader.error_help(
                person.loc,
                say!(
                    lang,
                    "{key} names {value}, who is not a facilitator or contact of this dossier",
                    "{key} از {value} نام می‌برد، که تسهیل‌گر یا رابط این پرونده نیست"
                ),
                Some(help),
            );
        }
    }
}
