//! The config file as a reader meets it: `dossier config` prints a default that loads back,
//! every kind of mistake is an error at its line and column (with the line and a caret), any
//! command given `--config` checks it, and the browser does not start on a broken one.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
mod common;
use common::{DataFile, data_file};

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the binary is built");
    cmd.env("NO_COLOR", "1").env("COLUMNS", "100");
    cmd
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Outcome {
    let out = cmd.output().expect("runs");
    Outcome {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// `dossier --config FILE config --check` on a file holding `text`.
fn check(text: &str) -> (DataFile, Outcome) {
    let file = data_file("config.toml", text);
    let out = run(dossier()
        .arg("--config")
        .arg(&file.path)
        .args(["config", "--check"]));
    (file, out)
}

/// The first line of the only error for `text`, from `config.toml:` on.
fn error(text: &str) -> String {
    let (_file, out) = check(text);
    assert_eq!(out.code, 1, "{text}\n{}{}", out.stdout, out.stderr);
    assert_eq!(out.stdout, "");
    let first = out.stderr.lines().next().expect("an error line");
    let at = first.find("config.toml:").expect("the file is named");
    // Every error shows the line it is about, with a caret.
    assert!(out.stderr.contains('^'), "{}", out.stderr);
    first[at..].to_string()
}

#[test]
fn the_default_file_is_complete_commented_and_loads_back() {
    let out = run(dossier().arg("config"));
    assert_eq!(out.code, 0);
    let text = out.stdout;
    assert!(text.starts_with("# dossier's settings"), "{text}");
    for line in [
        "mouse = true",
        "live_reload = true",
        "[colours]",
        "[keys.panes]",
        "[keys.global]",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(line)),
            "{line} missing:\n{text}"
        );
    }
    assert!(text.contains("quit = [\"q\"]"), "{text}");
    assert!(
        text.contains("page_down = [\"pagedown\", \"ctrl-d\"]"),
        "{text}"
    );
    let (_file, out) = check(&text);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert!(out.stdout.ends_with("config.toml: ok\n"), "{}", out.stdout);
}

#[test]
fn an_unknown_action_is_located_and_named() {
    assert_eq!(
        error("[keys.panes]\nfocus_nxt = [\"n\"]\n"),
        "config.toml:2:1: error: keys.panes.focus_nxt: unknown action `focus_nxt`; did you mean `focus_next`?"
    );
    // An action of another table says where it can be bound.
    let e = error("[keys.search]\nopen_url = [\"ctrl-o\"]\n");
    assert!(e.starts_with("config.toml:2:1: error: keys.search.open_url: `open_url` is not an action of [keys.search]"), "{e}");
    assert!(
        e.contains("it can be bound in [keys.panes], [keys.overlay]"),
        "{e}"
    );
    let e = error("[keys.pane]\nquit = [\"q\"]\n");
    assert!(
        e.starts_with(
            "config.toml:1:7: error: keys.pane: unknown key table `pane`; did you mean `panes`?"
        ),
        "{e}"
    );
}

#[test]
fn an_unknown_key_name_is_located_in_its_list() {
    let e = error("[keys.panes]\nquit = [\"q\", \"ctrl-qq\"]\n");
    assert!(
        e.starts_with("config.toml:2:14: error: keys.panes.quit: unknown key `qq`"),
        "{e}"
    );
    assert!(error("[keys.panes]\nquit = \"entr\"\n").contains("did you mean `enter`?"));
}

