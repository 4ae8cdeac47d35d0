//! README.fa.md says everything README.md says: the same `## ` sections, one to one, and both
//! command lists name every command `diplomat --help` lists.

use std::path::Path;

use crate::support::{Run, diplomat};

fn readme(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The `## ` headings outside code blocks, in order.
fn sections(text: &str) -> Vec<&str> {
    let mut fenced = false;
    let mut headings = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with("## ") {
            headings.push(line);
        }
    }
    headings
}

/// The lines of the `index`-th `## ` section (outside code blocks), up to the next one.
fn section(text: &str, index: usize) -> Vec<&str> {
    let mut fenced = false;
    let mut seen = 0;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with("## ") {
            seen += 1;
            if seen > index + 1 {
                break;
            }
            continue;
        }
        if seen == index + 1 {
            lines.push(line);
        }
    }
    lines
}

/// The commands a command list names: the first word of every code span in the first cell of
/// its table rows (`| \`city list …\` · \`city show …\` | … |`).
fn commands_named(list: &[&str]) -> Vec<String> {
    let mut named = Vec::new();
    for row in list.iter().filter(|l| l.starts_with("| `")) {
        let cell = row[1..].split(" | ").next().unwrap_or_default();
        for (i, span) in cell.split('`').enumerate() {
            if i % 2 == 1
                && let Some(word) = span.split_whitespace().next()
            {
                named.push(word.to_owned());
            }
        }
    }
    named
}

/// The top-level commands `diplomat --help` lists (clap's own `help` left out).
fn help_commands() -> Vec<String> {
    let run = Run::of("diplomat --help", diplomat().arg("--help"));
    run.code(0);
    run.stdout
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A command's line starts two spaces in; a description wrapped onto the next line is
        // indented further.
        .filter(|l| l.starts_with("  ") && !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn both_readmes_have_the_same_sections_in_the_same_order() {
    let en = readme("README.md");
    let fa = readme("README.fa.md");
    let (en, fa) = (sections(&en), sections(&fa));
    assert!(en.len() > 10, "README.md has {} `## ` sections", en.len());
    assert_eq!(
        en.len(),
        fa.len(),
        "README.md and README.fa.md should have one `## ` section for each other's\nREADME.md: {en:#?}\nREADME.fa.md: {fa:#?}"
    );
    // The sections whose heading names a command in code say the same command in both.
    for (e, f) in en.iter().zip(&fa) {
        let code = |h: &str| h.split('`').nth(1).map(str::to_owned);
        assert_eq!(code(e), code(f), "`{e}` and `{f}` should be one section");
    }
}

#[test]
fn both_command_lists_name_every_command_of_the_help() {
    let commands = help_commands();
    assert!(
        commands.len() > 20 && commands.iter().any(|c| c == "city"),
        "{commands:?}"
    );
    let en = readme("README.md");
    let fa = readme("README.fa.md");
    let at = sections(&en)
        .iter()
        .position(|h| *h == "## Commands")
        .expect("README.md has a `## Commands` section");
    for (name, text) in [("README.md", &en), ("README.fa.md", &fa)] {
        let named = commands_named(&section(text, at));
        let missing: Vec<&String> = commands.iter().filter(|c| !named.contains(c)).collect();
        assert!(
            missing.is_empty(),
            "the command list of {name} (its `## ` section {}) should name {missing:?}",
            at + 1
        );
    }
}
