//! The loader as a dossier author meets it: every rule has a small bad file whose message and
//! position are checked, good files load (also with CRLF line ends and a BOM), and hostile files
//! fail with a clear message instead of a panic, a hang or a huge allocation.

use std::path::{Path, PathBuf};

use dossier::load::{self, Diagnostic, LoadError, MAX_FILE_BYTES};
use dossier::model::{Dossier, SourceKind};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture exists")
}

fn errors(name: &str) -> Vec<Diagnostic> {
    match load::load_path(&fixture(&format!("bad/{name}"))) {
        Ok(_) => panic!("bad/{name} loaded without error"),
        Err(e) => e.diagnostics,
    }
}

/// The one diagnostic of a bad fixture.
fn only(name: &str) -> Diagnostic {
    let mut all = errors(name);
    assert_eq!(all.len(), 1, "expected one problem in {name}: {all:#?}");
    all.remove(0)
}

fn text_errors(text: &str) -> LoadError {
    load::load_str("test.yaml", text).expect_err("the text should not load")
}

/// Asserts the position, record path and (part of the) message of a diagnostic.
#[track_caller]
fn assert_at(d: &Diagnostic, line: usize, column: usize, path: &str, message: &str) {
    assert_eq!(
        (d.line, d.column),
        (Some(line), Some(column)),
        "position of: {d}"
    );
    assert_eq!(d.path.as_deref().unwrap_or(""), path, "path of: {d}");
    assert!(
        d.message.contains(message),
        "message of: {d}\nexpected: {message}"
    );
}

// ---- good files ----

fn minimal() -> Dossier {
    load::load_path(&fixture("good/minimal.yaml")).expect("minimal.yaml is valid")
}

#[test]
fn the_minimal_dossier_loads() {
    let d = minimal();
    assert_eq!(d.subject.name, "Ada Example");
    assert_eq!(d.subject.sources, ["profile"]);
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].kind, SourceKind::Profile);
    assert!(d.stages.is_empty() && d.quotes.is_empty());
}

#[test]
fn a_dossier_with_every_field_loads() {
    let d = load::load_path(&fixture("good/full.yaml")).expect("full.yaml is valid");
    assert_eq!(d.stages.len(), 2);
    assert_eq!(d.stages[0].record.as_ref().map(|r| r.won), Some(20));
    assert_eq!(d.trophies[0].legs[1].penalties.as_deref(), Some("4-3"));
    assert_eq!(d.offers[0].events[0].date.to_string(), "2011-05-02");
    assert_eq!(d.quotes[0].offer.as_deref(), Some("north-offer"));
}

