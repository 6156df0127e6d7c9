//! Taking the terminal and giving it back. Raw mode, the alternate screen and mouse capture are
//! undone by a guard when the browser returns (normally or with an error), by a panic hook when
//! it panics, and by the event loop when SIGTERM or SIGHUP arrive. When the terminal itself goes
//! away (its window closed, the ssh connection lost), [`exit_on_hangup`] ends the process.

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

use super::backend::RunBackend;

/// The terminal the browser draws on (emoji drawn as one run of cells: see `backend`).
pub type Tui = Terminal<RunBackend<CrosstermBackend<Stdout>>>;

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

/// Starts a thread that waits, without reading, for the terminal on stdin to hang up, then ends
/// the process. crossterm 0.29's event reader retries forever on a terminal that is gone (reads
/// return 0 or EIO; crossterm-rs/crossterm#793), so the event loop would never get control back
/// to see SIGHUP: the process would stay behind, spinning a core. The restore is tried all the
/// same, for a terminal that reports an error but still listens.
#[cfg(unix)]
pub fn exit_on_hangup() {
    use rustix::event::{PollFd, PollFlags, poll};
    use rustix::io::Errno;

    std::thread::spawn(|| {
        let stdin = io::stdin();
        loop {
            // No events asked for: poll returns only for a hang-up, an error or a closed fd,
            // which it always reports, so the thread sleeps until then and takes no keys.
            let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
            match poll(&mut fds, None) {
                Ok(_) => {
                    let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
                    if fds[0].revents().intersects(gone) {
                        break;
                    }
                }
                Err(Errno::INTR) => {}
                // Nothing to watch with: the browser runs as it would without the watchdog.
                Err(_) => return,
            }
        }
        let _ = restore();
        std::process::exit(1);
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
            Terminal::new(RunBackend::new(CrosstermBackend::new(io::stdout())))
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
