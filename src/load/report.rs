//! Problems as the checks find them (a record path, not yet a line), and turning them into located
//! [`Diagnostic`]s once, at the end, with a single pass of the position index.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::Diagnostic;
use crate::text::sanitize;

/// At most this many diagnostics are shown; the rest are counted in a last line.
pub(crate) const MAX_DIAGNOSTICS: usize = 200;

/// Longest message kept: serde quotes whole values in its messages, and a value can be 20 MB long.
const MAX_MESSAGE_CHARS: usize = 400;

/// One step in a record path: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Seg {
    /// A mapping key (`team`).
    Key(Cow<'static, str>),
    /// A list index (`[3]`).
    Index(usize),
}

/// A record path from the top of the document (`quotes[3].source`); empty for the whole document.
pub(crate) type Path = Vec<Seg>;

/// Builds a path from static keys and indices: `at!["stages", 2, "end"]`.
macro_rules! at {
    ($($seg:expr),* $(,)?) => {
        vec![$($crate::load::report::Seg::from($seg)),*]
    };
}
pub(crate) use at;

impl From<&'static str> for Seg {
    fn from(key: &'static str) -> Self {
        Seg::Key(Cow::Borrowed(key))
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// `stages[2].team`, the way authors read it.
pub(crate) fn format_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// Which position of a node a problem points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The node's value (the usual case).
    Value,
    /// A known line and column (1-based), found before parsing.
    At(usize, usize),
    /// A known byte offset in the text, found while reading.
    Offset(usize),
    /// No position: the problem is about the whole file.
    Nowhere,
}

/// A problem found by a check, before it is located.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// Where in the document.
    pub path: Path,
    /// Which position of that node.
    pub anchor: Anchor,
    /// What is wrong.
    pub message: String,
    /// Another node the message refers to (the first of two duplicates): its line is appended.
    pub related: Option<Path>,
    /// Where `related` is, once placed.
    pub related_at: Option<usize>,
}

impl Problem {
    /// A problem at the value of `path`.
    pub fn at(path: Path, message: impl Into<String>) -> Self {
        Self {
            path,
            anchor: Anchor::Value,
            message: message.into(),
            related: None,
            related_at: None,
        }
    }

    /// A problem at a known line and column.
    pub fn at_position(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            anchor: Anchor::At(line, column),
            ..Self::at(Vec::new(), message)
        }
    }

    /// A problem at byte `at` of the text, where the node at `path` is.
    pub fn at_offset(path: Path, at: usize, message: impl Into<String>) -> Self {
        Self {
            anchor: Anchor::Offset(at),
            ..Self::at(path, message)
        }
    }

    /// A problem about the whole file, with no position.
    pub fn whole_file(message: impl Into<String>) -> Self {
        Self {
            anchor: Anchor::Nowhere,
            ..Self::at(Vec::new(), message)
        }
    }
}

/// Where a problem placed by its path is expected: the start of its record.
type KeyOf = Box<dyn Fn(&Path) -> Option<u64>>;

/// The problems found, at most a few more than can be shown: those first in the file (by a key,
/// a byte offset or an estimate of one) are kept, the rest only counted, so that a file of a
/// million mistakes costs no more memory than one of two hundred.
pub(crate) struct Problems {
    kept: Vec<(u64, usize, Problem)>,
    /// Problems seen in all (kept or not).
    seen: usize,
    /// Past this key, problems cannot be among the first [`MAX_DIAGNOSTICS`].
    threshold: Option<u64>,
    /// The key of a problem placed by its path (the start of its record), for the rules.
    key_of: Option<KeyOf>,
}

impl Default for Problems {
    fn default() -> Self {
        Self::new()
    }
}

impl Problems {
    /// No problems yet.
    pub fn new() -> Self {
        Self {
            kept: Vec::new(),
            seen: 0,
            threshold: None,
            key_of: None,
        }
    }

    /// No problems yet; those pushed with [`Problems::push`] are ordered by `key_of` their path.
    pub fn keyed(key_of: impl Fn(&Path) -> Option<u64> + 'static) -> Self {
        Self {
            key_of: Some(Box::new(key_of)),
            ..Self::new()
        }
    }

    /// Whether a problem at `key` would be kept (if not, [`Problems::skip`] counts it).
    pub fn wants(&self, key: u64) -> bool {
        self.threshold.is_none_or(|t| key <= t)
    }

    /// Counts a problem that is not kept.
    pub fn skip(&mut self) {
        self.seen += 1;
    }

    /// Adds a problem at `key`.
    pub fn push_at(&mut self, key: u64, problem: Problem) {
        self.seen += 1;
        if !self.wants(key) {
            return;
        }
        let seq = self.seen;
        self.kept.push((key, seq, problem));
        if self.kept.len() >= 2 * MAX_DIAGNOSTICS {
            self.kept.sort_by_key(|(k, s, _)| (*k, *s));
            self.kept.truncate(MAX_DIAGNOSTICS);
            self.threshold = self.kept.last().map(|(k, _, _)| *k);
        }
    }

    /// Adds a problem, keyed by its position or (for a path) by where its record starts.
    pub fn push(&mut self, problem: Problem) {
        let key = match problem.anchor {
            Anchor::Offset(at) => at as u64,
            Anchor::Nowhere | Anchor::At(..) => 0,
            Anchor::Value => self
                .key_of
                .as_ref()
                .and_then(|k| k(&problem.path))
                .unwrap_or(0),
        };
        self.push_at(key, problem);
    }

    /// Adds every problem of `other`.
    pub fn append(&mut self, other: Problems) {
        let extra = other.seen - other.kept.len();
        for (key, _, problem) in other.kept {
            self.push_at(key, problem);
        }
        self.seen += extra;
    }

