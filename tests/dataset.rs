//! The embedded Osorio dossier: what a reader of `dossier` sees, and that every fact is sourced.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use dossier::load::{EMBEDDED_YAML, load_embedded};
use dossier::model::{
    DateBasis, Dispute, Dossier, Id, OfferOutcome, TeamKind, TrophyKind, TrophyResult,
};
use unicode_normalization::UnicodeNormalization;

fn dossier() -> Dossier {
    match load_embedded() {
        Ok(d) => d,
        Err(e) => panic!("the embedded dossier does not load:\n{e}"),
    }
}

/// Every source id the dossier cites, each with where it is cited (for readable failures).
fn cited_ids(d: &Dossier) -> BTreeMap<String, Vec<String>> {
    let mut cited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut cite = |ids: &[Id], place: String| {
        for id in ids {
            cited.entry(id.to_string()).or_default().push(place.clone());
        }
    };
    fn disputes<'a>(
        list: &'a [Dispute],
        place: &'a str,
    ) -> impl Iterator<Item = (&'a [Id], String)> + 'a {
        list.iter().enumerate().flat_map(move |(i, dispute)| {
            dispute.versions.iter().enumerate().map(move |(j, v)| {
                (
                    v.sources.as_slice(),
                    format!("{place}.disputes[{i}].versions[{j}]"),
                )
            })
        })
    }

    cite(&d.subject.sources, "subject".into());
    for (ids, place) in disputes(&d.subject.disputes, "subject") {
        cite(ids, place);
    }
    for s in &d.stages {
        let place = format!("stages.{}", s.id);
        cite(&s.sources, place.clone());
        if let Some(r) = &s.record {
            cite(&r.sources, format!("{place}.record"));
        }
        for (ids, p) in disputes(&s.disputes, &place) {
            cite(ids, p);
        }
    }
    for t in &d.trophies {
        let place = format!("trophies.{}", t.id);
        cite(&t.sources, place.clone());
        for (ids, p) in disputes(&t.disputes, &place) {
            cite(ids, p);
        }
    }
    for m in &d.matches {
        let place = format!("matches.{}", m.id);
        cite(&m.sources, place.clone());
        for (ids, p) in disputes(&m.disputes, &place) {
            cite(ids, p);
        }
    }
    for o in &d.offers {
        let place = format!("offers.{}", o.id);
        cite(&o.sources, place.clone());
        for a in &o.actors {
            cite(&a.sources, format!("{place}.actors.{}", a.name));
        }
        for (i, e) in o.events.iter().enumerate() {
            cite(&e.sources, format!("{place}.events[{i}]"));
        }
        for (i, x) in o.explanations.iter().enumerate() {
            cite(&x.sources, format!("{place}.explanations[{i}]"));
        }
        for (ids, p) in disputes(&o.disputes, &place) {
            cite(ids, p);
        }
    }
    for q in &d.quotes {
        cite(std::slice::from_ref(&q.source), format!("quotes.{}", q.id));
    }
    cited
}

/// The ids in `ids` that occur more than once.
fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    ids.filter(|id| !seen.insert(*id)).collect()
}

#[test]
fn the_embedded_text_parses_as_a_dossier_on_its_own() {
    let parsed: Dossier = serde_yaml::from_str(EMBEDDED_YAML).expect("plain serde_yaml parse");
    assert_eq!(
        parsed,
        dossier(),
        "the loader must not change what serde reads"
    );
}

#[test]
fn subject_is_osorio_with_the_disputed_birth_date() {
    let d = dossier();
    assert_eq!(d.subject.name, "Juan Carlos Osorio");
    assert_eq!(
        d.subject.full_name.as_deref(),
        Some("Juan Carlos Osorio Arbeláez")
    );
    assert_eq!(d.subject.nickname.as_deref(), Some("El Recreacionista"));
    let born = d.subject.born.as_ref().expect("born");
    assert_eq!(
        born.date.map(|x| x.to_string()).as_deref(),
        Some("1961-06-08")
    );

    let dispute = d
        .subject
        .disputes
        .iter()
        .find(|x| x.field == "born.date")
        .expect("a born.date dispute");
    let values: Vec<&str> = dispute.versions.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(
        values,
        ["1961-06-08", "1961-08-06", "1961-07-08", "1962"],
        "all four printed dates of birth"
    );
}

