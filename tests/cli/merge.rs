//! Issue 9: `diplomat merge-driver` through real `git merge`, `git rebase` and `git cherry-pick`
//! in temporary repositories, and the driver called directly with three files.
//!
//! Each scenario commits a base dossier on `main`, changes it on a branch `theirs` and on `main`
//! (ours) with the analysts' own commands or hand edits, then merges `theirs` into `main`. A clean
//! merge must keep every entry of both sides once and leave a valid dossier; a conflict must mark
//! exactly the contested lines, and either side of it must be a valid dossier.

use std::path::PathBuf;
use std::process::Command;

use tempfile::TempDir;

use crate::support::{Run, TODAY, diplomat};

/// The dossier most scenarios merge.
pub(crate) const FILE: &str = "cities/barcelona.yaml";

/// A realistic dossier: people, actions, interactions, readiness, comments, a `|` block, an
/// `x-` key and Persian names; no `opportunities` (so both sides can add the section).
pub(crate) const BASE: &str = r#"# Barcelona — dossier of the Citizen Diplomat programme.
# Facts: see relationship.sources.
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
sectors: [tourism, handicrafts, culture]

# People in Isfahan with a tie to Barcelona.
facilitators:
  - id: reza-karimi
    name: Reza Karimi
    name_fa: رضا کریمی
    languages: [es, ca]
    expertise: [architecture]
    connection: Studied architecture in Barcelona.
    status: active
    since: 2026-10-02
    contact:
      email: reza.karimi@example.org
  - id: sara-ahmadi
    name: Sara Ahmadi
    name_fa: سارا احمدی
    languages: [en]
    status: prospective

contacts:
  - id: es-embassy-commercial
    name: Commercial counsellor
    role: embassy-counsellor
    organization: Embassy of Spain in Tehran
    languages: [es, en]

readiness:
  communication:
    status: partial
    evidence: Monthly call with the city's international relations office.
    assessed: 2026-11-20
  international_environment:
    status: unknown
  diplomatic_support:
    # Confirmed by letter on 1405/08/10.
    status: met
    evidence: Ministry of Foreign Affairs supports the reactivation.
    assessed: 2026-11-01
  investment_readiness:
    status: unmet
  branding:
    status: partial
  international_capacity:
    status: unknown

# The joint action plan.
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
  - id: a-w9pd
    title: Translate the city profile into Catalan
    owner: municipality
    status: open

interactions:
  - date: 2026-10-05
    kind: meeting
    title: First meeting with Reza Karimi
    with: [reza-karimi]
  - date: 2026-11-18
    kind: call
    title: Video call with the embassy's commercial counsellor
    with: [es-embassy-commercial]
    summary: |
      Agreed to exchange lists of exportable goods before the end of Azar.

reviews:
  - date: 2026-11-10
    participants: [reza-karimi, es-embassy-commercial]
    outcome: File reviewed; readiness gaps are investment readiness and branding.

notes: |
  Free text for the analysts.
  Second line of the notes.
x-budget-line: 1405-intl-07
"#;

/// The driver as `diplomat hook install` registers it.
const DRIVER_ARGS: &str =
    "merge-driver %O %A %B %P --marker-size %L --ours-label %X --theirs-label %Y";

// ---------------------------------------------------------------------------------------------
// The harness

/// A git repository holding a workspace, with the merge driver registered; deleted at the end.
pub(crate) struct Repo {
    _home: TempDir,
    root: PathBuf,
}

impl Repo {
    /// A repository on `main` whose first commit holds `files` (paths relative to the root).
    fn new(files: &[(&str, &str)]) -> Repo {
        let home = tempfile::tempdir().expect("a temporary folder");
        let root = home.path().join("work");
        std::fs::create_dir_all(root.join("cities")).expect("cities/ created");
        let repo = Repo { _home: home, root };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        // The settings written at once: fewer processes than one `git config` each.
        let config = repo.root.join(".git/config");
        let mut text = std::fs::read_to_string(&config).expect("git config");
        text.push_str(&format!(
            "[user]\n\tname = Analyst\n\temail = analyst@example.org\n\
             [core]\n\tautocrlf = false\n\
             [advice]\n\tdetachedHead = false\n\tmergeConflict = false\n\
             [merge \"diplomat\"]\n\tname = dossiers by structure\n\tdriver = '{}' {DRIVER_ARGS}\n",
            env!("CARGO_BIN_EXE_diplomat")
        ));
        std::fs::write(&config, text).expect("git config written");
        repo.write(".gitattributes", "cities/*.yaml merge=diplomat\n");
        repo.write(".gitignore", ".diplomat/\n");
        for (path, content) in files {
            repo.write(path, content);
        }
        repo.commit("base");
        repo
    }

    fn git(&self, args: &[&str]) -> std::process::Output {
        let home = self.root.parent().expect("the home folder");
        Command::new("git")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", "2026-11-26T09:00:00+03:30")
            .env("GIT_COMMITTER_DATE", "2026-11-26T09:00:00+03:30")
            .env("GIT_EDITOR", "true")
            .env("LC_ALL", "C")
            .env("DIPLOMAT_TODAY", TODAY)
            .current_dir(&self.root)
            .args(args)
            .output()
            .expect("git runs")
    }

    /// Runs git and insists on success; its stdout.
    fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {} failed\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    fn write(&self, path: &str, content: impl AsRef<[u8]>) {
        std::fs::write(self.root.join(path), content).expect("file written");
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).expect("file readable")
    }

    /// A hand edit of the dossier: `from` (which must occur exactly once) becomes `to`.
    pub(crate) fn edit(&self, from: &str, to: &str) {
        let text = self.read(FILE);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} should occur once in {FILE}\n{text}"
        );
        self.write(FILE, text.replacen(from, to, 1));
    }

    /// `diplomat ARGS…` in the workspace.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let mut cmd = diplomat();
        cmd.current_dir(&self.root)
            .arg("-C")
            .arg(&self.root)
            .args(args);
        Run::of(args.join(" "), &mut cmd)
    }

    /// `diplomat ARGS…`, which must succeed; its stdout trimmed (a new id, for `add`s).
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        run.code(0);
        run.stdout.trim().to_owned()
    }

    /// `diplomat log barcelona TITLE --kind KIND --date DATE`: the analysts' most common change.
    fn log(&self, title: &str, kind: &str, date: &str) {
        self.ok(&["log", "barcelona", title, "--kind", kind, "--date", date]);
    }

    /// Paths git holds as unmerged.
    fn unmerged(&self) -> String {
        self.git_ok(&["ls-files", "-u"])
    }
}

/// How theirs' changes are brought into ours.
#[derive(Clone, Copy)]
pub(crate) enum How {
    /// `git merge theirs` on `main`.
    Merge,
    /// `git rebase main` on `theirs`: the replayed commits are "theirs", `main` is "ours".
    Rebase,
    /// `git cherry-pick theirs` on `main`.
    CherryPick,
    /// `git merge theirs` on `main` by git's line merge (as on a forge, or in a clone without
    /// `hook install`), then `diplomat resolve`.
    Resolve,
}

/// What a merge left behind.
pub(crate) struct Merged {
    pub(crate) repo: Repo,
    how: How,
    file: &'static str,
    /// Exit status of the git command (of `diplomat resolve`, for [`How::Resolve`]).
    code: i32,
    /// What git printed (the driver's warnings included), and `resolve`.
    pub(crate) output: String,
    /// The merged file.
    pub(crate) text: String,
    /// The file as it was in the base commit and on each branch.
    base: String,
    pub(crate) ours: String,
    pub(crate) theirs: String,
}

/// The base dossier changed by `ours` on `main` and by `theirs` on a branch, then merged.
fn merge(ours: impl FnOnce(&Repo), theirs: impl FnOnce(&Repo)) -> Merged {
    scenario(How::Merge, &[(FILE, BASE)], FILE, ours, theirs)
}

/// Commits `base`; `theirs` on branch `theirs`, `ours` on `main` (each then committed), and
/// brings theirs in as `how` says. `file` is the dossier examined.
pub(crate) fn scenario(
    how: How,
    base: &[(&str, &str)],
    file: &'static str,
    ours: impl FnOnce(&Repo),
    theirs: impl FnOnce(&Repo),
) -> Merged {
    let repo = Repo::new(base);
    let base_text = std::fs::read_to_string(repo.root.join(file)).unwrap_or_default();
    repo.git_ok(&["checkout", "-q", "-b", "theirs"]);
    theirs(&repo);
    repo.commit("theirs");
    let theirs_text = std::fs::read_to_string(repo.root.join(file)).unwrap_or_default();
    repo.git_ok(&["checkout", "-q", "main"]);
    ours(&repo);
    repo.commit("ours");
    let ours_text = std::fs::read_to_string(repo.root.join(file)).unwrap_or_default();
    let mut resolved = None;
    let out = match how {
        How::Merge => repo.git(&["merge", "--no-edit", "theirs"]),
        How::Resolve => {
            repo.write(".git/info/attributes", "cities/*.yaml merge=text\n");
            let merged = repo.git(&["merge", "--no-edit", "theirs"]);
            std::fs::remove_file(repo.root.join(".git/info/attributes"))
                .expect("attributes removed");
            resolved = Some(repo.run(&["resolve"]));
            merged
        }
        How::CherryPick => repo.git(&["cherry-pick", "theirs"]),
        How::Rebase => {
            repo.git_ok(&["checkout", "-q", "theirs"]);
            repo.git(&["rebase", "main"])
        }
    };
    let mut output = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut code = out.status.code().expect("git exits");
    if let Some(run) = resolved {
        output.push_str(&format!("--- diplomat resolve:\n{run}"));
        code = run.code.expect("resolve exits");
    }
    Merged {
        text: repo.read(file),
        how,
        code,
        output,
        base: base_text,
        ours: ours_text,
        theirs: theirs_text,
        file,
        repo,
    }
}

