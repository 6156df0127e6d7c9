//! `dossier show records`: the career's record at a glance, one row per stage, oldest first,
//! with a win % bar in block characters on one scale for every stage (0 to 100 %), then every
//! version of each record with its sources.
//!
//! Nothing here relies on colour: disputes are marked `≠`, figures that do not add up `!`,
//! wording that could not be read as figures `?`, so it reads the same under NO_COLOR.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::describe::{clean, ids};
use super::table::{truncate, wrap};
use crate::career::{Figures, StageRecord, Standing, stage_records};
use crate::model::{Dossier, PartialDate};

/// The bar is never narrower than this, so that it still shows the shape...
const MIN_BAR: usize = 10;
/// ...nor wider: past this the rows are hard to compare by eye.
const MAX_BAR: usize = 50;
/// The team column gives way down to this before the bar does.
const MIN_TEAM: usize = 12;
/// Room is shared out in steps: the team up to this (most names)...
const TEAM_FIRST: usize = 20;
/// ...then the bar up to this, then the team whole, then the bar up to [`MAX_BAR`].
const BAR_FIRST: usize = 30;

/// The eighths of a cell, from one eighth to seven.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The records as text for people, at most `width` columns wide where the content allows.
pub fn text(dossier: &Dossier, width: usize) -> String {
    let records = stage_records(dossier);
    if records.is_empty() {
        return "No stages.\n".to_string();
    }
    let rows: Vec<Row> = records.iter().flat_map(rows_of).collect();
    let layout = Layout::new(&rows, width);
    let mut out = String::new();
    indented(
        &mut out,
        "Record per stage, oldest first. Bar: the win %, one scale for every stage.",
        0,
        width,
    );
    out.push('\n');
    layout.header(&mut out);
    for row in &rows {
        layout.row(&mut out, row);
    }
    legend(&mut out, &rows, width);
    details(&mut out, &records, width);
    out
}

/// One line of the table: a stage's first version (or its lack of one), or a further version.
struct Row {
    years: String,
    team: String,
    marks: String,
    cells: Cells,
    titles: String,
}

/// What a row says about the record.
enum Cells {
    /// No sourced record.
    Unsourced,
    /// Figures that could not be read: the words are in the list under the table.
    Unread,
    /// Played, won, drawn, lost, win %, points per game, and the win % for the bar.
    Figures([String; 6], Option<f64>),
}

fn rows_of(r: &StageRecord) -> Vec<Row> {
    let years = years(&r.start, r.end.as_ref());
    let mut titles = match r.titles.len() {
        0 => String::new(),
        n => n.to_string(),
    };
    if !r.title_disputes.is_empty() {
        titles = format!("≠ {}", if titles.is_empty() { "0" } else { &titles });
    }
    if r.versions.is_empty() {
        return vec![Row {
            years,
            team: clean(&r.team),
            marks: String::new(),
            cells: Cells::Unsourced,
            titles,
        }];
    }
    r.versions
        .iter()
        .enumerate()
        .map(|(i, v)| Row {
            years: if i == 0 { years.clone() } else { String::new() },
            team: if i == 0 {
                clean(&r.team)
            } else {
                String::new()
            },
            marks: marks(r, v),
            cells: cells(v),
            titles: if i == 0 {
                titles.clone()
            } else {
                String::new()
            },
        })
        .collect()
}

fn marks(r: &StageRecord, v: &Figures) -> String {
    let mut marks = String::new();
    if r.status == Standing::Disputed {
        marks.push('≠');
    }
    if v.adds_up == Some(false) {
        marks.push('!');
    }
    if !v.read {
        marks.push('?');
    }
    marks
}

fn cells(v: &Figures) -> Cells {
    if !v.read {
        return Cells::Unread;
    }
    let count = |n: Option<u32>| n.map_or("–".to_string(), |n| n.to_string());
    Cells::Figures(
        [
            count(v.played),
            count(v.won),
            count(v.drawn),
            count(v.lost),
            v.win_pct.map_or("–".to_string(), |p| format!("{p:.1}%")),
            v.points_per_game
                .map_or("–".to_string(), |p| format!("{p:.2}")),
        ],
        v.win_pct,
    )
}

/// `2007–09`, `2015`, `1999–2001`, `2024–` (ongoing or not known to have ended).
fn years(start: &PartialDate, end: Option<&PartialDate>) -> String {
    match end {
        None => format!("{}–", start.year),
        Some(end) if end.year == start.year => start.year.to_string(),
        Some(end) if end.year / 100 == start.year / 100 => {
            format!("{}–{:02}", start.year, end.year % 100)
        }
        Some(end) => format!("{}–{}", start.year, end.year),
    }
}

/// The width of each column, measured on the rows.
struct Layout {
    years: usize,
    team: usize,
    marks: usize,
    numbers: [usize; 6],
    bar: usize,
    titles: usize,
}

