//! The timeline: every stage, oldest first, each with a bar on a common time axis; under the
//! list a strip of the whole career where the gap years show as dots, and the selected stage's
//! details.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::rows::{draw_detail, draw_rows, gutter, matched_cell, row_style, split_detail, window};
use crate::model::Stage;
use crate::tui::app::{App, Pane, Record};
use crate::tui::format::{self, DISPUTED, Para};
use crate::tui::theme::Theme;

/// Where the parts of the timeline go.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    /// One row per stage.
    pub list: Rect,
    /// The whole career on one line.
    pub strip: Rect,
    /// Year labels under the strip.
    pub axis: Rect,
    /// The selected stage's details.
    pub detail: Rect,
}

/// The timeline's parts inside its border.
pub fn areas(inner: Rect) -> Areas {
    let detail = if inner.height >= 9 {
        (inner.height / 3).max(3)
    } else {
        0
    };
    let (inner, detail) = split_detail(inner, detail);
    if inner.height >= 6 {
        let list = Rect::new(inner.x, inner.y, inner.width, inner.height - 2);
        Areas {
            list,
            strip: Rect::new(inner.x, list.bottom(), inner.width, 1),
            axis: Rect::new(inner.x, list.bottom() + 1, inner.width, 1),
            detail,
        }
    } else {
        let none = Rect::new(inner.x, inner.bottom(), inner.width, 0);
        Areas {
            list: inner,
            strip: none,
            axis: none,
            detail,
        }
    }
}

/// Column widths for a given inner width.
struct Columns {
    team: usize,
    kind: usize,
    exit: usize,
    /// Where the bars start, and how wide they are (0: no bars on the rows).
    bar_x: usize,
    bar: usize,
}

/// `filtered`: a filter is on, and the team column also shows the field that matched, so it
/// takes up to half the width from the bars.
fn columns(width: usize, filtered: bool) -> Columns {
    let team = if filtered {
        (width / 2).clamp(14, 70)
    } else {
        (width / 3).clamp(14, 22)
    };
    let kind = if width >= 64 { 6 } else { 0 };
    let exit = if width >= 76 { 12 } else { 0 };
    // gutter, years, space, team, kind, exit, disputed marker, space
    let text = 2 + 7 + 1 + team + kind + exit + 1 + 1;
    let bar = width.saturating_sub(text);
    if bar >= 8 {
        Columns {
            team,
            kind,
            exit,
            bar_x: text,
            bar,
        }
    } else {
        Columns {
            team: width.saturating_sub(2 + 7 + 1 + 1).min(30),
            kind: 0,
            exit: 0,
            bar_x: 2,
            bar: 0,
        }
    }
}

/// Extra title text: nothing (the header names the stage).
pub fn title_extra(_app: &App, _theme: &Theme) -> Vec<Span<'static>> {
    Vec::new()
}

/// Which of `cells` columns a stage spanning `years` covers on the axis.
fn covers(app: &App, years: (f64, f64), cell: usize, cells: usize) -> bool {
    let (first, last) = app.axis;
    let per = (last - first) / cells as f64;
    let from = first + per * cell as f64;
    let to = from + per;
    years.0 < to && years.1 > from
}

/// Draws the timeline, its list from row `offset`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, inner: Rect, offset: usize) {
    let t = theme;
    let a = areas(inner);
    let cols = columns(
        usize::from(inner.width),
        app.filter.pane == Some(Pane::Timeline),
    );
    let stages = &app.dossier.stages;
    if app.timeline_rows.is_empty() {
        let text = if stages.is_empty() {
            "No stages"
        } else {
            "No stage matches the filter (Esc clears it)"
        };
        frame.render_widget(Line::styled(text, t.dim), a.list);
        return;
    }
    let range = window(offset, app.timeline_rows.len(), a.list.height);
    let focused = app.focus == Pane::Timeline;
    let mut rows = Vec::new();
    let mut selected_row = None;
    for (row, r) in range.clone().enumerate() {
        let i = app.timeline_rows[r];
        let stage = &stages[i];
        let selected = app.stage == Some(i);
        if selected {
            selected_row = row_style(t, focused, true).map(|s| (row, s));
        }
        let mut spans = vec![
            gutter(t, selected, false),
            Span::styled(format::fit(&format::stage_years(stage), 7), t.dim),
            Span::raw(" "),
        ];
        spans.extend(matched_cell(
            t,
            &app.dossier,
            Record::Stage(i),
            &stage.team,
            app.filter_hit(Pane::Timeline, r),
            cols.team,
            Default::default(),
        ));
        if cols.kind > 0 {
            let kind = if stage.kind == crate::model::TeamKind::Club {
                " club"
            } else {
                " natl"
            };
            spans.push(Span::styled(format::fit(kind, cols.kind), t.dim));
        }
        if cols.exit > 0 {
            spans.push(Span::styled(
                format::fit(&format!(" {}", format::exit(stage.exit)), cols.exit),
                t.dim,
            ));
        }
        spans.push(if stage.disputes.is_empty() {
            Span::raw(" ")
        } else {
            Span::styled(DISPUTED, t.disputed)
        });
        if cols.bar > 0 {
            spans.push(Span::raw(" "));
            let years = app.stage_years[i];
            let bar: String = (0..cols.bar)
                .map(|c| {
                    if covers(app, years, c, cols.bar) {
                        if selected { '█' } else { '▒' }
                    } else {
                        ' '
                    }
                })
                .collect();
            spans.push(Span::styled(
                bar,
                if selected { t.bar_selected } else { t.bar },
            ));
        }
        rows.push(Line::from(spans));
    }
    draw_rows(frame, a.list, rows, selected_row);
    if let Some(s) = app.stage
        && a.detail.height > 0
    {
        draw_detail(frame, t, a.detail, "details", &detail(theme, &stages[s]));
    }

    if a.strip.height == 0 {
        return;
    }
    // The whole career on one line: the selected stage solid, others shaded, gaps dotted.
    let (x, cells) = if cols.bar > 0 {
        (cols.bar_x, cols.bar)
    } else {
        (2, usize::from(inner.width).saturating_sub(2))
    };
    let label = if x >= 8 { " career" } else { "" };
    let mut strip = vec![Span::styled(format::fit(label, x), t.dim)];
    for c in 0..cells {
        let selected = app
            .stage
            .is_some_and(|s| covers(app, app.stage_years[s], c, cells));
        let any = app.stage_years.iter().any(|&y| covers(app, y, c, cells));
        strip.push(match (selected, any) {
            (true, _) => Span::styled("█", t.bar_selected),
            (false, true) => Span::styled("▒", t.bar),
            (false, false) => Span::styled("·", t.dim),
        });
    }
    frame.render_widget(Line::from(strip), a.strip);
    frame.render_widget(
        Line::from(vec![
            Span::raw(" ".repeat(x)),
            Span::styled(axis_labels(app.axis, cells), t.dim),
        ]),
        a.axis,
    );
}

