//! The `dossier` binary as a user runs it: every command, its output and its exit code.
//!
//! The tests run on their own small dossier (`FIXTURE`, passed with `--data`: a few records and
//! real, verbatim quotes from the fact sheet) so they do not move when data/osorio.yaml grows.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
mod common;
use common::{DataFile, data_file};

const FIXTURE: &str = r#"subject:
  name: Juan Carlos Osorio
  full_name: Juan Carlos Osorio Arbeláez
  born:
    date: 1961-06-08
    place: Santa Rosa de Cabal, Colombia
  nationality: Colombian
  nickname: El Recreacionista
  summary: >
    Colombian coach who won league and cup titles with Once Caldas and Atlético Nacional,
    then led Mexico at the 2018 World Cup.
  sources: [wiki-en]
  disputes:
    - field: born.date
      note: FIFA and Wikipedia agree on 8 June.
      versions:
        - value: "1961-06-08"
          sources: [wiki-en, fifa]
        - value: "1961-08-06"
          sources: [infobae-2021]
sources:
  - id: wiki-en
    title: Juan Carlos Osorio
    publisher: Wikipedia
    url: https://en.wikipedia.org/wiki/Juan_Carlos_Osorio
    language: en
    kind: wiki
  - id: fifa
    title: Juan Carlos Osorio, coach profile
    publisher: FIFA
    url: https://de.fifa.com/worldcup/players/coaches/coach/331044/profile/
    language: de
    kind: profile
  - id: infobae-2021
    title: Juan Carlos Osorio, nuevo entrenador del América de Cali
    publisher: Infobae/EFE
    date: 2021-06-16
    url: https://www.infobae.com/america/agencias/2021/06/16/juan-carlos-osorio-nuevo-entrenador-del-america-de-cali/
    language: es
    kind: article
  - id: elheraldo-2023
    title: Juan Carlos Osorio aceptó contacto con la Fenafuth para dirigir a la Selección de Honduras
    publisher: El Heraldo
    date: 2023-07-06
    url: https://elheraldo.hn/deportes/juan-carlos-osorio-acepto-contacto-fenafuth-para-dirigir-seleccion-honduras-HP14289259
    language: es
    kind: article
  - id: pledgetimes-2023-07-12
    title: "Juan Carlos Osorio returns to the rattle: a selection has him in his sights"
    publisher: Pledge Times
    date: 2023-07-12
    url: https://pledgetimes.com/juan-carlos-osorio-returns-to-the-rattle-a-selection-has-him-in-his-sights/
    language: en
    kind: article
  - id: elobservador-2019-02
    title: Osorio dejó de ser el técnico de Paraguay
    publisher: El Observador
    date: 2019-02
    url: https://www.elobservador.com.uy/nota/osorio-dejo-de-ser-el-tecnico-de-paraguay-201921410917
    language: es
    kind: article
  - id: tvc-2023
    title: "OFICIAL: Reinaldo Rueda se convierte en nuevo seleccionador de Honduras"
    publisher: Deportes TVC
    date: 2023-07-16
    language: es
    kind: article
stages:
  - id: once-caldas
    team: Once Caldas
    kind: club
    country: Colombia
    start: 2010
    end: 2011-11
    exit: left
    exit_note: left for Puebla
    record:
      played: 100
      won: 48
      drawn: 24
      lost: 27
      note: the figures add up to 99
      sources: [infobae-2021]
    summary: Won the Finalización 2010 league title.
    sources: [wiki-en]
    disputes:
      - field: start
        versions:
          - value: "2010"
            sources: [wiki-en]
          - value: "2009"
            sources: [infobae-2021]
  - id: zamalek
    team: Zamalek
    kind: club
    country: Egypt
    start: 2023-04-14
    end: 2023-11-05
    exit: dismissed
    sources: [wiki-en]
trophies:
  - id: finalizacion-2010
    competition: Categoría Primera A, Torneo Finalización
    season: 2010-II
    stage: once-caldas
    result: won
    opponent: Deportes Tolima
    legs:
      - home: Deportes Tolima
        away: Once Caldas
        score: 2-1
        city: Ibagué
      - date: 2010-12-19
        home: Once Caldas
        away: Deportes Tolima
        score: 3-1
        venue: Palogrande
    aggregate: 4-3
    sources: [wiki-en]
  - id: egypt-cup-2023
    competition: Egypt Cup
    season: "2023"
    stage: zamalek
    result: runner-up
    sources: [wiki-en]
  - id: conference-2010
    competition: Example Conference
    season: "2010"
    stage: once-caldas
    result: won
    kind: conference
    sources: [wiki-en]
