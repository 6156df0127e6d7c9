//! The sources overlay: for each source of a record, its title, publisher, date, kind, language,
//! the whole URL (wrapped, never cut) and what it is cited for; `o` opens the selected one's URL,
//! `y` copies it, Enter shows the source whole.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::search::RecordMatch;
use crate::tui::app::{App, Record, SourceEntry};
use crate::tui::format::{self, Para, RowCache};
use crate::tui::layout::OverlayLayout;
use crate::tui::theme::Theme;

/// The lines of one entry at `width`.
fn entry_lines(
    hit: Option<&RecordMatch>,
    app: &App,
    t: &Theme,
    i: usize,
    entry: &SourceEntry,
    width: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    let d = &app.dossier;
    let mark = if selected { "›" } else { " " };
    let number = vec![Span::styled(format!("{mark}{:>2}. ", i + 1), t.key)];
    let at = |field: usize| {
        hit.and_then(|h| h.positions.get(field))
            .map_or(&[][..], Vec::as_slice)
    };
    let paras = match entry.source.map(|s| &d.sources[s]) {
        Some(s) => {
            let mut facts = format!("{} · {}", s.publisher, format::date(s.date.as_ref()));
            facts.push_str(&format!(" · {:?} · {}", s.kind, s.language).to_lowercase());
            let cited = match &s.note {
                Some(note) => format!("cited for {} · note: {note}", entry.cited_for),
                None => format!("cited for {}", entry.cited_for),
            };
            vec![
                Para::new(&s.title, t.name)
                    .lead(number)
                    .hang(5)
                    .highlight(at(0), t.matched),
                // The publisher leads the line, so its positions hold there.
                Para::owned(facts, Style::new())
                    .lead(vec![Span::raw("     ")])
                    .hang(5)
                    .highlight(at(1), t.matched),
                match &s.url {
                    Some(url) => Para::new(url, t.key)
                        .lead(vec![Span::raw("     ")])
                        .hang(5)
                        .highlight(at(2), t.matched),
                    None => Para::new("(no URL)", t.dim).lead(vec![Span::raw("     ")]),
                },
                Para::owned(cited, t.dim)
                    .lead(vec![Span::raw("     ")])
                    .hang(5),
            ]
        }
        None => vec![
            Para::owned(format!("unknown source id `{}`", entry.id), t.error)
                .lead(number)
                .hang(5),
        ],
    };
    let (mut lines, _, _) = format::wrapped(&paras, &RowCache::default(), width, 0, usize::MAX);
    if selected && let Some(first) = lines.first_mut() {
        *first = first.clone().style(t.selected);
    }
    lines
}

/// Draws the sources, the selected one highlighted and kept in view.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    t: &Theme,
    inner: Rect,
    (entries, hits): (&[SourceEntry], &[Option<RecordMatch>]),
    selected: usize,
    record: Record,
) -> OverlayLayout {
    let d = &app.dossier;
    let mut area = inner;
    // One column for the scrollbar.
    let width = usize::from(inner.width.saturating_sub(1));
    if let Record::Quote(q) = record
        && let Some(q) = d.quotes.get(q)
    {
        // The quote first, its opening lines: the sources are where it can be checked (the
        // record view, Esc then Enter, has it whole).
        let paras = [
            Para::new(&q.text, Style::new())
                .lead(vec![Span::raw("“")])
                .trail(vec![Span::raw("”")]),
            Para::owned(format!("— {}", q.speaker), t.dim),
        ];
        let room = usize::from(area.height / 3).max(1);
        let (mut lines, total, _) = format::wrapped(&paras, &RowCache::default(), width, 0, room);
        if total > room {
            lines.truncate(room.saturating_sub(1));
            lines.push(Line::styled(
                format!(
                    "… — {} (Esc, then Enter: the quote whole)",
                    format::clip(&q.speaker, 30)
                ),
                t.dim,
            ));
        }
        let height = u16::try_from(lines.len() + 1)
            .unwrap_or(u16::MAX)
            .min(area.height);
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(area.x, area.y, area.width, height),
        );
        area = Rect::new(area.x, area.y + height, area.width, area.height - height);
    }
    let page_rows = usize::from(area.height);
    if entries.is_empty() {
        let text = if hits.is_empty() {
            "This record cites no source"
        } else {
            "No source matches the filter (Esc closes)"
        };
        frame.render_widget(Line::styled(text, t.dim), area);
        return OverlayLayout {
            area: inner,
            lines: 0,
            page: 0,
            scroll: 0,
        };
    }
    // Every entry's lines (a record cites a handful of sources), then the window that holds the
    // selected one.
    let blocks: Vec<Vec<Line<'static>>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let hit = hits.get(i).and_then(Option::as_ref);
            let mut lines = entry_lines(hit, app, t, i, e, width, i == selected);
            lines.push(Line::raw(""));
            lines
        })
        .collect();
    let starts: Vec<usize> = blocks
        .iter()
        .scan(0, |at, b| {
            let start = *at;
            *at += b.len();
            Some(start)
        })
        .collect();
    let selected = selected.min(entries.len() - 1);
    let sel_start = starts[selected];
    let sel_end = sel_start + blocks[selected].len();
    // The first entry shown: the latest one from which the selected one still fits whole.
    let mut first = 0;
    while first < selected && sel_end - starts[first] > page_rows {
        first += 1;
    }
    let lines: Vec<Line> = blocks[first..]
        .iter()
        .flatten()
        .take(page_rows)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    // Entries shown whole, for paging.
    let page = (first..entries.len())
        .take_while(|&i| starts[i] + blocks[i].len() - starts[first] <= page_rows)
        .count()
        .max(1);
    OverlayLayout {
        area: inner,
        lines: entries.len(),
        page,
        scroll: first,
    }
}
