//! The four panes and the errors panel. Each pane draws from the app state and owns nothing; each
//! says where its list went and which rows it showed, so the app can scroll it and map mouse
//! clicks to rows.

pub mod errors;
pub mod offer;
pub mod quotes;
pub mod rows;
pub mod timeline;
pub mod trophies;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::app::{App, OfferRow, Pane, TrophyRow};
use super::format;
use super::layout::{PaneLayout, Target, inner};
use super::theme::Theme;

/// Where a pane's list goes inside its box, and the rows it shows, without drawing it.
pub fn areas(app: &App, pane: Pane, rect: Rect) -> PaneLayout {
    let inside = inner(rect);
    let list = match pane {
        Pane::Timeline => timeline::areas(inside).list,
        Pane::Trophies => trophies::areas(inside).list,
        Pane::Offer => offer::areas(inside).list,
        Pane::Quotes => quotes::areas(inside).list,
    };
    PaneLayout {
        area: rect,
        list,
        offset: app.shown_cursor(pane, usize::from(list.height)).offset,
    }
}

/// Draws one pane in its box; click targets other than rows (the offer tabs) go in `targets`.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    pane: Pane,
    rect: Rect,
    targets: &mut Vec<(Rect, Target)>,
) -> PaneLayout {
    let t = theme;
    let focused = app.focus == pane;
    let mut title = vec![Span::styled(
        format!(" {} ", pane.index() + 1),
        if focused { t.status_pane } else { t.dim },
    )];
    let (name, extra) = match pane {
        Pane::Timeline => ("Timeline".to_string(), timeline::title_extra(app, t)),
        Pane::Trophies => ("Trophies".to_string(), trophies::title_extra(app, t)),
        Pane::Offer => (offer::title(app), Vec::new()),
        Pane::Quotes => ("Quotes".to_string(), quotes::title_extra(app, t)),
    };
    title.push(Span::styled(
        format!(" {name} "),
        if focused { t.border_focused } else { t.title },
    ));
    title.extend(extra);
    if app.filter.pane == Some(pane)
        && let Some(count) = app.filter_count()
    {
        title.push(Span::styled(
            format!("/{} · {count} ", format::clip(&app.filter.query, 20)),
            t.matched,
        ));
    }
    let layout = areas(app, pane, rect);
    let mut block = Block::bordered()
        .border_style(if focused { t.border_focused } else { t.border })
        // A title wider than the box ends in an ellipsis rather than mid-word.
        .title(format::ellipsize(
            Line::from(title),
            usize::from(rect.width.saturating_sub(2)),
        ));
    // A list that holds more than it shows says where the selection is in it.
    let (at, of) = position(app, pane);
    if of > usize::from(layout.list.height) && layout.list.height > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" {}/{} ", format::thousands(at), format::thousands(of)),
                t.dim,
            ))
            .right_aligned(),
        );
    }
    frame.render_widget(block, rect);
    let inside = inner(rect);
    match pane {
        Pane::Timeline => timeline::draw(frame, app, t, inside, layout.offset),
        Pane::Trophies => trophies::draw(frame, app, t, inside, layout.offset),
        Pane::Offer => offer::draw(frame, app, t, inside, layout.offset, targets),
        Pane::Quotes => quotes::draw(frame, app, t, inside, layout.offset),
    }
    layout
}

/// The selected record's place in a pane's list and how many records it holds (headings are not
/// counted): `3/15`.
fn position(app: &App, pane: Pane) -> (usize, usize) {
    match pane {
        Pane::Timeline => (app.stage.map_or(0, |s| s + 1), app.dossier.stages.len()),
        Pane::Trophies => items_at(&app.trophy_rows, app.trophies.selected, TrophyRow::is_item),
        Pane::Offer => items_at(
            &app.offer_rows,
            app.offer_cursor.selected,
            OfferRow::is_item,
        ),
        Pane::Quotes => {
            let len = app.quote_rows.len();
            ((app.quotes.selected + 1).min(len), len)
        }
    }
}

/// The selected row's place among a list's items, and how many items it has.
fn items_at<T>(rows: &[T], selected: usize, is_item: fn(&T) -> bool) -> (usize, usize) {
    let items = rows.iter().filter(|r| is_item(r)).count();
    let at = rows
        .iter()
        .take(selected + 1)
        .filter(|r| is_item(r))
        .count();
    (at, items)
}
