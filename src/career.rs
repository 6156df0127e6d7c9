//! The career's record at a glance: per stage, oldest first, the matches played, won, drawn and
//! lost as each source gives them, with the win percentage, the points per game and the titles
//! won in the stage.
//!
//! Nothing is picked or smoothed over: a disputed record keeps every version with its sources, a
//! stage without a sourced record says so (it is never shown as zero), and figures that do not
//! add up are kept as given and marked. The command line (`show records`) draws from this, and
//! the browser's record view will too: it knows nothing of either.

use serde::{Serialize, Serializer};

use crate::model::{Dispute, Dossier, Id, PartialDate, Record, Stage, TrophyKind, TrophyResult};

/// Points for a win and for a draw, as football has counted them since 1995.
const POINTS_FOR_WIN: u32 = 3;
const POINTS_FOR_DRAW: u32 = 1;

/// One stage's record, with everything needed to weigh it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRecord {
    /// The stage's id.
    pub stage: Id,
    /// The team.
    pub team: String,
    /// When the stage started.
    pub start: PartialDate,
    /// When it ended, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// Whether there is a record, one, or several that disagree.
    pub status: Standing,
    /// What the disagreement is about, as the dossier's disputes say (several joined by `; `).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Every version of the record, in the dossier's order (the stage's own `record` first);
    /// empty for a stage without a sourced record.
    pub versions: Vec<Figures>,
    /// The titles won in the stage (not finals lost, not conference championships).
    pub titles: Vec<Title>,
    /// The stage's disputes about how many titles it won (`titles`), every version kept.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub title_disputes: Vec<Dispute>,
}

/// How much the dossier says about a stage's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// No source gives a record for the stage.
    Unsourced,
    /// One record (possibly from several sources that agree).
    Given,
    /// Sources disagree: every version is kept, none is picked.
    Disputed,
}

/// One version of a record: the figures as its sources give them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The figures as the dossier words them (a dispute's version, or the stage's `record`).
    pub text: String,
    /// Matches played, where given.
    pub played: Option<u32>,
    /// Matches won, where given.
    pub won: Option<u32>,
    /// Matches drawn, where given.
    pub drawn: Option<u32>,
    /// Matches lost, where given.
    pub lost: Option<u32>,
    /// Which matches are counted, where the version says (`league` in "29 league matches").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The record's own remark, where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who gives these figures.
    pub sources: Vec<Id>,
    /// False when the text could not be read as figures: it is shown as given, without numbers.
    pub read: bool,
    /// Whether won + drawn + lost equals played: null when a count is missing.
    pub adds_up: Option<bool>,
    /// Won as a percentage of the matches (played as given, else won + drawn + lost).
    #[serde(serialize_with = "one_decimal")]
    pub win_pct: Option<f64>,
    /// Three points a win and one a draw, over the same matches.
    #[serde(serialize_with = "two_decimals")]
    pub points_per_game: Option<f64>,
}

/// A title won in a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Title {
    /// The trophy's id.
    pub trophy: Id,
    /// The competition.
    pub competition: String,
    /// The season or edition.
    pub season: String,
}

/// Played, won, drawn and lost as read from a version's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matches played.
    pub played: Option<u32>,
    /// Matches won.
    pub won: Option<u32>,
    /// Matches drawn.
    pub drawn: Option<u32>,
    /// Matches lost.
    pub lost: Option<u32>,
    /// The words between a number and "matches" (`league`), where there are some.
    pub scope: Option<String>,
}

impl Figures {
    /// Figures read from `text`; unreadable text gives figures with no numbers and `read` false.
    fn new(text: String, counts: Option<Counts>, note: Option<String>, sources: Vec<Id>) -> Self {
        let read = counts.is_some();
        let c = counts.unwrap_or_default();
        let sum = sum_of(c.won, c.drawn, c.lost);
        let matches = c.played.or(sum).filter(|&m| m > 0);
        let win_pct = match (c.won, matches) {
            (Some(w), Some(m)) => Some(f64::from(w) * 100.0 / f64::from(m)),
            _ => None,
        };
        let points_per_game = match (c.won, c.drawn, matches) {
            (Some(w), Some(d), Some(m)) => {
                let points = u64::from(w) * u64::from(POINTS_FOR_WIN)
                    + u64::from(d) * u64::from(POINTS_FOR_DRAW);
                Some(points as f64 / f64::from(m))
            }
            _ => None,
        };
        Self {
            text,
            played: c.played,
            won: c.won,
            drawn: c.drawn,
            lost: c.lost,
            scope: c.scope,
            note,
            sources,
            read,
            adds_up: c.played.zip(sum).map(|(p, s)| p == s),
            win_pct,
            points_per_game,
        }
    }

