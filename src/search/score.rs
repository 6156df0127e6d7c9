//! The score of a query against one field: SkimMatcherV2's score, computed without its costs.
//!
//! fuzzy-matcher's `SkimMatcherV2` fills a dense (pattern × text) matrix of 20-byte cells for every
//! field it scores, after copying the text into a `Vec<char>`; it costs 2-5 µs on a 200-character
//! quote. Its compressed mode (`fuzzy_match`) also reads bonus values left in its thread-local
//! cache by earlier calls, so the same text and query can score differently depending on what was
//! scored before on that thread, and `use_cache(false)` panics ("RefCell already borrowed").
//!
//! [`Pattern::score`] computes the same recurrence on the cells that can hold a match only: one
//! pass over the text collects where each query character occurs (and where the greedy
//! left-to-right match makes an occurrence reachable), then each row of the recurrence walks two
//! sorted occurrence lists. The result equals `SkimMatcherV2::fuzzy_indices` from a fresh matcher
//! for every text and query (see the tests), and does not depend on history.

use std::cell::RefCell;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

// SkimMatcherV2's default score configuration (fuzzy-matcher 0.3.7, `SkimScoreConfig::default`).
const SCORE_MATCH: i32 = 16;
const PENALTY_CASE_MISMATCH: i32 = -2;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
// The gap arithmetic in `Pattern::best` relies on a gap extension of exactly -1.
const _: () = assert!(GAP_EXTENSION == -1);

/// The longest query scored here; longer ones (pasted paragraphs) go to fuzzy-matcher itself.
pub(crate) const MAX_ROWS: usize = 64;
/// The longest text scored here (in bytes). Beyond it SkimMatcherV2's "minus infinity" sentinel
/// (-32768) could come close to real scores, and only fuzzy-matcher itself reproduces that.
pub(crate) const MAX_TEXT: usize = 16_000;

/// The most that appending `next` to a query ending in `prev` can add to a field's score (see
/// the tests). The new char's match either follows a gap, which costs at least as much as its
/// in-place bonus (at most `BONUS_HEAD`) beyond `BONUS_CONSECUTIVE`, or continues a run from a
/// match of `prev`. Where `prev` is a letter or digit, that run stays inside a word: it earns
/// `BONUS_CONSECUTIVE`, or `BONUS_CAMEL` at a lower-to-upper hump (only in fields that have
/// one: `camel`). After a separator the next char can start a word: `BONUS_HEAD`.
pub(crate) fn bound_step(prev: char, next: char, camel: bool) -> i32 {
    let in_word = matches!(class(prev), UPPER | LOWER | NUMBER) && prev != '\0';
    if !in_word {
        SCORE_MATCH + BONUS_HEAD
    } else if camel && next.is_ascii_alphabetic() {
        SCORE_MATCH + BONUS_CAMEL
    } else {
        SCORE_MATCH + BONUS_CONSECUTIVE
    }
}

/// The most a query of one char `c` (lower case, a digit or a space) can score in a field that
/// holds it and whose first byte is `head`: a match at the first char doubles its bonus (less
/// the case penalty for a capital there); anywhere else it earns at most `BONUS_HEAD`.
pub(crate) fn one_char_bound(c: u8, head: u8) -> i32 {
    if head.to_ascii_lowercase() == c {
        let case = if head.is_ascii_uppercase() {
            PENALTY_CASE_MISMATCH
        } else {
            0
        };
        SCORE_MATCH + case + BONUS_HEAD * BONUS_FIRST_CHAR_MULTIPLIER + GAP_EXTENSION
    } else {
        SCORE_MATCH + BONUS_HEAD + GAP_EXTENSION
    }
}

/// True if `text` has a camelCase hump (a capital right after a lower-case letter or a digit),
/// where a run of matches can earn more than inside a word (see [`bound_step`]).
pub fn has_camel(text: &str) -> bool {
    let mut prev = EMPTY;
    for &b in text.as_bytes() {
        let cur = if b < 0x80 {
            CLASS[usize::from(b)]
        } else {
            LOWER
        };
        if cur == UPPER && matches!(prev, LOWER | NUMBER) {
            return true;
        }
        // Continuation bytes are "lower" too: they follow a non-ASCII (lower) lead byte.
        prev = cur;
    }
    false
}

/// SkimMatcherV2's character classes, which decide the bonus a matched character earns:
/// start of text, upper, lower (and every non-ASCII character), digit, hard and soft separator.
const EMPTY: u8 = 0;
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const NUMBER: u8 = 3;
const HARD_SEP: u8 = 4;
const SOFT_SEP: u8 = 5;

const fn class_of(b: u8) -> u8 {
    match b {
        0 => EMPTY,
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => HARD_SEP,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => SOFT_SEP,
        b'0'..=b'9' => NUMBER,
        b'A'..=b'Z' => UPPER,
        _ => LOWER,
    }
}

/// The class of each ASCII byte.
static CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = class_of(b as u8);
        b += 1;
    }
    t
};

/// The bonus for matching a character of class `cur` after one of class `prev`: `BONUS[prev][cur]`.
static BONUS: [[i32; 6]; 6] = {
    let mut t = [[0i32; 6]; 6];
    let mut prev = 0;
    while prev < 6 {
        let mut cur = 0;
        while cur < 6 {
            t[prev][cur] = match (prev as u8, cur as u8) {
                (EMPTY | HARD_SEP, _) => BONUS_HEAD,
                (SOFT_SEP, _) => BONUS_BREAK,
                (LOWER | NUMBER, UPPER) => BONUS_CAMEL,
                _ => 0,
            };
            cur += 1;
        }
        prev += 1;
    }
    t
};

#[inline]
fn class(c: char) -> u8 {
    if c.is_ascii() {
        CLASS[c as usize]
    } else {
        LOWER
    }
}

