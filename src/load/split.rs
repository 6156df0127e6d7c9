//! A large dossier read on every core: its long record lists cut between items, each piece read
//! by [`stream`] on its own thread, and the rest of the document read around them.
//!
//! A newsroom's dossier is nearly all one list (`quotes:` with 100,000 items). In block YAML an
//! item of that list starts on a line of its own, `- ` at the list's indentation, and such a
//! line can only be an item of that list, or the end of something unfinished: a quoted scalar
//! or a flow collection left open, which makes the piece before it fail to parse. So pieces cut
//! at those lines, read as sequences of their own, give the list's items exactly when every
//! piece reads.
//!
//! The rest of the document is read with each cut list written as `key: []`. A top-level key
//! must then be met at the very line where the list's key was: the text up to there is the
//! file's own, so the parser reached that line in the state the file puts it in. A file whose top
//! level has another shape (it starts with `---`, a flow mapping, a tab) is read in one stream;
//! a piece or a key check that fails gives up, and the caller reads the file another way.

use memchr::memchr_iter;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::stream::{self, GiveUp};
use crate::model::Dossier;

/// Where to cut: lists shorter than `min` bytes are read with the rest (threads would cost more
/// than they save), and pieces are about `piece` bytes, so threads share the work evenly.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    min: usize,
    piece: usize,
}

const SIZES: Sizes = Sizes {
    min: 1 << 20,
    piece: 1 << 20,
};

/// Reads `text` in pieces on every core where it has a long list, in one stream otherwise; and
/// whether every string in it is clean text, which the text checks then need not read again.
pub(super) fn read(text: &str) -> Result<(Dossier, bool), GiveUp> {
    read_sized(text, SIZES)
}

fn read_sized(text: &str, sizes: Sizes) -> Result<(Dossier, bool), GiveUp> {
    // A top level of another shape is still read, in one stream.
    let lists = long_lists(text, sizes).unwrap_or_default();
    if lists.is_empty() {
        return stream::read::<Dossier>(text).map(|(dossier, _, clean)| (dossier, clean));
    }
    let (rest, replaced) = without(text, &lists);
    let (head, pieces) = rayon::join(
        || stream::read::<Dossier>(&rest),
        || {
            lists
                .par_iter()
                .map(|list| list.read())
                .collect::<Result<Vec<_>, _>>()
        },
    );
    let (mut dossier, top_keys, mut clean) = head?;
    for ((list, (items, items_clean)), line) in lists.iter().zip(pieces?).zip(replaced) {
        if !top_keys.iter().any(|(k, l)| k == list.key && *l == line) {
            return Err(GiveUp(format!(
                "`{}:` is not a key at line {line}",
                list.key
            )));
        }
        items.put(&mut dossier);
        clean &= items_clean;
    }
    Ok((dossier, clean))
}

/// One of the dossier's record lists, as `key:` alone on a line at column 0 followed by its items.
struct List<'t> {
    key: &'static str,
    /// Byte offsets of the key line's start and of the list's end (the next top-level line).
    start: usize,
    end: usize,
    /// The items, a few per piece, each piece a whole number of items.
    pieces: Vec<&'t str>,
    /// The indentation of its items.
    indent: usize,
}

/// The items of one list, read.
enum Items {
    Sources(Vec<crate::model::Source>),
    Stages(Vec<crate::model::Stage>),
    Trophies(Vec<crate::model::Trophy>),
    Matches(Vec<crate::model::Match>),
    Offers(Vec<crate::model::Offer>),
    Quotes(Vec<crate::model::Quote>),
}

impl List<'_> {
    fn read(&self) -> Result<(Items, bool), GiveUp> {
        let (p, indent) = (&self.pieces, self.indent);
        Ok(match self.key {
            "sources" => read_pieces(p, indent).map(|(v, c)| (Items::Sources(v), c))?,
            "stages" => read_pieces(p, indent).map(|(v, c)| (Items::Stages(v), c))?,
            "trophies" => read_pieces(p, indent).map(|(v, c)| (Items::Trophies(v), c))?,
            "matches" => read_pieces(p, indent).map(|(v, c)| (Items::Matches(v), c))?,
            "offers" => read_pieces(p, indent).map(|(v, c)| (Items::Offers(v), c))?,
            _ => read_pieces(p, indent).map(|(v, c)| (Items::Quotes(v), c))?,
        })
    }
}