#[test]
fn fifteen_stages_from_millonarios_to_remo_in_order() {
    let d = dossier();
    assert_eq!(d.stages.len(), 15);
    assert_eq!(d.stages.first().map(|s| s.id.as_str()), Some("millonarios"));
    assert_eq!(d.stages.last().map(|s| s.id.as_str()), Some("remo"));
    for pair in d.stages.windows(2) {
        assert!(
            pair[0].start <= pair[1].start,
            "{} ({}) starts after {} ({})",
            pair[0].id,
            pair[0].start,
            pair[1].id,
            pair[1].start
        );
    }
    for s in &d.stages {
        if let Some(end) = s.end {
            assert!(
                s.start.earliest() <= end.latest(),
                "{} ends before it starts",
                s.id
            );
        }
    }
    let national: Vec<&str> = d
        .stages
        .iter()
        .filter(|s| s.kind == TeamKind::NationalTeam)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(national, ["mexico", "paraguay"]);
}

#[test]
fn records_are_consistent_where_given() {
    let d = dossier();
    let record = |id: &str| {
        d.stage(id)
            .and_then(|s| s.record.clone())
            .unwrap_or_else(|| panic!("{id} has a record"))
    };
    let mexico = record("mexico");
    assert_eq!(
        (mexico.played, mexico.won, mexico.drawn, mexico.lost),
        (Some(52), 33, 9, 10)
    );
    // The club wrote it in MLS order, W-L-T: 12-27-13; a career table counts 59 matches.
    let nyrb = d.stage("ny-red-bulls").expect("ny-red-bulls");
    let versions: Vec<&str> = nyrb
        .disputes
        .iter()
        .filter(|x| x.field == "record")
        .flat_map(|x| x.versions.iter().map(|v| v.value.as_str()))
        .collect();
    assert!(
        versions
            .iter()
            .any(|v| v.starts_with("52 matches, 12 won, 13 drawn, 27 lost")),
        "{versions:?}"
    );
    assert!(
        versions.iter().any(|v| v.starts_with("59 matches")),
        "{versions:?}"
    );
    // The source's own figures do not add up; the record must say so.
    let once = record("once-caldas");
    assert!(once.note.as_deref().unwrap_or("").contains("99"));
    for s in &d.stages {
        if let Some(r) = &s.record
            && s.id != "once-caldas"
        {
            assert_eq!(r.played, Some(r.won + r.drawn + r.lost), "{}", s.id);
        }
    }
    // Where the sources disagree there is no single record, only the versions.
    for id in [
        "ny-red-bulls",
        "sao-paulo",
        "america-de-cali",
        "athletico-paranaense",
        "tijuana",
        "remo",
    ] {
        let s = d.stage(id).expect(id);
        assert!(s.record.is_none(), "{id}");
        assert!(s.disputes.iter().any(|x| x.field == "record"), "{id}");
    }
}

#[test]
fn trophies_eight_titles_two_lost_finals_one_conference() {
    let d = dossier();
    let count = |result: TrophyResult, kind: TrophyKind| {
        d.trophies
            .iter()
            .filter(|t| t.result == result && t.kind == kind)
            .count()
    };
    assert_eq!(count(TrophyResult::Won, TrophyKind::Title), 8);
    assert_eq!(count(TrophyResult::RunnerUp, TrophyKind::Title), 2);
    assert_eq!(count(TrophyResult::Won, TrophyKind::Conference), 1);
    assert_eq!(d.trophies.len(), 11);
    let nacional = d
        .trophies
        .iter()
        .filter(|t| t.stage == "nacional-1" && t.result == TrophyResult::Won)
        .count();
    assert_eq!(nacional, 6, "six titles in his first Nacional spell");
}

