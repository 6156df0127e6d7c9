//! The browser's state, and [`App::update`], the only place it changes.
//!
//! Everything a frame needs that depends on the whole dossier (orderings per stage, search hits,
//! the time scale) is computed here, when an action changes it, so that drawing a frame only
//! touches the rows that are visible.

mod reload;

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::errors::ErrorsPanel;
use super::format;
use super::keymap;
use super::overlays;
use super::panes;
use super::theme::Theme;
use super::ui;
use crate::model::{Dispute, Dossier, TrophyKind, TrophyResult};
use crate::search::{Hit, Results};

/// The four panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Career stages and the year strip.
    Timeline,
    /// Titles, finals and key matches.
    Trophies,
    /// The offer pane: the featured offer (Honduras 2023 in our dossier) and the others.
    Offer,
    /// Quotes.
    Quotes,
}

impl Pane {
    /// The panes in focus order.
    pub const ALL: [Pane; 4] = [Pane::Timeline, Pane::Trophies, Pane::Offer, Pane::Quotes];

    /// The position in [`Pane::ALL`].
    pub fn index(self) -> usize {
        match self {
            Pane::Timeline => 0,
            Pane::Trophies => 1,
            Pane::Offer => 2,
            Pane::Quotes => 3,
        }
    }

    /// The pane's name in the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::Trophies => "Trophies",
            Pane::Offer => "Offer",
            Pane::Quotes => "Quotes",
        }
    }

    fn step(self, delta: usize) -> Pane {
        Pane::ALL[(self.index() + delta) % Pane::ALL.len()]
    }
}

/// A row of the trophies pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrophyRow {
    /// A group heading (not selectable).
    Heading(TrophyGroup),
    /// A trophy, by index in the dossier.
    Trophy(usize),
    /// A key match, by index in the dossier.
    Match(usize),
}

/// How the trophies pane groups its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrophyGroup {
    /// Titles (and conference titles) won.
    Won,
    /// Finals lost.
    RunnerUp,
    /// Key matches.
    Matches,
}

/// A row of the offer pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferRow {
    /// A section heading (not selectable).
    Heading(OfferSection),
    /// Who, when, outcome and the summary.
    Overview,
    /// A dated event of the chronology, by index in the offer.
    Event(usize),
    /// A quote attached to the offer, by index in the dossier.
    Quote(usize),
    /// A reported explanation, by index in the offer.
    Explanation(usize),
    /// A person involved, by index in the offer.
    Actor(usize),
}

/// The sections of the offer pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferSection {
    /// The dated events.
    Chronology,
    /// Quotes attached to the offer.
    Quotes,
    /// Why it ended as it did.
    Explanations,
    /// People involved.
    People,
}

impl TrophyRow {
    fn is_item(&self) -> bool {
        !matches!(self, TrophyRow::Heading(_))
    }
}

impl OfferRow {
    fn is_item(&self) -> bool {
        !matches!(self, OfferRow::Heading(_))
    }
}

/// A selection in a list and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The selected row.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
}

impl Cursor {
    /// Scrolls so that the selection is visible in `height` rows, without leaving empty rows at the
    /// bottom of a list of `len` rows.
    fn follow(&mut self, len: usize, height: usize) {
        if height == 0 {
            self.offset = self.offset.min(self.selected);
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset.saturating_add(height) {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// How many hits a search returns at most: more rows than anyone scrolls through, few enough
/// that results arrive and the rows are rebuilt within a frame at any dossier size.
pub const SEARCH_LIMIT: usize = 1000;

/// The quote search: the line being typed and the ranked hits.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// What has been typed.
    pub query: String,
    /// The search line has the keyboard.
    pub editing: bool,
    /// The ranked hits, while a search is active; the quotes pane lists these.
    pub hits: Option<Vec<Hit>>,
    /// How many quotes match the query of `hits` in all (can be more than `hits.len()`).
    pub total: usize,
    /// The number of the latest search asked for; results carrying another one are stale.
    pub generation: u64,
    /// A search was asked for and its results have not arrived yet.
    pub pending: bool,
    /// The quote to select when the pending results arrive (after a reload), instead of the best.
    keep: Option<usize>,
}

/// One source cited by the selected record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    /// What it is cited for (`stage`, `event 2023-07-08`...).
    pub cited_for: String,
    /// The id cited.
    pub id: String,
    /// The source's index in the dossier (None for an id that is not there).
    pub source: Option<usize>,
}

/// A disputed fact, with the record it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct DisputeEntry {
    /// The record (`Mexico (stage)`).
    pub record: String,
    /// The dispute.
    pub dispute: Dispute,
}

/// An overlay on top of the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key help; the number is the first line shown.
    Help {
        /// First visible line.
        scroll: usize,
    },
    /// The sources of a record.
    Sources {
        /// What the sources are of.
        title: String,
        /// The sources, one selectable entry each.
        entries: Vec<SourceEntry>,
        /// The selected entry.
        cursor: Cursor,
        /// The quote, when the record is one (its text is shown and `y` copies it).
        quote: Option<usize>,
    },
    /// Disputed facts, every version with its sources.
    Disputes {
        /// What the disputes are of.
        title: String,
        /// The disputes.
        entries: Vec<DisputeEntry>,
        /// First visible line.
        scroll: usize,
    },
}

/// Work for the terminal that [`App::update`] asks for; the event loop does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this URL with the system's opener, without waiting.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Switch mouse capture on or off.
    SetMouse(bool),
    /// Search the quotes for `query` off the UI thread, abandoning any search still running, and
    /// send back [`Action::SearchResults`] with this `generation`.
    Search {
        /// The number the results must carry to be shown.
        generation: u64,
        /// What to search for.
        query: String,
    },
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// It reports a failure.
    pub error: bool,
}

