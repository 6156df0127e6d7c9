//! Opens the browser on the embedded dossier, or on the file named by the first argument.
//!
//! `cargo run --example browse [FILE] [--no-mouse]`. The `dossier` binary does the same with no
//! command; this example exists so the browser can be tried and tested on its own.

use std::path::PathBuf;
use std::process::ExitCode;

use dossier::tui::{Ending, Options, run};

fn main() -> ExitCode {
    let mut options = Options::default();
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--no-mouse" => options.mouse = false,
            _ => path = Some(PathBuf::from(arg)),
        }
    }
    let loaded = match &path {
        Some(p) => dossier::load::load_path(p),
        None => dossier::load::load_embedded(),
    };
    let dossier = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::FAILURE;
        }
    };
    options.data_path = path;
    match run(dossier, options) {
        Ok(Ending::Quit) => ExitCode::SUCCESS,
        Ok(Ending::Signal(n)) => ExitCode::from(u8::try_from(128 + n).unwrap_or(u8::MAX)),
        Err(e) => {
            eprintln!("browse: {e}");
            ExitCode::FAILURE
        }
    }
}
