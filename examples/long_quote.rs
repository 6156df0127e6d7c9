//! What a key costs with a long quote selected (issue 13: drawing must cost what is visible):
//!
//!     cargo run --release --example long_quote -- --mb 30 --keys 200 [--text words|ascii|word|arabic|emoji]
//!         [--view panes|record] [--size 80x24]
//!
//! Builds the browser tests' fixture with its first quote replaced by `--mb` megabytes of text
//! (`words`: Spanish prose with accents; `ascii`: plain English; `word`: one 30 MB word with no
//! space to break at; `arabic`; `emoji`: flags, a family, a heart with a variation selector), selects that quote in the quotes pane (or opens it in the record view),
//! and then presses `--keys` keys as the event loop does (apply the action, draw the frame on a
//! TestBackend, hand the layout back). In the panes the keys go up and down between the long quote
//! and its neighbour, so every other frame draws it in the list and the details; in the record
//! view they page down through it, then `G` goes to its end. Prints the median and the slowest
//! key; nothing is asserted. Compare `--mb 0` with `--mb 30`, and `--keys 0` with `--keys N` to
//! take the setup out of whole-process timings.

use std::time::{Duration, Instant};

use dossier::tui::action::Action;
use dossier::tui::app::{App, Pane};
use dossier::tui::theme::Theme;
use dossier::tui::ui::Ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIXTURE: &str = include_str!("../tests/fixtures/tui.yaml");

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

fn text(kind: &str, bytes: usize) -> String {
    let unit = match kind {
        "ascii" => "We knew we could hurt them on the counter-attack, and we did. ",
        "word" => "x",
        "arabic" => "نحن سعداء بالتعاقد مع المدرب، وننتظر منه الكثير هذا الموسم. ",
        "emoji" => "Gracias ⚽🇨🇴 familia 👨‍👩‍👧 ❤️ ",
        _ => "Aprendí el fútbol en Inglaterra; la rotación viene de allá, señores. ",
    };
    let mut out = String::with_capacity(bytes + unit.len());
    while out.len() < bytes {
        out.push_str(unit);
    }
    out
}

fn main() {
    let mb: f64 = arg("--mb", "30").parse().expect("--mb is a number");
    let keys: usize = arg("--keys", "200").parse().expect("--keys is a number");
    let kind = arg("--text", "words");
    let view = arg("--view", "panes");
    let size = arg("--size", "80x24");
    let (w, h) = size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
        .expect("--size is WxH");

    let mut dossier = dossier::load::load_str("tui.yaml", FIXTURE).expect("the fixture loads");
    let bytes = (mb * 1024.0 * 1024.0) as usize;
    if bytes > 0 {
        dossier.quotes[0].text = text(&kind, bytes).into();
    }
    let long_id = dossier.quotes[0].id.clone();
    let mut app = App::new(dossier);
    let ui = Ui::new(Theme::new(true));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let mut frame = |app: &mut App| {
        let mut layout = None;
        terminal
            .draw(|f| layout = Some(ui.draw(f, app)))
            .expect("drawing on a test backend cannot fail");
        app.update(Action::Layout(Box::new(layout.unwrap_or_default())));
    };
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    app.update(Action::Focus(Pane::Quotes));
    let row = app
        .quote_rows
        .iter()
        .position(|&q| app.dossier.quotes[q].id == long_id)
        .expect("the long quote is listed");
    app.quotes.selected = row;
    frame(&mut app);
    if view == "record" {
        app.update(Action::OpenRecord);
        frame(&mut app);
    }

    let mut times: Vec<Duration> = Vec::with_capacity(keys);
    for k in 0..keys {
        let action = match (view.as_str(), k % 2) {
            ("record", _) if k + 1 == keys => Action::Bottom,
            ("record", _) => Action::PageDown,
            (_, 0) if row + 1 < app.quote_rows.len() => Action::Down,
            (_, 0) => Action::Up,
            _ if row + 1 < app.quote_rows.len() => Action::Up,
            _ => Action::Down,
        };
        let t = Instant::now();
        app.update(action);
        frame(&mut app);
        times.push(t.elapsed());
    }
    let last = times.last().copied();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    if let (Some(median), Some(max)) = (times.get(times.len() / 2), times.last()) {
        println!(
            "{mb} MB ({kind}), {view} at {size}: {keys} keys, median {:.3} ms, slowest {:.3} ms, \
             last ({}) {:.3} ms",
            ms(*median),
            ms(*max),
            if view == "record" { "G" } else { "j/k" },
            ms(last.unwrap_or_default()),
        );
    } else {
        println!("{mb} MB ({kind}), {view} at {size}: setup only");
    }
}
