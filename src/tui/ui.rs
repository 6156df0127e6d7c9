//! Drawing a frame: where the panes go, the header and the status bar. [`Ui::draw`] returns the
//! [`Layout`] it used, which the event loop hands back to the app as an action.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::app::{App, Overlay, Pane};
use super::format::{self, DISPUTED, RowCache};
use super::keymap;
use super::layout::{Layout, share};
use super::overlays;
use super::panes;
use super::theme::Theme;

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
/// how many rows the errors panel would like (0 for none); it gets at most two fifths of the body,
/// or all of it when there is no dossier to show (`alone`).
pub fn screen(area: Rect, focus: Pane, zoom: bool, errors: u16, alone: bool) -> Option<Screen> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let header = Rect::new(area.x, area.y, area.width, 2);
    let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let full = Rect::new(area.x, area.y + 2, area.width, area.height - 3);
    let errors_height = if errors == 0 {
        0
    } else if alone {
        full.height
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

/// What drawing needs besides the app state: the styles, and the rows long texts were wrapped
/// into, kept from frame to frame so that a long record scrolls at the cost of what is shown.
#[derive(Debug, Default)]
pub struct Ui {
    /// Styles.
    pub theme: Theme,
    /// Wrapped rows of the long texts drawn lately.
    pub rows: RowCache,
}

impl Ui {
    /// Drawing with these styles.
    pub fn new(theme: Theme) -> Self {
        Self {
            theme,
            rows: RowCache::default(),
        }
    }

    /// Draws the whole browser, and says where everything went.
    pub fn draw(&self, frame: &mut Frame, app: &App) -> Layout {
        let area = frame.area();
        let mut layout = Layout {
            size: (area.width, area.height),
            ..Layout::default()
        };
        let theme = &self.theme;
        let errors = app
            .errors
            .as_ref()
            .map_or(0, |e| panes::errors::wanted_rows(e, area.width));
        let alone = !app.loaded;
        let Some(screen) = screen(area, app.focus, app.zoom, errors, alone) else {
            draw_too_small(frame, app, area);
            layout.too_small = true;
            return layout;
        };
        draw_header(frame, app, theme, screen.header);
        let record_view = app.record_open();
        for pane in Pane::ALL {
            let rect = screen.panes[pane.index()];
            // Under the record view the panes are not drawn (it covers them), but their lists
            // keep the sizes they had, so the selections stay where they were.
            if rect.width > 2 && rect.height > 2 {
                layout.panes[pane.index()] = if record_view {
                    panes::areas(app, pane, rect)
                } else {
                    panes::draw(frame, app, theme, pane, rect, &mut layout.targets)
                };
            }
        }
        if let Some(errors) = app.errors.as_ref().filter(|e| e.shown) {
            layout.errors = screen.errors;
            layout.errors_rows = panes::errors::draw(frame, theme, errors, screen.errors);
        }
        draw_status(frame, app, theme, screen.status);
        if let Some(overlay) = app.overlay() {
            let body = Rect::new(
                area.x,
                screen.header.bottom(),
                area.width,
                screen.status.y.saturating_sub(screen.header.bottom()),
            );
            // A box opened from the record view or the career record (the help, sources) is
            // drawn over it, where the reader was, not over the panes. Its layout is not kept:
            // the keys and the mouse go to the box on top.
            if !overlays::covers_body(overlay)
                && let Some(under) = app.overlays.iter().rev().find(|o| overlays::covers_body(o))
            {
                overlays::draw(frame, app, (theme, &self.rows), under, body);
            }
            layout.overlay = Some(overlays::draw(
                frame,
                app,
                (theme, &self.rows),
                overlay,
                body,
            ));
        }
        layout
    }
}

/// Where the panes and their lists go on a screen of `area`, without drawing (for a terminal too
/// large to draw in a test): what [`Ui::draw`] would return, but for the overlay and the tabs.
pub fn measure(app: &App, area: Rect) -> Layout {
    let mut layout = Layout {
        size: (area.width, area.height),
        ..Layout::default()
    };
    let errors = app
        .errors
        .as_ref()
        .map_or(0, |e| panes::errors::wanted_rows(e, area.width));
    let Some(screen) = screen(area, app.focus, app.zoom, errors, !app.loaded) else {
        layout.too_small = true;
        return layout;
    };
    for pane in Pane::ALL {
        let rect = screen.panes[pane.index()];
        if rect.width > 2 && rect.height > 2 {
            layout.panes[pane.index()] = panes::areas(app, pane, rect);
        }
    }
    if let Some(errors) = app.errors.as_ref().filter(|e| e.shown) {
        layout.errors = screen.errors;
        let inside = super::layout::inner(screen.errors);
        layout.errors_rows = (
            panes::errors::rows(errors, usize::from(inside.width)).len(),
            usize::from(inside.height),
        );
    }
    layout
}

fn draw_too_small(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let mut text = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
    ];
    // The quit key of what has the keyboard: q in the panes, Ctrl-C in an overlay.
    let quit = app
        .contexts()
        .into_iter()
        .find_map(|c| app.keys.label(c, &Action::Quit));
    if let Some(key) = quit {
        text.push(Line::from(format!("{key} quits")));
    }
    let height = (text.len() as u16).min(area.height);
    let y = area.y + (area.height - height) / 2;
    frame.render_widget(
        Paragraph::new(text).centered().wrap(Wrap { trim: true }),
        Rect::new(area.x, y, area.width, area.height - (y - area.y)),
    );
}

