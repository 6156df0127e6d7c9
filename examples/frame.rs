//! Measures the browser's frame cost and its first frame, for bench/TUI.md:
//!
//!     cargo run --release --example frame
//!
//! (a) One frame drawn on a 120x40 TestBackend, median of many draws, at 10 and at 100,000
//!     quotes, with the timeline focused, the quotes pane focused, and a search listing hits.
//! (b) The first frame on the embedded dossier: from the start of `main` to the end of the
//!     first draw (load, validate, App::new, one draw), as `dossier` does before its first frame.
//!
//! Numbers only: nothing is asserted.

use std::time::{Duration, Instant};

use dossier::tui::action::Action;
use dossier::tui::app::Pane;
use dossier::tui::app::{App, SEARCH_LIMIT};
use dossier::tui::theme::Theme;
use dossier::tui::ui::Ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const DRAWS: usize = 300;

fn main() {
    let start = Instant::now();
    let dossier = dossier::load::load_embedded().expect("the embedded dossier loads");
    let mut app = App::new(dossier);
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    terminal
        .draw(|frame| {
            Ui::new(Theme::new(true)).draw(frame, &app);
        })
        .expect("drawing on a test backend cannot fail");
    let first = start.elapsed();
    println!(
        "first frame, embedded dossier ({} quotes): {:.2} ms from main's start",
        app.dossier.quotes.len(),
        ms(first)
    );

    for quotes in [10, 100_000] {
        let built = Instant::now();
        let dossier = dossier::testgen::dossier(dossier::testgen::Spec::new(quotes));
        let mut app = App::new(dossier);
        let setup = built.elapsed();
        app.update(Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        });
        let timeline = median_frame(&app);
        app.update(Action::Focus(Pane::Quotes));
        let pane = median_frame(&app);
        // A search listing hits, as the worker's results would (with positions to highlight).
        app.update(Action::OpenSearch);
        let mut effect = None;
        for c in "jugadores".chars() {
            effect = app.update(Action::SearchInput(c));
        }
        let searched = app.search_now(effect);
        debug_assert!(searched.is_none());
        let search = median_frame(&app);
        println!(
            "{quotes:>7} quotes: frame median {:.3} ms (timeline) {:.3} ms (quotes pane) {:.3} ms \
             (search, {} hits listed, limit {SEARCH_LIMIT}); App::new {:.1} ms",
            ms(timeline),
            ms(pane),
            ms(search),
            app.search.hits.as_ref().map_or(0, Vec::len),
            ms(setup),
        );
    }
}

/// The median time of one full draw of `app` over many draws.
fn median_frame(app: &App) -> Duration {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    let ui = Ui::new(Theme::new(true));
    let mut times: Vec<Duration> = (0..DRAWS)
        .map(|_| {
            let t = Instant::now();
            terminal
                .draw(|frame| {
                    ui.draw(frame, app);
                })
                .expect("drawing on a test backend cannot fail");
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
