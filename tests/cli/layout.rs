//! The canonical layout and the pre-commit hook (issue 25, points 6, 7 and 11): a valid
//! dossier written by hand in another style is committed through the installed hook, laid
//! out where that is safe and as staged where it is not, never refused; `fmt` takes one run
//! for a doubled byte-order mark, makes CR line breaks LF, and keeps pace with large dossiers.

use std::path::Path;

use crate::setup::{Sandbox, read, show};
use crate::support::Workspace;

/// Kyoto as an analyst might write it by hand: valid, with one-line mappings and quotes that
/// YAML does not need.
const HAND_WRITTEN: &str = r#"# Kyoto, written by hand.
slug: 'kyoto'
name: {en: "Kyoto", fa: کیوتو, local: 京都}
country: "JP"
relationship: {kind: sister-city, status: "active", signed: 2026-01-10}
readiness:
  communication: {status: met, evidence: "Monthly call with the city hall", assessed: 2026-11-20}
  branding: {status: 'partial'}
"#;

/// [`HAND_WRITTEN`] in the canonical layout.
const LAID_OUT: &str = "# Kyoto, written by hand.
slug: kyoto
name:
  en: Kyoto
  fa: کیوتو
  local: 京都
country: JP
relationship:
  kind: sister-city
  status: active
  signed: 2026-01-10
readiness:
  communication:
    status: met
    evidence: Monthly call with the city hall
    assessed: 2026-11-20
  branding:
    status: partial
";

const KYOTO: &str = "cities/kyoto.yaml";

const COMMITTED_LAID_OUT: &str = "`cities/kyoto.yaml` is committed in the canonical layout, and so laid out in the working folder too (`diplomat fmt`): its data and comments are as they were\n";

/// A repository with the hook installed and a first commit.
fn repo(sandbox: &Sandbox) -> std::path::PathBuf {
    let root = sandbox.repo_with_hook();
    sandbox.git_ok(&root, &["add", "."]);
    sandbox.git_ok(&root, &["commit", "-q", "-m", "Start the dossiers"]);
    root
}

fn committed(sandbox: &Sandbox, root: &Path, file: &str) -> String {
    sandbox.git_ok(root, &["show", &format!("HEAD:{file}")])
}

#[test]
fn the_hook_commits_a_hand_written_dossier_in_the_canonical_layout() {
    let sandbox = Sandbox::new();
    let root = repo(&sandbox);
    std::fs::write(root.join(KYOTO), HAND_WRITTEN).unwrap();
    sandbox.diplomat(&root, &["validate"]).code(0);

    sandbox.git_ok(&root, &["add", KYOTO]);
    let commit = sandbox.git(&root, &["commit", "-q", "-m", "Kyoto"]);
    assert!(commit.status.success(), "refused:\n{}", show(&commit));
    assert_eq!(String::from_utf8_lossy(&commit.stderr), COMMITTED_LAID_OUT);
    assert_eq!(committed(&sandbox, &root, KYOTO), LAID_OUT);
    assert_eq!(
        read(root.join(KYOTO)),
        LAID_OUT,
        "the working file is laid out too"
    );
    assert_eq!(sandbox.git_ok(&root, &["status", "--porcelain"]), "");

    // `git commit -a` too: the edit is committed laid out.
    let quoted = LAID_OUT.replace("country: JP", "country: \"JP\"");
    std::fs::write(root.join(KYOTO), quoted).unwrap();
    let commit = sandbox.git(&root, &["commit", "-q", "-a", "-m", "Kyoto: quoted"]);
    assert!(commit.status.success(), "refused:\n{}", show(&commit));
    assert_eq!(String::from_utf8_lossy(&commit.stderr), COMMITTED_LAID_OUT);
    // Nothing was left to commit: the quotes were all that changed.
    assert_eq!(
        sandbox.git_ok(&root, &["diff", "HEAD~1", "HEAD", "--stat"]),
        ""
    );
    assert_eq!(read(root.join(KYOTO)), LAID_OUT);
    assert_eq!(sandbox.git_ok(&root, &["status", "--porcelain"]), "");
}

#[test]
fn a_partly_staged_dossier_is_committed_as_staged_and_said_so() {
    let sandbox = Sandbox::new();
    let root = repo(&sandbox);
    std::fs::write(root.join(KYOTO), HAND_WRITTEN).unwrap();
    sandbox.git_ok(&root, &["add", KYOTO]);
    // More typed after `git add`: not part of this commit.
    let working = format!("{HAND_WRITTEN}notes: not ready yet\n");
    std::fs::write(root.join(KYOTO), &working).unwrap();

    let commit = sandbox.git(&root, &["commit", "-q", "-m", "Kyoto"]);
    assert!(commit.status.success(), "refused:\n{}", show(&commit));
    assert_eq!(
        String::from_utf8_lossy(&commit.stderr),
        "`cities/kyoto.yaml` is committed as it is staged, not in the canonical layout: only part of it is staged, and laying it out would mix in the rest; `diplomat fmt` lays it out for the next commit\n"
    );
    assert_eq!(committed(&sandbox, &root, KYOTO), HAND_WRITTEN);
    assert_eq!(
        read(root.join(KYOTO)),
        working,
        "the working file is as typed"
    );
}

