//! Tests of the browser without a terminal: actions applied to the app state, and screens drawn
//! on ratatui's TestBackend (insta snapshots under src/tui/snapshots/).
//!
//! Every test uses tests/fixtures/tui.yaml (a fictional coach), never data/osorio.yaml, so the
//! real dataset can change without touching these tests.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::{App, Effect, Overlay, Pane, Record, TrophyRow};
use super::format;
use super::keymap;
use super::layout::inner;
use super::theme::Theme;
use super::ui::Ui;
use crate::model::Dossier;
use crate::search::Field;

const FIXTURE: &str = include_str!("../../tests/fixtures/tui.yaml");

fn fixture() -> Dossier {
    serde_yaml::from_str(FIXTURE).expect("the fixture parses")
}

fn app() -> App {
    App::new(fixture())
}

/// Applies the action a key press maps to, as the event loop does.
fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = keymap::action_for(&key, &app.contexts())?;
    let effect = app.update(action);
    // The event loop would run the search off the UI thread; the tests run it here.
    app.search_now(effect)
}

fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Draws a frame as the event loop does: the layout it used goes back to the app, and when that
/// moves anything, a second frame shows it.
fn draw_with(app: &mut App, ui: &Ui, width: u16, height: u16) -> Buffer {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    for _ in 0..2 {
        let mut layout = None;
        terminal
            .draw(|frame| layout = Some(ui.draw(frame, app)))
            .expect("drawing on a test backend cannot fail");
        let layout = layout.unwrap_or_default();
        if layout == app.layout {
            break;
        }
        app.update(Action::Layout(Box::new(layout)));
    }
    terminal.backend().buffer().clone()
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    draw_with(app, &Ui::new(Theme::new(true)), width, height)
}

/// The screen as text, one line per row, wide characters counted once.
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += (symbol.width() as u16).max(1);
        }
        out.push('\n');
    }
    out
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    text(&draw(app, width, height))
}

// ---------------------------------------------------------------- state transitions

#[test]
fn starts_on_the_first_stage_with_the_honduras_2023_offer() {
    let app = app();
    assert_eq!(app.stage, Some(0));
    assert_eq!(app.focus, Pane::Timeline);
    let offer = &app.dossier.offers[app.offer.unwrap()];
    assert_eq!(offer.id, "honduras-2023");
    app.check_invariants().unwrap();
}

#[test]
fn next_stage_makes_every_pane_follow() {
    let mut app = app();
    // Atlético Nacional: index 3 in the fixture.
    for _ in 0..3 {
        press(&mut app, KeyCode::Char(']'));
    }
    assert_eq!(
        app.dossier.stages[app.stage.unwrap()].id,
        "atletico-nacional"
    );
    // The trophies pane selects the stage's first trophy...
    let Some(TrophyRow::Trophy(t)) = app.selected_trophy_row() else {
        panic!("a trophy is selected");
    };
    assert_eq!(app.dossier.trophies[t].stage, "atletico-nacional");
    // ...and the quotes pane selects the stage's first quote.
    let q = app.selected_quote().unwrap();
    assert_eq!(app.quote_stage(q), app.stage);
    app.check_invariants().unwrap();
}

#[test]
fn the_offer_pane_follows_the_stage_and_falls_back_to_the_featured_offer() {
    let mut app = app();
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']')); // Once Caldas, where the 2011 offer was made
    assert_eq!(app.dossier.offers[app.offer.unwrap()].id, "honduras-2011");
    // Atlético Nacional: no offer was made during it, so the pane goes back to the featured offer
    // rather than showing the 2011 one as if it belonged here.
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.dossier.offers[app.offer.unwrap()].id, "honduras-2023");
}

#[test]
fn previous_stage_at_the_first_stage_says_so() {
    let mut app = app();
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.stage, Some(0));
    assert!(app.message.as_ref().unwrap().text.contains("first stage"));
}

#[test]
fn tab_number_keys_and_shift_tab_move_the_focus() {
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Trophies);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::Quotes);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.focus, Pane::Offer);
}

#[test]
fn moving_in_the_trophies_skips_the_group_headings() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('g'));
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('j'));
        app.check_invariants().unwrap();
    }
    assert!(matches!(
        app.selected_trophy_row(),
        Some(TrophyRow::Match(_))
    ));
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('k'));
        app.check_invariants().unwrap();
    }
    // The first row is a heading: the selection stops on the first trophy under it.
    assert_eq!(app.trophies.selected, 1);
}

#[test]
fn t_on_a_trophy_jumps_the_timeline_and_keeps_the_trophy() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    let sudamericana = app
        .dossier
        .trophies
        .iter()
        .position(|t| t.id == "sudamericana-2014")
        .unwrap();
    let row = app
        .trophy_rows
        .iter()
        .position(|r| *r == TrophyRow::Trophy(sudamericana))
        .unwrap();
    app.trophies.selected = row;
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(
        app.dossier.stages[app.stage.unwrap()].id,
        "atletico-nacional"
    );
    assert_eq!(
        app.selected_trophy_row(),
        Some(TrophyRow::Trophy(sudamericana))
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Atlético Nacional")
    );
}