/// SkimMatcherV2's smart case: a query with an ASCII capital is matched case-sensitively.
pub fn is_case_sensitive(query: &str) -> bool {
    query.bytes().any(|b| b.is_ascii_uppercase())
}

/// The bag bit of each ASCII byte (see [`bag`]).
static BAG_ASCII: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let bit = match c {
            b'a'..=b'z' => c - b'a',
            b'A'..=b'Z' => c - b'A',
            b'0'..=b'9' => 26 + c - b'0',
            b' ' => 36,
            _ => 37 + c % 7,
        };
        t[b] = 1 << bit;
        b += 1;
    }
    t
};

/// The bag bit of a non-ASCII character, from its first two UTF-8 bytes.
#[inline]
fn bag_bit_other(lead: u8, next: u8) -> u64 {
    1 << (44 + (lead.wrapping_mul(31) ^ next) % 20)
}

/// The 64-bit "bag" of a text: one bit per kind of character it contains. A field can only
/// match a query whose bits it all has. ASCII letters share a bit with their other case (the
/// matcher folds ASCII case only); other characters hash their first two UTF-8 bytes into the
/// bits the letters, digits and ASCII punctuation leave over.
pub fn bag(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut bag = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x80 {
            bag |= BAG_ASCII[usize::from(b)];
        } else if b >= 0xC0 {
            // A lead byte is always followed by a continuation byte in valid UTF-8.
            bag |= bag_bit_other(b, bytes.get(i + 1).copied().unwrap_or(0));
        }
    }
    bag
}

/// One place in a text where a query character matches.
#[derive(Clone, Copy)]
struct Occurrence {
    /// Char index in the text.
    pos: u32,
    /// Match score plus the in-place bonus (what a match here earns before gaps and runs).
    gain: i16,
    /// The in-place bonus alone (a run of matches earns at least `BONUS_CONSECUTIVE`).
    bonus: i16,
}

/// Reused per thread: scoring allocates nothing once these have grown.
#[derive(Default)]
struct Scratch {
    /// For each query char, the byte offset of its latest occurrence that still leaves room
    /// for the rest of the query after it.
    last: Vec<usize>,
    rows: Vec<Vec<Occurrence>>,
    prev: Vec<(u32, i32)>,
    cur: Vec<(u32, i32)>,
    /// For positions: every row's cells, with where each came from.
    path: Vec<Vec<Step>>,
}

/// A cell of the recurrence kept for tracing the best match back (see [`Pattern::indices`]).
#[derive(Clone, Copy)]
struct Step {
    pos: u32,
    score: i32,
    /// The index of the cell in the previous row this one continues.
    from: u32,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    /// A field in lower case (ASCII), searched for an exact term that ignores case.
    static LOWERED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// One query character, as searched for in bytes.
#[derive(Clone, Copy)]
enum Needle {
    /// An ASCII character and its other case (the same byte twice when case matters).
    Ascii(u8, u8),
    /// Any other character: matched exactly.
    Other(char),
}

impl Needle {
    /// The byte offset of its first occurrence in `text`.
    #[inline]
    fn find(self, text: &str) -> Option<usize> {
        match self {
            Needle::Ascii(a, b) if a == b => memchr::memchr(a, text.as_bytes()),
            Needle::Ascii(a, b) => memchr::memchr2(a, b, text.as_bytes()),
            Needle::Other(c) => text.find(c),
        }
    }

    /// The byte offset of its last occurrence in `text`.
    #[inline]
    fn rfind(self, text: &str) -> Option<usize> {
        match self {
            Needle::Ascii(a, b) if a == b => memchr::memrchr(a, text.as_bytes()),
            Needle::Ascii(a, b) => memchr::memrchr2(a, b, text.as_bytes()),
            Needle::Other(c) => text.rfind(c),
        }
    }

    fn len_utf8(self) -> usize {
        match self {
            Needle::Ascii(..) => 1,
            Needle::Other(c) => c.len_utf8(),
        }
    }
}

/// How many chars the UTF-8 `bytes` hold (the bytes that are not continuation bytes).
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The class of the char that ends right before byte `offset` of `text`.
#[inline]
fn class_before(bytes: &[u8], offset: usize) -> u8 {
    match offset.checked_sub(1).map(|i| bytes[i]) {
        None => EMPTY,
        Some(b) if b < 0x80 => CLASS[usize::from(b)],
        // The last byte of a multi-byte character: every non-ASCII character is "lower".
        Some(_) => LOWER,
    }
}

/// The class of every byte: bytes of non-ASCII chars are "lower", like the chars.
static CLASS_BYTE: [u8; 256] = {
    let mut t = [LOWER; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = CLASS[b];
        b += 1;
    }
    t
};

/// A byte that matches some query chars, as found by the first pass of [`Pattern::collect`].
#[derive(Clone, Copy, Default)]
struct Found {
    offset: u32,
    pos: u32,
    mask: u64,
    cur: u8,
    prev: u8,
    upper: bool,
}

thread_local! {
    static FOUND: RefCell<Vec<Found>> = const { RefCell::new(Vec::new()) };
}

/// This thread's candidate buffer, with room for `n` bytes (and the one written past the end).
fn scratch_found(n: usize) -> Vec<Found> {
    let mut found = FOUND.with(|cell| cell.take());
    if found.len() < n + 1 {
        found.resize(n + 1, Found::default());
    }
    found
}

/// The state of one pass of [`Pattern::collect`] over a text.
struct Recorder<'a> {
    rows: &'a mut [Vec<Occurrence>],
    last: &'a [usize],
    n: usize,
    full: u64,
    /// The query char the left-to-right greedy match looks for next.
    next: usize,
    /// Rows `0..=next`: later ones cannot be reached yet.
    reachable: u64,
    /// Rows whose window has closed (`last` grows with the row, so they are a prefix).
    closed: usize,
    case_sensitive: bool,
}

