//! Follow-ups per person and renewals (issue 28.3, 28.4): `follow_up_days` by role in
//! `diplomat.yaml` or on a person, `relationship.expires` and `renew_notice_days`, as `city
//! show` lists them; and the writes that set them.

use crate::support::Workspace;

/// A counsellor last called 61 days before the tests' today (2026-11-26), a facilitator never
/// called since joining, an expert who never has their follow-ups, an MoU ending in 80 days.
const BARCELONA: &str = r#"slug: barcelona
name:
  en: Barcelona
  fa: بارسلون
country: ES
relationship:
  kind: cooperation-mou
  status: active
  expires: 2027-02-14
facilitators:
  - id: reza-karimi
    name: Reza Karimi
    name_fa: رضا کریمی
    status: active
    since: 2026-10-01
  - id: old-hand
    name: Old Hand
    status: inactive
contacts:
  - id: es-embassy-commercial
    name: Elena Ruiz
    role: embassy-counsellor
  - id: es-expert
    name: Pau Vidal
    role: expert
    follow_up_days: 0
interactions:
  - date: 2026-09-26
    kind: call
    title: Call with the commercial counsellor
    with: [es-embassy-commercial]
"#;

fn workspace() -> Workspace {
    Workspace::with(&[("barcelona.yaml", BARCELONA)])
}

