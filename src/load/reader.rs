//! The one reader: YAML events ([`super::events`]) straight into the model's types, once, for
//! valid and invalid files alike.
//!
//! It is a serde `Deserializer` that never gives up on a record. serde's derived code stops at
//! the first error and drops everything read so far, so the reader answers each request with
//! what the file has when it fits, and otherwise notes the problem with its byte offset and
//! record path and hands the visitor a stand-in, so the rest of the file is still read:
//!
//! - a key the struct does not have (serde gives the field names to `deserialize_struct`):
//!   reported with "did you mean", its value skipped;
//! - a key given twice: reported, the second value skipped;
//! - a required field that is missing (the model's schema says which are required): reported,
//!   a stand-in given;
//! - a value of the wrong kind (text for a number, a list for a text), an unknown enum value
//!   (serde gives the variants): reported, a stand-in given;
//! - a value that refuses its own text (a [`crate::model::Text`] with a refused character, an
//!   impossible date): the model's type reports it ([`crate::model::text::refuse`]), the reader
//!   places it.
//!
//! A record (an item of a top-level list, or a top-level value) with a problem is marked broken:
//! the rules do not look at it. What cannot be read past (a syntax error, nesting deeper than
//! [`MAX_DEPTH`], more values than the file's size explains, alias expansion over its budget)
//! ends the reading: what was found before it is reported.
//!
//! The reader holds no list of sections or fields: they come from the model's types.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Expected, IntoDeserializer,
    MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::events::{Ev, Event, Events, Style};
use super::report::{Path, Problem, Problems, Seg};
use super::suggest::did_you_mean;
use crate::model::text::{collect_refusals, take_refusal};

/// The deepest nesting of lists and mappings accepted (a real dossier needs about six levels).
pub const MAX_DEPTH: usize = 64;

/// Nodes (values, lists, mappings) accepted whatever the size: a dossier is mostly text, about one
/// node per 20 bytes, so only a file of tiny values (`[1,1,1,...]`, minified data) goes past
/// `MAX_NODES_BASE + bytes / BYTES_PER_NODE`.
pub const MAX_NODES_BASE: usize = 1_000_000;
/// See [`MAX_NODES_BASE`].
pub const BYTES_PER_NODE: usize = 8;

/// Alias expansion may copy this many bytes of text plus one per two bytes of the file, and
/// [`ALIAS_NODES_BASE`] nodes plus one per [`ANCHOR_BYTES_PER_NODE`]; anchors may keep this many
/// bytes plus the file's size of text, and as many nodes, for their aliases. Real dossiers reuse a few small lists; an "alias bomb"
/// copies a node millions of times. Bounded so, what aliases cost stays below the file's size
/// in memory.
pub const ALIAS_BYTES_BASE: usize = 64 * 1024;
/// See [`ALIAS_BYTES_BASE`].
pub const ALIAS_NODES_BASE: usize = 100_000;
/// See [`ALIAS_BYTES_BASE`]: a node kept for an anchor costs about 48 bytes.
pub const ANCHOR_BYTES_PER_NODE: usize = 64;

/// What one read found.
pub(super) struct Read<T> {
    /// The value, when the reading went to the end (problems or not).
    pub value: Option<T>,
    /// The problems found, capped ([`Problems`]).
    pub problems: Problems,
    /// Where the top-level values and their items are, and which are broken.
    pub records: Records,
    /// Required top-level fields that were missing.
    pub missing_top: Vec<&'static str>,
    /// The events came from the block-style lexer, which met what it does not read: nothing
    /// else here counts, read again with saphyr-parser.
    pub gave_up: bool,
}

/// A top-level value of the document, for placing the rules' problems and telling the rules
/// which records to skip.
#[derive(Debug, Default)]
pub(super) struct Top {
    /// Its key.
    pub key: &'static str,
    /// Where its value starts.
    pub at: usize,
    /// The value itself has a problem (a top-level record such as `subject`).
    pub broken: bool,
    /// Where each item starts, when the value is a list, and whether the item is broken.
    pub items: Vec<(usize, bool)>,
}

/// The top-level values, in file order.
#[derive(Debug, Default)]
pub(super) struct Records {
    pub tops: Vec<Top>,
}

impl Records {
    /// The top-level value of this key.
    pub(super) fn top(&self, key: &str) -> Option<&Top> {
        self.tops.iter().rev().find(|t| t.key == key)
    }

    /// Whether the record at `index` of the list `key` (or the value `key`, without an index)
    /// has a problem.
    pub(super) fn broken(&self, key: &str, index: Option<usize>) -> bool {
        match (self.top(key), index) {
            (Some(top), None) => top.broken,
            (Some(top), Some(i)) => top.items.get(i).is_some_and(|(_, b)| *b),
            (None, _) => false,
        }
    }

    /// Where the record of `path` starts: the item of a top-level list, or the top-level value.
    pub(super) fn record_start(&self, path: &[Seg]) -> Option<usize> {
        let Some(Seg::Key(key)) = path.first() else {
            return None;
        };
        let top = self.top(key)?;
        match path.get(1) {
            Some(Seg::Index(i)) => top.items.get(*i).map(|(at, _)| *at),
            _ => Some(top.at),
        }
    }
}

