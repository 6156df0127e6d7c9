//! Property tests of the browser: random sequences of actions, terminal events and live reloads,
//! at random terminal sizes (0 and 1 in either dimension included), on three dossiers: the real
//! one, a generated big one, and one with every section empty (a reload swaps in another of them,
//! or a broken file). After every step the state must hold
//! [`App::check_invariants`] and [`extra_invariants`], and a frame must draw on a TestBackend
//! without panicking.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, OfferRow, Overlay, Pane, TrophyRow};
use super::theme::Theme;
use super::{action_for_event, ui};
use crate::load::LoadError;
use crate::model::Dossier;
use crate::watch::Reloaded;

/// Cases per dossier, unless PROPTEST_CASES says otherwise. Each case is up to [`MAX_STEPS`]
/// steps, each drawn once.
const CASES: u32 = 256;
const MAX_STEPS: usize = 50;
/// Frames larger than this are not drawn (a resize to 65535x65535 is applied to the state, which
/// must cope, but a test buffer of four billion cells would only measure the machine).
const MAX_DRAWN_CELLS: u32 = 250 * 90;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES)
}

/// One thing that happens to the browser: an action, or a raw terminal event that goes through
/// the keymap and the mouse mapping as in the event loop.
#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Event(Event),
    /// The watched file changed: it now holds this dossier, or an error.
    Reload(Reload),
}

/// What a live reload brings.
#[derive(Debug, Clone, Copy)]
enum Reload {
    Real,
    Big,
    Empty,
    Broken,
}

fn size() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => 0u16..=2,
        6 => 3u16..140,
        1 => 140u16..400,
        1 => Just(u16::MAX),
    ]
}

fn coordinate() -> impl Strategy<Value = u16> {
    prop_oneof![8 => 0u16..150, 1 => any::<u16>()]
}

fn unicode_text() -> impl Strategy<Value = String> {
    // Any chars, plus the ones most likely to trouble a terminal or a layout.
    let tricky = prop_oneof![
        any::<char>(),
        proptest::sample::select(vec![
            '\u{1b}', '\u{7}', '\u{0}', '\n', '\r', '\t', '\u{9b}', '\u{202e}', '\u{2066}',
            '\u{200b}', '\u{feff}', '\u{301}', '\u{200d}', '界', '👩', '\u{fe0f}',
        ]),
    ];
    proptest::collection::vec(tricky, 0..12).prop_map(|c| c.into_iter().collect())
}

fn action() -> impl Strategy<Value = Action> {
    let plain = proptest::sample::select(vec![
        Action::Quit,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::PrevOffer,
        Action::NextOffer,
        Action::PrevStage,
        Action::NextStage,
        Action::Activate,
        Action::ToggleZoom,
        Action::OpenSearch,
        Action::SearchBackspace,
        Action::SearchClearLine,
        Action::SearchSubmit,
        Action::SearchCancel,
        Action::ClearSearch,
        Action::ShowSources,
        Action::ShowDisputes,
        Action::ShowHelp,
        Action::CloseOverlay,
        Action::OpenUrl,
        Action::CopyQuote,
        Action::ToggleMouse,
    ]);
    prop_oneof![
        10 => plain,
        2 => proptest::sample::select(Pane::ALL.to_vec()).prop_map(Action::Focus),
        // Typing goes to the search line: open it often enough that queries get long.
        3 => Just(Action::OpenSearch),
        6 => prop_oneof![
            any::<char>(),
            proptest::sample::select("aeiou honduras gracias 2023 ñé".chars().collect::<Vec<_>>()),
        ]
        .prop_map(Action::SearchInput),
        2 => (coordinate(), coordinate()).prop_map(|(x, y)| Action::Click { x, y }),
        2 => (coordinate(), coordinate(), any::<bool>())
            .prop_map(|(x, y, down)| Action::Wheel { x, y, down }),
        2 => (size(), size()).prop_map(|(width, height)| Action::Resize { width, height }),
        1 => unicode_text().prop_map(Action::Report),
    ]
}

