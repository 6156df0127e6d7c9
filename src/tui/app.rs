//! The browser's state, and [`App::update`], the only place it changes.
//!
//! Everything a frame needs that depends on the whole dossier (orderings, search hits, the time
//! scale) is computed here, when an action changes it, so that drawing a frame only touches the
//! rows that are visible. Where things are on screen comes back from drawing as a [`Layout`]
//! ([`Action::Layout`]): the state never calls drawing code.

mod filter;
mod records;
mod reload;

pub use filter::Filter;

use std::collections::HashMap;
use std::sync::Arc;

use super::action::Action;
use super::errors::ErrorsPanel;
use super::format;
use super::keymap;
use super::layout::{Layout, Target};
pub use super::state::{
    Cursor, DisputeEntry, OfferRow, OfferSection, Pane, Record, SourceEntry, TrophyGroup, TrophyRow,
};
use super::state::{offset_by, step_items, wrap_items};
use crate::model::{Dossier, TrophyKind, TrophyResult};
use crate::search::{Hit, Results};

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

/// An overlay on top of the panes; they stack (Enter on a source opens its record over the
/// sources), and Esc or q closes the top one.
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
        /// The record whose sources these are.
        record: Record,
        /// Every source the record cites (`entries` holds those a filter lets through).
        all: Vec<SourceEntry>,
        /// The filter on the list, and whether its line has the keyboard.
        filter: Option<(String, bool)>,
        /// Per entry, where the filter matched it.
        hits: Vec<Option<crate::search::RecordMatch>>,
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
    /// One record whole: every field, its disputes and its sources, scrollable.
    Record {
        /// The record shown.
        record: Record,
        /// The first row shown (the drawing clamps it, and says where it stopped).
        scroll: usize,
    },
    /// A web address the opener could not open, to be read and copied.
    Url {
        /// The address.
        url: String,
        /// What went wrong.
        why: String,
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
    /// Counts the dossiers shown so far: drawing caches keyed by it never outlive their text.
    pub revision: u64,
    /// A dossier has loaded (false while a file that never loaded is shown on the errors panel).
    pub loaded: bool,
    /// The focused pane.
    pub focus: Pane,
    /// The focused pane fills the screen.
    pub zoom: bool,
    /// The selected career stage (None only when the dossier has no stages).
    pub stage: Option<usize>,
    /// The terminal size.
    pub size: (u16, u16),
    /// What the last frame used: where each pane, list and overlay went.
    pub layout: Layout,
    /// The timeline's rows, by stage index: every stage, or the ones a filter lets through.
    pub timeline_rows: Vec<usize>,
    /// The timeline's scroll (its selection is the stage's row).
    pub timeline: Cursor,
    /// The trophies pane rows: titles won, finals lost, key matches, each group oldest first.
    pub trophy_rows: Vec<TrophyRow>,
    /// The trophies pane selection.
    pub trophies: Cursor,
    /// The offer shown (None only when the dossier has no offers).
    pub offer: Option<usize>,
    /// The offer pane rows.
    pub offer_rows: Vec<OfferRow>,
    /// The offer pane selection.
    pub offer_cursor: Cursor,
    /// The quotes listed, by index in the dossier: search hits best first, or all, oldest first.
    pub quote_rows: Vec<usize>,
    /// The quotes pane selection.
    pub quotes: Cursor,
    /// The quote search.
    pub search: Search,
    /// The filter on another pane's list.
    pub filter: Filter,
    /// The overlays open, the top one last.
    pub overlays: Vec<Overlay>,
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
    /// Per trophy, the byte where the part of its name that tells it from the others starts
    /// (`Torneo Apertura…` in `Categoría Primera A – Torneo Apertura…`); 0 when all of it does.
    pub trophy_telling: Vec<usize>,
    quote_stage: Vec<Option<usize>>,
    quotes_chrono: Vec<usize>,
    offer_quotes: Vec<Vec<usize>>,
    trophies_chrono: Vec<usize>,
    matches_chrono: Vec<usize>,
}

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

