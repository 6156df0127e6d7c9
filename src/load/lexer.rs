//! The common block style, read a line at a time: what the generator, `dossier new`, PyYAML and
//! most hand-written dossiers use.
//!
//! ```yaml
//! quotes:               # block mappings and lists (also a list at its key's indentation)
//!   - id: q-1
//!     text: "Una frase, con \"comillas\"."
//!     speaker: 'Ana'    # plain, single- or double-quoted scalars
//!     sources: [a, b]   # flow collections on one line
//!     context: a plain scalar
//!       wrapped at 80   # plain and quoted scalars on several lines
//!     summary: >-       # block scalars: | and >, with - or +
//!       Folded text.
//! ```
//!
//! saphyr-parser finds those lines a character at a time; here they are found with memchr and
//! only the values are looked at. The events are saphyr-parser's for the same text, offsets
//! included (the tests and the `lexer` fuzz target check it). Values on several lines are read
//! in their common case only: every next line deeper than the collection; a block scalar's
//! lines all at one indentation (none deeper: a folded scalar does not fold those), with no
//! indentation indicator; no tab, no blank line of spaces inside. Whatever else a line holds
//! (an anchor, an alias, a tag, a tab, a document marker, an escape it does not know, a value
//! on several lines in another shape) makes it give up: the reader then reads the file with
//! saphyr-parser from the start. It never reports an error of its own: an error is always
//! saphyr-parser's, with its message.

use std::borrow::Cow;
use std::collections::VecDeque;

use memchr::{memchr, memchr2, memchr3};

use super::events::{Ev, Event, Events, Parsed, Style, SyntaxError};

/// What the lexer reports when it gives up (never shown: the reader reads again).
pub(super) const GIVE_UP: &str = "(the block-style lexer gives up here)";

