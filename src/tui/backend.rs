//! A backend that draws graphemes terminals disagree about as one run of cells. ratatui measures
//! a flag (🇨🇴), a ZWJ sequence (👨‍👩‍👧), an emoji with a skin tone or a variation selector (❤️)
//! as two columns, as Unicode says; many terminals draw one, or one per code point. Drawn as
//! ratatui sends it, such a grapheme leaves half a glyph behind when the cell changes (the
//! terminal's cell next to it is never rewritten) or pushes the rest of the row sideways.
//!
//! So, for every grapheme of more than one code point, [`RunBackend`] first clears the cells
//! ratatui gives it (spaces, drawn with the grapheme's style), then draws it, then moves the
//! cursor explicitly to the next cell and draws again the few cells after it from what is on
//! screen: whatever width the terminal took, the cells around it hold what ratatui meant. A cell
//! that held such a grapheme and now holds something else gets the same rewrite of its
//! neighbours, which is what clears the residue.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// How many cells after a run are drawn again: a terminal that draws a ZWJ family one glyph per
/// person (three) with a joiner takes up to this many more columns than Unicode says.
const SPILL: u16 = 6;

/// A grapheme a terminal may draw at another width than ratatui measured.
fn uncertain(symbol: &str) -> bool {
    symbol.chars().nth(1).is_some()
}

/// The wrapped backend and a copy of what it was last told to draw.
#[derive(Debug)]
pub struct RunBackend<B> {
    inner: B,
    screen: Buffer,
}

impl<B: Backend> RunBackend<B> {
    /// Wraps `inner`.
    pub fn new(inner: B) -> Self {
        Self {
            inner,
            screen: Buffer::empty(Rect::ZERO),
        }
    }

    /// The wrapped backend.
    pub fn inner(&self) -> &B {
        &self.inner
    }

    fn fit_screen(&mut self, x: u16, y: u16) {
        let area = self.screen.area;
        if x >= area.width || y >= area.height {
            let width = area.width.max(x.saturating_add(1));
            let height = area.height.max(y.saturating_add(1));
            self.screen.resize(Rect::new(0, 0, width, height));
        }
    }
}

