//! The complete default config file, commented, as `dossier config` prints it: every setting
//! with its default value, so that it loads back as the defaults and a reader edits what they
//! want in place.

use std::fmt::Write as _;

use super::{ActionKeys, Defaults, colour_help, key_help};

/// Comments start in this column where the setting leaves room.
const COMMENT_COLUMN: usize = 32;

/// Lines of a comment block are kept this wide.
const COMMENT_WIDTH: usize = 96;

/// The default file: every setting, with what it does.
pub fn default_file(defaults: &Defaults) -> String {
    let mut out = String::new();
    comment(
        &mut out,
        "dossier's settings, read from $XDG_CONFIG_HOME/dossier/config.toml (~/.config/dossier/\
         config.toml), or from the file given with --config. This is the complete default file, \
         as `dossier config` prints it: change what you like and delete the rest (a setting left \
         out keeps its default). `dossier config --check` says whether a file is right.",
    );
    out.push('\n');
    comment(
        &mut out,
        "Mouse capture in the browser: clicks and the wheel work, and the terminal selects text \
         only with Shift held (--no-mouse, or `m` in the browser, turns it off).",
    );
    let _ = writeln!(out, "mouse = {}", defaults.mouse);
    out.push('\n');
    comment(
        &mut out,
        "Reload the dossier when its file is saved (--no-watch turns it off).",
    );
    let _ = writeln!(out, "live_reload = {}\n", defaults.live_reload);

    comment(
        &mut out,
        &format!(
            "Colours of the browser: {}. NO_COLOR turns every colour off.",
            colour_help()
        ),
    );
    out.push_str("[colours]\n");
    for slot in &defaults.colours {
        setting(
            &mut out,
            &format!("{} = {}", slot.name, string(&slot.colours.to_string())),
            &slot.help,
        );
    }

    out.push('\n');
    comment(
        &mut out,
        &format!(
            "Keys, by where they work and what they do. {}. A list replaces the action's keys \
             (its first key is the one hints show); [] leaves it without one. A key does one \
             thing in a table; the tables' own keys come before [keys.global].",
            capitalised(&key_help())
        ),
    );
    for context in &defaults.contexts {
        out.push('\n');
        comment(&mut out, &format!("{}.", context.heading));
        let _ = writeln!(out, "[keys.{}]", context.name);
        for action in &context.actions {
            setting(&mut out, &binding(action), &action_help(action));
        }
    }
    out
}

fn binding(action: &ActionKeys) -> String {
    let keys: Vec<String> = action.keys.iter().map(|k| string(&k.to_string())).collect();
    format!("{} = [{}]", action.name, keys.join(", "))
}

fn action_help(action: &ActionKeys) -> String {
    if action.fixed.is_empty() {
        return action.help.clone();
    }
    let fixed: Vec<String> = action.fixed.iter().map(ToString::to_string).collect();
    format!("{} ({} always does this)", action.help, fixed.join(", "))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `line` with `help` as a comment after it, in the comment column when there is room.
fn setting(out: &mut String, line: &str, help: &str) {
    let pad = COMMENT_COLUMN.saturating_sub(line.chars().count()).max(2);
    let _ = writeln!(out, "{line}{}# {help}", " ".repeat(pad));
}

/// `text` as `#` lines, wrapped at spaces.
fn comment(out: &mut String, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > COMMENT_WIDTH - 2 {
            let _ = writeln!(out, "# {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "# {line}");
}

/// A TOML basic string.
fn string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
