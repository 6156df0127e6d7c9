//! Scanning quotes: the per-quote prefilter built once, the parallel passes, and top-k.
//!
//! A search keeps one `Match` per matching quote: either its exact score, or an upper bound of
//! it. The top `limit` are found by scoring exactly only the quotes whose bound could still
//! reach them (see `Scan::ensure_top`).

use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::BinaryHeap;

use std::borrow::Cow;

use rayon::prelude::*;

use super::fold::fold;
use super::query::{Change, Kind, Query, Term, set_matches, set_score};
use super::score::{MAX_ROWS, MAX_TEXT, bag, has_camel, one_char_bound};
use super::{Field, Hit, Results};
use crate::model::Quote;

/// Quotes handled between two looks at the cancel flag: a few milliseconds of work at most.
const CHUNK: usize = 2048;

const QUOTE_BITS: u32 = 29;
const QUOTE_MASK: u32 = (1 << QUOTE_BITS) - 1;
const EXACT: u32 = 1 << 31;

/// The most quotes a search handles (the top bits of [`Match`] hold the field and a flag).
pub const MAX_QUOTES: usize = 1 << QUOTE_BITS;

/// One quote that matches, as kept between keystrokes: 8 bytes, so that a million of them fit
/// in 8 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    /// Quote index, the field (2 bits) and whether `score` is exact (top bit).
    key: u32,
    /// The exact score, or an upper bound of it.
    score: i32,
}

impl Match {
    fn exact(quote: usize, field: Field, score: i32) -> Self {
        let f = match field {
            Field::Text => 0,
            Field::Speaker => 1,
            Field::Context => 2,
        };
        Self {
            key: quote as u32 | f << QUOTE_BITS | EXACT,
            score,
        }
    }

    fn bound(quote: usize, bound: i32) -> Self {
        Self {
            key: quote as u32,
            score: bound,
        }
    }

    pub fn quote(self) -> usize {
        (self.key & QUOTE_MASK) as usize
    }

    fn is_exact(self) -> bool {
        self.key & EXACT != 0
    }

    fn field(self) -> Field {
        match (self.key >> QUOTE_BITS) & 3 {
            0 => Field::Text,
            1 => Field::Speaker,
            _ => Field::Context,
        }
    }

    fn hit(self) -> Hit {
        Hit {
            quote: self.quote(),
            score: i64::from(self.score),
            field: self.field(),
            positions: Default::default(),
        }
    }

    /// Best first; equal scores in dossier order.
    fn rank(a: &Match, b: &Match) -> std::cmp::Ordering {
        b.score.cmp(&a.score).then(a.quote().cmp(&b.quote()))
    }
}

/// The matches of a query with a group of alternatives, from the matches of the queries of its
/// alternatives (see `Query::alternatives`), `earlier` from alternatives before `later`'s: every
/// quote in either, with the higher score. The group scores its best alternative and the first
/// one on a tie, so a score is known exactly (and with it the field) where the side that wins is
/// exact and beats the other side's bound, or ties it from the earlier side; otherwise the
/// higher of the two is a bound.
pub(crate) fn union(earlier: &[Match], later: &[Match]) -> Vec<Match> {
    let mut out = Vec::with_capacity(earlier.len().max(later.len()));
    let (mut a, mut b) = (earlier.iter().peekable(), later.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => a.next().copied(),
            (None, Some(_)) => b.next().copied(),
            (Some(x), Some(y)) => match x.quote().cmp(&y.quote()) {
                std::cmp::Ordering::Less => a.next().copied(),
                std::cmp::Ordering::Greater => b.next().copied(),
                std::cmp::Ordering::Equal => {
                    let (x, y) = (**x, **y);
                    a.next();
                    b.next();
                    Some(if x.is_exact() && x.score >= y.score {
                        x
                    } else if y.is_exact() && y.score > x.score {
                        y
                    } else {
                        Match::bound(x.quote(), x.score.max(y.score))
                    })
                }
            },
        };
        out.extend(next);
    }
    out
}

