//! Git's own line merge of three texts (`git merge-file`).

use std::path::Path;

use super::{Call, Error, Result};

/// How [`merge_file`] merges.
pub struct MergeFile<'a> {
    /// Where git runs, for its settings (`merge.conflictStyle`); `None`: where diplomat runs.
    pub dir: Option<&'a Path>,
    pub marker_size: usize,
    /// The labels after the markers of ours, the base and theirs; `None`: the files' names.
    pub labels: Option<[&'a str; 3]>,
    /// `--diff3` or `--zdiff3`; `None`: the configured style.
    pub style: Option<&'a str>,
}

/// The merged text, and how many conflicts git marked in it.
pub fn merge_file(
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    how: &MergeFile,
) -> Result<(Vec<u8>, usize)> {
    let files = (|| -> std::io::Result<_> {
        let dir = tempfile::tempdir()?;
        let [b, o, t] = ["base", "ours", "theirs"].map(|name| dir.path().join(name));
        std::fs::write(&b, base)?;
        std::fs::write(&o, ours)?;
        std::fs::write(&t, theirs)?;
        Ok((dir, [o, b, t]))
    })();
    let (_dir, files) = files.map_err(|e| Error::Failed {
        command: "git merge-file".to_owned(),
        said: format!("cannot write its files: {e}"),
    })?;
    let mut call = Call::new(how.dir)
        .args(["merge-file", "-p"])
        .arg(format!("--marker-size={}", how.marker_size))
        .args(how.style);
    if let Some([ours, base, theirs]) = how.labels {
        call = call.args(["-L", ours, "-L", base, "-L", theirs]);
    }
    let shown = call.shown();
    let output = call.args(files).output()?;
    // Its exit status is the number of conflicts (at most 127); above, or none, it failed.
    match output.status.code() {
        Some(n) if (0..=127).contains(&n) => Ok((output.stdout, n as usize)),
        _ => Err(Error::Failed {
            command: shown,
            said: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        }),
    }
}
