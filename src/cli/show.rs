//! `dossier show SECTION`: each section as text for people (aligned tables, disputed facts marked
//! `*N` with the versions listed underneath), or as JSON for scripts.

use std::fmt::Write as _;

use serde::Serialize;

use super::Section;
use super::describe::{
    DATE_BASIS_LEGEND, clean, count, date, final_summary, ids, is_about, outcome_label,
    quote_language, record, source_kind_label, stage_dates, stage_exit_short, team_kind_label,
    trophy_group_label,
};
use super::table::{Fit, Table, wrap};
use crate::model::{Dispute, Dossier, Exit, Offer, TrophyKind, TrophyResult};

/// The section as JSON: the model's own field names, a list for list sections and an object for
/// the subject.
pub fn json(dossier: &Dossier, section: Section) -> serde_json::Result<String> {
    match section {
        Section::Subject => to_json(&dossier.subject),
        Section::Timeline => to_json(&dossier.stages),
        Section::Trophies => to_json(&dossier.trophies),
        Section::Matches => to_json(&dossier.matches),
        Section::Offers => to_json(&dossier.offers),
        Section::Quotes => to_json(&dossier.quotes),
        Section::Sources => to_json(&dossier.sources),
        // One object per stage, oldest first (see `crate::career`).
        Section::Records => to_json(&crate::career::stage_records(dossier)),
    }
}

/// Pretty JSON ending in a newline, in which the characters that could act on a terminal are
/// written as `\uXXXX` escapes. serde_json escapes C0 controls itself but not DEL, C1 controls,
/// bidi overrides or invisible characters; all of them can only occur inside strings, so
/// escaping them keeps the document valid and equal once parsed.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if crate::text::is_unsafe(c) {
            // JSON escapes UTF-16 code units: a tag character (U+E0001...) takes two.
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

/// The section as text for people, at most `width` columns wide where the content allows.
pub fn text(dossier: &Dossier, section: Section, width: usize) -> String {
    let mut notes = Disputes::default();
    let mut out = match section {
        Section::Subject => subject(dossier, width, &mut notes),
        Section::Timeline => timeline(dossier, width, &mut notes),
        Section::Trophies => trophies(dossier, width, &mut notes),
        Section::Matches => matches(dossier, width, &mut notes),
        Section::Offers => offers(dossier, width, &mut notes),
        Section::Quotes => quotes(dossier, width),
        Section::Sources => sources(dossier, width),
        Section::Records => return super::records::text(dossier, width),
    };
    out.push_str(&notes.render(width));
    out
}

/// Disputed facts met while drawing a section, numbered in order, listed at the end.
#[derive(Default)]
struct Disputes {
    listed: Vec<(String, Dispute)>,
}

impl Disputes {
    /// A marker for the disputes of one record, called `label` in the list.
    fn record<'a>(&'a mut self, label: &str, disputes: &'a [Dispute]) -> Marker<'a> {
        Marker {
            notes: self,
            label: label.to_string(),
            disputes,
            marked: vec![false; disputes.len()],
        }
    }

    fn render(&self, width: usize) -> String {
        if self.listed.is_empty() {
            return String::new();
        }
        let mut out = String::from("\n* Disputed: the sources disagree.\n");
        for (n, (record, dispute)) in self.listed.iter().enumerate() {
            let mut head = format!("*{} {record}, {}", n + 1, clean(&dispute.field));
            if let Some(note) = &dispute.note {
                let _ = write!(head, ": {}", clean(note));
            }
            for line in wrap(&head, width.saturating_sub(2)) {
                let _ = writeln!(out, "  {line}");
            }
            let mut versions = Table::new(&[("Version", Fit::Wrap), ("Sources", Fit::Wrap)])
                .with_header(false)
                .with_indent(6);
            for v in &dispute.versions {
                versions.push(vec![clean(&v.value), ids(&v.sources)]);
            }
            out.push_str(&versions.render(width));
        }
        out
    }
}

/// Marks the cells of one record whose facts are disputed.
struct Marker<'a> {
    notes: &'a mut Disputes,
    label: String,
    disputes: &'a [Dispute],
    marked: Vec<bool>,
}