impl Merged {
    fn context(&self) -> String {
        format!(
            "--- git exit {}\n--- git output:\n{}\n--- merged {}:\n{}---",
            self.code, self.output, self.file, self.text
        )
    }

    /// Exit 0, nothing unmerged, no markers, and the workspace validates.
    pub(crate) fn clean(&self) -> &Self {
        assert_eq!(
            self.code,
            0,
            "the merge should be clean\n{}",
            self.context()
        );
        assert_eq!(self.repo.unmerged(), "", "{}", self.context());
        assert_eq!(marker_lines(&self.text, 7), 0, "{}", self.context());
        let run = self.repo.run(&["validate"]);
        assert_eq!(
            run.code,
            Some(0),
            "the merged workspace should validate\n{run}\n{}",
            self.context()
        );
        self.nothing_lost_or_doubled()
    }

    /// Every id, title, outcome and comment line is in the merge once if both sides have it or
    /// one side added it, and not at all if one side removed (or changed) it.
    fn nothing_lost_or_doubled(&self) -> &Self {
        let has = |text: &str, line: &str| landmarks(text).iter().filter(|l| *l == &line).count();
        let (base, ours, theirs) = (
            landmarks(&self.base),
            landmarks(&self.ours),
            landmarks(&self.theirs),
        );
        for line in ours.iter().chain(&theirs) {
            let (b, o, t) = (
                base.contains(line),
                ours.contains(line),
                theirs.contains(line),
            );
            // kept when both sides have it, or one side added it
            let kept = (o && t) || (!b && (o || t));
            assert_eq!(
                has(&self.text, line),
                usize::from(kept),
                "{line:?} should be in the merge {} (base {b}, ours {o}, theirs {t})\n{}",
                if kept { "once" } else { "no more" },
                self.context()
            );
        }
        self
    }

    /// A clean merge that reads exactly `expected`.
    pub(crate) fn reads(&self, expected: &str) -> &Self {
        self.clean();
        assert_eq!(self.text, expected, "{}", self.context());
        self
    }

    /// Each needle occurs exactly once in the merged file.
    pub(crate) fn once(&self, needles: &[&str]) -> &Self {
        for needle in needles {
            assert_eq!(
                self.text.matches(needle).count(),
                1,
                "{needle:?} should occur exactly once\n{}",
                self.context()
            );
        }
        self
    }

    fn lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.text.contains(needle),
            "{needle:?} should be gone\n{}",
            self.context()
        );
        self
    }

    /// The needles occur in this order.
    fn in_order(&self, needles: &[&str]) -> &Self {
        let at: Vec<usize> = needles
            .iter()
            .map(|n| {
                self.text
                    .find(n)
                    .unwrap_or_else(|| panic!("{n:?} missing\n{}", self.context()))
            })
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{needles:?} should come in this order\n{}",
            self.context()
        );
        self
    }

    /// Every line of `side` is in the merged file (nothing of it was lost).
    fn keeps_lines_of(&self, side: &str) -> &Self {
        for line in side.lines() {
            assert!(
                self.text.lines().any(|l| l == line),
                "line {line:?} was lost\n{}",
                self.context()
            );
        }
        self
    }

    /// Exit 1, the file unmerged, and exactly these conflicts (ours' lines, theirs' lines), each
    /// marked `<<<<<<< ours_label` … `>>>>>>> theirs_label`; either side of each is valid.
    pub(crate) fn conflicts(&self, expected: &[(&str, &str)]) -> &Self {
        match self.how {
            How::Resolve => self.conflicts_labelled("ours", "theirs", expected),
            _ => self.conflicts_labelled("HEAD", "theirs", expected),
        }
    }

    fn conflicts_labelled(
        &self,
        ours_label: &str,
        theirs_label: &str,
        expected: &[(&str, &str)],
    ) -> &Self {
        assert_eq!(
            self.code,
            1,
            "the merge should conflict\n{}",
            self.context()
        );
        assert!(
            self.repo.unmerged().contains(self.file),
            "{} should be unmerged\n{}",
            self.file,
            self.context()
        );
        let found = conflict_blocks(&self.text, 7);
        let wanted: Vec<String> = expected
            .iter()
            .map(|(o, t)| block(7, ours_label, o, t, theirs_label))
            .collect();
        assert_eq!(
            found,
            wanted,
            "the marked regions differ\n{}",
            self.context()
        );
        self.either_side_valid(7)
    }

    /// Taking ours (or theirs) in every conflict gives a valid dossier.
    fn either_side_valid(&self, marker_size: usize) -> &Self {
        for ours in [true, false] {
            let resolved = take_side(&self.text, ours, marker_size);
            self.repo.write(self.file, &resolved);
            let run = self.repo.run(&["validate", self.file]);
            assert_eq!(
                run.code,
                Some(0),
                "taking {} gives an invalid dossier\n{run}\n{resolved}",
                if ours { "ours" } else { "theirs" }
            );
        }
        self.repo.write(self.file, &self.text);
        self
    }

    /// Taking ours gives ours' branch and taking theirs theirs' branch: the conflicts were the
    /// only changes, and nothing outside them moved.
    pub(crate) fn sides_are_the_branches(&self) -> &Self {
        assert_eq!(
            take_side(&self.text, true, 7),
            self.ours,
            "{}",
            self.context()
        );
        assert_eq!(
            take_side(&self.text, false, 7),
            self.theirs,
            "{}",
            self.context()
        );
        self
    }
}

/// The lines that name an entry or carry a comment, without indentation or dash.
fn landmarks(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.trim().trim_start_matches("- "))
        .filter(|l| {
            ["id: ", "title: ", "outcome: ", "#"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .collect()
}

/// A conflict block as git writes it.
fn block(size: usize, ours_label: &str, ours: &str, theirs: &str, theirs_label: &str) -> String {
    format!(
        "{} {ours_label}\n{ours}{}\n{theirs}{} {theirs_label}\n",
        "<".repeat(size),
        "=".repeat(size),
        ">".repeat(size)
    )
}

/// Lines that are conflict markers.
fn marker_lines(text: &str, size: usize) -> usize {
    let [open, middle, close] = ["<", "=", ">"].map(|c| c.repeat(size));
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| l.starts_with(&open) || *l == middle || l.starts_with(&close))
        .count()
}

/// Each conflict of `text`, from its `<<<<<<<` line to its `>>>>>>>` line inclusive.
fn conflict_blocks(text: &str, size: usize) -> Vec<String> {
    let open = "<".repeat(size);
    let close = ">".repeat(size);
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.split_inclusive('\n') {
        if line.starts_with(&open) {
            current = Some(String::new());
        }
        if let Some(b) = current.as_mut() {
            b.push_str(line);
        }
        if line.starts_with(&close) {
            blocks.extend(current.take());
        }
    }
    blocks
}

/// `text` with every conflict resolved to one side.
fn take_side(text: &str, ours: bool, size: usize) -> String {
    let [open, middle, close] = ["<", "=", ">"].map(|c| c.repeat(size));
    let mut out = String::new();
    let mut part = 0; // 0 outside, 1 ours, 2 theirs
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if part == 0 && bare.starts_with(&open) {
            part = 1;
        } else if part == 1 && bare == middle {
            part = 2;
        } else if part == 2 && bare.starts_with(&close) {
            part = 0;
        } else if part == 0 || (part == 1) == ours {
            out.push_str(line);
        }
    }
    out
}

/// The base dossier with keys out of schema order (as hand edits leave them), which
/// `diplomat fmt` puts back in order.
fn out_of_order() -> String {
    BASE.replacen(
        "name:\n  en: Barcelona\n  fa: بارسلون\n  local: Barcelona\ncountry: ES\n",
        "country: ES\nname:\n  en: Barcelona\n  fa: بارسلون\n  local: Barcelona\n",
        1,
    )
    .replacen(
        "  kind: sister-city\n  status: reactivating\n",
        "  status: reactivating\n  kind: sister-city\n",
        1,
    )
    .replacen(
        "  - date: 2026-10-05\n    kind: meeting\n    title: First meeting with Reza Karimi\n",
        "  - title: First meeting with Reza Karimi\n    date: 2026-10-05\n    kind: meeting\n",
        1,
    )
}

// ---------------------------------------------------------------------------------------------
// Interactions and reviews: sets, theirs' additions in date order

#[test]
fn both_log_on_the_same_date_keeps_both_interactions() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| {
            r.log("Letter from the mayor", "letter", "2026-11-25");
        },
    );
    m.clean()
        .once(&[
            "title: Call with the twinning office",
            "title: Letter from the mayor",
            "title: First meeting with Reza Karimi",
            "title: Video call with the embassy's commercial counsellor",
        ])
        .in_order(&[
            "Video call with the embassy's",
            "Call with the twinning office",
            "Letter from the mayor",
            "\nreviews:",
        ]);
}

#[test]
fn theirs_older_interaction_goes_in_date_order() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| {
            r.log("Exhibition opening", "event", "2026-11-20");
            r.log("Letter to the city council", "letter", "2026-10-01");
        },
    );
    m.clean()
        .once(&[
            "title: Call with the twinning office",
            "title: Exhibition opening",
            "title: Letter to the city council",
        ])
        .in_order(&[
            "date: 2026-10-01",
            "date: 2026-10-05",
            "date: 2026-11-18",
            "date: 2026-11-20",
            "date: 2026-11-25",
        ]);
}

#[test]
fn the_same_interaction_logged_on_both_sides_is_kept_once() {
    let log = |r: &Repo| {
        r.ok(&[
            "log",
            "barcelona",
            "Call with the twinning office",
            "--kind",
            "call",
            "--date",
            "2026-11-25",
            "--with",
            "reza-karimi",
        ]);
    };
    let m = merge(
        |r| {
            log(r);
            r.edit("x-budget-line: 1405-intl-07", "x-budget-line: 1405-intl-08");
        },
        log,
    );
    m.clean()
        .once(&["title: Call with the twinning office", "1405-intl-08"]);
}

