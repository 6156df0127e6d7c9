//! Showing load diagnostics to people and to tools.
//!
//! For people, each diagnostic is its `FILE:LINE:COL: error: ...` line (scripts and tests read
//! it), then the offending source line with a caret under the column, drawn by annotate-snippets
//! as rustc draws its own errors. For editors and CI, [`json`] gives the same diagnostics as a
//! JSON list.
//!
//! The source line comes from the file, so it is made safe ([`crate::text::sanitize`]) before it is
//! shown, and the caret is moved to where the column lands in the safe text.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::load::Diagnostic;
use crate::text::{escaped, marked, sanitize};

/// Characters of a long line kept on each side of the column: a 20 MB one-line file must not
/// become a 20 MB message.
const CONTEXT_CHARS: usize = 100;

/// The longest underline, in characters: past this, a token is long enough to be found.
const MAX_UNDERLINE: usize = 60;

/// What a diagnostic's snippet shows: the safe source line and the byte range to underline in it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Excerpt {
    text: String,
    span: std::ops::Range<usize>,
}

/// Line `line` (1-based) of `text`, without its line ending.
pub fn line_of(text: &str, line: usize) -> Option<&str> {
    Lines::new(text).line(line)
}

/// The lines of a text, found once: a file with a million problems prints two hundred of them,
/// each under its line, without reading the file two hundred times.
struct Lines<'a> {
    text: &'a str,
    /// Where each line starts.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        Self { text, starts }
    }

    /// Line `line` (1-based), without its line ending.
    fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        let l = rest.split('\n').next().unwrap_or(rest);
        Some(l.strip_suffix('\r').unwrap_or(l))
    }

    /// How many lines (as `str::lines` counts them).
    fn count(&self) -> usize {
        self.starts.len()
    }
}

/// The safe form of `raw` around char column `column` (1-based), with the span of the token that
/// starts there: a quoted string to its closing quote, else up to the next `,` `]` `}` or `: `
/// (or the end of the line), at least one character.
fn excerpt(raw: &str, column: usize) -> Excerpt {
    // A long line (a 10 MB value) is cut to the window shown before its characters are looked
    // at one by one.
    const LONG: usize = 4096;
    if raw.len() <= LONG {
        return excerpt_of(raw, column, false, false);
    }
    let skip = column.saturating_sub(1).saturating_sub(CONTEXT_CHARS);
    let start = raw.char_indices().nth(skip).map_or(raw.len(), |(i, _)| i);
    let keep = 2 * CONTEXT_CHARS + MAX_UNDERLINE + 2;
    let end = raw[start..]
        .char_indices()
        .nth(keep)
        .map_or(raw.len(), |(i, _)| start + i);
    excerpt_of(&raw[start..end], column - skip, start > 0, end < raw.len())
}

/// [`excerpt`] of `raw`, which was cut from a longer line before (`cut_before`) or after it.
fn excerpt_of(raw: &str, column: usize, cut_before: bool, cut_after: bool) -> Excerpt {
    let chars: Vec<char> = raw.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let end = token_end(&chars, at).min(at + MAX_UNDERLINE);
    let first = at.saturating_sub(CONTEXT_CHARS);
    let last = end.saturating_add(CONTEXT_CHARS).min(chars.len());

    let mut text = String::new();
    if first > 0 || cut_before {
        text.push('…');
    }
    let mut start_byte = None;
    let mut end_byte = None;
    // Refused or not depends on the neighbours: decided on the shown part with a few characters
    // around it (a line can be megabytes long). A character whose context is cut off is
    // escaped, never let through.
    let from = first.saturating_sub(1);
    let until = (last + 8).min(chars.len());
    let window: String = chars[from..until].iter().collect();
    let refused: Vec<bool> = marked(&window).map(|m| m.2).collect();
    for (i, &c) in chars.iter().enumerate().take(last).skip(first) {
        if i == at {
            start_byte = Some(text.len());
        }
        if i == end {
            end_byte = Some(text.len());
        }
        if refused[i - from] {
            text.push_str(&escaped(c));
        } else if c == '\t' {
            text.push_str("    ");
        } else {
            text.push(c);
        }
    }
    let start = start_byte.unwrap_or(text.len());
    let end = end_byte.unwrap_or(text.len()).max(start);
    if last < chars.len() || cut_after {
        text.push('…');
    }
    Excerpt {
        text,
        span: start..end,
    }
}