#[test]
fn t_on_a_match_jumps_to_its_stage() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('G'));
    assert!(matches!(
        app.selected_trophy_row(),
        Some(TrophyRow::Match(_))
    ));
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.dossier.stages[app.stage.unwrap()].id, "mexico");
}

#[test]
fn t_on_a_quote_jumps_to_its_stage_and_s_shows_its_source() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    let chile = app
        .quote_rows
        .iter()
        .position(|&q| app.dossier.quotes[q].id == "chile-loss")
        .unwrap();
    app.quotes.selected = chile;
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.dossier.stages[app.stage.unwrap()].id, "mexico");
    // The same quote stays selected, at the same row: the list keeps its order.
    assert_eq!(app.quotes.selected, chile);
    let q = app.selected_quote().unwrap();
    assert_eq!(app.dossier.quotes[q].id, "chile-loss");
    press(&mut app, KeyCode::Char('s'));
    let Some(Overlay::Sources {
        entries, record, ..
    }) = app.overlay()
    else {
        panic!("the sources overlay is open");
    };
    assert_eq!(*record, Record::Quote(q));
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].id, "wiki-es");
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay().is_none());
}

#[test]
fn enter_opens_the_selected_record_and_esc_or_q_goes_back() {
    let mut app = app();
    for (pane, record) in [
        ('1', Record::Stage(0)),
        ('4', Record::Quote(app.quote_rows[0])),
    ] {
        press(&mut app, KeyCode::Char(pane));
        press(&mut app, KeyCode::Enter);
        assert_eq!(
            app.overlay(),
            Some(&Overlay::Record { record, scroll: 0 }),
            "{pane}"
        );
        // q closes the record view; it does not quit.
        press(&mut app, KeyCode::Char('q'));
        assert!(app.overlay().is_none() && !app.quit);
    }
    // From the sources overlay, Enter opens the selected source over it; Esc goes back to it.
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Record {
            record: Record::Source(_),
            ..
        })
    ));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay(), Some(Overlay::Sources { .. })));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.overlay().is_none() && !app.quit);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "q from the panes quits");
}

#[test]
fn t_on_the_offer_jumps_to_the_stage_it_was_made_in() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.dossier.stages[app.stage.unwrap()].id, "zamalek");
}

#[test]
fn left_and_right_switch_offers_in_the_offer_pane() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.dossier.offers[app.offer.unwrap()].id, "costa-rica-2018");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right); // already the last: stays
    assert_eq!(app.dossier.offers[app.offer.unwrap()].id, "honduras-2023");
}

#[test]
fn search_ranks_on_every_keystroke_and_keeps_results_on_enter() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    assert!(app.search.editing);
    assert_eq!(app.focus, Pane::Quotes);
    type_keys(&mut app, "hon");
    let wide = app.search.hits.as_ref().unwrap().len();
    type_keys(&mut app, "duras");
    let narrow = app.search.hits.as_ref().unwrap().len();
    assert!(narrow >= 1 && narrow <= wide, "{narrow} of {wide}");
    let q = app.selected_quote().unwrap();
    assert!(app.dossier.quotes[q].text.contains("Honduras"));
    // 'q' and 's' are text in the search line, not quit and sources.
    press(&mut app, KeyCode::Backspace);
    type_keys(&mut app, "sq");
    assert!(!app.quit && app.overlay().is_none());
    assert_eq!(app.search.query, "hondurasq");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert!(!app.search.editing);
    assert_eq!(app.search.hits.as_ref().unwrap().len(), narrow);
    // Esc in the panes drops the kept results.
    press(&mut app, KeyCode::Esc);
    assert!(app.search.hits.is_none());
    assert_eq!(app.quote_rows.len(), app.dossier.quotes.len());
    app.check_invariants().unwrap();
}

/// Applies a key press as the event loop does, but leaves the search it asks for running.
fn press_async(app: &mut App, c: char) -> Option<Effect> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let action = keymap::action_for(&key, &app.contexts())?;
    app.update(action)
}

#[test]
fn typing_while_a_search_runs_shows_the_query_and_the_searching_marker() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    let first = press_async(&mut app, 'h');
    assert!(matches!(first, Some(Effect::Search { .. })), "{first:?}");
    let second = press_async(&mut app, 'o');
    // The typed characters are in the state at once, before any result.
    assert_eq!(app.search.query, "ho");
    assert!(app.search.pending);
    assert!(app.search.hits.is_none());
    let Some(Effect::Search { query, .. }) = &second else {
        panic!("a search for the new query: {second:?}");
    };
    assert_eq!(query, "ho");
    let shown = screen(&mut app, 120, 40);
    let last = shown.lines().last().unwrap();
    assert!(
        last.contains("/ho") && last.contains("searching…"),
        "{last}"
    );
    app.check_invariants().unwrap();
}

