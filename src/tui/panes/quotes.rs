//! Quotes: date, speaker and the words on each row (stage and source too where there is room),
//! oldest first or the search hits best first, each hit showing where it matched; the selected
//! quote under the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::rows::{draw_detail, draw_rows, gutter, row_style, split_detail, window};
use crate::model::Dossier;
use crate::search::{Field, Hit};
use crate::tui::app::{App, Pane};
use crate::tui::format::{self, Para};
use crate::tui::layout::share;
use crate::tui::theme::Theme;

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
        share(inner.height, 2, 5).max(3)
    } else {
        0
    };
    let (list, detail) = split_detail(inner, detail);
    Areas { list, detail }
}

/// The count in the title, or the search while one is active.
pub fn title_extra(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let t = theme;
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
            format!("{} ", format::thousands(app.dossier.quotes.len())),
            t.dim,
        )],
    }
}

/// Column widths of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    date: usize,
    speaker: usize,
    words: usize,
    stage: usize,
    source: usize,
}

/// Column widths for a pane `width` columns wide. The words come first: at least 20 columns of
/// them on every row where the pane allows it; the date and speaker are cut before they go, and
/// the stage and source columns appear only where the words keep 40 columns besides.
fn columns(width: usize) -> Columns {
    let rest = width.saturating_sub(2);
    let date = if rest >= 70 { 10 } else { 7 };
    let speaker = (rest / 5).clamp(8, 18);
    let mut c = Columns {
        date,
        speaker,
        words: rest.saturating_sub(date + speaker + 2),
        stage: 0,
        source: 0,
    };
    if c.words < 20 {
        // Narrow: the speaker shrinks, then the date goes, then the speaker.
        c.speaker = rest.saturating_sub(c.date + 2 + 20).max(6);
        c.words = rest.saturating_sub(c.date + c.speaker + 2);
        if c.words < 20 {
            c.date = 0;
            c.words = rest.saturating_sub(c.speaker + 1);
        }
        if c.words < 20 {
            c.speaker = 0;
            c.words = rest;
        }
        return c;
    }
    let side = (rest / 8).clamp(8, 16);
    if c.words >= 2 * (side + 1) + 40 {
        c.stage = side;
        c.source = side;
        c.words -= 2 * (side + 1);
    }
    c
}

/// The stage of a quote for its row: the team, or the offer it belongs to.
fn place(app: &App, d: &Dossier, q: usize) -> String {
    let quote = &d.quotes[q];
    match app.quote_stage(q) {
        Some(s) => d.stages[s].team.to_string(),
        None => quote
            .offer
            .as_deref()
            .and_then(|o| d.offer(o))
            .map_or(String::new(), |o| format!("{} offer", o.team)),
    }
}

/// The positions of a hit in one field: every term that matched there.
fn positions(hit: Option<&Hit>, field: Field) -> &[usize] {
    hit.map_or(&[], |h| h.positions_in(field))
}

/// Draws the pane, its list from row `offset`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, inner: Rect, offset: usize) {
    let t = theme;
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
    let c = columns(usize::from(inner.width));
    let focused = app.focus == Pane::Quotes;
    let range = window(offset, app.quote_rows.len(), a.list.height);
    let mut rows = Vec::new();
    let mut selected_row = None;
    for (row, i) in range.enumerate() {
        let q = app.quote_rows[i];
        let quote = &d.quotes[q];
        let selected = i == app.quotes.selected;
        if selected {
            selected_row = row_style(t, focused, true).map(|s| (row, s));
        }
        let stage = app.quote_stage(q);
        let in_stage = stage.is_some() && stage == app.stage;
        let hit = app.hit(i);
        let mut spans = vec![gutter(t, selected, in_stage)];
        if c.date > 0 {
            // A narrow date column shows the month: `2023-07`, never a cut `2023-0…`.
            let date = quote.date.map_or_else(String::new, |d| {
                let text = d.to_string();
                text.chars().take(c.date).collect()
            });
            spans.push(Span::styled(format::fit(&date, c.date), t.dim));
            spans.push(Span::raw(" "));
        }
        let base = if in_stage { t.in_stage } else { Style::new() };
        if c.speaker > 0 {
            spans.extend(format::around_match(
                &quote.speaker,
                positions(hit, Field::Speaker),
                c.speaker,
                true,
                base,
                t.matched,
            ));
            spans.push(Span::raw(" "));
        }
        // A match in the context shows the context in place of the words, marked as such.
        match (hit, quote.context.as_deref()) {
            (Some(h), Some(context)) if h.field == Field::Context => {
                let label = "context: ";
                spans.push(Span::styled(label, t.dim));
                spans.extend(format::around_match(
                    context,
                    h.positions_in(Field::Context),
                    c.words.saturating_sub(label.len()),
                    true,
                    t.dim,
                    t.matched,
                ));
            }
            _ => spans.extend(format::around_match(
                &quote.text,
                positions(hit, Field::Text),
                c.words,
                true,
                Style::new(),
                t.matched,
            )),
        }
        if c.stage > 0 {
            let source = d
                .source(&quote.source)
                .map_or(quote.source.as_str(), |s| s.publisher.as_str());
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format::fit(&place(app, d, q), c.stage), t.dim));
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format::fit(source, c.source), t.dim));
        }
        rows.push(Line::from(spans));
    }
    draw_rows(frame, a.list, rows, selected_row);

    if a.detail.height > 0
        && let Some(q) = app.selected_quote()
    {
        let hit = app.hit(app.quotes.selected);
        draw_detail(frame, t, a.detail, "quote", &detail(app, t, q, hit));
    }
}

/// The quote's words, who said it and when, where it belongs, its source and context; the
/// search's match highlighted in the field it was found in.
pub fn detail<'a>(app: &'a App, t: &Theme, q: usize, hit: Option<&'a Hit>) -> Vec<Para<'a>> {
    let d = &app.dossier;
    let quote = &d.quotes[q];
    let mut by = vec![Span::styled("— ", t.dim)];
    by.extend(format::highlighted(
        &quote.speaker,
        positions(hit, Field::Speaker),
        Some(40),
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
    let mut paras = vec![
        Para::new(&quote.text, Style::new())
            .lead(vec![Span::raw("“")])
            .highlight(positions(hit, Field::Text), t.matched),
        Para::owned(tail, t.dim).lead(by).hang(2),
        Para::owned(place.join(" · "), t.dim).hang(2),
    ];
    if let Some(context) = &quote.context {
        paras.push(
            Para::new(context, t.dim)
                .lead(vec![Span::styled("Context: ", t.dim)])
                .highlight(positions(hit, Field::Context), t.matched)
                .hang(2),
        );
    }
    paras
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn the_words_keep_twenty_columns_and_take_the_width() {
        // The quotes pane at 80x24 (43 columns inside), 60x16 and 200x60, zoomed or not.
        for width in [31, 43, 58, 76, 110, 196] {
            let c = columns(width);
            assert!(c.words >= 20, "{width}: {c:?}");
            let used = 2
                + c.date
                + usize::from(c.date > 0)
                + c.speaker
                + usize::from(c.speaker > 0)
                + c.words
                + if c.stage > 0 {
                    c.stage + c.source + 2
                } else {
                    0
                };
            assert!(used <= width, "{width}: {c:?} takes {used}");
        }
        // Wide: the words take what the other columns do not need.
        assert!(columns(196).words >= 120, "{:?}", columns(196));
    }
}
