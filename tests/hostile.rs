//! Hostile files given to the real binary: `dossier check --data FILE`.
//!
//! Every one must end with exit 1 and a readable message that names the file (with line and column
//! where the problem has a place), never a panic, in bounded memory: the child runs under an
//! address-space limit (`prlimit --as`, or `ulimit -v` in a shell), so a runaway allocation aborts
//! it and fails the test. A guard kills a child that runs for 20 s and fails the test as hung;
//! nothing here is timed beyond that (the times are measured outside the tests, in
//! docs/SECURITY.md).

use std::fs;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

/// The address space the child may use. The loader's limit on a file is far below this; a debug
/// build checking the 20 MB line fits in well under half of it.
const MEMORY_LIMIT_BYTES: u64 = 1 << 30;
/// Only against a hang: a healthy run takes well under a second in release, a few in a debug
/// build on a loaded machine (20 s was once exceeded there with three other busy processes).
const HANG_GUARD: Duration = Duration::from_secs(60);

const VALID: &str = include_str!("fixtures/tui.yaml");

/// How the child ended, with what it printed.
struct Run {
    file: String,
    output: Output,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    /// Exit 1, a message naming the file, no panic, nothing on stdout.
    fn refused(&self) -> &Self {
        let err = self.stderr();
        let status = self.output.status;
        assert!(
            status.signal() != Some(9),
            "hung: killed after {HANG_GUARD:?}\n{err}"
        );
        assert!(
            !err.contains("memory allocation"),
            "ran out of the {MEMORY_LIMIT_BYTES}-byte memory limit:\n{err}"
        );
        assert!(!err.contains("panicked"), "a panic:\n{err}");
        assert_eq!(
            status.code(),
            Some(1),
            "exit status {status}; stderr:\n{err}"
        );
        assert!(
            err.lines()
                .next()
                .is_some_and(|l| l.starts_with(&self.file)),
            "the first line does not name {}:\n{err}",
            self.file
        );
        assert!(
            err.lines().all(|l| l.chars().count() < 2_000),
            "an unreadable line of {} chars",
            err.lines().map(|l| l.chars().count()).max().unwrap_or(0)
        );
        assert!(self.stdout().is_empty(), "stdout: {}", self.stdout());
        self
    }

    /// The message says `what` (case-insensitive).
    fn says(&self, what: &str) -> &Self {
        let err = self.stderr();
        assert!(
            err.to_lowercase().contains(&what.to_lowercase()),
            "expected {what:?} in:\n{err}"
        );
        self
    }

    /// Some diagnostic is at `FILE:line:col` (any column when `col` is None).
    fn at(&self, line: usize, col: Option<usize>) -> &Self {
        let err = self.stderr();
        let prefix = match col {
            Some(c) => format!("{}:{line}:{c}:", self.file),
            None => format!("{}:{line}:", self.file),
        };
        assert!(
            err.lines().any(|l| l.starts_with(&prefix)),
            "expected a diagnostic at {prefix} in:\n{err}"
        );
        self
    }

    /// Exit 0 with the one-line summary.
    fn accepted(&self) -> &Self {
        let err = self.stderr();
        assert!(!err.contains("panicked"), "a panic:\n{err}");
        assert_eq!(self.output.status.code(), Some(0), "stderr:\n{err}");
        assert!(self.stdout().contains(": ok"), "{}", self.stdout());
        self
    }
}

/// `dossier check --data PATH` under the memory limit and the hang guard.
fn check(path: &Path) -> Run {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_dossier"));
    let mut cmd = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        c.arg(format!("--as={MEMORY_LIMIT_BYTES}"))
            .arg("--")
            .arg(bin);
        c
    } else {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!(
                "ulimit -v {}; exec \"$0\" \"$@\"",
                MEMORY_LIMIT_BYTES / 1024
            ))
            .arg(bin);
        c
    };
    let output = cmd
        .arg("check")
        .arg("--data")
        .arg(path)
        .env_remove("NO_COLOR")
        .timeout(HANG_GUARD)
        .output()
        .expect("the binary starts");
    Run {
        file: path.display().to_string(),
        output,
    }
}

/// Writes `bytes` to a file in `dir` and checks it.
fn check_bytes(dir: &TempDir, name: &str, bytes: &[u8]) -> Run {
    let path = dir.path().join(name);
    fs::write(&path, bytes).expect("a temporary file");
    check(&path)
}

