//! Key names in the config file: `q`, `G`, `?`, `enter`, `ctrl-d`, `shift-up`, `f5`. One key
//! is one [`Key`], normalised the way the browser sees a key press, so a name written in the
//! file compares equal to the key the terminal sends.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyModifiers};

/// A key with its modifiers, as the browser matches it: Shift is part of a character (`G`,
/// not `shift-g`), and Shift-Tab is `backtab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt, and Shift for keys that are not characters.
    pub modifiers: KeyModifiers,
}

/// The named keys, by the name the config file writes them with.
const NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("insert", KeyCode::Insert),
    ("delete", KeyCode::Delete),
];

/// Other spellings people write (and the browser's own labels: `PgUp`, `S-Tab`, `↑`).
const ALIASES: &[(&str, &str)] = &[
    ("return", "enter"),
    ("escape", "esc"),
    ("bksp", "backspace"),
    ("bs", "backspace"),
    ("pgup", "pageup"),
    ("page-up", "pageup"),
    ("page_up", "pageup"),
    ("pgdn", "pagedown"),
    ("pgdown", "pagedown"),
    ("page-down", "pagedown"),
    ("page_down", "pagedown"),
    ("ins", "insert"),
    ("del", "delete"),
    ("↑", "up"),
    ("↓", "down"),
    ("←", "left"),
    ("→", "right"),
];

/// The highest function key with a name (`f1` to `f24`).
const MAX_F: u8 = 24;

/// Modifier prefixes, before a `-` or `+`.
fn modifier(word: &str) -> Option<KeyModifiers> {
    match word {
        "ctrl" | "control" | "c" => Some(KeyModifiers::CONTROL),
        "alt" | "meta" | "m" => Some(KeyModifiers::ALT),
        "shift" | "s" => Some(KeyModifiers::SHIFT),
        _ => None,
    }
}

/// Why a text is not a key name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

/// What a key can be, for messages.
pub fn key_help() -> String {
    let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
    format!(
        "a key is a character (q, ?, G) or one of {}, f1 to f{MAX_F}, with ctrl-, alt- or shift- in front",
        names.join(", ")
    )
}

impl FromStr for Key {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, KeyError> {
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err(KeyError(format!("an empty key: {}", key_help())));
        }
        let mut modifiers = KeyModifiers::NONE;
        // `^C`, as the browser's help writes Ctrl-C.
        if let Some(after) = rest.strip_prefix('^')
            && after.chars().count() == 1
        {
            modifiers |= KeyModifiers::CONTROL;
            rest = after;
        }
        // Modifiers up front, each ended by `-` or `+`; what is left is the key (`ctrl--` is
        // Ctrl and the minus key).
        while rest.chars().count() > 1 {
            let Some(at) = rest[1..].find(['-', '+']).map(|i| i + 1) else {
                break;
            };
            let Some(m) = modifier(&rest[..at].to_lowercase()) else {
                break;
            };
            modifiers |= m;
            rest = &rest[at + 1..];
            if rest.is_empty() {
                return Err(KeyError(format!("`{text}` has no key after its modifiers")));
            }
        }
        let code = code(rest).ok_or_else(|| {
            let lower = rest.to_lowercase();
            let known = NAMES
                .iter()
                .map(|(n, _)| *n)
                .chain(ALIASES.iter().map(|(a, _)| *a));
            let hint = match crate::load::closest(&lower, known) {
                Some(name) => format!(" (did you mean `{name}`?)"),
                None => String::new(),
            };
            KeyError(format!("unknown key `{rest}`{hint}: {}", key_help()))
        })?;
        normalise(code, modifiers, text)
    }
}

fn code(name: &str) -> Option<KeyCode> {
    let lower = name.to_lowercase();
    // The arrows are one character but name keys.
    let lower = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, name)| name);
    if let Some((_, code)) = NAMES.iter().find(|(n, _)| *n == lower) {
        return Some(*code);
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    lower
        .strip_prefix('f')
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=MAX_F).contains(n))
        .map(KeyCode::F)
}