#[test]
fn both_add_reviews_kept_in_date_order() {
    let m = merge(
        |r| {
            r.ok(&[
                "review",
                "add",
                "barcelona",
                "--date",
                "2026-11-24",
                "--participant",
                "reza-karimi",
                "--outcome",
                "Branding plan agreed",
            ]);
        },
        |r| {
            r.ok(&[
                "review",
                "add",
                "barcelona",
                "--date",
                "2026-11-20",
                "--outcome",
                "Investment gaps listed",
            ]);
        },
    );
    m.clean()
        .once(&[
            "outcome: Branding plan agreed",
            "outcome: Investment gaps listed",
            "outcome: File reviewed",
        ])
        .in_order(&[
            "date: 2026-11-10",
            "Investment gaps listed",
            "Branding plan agreed",
            "\nnotes:",
        ]);
}

#[test]
fn both_edit_different_fields_of_one_interaction_keep_one_interaction() {
    let m = merge(
        |r| {
            r.edit(
                "title: First meeting with Reza Karimi\n",
                "title: First meeting with Reza Karimi at the Chamber\n",
            )
        },
        |r| {
            r.edit(
                "with: [reza-karimi]\n",
                "with: [reza-karimi, sara-ahmadi]\n",
            )
        },
    );
    // One meeting, not an old and a new copy of it.
    m.clean().once(&[
        "date: 2026-10-05",
        "  - date: 2026-10-05\n    kind: meeting\n    title: First meeting with Reza Karimi at the Chamber\n    with: [reza-karimi, sara-ahmadi]\n",
    ]);
}

/// One side corrects a call's title and logs another call that day; the other rewrites the
/// call's summary: one call with both corrections, and the new one, never a second copy.
#[test]
fn an_interaction_edited_on_both_sides_beside_a_new_one_that_day_stays_one() {
    let m = merge(
        |r| {
            r.edit(
                "title: Video call with the embassy's commercial counsellor\n",
                "title: Video call with the embassy's commercial counsellor (trade office)\n",
            );
            r.log("Follow-up call with the trade office", "call", "2026-11-18");
        },
        |r| {
            r.edit(
                "Agreed to exchange lists of exportable goods before the end of Azar.",
                "Agreed to exchange lists of exportable goods by 30 Azar.",
            )
        },
    );
    m.clean()
        .once(&[
            "title: Video call with the embassy's commercial counsellor (trade office)\n    with: [es-embassy-commercial]\n    summary: |\n      Agreed to exchange lists of exportable goods by 30 Azar.\n",
            "title: Follow-up call with the trade office",
            "kind: meeting",
        ])
        .lacks("before the end of Azar");
    assert_eq!(m.text.matches("kind: call").count(), 2, "{}", m.text);
}

/// One side corrects a call's date; the other its summary: one call, moved and rewritten.
#[test]
fn an_interaction_redated_on_one_side_and_edited_on_the_other_stays_one() {
    let m = merge(
        |r| {
            r.edit(
                "  - date: 2026-11-18\n    kind: call\n",
                "  - date: 2026-11-19\n    kind: call\n",
            )
        },
        |r| {
            r.edit(
                "Agreed to exchange lists of exportable goods before the end of Azar.",
                "Agreed to exchange lists of exportable goods by 30 Azar.",
            )
        },
    );
    m.clean()
        .once(&[
            "  - date: 2026-11-19\n    kind: call\n    title: Video call with the embassy's commercial counsellor\n",
            "by 30 Azar.",
            "Video call",
        ])
        .lacks("2026-11-18")
        .lacks("before the end of Azar");
}

#[test]
fn both_add_sources_to_a_block_list_keeps_both() {
    let m = merge(
        |r| {
            r.edit(
                "    - \"isfahaninfo.com: list of Isfahan's sister cities\"\n",
                "    - \"isfahaninfo.com: list of Isfahan's sister cities\"\n    - en.imna.ir\n",
            )
        },
        |r| {
            r.edit(
                "    - \"isfahaninfo.com: list of Isfahan's sister cities\"\n",
                "    - \"isfahaninfo.com: list of Isfahan's sister cities\"\n    - irna.ir\n",
            )
        },
    );
    m.clean()
        .once(&["- en.imna.ir\n", "- irna.ir\n", "isfahaninfo.com"]);
}

#[test]
fn both_add_sectors_to_a_flow_list_keeps_both() {
    let m = merge(
        |r| {
            r.edit(
                "sectors: [tourism, handicrafts, culture]",
                "sectors: [tourism, handicrafts, culture, education]",
            )
        },
        |r| {
            r.edit(
                "sectors: [tourism, handicrafts, culture]",
                "sectors: [tourism, handicrafts, culture, urban-planning]",
            )
        },
    );
    m.clean().once(&["education", "urban-planning"]);
}

// ---------------------------------------------------------------------------------------------
// Facilitators and contacts: by id

#[test]
fn both_add_facilitators_with_different_ids_keeps_both() {
    let m = merge(
        |r| {
            r.ok(&[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "Maryam Rahimi",
                "--name-fa",
                "مریم رحیمی",
                "--language",
                "ca",
                "--status",
                "active",
            ]);
        },
        |r| {
            r.ok(&[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "Ali Sadeghi",
                "--id",
                "ali-sadeghi",
                "--expertise",
                "tourism",
            ]);
        },
    );
    m.clean()
        .once(&[
            "- id: maryam-rahimi",
            "- id: ali-sadeghi",
            "- id: reza-karimi",
            "- id: sara-ahmadi",
            "name_fa: مریم رحیمی",
        ])
        .in_order(&[
            "- id: sara-ahmadi",
            "- id: maryam-rahimi",
            "- id: ali-sadeghi",
            "\ncontacts:",
        ]);
}

#[test]
fn the_same_facilitator_added_identically_on_both_sides_is_kept_once() {
    let add = |r: &Repo| {
        r.ok(&[
            "facilitator",
            "add",
            "barcelona",
            "--name",
            "Maryam Rahimi",
            "--language",
            "ca",
            "--status",
            "active",
        ]);
    };
    let m = merge(
        |r| {
            add(r);
            r.ok(&[
                "readiness",
                "set",
                "barcelona",
                "branding",
                "met",
                "--evidence",
                "Logo adopted",
            ]);
        },
        add,
    );
    m.clean()
        .once(&["- id: maryam-rahimi", "name: Maryam Rahimi", "Logo adopted"]);
}

#[test]
fn the_same_facilitator_added_differently_conflicts_on_status_and_since_only() {
    let m = merge(
        |r| {
            r.ok(&[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "Maryam Rahimi",
                "--language",
                "ca",
                "--status",
                "active",
            ]);
        },
        |r| {
            r.ok(&[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "Maryam Rahimi",
                "--language",
                "ca",
                "--status",
                "prospective",
            ]);
        },
    );
    m.conflicts(&[(
        "    status: active\n    since: 2026-11-26\n",
        "    status: prospective\n    since: 2026-11-26\n",
    )])
    .sides_are_the_branches()
    .once(&["- id: maryam-rahimi", "name: Maryam Rahimi"]);
}

#[test]
fn both_change_different_fields_of_one_facilitator_merge_cleanly() {
    let m = merge(
        |r| {
            r.edit(
                "connection: Studied architecture in Barcelona.",
                "connection: Studied and worked in Barcelona.",
            )
        },
        |r| {
            r.edit(
                "    languages: [en]\n    status: prospective",
                "    languages: [en]\n    status: active",
            )
        },
    );
    m.clean()
        .once(&[
            "connection: Studied and worked in Barcelona.",
            "    languages: [en]\n    status: active\n",
        ])
        .lacks("prospective");
}

#[test]
fn languages_added_to_different_facilitators_keep_both() {
    let m = merge(
        |r| r.edit("languages: [es, ca]", "languages: [es, ca, en]"),
        |r| r.edit("    languages: [en]\n", "    languages: [en, fa]\n"),
    );
    m.clean()
        .once(&["languages: [es, ca, en]", "languages: [en, fa]"]);
}

#[test]
fn both_add_contacts_keeps_both() {
    let m = merge(
        |r| {
            r.ok(&[
                "contact",
                "add",
                "barcelona",
                "--name",
                "Cultural attaché",
                "--role",
                "embassy-counsellor",
            ]);
        },
        |r| {
            r.ok(&[
                "contact",
                "add",
                "barcelona",
                "--name",
                "Joan Puig",
                "--role",
                "city-official",
            ]);
        },
    );
    m.clean().once(&[
        "name: Cultural attaché",
        "name: Joan Puig",
        "- id: es-embassy-commercial",
    ]);
}

// ---------------------------------------------------------------------------------------------
// Actions and opportunities: by id

#[test]
fn both_add_actions_keeps_both() {
    let ours_id = std::cell::RefCell::new(String::new());
    let theirs_id = std::cell::RefCell::new(String::new());
    let m = merge(
        |r| {
            *ours_id.borrow_mut() = r.ok(&[
                "action",
                "add",
                "barcelona",
                "Book the exhibition hall",
                "--owner",
                "chamber",
                "--due",
                "2027-01-10",
            ]);
        },
        |r| {
            *theirs_id.borrow_mut() = r.ok(&[
                "action",
                "add",
                "barcelona",
                "Invite the Catalan craft guild",
                "--owner",
                "municipality",
            ]);
        },
    );
    let ids = [
        format!("- id: {}\n", ours_id.borrow()),
        format!("- id: {}\n", theirs_id.borrow()),
    ];
    let ids = [ids[0].as_str(), ids[1].as_str()];
    m.clean()
        .once(&ids)
        .once(&[
            "Book the exhibition hall",
            "Invite the Catalan craft guild",
            "- id: a-7k2m",
            "- id: a-q3xh",
            "- id: a-w9pd",
        ])
        .in_order(&["- id: a-w9pd", ids[0], ids[1], "\ninteractions:"]);
}

