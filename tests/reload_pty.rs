//! End-to-end live reload: the real browser in a pseudo-terminal on a temporary copy of the
//! fixture, saved from outside as an editor would (in place, and by renaming a new file over it).
//! The waits only guard against a hang; nothing is timed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;
const FIXTURE: &str = include_str!("fixtures/tui.yaml");

struct Session {
    /// Kept open for the session: closing it hangs up the browser's terminal.
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Session {
    fn start(args: &[&str]) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).expect("the browser starts");
        drop(pty.slave);
        // Both are constants above zero.
        let size = |n: u16| NonZeroU16::new(n).expect("a non-zero size");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(ROWS), size(COLS), 0)));
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("the parser").process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("a writer");
        Self {
            _master: pty.master,
            writer,
            child,
            parser,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("the parser").screen().contents()
    }

    /// Waits until the screen satisfies `ready`; fails with the screen if it never does.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys sent");
    }

    fn quit(&mut self) {
        self.send("q");
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.child.try_wait().expect("a status").is_none() {
            assert!(Instant::now() < deadline, "the browser did not quit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Saves as vim and VS Code do: a new file renamed over the old one.
fn save_by_rename(path: &Path, text: &str) {
    let temp = path.with_extension("yaml.tmp");
    std::fs::write(&temp, text).expect("written");
    std::fs::rename(&temp, path).expect("renamed");
}

#[test]
fn saving_reloads_a_broken_save_shows_the_errors_and_a_fix_clears_them() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("coach.yaml");
    std::fs::write(&path, FIXTURE).expect("written");
    let file = path.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&["--data", file]);
    s.wait_for("the browser", |t| t.contains("Stage 1/6 Chicago Fire"));

    // Go to the third stage, then save a new team name in place.
    s.send("]]");
    s.wait_for("the third stage", |t| t.contains("Stage 3/6 Once Caldas"));
    std::fs::write(&path, FIXTURE.replace("Once Caldas", "Once Caldas SA")).expect("written");
    s.wait_for("the reloaded stage, still selected", |t| {
        t.contains("Stage 3/6 Once Caldas SA") && t.contains("Reloaded")
    });

    // A save by rename that does not load: the last good dossier stays, the errors show.
    let broken = FIXTURE.replace("Once Caldas", "Once Caldas SA").replacen(
        "    kind: club\n",
        "    kind: clubb\n",
        1,
    );
    save_by_rename(&path, &broken);
    // The whole panel, not just its first line: a frame can reach the parser in several reads.
    let screen = s.wait_for("the errors panel", |t| {
        t.contains("⚠") && t.contains("|     kind: clubb") && t.contains("^^^^^")
    });
    assert!(screen.contains("Stage 3/6 Once Caldas SA"), "{screen}");
    assert!(screen.contains("coach.yaml:"), "{screen}");
    assert!(screen.contains("|     kind: clubb"), "{screen}");
    assert!(screen.contains("^^^^^"), "{screen}");

    // Fixed: the panel goes.
    save_by_rename(&path, &FIXTURE.replace("Once Caldas", "Once Caldas FC"));
    let screen = s.wait_for("the panel cleared", |t| {
        !t.contains("⚠") && t.contains("Once Caldas FC")
    });
    assert!(!screen.contains("kind: clubb"), "{screen}");
    s.quit();
}

/// `dossier --data draft.yaml` on a file that does not load: the browser opens on the errors
/// panel, its caret under the mistake; the first save that loads shows the dossier.
#[test]
fn a_broken_file_opens_the_errors_panel_and_a_good_save_shows_the_dossier() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("draft.yaml");
    let broken = FIXTURE.replacen("    kind: club\n", "    kind: clubb\n", 1);
    std::fs::write(&path, &broken).expect("written");
    let file = path.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&["--data", file]);
    let screen = s.wait_for("the errors panel", |t| {
        t.contains("⚠") && t.contains("|     kind: clubb") && t.contains("^^^^^")
    });
    assert!(screen.contains("draft.yaml:"), "{screen}");
    // The caret is under the misspelt value itself, not under another line.
    let lines: Vec<&str> = screen.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.contains("|     kind: clubb"))
        .expect("the source line");
    let carets = lines[source + 1];
    let value_at = lines[source].find("clubb").expect("the value");
    assert_eq!(carets.find('^'), Some(value_at), "{screen}");
    assert!(!screen.contains("Chicago Fire"), "{screen}");

    save_by_rename(&path, FIXTURE);
    let screen = s.wait_for("the dossier", |t| {
        t.contains("Stage 1/6 Chicago Fire") && !t.contains("⚠")
    });
    assert!(screen.contains("Trophies"), "{screen}");
    s.quit();
}
