//! The Honduras offer (and the other offers, one key or click away): who, when, the outcome, the
//! dated chronology, the quotes attached to it, the explanations given and the people involved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::rows::{draw_detail, draw_rows, gutter, matched_cell, row_style, split_detail, window};
use super::trophies::{disputes_para, stage_team};
use crate::model::Offer;
use crate::tui::app::{App, OfferRow, OfferSection, Pane};
use crate::tui::format::{self, DISPUTED, Para};
use crate::tui::layout::{Target, share};
use crate::tui::theme::Theme;

/// Where the parts of the pane go.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    /// The offers, one tab each.
    pub tabs: Rect,
    /// Dates, outcome, who made it.
    pub info: Rect,
    /// The rows.
    pub list: Rect,
    /// The selected row's full text.
    pub detail: Rect,
}

/// The pane's parts inside its border.
pub fn areas(inner: Rect) -> Areas {
    let top = inner.height.min(2);
    let tabs = Rect::new(inner.x, inner.y, inner.width, top.min(1));
    let info = Rect::new(
        inner.x,
        inner.y + tabs.height,
        inner.width,
        top - tabs.height,
    );
    let rest = Rect::new(inner.x, inner.y + top, inner.width, inner.height - top);
    let detail = if rest.height >= 8 {
        share(rest.height, 2, 5).max(3)
    } else {
        0
    };
    let (list, detail) = split_detail(rest, detail);
    Areas {
        tabs,
        info,
        list,
        detail,
    }
}

/// The pane title: `Honduras offer`, after the team of the offer shown.
pub fn title(app: &App) -> String {
    match app.offer {
        Some(o) => format!("{} offer", format::clip(&app.dossier.offers[o].team, 30)),
        None => "Offers".to_string(),
    }
}

fn tab_label(offer: &Offer) -> String {
    format!("{} {}", offer.team, offer.date.year)
}

/// Draws the tabs: every offer, the one shown reversed, those made during the selected stage
/// marked; each tab and arrow is a click target. When they do not fit, `◂ 2/3 Honduras 2023 ▸`.
fn draw_tabs(
    frame: &mut Frame,
    app: &App,
    t: &Theme,
    area: Rect,
    o: usize,
    targets: &mut Vec<(Rect, Target)>,
) {
    let d = &app.dossier;
    let stage_id = app.stage.map(|s| d.stages[s].id.as_str());
    let focused = app.focus == Pane::Offer;
    let chosen = if focused {
        t.selected
    } else {
        t.selected_unfocused
    };
    let mut spans = vec![(Span::styled("◂ ", t.key), Some(Target::PrevOffer))];
    for (i, other) in d.offers.iter().enumerate() {
        if i > 0 {
            spans.push((Span::styled(" │ ", t.dim), None));
        }
        let mut style = if stage_id == Some(other.stage.as_str()) {
            t.in_stage
        } else {
            Style::new()
        };
        if i == o {
            style = style.patch(chosen);
        }
        spans.push((
            Span::styled(format::safe(&tab_label(other)), style),
            Some(Target::Offer(i)),
        ));
    }
    spans.push((Span::styled(" ▸", t.key), Some(Target::NextOffer)));
    let total: usize = spans.iter().map(|(s, _)| format::width(&s.content)).sum();
    if total > usize::from(area.width) {
        let label = format::clip(
            &tab_label(&d.offers[o]),
            usize::from(area.width).saturating_sub(8),
        );
        spans = vec![
            (Span::styled("◂ ", t.key), Some(Target::PrevOffer)),
            (
                Span::styled(
                    format!(
                        "{}/{} ",
                        format::thousands(o + 1),
                        format::thousands(d.offers.len())
                    ),
                    t.key,
                ),
                None,
            ),
            (Span::styled(label, chosen), None),
            (Span::styled(" ▸", t.key), Some(Target::NextOffer)),
        ];
    }
    let mut x = area.x;
    for (span, target) in &spans {
        let w = u16::try_from(format::width(&span.content)).unwrap_or(u16::MAX);
        let w = w.min(area.right().saturating_sub(x));
        if let Some(target) = target
            && w > 0
        {
            targets.push((Rect::new(x, area.y, w, 1), *target));
        }
        x = x.saturating_add(w);
    }
    frame.render_widget(
        Line::from(spans.into_iter().map(|(s, _)| s).collect::<Vec<_>>()),
        area,
    );
}

