//! The lived-in example workspace `examples/demo/`: every dossier valid and in the canonical
//! layout, and the README's quick-start command shows a report with content.
//!
//! Runs read commands on the folder in place, with `--no-cache` so the checkout stays clean.

use std::path::{Path, PathBuf};

use crate::support::{Run, diplomat};

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn demo() -> PathBuf {
    project().join("examples").join("demo")
}

fn run_in_project(args: &[&str]) -> Run {
    let mut cmd = diplomat();
    cmd.current_dir(project()).arg("--no-cache").args(args);
    Run::of(args.join(" "), &mut cmd)
}

#[test]
fn every_demo_dossier_is_valid_and_in_the_canonical_layout() {
    let demo = demo().display().to_string();
    let run = run_in_project(&["-C", &demo, "validate"]);
    run.code(0);
    let run = run_in_project(&["-C", &demo, "fmt", "--check"]);
    run.code(0);
    let cities = std::fs::read_dir(self::demo().join("cities"))
        .expect("examples/demo/cities")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .count();
    assert!((6..=8).contains(&cities), "{cities} demo cities");
}

#[test]
fn every_demo_dossier_says_it_is_illustrative() {
    for entry in std::fs::read_dir(demo().join("cities")).expect("examples/demo/cities") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a dossier");
        assert!(
            text.starts_with("# ILLUSTRATIVE EXAMPLE") && text.contains("invented"),
            "{} does not open with the illustrative warning",
            path.display()
        );
    }
    let readme = std::fs::read_to_string(demo().join("README.md")).expect("the demo README");
    assert!(readme.contains("**Illustrative only.**"));
}

/// The main command of the README's quick start, as a user would copy it: the first
/// `cargo run --release -- …` line of the section, without its comment.
fn quick_start_command() -> Vec<String> {
    let readme = std::fs::read_to_string(project().join("README.md")).expect("README.md");
    let section = readme
        .split("## Quick start")
        .nth(1)
        .expect("a Quick start section");
    let line = section
        .lines()
        .find(|l| l.trim_start().starts_with("cargo run --release -- "))
        .expect("a `cargo run --release -- …` line in the quick start");
    let command = line.split(" #").next().unwrap_or(line);
    command
        .trim()
        .trim_start_matches("cargo run --release -- ")
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_quick_start_command_runs_on_the_demo_and_shows_the_weeks_interactions() {
    let args = quick_start_command();
    assert!(
        args.windows(2)
            .any(|w| w[0] == "-C" && w[1] == "examples/demo"),
        "the quick start runs on the demo: {args:?}"
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run_in_project(&args);
    run.code(0);
    // Interactions of that week in the demo (one per line, whatever the report's layout).
    run.stdout_has("Video call with the embassy")
        .stdout_has("Online concert for the twinning")
        .stdout_has("Send the list of twelve restorers");
}

/// The demo copied to a temporary folder outside any git repository, so the brief does not
/// depend on the project's own history.
pub(crate) fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("cities")).expect("cities/");
    std::fs::copy(
        demo().join("diplomat.yaml"),
        dir.path().join("diplomat.yaml"),
    )
    .expect("diplomat.yaml");
    for entry in std::fs::read_dir(demo().join("cities")).expect("examples/demo/cities") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, dir.path().join("cities").join(name)).expect("a dossier");
    }
    dir
}

/// The brief of the demo's week of 2026-11-26, as `args` print it, isolates shown as `{FSI}`
/// and `{PDI}`.
fn brief(args: &[&str]) -> String {
    let dir = demo_copy();
    let mut cmd = diplomat();
    // Piped, as into a file: the Markdown whole (tests/cli/widths.rs has it on a terminal).
    cmd.current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .env_remove("COLUMNS")
        .args(["--no-cache"])
        .args(args)
        .args(["report", "weekly", "--date", "2026-11-26"]);
    let run = Run::of(args.join(" "), &mut cmd);
    run.code(0);
    // The isolates around text of the other direction, shown: a literal may not hold them.
    run.stdout
        .replace('\u{2068}', "{FSI}")
        .replace('\u{2069}', "{PDI}")
}

