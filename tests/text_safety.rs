//! The renderer does not rely on the loader: a dossier built in memory (never loaded) with every
//! character that `text::is_unsafe` names, and invisible text where joiners and selectors are
//! allowed, in every text field is drawn on every pane and overlay,
//! and printed by every CLI output, and no raw unsafe character comes out anywhere.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::cli::{Section, export, show};
use dossier::model::Dossier;
use dossier::text::{is_unsafe, marked};
use dossier::tui::action::Action;
use dossier::tui::app::{App, Pane};
use dossier::tui::keymap;
use dossier::tui::theme::Theme;
use dossier::tui::ui::Ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_yaml::Value;

const FIXTURE: &str = include_str!("fixtures/tui.yaml");

/// Invisible text riding where the loader allows a joiner, a selector or a tag: one selector
/// after an emoji and then more, tags after a real flag and then more, joiners between letters.
const SMUGGLED: &str = "😀\u{fe0f}\u{fe0f}\u{e0101}🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\
                        \u{e0067}\u{e007f}\u{e0068}\u{e0069}a\u{200d}b\u{200c}c";

/// Every unsafe character (of the 3,968 unassigned tag-block code points past U+E0080, every
/// 64th: they are one range of one property), the smuggled text, and a carriage return and an
/// escape sequence as an attacker would write them.
fn payload() -> String {
    let mut all = String::from(SMUGGLED);
    all.extend(
        (0..=0x10FFFFu32)
            .filter(|&cp| !(0xE0081..0xE0FFF).contains(&cp) || cp % 64 == 0)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c)),
    );
    all.push_str("\u{1b}[2J\u{1b}]0;pwned\u{7}\r");
    all
}

/// The characters of `text` that are raw where they stand (as the loader would judge them).
fn raw_refused(text: &str) -> Option<char> {
    marked(text).find(|m| m.2).map(|m| m.1)
}

/// Fields whose values are parsed (dates, enums): left alone so the dossier still deserialises.
const TYPED: &[&str] = &[
    "date",
    "start",
    "end",
    "kind",
    "exit",
    "result",
    "outcome",
    "played",
    "won",
    "drawn",
    "lost",
    "own_goal",
    "translation",
    "approximate",
];

fn poison(value: &mut Value, key: Option<&str>, bad: &str) {
    match value {
        Value::String(s) if !key.is_some_and(|k| TYPED.contains(&k)) => {
            // The same change everywhere keeps ids and the references to them equal.
            *s = format!("{s}{bad}x");
        }
        Value::Sequence(items) => items.iter_mut().for_each(|v| poison(v, key, bad)),
        Value::Mapping(map) => {
            for (k, v) in map.iter_mut() {
                poison(v, k.as_str(), bad);
            }
        }
        _ => {}
    }
}

/// The fixture with the payload in every text field, built without the loader (which would
/// refuse it).
fn hostile() -> Dossier {
    let mut value: Value = serde_yaml::from_str(FIXTURE).expect("the fixture parses");
    poison(&mut value, None, &payload());
    // Text refuses these characters: collected instead, the texts are kept as they are.
    let d: Dossier = dossier::model::text::collect_refusals(|| serde_yaml::from_value(value))
        .expect("still a dossier");
    assert!(d.subject.name.contains('\u{202e}') && d.quotes[0].text.contains('\u{e0041}'));
    d
}

#[path = "common/markdown.rs"]
mod markdown;

/// The export of a dossier that never met the loader, Markdown and HTML in every field (its
/// languages too) and sources whose urls run code, rendered by a CommonMark renderer: only the
/// elements the export makes itself, and the payload shown as text.
#[test]
fn the_markdown_export_of_a_hostile_dossier_renders_no_html_and_no_foreign_link() {
    let mut value: Value = serde_yaml::from_str(FIXTURE).expect("the fixture parses");
    poison(&mut value, None, &format!(" {}", markdown::PAYLOAD));
    let mut d: Dossier = serde_yaml::from_value(value).expect("still a dossier");
    let urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "https://example.org/ok",
    ];
    for (source, url) in d.sources.iter_mut().zip(urls) {
        source.url = Some(url.into());
    }
    d.quotes[0].language = "en <img src=x onerror=alert(document.domain)>".into();
    d.quotes[0].original_language = Some("<script>alert(1)</script>".into());
    d.quotes[0].translation = true;
    let rendered = markdown::render(&export::markdown(&d));
    assert_eq!(rendered.unexpected, Vec::<String>::new());
    assert!(
        rendered.text.contains(markdown::SEEN),
        "the payload is not shown"
    );
    assert!(
        rendered.text.contains("javascript:alert(1)"),
        "the url is not shown"
    );
    // The elements the export makes are all there: the check is not vacuous.
    assert!(rendered.footnotes > 10 && rendered.tables > 2 && rendered.links > 0);
}

fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = keymap::action_for(&key, &app.contexts()) {
        app.update(action);
    }
}

