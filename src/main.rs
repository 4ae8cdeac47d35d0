use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use diplomat::cli::{Cli, Outcome};
use diplomat::error::Error;

/// mimalloc instead of the system allocator: a loaded workspace is millions of small strings,
/// which mimalloc keeps about 15% smaller and builds and frees faster (see
/// `docs/performance.md`). Without transparent huge pages, which would inflate the resident set.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // With `COMPLETE=SHELL` set by a completion script: answer the shell and exit.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            // Printing help to a closed pipe is not worth a panic either.
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = cli.run(&mut out).and_then(|outcome| {
        out.flush().map_err(Error::from)?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            drop(out);
            report(&err);
            ExitCode::from(2)
        }
    }
}

fn report(err: &Error) {
    let mut stderr = anstream::stderr();
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let word = diplomat::lang::messages().pick("error", "خطا");
    let _ = writeln!(stderr, "{style}{word}{style:#}: {err}");
    if let Error::Other(inner) = err {
        for cause in inner.chain().skip(1) {
            let _ = writeln!(stderr, "\nCaused by:\n    {cause}");
        }
    }
}
