//! Every record can change (issue 14): `set` and `remove` for people and opportunities, the
//! relationship's status, and the histories they leave. Each write changes only its own lines:
//! expected files are the fixtures with exactly those lines edited, compared whole.

use crate::support::{BARCELONA, FLORENCE, Run, Workspace, git};

/// `text` with the single occurrence of `from` replaced by `to` (fails if not exactly one).
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "the fixture should hold {from:?} exactly once"
    );
    text.replacen(from, to, 1)
}

fn read(ws: &Workspace, file: &str) -> String {
    String::from_utf8(ws.read_city(file)).expect("dossier is UTF-8")
}

/// Asserts the whole file, showing both texts when they differ.
fn assert_file(ws: &Workspace, file: &str, expected: &str) {
    let actual = read(ws, file);
    assert!(
        actual == expected,
        "`cities/{file}` differs\n--- expected:\n{expected}\n--- actual:\n{actual}"
    );
}

fn both() -> Workspace {
    Workspace::with(&[("barcelona.yaml", BARCELONA), ("florence.yaml", FLORENCE)])
}

/// Florence and Kazan share `maryam-rahimi`.
fn shared() -> Workspace {
    let kazan = "slug: kazan\nname:\n  en: Kazan\ncountry: RU\nrelationship:\n  kind: sister-city\n  status: active\nfacilitators:\n  # joined in the spring\n  - id: maryam-rahimi\n    name: Maryam Rahimi\n    status: prospective\n    contact:\n      email: maryam.rahimi@example.org\n";
    Workspace::with(&[("florence.yaml", FLORENCE), ("kazan.yaml", kazan)])
}

/// A change that must leave every dossier as it was: exit 2, the message, no byte changed.
fn refused(ws: &Workspace, args: &[&str], message: &str) -> Run {
    let before: Vec<(String, Vec<u8>)> = ["barcelona.yaml", "florence.yaml", "kazan.yaml"]
        .iter()
        .filter(|f| ws.city_path(f).exists())
        .map(|f| (f.to_string(), ws.read_city(f)))
        .collect();
    let run = ws.run(args);
    run.code(2).stderr_has(message);
    for (file, bytes) in before {
        assert!(ws.read_city(&file) == bytes, "`{file}` changed\n{run}");
    }
    run
}

// ---------------------------------------------------------------------------------------------
// facilitator set

#[test]
fn facilitator_set_changes_only_the_fields_given() {
    let ws = both();
    ws.run(&[
        "facilitator",
        "set",
        "florence",
        "maryam-rahimi",
        "--status",
        "inactive",
        "--language",
        "it",
        "--language",
        "fa",
        "--no-phone",
        "--connection",
        "Restored frescoes in Florence",
    ])
    .code(0)
    .stderr_has("updated facilitator `maryam-rahimi` in `florence`");
    let expected = replace_once(
        FLORENCE,
        "    languages: [it, en, fa]\n    expertise: [restoration]\n    status: active\n    since: 2026-09-01\n    contact:\n      email: maryam.rahimi@example.org\n      phone: \"+98 913 000 1111\"\n",
        "    languages: [it, fa]\n    expertise: [restoration]\n    connection: Restored frescoes in Florence\n    status: inactive\n    since: 2026-11-26\n    contact:\n      email: maryam.rahimi@example.org\n",
    );
    assert_file(&ws, "florence.yaml", &expected);
    assert_file(&ws, "barcelona.yaml", BARCELONA);
    ws.run(&["validate"]).code(0);
}

#[test]
fn facilitator_set_to_the_values_already_there_leaves_the_file_as_it_is() {
    let ws = both();
    ws.run(&[
        "facilitator",
        "set",
        "florence",
        "maryam-rahimi",
        "--status",
        "active",
        "--name",
        "Maryam Rahimi",
        "--email",
        "maryam.rahimi@example.org",
    ])
    .code(0)
    .stderr_has("already has these values; nothing changed");
    assert_file(&ws, "florence.yaml", FLORENCE);
}

#[test]
fn facilitator_set_an_unknown_id_suggests_the_nearest_or_the_city_holding_it() {
    let ws = both();
    refused(
        &ws,
        &[
            "facilitator",
            "set",
            "florence",
            "maryam-rahim",
            "--status",
            "inactive",
        ],
        "did you mean `maryam-rahimi`?",
    )
    .stderr_has("`florence` has no facilitator `maryam-rahim`");
    refused(
        &ws,
        &[
            "facilitator",
            "set",
            "florence",
            "example-facilitator",
            "--status",
            "inactive",
        ],
        "`example-facilitator` is in `barcelona`",
    );
    refused(
        &ws,
        &[
            "--lang",
            "fa",
            "facilitator",
            "set",
            "florence",
            "example-facilitator",
            "--status",
            "active",
        ],
        "در \u{2068}`barcelona`\u{2069} است",
    );
}

#[test]
fn facilitator_set_refuses_bad_input_and_changes_nothing() {
    let ws = both();
    refused(
        &ws,
        &["facilitator", "set", "florence", "maryam-rahimi"],
        "nothing to change",
    );
    refused(
        &ws,
        &[
            "facilitator",
            "set",
            "florence",
            "maryam-rahimi",
            "--name",
            "Maryam\nstatus: x",
        ],
        "a line break",
    );
    refused(
        &ws,
        &[
            "facilitator",
            "set",
            "florence",
            "maryam-rahimi",
            "--since",
            "2026-02-30",
        ],
        "--since",
    );
    refused(
        &ws,
        &[
            "facilitator",
            "set",
            "florence",
            "maryam-rahimi",
            "--email",
            "a@b.c",
            "--no-email",
        ],
        "cannot be used with",
    );
}

