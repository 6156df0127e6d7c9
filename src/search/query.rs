//! A query in fzf's extended search syntax, matched against a record given as a list of fields.
//!
//! What fzf's users type without thinking (fzf 0.38's rules, `man fzf`, "EXTENDED SEARCH MODE"):
//!
//! | term       | matches a record where                                   |
//! |------------|----------------------------------------------------------|
//! | `word`     | some field has the letters of `word` in order (fuzzy)     |
//! | `'word`    | some field contains `word` as it is (exact)               |
//! | `^word`    | some field starts with `word`                             |
//! | `word$`    | some field ends with `word`                               |
//! | `^word$`   | some field is `word`                                      |
//! | `!word`    | no field contains `word` (also `!^word`, `!word$`, `!^word$`; `!'word`: not even fuzzily) |
//! | `a \| b`   | `a` or `b` matches                                       |
//!
//! Terms separated by spaces must all match; `\ ` is a space inside a term. Each term is smart
//! case on its own (a capital makes that term case-sensitive) and ignores accents on both sides,
//! as the rest of the search does (see `fold.rs`). Each term is matched in every field and counts
//! where it scores best: a fuzzy term scores what SkimMatcherV2 gives it, an exact one what the
//! same scoring gives its letters side by side (see `Pattern::exact`). A record's score is the sum
//! of its terms' scores (an `a | b` group counts its best match; negated terms count 0).

use std::borrow::Cow;
use std::fmt;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::fold;
use super::score::{Anchor, Pattern};

/// How a term is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Its characters in order, with gaps (SkimMatcherV2).
    Fuzzy,
    /// Its characters side by side, where the anchor says.
    Exact(Anchor),
}

/// One term of a query, its text folded.
#[derive(Clone)]
pub(crate) struct Term {
    pub(crate) kind: Kind,
    /// True for `!`: the record matches only if no field has it.
    pub(crate) inverse: bool,
    pub(crate) pattern: Pattern,
}

impl PartialEq for Term {
    fn eq(&self, other: &Self) -> bool {
        (self.kind, self.inverse, self.pattern.query())
            == (other.kind, other.inverse, other.pattern.query())
    }
}

impl Term {
    fn new(kind: Kind, inverse: bool, text: &str) -> Self {
        Self {
            kind,
            inverse,
            pattern: Pattern::new(&fold(text)),
        }
    }

    /// The term's score in one folded field (`skim`: fuzzy terms scored by fuzzy-matcher itself).
    #[inline]
    fn score(&self, text: &str, skim: Option<&SkimMatcherV2>) -> Option<i32> {
        match (self.kind, skim) {
            (Kind::Fuzzy, None) => self.pattern.score(text),
            (Kind::Fuzzy, Some(m)) => m.fuzzy_match(text, self.pattern.query()).map(|s| s as i32),
            (Kind::Exact(anchor), _) => self.pattern.exact(text, anchor).map(|(s, _)| s),
        }
    }

    /// The term's score in one folded field and the char indices it matched there.
    fn indices(&self, text: &str) -> Option<(i32, Vec<usize>)> {
        match self.kind {
            Kind::Fuzzy => self.pattern.indices(text),
            Kind::Exact(anchor) => {
                let (score, start) = self.pattern.exact(text, anchor)?;
                Some((score, (start..start + self.pattern.len()).collect()))
            }
        }
    }

    /// True if the term (read as if it were not negated) can be found in the folded field.
    #[inline]
    pub(crate) fn occurs(&self, text: &str) -> bool {
        match self.kind {
            Kind::Fuzzy => self.pattern.matches(text),
            Kind::Exact(anchor) => self.pattern.occurs_exactly(text, anchor),
        }
    }

    /// True if `self` is `earlier` with more chars typed at its end, and every field's score
    /// for it is bounded from `earlier`'s by what the new chars can add: a fuzzy term, or an
    /// exact one whose place in the field cannot move (anywhere, or at its start). Neither
    /// negated.
    fn grows(&self, earlier: &Term) -> bool {
        let kind = match (self.kind, earlier.kind) {
            (a, b) if a == b => a,
            _ => return false,
        };
        matches!(
            kind,
            Kind::Fuzzy | Kind::Exact(Anchor::Anywhere) | Kind::Exact(Anchor::Start)
        ) && !self.inverse
            && !earlier.inverse
            && self.pattern.len() > earlier.pattern.len()
            && self.pattern.query().starts_with(earlier.pattern.query())
    }