#[test]
fn results_of_an_older_search_are_ignored() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    let old = press_async(&mut app, 'h');
    let new = press_async(&mut app, 'o');
    // The older search finishes last: nothing it found is shown.
    app.search_now(new);
    let shown = app.quote_rows.clone();
    let hits = app.search.hits.clone();
    app.search_now(old);
    assert_eq!(app.quote_rows, shown);
    assert_eq!(app.search.hits, hits);
    assert!(!app.search.pending);
    // Nor after the line was emptied or the search cancelled.
    let stale = press_async(&mut app, 'n');
    press(&mut app, KeyCode::Esc);
    app.search_now(stale);
    assert!(app.search.hits.is_none());
    assert_eq!(app.quote_rows.len(), app.dossier.quotes.len());
    app.check_invariants().unwrap();
}

#[test]
fn arriving_results_rebuild_the_rows_and_select_the_best() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    let mut effect = None;
    for c in "honduras".chars() {
        effect = press_async(&mut app, c);
    }
    // Until the results come, the list is the one before the search.
    assert_eq!(app.quote_rows.len(), app.dossier.quotes.len());
    app.check_invariants().unwrap();
    app.search_now(effect);
    let hits = app.search.hits.clone().expect("results shown");
    assert!(!hits.is_empty());
    assert_eq!(
        app.quote_rows,
        hits.iter().map(|h| h.quote).collect::<Vec<_>>()
    );
    assert_eq!(app.quotes.selected, 0);
    assert!(!app.search.pending);
    app.check_invariants().unwrap();
    let last = screen(&mut app, 120, 40)
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(
        last.contains(&format!("{} of 10 quotes", hits.len())),
        "{last}"
    );
    assert!(!last.contains("searching"), "{last}");
}

#[test]
fn enter_while_a_search_runs_keeps_it_and_its_results_fill_the_list() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    let effect = press_async(&mut app, 'h');
    press(&mut app, KeyCode::Enter);
    assert!(!app.search.editing && app.search.pending);
    app.search_now(effect);
    assert!(app.search.hits.as_ref().is_some_and(|h| !h.is_empty()));
    app.check_invariants().unwrap();
}

#[test]
fn more_matches_than_listed_say_best_n_of_all() {
    use crate::search::{Hit, Results};
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    let Some(Effect::Search { generation, query }) = press_async(&mut app, 'o') else {
        panic!("a search");
    };
    let hit = |quote| Hit {
        quote,
        score: 1,
        field: Field::Text,
        positions: Default::default(),
    };
    app.update(Action::SearchResults {
        generation,
        results: Box::new(Results {
            query,
            generation: 0,
            hits: vec![hit(0), hit(1)],
            total: 1234,
        }),
    });
    assert_eq!(
        app.search_count().as_deref(),
        Some("best 2 of 1,234 matches")
    );
    app.check_invariants().unwrap();
}

#[test]
fn the_search_worker_answers_at_a_hundred_thousand_quotes() {
    use super::searching::SearchLink;
    use std::time::{Duration, Instant};
    let dossier = crate::testgen::dossier(crate::testgen::Spec::new(100_000));
    let mut app = App::new(dossier);
    let mut link = SearchLink::default();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    for c in "jugadores".chars() {
        if let Some(Effect::Search { generation, query }) = press_async(&mut app, c) {
            link.start(&app.dossier, generation, &query);
        }
    }
    assert_eq!(app.search.query, "jugadores");
    // A hang guard only: the time it takes is measured by the benches, not here.
    let deadline = Instant::now() + Duration::from_secs(300);
    while app.search.pending {
        assert!(Instant::now() < deadline, "no results from the worker");
        match link.poll() {
            Some(results) => {
                app.update(results);
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    let hits = app.search.hits.as_ref().expect("results shown");
    assert!(!hits.is_empty() && hits.len() <= super::app::SEARCH_LIMIT);
    assert!(app.search.total >= hits.len());
    let best = &app.dossier.quotes[hits[0].quote];
    let field = hits[0].field.text(best).unwrap();
    let chars: Vec<char> = field.chars().collect();
    let matched: String = hits[0]
        .positions_in(hits[0].field)
        .iter()
        .map(|&p| chars[p])
        .collect();
    assert_eq!(matched.to_lowercase(), "jugadores");
    app.check_invariants().unwrap();
}

#[test]
fn search_positions_point_at_the_matched_characters() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "gracias");
    let hit = app.hit(0).unwrap().clone();
    assert_eq!(hit.field, Field::Text);
    let text: Vec<char> = app.dossier.quotes[hit.quote].text.chars().collect();
    let matched: String = hit
        .positions_in(Field::Text)
        .iter()
        .map(|&p| text[p])
        .collect();
    assert_eq!(matched.to_lowercase(), "gracias");
}

#[test]
fn esc_in_the_search_line_clears_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "zzzz");
    assert_eq!(app.search.hits.as_ref().map(Vec::len), Some(0));
    press(&mut app, KeyCode::Esc);
    assert!(!app.search.editing && app.search.hits.is_none());
    assert_eq!(app.quote_rows.len(), app.dossier.quotes.len());
}

