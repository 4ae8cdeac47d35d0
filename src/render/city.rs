//! `city show`: a whole dossier, readable, for a terminal or as Markdown.

use jiff::civil::Date;

use super::{markdown, wrap};
use crate::calendar::{self, Calendar};
use crate::i18n::Lang;
use crate::model::Dossier;
use crate::model::vocab::{EventStatus, ReadinessStatus, Requirement};
use crate::query::followups::FollowUp;
use crate::query::renewals::Renewal;
use crate::text::visible;

/// How many past interactions the page lists.
const RECENT: usize = 10;

/// How a dossier is drawn: for a terminal or as Markdown, in a language and calendar.
pub struct Page {
    pub lang: Lang,
    pub calendar: Calendar,
    /// The day open actions are measured against (overdue or not).
    pub today: Date,
    pub markdown: bool,
    /// Facilitators' and contacts' e-mail addresses and phone numbers, only when asked for.
    pub contacts: bool,
    /// Each person's next follow-up ([`crate::query::followups::next`]), by due day.
    pub follow_ups: Vec<FollowUp>,
    /// The agreement's renewal, when the relationship `expires`.
    pub renewal: Option<Renewal>,
    /// The terminal's width, when known: each line of the page is wrapped to it between
    /// words, its continuation indented under its text ([`wrap::hanging`]). Markdown is
    /// never wrapped.
    pub width: Option<u16>,
}

impl Page {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn date(&self, d: Date) -> String {
        calendar::format_date(d, self.calendar, self.lang)
    }

    fn heading(&self, out: &mut String, en: &str, fa: &str) {
        let title = self.lang().pick(en, fa);
        if self.markdown {
            out.push_str(&format!("\n## {}\n\n", markdown::escape(title)));
        } else {
            out.push_str(&format!("\n{title}\n"));
        }
    }

    /// One line of the page; in Markdown a list item whose text (dossier text and all) is shown
    /// as text. Control characters are escaped in both ([`visible`]): a terminal shows them
    /// instead of obeying them.
    fn line(&self, out: &mut String, text: &str) {
        if self.markdown {
            out.push_str(&format!("- {}\n", markdown::escape(text)));
        } else {
            out.push_str(&format!("  {}\n", visible(text)));
        }
    }

    /// The page. In Persian every piece of dossier text or id that holds Latin letters or
    /// digits is isolated ([`Lang::embed`]) and the punctuation is Persian, so a line such as
    /// `a-7k2m — Send the proposal [مشترک، باز]، موعد ۱۴۰۵/۰۹/۲۴` reads in order. Dossier text
    /// has its control characters escaped ([`visible`]) before it is isolated, so a stray PDI
    /// in it cannot close the isolate around it.
    pub fn render(&self, d: &Dossier) -> String {
        let page = self.page(d);
        match self.width {
            Some(width) if !self.markdown => {
                let mut out = String::with_capacity(page.len() + page.len() / 8);
                for line in wrap::hanging(
                    page.strip_suffix('\n').unwrap_or(&page),
                    usize::from(width),
                    2,
                ) {
                    out.push_str(&line);
                    out.push('\n');
                }
                out
            }
            _ => page,
        }
    }

