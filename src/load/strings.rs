//! Every string of a dossier: checked for characters that could act on a terminal or hide and
//! reorder text (the same set [`crate::text::is_unsafe`] escapes), and normalised to NFC so search
//! and column widths see one form of each accented letter.

use rayon::prelude::*;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::recover::Partial;
use super::report::{Path, Problem, Seg};
use crate::model::{
    Actor, Birth, Dispute, Dossier, Event, Explanation, Goal, Leg, Match, Offer, Quote, Record,
    Source, Stage, Subject, Trophy, Version,
};
use crate::text::{Refused, find_refused, why_refused};

/// Calls `f` on each string field with its path (`f` may change the string).
type Visit<'f> = dyn FnMut(&Path, &mut String) + 'f;

/// Something with string fields.
trait Texts {
    fn texts(&mut self, path: &mut Path, f: &mut Visit<'_>);
}

fn one(path: &mut Path, key: &'static str, s: &mut String, f: &mut Visit<'_>) {
    path.push(Seg::from(key));
    f(path, s);
    path.pop();
}

fn opt(path: &mut Path, key: &'static str, s: &mut Option<String>, f: &mut Visit<'_>) {
    if let Some(s) = s {
        one(path, key, s, f);
    }
}

fn list(path: &mut Path, key: &'static str, items: &mut [String], f: &mut Visit<'_>) {
    path.push(Seg::from(key));
    for (i, s) in items.iter_mut().enumerate() {
        path.push(Seg::Index(i));
        f(path, s);
        path.pop();
    }
    path.pop();
}

fn nested<T: Texts>(path: &mut Path, key: &'static str, items: &mut [T], f: &mut Visit<'_>) {
    path.push(Seg::from(key));
    for (i, item) in items.iter_mut().enumerate() {
        path.push(Seg::Index(i));
        item.texts(path, f);
        path.pop();
    }
    path.pop();
}

impl Texts for Subject {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "name", &mut self.name, f);
        opt(p, "full_name", &mut self.full_name, f);
        if let Some(born) = &mut self.born {
            p.push(Seg::from("born"));
            born.texts(p, f);
            p.pop();
        }
        opt(p, "nationality", &mut self.nationality, f);
        opt(p, "nickname", &mut self.nickname, f);
        opt(p, "summary", &mut self.summary, f);
        list(p, "sources", &mut self.sources, f);
        nested(p, "disputes", &mut self.disputes, f);
    }
}

impl Texts for Birth {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        opt(p, "place", &mut self.place, f);
    }
}

impl Texts for Source {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "id", &mut self.id, f);
        one(p, "title", &mut self.title, f);
        one(p, "publisher", &mut self.publisher, f);
        opt(p, "url", &mut self.url, f);
        one(p, "language", &mut self.language, f);
        opt(p, "note", &mut self.note, f);
    }
}

impl Texts for Record {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        opt(p, "note", &mut self.note, f);
        list(p, "sources", &mut self.sources, f);
    }
}

impl Texts for Stage {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "id", &mut self.id, f);
        one(p, "team", &mut self.team, f);
        one(p, "country", &mut self.country, f);
        opt(p, "league", &mut self.league, f);
        opt(p, "start_note", &mut self.start_note, f);
        opt(p, "exit_note", &mut self.exit_note, f);
        if let Some(record) = &mut self.record {
            p.push(Seg::from("record"));
            record.texts(p, f);
            p.pop();
        }
        opt(p, "summary", &mut self.summary, f);
        list(p, "sources", &mut self.sources, f);
        nested(p, "disputes", &mut self.disputes, f);
    }
}

impl Texts for Dispute {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "field", &mut self.field, f);
        opt(p, "note", &mut self.note, f);
        nested(p, "versions", &mut self.versions, f);
    }
}

impl Texts for Version {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "value", &mut self.value, f);
        list(p, "sources", &mut self.sources, f);
    }
}

impl Texts for Leg {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "home", &mut self.home, f);
        one(p, "away", &mut self.away, f);
        one(p, "score", &mut self.score, f);
        opt(p, "penalties", &mut self.penalties, f);
        opt(p, "venue", &mut self.venue, f);
        opt(p, "city", &mut self.city, f);
    }
}