/// For each name, the byte where the part that tells it from the others starts: after the
/// longest run of whole words it shares with another name, when something is left after it.
fn telling_parts(names: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| names[i]);
    let shared = |a: &str, b: &str| -> usize {
        // The longest common prefix that ends at a word boundary in both.
        let mut end = 0;
        for ((i, x), y) in a.char_indices().zip(b.chars()) {
            if x != y {
                break;
            }
            if x == ' ' {
                end = i + 1;
            }
        }
        end
    };
    let mut out = vec![0; names.len()];
    for (k, &i) in order.iter().enumerate() {
        // The nearest different name on each side (equal names are told apart by their season).
        let before = order[..k].iter().rev().find(|&&o| names[o] != names[i]);
        let after = order[k + 1..].iter().find(|&&o| names[o] != names[i]);
        let best = [before, after]
            .into_iter()
            .flatten()
            .map(|&other| shared(names[i], names[other]))
            .max()
            .unwrap_or(0);
        // Only a prefix worth dropping, and never the whole name.
        if best >= 8 && best < names[i].len() {
            out[i] = best;
        }
    }
    out
}

impl App {
    /// A browser on `dossier`, with the featured offer (see [`featured_offer`]) shown and the
    /// first stage selected.
    pub fn new(dossier: Dossier) -> Self {
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
        let offer_ids: HashMap<&str, usize> = dossier
            .offers
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let mut offer_quotes = vec![Vec::new(); dossier.offers.len()];
        for &q in &quotes_chrono {
            if let Some(&o) = dossier.quotes[q]
                .offer
                .as_deref()
                .and_then(|id| offer_ids.get(id))
            {
                offer_quotes[o].push(q);
            }
        }
        // Trophies oldest first: by the season's year (`2013-I`, `2012`), its first leg, its
        // stage, then as in the file (`2013-I` before `2013-II`).
        let mut trophies_chrono: Vec<usize> = (0..dossier.trophies.len()).collect();
        trophies_chrono.sort_by_key(|&t| {
            let trophy = &dossier.trophies[t];
            let digits: String = trophy
                .season
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let year = digits.parse::<u32>().unwrap_or(u32::MAX);
            let first_leg = trophy
                .legs
                .iter()
                .filter_map(|l| l.date)
                .map(|d| d.earliest())
                .min();
            let stage = stage_of(&trophy.stage).unwrap_or(usize::MAX);
            (year, trophy.season.len(), first_leg, stage)
        });
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
        let names: Vec<&str> = dossier
            .trophies
            .iter()
            .map(|t| t.competition.as_str())
            .collect();
        let trophy_telling = telling_parts(&names);
        let offer = featured_offer(&dossier);
        let stage = if dossier.stages.is_empty() {
            None
        } else {
            Some(0)
        };

        let mut app = Self {
            dossier: Arc::new(dossier),
            revision: 0,
            loaded: true,
            focus: Pane::Timeline,
            zoom: false,
            stage,
            size: (80, 24),
            layout: Layout::default(),
            timeline_rows: Vec::new(),
            timeline: Cursor::default(),
            trophy_rows: Vec::new(),
            trophies: Cursor::default(),
            offer,
            offer_rows: Vec::new(),
            offer_cursor: Cursor::default(),
            quote_rows: Vec::new(),
            quotes: Cursor::default(),
            search: Search::default(),
            filter: Filter::default(),
            overlays: Vec::new(),
            message: None,
            mouse: true,
            errors: None,
            quit: false,
            stage_years,
            axis,
            trophy_counts: (titles, finals, conference),
            trophy_telling,
            quote_stage,
            quotes_chrono,
            offer_quotes,
            trophies_chrono,
            matches_chrono,
        };
        app.rebuild_timeline_rows();
        app.rebuild_offer_rows();
        app.rebuild_trophy_rows();
        app.rebuild_quote_rows(None);
        if let Some(s) = stage {
            app.select_stage(s, None, None);
        }
        app.follow();
        app
    }