/// Reads one document of `text` as a `T`, reporting every problem.
pub(super) fn read<'a, T: DeserializeOwned + JsonSchema>(
    text: &'a str,
    events: impl Events<'a> + 'a,
) -> Read<T> {
    let mut reader = Reader::new(text, Box::new(events), required_fields::<T>());
    let value = collect_refusals(|| reader.document::<T>());
    take_refusal();
    Read {
        gave_up: matches!(value, Err(Stop::GiveUp)),
        value: value.ok().flatten(),
        problems: reader.problems,
        records: reader.records,
        missing_top: reader.missing_top,
    }
}

/// Why reading stopped: a problem already reported (a syntax error, a budget), or an error a
/// visitor returned that the reader could not read past.
#[derive(Debug)]
pub(super) enum Stop {
    Reported,
    Custom(String),
    /// The block-style lexer met what it does not read: read again with saphyr-parser.
    GiveUp,
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Reported => f.write_str("reported"),
            Stop::GiveUp => f.write_str("the lexer gave up"),
            Stop::Custom(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Stop::Custom(msg.to_string())
    }
}

type Res<T> = Result<T, Stop>;

/// Required fields by struct name, from the model's JSON Schema (the derive knows which fields
/// have a default, and serde does not say).
type Required = HashMap<String, Vec<String>>;