#[test]
fn the_four_key_matches() {
    let d = dossier();
    let mut found: Vec<(String, &str, &str, &str)> = d
        .matches
        .iter()
        .map(|m| {
            (
                m.date.to_string(),
                m.home.as_str(),
                m.score.as_str(),
                m.away.as_str(),
            )
        })
        .collect();
    found.sort();
    let expected = [
        ("2015-11-13", "Mexico", "3-0", "El Salvador"),
        ("2018-06-17", "Germany", "0-1", "Mexico"),
        ("2018-07-02", "Brazil", "2-0", "Mexico"),
        ("2018-11-20", "South Africa", "1-1", "Paraguay"),
    ];
    let found: Vec<(&str, &str, &str, &str)> = found
        .iter()
        .map(|(date, h, s, a)| (date.as_str(), *h, *s, *a))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn three_offers_and_the_honduras_2023_story() {
    let d = dossier();
    let ids: Vec<&str> = d.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["honduras-2011", "honduras-2023", "costa-rica-2024"]);

    let honduras = d.offer("honduras-2023").expect("honduras-2023");
    assert_eq!(honduras.stage, "zamalek");
    assert_eq!(honduras.outcome, OfferOutcome::NotTaken);
    assert_eq!(honduras.appointed.as_deref(), Some("Reinaldo Rueda"));
    assert!(honduras.events.len() >= 8, "the dated chronology");
    for pair in honduras.events.windows(2) {
        assert!(pair[0].date <= pair[1].date, "events oldest first");
    }
    for name in ["Gustavo Roca", "José Ernesto Mejía", "Edwin Banegas"] {
        assert!(honduras.actors.iter().any(|a| a.name == name), "{name}");
    }

    assert_eq!(
        d.offer("honduras-2011")
            .map(|o| (o.stage.as_str(), o.outcome)),
        Some(("once-caldas", OfferOutcome::Withdrawn))
    );
    let costa_rica = d.offer("costa-rica-2024").expect("costa-rica-2024");
    assert_eq!(costa_rica.stage, "tijuana");
    assert_eq!(costa_rica.outcome, OfferOutcome::Declined);
    assert_eq!(costa_rica.appointed.as_deref(), Some("Miguel Herrera"));
}

/// The one quote said between two jobs: the fact sheet gives it no stage, and it is about a job
/// that never was (Chivas, 2025), so it belongs to no stage and no offer.
const BETWEEN_JOBS: &[&str] = &["osorio-2025-chivas"];

#[test]
fn quotes_are_sourced_and_belong_somewhere() {
    let d = dossier();
    assert!(d.quotes.len() >= 6, "{} quotes", d.quotes.len());
    for q in &d.quotes {
        assert!(!q.text.trim().is_empty(), "{}", q.id);
        assert!(d.source(&q.source).is_some(), "{}: {}", q.id, q.source);
        assert!(
            q.stage.is_some() || q.offer.is_some() || BETWEEN_JOBS.contains(&q.id.as_str()),
            "{}",
            q.id
        );
        if q.original_language.is_some() {
            assert!(
                q.translation,
                "{}: original_language without translation",
                q.id
            );
        }
    }
    for id in BETWEEN_JOBS {
        let q = d.quotes.iter().find(|q| q.id == *id).expect(id);
        assert!(
            q.stage.is_none() && q.offer.is_none(),
            "{id} has a place now"
        );
    }
    let honduras_quotes = d
        .quotes
        .iter()
        .filter(|q| q.offer.as_deref() == Some("honduras-2023"))
        .count();
    assert!(honduras_quotes >= 4);
    assert!(
        d.quotes.iter().any(|q| q.language == "ar"),
        "the Al-Remontada quote, in Arabic"
    );
}

#[test]
fn every_cited_source_exists_and_every_source_is_cited() {
    let d = dossier();
    let cited = cited_ids(&d);
    let listed: BTreeSet<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();

    let missing: Vec<String> = cited
        .iter()
        .filter(|(id, _)| !listed.contains(id.as_str()))
        .map(|(id, places)| format!("{id} (cited by {})", places.join(", ")))
        .collect();
    assert!(missing.is_empty(), "cited but not listed: {missing:#?}");

    let uncited: Vec<&str> = listed
        .iter()
        .copied()
        .filter(|id| !cited.contains_key(*id))
        .collect();
    assert!(uncited.is_empty(), "listed but never cited: {uncited:?}");
}