    /// Won + drawn + lost, when all three are given.
    pub fn sum(&self) -> Option<u32> {
        sum_of(self.won, self.drawn, self.lost)
    }

    /// The same counts as `other` (both read): two wordings of one record.
    fn same_counts(&self, other: &Figures) -> bool {
        self.read
            && other.read
            && (self.played, self.won, self.drawn, self.lost, &self.scope)
                == (
                    other.played,
                    other.won,
                    other.drawn,
                    other.lost,
                    &other.scope,
                )
    }
}

fn sum_of(won: Option<u32>, drawn: Option<u32>, lost: Option<u32>) -> Option<u32> {
    Some(won?.saturating_add(drawn?).saturating_add(lost?))
}

fn one_decimal<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    rounded(value, 10.0, s)
}

fn two_decimals<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    rounded(value, 100.0, s)
}

/// JSON gets the figure as it is shown (44.8, not 44.827586206896555).
fn rounded<S: Serializer>(value: &Option<f64>, scale: f64, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_some(&((v * scale).round() / scale)),
        None => s.serialize_none(),
    }
}

/// Every stage's record, oldest first (by start date; stages that start together keep the
/// dossier's order).
pub fn stage_records(dossier: &Dossier) -> Vec<StageRecord> {
    let mut stages: Vec<&Stage> = dossier.stages.iter().collect();
    stages.sort_by_key(|s| s.start.earliest());
    stages.iter().map(|s| stage_record(dossier, s)).collect()
}

/// One stage's record: its own `record`, then every version of its disputes about the record
/// (versions with the same counts are one version with all their sources).
pub fn stage_record(dossier: &Dossier, stage: &Stage) -> StageRecord {
    let mut versions: Vec<Figures> = Vec::new();
    let base = stage.record.as_ref().map(record_counts);
    if let Some(record) = &stage.record {
        versions.push(Figures::new(
            record_text(record),
            base.clone(),
            record.note.clone().map(String::from),
            record.sources.clone(),
        ));
    }
    let mut notes = Vec::new();
    for dispute in &stage.disputes {
        let Some(part) = RecordPart::of(dispute) else {
            continue;
        };
        if let Some(note) = &dispute.note {
            notes.push(note.clone());
        }
        for version in &dispute.versions {
            let counts = part.read(&version.value, base.as_ref());
            let figures = Figures::new(
                version.value.to_string(),
                counts,
                None,
                version.sources.clone(),
            );
            match versions.iter_mut().find(|v| v.same_counts(&figures)) {
                Some(same) => {
                    for id in figures.sources {
                        if !same.sources.contains(&id) {
                            same.sources.push(id);
                        }
                    }
                }
                None => versions.push(figures),
            }
        }
    }
    let status = match versions.len() {
        0 => Standing::Unsourced,
        1 => Standing::Given,
        _ => Standing::Disputed,
    };
    StageRecord {
        stage: stage.id.clone(),
        team: stage.team.to_string(),
        start: stage.start,
        end: stage.end,
        status,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
        versions,
        titles: dossier
            .trophies
            .iter()
            .filter(|t| {
                t.stage == stage.id && t.result == TrophyResult::Won && t.kind == TrophyKind::Title
            })
            .map(|t| Title {
                trophy: t.id.clone(),
                competition: t.competition.to_string(),
                season: t.season.to_string(),
            })
            .collect(),
        title_disputes: stage
            .disputes
            .iter()
            .filter(|d| d.field.trim() == "titles" || d.field.trim().starts_with("titles."))
            .cloned()
            .collect(),
    }
}

/// What part of the record a dispute is about: all of it (`record`) or one count
/// (`record.played`...). Disputes about anything else are not the record's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordPart {
    Whole,
    Played,
    Won,
    Drawn,
    Lost,
}