fn dir() -> TempDir {
    TempDir::new().expect("a temporary directory")
}

/// The valid fixture with `line` (1-based) replaced.
fn with_line(line: usize, replacement: &str) -> String {
    let mut lines: Vec<&str> = VALID.lines().collect();
    lines[line - 1] = replacement;
    lines.join("\n") + "\n"
}

/// The 1-based line of the fixture that starts with `prefix`.
fn line_of(prefix: &str) -> usize {
    VALID
        .lines()
        .position(|l| l.starts_with(prefix))
        .expect("the fixture has the line")
        + 1
}

#[test]
fn the_valid_fixture_is_accepted() {
    let d = dir();
    check_bytes(&d, "valid.yaml", VALID.as_bytes()).accepted();
}

#[test]
fn an_empty_file() {
    let d = dir();
    check_bytes(&d, "empty.yaml", b"").refused().says("empty");
}

#[test]
fn a_file_of_only_comments() {
    let d = dir();
    check_bytes(
        &d,
        "comments.yaml",
        b"# a dossier\n# nothing yet\n\n   # indented\n",
    )
    .refused()
    .says("empty");
}

#[test]
fn a_binary_file() {
    let d = dir();
    let mut elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00".to_vec();
    elf.extend((0..4096u32).map(|i| (i * 31 % 251) as u8));
    check_bytes(&d, "binary.yaml", &elf)
        .refused()
        .says("binary");
}

#[test]
fn invalid_utf8_is_located() {
    let d = dir();
    // Latin-1 "café" on line 3, column 10 of the file.
    let bytes = b"subject:\n  name: x\n  place: caf\xe9\nsources: []\n";
    check_bytes(&d, "latin1.yaml", bytes)
        .refused()
        .says("UTF-8")
        .at(3, Some(13));
}

#[test]
fn a_bom_before_a_valid_dossier_is_ignored() {
    let d = dir();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(VALID.as_bytes());
    check_bytes(&d, "bom.yaml", &bytes).accepted();
}

#[test]
fn a_bom_does_not_shift_the_location_of_an_error() {
    let d = dir();
    let line = line_of("  name:");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(with_line(line, "  name: [unclosed").as_bytes());
    check_bytes(&d, "bom-bad.yaml", &bytes)
        .refused()
        .at(line + 1, None);
}

#[test]
fn crlf_line_ends_load_like_lf() {
    let d = dir();
    let crlf = VALID.replace('\n', "\r\n");
    check_bytes(&d, "crlf.yaml", crlf.as_bytes()).accepted();
}

#[test]
fn crlf_line_ends_do_not_shift_the_location_of_an_error() {
    let d = dir();
    let line = line_of("  nationality:");
    let bad = with_line(line, "  nationality: [Colombian").replace('\n', "\r\n");
    check_bytes(&d, "crlf-bad.yaml", bad.as_bytes())
        .refused()
        .at(line + 1, None);
}

#[test]
fn a_tab_used_for_indentation_is_located() {
    let d = dir();
    let line = line_of("  nationality:");
    let bad = with_line(line, "\tnationality: Colombian");
    check_bytes(&d, "tabs.yaml", bad.as_bytes())
        .refused()
        .says("tab")
        .at(line, None);
}

#[test]
fn a_list_at_the_top() {
    let d = dir();
    check_bytes(&d, "list.yaml", b"# a list\n- subject\n- sources\n")
        .refused()
        .says("list")
        .at(2, Some(1));
}

#[test]
fn a_scalar_at_the_top() {
    let d = dir();
    check_bytes(&d, "scalar.yaml", b"just some words\n")
        .refused()
        .at(1, Some(1));
}

#[test]
fn an_alias_bomb() {
    // "Billion laughs": nine levels of nine aliases each, 387 million strings if expanded.
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = "abcdefghi".as_bytes();
    for w in names.windows(2) {
        let (prev, next) = (w[0] as char, w[1] as char);
        let refs = vec![format!("*{prev}"); 9].join(",");
        yaml.push_str(&format!("{next}: &{next} [{refs}]\n"));
    }
    let d = dir();
    check_bytes(&d, "bomb.yaml", yaml.as_bytes())
        .refused()
        .says("alias");
}

