//! The embedded Osorio dossier: what a reader of `dossier` sees, and that every fact is sourced.

use std::collections::{BTreeMap, BTreeSet};

use dossier::load::{EMBEDDED_YAML, load_embedded};
use dossier::model::{Dispute, Dossier, Id, OfferOutcome, TeamKind, TrophyKind, TrophyResult};

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
    // MLS wrote it W-L-T: 12-27-13.
    let nyrb = record("ny-red-bulls");
    assert_eq!((nyrb.won, nyrb.lost, nyrb.drawn), (12, 27, 13));
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

#[test]
fn quotes_are_sourced_and_belong_somewhere() {
    let d = dossier();
    assert!(d.quotes.len() >= 6, "{} quotes", d.quotes.len());
    for q in &d.quotes {
        assert!(!q.text.trim().is_empty(), "{}", q.id);
        assert!(d.source(&q.source).is_some(), "{}: {}", q.id, q.source);
        assert!(q.stage.is_some() || q.offer.is_some(), "{}", q.id);
        if q.original_language.is_some() {
            assert!(
                q.translation,
                "{}: original_language without translation",
                q.id
            );
        }
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
