//! A small aligned-table printer for terminals: columns measured in display cells (unicode-width),
//! and, when the table is too wide, the columns that may give way wrap or are cut with `…`.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What a column does when the table does not fit the width it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never narrower than its content (dates, ids, scores).
    Keep,
    /// Cut with `…`.
    Truncate,
    /// Wrapped at spaces onto more lines (long words are broken).
    Wrap,
    /// Wrapped like `Wrap`, but only once wrapping the `Wrap` columns is not enough (dates).
    WrapLast,
}

/// The narrowest a shrinking column gets, so it still says something.
const MIN_WIDTH: usize = 6;
/// Between two columns.
const GAP: &str = "  ";

/// A line of a table: cells, a heading that starts a group of rows, or a detail under a row.
#[derive(Debug, Clone)]
enum Row {
    Cells(Vec<String>),
    Heading(String),
    Detail(String),
}

/// Rows of cells under a header; a cell may hold `\n` to start a new line inside it.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    fits: Vec<Fit>,
    rows: Vec<Row>,
    indent: usize,
    show_header: bool,
}

impl Table {
    /// A table with these columns (header and fit), printed with a header line and a rule.
    pub fn new(columns: &[(&str, Fit)]) -> Self {
        Self {
            headers: columns.iter().map(|(h, _)| (*h).to_string()).collect(),
            fits: columns.iter().map(|(_, f)| *f).collect(),
            rows: Vec::new(),
            indent: 0,
            show_header: true,
        }
    }

    /// Prints (or not) the header line and the rule under it.
    pub fn with_header(mut self, show: bool) -> Self {
        self.show_header = show;
        self
    }

    /// Indents every line by `spaces`.
    pub fn with_indent(mut self, spaces: usize) -> Self {
        self.indent = spaces;
        self
    }

    /// Adds a row; missing cells are empty and extra cells are ignored.
    pub fn push(&mut self, mut cells: Vec<String>) {
        cells.resize(self.headers.len(), String::new());
        self.rows.push(Row::Cells(cells));
    }

    /// Adds a heading line, not aligned with the columns, that starts a group of rows.
    pub fn push_heading(&mut self, heading: String) {
        self.rows.push(Row::Heading(heading));
    }

    /// Adds a line under the last row that starts at the second column and may use the rest of
    /// the width, wrapped (for lists too long for a column, like source ids).
    pub fn push_detail(&mut self, detail: String) {
        self.rows.push(Row::Detail(detail));
    }

