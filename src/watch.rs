//! Live reload: watch a dossier file and load it again after each save.
//!
//! The file's folder is watched, not the file: editors that save by writing a new file and
//! renaming it over the old one (vim, VS Code, most "atomic save" settings) replace the file the
//! watch was on, and a watch on the old one would see nothing more. Events are debounced
//! (notify-debouncer-full, as notify recommends), so the several events of one save give one
//! reload, then filtered: by file name, and by kind, as reading the file (the reload itself, or
//! `cat`) is an event too on Linux and must not trigger another reload.
//!
//! The watcher's thread never loads (nor reads) the file: each save starts a load on a thread of
//! its own, at once, so that a save made while a slow load runs shows within its own load time,
//! and a result is handed to a callback (the browser sends it down a channel to its event loop)
//! only if no later save's result was handed over first: a newer save supersedes a load still
//! running.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::load::{self, LoadError};
use crate::model::Dossier;

/// How long after a change a file is reloaded: long enough to group the events of one save
/// (write, rename, chmod), short enough that the screen follows within half a second.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How long to wait for a file that an editor removed to save it again.
const REAPPEAR_WAIT: Duration = Duration::from_millis(50);
const REAPPEAR_TRIES: u32 = 6;

/// A reload: the dossier, or why the file does not load now (with the text that was read, for
/// the snippets).
#[derive(Debug, Clone, PartialEq)]
pub struct Reloaded {
    /// The file, as the user named it.
    pub file: String,
    /// The dossier as it is on disk now, or every problem in it.
    pub result: Result<Dossier, LoadError>,
}

/// Loads the file at `path` as it is now.
pub fn reload(path: &Path) -> Reloaded {
    // An editor that saves by delete-and-write leaves a moment with no file at all.
    for _ in 0..REAPPEAR_TRIES {
        if path.exists() {
            break;
        }
        std::thread::sleep(REAPPEAR_WAIT);
    }
    Reloaded {
        file: path.display().to_string(),
        result: load::load_path(path),
    }
}

/// Loads at most this many versions of the file at once; a save past that waits for one of them
/// to end (and then loads the file as it is then). Each load is bounded by the reader's budgets;
/// this bounds how many run side by side when saves come faster than loads end.
const MAX_LOADS: usize = 4;

/// The loads of one watched file: each save starts one, and a result reaches the callback only
/// if it is newer than every result that reached it before.
struct Loads {
    state: Mutex<LoadState>,
    load: Box<dyn Fn() -> Reloaded + Send + Sync>,
    on_reload: Mutex<Box<dyn FnMut(Reloaded) + Send>>,
}

#[derive(Debug, Default)]
struct LoadState {
    /// The number of loads started so far: the last one's generation.
    started: u64,
    /// The generation of the last result handed to the callback.
    shown: u64,
    /// Loads running now.
    running: usize,
    /// A save came while [`MAX_LOADS`] loads ran.
    waiting: bool,
}

/// A lock that a panic elsewhere does not poison for good: the state stays usable.
fn lock<T: ?Sized>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Loads {
    fn new(
        load: impl Fn() -> Reloaded + Send + Sync + 'static,
        on_reload: impl FnMut(Reloaded) + Send + 'static,
    ) -> Arc<Self> {
        Arc::new(Self {
            state: Mutex::new(LoadState::default()),
            load: Box::new(load),
            on_reload: Mutex::new(Box::new(on_reload)),
        })
    }

    /// The file was saved: load it, at once unless [`MAX_LOADS`] loads run. Never blocks.
    fn saved(self: &Arc<Self>) {
        let mut state = lock(&self.state);
        if state.running >= MAX_LOADS {
            state.waiting = true;
        } else {
            self.start(&mut state);
        }
    }

    fn start(self: &Arc<Self>, state: &mut LoadState) {
        state.started += 1;
        state.running += 1;
        let generation = state.started;
        let loads = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("dossier-reload".into())
            .spawn(move || loads.run(generation));
        if spawned.is_err() {
            // No thread to be had: the next save, or the end of a running load, tries again.
            state.running -= 1;
            state.waiting = true;
        }
    }

    fn run(self: Arc<Self>, generation: u64) {
        let reloaded = (self.load)();
        let mut state = lock(&self.state);
        state.running -= 1;
        // A newer save's result was shown first: this one is out of date.
        if generation > state.shown {
            state.shown = generation;
            // Under the state's lock, so results reach the callback in generation order.
            (lock(&self.on_reload))(reloaded);
        }
        if state.waiting {
            state.waiting = false;
            self.start(&mut state);
        }
    }
}

/// A running watch; dropping it stops watching.
pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

