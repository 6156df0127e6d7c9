//! The errors panel's state: after a save that does not load, the last good dossier stays on
//! screen and the panel, under the panes, lists every problem with the source line it points at,
//! as `dossier check` prints them. Fixing the file clears it. (It is drawn, and its long lines
//! wrapped, by `panes::errors`.)

use super::format;
use crate::load::Diagnostic;
use crate::report;

/// One line of the panel, already safe to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorLine {
    /// `FILE:LINE:COL: error: ...`
    Headline(String),
    /// A line of the snippet: the gutter and the source line.
    Source(String),
    /// The line of carets under the source line.
    Carets(String),
    /// Between two diagnostics.
    Blank,
}

/// The problems of the last save, and how the panel shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorsPanel {
    /// The file, as the user named it.
    pub file: String,
    /// How many problems there are.
    pub count: usize,
    /// The lines to show, in order.
    pub lines: Vec<ErrorLine>,
    /// The first line shown.
    pub scroll: usize,
    /// The panel is on screen (Esc hides it; the status bar still counts the errors).
    pub shown: bool,
    /// The panel has the keyboard.
    pub focused: bool,
}

impl ErrorsPanel {
    /// The panel for these diagnostics; `source` is the file's text, for the snippets.
    pub fn new(file: &str, diagnostics: &[Diagnostic], source: Option<&str>) -> Self {
        let mut lines = Vec::new();
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                lines.push(ErrorLine::Blank);
            }
            lines.push(ErrorLine::Headline(report::headline(d)));
            if let Some(snippet) = report::snippet(d, source, false) {
                for l in snippet.lines() {
                    let is_carets = l.contains('^')
                        && l.split_once('|').is_some_and(|(gutter, marks)| {
                            gutter.trim().is_empty() && marks.chars().all(|c| c == '^' || c == ' ')
                        });
                    lines.push(if is_carets {
                        ErrorLine::Carets(l.to_string())
                    } else {
                        ErrorLine::Source(l.to_string())
                    });
                }
            }
        }
        Self {
            file: file.to_string(),
            count: diagnostics.len(),
            lines,
            scroll: 0,
            shown: true,
            focused: true,
        }
    }

    /// `3 errors`, for the status bar and the title.
    pub fn count_label(&self) -> String {
        format::count(self.count, "error", "errors")
    }
}