#[test]
fn a_counsellor_called_61_days_ago_is_overdue_until_logged_with() {
    let ws = workspace();
    let run = ws.run(&["city", "show", "barcelona"]);
    run.code(0);
    insta::assert_snapshot!(run.stdout, @r#"
        Barcelona · بارسلون (barcelona, ES)

        Relationship
          cooperation MoU, active
          expires 2027-02-14; renew by 2026-11-16 — RENEWAL DUE
          Municipality: not named
          Chamber: not named
          languages: Spanish (es) (the country's likely language)

        Facilitators
          reza-karimi — Reza Karimi (رضا کریمی), active
          old-hand — Old Hand, inactive

        Contacts
          es-embassy-commercial — Elena Ruiz, embassy counsellor
          es-expert — Pau Vidal, expert

        Next follow-ups
          2026-10-31 — Reza Karimi (reza-karimi), facilitator; never contacted — overdue by 26 days
          2026-11-25 — Elena Ruiz (es-embassy-commercial), embassy counsellor; last contact 2026-09-26 — overdue by 1 day

        Readiness
          ? effective communication: unknown
          ? international environment: unknown
          ? diplomatic support: unknown
          ? investment readiness: unknown
          ? branding: unknown
          ? international capacity: unknown

        Open actions
          none

        Recent interactions
          2026-09-26 call — Call with the commercial counsellor (es-embassy-commercial)
        "#);
    ws.run(&[
        "log",
        "barcelona",
        "Call with the counsellor",
        "--kind",
        "call",
        "--with",
        "es-embassy-commercial",
    ])
    .code(0);
    let run = ws.run(&["city", "show", "barcelona"]);
    run.code(0);
    let next = run
        .stdout
        .lines()
        .find(|l| l.contains("es-embassy-commercial),"))
        .unwrap_or_default();
    assert_eq!(
        next.trim(),
        "2027-01-25 — Elena Ruiz (es-embassy-commercial), embassy counsellor; last contact 2026-11-26",
        "{run}"
    );
}

#[test]
fn city_show_says_follow_ups_and_the_renewal_in_persian() {
    let ws = workspace();
    let run = ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "city",
        "show",
        "barcelona",
    ]);
    run.code(0);
    insta::assert_snapshot!(run.stdout.replace(['\u{2068}', '\u{2069}'], ""), @r#"
        Barcelona · بارسلون (barcelona، ES)

        رابطه
          تفاهم‌نامهٔ همکاری، فعال
          پایان اعتبار ۱۴۰۵/۱۱/۲۵؛ تمدید تا ۱۴۰۵/۰۸/۲۵ — موعد تمدید
          شهرداری: معرفی نشده
          اتاق بازرگانی: معرفی نشده
          زبان‌ها: اسپانیایی (es) (زبان محتمل کشور)

        تسهیل‌گران
          reza-karimi — Reza Karimi (رضا کریمی)، فعال
          old-hand — Old Hand، غیرفعال

        رابط‌ها
          es-embassy-commercial — Elena Ruiz، رایزن سفارت
          es-expert — Pau Vidal، کارشناس

        پیگیری‌های بعدی
          ۱۴۰۵/۰۸/۰۹ — رضا کریمی (reza-karimi)، تسهیل‌گر؛ تاکنون تماسی نبوده — ۲۶ روز از موعد گذشته
          ۱۴۰۵/۰۹/۰۴ — Elena Ruiz (es-embassy-commercial)، رایزن سفارت؛ آخرین تماس ۱۴۰۵/۰۷/۰۴ — ۱ روز از موعد گذشته

        آمادگی
          ? ارتباط مؤثر با شرکای خارجی: نامعلوم
          ? محیط بین‌الملل مطلوب: نامعلوم
          ? همراهی دستگاه دیپلماسی: نامعلوم
          ? آمادگی سرمایه‌پذیری: نامعلوم
          ? برندسازی و تبلیغات: نامعلوم
          ? دانش و مهارت بین‌المللی: نامعلوم

        اقدام‌های باز
          هیچ

        تعاملات اخیر
          ۱۴۰۵/۰۷/۰۴ تماس — Call with the commercial counsellor (es-embassy-commercial)
        "#);
}

#[test]
fn the_settings_days_by_role_and_the_notice_change_what_is_due() {
    let ws = workspace();
    ws.file(
        "diplomat.yaml",
        "follow_up_days: {embassy-counsellor: 90, facilitator: 0}\nrenew_notice_days: 30\n",
    );
    let run = ws.run(&["city", "show", "barcelona"]);
    run.code(0)
        .stdout_has("  expires 2027-02-14; renew by 2027-01-15\n")
        .stdout_lacks("reza-karimi),")
        .stdout_has(
            "  2026-12-25 — Elena Ruiz (es-embassy-commercial), embassy counsellor; last contact 2026-09-26\n",
        );
    ws.file("diplomat.yaml", "follow_up_days: {embasy-counsellor: 90}\n");
    let run = ws.run(&["city", "show", "barcelona"]);
    run.code(2);
    insta::assert_snapshot!(run.stderr, @r#"
        error: diplomat.yaml:1:18: unknown key `embasy-counsellor` in `follow_up_days`
          |
        1 | follow_up_days: {embasy-counsellor: 90}
          |                  ^^^^^^^^^^^^^^^^^
          = help: did you mean `embassy-counsellor`?
        "#);
}

#[test]
fn a_persons_days_and_the_expiry_are_set_through_the_change_layer() {
    let ws = workspace();
    ws.run(&[
        "contact",
        "set",
        "barcelona",
        "es-embassy-commercial",
        "--follow-up-days",
        "30",
    ])
    .code(0)
    .stderr_has("follow_up_days");
    ws.run(&[
        "facilitator",
        "add",
        "barcelona",
        "--name",
        "Sara Mousavi",
        "--follow-up-days",
        "14",
    ])
    .code(0);
    ws.run(&["city", "set", "barcelona", "--expires", "1406/01/15"])
        .code(0);
    let before = ws.read_city("barcelona.yaml");
    ws.run(&[
        "contact",
        "set",
        "barcelona",
        "es-expert",
        "--follow-up-days",
        "soon",
    ])
    .code(2)
    .stderr_has("`soon` given to `--follow-up-days` is not a number of days from 0 to 3650");
    assert_eq!(ws.read_city("barcelona.yaml"), before, "nothing changed");
    let text = String::from_utf8(before).unwrap();
    insta::assert_snapshot!(text, @r#"
        slug: barcelona
        name:
          en: Barcelona
          fa: بارسلون
        country: ES
        relationship:
          kind: cooperation-mou
          status: active
          expires: 2027-04-04
        facilitators:
          - id: reza-karimi
            name: Reza Karimi
            name_fa: رضا کریمی
            status: active
            since: 2026-10-01
          - id: old-hand
            name: Old Hand
            status: inactive
          - id: sara-mousavi
            name: Sara Mousavi
            status: prospective
            since: 2026-11-26
            follow_up_days: 14
        contacts:
          - id: es-embassy-commercial
            name: Elena Ruiz
            role: embassy-counsellor
            follow_up_days: 30
          - id: es-expert
            name: Pau Vidal
            role: expert
            follow_up_days: 0
        interactions:
          - date: 2026-09-26
            kind: call
            title: Call with the commercial counsellor
            with: [es-embassy-commercial]
        "#);
    ws.run(&["validate"]).code(0);
    ws.run(&["fmt", "--check"]).code(0);
    ws.run(&[
        "contact",
        "set",
        "barcelona",
        "es-embassy-commercial",
        "--follow-up-days",
        "",
    ])
    .code(0);
    ws.run(&["city", "set", "barcelona", "--expires", ""])
        .code(0);
    let after = String::from_utf8(ws.read_city("barcelona.yaml")).unwrap();
    assert!(!after.contains("expires"), "{after}");
    assert_eq!(after.matches("follow_up_days").count(), 2, "{after}");
}
