//! The rules a dossier's records must follow beyond their types: ids well formed and unique,
//! references that resolve, sources cited, dates in order, disputes with real alternatives, scores
//! that read as scores.

use std::collections::HashMap;

/// A section's ids to their record's index. foldhash (randomly seeded, so a file cannot pick
/// colliding ids) hashes the 100,000 ids of a large dossier in a third of SipHash's time.
type Ids<'a> = foldhash::HashMap<&'a str, usize>;

use super::report::{Path, Problem, Problems, Seg, at};
use super::suggest::did_you_mean;
use crate::model::{
    DateBasis, Dispute, Dossier, Id, Match, Offer, PartialDate, Quote, Source, Stage, Subject,
    Trophy, is_web_url,
};

/// Suggestions ("did you mean") are computed for this many broken references; past that, a file
/// is broken wholesale and the suggestions would only cost time.
const MAX_SUGGESTIONS: usize = 200;

/// The records to check, by their index in the file; `None` for a record that could not be read.
#[derive(Clone)]
pub(crate) struct Records<'a> {
    pub subject: Option<&'a Subject>,
    pub sources: Vec<Option<&'a Source>>,
    pub stages: Vec<Option<&'a Stage>>,
    pub trophies: Vec<Option<&'a Trophy>>,
    pub matches: Vec<Option<&'a Match>>,
    pub offers: Vec<Option<&'a Offer>>,
    pub quotes: Vec<Option<&'a Quote>>,
    /// The ids of records that could not be read, by (section, index): they still count.
    pub unread_ids: Option<&'a HashMap<(&'static str, usize), String>>,
    /// The `sources` section is missing (reported once, not at every citation).
    pub no_sources: bool,
}

/// The records of `items` but those `broken` says are broken, and the ids of those.
fn some<'a, T>(
    section: &'static str,
    items: &'a [T],
    id: impl Fn(&T) -> &Id,
    broken: &impl Fn(&str, usize) -> bool,
    unread: &mut HashMap<(&'static str, usize), String>,
) -> Vec<Option<&'a T>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if broken(section, i) {
                let id = id(item);
                if !id.is_empty() {
                    unread.insert((section, i), id.to_string());
                }
                None
            } else {
                Some(item)
            }
        })
        .collect()
}

/// The records that are not broken, and the ids of those that are.
pub(crate) struct Read<'a> {
    records: Records<'a>,
    unread: HashMap<(&'static str, usize), String>,
}

impl<'a> Read<'a> {
    /// The records of a dossier that was read with problems in some records: `broken(section,
    /// index)` (`index` 0 for `subject`) says which; `no_sources` that the section is missing.
    pub fn new(d: &'a Dossier, broken: impl Fn(&str, usize) -> bool, no_sources: bool) -> Self {
        let mut unread = HashMap::new();
        let records = Records {
            subject: (!broken("subject", 0)).then_some(&d.subject),
            sources: some("sources", &d.sources, |s| &s.id, &broken, &mut unread),
            stages: some("stages", &d.stages, |s| &s.id, &broken, &mut unread),
            trophies: some("trophies", &d.trophies, |s| &s.id, &broken, &mut unread),
            matches: some("matches", &d.matches, |s| &s.id, &broken, &mut unread),
            offers: some("offers", &d.offers, |s| &s.id, &broken, &mut unread),
            quotes: some("quotes", &d.quotes, |s| &s.id, &broken, &mut unread),
            unread_ids: None,
            no_sources,
        };
        Self { records, unread }
    }

    /// The records to check.
    pub fn records(&self) -> Records<'_> {
        Records {
            unread_ids: Some(&self.unread),
            ..self.records.clone()
        }
    }
}

/// `[a-z0-9][a-z0-9-]*`
fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `2-1`: goals, a hyphen, goals.
fn is_score(score: &str) -> bool {
    match score.split_once('-') {
        Some((home, away)) => [home, away]
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    }
}

