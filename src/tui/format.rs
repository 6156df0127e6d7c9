//! Turning data strings into cells: every string from the dossier goes through
//! [`crate::text::sanitize`] here, and columns are cut and padded by display width (graphemes),
//! so accents, combining marks, Arabic and emoji keep the columns aligned.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::{Dossier, Exit, Leg, OfferOutcome, PartialDate, Stage, TeamKind};
use crate::text::{Marked, escaped, marked, sanitize};

/// The display width of a string, as the terminal will draw it.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// A marker for disputed facts, shown wherever a record has some.
pub const DISPUTED: &str = "≠";

/// A grapheme as it may be shown on one line: escapes for unsafe characters, a space for a line
/// break (a row is one line), four spaces for a tab. Judged on its own: a joiner at its end (the
/// Persian non-joiner before the next letter) is escaped, which can only make a width too large.
fn shown(g: &str) -> Cow<'_, str> {
    if g == "\n" || g == "\r" || g == "\r\n" {
        return Cow::Borrowed(" ");
    }
    sanitize(g)
}

/// [`shown`], with each character judged where it stands in the whole text: `marks` is
/// [`marked`] over that text, in step with its graphemes (this takes as many as `g` has chars).
fn shown_in<'a>(g: &'a str, marks: &mut Marked<'_>) -> Cow<'a, str> {
    let at = marks.clone();
    let refused = g
        .chars()
        .fold(false, |any, _| any | marks.next().is_some_and(|m| m.2));
    if g == "\n" || g == "\r" || g == "\r\n" {
        return Cow::Borrowed(" ");
    }
    if !refused {
        return if g.contains('\t') {
            Cow::Owned(g.replace('\t', "    "))
        } else {
            Cow::Borrowed(g)
        };
    }
    let mut out = String::new();
    for ((_, c, refused), _) in at.zip(g.chars()) {
        match c {
            _ if refused => out.push_str(&escaped(c)),
            '\t' => out.push_str("    "),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Spans for `text` where the characters at `positions` (char indices into the raw `text`, as
/// fuzzy-matcher gives them; sorted) are drawn with `hl`. The text is sanitised and made one line;
/// with `max`, it is cut to that many columns (an ellipsis marks the cut) and, with `pad`, filled
/// with spaces to exactly `max` columns. Only as much of `text` is read as fits in `max`: a row
/// costs its width, whatever the length of the text.
pub fn highlighted(
    text: &str,
    positions: &[usize],
    max: Option<usize>,
    pad: bool,
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    let limit = max.unwrap_or(usize::MAX);
    // (shown text, width, highlighted) for each grapheme taken, until one more would not fit.
    let mut taken: Vec<(Cow<'_, str>, usize, bool)> = Vec::new();
    let mut used = 0usize;
    let mut cut = false;
    let mut next = positions.iter().peekable();
    let mut char_index = 0usize;
    let mut marks = marked(text);
    for g in text.graphemes(true) {
        while next.peek().is_some_and(|&&p| p < char_index) {
            next.next();
        }
        let on = next
            .peek()
            .is_some_and(|&&p| p < char_index + g.chars().count());
        char_index += g.chars().count();
        let s = shown_in(g, &mut marks);
        let w = UnicodeWidthStr::width(s.as_ref());
        if used + w > limit {
            cut = true;
            break;
        }
        used += w;
        taken.push((s, w, on));
    }
    if cut {
        // Leave a column for the ellipsis.
        while used + 1 > limit && !taken.is_empty() {
            if let Some((_, w, _)) = taken.pop() {
                used -= w;
            }
        }
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_on = false;
    for (s, _, on) in taken {
        if on != run_on && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_on { hl } else { base },
            ));
        }
        run_on = on;
        run.push_str(&s);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_on { hl } else { base }));
    }
    if cut && limit > 0 {
        spans.push(Span::styled("…", base));
        used += 1;
    }
    if pad && max.is_some() && used < limit {
        spans.push(Span::styled(" ".repeat(limit - used), base));
    }
    spans
}

/// Spans for the part of `text` around its first highlighted character, cut to `max` columns:
/// where a match lies past what a column shows (`José Ernesto M…` matched on its last name), the
/// column starts shortly before it, after an ellipsis, so the match is seen in its row.
pub fn around_match(
    text: &str,
    positions: &[usize],
    max: usize,
    pad: bool,
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    let Some(&first) = positions.first() else {
        return highlighted(text, positions, Some(max), pad, base, hl);
    };
    // Where the first match starts, in columns; only the text before it is measured.
    let mut before = 0usize;
    let mut start_byte = 0usize;
    let mut starts: Vec<(usize, usize, usize)> = Vec::new(); // (byte, char, column) per grapheme
    let mut chars = 0usize;
    for (i, g) in text.grapheme_indices(true) {
        if chars > first {
            break;
        }
        starts.push((i, chars, before));
        before += UnicodeWidthStr::width(shown(g).as_ref());
        chars += g.chars().count();
    }
    let match_column = starts.last().map_or(0, |s| s.2);
    // The match fits where the text starts: nothing to move.
    if match_column + 4 <= max {
        return highlighted(text, positions, Some(max), pad, base, hl);
    }
    // Start a few columns before the match, so that its word reads whole where it can: as many
    // as leave room for the matched run and the ellipses around it.
    let run = positions.last().map_or(1, |&last| last + 1 - first);
    let lead = (max / 4).min(8).min(max.saturating_sub(run + 2));
    let wanted = match_column.saturating_sub(lead);
    let mut start_char = 0usize;
    for &(byte, ch, col) in &starts {
        if col >= wanted {
            start_byte = byte;
            start_char = ch;
            break;
        }
    }
    let shifted: Vec<usize> = positions
        .iter()
        .filter(|&&p| p >= start_char)
        .map(|&p| p - start_char)
        .collect();
    let mut spans = vec![Span::styled("…", base)];
    spans.extend(highlighted(
        &text[start_byte..],
        &shifted,
        Some(max.saturating_sub(1)),
        pad,
        base,
        hl,
    ));
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

/// One row of a wrapped text: the bytes of the raw text it shows, and the char index it starts
/// at (search positions are char indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// First byte.
    pub start: usize,
    /// One past the last byte shown (spaces at a break and line breaks are not shown).
    pub end: usize,
    /// The char index of `start`.
    pub first_char: usize,
}

/// The columns a grapheme takes as it is shown.
fn shown_width(g: &str) -> usize {
    UnicodeWidthStr::width(shown(g).as_ref())
}

/// A char after which no other starts a new grapheme in every case (UAX #29 GB6, GB9b, GB11,
/// GB12-13, GB3).
fn joins_next(c: char) -> bool {
    matches!(c,
        '\r' | '\u{200d}'
        | '\u{1100}'..='\u{115f}' | '\u{a960}'..='\u{a97f}'
        | '\u{600}'..='\u{605}' | '\u{6dd}' | '\u{70f}' | '\u{890}'..='\u{891}' | '\u{8e2}'
        | '\u{d4e}' | '\u{110bd}' | '\u{110cd}' | '\u{111c2}'..='\u{111c3}'
        | '\u{1193f}' | '\u{11941}' | '\u{11a3a}' | '\u{11a84}'..='\u{11a89}' | '\u{11d46}'
        | '\u{1f1e6}'..='\u{1f1ff}')
}

/// Letters of the common scripts: none of them extends or joins the char before it (none is a
/// combining mark, a joiner, a variation selector, an emoji modifier or a Hangul vowel or
/// trailing jamo).
fn plain_letter(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{7f}'
        | '\u{a0}'..='\u{2ff}'
        | '\u{370}'..='\u{482}' | '\u{48a}'..='\u{52f}'
        | '\u{5d0}'..='\u{5ea}'
        | '\u{621}'..='\u{64a}'
        | '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}')
}

