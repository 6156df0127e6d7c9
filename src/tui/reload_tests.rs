//! Live reload without a terminal: new versions of the fixture fed through
//! [`Action::Reloaded`], as the event loop does, and what the user would then see. One test runs
//! the real file watcher on a temporary file.

use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::action::Action;
use super::app::{App, Overlay, Pane, TrophyRow};
use super::keymap;
use super::theme::Theme;
use super::ui::Ui;
use crate::load;
use crate::watch::{self, Reloaded};

const FIXTURE: &str = include_str!("../../tests/fixtures/tui.yaml");
const FILE: &str = "coach.yaml";

fn app() -> App {
    let dossier = load::load_str(FILE, FIXTURE).expect("the fixture loads");
    let mut app = App::new(dossier);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = keymap::action_for(&key, &app.contexts()) {
        let effect = app.update(action);
        app.search_now(effect);
    }
    relayout(app);
}

/// Draws a frame and hands its layout to the app, as the event loop does after each event.
fn relayout(app: &mut App) {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let mut layout = None;
    terminal
        .draw(|frame| layout = Some(Ui::new(Theme::new(false)).draw(frame, app)))
        .expect("drawing on a test backend cannot fail");
    app.update(Action::Layout(Box::new(layout.unwrap_or_default())));
}

fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Feeds `text` to the app as the watcher would after a save.
fn save(app: &mut App, text: &str) {
    let effect = app.update(Action::Reloaded(Box::new(Reloaded {
        file: FILE.to_string(),
        result: load::load_str(FILE, text),
    })));
    app.search_now(effect);
    relayout(app);
    app.check_invariants().expect("the state stays valid");
}

fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|frame| {
            Ui::new(Theme::new(false)).draw(frame, app);
        })
        .expect("drawing on a test backend cannot fail");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn stage_id(app: &App) -> &str {
    &app.dossier.stages[app.stage.expect("a stage")].id
}

#[test]
fn a_save_keeps_the_pane_the_stage_the_selection_and_the_search() {
    let mut app = app();
    // Atlético Nacional (the fourth stage), its second trophy row, the quotes pane searching.
    type_keys(&mut app, "]]]");
    assert_eq!(stage_id(&app), "atletico-nacional");
    type_keys(&mut app, "2j");
    let trophy = app.selected_trophy_row();
    type_keys(&mut app, "4/honduras");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    let quote = app.dossier.quotes[app.selected_quote().expect("a quote")]
        .id
        .clone();
    let hits = app.search.hits.as_ref().map(Vec::len);
    type_keys(&mut app, "3");
    let offer_row = app.offer_cursor.selected;

    // A new stage first in the file moves every index; a summary changes.
    let edited = FIXTURE
        .replacen(
            "stages:\n",
            "stages:\n  - id: early-club\n    team: Early Club\n    kind: club\n    country: Colombia\n    start: 1999\n    end: 2000\n    sources: [fed-profile]\n",
            1,
        )
        .replace("Seguimos conversando", "Seguimos hablando");
    save(&mut app, &edited);

    assert!(app.errors.is_none());
    assert_eq!(app.dossier.stages.len(), 7, "the new dossier is shown");
    assert_eq!(app.focus, Pane::Offer);
    assert_eq!(
        stage_id(&app),
        "atletico-nacional",
        "the stage is kept by id"
    );
    assert_eq!(app.search.query, "honduras");
    assert_eq!(
        app.search.hits.as_ref().map(Vec::len),
        hits,
        "the search ran again"
    );
    let now = &app.dossier.quotes[app.selected_quote().expect("a quote")];
    assert_eq!(now.id, quote, "the same quote stays selected");
    let kept = |row: Option<TrophyRow>, app: &App| match row {
        Some(TrophyRow::Trophy(t)) => app.dossier.trophies[t].id.clone(),
        Some(TrophyRow::Match(m)) => app.dossier.matches[m].id.clone(),
        _ => Default::default(),
    };
    assert_eq!(kept(app.selected_trophy_row(), &app), {
        let before = load::load_str(FILE, FIXTURE).unwrap();
        match trophy {
            Some(TrophyRow::Trophy(t)) => before.trophies[t].id.clone(),
            Some(TrophyRow::Match(m)) => before.matches[m].id.clone(),
            _ => Default::default(),
        }
    });
    assert_eq!(app.offer_cursor.selected, offer_row);
    assert!(
        app.dossier
            .quotes
            .iter()
            .any(|q| q.text.starts_with("Seguimos hablando"))
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("Reloaded"))
    );
}

