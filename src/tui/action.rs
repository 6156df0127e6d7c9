//! Everything the browser can be asked to do. A key, a mouse event or a resize becomes an
//! [`Action`], and [`App::update`](super::app::App::update) is the only place state changes.

use super::layout::Layout;
use super::state::Pane;
use crate::search::Results;
use crate::watch::Reloaded;

/// One thing the user (or the terminal, or the file watcher) asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the browser.
    Quit,
    /// Focus the next pane (Tab).
    FocusNext,
    /// Focus the previous pane (Shift-Tab).
    FocusPrev,
    /// Focus one pane (1-4).
    Focus(Pane),
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move the selection up one page.
    PageUp,
    /// Move the selection down one page.
    PageDown,
    /// Select the first row.
    Top,
    /// Select the last row.
    Bottom,
    /// Show the previous offer (offer pane).
    PrevOffer,
    /// Show the next offer (offer pane).
    NextOffer,
    /// Select the previous career stage; every pane follows.
    PrevStage,
    /// Select the next career stage; every pane follows.
    NextStage,
    /// Enter: open the selected record whole (in the sources overlay: the selected source).
    OpenRecord,
    /// Jump the timeline to the selected record's stage; the record stays selected.
    JumpToStage,
    /// Show or hide the focused pane alone.
    ToggleZoom,
    /// Open the search line: the quote search in the quotes pane, a filter on any other.
    OpenSearch,
    /// The next match in the focused pane.
    NextMatch,
    /// The previous match in the focused pane.
    PrevMatch,
    /// Type a character into the search line.
    SearchInput(char),
    /// Delete the last character of the search line.
    SearchBackspace,
    /// Empty the search line.
    SearchClearLine,
    /// Keep the results and go back to navigation.
    SearchSubmit,
    /// Leave the search line and drop the results.
    SearchCancel,
    /// The search worker finished the search with this generation (see
    /// [`Effect::Search`](super::app::Effect::Search)); results of an older one are ignored.
    SearchResults {
        /// The generation the search was asked for with.
        generation: u64,
        /// The best hits, with positions, and how many quotes match.
        results: Box<Results>,
    },
    /// Drop the focused pane's filter or the kept search results (Esc in navigation).
    ClearSearch,
    /// Show the sources of the selected record.
    ShowSources,
    /// Show the disputed facts of the selected record (or all of them).
    ShowDisputes,
    /// Show the key help.
    ShowHelp,
    /// Close the open overlay.
    CloseOverlay,
    /// Open the selected source's URL in the system's browser.
    OpenUrl,
    /// Copy the selected record's citation to the clipboard (OSC 52); in the sources overlay,
    /// the selected source's URL.
    Copy,
    /// Switch mouse capture on or off.
    ToggleMouse,
    /// A left click at a screen cell.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// The mouse wheel turned over a screen cell.
    Wheel {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
        /// Towards the end of the list.
        down: bool,
    },
    /// The terminal now has this size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// A side effect failed or finished: show this text in the status bar.
    Report(String),
    /// The system's opener could not open this URL: show it, to be read and copied.
    OpenFailed {
        /// The address.
        url: String,
        /// What went wrong.
        why: String,
    },
    /// What the last frame used (where the panes, lists and overlays went); drawing hands it
    /// back before the next event becomes an action.
    Layout(Box<Layout>),
    /// Show the errors panel and give it the keyboard (or give the keyboard back to the panes).
    FocusErrors,
    /// Hide the errors panel (the status bar still says the file has errors).
    HideErrors,
    /// The file was saved and loaded again: show the new dossier where the user was, or keep the
    /// last good one and show why the new one does not load.
    Reloaded(Box<Reloaded>),
}