/// The longest implicit key, in bytes, that the lexer reads: YAML 1.2 (and saphyr-parser) stop
/// treating a scalar as a possible key 1024 characters after it starts, so a longer one is an
/// error there (`mapping values are not allowed`). Bytes are at least characters, so below this
/// the two agree; above it the lexer gives up and saphyr-parser says what is wrong.
const MAX_KEY: usize = 1024;

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
        if !plain_line(bytes) {
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
        if key.is_empty() || starts_with_indicator(key) || colon > MAX_KEY {
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
        if matches!(rest.as_bytes()[0], b'|' | b'>') {
            return self.block(rest);
        }
        let tail = match rest.as_bytes()[0] {
            b'[' | b'{' => &rest[self.flow(rest, at)?..],
            b'"' | b'\'' => {
                let (value, style, tail) = self.quoted(rest)?;
                self.scalar(value, style, at);
                tail
            }
            _ => {
                let (value, style, used) = scalar(rest, false)?;
                if rest[used..].trim_start_matches(' ').is_empty() {
                    let value = self.continued(value)?;
                    self.scalar(value, style, at);
                    return Ok(());
                }
                self.scalar(value, style, at);
                &rest[used..]
            }
        };
        only_comment_after(tail)?;
        // A more indented line next would continue this value: saphyr's business.
        self.guard_continuation()
    }

    /// A quoted scalar that starts `rest`, on this line or the next ones: its value, style and
    /// what follows its closing quote on its last line. Its line breaks fold as a plain
    /// scalar's, in the common case only: its next lines deeper than the collection, no blank
    /// line of spaces, no escaped line break.
    fn quoted(&mut self, rest: &'a str) -> Result<(Cow<'a, str>, Style, &'a str), SyntaxError> {
        let double = rest.as_bytes()[0] == b'"';
        let style = if double {
            Style::DoubleQuoted
        } else {
            Style::SingleQuoted
        };
        // Spaces before a line break are not part of the value: decoding stops at the closing
        // quote anyway.
        let (first, close) = unquote(rest[1..].trim_end_matches(' '), double)?;
        if let Some(c) = close {
            return Ok((first, style, &rest[1 + c + 1..]));
        }
        let parent = self.stack.last().map_or(0, |o| o.indent);
        let text = self.text;
        let bytes = text.as_bytes();
        let mut value = first.into_owned();
        let mut at = self.at;
        let mut blanks = 0;
        while at < bytes.len() {
            let end = memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            let line = &bytes[at..end];
            let spaces = line.iter().take_while(|&&b| b == b' ').count();
            if spaces == line.len() {
                if spaces > 0 {
                    return give_up();
                }
                blanks += 1;
                at = end + 1;
                continue;
            }
            if spaces <= parent || !plain_line(line) {
                return give_up();
            }
            let segment = &text[at + spaces..end];
            let (part, close) = unquote(segment.trim_end_matches(' '), double)?;
            if blanks == 0 {
                value.push(' ');
            } else {
                value.extend(std::iter::repeat_n('\n', blanks));
            }
            value.push_str(&part);
            blanks = 0;
            at = end + 1;
            if let Some(c) = close {
                self.at = at.min(bytes.len());
                return Ok((Cow::Owned(value), style, &segment[c + 1..]));
            }
        }
        // Not closed before the end: saphyr says so.
        give_up()
    }

    /// A plain scalar whose first line is `first`, with the lines that continue it: the next
    /// lines deeper than the collection, each folded into a space (an empty line between two of
    /// them is a line break). Read only in the common case: no comment before or between
    /// them, no blank line of spaces, no line that starts with an indicator or holds `: ` or
    /// ` #`; anything else is saphyr-parser's.
    fn continued(&mut self, first: Cow<'a, str>) -> Result<Cow<'a, str>, SyntaxError> {
        let parent = self.stack.last().map_or(0, |o| o.indent);
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = self.at;
        let mut value: Option<String> = None;
        let mut blanks = 0;
        // A comment or a line of spaces since the last line read: a line deeper after it is
        // left to saphyr.
        let mut interrupted = false;
        while at < bytes.len() {
            let end = memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            let line = &bytes[at..end];
            let spaces = line.iter().take_while(|&&b| b == b' ').count();
            if spaces == line.len() || line[spaces] == b'#' {
                interrupted |= spaces > 0 || line.get(spaces) == Some(&b'#');
                blanks += 1;
                at = end + 1;
                continue;
            }
            if spaces <= parent {
                break;
            }
            if interrupted || !plain_line(line) {
                return give_up();
            }
            // Any character but `#` may start a next line (`"` included: PyYAML writes
            // those); `: ` and ` #` end the scalar there, and are left to saphyr.
            let content = &text[at + spaces..end];
            let (more, _, used) = plain(content, false)?;
            if !content[used..].trim_start_matches(' ').is_empty() {
                return give_up();
            }
            let out = value.get_or_insert_with(|| first.to_string());
            if blanks == 0 {
                out.push(' ');
            } else {
                out.extend(std::iter::repeat_n('\n', blanks));
            }
            out.push_str(&more);
            blanks = 0;
            at = end + 1;
            self.at = at.min(bytes.len());
        }
        Ok(value.map_or(first, Cow::Owned))
    }

    /// A block scalar whose header (`|`, `>-`, `|+`...) is `header`, to the end of its line; its
    /// lines are the next ones. Read only in the common case: every content line at one
    /// indentation, deeper than the collection's, none deeper (a more indented line of a folded
    /// scalar is not folded), blank lines empty or no deeper than the content, no tab; the line
    /// after it no deeper than the collection. Anything else is saphyr-parser's.
    fn block(&mut self, header: &'a str) -> Result<(), SyntaxError> {
        let h = header.as_bytes();
        let literal = h[0] == b'|';
        let (chomp, used) = match h.get(1) {
            Some(b'-') => (Chomp::Strip, 2),
            Some(b'+') => (Chomp::Keep, 2),
            _ => (Chomp::Clip, 1),
        };
        // An indentation indicator (`|2`) or anything else but a comment: saphyr's.
        only_comment_after(&header[used..])?;
        let parent = self.stack.last().map_or(0, |o| o.indent);
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = self.at;
        // The content's indentation, from its first line.
        let mut indent: Option<usize> = None;
        let mut value = String::new();
        // Empty lines since the last content line (or the header).
        let mut blanks = 0;
        let mut start = None;
        while at < bytes.len() {
            let end = memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            let line = &bytes[at..end];
            let spaces = line.iter().take_while(|&&b| b == b' ').count();
            if spaces == line.len() {
                // An empty line. Spaces before the first content line set its indentation in
                // saphyr, spaces past the content's are content, and an unterminated last line
                // of spaces is a line of its own there: all left to it.
                if end == bytes.len() || indent.map_or(spaces > 0, |n| spaces > n) {
                    return give_up();
                }
                blanks += 1;
                at = end + 1;
                continue;
            }
            let n = *indent.get_or_insert(spaces);
            if spaces < n {
                // The end of the scalar: the next line must belong to the collection or one
                // that holds it.
                if spaces > parent {
                    return give_up();
                }
                break;
            }
            if spaces > n || n <= parent || !plain_line(line) {
                return give_up();
            }
            let content = &text[at + n..end];
            if start.is_none() {
                start = Some(at + n);
                value.extend(std::iter::repeat_n('\n', blanks));
            } else if literal {
                value.extend(std::iter::repeat_n('\n', blanks + 1));
            } else if blanks > 0 {
                // Folding: a line break between two lines is a space, unless blank lines are
                // between them: then they are the line breaks.
                value.extend(std::iter::repeat_n('\n', blanks));
            } else {
                value.push(' ');
            }
            value.push_str(content);
            blanks = 0;
            at = end + 1;
        }
        // An empty block scalar (its value ends where saphyr says): saphyr's.
        let Some(start) = start else {
            return give_up();
        };
        match chomp {
            Chomp::Strip => {}
            Chomp::Clip => value.push('\n'),
            Chomp::Keep => value.extend(std::iter::repeat_n('\n', blanks + 1)),
        }
        self.at = at.min(bytes.len());
        // A one-line scalar is often the text itself.
        let same = text
            .get(start..start + value.len())
            .filter(|s| *s == value)
            .map(Cow::Borrowed);
        let style = if literal {
            Style::Literal
        } else {
            Style::Folded
        };
        self.scalar(same.unwrap_or(Cow::Owned(value)), style, start);
        Ok(())
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
                    let key_at = i;
                    let (value, style, used) = scalar(&rest[i..], true)?;
                    self.scalar(value, style, at + i);
                    i += used;
                    if expect_key {
                        // `key: value` in a mapping.
                        if b.get(i) != Some(&b':')
                            || !matches!(b.get(i + 1), Some(b' '))
                            || i - key_at > MAX_KEY
                        {
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

/// How a block scalar ends: `-` strips its last line breaks, `+` keeps them all, and with
/// neither it ends with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// A line the lexer may read: no tab, carriage return or NUL (saphyr reads those its own way),
/// no U+FFFE or U+FFFF (not printable in YAML), no byte order mark (not allowed inside a
/// document): saphyr-parser says what is wrong with those.
fn plain_line(bytes: &[u8]) -> bool {
    if memchr3(b'\t', b'\r', 0, bytes).is_some() {
        return false;
    }
    match memchr(0xEF, bytes) {
        Some(i) => !bytes[i..].windows(3).any(|w| {
            w[0] == 0xEF && ((w[1] == 0xBF && w[2] >= 0xBE) || (w[1] == 0xBB && w[2] == 0xBF))
        }),
        None => true,
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
    match unquote(&v[1..], false)? {
        (value, Some(close)) => Ok((value, Style::SingleQuoted, close + 2)),
        (_, None) => give_up(),
    }
}

fn double_quoted(v: &str) -> Result<(Cow<'_, str>, Style, usize), SyntaxError> {
    match unquote(&v[1..], true)? {
        (value, Some(close)) => Ok((value, Style::DoubleQuoted, close + 2)),
        (_, None) => give_up(),
    }
}

/// The value of a quoted scalar's text `body` (after its opening quote, on one line), to its
/// closing quote, and where that is in `body`; all of `body` when it does not close there.
/// Escapes (double-quoted) are the common ones; any other is left to saphyr.
fn unquote(body: &str, double: bool) -> Result<(Cow<'_, str>, Option<usize>), SyntaxError> {
    let mut out = String::new();
    let mut rest = body;
    loop {
        let found = if double {
            memchr2(b'"', b'\\', rest.as_bytes())
        } else {
            memchr(b'\'', rest.as_bytes())
        };
        let Some(at) = found else {
            return Ok((owned_or(out, body, rest, rest.len()), None));
        };
        let b = rest.as_bytes();
        if !double && b.get(at + 1) == Some(&b'\'') {
            // `''` is a quote.
            out.push_str(&rest[..=at]);
            rest = &rest[at + 2..];
            continue;
        }
        if b[at] != b'\\' {
            let close = body.len() - rest.len() + at;
            return Ok((owned_or(out, body, rest, at), Some(close)));
        }
        out.push_str(&rest[..at]);
        let (c, len) = match b.get(at + 1) {
            Some(b'"') => ('"', 1),
            Some(b'\\') => ('\\', 1),
            Some(b'/') => ('/', 1),
            Some(b'n') => ('\n', 1),
            Some(b't') => ('\t', 1),
            Some(&e @ (b'x' | b'u' | b'U')) => {
                let digits = match e {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let c = rest
                    .get(at + 2..at + 2 + digits)
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32);
                match c {
                    Some(c) => (c, 1 + digits),
                    None => return give_up(),
                }
            }
            _ => return give_up(),
        };
        out.push(c);
        rest = &rest[at + 1 + len..];
    }
}

/// `body` up to `rest[..end]`: borrowed when nothing was decoded into `out` yet.
fn owned_or<'t>(mut out: String, body: &'t str, rest: &'t str, end: usize) -> Cow<'t, str> {
    if rest.len() == body.len() {
        Cow::Borrowed(&rest[..end])
    } else {
        out.push_str(&rest[..end]);
        Cow::Owned(out)
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
            "a: \"b\n  c\"\nd: \"\\x41\\xe9\"\n",
            "list:\n  - a: b\n  - c\nx:\n",
        ] {
            assert_eq!(agrees(text), Ok(true), "{text:?}");
        }
    }

    #[test]
    fn gives_up_on_everything_else() {
        for text in [
            "a: b\n  # c\n  d\n",
            "a: b # c\n  d\n",
            "a: b\n  c: d\n",
            "a: b\n  c #d\n",
            "a: b\n  \n  c\n",
            "a: b\n  c\td\n",
            "a: |2\n  b\n",
            "a: >-2\n  b\n",
            "a: >\n  b\n    c\n  d\n",
            "a: |\n  b\n   c\n",
            "a: |\n    b\n  c: d\n",
            "a: |\n  b\n\tc\n",
            "a: |\n\nb: c\n",
            "a: |\nb: c\n",
            "a: |\n   \n  b\n",
            "a: >\n  b\n     \n  c\n",
            "a: |\n  b\n  ",
            "a: |x\n  b\n",
            "a: |#x\n  b\n",
            "a: |\n  b\r\n",
            "a: \"b\\\n  c\"\n",
            "a: 'b\n",
            "a: 'b\n  c\n",
            "a: 'b\n  \n  c'\n",
            "a: 'b\nc'\n",
            "a: \"b\n  c\" d\n",
            "a: \"\\q\"\n",
            "a: \"\\x4\"\n",
            "a: &x b\nc: *x\n",
            "a: !t b\n",
            "---\na: b\n",
            "a: b\r\n",
            "a:\tb\n",
            "? a\n: b\n",
            "- a\n",
            "a: [b,\n  c]\n",
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
    fn block_scalars_in_the_common_case_read_as_saphyr_reads_them() {
        // Every header, on bodies of one and more lines with blank lines between, before and
        // after, at the end of the file or not, in mappings and lists.
        let bodies = [
            "x",
            "x y z",
            "x\ny",
            "x\n\ny",
            "x\n\n\ny\nz",
            "\nx",
            "x\n\n",
            "x\n\n\n",
            "# not a comment\nx: y - z",
            "¿Qué? «sí» — 👍",
        ];
        for header in ["|", "|-", "|+", ">", ">-", ">+", "| # c", ">-   # c"] {
            for body in bodies {
                for (before, indent, after) in [
                    ("a: ", "  ", "b: c\n"),
                    ("a: ", "    ", "b: c\n"),
                    ("a: ", "  ", "# c\nb: c\n"),
                    ("a: ", "  ", ""),
                    ("list:\n  - ", "    ", "  - c\n"),
                    ("list:\n  - a: ", "      ", "    b: c\n  - d\n"),
                    ("list:\n- a: ", "    ", "- d\n"),
                    ("x:\n  y:\n    a: ", "      ", "  z: c\n"),
                ] {
                    let lines: Vec<String> = body
                        .split('\n')
                        .map(|l| {
                            if l.is_empty() {
                                String::new()
                            } else {
                                format!("{indent}{l}")
                            }
                        })
                        .collect();
                    let text = format!("{before}{header}\n{}\n{after}", lines.join("\n"));
                    let unterminated = format!("{before}{header}\n{}", lines.join("\n"));
                    for text in [text, unterminated] {
                        let ok = agrees(&text).unwrap_or_else(|e| panic!("{e}\n{text:?}"));
                        assert!(ok, "gave up on {text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn plain_scalars_on_several_lines_read_as_saphyr_reads_them() {
        // PyYAML wraps long plain scalars so; blank lines between are line breaks.
        let mut read = 0;
        for body in [
            "x\ny",
            "x y,\nz: w\n-1 [a] {b}",
            "x\n\ny",
            "x\n\n\ny\nz",
            "x  \ny  ",
            "¿Qué?\n«sí» — 👍",
            "x\n# c\ny",
            "x\n- y",
            "x\n\"there's\". y\n'z' [a] {b} &c *d !e |f >g %h @i `j ?k -l ,m ]n }o",
            "x\n? y\n: z\n-\n?",
            "x\n---\n...",
            "x\ny: z",
            "x\n  y",
            "x # c\ny",
        ] {
            for (before, indent, after) in [
                ("a: ", "  ", "b: c\n"),
                ("a: ", "    ", "\n# c\nb: c\n"),
                ("a: ", "  ", ""),
                ("a: ", " ", "b: c\n"),
                ("list:\n  - ", "    ", "  - c\n"),
                ("list:\n  - a: ", "      ", "    b: c\n  - d\n"),
                ("list:\n- a: ", "   ", "- d\n"),
                ("list:\n- ", " ", "- d\n"),
            ] {
                let mut lines = body.split('\n');
                let mut text = format!("{before}{}", lines.next().expect("a line"));
                for line in lines {
                    text.push('\n');
                    if !line.is_empty() {
                        text.push_str(indent);
                        text.push_str(line);
                    }
                }
                for text in [format!("{text}\n{after}"), text] {
                    let ok = agrees(&text).unwrap_or_else(|e| panic!("{e}\n{text:?}"));
                    read += usize::from(ok);
                }
            }
        }
        assert!(read >= 6 * 8 * 2, "{read}");
    }

    #[test]
    fn quoted_scalars_on_several_lines_read_as_saphyr_reads_them() {
        // PyYAML wraps long double-quoted scalars so (with `\xE9` for é), others single-quoted.
        let mut read = 0;
        for body in [
            "x\ny",
            "x  \ny  ",
            "x\n\ny",
            "x\n\n\ny\nz",
            "Despu\\xE9s \\u00e9 \\U0001F44D\n\\\"q\\\" it''s",
            "x: y # z\n- y, [z]",
            "x\n# y",
            "x\\\ny",
            "x\n  y",
        ] {
            for q in ['"', '\''] {
                for (before, indent, after) in [
                    ("a: ", "  ", "b: c\n"),
                    ("a: ", "    ", "\n# c\nb: c\n"),
                    ("a: ", "  ", ""),
                    ("list:\n  - ", "    ", "  - c\n"),
                    ("list:\n- a: ", "   ", "- d\n"),
                ] {
                    let mut lines = body.split('\n');
                    let mut text = format!("{before}{q}{}", lines.next().expect("a line"));
                    for line in lines {
                        text.push('\n');
                        if !line.is_empty() {
                            text.push_str(indent);
                            text.push_str(line);
                        }
                    }
                    for end in ["", " ", "  # c"] {
                        let text = format!("{text}{q}{end}\n{after}");
                        let ok = agrees(&text).unwrap_or_else(|e| panic!("{e}\n{text:?}"));
                        read += usize::from(ok);
                    }
                }
            }
        }
        assert!(read >= 2 * 5 * 3 * 5, "{read}");
    }

    #[test]
    fn a_key_longer_than_yaml_allows_is_left_to_saphyr() {
        // YAML forgets a possible key 1024 characters after it starts: a longer one is an error.
        for n in [1000, 1024, 1025, 1100, 5000] {
            let key = "k".repeat(n);
            for text in [
                format!("{key}: v\n"),
                format!("a:\n  {key}: v\n"),
                format!("list:\n  - {key}: v\n"),
                format!("a: {{{key}: v}}\n"),
                format!("a: [x, {{b: c, {key}: v}}]\n"),
            ] {
                assert!(agrees(&text).is_ok(), "{n}: {:?}", agrees(&text));
                if n > MAX_KEY {
                    assert!(
                        all(Lexed::new(&text)).is_err(),
                        "the lexer read a {n}-byte key"
                    );
                }
            }
        }
    }

    #[test]
    fn the_embedded_dossier_and_the_fixtures_read_as_saphyr_reads_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut read = 0;
        // Its `>-` scalars included.
        assert_eq!(agrees(super::super::EMBEDDED_YAML), Ok(true));
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