#[test]
fn one_marks_an_action_done_while_the_other_adds_one() {
    let m = merge(
        |r| {
            r.ok(&[
                "action",
                "done",
                "barcelona",
                "a-7k2m",
                "--on",
                "2026-11-24",
            ]);
        },
        |r| {
            r.ok(&[
                "action",
                "add",
                "barcelona",
                "Invite the Catalan craft guild",
                "--owner",
                "municipality",
            ]);
        },
    );
    m.clean()
        .once(&["Invite the Catalan craft guild", "done: 2026-11-24"])
        .in_order(&[
            "- id: a-7k2m",
            "status: done",
            "done: 2026-11-24",
            "- id: a-q3xh",
        ]);
}

#[test]
fn both_mark_an_action_done_on_the_same_date_merge_cleanly() {
    let done = |r: &Repo| {
        r.ok(&[
            "action",
            "done",
            "barcelona",
            "a-w9pd",
            "--on",
            "2026-11-22",
        ]);
    };
    let m = merge(
        |r| {
            done(r);
            r.log("Profile sent", "letter", "2026-11-22");
        },
        done,
    );
    m.clean().once(&["done: 2026-11-22", "title: Profile sent"]);
}

#[test]
fn both_mark_an_action_done_on_different_dates_conflicts_on_status_and_date() {
    let m = merge(
        |r| {
            r.ok(&[
                "action",
                "done",
                "barcelona",
                "a-w9pd",
                "--on",
                "2026-11-22",
            ]);
        },
        |r| {
            r.ok(&[
                "action",
                "done",
                "barcelona",
                "a-w9pd",
                "--on",
                "2026-11-25",
            ]);
        },
    );
    m.conflicts(&[(
        "    status: done\n    done: 2026-11-22\n",
        "    status: done\n    done: 2026-11-25\n",
    )])
    .sides_are_the_branches();
}

#[test]
fn action_done_on_one_side_and_due_moved_on_the_other_merge_cleanly() {
    let m = merge(
        |r| {
            r.ok(&[
                "action",
                "done",
                "barcelona",
                "a-7k2m",
                "--on",
                "2026-11-24",
            ]);
        },
        |r| {
            r.ok(&[
                "action",
                "set",
                "barcelona",
                "a-7k2m",
                "--due",
                "2027-01-31",
            ]);
        },
    );
    m.clean()
        .once(&["due: 2027-01-31", "done: 2026-11-24"])
        .lacks("due: 2026-12-15");
}

#[test]
fn both_add_the_opportunities_section_with_different_items() {
    let ours_id = std::cell::RefCell::new(String::new());
    let theirs_id = std::cell::RefCell::new(String::new());
    let m = merge(
        |r| {
            *ours_id.borrow_mut() = r.ok(&[
                "opportunity",
                "add",
                "barcelona",
                "Isfahan handicrafts showroom in Barcelona",
                "--sector",
                "handicrafts",
            ]);
        },
        |r| {
            *theirs_id.borrow_mut() = r.ok(&[
                "opportunity",
                "add",
                "barcelona",
                "Joint tourism package",
                "--sector",
                "tourism",
            ]);
        },
    );
    let (o, t) = (
        format!("- id: {}\n", ours_id.borrow()),
        format!("- id: {}\n", theirs_id.borrow()),
    );
    m.clean()
        .once(&[
            "opportunities:",
            &o,
            &t,
            "title: Isfahan handicrafts showroom in Barcelona",
            "title: Joint tourism package",
        ])
        .in_order(&["opportunities:", &o, &t]);
}

// ---------------------------------------------------------------------------------------------
// Deletions

#[test]
fn an_entry_deleted_on_one_side_and_left_alone_on_the_other_is_deleted() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| {
            r.edit(
                "  - id: a-w9pd\n    title: Translate the city profile into Catalan\n    owner: municipality\n    status: open\n",
                "",
            )
        },
    );
    m.clean()
        .lacks("a-w9pd")
        .lacks("Translate the city profile")
        .once(&["title: Call with the twinning office", "- id: a-q3xh"]);
}

#[test]
fn an_entry_deleted_on_both_sides_is_deleted() {
    let delete = |r: &Repo| {
        r.edit(
            "  - id: a-w9pd\n    title: Translate the city profile into Catalan\n    owner: municipality\n    status: open\n",
            "",
        )
    };
    let m = merge(
        |r| {
            delete(r);
            r.edit("x-budget-line: 1405-intl-07", "x-budget-line: 1405-intl-08");
        },
        delete,
    );
    m.clean().lacks("a-w9pd").once(&["1405-intl-08"]);
}

#[test]
fn an_entry_edited_on_one_side_and_deleted_on_the_other_conflicts() {
    let m = merge(
        |r| r.edit("    owner: municipality\n", "    owner: joint\n"),
        |r| {
            r.edit(
                "  - id: a-w9pd\n    title: Translate the city profile into Catalan\n    owner: municipality\n    status: open\n",
                "",
            )
        },
    );
    m.conflicts(&[(
        "  - id: a-w9pd\n    title: Translate the city profile into Catalan\n    owner: joint\n    status: open\n",
        "",
    )])
    .sides_are_the_branches();
}

#[test]
fn a_field_edited_on_one_side_and_deleted_on_the_other_conflicts() {
    let m = merge(
        |r| {
            r.edit(
                "connection: Studied architecture in Barcelona.",
                "connection: Studied and worked in Barcelona.",
            )
        },
        |r| r.edit("    connection: Studied architecture in Barcelona.\n", ""),
    );
    m.conflicts(&[("    connection: Studied and worked in Barcelona.\n", "")])
        .sides_are_the_branches();
}

#[test]
fn a_section_deleted_on_one_side_and_added_to_on_the_other_conflicts() {
    let m = merge(
        |r| {
            r.edit(
                "reviews:\n  - date: 2026-11-10\n    participants: [reza-karimi, es-embassy-commercial]\n    outcome: File reviewed; readiness gaps are investment readiness and branding.\n\n",
                "",
            )
        },
        |r| {
            r.ok(&[
                "review",
                "add",
                "barcelona",
                "--date",
                "2026-11-20",
                "--outcome",
                "Second review",
            ]);
        },
    );
    m.conflicts(&[(
        "",
        "\nreviews:\n  - date: 2026-11-10\n    participants: [reza-karimi, es-embassy-commercial]\n    outcome: File reviewed; readiness gaps are investment readiness and branding.\n  - date: 2026-11-20\n    outcome: Second review\n",
    )])
    .in_order(&["Agreed to exchange lists", "<<<<<<< HEAD", ">>>>>>> theirs\n\nnotes: |"]);
}

#[test]
fn a_facilitator_deleted_while_the_other_side_logs_with_them_is_left_to_the_analyst() {
    // Both sides are valid; the clean merge names a person who is gone: exit 1, no markers.
    let m = merge(
        |r| {
            r.ok(&[
                "log",
                "barcelona",
                "Coffee with Sara",
                "--kind",
                "meeting",
                "--date",
                "2026-11-25",
                "--with",
                "sara-ahmadi",
            ]);
        },
        |r| {
            r.edit(
                "  - id: sara-ahmadi\n    name: Sara Ahmadi\n    name_fa: سارا احمدی\n    languages: [en]\n    status: prospective\n",
                "",
            )
        },
    );
    assert_eq!(m.code, 1, "{}", m.context());
    assert_eq!(marker_lines(&m.text, 7), 0, "{}", m.context());
    assert!(m.repo.unmerged().contains(FILE), "{}", m.context());
    assert!(
        m.output.contains("breaks a dossier rule"),
        "{}",
        m.context()
    );
    m.once(&["title: Coffee with Sara", "with: [sara-ahmadi]"])
        .lacks("- id: sara-ahmadi");
    m.repo
        .run(&["validate"])
        .code(1)
        .stdout_has("`with` names `sara-ahmadi`");
}

// ---------------------------------------------------------------------------------------------
// Values changed on both sides

#[test]
fn one_field_changed_differently_is_marked_around_that_line_only() {
    let m = merge(
        |r| r.edit("  status: reactivating\n", "  status: active\n"),
        |r| r.edit("  status: reactivating\n", "  status: suspended\n"),
    );
    m.conflicts(&[("  status: active\n", "  status: suspended\n")])
        .sides_are_the_branches()
        .in_order(&[
            "  kind: sister-city\n<<<<<<< HEAD\n",
            ">>>>>>> theirs\n  signed: 2000-01-14\n",
        ]);
}

#[test]
fn a_conflict_below_an_unchanged_comment_leaves_the_comment_outside_the_markers() {
    let m = merge(
        |r| r.edit("    status: met\n", "    status: partial\n"),
        |r| r.edit("    status: met\n", "    status: unmet\n"),
    );
    // The status is one unit with its evidence and date: all three inside, the comment out.
    let rest = "    evidence: Ministry of Foreign Affairs supports the reactivation.\n    assessed: 2026-11-01\n";
    m.conflicts(&[(
        &format!("    status: partial\n{rest}"),
        &format!("    status: unmet\n{rest}"),
    )])
    .sides_are_the_branches()
    .once(&["    # Confirmed by letter on 1405/08/10.\n<<<<<<< HEAD\n"]);
}

#[test]
fn readiness_set_differently_is_one_conflict_around_the_whole_assessment() {
    let m = merge(
        |r| {
            r.ok(&[
                "readiness",
                "set",
                "barcelona",
                "communication",
                "met",
                "--evidence",
                "Weekly calls since November",
            ]);
        },
        |r| {
            r.ok(&[
                "readiness",
                "set",
                "barcelona",
                "communication",
                "unmet",
                "--evidence",
                "The office stopped answering",
            ]);
        },
    );
    // The same `assessed` on both sides is still inside: it dates that side's status.
    m.conflicts(&[(
        "    status: met\n    evidence: Weekly calls since November\n    assessed: 2026-11-26\n",
        "    status: unmet\n    evidence: The office stopped answering\n    assessed: 2026-11-26\n",
    )])
    .sides_are_the_branches();
}

