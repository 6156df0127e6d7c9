//! Live reload: a new version of the dossier replaces the old one where the user was (pane,
//! stage, selections, search, overlay), and a version that does not load leaves the old one on
//! screen with the errors panel.

use super::{App, Cursor, Effect, OfferRow, Overlay, TrophyRow};
use crate::model::Dossier;
use crate::tui::action::Action;
use crate::tui::errors::ErrorsPanel;
use crate::tui::format;
use crate::tui::state::offset_by;
use crate::watch::Reloaded;

impl App {
    /// Applies a reload: the new dossier, or the errors of a file that does not load now. Asks
    /// for the search to run again on the new quotes when one is active.
    pub(super) fn reloaded(&mut self, reloaded: Reloaded) -> Option<Effect> {
        let file = format::safe(&reloaded.file);
        match reloaded.result {
            Ok(dossier) => {
                let had_errors = self.errors.take().is_some();
                let first = !self.loaded;
                let effect = self.replace_dossier(dossier);
                self.say(if first {
                    format!("{file} loads: showing it")
                } else if had_errors {
                    format!("{file} loads again: reloaded")
                } else {
                    format!("Reloaded {file}")
                });
                effect
            }
            Err(error) => {
                let mut panel =
                    ErrorsPanel::new(&reloaded.file, &error.diagnostics, error.text.as_deref());
                // The keyboard stays where the user is typing or reading an overlay.
                panel.focused = self.overlays.is_empty() && !self.search.editing;
                self.errors = Some(panel);
                self.complain(format!(
                    "{file} does not load: still showing the last version that did"
                ));
                None
            }
        }
    }

    /// Shows `dossier` in place of the current one, keeping what the user was looking at: the
    /// focused pane, the stage (by id), each pane's selection where its record still exists (by
    /// id), the search (asked for again on the new quotes) and the open overlay.
    fn replace_dossier(&mut self, dossier: Dossier) -> Option<Effect> {
        let mut old = App::new(dossier);
        std::mem::swap(self, &mut old);
        // `self` is the new state from here; `old` is what was on screen.
        self.revision = old.revision.wrapping_add(1);
        self.size = old.size;
        self.layout = old.layout.clone();
        self.mouse = old.mouse;
        self.focus = old.focus;
        self.zoom = old.zoom;
        self.quit = old.quit;

        let new = &self.dossier;
        let stage = old.stage.and_then(|s| {
            let id = &old.dossier.stages[s].id;
            // A stage that is gone (renamed, deleted): the one now at its place.
            new.stage_index(id)
                .or_else(|| (!new.stages.is_empty()).then(|| s.min(new.stages.len() - 1)))
        });
        let keep_trophy = old.selected_trophy_row().and_then(|row| match row {
            TrophyRow::Trophy(t) => {
                let id = &old.dossier.trophies[t].id;
                new.trophies
                    .iter()
                    .position(|x| &x.id == id)
                    .map(TrophyRow::Trophy)
            }
            TrophyRow::Match(m) => {
                let id = &old.dossier.matches[m].id;
                new.matches
                    .iter()
                    .position(|x| &x.id == id)
                    .map(TrophyRow::Match)
            }
            TrophyRow::Heading(_) => None,
        });
        let quote_index = |q: usize| {
            let id = &old.dossier.quotes[q].id;
            new.quotes.iter().position(|x| &x.id == id)
        };
        let keep_quote = old.selected_quote().and_then(quote_index);
        let offer = old.offer.and_then(|o| {
            let id = &old.dossier.offers[o].id;
            new.offers.iter().position(|x| &x.id == id)
        });
        let offer_row = old.selected_offer_row().and_then(|row| match row {
            OfferRow::Quote(q) => quote_index(q).map(OfferRow::Quote),
            other => Some(other),
        });

        // Results of a search on the old quotes must never reach the new ones.
        self.search.generation = old.search.generation;
        let mut effect = None;
        // Kept even when blank: the spaces typed so far are part of the line being edited.
        self.search.query = old.search.query.clone();
        if !old.search.query.trim().is_empty() {
            effect = self.request_search();
            self.search.keep = keep_quote;
        }
        self.search.editing = old.search.editing;
        // The pane filter too, on the new rows.
        self.filter = super::Filter {
            pane: old.filter.pane,
            query: old.filter.query.clone(),
            editing: old.filter.editing,
            hits: Vec::new(),
        };
        self.apply_filter();
        if let Some(s) = stage {
            self.select_stage(s, keep_trophy, keep_quote);
        }
        if let Some(o) = offer {
            if self.offer != Some(o) {
                self.offer = Some(o);
                self.rebuild_offer_rows();
            }
            if let Some(row) = offer_row.and_then(|r| self.offer_rows.iter().position(|x| *x == r))
            {
                self.offer_cursor.selected = row;
            }
        }
        // The lists stay scrolled where they were; `follow` brings the selections into view.
        self.trophies.offset = old.trophies.offset;
        self.offer_cursor.offset = old.offer_cursor.offset;
        self.quotes.offset = old.quotes.offset;
        self.timeline.offset = old.timeline.offset;

        // Each overlay stays open on the same record in the new dossier; one whose record is
        // gone closes, and the ones above it with it.
        for overlay in &old.overlays {
            let reopened = match overlay {
                Overlay::Help { scroll } => Some(Overlay::Help { scroll: *scroll }),
                Overlay::Url { url, why } => Some(Overlay::Url {
                    url: url.clone(),
                    why: why.clone(),
                }),
                Overlay::Record { record, scroll } => record
                    .remap(&old.dossier, &self.dossier)
                    .map(|record| Overlay::Record {
                        record,
                        scroll: *scroll,
                    }),
                Overlay::Sources { record, cursor, .. } => record
                    .remap(&old.dossier, &self.dossier)
                    .and_then(|record| {
                        self.push_sources(record);
                        let mut reopened = self.overlays.pop();
                        if let Some(Overlay::Sources {
                            entries,
                            cursor: now,
                            ..
                        }) = &mut reopened
                        {
                            *now = Cursor {
                                selected: cursor.selected.min(entries.len().saturating_sub(1)),
                                offset: 0,
                            };
                        }
                        reopened
                    }),
                Overlay::Disputes { scroll, .. } => {
                    let open = self.overlays.len();
                    self.show_disputes();
                    // None to show any more: nothing was opened.
                    if self.overlays.len() > open {
                        self.overlays.pop().map(|mut o| {
                            if let Overlay::Disputes { scroll: now, .. } = &mut o {
                                *now = *scroll;
                            }
                            o
                        })
                    } else {
                        None
                    }
                }
            };
            match reopened {
                Some(o) => self.overlays.push(o),
                None => break,
            }
        }
        // Reopening an overlay may have said something; the reload's own message follows.
        self.message = old.message;
        effect
    }