#[test]
fn crlf_line_ends_load_the_same() {
    let crlf = fixture_text("good/minimal.yaml").replace('\n', "\r\n");
    assert_eq!(
        load::load_str("crlf.yaml", &crlf).expect("CRLF loads"),
        minimal()
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(fixture_text("good/minimal.yaml").as_bytes());
    assert_eq!(
        load::load_bytes("bom.yaml", &bytes).expect("BOM loads"),
        minimal()
    );
}

#[test]
fn text_is_normalised_to_nfc() {
    let text = fixture_text("good/minimal.yaml").replace("Ada Example", "Ada Arbela\u{301}ez");
    let d = load::load_str("nfd.yaml", &text).expect("loads");
    assert_eq!(d.subject.name, "Ada Arbeláez");
}

#[test]
fn emoji_sequences_and_right_to_left_text_are_allowed() {
    let text = fixture_text("good/minimal.yaml").replace(
        "Ada Example\n",
        "\"Ada 👨\u{200d}👩\u{200d}👧 أنا سعيد جدا\"\n",
    );
    let d = load::load_str("emoji.yaml", &text).expect("loads");
    assert!(d.subject.name.contains('\u{200d}'));
}

// ---- one rule, one file ----

#[test]
fn unknown_fields_are_not_ignored() {
    let all = errors("unknown-field.yaml");
    assert_eq!(all.len(), 2, "{all:#?}");
    // The misspelt field is missing too; both are reported, in file order.
    assert_at(&all[0], 12, 5, "stages[0]", "missing required field `team`");
    assert_at(
        &all[1],
        13,
        5,
        "stages[0].tema",
        "unknown field `tema` (did you mean `team`?)",
    );
}

#[test]
fn unknown_sections_are_not_ignored() {
    let d = only("unknown-section.yaml");
    assert_at(
        &d,
        11,
        1,
        "qoutes",
        "unknown section `qoutes` (did you mean `quotes`?)",
    );
}

#[test]
fn a_missing_section_is_reported_once() {
    let d = only("missing-section.yaml");
    assert_at(&d, 2, 1, "", "missing required section `sources`");
}

#[test]
fn missing_fields_point_at_their_record() {
    let d = only("missing-field.yaml");
    assert_at(&d, 12, 5, "quotes[0]", "missing required field `source`");
}

#[test]
fn wrong_types_say_what_was_expected() {
    let d = only("wrong-type.yaml");
    assert_at(
        &d,
        18,
        12,
        "stages[0].record.won",
        "invalid type: string \"many\", expected a whole number (0 or more)",
    );
}

#[test]
fn unknown_enum_values_list_the_allowed_ones() {
    let d = only("bad-enum.yaml");
    assert_at(
        &d,
        14,
        11,
        "stages[0].kind",
        "unknown value `clubb` (did you mean `club`?); expected `club` or `national-team`",
    );
}

#[test]
fn impossible_dates_are_located() {
    let d = only("impossible-date.yaml");
    assert_at(
        &d,
        16,
        12,
        "stages[0].start",
        "invalid date `2023-02-30`: February 2023 has 28 days",
    );
}

#[test]
fn a_stage_cannot_end_before_it_starts() {
    let d = only("stage-ends-before-start.yaml");
    assert_at(
        &d,
        17,
        10,
        "stages[0].end",
        "the stage ends before it starts (2010-06-30 is before 2010-07)",
    );
}

#[test]
fn an_offer_cannot_end_before_it_was_made() {
    let d = only("offer-ends-before-date.yaml");
    assert_at(
        &d,
        23,
        10,
        "offers[0].end",
        "the offer ends before it was made (2011-04-30 is before 2011-05)",
    );
}

#[test]
fn a_quote_date_basis_must_agree_with_its_date() {
    let all = errors("date-basis-without-date.yaml");
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(
        &all[0],
        15,
        17,
        "quotes[0].date_basis",
        "says how the date is known, but the quote has no `date`",
    );
    assert_at(
        &all[1],
        22,
        17,
        "quotes[1].date_basis",
        "`undated`, but the quote has a `date`",
    );
}

#[test]
fn duplicate_ids_point_at_the_second_and_name_the_first() {
    let d = only("duplicate-id.yaml");
    assert_at(
        &d,
        18,
        9,
        "stages[1].id",
        "duplicate id `river-fc` in stages (first at stages[0].id, line 12)",
    );
}

#[test]
fn references_to_missing_stages_suggest_the_closest() {
    let d = only("unknown-stage.yaml");
    assert_at(
        &d,
        22,
        12,
        "trophies[0].stage",
        "unknown stage `river-cf`: no record in `stages` has this id (did you mean `river-fc`?)",
    );
}

#[test]
fn references_to_missing_offers_are_reported() {
    let d = only("unknown-offer.yaml");
    assert_at(&d, 23, 12, "quotes[0].offer", "unknown offer `north`");
}

#[test]
fn references_to_missing_sources_are_reported_deep_in_records() {
    let d = only("unknown-source.yaml");
    assert_at(
        &d,
        29,
        28,
        "offers[0].events[0].sources[1]",
        "unknown source `the-paper`",
    );
}

#[test]
fn records_must_cite_a_source() {
    let d = only("empty-sources.yaml");
    assert_at(&d, 17, 14, "stages[0].sources", "no sources");
}

#[test]
fn a_dispute_needs_two_versions() {
    let d = only("dispute-one-version.yaml");
    assert_at(
        &d,
        21,
        11,
        "stages[0].disputes[0].versions",
        "a dispute records at least two versions, found 1",
    );
}

#[test]
fn each_version_of_a_dispute_needs_sources() {
    let d = only("version-without-sources.yaml");
    assert_at(
        &d,
        24,
        22,
        "stages[0].disputes[0].versions[1].sources",
        "no sources",
    );
}

#[test]
fn ids_are_lowercase_with_hyphens() {
    let d = only("bad-id.yaml");
    assert_at(&d, 12, 9, "stages[0].id", "invalid id `River FC`");
    assert!(d.message.contains("`river-fc`"), "{d}");
}

#[test]
fn scores_read_like_2_1() {
    let d = only("bad-score.yaml");
    assert_at(
        &d,
        24,
        12,
        "matches[0].score",
        "score `2:1` is not like `2-1`",
    );
}

#[test]
fn control_characters_in_text_are_named() {
    let d = only("control-character.yaml");
    assert_at(
        &d,
        13,
        11,
        "quotes[0].text",
        "U+001B is not allowed: control character",
    );
}

#[test]
fn bidi_overrides_are_rejected() {
    let d = only("bidi-override.yaml");
    assert_at(
        &d,
        13,
        11,
        "quotes[0].text",
        "U+202E is not allowed: bidirectional",
    );
}

#[test]
fn zero_width_characters_are_rejected() {
    let d = only("zero-width.yaml");
    assert_at(
        &d,
        14,
        14,
        "quotes[0].speaker",
        "U+200B is not allowed: invisible zero-width",
    );
}

#[test]
fn a_syntax_error_is_reported_alone_with_its_position() {
    let d = only("syntax-error.yaml");
    assert_at(&d, 13, 1, "", "did not find expected ',' or '}'");
}

#[test]
fn tab_indentation_says_so() {
    let d = only("tab-indent.yaml");
    assert_at(&d, 3, 1, "", "YAML indents with spaces, not tabs");
}

#[test]
fn several_problems_are_all_reported_in_file_order() {
    let all = errors("several.yaml");
    let got: Vec<(usize, &str)> = all
        .iter()
        .map(|d| (d.line.unwrap_or(0), d.path.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        got,
        [
            (4, "subject.sources[0]"),
            (11, "sources[1].id"),
            (15, "sources[1].kind"),
            (17, "stages[0]"),
            (18, "stages[0].tema"),
            (21, "stages[0].start"),
            (23, "stages[1].id"),
            (28, "stages[1].end"),
            (29, "stages[1].sources"),
            (34, "trophies[0].stage"),
            (36, "trophies[0].aggregate"),
            (40, "quotes[0].text"),
        ]
    );
}

#[test]
fn errors_print_one_per_line_like_a_compiler() {
    let err = load::load_path(&fixture("bad/duplicate-id.yaml")).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.ends_with(
            "tests/fixtures/bad/duplicate-id.yaml:18:9: error: stages[1].id: duplicate id \
             `river-fc` in stages (first at stages[0].id, line 12)\n"
        ),
        "{shown}"
    );
    assert_eq!(err.line_text(18), Some("  - id: river-fc"));
}

#[test]
fn text_from_the_file_is_escaped_in_messages() {
    let text = fixture_text("good/minimal.yaml") + "\"evil\\e[2J\": 1\n";
    let shown = text_errors(&text).to_string();
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(
        shown.contains("unknown section `evil\\u{1b}[2J`"),
        "{shown}"
    );
}

#[test]
fn thousands_of_problems_are_capped() {
    let mut text = fixture_text("good/minimal.yaml") + "quotes:\n";
    for i in 0..1000 {
        text.push_str(&format!(
            "  - {{id: q{i}, text: t, speaker: s, language: es, source: nope}}\n"
        ));
    }
    let err = text_errors(&text);
    assert_eq!(err.diagnostics.len(), 201);
    assert_eq!(
        err.diagnostics[200].message,
        "800 more problems not shown (fix these first)"
    );
}

// ---- files that are not dossiers ----

#[test]
fn an_empty_file_is_an_empty_dossier() {
    for name in ["empty.yaml", "only-comments.yaml"] {
        let d = only(name);
        assert_at(
            &d,
            1,
            1,
            "",
            "empty dossier: expected a mapping with `subject` and `sources`",
        );
    }
}

#[test]
fn a_list_or_a_scalar_at_the_top_is_not_a_dossier() {
    let d = only("top-level-list.yaml");
    assert_at(
        &d,
        2,
        1,
        "",
        "not a dossier: expected a mapping with `subject` and `sources` at the top, found a list",
    );
    let d = only("top-level-scalar.yaml");
    assert_at(&d, 2, 1, "", "found text");
}

#[test]
fn binary_files_are_refused() {
    let mut bytes = b"\x7fELF\x02\x01\x01".to_vec();
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    bytes.push(0);
    let err = load::load_bytes("a.out", &bytes).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1);
    assert!(
        err.diagnostics[0].message.starts_with("binary file"),
        "{err}"
    );
    assert!(err.diagnostics[0].line.is_some());
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let text = fixture_text("good/minimal.yaml").replace("Ada Example", "Ad\u{e1} Example");
    // Latin-1 instead of UTF-8: `á` as the single byte 0xE1.
    let bytes = text.replace('\u{e1}', "\u{1}").into_bytes();
    let bytes: Vec<u8> = bytes
        .into_iter()
        .map(|b| if b == 1 { 0xE1 } else { b })
        .collect();
    let err = load::load_bytes("latin1.yaml", &bytes).unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!((d.line, d.column), (Some(3), Some(11)), "{d}");
    assert!(d.message.contains("not valid UTF-8: byte 0xE1"), "{d}");
}

