//! Where the rules' problems are. The rules run on the model after the reading and name record
//! paths (`quotes[3].source`); the reader noted where each record starts. For the problems that
//! can be shown (at most a few hundred, [`super::report::Problems`]), the records they are in
//! are read again, each on its own, for the exact line and column: a few records, never the
//! file.

use std::collections::HashMap;

use super::events::{Ev, Events, Parsed};
use super::reader::Records;
use super::report::{Anchor, Path, Problems, Seg};

/// Where a node is: its own start, and its key's when it is in a mapping.
#[derive(Debug, Clone, Copy)]
struct Found {
    node: usize,
    key: Option<usize>,
}

/// The length of a record's path within `path`: `[list, index]` or `[value]`.
fn record_len(path: &[Seg]) -> usize {
    match path.get(1) {
        Some(Seg::Index(_)) => 2,
        _ => path.len().min(1),
    }
}

/// Places every kept problem that names a path rather than a position.
pub(super) fn place(text: &str, records: &Records, problems: &mut Problems) {
    // The record of each path to place, with the paths wanted in it.
    let mut wanted: HashMap<Path, Vec<Path>> = HashMap::new();
    for p in problems.kept_mut() {
        let paths = match p.anchor {
            Anchor::Value => vec![p.path.clone()],
            _ => Vec::new(),
        };
        for path in paths.into_iter().chain(p.related.clone()) {
            let record = path[..record_len(&path)].to_vec();
            wanted.entry(record).or_default().push(path);
        }
    }
    let mut found: HashMap<Path, Found> = HashMap::new();
    for (record, paths) in &wanted {
        let Some(start) = records.record_start(record) else {
            continue;
        };
        found.insert(
            record.clone(),
            Found {
                node: start,
                key: None,
            },
        );
        walk(text, start, record, paths, &mut found);
    }
    let position = |path: &Path, key: bool| -> Option<usize> {
        if let Some(f) = found.get(path) {
            return Some(if key { f.key.unwrap_or(f.node) } else { f.node });
        }
        (0..path.len())
            .rev()
            .find_map(|len| found.get(&path[..len]).map(|f| f.node))
    };
    for p in problems.kept_mut() {
        let at = match p.anchor {
            Anchor::Value => position(&p.path, false),
            _ => None,
        };
        if let Some(at) = at {
            p.anchor = Anchor::Offset(at);
        }
        if let Some(related) = &p.related {
            p.related_at = position(related, false);
        }
    }
}

/// Reads the record at `record` (its node starts at byte `start`) and notes where each of
/// `paths` (and their parents) is.
fn walk(text: &str, start: usize, record: &Path, paths: &[Path], found: &mut HashMap<Path, Found>) {
    // A block record is read from the start of its line, so that its indentation is the one
    // the file gives it; a record inside a flow collection from its own start.
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..start];
    let (base, in_item) = if prefix.bytes().all(|b| b == b' ') {
        (line_start, false)
    } else if prefix.trim_start_matches(' ').trim_end_matches(' ') == "-" {
        (line_start, true)
    } else {
        (start, false)
    };
    let mut events = Parsed::new(&text[base..]);
    // The path below the record, and what each open collection is.
    let mut rel: Vec<Seg> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let wanted = |rel: &[Seg]| {
        paths.iter().any(|p| {
            let below = &p[record.len()..];
            below.len() >= rel.len() && below[..rel.len()] == *rel
        })
    };
    // In an item, the events start with the list the item is in.
    let mut skip_list = in_item;
    while let Ok(event) = events.next_event() {
        let at = event.at + base;
        let (opens, closes) = match &event.ev {
            Ev::Scalar { .. } | Ev::Alias(_) => (false, false),
            Ev::SequenceStart { .. } | Ev::MappingStart { .. } => (true, false),
            Ev::SequenceEnd | Ev::MappingEnd => (false, true),
            Ev::StreamEnd | Ev::DocumentEnd => return,
            _ => continue,
        };
        if skip_list {
            if !matches!(event.ev, Ev::SequenceStart { .. }) {
                return;
            }
            skip_list = false;
            continue;
        }
        if closes {
            if let Some(frame) = stack.pop()
                && frame.pushed
            {
                rel.pop();
            }
            if stack.is_empty() {
                return;
            }
            continue;
        }
        // A key: kept for the value that follows.
        if let Some(Frame {
            kind: Kind::Map { key, awaiting_key },
            ..
        }) = stack.last_mut()
            && *awaiting_key
        {
            *awaiting_key = false;
            *key = match &event.ev {
                Ev::Scalar { value, .. } => Some((value.to_string(), at)),
                _ => None,
            };
            if opens {
                // A complex key: walked, never matched.
                stack.push(Frame {
                    kind: Kind::of(&event.ev),
                    pushed: false,
                    live: false,
                });
            }
            continue;
        }
        let (seg, key_at, live) = match stack.last_mut() {
            None => (None, None, true),
            Some(frame) => {
                let live = frame.live;
                match &mut frame.kind {
                    Kind::Map { key, awaiting_key } => {
                        *awaiting_key = true;
                        match key.take() {
                            Some((k, key_at)) => (Some(Seg::Key(k.into())), Some(key_at), live),
                            None => (None, None, false),
                        }
                    }
                    Kind::Seq { next } => {
                        *next += 1;
                        (Some(Seg::Index(*next - 1)), None, live)
                    }
                }
            }
        };
        let mut pushed = false;
        let mut live = live;
        if live {
            if let Some(seg) = seg {
                rel.push(seg);
                pushed = true;
            }
            live = wanted(&rel);
            if live && !rel.is_empty() {
                let mut path = record.clone();
                path.extend(rel.iter().cloned());
                found.insert(
                    path,
                    Found {
                        node: at,
                        key: key_at,
                    },
                );
            }
        }
        if opens {
            stack.push(Frame {
                kind: Kind::of(&event.ev),
                pushed,
                live,
            });
        } else {
            if pushed {
                rel.pop();
            }
            if stack.is_empty() {
                return;
            }
        }
    }
}

struct Frame {
    kind: Kind,
    /// Its segment is on the path.
    pushed: bool,
    /// It is on the way to a wanted path.
    live: bool,
}

enum Kind {
    Map {
        key: Option<(String, usize)>,
        awaiting_key: bool,
    },
    Seq {
        next: usize,
    },
}

impl Kind {
    fn of(ev: &Ev<'_>) -> Self {
        match ev {
            Ev::MappingStart { .. } => Kind::Map {
                key: None,
                awaiting_key: true,
            },
            _ => Kind::Seq { next: 0 },
        }
    }
}