#[test]
fn a_stage_that_is_gone_leaves_the_selection_at_its_place() {
    let mut app = app();
    type_keys(&mut app, "]]]]]");
    assert_eq!(stage_id(&app), "zamalek");
    // Renaming the stage alone breaks the records that name it: the old dossier stays.
    let renamed_stage = FIXTURE.replace("  - id: zamalek\n", "  - id: zamalek-sc\n");
    save(&mut app, &renamed_stage);
    assert!(app.errors.is_some());
    assert_eq!(stage_id(&app), "zamalek");
    // With the records following, it loads: the stage now at its place stays selected.
    let renamed = renamed_stage.replace("stage: zamalek\n", "stage: zamalek-sc\n");
    save(&mut app, &renamed);
    assert!(app.errors.is_none(), "{:?}", app.errors);
    assert_eq!(stage_id(&app), "zamalek-sc");
}

#[test]
fn an_invalid_save_keeps_the_data_and_shows_the_errors_until_fixed() {
    let mut app = app();
    type_keys(&mut app, "]]");
    let before = app.dossier.clone();
    let broken = FIXTURE.replacen("kind: club", "kind: clubb", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("clubb"))
        .expect("the typo")
        + 1;
    save(&mut app, &broken);

    assert_eq!(app.dossier, before, "the last good dossier stays");
    assert_eq!(stage_id(&app), "once-caldas");
    let errors = app.errors.as_ref().expect("the errors are kept");
    assert!(errors.shown && errors.focused);
    let shown = screen(&app);
    assert!(
        shown.contains(&format!("{FILE}:{line}:")),
        "file:line:col in the panel:\n{shown}"
    );
    assert!(shown.contains("clubb"), "{shown}");
    assert!(
        shown.contains(&format!("{line} |     kind: clubb")),
        "the source line in the panel:\n{shown}"
    );
    assert!(shown.contains("^^^^^"), "the caret line:\n{shown}");
    let status = shown.lines().last().expect("a status bar");
    assert!(status.contains("⚠ 1 error"), "{status}");

    // Fixed: the panel and the marker go, the new data shows.
    save(&mut app, &FIXTURE.replace("Once Caldas", "Once Caldas SA"));
    assert!(app.errors.is_none());
    assert_eq!(app.dossier.stages[2].team, "Once Caldas SA");
    assert_eq!(stage_id(&app), "once-caldas");
    let shown = screen(&app);
    assert!(!shown.contains('⚠'), "{shown}");
    assert!(shown.contains("Once Caldas SA"), "{shown}");
}

