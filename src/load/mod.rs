//! Loading a dossier: read a file, read the YAML into the model, check every rule, and report
//! every problem with where it is (file, line, column, record path).
//!
//! The steps, each once:
//! 1. [`precheck`]: size, file type, binary, UTF-8, BOM, raw control characters: linear scans
//!    that refuse what is not a dossier text before a reader sees it.
//! 2. [`reader`]: one pass over the YAML events ([`events`]) into the model's types, valid or
//!    not: every problem of syntax, type, unknown or missing field, duplicate key, refused text or
//!    impossible date, with its byte offset and record path; within budgets of nesting, values
//!    and alias expansion that scale with the file.
//! 3. [`validate`]: the rules across records (ids, references, dates in order, disputes), on the
//!    records that were read without a problem; [`locate`] places the few of their problems that
//!    are shown by reading those records again.
//! 4. [`report`]: at most [`report::MAX_DIAGNOSTICS`] problems, in file order, with lines and
//!    columns.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::model::Dossier;

mod events;
mod lexer;
mod locate;
mod precheck;
mod reader;
mod report;
mod suggest;
mod validate;

pub use precheck::MAX_FILE_BYTES;
pub use reader::{ALIAS_BYTES_BASE, ALIAS_NODES_BASE, BYTES_PER_NODE, MAX_DEPTH, MAX_NODES_BASE};
/// "Did you mean ...?", for the other readers of names (the config file).
pub(crate) use suggest::closest;

/// The dossier compiled into the binary.
pub const EMBEDDED_YAML: &str = include_str!("../../data/osorio.yaml");
/// The name the embedded dossier is reported under.
pub const EMBEDDED_NAME: &str = "data/osorio.yaml";

/// One problem in a dossier file, with where it is. Every text in it is already safe to print
/// (control characters from the file are shown escaped). Serialises with the same field names,
/// for editors and CI.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column (in characters), where known.
    pub column: Option<usize>,
    /// The record path (`quotes[3].source`), where known.
    pub path: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": error: ")?;
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Everything wrong with a dossier file (at least one problem), in file order.
#[derive(Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The problems, in file order (problems about the whole file first).
    pub diagnostics: Vec<Diagnostic>,
    /// The text that was loaded (without its BOM), when it could be decoded: for showing the
    /// offending line under a diagnostic.
    pub text: Option<Arc<str>>,
}

impl fmt::Debug for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The text can be hundreds of megabytes: show its size only.
        f.debug_struct("LoadError")
            .field("diagnostics", &self.diagnostics)
            .field("text", &self.text.as_ref().map(|t| t.len()))
            .finish()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    fn new(file: &str, text: Option<&str>, problems: impl Into<report::Problems>) -> Self {
        let (problems, total) = problems.into().into_parts();
        Self {
            diagnostics: report::finish(file, text, problems, total),
            text: text.map(Arc::from),
        }
    }

    /// Line `line` (1-based) of the loaded text, without its line ending, if the text is known.
    /// It comes from the file: sanitise it before printing.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        crate::report::line_of(self.text.as_deref()?, line)
    }
}

/// Loads and validates the dossier at `path`. Anything but a regular file of at most
/// [`MAX_FILE_BYTES`] is refused before it is read.
pub fn load_path(path: &Path) -> Result<Dossier, LoadError> {
    let name = path.display().to_string();
    let bytes = precheck::read_file(path).map_err(|p| LoadError::new(&name, None, vec![p]))?;
    load_bytes(&name, &bytes)
}

/// Loads and validates a dossier from raw bytes; `name` is used in messages.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Dossier, LoadError> {
    let text = precheck::decode(bytes).map_err(|p| LoadError::new(name, None, vec![p]))?;
    load_str(name, text)
}