fn key_event() -> impl Strategy<Value = Event> {
    let code = prop_oneof![
        6 => proptest::sample::select("jkgGhl[]<>/sdyomz?1234qxJK np".chars().collect::<Vec<_>>())
            .prop_map(KeyCode::Char),
        2 => any::<char>().prop_map(KeyCode::Char),
        4 => proptest::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::Null,
        ]),
        1 => (0u8..=24).prop_map(KeyCode::F),
    ];
    let modifiers = prop_oneof![
        6 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => (0u8..=0b111_111).prop_map(KeyModifiers::from_bits_truncate),
    ];
    let kind = prop_oneof![
        8 => Just(KeyEventKind::Press),
        1 => Just(KeyEventKind::Release),
        1 => Just(KeyEventKind::Repeat),
    ];
    (code, modifiers, kind).prop_map(|(code, modifiers, kind)| {
        Event::Key(KeyEvent::new_with_kind(code, modifiers, kind))
    })
}

fn mouse_event() -> impl Strategy<Value = Event> {
    let kind = proptest::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Moved,
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::ScrollLeft,
        MouseEventKind::ScrollRight,
    ]);
    (kind, coordinate(), coordinate()).prop_map(|(kind, column, row)| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    })
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => action().prop_map(Step::Act),
        4 => key_event().prop_map(Step::Event),
        1 => mouse_event().prop_map(Step::Event),
        1 => (size(), size()).prop_map(|(w, h)| Step::Event(Event::Resize(w, h))),
        1 => Just(Step::Event(Event::FocusLost)),
        1 => unicode_text().prop_map(|t| Step::Event(Event::Paste(t))),
        1 => proptest::sample::select(vec![Reload::Real, Reload::Big, Reload::Empty, Reload::Broken])
            .prop_map(Step::Reload),
    ]
}

fn steps() -> impl Strategy<Value = (u16, u16, Vec<Step>)> {
    (
        size(),
        size(),
        proptest::collection::vec(step(), 1..=MAX_STEPS),
    )
}

/// What must hold beyond [`App::check_invariants`]: every row and cursor names a record that
/// exists, every selection is inside its list's scroll window, and the stage the timeline and the
/// header show is a real stage.
fn extra_invariants(app: &App) -> Result<(), String> {
    let d = &app.dossier;
    match app.stage {
        Some(s) if s >= d.stages.len() => return Err(format!("stage {s} of {}", d.stages.len())),
        None if !d.stages.is_empty() => return Err("no stage selected".into()),
        _ => {}
    }
    if app.timeline.selected != app.stage.unwrap_or(0) {
        return Err(format!(
            "the timeline shows row {} but the stage is {:?}",
            app.timeline.selected, app.stage
        ));
    }
    for (name, c) in [
        ("timeline", app.timeline),
        ("trophies", app.trophies),
        ("offer", app.offer_cursor),
        ("quotes", app.quotes),
    ] {
        if c.offset > c.selected {
            return Err(format!(
                "{name}: the selection {} is above the first row shown {}",
                c.selected, c.offset
            ));
        }
    }
    for (pane, len, c) in [
        (Pane::Timeline, d.stages.len(), app.timeline),
        (Pane::Trophies, app.trophy_rows.len(), app.trophies),
        (Pane::Offer, app.offer_rows.len(), app.offer_cursor),
        (Pane::Quotes, app.quote_rows.len(), app.quotes),
    ] {
        let height = app.list_height(pane);
        if len > 0 && height > 0 && c.selected >= c.offset + height {
            return Err(format!(
                "{}: selection {} below the {height} rows shown from {}",
                pane.name(),
                c.selected,
                c.offset
            ));
        }
    }
    if let Some(q) = app.quote_rows.iter().find(|&&q| q >= d.quotes.len()) {
        return Err(format!("quotes: row for quote {q} of {}", d.quotes.len()));
    }
    if let Some(hits) = &app.search.hits
        && hits
            .iter()
            .map(|h| h.quote)
            .ne(app.quote_rows.iter().copied())
    {
        return Err("quotes: rows are not the hits".into());
    }
    for row in &app.trophy_rows {
        let ok = match *row {
            TrophyRow::Heading(_) => true,
            TrophyRow::Trophy(t) => t < d.trophies.len(),
            TrophyRow::Match(m) => m < d.matches.len(),
        };
        if !ok {
            return Err(format!("trophies: {row:?} does not exist"));
        }
    }
    match app.offer {
        Some(o) if o >= d.offers.len() => return Err(format!("offer {o} of {}", d.offers.len())),
        None if !d.offers.is_empty() => return Err("no offer shown".into()),
        None if !app.offer_rows.is_empty() => return Err("offer rows without an offer".into()),
        _ => {}
    }
    if let Some(offer) = app.offer.and_then(|o| d.offers.get(o)) {
        for row in &app.offer_rows {
            let ok = match *row {
                OfferRow::Heading(_) | OfferRow::Overview => true,
                OfferRow::Event(i) => i < offer.events.len(),
                OfferRow::Quote(q) => q < d.quotes.len(),
                OfferRow::Explanation(i) => i < offer.explanations.len(),
                OfferRow::Actor(i) => i < offer.actors.len(),
            };
            if !ok {
                return Err(format!("offer: {row:?} does not exist"));
            }
        }
    }
    if let Some(Overlay::Sources { entries, quote, .. }) = &app.overlay {
        if entries
            .iter()
            .any(|e| e.source.is_some_and(|s| s >= d.sources.len()))
        {
            return Err("sources overlay: an entry names a missing source".into());
        }
        if quote.is_some_and(|q| q >= d.quotes.len()) {
            return Err("sources overlay: a missing quote".into());
        }
    }
    Ok(())
}

