//! The pool of candidates (`pool.yaml`): its schema, `validate`, `fmt`, the verbs, the merge,
//! encryption and `import facilitators` without `--city`.

use crate::setup::schema_errors_with;
use crate::support::*;

/// A hand-written pool with comments, every field, and an analyst's own key.
pub const POOL: &str = r#"# Sign-ups from the Chamber's fair (invented people).
candidates:
  # Met at the stand on the first day.
  - id: li-wei
    name: Li Wei
    name_fa: لی وی
    languages: [zh, en]
    expertise: [tourism]
    connection: Studied in Xi'an for two years.
    interests: [xian]
    signed_up: 2026-11-20
    source: Chamber sign-up sheet, Azar 1405
    contact:
      email: li.wei@example.org
      phone: "+98 913 000 2222"
    notes: |
      Prefers to be called in the evening.
    x-referred-by: reza-karimi

  - id: sara-ahmadi
    name: Sara Ahmadi
    languages: [it]   # reads, does not speak
    signed_up: 2026-11-22
x-sheet: 1405
"#;

fn pool_schema() -> serde_json::Value {
    let run = Run::of("schema --pool", diplomat().args(["schema", "--pool"]));
    run.code(0);
    run.json()
}

#[test]
fn the_pool_schema_is_draft_07_and_agrees_with_the_reader() {
    let schema = pool_schema();
    assert!(
        schema["$schema"]
            .as_str()
            .unwrap_or_default()
            .contains("draft-07")
    );
    assert_eq!(schema["title"], "diplomat pool");
    for formats in [true, false] {
        assert_eq!(
            schema_errors_with(&schema, POOL, formats),
            Vec::<String>::new()
        );
        for (case, yaml) in [
            (
                "an unknown key",
                "candidates:\n  - id: a\n    name: A\n    intrests: [xian]\n",
            ),
            ("no name", "candidates:\n  - id: a\n"),
            (
                "an id that is not a handle",
                "candidates:\n  - id: Li Wei\n    name: A\n",
            ),
            (
                "an interest that is not a slug",
                "candidates:\n  - id: a\n    name: A\n    interests: [Xi'an]\n",
            ),
            (
                "a Solar Hijri sign-up",
                "candidates:\n  - id: a\n    name: A\n    signed_up: 1405-09-01\n",
            ),
            ("an unknown top-level key", "candidate: []\n"),
        ] {
            assert!(
                !schema_errors_with(&schema, yaml, formats).is_empty(),
                "the schema accepts {case}"
            );
        }
    }
}
