//! The four panes. Each draws from the app state and owns nothing; each knows where its list
//! sits inside its box, so that the app can scroll it and map mouse clicks to rows.

pub mod offer;
pub mod quotes;
pub mod timeline;
pub mod trophies;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::{App, Pane};
use super::ui;

/// Where a pane's selectable list sits inside the pane's border.
pub fn list_area(pane: Pane, inner: Rect) -> Rect {
    match pane {
        Pane::Timeline => timeline::areas(inner).list,
        Pane::Trophies => trophies::areas(inner).list,
        Pane::Offer => offer::areas(inner).list,
        Pane::Quotes => quotes::areas(inner).list,
    }
}

/// Draws one pane in its box.
pub fn draw(frame: &mut Frame, app: &App, pane: Pane, rect: Rect) {
    let t = &app.theme;
    let focused = app.focus == pane;
    let mut title = vec![Span::styled(
        format!(" {} ", pane.index() + 1),
        if focused { t.status_pane } else { t.dim },
    )];
    let (name, extra) = match pane {
        Pane::Timeline => ("Timeline".to_string(), timeline::title_extra(app)),
        Pane::Trophies => ("Trophies".to_string(), trophies::title_extra(app)),
        Pane::Offer => (offer::title(app), Vec::new()),
        Pane::Quotes => ("Quotes".to_string(), quotes::title_extra(app)),
    };
    title.push(Span::styled(
        format!(" {name} "),
        if focused { t.border_focused } else { t.title },
    ));
    title.extend(extra);
    let block = Block::bordered()
        .border_style(if focused { t.border_focused } else { t.border })
        .title(Line::from(title));
    frame.render_widget(block, rect);
    let inner = ui::inner(rect);
    match pane {
        Pane::Timeline => timeline::draw(frame, app, inner),
        Pane::Trophies => trophies::draw(frame, app, inner),
        Pane::Offer => offer::draw(frame, app, inner),
        Pane::Quotes => quotes::draw(frame, app, inner),
    }
}

/// The style of a row: the selection shows by REVERSED in the focused pane and by BOLD and
/// UNDERLINED elsewhere, so it reads without colours.
pub fn row_style(app: &App, pane: Pane, selected: bool) -> Option<Style> {
    match (selected, app.focus == pane) {
        (false, _) => None,
        (true, true) => Some(app.theme.selected),
        (true, false) => Some(app.theme.selected_unfocused),
    }
}

/// The two-column gutter at the start of a row: `›` for the selection, `▸` for the selected
/// stage's records.
pub fn gutter(app: &App, selected: bool, in_stage: bool) -> Span<'static> {
    let text = match (selected, in_stage) {
        (true, true) => "›▸",
        (true, false) => "› ",
        (false, true) => " ▸",
        (false, false) => "  ",
    };
    Span::styled(text, app.theme.in_stage)
}

/// Draws rows (already cut to the visible ones) top to bottom; the selected one (an index into
/// `rows`) is styled across the whole width.
pub fn draw_rows(
    frame: &mut Frame,
    area: Rect,
    rows: Vec<Line<'static>>,
    selected: Option<(usize, Style)>,
) {
    for (i, line) in rows.into_iter().enumerate() {
        let Ok(dy) = u16::try_from(i) else { break };
        if dy >= area.height {
            break;
        }
        let row = Rect::new(area.x, area.y + dy, area.width, 1);
        frame.render_widget(Paragraph::new(line), row);
        if let Some((s, style)) = selected
            && s == i
        {
            frame.buffer_mut().set_style(row, style);
        }
    }
}

/// Draws a detail area: a rule with a title, then wrapped text.
pub fn draw_detail(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
) {
    if area.height == 0 {
        return;
    }
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(app.theme.border)
        .title(Line::from(Span::styled(
            format!(" {title} "),
            app.theme.dim,
        )));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// Splits an area into a list on top and a detail area of `detail` rows at the bottom.
pub fn split_detail(inner: Rect, detail: u16) -> (Rect, Rect) {
    let detail = detail.min(inner.height);
    let list = Rect::new(inner.x, inner.y, inner.width, inner.height - detail);
    let bottom = Rect::new(inner.x, inner.y + list.height, inner.width, detail);
    (list, bottom)
}

/// The visible window of a list: (first row, rows shown).
pub fn window(offset: usize, len: usize, height: u16) -> std::ops::Range<usize> {
    let start = offset.min(len);
    start..len.min(start.saturating_add(usize::from(height)))
}
