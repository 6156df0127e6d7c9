//! Taking the terminal and giving it back. Raw mode, the alternate screen and mouse capture are
//! undone by a guard when the browser returns (normally or with an error), by a panic hook when
//! it panics, and by the event loop when a signal asks it to end (SIGINT, SIGQUIT, SIGTERM,
//! SIGHUP) or to stop (SIGTSTP, Ctrl-Z: [`Guard::suspend`] gives the terminal back first, and
//! takes it again when the shell continues the job). When the terminal itself goes away (its
//! window closed, the ssh connection lost), [`exit_on_hangup`] ends the process.

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
use ratatui::layout::{Position, Rect, Size};

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
        // As if the hang-up signal had ended it (128 + SIGHUP), which is what happened.
        std::process::exit(128 + signal_hook::consts::SIGHUP);
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

    /// Gives the terminal back and stops the process, as SIGTSTP would have without a handler;
    /// returns once the job is continued (SIGCONT), with the terminal taken again and the whole
    /// screen to be drawn anew, and the terminal's size now.
    #[cfg(unix)]
    pub fn suspend(&mut self, mouse: bool) -> io::Result<Size> {
        restore()?;
        // SIGSTOP cannot be caught: the process stops here, and goes on when continued.
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        self.resume(mouse)
    }

    /// Takes the terminal again after the process was stopped and continued (the shell set its
    /// own modes meanwhile): raw mode, the alternate screen, mouse capture when `mouse` is true,
    /// and a cleared screen, so that the next draw paints every cell. Returns the terminal's
    /// size, which may have changed meanwhile.
    pub fn resume(&mut self, mouse: bool) -> io::Result<Size> {
        enable_raw_mode()?;
        execute!(self.terminal.backend_mut(), EnterAlternateScreen)?;
        self.set_mouse(mouse)?;
        // `resize` clears the screen and forgets what was drawn (unlike `clear`, it does not
        // ask the terminal where the cursor is, which waits for an answer).
        let size = self.terminal.size()?;
        self.terminal.resize(Rect::from((Position::ORIGIN, size)))?;
        Ok(size)
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