const HEADERS: [&str; 6] = ["P", "W", "D", "L", "Win %", "Pts/g"];
const TITLES: &str = "Titles";

impl Layout {
    fn new(rows: &[Row], width: usize) -> Self {
        let widest = |f: &dyn Fn(&Row) -> usize| rows.iter().map(f).max().unwrap_or(0);
        let mut numbers = HEADERS.map(UnicodeWidthStr::width);
        for row in rows {
            if let Cells::Figures(cells, _) = &row.cells {
                for (w, cell) in numbers.iter_mut().zip(cells) {
                    *w = (*w).max(cell.width());
                }
            }
        }
        let years = widest(&|r| r.years.width()).max("Years".len());
        let team_natural = widest(&|r| r.team.width()).max("Team".len());
        let marks = widest(&|r| r.marks.width());
        let titles = widest(&|r| r.titles.width()).max(TITLES.len());
        let room = width.saturating_sub(Self::fixed(years, marks, &numbers, titles));
        // Most team names first, then a bar that compares well, then whole names, then the
        // longest bar.
        let team = team_natural.min(TEAM_FIRST);
        let bar = room.saturating_sub(team).clamp(MIN_BAR, BAR_FIRST);
        let team = team_natural.min(room.saturating_sub(bar).max(MIN_TEAM));
        let bar = room.saturating_sub(team).clamp(MIN_BAR, MAX_BAR);
        Self {
            years,
            team,
            marks,
            numbers,
            bar,
            titles,
        }
    }

    /// Everything but the team and the bar: `years  team marks P W D L win pts  bar  titles`.
    fn fixed(years: usize, marks: usize, numbers: &[usize], titles: usize) -> usize {
        years + 2 + 1 + marks + numbers.iter().sum::<usize>() + numbers.len() + 2 + 2 + titles
    }

    fn header(&self, out: &mut String) {
        let mut line = format!(
            "{}  {}",
            pad("Years", self.years),
            pad("Team", self.team + 1 + self.marks)
        );
        for (h, w) in HEADERS.iter().zip(self.numbers) {
            let _ = write!(line, " {h:>w$}");
        }
        let _ = write!(line, "  {}  {TITLES}", axis(self.bar));
        push_line(out, &line);
    }

    fn row(&self, out: &mut String, row: &Row) {
        let mut line = format!(
            "{}  {} {}",
            pad(&row.years, self.years),
            pad(&truncate(&row.team, self.team), self.team),
            pad_left(&row.marks, self.marks)
        );
        match &row.cells {
            Cells::Unsourced => line.push_str(" no sourced record"),
            Cells::Unread => line.push_str(" figures not read: see below"),
            Cells::Figures(cells, win_pct) => {
                for (cell, w) in cells.iter().zip(self.numbers) {
                    let _ = write!(line, " {}", pad_left(cell, w));
                }
                let _ = write!(line, "  {}", pad(&bar(*win_pct, self.bar), self.bar));
            }
        }
        if !row.titles.is_empty() {
            // Titles line up after the bar, also on rows without one.
            let column = self.years
                + 2
                + self.team
                + 1
                + self.marks
                + self.numbers.iter().sum::<usize>()
                + self.numbers.len()
                + 2
                + self.bar
                + 2;
            let used = line.width();
            line.push_str(&" ".repeat(column.saturating_sub(used).max(1)));
            line.push_str(&pad_left(&row.titles, self.titles));
        }
        push_line(out, &line);
    }
}

/// `0%` at the left of the bar's column, `100%` at its right, `50%` in the middle where it fits.
fn axis(width: usize) -> String {
    let mut cells: Vec<char> = " ".repeat(width).chars().collect();
    let mut put = |at: usize, text: &str| {
        for (i, c) in text.chars().enumerate() {
            if let Some(cell) = cells.get_mut(at + i) {
                *cell = c;
            }
        }
    };
    put(0, "0%");
    if width >= 14 {
        put(width / 2 - 1, "50%");
    }
    put(width.saturating_sub(4), "100%");
    cells.into_iter().collect()
}

/// The win % as a bar `width` cells long for 100 %, to an eighth of a cell.
fn bar(win_pct: Option<f64>, width: usize) -> String {
    let Some(pct) = win_pct else {
        return String::new();
    };
    // More than 100 % (a source's won > played) is drawn full; the number says what it is.
    let eighths = (pct.clamp(0.0, 100.0) / 100.0 * width as f64 * 8.0).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if let Some(part) = (eighths % 8).checked_sub(1) {
        out.push(EIGHTHS[part]);
    }
    out
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line.trim_end());
    out.push('\n');
}