#[test]
fn an_alias_bomb_inside_a_dossier() {
    let d = dir();
    let mut yaml = VALID.to_string();
    yaml = yaml.replacen(
        "sources:\n",
        "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol]\nsources:\n",
        1,
    );
    for i in 1..12 {
        yaml.push_str(&format!(
            "x{i}: &x{i} [*x{p}, *x{p}, *x{p}, *x{p}, *x{p}, *x{p}, *x{p}, *x{p}]\n",
            p = i - 1
        ));
    }
    check_bytes(&d, "bomb2.yaml", yaml.as_bytes())
        .refused()
        .says("alias");
}

#[test]
fn ten_thousand_nested_brackets() {
    let d = dir();
    let yaml = format!("subject: {}\n", "[".repeat(10_000));
    check_bytes(&d, "nested.yaml", yaml.as_bytes())
        .refused()
        .says("nesting")
        .at(1, None);
}

#[test]
fn ten_thousand_nested_mappings() {
    let d = dir();
    let yaml = format!(
        "subject: {}x{}\n",
        "{a: ".repeat(10_000),
        "}".repeat(10_000)
    );
    check_bytes(&d, "nested-maps.yaml", yaml.as_bytes())
        .refused()
        .says("nesting")
        .at(1, None);
}

#[test]
fn a_dossier_of_tiny_values() {
    // Three million one-letter source ids, 9 MB: refused for its number of values before
    // anything is built from them (the fast reader gives up at its budget, then the nesting
    // precheck refuses), not after the references are checked.
    let d = dir();
    let line = line_of("  sources: [");
    let ids = vec!["a"; 3_000_000].join(", ");
    let yaml = with_line(line, &format!("  sources: [{ids}]"));
    check_bytes(&d, "tiny-values.yaml", yaml.as_bytes())
        .refused()
        .says("too many values")
        .at(line, None);
}

#[test]
fn a_twenty_megabyte_single_line() {
    let d = dir();
    // A minified dossier whose subject's name is 20 MB long, and which has no sources.
    let mut line = String::from("{subject: {name: \"");
    line.push_str(&"ab ".repeat(20 * 1024 * 1024 / 3));
    line.push_str("\"}}");
    let run = check_bytes(&d, "long-line.yaml", line.as_bytes());
    run.refused().at(1, None);
}

#[test]
fn a_500_megabyte_file_is_refused_by_its_size() {
    let d = dir();
    let path = d.path().join("huge.yaml");
    let file = fs::File::create(&path).expect("a temporary file");
    // Sparse: the test does not write 500 MB. A reader that read it whole would need more than
    // the memory limit allows, so it would fail the test.
    file.set_len(500 * 1024 * 1024)
        .expect("a sparse file of 500 MB");
    drop(file);
    check(&path).refused().says("too large").says("MiB");
}

#[test]
fn a_directory() {
    let d = dir();
    check(d.path()).refused().says("directory");
}

#[test]
fn a_fifo() {
    let d = dir();
    let path = d.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    // Nobody ever writes to the FIFO: a loader that opened it to read would block until the guard.
    check(&path).refused().says("FIFO");
}

#[test]
fn a_device() {
    check(Path::new("/dev/zero"))
        .refused()
        .says("not a regular file");
}

#[test]
fn a_file_deleted_before_loading() {
    let d = dir();
    let path = d.path().join("gone.yaml");
    fs::write(&path, VALID).expect("a temporary file");
    fs::remove_file(&path).expect("the file is removed");
    check(&path)
        .refused()
        .says("cannot read")
        .says("no such file");
}

#[test]
fn a_file_deleted_while_loading() {
    // Best effort: the file disappears as the child starts. Whether it was opened first (Unix
    // keeps the content readable) or not, the outcome is a clean answer, never a panic.
    let d = dir();
    let path = d.path().join("vanishing.yaml");
    let mut big = String::with_capacity(VALID.len() * 200);
    big.push_str(VALID);
    for i in 0..2000 {
        big.push_str(&format!(
            "# padding comment {i} to make reading take a moment\n"
        ));
    }
    fs::write(&path, &big).expect("a temporary file");
    let remover = {
        let path = path.clone();
        std::thread::spawn(move || {
            let _ = fs::remove_file(path);
        })
    };
    let run = check(&path);
    remover.join().expect("the remover ends");
    let err = run.stderr();
    assert!(!err.contains("panicked"), "{err}");
    match run.output.status.code() {
        Some(0) => assert!(run.stdout().contains(": ok")),
        Some(1) => {
            run.refused().says("cannot read");
        }
        other => panic!("exit {other:?}: {err}"),
    }
}

