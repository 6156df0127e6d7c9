//! Cheap checks on the raw file before any YAML parser sees it: what is not a text dossier at all
//! (too big, not a regular file, binary, not UTF-8, control characters, absurd nesting) is refused
//! here with a clear, located message, in linear time and without building anything big.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use memchr::{memchr, memchr2};

use super::report::Problem;

/// The largest dossier file accepted (256 MiB); bigger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The deepest nesting of lists and mappings accepted (a real dossier needs about six levels).
pub const MAX_DEPTH: usize = 64;

/// Nodes (values, lists, mappings) accepted whatever the size: a dossier is mostly text, about one
/// node per 18 bytes, so only a file of tiny values (`[1,1,1,...]`, minified data) goes past
/// `MAX_NODES_BASE + bytes / BYTES_PER_NODE`. The parser keeps every node in memory (about 150
/// bytes each), so this bounds memory by the file size.
pub const MAX_NODES_BASE: usize = 1_000_000;
/// See [`MAX_NODES_BASE`].
pub const BYTES_PER_NODE: usize = 8;

/// Control characters listed one by one before the rest are only counted.
const MAX_LISTED: usize = 20;

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// An OS error in words, without the errno suffix ("No such file or directory").
fn os_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// Reads a file, refusing (before reading it) anything that is not a regular file of at most
/// [`MAX_FILE_BYTES`].
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    let cannot = |e: &std::io::Error| Problem::whole_file(format!("cannot read: {}", os_reason(e)));
    // Open first, then look at what was opened (fstat): a look at the path before opening
    // could see a file and then open a FIFO swapped in between.
    let file = open_nonblocking(path).map_err(|e| cannot(&e))?;
    let meta = file.metadata().map_err(|e| cannot(&e))?;
    check_metadata(&meta)?;
    let len = usize::try_from(meta.len()).unwrap_or(0);
    #[cfg(unix)]
    if len >= HALVES_FROM
        && let Some(bytes) = read_in_halves(&file, len)
    {
        return Ok(bytes);
    }
    let mut bytes = Vec::with_capacity(len);
    // `take` bounds the read even if the file grows while it is read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    check_size(bytes.len() as u64)?;
    Ok(bytes)
}

/// Opens `path` to read without blocking: opening a FIFO or a terminal without `O_NONBLOCK`
/// waits for a writer or a carrier, forever if none comes. A regular file reads the same
/// either way; anything else is refused by its metadata before a read.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    let fd = rustix::fs::open(path, flags, Mode::empty())?;
    Ok(File::from(fd))
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Files from this size on are read in two halves at once.
#[cfg(unix)]
const HALVES_FROM: usize = 8 << 20;

/// The file's `len` bytes, read as two halves on two threads: copying from the page cache (and
/// the page faults of the fresh buffer) is work two cores share. `None` when the file is not
/// exactly `len` bytes long now (it changed since its metadata was read): the caller then
/// reads it the plain way, with its bound.
#[cfg(unix)]
fn read_in_halves(file: &File, len: usize) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0u8; len];
    let (head, tail) = bytes.split_at_mut(len / 2);
    let (a, b) = rayon::join(
        || file.read_exact_at(head, 0),
        || file.read_exact_at(tail, (len / 2) as u64),
    );
    let at_end = matches!(file.read_at(&mut [0u8; 1], len as u64), Ok(0));
    (a.is_ok() && b.is_ok() && at_end).then_some(bytes)
}

fn check_metadata(meta: &std::fs::Metadata) -> Result<(), Problem> {
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(Problem::whole_file(
            "is a directory, not a dossier file (give the path of a .yaml file)",
        ));
    }
    if !kind.is_file() {
        return Err(Problem::whole_file(format!(
            "is not a regular file ({}); a dossier is a YAML text file",
            special_kind(&kind)
        )));
    }
    check_size(meta.len())
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

fn check_size(len: u64) -> Result<(), Problem> {
    if len > MAX_FILE_BYTES {
        return Err(Problem::whole_file(format!(
            "file too large: {} (a dossier may be at most {})",
            mib(len),
            mib(MAX_FILE_BYTES)
        )));
    }
    Ok(())
}

/// 1-based line and column (in characters, counting undecodable bytes as one each) of a byte.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // UTF-8 continuation bytes do not start a character.
    let column = 1 + before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, column)
}