    /// True if every field this term matches is matched by `other` too (both read as not
    /// negated): a fuzzy term by any term whose text has its letters in order, an exact one by a
    /// term that contains its text, an anchored one by a term anchored the same way that
    /// extends it. Smart case is on `other`'s side: a lower-case term is matched by any case.
    fn is_implied_by(&self, other: &Term) -> bool {
        let (mine, theirs) = (self.pattern.query(), other.pattern.query());
        let exact = self.pattern.is_case_sensitive();
        let same = |a: char, b: char| a == b || (!exact && a.eq_ignore_ascii_case(&b));
        let mine: Vec<char> = mine.chars().collect();
        let theirs: Vec<char> = theirs.chars().collect();
        let starts =
            |t: &[char]| t.len() >= mine.len() && t.iter().zip(&mine).all(|(&b, &a)| same(a, b));
        let ends = |t: &[char]| t.len() >= mine.len() && starts(&t[t.len() - mine.len()..]);
        use Anchor::*;
        match (self.kind, other.kind) {
            (Kind::Fuzzy, _) => {
                let mut rest = theirs.iter();
                mine.iter().all(|&a| rest.any(|&b| same(a, b)))
            }
            (Kind::Exact(Anywhere), Kind::Exact(_)) => {
                (0..theirs.len().max(1)).any(|i| starts(theirs.get(i..).unwrap_or(&[])))
            }
            (Kind::Exact(Start), Kind::Exact(Start | Whole)) => starts(&theirs),
            (Kind::Exact(End), Kind::Exact(End | Whole)) => ends(&theirs),
            (Kind::Exact(Whole), Kind::Exact(Whole)) => {
                mine.len() == theirs.len() && starts(&theirs)
            }
            _ => false,
        }
    }

    /// True if every record `other` lets through, this term lets through too.
    pub(crate) fn is_implied_by_term(&self, other: &Term) -> bool {
        match (self.inverse, other.inverse) {
            (false, false) => self.is_implied_by(other),
            // `!b` lets through only records without `b`; those lack `a` if `a` implies `b`.
            (true, true) => other.is_implied_by(self),
            _ => false,
        }
    }
}

/// A record that matches a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordMatch {
    /// Higher is better: the sum of the terms' scores.
    pub score: i64,
    /// The index of the field the best-scoring term matched in (0 when no term scores).
    pub best: usize,
    /// For each field given, the char indices (not byte indices) to highlight, ascending.
    pub positions: Vec<Vec<usize>>,
}

/// A parsed query in fzf's extended syntax (see the module docs), ready to match many records.
#[derive(Clone)]
pub struct Query {
    typed: String,
    /// Every group must match; a group matches if one of its terms does.
    pub(crate) sets: Vec<Vec<Term>>,
}

impl PartialEq for Query {
    /// Two queries are equal if they match the same way, however they were typed.
    fn eq(&self, other: &Self) -> bool {
        self.sets == other.sets
    }
}

impl fmt::Debug for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Query")
            .field("typed", &self.typed)
            .field("terms", &self.describe())
            .finish()
    }
}

impl Query {
    /// Parses `typed` as fzf does: spaces separate terms (`\ ` is a space inside one), leading
    /// and trailing spaces are ignored, and a term with nothing left after its `!`, `'`, `^` or
    /// `$` is dropped. Parsing never fails: anything that is not syntax is text to match.
    pub fn parse(typed: &str) -> Query {
        let mut rest = typed.trim_start_matches(' ');
        while rest.ends_with(' ') && !rest.ends_with("\\ ") {
            rest = &rest[..rest.len() - 1];
        }
        let mut sets: Vec<Vec<Term>> = Vec::new();
        let mut set: Vec<Term> = Vec::new();
        // As in fzf: a bar makes the next term that has text join the group before it.
        let (mut next_group, mut after_bar) = (false, false);
        for token in tokens(rest) {
            if !set.is_empty() && !after_bar && token == "|" {
                (next_group, after_bar) = (false, true);
                continue;
            }
            after_bar = false;
            let Some(term) = term(&token) else { continue };
            if next_group {
                sets.push(std::mem::take(&mut set));
            }
            set.push(term);
            next_group = true;
        }
        if !set.is_empty() {
            sets.push(set);
        }
        Query {
            typed: typed.to_string(),
            sets,
        }
    }

