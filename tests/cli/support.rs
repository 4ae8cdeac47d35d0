//! Temporary workspaces, a hermetic way to run the binary, and the fixture dossiers.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The date every test runs on (`DIPLOMAT_TODAY`); 1405/09/05 in the Solar Hijri calendar.
pub const TODAY: &str = "2026-11-26";

/// The environment every run gets, and nothing else.
pub fn hermetic_env() -> Vec<(&'static str, std::ffi::OsString)> {
    vec![
        ("PATH", std::env::var_os("PATH").unwrap_or_default()),
        ("COLUMNS", "120".into()),
        ("NO_COLOR", "1".into()),
        ("DIPLOMAT_TODAY", TODAY.into()),
    ]
}

/// The binary with a cleared environment plus [`hermetic_env`]; no workspace chosen.
pub fn diplomat() -> Command {
    let mut cmd = Command::cargo_bin("diplomat").expect("the diplomat binary is built");
    cmd.env_clear();
    for (key, value) in hermetic_env() {
        cmd.env(key, value);
    }
    cmd
}

/// What a run left behind.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    what: String,
}

impl Run {
    pub fn of(what: impl Into<String>, cmd: &mut Command) -> Self {
        let output = cmd.output().expect("the binary runs");
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            what: what.into(),
        }
    }

    /// Asserts the exit code, showing everything the run printed when it differs.
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code of `{}`\n{self}",
            self.what
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout of `{}` is not JSON ({e})\n{self}", self.what))
    }

    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout of `{}` should contain {needle:?}\n{self}",
            self.what
        );
        self
    }

    pub fn stdout_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout.contains(needle),
            "stdout of `{}` should not contain {needle:?}\n{self}",
            self.what
        );
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr of `{}` should contain {needle:?}\n{self}",
            self.what
        );
        self
    }

    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr of `{}` should not contain {needle:?}\n{self}",
            self.what
        );
        self
    }

    pub fn stderr_empty(&self) -> &Self {
        assert!(
            self.stderr.is_empty(),
            "stderr of `{}` should be empty\n{self}",
            self.what
        );
        self
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--- exit: {:?}\n--- stdout:\n{}\n--- stderr:\n{}\n---",
            self.code, self.stdout, self.stderr
        )
    }
}

/// A temporary workspace: a folder with `cities/`, deleted at the end of the test.
pub struct Workspace {
    dir: TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("cities")).expect("cities/ created");
        Workspace { dir }
    }

    /// A workspace holding `cities/<file>` for each `(file, content)`.
    pub fn with(cities: &[(&str, &str)]) -> Self {
        let ws = Workspace::new();
        for (file, content) in cities {
            ws.city(file, content);
        }
        ws
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn city_path(&self, file: &str) -> PathBuf {
        self.root().join("cities").join(file)
    }

    /// Writes `cities/<file>` (any bytes, so broken files can be written too).
    pub fn city(&self, file: &str, content: impl AsRef<[u8]>) -> &Self {
        std::fs::write(self.city_path(file), content).expect("dossier written");
        self
    }

    /// Writes any file under the workspace, creating its folders.
    pub fn file(&self, relative: &str, content: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder created");
        }
        std::fs::write(path, content).expect("file written");
        self
    }

    pub fn read_city(&self, file: &str) -> Vec<u8> {
        std::fs::read(self.city_path(file)).expect("dossier readable")
    }

    /// `diplomat -C <root> ARGS…`, run from the workspace root.
    pub fn cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = diplomat();
        cmd.current_dir(self.root())
            .arg("-C")
            .arg(self.root())
            .args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(args.join(" "), &mut self.cmd(args))
    }

    /// [`Workspace::run`] into a pipe with no `COLUMNS`: what a file gets (a report's Markdown
    /// whole, every line and table unwrapped), for tests that read it as a document.
    pub fn run_piped(&self, args: &[&str]) -> Run {
        let mut cmd = self.cmd(args);
        cmd.env_remove("COLUMNS");
        Run::of(args.join(" "), &mut cmd)
    }
}

/// A small valid dossier.
pub fn minimal(slug: &str, en: &str, fa: &str, local: &str, country: &str) -> String {
    format!(
        "slug: {slug}\nname:\n  en: \"{en}\"\n  fa: {fa}\n  local: {local}\ncountry: {country}\nrelationship:\n  kind: sister-city\n  status: dormant\n"
    )
}

/// The spec's example dossier (`shared/spec/example-dossier.yaml`): every field a dossier may hold.
pub const BARCELONA: &str = r#"# Example dossier: every field a dossier may hold.
slug: barcelona
name:
  en: Barcelona
  fa: بارسلون
  local: Barcelona
country: ES
relationship:
  kind: sister-city
  status: reactivating
  signed: 2000-01-14
  notes: Contact re-established with help from the Ministry of Foreign Affairs.
  sources:
    - "isfahaninfo.com: list of Isfahan's sister cities"
