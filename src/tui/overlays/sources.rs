//! The sources overlay: for each source of the selected record, its title, publisher, date, URL
//! and what it is cited for; `o` opens the selected one's URL.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::{App, SourceEntry};
use crate::tui::format;

/// Lines each source takes.
const ENTRY_HEIGHT: u16 = 4;

/// Draws the sources, the selected one highlighted and kept in view.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    inner: Rect,
    entries: &[SourceEntry],
    selected: usize,
    quote: Option<usize>,
) {
    let t = &app.theme;
    let d = &app.dossier;
    let mut area = inner;
    if let Some(q) = quote.and_then(|q| d.quotes.get(q)) {
        // The quote itself first: the sources are where it can be checked.
        // As many lines as the wrapped quote needs (an estimate: wrapping breaks at words), plus
        // the speaker and a blank line, never more than half the overlay.
        let width = usize::from(area.width.max(1));
        let needed = (format::width(&q.text) + 2).div_ceil(width) + 2;
        let height = u16::try_from(needed)
            .unwrap_or(u16::MAX)
            .min(area.height / 2);
        let mut lines =
            format::highlighted_lines(&format!("“{}”", q.text), &[], Style::new(), Style::new());
        lines.push(Line::styled(
            format!("— {}", format::safe(&q.speaker)),
            t.dim,
        ));
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }),
            Rect::new(area.x, area.y, area.width, height),
        );
        area = Rect::new(area.x, area.y + height, area.width, area.height - height);
    }
    if entries.is_empty() {
        frame.render_widget(Line::styled("This record cites no source", t.dim), area);
        return;
    }
    let fits = usize::from((area.height / ENTRY_HEIGHT).max(1));
    let first = selected.saturating_sub(fits - 1);
    let width = usize::from(area.width).saturating_sub(5);
    for (row, (i, entry)) in entries
        .iter()
        .enumerate()
        .skip(first)
        .take(fits)
        .enumerate()
    {
        let y = area.y + row as u16 * ENTRY_HEIGHT;
        if y >= area.bottom() {
            break;
        }
        let is_selected = i == selected;
        let mark = if is_selected { "›" } else { " " };
        let lines = match entry.source.map(|s| &d.sources[s]) {
            Some(s) => {
                let mut facts = format!("{} · {}", s.publisher, format::date(s.date.as_ref()));
                facts.push_str(&format!(" · {:?} · {}", s.kind, s.language).to_lowercase());
                vec![
                    Line::from(vec![
                        Span::styled(format!("{mark}{:>2}. ", i + 1), t.key),
                        Span::styled(format::clip(&s.title, width), t.name),
                    ]),
                    Line::raw(format!("     {}", format::clip(&facts, width))),
                    match &s.url {
                        Some(url) => {
                            Line::styled(format!("     {}", format::clip(url, width)), t.key)
                        }
                        None => Line::styled("     (no URL)", t.dim),
                    },
                    Line::styled(
                        format!(
                            "     {}",
                            format::clip(
                                &match &s.note {
                                    Some(note) =>
                                        format!("cited for {} · note: {note}", entry.cited_for),
                                    None => format!("cited for {}", entry.cited_for),
                                },
                                width
                            )
                        ),
                        t.dim,
                    ),
                ]
            }
            None => vec![
                Line::styled(format!("{mark}{:>2}. ", i + 1), t.key),
                Line::styled(
                    format!(
                        "     unknown source id `{}`",
                        format::clip(&entry.id, width)
                    ),
                    t.error,
                ),
            ],
        };
        let rect = Rect::new(area.x, y, area.width, ENTRY_HEIGHT.min(area.bottom() - y));
        frame.render_widget(Paragraph::new(lines), rect);
        if is_selected {
            let title_row = Rect::new(area.x, y, area.width, 1);
            frame.buffer_mut().set_style(title_row, t.selected);
        }
    }
}
