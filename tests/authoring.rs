//! The commands for people who write dossiers, run as a user runs them: `new`, `schema`, and
//! `check` with its snippets and its JSON.

use assert_cmd::Command;
use serde_json::Value;
mod common;
use common::data_file;

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built");
    // Colours and widths must not depend on the terminal the tests run in.
    cmd.env("NO_COLOR", "1").env_remove("COLUMNS");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let output = cmd.output().expect("the binary runs");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn new_writes_a_dossier_that_checks_clean() {
    for name in ["Ana María Pérez", "José: \"Pepe\" O'Brien", "# 1961"] {
        let text = stdout(dossier().args(["new", name]));
        let file = data_file("new.yaml", &text);
        dossier()
            .arg("--data")
            .arg(&file.path)
            .arg("check")
            .assert()
            .success()
            .stdout(predicates::str::contains(
                "ok — 1 subject, 1 stage, 1 trophy, 1 match, 1 offer, 1 quote, 1 source",
            ));
        let subject: Value = serde_json::from_str(&stdout(
            dossier()
                .arg("--data")
                .arg(&file.path)
                .args(["show", "subject", "--json"]),
        ))
        .expect("JSON");
        assert_eq!(subject["name"], name);
    }
}

#[test]
fn new_refuses_a_name_it_cannot_write() {
    dossier()
        .args(["new", "a\u{1b}[2Jb"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("U+001B"));
}

#[test]
fn schema_prints_the_committed_schema() {
    let printed = stdout(dossier().arg("schema"));
    let committed = include_str!("../assets/dossier.schema.json");
    assert!(
        printed == committed,
        "assets/dossier.schema.json is stale; regenerate it with `cargo run -- schema > assets/dossier.schema.json`"
    );
    let schema: Value = serde_json::from_str(&printed).expect("JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

const BROKEN: &str = "subject:
  name: X
  sources: [src]
sources:
  - id: src
    title: T
    publisher: P
    language: es
    kind: blogg
";

#[test]
fn check_shows_the_offending_line_with_a_caret() {
    let file = data_file("broken.yaml", BROKEN);
    let output = dossier()
        .arg("--data")
        .arg(&file.path)
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    let lines: Vec<&str> = stderr.lines().collect();
    let prefix = format!("{}:9:11: error: ", file.path.display());
    assert!(lines[0].starts_with(&prefix), "{stderr}");
    assert!(lines[0].contains("blogg"), "{stderr}");
    assert_eq!(lines[1], "  |");
    assert_eq!(lines[2], "9 |     kind: blogg");
    assert_eq!(lines[3], "  |           ^^^^^");
    assert!(!stderr.contains('\x1b'), "no colour outside a terminal");
}

#[test]
fn check_format_json_lists_the_problems_on_stdout() {
    let file = data_file("broken.yaml", BROKEN);
    let output = dossier()
        .arg("--data")
        .arg(&file.path)
        .args(["check", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty());
    let list: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let list = list.as_array().expect("a list");
    assert!(!list.is_empty());
    for d in list {
        let keys: Vec<&str> = d
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "column", "path", "message", "severity"]
        );
        assert_eq!(d["severity"], "error");
        assert_eq!(d["file"], file.path.display().to_string());
    }
    assert_eq!(list[0]["line"], 9);
    assert_eq!(list[0]["column"], 11);
}

#[test]
fn check_format_json_prints_an_empty_list_when_valid() {
    let text = stdout(dossier().args(["new", "X"]));
    let file = data_file("ok.yaml", &text);
    dossier()
        .arg("--data")
        .arg(&file.path)
        .args(["check", "--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
    dossier()
        .args(["check", "-f", "json"])
        .assert()
        .success()
        .stdout("[]\n");
}
