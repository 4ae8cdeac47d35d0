//! A deterministic generator of synthetic workspaces, for the benchmark (`scripts/bench`).
//!
//! ```text
//! cargo run --release --example gen_workspace -- DIR N [--pool M]
//! ```
//!
//! With `--pool M`, also `DIR/pool.yaml`: M candidates who signed up (issue 29's bench of
//! `facilitator match`), each with languages, expertise, a connection and the cities they
//! named, candidate `j` depending only on `j`.
//!
//! Writes `DIR/diplomat.yaml` and `DIR/cities/<slug>.yaml` for N dossiers of about 15 KB each:
//! facilitators with Persian names, contacts, readiness with evidence, 20–40 actions, 50–80
//! interactions with multi-line Persian/English summaries, planned events, opportunities, reviews
//! and comments.
//! Every dossier is valid (`diplomat validate` passes). Dossier `i` depends only on `i`, so the
//! output is identical on every run and a workspace of 100 is the first 100 of one of 1,000.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A tiny xorshift64* generator: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 of the seed, so that neighbouring seeds give unrelated streams.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(z | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "sa", "len", "dor", "va", "ni", "to", "bel", "gra", "us", "tan", "mar", "ko",
    "li", "ber", "zan", "ta", "vel", "no", "pra", "hen", "sol", "ri", "an", "es", "ost",
];

const COUNTRIES: &[&str] = &[
    "ES", "IT", "DE", "FR", "CN", "RU", "TR", "IN", "CU", "SN", "LB", "RO", "AM", "MY", "PT", "AT",
    "KR", "JP", "BR", "PL", "CZ", "GE", "UZ", "TJ", "KZ", "ID", "IQ", "SY", "VN", "AR",
];

const KINDS: &[&str] = &["sister-city", "friendship", "cooperation-mou", "proposed"];
const STATUSES: &[&str] = &["active", "reactivating", "dormant", "suspended", "proposed"];
const SECTORS: &[&str] = &[
    "tourism",
    "handicrafts",
    "urban-planning",
    "culture",
    "education",
    "health",
    "agriculture",
    "steel",
    "textiles",
    "water",
    "energy",
    "transport",
];
const LANGUAGES: &[&str] = &[
    "en", "fa", "es", "it", "de", "fr", "ru", "tr", "zh", "ar", "ro", "hy",
];
const EXPERTISE: &[&str] = &[
    "architecture",
    "tourism",
    "restoration",
    "trade",
    "law",
    "medicine",
    "engineering",
    "music",
    "carpets",
    "banking",
];

/// Persian given names and family names with their Latin spelling.
const GIVEN: &[(&str, &str)] = &[
    ("Maryam", "مریم"),
    ("Reza", "رضا"),
    ("Sara", "سارا"),
    ("Ali", "علی"),
    ("Fatemeh", "فاطمه"),
    ("Hossein", "حسین"),
    ("Zahra", "زهرا"),
    ("Mohammad", "محمد"),
    ("Narges", "نرگس"),
    ("Amir", "امیر"),
    ("Leila", "لیلا"),
    ("Mehdi", "مهدی"),
    ("Parisa", "پریسا"),
    ("Kaveh", "کاوه"),
    ("Shirin", "شیرین"),
    ("Babak", "بابک"),
];
const FAMILY: &[(&str, &str)] = &[
    ("Rahimi", "رحیمی"),
    ("Karimi", "کریمی"),
    ("Ahmadi", "احمدی"),
    ("Hosseini", "حسینی"),
    ("Mousavi", "موسوی"),
    ("Esfahani", "اصفهانی"),
    ("Sadeghi", "صادقی"),
    ("Jafari", "جعفری"),
    ("Tehrani", "تهرانی"),
    ("Ghasemi", "قاسمی"),
    ("Rezaei", "رضایی"),
    ("Najafi", "نجفی"),
    ("Kazemi", "کاظمی"),
    ("Shirazi", "شیرازی"),
];

