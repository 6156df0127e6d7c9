//! The dossier: plain Rust types for one person's career, as read from a YAML file.
//!
//! The model knows nothing of terminals or command lines. Field names here are the YAML field names
//! (kebab-case enum values, snake_case fields), and `--json` output uses the same names.

mod date;
pub mod text;

pub use date::{DateError, MONTH_NAMES, PartialDate, days_in_month};
pub use text::Text;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The id of a record (`[a-z0-9-]+`), unique within its section.
pub type Id = Text;

/// What an id looks like, for the JSON Schema (the loader checks the same rule).
const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";
/// For editors (the JSON Schema): a web address, as [`is_web_url`] checks it.
const URL_PATTERN: &str = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s<>/][^\\s<>]*$";
/// For editors (the JSON Schema): roughly a BCP 47 language tag; the loader checks its grammar.
const LANGUAGE_PATTERN: &str = "^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|[Xx](-[A-Za-z0-9]{1,8})+)$";

/// An `http://` or `https://` address (the scheme in any case) with a host and no whitespace or
/// angle brackets: the only links a dossier may hold. Any other scheme can run code or hide a
/// page when opened (`javascript:`, `data:`, `vbscript:`, `file:`).
pub fn is_web_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && !rest.is_empty()
        && !rest.starts_with('/')
        && !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>')
}

/// What a score looks like (`2-1`), for the JSON Schema (the loader checks the same rule).
const SCORE_PATTERN: &str = "^[0-9]{1,3}-[0-9]{1,3}$";

/// One person's career: who they are, the sources, and the records that cite them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    /// The person the dossier is about.
    pub subject: Subject,
    /// Every source that a record cites.
    pub sources: Vec<Source>,
    /// Career stages (clubs, national teams), oldest first.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Titles won, finals lost and other honours.
    #[serde(default)]
    pub trophies: Vec<Trophy>,
    /// Key matches.
    #[serde(default)]
    pub matches: Vec<Match>,
    /// Job offers and appointments that did not happen.
    #[serde(default)]
    pub offers: Vec<Offer>,
    /// Things said, each tied to one source.
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

/// The person the dossier is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// The name the person is known by.
    pub name: Text,
    /// The full legal name, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<Text>,
    /// Date and place of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub born: Option<Birth>,
    /// Nationality, as an adjective or a country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<Text>,
    /// A nickname, where one is sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<Text>,
    /// A short summary of the career, in the dossier author's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Sources for the facts above.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
    /// Facts about the subject on which sources disagree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputes: Vec<Dispute>,
}

/// Date and place of birth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Birth {
    /// The date of birth (where sources disagree, the best-supported one; see the subject's disputes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The place of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Text>,
}

/// What kind of publication a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A news article or report.
    Article,
    /// A blog post.
    Blog,
    /// A radio or TV broadcast.
    Broadcast,
    /// A profile page (federation, league, database).
    Profile,
    /// An official statement or press release.
    Statement,
    /// A social-media post.
    Tweet,
    /// A wiki page or a mirror of one.
    Wiki,
}

/// A publication that reported one or more facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The id records cite it by.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: Id,
    /// The headline or page title (a short description in brackets where there is none).
    pub title: Text,
    /// Who published it.
    pub publisher: Text,
    /// When it was published, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// Where it can be read: an `https://` or `http://` address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = URL_PATTERN))]
    pub url: Option<Text>,
    /// The language it is written in, as a BCP 47 tag (`es`, `en`, `pt-BR`, `ar`...).
    #[schemars(regex(pattern = LANGUAGE_PATTERN))]
    pub language: Text,
    /// What kind of publication it is.
    pub kind: SourceKind,
    /// A remark about the source (a wrong page date, a machine translation...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// Whether a team is a club or a national team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TeamKind {
    /// A club.
    Club,
    /// A national team.
    NationalTeam,
}