    /// A browser on a file that has never loaded: the errors panel fills the screen and has the
    /// keyboard, over an empty dossier; the first save that loads shows the dossier.
    pub fn broken(file: &str, error: &crate::load::LoadError) -> Self {
        let empty = Dossier {
            subject: crate::model::Subject {
                name: file.into(),
                full_name: None,
                born: None,
                nationality: None,
                nickname: None,
                summary: None,
                sources: Vec::new(),
                disputes: Vec::new(),
            },
            sources: Vec::new(),
            stages: Vec::new(),
            trophies: Vec::new(),
            matches: Vec::new(),
            offers: Vec::new(),
            quotes: Vec::new(),
        };
        let mut app = App::new(empty);
        app.loaded = false;
        app.errors = Some(ErrorsPanel::new(
            file,
            &error.diagnostics,
            error.text.as_deref(),
        ));
        app.complain(format!(
            "{} does not load: fix it and save, the browser follows",
            format::safe(file)
        ));
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

    /// The search hit for a quote, while a search lists it.
    pub fn hit_for(&self, quote: usize) -> Option<&Hit> {
        self.search.hits.as_ref()?.iter().find(|h| h.quote == quote)
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

    /// How many rows a pane's list showed in the last frame.
    pub fn list_height(&self, pane: Pane) -> usize {
        self.layout.list_height(pane)
    }

    /// The errors panel has the keyboard.
    pub fn errors_focused(&self) -> bool {
        self.errors.as_ref().is_some_and(|e| e.shown && e.focused)
    }

    /// The overlay on top, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// The record view is on top.
    pub fn record_open(&self) -> bool {
        matches!(self.overlay(), Some(Overlay::Record { .. }))
    }

    /// The record selected in a pane.
    pub fn selected_record(&self, pane: Pane) -> Option<Record> {
        match pane {
            Pane::Timeline => self.stage.map(Record::Stage),
            Pane::Trophies => self.selected_trophy_row()?.record(),
            Pane::Offer => self.selected_offer_row()?.record(self.offer?),
            Pane::Quotes => self.selected_quote().map(Record::Quote),
        }
    }

    /// The record the keys act on now: the record view's, the selected source in the sources
    /// overlay, or the focused pane's selection.
    pub fn current_record(&self) -> Option<Record> {
        match self.overlay() {
            Some(Overlay::Record { record, .. }) => Some(*record),
            Some(Overlay::Sources {
                entries, cursor, ..
            }) => entries
                .get(cursor.selected)
                .and_then(|e| e.source)
                .map(Record::Source),
            Some(_) => None,
            None => self.selected_record(self.focus),
        }
    }

    /// The first selectable row of the trophies pane (the heading above it stays in view).
    pub fn first_trophy_item(&self) -> Option<usize> {
        self.trophy_rows.iter().position(TrophyRow::is_item)
    }

    /// The first selectable row of the offer pane.
    pub fn first_offer_item(&self) -> Option<usize> {
        self.offer_rows.iter().position(OfferRow::is_item)
    }

    /// A pane's cursor as a list of `height` rows shows it: the drawing code and
    /// [`App::follow`] both scroll through here, so they agree on the rows shown.
    pub fn shown_cursor(&self, pane: Pane, height: usize) -> Cursor {
        match pane {
            Pane::Timeline => Cursor {
                selected: self.timeline_row().unwrap_or(0),
                offset: self.timeline.offset,
            }
            .followed(self.timeline_rows.len(), height, None),
            Pane::Trophies => {
                self.trophies
                    .followed(self.trophy_rows.len(), height, self.first_trophy_item())
            }
            Pane::Offer => {
                self.offer_cursor
                    .followed(self.offer_rows.len(), height, self.first_offer_item())
            }
            Pane::Quotes => self.quotes.followed(self.quote_rows.len(), height, None),
        }
    }

    /// Applies one action. Returns the side effect, if any, for the event loop to perform.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Resize { .. }
                | Action::Layout(_)
                | Action::Report(_)
                | Action::Reloaded(_)
                | Action::SearchResults { .. }
        ) {
            self.message = None;
        }
        let effect = match action {
            Action::Layout(layout) => {
                self.layout = *layout;
                self.take_overlay_scroll();
                None
            }
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
            Action::OpenFailed { url, why } => {
                self.overlays.push(Overlay::Url {
                    url,
                    why: why.clone(),
                });
                self.complain(why);
                None
            }
            action if self.sources_filter_editing() => self.update_sources_filter(action),
            action if !self.overlays.is_empty() => self.update_overlay(action),
            action if self.filter.editing => self.update_filter(action),
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
            Action::OpenRecord => self.open_record(),
            Action::JumpToStage => self.jump_to_stage(),
            Action::ToggleZoom => self.zoom = !self.zoom,
            Action::OpenSearch => self.open_filter(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::ClearSearch => {
                // The focused pane's filter first; else whichever is on.
                let quotes_on = self.search.hits.is_some() || self.search.pending;
                if self.filter.pane == Some(self.focus) || (!quotes_on && self.filter.active()) {
                    self.clear_filter();
                } else if quotes_on {
                    self.clear_search();
                }
            }
            Action::ShowSources => self.show_sources(),
            Action::ShowDisputes => self.show_disputes(),
            Action::ShowHelp => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::OpenUrl => return self.open_selected_url(),
            Action::Copy => return self.copy(),
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
            Action::Wheel { x, y, down } => self.wheel(x, y, down),
            Action::CloseOverlay
            | Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchClearLine
            | Action::SearchSubmit
            | Action::SearchCancel
            | Action::Quit
            | Action::Resize { .. }
            | Action::Layout(_)
            | Action::Report(_)
            | Action::OpenFailed { .. }
            | Action::HideErrors
            | Action::Reloaded(_)
            | Action::SearchResults { .. } => {}
        }
        None
    }

    /// The wheel scrolls the pane under the pointer, focused or not; only over the timeline does
    /// it change the stage.
    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        if self.layout.errors_at(x, y) {
            self.scroll_errors(if down { 3 } else { -3 });
        } else if let Some(pane) = self.layout.pane_at(x, y) {
            let step = if pane == Pane::Timeline { 1 } else { 3 };
            self.move_selection(pane, if down { step } else { -step });
        }
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
        let page = self
            .layout
            .overlay
            .map_or(1, |o| o.page.saturating_sub(1).max(1)) as isize;
        match action {
            Action::CloseOverlay => {
                self.overlays.pop();
            }
            Action::ShowHelp => {
                // `?` closes the help it opened, and opens it over any other overlay.
                if matches!(self.overlay(), Some(Overlay::Help { .. })) {
                    self.overlays.pop();
                } else {
                    self.overlays.push(Overlay::Help { scroll: 0 });
                }
            }
            Action::Up => self.scroll_overlay(-1),
            Action::Down => self.scroll_overlay(1),
            Action::PageUp => self.scroll_overlay(-page),
            Action::PageDown => self.scroll_overlay(page),
            Action::Top => self.scroll_overlay(isize::MIN),
            Action::Bottom => self.scroll_overlay(isize::MAX),
            Action::Wheel { down, .. } => self.scroll_overlay(if down { 3 } else { -3 }),
            Action::Click { x, y } => {
                let inside = self
                    .layout
                    .overlay
                    .is_some_and(|o| o.area.contains(ratatui::layout::Position::new(x, y)));
                if !inside {
                    self.overlays.pop();
                }
            }
            Action::OpenRecord => {
                if let Some(record) = self.current_record()
                    && !self.record_open()
                {
                    self.overlays.push(Overlay::Record { record, scroll: 0 });
                }
            }
            Action::JumpToStage => {
                if let Some(record) = self.current_record() {
                    let stage = record.stage(&self.dossier);
                    self.overlays.clear();
                    self.jump_to(stage, record);
                }
            }
            Action::ShowSources => {
                if let Some(record) = self.current_record() {
                    self.push_sources(record);
                }
            }
            Action::OpenUrl => return self.open_selected_url(),
            Action::Copy => return self.copy(),
            Action::OpenSearch => match self.overlays.last_mut() {
                Some(Overlay::Sources { filter, .. }) => {
                    let query = filter.take().map(|(q, _)| q).unwrap_or_default();
                    *filter = Some((query, true));
                }
                _ => self.say("/ filters the panes and the sources list"),
            },
            Action::ClearSearch => self.filter_sources(None),
            _ => {}
        }
        None
    }