matches:
  - id: final-2010
    date: 2010-12-19
    competition: Torneo Finalización 2010, final second leg
    home: Once Caldas
    away: Deportes Tolima
    score: 3-1
    venue: Palogrande
    city: Manizales
    goals:
      - player: Dayro Moreno
        team: Once Caldas
        minute: "35"
    stage: once-caldas
    summary: The title decider.
    sources: [wiki-en]
offers:
  - id: honduras-2023
    team: Honduras
    kind: national-team
    date: 2023-07
    end: 2023-07-16
    offered_by: Fenafuth (Honduran federation)
    stage: zamalek
    outcome: not-taken
    appointed: Reinaldo Rueda
    actors:
      - name: José Ernesto Mejía
        role: Fenafuth secretary
        sources: [elheraldo-2023]
    events:
      - date: 2023-07-06
        summary: Osorio accepts contact with Fenafuth.
        sources: [elheraldo-2023]
      - date: 2023-07-16
        approximate: true
        summary: Fenafuth announces Reinaldo Rueda.
        sources: [tvc-2023]
    explanations:
      - summary: The salary was the obstacle.
        sources: [elheraldo-2023]
    summary: Honduras wanted him while he coached Zamalek; they appointed Rueda instead.
    sources: [elheraldo-2023, tvc-2023]
quotes:
  - id: osorio-paraguay
    text: No puedo continuar en el cargo como seleccionador nacional de Paraguay por razones familiares propias desafortunadas
    speaker: Juan Carlos Osorio
    date: 2019-02-13
    date_basis: said
    language: es
    context: Leaving the Paraguay job.
    source: elobservador-2019-02
  - id: mejia-osorio
    text: Juan Carlos Osorio is one of the people with whom we have had rapprochements, the rest is being taken by the Selection Commission
    speaker: José Ernesto Mejía
    role: Fenafuth secretary
    date: 2023-07
    date_basis: published
    language: en
    translation: true
    original_language: es
    offer: honduras-2023
    source: pledgetimes-2023-07-12
"#;

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the binary is built");
    // Tables are laid out for COLUMNS when it is set; fix it so output does not depend on the
    // terminal the tests run in. NO_COLOR keeps search output free of highlighting.
    cmd.env("COLUMNS", "100").env("NO_COLOR", "1");
    cmd
}

/// `dossier --data FIXTURE ARGS...`, with the fixture file kept alive for the run.
fn run_on_fixture(args: &[&str]) -> (DataFile, assert_cmd::assert::Assert) {
    let file = data_file("fixture.yaml", FIXTURE);
    let assert = dossier().arg("--data").arg(&file.path).args(args).assert();
    (file, assert)
}