/// The whole state of the browser.
pub struct App {
    /// The dossier shown (shared with the search worker, which reads its quotes).
    pub dossier: Arc<Dossier>,
    /// Styles.
    pub theme: Theme,
    /// The focused pane.
    pub focus: Pane,
    /// The focused pane fills the screen.
    pub zoom: bool,
    /// The selected career stage (None only when the dossier has no stages).
    pub stage: Option<usize>,
    /// The terminal size the layout is computed for.
    pub size: (u16, u16),
    /// The timeline's scroll (its selection is the stage).
    pub timeline: Cursor,
    /// The trophies pane rows, the selected stage's first in each group.
    pub trophy_rows: Vec<TrophyRow>,
    /// The trophies pane selection.
    pub trophies: Cursor,
    /// The offer shown (None only when the dossier has no offers).
    pub offer: Option<usize>,
    /// The offer pane rows.
    pub offer_rows: Vec<OfferRow>,
    /// The offer pane selection.
    pub offer_cursor: Cursor,
    /// The quotes listed, by index in the dossier: search hits, or the selected stage's first.
    pub quote_rows: Vec<usize>,
    /// The quotes pane selection.
    pub quotes: Cursor,
    /// The quote search.
    pub search: Search,
    /// The open overlay.
    pub overlay: Option<Overlay>,
    /// The status-bar message, until the next key.
    pub message: Option<Message>,
    /// Mouse capture is on.
    pub mouse: bool,
    /// Why the file on disk does not load now, while it does not (the dossier shown is the last
    /// version that loaded).
    pub errors: Option<ErrorsPanel>,
    /// The user asked to quit.
    pub quit: bool,
    /// Per stage, its start and end as fractional years (for the year strip).
    pub stage_years: Vec<(f64, f64)>,
    /// The year strip's axis: first and last year shown.
    pub axis: (f64, f64),
    /// Counts for the trophies pane title: titles won, finals lost, conference titles.
    pub trophy_counts: (usize, usize, usize),
    quote_stage: Vec<Option<usize>>,
    quotes_chrono: Vec<usize>,
    quotes_by_stage: Vec<Vec<usize>>,
    offer_quotes: Vec<Vec<usize>>,
    trophies_chrono: Vec<usize>,
    matches_chrono: Vec<usize>,
}

/// What a record is (for the overlay title), the ids it cites with what each is cited for, and
/// the quote when the record is one.
type Citations = (String, Vec<(String, String)>, Option<usize>);

fn year_fraction((y, m, d): (u16, u8, u8)) -> f64 {
    f64::from(y) + f64::from(m.saturating_sub(1)) / 12.0 + f64::from(d.saturating_sub(1)) / 365.0
}

/// The offer the offer pane opens on: the one with the fullest chronology (the dossier's
/// centrepiece, such as Osorio's July 2023 Honduras offer), the latest on a tie.
pub fn featured_offer(dossier: &Dossier) -> Option<usize> {
    dossier
        .offers
        .iter()
        .enumerate()
        .max_by_key(|(_, o)| (o.events.len(), o.date))
        .map(|(i, _)| i)
}

impl App {
    /// A browser on `dossier`, with the featured offer (see [`featured_offer`]) shown and the
    /// first stage selected.
    pub fn new(dossier: Dossier, theme: Theme) -> Self {
        let stage_ids: HashMap<&str, usize> = dossier
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let stage_of = |id: &str| stage_ids.get(id).copied();

        let quote_stage: Vec<Option<usize>> = dossier
            .quotes
            .iter()
            .map(|q| q.stage.as_deref().and_then(stage_of))
            .collect();
        let mut quotes_chrono: Vec<usize> = (0..dossier.quotes.len()).collect();
        // Undated quotes go last; ties keep file order (the sort is stable).
        quotes_chrono.sort_by_key(|&i| {
            dossier.quotes[i]
                .date
                .map_or((u16::MAX, 0, 0), |d| d.earliest())
        });
        let mut quotes_by_stage = vec![Vec::new(); dossier.stages.len()];
        for &q in &quotes_chrono {
            if let Some(s) = quote_stage[q] {
                quotes_by_stage[s].push(q);
            }
        }
        let offer_quotes = dossier
            .offers
            .iter()
            .map(|o| {
                quotes_chrono
                    .iter()
                    .copied()
                    .filter(|&q| dossier.quotes[q].offer.as_deref() == Some(o.id.as_str()))
                    .collect()
            })
            .collect();
        let mut trophies_chrono: Vec<usize> = (0..dossier.trophies.len()).collect();
        trophies_chrono
            .sort_by_key(|&t| stage_of(&dossier.trophies[t].stage).unwrap_or(usize::MAX));
        let mut matches_chrono: Vec<usize> = (0..dossier.matches.len()).collect();
        matches_chrono.sort_by_key(|&m| dossier.matches[m].date);

        let (stage_years, axis) = Self::time_scale(&dossier);
        let titles = dossier
            .trophies
            .iter()
            .filter(|t| t.result == TrophyResult::Won && t.kind == TrophyKind::Title)
            .count();
        let finals = dossier
            .trophies
            .iter()
            .filter(|t| t.result == TrophyResult::RunnerUp)
            .count();
        let conference = dossier
            .trophies
            .iter()
            .filter(|t| t.result == TrophyResult::Won && t.kind == TrophyKind::Conference)
            .count();
        let offer = featured_offer(&dossier);
        let stage = if dossier.stages.is_empty() {
            None
        } else {
            Some(0)
        };

        let mut app = Self {
            dossier: Arc::new(dossier),
            theme,
            focus: Pane::Timeline,
            zoom: false,
            stage,
            size: (80, 24),
            timeline: Cursor::default(),
            trophy_rows: Vec::new(),
            trophies: Cursor::default(),
            offer,
            offer_rows: Vec::new(),
            offer_cursor: Cursor::default(),
            quote_rows: Vec::new(),
            quotes: Cursor::default(),
            search: Search::default(),
            overlay: None,
            message: None,
            mouse: true,
            errors: None,
            quit: false,
            stage_years,
            axis,
            trophy_counts: (titles, finals, conference),
            quote_stage,
            quotes_chrono,
            quotes_by_stage,
            offer_quotes,
            trophies_chrono,
            matches_chrono,
        };
        app.rebuild_offer_rows();
        app.rebuild_stage_rows(None, None);
        app.follow();
        app
    }