#[test]
fn a_file_that_is_not_readable() {
    let d = dir();
    let path = d.path().join("secret.yaml");
    let mut f = fs::File::create(&path).expect("a temporary file");
    f.write_all(VALID.as_bytes()).expect("written");
    drop(f);
    let mut perms = fs::metadata(&path).expect("metadata").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    fs::set_permissions(&path, perms).expect("chmod");
    // Root reads anything: then there is nothing to test.
    if fs::read(&path).is_ok() {
        eprintln!("skipped: this user reads files without permission");
        return;
    }
    check(&path).refused().says("cannot read");
}

#[test]
fn control_characters_in_a_value_are_located() {
    let d = dir();
    let line = line_of("  nationality:");
    let bad = with_line(line, "  nationality: Colo\u{1b}[2Jmbian");
    let run = check_bytes(&d, "escape.yaml", bad.as_bytes());
    run.refused().says("control character").at(line, None);
    // The escape itself is shown escaped, never raw.
    assert!(!run.stderr().contains('\u{1b}'));
}

#[test]
fn a_bidi_override_in_a_value_is_refused() {
    let d = dir();
    let line = line_of("  nationality:");
    let bad = with_line(line, "  nationality: Colo\u{202e}naibm");
    let run = check_bytes(&d, "bidi.yaml", bad.as_bytes());
    run.refused().at(line, None);
    assert!(!run.stderr().contains('\u{202e}'));
}

#[test]
fn utf16_is_named() {
    let d = dir();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "subject: x\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    check_bytes(&d, "utf16.yaml", &bytes)
        .refused()
        .says("UTF-16");
}

// ---- The reader's part of the second hardening round (issue 13, items 4 and 5) ----

#[test]
fn a_tag_is_a_located_error() {
    let d = dir();
    let line = line_of("    speaker: Tomás Arbeláez");
    for (name, tagged) in [
        ("binary.yaml", "    speaker: !!binary SGVsbG8="),
        ("custom.yaml", "    speaker: !custom Tomás"),
        (
            "verbatim.yaml",
            "    speaker: !<tag:yaml.org,2002:str> Tomás",
        ),
    ] {
        check_bytes(&d, name, with_line(line, tagged).as_bytes())
            .refused()
            .says("tags are not part of the dossier format")
            .at(line, Some(14));
    }
    // A `%TAG` directive, even where no tag uses it.
    let directive = format!("%TAG !e! tag:example.com,2000:\n---\n{VALID}");
    check_bytes(&d, "directive.yaml", directive.as_bytes())
        .refused()
        .says("tags are not part of the dossier format")
        .at(1, Some(1));
}

#[test]
fn a_million_unknown_top_level_keys() {
    // 11 MB of `kN: v`: every key is reported, the first 200 shown, the rest counted.
    let d = dir();
    let mut yaml = String::from(VALID);
    for i in 0..1_000_000 {
        yaml.push_str(&format!("k{i}: v\n"));
    }
    let run = check_bytes(&d, "keys.yaml", yaml.as_bytes());
    run.refused()
        .says("unknown section `k0`")
        .says("999,800 more problems not shown")
        .at(VALID.lines().count() + 1, Some(1));
    assert!(
        run.stderr().lines().count() < 1_500,
        "the problems are capped"
    );
}

#[test]
fn a_million_unknown_keys_inside_a_quote() {
    let d = dir();
    let line = line_of("    speaker: Tomás Arbeláez");
    let mut keys = String::from("    speaker: Tomás Arbeláez\n");
    for i in 0..1_000_000 {
        keys.push_str(&format!("    k{i}: v\n"));
    }
    let yaml = with_line(line, keys.trim_end());
    check_bytes(&d, "quote-keys.yaml", yaml.as_bytes())
        .refused()
        .says("quotes[0].k0: unknown field `k0`")
        .says("more problems not shown")
        .at(line + 1, Some(5));
}

#[test]
fn a_ten_megabyte_kind() {
    let d = dir();
    let line = line_of("    kind: profile");
    let yaml = with_line(line, &format!("    kind: {}", "x".repeat(10 << 20)));
    let run = check_bytes(&d, "kind.yaml", yaml.as_bytes());
    run.refused().says("unknown value `xxx").at(line, Some(11));
    assert!(
        run.stderr().len() < 10_000,
        "the value is not repeated whole"
    );
}