#[test]
fn every_fact_cites_at_least_one_source() {
    let d = dossier();
    let mut empty = Vec::new();
    let mut check = |ids: &[Id], place: String| {
        if ids.is_empty() {
            empty.push(place);
        }
    };
    check(&d.subject.sources, "subject".into());
    for s in &d.stages {
        check(&s.sources, format!("stages.{}", s.id));
    }
    for t in &d.trophies {
        check(&t.sources, format!("trophies.{}", t.id));
    }
    for m in &d.matches {
        check(&m.sources, format!("matches.{}", m.id));
    }
    for o in &d.offers {
        check(&o.sources, format!("offers.{}", o.id));
        for (i, e) in o.events.iter().enumerate() {
            check(&e.sources, format!("offers.{}.events[{i}]", o.id));
        }
    }
    assert!(empty.is_empty(), "records without sources: {empty:?}");

    let all_disputes = d
        .stages
        .iter()
        .flat_map(|s| &s.disputes)
        .chain(&d.subject.disputes)
        .chain(d.trophies.iter().flat_map(|t| &t.disputes))
        .chain(d.matches.iter().flat_map(|m| &m.disputes))
        .chain(d.offers.iter().flat_map(|o| &o.disputes));
    for dispute in all_disputes {
        assert!(dispute.versions.len() >= 2, "{}", dispute.field);
        assert!(
            dispute.versions.iter().all(|v| !v.sources.is_empty()),
            "{}",
            dispute.field
        );
    }
}

#[test]
fn stage_and_offer_references_exist() {
    let d = dossier();
    let mut dangling = Vec::new();
    for t in &d.trophies {
        if d.stage(&t.stage).is_none() {
            dangling.push(format!("trophies.{} -> {}", t.id, t.stage));
        }
    }
    for m in &d.matches {
        if d.stage(&m.stage).is_none() {
            dangling.push(format!("matches.{} -> {}", m.id, m.stage));
        }
    }
    for o in &d.offers {
        if d.stage(&o.stage).is_none() {
            dangling.push(format!("offers.{} -> {}", o.id, o.stage));
        }
    }
    for q in &d.quotes {
        if let Some(stage) = &q.stage
            && d.stage(stage).is_none()
        {
            dangling.push(format!("quotes.{} -> {stage}", q.id));
        }
        if let Some(offer) = &q.offer
            && d.offer(offer).is_none()
        {
            dangling.push(format!("quotes.{} -> {offer}", q.id));
        }
    }
    assert!(dangling.is_empty(), "references to nothing: {dangling:?}");
}

#[test]
fn ids_are_unique_within_each_section() {
    let d = dossier();
    let sections: [(&str, Vec<&str>); 6] = [
        ("sources", d.sources.iter().map(|x| x.id.as_str()).collect()),
        ("stages", d.stages.iter().map(|x| x.id.as_str()).collect()),
        (
            "trophies",
            d.trophies.iter().map(|x| x.id.as_str()).collect(),
        ),
        ("matches", d.matches.iter().map(|x| x.id.as_str()).collect()),
        ("offers", d.offers.iter().map(|x| x.id.as_str()).collect()),
        ("quotes", d.quotes.iter().map(|x| x.id.as_str()).collect()),
    ];
    for (section, ids) in sections {
        let dups = duplicates(ids.iter().copied());
        assert!(dups.is_empty(), "duplicate ids in {section}: {dups:?}");
        for id in ids {
            assert!(
                !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{section}: id `{id}` is not [a-z0-9-]+"
            );
        }
    }
}

#[test]
fn every_stage_has_at_least_one_quote() {
    let d = dossier();
    let silent: Vec<&str> = d
        .stages
        .iter()
        .filter(|s| !d.quotes.iter().any(|q| q.stage.as_ref() == Some(&s.id)))
        .map(|s| s.id.as_str())
        .collect();
    assert!(silent.is_empty(), "stages without a quote: {silent:?}");
}