/// Watches `path` and calls `on_reload` with the file loaded again after each save, unless a
/// later save's load ended first. The callback runs on a loading thread, never two at once.
pub fn watch(
    path: &Path,
    on_reload: impl FnMut(Reloaded) + Send + 'static,
) -> Result<Watch, String> {
    // Through a symlink, the real file is the one edited and the one whose folder sees events.
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let name: OsString = real
        .file_name()
        .ok_or_else(|| format!("{} is not a file", path.display()))?
        .to_os_string();
    let folder: PathBuf = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let shown = path.to_path_buf();
    let loads = {
        let real = real.clone();
        Loads::new(
            move || Reloaded {
                file: shown.display().to_string(),
                result: reload(&real).result,
            },
            on_reload,
        )
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |events: DebounceEventResult| {
        // A watcher error (the folder went away, too many watches) changes nothing on screen:
        // the last good dossier stays, and the next event that arrives still reloads.
        let Ok(events) = events else { return };
        let saved = events.iter().any(|e| {
            // Events were lost (a full queue): the file may have changed.
            e.need_rescan()
                || (!e.kind.is_access()
                    && e.paths
                        .iter()
                        .any(|p| p.file_name() == Some(name.as_os_str())))
        });
        if saved {
            loads.saved();
        }
    })
    .map_err(|e| e.to_string())?;
    debouncer
        .watch(&folder, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
    Ok(Watch {
        _debouncer: debouncer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Generous: only a guard against hanging if no event ever comes, never a timing assertion.
    const HANG_GUARD: Duration = Duration::from_secs(20);

    fn skeleton(name: &str) -> String {
        crate::skeleton::render(name).expect("a skeleton")
    }

    /// Waits for the reload whose file has `name` as subject (earlier ones may still arrive
    /// from a previous write of the same test).
    fn wait_for(rx: &mpsc::Receiver<Reloaded>, want: impl Fn(&Reloaded) -> bool) -> Reloaded {
        loop {
            let r = rx.recv_timeout(HANG_GUARD).expect("a reload arrives");
            if want(&r) {
                return r;
            }
        }
    }

    /// A skeleton dossier (subject "First Name") in a new folder, watched, its reloads sent to
    /// the receiver. The folder lives as long as the returned `TempDir`.
    fn watched_skeleton() -> (tempfile::TempDir, PathBuf, mpsc::Receiver<Reloaded>, Watch) {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("coach.yaml");
        std::fs::write(&path, skeleton("First Name")).expect("written");
        let (tx, rx) = mpsc::channel();
        let watch = watch(&path, move |r| {
            let _ = tx.send(r);
        })
        .expect("the watch starts");
        (dir, path, rx, watch)
    }

    fn subject(r: &Reloaded) -> Option<&str> {
        r.result.as_ref().ok().map(|d| d.subject.name.as_str())
    }

    #[test]
    fn a_save_reloads_and_a_rename_over_the_file_too() {
        let (dir, path, rx, _watch) = watched_skeleton();

        // A plain write in place.
        std::fs::write(&path, skeleton("Second Name")).expect("written");
        let r = wait_for(&rx, |r| subject(r) == Some("Second Name"));
        assert_eq!(r.file, path.display().to_string());

        // Write a new file and rename it over the old one, as vim and VS Code do.
        let temp = dir.path().join(".coach.yaml.swp");
        std::fs::write(&temp, skeleton("Third Name")).expect("written");
        std::fs::rename(&temp, &path).expect("renamed");
        wait_for(&rx, |r| subject(r) == Some("Third Name"));

        // A save that breaks the file reports it, with the text for the snippets.
        std::fs::write(&path, "subject: [broken\n").expect("written");
        let r = wait_for(&rx, |r| r.result.is_err());
        let e = r.result.expect_err("it does not load");
        assert!(e.text.as_deref().is_some_and(|s| s.contains("[broken")));
    }

    #[test]
    fn reading_the_file_is_not_a_save() {
        let (_dir, path, rx, _watch) = watched_skeleton();
        // Reads open and close the file: inotify reports both. (The reload itself reads the
        // file, so if reads counted, every reload would cause another, forever.)
        for _ in 0..3 {
            std::fs::read(&path).expect("read");
        }
        // Not a timing assertion: the pause only keeps the reads and the save in separate
        // bursts, so that a reload caused by the reads would come first, with the old name.
        std::thread::sleep(DEBOUNCE * 3);
        std::fs::write(&path, skeleton("Second Name")).expect("written");
        let first = rx.recv_timeout(HANG_GUARD).expect("a reload arrives");
        assert_eq!(subject(&first), Some("Second Name"));
    }

    /// A load that takes as long as the test says: the first blocks until released.
    #[test]
    fn a_newer_save_supersedes_a_load_still_running() {
        let (release_tx, release_rx) = mpsc::channel::<()>();
        let release_rx = Mutex::new(release_rx);
        let count = std::sync::atomic::AtomicUsize::new(0);
        let (started_tx, started_rx) = mpsc::channel::<usize>();
        let started_tx = Mutex::new(started_tx);
        let (tx, rx) = mpsc::channel();
        let loads = Loads::new(
            move || {
                let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let _ = lock(&started_tx).send(n);
                if n == 0 {
                    // The slow load: until the test lets it end.
                    let _ = lock(&release_rx).recv_timeout(HANG_GUARD);
                }
                Reloaded {
                    file: format!("version {}", n + 1),
                    result: Err(LoadError {
                        diagnostics: Vec::new(),
                        text: None,
                    }),
                }
            },
            move |r| {
                let _ = tx.send(r.file);
            },
        );
        loads.saved();
        // The first load is under way before the second save.
        assert_eq!(started_rx.recv_timeout(HANG_GUARD), Ok(0));
        loads.saved();
        // The second save shows while the first load still runs.
        assert_eq!(rx.recv_timeout(HANG_GUARD).as_deref(), Ok("version 2"));
        release_tx.send(()).expect("the slow load waits");
        // The slow load ends, out of date: nothing more reaches the callback, even a later
        // save's (which does).
        loads.saved();
        assert_eq!(rx.recv_timeout(HANG_GUARD).as_deref(), Ok("version 3"));
        assert!(rx.recv_timeout(DEBOUNCE).is_err());
    }

    #[test]
    fn reload_reports_a_broken_file_with_its_text() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("coach.yaml");
        std::fs::write(&path, "subject: {name: X}\nsourcs: []\n").expect("written");
        let e = reload(&path).result.expect_err("it does not load");
        assert!(!e.diagnostics.is_empty());
        assert_eq!(e.text.as_deref(), Some("subject: {name: X}\nsourcs: []\n"));
    }
}
