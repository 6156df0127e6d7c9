//! `/` filters the focused pane: the timeline's stages, the trophies and key matches, the offer's
//! rows. The query speaks fzf's extended syntax (`crate::search::Query`: terms that must all
//! match, `'exact`, `^start`, `end$`, `!not`, `a | b`); the list shows only what matches, in its
//! one order, each row with the characters that matched. `n` and `N` step between the matches.
//! (In the quotes pane `/` is the ranked quote search, which has its own worker.)

use super::{App, Effect, Pane, Record};
use crate::search::{Query, RecordMatch};
use crate::tui::action::Action;
use crate::tui::format;
use crate::tui::state::{OfferRow, TrophyRow};

/// A filter on one pane's list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// The pane filtered (never the quotes: their search is their filter).
    pub pane: Option<Pane>,
    /// What has been typed.
    pub query: String,
    /// The filter line has the keyboard.
    pub editing: bool,
    /// Per row of the filtered list, the match behind it (None for a heading).
    pub hits: Vec<Option<RecordMatch>>,
}

impl Filter {
    /// A filter with something typed is narrowing the pane's list.
    pub fn active(&self) -> bool {
        self.pane.is_some() && !Query::parse(&self.query).is_empty()
    }
}

impl App {
    /// `/`: the quote search in the quotes pane; elsewhere a filter on the focused pane.
    pub(super) fn open_filter(&mut self) {
        if self.focus == Pane::Quotes {
            self.search.editing = true;
            return;
        }
        if self.filter.pane != Some(self.focus) {
            // One pane is filtered at a time: the last one gets its whole list back.
            self.clear_filter();
            self.filter.pane = Some(self.focus);
        }
        self.filter.editing = true;
    }