fn required_fields<T: JsonSchema>() -> &'static Required {
    static REQUIRED: OnceLock<Required> = OnceLock::new();
    REQUIRED.get_or_init(|| {
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<T>();
        let value = schema.as_value();
        let names = |v: &serde_json::Value| -> Vec<String> {
            v.get("required")
                .and_then(|r| r.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut out = Required::new();
        out.insert(T::schema_name().into_owned(), names(value));
        if let Some(defs) = value.get("$defs").and_then(|d| d.as_object()) {
            for (name, def) in defs {
                out.insert(name.clone(), names(def));
            }
        }
        out
    })
}

/// An anchored node's events, kept for its aliases.
struct Anchored {
    events: Rc<[Ev<'static>]>,
    bytes: usize,
}

/// A node being recorded for its anchor.
struct Recording {
    anchor: usize,
    events: Vec<Ev<'static>>,
    bytes: usize,
    /// Open collections inside it.
    open: usize,
}

/// An alias being expanded.
struct Replay {
    events: Rc<[Ev<'static>]>,
    next: usize,
    /// Where the alias is: problems inside the copy point at it.
    at: usize,
}

struct Reader<'a> {
    text: &'a str,
    source: Box<dyn Events<'a> + 'a>,
    peeked: Option<Event<'a>>,
    replays: Vec<Replay>,
    anchors: HashMap<usize, Anchored>,
    recordings: Vec<Recording>,
    /// What is left of the budgets: text and events kept for anchors, copied by aliases.
    anchor_bytes_left: usize,
    anchor_nodes_left: usize,
    alias_bytes_left: usize,
    alias_nodes_left: usize,
    path: Path,
    depth: usize,
    nodes: usize,
    node_limit: usize,
    problems: Problems,
    records: Records,
    missing_top: Vec<&'static str>,
    required: &'static Required,
    /// Required fields per struct, as a mask over its fields (keyed by the fields' address).
    masks: Vec<(usize, u64)>,
    /// The current top-level list's index in `records`, while reading its items.
    top_list: Option<usize>,
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, source: Box<dyn Events<'a> + 'a>, required: &'static Required) -> Self {
        Self {
            text,
            source,
            peeked: None,
            replays: Vec::new(),
            anchors: HashMap::new(),
            recordings: Vec::new(),
            anchor_bytes_left: ALIAS_BYTES_BASE + text.len(),
            anchor_nodes_left: ALIAS_NODES_BASE + text.len() / ANCHOR_BYTES_PER_NODE,
            alias_bytes_left: ALIAS_BYTES_BASE + text.len() / 2,
            alias_nodes_left: ALIAS_NODES_BASE + text.len() / ANCHOR_BYTES_PER_NODE,
            path: Vec::new(),
            depth: 0,
            nodes: 0,
            node_limit: MAX_NODES_BASE.saturating_add(text.len() / BYTES_PER_NODE),
            problems: Problems::new(),
            records: Records::default(),
            missing_top: Vec::new(),
            required,
            masks: Vec::new(),
            top_list: None,
        }
    }

    // ---- problems ----

    /// Notes a problem at byte `at` of the node at the current path (plus `extra`), and marks
    /// its record broken.
    fn problem(&mut self, at: usize, extra: Option<Seg>, message: impl FnOnce() -> String) {
        self.mark_broken();
        if !self.problems.wants(at as u64) {
            self.problems.skip();
            return;
        }
        let mut path = self.path.clone();
        path.extend(extra);
        self.problems
            .push_at(at as u64, Problem::at_offset(path, at, message()));
    }

    fn mark_broken(&mut self) {
        let Some(Seg::Key(key)) = self.path.first() else {
            return;
        };
        let index = match self.path.get(1) {
            Some(Seg::Index(i)) => Some(*i),
            _ => None,
        };
        if let Some(top) = self.records.tops.iter_mut().rev().find(|t| t.key == key) {
            match index {
                Some(i) => {
                    if let Some(item) = top.items.get_mut(i) {
                        item.1 = true;
                    }
                }
                None => top.broken = true,
            }
        }
    }

    /// A limit the file goes past: the problem that ends the reading, reported alone (what
    /// was found before it is beside the point in a file like that).
    fn limit(&mut self, at: usize, message: String) -> Stop {
        self.problems = Problems::new();
        self.fatal(at, message)
    }

    /// A problem that ends the reading.
    fn fatal(&mut self, at: usize, message: String) -> Stop {
        self.mark_broken();
        self.problems
            .push_at(at as u64, Problem::at_offset(Vec::new(), at, message));
        Stop::Reported
    }

    // ---- events ----

    /// The next event from an alias being expanded, or from the parser.
    fn pull(&mut self) -> Res<Event<'a>> {
        while let Some(replay) = self.replays.last_mut() {
            if let Some(ev) = replay.events.get(replay.next) {
                replay.next += 1;
                let event = Event {
                    ev: ev.clone(),
                    at: replay.at,
                };
                return Ok(event);
            }
            self.replays.pop();
        }
        let event = match self.source.next_event() {
            Ok(event) => event,
            Err(e) if e.message == super::lexer::GIVE_UP => return Err(Stop::GiveUp),
            Err(e) => return Err(self.syntax_error(e.at, &e.message)),
        };
        self.record(&event)?;
        if let Ev::Scalar { tagged: true, .. }
        | Ev::SequenceStart { tagged: true, .. }
        | Ev::MappingStart { tagged: true, .. } = event.ev
        {
            self.problem(event.at, None, || {
                "tags are not part of the dossier format: write the value without its tag \
                 (`!...`)"
                    .to_string()
            });
        }
        Ok(event)
    }

    /// Keeps `event` for every anchor being recorded, and starts recording at an anchor.
    fn record(&mut self, event: &Event<'a>) -> Res<()> {
        let (anchor, opens, closes, bytes) = match &event.ev {
            Ev::Scalar { anchor, value, .. } => (*anchor, false, false, value.len()),
            Ev::SequenceStart { anchor, .. } | Ev::MappingStart { anchor, .. } => {
                (*anchor, true, false, 0)
            }
            Ev::SequenceEnd | Ev::MappingEnd => (0, false, true, 0),
            Ev::Alias(_) => (0, false, false, 0),
            _ => return Ok(()),
        };
        if anchor > 0 {
            self.recordings.push(Recording {
                anchor,
                events: Vec::new(),
                bytes: 0,
                open: 0,
            });
        }
        if self.recordings.is_empty() {
            return Ok(());
        }
        let copies = self.recordings.len();
        if bytes * copies > self.anchor_bytes_left || copies > self.anchor_nodes_left {
            return Err(self.limit(
                event.at,
                format!(
                    "too much anchored text (an \"alias bomb\"?): anchors (`&name`) keep more \
                     than {} or {} nodes of this file for aliases to copy; aliases are for \
                     small repeated values",
                    mib(ALIAS_BYTES_BASE + self.text.len()),
                    ALIAS_NODES_BASE + self.text.len() / ANCHOR_BYTES_PER_NODE
                ),
            ));
        }
        self.anchor_bytes_left -= bytes * copies;
        self.anchor_nodes_left -= copies;
        let owned = event.ev.clone().into_owned();
        let mut done = Vec::new();
        for (i, r) in self.recordings.iter_mut().enumerate() {
            r.events.push(owned.clone());
            r.bytes += bytes;
            if opens {
                r.open += 1;
            } else if closes {
                r.open -= 1;
            }
            if r.open == 0 {
                done.push(i);
            }
        }
        for i in done.into_iter().rev() {
            let r = self.recordings.remove(i);
            self.anchors.insert(
                r.anchor,
                Anchored {
                    events: r.events.into(),
                    bytes: r.bytes,
                },
            );
        }
        Ok(())
    }

    fn syntax_error(&mut self, at: usize, message: &str) -> Stop {
        let mut at = at.min(self.text.len());
        if message.contains("recursion limit") {
            // The parser's own limit on open collections, past ours.
            return self.limit(
                at,
                format!("nesting too deep: more than {MAX_DEPTH} levels of lists and mappings"),
            );
        }
        let message = if message.contains("tab") {
            // Point at the tab itself: just before, or on the next lines (a plain scalar
            // continued by a tab-indented line is reported at its own end).
            let bytes = self.text.as_bytes();
            if at > 0 && bytes[at - 1] == b'\t' {
                at -= 1;
            } else if let Some(tab) = memchr::memchr(b'\t', &bytes[at..])
                && bytes[at..at + tab].iter().filter(|&&b| b == b'\n').count() < 2
            {
                at += tab;
            }
            format!("{message} (YAML indents with spaces, not tabs)")
        } else {
            message.to_string()
        };
        self.fatal(at, message)
    }

    /// The next event, aliases expanded, counted against the budgets.
    fn next(&mut self) -> Res<Event<'a>> {
        let event = match self.peeked.take() {
            Some(event) => event,
            None => self.next_unpeeked()?,
        };
        match event.ev {
            Ev::SequenceEnd | Ev::MappingEnd => self.depth -= 1,
            Ev::SequenceStart { .. } | Ev::MappingStart { .. } => self.depth += 1,
            _ => {}
        }
        Ok(event)
    }

    fn next_unpeeked(&mut self) -> Res<Event<'a>> {
        loop {
            let event = self.pull()?;
            match event.ev {
                Ev::Alias(id) => self.expand(id, event.at)?,
                Ev::Scalar { .. } | Ev::SequenceStart { .. } | Ev::MappingStart { .. } => {
                    self.nodes += 1;
                    if self.nodes > self.node_limit {
                        return Err(self.limit(
                            event.at,
                            format!(
                                "too many values for the file's size: more than {} lists, \
                                 mappings and values in {} (a dossier is mostly text; the limit \
                                 is {MAX_NODES_BASE} plus one per {BYTES_PER_NODE} bytes)",
                                self.node_limit,
                                mib(self.text.len())
                            ),
                        ));
                    }
                    let opens = !matches!(event.ev, Ev::Scalar { .. });
                    if opens && self.depth + 1 > MAX_DEPTH {
                        return Err(self.limit(
                            event.at,
                            format!(
                                "nesting too deep: more than {MAX_DEPTH} levels of lists and \
                                 mappings"
                            ),
                        ));
                    }
                    return Ok(event);
                }
                _ => return Ok(event),
            }
        }
    }

    /// Starts copying the node of anchor `id` for an alias at `at`, within the budgets.
    fn expand(&mut self, id: usize, at: usize) -> Res<()> {
        let name = alias_name(self.text, at);
        let Some(anchored) = self.anchors.get(&id) else {
            return Err(self.fatal(
                at,
                format!(
                    "alias `*{name}` refers to a node that is not finished yet (an alias inside \
                     its own anchor)"
                ),
            ));
        };
        let events = anchored.events.clone();
        let bytes = anchored.bytes;
        let nodes = events.len();
        if bytes > self.alias_bytes_left || nodes > self.alias_nodes_left {
            return Err(self.limit(
                at,
                format!(
                    "too much alias expansion at `*{name}`: with this alias the document would \
                     copy more than {} or {} nodes through aliases (an \"alias bomb\"?); \
                     aliases are for small repeated values",
                    mib(ALIAS_BYTES_BASE + self.text.len() / 2),
                    ALIAS_NODES_BASE + self.text.len() / ANCHOR_BYTES_PER_NODE
                ),
            ));
        }
        self.alias_bytes_left -= bytes;
        self.alias_nodes_left -= nodes;
        if self.replays.len() >= MAX_DEPTH {
            return Err(self.limit(
                at,
                format!("nesting too deep: aliases inside aliases more than {MAX_DEPTH} deep"),
            ));
        }
        self.replays.push(Replay {
            events,
            next: 0,
            at,
        });
        Ok(())
    }

    fn peek(&mut self) -> Res<&Event<'a>> {
        if self.peeked.is_none() {
            let event = self.next_unpeeked()?;
            self.peeked = Some(event);
        }
        // Just filled.
        Ok(self.peeked.as_ref().expect("peeked"))
    }

    /// Skips the rest of a node whose first event was `first`.
    fn skip_rest(&mut self, first: &Ev<'_>) -> Res<()> {
        if !matches!(first, Ev::SequenceStart { .. } | Ev::MappingStart { .. }) {
            return Ok(());
        }
        let mut open = 1usize;
        while open > 0 {
            match self.next()?.ev {
                Ev::SequenceStart { .. } | Ev::MappingStart { .. } => open += 1,
                Ev::SequenceEnd | Ev::MappingEnd => open -= 1,
                Ev::StreamEnd => return Ok(()),
                _ => {}
            }
        }
        Ok(())
    }

    fn skip_node(&mut self) -> Res<()> {
        let first = self.next()?;
        self.skip_rest(&first.ev)
    }

    // ---- the document ----

    fn document<T: DeserializeOwned>(&mut self) -> Res<Option<T>> {
        let first = self.next()?;
        debug_assert_eq!(first.ev, Ev::StreamStart);
        let start = self.next()?;
        let explicit = match start.ev {
            Ev::StreamEnd => {
                self.fatal(
                    0,
                    "empty dossier: expected a mapping with `subject` and `sources`".into(),
                );
                return Ok(None);
            }
            Ev::DocumentStart(explicit) => explicit,
            _ => false,
        };
        if explicit {
            self.tag_directives(start.at);
        }
        let value = T::deserialize(&mut *self)?;
        match self.next()?.ev {
            Ev::DocumentEnd => {}
            _ => return Ok(Some(value)),
        }
        let next = self.next()?;
        if let Ev::DocumentStart(_) = next.ev {
            self.problem(next.at, None, || {
                "the file holds more than one YAML document (`---`); a dossier is a single \
                 document"
                    .to_string()
            });
        }
        Ok(Some(value))
    }

    /// `%TAG` directives before the document: tags are refused even where none is used.
    fn tag_directives(&mut self, document_start: usize) {
        let head = &self.text[..document_start.min(self.text.len())];
        let mut at = 0;
        for line in head.split_inclusive('\n') {
            if line.starts_with("%TAG") {
                self.problem(at, None, || {
                    "tags are not part of the dossier format: remove the `%TAG` directive"
                        .to_string()
                });
            }
            at += line.len();
        }
    }

    // ---- helpers for the Deserializer ----

    /// The mask of `name`'s required fields over `fields`.
    fn required_mask(&mut self, name: &str, fields: &'static [&'static str]) -> u64 {
        let key = fields.as_ptr() as usize;
        if let Some((_, mask)) = self.masks.iter().find(|(k, _)| *k == key) {
            return *mask;
        }
        let mut mask = 0u64;
        if let Some(required) = self.required.get(name) {
            for (i, field) in fields.iter().enumerate().take(64) {
                if required.iter().any(|r| r == field) {
                    mask |= 1 << i;
                }
            }
        }
        self.masks.push((key, mask));
        mask
    }

    /// Reports a node of the wrong kind (its first event is `got`) and skips it.
    fn wrong_type(&mut self, got: Event<'a>, expected: &dyn Expected) -> Res<()> {
        let found = describe(&got.ev);
        let wanted = expected_words(expected);
        self.problem(got.at, None, || {
            format!("invalid type: {found}, expected {wanted}")
        });
        self.skip_rest(&got.ev)
    }

    /// The next node, which should be a scalar: its value and style, or `None` (reported and
    /// skipped) when it is a list or a mapping.
    fn scalar(&mut self, expected: &dyn Expected) -> Res<Option<(Cow<'a, str>, Style, usize)>> {
        let event = self.next()?;
        match event.ev {
            Ev::Scalar { value, style, .. } => Ok(Some((value, style, event.at))),
            _ => {
                self.wrong_type(event, expected)?;
                Ok(None)
            }
        }
    }

    /// Places a refusal the value just read made (an impossible date, a refused character).
    fn placed_refusal(&mut self, at: usize) {
        if let Some(message) = take_refusal() {
            self.problem(at, None, || message);
        }
    }

    fn uint<'de, V: Visitor<'de>>(&mut self, visitor: V, max: u64) -> Res<V::Value> {
        let Some((value, style, at)) = self.scalar(&visitor)? else {
            return visitor.visit_u64(0);
        };
        let wanted = || expected_words(&visitor);
        match (style, resolve(&value)) {
            (Style::Plain, Plain::Int(n)) if (0..=max as i128).contains(&n) => {
                visitor.visit_u64(n as u64)
            }
            (Style::Plain, Plain::Int(n)) => {
                let wanted = wanted();
                self.problem(at, None, || {
                    format!("invalid value: number `{n}`, expected {wanted}")
                });
                visitor.visit_u64(0)
            }
            _ => {
                let found = describe_scalar(&value, style);
                let wanted = wanted();
                self.problem(at, None, || {
                    format!("invalid type: {found}, expected {wanted}")
                });
                visitor.visit_u64(0)
            }
        }
    }
}