/// Runs `steps` on a browser over `dossier`, checking and drawing after each.
fn run(dossier: &Dossier, width: u16, height: u16, steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut app = App::new(dossier.clone(), Theme::new(true));
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("a test terminal");
    for (n, step) in steps.into_iter().enumerate() {
        let action = match step {
            Step::Act(action) => Some(action),
            Step::Event(event) => action_for_event(&app, &event),
            Step::Reload(what) => Some(Action::Reloaded(Box::new(Reloaded {
                file: "coach.yaml".into(),
                result: reloaded(what),
            }))),
        };
        // Like the event loop, draw only when something happened.
        let Some(action) = action else { continue };
        app.update(action);
        let checked = app.check_invariants().and_then(|()| extra_invariants(&app));
        prop_assert!(checked.is_ok(), "after step {}: {:?}", n, checked);
        let (w, h) = app.size;
        if u32::from(w) * u32::from(h) <= MAX_DRAWN_CELLS {
            terminal.backend_mut().resize(w, h);
            terminal
                .resize(Rect::new(0, 0, w, h))
                .expect("resizing a test terminal");
            terminal
                .draw(|frame| ui::draw(frame, &app))
                .expect("drawing on a test backend");
        }
    }
    Ok(())
}

/// The dossier, or the error, a reload brings.
fn reloaded(what: Reload) -> Result<Dossier, LoadError> {
    thread_local!(static DOSSIERS: [Dossier; 3] = [real(), big(), empty()]);
    match what {
        Reload::Real => Ok(DOSSIERS.with(|d| d[0].clone())),
        Reload::Big => Ok(DOSSIERS.with(|d| d[1].clone())),
        Reload::Empty => Ok(DOSSIERS.with(|d| d[2].clone())),
        Reload::Broken => crate::load::load_str("coach.yaml", "subject: [unclosed\n"),
    }
}

/// The real dossier, as the binary embeds it.
fn real() -> Dossier {
    crate::load::load_embedded().expect("the embedded dossier loads")
}

