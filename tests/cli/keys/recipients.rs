//! Issue 25: who is given the data key. A recipient written into `recipients.yaml` by hand is
//! not given it on the way by another `keys` command; the analyst who runs `keys encrypt` or
//! `keys remove` is not locked out unless they say so; and the values keep their quoting
//! through `keys encrypt` and `keys decrypt`.

use super::{FILE, LYON, PLAIN, Team, Who, listed};

/// The recipients' keys in `text` replaced by their names, for whole-output comparisons.
fn named(text: &str, keys: &[(&str, &str)]) -> String {
    keys.iter().fold(text.to_owned(), |text, (name, key)| {
        text.replace(key, &format!("<{name}>"))
    })
}

/// An identity in the team's folder (outside the workspace) and its recipient.
fn identity(team: &Team, name: &str) -> (String, String) {
    let path = team.dir.path().join(format!("{name}.txt"));
    let path = path.to_str().unwrap().to_owned();
    let recipient = team.ok(Who::Nobody, &["--identity", &path, "keys", "init"]);
    (path, recipient)
}

/// Appends `name` with `key` to `recipients.yaml`, as an analyst does in an editor.
fn add_by_hand(team: &Team, name: &str, key: &str) {
    let text = team.read("recipients.yaml");
    team.write(
        "recipients.yaml",
        &format!("{text}  - name: {name}\n    key: {key}\n"),
    );
}

