//! Issue 16: contact details encrypted at rest. Two analysts with their own identities in
//! temporary homes; every read command without any identity; real `git merge` with the
//! driver and no identity; the pre-commit hook refusing plain details.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::support::{Run, TODAY, diplomat, hermetic_env};

mod assign;
#[cfg(unix)]
mod journal;
mod recipients;

const FILE: &str = "cities/lyon.yaml";

const LYON: &str = "slug: lyon
name:
  en: Lyon
  fa: لیون
  local: Lyon
country: FR
relationship:
  kind: sister-city
  status: dormant
# the Chamber's contact, met in 2025
facilitators:
  - id: sara
    name: Sara Ahmadi
    languages: [fr, fa]
    status: active
    contact:
      email: sara@example.org  # personal address
      phone: +33 6 00 00 00 00
contacts:
  - id: fr-consul
    name: Consul
    role: embassy-counsellor
    contact:
      email: consul@example.fr
      phone: +33 1 00 00 00 00
";

const PLAIN: [&str; 4] = [
    "sara@example.org",
    "+33 6 00 00 00 00",
    "consul@example.fr",
    "+33 1 00 00 00 00",
];

/// PATH with the binary's folder first: git's hook runs `diplomat` by name.
fn path_with_diplomat() -> std::ffi::OsString {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_diplomat"));
    let mut paths = vec![bin.parent().map(Path::to_path_buf).unwrap_or_default()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// A workspace in a git repository (merge driver registered), and two analysts' homes.
struct Team {
    dir: TempDir,
    root: PathBuf,
}

/// Who runs a command: an analyst with a home of their own, or nobody with any identity.
#[derive(Clone, Copy)]
enum Who {
    Ana,
    Bahram,
    Nobody,
}

impl Team {
    fn new() -> Team {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("work");
        std::fs::create_dir_all(root.join("cities")).unwrap();
        for home in ["ana", "bahram", "nobody"] {
            std::fs::create_dir_all(dir.path().join(home)).unwrap();
        }
        std::fs::write(root.join(FILE), LYON).unwrap();
        let team = Team { dir, root };
        team.git_ok(&["init", "-q", "-b", "main"]);
        let config = team.root.join(".git/config");
        let mut text = std::fs::read_to_string(&config).unwrap();
        text.push_str(&format!(
            "[user]\n\tname = Analyst\n\temail = analyst@example.org\n\
             [merge \"diplomat\"]\n\tname = dossiers by structure\n\tdriver = '{}' merge-driver %O %A %B %P --marker-size %L --ours-label %X --theirs-label %Y\n",
            env!("CARGO_BIN_EXE_diplomat")
        ));
        std::fs::write(&config, text).unwrap();
        std::fs::write(
            team.root.join(".gitattributes"),
            "cities/*.yaml merge=diplomat\n",
        )
        .unwrap();
        std::fs::write(team.root.join(".gitignore"), ".diplomat/\n").unwrap();
        team
    }

    fn home(&self, who: Who) -> PathBuf {
        self.dir.path().join(match who {
            Who::Ana => "ana",
            Who::Bahram => "bahram",
            Who::Nobody => "nobody",
        })
    }

    /// `diplomat ARGS` as `who`: Ana's identity is found in her home's config folder,
    /// Bahram's is named by `DIPLOMAT_IDENTITY`; nobody has one.
    fn run(&self, who: Who, args: &[&str]) -> Run {
        let mut cmd = assert_cmd::Command::from_std(self.command(who, args));
        Run::of(args.join(" "), &mut cmd)
    }

    /// The command [`Team::run`] runs, to start it and wait for it later.
    fn command(&self, who: Who, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_diplomat"));
        cmd.env_clear()
            .envs(hermetic_env())
            .current_dir(&self.root)
            .env("HOME", self.home(who))
            .arg("-C")
            .arg(&self.root)
            .args(args);
        if let Who::Bahram = who {
            cmd.env("DIPLOMAT_IDENTITY", self.home(who).join("keys/bahram.txt"));
        }
        cmd
    }

    fn ok(&self, who: Who, args: &[&str]) -> String {
        let run = self.run(who, args);
        run.code(0);
        run.stdout.trim().to_owned()
    }

    fn git(&self, args: &[&str]) -> std::process::Output {
        Command::new("git")
            .env_clear()
            .env("PATH", path_with_diplomat())
            .env("HOME", self.home(Who::Nobody))
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
            .unwrap()
    }

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
        self.git_ok(&["commit", "-q", "-m", message]);
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap()
    }

    fn write(&self, path: &str, text: &str) {
        std::fs::write(self.root.join(path), text).unwrap();
    }

    /// Replaces the one line of the dossier holding `from` by `to`.
    fn edit_line(&self, from: &str, to: &str) {
        let text = self.read(FILE);
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(from)).collect();
        assert_eq!(lines.len(), 1, "{from:?} should be on one line\n{text}");
        self.write(FILE, &text.replacen(lines[0], to, 1));
    }

    /// Ana and Bahram make their identities; Ana adds both and turns encryption on.
    fn encrypted() -> Team {
        let team = Team::new();
        let ana = team.ok(Who::Ana, &["keys", "init"]);
        let bahram = team.ok(Who::Bahram, &["keys", "init"]);
        team.ok(Who::Ana, &["keys", "add", "ana", &ana]);
        team.ok(Who::Ana, &["keys", "add", "bahram", &bahram]);
        team.ok(Who::Ana, &["keys", "encrypt"]);
        team
    }

    /// The line of the dossier that holds `key` under the person `id`.
    fn line_of(&self, id: &str, key: &str) -> String {
        let text = self.read(FILE);
        let at = text.find(&format!("id: {id}\n")).unwrap();
        text[at..]
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{key}:")))
            .unwrap()
            .to_owned()
    }
}