const ROLES: &[&str] = &[
    "embassy-counsellor",
    "expert",
    "city-official",
    "chamber",
    "business",
    "other",
];
const ORGS: &[&str] = &[
    "Embassy in Tehran",
    "City Hall, International Relations Office",
    "Chamber of Commerce and Industry",
    "University, Faculty of Architecture",
    "Tourism Board",
    "Trade Promotion Agency",
];
const READINESS: &[&str] = &[
    "communication",
    "international_environment",
    "diplomatic_support",
    "investment_readiness",
    "branding",
    "international_capacity",
];
const READINESS_STATUS: &[&str] = &["met", "partial", "unmet", "unknown"];
const EVIDENCE: &[&str] = &[
    "Monthly call with the city's international relations office since October.",
    "Ministry of Foreign Affairs supports the reactivation.",
    "Two investors visited the industrial estates; no commitment yet.",
    "بروشور دوزبانه آماده شد و در نمایشگاه توزیع شد.",
    "The chamber's international council has two staff who speak the language.",
    "سفارت از برگزاری هفتهٔ فرهنگی اصفهان حمایت کرد.",
];
const OWNERS: &[&str] = &["municipality", "chamber", "joint"];
const ACTION_STATUS: &[&str] = &["open", "in-progress", "done", "blocked", "dropped", "done"];
const VERBS: &[&str] = &[
    "Send",
    "Draft",
    "Translate",
    "Review",
    "Schedule",
    "Confirm",
    "Prepare",
    "Publish",
];
const OBJECTS: &[&str] = &[
    "the handicrafts exhibition proposal",
    "the list of exportable goods",
    "the memorandum annex",
    "visa letters for the delegation",
    "the tourism brochure",
    "the investment catalogue",
    "the agenda of the joint chamber meeting",
    "the cultural week programme",
    "فهرست کالاهای صادراتی",
    "دعوت‌نامهٔ هیئت تجاری",
];
const INTERACTION_KINDS: &[&str] = &["meeting", "letter", "call", "visit", "event", "other"];
const EVENT_KINDS: &[&str] = &[
    "meeting",
    "visit",
    "delegation",
    "exhibition",
    "event",
    "review",
    "other",
];
const EVENT_STATUS: &[&str] = &["planned", "planned", "confirmed", "held", "cancelled"];
const TITLES: &[&str] = &[
    "Call with the embassy",
    "Twinning office meeting",
    "Letter from the mayor",
    "Trade delegation visit",
    "Handicrafts fair",
    "جلسه با رایزن",
    "تماس با شهرداری",
    "Investment workshop",
];
const SENTENCES_EN: &[&str] = &[
    "Agreed to exchange lists of exportable goods before the end of Azar.",
    "The counsellor suggested a joint stand at the spring fair.",
    "Both sides want a short memorandum on tourism first.",
    "The city council will discuss the proposal at its next session.",
    "Follow-up call planned with the chamber's international council.",
    "Visa questions remain open for three members of the delegation.",
    "They asked for photographs and prices of the carpets on show.",
];
const SENTENCES_FA: &[&str] = &[
    "قرار شد فهرست کالاهای صادراتی تا پایان آذر مبادله شود.",
    "رایزن بازرگانی پیشنهاد غرفهٔ مشترک در نمایشگاه بهاره را داد.",
    "هر دو طرف ابتدا یک تفاهم‌نامهٔ کوتاه گردشگری می‌خواهند.",
    "شورای شهر در جلسهٔ بعدی پیشنهاد را بررسی می‌کند.",
    "پیگیری با شورای بین‌الملل اتاق بازرگانی انجام خواهد شد.",
];
const OPPORTUNITY_TITLES: &[&str] = &[
    "Isfahan handicrafts showroom",
    "Joint venture in steel recycling",
    "Direct flights for tourists",
    "Carpet restoration training",
    "Water management consultancy",
    "Student exchange on architecture",
];
const STAGES: &[&str] = &[
    "idea",
    "exploring",
    "negotiating",
    "agreed",
    "closed",
    "lost",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!("usage: gen_workspace DIR N [--pool M]");
        return ExitCode::from(2);
    };
    let pool = match (args.get(3).map(String::as_str), args.get(4)) {
        (None, _) => 0,
        (Some("--pool"), Some(m)) if m.parse::<u64>().is_ok() => m.parse().unwrap_or(0),
        _ => {
            eprintln!("usage: gen_workspace DIR N [--pool M]");
            return ExitCode::from(2);
        }
    };
    match generate(Path::new(dir), n, pool) {
        Ok(bytes) => {
            println!("{n} dossiers, {bytes} bytes in {dir}/cities");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen_workspace: {err}");
            ExitCode::FAILURE
        }
    }
}

