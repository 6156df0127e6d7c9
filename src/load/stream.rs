//! The fast way to read a valid dossier: the typed model built straight from yaml-rust2's events
//! as the parser produces them, one event at a time.
//!
//! serde_yaml, the loader's reference parse, first turns the whole document into a list of
//! events, every scalar an owned copy, and only then builds the records: about 8 times the file
//! in memory, at about 50 MB/s. This reader holds one event at a time, so the peak is the text
//! plus the model, and [`super::split`] runs it on every core over a large record list.
//!
//! It is a shortcut, never a second opinion. Whenever it meets anything it might not read the
//! way serde_yaml does (an anchor, an alias, a tag, a second document, a plain scalar whose YAML
//! type is in doubt, any error at all), it gives up, and [`super::load_str`] parses the text
//! again with serde_yaml, which alone decides what is wrong and says where. The tests check that
//! both ways build the same dossier from every file they share.

use std::fmt;
use std::str::Chars;

use std::borrow::Cow;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess};
use serde::de::{Deserializer, Visitor};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

use super::lines::Lines;
use super::strings;

/// Why the fast path gave up. Only tests look at the reason: the caller parses again anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct GiveUp(pub String);

impl GiveUp {
    pub(super) fn new(reason: &str) -> Self {
        Self(reason.to_string())
    }
}

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

/// One event, from yaml-rust2 or from [`Lines`]. Scalars borrow from the text where they can:
/// a key is only compared with the field names, never kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Ev<'a> {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
    Scalar(Cow<'a, str>, TScalarStyle),
}

impl Ev<'_> {
    /// yaml-rust2's event, where it has no anchor, alias or tag (serde_yaml would follow or
    /// resolve those through the rest of the document).
    pub(super) fn from_yaml(event: Event) -> Result<Self, GiveUp> {
        Ok(match event {
            Event::StreamStart => Ev::StreamStart,
            Event::StreamEnd => Ev::StreamEnd,
            Event::DocumentStart => Ev::DocumentStart,
            Event::DocumentEnd => Ev::DocumentEnd,
            Event::SequenceStart(0, None) => Ev::SequenceStart,
            Event::SequenceEnd => Ev::SequenceEnd,
            Event::MappingStart(0, None) => Ev::MappingStart,
            Event::MappingEnd => Ev::MappingEnd,
            // yaml-rust2 reads a plain scalar that starts with an indicator in a flow list
            // (`[|x]`), which YAML and serde_yaml refuse: the reference says what is wrong.
            Event::Scalar(value, TScalarStyle::Plain, 0, None)
                if value.starts_with(PLAIN_NEVER_STARTS) =>
            {
                return Err(GiveUp::new("a plain scalar that starts with an indicator"));
            }
            Event::Scalar(value, style, 0, None) => Ev::Scalar(Cow::Owned(value), style),
            other => return Err(GiveUp(format!("an alias, an anchor or a tag: {other:?}"))),
        })
    }
}

/// The indicators YAML forbids at the start of a plain scalar (`-`, `?` and `:` may start one
/// before a safe character, and are left to the parser).
const PLAIN_NEVER_STARTS: [char; 16] = [
    '|', '>', '!', '&', '*', '%', '@', '`', '\'', '"', '#', '[', ']', '{', '}', ',',
];

/// A top-level key of the document and its 1-based line: [`super::split`] checks that the keys
/// it replaced are where it put them.
pub(super) type TopKey = (String, usize);

/// Reads one YAML document from `text` as a `T`, the top-level keys it met, and whether every
/// string in it is clean text ([`strings::is_clean`]).
pub(super) fn read<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<TopKey>, bool), GiveUp> {
    read_yaml(text, budget(text, DOCUMENT_BASE))
}

fn read_yaml<T: DeserializeOwned>(
    text: &str,
    budget: usize,
) -> Result<(T, Vec<TopKey>, bool), GiveUp> {
    let parser = Box::new(Parser::new_from_str(text));
    read_from(Reader::new(Events::Yaml(parser), budget))
}

