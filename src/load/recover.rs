//! When the one-pass typed parse fails, find every structural problem, not just the first: parse
//! the document to a `serde_yaml::Value`, then read each record of each section on its own (with
//! serde_path_to_error for the path inside the record), repairing what was reported and reading
//! again, so one record can report several problems and the others still get checked.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::report::{Path, Problem, Seg, at};
use super::suggest::did_you_mean;
use crate::model::{Match, Offer, Quote, Source, Stage, Subject, Trophy};

/// The top-level sections, in the order the format documents them.
pub(crate) const SECTIONS: [&str; 7] = [
    "subject", "sources", "stages", "trophies", "matches", "offers", "quotes",
];

/// Reads of one record before giving up on finding more problems in it.
const MAX_ATTEMPTS: usize = 64;

/// The records that could be read, by their index in the file (`None` where a record had problems),
/// and the ids of those that could not, so their ids are still checked and references to them are
/// not reported as missing.
#[derive(Debug, Default)]
pub(crate) struct Partial {
    pub subject: Option<Subject>,
    pub sources: Vec<Option<Source>>,
    pub stages: Vec<Option<Stage>>,
    pub trophies: Vec<Option<Trophy>>,
    pub matches: Vec<Option<Match>>,
    pub offers: Vec<Option<Offer>>,
    pub quotes: Vec<Option<Quote>>,
    /// The ids of records that could not be read, by (section, index).
    pub unread_ids: HashMap<(&'static str, usize), String>,
    /// There is no `sources` section (already reported: every citation would be reported again).
    pub no_sources: bool,
}

/// Cuts serde_yaml's " at line L column C" out of a message (the diagnostic carries the position).
pub(crate) fn strip_location(message: &str, location: Option<serde_yaml::Location>) -> String {
    let Some(loc) = location else {
        return message.to_string();
    };
    let suffix = format!(" at line {} column {}", loc.line(), loc.column());
    message.replacen(&suffix, "", 1)
}

/// Words for what serde_yaml's messages call "sequence", "map", "u32"...
fn plain_words(message: &str) -> String {
    let m = message
        .replace("unit value", "null")
        .replace("a sequence", "a list")
        .replace("invalid type: sequence", "invalid type: list")
        .replace("invalid type: map", "invalid type: mapping")
        .replace("expected u32", "expected a whole number (0 or more)")
        .replace("expected a boolean", "expected `true` or `false`")
        .replace("floating point", "number")
        .replace("integer", "number")
        .replace("expected field identifier", "expected a field name");
    // "expected struct Stage" -> "expected a mapping (a stage record)"
    match m.find("expected struct ") {
        Some(at) => {
            let name = &m[at + "expected struct ".len()..];
            format!(
                "{}expected a mapping (a {} record)",
                &m[..at],
                name.to_lowercase()
            )
        }
        None => m,
    }
}

/// The text between the first pair of backticks after `from` in `message`.
fn backticked(message: &str, from: usize) -> Option<&str> {
    let rest = &message[from..];
    let start = rest.find('`')? + 1;
    let len = rest[start..].find('`')?;
    Some(&rest[start..start + len])
}

/// Every backticked name after `expected` in serde's message (the fields or variants it knows).
fn expected_names(message: &str) -> Vec<&str> {
    let Some(at) = message.find("expected") else {
        return Vec::new();
    };
    message[at..].split('`').skip(1).step_by(2).collect()
}

/// What to do after a failed read of a record.
enum Step {
    /// A repair was made without a problem to report; read again.
    Again,
    /// Nothing more can be learned from this record.
    Stop,
}

fn value_at<'v>(value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    let mut v = value;
    for seg in path {
        v = match (seg, v) {
            (Seg::Key(k), Value::Mapping(m)) => m.get_mut(k.as_ref())?,
            (Seg::Index(i), Value::Sequence(s)) => s.get_mut(*i)?,
            (_, Value::Tagged(t)) => return value_at(&mut t.value, std::slice::from_ref(seg)),
            _ => return None,
        };
    }
    Some(v)
}

fn mapping_at<'v>(value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Mapping> {
    match value_at(value, path)? {
        Value::Mapping(m) => Some(m),
        _ => None,
    }
}

