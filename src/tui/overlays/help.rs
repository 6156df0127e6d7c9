//! The help overlay, drawn from the key table itself so it always says what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::page;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::format::{self, DISPUTED};
use crate::tui::keymap::{CONTEXTS, Context};
use crate::tui::layout::OverlayLayout;
use crate::tui::theme::Theme;

/// Every line of the help: a few words on what the screen shows, then the key table in force.
pub fn lines(app: &App, t: &Theme) -> Vec<Line<'static>> {
    // The keys the words name are the keys in force (a config file may have moved them).
    let key = |action: Action| app.keys.label(Context::Panes, &action);
    let mut lines = Vec::new();
    let stages = [key(Action::PrevStage), key(Action::NextStage)];
    let stages: Vec<String> = stages.into_iter().flatten().collect();
    if !stages.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(stages.join(" "), t.key),
            Span::raw(" change the career stage: every pane follows."),
        ]));
    }
    let disputes = key(Action::ShowDisputes)
        .map_or_else(String::new, |d| format!(" ({d} shows its versions)"));
    lines.push(Line::from(vec![
        Span::styled("▸", t.in_stage),
        Span::raw(" marks the stage's records, "),
        Span::styled(DISPUTED, t.disputed),
        Span::raw(format!(" a disputed fact{disputes}.")),
    ]));
    if let Some(open) = key(Action::OpenRecord) {
        lines.push(Line::from(vec![
            Span::styled(open, t.key),
            Span::raw(" opens the selected record whole, its disputes and sources."),
        ]));
    }
    // One line each: drawing wraps them to the overlay's width.
    let capture = if app.mouse { "on" } else { "off" };
    lines.push(Line::raw(match key(Action::ToggleMouse) {
        Some(mouse) => format!(
            "Mouse capture is {capture}: a click focuses a pane and selects a row, the wheel \
             scrolls the pane under it; {mouse} switches capture off so the terminal can select \
             text, and on again."
        ),
        None => format!(
            "Mouse capture is {capture}: a click focuses a pane and selects a row, the wheel \
             scrolls the pane under it."
        ),
    }));
    lines.push(Line::from(vec![
        Span::styled("Ctrl-Z", t.key),
        Span::raw(" stops the browser and gives the shell back; fg brings it back."),
    ]));
    lines.push(Line::raw(""));
    for context in CONTEXTS {
        lines.push(Line::styled(context.heading(), t.heading));
        for b in app.keys.in_context(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", b.keys_label()), t.key),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines
}

/// Draws the help from line `scroll` on (kept within what there is), each line wrapped to the
/// overlay's width.
pub fn draw(frame: &mut Frame, app: &App, t: &Theme, inner: Rect, scroll: usize) -> OverlayLayout {
    let width = usize::from(inner.width);
    let all = lines(app, t)
        .into_iter()
        .flat_map(|line| wrapped(line, width))
        .collect();
    page::draw_lines(frame, inner, all, scroll)
}

/// A help line in lines of at most `width` columns. A row of the key table keeps its key column
/// and wraps its words under their own start; a line of prose wraps under its indentation.
fn wrapped(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.width() <= width {
        return vec![line];
    }
    let mut spans = line.spans;
    let first = spans.remove(0);
    // The words after a key keep their space from it (wrapping drops spaces between spans).
    let gap = usize::from(spans.first().is_some_and(|s| s.content.starts_with(' ')));
    let lead = format::width(&first.content) + gap;
    if !spans.is_empty() && lead < width / 2 {
        let mut lines = format::wrap_spans(&spans, lead, lead, width);
        lines[0].spans[0] =
            Span::styled(format!("{}{}", first.content, " ".repeat(gap)), first.style);
        return lines;
    }
    let indent = first.content.len() - first.content.trim_start_matches(' ').len();
    spans.insert(0, first);
    format::wrap_spans(&spans, indent, indent + 2, width)
}
