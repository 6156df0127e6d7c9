//! The `dossier` binary: the command line and, with no command, the terminal UI.

use std::io::{self, BufWriter, ErrorKind, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Cli, Command, Status};

fn main() -> ExitCode {
    // A bad command line exits 2 here, with clap's message.
    let cli = Cli::parse();
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

/// No command on a terminal: open the browser on the dossier.
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
    let (_, loaded) = cli::load_dossier(cli);
    let dossier = match loaded {
        Ok(dossier) => dossier,
        Err(e) => {
            cli::report(&e, cli::stderr_color(), &mut io::stderr());
            return ExitCode::from(Status::Failure.code());
        }
    };
    let options = dossier::tui::Options {
        mouse: !cli.no_mouse && config.mouse,
        data_path: cli.data.clone(),
        watch: !cli.no_watch && config.live_reload,
        ..Default::default()
    };
    match dossier::tui::run(dossier, options) {
        Ok(()) => ExitCode::SUCCESS,
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