#[test]
fn a_change_of_name_or_details_names_the_other_cities_of_the_person() {
    let ws = shared();
    let kazan = read(&ws, "kazan.yaml");
    ws.run(&[
        "facilitator",
        "set",
        "florence",
        "maryam-rahimi",
        "--email",
        "maryam@example.org",
    ])
    .code(0)
    .stderr_has("`maryam-rahimi` is also a facilitator of `kazan`; not changed there (`--everywhere` changes every city)");
    assert_file(
        &ws,
        "florence.yaml",
        &replace_once(FLORENCE, "maryam.rahimi@example.org", "maryam@example.org"),
    );
    assert_file(&ws, "kazan.yaml", &kazan);
    // A change of status is the city's own: no note.
    let run = ws.run(&[
        "facilitator",
        "set",
        "florence",
        "maryam-rahimi",
        "--status",
        "inactive",
    ]);
    run.code(0);
    assert!(!run.stderr.contains("kazan"), "{run}");
}

#[test]
fn everywhere_changes_every_city_of_the_person_or_none() {
    let ws = shared();
    let kazan = read(&ws, "kazan.yaml");
    // Kazan is frozen: neither file changes.
    let path = ws.city_path("kazan.yaml");
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms.clone()).unwrap();
    refused(
        &ws,
        &[
            "facilitator",
            "set",
            "florence",
            "maryam-rahimi",
            "--email",
            "maryam@example.org",
            "--everywhere",
        ],
        "read-only",
    );
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    ws.run(&[
        "facilitator",
        "set",
        "florence",
        "maryam-rahimi",
        "--email",
        "maryam@example.org",
        "--everywhere",
    ])
    .code(0)
    .stderr_has("in `florence, kazan`");
    assert_file(
        &ws,
        "florence.yaml",
        &replace_once(FLORENCE, "maryam.rahimi@example.org", "maryam@example.org"),
    );
    assert_file(
        &ws,
        "kazan.yaml",
        &replace_once(&kazan, "maryam.rahimi@example.org", "maryam@example.org"),
    );
}

#[test]
fn details_added_to_a_person_without_any_go_under_a_new_contact_key() {
    let ws = both();
    ws.run(&[
        "facilitator",
        "set",
        "florence",
        "sara-ahmadi",
        "--phone",
        "+98 913 222 3333",
    ])
    .code(0);
    assert_file(
        &ws,
        "florence.yaml",
        &replace_once(
            FLORENCE,
            "    name: Sara Ahmadi\n    status: prospective\n",
            "    name: Sara Ahmadi\n    status: prospective\n    contact:\n      phone: +98 913 222 3333\n",
        ),
    );
    ws.run(&["validate"]).code(0);
}

// ---------------------------------------------------------------------------------------------
// facilitator remove, contact remove

#[test]
fn facilitator_remove_is_refused_while_a_record_names_the_person() {
    let ws = both();
    refused(
        &ws,
        &["facilitator", "remove", "florence", "maryam-rahimi"],
        "facilitator `maryam-rahimi` is named by 4 records of `florence`, so it was not removed:\n  interaction 2026-10-01 “First meeting with the twinning office”\n  interaction 2026-11-20 “Call with the cultural counsellor”\n  event 2026-12-05 “Delegation of the twinning office in Isfahan”\n  event 2026-10-01 “First meeting with the twinning office”",
    )
    .stderr_has("`diplomat facilitator set florence maryam-rahimi --status inactive` retires a facilitator");
    refused(
        &ws,
        &["facilitator", "remove", "barcelona", "example-facilitator"],
        "review 2026-11-10",
    );
    refused(
        &ws,
        &[
            "--lang",
            "fa",
            "facilitator",
            "remove",
            "florence",
            "maryam-rahimi",
        ],
        "پس حذف نشد",
    );
}

#[test]
fn facilitator_remove_takes_the_entry_and_nothing_else() {
    let ws = both();
    ws.run(&["facilitator", "remove", "florence", "sara-ahmadi"])
        .code(0)
        .stderr_has("removed facilitator `sara-ahmadi` from `florence`");
    assert_file(
        &ws,
        "florence.yaml",
        &replace_once(
            FLORENCE,
            "  - id: sara-ahmadi\n    name: Sara Ahmadi\n    status: prospective\n",
            "",
        ),
    );
    refused(
        &ws,
        &["facilitator", "remove", "florence", "sara-ahmadi"],
        "`florence` has no facilitator `sara-ahmadi`",
    );
}

#[test]
fn a_removed_entry_takes_its_own_comments_and_leaves_the_others() {
    let text = "slug: porto\nname:\n  en: Porto\ncountry: PT\nrelationship:\n  kind: friendship\n  status: active\n\nfacilitators:\n  # Ali: the first one\n  - id: ali\n    name: Ali\n    status: active\n\n  # Bahar, met in Lisbon\n  - id: bahar\n    name: Bahar\n    # retired in summer?\n    status: active\n\n  # Cyrus: keep\n  - id: cyrus\n    name: Cyrus\n    status: active\n\n# the plan\nactions: []\n";
    let ws = Workspace::with(&[("porto.yaml", text)]);
    ws.run(&["facilitator", "remove", "porto", "bahar"]).code(0);
    assert_file(
        &ws,
        "porto.yaml",
        &replace_once(
            text,
            "\n  # Bahar, met in Lisbon\n  - id: bahar\n    name: Bahar\n    # retired in summer?\n    status: active\n",
            "",
        ),
    );
    ws.run(&["facilitator", "remove", "porto", "ali"]).code(0);
    ws.run(&["facilitator", "remove", "porto", "cyrus"]).code(0);
    assert_file(
        &ws,
        "porto.yaml",
        "slug: porto\nname:\n  en: Porto\ncountry: PT\nrelationship:\n  kind: friendship\n  status: active\n\nfacilitators: []\n\n# the plan\nactions: []\n",
    );
    ws.run(&["validate"]).code(0);
}