#[test]
fn a_commit_of_named_files_is_committed_as_it_is() {
    let sandbox = Sandbox::new();
    let root = repo(&sandbox);
    std::fs::write(root.join(KYOTO), HAND_WRITTEN).unwrap();
    sandbox.git_ok(&root, &["add", KYOTO]);
    sandbox.git_ok(&root, &["commit", "-q", "-m", "Kyoto"]);
    let edited = LAID_OUT.replace("status: partial", "status: 'met'");
    std::fs::write(root.join(KYOTO), &edited).unwrap();

    // git commits named files from an index of its own, which the hook cannot add to.
    let commit = sandbox.git(&root, &["commit", "-q", "-m", "Kyoto: branding", KYOTO]);
    assert!(commit.status.success(), "refused:\n{}", show(&commit));
    assert_eq!(
        String::from_utf8_lossy(&commit.stderr),
        "`cities/kyoto.yaml` is committed as it is, not in the canonical layout: a commit of named files (`git commit FILE`) is not laid out; `diplomat fmt` lays it out for the next commit\n"
    );
    assert_eq!(committed(&sandbox, &root, KYOTO), edited);
    assert_eq!(read(root.join(KYOTO)), edited);
    assert_eq!(sandbox.git_ok(&root, &["status", "--porcelain"]), "");
}

const HAVANA: &str = "slug: havana\nname:\n  en: Havana\n  fa: هاوانا\n  local: La Habana\ncountry: CU\nrelationship:\n  kind: sister-city\n  status: dormant\n";

#[test]
fn two_byte_order_marks_are_taken_off_in_one_run() {
    let ws = Workspace::with(&[("havana.yaml", &format!("\u{feff}\u{feff}{HAVANA}"))]);
    let check = ws.run(&["fmt", "--check"]);
    check.code(1);
    assert_eq!(check.stdout, "cities/havana.yaml\n");
    assert_eq!(
        check.stderr,
        "--- a/cities/havana.yaml\n+++ b/cities/havana.yaml\n@@ -1,4 +1,4 @@\n-\\u{feff}\\u{feff}slug: havana\n+slug: havana\n name:\n   en: Havana\n   fa: هاوانا\nwould change 1 of 1 files\n"
    );
    ws.run(&["fmt"]).code(0);
    assert_eq!(ws.read_city("havana.yaml"), HAVANA.as_bytes());
    ws.run(&["fmt", "--check"]).code(0);
}

#[test]
fn cr_line_breaks_become_lf() {
    let cr = HAVANA.replace('\n', "\r");
    let ws = Workspace::with(&[("havana.yaml", &cr)]);
    let data = ws
        .run(&["city", "show", "havana", "--format", "json"])
        .json();
    let check = ws.run(&["fmt", "--check"]);
    check.code(1);
    assert_eq!(check.stdout, "cities/havana.yaml\n");
    let removed = format!(
        "-{}\n\\ No newline at end of file\n",
        cr.replace('\r', "\\r")
    );
    let added: String = HAVANA.lines().map(|l| format!("+{l}\n")).collect();
    assert_eq!(
        check.stderr,
        format!(
            "--- a/cities/havana.yaml\n+++ b/cities/havana.yaml\n@@ -1,1 +1,9 @@\n{removed}{added}would change 1 of 1 files\n"
        )
    );
    ws.run(&["fmt"]).code(0);
    assert_eq!(ws.read_city("havana.yaml"), HAVANA.as_bytes());
    ws.run(&["fmt", "--check"]).code(0);
    assert_eq!(
        ws.run(&["city", "show", "havana", "--format", "json"])
            .json(),
        data
    );
}

/// A city with `n` facilitators and `n` interactions, canonical; and the same written out of
/// the layout everywhere: CRLF, quotes YAML does not need, one-line contact mappings, and the
/// keys of every entry in another order.
fn large(n: usize) -> (String, String) {
    let mut canonical = String::from(
        "slug: big\nname:\n  en: Big\n  fa: بزرگ\n  local: Big\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\nfacilitators:\n",
    );
    let mut messy = canonical.replace("country: ES", "country: 'ES'");
    for i in 0..n {
        canonical.push_str(&format!(
            "  - id: f-{i}\n    name: Person {i} # met in {i}\n    languages: [es, en]\n    status: active\n    contact:\n      email: p{i}@example.org\n      phone: \"+98 31 0000 {i:04}\"\n"
        ));
        messy.push_str(&format!(
            "  - name: \"Person {i}\" # met in {i}\n    status: active\n    id: f-{i}\n    contact: {{phone: \"+98 31 0000 {i:04}\", email: p{i}@example.org}}\n    languages: [es, en]\n"
        ));
    }
    canonical.push_str("interactions:\n");
    messy.push_str("interactions:\n");
    for i in 0..n {
        let date = format!("2026-{:02}-{:02}", i / 28 % 12 + 1, i % 28 + 1);
        canonical.push_str(&format!(
            "  - date: {date}\n    kind: call\n    title: Call {i}\n    with: [f-{i}]\n"
        ));
        messy.push_str(&format!(
            "  - title: 'Call {i}'\n    with: [f-{i}]\n    kind: call\n    date: {date}\n"
        ));
    }
    (canonical, messy.replace('\n', "\r\n"))
}

/// Formatting took time quadratic in the file's length (4,000 facilitators: two minutes).
/// The time is measured by `scripts/bench`; here, a large dossier out of the layout in every
/// way is laid out, whole, by one run.
#[test]
fn fmt_lays_out_a_large_dossier() {
    let (canonical, messy) = large(1000);
    let ws = Workspace::with(&[("big.yaml", &messy)]);
    ws.run(&["validate"]).code(0);
    let check = ws.cmd(["-q", "fmt", "--check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&check.stdout), "cities/big.yaml\n");
    ws.run(&["fmt"]).code(0);
    assert!(
        ws.read_city("big.yaml") == canonical.as_bytes(),
        "not laid out as expected"
    );
    ws.run(&["fmt", "--check"]).code(0);
}