impl<B: Write> Write for RunBackend<B> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<B: Backend> Backend for RunBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        if let Ok(size) = self.inner.size()
            && size.width > 0
            && size.height > 0
        {
            self.fit_screen(size.width - 1, size.height - 1);
        }
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(updates.len());
        // Rows and columns from which cells must be drawn again from the screen copy.
        let mut again: Vec<(u16, u16)> = Vec::new();
        for (x, y, cell) in updates {
            self.fit_screen(x, y);
            let before = self.screen[(x, y)].clone();
            let width = UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            if uncertain(cell.symbol()) {
                // Clear the run first, so that a terminal drawing it narrower leaves blanks.
                let mut blank = cell.clone();
                blank.set_symbol(" ");
                for dx in 0..width {
                    out.push((x.saturating_add(dx), y, blank.clone()));
                }
                out.push((x, y, cell.clone()));
                again.push((x.saturating_add(width), y));
            } else if uncertain(before.symbol()) {
                out.push((x, y, cell.clone()));
                again.push((x.saturating_add(1), y));
            } else {
                out.push((x, y, cell.clone()));
            }
            self.screen[(x, y)] = cell;
        }
        // The cells after each run, as they are now, with the cursor moved to each: they land
        // where ratatui means them, whatever the terminal did with the run.
        let row_width = self.screen.area.width;
        for (from, y) in again {
            let mut x = from;
            while x < from.saturating_add(SPILL) && x < row_width {
                let cell = self.screen[(x, y)].clone();
                let w = UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
                // The cells a wide symbol covers are not drawn: the symbol is.
                if cell.diff_option != CellDiffOption::Skip {
                    out.push((x, y, cell));
                }
                x = x.saturating_add(w);
            }
        }
        self.inner
            .draw(out.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.screen = Buffer::empty(Rect::ZERO);
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        // What is on screen is not known any more; the next full draw says it again.
        self.screen = Buffer::empty(Rect::ZERO);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use ratatui::Terminal;
    use ratatui::text::Line;

    use super::*;

    /// A terminal that draws a grapheme code point by code point, as tmux 3.3 and many others
    /// do: a flag is two regional indicators of two columns each, a ZWJ family three people of
    /// two, a heart with a variation selector one column. Like them, it leaves the right half of
    /// a wide glyph (marked `'`) in place when only its left cell is written over. It prints
    /// where its cursor is, moving it only when told to (as crossterm does when the next cell is
    /// not the one after the last).
    struct Narrow {
        size: Size,
        cells: Vec<Vec<String>>,
        cursor: (u16, u16),
        last: Option<(u16, u16)>,
    }

    fn code_point_width(c: char) -> u16 {
        use unicode_width::UnicodeWidthChar;
        match c {
            '\u{1f1e6}'..='\u{1f1ff}' => 2,
            '\u{200d}' | '\u{fe0f}' => 0,
            c => c.width().unwrap_or(0) as u16,
        }
    }

    impl Narrow {
        fn new(width: u16, height: u16) -> Self {
            Self {
                size: Size::new(width, height),
                cells: vec![vec![" ".to_string(); usize::from(width)]; usize::from(height)],
                cursor: (0, 0),
                last: None,
            }
        }
    }

    impl Backend for Narrow {
        type Error = Infallible;

        fn draw<'a, I>(&mut self, content: I) -> Result<(), Infallible>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            for (x, y, cell) in content {
                if self.last != Some((x.wrapping_sub(1), y)) {
                    self.cursor = (x, y);
                }
                self.last = Some((x, y));
                for c in cell.symbol().chars() {
                    let (cx, cy) = self.cursor;
                    let w = code_point_width(c);
                    let row = &mut self.cells[usize::from(cy)];
                    if w == 0 {
                        // Joined to the glyph before it.
                        if let Some(prev) = row.get_mut(usize::from(cx.saturating_sub(1))) {
                            prev.push(c);
                        }
                        continue;
                    }
                    if let Some(cell) = row.get_mut(usize::from(cx)) {
                        *cell = c.to_string();
                    }
                    if w == 2
                        && let Some(cell) = row.get_mut(usize::from(cx) + 1)
                    {
                        *cell = format!("{c}'");
                    }
                    self.cursor = (cx + w, cy);
                }
            }
            Ok(())
        }
        fn hide_cursor(&mut self) -> Result<(), Infallible> {
            Ok(())
        }
        fn show_cursor(&mut self) -> Result<(), Infallible> {
            Ok(())
        }
        fn get_cursor_position(&mut self) -> Result<Position, Infallible> {
            Ok(Position::new(self.cursor.0, self.cursor.1))
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, p: P) -> Result<(), Infallible> {
            let p = p.into();
            self.cursor = (p.x, p.y);
            Ok(())
        }
        fn clear(&mut self) -> Result<(), Infallible> {
            for row in &mut self.cells {
                row.iter_mut().for_each(|c| *c = " ".to_string());
            }
            Ok(())
        }
        fn clear_region(&mut self, _: ClearType) -> Result<(), Infallible> {
            self.clear()
        }
        fn size(&self) -> Result<Size, Infallible> {
            Ok(self.size)
        }
        fn window_size(&mut self) -> Result<WindowSize, Infallible> {
            Ok(WindowSize {
                columns_rows: self.size,
                pixels: Size::new(0, 0),
            })
        }
        fn flush(&mut self) -> Result<(), Infallible> {
            Ok(())
        }
    }

    fn frames(texts: &[&str], wrapped: bool) -> Vec<String> {
        let draw = |f: &mut ratatui::Frame, text: &str| f.render_widget(Line::raw(text), f.area());
        if wrapped {
            let mut t = Terminal::new(RunBackend::new(Narrow::new(16, 1))).unwrap();
            for text in texts {
                t.draw(|f| draw(f, text)).unwrap();
            }
            t.backend().inner().cells[0].clone()
        } else {
            let mut t = Terminal::new(Narrow::new(16, 1)).unwrap();
            for text in texts {
                t.draw(|f| draw(f, text)).unwrap();
            }
            t.backend().cells[0].clone()
        }
    }

    /// The cells of a row with the grapheme ratatui put at `x` (and its run) taken out.
    fn outside(cells: &[String], runs: &[[usize; 2]]) -> String {
        cells
            .iter()
            .enumerate()
            .filter(|(i, _)| !runs.iter().any(|r| (r[0]..r[1]).contains(i)))
            .map(|(_, c)| c.as_str())
            .collect()
    }

    #[test]
    fn a_wide_flag_leaves_no_half_glyph_behind() {
        // The flag at 0 (ratatui: two columns), then "x" at 2: the terminal drew four.
        let texts = ["🇨🇴x"];
        assert_eq!(outside(&frames(&texts, true), &[[0, 2]]), "x             ");
        // Without the run backend the flag's second half stays where ratatui drew a blank.
        assert_ne!(outside(&frames(&texts, false), &[[0, 2]]), "x             ");
    }

    #[test]
    fn a_narrow_heart_leaves_nothing_of_the_frame_before() {
        // The terminal draws the heart one column wide: the column after it keeps its old text
        // unless the run is cleared first.
        let texts = ["abcdef", "❤\u{fe0f}cdef"];
        assert_eq!(outside(&frames(&texts, true), &[[0, 2]]), "cdef          ");
        assert_eq!(frames(&texts, true)[1], " ");
    }

    #[test]
    fn a_family_drawn_six_wide_is_covered_by_what_follows() {
        let texts = ["👨\u{200d}👩\u{200d}👧 ok", "👨\u{200d}👩\u{200d}👧 ok"];
        assert_eq!(outside(&frames(&texts, true), &[[0, 2]]), " ok           ");
        assert_ne!(outside(&frames(&texts, false), &[[0, 2]]), " ok           ");
    }

    #[test]
    fn the_cells_after_an_emoji_land_where_they_belong() {
        let text = "a🇨🇴b 👨\u{200d}👩\u{200d}👧 c";
        let cells = frames(&[text], true);
        // a at 0, the flag at 1 (two columns), b at 3, the family at 5 (two), c at 8.
        assert_eq!(cells[0], "a");
        assert_eq!(cells[3], "b");
        assert_eq!(cells[8], "c");
        assert_eq!(outside(&cells, &[[1, 3], [5, 7]]), "ab  c       ");
    }
}