/// Draws `app` and fails if any cell holds an unsafe character, a newline or a tab; returns the
/// screen as text.
fn draw_clean(app: &mut App, width: u16, height: u16, what: &str) -> String {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| {
            let layout = Ui::new(Theme::new(true)).draw(frame, app);
            app.update(Action::Layout(Box::new(layout)));
        })
        .expect("drawing on a test backend");
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for y in 0..height {
        for x in 0..width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                raw_refused(symbol).is_none()
                    && !symbol.chars().any(|c| c == '\n' || c == '\t' || c == '\r'),
                "{what} at {width}x{height}: {symbol:?} raw in cell ({x}, {y})"
            );
            screen.push_str(symbol);
        }
        screen.push('\n');
    }
    screen
}

#[test]
fn no_pane_or_overlay_draws_a_raw_unsafe_character() {
    let d = hostile();
    let mut escapes_seen = 0;
    for (width, height) in [(120, 40), (200, 60), (60, 18)] {
        for pane in Pane::ALL {
            for zoom in [false, true] {
                let mut app = App::new(d.clone());
                app.update(Action::Focus(pane));
                if zoom {
                    app.update(Action::ToggleZoom);
                }
                app.update(Action::Down);
                let what = format!("{pane:?} zoom={zoom}");
                let screen = draw_clean(&mut app, width, height, &what);
                escapes_seen += screen.matches("\\u{").count();
                for (key, overlay) in [
                    ('s', "sources"),
                    ('d', "disputes"),
                    ('?', "help"),
                    ('\r', "record view"),
                ] {
                    if key == '\r' {
                        app.update(Action::OpenRecord);
                    } else {
                        press(&mut app, KeyCode::Char(key));
                    }
                    draw_clean(&mut app, width, height, &format!("{what} {overlay}"));
                    app.update(Action::CloseOverlay);
                }
            }
        }
        // The search line echoes what is typed, and lists hits with their matched characters.
        let mut app = App::new(d.clone());
        app.update(Action::OpenSearch);
        for c in "x\u{1b}\u{202e}\u{e0041}".chars() {
            app.update(Action::SearchInput(c));
        }
        draw_clean(&mut app, width, height, "search");
        app.update(Action::SearchBackspace);
        app.update(Action::SearchBackspace);
        app.update(Action::SearchBackspace);
        draw_clean(&mut app, width, height, "search hits");
        app.update(Action::SearchSubmit);
        app.update(Action::ShowSources);
        draw_clean(&mut app, width, height, "a hit's sources");
        // A source whole, from the hit's sources.
        app.update(Action::OpenRecord);
        draw_clean(&mut app, width, height, "a hit's source whole");
        app.update(Action::CloseOverlay);
        // A status message (the opener's error could quote a URL from the file), and the URL
        // it could not open.
        app.update(Action::CloseOverlay);
        app.update(Action::OpenFailed {
            url: format!("https://example.org/{}", payload()),
            why: format!("xdg-open failed: {}", payload()),
        });
        draw_clean(&mut app, width, height, "the URL overlay");
        app.update(Action::CloseOverlay);
        app.update(Action::Report(format!("xdg-open failed: {}", payload())));
        draw_clean(&mut app, width, height, "status message");
    }
    // The characters are shown, escaped, not dropped.
    assert!(escapes_seen > 100, "{escapes_seen} escapes on screen");
}

#[test]
fn no_cli_output_prints_a_raw_unsafe_character() {
    let d = hostile();
    let sections = [
        Section::Subject,
        Section::Timeline,
        Section::Trophies,
        Section::Matches,
        Section::Offers,
        Section::Quotes,
        Section::Sources,
        Section::Records,
    ];
    let mut outputs = Vec::new();
    for section in sections {
        for width in [40, 100, 200] {
            outputs.push((
                format!("show {section:?} {width}"),
                show::text(&d, section, width),
            ));
        }
        let json = show::json(&d, section).expect("JSON");
        // The escapes keep the JSON valid (tag characters as surrogate pairs) and equal.
        let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let direct = serde_json::to_value(
            match section {
                Section::Subject => serde_json::to_value(&d.subject),
                Section::Timeline => serde_json::to_value(&d.stages),
                Section::Trophies => serde_json::to_value(&d.trophies),
                Section::Matches => serde_json::to_value(&d.matches),
                Section::Offers => serde_json::to_value(&d.offers),
                Section::Quotes => serde_json::to_value(&d.quotes),
                Section::Sources => serde_json::to_value(&d.sources),
                Section::Records => serde_json::to_value(dossier::career::stage_records(&d)),
            }
            .expect("a JSON value"),
        )
        .expect("a JSON value");
        assert_eq!(back, direct, "{section:?}");
        outputs.push((format!("show {section:?} --json"), json));
    }
    outputs.push(("export markdown".into(), export::markdown(&d)));
    let json = export::json(&d).expect("JSON");
    let back: Dossier =
        dossier::model::text::collect_refusals(|| serde_json::from_str(&json)).expect("valid JSON");
    assert_eq!(back, d);
    outputs.push(("export json".into(), json));
    for (what, out) in outputs {
        if let Some(c) = raw_refused(&out).or_else(|| out.chars().find(|&c| c == '\r')) {
            let line = out
                .lines()
                .find(|l| raw_refused(l).is_some())
                .unwrap_or_default();
            panic!("{what}: U+{:04X} raw in the output, in {line:?}", c as u32);
        }
    }
}
