//! What reaches stderr goes through one reporter: in the run's language, quiet with `--quiet`,
//! with contact details masked and control characters escaped, whatever the dossier holds.

use crate::support::{BARCELONA, Workspace, git, minimal};

/// Barcelona with a misspelt key on the line of a facilitator's e-mail, and Havana intact.
fn misspelt_email() -> Workspace {
    let broken = BARCELONA.replacen(
        "email: facilitator@example.org",
        "emial: new.secret@example.org",
        1,
    );
    assert_ne!(broken, BARCELONA, "the fixture holds the e-mail line");
    Workspace::with(&[
        ("barcelona.yaml", &broken),
        (
            "havana.yaml",
            &minimal("havana", "Havana", "هاوانا", "La Habana", "CU"),
        ),
    ])
}

#[test]
fn a_warning_about_a_broken_dossier_never_shows_an_email_or_phone() {
    let ws = misspelt_email();
    let run = ws.run(&["city", "list"]);
    run.code(0).stdout_has("Havana").stderr_has("emial");
    for secret in ["new.secret", "example.org"] {
        assert!(
            !run.stderr.contains(secret),
            "stderr shows `{secret}`:\n{}",
            run.stderr
        );
    }
    // Under `contact:`, the value is masked whole, by where it sits.
    assert!(
        run.stderr.contains("emial: ••••••••••••••••••••••\n"),
        "{}",
        run.stderr
    );

    // The same in `validate`'s report of problems, which is for people too.
    let run = ws.run(&["validate"]);
    run.code(1);
    let both = format!("{}{}", run.stdout, run.stderr);
    assert!(!both.contains("new.secret"), "{both}");

    // A phone number in the source line of a problem is masked as well.
    let broken = BARCELONA.replacen(
        "phone: \"+98 31 0000 0000\"",
        "phon: \"+98 31 0000 0000\"",
        1,
    );
    let ws = Workspace::with(&[("barcelona.yaml", &broken)]);
    let run = ws.run(&["validate"]);
    let both = format!("{}{}", run.stdout, run.stderr);
    assert!(both.contains("phon"), "{both}");
    assert!(!both.contains("0000 0000"), "{both}");
}

#[test]
fn quiet_silences_warnings_but_not_errors() {
    let ws = misspelt_email();
    ws.run(&["--quiet", "city", "list"])
        .code(0)
        .stdout_has("Havana")
        .stderr_empty();
    ws.run(&["--quiet", "city", "show", "kyoto"])
        .code(2)
        .stderr_has("no city `kyoto`");
}

#[test]
fn errors_and_warnings_follow_the_language_of_the_workspace_and_the_flag() {
    let ws = misspelt_email();
    ws.file("diplomat.yaml", "language: fa\n");
    // The settings say Persian: errors, their hints and warnings are Persian.
    let run = ws.run(&["city", "show", "havanna"]);
    run.code(2)
        .stderr_has("خطا:")
        .stderr_has("شهری به نام")
        .stderr_has("منظورتان");
    assert!(!run.stderr.contains("no city"), "{}", run.stderr);
    ws.run(&["city", "list"]).code(0).stderr_has("هشدار:");
    // The flag wins over the settings.
    ws.run(&["--lang", "en", "city", "show", "havanna"])
        .code(2)
        .stderr_has("error: no city `havanna`")
        .stderr_has("did you mean `havana`?");
    // A write's refusal and its note: Persian too.
    ws.run(&["log", "havana", "Call", "--with", "nobody"])
        .code(2)
        .stderr_has("تسهیل‌گر یا طرف تماس");
    let run = ws.run(&["log", "havana", "Call"]);
    run.code(0);
    assert!(
        !run.stderr.is_empty() && !run.stderr.contains("added") && !run.stderr.contains("wrote"),
        "{}",
        run.stderr
    );
}