/// The selected stage's details: when and how it began and ended, its record, what happened.
pub fn detail<'a>(t: &Theme, stage: &'a Stage) -> Vec<Para<'a>> {
    let label = |text: &str| vec![Span::styled(format!("{text:<7}"), t.dim)];
    let mut paras = vec![];
    let mut when = format::stage_span(stage);
    if let Some(note) = &stage.start_note {
        when.push_str(&format!(" (start: {note})"));
    }
    paras.push(Para::owned(when, t.name).lead(label("When")).hang(7));
    let ended = match &stage.exit_note {
        Some(note) => format!("{note} ({})", format::exit(stage.exit)),
        None => format::exit(stage.exit).to_string(),
    };
    paras.push(
        Para::owned(ended, Default::default())
            .lead(label("Ended"))
            .hang(7),
    );
    if let Some(r) = &stage.record {
        let mut text = format!("W-D-L {}-{}-{}", r.won, r.drawn, r.lost);
        if let Some(p) = r.played {
            text.push_str(&format!(" of {p} played"));
        }
        if let Some(note) = &r.note {
            text.push_str(&format!(" ({note})"));
        }
        paras.push(
            Para::owned(text, Default::default())
                .lead(label("Record"))
                .hang(7),
        );
    }
    if let Some(summary) = &stage.summary {
        paras.push(Para::new(summary, Default::default()));
    }
    if !stage.disputes.is_empty() {
        paras.push(
            Para::owned(
                format!(
                    " {}: d shows every version",
                    format::count(stage.disputes.len(), "disputed fact", "disputed facts")
                ),
                t.dim,
            )
            .lead(vec![Span::styled(DISPUTED, t.disputed)]),
        );
    }
    paras
}

/// Year labels spread along `cells` columns, as many as fit without touching.
fn axis_labels((first, last): (f64, f64), cells: usize) -> String {
    let mut line = vec![' '; cells];
    let span = (last - first).max(1.0);
    let per_year = cells as f64 / span;
    let step = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|&k| per_year * f64::from(k) >= 5.0)
        .unwrap_or(100);
    let first_year = first.ceil() as i64;
    let mut next_free = 0usize;
    let mut year =
        first_year + (i64::from(step) - first_year.rem_euclid(i64::from(step))) % i64::from(step);
    while (year as f64) < last {
        let at = ((year as f64 - first) * per_year).round() as usize;
        let label = year.to_string();
        if at >= next_free && at + label.len() <= cells {
            for (k, ch) in label.chars().enumerate() {
                line[at + k] = ch;
            }
            next_free = at + label.len() + 1;
        }
        year += i64::from(step);
    }
    line.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_fit_and_do_not_touch() {
        let labels = axis_labels((2006.0, 2024.0), 30);
        assert_eq!(labels.chars().count(), 30);
        assert!(labels.contains("2010"), "{labels}");
        assert!(!labels.contains("20102"), "{labels}");
        assert_eq!(axis_labels((2006.0, 2024.0), 0), "");
        assert_eq!(axis_labels((2006.0, 2024.0), 3).trim(), "");
    }

    #[test]
    fn a_filter_gives_the_team_column_room_for_what_matched() {
        // The timeline pane is 98 columns inside at 200x60: the row shows the team and the
        // field that matched, which 22 columns cut to `Atlétic… His most suc…`.
        let plain = columns(98, false);
        let filtered = columns(98, true);
        assert!(filtered.team >= 45, "{}", filtered.team);
        assert!(filtered.bar >= 8, "{}", filtered.bar);
        assert!(plain.team <= 22 && plain.bar > filtered.bar);
        // At 80x24 (43 inside) the bars stay.
        assert!(columns(43, true).bar >= 8);
    }
}