impl Recorder<'_> {
    /// Records a char at byte `offset`, char `pos`, that matches the query chars in `mask`.
    #[inline(always)]
    fn record(&mut self, offset: usize, pos: u32, mask: u64, upper: bool, cur: u8, prev: u8) {
        while self.closed < self.n && offset > self.last[self.closed] {
            self.closed += 1;
        }
        let open = if self.closed >= 64 {
            0
        } else {
            u64::MAX << self.closed
        };
        let mut bits = mask & self.reachable & open;
        if bits != 0 {
            let mut bonus = BONUS[usize::from(prev)][usize::from(cur)];
            if pos == 0 {
                bonus *= BONUS_FIRST_CHAR_MULTIPLIER;
            }
            let score = if upper && !self.case_sensitive {
                SCORE_MATCH + PENALTY_CASE_MISMATCH
            } else {
                SCORE_MATCH
            };
            let occ = Occurrence {
                pos,
                gain: (score + bonus) as i16,
                bonus: bonus as i16,
            };
            while bits != 0 {
                let row = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                self.rows[row].push(occ);
            }
        }
        if self.next < self.n && mask & (1 << self.next) != 0 {
            self.next += 1;
            self.reachable = (self.reachable << 1 | 1) & self.full;
        }
    }
}

/// The most each char of `query` can earn in an exact match that does not start at a text's first
/// char (see [`Pattern::run_score`]): the query itself (lower case, unless case matters) right
/// after a blank. A text char differs from the query's only in ASCII case, and a capital never
/// earns more: it loses `PENALTY_CASE_MISMATCH` and gains at most that back as a camelCase hump
/// (`BONUS_CAMEL` instead of `BONUS_CONSECUTIVE`). The first char earns at most `BONUS_HEAD`,
/// after a blank.
fn run_steps(query: &str, case_sensitive: bool) -> Vec<i32> {
    let mut prev = HARD_SEP;
    let mut steps = Vec::new();
    for (i, c) in query.chars().enumerate() {
        let c = if case_sensitive {
            c
        } else {
            c.to_ascii_lowercase()
        };
        let cur = class(c);
        let bonus = BONUS[usize::from(prev)][usize::from(cur)];
        steps.push(if i == 0 {
            SCORE_MATCH + bonus + GAP_EXTENSION
        } else {
            SCORE_MATCH + bonus.max(BONUS_CONSECUTIVE)
        });
        prev = cur;
    }
    steps
}

/// A query compiled for scoring many fields, exactly as SkimMatcherV2 scores the strings given
/// (the search folds accents in both the query and the fields before they get here).
#[derive(Clone)]
pub struct Pattern {
    query: String,
    needles: Vec<Needle>,
    case_sensitive: bool,
    bag: u64,
    /// For each ASCII byte, the query positions (bits) it matches.
    ascii_rows: [u64; 256],
    /// Non-ASCII query characters and the query positions (bits) each matches.
    other_rows: Vec<(char, u64)>,
    /// The most the last char can add to any text's score (see [`bound_step`]).
    last_static_step: i32,
    /// What each char earns, at most, in an exact match (see [`Pattern::exact_growth`]).
    run_steps: Vec<i32>,
    /// Finds the query as an exact term: its bytes, ASCII letters in lower case unless case
    /// matters (then the text is searched lowered too, see [`Pattern::exact_scan`]).
    finder: memmem::Finder<'static>,
}

impl Pattern {
    /// Compiles `query` (used as typed: spaces are characters to match, like in fuzzy-matcher).
    pub fn new(query: &str) -> Self {
        let case_sensitive = is_case_sensitive(query);
        let mut ascii_rows = [0u64; 256];
        let mut other_rows: Vec<(char, u64)> = Vec::new();
        let mut needles = Vec::new();
        for (i, c) in query.chars().enumerate() {
            let bit = if i < MAX_ROWS { 1u64 << i } else { 0 };
            if c.is_ascii() {
                let (lo, up) = if case_sensitive {
                    (c as u8, c as u8)
                } else {
                    (c.to_ascii_lowercase() as u8, c.to_ascii_uppercase() as u8)
                };
                ascii_rows[usize::from(lo)] |= bit;
                ascii_rows[usize::from(up)] |= bit;
                needles.push(Needle::Ascii(lo, up));
            } else {
                match other_rows.iter_mut().find(|(o, _)| *o == c) {
                    Some(entry) => entry.1 |= bit,
                    None => other_rows.push((c, bit)),
                }
                needles.push(Needle::Other(c));
            }
        }
        let mut tail = query.chars().rev();
        let last_static_step = match (tail.next(), tail.next()) {
            (Some(last), Some(before)) => bound_step(before, last, true),
            _ => SCORE_MATCH + BONUS_HEAD,
        };
        Self {
            query: query.to_string(),
            needles,
            case_sensitive,
            bag: bag(query),
            ascii_rows,
            other_rows,
            last_static_step,
            run_steps: run_steps(query, case_sensitive),
            finder: if case_sensitive {
                memmem::Finder::new(query.as_bytes()).into_owned()
            } else {
                memmem::Finder::new(query.to_ascii_lowercase().as_bytes()).into_owned()
            },
        }
    }

    /// The query as given.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The bag of the query: a field whose [`bag`] lacks any of these bits cannot match.
    pub fn bag(&self) -> u64 {
        self.bag
    }

    /// True if the query has no characters.
    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// True if the query has an ASCII capital (after folding): then case matters (smart case).
    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// How many characters the query has.
    pub fn len(&self) -> usize {
        self.needles.len()
    }