#[test]
fn contact_set_and_remove() {
    let ws = both();
    ws.run(&[
        "contact",
        "set",
        "barcelona",
        "es-embassy-commercial",
        "--organization",
        "Embassy of Spain, trade office",
        "--role",
        "chamber",
    ])
    .code(0)
    .stderr_has("updated contact `es-embassy-commercial` in `barcelona`: organization, role");
    let expected = replace_once(
        BARCELONA,
        "    role: embassy-counsellor\n    organization: Embassy of Spain in Tehran\n",
        "    role: chamber\n    organization: Embassy of Spain, trade office\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    ws.run(&[
        "contact",
        "set",
        "barcelona",
        "es-embassy-commercial",
        "--role",
        "chamber",
    ])
    .code(0)
    .stderr_has("nothing changed");
    assert_file(&ws, "barcelona.yaml", &expected);
    refused(
        &ws,
        &["contact", "remove", "barcelona", "es-embassy-commercial"],
        "contact `es-embassy-commercial` is named by 2 records of `barcelona`",
    )
    .stderr_has("take `es-embassy-commercial` out of these records first");
    refused(
        &ws,
        &[
            "contact",
            "set",
            "barcelona",
            "it-embassy-culture",
            "--no-phone",
        ],
        "`it-embassy-culture` is in `florence`",
    );
    // Florence's counsellor is named by an interaction and an event; once they name her no
    // more, the contact goes.
    let florence = replace_once(
        &replace_once(
            FLORENCE,
            "    with: [it-embassy-culture, maryam-rahimi]\n",
            "    with: [maryam-rahimi]\n",
        ),
        "    with: [maryam-rahimi, it-embassy-culture]\n",
        "    with: [maryam-rahimi]\n",
    );
    ws.city("florence.yaml", &florence);
    ws.run(&["contact", "remove", "florence", "it-embassy-culture"])
        .code(0);
    assert_file(
        &ws,
        "florence.yaml",
        &replace_once(
            &florence,
            "contacts:\n  - id: it-embassy-culture\n    name: Cultural counsellor\n    role: embassy-counsellor\n    organization: Embassy of Italy in Tehran\n    contact:\n      email: counsellor@example.it\n      phone: \"+98 21 0000 2222\"\n",
            "contacts: []\n",
        ),
    );
    ws.run(&["validate"]).code(0);
}

/// `--email` and `--phone` of `facilitator add/set` and `contact add/set` follow `import`'s rule:
/// a phone's Persian digits become ASCII, an address that is not one is refused naming the flag.
#[test]
fn e_mails_and_phones_follow_one_rule_in_add_set_and_import() {
    let ws = both();
    for args in [
        &[
            "facilitator",
            "add",
            "florence",
            "--name",
            "Ali Test",
            "--email",
            "bad(at)x",
        ][..],
        &[
            "facilitator",
            "add",
            "florence",
            "--name",
            "Ali Test",
            "--email",
            "ali@example",
        ],
        &[
            "contact",
            "add",
            "florence",
            "--name",
            "C",
            "--role",
            "expert",
            "--email",
            "c x@example.org",
        ],
        &[
            "facilitator",
            "set",
            "florence",
            "maryam-rahimi",
            "--email",
            "bad(at)x",
        ],
        &[
            "contact",
            "set",
            "florence",
            "it-embassy-culture",
            "--email",
            "@example.it",
        ],
    ] {
        refused(&ws, args, "--email: not an e-mail address");
    }
    refused(
        &ws,
        &[
            "--lang",
            "fa",
            "contact",
            "set",
            "florence",
            "it-embassy-culture",
            "--email",
            "bad(at)x",
        ],
        "نشانی ایمیل نیست",
    );

    let persian = "۰۹۱۳ ۱۲۳ ۴۵۶۷";
    ws.run(&[
        "facilitator",
        "add",
        "florence",
        "--name",
        "Ali Test",
        "--phone",
        persian,
        "--email",
        "ali@example.org",
    ])
    .code(0);
    ws.run(&[
        "contact", "add", "florence", "--name", "Expert", "--role", "expert", "--phone", persian,
    ])
    .code(0);
    ws.run(&[
        "facilitator",
        "set",
        "florence",
        "maryam-rahimi",
        "--phone",
        persian,
    ])
    .code(0);
    ws.run(&[
        "contact",
        "set",
        "florence",
        "it-embassy-culture",
        "--phone",
        "+۹۸ ۲۱ ۰۰۰۰ ۲۲۲۲",
    ])
    .code(0);
    let text = read(&ws, "florence.yaml");
    assert!(!text.contains(persian) && !text.contains('۹'), "{text}");
    assert_eq!(text.matches("0913 123 4567").count(), 3, "{text}");
    assert!(text.contains("+98 21 0000 2222"), "{text}");
    assert!(text.contains("email: ali@example.org"), "{text}");
    ws.run(&["validate"]).code(0);
}

// ---------------------------------------------------------------------------------------------
// --commit

/// A workspace in a fresh repository with one commit.
fn repository(ws: &Workspace) {
    git(ws, &["init", "-q"], "Analyst", "2026-11-20T10:00:00Z");
    git(ws, &["add", "."], "Analyst", "2026-11-20T10:00:00Z");
    git(
        ws,
        &["commit", "-q", "-m", "start"],
        "Analyst",
        "2026-11-20T10:00:00Z",
    );
}