#[test]
fn a_key_bound_twice_in_one_table_is_located() {
    // Against a default: the file's binding is the one pointed at.
    assert_eq!(
        error("[keys.panes]\nup = [\"j\"]\n"),
        "config.toml:2:7: error: keys.panes.up: `j` is bound twice in [keys.panes]: to `up` here and to `down` by default (give `down` other keys to free it)"
    );
    // Both in the file.
    assert_eq!(
        error("[keys.panes]\nup = [\"x\"]\ndown = [\"x\"]\n"),
        "config.toml:3:9: error: keys.panes.down: `x` is bound twice in [keys.panes]: to `down` here and to `up` at line 2"
    );
    // The same key in two tables is no mistake; nor is moving a key from one action to another.
    // (`x`: a key neither table binds; `n` is the panes' next match now.)
    let (_f, out) = check("[keys.offer]\nnext_offer = [\"x\"]\n[keys.panes]\ndown = [\"x\"]\n");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (_f, out) = check("[keys.panes]\ndown = [\"k\"]\nup = [\"j\"]\n");
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn keys_the_browser_keeps_are_refused_where_they_cannot_work() {
    let e = error("[keys.search]\nsearch_cancel = [\"x\"]\n");
    assert!(
        e.starts_with(
            "config.toml:2:18: error: keys.search.search_cancel: `x` is typed there, not a key"
        ),
        "{e}"
    );
    let e = error("[keys.panes]\ndown = [\"ctrl-c\"]\n");
    assert!(
        e.starts_with("config.toml:2:9: error: keys.panes.down: `ctrl-c` always does `quit`"),
        "{e}"
    );
}

#[test]
fn a_bad_colour_and_an_unknown_colour_are_located() {
    let e = error("[colours]\ndim = \"purple\"\n");
    assert!(
        e.starts_with("config.toml:2:7: error: colours.dim: `purple` is not a colour"),
        "{e}"
    );
    assert!(e.contains("#rrggbb"), "{e}");
    assert_eq!(
        error("[colours]\nbordr = \"red\"\n"),
        "config.toml:2:1: error: colours.bordr: unknown colour `bordr`; did you mean `border`?"
    );
}

#[test]
fn an_unknown_setting_a_wrong_type_and_bad_toml_are_located() {
    let e = error("mouse = true\nmous = true\n");
    assert!(
        e.starts_with("config.toml:2:1: error: unknown field `mous`"),
        "{e}"
    );
    let e = error("mouse = \"yes\"\n");
    assert!(e.starts_with("config.toml:1:9: error:"), "{e}");
    assert!(e.contains("bool"), "{e}");
    let e = error("[keys.panes]\nquit = [\"q\"\n");
    assert!(e.starts_with("config.toml:2:"), "{e}");
    let e = error("[keys.panes]\nquit = 3\n");
    assert!(e.starts_with("config.toml:2:8: error:"), "{e}");
}

#[test]
fn every_mistake_is_reported_not_only_the_first() {
    let (_file, out) = check("[colours]\ndim = \"purple\"\n[keys.panes]\nquit = [\"nope\"]\n");
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("config.toml:2:7:"), "{}", out.stderr);
    assert!(out.stderr.contains("config.toml:4:9:"), "{}", out.stderr);
}

#[test]
fn any_command_given_a_config_checks_it() {
    let bad = data_file("bad.toml", "[colours]\ndim = \"purple\"\n");
    let out = run(dossier()
        .arg("--config")
        .arg(&bad.path)
        .args(["show", "timeline"]));
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("bad.toml:2:7: error: colours.dim"),
        "{}",
        out.stderr
    );
    // diff's trouble is 2.
    let out =
        run(dossier()
            .arg("--config")
            .arg(&bad.path)
            .args(["diff", "@embedded", "@embedded"]));
    assert_eq!(out.code, 2);
    let good = data_file("good.toml", "mouse = false\n[keys.panes]\nquit = [\"x\"]\n");
    let out = run(dossier().arg("--config").arg(&good.path).arg("check"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(dossier().args(["--config", "/nonexistent/dossier.toml", "check"]));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("/nonexistent/dossier.toml: error: cannot read the config file"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_file_is_found_under_xdg_config_home() {
    let home = tempfile::tempdir().expect("a folder");
    let xdg = home.path().join("xdg");
    let out = run(dossier()
        .env("XDG_CONFIG_HOME", &xdg)
        .args(["config", "--path"]));
    let expected = xdg.join("dossier").join("config.toml");
    assert_eq!(out.stdout.trim_end(), expected.display().to_string());
    // Without XDG_CONFIG_HOME: ~/.config.
    let out = run(dossier()
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", home.path())
        .args(["config", "--path"]));
    assert_eq!(
        out.stdout.trim_end(),
        home.path()
            .join(".config/dossier/config.toml")
            .display()
            .to_string()
    );
    // No file there: the defaults.
    let out = run(dossier()
        .env("XDG_CONFIG_HOME", &xdg)
        .args(["config", "--check"]));
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("no such file; the defaults are in force"),
        "{}",
        out.stdout
    );
    std::fs::create_dir_all(expected.parent().expect("a folder")).expect("made");
    std::fs::write(&expected, "live_reload = nope\n").expect("written");
    let out = run(dossier()
        .env("XDG_CONFIG_HOME", &xdg)
        .args(["config", "--check"]));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("config.toml:1:15: error:"),
        "{}",
        out.stderr
    );
    browser_does_not_start(
        &["--data", "data/osorio.yaml"],
        &[("XDG_CONFIG_HOME", &xdg)],
        "config.toml:1:15",
    );
}

#[test]
fn the_browser_does_not_start_on_a_broken_config() {
    let bad = data_file("bad.toml", "[keys.panes]\nup = [\"j\"]\n");
    let path = bad.path.display().to_string();
    browser_does_not_start(
        &["--config", &path],
        &[],
        "bad.toml:2:7: error: keys.panes.up",
    );
}

/// Runs the browser in a pseudo-terminal and checks that it exits 1 with `error` shown, without
/// ever switching to the alternate screen.
fn browser_does_not_start(args: &[&str], env: &[(&str, &Path)], error: &str) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("dossier"));
    cmd.args(args);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pty.slave.spawn_command(cmd).expect("starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let output = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the browser started on a broken config and did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pty.master);
    let output = String::from_utf8_lossy(&output.join().expect("the reader ends")).into_owned();
    assert_eq!(status.exit_code(), 1, "{output}");
    assert!(output.contains(error), "{output}");
    assert!(
        !output.contains("\x1b[?1049h"),
        "it took the terminal: {output:?}"
    );
}