/// Contact details that no look-alike rule catches: an address with a `!`, a phone without
/// its leading `0` or `+`, a number YAML read as one, and a detail under an unknown key.
const KAZAN_DETAILS: &str = r#"slug: kazan
name: {en: Kazan}
country: RU
relationship: {kind: sister-city, status: active}
facilitators:
  - id: leila
    name: Leila
    status: active
    contact: {email: "leila!rahimi@mail.example.org", phone: "98 913 123 4567", fax: 1}
  - id: omid
    name: Omid
    status: active
    contact:
      phone: 9137654321
"#;

const KAZAN_SECRETS: &[&str] = &["leila!", "rahimi", "example.org", "913 123", "9137654321"];

fn assert_hidden(what: &str, text: &str) {
    for secret in KAZAN_SECRETS {
        assert!(!text.contains(secret), "{what} shows `{secret}`:\n{text}");
    }
}

#[test]
fn contact_details_are_masked_by_where_they_sit_not_by_their_look() {
    let ws = Workspace::with(&[
        ("kazan.yaml", KAZAN_DETAILS),
        (
            "havana.yaml",
            &minimal("havana", "Havana", "هاوانا", "La Habana", "CU"),
        ),
    ]);
    let run = ws.run(&["validate"]);
    run.code(1)
        .stdout_has("unknown key `fax` in `contact`")
        .stdout_has(
            r#"9 |     contact: {email: "•••••••••••••••••••••••••••••", phone: "•• ••• ••• ••••", fax: •}"#,
        )
        .stdout_has("14 |       phone: ••••••••••\n");
    assert_hidden("validate", &format!("{}{}", run.stdout, run.stderr));
    for args in [
        &["validate", "--format", "json"][..],
        &["--lang", "fa", "validate"],
        &["city", "list"],
        &["check"],
        &["report", "weekly"],
        &["report", "weekly", "--format", "json"],
        &["--lang", "fa", "city", "list"],
        &["facilitator", "add", "kazan", "--name", "Sara"],
    ] {
        let run = ws.run(args);
        assert_hidden(&args.join(" "), &format!("{}{}", run.stdout, run.stderr));
    }
    ws.run(&["city", "list"])
        .code(0)
        .stdout_has("Havana")
        .stderr_has("warning: cities/kazan.yaml:14:14:")
        .stderr_has("phone: ••••••••••");
}

#[test]
fn a_message_never_quotes_a_contact_detail() {
    // The parser's own words quote the key it found twice: here, a phone written as a key.
    let twice = KAZAN_DETAILS.replace(
        "      phone: 9137654321\n",
        "      9137654321: home\n      9137654321: work\n",
    );
    let ws = Workspace::with(&[("kazan.yaml", &twice)]);
    let run = ws.run(&["validate", "--format", "json"]);
    run.code(1).stdout_has("duplicate mapping key");
    assert_hidden("validate --format json", &run.stdout);
    git(&ws, &["init", "-q"], "Analyst", "2026-11-20T10:00:00");
    for args in [
        &["validate"][..],
        &["report", "weekly", "--format", "json"],
        &["report", "weekly"],
        &["city", "show", "kazan"],
        &["log", "kazan", "Call"],
    ] {
        let run = ws.run(args);
        run.stdout_lacks("home").stdout_lacks("work");
        assert_hidden(&args.join(" "), &format!("{}{}", run.stdout, run.stderr));
    }
}

#[test]
fn fmt_check_masks_the_details_it_shows_in_its_diff() {
    // Valid, but not in canonical order: the facilitator's lines move.
    let dossier = "slug: kazan\nfacilitators:\n  - id: omid\n    name: Omid\n    status: active\n    contact:\n      phone: \"98 913 765 4321\"\n      email: \"omid!home@mail.example.org\"\nname: {en: Kazan}\ncountry: RU\nrelationship: {kind: sister-city, status: active}\n";
    let ws = Workspace::with(&[("kazan.yaml", dossier)]);
    let run = ws.run(&["fmt", "--check"]);
    run.code(1)
        .stderr_has(" phone: \"•• ••• ••• ••••\"")
        .stderr_has("      email: \"•••")
        .stderr_lacks("765")
        .stderr_lacks("omid!")
        .stderr_lacks("example");
}
