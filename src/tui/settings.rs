//! What the browser lets a reader set, as data for the config file ([`crate::config`]): the key
//! table's contexts and actions with their keys, and the theme's colours; and, the other way, the
//! key table ([`keymap`]) and the theme ([`theme`]) a config file makes.
//!
//! Names come from the table itself: an action is named after its variant in snake_case
//! (`FocusNext` is `focus_next`, `Focus(Pane::Quotes)` is `focus_quotes`), a context after its
//! own, so an action added to [`BINDINGS`] can be bound from the file with no edit anywhere.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Modifier, Style};

use super::action::Action;
use super::keymap::{BINDINGS, Binding, CONTEXTS, Chord, Context, KeyRow, Keymap};
use super::theme::Theme;
use crate::config::{ActionKeys, ColourSlot, Colours, Config, ContextKeys, Defaults, Key};

/// The defaults the config file starts from.
pub fn defaults() -> Defaults {
    Defaults {
        mouse: true,
        live_reload: true,
        contexts: CONTEXTS.iter().map(|&c| context_keys(c)).collect(),
        colours: colour_slots(&Theme::new(true)),
    }
}

/// The name of an action in the config file.
pub fn action_name(action: &Action) -> String {
    snake_case(&format!("{action:?}"))
}

/// The name of a context in the config file: `[keys.panes]`.
pub fn context_name(context: Context) -> String {
    snake_case(&format!("{context:?}"))
}

/// `FocusNext` → `focus_next`, `Focus(Quotes)` → `focus_quotes`: the variant's words, with a
/// unit payload's name after them.
fn snake_case(debug: &str) -> String {
    let mut out = String::new();
    for c in debug.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// The key the config file names for a key of the table.
pub fn key_of(chord: &Chord) -> Key {
    Key {
        code: chord.code,
        modifiers: chord.modifiers,
    }
}

/// Ctrl-C quits from anywhere, whatever the file says: a reader can always get out.
fn fixed(context: Context, action: &Action) -> Vec<Key> {
    match (context, action) {
        (Context::Global, Action::Quit) => vec![Key {
            code: KeyCode::Char('c'),
            modifiers: KeyModifiers::CONTROL,
        }],
        _ => Vec::new(),
    }
}

fn context_keys(context: Context) -> ContextKeys {
    let mut actions: Vec<ActionKeys> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.context == context) {
        let name = action_name(&b.action);
        let keys = b.keys.iter().map(key_of);
        // One action on two rows of a context is one setting with the keys of both.
        match actions.iter_mut().find(|a| a.name == name) {
            Some(a) => {
                a.keys.extend(keys);
                a.help = format!("{}; {}", a.help, b.help);
            }
            None => actions.push(ActionKeys {
                name,
                help: b.help.to_string(),
                keys: keys.collect(),
                fixed: fixed(context, &b.action),
            }),
        }
    }
    ContextKeys {
        name: context_name(context),
        heading: context.heading().to_string(),
        types_text: context == Context::Search,
        actions,
    }
}

/// Every colour of the theme, named as its field, with what is drawn in it.
fn colour_slots(theme: &Theme) -> Vec<ColourSlot> {
    let mut theme = *theme;
    slots(&mut theme)
        .into_iter()
        .map(|(slot, help, style)| ColourSlot {
            name: slot.to_string(),
            help: help.to_string(),
            colours: Colours {
                fg: style.fg,
                bg: style.bg,
            },
        })
        .collect()
}

/// Each style of the theme by its name in the file, with what is drawn in it. The pattern names
/// every field, so a colour added to the theme does not compile until it is named here too.
fn slots(theme: &mut Theme) -> Vec<(&'static str, &'static str, &mut Style)> {
    let Theme {
        color: _,
        dim,
        border,
        border_focused,
        title,
        selected,
        selected_unfocused,
        in_stage,
        matched,
        won,
        runner_up,
        disputed,
        heading,
        name,
        bar,
        bar_selected,
        status_pane,
        key,
        message,
        error,
    } = theme;
    vec![
        ("dim", "secondary text: dates, counts, labels", dim),
        ("border", "a pane's border when it is not focused", border),
        (
            "border_focused",
            "the focused pane's border and title",
            border_focused,
        ),
        ("title", "a pane's title when it is not focused", title),
        ("selected", "the selected row of the focused pane", selected),
        (
            "selected_unfocused",
            "the selected row of a pane that is not focused",
            selected_unfocused,
        ),
        (
            "in_stage",
            "rows that belong to the selected career stage",
            in_stage,
        ),
        ("matched", "characters that matched the search", matched),
        ("won", "a title won", won),
        ("runner_up", "a final lost", runner_up),
        ("disputed", "the mark of a disputed fact", disputed),
        ("heading", "group headings inside a pane", heading),
        ("name", "the subject's name in the header", name),
        (
            "bar",
            "a stage's bar on the year strip and in the career record",
            bar,
        ),
        ("bar_selected", "the selected stage's bar", bar_selected),
        (
            "status_pane",
            "the focused pane's name in the status bar",
            status_pane,
        ),
        ("key", "a key in the status-bar hints", key),
        ("message", "a status-bar message", message),
        ("error", "a status-bar error", error),
    ]
}

