//! The disputes overlay: each disputed fact, every version of it, and who gives each version.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, DisputeEntry};
use crate::tui::format;
use crate::tui::ui::DISPUTED;

/// Every line of the overlay, wrapped to `width` columns: a wrapped line goes on under its own
/// text, not at the overlay's edge.
pub fn lines(app: &App, entries: &[DisputeEntry], width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let d = &app.dossier;
    let mut lines = Vec::new();
    for entry in entries {
        let heading = [
            Span::styled(DISPUTED, t.disputed),
            Span::styled(format::safe(&entry.record), t.name),
            Span::styled("—", t.dim),
            Span::styled(format::safe(&entry.dispute.field), t.heading),
        ];
        lines.extend(format::wrap_spans(&heading, 0, 2, width));
        if let Some(note) = &entry.dispute.note {
            let note = [Span::styled(format::safe(note), t.dim)];
            lines.extend(format::wrap_spans(&note, 2, 2, width));
        }
        for version in &entry.dispute.versions {
            let value = [
                Span::raw("•"),
                Span::styled(format::safe(&version.value), t.key),
            ];
            lines.extend(format::wrap_spans(&value, 2, 4, width));
            for id in &version.sources {
                let text = match d.source(id) {
                    Some(s) => format!(
                        "{}: {} ({})",
                        s.publisher,
                        s.title,
                        format::date(s.date.as_ref())
                    ),
                    None => format!("unknown source id `{id}`"),
                };
                let source = [Span::raw(format::safe(&text))];
                lines.extend(format::wrap_spans(&source, 6, 8, width));
            }
        }
        lines.push(Line::raw(""));
    }
    lines
}

/// Draws the disputes from line `scroll` on.
pub fn draw(frame: &mut Frame, app: &App, inner: Rect, entries: &[DisputeEntry], scroll: usize) {
    let lines: Vec<Line> = lines(app, entries, usize::from(inner.width))
        .into_iter()
        .skip(scroll)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