    /// How much the score of a field can grow from the query's first `from` chars to all of
    /// them (`camel`: the field has a camelCase hump).
    pub(crate) fn bound_growth(&self, from: usize, camel: bool) -> i32 {
        let chars: Vec<char> = self.query.chars().collect();
        (from.max(1)..chars.len())
            .map(|i| bound_step(chars[i - 1], chars[i], camel))
            .sum()
    }

    /// True if the query is empty or only blanks: it matches nothing (nothing to rank by).
    pub fn is_blank(&self) -> bool {
        self.query.trim().is_empty()
    }

    /// True if `text` contains the query's characters in order (SkimMatcherV2 matches it).
    pub fn matches(&self, text: &str) -> bool {
        self.first_match(text).is_some()
    }

    /// The byte offset where the greedy left-to-right match starts; `None` if there is no match.
    #[inline]
    fn first_match(&self, text: &str) -> Option<usize> {
        let (first, rest) = self.needles.split_first()?;
        let start = first.find(text)?;
        let mut at = start + first.len_utf8();
        for needle in rest {
            at += needle.find(&text[at..])? + needle.len_utf8();
        }
        Some(start)
    }

    /// For a text that matches this query, how much more it can score than it does for the query
    /// without its last char (an upper bound, exact per place the last char occurs); `None` if it
    /// does not match.
    ///
    /// A match of the last char at `q` earns its match score plus either a run bonus, if the
    /// previous query char sits right before it (`max(in-place, BONUS_CONSECUTIVE)`), or its
    /// in-place bonus after a gap from a match of the previous query char, which costs
    /// `-GAP_START - g * GAP_EXTENSION` for `g` skipped chars (the nearest such match gives the
    /// smallest `g`). Everything before it scores at most what the shorter query scores.
    pub(crate) fn last_step_bound(&self, text: &str) -> Option<i32> {
        let n = self.needles.len();
        if !(2..=MAX_ROWS).contains(&n) || text.len() > MAX_TEXT {
            return None;
        }
        // The greedy match: where the last two query chars can first be.
        let (first, rest) = self.needles.split_first()?;
        let mut at = first.find(text)? + first.len_utf8();
        let mut greedy = [at - first.len_utf8(); 2];
        for needle in rest {
            let found = at + needle.find(&text[at..])?;
            greedy = [greedy[1], found];
            at = found + needle.len_utf8();
        }
        let bytes = text.as_bytes();
        let before = self.needles[n - 2];
        let last = self.needles[n - 1];
        // No place can beat the bound that holds for any text (see `bound_step`).
        let ceiling = self.last_static_step;
        // The nearest match of the previous query char that leaves a gap before `q`.
        let mut next_before = Some(greedy[0]);
        let mut nearest: Option<usize> = None;
        let mut best = i32::MIN;
        let mut q = greedy[1];
        loop {
            let c = text[q..].chars().next().unwrap_or('\0');
            let bonus = BONUS[usize::from(class_before(bytes, q))][usize::from(class(c))];
            let score = self.match_score(c);
            let run = match before {
                Needle::Ascii(a, b) => bytes[q - 1] == a || bytes[q - 1] == b,
                Needle::Other(p) => text[..q].ends_with(p),
            };
            if run {
                best = best.max(score + bonus.max(BONUS_CONSECUTIVE));
            } else if score + bonus + GAP_START + GAP_EXTENSION > best {
                // After a gap of at least one char: only worth measuring the gap if even the
                // shortest one would beat the best so far.
                let prev_start = text[..q].char_indices().next_back().map_or(0, |(i, _)| i);
                while let Some(k) = next_before.filter(|&k| k + before.len_utf8() <= prev_start) {
                    nearest = Some(k);
                    let after = k + before.len_utf8();
                    next_before = before.find(&text[after..]).map(|i| after + i);
                }
                if let Some(k) = nearest {
                    let gap = count_chars(&bytes[k + before.len_utf8()..q]) as i32;
                    best = best.max(score + bonus + GAP_START + gap * GAP_EXTENSION);
                }
            }
            if best >= ceiling {
                return Some(best);
            }
            let next = q + c.len_utf8();
            match last.find(&text[next..]) {
                Some(i) => q = next + i,
                None => return Some(best),
            }
        }
    }

    /// The byte offsets where the greedy left-to-right match starts and where the query's last
    /// character last occurs; `None` if there is no match.
    #[inline]
    fn greedy(&self, text: &str) -> Option<(usize, usize)> {
        let start = self.first_match(text)?;
        let last = self.needles[self.needles.len() - 1];
        // Cannot be None: the greedy match found this character.
        let end = last.rfind(text)? + last.len_utf8();
        Some((start, end))
    }