fn last_subject(ws: &Workspace) -> String {
    let out = std::process::Command::new("git")
        .current_dir(ws.root())
        .args(["log", "-1", "--format=%s"])
        .output()
        .expect("git runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// `diplomat --commit ARGS…` with a git identity.
fn run_committing(ws: &Workspace, args: &[&str]) -> Run {
    let mut cmd = ws.cmd(std::iter::once("--commit").chain(args.iter().copied()));
    cmd.env("HOME", ws.root())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Analyst")
        .env("GIT_AUTHOR_EMAIL", "analyst@example.org")
        .env("GIT_COMMITTER_NAME", "Analyst")
        .env("GIT_COMMITTER_EMAIL", "analyst@example.org");
    Run::of(args.join(" "), &mut cmd)
}

#[test]
fn commit_messages_say_what_changed() {
    let ws = both();
    repository(&ws);
    run_committing(
        &ws,
        &[
            "facilitator",
            "set",
            "florence",
            "reza-karimi",
            "--status",
            "active",
        ],
    )
    .code(0);
    assert_eq!(
        last_subject(&ws),
        "florence: facilitator set reza-karimi (since, status)"
    );
    run_committing(&ws, &["facilitator", "remove", "florence", "sara-ahmadi"]).code(0);
    assert_eq!(
        last_subject(&ws),
        "florence: facilitator remove sara-ahmadi"
    );
    run_committing(
        &ws,
        &[
            "contact",
            "set",
            "barcelona",
            "es-embassy-commercial",
            "--no-email",
        ],
    )
    .code(0);
    // Nothing to commit when nothing changed: the last commit stays.
    assert_eq!(
        last_subject(&ws),
        "florence: facilitator remove sara-ahmadi"
    );
}

// ---------------------------------------------------------------------------------------------
// opportunity set, opportunity list

const SHOWROOM: &str = "    stage: exploring\n    lead: chamber\n";

#[test]
fn a_stage_change_is_appended_to_the_opportunity_history() {
    let ws = both();
    ws.run(&[
        "opportunity",
        "set",
        "barcelona",
        "o-3f9q",
        "--stage",
        "negotiating",
        "--date",
        "2026-11-20",
    ])
    .code(0)
    .stderr_has(
        "updated opportunity `o-3f9q` in `barcelona`: exploring → negotiating (2026-11-20)",
    );
    let moved = replace_once(
        BARCELONA,
        SHOWROOM,
        "    stage: negotiating\n    lead: chamber\n    history:\n      - stage: negotiating\n        date: 2026-11-20\n        from: exploring\n",
    );
    assert_file(&ws, "barcelona.yaml", &moved);
    // The same stage again: nothing changes, not even the history.
    ws.run(&[
        "opportunity",
        "set",
        "barcelona",
        "o-3f9q",
        "--stage",
        "negotiating",
    ])
    .code(0)
    .stderr_has("opportunity `o-3f9q` of `barcelona` already has these values; nothing changed");
    assert_file(&ws, "barcelona.yaml", &moved);
    // The next move goes below; the date is today by default.
    ws.run(&[
        "opportunity",
        "set",
        "barcelona",
        "o-3f9q",
        "--stage",
        "agreed",
        "--lead",
        "joint",
    ])
    .code(0);
    let agreed = replace_once(
        &moved,
        "    stage: negotiating\n    lead: chamber\n    history:\n      - stage: negotiating\n        date: 2026-11-20\n        from: exploring\n",
        "    stage: agreed\n    lead: joint\n    history:\n      - stage: negotiating\n        date: 2026-11-20\n        from: exploring\n      - stage: agreed\n        date: 2026-11-26\n",
    );
    assert_file(&ws, "barcelona.yaml", &agreed);
    ws.run(&["validate"]).code(0);
    // A move dated before the last one would break the order: refused.
    refused(
        &ws,
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-3f9q",
            "--stage",
            "closed",
            "--date",
            "2026-11-01",
        ],
        "`--date 2026-11-01` is before the last stage change of `o-3f9q` (`agreed 2026-11-26`)",
    );
}

#[test]
fn opportunity_set_other_fields_leave_the_history_alone() {
    let ws = both();
    ws.run(&[
        "opportunity",
        "set",
        "barcelona",
        "o-3f9q",
        "--title",
        "Showroom: Isfahan handicrafts",
        "--sector",
        "trade",
    ])
    .code(0)
    .stderr_has("title, sector");
    assert_file(
        &ws,
        "barcelona.yaml",
        &replace_once(
            BARCELONA,
            "    title: Isfahan handicrafts showroom in Barcelona\n    sector: handicrafts\n",
            "    title: 'Showroom: Isfahan handicrafts'\n    sector: trade\n",
        ),
    );
}

#[test]
fn opportunity_set_refuses_what_it_cannot_do() {
    let ws = both();
    refused(
        &ws,
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-3f9k",
            "--stage",
            "agreed",
        ],
        "did you mean `o-3f9q`?",
    );
    refused(
        &ws,
        &[
            "opportunity",
            "set",
            "florence",
            "o-3f9q",
            "--stage",
            "agreed",
        ],
        "`o-3f9q` is in `barcelona`",
    );
    refused(
        &ws,
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-3f9q",
            "--date",
            "2026-11-20",
        ],
        "--stage",
    );
    refused(
        &ws,
        &["opportunity", "set", "barcelona", "o-3f9q"],
        "nothing to change",
    );
    refused(
        &ws,
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-3f9q",
            "--stage",
            "won",
        ],
        "won",
    );
    refused(
        &ws,
        &[
            "--lang",
            "fa",
            "opportunity",
            "set",
            "florence",
            "o-3f9q",
            "--stage",
            "agreed",
        ],
        "فرصتی با شناسهٔ",
    );
}

#[test]
fn opportunity_set_commits_the_move() {
    let ws = both();
    repository(&ws);
    run_committing(
        &ws,
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-3f9q",
            "--stage",
            "negotiating",
        ],
    )
    .code(0);
    assert_eq!(
        last_subject(&ws),
        "barcelona: opportunity o-3f9q exploring → negotiating"
    );
}