/// A language tag of BCP 47's shape (RFC 5646, section 2.1): a primary language of 2 or 3 letters
/// (ISO 639; the grammar's 4 to 8 letter forms are reserved and none is registered), then
/// extended languages, a script, a region, variants, extensions and a private use part, each
/// where the grammar puts it; or a private use tag alone (`x-...`). The registry is not
/// consulted: `es`, `pt-BR`, `zh-Hant-TW` and `zh-cmn-Hans-CN` pass; `Spanish`, `es_CO` and
/// `en <img>` do not.
fn is_language_tag(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let alpha = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let alnum = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let private_use = |rest: &[&str]| !rest.is_empty() && rest.iter().all(|s| alnum(s, 1, 8));
    let Some((first, mut rest)) = subtags.split_first() else {
        return false;
    };
    if first.eq_ignore_ascii_case("x") {
        return private_use(rest);
    }
    if !alpha(first, 2, 3) {
        return false;
    }
    // Up to three extended language subtags.
    let mut extlangs = 0;
    while extlangs < 3 && rest.first().is_some_and(|s| alpha(s, 3, 3)) {
        rest = &rest[1..];
        extlangs += 1;
    }
    if rest.first().is_some_and(|s| alpha(s, 4, 4)) {
        rest = &rest[1..];
    }
    if rest.first().is_some_and(|s| alpha(s, 2, 2) || digits(s, 3)) {
        rest = &rest[1..];
    }
    let variant = |s: &str| {
        alnum(s, 5, 8) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit() && alnum(s, 4, 4))
    };
    while rest.first().is_some_and(|s| variant(s)) {
        rest = &rest[1..];
    }
    // Extensions: a singleton (not `x`) and at least one subtag of 2 to 8.
    while let Some(s) = rest.first()
        && s.len() == 1
        && s.as_bytes()[0].is_ascii_alphanumeric()
        && !s.eq_ignore_ascii_case("x")
    {
        let n = rest[1..].iter().take_while(|s| alnum(s, 2, 8)).count();
        if n == 0 {
            return false;
        }
        rest = &rest[1 + n..];
    }
    match rest.split_first() {
        None => true,
        Some((x, tail)) => x.eq_ignore_ascii_case("x") && private_use(tail),
    }
}

fn with(mut base: Path, segs: impl IntoIterator<Item = Seg>) -> Path {
    base.extend(segs);
    base
}

/// The ids of one section (to their index), for the references, after checking their form and
/// uniqueness (records that could not be read count with the id they have).
fn section_ids<'a, T>(
    section: &'static str,
    records: &[Option<&'a T>],
    unread: Option<&'a HashMap<(&'static str, usize), String>>,
    id: impl Fn(&'a T) -> &'a Id,
    problems: &mut Problems,
) -> Ids<'a> {
    let mut first = Ids::with_capacity_and_hasher(records.len(), Default::default());
    for (i, record) in records.iter().enumerate() {
        let id = match record {
            Some(record) => id(record).as_str(),
            None => match unread.and_then(|u| u.get(&(section, i))) {
                Some(id) => id.as_str(),
                None => continue,
            },
        };
        if !is_valid_id(id) {
            problems.push(Problem::at(
                at![section, i, "id"],
                format!(
                    "invalid id `{id}`: use lowercase letters, digits and hyphens, starting with a \
                     letter or digit (`{}`)",
                    suggest_id(id)
                ),
            ));
        }
        if let Some(&j) = first.get(id) {
            problems.push(Problem {
                related: Some(at![section, j, "id"]),
                ..Problem::at(
                    at![section, i, "id"],
                    format!("duplicate id `{id}` in {section}"),
                )
            });
        } else {
            first.insert(id, i);
        }
    }
    first
}

/// A well-formed id close to a malformed one, for the message.
fn suggest_id(id: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    // Decompose so accents fall off as combining marks: `Atlético` becomes `atletico`.
    let letters = id
        .nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c));
    for c in letters.flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "my-id".into()
    } else {
        out.into()
    }
}

/// Checks the references of every record against the ids that exist. Record paths are built
/// only for a problem (`at` closures): a valid file has hundreds of thousands of fields to check.
struct Checker<'a, 'p> {
    sources: Ids<'a>,
    stages: Ids<'a>,
    offers: Ids<'a>,
    no_sources: bool,
    suggestions: usize,
    problems: &'p mut Problems,
}

impl Checker<'_, '_> {
    /// Reports `id` if no record of `section` has it (`what` names one in the message).
    fn reference(
        &mut self,
        section: &'static str,
        what: &str,
        id: &str,
        at: impl FnOnce() -> Path,
    ) {
        let known = match section {
            "sources" => &self.sources,
            "stages" => &self.stages,
            _ => &self.offers,
        };
        if known.contains_key(id) || (section == "sources" && self.no_sources) {
            return;
        }
        let hint = if self.suggestions < MAX_SUGGESTIONS {
            self.suggestions += 1;
            did_you_mean(id, known.keys().copied())
        } else {
            String::new()
        };
        let message = if id.is_empty() {
            format!("empty {what} id")
        } else {
            format!("unknown {what} `{id}`: no record in `{section}` has this id{hint}")
        };
        self.problems.push(Problem::at(at(), message));
    }

    /// A list of source ids: at least one, each one existing.
    fn sources(&mut self, ids: &[Id], at: impl Fn() -> Path) {
        if ids.is_empty() {
            self.problems.push(Problem::at(
                at(),
                "no sources: every record that states a fact cites at least one source",
            ));
            return;
        }
        for (i, id) in ids.iter().enumerate() {
            self.reference("sources", "source", id, || with(at(), [Seg::Index(i)]));
        }
    }

