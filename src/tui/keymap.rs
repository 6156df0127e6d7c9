//! The one key table. Key handling, the help overlay and the status-bar hints are all read from
//! [`BINDINGS`], so the help can never disagree with what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::state::Pane;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, even in the search line and overlays.
    Global,
    /// Navigating the panes (no overlay, no search line).
    Panes,
    /// Only when the offer pane is focused.
    Offer,
    /// Typing in the search line.
    Search,
    /// The record view or an overlay (help, sources, disputes) is open.
    Overlay,
    /// The errors panel has the keyboard (after a save that does not load).
    Errors,
}

impl Context {
    /// The heading the help overlay gives this context.
    pub fn heading(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Panes => "Panes",
            Context::Offer => "Offer pane",
            Context::Search => {
                "Search and filter line (fzf syntax: words all match, 'exact ^start end$ !not a|b)"
            }
            Context::Overlay => "Record view and overlays (help, sources, disputes)",
            Context::Errors => "Errors panel (after a save that does not load)",
        }
    }
}

/// A key with its modifiers (Shift is ignored for characters: `G` is already upper case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt...
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Chord {
    Chord {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Chord {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl Chord {
    /// The chord of a key event, normalised so that the table can be matched exactly.
    pub fn from_event(event: &KeyEvent) -> Self {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        // Shift is part of the character already; Shift-Tab arrives as BackTab.
        if !matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers |= event.modifiers & KeyModifiers::SHIFT;
        }
        Self {
            code: event.code,
            modifiers,
        }
    }

    /// How the key is written in the help and the status bar.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::Backspace => "Bksp".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("^{}", name.to_uppercase())
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("M-{name}")
        } else {
            name
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys that do it (the first one is shown in hints).
    pub keys: &'static [Chord],
    /// What they do.
    pub action: Action,
    /// Where they work.
    pub context: Context,
    /// The line in the help overlay.
    pub help: &'static str,
    /// A word or two for the status bar, for the most useful keys.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// The keys, written for people: `j ↓`.
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Chord::label)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const fn bind(
    context: Context,
    keys: &'static [Chord],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        context,
        help,
        hint,
    }
}

use Context::{Errors, Global, Offer, Overlay, Panes, Search};

/// The key table, in the order the help overlay shows it.
pub static BINDINGS: &[Binding] = &[
    bind(Global, &[ctrl('c')], Action::Quit, "quit", None),
    bind(Panes, &[ch('q')], Action::Quit, "quit", Some("quit")),
    bind(
        Panes,
        &[ch('?')],
        Action::ShowHelp,
        "show this help",
        Some("help"),
    ),
    bind(
        Panes,
        &[key(KeyCode::Tab)],
        Action::FocusNext,
        "focus the next pane",
        None,
    ),
    bind(
        Panes,
        &[key(KeyCode::BackTab)],
        Action::FocusPrev,
        "focus the previous pane",
        None,
    ),
    bind(
        Panes,
        &[ch('1')],
        Action::Focus(Pane::Timeline),
        "focus the timeline",
        None,
    ),
    bind(
        Panes,
        &[ch('2')],
        Action::Focus(Pane::Trophies),
        "focus the trophies",
        None,
    ),
    bind(
        Panes,
        &[ch('3')],
        Action::Focus(Pane::Offer),
        "focus the offer pane",
        None,
    ),
    bind(
        Panes,
        &[ch('4')],
        Action::Focus(Pane::Quotes),
        "focus the quotes",
        None,
    ),
    bind(
        Panes,
        &[ch('j'), key(KeyCode::Down)],
        Action::Down,
        "move down",
        None,
    ),
    bind(
        Panes,
        &[ch('k'), key(KeyCode::Up)],
        Action::Up,
        "move up",
        None,
    ),
    bind(
        Panes,
        &[ch('g'), key(KeyCode::Home)],
        Action::Top,
        "go to the first row",
        None,
    ),
    bind(
        Panes,
        &[ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "go to the last row",
        None,
    ),
    bind(
        Panes,
        &[key(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "one page down",
        None,
    ),
    bind(
        Panes,
        &[key(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        "one page up",
        None,
    ),
    bind(
        Panes,
        &[ch(']')],
        Action::NextStage,
        "next career stage: every pane follows",
        Some("stage"),
    ),
    bind(
        Panes,
        &[ch('[')],
        Action::PrevStage,
        "previous career stage",
        None,
    ),
    bind(
        Panes,
        &[key(KeyCode::Enter)],
        Action::OpenRecord,
        "open the selected record whole: every field, disputes, sources",
        Some("open"),
    ),
    bind(
        Panes,
        &[ch('t')],
        Action::JumpToStage,
        "jump the timeline to the selected record's stage",
        None,
    ),
    bind(
        Panes,
        &[ch('/')],
        Action::OpenSearch,
        "filter the focused pane (quotes: ranked search of text, speaker, context)",
        Some("filter"),
    ),
    bind(
        Panes,
        &[ch('n')],
        Action::NextMatch,
        "next match of the filter or search",
        None,
    ),
    bind(Panes, &[ch('N')], Action::PrevMatch, "previous match", None),
    bind(
        Panes,
        &[ch('s')],
        Action::ShowSources,
        "sources of the selected record",
        Some("sources"),
    ),
    bind(
        Panes,
        &[ch('d')],
        Action::ShowDisputes,
        "disputed facts (≠): every version with its sources",
        Some("disputes"),
    ),
    bind(
        Panes,
        &[ch('o')],
        Action::OpenUrl,
        "open the selected record's first source in the browser",
        None,
    ),
    bind(
        Panes,
        &[ch('y')],
        Action::Copy,
        "copy the selected record's citation (OSC 52)",
        None,
    ),
    bind(
        Panes,
        &[key(KeyCode::Esc)],
        Action::ClearSearch,
        "clear the filter or the search results",
        None,
    ),
    bind(
        Panes,
        &[ch('z')],
        Action::ToggleZoom,
        "show the focused pane alone, or all four",
        None,
    ),
    bind(
        Panes,
        &[ch('m')],
        Action::ToggleMouse,
        "mouse capture on/off (off: the terminal selects text)",
        None,
    ),
    bind(
        Panes,
        &[ch('e')],
        Action::FocusErrors,
        "the errors panel, when a save does not load (⚠ in the status bar)",
        None,
    ),
    bind(
        Offer,
        &[ch('h'), key(KeyCode::Left)],
        Action::PrevOffer,
        "previous offer",
        Some("offers"),
    ),
    bind(
        Offer,
        &[ch('l'), key(KeyCode::Right)],
        Action::NextOffer,
        "next offer",
        None,
    ),
    bind(
        Search,
        &[key(KeyCode::Enter)],
        Action::SearchSubmit,
        "keep the filter or results, back to the panes",
        Some("keep"),
    ),
    bind(
        Search,
        &[key(KeyCode::Esc)],
        Action::SearchCancel,
        "clear the filter or search",
        Some("clear"),
    ),
    bind(
        Search,
        &[key(KeyCode::Backspace)],
        Action::SearchBackspace,
        "delete a character",
        None,
    ),
    bind(
        Search,
        &[ctrl('u')],
        Action::SearchClearLine,
        "empty the line",
        None,
    ),
    bind(
        Search,
        &[key(KeyCode::Down), ctrl('n')],
        Action::Down,
        "next result",
        Some("results"),
    ),
    bind(
        Search,
        &[key(KeyCode::Up), ctrl('p')],
        Action::Up,
        "previous result",
        None,
    ),
    bind(
        Overlay,
        &[key(KeyCode::Esc), ch('q')],
        Action::CloseOverlay,
        "close, back to where you were",
        Some("back"),
    ),
    bind(
        Overlay,
        &[ch('?')],
        Action::ShowHelp,
        "show or close this help",
        None,
    ),
    bind(
        Overlay,
        &[ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll down / next source",
        Some("move"),
    ),
    bind(
        Overlay,
        &[ch('k'), key(KeyCode::Up)],
        Action::Up,
        "scroll up / previous source",
        None,
    ),
    bind(
        Overlay,
        &[key(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "one page down",
        None,
    ),
    bind(
        Overlay,
        &[key(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        "one page up",
        None,
    ),
    bind(
        Overlay,
        &[ch('g'), key(KeyCode::Home)],
        Action::Top,
        "top",
        None,
    ),
    bind(
        Overlay,
        &[ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "bottom",
        None,
    ),
    bind(
        Overlay,
        &[key(KeyCode::Enter)],
        Action::OpenRecord,
        "sources: open the selected source whole",
        None,
    ),
    bind(
        Overlay,
        &[ch('s')],
        Action::ShowSources,
        "record view: the record's sources, one by one",
        None,
    ),
    bind(
        Overlay,
        &[ch('t')],
        Action::JumpToStage,
        "record view: close it and jump the timeline to the record's stage",
        None,
    ),
    bind(
        Overlay,
        &[ch('/')],
        Action::OpenSearch,
        "sources: filter the list (title, publisher, URL, note)",
        None,
    ),
    bind(
        Overlay,
        &[ch('o')],
        Action::OpenUrl,
        "open the URL (sources: the selected one; record: the first)",
        Some("open URL"),
    ),
    bind(
        Overlay,
        &[ch('y')],
        Action::Copy,
        "copy the citation (sources: the selected URL)",
        Some("copy"),
    ),
    bind(Errors, &[ch('q')], Action::Quit, "quit", None),
    bind(
        Errors,
        &[key(KeyCode::Esc)],
        Action::HideErrors,
        "hide the panel (the status bar still counts the errors)",
        Some("hide"),
    ),
    bind(
        Errors,
        &[ch('e'), key(KeyCode::Tab)],
        Action::FocusErrors,
        "back to the panes, the panel stays",
        Some("panes"),
    ),
    bind(
        Errors,
        &[ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll down",
        Some("scroll"),
    ),
    bind(
        Errors,
        &[ch('k'), key(KeyCode::Up)],
        Action::Up,
        "scroll up",
        None,
    ),
    bind(
        Errors,
        &[key(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "one page down",
        None,
    ),
    bind(
        Errors,
        &[key(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        "one page up",
        None,
    ),
    bind(
        Errors,
        &[ch('g'), key(KeyCode::Home)],
        Action::Top,
        "top",
        None,
    ),
    bind(
        Errors,
        &[ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "bottom",
        None,
    ),
];

/// The contexts in the order the help and the README list them.
pub const CONTEXTS: [Context; 6] = [
    Context::Panes,
    Context::Offer,
    Context::Search,
    Context::Overlay,
    Context::Errors,
    Context::Global,
];

/// The key table as Markdown, one table per context (README.md holds a copy that a test
/// keeps identical).
pub fn markdown_table() -> String {
    let mut out = String::new();
    for context in CONTEXTS {
        out.push_str(&format!(
            "**{}**\n\n| Key | What it does |\n| --- | --- |\n",
            context.heading()
        ));
        for b in BINDINGS.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("`{}`", k.label().replace('|', "\\|")))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.help));
        }
        out.push('\n');
    }
    out
}

/// The contexts that are active, most specific first.
pub fn active_contexts(searching: bool, overlay: bool, focus: Pane) -> Vec<Context> {
    if overlay {
        vec![Context::Overlay, Context::Global]
    } else if searching {
        vec![Context::Search, Context::Global]
    } else if focus == Pane::Offer {
        vec![Context::Offer, Context::Panes, Context::Global]
    } else {
        vec![Context::Panes, Context::Global]
    }
}

/// The action for a key in these contexts. In the search line, a plain character is typed.
pub fn action_for(event: &KeyEvent, contexts: &[Context]) -> Option<Action> {
    let chord = Chord::from_event(event);
    for context in contexts {
        if let Some(b) = BINDINGS
            .iter()
            .find(|b| b.context == *context && b.keys.contains(&chord))
        {
            return Some(b.action.clone());
        }
        if *context == Context::Search
            && let KeyCode::Char(c) = chord.code
            && chord.modifiers.is_empty()
        {
            return Some(Action::SearchInput(c));
        }
    }
    None
}

/// The status-bar hints for these contexts: (key, word), most specific context first.
pub fn hints(contexts: &[Context]) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for context in contexts {
        for b in BINDINGS.iter().filter(|b| b.context == *context) {
            if let Some(hint) = b.hint {
                out.push((hint_keys(b), hint, b.action.clone()));
            }
        }
    }
    // Help and quit close the list: they are known, the others are what the screen offers now.
    out.sort_by_key(|(_, _, action)| match action {
        Action::ShowHelp => 1,
        Action::Quit => 2,
        _ => 0,
    });
    out.into_iter()
        .map(|(keys, hint, _)| (keys, hint))
        .collect()
}

/// Pairs of keys read better together in a hint: `[ ]`, `←→`.
fn hint_keys(b: &Binding) -> String {
    match b.action {
        Action::NextStage => "[ ]".to_string(),
        Action::PrevOffer => "← →".to_string(),
        Action::Down if b.context == Context::Search => "↑↓".to_string(),
        Action::Down => "j k".to_string(),
        _ => b.keys[0].label(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn every_key_is_bound_once_per_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.context);
                    }
                }
            }
        }
    }

    #[test]
    fn shifted_letters_and_backtab_match_the_table() {
        let panes = active_contexts(false, false, Pane::Timeline);
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&g, &panes), Some(Action::Bottom));
        let back = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&back, &panes), Some(Action::FocusPrev));
    }

    #[test]
    fn the_search_line_types_letters_that_are_keys_elsewhere() {
        let search = active_contexts(true, false, Pane::Quotes);
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&q, &search), Some(Action::SearchInput('q')));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_c, &search), Some(Action::Quit));
    }

    #[test]
    fn offer_keys_work_only_in_the_offer_pane() {
        let l = press(KeyCode::Char('l'), KeyModifiers::NONE);
        let offer = active_contexts(false, false, Pane::Offer);
        assert_eq!(action_for(&l, &offer), Some(Action::NextOffer));
        let quotes = active_contexts(false, false, Pane::Quotes);
        assert_eq!(action_for(&l, &quotes), None);
    }
}
