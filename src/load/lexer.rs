//! The common block style, read a line at a time: what the generator, `dossier new` and most
//! hand-written dossiers use.
//!
//! ```yaml
//! quotes:               # block mappings and lists (also a list at its key's indentation)
//!   - id: q-1
//!     text: "Una frase, con \"comillas\"."
//!     speaker: 'Ana'    # one-line plain, single- or double-quoted scalars
//!     sources: [a, b]   # flow collections on one line
//! ```
//!
//! saphyr-parser finds those lines a character at a time; here they are found with memchr and
//! only the values are looked at. The events are saphyr-parser's for the same text, offsets
//! included (the tests and the `lexer` fuzz target check it), and whatever else a line holds (a
//! value on two lines, a block scalar, an anchor, an alias, a tag, a tab, a document marker, an
//! escape it does not know) makes it give up: the reader then reads the file with
//! saphyr-parser from the start. It never reports an error of its own: an error is always
//! saphyr-parser's, with its message.

use std::borrow::Cow;
use std::collections::VecDeque;

use memchr::{memchr, memchr2};

use super::events::{Ev, Event, Events, Parsed, Style, SyntaxError};

/// What the lexer reports when it gives up (never shown: the reader reads again).
pub(super) const GIVE_UP: &str = "(the block-style lexer gives up here)";

