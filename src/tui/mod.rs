//! The terminal browser: four panes (timeline, trophies, the Honduras offer, quotes), stage
//! jumping, live fuzzy quote search, and sources and disputes one key away.
//!
//! Data flows one way: a key or mouse event becomes an [`Action`](action::Action) through the
//! [`keymap`], [`App::update`](app::App::update) applies it, and [`ui::draw`] draws the state.

pub mod action;
pub mod app;
pub mod errors;
pub mod format;
pub mod keymap;
pub mod overlays;
pub mod panes;
pub mod searching;
pub mod settings;
pub mod system;
pub mod terminal;
pub mod theme;
pub mod ui;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod reload_tests;
#[cfg(test)]
mod tests;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::model::Dossier;
use crate::watch::{self, Reloaded};
use action::Action;
use app::{App, Effect};
use searching::SearchLink;
use theme::Theme;

/// How the browser starts.
#[derive(Debug, Clone)]
pub struct Options {
    /// Capture the mouse (click and wheel work; the terminal's own text selection does not, until
    /// `m` switches it off).
    pub mouse: bool,
    /// Colours on; false honours NO_COLOR.
    pub color: bool,
    /// The file the dossier came from (None for the embedded one, which is never reloaded).
    pub data_path: Option<PathBuf>,
    /// Reload the file when it is saved (`--no-watch` turns it off).
    pub watch: bool,
}

impl Default for Options {
    /// Mouse capture on, colours unless NO_COLOR is set, the embedded dossier.
    fn default() -> Self {
        Self {
            mouse: true,
            color: Theme::from_env().color,
            data_path: None,
            watch: true,
        }
    }
}

/// Turns a terminal event into an action (key presses only: some terminals also report
/// releases and repeats, which would act twice).
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap::action_for(key, &app.contexts())
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: mouse.column,
                y: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                x: mouse.column,
                y: mouse.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                x: mouse.column,
                y: mouse.row,
                down: false,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Runs the browser on `dossier` until the user quits. The terminal is restored on return, on
/// error, on panic, and on SIGTERM or SIGHUP.
pub fn run(dossier: Dossier, options: Options) -> io::Result<()> {
    let mut app = App::new(dossier, Theme::new(options.color));
    app.mouse = options.mouse;

    // SIGTERM and SIGHUP only raise a flag: the loop sees it within one poll and returns, so the
    // guard restores the terminal as on `q`.
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }

    let mut guard = terminal::Guard::enter(options.mouse)?;
    #[cfg(unix)]
    terminal::exit_on_hangup();
    let size = guard.terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let (report_tx, report_rx) = mpsc::channel::<String>();
    let (reload_tx, reload_rx) = mpsc::channel::<Reloaded>();
    // Kept alive for the whole session: dropping it stops the watch.
    let watching = match (&options.data_path, options.watch) {
        (Some(path), true) => match watch::watch(path, move |r| {
            // The loop is gone only when the browser is closing: nothing left to show.
            let _ = reload_tx.send(r);
        }) {
            Ok(w) => Some(w),
            Err(e) => {
                app.update(Action::Report(format!("Not watching the file: {e}")));
                None
            }
        },
        _ => None,
    };
    // Short while watching, so that a reload reaches the screen soon after it is ready.
    let poll = if watching.is_some() {
        Duration::from_millis(50)
    } else {
        Duration::from_millis(200)
    };

    let mut search = SearchLink::default();
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        while let Ok(text) = report_rx.try_recv() {
            app.update(Action::Report(text));
            dirty = true;
        }
        while let Ok(reloaded) = reload_rx.try_recv() {
            let effect = app.update(Action::Reloaded(Box::new(reloaded)));
            search.forget_if_stale(&app.dossier);
            perform(effect, &mut app, &mut guard, &mut search, &report_tx);
            dirty = true;
        }
        if let Some(results) = search.poll() {
            app.update(results);
            dirty = true;
        }
        if dirty {
            guard.terminal.draw(|frame| ui::draw(frame, &app))?;
            dirty = false;
        }
        // The timeout lets signals, reloads and reports from the opener be seen while no key is
        // pressed; while a search runs it is one frame, so that its results show promptly.
        let wait = if app.search.pending {
            Duration::from_millis(16)
        } else {
            poll
        };
        if !event::poll(wait)? {
            continue;
        }
        let event = event::read()?;
        let Some(action) = action_for_event(&app, &event) else {
            continue;
        };
        dirty = true;
        let effect = app.update(action);
        perform(effect, &mut app, &mut guard, &mut search, &report_tx);
    }
    drop(guard);
    Ok(())
}

/// Does the work an [`App::update`] asked for.
fn perform(
    effect: Option<Effect>,
    app: &mut App,
    guard: &mut terminal::Guard,
    search: &mut SearchLink,
    report_tx: &mpsc::Sender<String>,
) {
    match effect {
        None => {}
        Some(Effect::OpenUrl(url)) => system::open_url(&url, report_tx.clone()),
        Some(Effect::Copy(text)) => {
            if let Err(e) = guard.write_raw(system::osc52(&text).as_bytes()) {
                app.update(Action::Report(format!("Could not copy: {e}")));
            }
        }
        Some(Effect::SetMouse(on)) => {
            if let Err(e) = guard.set_mouse(on) {
                app.update(Action::Report(format!("Could not switch the mouse: {e}")));
            }
        }
        Some(Effect::Search { generation, query }) => {
            search.start(&app.dossier, generation, &query);
        }
    }
}
