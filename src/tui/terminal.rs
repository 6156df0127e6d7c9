//! Taking the terminal and giving it back. Raw mode, the alternate screen and mouse capture are
//! undone by a guard when the browser returns (normally or with an error), by a panic hook when
//! it panics, and by the event loop when SIGTERM or SIGHUP arrive.

use std::io::{self, Stdout, Write};
use std::sync::Once;

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal the browser draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal back as the shell expects it: mouse capture off, main screen, cursor shown,
/// cooked mode. Every step is tried even if an earlier one fails.
pub fn restore() -> io::Result<()> {
    let mut out = io::stdout();
    let screen = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
    let raw = disable_raw_mode();
    let _ = out.flush();
    screen.and(raw)
}

/// Installs (once per process) a panic hook that restores the terminal before the panic message
/// is printed, so the message lands on the main screen, readable.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// Owns the terminal while the browser runs; dropping it restores the terminal.
pub struct Guard {
    /// The terminal to draw on.
    pub terminal: Tui,
}

impl Guard {
    /// Enters raw mode and the alternate screen, with mouse capture when `mouse` is true.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        install_panic_hook();
        enable_raw_mode()?;
        // From here on a failure must restore what was already changed.
        let setup = (|| -> io::Result<Tui> {
            let mut out = io::stdout();
            execute!(out, EnterAlternateScreen)?;
            if mouse {
                execute!(out, EnableMouseCapture)?;
            }
            Terminal::new(CrosstermBackend::new(io::stdout()))
        })();
        match setup {
            Ok(terminal) => Ok(Self { terminal }),
            Err(e) => {
                let _ = restore();
                Err(e)
            }
        }
    }

    /// Switches mouse capture on or off.
    pub fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        if on {
            execute!(self.terminal.backend_mut(), EnableMouseCapture)
        } else {
            execute!(self.terminal.backend_mut(), DisableMouseCapture)
        }
    }

    /// Writes raw bytes (an OSC 52 sequence) to the terminal.
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        let out = self.terminal.backend_mut();
        out.write_all(bytes)?;
        out.flush()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = restore();
    }
}
