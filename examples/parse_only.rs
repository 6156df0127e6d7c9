//! The floor under the loader: read a dossier file and only parse it, no prechecks, no
//! validation, no string checks. `bench/load_memory.sh` compares the time and peak memory of each
//! way with `dossier check`.
//!
//!     cargo run --release --example parse_only -- big.yaml [typed|value|events]
//!
//! - `typed` (default): `serde_yaml::from_slice::<Dossier>`, what the loader did before its own reader.
//! - `value`: `serde_yaml::Value`, the untyped document.
//! - `events`: saphyr-parser's events, each dropped as it comes: the floor of the loader's
//!   reader, which reads them into the model.

use std::process::ExitCode;
use std::time::Instant;

use dossier::model::Dossier;

fn parse(bytes: &[u8], how: &str) -> Result<String, String> {
    let text = || std::str::from_utf8(bytes).map_err(|e| e.to_string());
    match how {
        "typed" => serde_yaml::from_slice::<Dossier>(bytes)
            .map(|d| format!("{} quotes", d.quotes.len()))
            .map_err(|e| e.to_string()),
        "value" => serde_yaml::from_slice::<serde_yaml::Value>(bytes)
            .map(|v| format!("a mapping: {}", v.is_mapping()))
            .map_err(|e| e.to_string()),
        "events" => {
            let mut count = 0usize;
            for event in saphyr_parser::Parser::new_from_str(text()?) {
                event.map_err(|e| e.to_string())?;
                count += 1;
            }
            Ok(format!("{count} events"))
        }
        other => Err(format!("unknown way `{other}`: typed, value or events")),
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: parse_only FILE [typed|value|events]");
        return ExitCode::from(2);
    };
    let how = args.next().unwrap_or_else(|| "typed".to_string());
    let t = Instant::now();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("parse_only: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let read = t.elapsed();
    match parse(&bytes, &how) {
        Ok(what) => {
            let parsed = t.elapsed() - read;
            println!(
                "{how}: {what}, {} bytes: read {read:.2?}, parsed {parsed:.2?}, {:.1} MB/s",
                bytes.len(),
                bytes.len() as f64 / 1e6 / parsed.as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("parse_only: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