impl Texts for Trophy {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "id", &mut self.id, f);
        one(p, "competition", &mut self.competition, f);
        one(p, "season", &mut self.season, f);
        one(p, "stage", &mut self.stage, f);
        opt(p, "opponent", &mut self.opponent, f);
        nested(p, "legs", &mut self.legs, f);
        opt(p, "aggregate", &mut self.aggregate, f);
        opt(p, "summary", &mut self.summary, f);
        list(p, "sources", &mut self.sources, f);
        nested(p, "disputes", &mut self.disputes, f);
    }
}

impl Texts for Goal {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "player", &mut self.player, f);
        one(p, "team", &mut self.team, f);
        opt(p, "minute", &mut self.minute, f);
    }
}

impl Texts for Match {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "id", &mut self.id, f);
        one(p, "competition", &mut self.competition, f);
        one(p, "home", &mut self.home, f);
        one(p, "away", &mut self.away, f);
        one(p, "score", &mut self.score, f);
        opt(p, "venue", &mut self.venue, f);
        opt(p, "city", &mut self.city, f);
        nested(p, "goals", &mut self.goals, f);
        one(p, "stage", &mut self.stage, f);
        opt(p, "summary", &mut self.summary, f);
        list(p, "sources", &mut self.sources, f);
        nested(p, "disputes", &mut self.disputes, f);
    }
}

impl Texts for Actor {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "name", &mut self.name, f);
        one(p, "role", &mut self.role, f);
        list(p, "sources", &mut self.sources, f);
    }
}

impl Texts for Event {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "summary", &mut self.summary, f);
        list(p, "sources", &mut self.sources, f);
    }
}

impl Texts for Explanation {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "summary", &mut self.summary, f);
        list(p, "sources", &mut self.sources, f);
    }
}

impl Texts for Offer {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "id", &mut self.id, f);
        one(p, "team", &mut self.team, f);
        one(p, "offered_by", &mut self.offered_by, f);
        one(p, "stage", &mut self.stage, f);
        opt(p, "appointed", &mut self.appointed, f);
        nested(p, "actors", &mut self.actors, f);
        nested(p, "events", &mut self.events, f);
        nested(p, "explanations", &mut self.explanations, f);
        opt(p, "summary", &mut self.summary, f);
        list(p, "sources", &mut self.sources, f);
        nested(p, "disputes", &mut self.disputes, f);
    }
}

impl Texts for Quote {
    fn texts(&mut self, p: &mut Path, f: &mut Visit<'_>) {
        one(p, "id", &mut self.id, f);
        one(p, "text", &mut self.text, f);
        one(p, "speaker", &mut self.speaker, f);
        opt(p, "role", &mut self.role, f);
        one(p, "language", &mut self.language, f);
        opt(p, "original_language", &mut self.original_language, f);
        opt(p, "stage", &mut self.stage, f);
        opt(p, "offer", &mut self.offer, f);
        opt(p, "context", &mut self.context, f);
        one(p, "source", &mut self.source, f);
    }
}

/// Whether `s` needs nothing from [`check_text`]: no character it refuses, already NFC. The
/// fast reader asks this of every scalar while it is still in the cache, so a clean file's
/// strings are not read a second time.
pub(super) fn is_clean(s: &str) -> bool {
    if s.is_ascii() {
        // The common case: only ASCII controls can be wrong, and ASCII is already NFC.
        return !s
            .bytes()
            .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F);
    }
    // Most text (Spanish, Portuguese, emoji) has no combining mark: one pass over the bytes
    // tells whether the slower NFC check can be skipped.
    let maybe_not_nfc = s.bytes().any(|b| b >= NFC_SURE_BELOW_LEAD);
    let to_normalise = maybe_not_nfc && is_nfc_quick(s.chars()) != IsNormalized::Yes;
    find_refused(s).is_none() && !to_normalise
}

/// Checks one string and normalises it to NFC; [`is_clean`] lets most strings through at once.
fn check_text(path: &Path, s: &mut String, problems: &mut Vec<Problem>) {
    if is_clean(s) {
        return;
    }
    if let Some(refused) = find_refused(s) {
        problems.push(refused_problem(path, refused));
    }
    if is_nfc_quick(s.chars()) != IsNormalized::Yes {
        *s = s.nfc().collect();
    }
}

