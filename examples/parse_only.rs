//! The floor under the loader: read a dossier file and parse it with a plain typed
//! `serde_yaml::from_slice::<Dossier>`, nothing else (no prechecks, no validation, no string
//! checks). `bench/load_memory.sh` compares its time and peak memory with `dossier check`.
//!
//!     cargo run --release --example parse_only -- big.yaml

use std::process::ExitCode;
use std::time::Instant;

use dossier::model::Dossier;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_only FILE");
        return ExitCode::from(2);
    };
    let t = Instant::now();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("parse_only: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let read = t.elapsed();
    match serde_yaml::from_slice::<Dossier>(&bytes) {
        Ok(d) => {
            let total = t.elapsed();
            println!(
                "{} quotes, {} bytes: read {read:.2?}, parsed {:.2?}, {:.1} MB/s",
                d.quotes.len(),
                bytes.len(),
                total - read,
                bytes.len() as f64 / 1e6 / (total - read).as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("parse_only: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