    /// Each stage's span in fractional years, and the axis that holds them all. A stage with no end
    /// runs to the latest date any stage gives (at least a year), so the strip does not depend on
    /// today's date.
    fn time_scale(dossier: &Dossier) -> (Vec<(f64, f64)>, (f64, f64)) {
        let horizon = dossier
            .stages
            .iter()
            .flat_map(|s| [Some(s.start), s.end])
            .flatten()
            .map(|d| year_fraction(d.latest()))
            .fold(f64::MIN, f64::max);
        let years: Vec<(f64, f64)> = dossier
            .stages
            .iter()
            .map(|s| {
                let start = year_fraction(s.start.earliest());
                let end = s.end.map_or((horizon).max(start + 1.0), |e| {
                    year_fraction(e.latest()) + 1.0 / 365.0
                });
                (start, end.max(start))
            })
            .collect();
        let first = years.iter().map(|y| y.0).fold(f64::MAX, f64::min);
        let last = years.iter().map(|y| y.1).fold(f64::MIN, f64::max);
        if years.is_empty() {
            return (years, (0.0, 1.0));
        }
        // The axis runs from the first start to the last end exactly, so that no dotted "gap"
        // appears before the career starts or after it ends.
        (years, (first, last.max(first + 1.0)))
    }

    /// The stage index a quote belongs to.
    pub fn quote_stage(&self, quote: usize) -> Option<usize> {
        self.quote_stage.get(quote).copied().flatten()
    }

    /// The stage index of a stage id.
    pub fn stage_of(&self, id: &str) -> Option<usize> {
        self.dossier.stage_index(id)
    }

    /// The search hit behind a row of the quotes pane, while a search is active.
    pub fn hit(&self, row: usize) -> Option<&Hit> {
        self.search.hits.as_ref().and_then(|h| h.get(row))
    }

    /// The quote selected in the quotes pane.
    pub fn selected_quote(&self) -> Option<usize> {
        self.quote_rows.get(self.quotes.selected).copied()
    }

    /// The row selected in the trophies pane (never a heading).
    pub fn selected_trophy_row(&self) -> Option<TrophyRow> {
        self.trophy_rows
            .get(self.trophies.selected)
            .copied()
            .filter(TrophyRow::is_item)
    }

    /// The row selected in the offer pane (never a heading).
    pub fn selected_offer_row(&self) -> Option<OfferRow> {
        self.offer_rows
            .get(self.offer_cursor.selected)
            .copied()
            .filter(OfferRow::is_item)
    }

    /// The quotes attached to an offer, oldest first.
    pub fn offer_quotes(&self, offer: usize) -> &[usize] {
        self.offer_quotes.get(offer).map_or(&[], Vec::as_slice)
    }

    /// The whole screen.
    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// How many rows a pane's list shows at the current size.
    pub fn list_height(&self, pane: Pane) -> usize {
        self.list_area(pane).map_or(0, |r| usize::from(r.height))
    }

    /// Where everything goes at the current size.
    pub fn screen(&self) -> Option<ui::Screen> {
        let errors = self
            .errors
            .as_ref()
            .map_or(0, |e| e.wanted_rows(self.size.0));
        ui::screen(self.area(), self.focus, self.zoom, errors)
    }

    /// The errors panel has the keyboard.
    pub fn errors_focused(&self) -> bool {
        self.errors.as_ref().is_some_and(|e| e.shown && e.focused)
    }

    fn list_area(&self, pane: Pane) -> Option<Rect> {
        let screen = self.screen()?;
        let inner = ui::inner(screen.panes[pane.index()]);
        Some(panes::list_area(pane, inner))
    }