    /// The query as it was typed.
    pub fn as_str(&self) -> &str {
        &self.typed
    }

    /// True if it has no term (nothing typed, or only spaces and bare operators): it filters
    /// nothing out and ranks nothing.
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// Each group of terms in words (`not prefix "juan"`, `fuzzy "a" | fuzzy "b"`), for
    /// debugging and tests.
    pub(crate) fn describe(&self) -> Vec<String> {
        let term = |t: &Term| {
            let kind = match t.kind {
                Kind::Fuzzy => "fuzzy",
                Kind::Exact(Anchor::Anywhere) => "exact",
                Kind::Exact(Anchor::Start) => "prefix",
                Kind::Exact(Anchor::End) => "suffix",
                Kind::Exact(Anchor::Whole) => "whole",
            };
            let not = if t.inverse { "not " } else { "" };
            format!("{not}{kind} {:?}", t.pattern.query())
        };
        let set = |s: &Vec<Term>| s.iter().map(term).collect::<Vec<_>>().join(" | ");
        self.sets.iter().map(set).collect()
    }

    /// Group `set` split into its alternatives: one query per alternative, the other groups
    /// kept. A record matches this query if it matches one of them, and scores the most any of
    /// them gives it (its best field that one's, the first on a tie): the groups' scores are
    /// added, and a group scores its best alternative. `None` unless the group has two or more
    /// alternatives, none negated (a negated one lets a record through with 0 only when no
    /// other matches, which is no maximum).
    pub(crate) fn alternatives(&self, set: usize) -> Option<Vec<Query>> {
        let group = self.sets.get(set)?;
        if group.len() < 2 || group.iter().any(|t| t.inverse) {
            return None;
        }
        let part = |(j, term): (usize, &Term)| {
            let mut sets = self.sets.clone();
            sets[set] = vec![term.clone()];
            Query {
                typed: format!(
                    "{} (alternative {} of group {})",
                    self.typed,
                    j + 1,
                    set + 1
                ),
                sets,
            }
        };
        Some(group.iter().enumerate().map(part).collect())
    }

    /// The char, if the query is one char that any field holding it matches (fuzzy, or exact
    /// anywhere) and that has a bag bit of its own: a lower-case ASCII letter (which matches
    /// either case), a digit or a space.
    pub(crate) fn one_char(&self) -> Option<u8> {
        let [set] = &self.sets[..] else { return None };
        let [term] = &set[..] else { return None };
        let &[c] = term.pattern.query().as_bytes() else {
            return None;
        };
        let kind = matches!(term.kind, Kind::Fuzzy | Kind::Exact(Anchor::Anywhere));
        let own_bit = c.is_ascii_lowercase() || c.is_ascii_digit() || c == b' ';
        (kind && own_bit && !term.inverse).then_some(c)
    }

    /// The bag of each of its terms (see `bag`), negated ones too.
    pub(crate) fn bags(&self) -> Vec<u64> {
        self.sets
            .iter()
            .flatten()
            .map(|t| t.pattern.bag())
            .collect()
    }

    /// How many groups of terms it has.
    pub(crate) fn groups(&self) -> usize {
        self.sets.len()
    }

    /// Roughly what finding this query's matches costs per candidate, in units of checking
    /// that a term still matches (scoring a term is about three): from the matches of an
    /// earlier query it narrows with `change`, or from every quote (`None`).
    pub(crate) fn cost(&self, change: Option<&Change<'_>>) -> usize {
        const SCORE: usize = 3;
        let terms = |set: &[Term]| set.len() * SCORE;
        let all = 1 + self.sets.iter().map(|s| terms(s)).sum::<usize>();
        match change {
            None | Some(Change::Other) => all,
            Some(Change::Same) => 0,
            Some(Change::Grown { set, .. }) => 1 + self.sets[*set].len(),
            // With one group, the new group's score is the whole score: the old one is not
            // needed (see `Scan::narrow_all`).
            Some(Change::Swapped { set, .. }) if self.sets.len() == 1 => {
                1 + terms(&self.sets[*set])
            }
            Some(Change::Swapped { set, old }) => {
                1 + terms(&self.sets[*set]) + old.map_or(0, terms)
            }
        }
    }