    /// The score SkimMatcherV2 gives `text` for this query, or `None` if the query's characters do
    /// not all occur in `text` in order.
    pub fn score(&self, text: &str) -> Option<i32> {
        let rows = self.needles.len();
        if rows == 0 {
            return Some(0);
        }
        if rows > MAX_ROWS || text.len() > MAX_TEXT {
            return fallback_score(text, &self.query);
        }
        let (start, end) = self.greedy(text)?;
        if rows == 1 {
            return Some(self.one_char(text, start));
        }
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            self.latest(text, &mut scratch.last);
            self.collect(text, start, end, &scratch.last, &mut scratch.rows);
            Some(self.best(scratch))
        })
    }

    /// Fills `last` with the byte offset of each query char's latest occurrence that leaves room
    /// for the rest of the query (a right-to-left greedy match). Only called after a successful
    /// left-to-right match, so every char is found.
    fn latest(&self, text: &str, last: &mut Vec<usize>) {
        let n = self.needles.len();
        last.clear();
        last.resize(n, 0);
        let mut end = text.len();
        for i in (0..n).rev() {
            // Cannot fail after a successful greedy match; 0 keeps the window safe regardless.
            end = self.needles[i].rfind(&text[..end]).unwrap_or(0);
            last[i] = end;
        }
    }

    /// The score and the char positions SkimMatcherV2's `fuzzy_indices` gives `text` for this
    /// query, or `None` if it does not match.
    pub fn indices(&self, text: &str) -> Option<(i32, Vec<usize>)> {
        let rows = self.needles.len();
        if rows == 0 {
            return Some((0, Vec::new()));
        }
        if rows > MAX_ROWS || text.len() > MAX_TEXT {
            return fallback_indices(text, &self.query);
        }
        let (start, end) = self.greedy(text)?;
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            self.latest(text, &mut scratch.last);
            self.collect(text, start, end, &scratch.last, &mut scratch.rows);
            Some(self.trace(scratch))
        })
    }

    /// The score of a one-character query whose first occurrence is at byte `start`: the best
    /// single match, found without the recurrence.
    fn one_char(&self, text: &str, start: usize) -> i32 {
        let bytes = text.as_bytes();
        let needle = self.needles[0];
        // No match after the first char earns more than an exact-case word start.
        let ceiling = SCORE_MATCH + BONUS_HEAD + GAP_EXTENSION;
        let mut best = i32::MIN;
        let mut at = start;
        loop {
            let c = text[at..].chars().next().unwrap_or('\0');
            let mut bonus = BONUS[usize::from(class_before(bytes, at))][usize::from(class(c))];
            if at == 0 {
                bonus *= BONUS_FIRST_CHAR_MULTIPLIER;
            }
            best = best.max(self.match_score(c) + bonus + GAP_EXTENSION);
            if best >= ceiling {
                // Nothing later can do better (a match at the first char scores above it).
                return best;
            }
            let after = at + c.len_utf8();
            match needle.find(&text[after..]) {
                Some(next) => at = after + next,
                None => return best,
            }
        }
    }

    /// SkimMatcherV2's score for matching query char against text char `c`: lower if only the
    /// case differs.
    #[inline]
    fn match_score(&self, c: char) -> i32 {
        if !self.case_sensitive && c.is_ascii_uppercase() {
            SCORE_MATCH + PENALTY_CASE_MISMATCH
        } else {
            SCORE_MATCH
        }
    }

    /// Fills `rows[i]` with the occurrences of query char `i` in `text[start..end]` that can be
    /// part of a match: none before the left-to-right greedy match reaches char `i` (the
    /// matcher never fills those cells), none after `last[i]` (no room for the rest of the
    /// query after them, so they cannot lead to a complete match).
    fn collect(
        &self,
        text: &str,
        start: usize,
        end: usize,
        last: &[usize],
        rows: &mut Vec<Vec<Occurrence>>,
    ) {
        let n = self.needles.len();
        if rows.len() < n {
            rows.resize_with(n, Vec::new);
        }
        for row in rows.iter_mut().take(n) {
            row.clear();
        }
        let bytes = text.as_bytes();
        let mut rec = Recorder {
            rows: &mut rows[..n],
            last,
            n,
            full: if n == 64 { u64::MAX } else { (1u64 << n) - 1 },
            next: 0,
            reachable: 1,
            closed: 0,
            case_sensitive: self.case_sensitive,
        };
        let mut pos = count_chars(&bytes[..start]) as u32;
        let mut prev = class_before(bytes, start);
        if self.other_rows.is_empty() {
            // An ASCII query: scan bytes, without branches (whether a byte matches is a coin
            // toss the branch predictor loses): every byte is written as a candidate, and the
            // write position only moves past the ones that match. Bytes of non-ASCII chars
            // match nothing and are all of class "lower", like their char.
            let window = &bytes[start..end];
            let found = &mut scratch_found(window.len());
            let mut len = 0;
            for (i, &b) in window.iter().enumerate() {
                let mask = self.ascii_rows[usize::from(b)];
                let cur = CLASS_BYTE[usize::from(b)];
                found[len] = Found {
                    offset: (start + i) as u32,
                    pos,
                    mask,
                    cur,
                    prev,
                    upper: b.is_ascii_uppercase(),
                };
                len += usize::from(mask != 0);
                prev = cur;
                // Continuation bytes (0b10xx_xxxx) do not start a char.
                pos += u32::from((b as i8) >= -0x40);
            }
            for f in &found[..len] {
                rec.record(f.offset as usize, f.pos, f.mask, f.upper, f.cur, f.prev);
            }
            FOUND.with(|cell| cell.replace(std::mem::take(found)));
        } else {
            for (i, c) in text[start..end].char_indices() {
                let cur = class(c);
                let mask = if c.is_ascii() {
                    self.ascii_rows[c as usize]
                } else {
                    self.other_rows
                        .iter()
                        .find(|(o, _)| *o == c)
                        .map_or(0, |(_, m)| *m)
                };
                if mask != 0 {
                    rec.record(start + i, pos, mask, c.is_ascii_uppercase(), cur, prev);
                }
                prev = cur;
                pos += 1;
            }
        }
    }

    /// Runs the recurrence over the collected occurrences; the best score of the last row.
    fn best(&self, scratch: &mut Scratch) -> i32 {
        let Scratch {
            rows, prev, cur, ..
        } = scratch;
        // Row 0: nothing before it, so a match scores its gain minus one gap extension
        // (SkimMatcherV2 starts its skip row at `GAP_EXTENSION`).
        prev.clear();
        prev.extend(
            rows[0]
                .iter()
                .map(|o| (o.pos, i32::from(o.gain) + GAP_EXTENSION)),
        );
        for row in &rows[1..self.needles.len()] {
            cur.clear();
            // Best of M[k] + k over previous-row matches k <= pos - 2 (a gap of at least one).
            let mut gap_best = i32::MIN;
            let mut k = 0;
            for o in row {
                let pos = o.pos;
                while k < prev.len() && prev[k].0 + 2 <= pos {
                    gap_best = gap_best.max(prev[k].1 + prev[k].0 as i32);
                    k += 1;
                }
                let bonus = i32::from(o.bonus);
                let mut best = i32::MIN;
                if k < prev.len() && prev[k].0 + 1 == pos {
                    best = prev[k].1 + bonus.max(BONUS_CONSECUTIVE);
                }
                if gap_best != i32::MIN {
                    // Skipping the g = pos - 1 - k chars after a match at k costs
                    // GAP_START + g * GAP_EXTENSION, that is GAP_START - g (see the const assert).
                    let skip = gap_best - (pos as i32 - 1) + GAP_START + bonus;
                    best = best.max(skip);
                }
                if best != i32::MIN {
                    cur.push((pos, best + i32::from(o.gain) - bonus));
                }
            }
            std::mem::swap(prev, cur);
        }
        // Cannot be empty after a successful greedy match; MIN keeps this total regardless.
        prev.iter().map(|&(_, m)| m).max().unwrap_or(i32::MIN)
    }
}

