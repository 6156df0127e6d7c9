//! The errors panel: after a save that does not load, the last good dossier stays on screen and
//! this panel, under the panes, lists every problem with the source line it points at, as
//! `dossier check` prints them. Fixing the file clears it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::app::App;
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

    /// The lines as shown in a panel `width` columns wide inside its border: the first line of
    /// each problem wraps (it holds the message); snippet lines are cut, as the carets must stay
    /// under their characters.
    pub fn rows(&self, width: usize) -> Vec<ErrorLine> {
        let mut out = Vec::with_capacity(self.lines.len());
        for line in &self.lines {
            match line {
                ErrorLine::Headline(text) => out.extend(
                    wrap(text, width.max(10))
                        .into_iter()
                        .map(ErrorLine::Headline),
                ),
                other => out.push(other.clone()),
            }
        }
        out
    }

    /// Rows the panel would like on a screen `width` columns wide, borders included (0 when
    /// hidden).
    pub fn wanted_rows(&self, width: u16) -> u16 {
        if self.shown {
            let rows = self.rows(usize::from(width.saturating_sub(2))).len();
            u16::try_from(rows.saturating_add(2)).unwrap_or(u16::MAX)
        } else {
            0
        }
    }

    /// `3 errors`, for the status bar and the title.
    pub fn count_label(&self) -> String {
        format::count(self.count, "error", "errors")
    }
}

/// Draws the panel in `rect`, from its scroll position.
pub fn draw(frame: &mut Frame, app: &App, panel: &ErrorsPanel, rect: Rect) {
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let t = &app.theme;
    let border = if panel.focused {
        t.border_focused
    } else {
        t.border
    };
    let title = Line::from(vec![
        Span::styled(" ⚠ ", t.error),
        Span::styled(
            format!(
                "{} in {} ",
                panel.count_label(),
                format::clip(&panel.file, 60)
            ),
            t.error,
        ),
        Span::styled("· the last version that loaded stays on screen ", t.dim),
    ]);
    let block = Block::bordered()
        .border_style(border)
        .title(title)
        .title_bottom(
            Line::from(Span::styled(" save a fixed file to clear it ", t.dim)).right_aligned(),
        );
    frame.render_widget(block, rect);
    let inner = super::ui::inner(rect);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = panel
        .rows(width)
        .iter()
        .skip(panel.scroll)
        .take(usize::from(inner.height))
        .map(|l| match l {
            ErrorLine::Headline(text) => Line::styled(format::clip(text, width), t.error),
            ErrorLine::Source(text) => source_line(app, text, width),
            ErrorLine::Carets(text) => {
                let (gutter, marks) = text.split_once('|').unwrap_or(("", text));
                Line::from(vec![
                    Span::styled(format!("{gutter}|"), t.dim),
                    Span::styled(marks.to_string(), t.error),
                ])
            }
            ErrorLine::Blank => Line::raw(""),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `text` in lines of at most `width` columns, broken at spaces where it can be; the lines after
/// the first are indented by two spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    const INDENT: &str = "  ";
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let limit = |out: &Vec<String>| {
        if out.is_empty() {
            width
        } else {
            width - INDENT.len()
        }
    };
    for word in text.split(' ') {
        let needed = format::width(&line) + usize::from(!line.is_empty()) + format::width(word);
        if !line.is_empty() && needed > limit(&out) {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        // A word longer than a whole line is cut where the line ends.
        while format::width(&line) > limit(&out) {
            let (head, rest) = format::split_at_width(&line, limit(&out));
            if head.is_empty() {
                break;
            }
            let rest = rest.to_string();
            out.push(head.to_string());
            line = rest;
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    for l in out.iter_mut().skip(1) {
        l.insert_str(0, INDENT);
    }
    out
}

/// A snippet line: the gutter dim, the source plain, cut to the panel's width.
fn source_line(app: &App, text: &str, width: usize) -> Line<'static> {
    let text = format::clip(text, width);
    match text.split_once('|') {
        Some((gutter, rest)) => Line::from(vec![
            Span::styled(format!("{gutter}|"), app.theme.dim),
            Span::raw(rest.to_string()),
        ]),
        None => Line::raw(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_wrap_at_spaces_and_long_words_are_cut() {
        let lines = wrap(
            "x.yaml:3:1: error: unknown variant `clubb`, expected `club`",
            20,
        );
        assert_eq!(
            lines,
            [
                "x.yaml:3:1: error:",
                "  unknown variant",
                "  `clubb`, expected",
                "  `club`"
            ]
        );
        let lines = wrap(&format!("a {}", "日".repeat(15)), 12);
        assert!(lines.iter().all(|l| format::width(l) <= 12), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            format!("a{}", "日".repeat(15))
        );
    }
}
