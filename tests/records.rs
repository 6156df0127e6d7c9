//! `dossier show records`: the record per stage as a reader sees it, on a small dossier of its
//! own with each case the issue names (a disputed record, a stage without one, figures that do
//! not add up, a version whose words are not figures).

use assert_cmd::Command;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;
mod common;
use common::{DataFile, data_file};

const RECORDS: &str = r#"subject:
  name: A Coach
  sources: [a]
sources:
  - {id: a, title: A, publisher: Pa, language: en, kind: article}
  - {id: b, title: B, publisher: Pb, language: en, kind: article}
  - {id: c, title: C, publisher: Pc, language: en, kind: article}
stages:
  - id: second
    team: Second Club
    kind: club
    country: Chile
    start: 2012-01
    end: 2013-06
    sources: [a]
    disputes:
      - field: record
        note: B counts cup matches too.
        versions:
          - value: 20 matches, 10 won, 5 drawn, 5 lost
            sources: [a]
          - value: 24 matches, 12 won, 6 drawn, 6 lost
            sources: [b]
          - value: 22 matches, 11 won
            sources: [c]
      - field: titles
        note: C forgets the cup.
        versions:
          - value: one
            sources: [a]
          - value: none
            sources: [c]
  - id: first
    team: First Club With A Rather Long Name
    kind: club
    country: Chile
    start: 2010
    end: 2011
    sources: [a]
  - id: third
    team: Third
    kind: national-team
    country: Peru
    start: 2014
    end: 2015
    record:
      played: 10
      won: 5
      drawn: 2
      lost: 2
      sources: [a]
    sources: [a]
  - id: fourth
    team: Fourth
    kind: club
    country: Peru
    start: 2016
    end: 2017
    record:
      played: 10
      won: 10
      drawn: 0
      lost: 0
      sources: [a]
    sources: [a]
    disputes:
      - field: record
        versions:
          - value: 10 matches, 10 won, 0 drawn, 0 lost
            sources: [b]
          - value: "4-8-2"
            sources: [c]
trophies:
  - {id: cup, competition: Chile Cup, season: "2012", stage: second, result: won, sources: [a]}
  - {id: final, competition: Chile League, season: "2013", stage: second, result: runner-up, sources: [a]}
"#;

fn run(args: &[&str], columns: usize) -> (DataFile, String) {
    let file = data_file("records.yaml", RECORDS);
    let out = Command::cargo_bin("dossier")
        .expect("the binary is built")
        .env("COLUMNS", columns.to_string())
        .env_remove("NO_COLOR")
        .arg("--data")
        .arg(&file.path)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    (file, String::from_utf8(out).expect("UTF-8"))
}

fn text(columns: usize) -> String {
    run(&["show", "records"], columns).1
}

fn json() -> Value {
    let (_file, out) = run(&["show", "records", "--json"], 80);
    serde_json::from_str(&out).expect("JSON")
}

