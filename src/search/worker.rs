//! Searching off the UI thread: the UI sends each query and polls for results every frame.
//!
//! Every query gets a generation number, stored in an atomic shared with the worker. A search
//! whose generation is no longer the latest stops at its next look at the atomic (every couple
//! of thousand quotes) and sends nothing. Queries that arrive while the worker is busy are not
//! queued: the worker only ever starts the newest one.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::Results;
use super::index::{Matcher, SearchIndex};
use super::session::Session;
use crate::model::Quote;

struct Request {
    generation: u64,
    query: String,
    limit: usize,
}

/// A search worker thread over one set of quotes.
pub struct Searcher {
    requests: Option<Sender<Request>>,
    results: Receiver<Results>,
    latest: Arc<AtomicU64>,
    worker: Option<JoinHandle<()>>,
}

impl Searcher {
    /// Starts a worker over `quotes` (an `Arc<[Quote]>`, `Arc<Vec<Quote>>`, or anything shared
    /// that holds them); it builds its index before the first search.
    pub fn new<Q>(quotes: Arc<Q>) -> Self
    where
        Q: AsRef<[Quote]> + Send + Sync + ?Sized + 'static,
    {
        Self::with_matcher(quotes, Matcher::default())
    }

    /// Starts a worker that scores with `matcher` (to measure one against the other).
    pub fn with_matcher<Q>(quotes: Arc<Q>, matcher: Matcher) -> Self
    where
        Q: AsRef<[Quote]> + Send + Sync + ?Sized + 'static,
    {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, results) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&latest);
        let worker = std::thread::Builder::new()
            .name("quote-search".into())
            .spawn(move || {
                let quotes: &[Quote] = (*quotes).as_ref();
                let index = SearchIndex::new(quotes).with_matcher(matcher);
                let mut session = Session::new(quotes.len());
                // Ends when the Searcher (the only sender) is dropped.
                while let Ok(mut request) = inbox.recv() {
                    // Skip to the newest query: the ones in between are already stale.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    let generation = request.generation;
                    let stale = || shared.load(Ordering::Relaxed) != generation;
                    if stale() {
                        continue;
                    }
                    let Some(mut results) =
                        session.search(&index, quotes, &request.query, request.limit, &stale)
                    else {
                        continue;
                    };
                    // Positions only for the hits that will be shown.
                    let query = super::Query::parse(&request.query);
                    for hit in &mut results.hits {
                        hit.positions = index.indices(quotes, hit, &query);
                    }
                    results.generation = generation;
                    if !stale() && outbox.send(results).is_err() {
                        break;
                    }
                }
            })
            .ok();
        Self {
            requests: Some(requests),
            results,
            latest,
            worker,
        }
    }

    /// Starts searching for `query` (the best `limit` hits, with positions), abandoning any
    /// search still running. Returns the generation its [`Results`] will carry.
    pub fn search(&self, query: &str, limit: usize) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(requests) = &self.requests {
            // A send only fails if the worker is gone; then no results ever come, which the
            // caller sees as a search that never finishes rather than a crash.
            let _ = requests.send(Request {
                generation,
                query: query.to_string(),
                limit,
            });
        }
        generation
    }

    /// The results of the latest query if they arrived since the last call (never blocks; call
    /// it once per frame). Results of abandoned queries are never returned.
    pub fn try_recv(&self) -> Option<Results> {
        let latest = self.latest.load(Ordering::Relaxed);
        self.results
            .try_iter()
            .filter(|r| r.generation == latest)
            .last()
    }

    /// Waits up to `timeout` for the results of the latest query (for scripts, tests, benches).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Results> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.results.recv_timeout(left) {
                Ok(r) if r.generation == self.latest.load(Ordering::Relaxed) => return Some(r),
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        // Make any running search stale so that it stops, then let the worker see the channel
        // close and end.
        self.latest.fetch_add(1, Ordering::Relaxed);
        self.requests.take();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
