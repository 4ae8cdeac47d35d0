//! Issue 29 point 5: `facilitator assign` in a workspace that encrypts contact details — the
//! values sealed again for the dossier (bound to it, the person and the field), never written
//! in plain; a move that cannot open them changes nothing.

use super::{FILE, PLAIN, Team, Who, listed};

const XIAN: &str = "slug: xian\nname:\n  en: \"Xi'an\"\n  fa: شی‌آن\n  local: 西安\ncountry: CN\nrelationship:\n  kind: sister-city\n  status: dormant\n";

const EMAIL: &str = "li.wei@example.org";
const PHONE: &str = "+98 913 000 2222";

/// The e-mail and phone of facilitator `id` as `city show CITY --contacts` opens them.
fn shown(team: &Team, who: Who, city: &str, id: &str) -> (String, String) {
    let run = team.run(
        who,
        &["city", "show", city, "--contacts", "--format", "json"],
    );
    run.code(0);
    let data = run.json();
    let person = data["facilitators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .cloned()
        .unwrap();
    let text = |k: &str| person["contact"][k].as_str().unwrap_or_default().to_owned();
    (text("email"), text("phone"))
}

#[test]
fn assign_seals_the_details_again_for_their_new_place_never_in_plain() {
    let team = Team::encrypted();
    team.write("cities/xian.yaml", XIAN);
    team.ok(
        Who::Ana,
        &[
            "pool", "add", "--id", "li-wei", "--name", "Li Wei", "--email", EMAIL, "--phone", PHONE,
        ],
    );
    let pool = team.read("pool.yaml");
    assert_eq!(pool.matches("ENC[v1,").count(), 2, "{pool}");
    let before = [team.read("cities/xian.yaml"), pool.clone()];

    // Without an identity the values cannot be sealed again: nothing changes.
    let run = team.run(Who::Nobody, &["facilitator", "assign", "xian", "li-wei"]);
    assert_ne!(run.code, Some(0), "{run}");
    assert_eq!(
        [team.read("cities/xian.yaml"), team.read("pool.yaml")],
        before
    );

    team.run(Who::Bahram, &["facilitator", "assign", "xian", "li-wei"])
        .code(0);
    let xian = team.read("cities/xian.yaml");
    assert!(!xian.contains(EMAIL) && !xian.contains(PHONE), "{xian}");
    assert_eq!(xian.matches("ENC[v1,").count(), 2, "{xian}");
    // New ciphertexts: the pool's are bound to the pool and would not open in a dossier.
    for line in pool.lines().filter(|l| l.contains("ENC[")) {
        assert!(!xian.contains(line.trim()), "{line} copied");
    }
    assert!(!team.read("pool.yaml").contains("li-wei"));
    for who in [Who::Ana, Who::Bahram] {
        assert_eq!(
            shown(&team, who, "xian", "li-wei"),
            (EMAIL.into(), PHONE.into())
        );
    }
    team.run(Who::Nobody, &["validate"]).code(0);

    // Sara of Lyon serves Xi'an as well: Lyon's file as it was, her values sealed for Xi'an.
    let lyon = team.read(FILE);
    team.run(Who::Ana, &["facilitator", "assign", "xian", "sara"])
        .code(0);
    assert_eq!(team.read(FILE), lyon);
    let xian = team.read("cities/xian.yaml");
    assert!(
        !xian.contains(PLAIN[0]) && !xian.contains(PLAIN[1]),
        "{xian}"
    );
    assert_eq!(xian.matches("ENC[v1,").count(), 4, "{xian}");
    assert_eq!(
        shown(&team, Who::Bahram, "xian", "sara"),
        (PLAIN[0].into(), PLAIN[1].into())
    );
    assert_eq!(
        shown(&team, Who::Bahram, "lyon", "sara"),
        (PLAIN[0].into(), PLAIN[1].into())
    );
    assert!(
        listed(&team, Who::Ana)
            .iter()
            .any(|(id, email, _)| id == "li-wei" && email == EMAIL)
    );
    team.run(Who::Nobody, &["validate"]).code(0);
}

#[test]
fn the_cache_of_an_encrypted_pool_holds_what_the_file_holds_never_the_details_in_plain() {
    let team = Team::encrypted();
    team.write("cities/xian.yaml", XIAN);
    team.ok(
        Who::Ana,
        &[
            "pool", "add", "--id", "li-wei", "--name", "Li Wei", "--email", EMAIL, "--phone", PHONE,
        ],
    );
    // Read through the cache twice, the second time opening the details in memory.
    team.ok(Who::Nobody, &["facilitator", "match", "xian"]);
    let listed = team.ok(Who::Ana, &["pool", "list", "--contacts", "--format", "csv"]);
    assert!(listed.contains(EMAIL) && listed.contains(PHONE), "{listed}");
    let cached = std::fs::read(team.root.join(".diplomat/cache/pool.bin")).unwrap();
    let has = |needle: &str| cached.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(has("ENC[v1,") && has("li-wei"));
    assert!(!has(EMAIL) && !has(PHONE));
}
