//! The career record: every stage's W-D-L record at a glance, oldest first, one row per version
//! of each record, with played, won, drawn, lost, win % (and points per game where there is
//! room), a bar of the win % on one axis for every stage (0 to 100 %, ratatui's own horizontal
//! [`BarChart`]) and the titles won beside it. Under the table, the selected stage's versions
//! with the sources that give each.
//!
//! Nothing here relies on colour: `≠` marks a disputed record's versions, `!` figures that do
//! not add up (shown as given), `?` words that could not be read as figures (shown as given);
//! a stage no source gives a record for says so, never 0. Everything shown comes from
//! [`crate::career`]: nothing is worked out again here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Paragraph};

use crate::career::{Figures, StageRecord, Standing, win_axis};
use crate::model::{Dossier, Text};
use crate::tui::action::Action;
use crate::tui::app::{App, career_follow, career_rows, stage_rows};
use crate::tui::format::{self, DISPUTED, Para};
use crate::tui::keymap::Context;
use crate::tui::layout::OverlayLayout;
use crate::tui::panes::rows::{draw_detail_opened_by, row_style};
use crate::tui::theme::Theme;

/// The view's title: what it shows and what its bar measures.
pub const TITLE: &str = "Career record · bar: win %, 0–100 % on one axis";

/// The bar is never narrower than this, so that it still shows the shape...
const MIN_BAR: usize = 8;
/// ...and gets this much, with most team names whole, before points per game are shown...
const BAR_GOOD: usize = 20;
/// ...and grows to this before the team names get their whole width...
const BAR_FIRST: usize = 30;
/// ...and no wider than this: past it the rows are hard to compare by eye.
const MAX_BAR: usize = 60;
/// The team column gives way down to this before the bar does.
const MIN_TEAM: usize = 10;
/// The team column's share before the bar grows: most names whole.
const TEAM_FIRST: usize = 20;
/// A column of sources narrower than this is not shown (the details under the table have them).
const MIN_SOURCES: usize = 24;
/// The details area under the table keeps at least this many rows (its rule included).
const MIN_DETAIL: usize = 4;

/// The number columns' headings.
const HEADINGS: [&str; 4] = ["P", "W", "D", "L"];
const WIN: &str = "Win %";
const PPG: &str = "Pts/g";
const TITLES: &str = "Titles";
const YEARS: &str = "Years";

/// Where each column goes, measured on the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    years: usize,
    team: usize,
    marks: usize,
    counts: [usize; 4],
    win: usize,
    /// Points per game, where there is room.
    ppg: Option<usize>,
    bar: usize,
    titles: usize,
    /// Who gives each version, where the bar has all it can use and room is left (0: none).
    sources: usize,
}

impl Columns {
    /// The columns for a table `width` columns wide (the gutter included).
    fn new(app: &App, records: &[StageRecord], width: usize) -> Self {
        let d = &app.dossier;
        let versions = || records.iter().flat_map(|r| &r.versions);
        let digits = |n: Option<u32>| n.map_or(1, |n| n.to_string().len());
        let mut counts = HEADINGS.map(str::len);
        for v in versions() {
            for (w, n) in counts.iter_mut().zip([v.played, v.won, v.drawn, v.lost]) {
                *w = (*w).max(digits(n));
            }
        }
        let win = versions()
            .map(|v| pct(v.win_pct).len())
            .max()
            .unwrap_or(0)
            .max(WIN.len());
        let years = records
            .iter()
            .map(|r| format::width(&years(d, r)))
            .max()
            .unwrap_or(0)
            .max(YEARS.len());
        let marks = records
            .iter()
            .flat_map(|r| r.versions.iter().map(move |v| r.marks(v).chars().count()))
            .max()
            .unwrap_or(0);
        let titles = records
            .iter()
            .map(|r| format::width(&titles(r)))
            .max()
            .unwrap_or(0)
            .max(TITLES.len());
        let team_natural = records
            .iter()
            .map(|r| format::width(&format::safe(&r.team)))
            .max()
            .unwrap_or(0)
            .max(4);
        let mut c = Self {
            years,
            team: 0,
            marks,
            counts,
            win,
            ppg: Some(PPG.len()),
            bar: 0,
            titles,
            sources: 0,
        };
        // Most team names and a bar that compares well come first; points per game only when
        // they leave room for both (the win % is the bar's measure).
        let team = team_natural.min(TEAM_FIRST);
        if width < c.fixed() + team + BAR_GOOD {
            c.ppg = None;
        }
        let room = width.saturating_sub(c.fixed());
        // Then a longer bar, then whole names, then the longest bar.
        let bar = room.saturating_sub(team).clamp(MIN_BAR, BAR_FIRST);
        c.team = team_natural.min(room.saturating_sub(bar).max(MIN_TEAM));
        c.bar = room.saturating_sub(c.team).clamp(MIN_BAR, MAX_BAR);
        // What is left goes to who gives each version, when it is room enough for a name.
        let left = room.saturating_sub(c.team + c.bar);
        if left > MIN_SOURCES {
            c.sources = left - 1;
        }
        c
    }