#[test]
fn opportunity_list_shows_the_pipeline_with_days_in_stage() {
    let ws = both();
    let florence = format!(
        "{FLORENCE}opportunities:\n  - id: o-leat\n    title: Leather goods fair\n    sector: Handicrafts\n    stage: idea\n  - id: o-mosa\n    title: Mosaic restoration school\n    sector: culture\n    stage: negotiating\n    lead: joint\n    history:\n      - stage: exploring\n        date: 2026-09-01\n      - stage: negotiating\n        date: 2026-11-06\n"
    );
    ws.city("florence.yaml", &florence);
    let rows = ws
        .run(&["opportunity", "list", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(
        rows,
        serde_json::json!([
            {"city": "florence", "id": "o-leat", "title": "Leather goods fair", "sector": "Handicrafts",
             "stage": "idea", "lead": null, "since": null, "days_in_stage": null},
            {"city": "barcelona", "id": "o-3f9q", "title": "Isfahan handicrafts showroom in Barcelona",
             "sector": "handicrafts", "stage": "exploring", "lead": "chamber", "since": null, "days_in_stage": null},
            {"city": "florence", "id": "o-mosa", "title": "Mosaic restoration school", "sector": "culture",
             "stage": "negotiating", "lead": "joint", "since": "2026-11-06", "days_in_stage": 20}
        ])
    );
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["opportunity", "list", "--format", "json"];
        all.extend_from_slice(args);
        ws.run(&all)
            .code(0)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&["--sector", "handicrafts"]), ["o-leat", "o-3f9q"]);
    assert_eq!(
        ids(&["--city", "Firenze", "--stage", "negotiating"]),
        ["o-mosa"]
    );
    assert_eq!(ids(&["--lead", "chamber"]), ["o-3f9q"]);
    ws.run(&["opportunity", "list", "--format", "csv"])
        .code(0)
        .stdout_has("city,id,title,sector,stage,lead,since,days_in_stage")
        .stdout_has(
            "florence,o-mosa,Mosaic restoration school,culture,negotiating,joint,2026-11-06,20",
        );
    ws.run(&["opportunity", "list"])
        .code(0)
        .stdout_has("3 opportunities");
    ws.run(&[
        "--lang",
        "fa",
        "--calendar",
        "jalali",
        "opportunity",
        "list",
    ])
    .code(0)
    .stdout_has("مرحله")
    .stdout_has("۲۰")
    .stdout_has("۳ فرصت");
}

// ---------------------------------------------------------------------------------------------
// city set

/// The first change recorded for a relationship or an opportunity without a history keeps
/// where it started, so the weekly report says `active → suspended`, not `→ suspended`.
#[test]
fn the_first_recorded_change_keeps_where_it_started() {
    let ws = both();
    ws.run(&[
        "city",
        "set",
        "florence",
        "--status",
        "suspended",
        "--date",
        "2026-11-24",
    ])
    .code(0);
    ws.run(&[
        "opportunity",
        "set",
        "barcelona",
        "o-3f9q",
        "--stage",
        "negotiating",
        "--date",
        "2026-11-24",
    ])
    .code(0);
    let (run, report) = crate::reports::json_of(&ws, &["report", "weekly", "--format", "json"]);
    assert_eq!(report["relationship_changes"][0]["from"], "active", "{run}");
    assert_eq!(
        report["relationship_changes"][0]["to"], "suspended",
        "{run}"
    );
    assert_eq!(report["opportunity_moves"][0]["from"], "exploring", "{run}");
    ws.run(&["validate"]).code(0);
}

#[test]
fn a_status_change_is_appended_to_the_relationship_history() {
    let ws = both();
    ws.run(&[
        "city",
        "set",
        "florence",
        "--status",
        "suspended",
        "--date",
        "2026-11-02",
    ])
    .code(0)
    .stderr_has("updated the relationship with `florence`: active → suspended (2026-11-02)");
    let suspended = replace_once(
        FLORENCE,
        "  status: active\n  signed: 1998-03\n",
        "  status: suspended\n  signed: 1998-03\n  history:\n    - status: suspended\n      date: 2026-11-02\n      from: active\n",
    );
    assert_file(&ws, "florence.yaml", &suspended);
    ws.run(&["city", "set", "Firenze", "--status", "suspended"])
        .code(0)
        .stderr_has("the relationship of `florence` already has these values; nothing changed");
    assert_file(&ws, "florence.yaml", &suspended);
    ws.run(&[
        "--lang",
        "fa",
        "city",
        "set",
        "florence",
        "--status",
        "reactivating",
    ])
    .code(0)
    .stderr_has("رابطه با");
    let reactivating = replace_once(
        &suspended,
        "  status: suspended\n  signed: 1998-03\n  history:\n    - status: suspended\n      date: 2026-11-02\n      from: active\n",
        "  status: reactivating\n  signed: 1998-03\n  history:\n    - status: suspended\n      date: 2026-11-02\n      from: active\n    - status: reactivating\n      date: 2026-11-26\n",
    );
    assert_file(&ws, "florence.yaml", &reactivating);
    ws.run(&["validate"]).code(0);
    refused(
        &ws,
        &[
            "city",
            "set",
            "florence",
            "--status",
            "active",
            "--date",
            "2026-11-01",
        ],
        "`--date 2026-11-01` is before the last status change of the relationship (`reactivating 2026-11-26`)",
    );
    refused(
        &ws,
        &[
            "--lang",
            "fa",
            "city",
            "set",
            "florence",
            "--status",
            "active",
            "--date",
            "2026-11-01",
        ],
        "پیش از آخرین تغییر وضعیت رابطه",
    );
}