#[test]
fn sources_of_a_stage_include_its_record_once_per_source() {
    let mut app = app();
    press(&mut app, KeyCode::Char(']')); // New York Red Bulls: record cited by wiki-es too
    press(&mut app, KeyCode::Char('s'));
    let Some(Overlay::Sources { entries, .. }) = app.overlay() else {
        panic!("the sources overlay is open");
    };
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["wiki-es", "mls-report"]);
    assert_eq!(
        entries[0].cited_for,
        "stage, record (W/D/L), disputed record"
    );
}

#[test]
fn disputes_show_the_record_s_own_or_else_all() {
    let mut app = app();
    press(&mut app, KeyCode::Char('d')); // Chicago Fire has none: all of them
    let Some(Overlay::Disputes { entries, title, .. }) = app.overlay() else {
        panic!("the disputes overlay is open");
    };
    assert!(title.starts_with("All disputed facts"));
    assert_eq!(entries.len(), app.all_disputes().len());
    assert_eq!(entries.len(), 5);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char('d'));
    let Some(Overlay::Disputes { entries, .. }) = app.overlay() else {
        panic!("the disputes overlay is open");
    };
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].dispute.field, "record");
}

#[test]
fn open_sends_only_web_addresses_to_the_opener() {
    let mut app = app();
    press(&mut app, KeyCode::Char('s'));
    let effect = press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        effect,
        Some(Effect::OpenUrl(
            "https://example.org/wiki/Tomas_Arbelaez".into()
        ))
    );
    let mut hostile = fixture();
    hostile.sources[1].url = Some("--help".into());
    let mut app = App::new(hostile);
    assert_eq!(press(&mut app, KeyCode::Char('o')), None);
    assert!(app.message.as_ref().unwrap().error);
}

#[test]
fn a_source_without_url_reports_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    let farewell = app
        .quote_rows
        .iter()
        .position(|&q| app.dossier.quotes[q].id == "farewell-nacional")
        .unwrap();
    app.quotes.selected = farewell;
    assert_eq!(press(&mut app, KeyCode::Char('o')), None);
    assert!(app.message.as_ref().unwrap().text.contains("No URL"));
}

#[test]
fn y_copies_the_quote_with_its_citation() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    let Some(Effect::Copy(text)) = press(&mut app, KeyCode::Char('y')) else {
        panic!("a copy effect");
    };
    let q = &app.dossier.quotes[app.selected_quote().unwrap()];
    assert!(
        text.contains(&*q.text) && text.contains(&*q.speaker),
        "{text}"
    );
    assert!(
        text.contains("MLS Digital") && text.contains("https://"),
        "{text}"
    );
    // Any record: the stage in the timeline, with its sources.
    press(&mut app, KeyCode::Char('1'));
    let Some(Effect::Copy(text)) = press(&mut app, KeyCode::Char('y')) else {
        panic!("a copy effect");
    };
    assert!(
        text.starts_with("Chicago Fire.") && text.contains("https://example.org/wiki/"),
        "{text}"
    );
    // In the sources overlay, the selected source's URL alone.
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(
        press(&mut app, KeyCode::Char('y')),
        Some(Effect::Copy(
            "https://example.org/wiki/Tomas_Arbelaez".into()
        ))
    );
}

#[test]
fn m_switches_mouse_capture() {
    let mut app = app();
    assert_eq!(
        press(&mut app, KeyCode::Char('m')),
        Some(Effect::SetMouse(false))
    );
    assert!(!app.mouse);
    assert_eq!(
        press(&mut app, KeyCode::Char('m')),
        Some(Effect::SetMouse(true))
    );
}

#[test]
fn a_click_focuses_a_pane_and_selects_the_row() {
    let mut app = app();
    draw(&mut app, 120, 40);
    let quotes = inner(app.layout.panes[Pane::Quotes.index()].area);
    app.update(Action::Click {
        x: quotes.x + 5,
        y: quotes.y + 2,
    });
    assert_eq!(app.focus, Pane::Quotes);
    // The quotes pane grew when it took the focus; the third row is still the third row.
    assert_eq!(app.quotes.selected, 2);
    draw(&mut app, 120, 40);
    let timeline = inner(app.layout.panes[0].area);
    app.update(Action::Click {
        x: timeline.x + 3,
        y: timeline.y + 4,
    });
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(app.stage, Some(4));
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_mouse() {
    let mut app = app();
    draw(&mut app, 120, 40);
    let quotes = app.layout.panes[Pane::Quotes.index()].area;
    let stage = app.stage;
    app.update(Action::Wheel {
        x: quotes.x + 2,
        y: quotes.y + 2,
        down: true,
    });
    assert_eq!(app.quotes.selected, 3);
    assert_eq!(app.focus, Pane::Timeline);
    // Over the trophies it scrolls them and leaves the stage alone.
    let trophies = app.layout.panes[Pane::Trophies.index()].area;
    app.update(Action::Wheel {
        x: trophies.x + 2,
        y: trophies.y + 2,
        down: true,
    });
    assert_eq!(app.stage, stage);
}

#[test]
fn a_click_outside_an_overlay_closes_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    app.update(Action::Click { x: 0, y: 0 });
    assert!(app.overlay().is_none());
}

