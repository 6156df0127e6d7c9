//! What the panes draw alike: rows with a gutter and a selection, and a details area under the
//! list that ends in "more: Enter" when the record does not fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::Dossier;
use crate::search::RecordMatch;
use crate::tui::format::{self, Para, RowCache};
use crate::tui::state::Record;
use crate::tui::theme::Theme;

/// The style of a row: the selection shows by REVERSED in the focused pane and by BOLD and
/// UNDERLINED elsewhere, so it reads without colours.
pub fn row_style(theme: &Theme, focused: bool, selected: bool) -> Option<Style> {
    match (selected, focused) {
        (false, _) => None,
        (true, true) => Some(theme.selected),
        (true, false) => Some(theme.selected_unfocused),
    }
}

/// The two-column gutter at the start of a row: `›` for the selection, `▸` for the selected
/// stage's records.
pub fn gutter(theme: &Theme, selected: bool, in_stage: bool) -> Span<'static> {
    let text = match (selected, in_stage) {
        (true, true) => "›▸",
        (true, false) => "› ",
        (false, true) => " ▸",
        (false, false) => "  ",
    };
    Span::styled(text, theme.in_stage)
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

/// Draws a details area: a rule with a title, then the paragraphs wrapped, as many rows as fit.
/// When the record holds more, the last row says so: Enter opens it whole.
pub fn draw_detail(frame: &mut Frame, theme: &Theme, area: Rect, title: &str, paras: &[Para<'_>]) {
    if area.height == 0 {
        return;
    }
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Line::from(Span::styled(format!(" {title} "), theme.dim)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    // No cache: only the first rows are worked out, which costs what is shown.
    let cache = RowCache::default();
    let (mut lines, total, _) = format::wrapped(paras, &cache, width, 0, height + 1);
    if total > height || lines.len() > height {
        lines.truncate(height.saturating_sub(1));
        let more = "… more: Enter";
        lines.push(Line::from(Span::styled(
            format!("{more:>width$}", width = width.min(200)),
            theme.key,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
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

/// A row's main column, `width` columns: `shown` as it is, or, in a filtered list, the field the
/// filter matched with its matched characters, so the match is seen in the row: the row's own
/// text when it matched there, else `summary: …the words that matched…`.
pub fn matched_cell(
    theme: &Theme,
    d: &Dossier,
    record: Record,
    shown: &str,
    hit: Option<&RecordMatch>,
    width: usize,
    base: Style,
) -> Vec<Span<'static>> {
    let Some(hit) = hit else {
        return vec![Span::styled(format::fit(shown, width), base)];
    };
    let here = hit.positions.first().is_some_and(|p| !p.is_empty());
    let best = hit.best;
    if here || hit.positions.get(best).is_none_or(Vec::is_empty) {
        let fields = record.fields(d);
        let text = fields.first().map_or(shown, |(_, t)| t.as_str());
        let positions = hit.positions.first().map_or(&[][..], Vec::as_slice);
        return format::around_match(text, positions, width, true, base, theme.matched);
    }
    let fields = record.fields(d);
    let Some((label, text)) = fields.get(best) else {
        return vec![Span::styled(format::fit(shown, width), base)];
    };
    // The row's own text first, shortened, so the row still says what it is; then the field
    // that matched, its label where there is room.
    let own = format::width(&format::safe(shown)).min(width * 2 / 5);
    let mut spans = format::highlighted(shown, &[], Some(own), false, base, theme.matched);
    let rest = width.saturating_sub(own + 1);
    spans.push(Span::styled(" ", base));
    let label = if rest >= 18 {
        format!("{label}: ")
    } else {
        String::new()
    };
    spans.push(Span::styled(label.clone(), theme.dim));
    spans.extend(format::around_match(
        text,
        &hit.positions[best],
        rest.saturating_sub(label.len()),
        true,
        base,
        theme.matched,
    ));
    spans
}
