//! Trophies: titles won, finals lost and key matches, grouped, each group in career order, the
//! selected stage's records marked; the selected record's details below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::rows::{draw_detail, draw_rows, gutter, matched_cell, row_style, split_detail, window};
use crate::model::{Dossier, Match, Trophy, TrophyKind, TrophyResult};
use crate::tui::app::{App, Pane, Record, TrophyGroup, TrophyRow};
use crate::tui::format::{self, DISPUTED, Para};
use crate::tui::theme::Theme;

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
pub fn title_extra(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let (titles, finals, _) = app.trophy_counts;
    let text = format!(
        "{} · {} ",
        format::count(titles, "title", "titles"),
        format::count(finals, "final", "finals")
    );
    vec![Span::styled(text, theme.dim)]
}

/// The team of a stage id (the id itself when no stage has it).
pub fn stage_team(d: &Dossier, id: &str) -> String {
    d.stage(id)
        .map_or_else(|| id.to_string(), |s| s.team.to_string())
}

/// A trophy's name in `width` columns: whole when it fits, else the part that tells it from the
/// others (`…Apertura (Liga Postobón I)`), cut at the end if it must be.
fn trophy_name(app: &App, k: usize, width: usize) -> String {
    let trophy = &app.dossier.trophies[k];
    let mut name = trophy.competition.to_string();
    if trophy.kind == TrophyKind::Conference {
        name.push_str(" (conference)");
    }
    let telling = app.trophy_telling.get(k).copied().unwrap_or(0);
    if format::width(&format::safe(&name)) <= width || telling == 0 {
        return name;
    }
    format!("…{}", &name[telling..])
}

/// Draws the pane, its list from row `offset`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, inner: Rect, offset: usize) {
    let t = theme;
    let a = areas(inner);
    let d = &app.dossier;
    if app.trophy_rows.is_empty() {
        let text = if app.filter.active() {
            "Nothing matches the filter (Esc clears it)"
        } else {
            "No trophies or matches"
        };
        frame.render_widget(Line::styled(text, t.dim), a.list);
        return;
    }
    let width = usize::from(inner.width);
    // The team column goes first when room is short: the name is what tells a row apart.
    let team_w = if width >= 60 { (width / 5).min(20) } else { 0 };
    let main_w = width.saturating_sub(2 + 10 + 1 + 1 + if team_w > 0 { team_w + 1 } else { 0 });
    let stage_id = app.stage.map(|s| d.stages[s].id.as_str());
    let focused = app.focus == Pane::Trophies;

    let range = window(offset, app.trophy_rows.len(), a.list.height);
    let mut rows = Vec::new();
    let mut selected_row = None;
    for (row, i) in range.enumerate() {
        let selected = i == app.trophies.selected;
        if selected {
            selected_row = row_style(t, focused, true).map(|s| (row, s));
        }
        let line = match app.trophy_rows[i] {
            TrophyRow::Heading(group) => {
                let (titles, finals, conference) = app.trophy_counts;
                let (text, style) = match group {
                    TrophyGroup::Won if conference > 0 => (
                        format!(
                            "Won · {}, {} conference",
                            format::count(titles, "title", "titles"),
                            format::thousands(conference)
                        ),
                        t.won,
                    ),
                    TrophyGroup::Won => (format!("Won · {}", format::thousands(titles)), t.won),
                    TrophyGroup::RunnerUp => (
                        format!("Finals lost · {}", format::thousands(finals)),
                        t.runner_up,
                    ),
                    TrophyGroup::Matches => (
                        format!("Key matches · {}", format::thousands(d.matches.len())),
                        t.heading,
                    ),
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
                let main = matched_cell(
                    t,
                    d,
                    Record::Trophy(k),
                    &trophy_name(app, k, main_w),
                    app.filter_hit(Pane::Trophies, i),
                    main_w,
                    if in_stage { t.in_stage } else { Style::new() },
                );
                row_spans(
                    t,
                    (selected, in_stage),
                    (&trophy.season, result_style),
                    main,
                    team_w,
                    &stage_team(d, &trophy.stage),
                    !trophy.disputes.is_empty(),
                )
            }
            TrophyRow::Match(k) => {
                let m = &d.matches[k];
                let in_stage = stage_id == Some(m.stage.as_str());
                let main = matched_cell(
                    t,
                    d,
                    Record::Match(k),
                    &format!("{} {} {}", m.home, m.score, m.away),
                    app.filter_hit(Pane::Trophies, i),
                    main_w,
                    if in_stage { t.in_stage } else { Style::new() },
                );
                row_spans(
                    t,
                    (selected, in_stage),
                    (&m.date.to_string(), t.dim),
                    main,
                    team_w,
                    &stage_team(d, &m.stage),
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
        let paras = match row {
            TrophyRow::Trophy(k) => trophy_detail(d, t, &d.trophies[k]),
            TrophyRow::Match(k) => match_detail(d, t, &d.matches[k]),
            TrophyRow::Heading(_) => Vec::new(),
        };
        draw_detail(frame, t, a.detail, "details", &paras);
    }
}

fn row_spans(
    t: &Theme,
    (selected, in_stage): (bool, bool),
    (when, when_style): (&str, Style),
    main: Vec<Span<'static>>,
    team_w: usize,
    team: &str,
    disputed: bool,
) -> Line<'static> {
    let mut spans = vec![
        gutter(t, selected, in_stage),
        Span::styled(format::fit(when, 10), when_style),
        Span::raw(" "),
    ];
    spans.extend(main);
    spans.push(if disputed {
        Span::styled(DISPUTED, t.disputed)
    } else {
        Span::raw(" ")
    });
    if team_w > 0 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format::fit(team, team_w), t.dim));
    }
    Line::from(spans)
}