    /// True if it only excludes (`!word` terms): every record it lets through scores 0.
    pub fn only_excludes(&self) -> bool {
        self.sets.iter().flatten().all(|t| t.inverse)
    }

    /// Whether the record given as `fields` (any number, in the caller's order; an absent field
    /// is `""`) matches, with its score, its best field and the characters to highlight in each
    /// field. An empty query matches every record, with score 0 and nothing highlighted.
    pub fn matches(&self, fields: &[&str]) -> Option<RecordMatch> {
        let folded: Vec<Cow<'_, str>> = fields.iter().map(|f| fold(f)).collect();
        let folded: Vec<Option<&str>> = folded.iter().map(|f| Some(&**f)).collect();
        let mut positions = vec![Vec::new(); fields.len()];
        let (score, best) = self.evaluate(&folded, None, None, Some(&mut positions))?;
        Some(RecordMatch {
            score: i64::from(score),
            best,
            positions,
        })
    }

    /// The score and best field of a record whose fields are already folded (`None`: the record
    /// lacks that field). `bags`, when given, holds each field's `bag`: a field whose bag lacks a
    /// term's bits cannot hold it and is not read for it. With `positions`, the matched char
    /// indices of each field are added to it (sorted, without repeats).
    #[inline]
    pub(crate) fn evaluate(
        &self,
        fields: &[Option<&str>],
        bags: Option<&[u64]>,
        skim: Option<&SkimMatcherV2>,
        mut positions: Option<&mut [Vec<usize>]>,
    ) -> Option<(i32, usize)> {
        let mut total = 0i32;
        let mut best: Option<(i32, usize)> = None;
        for set in &self.sets {
            let (score, field) = set_score(set, fields, bags, skim, positions.as_deref_mut())?;
            total = total.saturating_add(score);
            if let Some(field) = field
                && best.is_none_or(|(b, _)| score > b)
            {
                best = Some((score, field));
            }
        }
        if let Some(positions) = positions {
            for p in positions.iter_mut() {
                p.sort_unstable();
                p.dedup();
            }
        }
        Some((total, best.map_or(0, |(_, f)| f)))
    }
}

/// How a query differs from an earlier one that it narrows (see [`Query::narrows`]).
pub(crate) enum Change<'p> {
    /// The same terms.
    Same,
    /// In one group, one term (alternative `term`) grew at its end from `from` chars: the
    /// group's score grows by at most what the new chars can add (see `Pattern::bound_growth`
    /// for a fuzzy term, `Pattern::exact_growth` for an exact one).
    Grown {
        set: usize,
        term: usize,
        from: usize,
    },
    /// One group was added (`old: None`) or replaced by one that implies `old`: the new score
    /// is the old one less the old group's score plus the new group's.
    Swapped { set: usize, old: Option<&'p [Term]> },
    /// More than one group changed or was added.
    Other,
}

impl Query {
    /// If every record this query matches is matched by `earlier` too, how they differ: the
    /// earlier query's matches are then the only candidates. `None` if that cannot be told
    /// (groups removed or reordered, a group that does not imply the earlier one, a negated
    /// term that grew: `!ab` lets through what `!a` does not).
    pub(crate) fn narrows<'p>(&self, earlier: &'p Query) -> Option<Change<'p>> {
        let (new, old) = (&self.sets, &earlier.sets);
        if new.len() < old.len() {
            return None;
        }
        let mut changed = None;
        for (k, (n, o)) in new.iter().zip(old).enumerate() {
            if n == o {
                continue;
            }
            // Each alternative of the new group implies one of the old group's.
            if !n.iter().all(|t| o.iter().any(|e| e.is_implied_by_term(t))) {
                return None;
            }
            if changed.replace(k).is_some() {
                return Some(Change::Other);
            }
        }
        Some(match (changed, new.len() - old.len()) {
            (None, 0) => Change::Same,
            (None, 1) => Change::Swapped {
                set: old.len(),
                old: None,
            },
            (Some(k), 0) => {
                let (n, o) = (&new[k], &old[k]);
                // The one alternative that differs, if the others are the same.
                let mut differ = (0..n.len().min(o.len())).filter(|&j| n[j] != o[j]);
                let grown = match (differ.next(), differ.next()) {
                    (Some(j), None) if n.len() == o.len() => Some(j),
                    _ => None,
                };
                match grown {
                    Some(j) if n[j].grows(&o[j]) => Change::Grown {
                        set: k,
                        term: j,
                        from: o[j].pattern.len(),
                    },
                    _ => Change::Swapped {
                        set: k,
                        old: Some(&old[k]),
                    },
                }
            }
            _ => Change::Other,
        })
    }
}

