//! Overlays drawn over the panes: key help, the sources of a record, disputed facts.

pub mod disputes;
pub mod help;
pub mod sources;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::app::{App, Overlay};
use super::ui;

/// Where overlays go: centred, leaving a margin, never larger than the screen.
pub fn area(screen: Rect) -> Rect {
    let width = screen.width.saturating_sub(4).min(100);
    let height = screen.height.saturating_sub(4);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    )
}

/// How many lines (help, disputes) or entries (sources) the overlay has, for scrolling.
pub fn line_count(app: &App, overlay: &Overlay) -> usize {
    match overlay {
        Overlay::Help { .. } => help::lines(app).len(),
        Overlay::Sources { entries, .. } => entries.len(),
        Overlay::Disputes { entries, .. } => {
            let width = ui::inner(area(app.area())).width;
            disputes::lines(app, entries, usize::from(width)).len()
        }
    }
}

/// Draws the open overlay.
pub fn draw(frame: &mut Frame, app: &App, overlay: &Overlay) {
    let rect = area(frame.area());
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let t = &app.theme;
    let title = match overlay {
        Overlay::Help { .. } => "Keys".to_string(),
        Overlay::Sources { title, .. } => format!("Sources: {}", super::format::clip(title, 60)),
        Overlay::Disputes { title, .. } => super::format::clip(title, 80),
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Block::bordered()
            .border_style(t.border_focused)
            .title(Line::from(Span::styled(
                format!(" {title} "),
                t.border_focused,
            )))
            .title_bottom(Line::from(Span::styled(" Esc closes ", t.dim)).right_aligned()),
        rect,
    );
    let inner = ui::inner(rect);
    match overlay {
        Overlay::Help { scroll } => help::draw(frame, app, inner, *scroll),
        Overlay::Sources {
            entries,
            cursor,
            quote,
            ..
        } => sources::draw(frame, app, inner, entries, cursor.selected, *quote),
        Overlay::Disputes {
            entries, scroll, ..
        } => disputes::draw(frame, app, inner, entries, *scroll),
    }
}