#[test]
fn q_quits_and_ctrl_c_quits_even_in_the_search_line() {
    let mut app = app();
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    let mut app = self::app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let action = keymap::action_for(&ctrl_c, &app.contexts()).unwrap();
    app.update(action);
    assert!(app.quit);
}

#[test]
fn page_and_end_keys_stay_in_range() {
    let mut app = app();
    for pane in ['1', '2', '3', '4'] {
        press(&mut app, KeyCode::Char(pane));
        for key in [
            KeyCode::PageDown,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::Home,
        ] {
            press(&mut app, key);
            app.check_invariants().unwrap();
        }
    }
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::End);
    assert_eq!(app.stage, Some(app.dossier.stages.len() - 1));
}

#[test]
fn help_scrolls_within_its_lines() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    for _ in 0..200 {
        press(&mut app, KeyCode::Char('j'));
    }
    let Some(&Overlay::Help { scroll }) = app.overlay() else {
        panic!("help is open");
    };
    let shown = screen(&mut app, 80, 24);
    assert!(scroll > 0);
    // The last line of the help is on screen, not an empty box.
    assert!(
        shown.contains("copy the quote with its citation") || shown.contains("quit"),
        "{shown}"
    );
}

#[test]
fn a_stage_jump_marks_the_stage_s_records_without_moving_them() {
    let mut app = app();
    let trophies = app.trophy_rows.clone();
    let quotes = app.quote_rows.clone();
    for _ in 0..app.dossier.stages.len() {
        press(&mut app, KeyCode::Char(']'));
        // One order, whatever the stage: nothing jumps to the top.
        assert_eq!(app.trophy_rows, trophies);
        assert_eq!(app.quote_rows, quotes);
        let stage = app.stage.unwrap();
        let id = &app.dossier.stages[stage].id;
        // The selection is on the stage's first record, where it has one.
        let first_trophy = trophies.iter().position(|r| match r {
            TrophyRow::Trophy(t) => &app.dossier.trophies[*t].stage == id,
            TrophyRow::Match(m) => &app.dossier.matches[*m].stage == id,
            TrophyRow::Heading(_) => false,
        });
        if let Some(row) = first_trophy {
            assert_eq!(app.trophies.selected, row, "{id}");
        }
        let first_quote = quotes
            .iter()
            .position(|&q| app.quote_stage(q) == Some(stage));
        if let Some(row) = first_quote {
            assert_eq!(app.quotes.selected, row, "{id}");
        }
        app.check_invariants().unwrap();
    }
    // The quotes stay oldest first.
    let dates: Vec<_> = app
        .quote_rows
        .iter()
        .map(|&q| app.dossier.quotes[q].date.map(|d| d.earliest()))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn slash_filters_the_focused_pane_and_n_steps_through_the_matches() {
    let mut app = app();
    // The timeline: fzf's syntax, terms that must all match.
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "'zzz");
    assert!(app.timeline_rows.is_empty(), "{:?}", app.timeline_rows);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.timeline_rows.len(), app.dossier.stages.len());
    // Every field of a stage is read (its country here), and `!` excludes.
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "'colombia !once");
    let ids: Vec<&str> = app
        .timeline_rows
        .iter()
        .map(|&s| app.dossier.stages[s].id.as_str())
        .collect();
    assert_eq!(ids, ["atletico-nacional"]);
    assert_eq!(app.filter_count().as_deref(), Some("1 of 6 stages"));
    press(&mut app, KeyCode::Enter);
    assert!(!app.filter.editing && app.filter.active());
    // Esc in the panes clears it; the stage stays selected.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.timeline_rows.len(), app.dossier.stages.len());
    assert_eq!(
        app.dossier.stages[app.stage.unwrap()].id,
        "atletico-nacional"
    );

    // The trophies: the group headings of what is left stay; n and N go round the matches.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "'postob");
    press(&mut app, KeyCode::Enter);
    let shown: Vec<TrophyRow> = app.trophy_rows.clone();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(matches!(shown[0], TrophyRow::Heading(_)));
    let first = app.trophies.selected;
    press(&mut app, KeyCode::Char('n'));
    assert_ne!(app.trophies.selected, first);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.trophies.selected, first, "round the end");
    press(&mut app, KeyCode::Char('N'));
    assert_ne!(app.trophies.selected, first);
    app.check_invariants().unwrap();
}