/// The score of one group of alternatives (`a | b | c`) in a record: its best-scoring positive
/// term, and the field that term scored in; `(0, None)` if only a negated term let it through;
/// `None` if none matches. With `positions`, the best term's matched chars are added there.
#[inline]
pub(crate) fn set_score(
    set: &[Term],
    fields: &[Option<&str>],
    bags: Option<&[u64]>,
    skim: Option<&SkimMatcherV2>,
    positions: Option<&mut [Vec<usize>]>,
) -> Option<(i32, Option<usize>)> {
    let mut best: Option<(i32, usize)> = None;
    let mut best_positions = Vec::new();
    let mut excluded_only = false;
    for term in set {
        let want = term.pattern.bag();
        let candidates = fields
            .iter()
            .enumerate()
            .filter(|&(f, _)| bags.is_none_or(|b| b[f] & want == want))
            .filter_map(|(f, text)| Some((f, (*text)?)));
        if term.inverse {
            if !excluded_only {
                let mut candidates = candidates;
                excluded_only = !candidates.any(|(_, text)| term.occurs(text));
            }
            continue;
        }
        for (f, text) in candidates {
            if positions.is_some() {
                if let Some((score, indices)) = term.indices(text)
                    && best.is_none_or(|(b, _)| score > b)
                {
                    best = Some((score, f));
                    best_positions = indices;
                }
            } else if let Some(score) = term.score(text, skim)
                && best.is_none_or(|(b, _)| score > b)
            {
                best = Some((score, f));
            }
        }
    }
    match best {
        Some((score, field)) => {
            if let Some(positions) = positions {
                positions[field].extend(best_positions);
            }
            Some((score, Some(field)))
        }
        None => excluded_only.then_some((0, None)),
    }
}

/// True if the group of alternatives lets the record through (see [`set_score`]), without
/// scoring: a subsequence or substring test per field.
pub(crate) fn set_matches(set: &[Term], fields: &[Option<&str>], bags: Option<&[u64]>) -> bool {
    set.iter().any(|term| {
        let want = term.pattern.bag();
        let found = fields
            .iter()
            .enumerate()
            .filter(|&(f, _)| bags.is_none_or(|b| b[f] & want == want))
            .filter_map(|(_, text)| *text)
            .any(|text| term.occurs(text));
        found != term.inverse
    })
}

/// The terms of `text`: separated by runs of spaces, `\ ` standing for a space inside a term.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut token = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                chars.next();
                token.push(' ');
            }
            ' ' => {
                if !token.is_empty() {
                    out.push(std::mem::take(&mut token));
                }
            }
            _ => token.push(c),
        }
    }
    if !token.is_empty() {
        out.push(token);
    }
    out
}