    /// Applies one action. Returns the side effect, if any, for the event loop to perform.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Resize { .. }
                | Action::Report(_)
                | Action::Reloaded(_)
                | Action::SearchResults { .. }
        ) {
            self.message = None;
        }
        let effect = match action {
            Action::Reloaded(reloaded) => self.reloaded(*reloaded),
            Action::SearchResults {
                generation,
                results,
            } => {
                self.search_results(generation, *results);
                None
            }
            Action::Quit => {
                self.quit = true;
                None
            }
            Action::Resize { width, height } => {
                self.size = (width, height);
                None
            }
            Action::Report(text) => {
                self.message = Some(Message { text, error: true });
                None
            }
            action if self.overlay.is_some() => self.update_overlay(action),
            action if self.search.editing => self.update_search(action),
            action if self.errors_focused() => self.update_errors(action),
            action => self.update_panes(action),
        };
        self.follow();
        effect
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    fn update_panes(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::FocusNext => self.focus = self.focus.step(1),
            Action::FocusPrev => self.focus = self.focus.step(Pane::ALL.len() - 1),
            Action::Focus(pane) => self.focus = pane,
            Action::Up => self.move_selection(self.focus, -1),
            Action::Down => self.move_selection(self.focus, 1),
            Action::PageUp => {
                let page = self.list_height(self.focus).max(1) as isize;
                self.move_selection(self.focus, -page);
            }
            Action::PageDown => {
                let page = self.list_height(self.focus).max(1) as isize;
                self.move_selection(self.focus, page);
            }
            Action::Top => self.move_selection(self.focus, isize::MIN),
            Action::Bottom => self.move_selection(self.focus, isize::MAX),
            Action::PrevOffer => self.step_offer(-1),
            Action::NextOffer => self.step_offer(1),
            Action::PrevStage => self.step_stage(-1),
            Action::NextStage => self.step_stage(1),
            Action::Activate => self.activate(),
            Action::ToggleZoom => self.zoom = !self.zoom,
            Action::OpenSearch => {
                self.focus = Pane::Quotes;
                self.search.editing = true;
            }
            Action::ClearSearch => {
                if self.search.hits.is_some() || self.search.pending {
                    self.clear_search();
                }
            }
            Action::ShowSources => self.show_sources(),
            Action::ShowDisputes => self.show_disputes(),
            Action::ShowHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::OpenUrl => return self.open_selected_url(),
            Action::CopyQuote => return self.copy_quote(self.focused_quote()),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.say(if self.mouse {
                    "Mouse capture on: click and scroll the panes (m turns it off)"
                } else {
                    "Mouse capture off: the terminal selects text (m turns it back on)"
                });
                return Some(Effect::SetMouse(self.mouse));
            }
            Action::FocusErrors => self.focus_errors(),
            Action::Click { x, y } => self.click(x, y),
            Action::Wheel { x, y, down } => {
                if self.errors_at(x, y) {
                    self.scroll_errors(if down { 3 } else { -3 });
                } else if let Some(pane) = self.pane_at(x, y) {
                    let step = if pane == Pane::Timeline { 1 } else { 3 };
                    self.move_selection(pane, if down { step } else { -step });
                }
            }
            Action::CloseOverlay
            | Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchClearLine
            | Action::SearchSubmit
            | Action::SearchCancel
            | Action::Quit
            | Action::Resize { .. }
            | Action::Report(_)
            | Action::HideErrors
            | Action::Reloaded(_)
            | Action::SearchResults { .. } => {}
        }
        None
    }

    fn update_search(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::SearchInput(c) => {
                self.search.query.push(c);
                return self.request_search();
            }
            Action::SearchBackspace => {
                self.search.query.pop();
                return self.request_search();
            }
            Action::SearchClearLine => {
                self.search.query.clear();
                return self.request_search();
            }
            Action::SearchSubmit => {
                self.search.editing = false;
                // Results still on their way are kept: they fill the list when they arrive.
                if self.search.hits.is_none() && !self.search.pending {
                    self.clear_search();
                }
            }
            Action::SearchCancel => self.clear_search(),
            Action::Up => self.move_selection(Pane::Quotes, -1),
            Action::Down => self.move_selection(Pane::Quotes, 1),
            Action::Click { .. } | Action::Wheel { .. } => {
                // The mouse still works while typing; it does not take the keyboard away.
                return self.update_panes(action);
            }
            _ => {}
        }
        None
    }

    fn update_overlay(&mut self, action: Action) -> Option<Effect> {
        let page = self.overlay_height().max(1) as isize;
        match action {
            Action::CloseOverlay => self.overlay = None,
            Action::Up => self.scroll_overlay(-1),
            Action::Down => self.scroll_overlay(1),
            Action::PageUp => self.scroll_overlay(-page),
            Action::PageDown => self.scroll_overlay(page),
            Action::Top => self.scroll_overlay(isize::MIN),
            Action::Bottom => self.scroll_overlay(isize::MAX),
            Action::Wheel { down, .. } => self.scroll_overlay(if down { 3 } else { -3 }),
            Action::Click { x, y } => {
                let inside = overlays::area(self.area()).contains(Position::new(x, y));
                if !inside {
                    self.overlay = None;
                }
            }
            Action::OpenUrl => {
                if let Some(Overlay::Sources {
                    entries, cursor, ..
                }) = &self.overlay
                {
                    let url = entries
                        .get(cursor.selected)
                        .and_then(|e| e.source)
                        .and_then(|s| self.dossier.sources[s].url.clone().map(String::from));
                    return self.open_url(url);
                }
            }
            Action::CopyQuote => {
                let quote = match &self.overlay {
                    Some(Overlay::Sources { quote, .. }) => *quote,
                    _ => None,
                };
                return self.copy_quote(quote);
            }
            _ => {}
        }
        None
    }

    /// Lines of the overlay's body at the current size.
    fn overlay_height(&self) -> usize {
        usize::from(ui::inner(overlays::area(self.area())).height)
    }

    fn scroll_overlay(&mut self, delta: isize) {
        let height = self.overlay_height();
        let lines = self
            .overlay
            .as_ref()
            .map_or(0, |o| overlays::line_count(self, o));
        match &mut self.overlay {
            Some(Overlay::Help { scroll }) | Some(Overlay::Disputes { scroll, .. }) => {
                let max = lines.saturating_sub(height);
                *scroll = offset_by(*scroll, delta, max + 1);
            }
            Some(Overlay::Sources {
                entries, cursor, ..
            }) if !entries.is_empty() => {
                cursor.selected = offset_by(cursor.selected, delta, entries.len());
            }
            Some(Overlay::Sources { .. }) | None => {}
        }
    }

    /// Asks for a search of the current query (the event loop runs it off the UI thread), or
    /// drops the results at once when the query is blank. Either way, any search still running
    /// is stale from here.
    fn request_search(&mut self) -> Option<Effect> {
        self.search.generation += 1;
        self.search.keep = None;
        if self.search.query.trim().is_empty() {
            self.search.pending = false;
            self.search.hits = None;
            self.search.total = 0;
            self.rebuild_quote_rows(None);
            return None;
        }
        // The previous hits stay listed until the new ones arrive, so the list never flickers
        // empty between keystrokes.
        self.search.pending = true;
        Some(Effect::Search {
            generation: self.search.generation,
            query: self.search.query.clone(),
        })
    }

    /// Shows the results of the latest search; results of any earlier one are ignored.
    fn search_results(&mut self, generation: u64, results: Results) {
        if !self.search.pending
            || generation != self.search.generation
            || results.query != self.search.query
        {
            return;
        }
        self.search.pending = false;
        self.search.total = results.total;
        // A hit that does not point at a quote (results of another dossier) is never listed.
        let quotes = self.dossier.quotes.len();
        let hits: Vec<Hit> = results
            .hits
            .into_iter()
            .filter(|h| h.quote < quotes)
            .collect();
        self.quote_rows = hits.iter().map(|h| h.quote).collect();
        self.search.hits = Some(hits);
        let keep = self.search.keep.take();
        self.quotes = Cursor {
            selected: keep
                .and_then(|q| self.quote_rows.iter().position(|&r| r == q))
                .unwrap_or(0),
            offset: 0,
        };
    }

    /// What the search found, for the status bar and the quotes pane title: `N of M quotes`, or
    /// `best N of T matches` when more quotes match than are listed (None without a search).
    pub fn search_count(&self) -> Option<String> {
        let hits = self.search.hits.as_ref()?;
        Some(if hits.len() < self.search.total {
            format!(
                "best {} of {}",
                format::thousands(hits.len()),
                format::count(self.search.total, "match", "matches")
            )
        } else {
            format!(
                "{} of {}",
                format::thousands(hits.len()),
                format::count(self.dossier.quotes.len(), "quote", "quotes")
            )
        })
    }

    fn clear_search(&mut self) {
        // The generation keeps counting, so that a search still running stays stale.
        self.search = Search {
            generation: self.search.generation + 1,
            ..Search::default()
        };
        self.rebuild_quote_rows(None);
    }

    /// Runs the search an [`Effect::Search`] asks for here and now, and applies its results (for
    /// tests and tools without an event loop). Any other effect is handed back.
    pub fn search_now(&mut self, effect: Option<Effect>) -> Option<Effect> {
        match effect {
            Some(Effect::Search { generation, query }) => {
                let results = crate::search::QuoteSearch::default().top(
                    &self.dossier.quotes,
                    &query,
                    SEARCH_LIMIT,
                );
                self.update(Action::SearchResults {
                    generation,
                    results: Box::new(results),
                })
            }
            other => other,
        }
    }

    /// Moves a pane's selection by `delta` rows (`isize::MIN`/`MAX` for the first/last row),
    /// skipping headings.
    fn move_selection(&mut self, pane: Pane, delta: isize) {
        match pane {
            Pane::Timeline => {
                let len = self.dossier.stages.len();
                if let Some(stage) = self.stage {
                    let next = offset_by(stage, delta, len);
                    if next != stage {
                        self.select_stage(next, None, None);
                    }
                }
            }
            Pane::Trophies => {
                let rows = &self.trophy_rows;
                self.trophies.selected = step_items(
                    rows.len(),
                    |i| rows[i].is_item(),
                    self.trophies.selected,
                    delta,
                );
            }
            Pane::Offer => {
                let rows = &self.offer_rows;
                self.offer_cursor.selected = step_items(
                    rows.len(),
                    |i| rows[i].is_item(),
                    self.offer_cursor.selected,
                    delta,
                );
            }
            Pane::Quotes => {
                self.quotes.selected =
                    offset_by(self.quotes.selected, delta, self.quote_rows.len());
            }
        }
    }

    fn step_stage(&mut self, delta: isize) {
        let Some(stage) = self.stage else {
            self.complain("This dossier has no career stages");
            return;
        };
        let next = offset_by(stage, delta, self.dossier.stages.len());
        if next == stage {
            self.say(if delta < 0 {
                "Already at the first stage"
            } else {
                "Already at the last stage"
            });
        } else {
            self.select_stage(next, None, None);
        }
    }

    fn step_offer(&mut self, delta: isize) {
        if let Some(offer) = self.offer {
            let next = offset_by(offer, delta, self.dossier.offers.len());
            if next != offer {
                self.offer = Some(next);
                self.rebuild_offer_rows();
            }
        }
    }

    /// Selects a stage; every pane follows. `keep_trophy` / `keep_quote` keep that record selected
    /// (after Enter on it) instead of going to the top of the stage's rows.
    fn select_stage(
        &mut self,
        stage: usize,
        keep_trophy: Option<TrophyRow>,
        keep_quote: Option<usize>,
    ) {
        if stage >= self.dossier.stages.len() {
            return;
        }
        self.stage = Some(stage);
        self.rebuild_stage_rows(keep_trophy, keep_quote);
        // The offer pane shows an offer made during the stage, where there is one, and otherwise
        // goes back to the featured offer: an offer from another stage would read as this one's.
        let id = &self.dossier.stages[stage].id;
        let shown_here = self
            .offer
            .is_some_and(|o| &self.dossier.offers[o].stage == id);
        if !shown_here {
            let here = self.dossier.offers.iter().position(|o| &o.stage == id);
            let next = here.or_else(|| featured_offer(&self.dossier));
            if next != self.offer {
                self.offer = next;
                self.rebuild_offer_rows();
            }
        }
    }

    /// Rebuilds the trophies and quotes orderings for the selected stage.
    fn rebuild_stage_rows(&mut self, keep_trophy: Option<TrophyRow>, keep_quote: Option<usize>) {
        let stage_id = self.stage.map(|s| self.dossier.stages[s].id.clone());
        let in_stage = |id: &str| stage_id.as_deref() == Some(id);
        let d = &self.dossier;
        let mut rows = Vec::new();
        for group in [TrophyGroup::Won, TrophyGroup::RunnerUp] {
            let result = if group == TrophyGroup::Won {
                TrophyResult::Won
            } else {
                TrophyResult::RunnerUp
            };
            let members: Vec<usize> = self
                .trophies_chrono
                .iter()
                .copied()
                .filter(|&t| d.trophies[t].result == result)
                .collect();
            if members.is_empty() {
                continue;
            }
            rows.push(TrophyRow::Heading(group));
            let (first, rest): (Vec<usize>, Vec<usize>) = members
                .into_iter()
                .partition(|&t| in_stage(&d.trophies[t].stage));
            rows.extend(first.into_iter().chain(rest).map(TrophyRow::Trophy));
        }
        if !self.matches_chrono.is_empty() {
            rows.push(TrophyRow::Heading(TrophyGroup::Matches));
            let (first, rest): (Vec<usize>, Vec<usize>) = self
                .matches_chrono
                .iter()
                .copied()
                .partition(|&m| in_stage(&d.matches[m].stage));
            rows.extend(first.into_iter().chain(rest).map(TrophyRow::Match));
        }
        self.trophy_rows = rows;
        // Go to the first row of the stage (or keep the record Enter was pressed on).
        let rows = &self.trophy_rows;
        let wanted = keep_trophy.and_then(|k| rows.iter().position(|r| *r == k));
        let first_of_stage = rows.iter().position(|r| match r {
            TrophyRow::Trophy(t) => in_stage(&d.trophies[*t].stage),
            TrophyRow::Match(m) => in_stage(&d.matches[*m].stage),
            TrophyRow::Heading(_) => false,
        });
        let start = wanted.or(first_of_stage).unwrap_or(0);
        self.trophies = Cursor {
            selected: step_items(rows.len(), |i| rows[i].is_item(), start, 0),
            offset: 0,
        };

        if self.search.hits.is_none() {
            self.rebuild_quote_rows(keep_quote);
        } else if let Some(q) = keep_quote
            && let Some(row) = self.quote_rows.iter().position(|&r| r == q)
        {
            self.quotes.selected = row;
        }
    }

    /// The quotes without a search: the selected stage's first, then the rest, oldest first.
    fn rebuild_quote_rows(&mut self, keep_quote: Option<usize>) {
        let mut rows = Vec::with_capacity(self.dossier.quotes.len());
        match self.stage {
            Some(s) => {
                rows.extend_from_slice(&self.quotes_by_stage[s]);
                rows.extend(
                    self.quotes_chrono
                        .iter()
                        .copied()
                        .filter(|&q| self.quote_stage[q] != Some(s)),
                );
            }
            None => rows.extend_from_slice(&self.quotes_chrono),
        }
        self.quote_rows = rows;
        let selected = keep_quote
            .and_then(|q| self.quote_rows.iter().position(|&r| r == q))
            .unwrap_or(0);
        self.quotes = Cursor {
            selected,
            offset: 0,
        };
    }

    fn rebuild_offer_rows(&mut self) {
        let mut rows = Vec::new();
        if let Some(o) = self.offer {
            let offer = &self.dossier.offers[o];
            rows.push(OfferRow::Overview);
            if !offer.events.is_empty() {
                rows.push(OfferRow::Heading(OfferSection::Chronology));
                rows.extend((0..offer.events.len()).map(OfferRow::Event));
            }
            let quotes = self.offer_quotes(o);
            if !quotes.is_empty() {
                rows.push(OfferRow::Heading(OfferSection::Quotes));
                rows.extend(quotes.iter().map(|&q| OfferRow::Quote(q)));
            }
            if !offer.explanations.is_empty() {
                rows.push(OfferRow::Heading(OfferSection::Explanations));
                rows.extend((0..offer.explanations.len()).map(OfferRow::Explanation));
            }
            if !offer.actors.is_empty() {
                rows.push(OfferRow::Heading(OfferSection::People));
                rows.extend((0..offer.actors.len()).map(OfferRow::Actor));
            }
        }
        self.offer_rows = rows;
        self.offer_cursor = Cursor::default();
    }

    /// The quote the focused pane has selected, if it is a quote.
    fn focused_quote(&self) -> Option<usize> {
        match self.focus {
            Pane::Quotes => self.selected_quote(),
            Pane::Offer => match self.selected_offer_row() {
                Some(OfferRow::Quote(q)) => Some(q),
                _ => None,
            },
            _ => None,
        }
    }

    fn activate(&mut self) {
        let d = &self.dossier;
        match self.focus {
            Pane::Timeline => self.show_sources(),
            Pane::Trophies => {
                let Some(row) = self.selected_trophy_row() else {
                    return;
                };
                let stage = match row {
                    TrophyRow::Trophy(t) => d.stage_index(&d.trophies[t].stage),
                    TrophyRow::Match(m) => d.stage_index(&d.matches[m].stage),
                    TrophyRow::Heading(_) => None,
                };
                self.jump_to(stage, Some(row), None);
            }
            Pane::Offer => {
                let stage = self.offer.and_then(|o| d.stage_index(&d.offers[o].stage));
                let row = self.offer_cursor.selected;
                self.jump_to(stage, None, None);
                // Jumping may show another offer; otherwise stay on the row Enter was pressed on.
                if self.offer_rows.get(row).is_some_and(OfferRow::is_item) {
                    self.offer_cursor.selected = row;
                }
            }
            Pane::Quotes => {
                let Some(q) = self.selected_quote() else {
                    return;
                };
                if let Some(stage) = self.quote_stage(q) {
                    self.jump_to(Some(stage), None, Some(q));
                }
                self.show_sources();
            }
        }
    }

    fn jump_to(&mut self, stage: Option<usize>, trophy: Option<TrophyRow>, quote: Option<usize>) {
        match stage {
            Some(s) => {
                self.select_stage(s, trophy, quote);
                let stage = &self.dossier.stages[s];
                let text = format!(
                    "Timeline → {} ({})",
                    format::safe(&stage.team),
                    format::stage_years(stage)
                );
                self.say(text);
            }
            None => self.complain("This record names no stage of the timeline"),
        }
    }

    /// What the focused pane's selected record is, and the ids it cites with what for.
    fn selected_citations(&self) -> Option<Citations> {
        let d = &self.dossier;
        let cite = |what: &str, ids: &[crate::model::Id]| -> Vec<(String, String)> {
            ids.iter()
                .map(|id| (what.to_string(), id.to_string()))
                .collect()
        };
        match self.focus {
            Pane::Timeline => {
                let stage = &d.stages[self.stage?];
                let mut ids = cite("stage", &stage.sources);
                if let Some(record) = &stage.record {
                    ids.extend(cite("record (W/D/L)", &record.sources));
                }
                Some((format!("{} (stage)", stage.team), ids, None))
            }
            Pane::Trophies => match self.selected_trophy_row()? {
                TrophyRow::Trophy(t) => {
                    let t = &d.trophies[t];
                    Some((
                        format!("{} {}", t.competition, t.season),
                        cite("trophy", &t.sources),
                        None,
                    ))
                }
                TrophyRow::Match(m) => {
                    let m = &d.matches[m];
                    Some((
                        format!("{} {} {}", m.home, m.score, m.away),
                        cite("match", &m.sources),
                        None,
                    ))
                }
                TrophyRow::Heading(_) => None,
            },
            Pane::Offer => {
                let offer = &d.offers[self.offer?];
                let title = format!("{} offer, {}", offer.team, offer.date);
                let ids = match self.selected_offer_row()? {
                    OfferRow::Overview => cite("offer", &offer.sources),
                    OfferRow::Event(i) => {
                        let e = &offer.events[i];
                        cite(&format!("event {}", e.date), &e.sources)
                    }
                    OfferRow::Quote(q) => {
                        let quote = &d.quotes[q];
                        return Some((
                            format!("quote by {}", quote.speaker),
                            vec![("quote".to_string(), quote.source.to_string())],
                            Some(q),
                        ));
                    }
                    OfferRow::Explanation(i) => cite("explanation", &offer.explanations[i].sources),
                    OfferRow::Actor(i) => {
                        let a = &offer.actors[i];
                        cite(&a.name, &a.sources)
                    }
                    OfferRow::Heading(_) => return None,
                };
                Some((title, ids, None))
            }
            Pane::Quotes => {
                let q = self.selected_quote()?;
                let quote = &d.quotes[q];
                Some((
                    format!("quote by {}", quote.speaker),
                    vec![("quote".to_string(), quote.source.to_string())],
                    Some(q),
                ))
            }
        }
    }

    fn show_sources(&mut self) {
        let Some((title, ids, quote)) = self.selected_citations() else {
            self.complain("Nothing selected");
            return;
        };
        // One entry per source; a source cited for several things says so once.
        let mut entries: Vec<SourceEntry> = Vec::new();
        for (what, id) in ids {
            if let Some(e) = entries.iter_mut().find(|e| e.id == id) {
                if !e.cited_for.split(", ").any(|w| w == what) {
                    e.cited_for.push_str(", ");
                    e.cited_for.push_str(&what);
                }
            } else {
                let source = self.dossier.sources.iter().position(|s| s.id == id);
                entries.push(SourceEntry {
                    cited_for: what,
                    id,
                    source,
                });
            }
        }
        self.overlay = Some(Overlay::Sources {
            title,
            entries,
            cursor: Cursor::default(),
            quote,
        });
    }

    /// The disputes of the focused pane's selected record: (record label, disputes).
    fn selected_disputes(&self) -> Option<(String, &[Dispute])> {
        let d = &self.dossier;
        match self.focus {
            Pane::Timeline => {
                let s = &d.stages[self.stage?];
                Some((format!("{} (stage)", s.team), &s.disputes))
            }
            Pane::Trophies => match self.selected_trophy_row()? {
                TrophyRow::Trophy(t) => {
                    let t = &d.trophies[t];
                    Some((format!("{} {}", t.competition, t.season), &t.disputes))
                }
                TrophyRow::Match(m) => {
                    let m = &d.matches[m];
                    Some((format!("{} {} {}", m.home, m.score, m.away), &m.disputes))
                }
                TrophyRow::Heading(_) => None,
            },
            Pane::Offer => {
                let o = &d.offers[self.offer?];
                Some((format!("{} offer, {}", o.team, o.date), &o.disputes))
            }
            Pane::Quotes => None,
        }
    }

    /// Every disputed fact in the dossier, with its record.
    pub fn all_disputes(&self) -> Vec<DisputeEntry> {
        let d = &self.dossier;
        let mut out = Vec::new();
        let mut add = |record: String, disputes: &[Dispute]| {
            out.extend(disputes.iter().map(|x| DisputeEntry {
                record: record.clone(),
                dispute: x.clone(),
            }));
        };
        add(format!("{} (subject)", d.subject.name), &d.subject.disputes);
        for s in &d.stages {
            add(format!("{} (stage)", s.team), &s.disputes);
        }
        for t in &d.trophies {
            add(format!("{} {}", t.competition, t.season), &t.disputes);
        }
        for m in &d.matches {
            add(format!("{} {} {}", m.home, m.score, m.away), &m.disputes);
        }
        for o in &d.offers {
            add(format!("{} offer, {}", o.team, o.date), &o.disputes);
        }
        out
    }

    fn show_disputes(&mut self) {
        let (title, entries) = match self.selected_disputes() {
            Some((record, disputes)) if !disputes.is_empty() => (
                format!("Disputed: {record}"),
                disputes
                    .iter()
                    .map(|x| DisputeEntry {
                        record: record.clone(),
                        dispute: x.clone(),
                    })
                    .collect(),
            ),
            _ => (
                "All disputed facts (the selected record has none)".to_string(),
                self.all_disputes(),
            ),
        };
        if entries.is_empty() {
            self.say("No disputed facts in this dossier");
            return;
        }
        self.overlay = Some(Overlay::Disputes {
            title,
            entries,
            scroll: 0,
        });
    }

    fn open_selected_url(&mut self) -> Option<Effect> {
        let url = self.selected_citations().and_then(|(_, ids, _)| {
            ids.iter()
                .find_map(|(_, id)| self.dossier.source(id)?.url.clone().map(String::from))
        });
        self.open_url(url)
    }

    fn open_url(&mut self, url: Option<String>) -> Option<Effect> {
        match url {
            None => {
                self.complain("No URL for this source");
                None
            }
            // Only web addresses go to the opener: a file path or an argument-like string from
            // a data file must not be handed to xdg-open.
            Some(url)
                if (url.starts_with("https://") || url.starts_with("http://"))
                    && !url
                        .chars()
                        .any(|c| c.is_whitespace() || crate::text::is_unsafe(c)) =>
            {
                self.say(format!("Opening {}", format::safe(&url)));
                Some(Effect::OpenUrl(url))
            }
            Some(url) => {
                self.complain(format!(
                    "Not a web address, not opened: {}",
                    format::safe(&url)
                ));
                None
            }
        }
    }

    /// The quote with its citation, as it is copied.
    pub fn citation(&self, quote: usize) -> Option<String> {
        let q = self.dossier.quotes.get(quote)?;
        let mut out = format!("“{}” — {}", q.text, q.speaker);
        if let Some(role) = &q.role {
            out.push_str(&format!(" ({role})"));
        }
        if let Some(date) = q.date {
            out.push_str(&format!(", {date}"));
        }
        out.push('.');
        if let Some(s) = self.dossier.source(&q.source) {
            out.push_str(&format!(" Source: {}, {}", s.title, s.publisher));
            if let Some(date) = s.date {
                out.push_str(&format!(", {date}"));
            }
            if let Some(url) = &s.url {
                out.push_str(&format!(", {url}"));
            }
            out.push('.');
        }
        Some(out)
    }

    fn copy_quote(&mut self, quote: Option<usize>) -> Option<Effect> {
        match quote.and_then(|q| self.citation(q)) {
            Some(text) => {
                self.say("Quote and citation sent to the clipboard (OSC 52)");
                Some(Effect::Copy(text))
            }
            None => {
                self.complain("Select a quote to copy (Quotes pane or the offer's quotes)");
                None
            }
        }
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let screen = self.screen()?;
        Pane::ALL
            .into_iter()
            .find(|p| screen.panes[p.index()].contains(Position::new(x, y)))
    }

    fn click(&mut self, x: u16, y: u16) {
        if self.errors_at(x, y) {
            if let Some(errors) = &mut self.errors {
                errors.focused = true;
            }
            return;
        }
        let Some(pane) = self.pane_at(x, y) else {
            return;
        };
        if let Some(errors) = &mut self.errors {
            errors.focused = false;
        }
        // The row is read from the layout the user saw; focusing may then resize the panes.
        let list = self.list_area(pane);
        self.focus = pane;
        let Some(list) = list.filter(|l| l.contains(Position::new(x, y))) else {
            return;
        };
        let offset = match pane {
            Pane::Timeline => self.timeline.offset,
            Pane::Trophies => self.trophies.offset,
            Pane::Offer => self.offer_cursor.offset,
            Pane::Quotes => self.quotes.offset,
        };
        let row = offset + usize::from(y - list.y);
        match pane {
            Pane::Timeline => {
                if row < self.dossier.stages.len() && Some(row) != self.stage {
                    self.select_stage(row, None, None);
                }
            }
            Pane::Trophies => {
                if self.trophy_rows.get(row).is_some_and(TrophyRow::is_item) {
                    self.trophies.selected = row;
                }
            }
            Pane::Offer => {
                if self.offer_rows.get(row).is_some_and(OfferRow::is_item) {
                    self.offer_cursor.selected = row;
                }
            }
            Pane::Quotes => {
                if row < self.quote_rows.len() {
                    self.quotes.selected = row;
                }
            }
        }
    }

    /// Keeps every selection visible at the current size.
    fn follow(&mut self) {
        self.timeline.selected = self.stage.unwrap_or(0);
        let heights = Pane::ALL.map(|p| self.list_height(p));
        self.timeline
            .follow(self.dossier.stages.len(), heights[Pane::Timeline.index()]);
        self.trophies
            .follow(self.trophy_rows.len(), heights[Pane::Trophies.index()]);
        self.offer_cursor
            .follow(self.offer_rows.len(), heights[Pane::Offer.index()]);
        self.quotes
            .follow(self.quote_rows.len(), heights[Pane::Quotes.index()]);
        // A heading above the first item stays in view.
        if self.trophy_rows.iter().position(TrophyRow::is_item) == Some(self.trophies.selected) {
            self.trophies.offset = 0;
        }
        if self.offer_rows.iter().position(OfferRow::is_item) == Some(self.offer_cursor.selected) {
            self.offer_cursor.offset = 0;
        }
        // A wider screen wraps the errors into fewer rows.
        self.scroll_errors(0);
    }

    /// The keymap contexts in force now.
    pub fn contexts(&self) -> Vec<keymap::Context> {
        if self.errors_focused() && self.overlay.is_none() && !self.search.editing {
            return vec![keymap::Context::Errors, keymap::Context::Global];
        }
        keymap::active_contexts(self.search.editing, self.overlay.is_some(), self.focus)
    }

    /// Checks what must always hold (for tests): every selection points at an existing row that
    /// is not a heading, and the selected stage exists.
    pub fn check_invariants(&self) -> Result<(), String> {
        match self.stage {
            Some(s) if s >= self.dossier.stages.len() => {
                return Err(format!("stage {s} out of range"));
            }
            None if !self.dossier.stages.is_empty() => return Err("no stage selected".into()),
            _ => {}
        }
        let check = |name: &str, len: usize, c: &Cursor, item: &dyn Fn(usize) -> bool| {
            if len == 0 {
                return if c.selected == 0 {
                    Ok(())
                } else {
                    Err(format!("{name}: selection {} in an empty list", c.selected))
                };
            }
            if c.selected >= len {
                return Err(format!("{name}: selection {} of {len}", c.selected));
            }
            if !item(c.selected) {
                return Err(format!("{name}: a heading is selected"));
            }
            Ok(())
        };
        check("trophies", self.trophy_rows.len(), &self.trophies, &|i| {
            self.trophy_rows[i].is_item()
        })?;
        check("offer", self.offer_rows.len(), &self.offer_cursor, &|i| {
            self.offer_rows[i].is_item()
        })?;
        check("quotes", self.quote_rows.len(), &self.quotes, &|_| true)?;
        if let Some(hits) = &self.search.hits
            && hits.len() != self.quote_rows.len()
        {
            return Err("quotes: rows and hits disagree".into());
        }
        if let Some(Overlay::Sources {
            entries, cursor, ..
        }) = &self.overlay
            && !entries.is_empty()
            && cursor.selected >= entries.len()
        {
            return Err("sources: selection out of range".into());
        }
        if let Some(errors) = &self.errors
            && errors.scroll > 0
            && errors.scroll >= errors.rows(self.errors_width()).len()
        {
            return Err("errors: scrolled past the last line".into());
        }
        Ok(())
    }
}

/// `from + delta` within `0..len` (saturating at both ends; `len == 0` gives 0).
fn offset_by(from: usize, delta: isize, len: usize) -> usize {
    let last = len.saturating_sub(1);
    if delta < 0 {
        from.saturating_sub(delta.unsigned_abs()).min(last)
    } else {
        from.saturating_add(delta.unsigned_abs()).min(last)
    }
}

/// Moves from `from` by `delta` within `0..len`, landing on an item: when the row reached is a
/// heading, the nearest item in the direction of travel, else the nearest one back.
fn step_items(len: usize, is_item: impl Fn(usize) -> bool, from: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    let target = offset_by(from, delta, len);
    if is_item(target) {
        return target;
    }
    let forward = (target..len).find(|&i| is_item(i));
    let backward = (0..target).rev().find(|&i| is_item(i));
    let found = if delta < 0 {
        backward.or(forward)
    } else {
        forward.or(backward)
    };
    found.unwrap_or(0)
}
