//! The `dossier` binary: the command line and, with no command, the terminal UI.

use std::io::{self, BufWriter, ErrorKind, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Cli, Command, Status};

fn main() -> ExitCode {
    // Before clap, which echoes a bad argument as typed: a raw escape must not reach the terminal.
    let args: Vec<_> = std::env::args_os().collect();
    if let Some(message) = cli::refuse_unsafe_args(&args) {
        let _ = writeln!(io::stderr(), "{message}");
        return ExitCode::from(2);
    }
    // A bad command line exits 2 here, with clap's message.
    let cli = Cli::parse_from(args);
    if cli.command.is_none() && io::stdout().is_terminal() && io::stdin().is_terminal() {
        return browse(&cli);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut err = io::stderr();

    let result = match &cli.command {
        Some(command) => cli::run(&cli, command, &mut out, &mut err),
        // No command, but not on a terminal (a pipe, a script): the browser cannot draw there, so
        // say what `check` says.
        None => cli::run(
            &cli,
            &Command::Check {
                format: cli::CheckFormat::Text,
            },
            &mut out,
            &mut err,
        ),
    };
    finish(result.and_then(|status| out.flush().map(|()| status)))
}

/// No command on a terminal: open the browser on the dossier. A file that does not load opens
/// it too, on the errors panel, when the browser watches it: the first save that loads shows the
/// dossier (the edit-and-watch loop works from a broken draft). Without a watch, or for a path
/// that is not a file, the errors are printed as `check` prints them.
fn browse(cli: &Cli) -> ExitCode {
    // A broken config file stops the browser before it takes the terminal: the reader sees
    // where the file is wrong.
    let config = match cli::load_config(cli) {
        Ok(config) => config,
        Err(e) => {
            let _ = io::stderr().write_all(e.render(cli::stderr_color()).as_bytes());
            return ExitCode::from(Status::Failure.code());
        }
    };
    let (name, loaded) = cli::load_dossier(cli);
    let options = dossier::tui::Options {
        mouse: !cli.no_mouse && config.mouse,
        data_path: cli.data.clone(),
        watch: !cli.no_watch && config.live_reload,
        ..Default::default()
    };
    let ran = match loaded {
        Ok(dossier) => dossier::tui::run(dossier, options),
        Err(e) if options.watch && cli.data.as_ref().is_some_and(|p| p.is_file()) => {
            dossier::tui::run_on_errors(&name, &e, options)
        }
        Err(e) => {
            cli::report(&e, cli::stderr_color(), &mut io::stderr());
            return ExitCode::from(Status::Failure.code());
        }
    };
    match ran {
        Ok(dossier::tui::Ending::Quit) => ExitCode::SUCCESS,
        // As a shell reports a process the signal ended: 130 for SIGINT, 143 for SIGTERM.
        Ok(dossier::tui::Ending::Signal(n)) => {
            ExitCode::from(u8::try_from(128 + n).unwrap_or(u8::MAX))
        }
        Err(e) => {
            eprintln!("dossier: the terminal failed: {e}");
            ExitCode::from(Status::Failure.code())
        }
    }
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
