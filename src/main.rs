use std::process::ExitCode;

use clap::Parser;
use diplomat::cli::Cli;

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
    ExitCode::from(cli.run(&mut out))
}
