//! `dossier diff OLD NEW [--json]`: what changed between two dossiers, record by record (see
//! [`crate::diff`]), as text for people or JSON for scripts. It also works as git's external
//! diff driver, which passes seven arguments (path old-file old-hex old-mode new-file new-hex
//! new-mode, with /dev/null for a file that is added or deleted).
//!
//! Exit status as diff(1): 0 the same, 1 different, 2 trouble (a bad command line, a side that
//! does not load). As git's driver it exits 0 either way and puts any trouble in its output,
//! because git stops at a driver that exits otherwise ("external diff died").

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::Status;
use super::describe::clean;
use super::table::wrap;
use crate::diff::{Changes, DisputeChange, Entry, FieldChange, SectionChanges, compare};
use crate::load::{self, LoadError};
use crate::model::Dossier;

/// How the embedded dossier is named on the command line (a file of that name: `./@embedded`).
pub const EMBEDDED_ARG: &str = "@embedded";

/// A value this long or longer is shown on lines of its own rather than as `old → new`.
const INLINE_MAX: usize = 32;

/// Where one side of the comparison comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Side {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// The dossier built into the binary (`@embedded`).
    Embedded,
    /// No file at all (`/dev/null`: git's side of an added or deleted file).
    Nothing,
}

impl Side {
    fn of(arg: &OsStr) -> Self {
        match arg.to_str() {
            Some("-") => Side::Stdin,
            Some(EMBEDDED_ARG) => Side::Embedded,
            Some("/dev/null") => Side::Nothing,
            _ => Side::File(PathBuf::from(arg)),
        }
    }

    /// The name messages and the header use for this side.
    fn name(&self) -> String {
        match self {
            Side::File(path) => path.display().to_string(),
            Side::Stdin => "<stdin>".to_string(),
            Side::Embedded => load::EMBEDDED_NAME.to_string(),
            Side::Nothing => "/dev/null".to_string(),
        }
    }
}

/// What the arguments ask for.
#[derive(Debug)]
struct Invocation {
    old: (Side, String),
    new: (Side, String),
    /// Called by git: trouble goes in the output, and the exit status is 0.
    git: bool,
}

/// Reads the arguments: OLD NEW, or git's seven, or git's one for an unmerged path.
fn invocation(args: &[PathBuf]) -> Result<Option<Invocation>, String> {
    let plain = |side: &PathBuf| {
        let side = Side::of(side.as_os_str());
        let name = side.name();
        (side, name)
    };
    match args {
        [old, new] => {
            let (old, new) = (plain(old), plain(new));
            if old.0 == Side::Stdin && new.0 == Side::Stdin {
                return Err("only one side can be read from standard input (`-`)".into());
            }
            Ok(Some(Invocation {
                old,
                new,
                git: false,
            }))
        }
        [path, old_file, _, _, new_file, _, _] => {
            let path = path.display().to_string();
            let git_side = |file: &PathBuf, prefix: &str| {
                let side = match Side::of(file.as_os_str()) {
                    Side::Nothing => Side::Nothing,
                    // Git's files are files, even one called `-`.
                    _ => Side::File(file.clone()),
                };
                let name = match side {
                    Side::Nothing => "/dev/null".to_string(),
                    _ => format!("{prefix}/{path}"),
                };
                (side, name)
            };
            Ok(Some(Invocation {
                old: git_side(old_file, "a"),
                new: git_side(new_file, "b"),
                git: true,
            }))
        }
        // Git passes the path alone for an unmerged file; there is nothing to compare.
        [_] if std::env::var_os("GIT_DIFF_PATH_COUNTER").is_some() => Ok(None),
        _ => Err(format!(
            "diff takes OLD and NEW (or the seven arguments git gives a diff driver), not {}",
            args.len()
        )),
    }
}

/// Runs `dossier diff`.
pub fn run(
    args: &[PathBuf],
    json: bool,
    width: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let how = match invocation(args) {
        Ok(Some(how)) => how,
        Ok(None) => {
            let path = args
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            writeln!(out, "{}: unmerged; nothing to compare yet", clean(&path))?;
            return Ok(Status::Success);
        }
        Err(message) => {
            // As clap words a bad command line, with the same exit status.
            let _ = writeln!(
                err,
                "error: {message}\n\nUsage: dossier diff [--json] OLD NEW\n\nFor more information, try 'dossier diff --help'."
            );
            return Ok(Status::Trouble);
        }
    };
    let old = load_side(&how.old);
    let new = load_side(&how.new);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            // Every side that does not load is reported, each problem where it is.
            let mut report = String::new();
            for side in [old.err(), new.err()].into_iter().flatten() {
                report.push_str(&side.render(how.git));
                report.push('\n');
            }
            return if how.git {
                write_header(out, &how)?;
                out.write_all(report.as_bytes())?;
                Ok(Status::Success)
            } else {
                let _ = err.write_all(report.trim_end().as_bytes());
                let _ = writeln!(err);
                Ok(Status::Trouble)
            };
        }
    };
    let changes = compare(old.as_ref(), new.as_ref());
    if json {
        let doc = JsonDiff {
            old: &how.old.1,
            new: &how.new.1,
            same: changes.is_empty(),
            sections: &changes.sections,
        };
        out.write_all(
            super::show::to_json(&doc)
                .map_err(io::Error::other)?
                .as_bytes(),
        )?;
    } else if !changes.is_empty() || how.git {
        write_header(out, &how)?;
        if changes.is_empty() {
            writeln!(out, "No record changed (only formatting or comments).")?;
        } else {
            out.write_all(text(&changes, width).as_bytes())?;
        }
    }
    Ok(match (how.git, changes.is_empty()) {
        (true, _) | (false, true) => Status::Success,
        (false, false) => Status::Failure,
    })
}

