//! `-o FILE` naming what is not a regular file: a named pipe is written as a stream, a socket
//! or a folder is refused, a link is written through; none is ever replaced by a file.
#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, symlink};
use std::time::Duration;

use crate::support::{FLORENCE, Workspace};

fn workspace() -> Workspace {
    Workspace::with(&[("florence.yaml", FLORENCE)])
}

#[test]
fn a_named_pipe_is_written_as_a_stream_and_stays_a_pipe() {
    let ws = workspace();
    let fifo = ws.root().join("to-excel");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    let expected = ws.run(&["city", "list", "--format", "csv"]);
    expected.code(0);
    // A reader, as `cat` or a program on the other end would be. If the pipe were replaced,
    // it would wait for ever: the test waits for it a while only.
    let (sent, got) = std::sync::mpsc::channel();
    let reader = fifo.clone();
    std::thread::spawn(move || {
        let _ = sent.send(std::fs::read_to_string(reader));
    });
    let fifo_text = fifo.display().to_string();
    let mut cmd = ws.cmd(["city", "list", "--format", "csv", "-o", &fifo_text]);
    cmd.timeout(Duration::from_secs(30));
    let run = crate::support::Run::of("city list -o fifo", &mut cmd);
    run.code(0);
    assert_eq!(run.stderr, format!("wrote `{fifo_text}`\n"));
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    let read = got
        .recv_timeout(Duration::from_secs(30))
        .expect("the reader got the list")
        .unwrap();
    assert_eq!(read, expected.stdout);
}

#[test]
fn a_socket_or_a_folder_is_refused_and_left_as_it_was() {
    let ws = workspace();
    let socket = ws.root().join("s.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let socket_text = socket.display().to_string();
    let run = ws.run(&["city", "list", "-o", &socket_text]);
    run.code(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot write `{socket_text}`: it is not a regular file (a socket, or another special file); name a file, or pipe the output\n"
        )
    );
    assert!(
        std::fs::symlink_metadata(&socket)
            .unwrap()
            .file_type()
            .is_socket()
    );

    let folder = ws.root().join("reports");
    std::fs::create_dir(&folder).unwrap();
    let folder_text = folder.display().to_string();
    let run = ws.run(&["report", "weekly", "-o", &folder_text]);
    run.code(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot write `{folder_text}`: it is a folder; name a file in it, e.g. `{folder_text}/report.html`\n"
        )
    );
    assert!(folder.is_dir());
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

/// A link is written through: the file it points at is replaced (or made, when it is not
/// there yet), and the link stays a link.
#[test]
fn a_link_is_written_through_and_stays_a_link() {
    let ws = workspace();
    let shared = tempfile::tempdir().unwrap();
    let target = shared.path().join("cities.csv");
    let link = ws.root().join("cities.csv");
    symlink(&target, &link).unwrap();
    let expected = ws.run(&["city", "list", "--format", "csv"]).stdout;
    let link_text = link.display().to_string();
    // Not there yet: made where the link points.
    ws.run(&["city", "list", "-o", &link_text]).code(0);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), expected);
    // There: replaced, the link kept.
    std::fs::write(&target, "old\n").unwrap();
    ws.run(&["city", "list", "-o", &link_text]).code(0);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), expected);
    // A link that loops is refused, and stays.
    let loop_a = ws.root().join("a.csv");
    symlink("b.csv", &loop_a).unwrap();
    symlink("a.csv", ws.root().join("b.csv")).unwrap();
    let loop_text = loop_a.display().to_string();
    let run = ws.run(&["city", "list", "-o", &loop_text]);
    run.code(2);
    assert_eq!(
        run.stderr,
        format!("error: cannot write `{loop_text}`: it is a symbolic link that loops\n")
    );
    assert!(std::fs::symlink_metadata(&loop_a).unwrap().is_symlink());
}