/// The row of `text` that starts at byte `start` (char `first_char`) in `room` columns, broken
/// after the last space that fits, or inside a word longer than the row; and where the next row
/// starts (byte, char), or None at the end of the text. Printable ASCII is measured a byte at a
/// time; anything else a grapheme at a time, as shown (escapes included).
pub fn next_row(
    text: &str,
    start: usize,
    first_char: usize,
    room: usize,
) -> (Row, Option<(usize, usize)>) {
    let bytes = text.as_bytes();
    let room = room.max(1);
    let mut i = start;
    let mut chars = first_char;
    let mut used = 0usize;
    // The last place a row can end: (end of the word before a space, where the next row starts).
    let mut brk: Option<(usize, (usize, usize))> = None;
    let row = |end: usize| Row {
        start,
        end,
        first_char,
    };
    while i < bytes.len() {
        let b = bytes[i];
        // A char followed by a plain letter (or nothing) is a grapheme of its own, unless it is
        // one of the few that join what follows (UAX #29: a Hangul leading jamo, a prepended
        // mark, a regional indicator, a zero-width joiner, CR): no segmenter needed.
        let lone_latin = || {
            let c = text[i..].chars().next()?;
            let after = i + c.len_utf8();
            let next = text[after..].chars().next();
            (!joins_next(c) && next.is_none_or(plain_letter)).then_some(after)
        };
        let (len, n_chars, w, space, newline) =
            if (0x20..0x7f).contains(&b) && bytes.get(i + 1).is_none_or(|&n| n < 0x80) {
                (1, 1, 1, b == b' ', false)
            } else if b >= 0x80
                && let Some(after) = lone_latin()
            {
                (after - i, 1, shown_width(&text[i..after]), false, false)
            } else {
                let g = text[i..].graphemes(true).next().unwrap_or("");
                let newline = g == "\n" || g == "\r\n" || g == "\r";
                (
                    g.len().max(1),
                    g.chars().count(),
                    shown_width(g),
                    false,
                    newline,
                )
            };
        if newline {
            return (row(i), Some((i + len, chars + n_chars)));
        }
        if space {
            // A row may end before this space; the next one starts after the spaces.
            let mut j = i;
            let mut c = chars;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
                c += 1;
            }
            if used + (j - i) > room || j >= bytes.len() {
                return (row(i), (j < bytes.len()).then_some((j, c)));
            }
            brk = Some((i, (j, c)));
            used += j - i;
            i = j;
            chars = c;
            continue;
        }
        if used + w > room {
            if let Some((end, next)) = brk {
                return (row(end), Some(next));
            }
            // One word longer than the row: cut it (but always show one grapheme).
            if i == start {
                let next = i + len;
                return (
                    row(next),
                    (next < bytes.len()).then_some((next, chars + n_chars)),
                );
            }
            return (row(i), Some((i, chars)));
        }
        used += w;
        i += len;
        chars += n_chars;
    }
    (row(bytes.len()), None)
}