/// Every character below U+0300 (UTF-8 lead bytes below 0xCC) is NFC as it stands.
const NFC_SURE_BELOW_LEAD: u8 = 0xCC;

fn refused_problem(path: &Path, refused: Refused) -> Problem {
    let more = if refused.count > 1 {
        format!(" ({} such characters in this text)", refused.count)
    } else {
        String::new()
    };
    let c = refused.ch;
    Problem::at(
        path.clone(),
        format!(
            "U+{:04X} is not allowed: {}{more}",
            c as u32,
            why_refused(c)
        ),
    )
}

/// Checks and normalises every string of a dossier.
pub(crate) fn check_dossier(d: &mut Dossier, problems: &mut Vec<Problem>) {
    let mut f = |path: &Path, s: &mut String| check_text(path, s, problems);
    let mut path: Path = Vec::new();
    path.push(Seg::from("subject"));
    d.subject.texts(&mut path, &mut f);
    path.clear();
    nested(&mut path, "sources", &mut d.sources, &mut f);
    nested(&mut path, "stages", &mut d.stages, &mut f);
    nested(&mut path, "trophies", &mut d.trophies, &mut f);
    nested(&mut path, "matches", &mut d.matches, &mut f);
    nested(&mut path, "offers", &mut d.offers, &mut f);
    // Quotes are nearly all of a large dossier: they are checked on every core, a chunk each.
    const CHUNK: usize = 4096;
    let found: Vec<Vec<Problem>> = d
        .quotes
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut problems = Vec::new();
            let mut f = |path: &Path, s: &mut String| check_text(path, s, &mut problems);
            let mut path: Path = vec![Seg::from("quotes")];
            for (i, quote) in chunk.iter_mut().enumerate() {
                path.push(Seg::Index(c * CHUNK + i));
                quote.texts(&mut path, &mut f);
                path.pop();
            }
            problems
        })
        .collect();
    problems.extend(found.into_iter().flatten());
}

fn nested_some<T: Texts>(
    path: &mut Path,
    key: &'static str,
    items: &mut [Option<T>],
    f: &mut Visit<'_>,
) {
    path.push(Seg::from(key));
    for (i, item) in items.iter_mut().enumerate() {
        if let Some(item) = item {
            path.push(Seg::Index(i));
            item.texts(path, f);
            path.pop();
        }
    }
    path.pop();
}

