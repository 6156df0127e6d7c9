//! `text::find_refused`, which the loader asks of every string, on the strings of a dossier of
//! 286,000 generated quotes (101 MiB of text, mostly Spanish, English and Portuguese with some
//! emoji: the common case) and on
//! text where every character needs a lookup (Arabic, CJK, emoji sequences: the worst case),
//! beside the hand-kept list it replaced, in the same run.
//!
//!     cargo bench --bench text

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::testgen::{Spec, dossier};

/// The check before Unicode's tables (commit 7505b01), kept only to be measured against.
mod before {
    fn is_unsafe(c: char) -> bool {
        matches!(c,
            '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
            | '\u{061c}' | '\u{180e}'
            | '\u{200b}' | '\u{200c}' | '\u{200e}' | '\u{200f}'
            | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
            | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
            | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
    }

    fn may_start_unsafe(b: u8) -> bool {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3)
    }

    pub fn find_refused(text: &str) -> Option<(usize, char, usize)> {
        if !text.bytes().any(may_start_unsafe) {
            return None;
        }
        let mut found = text.char_indices().filter(|&(_, c)| is_unsafe(c));
        let (offset, ch) = found.next()?;
        Some((offset, ch, 1 + found.count()))
    }
}

fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn bench(c: &mut Criterion) {
    let d = dossier(Spec::new(286_000));
    let mut generated = Vec::new();
    strings(
        &serde_json::to_value(&d).expect("serialisable"),
        &mut generated,
    );
    drop(d);
    let scripts = [
        (
            "arabic",
            "أنا سعيد جدا بالعمل مع الزمالك، والجماهير رائعة وتستحق الألقاب. ",
        ),
        (
            "cjk",
            "奥索里奥是一位哥伦比亚足球教练，曾执教墨西哥国家队。",
        ),
        (
            "emoji",
            "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} 🏳\u{fe0f}\u{200d}🌈 👩🏽\u{200d}💻 ⚽🇨🇴 ",
        ),
    ];
    let mut inputs = vec![("generated-286k-quotes".to_string(), generated)];
    for (name, text) in scripts {
        // 20 MB in strings of about 2 kB, like long quotes.
        let one = text.repeat(2048 / text.len() + 1);
        inputs.push((format!("{name}-20MB"), vec![one; 20_000_000 / 2048]));
    }
    for (name, texts) in &inputs {
        let bytes: usize = texts.iter().map(String::len).sum();
        let mut group = c.benchmark_group(format!("find_refused/{name}"));
        group
            .throughput(Throughput::Bytes(bytes as u64))
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        group.bench_function("unicode_tables", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .filter(|t| dossier::text::find_refused(black_box(t)).is_some())
                    .count()
            })
        });
        group.bench_function("hand_kept_list", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .filter(|t| before::find_refused(black_box(t)).is_some())
                    .count()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
