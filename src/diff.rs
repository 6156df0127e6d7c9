//! What changed between two versions of a dossier, in records rather than lines: records added,
//! removed and changed, by section and id, each changed field with its old and new value, and
//! the disputes a record gained, lost (resolved) or changed.
//!
//! The comparison works on the model, so formatting, comments and key order in the YAML do not
//! count. A record is compared through its serde form (the YAML's field names), which keeps
//! this module free of a list of every field: a new field of the model is compared as it is.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{Dossier, Match, Offer, Quote, Source, Stage, Trophy};

/// Past this many cells, two lists inside a record are aligned by position instead of by their
/// longest common part (a record does not hold lists that long; a hostile file might).
const MAX_ALIGN_CELLS: usize = 1 << 20;

/// Every change between two dossiers, by section in the file's order; empty when they are the
/// same record for record.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    /// The sections that changed.
    pub sections: Vec<SectionChanges>,
}

/// What changed in one section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionChanges {
    /// The section's name in the file (`stages`, `sources`...).
    pub section: &'static str,
    /// Records only the new dossier has, in its order.
    pub added: Vec<Entry>,
    /// Records only the old dossier has, in its order.
    pub removed: Vec<Entry>,
    /// Records both have, that differ, in the new dossier's order.
    pub changed: Vec<RecordChange>,
    /// The records both have are in another order.
    pub reordered: bool,
}

/// A record added or removed, whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Its id (`subject` for the subject).
    pub id: String,
    /// A few words that say which record it is (`Zamalek (2023-04-14)`).
    pub label: String,
    /// The record, with the YAML's field names.
    pub record: Value,
}

/// A record both dossiers have, and how it differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordChange {
    /// Its id.
    pub id: String,
    /// Which record it is, as the new dossier has it.
    pub label: String,
    /// The fields that differ, in the record's field order (disputes are apart).
    pub fields: Vec<FieldChange>,
    /// The disputes gained, resolved or changed.
    pub disputes: Vec<DisputeChange>,
}

/// One field that differs: a value changed, added (no old) or removed (no new).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Where in the record: `end`, `record.won`, `events[3]`, `legs[0].score`.
    pub path: String,
    /// The old value; null when the field is new.
    pub old: Option<Value>,
    /// The new value; null when the field was removed.
    pub new: Option<Value>,
}

/// A change in a record's disputes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum DisputeChange {
    /// The new dossier records a disagreement the old one did not.
    Gained {
        /// The disputed field.
        field: String,
        /// The dispute, whole.
        dispute: Value,
    },
    /// The old dossier's disagreement is gone from the new one.
    Resolved {
        /// The disputed field.
        field: String,
        /// The dispute as it was.
        dispute: Value,
    },
    /// Both have it, with other versions, sources or note.
    Changed {
        /// The disputed field.
        field: String,
        /// What differs inside the dispute (`versions[1].sources`, `note`).
        changes: Vec<FieldChange>,
    },
}

impl Changes {
    /// True when the dossiers are the same record for record.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// Records added, removed and changed, over every section.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.sections.iter().fold((0, 0, 0), |(a, r, c), s| {
            (a + s.added.len(), r + s.removed.len(), c + s.changed.len())
        })
    }
}

/// The changes from `old` to `new`; a side that is `None` has no records (a file git adds or
/// deletes), so everything in the other is added or removed.
pub fn compare(old: Option<&Dossier>, new: Option<&Dossier>) -> Changes {
    fn of<T>(d: Option<&Dossier>, list: fn(&Dossier) -> &[T]) -> &[T] {
        d.map_or(&[], list)
    }
    fn subject(d: &Dossier) -> &[crate::model::Subject] {
        std::slice::from_ref(&d.subject)
    }
    let sections = [
        section(
            "subject",
            of(old, subject),
            of(new, subject),
            |_| "subject",
            |s| s.name.to_string(),
        ),
        section(
            "sources",
            of(old, |d| &d.sources),
            of(new, |d| &d.sources),
            |r| &r.id,
            source_label,
        ),
        section(
            "stages",
            of(old, |d| &d.stages),
            of(new, |d| &d.stages),
            |r| &r.id,
            stage_label,
        ),
        section(
            "trophies",
            of(old, |d| &d.trophies),
            of(new, |d| &d.trophies),
            |r| &r.id,
            trophy_label,
        ),
        section(
            "matches",
            of(old, |d| &d.matches),
            of(new, |d| &d.matches),
            |r| &r.id,
            match_label,
        ),
        section(
            "offers",
            of(old, |d| &d.offers),
            of(new, |d| &d.offers),
            |r| &r.id,
            offer_label,
        ),
        section(
            "quotes",
            of(old, |d| &d.quotes),
            of(new, |d| &d.quotes),
            |r| &r.id,
            quote_label,
        ),
    ];
    Changes {
        sections: sections.into_iter().flatten().collect(),
    }
}

fn source_label(s: &Source) -> String {
    format!("{}: {}", s.publisher, s.title)
}

fn stage_label(s: &Stage) -> String {
    format!("{} ({})", s.team, s.start)
}

