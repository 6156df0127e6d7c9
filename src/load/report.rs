//! Problems as the checks find them (a record path, not yet a line), and turning them into located
//! [`Diagnostic`]s once, at the end, with a single pass of the position index.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::Diagnostic;
use super::locate::Locator;
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
    /// The node's key in its mapping (unknown fields).
    Key,
    /// A known line and column (1-based), found before parsing.
    At(usize, usize),
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
}

impl Problem {
    /// A problem at the value of `path`.
    pub fn at(path: Path, message: impl Into<String>) -> Self {
        Self {
            path,
            anchor: Anchor::Value,
            message: message.into(),
            related: None,
        }
    }

    /// A problem at the key of `path`.
    pub fn at_key(path: Path, message: impl Into<String>) -> Self {
        Self {
            anchor: Anchor::Key,
            ..Self::at(path, message)
        }
    }

    /// A problem at a known line and column.
    pub fn at_position(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            anchor: Anchor::At(line, column),
            ..Self::at(Vec::new(), message)
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

/// Cuts a message to a readable length, on a character boundary.
fn shorten(message: &str) -> Cow<'_, str> {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => Cow::Borrowed(message),
        Some((cut, _)) => Cow::Owned(format!("{}… (message shortened)", &message[..cut])),
    }
}

/// Locates every problem (one pass over the document, and only if some problem needs it), sorts
/// them in file order and caps their number.
pub(crate) fn finish(file: &str, text: Option<&str>, problems: Vec<Problem>) -> Vec<Diagnostic> {
    let needs_index = problems
        .iter()
        .any(|p| matches!(p.anchor, Anchor::Value | Anchor::Key));
    let locator = match text {
        Some(text) if needs_index => {
            let wanted = problems
                .iter()
                .filter(|p| matches!(p.anchor, Anchor::Value | Anchor::Key))
                .flat_map(|p| std::iter::once(&p.path).chain(p.related.as_ref()));
            Some(Locator::build(text, wanted))
        }
        _ => None,
    };
    let file = sanitize(file).into_owned();
    let mut out: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            let (line, column) = match p.anchor {
                Anchor::At(l, c) => (Some(l), Some(c)),
                Anchor::Nowhere => (None, None),
                Anchor::Value | Anchor::Key => locator
                    .as_ref()
                    .and_then(|loc| loc.position(&p.path, p.anchor == Anchor::Key))
                    .map_or((None, None), |(l, c)| (Some(l), Some(c))),
            };
            let mut message = p.message;
            if let Some(related) = &p.related {
                let pos = locator
                    .as_ref()
                    .and_then(|loc| loc.position(related, false));
                let _ = match pos {
                    Some((l, _)) => {
                        write!(message, " (first at {}, line {l})", format_path(related))
                    }
                    None => write!(message, " (first at {})", format_path(related)),
                };
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
    if out.len() > MAX_DIAGNOSTICS {
        let more = out.len() - MAX_DIAGNOSTICS;
        out.truncate(MAX_DIAGNOSTICS);
        out.push(Diagnostic {
            file,
            line: None,
            column: None,
            path: None,
            message: format!(
                "{more} more {} not shown (fix these first)",
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
    fn long_messages_are_cut_on_a_char_boundary() {
        let long = "é".repeat(1000);
        let short = shorten(&long);
        assert!(short.chars().count() < 450, "{}", short.len());
        assert!(short.ends_with("(message shortened)"));
    }
}