/// Reads one record, reporting every problem in it (up to [`MAX_ATTEMPTS`]); the record itself
/// only if it had none.
fn read_record<T: DeserializeOwned>(
    value: &Value,
    base: &Path,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let mut value = value.clone();
    let mut clean = true;
    // Fields this loop removed (a field with a bad value): their "missing field" is not news.
    let mut removed: HashSet<Path> = HashSet::new();
    // Required fields filled with a stand-in so the rest of the record can be read; the index is
    // the next stand-in to try.
    let mut stand_ins: Vec<(Path, usize)> = Vec::new();
    for _ in 0..MAX_ATTEMPTS {
        let error = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(record) => return clean.then_some(record),
            Err(e) => e,
        };
        let rel: Path = error
            .path()
            .iter()
            .filter_map(|seg| match seg {
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => {
                    Some(Seg::Key(Cow::Owned(key.clone())))
                }
                _ => None,
            })
            .collect();
        let message = error.into_inner().to_string();
        let full = |rel: &Path| base.iter().chain(rel).cloned().collect::<Path>();
        let step = if let Some(slot) = stand_ins.iter_mut().find(|(p, _)| rel.starts_with(p)) {
            retry_stand_in(&mut value, slot, &message)
        } else if let Some(node) = value_at(&mut value, &rel)
            && let Some(lenient) = as_text(node, &message)
        {
            // serde_yaml reads `id: 123` or `team:` as text when a field wants text; the Value
            // deserializer does not, so do what the one-pass parse would have done.
            *node = lenient;
            Step::Again
        } else if let Some(rest) = message.strip_prefix("unknown field ") {
            let name = backticked(rest, 0).unwrap_or_default();
            let hint = did_you_mean(name, expected_names(rest));
            let text = if hint.is_empty() {
                let known = expected_names(rest);
                if known.is_empty() {
                    format!("unknown field `{name}`: this record has no fields by that name")
                } else {
                    format!(
                        "unknown field `{name}`; expected one of `{}`",
                        known.join("`, `")
                    )
                }
            } else {
                format!("unknown field `{name}`{hint}")
            };
            problems.push(Problem::at_key(full(&rel), text));
            clean = false;
            remove_field(&mut value, &rel, &mut removed)
        } else if let Some(rest) = message.strip_prefix("missing field ") {
            let name = backticked(rest, 0).unwrap_or_default().to_string();
            let mut field = rel.clone();
            field.push(Seg::Key(Cow::Owned(name.clone())));
            if !removed.contains(&field) {
                problems.push(Problem::at(
                    full(&rel),
                    format!("missing required field `{name}`"),
                ));
                clean = false;
            }
            match mapping_at(&mut value, &rel) {
                Some(map) => {
                    map.insert(Value::String(name), stand_in(0).unwrap_or(Value::Null));
                    stand_ins.push((field, 1));
                    Step::Again
                }
                None => Step::Stop,
            }
        } else {
            let text = match message.strip_prefix("unknown variant ") {
                Some(rest) => {
                    let name = backticked(rest, 0).unwrap_or_default();
                    let known = expected_names(rest);
                    format!(
                        "unknown value `{name}`{}; expected {}",
                        did_you_mean(name, known.iter().copied()),
                        one_of(&known)
                    )
                }
                None => plain_words(&message),
            };
            problems.push(Problem::at(full(&rel), text));
            clean = false;
            remove_field(&mut value, &rel, &mut removed)
        };
        if let Step::Stop = step {
            break;
        }
    }
    None
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => "a known value".to_string(),
        [one] => format!("`{one}`"),
        [rest @ .., last] => format!("`{}` or `{last}`", rest.join("`, `")),
    }
}

/// The values that stand in for a missing required field, tried in turn: one of them fits each
/// field type of the model (text, dates, lists, counts); enums take their first variant from the
/// error message instead.
fn stand_in(attempt: usize) -> Option<Value> {
    match attempt {
        0 => Some(Value::String("2000".into())),
        1 => Some(Value::Sequence(Vec::new())),
        2 => Some(Value::Number(0.into())),
        _ => None,
    }
}

fn retry_stand_in(value: &mut Value, slot: &mut (Path, usize), message: &str) -> Step {
    let Some(node) = value_at(value, &slot.0) else {
        return Step::Stop;
    };
    if let Some(rest) = message.strip_prefix("unknown variant ")
        && let Some(first) = expected_names(rest).first()
    {
        *node = Value::String((*first).to_string());
        slot.1 = usize::MAX;
        return Step::Again;
    }
    match stand_in(slot.1) {
        Some(next) => {
            *node = next;
            slot.1 += 1;
            Step::Again
        }
        None => Step::Stop,
    }
}

/// The text form of a scalar, when the error says text was wanted.
fn as_text(node: &Value, message: &str) -> Option<Value> {
    if !message.starts_with("invalid type: ") {
        return None;
    }
    if message.ends_with("expected a string") {
        return match node {
            Value::Number(n) => Some(Value::String(n.to_string())),
            Value::Bool(b) => Some(Value::String(b.to_string())),
            Value::Null => Some(Value::String(String::new())),
            Value::Tagged(t) => Some(t.value.clone()),
            _ => None,
        };
    }
    match node {
        // `sources:` with nothing after it is an empty list to serde_yaml.
        Value::Null if message.ends_with("expected a sequence") => {
            Some(Value::Sequence(Vec::new()))
        }
        Value::Tagged(t) => Some(t.value.clone()),
        _ => None,
    }
}