/// Which implementation scores a field (both give SkimMatcherV2's ranking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matcher {
    /// [`Pattern::score`]: SkimMatcherV2's score on the cells that can match (the default).
    #[default]
    Sparse,
    /// fuzzy-matcher's `SkimMatcherV2::fuzzy_match` itself, kept to measure against. Its scores
    /// can depend on what the same thread scored before (see `score.rs`), so every match is
    /// scored (no bound pruning) and rankings may vary slightly between runs.
    FuzzyMatcher,
}

/// How a query grew from the one whose matches are narrowed.
#[derive(Clone, Copy)]
enum Growth {
    /// By one char: each quote's bound comes from where that char occurs in it.
    OneChar,
    /// By more: the most that many chars can add, without and with a camelCase hump.
    Chars([i32; 2]),
}

/// How each of an earlier query's matches is checked against the new query, and its new score
/// bounded (see [`Change`]).
#[derive(Clone, Copy)]
enum Plan<'q> {
    /// A fuzzy term of group `set` grew: the old score plus what the new chars can add. Alone
    /// in its group, the term must match; among alternatives, the group must, and its score
    /// may also come from an alternative that did not change (so the bound is never lowered).
    Grown {
        set: usize,
        term: &'q Term,
        growth: Growth,
    },
    /// Group `set` is new (`old: None`) or replaced `old`: the new group is scored, the old one
    /// too, and the difference added to the old bound.
    Swapped { set: usize, old: Option<&'q [Term]> },
    /// Every candidate is scored in full.
    Rescore,
}

/// The fields of a quote in [`Field`] order (index 0, 1, 2 in the per-quote arrays).
const FIELDS: [Field; 3] = [Field::Text, Field::Speaker, Field::Context];

/// What a search for one char needs to know of a quote besides its bags: the first byte of each
/// folded field (`0xFF` where there is none), which tells whether the char can match at the
/// field's first char (where a match earns most), and whether a field is too long for
/// [`Pattern`](super::Pattern)'s own scoring.
#[derive(Clone, Copy)]
struct Head {
    first: [u8; 3],
    long: bool,
}

impl Head {
    fn new(fields: [&str; 3]) -> Self {
        Self {
            first: fields.map(|f| f.as_bytes().first().copied().unwrap_or(0xFF)),
            long: fields.iter().any(|f| f.len() > MAX_TEXT),
        }
    }
}

/// The folded copies of the fields that folding changes (see `fold.rs`), kept so that no
/// keystroke folds a text again: one after the other in one string, in quote order, the order
/// scans read them in. Fields that do not change (ASCII, most non-Latin text) are read from the
/// quotes themselves.
#[derive(Default)]
struct Folded {
    /// Field `f` of quote `i` folded is `text[bounds[3i + f]..bounds[3i + f + 1]]`, or the
    /// field itself where that range is empty (a field that changes is never empty). Empty when
    /// no field of any quote changes.
    bounds: Vec<usize>,
    text: String,
}

impl Folded {
    /// Field `f` (0, 1, 2: see [`FIELDS`]) of quote `i`, folded.
    #[inline]
    fn field<'a>(&'a self, quote: &'a Quote, i: usize, f: usize) -> Option<&'a str> {
        let k = 3 * i + f;
        if let (Some(&start), Some(&end)) = (self.bounds.get(k), self.bounds.get(k + 1))
            && start < end
        {
            return self.text.get(start..end);
        }
        FIELDS[f].text(quote)
    }

    /// Heap bytes held by the folded copies and their bounds.
    fn heap_bytes(&self) -> usize {
        self.bounds.capacity() * std::mem::size_of::<usize>() + self.text.capacity()
    }
}

/// What a pass needs besides the quotes: the parsed (folded) query, and the index if there is
/// one.
struct Scan<'a> {
    quotes: &'a [Quote],
    query: &'a Query,
    bags: Option<&'a [[u64; 3]]>,
    /// For each quote, whether a field has a camelCase hump (see `bound_step`).
    camel: Option<&'a [bool]>,
    heads: Option<&'a [Head]>,
    /// The index's folded fields; without an index, each field is folded when it is read.
    folded: Option<&'a Folded>,
    skim: Option<&'a SkimMatcherV2>,
    /// The bag of each term of the query: a field whose bag holds none of them is not read.
    terms: Vec<u64>,
}