/// What each mark in the table means, for the marks it uses.
fn legend(out: &mut String, rows: &[Row], width: usize) {
    let used = |c: char| rows.iter().any(|r| r.marks.contains(c));
    let missing = rows.iter().any(|r| match &r.cells {
        Cells::Figures(cells, _) => cells.iter().any(|c| c == "–"),
        _ => false,
    });
    let mut lines = Vec::new();
    if used('≠') || rows.iter().any(|r| r.titles.contains('≠')) {
        lines.push("≠ the sources disagree: every version is shown, none is picked.");
    }
    if used('!') {
        lines.push("! won + drawn + lost is not the matches played: shown as the source gives it.");
    }
    if used('?') {
        lines.push("? the figures could not be read: the source's words are below.");
    }
    if missing {
        lines.push("– not given by the source.");
    }
    lines.push("P played, W won, D drawn, L lost; Pts/g: 3 for a win, 1 for a draw.");
    out.push('\n');
    for line in lines {
        for part in wrap(line, width) {
            push_line(out, &part);
        }
    }
}

/// Stage by stage: every version with its sources and notes, and the titles by name.
fn details(out: &mut String, records: &[StageRecord], width: usize) {
    let listed: Vec<&StageRecord> = records
        .iter()
        .filter(|r| !r.versions.is_empty() || !r.titles.is_empty() || !r.title_disputes.is_empty())
        .collect();
    if listed.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nSources, stage by stage");
    for r in listed {
        let mut head = format!("{} ({})", clean(&r.team), years(&r.start, r.end.as_ref()));
        if r.status == Standing::Disputed {
            head.push_str(": ≠ the sources disagree");
        }
        out.push('\n');
        indented(out, &head, 0, width);
        if let Some(note) = &r.note {
            indented(out, &clean(note), 2, width);
        }
        for v in &r.versions {
            let mark = marks(r, v);
            let mark = if mark.is_empty() {
                String::new()
            } else {
                format!("{mark} ")
            };
            indented(
                out,
                &format!("{mark}{}: {}", clean(&v.text), ids(&v.sources)),
                2,
                width,
            );
            if v.adds_up == Some(false)
                && let (Some(w), Some(d), Some(l), Some(p), Some(sum)) =
                    (v.won, v.drawn, v.lost, v.played, v.sum())
            {
                indented(
                    out,
                    &format!("{w} + {d} + {l} = {sum}, not {p}: shown as given."),
                    4,
                    width,
                );
            }
            if let Some(scope) = &v.scope {
                indented(
                    out,
                    &format!("Counts {} matches only.", clean(scope)),
                    4,
                    width,
                );
            }
            if let Some(note) = &v.note {
                indented(out, &clean(note), 4, width);
            }
        }
        if !r.titles.is_empty() {
            let names: Vec<String> = r
                .titles
                .iter()
                .map(|t| format!("{} {}", clean(&t.competition), clean(&t.season)))
                .collect();
            let label = if names.len() == 1 { "Title" } else { "Titles" };
            indented(out, &format!("{label}: {}", names.join("; ")), 2, width);
        }
        for d in &r.title_disputes {
            let versions: Vec<String> = d
                .versions
                .iter()
                .map(|v| format!("{} ({})", clean(&v.value), ids(&v.sources)))
                .collect();
            indented(
                out,
                &format!("≠ How many titles: {}", versions.join("; ")),
                2,
                width,
            );
            if let Some(note) = &d.note {
                indented(out, &clean(note), 4, width);
            }
        }
    }
}

/// `text` wrapped to `width`, indented by `indent` spaces and two more after its first line.
fn indented(out: &mut String, text: &str, indent: usize, width: usize) {
    let lines = wrap(text, width.saturating_sub(indent + 2));
    for (i, line) in lines.iter().enumerate() {
        let indent = if i == 0 { indent } else { indent + 2 };
        push_line(out, &format!("{}{line}", " ".repeat(indent)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_is_drawn_to_an_eighth_of_a_cell_on_one_scale() {
        assert_eq!(bar(Some(100.0), 10), "██████████");
        assert_eq!(bar(Some(50.0), 10), "█████");
        assert_eq!(bar(Some(45.0), 10), "████▌");
        assert_eq!(bar(Some(0.0), 10), "");
        assert_eq!(bar(None, 10), "");
        assert_eq!(bar(Some(120.0), 10), "██████████");
    }

    #[test]
    fn years_are_short_and_say_when_an_end_is_missing() {
        let d = |y| PartialDate::year(y);
        assert_eq!(years(&d(2007), Some(&d(2009))), "2007–09");
        assert_eq!(years(&d(2015), Some(&d(2015))), "2015");
        assert_eq!(years(&d(1999), Some(&d(2001))), "1999–2001");
        assert_eq!(years(&d(2024), None), "2024–");
    }

    #[test]
    fn the_axis_names_both_ends() {
        assert_eq!(axis(10), "0%    100%");
        assert_eq!(axis(20), "0%       50%    100%");
    }
}