impl Marker<'_> {
    /// `text` followed by the marks (`*3`) of the disputes about one of `fields` that no other
    /// cell has taken.
    fn mark(&mut self, text: String, fields: &[&str]) -> String {
        self.mark_where(text, |d, marked| !marked && is_about(d, fields))
    }

    /// `text` followed by the marks of every dispute not marked yet: call it last, on the cell
    /// that stands for the whole record, so that no dispute goes unlisted.
    fn rest(&mut self, text: String) -> String {
        self.mark_where(text, |_, marked| !marked)
    }

    fn mark_where(&mut self, text: String, wanted: impl Fn(&Dispute, bool) -> bool) -> String {
        let mut marks = Vec::new();
        for (i, dispute) in self.disputes.iter().enumerate() {
            if !wanted(dispute, self.marked[i]) {
                continue;
            }
            self.marked[i] = true;
            self.notes
                .listed
                .push((self.label.clone(), dispute.clone()));
            marks.push(format!("*{}", self.notes.listed.len()));
        }
        if marks.is_empty() {
            text
        } else if text.is_empty() {
            marks.join(" ")
        } else {
            format!("{text} {}", marks.join(" "))
        }
    }
}

fn subject(d: &Dossier, width: usize, notes: &mut Disputes) -> String {
    let s = &d.subject;
    let mut out = String::new();
    let name = clean(&s.name);
    let _ = writeln!(out, "{name}");
    let mut m = notes.record(&name, &s.disputes);
    let mut facts = Table::new(&[("Fact", Fit::Keep), ("Value", Fit::Wrap)]).with_header(false);
    if let Some(full) = &s.full_name {
        facts.push(vec![
            "Full name".into(),
            m.mark(clean(full), &["full_name"]),
        ]);
    }
    if let Some(born) = &s.born {
        let mut value = m.mark(date(born.date.as_ref()), &["born.date"]);
        if let Some(place) = &born.place {
            let place = m.mark(clean(place), &["born.place"]);
            value = if value.is_empty() {
                place
            } else {
                format!("{value}, {place}")
            };
        }
        facts.push(vec!["Born".into(), value]);
    }
    if let Some(nationality) = &s.nationality {
        facts.push(vec![
            "Nationality".into(),
            m.mark(clean(nationality), &["nationality"]),
        ]);
    }
    if let Some(nickname) = &s.nickname {
        facts.push(vec![
            "Nickname".into(),
            m.mark(clean(nickname), &["nickname"]),
        ]);
    }
    facts.push(vec!["Sources".into(), m.rest(ids(&s.sources))]);
    out.push_str(&facts.render(width));
    if let Some(summary) = &s.summary {
        out.push('\n');
        for line in wrap(&clean(summary), width) {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

fn timeline(d: &Dossier, width: usize, notes: &mut Disputes) -> String {
    let mut t = Table::new(&[
        ("#", Fit::Keep),
        ("Dates", Fit::WrapLast),
        ("Team", Fit::Wrap),
        ("Country", Fit::Wrap),
        ("How it ended", Fit::Wrap),
        ("Record", Fit::Wrap),
    ]);
    for (i, s) in d.stages.iter().enumerate() {
        let mut m = notes.record(&format!("{} ({})", clean(&s.team), s.start), &s.disputes);
        let dates = m.mark(stage_dates(s), &["start", "start_note", "end"]);
        let ended = m.mark(stage_exit_short(s, 24), &["exit", "exit_note"]);
        let rec = m.mark(
            s.record.as_ref().map(record).unwrap_or_default(),
            &["record"],
        );
        let team = m.rest(clean(&s.team));
        let mut sources = format!("Sources: {}", ids(&s.sources));
        if let Some(r) = &s.record
            && !r.sources.is_empty()
            && r.sources != s.sources
        {
            let _ = write!(sources, "; record: {}", ids(&r.sources));
        }
        t.push(vec![
            (i + 1).to_string(),
            dates,
            team,
            clean(&s.country),
            ended,
            rec,
        ]);
        t.push_detail(sources);
    }
    let mut out = t.render(width);
    if let (Some(first), Some(last)) = (d.stages.first(), d.stages.last()) {
        let _ = writeln!(
            out,
            "\n{}, {} to {}.",
            count(d.stages.len(), "stage", "stages"),
            first.start,
            match (&last.end, last.exit) {
                (Some(end), _) => end.to_string(),
                (None, Some(Exit::Ongoing)) => "now".to_string(),
                (None, _) => "an unknown date".to_string(),
            }
        );
    }
    out
}

fn trophies(d: &Dossier, width: usize, notes: &mut Disputes) -> String {
    let groups = [
        (TrophyResult::Won, TrophyKind::Title),
        (TrophyResult::RunnerUp, TrophyKind::Title),
        (TrophyResult::Won, TrophyKind::Conference),
        (TrophyResult::RunnerUp, TrophyKind::Conference),
    ];
    // One table for every group, so that the columns line up from group to group.
    let mut t = Table::new(&[
        ("Season", Fit::Keep),
        ("Competition", Fit::Wrap),
        ("Team", Fit::Wrap),
        ("Final", Fit::Wrap),
    ]);
    for (result, kind) in groups {
        let members: Vec<_> = d
            .trophies
            .iter()
            .filter(|t| t.result == result && t.kind == kind)
            .collect();
        if members.is_empty() {
            continue;
        }
        t.push_heading(format!(
            "{} ({})",
            trophy_group_label(result, kind),
            members.len()
        ));
        for trophy in members {
            let team = d
                .stage(&trophy.stage)
                .map_or_else(|| clean(&trophy.stage), |s| clean(&s.team));
            let label = format!("{} {}", clean(&trophy.competition), clean(&trophy.season));
            let mut m = notes.record(&label, &trophy.disputes);
            let season = m.mark(clean(&trophy.season), &["season"]);
            let fin = m.mark(
                final_summary(trophy),
                &["opponent", "legs", "aggregate", "scorers", "goals", "date"],
            );
            let competition = m.rest(clean(&trophy.competition));
            t.push(vec![season, competition, team, fin]);
            t.push_detail(format!("Sources: {}", ids(&trophy.sources)));
        }
    }
    if t.is_empty() {
        return "No trophies.\n".to_string();
    }
    t.render(width)
}

fn matches(d: &Dossier, width: usize, notes: &mut Disputes) -> String {
    let mut t = Table::new(&[
        ("Date", Fit::Keep),
        ("Match", Fit::Wrap),
        ("Competition", Fit::Wrap),
        ("Venue", Fit::Wrap),
        ("Goals", Fit::Wrap),
    ]);
    for game in &d.matches {
        let name = format!(
            "{} {} {}",
            clean(&game.home),
            clean(&game.score),
            clean(&game.away)
        );
        let mut m = notes.record(&name, &game.disputes);
        let date = m.mark(game.date.to_string(), &["date"]);
        let place = [game.venue.as_deref(), game.city.as_deref()]
            .into_iter()
            .flatten()
            .map(clean)
            .collect::<Vec<_>>()
            .join(", ");
        let venue = m.mark(place, &["venue", "city"]);
        let scorers = game
            .goals
            .iter()
            .map(|g| {
                let mut s = clean(&g.player);
                if let Some(min) = &g.minute {
                    let _ = write!(s, " {}'", clean(min));
                }
                if g.own_goal {
                    s.push_str(" (o.g.)");
                }
                s
            })
            .collect::<Vec<_>>()
            .join(", ");
        let goals = m.mark(scorers, &["goals", "scorers"]);
        let name = m.rest(name);
        t.push(vec![date, name, clean(&game.competition), venue, goals]);
        t.push_detail(format!("Sources: {}", ids(&game.sources)));
    }
    t.render(width)
}

fn offers(d: &Dossier, width: usize, notes: &mut Disputes) -> String {
    let mut out = String::new();
    for (i, offer) in d.offers.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&offer_block(d, offer, width, notes));
    }
    if out.is_empty() {
        out.push_str("No offers.\n");
    }
    out
}

fn offer_block(d: &Dossier, o: &Offer, width: usize, notes: &mut Disputes) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}), {}: {}",
        clean(&o.team),
        team_kind_label(o.kind),
        o.date,
        outcome_label(o.outcome)
    );
    let mut m = notes.record(
        &format!("{} offer ({})", clean(&o.team), o.date),
        &o.disputes,
    );
    let mut facts = Table::new(&[("Fact", Fit::Keep), ("Value", Fit::Wrap)])
        .with_header(false)
        .with_indent(2);
    let when = match &o.end {
        Some(end) if *end != o.date => format!("{} – {end}", o.date),
        _ => o.date.to_string(),
    };
    facts.push(vec!["When".into(), m.mark(when, &["date", "end"])]);
    facts.push(vec![
        "Offered by".into(),
        m.mark(clean(&o.offered_by), &["offered_by"]),
    ]);
    let at = d.stage(&o.stage).map_or_else(
        || clean(&o.stage),
        |s| format!("{} ({})", clean(&s.team), stage_dates(s)),
    );
    facts.push(vec!["While at".into(), at]);
    let mut outcome = outcome_label(o.outcome).to_string();
    if let Some(who) = &o.appointed {
        let _ = write!(outcome, "; {} appointed", clean(who));
    }
    facts.push(vec![
        "Outcome".into(),
        m.mark(outcome, &["outcome", "appointed"]),
    ]);
    for actor in &o.actors {
        facts.push(vec![
            "Person".into(),
            format!(
                "{}, {} [{}]",
                clean(&actor.name),
                clean(&actor.role),
                ids(&actor.sources)
            ),
        ]);
    }
    if let Some(summary) = &o.summary {
        facts.push(vec!["Summary".into(), clean(summary)]);
    }
    let chronology = if o.events.is_empty() {
        String::new()
    } else {
        m.mark("  Chronology".to_string(), &["events"])
    };
    facts.push(vec!["Sources".into(), m.rest(ids(&o.sources))]);
    out.push_str(&facts.render(width));
    if !o.events.is_empty() {
        let _ = writeln!(out, "\n{chronology}");
        // Sources follow each event in brackets, which leaves the width to the story.
        let mut t = Table::new(&[("Date", Fit::Keep), ("What happened", Fit::Wrap)]).with_indent(4);
        for e in &o.events {
            let date = if e.approximate {
                format!("~{}", e.date)
            } else {
                e.date.to_string()
            };
            t.push(vec![
                date,
                format!("{} [{}]", clean(&e.summary), ids(&e.sources)),
            ]);
        }
        out.push_str(&t.render(width));
        if o.events.iter().any(|e| e.approximate) {
            let _ = writeln!(out, "    ~ the date is inferred or approximate.");
        }
    }
    if !o.explanations.is_empty() {
        let _ = writeln!(out, "\n  Reported explanations");
        let mut t = Table::new(&[("Explanation", Fit::Wrap)])
            .with_header(false)
            .with_indent(4);
        for e in &o.explanations {
            t.push(vec![format!(
                "- {} [{}]",
                clean(&e.summary),
                ids(&e.sources)
            )]);
        }
        out.push_str(&t.render(width));
    }
    out
}