impl RecordPart {
    fn of(dispute: &Dispute) -> Option<Self> {
        match dispute.field.trim() {
            "record" => Some(Self::Whole),
            "record.played" => Some(Self::Played),
            "record.won" => Some(Self::Won),
            "record.drawn" => Some(Self::Drawn),
            "record.lost" => Some(Self::Lost),
            _ => None,
        }
    }

    /// The counts a version gives: read whole, or the stage's record with one count replaced.
    fn read(self, value: &str, base: Option<&Counts>) -> Option<Counts> {
        if self == Self::Whole {
            return read_counts(value);
        }
        // A one-count version names one number ("59", "59 (all competitions)").
        let mut numbers = numbers_in(value);
        let n = numbers.next()?;
        if numbers.next().is_some() {
            return None;
        }
        let mut counts = base.cloned().unwrap_or_default();
        let slot = match self {
            Self::Played => &mut counts.played,
            Self::Won => &mut counts.won,
            Self::Drawn => &mut counts.drawn,
            Self::Lost | Self::Whole => &mut counts.lost,
        };
        *slot = Some(n);
        Some(counts)
    }
}

fn record_counts(r: &Record) -> Counts {
    Counts {
        played: r.played,
        won: Some(r.won),
        drawn: Some(r.drawn),
        lost: Some(r.lost),
        scope: None,
    }
}

/// A stage's `record` in the words the disputes use: `52 matches, 12 won, 13 drawn, 27 lost`.
fn record_text(r: &Record) -> String {
    let wdl = format!("{} won, {} drawn, {} lost", r.won, r.drawn, r.lost);
    match r.played {
        Some(p) => format!("{p} matches, {wdl}"),
        None => wdl,
    }
}

/// The whole numbers in `text` that are counts (a number followed by `%` is a rate, not a count).
fn numbers_in(text: &str) -> impl Iterator<Item = u32> + '_ {
    tokens(text).into_iter().filter_map(|t| match t {
        Token::Number(n) => Some(n),
        _ => None,
    })
}

/// A piece of a version's text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A count (`29`).
    Number(u32),
    /// A word, lower-cased (`matches`, `w`).
    Word(String),
    /// A punctuation mark that ends a phrase (`,` `;` `(` `)` `-` ...).
    Stop(char),
    /// A number too large to be a count: the text is not read.
    Huge,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            // A percentage is a rate the source worked out, not one of the counts.
            if chars.get(i) == Some(&'%') {
                i += 1;
                continue;
            }
            out.push(digits.parse().map_or(Token::Huge, Token::Number));
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push(Token::Word(word.to_lowercase()));
        } else {
            if !c.is_whitespace() && c != ':' {
                out.push(Token::Stop(c));
            }
            i += 1;
        }
    }
    out
}

/// Which count a word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Count {
    Played,
    Won,
    Drawn,
    Lost,
}

fn keyword(word: &str) -> Option<Count> {
    Some(match word {
        "matches" | "match" | "games" | "game" | "played" | "p" => Count::Played,
        "won" | "wins" | "win" | "victories" | "victory" | "w" => Count::Won,
        "drawn" | "draws" | "draw" | "drew" | "tied" | "ties" | "tie" | "d" | "t" => Count::Drawn,
        "lost" | "losses" | "loss" | "defeats" | "defeat" | "l" => Count::Lost,
        _ => return None,
    })
}

/// Reads played, won, drawn and lost from a version's words, as dossier authors write them:
/// `29 matches, 13 won, 7 drawn, 9 lost`, `15 won, 10 drawn, 24 lost`, `29 league matches, 11
/// won...`, `13 matches, 4 won`, `12W 13D 27L`, `won 13, drew 7`, `W-L-T 12-27-13`.
///
/// A remark in brackets is read on its own and must agree with the rest (`59 games (14W 15D
/// 30L)`, `52 matches, 12 won, 13 drawn, 27 lost (the club's 12-27-13, in MLS order W-L-T)`);
/// one without numbers is only words.
///
/// It never guesses: a number it cannot tie to a count (`4-8-2` with no letters saying the
/// order, `3 won (or 4)`, `in 2024`), a count given twice or two ways, makes the whole text
/// unreadable (`None`), and the caller shows it as given.
pub fn read_counts(text: &str) -> Option<Counts> {
    let tokens = tokens(text);
    let mut used = vec![false; tokens.len()];
    let mut counts = Counts::default();
    // Letters next to numbers say their order, across a bracket too: `12-27-13 (W-L-T)`.
    let mut read_any = read_lettered_run(&tokens, &mut used, &mut counts)?;
    let groups = bracket_groups(&tokens);
    for group in 0..=groups.iter().copied().max().unwrap_or(0) {
        let part: Vec<Token> = (0..tokens.len())
            .filter(|&i| groups[i] == group && !used[i])
            .map(|i| tokens[i].clone())
            .collect();
        if let Some(found) = read_group(&part)? {
            counts = counts.merged(found)?;
            read_any = true;
        }
    }
    read_any.then_some(counts)
}