#[test]
fn the_running_browser_uses_the_file_s_keys_and_colours() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    let file = data_file(
        "keys.toml",
        "[keys.panes]\nquit = [\"x\"]\n[colours]\nstatus_pane = \"#102030 on #405060\"\n",
    );
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("dossier"));
    cmd.args(["--no-watch", "--config"]);
    cmd.arg(&file.path);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut child = pty.slave.spawn_command(cmd).expect("starts");
    drop(pty.slave);
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("a size above zero");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(size(24), size(120), 0)));
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
    let mut writer = pty.master.take_writer().expect("a writer");
    let mut send = |keys: &str| {
        writer.write_all(keys.as_bytes()).expect("sent");
        writer.flush().expect("sent");
    };
    let screen = || parser.lock().expect("the parser").screen().clone();
    // A hang guard only: nothing here is timed.
    let wait_for = |what: &str, ready: &dyn Fn(&vt100::Screen) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !ready(&screen()) {
            assert!(
                Instant::now() < deadline,
                "never saw {what}:\n{}",
                screen().contents()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    };
    let status_bar = |s: &vt100::Screen| s.contents().lines().last().unwrap_or("").to_string();
    wait_for("the status bar's quit hint, on x", &|s| {
        status_bar(s).contains("x quit")
    });
    // The pane's name in the status bar has the file's colours.
    let cell = screen().cell(23, 2).cloned().expect("a cell");
    assert_eq!(cell.fgcolor(), vt100::Color::Rgb(0x10, 0x20, 0x30));
    assert_eq!(cell.bgcolor(), vt100::Color::Rgb(0x40, 0x50, 0x60));
    // q quits no more: the browser still answers `?` after it, and its help says x.
    send("q?");
    // The status bar is drawn last: when it shows the help's hints, the frame is whole.
    wait_for("the help with x for quit", &|s| {
        status_bar(s).contains("Esc back")
            && s.contents()
                .lines()
                .any(|l| l.contains(" x ") && l.contains("quit"))
    });
    assert!(child.try_wait().expect("waits").is_none(), "q quit");
    // Esc and x apart: together they would read as Alt-x.
    send("\x1b");
    // The help's own status bar may hint `x quit` too: wait for its `Esc back` to go, or the x
    // sent next could reach the browser with the Esc and read as Alt-x.
    wait_for("the help closed", &|s| {
        let bar = status_bar(s);
        bar.contains("x quit") && !bar.contains("Esc back")
    });
    send("x");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "x did not quit:\n{}",
            screen().contents()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn config_keys_prints_the_key_table_in_force() {
    // Without a file: the built-in table, the README's.
    let home = tempfile::tempdir().expect("a folder");
    let out = run(dossier()
        .env("XDG_CONFIG_HOME", home.path())
        .args(["config", "--keys"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");
    assert!(readme.contains(&out.stdout), "{}", out.stdout);
    // With one: its keys.
    let file = data_file(
        "keys.toml",
        "[keys.panes]\nquit = [\"x\"]\nshow_help = []\n",
    );
    let out = run(dossier()
        .arg("--config")
        .arg(&file.path)
        .args(["config", "--keys"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("| `x` | quit |"), "{}", out.stdout);
    assert!(
        out.stdout.contains("| (no key) | show this help |"),
        "{}",
        out.stdout
    );
    // A broken one: its mistakes, located, and no table.
    let bad = data_file("bad.toml", "[keys.panes]\nquit = [\"nope\"]\n");
    let out = run(dossier()
        .arg("--config")
        .arg(&bad.path)
        .args(["config", "--keys"]));
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("bad.toml:2:9: error:"),
        "{}",
        out.stderr
    );
}