fn stdout_of(args: &[&str]) -> String {
    let (_file, assert) = run_on_fixture(args);
    let out = assert.success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

fn json_of(args: &[&str]) -> Value {
    let text = stdout_of(args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn check_on_the_embedded_dossier_succeeds() {
    dossier()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "data/osorio.yaml: ok — 1 subject, ",
        ));
    dossier()
        .args(["show", "subject"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Osorio"));
}

#[test]
fn check_prints_counts_per_section() {
    let (file, assert) = run_on_fixture(&["check"]);
    assert.success().stdout(format!(
        "{}: ok — 1 subject, 2 stages, 3 trophies, 1 match, 1 offer, 2 quotes, 7 sources\n",
        file.path.display()
    ));
}

#[test]
fn no_command_prints_the_summary_for_now() {
    let (_file, assert) = run_on_fixture(&[]);
    assert
        .success()
        .stdout(predicate::str::contains("ok — 1 subject, 2 stages"));
}

#[test]
fn browser_flags_are_accepted_anywhere() {
    let (_file, assert) = run_on_fixture(&["--no-mouse", "check", "--no-watch"]);
    assert.success();
}

#[test]
fn check_on_an_invalid_file_reports_file_line_and_column_and_exits_1() {
    let bad = FIXTURE.replace(
        "  nickname: El Recreacionista",
        "  nicknam: El Recreacionista",
    );
    let file = data_file("bad.yaml", &bad);
    let line = bad
        .lines()
        .position(|l| l.contains("nicknam:"))
        .expect("the typo is in the file")
        + 1;
    let expected = format!("{}:{line}:", file.path.display());
    let assert = dossier()
        .arg("--data")
        .arg(&file.path)
        .arg("check")
        .assert();
    let output = assert.code(1).stdout("").get_output().clone();
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 errors");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&expected),
        "{expected} expected first in:\n{stderr}"
    );
    assert!(first.contains(": error: "), "{stderr}");
    assert!(
        first.contains("nicknam"),
        "the message names the unknown field:\n{stderr}"
    );
    // Each diagnostic is its line, then the source line it points at with a caret under it.
    for line in stderr.lines() {
        let snippet = line
            .trim_start()
            .split_once('|')
            .is_some_and(|(gutter, _)| gutter.trim().chars().all(|c| c.is_ascii_digit()));
        assert!(
            line.contains(": error: ") || snippet || line.is_empty(),
            "a diagnostic line or a snippet line:\n{stderr}"
        );
    }
    assert!(
        stderr.contains(&format!("{line} |   nicknam: El Recreacionista")),
        "the offending line is shown:\n{stderr}"
    );
}

#[test]
fn every_command_that_reads_data_fails_with_1_on_a_yaml_syntax_error() {
    let file = data_file("broken.yaml", "subject: [unclosed\n");
    for args in [
        vec!["check"],
        vec!["show", "timeline"],
        vec!["search", "x"],
        vec!["export"],
    ] {
        dossier()
            .arg("--data")
            .arg(&file.path)
            .args(&args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::is_match(r"broken\.yaml:\d+(:\d+)?: error: ").expect("regex"));
    }
}

#[test]
fn a_missing_file_is_named_and_exits_1() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("no-such-dossier.yaml");
    dossier()
        .arg("--data")
        .arg(&path)
        .arg("check")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(path.display().to_string()));
}

#[test]
fn a_bad_command_line_exits_2() {
    for args in [
        vec!["frobnicate"],
        vec!["show", "nothing"],
        vec!["show"],
        vec!["export", "--format", "pdf"],
        vec!["search", "x", "--limit", "0"],
        vec!["completions", "cmd.exe"],
        vec!["--no-such-flag"],
    ] {
        dossier()
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("error:"));
    }
}

#[test]
fn show_timeline_is_a_table_with_dates_team_exit_record_and_sources() {
    let out = stdout_of(&["show", "timeline"]);
    let header = out.lines().next().unwrap_or_default();
    for column in ["Dates", "Team", "How it ended", "Record"] {
        assert!(header.contains(column), "{column} missing from {header:?}");
    }
    let lines: Vec<&str> = out.lines().collect();
    let zamalek = lines
        .iter()
        .position(|l| l.contains("Zamalek"))
        .expect("a row for Zamalek");
    assert!(lines[zamalek].contains("2023-04-14 – 2023-11-05"), "{out}");
    assert!(lines[zamalek].contains("dismissed"), "{out}");
    // The sources follow on the next line.
    assert_eq!(lines[zamalek + 1].trim(), "Sources: wiki-en", "{out}");
    assert!(out.contains("48W 24D 27L"), "{out}");
    // The disputed start is marked, and the versions are listed with their sources.
    assert!(out.contains("2010 – 2011-11 *1"), "{out}");
    assert!(out.contains("*1 Once Caldas (2010), start"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("2009") && l.contains("infobae-2021")),
        "{out}"
    );
}

#[test]
fn show_columns_line_up() {
    let out = stdout_of(&["show", "timeline"]);
    let lines: Vec<&str> = out.lines().collect();
    let col = |line: &str, text: &str| line.find(text).map(|b| line[..b].chars().count());
    let header_team = col(lines[0], "Team").expect("Team header");
    for row in lines
        .iter()
        .filter(|l| l.starts_with("1  ") || l.starts_with("2  "))
    {
        let team = col(row, "Once").or_else(|| col(row, "Zamalek"));
        assert_eq!(team, Some(header_team), "{out}");
    }
}