#[test]
fn city_set_changes_the_other_fields_of_the_relationship() {
    let ws = both();
    ws.run(&[
        "city",
        "set",
        "florence",
        "--kind",
        "friendship",
        "--signed",
        "1998-03-12",
        "--municipality-rep",
        "",
        "--chamber-rep",
        "International Council",
        "--sector",
        "culture",
        "--sector",
        "tourism",
        "--joint-chamber",
        "Iran–Italy Chamber of Commerce",
    ])
    .code(0);
    assert_file(
        &ws,
        "florence.yaml",
        &replace_once(
            FLORENCE,
            "  kind: sister-city\n  status: active\n  signed: 1998-03\nrepresentatives:\n  municipality: International Affairs Office, Isfahan Municipality\nsectors: [culture, handicrafts]\n",
            "  kind: friendship\n  status: active\n  signed: 1998-03-12\nrepresentatives:\n  chamber: International Council\njoint_chamber: Iran–Italy Chamber of Commerce\nsectors: [culture, tourism]\n",
        ),
    );
    ws.run(&["validate"]).code(0);
    // A year alone, and the signing date already there.
    ws.run(&["city", "set", "florence", "--signed", "1998"])
        .code(0);
    ws.run(&["city", "set", "florence", "--signed", "1998"])
        .code(0)
        .stderr_has("nothing changed");
    assert!(read(&ws, "florence.yaml").contains("  signed: 1998\n"));
}

#[test]
fn city_set_refuses_bad_input_and_changes_nothing() {
    let ws = both();
    refused(&ws, &["city", "set", "florence"], "nothing to change");
    refused(
        &ws,
        &["city", "set", "florence", "--date", "2026-11-01"],
        "--status",
    );
    refused(
        &ws,
        &["city", "set", "florence", "--signed", "1998-13"],
        "--signed",
    );
    refused(
        &ws,
        &["city", "set", "florence", "--status", "revived"],
        "revived",
    );
    refused(
        &ws,
        &["city", "set", "florense", "--status", "dormant"],
        "florence",
    );
    refused(
        &ws,
        &["city", "set", "florence", "--joint-chamber", "a\nb"],
        "a line break",
    );
}

#[test]
fn city_set_commits_the_status_change() {
    let ws = both();
    repository(&ws);
    run_committing(&ws, &["city", "set", "florence", "--status", "dormant"]).code(0);
    assert_eq!(last_subject(&ws), "florence: relationship active → dormant");
    run_committing(&ws, &["city", "set", "florence", "--sector", "culture"]).code(0);
    assert_eq!(last_subject(&ws), "florence: city set (sectors)");
}

// ---------------------------------------------------------------------------------------------
// histories: validate, fmt, diff, merge

#[test]
fn validate_rejects_a_history_out_of_date_order() {
    let opportunity = replace_once(
        BARCELONA,
        SHOWROOM,
        "    stage: exploring\n    lead: chamber\n    history:\n      - stage: exploring\n        date: 2026-11-20\n      - stage: idea\n        date: 2026-10-01\n",
    );
    let ws = Workspace::with(&[("barcelona.yaml", &opportunity)]);
    ws.run(&["validate"])
        .code(1)
        .stdout_has("`history` is not in date order: `2026-10-01` comes after `2026-11-20`");
    ws.run(&["--lang", "fa", "validate"])
        .code(1)
        .stdout_has("تاریخچه به ترتیب تاریخ نیست");
    let relationship = replace_once(
        FLORENCE,
        "  signed: 1998-03\n",
        "  signed: 1998-03\n  history:\n    - status: active\n      date: 2026-11-20\n    - status: dormant\n      date: 2020-01-01\n",
    );
    let ws = Workspace::with(&[("florence.yaml", &relationship)]);
    ws.run(&["validate"])
        .code(1)
        .stdout_has("`relationship.history` is not in date order");
    // A write refuses such a dossier, and says why.
    refused(
        &ws,
        &["city", "set", "florence", "--status", "active"],
        "not in date order",
    );
}

#[test]
fn fmt_puts_history_keys_in_schema_order() {
    let text = replace_once(
        BARCELONA,
        SHOWROOM,
        "    stage: exploring\n    lead: chamber\n    history:\n      - date: 2026-11-20\n        stage: exploring\n",
    );
    let ws = Workspace::with(&[("barcelona.yaml", &text)]);
    ws.run(&["fmt", "--check"]).code(1);
    ws.run(&["fmt"]).code(0);
    assert_file(
        &ws,
        "barcelona.yaml",
        &replace_once(
            &text,
            "      - date: 2026-11-20\n        stage: exploring\n",
            "      - stage: exploring\n        date: 2026-11-20\n",
        ),
    );
}

/// A repository holding the workspace, the merge driver registered as `hook install` does.
fn merge_repository(ws: &Workspace) {
    let at = "2026-11-20T10:00:00Z";
    git(ws, &["init", "-q"], "Analyst", at);
    let config = ws.root().join(".git/config");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "[merge \"diplomat\"]\n\tname = dossiers by structure\n\tdriver = '{}' merge-driver %O %A %B %P --marker-size %L --ours-label %X --theirs-label %Y\n",
        env!("CARGO_BIN_EXE_diplomat")
    ));
    std::fs::write(&config, text).unwrap();
    ws.file(".gitattributes", "cities/*.yaml merge=diplomat\n");
    ws.file(".gitignore", ".diplomat/\n");
    git(ws, &["add", "."], "Analyst", at);
    git(ws, &["commit", "-q", "-m", "base"], "Analyst", at);
}

