//! Reading many git objects through one `git cat-file` process.

use std::collections::HashSet;
use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::process::Child;

use super::Call;

/// What was found of an object.
#[derive(Clone)]
pub enum Found {
    Missing,
    Blob(Vec<u8>),
    /// A folder: the names in it.
    Tree(HashSet<String>),
}

/// Each `REV:PATH` object, in order, through one `git cat-file --batch`.
pub fn objects(root: &Path, requests: &[String]) -> Vec<Found> {
    if requests.is_empty() {
        return Vec::new();
    }
    let mut found = spawn(root)
        .and_then(|child| batch(child, input(requests), requests.len()))
        .unwrap_or_default();
    found.resize(requests.len(), Found::Missing);
    found
}

/// [`objects`], or `None` when git could not be run or stopped before answering them all.
pub fn complete(root: &Path, requests: &[String]) -> Option<Vec<Found>> {
    if requests.is_empty() {
        return Some(Vec::new());
    }
    let found = batch(spawn(root)?, input(requests), requests.len())?;
    (found.len() == requests.len()).then_some(found)
}

fn input(requests: &[String]) -> String {
    requests.iter().map(|r| format!("{r}\n")).collect()
}

/// `git cat-file --batch`.
fn spawn(root: &Path) -> Option<Child> {
    Call::at(root)
        .args(["cat-file", "--batch"])
        // Its standard input piped: [`batch`] writes the requests as git answers.
        .input(Vec::new())
        .spawn(true)
        .ok()
}

/// The contents of `REV:PATH` objects, in order, through one `git cat-file --batch`; `None`
/// for one that does not exist (a file new in a commit, a root commit's parent).
pub fn blobs(root: &Path, requests: &[String]) -> Vec<Option<Vec<u8>>> {
    if requests.is_empty() {
        return Vec::new();
    }
    objects(root, requests)
        .into_iter()
        .map(|f| match f {
            Found::Blob(b) => Some(b),
            _ => None,
        })
        .collect()
}

/// Runs `git cat-file --batch`, writing `input` and reading `count` answers; `None` when
/// git cannot be run.
fn batch(mut child: Child, input: String, count: usize) -> Option<Vec<Found>> {
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        })
    });
    let mut found = Vec::with_capacity(count);
    if let Some(stdout) = child.stdout.take() {
        let mut reader = std::io::BufReader::new(stdout);
        for _ in 0..count {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                break;
            }
            let mut fields = header.split_whitespace();
            let (oid, kind, size) = (fields.next(), fields.next(), fields.next());
            match (kind, size.and_then(|s| s.parse::<usize>().ok())) {
                (Some(kind), Some(size)) => {
                    let mut content = vec![0; size + 1];
                    if reader.read_exact(&mut content).is_err() {
                        break;
                    }
                    content.pop();
                    found.push(match kind {
                        "blob" => Found::Blob(content),
                        // Entries are `MODE NAME\0` and the object id in binary, as long as
                        // the hexadecimal one is half.
                        "tree" => Found::Tree(tree_names(&content, oid.map_or(40, str::len) / 2)),
                        _ => Found::Missing,
                    });
                }
                _ => found.push(Found::Missing),
            }
        }
    }
    if let Some(w) = writer {
        let _ = w.join();
    }
    let _ = child.wait();
    Some(found)
}

/// The names in a tree object's contents.
fn tree_names(mut content: &[u8], id_len: usize) -> HashSet<String> {
    let mut names = HashSet::new();
    while let Some(nul) = content.iter().position(|&b| b == 0) {
        let entry = &content[..nul];
        if let Some(space) = entry.iter().position(|&b| b == b' ') {
            names.insert(String::from_utf8_lossy(&entry[space + 1..]).into_owned());
        }
        content = content.get(nul + 1 + id_len..).unwrap_or_default();
    }
    names
}
