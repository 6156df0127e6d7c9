//! The help overlay, drawn from the key table itself so it always says what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::keymap::{BINDINGS, CONTEXTS};
use crate::tui::ui::DISPUTED;

/// Every line of the help.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
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
        Line::raw(format!(
            "Mouse capture is {}: a click focuses a pane and selects a row,",
            if app.mouse { "on" } else { "off" }
        )),
        Line::raw("  the wheel scrolls; m switches capture off so the terminal can"),
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

/// Draws the help from line `scroll` on.
pub fn draw(frame: &mut Frame, app: &App, inner: Rect, scroll: usize) {
    let lines: Vec<Line> = lines(app).into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