    /// The sources overlay's filter line has the keyboard.
    fn sources_filter_editing(&self) -> bool {
        matches!(
            self.overlay(),
            Some(Overlay::Sources {
                filter: Some((_, true)),
                ..
            })
        )
    }

    /// Keys while the sources overlay's filter line has the keyboard.
    fn update_sources_filter(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Sources {
            filter: Some((query, _)),
            ..
        }) = self.overlay()
        else {
            return None;
        };
        let mut query = query.clone();
        match action {
            Action::SearchInput(c) => query.push(c),
            Action::SearchBackspace => {
                query.pop();
            }
            Action::SearchClearLine => query.clear(),
            Action::SearchSubmit => {
                let keep = !crate::search::Query::parse(&query).is_empty();
                self.filter_sources(keep.then_some((query, false)));
                return None;
            }
            Action::SearchCancel => {
                self.filter_sources(None);
                return None;
            }
            Action::Up => {
                self.scroll_overlay(-1);
                return None;
            }
            Action::Down => {
                self.scroll_overlay(1);
                return None;
            }
            _ => return None,
        }
        self.filter_sources(Some((query, true)));
        None
    }

    /// Sets the sources overlay's filter (None: every source again) and lists what it lets
    /// through, with where each matched.
    fn filter_sources(&mut self, filter: Option<(String, bool)>) {
        let d = Arc::clone(&self.dossier);
        let Some(Overlay::Sources {
            entries,
            cursor,
            all,
            filter: now,
            hits,
            ..
        }) = self.overlays.last_mut()
        else {
            return;
        };
        let query = filter
            .as_ref()
            .map(|(q, _)| crate::search::Query::parse(q))
            .filter(|q| !q.is_empty());
        let kept: Vec<(SourceEntry, Option<crate::search::RecordMatch>)> = all
            .iter()
            .filter_map(|e| match (&query, e.source) {
                (None, _) => Some((e.clone(), None)),
                (Some(q), Some(s)) => {
                    let fields = Record::Source(s).fields(&d);
                    let mut texts: Vec<&str> = fields.iter().map(|(_, t)| t.as_str()).collect();
                    texts.push(&e.cited_for);
                    q.matches(&texts).map(|m| (e.clone(), Some(m)))
                }
                (Some(_), None) => None,
            })
            .collect();
        (*entries, *hits) = kept.into_iter().unzip();
        cursor.selected = cursor.selected.min(entries.len().saturating_sub(1));
        *now = filter;
    }

    /// Scrolls the overlay on top by `delta` lines (or moves the sources selection); the
    /// drawing clamps what it cannot show, and the next layout brings the scroll back in range.
    fn scroll_overlay(&mut self, delta: isize) {
        let lines = self.layout.overlay.map_or(0, |o| o.lines);
        match self.overlays.last_mut() {
            Some(Overlay::Help { scroll })
            | Some(Overlay::Disputes { scroll, .. })
            | Some(Overlay::Record { scroll, .. }) => {
                *scroll = match delta {
                    isize::MIN => 0,
                    isize::MAX => usize::MAX,
                    // Not drawn yet: the next frame clamps what it cannot show.
                    _ if lines == 0 => scroll.saturating_add_signed(delta),
                    _ => offset_by(*scroll, delta, lines),
                };
            }
            Some(Overlay::Sources {
                entries, cursor, ..
            }) if !entries.is_empty() => {
                cursor.selected = offset_by(cursor.selected, delta, entries.len());
            }
            Some(Overlay::Sources { .. } | Overlay::Url { .. }) | None => {}
        }
    }

    /// Takes the scroll the last frame drew the overlay at (it clamps what it cannot show).
    fn take_overlay_scroll(&mut self) {
        let Some(drawn) = self.layout.overlay else {
            return;
        };
        if let Some(
            Overlay::Help { scroll }
            | Overlay::Disputes { scroll, .. }
            | Overlay::Record { scroll, .. },
        ) = self.overlays.last_mut()
        {
            *scroll = drawn.scroll;
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
        let keep = self.selected_quote();
        self.search = Search {
            generation: self.search.generation + 1,
            ..Search::default()
        };
        // Back to every quote, the one the user was on still selected.
        self.rebuild_quote_rows(keep);
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
        self.move_by(pane, delta, false);
    }

    /// Moves a pane's selection by `delta` rows, skipping headings; with `wrap`, round the end
    /// of the list (`n` and `N`), else stopping at it.
    fn move_by(&mut self, pane: Pane, delta: isize, wrap: bool) {
        let step = |len: usize, is_item: &dyn Fn(usize) -> bool, from: usize| {
            if wrap {
                wrap_items(len, is_item, from, delta)
            } else {
                step_items(len, is_item, from, delta)
            }
        };
        match pane {
            Pane::Timeline => {
                let len = self.timeline_rows.len();
                if len > 0 {
                    let at = self.timeline_row().unwrap_or(0);
                    let next = self.timeline_rows[step(len, &|_| true, at)];
                    if Some(next) != self.stage {
                        self.select_stage(next, None, None);
                    }
                }
            }
            Pane::Trophies => {
                let rows = &self.trophy_rows;
                self.trophies.selected =
                    step(rows.len(), &|i| rows[i].is_item(), self.trophies.selected);
            }
            Pane::Offer => {
                let rows = &self.offer_rows;
                self.offer_cursor.selected = step(
                    rows.len(),
                    &|i| rows[i].is_item(),
                    self.offer_cursor.selected,
                );
            }
            Pane::Quotes => {
                self.quotes.selected = step(self.quote_rows.len(), &|_| true, self.quotes.selected);
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
            self.show_offer(next);
        }
    }

    /// Shows another offer in the offer pane.
    fn show_offer(&mut self, offer: usize) {
        if offer < self.dossier.offers.len() && self.offer != Some(offer) {
            self.offer = Some(offer);
            self.rebuild_offer_rows();
        }
    }

    /// Selects a stage; every pane follows: the selection moves to the stage's first trophy or
    /// match and first quote (or to `keep_trophy` / `keep_quote`), and the lists stay in their
    /// one order. A pane with nothing of the stage keeps its selection.
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
        let d = &self.dossier;
        let id = d.stages[stage].id.as_str();
        let rows = &self.trophy_rows;
        let wanted = keep_trophy.and_then(|k| rows.iter().position(|r| *r == k));
        let first_of_stage = rows.iter().position(|r| match r {
            TrophyRow::Trophy(t) => d.trophies[*t].stage == id,
            TrophyRow::Match(m) => d.matches[*m].stage == id,
            TrophyRow::Heading(_) => false,
        });
        if let Some(row) = wanted.or(first_of_stage) {
            self.trophies.selected = row;
        }
        let wanted = keep_quote.and_then(|q| self.quote_rows.iter().position(|&r| r == q));
        let first_of_stage = wanted.or_else(|| {
            self.quote_rows
                .iter()
                .position(|&q| self.quote_stage[q] == Some(stage))
        });
        if let Some(row) = first_of_stage {
            self.quotes.selected = row;
        }
        // The offer pane shows an offer made during the stage, where there is one, and otherwise
        // goes back to the featured offer: an offer from another stage would read as this one's.
        let shown_here = self.offer.is_some_and(|o| d.offers[o].stage == id);
        if !shown_here {
            let here = d.offers.iter().position(|o| o.stage == id);
            let next = here.or_else(|| featured_offer(d));
            if next != self.offer {
                self.offer = next;
                self.rebuild_offer_rows();
            }
        }
    }

    /// The trophies pane rows: titles won, finals lost, key matches, each group in career order.
    fn rebuild_trophy_rows(&mut self) {
        let d = &self.dossier;
        let mut rows = Vec::new();
        for (group, result) in [
            (TrophyGroup::Won, TrophyResult::Won),
            (TrophyGroup::RunnerUp, TrophyResult::RunnerUp),
        ] {
            let members: Vec<TrophyRow> = self
                .trophies_chrono
                .iter()
                .copied()
                .filter(|&t| d.trophies[t].result == result)
                .map(TrophyRow::Trophy)
                .collect();
            if !members.is_empty() {
                rows.push(TrophyRow::Heading(group));
                rows.extend(members);
            }
        }
        if !self.matches_chrono.is_empty() {
            rows.push(TrophyRow::Heading(TrophyGroup::Matches));
            rows.extend(self.matches_chrono.iter().map(|&m| TrophyRow::Match(m)));
        }
        self.trophy_rows = self.filter_trophy_rows(rows);
        let rows = &self.trophy_rows;
        self.trophies = Cursor {
            selected: step_items(rows.len(), |i| rows[i].is_item(), 0, 0),
            offset: 0,
        };
    }

    /// The quotes without a search: all of them, oldest first.
    fn rebuild_quote_rows(&mut self, keep_quote: Option<usize>) {
        self.quote_rows = self.quotes_chrono.clone();
        let selected = keep_quote
            .and_then(|q| self.quote_rows.iter().position(|&r| r == q))
            .or_else(|| {
                let stage = self.stage?;
                self.quote_rows
                    .iter()
                    .position(|&q| self.quote_stage[q] == Some(stage))
            })
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
            rows = self.filter_offer_rows(o, rows);
        }
        self.offer_rows = rows;
        let first = self.first_offer_item().unwrap_or(0);
        self.offer_cursor = Cursor {
            selected: first,
            offset: 0,
        };
    }

    /// How many rows an offer has unfiltered, headings aside.
    fn unfiltered_offer_rows(&self, o: usize) -> usize {
        let offer = &self.dossier.offers[o];
        1 + offer.events.len()
            + self.offer_quotes(o).len()
            + offer.explanations.len()
            + offer.actors.len()
    }

    /// Enter: the selected record, whole.
    fn open_record(&mut self) {
        match self.selected_record(self.focus) {
            Some(record) => self.overlays.push(Overlay::Record { record, scroll: 0 }),
            None => self.complain("Nothing selected"),
        }
    }

    /// `t`: the timeline jumps to the selected record's stage, the record stays selected.
    fn jump_to_stage(&mut self) {
        match self.selected_record(self.focus) {
            Some(record) => {
                let stage = record.stage(&self.dossier);
                let row = self.offer_cursor.selected;
                let offer = self.offer;
                self.jump_to(stage, record);
                // Jumping may show another offer; otherwise stay on the row `t` was pressed on.
                if self.focus == Pane::Offer
                    && self.offer == offer
                    && self.offer_rows.get(row).is_some_and(OfferRow::is_item)
                {
                    self.offer_cursor.selected = row;
                }
            }
            None => self.complain("Nothing selected"),
        }
    }

    fn jump_to(&mut self, stage: Option<usize>, record: Record) {
        let trophy = match record {
            Record::Trophy(t) => Some(TrophyRow::Trophy(t)),
            Record::Match(m) => Some(TrophyRow::Match(m)),
            _ => None,
        };
        let quote = match record {
            Record::Quote(q) => Some(q),
            _ => None,
        };
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

    fn click(&mut self, x: u16, y: u16) {
        if self.layout.errors_at(x, y) {
            if let Some(errors) = &mut self.errors {
                errors.focused = true;
            }
            return;
        }
        if let Some(target) = self.layout.target_at(x, y) {
            self.focus = Pane::Offer;
            match target {
                Target::Offer(o) => self.show_offer(o),
                Target::PrevOffer => self.step_offer(-1),
                Target::NextOffer => self.step_offer(1),
            }
            return;
        }
        let Some(pane) = self.layout.pane_at(x, y) else {
            return;
        };
        if let Some(errors) = &mut self.errors {
            errors.focused = false;
        }
        // The row is read from the layout the user saw; focusing may then resize the panes.
        let row = self.layout.row_at(pane, x, y);
        self.focus = pane;
        let Some(row) = row else {
            return;
        };
        match pane {
            Pane::Timeline => {
                if let Some(&stage) = self.timeline_rows.get(row)
                    && Some(stage) != self.stage
                {
                    self.select_stage(stage, None, None);
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

    /// Keeps every selection visible at the size the last frame was drawn.
    fn follow(&mut self) {
        for pane in Pane::ALL {
            let shown = self.shown_cursor(pane, self.list_height(pane));
            match pane {
                Pane::Timeline => self.timeline = shown,
                Pane::Trophies => self.trophies = shown,
                Pane::Offer => self.offer_cursor = shown,
                Pane::Quotes => self.quotes = shown,
            }
        }
        // A wider screen wraps the errors into fewer rows.
        self.scroll_errors(0);
    }

    /// The keymap contexts in force now.
    pub fn contexts(&self) -> Vec<keymap::Context> {
        if self.errors_focused() && self.overlays.is_empty() && !self.search.editing {
            return vec![keymap::Context::Errors, keymap::Context::Global];
        }
        let editing = self.search.editing || self.filter.editing || self.sources_filter_editing();
        if self.sources_filter_editing() {
            return vec![keymap::Context::Search, keymap::Context::Global];
        }
        keymap::active_contexts(editing, !self.overlays.is_empty(), self.focus)
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
        if let Some(pane) = self.filter.pane
            && self.filter.active()
        {
            let rows = match pane {
                Pane::Timeline => self.timeline_rows.len(),
                Pane::Trophies => self.trophy_rows.len(),
                Pane::Offer => self.offer_rows.len(),
                Pane::Quotes => return Err("a filter on the quotes pane".into()),
            };
            if rows != self.filter.hits.len() {
                return Err(format!("{pane:?}: rows and filter hits disagree"));
            }
        }
        if let Some(hits) = &self.search.hits
            && hits.len() != self.quote_rows.len()
        {
            return Err("quotes: rows and hits disagree".into());
        }
        for overlay in &self.overlays {
            match overlay {
                Overlay::Sources {
                    entries,
                    cursor,
                    record,
                    ..
                } => {
                    if !entries.is_empty() && cursor.selected >= entries.len() {
                        return Err("sources: selection out of range".into());
                    }
                    if !record.exists(&self.dossier) {
                        return Err(format!("sources: {record:?} does not exist"));
                    }
                }
                Overlay::Record { record, .. } if !record.exists(&self.dossier) => {
                    return Err(format!("record view: {record:?} does not exist"));
                }
                _ => {}
            }
        }
        if let Some(errors) = &self.errors {
            let (rows, page) = self.layout.errors_rows;
            if errors.scroll > 0 && errors.scroll + page.max(1) > rows.max(1) {
                return Err("errors: scrolled past the last line".into());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::telling_parts;

    #[test]
    fn trophy_names_keep_the_part_that_tells_them_apart() {
        let names = [
            "Categoría Primera A – Torneo Finalización (Liga Postobón II)",
            "Categoría Primera A – Torneo Apertura (Liga Postobón I)",
            "Copa Colombia (Copa Postobón)",
            "Copa Sudamericana",
            "Copa Colombia (Copa Postobón)",
            "Categoría Primera A – Torneo Apertura (Liga Postobón I)",
        ];
        let cut = telling_parts(&names);
        assert_eq!(&names[0][cut[0]..], "Finalización (Liga Postobón II)");
        assert_eq!(&names[1][cut[1]..], "Apertura (Liga Postobón I)");
        // "Copa " is too short a prefix to drop; equal names keep all of themselves.
        assert_eq!(cut[2..5], [0, 0, 0]);
        // A name twice still gets the part that tells it from the next different one.
        assert_eq!(&names[5][cut[5]..], "Apertura (Liga Postobón I)");
    }
}