    /// Everything but the team and the bar: `›years team marks P W D L win pts  bar  titles`.
    fn fixed(&self) -> usize {
        1 + self.years + 1 + 1 + self.marks + self.numbers() + 1 + 1 + self.titles
    }

    /// The number columns, each with the space before it.
    fn numbers(&self) -> usize {
        self.counts.iter().map(|w| w + 1).sum::<usize>()
            + 1
            + self.win
            + self.ppg.map_or(0, |w| w + 1)
    }

    /// Where the bar starts, from the table's left edge.
    fn bar_x(&self) -> usize {
        1 + self.years + 1 + self.team + 1 + self.marks + self.numbers() + 1
    }

    /// Where the titles start.
    fn titles_x(&self) -> usize {
        self.bar_x() + self.bar + 1
    }

    /// Where the sources start.
    fn sources_x(&self) -> usize {
        self.titles_x() + self.titles + 1
    }
}

/// `2007–09`, `2015`, `2021–`: the stage's years, as the timeline writes them.
fn years(d: &Dossier, r: &StageRecord) -> String {
    d.stage(&r.stage)
        .map_or_else(|| r.start.year.to_string(), format::stage_years)
}

/// The number of titles won in the stage, `≠ 6` when how many is disputed, none when it won none.
fn titles(r: &StageRecord) -> String {
    let n = r.titles.len();
    match (n, r.title_disputes.is_empty()) {
        (0, true) => String::new(),
        (n, true) => n.to_string(),
        (n, false) => format!("{DISPUTED} {n}"),
    }
}

/// `23.1%`, or a dash where the figures give none.
fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_string(), |p| format!("{p:.1}%"))
}

fn count(n: Option<u32>, width: usize) -> String {
    let text = n.map_or_else(|| "–".to_string(), |n| n.to_string());
    format!("{text:>width$}")
}

/// The table's heading line, with the bar's axis.
fn heading(c: &Columns, t: &Theme) -> Line<'static> {
    let mut text = format!(
        " {:<years$} {:<team$} {:<marks$}",
        YEARS,
        "Team",
        "",
        years = c.years,
        team = c.team,
        marks = c.marks
    );
    for (h, w) in HEADINGS.iter().zip(c.counts) {
        text.push_str(&format!(" {h:>w$}"));
    }
    text.push_str(&format!(" {WIN:>w$}", w = c.win));
    if let Some(w) = c.ppg {
        text.push_str(&format!(" {PPG:>w$}"));
    }
    text.push_str(&format!(" {} {TITLES}", win_axis(c.bar)));
    if c.sources > 0 {
        text.push_str(" Given by");
    }
    Line::styled(text, t.dim)
}

