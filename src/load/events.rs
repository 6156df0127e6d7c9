//! YAML events with their byte offsets: what the reader reads, whichever parser produced them.
//!
//! saphyr-parser is the parser: maintained, a position on every event, scalars borrowed from the
//! text where they can be. [`Parsed`] turns its events into [`Event`]s, its positions (counted in
//! characters) into byte offsets, and its errors into [`SyntaxError`]s.

use std::borrow::Cow;

use saphyr_parser::{Event as Sa, Parser, ScalarStyle, StrInput};

/// How a scalar was written. Only plain scalars are resolved (`~`, `true`, `12`); a quoted or
/// block scalar is always text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// One event. `anchor` is 0 for a node without an anchor; `tagged`: the node had a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Ev<'a> {
    StreamStart,
    StreamEnd,
    /// A document starts; `true` when it starts with `---`.
    DocumentStart(bool),
    DocumentEnd,
    Alias(usize),
    Scalar {
        value: Cow<'a, str>,
        style: Style,
        anchor: usize,
        tagged: bool,
    },
    SequenceStart {
        anchor: usize,
        tagged: bool,
    },
    SequenceEnd,
    MappingStart {
        anchor: usize,
        tagged: bool,
    },
    MappingEnd,
}

impl Ev<'_> {
    /// The same event, owning its text (kept for an anchor's replay).
    pub(super) fn into_owned(self) -> Ev<'static> {
        match self {
            Ev::StreamStart => Ev::StreamStart,
            Ev::StreamEnd => Ev::StreamEnd,
            Ev::DocumentStart(explicit) => Ev::DocumentStart(explicit),
            Ev::DocumentEnd => Ev::DocumentEnd,
            Ev::Alias(id) => Ev::Alias(id),
            Ev::Scalar {
                value,
                style,
                anchor,
                tagged,
            } => Ev::Scalar {
                value: Cow::Owned(value.into_owned()),
                style,
                anchor,
                tagged,
            },
            Ev::SequenceStart { anchor, tagged } => Ev::SequenceStart { anchor, tagged },
            Ev::SequenceEnd => Ev::SequenceEnd,
            Ev::MappingStart { anchor, tagged } => Ev::MappingStart { anchor, tagged },
            Ev::MappingEnd => Ev::MappingEnd,
        }
    }
}

/// An event and the byte offset where it starts in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Event<'a> {
    pub ev: Ev<'a>,
    pub at: usize,
}

/// What the parser could not read, and where (a byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SyntaxError {
    pub at: usize,
    pub message: String,
}

/// Where events come from.
pub(super) trait Events<'a> {
    /// The next event; after an error or [`Ev::StreamEnd`], nothing more is asked.
    fn next_event(&mut self) -> Result<Event<'a>, SyntaxError>;
}

/// saphyr-parser's events over a text, with byte offsets.
pub(super) struct Parsed<'a> {
    text: &'a str,
    parser: Parser<'a, StrInput<'a>>,
    /// The character index and byte offset of the last position converted: saphyr's positions
    /// mostly grow, so converting them costs one pass over the text in all.
    chars: usize,
    bytes: usize,
}

impl<'a> Parsed<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            parser: Parser::new_from_str(text),
            chars: 0,
            bytes: 0,
        }
    }

    /// The byte offset of the character at index `chars`.
    fn byte_offset(&mut self, chars: usize) -> usize {
        let bytes = self.text.as_bytes();
        while self.chars < chars && self.bytes < bytes.len() {
            self.bytes += 1;
            while self.bytes < bytes.len() && bytes[self.bytes] & 0xC0 == 0x80 {
                self.bytes += 1;
            }
            self.chars += 1;
        }
        while self.chars > chars && self.bytes > 0 {
            self.bytes -= 1;
            while self.bytes > 0 && bytes[self.bytes] & 0xC0 == 0x80 {
                self.bytes -= 1;
            }
            self.chars -= 1;
        }
        self.bytes
    }
}

