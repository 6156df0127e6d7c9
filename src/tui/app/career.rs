//! The career record (`r`): every stage's W-D-L record at a glance, oldest first, as
//! [`crate::career::stage_records`] gives it. This is its state and its keys: which stage is
//! selected, where the table is scrolled, and what Enter, `t`, `s`, `y` and `o` act on (the
//! selected stage). How it is drawn is `overlays::career`'s.

use std::ops::Range;

use super::{App, Overlay};
use crate::career::{StageRecord, stage_records};
use crate::tui::state::Record;

/// A row of the career record's table: one version of a stage's record, or the stage's only
/// row when no source gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CareerRow {
    /// The stage, by position in the records (oldest first).
    pub record: usize,
    /// The version of its record, by position in its versions (None: no sourced record).
    pub version: Option<usize>,
}

/// The table's rows: a row per version of each stage's record, one for a stage without one.
pub fn career_rows(records: &[StageRecord]) -> Vec<CareerRow> {
    records
        .iter()
        .enumerate()
        .flat_map(|(record, r)| {
            let versions: Vec<Option<usize>> = if r.versions.is_empty() {
                vec![None]
            } else {
                (0..r.versions.len()).map(Some).collect()
            };
            versions
                .into_iter()
                .map(move |version| CareerRow { record, version })
        })
        .collect()
}

/// The rows stage `record` takes in the table.
pub fn stage_rows(records: &[StageRecord], record: usize) -> Range<usize> {
    let height = |r: &StageRecord| r.versions.len().max(1);
    let start: usize = records.iter().take(record).map(height).sum();
    start..start + records.get(record).map_or(0, height)
}

/// The first row to show so that the selected stage's rows are in a page of `page` rows, moving
/// `scroll` as little as can be, and no empty rows below the last.
pub fn career_follow(
    records: &[StageRecord],
    selected: usize,
    scroll: usize,
    page: usize,
) -> usize {
    let total: usize = records.iter().map(|r| r.versions.len().max(1)).sum();
    let rows = stage_rows(records, selected);
    let mut scroll = scroll;
    if page == 0 {
        return scroll.min(rows.start);
    }
    if rows.end > scroll + page {
        scroll = rows.end - page;
    }
    // A stage taller than the page shows its first rows.
    if rows.start < scroll {
        scroll = rows.start;
    }
    scroll = scroll.min(total.saturating_sub(page));
    // A stage cut at the top would show versions without their stage's name: the first row
    // shown is a stage's first, even if rows are left empty at the bottom.
    let above = (0..records.len()).find(|&i| stage_rows(records, i).contains(&scroll));
    if let Some(i) = above {
        let cut = stage_rows(records, i);
        if cut.start != scroll && cut.end <= rows.start {
            scroll = cut.end;
        }
    }
    scroll
}

impl App {
    /// `r`: the career record, with the selected stage selected. Over an overlay, `r` goes back
    /// to the career record when one is open under it, and closes it when it is on top.
    pub(super) fn show_records(&mut self) {
        if matches!(self.overlay(), Some(Overlay::Career { .. })) {
            self.overlays.pop();
            return;
        }
        if let Some(at) = self
            .overlays
            .iter()
            .rposition(|o| matches!(o, Overlay::Career { .. }))
        {
            self.overlays.truncate(at + 1);
            return;
        }
        let d = &self.dossier;
        // The stage of the record being read (a stage's record view), else the timeline's.
        let stage = if self.overlays.is_empty() {
            self.stage
        } else {
            self.current_record()
                .and_then(|r| r.stage(d))
                .or(self.stage)
        };
        let records = stage_records(d);
        if records.is_empty() {
            self.say("No career stages in this dossier");
            return;
        }
        let selected = stage
            .and_then(|s| records.iter().position(|r| r.stage == d.stages[s].id))
            .unwrap_or(0);
        self.overlays.push(Overlay::Career {
            records,
            selected,
            scroll: 0,
        });
    }

    /// The stage selected in the career record, as a record of the dossier.
    pub(super) fn career_record(&self, records: &[StageRecord], selected: usize) -> Option<Record> {
        let r = records.get(selected)?;
        self.dossier.stage_index(&r.stage).map(Record::Stage)
    }

    /// Moves the career record's selection by `delta` rows of its table, a stage at least
    /// (`isize::MIN`/`MAX` for the first/last), and scrolls to keep it in view.
    pub(super) fn move_career(&mut self, delta: isize) {
        let page = self.layout.overlay.map_or(0, |o| o.page);
        let Some(Overlay::Career {
            records,
            selected,
            scroll,
        }) = self.overlays.last_mut()
        else {
            return;
        };
        if records.is_empty() {
            return;
        }
        let rows = career_rows(records);
        let last = records.len() - 1;
        let next = match delta {
            isize::MIN => 0,
            isize::MAX => last,
            _ => {
                let from = stage_rows(records, *selected).start;
                let to = from.saturating_add_signed(delta).min(rows.len() - 1);
                let at = rows[to].record;
                // One row on is still this stage when it has several versions: the next one.
                match at == *selected {
                    true if delta > 0 => (*selected + 1).min(last),
                    true if delta < 0 => selected.saturating_sub(1),
                    _ => at,
                }
            }
        };
        *selected = next;
        *scroll = career_follow(records, next, *scroll, page);
    }

    /// A click on a row of the career record selects its stage.
    pub(super) fn click_career(&mut self, x: u16, y: u16) {
        let Some(drawn) = self.layout.overlay else {
            return;
        };
        if !drawn.list.contains(ratatui::layout::Position::new(x, y)) {
            return;
        }
        let row = drawn.scroll + usize::from(y - drawn.list.y);
        if let Some(Overlay::Career {
            records, selected, ..
        }) = self.overlays.last_mut()
            && let Some(r) = career_rows(records).get(row)
        {
            *selected = r.record;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::career::stage_records;

    fn records() -> Vec<StageRecord> {
        let d: crate::model::Dossier =
            serde_yaml::from_str(include_str!("../../../tests/fixtures/tui.yaml"))
                .expect("the fixture parses");
        stage_records(&d)
    }

    #[test]
    fn a_stage_takes_a_row_per_version_and_one_without_a_record() {
        let records = records();
        let rows = career_rows(&records);
        // Chicago Fire: none; New York Red Bulls: three versions.
        assert_eq!(
            rows[0],
            CareerRow {
                record: 0,
                version: None
            }
        );
        assert_eq!(stage_rows(&records, 1), 1..4);
        assert_eq!(
            rows[3],
            CareerRow {
                record: 1,
                version: Some(2)
            }
        );
        assert_eq!(rows.len(), records.len() + 2);
    }

    #[test]
    fn the_scroll_keeps_the_selected_stage_whole_in_view() {
        let records = records();
        // The Red Bulls' three rows in a page of two: their first two.
        assert_eq!(career_follow(&records, 1, 0, 2), 1);
        // In a page of four from the top: all of them, from the first row.
        assert_eq!(career_follow(&records, 1, 0, 4), 0);
        // Back up to the first stage.
        assert_eq!(career_follow(&records, 0, 3, 3), 0);
        // Never a stage cut at the top: Zamalek in six rows from the Once Caldas row, not
        // from the Red Bulls' second version (leaving two rows empty below).
        assert_eq!(career_follow(&records, records.len() - 1, 0, 6), 4);
        // Never past the last page.
        let total = career_rows(&records).len();
        assert_eq!(career_follow(&records, records.len() - 1, 0, 3), total - 3);
    }
}