    /// `e`: show the errors panel and give it the keyboard.
    pub(super) fn focus_errors(&mut self) {
        match &mut self.errors {
            Some(errors) => {
                errors.shown = true;
                errors.focused = true;
            }
            None => self.say("No errors: the file loads"),
        }
    }

    /// Keys while the errors panel has the keyboard.
    pub(super) fn update_errors(&mut self, action: Action) -> Option<Effect> {
        let page = self.errors_height().max(1) as isize;
        match action {
            Action::Up => self.scroll_errors(-1),
            Action::Down => self.scroll_errors(1),
            Action::PageUp => self.scroll_errors(-page),
            Action::PageDown => self.scroll_errors(page),
            Action::Top => self.scroll_errors(isize::MIN),
            Action::Bottom => self.scroll_errors(isize::MAX),
            Action::HideErrors => {
                if let Some(errors) = &mut self.errors {
                    errors.shown = false;
                    errors.focused = false;
                }
            }
            Action::FocusErrors | Action::FocusNext | Action::FocusPrev => {
                if let Some(errors) = &mut self.errors {
                    errors.focused = false;
                }
            }
            Action::Click { .. } | Action::Wheel { .. } => return self.update_panes(action),
            _ => {}
        }
        None
    }

    /// Lines the errors panel showed at once in the last frame.
    fn errors_height(&self) -> usize {
        self.layout.errors_rows.1
    }

    /// Scrolls the errors panel by `delta` lines, without leaving empty lines at the bottom (as
    /// many rows as the last frame wrapped the problems into).
    pub(super) fn scroll_errors(&mut self, delta: isize) {
        let (rows, height) = self.layout.errors_rows;
        if let Some(errors) = &mut self.errors {
            let max = rows.saturating_sub(height.max(1));
            errors.scroll = offset_by(errors.scroll, delta, max + 1);
        }
    }
}
