//! Writes a large, valid, generated dossier as YAML on stdout, for benchmarks:
//!
//!     cargo run --release --example gen -- --quotes 100000 [--seed 1] [--sources 300] > big.yaml
//!
//! The same arguments always give the same file.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use dossier::testgen::{Spec, write_yaml};

/// Generate a dossier with realistic quotes (Spanish, English, Portuguese).
#[derive(Parser)]
struct Args {
    /// How many quotes.
    #[arg(long)]
    quotes: usize,
    /// The seed: the same seed gives the same dossier.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many sources.
    #[arg(long, default_value_t = 300)]
    sources: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let spec = Spec {
        quotes: args.quotes,
        sources: args.sources,
        seed: args.seed,
    };
    let stdout = io::stdout().lock();
    match write_yaml(stdout, spec).and_then(|()| io::stdout().flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