fn generate(dir: &Path, n: u64, pool: u64) -> std::io::Result<u64> {
    let cities: PathBuf = dir.join("cities");
    std::fs::create_dir_all(&cities)?;
    std::fs::write(
        dir.join("diplomat.yaml"),
        "# Synthetic workspace for the benchmark (examples/gen_workspace.rs).\nlanguage: en\ncalendar: gregorian\n",
    )?;
    let mut total = 0;
    let mut slugs = Vec::with_capacity(n as usize);
    for i in 0..n {
        let (slug, text) = dossier(i);
        total += text.len() as u64;
        std::fs::write(cities.join(format!("{slug}.yaml")), text)?;
        slugs.push(slug);
    }
    if pool > 0 {
        std::fs::write(dir.join("pool.yaml"), candidates(pool, &slugs))?;
    }
    Ok(total)
}

/// `pool.yaml` with `m` candidates, each naming one or two of the cities `slugs`.
fn candidates(m: u64, slugs: &[String]) -> String {
    const LANGUAGES: &[&str] = &[
        "en", "fr", "de", "es", "it", "ru", "zh", "tr", "ar", "hy", "pt",
    ];
    const EXPERTISE: &[&str] = &[
        "tourism",
        "trade",
        "heritage",
        "architecture",
        "handicrafts",
        "education",
    ];
    let mut out = String::with_capacity(m as usize * 400);
    out.push_str(
        "# Synthetic sign-ups for the benchmark (examples/gen_workspace.rs).\ncandidates:\n",
    );
    for j in 0..m {
        let mut rng = Rng::new(1_000_000 + j);
        let name: String = (0..2).map(|_| *rng.pick(SYLLABLES)).collect();
        let first = rng.pick(LANGUAGES);
        let second = rng.pick(LANGUAGES);
        let languages = if first == second {
            format!("[{first}, fa]")
        } else {
            format!("[{first}, {second}, fa]")
        };
        let city = &slugs[(rng.next() % slugs.len().max(1) as u64) as usize];
        let other = &slugs[(rng.next() % slugs.len().max(1) as u64) as usize];
        let interests = if city == other {
            format!("[{city}]")
        } else {
            format!("[{city}, {other}]")
        };
        let _ = write!(
            out,
            "  - id: cand-{j:05}\n    name: Candidate {name} {j}\n    name_fa: داوطلب {j}\n    languages: {languages}\n    expertise: [{}]\n    connection: Studied in {} for {} years; family in {}.\n    interests: {interests}\n    signed_up: 2026-{:02}-{:02}\n    source: Chamber sign-up sheet\n",
            rng.pick(EXPERTISE),
            city.split('-').next().unwrap_or("the city"),
            rng.range(1, 6),
            rng.pick(COUNTRIES),
            rng.range(1, 11),
            rng.range(1, 28),
        );
    }
    out
}

struct Person {
    id: String,
    name: String,
    name_fa: String,
}

/// Person `k` of a pool shared by all dossiers: the same id is the same person everywhere.
fn person(k: u64) -> Person {
    let (given, given_fa) = GIVEN[(k % GIVEN.len() as u64) as usize];
    let (family, family_fa) = FAMILY[((k / GIVEN.len() as u64) % FAMILY.len() as u64) as usize];
    let id = format!("{}-{}-{k}", given.to_lowercase(), family.to_lowercase());
    Person {
        id,
        name: format!("{given} {family}"),
        name_fa: format!("{given_fa} {family_fa}"),
    }
}

fn date(rng: &mut Rng, from_year: u64, to_year: u64) -> String {
    format!(
        "{}-{:02}-{:02}",
        rng.range(from_year, to_year),
        rng.range(1, 12),
        rng.range(1, 28)
    )
}

/// A short entry id, unique within the dossier (base-36, like `a-7k2m`).
fn entry_id(prefix: char, rng: &mut Rng, used: &mut Vec<String>) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    loop {
        let mut id = format!("{prefix}-");
        for _ in 0..4 {
            id.push(*rng.pick(DIGITS) as char);
        }
        if !used.contains(&id) {
            used.push(id.clone());
            return id;
        }
    }
}

fn list(items: &[&str]) -> String {
    format!("[{}]", items.join(", "))
}

fn some<'a>(rng: &mut Rng, items: &[&'a str], lo: u64, hi: u64) -> Vec<&'a str> {
    let mut chosen: Vec<&str> = Vec::new();
    for _ in 0..rng.range(lo, hi) {
        let item = *rng.pick(items);
        if !chosen.contains(&item) {
            chosen.push(item);
        }
    }
    chosen
}

