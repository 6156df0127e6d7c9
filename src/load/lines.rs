//! The plainest shape of a record list, read a line at a time: what `dossier new`, the generator
//! and most hand-written dossiers use for their long lists.
//!
//! ```yaml
//!   - id: q-1
//!     text: "Una frase, con \"comillas\"."
//!     date: 2023-07-01   # a comment
//! ```
//!
//! Each item is a flat mapping, one `key: value` a line, every value a one-line plain, single- or
//! double-quoted scalar. yaml-rust2 spends most of a large load finding those lines a character
//! at a time; here they are found with memchr and only the values are looked at. The events are
//! the ones yaml-rust2 produces for the same text, and anything else (a nested list, a value on
//! two lines, an escape or an indicator this reader does not handle, a tab) gives up, and the
//! piece is read by yaml-rust2 instead. Like the rest of the fast path, it is checked against
//! serde_yaml on every fixture, on broken copies of the Osorio dossier and by the load fuzzer.

use std::borrow::Cow;
use std::collections::VecDeque;

use memchr::{memchr, memchr2, memchr2_iter};
use yaml_rust2::scanner::TScalarStyle;

use super::stream::{Ev, GiveUp};

/// The events of one piece of a record list, produced a line at a time.
pub(super) struct Lines<'a> {
    rest: &'a str,
    /// The items' indentation, from the first item.
    indent: Option<usize>,
    in_item: bool,
    started: bool,
    ended: bool,
    queue: VecDeque<Ev<'a>>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            rest: text,
            indent: None,
            in_item: false,
            started: false,
            ended: false,
            queue: VecDeque::with_capacity(8),
        }
    }

    /// The next event, as yaml-rust2 would produce it.
    pub(super) fn next_event(&mut self) -> Result<Ev<'a>, GiveUp> {
        while self.queue.is_empty() {
            self.fill()?;
        }
        // Just filled.
        Ok(self.queue.pop_front().expect("an event"))
    }

    fn fill(&mut self) -> Result<(), GiveUp> {
        if !self.started {
            self.started = true;
            self.queue
                .extend([Ev::StreamStart, Ev::DocumentStart, Ev::SequenceStart]);
            return Ok(());
        }
        if self.rest.is_empty() {
            if self.ended || self.indent.is_none() {
                return Err(GiveUp::new("no item, or read past the end"));
            }
            self.ended = true;
            if self.in_item {
                self.queue.push_back(Ev::MappingEnd);
            }
            self.queue
                .extend([Ev::SequenceEnd, Ev::DocumentEnd, Ev::StreamEnd]);
            return Ok(());
        }
        let end = memchr(b'\n', self.rest.as_bytes()).unwrap_or(self.rest.len());
        let line = &self.rest[..end];
        self.rest = self.rest.get(end + 1..).unwrap_or("");
        self.line(line)
    }

    fn line(&mut self, line: &'a str) -> Result<(), GiveUp> {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            return Ok(());
        }
        let spaces = line.len() - content.len();
        let indent = *self.indent.get_or_insert(spaces);
        let entry = if spaces == indent
            && let Some(entry) = content.strip_prefix("- ")
        {
            if self.in_item {
                self.queue.push_back(Ev::MappingEnd);
            }
            self.queue.push_back(Ev::MappingStart);
            self.in_item = true;
            entry
        } else if spaces == indent + 2 && self.in_item {
            content
        } else {
            return Err(GiveUp::new("a line of another shape"));
        };
        let key_len = entry
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
            .count();
        let (key, after) = entry.split_at(key_len);
        let value = after
            .strip_prefix(": ")
            .map(|v| v.trim_start_matches(' '))
            .filter(|v| !key.is_empty() && !v.is_empty())
            .ok_or_else(|| GiveUp::new("not `key: value`"))?;
        let (value, style) = scalar(value)?;
        self.queue
            .push_back(Ev::Scalar(Cow::Borrowed(key), TScalarStyle::Plain));
        self.queue.push_back(Ev::Scalar(value, style));
        Ok(())
    }
}

/// A one-line scalar and what may follow it on its line (spaces, a comment).
fn scalar(v: &str) -> Result<(Cow<'_, str>, TScalarStyle), GiveUp> {
    if memchr2(b'\t', b'\r', v.as_bytes()).is_some() {
        return Err(GiveUp::new("a tab or a carriage return"));
    }
    match v.as_bytes()[0] {
        b'"' => double_quoted(&v[1..]),
        b'\'' => single_quoted(&v[1..]),
        // Indicators: each starts something other than a plain scalar, or may.
        b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!'
        | b'|' | b'>' | b'%' | b'@' | b'`' => Err(GiveUp::new("an indicator")),
        _ => plain(v),
    }
}

fn plain(v: &str) -> Result<(Cow<'_, str>, TScalarStyle), GiveUp> {
    let b = v.as_bytes();
    let mut end = b.len();
    // Only a comment (` #`) or a mapping indicator (`: `) can end a one-line plain scalar.
    for i in memchr2_iter(b'#', b':', b) {
        if b[i] == b'#' {
            // The first byte is never `#` (an indicator), so `i - 1` is in the text.
            if b[i - 1] == b' ' {
                end = i;
                break;
            }
        } else if matches!(b.get(i + 1), None | Some(b' ')) {
            return Err(GiveUp::new("`: ` in a plain scalar"));
        }
    }
    let value = v[..end].trim_end_matches(' ');
    Ok((Cow::Borrowed(value), TScalarStyle::Plain))
}