#[test]
fn slash_filters_the_sources_list() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "prensa");
    let Some(Overlay::Sources { entries, all, .. }) = app.overlay() else {
        panic!("the sources overlay is open");
    };
    assert_eq!(all.len(), 2);
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["la-prensa-2023"]);
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("1 of 2 sources"), "{shown}");
    // Enter keeps the filter; the selected (filtered) source is what y copies.
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        press(&mut app, KeyCode::Char('y')),
        Some(Effect::Copy(
            "https://example.org/laprensa/contactos".into()
        ))
    );
    app.check_invariants().unwrap();
}

#[test]
fn a_filter_match_outside_the_row_s_text_is_shown_in_the_row() {
    let mut app = app();
    // "assistant" is only in Chicago Fire's summary.
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "'assistant");
    let shown = screen(&mut app, 80, 24);
    let row = shown
        .lines()
        .find(|l| l.contains("2006–07"))
        .unwrap_or_else(|| panic!("{shown}"));
    // The row still says which stage it is, shortened, then the words that matched.
    assert!(row.contains("assistant") && row.contains("Chica"), "{row}");
}

#[test]
fn snapshot_filtered_timeline() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "co");
    insta::assert_snapshot!("filtered_timeline_80x24", screen(&mut app, 80, 24));
}

/// The record view of the first record of a kind, at 80x24.
fn record_view(setup: &[KeyCode]) -> String {
    let mut app = app();
    for &key in setup {
        press(&mut app, key);
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.record_open(), "the record view is open");
    screen(&mut app, 80, 24)
}

#[test]
fn snapshot_record_view_of_a_stage() {
    // New York Red Bulls: a record with a note, a dispute, two sources.
    let shown = record_view(&[KeyCode::Char(']')]);
    insta::assert_snapshot!("record_stage_80x24", shown);
}

#[test]
fn snapshot_record_view_of_a_trophy() {
    // The Copa Sudamericana final lost: legs, a dispute.
    let mut keys = vec![KeyCode::Char('2')];
    keys.extend([KeyCode::Char('j'); 5]);
    let shown = record_view(&keys);
    assert!(shown.contains("Copa Sudamericana"), "{shown}");
    insta::assert_snapshot!("record_trophy_80x24", shown);
}

#[test]
fn snapshot_record_view_of_a_quote() {
    let shown = record_view(&[KeyCode::Char('4'), KeyCode::End]);
    insta::assert_snapshot!("record_quote_80x24", shown);
}

#[test]
fn snapshot_record_view_of_a_source() {
    // From the sources overlay of the Honduras 2023 offer: the source with a note.
    let shown = record_view(&[KeyCode::Char('3'), KeyCode::Char('s'), KeyCode::Char('j')]);
    assert!(
        shown.contains("https://example.org/laprensa/contactos"),
        "{shown}"
    );
    insta::assert_snapshot!("record_source_80x24", shown);
}

#[test]
fn the_record_view_scrolls_to_its_end_and_says_where_it_is() {
    let mut app = app();
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Enter);
    let top = screen(&mut app, 80, 24);
    assert!(top.contains("1–19 of"), "{top}");
    press(&mut app, KeyCode::End);
    let bottom = screen(&mut app, 80, 24);
    // The last source's URL, whole, on the last page.
    assert!(
        bottom.contains("https://example.org/mls/cup-2008"),
        "{bottom}"
    );
    assert!(!bottom.contains(" 1–19 of"), "{bottom}");
    press(&mut app, KeyCode::Home);
    assert_eq!(screen(&mut app, 80, 24), top);
}

// ---------------------------------------------------------------- what the screen shows

#[test]
fn every_key_in_the_table_is_in_the_help() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let lines: Vec<String> = super::overlays::help::lines(&app, &Theme::new(true))
        .iter()
        .map(|l| l.to_string())
        .collect();
    for b in keymap::BINDINGS {
        assert!(
            lines.iter().any(|l| l.contains(b.help)),
            "{} is missing from the help",
            b.help
        );
    }
}

#[test]
fn the_browser_doc_has_the_current_key_table() {
    let doc = include_str!("../../README.md");
    let table = keymap::markdown_table();
    assert!(
        doc.contains(&table),
        "README.md is out of date; its key table should be:\n\n{table}"
    );
}

#[test]
fn the_status_bar_hints_come_from_the_keymap() {
    let mut app = app();
    let shown = screen(&mut app, 120, 40);
    let status = shown.lines().last().unwrap();
    for (keys, word) in keymap::hints(&app.contexts()) {
        assert!(status.contains(&format!("{keys} {word}")), "{status}");
    }
}

#[test]
fn disputed_records_are_marked() {
    let mut app = app();
    let shown = screen(&mut app, 120, 40);
    // New York Red Bulls and Mexico in the timeline, the subject in the header.
    assert!(shown.lines().next().unwrap().contains(format::DISPUTED));
    let marked = shown
        .lines()
        .filter(|l| l.contains("New York Red Bu") || l.contains("Mexico "))
        .filter(|l| l.contains(format::DISPUTED))
        .count();
    assert!(marked >= 2, "{shown}");
}

