//! The terminal browser: four panes (timeline, trophies, the Honduras offer, quotes), stage
//! jumping, live fuzzy quote search, any record whole on Enter, and sources and disputes one key
//! away.
//!
//! Data flows one way: a key or mouse event becomes an [`Action`](action::Action) through the
//! [`keymap`], [`App::update`](app::App::update) applies it, and [`ui::Ui::draw`] draws the
//! state and returns the [`Layout`](layout::Layout) it used, which goes back to the app as an
//! action.

pub mod action;
pub mod app;
pub mod backend;
pub mod errors;
pub mod format;
pub mod keymap;
pub mod layout;
pub mod overlays;
pub mod panes;
pub mod searching;
pub mod settings;
pub mod state;
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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{
    self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::load::LoadError;
use crate::model::Dossier;
use crate::watch::{self, Reloaded};
use action::Action;
use app::{App, Effect};
use searching::SearchLink;
use theme::Theme;
use ui::Ui;

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

/// How the browser ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal ended it (its number): the process should exit with 128 plus it, as a shell
    /// reports a process that signal killed.
    Signal(i32),
}

/// The signals that end the browser: each would kill the process without a handler, leaving the
/// terminal raw, on the alternate screen, with mouse reporting on.
#[cfg(unix)]
const ENDING_SIGNALS: [i32; 6] = {
    use signal_hook::consts::*;
    [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2]
};

/// What the signal handlers tell the event loop; a handler only stores a number or a flag.
#[derive(Debug, Default)]
struct Signals {
    /// The signal that asks the browser to end, or 0.
    end: Arc<AtomicUsize>,
    /// SIGTSTP: stop, after giving the terminal back.
    stop: Arc<AtomicBool>,
    /// SIGCONT: the process was continued (after SIGTSTP or an uncatchable SIGSTOP).
    continued: Arc<AtomicBool>,
}

impl Signals {
    #[cfg(unix)]
    fn register() -> io::Result<Self> {
        use signal_hook::consts::{SIGCONT, SIGTSTP};
        use signal_hook::flag;
        let s = Self::default();
        for signal in ENDING_SIGNALS {
            // A number above 0: the cast cannot fail.
            flag::register_usize(signal, Arc::clone(&s.end), signal as usize)?;
        }
        flag::register(SIGTSTP, Arc::clone(&s.stop))?;
        flag::register(SIGCONT, Arc::clone(&s.continued))?;
        Ok(s)
    }

    #[cfg(not(unix))]
    fn register() -> io::Result<Self> {
        Ok(Self::default())
    }

    /// The signal that asks the browser to end, if one came.
    fn ending(&self) -> Option<i32> {
        match self.end.load(Ordering::Relaxed) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

/// Ctrl-Z: the terminal's suspend key, which raw mode delivers as a key instead of SIGTSTP.
fn is_suspend_key(event: &Event) -> bool {
    matches!(event, Event::Key(key) if key.kind == KeyEventKind::Press
        && key.code == KeyCode::Char('z')
        && key.modifiers == KeyModifiers::CONTROL)
}

/// Runs the browser on `dossier` until the user quits or a signal ends it. The terminal is
/// restored on return, on error, on panic, on the signals that end it, and before it stops
/// (SIGTSTP, Ctrl-Z); it is taken again and redrawn when the job continues.
pub fn run(dossier: Dossier, options: Options) -> io::Result<Ending> {
    run_app(App::new(dossier), options)
}

/// Runs the browser on a file that does not load: the errors panel fills the screen, and the
/// first save that loads shows the dossier.
pub fn run_on_errors(file: &str, error: &LoadError, options: Options) -> io::Result<Ending> {
    run_app(App::broken(file, error), options)
}

fn run_app(mut app: App, options: Options) -> io::Result<Ending> {
    let ui = Ui::new(Theme::new(options.color));
    app.mouse = options.mouse;
    // Rayon's workers (search, the loader's prechecks) start on first use and take the name of
    // the thread that started them, which can be a reload's: named here, they say what they are.
    // An error means the pool was already built, named or not: nothing to do.
    let _ = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("dossier-rayon-{i}"))
        .build_global();

    // Signals only store a number or raise a flag: the loop sees it within one poll and acts,
    // so the guard restores the terminal as on `q`.
    let signals = Signals::register()?;

    let mut guard = terminal::Guard::enter(options.mouse)?;
    #[cfg(unix)]
    terminal::exit_on_hangup();
    let size = guard.terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let (report_tx, report_rx) = mpsc::channel::<Action>();
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
    let mut ending = Ending::Quit;
    while !app.quit {
        if let Some(signal) = signals.ending() {
            ending = Ending::Signal(signal);
            break;
        }
        #[cfg(unix)]
        if signals.stop.swap(false, Ordering::Relaxed) {
            let size = guard.suspend(app.mouse)?;
            signals.continued.store(false, Ordering::Relaxed);
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
            dirty = true;
        }
        // Continued after a SIGSTOP nobody could catch: the shell has the terminal as it likes.
        if signals.continued.swap(false, Ordering::Relaxed) {
            let size = guard.resume(app.mouse)?;
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
            dirty = true;
        }
        while let Ok(report) = report_rx.try_recv() {
            app.update(report);
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
            // The app learns where things went; if that moves anything (a list that must scroll
            // to keep its selection in a resized pane), the second frame shows it.
            for _ in 0..2 {
                let mut layout = None;
                guard
                    .terminal
                    .draw(|frame| layout = Some(ui.draw(frame, &app)))?;
                let layout = layout.unwrap_or_default();
                if layout == app.layout {
                    break;
                }
                app.update(Action::Layout(Box::new(layout)));
            }
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
        if is_suspend_key(&event) {
            signals.stop.store(true, Ordering::Relaxed);
            continue;
        }
        let Some(action) = action_for_event(&app, &event) else {
            continue;
        };
        dirty = true;
        let effect = app.update(action);
        perform(effect, &mut app, &mut guard, &mut search, &report_tx);
    }
    drop(guard);
    Ok(ending)
}

/// Does the work an [`App::update`] asked for.
fn perform(
    effect: Option<Effect>,
    app: &mut App,
    guard: &mut terminal::Guard,
    search: &mut SearchLink,
    report_tx: &mpsc::Sender<Action>,
) {
    match effect {
        None => {}
        Some(Effect::OpenUrl(url)) => {
            let report = report_tx.clone();
            let shown = url.clone();
            // When the opener cannot start or fails, the address is shown to be read and copied.
            system::open_url(&url, move |why| {
                let _ = report.send(Action::OpenFailed {
                    url: shown.clone(),
                    why,
                });
            });
        }
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
