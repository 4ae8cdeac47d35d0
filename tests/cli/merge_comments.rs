//! Issue 25: comments through a merge, and entries removed on one side and edited on the
//! other. Each scenario runs twice: through real `git merge` with the driver installed, and
//! through git's line merge followed by `diplomat resolve`; both must give the same dossier.
//! A comment both sides changed differently is a conflict marked around its own lines, comments
//! both sides added at one place are both kept (ours first), and no comment is ever dropped.

use crate::merge::{BASE, FILE, How, Merged, Repo, scenario};

/// The first action of [`BASE`], where most scenarios comment.
const ACTION: &str = "  - id: a-7k2m\n";

/// The comment an analyst left above the first action, in the base of some scenarios.
const DROPPED: &str = "  # Dropped after the call with the council.\n";

/// `BASE` with `from` (which must occur once) replaced by `to`.
fn base_with(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "{from:?} once in BASE");
    BASE.replacen(from, to, 1)
}

/// The scenario merged from `base` both ways; `check` looks at each merge.
fn both_ways(base: &str, ours: impl Fn(&Repo), theirs: impl Fn(&Repo), check: impl Fn(&Merged)) {
    for how in [How::Merge, How::Resolve] {
        check(&scenario(how, &[(FILE, base)], FILE, &ours, &theirs));
    }
}

/// A hand edit of the dossier on one side.
fn edit(from: &'static str, to: &'static str) -> impl Fn(&Repo) {
    move |r: &Repo| r.edit(from, to)
}