/// Checks the bytes are a UTF-8 text (not too big, not binary) and returns it without a BOM.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    check_size(bytes.len() as u64)?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::at_position(
            1,
            1,
            "the file is UTF-16 encoded; save it as UTF-8",
        ));
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(Problem::at_position(
            1,
            1,
            "the file is UTF-32 encoded; save it as UTF-8",
        ));
    }
    if let Some(at) = memchr(0, bytes) {
        let (line, column) = line_column(bytes, at);
        return Err(Problem::at_position(
            line,
            column,
            format!("binary file: NUL byte at offset {at}; a dossier is a YAML text file"),
        ));
    }
    // simdutf8 checks a large file several times faster than std; std then says where it fails.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text.strip_prefix('\u{feff}').unwrap_or(text));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let (line, column) = line_column(bytes, at);
        let what = match e.error_len() {
            Some(_) => format!("byte 0x{:02X} is not valid here", bytes[at]),
            None => "the file ends in the middle of a character".to_string(),
        };
        Problem::at_position(
            line,
            column,
            format!("not valid UTF-8: {what} (save the file as UTF-8)"),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A short name for a control character, to make the message findable.
fn control_name(c: char) -> &'static str {
    match c {
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{b}' => " (vertical tab)",
        '\u{c}' => " (form feed)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        '\u{85}' => " (next line)",
        '\u{9b}' => " (control sequence introducer)",
        _ => "",
    }
}

/// What the text scan learned, for the later steps.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The text may use anchors or aliases (so alias expansion must be bounded before parsing).
    pub may_have_aliases: bool,
}

/// Scans the text once for raw control characters (YAML forbids them; they could act on a
/// terminal), for nesting deeper than [`MAX_DEPTH`] and for more nodes than [`MAX_NODES_BASE`]
/// allows, with a small lexer of YAML's flow brackets and block indentation: 10,000 nested
/// brackets fail at the 65th, a 20 MB line of `x, x, x` before a parser sees it.
pub(crate) fn scan(text: &str) -> Result<Scan, Vec<Problem>> {
    controls(text)?;
    nesting(text)
}

/// The control characters of [`scan`] alone: a vectorised pass, run before any reader.
pub(crate) fn controls(text: &str) -> Result<(), Vec<Problem>> {
    let controls = find_controls(text);
    if controls.is_empty() {
        Ok(())
    } else {
        Err(controls)
    }
}

/// The nesting and node count of [`scan`] alone: what must pass before serde_yaml or
/// yaml-rust2's tree reads the whole text.
pub(crate) fn nesting(text: &str) -> Result<Scan, Vec<Problem>> {
    Nesting::new(text).run()
}

fn find_controls(text: &str) -> Vec<Problem> {
    let bytes = text.as_bytes();
    // Fast path: the characters sought are ASCII controls or C1 controls (0xC2 0x80..0x9F). A
    // branch-free fold over the bytes vectorises; 0xC2 alone is common (`¿`, `¡`, `«`), so its
    // next byte is looked at only where it occurs.
    let ascii = bytes.iter().fold(false, |seen, &b| {
        seen | ((b < 0x20) & (b != b'\n') & (b != b'\t') & (b != b'\r')) | (b == 0x7F)
    });
    let c1 = || {
        bytes
            .windows(2)
            .any(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
    };
    let suspicious = ascii || (bytes.contains(&0xC2) && c1());
    if !suspicious {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let mut found = 0usize;
    let mut line = 1;
    let mut column = 0;
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
        } else if c != '\r' && crate::text::is_control(c) {
            found += 1;
            if found <= MAX_LISTED {
                problems.push(Problem::at_position(
                    line,
                    column,
                    format!(
                        "control character U+{:04X}{} is not allowed in a dossier",
                        c as u32,
                        control_name(c)
                    ),
                ));
            }
        }
    }
    if found > MAX_LISTED {
        let more = found - MAX_LISTED;
        let noun = if more == 1 { "character" } else { "characters" };
        problems.push(Problem::whole_file(format!(
            "{more} more control {noun} not listed"
        )));
    }
    problems
}

/// Where a quoted scalar is, if the lexer is inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// A small YAML lexer that follows only what nests: flow brackets, block indentation, `- `
/// entries, and enough of quotes, comments and block scalars not to be fooled by their content.
/// It errs towards counting too little (an odd file can only pass it and meet serde_yaml's own
/// recursion limit), never towards refusing a valid dossier.
struct Nesting<'a> {
    bytes: &'a [u8],
    text: &'a str,
    /// Open flow collections (`[` and `{`).
    flow: usize,
    /// Columns of the open block collections.
    indents: Vec<usize>,
    quote: Quote,
    /// Lines indented deeper than this belong to a block scalar (`|` or `>`).
    block_scalar: Option<usize>,
    /// Nodes counted so far (roughly: entries, keys and collections).
    nodes: usize,
    /// The first line with content has been looked at (to tell what the top level is).
    top_seen: bool,
    node_limit: usize,
    scan: Scan,
}

