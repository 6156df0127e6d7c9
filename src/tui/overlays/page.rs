//! An overlay's lines, one page of them: what the help and the disputes draw alike.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::layout::OverlayLayout;

/// Draws `all` from line `scroll` on (kept within what there is), and says what it showed.
pub fn draw_lines(
    frame: &mut Frame,
    inner: Rect,
    all: Vec<Line<'static>>,
    scroll: usize,
) -> OverlayLayout {
    let page = usize::from(inner.height);
    let scroll = scroll.min(all.len().saturating_sub(page));
    let total = all.len();
    let shown: Vec<Line> = all.into_iter().skip(scroll).take(page).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    OverlayLayout {
        area: inner,
        lines: total,
        page,
        scroll,
    }
}