/// How a stage ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Exit {
    /// He left for another job.
    Left,
    /// He resigned.
    Resigned,
    /// He was dismissed.
    Dismissed,
    /// Both sides agreed to end it.
    MutualAgreement,
    /// The contract was not renewed.
    NotRenewed,
    /// The stage has not ended (as far as the sources go).
    Ongoing,
}

/// Matches played, won, drawn and lost, as one source counted them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Matches played.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub played: Option<u32>,
    /// Matches won.
    pub won: u32,
    /// Matches drawn.
    pub drawn: u32,
    /// Matches lost.
    pub lost: u32,
    /// A remark (which matches are counted, an inconsistency in the source...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Sources for these figures.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
}

/// One job as head coach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// The id other records use to say "during this stage".
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: Id,
    /// The team's name.
    pub team: Text,
    /// Club or national team.
    pub kind: TeamKind,
    /// The team's country.
    pub country: Text,
    /// The league or confederation, where useful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub league: Option<Text>,
    /// When it started (announcement or appointment, as reported).
    pub start: PartialDate,
    /// What the start date is (announced, appointed, debut...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_note: Option<Text>,
    /// When it ended; absent while it goes on or where unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<Exit>,
    /// How it ended, in a few words ("left for Chicago Fire").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_note: Option<Text>,
    /// The record (W/D/L), where one source gives it; disputed figures go in `disputes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Record>,
    /// What happened, in the author's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Sources for the stage.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
    /// Facts about the stage on which sources disagree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputes: Vec<Dispute>,
}

/// A fact on which sources disagree, with every version and who reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    /// The field or fact in question (`start`, `record`, `born.date`, `scorers`...).
    pub field: Text,
    /// What the disagreement is about, or which version is more reliable and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Each version, with its sources (at least two versions).
    #[schemars(length(min = 2))]
    pub versions: Vec<Version>,
}

/// One source's version of a disputed fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Version {
    /// The fact as this version gives it.
    pub value: Text,
    /// Who gives it.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
}

/// Whether a trophy was won or the final was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TrophyResult {
    /// Won.
    Won,
    /// Lost in the final.
    RunnerUp,
}

/// What the honour is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TrophyKind {
    /// A title: a league, cup or super cup.
    #[default]
    Title,
    /// A conference or divisional championship (a step towards a title, not a title).
    Conference,
}

/// One leg of a final, or a one-off final.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leg {
    /// When it was played.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The home side.
    pub home: Text,
    /// The away side.
    pub away: Text,
    /// The score, home first: `2-1`.
    #[schemars(regex(pattern = SCORE_PATTERN))]
    pub score: Text,
    /// The penalty shoot-out, home first, where there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = SCORE_PATTERN))]
    pub penalties: Option<Text>,
    /// The stadium.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Text>,
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Text>,
}

/// A title won, a final lost, or another honour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trophy {
    /// The id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: Id,
    /// The competition's name.
    pub competition: Text,
    /// The season or edition (`2010-II`, `2014`).
    pub season: Text,
    /// The stage (team) he won or lost it with.
    pub stage: Id,
    /// Won or runner-up.
    pub result: TrophyResult,
    /// A title or a conference championship.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: TrophyKind,
    /// The opponent in the final.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opponent: Option<Text>,
    /// The final's legs, in order, where sourced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legs: Vec<Leg>,
    /// The aggregate score, his team first (`3-2`), for two-legged finals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = SCORE_PATTERN))]
    pub aggregate: Option<Text>,
    /// A remark in the author's words (how it was decided, what it meant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Sources.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
    /// Facts on which sources disagree (scorers, dates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputes: Vec<Dispute>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A goal in a match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Who scored.
    pub player: Text,
    /// For which team.
    pub team: Text,
    /// The minute as reported (`35`, `90+3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute: Option<Text>,
    /// An own goal.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_goal: bool,
}