/// Wrapped rows of long texts kept from frame to frame, so that scrolling deep into a long text
/// costs the rows shown, not the rows above them. Keyed by what the text is (the dossier's
/// revision, the record, the paragraph) and the width; only texts longer than
/// [`RowCache::MIN_LEN`] are kept, and only the latest few.
#[derive(Debug, Default)]
pub struct RowCache {
    entries: std::cell::RefCell<Vec<(RowKey, Rows)>>,
}

/// What a cached text is: any value that names it for as long as it does not change.
pub type RowKey = (u64, u64, usize, usize);

/// The rows of one text worked out so far.
#[derive(Debug, Clone, Default)]
struct Rows {
    rows: Vec<Row>,
    /// Where the next row starts, or None when every row is known.
    next: Option<(usize, usize)>,
}

impl RowCache {
    /// Texts shorter than this are wrapped afresh each frame: it costs less than keeping them.
    pub const MIN_LEN: usize = 64 * 1024;
    /// How many texts are kept.
    const KEEP: usize = 4;

    /// Calls `f` with the rows of `text` at `width` (the first `hang` columns of each row but the
    /// first are an indent), worked out at least to row `upto` (all of them with `usize::MAX`),
    /// and whether that is all of them.
    pub fn with_rows<R>(
        &self,
        key: Option<RowKey>,
        text: &str,
        (first_room, room): (usize, usize),
        upto: usize,
        f: impl FnOnce(&[Row], bool) -> R,
    ) -> R {
        let mut fresh = Rows {
            rows: Vec::new(),
            next: Some((0, 0)),
        };
        let key = key.filter(|_| text.len() >= Self::MIN_LEN);
        let mut entries = self.entries.borrow_mut();
        let slot = match key.and_then(|k| entries.iter().position(|(e, _)| *e == k)) {
            Some(i) => &mut entries[i].1,
            None if key.is_some() => {
                if entries.len() >= Self::KEEP {
                    entries.remove(0);
                }
                entries.push((key.unwrap_or_default(), fresh.clone()));
                let last = entries.len() - 1;
                &mut entries[last].1
            }
            None => &mut fresh,
        };
        while slot.rows.len() <= upto
            && let Some((start, first_char)) = slot.next
        {
            let width = if slot.rows.is_empty() {
                first_room
            } else {
                room
            };
            let (row, next) = next_row(text, start, first_char, width);
            slot.rows.push(row);
            slot.next = next;
        }
        f(&slot.rows, slot.next.is_none())
    }
}

