//! `dossier diff OLD NEW`: what a reviewer of a colleague's edit sees, and its exit status; and
//! the same through git, as the diff driver of a real repository in a temporary folder.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;
mod common;
use common::data_file;

const OLD: &str = r#"subject:
  name: A Coach
  sources: [a]
sources:
  - {id: a, title: First report, publisher: Pa, language: en, kind: article}
  - {id: b, title: Second report, publisher: Pb, language: en, kind: article}
stages:
  - id: one
    team: One FC
    kind: club
    country: Chile
    start: 2010
    end: 2011-06
    exit: left
    sources: [a]
    disputes:
      - field: start
        versions:
          - value: "2010"
            sources: [a]
          - value: "2009"
            sources: [b]
  - id: two
    team: Two United
    kind: club
    country: Peru
    start: 2012
    sources: [a]
offers:
  - id: offer
    team: Peru
    kind: national-team
    date: 2012-05
    offered_by: The federation
    stage: two
    outcome: declined
    events:
      - date: 2012-05-01
        summary: The federation calls.
        sources: [a]
      - date: 2012-05-20
        summary: He says no.
        sources: [a]
    sources: [a]
"#;

/// OLD as a colleague left it: one stage changed (end, exit, a record, its start dispute
/// resolved, a record dispute gained), one removed, one added, a source added and one event
/// inserted in the offer's chronology.
fn new_version() -> String {
    OLD.replace("    end: 2011-06\n    exit: left\n", "    end: 2011-07\n    exit: dismissed\n    record: {played: 30, won: 12, drawn: 8, lost: 10, sources: [b]}\n")
        .replace(
            r#"    disputes:
      - field: start
        versions:
          - value: "2010"
            sources: [a]
          - value: "2009"
            sources: [b]
"#,
            r#"    disputes:
      - field: record
        versions:
          - value: 30 matches, 12 won, 8 drawn, 10 lost
            sources: [b]
          - value: 31 matches, 12 won, 8 drawn, 11 lost
            sources: [c]
"#,
        )
        .replace(
            "  - id: two\n    team: Two United\n    kind: club\n    country: Peru\n    start: 2012\n    sources: [a]\n",
            "  - id: three\n    team: Three City\n    kind: club\n    country: Peru\n    start: 2012\n    sources: [c]\n",
        )
        .replace("    stage: two\n", "    stage: three\n")
        .replace(
            "  - {id: b, title: Second report, publisher: Pb, language: en, kind: article}\n",
            "  - {id: b, title: Second report, publisher: Pb, language: en, kind: article}\n  - {id: c, title: Third report, publisher: Pc, language: es, kind: article}\n",
        )
        .replace(
            "      - date: 2012-05-20\n",
            "      - date: 2012-05-10\n        summary: A second call.\n        sources: [c]\n      - date: 2012-05-20\n",
        )
}

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the binary is built");
    cmd.env("COLUMNS", "100").env("NO_COLOR", "1");
    cmd
}

