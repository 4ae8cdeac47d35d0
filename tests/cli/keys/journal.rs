//! Issue 25 point 1: every `keys` command all or nothing across `keys/data-key.age` and the
//! dossiers, also when it cannot write the key file and when it is killed. Killed anywhere,
//! every value stays readable with the kept identity (Ana's), and the next `keys` command
//! leaves the workspace either as before or as the command meant it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Team, Who, listed};

const CITIES: usize = 16;
const PEOPLE: usize = 3;
/// How many times each command is killed.
const RUNS: usize = 20;

/// A dossier of its own for city `i`, its facilitators with e-mails and phones, one of them
/// quoted.
fn dossier(i: usize) -> String {
    let mut text = format!(
        "slug: city-{i:02}\nname:\n  en: City {i}\n  fa: شهر {i}\n  local: City {i}\ncountry: FR\n\
         relationship:\n  kind: sister-city\n  status: dormant\nfacilitators:\n"
    );
    for j in 0..PEOPLE {
        text.push_str(&format!(
            "  - id: p{i:02}-{j}\n    name: Person {i} {j}\n    status: active\n    contact:\n      \
             email: p{i:02}-{j}@example.org  # theirs\n      phone: \"+98 913 {i:03} {j:04}\"\n"
        ));
    }
    text
}

/// Every facilitator's id, e-mail and phone, as `facilitator list --contacts` gives them.
fn expected() -> Vec<(String, String, String)> {
    let mut people: Vec<(String, String, String)> = (0..CITIES)
        .flat_map(|i| {
            (0..PEOPLE).map(move |j| {
                (
                    format!("p{i:02}-{j}"),
                    format!("p{i:02}-{j}@example.org"),
                    format!("+98 913 {i:03} {j:04}"),
                )
            })
        })
        .collect();
    people.push((
        "sara".into(),
        super::PLAIN[0].into(),
        super::PLAIN[1].into(),
    ));
    people.sort();
    people
}

fn readable(team: &Team) -> Vec<(String, String, String)> {
    let mut people = listed(team, Who::Ana);
    people.sort();
    people
}

/// Every file of the workspace (not `.git`, not `.diplomat`), to put back before each run.
struct Snapshot(Vec<(PathBuf, Vec<u8>)>);