/// Which bracket each token is in: 0 outside every bracket, else the number of the outermost
/// bracket around it (the brackets themselves included).
fn bracket_groups(tokens: &[Token]) -> Vec<usize> {
    let mut depth = 0usize;
    let mut group = 0;
    let mut count = 0;
    tokens
        .iter()
        .map(|t| match t {
            Token::Stop('(' | '[') => {
                if depth == 0 {
                    count += 1;
                    group = count;
                }
                depth += 1;
                group
            }
            Token::Stop(')' | ']') => {
                let g = group;
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    group = 0;
                }
                g
            }
            _ => group,
        })
        .collect()
}

/// The counts one part of the text gives: `Some(None)` for a part without numbers (a remark),
/// `None` when a number in it cannot be tied to a count.
fn read_group(tokens: &[Token]) -> Option<Option<Counts>> {
    if !tokens
        .iter()
        .any(|t| matches!(t, Token::Number(_) | Token::Huge))
    {
        return Some(None);
    }
    let mut used = vec![false; tokens.len()];
    let mut counts = Counts::default();
    read_lettered_pair(tokens, &mut used, &mut counts)?;

    // Each remaining number is tied to the keyword after it ("13 won") or before it ("won 13").
    // Where a number has one on both sides ("won 13 drawn 7"), the numbers with only one
    // decide which way the text is written; "59 matches" does not vote, as it reads that way
    // in both ("59 matches: won 14, drew 15...").
    let mut ties = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            _ if used[i] => {}
            Token::Number(n) => ties.push((*n, after(tokens, &used, i), before(tokens, &used, i))),
            Token::Huge => return None,
            Token::Word(_) | Token::Stop(_) => {}
        }
    }
    let votes = |wanted: fn(&Option<Tie>, &Option<Tie>) -> bool| {
        ties.iter()
            .filter(|(_, a, b)| wanted(a, b))
            .filter(|(_, a, b)| {
                a.as_ref()
                    .or(b.as_ref())
                    .is_some_and(|t| t.count != Count::Played)
            })
            .count()
    };
    let votes_after = votes(|a, b| a.is_some() && b.is_none());
    let votes_before = votes(|a, b| a.is_none() && b.is_some());
    for (n, after, before) in ties {
        let tie = match (after, before) {
            (Some(a), Some(b)) => match votes_after.cmp(&votes_before) {
                std::cmp::Ordering::Greater => a,
                std::cmp::Ordering::Less => b,
                std::cmp::Ordering::Equal => return None,
            },
            (Some(tie), None) | (None, Some(tie)) => tie,
            (None, None) => return None,
        };
        if std::mem::replace(&mut used[tie.keyword], true) {
            return None;
        }
        if tie.scope.is_some() {
            counts.scope = tie.scope;
        }
        if counts.slot(tie.count).replace(n).is_some() {
            return None;
        }
    }
    Some(Some(counts))
}

impl Counts {
    /// These counts with `other`'s added, or `None` where they give a count two ways.
    fn merged(mut self, other: Counts) -> Option<Counts> {
        for count in [Count::Played, Count::Won, Count::Drawn, Count::Lost] {
            let theirs = *other.clone().slot(count);
            let mine = self.slot(count);
            match (*mine, theirs) {
                (Some(a), Some(b)) if a != b => return None,
                (None, Some(b)) => *mine = Some(b),
                _ => {}
            }
        }
        if self.scope.is_none() {
            self.scope = other.scope;
        }
        Some(self)
    }