fn write_header(out: &mut dyn Write, how: &Invocation) -> io::Result<()> {
    writeln!(out, "--- {}", clean(&how.old.1))?;
    writeln!(out, "+++ {}", clean(&how.new.1))
}

/// `diff --json`: both names, whether they are the same, and the sections that changed.
#[derive(Serialize)]
struct JsonDiff<'a> {
    old: &'a str,
    new: &'a str,
    same: bool,
    sections: &'a [SectionChanges],
}

/// A side that does not load: its name and everything wrong with it.
struct SideError {
    error: LoadError,
}

impl SideError {
    fn render(&self, git: bool) -> String {
        // Git pipes the driver's output to its pager: no colour there.
        let color = !git && super::stderr_color();
        crate::report::render_all(&self.error.diagnostics, self.error.text.as_deref(), color)
    }
}

/// Loads one side with the normal loader; `None` for `/dev/null`.
fn load_side((side, name): &(Side, String)) -> Result<Option<Dossier>, SideError> {
    let loaded = match side {
        Side::Nothing => return Ok(None),
        Side::Embedded => load::load_embedded(),
        Side::File(path) => load::load_path(path),
        Side::Stdin => {
            // At most one byte more than a dossier may have: the loader says it is too large.
            let mut bytes = Vec::new();
            let limit = load::MAX_FILE_BYTES.saturating_add(1);
            match io::stdin().lock().take(limit).read_to_end(&mut bytes) {
                Ok(_) => load::load_bytes(name, &bytes),
                Err(e) => Err(LoadError {
                    diagnostics: vec![load::Diagnostic {
                        file: name.clone(),
                        line: None,
                        column: None,
                        path: None,
                        message: format!("cannot read standard input: {e}"),
                    }],
                    text: None,
                }),
            }
        }
    };
    loaded.map(Some).map_err(|mut error| {
        // Git's files are temporary: messages name the path in the repository instead.
        for d in &mut error.diagnostics {
            d.file.clone_from(name);
        }
        SideError { error }
    })
}

/// The changes as text for people, `width` columns wide where the content allows.
fn text(changes: &Changes, width: usize) -> String {
    let mut out = String::new();
    for s in &changes.sections {
        let mut counts = Vec::new();
        for (n, what) in [
            (s.added.len(), "added"),
            (s.removed.len(), "removed"),
            (s.changed.len(), "changed"),
        ] {
            if n > 0 {
                counts.push(format!("{n} {what}"));
            }
        }
        if s.reordered {
            counts.push("order changed".to_string());
        }
        let _ = writeln!(out, "\n{}: {}", s.section, counts.join(", "));
        for e in &s.added {
            entry(&mut out, '+', e, width);
        }
        for e in &s.removed {
            entry(&mut out, '−', e, width);
        }
        for c in &s.changed {
            lines(
                &mut out,
                &format!("~ {}: {}", clean(&c.id), clean(&c.label)),
                0,
                width,
            );
            for f in &c.fields {
                field(&mut out, f, 4, width);
            }
            for d in &c.disputes {
                dispute(&mut out, d, width);
            }
        }
    }
    let (added, removed, changed) = changes.counts();
    let _ = writeln!(
        out,
        "\n{} added, {} removed, {} changed.",
        records(added),
        removed,
        changed
    );
    out
}

fn records(n: usize) -> String {
    if n == 1 {
        "1 record".to_string()
    } else {
        format!("{n} records")
    }
}

fn entry(out: &mut String, mark: char, e: &Entry, width: usize) {
    lines(
        out,
        &format!("{mark} {}: {}", clean(&e.id), clean(&e.label)),
        0,
        width,
    );
}