/// Indicators that can never start a plain scalar (YAML 1.2, c-indicator): `|` and `>` start
/// block scalars outside flow collections, `%` a directive, `@` and `` ` `` are reserved.
const NOT_PLAIN_START: &str = "|>%@`";

fn style(style: ScalarStyle) -> Style {
    match style {
        ScalarStyle::Plain => Style::Plain,
        ScalarStyle::SingleQuoted => Style::SingleQuoted,
        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
    }
}

#[cfg(test)]
thread_local! {
    /// Events parsed on this thread, for the tests that a file is read once.
    pub(super) static PARSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl<'a> Events<'a> for Parsed<'a> {
    fn next_event(&mut self) -> Result<Event<'a>, SyntaxError> {
        #[cfg(test)]
        PARSED.with(|n| n.set(n.get() + 1));
        let (event, span) = match self.parser.next_event() {
            Some(Ok(next)) => next,
            Some(Err(e)) => {
                let at = self.byte_offset(e.marker().index());
                return Err(SyntaxError {
                    at,
                    message: e.info().to_string(),
                });
            }
            None => {
                return Ok(Event {
                    ev: Ev::StreamEnd,
                    at: self.text.len(),
                });
            }
        };
        let at = self.byte_offset(span.start.index());
        if let Sa::Scalar(value, ScalarStyle::Plain, ..) = &event
            && let Some(c) = value
                .chars()
                .next()
                .filter(|c| NOT_PLAIN_START.contains(*c))
        {
            // saphyr-parser reads `[|rofile]` as a plain `|rofile`; YAML (and libyaml, the
            // reference) has no plain scalar that starts with an indicator.
            return Err(SyntaxError {
                at,
                message: format!(
                    "found character that cannot start any token (`{c}`: put the value in quotes)"
                ),
            });
        }
        let ev = match event {
            Sa::Nothing | Sa::StreamStart => Ev::StreamStart,
            Sa::StreamEnd => Ev::StreamEnd,
            Sa::DocumentStart(explicit) => Ev::DocumentStart(explicit),
            Sa::DocumentEnd => Ev::DocumentEnd,
            Sa::Alias(id) => Ev::Alias(id),
            Sa::Scalar(value, s, anchor, tag) => Ev::Scalar {
                value,
                style: style(s),
                anchor,
                tagged: tag.is_some(),
            },
            Sa::SequenceStart(anchor, tag) => Ev::SequenceStart {
                anchor,
                tagged: tag.is_some(),
            },
            Sa::SequenceEnd => Ev::SequenceEnd,
            Sa::MappingStart(anchor, tag) => Ev::MappingStart {
                anchor,
                tagged: tag.is_some(),
            },
            Sa::MappingEnd => Ev::MappingEnd,
        };
        Ok(Event { ev, at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<Event<'_>> {
        let mut parsed = Parsed::new(text);
        let mut out = Vec::new();
        loop {
            let e = parsed.next_event().expect("valid");
            let end = e.ev == Ev::StreamEnd;
            out.push(e);
            if end {
                return out;
            }
        }
    }

    #[test]
    fn offsets_are_bytes() {
        let text = "ñame: \"Óscar\"\nb: [é, x]\n";
        let events = all(text);
        let at = |value: &str| {
            events
                .iter()
                .find(|e| matches!(&e.ev, Ev::Scalar { value: v, .. } if v == value))
                .map(|e| e.at)
        };
        assert_eq!(at("ñame"), Some(0));
        assert_eq!(at("Óscar"), text.find('"'));
        assert_eq!(at("x"), text.find('x'));
        assert_eq!(at("é"), text.find('é'));
    }

    #[test]
    fn errors_are_located_in_bytes() {
        let text = "é: [a\nb: c\n";
        let mut parsed = Parsed::new(text);
        let err = loop {
            match parsed.next_event() {
                Ok(e) if e.ev == Ev::StreamEnd => panic!("no error"),
                Ok(_) => {}
                Err(e) => break e,
            }
        };
        assert!(err.at <= text.len(), "{err:?}");
        assert!(!err.message.is_empty());
    }
}