#[test]
fn two_separate_conflicts_are_marked_separately() {
    let m = merge(
        |r| {
            r.edit("  fa: بارسلون\n", "  fa: بارسلونا\n");
            r.edit("x-budget-line: 1405-intl-07", "x-budget-line: 1405-intl-08");
        },
        |r| {
            r.edit("  fa: بارسلون\n", "  fa: \"بارسلون\u{200c}ها\"\n");
            r.edit("x-budget-line: 1405-intl-07", "x-budget-line: 1405-intl-09");
        },
    );
    m.conflicts(&[
        ("  fa: بارسلونا\n", "  fa: \"بارسلون\u{200c}ها\"\n"),
        (
            "x-budget-line: 1405-intl-08\n",
            "x-budget-line: 1405-intl-09\n",
        ),
    ])
    .sides_are_the_branches();
}

#[test]
fn conflict_markers_take_the_size_git_asks_for() {
    let m = scenario(
        How::Merge,
        &[
            (FILE, BASE),
            (
                ".gitattributes",
                "cities/*.yaml merge=diplomat conflict-marker-size=10\n",
            ),
        ],
        FILE,
        |r| r.edit("    status: unmet\n", "    status: partial\n"),
        |r| r.edit("    status: unmet\n", "    status: met\n"),
    );
    assert_eq!(m.code, 1, "{}", m.context());
    assert_eq!(
        conflict_blocks(&m.text, 10),
        vec![block(
            10,
            "HEAD",
            "    status: partial\n",
            "    status: met\n",
            "theirs"
        )],
        "{}",
        m.context()
    );
    assert_eq!(take_side(&m.text, true, 10), m.ours, "{}", m.context());
    assert_eq!(take_side(&m.text, false, 10), m.theirs, "{}", m.context());
    m.either_side_valid(10);
}

/// Issue 13: ours' evidence beside theirs' status would claim `met` on evidence for `partial`.
#[test]
fn both_change_different_fields_of_one_assessment_conflict_on_the_whole_assessment() {
    let m = merge(
        |r| {
            r.edit(
                "evidence: Monthly call with the city's international relations office.",
                "evidence: Monthly call with the international relations office, minutes filed.",
            )
        },
        |r| {
            r.edit(
                "    status: partial\n    evidence: Monthly",
                "    status: met\n    evidence: Monthly",
            )
        },
    );
    m.conflicts(&[(
        "    status: partial\n    evidence: Monthly call with the international relations office, minutes filed.\n    assessed: 2026-11-20\n",
        "    status: met\n    evidence: Monthly call with the city's international relations office.\n    assessed: 2026-11-20\n",
    )])
    .sides_are_the_branches();
}

#[test]
fn different_readiness_requirements_set_on_each_side_merge_cleanly() {
    let m = merge(
        |r| {
            r.ok(&[
                "readiness",
                "set",
                "barcelona",
                "branding",
                "met",
                "--evidence",
                "Logo adopted",
            ]);
        },
        |r| {
            r.ok(&[
                "readiness",
                "set",
                "barcelona",
                "investment_readiness",
                "partial",
                "--evidence",
                "Free-zone brochure translated",
            ]);
        },
    );
    m.clean().once(&[
        "  investment_readiness:\n    status: partial\n    evidence: Free-zone brochure translated\n",
        "  branding:\n    status: met\n    evidence: Logo adopted\n",
    ]);
}

#[test]
fn identical_changes_on_both_sides_merge_cleanly() {
    let change = |r: &Repo| {
        r.ok(&[
            "readiness",
            "set",
            "barcelona",
            "branding",
            "met",
            "--evidence",
            "Logo adopted",
        ]);
        r.log("Logo presented", "event", "2026-11-24");
    };
    let m = merge(change, change);
    m.clean().once(&["Logo adopted", "title: Logo presented"]);
    assert_eq!(m.text, m.ours);
}

// ---------------------------------------------------------------------------------------------
// Comments, text blocks, custom keys, Persian text

#[test]
fn comments_added_in_different_places_are_both_kept() {
    let m = merge(
        |r| {
            r.edit(
                "contacts:\n",
                "contacts:\n  # The counsellor changes post in January.\n",
            )
        },
        |r| {
            r.edit(
                "  international_capacity:\n",
                "  # To assess after the spring delegation.\n  international_capacity:\n",
            )
        },
    );
    m.clean().once(&[
        "  # The counsellor changes post in January.\n  - id: es-embassy-commercial\n",
        "  # To assess after the spring delegation.\n  international_capacity:\n",
        "# Confirmed by letter on 1405/08/10.",
        "# The joint action plan.",
    ]);
}

#[test]
fn a_comment_on_one_side_and_a_value_change_elsewhere_on_the_other_are_both_kept() {
    let m = merge(
        |r| {
            r.edit(
                "  signed: 2000-01-14\n",
                "  # The signing date is from the municipality's archive.\n  signed: 2000-01-14\n",
            )
        },
        |r| r.edit("  status: reactivating\n", "  status: active\n"),
    );
    m.clean().once(&[
        "  status: active\n  # The signing date is from the municipality's archive.\n  signed: 2000-01-14\n",
    ]);
}

#[test]
fn a_comment_above_a_value_the_other_side_changed_is_kept() {
    let m = merge(
        |r| {
            r.edit(
                "  status: reactivating\n",
                "  # Reactivated at the MFA's request.\n  status: reactivating\n",
            )
        },
        |r| r.edit("  status: reactivating\n", "  status: active\n"),
    );
    m.clean()
        .once(&["  # Reactivated at the MFA's request.\n  status: active\n"]);
}

#[test]
fn a_comment_at_the_end_of_the_file_survives_a_change_to_the_last_value() {
    let m = merge(
        |r| {
            r.edit(
                "x-budget-line: 1405-intl-07\n",
                "x-budget-line: 1405-intl-07\n# End of the Barcelona file.\n",
            )
        },
        |r| r.edit("x-budget-line: 1405-intl-07", "x-budget-line: 1405-intl-09"),
    );
    m.clean()
        .once(&["x-budget-line: 1405-intl-09\n# End of the Barcelona file.\n"]);
}

#[test]
fn a_notes_block_edited_on_one_side_merges_with_a_log_on_the_other() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| {
            r.edit(
                "  Second line of the notes.\n",
                "  Second line of the notes.\n  Third line: the council meets on Thursdays.\n",
            )
        },
    );
    m.clean().once(&[
        "notes: |\n  Free text for the analysts.\n  Second line of the notes.\n  Third line: the council meets on Thursdays.\nx-budget-line",
        "title: Call with the twinning office",
    ]);
}

#[test]
fn a_notes_block_edited_on_both_sides_conflicts_on_the_block() {
    let m = merge(
        |r| {
            r.edit(
                "  Free text for the analysts.\n",
                "  Free text, kept short.\n",
            )
        },
        |r| {
            r.edit(
                "  Second line of the notes.\n",
                "  Second line, rewritten.\n",
            )
        },
    );
    m.conflicts(&[(
        "notes: |\n  Free text, kept short.\n  Second line of the notes.\n",
        "notes: |\n  Free text for the analysts.\n  Second line, rewritten.\n",
    )])
    .sides_are_the_branches();
}

#[test]
fn custom_x_keys_changed_on_one_side_merge() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
            r.edit(
                "x-budget-line: 1405-intl-07\n",
                "x-budget-line: 1405-intl-07\nx-owner: Maryam\n",
            );
        },
        |r| r.edit("x-budget-line: 1405-intl-07", "x-budget-line: 1405-intl-09"),
    );
    m.clean().once(&[
        "x-budget-line: 1405-intl-09\nx-owner: Maryam\n",
        "Call with the twinning office",
    ]);
}

#[test]
fn a_persian_name_changed_on_one_side_merges() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| r.edit("  fa: بارسلون\n", "  fa: \"بارسلونِ\u{200c}کاتالونیا\"\n"),
    );
    m.clean()
        .once(&[
            "  fa: \"بارسلونِ\u{200c}کاتالونیا\"\n",
            "Call with the twinning office",
        ])
        .lacks("fa: بارسلون\n");
    m.repo
        .run(&["city", "show", "barcelona", "--format", "json"])
        .code(0)
        .stdout_has("بارسلونِ\u{200c}کاتالونیا");
}

// ---------------------------------------------------------------------------------------------
// Layout: fmt, CRLF, unreadable sides

/// A log, and a value changed in a mapping whose keys `fmt` reorders.
fn log_and_reactivate(r: &Repo) {
    r.log("Call with the twinning office", "call", "2026-11-25");
    r.edit("  status: reactivating\n", "  status: active\n");
}

#[test]
fn fmt_on_one_side_and_a_log_on_the_other_merge_cleanly() {
    let base = out_of_order();
    let m = scenario(
        How::Merge,
        &[(FILE, &base)],
        FILE,
        |r| {
            r.ok(&["fmt"]);
            assert_ne!(r.read(FILE), base, "fmt should have changed the layout");
        },
        log_and_reactivate,
    );
    m.clean()
        .once(&[
            "  - date: 2026-11-25\n    kind: call\n    title: Call with the twinning office\n",
            "  kind: sister-city\n  status: active\n",
            "title: First meeting with Reza Karimi",
        ])
        .lacks("reactivating");
    // Still in fmt's layout, theirs' lines included.
    m.repo.run(&["fmt", "--check"]).code(0);
}

