//! Cheap checks on the raw file before any YAML parser sees it: what is not a text dossier at all
//! (too big, not a regular file, binary, not UTF-8, control characters, absurd nesting) is refused
//! here with a clear, located message, in linear time and without building anything big.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use memchr::memchr;

use super::report::Problem;

/// The largest dossier file accepted (256 MiB); bigger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

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

/// Refuses raw control characters (YAML forbids them; they could act on a terminal), each
/// located: a vectorised pass, run before the reader.
pub(crate) fn controls(text: &str) -> Result<(), Vec<Problem>> {
    let controls = find_controls(text);
    if controls.is_empty() {
        Ok(())
    } else {
        Err(controls)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_located() {
        let problems = controls("a: b\nc: x\u{1b}[2J\n").unwrap_err();
        assert_eq!(problems[0].anchor, super::super::report::Anchor::At(2, 5));
        assert!(problems[0].message.contains("U+001B (escape)"));
        let problems = controls("a: \u{9b}\n").unwrap_err();
        assert!(problems[0].message.contains("U+009B"));
        assert!(controls("a: b\r\nc:\td\r\n").is_ok());
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
