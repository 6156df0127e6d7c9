//! Keystroke-to-results latency of the quote search, as the terminal UI sees it: each query in
//! `testgen::QUERIES` (or `testgen::SYNTAX_QUERIES`, fzf's extended syntax, with `--syntax`) is
//! typed one character at a time and deleted again; every keystroke is
//! sent to a `Searcher` (the UI's worker thread) and timed until its results (top 50 with
//! positions) come back. Prints p50, p99 and max over all keystrokes.
//!
//!     cargo run --release --example keystrokes -- --quotes 100000 [--rounds 3]
//!         [--engine searcher|fuzzy-matcher|naive] [--syntax]
//!
//! `fuzzy-matcher` runs the same engine with fuzzy-matcher's SkimMatcherV2 as the scorer;
//! `naive` is the first implementation (every field of every quote through
//! `SkimMatcherV2::fuzzy_indices` on one thread, then sort everything), for comparison.

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, ValueEnum};
use dossier::model::Quote;
use dossier::search::{Matcher, Searcher};
use dossier::testgen::{self, QUERIES, SYNTAX_QUERIES, Spec};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Engine {
    Searcher,
    FuzzyMatcher,
    Naive,
}

/// Measure keystroke-to-results latency of the quote search.
#[derive(Parser)]
struct Args {
    /// How many generated quotes.
    #[arg(long)]
    quotes: usize,
    /// How many times each query is typed and deleted.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// What to measure.
    #[arg(long, value_enum, default_value_t = Engine::Searcher)]
    engine: Engine,
    /// Print every keystroke's time.
    #[arg(long)]
    verbose: bool,
    /// Type the queries in fzf's extended syntax (exact terms, several terms, negations).
    #[arg(long)]
    syntax: bool,
}

fn naive(quotes: &[Quote], query: &str) -> usize {
    let matcher = SkimMatcherV2::default().smart_case();
    let mut hits: Vec<(i64, usize)> = quotes
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            [
                Some(q.text.as_str()),
                Some(q.speaker.as_str()),
                q.context.as_deref(),
            ]
            .into_iter()
            .flatten()
            .filter_map(|t| matcher.fuzzy_indices(t, query).map(|(s, _)| s))
            .max()
            .map(|s| (s, i))
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.len()
}

/// CPU time used so far by all of this process's threads (Linux: the first field of each
/// thread's schedstat, in nanoseconds). On a machine shared with other work, wall-clock times
/// include waiting for a core; CPU time is what the search itself costs.
fn cpu_time() -> Duration {
    let mut total = 0u64;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
            total += stat
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
        }
    }
    Duration::from_nanos(total)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    // Nearest rank: the smallest value with at least p% of the values at or below it.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    let args = Args::parse();
    let t = Instant::now();
    let quotes: Arc<[Quote]> = testgen::quotes(Spec::new(args.quotes)).into();
    eprintln!("generated {} quotes in {:.2?}", quotes.len(), t.elapsed());

    let mut times: Vec<(Duration, String)> = Vec::new();
    let mut cpu: Vec<Duration> = Vec::new();
    let matcher = match args.engine {
        Engine::FuzzyMatcher => Matcher::FuzzyMatcher,
        _ => Matcher::Sparse,
    };
    let t = Instant::now();
    let searcher = Searcher::with_matcher(Arc::clone(&quotes), matcher);
    // The first query also waits for the worker's index: measure that apart.
    searcher.search("warm-up", 50);
    searcher.recv_timeout(Duration::from_secs(600));
    eprintln!("index built and first search in {:.2?}", t.elapsed());

    for round in 0..args.rounds {
        for query in if args.syntax { SYNTAX_QUERIES } else { QUERIES } {
            for typed in testgen::keystrokes(query) {
                let c = cpu_time();
                let t = Instant::now();
                let total = if args.engine == Engine::Naive {
                    naive(&quotes, &typed)
                } else {
                    searcher.search(&typed, 50);
                    searcher
                        .recv_timeout(Duration::from_secs(600))
                        .map_or(0, |r| r.total)
                };
                let took = t.elapsed();
                let used = cpu_time().saturating_sub(c);
                if args.verbose {
                    eprintln!(
                        "round {round} {typed:>12?}: {took:>10.2?} wall {used:>10.2?} cpu ({total} matches)"
                    );
                }
                cpu.push(used);
                times.push((took, typed));
            }
        }
    }
    let mut sorted: Vec<Duration> = times.iter().map(|(d, _)| *d).collect();
    sorted.sort();
    cpu.sort();
    let worst = times
        .iter()
        .max_by_key(|(d, _)| *d)
        .map(|(_, q)| q.clone())
        .unwrap_or_default();
    println!(
        "quotes={} keystrokes={} wall: p50={:.2?} p99={:.2?} max={:.2?} (slowest: {worst:?}) \
         cpu (all threads): p50={:.2?} p99={:.2?} max={:.2?}",
        quotes.len(),
        sorted.len(),
        percentile(&sorted, 50.0),
        percentile(&sorted, 99.0),
        sorted.last().copied().unwrap_or_default(),
        percentile(&cpu, 50.0),
        percentile(&cpu, 99.0),
        cpu.last().copied().unwrap_or_default(),
    );
}