impl Snapshot {
    fn take(team: &Team) -> Snapshot {
        let mut files = Vec::new();
        for dir in ["cities", "keys"] {
            let Ok(entries) = std::fs::read_dir(team.root.join(dir)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
        let recipients = team.root.join("recipients.yaml");
        files.push((recipients.clone(), std::fs::read(&recipients).unwrap()));
        files.sort();
        Snapshot(files)
    }

    fn restore(&self, team: &Team) {
        for dir in ["cities", "keys", ".diplomat"] {
            let _ = std::fs::remove_dir_all(team.root.join(dir));
        }
        for (path, bytes) in &self.0 {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }

    fn dossiers(&self) -> impl Iterator<Item = &(PathBuf, Vec<u8>)> {
        self.0
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "yaml"))
            .filter(|(p, _)| p.parent().is_some_and(|d| d.ends_with("cities")))
    }
}

/// The ids of the data keys that sealed the values of every dossier, one per value.
fn sealed_by(root: &Path) -> Vec<String> {
    let mut kids = Vec::new();
    for entry in std::fs::read_dir(root.join("cities")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (at, _) in text.match_indices("ENC[v1,") {
            kids.push(text[at + 7..at + 23].to_owned());
        }
    }
    kids
}

/// A small random number generator (xorshift), seeded from the clock and said on failure.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
            | 1;
        Rng(seed)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `diplomat ARGS` started as Ana, its output dropped.
fn spawn(team: &Team, args: &[&str]) -> std::process::Child {
    use std::process::Stdio;
    team.command(Who::Ana, args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The team's workspace with [`CITIES`] more dossiers.
fn big_team() -> Team {
    let team = Team::new();
    for i in 0..CITIES {
        team.write(&format!("cities/city-{i:02}.yaml"), &dossier(i));
    }
    let ana = team.ok(Who::Ana, &["keys", "init"]);
    let bahram = team.ok(Who::Bahram, &["keys", "init"]);
    team.ok(Who::Ana, &["keys", "add", "ana", &ana]);
    team.ok(Who::Ana, &["keys", "add", "bahram", &bahram]);
    team
}

/// How the workspace stands once a killed run and the next `keys` command are over.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// As before the command.
    Before,
    /// As the command meant it.
    After,
}

/// Kills `diplomat ARGS` (as Ana) [`RUNS`] times at random points of how long it takes, on
/// the workspace `before`. After each kill, every value reads (before any other command);
/// after the next `keys` command (`keys list`), it reads still, and `check` says whether the
/// workspace is as before or as after. Returns how many kills found the command halfway
/// (`keys/data-key.age.new` or `keys/decrypting` on disk).
fn kill_anywhere(
    team: &Team,
    before: &Snapshot,
    args: &[&str],
    check: impl Fn(&Team) -> Outcome,
) -> usize {
    let people = expected();
    let values = 2 * people.len() + 2;
    // One run to the end: how long it takes, and the workspace it leaves.
    before.restore(team);
    let started = Instant::now();
    team.ok(Who::Ana, args);
    let took = started.elapsed();
    assert_eq!(check(team), Outcome::After);
    assert_eq!(readable(team), people);

    let mut rng = Rng::new();
    let seed = rng.0;
    let mut halfway = 0;
    // Kills that left dossiers with values of two keys (or some still in plain).
    let mut mixed = 0;
    let mut outcomes = Vec::new();
    for run in 0..RUNS {
        before.restore(team);
        // Half the kills spread over the whole run, half over its last part, where the
        // dossiers are written one by one.
        let half = (RUNS / 2) as f64;
        let at = if run % 2 == 0 {
            took.mul_f64(((run / 2) as f64 + rng.unit()) / half)
        } else {
            took.mul_f64(0.6 + 0.4 * ((run / 2) as f64 + rng.unit()) / half)
        };
        let mut child = spawn(team, args);
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        let said = format!(
            "`diplomat {}` killed after {at:?} (seed {seed})",
            args.join(" ")
        );
        if team.root.join("keys/data-key.age.new").exists()
            || team.root.join("keys/decrypting").exists()
        {
            halfway += 1;
            let kids = sealed_by(&team.root);
            if kids.iter().any(|k| *k != kids[0]) || (kids.len() != values && !kids.is_empty()) {
                mixed += 1;
            }
        }
        assert_eq!(
            readable(team),
            people,
            "{said}: values unreadable before the next command"
        );
        team.run(Who::Ana, &["keys", "list"]).code(0);
        assert!(
            !team.root.join("keys/data-key.age.new").exists(),
            "{said}: not finished by `keys list`"
        );
        outcomes.push(check(team));
        assert_eq!(
            readable(team),
            people,
            "{said}: values unreadable after `keys list`"
        );
    }
    assert!(
        outcomes.contains(&Outcome::After),
        "no kill came late enough (seed {seed}, {took:?}): {outcomes:?}"
    );
    // And once right after its first dossier is written, when values are sealed with two keys
    // (or some still in plain): the kill the random ones may miss.
    before.restore(team);
    let old = sealed_by(&team.root);
    let mut caught = false;
    for _ in 0..5 {
        before.restore(team);
        let mut child = spawn(team, args);
        let written = loop {
            let kids = sealed_by(&team.root);
            if kids.iter().any(|k| !old.contains(k)) {
                let _ = child.kill();
                break Some(kids);
            }
            if child.try_wait().unwrap().is_some() {
                break None;
            }
        };
        let _ = child.wait();
        let Some(kids) = written else {
            continue;
        };
        if kids.len() == values && kids.iter().all(|k| !old.contains(k)) {
            // Seen too late: every dossier was written already.
            continue;
        }
        let said = format!(
            "`diplomat {}` killed after its first dossier",
            args.join(" ")
        );
        assert_eq!(readable(team), people, "{said}: values unreadable");
        team.run(Who::Ana, &["keys", "list"]).code(0);
        assert_eq!(check(team), Outcome::After, "{said}");
        assert_eq!(
            readable(team),
            people,
            "{said}: values unreadable after `keys list`"
        );
        caught = true;
        break;
    }
    assert!(
        caught,
        "`diplomat {}` was never caught halfway through its dossiers",
        args.join(" ")
    );
    eprintln!(
        "`diplomat {}` ({took:?}) killed {RUNS} times: {halfway} halfway, {mixed} of them with dossiers sealed by both keys",
        args.join(" ")
    );
    halfway
}

#[test]
fn keys_encrypt_killed_anywhere_leaves_every_value_readable_and_all_or_nothing() {
    let team = big_team();
    let before = Snapshot::take(&team);
    let values = 2 * expected().len() + 2;
    let halfway = kill_anywhere(&team, &before, &["keys", "encrypt"], |team| {
        if team.root.join("keys/data-key.age").exists() {
            let kids = sealed_by(&team.root);
            assert_eq!(kids.len(), values, "a value left in plain");
            assert!(kids.iter().all(|k| *k == kids[0]), "two keys: {kids:?}");
            Outcome::After
        } else {
            for (path, bytes) in before.dossiers() {
                assert!(std::fs::read(path).unwrap() == *bytes, "{path:?} changed");
            }
            Outcome::Before
        }
    });
    assert!(halfway > 0, "no kill found `keys encrypt` halfway");
}

#[test]
fn keys_remove_killed_anywhere_leaves_every_value_readable_and_all_or_nothing() {
    let team = big_team();
    team.ok(Who::Ana, &["keys", "encrypt"]);
    let before = Snapshot::take(&team);
    let old_key = team.read("keys/data-key.age");
    let old_kid = sealed_by(&team.root)[0].clone();
    let halfway = kill_anywhere(&team, &before, &["keys", "remove", "bahram"], |team| {
        let kids = sealed_by(&team.root);
        if team.read("recipients.yaml").contains("bahram") {
            assert_eq!(team.read("keys/data-key.age"), old_key);
            for (path, bytes) in before.dossiers() {
                assert!(std::fs::read(path).unwrap() == *bytes, "{path:?} changed");
            }
            Outcome::Before
        } else {
            assert_ne!(team.read("keys/data-key.age"), old_key);
            assert!(
                kids.iter().all(|k| *k == kids[0] && *k != old_kid),
                "values left with the old key: {kids:?}"
            );
            Outcome::After
        }
    });
    assert!(halfway > 0, "no kill found `keys remove` halfway");
}

/// Whether a read-only folder stops this process writing into it (not as root).
fn permissions_bind(team: &Team) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = team.dir.path().join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
    let binds = std::fs::write(probe.join("x"), "x").is_err();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&probe).unwrap();
    binds
}