fn trophy_label(t: &Trophy) -> String {
    format!("{} {}", t.competition, t.season)
}

fn match_label(m: &Match) -> String {
    format!("{} {} {} ({})", m.home, m.score, m.away, m.date)
}

fn offer_label(o: &Offer) -> String {
    format!("{} ({})", o.team, o.date)
}

fn quote_label(q: &Quote) -> String {
    const WORDS: usize = 60;
    let mut text: String = q.text.chars().take(WORDS).collect();
    if q.text.chars().count() > WORDS {
        text.push('…');
    }
    format!("{}: “{text}”", q.speaker)
}

/// One section's changes, or `None` when nothing in it changed.
fn section<T: Serialize + PartialEq>(
    name: &'static str,
    old: &[T],
    new: &[T],
    id: fn(&T) -> &str,
    label: fn(&T) -> String,
) -> Option<SectionChanges> {
    let old_ids: HashMap<&str, usize> = old.iter().enumerate().map(|(i, r)| (id(r), i)).collect();
    let new_ids: HashMap<&str, usize> = new.iter().enumerate().map(|(i, r)| (id(r), i)).collect();
    let entry = |r: &T| Entry {
        id: id(r).to_string(),
        label: label(r),
        record: value_of(r),
    };
    let added: Vec<Entry> = new
        .iter()
        .filter(|r| !old_ids.contains_key(id(r)))
        .map(&entry)
        .collect();
    let removed: Vec<Entry> = old
        .iter()
        .filter(|r| !new_ids.contains_key(id(r)))
        .map(&entry)
        .collect();
    let mut changed = Vec::new();
    for n in new {
        let Some(&i) = old_ids.get(id(n)) else {
            continue;
        };
        let o = &old[i];
        // Typed equality first: only records that differ are turned into values.
        if o == n {
            continue;
        }
        let (fields, disputes) = record_changes(&value_of(o), &value_of(n));
        if fields.is_empty() && disputes.is_empty() {
            continue;
        }
        changed.push(RecordChange {
            id: id(n).to_string(),
            label: label(n),
            fields,
            disputes,
        });
    }
    let common_old: Vec<&str> = old
        .iter()
        .map(id)
        .filter(|i| new_ids.contains_key(i))
        .collect();
    let common_new: Vec<&str> = new
        .iter()
        .map(id)
        .filter(|i| old_ids.contains_key(i))
        .collect();
    let reordered = common_old != common_new;
    let same = added.is_empty() && removed.is_empty() && changed.is_empty() && !reordered;
    (!same).then_some(SectionChanges {
        section: name,
        added,
        removed,
        changed,
        reordered,
    })
}

/// A model record as a JSON value, with the YAML's field names.
fn value_of<T: Serialize>(record: &T) -> Value {
    // The model serialises to JSON without fail: string keys, no non-finite floats. A null
    // would only make the record show as changed.
    serde_json::to_value(record).unwrap_or(Value::Null)
}

/// The field changes of a record and, apart, the changes of its disputes.
fn record_changes(old: &Value, new: &Value) -> (Vec<FieldChange>, Vec<DisputeChange>) {
    let empty = Map::new();
    let old_map = old.as_object().unwrap_or(&empty);
    let new_map = new.as_object().unwrap_or(&empty);
    let mut fields = Vec::new();
    diff_maps("", old_map, new_map, &["id", "disputes"], &mut fields);
    let no_disputes = Vec::new();
    let list = |m: &'_ Map<String, Value>| -> Vec<Value> {
        m.get("disputes")
            .and_then(Value::as_array)
            .unwrap_or(&no_disputes)
            .clone()
    };
    (fields, dispute_changes(&list(old_map), &list(new_map)))
}

