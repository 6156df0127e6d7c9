//! The Honduras offer (and the other offers, one key away): who, when, the outcome, the dated
//! chronology, the quotes attached to it, the explanations given and the people involved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::trophies::disputes_line;
use super::{draw_detail, draw_rows, gutter, row_style, split_detail, window};
use crate::model::Offer;
use crate::tui::app::{App, OfferRow, OfferSection, Pane};
use crate::tui::format;
use crate::tui::ui::DISPUTED;

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
        crate::tui::ui::share(rest.height, 2, 5).max(3)
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

/// Draws the pane.
pub fn draw(frame: &mut Frame, app: &App, inner: Rect) {
    let t = &app.theme;
    let a = areas(inner);
    let d = &app.dossier;
    let Some(o) = app.offer else {
        frame.render_widget(Line::styled("No offers in this dossier", t.dim), inner);
        return;
    };
    let offer = &d.offers[o];
    let stage_id = app.stage.map(|s| d.stages[s].id.as_str());
    let focused = app.focus == Pane::Offer;

    // Tabs: every offer, the one shown reversed, those made during the selected stage marked.
    let mut tabs = vec![Span::styled("◂ ", t.key)];
    for (i, other) in d.offers.iter().enumerate() {
        if i > 0 {
            tabs.push(Span::styled(" │ ", t.dim));
        }
        let mut style = if stage_id == Some(other.stage.as_str()) {
            t.in_stage
        } else {
            Style::new()
        };
        if i == o {
            style = style.patch(if focused {
                t.selected
            } else {
                t.selected_unfocused
            });
        }
        tabs.push(Span::styled(format::safe(&tab_label(other)), style));
    }
    tabs.push(Span::styled(" ▸", t.key));
    let line = Line::from(tabs);
    let line = if line.width() <= usize::from(a.tabs.width) {
        line
    } else {
        Line::from(vec![
            Span::styled(format!("◂ {}/{} ", o + 1, d.offers.len()), t.key),
            Span::styled(
                format::clip(
                    &tab_label(offer),
                    usize::from(a.tabs.width).saturating_sub(8),
                ),
                if focused {
                    t.selected
                } else {
                    t.selected_unfocused
                },
            ),
            Span::styled(" ▸", t.key),
        ])
    };
    frame.render_widget(line, a.tabs);

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
    let range = window(app.offer_cursor.offset, app.offer_rows.len(), a.list.height);
    let mut rows = Vec::new();
    let mut selected_row = None;
    for (row, i) in range.enumerate() {
        let selected = i == app.offer_cursor.selected;
        if selected {
            selected_row = row_style(app, Pane::Offer, true).map(|s| (row, s));
        }
        let g = gutter(app, selected, false);
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
                Line::from(vec![g, Span::raw(format::fit(&text, width))])
            }
            OfferRow::Event(k) => {
                let e = &offer.events[k];
                Line::from(vec![
                    g,
                    Span::styled(format::fit(&e.date.to_string(), 10), t.dim),
                    Span::styled(if e.approximate { "~" } else { " " }, t.dim),
                    Span::raw(format::fit(&e.summary, width.saturating_sub(11))),
                ])
            }
            OfferRow::Quote(q) => {
                let quote = &d.quotes[q];
                let speaker = format::clip(&quote.speaker, 18);
                let rest = width.saturating_sub(format::width(&speaker) + 4);
                Line::from(vec![
                    g,
                    Span::styled(format!("{speaker}: "), t.dim),
                    Span::raw(format!("“{}", format::clip(&quote.text, rest))),
                ])
            }
            OfferRow::Explanation(k) => Line::from(vec![
                g,
                Span::raw(format::fit(
                    &format!("• {}", offer.explanations[k].summary),
                    width,
                )),
            ]),
            OfferRow::Actor(k) => {
                let actor = &offer.actors[k];
                Line::from(vec![
                    g,
                    Span::raw(format::fit(
                        &format!("{} — {}", actor.name, actor.role),
                        width,
                    )),
                ])
            }
        };
        rows.push(line);
    }
    draw_rows(frame, a.list, rows, selected_row);

    if a.detail.height > 0
        && let Some(row) = app.selected_offer_row()
    {
        let lines = detail(app, offer, row);
        draw_detail(frame, app, a.detail, "details", lines);
    }
}

fn detail(app: &App, offer: &Offer, row: OfferRow) -> Vec<Line<'static>> {
    let t = &app.theme;
    let d = &app.dossier;
    let cited = |n: usize| {
        Line::styled(
            format!("{} (s)", format::count(n, "source", "sources")),
            t.dim,
        )
    };
    match row {
        OfferRow::Overview => {
            let mut lines = Vec::new();
            if let Some(summary) = &offer.summary {
                lines.push(Line::raw(format::safe(summary)));
            }
            let stage = d
                .stage(&offer.stage)
                .map_or_else(|| offer.stage.clone(), |s| s.team.clone());
            let mut facts = format!(
                "{} ({}) · made during {}",
                offer.team,
                format::kind(offer.kind),
                stage
            );
            if let Some(who) = &offer.appointed {
                facts.push_str(&format!(" · appointed instead: {who}"));
            }
            lines.push(Line::styled(format::safe(&facts), t.dim));
            disputes_line(app, offer.disputes.len(), &mut lines);
            lines
        }
        OfferRow::Event(k) => {
            let e = &offer.events[k];
            vec![
                Line::from(vec![
                    Span::styled(e.date.to_string(), t.name),
                    Span::styled(if e.approximate { " (approximate)" } else { "" }, t.dim),
                ]),
                Line::raw(format::safe(&e.summary)),
                cited(e.sources.len()),
            ]
        }
        OfferRow::Quote(q) => {
            let quote = &d.quotes[q];
            let mut lines = format::highlighted_lines(
                &format!("“{}”", quote.text),
                &[],
                Style::new(),
                Style::new(),
            );
            let mut by = format!("— {}", quote.speaker);
            if let Some(role) = &quote.role {
                by.push_str(&format!(" ({role})"));
            }
            by.push_str(&format!(", {}", format::date(quote.date.as_ref())));
            lines.push(Line::styled(format::safe(&by), t.dim));
            lines
        }
        OfferRow::Explanation(k) => {
            let e = &offer.explanations[k];
            vec![Line::raw(format::safe(&e.summary)), cited(e.sources.len())]
        }
        OfferRow::Actor(k) => {
            let actor = &offer.actors[k];
            vec![
                Line::styled(format::safe(&actor.name), t.name),
                Line::raw(format::safe(&actor.role)),
                cited(actor.sources.len()),
            ]
        }
        OfferRow::Heading(_) => Vec::new(),
    }
}
