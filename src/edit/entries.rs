//! Removing an entry of a top-level list line by line, with the comment lines that belong to
//! it and nothing else.
//!
//! Which comments belong to an entry follows the rule insertions keep
//! (`above_comments_of_next_entry`): comment lines right above an entry's `-`, no deeper than
//! it, are the entry's; comment lines below its last line and no deeper than its `-` belong to
//! what follows. Lines deeper than the `-` are inside the entry.

/// `text` without the `index`th entry of the block list under the top-level key `key`: its
/// lines, the comment lines right above it (no deeper than its `-`), and the blank lines that
/// set it apart from the entry before it (or, for the first entry, from the one after it). A
/// list left without entries becomes `key: []`. `None` when the list is not a block list with
/// that many entries.
pub fn remove_entry(text: &str, key: &str, index: usize) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let head = format!("{key}:");
    let key_line = lines
        .iter()
        .position(|l| l.trim_end() == head || l.starts_with(&format!("{head} #")))?;
    let blank = |l: &str| l.trim().is_empty();
    let comment = |l: &str| l.trim_start().starts_with('#');
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let first = (key_line + 1..lines.len()).find(|&i| !blank(lines[i]) && !comment(lines[i]))?;
    let dash = indent(lines[first]);
    let is_dash = |l: &str| {
        indent(l) == dash && {
            let rest = l.trim_start_matches(' ');
            rest.starts_with("- ") || rest.trim_end() == "-"
        }
    };
    if !is_dash(lines[first]) {
        return None;
    }
    // The list ends at the next line that is neither blank, a comment, nor inside it.
    let end = (first..lines.len())
        .find(|&i| {
            let l = lines[i];
            !blank(l) && !comment(l) && indent(l) <= dash && !is_dash(l)
        })
        .unwrap_or(lines.len());
    let starts: Vec<usize> = (first..end).filter(|&i| is_dash(lines[i])).collect();
    let start = *starts.get(index)?;
    let next = starts.get(index + 1).copied().unwrap_or(end);
    // What follows the entry's last line and is no deeper than its `-` belongs to what follows.
    let mut own_end = next;
    while own_end > start + 1 {
        let l = lines[own_end - 1];
        if blank(l) || (comment(l) && indent(l) <= dash) {
            own_end -= 1;
        } else {
            break;
        }
    }
    // Comment lines right above the `-`, no deeper than it, are the entry's own.
    let mut own_start = start;
    while own_start > key_line + 1 {
        let l = lines[own_start - 1];
        if comment(l) && indent(l) <= dash {
            own_start -= 1;
        } else {
            break;
        }
    }
    let (mut cut_start, mut cut_end) = (own_start, own_end);
    if index > 0 {
        // The blank lines between the entry before and this one go with it.
        while cut_start > key_line + 1 && blank(lines[cut_start - 1]) {
            cut_start -= 1;
        }
    } else if index + 1 < starts.len() {
        // The first entry: the blank lines between it and the next one go with it.
        while cut_end < next && blank(lines[cut_end]) {
            cut_end += 1;
        }
    }
    let mut out: Vec<String> = lines[..cut_start].iter().map(|l| (*l).to_owned()).collect();
    if starts.len() == 1 {
        let line = &lines[key_line];
        let newline = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
        let rest = line.trim_end()[head.len()..].to_owned();
        out[key_line] = format!("{head} []{rest}{newline}");
    }
    out.extend(lines[cut_end..].iter().map(|l| (*l).to_owned()));
    Some(out.concat())
}

#[cfg(test)]
mod tests {
    use super::remove_entry;

    #[test]
    fn an_entry_goes_with_its_comments_and_nothing_else() {
        let text = "a: 1\nl:\n  - id: x\n    # inside x\n  # about y\n  - id: y\n    n: 2\n  # about z\n  - id: z\nb: 2\n";
        assert_eq!(
            remove_entry(text, "l", 1).as_deref(),
            Some("a: 1\nl:\n  - id: x\n    # inside x\n  # about z\n  - id: z\nb: 2\n")
        );
        assert_eq!(
            remove_entry(text, "l", 0).as_deref(),
            Some("a: 1\nl:\n  # about y\n  - id: y\n    n: 2\n  # about z\n  - id: z\nb: 2\n")
        );
        assert_eq!(
            remove_entry(text, "l", 2).as_deref(),
            Some("a: 1\nl:\n  - id: x\n    # inside x\n  # about y\n  - id: y\n    n: 2\nb: 2\n")
        );
        assert_eq!(remove_entry(text, "l", 3), None);
    }

    #[test]
    fn blank_lines_between_entries_stay_single() {
        let text = "l:\n  - id: x\n\n  - id: y\n\n  - id: z\n\nb: 2\n";
        assert_eq!(
            remove_entry(text, "l", 1).as_deref(),
            Some("l:\n  - id: x\n\n  - id: z\n\nb: 2\n")
        );
        assert_eq!(
            remove_entry(text, "l", 0).as_deref(),
            Some("l:\n  - id: y\n\n  - id: z\n\nb: 2\n")
        );
        assert_eq!(
            remove_entry(text, "l", 2).as_deref(),
            Some("l:\n  - id: x\n\n  - id: y\n\nb: 2\n")
        );
    }

    #[test]
    fn the_last_entry_leaves_an_empty_list() {
        assert_eq!(
            remove_entry("l:\n  - id: x\n    n: 1\n\nb: 2\n", "l", 0).as_deref(),
            Some("l: []\n\nb: 2\n")
        );
        assert_eq!(remove_entry("l: [{id: x}]\n", "l", 0), None);
    }
}