fn quotes(d: &Dossier, width: usize) -> String {
    // A quote is too long for a column: each is a block beside its date, with who said it, the
    // words, the context and the source on lines of their own.
    let mut t = Table::new(&[("Date", Fit::Keep), ("Quote", Fit::Wrap)]).with_header(false);
    for (i, q) in d.quotes.iter().enumerate() {
        if i > 0 {
            t.push(vec![String::new(), String::new()]);
        }
        let mut who = clean(&q.speaker);
        if let Some(role) = &q.role {
            let _ = write!(who, ", {}", clean(role));
        }
        let _ = write!(who, " ({})", quote_language(q));
        let mut block = format!("{who}\n“{}”", clean(&q.text));
        if let Some(context) = &q.context {
            let _ = write!(block, "\nContext: {}", clean(context));
        }
        let _ = write!(block, "\nSource: {}", clean(&q.source));
        if let Some(source) = d.source(&q.source) {
            let _ = write!(block, ", {}", clean(&source.publisher));
        }
        // How the date is known goes under it: a reader must not take a page's date, or one
        // worked out from a weekday, for the day the words were said.
        let mut when = date(q.date.as_ref());
        if let Some(basis) = q.date_basis {
            if !when.is_empty() {
                when.push('\n');
            }
            when.push_str(basis.name());
        }
        t.push(vec![when, block]);
    }
    let mut out = t.render(width);
    let mut legends = Vec::new();
    if d.quotes.iter().any(|q| q.date_basis.is_some()) {
        legends.push(DATE_BASIS_LEGEND);
    }
    if d.quotes.iter().any(|q| q.translation) {
        legends
            .push("x→y: a translation; said in x (? where unknown), printed by the source in y.");
    }
    if !legends.is_empty() {
        out.push('\n');
    }
    for legend in legends {
        for line in wrap(legend, width) {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

fn sources(d: &Dossier, width: usize) -> String {
    // Ids and URLs are long: each source is a block beside its id, the URL on a line of its own
    // so that it is never cut and can be copied.
    let mut t = Table::new(&[("Id", Fit::Keep), ("Source", Fit::Wrap)]);
    for s in &d.sources {
        let mut block = format!("{} — {}", clean(&s.title), clean(&s.publisher));
        if let Some(date) = &s.date {
            let _ = write!(block, ", {date}");
        }
        let _ = write!(
            block,
            " ({}, {})",
            source_kind_label(s.kind),
            clean(&s.language)
        );
        if let Some(url) = &s.url {
            let _ = write!(block, "\n{}", clean(url));
        }
        if let Some(note) = &s.note {
            let _ = write!(block, "\nNote: {}", clean(note));
        }
        t.push(vec![clean(&s.id), block]);
    }
    t.render(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parsed without the loader's checks, so that it can hold what the loader would refuse.
    fn dossier(yaml: &str) -> Dossier {
        crate::model::text::collect_refusals(|| serde_yaml::from_str(yaml)).expect("a dossier")
    }

    const DISPUTED: &str = r#"
subject: {name: "Ana \e[2J", sources: [s], disputes: [
  {field: nickname, versions: [{value: A, sources: [s]}, {value: B, sources: [s]}]}]}
sources: [{id: s, title: "T \u202e", publisher: P, language: en, kind: wiki}]
stages:
  - id: a
    team: "Team \x9b"
    kind: club
    country: C
    start: 2010
    sources: [s]
    disputes:
      - {field: start, versions: [{value: "2010", sources: [s]}, {value: "2009", sources: [s]}]}
      - {field: something-else, versions: [{value: x, sources: [s]}, {value: y, sources: [s]}]}
      - {field: record.won, versions: [{value: "1", sources: [s]}, {value: "2", sources: [s]}]}
offers:
  - id: o
    team: T
    kind: club
    date: 2011
    offered_by: F
    stage: a
    outcome: rumour
    sources: [s]
    disputes:
      - {field: events, versions: [{value: x, sources: [s]}, {value: y, sources: [s]}]}
quotes:
  - {id: q, text: "Hi \e]0;title\a", speaker: "S", language: en, source: s}
"#;

    #[test]
    fn every_dispute_is_listed_once_even_on_a_field_without_a_column() {
        let d = dossier(DISPUTED);
        let timeline = text(&d, Section::Timeline, 100);
        for mark in ["*1", "*2", "*3"] {
            let listed = timeline
                .lines()
                .filter(|l| l.starts_with(&format!("  {mark} ")))
                .count();
            assert_eq!(listed, 1, "{mark} listed once:\n{timeline}");
        }
        assert!(!timeline.contains("*4"), "{timeline}");
        assert!(timeline.contains("something-else"), "{timeline}");
        // An offer with no chronology still lists its dispute about the chronology.
        let offers = text(&d, Section::Offers, 100);
        assert!(
            offers.contains("*1") && offers.contains(", events"),
            "{offers}"
        );
        let subject = text(&d, Section::Subject, 100);
        assert!(subject.contains(", nickname"), "{subject}");
    }

    #[test]
    fn no_section_prints_a_control_character_from_the_data() {
        let d = dossier(DISPUTED);
        let sections = [
            Section::Subject,
            Section::Timeline,
            Section::Trophies,
            Section::Matches,
            Section::Offers,
            Section::Quotes,
            Section::Sources,
        ];
        for section in sections {
            for out in [text(&d, section, 80), json(&d, section).expect("JSON")] {
                assert!(
                    !out.chars().any(crate::text::is_unsafe),
                    "{section:?}: {out:?}"
                );
            }
        }
        let md = super::super::export::markdown(&d);
        assert!(!md.chars().any(crate::text::is_unsafe), "{md:?}");
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let d = dossier(DISPUTED);
        let out = json(&d, Section::Quotes).expect("JSON");
        assert!(out.contains(r"\u001b]0;title\u0007"), "{out}");
        let back: Vec<crate::model::Quote> =
            crate::model::text::collect_refusals(|| serde_json::from_str(&out))
                .expect("valid JSON");
        assert_eq!(back, d.quotes);
        let out = json(&d, Section::Timeline).expect("JSON");
        assert!(out.contains(r"Team \u009b"), "{out}");
        let back: Vec<crate::model::Stage> =
            crate::model::text::collect_refusals(|| serde_json::from_str(&out))
                .expect("valid JSON");
        assert_eq!(back, d.stages);
    }
}