/// The table's rows: from the header to the first blank line.
fn table(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|l| !l.starts_with("Years"))
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn one_row_per_stage_oldest_first_and_one_per_disputed_version() {
    let out = text(80);
    let rows = table(&out);
    assert!(
        rows[0].contains("Win %") && rows[0].contains("Titles"),
        "{out}"
    );
    let teams: Vec<&str> = rows[1..]
        .iter()
        .filter(|r| !r.starts_with(' '))
        .map(|r| r.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    assert_eq!(teams, ["First", "Second", "Third", "Fourth"], "{out}");
    // Second Club: three versions, each on its own row, each marked.
    let second = rows
        .iter()
        .position(|r| r.contains("Second Club"))
        .expect("row");
    for row in &rows[second..second + 3] {
        assert!(row.contains('≠'), "{row}");
    }
    assert!(
        rows[second].contains(" 20 ") && rows[second + 1].contains(" 24 "),
        "{out}"
    );
}

#[test]
fn a_stage_without_a_record_says_so_and_shows_no_zero() {
    let out = text(80);
    let row = table(&out)
        .into_iter()
        .find(|r| r.contains("First Club"))
        .expect("row");
    assert!(row.contains("no sourced record"), "{row}");
    assert!(!row.contains(" 0"), "{row}");
    let json = json();
    let first = &json[0];
    assert_eq!(first["stage"], "first");
    assert_eq!(first["status"], "unsourced");
    assert_eq!(first["versions"], serde_json::json!([]));
}

#[test]
fn every_version_is_listed_with_its_sources_and_the_dispute_note() {
    let out = text(80);
    let listing = out
        .split("Sources, stage by stage")
        .nth(1)
        .expect("listing");
    assert!(listing.contains("B counts cup matches too."), "{listing}");
    assert!(
        listing.contains("≠ 20 matches, 10 won, 5 drawn, 5 lost: a"),
        "{listing}"
    );
    assert!(
        listing.contains("≠ 24 matches, 12 won, 6 drawn, 6 lost: b"),
        "{listing}"
    );
    assert!(listing.contains("≠ 22 matches, 11 won: c"), "{listing}");
    // The title won is named; the final lost is not a title.
    assert!(listing.contains("Title: Chile Cup 2012"), "{listing}");
    assert!(!listing.contains("Chile League"), "{listing}");
    // A dispute about how many titles: marked in the row, every version listed.
    let row = table(&out)
        .into_iter()
        .find(|r| r.contains("Second Club"))
        .expect("row");
    assert!(row.trim_end().ends_with("≠ 1"), "{row}");
    assert!(
        listing.contains("≠ How many titles: one (a); none (c)\n    C forgets the cup."),
        "{listing}"
    );
}

#[test]
fn figures_that_do_not_add_up_and_words_that_are_not_figures_are_shown_as_given() {
    let out = text(80);
    let rows = table(&out);
    let third = rows.iter().find(|r| r.contains("Third")).expect("row");
    assert!(third.contains('!') && third.contains(" 10 "), "{third}");
    assert!(
        out.contains("5 + 2 + 2 = 9, not 10: shown as given."),
        "{out}"
    );
    // Fourth: the stage's record and the dispute's first version are one (same figures, both
    // sources); "4-8-2" does not say its order, so it is not read, and says so.
    let fourth = rows.iter().position(|r| r.contains("Fourth")).expect("row");
    assert!(rows[fourth + 1].contains('?'), "{out}");
    assert!(rows[fourth + 1].contains("figures not read"), "{out}");
    assert!(
        out.contains("≠ 10 matches, 10 won, 0 drawn, 0 lost: a, b"),
        "{out}"
    );
    assert!(out.contains("≠? 4-8-2: c"), "{out}");
}

#[test]
fn the_bars_share_one_scale() {
    let out = text(100);
    let rows = table(&out);
    // A bar's length in eighths of a cell.
    let bar = |team: &str| -> usize {
        let row = rows.iter().find(|r| r.contains(team)).expect("row");
        row.chars()
            .map(|c| match "▏▎▍▌▋▊▉█".chars().position(|b| b == c) {
                Some(i) => i + 1,
                None => 0,
            })
            .sum()
    };
    // 100 % (Fourth) is twice 50 % (Second's first version and Third), to an eighth.
    assert!(bar("Fourth").abs_diff(2 * bar("Third")) <= 1, "{out}");
    assert_eq!(bar("Third"), bar("Second Club"), "{out}");
    assert!(bar("Fourth") >= 8 * 10, "{out}");
}

#[test]
fn fits_80_columns_and_needs_no_colour() {
    for columns in [80, 100] {
        let out = text(columns);
        for line in out.lines() {
            assert!(
                line.width() <= columns,
                "{columns}: {line:?} is {} wide",
                line.width()
            );
        }
        assert!(!out.contains('\x1b'), "{out}");
    }
    // A long team name gives way with an ellipsis rather than push the bar off...
    assert!(text(80).contains("First Club With A R…"), "{}", text(80));
    // ...and is whole where there is room.
    assert!(text(120).contains("First Club With A Rather Long Name"));
}

#[test]
fn json_gives_every_version_with_counts_rates_and_sources() {
    let json = json();
    let second = &json[1];
    assert_eq!(second["status"], "disputed");
    assert_eq!(second["note"], "B counts cup matches too.");
    let versions = second["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 3);
    assert_eq!(versions[0]["played"], 20);
    assert_eq!(versions[0]["win_pct"], 50.0);
    assert_eq!(versions[0]["points_per_game"], 1.75);
    assert_eq!(versions[0]["adds_up"], true);
    assert_eq!(versions[2]["drawn"], Value::Null);
    assert_eq!(versions[2]["points_per_game"], Value::Null);
    assert_eq!(versions[1]["sources"], serde_json::json!(["b"]));
    assert_eq!(second["titles"][0]["trophy"], "cup");
    assert_eq!(second["title_disputes"][0]["versions"][1]["value"], "none");
    let third = &json[2];
    assert_eq!(third["status"], "given");
    assert_eq!(third["versions"][0]["adds_up"], false);
    let fourth = &json[3];
    assert_eq!(
        fourth["versions"][0]["sources"],
        serde_json::json!(["a", "b"])
    );
    assert_eq!(fourth["versions"][1]["read"], false);
    assert_eq!(fourth["versions"][1]["text"], "4-8-2");
}

#[test]
fn the_embedded_dossier_has_a_row_for_every_stage_and_every_version_is_read() {
    let out = Command::cargo_bin("dossier")
        .expect("the binary is built")
        .env("COLUMNS", "80")
        .args(["show", "records"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    let d = dossier::load::load_embedded().expect("loads");
    let rows = table(&out);
    let stage_rows = rows[1..].iter().filter(|r| !r.starts_with(' ')).count();
    assert_eq!(stage_rows, d.stages.len(), "{out}");
    assert!(!out.contains("figures not read"), "{out}");
}