    /// No problem at all.
    pub fn is_empty(&self) -> bool {
        self.seen == 0
    }

    /// The problems kept, in the order they were found, and how many were found in all.
    pub fn into_parts(mut self) -> (Vec<Problem>, usize) {
        self.kept.sort_by_key(|(_, s, _)| *s);
        (
            self.kept.into_iter().map(|(_, _, p)| p).collect(),
            self.seen,
        )
    }

    /// The problems kept, mutably (to place them).
    pub fn kept_mut(&mut self) -> impl Iterator<Item = &mut Problem> {
        self.kept.iter_mut().map(|(_, _, p)| p)
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(problems: Vec<Problem>) -> Self {
        let mut out = Problems::new();
        for p in problems {
            out.push(p);
        }
        out
    }
}

/// Cuts a message to a readable length, on a character boundary.
fn shorten(message: &str) -> Cow<'_, str> {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => Cow::Borrowed(message),
        Some((cut, _)) => Cow::Owned(format!("{}… (message shortened)", &message[..cut])),
    }
}

/// 1-based lines and columns (in characters) of byte offsets of `text`, in one pass.
fn lines_and_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let bytes = text.as_bytes();
    let mut out = vec![(1, 1); offsets.len()];
    let (mut line, mut line_start, mut at, mut column) = (1usize, 0usize, 0usize, 1usize);
    for i in order {
        let target = offsets[i].min(bytes.len());
        // Whole lines first (memchr), then the characters of the last one.
        for nl in memchr::memchr_iter(b'\n', &bytes[at..target]) {
            line += 1;
            line_start = at + nl + 1;
        }
        if line_start > at {
            at = line_start;
            column = 1;
        }
        column += bytes[at..target]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        at = target;
        out[i] = (line, column);
    }
    out
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Places every problem kept (byte offsets become lines and columns, in one pass), sorts them in
/// file order and caps their number: `total` problems were found in all.
pub(crate) fn finish(
    file: &str,
    text: Option<&str>,
    problems: Vec<Problem>,
    total: usize,
) -> Vec<Diagnostic> {
    let mut offsets = Vec::new();
    for p in &problems {
        if let Anchor::Offset(at) = p.anchor {
            offsets.push(at);
        }
        offsets.extend(p.related_at);
    }
    let placed = text
        .map(|t| lines_and_columns(t, &offsets))
        .unwrap_or_default();
    let mut placed = placed.into_iter();
    let file = sanitize(file).into_owned();
    let mut out: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            let (line, column) = match p.anchor {
                Anchor::At(l, c) => (Some(l), Some(c)),
                Anchor::Offset(_) => match placed.next() {
                    Some((l, c)) => (Some(l), Some(c)),
                    None => (None, None),
                },
                Anchor::Nowhere | Anchor::Value => (None, None),
            };
            let mut message = p.message;
            if let Some(related) = &p.related {
                let line = p.related_at.and_then(|_| placed.next()).map(|(l, _)| l);
                let _ = match line {
                    Some(l) => write!(message, " (first at {}, line {l})", format_path(related)),
                    None => write!(message, " (first at {})", format_path(related)),
                };
            } else if p.related_at.is_some() {
                placed.next();
            }
            Diagnostic {
                file: file.clone(),
                line,
                column,
                path: (!p.path.is_empty()).then(|| sanitize(&format_path(&p.path)).into_owned()),
                message: sanitize(&shorten(&message)).into_owned(),
            }
        })
        .collect();
    // Unlocated problems (about the whole file) first, then file order; the sort is stable so
    // problems at the same place keep the order the checks found them in.
    out.sort_by_key(|d| (d.line.is_some(), d.line, d.column));
    out.truncate(MAX_DIAGNOSTICS);
    let more = total.saturating_sub(out.len());
    if more > 0 {
        out.push(Diagnostic {
            file,
            line: None,
            column: None,
            path: None,
            message: format!(
                "{} more {} not shown (fix these first)",
                thousands(more),
                if more == 1 { "problem" } else { "problems" }
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_the_yaml() {
        let quote: Path = at!["quotes", 3, "source"];
        assert_eq!(format_path(&quote), "quotes[3].source");
        let subject: Path = at!["subject"];
        assert_eq!(format_path(&subject), "subject");
        assert_eq!(format_path(&[]), "");
    }

    #[test]
    fn offsets_become_lines_and_columns_in_characters() {
        let text = "ab\nñé x\n\nlast";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            lines_and_columns(text, &[at("x"), 0, at("last"), at("é"), text.len()]),
            [(2, 4), (1, 1), (4, 1), (2, 2), (4, 5)]
        );
        assert_eq!(thousands(999_000), "999,000");
        assert_eq!(thousands(12), "12");
    }

    #[test]
    fn only_the_first_problems_are_kept() {
        let mut problems = Problems::new();
        for at in (0..10_000usize).rev() {
            problems.push_at(at as u64, Problem::at_offset(Vec::new(), at, "x"));
        }
        let (kept, total) = problems.into_parts();
        assert_eq!(total, 10_000);
        assert!(kept.len() < 2 * MAX_DIAGNOSTICS);
        let mut offsets: Vec<usize> = kept
            .iter()
            .map(|p| match p.anchor {
                Anchor::Offset(at) => at,
                _ => usize::MAX,
            })
            .collect();
        offsets.sort();
        assert_eq!(
            offsets[..MAX_DIAGNOSTICS],
            (0..MAX_DIAGNOSTICS).collect::<Vec<_>>()
        );
    }

    #[test]
    fn long_messages_are_cut_on_a_char_boundary() {
        let long = "é".repeat(1000);
        let short = shorten(&long);
        assert!(short.chars().count() < 450, "{}", short.len());
        assert!(short.ends_with("(message shortened)"));
    }
}
