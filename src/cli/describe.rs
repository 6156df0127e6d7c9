//! Words for the model's values, shared by the text tables and the Markdown export. Every string
//! from the data file that is printed passes through [`clean`] or [`crate::text::sanitize`].

use crate::model::{
    Dispute, Exit, Leg, OfferOutcome, PartialDate, Quote, Record, SourceKind, Stage, TeamKind,
    Trophy, TrophyKind, TrophyResult,
};
use crate::text::sanitize;

/// Text from the data file made safe and put on one line: control characters escaped, runs of
/// whitespace (newlines included) turned into one space.
pub fn clean(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Source ids, cleaned, separated by `, `.
pub fn ids(ids: &[crate::model::Id]) -> String {
    ids.iter()
        .map(|id| clean(id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `n` followed by the singular or the plural noun.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// How a stage ended, in words.
pub fn exit_label(exit: Exit) -> &'static str {
    match exit {
        Exit::Left => "left",
        Exit::Resigned => "resigned",
        Exit::Dismissed => "dismissed",
        Exit::MutualAgreement => "mutual agreement",
        Exit::NotRenewed => "not renewed",
        Exit::Ongoing => "ongoing",
    }
}

/// Club or national team, in words.
pub fn team_kind_label(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::Club => "club",
        TeamKind::NationalTeam => "national team",
    }
}

/// How an offer ended, in words.
pub fn outcome_label(outcome: OfferOutcome) -> &'static str {
    match outcome {
        OfferOutcome::Declined => "declined",
        OfferOutcome::Withdrawn => "withdrawn",
        OfferOutcome::NotTaken => "not taken",
        OfferOutcome::Rumour => "rumour",
        OfferOutcome::Accepted => "accepted",
    }
}

/// What kind of publication a source is, in words.
pub fn source_kind_label(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Article => "article",
        SourceKind::Blog => "blog",
        SourceKind::Broadcast => "broadcast",
        SourceKind::Profile => "profile",
        SourceKind::Statement => "statement",
        SourceKind::Tweet => "tweet",
        SourceKind::Wiki => "wiki",
    }
}

/// The heading of a group of trophies: `Won`, `Runner-up`, `Won (conference)`.
pub fn trophy_group_label(result: TrophyResult, kind: TrophyKind) -> &'static str {
    match (result, kind) {
        (TrophyResult::Won, TrophyKind::Title) => "Won",
        (TrophyResult::RunnerUp, TrophyKind::Title) => "Runner-up",
        (TrophyResult::Won, TrophyKind::Conference) => "Conference champion",
        (TrophyResult::RunnerUp, TrophyKind::Conference) => "Conference runner-up",
    }
}

/// `start – end`, with `ongoing` or `?` when there is no end.
pub fn stage_dates(stage: &Stage) -> String {
    let end = match (&stage.end, stage.exit) {
        (Some(end), _) => end.to_string(),
        (None, Some(Exit::Ongoing)) => "ongoing".to_string(),
        (None, _) => "?".to_string(),
    };
    format!("{} – {end}", stage.start)
}

/// How a stage ended in at most `max` columns, for tables: the author's note when it is that
/// short, else the kind of exit, else the note cut with `…` (it is whole in `show --json` and
/// `export`).
pub fn stage_exit_short(stage: &Stage, max: usize) -> String {
    let note = stage.exit_note.as_deref().map(clean);
    match (note, stage.exit) {
        (Some(note), _) if unicode_width::UnicodeWidthStr::width(note.as_str()) <= max => note,
        (_, Some(exit)) => exit_label(exit).to_string(),
        (Some(note), None) => super::table::truncate(&note, max),
        (None, None) => String::new(),
    }
}

/// How a stage ended: the author's few words where there are some, else the kind of exit.
pub fn stage_exit(stage: &Stage) -> String {
    match (&stage.exit_note, stage.exit) {
        (Some(note), _) => clean(note),
        (None, Some(exit)) => exit_label(exit).to_string(),
        (None, None) => String::new(),
    }
}

/// `33W 9D 10L (52)`: won, drawn, lost and, where given, played.
pub fn record(record: &Record) -> String {
    let wdl = format!("{}W {}D {}L", record.won, record.drawn, record.lost);
    match record.played {
        Some(played) => format!("{wdl} ({played})"),
        None => wdl,
    }
}

/// One leg of a final: `Junior 0-1 Atlético Nacional (pens 2-4)`.
pub fn leg(leg: &Leg) -> String {
    let mut text = format!(
        "{} {} {}",
        clean(&leg.home),
        clean(&leg.score),
        clean(&leg.away)
    );
    if let Some(p) = &leg.penalties {
        text.push_str(&format!(" (pens {})", clean(p)));
    }
    text
}

/// The final in a few words: opponent, each leg's score, the aggregate.
pub fn final_summary(trophy: &Trophy) -> String {
    let mut parts = Vec::new();
    if let Some(opponent) = &trophy.opponent {
        parts.push(format!("vs {}", clean(opponent)));
    }
    let legs: Vec<String> = trophy
        .legs
        .iter()
        .map(|l| {
            let mut score = clean(&l.score);
            if let Some(p) = &l.penalties {
                score.push_str(&format!(" (pens {})", clean(p)));
            }
            score
        })
        .collect();
    if !legs.is_empty() {
        parts.push(legs.join(", "));
    }
    if let Some(agg) = &trophy.aggregate {
        parts.push(format!("agg. {}", clean(agg)));
    }
    parts.join("; ")
}

/// What the words beside a quote's date mean, for a legend under a list of quotes.
pub const DATE_BASIS_LEGEND: &str = "Dates: said = the date the words were said; published = only \
     the date the source printed them (the words may be older); inferred = worked out from the \
     text or its context, not printed; undated = nothing dates them.";

/// A quote's date with how it is known (`2019-02-13 (said)`, `2008-05 (published)`, `undated`);
/// the bare date where the dossier does not say, and nothing where it has neither.
pub fn quote_date(quote: &Quote) -> String {
    match (quote.date, quote.date_basis) {
        (Some(d), Some(b)) => format!("{d} ({})", b.name()),
        (None, Some(b)) => b.name().to_string(),
        (d, None) => date(d.as_ref()),
    }
}

/// The quote's language, with the original where it is a translation: `en`, `es→en`, `?→en`.
pub fn quote_language(quote: &Quote) -> String {
    let language = clean(&quote.language);
    if quote.translation {
        let original = quote.original_language.as_deref().map_or("?".into(), clean);
        format!("{original}→{language}")
    } else {
        language
    }
}

/// An optional date, or an empty string.
pub fn date(date: Option<&PartialDate>) -> String {
    date.map(ToString::to_string).unwrap_or_default()
}

/// True when a dispute is about `field` or something inside it (`record` covers `record.won`).
pub fn is_about(dispute: &Dispute, fields: &[&str]) -> bool {
    fields.iter().any(|f| {
        dispute
            .field
            .strip_prefix(f)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_puts_data_on_one_safe_line() {
        assert_eq!(
            clean("two\nlines\t and\u{1b}[2J"),
            "two lines and\\u{1b}[2J"
        );
        assert_eq!(clean("  Arbeláez  "), "Arbeláez");
    }

    #[test]
    fn dispute_fields_match_whole_names_only() {
        let d = Dispute {
            field: "record.won".into(),
            note: None,
            versions: vec![],
        };
        assert!(is_about(&d, &["record"]));
        assert!(!is_about(&d, &["rec"]));
    }
}