impl<'a> Nesting<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            text,
            flow: 0,
            indents: Vec::new(),
            quote: Quote::None,
            block_scalar: None,
            nodes: 0,
            top_seen: false,
            node_limit: MAX_NODES_BASE.saturating_add(text.len() / BYTES_PER_NODE),
            scan: Scan::default(),
        }
    }

    fn too_deep(&self, at: usize) -> Vec<Problem> {
        let (line, column) = line_column(self.text.as_bytes(), at);
        vec![Problem::at_position(
            line,
            column,
            format!("nesting too deep: more than {MAX_DEPTH} levels of lists and mappings"),
        )]
    }

    /// Counts one more node, found at byte `at`.
    fn node(&mut self, at: usize) -> Result<(), Vec<Problem>> {
        self.nodes += 1;
        if self.nodes > self.node_limit {
            let (line, column) = line_column(self.bytes, at);
            return Err(vec![Problem::at_position(
                line,
                column,
                format!(
                    "too many values for the file's size: more than {} lists, mappings and values \
                     in {} (a dossier is mostly text; the limit is {MAX_NODES_BASE} plus one per \
                     {BYTES_PER_NODE} bytes)",
                    self.node_limit,
                    mib(self.bytes.len() as u64)
                ),
            )]);
        }
        Ok(())
    }

    /// A top level that is certainly not a mapping: refused before a parser reads it whole.
    fn not_a_mapping(&self, at: usize, found: &str) -> Vec<Problem> {
        let (line, column) = line_column(self.bytes, at);
        vec![Problem::at_position(
            line,
            column,
            format!(
                "not a dossier: expected a mapping with `subject` and `sources` at the top, found \
                 {found}"
            ),
        )]
    }

    fn depth(&self) -> usize {
        self.flow + self.indents.len()
    }

    /// Opens a block collection at `column` (if deeper than the current one).
    fn indent(&mut self, column: usize, at: usize) -> Result<(), Vec<Problem>> {
        while self.indents.last().is_some_and(|&top| top > column) {
            self.indents.pop();
        }
        if self.indents.last().is_none_or(|&top| top < column) {
            self.indents.push(column);
            if self.depth() > MAX_DEPTH {
                return Err(self.too_deep(at));
            }
        }
        Ok(())
    }

    fn run(mut self) -> Result<Scan, Vec<Problem>> {
        let mut start = 0;
        while start < self.bytes.len() {
            let end = memchr(b'\n', &self.bytes[start..]).map_or(self.bytes.len(), |i| start + i);
            self.line(start, end)?;
            start = end + 1;
        }
        Ok(self.scan)
    }

    /// Lexes one line, `bytes[start..end]` (without its newline).
    fn line(&mut self, start: usize, end: usize) -> Result<(), Vec<Problem>> {
        let b = self.bytes;
        let mut i = start;
        let mut at_node_start = true;
        // Lines indented deeper than this one's start belong to a block scalar it opens.
        let mut line_indent = self.indents.last().copied().unwrap_or(0);
        if self.quote == Quote::None && self.flow == 0 {
            while i < end && b[i] == b' ' {
                i += 1;
            }
            let column = i - start;
            line_indent = column;
            // Blank lines and comment lines say nothing about nesting.
            if i == end || b[i] == b'#' || b[i] == b'\r' {
                return Ok(());
            }
            if let Some(parent) = self.block_scalar {
                if column > parent {
                    return Ok(());
                }
                self.block_scalar = None;
            }
            // Directives (`%YAML 1.2`) say nothing about nesting.
            if column == 0 && b[i] == b'%' && !self.top_seen {
                return Ok(());
            }
            // Document markers start again from the top.
            if column == 0 && (b[i..end].starts_with(b"---") || b[i..end].starts_with(b"...")) {
                let after = b.get(i + 3).copied().unwrap_or(b'\n');
                if matches!(after, b' ' | b'\t' | b'\r' | b'\n') {
                    self.indents.clear();
                    i += 3;
                    while i < end && matches!(b[i], b' ' | b'\t' | b'\r') {
                        i += 1;
                    }
                    if i == end || b[i] == b'#' {
                        return Ok(());
                    }
                }
            }
            if !self.top_seen {
                self.top_seen = true;
                let next = b.get(i + 1).copied().unwrap_or(b'\n');
                if b[i] == b'[' || (b[i] == b'-' && matches!(next, b' ' | b'\t' | b'\r' | b'\n')) {
                    return Err(self.not_a_mapping(i, "a list"));
                }
                // An implicit key fits on one line: a first line of plain text with no `: ` in it
                // is a scalar (anchors, tags, quotes and flow mappings are left to the parser).
                if !matches!(
                    b[i],
                    b'&' | b'!' | b'*' | b'"' | b'\'' | b'{' | b'?' | b'|' | b'>'
                ) && !has_key_indicator(&b[i..end])
                {
                    return Err(self.not_a_mapping(i, "text"));
                }
            }
            self.indent(column, i)?;
            self.node(i)?;
            // `- - - x` nests one level per entry marker, each at its own column.
            while i < end && matches!(b[i], b'-' | b'?' | b':') {
                let next = b.get(i + 1).copied().unwrap_or(b'\n');
                if !matches!(next, b' ' | b'\t' | b'\r' | b'\n') {
                    break;
                }
                i += 1;
                while i < end && (b[i] == b' ' || b[i] == b'\t') {
                    i += 1;
                }
                self.indent(i - start, i)?;
                self.node(i)?;
            }
        } else {
            at_node_start = self.flow > 0;
        }
        // Most of a dossier is text inside quotes or after `key: `: memchr jumps to the next byte
        // that can end it.
        while i < end {
            match self.quote {
                Quote::Double => {
                    match memchr2(b'"', b'\\', &b[i..end]) {
                        None => i = end,
                        // An escape: skip the escaped character too.
                        Some(k) if b[i + k] == b'\\' => i += k + 2,
                        Some(k) => {
                            self.quote = Quote::None;
                            i += k + 1;
                        }
                    }
                    continue;
                }
                Quote::Single => {
                    match memchr(b'\'', &b[i..end]) {
                        None => i = end,
                        // `''` is a quote inside the scalar.
                        Some(k) if b.get(i + k + 1) == Some(&b'\'') => i += k + 2,
                        Some(k) => {
                            self.quote = Quote::None;
                            i += k + 1;
                        }
                    }
                    continue;
                }
                Quote::None => {}
            }
            // Inside a plain scalar in block context only a comment or a `:` can change anything.
            if self.flow == 0 && !at_node_start {
                match memchr2(b'#', b':', &b[i..end]) {
                    None => return Ok(()),
                    Some(k) => i += k,
                }
            }
            let c = b[i];
            let prev_blank = i == start || matches!(b[i - 1], b' ' | b'\t');
            match c {
                b' ' | b'\t' | b'\r' => {}
                b'#' if prev_blank => return Ok(()),
                b'"' if at_node_start => self.quote = Quote::Double,
                b'\'' if at_node_start => self.quote = Quote::Single,
                b'[' | b'{' if at_node_start || self.flow > 0 => {
                    self.flow += 1;
                    if self.depth() > MAX_DEPTH {
                        return Err(self.too_deep(i));
                    }
                    self.node(i)?;
                    at_node_start = true;
                    i += 1;
                    continue;
                }
                b']' | b'}' if self.flow > 0 => {
                    self.flow -= 1;
                    at_node_start = false;
                }
                b',' if self.flow > 0 => {
                    self.node(i)?;
                    at_node_start = true;
                    i += 1;
                    continue;
                }
                b'&' | b'*' if at_node_start => {
                    self.scan.may_have_aliases = true;
                    // Skip the anchor or alias name; the node (if any) follows.
                    while i < end && !matches!(b[i], b' ' | b'\t' | b',' | b']' | b'}') {
                        i += 1;
                    }
                    continue;
                }
                b'!' if at_node_start => {
                    while i < end && !matches!(b[i], b' ' | b'\t' | b',' | b']' | b'}') {
                        i += 1;
                    }
                    continue;
                }
                b'|' | b'>' if at_node_start && self.flow == 0 => {
                    self.block_scalar = Some(line_indent);
                    return Ok(());
                }
                b':' => {
                    let next = b.get(i + 1).copied().unwrap_or(b'\n');
                    if matches!(next, b' ' | b'\t' | b'\r' | b'\n') || self.flow > 0 {
                        self.node(i)?;
                        at_node_start = true;
                        i += 1;
                        continue;
                    }
                }
                _ => {}
            }
            if !matches!(c, b' ' | b'\t' | b'\r') {
                at_node_start = false;
            }
            i += 1;
        }
        Ok(())
    }
}