impl Pattern {
    /// The recurrence of [`Pattern::best`], keeping every cell and the cell it came from, then
    /// the best match traced back the way SkimMatcherV2 does it: the last of the best cells of
    /// the last row; a run is preferred to a gap of equal score; after a gap, the nearest of
    /// the best previous matches.
    fn trace(&self, scratch: &mut Scratch) -> (i32, Vec<usize>) {
        let n = self.needles.len();
        let Scratch { rows, path, .. } = scratch;
        if path.len() < n {
            path.resize_with(n, Vec::new);
        }
        path[0].clear();
        path[0].extend(rows[0].iter().map(|o| Step {
            pos: o.pos,
            score: i32::from(o.gain) + GAP_EXTENSION,
            from: u32::MAX,
        }));
        for r in 1..n {
            let (done, todo) = path.split_at_mut(r);
            let prev = &done[r - 1];
            let cur = &mut todo[0];
            cur.clear();
            let mut gap_best = i32::MIN;
            let mut gap_from = 0u32;
            let mut k = 0;
            for o in &rows[r] {
                let pos = o.pos;
                while k < prev.len() && prev[k].pos + 2 <= pos {
                    let v = prev[k].score + prev[k].pos as i32;
                    // `>=`: on a tie the nearer match wins, as in SkimMatcherV2's skip row.
                    if v >= gap_best {
                        gap_best = v;
                        gap_from = k as u32;
                    }
                    k += 1;
                }
                let bonus = i32::from(o.bonus);
                let run = (k < prev.len() && prev[k].pos + 1 == pos)
                    .then(|| (prev[k].score + bonus.max(BONUS_CONSECUTIVE), k as u32));
                let skip = (gap_best != i32::MIN)
                    .then(|| (gap_best - (pos as i32 - 1) + GAP_START + bonus, gap_from));
                let best = match (run, skip) {
                    (Some(r), Some(s)) => Some(if r.0 >= s.0 { r } else { s }),
                    (r, s) => r.or(s),
                };
                if let Some((score, from)) = best {
                    cur.push(Step {
                        pos,
                        score: score + i32::from(o.gain) - bonus,
                        from,
                    });
                }
            }
        }
        // The last of the best cells, like `Iterator::max_by_key`.
        let mut at = 0usize;
        for (i, step) in path[n - 1].iter().enumerate() {
            if step.score >= path[n - 1][at].score {
                at = i;
            }
        }
        let score = path[n - 1].get(at).map_or(i32::MIN, |s| s.score);
        let mut positions = vec![0usize; n];
        for r in (0..n).rev() {
            let Some(step) = path[r].get(at) else { break };
            positions[r] = step.pos as usize;
            at = step.from as usize;
        }
        (score, positions)
    }
}

/// Where an exact (contiguous) term must sit in a field, as fzf's `'word`, `^word`, `word$` and
/// `^word$` ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// Anywhere in the field (`'word`, `!word`).
    Anywhere,
    /// At its start (`^word`).
    Start,
    /// At its end (`word$`).
    End,
    /// The whole field (`^word$`).
    Whole,
}

impl Pattern {
    /// The best place where the query's characters occur together, in `text` as `anchor` says,
    /// and the score SkimMatcherV2's recurrence gives that one alignment (a first match, then a
    /// run): `(score, char index of its first char)`, or `None` if they do not occur there. Like
    /// fzf, the anchors skip blanks at the ends of the field, unless the query itself starts (or
    /// ends) with one. On a tie, the first place wins.
    pub(crate) fn exact(&self, text: &str, anchor: Anchor) -> Option<(i32, usize)> {
        // No place but the text's first char can score above the ceiling, and that place is
        // looked at first: a place that reaches it ends the scan.
        self.exact_scan(text, anchor, self.run_steps.iter().sum())
    }

    /// True if the query's characters occur together in `text` as `anchor` says (the first
    /// place found is enough).
    pub(crate) fn occurs_exactly(&self, text: &str, anchor: Anchor) -> bool {
        self.exact_scan(text, anchor, i32::MIN).is_some()
    }

    /// The most an exact match's score can grow from the query's first `from` chars to all of
    /// them, wherever it is: a longer match is a shorter one plus a run of more chars.
    pub(crate) fn exact_growth(&self, from: usize) -> i32 {
        self.run_steps.iter().skip(from.max(1)).sum()
    }