#[test]
fn a_recipient_added_by_hand_is_not_given_the_data_key_until_confirmed() {
    let team = Team::encrypted();
    let ana = team.ok(Who::Ana, &["keys", "init"]);
    let bahram = team.ok(Who::Bahram, &["keys", "init"]);
    let (eve_identity, eve) = identity(&team, "eve");
    let (_, carol) = identity(&team, "carol");
    add_by_hand(&team, "eve", &eve);
    let keys = [("ana", ana.as_str()), ("bahram", &bahram), ("eve", &eve)];

    // `keys list` marks her, for anyone who can open the data key.
    let list = team.run(Who::Ana, &["keys", "list"]);
    list.code(0);
    insta::assert_snapshot!(named(&list.stdout, &keys), @r"
    ana     <ana>  (you)
    bahram  <bahram>
    eve     <eve>  (added by hand, not given the data key: confirm with `diplomat keys add eve` and this recipient)
    3 recipients; contact details are encrypted
    ");
    let json = team.run(Who::Ana, &["keys", "list", "--format", "json"]);
    let rows = json.code(0).json();
    assert_eq!(rows[2]["name"], "eve");
    assert_eq!(rows[2]["has_key"], false);
    assert_eq!(rows[0]["has_key"], true);
    // Without an identity nothing can be told, and the list says so.
    team.run(Who::Nobody, &["keys", "list"])
        .code(0)
        .stdout_lacks("added by hand")
        .stdout_has("with your identity");

    // `keys add` of someone else and `keys remove` refuse, and change nothing.
    let before = (
        team.read("recipients.yaml"),
        team.read("keys/data-key.age"),
        team.read(FILE),
    );
    let refused = [
        vec!["keys", "add", "carol", carol.as_str()],
        vec!["keys", "remove", "bahram"],
    ];
    for args in &refused {
        team.run(Who::Ana, args)
            .code(2)
            .stderr_has("`eve` was added to recipients.yaml by hand")
            .stderr_has(&format!("diplomat keys add eve {eve}"));
        let after = (
            team.read("recipients.yaml"),
            team.read("keys/data-key.age"),
            team.read(FILE),
        );
        assert!(after == before, "`{}` changed files", args.join(" "));
    }
    // She was not given the key by any of it.
    let as_eve = [
        "--identity",
        &eve_identity,
        "facilitator",
        "list",
        "--contacts",
    ];
    team.run(Who::Nobody, &as_eve)
        .code(2)
        .stderr_has("not (or no longer) one of its recipients")
        .stdout_lacks(PLAIN[0]);

    // `keys add` of the same name and recipient confirms her: the key is wrapped to her, and
    // recipients.yaml does not change.
    team.ok(Who::Bahram, &["keys", "add", "eve", &eve]);
    assert_eq!(team.read("recipients.yaml"), before.0);
    team.run(Who::Nobody, &as_eve).code(0).stdout_has(PLAIN[0]);
    team.run(Who::Ana, &["keys", "list"])
        .code(0)
        .stdout_lacks("added by hand");
    team.ok(Who::Ana, &["keys", "add", "carol", &carol]);
}

#[test]
fn a_recipient_added_by_hand_and_removed_was_never_given_the_key() {
    let team = Team::encrypted();
    let (_, eve) = identity(&team, "eve");
    add_by_hand(&team, "eve", &eve);
    let (key, dossier) = (team.read("keys/data-key.age"), team.read(FILE));
    team.run(Who::Ana, &["keys", "remove", "eve"])
        .code(0)
        .stderr_has("had never been given the data key");
    // No new key was needed: she never had this one.
    assert_eq!(team.read("keys/data-key.age"), key);
    assert_eq!(team.read(FILE), dossier);
    team.run(Who::Nobody, &["keys", "list"])
        .code(0)
        .stdout_lacks("eve");
}

#[test]
fn a_recipient_taken_out_by_hand_still_holds_the_key_until_keys_remove() {
    let team = Team::encrypted();
    let text = team.read("recipients.yaml");
    let at = text.find("  - name: bahram").unwrap();
    let end = text[at..].find("key: ").unwrap() + at;
    let end = text[end..].find('\n').unwrap() + end + 1;
    team.write(
        "recipients.yaml",
        &format!("{}{}", &text[..at], &text[end..]),
    );
    // Listed, and marked: the data key is still wrapped to him.
    team.run(Who::Ana, &["keys", "list"]).code(0).stdout_has(
        "not in recipients.yaml, yet holds the data key: `diplomat keys remove bahram`",
    );
    let (_, carol) = identity(&team, "carol");
    team.run(Who::Ana, &["keys", "add", "carol", &carol])
        .code(2)
        .stderr_has(
            "`bahram` was taken out of recipients.yaml by hand but still holds the data key",
        );
    // `keys remove` of the name no longer listed makes the new key he cannot open.
    let old = team.read("keys/data-key.age");
    team.ok(Who::Ana, &["keys", "remove", "bahram"]);
    assert_ne!(team.read("keys/data-key.age"), old);
    team.run(Who::Bahram, &["facilitator", "list", "--contacts"])
        .code(2)
        .stdout_lacks(PLAIN[0]);
    team.run(Who::Ana, &["keys", "list"])
        .code(0)
        .stdout_lacks("bahram");
}

/// The README's own steps, once without adding yourself: `keys encrypt` refuses, rather than
/// locking out the analyst who runs it.
#[test]
fn keys_encrypt_refuses_to_leave_out_the_analyst_who_runs_it() {
    let team = Team::new();
    let ana = team.ok(Who::Ana, &["keys", "init"]);
    let bahram = team.ok(Who::Bahram, &["keys", "init"]);
    team.ok(Who::Ana, &["keys", "add", "bahram", &bahram]);
    let run = team.run(Who::Ana, &["keys", "encrypt"]);
    run.code(2);
    assert_eq!(
        run.stderr.trim(),
        format!(
            "error: your own identity would not be among the recipients, so you could not read the contact details afterwards; add yourself first (`diplomat keys add NAME {ana}`), or give `--not-me` if that is what you want"
        )
    );
    assert_eq!(team.read(FILE), LYON);
    assert!(!team.root.join("keys").exists());
    // Someone without any identity is told how to get one.
    team.run(Who::Nobody, &["keys", "encrypt"])
        .code(2)
        .stderr_has("you have no identity")
        .stderr_has("`diplomat keys init`");
    assert_eq!(team.read(FILE), LYON);
    // Told so, it goes ahead: Bahram reads, Ana does not.
    team.ok(Who::Ana, &["keys", "encrypt", "--not-me"]);
    assert_eq!(listed(&team, Who::Bahram)[0].1, PLAIN[0]);
    team.run(Who::Ana, &["facilitator", "list", "--contacts"])
        .code(2);
    // The README's steps, yourself first: you read what you encrypted.
    let team = Team::new();
    let ana = team.ok(Who::Ana, &["keys", "init"]);
    team.ok(Who::Ana, &["keys", "add", "ana", &ana]);
    team.ok(Who::Ana, &["keys", "add", "bahram", &bahram]);
    team.ok(Who::Ana, &["keys", "encrypt"]);
    assert_eq!(listed(&team, Who::Ana)[0].1, PLAIN[0]);
}

#[test]
fn keys_remove_refuses_to_remove_the_analyst_who_runs_it() {
    let team = Team::encrypted();
    let before = (team.read("recipients.yaml"), team.read(FILE));
    team.run(Who::Ana, &["keys", "remove", "ana"])
        .code(2)
        .stderr_has("your own identity would not be among the recipients")
        .stderr_has("`--not-me`");
    assert!((team.read("recipients.yaml"), team.read(FILE)) == before);
    team.ok(Who::Ana, &["keys", "remove", "ana", "--not-me"]);
    assert_eq!(listed(&team, Who::Bahram)[0].1, PLAIN[0]);
    team.run(Who::Ana, &["facilitator", "list", "--contacts"])
        .code(2);
}

/// Issue 25 point 11: a value's quoting, whichever valid one the analyst wrote, comes back
/// byte for byte after `keys encrypt` then `keys decrypt`; so does a hand-quoted value through
/// `keys remove`.
#[test]
fn encrypt_then_decrypt_gives_back_every_value_as_it_was_quoted() {
    let team = Team::new();
    let quoted = LYON
        .replace(
            "email: sara@example.org  # personal address",
            "email: \"sara@example.org\"  # personal address",
        )
        .replace("phone: +33 6 00 00 00 00", "phone: '+33 6 00 00 00 00'")
        .replace("phone: +33 1 00 00 00 00", "phone: \"+33 1 00 00 00 00\"");
    team.write(FILE, &quoted);
    let ana = team.ok(Who::Ana, &["keys", "init"]);
    let bahram = team.ok(Who::Bahram, &["keys", "init"]);
    team.ok(Who::Ana, &["keys", "add", "ana", &ana]);
    team.ok(Who::Ana, &["keys", "add", "bahram", &bahram]);
    team.ok(Who::Ana, &["keys", "encrypt"]);
    assert!(team.line_of("sara", "email").contains("email: \"ENC[v1,"));
    assert!(team.line_of("sara", "phone").contains("phone: 'ENC[v1,"));
    assert!(
        team.line_of("fr-consul", "email")
            .contains("email: ENC[v1,")
    );
    team.ok(Who::Ana, &["keys", "remove", "bahram"]);
    team.ok(Who::Ana, &["keys", "decrypt"]);
    assert_eq!(team.read(FILE), quoted);
}
