//! The `dossier` binary: the command line and, with no command, the terminal UI.

use std::io::{self, BufWriter, ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Cli, Command, Status};

fn main() -> ExitCode {
    // A bad command line exits 2 here, with clap's message.
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut err = io::stderr();

    let result = match &cli.command {
        Some(command) => cli::run(&cli, command, &mut out, &mut err),
        // ---- No command: the browser goes here. ----
        // Until the TUI is wired in, print the same summary as `dossier check` (or the errors).
        // The TUI needs: `cli::load_dossier(&cli)`, `cli.data` (the file to watch),
        // `cli.no_mouse` and `cli.no_watch`.
        None => cli::run(&cli, &Command::Check, &mut out, &mut err),
    };
    finish(result.and_then(|status| out.flush().map(|()| status)))
}

/// The exit code for how the command went. A closed pipe (`dossier export | head -1`) is not an
/// error: the reader has all it wanted, so exit quietly with 0, as grep and ripgrep do.
fn finish(result: io::Result<Status>) -> ExitCode {
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "dossier: cannot write the output: {e}");
            ExitCode::from(Status::Failure.code())
        }
    }
}
