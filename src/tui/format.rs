//! Turning data strings into cells: every string from the dossier goes through
//! [`crate::text::sanitize`] here, and columns are cut and padded by display width (graphemes),
//! so accents, combining marks, Arabic and emoji keep the columns aligned.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::{Exit, OfferOutcome, PartialDate, Stage, TeamKind};
use crate::text::{escaped, marked};

/// The display width of a string, as the terminal will draw it.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// One raw character as it may be shown on one line: an escape for a refused one (`refused`, as
/// [`crate::text::marked`] says in its context), a space for line breaks (a row is one line),
/// four spaces for a tab.
fn shown(c: char, refused: bool, out: &mut String) {
    if c == '\n' || c == '\r' {
        out.push(' ');
    } else if refused {
        out.push_str(&escaped(c));
    } else if c == '\t' {
        out.push_str("    ");
    } else {
        out.push(c);
    }
}

/// Spans for `text` where the characters at `positions` (char indices into the raw `text`, as
/// fuzzy-matcher gives them; sorted) are drawn with `hl`. The text is sanitised and made one line;
/// with `max`, it is cut to that many columns (an ellipsis marks the cut) and, with `pad`, filled
/// with spaces to exactly `max` columns.
pub fn highlighted(
    text: &str,
    positions: &[usize],
    max: Option<usize>,
    pad: bool,
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    // First the safe one-line text, with a flag per byte range saying whether it is highlighted.
    let mut safe = String::with_capacity(text.len());
    let mut marks: Vec<(usize, bool)> = Vec::new(); // (byte offset where a run starts, highlighted)
    let mut next = positions.iter().peekable();
    for (i, (_, c, refused)) in marked(text).enumerate() {
        while next.peek().is_some_and(|&&p| p < i) {
            next.next();
        }
        let on = next.peek().is_some_and(|&&p| p == i);
        if marks.last().is_none_or(|&(_, was)| was != on) {
            marks.push((safe.len(), on));
        }
        shown(c, refused, &mut safe);
    }
    let highlighted_at = |byte: usize| -> bool {
        let run = marks.partition_point(|&(start, _)| start <= byte);
        run > 0 && marks[run - 1].1
    };

    let limit = max.unwrap_or(usize::MAX);
    let total = if max.is_some() { width(&safe) } else { 0 };
    // Leave a column for the ellipsis when the text does not fit.
    let budget = if total > limit {
        limit.saturating_sub(1)
    } else {
        limit
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_on = false;
    let mut used = 0usize;
    for (offset, g) in safe.grapheme_indices(true) {
        let w = UnicodeWidthStr::width(g);
        if used + w > budget {
            break;
        }
        let on = highlighted_at(offset);
        if on != run_on && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_on { hl } else { base },
            ));
        }
        run_on = on;
        run.push_str(g);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_on { hl } else { base }));
    }
    if total > limit && limit > 0 {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    if pad && max.is_some() && used < limit {
        spans.push(Span::styled(" ".repeat(limit - used), base));
    }
    spans
}

/// A line of already safe spans cut to `max` columns, with an ellipsis where it was cut; each
/// span keeps its style.
pub fn ellipsize(line: Line<'static>, max: usize) -> Line<'static> {
    let total: usize = line.spans.iter().map(|s| width(&s.content)).sum();
    if total <= max {
        return line;
    }
    let mut spans = Vec::with_capacity(line.spans.len());
    let mut used = 0;
    for span in line.spans {
        let mut kept = String::new();
        for g in span.content.graphemes(true) {
            let w = UnicodeWidthStr::width(g);
            // Leave the last column for the ellipsis.
            if used + w >= max {
                spans.push(Span::styled(kept, span.style));
                if max > 0 {
                    spans.push(Span::styled("…", span.style));
                }
                return Line::from(spans).style(line.style);
            }
            used += w;
            kept.push_str(g);
        }
        spans.push(Span::styled(kept, span.style));
    }
    Line::from(spans).style(line.style)
}

/// Already safe spans in lines of at most `width` columns, broken at spaces: the first line
/// starts `lead` columns in, the lines after it `hang` columns in, so a wrapped line goes on under
/// its own text. Runs of spaces become one; a word wider than a line is cut where it ends.
pub fn wrap_spans(
    spans: &[Span<'static>],
    lead: usize,
    hang: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut line = vec![Span::raw(" ".repeat(lead))];
    let mut used = lead;
    let mut empty = true;
    for span in spans {
        for word in span.content.split(' ').filter(|w| !w.is_empty()) {
            let w = self::width(word);
            if !empty && used + 1 + w > width {
                lines.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(hang)));
                (used, empty) = (hang, true);
            }
            if !empty {
                line.push(Span::raw(" "));
                used += 1;
            }
            let mut rest = word;
            while used + self::width(rest) > width && used < width {
                let (head, tail) = split_at_width(rest, width - used);
                if head.is_empty() {
                    break;
                }
                line.push(Span::styled(head.to_string(), span.style));
                lines.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(hang)));
                used = hang;
                rest = tail;
            }
            used += self::width(rest);
            line.push(Span::styled(rest.to_string(), span.style));
            empty = false;
        }
    }
    lines.push(Line::from(line));
    lines
}