/// The line has a `: ` (or a `:` at its end) before any comment: it is a `key: value` line.
fn has_key_indicator(line: &[u8]) -> bool {
    line.iter()
        .enumerate()
        .any(|(i, &c)| c == b':' && matches!(line.get(i + 1), None | Some(b' ' | b'\t' | b'\r')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> Option<(usize, usize)> {
        match scan(text) {
            Ok(_) => None,
            Err(p) => match p[0].anchor {
                super::super::report::Anchor::At(l, c) => Some((l, c)),
                _ => panic!("unlocated"),
            },
        }
    }

    #[test]
    fn nested_brackets_fail_at_the_first_level_too_deep() {
        // The top-level mapping counts as one level.
        let text = format!("a: {}", "[".repeat(10_000));
        assert_eq!(depth_error(&text), Some((1, MAX_DEPTH + 3)));
        let text = format!("a:\n  b: {}", "{x: ".repeat(100));
        assert!(depth_error(&text).is_some());
    }

    #[test]
    fn nested_entries_and_indentation_are_counted() {
        let text = "- ".repeat(100) + "x\n";
        assert!(depth_error(&text).is_some());
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&" ".repeat(i));
            text.push_str("k:\n");
        }
        assert_eq!(depth_error(&text), Some((MAX_DEPTH + 1, MAX_DEPTH + 1)));
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let mut text = String::from("quotes:\n");
        for _ in 0..200 {
            text.push_str("  - text: he said [sic { and [[\n");
            text.push_str("    context: \"[[[[{{{{\"\n");
            text.push_str("    note: '[[it''s [[['  # [[[[[\n");
            text.push_str("    summary: |\n      [[[[[[\n        {{{{{{{\n    x: 1\n");
        }
        assert_eq!(depth_error(&text), None);
    }

    #[test]
    fn flow_collections_close() {
        let text = "a: [x, [y, {z: 1}]]\n".repeat(1000);
        assert_eq!(depth_error(&text), None);
    }

    #[test]
    fn lines_of_tiny_values_are_refused() {
        let text = format!("[{}x]", "x,".repeat(3 * MAX_NODES_BASE));
        assert!(scan(&text).is_err());
        let text = "- x\n".repeat(MAX_NODES_BASE);
        assert!(scan(&text).is_err());
        let text = format!(
            "quotes: [{}]",
            "a long enough quote, ".repeat(MAX_NODES_BASE / 2)
        );
        assert!(scan(&text).is_ok());
    }

    #[test]
    fn a_list_or_text_at_the_top_is_refused_before_parsing() {
        let top = |text: &str| scan(text).err().map(|p| p[0].message.clone());
        assert!(top("# c\n- a\n- b\n").unwrap().ends_with("found a list"));
        assert!(top("[a, b]").unwrap().ends_with("found a list"));
        assert!(top(&"x".repeat(1000)).unwrap().ends_with("found text"));
        assert!(top("--- hello\n").unwrap().ends_with("found text"));
        for fine in [
            "a: b\n",
            "%YAML 1.2\n---\na: b\n",
            "---\na: b\n",
            "&x\na: b\n",
            "{a: b}\n",
            "\"a\": b\n",
            "a:\n  b: c\n",
            "http://x: y\n",
        ] {
            assert_eq!(top(fine), None, "{fine}");
        }
    }

    #[test]
    fn anchors_are_noticed() {
        assert!(scan("a: &x [1]\nb: *x\n").unwrap().may_have_aliases);
        assert!(!scan("a: R&D\nb: 2*3\n").unwrap().may_have_aliases);
    }

    #[test]
    fn control_characters_are_located() {
        let problems = scan("a: b\nc: x\u{1b}[2J\n").unwrap_err();
        assert_eq!(problems[0].anchor, super::super::report::Anchor::At(2, 5));
        assert!(problems[0].message.contains("U+001B (escape)"));
        let problems = scan("a: \u{9b}\n").unwrap_err();
        assert!(problems[0].message.contains("U+009B"));
        assert!(scan("a: b\r\nc:\td\r\n").is_ok());
    }

    #[test]
    fn bad_utf8_is_located() {
        let err = decode(b"a: b\nc: caf\xE9\n").unwrap_err();
        assert_eq!(err.anchor, super::super::report::Anchor::At(2, 7));
        assert!(err.message.contains("0xE9"));
    }

    #[test]
    fn nul_means_binary() {
        let err = decode(b"a: b\n\x7fELF\x00\x01").unwrap_err();
        assert!(err.message.contains("binary"), "{}", err.message);
    }

    #[test]
    fn the_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: b").unwrap(), "a: b");
    }
}
