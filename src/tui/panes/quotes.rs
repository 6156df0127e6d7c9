//! Quotes: date, speaker, the words, stage and source per row (the selected stage's first, or the
//! search hits best first, matched characters highlighted); the selected quote in full below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{draw_detail, draw_rows, gutter, row_style, split_detail, window};
use crate::search::Field;
use crate::tui::app::{App, Pane};
use crate::tui::format;

/// Where the parts of the pane go.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    /// The rows.
    pub list: Rect,
    /// The selected quote in full.
    pub detail: Rect,
}

/// The pane's parts inside its border.
pub fn areas(inner: Rect) -> Areas {
    let detail = if inner.height >= 7 {
        crate::tui::ui::share(inner.height, 2, 5).max(3)
    } else {
        0
    };
    let (list, detail) = split_detail(inner, detail);
    Areas { list, detail }
}

/// The search in the title, while one is active.
pub fn title_extra(app: &App) -> Vec<Span<'static>> {
    let t = &app.theme;
    match &app.search.hits {
        Some(hits) => {
            // Short, for a title: `3 of 10`, or `best 1,000 of 52,118` when capped.
            let count = if hits.len() < app.search.total {
                format!(
                    "best {} of {}",
                    format::thousands(hits.len()),
                    format::thousands(app.search.total)
                )
            } else {
                format!(
                    "{} of {}",
                    format::thousands(hits.len()),
                    format::thousands(app.dossier.quotes.len())
                )
            };
            let searching = if app.search.pending { " …" } else { "" };
            vec![Span::styled(
                format!(
                    "/{} · {count}{searching} ",
                    format::clip(&app.search.query, 20)
                ),
                t.matched,
            )]
        }
        None => vec![Span::styled(
            format!("{} ", app.dossier.quotes.len()),
            t.dim,
        )],
    }
}

/// Column widths: (date, speaker, words, stage, source).
fn columns(width: usize) -> (usize, usize, usize, usize, usize) {
    let rest = width.saturating_sub(2);
    let date = if rest >= 60 { 10 } else { 7 };
    let speaker = (rest / 5).clamp(8, 18);
    let stage = (rest / 6).clamp(8, 16);
    let source = (rest / 6).clamp(8, 16);
    let words = rest.saturating_sub(date + speaker + stage + source + 4);
    if words >= 10 {
        (date, speaker, words, stage, source)
    } else {
        // Too narrow for the words on the row: they are in the detail area.
        let speaker = rest.saturating_sub(date + stage + source + 3).max(4);
        (date, speaker, 0, stage, source)
    }
}