/// On a branch `theirs`, then on `main`, a command and a commit each; then `git merge theirs`.
/// Whether the merge was clean.
fn merge(ws: &Workspace, theirs: &[&str], ours: &[&str]) -> bool {
    let at = "2026-11-26T10:00:00Z";
    git(ws, &["checkout", "-q", "-b", "theirs"], "Analyst", at);
    ws.run(theirs).code(0);
    git(ws, &["commit", "-q", "-am", "theirs"], "Analyst", at);
    git(ws, &["checkout", "-q", "main"], "Analyst", at);
    ws.run(ours).code(0);
    git(ws, &["commit", "-q", "-am", "ours"], "Analyst", at);
    std::process::Command::new("git")
        .current_dir(ws.root())
        .env("HOME", ws.root())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Analyst")
        .env("GIT_AUTHOR_EMAIL", "analyst@example.org")
        .env("GIT_COMMITTER_NAME", "Analyst")
        .env("GIT_COMMITTER_EMAIL", "analyst@example.org")
        .args(["merge", "-q", "--no-edit", "theirs"])
        .output()
        .expect("git runs")
        .status
        .success()
}

fn with_two_opportunities() -> String {
    replace_once(
        BARCELONA,
        SHOWROOM,
        "    stage: exploring\n    lead: chamber\n  - id: o-tile\n    title: Tile workshop\n    sector: handicrafts\n    stage: idea\n",
    )
}

#[test]
fn merge_of_two_branches_moving_different_opportunities_keeps_both_histories() {
    let ws = Workspace::with(&[("barcelona.yaml", &with_two_opportunities())]);
    merge_repository(&ws);
    let clean = merge(
        &ws,
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-tile",
            "--stage",
            "exploring",
            "--date",
            "2026-11-21",
        ],
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-3f9q",
            "--stage",
            "negotiating",
            "--date",
            "2026-11-22",
        ],
    );
    assert!(clean, "{}", read(&ws, "barcelona.yaml"));
    assert_file(
        &ws,
        "barcelona.yaml",
        &with_two_opportunities().replace(
            "    stage: exploring\n    lead: chamber\n  - id: o-tile\n    title: Tile workshop\n    sector: handicrafts\n    stage: idea\n",
            "    stage: negotiating\n    lead: chamber\n    history:\n      - stage: negotiating\n        date: 2026-11-22\n        from: exploring\n  - id: o-tile\n    title: Tile workshop\n    sector: handicrafts\n    stage: exploring\n    history:\n      - stage: exploring\n        date: 2026-11-21\n        from: idea\n",
        ),
    );
    ws.run(&["validate"]).code(0);
    // `diff` tells the moves of the merge.
    ws.run(&["diff", "HEAD~2..HEAD"])
        .code(0)
        .stdout_has("barcelona: opportunity o-3f9q exploring → negotiating")
        .stdout_has("barcelona: opportunity o-tile idea → exploring");
}

#[test]
fn merge_of_two_branches_moving_the_same_opportunity_is_one_conflict_at_its_stage() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    merge_repository(&ws);
    let clean = merge(
        &ws,
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-3f9q",
            "--stage",
            "lost",
            "--date",
            "2026-11-21",
        ],
        &[
            "opportunity",
            "set",
            "barcelona",
            "o-3f9q",
            "--stage",
            "negotiating",
            "--date",
            "2026-11-22",
        ],
    );
    assert!(!clean);
    let text = read(&ws, "barcelona.yaml");
    assert_eq!(text.matches("<<<<<<<").count(), 1, "{text}");
    let conflict = &text[text.find("<<<<<<<").unwrap()..text.find(">>>>>>>").unwrap()];
    assert!(
        conflict.contains("stage: negotiating") && conflict.contains("stage: lost"),
        "{text}"
    );
    // Both moves are kept in the history, in date order, outside the conflict.
    assert!(
        // Each branch began the history, with the stage it started from.
        text.contains("    history:\n      - stage: lost\n        date: 2026-11-21\n        from: exploring\n      - stage: negotiating\n        date: 2026-11-22\n        from: exploring\n"),
        "{text}"
    );
}

/// Each branch starts a section the dossier did not have (`actions:` on one, `interactions:`
/// on the other): the merge puts them in schema order, as `fmt` would, so the next commit is
/// not refused by the pre-commit check.
#[test]
fn merge_of_two_new_sections_keeps_schema_order() {
    const LYON: &str = "slug: lyon\nname:\n  en: Lyon\ncountry: FR\nrelationship:\n  kind: sister-city\n  status: active\n";
    let ws = Workspace::with(&[("lyon.yaml", LYON)]);
    merge_repository(&ws);
    let clean = merge(
        &ws,
        &[
            "action",
            "add",
            "lyon",
            "Send the letter",
            "--owner",
            "joint",
        ],
        &[
            "log",
            "lyon",
            "Call",
            "--kind",
            "call",
            "--date",
            "2026-11-20",
        ],
    );
    let text = read(&ws, "lyon.yaml");
    assert!(clean, "{text}");
    let (actions, interactions) = (text.find("\nactions:"), text.find("\ninteractions:"));
    assert!(actions.is_some() && actions < interactions, "{text}");
    ws.run(&["fmt", "--check"]).code(0);
}

