//! Trophies: titles won, finals lost and key matches, grouped, the selected stage's ones first
//! in each group and marked; the selected record's details below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{draw_detail, draw_rows, gutter, row_style, split_detail, window};
use crate::model::{Match, Trophy, TrophyKind, TrophyResult};
use crate::tui::app::{App, Pane, TrophyGroup, TrophyRow};
use crate::tui::format;
use crate::tui::ui::DISPUTED;

/// Where the parts of the pane go.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    /// The rows.
    pub list: Rect,
    /// The selected record's details.
    pub detail: Rect,
}

/// The pane's parts inside its border.
pub fn areas(inner: Rect) -> Areas {
    let detail = if inner.height >= 9 {
        (inner.height / 3).max(3)
    } else {
        0
    };
    let (list, detail) = split_detail(inner, detail);
    Areas { list, detail }
}

/// The counts in the title: `8 titles · 2 finals` (conference titles are counted under "Won").
pub fn title_extra(app: &App) -> Vec<Span<'static>> {
    let (titles, finals, _) = app.trophy_counts;
    let text = format!(
        "{} · {} ",
        format::count(titles, "title", "titles"),
        format::count(finals, "final", "finals")
    );
    vec![Span::styled(text, app.theme.dim)]
}

fn stage_team(app: &App, id: &str) -> String {
    app.dossier
        .stage(id)
        .map_or_else(|| id.to_string(), |s| s.team.to_string())
}

/// Draws the pane.
pub fn draw(frame: &mut Frame, app: &App, inner: Rect) {
    let t = &app.theme;
    let a = areas(inner);
    let d = &app.dossier;
    if app.trophy_rows.is_empty() {
        frame.render_widget(Line::styled("No trophies or matches", t.dim), a.list);
        return;
    }
    let width = usize::from(inner.width);
    let team_w = if width >= 50 { (width / 4).min(20) } else { 0 };
    let main_w = width.saturating_sub(2 + 10 + 1 + 1 + if team_w > 0 { team_w + 1 } else { 0 });
    let stage_id = app.stage.map(|s| d.stages[s].id.as_str());

    let range = window(app.trophies.offset, app.trophy_rows.len(), a.list.height);
    let mut rows = Vec::new();
    let mut selected_row = None;
    for (row, i) in range.enumerate() {
        let selected = i == app.trophies.selected;
        if selected {
            selected_row = row_style(app, Pane::Trophies, true).map(|s| (row, s));
        }
        let line = match app.trophy_rows[i] {
            TrophyRow::Heading(group) => {
                let (titles, finals, conference) = app.trophy_counts;
                let (text, style) = match group {
                    TrophyGroup::Won if conference > 0 => (
                        format!(
                            "Won · {}, {conference} conference",
                            format::count(titles, "title", "titles")
                        ),
                        t.won,
                    ),
                    TrophyGroup::Won => (format!("Won · {titles}"), t.won),
                    TrophyGroup::RunnerUp => (format!("Finals lost · {finals}"), t.runner_up),
                    TrophyGroup::Matches => {
                        (format!("Key matches · {}", d.matches.len()), t.heading)
                    }
                };
                Line::from(Span::styled(text, style.patch(t.heading)))
            }
            TrophyRow::Trophy(k) => {
                let trophy = &d.trophies[k];
                let in_stage = stage_id == Some(trophy.stage.as_str());
                let result_style = if trophy.result == TrophyResult::Won {
                    t.won
                } else {
                    t.runner_up
                };
                let mut name = trophy.competition.to_string();
                if trophy.kind == TrophyKind::Conference {
                    name.push_str(" (conference)");
                }
                row_spans(
                    app,
                    (selected, in_stage),
                    (&trophy.season, result_style),
                    &name,
                    (team_w, main_w),
                    &stage_team(app, &trophy.stage),
                    !trophy.disputes.is_empty(),
                )
            }
            TrophyRow::Match(k) => {
                let m = &d.matches[k];
                let in_stage = stage_id == Some(m.stage.as_str());
                row_spans(
                    app,
                    (selected, in_stage),
                    (&m.date.to_string(), t.dim),
                    &format!("{} {} {}", m.home, m.score, m.away),
                    (team_w, main_w),
                    &stage_team(app, &m.stage),
                    !m.disputes.is_empty(),
                )
            }
        };
        rows.push(line);
    }
    draw_rows(frame, a.list, rows, selected_row);

    if a.detail.height > 0
        && let Some(row) = app.selected_trophy_row()
    {
        let lines = match row {
            TrophyRow::Trophy(k) => trophy_detail(app, &d.trophies[k]),
            TrophyRow::Match(k) => match_detail(app, &d.matches[k]),
            TrophyRow::Heading(_) => Vec::new(),
        };
        draw_detail(frame, app, a.detail, "details", lines);
    }
}