/// The theme with the config file's colours: each slot the file names gets its foreground and
/// background, and keeps its bold, underline and reverse (the selection shows without colours
/// too). Without colours (NO_COLOR), the file's colours are not used: NO_COLOR says no colour
/// must be sent, and a palette in a file shared between machines is no reason to send some.
pub fn theme(config: &Config, color: bool) -> Theme {
    let mut theme = Theme::new(color);
    if !color {
        return theme;
    }
    for (slot, _, style) in slots(&mut theme) {
        if let Some(colours) = config.colours(slot) {
            style.fg = colours.fg;
            style.bg = colours.bg;
            // A slot drawn reversed (the selection) takes one colour as its highlight; given
            // `FG on BG` it shows those two as written, not swapped.
            if colours.bg.is_some() {
                style.add_modifier.remove(Modifier::REVERSED);
            }
        }
    }
    theme
}

/// The key table with the config file's keys: each action the file names gets the keys it
/// gives, the others keep the built-in ones. An action on two rows of a context is one setting:
/// given other keys, its first row takes them all.
pub fn keymap(config: &Config) -> Keymap {
    let rows = BINDINGS
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut row = KeyRow::of(b);
            let name = action_name(&b.action);
            let Some(keys) = config.keys(&context_name(b.context), &name) else {
                return row;
            };
            let same = |o: &&Binding| o.context == b.context && o.action == b.action;
            let built_in: Vec<Key> = BINDINGS
                .iter()
                .filter(same)
                .flat_map(|o| o.keys.iter().map(key_of))
                .collect();
            if keys == built_in.as_slice() {
                return row;
            }
            let first = !BINDINGS[..i].iter().any(|o| same(&o));
            row.keys = if first {
                keys.iter().map(chord_of).collect()
            } else {
                Vec::new()
            };
            row
        })
        .collect();
    Keymap::new(rows)
}

/// The key of the table for a key the config file names.
fn chord_of(key: &Key) -> Chord {
    Chord {
        code: key.code,
        modifiers: key.modifiers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_variants() {
        assert_eq!(action_name(&Action::FocusNext), "focus_next");
        assert_eq!(action_name(&Action::Quit), "quit");
        assert_eq!(context_name(Context::Panes), "panes");
        // A unit payload's name follows the variant's: `Focus(Quotes)`.
        assert_eq!(snake_case("Focus(Quotes)"), "focus_quotes");
        assert_eq!(snake_case("PageDown"), "page_down");
    }

    #[test]
    fn every_action_of_the_table_has_a_name_a_file_can_use() {
        let d = defaults();
        for context in &d.contexts {
            let mut seen = Vec::new();
            for a in &context.actions {
                assert!(
                    !a.name.is_empty()
                        && a.name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{}: {:?} is not a bare TOML key",
                    context.name,
                    a.name
                );
                assert!(
                    !seen.contains(&&a.name),
                    "{} twice in {}",
                    a.name,
                    context.name
                );
                seen.push(&a.name);
            }
        }
        // Every row of the table is in the defaults, with its keys.
        let rows: usize = BINDINGS.iter().map(|b| b.keys.len()).sum();
        let keys: usize = d
            .contexts
            .iter()
            .flat_map(|c| &c.actions)
            .map(|a| a.keys.len())
            .sum();
        assert_eq!(rows, keys);
    }

    #[test]
    fn the_default_file_loads_back_as_the_defaults() {
        let d = defaults();
        let text = crate::config::default_file(&d);
        let loaded = crate::config::parse("config.toml", &text, &d)
            .unwrap_or_else(|e| panic!("{}\n{text}", e.render(false)));
        assert_eq!(loaded, crate::config::Config::defaults(&d));
    }

    #[test]
    fn every_action_of_every_context_can_be_bound() {
        let d = defaults();
        let f20 = Key {
            code: KeyCode::F(20),
            modifiers: KeyModifiers::NONE,
        };
        for context in &d.contexts {
            for action in &context.actions {
                let text = format!("[keys.{}]\n{} = [\"f20\"]\n", context.name, action.name);
                let config = crate::config::parse("config.toml", &text, &d)
                    .unwrap_or_else(|e| panic!("{text}{}", e.render(false)));
                let mut want = vec![f20];
                want.extend(&action.fixed);
                assert_eq!(
                    config.keys(&context.name, &action.name),
                    Some(&want[..]),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn every_colour_can_be_set() {
        let d = defaults();
        for slot in &d.colours {
            let text = format!("[colours]\n{} = \"#010203 on 7\"\n", slot.name);
            let config = crate::config::parse("config.toml", &text, &d)
                .unwrap_or_else(|e| panic!("{text}{}", e.render(false)));
            let c = config.colours(&slot.name).expect("the slot");
            assert_eq!(c.fg, Some(ratatui::style::Color::Rgb(1, 2, 3)));
            assert_eq!(c.bg, Some(ratatui::style::Color::Indexed(7)));
        }
    }
}