/// The name after `*` at byte `at` of the text.
fn alias_name(text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or("");
    let rest = rest.strip_prefix('*').unwrap_or(rest);
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
        .unwrap_or(rest.len());
    shorten(&rest[..end], 40).into_owned()
}

/// At most `max` characters of `s`, for a message.
fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((cut, _)) => Cow::Owned(format!("{}…", &s[..cut])),
    }
}

/// What a plain scalar is in YAML 1.2's core schema, as serde_yaml reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Plain {
    Null,
    Bool(bool),
    Int(i128),
    Float,
    Str,
}

fn resolve(plain: &str) -> Plain {
    match plain {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Plain::Float,
        _ => {}
    }
    let (sign, digits) = match plain.as_bytes()[0] {
        b'-' => (-1, &plain[1..]),
        b'+' => (1, &plain[1..]),
        _ => (1, plain),
    };
    let radix = |prefix: &str, radix: u32| {
        digits
            .strip_prefix(prefix)
            .filter(|d| !d.is_empty())
            .and_then(|d| i128::from_str_radix(d, radix).ok())
    };
    if let Some(n) = radix("0x", 16).or_else(|| radix("0o", 8)) {
        return Plain::Int(sign * n);
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // A leading zero (`0123`) reads as text, as in serde_yaml.
        if digits.len() > 1 && digits.starts_with('0') {
            return Plain::Str;
        }
        return match digits.parse::<i128>() {
            Ok(n) => Plain::Int(sign * n),
            Err(_) => Plain::Float,
        };
    }
    let float = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && digits.parse::<f64>().is_ok();
    if float { Plain::Float } else { Plain::Str }
}