#[test]
fn utf16_is_recognised() {
    let err = load::load_bytes("utf16.yaml", b"\xFF\xFEs\x00u\x00").unwrap_err();
    assert!(err.to_string().contains("UTF-16"), "{err}");
}

#[test]
fn raw_control_characters_are_located_before_parsing() {
    let text = fixture_text("good/minimal.yaml").replace("Ada Example", "Ada \u{1b}[2J Example");
    let err = text_errors(&text);
    let d = &err.diagnostics[0];
    assert_eq!((d.line, d.column), (Some(3), Some(13)), "{d}");
    assert!(d.message.contains("U+001B (escape)"), "{d}");
}

#[test]
fn ten_thousand_nested_brackets_fail_fast() {
    let text = format!("subject: {}", "[".repeat(10_000));
    let err = text_errors(&text);
    let d = &err.diagnostics[0];
    assert_eq!(d.line, Some(1));
    assert!(d.message.contains("nesting too deep"), "{d}");
}

#[test]
fn deep_indentation_fails_fast() {
    let text: String = (0..2000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let err = text_errors(&text);
    assert!(err.to_string().contains("nesting too deep"), "{err}");
}

#[test]
fn billion_laughs_are_refused() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str("subject: {name: *a9, sources: []}\nsources: []\n");
    let err = text_errors(&text);
    let d = &err.diagnostics[0];
    assert!(d.message.contains("alias bomb"), "{d}");
    assert!(d.line.is_some(), "{d}");
}

