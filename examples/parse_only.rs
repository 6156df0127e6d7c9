//! The floor under the loader: read a dossier file and only parse it, no prechecks, no
//! validation, no string checks. `bench/load_memory.sh` compares the time and peak memory of each
//! way with `dossier check`.
//!
//!     cargo run --release --example parse_only -- big.yaml [typed|value|tree|events]
//!
//! - `typed` (default): `serde_yaml::from_slice::<Dossier>`, what the loader's happy path does.
//! - `value`: `serde_yaml::Value`, the untyped document.
//! - `tree`: yaml-rust2's document tree.
//! - `events`: yaml-rust2's parser events, each dropped as it comes: what a streaming loader
//!   would start from.

use std::process::ExitCode;
use std::time::Instant;

use dossier::model::Dossier;
use yaml_rust2::parser::{Event, EventReceiver, Parser};

/// Counts events and keeps nothing.
struct Count(usize);

impl EventReceiver for Count {
    fn on_event(&mut self, _: Event) {
        self.0 += 1;
    }
}

fn parse(bytes: &[u8], how: &str) -> Result<String, String> {
    let text = || std::str::from_utf8(bytes).map_err(|e| e.to_string());
    match how {
        "typed" => serde_yaml::from_slice::<Dossier>(bytes)
            .map(|d| format!("{} quotes", d.quotes.len()))
            .map_err(|e| e.to_string()),
        "value" => serde_yaml::from_slice::<serde_yaml::Value>(bytes)
            .map(|v| format!("a mapping: {}", v.is_mapping()))
            .map_err(|e| e.to_string()),
        "tree" => yaml_rust2::YamlLoader::load_from_str(text()?)
            .map(|docs| format!("{} document(s)", docs.len()))
            .map_err(|e| e.to_string()),
        "events" => {
            let mut count = Count(0);
            Parser::new_from_str(text()?)
                .load(&mut count, false)
                .map_err(|e| e.to_string())?;
            Ok(format!("{} events", count.0))
        }
        other => Err(format!(
            "unknown way `{other}`: typed, value, tree or events"
        )),
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: parse_only FILE [typed|value|tree|events]");
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