fn give_up<T>() -> Result<T, SyntaxError> {
    Err(SyntaxError {
        at: 0,
        message: GIVE_UP.to_string(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Seq,
}

/// An open block collection: its kind and the column of its keys or `-`.
#[derive(Debug, Clone, Copy)]
struct Open {
    kind: Kind,
    indent: usize,
}

/// The events of a text in the common block style.
pub(super) struct Lexed<'a> {
    text: &'a str,
    /// Where the next line starts.
    at: usize,
    queue: VecDeque<Event<'a>>,
    stack: Vec<Open>,
    /// The last line ended with `key:` (or `-`) and no value: the value is on the next lines.
    pending: Option<(usize, usize)>,
    /// The last value was a scalar at the end of its line: a more indented next line would
    /// continue it.
    state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Body,
    Done,
}

impl<'a> Lexed<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            queue: VecDeque::with_capacity(16),
            stack: Vec::new(),
            pending: None,
            state: State::Start,
        }
    }

    fn push(&mut self, ev: Ev<'a>, at: usize) {
        self.queue.push_back(Event { ev, at });
    }

    fn scalar(&mut self, value: Cow<'a, str>, style: Style, at: usize) {
        self.push(
            Ev::Scalar {
                value,
                style,
                anchor: 0,
                tagged: false,
            },
            at,
        );
    }

    fn open(&mut self, kind: Kind, indent: usize, at: usize) {
        let ev = match kind {
            Kind::Map => Ev::MappingStart {
                anchor: 0,
                tagged: false,
            },
            Kind::Seq => Ev::SequenceStart {
                anchor: 0,
                tagged: false,
            },
        };
        self.push(ev, at);
        self.stack.push(Open { kind, indent });
    }

    fn close(&mut self, at: usize) {
        if let Some(open) = self.stack.pop() {
            let ev = match open.kind {
                Kind::Map => Ev::MappingEnd,
                Kind::Seq => Ev::SequenceEnd,
            };
            self.push(ev, at);
        }
    }

    /// Reads lines until there are events (or the end).
    fn fill(&mut self) -> Result<(), SyntaxError> {
        if self.state == State::Start {
            self.state = State::Body;
            self.push(Ev::StreamStart, 0);
        }
        while self.queue.is_empty() {
            if self.at >= self.text.len() {
                return self.finish();
            }
            let start = self.at;
            let rest = &self.text.as_bytes()[start..];
            let end = memchr(b'\n', rest).map_or(self.text.len(), |i| start + i);
            self.at = end + 1;
            self.line(start, end)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), SyntaxError> {
        if self.state == State::Done {
            return give_up();
        }
        if self.stack.is_empty() {
            // An empty document, or only comments: saphyr's events for those are its own.
            return give_up();
        }
        self.state = State::Done;
        let end = self.text.len();
        if let Some((_, at)) = self.pending.take() {
            // `key:` at the very end: an empty value.
            self.scalar(Cow::Borrowed(""), Style::Plain, at);
        }
        while !self.stack.is_empty() {
            self.close(end);
        }
        self.push(Ev::DocumentEnd, end);
        self.push(Ev::StreamEnd, end);
        Ok(())
    }

    /// One line, `text[start..end]` without its line break.
    fn line(&mut self, start: usize, end: usize) -> Result<(), SyntaxError> {
        let line = &self.text[start..end];
        let bytes = line.as_bytes();
        if memchr2(b'\t', b'\r', bytes).is_some() {
            return give_up();
        }
        // U+FFFE and U+FFFF are not printable in YAML, and a byte order mark (U+FEFF) may not
        // be inside a document: saphyr-parser says so.
        if let Some(i) = memchr(0xEF, bytes)
            && bytes[i..].windows(3).any(|w| {
                w[0] == 0xEF && ((w[1] == 0xBF && w[2] >= 0xBE) || (w[1] == 0xBB && w[2] == 0xBF))
            })
        {
            return give_up();
        }
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let content = &line[indent..];
        if content.is_empty() || content.starts_with('#') {
            return Ok(());
        }
        if indent == 0 && (content.starts_with("---") || content.starts_with("...")) {
            return give_up();
        }
        let at = start + indent;
        if self.stack.is_empty() {
            if indent != 0 || self.pending.is_some() {
                return give_up();
            }
            self.push(Ev::DocumentStart(false), at);
        }
        // The value of a `key:` (or `-`) of the line before.
        if let Some((parent, empty_at)) = self.pending.take() {
            let item = is_item(content);
            if indent > parent || (indent == parent && item && self.top_is(Kind::Map, parent)) {
                let kind = if item { Kind::Seq } else { Kind::Map };
                // saphyr places a list at its key's indentation where its first item starts.
                let first = if indent == parent {
                    at + 1 + content[1..].bytes().take_while(|&b| b == b' ').count()
                } else {
                    at
                };
                self.open(kind, indent, first);
            } else {
                // Nothing more indented: an empty value, where its key's line ends.
                self.scalar(Cow::Borrowed(""), Style::Plain, empty_at);
            }
        }
        // Close what this line is outside of.
        while let Some(top) = self.stack.last().copied() {
            if top.indent > indent
                || (top.indent == indent && top.kind == Kind::Seq && !is_item(content))
            {
                self.close(at);
            } else {
                break;
            }
        }
        match self.stack.last().copied() {
            None => {
                // The top level: a block mapping at column 0.
                if is_item(content) {
                    return give_up();
                }
                self.open(Kind::Map, 0, at);
            }
            Some(top) if top.indent != indent => return give_up(),
            Some(_) => {}
        }
        self.entry(content, indent, at)
    }

    fn top_is(&self, kind: Kind, indent: usize) -> bool {
        self.stack
            .last()
            .is_some_and(|o| o.kind == kind && o.indent == indent)
    }

    /// `- ...` or `key: ...` at the current collection's indentation.
    fn entry(&mut self, content: &'a str, indent: usize, at: usize) -> Result<(), SyntaxError> {
        let top = self.stack.last().copied().expect("an open collection");
        if is_item(content) {
            if top.kind != Kind::Seq {
                return give_up();
            }
            let after = &content[1..];
            let spaces = after.bytes().take_while(|&b| b == b' ').count();
            let rest = &after[spaces..];
            if rest.is_empty() || rest.starts_with('#') {
                // An item on the lines below its `-`: saphyr places it its own way.
                return give_up();
            }
            let inner = indent + 1 + spaces;
            let inner_at = at + 1 + spaces;
            if is_item(rest) {
                return give_up();
            }
            if let Some(colon) = key_end(rest) {
                self.open(Kind::Map, inner, inner_at);
                return self.pair(rest, colon, inner, inner_at);
            }
            return self.value(rest, inner_at);
        }
        if top.kind != Kind::Map {
            return give_up();
        }
        match key_end(content) {
            Some(colon) => self.pair(content, colon, indent, at),
            None => give_up(),
        }
    }

    /// `key: value` (or `key:`) starting at `at`, the `:` at `colon`.
    fn pair(
        &mut self,
        content: &'a str,
        colon: usize,
        indent: usize,
        at: usize,
    ) -> Result<(), SyntaxError> {
        let key = content[..colon].trim_end_matches(' ');
        if key.is_empty() || starts_with_indicator(key) {
            return give_up();
        }
        self.scalar(Cow::Borrowed(key), Style::Plain, at);
        let after = &content[colon + 1..];
        let spaces = after.bytes().take_while(|&b| b == b' ').count();
        let rest = &after[spaces..];
        if rest.is_empty() || rest.starts_with('#') {
            if !rest.is_empty() && spaces == 0 {
                return give_up();
            }
            self.pending = Some((indent, at + colon));
            return Ok(());
        }
        self.value(rest, at + colon + 1 + spaces)
    }

    /// A value to the end of its line, at byte `at`: a one-line scalar or flow collection.
    fn value(&mut self, rest: &'a str, at: usize) -> Result<(), SyntaxError> {
        let used = match rest.as_bytes()[0] {
            b'[' | b'{' => self.flow(rest, at)?,
            _ => {
                let (value, style, used) = scalar(rest, false)?;
                self.scalar(value, style, at);
                used
            }
        };
        only_comment_after(&rest[used..])?;
        // A more indented line next would continue this value: saphyr's business.
        self.guard_continuation()
    }

    /// Gives up when the next line with content is indented deeper than the current collection
    /// (it would continue the value just read, or be an error).
    fn guard_continuation(&mut self) -> Result<(), SyntaxError> {
        let indent = self.stack.last().map_or(0, |o| o.indent);
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        while at < bytes.len() {
            let end = memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            let line = &bytes[at..end];
            let spaces = line.iter().take_while(|&&b| b == b' ').count();
            match line.get(spaces) {
                None | Some(b'#') => at = end + 1,
                Some(_) => {
                    return if spaces > indent { give_up() } else { Ok(()) };
                }
            }
        }
        Ok(())
    }

    /// A flow collection closed on this line; how many bytes it took.
    fn flow(&mut self, rest: &'a str, at: usize) -> Result<usize, SyntaxError> {
        let b = rest.as_bytes();
        let mut i = 0;
        // Open collections: true for a mapping.
        let mut open: Vec<bool> = Vec::new();
        // In a mapping: the next scalar is a key (and a `:` must follow).
        let mut expect_key = false;
        loop {
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            let Some(&c) = b.get(i) else {
                return give_up();
            };
            match c {
                b'[' | b'{' => {
                    if expect_key {
                        return give_up();
                    }
                    let map = c == b'{';
                    let ev = if map {
                        Ev::MappingStart {
                            anchor: 0,
                            tagged: false,
                        }
                    } else {
                        Ev::SequenceStart {
                            anchor: 0,
                            tagged: false,
                        }
                    };
                    self.push(ev, at + i);
                    open.push(map);
                    expect_key = map;
                    i += 1;
                    continue;
                }
                b']' | b'}' => {
                    let map = c == b'}';
                    if open.pop() != Some(map) || (map && !expect_key) {
                        return give_up();
                    }
                    // Only an empty collection or a separator may come before the closing
                    // bracket: a trailing `,` is fine, `[a,]` too.
                    let ev = if map { Ev::MappingEnd } else { Ev::SequenceEnd };
                    self.push(ev, at + i);
                    i += 1;
                }
                _ => {
                    let (value, style, used) = scalar(&rest[i..], true)?;
                    self.scalar(value, style, at + i);
                    i += used;
                    if expect_key {
                        // `key: value` in a mapping.
                        if b.get(i) != Some(&b':') || !matches!(b.get(i + 1), Some(b' ')) {
                            return give_up();
                        }
                        i += 1;
                        while i < b.len() && b[i] == b' ' {
                            i += 1;
                        }
                        match b.get(i) {
                            Some(b'[' | b'{' | b',' | b'}' | b']') | None => return give_up(),
                            _ => {}
                        }
                        let (value, style, used) = scalar(&rest[i..], true)?;
                        self.scalar(value, style, at + i);
                        i += used;
                    }
                }
            }
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            if open.is_empty() {
                return Ok(i);
            }
            match b.get(i) {
                Some(b',') => {
                    i += 1;
                    expect_key = *open.last().expect("open");
                    // `[a, ]`: saphyr reads it, but it is rare enough to leave to it.
                    while i < b.len() && b[i] == b' ' {
                        i += 1;
                    }
                    if matches!(b.get(i), Some(b']' | b'}' | b',')) {
                        return give_up();
                    }
                }
                Some(b']' | b'}') => {}
                _ => return give_up(),
            }
        }
    }
}

