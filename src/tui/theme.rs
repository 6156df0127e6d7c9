//! Styles. Only the 16 basic ANSI colours are used, so the browser reads the same in any terminal
//! and under any palette; with NO_COLOR there are no colours at all, and everything that matters
//! (selection, focus, matches, disputes) still shows through REVERSED, BOLD and UNDERLINED.

use ratatui::style::{Color, Modifier, Style};

/// Every style the browser draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Colours are on (false under NO_COLOR).
    pub color: bool,
    /// Secondary text: dates, counts, labels.
    pub dim: Style,
    /// A pane's border when it is not focused.
    pub border: Style,
    /// The focused pane's border and title.
    pub border_focused: Style,
    /// A pane's title when it is not focused.
    pub title: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of a pane that is not focused.
    pub selected_unfocused: Style,
    /// Rows that belong to the selected career stage.
    pub in_stage: Style,
    /// Characters that matched the search.
    pub matched: Style,
    /// A title won.
    pub won: Style,
    /// A final lost.
    pub runner_up: Style,
    /// The marker of a disputed fact.
    pub disputed: Style,
    /// Group headers inside a pane.
    pub heading: Style,
    /// The subject's name in the header.
    pub name: Style,
    /// A stage's bar on the year strip.
    pub bar: Style,
    /// The selected stage's bar on the year strip.
    pub bar_selected: Style,
    /// The focused pane's name in the status bar.
    pub status_pane: Style,
    /// A key in the status bar hints.
    pub key: Style,
    /// A status-bar message.
    pub message: Style,
    /// A status-bar error.
    pub error: Style,
}

impl Theme {
    /// The theme for the environment: no colours when NO_COLOR is set to anything non-empty.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self::new(!no_color)
    }

    /// A theme with or without colours.
    pub fn new(color: bool) -> Self {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        if !color {
            return Self {
                color,
                dim: plain,
                border: plain,
                border_focused: bold,
                title: plain,
                selected: reversed,
                selected_unfocused: Style::new()
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                in_stage: bold,
                matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                won: plain,
                runner_up: plain,
                disputed: bold,
                heading: Style::new().add_modifier(Modifier::UNDERLINED),
                name: bold,
                bar: plain,
                bar_selected: bold,
                status_pane: reversed,
                key: bold,
                message: bold,
                error: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            };
        }
        Self {
            color,
            dim: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            title: Style::new().fg(Color::Gray),
            selected: reversed.fg(Color::Cyan),
            selected_unfocused: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            in_stage: Style::new().fg(Color::Yellow),
            matched: Style::new()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            won: Style::new().fg(Color::Green),
            runner_up: Style::new().fg(Color::Yellow),
            disputed: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            name: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::Blue),
            bar_selected: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            status_pane: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            message: Style::new().fg(Color::Green),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::new(true)
    }
}