fn draw_header(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let t = theme;
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
                    format!(
                        " Stage {}/{} ",
                        format::thousands(s + 1),
                        format::thousands(app.dossier.stages.len())
                    ),
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

fn draw_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let t = theme;
    let sources_filter = match app.overlay() {
        Some(Overlay::Sources {
            filter: Some((query, true)),
            entries,
            all,
            ..
        }) => Some((query, entries.len(), all.len())),
        _ => None,
    };
    if app.search.editing || app.filter.editing || sources_filter.is_some() {
        let (query, mut count) = if let Some((query, shown, all)) = sources_filter {
            (
                query,
                format!(
                    "  {} of {}",
                    format::thousands(shown),
                    format::count(all, "source", "sources")
                ),
            )
        } else if app.filter.editing {
            let count = match app.filter_count() {
                Some(count) => format!("  {count}"),
                None => format!(
                    "  type to filter the {} (fzf syntax, ? shows it)",
                    app.filter.pane.map_or("pane", |p| p.name()).to_lowercase()
                ),
            };
            (&app.filter.query, count)
        } else {
            let count = match app.search_count() {
                Some(count) => format!("  {count}"),
                None => format!(
                    "  type to search {}",
                    format::count(app.dossier.quotes.len(), "quote", "quotes")
                ),
            };
            (&app.search.query, count)
        };
        if app.search.pending && app.search.editing {
            count.push_str(" · searching…");
        }
        let mut spans = vec![Span::styled(" /", t.key), Span::raw(format::safe(query))];
        let cursor_x = area.x + 2 + format::width(&format::safe(query)) as u16;
        spans.push(Span::styled(count, t.dim));
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.extend(hint_spans(
            app,
            theme,
            usize::from(area.width).saturating_sub(used),
        ));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        if cursor_x < area.right() {
            frame.set_cursor_position((cursor_x, area.y));
        }
        return;
    }
    // The name of what is read: the record view or the career record, also under a box over it.
    let name = match app.overlays.iter().rev().find(|o| overlays::covers_body(o)) {
        _ if app.errors_focused() && app.overlays.is_empty() => "Errors",
        Some(Overlay::Record { .. }) => "Record",
        Some(Overlay::Career { .. }) => "Career",
        _ => app.focus.name(),
    };
    let mut spans = vec![Span::styled(format!(" {name} "), t.status_pane)];
    // While the file on disk does not load, say so whatever else the bar shows.
    if let Some(errors) = &app.errors {
        let key = match app.keys.label(keymap::Context::Panes, &Action::FocusErrors) {
            Some(key) if !errors.focused => format!(" ({key})"),
            _ => String::new(),
        };
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
        let filter = app
            .filter_count()
            .filter(|_| app.filter.pane == Some(app.focus));
        let counts = match (app.search_count(), app.focus) {
            _ if filter.is_some() => format!(
                " /{}: {} ",
                format::safe(&app.filter.query),
                filter.unwrap_or_default()
            ),
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
                format::thousands(app.offer.map_or(0, |o| o + 1)),
                format::thousands(d.offers.len())
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
            theme,
            usize::from(area.width).saturating_sub(used),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The most useful keys for what is on screen now, from the keymap, as many as fit in `room`
/// columns (the help key is kept longest: it leads to all the others).
fn hint_spans(app: &App, theme: &Theme, room: usize) -> Vec<Span<'static>> {
    let t = theme;
    let mut hints = app.keys.hints(&app.contexts());
    // Opening a URL only means something where a URL is selected.
    let url_open = matches!(
        app.overlay(),
        Some(Overlay::Sources { .. } | Overlay::Url { .. })
    );
    hints.retain(|(_, word)| *word != "open URL" || url_open);
    // Enter opens a record from a list of them; the record view and the help are no list.
    let in_list = app.overlay().is_none()
        || matches!(
            app.overlay(),
            Some(Overlay::Sources { .. } | Overlay::Career { .. })
        );
    hints.retain(|(_, word)| *word != "open" || in_list);
    // Nothing to copy in the help or the disputes.
    let copyable = !matches!(
        app.overlay(),
        Some(Overlay::Help { .. } | Overlay::Disputes { .. })
    );
    hints.retain(|(_, word)| *word != "copy" || copyable);
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