/// Checks every string of the records that could be read.
pub(crate) fn check_partial(d: &mut Partial, problems: &mut Vec<Problem>) {
    let mut f = |path: &Path, s: &mut String| check_text(path, s, problems);
    let mut path: Path = Vec::new();
    if let Some(subject) = &mut d.subject {
        path.push(Seg::from("subject"));
        subject.texts(&mut path, &mut f);
        path.clear();
    }
    nested_some(&mut path, "sources", &mut d.sources, &mut f);
    nested_some(&mut path, "stages", &mut d.stages, &mut f);
    nested_some(&mut path, "trophies", &mut d.trophies, &mut f);
    nested_some(&mut path, "matches", &mut d.matches, &mut f);
    nested_some(&mut path, "offers", &mut d.offers, &mut f);
    nested_some(&mut path, "quotes", &mut d.quotes, &mut f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::report::format_path;

    fn problems_in(text: &str) -> Vec<String> {
        let mut s = text.to_string();
        let mut problems = Vec::new();
        check_text(&vec![Seg::from("x")], &mut s, &mut problems);
        problems.into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn names_the_character() {
        assert_eq!(
            problems_in("a\u{1b}[2Jb"),
            ["U+001B is not allowed: control character (it could act on the terminal)"]
        );
        assert!(problems_in("abc\u{202e}cba")[0].contains("U+202E"));
        assert!(problems_in("a\u{200b}b")[0].contains("zero-width"));
        assert!(problems_in("a\u{85}b")[0].contains("U+0085"));
        assert!(problems_in("ok\u{e0041}")[0].contains("U+E0041 is not allowed: invisible tag"));
        assert!(problems_in("a\u{2063}b")[0].contains("invisible format"));
    }

    #[test]
    fn allows_text_people_write() {
        assert!(problems_in("línea\ncon\ttab").is_empty());
        // An emoji ZWJ sequence (family) and an Arabic quote.
        assert!(problems_in("👨\u{200d}👩\u{200d}👧 أنا سعيد").is_empty());
    }

    #[test]
    fn every_character_below_the_nfc_lead_byte_is_nfc() {
        for c in (0..0x300u32).filter_map(char::from_u32) {
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
            let mut buf = [0u8; 4];
            assert!(c.encode_utf8(&mut buf).as_bytes()[0] < NFC_SURE_BELOW_LEAD);
        }
    }

    #[test]
    fn normalises_to_nfc() {
        let mut s = "Arbela\u{301}ez".to_string();
        check_text(&Vec::new(), &mut s, &mut Vec::new());
        assert_eq!(s, "Arbeláez");
    }

    /// Every string field of the model is visited: compared with the strings serde sees in a
    /// dossier where every optional field is filled.
    #[test]
    fn every_string_field_is_visited() {
        let yaml = include_str!("../../tests/fixtures/good/full.yaml");
        let mut d: Dossier = serde_yaml::from_str(yaml).expect("the full fixture parses");
        let mut visited = std::collections::BTreeSet::new();
        let mut path: Path = vec![Seg::from("subject")];
        let mut f = |p: &Path, _: &mut String| {
            visited.insert(format_path(p));
        };
        d.subject.texts(&mut path, &mut f);
        path.clear();
        nested(&mut path, "sources", &mut d.sources, &mut f);
        nested(&mut path, "stages", &mut d.stages, &mut f);
        nested(&mut path, "trophies", &mut d.trophies, &mut f);
        nested(&mut path, "matches", &mut d.matches, &mut f);
        nested(&mut path, "offers", &mut d.offers, &mut f);
        nested(&mut path, "quotes", &mut d.quotes, &mut f);

        let json = serde_json::to_value(&d).expect("serialisable");
        let mut strings = std::collections::BTreeSet::new();
        collect(&json, String::new(), &mut strings);
        // Dates and enum values serialise as strings but are not free text.
        let free: std::collections::BTreeSet<String> = strings
            .into_iter()
            .filter(|p| {
                ![
                    "date",
                    "date_basis",
                    "start",
                    "end",
                    "kind",
                    "result",
                    "exit",
                    "outcome",
                ]
                .iter()
                .any(|k| p.ends_with(&format!(".{k}")))
            })
            .collect();
        assert_eq!(visited, free);
    }

    fn collect(v: &serde_json::Value, at: String, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::String(_) => {
                out.insert(at);
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    collect(item, format!("{at}[{i}]"), out);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    let next = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    collect(item, next, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn clean_text_has_no_refused_character_and_is_nfc() {
        let mut texts: Vec<String> = [
            "plain ASCII",
            "tab\tand\nnewline",
            "bell\u{7}",
            "del\u{7f}",
            "Mejía, São Paulo, ¿qué?",
            "em dash — and … and “quotes”",
            "decomposed e\u{301}",
            "zero\u{200b}width",
            "bidi \u{202e}override",
            "C1 \u{85} control",
            "emoji 👍🏽 and 🇨🇴",
            "Arabic العربية",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut rng = crate::testgen::Rng::new(11);
        let alphabet: Vec<char> = "aé\u{301}—\u{202e}\u{7}ñ👍 \u{85}\u{2028}ü"
            .chars()
            .collect();
        for _ in 0..2_000 {
            let len = rng.below(6);
            texts.push((0..len).map(|_| *rng.pick(&alphabet)).collect());
        }
        for text in texts {
            // Checked against the definitions, not against check_text (which asks is_clean).
            let untouched =
                !text.chars().any(crate::text::is_unsafe) && text.nfc().collect::<String>() == text;
            // Clean may say no where nothing needs doing (a lone combining mark is its own NFC),
            // never the other way.
            assert!(!is_clean(&text) || untouched, "{text:?}");
        }
        // What dossiers are made of is clean, so the second pass is skipped for them.
        for text in [
            "Mejía, São Paulo, ¿qué?",
            "em dash — and … and “quotes”",
            "👍🏽 🇨🇴",
            "العربية",
        ] {
            assert!(is_clean(text), "{text:?}");
        }
    }
}