/// `- ` (or `-` alone) starts a list item.
fn is_item(content: &str) -> bool {
    let b = content.as_bytes();
    b.first() == Some(&b'-') && matches!(b.get(1), None | Some(b' '))
}

/// Characters that start something other than a plain scalar, or may (`-`, `?` and `:` only
/// before a space, the end, or in flow, a flow indicator: `-1` is plain).
fn starts_with_indicator(s: &str) -> bool {
    let b = s.as_bytes();
    if matches!(b.first(), Some(b'-' | b'?' | b':')) {
        return matches!(
            b.get(1),
            None | Some(b' ' | b',' | b'[' | b']' | b'{' | b'}')
        );
    }
    matches!(
        b.first(),
        Some(
            b',' | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        )
    )
}

/// The `:` that ends a plain key on this line (followed by a space or the end), if the line is
/// `key: ...`; `None` when it is not, or has a `#` first.
fn key_end(content: &str) -> Option<usize> {
    if starts_with_indicator(content) {
        return None;
    }
    let b = content.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr2(b':', b'#', &b[from..]).map(|i| from + i) {
        if b[i] == b'#' {
            if i > 0 && b[i - 1] == b' ' {
                return None;
            }
        } else if matches!(b.get(i + 1), None | Some(b' ')) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// After a value: nothing, or spaces and a comment.
fn only_comment_after(rest: &str) -> Result<(), SyntaxError> {
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len()) {
        Ok(())
    } else {
        give_up()
    }
}

/// A scalar at the start of `v`, on one line: its value, style and length in bytes. In a flow
/// collection (`flow`), a plain scalar also ends at `,` `[` `]` `{` `}`.
fn scalar(v: &str, flow: bool) -> Result<(Cow<'_, str>, Style, usize), SyntaxError> {
    match v.as_bytes()[0] {
        b'"' => double_quoted(v),
        b'\'' => single_quoted(v),
        _ if starts_with_indicator(v) => give_up(),
        _ => plain(v, flow),
    }
}

fn plain(v: &str, flow: bool) -> Result<(Cow<'_, str>, Style, usize), SyntaxError> {
    let b = v.as_bytes();
    let mut end = b.len();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'#' if i > 0 && b[i - 1] == b' ' => {
                end = i;
                break;
            }
            b':' if matches!(b.get(i + 1), None | Some(b' ')) => {
                if flow {
                    end = i;
                    break;
                }
                return give_up();
            }
            b':' if flow && matches!(b.get(i + 1), Some(b',' | b'[' | b']' | b'{' | b'}')) => {
                return give_up();
            }
            b',' | b'[' | b']' | b'{' | b'}' if flow => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let value = v[..end].trim_end_matches(' ');
    if value.is_empty() {
        return give_up();
    }
    Ok((Cow::Borrowed(value), Style::Plain, value.len()))
}

fn single_quoted(v: &str) -> Result<(Cow<'_, str>, Style, usize), SyntaxError> {
    let body = &v[1..];
    let mut out = String::new();
    let mut rest = body;
    loop {
        let Some(q) = memchr(b'\'', rest.as_bytes()) else {
            return give_up();
        };
        if rest[q + 1..].starts_with('\'') {
            out.push_str(&rest[..=q]);
            rest = &rest[q + 2..];
            continue;
        }
        let used = v.len() - rest.len() + q + 1;
        let value = if rest.len() == body.len() {
            Cow::Borrowed(&rest[..q])
        } else {
            out.push_str(&rest[..q]);
            Cow::Owned(out)
        };
        return Ok((value, Style::SingleQuoted, used));
    }
}

fn double_quoted(v: &str) -> Result<(Cow<'_, str>, Style, usize), SyntaxError> {
    let body = &v[1..];
    let mut out = String::new();
    let mut rest = body;
    loop {
        let Some(at) = memchr2(b'"', b'\\', rest.as_bytes()) else {
            return give_up();
        };
        if rest.as_bytes()[at] == b'"' {
            let used = v.len() - rest.len() + at + 1;
            let value = if rest.len() == body.len() {
                Cow::Borrowed(&rest[..at])
            } else {
                out.push_str(&rest[..at]);
                Cow::Owned(out)
            };
            return Ok((value, Style::DoubleQuoted, used));
        }
        out.push_str(&rest[..at]);
        let (c, len) = match rest.as_bytes().get(at + 1) {
            Some(b'"') => ('"', 1),
            Some(b'\\') => ('\\', 1),
            Some(b'/') => ('/', 1),
            Some(b'n') => ('\n', 1),
            Some(b't') => ('\t', 1),
            Some(b'u') => {
                let c = rest
                    .get(at + 2..at + 6)
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32);
                match c {
                    Some(c) => (c, 5),
                    None => return give_up(),
                }
            }
            _ => return give_up(),
        };
        out.push(c);
        rest = &rest[at + 1 + len..];
    }
}