#[test]
fn show_fits_a_narrow_terminal() {
    let file = data_file("fixture.yaml", FIXTURE);
    for section in [
        "subject", "timeline", "trophies", "matches", "offers", "quotes",
    ] {
        let assert = dossier()
            .env("COLUMNS", "60")
            .arg("--data")
            .arg(&file.path)
            .args(["show", section])
            .assert()
            .success();
        let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        for line in out.lines() {
            assert!(line.chars().count() <= 60, "{section}: too wide: {line:?}");
        }
    }
}

#[test]
fn show_trophies_groups_by_result_with_counts() {
    let out = stdout_of(&["show", "trophies"]);
    let won = out.find("Won (1)").expect("a Won group");
    let lost = out.find("Runner-up (1)").expect("a Runner-up group");
    let conference = out
        .find("Conference champion (1)")
        .expect("a conference group");
    assert!(won < lost && lost < conference, "{out}");
    assert!(out.contains("vs Deportes Tolima;"), "{out}");
    assert!(out.contains("agg. 4-3"), "{out}");
}

#[test]
fn show_matches_offers_quotes_subject_and_sources() {
    let matches = stdout_of(&["show", "matches"]);
    assert!(matches.contains("2010-12-19"), "{matches}");
    assert!(matches.contains("Dayro Moreno 35'"), "{matches}");

    let offers = stdout_of(&["show", "offers"]);
    assert!(
        offers.contains("Honduras (national team), 2023-07: not taken"),
        "{offers}"
    );
    assert!(offers.contains("Reinaldo Rueda appointed"), "{offers}");
    let chronology = offers.find("Chronology").expect("a chronology");
    let first = offers.find("2023-07-06").expect("the first event");
    let second = offers
        .find("~2023-07-16")
        .expect("the approximate second event");
    assert!(
        chronology < first && first < second,
        "oldest first:\n{offers}"
    );

    let quotes = stdout_of(&["show", "quotes"]);
    let mejia = quotes
        .split("\n\n")
        .find(|block| block.contains("José Ernesto Mejía"))
        .expect("Mejía's quote");
    assert!(mejia.starts_with("2023-07 "), "dated: {mejia}");
    assert!(
        mejia
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("published ")),
        "how the date is known, under it: {mejia}"
    );
    assert!(
        quotes.contains("published = only the date the source printed them"),
        "the words under the dates are explained:\n{quotes}"
    );
    assert!(
        mejia.contains("Fenafuth secretary (es→en)"),
        "translation marked: {mejia}"
    );
    assert!(
        mejia.contains("“Juan Carlos Osorio is one of the people"),
        "{mejia}"
    );
    assert!(
        mejia.contains("Source: pledgetimes-2023-07-12, Pledge Times"),
        "source given: {mejia}"
    );

    let subject = stdout_of(&["show", "subject"]);
    assert!(subject.contains("Juan Carlos Osorio Arbeláez"), "{subject}");
    assert!(subject.contains("1961-06-08 *1"), "{subject}");
    assert!(subject.contains("1961-08-06  infobae-2021"), "{subject}");

    let sources = stdout_of(&["show", "sources"]);
    assert!(
        sources.contains("https://en.wikipedia.org/wiki/Juan_Carlos_Osorio"),
        "URLs are never cut:\n{sources}"
    );
}

#[test]
fn show_json_uses_the_yaml_field_names() {
    let subject = json_of(&["show", "subject", "--json"]);
    assert_eq!(subject["name"], "Juan Carlos Osorio");
    assert_eq!(subject["born"]["date"], "1961-06-08");
    assert_eq!(subject["disputes"][0]["field"], "born.date");

    let stages = json_of(&["show", "timeline", "--json"]);
    let stages = stages.as_array().expect("a list of stages");
    assert_eq!(stages.len(), 2);
    assert_eq!(stages[0]["id"], "once-caldas");
    assert_eq!(stages[0]["start"], "2010");
    assert_eq!(stages[0]["exit_note"], "left for Puebla");
    assert_eq!(stages[0]["record"]["won"], 48);

    let trophies = json_of(&["show", "trophies", "--json"]);
    assert_eq!(trophies[1]["result"], "runner-up");
    assert_eq!(trophies[2]["kind"], "conference");

    let matches = json_of(&["show", "matches", "--json"]);
    assert_eq!(matches[0]["goals"][0]["player"], "Dayro Moreno");

    let offers = json_of(&["show", "offers", "--json"]);
    assert_eq!(offers[0]["outcome"], "not-taken");
    assert_eq!(offers[0]["events"][1]["approximate"], true);

    let quotes = json_of(&["show", "quotes", "--json"]);
    assert_eq!(quotes[1]["translation"], true);
    assert_eq!(quotes[1]["original_language"], "es");
    assert_eq!(quotes[0]["date_basis"], "said");
    assert_eq!(quotes[1]["date_basis"], "published");

    let sources = json_of(&["show", "sources", "--json"]);
    assert_eq!(sources.as_array().map(Vec::len), Some(7));
    assert_eq!(sources[0]["kind"], "wiki");
}

