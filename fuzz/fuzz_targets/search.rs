//! Quotes and a query built from the input: the search never panics, every hit names an existing
//! quote, and every matched position is a char index inside the field it names.
#![no_main]

use arbitrary::Arbitrary;
use dossier::model::Quote;
use dossier::search::{Field, QuoteSearch};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    quotes: Vec<QuoteText>,
    query: String,
}

#[derive(Debug, Arbitrary)]
struct QuoteText {
    text: String,
    speaker: String,
    context: Option<String>,
}

fn quote(i: usize, q: QuoteText) -> Quote {
    Quote {
        id: format!("q{i}"),
        text: q.text,
        speaker: q.speaker,
        role: None,
        date: None,
        language: "es".into(),
        translation: false,
        original_language: None,
        stage: None,
        offer: None,
        context: q.context,
        source: "s".into(),
    }
}

fuzz_target!(|input: Input| {
    let quotes: Vec<Quote> = input
        .quotes
        .into_iter()
        .enumerate()
        .map(|(i, q)| quote(i, q))
        .collect();
    let hits = QuoteSearch::default().search(&quotes, &input.query);
    for hit in &hits {
        let q = quotes
            .get(hit.quote)
            .expect("a hit names an existing quote");
        let field = match hit.field {
            Field::Text => Some(q.text.as_str()),
            Field::Speaker => Some(q.speaker.as_str()),
            Field::Context => q.context.as_deref(),
        };
        let field = field.expect("a hit is in a field the quote has");
        let chars = field.chars().count();
        for &p in &hit.positions {
            assert!(
                p < chars,
                "position {p} in a field of {chars} chars: {field:?}"
            );
        }
    }
    // Best first.
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
});