/// Both branches make the same move on their own day: the history holds it once, from the
/// earlier day, so no report says `active → active`.
#[test]
fn merge_of_the_same_move_on_both_branches_records_it_once() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    merge_repository(&ws);
    let set = |what: &[&'static str], date: &'static str| -> Vec<&'static str> {
        [what, &["--date", date]].concat()
    };
    let city = ["city", "set", "barcelona", "--status", "active"];
    let stage = [
        "opportunity",
        "set",
        "barcelona",
        "o-3f9q",
        "--stage",
        "negotiating",
    ];
    for (what, key, value) in [
        (&city[..], "status", "active"),
        (&stage[..], "stage", "negotiating"),
    ] {
        let clean = merge(&ws, &set(what, "2026-11-23"), &set(what, "2026-11-21"));
        let text = read(&ws, "barcelona.yaml");
        assert!(clean, "{text}");
        let entry = format!("- {key}: {value}\n");
        assert_eq!(text.matches(&entry).count(), 1, "{text}");
        assert!(
            text.contains(&format!("{entry}        date: 2026-11-21\n"))
                || text.contains(&format!("{entry}      date: 2026-11-21\n")),
            "{text}"
        );
        git(
            &ws,
            &["branch", "-q", "-D", "theirs"],
            "Analyst",
            "2026-11-26T10:00:00Z",
        );
    }
    let (_, report) = crate::reports::json_of(
        &ws,
        &[
            "report",
            "weekly",
            "--date",
            "2026-11-22",
            "--format",
            "json",
        ],
    );
    let moves =
        report["relationship_changes"].to_string() + &report["opportunity_moves"].to_string();
    assert!(
        !moves.contains(r#""from":"active","to":"active""#),
        "{moves}"
    );
    assert!(
        !moves.contains(r#""from":"negotiating","to":"negotiating""#),
        "{moves}"
    );
}

#[test]
fn merge_of_a_status_change_and_a_logged_interaction_is_clean() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    merge_repository(&ws);
    let clean = merge(
        &ws,
        &[
            "log",
            "barcelona",
            "Call with the city council",
            "--kind",
            "call",
            "--date",
            "2026-11-24",
        ],
        &[
            "city",
            "set",
            "barcelona",
            "--status",
            "active",
            "--date",
            "2026-11-25",
        ],
    );
    assert!(clean, "{}", read(&ws, "barcelona.yaml"));
    let text = read(&ws, "barcelona.yaml");
    assert!(
        text.contains("  status: active\n  signed: 2000-01-14\n")
            && text.contains("    - status: active\n      date: 2026-11-25\n")
            && text.contains("title: Call with the city council"),
        "{text}"
    );
    ws.run(&["validate"]).code(0);
    ws.run(&["diff", "HEAD~2..HEAD"])
        .code(0)
        .stdout_has("barcelona: relationship reactivating → active")
        .stdout_has("barcelona: logged call “Call with the city council” on 2026-11-24");
    ws.run(&["--lang", "fa", "diff", "HEAD~2..HEAD"])
        .code(0)
        .stdout_has("رابطه از در حال احیا به فعال");
}

// ---------------------------------------------------------------------------------------------
// The weekly report (week of 2026-11-21 to 2026-11-27; the previous one from 2026-11-14)

const PORTO: &str = "slug: porto\nname:\n  en: Porto\n  fa: پورتو\ncountry: PT\nrelationship:\n  kind: sister-city\n  status: reactivating\n  history:\n    - status: dormant\n      date: 2020-01-01\n    - status: reactivating\n      date: 2026-11-23\nopportunities:\n  - id: o-aaaa\n    title: Tile showroom\n    sector: handicrafts\n    stage: negotiating\n    history:\n      - stage: exploring\n        date: 2026-11-16\n      - stage: negotiating\n        date: 2026-11-24\n  - id: o-bbbb\n    title: Port logistics\n    sector: trade\n    stage: lost\n    history:\n      - stage: lost\n        date: 2026-11-22\n  - id: o-cccc\n    title: Wine and saffron fair\n    sector: food\n    stage: exploring\n    history:\n      - stage: exploring\n        date: 2026-11-15\n";

#[test]
fn the_weekly_report_tells_relationship_changes_and_opportunity_moves() {
    let ws = Workspace::with(&[("porto.yaml", PORTO)]);
    let report = ws
        .run(&["report", "weekly", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(
        report["relationship_changes"],
        serde_json::json!([{"city": "porto", "date": "2026-11-23", "from": "dormant", "to": "reactivating"}])
    );
    assert_eq!(
        report["opportunity_moves"],
        serde_json::json!([
            {"city": "porto", "id": "o-bbbb", "title": "Port logistics", "date": "2026-11-22", "from": null, "to": "lost"},
            {"city": "porto", "id": "o-aaaa", "title": "Tile showroom", "date": "2026-11-24", "from": "exploring", "to": "negotiating"}
        ])
    );
    let aim = |id: &str| {
        report["aims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .cloned()
            .unwrap()
    };
    // Reactivated this week, with no interaction at all.
    assert_eq!(
        aim("activation"),
        serde_json::json!({"id": "activation", "value": 1, "previous": 0})
    );
    // Forward this week: o-aaaa (lost does not count); the week before: o-aaaa and o-cccc.
    assert_eq!(
        aim("private_sector"),
        serde_json::json!({"id": "private_sector", "value": 1, "previous": 2})
    );
    ws.run(&["report", "weekly"])
        .code(0)
        // What stands out, under the aims, in date order…
        .stdout_has("**What stands out**\n\n- Porto — Port logistics: lost (2026-11-22)\n- Porto — Relationship: dormant → reactivating (2026-11-23)\n- Porto — Tile showroom: exploring → negotiating (2026-11-24)\n")
        // …and under the city.
        .stdout_has("### Porto\n\n- Port logistics: lost (2026-11-22)\n- Relationship: dormant → reactivating (2026-11-23)\n- Tile showroom: exploring → negotiating (2026-11-24)\n");
    ws.run(&["--format", "html", "report", "weekly"])
        .code(0)
        .stdout_has("exploring → negotiating");
    ws.run(&["--lang", "fa", "report", "weekly"])
        .code(0)
        .stdout_has("نکته‌های برجسته")
        .stdout_has("رابطه: از راکد به در حال احیا");
    // A week without any: nothing stands out.
    ws.run(&["report", "weekly", "--date", "2026-10-01"])
        .code(0)
        .stdout_lacks("What stands out")
        .stdout_lacks("negotiating");
}