    fn slot(&mut self, count: Count) -> &mut Option<u32> {
        match count {
            Count::Played => &mut self.played,
            Count::Won => &mut self.won,
            Count::Drawn => &mut self.drawn,
            Count::Lost => &mut self.lost,
        }
    }
}

/// A number's keyword: which count, where the keyword is, and the words between them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tie {
    count: Count,
    keyword: usize,
    scope: Option<String>,
}

/// The keyword after the number at `i`. Only "matches" may have words in front of it ("29
/// league matches"): "13 home wins" are not the stage's wins.
fn after(tokens: &[Token], used: &[bool], i: usize) -> Option<Tie> {
    let mut skipped = Vec::new();
    for (j, token) in tokens.iter().enumerate().skip(i + 1) {
        let Token::Word(w) = token else {
            return None;
        };
        match keyword(w) {
            Some(count) if !used[j] && (skipped.is_empty() || count == Count::Played) => {
                let scope = (!skipped.is_empty()).then(|| skipped.join(" "));
                return Some(Tie {
                    count,
                    keyword: j,
                    scope,
                });
            }
            Some(_) => return None,
            None => skipped.push(w.clone()),
        }
    }
    None
}

/// The keyword just before the number at `i` ("won 13", "W13").
fn before(tokens: &[Token], used: &[bool], i: usize) -> Option<Tie> {
    let j = i.checked_sub(1)?;
    match &tokens[j] {
        Token::Word(w) if !used[j] => keyword(w).map(|count| Tie {
            count,
            keyword: j,
            scope: None,
        }),
        _ => None,
    }
}

/// A run of count letters and a run of as many numbers next to it, in either order: `W-L-T
/// 12-27-13`, `12-27-13 (W-L-T)`. The letters say the order, so nothing is guessed. True when
/// one was read; `None` when the letters name a count twice.
fn read_lettered_run(tokens: &[Token], used: &mut [bool], counts: &mut Counts) -> Option<bool> {
    let letters = runs(tokens, letter);
    let numbers = runs(tokens, number);
    // The last token of a run that starts at `start` with `len` items joined by separators.
    let end = |start: usize, len: usize| start + 2 * len - 2;
    for (l_start, l_items) in letters.iter().filter(|(_, items)| items.len() >= 2) {
        let l_end = end(*l_start, l_items.len());
        // Next to each other, or with one mark between (`12-27-13 (W-L-T)`).
        let near = |a_end: usize, b_start: usize| b_start > a_end && b_start - a_end <= 2;
        let Some((n_start, n_items)) = numbers.iter().find(|(n_start, n_items)| {
            n_items.len() == l_items.len()
                && (near(end(*n_start, n_items.len()), *l_start) || near(l_end, *n_start))
        }) else {
            continue;
        };
        for (k, (count, n)) in l_items.iter().zip(n_items).enumerate() {
            if counts.slot(*count).replace(*n).is_some() {
                return None;
            }
            used[n_start + 2 * k] = true;
        }
        for flag in &mut used[*l_start..=l_end] {
            *flag = true;
        }
        return Some(true);
    }
    Some(false)
}

/// Within one part of the text, the only run of count letters and the only run of as many
/// numbers, wherever they stand: `the club's 12-27-13, in MLS order W-L-T`. With more than one
/// of either, which goes with which is not said, and nothing is read here.
fn read_lettered_pair(tokens: &[Token], used: &mut [bool], counts: &mut Counts) -> Option<()> {
    let letters: Vec<_> = runs(tokens, letter)
        .into_iter()
        .filter(|(_, items)| items.len() >= 2)
        .collect();
    let [(l_start, l_items)] = &letters[..] else {
        return Some(());
    };
    let numbers: Vec<_> = runs(tokens, number)
        .into_iter()
        .filter(|(_, items)| items.len() == l_items.len())
        .collect();
    let [(n_start, n_items)] = &numbers[..] else {
        return Some(());
    };
    for (k, (count, n)) in l_items.iter().zip(n_items).enumerate() {
        if counts.slot(*count).replace(*n).is_some() {
            return None;
        }
        used[n_start + 2 * k] = true;
        used[l_start + 2 * k] = true;
    }
    Some(())
}