#[test]
fn a_string_copied_a_thousand_times_by_aliases() {
    // 1 MB of text behind an anchor, and a thousand aliases to it: refused at the first alias
    // past the budget, which the message names.
    let d = dir();
    let line = line_of("    context: Farewell post");
    let big = "x".repeat(1 << 20);
    let mut yaml = with_line(line, &format!("    context: &big \"{big}\""));
    yaml.push_str("copies:\n");
    for _ in 0..1000 {
        yaml.push_str("  - *big\n");
    }
    check_bytes(&d, "string-bomb.yaml", yaml.as_bytes())
        .refused()
        .says("too much alias expansion at `*big`");
    // The same inside the dossier's own records, where source ids are wanted.
    let anchored = with_line(line, &format!("    context: &big \"{big}\""));
    let sources = anchored
        .lines()
        .position(|l| l.starts_with("  sources: ["))
        .expect("the subject's sources");
    let mut lines: Vec<String> = anchored.lines().map(String::from).collect();
    lines.push(String::new());
    let copies = vec!["*big"; 1000].join(", ");
    lines[sources] = format!("  sources: [{copies}]");
    // The subject comes before the anchor: move the anchored text up, as a comment would not.
    let yaml = format!("anchor: &big \"{big}\"\n{}", lines.join("\n"));
    check_bytes(&d, "string-bomb-in-records.yaml", yaml.as_bytes())
        .refused()
        .says("too much alias expansion at `*big`");
}

// Issue 13, the second round of attacks: each finding, on the real binary.

#[path = "common/markdown.rs"]
mod markdown;

/// The valid fixture with the first line that is exactly `old` replaced by `new`; returns the
/// text and the replaced line's number.
fn replacing(old: &str, new: &str) -> (String, usize) {
    let line = VALID
        .lines()
        .position(|l| l == old)
        .expect("the fixture has the line")
        + 1;
    (with_line(line, new), line)
}

/// `dossier ARGS...` (any command) under the same guards as [`check`].
fn run(args: &[&std::ffi::OsStr]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env_remove("NO_COLOR")
        .timeout(HANG_GUARD)
        .output()
        .expect("the binary starts");
    Run {
        file: String::new(),
        output,
    }
}

/// Finding 1: HTML in a language field. The loader checks languages as BCP 47 tags.
#[test]
fn a_language_that_is_not_a_language_tag_is_refused() {
    let d = dir();
    for (old, new) in [
        (
            "    language: es",
            "    language: \"en <img src=x onerror=alert(document.domain)>\"",
        ),
        (
            "    language: es",
            "    language: \"[c](javascript:alert(1))\"",
        ),
    ] {
        let (yaml, line) = replacing(old, new);
        check_bytes(&d, "language.yaml", yaml.as_bytes())
            .refused()
            .says("is not a language tag")
            .at(line, Some(15));
    }
    let (yaml, line) = replacing(
        "    context: Farewell post after the last match.",
        "    original_language: \"<script>alert(1)</script>\"",
    );
    check_bytes(&d, "original.yaml", yaml.as_bytes())
        .refused()
        .says("quotes[0].original_language")
        .at(line, None);
}

/// Finding 1: Markdown and HTML in every free-text field that the loader accepts (a name may
/// hold `<` and `*`) reach the export as text: rendered by a CommonMark renderer, it holds no
/// element but the ones the export makes.
#[test]
fn the_markdown_export_renders_no_element_from_the_data() {
    let mut value: serde_yaml::Value = serde_yaml::from_str(VALID).expect("the fixture parses");
    // Ids, references, scores, dates and the checked fields must stay valid to load.
    const KEEP: &[&str] = &[
        "id",
        "source",
        "sources",
        "stage",
        "offer",
        "language",
        "original_language",
        "url",
        "score",
        "penalties",
        "aggregate",
        "date",
        "start",
        "end",
        "kind",
        "exit",
        "result",
        "outcome",
    ];
    fn poison(value: &mut serde_yaml::Value, key: Option<&str>) {
        match value {
            serde_yaml::Value::String(s) if !key.is_some_and(|k| KEEP.contains(&k)) => {
                *s = format!("{s} {}", markdown::PAYLOAD);
            }
            serde_yaml::Value::Sequence(items) => items.iter_mut().for_each(|v| poison(v, key)),
            serde_yaml::Value::Mapping(map) => {
                for (k, v) in map.iter_mut() {
                    poison(v, k.as_str());
                }
            }
            _ => {}
        }
    }
    poison(&mut value, None);
    let yaml = serde_yaml::to_string(&value).expect("YAML");
    let d = dir();
    let path = d.path().join("markdown.yaml");
    fs::write(&path, yaml).expect("written");
    let out = run(&["export".as_ref(), "--data".as_ref(), path.as_os_str()]);
    assert_eq!(out.output.status.code(), Some(0), "{}", out.stderr());
    let rendered = markdown::render(&out.stdout());
    assert_eq!(rendered.unexpected, Vec::<String>::new());
    assert!(
        rendered.text.contains(markdown::SEEN),
        "the payload is not shown"
    );
    assert!(rendered.footnotes > 10 && rendered.tables > 2 && rendered.links > 0);
}