/// The real dossier grown to hundreds of records in every section, ids kept unique.
fn big() -> Dossier {
    let mut d = real();
    let stages = d.stages.clone();
    let quotes = d.quotes.clone();
    let trophies = d.trophies.clone();
    let matches = d.matches.clone();
    let offers = d.offers.clone();
    for round in 1..8 {
        d.stages.extend(stages.iter().cloned().map(|mut s| {
            s.id = format!("{}-{round}", s.id);
            s
        }));
        d.trophies.extend(trophies.iter().cloned().map(|mut t| {
            t.id = format!("{}-{round}", t.id);
            t.stage = format!("{}-{round}", t.stage);
            t
        }));
        d.matches.extend(matches.iter().cloned().map(|mut m| {
            m.id = format!("{}-{round}", m.id);
            m.stage = format!("{}-{round}", m.stage);
            m
        }));
        d.offers.extend(offers.iter().cloned().map(|mut o| {
            o.id = format!("{}-{round}", o.id);
            o
        }));
        d.quotes.extend(quotes.iter().cloned().map(|mut q| {
            q.id = format!("{}-{round}", q.id);
            q.stage = q.stage.map(|s| format!("{s}-{round}"));
            q.offer = q.offer.map(|o| format!("{o}-{round}"));
            q
        }));
    }
    d
}

/// A subject and nothing else: every pane is empty.
fn empty() -> Dossier {
    let mut d = real();
    d.stages.clear();
    d.trophies.clear();
    d.matches.clear();
    d.offers.clear();
    d.quotes.clear();
    d.subject.disputes.clear();
    d
}

#[test]
fn the_generated_dossiers_are_what_the_properties_need() {
    let (real, big, empty) = (real(), big(), empty());
    assert!(big.stages.len() >= 8 * real.stages.len() && big.quotes.len() >= 8 * real.quotes.len());
    assert!(empty.stages.is_empty() && empty.quotes.is_empty() && empty.offers.is_empty());
    // The big dossier's records still point at its stages, so jumps and groupings are exercised.
    let app = App::new(big.clone(), Theme::new(true));
    assert!(
        (0..big.quotes.len())
            .filter_map(|q| app.quote_stage(q))
            .count()
            > real.quotes.len()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// The real dossier: any steps at any size keep the state valid and draw.
    #[test]
    fn any_steps_on_the_real_dossier((w, h, steps) in steps()) {
        thread_local!(static D: Dossier = real());
        D.with(|d| run(d, w, h, steps))?;
    }

    /// A dossier eight times the real one.
    #[test]
    fn any_steps_on_a_big_dossier((w, h, steps) in steps()) {
        thread_local!(static D: Dossier = big());
        D.with(|d| run(d, w, h, steps))?;
    }

    /// A dossier whose sections are all empty.
    #[test]
    fn any_steps_on_an_empty_dossier((w, h, steps) in steps()) {
        thread_local!(static D: Dossier = empty());
        D.with(|d| run(d, w, h, steps))?;
    }
}

/// Found by the properties: a terminal reporting 65535 rows (or 1490 columns and more)
/// overflowed the u16 arithmetic that shares the screen between the panes (twice: again in the
/// errors panel a broken reload opens).
#[test]
fn a_terminal_of_65535_rows_or_columns_lays_out() {
    for (width, height) in [(140, 65535), (65535, 40), (65535, 65535), (1490, 100)] {
        for (zoom, broken) in [(false, false), (true, false), (false, true)] {
            for pane in Pane::ALL {
                let mut app = App::new(real(), Theme::new(true));
                if broken {
                    app.update(Action::Reloaded(Box::new(Reloaded {
                        file: "coach.yaml".into(),
                        result: reloaded(Reload::Broken),
                    })));
                }
                app.update(Action::Focus(pane));
                if zoom {
                    app.update(Action::ToggleZoom);
                }
                app.update(Action::Resize { width, height });
                app.update(Action::Bottom);
                assert!(app.list_height(pane) > 0);
                app.check_invariants().unwrap();
                extra_invariants(&app).unwrap();
            }
        }
    }
}
