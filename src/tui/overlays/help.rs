//! The help overlay, drawn from the key table itself so it always says what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::page;
use crate::tui::app::App;
use crate::tui::format::DISPUTED;
use crate::tui::keymap::{BINDINGS, CONTEXTS};
use crate::tui::layout::OverlayLayout;
use crate::tui::theme::Theme;

/// Every line of the help.
pub fn lines(app: &App, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(vec![
            Span::styled("[ ]", t.key),
            Span::raw(" change the career stage: every pane follows."),
        ]),
        Line::from(vec![
            Span::styled("▸", t.in_stage),
            Span::raw(" marks the stage's records, "),
            Span::styled(DISPUTED, t.disputed),
            Span::raw(" a disputed fact (d shows its versions)."),
        ]),
        Line::from(vec![
            Span::styled("Enter", t.key),
            Span::raw(" opens the selected record whole, its disputes and sources."),
        ]),
        Line::raw(format!(
            "Mouse capture is {}: a click focuses a pane and selects a row, the wheel",
            if app.mouse { "on" } else { "off" }
        )),
        Line::raw("  scrolls the pane under it; m switches capture off so the terminal can"),
        Line::raw("  select text, and on again."),
        Line::raw(""),
    ];
    for context in CONTEXTS {
        lines.push(Line::styled(context.heading(), t.heading));
        for b in BINDINGS.iter().filter(|b| b.context == context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", b.keys_label()), t.key),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines
}

/// Draws the help from line `scroll` on (kept within what there is).
pub fn draw(frame: &mut Frame, app: &App, t: &Theme, inner: Rect, scroll: usize) -> OverlayLayout {
    page::draw_lines(frame, inner, lines(app, t), scroll)
}