#[test]
fn every_quote_says_how_its_date_is_known() {
    let d = dossier();
    let mut wrong = Vec::new();
    for q in &d.quotes {
        match (q.date, q.date_basis) {
            (_, None) => wrong.push(format!("{}: no date_basis", q.id)),
            (Some(date), Some(DateBasis::Undated)) => {
                wrong.push(format!("{}: dated {date} but undated", q.id))
            }
            (None, Some(b)) if b != DateBasis::Undated => {
                wrong.push(format!("{}: {} without a date", q.id, b.name()))
            }
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn no_two_quotes_are_the_same_text_from_the_same_source() {
    let d = dossier();
    // Compared as a reader sees them: case, spacing and the marks around them aside.
    let key = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    let mut seen: BTreeMap<(String, &str), &str> = BTreeMap::new();
    let mut twice = Vec::new();
    for q in &d.quotes {
        if let Some(first) = seen.insert((key(&q.text), q.source.as_str()), q.id.as_str()) {
            twice.push(format!("{} repeats {first} ({})", q.id, q.source));
        }
    }
    assert!(twice.is_empty(), "{twice:#?}");
}

/// The fact sheet the data comes from: beside the repository (`../shared`, as CI has it), or the
/// team's shared copy. `None` where neither is there (a clone on its own).
fn fact_sheet() -> Option<String> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/facts/osorio.md");
    [beside, PathBuf::from("/work/shared/facts/osorio.md")]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
}

/// One row of the sheet's "More quotes, by stage" tables.
struct SheetQuote {
    /// `stage.row`, as a reader finds it in the sheet (`8.12`).
    key: String,
    /// The quote as the dossier stores it (see [`words`]).
    words: String,
    /// The language cell: `pt (publisher's translation)`.
    language: String,
    url: String,
    confirmed: bool,
}

/// A Markdown table row's cells (`\|` inside a cell is a `|`).
fn cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'|') {
            cell.push('|');
            chars.next();
        } else if c == '|' {
            cells.push(std::mem::take(&mut cell).trim().to_string());
        } else {
            cell.push(c);
        }
    }
    // The text before the first `|` is not a cell (the text after the last one never gets in).
    if !cells.is_empty() {
        cells.remove(0);
    }
    cells
}

/// The words of a quote cell without the quotation marks that enclose them (and a full stop
/// after the closing mark): what `text` holds. A cut (`…`) stays.
fn words(cell: &str) -> String {
    let mut s = cell.trim();
    let closes = |c: char| matches!(c, '"' | '”' | '»' | '\'');
    if let Some(rest) = s.strip_suffix('.')
        && rest.ends_with(closes)
    {
        s = rest;
    }
    if let Some(rest) = s.strip_prefix('«') {
        s = rest.trim_start_matches(' ');
    } else if let Some(rest) = s.strip_prefix(['"', '“', '\'']) {
        s = rest;
    }
    if let Some(rest) = s.strip_suffix('»') {
        s = rest.trim_end_matches(' ');
    } else if let Some(rest) = s.strip_suffix(closes) {
        s = rest;
    }
    s.to_string()
}

fn sheet_quotes(sheet: &str) -> Vec<SheetQuote> {
    let section = sheet
        .split("## More quotes, by stage")
        .nth(1)
        .and_then(|rest| rest.split("### Possible conflicts").next())
        .unwrap_or("");
    let mut stage = String::new();
    let mut row = 0;
    let mut quotes = Vec::new();
    for line in section.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            stage = heading.split('.').next().unwrap_or("").to_string();
            row = 0;
            continue;
        }
        let c = cells(line);
        if stage.is_empty() || c.len() != 9 || c[0] == "Speaker" || c[0].starts_with("---") {
            continue;
        }
        row += 1;
        quotes.push(SheetQuote {
            key: format!("{stage}.{row}"),
            words: words(&c[1]).nfc().collect(),
            language: c[3].clone(),
            url: c[7].clone(),
            confirmed: c[8].starts_with("CONFIRMED"),
        });
    }
    quotes
}

#[test]
fn the_quote_cells_lose_only_their_quotation_marks() {
    assert_eq!(words("“Sueño con volver”"), "Sueño con volver");
    assert_eq!(words("\"my chance,\""), "my chance,");
    assert_eq!(words("\"de jugar\"."), "de jugar");
    assert_eq!(words("\"responsabilidad mía.…"), "responsabilidad mía.…");
    assert_eq!(words("…Allá no lo quieren.…"), "…Allá no lo quieren.…");
    assert_eq!(words("« Osorio continuera.…"), "Osorio continuera.…");
    assert_eq!(words("«interna»"), "interna");
    assert_eq!(
        words("Indiscutiblemente la oportunidad."),
        "Indiscutiblemente la oportunidad."
    );
    assert_eq!(
        cells("| a | b \\| c | d |"),
        ["a", "b | c", "d"],
        "an escaped pipe stays in its cell"
    );
}