/// Loads and validates a dossier from text; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Dossier, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |problems: Vec<report::Problem>| LoadError::new(name, Some(text), problems);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(vec![report::Problem::whole_file(format!(
            "text too large: {} bytes (a dossier may be at most {MAX_FILE_BYTES})",
            text.len()
        ))]));
    }
    precheck::controls(text).map_err(fail)?;
    let read = read(text);
    let mut problems = read.problems;
    if let Some(dossier) = read.value {
        let records = std::rc::Rc::new(read.records);
        let no_sources = read.missing_top.contains(&"sources");
        let broken = |section: &str, i: usize| {
            let index = (section != "subject").then_some(i);
            records.broken(section, index)
        };
        let checked = validate::Read::new(&dossier, broken, no_sources);
        let starts = records.clone();
        let mut rules =
            report::Problems::keyed(move |path| starts.record_start(path).map(|at| at as u64));
        validate::check(&checked.records(), &mut rules);
        if !rules.is_empty() {
            locate::place(text, &records, &mut rules);
        }
        problems.append(rules);
        if problems.is_empty() {
            return Ok(dossier);
        }
    }
    Err(LoadError::new(name, Some(text), problems))
}

/// The text read once: by the block-style lexer where it can, else by saphyr-parser.
fn read(text: &str) -> reader::Read<Dossier> {
    let read = reader::read::<Dossier>(text, lexer::Lexed::new(text));
    if read.gave_up {
        reader::read::<Dossier>(text, events::Parsed::new(text))
    } else {
        read
    }
}

/// For the fuzzer and the tests, not an API: whether the block-style lexer gives the events
/// saphyr-parser gives for `text` (or gives up).
#[doc(hidden)]
pub fn check_lexer(text: &str) -> Result<(), String> {
    // The lexer only ever reads what passed the prechecks.
    if text.contains('\0') || precheck::controls(text).is_err() {
        return Ok(());
    }
    lexer::agrees(text).map(|_| ())
}

