//! Searching as the user types: each keystroke reuses the work done for the previous ones.
//!
//! A quote matches a query when the query's characters occur in it in order. If the new query
//! extends an earlier one, only the earlier one's matches can match it: those are the only quotes
//! looked at, and their new scores are bounded from their old ones, so that only the few that
//! could make the top are scored. The matches of every prefix of the current query are kept, so
//! deleting characters (backspace) is answered from memory. Queries are remembered folded (see
//! `fold.rs`): folding maps each char to one char, so the folded prefixes of a query are the
//! prefixes of the folded query, and `presion` reuses what `presió` found.

use super::Results;
use super::fold::fold;
use super::index::{Match, SearchIndex};
use super::score::Pattern;
use crate::model::Quote;

/// The matches of one query, in quote order.
#[derive(Clone)]
struct Entry {
    /// The query, folded.
    query: String,
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
        let query = &*fold(typed);
        let pattern = Pattern::new(query);
        if pattern.is_blank() {
            return Some(Results::empty(typed));
        }
        let found = match self.entries.iter().position(|e| e.query == query) {
            Some(i) => i,
            None => {
                // The longest remembered prefix: its matches are the only candidates.
                let base = self
                    .entries
                    .iter()
                    .filter(|e| query.starts_with(e.query.as_str()))
                    .max_by_key(|e| e.query.len());
                let matches = match base {
                    Some(e) => {
                        let from = e.query.chars().count();
                        index.narrow(quotes, &pattern, &e.matches, from, cancelled)?
                    }
                    None => index.fresh(quotes, &pattern, cancelled)?,
                };
                self.entries.push(Entry {
                    query: query.to_string(),
                    matches,
                });
                self.entries.len() - 1
            }
        };
        let entry = &mut self.entries[found];
        let hits = index.top(quotes, &pattern, &mut entry.matches, limit, cancelled)?;
        let results = Results {
            query: typed.to_string(),
            generation: 0,
            hits,
            total: entry.matches.len(),
        };
        self.forget_all_but_prefixes_of(query);
        Some(results)
    }

    /// Keeps the entries that can still help: the prefixes of `query` (for narrowing and
    /// backspace), newest first within the budget.
    fn forget_all_but_prefixes_of(&mut self, query: &str) {
        self.entries.retain(|e| query.starts_with(e.query.as_str()));
        // Longest (newest in the typing) first; drop the shortest when over budget, except the
        // query itself.
        self.entries
            .sort_by_key(|e| std::cmp::Reverse(e.query.len()));
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

    /// How many result sets are remembered (for tests).
    #[cfg(test)]
    pub(crate) fn remembered(&self) -> usize {
        self.entries.len()
    }
}
