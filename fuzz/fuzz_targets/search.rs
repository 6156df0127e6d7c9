//! Quotes and a query built from the input, in fzf's extended syntax (terms, `'`, `^`, `$`, `!`,
//! `|`, `\ `) or as raw text: the search never panics, and every fast path answers what the plain
//! reference implementation of the syntax answers (`search::reference`: its own reading of fzf's
//! rules, fuzzy-matcher's SkimMatcherV2 for fuzzy terms, a char-by-char scan for exact ones):
//!
//! - `Query::matches` on each quote's text, speaker and context: match, score, best field and
//!   the highlighted chars of each field;
//! - `QuoteSearch::search` (no index): the same quotes, best first, ties in dossier order, with
//!   their positions; `top(3)` is its first three;
//! - `SearchIndex::search` (prefilter, parallel scan, top-k) and its positions;
//! - a `Session` typing the query one char at a time and deleting it again (narrowing, bounds,
//!   answers from memory): at every step what a fresh indexed search gives.
//!
//! Accent folding maps one char to one char (the highlighted positions rely on it): every field
//! and the query keep their char count, char by char.
#![no_main]

use arbitrary::Arbitrary;
use dossier::model::Quote;
use dossier::search::{
    Field, Hit, Query, QuoteSearch, SearchIndex, Session, fold, fold_char, reference,
};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    quotes: Vec<QuoteText>,
    /// Used as typed when `terms` is empty.
    query: String,
    /// Terms joined with operators: (operator choice, text).
    terms: Vec<(u8, String)>,
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

/// A query in the extended syntax: each term with a prefix, a suffix and a separator picked by
/// its byte.
fn build(terms: &[(u8, String)]) -> String {
    const PREFIX: [&str; 6] = ["", "'", "^", "!", "!^", "!'"];
    const SUFFIX: [&str; 2] = ["", "$"];
    const SEPARATOR: [&str; 4] = [" ", " | ", "  ", "\\ "];
    let mut query = String::new();
    for (i, (choice, text)) in terms.iter().enumerate() {
        let c = usize::from(*choice);
        if i > 0 {
            query.push_str(SEPARATOR[(c / 12) % SEPARATOR.len()]);
        }
        query.push_str(PREFIX[c % PREFIX.len()]);
        query.push_str(text);
        query.push_str(SUFFIX[(c / 6) % SUFFIX.len()]);
    }
    query
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

fn fields(q: &Quote) -> [&str; 3] {
    [&q.text, &q.speaker, q.context.as_deref().unwrap_or("")]
}

/// The reference's answer for every quote, ranked: best first, ties in dossier order.
fn expected(quotes: &[Quote], query: &str) -> Vec<Hit> {
    if Query::parse(query).is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<Hit> = quotes
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let m = reference::matches(query, &fields(q))?;
            let [text, speaker, context]: [Vec<usize>; 3] = m.positions.try_into().ok()?;
            Some(Hit {
                quote: i,
                score: m.score,
                field: [Field::Text, Field::Speaker, Field::Context][m.best],
                positions: [text, speaker, context],
            })
        })
        .collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.quote.cmp(&b.quote)));
    hits
}

fn without_positions(hits: &[Hit]) -> Vec<Hit> {
    hits.iter()
        .map(|h| Hit {
            positions: Default::default(),
            ..h.clone()
        })
        .collect()
}

fuzz_target!(|input: Input| {
    let query = if input.terms.is_empty() {
        input.query
    } else {
        build(&input.terms)
    };
    check_fold(&query);
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

    let parsed = Query::parse(&query);
    for q in &quotes {
        assert_eq!(
            parsed.matches(&fields(q)),
            reference::matches(&query, &fields(q)),
            "Query::matches is not the reference's for {query:?} on {q:?}"
        );
    }

    let want = expected(&quotes, &query);
    let hits = QuoteSearch::default().search(&quotes, &query);
    assert_eq!(hits, want, "QuoteSearch is not the reference for {query:?}");
    for hit in &hits {
        for field in [Field::Text, Field::Speaker, Field::Context] {
            let chars = field.text(&quotes[hit.quote]).map_or(0, |t| t.chars().count());
            assert!(hit.positions_in(field).iter().all(|&p| p < chars));
        }
    }
    let top = QuoteSearch::default().top(&quotes, &query, 3);
    assert_eq!(top.total, want.len());
    assert_eq!(top.hits, want[..want.len().min(3)], "top(3) is not the first three");

    let index = SearchIndex::new(&quotes);
    let results = index.search(&quotes, &query, 5);
    assert_eq!(results.total, want.len(), "indexed total for {query:?}");
    assert_eq!(
        results.hits,
        without_positions(&want[..want.len().min(5)]),
        "indexed hits for {query:?}"
    );
    for (hit, w) in results.hits.iter().zip(&want) {
        assert_eq!(index.positions(&quotes, hit, &query), w.positions);
    }

    // Typed one char at a time (up to 40 steps), then deleted again.
    let chars: Vec<char> = query.chars().collect();
    let step = chars.len().div_ceil(40).max(1);
    let mut lengths: Vec<usize> = (1..=chars.len()).step_by(step).collect();
    if lengths.last() != Some(&chars.len()) {
        lengths.push(chars.len());
    }
    let back: Vec<usize> = lengths.iter().rev().skip(1).copied().collect();
    lengths.extend(back);
    let mut session = Session::new(quotes.len());
    let never = || false;
    for n in lengths {
        let typed: String = chars[..n].iter().collect();
        let fresh = index.search(&quotes, &typed, 5);
        let got = session.search(&index, &quotes, &typed, 5, &never);
        assert_eq!(got.as_ref(), Some(&fresh), "session at {typed:?}");
    }
});