/// Reads a piece of a record list as a `T`, line by line where it has the plainest shape
/// ([`Lines`]), with yaml-rust2 otherwise; and whether its strings are clean.
pub(super) fn read_items<T: DeserializeOwned>(piece: &str) -> Result<(T, bool), GiveUp> {
    let budget = budget(piece, PIECE_BASE);
    read_from(Reader::new(Events::Lines(Lines::new(piece)), budget))
        .or_else(|_| read_yaml(piece, budget))
        .map(|(items, _, clean)| (items, clean))
}

fn read_from<T: DeserializeOwned>(
    mut reader: Reader<'_>,
) -> Result<(T, Vec<TopKey>, bool), GiveUp> {
    reader.expect(Ev::StreamStart)?;
    reader.expect(Ev::DocumentStart)?;
    let value = T::deserialize(&mut reader)?;
    reader.expect(Ev::DocumentEnd)?;
    // A second document is an error for serde_yaml: let it say so.
    reader.expect(Ev::StreamEnd)?;
    Ok((value, reader.top_keys, reader.clean))
}

/// Where events come from.
enum Events<'a> {
    Yaml(Box<Parser<Chars<'a>>>),
    Lines(Lines<'a>),
}

/// Events with one of lookahead.
struct Reader<'a> {
    events: Events<'a>,
    peeked: Option<(Ev<'a>, usize)>,
    /// How many mappings the next event is inside.
    depth: usize,
    top_keys: Vec<TopKey>,
    /// Every string handed out so far is clean: the text checks have nothing to do.
    clean: bool,
    /// Events left before this reader gives up (see [`budget`]).
    budget: usize,
}

/// The events a reader may take: one per [`EVENT_BYTES`] of its text, plus `base`. The fast
/// reader runs before the nesting precheck, so this is what bounds the memory a file of tiny
/// values (`[a,a,a,...]`) can make it take before it gives up: about 3.5 times the file. A
/// real record list has one event per 18 to 25 bytes; denser text is left to the slow path.
/// A document gets [`DOCUMENT_BASE`] for its small, dense sections (sources, stages), each
/// piece of a long list [`PIECE_BASE`], so a whole file stays within the precheck's own limit
/// ([`super::MAX_NODES_BASE`] plus one node per [`super::BYTES_PER_NODE`] bytes).
fn budget(text: &str, base: usize) -> usize {
    text.len() / EVENT_BYTES + base
}

/// See [`budget`].
const EVENT_BYTES: usize = 16;
/// See [`budget`].
const DOCUMENT_BASE: usize = super::MAX_NODES_BASE / 2;
/// See [`budget`]: a file has at most 256 pieces of a list (1 MB each).
const PIECE_BASE: usize = 1024;

impl<'a> Reader<'a> {
    fn new(events: Events<'a>, budget: usize) -> Self {
        Self {
            events,
            peeked: None,
            depth: 0,
            top_keys: Vec::new(),
            clean: true,
            budget,
        }
    }

    /// The next event and its line. Anything serde_yaml would resolve differently (or through
    /// the document elsewhere) ends the fast path here.
    fn next(&mut self) -> Result<(Ev<'a>, usize), GiveUp> {
        if let Some(peeked) = self.peeked.take() {
            return Ok(peeked);
        }
        self.budget = self
            .budget
            .checked_sub(1)
            .ok_or_else(|| GiveUp::new("more events than the text's size allows"))?;
        match &mut self.events {
            Events::Yaml(parser) => {
                let (event, mark) = parser.next_token().map_err(|e| GiveUp(e.to_string()))?;
                Ok((Ev::from_yaml(event)?, mark.line()))
            }
            // Lines only reads pieces, whose lines nothing asks for.
            Events::Lines(lines) => Ok((lines.next_event()?, 0)),
        }
    }

    fn peek(&mut self) -> Result<&Ev<'a>, GiveUp> {
        if self.peeked.is_none() {
            self.peeked = Some(self.next()?);
        }
        // Just filled.
        Ok(&self.peeked.as_ref().expect("peeked").0)
    }

    fn expect(&mut self, want: Ev<'_>) -> Result<(), GiveUp> {
        let (event, _) = self.next()?;
        if event == want {
            Ok(())
        } else {
            Err(GiveUp(format!("expected {want:?}, found {event:?}")))
        }
    }

    /// The next event, which must be a scalar: its value and style.
    fn scalar(&mut self) -> Result<(Cow<'a, str>, TScalarStyle), GiveUp> {
        match self.next()?.0 {
            Ev::Scalar(value, style) => Ok((value, style)),
            other => Err(GiveUp(format!("expected a scalar, found {other:?}"))),
        }
    }

    /// The next event, which must be a plain scalar.
    fn plain(&mut self) -> Result<Cow<'a, str>, GiveUp> {
        match self.scalar()? {
            (value, TScalarStyle::Plain) => Ok(value),
            (value, _) => Err(GiveUp(format!("expected a plain scalar, found {value:?}"))),
        }
    }
}