fn run(old: &str, new: &str, extra: &[&str]) -> (i32, String, String) {
    let a = data_file("old.yaml", old);
    let b = data_file("new.yaml", new);
    let out = dossier()
        .arg("diff")
        .arg(&a.path)
        .arg(&b.path)
        .args(extra)
        .output()
        .expect("runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

#[test]
fn the_same_dossier_differently_written_is_the_same() {
    // Comments, blank lines, flow style and quoting do not change a record.
    let rewritten = OLD
        .replace(
            "  name: A Coach\n",
            "  # who it is about\n  name: \"A Coach\"\n\n",
        )
        .replace(
            "    sources: [a]\n    disputes:",
            "    sources:\n      - a\n    disputes:",
        );
    let (code, out, err) = run(OLD, &rewritten, &[]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let (code, out, _) = run(OLD, OLD, &["--json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["same"], true);
    assert_eq!(json["sections"], serde_json::json!([]));
}

#[test]
fn records_added_removed_and_changed_by_section_and_id() {
    let (code, out, err) = run(OLD, &new_version(), &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("\nstages: 1 added, 1 removed, 1 changed\n"),
        "{out}"
    );
    assert!(out.contains("+ three: Three City (2012)"), "{out}");
    assert!(out.contains("− two: Two United (2012)"), "{out}");
    assert!(out.contains("~ one: One FC (2010)"), "{out}");
    assert!(out.contains("    end: 2011-06 → 2011-07"), "{out}");
    assert!(out.contains("    exit: left → dismissed"), "{out}");
    assert!(
        out.contains("    record: + {played: 30, won: 12, drawn: 8, lost: 10, sources: [b]}"),
        "{out}"
    );
    // Sources: the section, and what a record cites.
    assert!(
        out.contains("\nsources: 1 added\n+ c: Pc: Third report"),
        "{out}"
    );
    assert!(out.contains("    stage: two → three"), "{out}");
    // An event inserted in the middle of a chronology is one event added, not two changed.
    assert!(
        out.contains("    events[1]: + {date: 2012-05-10, summary: A second call., sources: [c]}"),
        "{out}"
    );
    assert!(!out.contains("events[2]"), "{out}");
    assert!(
        out.contains("2 records added, 1 removed, 2 changed."),
        "{out}"
    );
}

#[test]
fn disputes_gained_and_resolved_with_their_versions() {
    let (_, out, _) = run(OLD, &new_version(), &[]);
    assert!(out.contains("    ≠ dispute gained: record\n"), "{out}");
    assert!(
        out.contains("        31 matches, 12 won, 8 drawn, 11 lost [c]"),
        "{out}"
    );
    assert!(
        out.contains("    ≠ dispute resolved: start\n        2010 [a]\n        2009 [b]"),
        "{out}"
    );
    // A changed dispute says what changed inside it.
    let more = new_version().replace(
        "            sources: [c]\n  - id: three",
        "            sources: [c, a]\n  - id: three",
    );
    let (_, out, _) = run(&new_version(), &more, &[]);
    assert!(
        out.contains("    ≠ dispute changed: record\n        versions[1].sources: + a"),
        "{out}"
    );
}

#[test]
fn json_names_each_change() {
    let (code, out, _) = run(OLD, &new_version(), &["--json"]);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["same"], false);
    let stages = json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["section"] == "stages")
        .expect("stages changed");
    assert_eq!(stages["added"][0]["id"], "three");
    assert_eq!(stages["added"][0]["record"]["team"], "Three City");
    assert_eq!(stages["removed"][0]["id"], "two");
    let one = &stages["changed"][0];
    assert_eq!(one["id"], "one");
    assert_eq!(
        one["fields"][0],
        serde_json::json!({"path": "end", "old": "2011-06", "new": "2011-07"})
    );
    let disputes = one["disputes"].as_array().expect("disputes");
    assert_eq!(disputes[0]["change"], "gained");
    assert_eq!(disputes[0]["field"], "record");
    assert_eq!(disputes[1]["change"], "resolved");
    assert_eq!(disputes[1]["dispute"]["versions"][1]["value"], "2009");
}

#[test]
fn a_side_that_does_not_load_is_reported_where_it_is_wrong_and_exits_2() {
    let broken = OLD.replace("    exit: left\n", "    exit: sacked\n");
    let (code, out, err) = run(OLD, &broken, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(out, "");
    // The loader's own words; what matters here is where.
    assert!(
        err.contains("new.yaml:14:11: error: stages[0].exit: unknown"),
        "{err}"
    );
    assert!(err.contains("14 |     exit: sacked"), "{err}");
    // Both broken: both reported.
    let (code, _, err) = run(&broken, "stages: [\n", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("old.yaml:14:11") && err.contains("new.yaml:"),
        "{err}"
    );
}

#[test]
fn standard_input_and_the_embedded_dossier_are_sides_too() {
    let out = dossier()
        .args(["diff", "@embedded", "-"])
        .write_stdin(dossier::load::EMBEDDED_YAML)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let a = data_file("old.yaml", OLD);
    let out = dossier()
        .arg("diff")
        .arg("-")
        .arg(&a.path)
        .write_stdin(new_version())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.starts_with("--- <stdin>\n+++ "), "{text}");
    assert!(text.contains("− three: Three City"), "{text}");
}

#[test]
fn a_wrong_number_of_files_is_a_usage_error() {
    for args in [
        &["diff", "a.yaml"][..],
        &["diff", "-", "-"],
        &["diff", "1", "2", "3"],
    ] {
        let out = dossier()
            .args(args)
            .env_remove("GIT_DIFF_PATH_COUNTER")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).expect("UTF-8");
        assert!(err.contains("Usage: dossier diff"), "{err}");
    }
    let out = dossier().arg("diff").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    // Git passes an unmerged path alone: nothing to compare, and git must go on.
    let out = dossier()
        .args(["diff", "coach.yaml"])
        .env("GIT_DIFF_PATH_COUNTER", "1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        "coach.yaml: unmerged; nothing to compare yet\n"
    );
}

fn git(repo: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .current_dir(repo)
        .args(args)
        // The user's and the system's git settings stay out of the test.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", repo)
        .env("GIT_PAGER", "cat")
        .env("COLUMNS", "100")
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "git {args:?} failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn git_diff_and_git_log_speak_in_records_with_dossier_as_the_diff_driver() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo = dir.path();
    let bin = assert_cmd::cargo::cargo_bin("dossier");
    git(repo, &["init", "-q"]);
    // The two lines the README gives.
    std::fs::write(repo.join(".gitattributes"), "*.yaml diff=dossier\n").expect("written");
    let command = format!("'{}' diff", bin.display());
    git(repo, &["config", "diff.dossier.command", &command]);
    std::fs::write(repo.join("coach.yaml"), OLD).expect("written");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-qm", "first"]);
    std::fs::write(repo.join("coach.yaml"), new_version()).expect("written");

    let out = git(repo, &["diff"]);
    assert!(
        out.starts_with("--- a/coach.yaml\n+++ b/coach.yaml\n"),
        "{out}"
    );
    assert!(out.contains("    end: 2011-06 → 2011-07"), "{out}");
    assert!(out.contains("    ≠ dispute gained: record"), "{out}");
    // Not a line diff of YAML.
    assert!(!out.contains("@@"), "{out}");

    git(repo, &["commit", "-qam", "second"]);
    // A file added in a commit: git passes /dev/null as the old side.
    std::fs::write(repo.join("other.yaml"), OLD).expect("written");
    git(repo, &["add", "other.yaml"]);
    git(repo, &["commit", "-qm", "third"]);
    let log = git(repo, &["log", "-p", "--ext-diff"]);
    assert!(log.contains("--- /dev/null\n+++ b/other.yaml"), "{log}");
    assert!(log.contains("+ subject: A Coach"), "{log}");
    assert!(log.contains("~ one: One FC (2010)"), "{log}");

    // A broken file does not stop git: the driver reports it in the diff and exits 0.
    std::fs::write(repo.join("coach.yaml"), "stages: [\n").expect("written");
    let out = git(repo, &["diff"]);
    assert!(out.contains("b/coach.yaml:"), "{out}");
    assert!(out.contains("error:"), "{out}");
    // Only formatting changed: git calls the driver, which says so.
    std::fs::write(
        repo.join("coach.yaml"),
        format!("# a comment\n{}", new_version()),
    )
    .expect("written");
    let out = git(repo, &["diff"]);
    assert!(
        out.contains("No record changed (only formatting or comments)."),
        "{out}"
    );
}