fn letter(t: &Token) -> Option<Count> {
    match t {
        Token::Word(w) if w.chars().count() == 1 => keyword(w),
        _ => None,
    }
}

fn number(t: &Token) -> Option<u32> {
    match t {
        Token::Number(n) => Some(*n),
        _ => None,
    }
}

/// Runs of tokens that `item` accepts, joined by `-`, `–` or `/`: (index of the first, items).
fn runs<T>(tokens: &[Token], item: impl Fn(&Token) -> Option<T>) -> Vec<(usize, Vec<T>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(first) = item(&tokens[i]) else {
            i += 1;
            continue;
        };
        let start = i;
        let mut items = vec![first];
        while let (Some(Token::Stop('-' | '–' | '/')), Some(next)) =
            (tokens.get(i + 1), tokens.get(i + 2).and_then(&item))
        {
            items.push(next);
            i += 2;
        }
        out.push((start, items));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(played: Option<u32>, won: u32, drawn: Option<u32>, lost: Option<u32>) -> Counts {
        Counts {
            played,
            won: Some(won),
            drawn,
            lost,
            scope: None,
        }
    }

    #[test]
    fn reads_the_ways_the_dossier_writes_a_record() {
        assert_eq!(
            read_counts("29 matches, 13 won, 7 drawn, 9 lost"),
            Some(counts(Some(29), 13, Some(7), Some(9)))
        );
        assert_eq!(
            read_counts("15 won, 10 drawn, 24 lost"),
            Some(counts(None, 15, Some(10), Some(24)))
        );
        assert_eq!(
            read_counts("13 matches, 4 won"),
            Some(counts(Some(13), 4, None, None))
        );
        let league = read_counts("29 league matches, 11 won, 6 drawn, 12 lost").expect("read");
        assert_eq!(league.played, Some(29));
        assert_eq!(league.scope.as_deref(), Some("league"));
    }

    #[test]
    fn reads_compact_and_reversed_forms() {
        let ny = Some(counts(Some(59), 14, Some(15), Some(30)));
        assert_eq!(read_counts("59 games (14W 15D 30L)"), ny);
        assert_eq!(read_counts("59 games: W14 D15 L30"), ny);
        assert_eq!(read_counts("played 59, won 14, drew 15, lost 30"), ny);
        assert_eq!(read_counts("59 matches: won 14 drawn 15 lost 30"), ny);
        assert_eq!(
            read_counts("14 wins, 15 draws and 30 defeats in 59 games"),
            ny
        );
        // The club's own figures in brackets, agreeing with the rest.
        assert_eq!(
            read_counts(
                "52 matches, 12 won, 13 drawn, 27 lost (the club's 12-27-13, in MLS order W-L-T)"
            ),
            Some(counts(Some(52), 12, Some(13), Some(27)))
        );
        // MLS order, said by the letters.
        assert_eq!(
            read_counts("W-L-T 12-27-13"),
            Some(counts(None, 12, Some(13), Some(27)))
        );
        assert_eq!(
            read_counts("52 matches, 12-27-13 (W-L-T)"),
            Some(counts(Some(52), 12, Some(13), Some(27)))
        );
        // A percentage the source worked out is not a count.
        assert_eq!(
            read_counts("22 matches, 12W 5D 5L (62%)"),
            Some(counts(Some(22), 12, Some(5), Some(5)))
        );
    }

    #[test]
    fn never_guesses() {
        // The order of a bare triple is not said (W-D-L, or MLS's W-L-T?).
        assert_eq!(read_counts("4-8-2"), None);
        assert_eq!(read_counts("13 matches, 3 won (or 4)"), None);
        assert_eq!(read_counts("13 matches, 3 won (4W 8D 2L)"), None);
        assert_eq!(read_counts("52 matches (59 in all)"), None);
        // The same numbers in two orders give two records.
        assert_eq!(read_counts("W-D-L 4-8-2 (W-L-T 4-8-2)"), None);
        // Letters and numbers apart, with two runs of numbers: which one they order is not said.
        assert_eq!(read_counts("(4-8-2 or 4-7-1, W-D-L)"), None);
        assert_eq!(read_counts("13 matches, 3 won, 4 won"), None);
        assert_eq!(read_counts("12 matches in 2024"), None);
        assert_eq!(read_counts("13 home wins"), None);
        assert_eq!(read_counts("a good season"), None);
        assert_eq!(read_counts(""), None);
        assert_eq!(read_counts("99999999999 matches"), None);
    }

    #[test]
    fn rates_are_over_the_matches_given() {
        let f = Figures::new(
            "x".into(),
            Some(counts(Some(100), 48, Some(24), Some(27))),
            None,
            vec![],
        );
        assert_eq!(f.adds_up, Some(false));
        assert_eq!(f.sum(), Some(99));
        assert_eq!(f.win_pct, Some(48.0));
        assert_eq!(f.points_per_game, Some(1.68));
        let partial = Figures::new(
            "x".into(),
            Some(counts(Some(13), 4, None, None)),
            None,
            vec![],
        );
        assert_eq!(partial.adds_up, None);
        assert!((partial.win_pct.expect("a rate") - 30.769).abs() < 0.001);
        assert_eq!(partial.points_per_game, None);
        let no_total = Figures::new(
            "x".into(),
            Some(counts(None, 15, Some(10), Some(24))),
            None,
            vec![],
        );
        assert!((no_total.win_pct.expect("a rate") - 30.612).abs() < 0.001);
        let unread = Figures::new("4-8-2".into(), None, None, vec![]);
        assert!(!unread.read);
        assert_eq!((unread.win_pct, unread.points_per_game), (None, None));
        let none_played = Figures::new(
            "x".into(),
            Some(counts(Some(0), 0, None, None)),
            None,
            vec![],
        );
        assert_eq!(none_played.win_pct, None);
    }

    fn embedded() -> Dossier {
        crate::load::load_embedded().expect("the embedded dossier loads")
    }

    fn of<'a>(records: &'a [StageRecord], id: &str) -> &'a StageRecord {
        records.iter().find(|r| r.stage == id).expect("the stage")
    }

    #[test]
    fn the_embedded_career_oldest_first_with_every_version() {
        let d = embedded();
        let records = stage_records(&d);
        assert_eq!(records.len(), d.stages.len());
        assert!(
            records
                .windows(2)
                .all(|w| w[0].start.earliest() <= w[1].start.earliest())
        );
        // No record is never zero.
        let puebla = of(&records, "puebla");
        assert_eq!(puebla.status, Standing::Unsourced);
        assert!(puebla.versions.is_empty());
        let sao_paulo = of(&records, "sao-paulo");
        assert_eq!(sao_paulo.status, Standing::Disputed);
        assert_eq!(sao_paulo.versions.len(), 2);
        assert_eq!(sao_paulo.versions[1].sources, ["pledgetimes-bombshell"]);
        let once = of(&records, "once-caldas");
        assert_eq!(once.status, Standing::Given);
        assert_eq!(once.versions[0].adds_up, Some(false));
        assert_eq!(once.titles.len(), 1);
        // Every version of every record dispute is read: none is left as text only.
        for r in &records {
            for v in &r.versions {
                assert!(v.read, "{}: {:?} is not read", r.stage, v.text);
            }
        }
    }

    #[test]
    fn a_dispute_that_repeats_the_stage_record_adds_its_sources() {
        let mut d = embedded();
        let stage = d
            .stages
            .iter_mut()
            .find(|s| s.id == "mexico")
            .expect("mexico");
        stage.disputes.push(Dispute {
            field: "record.played".into(),
            note: Some("One outlet counts 59.".into()),
            versions: vec![
                crate::model::Version {
                    value: "52".into(),
                    sources: vec!["wikisum".into()],
                },
                crate::model::Version {
                    value: "59 (all matches)".into(),
                    sources: vec!["espnfc-mexico".into()],
                },
            ],
        });
        let stage = d.stage("mexico").expect("mexico").clone();
        let r = stage_record(&d, &stage);
        assert_eq!(r.status, Standing::Disputed);
        assert_eq!(r.versions.len(), 2);
        assert!(r.versions[0].sources.contains(&"wikisum".into()));
        assert_eq!(r.versions[1].played, Some(59));
        assert_eq!(r.versions[1].won, Some(33));
        assert_eq!(r.note.as_deref(), Some("One outlet counts 59."));
    }
}