/// Hands a scalar to a visitor, moving it where it is owned already, and notes whether it is
/// clean text ([`strings::is_clean`]).
fn visit<'de, V: Visitor<'de>>(
    reader: &mut Reader<'_>,
    visitor: V,
    value: Cow<'_, str>,
) -> Result<V::Value, GiveUp> {
    reader.clean &= strings::is_clean(&value);
    match value {
        Cow::Borrowed(s) => visitor.visit_str(s),
        Cow::Owned(s) => visitor.visit_string(s),
    }
}

/// YAML's null, as serde_yaml reads it (an empty value too).
fn is_null(plain: &str) -> bool {
    matches!(plain, "" | "~" | "null" | "Null" | "NULL")
}

/// A plain scalar that serde_yaml reads as this unsigned integer, and no other: decimal digits
/// without a leading zero. Other spellings (`+1`, `0x1f`, `1_000`) give up.
fn plain_uint(plain: &str) -> Option<u64> {
    let digits = plain.bytes().all(|b| b.is_ascii_digit());
    if !digits || plain.is_empty() || (plain.len() > 1 && plain.starts_with('0')) {
        return None;
    }
    plain.parse().ok()
}

/// A plain scalar shaped like a date (`2023-07` or `2023-07-01`): neither null, boolean, integer
/// nor float in YAML 1.2, so serde_yaml reads it as a string.
fn plain_date(plain: &str) -> bool {
    let b = plain.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

macro_rules! give_up_on {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, GiveUp> {
            Err(GiveUp::new(stringify!($method)))
        }
    )*};
}

impl<'de> Deserializer<'de> for &mut Reader<'_> {
    type Error = GiveUp;

    /// Only [`crate::model::PartialDate`] asks for "anything": a year, or a string.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.scalar()? {
            (plain, TScalarStyle::Plain) => {
                if let Some(n) = plain_uint(&plain) {
                    visitor.visit_u64(n)
                } else if plain_date(&plain) {
                    visit(self, visitor, plain)
                } else {
                    Err(GiveUp(format!("a plain scalar of unsure type: {plain:?}")))
                }
            }
            (quoted, _) => visit(self, visitor, quoted),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match &*self.plain()? {
            "true" | "True" | "TRUE" => visitor.visit_bool(true),
            "false" | "False" | "FALSE" => visitor.visit_bool(false),
            other => Err(GiveUp(format!("not a boolean: {other:?}"))),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let plain = self.plain()?;
        match plain_uint(&plain) {
            Some(n) => visitor.visit_u64(n),
            None => Err(GiveUp(format!("not a plain decimal number: {plain:?}"))),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_u64(visitor)
    }

    /// serde_yaml takes any scalar as a string, whatever its YAML type.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let value = self.scalar()?.0;
        visit(self, visitor, value)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let null = matches!(
            self.peek()?,
            Ev::Scalar(value, TScalarStyle::Plain) if is_null(value)
        );
        if null {
            self.next()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.expect(Ev::SequenceStart)?;
        let value = visitor.visit_seq(Items(&mut *self))?;
        // A visitor that stopped early left items behind.
        self.expect(Ev::SequenceEnd)?;
        Ok(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.expect(Ev::MappingStart)?;
        self.depth += 1;
        let value = visitor.visit_map(Entries(&mut *self))?;
        self.depth -= 1;
        self.expect(Ev::MappingEnd)?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_map(visitor)
    }

    /// A unit variant, from a scalar of any style (as serde_yaml reads one).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        let (value, _) = self.scalar()?;
        visitor.visit_enum(value.into_deserializer())
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp::new("a unit struct"))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp::new("a newtype struct"))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp::new("a tuple"))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp::new("a tuple struct"))
    }

    // The model has none of these.
    give_up_on! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_ignored_any
    }
}

