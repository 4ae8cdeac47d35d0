//! Report labels in both languages. Templates read them as `labels.<key>`.

use std::collections::BTreeMap;

use crate::i18n::Lang;

const LABELS: &[(&str, &str, &str)] = &[
    (
        "weekly_title",
        "Citizen Diplomat — weekly report",
        "شهروند دیپلمات — گزارش هفتگی",
    ),
    (
        "roadmap_title",
        "Citizen Diplomat — joint action plan and roadmap",
        "شهروند دیپلمات — برنامهٔ اقدام مشترک و نقشهٔ راه",
    ),
    (
        "review_title",
        "Case-file review brief",
        "گزارش جلسهٔ بررسی پرونده",
    ),
    ("period", "Period", "دوره"),
    ("aims", "The programme's aims", "اهداف طرح"),
    ("aim", "Aim", "هدف"),
    ("this_period", "This period", "این دوره"),
    ("previous_period", "Previous period", "دورهٔ قبل"),
    ("change", "Change", "تغییر"),
    (
        "aim_activation",
        "Relations activated (cities in recent contact or reactivated)",
        "فعال‌سازی روابط (شهرهای در ارتباط اخیر یا احیاشده)",
    ),
    (
        "aim_facilitators",
        "Facilitators identified (active)",
        "شناسایی تسهیل‌گران (فعال)",
    ),
    (
        "aim_participation",
        "Citizen participation (facilitators taking part)",
        "مشارکت شهروندی (تسهیل‌گران مشارکت‌کننده)",
    ),
    (
        "aim_private_sector",
        "Private-sector cooperation (opportunities moved forward)",
        "همکاری اقتصادی با محوریت بخش خصوصی (فرصت‌های پیش‌رفته)",
    ),
    (
        "aim_capacity",
        "International capacity introduced (events and visits)",
        "معرفی ظرفیت‌های بین‌المللی (رویدادها و بازدیدها)",
    ),
    (
        "aim_diplomatic",
        "Interaction with the diplomatic apparatus (counsellors, officials)",
        "تعامل با دستگاه دیپلماسی و دستگاه‌های استانی",
    ),
    ("interactions", "Interactions", "تعاملات"),
    (
        "relationship_changes",
        "Relationships changed",
        "تغییر وضعیت روابط",
    ),
    (
        "opportunity_moves",
        "Opportunities moved",
        "جابه‌جایی فرصت‌ها",
    ),
    (
        "actions_completed",
        "Actions completed",
        "اقدام‌های انجام‌شده",
    ),
    (
        "actions_due",
        "Actions due in the next 14 days",
        "اقدام‌های با موعد ۱۴ روز آینده",
    ),
    ("actions_overdue", "Overdue actions", "اقدام‌های معوق"),
    ("week_ahead", "The week ahead", "هفتهٔ پیش رو"),
    (
        "ahead_overdue",
        "Overdue now (actions, follow-ups, agreements)",
        "معوق تا امروز (اقدام، پیگیری، تفاهم‌نامه)",
    ),
    ("ahead_event", "event", "رویداد"),
    ("ahead_action", "action due", "سررسید اقدام"),
    ("ahead_follow-up", "follow-up", "پیگیری"),
    ("ahead_renewal", "renewal", "تمدید"),
    ("ahead_planned", "planned", "در برنامه"),
    ("ahead_confirmed", "confirmed", "قطعی"),
    ("ahead_cancelled", "cancelled", "لغوشده"),
    ("ahead_open", "open", "باز"),
    ("ahead_in-progress", "in progress", "در جریان"),
    ("ahead_blocked", "blocked", "متوقف"),
    ("ahead_due", "due", "موعد"),
    ("ahead_expires", "expires", "پایان اعتبار"),
    ("ahead_expired", "expired", "منقضی"),
    ("readiness", "Readiness", "آمادگی"),
    ("going_cold", "Relations going cold", "روابط رو به سردی"),
    (
        "without_facilitator",
        "Cities without an active facilitator",
        "شهرهای بدون تسهیل‌گر فعال",
    ),
    ("pool", "The pool of candidates", "فهرست داوطلبان"),
    ("sign_ups", "New sign-ups", "ثبت‌نام‌های تازه"),
    ("assigned", "Candidates assigned", "داوطلبان پذیرفته‌شده"),
    ("since", "since", "از"),
    (
        "assigned_unknown",
        "not known without the git history of pool.yaml",
        "بی تاریخچهٔ git فایل pool.yaml نامعلوم",
    ),
    ("changes", "Dossier changes", "تغییرات پرونده‌ها"),
    ("warnings", "Warnings", "هشدارها"),
    ("none", "None.", "هیچ."),
    ("city", "City", "شهر"),
    ("date", "Date", "تاریخ"),
    ("kind", "Kind", "نوع"),
    ("title", "Title", "عنوان"),
    ("owner", "Owner", "مسئول"),
    ("due", "Due", "موعد"),
    ("status", "Status", "وضعیت"),
    ("id", "Id", "شناسه"),
    ("met", "Met", "برآورده"),
    ("author", "Author", "نویسنده"),
    ("subject", "Subject", "موضوع"),
    ("cities", "Cities", "شهرها"),
    ("what_changed", "What changed", "چه تغییر کرد"),
    ("unknown", "unknown", "نامعلوم"),
    ("no_history", "Not available", "در دسترس نیست"),
    ("opportunities", "Opportunities", "فرصت‌ها"),
    ("sector", "Sector", "بخش"),
    ("stage", "Stage", "مرحله"),
    ("lead", "Lead", "پیشگام"),
    ("joint_chamber", "Joint chamber", "اتاق مشترک"),
    (
        "no_joint_chamber",
        "No joint chamber named",
        "بدون اتاق مشترک",
    ),
    ("relationship", "Relationship", "رابطه"),
    ("representatives", "Representatives", "نمایندگان"),
    ("municipality", "Municipality", "شهرداری"),
    ("chamber", "Chamber of Commerce", "اتاق بازرگانی"),
    ("not_named", "not named", "معرفی نشده"),
    ("facilitators", "Facilitators", "تسهیل‌گران"),
    ("contacts", "Contacts", "رابط‌ها"),
    ("questions", "Questions for the session", "پرسش‌ها برای جلسه"),
    ("open_actions", "Open actions", "اقدام‌های باز"),
    ("reviews", "Past reviews", "جلسات بررسی پیشین"),
    ("recent_interactions", "Recent interactions", "تعاملات اخیر"),
    ("evidence", "Evidence", "شواهد"),
    ("assessed", "Assessed", "تاریخ ارزیابی"),
    ("signed", "Signed", "امضا"),
    ("sources", "Sources", "منابع"),
    ("generated", "Generated by diplomat", "تهیه‌شده با diplomat"),
    ("stands_out", "What stands out", "نکته‌های برجسته"),
    (
        "what_happened",
        "What happened, by city",
        "آنچه در هر شهر گذشت",
    ),
    (
        "nothing_recorded",
        "Nothing was recorded in this period.",
        "در این دوره چیزی ثبت نشد.",
    ),
    ("with", "with", "با"),
    ("done", "done", "انجام شد"),
    (
        "joined",
        "joined as a facilitator for",
        "به تسهیل‌گران پیوست برای",
    ),
    (
        "overdue_by_owner",
        "Overdue actions by owner",
        "اقدام‌های عقب‌افتاده به تفکیک مسئول",
    ),
    ("moved", "moved", "تغییر کرد"),
    ("changes_by", "by", "به دست"),
    ("change_one", "change", "تغییر"),
    ("change_many", "changes", "تغییر"),
    ("and", "and", "و"),
];

/// The label `key` in `lang` (empty for a key there is no label of).
pub fn label(lang: Lang, key: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, en, fa)| lang.pick(en, fa))
}

/// The labels of one language, by key, with the language's punctuation (`labels.comma`,
/// `labels.semicolon`: `،` and `؛` in Persian), so a template writes a list as `city show`
/// does. The marks come without their space: a printed value is trimmed.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|(key, en, fa)| (*key, lang.pick(en, fa)))
        .chain([
            ("comma", lang.comma().trim_end()),
            ("semicolon", lang.semicolon().trim_end()),
        ])
        .collect()
}
