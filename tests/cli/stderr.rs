//! What reaches stderr goes through one reporter: in the run's language, quiet with `--quiet`,
//! with contact details masked and control characters escaped, whatever the dossier holds.

use crate::support::{BARCELONA, Workspace, minimal};

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
    assert!(
        run.stderr.contains("emial: ••••••••••@•••••••••••"),
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