#[test]
fn the_timeline_strip_shows_the_gap_years() {
    let mut app = app();
    let shown = screen(&mut app, 120, 40);
    let strip = shown.lines().find(|l| l.contains("career")).unwrap();
    // 2019-2021 has no stage: dots between the bars.
    assert!(strip.contains("▒·"), "{strip}");
    assert!(strip.contains('█'), "{strip}");
}

#[test]
fn wide_and_combining_characters_keep_columns_aligned() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    let buffer = draw(&mut app, 200, 50);
    let shown = text(&buffer);
    let rows: Vec<&str> = shown
        .lines()
        .filter(|l| {
            l.contains("Andrés Pérez") || l.contains("Karim Mansour") || l.contains("¡Gracias")
        })
        .collect();
    assert_eq!(rows.len(), 3, "{shown}");
    // The right border of the quotes pane is at the same column on every row.
    // Widths as the terminal lays cells out: grapheme by grapheme, as ratatui does.
    let widths: Vec<usize> = rows.iter().map(|r| format::width(r)).collect();
    assert!(widths.iter().all(|&w| w == widths[0]), "{widths:?}");
    let source_columns: Vec<usize> = rows
        .iter()
        .map(|r| {
            let source = ["Wikipedia", "Al-Ahram", "Atlético Na"]
                .iter()
                .find_map(|s| r.rfind(s))
                .unwrap();
            format::width(&r[..source])
        })
        .collect();
    assert!(
        source_columns.iter().all(|&c| c == source_columns[0]),
        "{source_columns:?}\n{rows:#?}"
    );
}

#[test]
fn text_from_the_file_cannot_reach_the_terminal_raw() {
    let mut hostile = fixture();
    hostile.subject.name = "Evil\u{1b}[2J\u{202e}Name".into();
    hostile.quotes[0].text = "bad\u{7}bell \u{2066}isolate\u{2069} \u{9b}31m".into();
    hostile.stages[0].team = "Team\u{200b}\u{feff}".into();
    let mut app = App::new(hostile);
    for pane in ['1', '4'] {
        press(&mut app, KeyCode::Char(pane));
        let buffer = draw(&mut app, 120, 40);
        for cell in buffer.content() {
            assert!(
                !cell.symbol().chars().any(crate::text::is_unsafe),
                "unsafe {:?} on screen",
                cell.symbol()
            );
        }
        assert!(text(&buffer).contains("\\u{1b}[2J\\u{202e}Name"));
    }
}

#[test]
fn no_color_keeps_the_selection_visible_without_colours() {
    let mut app = App::new(fixture());
    let buffer = draw_with(&mut app, &Ui::new(Theme::new(false)), 80, 24);
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "a colour under NO_COLOR: {cell:?}");
        assert_eq!(cell.bg, Color::Reset, "a colour under NO_COLOR: {cell:?}");
    }
    // The selected stage's row (Chicago Fire) is reversed.
    let shown = text(&buffer);
    let y = shown.lines().position(|l| l.contains("› 2006")).unwrap() as u16;
    let x = shown
        .lines()
        .nth(y as usize)
        .unwrap()
        .find("Chicago")
        .unwrap() as u16;
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn any_size_draws_without_panicking() {
    let mut app = app();
    for (w, h) in [
        (0, 0),
        (1, 1),
        (0, 24),
        (80, 0),
        (1, 40),
        (200, 1),
        (59, 15),
        (60, 16),
        (61, 17),
    ] {
        draw(&mut app, w, h);
        app.check_invariants().unwrap();
    }
    // And with every overlay open and the search line active.
    for key in ['?', 's', 'd'] {
        let mut app = self::app();
        press(&mut app, KeyCode::Char(key));
        for w in (0..90).step_by(7) {
            for h in (0..30).step_by(3) {
                draw(&mut app, w, h);
            }
        }
    }
    let mut app = self::app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    type_keys(&mut app, "gracias");
    for w in 0..70 {
        draw(&mut app, w, 18);
    }
}

#[test]
fn one_of_a_thing_is_counted_in_the_singular() {
    // The fixture cut down to one stage with one title, one lost final, one key match, one
    // offer and one quote.
    let mut d = fixture();
    let stage = "new-york-red-bulls";
    d.stages.retain(|s| s.id == stage);
    d.trophies
        .retain(|t| t.id == "liga-2010-ii" || t.id == "mls-cup-2008");
    for t in &mut d.trophies {
        t.stage = stage.into();
    }
    d.matches.truncate(1);
    d.matches[0].stage = stage.into();
    d.offers.truncate(1);
    d.offers[0].stage = stage.into();
    d.quotes.retain(|q| q.id == "mls-final");
    let mut app = App::new(d);
    let status = |app: &mut App| screen(app, 100, 30).lines().last().unwrap().to_string();

    assert!(
        status(&mut app).contains(" 1 stage "),
        "{}",
        status(&mut app)
    );
    press(&mut app, KeyCode::Char('2'));
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("1 title · 1 final"), "{shown}");
    let last = shown.lines().last().unwrap();
    assert!(last.contains(" 2 trophies · 1 match "), "{last}");
    press(&mut app, KeyCode::Char('4'));
    assert!(
        status(&mut app).contains(" 1 quote "),
        "{}",
        status(&mut app)
    );
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('/'));
    let line = status(&mut app);
    assert!(
        line.contains("type to search 1 quote") && !line.contains("quotes"),
        "{line}"
    );
    type_keys(&mut app, "columbus");
    let line = status(&mut app);
    assert!(
        line.contains("1 of 1 quote") && !line.contains("quotes"),
        "{line}"
    );
}