/// A row's text left of the bar: the stage on its first row, then the version's counts, or why
/// there are none.
fn row_text(
    app: &App,
    t: &Theme,
    c: &Columns,
    r: &StageRecord,
    version: Option<&Figures>,
    first: bool,
    style: Option<Style>,
) -> Line<'static> {
    let d = &app.dossier;
    let base = style.unwrap_or_default();
    let (years, team) = if first {
        (years(d, r), format::fit(&r.team, c.team))
    } else {
        (String::new(), " ".repeat(c.team))
    };
    let mark = version.map_or_else(String::new, |v| r.marks(v));
    let gutter = if first && style.is_some() { "›" } else { " " };
    // Secondary text is dim, but on the selected rows, which read as one.
    let dim = if style.is_some() { base } else { t.dim };
    let mut spans = vec![
        Span::styled(gutter.to_string(), base),
        Span::styled(format!("{years:<w$} ", w = c.years), dim),
        Span::styled(team, base),
        Span::styled(" ", base),
        Span::styled(format!("{mark:>w$}", w = c.marks), base.patch(t.disputed)),
    ];
    match version {
        None => spans.push(Span::styled(" no sourced record", dim)),
        // Words that could not be read as figures are shown as given, cut to the room there is
        // (the details below have them whole).
        Some(v) if !v.read => {
            let room = c.numbers() + c.bar;
            spans.push(Span::styled(
                format!(" {}", format::clip(&v.text, room.saturating_sub(1))),
                base,
            ));
        }
        Some(v) => {
            let mut text = String::new();
            for (n, w) in [v.played, v.won, v.drawn, v.lost].into_iter().zip(c.counts) {
                text.push(' ');
                text.push_str(&count(n, w));
            }
            text.push_str(&format!(" {:>w$}", pct(v.win_pct), w = c.win));
            if let Some(w) = c.ppg {
                let ppg = v
                    .points_per_game
                    .map_or_else(|| "–".to_string(), |p| format!("{p:.2}"));
                text.push_str(&format!(" {ppg:>w$}"));
            }
            text.push(' ');
            spans.push(Span::styled(text, base));
        }
    }
    Line::from(spans)
}

/// The part of the table's rows `width` columns wide from column `x` (cut at its edge).
fn column(list: Rect, x: usize, width: usize) -> Rect {
    let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    Rect::new(list.x.saturating_add(at(x)), list.y, at(width), list.height).intersection(list)
}

/// Who gives a version and when (`Infobae, 2023-03-15; Placar`); the record view (Enter) and
/// `s` have each source whole.
fn givers(d: &Dossier, ids: &[Text]) -> String {
    let each: Vec<String> = ids
        .iter()
        .map(|id| match d.source(id) {
            Some(s) => match s.date {
                Some(date) => format!("{}, {date}", s.publisher),
                None => s.publisher.to_string(),
            },
            None => format!("unknown source id `{id}`"),
        })
        .collect();
    each.join("; ")
}