#[test]
fn a_log_on_one_side_and_fmt_on_the_other_merge_cleanly() {
    let base = out_of_order();
    let m = scenario(
        How::Merge,
        &[(FILE, &base)],
        FILE,
        log_and_reactivate,
        |r| {
            r.ok(&["fmt"]);
        },
    );
    m.clean()
        .once(&[
            "title: Call with the twinning office",
            "title: First meeting with Reza Karimi",
            "\n  status: active\n",
            "country: ES\n",
        ])
        .lacks("reactivating");
}

#[test]
fn crlf_ours_and_lf_theirs_merge_in_ours_line_ends() {
    let m = merge(
        |r| {
            // Saved by an editor that writes CRLF, with one change.
            let text = r.read(FILE).replace("1405-intl-07", "1405-intl-08");
            r.write(FILE, text.replace('\n', "\r\n"));
        },
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
    );
    m.clean().once(&[
        "x-budget-line: 1405-intl-08\r\n",
        "title: Call with the twinning office\r\n",
    ]);
    assert_eq!(
        m.text.matches('\n').count(),
        m.text.matches("\r\n").count(),
        "every line ends in CRLF\n{}",
        m.context()
    );
}

#[test]
fn lf_ours_and_crlf_theirs_merge_in_ours_line_ends() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| {
            let text = r.read(FILE).replace("1405-intl-07", "1405-intl-08");
            r.write(FILE, text.replace('\n', "\r\n"));
        },
    );
    m.clean().once(&[
        "x-budget-line: 1405-intl-08\n",
        "title: Call with the twinning office\n",
    ]);
    assert!(!m.text.contains('\r'), "{}", m.context());
}

/// Theirs appends an interaction whose title is cut off: not YAML any more.
fn break_yaml(r: &Repo) {
    r.edit(
        "      Agreed to exchange lists of exportable goods before the end of Azar.\n",
        "      Agreed to exchange lists of exportable goods before the end of Azar.\n  - date: 2026-11-22\n    kind: call\n    title: \"Call with the mayor's office\n",
    );
}

#[test]
fn an_unreadable_side_is_merged_as_text_keeping_the_other_sides_lines() {
    let m = merge(
        |r| {
            r.ok(&[
                "readiness",
                "set",
                "barcelona",
                "branding",
                "met",
                "--evidence",
                "Logo adopted",
            ]);
        },
        break_yaml,
    );
    // Different places: git's line merge is clean, but the result is not a valid dossier, so
    // git is told it conflicts rather than committing it; the driver says why.
    assert_eq!(m.code, 1, "{}", m.context());
    assert!(m.repo.unmerged().contains(FILE), "{}", m.context());
    assert!(m.output.contains("not readable YAML"), "{}", m.context());
    assert!(m.output.contains("not a valid dossier"), "{}", m.context());
    m.keeps_lines_of(&m.ours.clone())
        .keeps_lines_of(&m.theirs.clone());
}

#[test]
fn an_unreadable_side_with_overlapping_changes_conflicts_as_text() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        break_yaml,
    );
    assert_eq!(m.code, 1, "{}", m.context());
    assert!(m.repo.unmerged().contains(FILE), "{}", m.context());
    assert_eq!(conflict_blocks(&m.text, 7).len(), 1, "{}", m.context());
    assert!(m.output.contains("not readable YAML"), "{}", m.context());
    // Nothing of the readable side is lost; taking it gives ours back.
    m.keeps_lines_of(&m.ours.clone());
    assert_eq!(take_side(&m.text, true, 7), m.ours, "{}", m.context());
}

// ---------------------------------------------------------------------------------------------
// Units (issue 13): an assessment, an action's status and done date, a facilitator's status and
// since are changed together or conflict together