/// Disputes are matched by the field they are about (the k-th dispute about a field with the
/// k-th one in the other dossier).
fn dispute_changes(old: &[Value], new: &[Value]) -> Vec<DisputeChange> {
    let field = |d: &Value| {
        d.get("field")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let keyed = |list: &[Value]| -> Vec<((String, usize), Value)> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        list.iter()
            .map(|d| {
                let f = field(d);
                let n = seen.entry(f.clone()).or_insert(0);
                *n += 1;
                ((f, *n), d.clone())
            })
            .collect()
    };
    let old = keyed(old);
    let new = keyed(new);
    let mut out = Vec::new();
    for (key, n) in &new {
        match old.iter().find(|(k, _)| k == key) {
            None => out.push(DisputeChange::Gained {
                field: key.0.clone(),
                dispute: n.clone(),
            }),
            Some((_, o)) if o != n => {
                let mut changes = Vec::new();
                diff_values("", o, n, &mut changes);
                out.push(DisputeChange::Changed {
                    field: key.0.clone(),
                    changes,
                });
            }
            Some(_) => {}
        }
    }
    for (key, o) in &old {
        if !new.iter().any(|(k, _)| k == key) {
            out.push(DisputeChange::Resolved {
                field: key.0.clone(),
                dispute: o.clone(),
            });
        }
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn diff_maps(
    path: &str,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    skip: &[&str],
    out: &mut Vec<FieldChange>,
) {
    // The old record's field order, then fields only the new one has.
    let keys = old
        .keys()
        .chain(new.keys().filter(|k| !old.contains_key(*k)));
    for key in keys {
        if skip.contains(&key.as_str()) {
            continue;
        }
        let at = join(path, key);
        match (old.get(key), new.get(key)) {
            (Some(o), Some(n)) => diff_values(&at, o, n, out),
            (o, n) => out.push(FieldChange {
                path: at,
                old: o.cloned(),
                new: n.cloned(),
            }),
        }
    }
}

fn diff_values(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => diff_maps(path, o, n, &[], out),
        // A list of records (events, legs, versions) is aligned, so that an event added in
        // the middle is one event added, not every later one changed.
        (Value::Array(o), Value::Array(n)) if o.iter().chain(n).any(Value::is_object) => {
            diff_lists(path, o, n, out);
        }
        // Anything else (a text, a number, a list of ids) is one value that changed.
        _ => out.push(FieldChange {
            path: path.to_string(),
            old: Some(old.clone()),
            new: Some(new.clone()),
        }),
    }
}

/// Aligns two lists on their longest common part; between two kept items, removed and added
/// items are paired in order (a changed item), and the rest are removed or added.
fn diff_lists(path: &str, old: &[Value], new: &[Value], out: &mut Vec<FieldChange>) {
    let kept = common_part(old, new);
    let (mut i, mut j) = (0, 0);
    for (ki, kj) in kept.into_iter().chain([(old.len(), new.len())]) {
        let gone = &old[i..ki];
        let came = &new[j..kj];
        for k in 0..gone.len().max(came.len()) {
            match (gone.get(k), came.get(k)) {
                (Some(o), Some(n)) => diff_values(&format!("{path}[{}]", j + k), o, n, out),
                (Some(o), None) => out.push(FieldChange {
                    path: format!("{path}[{}]", i + k),
                    old: Some(o.clone()),
                    new: None,
                }),
                (None, Some(n)) => out.push(FieldChange {
                    path: format!("{path}[{}]", j + k),
                    old: None,
                    new: Some(n.clone()),
                }),
                (None, None) => {}
            }
        }
        i = ki + 1;
        j = kj + 1;
    }
}

/// The index pairs of a longest common subsequence of two lists, in order (records in a list,
/// words in a text).
pub fn common_part<T: PartialEq>(old: &[T], new: &[T]) -> Vec<(usize, usize)> {
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > MAX_ALIGN_CELLS {
        // Too long to align: pair equal items at the same place only.
        return (0..n.min(m))
            .filter(|&k| old[k] == new[k])
            .map(|k| (k, k))
            .collect();
    }
    // lengths[i][j]: the longest common part of old[i..] and new[j..].
    let mut lengths = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i][j] = if old[i] == new[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if old[i] == new[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn changes(old: Value, new: Value) -> Vec<FieldChange> {
        let mut out = Vec::new();
        diff_values("x", &old, &new, &mut out);
        out
    }

    #[test]
    fn lists_of_records_are_aligned_on_what_they_keep() {
        let a = json!({"d": 1});
        let b = json!({"d": 2});
        let c = json!({"d": 3});
        // Removed from the front: one removal, not every item changed.
        let out = changes(json!([a, b, c]), json!([b, c]));
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((out[0].path.as_str(), &out[0].new), ("x[0]", &None));
        // One item edited in place: its field, at its index.
        let out = changes(json!([a, b, c]), json!([a, {"d": 9}, c]));
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].path, "x[1].d");
        assert_eq!(
            (out[0].old.clone(), out[0].new.clone()),
            (Some(json!(2)), Some(json!(9)))
        );
    }

    #[test]
    fn a_list_of_ids_is_one_value() {
        let out = changes(json!(["a", "b"]), json!(["b", "c"]));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].old, Some(json!(["a", "b"])));
    }

    #[test]
    fn disputes_pair_by_field_in_order() {
        let d = |field: &str, v: &str| json!({"field": field, "versions": [{"value": v}]});
        let out = dispute_changes(
            &[d("start", "1"), d("start", "2"), d("end", "3")],
            &[d("start", "1"), d("start", "9")],
        );
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(matches!(&out[0], DisputeChange::Changed { field, changes }
            if field == "start" && changes[0].path == "versions[0].value"));
        assert!(matches!(&out[1], DisputeChange::Resolved { field, .. } if field == "end"));
    }

    #[test]
    fn nothing_against_something_is_all_added() {
        let d = crate::load::load_embedded().expect("loads");
        let c = compare(None, Some(&d));
        let (added, removed, changed) = c.counts();
        let records = 1
            + d.sources.len()
            + d.stages.len()
            + d.trophies.len()
            + d.matches.len()
            + d.offers.len()
            + d.quotes.len();
        assert_eq!((added, removed, changed), (records, 0, 0));
        assert!(compare(Some(&d), Some(&d)).is_empty());
    }
}