/// Draws the pane.
pub fn draw(frame: &mut Frame, app: &App, inner: Rect) {
    let t = &app.theme;
    let a = areas(inner);
    let d = &app.dossier;
    if app.quote_rows.is_empty() {
        let text = if app.search.hits.is_some() {
            "No quote matches the search (Esc clears it)"
        } else {
            "No quotes"
        };
        frame.render_widget(Line::styled(text, t.dim), a.list);
        return;
    }
    let (date_w, speaker_w, words_w, stage_w, source_w) = columns(usize::from(inner.width));
    let none: &[usize] = &[];
    let range = window(app.quotes.offset, app.quote_rows.len(), a.list.height);
    let mut rows = Vec::new();
    let mut selected_row = None;
    for (row, i) in range.enumerate() {
        let q = app.quote_rows[i];
        let quote = &d.quotes[q];
        let selected = i == app.quotes.selected;
        if selected {
            selected_row = row_style(app, Pane::Quotes, true).map(|s| (row, s));
        }
        let stage = app.quote_stage(q);
        let in_stage = stage.is_some() && stage == app.stage;
        let hit = app.hit(i);
        let positions = |field: Field| {
            hit.filter(|h| h.field == field)
                .map_or(none, |h| h.positions.as_slice())
        };
        // A narrow date column shows the month: `2023-07`, never a cut `2023-0…`.
        let date = quote.date.map_or_else(String::new, |d| {
            let text = d.to_string();
            text.chars().take(date_w).collect()
        });
        let mut spans = vec![
            gutter(app, selected, in_stage),
            Span::styled(format::fit(&date, date_w), t.dim),
            Span::raw(" "),
        ];
        let base = if in_stage { t.in_stage } else { Style::new() };
        spans.extend(format::highlighted(
            &quote.speaker,
            positions(Field::Speaker),
            Some(speaker_w),
            true,
            base,
            t.matched,
        ));
        if words_w > 0 {
            spans.push(Span::raw(" "));
            spans.extend(format::highlighted(
                &quote.text,
                positions(Field::Text),
                Some(words_w),
                true,
                Style::new(),
                t.matched,
            ));
        }
        let stage_name = stage.map_or("", |s| d.stages[s].team.as_str());
        let stage_name = if stage_name.is_empty() {
            quote
                .offer
                .as_deref()
                .and_then(|o| d.offer(o))
                .map_or(String::new(), |o| format!("{} offer", o.team))
        } else {
            stage_name.to_string()
        };
        let source = d
            .source(&quote.source)
            .map_or(quote.source.as_str(), |s| s.publisher.as_str());
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format::fit(&stage_name, stage_w), t.dim));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format::fit(source, source_w), t.dim));
        rows.push(Line::from(spans));
    }
    draw_rows(frame, a.list, rows, selected_row);

    if a.detail.height > 0
        && let Some(q) = app.selected_quote()
    {
        let hit = app.hit(app.quotes.selected);
        let positions = |field: Field| {
            hit.filter(|h| h.field == field)
                .map_or(none, |h| h.positions.as_slice())
        };
        let quote = &d.quotes[q];
        // The opening mark shifts the text by one character.
        let text_positions: Vec<usize> = positions(Field::Text).iter().map(|p| p + 1).collect();
        let mut lines = format::highlighted_lines(
            &format!("“{}”", quote.text),
            &text_positions,
            Style::new(),
            t.matched,
        );
        let mut by = vec![Span::styled("— ", t.dim)];
        by.extend(format::highlighted(
            &quote.speaker,
            positions(Field::Speaker),
            None,
            false,
            t.name,
            t.matched,
        ));
        let mut tail = String::new();
        if let Some(role) = &quote.role {
            tail.push_str(&format!(" ({role})"));
        }
        // How the date is known, so that a page's date is not read as the day it was said.
        match (quote.date, quote.date_basis) {
            (None, Some(basis)) => tail.push_str(&format!(", {}", basis.name())),
            (date, basis) => {
                tail.push_str(&format!(", {}", format::date(date.as_ref())));
                if let Some(basis) = basis {
                    tail.push_str(&format!(" ({})", basis.name()));
                }
            }
        }
        if quote.translation {
            tail.push_str(", translated");
            if let Some(lang) = &quote.original_language {
                tail.push_str(&format!(" from {lang}"));
            }
        }
        by.push(Span::styled(format::safe(&tail), t.dim));
        lines.push(Line::from(by));
        let mut place = Vec::new();
        if let Some(s) = app.quote_stage(q) {
            place.push(format!("stage: {}", d.stages[s].team));
        }
        if let Some(o) = quote.offer.as_deref().and_then(|o| d.offer(o)) {
            place.push(format!("offer: {} {}", o.team, o.date));
        }
        match d.source(&quote.source) {
            Some(s) => place.push(format!(
                "source: {}, {} (s)",
                s.publisher,
                format::date(s.date.as_ref())
            )),
            None => place.push(format!("source: {}", quote.source)),
        }
        lines.push(Line::styled(format::safe(&place.join(" · ")), t.dim));
        if let Some(context) = &quote.context {
            let mut spans = vec![Span::styled("Context: ", t.dim)];
            spans.extend(format::highlighted(
                context,
                positions(Field::Context),
                None,
                false,
                t.dim,
                t.matched,
            ));
            lines.push(Line::from(spans));
        }
        draw_detail(frame, app, a.detail, "quote", lines);
    }
}
