//! Where a record path is in the file: serde_yaml gives no spans, so when there is something to
//! report, one pass of yaml-rust2's event parser (whose events carry line and column) maps the
//! paths that problems name to positions. Only those paths (and their parents, for a fallback) are
//! kept, so the index stays small however big the file is.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use super::report::{Path, Problem, Seg};

/// A 1-based line and column (in characters).
type Pos = (usize, usize);

fn pos(mark: &Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    (mark.line(), mark.col() + 1)
}

#[derive(Debug, Default, Clone, Copy)]
struct Found {
    /// Where the node starts.
    node: Option<Pos>,
    /// The char index of `node`, to tell a block mapping's late start marker from its first key.
    node_index: usize,
    /// Where its key is, for a node in a mapping.
    key: Option<Pos>,
}

enum Container {
    Map {
        /// The next node is a key.
        awaiting_key: bool,
        /// The last key read, and where it was.
        key: Option<(String, Marker)>,
        /// The first key has not been seen yet (block mappings report their start late).
        first: bool,
    },
    Seq {
        next: usize,
    },
}

struct Frame {
    container: Container,
    /// This container is on the way to a wanted path.
    live: bool,
    /// This container's own path segment was pushed onto the current path.
    pushed: bool,
}

/// Positions of the wanted record paths in one document.
pub(crate) struct Locator {
    found: HashMap<Path, Found>,
}

impl Locator {
    /// Walks the document once and records where each wanted path (and each of its parents) is.
    pub fn build<'a>(text: &str, wanted: impl Iterator<Item = &'a Path>) -> Self {
        let mut prefixes: HashSet<Path> = HashSet::new();
        for path in wanted {
            for len in 0..=path.len() {
                prefixes.insert(path[..len].to_vec());
            }
        }
        let mut found: HashMap<Path, Found> = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut current: Path = Vec::new();
        let mut parser = Parser::new_from_str(text);
        // The file passed serde_yaml, so yaml-rust2 rarely fails on it; if it does, what was found
        // before the failure is still right.
        while let Ok((event, mark)) = parser.next_token() {
            let (is_node, opens) = match &event {
                Event::Scalar(..) | Event::Alias(_) => (true, false),
                Event::MappingStart(..) | Event::SequenceStart(..) => (true, true),
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some(frame) = stack.pop()
                        && frame.pushed
                    {
                        current.pop();
                    }
                    continue;
                }
                Event::DocumentEnd | Event::StreamEnd => break,
                _ => continue,
            };
            if !is_node {
                continue;
            }
            // A key in a mapping: remember it for the value that follows.
            if let Some(Frame {
                container:
                    Container::Map {
                        awaiting_key,
                        key,
                        first,
                    },
                live,
                ..
            }) = stack.last_mut()
                && *awaiting_key
            {
                *awaiting_key = false;
                if *first {
                    *first = false;
                    // A block mapping's start marker comes after its first key: use the key.
                    if *live
                        && let Some(f) = found.get_mut(&current)
                        && mark.index() < f.node_index
                    {
                        f.node = Some(pos(&mark));
                        f.node_index = mark.index();
                    }
                }
                *key = match &event {
                    Event::Scalar(text, ..) => Some((text.clone(), mark)),
                    _ => None,
                };
                if opens {
                    // A complex key (a mapping or list as a key): walk it, never match in it.
                    stack.push(Frame {
                        container: container_for(&event),
                        live: false,
                        pushed: false,
                    });
                }
                continue;
            }
            // A value: work out its path and whether anyone asked for it.
            let (seg, key_mark, parent_live) = match stack.last_mut() {
                None => (None, None, true),
                Some(frame) => match &mut frame.container {
                    Container::Map {
                        awaiting_key, key, ..
                    } => {
                        *awaiting_key = true;
                        match key.take() {
                            Some((k, m)) => (Some(Seg::Key(Cow::Owned(k))), Some(m), frame.live),
                            None => (None, None, false),
                        }
                    }
                    Container::Seq { next } => {
                        *next += 1;
                        (Some(Seg::Index(*next - 1)), None, frame.live)
                    }
                },
            };
            let mut live = parent_live;
            let mut pushed = false;
            if live {
                if let Some(seg) = seg {
                    current.push(seg);
                    pushed = true;
                }
                live = prefixes.contains(&current);
                if live {
                    found.insert(
                        current.clone(),
                        Found {
                            node: Some(pos(&mark)),
                            node_index: mark.index(),
                            key: key_mark.as_ref().map(pos),
                        },
                    );
                }
            }
            if opens {
                stack.push(Frame {
                    container: container_for(&event),
                    live,
                    pushed,
                });
            } else if pushed {
                current.pop();
            }
        }
        Self { found }
    }

    /// The line and column of `path` (of its key if `key` and it has one); for a path not in the
    /// file (a missing field, a node behind an alias), the nearest parent that is.
    pub fn position(&self, path: &Path, key: bool) -> Option<Pos> {
        if let Some(f) = self.found.get(path) {
            let p = if key { f.key.or(f.node) } else { f.node };
            if p.is_some() {
                return p;
            }
        }
        (0..path.len())
            .rev()
            .find_map(|len| self.found.get(&path[..len]).and_then(|f| f.node))
    }
}