/// The facilitators' contact details as `facilitator list --contacts --format json` gives them.
fn listed(team: &Team, who: Who) -> Vec<(String, String, String)> {
    let run = team.run(
        who,
        &["facilitator", "list", "--contacts", "--format", "json"],
    );
    run.code(0);
    run.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (text("id"), text("email"), text("phone"))
        })
        .collect()
}

#[test]
fn keys_init_writes_a_private_identity_and_prints_its_recipient() {
    let team = Team::new();
    let first = team.ok(Who::Ana, &["keys", "init"]);
    assert!(first.starts_with("age1"), "{first}");
    let path = team.home(Who::Ana).join(".config/diplomat/identity.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("AGE-SECRET-KEY-1") && text.contains(&first));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    // Again: the same identity, not a new one.
    assert_eq!(team.ok(Who::Ana, &["keys", "init"]), first);
    // `--identity FILE` points elsewhere.
    let elsewhere = team.dir.path().join("elsewhere.txt");
    let other = team.ok(
        Who::Nobody,
        &["--identity", elsewhere.to_str().unwrap(), "keys", "init"],
    );
    assert_ne!(other, first);
    assert!(elsewhere.is_file());
    // The workspace is untouched.
    assert!(!team.root.join("recipients.yaml").exists());
}

#[test]
fn encrypt_then_decrypt_round_trips_every_field_and_changes_only_those_lines() {
    let team = Team::encrypted();
    let text = team.read(FILE);
    for plain in PLAIN {
        assert!(!text.contains(plain), "{plain} left in plain:\n{text}");
    }
    assert_eq!(text.matches("ENC[v1,").count(), 4, "{text}");
    // Only the four value lines changed; the comment on one of them stayed.
    let changed: Vec<(&str, &str)> = LYON
        .lines()
        .zip(text.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 4, "{changed:?}");
    assert!(changed.iter().all(|(_, b)| b.contains(": ENC[v1,")));
    assert!(
        team.line_of("sara", "email")
            .ends_with("  # personal address")
    );
    assert_eq!(text.lines().count(), LYON.lines().count());
    assert!(
        team.read("keys/data-key.age")
            .starts_with("-----BEGIN AGE ENCRYPTED FILE-----")
    );
    team.run(Who::Nobody, &["validate"]).code(0);
    team.run(Who::Nobody, &["fmt", "--check"]).code(0);

    // Both analysts read every field.
    for who in [Who::Ana, Who::Bahram] {
        assert_eq!(
            listed(&team, who),
            vec![("sara".to_owned(), PLAIN[0].to_owned(), PLAIN[1].to_owned())]
        );
        let show = team.run(
            who,
            &["city", "show", "lyon", "--contacts", "--format", "json"],
        );
        show.code(0);
        let data = show.json();
        assert_eq!(data["facilitators"][0]["contact"]["phone"], PLAIN[1]);
        assert_eq!(data["contacts"][0]["contact"]["email"], PLAIN[2]);
        assert_eq!(data["contacts"][0]["contact"]["phone"], PLAIN[3]);
        team.run(who, &["city", "show", "lyon", "--contacts"])
            .code(0)
            .stdout_has(PLAIN[0])
            .stdout_lacks("ENC[");
        team.run(who, &["report", "review", "lyon", "--include-contacts"])
            .code(0)
            .stdout_has(PLAIN[2])
            .stdout_lacks("ENC[");
    }
    // The cache holds only what is in the files.
    for entry in std::fs::read_dir(team.root.join(".diplomat/cache")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let bytes = String::from_utf8_lossy(&bytes);
        assert!(
            PLAIN.iter().all(|p| !bytes.contains(p)),
            "plain in the cache"
        );
    }

    team.ok(Who::Bahram, &["keys", "decrypt"]);
    assert_eq!(team.read(FILE), LYON);
    assert!(!team.root.join("keys/data-key.age").exists());
}

#[test]
fn ciphertext_lines_stay_byte_identical_across_unrelated_writes() {
    let team = Team::encrypted();
    let before: Vec<String> = ["email", "phone"]
        .iter()
        .flat_map(|k| [team.line_of("sara", k), team.line_of("fr-consul", k)])
        .collect();
    team.ok(
        Who::Nobody,
        &["log", "lyon", "Call with Sara", "--kind", "call"],
    );
    team.ok(
        Who::Nobody,
        &["readiness", "set", "lyon", "branding", "partial"],
    );
    team.ok(
        Who::Nobody,
        &[
            "action",
            "add",
            "lyon",
            "Write to the consul",
            "--owner",
            "joint",
        ],
    );
    team.ok(
        Who::Ana,
        &[
            "facilitator",
            "add",
            "lyon",
            "--name",
            "Reza Karimi",
            "--email",
            "reza@example.org",
        ],
    );
    team.ok(Who::Ana, &["keys", "encrypt"]);
    let after: Vec<String> = ["email", "phone"]
        .iter()
        .flat_map(|k| [team.line_of("sara", k), team.line_of("fr-consul", k)])
        .collect();
    assert_eq!(before, after);
    assert!(team.line_of("reza-karimi", "email").contains("ENC[v1,"));
    team.run(Who::Bahram, &["facilitator", "list", "--contacts"])
        .code(0)
        .stdout_has("reza@example.org");
}

/// `facilitator set` and `contact set` seal what they write; a value given as it is keeps its
/// ciphertext; other fields change without the identity.
#[test]
fn set_seals_new_details_and_keeps_unchanged_ciphertext() {
    let team = Team::encrypted();
    let phone = team.line_of("sara", "phone");
    team.ok(
        Who::Ana,
        &[
            "facilitator",
            "set",
            "lyon",
            "sara",
            "--email",
            "sara.new@example.org",
        ],
    );
    let email = team.line_of("sara", "email");
    assert!(
        email.contains("ENC[v1,") && !email.contains("sara.new"),
        "{email}"
    );
    assert_eq!(team.line_of("sara", "phone"), phone);
    assert!(team.read(FILE).contains("# personal address"));
    // The same value again: nothing changes, not even the ciphertext.
    let before = team.read(FILE);
    team.ok(
        Who::Bahram,
        &[
            "facilitator",
            "set",
            "lyon",
            "sara",
            "--email",
            "sara.new@example.org",
        ],
    );
    assert_eq!(team.read(FILE), before);
    // A contact's phone, sealed too.
    team.ok(
        Who::Bahram,
        &[
            "contact",
            "set",
            "lyon",
            "fr-consul",
            "--phone",
            "+33 1 11 11 11 11",
        ],
    );
    assert!(team.line_of("fr-consul", "phone").contains("ENC[v1,"));
    assert!(!team.read(FILE).contains("+33 1 11"));
    let people = listed(&team, Who::Ana);
    assert!(
        people.contains(&(
            "sara".into(),
            "sara.new@example.org".into(),
            "+33 6 00 00 00 00".into()
        )),
        "{people:?}"
    );
    team.run(Who::Ana, &["city", "show", "lyon", "--contacts"])
        .code(0)
        .stdout_has("+33 1 11 11 11 11");
    // Without an identity: the details cannot be written, the name can.
    team.run(
        Who::Nobody,
        &["facilitator", "set", "lyon", "sara", "--phone", "+33 6 22"],
    )
    .code(2);
    assert_eq!(team.line_of("sara", "phone"), phone);
    team.ok(
        Who::Nobody,
        &[
            "facilitator",
            "set",
            "lyon",
            "sara",
            "--name",
            "Sara Ahmadi-Rad",
        ],
    );
}

/// `import facilitators` writes e-mails and phones sealed in an encrypted workspace, needs the
/// identity to, and skips a person whose sealed e-mail is already there.
#[test]
fn import_seals_the_contact_details_it_writes() {
    let team = Team::encrypted();
    team.write(
        "signup.csv",
        "name,email,phone\nReza Karimi,reza@example.org,+98 913 000 2222\n",
    );
    team.run(
        Who::Nobody,
        &["import", "facilitators", "signup.csv", "--city", "lyon"],
    )
    .code(2);
    assert!(!team.read(FILE).contains("Reza"));
    team.ok(
        Who::Ana,
        &["import", "facilitators", "signup.csv", "--city", "lyon"],
    );
    let text = team.read(FILE);
    assert!(text.contains("Reza Karimi"), "{text}");
    assert!(
        !text.contains("reza@example.org") && !text.contains("913 000"),
        "{text}"
    );
    assert!(team.line_of("reza-karimi", "email").contains("ENC[v1,"));
    assert!(listed(&team, Who::Bahram).contains(&(
        "reza-karimi".into(),
        "reza@example.org".into(),
        "+98 913 000 2222".into()
    )));
    // The same person under another spelling of the name: known by the sealed e-mail.
    team.write(
        "again.csv",
        "name,email\nReza Karimi-Nejad,REZA@example.org\nLeila Navabi,leila@example.org\n",
    );
    team.run(
        Who::Bahram,
        &["import", "facilitators", "again.csv", "--city", "lyon"],
    )
    .code(0)
    .stderr_has("same e-mail");
    let text = team.read(FILE);
    assert!(!text.contains("Karimi-Nejad"), "{text}");
    assert!(text.contains("Leila Navabi"), "{text}");
}

#[test]
fn adding_a_recipient_rewraps_only_the_data_key() {
    let team = Team::encrypted();
    team.commit("encrypted");
    let carol = team
        .run(Who::Nobody, &["--identity", "carol.txt", "keys", "init"])
        .stdout
        .trim()
        .to_owned();
    std::fs::remove_file(team.root.join("carol.txt")).unwrap();
    team.ok(Who::Bahram, &["keys", "add", "carol", &carol]);
    let changed = team.git_ok(&["status", "--porcelain"]);
    let mut changed: Vec<&str> = changed.lines().map(|l| &l[3..]).collect();
    changed.sort_unstable();
    assert_eq!(changed, ["keys/data-key.age", "recipients.yaml"]);
    // Without an identity, a recipient cannot be added to an encrypted workspace.
    let dana = team
        .run(Who::Nobody, &["--identity", "dana.txt", "keys", "init"])
        .stdout
        .trim()
        .to_owned();
    std::fs::remove_file(team.root.join("dana.txt")).unwrap();
    team.run(Who::Nobody, &["keys", "add", "dana", &dana])
        .code(2)
        .stderr_has("keys init");
    team.run(Who::Nobody, &["keys", "list"])
        .code(0)
        .stdout_has("carol")
        .stdout_has("contact details are encrypted");
}

#[test]
fn a_removed_recipient_cannot_decrypt_values_written_after_the_removal() {
    let team = Team::encrypted();
    team.commit("encrypted");
    let old_key = team.read("keys/data-key.age");
    let old_lines = team.line_of("sara", "phone");
    team.ok(Who::Ana, &["keys", "remove", "bahram"]);
    // Every value was encrypted again with a new data key.
    assert_ne!(team.line_of("sara", "phone"), old_lines);
    assert_ne!(team.read("keys/data-key.age"), old_key);
    team.run(Who::Nobody, &["keys", "list"])
        .code(0)
        .stdout_lacks("bahram");
    team.ok(
        Who::Ana,
        &[
            "facilitator",
            "add",
            "lyon",
            "--name",
            "Neda Rahimi",
            "--phone",
            "+98 912 000 0000",
        ],
    );
    team.commit("bahram removed");
    assert_eq!(listed(&team, Who::Ana)[0].2, "+98 912 000 0000");

    // Bahram cannot open the new data key…
    team.run(Who::Bahram, &["facilitator", "list", "--contacts"])
        .code(2)
        .stderr_has("not (or no longer) one of its recipients")
        .stdout_lacks("ENC[")
        .stdout_lacks("+98 912");
    // …and the data key he kept from before does not open what was written since.
    team.write("keys/data-key.age", &old_key);
    let run = team.run(Who::Bahram, &["facilitator", "list", "--contacts"]);
    run.code(2)
        .stderr_has("cities/lyon.yaml:")
        .stderr_has("another data key")
        .stdout_lacks("+98 912");
    // The last recipient cannot be removed while encryption is on.
    team.git_ok(&["checkout", "--", "keys/data-key.age"]);
    team.run(Who::Ana, &["keys", "remove", "ana"])
        .code(2)
        .stderr_has("keys decrypt");
    // A name close to none: no empty "did you mean".
    team.run(Who::Ana, &["keys", "remove", "nobody-at-all"])
        .code(2)
        .stderr_has("is not a recipient")
        .stderr_lacks("did you mean");
}

#[test]
fn a_tampered_or_moved_value_is_a_located_error_never_garbage() {
    let team = Team::encrypted();
    let original = team.read(FILE);
    // Tampered: one character of the payload changed.
    let phone = team.line_of("sara", "phone");
    let at = phone.len() - 20;
    let other = if &phone[at..=at] == "A" { "B" } else { "A" };
    let tampered = format!("{}{other}{}", &phone[..at], &phone[at + 1..]);
    team.edit_line(&phone, &tampered);
    team.run(Who::Ana, &["facilitator", "list", "--contacts"])
        .code(2)
        .stderr_has("cities/lyon.yaml:18:14")
        .stderr_has("facilitators[sara].contact.phone")
        .stderr_has("does not decrypt")
        .stdout_lacks("ENC[");
    // `validate` needs no key and sees a well-formed value; the other commands still work.
    team.run(Who::Nobody, &["city", "list"]).code(0);

    // Moved: the facilitator's e-mail copied to the contact.
    team.write(FILE, &original);
    let sara = team.line_of("sara", "email");
    let sealed = sara.trim().trim_end_matches("  # personal address");
    let consul = team.line_of("fr-consul", "email");
    team.edit_line(&consul, &format!("      {sealed}"));
    team.run(Who::Ana, &["city", "show", "lyon", "--contacts"])
        .code(2)
        .stderr_has("cities/lyon.yaml:24:14")
        .stderr_has("contacts[fr-consul].contact.email")
        .stdout_lacks("sara@example.org");
    // Not well formed: a located error of `validate`, no key needed.
    team.write(FILE, &original);
    team.edit_line(
        &team.line_of("fr-consul", "phone"),
        "      phone: ENC[v1,broken]",
    );
    team.run(Who::Nobody, &["validate"])
        .code(1)
        .stdout_has("cities/lyon.yaml:25:14")
        .stdout_has("not a well-formed encrypted value");
}

#[test]
fn every_command_that_shows_no_contact_details_works_without_an_identity() {
    let team = Team::encrypted();
    team.commit("encrypted");
    for args in [
        &["city", "list"][..],
        &["city", "show", "lyon"],
        &["city", "show", "lyon", "--format", "json"],
        &["facilitator", "list"],
        &["facilitator", "list", "--format", "csv"],
        &["action", "list"],
        &["check"],
        &["summary"],
        &["validate"],
        &["fmt", "--check"],
        &["report", "weekly"],
        &["report", "weekly", "--format", "json"],
        &["report", "roadmap"],
        &["report", "review", "lyon"],
        &["keys", "list"],
    ] {
        let run = team.run(Who::Nobody, args);
        assert!(
            matches!(run.code, Some(0 | 1)),
            "{args:?} failed without an identity\n{run}"
        );
        run.stdout_lacks("ENC[");
        for plain in PLAIN {
            run.stdout_lacks(plain);
        }
    }
    // `diff` says what changed, not the values.
    let phone = team.line_of("sara", "phone");
    team.edit_line(&phone, "      phone: +33 6 11 11 11 11");
    team.ok(Who::Ana, &["keys", "encrypt"]);
    team.run(Who::Nobody, &["diff"])
        .code(0)
        .stdout_has("lyon: facilitator sara: phone changed")
        .stdout_lacks("ENC[");
    // What shows or writes contact details says it needs an identity (exit 2).
    for args in [
        &["facilitator", "list", "--contacts"][..],
        &["city", "show", "lyon", "--contacts"],
        &["report", "review", "lyon", "--include-contacts"],
        &[
            "facilitator",
            "add",
            "lyon",
            "--name",
            "Omid",
            "--email",
            "o@example.org",
        ],
        &[
            "contact", "add", "lyon", "--name", "Aide", "--role", "expert", "--phone", "+1 555",
        ],
    ] {
        team.run(Who::Nobody, args)
            .code(2)
            .stderr_has("there is no identity")
            .stderr_has("diplomat keys init")
            .stdout_lacks("ENC[");
    }
    assert!(!team.read(FILE).contains("Omid"));
    // Without contact details, people are still added without a key.
    team.ok(
        Who::Nobody,
        &[
            "contact", "add", "lyon", "--name", "Aide", "--role", "expert",
        ],
    );
}

#[test]
fn the_hook_refuses_plain_contact_details_when_encryption_is_on() {
    let team = Team::encrypted();
    let mut cmd = diplomat();
    cmd.current_dir(&team.root)
        .env("PATH", path_with_diplomat())
        .args(["-C", team.root.to_str().unwrap(), "hook", "install"]);
    Run::of("hook install", &mut cmd).code(0);
    team.commit("encrypted");
    team.edit_line(
        &team.line_of("fr-consul", "phone"),
        "      phone: +33 1 99 99 99 99",
    );
    team.git_ok(&["add", FILE]);
    let out = team.git(&["commit", "-q", "-m", "consul's new phone"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the commit went through: {stderr}");
    assert!(
        stderr.contains("cities/lyon.yaml:25:14") && stderr.contains("stored in plain"),
        "{stderr}"
    );
    // Encrypted, it commits.
    team.ok(Who::Ana, &["keys", "encrypt"]);
    team.git_ok(&["add", FILE]);
    team.git_ok(&["commit", "-q", "-m", "consul's new phone"]);
}

// ---------------------------------------------------------------------------------------------
// Merges through real `git merge` with the driver, and no identity anywhere

/// `ours` on `main` and `theirs` on a branch (each with Ana's identity), then `git merge`
/// with no identity; the exit status of the merge.
fn merge(team: &Team, ours: impl FnOnce(&Team), theirs: impl FnOnce(&Team)) -> bool {
    team.commit("encrypted");
    team.git_ok(&["checkout", "-q", "-b", "theirs"]);
    theirs(team);
    team.commit("theirs");
    team.git_ok(&["checkout", "-q", "main"]);
    ours(team);
    team.commit("ours");
    team.git(&["merge", "-q", "--no-edit", "theirs"])
        .status
        .success()
}

/// Changes Sara's phone by hand and encrypts it again.
fn new_phone(team: &Team, phone: &str) {
    team.edit_line(
        &team.line_of("sara", "phone"),
        &format!("      phone: {phone}"),
    );
    team.ok(Who::Ana, &["keys", "encrypt"]);
}

#[test]
fn merge_a_phone_changed_on_one_side_and_languages_on_the_other_is_clean() {
    let team = Team::encrypted();
    let clean = merge(
        &team,
        |t| new_phone(t, "+33 6 22 22 22 22"),
        |t| t.edit_line("languages: [fr, fa]", "    languages: [fr, fa, en]"),
    );
    assert!(clean, "{}", team.read(FILE));
    let text = team.read(FILE);
    assert!(!text.contains("<<<<<<<") && text.contains("languages: [fr, fa, en]"));
    assert_eq!(
        listed(&team, Who::Bahram),
        vec![(
            "sara".to_owned(),
            PLAIN[0].to_owned(),
            "+33 6 22 22 22 22".to_owned()
        )]
    );
}

#[test]
fn merge_the_same_phone_changed_on_both_sides_is_one_conflict_on_that_line() {
    let team = Team::encrypted();
    let clean = merge(
        &team,
        |t| new_phone(t, "+33 6 22 22 22 22"),
        |t| new_phone(t, "+33 6 33 33 33 33"),
    );
    assert!(!clean);
    let text = team.read(FILE);
    assert_eq!(text.matches("<<<<<<<").count(), 1, "{text}");
    let start = text.find("<<<<<<<").unwrap();
    let end = text.find(">>>>>>>").unwrap();
    let block = &text[start..end];
    assert_eq!(block.matches("phone: ENC[v1,").count(), 2, "{block}");
    assert_eq!(block.lines().count(), 4, "{block}");
    assert!(!block.contains("email"), "{block}");
}

#[test]
fn merge_two_facilitators_added_with_encrypted_contacts_is_clean() {
    let team = Team::encrypted();
    let clean = merge(
        &team,
        |t| {
            t.ok(
                Who::Ana,
                &[
                    "facilitator",
                    "add",
                    "lyon",
                    "--name",
                    "Reza Karimi",
                    "--email",
                    "reza@example.org",
                    "--phone",
                    "+98 913 000 0000",
                ],
            );
        },
        |t| {
            t.ok(
                Who::Bahram,
                &[
                    "facilitator",
                    "add",
                    "lyon",
                    "--name",
                    "Neda Rahimi",
                    "--email",
                    "neda@example.org",
                ],
            );
        },
    );
    assert!(clean, "{}", team.read(FILE));
    team.run(Who::Nobody, &["validate"]).code(0);
    let people = listed(&team, Who::Ana);
    let ids: Vec<&str> = people.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(ids, ["neda-rahimi", "reza-karimi", "sara"]);
    assert!(people.iter().any(|p| p.1 == "neda@example.org"));
    assert!(people.iter().any(|p| p.2 == "+98 913 000 0000"));
}

// One workspace lock for the whole of every keys command, and for reading the data key a write
// seals with. The test holds `.diplomat/lock` as a diplomat process in the middle of a write
// does; the command is started, and once the kernel lists it as waiting for that lock
// (`/proc/locks`), the test finishes "its" write and lets go. No sleep decides the order.

/// The files a keys command reads and writes.
#[cfg(target_os = "linux")]
const KEY_FILES: [&str; 3] = [FILE, "keys/data-key.age", "recipients.yaml"];

/// Facilitator Omid added to Lyon with an e-mail: sealed when encryption is on.
#[cfg(target_os = "linux")]
const ADD_OMID: [&str; 7] = [
    "facilitator",
    "add",
    "lyon",
    "--name",
    "Omid Tehrani",
    "--email",
    "omid@example.org",
];

#[cfg(target_os = "linux")]
impl Team {
    /// The text of each of [`KEY_FILES`], none where there is no such file.
    fn snapshot(&self) -> Vec<Option<String>> {
        KEY_FILES
            .iter()
            .map(|path| std::fs::read_to_string(self.root.join(path)).ok())
            .collect()
    }

    /// Puts [`KEY_FILES`] back as `snapshot` had them.
    fn restore(&self, snapshot: &[Option<String>]) {
        for (path, text) in KEY_FILES.iter().zip(snapshot) {
            let path = self.root.join(path);
            match text {
                Some(text) => {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, text).unwrap();
                }
                None if path.exists() => std::fs::remove_file(&path).unwrap(),
                None => {}
            }
        }
    }

    /// Holds the workspace's write lock, as a diplomat process in the middle of a write does.
    fn hold_lock(&self) -> std::fs::File {
        let dir = self.root.join(".diplomat");
        std::fs::create_dir_all(&dir).unwrap();
        let file = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("lock"))
            .unwrap();
        file.lock().unwrap();
        file
    }

    /// Starts `diplomat ARGS` as `who` while the test holds `lock`, and returns once the
    /// kernel lists it as waiting for that lock. A command that ends instead wrote without it.
    fn start_waiting(&self, who: Who, args: &[&str], lock: &std::fs::File) -> std::process::Child {
        use std::os::unix::fs::MetadataExt;
        use std::process::Stdio;
        let inode = format!(":{}", lock.metadata().unwrap().ino());
        let mut child = self
            .command(who, args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id().to_string();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        loop {
            // `1: -> FLOCK  ADVISORY  WRITE <pid> <device>:<inode> 0 EOF` for a waiter.
            let locks = std::fs::read_to_string("/proc/locks").unwrap();
            let waiting = locks.lines().any(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                fields.get(1) == Some(&"->")
                    && fields.get(5) == Some(&pid.as_str())
                    && fields.get(6).is_some_and(|file| file.ends_with(&inode))
            });
            if waiting {
                return child;
            }
            if child.try_wait().unwrap().is_some() {
                let out = child.wait_with_output().unwrap();
                panic!(
                    "`diplomat {}` ended ({}) without waiting for the workspace lock\n{}{}",
                    args.join(" "),
                    out.status,
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            assert!(
                std::time::Instant::now() < deadline,
                "`diplomat {}` neither waits for the lock nor ends",
                args.join(" ")
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// Runs `diplomat ARGS` as `who` while a write holding the lock is under way: the command
    /// must wait for the lock with nothing of [`KEY_FILES`] changed; the write then leaves
    /// them as `written` and lets go, and the command must succeed.
    fn run_during_write(&self, who: Who, args: &[&str], written: &[Option<String>]) {
        let lock = self.hold_lock();
        let before = self.snapshot();
        let child = self.start_waiting(who, args, &lock);
        assert!(
            self.snapshot() == before,
            "`diplomat {}` wrote before it had the lock",
            args.join(" ")
        );
        self.restore(written);
        drop(lock);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "`diplomat {}` failed\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// What `write` leaves in [`KEY_FILES`], which are then put back as they were.
    fn written_by(&self, write: impl FnOnce(&Team)) -> Vec<Option<String>> {
        let before = self.snapshot();
        write(self);
        let written = self.snapshot();
        self.restore(&before);
        written
    }
}

/// Whether Ana reads Omid's e-mail in plain.
#[cfg(target_os = "linux")]
fn omid_readable(team: &Team) -> bool {
    listed(team, Who::Ana)
        .iter()
        .any(|(id, email, _)| id == "omid-tehrani" && email == "omid@example.org")
}

#[test]
#[cfg(target_os = "linux")]
fn keys_remove_waits_for_a_write_under_way_and_encrypts_its_value_with_the_new_key() {
    let team = Team::encrypted();
    let old_key = team.read("keys/data-key.age");
    // Omid's e-mail, sealed with the old key, is written while the rotation waits.
    let written = team.written_by(|t| {
        t.ok(Who::Ana, &ADD_OMID);
    });
    team.run_during_write(Who::Ana, &["keys", "remove", "bahram"], &written);
    assert_ne!(team.read("keys/data-key.age"), old_key);
    assert!(omid_readable(&team), "{}", team.read(FILE));
    team.run(Who::Nobody, &["keys", "list"])
        .code(0)
        .stdout_lacks("bahram");
}

#[test]
#[cfg(target_os = "linux")]
fn keys_encrypt_waits_for_a_write_under_way_and_encrypts_its_value_too() {
    let team = Team::new();
    let ana = team.ok(Who::Ana, &["keys", "init"]);
    team.ok(Who::Ana, &["keys", "add", "ana", &ana]);
    // Omid's e-mail, in plain, is written while `keys encrypt` waits.
    let written = team.written_by(|t| {
        t.ok(Who::Ana, &ADD_OMID);
    });
    team.run_during_write(Who::Ana, &["keys", "encrypt"], &written);
    let text = team.read(FILE);
    assert!(!text.contains("omid@example.org"), "left in plain:\n{text}");
    assert_eq!(text.matches("ENC[v1,").count(), 5, "{text}");
    assert!(omid_readable(&team), "{text}");
}

#[test]
#[cfg(target_os = "linux")]
fn keys_decrypt_waits_for_a_write_under_way_and_opens_its_value_too() {
    let team = Team::encrypted();
    // Omid's e-mail, sealed, is written while `keys decrypt` waits.
    let written = team.written_by(|t| {
        t.ok(Who::Ana, &ADD_OMID);
    });
    team.run_during_write(Who::Bahram, &["keys", "decrypt"], &written);
    let text = team.read(FILE);
    assert!(!text.contains("ENC["), "left sealed without a key:\n{text}");
    assert!(text.contains("email: omid@example.org"), "{text}");
    assert!(!team.root.join("keys/data-key.age").exists());
}

#[test]
#[cfg(target_os = "linux")]
fn keys_add_waits_for_another_keys_add_and_keeps_its_recipient() {
    let team = Team::encrypted();
    let carol_identity = team.dir.path().join("carol.txt");
    let carol_identity = carol_identity.to_str().unwrap();
    let carol = team.ok(Who::Nobody, &["--identity", carol_identity, "keys", "init"]);
    let dana_identity = team.dir.path().join("dana.txt");
    let dana_identity = dana_identity.to_str().unwrap();
    let dana = team.ok(Who::Nobody, &["--identity", dana_identity, "keys", "init"]);
    // Bahram adds Carol while Ana's `keys add dana` waits.
    let written = team.written_by(|t| {
        t.ok(Who::Bahram, &["keys", "add", "carol", &carol]);
    });
    team.run_during_write(Who::Ana, &["keys", "add", "dana", &dana], &written);
    team.run(Who::Nobody, &["keys", "list"])
        .code(0)
        .stdout_has("carol")
        .stdout_has("dana");
    // The data key is wrapped to both.
    for identity in [carol_identity, dana_identity] {
        team.run(
            Who::Nobody,
            &["--identity", identity, "facilitator", "list", "--contacts"],
        )
        .code(0)
        .stdout_has(PLAIN[0]);
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_write_that_seals_waits_for_a_rotation_under_way_and_seals_with_the_new_key() {
    let set_email = [
        "facilitator",
        "set",
        "lyon",
        "sara",
        "--email",
        "sara@new.example.org",
    ];
    for (args, id, email) in [
        (&ADD_OMID[..], "omid-tehrani", "omid@example.org"),
        (&set_email[..], "sara", "sara@new.example.org"),
    ] {
        let team = Team::encrypted();
        // Ana removes Bahram (a new data key, every value sealed again) while the write waits.
        let rotated = team.written_by(|t| {
            t.ok(Who::Ana, &["keys", "remove", "bahram"]);
        });
        team.run_during_write(Who::Ana, args, &rotated);
        assert_eq!(team.read("keys/data-key.age"), rotated[1].clone().unwrap());
        let people = listed(&team, Who::Ana);
        assert!(
            people.iter().any(|(i, e, _)| i == id && e == email),
            "{people:?}\n{}",
            team.read(FILE)
        );
    }
}