    /// True when no row was added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text no wider than `width` (unless the `Keep` columns alone are wider),
    /// every line ending in `\n`, with no trailing spaces.
    pub fn render(&self, width: usize) -> String {
        let widths = self.column_widths(width);
        let mut out = String::new();
        if self.show_header {
            self.render_row(&mut out, &self.headers, &widths, true);
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            self.render_line(&mut out, &rule, &widths);
        }
        for (i, row) in self.rows.iter().enumerate() {
            match row {
                Row::Cells(cells) => self.render_row(&mut out, cells, &widths, false),
                Row::Heading(heading) => {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str(&" ".repeat(self.indent));
                    out.push_str(heading);
                    out.push('\n');
                }
                Row::Detail(detail) => {
                    let start = match widths.len() {
                        0 | 1 => self.indent,
                        _ => self.indent + widths[0] + GAP.len(),
                    };
                    for line in wrap(detail, width.saturating_sub(start)) {
                        let line = format!("{}{line}", " ".repeat(start));
                        out.push_str(line.trim_end());
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    fn cells(&self) -> impl Iterator<Item = &Vec<String>> {
        self.rows.iter().filter_map(|row| match row {
            Row::Cells(cells) => Some(cells),
            Row::Heading(_) | Row::Detail(_) => None,
        })
    }

    fn column_widths(&self, width: usize) -> Vec<usize> {
        let mut widths: Vec<usize> = (0..self.headers.len())
            .map(|c| {
                let content = self
                    .cells()
                    .flat_map(|r| r[c].split('\n'))
                    .map(UnicodeWidthStr::width)
                    .max()
                    .unwrap_or(0);
                let header = if self.show_header {
                    self.headers[c].width()
                } else {
                    0
                };
                content.max(header)
            })
            .collect();
        let gaps = GAP.len() * widths.len().saturating_sub(1);
        let available = width.saturating_sub(self.indent + gaps);
        let minimum = |c: usize, natural: usize| match self.fits[c] {
            Fit::Keep => natural,
            _ => natural.min(MIN_WIDTH),
        };
        let natural = widths.clone();
        // First shrink wrapping columns no narrower than their longest word (and headers no
        // narrower than their own longest word), so that no word or id is broken; only if that
        // is not enough, go down to the hard minimum.
        let soft: Vec<usize> = (0..widths.len())
            .map(|c| {
                let hard = minimum(c, natural[c]);
                match self.fits[c] {
                    Fit::Wrap | Fit::WrapLast => {
                        let words = self
                            .cells()
                            .flat_map(|r| r[c].split(['\n', ' ']))
                            .chain(self.headers[c].split(' '))
                            .filter(|w| !is_url(w))
                            .map(UnicodeWidthStr::width)
                            .max()
                            .unwrap_or(0);
                        words.min(natural[c])
                    }
                    _ => hard,
                }
            })
            .collect();
        let hard: Vec<usize> = (0..widths.len())
            .map(|c| minimum(c, natural[c]).min(soft[c]))
            .collect();
        let kept: Vec<usize> = (0..widths.len())
            .map(|c| match self.fits[c] {
                Fit::WrapLast => natural[c],
                _ => soft[c],
            })
            .collect();
        for floor in [&kept, &soft, &hard] {
            // Take one cell at a time from the widest column that may give way: the narrow ones
            // keep their width as long as possible, which is what reads best.
            while widths.iter().sum::<usize>() > available {
                let widest = (0..widths.len())
                    .filter(|&c| widths[c] > floor[c])
                    .max_by_key(|&c| (widths[c], c));
                match widest {
                    Some(c) => widths[c] -= 1,
                    None => break,
                }
            }
        }
        widths
    }

    fn render_row(&self, out: &mut String, cells: &[String], widths: &[usize], header: bool) {
        let cell_lines: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .zip(&self.fits)
            .map(|((cell, &w), &fit)| {
                // A header wraps between its words but is never broken inside one.
                let fit = match header {
                    true if cell.split(' ').all(|word| word.width() <= w) => Fit::Wrap,
                    true => Fit::Truncate,
                    false => fit,
                };
                cell.split('\n')
                    .flat_map(|line| match fit {
                        Fit::Keep => vec![line.to_string()],
                        Fit::Truncate => vec![truncate(line, w)],
                        Fit::Wrap | Fit::WrapLast => wrap(line, w),
                    })
                    .collect()
            })
            .collect();
        let height = cell_lines.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let line: Vec<String> = cell_lines
                .iter()
                .map(|lines| lines.get(i).cloned().unwrap_or_default())
                .collect();
            self.render_line(out, &line, widths);
        }
    }

    fn render_line(&self, out: &mut String, cells: &[String], widths: &[usize]) {
        let mut line = " ".repeat(self.indent);
        for (c, (cell, &w)) in cells.iter().zip(widths).enumerate() {
            if c > 0 {
                line.push_str(GAP);
            }
            line.push_str(cell);
            line.push_str(&" ".repeat(w.saturating_sub(cell.width())));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// `text` cut to at most `width` cells, ending in `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    // By graphemes: an emoji keeps its selector and joiners, an accent its letter.
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// True for a word that is a URL: it is never broken, so it can still be copied.
fn is_url(word: &str) -> bool {
    word.contains("://")
}

/// `text` broken at spaces into lines of at most `width` cells; a word longer than a line is
/// broken where the line is full, except a URL, which stays whole on a line of its own.
/// Always at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = word.width();
        if used > 0 && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w > width && !is_url(word) {
            // Here `line` is empty: the word did not fit after what was there.
            for g in word.graphemes(true) {
                let gw = g.width();
                if used > 0 && used + gw > width {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(g);
                used += gw;
            }
            continue;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        text.lines().collect()
    }

    #[test]
    fn aligns_columns_by_display_width() {
        let mut t = Table::new(&[("Team", Fit::Keep), ("Country", Fit::Keep)]);
        t.push(vec!["São Paulo".into(), "Brazil".into()]);
        t.push(vec!["日本".into(), "Japan".into()]);
        assert_eq!(
            lines(&t.render(80)),
            [
                "Team       Country",
                "---------  -------",
                "São Paulo  Brazil",
                "日本       Japan",
            ]
        );
    }

    #[test]
    fn wraps_and_truncates_to_fit_the_width() {
        let mut t = Table::new(&[
            ("Id", Fit::Keep),
            ("Title", Fit::Truncate),
            ("Text", Fit::Wrap),
        ]);
        t.push(vec![
            "a".into(),
            "A rather long title".into(),
            "one two three four five six seven".into(),
        ]);
        let out = t.render(30);
        for line in out.lines() {
            assert!(line.width() <= 30, "{line:?} is wider than 30");
        }
        assert!(out.contains('…'), "{out}");
        assert!(
            out.contains("seven"),
            "wrapped text keeps every word: {out}"
        );
    }

    #[test]
    fn breaks_words_longer_than_a_line() {
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(truncate("Atlético Nacional", 6), "Atlét…");
        assert_eq!(truncate("日本語", 4), "日…");
    }

    #[test]
    fn keeps_lines_of_a_cell_and_has_no_trailing_spaces() {
        let mut t = Table::new(&[("Key", Fit::Keep), ("Value", Fit::Wrap)]).with_header(false);
        t.push(vec!["Title".into(), "first\nsecond".into()]);
        t.push(vec!["Id".into(), String::new()]);
        assert_eq!(
            lines(&t.render(40)),
            ["Title  first", "       second", "Id"]
        );
    }

    #[test]
    fn details_start_at_the_second_column_and_wrap() {
        let mut t = Table::new(&[("#", Fit::Keep), ("Team", Fit::Keep)]);
        t.push(vec!["1".into(), "Once Caldas".into()]);
        t.push_detail("Sources: a-source, another-source".into());
        assert_eq!(
            lines(&t.render(24)),
            [
                "#  Team",
                "-  -----------",
                "1  Once Caldas",
                "   Sources: a-source,",
                "   another-source",
            ]
        );
    }

    #[test]
    fn survives_tiny_widths() {
        let mut t = Table::new(&[("A", Fit::Wrap), ("B", Fit::Truncate)]).with_indent(4);
        t.push(vec!["some words here".into(), "more words".into()]);
        assert!(!t.render(0).is_empty());
        assert!(!t.render(1).is_empty());
    }
}
