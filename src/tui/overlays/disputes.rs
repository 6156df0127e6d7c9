//! The disputes overlay: each disputed fact, every version of it, and who gives each version.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::{App, DisputeEntry};
use crate::tui::format;
use crate::tui::ui::DISPUTED;

/// Every line of the overlay (before wrapping).
pub fn lines(app: &App, entries: &[DisputeEntry]) -> Vec<Line<'static>> {
    let t = &app.theme;
    let d = &app.dossier;
    let mut lines = Vec::new();
    for entry in entries {
        lines.push(Line::from(vec![
            Span::styled(format!("{DISPUTED} "), t.disputed),
            Span::styled(format::safe(&entry.record), t.name),
            Span::styled(" — ", t.dim),
            Span::styled(format::safe(&entry.dispute.field), t.heading),
        ]));
        if let Some(note) = &entry.dispute.note {
            lines.push(Line::styled(format!("  {}", format::safe(note)), t.dim));
        }
        for version in &entry.dispute.versions {
            lines.push(Line::from(vec![
                Span::raw("  • "),
                Span::styled(format::safe(&version.value), t.key),
            ]));
            for id in &version.sources {
                let text = match d.source(id) {
                    Some(s) => format!(
                        "      {}: {} ({})",
                        s.publisher,
                        s.title,
                        format::date(s.date.as_ref())
                    ),
                    None => format!("      unknown source id `{id}`"),
                };
                lines.push(Line::raw(format::safe(&text)));
            }
        }
        lines.push(Line::raw(""));
    }
    lines
}

/// Draws the disputes from line `scroll` on.
pub fn draw(frame: &mut Frame, app: &App, inner: Rect, entries: &[DisputeEntry], scroll: usize) {
    let lines: Vec<Line> = lines(app, entries).into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