/// Draws the pane, its list from row `offset`.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    inner: Rect,
    offset: usize,
    targets: &mut Vec<(Rect, Target)>,
) {
    let t = theme;
    let a = areas(inner);
    let d = &app.dossier;
    let Some(o) = app.offer else {
        frame.render_widget(Line::styled("No offers in this dossier", t.dim), inner);
        return;
    };
    let offer = &d.offers[o];
    let focused = app.focus == Pane::Offer;
    if a.tabs.height > 0 {
        draw_tabs(frame, app, t, a.tabs, o, targets);
    }

    let mut info = vec![
        Span::raw(match offer.end {
            Some(end) => format!("{} → {end}", offer.date),
            None => offer.date.to_string(),
        }),
        Span::styled(" · ", t.dim),
        Span::styled(format::outcome(offer.outcome), t.name),
        Span::styled(" · by ", t.dim),
        Span::raw(format::safe(&offer.offered_by)),
    ];
    if !offer.disputes.is_empty() {
        info.insert(0, Span::styled(format!("{DISPUTED} "), t.disputed));
    }
    frame.render_widget(
        format::ellipsize(Line::from(info), usize::from(a.info.width)),
        a.info,
    );

    let width = usize::from(inner.width).saturating_sub(2);
    let range = window(offset, app.offer_rows.len(), a.list.height);
    let mut rows = Vec::new();
    let mut selected_row = None;
    for (row, i) in range.enumerate() {
        let selected = i == app.offer_cursor.selected;
        if selected {
            selected_row = row_style(t, focused, true).map(|s| (row, s));
        }
        let g = gutter(t, selected, false);
        let hit = app.filter_hit(Pane::Offer, i);
        let cell = |row: OfferRow, shown: &str, width: usize| match row.record(o) {
            Some(record) if hit.is_some() => {
                matched_cell(t, d, record, shown, hit, width, Style::new())
            }
            _ => vec![Span::raw(format::fit(shown, width))],
        };
        let line = match app.offer_rows[i] {
            OfferRow::Heading(section) => {
                let text = match section {
                    OfferSection::Chronology => "Chronology",
                    OfferSection::Quotes => "Quotes",
                    OfferSection::Explanations => "Explanations given",
                    OfferSection::People => "People",
                };
                Line::from(Span::styled(text, t.heading))
            }
            OfferRow::Overview => {
                let mut text = format!("Overview: {}", format::outcome(offer.outcome));
                if let Some(who) = &offer.appointed {
                    text.push_str(&format!(", {who} appointed"));
                }
                let mut spans = vec![g];
                spans.extend(cell(OfferRow::Overview, &text, width));
                Line::from(spans)
            }
            OfferRow::Event(k) => {
                let e = &offer.events[k];
                let mut spans = vec![
                    g,
                    Span::styled(format::fit(&e.date.to_string(), 10), t.dim),
                    Span::styled(if e.approximate { "~" } else { " " }, t.dim),
                ];
                spans.extend(cell(
                    OfferRow::Event(k),
                    &e.summary,
                    width.saturating_sub(11),
                ));
                Line::from(spans)
            }
            OfferRow::Quote(q) if hit.is_some() => {
                let mut spans = vec![g];
                spans.extend(cell(OfferRow::Quote(q), &d.quotes[q].text, width));
                Line::from(spans)
            }
            OfferRow::Quote(q) => {
                let quote = &d.quotes[q];
                // The words first: the speaker gets at most a third of the row.
                let speaker = format::clip(&quote.speaker, (width / 3).clamp(6, 18));
                let rest = width.saturating_sub(format::width(&speaker) + 3);
                Line::from(vec![
                    g,
                    Span::styled(format!("{speaker}: "), t.dim),
                    Span::raw(format!("“{}", format::clip(&quote.text, rest))),
                ])
            }
            OfferRow::Explanation(k) => {
                let mut spans = vec![g, Span::raw("• ")];
                spans.extend(cell(
                    OfferRow::Explanation(k),
                    &offer.explanations[k].summary,
                    width.saturating_sub(2),
                ));
                Line::from(spans)
            }
            OfferRow::Actor(k) => {
                let actor = &offer.actors[k];
                let mut spans = vec![g];
                spans.extend(cell(
                    OfferRow::Actor(k),
                    &format!("{} — {}", actor.name, actor.role),
                    width,
                ));
                Line::from(spans)
            }
        };
        rows.push(line);
    }
    draw_rows(frame, a.list, rows, selected_row);

    if a.detail.height > 0
        && let Some(row) = app.selected_offer_row()
    {
        let paras = detail(app, t, offer, row);
        draw_detail(frame, t, a.detail, "details", &paras);
    }
}

fn detail<'a>(app: &'a App, t: &Theme, offer: &'a Offer, row: OfferRow) -> Vec<Para<'a>> {
    let d = &app.dossier;
    let cited = |n: usize| {
        Para::owned(
            format!("{} (s)", format::count(n, "source", "sources")),
            t.dim,
        )
    };
    match row {
        OfferRow::Overview => {
            let mut paras = Vec::new();
            if let Some(summary) = &offer.summary {
                paras.push(Para::new(summary, Style::new()));
            }
            let mut facts = format!(
                "{} ({}) · made during {}",
                offer.team,
                format::kind(offer.kind),
                stage_team(d, &offer.stage)
            );
            if let Some(who) = &offer.appointed {
                facts.push_str(&format!(" · appointed instead: {who}"));
            }
            paras.push(Para::owned(facts, t.dim).hang(2));
            disputes_para(t, offer.disputes.len(), &mut paras);
            paras
        }
        OfferRow::Event(k) => {
            let e = &offer.events[k];
            let when = if e.approximate {
                format!("{} (approximate) ", e.date)
            } else {
                format!("{} ", e.date)
            };
            vec![
                Para::new(&e.summary, Style::new()).lead(vec![Span::styled(when, t.name)]),
                cited(e.sources.len()),
            ]
        }
        OfferRow::Quote(q) => {
            let quote = &d.quotes[q];
            let mut by = format!("— {}", quote.speaker);
            if let Some(role) = &quote.role {
                by.push_str(&format!(" ({role})"));
            }
            by.push_str(&format!(", {}", format::date(quote.date.as_ref())));
            vec![
                Para::new(&quote.text, Style::new())
                    .lead(vec![Span::raw("“")])
                    .trail(vec![Span::raw("”")]),
                Para::owned(by, t.dim),
            ]
        }
        OfferRow::Explanation(k) => {
            let e = &offer.explanations[k];
            vec![Para::new(&e.summary, Style::new()), cited(e.sources.len())]
        }
        OfferRow::Actor(k) => {
            let actor = &offer.actors[k];
            vec![
                Para::new(&actor.name, t.name),
                Para::new(&actor.role, Style::new()),
                cited(actor.sources.len()),
            ]
        }
        OfferRow::Heading(_) => Vec::new(),
    }
}