/// Where the token starting at `at` ends (exclusive, a char index).
fn token_end(chars: &[char], at: usize) -> usize {
    let Some(&first) = chars.get(at) else {
        return at;
    };
    // A tab or a space where a token should be (a tab indent): that character alone.
    if first.is_whitespace() {
        return at + 1;
    }
    if first == '"' || first == '\'' {
        let mut i = at + 1;
        while i < chars.len() {
            if chars[i] == '\\' && first == '"' {
                i += 2;
                continue;
            }
            if chars[i] == first {
                // `''` inside a single-quoted string is an escaped quote.
                if first == '\'' && chars.get(i + 1) == Some(&'\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i += 1;
        }
        return chars.len();
    }
    let mut i = at;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let stops = matches!(c, ',' | ']' | '}')
            || (c == ':' && next.is_none_or(char::is_whitespace))
            || (c == '#' && i > at && chars[i - 1].is_whitespace());
        if stops && i > at {
            break;
        }
        i += 1;
    }
    // Trailing spaces before a comment or the end are not part of the token.
    while i > at + 1 && chars[i - 1].is_whitespace() {
        i -= 1;
    }
    i.max(at + 1)
}

/// The first line of a diagnostic, as `check` prints it: `FILE:LINE:COL: error: PATH: MESSAGE`,
/// made safe and kept on one line.
pub fn headline(d: &Diagnostic) -> String {
    one_line(&sanitize(&d.to_string()))
}

fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The snippet under a diagnostic: the source line with its number and a caret under the
/// column, or nothing when the line is not known. No trailing newline.
pub fn snippet(d: &Diagnostic, source: Option<&str>, color: bool) -> Option<String> {
    snippet_in(d, source.map(Lines::new).as_ref(), color)
}

fn snippet_in(d: &Diagnostic, source: Option<&Lines<'_>>, color: bool) -> Option<String> {
    let line = d.line?;
    let source = source?;
    // The parser reports an unexpected end of the file on the line after the last one.
    let at_end = source.text.ends_with('\n') && line == source.count() + 1;
    let raw = source.line(line).or(at_end.then_some(""))?;
    let Excerpt { text, span } = excerpt(raw, d.column.unwrap_or(1));
    let group = Group::with_level(Level::ERROR).element(
        Snippet::source(text.as_str())
            .line_start(line)
            .annotation(AnnotationKind::Primary.span(span)),
    );
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let out = renderer.render(&[group]);
    let out = out.trim_matches('\n');
    (!out.is_empty()).then(|| out.to_string())
}

/// One diagnostic for people: the first line, then its snippet. In colour, `error` is bold red as
/// in rustc. Ends with a newline.
pub fn render(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    render_in(d, source.map(Lines::new).as_ref(), color)
}

fn render_in(d: &Diagnostic, source: Option<&Lines<'_>>, color: bool) -> String {
    let mut out = headline(d);
    if color {
        // The plain line is kept character for character; only styles are added around `error:`.
        out = out.replacen(": error: ", ": \x1b[1;91merror\x1b[0m\x1b[1m: ", 1) + "\x1b[0m";
    }
    out.push('\n');
    if let Some(snippet) = snippet_in(d, source, color) {
        out.push_str(&snippet);
        out.push('\n');
    }
    out
}

/// Every diagnostic for people, each with its snippet, a blank line between them.
pub fn render_all(diagnostics: &[Diagnostic], source: Option<&str>, color: bool) -> String {
    let source = source.map(Lines::new);
    diagnostics
        .iter()
        .map(|d| render_in(d, source.as_ref(), color))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One diagnostic as `check --format json` prints it.
#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    path: Option<&'a str>,
    message: &'a str,
    severity: &'static str,
}

/// The diagnostics as a pretty-printed JSON list (`[]` for none), ending with a newline. Every
/// diagnostic is an error: the loader has no warnings.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    let list: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            file: &d.file,
            line: d.line,
            column: d.column,
            path: d.path.as_deref(),
            message: &d.message,
            severity: "error",
        })
        .collect();
    // Cannot fail: strings and numbers only.
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn diagnostic(line: usize, column: usize, message: &str) -> Diagnostic {
        Diagnostic {
            file: "x.yaml".into(),
            line: Some(line),
            column: Some(column),
            path: Some("stages[0].end".into()),
            message: message.into(),
        }
    }

    /// The display column (0-based) of the first caret in a rendered snippet, and the column
    /// where the source text starts in the line above it.
    fn caret_under(rendered: &str, source_line: &str) -> String {
        let lines: Vec<&str> = rendered.lines().collect();
        let caret_row = lines
            .iter()
            .position(|l| l.contains('^'))
            .expect("a caret line");
        let text_row = lines[caret_row - 1];
        let bar = text_row.find("| ").expect("a gutter") + 2;
        let caret_col = lines[caret_row].find('^').expect("a caret");
        let caret_width = lines[caret_row][..caret_col].width();
        // The characters of the source line whose display width reaches the caret.
        let mut width = text_row[..bar].width();
        let mut out = String::new();
        for c in text_row[bar..].chars() {
            if width >= caret_width {
                out.push(c);
            }
            width += c.to_string().width();
        }
        assert!(source_line.contains(out.trim_end()), "{rendered}");
        out
    }

    #[test]
    fn the_first_line_stays_and_the_caret_points_at_the_column() {
        let source = "stages:\n  - id: a\n    end: 2009\n";
        let d = diagnostic(3, 10, "the stage ends before it starts");
        let text = render(&d, Some(source), false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "x.yaml:3:10: error: stages[0].end: the stage ends before it starts"
        );
        assert!(text.contains("3 |     end: 2009"), "{text}");
        assert!(caret_under(&text, "    end: 2009").starts_with("2009"));
        // The whole token is underlined, nothing past it.
        assert!(
            text.contains("^^^^\n") || text.ends_with("^^^^\n"),
            "{text}"
        );
        assert!(!text.contains("^^^^^"), "{text}");
    }

    #[test]
    fn accents_and_wide_characters_before_the_column_keep_the_caret_in_place() {
        let raw = "  team: \"日本 Atlético Ñandú\", kind: clúb";
        let source = format!("x:\n{raw}\n");
        let column = raw[..raw.find("clúb").expect("clúb")].chars().count() + 1;
        let d = diagnostic(2, column, "unknown variant `clúb`");
        let text = render(&d, Some(&source), false);
        assert!(
            caret_under(&text, raw).starts_with("clúb"),
            "the caret must sit under `clúb`:\n{text}"
        );
        assert!(text.contains("^^^^"), "{text}");
        assert!(!text.contains("^^^^^"), "{text}");
    }

    #[test]
    fn quoted_strings_are_underlined_to_their_closing_quote() {
        let raw = r#"  - {id: x, title: "a, \"b\" c", kind: blog}"#;
        let column = raw.find("\"a").expect("quote") + 1;
        let e = excerpt(raw, column);
        assert_eq!(&e.text[e.span.clone()], r#""a, \"b\" c""#);
        let e = excerpt("key: 'it''s', next", 6);
        assert_eq!(&e.text[e.span.clone()], "'it''s'");
    }

    #[test]
    fn unknown_fields_underline_the_key_only() {
        let e = excerpt("  nicknam: El Recreacionista", 3);
        assert_eq!(&e.text[e.span.clone()], "nicknam");
        let e = excerpt("sources: [a, bb, c]  # the list", 14);
        assert_eq!(&e.text[e.span.clone()], "bb");
        let e = excerpt("end: 2009   # comment", 6);
        assert_eq!(&e.text[e.span.clone()], "2009");
    }

    #[test]
    fn a_column_past_the_end_points_just_after_the_line() {
        let e = excerpt("name:", 6);
        assert_eq!(e.span, 5..5);
        let d = diagnostic(1, 6, "missing value");
        let text = render(&d, Some("name:\n"), false);
        assert!(text.lines().any(|l| l.trim_end().ends_with('^')), "{text}");
    }

    #[test]
    fn control_characters_in_the_line_are_escaped_and_the_caret_follows() {
        let raw = "  team: \u{1b}[2Jx, kind: bad";
        let column = raw.find("bad").expect("bad") + 1;
        let source = format!("{raw}\n");
        let text = render(&diagnostic(1, column, "bad kind"), Some(&source), false);
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("\\u{1b}[2Jx"), "{text}");
        assert!(
            caret_under(&text, &sanitize(raw)).starts_with("bad"),
            "{text}"
        );
    }

    #[test]
    fn a_huge_line_is_cut_around_the_column() {
        let raw = format!("{}BAD{}", "a".repeat(50_000), "b".repeat(50_000));
        let e = excerpt(&raw, 50_001);
        assert!(e.text.chars().count() < 400, "{}", e.text.len());
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        assert!(e.text[e.span.clone()].starts_with("BAD"));
    }

    #[test]
    fn a_tab_is_underlined_alone_and_the_end_of_the_file_has_its_own_line() {
        let e = excerpt("\tname: Ada", 1);
        assert_eq!(&e.text[e.span.clone()], "    ");
        let d = diagnostic(3, 1, "did not find expected ',' or '}'");
        let text = render(&d, Some("a: 1\nb: [\n"), false);
        assert!(text.contains("3 |"), "{text}");
        assert!(text.contains('^'), "{text}");
        // Past the end by more than one line: no snippet rather than a wrong one.
        let d = diagnostic(9, 1, "x");
        assert_eq!(render(&d, Some("a: 1\n"), false).lines().count(), 1);
    }

    #[test]
    fn without_a_line_or_source_only_the_first_line_is_printed() {
        let mut d = diagnostic(1, 1, "cannot read: no such file");
        d.line = None;
        d.column = None;
        assert_eq!(
            render(&d, Some("x"), false),
            "x.yaml: error: stages[0].end: cannot read: no such file\n"
        );
        let d = diagnostic(1, 1, "bad");
        assert_eq!(render(&d, None, false).lines().count(), 1);
    }

    #[test]
    fn colour_adds_styles_but_keeps_the_text() {
        let source = "end: 2009\n";
        let d = diagnostic(1, 6, "bad");
        let plain = render(&d, Some(source), false);
        let styled = render(&d, Some(source), true);
        assert!(styled.contains("\x1b["));
        assert!(!plain.contains('\x1b'));
        let stripped = strip_ansi(&styled);
        assert_eq!(stripped, plain);
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn json_lists_every_field_with_nulls_for_the_unknown() {
        let mut whole_file = diagnostic(1, 1, "not UTF-8");
        whole_file.line = None;
        whole_file.column = None;
        whole_file.path = None;
        let text = json(&[diagnostic(3, 10, "bad \"end\""), whole_file]);
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            v,
            serde_json::json!([
                {"file": "x.yaml", "line": 3, "column": 10, "path": "stages[0].end",
                 "message": "bad \"end\"", "severity": "error"},
                {"file": "x.yaml", "line": null, "column": null, "path": null,
                 "message": "not UTF-8", "severity": "error"}
            ])
        );
        assert_eq!(json(&[]), "[]\n");
    }
}