/// One token read as a term, in fzf's order: `!`, then a trailing `$`, then a leading `'` or
/// `^`. `None` if no text is left to match.
fn term(token: &str) -> Option<Term> {
    let mut text = token;
    let mut kind = Kind::Fuzzy;
    let mut inverse = false;
    if let Some(rest) = text.strip_prefix('!') {
        inverse = true;
        kind = Kind::Exact(Anchor::Anywhere);
        text = rest;
    }
    if text != "$"
        && let Some(rest) = text.strip_suffix('$')
    {
        kind = Kind::Exact(Anchor::End);
        text = rest;
    }
    if let Some(rest) = text.strip_prefix('\'') {
        // `'` flips exactness: exact for a plain term, fuzzy for a negated one.
        kind = if inverse {
            Kind::Fuzzy
        } else {
            Kind::Exact(Anchor::Anywhere)
        };
        text = rest;
    } else if let Some(rest) = text.strip_prefix('^') {
        kind = if kind == Kind::Exact(Anchor::End) {
            Kind::Exact(Anchor::Whole)
        } else {
            Kind::Exact(Anchor::Start)
        };
        text = rest;
    }
    (!text.is_empty()).then(|| Term::new(kind, inverse, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::reference;
    use crate::testgen::Rng;

    fn terms(query: &str) -> Vec<String> {
        Query::parse(query).describe()
    }

    #[test]
    fn the_syntax_reads_as_fzf_reads_it() {
        for (typed, expected) in [
            ("mejia", &["fuzzy \"mejia\""][..]),
            ("'mejia", &["exact \"mejia\""]),
            ("^José", &["prefix \"Jose\""]),
            ("Mejía$", &["suffix \"Mejia\""]),
            ("^fenafuth$", &["whole \"fenafuth\""]),
            ("!osorio", &["not exact \"osorio\""]),
            ("!^juan", &["not prefix \"juan\""]),
            ("!osorio$", &["not suffix \"osorio\""]),
            ("!^x$", &["not whole \"x\""]),
            ("!'abc", &["not fuzzy \"abc\""]),
            ("  osorio   once  ", &["fuzzy \"osorio\"", "fuzzy \"once\""]),
            (
                "zamalek | paraguay osorio",
                &["fuzzy \"zamalek\" | fuzzy \"paraguay\"", "fuzzy \"osorio\""],
            ),
            ("jose\\ ernesto", &["fuzzy \"jose ernesto\""]),
            ("caldas\\ ", &["fuzzy \"caldas \""]),
            // Bare operators have nothing to match and are dropped; a lone `$` is text.
            ("' ^ ! !^ $", &["fuzzy \"$\""]),
            // A bar with nothing before it is text; a second bar in a row too.
            ("| a", &["fuzzy \"|\"", "fuzzy \"a\""]),
            ("a | | b", &["fuzzy \"a\" | fuzzy \"|\"", "fuzzy \"b\""]),
            ("a | ' b", &["fuzzy \"a\" | fuzzy \"b\""]),
            // fzf reads `'` after the `$`, so this is an exact term without an anchor.
            ("'abc$", &["exact \"abc\""]),
            ("", &[]),
            ("   ", &[]),
        ] {
            assert_eq!(terms(typed), expected, "{typed:?}");
            assert_eq!(Query::parse(typed).is_empty(), expected.is_empty());
        }
        assert_eq!(Query::parse("  a  b ").as_str(), "  a  b ");
        assert_eq!(Query::parse("a  b"), Query::parse(" a b "));
        assert!(Query::parse("!a !^b").only_excludes() && !Query::parse("!a b").only_excludes());
    }

    /// Each quote of the embedded dossier as a record: text, speaker, context.
    fn quote_ids(query: &str) -> Vec<String> {
        let dossier = crate::load::load_embedded().expect("the embedded dossier loads");
        let q = Query::parse(query);
        dossier
            .quotes
            .iter()
            .filter(|quote| {
                let context = quote.context.as_deref().unwrap_or("");
                q.matches(&[&quote.text, &quote.speaker, context]).is_some()
            })
            .map(|quote| quote.id.to_string())
            .collect()
    }

    /// `mejia` finds a Robert Harrison quote whose letters happen to be scattered through it; an
    /// exact term, or a second word, is the way out.
    #[test]
    fn an_exact_term_or_a_second_word_leaves_out_the_scattered_letters() {
        let fuzzy = quote_ids("mejia");
        assert!(
            fuzzy.contains(&"harrison-2019-mutual-agreement".to_string()),
            "{fuzzy:?}"
        );
        let mejia = ["mejia-2023-speculation", "mejia-2023-rapprochements"];
        assert_eq!(quote_ids("'mejia"), mejia);
        assert_eq!(quote_ids("'Mejía"), mejia);
        assert_eq!(quote_ids("mejia$"), mejia);
        // "Commission" has the letters of `comision`; only one quote has the word itself. In a
        // dossier of 95 quotes a second fuzzy word narrows the scattered matches without
        // removing them all: an exact term does.
        let narrowed = quote_ids("mejia comision");
        assert!(narrowed.len() < fuzzy.len(), "{narrowed:?}");
        assert!(mejia.iter().all(|m| narrowed.contains(&m.to_string())));
        assert_eq!(quote_ids("mejia 'comision"), ["mejia-2023-speculation"]);
        assert_eq!(quote_ids("'mejia 'osorio"), mejia);
        assert_eq!(quote_ids("'mejia !troglio"), ["mejia-2023-rapprochements"]);
        assert_eq!(
            quote_ids("'mejia | 'harrison"),
            [
                "harrison-2018-sonar-con-un-mundial",
                "harrison-2019-mutual-agreement",
                mejia[0],
                mejia[1]
            ]
        );
    }

    #[test]
    fn anchors_look_at_the_ends_of_each_field_blanks_aside() {
        let record = ["  Once Caldas ", "Atlético Nacional"];
        let q = |query: &str| Query::parse(query).matches(&record).is_some();
        assert!(q("^once") && q("^Once") && !q("^ONCE") && q("caldas$") && q("^once\\ caldas$"));
        assert!(q("^atletico") && q("nacional$") && q("^Atlético\\ Nacional$"));
        assert!(!q("^caldas") && !q("once$") && !q("^once$") && !q("^nacional"));
        // A term that starts (or ends) with a blank is anchored to the field as it is.
        assert!(!q("^\\ once") && q("^\\ \\ once") && q("caldas\\ $"));
        assert!(q("'tico\\ nac") && !q("'ticonac") && q("ticonac"));
    }

    #[test]
    fn negated_terms_exclude_and_or_groups_include() {
        let records = [
            ["The priority right now is Zamalek", "Juan Carlos Osorio"],
            ["No puedo continuar en el cargo", "Juan Carlos Osorio"],
            ["Hemos tomado la decisión", "Robert Harrison"],
        ];
        let which = |query: &str| -> Vec<usize> {
            let q = Query::parse(query);
            (0..records.len())
                .filter(|&i| q.matches(&records[i]).is_some())
                .collect()
        };
        assert_eq!(which("!osorio"), [2]);
        assert_eq!(which("!^juan"), [2]);
        assert_eq!(which("!zamalek"), [1, 2]);
        assert_eq!(which("osorio !zamalek"), [1]);
        assert_eq!(which("zamalek | harrison"), [0, 2]);
        assert_eq!(which("'zamalek | !osorio"), [0, 2]);
        assert_eq!(which("!'zmlk"), [1, 2]);
        // Excluding only: every record left scores 0, nothing highlighted.
        let m = Query::parse("!zamalek").matches(&records[1]).unwrap();
        assert_eq!((m.score, m.positions), (0, vec![vec![], vec![]]));
    }

    #[test]
    fn smart_case_and_accents_are_per_term() {
        let q = |query: &str, fields: &[&str]| Query::parse(query).matches(fields).is_some();
        assert!(q("Osorio once", &["Osorio", "ONCE CALDAS"]));
        assert!(!q("Osorio once", &["OSORIO", "once caldas"]));
        assert!(q("'seleccion 'Paraguay", &["la SELECCIÓN de Paraguay"]));
        assert!(!q("'seleccion 'paraguay", &["la selección de PARAGUA"]));
        assert!(q("'presión", &["presion"]) && q("'presion", &["presión"]));
        assert!(!q("'Presion", &["presión"]));
    }

    #[test]
    fn each_field_says_what_to_highlight_and_the_best_field_is_named() {
        let record = ["Once Caldas won't let me go", "Juan Carlos Osorio", ""];
        let m = Query::parse("osorio 'caldas").matches(&record).unwrap();
        assert_eq!(m.positions[0], [5, 6, 7, 8, 9, 10]);
        assert_eq!(m.positions[1], [12, 13, 14, 15, 16, 17]);
        assert!(m.positions[2].is_empty());
        let alone = |q: &str| Query::parse(q).matches(&record).unwrap().score;
        assert_eq!(m.score, alone("osorio") + alone("'caldas"));
        // The best field is where the best-scoring term matched (the first such term on a tie).
        assert_eq!(alone("osorio"), alone("'caldas"));
        assert_eq!(m.best, 1);
        assert_eq!(Query::parse("o 'caldas").matches(&record).unwrap().best, 0);
        assert_eq!(Query::parse("osorio c").matches(&record).unwrap().best, 1);
        assert_eq!(Query::parse("juan").matches(&record).unwrap().best, 1);
        // Terms that overlap highlight each char once.
        let m = Query::parse("'cal cal").matches(&record).unwrap();
        assert_eq!(m.positions[0], [5, 6, 7]);
        // Accented letters are highlighted where they are.
        let m = Query::parse("'mejia")
            .matches(&["", "José Ernesto Mejía"])
            .unwrap();
        assert_eq!(
            (m.best, &m.positions[1][..]),
            (1, &[13, 14, 15, 16, 17][..])
        );
    }

    #[test]
    fn an_empty_query_lets_every_record_through() {
        for typed in ["", "  ", "' ^ !"] {
            let m = Query::parse(typed).matches(&["anything", ""]).unwrap();
            assert_eq!((m.score, m.best, m.positions), (0, 0, vec![vec![], vec![]]));
        }
        assert!(Query::parse("x").matches(&[]).is_none());
    }

    /// The exact scorer against the slow reference, on random texts over a small alphabet (so
    /// that terms occur often, with separators, case changes and multi-byte chars); an exact
    /// match is one of the alignments a fuzzy match considers, so it never scores above it.
    #[test]
    fn exact_terms_score_like_the_reference_and_never_above_fuzzy() {
        let alphabet: Vec<char> = "aabbcAB ._/-1é🙂\0".chars().collect();
        let mut rng = Rng::new(5);
        let mut found = 0;
        for _ in 0..30_000 {
            let n = rng.range(0, 30);
            let text: String = (0..n).map(|_| *rng.pick(&alphabet)).collect();
            let m = rng.range(1, 5);
            let word: String = (0..m).map(|_| *rng.pick(&alphabet[..8])).collect();
            if word.starts_with(['!', '\'', '^', ' ']) || word.ends_with(['$', ' ', '\\']) {
                continue;
            }
            let word = word.replace(' ', "\\ ");
            for typed in [
                format!("'{word}"),
                format!("^{word}"),
                format!("{word}$"),
                format!("^{word}$"),
            ] {
                let got = Query::parse(&typed).matches(&[&text]);
                assert_eq!(
                    got,
                    reference::matches(&typed, &[&text]),
                    "{text:?} {typed:?}"
                );
                if let Some(got) = got {
                    found += 1;
                    let fuzzy = Query::parse(&word)
                        .matches(&[&text])
                        .expect("fuzzy matches too");
                    assert!(got.score <= fuzzy.score, "{text:?} {typed:?}");
                }
            }
            let whole = Query::parse(&format!("^{}$", text.trim().replace(' ', "\\ ")));
            if let (Some(w), Some(f)) = (
                whole.matches(&[&text]),
                Query::parse(&text.replace(' ', "\\ ")).matches(&[&text]),
            ) {
                // A field that is the term: the one alignment, so the same score.
                if !text.trim().is_empty() && text.trim() == text {
                    assert_eq!(w.score, f.score, "{text:?}");
                }
            }
        }
        assert!(found > 3_000, "the test must exercise matches, got {found}");
    }

    /// Whole queries (groups, negations, anchors, several fields) against the reference.
    #[test]
    fn queries_match_like_the_reference() {
        let pieces = [
            "a", "b", "ab", "'a", "^b", "a$", "!c", "!^a", "|", "'é", "A", "\\ ", "^ab$", "!'b",
        ];
        let alphabet: Vec<char> = "aabbcAB .-é".chars().collect();
        let mut rng = Rng::new(9);
        let mut matched = 0;
        for _ in 0..20_000 {
            let fields: Vec<String> = (0..rng.range(1, 4))
                .map(|_| {
                    (0..rng.range(0, 12))
                        .map(|_| *rng.pick(&alphabet))
                        .collect()
                })
                .collect();
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            let typed: Vec<&str> = (0..rng.range(1, 5)).map(|_| *rng.pick(&pieces)).collect();
            let typed = typed.join(if rng.chance(20) { "  " } else { " " });
            let got = Query::parse(&typed).matches(&fields);
            matched += usize::from(got.is_some());
            assert_eq!(
                got,
                reference::matches(&typed, &fields),
                "{typed:?} {fields:?}"
            );
        }
        assert!(matched > 2_000, "{matched}");
    }
}