#[test]
fn an_empty_dossier_still_opens() {
    let empty: Dossier =
        serde_yaml::from_str("subject: {name: Nobody, sources: []}\nsources: []\n").unwrap();
    let mut app = App::new(empty);
    assert_eq!(app.stage, None);
    for key in [']', '[', 'j', 'G', 's', 'd', 'y', 'o', '/', 'x'] {
        press(&mut app, KeyCode::Char(key));
        app.check_invariants().unwrap();
    }
    press(&mut app, KeyCode::Esc);
    for pane in ['1', '2', '3', '4'] {
        press(&mut app, KeyCode::Char(pane));
        press(&mut app, KeyCode::Enter);
        let shown = screen(&mut app, 80, 24);
        assert!(shown.contains("Nobody"));
    }
}

#[test]
fn a_hundred_thousand_quotes_draw_only_the_visible_rows() {
    let mut big = fixture();
    let template = big.quotes[0].clone();
    big.quotes = (0..100_000)
        .map(|i| {
            let mut q = template.clone();
            q.id = format!("q{i}").into();
            q.text = format!("Quote number {i}").into();
            q
        })
        .collect();
    let mut app = App::new(big);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::End);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Quote number 99999"), "{shown}");
    press(&mut app, KeyCode::Char(']'));
    app.check_invariants().unwrap();
}

// ---------------------------------------------------------------- snapshots

fn snapshot(name: &str, setup: impl Fn(&mut App)) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app();
        setup(&mut app);
        let shown = screen(&mut app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

#[test]
fn snapshot_timeline() {
    snapshot("timeline", |app| {
        press(app, KeyCode::Char(']'));
        press(app, KeyCode::Char(']'));
    });
}

#[test]
fn snapshot_trophies() {
    snapshot("trophies", |app| {
        press(app, KeyCode::Char(']'));
        press(app, KeyCode::Char(']'));
        press(app, KeyCode::Char(']'));
        press(app, KeyCode::Char('2'));
    });
}

#[test]
fn snapshot_offer() {
    snapshot("offer", |app| {
        press(app, KeyCode::Char('3'));
        press(app, KeyCode::Char('j'));
        press(app, KeyCode::Char('j'));
    });
}

#[test]
fn snapshot_quotes() {
    snapshot("quotes", |app| {
        press(app, KeyCode::Char('4'));
        press(app, KeyCode::Char('j'));
    });
}

#[test]
fn snapshot_search() {
    snapshot("search", |app| {
        press(app, KeyCode::Char('4'));
        press(app, KeyCode::Char('/'));
        type_keys(app, "honduras");
    });
}

#[test]
fn snapshot_help() {
    snapshot("help", |app| {
        press(app, KeyCode::Char('?'));
    });
}

#[test]
fn snapshot_sources() {
    snapshot("sources", |app| {
        press(app, KeyCode::Char('3'));
        press(app, KeyCode::Char('s'));
    });
}

#[test]
fn snapshot_disputes() {
    snapshot("disputes", |app| {
        press(app, KeyCode::Char('3'));
        press(app, KeyCode::Char('d'));
    });
}

#[test]
fn snapshot_zoomed_quotes() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('z'));
    insta::assert_snapshot!("zoom_quotes_80x24", screen(&mut app, 80, 24));
}

#[test]
fn snapshot_too_small() {
    let mut app = app();
    let shown = screen(&mut app, 20, 5);
    assert!(shown.contains("too small"), "{shown}");
    insta::assert_snapshot!("too_small_20x5", shown);
}

/// The quote detail says how the date is known, so that a page's date is not read as the day
/// the words were said (the fixture itself gives no basis, as other dossiers need not).
#[test]
fn the_quote_detail_says_how_its_date_is_known() {
    use crate::model::DateBasis;
    let mut d = fixture();
    for q in &mut d.quotes {
        q.date_basis = Some(if q.date.is_some() {
            DateBasis::Inferred
        } else {
            DateBasis::Undated
        });
    }
    let mut app = App::new(d);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('j'));
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("— Tomás Arbeláez, 2010-02-03 (inferred)"),
        "{shown}"
    );
    // And the record view.
    press(&mut app, KeyCode::Enter);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("2010-02-03 (inferred)"), "{shown}");
}