/// The selected stage's details: whether sources disagree, every version with who gives it,
/// what does not add up, the titles by name.
fn details<'a>(d: &Dossier, t: &Theme, r: &'a StageRecord) -> Vec<Para<'a>> {
    let mut paras = Vec::new();
    match r.status {
        Standing::Unsourced => paras.push(Para::new(
            "No sourced record: no source of the dossier gives this stage's W-D-L.",
            t.heading,
        )),
        // The rule above says it (`≠ the sources disagree`): the versions come first.
        Standing::Given | Standing::Disputed => {}
    }
    for v in &r.versions {
        let mark = r.marks(v);
        let lead = if mark.is_empty() {
            "• ".to_string()
        } else {
            format!("{mark} ")
        };
        paras.push(
            Para::new(&v.text, Style::new())
                .lead(vec![Span::styled(lead, t.disputed)])
                .hang(2),
        );
        if !v.sources.is_empty() {
            paras.push(
                Para::owned(givers(d, &v.sources), t.dim)
                    .lead(vec![Span::raw("    ")])
                    .hang(4),
            );
        }
        if v.adds_up == Some(false)
            && let (Some(w), Some(dr), Some(l), Some(p), Some(sum)) =
                (v.won, v.drawn, v.lost, v.played, v.sum())
        {
            paras.push(
                Para::owned(
                    format!("! {w} + {dr} + {l} = {sum}, not {p}: shown as given."),
                    Style::new(),
                )
                .lead(vec![Span::raw("    ")])
                .hang(4),
            );
        }
        if !v.read {
            paras.push(
                Para::owned(
                    "? Not read as figures: shown as given.".to_string(),
                    Style::new(),
                )
                .lead(vec![Span::raw("    ")])
                .hang(4),
            );
        }
        if let Some(scope) = &v.scope {
            paras.push(
                Para::owned(format!("Counts {scope} matches only."), Style::new())
                    .lead(vec![Span::raw("    ")])
                    .hang(4),
            );
        }
        if let Some(note) = &v.note {
            paras.push(Para::new(note, t.dim).lead(vec![Span::raw("    ")]).hang(4));
        }
    }
    // Why they disagree, after what they say.
    if let Some(note) = &r.note {
        paras.push(Para::new(note, t.dim));
    }
    // How many titles, where the sources disagree on it, before the titles by name.
    for dispute in &r.title_disputes {
        let versions: Vec<String> = dispute
            .versions
            .iter()
            .map(|v| format!("{} ({})", v.value, givers(d, &v.sources)))
            .collect();
        paras.push(
            Para::owned(versions.join("; "), Style::new())
                .lead(vec![Span::styled(
                    format!("{DISPUTED} How many titles: "),
                    t.disputed,
                )])
                .hang(2),
        );
        if let Some(note) = &dispute.note {
            paras.push(Para::new(note, t.dim).lead(vec![Span::raw("    ")]).hang(4));
        }
    }
    if !r.titles.is_empty() {
        let names: Vec<String> = r
            .titles
            .iter()
            .map(|x| format!("{} {}", x.competition, x.season))
            .collect();
        let label = if names.len() == 1 {
            "Title: "
        } else {
            "Titles: "
        };
        paras.push(
            Para::owned(names.join("; "), t.won)
                .lead(vec![Span::styled(label, t.dim)])
                .hang(2),
        );
    }
    paras
}