/// A trophy's details: its name, result, team, final and legs, what it meant.
pub fn trophy_detail<'a>(d: &Dossier, t: &Theme, trophy: &'a Trophy) -> Vec<Para<'a>> {
    let result = match trophy.result {
        TrophyResult::Won => Span::styled("won", t.won),
        TrophyResult::RunnerUp => Span::styled("final lost", t.runner_up),
    };
    let mut facts = format!(" with {}", stage_team(d, &trophy.stage));
    if let Some(opponent) = &trophy.opponent {
        facts.push_str(&format!(" · final vs {opponent}"));
    }
    if let Some(aggregate) = &trophy.aggregate {
        facts.push_str(&format!(" · aggregate {aggregate}"));
    }
    let name = format::safe(&format!("{} {}", trophy.competition, trophy.season));
    let mut paras = vec![
        Para::owned(facts, Style::new())
            .lead(vec![Span::styled(name, t.name), Span::raw(" · "), result])
            .hang(2),
    ];
    for leg in &trophy.legs {
        paras.push(Para::owned(format::leg(leg), Style::new()).hang(2));
    }
    if let Some(summary) = &trophy.summary {
        paras.push(Para::new(summary, Style::new()));
    }
    disputes_para(t, trophy.disputes.len(), &mut paras);
    paras
}

/// A match's details: the score, when and where, the scorers, why it matters.
pub fn match_detail<'a>(_d: &Dossier, t: &Theme, m: &'a Match) -> Vec<Para<'a>> {
    let mut place = String::new();
    for p in [&m.venue, &m.city].into_iter().flatten() {
        place.push_str(&format!(", {p}"));
    }
    let mut paras = vec![
        Para::owned(
            format!(" · {} · {}{place}", m.date, m.competition),
            Style::new(),
        )
        .lead(vec![Span::styled(
            format::safe(&format!("{} {} {}", m.home, m.score, m.away)),
            t.name,
        )])
        .hang(2),
    ];
    if !m.goals.is_empty() {
        let goals: Vec<String> = m
            .goals
            .iter()
            .map(|g| {
                let mut s = format!("{} ({})", g.player, g.team);
                if let Some(minute) = &g.minute {
                    s.push_str(&format!(" {minute}'"));
                }
                if g.own_goal {
                    s.push_str(" (o.g.)");
                }
                s
            })
            .collect();
        paras.push(
            Para::owned(goals.join(", "), Style::new())
                .lead(vec![Span::styled("Goals ", t.dim)])
                .hang(2),
        );
    }
    if let Some(summary) = &m.summary {
        paras.push(Para::new(summary, Style::new()));
    }
    disputes_para(t, m.disputes.len(), &mut paras);
    paras
}

/// A pointer to the disputes overlay, where the record has disputed facts.
pub fn disputes_para(t: &Theme, count: usize, paras: &mut Vec<Para<'_>>) {
    if count > 0 {
        paras.push(
            Para::owned(
                format!(
                    " {}: d shows every version",
                    format::count(count, "disputed fact", "disputed facts")
                ),
                t.dim,
            )
            .lead(vec![Span::styled(DISPUTED, t.disputed)]),
        );
    }
}