    fn disputes(&mut self, disputes: &[Dispute], base: impl Fn() -> Path) {
        for (d, dispute) in disputes.iter().enumerate() {
            let here = || with(base(), [Seg::from("disputes"), Seg::Index(d)]);
            if dispute.versions.len() < 2 {
                self.problems.push(Problem::at(
                    with(here(), [Seg::from("versions")]),
                    format!(
                        "a dispute records at least two versions, found {}; a fact with one \
                         version is not disputed",
                        dispute.versions.len()
                    ),
                ));
            }
            for (v, version) in dispute.versions.iter().enumerate() {
                self.sources(&version.sources, || {
                    with(
                        here(),
                        [Seg::from("versions"), Seg::Index(v), Seg::from("sources")],
                    )
                });
            }
        }
    }

    /// A language field: a BCP 47 tag, not free text (it is printed where only a tag fits).
    fn language(&mut self, tag: &str, at: impl FnOnce() -> Path) {
        if !is_language_tag(tag) {
            self.problems.push(Problem::at(
                at(),
                format!(
                    "`{}` is not a language tag: write a BCP 47 tag such as `es`, `en`, `pt-BR` \
                     or `zh-Hant`",
                    shown(tag)
                ),
            ));
        }
    }

    fn score(&mut self, score: &str, at: impl FnOnce() -> Path) {
        if !is_score(score) {
            self.problems.push(Problem::at(
                at(),
                format!("score `{score}` is not like `2-1` (goals, a hyphen, goals)"),
            ));
        }
    }

    fn in_order(
        &mut self,
        start: &PartialDate,
        end: &PartialDate,
        what: &str,
        at: impl FnOnce() -> Path,
    ) {
        // With dates of mixed precision, only an end that cannot be after the start is wrong.
        if end.latest() < start.earliest() {
            self.problems.push(Problem::at(
                at(),
                format!("{what} ({end} is before {start})"),
            ));
        }
    }
}