/// `text` cut after `width` columns (never inside a grapheme).
pub fn split_at_width(text: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, g) in text.grapheme_indices(true) {
        let w = UnicodeWidthStr::width(g);
        if used + w > width {
            return text.split_at(i);
        }
        used += w;
    }
    (text, "")
}

/// The text sanitised, made one line, cut to `max` columns and padded to exactly `max`.
pub fn fit(text: &str, max: usize) -> String {
    join(highlighted(
        text,
        &[],
        Some(max),
        true,
        Style::new(),
        Style::new(),
    ))
}

/// The text sanitised, made one line and cut to `max` columns (not padded).
pub fn clip(text: &str, max: usize) -> String {
    join(highlighted(
        text,
        &[],
        Some(max),
        false,
        Style::new(),
        Style::new(),
    ))
}

/// The text sanitised, made one line, not cut.
pub fn safe(text: &str) -> String {
    join(highlighted(
        text,
        &[],
        None,
        false,
        Style::new(),
        Style::new(),
    ))
}

fn join(spans: Vec<Span<'static>>) -> String {
    spans.into_iter().map(|s| s.content.into_owned()).collect()
}

/// Lines for a text that may hold line breaks (for wrapped detail areas), with the characters at
/// `positions` (char indices into the raw text) highlighted.
pub fn highlighted_lines(
    text: &str,
    positions: &[usize],
    base: Style,
    hl: Style,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut first_char = 0usize;
    for part in text.split('\n') {
        let count = part.chars().count();
        let local: Vec<usize> = positions
            .iter()
            .filter(|&&p| p >= first_char && p < first_char + count)
            .map(|&p| p - first_char)
            .collect();
        lines.push(Line::from(highlighted(part, &local, None, false, base, hl)));
        first_char += count + 1;
    }
    lines
}

/// A count and its noun, singular for one (`1 stage`, `0 quotes`, `12,000 quotes`).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A count with thousands separated by commas (`100,000`), as the status bar shows counts.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A date as the source gives it, or a dash.
pub fn date(date: Option<&PartialDate>) -> String {
    date.map_or_else(|| "—".to_string(), PartialDate::to_string)
}

/// A stage's years, compact: `2010–11`, `2015`, `2021–` while it goes on.
pub fn stage_years(stage: &Stage) -> String {
    let start = stage.start.year;
    match (stage.end, stage.exit) {
        (Some(end), _) if end.year == start => format!("{start}"),
        (Some(end), _) if end.year / 100 == start / 100 => {
            format!("{start}–{:02}", end.year % 100)
        }
        (Some(end), _) => format!("{start}–{}", end.year),
        (None, _) => format!("{start}–"),
    }
}

/// A stage's dates in full: `2010-06 → 2011-12`.
pub fn stage_span(stage: &Stage) -> String {
    match stage.end {
        Some(end) => format!("{} → {end}", stage.start),
        None if stage.exit == Some(Exit::Ongoing) => format!("{} → today", stage.start),
        None => format!("{} → ?", stage.start),
    }
}

/// A team kind in a few letters.
pub fn kind(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::Club => "club",
        TeamKind::NationalTeam => "national team",
    }
}