/// What a node is, for "invalid type: ..." (serde's words, made plainer).
fn describe(ev: &Ev<'_>) -> String {
    match ev {
        Ev::Scalar { value, style, .. } => describe_scalar(value, *style),
        Ev::SequenceStart { .. } => "list".into(),
        Ev::MappingStart { .. } => "mapping".into(),
        _ => "nothing".into(),
    }
}

fn describe_scalar(value: &str, style: Style) -> String {
    let text = || format!("string {:?}", shorten(value, 60));
    if style != Style::Plain {
        return text();
    }
    match resolve(value) {
        Plain::Null => "null".into(),
        Plain::Bool(b) => format!("boolean `{b}`"),
        Plain::Int(_) | Plain::Float => format!("number `{}`", shorten(value, 40)),
        Plain::Str => text(),
    }
}

/// What a visitor expects, in the words of the format.
fn expected_words(expected: &dyn Expected) -> String {
    let raw = expected.to_string();
    match raw.as_str() {
        "u8" | "u16" | "u32" | "u64" => "a whole number (0 or more)".into(),
        "a boolean" => "`true` or `false`".into(),
        "a sequence" => "a list".into(),
        _ => match raw.strip_prefix("struct ") {
            Some(name) => format!("a mapping (a {} record)", name.to_lowercase()),
            None => raw,
        },
    }
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => "a known value".to_string(),
        [one] => format!("`{one}`"),
        [rest @ .., last] => format!("`{}` or `{last}`", rest.join("`, `")),
    }
}