/// One changed field: `end: 2026-03-01 → 2026-03-02`, `sources: + a, − b`, or the old and new
/// values on lines of their own when they are long.
fn field(out: &mut String, f: &FieldChange, indent: usize, width: usize) {
    let path = clean(&f.path);
    match (&f.old, &f.new) {
        (Some(Value::Array(o)), Some(Value::Array(n))) if !o.iter().chain(n).any(is_nested) => {
            let mut parts: Vec<String> = n
                .iter()
                .filter(|v| !o.contains(v))
                .map(|v| format!("+ {}", inline(v)))
                .collect();
            parts.extend(
                o.iter()
                    .filter(|v| !n.contains(v))
                    .map(|v| format!("− {}", inline(v))),
            );
            if parts.is_empty() {
                parts.push(format!("order: {}", inline(&Value::Array(n.clone()))));
            }
            lines(out, &format!("{path}: {}", parts.join(", ")), indent, width);
        }
        (Some(o), Some(n)) => {
            let (o, n) = (inline(o), inline(n));
            if o.width().max(n.width()) < INLINE_MAX {
                lines(out, &format!("{path}: {o} → {n}"), indent, width);
            } else if let Some(words) = word_diff(&o, &n) {
                lines(out, &format!("{path}: {words}"), indent, width);
            } else {
                lines(out, &format!("{path}:"), indent, width);
                lines(out, &format!("− {o}"), indent + 2, width);
                lines(out, &format!("+ {n}"), indent + 2, width);
            }
        }
        (None, Some(n)) => lines(out, &format!("{path}: + {}", inline(n)), indent, width),
        (Some(o), None) => lines(out, &format!("{path}: − {}", inline(o)), indent, width),
        (None, None) => {}
    }
}

fn dispute(out: &mut String, d: &DisputeChange, width: usize) {
    let (what, field) = match d {
        DisputeChange::Gained { field, .. } => ("gained", field),
        DisputeChange::Resolved { field, .. } => ("resolved", field),
        DisputeChange::Changed { field, .. } => ("changed", field),
    };
    lines(
        out,
        &format!("≠ dispute {what}: {}", clean(field)),
        4,
        width,
    );
    match d {
        DisputeChange::Gained { dispute, .. } | DisputeChange::Resolved { dispute, .. } => {
            versions(out, dispute, width);
        }
        DisputeChange::Changed { changes, .. } => {
            for f in changes {
                self::field(out, f, 8, width);
            }
        }
    }
}

/// A dispute's versions, each with its sources.
fn versions(out: &mut String, dispute: &Value, width: usize) {
    let Some(list) = dispute.get("versions").and_then(Value::as_array) else {
        return;
    };
    for v in list {
        let value = v.get("value").map(inline).unwrap_or_default();
        let sources = v.get("sources").map(inline).unwrap_or_default();
        lines(out, &format!("{value} [{sources}]"), 8, width);
    }
}

/// A long text with a few words changed, as one text with the changes marked, as git's
/// `--word-diff` marks them: `He won [-two-]{+three+} of his 11 matches.` `None` when most of it
/// changed: then the old and the new read better whole.
fn word_diff(old: &str, new: &str) -> Option<String> {
    let o: Vec<&str> = old.split(' ').collect();
    let n: Vec<&str> = new.split(' ').collect();
    let kept = crate::diff::common_part(&o, &n);
    if kept.len() * 2 < o.len().max(n.len()) {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (ki, kj) in kept.into_iter().chain([(o.len(), n.len())]) {
        if ki > i {
            out.push(format!("[-{}-]", o[i..ki].join(" ")));
        }
        if kj > j {
            out.push(format!("{{+{}+}}", n[j..kj].join(" ")));
        }
        if let Some(word) = o.get(ki) {
            out.push((*word).to_string());
        }
        i = ki + 1;
        j = kj + 1;
    }
    Some(out.join(" "))
}

fn is_nested(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Object(_))
}

/// A value on one line, made safe: texts as they are, lists as `a, b`, records as
/// `{key: value, ...}`.
fn inline(v: &Value) -> String {
    match v {
        Value::String(s) => clean(s),
        Value::Array(items) => items.iter().map(inline).collect::<Vec<_>>().join(", "),
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| match v {
                    Value::Array(_) => format!("{}: [{}]", clean(k), inline(v)),
                    _ => format!("{}: {}", clean(k), inline(v)),
                })
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        other => other.to_string(),
    }
}

/// `text` wrapped to `width`, indented by `indent` spaces and two more after its first line.
fn lines(out: &mut String, text: &str, indent: usize, width: usize) {
    for (i, line) in wrap(text, width.saturating_sub(indent + 2))
        .iter()
        .enumerate()
    {
        let indent = if i == 0 { indent } else { indent + 2 };
        let _ = writeln!(out, "{}{line}", " ".repeat(indent));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_with_a_few_words_changed_marks_them() {
        assert_eq!(
            word_diff(
                "he won two of his 11 matches in charge",
                "he won three of his 11 matches in charge"
            )
            .as_deref(),
            Some("he won [-two-] {+three+} of his 11 matches in charge")
        );
        assert_eq!(
            word_diff("a b c d", "a b c d e f").as_deref(),
            Some("a b c d {+e f+}")
        );
        // Mostly rewritten: shown whole instead.
        assert_eq!(word_diff("one two three four", "five six seven four"), None);
    }
}