/// A paragraph for a wrapped area: a short lead (a label, already safe) and a long raw text
/// after it; rows after the first start `hang` columns in.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    /// Spans before the text on the first row (already safe; not wrapped).
    pub lead: Vec<Span<'static>>,
    /// Spans after the text on its last row (already safe; every row keeps room for them).
    pub trail: Vec<Span<'static>>,
    /// The text, raw: it is sanitised as it is drawn.
    pub text: Cow<'a, str>,
    /// The text's style.
    pub style: Style,
    /// Char indices of `text` to highlight, sorted.
    pub positions: &'a [usize],
    /// The highlight.
    pub hl: Style,
    /// Columns of indent on the rows after the first.
    pub hang: usize,
    /// Names the text for the row cache, when it may be long.
    pub key: Option<RowKey>,
}

impl<'a> Para<'a> {
    /// A paragraph of plain text.
    pub fn new(text: &'a str, style: Style) -> Self {
        Self::of(Cow::Borrowed(text), style)
    }

    /// A paragraph of text made for it.
    pub fn owned(text: String, style: Style) -> Self {
        Self::of(Cow::Owned(text), style)
    }

    fn of(text: Cow<'a, str>, style: Style) -> Self {
        Self {
            lead: Vec::new(),
            trail: Vec::new(),
            text,
            style,
            positions: &[],
            hl: style,
            hang: 0,
            key: None,
        }
    }

    /// The same paragraph after a label.
    pub fn lead(mut self, lead: Vec<Span<'static>>) -> Self {
        self.lead = lead;
        self
    }

    /// The same paragraph with a closing mark after its text (a closing quotation mark).
    pub fn trail(mut self, trail: Vec<Span<'static>>) -> Self {
        self.trail = trail;
        self
    }

    /// The same paragraph with rows after the first indented.
    pub fn hang(mut self, hang: usize) -> Self {
        self.hang = hang;
        self
    }

    /// The same paragraph with these characters highlighted.
    pub fn highlight(mut self, positions: &'a [usize], hl: Style) -> Self {
        self.positions = positions;
        self.hl = hl;
        self
    }

    /// The same paragraph, cached under `key` when it is long.
    pub fn key(mut self, key: RowKey) -> Self {
        self.key = Some(key);
        self
    }

    fn rooms(&self, width: usize) -> (usize, usize) {
        let lead: usize = self.lead.iter().map(|s| self::width(&s.content)).sum();
        let trail: usize = self.trail.iter().map(|s| self::width(&s.content)).sum();
        let width = width.saturating_sub(trail);
        (
            width.saturating_sub(lead).max(1),
            width.saturating_sub(self.hang).max(1),
        )
    }

    /// The row `index` of the paragraph at `width`, drawn; None past its end.
    fn line(&self, row: &Row, index: usize) -> Line<'static> {
        let mut spans = if index == 0 {
            self.lead.clone()
        } else {
            vec![Span::raw(" ".repeat(self.hang))]
        };
        let local: Vec<usize> = self
            .positions
            .iter()
            .filter(|&&p| p >= row.first_char)
            .map(|&p| p - row.first_char)
            .collect();
        spans.extend(highlighted(
            &self.text[row.start..row.end],
            &local,
            None,
            false,
            self.style,
            self.hl,
        ));
        if row.end == self.text.len() {
            spans.extend(self.trail.iter().cloned());
        }
        Line::from(spans)
    }
}