/// `diplomat ARGS` as Ana, unable to write into `keys/`: the folder is read-only, and when
/// this runs as root (whom permissions do not bind) it runs as another user, who owns
/// everything but `keys/`.
fn run_with_keys_unwritable(team: &Team, args: &[&str]) -> super::Run {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let keys = team.root.join("keys");
    std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut cmd = team.command(Who::Ana, args);
    if !permissions_bind(team) {
        const NOBODY: u32 = 65534;
        fn own(path: &Path, keys: &Path) {
            if path != keys {
                std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).unwrap();
            }
            if path.is_dir() && !path.is_symlink() {
                for entry in std::fs::read_dir(path).unwrap() {
                    own(&entry.unwrap().path(), keys);
                }
            }
        }
        own(team.dir.path(), &keys);
        cmd.uid(NOBODY).gid(NOBODY);
    }
    let run = super::Run::of(args.join(" "), &mut assert_cmd::Command::from_std(cmd));
    std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o755)).unwrap();
    run
}

#[test]
fn keys_commands_that_cannot_write_the_key_file_change_no_dossier() {
    // `keys/` a file: `keys encrypt` turns nothing on.
    let team = big_team();
    team.write("keys", "not a folder\n");
    let before = Snapshot::take(&team);
    let run = team.run(Who::Ana, &["keys", "encrypt"]);
    run.code(2);
    for (path, bytes) in before.dossiers() {
        assert!(
            std::fs::read(path).unwrap() == *bytes,
            "{path:?} changed\n{run}"
        );
    }
    run.stderr_has("cannot create `keys`");
    assert_eq!(sealed_by(&team.root).len(), 0);
    std::fs::remove_file(team.root.join("keys")).unwrap();
    team.ok(Who::Ana, &["keys", "encrypt"]);

    // `keys/` read-only (or another user's): `keys remove` rotates nothing.
    let before = Snapshot::take(&team);
    let run = run_with_keys_unwritable(&team, &["keys", "remove", "bahram"]);
    run.code(2);
    for (path, bytes) in &before.0 {
        assert!(
            std::fs::read(path).unwrap() == *bytes,
            "{path:?} changed\n{run}"
        );
    }
    assert!(!team.root.join("keys/data-key.age.new").exists());
    assert_eq!(readable(&team), expected());

    // `keys/data-key.age` read-only: refused before anything is written.
    use std::os::unix::fs::PermissionsExt;
    let key = team.root.join("keys/data-key.age");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o444)).unwrap();
    team.run(Who::Ana, &["keys", "remove", "bahram"])
        .code(2)
        .stderr_has("`keys/data-key.age` is read-only, so nothing was changed");
    for (path, bytes) in &before.0 {
        assert!(std::fs::read(path).unwrap() == *bytes, "{path:?} changed");
    }
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    team.ok(Who::Ana, &["keys", "remove", "bahram"]);
    assert_eq!(readable(&team), expected());
}