    /// The page, unwrapped.
    fn page(&self, d: &Dossier) -> String {
        let lang = self.lang();
        let l = |en: &'static str, fa: &'static str| lang.pick(en, fa);
        let t = |text: &str| lang.embed(&visible(text)).into_owned();
        let (comma, semicolon) = (lang.comma(), lang.semicolon());
        let mut out = String::new();
        let names: Vec<String> = {
            let mut v: Vec<&str> = d.name.all().collect();
            v.dedup();
            v.into_iter().map(t).collect()
        };
        let title = format!(
            "{} ({}{comma}{})",
            names.join(" · "),
            t(&d.slug),
            t(&d.country)
        );
        if self.markdown {
            out.push_str(&format!("# {}\n", markdown::escape(&title)));
        } else {
            out.push_str(&format!("{}\n", visible(&title)));
        }

        self.heading(&mut out, "Relationship", "رابطه");
        let r = &d.relationship;
        let mut rel = format!("{}{comma}{}", r.kind.label(lang), r.status.label(lang));
        if let Some(signed) = r.signed {
            rel.push_str(&format!(
                "{semicolon}{} {}",
                l("signed", "امضا"),
                signed.format(self.calendar, self.lang)
            ));
        }
        self.line(&mut out, &rel);
        if let Some(renewal) = &self.renewal {
            self.renewal(&mut out, renewal);
        }
        if let Some(notes) = &r.notes {
            self.line(&mut out, &t(notes));
        }
        for source in &r.sources {
            self.line(&mut out, &format!("{}: {}", l("source", "منبع"), t(source)));
        }
        let reps = &d.representatives;
        let none = || l("not named", "معرفی نشده").to_owned();
        self.line(
            &mut out,
            &format!(
                "{}: {}",
                l("Municipality", "شهرداری"),
                reps.municipality.as_deref().map_or_else(none, t)
            ),
        );
        self.line(
            &mut out,
            &format!(
                "{}: {}",
                l("Chamber", "اتاق بازرگانی"),
                reps.chamber.as_deref().map_or_else(none, t)
            ),
        );
        if let Some(jc) = &d.joint_chamber {
            self.line(
                &mut out,
                &format!("{}: {}", l("joint chamber", "اتاق مشترک"), t(jc)),
            );
        }
        if !d.sectors.is_empty() {
            self.line(
                &mut out,
                &format!(
                    "{}: {}",
                    l("sectors", "بخش‌ها"),
                    lang.join(d.sectors.iter().map(|s| t(s)))
                ),
            );
        }

        let (languages, named) = d.working_languages();
        if !languages.is_empty() {
            let shown = lang.join(
                languages
                    .iter()
                    .map(|c| t(&crate::model::languages::language_label(c, lang))),
            );
            let likely = if named {
                ""
            } else {
                l(" (the country's likely language)", " (زبان محتمل کشور)")
            };
            self.line(
                &mut out,
                &format!("{}: {shown}{likely}", l("languages", "زبان‌ها")),
            );
        }

        self.heading(&mut out, "Facilitators", "تسهیل‌گران");
        if d.facilitators.is_empty() {
            self.line(
                &mut out,
                l(
                    "none yet — finding them is an aim of the programme",
                    "هنوز هیچ — شناسایی تسهیل‌گران از اهداف طرح است",
                ),
            );
        }
        for f in &d.facilitators {
            let mut text = format!("{} — {}", t(&f.id), t(&f.name));
            if let Some(fa) = &f.name_fa {
                text.push_str(&format!(" ({})", t(fa)));
            }
            text.push_str(&format!("{comma}{}", f.status.label(lang)));
            if !f.languages.is_empty() {
                text.push_str(&format!(
                    "{semicolon}{}: {}",
                    l("languages", "زبان‌ها"),
                    lang.join(f.languages.iter().map(|x| t(x)))
                ));
            }
            if !f.expertise.is_empty() {
                text.push_str(&format!(
                    "{semicolon}{}: {}",
                    l("expertise", "تخصص"),
                    lang.join(f.expertise.iter().map(|x| t(x)))
                ));
            }
            if let Some(c) = &f.connection {
                text.push_str(&format!("{semicolon}{}", t(c)));
            }
            if self.contacts {
                for detail in [&f.contact.email, &f.contact.phone].into_iter().flatten() {
                    text.push_str(&format!("{semicolon}{}", t(detail)));
                }
            }
            self.line(&mut out, &text);
        }

        if !d.contacts.is_empty() {
            self.heading(&mut out, "Contacts", "رابط‌ها");
            for c in &d.contacts {
                let mut text =
                    format!("{} — {}{comma}{}", t(&c.id), t(&c.name), c.role.label(lang));
                if let Some(org) = &c.organization {
                    text.push_str(&format!("{comma}{}", t(org)));
                }
                if self.contacts {
                    for detail in [&c.contact.email, &c.contact.phone].into_iter().flatten() {
                        text.push_str(&format!("{semicolon}{}", t(detail)));
                    }
                }
                self.line(&mut out, &text);
            }
        }

        if !self.follow_ups.is_empty() {
            self.follow_ups(&mut out, d);
        }

        self.heading(&mut out, "Readiness", "آمادگی");
        for &req in Requirement::ALL {
            let assessment = d.readiness.get(req);
            let status = assessment.map_or(ReadinessStatus::Unknown, |a| a.status);
            let mut text = format!(
                "{} {}: {}",
                symbol(status),
                req.label(lang),
                status.label(lang)
            );
            if let Some(a) = assessment {
                if let Some(e) = &a.evidence {
                    text.push_str(&format!(" — {}", t(e)));
                }
                if let Some(date) = a.assessed {
                    text.push_str(&format!(" ({})", self.date(date)));
                }
            }
            self.line(&mut out, &text);
        }

        let today = self.today;
        let open: Vec<_> = d.open_actions().collect();
        self.heading(&mut out, "Open actions", "اقدام‌های باز");
        if open.is_empty() {
            self.line(&mut out, l("none", "هیچ"));
        }
        for a in open {
            let mut text = format!(
                "{} — {} [{}{comma}{}]",
                t(&a.id),
                t(&a.title),
                a.owner.label(lang),
                a.status.label(lang)
            );
            if let Some(due) = a.due {
                text.push_str(&format!("{comma}{} {}", l("due", "موعد"), self.date(due)));
                if a.is_overdue(today) {
                    text.push_str(&format!(" — {}", l("OVERDUE", "معوق")));
                }
            }
            self.line(&mut out, &text);
        }

        if !d.events.is_empty() {
            self.events(&mut out, d);
        }

        if !d.opportunities.is_empty() {
            self.heading(&mut out, "Opportunities", "فرصت‌ها");
            for o in &d.opportunities {
                let mut text = format!(
                    "{} — {} [{}{comma}{}]",
                    t(&o.id),
                    t(&o.title),
                    t(&o.sector),
                    o.stage.label(lang)
                );
                if let Some(lead) = o.lead {
                    text.push_str(&format!(
                        "{comma}{}: {}",
                        l("lead", "پیشگام"),
                        lead.label(lang)
                    ));
                }
                self.line(&mut out, &text);
            }
        }

        self.heading(&mut out, "Recent interactions", "تعاملات اخیر");
        let mut interactions: Vec<_> = d.interactions.iter().collect();
        interactions.sort_by_key(|i| std::cmp::Reverse(i.date));
        if interactions.is_empty() {
            self.line(&mut out, l("none recorded", "ثبت نشده"));
        }
        for i in interactions.into_iter().take(RECENT) {
            let mut text = format!(
                "{} {} — {}",
                self.date(i.date),
                i.kind.label(lang),
                t(&i.title)
            );
            if !i.with.is_empty() {
                text.push_str(&format!(" ({})", lang.join(i.with.iter().map(|w| t(w)))));
            }
            self.line(&mut out, &text);
        }

        if !d.reviews.is_empty() {
            self.heading(&mut out, "Reviews", "جلسات بررسی پرونده");
            for r in &d.reviews {
                self.line(
                    &mut out,
                    &format!("{} — {}", self.date(r.date), t(&r.outcome)),
                );
            }
        }

        if let Some(notes) = &d.notes {
            self.heading(&mut out, "Notes", "یادداشت‌ها");
            for line in notes.lines() {
                if self.markdown {
                    out.push_str(&format!("{}\n", markdown::escape(line)));
                } else {
                    out.push_str(&format!("  {}\n", visible(line)));
                }
            }
        }
        out
    }
}