/// Every event of `events`, or the error that ended them.
pub(super) fn all<'a>(mut events: impl Events<'a>) -> Result<Vec<Event<'a>>, SyntaxError> {
    let mut out = Vec::new();
    loop {
        let event = events.next_event()?;
        let end = event.ev == Ev::StreamEnd;
        out.push(event);
        if end {
            return Ok(out);
        }
    }
}

/// The events the lexer and saphyr-parser agree on, offsets of nodes included (saphyr places
/// the ends of collections on whatever comes next; the reader never asks where they are).
pub(super) fn agrees(text: &str) -> Result<bool, String> {
    let Ok(ours) = all(Lexed::new(text)) else {
        return Ok(false);
    };
    let theirs = all(Parsed::new(text))
        .map_err(|e| format!("the lexer read what saphyr refuses: {}", e.message))?;
    fn key<'e>(e: &Event<'e>) -> (Ev<'e>, Option<usize>) {
        match e.ev {
            Ev::Scalar { .. } | Ev::SequenceStart { .. } | Ev::MappingStart { .. } => {
                (e.ev.clone(), Some(e.at))
            }
            _ => (e.ev.clone(), None),
        }
    }
    let ours: Vec<_> = ours.iter().map(key).collect();
    let theirs: Vec<_> = theirs.iter().map(key).collect();
    if ours == theirs {
        Ok(true)
    } else {
        let at = ours.iter().zip(&theirs).position(|(a, b)| a != b);
        Err(format!(
            "different events at {at:?}: {:?} / {:?}",
            at.and_then(|i| ours.get(i)),
            at.and_then(|i| theirs.get(i))
        ))
    }
}

