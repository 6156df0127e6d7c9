//! Loading a dossier: read a file, parse the YAML, check every rule, and report every problem with
//! where it is (file, line, column, record path).
//!
//! The steps, cheapest first:
//! 1. [`precheck`]: size, file type, binary, UTF-8, BOM, control characters: linear scans that
//!    refuse what is not a dossier text before a reader sees it.
//! 2. One typed parse straight into [`Dossier`] (the only full parse of a valid file):
//!    [`split`] reads long record lists in pieces on every core, [`stream`] the events as
//!    yaml-rust2 produces them, within a budget of events. Whatever they cannot vouch for is
//!    parsed again by serde_yaml, the reference, which alone reports what is wrong, after the
//!    nesting prechecks (depth, node count, alias expansion) that keep it from a hostile file.
//! 3. The rules ([`validate`]) and the text checks with NFC normalisation ([`strings`]).
//! 4. Only if something is wrong: [`recover`] finds every structural problem record by record, and
//!    [`locate`] maps the record paths of all problems to lines and columns in one pass.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::model::Dossier;

mod lines;
mod locate;
mod precheck;
mod recover;
mod report;
mod split;
mod stream;
mod strings;
mod suggest;
mod validate;

pub use precheck::{BYTES_PER_NODE, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES_BASE};
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
    fn new(file: &str, text: Option<&str>, problems: Vec<report::Problem>) -> Self {
        Self {
            diagnostics: report::finish(file, text, problems),
            text: text.map(Arc::from),
        }
    }

    /// Line `line` (1-based) of the loaded text, without its line ending, if the text is known.
    /// It comes from the file: sanitise it before printing.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        let text = self.text.as_deref()?;
        let l = text.lines().nth(line.checked_sub(1)?)?;
        Some(l.strip_suffix('\r').unwrap_or(l))
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
    let fail = |problems| LoadError::new(name, Some(text), problems);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(vec![report::Problem::whole_file(format!(
            "text too large: {} bytes (a dossier may be at most {MAX_FILE_BYTES})",
            text.len()
        ))]));
    }
    precheck::controls(text).map_err(fail)?;
    // The fast reader first: it guards itself (it reads no deeper than the model, counts what
    // it reads against a budget smaller than the prechecks' and gives up on aliases), so the
    // nesting precheck is only needed before serde_yaml reads what it gave up on. It also says
    // whether every string is clean text already; serde_yaml does not.
    let parsed = match split::read(text) {
        Ok(read) => Ok(read),
        Err(_) => {
            let scan = precheck::nesting(text).map_err(fail)?;
            if scan.may_have_aliases
                && let Some(problem) = locate::check_aliases(text)
            {
                return Err(fail(vec![problem]));
            }
            serde_yaml::from_str::<Dossier>(text).map(|dossier| (dossier, false))
        }
    };
    match parsed {
        Ok((mut dossier, clean)) => {
            let mut problems = Vec::new();
            validate::check(&validate::Records::of_dossier(&dossier), &mut problems);
            if !clean {
                strings::check_dossier(&mut dossier, &mut problems);
            }
            if problems.is_empty() {
                Ok(dossier)
            } else {
                Err(fail(problems))
            }
        }
        Err(typed) => {
            let (mut problems, partial) = recover::recover(text);
            if let Some(mut partial) = partial {
                validate::check(&validate::Records::of_partial(&partial), &mut problems);
                strings::check_partial(&mut partial, &mut problems);
            }
            if problems.is_empty() {
                // The record-by-record reading is more lenient than the typed parse somewhere:
                // report what the typed parse said rather than nothing.
                problems.push(recover::syntax_problem(&typed));
            }
            Err(fail(problems))
        }
    }
}

/// For the fuzzer, not an API: what differs when the loader's fast reader reads `text` other
/// than serde_yaml, its reference, does.
#[doc(hidden)]
pub fn check_fast_reader(text: &str) -> Result<(), String> {
    // Only what gets past the prechecks is ever parsed.
    match precheck::scan(text) {
        Ok(scan) if !scan.may_have_aliases => split::agrees(text),
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