#[test]
fn the_errors_panel_scrolls_hides_and_comes_back() {
    let mut app = app();
    // The smallest screen: the panel has fewer rows than one error's lines, so it scrolls.
    app.update(Action::Resize {
        width: 60,
        height: 16,
    });
    let broken = FIXTURE
        .replace("kind: club\n", "kind: clubb\n")
        .replace("kind: national-team\n", "kind: nation\n");
    save(&mut app, &broken);
    let count = app.errors.as_ref().expect("errors").count;
    assert!(count >= 3, "every misspelt kind is reported: {count}");
    let label = app.errors.as_ref().expect("errors").count_label();
    assert_eq!(
        app.contexts(),
        [keymap::Context::Errors, keymap::Context::Global]
    );

    // j/k, PgDn, G scroll the panel, not the panes.
    let stage = app.stage;
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.errors.as_ref().unwrap().scroll, 1);
    assert_eq!(app.stage, stage);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.errors.as_ref().unwrap().scroll, 0);
    press(&mut app, KeyCode::PageDown);
    let paged = app.errors.as_ref().unwrap().scroll;
    assert!(paged > 0, "{paged}");
    press(&mut app, KeyCode::Char('G'));
    let bottom = app.errors.as_ref().unwrap().scroll;
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.errors.as_ref().unwrap().scroll,
        bottom,
        "no scrolling past the end"
    );
    let shown = screen(&app);
    let last = app.errors.as_ref().unwrap().lines.last().cloned();
    if let Some(super::errors::ErrorLine::Carets(carets)) = last {
        assert!(shown.contains(carets.trim_end()), "{shown}");
    }

    // Tab gives the keyboard back to the panes; the panel stays; e takes it again.
    press(&mut app, KeyCode::Tab);
    assert!(!app.errors_focused());
    assert!(app.errors.as_ref().unwrap().shown);
    press(&mut app, KeyCode::Char(']'));
    assert_ne!(app.stage, stage, "the panes have the keys again");
    press(&mut app, KeyCode::Char('e'));
    assert!(app.errors_focused());

    // Esc hides it; the status bar still says so, and e brings it back.
    press(&mut app, KeyCode::Esc);
    assert!(!app.errors.as_ref().unwrap().shown);
    let shown = screen(&app);
    assert!(
        !shown.contains("kind: clubb"),
        "the panel is hidden:\n{shown}"
    );
    let status = shown.lines().last().unwrap();
    assert!(status.contains(&format!("⚠ {label} (e)")), "{status}");
    press(&mut app, KeyCode::Char('e'));
    assert!(app.errors_focused());
    assert!(screen(&app).contains(&format!("{label} in {FILE}")));
}

#[test]
fn an_invalid_save_while_typing_a_search_leaves_the_keyboard_in_the_search() {
    let mut app = app();
    type_keys(&mut app, "4/hon");
    save(&mut app, "subject: [broken\n");
    assert!(app.errors.is_some());
    assert!(!app.errors_focused());
    type_keys(&mut app, "d");
    assert_eq!(app.search.query, "hond");
}

/// A save used to empty a search line holding only spaces.
#[test]
fn a_save_keeps_the_spaces_typed_in_the_search_line() {
    let mut app = app();
    type_keys(&mut app, "4/ ");
    save(&mut app, FIXTURE);
    type_keys(&mut app, "de");
    assert_eq!(app.search.query, " de");
}

#[test]
fn overlays_stay_open_on_the_new_data() {
    let mut app = app();
    type_keys(&mut app, "]]]s");
    assert!(matches!(app.overlay(), Some(Overlay::Sources { .. })));
    save(&mut app, FIXTURE);
    assert!(matches!(app.overlay(), Some(Overlay::Sources { .. })));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('j'));
    save(&mut app, FIXTURE);
    assert_eq!(app.overlay(), Some(&Overlay::Help { scroll: 1 }));
}

#[test]
fn the_errors_panel_fits_small_terminals() {
    let mut app = app();
    save(&mut app, &FIXTURE.replace("kind: club\n", "kind: clubb\n"));
    for (w, h) in [(60, 16), (80, 24), (1, 1), (20, 5), (200, 60)] {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        let _ = screen(&app);
        press(&mut app, KeyCode::PageDown);
        app.check_invariants().expect("valid");
    }
}

/// The real watcher on a real file: a save reaches the app through the channel, as in the
/// browser's event loop.
#[test]
fn saving_the_file_reloads_the_browser() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join(FILE);
    std::fs::write(&path, FIXTURE).expect("written");
    let mut app = App::new(load::load_path(&path).expect("loads"));
    let (tx, rx) = mpsc::channel();
    let _watch = watch::watch(&path, move |r| {
        let _ = tx.send(r);
    })
    .expect("the watch starts");

    std::fs::write(&path, FIXTURE.replace("Once Caldas", "Once Caldas FC")).expect("written");
    // Only a guard against a hang: the test waits for the event, it does not time it.
    let reloaded = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("a reload arrives");
    app.update(Action::Reloaded(Box::new(reloaded)));
    assert!(
        app.dossier
            .stages
            .iter()
            .any(|s| s.team == "Once Caldas FC")
    );
}
