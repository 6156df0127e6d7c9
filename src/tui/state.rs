//! The browser's vocabulary, in the dossier's own words: the panes, a cursor in a list, the rows
//! each pane lists and the records they name. It imports only the model, so that the app state,
//! the key table and the drawing code can all use it without importing one another.

use crate::model::{Dispute, Dossier, Id, Text};

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

    /// The pane `delta` places further in focus order (wrapping).
    pub fn step(self, delta: usize) -> Pane {
        Pane::ALL[(self.index() + delta) % Pane::ALL.len()]
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
    /// bottom of a list of `len` rows. The drawing code and the app both call this with the height
    /// the list was drawn at, so the rows the app believes are shown are the rows that are.
    pub fn follow(&mut self, len: usize, height: usize) {
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

    /// This cursor scrolled as [`Cursor::follow`] scrolls it, keeping the row `pinned` (a heading
    /// above a list's first item) in view when the selection is the row after it.
    pub fn followed(mut self, len: usize, height: usize, first_item: Option<usize>) -> Cursor {
        self.follow(len, height);
        if first_item.is_some_and(|i| i == self.selected && i < height.max(1)) {
            self.offset = 0;
        }
        self
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

impl TrophyRow {
    /// A row that can be selected (not a heading).
    pub fn is_item(&self) -> bool {
        !matches!(self, TrophyRow::Heading(_))
    }

    /// The record the row shows.
    pub fn record(&self) -> Option<Record> {
        match *self {
            TrophyRow::Trophy(t) => Some(Record::Trophy(t)),
            TrophyRow::Match(m) => Some(Record::Match(m)),
            TrophyRow::Heading(_) => None,
        }
    }
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

impl OfferRow {
    /// A row that can be selected (not a heading).
    pub fn is_item(&self) -> bool {
        !matches!(self, OfferRow::Heading(_))
    }

    /// The record the row shows, in offer `offer`.
    pub fn record(&self, offer: usize) -> Option<Record> {
        match *self {
            OfferRow::Heading(_) => None,
            OfferRow::Overview => Some(Record::Offer(offer)),
            OfferRow::Event(index) => Some(Record::Event { offer, index }),
            OfferRow::Quote(q) => Some(Record::Quote(q)),
            OfferRow::Explanation(index) => Some(Record::Explanation { offer, index }),
            OfferRow::Actor(index) => Some(Record::Actor { offer, index }),
        }
    }
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

/// One record of the dossier, by index: what a row shows and the record view opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Record {
    /// The person the dossier is about.
    Subject,
    /// A career stage.
    Stage(usize),
    /// A trophy (title won or final lost).
    Trophy(usize),
    /// A key match.
    Match(usize),
    /// An offer as a whole.
    Offer(usize),
    /// A dated event of an offer's chronology.
    Event {
        /// The offer.
        offer: usize,
        /// The event's index in the offer.
        index: usize,
    },
    /// A reported explanation of an offer's outcome.
    Explanation {
        /// The offer.
        offer: usize,
        /// The explanation's index in the offer.
        index: usize,
    },
    /// A person involved in an offer.
    Actor {
        /// The offer.
        offer: usize,
        /// The person's index in the offer.
        index: usize,
    },
    /// A quote.
    Quote(usize),
    /// A source.
    Source(usize),
}

impl Record {
    /// The record still exists in `d` (indices are checked, nothing else).
    pub fn exists(&self, d: &Dossier) -> bool {
        let offer = |o: usize| d.offers.get(o);
        match *self {
            Record::Subject => true,
            Record::Stage(i) => i < d.stages.len(),
            Record::Trophy(i) => i < d.trophies.len(),
            Record::Match(i) => i < d.matches.len(),
            Record::Offer(i) => i < d.offers.len(),
            Record::Event { offer: o, index } => offer(o).is_some_and(|o| index < o.events.len()),
            Record::Explanation { offer: o, index } => {
                offer(o).is_some_and(|o| index < o.explanations.len())
            }
            Record::Actor { offer: o, index } => offer(o).is_some_and(|o| index < o.actors.len()),
            Record::Quote(i) => i < d.quotes.len(),
            Record::Source(i) => i < d.sources.len(),
        }
    }

    /// What kind of record it is, in a word (`stage`, `quote`...).
    pub fn kind(&self) -> &'static str {
        match self {
            Record::Subject => "subject",
            Record::Stage(_) => "stage",
            Record::Trophy(_) => "trophy",
            Record::Match(_) => "match",
            Record::Offer(_) => "offer",
            Record::Event { .. } => "event",
            Record::Explanation { .. } => "explanation",
            Record::Actor { .. } => "person",
            Record::Quote(_) => "quote",
            Record::Source(_) => "source",
        }
    }

    /// A short name for the record, raw (the caller makes it safe to show): `Mexico`,
    /// `Copa Sudamericana 2014`, `Mexico 1-0 Germany`, `Honduras offer, 2023-07`.
    pub fn label(&self, d: &Dossier) -> String {
        if !self.exists(d) {
            return String::new();
        }
        match *self {
            Record::Subject => d.subject.name.to_string(),
            Record::Stage(i) => d.stages[i].team.to_string(),
            Record::Trophy(i) => {
                let t = &d.trophies[i];
                format!("{} {}", t.competition, t.season)
            }
            Record::Match(i) => {
                let m = &d.matches[i];
                format!("{} {} {}", m.home, m.score, m.away)
            }
            Record::Offer(i) => {
                let o = &d.offers[i];
                format!("{} offer, {}", o.team, o.date)
            }
            Record::Event { offer, index } => {
                let o = &d.offers[offer];
                format!("{} offer: {}", o.team, o.events[index].date)
            }
            Record::Explanation { offer, .. } => {
                format!("{} offer: an explanation", d.offers[offer].team)
            }
            Record::Actor { offer, index } => {
                let o = &d.offers[offer];
                format!("{} ({} offer)", o.actors[index].name, o.team)
            }
            Record::Quote(i) => format!("quote by {}", d.quotes[i].speaker),
            Record::Source(i) => d.sources[i].title.to_string(),
        }
    }

    /// The ids the record cites, each with what it is cited for (`stage`, `record (W/D/L)`...),
    /// in the record's order; a source cites itself.
    pub fn citations(&self, d: &Dossier) -> Vec<(String, String)> {
        if !self.exists(d) {
            return Vec::new();
        }
        let cite = |what: &str, ids: &[Id]| -> Vec<(String, String)> {
            ids.iter()
                .map(|id| (what.to_string(), id.to_string()))
                .collect()
        };
        let mut out = match *self {
            Record::Subject => cite("subject", &d.subject.sources),
            Record::Stage(i) => {
                let s = &d.stages[i];
                let mut ids = cite("stage", &s.sources);
                if let Some(record) = &s.record {
                    ids.extend(cite("record (W/D/L)", &record.sources));
                }
                ids
            }
            Record::Trophy(i) => cite("trophy", &d.trophies[i].sources),
            Record::Match(i) => cite("match", &d.matches[i].sources),
            Record::Offer(i) => cite("offer", &d.offers[i].sources),
            Record::Event { offer, index } => {
                let e = &d.offers[offer].events[index];
                cite(&format!("event {}", e.date), &e.sources)
            }
            Record::Explanation { offer, index } => {
                cite("explanation", &d.offers[offer].explanations[index].sources)
            }
            Record::Actor { offer, index } => {
                let a = &d.offers[offer].actors[index];
                cite(&a.name, &a.sources)
            }
            Record::Quote(i) => vec![("quote".to_string(), d.quotes[i].source.to_string())],
            Record::Source(i) => vec![("itself".to_string(), d.sources[i].id.to_string())],
        };
        // Each version of a disputed fact cites its own sources.
        for dispute in self.disputes(d) {
            for version in &dispute.versions {
                out.extend(cite(
                    &format!("disputed {}", dispute.field),
                    &version.sources,
                ));
            }
        }
        out
    }

    /// The record's disputed facts (records that cannot have any have none).
    pub fn disputes<'d>(&self, d: &'d Dossier) -> &'d [Dispute] {
        if !self.exists(d) {
            return &[];
        }
        match *self {
            Record::Subject => &d.subject.disputes,
            Record::Stage(i) => &d.stages[i].disputes,
            Record::Trophy(i) => &d.trophies[i].disputes,
            Record::Match(i) => &d.matches[i].disputes,
            Record::Offer(i) => &d.offers[i].disputes,
            _ => &[],
        }
    }

    /// The stage the record belongs to, by index in the timeline.
    pub fn stage(&self, d: &Dossier) -> Option<usize> {
        if !self.exists(d) {
            return None;
        }
        let id = match *self {
            Record::Stage(i) => return Some(i),
            Record::Trophy(i) => &d.trophies[i].stage,
            Record::Match(i) => &d.matches[i].stage,
            Record::Offer(o)
            | Record::Event { offer: o, .. }
            | Record::Explanation { offer: o, .. }
            | Record::Actor { offer: o, .. } => &d.offers[o].stage,
            Record::Quote(i) => d.quotes[i].stage.as_ref()?,
            Record::Subject | Record::Source(_) => return None,
        };
        d.stage_index(id)
    }

    /// The record's text fields, as a pane filter reads them: (what the field is, its text), the
    /// one its row shows first. Dates and years are included as text (`2015`, `2023-07-08`).
    pub fn fields(&self, d: &Dossier) -> Vec<(&'static str, String)> {
        if !self.exists(d) {
            return Vec::new();
        }
        let opt =
            |label: &'static str, v: &Option<Text>| v.as_ref().map(|v| (label, v.to_string()));
        let mut out: Vec<Option<(&'static str, String)>> = match *self {
            Record::Subject => vec![Some(("name", d.subject.name.to_string()))],
            Record::Stage(i) => {
                let s = &d.stages[i];
                let years = match s.end {
                    Some(end) => format!("{}-{}", s.start.year, end.year),
                    None => format!("{}-", s.start.year),
                };
                vec![
                    Some(("team", s.team.to_string())),
                    Some(("years", years)),
                    Some(("country", s.country.to_string())),
                    opt("league", &s.league),
                    opt("exit", &s.exit_note),
                    opt("summary", &s.summary),
                ]
            }
            Record::Trophy(i) => {
                let t = &d.trophies[i];
                vec![
                    Some(("name", t.competition.to_string())),
                    Some(("season", t.season.to_string())),
                    d.stage(&t.stage).map(|s| ("team", s.team.to_string())),
                    opt("opponent", &t.opponent),
                    opt("summary", &t.summary),
                ]
            }
            Record::Match(i) => {
                let m = &d.matches[i];
                vec![
                    Some(("match", format!("{} {} {}", m.home, m.score, m.away))),
                    Some(("date", m.date.to_string())),
                    Some(("competition", m.competition.to_string())),
                    d.stage(&m.stage).map(|s| ("team", s.team.to_string())),
                    opt("summary", &m.summary),
                ]
            }
            Record::Offer(i) => {
                let o = &d.offers[i];
                vec![
                    opt("appointed", &o.appointed),
                    Some(("by", o.offered_by.to_string())),
                    opt("summary", &o.summary),
                ]
            }
            Record::Event { offer, index } => {
                let e = &d.offers[offer].events[index];
                vec![
                    Some(("event", e.summary.to_string())),
                    Some(("date", e.date.to_string())),
                ]
            }
            Record::Explanation { offer, index } => vec![Some((
                "explanation",
                d.offers[offer].explanations[index].summary.to_string(),
            ))],
            Record::Actor { offer, index } => {
                let a = &d.offers[offer].actors[index];
                vec![
                    Some(("name", a.name.to_string())),
                    Some(("role", a.role.to_string())),
                ]
            }
            Record::Quote(i) => {
                let q = &d.quotes[i];
                vec![
                    Some(("words", q.text.to_string())),
                    Some(("speaker", q.speaker.to_string())),
                    opt("context", &q.context),
                ]
            }
            Record::Source(i) => {
                let s = &d.sources[i];
                vec![
                    Some(("title", s.title.to_string())),
                    Some(("publisher", s.publisher.to_string())),
                    opt("url", &s.url),
                    opt("note", &s.note),
                ]
            }
        };
        out.drain(..).flatten().collect()
    }

    /// The same record in another version of the dossier (after a reload), found by id; parts of
    /// an offer keep their place in it.
    pub fn remap(&self, old: &Dossier, new: &Dossier) -> Option<Record> {
        if !self.exists(old) {
            return None;
        }
        fn find<T>(list: &[T], id: impl Fn(&T) -> &str, wanted: &str) -> Option<usize> {
            list.iter().position(|x| id(x) == wanted)
        }
        let offer = |o: usize| find(&new.offers, |x| &x.id, &old.offers[o].id);
        let found = match *self {
            Record::Subject => Some(Record::Subject),
            Record::Stage(i) => find(&new.stages, |x| &x.id, &old.stages[i].id).map(Record::Stage),
            Record::Trophy(i) => {
                find(&new.trophies, |x| &x.id, &old.trophies[i].id).map(Record::Trophy)
            }
            Record::Match(i) => {
                find(&new.matches, |x| &x.id, &old.matches[i].id).map(Record::Match)
            }
            Record::Offer(o) => offer(o).map(Record::Offer),
            Record::Event { offer: o, index } => {
                offer(o).map(|offer| Record::Event { offer, index })
            }
            Record::Explanation { offer: o, index } => {
                offer(o).map(|offer| Record::Explanation { offer, index })
            }
            Record::Actor { offer: o, index } => {
                offer(o).map(|offer| Record::Actor { offer, index })
            }
            Record::Quote(i) => find(&new.quotes, |x| &x.id, &old.quotes[i].id).map(Record::Quote),
            Record::Source(i) => {
                find(&new.sources, |x| &x.id, &old.sources[i].id).map(Record::Source)
            }
        };
        found.filter(|r| r.exists(new))
    }
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

/// The sources a record cites, one entry per source: a source cited for several things says so
/// once.
pub fn source_entries(d: &Dossier, citations: Vec<(String, String)>) -> Vec<SourceEntry> {
    let mut entries: Vec<SourceEntry> = Vec::new();
    for (what, id) in citations {
        if let Some(e) = entries.iter_mut().find(|e| e.id == id) {
            if !e.cited_for.split(", ").any(|w| w == what) {
                e.cited_for.push_str(", ");
                e.cited_for.push_str(&what);
            }
        } else {
            let source = d.sources.iter().position(|s| s.id == id);
            entries.push(SourceEntry {
                cited_for: what,
                id,
                source,
            });
        }
    }
    entries
}

/// A disputed fact, with the record it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct DisputeEntry {
    /// The record (`Mexico (stage)`).
    pub record: String,
    /// The dispute.
    pub dispute: Dispute,
}

/// `from + delta` within `0..len` (saturating at both ends; `len == 0` gives 0).
pub fn offset_by(from: usize, delta: isize, len: usize) -> usize {
    let last = len.saturating_sub(1);
    if delta < 0 {
        from.saturating_sub(delta.unsigned_abs()).min(last)
    } else {
        from.saturating_add(delta.unsigned_abs()).min(last)
    }
}

/// Moves from `from` by `delta` items (not headings), round the end of a list of `len` rows.
pub fn wrap_items(len: usize, is_item: impl Fn(usize) -> bool, from: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    let step = if delta < 0 { -1 } else { 1 };
    let mut at = from.min(len - 1);
    for _ in 0..delta.unsigned_abs().clamp(1, len) {
        for _ in 0..len {
            at = (at as isize + step).rem_euclid(len as isize) as usize;
            if is_item(at) {
                break;
            }
        }
    }
    if is_item(at) { at } else { from.min(len - 1) }
}

/// Moves from `from` by `delta` within `0..len`, landing on an item: when the row reached is a
/// heading, the nearest item in the direction of travel, else the nearest one back.
pub fn step_items(len: usize, is_item: impl Fn(usize) -> bool, from: usize, delta: isize) -> usize {
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