#[test]
fn a_few_aliases_to_a_huge_anchor_are_refused() {
    // Few aliases (serde_yaml's own repetition limit lets them through), each a million nodes.
    let mut text = String::from("big: &big [");
    text.push_str(&"x, ".repeat(200_000));
    text.push_str("x]\n");
    for i in 0..50 {
        text.push_str(&format!("c{i}: *big\n"));
    }
    let err = text_errors(&text);
    assert!(err.to_string().contains("alias bomb"), "{err}");
}

#[test]
fn small_aliases_are_allowed() {
    let text = fixture_text("good/minimal.yaml")
        .replace("  sources: [profile]", "  sources: &cited [profile]")
        + "stages:\n  - {id: a, team: A, kind: club, country: C, start: 2010, sources: *cited}\n";
    let d = load::load_str("alias.yaml", &text).expect("loads");
    assert_eq!(d.stages[0].sources, ["profile"]);
}

#[test]
fn a_20_mb_line_fails_cleanly() {
    let long = "x".repeat(20 * 1024 * 1024);
    // As plain text at the top.
    let err = text_errors(&long);
    assert!(err.to_string().contains("found text"), "{err}");
    // As a value in a dossier that is wrong: the message does not repeat the value.
    let value = "x".repeat(1024 * 1024);
    let text = format!(
        "subject: {{name: X, sources: []}}\nsources: []\nquotes: [{{id: q, text: {value}, speaker: s, language: es, source: s, extra: [{value}]}}]\n"
    );
    let err = text_errors(&text);
    let shown = err.to_string();
    assert!(shown.len() < 10_000, "{} bytes of messages", shown.len());
    assert!(shown.contains("unknown field `extra`"), "{shown}");
    // As a flow list of seven million values on one line: refused before parsing.
    let list = format!("values: [{}x]", "x, ".repeat(7 * 1024 * 1024));
    let err = text_errors(&list);
    assert!(
        err.to_string()
            .contains("too many values for the file's size"),
        "{err}"
    );
}

#[test]
fn more_than_one_document_is_refused() {
    let text = fixture_text("good/minimal.yaml") + "---\nsubject: {}\n";
    let err = text_errors(&text);
    assert!(
        err.to_string().contains("more than one YAML document"),
        "{err}"
    );
}

// ---- files that cannot be read ----

#[test]
fn a_missing_file_is_named_with_the_reason() {
    let err = load::load_path(Path::new("/no/such/dossier.yaml")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "/no/such/dossier.yaml: error: cannot read: No such file or directory\n"
    );
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = load::load_path(dir.path()).unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
}

