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
use super::index::{self, Match, SearchIndex};
use super::query::{Change, Query};
use crate::model::Quote;

/// The matches of one query, in quote order.
#[derive(Clone)]
struct Entry {
    query: Query,
    /// The query as it was typed when these matches were found (for an alternative's query,
    /// what was typed when it was searched for).
    typed: String,
    /// True for the query of one alternative of what was typed (see `Query::alternatives`).
    part: bool,
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
        let found = self.find(index, quotes, &query, typed, false, cancelled)?;
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

    /// The entry of `query`: remembered, or found and remembered now (`part`: the query of an
    /// alternative of what was `typed`).
    fn find(
        &mut self,
        index: &SearchIndex,
        quotes: &[Quote],
        query: &Query,
        typed: &str,
        part: bool,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<usize> {
        if let Some(i) = self.entries.iter().position(|e| e.query == *query) {
            return Some(i);
        }
        let matches = self.matches(index, quotes, query, typed, part, cancelled)?;
        self.entries.push(Entry {
            query: query.clone(),
            typed: typed.to_string(),
            part,
            matches,
        });
        Some(self.entries.len() - 1)
    }

    /// The matches of `query`, which is not remembered, from the work of earlier keystrokes
    /// where it can be reused.
    fn matches(
        &mut self,
        index: &SearchIndex,
        quotes: &[Quote],
        query: &Query,
        typed: &str,
        part: bool,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Match>> {
        // Among the remembered queries this one narrows (their matches are the only
        // candidates), the one that leaves the least work; none if a fresh search costs less.
        let fresh = quotes.len().saturating_mul(query.cost(None));
        let base = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let change = query.narrows(&e.query)?;
                let cost = e.matches.len().saturating_mul(query.cost(Some(&change)));
                Some((cost, i, change))
            })
            .min_by_key(|(cost, i, _)| (*cost, *i))
            .filter(|(cost, _, _)| *cost <= fresh)
            .map(|(_, i, change)| (i, change));
        // Narrowing is cheap unless what changed is a group of alternatives: then each
        // alternative's scores would have to be found again from the group's. Searched one by
        // one instead, each alternative narrows what it was at the last keystroke (or is
        // remembered as it is), and the group's matches are their union.
        let changed = match &base {
            Some((_, Change::Grown { set, .. } | Change::Swapped { set, .. })) => Some(*set),
            Some((_, Change::Same)) => None,
            Some((_, Change::Other)) | None => (0..query.groups())
                .rev()
                .find(|&k| query.alternatives(k).is_some()),
        };
        let split = match changed {
            Some(k) if !part => query.alternatives(k),
            _ => None,
        };
        if let Some(parts) = split {
            let mut union: Option<Vec<Match>> = None;
            for part in &parts {
                let i = self.find(index, quotes, part, typed, true, cancelled)?;
                let matches = &self.entries[i].matches;
                union = Some(match union {
                    None => matches.clone(),
                    Some(earlier) => index::union(&earlier, matches),
                });
            }
            return union;
        }
        match base {
            Some((i, change)) => {
                index.narrow(quotes, query, change, &self.entries[i].matches, cancelled)
            }
            None => index.fresh(quotes, query, cancelled),
        }
    }

    /// Keeps the entries that can still help: the query itself and its alternatives' queries,
    /// those they narrow (for the next keystroke) and those typed on the way to it (for
    /// backspace: `presion | p` does not narrow `presion`, but deleting gets back to it), the
    /// latest first within the budget.
    fn forget_all_but_earlier(&mut self, query: &Query, typed: &str) {
        let parts: Vec<Query> = (0..query.groups())
            .filter_map(|k| query.alternatives(k))
            .flatten()
            .collect();
        // An alternative's own query is kept only while it is one of the current query's: the
        // next keystroke narrows it; backspace finds the whole query typed before remembered.
        self.entries.retain(|e| {
            if e.part {
                parts.contains(&e.query)
            } else {
                typed.starts_with(e.typed.as_str())
                    || query.narrows(&e.query).is_some()
                    || parts.iter().any(|p| p.narrows(&e.query).is_some())
            }
        });
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