representatives:
  municipality: International Affairs Office, Isfahan Municipality
  chamber: International Council, Isfahan Chamber of Commerce
joint_chamber: Iran–Spain Chamber of Commerce
sectors: [tourism, handicrafts, urban-planning, culture]

facilitators:
  - id: example-facilitator
    name: Example Facilitator
    name_fa: تسهیل‌گر نمونه
    languages: [es, ca, en, fa]
    expertise: [architecture, tourism]
    connection: Studied architecture in Barcelona.
    status: active
    since: 2026-10-02
    contact:
      email: facilitator@example.org
      phone: "+98 31 0000 0000"

contacts:
  - id: es-embassy-commercial
    name: Commercial counsellor
    role: embassy-counsellor
    organization: Embassy of Spain in Tehran
    languages: [es, en]

readiness:
  communication:
    status: partial
    evidence: Monthly call with the city's international relations office since October.
    assessed: 2026-11-20
  international_environment:
    status: unknown
  diplomatic_support:
    status: met
    evidence: Ministry of Foreign Affairs supports the reactivation.
    assessed: 2026-11-01
  investment_readiness:
    status: unmet
  branding:
    status: partial
  international_capacity:
    status: unknown

actions:
  - id: a-7k2m
    title: Send the handicrafts exhibition proposal to the city council
    owner: joint
    due: 2026-12-15
    status: open
  - id: a-q3xh
    title: Name the chamber's representative for this file
    owner: chamber
    due: 2026-11-01
    status: done
    done: 2026-10-28

interactions:
  - date: 2026-11-18
    kind: call
    title: Video call with the embassy's commercial counsellor
    with: [es-embassy-commercial]
    summary: |
      Agreed to exchange lists of exportable goods before the end of Azar.

opportunities:
  - id: o-3f9q
    title: Isfahan handicrafts showroom in Barcelona
    sector: handicrafts
    stage: exploring
    lead: chamber

reviews:
  - date: 2026-11-10
    participants: [example-facilitator, es-embassy-commercial]
    outcome: File reviewed; readiness gaps are investment readiness and branding.

notes: |
  Free text for the analysts.
x-budget-line: 1405-intl-07
"#;

/// A dossier whose counts are all non-zero, on 2026-11-26:
/// - facilitators: 1 active (maryam-rahimi, who has an e-mail and a phone), 1 inactive, 1 prospective;
/// - actions: open = a-late (overdue: due 2026-11-01), a-today (due today: not overdue),
///   a-later, a-stuck (blocked, no due date); not open = a-done, a-dropped (due long ago);
/// - interactions: 2026-10-01, 2026-11-20 (the last contact), 2026-12-05 (planned, in the future);
/// - events: e-deleg (confirmed, 2026-12-05 to 12-07, with maryam-rahimi and the counsellor),
///   e-past (planned for 2026-11-10, never said held), e-held (held on 2026-10-01);
/// - readiness: communication and diplomatic_support met, investment_readiness partial,
///   branding unmet, the other two not assessed; only the Municipality's representative named.
///
/// Checklist: met = communication, diplomatic_support, contact-within-days, has-open-action = 4/11.
pub const FLORENCE: &str = r#"# Florence: a dossier with people, actions and interactions.
slug: florence
name:
  en: Florence
  fa: فلورانس
  local: Firenze
country: IT
relationship:
  kind: sister-city
  status: active
  signed: 1998-03
representatives:
  municipality: International Affairs Office, Isfahan Municipality
sectors: [culture, handicrafts]
facilitators:
  - id: maryam-rahimi
    name: Maryam Rahimi
    name_fa: مریم رحیمی
    languages: [it, en, fa]
    expertise: [restoration]
    status: active
    since: 2026-09-01
    contact:
      email: maryam.rahimi@example.org
      phone: "+98 913 000 1111"
  - id: reza-karimi
    name: Reza Karimi
    status: inactive
  - id: sara-ahmadi
    name: Sara Ahmadi
    status: prospective
contacts:
  - id: it-embassy-culture
    name: Cultural counsellor
    role: embassy-counsellor
    organization: Embassy of Italy in Tehran
    contact:
      email: counsellor@example.it
      phone: "+98 21 0000 2222"
readiness:
  communication:
    status: met
    evidence: Weekly calls with the twinning office.
    assessed: 2026-11-02
  diplomatic_support:
    status: met
  investment_readiness:
    status: partial
  branding:
    status: unmet
actions:
  - id: a-late
    title: Send the exhibition list
    owner: joint
    due: 2026-11-01
    status: open
  - id: a-today
    title: Call the twinning office
    owner: municipality
    due: 2026-11-26
    status: in-progress
  - id: a-later
    title: Draft the annex of the memorandum
    owner: chamber
    due: 2026-12-15
    status: open
  - id: a-stuck
    title: Visa letters for the delegation
    owner: chamber
    status: blocked
  - id: a-done
    title: Name the chamber's representative
    owner: chamber
    due: 2026-10-01
    status: done
    done: 2026-09-28
  - id: a-dropped
    title: An old idea
    owner: joint
    due: 2026-01-01
    status: dropped
