//! The record view: one record whole, over the panes. Every field the dossier has for it, each
//! under its label and wrapped under its own text; its disputed facts with every version and who
//! gives it; its sources with title, publisher, date and the whole URL. Only the rows on screen
//! are worked out (long texts keep their rows between frames), so a 30 MB quote scrolls as fast
//! as a short one.

use std::hash::{Hash, Hasher};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use crate::model::{Dispute, Dossier, Id, Source, Text};
use crate::search::Field;
use crate::tui::app::{App, Record};
use crate::tui::format::{self, DISPUTED, Para, RowCache};
use crate::tui::layout::OverlayLayout;
use crate::tui::panes::trophies::stage_team;
use crate::tui::state::source_entries;
use crate::tui::theme::Theme;

/// Columns of the label before each field's value.
const LABEL: usize = 13;

/// The view's title: what the record is and its name.
pub fn title(app: &App, record: Record) -> String {
    let d = &app.dossier;
    let kind = record.kind();
    let mut kind = kind[..1].to_uppercase() + &kind[1..];
    if let Record::Stage(s) = record {
        kind = format!(
            "Stage {}/{}",
            format::thousands(s + 1),
            format::thousands(d.stages.len())
        );
    }
    let label = match record {
        Record::Quote(q) if q < d.quotes.len() => {
            let q = &d.quotes[q];
            format!("{}, {}", q.speaker, format::date(q.date.as_ref()))
        }
        other => other.label(d),
    };
    format!("{kind} · {}", format::clip(&label, 80))
}

/// Builds the paragraphs of a record, field by field.
struct Fields<'a> {
    t: &'a Theme,
    /// Names the record for the row cache.
    code: u64,
    revision: u64,
    paras: Vec<Para<'a>>,
}

impl<'a> Fields<'a> {
    fn label(&self, text: &str) -> Vec<Span<'static>> {
        vec![Span::styled(format!("{text:<LABEL$}"), self.t.dim)]
    }

    /// A field from the dossier, under its label.
    fn field(&mut self, label: &str, value: &'a str) {
        let key = (self.revision, self.code, self.paras.len(), 0);
        self.paras.push(
            Para::new(value, Style::new())
                .lead(self.label(label))
                .hang(LABEL)
                .key(key),
        );
    }

    /// A field made for the view (a date, a count), under its label.
    fn made(&mut self, label: &str, value: String) {
        self.paras.push(
            Para::owned(value, Style::new())
                .lead(self.label(label))
                .hang(LABEL),
        );
    }

    fn optional(&mut self, label: &str, value: Option<&'a Text>) {
        if let Some(v) = value {
            self.field(label, v);
        }
    }

    /// A field with search matches highlighted.
    fn matched(&mut self, label: &str, value: &'a str, positions: &'a [usize]) {
        let key = (self.revision, self.code, self.paras.len(), 0);
        self.paras.push(
            Para::new(value, Style::new())
                .lead(self.label(label))
                .hang(LABEL)
                .highlight(positions, self.t.matched)
                .key(key),
        );
    }

    fn blank(&mut self) {
        self.paras.push(Para::new("", Style::new()));
    }

    fn heading(&mut self, text: String) {
        self.blank();
        self.paras.push(Para::owned(text, self.t.heading));
    }

    /// Each disputed fact: what is in question, why, and every version with its sources.
    fn disputes(&mut self, d: &'a Dossier, disputes: &'a [Dispute]) {
        if disputes.is_empty() {
            return;
        }
        self.heading(format!(
            "{DISPUTED} {}",
            format::count(disputes.len(), "disputed fact", "disputed facts")
        ));
        for dispute in disputes {
            self.paras.push(
                Para::new(&dispute.field, self.t.name)
                    .lead(vec![Span::styled(format!("{DISPUTED} "), self.t.disputed)])
                    .hang(2),
            );
            if let Some(note) = &dispute.note {
                self.paras.push(
                    Para::new(note, self.t.dim)
                        .lead(vec![Span::raw("  ")])
                        .hang(2),
                );
            }
            for version in &dispute.versions {
                self.paras.push(
                    Para::new(&version.value, self.t.key)
                        .lead(vec![Span::raw("  • ")])
                        .hang(4),
                );
                for id in &version.sources {
                    self.paras.push(
                        Para::owned(format::cited_source(d, id), Style::new())
                            .lead(vec![Span::raw("      ")])
                            .hang(8),
                    );
                }
            }
        }
    }

    /// The source's fields, the URL whole.
    fn source(&mut self, s: &'a Source) {
        self.field("Title", &s.title);
        self.field("Publisher", &s.publisher);
        self.made("Date", format::date(s.date.as_ref()));
        match &s.url {
            Some(url) => {
                let key = (self.revision, self.code, self.paras.len(), 0);
                self.paras.push(
                    Para::new(url, self.t.key)
                        .lead(self.label("URL"))
                        .hang(LABEL)
                        .key(key),
                );
            }
            None => self.made("URL", "none given".into()),
        }
        self.made("Kind", format!("{:?}", s.kind).to_lowercase());
        self.field("Language", &s.language);
        self.optional("Note", s.note.as_ref());
    }

    /// The record's sources, each whole.
    fn sources(&mut self, d: &'a Dossier, record: Record) {
        let entries = source_entries(d, record.citations(d));
        if entries.is_empty() {
            return;
        }
        self.heading(format::count(entries.len(), "source", "sources"));
        for (i, entry) in entries.into_iter().enumerate() {
            if i > 0 {
                self.blank();
            }
            self.paras.push(Para::owned(
                format!("{}. cited for {}", i + 1, entry.cited_for),
                self.t.dim,
            ));
            match entry.source.map(|s| &d.sources[s]) {
                Some(s) => self.source(s),
                None => self.made("Unknown", format!("no source has the id `{}`", entry.id)),
            }
        }
    }
}