/// Dossier `i`: its slug and its text.
fn dossier(i: u64) -> (String, String) {
    let mut rng = Rng::new(i);
    let base: String = (0..rng.range(2, 3)).map(|_| *rng.pick(SYLLABLES)).collect();
    let slug = format!("{base}-{i:05}");
    let mut en = base.clone();
    if let Some(first) = en.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    let mut y = String::with_capacity(16 * 1024);
    let out = &mut y;
    let _ = writeln!(
        out,
        "# {en} {i} — synthetic dossier for the benchmark (examples/gen_workspace.rs)."
    );
    let _ = writeln!(out, "slug: {slug}");
    let _ = writeln!(
        out,
        "name:\n  en: {en} {i}\n  fa: شهر {en} {i}\n  local: {en}"
    );
    let _ = writeln!(out, "country: {}", rng.pick(COUNTRIES));
    let _ = writeln!(
        out,
        "relationship:\n  kind: {}\n  status: {}",
        rng.pick(KINDS),
        rng.pick(STATUSES)
    );
    match rng.range(0, 2) {
        0 => {
            let _ = writeln!(out, "  signed: {}", date(&mut rng, 1990, 2024));
        }
        1 => {
            let _ = writeln!(out, "  signed: {}", rng.range(1975, 2024));
        }
        _ => {
            let _ = writeln!(
                out,
                "  signed: {}-{:02}",
                rng.range(1975, 2024),
                rng.range(1, 12)
            );
        }
    }
    let _ = writeln!(
        out,
        "  notes: Contact re-established with help from the Ministry of Foreign Affairs.\n  sources:\n    - \"isfahaninfo.com: list of Isfahan's sister cities\"\n    - IRNA (irna.ir/amp/{})",
        rng.range(10_000_000, 99_999_999)
    );
    let _ = writeln!(
        out,
        "representatives:\n  municipality: International Affairs Office, Isfahan Municipality"
    );
    if rng.chance(70) {
        let _ = writeln!(
            out,
            "  chamber: International Council, Isfahan Chamber of Commerce"
        );
    }
    let _ = writeln!(out, "joint_chamber: Iran–{en} Chamber of Commerce");
    let _ = writeln!(out, "sectors: {}", list(&some(&mut rng, SECTORS, 2, 5)));

    // Facilitators, from a shared pool of 5,000 people.
    let mut people: Vec<String> = Vec::new();
    out.push_str("\n# Citizens of Isfahan who open doors in the city.\nfacilitators:\n");
    let mut seen = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let k = rng.range(0, 4_999);
        if seen.contains(&k) {
            continue;
        }
        seen.push(k);
        let p = person(k);
        let _ = writeln!(out, "  - id: {}\n    name: {}", p.id, p.name);
        let _ = writeln!(out, "    name_fa: {}", p.name_fa);
        let _ = writeln!(
            out,
            "    languages: {}",
            list(&some(&mut rng, LANGUAGES, 1, 4))
        );
        let _ = writeln!(
            out,
            "    expertise: {}",
            list(&some(&mut rng, EXPERTISE, 1, 3))
        );
        let _ = writeln!(
            out,
            "    connection: Studied in {en} for {} years.",
            rng.range(2, 9)
        );
        let status = *rng.pick(&["active", "active", "inactive", "prospective"]);
        let _ = writeln!(out, "    status: {status}");
        let _ = writeln!(out, "    since: {}", date(&mut rng, 2020, 2026));
        let _ = writeln!(
            out,
            "    contact:\n      email: {}@example.org\n      phone: \"+98 913 {:03} {:04}\"",
            p.id,
            rng.range(0, 999),
            rng.range(0, 9999)
        );
        people.push(p.id);
    }

    out.push_str("\ncontacts:\n");
    for c in 0..rng.range(2, 4) {
        let role = *rng.pick(ROLES);
        let id = format!("{base}-{c}");
        let _ = writeln!(
            out,
            "  - id: {id}\n    name: {} counsellor {c}\n    role: {role}\n    organization: {}\n    languages: {}",
            en,
            rng.pick(ORGS),
            list(&some(&mut rng, LANGUAGES, 1, 3))
        );
        if rng.chance(50) {
            let _ = writeln!(
                out,
                "    contact:\n      email: office{c}@{base}.example\n      phone: \"+{} {:04} {:04}\"",
                rng.range(1, 99),
                rng.range(0, 9999),
                rng.range(0, 9999)
            );
        }
        people.push(id);
    }

    out.push_str("\n# Assessed at the last case-file review.\nreadiness:\n");
    for key in READINESS {
        let status = *rng.pick(READINESS_STATUS);
        let _ = writeln!(out, "  {key}:\n    status: {status}");
        if status != "unknown" {
            let _ = writeln!(
                out,
                "    evidence: {}\n    assessed: {}",
                rng.pick(EVIDENCE),
                date(&mut rng, 2025, 2026)
            );
        }
    }

    let mut ids = Vec::new();
    out.push_str("\nactions:\n");
    for _ in 0..rng.range(20, 40) {
        let id = entry_id('a', &mut rng, &mut ids);
        let status = *rng.pick(ACTION_STATUS);
        let due = date(&mut rng, 2025, 2027);
        let _ = writeln!(
            out,
            "  - id: {id}\n    title: {} {}\n    owner: {}\n    due: {due}\n    status: {status}",
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(OWNERS)
        );
        if status == "done" {
            let _ = writeln!(out, "    done: {}", date(&mut rng, 2025, 2026));
        }
    }

    // Planned events, from a generator of their own: the rest of the file stays as it was
    // before dossiers had events.
    let mut erng = Rng::new(i ^ 0x00E7_E475);
    let mut event_ids = Vec::new();
    out.push_str("\nevents:\n");
    for _ in 0..erng.range(2, 5) {
        let id = entry_id('e', &mut erng, &mut event_ids);
        let (month, day) = (erng.range(1, 12), erng.range(1, 20));
        let year = erng.range(2026, 2027);
        let _ = writeln!(out, "  - id: {id}\n    date: {year}-{month:02}-{day:02}");
        if erng.chance(30) {
            let _ = writeln!(
                out,
                "    end: {year}-{month:02}-{:02}",
                day + erng.range(1, 7)
            );
        }
        if erng.chance(50) {
            let _ = writeln!(
                out,
                "    time: '{:02}:{}'",
                erng.range(8, 18),
                erng.pick(&["00", "30"])
            );
        }
        let _ = writeln!(
            out,
            "    kind: {}\n    title: {} in {en}",
            erng.pick(EVENT_KINDS),
            erng.pick(OPPORTUNITY_TITLES)
        );
        if !people.is_empty() && erng.chance(60) {
            let _ = writeln!(out, "    with: [{}]", erng.pick(&people));
        }
        let _ = writeln!(out, "    status: {}", erng.pick(EVENT_STATUS));
    }

    out.push_str("\n# Newest last: new entries are appended.\ninteractions:\n");
    let count = rng.range(50, 80);
    let mut dates: Vec<String> = (0..count).map(|_| date(&mut rng, 2022, 2026)).collect();
    dates.sort();
    for day in &dates {
        let _ = writeln!(
            out,
            "  - date: {day}\n    kind: {}\n    title: {}",
            rng.pick(INTERACTION_KINDS),
            rng.pick(TITLES)
        );
        if !people.is_empty() && rng.chance(40) {
            let with: Vec<&str> = (0..rng.range(1, 2))
                .map(|_| rng.pick(&people).as_str())
                .fold(Vec::new(), |mut acc, p| {
                    if !acc.contains(&p) {
                        acc.push(p);
                    }
                    acc
                });
            let _ = writeln!(out, "    with: {}", list(&with));
        }
        if rng.chance(15) {
            out.push_str("    summary: |\n");
            let _ = writeln!(out, "      {}", rng.pick(SENTENCES_EN));
            if rng.chance(50) {
                let _ = writeln!(out, "      {}", rng.pick(SENTENCES_FA));
            }
        }
    }

    let mut opportunity_ids = Vec::new();
    out.push_str("\nopportunities:\n");
    for _ in 0..rng.range(2, 6) {
        let id = entry_id('o', &mut rng, &mut opportunity_ids);
        let _ = writeln!(
            out,
            "  - id: {id}\n    title: {} in {en}\n    sector: {}\n    stage: {}\n    lead: {}",
            rng.pick(OPPORTUNITY_TITLES),
            rng.pick(SECTORS),
            rng.pick(STAGES),
            rng.pick(OWNERS)
        );
    }

    out.push_str("\nreviews:\n");
    for _ in 0..rng.range(1, 4) {
        let participants: Vec<&str> = people.iter().take(2).map(String::as_str).collect();
        let _ = writeln!(
            out,
            "  - date: {}\n    participants: {}\n    outcome: File reviewed; readiness gaps are investment readiness and branding.",
            date(&mut rng, 2024, 2026),
            list(&participants)
        );
    }

    let _ = writeln!(
        out,
        "\nnotes: |\n  Free text for the analysts.\n  یادداشت آزاد برای کارشناسان.\nx-budget-line: 1405-intl-{:02}",
        rng.range(1, 99)
    );
    (slug, y)
}