#[test]
fn a_file_over_the_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).expect("create");
    // A sparse 500 MiB file: costs no disk, and would cost 500 MiB of memory if read.
    file.set_len(500 * 1024 * 1024).expect("set_len");
    let err = load::load_path(&path).unwrap_err();
    assert!(
        err.to_string()
            .contains("file too large: 500.0 MiB (a dossier may be at most 256.0 MiB)"),
        "{err}"
    );
    assert_eq!(MAX_FILE_BYTES, 256 * 1024 * 1024);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pipe.yaml");
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    // Opening a FIFO with no writer would block forever: the loader must not open it.
    let err = load::load_path(&path).unwrap_err();
    assert!(
        err.to_string().contains("not a regular file (a FIFO)"),
        "{err}"
    );
}

// ---- robustness ----

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn damaged_dossiers_never_panic_and_always_say_why() {
    let good = fixture_text("good/full.yaml");
    let pieces = [
        "",
        " ",
        "\n",
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "'",
        "\"",
        "#",
        "&a ",
        "*a",
        "!t ",
        "~",
        "0",
        "-1",
        "2023-02-30",
        "x",
        "\t",
        "\\e",
        "é",
        "\u{202e}",
        "sources",
        "id",
        "<<: ",
        "? ",
        "|\n",
        ">-\n",
        "---\n",
        "null",
        "[]",
        "{}",
    ];
    let mut rng = Lcg(7);
    for round in 0..1500 {
        let mut text = good.clone();
        for _ in 0..1 + rng.next(3) {
            let mut at = rng.next(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + rng.next(12)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(at..end, pieces[rng.next(pieces.len())]);
        }
        if let Err(e) = load::load_str("damaged.yaml", &text) {
            assert!(
                !e.diagnostics.is_empty(),
                "round {round}: no diagnostic for\n{text}"
            );
            for d in &e.diagnostics {
                assert!(!d.message.is_empty(), "round {round}: empty message");
                assert!(
                    !d.to_string().chars().any(dossier::text::is_unsafe),
                    "round {round}: unescaped text in {d}"
                );
            }
        }
    }
}

// ---- the format documentation ----

#[test]
fn the_example_in_the_format_doc_loads() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .expect("docs/FORMAT.md exists");
    let start = doc.find("```yaml\n").expect("an example") + "```yaml\n".len();
    let end = start + doc[start..].find("```").expect("the example ends");
    let d = load::load_str("FORMAT.md", &doc[start..end]).expect("the example is valid");
    assert_eq!(d.quotes[0].stage.as_deref(), Some("river-fc"));
}

#[test]
fn an_optional_field_with_nothing_after_the_colon_is_absent() {
    let text = fixture_text("good/minimal.yaml").replace(
        "  name: Ada Example\n",
        "  name: Ada Example\n  nickname:\n",
    );
    let d = load::load_str("empty-value.yaml", &text).expect("loads");
    assert_eq!(d.subject.nickname, None);
}

#[test]
fn a_large_file_reads_the_same_from_disk_as_from_memory() {
    // Over 8 MB, a file is read in two halves at once.
    let mut yaml = Vec::new();
    dossier::testgen::write_yaml(&mut yaml, dossier::testgen::Spec::new(20_000))
        .expect("in memory");
    assert!(yaml.len() > 8 << 20, "{} bytes", yaml.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.yaml");
    std::fs::write(&path, &yaml).expect("written");
    let from_disk = load::load_path(&path).expect("valid");
    let from_memory = load::load_bytes("large.yaml", &yaml).expect("valid");
    assert_eq!(from_disk.quotes.len(), 20_000);
    assert_eq!(from_disk, from_memory);
}

#[test]
fn a_tab_after_a_colon_says_so_where_it_is() {
    // libyaml lets `key:<tab>value` pass; YAML 1.2 and our reader do not, so the message must
    // say what the author cannot see on screen.
    let text = fixture_text("good/minimal.yaml").replacen("name: Ada", "name:\tAda", 1);
    let err = text_errors(&text);
    let d = &err.diagnostics[0];
    assert_eq!(d.line, Some(3), "{d}");
    assert!(d.message.contains("a tab after `:`"), "{d}");
}

#[test]
fn a_quoted_value_whose_next_line_is_too_far_left_says_how_far_to_indent() {
    let text = fixture_text("good/minimal.yaml").replacen(
        "name: Ada Example",
        "name: \"Ada\nExample\"",
        1,
    );
    let err = text_errors(&text);
    let d = &err.diagnostics[0];
    assert_eq!((d.line, d.column), (Some(3), Some(9)), "{d}");
    assert!(
        d.message.contains("indented at least as far as its key"),
        "{d}"
    );
}