    /// [`Pattern::exact`], stopping at the first place whose score reaches `enough`.
    fn exact_scan(&self, text: &str, anchor: Anchor, enough: i32) -> Option<(i32, usize)> {
        let first = *self.needles.first()?;
        let bytes = text.as_bytes();
        let at_start = matches!(anchor, Anchor::Start | Anchor::Whole);
        let at_end = matches!(anchor, Anchor::End | Anchor::Whole);
        let lo = if at_start && !self.query.starts_with(char::is_whitespace) {
            text.len() - text.trim_start().len()
        } else {
            0
        };
        let hi = if at_end && !self.query.ends_with(char::is_whitespace) {
            text.trim_end().len()
        } else {
            text.len()
        };
        // An occurrence is as long in bytes as the query: case folding is ASCII only.
        let len: usize = self.needles.iter().map(|n| n.len_utf8()).sum();
        if hi < lo + len {
            return None;
        }
        let one = |start: usize| -> Option<(i32, usize)> {
            if !text.is_char_boundary(start) {
                return None;
            }
            let pos = count_chars(&bytes[..start]);
            Some((self.run_score(text, start, pos)?, pos))
        };
        match anchor {
            Anchor::Start => one(lo),
            Anchor::End => one(hi - len),
            Anchor::Whole => (hi - lo == len).then(|| one(lo)).flatten(),
            Anchor::Anywhere => LOWERED.with(|lowered| {
                // Case aside, an occurrence is the query's bytes: search for them with memmem
                // (SIMD, on two rare bytes of the query), in a copy of the text in lower case
                // if case does not matter. Folding the case keeps every byte where it is.
                let mut lowered = lowered.borrow_mut();
                // One char is found as fast with memchr, without the copy.
                let hay: &[u8] = if self.case_sensitive || self.needles.len() == 1 {
                    bytes
                } else {
                    lowered.clear();
                    lowered.extend(bytes.iter().map(u8::to_ascii_lowercase));
                    &lowered
                };
                // The best score and the byte offset where it starts.
                let mut best: Option<(i32, usize)> = None;
                let mut from = 0;
                let find = |hay: &[u8]| match first {
                    Needle::Ascii(a, b) if self.needles.len() == 1 => memchr::memchr2(a, b, hay),
                    _ => self.finder.find(hay),
                };
                while let Some(i) = find(&hay[from..]) {
                    // A match starts with the query's first byte, which starts a char.
                    let start = from + i;
                    if let Some(score) = self.run_score(text, start, start)
                        && best.is_none_or(|(b, _)| score > b)
                    {
                        best = Some((score, start));
                        if score >= enough {
                            break;
                        }
                    }
                    from = start + first.len_utf8();
                }
                best.map(|(score, start)| (score, count_chars(&bytes[..start])))
            }),
        }
    }

    /// The score of the query matched char for char from byte `start` of `text`, or `None` if
    /// it does not occur there: a first match (its in-place bonus doubled at the text's first
    /// char, `pos` 0), then a run, each char earning the larger of its in-place bonus and
    /// `BONUS_CONSECUTIVE`, as in [`Pattern::best`]. `pos` is 0 only where `start` is.
    fn run_score(&self, text: &str, start: usize, pos: usize) -> Option<i32> {
        let bytes = text.as_bytes();
        let mut prev = class_before(bytes, start);
        let mut at = start;
        let mut total = 0i32;
        for (i, needle) in self.needles.iter().enumerate() {
            let c = match *needle {
                Needle::Ascii(a, b) => {
                    let &byte = bytes.get(at)?;
                    if byte != a && byte != b {
                        return None;
                    }
                    char::from(byte)
                }
                Needle::Other(c) => {
                    if !text[at..].starts_with(c) {
                        return None;
                    }
                    c
                }
            };
            let cur = class(c);
            let bonus = BONUS[usize::from(prev)][usize::from(cur)];
            total = total.saturating_add(if i == 0 {
                let bonus = if pos == 0 {
                    bonus * BONUS_FIRST_CHAR_MULTIPLIER
                } else {
                    bonus
                };
                self.match_score(c) + bonus + GAP_EXTENSION
            } else {
                self.match_score(c) + bonus.max(BONUS_CONSECUTIVE)
            });
            prev = cur;
            at += c.len_utf8();
        }
        Some(total)
    }
}

/// fuzzy-matcher's own score and positions, beyond what [`Pattern`] reproduces exactly.
fn fallback_indices(text: &str, query: &str) -> Option<(i32, Vec<usize>)> {
    let (score, positions) = SkimMatcherV2::default()
        .smart_case()
        .fuzzy_indices(text, query)?;
    Some((score as i32, positions))
}