/// A value from the file quoted in a message: at most 40 characters (the report escapes it).
fn shown(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Checks every rule on the records and adds what is wrong to `problems`.
pub(crate) fn check(r: &Records<'_>, problems: &mut Problems) {
    let u = r.unread_ids;
    let sources = section_ids("sources", &r.sources, u, |s| &s.id, problems);
    let stages = section_ids("stages", &r.stages, u, |s| &s.id, problems);
    let offers = section_ids("offers", &r.offers, u, |s| &s.id, problems);
    section_ids("trophies", &r.trophies, u, |s| &s.id, problems);
    section_ids("matches", &r.matches, u, |s| &s.id, problems);
    section_ids("quotes", &r.quotes, u, |s| &s.id, problems);
    let mut c = Checker {
        sources,
        stages,
        offers,
        no_sources: r.no_sources,
        suggestions: 0,
        problems,
    };

    for (i, source) in r.sources.iter().enumerate() {
        let Some(source) = source else { continue };
        c.language(&source.language, || at!["sources", i, "language"]);
        if let Some(url) = &source.url
            && !is_web_url(url)
        {
            c.problems.push(Problem::at(
                at!["sources", i, "url"],
                format!(
                    "`{}` is not a web address: a source's url starts with `https://` or \
                     `http://` and has no spaces (other schemes, such as `javascript:` or \
                     `data:`, run code or hide a page when opened)",
                    shown(url)
                ),
            ));
        }
    }

    if let Some(subject) = r.subject {
        c.sources(&subject.sources, || at!["subject", "sources"]);
        c.disputes(&subject.disputes, || at!["subject"]);
    }

    for (i, stage) in r.stages.iter().enumerate() {
        let Some(stage) = stage else { continue };
        if let Some(end) = &stage.end {
            c.in_order(&stage.start, end, "the stage ends before it starts", || {
                at!["stages", i, "end"]
            });
        }
        if let Some(record) = &stage.record {
            c.sources(&record.sources, || at!["stages", i, "record", "sources"]);
        }
        c.sources(&stage.sources, || at!["stages", i, "sources"]);
        c.disputes(&stage.disputes, || at!["stages", i]);
    }

    for (i, trophy) in r.trophies.iter().enumerate() {
        let Some(trophy) = trophy else { continue };
        c.reference("stages", "stage", &trophy.stage, || {
            at!["trophies", i, "stage"]
        });
        for (l, leg) in trophy.legs.iter().enumerate() {
            c.score(&leg.score, || at!["trophies", i, "legs", l, "score"]);
            if let Some(p) = &leg.penalties {
                c.score(p, || at!["trophies", i, "legs", l, "penalties"]);
            }
        }
        if let Some(aggregate) = &trophy.aggregate {
            c.score(aggregate, || at!["trophies", i, "aggregate"]);
        }
        c.sources(&trophy.sources, || at!["trophies", i, "sources"]);
        c.disputes(&trophy.disputes, || at!["trophies", i]);
    }

    for (i, m) in r.matches.iter().enumerate() {
        let Some(m) = m else { continue };
        c.score(&m.score, || at!["matches", i, "score"]);
        c.reference("stages", "stage", &m.stage, || at!["matches", i, "stage"]);
        c.sources(&m.sources, || at!["matches", i, "sources"]);
        c.disputes(&m.disputes, || at!["matches", i]);
    }

    for (i, offer) in r.offers.iter().enumerate() {
        let Some(offer) = offer else { continue };
        if let Some(end) = &offer.end {
            c.in_order(
                &offer.date,
                end,
                "the offer ends before it was made",
                || at!["offers", i, "end"],
            );
        }
        c.reference("stages", "stage", &offer.stage, || {
            at!["offers", i, "stage"]
        });
        for (a, actor) in offer.actors.iter().enumerate() {
            c.sources(&actor.sources, || at!["offers", i, "actors", a, "sources"]);
        }
        for (e, event) in offer.events.iter().enumerate() {
            c.sources(&event.sources, || at!["offers", i, "events", e, "sources"]);
        }
        for (e, explanation) in offer.explanations.iter().enumerate() {
            c.sources(&explanation.sources, || {
                at!["offers", i, "explanations", e, "sources"]
            });
        }
        c.sources(&offer.sources, || at!["offers", i, "sources"]);
        c.disputes(&offer.disputes, || at!["offers", i]);
    }

    for (i, quote) in r.quotes.iter().enumerate() {
        let Some(quote) = quote else { continue };
        if let Some(stage) = &quote.stage {
            c.reference("stages", "stage", stage, || at!["quotes", i, "stage"]);
        }
        if let Some(offer) = &quote.offer {
            c.reference("offers", "offer", offer, || at!["quotes", i, "offer"]);
        }
        c.reference("sources", "source", &quote.source, || {
            at!["quotes", i, "source"]
        });
        c.language(&quote.language, || at!["quotes", i, "language"]);
        if let Some(original) = &quote.original_language {
            c.language(original, || at!["quotes", i, "original_language"]);
        }
        // The basis speaks of the date: the two must agree, or a reader is told something false.
        let message = match (quote.date.is_some(), quote.date_basis) {
            (true, Some(DateBasis::Undated)) => Some(
                "`undated`, but the quote has a `date`: write how the date is known (`said`, \
                 `published` or `inferred`), or remove the date",
            ),
            (false, Some(b)) if b != DateBasis::Undated => Some(
                "says how the date is known, but the quote has no `date`: add the date, or write \
                 `undated`",
            ),
            _ => None,
        };
        if let Some(message) = message {
            c.problems
                .push(Problem::at(at!["quotes", i, "date_basis"], message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words() {
        assert!(is_valid_id("atletico-nacional-2010"));
        assert!(is_valid_id("2010"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("Zamalek"));
        assert!(!is_valid_id("a_b"));
        assert_eq!(suggest_id("Atlético Nacional"), "atletico-nacional");
        assert_eq!(suggest_id("Foo_Bar"), "foo-bar");
    }

    #[test]
    fn language_tags_have_the_shape_of_bcp_47() {
        for tag in [
            "es",
            "en",
            "pt-BR",
            "PT-br",
            "ar",
            "zh-Hant-TW",
            "zh-cmn-Hans-CN",
            "es-419",
            "de-CH-1901",
            "sl-rozaj-biske",
            "en-a-bbb-x-a-ccc",
            "x-whatever",
            "zh-yue-HK",
            "und",
        ] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in [
            "",
            "e",
            "en <img src=x onerror=alert(1)>",
            "en\u{1b}",
            "es_CO",
            "en-",
            "-en",
            "en--US",
            "Spanish",
            "Spanish language",
            "en-a",
            "en-x",
            "x",
            "12",
            "en-US-[c](javascript:x)",
            "español",
        ] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }

    #[test]
    fn only_web_urls_are_sources() {
        for url in [
            "https://www.marca.com/x",
            "http://a.b",
            "HTTPS://A.B",
            "hTtP://x",
        ] {
            assert!(is_web_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "https:",
            "https://",
            "https:/x",
            " https://x",
            "www.marca.com",
            "ftp://x",
            "https://a b",
            "https://a<b>",
            "https:///etc",
        ] {
            assert!(!is_web_url(url), "{url}");
        }
    }

    #[test]
    fn scores_are_goals_hyphen_goals() {
        assert!(is_score("2-1"));
        assert!(is_score("10-0"));
        assert!(!is_score("2:1"));
        assert!(!is_score("2-"));
        assert!(!is_score("2-1 aet"));
        assert!(!is_score("a-b"));
    }
}
