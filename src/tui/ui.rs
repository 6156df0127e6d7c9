//! The layout, the header and the status bar. The layout is a pure function of the screen size
//! and the focus, so the app can find what is under a mouse click without drawing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Pane};
use super::format;
use super::keymap;
use super::overlays;
use super::panes;

/// Below this many columns the panes are replaced by a "too small" message.
pub const MIN_WIDTH: u16 = 60;
/// Below this many rows the panes are replaced by a "too small" message.
pub const MIN_HEIGHT: u16 = 16;

/// Where everything goes on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// Subject and selected stage (two lines).
    pub header: Rect,
    /// Each pane's box, in [`Pane::ALL`] order (empty when zoomed away).
    pub panes: [Rect; 4],
    /// The errors panel under the panes (empty when there is none).
    pub errors: Rect,
    /// The status bar (one line).
    pub status: Rect,
}

/// The layout for a screen of this size, or None when it is too small to be usable. `errors` is
/// how many rows the errors panel would like (0 for none); it gets at most two fifths of the body.
pub fn screen(area: Rect, focus: Pane, zoom: bool, errors: u16) -> Option<Screen> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let header = Rect::new(area.x, area.y, area.width, 2);
    let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let full = Rect::new(area.x, area.y + 2, area.width, area.height - 3);
    let errors_height = if errors == 0 {
        0
    } else {
        errors.clamp(3, share(full.height, 2, 5).max(3))
    };
    let body = Rect::new(full.x, full.y, full.width, full.height - errors_height);
    let errors = Rect::new(full.x, body.bottom(), full.width, errors_height);
    let mut panes = [Rect::default(); 4];
    if zoom {
        panes[focus.index()] = body;
        return Some(Screen {
            header,
            panes,
            errors,
            status,
        });
    }
    // Two columns: timeline over trophies, offer over quotes. The column holding the focus gives
    // the focused pane more rows, so the pane being read is the big one.
    let left_width = share(body.width, 44, 100);
    let columns = [
        (
            Rect::new(body.x, body.y, left_width, body.height),
            [Pane::Timeline, Pane::Trophies],
        ),
        (
            Rect::new(
                body.x + left_width,
                body.y,
                body.width - left_width,
                body.height,
            ),
            [Pane::Offer, Pane::Quotes],
        ),
    ];
    for (column, [top, bottom]) in columns {
        let top_height = if focus == top {
            share(column.height, 3, 5)
        } else if focus == bottom {
            column.height - share(column.height, 3, 5)
        } else {
            column.height / 2
        };
        panes[top.index()] = Rect::new(column.x, column.y, column.width, top_height);
        panes[bottom.index()] = Rect::new(
            column.x,
            column.y + top_height,
            column.width,
            column.height - top_height,
        );
    }
    Some(Screen {
        header,
        panes,
        errors,
        status,
    })
}

/// `n * num / den` (with `num <= den`), computed wide: a terminal can report 65535 rows, and
/// `65535 * 3` overflows a u16.
pub fn share(n: u16, num: u32, den: u32) -> u16 {
    // At most n, since num <= den: the conversion back cannot fail.
    u16::try_from(u32::from(n) * num / den).unwrap_or(n)
}

/// The inside of a bordered box.
pub fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

/// Draws the whole browser.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let errors = app.errors.as_ref().map_or(0, |e| e.wanted_rows(area.width));
    let Some(screen) = screen(area, app.focus, app.zoom, errors) else {
        draw_too_small(frame, area);
        return;
    };
    draw_header(frame, app, screen.header);
    for pane in Pane::ALL {
        let rect = screen.panes[pane.index()];
        if rect.width > 2 && rect.height > 2 {
            panes::draw(frame, app, pane, rect);
        }
    }
    if let Some(errors) = app.errors.as_ref().filter(|e| e.shown) {
        super::errors::draw(frame, app, errors, screen.errors);
    }
    draw_status(frame, app, screen.status);
    if let Some(overlay) = &app.overlay {
        overlays::draw(frame, app, overlay);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::from("q quits"),
    ];
    let height = (text.len() as u16).min(area.height);
    let y = area.y + (area.height - height) / 2;
    frame.render_widget(
        Paragraph::new(text).centered().wrap(Wrap { trim: true }),
        Rect::new(area.x, y, area.width, area.height - (y - area.y)),
    );
}

/// A marker for disputed facts, shown wherever a record has some.
pub const DISPUTED: &str = "≠";