    /// Keys while the filter line has the keyboard.
    pub(super) fn update_filter(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::SearchInput(c) => {
                self.filter.query.push(c);
                self.apply_filter();
            }
            Action::SearchBackspace => {
                self.filter.query.pop();
                self.apply_filter();
            }
            Action::SearchClearLine => {
                self.filter.query.clear();
                self.apply_filter();
            }
            Action::SearchSubmit => {
                self.filter.editing = false;
                if !self.filter.active() {
                    self.clear_filter();
                }
            }
            Action::SearchCancel => self.clear_filter(),
            Action::Up | Action::Down => {
                if let Some(pane) = self.filter.pane {
                    self.move_selection(pane, if action == Action::Up { -1 } else { 1 });
                }
            }
            Action::Click { .. } | Action::Wheel { .. } => return self.update_panes(action),
            _ => {}
        }
        None
    }

    /// Drops the filter: the pane lists everything again, the selected record still selected.
    pub(super) fn clear_filter(&mut self) {
        let Some(pane) = self.filter.pane else {
            self.filter = super::Filter::default();
            return;
        };
        let keep = self.selected_record(pane);
        self.filter = super::Filter::default();
        self.rebuild_pane(pane);
        self.reselect(pane, keep);
    }

    /// Rebuilds the filtered pane's rows for the query as it is now.
    pub(super) fn apply_filter(&mut self) {
        if let Some(pane) = self.filter.pane {
            let keep = self.selected_record(pane);
            self.rebuild_pane(pane);
            self.reselect(pane, keep);
        }
    }

    /// Rebuilds one pane's rows (filtered, if the filter is on it).
    fn rebuild_pane(&mut self, pane: Pane) {
        match pane {
            Pane::Timeline => self.rebuild_timeline_rows(),
            Pane::Trophies => self.rebuild_trophy_rows(),
            Pane::Offer => {
                let row = self.offer_cursor;
                self.rebuild_offer_rows();
                self.offer_cursor.offset = row.offset;
            }
            Pane::Quotes => {}
        }
    }

    /// Selects `record` in `pane` where it is still listed, else the first row.
    fn reselect(&mut self, pane: Pane, record: Option<Record>) {
        match pane {
            Pane::Timeline => {
                let stage = match record {
                    Some(Record::Stage(s)) if self.timeline_rows.contains(&s) => Some(s),
                    _ => self.timeline_rows.first().copied(),
                };
                if let Some(s) = stage
                    && Some(s) != self.stage
                {
                    self.select_stage(s, None, None);
                }
            }
            Pane::Trophies => {
                let at = self
                    .trophy_rows
                    .iter()
                    .position(|r| r.record() == record && record.is_some());
                let first = self.first_trophy_item();
                self.trophies.selected = at.or(first).unwrap_or(0);
            }
            Pane::Offer => {
                let offer = self.offer;
                let at = self
                    .offer_rows
                    .iter()
                    .position(|r| offer.is_some_and(|o| r.record(o) == record && record.is_some()));
                let first = self.first_offer_item();
                self.offer_cursor.selected = at.or(first).unwrap_or(0);
            }
            Pane::Quotes => {}
        }
    }

    /// The filter's query, parsed, when it is on `pane`.
    pub(super) fn filter_on(&self, pane: Pane) -> Option<Query> {
        (self.filter.pane == Some(pane))
            .then(|| Query::parse(&self.filter.query))
            .filter(|q| !q.is_empty())
    }

    /// Whether `record` passes the filter `query`, and where it matched.
    pub(super) fn filter_match(&self, query: &Query, record: Record) -> Option<RecordMatch> {
        let fields = record.fields(&self.dossier);
        let texts: Vec<&str> = fields.iter().map(|(_, t)| t.as_str()).collect();
        query.matches(&texts)
    }

    /// The match behind a row of a pane's list, while a filter is on it.
    pub fn filter_hit(&self, pane: Pane, row: usize) -> Option<&RecordMatch> {
        if self.filter.pane != Some(pane) {
            return None;
        }
        self.filter.hits.get(row)?.as_ref()
    }

    /// What the filter found: `3 of 15 stages` (None without a filter).
    pub fn filter_count(&self) -> Option<String> {
        let pane = self.filter.pane?;
        if !self.filter.active() {
            return None;
        }
        let shown = self.filter.hits.iter().flatten().count();
        let d = &self.dossier;
        Some(match pane {
            Pane::Timeline => format!(
                "{} of {}",
                format::thousands(shown),
                format::count(d.stages.len(), "stage", "stages")
            ),
            Pane::Trophies => format!(
                "{} of {}",
                format::thousands(shown),
                format::count(
                    d.trophies.len() + d.matches.len(),
                    "trophy or match",
                    "trophies and matches"
                )
            ),
            Pane::Offer => {
                let all = self.offer.map_or(0, |o| self.unfiltered_offer_rows(o));
                format!(
                    "{} of {}",
                    format::thousands(shown),
                    format::count(all, "row", "rows")
                )
            }
            Pane::Quotes => String::new(),
        })
    }

    /// `n` / `N`: the next or previous match in the focused pane (the rows of a filtered list, the
    /// hits of the quote search), round the end.
    pub(super) fn step_match(&mut self, forward: bool) {
        let pane = self.focus;
        let searching = pane == Pane::Quotes && self.search.hits.is_some();
        if !searching && self.filter_on(pane).is_none() {
            self.say("Nothing to step through: / filters this pane");
            return;
        }
        self.move_by(pane, if forward { 1 } else { -1 }, true);
    }

    /// The timeline's rows: every stage, or those the filter lets through.
    pub(super) fn rebuild_timeline_rows(&mut self) {
        let len = self.dossier.stages.len();
        let Some(query) = self.filter_on(Pane::Timeline) else {
            self.timeline_rows = (0..len).collect();
            self.set_hits(Pane::Timeline, Vec::new());
            return;
        };
        let (rows, hits): (Vec<usize>, Vec<Option<RecordMatch>>) = (0..len)
            .filter_map(|s| Some((s, Some(self.filter_match(&query, Record::Stage(s))?))))
            .unzip();
        self.timeline_rows = rows;
        self.set_hits(Pane::Timeline, hits);
    }

    /// Keeps only the trophy rows the filter lets through (and the headings of their groups).
    pub(super) fn filter_trophy_rows(&mut self, rows: Vec<TrophyRow>) -> Vec<TrophyRow> {
        let Some(query) = self.filter_on(Pane::Trophies) else {
            self.set_hits(Pane::Trophies, Vec::new());
            return rows;
        };
        let kept = self.filter_rows(&query, rows, |r| r.record(), TrophyRow::is_item);
        let (rows, hits) = kept.into_iter().unzip();
        self.set_hits(Pane::Trophies, hits);
        rows
    }

    /// Keeps only the offer rows the filter lets through (and the headings of their sections).
    pub(super) fn filter_offer_rows(&mut self, offer: usize, rows: Vec<OfferRow>) -> Vec<OfferRow> {
        let Some(query) = self.filter_on(Pane::Offer) else {
            self.set_hits(Pane::Offer, Vec::new());
            return rows;
        };
        let kept = self.filter_rows(&query, rows, |r| r.record(offer), OfferRow::is_item);
        let (rows, hits) = kept.into_iter().unzip();
        self.set_hits(Pane::Offer, hits);
        rows
    }

    /// The rows that match, each with its match, and the headings that still head one.
    fn filter_rows<R: Copy>(
        &self,
        query: &Query,
        rows: Vec<R>,
        record: impl Fn(&R) -> Option<Record>,
        is_item: impl Fn(&R) -> bool,
    ) -> Vec<(R, Option<RecordMatch>)> {
        let mut kept: Vec<(R, Option<RecordMatch>)> = Vec::new();
        let mut heading: Option<R> = None;
        for row in rows {
            if !is_item(&row) {
                heading = Some(row);
                continue;
            }
            let Some(hit) = record(&row).and_then(|r| self.filter_match(query, r)) else {
                continue;
            };
            if let Some(h) = heading.take() {
                kept.push((h, None));
            }
            kept.push((row, Some(hit)));
        }
        kept
    }

    fn set_hits(&mut self, pane: Pane, hits: Vec<Option<RecordMatch>>) {
        if self.filter.pane == Some(pane) {
            self.filter.hits = hits;
        }
    }

    /// The row of the timeline that shows the selected stage.
    pub fn timeline_row(&self) -> Option<usize> {
        let stage = self.stage?;
        self.timeline_rows.iter().position(|&s| s == stage)
    }
}