/// How a stage ended, in words.
pub fn exit(exit: Option<Exit>) -> &'static str {
    match exit {
        Some(Exit::Left) => "left",
        Some(Exit::Resigned) => "resigned",
        Some(Exit::Dismissed) => "dismissed",
        Some(Exit::MutualAgreement) => "mutual agreement",
        Some(Exit::NotRenewed) => "not renewed",
        Some(Exit::Ongoing) => "ongoing",
        None => "end unknown",
    }
}

/// How an offer ended, in words.
pub fn outcome(outcome: OfferOutcome) -> &'static str {
    match outcome {
        OfferOutcome::Declined => "declined",
        OfferOutcome::Withdrawn => "withdrawn",
        OfferOutcome::NotTaken => "not taken",
        OfferOutcome::Rumour => "rumour only",
        OfferOutcome::Accepted => "accepted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("Atlético", 10), "Atlético  ");
        assert_eq!(width(&fit("Atlético Nacional", 10)), 10);
        assert_eq!(fit("Atlético Nacional", 10), "Atlético …");
        // A combining accent takes no column; an emoji takes two.
        assert_eq!(width(&fit("Jose\u{301} Pérez", 12)), 12);
        assert_eq!(width(&fit("Gracias 💚⚽ Medellín", 11)), 11);
        assert_eq!(width(&fit("نحن سعداء", 12)), 12);
    }

    #[test]
    fn escapes_reach_the_screen_instead_of_control_characters() {
        let shown = fit("a\u{1b}[2Jb\u{202e}c\nd", 40);
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'));
        assert!(shown.starts_with("a\\u{1b}[2Jb\\u{202e}c d"));
    }

    #[test]
    fn highlights_the_matched_characters_by_char_index() {
        let hl = Style::new().add_modifier(Modifier::BOLD);
        let spans = highlighted("Fútbol", &[1, 2], None, false, Style::new(), hl);
        assert_eq!(text(&spans), "Fútbol");
        assert_eq!(spans[1].content, "út");
        assert_eq!(spans[1].style, hl);
        assert_eq!(spans[0].style, Style::new());
    }

    #[test]
    fn highlight_positions_survive_line_breaks() {
        let hl = Style::new().add_modifier(Modifier::BOLD);
        let lines = highlighted_lines("ab\ncd", &[3], Style::new(), hl);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].spans[0].content, "c");
        assert_eq!(lines[1].spans[0].style, hl);
    }

    #[test]
    fn counts_say_one_thing_and_many_things() {
        assert_eq!(count(1, "stage", "stages"), "1 stage");
        assert_eq!(count(0, "stage", "stages"), "0 stages");
        assert_eq!(count(2, "match", "matches"), "2 matches");
        assert_eq!(count(12_000, "quote", "quotes"), "12,000 quotes");
    }

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn zero_width_never_panics() {
        assert_eq!(fit("abc", 0), "");
        assert_eq!(clip("abc", 1), "…");
        assert_eq!(fit("", 3), "   ");
    }

    fn line_text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_line_too_long_ends_in_an_ellipsis_and_keeps_its_styles() {
        let hl = Style::new().bold();
        let line = Line::from(vec![Span::raw("born "), Span::styled("Risaralda", hl)]);
        let cut = ellipsize(line.clone(), 10);
        assert_eq!(line_text(&cut), "born Risa…");
        assert_eq!(cut.spans.last().map(|s| s.style), Some(hl));
        assert_eq!(line_text(&ellipsize(line.clone(), 14)), "born Risaralda");
        assert_eq!(line_text(&ellipsize(line, 0)), "");
    }

    #[test]
    fn wrapped_lines_go_on_under_their_own_text() {
        let spans = [Span::raw("•"), Span::raw("one two three four")];
        let lines: Vec<String> = wrap_spans(&spans, 2, 4, 12).iter().map(line_text).collect();
        assert_eq!(lines, ["  • one two", "    three", "    four"]);
        // A word wider than the line is cut where the line ends.
        let lines: Vec<String> = wrap_spans(&[Span::raw("abcdefghij")], 0, 2, 6)
            .iter()
            .map(line_text)
            .collect();
        assert_eq!(lines, ["abcdef", "  ghij"]);
        assert!(lines.iter().all(|l| width(l) <= 6));
    }
}
