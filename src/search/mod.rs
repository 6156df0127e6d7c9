//! Fuzzy search over quotes, behind a small interface so the matcher can be measured and swapped.
//!
//! A quote matches when the query's characters occur in order in its text, speaker or context,
//! accents aside: the query and the fields are both folded first (`mejia` finds "Mejía",
//! `presión` finds "presion"; see [`fold`]). Its score is fuzzy-matcher's `SkimMatcherV2` score
//! of its best folded field (smart case: a query with a capital letter, accented or not, is
//! case-sensitive). Quotes are ranked best first, equal scores in dossier order. An empty or
//! blank query matches nothing. Highlighted positions are char indices into the original field:
//! folding maps each char to one char.
//!
//! - [`Query`]: a query in fzf's extended syntax (`'exact`, `^prefix`, `suffix$`, `!not`,
//!   `a | b`, terms separated by spaces all required), matched against any record given as a
//!   list of fields: whether it matches, its score, and the characters to highlight in each field.
//!   The browser filters its lists with it.
//! - [`QuoteSearch`]: one synchronous search (what the command line needs).
//! - [`SearchIndex`]: a prefilter built once; parallel scoring and top-k selection per search.
//! - [`Session`]: reuses the previous keystrokes' work as a query is typed and deleted.
//! - [`Searcher`]: a worker thread for the UI; stale searches are abandoned, never queued.

mod fold;
mod index;
mod query;
#[doc(hidden)]
pub mod reference;
mod score;
mod session;
mod worker;

pub use fold::{fold, fold_char};
pub use index::{Matcher, SearchIndex};
pub use query::{Query, RecordMatch};
pub use score::{Pattern, bag};
pub use session::Session;
pub use worker::Searcher;

/// The char indices of `text` to highlight for `query` (see [`Query::matches`]); none if it
/// does not match.
pub fn positions(text: &str, query: &str) -> Vec<usize> {
    Query::parse(query)
        .matches(&[text])
        .and_then(|m| m.positions.into_iter().next())
        .unwrap_or_default()
}

use crate::model::Quote;

/// Which part of a quote a match was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The quote's words.
    Text,
    /// Who said it.
    Speaker,
    /// The context.
    Context,
}

impl Field {
    /// Its place in [`Hit::positions`]: 0, 1, 2.
    pub fn index(self) -> usize {
        match self {
            Field::Text => 0,
            Field::Speaker => 1,
            Field::Context => 2,
        }
    }

    /// This field of `quote` (`None` for a missing context).
    pub fn text(self, quote: &Quote) -> Option<&str> {
        match self {
            Field::Text => Some(&quote.text),
            Field::Speaker => Some(&quote.speaker),
            Field::Context => quote.context.as_deref(),
        }
    }
}

/// One quote that matches a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the quote in the dossier's `quotes`.
    pub quote: usize,
    /// Higher is better.
    pub score: i64,
    /// The field the best-scoring term matched in (the first one, on a tie).
    pub field: Field,
    /// Char indices (not byte indices) of the matched characters in each field, in [`Field`]
    /// order (text, speaker, context): every term is highlighted where it matched. Empty where
    /// they were not asked for (see [`SearchIndex::positions`]).
    pub positions: [Vec<usize>; 3],
}

impl Hit {
    /// The char indices to highlight in `field`.
    pub fn positions_in(&self, field: Field) -> &[usize] {
        &self.positions[field.index()]
    }
}

/// The outcome of one search: the best hits and how many quotes match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// The query searched for.
    pub query: String,
    /// The number [`Searcher::search`] returned for this query (0 elsewhere).
    pub generation: u64,
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many quotes match (can be more than `hits.len()`).
    pub total: usize,
}

impl Results {
    fn empty(query: &str) -> Self {
        Self {
            query: query.to_string(),
            generation: 0,
            hits: Vec::new(),
            total: 0,
        }
    }
}

/// Ranks quotes against a query: text, speaker and context are searched, best match first.
#[derive(Debug, Default, Clone, Copy)]
pub struct QuoteSearch {
    // Built with `QuoteSearch::default()`, so that options can be added without breaking callers.
    _options: (),
}

impl QuoteSearch {
    /// Every quote matching `query`, best first (ties keep dossier order), with positions. An
    /// empty query matches nothing.
    pub fn search(&self, quotes: &[Quote], query: &str) -> Vec<Hit> {
        self.top(quotes, query, usize::MAX).hits
    }

    /// The best `limit` quotes for `query`, with positions, and how many match in all: cheaper
    /// than [`QuoteSearch::search`] when only the first screen or page is shown.
    pub fn top(&self, quotes: &[Quote], query: &str, limit: usize) -> Results {
        let (hits, total) = index::search_once(quotes, &Query::parse(query), limit);
        Results {
            query: query.to_string(),
            generation: 0,
            hits,
            total,
        }
    }
}

#[cfg(test)]
mod tests;
