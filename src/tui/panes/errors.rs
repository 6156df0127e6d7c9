//! The errors panel under the panes: every problem of the last save with the source line it
//! points at. The message lines wrap at the panel's width; snippet lines are cut, as the carets
//! must stay under their characters.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::errors::{ErrorLine, ErrorsPanel};
use crate::tui::format;
use crate::tui::layout::inner;
use crate::tui::theme::Theme;

/// The lines as shown in a panel `width` columns wide inside its border: the first line of
/// each problem wraps (it holds the message); snippet lines are cut, as the carets must stay
/// under their characters.
pub fn rows(panel: &ErrorsPanel, width: usize) -> Vec<ErrorLine> {
    let mut out = Vec::with_capacity(panel.lines.len());
    for line in &panel.lines {
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
pub fn wanted_rows(panel: &ErrorsPanel, width: u16) -> u16 {
    if panel.shown {
        let rows = rows(panel, usize::from(width.saturating_sub(2))).len();
        u16::try_from(rows.saturating_add(2)).unwrap_or(u16::MAX)
    } else {
        0
    }
}

/// Draws the panel in `rect`, from its scroll position.
/// Returns the rows the problems take in all and how many were shown at once.
pub fn draw(frame: &mut Frame, theme: &Theme, panel: &ErrorsPanel, rect: Rect) -> (usize, usize) {
    if rect.width < 3 || rect.height < 3 {
        return (0, 0);
    }
    let t = theme;
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
    let inner = inner(rect);
    let width = usize::from(inner.width);
    let all = rows(panel, width);
    let height = usize::from(inner.height);
    // The scroll as the app last set it, within what fits now.
    let scroll = panel.scroll.min(all.len().saturating_sub(height.max(1)));
    let lines: Vec<Line> = all
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|l| match l {
            ErrorLine::Headline(text) => Line::styled(format::clip(text, width), t.error),
            ErrorLine::Source(text) => source_line(t, text, width),
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
    (all.len(), height)
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
fn source_line(theme: &Theme, text: &str, width: usize) -> Line<'static> {
    let text = format::clip(text, width);
    match text.split_once('|') {
        Some((gutter, rest)) => Line::from(vec![
            Span::styled(format!("{gutter}|"), theme.dim),
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