impl<'a> Events<'a> for Lexed<'a> {
    fn next_event(&mut self) -> Result<Event<'a>, SyntaxError> {
        #[cfg(test)]
        super::events::PARSED.with(|n| n.set(n.get() + 1));
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Ok(event);
            }
            self.fill()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_block_style_as_saphyr_does() {
        for text in [
            "a: b\n",
            "subject:\n  name: \"X \\\"y\\\" \\u00e9\"\n  sources: [a, b]\nsources:\n  - id: a\n    title: 'it''s'   # c\n\n# between\n  - id: b\n",
            "quotes:\n- id: q\n  text: plain words, commas; a#b\n- id: r\nempty:\nlast: x\n",
            "a:\n  b:\n    c: d\n  e: [x, {f: g, h: 'i'}, []]\n  k: {}\n",
            "a: ¿Qué? Sí — «bien» 👍\nb: \"\"\nc: ''\nd: -1\ne: ~\n",
            "list:\n  - a: b\n  - c\nx:\n",
        ] {
            assert_eq!(agrees(text), Ok(true), "{text:?}");
        }
    }

    #[test]
    fn gives_up_on_everything_else() {
        for text in [
            "a: b\n  c\n",
            "a: |\n  b\n",
            "a: >-\n  b\n",
            "a: \"b\n  c\"\n",
            "a: &x b\nc: *x\n",
            "a: !t b\n",
            "---\na: b\n",
            "a: b\r\n",
            "a:\tb\n",
            "? a\n: b\n",
            "- a\n",
            "a: [b,\n  c]\n",
            "a: \"\\x41\"\n",
            "\"a\": b\n",
            "a: b: c\n",
            "",
            "# only\n",
            "list:\n  -\n    a: b\n",
        ] {
            assert!(all(Lexed::new(text)).is_err(), "{text:?}");
        }
    }

    #[test]
    fn the_embedded_dossier_and_the_fixtures_read_as_saphyr_reads_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut read = 0;
        let mut texts = vec![super::super::EMBEDDED_YAML.to_string()];
        for sub in ["good", "bad"] {
            for entry in std::fs::read_dir(dir.join(sub)).expect("fixtures") {
                if let Ok(text) = std::fs::read_to_string(entry.expect("a fixture").path()) {
                    texts.push(text);
                }
            }
        }
        texts.push(std::fs::read_to_string(dir.join("tui.yaml")).expect("the fixture"));
        for text in &texts {
            read += usize::from(agrees(text).unwrap_or_else(|e| panic!("{e}\n{text}")));
        }
        assert!(read > 10, "{read} of {} read by the lexer", texts.len());
    }

    #[test]
    fn broken_copies_of_the_embedded_dossier_read_as_saphyr_reads_them() {
        let lines: Vec<&str> = super::super::EMBEDDED_YAML.lines().collect();
        let mut rng = crate::testgen::Rng::new(7);
        for round in 0..600 {
            let mut copy: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let at = rng.below(copy.len());
            let line = copy[at].clone();
            match round % 8 {
                0 => copy[at] = format!(" {line}"),
                1 => copy[at] = line.trim_start().to_string(),
                2 => copy[at] = line.replacen(": ", ": \"", 1),
                3 => copy[at] = line.replacen("- ", "", 1),
                4 => copy.insert(at, line.clone()),
                5 => drop(copy.remove(at)),
                6 => copy[at] = format!("{line} [{{"),
                _ => copy[at] = line.replacen(' ', "- ", 1),
            }
            let text = copy.join("\n");
            if let Err(e) = agrees(&text) {
                panic!("round {round}, line {at}: {e}");
            }
        }
    }
}