/// Paragraphs wrapped at `width`, from row `skip` on, at most `take` rows; and the rows they hold
/// in all: exact, or an estimate (`false`) when a long text was not wrapped to its end. Only the
/// rows up to `skip + take` are worked out (and the rest of a text that is not long).
pub fn wrapped(
    paras: &[Para<'_>],
    cache: &RowCache,
    width: usize,
    skip: usize,
    take: usize,
) -> (Vec<Line<'static>>, usize, bool) {
    let mut lines = Vec::new();
    let mut row = 0usize; // rows before the current paragraph
    let mut exact = true;
    let want = skip.saturating_add(take);
    for para in paras {
        let rooms = para.rooms(width);
        // Long texts are wrapped as far as needed; short ones whole (to count them).
        let upto = if para.text.len() >= RowCache::MIN_LEN {
            want.saturating_sub(row)
        } else {
            usize::MAX
        };
        // The rows depend on the width: it is part of what names them.
        let key = para.key.map(|(a, b, c, _)| (a, b, c, width));
        let (count, done) = cache.with_rows(key, &para.text, rooms, upto, |rows, done| {
            for (i, r) in rows.iter().enumerate() {
                let at = row + i;
                if at >= skip && at < want {
                    lines.push(para.line(r, i));
                }
            }
            let count = if done {
                rows.len()
            } else {
                // Rows known, plus the rest of the text at the pace of the rows so far.
                let known = rows.last().map_or(0, |r| r.end).max(1);
                let rest = para.text.len().saturating_sub(known);
                rows.len() + rest.div_ceil(known.div_ceil(rows.len().max(1)).max(1))
            };
            (count, done)
        });
        exact &= done;
        row += count;
    }
    (lines, row, exact)
}

/// A leg of a final, raw: `2014-12-10 River Plate 2-0 Atlético Nacional (penalties 4-3), Monumental, Buenos Aires`.
pub fn leg(leg: &Leg) -> String {
    let mut text = format!(
        "{} {} {} {}",
        date(leg.date.as_ref()),
        leg.home,
        leg.score,
        leg.away
    );
    if let Some(p) = &leg.penalties {
        text.push_str(&format!(" (penalties {p})"));
    }
    for place in [&leg.venue, &leg.city].into_iter().flatten() {
        text.push_str(&format!(", {place}"));
    }
    text
}

/// A source cited by a version of a disputed fact, raw: `Publisher: Title (2023-07-08)`.
pub fn cited_source(d: &Dossier, id: &str) -> String {
    match d.source(id) {
        Some(s) => format!("{}: {} ({})", s.publisher, s.title, date(s.date.as_ref())),
        None => format!("unknown source id `{id}`"),
    }
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
    fn a_joiner_is_judged_by_what_follows_it_in_the_whole_text() {
        // Persian "I want": the non-joiner ends one grapheme and needs the next letter to be
        // allowed; a lone one is escaped, as the loader would refuse it.
        let persian = "می\u{200c}خواهم";
        let shown = text(&highlighted(
            persian,
            &[],
            None,
            false,
            Style::new(),
            Style::new(),
        ));
        assert_eq!(shown, persian);
        let lone = text(&highlighted(
            "a\u{200c} b",
            &[],
            None,
            false,
            Style::new(),
            Style::new(),
        ));
        assert_eq!(lone, "a\\u{200c} b");
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
    fn rows_break_only_between_graphemes_and_fit_their_room() {
        let texts = [
            "Aprendí el fútbol en Inglaterra; la rotación viene de allá.",
            "Jose\u{301} Pe\u{301}rez, Jose\u{301}\u{301}\u{301}",
            "نحن سعداء بالتعاقد مع المدرب أربيلاز، وَنَنتظِرُ",
            "⚽🇨🇴 familia 👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} 🇨🇴🇨🇴🇨🇴🇨🇴🇨🇴",
            "\u{1100}\u{1161}\u{11a8}\u{ac00}\u{11a8} 한국어 日本語のテキスト",
            "a\u{1b}[2J\u{202e}b\r\nline two\nthree\ttab",
            "averyveryverylongwordwithoutanyspaceatallthatmustbecut",
        ];
        for text in texts {
            let boundaries: Vec<usize> = text
                .grapheme_indices(true)
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for room in [1, 3, 7, 12, 40] {
                let mut at = Some((0, 0));
                let mut rows = 0;
                while let Some((start, first_char)) = at {
                    let (row, next) = next_row(text, start, first_char, room);
                    for b in [row.start, row.end] {
                        assert!(boundaries.contains(&b), "{text:?} at {room}: {b}");
                    }
                    assert_eq!(row.first_char, text[..row.start].chars().count());
                    let shown = safe(&text[row.start..row.end]);
                    assert!(
                        width(&shown) <= room
                            || row.end
                                == boundaries
                                    [boundaries.iter().position(|&b| b == row.start).unwrap() + 1],
                        "{text:?} at {room}: {shown:?} is wider"
                    );
                    at = next;
                    rows += 1;
                    assert!(rows < 10_000, "no progress");
                }
            }
        }
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