/// The records that cite a source, at most `max` of them, and how many there are.
fn cited_by(d: &Dossier, id: &str, max: usize) -> (Vec<Record>, usize) {
    let cites = |ids: &[Id]| ids.iter().any(|x| x == id);
    let mut all = Vec::new();
    if cites(&d.subject.sources) {
        all.push(Record::Subject);
    }
    let records = (0..d.stages.len())
        .map(Record::Stage)
        .chain((0..d.trophies.len()).map(Record::Trophy))
        .chain((0..d.matches.len()).map(Record::Match))
        .chain((0..d.offers.len()).map(Record::Offer));
    let mut count = 0;
    for r in records {
        if r.citations(d).iter().any(|(_, x)| x == id) {
            count += 1;
            if all.len() < max {
                all.push(r);
            }
        }
    }
    for (i, q) in d.quotes.iter().enumerate() {
        if q.source == id {
            count += 1;
            if all.len() < max {
                all.push(Record::Quote(i));
            }
        }
    }
    (all, count + usize::from(cites(&d.subject.sources)))
}

/// Every paragraph of the record.
fn paras<'a>(app: &'a App, t: &'a Theme, record: Record) -> Vec<Para<'a>> {
    let d: &'a Dossier = &app.dossier;
    let mut hasher = std::hash::DefaultHasher::new();
    record.hash(&mut hasher);
    let mut f = Fields {
        t,
        code: hasher.finish(),
        revision: app.revision,
        paras: Vec::new(),
    };
    if !record.exists(d) {
        return f.paras;
    }
    match record {
        Record::Subject => {
            let s = &d.subject;
            f.field("Name", &s.name);
            f.optional("Full name", s.full_name.as_ref());
            if let Some(born) = &s.born {
                let mut text = format::date(born.date.as_ref());
                if let Some(place) = &born.place {
                    text.push_str(&format!(", {place}"));
                }
                f.made("Born", text);
            }
            f.optional("Nationality", s.nationality.as_ref());
            f.optional("Nickname", s.nickname.as_ref());
            f.optional("Summary", s.summary.as_ref());
        }
        Record::Stage(i) => {
            let s = &d.stages[i];
            f.field("Team", &s.team);
            f.made("Kind", format::kind(s.kind).to_string());
            f.field("Country", &s.country);
            f.optional("League", s.league.as_ref());
            f.made("Start", s.start.to_string());
            f.optional("Start note", s.start_note.as_ref());
            f.made("End", format::date(s.end.as_ref()));
            f.made("How it ended", format::exit(s.exit).to_string());
            f.optional("Exit note", s.exit_note.as_ref());
            if let Some(r) = &s.record {
                let mut text = format!("W-D-L {}-{}-{}", r.won, r.drawn, r.lost);
                if let Some(p) = r.played {
                    text.push_str(&format!(", {p} played"));
                }
                f.made("Record", text);
                f.optional("Record note", r.note.as_ref());
            }
            f.optional("Summary", s.summary.as_ref());
            let trophies = d.trophies.iter().filter(|x| x.stage == s.id).count();
            let matches = d.matches.iter().filter(|x| x.stage == s.id).count();
            let quotes = d
                .quotes
                .iter()
                .filter(|q| q.stage.as_deref() == Some(s.id.as_str()))
                .count();
            f.made(
                "In the panes",
                format!(
                    "{}, {}, {} (marked ▸)",
                    format::count(trophies, "trophy", "trophies"),
                    format::count(matches, "key match", "key matches"),
                    format::count(quotes, "quote", "quotes")
                ),
            );
        }
        Record::Trophy(i) => {
            let x = &d.trophies[i];
            f.field("Competition", &x.competition);
            f.field("Season", &x.season);
            f.made(
                "Result",
                match x.result {
                    crate::model::TrophyResult::Won => "won".into(),
                    crate::model::TrophyResult::RunnerUp => "final lost".into(),
                },
            );
            if x.kind == crate::model::TrophyKind::Conference {
                f.made("Kind", "conference title".into());
            }
            f.made("With", stage_team(d, &x.stage));
            f.optional("Opponent", x.opponent.as_ref());
            f.optional("Aggregate", x.aggregate.as_ref());
            for (n, leg) in x.legs.iter().enumerate() {
                let text = format::leg(leg);
                let label = if x.legs.len() == 1 {
                    "Final".to_string()
                } else {
                    format!("Leg {}", n + 1)
                };
                f.made(&label, text);
            }
            f.optional("Summary", x.summary.as_ref());
        }
        Record::Match(i) => {
            let m = &d.matches[i];
            f.made("Score", format!("{} {} {}", m.home, m.score, m.away));
            f.made("Date", m.date.to_string());
            f.field("Competition", &m.competition);
            f.optional("Venue", m.venue.as_ref());
            f.optional("City", m.city.as_ref());
            for g in &m.goals {
                let mut text = format!("{} ({})", g.player, g.team);
                if let Some(minute) = &g.minute {
                    text.push_str(&format!(", {minute}'"));
                }
                if g.own_goal {
                    text.push_str(", own goal");
                }
                f.made("Goal", text);
            }
            f.made("With", stage_team(d, &m.stage));
            f.optional("Summary", m.summary.as_ref());
        }
        Record::Offer(o) => {
            let offer = &d.offers[o];
            f.field("Team", &offer.team);
            f.made("Kind", format::kind(offer.kind).to_string());
            f.made("Made", offer.date.to_string());
            f.made("Over", format::date(offer.end.as_ref()));
            f.field("Offered by", &offer.offered_by);
            f.made("During", stage_team(d, &offer.stage));
            f.made("Outcome", format::outcome(offer.outcome).to_string());
            f.optional("Appointed", offer.appointed.as_ref());
            f.optional("Summary", offer.summary.as_ref());
            if !offer.events.is_empty() {
                f.heading("Chronology".into());
                for e in &offer.events {
                    let when = format!("{}{}", e.date, if e.approximate { " ~" } else { "" });
                    f.field(&when, &e.summary);
                }
            }
            if !offer.explanations.is_empty() {
                f.heading("Explanations given".into());
                for e in &offer.explanations {
                    f.paras.push(
                        Para::new(&e.summary, Style::new())
                            .lead(vec![Span::raw("• ")])
                            .hang(2),
                    );
                }
            }
            if !offer.actors.is_empty() {
                f.heading("People".into());
                for a in &offer.actors {
                    f.field(&format::clip(&a.name, LABEL - 1), &a.role);
                }
            }
        }
        Record::Event { offer, index } => {
            let o = &d.offers[offer];
            let e = &o.events[index];
            f.made("Offer", format!("{} offer, {}", o.team, o.date));
            f.made(
                "Date",
                if e.approximate {
                    format!("{} (approximate)", e.date)
                } else {
                    e.date.to_string()
                },
            );
            f.field("What", &e.summary);
        }
        Record::Explanation { offer, index } => {
            let o = &d.offers[offer];
            f.made("Offer", format!("{} offer, {}", o.team, o.date));
            f.field("Explanation", &o.explanations[index].summary);
        }
        Record::Actor { offer, index } => {
            let o = &d.offers[offer];
            let a = &o.actors[index];
            f.field("Name", &a.name);
            f.field("Role", &a.role);
            f.made("Offer", format!("{} offer, {}", o.team, o.date));
        }
        Record::Quote(q) => {
            let quote = &d.quotes[q];
            let hit = app.hit_for(q);
            let at = |field: Field| hit.map_or(&[][..], |h| h.positions_in(field));
            f.matched("Words", &quote.text, at(Field::Text));
            f.matched("Speaker", &quote.speaker, at(Field::Speaker));
            f.optional("Role", quote.role.as_ref());
            // How the date is known: the day it was said, the page's date, or inferred.
            let date = match (quote.date, quote.date_basis) {
                (None, Some(basis)) => basis.name().to_string(),
                (date, Some(basis)) => {
                    format!("{} ({})", format::date(date.as_ref()), basis.name())
                }
                (date, None) => format::date(date.as_ref()),
            };
            f.made("Date", date);
            let mut language = quote.language.to_string();
            if quote.translation {
                language.push_str(", a translation");
                if let Some(original) = &quote.original_language {
                    language.push_str(&format!(" (said in {original})"));
                }
            }
            f.made("Language", language);
            if let Some(s) = app.quote_stage(q) {
                f.made("Stage", d.stages[s].team.to_string());
            }
            if let Some(o) = quote.offer.as_deref().and_then(|o| d.offer(o)) {
                f.made("Offer", format!("{} offer, {}", o.team, o.date));
            }
            if let Some(context) = &quote.context {
                f.matched("Context", context, at(Field::Context));
            }
        }
        Record::Source(s) => {
            let source = &d.sources[s];
            f.source(source);
            let (records, count) = cited_by(d, &source.id, 30);
            f.heading(format!(
                "Cited by {}",
                format::count(count, "record", "records")
            ));
            for r in records {
                f.paras.push(
                    Para::owned(format!("{} ({})", r.label(d), r.kind()), Style::new())
                        .lead(vec![Span::raw("• ")])
                        .hang(2),
                );
            }
            if count > 30 {
                f.paras.push(Para::owned(
                    format!("… and {} more", format::thousands(count - 30)),
                    t.dim,
                ));
            }
            return f.paras;
        }
    }
    f.disputes(d, record.disputes(d));
    f.sources(d, record);
    f.paras
}

/// Draws the record from row `scroll` on; a scroll past the end shows the last page.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    (theme, rows): (&Theme, &RowCache),
    inner: Rect,
    record: Record,
    scroll: usize,
) -> OverlayLayout {
    let paras = paras(app, theme, record);
    // One column for the scrollbar.
    let width = usize::from(inner.width.saturating_sub(1));
    let page = usize::from(inner.height);
    let (mut lines, mut total, exact) = format::wrapped(&paras, rows, width, scroll, page);
    let mut scroll = scroll;
    if scroll.saturating_add(page) > total {
        if !exact {
            // Only the end of every text tells where the last page starts.
            total = format::wrapped(&paras, rows, width, usize::MAX, 0).1;
        }
        scroll = scroll.min(total.saturating_sub(page));
        (lines, total, _) = format::wrapped(&paras, rows, width, scroll, page);
    }
    let area = Rect::new(
        inner.x,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    frame.render_widget(Paragraph::new(lines), area);
    OverlayLayout {
        area: inner,
        lines: total,
        page,
        scroll,
    }
}
