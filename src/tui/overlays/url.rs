//! A web address the system's opener could not open (none installed, no display over SSH): shown
//! whole, wrapped, so it can be read, selected with the mouse off, or copied with `y`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use crate::tui::format::{self, Para, RowCache};
use crate::tui::layout::OverlayLayout;
use crate::tui::theme::Theme;

/// Draws what went wrong and the address.
pub fn draw(frame: &mut Frame, t: &Theme, body: Rect, url: &str, why: &str) -> OverlayLayout {
    let paras = [
        Para::new(why, t.error),
        Para::new("", Style::new()),
        Para::new(url, t.key),
        Para::new("", Style::new()),
        Para::new(
            "y copies it (OSC 52); m switches mouse capture off so the terminal can select it.",
            t.dim,
        )
        .lead(vec![Span::raw("")]),
    ];
    let page = usize::from(body.height);
    let (lines, total, _) = format::wrapped(
        &paras,
        &RowCache::default(),
        usize::from(body.width),
        0,
        page,
    );
    frame.render_widget(Paragraph::new(lines), body);
    OverlayLayout {
        area: body,
        lines: total,
        page,
        scroll: 0,
    }
}