events:
  - id: e-deleg
    date: 2026-12-05
    end: 2026-12-07
    time: '10:00'
    kind: delegation
    title: Delegation of the twinning office in Isfahan
    place: Isfahan Municipality
    with: [maryam-rahimi, it-embassy-culture]
    status: confirmed
  - id: e-past
    date: 2026-11-10
    kind: meeting
    title: Restorers' workshop planning
    status: planned
  - id: e-held
    date: 2026-10-01
    kind: meeting
    title: First meeting with the twinning office
    with: [maryam-rahimi]
    status: held
interactions:
  - date: 2026-10-01
    kind: meeting
    title: First meeting with the twinning office
    with: [maryam-rahimi]
  - date: 2026-11-20
    kind: call
    title: Call with the cultural counsellor
    with: [it-embassy-culture, maryam-rahimi]
  - date: 2026-12-05
    kind: visit
    title: Planned visit of the delegation
"#;

/// A city that meets all 11 items of the built-in checklist on 2026-11-26: the six requirements
/// met, 2 active facilitators, both representatives, an interaction today, an open action due
/// after today. Its last contact, 2026-11-26, is 1405/09/05 in the Solar Hijri calendar.
pub const KAZAN: &str = r#"slug: kazan
name:
  en: Kazan
  fa: کازان
  local: Казань
country: RU
relationship:
  kind: sister-city
  status: active
  signed: 2016
representatives:
  municipality: International Affairs Office, Isfahan Municipality
  chamber: International Council, Isfahan Chamber of Commerce
sectors: [tourism, education]
facilitators:
  - id: ali-ahmadi
    name: Ali Ahmadi
    status: active
  - id: leila-sadeghi
    name: Leila Sadeghi
    status: active
readiness:
  communication:
    status: met
  international_environment:
    status: met
  diplomatic_support:
    status: met
  investment_readiness:
    status: met
  branding:
    status: met
  international_capacity:
    status: met
actions:
  - id: a-next
    title: Prepare the spring delegation
    owner: joint
    due: 2027-01-15
    status: open
interactions:
  - date: 2026-11-26
    kind: meeting
    title: Meeting with the mayor's office
    with: [ali-ahmadi]
"#;

/// Xi'an: Persian name with the Persian yeh (ی); Persian sources also write it with the Arabic yeh (ي).
pub const XIAN: &str = r#"slug: xian
name:
  en: Xi'an
  fa: شیان
  local: 西安
country: CN
relationship:
  kind: sister-city
  status: dormant
  signed: 1989-05-07
"#;

/// Saint Petersburg: Persian name written with a zero-width non-joiner (U+200C) after سن.
pub const SAINT_PETERSBURG: &str = "slug: saint-petersburg\nname:\n  en: Saint Petersburg\n  fa: \"سن\u{200C}پترزبورگ\"\n  local: Санкт-Петербург\ncountry: RU\nrelationship:\n  kind: sister-city\n  status: active\n";

/// `diplomat -C <root> ARGS…` started with its output piped, for tests that close the pipe.
pub fn spawn_piped(ws: &Workspace, args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_diplomat"))
        .env_clear()
        .envs(hermetic_env())
        .current_dir(ws.root())
        .arg("-C")
        .arg(ws.root())
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// `git ARGS…` in the workspace, as `author` at `date`, with no user or system configuration.
pub fn git(ws: &Workspace, args: &[&str], author: &str, date: &str) {
    git_dated(ws, args, author, [date, date]);
}

/// [`git`] with an author date and a committer date that differ, as a rebase leaves them.
pub fn git_dated(ws: &Workspace, args: &[&str], author: &str, [authored, committed]: [&str; 2]) {
    let output = std::process::Command::new("git")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", ws.root())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", "analyst@example.org")
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", "analyst@example.org")
        .env("GIT_AUTHOR_DATE", authored)
        .env("GIT_COMMITTER_DATE", committed)
        .current_dir(ws.root())
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.autocrlf=false",
        ])
        .args(args)
        .output()
        .expect("git runs (it is on PATH)");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Adds `files` and commits them as `author` at `date`.
pub fn commit(ws: &Workspace, files: &[&str], author: &str, date: &str, subject: &str) {
    let mut add = vec!["add", "--"];
    add.extend_from_slice(files);
    git(ws, &add, author, date);
    git(ws, &["commit", "-q", "-m", subject], author, date);
}

/// The cells of sheet `name` of the workbook at `path` as text, read back with calamine; a
/// date as `YYYY-MM-DD`.
pub fn sheet_text(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    // An Excel date: days since 1899-12-30.
                    Data::DateTime(d) => (jiff::civil::date(1899, 12, 30)
                        + jiff::Span::new().days(d.as_f64() as i64))
                    .to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}