impl Items {
    fn put(self, d: &mut Dossier) {
        match self {
            Items::Sources(v) => d.sources = v,
            Items::Stages(v) => d.stages = v,
            Items::Trophies(v) => d.trophies = v,
            Items::Matches(v) => d.matches = v,
            Items::Offers(v) => d.offers = v,
            Items::Quotes(v) => d.quotes = v,
        }
    }
}

/// Reads the pieces a few per thread at a time, moving each batch into one vector sized from the
/// item lines beforehand: the records are never held twice, nor copied as a vector grows.
fn read_pieces<T: DeserializeOwned + Send>(
    pieces: &[&str],
    indent: usize,
) -> Result<(Vec<T>, bool), GiveUp> {
    let lines: usize = pieces.par_iter().map(|p| item_lines(p, indent)).sum();
    let mut items = Vec::with_capacity(lines);
    let mut clean = true;
    for batch in pieces.chunks(2 * rayon::current_num_threads()) {
        let read: Vec<(Vec<T>, bool)> = batch
            .par_iter()
            .map(|piece| stream::read_items::<Vec<T>>(piece))
            .collect::<Result<_, _>>()?;
        for (piece, piece_clean) in read {
            items.extend(piece);
            clean &= piece_clean;
        }
    }
    Ok((items, clean))
}

/// How many lines of `piece` start an item at `indent`.
fn item_lines(piece: &str, indent: usize) -> usize {
    let after_breaks = memchr_iter(b'\n', piece.as_bytes()).map(|i| &piece[i + 1..]);
    std::iter::once(piece)
        .chain(after_breaks)
        .filter(|rest| is_item(rest, indent))
        .count()
}

const KEYS: [&str; 6] = [
    "sources", "stages", "trophies", "matches", "offers", "quotes",
];

/// The long record lists of `text`, in file order; an error where the file's top level is of a
/// shape this module does not cut.
fn long_lists(text: &str, sizes: Sizes) -> Result<Vec<List<'_>>, GiveUp> {
    let bytes = text.as_bytes();
    let mut lists = Vec::new();
    // The list being measured: its key and where its key line starts.
    let mut open: Option<(&'static str, usize)> = None;
    let mut close = |open: &mut Option<(&'static str, usize)>, end: usize| {
        if let Some((key, start)) = open.take()
            && end - start >= sizes.min
            && let Some((indent, pieces)) = pieces(text, start, end, sizes.piece)
        {
            lists.push(List {
                key,
                start,
                end,
                pieces,
                indent,
            });
        }
    };
    for start in std::iter::once(0).chain(memchr_iter(b'\n', bytes).map(|i| i + 1)) {
        let Some(&first) = bytes.get(start) else {
            continue;
        };
        match first {
            // Inside whatever the previous top-level line opened.
            b' ' | b'\n' | b'\r' | b'#' => continue,
            // An item of a list written at column 0 (`quotes:` then `- id: ...`).
            b'-' if matches!(bytes.get(start + 1), Some(b' ' | b'\n' | b'\r')) => continue,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                close(&mut open, start);
                let line = line_at(text, start);
                open = KEYS
                    .into_iter()
                    .find(|key| bare_key(line, key))
                    .map(|key| (key, start));
            }
            _ => {
                return Err(GiveUp::new(
                    "a top-level line this reader does not cut around",
                ));
            }
        }
    }
    close(&mut open, text.len());
    Ok(lists)
}

/// The line starting at `start`, without its line break.
fn line_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let line = rest.split('\n').next().unwrap_or(rest);
    line.strip_suffix('\r').unwrap_or(line)
}

/// `key:` alone on its line (a comment may follow).
fn bare_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(':'))
        .map(|rest| rest.trim_start_matches(' '))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
}