/// `check`'s status of one requirement of the merged dossier.
fn checked(repo: &Repo, requirement: &str) -> String {
    let run = repo.run(&["check", "barcelona", "--format", "json"]);
    let json = run.json();
    let items = json[0]["items"].as_array().expect("check items");
    let item = items
        .iter()
        .find(|i| i["id"] == requirement)
        .unwrap_or_else(|| panic!("no {requirement} in\n{run}"));
    item["status"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn an_assessment_met_on_one_side_and_re_evidenced_on_the_other_is_one_conflict() {
    let m = merge(
        |r| {
            r.edit(
                "evidence: Monthly call with the city's international relations office.",
                "evidence: Calls monthly only.",
            )
        },
        |r| {
            r.ok(&[
                "readiness",
                "set",
                "barcelona",
                "communication",
                "met",
                "--evidence",
                "Weekly calls since November",
                "--date",
                "2026-11-24",
            ]);
        },
    );
    // Not `met` taken silently with a conflict on the evidence alone: one block, whole units.
    m.conflicts(&[(
        "    status: partial\n    evidence: Calls monthly only.\n    assessed: 2026-11-20\n",
        "    status: met\n    evidence: Weekly calls since November\n    assessed: 2026-11-24\n",
    )])
    .sides_are_the_branches();
    assert_ne!(m.code, 0, "git reports the conflict");
    m.repo
        .run(&["validate"])
        .code(1)
        .stdout_has("unresolved git merge conflict");
    m.repo
        .run(&["resolve", "--check"])
        .code(1)
        .stdout_has("`cities/barcelona.yaml` keeps 1 conflict to resolve by hand");
    // Either side kept is that side's assessment, never `met` beside "calls monthly only".
    for (ours, status) in [(true, "partial"), (false, "met")] {
        m.repo.write(FILE, take_side(&m.text, ours, 7));
        m.repo.run(&["validate"]).code(0);
        assert_eq!(checked(&m.repo, "communication"), status, "{}", m.context());
    }
}

#[test]
fn an_action_done_on_one_side_and_blocked_on_the_other_is_one_conflict() {
    let m = merge(
        |r| {
            r.ok(&[
                "action",
                "done",
                "barcelona",
                "a-7k2m",
                "--on",
                "2026-11-24",
            ]);
        },
        |r| {
            r.ok(&[
                "action",
                "set",
                "barcelona",
                "a-7k2m",
                "--status",
                "blocked",
            ]);
            // outside the unit: merged as a field of its own
            r.edit(
                "title: Send the handicrafts exhibition proposal to the city council",
                "title: Send the handicrafts exhibition proposal to the council",
            );
        },
    );
    m.conflicts(&[(
        "    status: done\n    done: 2026-11-24\n",
        "    status: blocked\n",
    )])
    .once(&["title: Send the handicrafts exhibition proposal to the council\n"]);
    m.repo
        .run(&["resolve", "--check"])
        .code(1)
        .stdout_has("keeps 1 conflict");
}

#[test]
fn a_facilitator_activated_on_one_side_and_made_inactive_on_the_other_is_one_conflict() {
    let m = merge(
        |r| {
            r.edit(
                "    languages: [en]\n    status: prospective\n",
                "    languages: [en]\n    status: active\n    since: 2026-11-24\n",
            );
            r.edit(
                "      email: reza.karimi@example.org\n",
                "      email: reza@example.org\n",
            );
        },
        |r| {
            r.edit(
                "    languages: [en]\n    status: prospective\n",
                "    languages: [en]\n    status: inactive\n",
            );
            r.edit(
                "      email: reza.karimi@example.org\n",
                "      email: reza.karimi@example.org\n      phone: \"+98 31 0000 0000\"\n",
            );
        },
    );
    // A person's e-mail and phone are fields of their own: both changes kept, outside.
    m.conflicts(&[(
        "    status: active\n    since: 2026-11-24\n",
        "    status: inactive\n",
    )])
    .once(&["      email: reza@example.org\n      phone: \"+98 31 0000 0000\"\n"]);
    m.repo
        .run(&["validate"])
        .code(1)
        .stdout_has("unresolved git merge conflict");
}

#[test]
fn a_unit_changed_on_one_side_beside_other_fields_changed_on_the_other_merges_cleanly() {
    let m = merge(
        |r| {
            r.ok(&[
                "action",
                "done",
                "barcelona",
                "a-7k2m",
                "--on",
                "2026-11-24",
            ]);
            r.ok(&[
                "readiness",
                "set",
                "barcelona",
                "communication",
                "met",
                "--evidence",
                "Weekly calls since November",
            ]);
        },
        |r| {
            r.edit(
                "title: Send the handicrafts exhibition proposal to the city council",
                "title: Send the handicrafts exhibition proposal to the council",
            );
            r.edit(
                "    languages: [en]\n    status: prospective\n",
                "    languages: [en, fa]\n    status: active\n    since: 2026-11-24\n",
            );
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
    );
    m.clean().once(&[
        "    title: Send the handicrafts exhibition proposal to the council\n    owner: joint\n    due: 2026-12-15\n    status: done\n    done: 2026-11-24\n",
        "  communication:\n    status: met\n    evidence: Weekly calls since November\n    assessed: 2026-11-26\n",
        "    languages: [en, fa]\n    status: active\n    since: 2026-11-24\n",
        "title: Call with the twinning office",
    ]);
    assert_eq!(checked(&m.repo, "communication"), "met");
}

/// The dates of the entries of `list` in the merged dossier, read as YAML.
fn dates(text: &str, list: &str) -> Vec<String> {
    let dossier: serde_json::Value = serde_saphyr::from_str(text).expect("the merge reads as YAML");
    dossier[list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in\n{text}"))
        .iter()
        .map(|e| e["date"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// An entry typed by hand at the end of a list, whatever its date (`diplomat log` would have
/// put it in date order).
fn append_by_hand(r: &Repo, entry: &str, before: &str) {
    r.edit(before, &format!("{entry}{before}"));
}

#[test]
fn interleaved_logs_on_both_sides_merge_in_date_order() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-12-01");
            r.log("Exhibition planning", "meeting", "2026-12-05");
            append_by_hand(
                r,
                "  - date: 2026-11-22\n    kind: visit\n    title: Visit noted late\n",
                "\nreviews:\n",
            );
            append_by_hand(
                r,
                "  - date: 2026-11-24\n    outcome: Branding plan agreed\n",
                "\nnotes: |\n",
            );
        },
        |r| {
            r.log("Letter from the mayor", "letter", "2026-12-02");
            append_by_hand(
                r,
                "  - date: 2026-11-19\n    kind: call\n    title: Call noted late\n",
                "\nreviews:\n",
            );
            r.ok(&[
                "review",
                "add",
                "barcelona",
                "--date",
                "2026-11-20",
                "--outcome",
                "Investment gaps listed",
            ]);
        },
    );
    m.clean();
    let interactions = dates(&m.text, "interactions");
    assert_eq!(
        interactions,
        [
            "2026-10-05",
            "2026-11-18",
            "2026-11-19",
            "2026-11-22",
            "2026-12-01",
            "2026-12-02",
            "2026-12-05"
        ],
        "{}",
        m.context()
    );
    let reviews = dates(&m.text, "reviews");
    assert_eq!(
        reviews,
        ["2026-11-10", "2026-11-20", "2026-11-24"],
        "{}",
        m.context()
    );
}

// ---------------------------------------------------------------------------------------------
// A file added on both branches (empty base)

const PORTO: &str = "cities/porto.yaml";

fn porto(status: &str, facilitator: &str) -> String {
    format!(
        "slug: porto\nname:\n  en: Porto\n  fa: پورتو\n  local: Porto\ncountry: PT\nrelationship:\n  kind: proposed\n  status: {status}\nfacilitators:\n  - id: {facilitator}\n    name: {facilitator}\n    status: active\n"
    )
}

#[test]
fn a_dossier_added_on_both_branches_merges_by_structure() {
    let m = scenario(
        How::Merge,
        &[(FILE, BASE)],
        PORTO,
        |r| r.write(PORTO, porto("proposed", "ana-silva")),
        |r| r.write(PORTO, porto("proposed", "joao-costa")),
    );
    m.clean()
        .once(&[
            "- id: ana-silva",
            "- id: joao-costa",
            "slug: porto",
            "status: proposed",
        ])
        .in_order(&["- id: ana-silva", "- id: joao-costa"]);
}

#[test]
fn a_dossier_added_on_both_branches_conflicts_only_on_differing_values() {
    let m = scenario(
        How::Merge,
        &[(FILE, BASE)],
        PORTO,
        |r| r.write(PORTO, porto("proposed", "ana-silva")),
        |r| r.write(PORTO, porto("dormant", "ana-silva")),
    );
    m.conflicts(&[("  status: proposed\n", "  status: dormant\n")])
        .sides_are_the_branches();
}

// ---------------------------------------------------------------------------------------------
// After the merge

#[test]
fn the_merged_dossier_takes_further_writes() {
    let m = merge(
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| {
            r.ok(&[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "Ali Sadeghi",
                "--status",
                "active",
            ]);
        },
    );
    m.clean();
    m.repo.ok(&[
        "log",
        "barcelona",
        "Meeting after the merge",
        "--kind",
        "meeting",
        "--date",
        "2026-11-26",
        "--with",
        "ali-sadeghi",
    ]);
    m.repo.run(&["validate"]).code(0);
    let text = m.repo.read(FILE);
    assert!(
        text.contains(
            "  - date: 2026-11-26\n    kind: meeting\n    title: Meeting after the merge\n    with: [ali-sadeghi]\n\nreviews:"
        ),
        "{text}"
    );
    // The merge commit went in, and the new entry commits on top of it.
    m.repo.commit("after the merge");
    assert_eq!(m.repo.git_ok(&["status", "--porcelain"]), "");
}

// ---------------------------------------------------------------------------------------------
// Rebase and cherry-pick

#[test]
fn rebase_of_a_log_onto_another_log_keeps_both_in_date_order() {
    let m = scenario(
        How::Rebase,
        &[(FILE, BASE)],
        FILE,
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| {
            r.log("Exhibition opening", "event", "2026-11-20");
        },
    );
    m.clean().in_order(&[
        "date: 2026-11-18",
        "title: Exhibition opening",
        "title: Call with the twinning office",
    ]);
    assert_eq!(m.repo.git_ok(&["status", "--porcelain"]), "");
}

#[test]
fn rebase_of_added_actions_keeps_both() {
    let m = scenario(
        How::Rebase,
        &[(FILE, BASE)],
        FILE,
        |r| {
            r.ok(&[
                "action",
                "add",
                "barcelona",
                "Book the exhibition hall",
                "--owner",
                "chamber",
            ]);
        },
        |r| {
            r.ok(&[
                "action",
                "add",
                "barcelona",
                "Invite the Catalan craft guild",
                "--owner",
                "joint",
            ]);
        },
    );
    m.clean()
        .once(&["Book the exhibition hall", "Invite the Catalan craft guild"])
        .in_order(&["Book the exhibition hall", "Invite the Catalan craft guild"]);
}

#[test]
fn rebase_of_several_commits_replays_each_through_the_driver() {
    let m = scenario(
        How::Rebase,
        &[(FILE, BASE)],
        FILE,
        |r| {
            r.ok(&[
                "contact",
                "add",
                "barcelona",
                "--name",
                "Joan Puig",
                "--role",
                "city-official",
            ]);
            r.commit("contact");
            r.ok(&[
                "log",
                "barcelona",
                "Call with Joan Puig",
                "--kind",
                "call",
                "--date",
                "2026-11-21",
                "--with",
                "joan-puig",
            ]);
        },
        |r| {
            r.ok(&[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "Ali Sadeghi",
                "--status",
                "active",
            ]);
            r.commit("facilitator");
            r.ok(&[
                "log",
                "barcelona",
                "Meeting with Ali Sadeghi",
                "--kind",
                "meeting",
                "--date",
                "2026-11-24",
                "--with",
                "ali-sadeghi",
            ]);
        },
    );
    m.clean()
        .once(&[
            "- id: joan-puig",
            "- id: ali-sadeghi",
            "title: Call with Joan Puig",
            "title: Meeting with Ali Sadeghi",
        ])
        .in_order(&["Call with Joan Puig", "Meeting with Ali Sadeghi"]);
    // Both of theirs' commits were replayed on top of main.
    let log = m.repo.git_ok(&["log", "--format=%s", "main..HEAD"]);
    assert_eq!(log, "theirs\nfacilitator\n");
}

#[test]
fn rebase_stops_on_a_conflict_marked_around_its_lines() {
    let m = scenario(
        How::Rebase,
        &[(FILE, BASE)],
        FILE,
        |r| r.edit("  status: reactivating\n", "  status: active\n"),
        |r| r.edit("  status: reactivating\n", "  status: suspended\n"),
    );
    // While rebasing, the replayed commit is "theirs": labelled with its hash and subject.
    let hash = m.repo.git_ok(&["rev-parse", "--short", "theirs"]);
    let label = format!("{} (theirs)", hash.trim());
    m.conflicts_labelled(
        "HEAD",
        &label,
        &[("  status: active\n", "  status: suspended\n")],
    )
    .sides_are_the_branches();
}

#[test]
fn cherry_pick_of_a_facilitator_onto_a_log_merges_cleanly() {
    let m = scenario(
        How::CherryPick,
        &[(FILE, BASE)],
        FILE,
        |r| {
            r.log("Call with the twinning office", "call", "2026-11-25");
        },
        |r| {
            r.ok(&[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "Ali Sadeghi",
                "--status",
                "active",
            ]);
        },
    );
    m.clean()
        .once(&["- id: ali-sadeghi", "title: Call with the twinning office"]);
    assert_eq!(m.repo.git_ok(&["status", "--porcelain"]), "");
}

// ---------------------------------------------------------------------------------------------
// The driver called directly

/// Three files in a temporary folder, and the driver run on them.
struct Direct {
    dir: TempDir,
}

impl Direct {
    fn new(base: impl AsRef<[u8]>, ours: impl AsRef<[u8]>, theirs: impl AsRef<[u8]>) -> Direct {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (name, bytes) in [
            ("base", base.as_ref()),
            ("ours", ours.as_ref()),
            ("theirs", theirs.as_ref()),
        ] {
            std::fs::write(dir.path().join(name), bytes).expect("written");
        }
        Direct { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, extra: &[&str]) -> Run {
        let mut cmd = diplomat();
        cmd.current_dir(self.dir.path())
            .arg("merge-driver")
            .arg(self.path("base"))
            .arg(self.path("ours"))
            .arg(self.path("theirs"))
            .args(extra);
        Run::of(format!("merge-driver {}", extra.join(" ")), &mut cmd)
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("readable")
    }

    fn ours(&self) -> String {
        String::from_utf8(self.read("ours")).expect("UTF-8")
    }
}

/// The driver ran to an end: 0 or 1, no panic.
fn no_panic(run: &Run) {
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    assert!(!run.stderr.contains("panicked"), "{run}");
}

fn with_log(text: &str, title: &str, date: &str) -> String {
    text.replace(
        "\nreviews:",
        &format!("  - date: {date}\n    kind: call\n    title: {title}\n\nreviews:"),
    )
}

#[test]
fn driver_merges_into_ours_and_leaves_base_and_theirs() {
    let ours = with_log(BASE, "Ours' call", "2026-11-25");
    let theirs = with_log(BASE, "Theirs' call", "2026-11-20");
    let d = Direct::new(BASE, &ours, &theirs);
    let run = d.run(&["cities/barcelona.yaml"]);
    run.code(0).stderr_empty();
    assert_eq!(run.stdout, "");
    let merged = d.ours();
    assert!(
        merged.contains(
            "    title: Theirs' call\n  - date: 2026-11-25\n    kind: call\n    title: Ours' call\n"
        ),
        "{merged}"
    );
    assert_eq!(d.read("base"), BASE.as_bytes());
    assert_eq!(d.read("theirs"), theirs.as_bytes());
}

#[test]
fn driver_marks_a_conflict_with_the_given_labels_and_size_and_exits_1() {
    let d = Direct::new(
        BASE,
        BASE.replace("  status: reactivating\n", "  status: active\n"),
        BASE.replace("  status: reactivating\n", "  status: dormant\n"),
    );
    let run = d.run(&[
        "cities/barcelona.yaml",
        "--marker-size",
        "9",
        "--ours-label",
        "main",
        "--theirs-label",
        "feature/x",
    ]);
    run.code(1)
        .stderr_has("1 value or comment was changed differently");
    assert_eq!(
        conflict_blocks(&d.ours(), 9),
        vec![block(
            9,
            "main",
            "  status: active\n",
            "  status: dormant\n",
            "feature/x"
        )]
    );
}

#[test]
fn driver_without_labels_says_ours_and_theirs() {
    let d = Direct::new(
        BASE,
        BASE.replace("x-budget-line: 1405-intl-07", "x-budget-line: a"),
        BASE.replace("x-budget-line: 1405-intl-07", "x-budget-line: b"),
    );
    d.run(&[]).code(1);
    assert_eq!(
        conflict_blocks(&d.ours(), 7),
        vec![block(
            7,
            "ours",
            "x-budget-line: a\n",
            "x-budget-line: b\n",
            "theirs"
        )]
    );
}

#[test]
fn driver_survives_garbage_bytes_on_a_side() {
    // Deterministic noise over every byte value, NULs and stray CRs included.
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for (ours, theirs) in [
        (BASE.as_bytes().to_vec(), garbage.clone()),
        (garbage.clone(), BASE.as_bytes().to_vec()),
    ] {
        let d = Direct::new(BASE, &ours, &theirs);
        let run = d.run(&["cities/barcelona.yaml"]);
        assert!(!run.stderr.contains("panicked"), "{run}");
        // Binary for `git merge-file` too: an error (git sees a conflict), ours left as it was.
        run.code(2).stderr_has("binary");
        assert_eq!(d.read("ours"), ours);
    }
    // High bytes without NULs are text to git: merged line by line.
    let noise: Vec<u8> = garbage.iter().map(|b| b | 0x80).collect();
    let d = Direct::new(BASE, BASE, &noise);
    no_panic(&d.run(&["cities/barcelona.yaml"]));
}

#[test]
fn driver_survives_invalid_utf8_and_keeps_the_other_sides_change() {
    let mut ours = BASE.as_bytes().to_vec();
    ours.extend_from_slice(b"x-bad: \xff\xfe latin-1 caf\xe9\n");
    let theirs = BASE.replace("  status: reactivating\n", "  status: active\n");
    let d = Direct::new(BASE, &ours, &theirs);
    let run = d.run(&["cities/barcelona.yaml"]);
    no_panic(&run);
    run.stderr_has("not readable YAML");
    let merged = d.read("ours");
    // A line merge: ours' bytes and theirs' change are both there.
    assert!(merged.windows(5).any(|w| w == b"caf\xe9\n"));
    assert!(merged.windows(16).any(|w| w == b"  status: active"));
}

#[test]
fn driver_on_empty_files_writes_an_empty_file() {
    let d = Direct::new("", "", "");
    let run = d.run(&[]);
    no_panic(&run);
    run.code(0);
    assert_eq!(d.read("ours"), b"");
}

#[test]
fn driver_with_an_empty_base_merges_two_added_dossiers() {
    let d = Direct::new(
        "",
        porto("proposed", "ana-silva"),
        porto("proposed", "joao-costa"),
    );
    d.run(&["cities/porto.yaml"]).code(0);
    let merged = d.ours();
    assert!(
        merged.contains("- id: ana-silva") && merged.contains("- id: joao-costa"),
        "{merged}"
    );
}

#[test]
fn driver_with_one_side_emptied_does_not_panic() {
    let d = Direct::new(BASE, "", with_log(BASE, "Theirs' call", "2026-11-20"));
    no_panic(&d.run(&["cities/barcelona.yaml"]));
}

#[test]
fn driver_merges_a_5_mb_side_as_text_quickly() {
    // Past the 4 MB a dossier may have: merged line by line by git.
    let filler: String = (0..120_000)
        .map(|i| format!("  Line {i} of an imported archive of letters.\n"))
        .collect();
    let big = BASE.replace(
        "  Second line of the notes.\n",
        &format!("  Second line of the notes.\n{filler}"),
    );
    assert!(big.len() > 5_000_000, "{}", big.len());
    let theirs = BASE.replace("  status: reactivating\n", "  status: active\n");
    let d = Direct::new(BASE, &big, &theirs);
    let started = std::time::Instant::now();
    let run = d.run(&["cities/barcelona.yaml"]);
    no_panic(&run);
    run.code(0);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let merged = d.ours();
    assert!(merged.contains("  status: active\n"));
    assert!(merged.contains("  Line 119999 of an imported archive of letters.\n"));
}

#[test]
fn driver_on_a_side_holding_conflict_markers_keeps_them_and_does_not_panic() {
    let ours = BASE.replace(
        "  status: reactivating\n",
        "<<<<<<< HEAD\n  status: active\n=======\n  status: dormant\n>>>>>>> theirs\n",
    );
    let theirs = with_log(BASE, "Theirs' call", "2026-11-20");
    let d = Direct::new(BASE, &ours, &theirs);
    let run = d.run(&["cities/barcelona.yaml"]);
    no_panic(&run);
    let merged = d.ours();
    assert!(
        merged.contains(
            "<<<<<<< HEAD\n  status: active\n=======\n  status: dormant\n>>>>>>> theirs\n"
        ),
        "{merged}"
    );
    assert!(merged.contains("title: Theirs' call"), "{merged}");
}

#[test]
fn driver_keeps_ours_byte_order_mark() {
    let ours = format!("\u{feff}{}", with_log(BASE, "Ours' call", "2026-11-25"));
    let theirs = BASE.replace("x-budget-line: 1405-intl-07", "x-budget-line: 1405-intl-09");
    let d = Direct::new(BASE, &ours, &theirs);
    d.run(&["cities/barcelona.yaml"]).code(0);
    let merged = d.ours();
    assert!(merged.starts_with("\u{feff}# Barcelona"), "{merged}");
    assert!(
        merged.contains("title: Ours' call") && merged.contains("1405-intl-09"),
        "{merged}"
    );
}

#[test]
fn driver_merges_a_side_that_is_not_a_mapping_as_text() {
    let theirs = BASE.replace("x-budget-line: 1405-intl-07", "x-budget-line: 1405-intl-09");
    let d = Direct::new(BASE, "- just\n- a list\n", &theirs);
    let run = d.run(&["cities/barcelona.yaml"]);
    no_panic(&run);
    // Ours replaced every line theirs kept: git's line merge conflicts, ours' lines kept.
    run.code(1).stderr_has("not readable YAML");
    let merged = d.ours();
    assert_eq!(
        take_side(&merged, true, 7),
        "- just\n- a list\n",
        "{merged}"
    );
    assert_eq!(take_side(&merged, false, 7), theirs, "{merged}");
}

/// Issue 13: a missing side was read as empty, so a missing THEIRS emptied OURS (exit 1) and a
/// missing BASE and THEIRS left OURS empty with exit 0. Git always passes three files.
#[test]
fn driver_with_a_missing_side_exits_2_and_leaves_ours_as_it_was() {
    let ours = with_log(BASE, "Ours' call", "2026-11-25");
    let theirs = with_log(BASE, "Theirs' call", "2026-11-20");
    for missing in [&["theirs"][..], &["base"], &["base", "theirs"]] {
        let d = Direct::new(BASE, &ours, &theirs);
        for name in missing {
            std::fs::remove_file(d.path(name)).expect("removed");
        }
        let run = d.run(&["cities/barcelona.yaml"]);
        let first = missing[0];
        run.code(2)
            .stderr_has(&format!(
                "cannot read {} `{}`",
                first.to_uppercase(),
                d.path(first).display()
            ))
            .stderr_has("OURS is left as it was");
        assert!(!run.stderr.contains("panicked"), "{run}");
        assert_eq!(d.read("ours"), ours.as_bytes(), "{missing:?} missing");
    }
}

#[test]
fn driver_with_ours_missing_exits_2_and_writes_nothing() {
    let d = Direct::new(BASE, BASE, with_log(BASE, "Theirs' call", "2026-11-20"));
    std::fs::remove_file(d.path("ours")).expect("removed");
    d.run(&["cities/barcelona.yaml"])
        .code(2)
        .stderr_has(&format!("cannot read OURS `{}`", d.path("ours").display()));
    assert!(!d.path("ours").exists(), "no OURS made up");
}

#[test]
fn driver_with_an_unreadable_side_exits_2_and_leaves_ours_as_it_was() {
    let ours = with_log(BASE, "Ours' call", "2026-11-25");
    let d = Direct::new(BASE, &ours, BASE);
    // A folder where a file should be: present, but not readable as one.
    std::fs::remove_file(d.path("theirs")).expect("removed");
    std::fs::create_dir(d.path("theirs")).expect("a folder");
    d.run(&["cities/barcelona.yaml"])
        .code(2)
        .stderr_has(&format!(
            "cannot read THEIRS `{}`",
            d.path("theirs").display()
        ));
    assert_eq!(d.read("ours"), ours.as_bytes());
}

#[test]
fn driver_with_an_empty_base_file_still_merges_an_added_dossier() {
    // Git's `%O` when the file has no common ancestor: an empty file, not a missing one.
    let d = Direct::new("", BASE, with_log(BASE, "Theirs' call", "2026-11-20"));
    d.run(&["cities/barcelona.yaml"]).code(0);
    let merged = d.ours();
    assert!(merged.contains("title: Theirs' call"), "{merged}");
    assert!(
        merged.contains("title: First meeting with Reza Karimi"),
        "{merged}"
    );
}