#[test]
fn show_json_reads_back_as_the_model() {
    let loaded = dossier::load::load_str("fixture.yaml", FIXTURE).expect("the fixture is valid");
    let text = stdout_of(&["show", "timeline", "--json"]);
    let stages: Vec<dossier::model::Stage> = serde_json::from_str(&text).expect("stages");
    assert_eq!(stages, loaded.stages);
}

#[test]
fn search_prints_speaker_date_quote_and_source_best_first() {
    let out = stdout_of(&["search", "rapprochements"]);
    let first = out.lines().next().expect("a match");
    assert!(
        first.starts_with("José Ernesto Mejía (2023-07, published): "),
        "{first}"
    );
    assert!(
        first.contains("“Juan Carlos Osorio is one of the people with whom we have had"),
        "{first}"
    );
    assert!(
        first.contains("pledgetimes-2023-07-12, Pledge Times"),
        "{first}"
    );
}

#[test]
fn search_limit_caps_the_matches() {
    let all = stdout_of(&["search", "o"]);
    assert_eq!(all.lines().count(), 2, "{all}");
    let one = stdout_of(&["search", "o", "--limit", "1"]);
    assert_eq!(one.lines().count(), 1, "{one}");
}

#[test]
fn search_without_a_match_prints_nothing_and_exits_1() {
    let (_file, assert) = run_on_fixture(&["search", "xyzzyqqq"]);
    assert.code(1).stdout("");
    let (_file, assert) = run_on_fixture(&["search", "xyzzyqqq", "--json"]);
    assert.code(1).stdout("");
}

#[test]
fn search_json_gives_quote_fields_score_and_source() {
    let hits = json_of(&["search", "rapprochements", "--json"]);
    let first = &hits[0];
    assert_eq!(first["id"], "mejia-osorio");
    assert_eq!(first["speaker"], "José Ernesto Mejía");
    assert_eq!(first["source"], "pledgetimes-2023-07-12");
    assert!(first["score"].as_i64().is_some_and(|s| s > 0), "{first}");
    assert_eq!(first["matched_in"], "text");
    assert_eq!(first["source_detail"]["publisher"], "Pledge Times");
}

/// Journalists type without accents: `mejia` finds "Mejía"; and a query with accents finds the
/// text written without them.
#[test]
fn search_ignores_accents_on_both_sides() {
    let out = stdout_of(&["search", "mejia"]);
    let first = out.lines().next().expect("a match");
    assert!(
        first.starts_with("José Ernesto Mejía (2023-07, published): "),
        "{first}"
    );
    let hits = json_of(&["search", "mejia", "--json"]);
    assert_eq!(hits[0]["id"], "mejia-osorio");
    assert_eq!(hits[0]["matched_in"], "speaker");
    // A capital keeps the query case-sensitive, accents aside.
    let hits = json_of(&["search", "Mejia", "--json"]);
    assert_eq!(hits[0]["id"], "mejia-osorio");
    let (_file, assert) = run_on_fixture(&["search", "MEJIA"]);
    assert.code(1).stdout("");
    // "Selection" has no accent: one typed in the query folds away too.
    let hits = json_of(&["search", "sélectión commissión", "--json"]);
    assert_eq!(hits[0]["id"], "mejia-osorio");
}

