//! End-to-end: the real browser in a pseudo-terminal, read back through a vt100 parser, as a
//! user would see it. It opens, the search narrows, `]` jumps a stage, `?` shows the help, and
//! `q`, SIGTERM, SIGHUP, a failed write and a panic all give the terminal back (main screen, cursor
//! shown, cooked mode); a terminal that goes away under it ends it.
//!
//! The binary is `dossier` itself, but for the panic, which the `panic_restore` example provokes
//! inside the same `dossier::tui::run`. The waits below only guard against a hang; nothing is timed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[path = "common/pty.rs"]
mod pty;
use pty::{COLS, ROWS, Session, example};

#[test]
fn browse_search_jump_help_and_quit() {
    let browse = PathBuf::from(env!("CARGO_BIN_EXE_dossier"));
    let mut s = Session::start(&browse, &["--data", "tests/fixtures/tui.yaml"]);
    s.wait_for("the four panes", |t| {
        t.contains("Timeline")
            && t.contains("Trophies")
            && t.contains("Honduras offer")
            && t.contains("Quotes")
    });
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    assert!(s.screen().contains("Stage 1/6 Chicago Fire"));

    // The quote search (`/` in the quotes pane) narrows on every keystroke.
    s.send("4/");
    s.wait_for("the search line", |t| {
        t.contains("type to search 10 quotes")
    });
    s.send("hon");
    s.wait_for("hits for 'hon'", |t| {
        t.contains("/hon ") && t.contains(" of 10 quotes")
    });
    s.send("duras");
    s.wait_for("one hit for 'honduras'", |t| t.contains("1 of 10 quotes"));
    assert!(s.screen().contains("Agradezco a la Federación de Honduras"));
    s.send("\r");
    s.wait_for("the kept results", |t| {
        t.contains("/honduras: 1 of 10 quotes")
    });
    s.send("\x1b");
    // (Waiting for it matters: an Esc read together with the next key is Alt and that key.)
    s.wait_for("the search cleared", |t| {
        t.contains(" 10 quotes ") && !t.contains("/honduras")
    });

    // `]` jumps to the next stage; the header follows.
    s.send("1]");
    s.wait_for("the second stage", |t| {
        t.contains("Stage 2/6 New York Red Bulls")
    });

    // `?` shows the help, drawn from the keymap; Esc closes it.
    s.send("?");
    s.wait_for("the help", |t| {
        t.contains("Keys") && t.contains("show this help")
    });
    s.send("\x1b");
    s.wait_for("the help closed", |t| !t.contains("show this help"));

    // `q` in an overlay closes it, and the browser goes on; so in the record view (Enter).
    s.send("s");
    s.wait_for("the sources overlay", |t| {
        t.contains("Sources: New York Red Bulls")
    });
    s.send("q");
    s.wait_for("the sources closed", |t| {
        !t.contains("Sources: New York Red Bulls") && t.contains("Timeline")
    });
    s.send("\r");
    s.wait_for("the record view", |t| {
        t.contains("Stage 2/6 · New York Red Bulls")
    });
    s.send("q");
    s.wait_for("the record view closed", |t| {
        !t.contains("Stage 2/6 · New York Red Bulls") && t.contains("Trophies")
    });
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "q in an overlay quit"
    );

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn sigterm_gives_the_terminal_back() {
    let browse = PathBuf::from(env!("CARGO_BIN_EXE_dossier"));
    let mut s = Session::start(&browse, &["--data", "tests/fixtures/tui.yaml"]);
    s.wait_for("the browser", |t| t.contains("Timeline"));
    let pid = s.child.process_id().expect("a process id");
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn a_panic_gives_the_terminal_back_and_its_message_is_readable() {
    let program = example("panic_restore");
    let mut s = Session::start(&program, &[]);
    let status = s.wait_exit();
    assert!(!status.success());
    s.assert_restored();
    // The message was printed after the restore, so it is on the main screen.
    assert!(s.screen().contains("deliberate panic"), "{}", s.screen());
}

#[test]
fn sighup_gives_the_terminal_back() {
    let browse = PathBuf::from(env!("CARGO_BIN_EXE_dossier"));
    let mut s = Session::start(&browse, &["--data", "tests/fixtures/tui.yaml"]);
    s.wait_for("the browser", |t| t.contains("Timeline"));
    let pid = s.child.process_id().expect("a process id");
    let hung = Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(hung.success());
    s.wait_exit();
    s.assert_restored();
}

/// The terminal goes away under the browser (its window is closed): the browser must end, not stay
/// behind spinning on a terminal that is gone (crossterm's reader retries a dead tty forever).
#[test]
fn a_closed_terminal_ends_the_browser() {
    let browse = PathBuf::from(env!("CARGO_BIN_EXE_dossier"));
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(&browse);
    cmd.args(["--data", "tests/fixtures/tui.yaml"]);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).expect("the browser starts");
    drop(pty.slave);
    // Read (in this thread, so that no other copy of the master stays open) until the first frame.
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    while !String::from_utf8_lossy(&seen).contains("Timeline") {
        let n = reader.read(&mut buf).expect("the browser draws");
        assert!(n > 0, "the browser ended before drawing");
        seen.extend_from_slice(&buf[..n]);
    }
    drop(reader);
    drop(pty.master);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the browser outlived its terminal by 20 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Drawing fails in the middle of a session (stdout is a second terminal that goes away, while the
/// keyboard's terminal stays): the browser ends with a message, and the keyboard's terminal is
/// back in cooked mode.
#[test]
fn an_output_error_gives_the_terminal_back() {
    let browse = env!("CARGO_BIN_EXE_dossier");
    let out_pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a second pseudo-terminal");
    let out_tty = out_pty
        .master
        .tty_name()
        .expect("the second terminal's name");
    let drawn = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut out_reader = out_pty.master.try_clone_reader().unwrap();
    let reader = {
        let (drawn, stop) = (Arc::clone(&drawn), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Drains the output terminal until told to stop; returning drops the last copy of
            // its master, which hangs the terminal up.
            while let Ok(n) = out_reader.read(&mut buf) {
                if n == 0 || stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                drawn.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let script = r#"exec "$0" --data tests/fixtures/tui.yaml >"$1""#;
    let mut s = Session::start(
        Path::new("sh"),
        &["-c", script, browse, &out_tty.display().to_string()],
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while !String::from_utf8_lossy(&drawn.lock().unwrap()).contains("Timeline") {
        assert!(Instant::now() < deadline, "the browser never drew");
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(
        !s.parser.lock().unwrap().screen().alternate_screen(),
        "the keyboard's terminal got the drawing"
    );
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    drop(out_pty.slave);
    drop(out_pty.master);
    // Keys make the browser draw: the first frame wakes the reader, which then lets go of the
    // output terminal; a later one fails to write.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut down = true;
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the browser kept running");
        s.send(if down { "j" } else { "k" });
        down = !down;
        std::thread::sleep(Duration::from_millis(100));
    };
    reader.join().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert!(!status.success());
    assert!(
        s.screen().contains("the terminal failed"),
        "no message: {}",
        s.screen()
    );
    let tty = s.master.tty_name().expect("the keyboard terminal's name");
    pty::assert_cooked(&tty);
}