impl Page {
    /// When the agreement ends and from when to renew it, marked once that day has come.
    fn renewal(&self, out: &mut String, r: &Renewal) {
        let lang = self.lang();
        let l = |en: &'static str, fa: &'static str| lang.pick(en, fa);
        let mut text = format!(
            "{} {}{}{} {}",
            l("expires", "پایان اعتبار"),
            self.date(r.expires),
            lang.semicolon(),
            l("renew by", "تمدید تا"),
            self.date(r.notice_from)
        );
        if self.today > r.expires {
            text.push_str(&format!(" — {}", l("EXPIRED", "منقضی شده")));
        } else if self.today >= r.notice_from {
            text.push_str(&format!(" — {}", l("RENEWAL DUE", "موعد تمدید")));
        }
        self.line(out, &text);
    }

    /// Each person's next follow-up, the soonest first: when, who, when they were last
    /// contacted, and how late it is once past.
    fn follow_ups(&self, out: &mut String, d: &Dossier) {
        let lang = self.lang();
        let l = |en: &'static str, fa: &'static str| lang.pick(en, fa);
        let t = |text: &str| lang.embed(&visible(text)).into_owned();
        let (comma, semicolon) = (lang.comma(), lang.semicolon());
        self.heading(out, "Next follow-ups", "پیگیری‌های بعدی");
        for f in &self.follow_ups {
            let name = d.person_name(&f.person, lang).unwrap_or(&f.name);
            let mut text = format!(
                "{} — {} ({}){comma}{}",
                self.date(f.due),
                t(name),
                t(&f.person),
                f.role.label(lang)
            );
            match f.last {
                Some(last) => text.push_str(&format!(
                    "{semicolon}{} {}",
                    l("last contact", "آخرین تماس"),
                    self.date(last)
                )),
                None => text.push_str(&format!(
                    "{semicolon}{}",
                    l("never contacted", "تاکنون تماسی نبوده")
                )),
            }
            if let Some(days) = f.overdue_by(self.today) {
                let n = lang.num(days);
                text.push_str(&format!(
                    " — {}",
                    match (lang, days) {
                        (Lang::En, 1) => "overdue by 1 day".to_owned(),
                        (Lang::En, _) => format!("overdue by {n} days"),
                        (Lang::Fa, _) => format!("{n} روز از موعد گذشته"),
                    }
                ));
            }
            self.line(out, &text);
        }
    }

