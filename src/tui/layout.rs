//! What a frame used, as plain data: drawing returns a [`Layout`], and the event loop hands it to
//! the app as [`Action::Layout`](super::action::Action::Layout) before the next event becomes an
//! action (as television feeds its `Layout` back as `UiState`, and jless receives its viewport as
//! an action). Mouse hits, page sizes and scroll limits are read from it, so the app state never
//! calls drawing code to find out where things are.

use ratatui::layout::{Position, Rect};

use super::state::Pane;

/// Where one pane was drawn and what its list showed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneLayout {
    /// The pane's box, border included (empty when zoomed away or too small).
    pub area: Rect,
    /// The selectable list inside it.
    pub list: Rect,
    /// The first row the list showed.
    pub offset: usize,
}

/// Something on screen that a click acts on, besides rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An offer's tab: show that offer.
    Offer(usize),
    /// The `◂` before the tabs.
    PrevOffer,
    /// The `▸` after the tabs.
    NextOffer,
}

/// Where an overlay (or the record view) was drawn, and how much it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OverlayLayout {
    /// The overlay's box, border included.
    pub area: Rect,
    /// The lines (or entries) it holds in all, at this width.
    pub lines: usize,
    /// The lines (or entries) shown at once.
    pub page: usize,
    /// The first line (or entry) shown.
    pub scroll: usize,
}

/// Everything a frame used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The terminal size it was drawn at.
    pub size: (u16, u16),
    /// The screen was too small for the panes.
    pub too_small: bool,
    /// Each pane, in [`Pane::ALL`] order.
    pub panes: [PaneLayout; 4],
    /// The errors panel's box (empty when there is none).
    pub errors: Rect,
    /// The errors panel's rows in all, wrapped at its width, and how many it shows at once.
    pub errors_rows: (usize, usize),
    /// The overlay or record view on top, when one is open.
    pub overlay: Option<OverlayLayout>,
    /// Click targets other than rows (the offer tabs).
    pub targets: Vec<(Rect, Target)>,
}

impl Layout {
    /// The pane whose box holds a screen cell.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|p| self.panes[p.index()].area.contains(Position::new(x, y)))
    }

    /// The row of a pane's list under a screen cell, counted from the list's first row.
    pub fn row_at(&self, pane: Pane, x: u16, y: u16) -> Option<usize> {
        let p = &self.panes[pane.index()];
        p.list
            .contains(Position::new(x, y))
            .then(|| p.offset + usize::from(y - p.list.y))
    }

    /// The click target under a screen cell.
    pub fn target_at(&self, x: u16, y: u16) -> Option<Target> {
        self.targets
            .iter()
            .find(|(r, _)| r.contains(Position::new(x, y)))
            .map(|&(_, t)| t)
    }

    /// Rows a pane's list showed.
    pub fn list_height(&self, pane: Pane) -> usize {
        usize::from(self.panes[pane.index()].list.height)
    }

    /// The errors panel holds a screen cell.
    pub fn errors_at(&self, x: u16, y: u16) -> bool {
        self.errors.contains(Position::new(x, y))
    }
}

/// The inside of a bordered box.
pub fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

/// `n * num / den` (with `num <= den`), computed wide: a terminal can report 65535 rows, and
/// `65535 * 3` overflows a u16.
pub fn share(n: u16, num: u32, den: u32) -> u16 {
    // At most n, since num <= den: the conversion back cannot fail.
    u16::try_from(u32::from(n) * num / den).unwrap_or(n)
}