/// Removes the field that holds the problem at `rel` (for a problem inside a list, the whole list)
/// so the next read gets past it.
fn remove_field(value: &mut Value, rel: &Path, removed: &mut HashSet<Path>) -> Step {
    let Some(last_key) = rel.iter().rposition(|s| matches!(s, Seg::Key(_))) else {
        return Step::Stop;
    };
    let Seg::Key(key) = &rel[last_key] else {
        return Step::Stop;
    };
    let Some(map) = mapping_at(value, &rel[..last_key]) else {
        return Step::Stop;
    };
    if map.remove(key.as_ref()).is_none() {
        return Step::Stop;
    }
    removed.insert(rel[..=last_key].to_vec());
    Step::Again
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// The message for a document that is not a mapping at the top, if it is not.
pub(crate) fn top_level_problem(root: &Value) -> Option<Problem> {
    match root {
        Value::Mapping(_) => None,
        Value::Null => Some(Problem::at_position(
            1,
            1,
            "empty dossier: expected a mapping with `subject` and `sources`",
        )),
        other => Some(Problem::at(
            Vec::new(),
            format!(
                "not a dossier: expected a mapping with `subject` and `sources` at the top, found {}",
                describe(other)
            ),
        )),
    }
}

fn id_of(value: &Value) -> Option<String> {
    match value.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn read_section<T: DeserializeOwned>(
    name: &'static str,
    value: Option<&Value>,
    partial: &mut Partial,
    problems: &mut Vec<Problem>,
) -> Vec<Option<T>> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Sequence(items)) => items,
        Some(other) => {
            problems.push(Problem::at(
                at![name],
                format!("expected a list of records, found {}", describe(other)),
            ));
            return Vec::new();
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let record = read_record::<T>(item, &at![name, i], problems);
            if record.is_none()
                && let Some(id) = id_of(item)
            {
                partial.unread_ids.insert((name, i), id);
            }
            record
        })
        .collect()
}

/// Finds every structural problem in a document that failed the typed parse, and the records that
/// could be read, for the rule checks. A syntax error is reported alone.
pub(crate) fn recover(text: &str) -> (Vec<Problem>, Option<Partial>) {
    let root: Value = match serde_yaml::from_str(text) {
        Ok(root) => root,
        Err(e) => return (vec![syntax_problem(&e)], None),
    };
    if let Some(problem) = top_level_problem(&root) {
        return (vec![problem], None);
    }
    let Value::Mapping(top) = &root else {
        return (Vec::new(), None);
    };
    let mut problems = Vec::new();
    for key in top.keys() {
        match key {
            Value::String(k) if SECTIONS.contains(&k.as_str()) => {}
            Value::String(k) => problems.push(Problem::at_key(
                vec![Seg::Key(Cow::Owned(k.clone()))],
                format!(
                    "unknown section `{k}`{}",
                    did_you_mean(k, SECTIONS.iter().copied())
                ),
            )),
            other => problems.push(Problem::at(
                Vec::new(),
                format!("section names are text, found {} as a key", describe(other)),
            )),
        }
    }
    for required in ["subject", "sources"] {
        if !top.contains_key(required) {
            problems.push(Problem::at(
                Vec::new(),
                format!("missing required section `{required}`"),
            ));
        }
    }
    let mut partial = Partial {
        no_sources: !top.contains_key("sources"),
        ..Partial::default()
    };
    partial.subject = match top.get("subject") {
        Some(v) => read_record::<Subject>(v, &at!["subject"], &mut problems),
        None => None,
    };
    partial.sources = read_section("sources", top.get("sources"), &mut partial, &mut problems);
    partial.stages = read_section("stages", top.get("stages"), &mut partial, &mut problems);
    partial.trophies = read_section("trophies", top.get("trophies"), &mut partial, &mut problems);
    partial.matches = read_section("matches", top.get("matches"), &mut partial, &mut problems);
    partial.offers = read_section("offers", top.get("offers"), &mut partial, &mut problems);
    partial.quotes = read_section("quotes", top.get("quotes"), &mut partial, &mut problems);
    (problems, Some(partial))
}

