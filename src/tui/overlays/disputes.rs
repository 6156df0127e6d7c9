//! The disputes overlay: each disputed fact, every version of it, and who gives each version.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::page;
use crate::tui::app::{App, DisputeEntry};
use crate::tui::format::{self, DISPUTED};
use crate::tui::layout::OverlayLayout;
use crate::tui::theme::Theme;

/// Every line of the overlay, wrapped to `width` columns: a wrapped line goes on under its own
/// text, not at the overlay's edge.
pub fn lines(app: &App, t: &Theme, entries: &[DisputeEntry], width: usize) -> Vec<Line<'static>> {
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
                let source = [Span::raw(format::safe(&format::cited_source(d, id)))];
                lines.extend(format::wrap_spans(&source, 6, 8, width));
            }
        }
        lines.push(Line::raw(""));
    }
    lines
}

/// Draws the disputes from line `scroll` on (kept within what there is).
pub fn draw(
    frame: &mut Frame,
    app: &App,
    t: &Theme,
    inner: Rect,
    entries: &[DisputeEntry],
    scroll: usize,
) -> OverlayLayout {
    // One column for the scrollbar.
    let all = lines(app, t, entries, usize::from(inner.width.saturating_sub(1)));
    page::draw_lines(frame, inner, all, scroll)
}