fn row_spans(
    app: &App,
    (selected, in_stage): (bool, bool),
    (when, when_style): (&str, Style),
    main: &str,
    (team_w, main_w): (usize, usize),
    team: &str,
    disputed: bool,
) -> Line<'static> {
    let t = &app.theme;
    let mut spans = vec![
        gutter(app, selected, in_stage),
        Span::styled(format::fit(when, 10), when_style),
        Span::raw(" "),
        Span::styled(
            format::fit(main, main_w),
            if in_stage { t.in_stage } else { Style::new() },
        ),
        if disputed {
            Span::styled(DISPUTED, t.disputed)
        } else {
            Span::raw(" ")
        },
    ];
    if team_w > 0 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format::fit(team, team_w), t.dim));
    }
    Line::from(spans)
}

fn trophy_detail(app: &App, trophy: &Trophy) -> Vec<Line<'static>> {
    let t = &app.theme;
    let result = match trophy.result {
        TrophyResult::Won => Span::styled("won", t.won),
        TrophyResult::RunnerUp => Span::styled("final lost", t.runner_up),
    };
    let mut first = vec![
        Span::styled(
            format::safe(&format!("{} {}", trophy.competition, trophy.season)),
            t.name,
        ),
        Span::raw(" · "),
        result,
        Span::raw(format!(
            " with {}",
            format::safe(&stage_team(app, &trophy.stage))
        )),
    ];
    if let Some(opponent) = &trophy.opponent {
        first.push(Span::raw(format!(" · final vs {}", format::safe(opponent))));
    }
    if let Some(aggregate) = &trophy.aggregate {
        first.push(Span::raw(format!(
            " · aggregate {}",
            format::safe(aggregate)
        )));
    }
    let mut lines = vec![Line::from(first)];
    for leg in &trophy.legs {
        let mut text = format!(
            "{} {} {} {}",
            format::date(leg.date.as_ref()),
            leg.home,
            leg.score,
            leg.away
        );
        if let Some(p) = &leg.penalties {
            text.push_str(&format!(" (pens {p})"));
        }
        for place in [&leg.venue, &leg.city].into_iter().flatten() {
            text.push_str(&format!(", {place}"));
        }
        lines.push(Line::raw(format::safe(&text)));
    }
    if let Some(summary) = &trophy.summary {
        lines.push(Line::raw(format::safe(summary)));
    }
    disputes_line(app, trophy.disputes.len(), &mut lines);
    lines
}

fn match_detail(app: &App, m: &Match) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut place = String::new();
    for p in [&m.venue, &m.city].into_iter().flatten() {
        place.push_str(&format!(", {p}"));
    }
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format::safe(&format!("{} {} {}", m.home, m.score, m.away)),
            t.name,
        ),
        Span::raw(format::safe(&format!(
            " · {} · {}{place}",
            m.date, m.competition
        ))),
    ])];
    if !m.goals.is_empty() {
        let goals: Vec<String> = m
            .goals
            .iter()
            .map(|g| {
                let mut s = g.player.to_string();
                if let Some(minute) = &g.minute {
                    s.push_str(&format!(" {minute}'"));
                }
                if g.own_goal {
                    s.push_str(" (o.g.)");
                }
                s
            })
            .collect();
        lines.push(Line::raw(format::safe(&format!(
            "Goals: {}",
            goals.join(", ")
        ))));
    }
    if let Some(summary) = &m.summary {
        lines.push(Line::raw(format::safe(summary)));
    }
    disputes_line(app, m.disputes.len(), &mut lines);
    lines
}

/// A pointer to the disputes overlay, where the record has disputed facts.
pub fn disputes_line(app: &App, count: usize, lines: &mut Vec<Line<'static>>) {
    if count > 0 {
        lines.push(Line::from(vec![
            Span::styled(DISPUTED, app.theme.disputed),
            Span::styled(
                format!(
                    " {}: d shows every version",
                    format::count(count, "disputed fact", "disputed facts")
                ),
                app.theme.dim,
            ),
        ]));
    }
}