#[test]
fn a_comment_above_an_action_rewritten_on_both_sides_is_a_conflict_of_that_line() {
    let base = base_with(ACTION, &format!("{DROPPED}{ACTION}"));
    both_ways(
        &base,
        edit(
            "# Dropped after the call with the council.",
            "# Dropped after the call on 1405/09/01.",
        ),
        edit(
            "# Dropped after the call with the council.",
            "# Dropped: the council never answered.",
        ),
        |m| {
            m.conflicts(&[(
                "  # Dropped after the call on 1405/09/01.\n",
                "  # Dropped: the council never answered.\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn comments_both_sides_add_above_one_action_are_both_kept_ours_first() {
    both_ways(
        BASE,
        edit(
            ACTION,
            "  # Urgent: the council meets on 1405/09/20.\n  - id: a-7k2m\n",
        ),
        edit(ACTION, "  # Ask the chamber first.\n  - id: a-7k2m\n"),
        |m| {
            m.reads(&base_with(
                ACTION,
                "  # Urgent: the council meets on 1405/09/20.\n  # Ask the chamber first.\n  - id: a-7k2m\n",
            ));
        },
    );
}

#[test]
fn end_of_line_comments_both_sides_add_to_one_line_are_a_conflict_of_that_line() {
    both_ways(
        BASE,
        edit(
            "    due: 2026-12-15\n",
            "    due: 2026-12-15  # the council's date\n",
        ),
        edit(
            "    due: 2026-12-15\n",
            "    due: 2026-12-15  # fixed by the chamber\n",
        ),
        |m| {
            m.conflicts(&[(
                "    due: 2026-12-15  # the council's date\n",
                "    due: 2026-12-15  # fixed by the chamber\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn an_end_of_line_comment_changed_on_both_sides_is_a_conflict_of_that_line() {
    let base = base_with(
        "    due: 2026-12-15\n",
        "    due: 2026-12-15  # the council's date\n",
    );
    both_ways(
        &base,
        edit("# the council's date", "# the council's date, confirmed"),
        edit("# the council's date", "# the council's date?"),
        |m| {
            m.conflicts(&[(
                "    due: 2026-12-15  # the council's date, confirmed\n",
                "    due: 2026-12-15  # the council's date?\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn an_end_of_line_comment_on_one_side_and_the_value_changed_on_the_other_conflict() {
    both_ways(
        BASE,
        edit(
            "    due: 2026-12-15\n",
            "    due: 2026-12-15  # the council's date\n",
        ),
        edit("    due: 2026-12-15\n", "    due: 2026-12-20\n"),
        |m| {
            m.conflicts(&[(
                "    due: 2026-12-15  # the council's date\n",
                "    due: 2026-12-20\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn a_blank_line_on_one_side_and_a_comment_on_the_other_are_both_kept() {
    both_ways(
        BASE,
        edit(ACTION, "\n  - id: a-7k2m\n"),
        edit(ACTION, "  # Ask the chamber first.\n  - id: a-7k2m\n"),
        |m| {
            m.reads(&base_with(
                ACTION,
                "\n  # Ask the chamber first.\n  - id: a-7k2m\n",
            ));
        },
    );
}

#[test]
fn the_comment_above_a_section_rewritten_on_both_sides_is_a_conflict_of_that_line() {
    both_ways(
        BASE,
        edit(
            "# The joint action plan.",
            "# The joint action plan for 1405.",
        ),
        edit(
            "# The joint action plan.",
            "# Joint action plan, agreed in Azar.",
        ),
        |m| {
            m.conflicts(&[(
                "# The joint action plan for 1405.\n",
                "# Joint action plan, agreed in Azar.\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn a_comment_above_an_assessment_rewritten_on_both_sides_is_a_conflict_of_that_line() {
    both_ways(
        BASE,
        edit(
            "# Confirmed by letter on 1405/08/10.",
            "# Confirmed by letter on 1405/08/12.",
        ),
        edit(
            "# Confirmed by letter on 1405/08/10.",
            "# Confirmed by the ministry by phone.",
        ),
        |m| {
            m.conflicts(&[(
                "    # Confirmed by letter on 1405/08/12.\n",
                "    # Confirmed by the ministry by phone.\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn the_comment_at_the_top_of_the_file_rewritten_on_both_sides_is_a_conflict_of_that_line() {
    both_ways(
        BASE,
        edit(
            "# Facts: see relationship.sources.",
            "# Facts: see the sources below.",
        ),
        edit(
            "# Facts: see relationship.sources.",
            "# Facts: relationship.sources, checked in Azar.",
        ),
        |m| {
            m.conflicts(&[(
                "# Facts: see the sources below.\n",
                "# Facts: relationship.sources, checked in Azar.\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn an_end_of_line_comment_on_a_section_key_added_on_both_sides_is_a_conflict_of_that_line() {
    both_ways(
        BASE,
        edit("\nactions:\n", "\nactions:  # agreed in Azar\n"),
        edit("\nactions:\n", "\nactions:  # the chamber's copy\n"),
        |m| {
            m.conflicts(&[(
                "actions:  # agreed in Azar\n",
                "actions:  # the chamber's copy\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn comments_both_sides_add_above_one_interaction_are_both_kept() {
    let call = "  - date: 2026-11-18\n";
    both_ways(
        BASE,
        edit(call, "  # Minutes filed.\n  - date: 2026-11-18\n"),
        edit(
            call,
            "  # The counsellor sends the list in Dey.\n  - date: 2026-11-18\n",
        ),
        |m| {
            m.reads(&base_with(
                call,
                "  # Minutes filed.\n  # The counsellor sends the list in Dey.\n  - date: 2026-11-18\n",
            ));
        },
    );
}

#[test]
fn comments_both_sides_add_above_one_field_and_at_the_end_are_all_kept() {
    both_ways(
        BASE,
        |r| {
            r.edit(
                "    status: prospective\n",
                "    # Met once, at the fair.\n    status: prospective\n",
            );
            r.edit(
                "x-budget-line: 1405-intl-07\n",
                "x-budget-line: 1405-intl-07\n# End of the municipality's file.\n",
            );
        },
        |r| {
            r.edit(
                "    status: prospective\n",
                "    # To call in Dey.\n    status: prospective\n",
            );
            r.edit(
                "x-budget-line: 1405-intl-07\n",
                "x-budget-line: 1405-intl-07\n# Checked by the chamber.\n",
            );
        },
        |m| {
            m.reads(
                &base_with(
                    "    status: prospective\n",
                    "    # Met once, at the fair.\n    # To call in Dey.\n    status: prospective\n",
                )
                .replace(
                    "x-budget-line: 1405-intl-07\n",
                    "x-budget-line: 1405-intl-07\n# End of the municipality's file.\n# Checked by the chamber.\n",
                ),
            );
        },
    );
}

#[test]
fn a_comment_rewritten_on_one_side_and_deleted_on_the_other_is_a_conflict() {
    let base = base_with(ACTION, &format!("{DROPPED}{ACTION}"));
    both_ways(
        &base,
        edit(DROPPED, ""),
        edit(
            "# Dropped after the call with the council.",
            "# Dropped: the council never answered.",
        ),
        |m| {
            m.conflicts(&[("", "  # Dropped: the council never answered.\n")])
                .sides_are_the_branches();
        },
    );
}

#[test]
fn a_comment_added_in_an_action_the_other_side_removed_is_a_conflict() {
    let action = "  - id: a-w9pd\n    title: Translate the city profile into Catalan\n    owner: municipality\n    status: open\n";
    both_ways(
        BASE,
        edit(
            "    owner: municipality\n",
            "    # The chamber's translator offered.\n    owner: municipality\n",
        ),
        edit(action, ""),
        |m| {
            m.conflicts(&[(
                "  - id: a-w9pd\n    title: Translate the city profile into Catalan\n    # The chamber's translator offered.\n    owner: municipality\n    status: open\n",
                "",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn the_same_facilitator_added_on_both_sides_keeps_both_comments() {
    let ana = "  - id: ana-puig\n    name: Ana Puig\n    status: prospective\n";
    let add = |comment: &'static str| {
        move |r: &Repo| {
            r.edit(
                "\ncontacts:\n",
                &format!("  # {comment}\n{ana}\ncontacts:\n"),
            )
        }
    };
    both_ways(
        BASE,
        add("Met at the Barcelona fair."),
        add("Recommended by Reza Karimi."),
        |m| {
            m.reads(&base_with(
                "\ncontacts:\n",
                &format!(
                    "  # Met at the Barcelona fair.\n  # Recommended by Reza Karimi.\n{ana}\ncontacts:\n"
                ),
            ));
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Removed on one side, edited on the other

/// The second interaction of [`BASE`].
const CALL: &str = "  - date: 2026-11-18\n    kind: call\n    title: Video call with the embassy's commercial counsellor\n    with: [es-embassy-commercial]\n    summary: |\n      Agreed to exchange lists of exportable goods before the end of Azar.\n";

const CALL_EDITED: &str = "  - date: 2026-11-18\n    kind: call\n    title: Video call with the Spanish embassy's commercial counsellor\n    with: [es-embassy-commercial]\n    summary: |\n      Agreed to exchange lists of exportable goods before the end of Azar.\n";

fn rename_call(r: &Repo) {
    r.edit(
        "title: Video call with the embassy's",
        "title: Video call with the Spanish embassy's",
    );
}

#[test]
fn an_interaction_removed_on_one_side_and_edited_on_the_other_is_a_conflict() {
    both_ways(BASE, edit(CALL, ""), rename_call, |m| {
        m.conflicts(&[("", CALL_EDITED)]).sides_are_the_branches();
    });
    both_ways(BASE, rename_call, edit(CALL, ""), |m| {
        m.conflicts(&[(CALL_EDITED, "")]).sides_are_the_branches();
    });
}

#[test]
fn an_interaction_removed_on_one_side_and_commented_on_the_other_is_a_conflict() {
    both_ways(
        BASE,
        edit(CALL, ""),
        edit(
            "  - date: 2026-11-18\n",
            "  # The minutes are with the chamber.\n  - date: 2026-11-18\n",
        ),
        |m| {
            m.conflicts(&[(
                "",
                &format!("  # The minutes are with the chamber.\n{CALL}"),
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn an_interaction_removed_on_one_side_and_reformatted_on_the_other_is_removed() {
    both_ways(
        BASE,
        edit(CALL, ""),
        edit(
            "    with: [es-embassy-commercial]\n    summary",
            "    with: [ es-embassy-commercial ]\n    summary",
        ),
        |m| {
            m.reads(&base_with(CALL, ""));
        },
    );
}

#[test]
fn a_review_removed_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let second =
        "  - date: 2026-11-24\n    participants: [reza-karimi]\n    outcome: Second review.\n";
    let first = "  - date: 2026-11-10\n    participants: [reza-karimi, es-embassy-commercial]\n    outcome: File reviewed; readiness gaps are investment readiness and branding.\n";
    let base = base_with(first, &format!("{first}{second}"));
    both_ways(
        &base,
        edit(second, ""),
        edit(
            "    outcome: Second review.\n",
            "    outcome: Second review, with the chamber.\n",
        ),
        |m| {
            m.conflicts(&[(
                "",
                "  - date: 2026-11-24\n    participants: [reza-karimi]\n    outcome: Second review, with the chamber.\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn a_history_entry_removed_on_one_side_and_redated_on_the_other_is_a_conflict() {
    let first = "    - date: 2026-09-01\n      from: active\n      status: dormant\n";
    let history =
        format!("  history:\n{first}    - date: 2026-10-20\n      status: reactivating\n");
    let base = base_with("  sources:\n", &format!("{history}  sources:\n"));
    both_ways(
        &base,
        edit(first, ""),
        edit("    - date: 2026-09-01\n", "    - date: 2026-09-02\n"),
        |m| {
            m.conflicts(&[(
                "",
                "    - date: 2026-09-02\n      from: active\n      status: dormant\n",
            )])
            .sides_are_the_branches();
        },
    );
}

#[test]
fn a_merge_that_would_drop_a_comment_falls_back_to_git_and_says_why() {
    // Both add a sector to the one-line list; theirs' line carries a comment that the merged
    // list line cannot: git's line merge, not a silent loss.
    both_ways(
        BASE,
        edit("culture]\n", "culture, sports]\n"),
        edit("culture]\n", "culture, fairs]  # from the chamber\n"),
        |m| {
            m.conflicts(&[(
                "sectors: [tourism, handicrafts, culture, sports]\n",
                "sectors: [tourism, handicrafts, culture, fairs]  # from the chamber\n",
            )])
            .sides_are_the_branches();
            assert!(
                m.output
                    .contains("a merge by structure would not have kept every line, so it was merged line by line: 1 conflict to resolve by hand"),
                "{}",
                m.output
            );
        },
    );
}
