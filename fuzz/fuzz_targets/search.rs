//! Quotes and a query built from the input: the search never panics, every hit names an existing
//! quote, and every matched position is a char index inside the field it names. Accent folding
//! maps one char to one char (the highlighted positions rely on it): every field and the query
//! keep their char count, char by char. The engine says it ranks as fuzzy-matcher's SkimMatcherV2
//! does on the folded strings: the same quotes must match, each with the score a fresh
//! SkimMatcherV2 gives its best folded field against the folded query, at the positions it gives
//! there, and `top` must agree with `search`.
#![no_main]

use arbitrary::Arbitrary;
use dossier::model::Quote;
use dossier::search::{Field, QuoteSearch, fold, fold_char};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
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
        id: format!("q{i}").into(),
        text: q.text.into(),
        speaker: q.speaker.into(),
        role: None,
        date: None,
        date_basis: None,
        language: "es".into(),
        translation: false,
        original_language: None,
        stage: None,
        offer: None,
        context: q.context.map(Into::into),
        source: "s".into(),
    }
}

/// Folding keeps every char in its place: the same count, each char folded on its own.
fn check_fold(text: &str) {
    let folded = fold(text);
    assert!(folded.len() <= text.len(), "folding grew {text:?}");
    assert!(
        folded.chars().eq(text.chars().map(fold_char)),
        "folding is not char for char: {text:?} -> {folded:?}"
    );
    assert_eq!(folded.chars().count(), text.chars().count(), "{text:?}");
}

fuzz_target!(|input: Input| {
    check_fold(&input.query);
    for q in &input.quotes {
        check_fold(&q.text);
        check_fold(&q.speaker);
        if let Some(c) = &q.context {
            check_fold(c);
        }
    }
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
        // The positions SkimMatcherV2 highlights in the folded field are the ones given.
        let skim = SkimMatcherV2::default().smart_case();
        let expected = skim.fuzzy_indices(&fold(field), &fold(&input.query));
        assert_eq!(
            expected,
            Some((hit.score, hit.positions.clone())),
            "not SkimMatcherV2's score and positions in {field:?}"
        );
    }
    // Best first.
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));

    if input.query.trim().is_empty() {
        assert!(hits.is_empty(), "a blank query matches nothing");
        return;
    }
    // A fresh matcher per field: SkimMatcherV2 keeps state between calls in a thread-local.
    let query = fold(&input.query);
    let expected: Vec<(usize, i64)> = quotes
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
            .filter_map(|t| {
                let matcher = SkimMatcherV2::default().smart_case();
                matcher.fuzzy_indices(&fold(t), &query).map(|(s, _)| s)
            })
            .max()
            .map(|s| (i, s))
        })
        .collect();
    let mut got: Vec<(usize, i64)> = hits.iter().map(|h| (h.quote, h.score)).collect();
    got.sort_unstable();
    assert_eq!(got, expected, "not SkimMatcherV2's matches and scores");

    let top = QuoteSearch::default().top(&quotes, &input.query, 3);
    assert_eq!(top.total, hits.len());
    let best: Vec<(usize, i64)> = hits.iter().take(3).map(|h| (h.quote, h.score)).collect();
    let top: Vec<(usize, i64)> = top.hits.iter().map(|h| (h.quote, h.score)).collect();
    assert_eq!(top, best, "top(3) is not the first three of search");
});