/// The list from its key line at `start` to `end`, cut at item lines into pieces of about
/// `size` bytes, and the items' indentation; `None` when it does not start with an item.
fn pieces(text: &str, start: usize, end: usize, size: usize) -> Option<(usize, Vec<&str>)> {
    let body_start = start + line_at(text, start).len();
    let body = &text[body_start..end];
    // The first line that is not blank or a comment must be an item; its indentation is the
    // list's.
    let first = body
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len();
            Some((here, line))
        })
        .find(|(_, line)| {
            let t = line.trim_start_matches(' ').trim_end();
            !t.is_empty() && !t.starts_with('#')
        })?;
    let indent = first.1.len() - first.1.trim_start_matches(' ').len();
    if !is_item(first.1, indent) {
        return None;
    }
    let bytes = body.as_bytes();
    let mut cuts = vec![first.0];
    let mut at = first.0 + size;
    while at < body.len() {
        // The next line at or after `at` that starts an item.
        let next = memchr_iter(b'\n', &bytes[at..])
            .map(|i| at + i + 1)
            .find(|&line| is_item(&body[line..], indent));
        match next {
            Some(line) => {
                cuts.push(line);
                at = line + size;
            }
            None => break,
        }
    }
    cuts.push(body.len());
    Some((indent, cuts.windows(2).map(|w| &body[w[0]..w[1]]).collect()))
}

/// Whether `rest` starts with an item at `indent`: that many spaces, `-`, then a space or the
/// end of the line.
fn is_item(rest: &str, indent: usize) -> bool {
    let b = rest.as_bytes();
    b.len() > indent
        && b[..indent].iter().all(|&c| c == b' ')
        && b[indent] == b'-'
        && matches!(b.get(indent + 1), None | Some(b' ' | b'\n' | b'\r'))
}