/// After a closing quote: nothing, spaces, or spaces and a comment.
fn only_comment_after(rest: &str) -> Result<(), GiveUp> {
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len()) {
        Ok(())
    } else {
        Err(GiveUp::new("text after a quoted scalar"))
    }
}

/// A quoted scalar `v` (after its opening quote) that closes at `rest[end]`, where `out` holds
/// what came before `rest` with its escapes undone. Without an escape (`rest` is still all of
/// `v`), the text between the quotes is the value, borrowed.
fn closed<'a>(
    v: &'a str,
    rest: &'a str,
    end: usize,
    mut out: String,
    style: TScalarStyle,
) -> Result<(Cow<'a, str>, TScalarStyle), GiveUp> {
    only_comment_after(&rest[end + 1..])?;
    let value = if rest.len() == v.len() {
        Cow::Borrowed(&rest[..end])
    } else {
        out.push_str(&rest[..end]);
        Cow::Owned(out)
    };
    Ok((value, style))
}

fn single_quoted(v: &str) -> Result<(Cow<'_, str>, TScalarStyle), GiveUp> {
    let mut out = String::new();
    let mut rest = v;
    loop {
        let q = memchr(b'\'', rest.as_bytes()).ok_or_else(|| GiveUp::new("an open quote"))?;
        if rest[q + 1..].starts_with('\'') {
            out.push_str(&rest[..=q]);
            rest = &rest[q + 2..];
        } else {
            return closed(v, rest, q, out, TScalarStyle::SingleQuoted);
        }
    }
}

fn double_quoted(v: &str) -> Result<(Cow<'_, str>, TScalarStyle), GiveUp> {
    let mut out = String::new();
    let mut rest = v;
    loop {
        let at =
            memchr2(b'"', b'\\', rest.as_bytes()).ok_or_else(|| GiveUp::new("an open quote"))?;
        if rest.as_bytes()[at] == b'"' {
            return closed(v, rest, at, out, TScalarStyle::DoubleQuoted);
        }
        out.push_str(&rest[..at]);
        let escape = rest[at + 1..].chars().next();
        let (c, len) = match escape {
            Some('"') => ('"', 1),
            Some('\\') => ('\\', 1),
            Some('/') => ('/', 1),
            Some('n') => ('\n', 1),
            Some('t') => ('\t', 1),
            Some('u') => {
                let hex = rest
                    .get(at + 2..at + 6)
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                let c = hex
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .ok_or_else(|| GiveUp::new("a \\u escape of another kind"))?;
                (c, 5)
            }
            _ => return Err(GiveUp::new("an escape this reader leaves to yaml-rust2")),
        };
        out.push(c);
        rest = &rest[at + 1 + len..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaml_rust2::parser::Parser;

    /// yaml-rust2's events for `text`, without their positions.
    fn reference(text: &str) -> Vec<Ev<'static>> {
        let mut parser = Parser::new_from_str(text);
        let mut events = Vec::new();
        loop {
            let (event, _) = parser.next_token().expect("valid YAML");
            let event = Ev::from_yaml(event).expect("no anchor, alias or tag");
            let end = event == Ev::StreamEnd;
            events.push(event);
            if end {
                return events;
            }
        }
    }

    fn events(text: &str) -> Result<Vec<Ev<'_>>, GiveUp> {
        let mut lines = Lines::new(text);
        let mut events = Vec::new();
        loop {
            let event = lines.next_event()?;
            let end = event == Ev::StreamEnd;
            events.push(event);
            if end {
                return Ok(events);
            }
        }
    }

    #[test]
    fn the_events_are_yaml_rust2s() {
        for text in [
            "  - id: q-1\n    text: \"Una frase, con \\\"comillas\\\" y \\u00e9.\"\n    date: 2023-07-01 # c\n",
            "- a: plain words, commas; no # comment\n  b: 'it''s'   \n\n# between\n- c: a#b\n",
            "  - id: x\n    text: \"tab\\there\\\\ /slash\\/ \\n\"  # c\n  - id: y\n",
            "- text: ¿Qué? Sí, señor — «bien» 👍\n  n: 12\n  e: ''\n  f: \"\"\n",
        ] {
            assert_eq!(events(text).expect("read"), reference(text), "{text:?}");
        }
    }

    #[test]
    fn other_shapes_give_up() {
        for text in [
            "- a: b\n   c: d\n",
            "- a: b\n  c:\n    - d\n",
            "- a: |\n    b\n",
            "- a: b\n    c\n",
            "- a: \"b\n  c\"\n",
            "- a: b: c\n",
            "- a: &x b\n",
            "- a: [b]\n",
            "- a: -b\n",
            "- a: \"b\"c\n",
            "- a: \"\\x41\"\n",
            "- a: \"\\ud800\"\n",
            "- a: b\r\n",
            "- a: b\t\n",
            "-   a: b\n",
            "- A: b\n",
            "---\n- a: b\n",
            "  c: d\n",
            "",
            "# only a comment\n",
        ] {
            assert!(events(text).is_err(), "{text:?}");
        }
    }
}