/// The same on the embedded dossier, which has a quote by José Ernesto Mejía.
#[test]
fn search_mejia_finds_mejia_in_the_embedded_dossier() {
    let out = dossier()
        .args(["search", "mejia", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let hits: Value = serde_json::from_slice(&out).expect("JSON");
    let hits = hits.as_array().expect("a list");
    assert!(
        hits.iter()
            .any(|h| h["speaker"] == "José Ernesto Mejía" && h["matched_in"] == "speaker"),
        "{hits:?}"
    );
}

/// fzf's extended syntax: `mejia` also finds a Robert Harrison quote whose letters happen to be
/// scattered through it; an exact term, or a second term, leaves it out.
#[test]
fn search_speaks_fzf_syntax_on_the_embedded_dossier() {
    // The ids of the matches, best first.
    let ids = |query: &str| -> Vec<String> {
        let out = dossier()
            .args(["search", query, "--json", "--limit", "100"])
            .assert()
            .get_output()
            .stdout
            .clone();
        let hits: Value = serde_json::from_slice(&out).unwrap_or(Value::Array(Vec::new()));
        hits.as_array()
            .expect("a list")
            .iter()
            .map(|h| h["id"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let sorted = |mut ids: Vec<String>| {
        ids.sort();
        ids
    };
    let mejia = ["mejia-2023-rapprochements", "mejia-2023-speculation"];
    // Fuzzy: Mejía's quotes first, then the scattered letters of others.
    let fuzzy = ids("mejia");
    assert!(fuzzy.contains(&"harrison-2019-mutual-agreement".to_string()));
    assert_eq!(sorted(fuzzy[..2].to_vec()), mejia);
    assert_eq!(sorted(ids("mejia 'osorio")[..2].to_vec()), mejia);
    // Exact: Mejía's quotes only.
    assert_eq!(sorted(ids("'mejia")), mejia);
    assert_eq!(sorted(ids("'mejia 'osorio")), mejia);
    assert_eq!(ids("'mejia !troglio"), ["mejia-2023-rapprochements"]);
    assert_eq!(ids("^jose 'comision"), ["mejia-2023-speculation"]);
    let either = ids("'paraguay | 'paranaense");
    assert!(
        ["athletico-2024-statement", "osorio-2019-family-reasons"]
            .iter()
            .all(|id| either.contains(&id.to_string())),
        "{either:?}"
    );
    assert!(either.len() < ids("paraguay").len());
    // Nothing left after the negation: no output, exit 1, like grep.
    dossier()
        .args(["search", "'mejia !'osorio"])
        .assert()
        .code(1)
        .stdout("");
    // The help says how.
    dossier()
        .args(["search", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("'word").and(predicate::str::contains("!word")));
}

/// In a terminal the matched letters are bold: the accented ones of the original text, found
/// by a query typed without accents.
#[test]
fn search_in_a_terminal_highlights_the_accented_letters() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let file = data_file("fixture.yaml", FIXTURE);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("dossier"));
    cmd.arg("--data");
    cmd.arg(&file.path);
    cmd.args(["search", "mejia", "--limit", "1"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut child = pty.slave.spawn_command(cmd).expect("dossier starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let reading = std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        // Ends with an error (EIO) or 0 once the child has exited and the pty is closed.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    });
    let status = child.wait().expect("dossier exits");
    drop(pty.master);
    let out = String::from_utf8_lossy(&reading.join().expect("the reader ends")).into_owned();
    assert!(status.success(), "{out}");
    let bold = |s: &str| -> String { s.chars().map(|c| format!("\x1b[1m{c}\x1b[22m")).collect() };
    assert!(
        out.contains(&format!("José Ernesto {}", bold("Mejía"))),
        "{out:?}"
    );
}

#[test]
fn export_json_round_trips_to_the_model() {
    let loaded = dossier::load::load_str("fixture.yaml", FIXTURE).expect("the fixture is valid");
    let text = stdout_of(&["export", "--format", "json"]);
    let exported: dossier::model::Dossier = serde_json::from_str(&text).expect("a dossier");
    assert_eq!(exported, loaded);
}

#[test]
fn export_markdown_cites_sources_as_footnotes_defined_once() {
    let md = stdout_of(&["export", "--format", "markdown"]);
    assert!(md.starts_with("# Juan Carlos Osorio\n"), "{md}");
    let definitions: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("[^")?.split_once("]:").map(|(id, _)| id))
        .collect();
    for id in [
        "wiki-en",
        "fifa",
        "infobae-2021",
        "elheraldo-2023",
        "tvc-2023",
    ] {
        let n = definitions.iter().filter(|d| **d == id).count();
        assert_eq!(n, 1, "source {id} defined {n} times");
    }
    let body: String = md
        .lines()
        .filter(|l| !l.starts_with("[^") || !l.contains("]:"))
        .collect::<Vec<_>>()
        .join("\n");
    let references: Vec<&str> = body
        .split("[^")
        .skip(1)
        .filter_map(|rest| rest.split_once(']').map(|(id, _)| id))
        .collect();
    assert!(references.len() > 10, "facts cite their sources:\n{md}");
    for id in &references {
        assert!(definitions.contains(id), "[^{id}] has no definition");
    }
    let cited = |text: &str| md.lines().any(|l| l.contains(text) && l.contains("[^"));
    assert!(cited("Once Caldas"), "{md}");
    assert!(cited("Fenafuth secretary"), "{md}");
}

#[test]
fn export_markdown_reads_well_on_its_own() {
    let md = stdout_of(&["export"]);
    for heading in [
        "## Subject",
        "## Timeline",
        "## Trophies",
        "## Key matches",
        "## Offers",
        "## Quotes",
        "## Disputes",
        "## Sources",
    ] {
        assert!(md.lines().any(|l| l == heading), "{heading} missing:\n{md}");
    }
    assert!(
        md.contains("| 2023-07-06 | Osorio accepts contact with Fenafuth."),
        "{md}"
    );
    assert!(
        md.contains(
            "> “Juan Carlos Osorio is one of the people with whom we have had rapprochements"
        ),
        "{md}"
    );
    assert!(
        md.contains("> — José Ernesto Mejía, Fenafuth secretary, 2023-07 (published) ("),
        "how the date is known, beside it:\n{md}"
    );
    assert!(
        md.contains("published = only the date the source printed them"),
        "{md}"
    );
    let disputes = md.split("## Disputes").nth(1).expect("a disputes section");
    assert!(
        disputes.contains("- 1961-06-08 [^wiki-en] [^fifa]"),
        "{disputes}"
    );
    assert!(
        disputes.contains("- 1961-08-06 [^infobae-2021]"),
        "{disputes}"
    );
}

#[test]
fn completions_for_each_shell_mention_dossier() {
    for shell in ["bash", "zsh", "fish"] {
        dossier()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("dossier"))
            .stdout(predicate::str::contains("show"))
            .stdout(predicate::str::contains("export"));
    }
}

#[test]
fn output_has_no_terminal_control_characters_from_the_data() {
    // The loader may reject this file (exit 1) or accept it; either way nothing it prints may
    // contain the escape character or a bidi override taken from the data.
    let evil = FIXTURE
        .replace(
            "summary: Won the Finalización 2010 league title.",
            "summary: \"Won \\e[2J\\e]0;pwned\\a the title \\u202e.\"",
        )
        .replace(
            "text: No puedo continuar en el cargo como seleccionador nacional de Paraguay por razones familiares propias desafortunadas",
            "text: \"No puedo \\e[31m continuar \\x9b en el cargo\"",
        );
    let file = data_file("evil.yaml", &evil);
    for args in [
        vec!["check"],
        vec!["show", "timeline"],
        vec!["show", "timeline", "--json"],
        vec!["show", "quotes"],
        vec!["search", "continuar"],
        vec!["export", "--format", "markdown"],
        vec!["export", "--format", "json"],
    ] {
        let output = dossier()
            .arg("--data")
            .arg(&file.path)
            .args(&args)
            .output()
            .expect("the binary runs");
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text
                    .chars()
                    .any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}' | '\u{202e}')),
                "{args:?} {stream} holds a control character: {text:?}"
            );
        }
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Enough quotes that the output is far larger than a pipe's buffer.
    let mut big = FIXTURE.to_string();
    for i in 0..3000 {
        big.push_str(&format!(
            "  - id: filler-{i}\n    text: Filler quote number {i} with some words to make it long enough.\n    speaker: Someone\n    language: en\n    source: wiki-en\n"
        ));
    }
    let file = data_file("big.yaml", &big);
    let bin = assert_cmd::cargo::cargo_bin!("dossier");
    for args in [["show", "quotes"], ["export", "--format=markdown"]] {
        let mut child = std::process::Command::new(bin)
            .arg("--data")
            .arg(&file.path)
            .args(args)
            .env("COLUMNS", "100")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut first = String::new();
        stdout.read_line(&mut first).expect("a first line");
        assert!(!first.is_empty());
        drop(stdout); // like `| head -1`
        let output = child.wait_with_output().expect("the binary ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    }
    let _ = std::io::stdout().flush();
}