/// Every CONFIRMED quote of the sheet's second pass is in the dossier, character for character,
/// cited to a source with the row's URL, in the row's language, marked as a translation where the
/// sheet says the outlet translated it; the UNVERIFIED ones are not; and every quote of the
/// dossier (the first pass's too) is written in the sheet exactly as the dossier has it.
#[test]
fn quotes_are_verbatim_from_the_fact_sheet() {
    let Some(sheet) = fact_sheet() else {
        eprintln!("skipped: no fact sheet at ../shared/facts/osorio.md or /work/shared");
        return;
    };
    let sheet: String = sheet.nfc().collect();
    let d = dossier();
    let rows = sheet_quotes(&sheet);
    assert!(
        rows.len() > 50,
        "the sheet's tables were not read: {} rows",
        rows.len()
    );
    let url = |q: &dossier::model::Quote| d.source(&q.source).and_then(|s| s.url.as_deref());
    let mut wrong = Vec::new();
    for row in &rows {
        let same_text: Vec<_> = d.quotes.iter().filter(|q| q.text == row.words).collect();
        let cited: Vec<_> = same_text
            .iter()
            .filter(|q| url(q) == Some(row.url.as_str()))
            .collect();
        if !row.confirmed {
            if !same_text.is_empty() {
                wrong.push(format!("{}: UNVERIFIED, but in the dossier", row.key));
            }
            continue;
        }
        let [q] = cited.as_slice() else {
            wrong.push(format!(
                "{}: {} quotes with its words and URL, expected 1: {:?}",
                row.key,
                cited.len(),
                row.words
            ));
            continue;
        };
        let language = row.language.split_whitespace().next().unwrap_or("");
        if q.language != language {
            wrong.push(format!(
                "{}: language {} in the dossier, {language} in the sheet",
                q.id, q.language
            ));
        }
        if row.language.contains("translation") && !q.translation {
            wrong.push(format!("{}: the sheet says the outlet translated it", q.id));
        }
    }
    for q in &d.quotes {
        if !sheet.contains(&*q.text) {
            wrong.push(format!(
                "{}: not in the fact sheet as written: {:?}",
                q.id, q.text
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The README's figures about the embedded dossier are its own.
#[test]
fn the_readme_counts_the_embedded_dossier() {
    let d = dossier();
    let readme = include_str!("../README.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let disputes = d.subject.disputes.len()
        + d.stages.iter().map(|s| s.disputes.len()).sum::<usize>()
        + d.trophies.iter().map(|t| t.disputes.len()).sum::<usize>()
        + d.matches.iter().map(|m| m.disputes.len()).sum::<usize>()
        + d.offers.iter().map(|o| o.disputes.len()).sum::<usize>();
    let counts = format!(
        "{} stages, {} trophies, {} key matches, {} offers and {} quotes, citing {} sources, with \
         {disputes} disputed facts",
        d.stages.len(),
        d.trophies.len(),
        d.matches.len(),
        d.offers.len(),
        d.quotes.len(),
        d.sources.len(),
    );
    assert!(readme.contains(&counts), "the README should say: {counts}");
    let by = |f: &dyn Fn(&dossier::model::Quote) -> bool| d.quotes.iter().filter(|q| f(q)).count();
    let language = |l: &str| by(&|q| q.language == l);
    let basis = |b: DateBasis| by(&|q| q.date_basis == Some(b));
    for said in [
        format!(
            "{} are Osorio's",
            by(&|q| q.speaker == "Juan Carlos Osorio")
        ),
        format!(
            "{} are in Spanish, {} in English, {} in Portuguese, {} in Arabic and {} in French, and \
             {} of them are the outlet's translation",
            language("es"),
            language("en"),
            language("pt"),
            language("ar"),
            language("fr"),
            by(&|q| q.translation)
        ),
        format!(
            "{} were dated the day they were said, {} only by the date the page printed them, {} by \
             inference",
            basis(DateBasis::Said),
            basis(DateBasis::Published),
            basis(DateBasis::Inferred)
        ),
        format!("and {} not at all", basis(DateBasis::Undated)),
    ] {
        assert!(readme.contains(&said), "the README should say: {said}");
    }
}