/// Stand-in values for what is missing or could not be read: each request gets the emptiest
/// value of its kind, and a struct its required fields.
struct StandIn<'r> {
    required: &'r Required,
}

impl<'de> Deserializer<'de> for StandIn<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_str("")
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_bool(false)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_u64(0)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_u64(0)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_u64(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_u64(0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_none()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_seq(
            de::value::SeqDeserializer::<std::iter::Empty<()>, Stop>::new(std::iter::empty()),
        )
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        let required: Vec<&'static str> = match self.required.get(name) {
            Some(r) => fields
                .iter()
                .copied()
                .filter(|f| r.iter().any(|x| x == f))
                .collect(),
            None => Vec::new(),
        };
        visitor.visit_map(StandInFields {
            required: self.required,
            fields: required.into_iter(),
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        visitor.visit_enum(variants.first().copied().unwrap_or("").into_deserializer())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Res<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        tuple tuple_struct map identifier ignored_any
    }
}

/// The required fields of a stand-in struct, each with a stand-in value.
struct StandInFields<'r> {
    required: &'r Required,
    fields: std::vec::IntoIter<&'static str>,
}

impl<'de> MapAccess<'de> for StandInFields<'_> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        match self.fields.as_slice().first() {
            Some(field) => seed.deserialize(field.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        self.fields.next();
        let value = seed.deserialize(StandIn {
            required: self.required,
        });
        // A stand-in's own refusal (an empty date) is not news.
        take_refusal();
        value
    }
}