fn container_for(event: &Event) -> Container {
    match event {
        Event::MappingStart(..) => Container::Map {
            awaiting_key: true,
            key: None,
            first: true,
        },
        _ => Container::Seq { next: 0 },
    }
}

/// How many nodes alias expansion may add to a document. Real dossiers reuse a few small lists
/// (a shared `sources` list); an "alias bomb" nests aliases to expand to billions of nodes.
pub(crate) const MAX_ALIAS_EXPANSION: usize = 100_000;

/// Refuses documents whose aliases would expand past [`MAX_ALIAS_EXPANSION`] nodes, before
/// serde_yaml expands them: its own limit stops the classic "billion laughs" but lets through a few
/// aliases to one huge anchor, which costs time and memory in proportion to the product.
pub(crate) fn check_aliases(text: &str) -> Option<Problem> {
    // Per anchor id: how many nodes it stands for once its own aliases are expanded.
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    // Open anchored nodes: (anchor id, nodes counted when it opened).
    let mut open: Vec<(usize, usize)> = Vec::new();
    // Open collections: the anchor id of each (0 when none).
    let mut collections: Vec<usize> = Vec::new();
    let mut nodes: usize = 0;
    let mut added: usize = 0;
    let mut parser = Parser::new_from_str(text);
    loop {
        // A document yaml-rust2 cannot read is left to serde_yaml, which reports it.
        let Ok((event, mark)) = parser.next_token() else {
            return None;
        };
        match event {
            Event::Scalar(_, _, anchor, _) => {
                nodes += 1;
                if anchor > 0 {
                    sizes.insert(anchor, 1);
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                nodes += 1;
                collections.push(anchor);
                if anchor > 0 {
                    open.push((anchor, nodes + added - 1));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(anchor) = collections.pop()
                    && anchor > 0
                    && let Some((id, start)) = open.pop()
                {
                    sizes.insert(id, nodes + added - start);
                }
            }
            Event::Alias(id) => {
                let size = sizes.get(&id).copied().unwrap_or(1);
                nodes += 1;
                added = added.saturating_add(size.saturating_sub(1));
                if added > MAX_ALIAS_EXPANSION {
                    let (line, column) = pos(&mark);
                    return Some(Problem::at_position(
                        line,
                        column,
                        format!(
                            "too much alias expansion: with this alias the document would grow by \
                             more than {MAX_ALIAS_EXPANSION} nodes (an \"alias bomb\"?); aliases are \
                             for small repeated values"
                        ),
                    ));
                }
            }
            Event::StreamEnd => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::report::at;

    fn locate(text: &str, p: Path, key: bool) -> Option<Pos> {
        let wanted = [p.clone()];
        Locator::build(text, wanted.iter()).position(&p, key)
    }

    const DOC: &str =
        "subject:\n  name: X\nstages:\n  - id: a\n    team: T\n  - {id: b, team: U}\n";

    #[test]
    fn finds_values_and_keys_in_block_and_flow_style() {
        assert_eq!(locate(DOC, at!["stages", 0, "team"], false), Some((5, 11)));
        assert_eq!(locate(DOC, at!["stages", 0, "team"], true), Some((5, 5)));
        assert_eq!(locate(DOC, at!["stages", 1, "team"], false), Some((6, 19)));
        assert_eq!(locate(DOC, at!["stages", 1], false), Some((6, 5)));
    }

    #[test]
    fn a_block_record_starts_at_its_first_key() {
        assert_eq!(locate(DOC, at!["stages", 0], false), Some((4, 5)));
    }

    #[test]
    fn a_missing_field_falls_back_to_its_record() {
        assert_eq!(locate(DOC, at!["stages", 0, "end"], false), Some((4, 5)));
        assert_eq!(locate(DOC, at!["nothing"], false), Some((1, 1)));
    }

    #[test]
    fn columns_count_characters_and_crlf_works() {
        let text = "subject:\r\n  name: \"Óscar\"\r\n  nickname: ñ\r\n";
        assert_eq!(
            locate(text, at!["subject", "nickname"], false),
            Some((3, 13))
        );
    }

    #[test]
    fn alias_bombs_are_caught_before_expansion() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let problem = check_aliases(&text).expect("a bomb");
        assert!(
            problem.message.contains("alias bomb"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn small_aliases_are_fine() {
        let text = "s: &s [a, b]\nx: *s\ny: *s\n";
        assert!(check_aliases(text).is_none());
    }
}
