//! Takes the terminal exactly as the browser does (raw mode, alternate screen, mouse capture),
//! draws once, then panics: the end-to-end test checks that the terminal comes back and that the
//! panic message is readable on the main screen.

use dossier::tui::terminal::Guard;
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut guard = Guard::enter(true)?;
    guard
        .terminal
        .draw(|frame| frame.render_widget(Paragraph::new("about to panic"), frame.area()))?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    panic!("deliberate panic to test the terminal restore");
}