/// The items of a sequence, up to its end (left for [`Deserializer::deserialize_seq`]).
struct Items<'r, 'a>(&'r mut Reader<'a>);

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GiveUp> {
        if matches!(self.0.peek()?, Ev::SequenceEnd) {
            return Ok(None);
        }
        seed.deserialize(&mut *self.0).map(Some)
    }
}

/// The entries of a mapping, up to its end (left for [`Deserializer::deserialize_map`]).
struct Entries<'r, 'a>(&'r mut Reader<'a>);

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GiveUp> {
        let top = self.0.depth == 1;
        self.0.peek()?;
        match &self.0.peeked {
            Some((Ev::MappingEnd, _)) => return Ok(None),
            Some((Ev::Scalar(key, _), line)) => {
                if top {
                    self.0.top_keys.push((key.to_string(), *line));
                }
            }
            _ => return Err(GiveUp::new("a key that is not a scalar")),
        }
        seed.deserialize(&mut *self.0).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        seed.deserialize(&mut *self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dossier, Quote};

    fn both<T: DeserializeOwned + PartialEq + fmt::Debug>(text: &str) -> T {
        let reference: T = serde_yaml::from_str(text).expect("serde_yaml reads it");
        let (fast, _, _) = read::<T>(text).expect("the fast path reads it");
        assert_eq!(fast, reference, "{text}");
        fast
    }

    fn gives_up<T: DeserializeOwned>(text: &str) -> GiveUp {
        match read::<T>(text) {
            Ok(_) => panic!("the fast path should give up on {text:?}"),
            Err(why) => why,
        }
    }

    const QUOTE: &str = "id: q\ntext: t\nspeaker: s\nlanguage: es\nsource: x\n";

    #[test]
    fn the_embedded_dossier_reads_the_same_both_ways() {
        let d: Dossier = both(super::super::EMBEDDED_YAML);
        assert!(d.quotes.len() > 5);
    }

    #[test]
    fn scalars_of_every_style_read_as_serde_yaml_reads_them() {
        for text in [
            "\"double \\\"quoted\\\" \\u00e9\\n\"",
            "'single ''quoted'''",
            "|\n  literal\n  block\n",
            ">-\n  folded\n  block\n\n  para\n",
            "plain words, a colon:inside # and a comment",
            "",
            "~",
            "multi\n  line plain",
            "\"multi\n  line\n\n  quoted\"",
            "123",
            "true",
            "null",
            "0x1f",
        ] {
            both::<Quote>(&QUOTE.replace("text: t", &format!("text: {text}")));
        }
    }

    #[test]
    fn optional_fields_and_dates_read_as_serde_yaml_reads_them() {
        for extra in [
            "date: 2023",
            "date: 2023-07",
            "date: 2023-07-01",
            "date: \"2023-07-01\"",
            "date: ~",
            "date: null",
            "date:",
            "context: ''",
            "translation: true",
            "translation: False",
        ] {
            both::<Quote>(&format!("{QUOTE}{extra}\n"));
        }
    }

    #[test]
    fn what_it_cannot_vouch_for_makes_it_give_up() {
        // Anchors, aliases, tags and a second document.
        gives_up::<Quote>(&QUOTE.replace("text: t", "text: &x t"));
        gives_up::<Quote>(&format!("text: &x t\nspeaker: *x\n{}", &QUOTE[5..]));
        gives_up::<Quote>(&QUOTE.replace("text: t", "text: !!str t"));
        gives_up::<Quote>(&format!("{QUOTE}---\n{QUOTE}"));
        // Years and dates of another spelling.
        for date in ["+2023", "0x7e7", "2023.5", "1e3", "02023", "True"] {
            gives_up::<Quote>(&format!("{QUOTE}date: {date}\n"));
        }
        // Any error at all: serde_yaml's message is the one users see.
        gives_up::<Quote>(&format!("{QUOTE}colour: red\n"));
        gives_up::<Quote>("id: q\n");
        gives_up::<Quote>(&format!("{QUOTE}id: again\n"));
        gives_up::<Quote>("id: [unclosed\n");
    }
}