/// The brief a director reads: the aims, what stands out, each city's week, then what is owed.
#[test]
fn the_demo_brief_in_markdown() {
    insta::assert_snapshot!(brief(&[]), @r###"
# Citizen Diplomat — weekly report — Isfahan

**Period:** 21 November 2026 – 27 November 2026

## The programme's aims

| Aim | This period | Previous period | Change |
| --- | ---: | ---: | ---: |
| Relations activated (cities in recent contact or reactivated) | 6 | 6 | = |
| Facilitators identified (active) | 8 | 7 | +1 |
| Citizen participation (facilitators taking part) | 6 | 0 | +6 |
| Private-sector cooperation (opportunities moved forward) | 1 | 0 | +1 |
| International capacity introduced (events and visits) | 1 | 0 | +1 |
| Interaction with the diplomatic apparatus (counsellors, officials) | 3 | 0 | +3 |

**What stands out**

- Yerevan — Relationship: dormant → reactivating (2026-11-23)
- Barcelona — Isfahan handicrafts showroom in Barcelona: exploring → negotiating (2026-11-25)
- Sara Mousavi joined as a facilitator for Barcelona (2026-11-22)
- Overdue actions by owner: Municipality 3, Chamber 2, Joint 1

## What happened, by city

### Barcelona

- 2026-11-24 · call · **Video call with the embassy's commercial counsellor** — with Elena Ruiz (invented), Reza Karimi and Sara Mousavi: Agreed to exchange lists of exportable goods before the end of Azar.
- ✓ Translate the tourism brochure into Spanish and Catalan (done 2026-11-25)
- Isfahan handicrafts showroom in Barcelona: exploring → negotiating (2026-11-25)

### Florence

- 2026-11-25 · meeting · **{FSI}جلسه با رایزن فرهنگی ایتالیا دربارهٔ هزینهٔ سفر مرمت‌گران{PDI}** — with Giulia Bassi (invented) and Laleh Ebrahimi: {FSI}رایزن پیشنهاد کرد از بورس‌های وزارت خارجهٔ ایتالیا برای دو نفر استفاده شود.{PDI}
- ✓ Send the list of twelve restorers for the workshop (done 2026-11-23)

### Freiburg im Breisgau

- 2026-11-26 · event · **Online concert for the twinning's anniversary** — with Thomas Brandt (invented) and Nazanin Fazeli: About 180 viewers, a third of them in Freiburg. The circle asks for a recording.

### Kazan

- 2026-11-22 · call · **{FSI}تماس تصویری با اتاق تاتارستان دربارهٔ مجوز حلال{PDI}** — with Dina Khairullina (invented) and Maryam Ahmadi: {FSI}مدارک لازم برای مجوز حلال فهرست شد؛ ترجمهٔ روسی مدارک با مریم.{PDI}
- 2026-11-23 · other · **Ali Nouri's miniatures shown to the Tatarstan delegation's photos group** — with Ali Nouri: Informal: the delegation shared photos of Ali's work; a Kazan gallery asked for prices.
- ✓ {FSI}رزرو غرفهٔ اصفهان در نمایشگاه «کازان حلال اکسپو»{PDI} (done 2026-11-22)

### Yerevan

- 2026-11-23 · letter · **{FSI}نامهٔ شهردار اصفهان به شهردار ایروان{PDI}** — with Armen Hakobyan (invented): {FSI}از راه سفارت ارمنستان فرستاده شد؛ پیشنهاد ازسرگیری رابطه با «هفتهٔ جلفا» در بهار ۱۴۰۶.{PDI}
- ✓ {FSI}نامهٔ شهردار اصفهان به شهردار ایروان برای ازسرگیری رابطه{PDI} (done 2026-11-23)
- Relationship: dormant → reactivating (2026-11-23)

## Actions due in the next 14 days

| City | Id | Title | Owner | Due | Status |
| --- | --- | --- | --- | --- | --- |
| Saint Petersburg | a-n7tb | Propose dates for an Isfahan week at the Hermitage | Municipality | 2026-12-01 | open |
| Barcelona | a-p8tz | Ask the embassy for the list of Spanish importers of handicrafts | Chamber | 2026-12-05 | open |

## Overdue actions

| City | Id | Title | Owner | Due | Status |
| --- | --- | --- | --- | --- | --- |
| Xi'an | a-g2hw | Follow up the June letter to Xi'an's foreign affairs office | Municipality | 2026-08-31 | open ⚠ |
| Xi'an | a-o4ps | Find a Chinese-speaking facilitator | Joint | 2026-10-31 | in progress ⚠ |
| Kazan | a-e9wq | Print a Russian-language brochure of Isfahan | Municipality | 2026-11-10 | open ⚠ |
| Florence | a-k9ye | Find a sponsor for the restorers' travel | Chamber | 2026-11-15 | blocked ⚠ |
| Freiburg im Breisgau | a-j8xe | Publish the study week's report in Persian | Municipality | 2026-11-15 | in progress ⚠ |
| Saint Petersburg | a-y2kc | Ask three Isfahan manufacturers to quote for metro spare parts | Chamber | 2026-11-20 | in progress ⚠ |

## Readiness

| City | Met |
| --- | ---: |
| Barcelona | 6/11 |
| Florence | 5/11 |
| Freiburg im Breisgau | 8/11 |
| Kazan | 6/11 |
| Saint Petersburg | 7/11 |
| Xi'an | 2/11 |
| Yerevan | 6/11 |

## Relations going cold

- Xi'an

## Cities without an active facilitator

- Xi'an

## Dossier changes

Not available (not a git repository).

"###);
}

/// The same brief in Persian, with Solar Hijri dates and Persian digits.
#[test]
fn the_demo_brief_in_persian() {
    insta::assert_snapshot!(brief(&["--lang", "fa", "--calendar", "jalali"]), @r###"
# شهروند دیپلمات — گزارش هفتگی — اصفهان

**دوره:** ۳۰ آبان ۱۴۰۵ – ۶ آذر ۱۴۰۵

## اهداف طرح

| هدف | این دوره | دورهٔ قبل | تغییر |
| --- | ---: | ---: | ---: |
| فعال‌سازی روابط (شهرهای در ارتباط اخیر یا احیاشده) | ۶ | ۶ | = |
| شناسایی تسهیل‌گران (فعال) | ۸ | ۷ | +۱ |
| مشارکت شهروندی (تسهیل‌گران مشارکت‌کننده) | ۶ | ۰ | +۶ |
| همکاری اقتصادی با محوریت بخش خصوصی (فرصت‌های پیش‌رفته) | ۱ | ۰ | +۱ |
| معرفی ظرفیت‌های بین‌المللی (رویدادها و بازدیدها) | ۱ | ۰ | +۱ |
| تعامل با دستگاه دیپلماسی و دستگاه‌های استانی | ۳ | ۰ | +۳ |

**نکته‌های برجسته**

- ایروان — رابطه: از راکد به در حال احیا (۱۴۰۵/۰۹/۰۲)
- بارسلون — {FSI}Isfahan handicrafts showroom in Barcelona{PDI}: از بررسی به مذاکره (۱۴۰۵/۰۹/۰۴)
- سارا موسوی به تسهیل‌گران پیوست برای بارسلون (۱۴۰۵/۰۹/۰۱)
- اقدام‌های عقب‌افتاده به تفکیک مسئول: شهرداری ۳، اتاق بازرگانی ۲، مشترک ۱

## آنچه در هر شهر گذشت

### بارسلون

- ۱۴۰۵/۰۹/۰۳ · تماس · **{FSI}Video call with the embassy's commercial counsellor{PDI}** — با {FSI}Elena Ruiz (invented){PDI}، {FSI}Reza Karimi{PDI} و {FSI}Sara Mousavi{PDI}: {FSI}Agreed to exchange lists of exportable goods before the end of Azar.{PDI}
- ✓ {FSI}Translate the tourism brochure into Spanish and Catalan{PDI} (انجام شد ۱۴۰۵/۰۹/۰۴)
- {FSI}Isfahan handicrafts showroom in Barcelona{PDI}: از بررسی به مذاکره (۱۴۰۵/۰۹/۰۴)

### فلورانس

- ۱۴۰۵/۰۹/۰۴ · جلسه · **جلسه با رایزن فرهنگی ایتالیا دربارهٔ هزینهٔ سفر مرمت‌گران** — با {FSI}Giulia Bassi (invented){PDI} و {FSI}Laleh Ebrahimi{PDI}: رایزن پیشنهاد کرد از بورس‌های وزارت خارجهٔ ایتالیا برای دو نفر استفاده شود.
- ✓ {FSI}Send the list of twelve restorers for the workshop{PDI} (انجام شد ۱۴۰۵/۰۹/۰۲)

### فرایبورگ

- ۱۴۰۵/۰۹/۰۵ · رویداد · **{FSI}Online concert for the twinning's anniversary{PDI}** — با {FSI}Thomas Brandt (invented){PDI} و {FSI}Nazanin Fazeli{PDI}: {FSI}About 180 viewers, a third of them in Freiburg. The circle asks for a recording.{PDI}

### کازان

- ۱۴۰۵/۰۹/۰۱ · تماس · **تماس تصویری با اتاق تاتارستان دربارهٔ مجوز حلال** — با {FSI}Dina Khairullina (invented){PDI} و {FSI}Maryam Ahmadi{PDI}: مدارک لازم برای مجوز حلال فهرست شد؛ ترجمهٔ روسی مدارک با مریم.
- ۱۴۰۵/۰۹/۰۲ · سایر · **{FSI}Ali Nouri's miniatures shown to the Tatarstan delegation's photos group{PDI}** — با {FSI}Ali Nouri{PDI}: {FSI}Informal: the delegation shared photos of Ali's work; a Kazan gallery asked for prices.{PDI}
- ✓ رزرو غرفهٔ اصفهان در نمایشگاه «کازان حلال اکسپو» (انجام شد ۱۴۰۵/۰۹/۰۱)

### ایروان

- ۱۴۰۵/۰۹/۰۲ · نامه · **نامهٔ شهردار اصفهان به شهردار ایروان** — با {FSI}Armen Hakobyan (invented){PDI}: از راه سفارت ارمنستان فرستاده شد؛ پیشنهاد ازسرگیری رابطه با «هفتهٔ جلفا» در بهار ۱۴۰۶.
- ✓ نامهٔ شهردار اصفهان به شهردار ایروان برای ازسرگیری رابطه (انجام شد ۱۴۰۵/۰۹/۰۲)
- رابطه: از راکد به در حال احیا (۱۴۰۵/۰۹/۰۲)

## اقدام‌های با موعد ۱۴ روز آینده

| شهر | شناسه | عنوان | مسئول | موعد | وضعیت |
| --- | --- | --- | --- | --- | --- |
| سن‌پترزبورگ | {FSI}a-n7tb{PDI} | {FSI}Propose dates for an Isfahan week at the Hermitage{PDI} | شهرداری | ۱۴۰۵/۰۹/۱۰ | باز |
| بارسلون | {FSI}a-p8tz{PDI} | {FSI}Ask the embassy for the list of Spanish importers of handicrafts{PDI} | اتاق بازرگانی | ۱۴۰۵/۰۹/۱۴ | باز |

## اقدام‌های معوق

| شهر | شناسه | عنوان | مسئول | موعد | وضعیت |
| --- | --- | --- | --- | --- | --- |
| شیان | {FSI}a-g2hw{PDI} | {FSI}Follow up the June letter to Xi'an's foreign affairs office{PDI} | شهرداری | ۱۴۰۵/۰۶/۰۹ | باز ⚠ |
| شیان | {FSI}a-o4ps{PDI} | {FSI}Find a Chinese-speaking facilitator{PDI} | مشترک | ۱۴۰۵/۰۸/۰۹ | در جریان ⚠ |
| کازان | {FSI}a-e9wq{PDI} | {FSI}Print a Russian-language brochure of Isfahan{PDI} | شهرداری | ۱۴۰۵/۰۸/۱۹ | باز ⚠ |
| فلورانس | {FSI}a-k9ye{PDI} | {FSI}Find a sponsor for the restorers' travel{PDI} | اتاق بازرگانی | ۱۴۰۵/۰۸/۲۴ | متوقف ⚠ |
| فرایبورگ | {FSI}a-j8xe{PDI} | {FSI}Publish the study week's report in Persian{PDI} | شهرداری | ۱۴۰۵/۰۸/۲۴ | در جریان ⚠ |
| سن‌پترزبورگ | {FSI}a-y2kc{PDI} | {FSI}Ask three Isfahan manufacturers to quote for metro spare parts{PDI} | اتاق بازرگانی | ۱۴۰۵/۰۸/۲۹ | در جریان ⚠ |

## آمادگی

| شهر | برآورده |
| --- | ---: |
| بارسلون | ۶/۱۱ |
| فلورانس | ۵/۱۱ |
| فرایبورگ | ۸/۱۱ |
| کازان | ۶/۱۱ |
| سن‌پترزبورگ | ۷/۱۱ |
| شیان | ۲/۱۱ |
| ایروان | ۶/۱۱ |

## روابط رو به سردی

- شیان

## شهرهای بدون تسهیل‌گر فعال

- شیان

## تغییرات پرونده‌ها

در دسترس نیست ({FSI}not a git repository{PDI}).

"###);
}

/// The brief's data: every key of the spec and the brief's own.
#[test]
fn the_demo_brief_in_json() {
    insta::assert_snapshot!(brief(&["--format", "json"]), @r###"
{
  "from": "2026-11-21",
  "to": "2026-11-27",
  "aims": [
    {
      "id": "activation",
      "value": 6,
      "previous": 6
    },
    {
      "id": "facilitators",
      "value": 8,
      "previous": 7
    },
    {
      "id": "participation",
      "value": 6,
      "previous": 0
    },
    {
      "id": "private_sector",
      "value": 1,
      "previous": 0
    },
    {
      "id": "capacity",
      "value": 1,
      "previous": 0
    },
    {
      "id": "diplomatic",
      "value": 3,
      "previous": 0
    }
  ],
  "interactions": [
    {
      "city": "barcelona",
      "date": "2026-11-24",
      "kind": "call",
      "title": "Video call with the embassy's commercial counsellor",
      "participants": [
        "Elena Ruiz (invented)",
        "Reza Karimi",
        "Sara Mousavi"
      ],
      "summary": "Agreed to exchange lists of exportable goods before the end of Azar.\nThe counsellor asks for the exhibition proposal in Spanish by mid-December.\nSara will check which handicraft workshops can ship samples.\n"
    },
    {
      "city": "florence",
      "date": "2026-11-25",
      "kind": "meeting",
      "title": "جلسه با رایزن فرهنگی ایتالیا دربارهٔ هزینهٔ سفر مرمت‌گران",
      "participants": [
        "Giulia Bassi (invented)",
        "Laleh Ebrahimi"
      ],
      "summary": "رایزن پیشنهاد کرد از بورس‌های وزارت خارجهٔ ایتالیا برای دو نفر استفاده شود.\nهزینهٔ سفر ده نفر دیگر هنوز حامی ندارد.\n"
    },
    {
      "city": "freiburg",
      "date": "2026-11-26",
      "kind": "event",
      "title": "Online concert for the twinning's anniversary",
      "participants": [
        "Thomas Brandt (invented)",
        "Nazanin Fazeli"
      ],
      "summary": "About 180 viewers, a third of them in Freiburg. The circle asks for a recording.\n"
    },
    {
      "city": "kazan",
      "date": "2026-11-22",
      "kind": "call",
      "title": "تماس تصویری با اتاق تاتارستان دربارهٔ مجوز حلال",
      "participants": [
        "Dina Khairullina (invented)",
        "Maryam Ahmadi"
      ],
      "summary": "مدارک لازم برای مجوز حلال فهرست شد؛ ترجمهٔ روسی مدارک با مریم.\nغرفه برای نمایشگاه اردیبهشت ۱۴۰۶ رزرو شد.\n"
    },
    {
      "city": "kazan",
      "date": "2026-11-23",
      "kind": "other",
      "title": "Ali Nouri's miniatures shown to the Tatarstan delegation's photos group",
      "participants": [
        "Ali Nouri"
      ],
      "summary": "Informal: the delegation shared photos of Ali's work; a Kazan gallery asked for prices.\n"
    },
    {
      "city": "yerevan",
      "date": "2026-11-23",
      "kind": "letter",
      "title": "نامهٔ شهردار اصفهان به شهردار ایروان",
      "participants": [
        "Armen Hakobyan (invented)"
      ],
      "summary": "از راه سفارت ارمنستان فرستاده شد؛ پیشنهاد ازسرگیری رابطه با «هفتهٔ جلفا» در بهار ۱۴۰۶.\nسفارت قول داد پاسخ را تا پایان آذر پیگیری کند.\n"
    }
  ],
  "relationship_changes": [
    {
      "city": "yerevan",
      "date": "2026-11-23",
      "from": "dormant",
      "to": "reactivating"
    }
  ],
  "opportunity_moves": [
    {
      "city": "barcelona",
      "id": "o-3f9q",
      "title": "Isfahan handicrafts showroom in Barcelona",
      "date": "2026-11-25",
      "from": "exploring",
      "to": "negotiating"
    }
  ],
  "actions_completed": [
    {
      "city": "barcelona",
      "id": "a-w4nd",
      "title": "Translate the tourism brochure into Spanish and Catalan",
      "owner": "municipality",
      "due": "2026-11-20",
      "status": "done",
      "overdue": false,
      "done": "2026-11-25"
    },
    {
      "city": "kazan",
      "id": "a-u3hr",
      "title": "رزرو غرفهٔ اصفهان در نمایشگاه «کازان حلال اکسپو»",
      "owner": "joint",
      "due": "2026-11-24",
      "status": "done",
      "overdue": false,
      "done": "2026-11-22"
    },
    {
      "city": "florence",
      "id": "a-h3sj",
      "title": "Send the list of twelve restorers for the workshop",
      "owner": "municipality",
      "due": "2026-11-25",
      "status": "done",
      "overdue": false,
      "done": "2026-11-23"
    },
    {
      "city": "yerevan",
      "id": "a-l5gd",
      "title": "نامهٔ شهردار اصفهان به شهردار ایروان برای ازسرگیری رابطه",
      "owner": "municipality",
      "due": "2026-11-30",
      "status": "done",
      "overdue": false,
      "done": "2026-11-23"
    }
  ],
  "actions_due": [
    {
      "city": "saint-petersburg",
      "id": "a-n7tb",
      "title": "Propose dates for an Isfahan week at the Hermitage",
      "owner": "municipality",
      "due": "2026-12-01",
      "status": "open",
      "overdue": false
    },
    {
      "city": "barcelona",
      "id": "a-p8tz",
      "title": "Ask the embassy for the list of Spanish importers of handicrafts",
      "owner": "chamber",
      "due": "2026-12-05",
      "status": "open",
      "overdue": false
    }
  ],
  "actions_overdue": [
    {
      "city": "xian",
      "id": "a-g2hw",
      "title": "Follow up the June letter to Xi'an's foreign affairs office",
      "owner": "municipality",
      "due": "2026-08-31",
      "status": "open",
      "overdue": true
    },
    {
      "city": "xian",
      "id": "a-o4ps",
      "title": "Find a Chinese-speaking facilitator",
      "owner": "joint",
      "due": "2026-10-31",
      "status": "in-progress",
      "overdue": true
    },
    {
      "city": "kazan",
      "id": "a-e9wq",
      "title": "Print a Russian-language brochure of Isfahan",
      "owner": "municipality",
      "due": "2026-11-10",
      "status": "open",
      "overdue": true
    },
    {
      "city": "florence",
      "id": "a-k9ye",
      "title": "Find a sponsor for the restorers' travel",
      "owner": "chamber",
      "due": "2026-11-15",
      "status": "blocked",
      "overdue": true
    },
    {
      "city": "freiburg",
      "id": "a-j8xe",
      "title": "Publish the study week's report in Persian",
      "owner": "municipality",
      "due": "2026-11-15",
      "status": "in-progress",
      "overdue": true
    },
    {
      "city": "saint-petersburg",
      "id": "a-y2kc",
      "title": "Ask three Isfahan manufacturers to quote for metro spare parts",
      "owner": "chamber",
      "due": "2026-11-20",
      "status": "in-progress",
      "overdue": true
    }
  ],
  "readiness": [
    {
      "slug": "barcelona",
      "met": 6,
      "total": 11,
      "previous": null
    },
    {
      "slug": "florence",
      "met": 5,
      "total": 11,
      "previous": null
    },
    {
      "slug": "freiburg",
      "met": 8,
      "total": 11,
      "previous": null
    },
    {
      "slug": "kazan",
      "met": 6,
      "total": 11,
      "previous": null
    },
    {
      "slug": "saint-petersburg",
      "met": 7,
      "total": 11,
      "previous": null
    },
    {
      "slug": "xian",
      "met": 2,
      "total": 11,
      "previous": null
    },
    {
      "slug": "yerevan",
      "met": 6,
      "total": 11,
      "previous": null
    }
  ],
  "going_cold": [
    "xian"
  ],
  "without_facilitator": [
    "xian"
  ],
  "changes": [],
  "history": "not a git repository",
  "warnings": [],
  "highlights": {
    "joined": [
      {
        "city": "barcelona",
        "name": "Sara Mousavi",
        "name_fa": "سارا موسوی",
        "since": "2026-11-22"
      }
    ],
    "moves": [
      {
        "city": "yerevan",
        "what": "relationship",
        "id": null,
        "title": null,
        "from": "dormant",
        "to": "reactivating",
        "date": "2026-11-23"
      },
      {
        "city": "barcelona",
        "what": "opportunity",
        "id": "o-3f9q",
        "title": "Isfahan handicrafts showroom in Barcelona",
        "from": "exploring",
        "to": "negotiating",
        "date": "2026-11-25"
      }
    ],
    "overdue_by_owner": [
      {
        "owner": "municipality",
        "count": 3
      },
      {
        "owner": "chamber",
        "count": 2
      },
      {
        "owner": "joint",
        "count": 1
      }
    ]
  },
  "cities": [
    {
      "slug": "barcelona",
      "interactions": [
        {
          "city": "barcelona",
          "date": "2026-11-24",
          "kind": "call",
          "title": "Video call with the embassy's commercial counsellor",
          "participants": [
            "Elena Ruiz (invented)",
            "Reza Karimi",
            "Sara Mousavi"
          ],
          "summary": "Agreed to exchange lists of exportable goods before the end of Azar.\nThe counsellor asks for the exhibition proposal in Spanish by mid-December.\nSara will check which handicraft workshops can ship samples.\n"
        }
      ],
      "actions_completed": [
        {
          "city": "barcelona",
          "id": "a-w4nd",
          "title": "Translate the tourism brochure into Spanish and Catalan",
          "owner": "municipality",
          "due": "2026-11-20",
          "status": "done",
          "overdue": false,
          "done": "2026-11-25"
        }
      ],
      "moves": [
        {
          "city": "barcelona",
          "what": "opportunity",
          "id": "o-3f9q",
          "title": "Isfahan handicrafts showroom in Barcelona",
          "from": "exploring",
          "to": "negotiating",
          "date": "2026-11-25"
        }
      ],
      "readiness": null
    },
    {
      "slug": "florence",
      "interactions": [
        {
          "city": "florence",
          "date": "2026-11-25",
          "kind": "meeting",
          "title": "جلسه با رایزن فرهنگی ایتالیا دربارهٔ هزینهٔ سفر مرمت‌گران",
          "participants": [
            "Giulia Bassi (invented)",
            "Laleh Ebrahimi"
          ],
          "summary": "رایزن پیشنهاد کرد از بورس‌های وزارت خارجهٔ ایتالیا برای دو نفر استفاده شود.\nهزینهٔ سفر ده نفر دیگر هنوز حامی ندارد.\n"
        }
      ],
      "actions_completed": [
        {
          "city": "florence",
          "id": "a-h3sj",
          "title": "Send the list of twelve restorers for the workshop",
          "owner": "municipality",
          "due": "2026-11-25",
          "status": "done",
          "overdue": false,
          "done": "2026-11-23"
        }
      ],
      "moves": [],
      "readiness": null
    },
    {
      "slug": "freiburg",
      "interactions": [
        {
          "city": "freiburg",
          "date": "2026-11-26",
          "kind": "event",
          "title": "Online concert for the twinning's anniversary",
          "participants": [
            "Thomas Brandt (invented)",
            "Nazanin Fazeli"
          ],
          "summary": "About 180 viewers, a third of them in Freiburg. The circle asks for a recording.\n"
        }
      ],
      "actions_completed": [],
      "moves": [],
      "readiness": null
    },
    {
      "slug": "kazan",
      "interactions": [
        {
          "city": "kazan",
          "date": "2026-11-22",
          "kind": "call",
          "title": "تماس تصویری با اتاق تاتارستان دربارهٔ مجوز حلال",
          "participants": [
            "Dina Khairullina (invented)",
            "Maryam Ahmadi"
          ],
          "summary": "مدارک لازم برای مجوز حلال فهرست شد؛ ترجمهٔ روسی مدارک با مریم.\nغرفه برای نمایشگاه اردیبهشت ۱۴۰۶ رزرو شد.\n"
        },
        {
          "city": "kazan",
          "date": "2026-11-23",
          "kind": "other",
          "title": "Ali Nouri's miniatures shown to the Tatarstan delegation's photos group",
          "participants": [
            "Ali Nouri"
          ],
          "summary": "Informal: the delegation shared photos of Ali's work; a Kazan gallery asked for prices.\n"
        }
      ],
      "actions_completed": [
        {
          "city": "kazan",
          "id": "a-u3hr",
          "title": "رزرو غرفهٔ اصفهان در نمایشگاه «کازان حلال اکسپو»",
          "owner": "joint",
          "due": "2026-11-24",
          "status": "done",
          "overdue": false,
          "done": "2026-11-22"
        }
      ],
      "moves": [],
      "readiness": null
    },
    {
      "slug": "yerevan",
      "interactions": [
        {
          "city": "yerevan",
          "date": "2026-11-23",
          "kind": "letter",
          "title": "نامهٔ شهردار اصفهان به شهردار ایروان",
          "participants": [
            "Armen Hakobyan (invented)"
          ],
          "summary": "از راه سفارت ارمنستان فرستاده شد؛ پیشنهاد ازسرگیری رابطه با «هفتهٔ جلفا» در بهار ۱۴۰۶.\nسفارت قول داد پاسخ را تا پایان آذر پیگیری کند.\n"
        }
      ],
      "actions_completed": [
        {
          "city": "yerevan",
          "id": "a-l5gd",
          "title": "نامهٔ شهردار اصفهان به شهردار ایروان برای ازسرگیری رابطه",
          "owner": "municipality",
          "due": "2026-11-30",
          "status": "done",
          "overdue": false,
          "done": "2026-11-23"
        }
      ],
      "moves": [
        {
          "city": "yerevan",
          "what": "relationship",
          "id": null,
          "title": null,
          "from": "dormant",
          "to": "reactivating",
          "date": "2026-11-23"
        }
      ],
      "readiness": null
    }
  ],
  "changes_by_city": []
}
"###);
}

/// Issue 29: the demo's pool of invented sign-ups ranks for Xi'an, which has no active
/// facilitator, with reasons.
#[test]
fn the_demo_ranks_candidates_for_xian_with_reasons() {
    let demo = demo().display().to_string();
    let run = run_in_project(&["-C", &demo, "facilitator", "match", "xian", "--limit", "3"]);
    run.code(0);
    insta::assert_snapshot!("demo_match_xian", run.stdout);
    let pool = std::fs::read_to_string(self::demo().join("pool.yaml")).unwrap();
    assert!(
        pool.contains("INVENTED"),
        "the demo's pool says it is invented"
    );
}