/// Finding 2: a source url of any scheme but http and https is refused where it is.
#[test]
fn a_source_url_that_is_not_a_web_address_is_refused() {
    let d = dir();
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ] {
        let (yaml, line) = replacing(
            "    url: https://example.org/fcf/arbelaez",
            &format!("    url: \"{url}\""),
        );
        check_bytes(&d, "url.yaml", yaml.as_bytes())
            .refused()
            .says("sources[0].url")
            .says("is not a web address")
            .at(line, Some(10));
    }
    // Upper case is still a web address.
    let (yaml, _) = replacing(
        "    url: https://example.org/fcf/arbelaez",
        "    url: HTTPS://example.org/fcf/arbelaez",
    );
    check_bytes(&d, "upper.yaml", yaml.as_bytes()).accepted();
}

/// Finding 3: invisible characters from Unicode's own properties, located; the joiners,
/// selectors and tags real text needs still load.
#[test]
fn invisible_characters_are_refused_and_real_text_still_loads() {
    let d = dir();
    let speaker = "    speaker: Tomás Arbeláez";
    for (c, what) in [
        ("\\u00ad", "U+00AD"),
        ("\\u034f", "U+034F"),
        ("\\u115f", "Hangul filler"),
        ("\\u3164", "Hangul filler"),
        ("\\uffa0", "Hangul filler"),
        ("\\u17b4", "U+17B4"),
        ("\\U0001D173", "U+1D173"),
        ("\\U0001BCA0", "U+1BCA0"),
        ("\\U00013430", "U+13430"),
        ("\\U000E0000", "U+E0000"),
        ("\\U000E0080", "U+E0080"),
        ("\\u2028", "line or paragraph separator"),
        ("\\u2029", "line or paragraph separator"),
        // A hidden sentence riding on selectors after an emoji: the second one is refused.
        (
            "😀\\ufe0f\\ufe0f\\U000E0100",
            "U+FE0F is not allowed: variation selector",
        ),
        // A tag spelling after a flag that takes none.
        ("🏴\\U000E0068\\U000E0069\\U000E007F", "outside the flags"),
        // Joiners between Latin letters.
        ("a\\u200db", "zero-width joiner"),
        ("a\\u200cb", "zero-width non-joiner"),
    ] {
        let (yaml, line) = replacing(speaker, &format!("    speaker: \"Fena{c}futh\""));
        let r = check_bytes(&d, "invisible.yaml", yaml.as_bytes());
        r.refused()
            .says(what)
            .says("quotes[0].speaker")
            .at(line, None);
    }
    let flag = |code: &str| -> String {
        let tags: String = code
            .bytes()
            .map(|b| format!("\\U000E00{:02X}", b))
            .collect();
        format!("🏴{tags}\\U000E007F")
    };
    let fine = format!(
        "👨\\u200d👩\\u200d👧 ❤\\ufe0f 🏳\\ufe0f\\u200d🌈 {} {} {} می\\u200cخواهم क्\\u200dष 葛\\U000E0100",
        flag("gbeng"),
        flag("gbsct"),
        flag("gbwls")
    );
    let (yaml, _) = replacing(speaker, &format!("    speaker: \"{fine}\""));
    check_bytes(&d, "real-text.yaml", yaml.as_bytes()).accepted();
}

