//! Writes a large, valid, generated dossier as YAML on stdout, for benchmarks:
//!
//!     cargo run --release --example gen -- --quotes 100000 [--seed 1] [--sources 300] > big.yaml
//!     cargo run --release --example gen -- --quotes 100000 --texts > quotes.txt
//!
//! The same arguments always give the same file. `--texts` writes only the quote texts, one per
//! line (what `fzf --filter` searches in `bench/compare_fzf.sh`).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use dossier::testgen::{QuoteGen, Spec, skeleton, write_yaml};

/// The quote texts of the dossier `spec` describes, one per line (a line break inside a quote
/// becomes a space).
fn write_texts(out: impl Write, spec: Spec) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let skeleton = skeleton(spec);
    for quote in QuoteGen::new(&skeleton, spec.seed).take(spec.quotes) {
        writeln!(out, "{}", quote.text.replace(['\n', '\r'], " "))?;
    }
    out.flush()
}

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
    /// Write the quote texts, one per line, instead of the dossier.
    #[arg(long)]
    texts: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let spec = Spec {
        quotes: args.quotes,
        sources: args.sources,
        seed: args.seed,
    };
    let stdout = io::stdout().lock();
    let written = if args.texts {
        write_texts(stdout, spec)
    } else {
        write_yaml(stdout, spec)
    };
    match written.and_then(|()| io::stdout().flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
