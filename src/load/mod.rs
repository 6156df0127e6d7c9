//! Loading a dossier: read a file, parse the YAML, check every rule, and report every problem with
//! where it is (file, line, column, record path).
//!
//! FIRST DRAFT (interface only): the API below is what the CLI and the TUI build on; the loader
//! work replaces the bodies.

use std::fmt;
use std::path::Path;

use crate::model::Dossier;

/// The dossier compiled into the binary.
pub const EMBEDDED_YAML: &str = include_str!("../../data/osorio.yaml");
/// The name the embedded dossier is reported under.
pub const EMBEDDED_NAME: &str = "data/osorio.yaml";

/// One problem in a dossier file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
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

/// Everything wrong with a dossier file (at least one problem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
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
    fn single(file: &str, message: String) -> Self {
        Self {
            diagnostics: vec![Diagnostic {
                file: file.to_string(),
                line: None,
                column: None,
                path: None,
                message,
            }],
        }
    }
}

/// Loads and validates the dossier at `path`.
pub fn load_path(path: &Path) -> Result<Dossier, LoadError> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| LoadError::single(&name, format!("cannot read: {e}")))?;
    load_bytes(&name, &bytes)
}

/// Loads and validates a dossier from raw bytes; `name` is used in messages.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Dossier, LoadError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| LoadError::single(name, format!("not UTF-8 text: {e}")))?;
    load_str(name, text)
}

/// Loads and validates a dossier from text; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Dossier, LoadError> {
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        LoadError {
            diagnostics: vec![Diagnostic {
                file: name.to_string(),
                line: loc.as_ref().map(|l| l.line()),
                column: loc.as_ref().map(|l| l.column()),
                path: None,
                message: e.to_string(),
            }],
        }
    })
}

/// The embedded dossier.
pub fn load_embedded() -> Result<Dossier, LoadError> {
    load_str(EMBEDDED_NAME, EMBEDDED_YAML)
}