/// The key as the browser sees it when pressed (see `Chord::from_event` in the keymap).
fn normalise(code: KeyCode, mut modifiers: KeyModifiers, text: &str) -> Result<Key, KeyError> {
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let code = match code {
        KeyCode::Char(c) if shift => {
            if !c.is_alphabetic() {
                return Err(KeyError(format!(
                    "`{text}`: shift- goes with a letter or a named key; write the character \
                     itself (`!`, not `shift-1`)"
                )));
            }
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        // Terminals send Ctrl with the letter's lower case.
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_lowercase().next().unwrap_or(c))
        }
        KeyCode::Tab | KeyCode::BackTab if shift => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        other => other,
    };
    Ok(Key { code, modifiers })
}

impl Key {
    /// True for a character without Ctrl or Alt: in the search line it is typed, not a key.
    pub fn is_plain_character(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }
}

impl fmt::Display for Key {
    /// The name the config file uses, which reads back as the same key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (m, name) in [
            (KeyModifiers::CONTROL, "ctrl-"),
            (KeyModifiers::ALT, "alt-"),
            (KeyModifiers::SHIFT, "shift-"),
        ] {
            if self.modifiers.contains(m) {
                f.write_str(name)?;
            }
        }
        if let Some((name, _)) = NAMES.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn names_characters_and_modifiers() {
        assert_eq!(key("q"), plain(KeyCode::Char('q')));
        assert_eq!(key("G"), plain(KeyCode::Char('G')));
        assert_eq!(key("?"), plain(KeyCode::Char('?')));
        assert_eq!(key("-"), plain(KeyCode::Char('-')));
        assert_eq!(key("Enter"), plain(KeyCode::Enter));
        assert_eq!(key("pgdn"), plain(KeyCode::PageDown));
        assert_eq!(key("↑"), plain(KeyCode::Up));
        assert_eq!(key("f12"), plain(KeyCode::F(12)));
        let ctrl_d = Key {
            code: KeyCode::Char('d'),
            modifiers: KeyModifiers::CONTROL,
        };
        for text in ["ctrl-d", "Ctrl+D", "C-d", "^D", "control-d"] {
            assert_eq!(key(text), ctrl_d, "{text}");
        }
        assert_eq!(
            key("ctrl--"),
            Key {
                code: KeyCode::Char('-'),
                modifiers: KeyModifiers::CONTROL
            }
        );
        assert_eq!(
            key("alt-shift-up"),
            Key {
                code: KeyCode::Up,
                modifiers: KeyModifiers::ALT | KeyModifiers::SHIFT
            }
        );
    }

    #[test]
    fn shift_is_normalised_as_the_terminal_sends_it() {
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(key("shift-tab"), plain(KeyCode::BackTab));
        assert_eq!(key("S-Tab"), plain(KeyCode::BackTab));
        assert!("shift-1".parse::<Key>().is_err());
    }

    #[test]
    fn every_name_reads_back_as_itself() {
        let mut keys: Vec<Key> = NAMES.iter().map(|(_, c)| plain(*c)).collect();
        keys.extend(
            [
                "q", "G", "\"", "\\", "ctrl-c", "alt-x", "shift-up", "f3", "ctrl--",
            ]
            .map(key),
        );
        for k in keys {
            assert_eq!(key(&k.to_string()), k, "{k}");
        }
    }

    #[test]
    fn mistakes_say_what_a_key_is() {
        let e = "entr".parse::<Key>().unwrap_err().0;
        assert!(
            e.contains("unknown key `entr` (did you mean `enter`?)"),
            "{e}"
        );
        assert!(e.contains("a key is a character"), "{e}");
        assert!("".parse::<Key>().is_err());
        assert!("ctrl-".parse::<Key>().is_err());
        assert!("hyper-x".parse::<Key>().is_err());
        assert!("f25".parse::<Key>().is_err());
    }
}
