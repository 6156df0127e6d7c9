//! What opens over the panes: the record view (one record whole), the career record (every
//! stage's W-D-L), key help, the sources of a record, disputed facts, and a web address the
//! opener could not open. Each says how much it
//! holds and what it showed, so the app can scroll it.

pub mod career;
pub mod disputes;
pub mod help;
pub mod page;
pub mod record;
pub mod sources;
pub mod url;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::action::Action;
use super::app::{App, Overlay};
use super::format;
use super::format::RowCache;
use super::keymap::Context;
use super::layout::{OverlayLayout, inner};
use super::theme::Theme;

/// Where a centred overlay goes: a margin around it, never larger than the screen, at most
/// `max_width` columns.
pub fn area(screen: Rect, max_width: u16) -> Rect {
    let width = screen.width.saturating_sub(4).min(max_width);
    let height = screen.height.saturating_sub(4);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    )
}

/// The overlay takes the whole body, not a box over it: the record view and the career record
/// are what is read.
pub fn covers_body(overlay: &Overlay) -> bool {
    matches!(overlay, Overlay::Record { .. } | Overlay::Career { .. })
}

/// Draws the overlay on top; `body` is the screen between the header and the status bar.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    (t, rows): (&Theme, &RowCache),
    overlay: &Overlay,
    body: Rect,
) -> OverlayLayout {
    let screen = frame.area();
    let rect = match overlay {
        // What covers_body names.
        Overlay::Record { .. } | Overlay::Career { .. } => body,
        Overlay::Help { .. } => area(screen, 100),
        Overlay::Url { .. } => area(screen, 100),
        Overlay::Sources { .. } | Overlay::Disputes { .. } => area(screen, 120),
    };
    if rect.width < 3 || rect.height < 3 {
        return OverlayLayout {
            area: rect,
            ..OverlayLayout::default()
        };
    }
    let title = match overlay {
        Overlay::Help { .. } => "Keys".to_string(),
        Overlay::Sources {
            title,
            filter: Some((query, _)),
            entries,
            all,
            ..
        } => format!(
            "Sources: {} · /{} {} of {}",
            format::clip(title, 60),
            format::clip(query, 20),
            format::thousands(entries.len()),
            format::thousands(all.len())
        ),
        Overlay::Sources { title, .. } => format!("Sources: {}", format::clip(title, 80)),
        Overlay::Disputes { title, .. } => format::clip(title, 100),
        Overlay::Record { record, .. } => record::title(app, *record),
        Overlay::Career { .. } => career::TITLE.to_string(),
        Overlay::Url { .. } => "Could not open this address".to_string(),
    };
    let body = inner(rect);
    frame.render_widget(Clear, rect);
    let mut drawn = match overlay {
        Overlay::Help { scroll } => help::draw(frame, app, t, body, *scroll),
        Overlay::Sources {
            entries,
            cursor,
            record,
            hits,
            ..
        } => sources::draw(
            frame,
            app,
            t,
            body,
            (entries, hits),
            cursor.selected,
            *record,
        ),
        Overlay::Disputes {
            entries, scroll, ..
        } => disputes::draw(frame, app, t, body, entries, *scroll),
        Overlay::Record { record, scroll } => {
            record::draw(frame, app, (t, rows), body, *record, *scroll)
        }
        Overlay::Career {
            records,
            selected,
            scroll,
        } => career::draw(frame, app, t, body, records, (*selected, *scroll)),
        Overlay::Url { url, why } => url::draw(frame, app, t, body, url, why),
    };
    drawn.area = rect;
    let mut block = Block::bordered()
        .border_style(t.border_focused)
        .title(Line::from(Span::styled(
            format!(" {} ", format::safe(&title)),
            t.border_focused,
        )));
    // ` Esc/q back `, with the keys in force.
    if let Some(keys) = app
        .keys
        .labels(Context::Overlay, &Action::CloseOverlay, "/")
    {
        let what = if matches!(overlay, Overlay::Record { .. } | Overlay::Career { .. }) {
            "back"
        } else {
            "closes"
        };
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {keys} {what} "), t.dim)).right_aligned(),
        );
    }
    if let Some(position) = position(overlay, &drawn) {
        block = block.title_bottom(Line::from(Span::styled(position, t.dim)).left_aligned());
    }
    frame.render_widget(block, rect);
    if drawn.lines > drawn.page && rect.height > 2 {
        scrollbar(frame, t, rect, &drawn);
    }
    drawn
}

/// ` 12–30 of 120 ` lines, or ` 2/5 ` sources, where the overlay holds more than it shows.
fn position(overlay: &Overlay, drawn: &OverlayLayout) -> Option<String> {
    if drawn.lines <= drawn.page {
        return None;
    }
    Some(match overlay {
        Overlay::Sources { cursor, .. } => format!(
            " {}/{} ",
            format::thousands(cursor.selected + 1),
            format::thousands(drawn.lines)
        ),
        Overlay::Career {
            records, selected, ..
        } => format!(
            " {}/{} ",
            format::thousands(selected + 1),
            format::count(records.len(), "stage", "stages")
        ),
        _ => format!(
            " {}–{} of {} ",
            format::thousands(drawn.scroll + 1),
            format::thousands((drawn.scroll + drawn.page).min(drawn.lines)),
            format::thousands(drawn.lines)
        ),
    })
}

/// A scrollbar on the box's right border.
fn scrollbar(frame: &mut Frame, t: &Theme, rect: Rect, drawn: &OverlayLayout) {
    // Beside the list where the overlay has one (the career record's table, not the details
    // under it), else the whole border.
    let track = if drawn.list.height > 0 {
        Rect::new(rect.x, drawn.list.y, rect.width, drawn.list.height)
    } else {
        Rect::new(
            rect.x,
            rect.y + 1,
            rect.width,
            rect.height.saturating_sub(2),
        )
    };
    let mut state = ScrollbarState::new(drawn.lines.saturating_sub(drawn.page) + 1)
        .position(drawn.scroll)
        .viewport_content_length(drawn.page);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(t.dim),
        track,
        &mut state,
    );
}
