//! The quote search off the UI thread: the event loop hands each [`Effect::Search`] to a
//! [`Searcher`] over the dossier's quotes and polls it every turn for the results, which go back
//! to the app as [`Action::SearchResults`].
//!
//! [`Effect::Search`]: super::app::Effect::Search

use std::sync::Arc;

use super::action::Action;
use crate::model::{Dossier, Quote};
use crate::search::Searcher;

use super::app::SEARCH_LIMIT;

/// The quotes of a shared dossier, as the search worker reads them (no copy of the quotes).
struct QuotesOf(Arc<Dossier>);

impl AsRef<[Quote]> for QuotesOf {
    fn as_ref(&self) -> &[Quote] {
        &self.0.quotes
    }
}

/// The search worker of the event loop, started on the first search and again after a reload.
#[derive(Default)]
pub struct SearchLink {
    /// The worker and the dossier it searches.
    worker: Option<(Arc<Dossier>, Searcher)>,
    /// The app's generation of the search running, if any.
    waiting: Option<u64>,
}

impl SearchLink {
    /// Starts searching `dossier`'s quotes for `query`, abandoning the search still running.
    /// A worker over another dossier (before a reload) is stopped and replaced.
    pub fn start(&mut self, dossier: &Arc<Dossier>, generation: u64, query: &str) {
        self.forget_if_stale(dossier);
        let (_, searcher) = self.worker.get_or_insert_with(|| {
            let quotes = Arc::new(QuotesOf(Arc::clone(dossier)));
            (Arc::clone(dossier), Searcher::new(quotes))
        });
        searcher.search(query, SEARCH_LIMIT);
        self.waiting = Some(generation);
    }

    /// Stops the worker if it searches another dossier than `dossier` (the old one after a
    /// reload), so that the old quotes are freed.
    pub fn forget_if_stale(&mut self, dossier: &Arc<Dossier>) {
        if self
            .worker
            .as_ref()
            .is_some_and(|(searched, _)| !Arc::ptr_eq(searched, dossier))
        {
            self.worker = None;
            self.waiting = None;
        }
    }

    /// The results of the latest search, if they arrived since the last call (never blocks).
    pub fn poll(&mut self) -> Option<Action> {
        let generation = self.waiting?;
        let results = self.worker.as_ref()?.1.try_recv()?;
        self.waiting = None;
        Some(Action::SearchResults {
            generation,
            results: Box::new(results),
        })
    }
}