/// A YAML syntax error (or a limit serde_yaml enforces), located where serde_yaml says.
pub(crate) fn syntax_problem(e: &serde_yaml::Error) -> Problem {
    let raw = e.to_string();
    let message = if raw.contains("repetition limit exceeded") {
        "too much alias expansion (an \"alias bomb\"?); aliases are for small repeated values"
            .to_string()
    } else if raw.contains("recursion limit exceeded") {
        "nesting too deep: too many levels of lists and mappings".to_string()
    } else if raw.contains("more than one document") {
        "the file holds more than one YAML document (`---`); a dossier is a single document"
            .to_string()
    } else if raw.contains("found a tab character") || raw.contains("cannot start any token") {
        format!(
            "{} (YAML indents with spaces, not tabs)",
            strip_location(&raw, e.location())
        )
    } else if let Some(at) = raw.find("duplicate entry with key ") {
        // serde_yaml says "stages[1]: duplicate entry with key \"id\"".
        let key = strip_location(&raw[at + "duplicate entry with key ".len()..], e.location());
        let within = raw[..at].trim_end_matches([':', ' ']);
        let within = if within.is_empty() {
            String::new()
        } else {
            format!(" in {within}")
        };
        format!(
            "duplicate key {}{within}: a mapping has each key once",
            key.replace('"', "`")
        )
    } else if raw.starts_with("unknown anchor") {
        "unknown anchor: this alias (`*name`) refers to no anchor (`&name`) defined before it"
            .to_string()
    } else {
        strip_location(&raw, e.location())
    };
    match e.location() {
        Some(loc) => Problem::at_position(loc.line(), loc.column(), message),
        None => Problem::whole_file(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::report::format_path;

    fn problems(text: &str) -> Vec<(String, String)> {
        recover(text)
            .0
            .into_iter()
            .map(|p| (format_path(&p.path), p.message))
            .collect()
    }

    const HEAD: &str = "subject: {name: X, sources: [s]}\nsources:\n  - {id: s, title: T, publisher: P, language: en, kind: wiki}\n";

    #[test]
    fn every_problem_of_one_record_is_found() {
        let text = format!(
            "{HEAD}stages:\n  - id: a\n    tema: T\n    kind: clubb\n    country: C\n    start: 2023-02-30\n    sources: [s]\n"
        );
        let found = problems(&text);
        assert_eq!(
            found,
            vec![
                ("stages[0].tema".into(), "unknown field `tema` (did you mean `team`?)".into()),
                (
                    "stages[0].kind".into(),
                    "unknown value `clubb` (did you mean `club`?); expected `club` or `national-team`".into()
                ),
                (
                    "stages[0].start".into(),
                    "invalid date `2023-02-30`: February 2023 has 28 days".into()
                ),
                ("stages[0]".into(), "missing required field `team`".into()),
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn numbers_where_text_is_wanted_are_text_as_in_the_typed_parse() {
        let text = format!(
            "{HEAD}stages:\n  - id: 2010\n    team: 1984\n    kind: club\n    country: C\n    start: 2010\n    sources: [s]\n    oops: 1\n"
        );
        assert_eq!(problems(&text).len(), 1, "{:?}", problems(&text));
    }

    #[test]
    fn problems_in_other_records_are_still_found() {
        let text = format!(
            "{HEAD}quotes:\n  - {{id: q, text: t, speaker: s, language: en, source: s, wat: 1}}\n  - {{id: r, text: t, speaker: s, language: en}}\n"
        );
        let found = problems(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[1],
            ("quotes[1]".into(), "missing required field `source`".into())
        );
    }

    #[test]
    fn sections_are_checked() {
        let found = problems("subject: {name: X, sources: []}\nqoutes: []\nstages: 3\n");
        assert!(
            found.contains(&(
                "qoutes".into(),
                "unknown section `qoutes` (did you mean `quotes`?)".into()
            )),
            "{found:?}"
        );
        assert!(found.contains(&("".into(), "missing required section `sources`".into())));
        assert!(found.contains(&(
            "stages".into(),
            "expected a list of records, found a number".into()
        )));
    }

    #[test]
    fn duplicate_keys_name_the_key_and_the_record() {
        let text = format!("{HEAD}stages:\n  - id: a\n    id: b\n");
        let (found, _) = recover(&text);
        assert_eq!(
            found[0].message,
            "duplicate key `id` in stages[0]: a mapping has each key once"
        );
        assert_eq!(found[0].anchor, crate::load::report::Anchor::At(5, 5));
    }

    #[test]
    fn wrong_types_read_plainly() {
        let text = format!(
            "{HEAD}stages:\n  - {{id: a, team: T, kind: club, country: C, start: 2010, sources: s, record: {{won: x, drawn: 1, lost: 1, sources: [s]}}}}\n"
        );
        let found = problems(&text);
        assert_eq!(
            found[0],
            (
                "stages[0].sources".into(),
                "invalid type: string \"s\", expected a list".into()
            )
        );
        assert_eq!(
            found[1],
            (
                "stages[0].record.won".into(),
                "invalid type: string \"x\", expected a whole number (0 or more)".into()
            )
        );
        assert_eq!(found.len(), 2);
    }
}