/// For the fuzzer and the tests, not an API: what differs when the loader's reader reads `text`
/// other than serde_yaml, the independent implementation, does. A dossier the reader reads
/// without a problem, serde_yaml must read the same; one serde_yaml reads, the reader may refuse
/// only for what serde_yaml does not check (tags, the budgets).
#[doc(hidden)]
pub fn check_reader(
    text: &str,
    oracle: impl FnOnce(&str) -> Result<Dossier, String>,
) -> Result<(), String> {
    // The loader drops a byte order mark and refuses binary text and controls first.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') || precheck::controls(text).is_err() {
        return Ok(());
    }
    let oracle = oracle(text);
    let read = read(text);
    let (problems, _) = read.problems.into_parts();
    match (read.value, oracle) {
        (Some(ours), Ok(theirs)) if problems.is_empty() => {
            if ours == theirs {
                Ok(())
            } else {
                Err("the reader and serde_yaml read different dossiers".into())
            }
        }
        (Some(_), Err(e)) if problems.is_empty() => Err(format!(
            "the reader reads a dossier, serde_yaml refuses it: {e}"
        )),
        (_, Ok(_)) => {
            let beyond = |m: &str| {
                [
                    "tags are not part",
                    "too much",
                    "too many values",
                    "nesting too deep",
                ]
                .iter()
                .any(|p| m.starts_with(p))
            };
            match problems.iter().find(|p| !beyond(&p.message)) {
                Some(p) => Err(format!(
                    "serde_yaml reads a dossier, the reader refuses it: {}",
                    p.message
                )),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// The embedded dossier.
pub fn load_embedded() -> Result<Dossier, LoadError> {
    load_str(EMBEDDED_NAME, EMBEDDED_YAML)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dossier_loads() {
        let d = load_embedded().expect("the embedded dossier is valid");
        assert!(!d.subject.name.is_empty());
    }

    /// Parser events while loading `text` (and whether it loaded).
    fn events_to_load(text: &str) -> (usize, bool) {
        let before = events::PARSED.with(|n| n.get());
        let ok = load_str("x.yaml", text).is_ok();
        (events::PARSED.with(|n| n.get()) - before, ok)
    }

    #[test]
    fn a_broken_file_is_read_once() {
        let valid = include_str!("../../tests/fixtures/tui.yaml");
        let (events, ok) = events_to_load(valid);
        assert!(ok);
        // Problems the reader finds (an unknown field, a wrong type, a refused character, an
        // impossible date) cost no event more.
        let last = valid.rfind("    source: ").expect("a quote");
        for change in [
            "    colour: red\n",
            "    translation: maybe\n",
            "    context: \"a\\u202eb\"\n",
            "    date: 2023-02-30\n",
        ] {
            let broken = format!("{}{change}{}", &valid[..last], &valid[last..]);
            assert_eq!(events_to_load(&broken), (events + 2, false), "{change}");
        }
        // A rule's problem (a reference to nothing) reads its record again, no more.
        let broken = valid.replacen("    source: ", "    source: nothing-", 1);
        let (broken_events, ok) = events_to_load(&broken);
        assert!(!ok);
        assert!(
            broken_events > events && broken_events < events + 40,
            "{broken_events} vs {events}"
        );
    }

    /// The inputs the fuzzers found, and every fixture: the reader reads them as serde_yaml does
    /// (or refuses for what serde_yaml does not check), the lexer as saphyr-parser does.
    #[test]
    fn the_reader_and_the_lexer_agree_with_their_oracles() {
        let oracle = |text: &str| serde_yaml::from_str::<Dossier>(text).map_err(|e| e.to_string());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = vec![EMBEDDED_YAML.to_string()];
        for sub in [
            "tests/fixtures/good",
            "tests/fixtures/bad",
            "fuzz/seeds/load",
        ] {
            for entry in std::fs::read_dir(dir.join(sub))
                .into_iter()
                .flatten()
                .flatten()
            {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > 25);
        for text in &texts {
            check_reader(text, oracle).unwrap_or_else(|e| panic!("{e}\n{text}"));
            check_lexer(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        }
    }

    /// Every style of `bench/styles.py` (PyYAML's dump, block scalars, wrapped quotes, flow
    /// mappings...): the reader reads the same dossier from each as from the generator's file, as
    /// serde_yaml does; each mistake is one problem. Needs python3 with PyYAML (skipped without).
    #[test]
    fn every_style_reads_as_the_generator_wrote_it_and_as_serde_yaml_reads_it() {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/styles.py");
        let run = |args: &[&str], input: &[u8]| {
            use std::io::Write;
            let mut child = std::process::Command::new("python3")
                .arg(script)
                .args(args)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .ok()?;
            child.stdin.take()?.write_all(input).ok()?;
            let out = child.wait_with_output().ok()?;
            out.status
                .success()
                .then(|| String::from_utf8(out.stdout).ok())?
        };
        let Some(styles) = run(&["--list"], b"") else {
            eprintln!("skipped: python3 with PyYAML is needed for bench/styles.py");
            return;
        };
        let mut yaml = Vec::new();
        crate::testgen::write_yaml(&mut yaml, crate::testgen::Spec::new(60)).expect("in memory");
        let base = load_bytes("gen.yaml", &yaml).expect("the generator's file is valid");
        let oracle = |text: &str| serde_yaml::from_str::<Dossier>(text).map_err(|e| e.to_string());
        for style in styles.lines() {
            let text = run(&[style], &yaml).expect("a style");
            check_reader(&text, oracle).unwrap_or_else(|e| panic!("{style}: {e}"));
            match load_str(style, &text) {
                Ok(d) => assert!(d == base, "{style}: another dossier"),
                Err(e) => {
                    assert!(
                        style.contains('-') && !style.contains("wrapped"),
                        "{style}: {e}"
                    );
                    assert_eq!(e.diagnostics.len(), 1, "{style}: {e}");
                }
            }
        }
    }

    #[test]
    fn one_line_per_diagnostic() {
        let err = load_str(
            "x.yaml",
            "subject: {name: X, sources: [nope]}\nsources: []\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.yaml:1:30: error: subject.sources[0]: unknown source `nope`: no record in `sources` has this id\n"
        );
        assert_eq!(
            err.line_text(1),
            Some("subject: {name: X, sources: [nope]}")
        );
        let json = serde_json::to_string(&err.diagnostics[0]).expect("serialisable");
        assert!(
            json.starts_with(
                r#"{"file":"x.yaml","line":1,"column":30,"path":"subject.sources[0]""#
            ),
            "{json}"
        );
    }
}
