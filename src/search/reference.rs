//! The obvious implementation of the query syntax, for the tests and the fuzz target to hold the
//! fast paths against: its own reading of fzf's rules, fuzzy-matcher's `SkimMatcherV2` (fresh for
//! every field) for fuzzy terms, and a char-by-char scan of every place for exact ones, scored by
//! SkimMatcherV2's constants as written in its source. Slow on purpose; never used by the program.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::RecordMatch;
use super::fold::fold;

/// How a reference term is matched: fuzzy, or exact with its anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Fuzzy,
    Exact { start: bool, end: bool },
}

#[derive(Debug, Clone)]
struct Term {
    how: How,
    not: bool,
    text: Vec<char>,
}

/// fzf's `parseTerms`, read from its rules: returns the groups of alternatives.
fn parse(query: &str) -> Vec<Vec<Term>> {
    let mut q = query.trim_start_matches(' ').to_string();
    while q.ends_with(' ') && !q.ends_with("\\ ") {
        q.pop();
    }
    // Split on runs of spaces that are not escaped.
    let chars: Vec<char> = q.chars().collect();
    let mut tokens: Vec<String> = Vec::new();
    let mut token = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && chars.get(i + 1) == Some(&' ') {
            token.push(' ');
            i += 2;
        } else if chars[i] == ' ' {
            tokens.push(std::mem::take(&mut token));
            i += 1;
        } else {
            token.push(chars[i]);
            i += 1;
        }
    }
    tokens.push(token);
    let mut sets: Vec<Vec<Term>> = Vec::new();
    let mut set: Vec<Term> = Vec::new();
    let mut switch = false;
    let mut after_bar = false;
    for token in tokens.iter().filter(|t| !t.is_empty()) {
        if !set.is_empty() && !after_bar && token == "|" {
            switch = false;
            after_bar = true;
            continue;
        }
        after_bar = false;
        let mut text: &str = token;
        let mut how = How::Fuzzy;
        let mut not = false;
        if text.starts_with('!') {
            not = true;
            how = How::Exact {
                start: false,
                end: false,
            };
            text = &text[1..];
        }
        if text != "$" && text.ends_with('$') {
            how = How::Exact {
                start: false,
                end: true,
            };
            text = &text[..text.len() - 1];
        }
        if text.starts_with('\'') {
            how = if not {
                How::Fuzzy
            } else {
                How::Exact {
                    start: false,
                    end: false,
                }
            };
            text = &text[1..];
        } else if text.starts_with('^') {
            let end = how
                == How::Exact {
                    start: false,
                    end: true,
                };
            how = How::Exact { start: true, end };
            text = &text[1..];
        }
        if !text.is_empty() {
            if switch {
                sets.push(std::mem::take(&mut set));
            }
            set.push(Term {
                how,
                not,
                text: fold(text).chars().collect(),
            });
            switch = true;
        }
    }
    if !set.is_empty() {
        sets.push(set);
    }
    sets
}

/// SkimMatcherV2's bonus for matching `cur` after `prev` (`None`: the start of the text).
fn bonus(prev: Option<char>, cur: char) -> i32 {
    // Its char classes: 0 lower and anything not ASCII, 1 upper, 2 digit, 3 hard and 4 soft
    // separators; a NUL counts as the start of the text.
    let kind = |c: char| match c {
        '\0' => 3,
        'a'..='z' => 0,
        'A'..='Z' => 1,
        '0'..='9' => 2,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => 3,
        c if c.is_ascii_punctuation() => 4,
        _ => 0,
    };
    match prev.map(kind) {
        None | Some(3) => 8,
        Some(4) => 7,
        Some(0 | 2) if kind(cur) == 1 => 6,
        _ => 0,
    }
}

/// Every place where `term` occurs in `text` side by side (as its anchors allow), scored as one
/// first match and a run; the best one, the first on a tie.
fn exact(term: &Term, text: &[char], start: bool, end: bool) -> Option<(i32, Vec<usize>)> {
    let sensitive = term.text.iter().any(|c| c.is_ascii_uppercase());
    let same = |a: char, b: char| a == b || (!sensitive && a.eq_ignore_ascii_case(&b));
    let n = term.text.len();
    let lo = if start && !term.text[0].is_whitespace() {
        text.iter().take_while(|c| c.is_whitespace()).count()
    } else {
        0
    };
    let hi = if end && !term.text[n - 1].is_whitespace() {
        text.len() - text.iter().rev().take_while(|c| c.is_whitespace()).count()
    } else {
        text.len()
    };
    let mut best: Option<(i32, Vec<usize>)> = None;
    for at in lo..=hi.saturating_sub(n).max(lo) {
        if at + n > hi || (start && at != lo) || (end && at + n != hi) {
            continue;
        }
        if !(0..n).all(|k| same(term.text[k], text[at + k])) {
            continue;
        }
        let mut score = 0;
        for k in 0..n {
            let c = text[at + k];
            let matched = if !sensitive && c.is_ascii_uppercase() {
                16 - 2
            } else {
                16
            };
            let prev = (at + k).checked_sub(1).map(|p| text[p]);
            let b = bonus(prev, c);
            score += if k == 0 {
                matched + if at == 0 { 2 * b } else { b } - 1
            } else {
                matched + b.max(4)
            };
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, (at..at + n).collect()));
        }
    }
    best
}

/// The term's score in one field (folded here) and the chars it matched.
fn score(term: &Term, field: &str) -> Option<(i32, Vec<usize>)> {
    let text = fold(field);
    match term.how {
        How::Fuzzy => {
            let pattern: String = term.text.iter().collect();
            let (score, positions) = SkimMatcherV2::default()
                .smart_case()
                .fuzzy_indices(&text, &pattern)?;
            Some((score as i32, positions))
        }
        How::Exact { start, end } => {
            let chars: Vec<char> = text.chars().collect();
            exact(term, &chars, start, end)
        }
    }
}

/// What [`super::Query::matches`] must answer for `query` and `fields`, computed the slow way.
pub fn matches(query: &str, fields: &[&str]) -> Option<RecordMatch> {
    let mut total = 0i32;
    let mut best: Option<(i32, usize)> = None;
    let mut positions = vec![Vec::new(); fields.len()];
    for set in parse(query) {
        let mut group: Option<(i32, usize, Vec<usize>)> = None;
        let mut let_through = false;
        for term in &set {
            if term.not {
                let_through |= fields.iter().all(|f| score(term, f).is_none());
                continue;
            }
            for (f, field) in fields.iter().enumerate() {
                if let Some((s, p)) = score(term, field)
                    && group.as_ref().is_none_or(|g| s > g.0)
                {
                    group = Some((s, f, p));
                }
            }
        }
        match group {
            Some((s, f, p)) => {
                total = total.saturating_add(s);
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, f));
                }
                positions[f].extend(p);
            }
            None if let_through => {}
            None => return None,
        }
    }
    for p in &mut positions {
        p.sort_unstable();
        p.dedup();
    }
    Some(RecordMatch {
        score: i64::from(total),
        best: best.map_or(0, |(_, f)| f),
        positions,
    })
}