impl<'a> Scan<'a> {
    /// The bags of quote `i`'s fields, where the index has them.
    #[inline]
    fn bags(&self, i: usize) -> Option<&'a [u64]> {
        self.bags.map(|b| &b[i][..])
    }

    /// The fields of quote `i` (see [`FIELDS`]), folded: borrowed from the index, or folded
    /// here without one.
    ///
    /// A field that no term can be in (its bag lacks some bits of every term's) is given as
    /// absent: no term would read it anyway, and reading it is a cache miss or two per field
    /// when a keystroke narrows a few quotes out of many.
    #[inline]
    fn fields(&self, i: usize) -> [Option<Cow<'a, str>>; 3] {
        let quote = &self.quotes[i];
        let bags = self.bags(i);
        [0, 1, 2].map(|f| {
            if let Some(bags) = bags
                && !self.terms.iter().any(|&t| bags[f] & t == t)
            {
                return None;
            }
            match self.folded {
                Some(folded) => folded.field(quote, i, f).map(Cow::Borrowed),
                None => FIELDS[f].text(quote).map(fold),
            }
        })
    }

    /// Bounds are only derived from scores that [`Pattern`](super::Pattern) computed itself.
    fn can_bound(&self) -> bool {
        self.skim.is_none()
    }

    /// Quote `i`'s exact match, in the field its best term scored in.
    fn score(&self, i: usize) -> Option<Match> {
        let fields = self.fields(i);
        let fields = fields.each_ref().map(|f| f.as_deref());
        let (score, best) = self
            .query
            .evaluate(&fields, self.bags(i), self.skim, None)?;
        Some(Match::exact(i, FIELDS[best], score))
    }

    /// Quote `i` for this query, which narrows the query of `parent`: `None` if it no longer
    /// matches, else a bound of its score, or its exact score where no bound is known.
    fn narrow(&self, parent: Match, plan: Plan<'_>) -> Option<Match> {
        let i = parent.quote();
        match plan {
            Plan::Rescore => self.score(i),
            Plan::Grown { set, term, growth } => {
                // Folding never lengthens a text: a quote short enough here is short enough
                // folded. (Exact terms are always scored here, at any length.)
                if term.kind == Kind::Fuzzy
                    && (term.pattern.len() > MAX_ROWS || quote_has_long_field(&self.quotes[i]))
                {
                    return self.score(i);
                }
                let fields = self.fields(i);
                let group = &self.query.sets[set];
                if group.len() > 1 {
                    let texts = fields.each_ref().map(|f| f.as_deref());
                    if !set_matches(group, &texts, self.bags(i)) {
                        return None;
                    }
                    let step = match growth {
                        Growth::OneChar => {
                            let want = term.pattern.bag();
                            let bags = self.bags(i);
                            texts
                                .iter()
                                .enumerate()
                                .filter(|&(f, _)| bags.is_none_or(|b| b[f] & want == want))
                                .filter_map(|(_, text)| term.pattern.last_step_bound((*text)?))
                                .max()
                                .unwrap_or(0)
                                .max(0)
                        }
                        Growth::Chars(growth) => {
                            growth[usize::from(self.camel.is_none_or(|c| c[i]))].max(0)
                        }
                    };
                    return Some(Match::bound(i, parent.score.saturating_add(step)));
                }
                let want = term.pattern.bag();
                let bags = self.bags(i);
                let candidates = fields
                    .iter()
                    .enumerate()
                    .filter(|&(f, _)| bags.is_none_or(|b| b[f] & want == want))
                    .filter_map(|(_, text)| text.as_deref());
                let growth = match growth {
                    Growth::OneChar => {
                        // Bounded by where that char occurs in each field that matches.
                        let step = candidates
                            .filter_map(|text| term.pattern.last_step_bound(text))
                            .max()?;
                        return Some(Match::bound(i, parent.score.saturating_add(step)));
                    }
                    Growth::Chars(growth) => growth,
                };
                let mut candidates = candidates;
                let matches = candidates.any(|text| term.occurs(text));
                let camel = self.camel.is_none_or(|c| c[i]);
                matches.then(|| {
                    Match::bound(i, parent.score.saturating_add(growth[usize::from(camel)]))
                })
            }
            Plan::Swapped { set, old } => {
                let fields = self.fields(i);
                let fields = fields.each_ref().map(|f| f.as_deref());
                let bags = self.bags(i);
                let (new, _) = set_score(&self.query.sets[set], &fields, bags, None, None)?;
                let old = match old {
                    None => 0,
                    // Cannot be None: the quote matched the earlier query. If it were, scoring
                    // in full is still right.
                    Some(old) => match set_score(old, &fields, bags, None, None) {
                        Some((old, _)) => old,
                        None => return self.score(i),
                    },
                };
                let bound = parent.score.saturating_sub(old).saturating_add(new);
                Some(Match::bound(i, bound))
            }
        }
    }

    /// Runs `each` over chunks of `items` in parallel, keeping the order; `None` if
    /// `cancelled` said so before the end.
    fn chunks<T: Sync, U: Send + Copy>(
        items: &[T],
        cancelled: &(dyn Fn() -> bool + Sync),
        each: impl Fn(usize, &[T]) -> Vec<U> + Sync,
    ) -> Option<Vec<U>> {
        let parts: Option<Vec<Vec<U>>> = items
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| (!cancelled()).then(|| each(c * CHUNK, chunk)))
            .collect();
        Some(parts?.concat())
    }

    /// Every quote that matches a query of one char, `c` (a lower-case ASCII letter, a digit or
    /// a space, whose bag bit no other char shares), with a bound of its score, found from the
    /// bags and first bytes alone: no field is read. A quote matches if a field's bag has the
    /// char's bit; it scores the most where the char is a field's first (see
    /// `score::one_char_bound`). Quotes with a field too long for our own scoring are scored.
    fn bound_all(&self, c: u8, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<Match>> {
        let (Some(bags), Some(heads)) = (self.bags, self.heads) else {
            return self.score_all(cancelled);
        };
        let want = bag(std::str::from_utf8(&[c]).unwrap_or_default());
        Self::chunks(&bags[..self.quotes.len()], cancelled, |start, chunk| {
            chunk
                .iter()
                .enumerate()
                .filter_map(|(k, bag)| {
                    let i = start + k;
                    let head = heads[i];
                    if head.long {
                        return self.score(i);
                    }
                    (0..3)
                        .filter(|&f| bag[f] & want == want)
                        .map(|f| one_char_bound(c, head.first[f]))
                        .max()
                        .map(|bound| Match::bound(i, bound))
                })
                .collect()
        })
    }

    /// Every quote's exact match, in quote order.
    fn score_all(&self, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<Match>> {
        Self::chunks(self.quotes, cancelled, |start, chunk| {
            (start..start + chunk.len())
                .filter_map(|i| self.score(i))
                .collect()
        })
    }

    /// The quotes of `parent` (the matches of a query this one narrows, differing by `change`)
    /// that still match.
    fn narrow_all(
        &self,
        parent: &[Match],
        change: Change<'_>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Match>> {
        let plan = match change {
            _ if !self.can_bound() => Plan::Rescore,
            Change::Same => return Some(parent.to_vec()),
            Change::Grown { set, term, from } => {
                let term = &self.query.sets[set][term];
                let growth = if term.kind != Kind::Fuzzy {
                    let growth = term.pattern.exact_growth(from);
                    Growth::Chars([growth, growth])
                } else if from + 1 == term.pattern.len() {
                    Growth::OneChar
                } else {
                    Growth::Chars([
                        term.pattern.bound_growth(from, false),
                        term.pattern.bound_growth(from, true),
                    ])
                };
                Plan::Grown { set, term, growth }
            }
            // A query of one group scores what that group scores: in full, without the old.
            Change::Swapped { .. } if self.query.sets.len() == 1 => Plan::Rescore,
            Change::Swapped { set, old } => Plan::Swapped { set, old },
            Change::Other => Plan::Rescore,
        };
        Self::chunks(parent, cancelled, |_, chunk| {
            chunk.iter().filter_map(|&m| self.narrow(m, plan)).collect()
        })
    }

    /// Makes the best `limit` of `matches` exact and returns them, best first.
    ///
    /// Matches are visited from the highest score or bound down, in batches scored in
    /// parallel, keeping the best `limit` exact scores seen. Once the next bound is below the
    /// `limit`-th best exact score, no match left can make the top: the walk stops.
    fn ensure_top(
        &self,
        matches: &mut [Match],
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let limit = limit.min(matches.len());
        if limit == 0 {
            return Some(Vec::new());
        }
        if matches.iter().all(|m| m.is_exact()) {
            return Some(top(matches, limit));
        }
        let order = by_score_descending(matches);
        // The worst of the best `limit` exact matches seen so far (a max-heap on rank).
        let mut best: BinaryHeap<Ranked> = BinaryHeap::with_capacity(limit + 1);
        let mut at = 0;
        let mut batch = limit.max(64);
        while at < order.len() {
            if cancelled() {
                return None;
            }
            // The order is rank order: once one match cannot beat the worst of the best, none
            // after it can.
            let worst = (best.len() == limit)
                .then(|| best.peek().map(|w| w.0))
                .flatten();
            let hopeless = |m: &Match| worst.is_some_and(|w| Match::rank(m, &w).is_gt());
            if hopeless(&matches[order[at] as usize]) {
                break;
            }
            let end = (at + batch).min(order.len());
            let scored: Vec<Option<Match>> = order[at..end]
                .par_iter()
                .with_min_len(64)
                .map(|&j| {
                    let m = matches[j as usize];
                    if m.is_exact() {
                        Some(m)
                    } else if hopeless(&m) {
                        None
                    } else {
                        // Cannot be None: the quote matched when its bound was recorded.
                        Some(self.score(m.quote()).unwrap_or(m))
                    }
                })
                .collect();
            for (&j, m) in order[at..end].iter().zip(scored) {
                let Some(m) = m else { continue };
                matches[j as usize] = m;
                best.push(Ranked(m));
                if best.len() > limit {
                    best.pop();
                }
            }
            at = end;
            batch = (batch * 2).min(CHUNK);
        }
        Some(top(matches, limit))
    }
}

/// A match ordered by rank, the worst greatest (for a heap of the best few).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Ranked(Match);

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        Match::rank(&self.0, &other.0)
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The indices of `matches` from the highest score or bound down (a counting sort: scores are
/// small integers, so this is linear).
fn by_score_descending(matches: &[Match]) -> Vec<u32> {
    let lo = matches.iter().map(|m| m.score).min().unwrap_or(0);
    let hi = matches.iter().map(|m| m.score).max().unwrap_or(0);
    let span = i64::from(hi) - i64::from(lo);
    // Indices fit in u32: there are at most MAX_QUOTES matches.
    let mut order: Vec<u32> = (0..matches.len() as u32).collect();
    if span > 1 << 16 {
        order.sort_unstable_by_key(|&i| std::cmp::Reverse(matches[i as usize].score));
        return order;
    }
    let bucket = |m: &Match| (hi - m.score) as usize;
    let mut starts = vec![0u32; span as usize + 2];
    for m in matches {
        starts[bucket(m) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    for (i, m) in matches.iter().enumerate() {
        let slot = &mut starts[bucket(m)];
        order[*slot as usize] = i as u32;
        *slot += 1;
    }
    order
}

/// True if a field may be too long for [`Pattern`]'s own scoring (fuzzy-matcher scores it).
fn quote_has_long_field(quote: &Quote) -> bool {
    quote.text.len() > MAX_TEXT
        || quote.speaker.len() > MAX_TEXT
        || quote.context.as_ref().is_some_and(|c| c.len() > MAX_TEXT)
}

/// The best `limit` of `matches` whose scores are exact, best first; equal scores keep dossier
/// order. Every match that could make the top must already be exact.
fn top(matches: &[Match], limit: usize) -> Vec<Hit> {
    let mut best: Vec<Match> = matches.iter().copied().filter(|m| m.is_exact()).collect();
    if limit < best.len() {
        if limit == 0 {
            return Vec::new();
        }
        best.select_nth_unstable_by(limit - 1, Match::rank);
        best.truncate(limit);
    }
    // Quote indices are unique, so the order is total and an unstable sort is deterministic.
    best.sort_unstable_by(Match::rank);
    best.into_iter().map(Match::hit).collect()
}

/// The index of a run of quotes, built in parallel before the runs are put end to end.
#[derive(Default)]
struct Part {
    bags: Vec<[u64; 3]>,
    camel: Vec<bool>,
    heads: Vec<Head>,
    /// The folded fields that differ from the quotes' own, one after the other.
    folded: String,
    /// For each field, where it ends in `folded` (where it starts, if it did not change).
    ends: Vec<usize>,
}

impl Part {
    fn new(quotes: &[Quote]) -> Self {
        let mut part = Part::default();
        for q in quotes {
            let folded = FIELDS.map(|f| f.text(q).map(fold));
            let text = |f: usize| folded[f].as_deref().unwrap_or("");
            part.bags.push([bag(text(0)), bag(text(1)), bag(text(2))]);
            part.camel
                .push(has_camel(text(0)) || has_camel(text(1)) || has_camel(text(2)));
            part.heads.push(Head::new([text(0), text(1), text(2)]));
            for field in &folded {
                if let Some(Cow::Owned(t)) = field {
                    part.folded.push_str(t);
                }
                part.ends.push(part.folded.len());
            }
        }
        part
    }
}

/// Per-quote data computed once so that each keystroke only scores quotes that can match.
pub struct SearchIndex {
    /// For each quote, the [`bag`] of its folded text, speaker and context.
    bags: Vec<[u64; 3]>,
    /// For each quote, whether a folded field has a camelCase hump.
    camel: Vec<bool>,
    heads: Vec<Head>,
    folded: Folded,
    skim: Option<SkimMatcherV2>,
}

impl SearchIndex {
    /// Builds the index of `quotes` (in parallel; a pass over their text).
    pub fn new(quotes: &[Quote]) -> Self {
        let parts: Vec<Part> = quotes.par_chunks(CHUNK).map(Part::new).collect();
        let mut bags = Vec::with_capacity(quotes.len());
        let mut camel = Vec::with_capacity(quotes.len());
        let mut heads = Vec::with_capacity(quotes.len());
        let mut folded = Folded::default();
        let size: usize = parts.iter().map(|p| p.folded.len()).sum();
        // Bounds only if some field changes: an all-ASCII dossier pays nothing for folding.
        if size > 0 {
            folded.text.reserve_exact(size);
            folded.bounds.reserve_exact(3 * quotes.len() + 1);
            folded.bounds.push(0);
        }
        for part in parts {
            bags.extend(part.bags);
            camel.extend(part.camel);
            heads.extend(part.heads);
            if size > 0 {
                let base = folded.text.len();
                folded.text.push_str(&part.folded);
                folded.bounds.extend(part.ends.iter().map(|e| base + e));
            }
        }
        Self {
            bags,
            camel,
            heads,
            folded,
            skim: None,
        }
    }

    /// Heap bytes the index holds for folded copies of fields (0 when folding changes none).
    pub fn folded_bytes(&self) -> usize {
        self.folded.heap_bytes()
    }

    /// The same index, scoring with `matcher` (to measure one against the other).
    pub fn with_matcher(mut self, matcher: Matcher) -> Self {
        self.skim = match matcher {
            Matcher::Sparse => None,
            Matcher::FuzzyMatcher => Some(SkimMatcherV2::default().smart_case()),
        };
        self
    }

    /// How many quotes the index was built for.
    pub fn len(&self) -> usize {
        self.bags.len()
    }

    /// True if it was built for no quotes.
    pub fn is_empty(&self) -> bool {
        self.bags.is_empty()
    }

    /// The best `limit` quotes for `query` (without positions: see [`SearchIndex::positions`]),
    /// and how many match in all. `quotes` must be the quotes the index was built from.
    pub fn search(&self, quotes: &[Quote], query: &str, limit: usize) -> Results {
        let never = || false;
        let parsed = Query::parse(query);
        // Cannot be None: `never` never cancels.
        let mut matches = self.fresh(quotes, &parsed, &never).unwrap_or_default();
        let hits = self
            .top(quotes, &parsed, &mut matches, limit, &never)
            .unwrap_or_default();
        Results {
            query: query.to_string(),
            generation: 0,
            hits,
            total: matches.len(),
        }
    }

    /// The char indices to highlight in each field of `hit`'s quote for `query` (see
    /// [`Hit::positions`]): where each term matched, in the original fields.
    pub fn positions(&self, quotes: &[Quote], hit: &Hit, query: &str) -> [Vec<usize>; 3] {
        self.indices(quotes, hit, &Query::parse(query))
    }

    /// The char indices `query` matched in each folded field of `hit`'s quote.
    pub(crate) fn indices(&self, quotes: &[Quote], hit: &Hit, query: &Query) -> [Vec<usize>; 3] {
        if hit.quote >= quotes.len() {
            return Default::default();
        }
        let scan = self.scan(quotes, query);
        positions(query, &scan.fields(hit.quote), scan.bags(hit.quote))
    }

    fn scan<'a>(&'a self, quotes: &'a [Quote], query: &'a Query) -> Scan<'a> {
        // An index built for other quotes would filter wrongly: scan without it instead.
        let indexed = self.bags.len() == quotes.len();
        Scan {
            quotes: &quotes[..quotes.len().min(MAX_QUOTES)],
            query,
            bags: indexed.then_some(self.bags.as_slice()),
            camel: indexed.then_some(self.camel.as_slice()),
            heads: indexed.then_some(self.heads.as_slice()),
            folded: indexed.then_some(&self.folded),
            skim: self.skim.as_ref(),
            terms: query.bags(),
        }
    }

    /// Every quote matching `query`, scored exactly, in quote order; `None` if cancelled.
    pub(crate) fn fresh(
        &self,
        quotes: &[Quote],
        query: &Query,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Match>> {
        if query.is_empty() {
            return Some(Vec::new());
        }
        let scan = self.scan(quotes, query);
        match query.one_char() {
            Some(c) if scan.can_bound() => scan.bound_all(c, cancelled),
            _ => scan.score_all(cancelled),
        }
    }

    /// The quotes of `parent` (the matches of an earlier query that `query` narrows, the two
    /// differing by `change`) that match `query`, their scores bounded where they can be, not
    /// computed; `None` if cancelled.
    pub(crate) fn narrow(
        &self,
        quotes: &[Quote],
        query: &Query,
        change: Change<'_>,
        parent: &[Match],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Match>> {
        self.scan(quotes, query)
            .narrow_all(parent, change, cancelled)
    }

    /// The best `limit` of `matches` (the matches of `query`), scoring what it must; `None`
    /// if cancelled (what was scored stays valid).
    pub(crate) fn top(
        &self,
        quotes: &[Quote],
        query: &Query,
        matches: &mut [Match],
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        self.scan(quotes, query)
            .ensure_top(matches, limit, cancelled)
    }
}

/// The char indices `query` matched in each of a quote's folded `fields`.
pub(crate) fn positions(
    query: &Query,
    fields: &[Option<Cow<'_, str>>; 3],
    bags: Option<&[u64]>,
) -> [Vec<usize>; 3] {
    let fields = fields.each_ref().map(|f| f.as_deref());
    let mut positions: [Vec<usize>; 3] = Default::default();
    // A hit always matches its query; if it did not, nothing is highlighted.
    let _ = query.evaluate(&fields, bags, None, Some(&mut positions));
    positions
}

/// The best `limit` quotes for `query` among all `quotes`, with their positions, without an
/// index (for one search over quotes that will not be searched again), and how many match.
pub(crate) fn search_once(quotes: &[Quote], query: &Query, limit: usize) -> (Vec<Hit>, usize) {
    if query.is_empty() {
        return (Vec::new(), 0);
    }
    let never = || false;
    let scan = Scan {
        quotes: &quotes[..quotes.len().min(MAX_QUOTES)],
        query,
        bags: None,
        camel: None,
        heads: None,
        folded: None,
        skim: None,
        terms: query.bags(),
    };
    // Cannot be None: `never` never cancels.
    let matches = scan.score_all(&never).unwrap_or_default();
    let mut hits = top(&matches, limit);
    hits.par_iter_mut().with_min_len(64).for_each(|hit| {
        hit.positions = positions(query, &scan.fields(hit.quote), None);
    });
    (hits, matches.len())
}