/// Finding 8: the file is swapped for a FIFO, again and again, while `check` loads it. Opened
/// first (without blocking) and judged by what was opened, it never hangs: each run says the
/// file loads or that it is a FIFO. (The loader that looked at the path before opening it hung
/// in 3 of 57 runs.)
#[test]
fn a_file_swapped_for_a_fifo_never_hangs_the_loader() {
    use rustix::fs::{CWD, FileType, Mode, mknodat};
    let d = dir();
    let path = d.path().join("swapped.yaml");
    fs::write(&path, VALID).expect("written");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (dir, path, stop) = (d.path().to_path_buf(), path.clone(), stop.clone());
        std::thread::spawn(move || {
            let (fifo, file) = (dir.join("fifo.tmp"), dir.join("file.tmp"));
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = fs::remove_file(&fifo);
                mknodat(CWD, &fifo, FileType::Fifo, Mode::RUSR | Mode::WUSR, 0).expect("mkfifo");
                fs::rename(&fifo, &path).expect("the FIFO in place");
                fs::write(&file, VALID).expect("written");
                fs::rename(&file, &path).expect("the file in place");
            }
        })
    };
    let mut outcomes = std::collections::BTreeMap::new();
    for _ in 0..40 {
        let r = check(&path);
        let err = r.stderr();
        assert!(
            r.output.status.signal() != Some(9),
            "hung: killed after {HANG_GUARD:?}"
        );
        let outcome = match r.output.status.code() {
            Some(0) => "loaded",
            Some(1) if err.contains("a FIFO") => "a FIFO",
            // Renamed away between two steps of the swap.
            Some(1) if err.contains("No such file") => "gone",
            other => panic!("exit {other:?}: {err}"),
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().expect("the swapper ends");
    eprintln!("{outcomes:?}");
}

/// Finding 9: escapes typed on the command line, or in a file name a glob passes, never reach
/// the terminal raw: refused before clap echoes them, shown escaped, exit 2.
#[test]
fn escapes_in_arguments_never_reach_the_terminal() {
    let title = "quo\u{1b}]2;PWNED\u{7}";
    let clear = "\u{1b}[2J\u{1b}[H.yaml";
    for args in [
        vec!["show", title],
        vec![clear],
        vec!["--data", clear, "check"],
        vec!["search", "a\u{9b}31m"],
        vec!["search", "x\u{202e}y"],
    ] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let r = run(&args);
        let err = r.stderr();
        assert_eq!(r.output.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            !err.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{args:?}: a raw escape in {err:?}"
        );
        assert!(err.contains("\\u{"), "{args:?}: not shown escaped: {err}");
        assert!(r.stdout().is_empty());
    }
    // A plain unknown argument still gets clap's own message.
    let r = run(&["shwo".as_ref()]);
    assert_eq!(r.output.status.code(), Some(2));
    assert!(
        r.stderr().contains("unrecognized subcommand"),
        "{}",
        r.stderr()
    );
}

#[path = "common/pty.rs"]
mod pty;

/// The browser on the fixture in a pty, drawn.
fn browser() -> pty::Session {
    let s = pty::Session::start(
        Path::new(env!("CARGO_BIN_EXE_dossier")),
        &["--data", "tests/fixtures/tui.yaml"],
    );
    s.wait_for("the browser", |t| t.contains("Timeline"));
    s
}

fn kill(pid: u32, signal: &str) {
    let sent = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{signal}");
}

/// The process's state letter in /proc (`T` stopped, `S` sleeping, `R` running).
fn state(pid: u32) -> char {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name, which is in parentheses.
    stat.rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next())
        .unwrap_or('?')
}

fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + HANG_GUARD;
    while !ready() {
        assert!(std::time::Instant::now() < deadline, "never saw {what}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// The pty's modes: `icanon` and `echo` in cooked mode, `-icanon -echo` in raw mode.
fn tty_modes(s: &pty::Session) -> Vec<String> {
    let tty = s.master.tty_name().expect("the pty's name");
    let out = std::process::Command::new("stty")
        .arg("-a")
        .arg("-F")
        .arg(tty)
        .output()
        .expect("stty runs");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Finding 7: SIGINT, SIGQUIT, SIGTERM and SIGHUP (and SIGUSR1, also fatal by default) give the
/// terminal back (main screen, cursor shown, mouse off, cooked mode) and exit with 128 + n.
#[test]
fn an_ending_signal_restores_the_terminal_and_exits_128_plus_its_number() {
    for (signal, n) in [
        ("INT", 2),
        ("QUIT", 3),
        ("TERM", 15),
        ("HUP", 1),
        ("USR1", 10),
    ] {
        let mut s = browser();
        kill(s.child.process_id().expect("a pid"), signal);
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 128 + n, "SIG{signal}: {status:?}");
        s.assert_restored();
    }
}

/// Finding 7: SIGTSTP (or Ctrl-Z) gives the terminal back, then the process stops; SIGCONT takes
/// it again (raw mode, alternate screen, mouse) and draws the whole screen anew.
#[test]
fn a_stop_gives_the_terminal_back_and_a_continue_takes_it_again() {
    for how in ["kill -TSTP", "Ctrl-Z"] {
        let mut s = browser();
        let pid = s.child.process_id().expect("a pid");
        assert!(
            tty_modes(&s).contains(&"-icanon".to_string()),
            "not raw at the start"
        );
        if how == "Ctrl-Z" {
            s.send("\u{1a}");
        } else {
            kill(pid, "TSTP");
        }
        wait_until(&format!("the process stopped ({how})"), || {
            state(pid) == 'T'
        });
        s.assert_restored();

        let drawn_before = s.raw.lock().unwrap().len();
        kill(pid, "CONT");
        s.wait_for("the browser again", |_| {
            let p = s.parser.lock().unwrap();
            p.screen().alternate_screen()
                && p.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
        });
        // Every pane is drawn again, not only what changed.
        wait_until("a full redraw", || {
            let raw = s.raw.lock().unwrap();
            let after = String::from_utf8_lossy(&raw[drawn_before..]).into_owned();
            ["Timeline", "Trophies", "Honduras offer", "Quotes"]
                .iter()
                .all(|t| after.contains(t))
        });
        assert!(
            tty_modes(&s).contains(&"-icanon".to_string()),
            "not raw after {how}"
        );
        s.send("q");
        let status = s.wait_exit();
        assert!(status.success(), "{how}: {status:?}");
        s.assert_restored();
    }
}

/// The browser's threads that load a saved file (named by `watch.rs`).
fn loading_threads(pid: u32) -> usize {
    fs::read_dir(format!("/proc/{pid}/task"))
        .map(|tasks| {
            tasks
                .flatten()
                .filter(|t| {
                    fs::read_to_string(t.path().join("comm"))
                        .is_ok_and(|c| c.trim() == "dossier-reload")
                })
                .count()
        })
        .unwrap_or(0)
}

/// Finding 5: a save made while a slow reload runs shows within its own load time, and the slow
/// load, when it ends, does not replace it: the latest good file stays on screen.
#[test]
fn a_newer_save_supersedes_a_slow_reload() {
    let d = dir();
    let path = d.path().join("watched.yaml");
    fs::write(&path, VALID).expect("written");
    let mut slow = Vec::new();
    dossier::testgen::write_yaml(&mut slow, dossier::testgen::Spec::new(30_000))
        .expect("generated");
    let slow = String::from_utf8(slow).expect("UTF-8").replacen(
        "name: \"Juan Carlos Osorio\"",
        "name: \"Slow Subject\"",
        1,
    );
    let good = VALID.replacen("  name: Tomás Arbeláez", "  name: Good Subject", 1);

    let path_arg = path.display().to_string();
    let mut s = pty::Session::start(
        Path::new(env!("CARGO_BIN_EXE_dossier")),
        &["--data", &path_arg],
    );
    s.wait_for("the browser", |t| t.contains("Timeline"));
    let pid = s.child.process_id().expect("a pid");
    // A 15 MB save: its load takes seconds in this debug build.
    fs::write(&path, &slow).expect("written");
    wait_until("the slow load to start", || loading_threads(pid) > 0);
    fs::write(&path, &good).expect("written");
    s.wait_for("the newer save", |t| t.contains("Good Subject"));
    // Wait for the slow load to end (seconds, more on a busy machine: only a hang guard): it
    // must not have shown, now or later.
    let deadline = std::time::Instant::now() + 6 * HANG_GUARD;
    while loading_threads(pid) > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the slow load never ended"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(
        !raw.contains("Slow Subject"),
        "the out-of-date load was shown"
    );
    assert!(s.screen().contains("Good Subject"), "{}", s.screen());
    s.send("q");
    assert!(s.wait_exit().success());
}
