//! Searching as the user types: each keystroke reuses the work done for the previous ones.
//!
//! A query that narrows an earlier one (one more letter in a term, one more term, `'me` after
//! `'m`: see `Query::narrows`) can only match what the earlier one matched: those are the only
//! quotes looked at, and their new scores are bounded from their old ones, so that only the few
//! that could make the top are scored. The matches of every earlier query the current one
//! narrows are kept, so deleting characters (backspace) is answered from memory. Queries are
//! remembered parsed and folded (see `fold.rs`), so `presion` reuses what `presió` found and
//! `mejia ` (a trailing space) is `mejia`.

use super::Results;
use super::index::{Match, SearchIndex};
use super::query::Query;
use crate::model::Quote;

/// The matches of one query, in quote order.
#[derive(Clone)]
struct Entry {
    query: Query,
    /// The query as it was typed when these matches were found.
    typed: String,
    matches: Vec<Match>,
}

/// The search state of one text field being typed into.
#[derive(Clone)]
pub struct Session {
    entries: Vec<Entry>,
    /// At most this many matches are kept over all entries (the newest entry always stays).
    budget: usize,
}

impl Session {
    /// A session over `quotes` quotes: it keeps up to sixteen result sets of that size (8 bytes
    /// per match: 128 MB at a million quotes, in the worst case).
    pub fn new(quotes: usize) -> Self {
        Self {
            entries: Vec::new(),
            budget: quotes.saturating_mul(16).max(1 << 16),
        }
    }

    /// The best `limit` quotes for `query` and the number of matches, or `None` if `cancelled`
    /// returned true first (a cancelled search leaves nothing wrong behind).
    pub fn search(
        &mut self,
        index: &SearchIndex,
        quotes: &[Quote],
        query: &str,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Results> {
        let typed = query;
        let query = Query::parse(typed);
        if query.is_empty() {
            return Some(Results::empty(typed));
        }
        let found = match self.entries.iter().position(|e| e.query == query) {
            Some(i) => i,
            None => {
                // The remembered query with the fewest matches among those this one narrows:
                // its matches are the only candidates.
                let base = self
                    .entries
                    .iter()
                    .filter_map(|e| Some((e, query.narrows(&e.query)?)))
                    .min_by_key(|(e, _)| e.matches.len());
                let matches = match base {
                    Some((e, change)) => {
                        index.narrow(quotes, &query, change, &e.matches, cancelled)?
                    }
                    None => index.fresh(quotes, &query, cancelled)?,
                };
                self.entries.push(Entry {
                    query: query.clone(),
                    typed: typed.to_string(),
                    matches,
                });
                self.entries.len() - 1
            }
        };
        let entry = &mut self.entries[found];
        let hits = index.top(quotes, &query, &mut entry.matches, limit, cancelled)?;
        let results = Results {
            query: typed.to_string(),
            generation: 0,
            hits,
            total: entry.matches.len(),
        };
        self.forget_all_but_earlier(&query, typed);
        Some(results)
    }

    /// Keeps the entries that can still help: the query itself, those it narrows (for the next
    /// keystroke) and those typed on the way to it (for backspace: `presion | p` does not
    /// narrow `presion`, but deleting gets back to it), the latest first within the budget.
    fn forget_all_but_earlier(&mut self, query: &Query, typed: &str) {
        self.entries
            .retain(|e| typed.starts_with(e.typed.as_str()) || query.narrows(&e.query).is_some());
        // The query itself, then the longest typed (the latest), then the fewest matches; drop
        // the rest when over budget.
        self.entries.sort_by_key(|e| {
            (
                e.query != *query,
                std::cmp::Reverse(e.typed.len()),
                e.matches.len(),
            )
        });
        let mut kept = 0usize;
        let budget = self.budget;
        let mut first = true;
        self.entries.retain(|e| {
            kept += e.matches.len();
            let keep = first || kept <= budget;
            first = false;
            keep
        });
    }

    /// True if the matches of `typed` are remembered (for tests).
    #[cfg(test)]
    pub(crate) fn remembers(&self, typed: &str) -> bool {
        let query = Query::parse(typed);
        self.entries.iter().any(|e| e.query == query)
    }

    /// How many result sets are remembered (for tests).
    #[cfg(test)]
    pub(crate) fn remembered(&self) -> usize {
        self.entries.len()
    }
}