fn draw_header(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let subject = &app.dossier.subject;
    let mut first = vec![Span::styled(
        format!(" {}", format::safe(&subject.name)),
        t.name,
    )];
    if let Some(nationality) = &subject.nationality {
        first.push(Span::styled(" · ", t.dim));
        first.push(Span::raw(format::safe(nationality)));
    }
    if let Some(born) = &subject.born {
        let mut text = "born".to_string();
        if let Some(date) = born.date {
            text.push_str(&format!(" {date}"));
        }
        if let Some(place) = &born.place {
            text.push_str(&format!(", {}", format::safe(place)));
        }
        first.push(Span::styled(" · ", t.dim));
        first.push(Span::raw(text));
    }
    if !subject.disputes.is_empty() {
        first.push(Span::styled(format!(" {DISPUTED}"), t.disputed));
    }

    let second = match app.stage {
        Some(s) => {
            let stage = &app.dossier.stages[s];
            // Most telling first, as a narrow screen cuts the end: when, and how it ended.
            let mut spans = vec![
                Span::styled(
                    format!(" Stage {}/{} ", s + 1, app.dossier.stages.len()),
                    t.dim,
                ),
                Span::styled(format::safe(&stage.team), t.in_stage.patch(t.name)),
                Span::styled(" · ", t.dim),
                Span::raw(format::stage_span(stage)),
                Span::styled(" · ", t.dim),
                Span::raw(match &stage.exit_note {
                    Some(note) => format::safe(note),
                    None => format::exit(stage.exit).to_string(),
                }),
                Span::styled(" · ", t.dim),
                Span::raw(format!(
                    "{}, {}",
                    format::kind(stage.kind),
                    format::safe(&stage.country)
                )),
            ];
            if !stage.disputes.is_empty() {
                spans.push(Span::styled(format!(" {DISPUTED}"), t.disputed));
            }
            Line::from(spans)
        }
        None => Line::from(Span::styled(" No career stages in this dossier", t.dim)),
    };
    let width = usize::from(area.width);
    let lines = vec![
        format::ellipsize(Line::from(first), width),
        format::ellipsize(second, width),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    if app.search.editing {
        let mut count = match app.search_count() {
            Some(count) => format!("  {count}"),
            None => format!(
                "  type to search {}",
                format::count(app.dossier.quotes.len(), "quote", "quotes")
            ),
        };
        if app.search.pending {
            count.push_str(" · searching…");
        }
        let mut spans = vec![
            Span::styled(" /", t.key),
            Span::raw(format::safe(&app.search.query)),
        ];
        let cursor_x = area.x + 2 + format::width(&format::safe(&app.search.query)) as u16;
        spans.push(Span::styled(count, t.dim));
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.extend(hint_spans(
            app,
            usize::from(area.width).saturating_sub(used),
        ));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        if cursor_x < area.right() {
            frame.set_cursor_position((cursor_x, area.y));
        }
        return;
    }
    let name = if app.errors_focused() && app.overlay.is_none() {
        "Errors"
    } else {
        app.focus.name()
    };
    let mut spans = vec![Span::styled(format!(" {name} "), t.status_pane)];
    // While the file on disk does not load, say so whatever else the bar shows.
    if let Some(errors) = &app.errors {
        let key = if errors.focused { "" } else { " (e)" };
        spans.push(Span::styled(
            format!(" ⚠ {}{key} ", errors.count_label()),
            t.error,
        ));
    }
    if let Some(message) = &app.message {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format::safe(&message.text),
            if message.error { t.error } else { t.message },
        ));
    } else {
        let d = &app.dossier;
        let searching = if app.search.pending {
            " · searching…"
        } else {
            ""
        };
        let counts = match (app.search_count(), app.focus) {
            (Some(count), _) => {
                format!(" /{}: {count}{searching} ", format::safe(&app.search.query))
            }
            (None, _) if app.search.pending => {
                format!(" /{}: searching… ", format::safe(&app.search.query))
            }
            (None, Pane::Timeline) => {
                format!(" {} ", format::count(d.stages.len(), "stage", "stages"))
            }
            (None, Pane::Trophies) => format!(
                " {} · {} ",
                format::count(d.trophies.len(), "trophy", "trophies"),
                format::count(d.matches.len(), "match", "matches")
            ),
            (None, Pane::Offer) => format!(
                " offer {}/{} ",
                app.offer.map_or(0, |o| o + 1),
                d.offers.len()
            ),
            (None, Pane::Quotes) => {
                format!(" {} ", format::count(d.quotes.len(), "quote", "quotes"))
            }
        };
        spans.push(Span::styled(counts, t.dim));
        if !app.mouse {
            spans.push(Span::styled("mouse off ", t.dim));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.extend(hint_spans(
            app,
            usize::from(area.width).saturating_sub(used),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The most useful keys for what is on screen now, from the keymap, as many as fit in `room`
/// columns (the help key is kept longest: it leads to all the others).
fn hint_spans(app: &App, room: usize) -> Vec<Span<'static>> {
    let t = &app.theme;
    let mut hints = keymap::hints(&app.contexts());
    // Opening a URL only means something in the sources overlay.
    let sources_open = matches!(app.overlay, Some(super::app::Overlay::Sources { .. }));
    hints.retain(|(_, word)| *word != "open" || sources_open);
    let width = |h: &[(String, &str)]| -> usize {
        h.iter()
            .map(|(k, w)| 2 + format::width(k) + format::width(w))
            .sum()
    };
    while width(&hints) > room && !hints.is_empty() {
        let drop = hints
            .iter()
            .rposition(|(_, w)| *w != "help")
            .unwrap_or(hints.len() - 1);
        hints.remove(drop);
    }
    let mut spans = Vec::new();
    for (keys, word) in hints {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(keys, t.key));
        spans.push(Span::styled(format!(" {word}"), Style::new()));
    }
    spans
}