    /// What is planned: the events to come in date order, those past and never said held or
    /// cancelled marked; the held and cancelled ones only counted (their interactions and
    /// reviews say what happened).
    fn events(&self, out: &mut String, d: &Dossier) {
        let lang = self.lang();
        let l = |en: &'static str, fa: &'static str| lang.pick(en, fa);
        let t = |text: &str| lang.embed(&visible(text)).into_owned();
        let (comma, semicolon) = (lang.comma(), lang.semicolon());
        self.heading(out, "Upcoming events", "رویدادهای پیش رو");
        let (coming, unsaid) = crate::query::events::upcoming(d, self.today);
        if coming.is_empty() && unsaid.is_empty() {
            self.line(out, l("none planned", "هیچ رویدادی در برنامه نیست"));
        }
        for (e, past) in unsaid
            .iter()
            .map(|e| (e, true))
            .chain(coming.iter().map(|e| (e, false)))
        {
            let mut text = super::events::days(e.date, e.end, self.calendar, lang);
            if let Some(time) = e.time {
                text.push(' ');
                text.push_str(&crate::i18n::localize_digits(&time.to_string(), lang));
            }
            text.push_str(&format!(
                " {} — {} [{}]",
                e.kind.label(lang),
                t(&e.title),
                e.status.label(lang)
            ));
            if let Some(place) = &e.place {
                text.push_str(&format!("{semicolon}{}", t(place)));
            }
            if !e.with.is_empty() {
                let people = e
                    .with
                    .iter()
                    .map(|id| t(d.person_name(id, lang).unwrap_or(id)));
                text.push_str(&format!(
                    "{semicolon}{} {}",
                    l("with", "با"),
                    lang.join(people)
                ));
            }
            text.push_str(&format!(" ({})", t(&e.id)));
            if past {
                text.push_str(&format!(
                    " — {}",
                    l("PAST: held or cancelled?", "گذشته: برگزار یا لغو شد؟")
                ));
            }
            self.line(out, &text);
        }
        let count = |status: EventStatus| d.events.iter().filter(|e| e.status == status).count();
        let (held, cancelled) = (count(EventStatus::Held), count(EventStatus::Cancelled));
        if held + cancelled > 0 {
            let mut parts = Vec::new();
            if held > 0 {
                parts.push(format!(
                    "{} {}",
                    lang.num(held),
                    EventStatus::Held.label(lang)
                ));
            }
            if cancelled > 0 {
                parts.push(format!(
                    "{} {}",
                    lang.num(cancelled),
                    EventStatus::Cancelled.label(lang)
                ));
            }
            let command = lang.code(format!("event list --all --city {}", d.slug));
            self.line(out, &format!("{} ({command})", parts.join(comma)));
        }
    }
}

/// ✓ met, ◐ partial, ✗ unmet, ? unknown: readable without color.
pub fn symbol(status: ReadinessStatus) -> &'static str {
    match status {
        ReadinessStatus::Met => "✓",
        ReadinessStatus::Partial => "◐",
        ReadinessStatus::Unmet => "✗",
        ReadinessStatus::Unknown => "?",
    }
}