/// A key match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Match {
    /// The id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: Id,
    /// When it was played.
    pub date: PartialDate,
    /// The competition and round.
    pub competition: Text,
    /// The home side (the first-named side at a neutral venue).
    pub home: Text,
    /// The away side.
    pub away: Text,
    /// The score, home first: `0-1`.
    #[schemars(regex(pattern = SCORE_PATTERN))]
    pub score: Text,
    /// The stadium.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Text>,
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Text>,
    /// The goals, where sourced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// The stage he was in charge in.
    pub stage: Id,
    /// Why the match matters, in the author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Sources.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
    /// Facts on which sources disagree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputes: Vec<Dispute>,
}

/// How an offer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OfferOutcome {
    /// He turned it down.
    Declined,
    /// He was appointed, then the offer fell through.
    Withdrawn,
    /// The offer was not taken up; someone else was appointed.
    NotTaken,
    /// Reported by the press only; nothing came of it.
    Rumour,
    /// He took the job.
    Accepted,
}

/// A person who played a part in an offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Their name.
    pub name: Text,
    /// Their role (federation secretary, journalist at Diez...).
    pub role: Text,
    /// Sources that name them in this role.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
}

/// One dated event in an offer's chronology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// When it happened.
    pub date: PartialDate,
    /// The date is inferred or approximate.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// What happened, in the author's words.
    pub summary: Text,
    /// Sources.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
}

/// One reported explanation (of why an offer failed, for example).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// The explanation, in the author's words.
    pub summary: Text,
    /// Who gives it.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
}

/// A job offer or appointment that did not happen (or did).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// The id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: Id,
    /// The team that made the offer.
    pub team: Text,
    /// Club or national team.
    pub kind: TeamKind,
    /// When it was made (the month, or the first day reported).
    pub date: PartialDate,
    /// When it was over, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// Who made it (the federation or club, and the body within it).
    pub offered_by: Text,
    /// The stage he was in when it was made.
    pub stage: Id,
    /// How it ended.
    pub outcome: OfferOutcome,
    /// Who got the job instead, where someone did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointed: Option<Text>,
    /// The people involved: officials, journalists who reported it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    /// The dated chronology, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Reported explanations of the outcome (sources may disagree; each keeps its own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explanations: Vec<Explanation>,
    /// What happened, in the author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// Sources.
    #[schemars(length(min = 1))]
    pub sources: Vec<Id>,
    /// Facts on which sources disagree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputes: Vec<Dispute>,
}

/// How a quote's date is known: how far a reader can trust it as the day the words were said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// The source gives the date the words were said.
    Said,
    /// Only the date the source printed them is known (its date line or URL): they may be older.
    Published,
    /// Worked out from the text or its context (a weekday, a match, a dateline), not printed.
    Inferred,
    /// Nothing dates the words; the quote has no `date`.
    Undated,
}

impl DateBasis {
    /// Its name in the format (`said`, `published`, `inferred`, `undated`), which is also the
    /// word the CLI and the browser show beside a quote's date.
    pub fn name(self) -> &'static str {
        match self {
            Self::Said => "said",
            Self::Published => "published",
            Self::Inferred => "inferred",
            Self::Undated => "undated",
        }
    }
}

/// Something someone said, verbatim as the source printed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: Id,
    /// The words, verbatim.
    pub text: Text,
    /// Who said it.
    pub speaker: Text,
    /// The speaker's role at the time, where useful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Text>,
    /// When it was said or first reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// How `date` is known: `said`, `published` or `inferred`; `undated` where there is no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    /// The language of `text`, as a BCP 47 tag (`es`, `en`, `pt-BR`...).
    #[schemars(regex(pattern = LANGUAGE_PATTERN))]
    pub language: Text,
    /// `text` is a translation (the source printed it translated).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub translation: bool,
    /// The language it was said in (a BCP 47 tag), where `text` is a translation and that is
    /// known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = LANGUAGE_PATTERN))]
    pub original_language: Option<Text>,
    /// The stage it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Id>,
    /// The offer it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Id>,
    /// Where and why it was said, in the author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Text>,
    /// The one source that printed it.
    pub source: Id,
}

impl Dossier {
    /// The stage with this id.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The position of the stage with this id in `stages`.
    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The offer with this id.
    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offers.iter().find(|o| o.id == id)
    }
}