/// Draws the table from row `scroll` on (moved to keep the selected stage in view) and the
/// selected stage's details under it.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    t: &Theme,
    inner: Rect,
    records: &[StageRecord],
    (selected, scroll): (usize, usize),
) -> OverlayLayout {
    let empty = OverlayLayout {
        area: inner,
        ..OverlayLayout::default()
    };
    if inner.height == 0 || inner.width == 0 {
        return empty;
    }
    let Some(chosen) = records.get(selected) else {
        frame.render_widget(
            Line::styled("No career stages in this dossier", t.dim),
            inner,
        );
        return empty;
    };
    let d = &app.dossier;
    // One column for the scrollbar.
    let width = usize::from(inner.width.saturating_sub(1));
    let c = Columns::new(app, records, width);
    let rows = career_rows(records);

    // The table gets every row when the details keep their least; else the details get up to
    // two fifths, as much as they need.
    let avail = usize::from(inner.height).saturating_sub(1);
    let paras = details(d, t, chosen);
    let wanted = 1 + format::wrapped(&paras, &Default::default(), width, 0, 0).1;
    let least = MIN_DETAIL.min(avail);
    let table = if rows.len() + least <= avail {
        rows.len()
    } else {
        let detail = wanted.clamp(least, (avail * 2 / 5).max(least));
        avail - detail
    };
    let scroll = career_follow(records, selected, scroll, table);
    let shown = &rows[scroll.min(rows.len())..(scroll + table).min(rows.len())];

    frame.render_widget(
        Paragraph::new(format::ellipsize(heading(&c, t), width)),
        Rect::new(inner.x, inner.y, inner.width.saturating_sub(1), 1),
    );
    let list = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width.saturating_sub(1),
        u16::try_from(shown.len()).unwrap_or(u16::MAX),
    );
    let chosen_rows = stage_rows(records, selected);

    // The bars first, one a row, on one axis: the text is drawn over the rows without one.
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let pct = row
                .version
                .and_then(|v| records[row.record].versions.get(v))
                .and_then(|v| v.win_pct);
            let style = if chosen_rows.contains(&(scroll + i)) {
                t.bar_selected
            } else {
                t.bar
            };
            // Tenths of a percent: the axis runs to 1000. Over 100 % (won > played, as a
            // source may give it) is drawn full; the number says what it is.
            let value = pct.map_or(0, |p| (p.clamp(0.0, 100.0) * 10.0).round() as u64);
            Bar::default().value(value).text_value("").style(style)
        })
        .collect();
    let bar_x = u16::try_from(c.bar_x()).unwrap_or(u16::MAX);
    let bar_area = column(list, c.bar_x(), c.bar);
    frame.render_widget(
        BarChart::horizontal(bars).max(1000).bar_width(1).bar_gap(0),
        bar_area,
    );

    let mut lines = Vec::new();
    let mut title_lines = Vec::new();
    let mut source_lines = Vec::new();
    for row in shown {
        let r = &records[row.record];
        let first = row.version.is_none_or(|v| v == 0);
        let style = row_style(t, true, row.record == selected);
        let version = row.version.and_then(|v| r.versions.get(v));
        lines.push(row_text(app, t, &c, r, version, first, style));
        let text = if first { titles(r) } else { String::new() };
        let base = style.unwrap_or_default();
        let marked = if r.title_disputes.is_empty() {
            t.won
        } else {
            t.disputed
        };
        title_lines.push(Line::from(Span::styled(
            format!("{text:>w$}", w = c.titles),
            base.patch(marked),
        )));
        let given = version.map_or_else(String::new, |v| givers(d, &v.sources));
        source_lines.push(Line::styled(format::clip(&given, c.sources), t.dim));
    }
    // The text left of the bar, over it where a row has none (`no sourced record`).
    for (i, line) in lines.into_iter().enumerate() {
        let y = list.y + u16::try_from(i).unwrap_or(u16::MAX);
        let has_bar = shown[i]
            .version
            .and_then(|v| records[shown[i].record].versions.get(v))
            .is_some_and(|v| v.read);
        let w = if has_bar { bar_x } else { list.width };
        frame.render_widget(
            Paragraph::new(format::ellipsize(line, usize::from(w))),
            Rect::new(list.x, y, w.min(list.width), 1),
        );
    }
    frame.render_widget(
        Paragraph::new(title_lines),
        column(list, c.titles_x(), c.titles),
    );
    if c.sources > 0 {
        frame.render_widget(
            Paragraph::new(source_lines),
            column(list, c.sources_x(), c.sources),
        );
    }

    // The selected stage's details under the table.
    let top = list.y + list.height;
    let detail = Rect::new(
        inner.x,
        top,
        inner.width.saturating_sub(1),
        (inner.y + inner.height).saturating_sub(top),
    );
    let mut title = format!("{} {}", format::clip(&chosen.team, 40), years(d, chosen));
    if chosen.status == Standing::Disputed {
        // As much of the warning as fits beside the rule (a space each side and two of it).
        let room = width.saturating_sub(4);
        title = [
            ": the sources disagree, every version below",
            ": the sources disagree",
            "",
        ]
        .iter()
        .map(|say| format!("{DISPUTED} {title}{say}"))
        .find(|t| format::width(t) <= room)
        .unwrap_or_else(|| format::clip(&format!("{DISPUTED} {title}"), room));
    }
    let open = app.keys.label(Context::Overlay, &Action::OpenRecord);
    draw_detail_opened_by(frame, t, detail, &title, &paras, open.as_deref());

    OverlayLayout {
        area: inner,
        lines: rows.len(),
        page: table,
        scroll,
        list,
    }
}