/// `text` with each list's key line and items written as `key: []`, and the 1-based line each
/// of those is on.
fn without(text: &str, lists: &[List<'_>]) -> (String, Vec<usize>) {
    let cut: usize = lists.iter().map(|l| l.end - l.start).sum();
    let mut rest = String::with_capacity(text.len() - cut + 64 * lists.len());
    let mut lines = Vec::with_capacity(lists.len());
    let mut at = 0;
    for list in lists {
        rest.push_str(&text[at..list.start]);
        lines.push(memchr_iter(b'\n', rest.as_bytes()).count() + 1);
        rest.push_str(list.key);
        rest.push_str(": []\n");
        at = list.end;
    }
    rest.push_str(&text[at..]);
    (rest, lines)
}

/// The fast path's one promise, checked (for tests and the fuzzer): whatever it reads, cut as
/// usual or into the smallest pieces, serde_yaml reads the same way.
pub(super) fn agrees(text: &str) -> Result<(), String> {
    let reference = serde_yaml::from_str::<Dossier>(text);
    for sizes in [SIZES, Sizes { min: 0, piece: 1 }] {
        match (read_sized(text, sizes), &reference) {
            (Ok((fast, _)), Ok(reference)) if fast != *reference => {
                return Err(format!("{sizes:?}: read differently"));
            }
            (Ok(_), Err(e)) => {
                return Err(format!(
                    "{sizes:?}: serde_yaml refuses it ({e}), the fast path not"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::stream::Ev;
    use crate::testgen;

    /// Cut everything: every list, pieces of one or two items.
    const TINY: Sizes = Sizes { min: 0, piece: 1 };

    /// Reads `text` in pieces and checks it against serde_yaml; the number of pieces read.
    fn same_in_pieces(text: &str, sizes: Sizes) -> usize {
        let reference: Dossier = serde_yaml::from_str(text).expect("valid");
        let lists = long_lists(text, sizes).expect("a shape it cuts");
        assert_eq!(
            read_sized(text, sizes).expect("read in pieces").0,
            reference
        );
        lists.iter().map(|l| l.pieces.len()).sum()
    }

    #[test]
    fn a_generated_dossier_reads_the_same_in_pieces() {
        let mut text = Vec::new();
        testgen::write_yaml(&mut text, testgen::Spec::new(3_000)).expect("in memory");
        let text = String::from_utf8(text).expect("UTF-8");
        assert!(
            text.len() > SIZES.min,
            "{} bytes: long enough to cut",
            text.len()
        );
        assert!(same_in_pieces(&text, SIZES) > 1);
        // The generator writes the plainest shape: every piece is read a line at a time.
        for list in long_lists(&text, SIZES).expect("a shape it cuts") {
            for piece in list.pieces {
                let mut lines = super::super::lines::Lines::new(piece);
                while lines.next_event().expect("read by lines") != Ev::StreamEnd {}
            }
        }
        assert!(same_in_pieces(&text, TINY) > 3_000);
    }

    #[test]
    fn the_embedded_dossier_reads_the_same_in_pieces() {
        let text = super::super::EMBEDDED_YAML;
        let pieces = same_in_pieces(text, TINY);
        assert!(pieces > 100, "{pieces}");
    }

    #[test]
    fn lists_at_column_zero_and_comments_between_items_are_cut_too() {
        let text = "subject: {name: X, sources: [a]}\nsources:\n# one\n- {id: a, title: T, \
                    publisher: P, language: en, kind: wiki}\n\n# two\n- id: b\n  title: T\n  \
                    publisher: P\n  language: en\n  kind: wiki\nquotes: [] # none yet\n";
        assert_eq!(same_in_pieces(text, TINY), 2);
    }

    #[test]
    fn a_cut_inside_a_scalar_is_noticed() {
        // The second `- ` line is inside the quoted text: the first piece then ends in an open
        // quote and fails, so the whole reading gives up rather than split the quote.
        let text = "subject: {name: X, sources: [a]}\nsources:\n  - id: a\n    title: \"T\n  \
                    - id: b\"\n    publisher: P\n    language: en\n    kind: wiki\n";
        assert!(serde_yaml::from_str::<Dossier>(text).is_ok());
        assert!(read_sized(text, TINY).is_err());
        // A key swallowed by a quoted scalar is not taken for the list's key.
        let text = "subject: {name: X, sources: [a], summary: \"a\nsources:\n  - b\"}\n\
                    sources: [{id: a, title: T, publisher: P, language: en, kind: wiki}]\n";
        assert!(serde_yaml::from_str::<Dossier>(text).is_ok());
        assert!(read_sized(text, TINY).is_err());
    }

    #[test]
    fn top_levels_it_does_not_cut_around_give_up() {
        for text in ["---\nsubject: {}\n", "\"subject\": {}\n", "\tsubject: {}\n"] {
            assert!(long_lists(text, TINY).is_err(), "{text:?}");
        }
    }

    #[test]
    fn every_fixture_reads_as_serde_yaml_reads_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = vec![dir.join("tui.yaml")];
        for sub in ["good", "bad"] {
            for entry in std::fs::read_dir(dir.join(sub)).expect("fixtures") {
                files.push(entry.expect("a fixture").path());
            }
        }
        assert!(files.len() > 20);
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue; // the fixtures that are not UTF-8
            };
            agrees(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            if file.parent().is_some_and(|d| d.ends_with("good")) {
                assert!(read_sized(&text, TINY).is_ok(), "{}", file.display());
            }
        }
    }

    #[test]
    fn a_plain_scalar_that_starts_with_an_indicator_is_left_to_serde_yaml() {
        // Found by the load fuzz target: yaml-rust2 read `[|rofile]`, serde_yaml refuses it.
        let text = include_str!("../../fuzz/seeds/load/flow-indicator.yaml");
        agrees(text).expect("the same answer");
        for indicator in ["|", ">", "!x", "&", "*", "%", "@", "`", ","] {
            let text = format!("subject: {{name: X, sources: [{indicator}a]}}\nsources: []\n");
            agrees(&text).unwrap_or_else(|e| panic!("{indicator}: {e}"));
        }
    }

    #[test]
    fn broken_copies_of_the_embedded_dossier_read_as_serde_yaml_reads_them() {
        // Each copy has one line changed the ways hand edits and bad merges change lines.
        let lines: Vec<&str> = super::super::EMBEDDED_YAML.lines().collect();
        let mut rng = testgen::Rng::new(7);
        for round in 0..400 {
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
            agrees(&text).unwrap_or_else(|e| panic!("round {round}, line {at}: {e}"));
        }
    }
}
