//! What the keys do with a record: its sources (`s`), its disputes (`d`), its URL (`o`) and its
//! citation (`y`).

use super::{App, Effect, Overlay};
use crate::model::{Dispute, Dossier};
use crate::tui::format;
use crate::tui::state::{Cursor, DisputeEntry, Record, source_entries};

impl App {
    /// `s`: the sources of the record the keys act on.
    pub(super) fn show_sources(&mut self) {
        match self.current_record() {
            Some(record) => self.push_sources(record),
            None => self.complain("Nothing selected"),
        }
    }

    /// Opens the sources overlay of `record` (a source shows itself).
    pub(super) fn push_sources(&mut self, record: Record) {
        let d = &self.dossier;
        let entries = source_entries(d, record.citations(d));
        let title = format!("{} ({})", record.label(d), record.kind());
        self.overlays.push(Overlay::Sources {
            title,
            all: entries.clone(),
            entries,
            cursor: Cursor::default(),
            record,
            filter: None,
            hits: Vec::new(),
        });
    }

    /// Every disputed fact in the dossier, with its record.
    pub fn all_disputes(&self) -> Vec<DisputeEntry> {
        let d = &self.dossier;
        let mut out = Vec::new();
        let mut add = |record: Record| {
            let label = format!("{} ({})", record.label(d), record.kind());
            out.extend(record.disputes(d).iter().map(|x| DisputeEntry {
                record: label.clone(),
                dispute: x.clone(),
            }));
        };
        add(Record::Subject);
        (0..d.stages.len()).for_each(|i| add(Record::Stage(i)));
        (0..d.trophies.len()).for_each(|i| add(Record::Trophy(i)));
        (0..d.matches.len()).for_each(|i| add(Record::Match(i)));
        (0..d.offers.len()).for_each(|i| add(Record::Offer(i)));
        out
    }

    /// `d`: the selected record's disputed facts, or every one in the dossier when it has none.
    pub(super) fn show_disputes(&mut self) {
        let d = &self.dossier;
        let own: Option<(String, &[Dispute])> = self
            .current_record()
            .map(|r| (format!("{} ({})", r.label(d), r.kind()), r.disputes(d)));
        let (title, entries) = match own {
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
        self.overlays.push(Overlay::Disputes {
            title,
            entries,
            scroll: 0,
        });
    }

    /// `o`: the selected source's URL in the sources overlay; elsewhere the first URL the
    /// record cites.
    pub(super) fn open_selected_url(&mut self) -> Option<Effect> {
        if let Some(Overlay::Url { url, .. }) = self.overlay() {
            let url = url.clone();
            return self.open_url(Some(url));
        }
        let url = self
            .current_record()
            .and_then(|r| first_url(&self.dossier, r));
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
        citation(&self.dossier, Record::Quote(quote))
    }

    /// `y`: the citation of the record the keys act on; in the sources overlay, the selected
    /// source's URL; in the URL overlay, the URL.
    pub(super) fn copy(&mut self) -> Option<Effect> {
        let d = &self.dossier;
        let (text, what) = match self.overlay() {
            Some(Overlay::Url { url, .. }) => (Some(url.clone()), "URL"),
            Some(Overlay::Sources {
                entries, cursor, ..
            }) => {
                let source = entries.get(cursor.selected).and_then(|e| e.source);
                match source.and_then(|s| d.sources[s].url.as_ref().map(|u| u.to_string())) {
                    Some(url) => (Some(url), "URL"),
                    None => (
                        source.and_then(|s| citation(d, Record::Source(s))),
                        "citation",
                    ),
                }
            }
            _ => (
                self.current_record().and_then(|r| citation(d, r)),
                "citation",
            ),
        };
        match text {
            Some(text) => {
                self.say(format!("{what} sent to the clipboard (OSC 52)"));
                Some(Effect::Copy(text))
            }
            None => {
                self.complain("Select a record to copy its citation");
                None
            }
        }
    }
}

/// The first web address a record's sources give.
fn first_url(d: &Dossier, record: Record) -> Option<String> {
    record
        .citations(d)
        .iter()
        .find_map(|(_, id)| d.source(id)?.url.as_ref().map(|u| u.to_string()))
}

/// A source as a citation: `Title, Publisher, 2023-07-08, https://…`.
fn cite_source(s: &crate::model::Source) -> String {
    let mut out = format!("{}, {}", s.title, s.publisher);
    if let Some(date) = s.date {
        out.push_str(&format!(", {date}"));
    }
    if let Some(url) = &s.url {
        out.push_str(&format!(", {url}"));
    }
    out
}

/// The record and where it comes from, as text to paste: a quote as “words” — speaker (role),
/// date; any other record by its name; then its sources.
pub fn citation(d: &Dossier, record: Record) -> Option<String> {
    if !record.exists(d) {
        return None;
    }
    let mut out = match record {
        Record::Quote(q) => {
            let q = &d.quotes[q];
            let mut out = format!("“{}” — {}", q.text, q.speaker);
            if let Some(role) = &q.role {
                out.push_str(&format!(" ({role})"));
            }
            if let Some(date) = q.date {
                out.push_str(&format!(", {date}"));
            }
            out
        }
        Record::Source(s) => return Some(format!("{}.", cite_source(&d.sources[s]))),
        Record::Event { offer, index } => {
            let e = &d.offers[offer].events[index];
            format!("{} ({}): {}", record.label(d), e.date, e.summary)
        }
        Record::Explanation { offer, index } => format!(
            "{}: {}",
            record.label(d),
            d.offers[offer].explanations[index].summary
        ),
        Record::Actor { offer, index } => {
            let a = &d.offers[offer].actors[index];
            format!("{}, {}", record.label(d), a.role)
        }
        other => other.label(d),
    };
    out.push('.');
    let mut seen: Vec<&str> = Vec::new();
    let mut sources = Vec::new();
    for (_, id) in record.citations(d) {
        if let Some(s) = d.source(&id)
            && !seen.contains(&s.id.as_str())
        {
            seen.push(&s.id);
            sources.push(cite_source(s));
        }
    }
    if !sources.is_empty() {
        let label = if sources.len() == 1 {
            "Source"
        } else {
            "Sources"
        };
        out.push_str(&format!(" {label}: {}.", sources.join("; ")));
    }
    Some(out)
}