/// fuzzy-matcher's own score, for queries and texts beyond what [`Pattern`] reproduces exactly.
fn fallback_score(text: &str, query: &str) -> Option<i32> {
    // A fresh matcher: fuzzy-matcher's cached one carries state between calls (see module docs).
    let (score, _) = SkimMatcherV2::default()
        .smart_case()
        .fuzzy_indices(text, query)?;
    Some(score as i32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testgen::Rng;

    fn reference(text: &str, query: &str) -> Option<i32> {
        SkimMatcherV2::default()
            .smart_case()
            .fuzzy_indices(text, query)
            .map(|(s, _)| s as i32)
    }

    fn reference_indices(text: &str, query: &str) -> Option<(i32, Vec<usize>)> {
        SkimMatcherV2::default()
            .smart_case()
            .fuzzy_indices(text, query)
            .map(|(s, p)| (s as i32, p))
    }

    fn check(text: &str, query: &str) {
        let pattern = Pattern::new(query);
        let expected = reference_indices(text, query);
        assert_eq!(
            pattern.score(text),
            expected.as_ref().map(|e| e.0),
            "text {text:?} query {query:?}"
        );
        assert_eq!(
            pattern.indices(text),
            expected,
            "text {text:?} query {query:?}"
        );
    }

    #[test]
    fn scores_like_skim_matcher_v2_on_examples() {
        for (text, query) in [
            ("axbycz", "abc"),
            ("the abc of it", "abc"),
            ("Camel Case Bar", "ab"),
            ("aab", "ab"),
            ("aaaa", "aa"),
            ("La selección jugó", "sel"),
            ("La selección jugó", "ó"),
            ("La selección jugó", "Sel"),
            ("LA SELECCIÓN", "sel"),
            ("path/to/file.rs", "pfr"),
            ("foo_bar-baz", "fbb"),
            ("¡Vamos México! 🇲🇽", "mx"),
            ("¡Vamos México! 🇲🇽", "🇲🇽"),
            ("x", "xx"),
            ("", "a"),
            ("hello world", "hello world"),
            ("Mexico mexico MEXICO", "mexico"),
        ] {
            check(text, query);
        }
    }

    /// Random texts over a small alphabet (so that queries match often, with runs, repeats,
    /// separators, case changes and multi-byte characters) against random queries.
    #[test]
    fn scores_like_skim_matcher_v2_on_random_texts() {
        let alphabet: Vec<char> = "aabbcAB ._/-1é🙂".chars().collect();
        let mut rng = Rng::new(7);
        let mut matched = 0;
        for _ in 0..60_000 {
            let n = rng.range(0, 40);
            let text: String = (0..n).map(|_| *rng.pick(&alphabet)).collect();
            let m = rng.range(1, 6);
            let query: String = (0..m).map(|_| *rng.pick(&alphabet[..8])).collect();
            let expected = reference(&text, &query);
            matched += usize::from(expected.is_some());
            assert_eq!(
                Pattern::new(&query).score(&text),
                expected,
                "{text:?} {query:?}"
            );
        }
        assert!(
            matched > 10_000,
            "the test must exercise matches, got {matched}"
        );
    }

    #[test]
    fn scores_like_skim_matcher_v2_on_generated_quotes() {
        let quotes = crate::testgen::quotes(crate::testgen::Spec::new(400));
        for query in [
            "m",
            "me",
            "mex",
            "seleccion",
            "selección",
            "Osorio",
            "o o",
            "🔥",
            "q",
            "ção",
        ] {
            for q in &quotes {
                check(&q.text, query);
                check(&q.speaker, query);
            }
        }
    }

    /// The pruning in `index.rs` relies on this too: the bound computed from where the last
    /// char occurs in the text.
    #[test]
    fn the_last_char_adds_at_most_its_bound_in_this_text() {
        let alphabet: Vec<char> = "aabbcAB ._/-1é🙂".chars().collect();
        let mut rng = Rng::new(13);
        let mut tight = 0;
        for _ in 0..40_000 {
            let n = rng.range(1, 40);
            let text: String = (0..n).map(|_| *rng.pick(&alphabet)).collect();
            let m = rng.range(1, 5);
            let query: String = (0..m).map(|_| *rng.pick(&alphabet)).collect();
            let Some(before) = Pattern::new(&query).score(&text) else {
                continue;
            };
            for &c in &alphabet {
                let longer = Pattern::new(&format!("{query}{c}"));
                let after = longer.score(&text);
                let step = longer.last_step_bound(&text);
                assert_eq!(after.is_some(), step.is_some(), "{text:?} {query:?}+{c:?}");
                if let (Some(after), Some(step)) = (after, step) {
                    assert!(
                        after <= before + step,
                        "{text:?}: {query:?} {before} +{c:?} {after}, step {step}"
                    );
                    tight += usize::from(after == before + step);
                }
            }
        }
        assert!(
            tight > 1_000,
            "the bound is often reached, so it is not loose: {tight}"
        );
    }

    /// The pruning in `index.rs` relies on this: one more character adds at most its step.
    #[test]
    fn one_more_character_adds_at_most_the_bound_step() {
        let alphabet: Vec<char> = "aabbcAB ._/-1é".chars().collect();
        let mut rng = Rng::new(11);
        let mut grown = 0;
        for _ in 0..40_000 {
            let n = rng.range(1, 40);
            let text: String = (0..n).map(|_| *rng.pick(&alphabet)).collect();
            let m = rng.range(1, 5);
            let query: String = (0..m).map(|_| *rng.pick(&alphabet)).collect();
            let Some(before) = Pattern::new(&query).score(&text) else {
                continue;
            };
            let last = query.chars().last().unwrap();
            for &c in &alphabet {
                let longer = format!("{query}{c}");
                if let Some(after) = Pattern::new(&longer).score(&text) {
                    grown += 1;
                    let step = bound_step(last, c, has_camel(&text));
                    assert!(
                        after <= before + step,
                        "{text:?}: {query:?} {before}, {longer:?} {after}"
                    );
                }
            }
        }
        assert!(grown > 10_000, "{grown}");
        // The camel hump is what makes a run inside a word earn more than BONUS_CONSECUTIVE.
        assert!(has_camel("McDonald") && has_camel("x1Y") && !has_camel("Mexico City é"));
        let before = Pattern::new("Mc").score("McDonald").unwrap();
        assert_eq!(Pattern::new("McD").score("McDonald"), Some(before + 22));
    }

    #[test]
    fn long_queries_and_texts_fall_back_to_fuzzy_matcher() {
        let text = "abc ".repeat(5000);
        check(&text, "abcabc");
        let query = "a".repeat(70);
        check(&"a".repeat(100), &query);
    }

    #[test]
    fn bag_of_a_field_holds_the_bag_of_any_query_it_matches() {
        let text = "¡Vamos México! Ção 🙂 x9";
        for query in ["vm", "Mx", "Ção", "🙂", "x9", "! "] {
            assert!(Pattern::new(query).score(text).is_some(), "{query}");
            assert_eq!(bag(text) & bag(query), bag(query), "{query}");
        }
    }
}
