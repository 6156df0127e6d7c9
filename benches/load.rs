//! Loading a dossier (parse + validate) of 10,000 and 100,000 generated quotes, with MB/s.
//!
//!     cargo bench --bench load
//!
//! - `load/N`: `dossier::load::load_bytes`, what `--data FILE` costs once the file is read.
//! - `serde_yaml/N`: a plain typed `serde_yaml::from_slice::<Dossier>` of the same bytes, the
//!   floor the loader's happy path can reach while it uses serde_yaml.
//!
//! Peak memory: `bench/load_memory.sh` (it needs a whole process per measurement).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::model::Dossier;
use dossier::testgen::{Spec, write_yaml};

fn load(c: &mut Criterion) {
    for n in [10_000, 100_000] {
        let mut yaml = Vec::new();
        // Cannot fail: writing to a Vec.
        write_yaml(&mut yaml, Spec::new(n)).expect("writing to memory");
        let mut group = c.benchmark_group(format!("load/{n}"));
        group
            .throughput(Throughput::Bytes(yaml.len() as u64))
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(if n >= 100_000 { 15 } else { 5 }));
        group.bench_function("load_bytes", |b| {
            b.iter(|| black_box(dossier::load::load_bytes("big.yaml", &yaml).is_ok()))
        });
        group.bench_function("serde_yaml", |b| {
            b.iter(|| black_box(serde_yaml::from_slice::<Dossier>(&yaml).is_ok()))
        });
        group.finish();
    }
}

criterion_group!(benches, load);
criterion_main!(benches);