impl<'de> Deserializer<'de> for &mut Reader<'_> {
    type Error = Stop;

    /// Only scalar types that take text ask for "anything" ([`crate::model::PartialDate`]): a
    /// plain whole number is a number, everything else its text.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let Some((value, style, at)) = self.scalar(&visitor)? else {
            let stood = visitor.visit_str("");
            take_refusal();
            return stood;
        };
        let result = match (style, resolve(&value)) {
            (Style::Plain, Plain::Int(n)) if n >= 0 && n <= u64::MAX as i128 => {
                visitor.visit_u64(n as u64)
            }
            _ => visitor.visit_str(&value),
        };
        self.placed_refusal(at);
        result
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let Some((value, style, at)) = self.scalar(&visitor)? else {
            return visitor.visit_bool(false);
        };
        match (style, resolve(&value)) {
            (Style::Plain, Plain::Bool(b)) => visitor.visit_bool(b),
            _ => {
                let found = describe_scalar(&value, style);
                let wanted = expected_words(&visitor);
                self.problem(at, None, || {
                    format!("invalid type: {found}, expected {wanted}")
                });
                visitor.visit_bool(false)
            }
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.uint(visitor, u8::MAX.into())
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.uint(visitor, u16::MAX.into())
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.uint(visitor, u32::MAX.into())
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.uint(visitor, u64::MAX)
    }

    /// Any scalar is text, whatever its YAML type (as serde_yaml reads it).
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let Some((value, _, at)) = self.scalar(&visitor)? else {
            let stood = visitor.visit_str("");
            take_refusal();
            return stood;
        };
        let result = match value {
            Cow::Borrowed(s) => visitor.visit_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        };
        self.placed_refusal(at);
        result
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let null = matches!(
            &self.peek()?.ev,
            Ev::Scalar { value, style: Style::Plain, .. } if resolve(value) == Plain::Null
        );
        if null {
            self.next()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let event = self.next()?;
        match event.ev {
            Ev::SequenceStart { .. } => {
                let value = visitor.visit_seq(Items {
                    reader: &mut *self,
                    index: 0,
                })?;
                // A visitor that stopped early left items behind.
                loop {
                    match self.peek()?.ev {
                        Ev::SequenceEnd => {
                            self.next()?;
                            return Ok(value);
                        }
                        Ev::StreamEnd => return Ok(value),
                        _ => self.skip_node()?,
                    }
                }
            }
            // `sources:` with nothing after it is an empty list.
            Ev::Scalar {
                ref value,
                style: Style::Plain,
                ..
            } if resolve(value) == Plain::Null => visitor.visit_seq(StandInSeq),
            _ => {
                self.wrong_type(event, &visitor)?;
                visitor.visit_seq(StandInSeq)
            }
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        let root = self.depth == 0;
        let event = self.next()?;
        match event.ev {
            Ev::MappingStart { .. } => {
                let required = self.required_mask(name, fields);
                let seen = 0;
                visitor.visit_map(Fields {
                    reader: self,
                    fields,
                    required,
                    seen,
                    start: event.at,
                    last: 0,
                    feeding: None,
                    root,
                })
            }
            _ if root => {
                let found = match &event.ev {
                    Ev::Scalar {
                        value,
                        style: Style::Plain,
                        ..
                    } if resolve(value) == Plain::Null => {
                        return Err(self.fatal(
                            0,
                            "empty dossier: expected a mapping with `subject` and `sources`".into(),
                        ));
                    }
                    Ev::Scalar { .. } => "text",
                    Ev::SequenceStart { .. } => "a list",
                    _ => "nothing",
                };
                Err(self.fatal(
                    event.at,
                    format!(
                        "not a dossier: expected a mapping with `subject` and `sources` at the \
                         top, found {found}"
                    ),
                ))
            }
            _ => {
                self.wrong_type(event, &visitor)?;
                StandIn {
                    required: self.required,
                }
                .deserialize_struct(name, fields, visitor)
            }
        }
    }

    /// A unit variant, from a scalar of any style (as serde_yaml reads one).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        let first = variants.first().copied().unwrap_or("");
        let stand_in = |visitor: V| visitor.visit_enum(first.into_deserializer());
        let event = self.next()?;
        let Ev::Scalar { value, .. } = &event.ev else {
            let found = describe(&event.ev);
            let wanted = one_of(variants);
            self.problem(event.at, None, || {
                format!("invalid type: {found}, expected {wanted}")
            });
            self.skip_rest(&event.ev)?;
            return stand_in(visitor);
        };
        match variants.iter().find(|v| **v == value.as_ref()) {
            Some(known) => visitor.visit_enum(Variant(known)),
            None => {
                let name = shorten(value, 60).into_owned();
                let hint = did_you_mean(&name, variants.iter().copied());
                let known = one_of(variants);
                self.problem(event.at, None, || {
                    format!("unknown value `{name}`{hint}; expected {known}")
                });
                stand_in(visitor)
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.skip_node()?;
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Res<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char bytes byte_buf unit unit_struct tuple
        tuple_struct
    }
}

/// A known unit variant.
struct Variant(&'static str);

impl<'de> EnumAccess<'de> for Variant {
    type Error = Stop;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Res<(V::Value, Self)> {
        let value = seed.deserialize(self.0.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for Variant {
    type Error = Stop;

    fn unit_variant(self) -> Res<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Res<T::Value> {
        Err(Stop::Custom("the model has no newtype variants".into()))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Res<V::Value> {
        Err(Stop::Custom("the model has no tuple variants".into()))
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Res<V::Value> {
        Err(Stop::Custom("the model has no struct variants".into()))
    }
}

/// An empty list, for a stand-in.
struct StandInSeq;

impl<'de> SeqAccess<'de> for StandInSeq {
    type Error = Stop;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _: T) -> Res<Option<T::Value>> {
        Ok(None)
    }
}

/// The items of a list, up to its end (left for [`Deserializer::deserialize_seq`]).
struct Items<'r, 'a> {
    reader: &'r mut Reader<'a>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Stop;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Res<Option<T::Value>> {
        let at = match self.reader.peek()? {
            Event {
                ev: Ev::SequenceEnd | Ev::StreamEnd,
                ..
            } => return Ok(None),
            event => event.at,
        };
        let r = &mut *self.reader;
        // An item of a top-level list is a record.
        if r.path.len() == 1
            && let Some(top) = r.top_list.and_then(|t| r.records.tops.get_mut(t))
        {
            top.items.push((at, false));
        }
        r.path.push(Seg::Index(self.index));
        self.index += 1;
        let value = seed.deserialize(&mut *r);
        r.path.pop();
        value.map(Some)
    }
}

/// The entries of a mapping read as a struct: each key is one of `fields`, each field once;
/// at the end the missing required fields are reported and given stand-ins.
struct Fields<'r, 'a> {
    reader: &'r mut Reader<'a>,
    fields: &'static [&'static str],
    /// The required fields, and the fields met so far, as masks over `fields`.
    required: u64,
    seen: u64,
    /// Where the mapping starts (missing fields are reported there).
    start: usize,
    /// The index of the last field met: fields usually come in their order.
    last: usize,
    /// Missing required fields being given stand-ins (after the mapping's end).
    feeding: Option<u64>,
    /// The document's top-level mapping (its fields are "sections").
    root: bool,
}

impl Fields<'_, '_> {
    fn find(&self, key: &str) -> Option<usize> {
        let n = self.fields.len();
        (0..n)
            .map(|k| (self.last + k) % n)
            .find(|&i| self.fields[i] == key)
    }

    /// The next missing required field, to be given a stand-in.
    fn next_missing(&mut self) -> Option<usize> {
        let missing = self.feeding.as_mut()?;
        if *missing == 0 {
            return None;
        }
        let i = missing.trailing_zeros() as usize;
        *missing &= !(1 << i);
        Some(i)
    }
}

impl<'de> MapAccess<'de> for Fields<'_, '_> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        if self.feeding.is_some() {
            return match self.next_missing() {
                Some(i) => {
                    self.last = i;
                    seed.deserialize(self.fields[i].into_deserializer())
                        .map(Some)
                }
                None => Ok(None),
            };
        }
        loop {
            let r = &mut *self.reader;
            let event = r.next()?;
            let key = match event.ev {
                Ev::MappingEnd | Ev::StreamEnd => {
                    let missing = self.required & !self.seen;
                    for i in (0..self.fields.len().min(64)).filter(|i| missing & (1 << i) != 0) {
                        let name = self.fields[i];
                        if self.root {
                            r.missing_top.push(name);
                        }
                        let what = if self.root { "section" } else { "field" };
                        r.problem(self.start, None, || {
                            format!("missing required {what} `{name}`")
                        });
                    }
                    self.feeding = Some(missing);
                    return match self.next_missing() {
                        Some(i) => {
                            self.last = i;
                            seed.deserialize(self.fields[i].into_deserializer())
                                .map(Some)
                        }
                        None => Ok(None),
                    };
                }
                Ev::Scalar { value, .. } => value,
                other => {
                    let what = describe(&other);
                    let at = event.at;
                    r.problem(at, None, || {
                        if self.root {
                            format!("section names are text, found a {what} as a key")
                        } else {
                            format!("keys are text, found a {what} as a key")
                        }
                    });
                    r.skip_rest(&other)?;
                    r.skip_node()?;
                    continue;
                }
            };
            let found = self.find(&key);
            let r = &mut *self.reader;
            match found {
                Some(i) if i < 64 && self.seen & (1 << i) != 0 => {
                    let name = self.fields[i];
                    let within = super::report::format_path(&r.path);
                    r.problem(event.at, None, || {
                        let within = if within.is_empty() {
                            String::new()
                        } else {
                            format!(" in {within}")
                        };
                        format!("duplicate key `{name}`{within}: a mapping has each key once")
                    });
                    r.skip_node()?;
                }
                Some(i) => {
                    if i < 64 {
                        self.seen |= 1 << i;
                    }
                    self.last = i;
                    let name = self.fields[i];
                    if self.root {
                        let at = r.peek()?.at;
                        r.records.tops.push(Top {
                            key: name,
                            at,
                            ..Top::default()
                        });
                        r.top_list = Some(r.records.tops.len() - 1);
                    }
                    return seed.deserialize(name.into_deserializer()).map(Some);
                }
                None => {
                    let fields = self.fields;
                    let root = self.root;
                    let at = event.at;
                    let short = shorten(&key, 60).into_owned();
                    r.problem(at, Some(Seg::Key(Cow::Owned(short.clone()))), || {
                        let hint = did_you_mean(&short, fields.iter().copied());
                        if root {
                            format!("unknown section `{short}`{hint}")
                        } else if !hint.is_empty() || fields.is_empty() {
                            format!("unknown field `{short}`{hint}")
                        } else {
                            format!(
                                "unknown field `{short}`; expected one of `{}`",
                                fields.join("`, `")
                            )
                        }
                    });
                    r.skip_node()?;
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        let name = self.fields[self.last];
        if self.feeding.is_some() {
            let value = seed.deserialize(StandIn {
                required: self.reader.required,
            });
            take_refusal();
            return value;
        }
        let r = &mut *self.reader;
        r.path.push(Seg::Key(Cow::Borrowed(name)));
        let value = seed.deserialize(&mut *r);
        r.path.pop();
        if self.root {
            r.top_list = None;
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_resolve_as_in_yaml_1_2() {
        assert_eq!(resolve("~"), Plain::Null);
        assert_eq!(resolve(""), Plain::Null);
        assert_eq!(resolve("True"), Plain::Bool(true));
        assert_eq!(resolve("12"), Plain::Int(12));
        assert_eq!(resolve("-3"), Plain::Int(-3));
        assert_eq!(resolve("0x1f"), Plain::Int(31));
        assert_eq!(resolve("0123"), Plain::Str);
        assert_eq!(resolve("1.5"), Plain::Float);
        assert_eq!(resolve("1e3"), Plain::Float);
        assert_eq!(resolve(".inf"), Plain::Float);
        assert_eq!(resolve("2023-07"), Plain::Str);
        assert_eq!(resolve("yes"), Plain::Str);
        assert_eq!(resolve("-"), Plain::Str);
    }
}
