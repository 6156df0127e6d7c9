//! Quote search per keystroke, at 1,000, 100,000 and 1,000,000 generated quotes.
//!
//!     cargo bench --bench search                 # everything (the 1M part takes minutes)
//!     cargo bench --bench search -- keystroke/100000
//!
//! - `keystroke/N/STEP-QUERY`: what one keystroke costs while "seleccion" is typed and deleted
//!   again, in the state the previous keystrokes left (narrowing from the previous query while
//!   typing; the remembered results while deleting). Top 50 hits, no positions.
//! - `fresh/N/QUERY`: the same queries searched from scratch (no previous keystroke to use).
//! - `matcher/N/...`: the engine with fuzzy-matcher's SkimMatcherV2 as the scorer instead of
//!   the sparse one, fresh queries: what keeping fuzzy-matcher as the scorer would cost.
//! - `index/N`: building the search index (once per dossier).
//!
//! p50/p99 keystroke latency through the UI's worker thread: `examples/keystrokes.rs`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use dossier::model::Quote;
use dossier::search::{Matcher, SearchIndex, Session};
use dossier::testgen::{self, Spec};

const TYPED: &str = "seleccion";
const LIMIT: usize = 50;

fn sizes() -> Vec<usize> {
    // DOSSIER_BENCH_SIZES=1000,100000 to skip the slow million.
    std::env::var("DOSSIER_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 100_000, 1_000_000])
}

fn configure(
    c: &mut Criterion,
    n: usize,
) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(format!("keystroke/{n}"));
    if n >= 1_000_000 {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(8));
    } else {
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(3));
    }
    group.warm_up_time(Duration::from_secs(1));
    group
}

fn keystrokes(c: &mut Criterion, quotes: &[Quote], index: &SearchIndex) {
    let n = quotes.len();
    let never = || false;
    let mut session = Session::new(n);
    let mut group = configure(c, n);
    for (step, typed) in testgen::keystrokes(TYPED).into_iter().enumerate() {
        // Each sample starts from the state the previous keystrokes left.
        let before = session.clone();
        group.bench_function(format!("{step:02}-{typed}"), |b| {
            b.iter_batched_ref(
                || before.clone(),
                |s| black_box(s.search(index, quotes, &typed, LIMIT, &never)),
                BatchSize::PerIteration,
            )
        });
        session.search(index, quotes, &typed, LIMIT, &never);
    }
    group.finish();
}

fn fresh(c: &mut Criterion, quotes: &[Quote], index: &SearchIndex, name: &str) {
    let n = quotes.len();
    let mut group = c.benchmark_group(format!("{name}/{n}"));
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(if n >= 1_000_000 { 10 } else { 3 }));
    for query in ["s", "sel", "seleccion", "Osorio", "seleção", "world cup"] {
        group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
            b.iter(|| black_box(index.search(quotes, q, LIMIT)))
        });
    }
    group.finish();
}

fn search(c: &mut Criterion) {
    for n in sizes() {
        let quotes = testgen::quotes(Spec::new(n));
        {
            let mut group = c.benchmark_group("index");
            group.sample_size(10);
            group.bench_function(n.to_string(), |b| {
                b.iter(|| black_box(SearchIndex::new(&quotes)))
            });
            group.finish();
        }
        let index = SearchIndex::new(&quotes);
        keystrokes(c, &quotes, &index);
        fresh(c, &quotes, &index, "fresh");
        if n == 100_000 {
            let skim = SearchIndex::new(&quotes).with_matcher(Matcher::FuzzyMatcher);
            fresh(c, &quotes, &skim, "matcher-fuzzy-matcher");
        }
    }
}

criterion_group!(benches, search);
criterion_main!(benches);
