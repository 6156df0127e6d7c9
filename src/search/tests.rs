use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::*;
use crate::search::reference;
use crate::testgen::{self, Rng, Spec};

fn quote(text: &str, speaker: &str, context: Option<&str>) -> Quote {
    Quote {
        id: "q".into(),
        text: text.into(),
        speaker: speaker.into(),
        role: None,
        date: None,
        date_basis: None,
        language: "es".into(),
        translation: false,
        original_language: None,
        stage: None,
        offer: None,
        context: context.map(crate::model::Text::from),
        source: "s".into(),
    }
}

/// The obvious implementation: every quote's text, speaker and context through the plain
/// reading of the syntax (`reference.rs`: fuzzy-matcher for fuzzy terms, a char-by-char scan for
/// exact ones), sort everything.
fn naive(quotes: &[Quote], query: &str) -> Vec<Hit> {
    if Query::parse(query).is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<Hit> = quotes
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let fields = [&q.text[..], &q.speaker, q.context.as_deref().unwrap_or("")];
            let m = reference::matches(query, &fields)?;
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

/// Queries a user could type: pieces of real quotes (with their accents and case), words,
/// scattered letters, and some that match nothing.
fn queries(quotes: &[Quote], rng: &mut Rng, n: usize) -> Vec<String> {
    let mut out = vec![
        "m".to_string(),
        "me".into(),
        "mex".into(),
        "seleccion".into(),
        "selección".into(),
        "Osorio".into(),
        "osorio ".into(),
        "zzzzqqq".into(),
        "🔥".into(),
        "ção".into(),
        "it's".into(),
        "\"".into(),
        "mejia 'osorio".into(),
        "'selec !brasil".into(),
        "^juan | ^jose carlos$".into(),
        "sel ção".into(),
        "!a".into(),
        "la\\ sel".into(),
        "o r i".into(),
        "!'qqq 'the".into(),
    ];
    while out.len() < n {
        let q = rng.pick(quotes);
        let chars: Vec<char> = q.text.chars().collect();
        let start = rng.below(chars.len());
        let len = rng.range(1, 8).min(chars.len() - start);
        let piece: String = match rng.below(3) {
            0 => chars[start..start + len].iter().collect(),
            1 => chars[start..]
                .iter()
                .step_by(rng.range(2, 9))
                .take(len)
                .collect(),
            _ => chars[start..start + len]
                .iter()
                .collect::<String>()
                .to_lowercase(),
        };
        // Half of them in the extended syntax: an operator, a second term, an alternative.
        let piece = match rng.below(12) {
            0 => format!("'{piece}"),
            1 => format!("^{piece}"),
            2 => format!("{piece}$"),
            3 => format!("!{piece}"),
            4 => format!("{} {piece}", rng.pick(&["m", "o", "'de", "sel", "!zz"])),
            5 => format!("{piece} | {}", rng.pick(&["osorio", "'la", "^J"])),
            _ => piece,
        };
        out.push(piece);
    }
    out
}

fn order(hits: &[Hit]) -> Vec<usize> {
    hits.iter().map(|h| h.quote).collect()
}

#[test]
fn best_match_first_and_ties_in_dossier_order() {
    let quotes = vec![
        quote("Ganamos en el estadio de México", "A", None),
        quote("México es grande", "B", None),
        quote("nada que ver", "C", None),
        quote("México es grande", "D", None),
        quote("MEXICO", "E", None),
    ];
    // Quotes 1 and 3 score the same (the word starts the text): dossier order. "MEXICO" costs a
    // case mismatch per letter; "Mexico" (a capital) is case-sensitive and skips it.
    let hits = QuoteSearch::default().search(&quotes, "méxico");
    assert_eq!(order(&hits), [1, 3, 0, 4]);
    assert!(hits[0].score == hits[1].score && hits[1].score > hits[2].score);
    assert_eq!(
        order(&QuoteSearch::default().search(&quotes, "Mexico")),
        [1, 3, 0]
    );
}

/// Journalists type without accents, and sometimes with them where the text has none: both
/// sides are folded, on every search path.
#[test]
fn accents_do_not_matter_on_either_side() {
    let quotes = vec![
        quote(
            "Cualquier nombre es pura especulación",
            "José Ernesto Mejía",
            None,
        ),
        quote("La selección jugó bien", "A", Some("en São Paulo")),
        quote("Hubo mucha presión", "B", None),
        quote("Hubo mucha presion", "C", None),
        quote("nothing to see", "D", None),
    ];
    let index = SearchIndex::new(&quotes);
    let searcher = Searcher::new(Arc::new(quotes.clone()));
    let never = || false;
    for (query, expected) in [
        ("mejia", &[0][..]),
        ("Mejia", &[0]),
        ("MEJÍA", &[]),
        ("especulacion", &[0]),
        ("seleccion", &[1]),
        ("selección", &[1]),
        ("jugo", &[1]),
        ("sao paulo", &[1]),
        ("presion", &[2, 3]),
        ("presión", &[2, 3]),
    ] {
        let hits = QuoteSearch::default().search(&quotes, query);
        // The quotes written with (or without) the accents come first; fuzzy matching may find
        // the letters scattered elsewhere too ("pura especulación" has p-r-e-s-i-o-n).
        let found = order(&hits);
        assert_eq!(
            found[..expected.len().min(found.len())],
            *expected,
            "{query:?}"
        );
        assert_eq!(found.is_empty(), expected.is_empty(), "{query:?}");
        assert_eq!(hits, naive(&quotes, query), "{query:?}");
        let top = QuoteSearch::default().top(&quotes, query, 10);
        assert_eq!(top.hits, hits, "{query:?}");
        let indexed = index.search(&quotes, query, 10);
        assert_eq!(indexed.hits, without_positions(&hits), "{query:?}");
        let mut session = Session::new(quotes.len());
        let typed = session.search(&index, &quotes, query, 10, &never).unwrap();
        assert_eq!(typed, indexed, "{query:?}");
        searcher.search(query, 10);
        let results = searcher.recv_timeout(Duration::from_secs(60)).unwrap();
        assert_eq!((results.query.as_str(), &results.hits), (query, &hits));
    }
}

/// The highlighted characters are the ones of the original field, accents and all.
#[test]
fn a_folded_match_highlights_the_accented_letters() {
    let quotes = vec![quote(
        "Cualquier nombre es pura especulación",
        "José Ernesto Mejía",
        None,
    )];
    let shown = |field: &str, positions: &[usize]| -> String {
        let chars: Vec<char> = field.chars().collect();
        positions.iter().map(|&i| chars[i]).collect()
    };
    let hit = &QuoteSearch::default().search(&quotes, "mejia")[0];
    assert_eq!(hit.field, Field::Speaker);
    assert_eq!(hit.positions_in(Field::Speaker), [13, 14, 15, 16, 17]);
    assert_eq!(shown(&quotes[0].speaker, &hit.positions[1]), "Mejía");
    let index = SearchIndex::new(&quotes);
    assert_eq!(index.positions(&quotes, hit, "mejia"), hit.positions);
    assert_eq!(positions(&quotes[0].speaker, "mejía"), [13, 14, 15, 16, 17]);

    let hit = &QuoteSearch::default().search(&quotes, "especulacion")[0];
    assert_eq!(shown(&quotes[0].text, &hit.positions[0]), "especulación");
    let searcher = Searcher::new(Arc::new(quotes.clone()));
    searcher.search("jose", 5);
    let results = searcher.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(
        shown(&quotes[0].speaker, &results.hits[0].positions[1]),
        "José"
    );
}

/// Smart case works on the folded query: a capital makes it case-sensitive, accented or not.
#[test]
fn smart_case_with_accents() {
    let quotes = vec![
        quote("dijo Mejía", "A", None),
        quote("DIJO MEJÍA", "B", None),
        quote("la ávila", "C", None),
        quote("La Ávila", "D", None),
    ];
    let search = |query| order(&QuoteSearch::default().search(&quotes, query));
    assert_eq!(search("mejia"), [0, 1]);
    assert_eq!(search("Mejia"), [0]);
    assert_eq!(search("Mejía"), [0]);
    assert_eq!(search("MEJIA"), [1]);
    // Both match; the capital costs "La Ávila" a case mismatch.
    assert_eq!(search("avila"), [2, 3]);
    assert_eq!(search("Ávila"), [3]);
    assert_eq!(search("Avila"), [3]);
}

/// Folded copies are kept only for the fields folding changes.
#[test]
fn only_fields_that_fold_are_copied() {
    let ascii = vec![quote("plain words", "Someone", Some("and context"))];
    assert_eq!(SearchIndex::new(&ascii).folded_bytes(), 0);
    let other_scripts = vec![quote("«تلقيت بالفعل»", "Στάθης", Some("日本 🙂 Straße"))];
    assert_eq!(SearchIndex::new(&other_scripts).folded_bytes(), 0);
    let one = vec![
        quote("plain words", "José", None),
        quote("more plain words", "Someone", None),
    ];
    let bytes = SearchIndex::new(&one).folded_bytes();
    // Where each of the two quotes' six fields starts and ends, and one folded copy: "Jose".
    assert_eq!(bytes, 7 * std::mem::size_of::<usize>() + "Jose".len());
}

#[test]
fn matches_in_speaker_and_context_say_where_they_are() {
    let quotes = vec![
        quote(
            "nothing here",
            "Juan Carlos Osorio",
            Some("after the final"),
        ),
        quote("nothing here", "Someone", Some("said to Osorio")),
    ];
    let hits = QuoteSearch::default().search(&quotes, "osorio");
    assert_eq!(hits.len(), 2);
    assert_eq!(
        (hits[0].field, hits[1].field),
        (Field::Speaker, Field::Context)
    );
    assert_eq!(
        hits[0].positions_in(Field::Speaker),
        [12, 13, 14, 15, 16, 17]
    );
    let context: Vec<char> = "said to Osorio".chars().collect();
    let shown: String = hits[1].positions[2].iter().map(|&i| context[i]).collect();
    assert_eq!(shown, "Osorio");
}

#[test]
fn a_blank_query_matches_nothing() {
    let quotes = vec![quote("a b c", "x", None)];
    assert!(QuoteSearch::default().search(&quotes, "").is_empty());
    assert!(QuoteSearch::default().search(&quotes, "   ").is_empty());
    let index = SearchIndex::new(&quotes);
    assert_eq!(index.search(&quotes, " ", 10).total, 0);
}

/// The fast paths (prefilter, parallel scan, top-k, no positions) give exactly what scoring
/// every field of every quote with fuzzy-matcher gives: the prefilter never drops a match.
#[test]
fn same_results_as_the_naive_search() {
    let quotes = testgen::quotes(Spec::new(400));
    let index = SearchIndex::new(&quotes);
    let mut rng = Rng::new(3);
    let mut matched = 0;
    for query in queries(&quotes, &mut rng, 90) {
        let expected = naive(&quotes, &query);
        matched += usize::from(!expected.is_empty());
        assert_eq!(
            QuoteSearch::default().search(&quotes, &query),
            expected,
            "{query:?}"
        );

        let results = index.search(&quotes, &query, 25);
        assert_eq!(results.total, expected.len(), "{query:?}");
        let n = expected.len().min(25);
        assert_eq!(results.hits, without_positions(&expected[..n]), "{query:?}");
        for (hit, want) in results.hits.iter().zip(&expected) {
            assert_eq!(index.positions(&quotes, hit, &query), want.positions);
        }

        let top = QuoteSearch::default().top(&quotes, &query, 7);
        assert_eq!(
            (top.total, &top.hits[..]),
            (expected.len(), &expected[..expected.len().min(7)])
        );
    }
    assert!(matched > 45, "the queries must mostly match, {matched} did");
}

/// Typing a query character by character and deleting it again, each step narrowed from or
/// remembered by the session, gives the results of a fresh search.
#[test]
fn narrowing_and_backspace_give_the_results_of_a_fresh_search() {
    let quotes = testgen::quotes(Spec::new(1500));
    let index = SearchIndex::new(&quotes);
    let mut session = Session::new(quotes.len());
    let never = || false;
    for typed in [
        "selección mexicana",
        "seleccion",
        "São Paulo",
        // Lower case, then a capital: the query turns case-sensitive while it narrows.
        "la Selección",
        "presión",
        "Osorio dijo",
        "the press",
        "ção",
        "xx",
        // The extended syntax: more terms, exact and anchored ones, negations, alternatives.
        "mejia 'osorio dijo",
        "'selección !brasil",
        "^la sel$",
        "!de la",
        "o | a b",
        "jugadores$",
        "'the press | ^Os",
        "^Juan\\ Carlos a",
        "presion | pressure sel",
        "mejia | ^osorio | !zz",
    ] {
        let chars: Vec<char> = typed.chars().collect();
        let steps = (1..=chars.len()).chain((1..chars.len()).rev());
        for n in steps {
            let query: String = chars[..n].iter().collect();
            let fresh = index.search(&quotes, &query, 40);
            let typed = session.search(&index, &quotes, &query, 40, &never).unwrap();
            assert_eq!(typed, fresh, "{query:?}");
            if n == chars.len() / 2 {
                // Asking for more (scrolling) or fewer hits of a remembered query agrees too.
                for limit in [1, 300] {
                    let fresh = index.search(&quotes, &query, limit);
                    let again = session.search(&index, &quotes, &query, limit, &never);
                    assert_eq!(again.unwrap(), fresh, "{query:?} limit {limit}");
                }
            }
        }
        // Typing something else from the middle of the query still agrees.
        let fresh = index.search(&quotes, "sel", 40);
        assert_eq!(
            session.search(&index, &quotes, "sel", 40, &never).unwrap(),
            fresh
        );
    }
}

/// Deleting back through an alternative (`presion | p` is broader than `presion`) is still
/// answered from memory: what was typed on the way is kept.
#[test]
fn backspace_through_an_alternative_is_answered_from_memory() {
    let quotes = testgen::quotes(Spec::new(2000));
    let index = SearchIndex::new(&quotes);
    let mut session = Session::new(quotes.len());
    let never = || false;
    for n in 1..="presion | pressure".len() {
        session.search(&index, &quotes, &"presion | pressure"[..n], 10, &never);
    }
    for typed in [
        "presion | pres",
        "presion | p",
        "presion |",
        "presion",
        "pre",
    ] {
        assert!(session.remembers(typed), "{typed:?} is forgotten");
        let results = session.search(&index, &quotes, typed, 10, &never).unwrap();
        assert_eq!(results, index.search(&quotes, typed, 10), "{typed:?}");
    }
}

#[test]
fn a_cancelled_search_returns_nothing_and_remembers_nothing() {
    let quotes = testgen::quotes(Spec::new(10_000));
    let index = SearchIndex::new(&quotes);
    let mut session = Session::new(quotes.len());
    let looks = AtomicUsize::new(0);
    let cancel_now = || {
        looks.fetch_add(1, Ordering::Relaxed);
        true
    };
    assert!(
        session
            .search(&index, &quotes, "me", 10, &cancel_now)
            .is_none()
    );
    assert_eq!(session.remembered(), 0);
    // The scan looks at the flag once per chunk and stops: it did not score every chunk.
    assert!(looks.load(Ordering::Relaxed) >= 1);
    let never = || false;
    assert_eq!(
        session.search(&index, &quotes, "me", 10, &never).unwrap(),
        index.search(&quotes, "me", 10)
    );
}

#[test]
fn the_searcher_answers_the_latest_query_only() {
    let quotes: Arc<[Quote]> = testgen::quotes(Spec::new(20_000)).into();
    let searcher = Searcher::new(Arc::clone(&quotes));
    let mut last = 0;
    for query in ["m", "me", "mes", "mess", "messi", "mess", "mes"] {
        last = searcher.search(query, 20);
    }
    let results = searcher
        .recv_timeout(Duration::from_secs(60))
        .expect("the latest query is answered");
    assert_eq!(results.generation, last);
    assert_eq!(results.query, "mes");
    let expected = QuoteSearch::default().top(&quotes, "mes", 20);
    assert_eq!(
        (results.hits, results.total),
        (expected.hits, expected.total)
    );
    // Nothing older arrives afterwards.
    std::thread::sleep(Duration::from_millis(50));
    assert!(searcher.try_recv().is_none());
}

#[test]
fn stale_results_are_never_delivered() {
    let quotes: Arc<[Quote]> = testgen::quotes(Spec::new(5_000)).into();
    let searcher = Searcher::new(quotes);
    let first = searcher.search("the", 5);
    let results = searcher.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(results.generation, first);
    // A second query makes the first's generation stale even if its results were still queued.
    let _ = searcher.search("zzzz-no-match", 5);
    let second = searcher.search("la", 5);
    let results = searcher.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!((results.generation, results.query.as_str()), (second, "la"));
}

/// A hit highlights every term where it matched, whatever the field: the browser can show a
/// match in the speaker or the context in the row itself.
#[test]
fn each_term_is_highlighted_in_the_field_it_matched() {
    let quotes = vec![
        quote(
            "Once Caldas won't let me go",
            "Juan Carlos Osorio",
            Some("On the collapse of the Honduras appointment"),
        ),
        quote("nothing", "Someone", Some("Osorio in Honduras")),
    ];
    let shown = |hit: &Hit, field: Field| -> String {
        let text: Vec<char> = field.text(&quotes[hit.quote]).unwrap().chars().collect();
        hit.positions_in(field).iter().map(|&i| text[i]).collect()
    };
    let query = "'osorio honduras 'caldas";
    let hits = QuoteSearch::default().search(&quotes, query);
    assert_eq!(hits.len(), 1, "the second quote has no `caldas`");
    let hit = &hits[0];
    assert_eq!(shown(hit, Field::Text), "Caldas");
    assert_eq!(shown(hit, Field::Speaker), "Osorio");
    assert_eq!(shown(hit, Field::Context), "Honduras");
    // Every path agrees: the index, and the worker the browser uses.
    let index = SearchIndex::new(&quotes);
    assert_eq!(index.positions(&quotes, hit, query), hit.positions);
    let searcher = Searcher::new(Arc::new(quotes.clone()));
    searcher.search(query, 5);
    let results = searcher.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(results.hits, hits);
    // `mejia` no longer has to take what its letters find: a negation leaves a quote out.
    let hits = QuoteSearch::default().search(&quotes, "osorio !caldas");
    assert_eq!(order(&hits), [1]);
    assert_eq!(shown(&hits[0], Field::Context), "Osorio");
}

/// Queries that only exclude let everything else through, in dossier order.
#[test]
fn a_query_that_only_excludes_lists_the_rest_in_order() {
    let quotes = testgen::quotes(Spec::new(300));
    let index = SearchIndex::new(&quotes);
    let results = index.search(&quotes, "!ção !^la", 1000);
    let expected: Vec<usize> = (0..quotes.len())
        .filter(|&i| {
            let q = &quotes[i];
            let fields = [&q.text[..], &q.speaker, q.context.as_deref().unwrap_or("")];
            !fields
                .iter()
                .any(|f| fold(f).to_lowercase().contains("cao"))
                && !fields
                    .iter()
                    .any(|f| fold(f).to_lowercase().trim_start().starts_with("la"))
        })
        .collect();
    assert!(
        expected.len() > 30 && expected.len() < 250,
        "{}",
        expected.len()
    );
    assert_eq!(order(&results.hits), expected);
    assert!(results.hits.iter().all(|h| h.score == 0));
}
