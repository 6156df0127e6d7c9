//! A reader's own settings: `$XDG_CONFIG_HOME/dossier/config.toml` (or `--config FILE`), read
//! with the `toml` crate into typed serde structs, then checked against what the browser offers.
//!
//! This module knows no browser code. What can be set, the key table's contexts and actions
//! and the theme's colours, comes in as [`Defaults`], data the browser's key table and theme
//! give (`tui::settings::defaults`), so an action added to the key table can be bound here
//! with no change to this module. The browser reads the result, [`Config`], by the same names.
//!
//! Mistakes are errors with file, line and column, drawn like a dossier's errors (with the
//! line and a caret), and nothing starts on a broken file.

mod colour;
mod key;
mod write;

use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

pub use colour::{Colours, colour_help};
pub use key::{Key, KeyError, key_help};
pub use write::default_file;

use crate::load::{Diagnostic, closest};

/// A config file longer than this is not a config file.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Everything the browser lets a reader set, with the values it has when nothing is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Defaults {
    /// Mouse capture on.
    pub mouse: bool,
    /// Reload the dossier when its file is saved.
    pub live_reload: bool,
    /// Where keys work, each with its actions and their keys.
    pub contexts: Vec<ContextKeys>,
    /// The theme's colours.
    pub colours: Vec<ColourSlot>,
}

/// The actions of one context of the key table (`panes`, `search`...) and their keys.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextKeys {
    /// The name in the file: `[keys.NAME]`.
    pub name: String,
    /// Where it applies, in words (the help overlay's heading).
    pub heading: String,
    /// Plain characters are typed here (the search line): only keys with Ctrl or Alt, and
    /// named keys, can be bound.
    pub types_text: bool,
    /// The actions, in the key table's order.
    pub actions: Vec<ActionKeys>,
}

/// One action and its keys.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionKeys {
    /// The name in the file (`focus_next`).
    pub name: String,
    /// What it does (the help overlay's line).
    pub help: String,
    /// Its keys, the first one shown in hints.
    pub keys: Vec<Key>,
    /// Keys that always do this and nothing else, whatever the file says (Ctrl-C quits).
    pub fixed: Vec<Key>,
}

/// One colour of the theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ColourSlot {
    /// The name in the file (`border_focused`).
    pub name: String,
    /// What is drawn in it.
    pub help: String,
    /// Its colours.
    pub colours: Colours,
}

/// The settings in force: the defaults with the file's changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file they were read from, if any.
    pub path: Option<PathBuf>,
    /// Mouse capture on.
    pub mouse: bool,
    /// Reload the dossier when its file is saved.
    pub live_reload: bool,
    /// Every context's actions with the keys in force.
    pub contexts: Vec<ContextKeys>,
    /// Every colour in force.
    pub colours: Vec<ColourSlot>,
}

impl Config {
    /// The settings when there is no file.
    pub fn defaults(defaults: &Defaults) -> Self {
        Self {
            path: None,
            mouse: defaults.mouse,
            live_reload: defaults.live_reload,
            contexts: defaults.contexts.clone(),
            colours: defaults.colours.clone(),
        }
    }

    /// The keys of `action` in `context`, by their names in the file.
    pub fn keys(&self, context: &str, action: &str) -> Option<&[Key]> {
        let c = self.contexts.iter().find(|c| c.name == context)?;
        let a = c.actions.iter().find(|a| a.name == action)?;
        Some(&a.keys)
    }

    /// The colours of a slot of the theme, by its name in the file.
    pub fn colours(&self, slot: &str) -> Option<Colours> {
        self.colours
            .iter()
            .find(|s| s.name == slot)
            .map(|s| s.colours)
    }
}

/// Everything wrong with a config file (at least one problem), in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The problems, each with where it is.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's text, when it could be read, for showing the line under each problem.
    pub text: Option<String>,
}

impl ConfigError {
    fn whole_file(file: &str, message: String) -> Self {
        Self {
            diagnostics: vec![Diagnostic {
                file: file.to_string(),
                line: None,
                column: None,
                path: None,
                message,
            }],
            text: None,
        }
    }

    /// The problems for people: each `FILE:LINE:COL: error: ...` with its line and a caret.
    pub fn render(&self, color: bool) -> String {
        crate::report::render_all(&self.diagnostics, self.text.as_deref(), color)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is when `--config` does not say: `$XDG_CONFIG_HOME/dossier/config.toml`
/// (`~/.config/dossier/config.toml` when XDG_CONFIG_HOME is unset); `None` without a home.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("dossier").join("config.toml"))
}

/// The settings of the file at the default place, or the defaults when there is none there.
pub fn load_default(defaults: &Defaults) -> Result<Config, ConfigError> {
    match default_path() {
        Some(path) if path.exists() => load(&path, defaults),
        _ => Ok(Config::defaults(defaults)),
    }
}

/// Reads and checks the config file at `path`.
pub fn load(path: &Path, defaults: &Defaults) -> Result<Config, ConfigError> {
    let name = path.display().to_string();
    let fail = |message: String| ConfigError::whole_file(&name, message);
    let meta =
        std::fs::metadata(path).map_err(|e| fail(format!("cannot read the config file: {e}")))?;
    if !meta.is_file() {
        return Err(fail(
            "is not a file; a config file is a TOML text file".into(),
        ));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(fail(format!(
            "is {} bytes; a config file may be at most {MAX_CONFIG_BYTES}",
            meta.len()
        )));
    }
    let bytes =
        std::fs::read(path).map_err(|e| fail(format!("cannot read the config file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "is not UTF-8 text (byte {} is not): a config file is a TOML text file",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let mut config = parse(&name, &text, defaults)?;
    config.path = Some(path.to_path_buf());
    Ok(config)
}

/// The file as serde reads it: every setting optional, nothing unknown.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    mouse: Option<bool>,
    live_reload: Option<bool>,
    #[serde(default, alias = "colors")]
    colours: Entries<Spanned<String>>,
    #[serde(default)]
    keys: Entries<Entries<Spanned<KeyList>>>,
}

/// A table's entries, each key with where it is (in key order: toml sorts them).
#[derive(Debug)]
struct Entries<V>(Vec<(Spanned<String>, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Table<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Table<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(Table(PhantomData))
    }
}

/// An action's keys: one (`quit = "q"`) or a list (`quit = ["q", "ctrl-c"]`, `[]` for none).
#[derive(Debug)]
enum KeyList {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = KeyList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key (\"q\") or a list of keys ([\"q\", \"ctrl-c\"])")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<KeyList, E> {
                Ok(KeyList::One(text.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element()? {
                    keys.push(key);
                }
                Ok(KeyList::Many(keys))
            }
        }
        deserializer.deserialize_any(Keys)
    }
}

/// Collects the problems of one file, each at a byte range of its text.
struct Problems<'a> {
    file: &'a str,
    text: &'a str,
    found: Vec<(usize, Diagnostic)>,
}

impl Problems<'_> {
    fn at(&mut self, span: std::ops::Range<usize>, path: String, message: String) {
        let (line, column) = line_column(self.text, span.start);
        self.found.push((
            span.start,
            Diagnostic {
                file: self.file.to_string(),
                line: Some(line),
                column: Some(column),
                path: Some(path),
                message: crate::text::sanitize(&message).into_owned(),
            },
        ));
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    // A span never starts inside a character, but a hostile offset must not panic.
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A key binding from the file: the key, the action, and where the file says so.
struct Bound {
    key: Key,
    action: usize,
    span: Option<std::ops::Range<usize>>,
}

/// Reads and checks a config file's text; `file` names it in messages.
pub fn parse(file: &str, text: &str, defaults: &Defaults) -> Result<Config, ConfigError> {
    let fail = |diagnostics| ConfigError {
        diagnostics,
        text: Some(text.to_string()),
    };
    let parsed: File = toml::from_str(text).map_err(|e| {
        let (line, column) = match e.span() {
            Some(span) => {
                let (l, c) = line_column(text, span.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        fail(vec![Diagnostic {
            file: file.to_string(),
            line,
            column,
            path: None,
            message: crate::text::sanitize(e.message().trim()).into_owned(),
        }])
    })?;
    let mut problems = Problems {
        file,
        text,
        found: Vec::new(),
    };
    let mut config = Config::defaults(defaults);
    if let Some(mouse) = parsed.mouse {
        config.mouse = mouse;
    }
    if let Some(live_reload) = parsed.live_reload {
        config.live_reload = live_reload;
    }
    read_colours(&parsed.colours, &mut config, &mut problems);
    read_keys(&parsed.keys, &mut config, &mut problems);
    if problems.found.is_empty() {
        return Ok(config);
    }
    problems.found.sort_by_key(|(at, _)| *at);
    Err(fail(problems.found.into_iter().map(|(_, d)| d).collect()))
}

fn read_colours(entries: &Entries<Spanned<String>>, config: &mut Config, problems: &mut Problems) {
    for (name, value) in &entries.0 {
        let path = format!("colours.{}", name.get_ref());
        let Some(slot) = config
            .colours
            .iter_mut()
            .find(|s| s.name == *name.get_ref())
        else {
            let names: Vec<&str> = config.colours.iter().map(|s| s.name.as_str()).collect();
            problems.at(
                name.span(),
                path,
                unknown(
                    "colour",
                    name.get_ref(),
                    &names,
                    "the theme's colours are",
                    str::to_string,
                ),
            );
            continue;
        };
        match colour::parse(value.get_ref()) {
            Ok(colours) => slot.colours = colours,
            Err(message) => problems.at(value.span(), path, message),
        }
    }
}

/// `unknown colour `x`; did you mean `y`?` or, with no close name, `list` and every name, each
/// written by `shown`.
fn unknown(
    what: &str,
    name: &str,
    names: &[&str],
    list: &str,
    shown: impl Fn(&str) -> String,
) -> String {
    match closest(name, names.iter().copied()) {
        Some(near) => format!("unknown {what} `{name}`; did you mean `{near}`?"),
        None => {
            let all: Vec<String> = names.iter().map(|n| shown(n)).collect();
            format!("unknown {what} `{name}`; {list} {}", all.join(", "))
        }
    }
}

fn read_keys(
    tables: &Entries<Entries<Spanned<KeyList>>>,
    config: &mut Config,
    problems: &mut Problems,
) {
    // What the file binds, per context: replaced actions and their keys.
    let mut bound: Vec<Vec<Bound>> = config.contexts.iter().map(|_| Vec::new()).collect();
    let mut replaced: Vec<Vec<bool>> = config
        .contexts
        .iter()
        .map(|c| vec![false; c.actions.len()])
        .collect();
    let context_names: Vec<String> = config.contexts.iter().map(|c| c.name.clone()).collect();
    for (context, actions) in &tables.0 {
        let Some(ci) = config
            .contexts
            .iter()
            .position(|c| c.name == *context.get_ref())
        else {
            let names: Vec<&str> = context_names.iter().map(String::as_str).collect();
            problems.at(
                context.span(),
                format!("keys.{}", context.get_ref()),
                unknown(
                    "key table",
                    context.get_ref(),
                    &names,
                    "the tables are",
                    |n| format!("[keys.{n}]"),
                ),
            );
            continue;
        };
        let ctx = &config.contexts[ci];
        for (action, list) in &actions.0 {
            let path = format!("keys.{}.{}", ctx.name, action.get_ref());
            let Some(ai) = ctx.actions.iter().position(|a| a.name == *action.get_ref()) else {
                problems.at(
                    action.span(),
                    path,
                    unknown_action(config, ci, action.get_ref()),
                );
                continue;
            };
            replaced[ci][ai] = true;
            let keys: Vec<(String, std::ops::Range<usize>)> = match list.get_ref() {
                KeyList::One(text) => vec![(text.clone(), list.span())],
                KeyList::Many(keys) => keys
                    .iter()
                    .map(|k| (k.get_ref().clone(), k.span()))
                    .collect(),
            };
            for (text, span) in keys {
                match text.parse::<Key>() {
                    Ok(key) if ctx.types_text && key.is_plain_character() => problems.at(
                        span,
                        path.clone(),
                        format!(
                            "`{text}` is typed there, not a key: in [keys.{}] bind a named key or one with ctrl- or alt-",
                            ctx.name
                        ),
                    ),
                    Ok(key) => bound[ci].push(Bound {
                        key,
                        action: ai,
                        span: Some(span),
                    }),
                    Err(e) => problems.at(span, path.clone(), e.0),
                }
            }
        }
    }
    // Keys that always do one thing: (key, context, action, the action's name).
    let fixed: Vec<(Key, usize, usize, String)> = config
        .contexts
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| {
            c.actions
                .iter()
                .enumerate()
                .flat_map(move |(ai, a)| a.fixed.iter().map(move |k| (*k, ci, ai, a.name.clone())))
        })
        .collect();
    for (ci, context) in config.contexts.iter_mut().enumerate() {
        // The keys in force: the file's for the actions it names, the defaults for the rest.
        let mut in_force: Vec<Bound> = Vec::new();
        for (ai, action) in context.actions.iter().enumerate() {
            if !replaced[ci][ai] {
                in_force.extend(action.keys.iter().map(|&key| Bound {
                    key,
                    action: ai,
                    span: None,
                }));
            }
        }
        // In file order (toml hands tables over sorted by key), so that the second of two
        // bindings of a key is the one reported.
        bound[ci].sort_by_key(|b| b.span.as_ref().map(|s| s.start));
        in_force.append(&mut bound[ci]);
        let mut kept: Vec<Bound> = Vec::new();
        for b in in_force {
            let name = &context.actions[b.action].name;
            let path = format!("keys.{}.{name}", context.name);
            if let Some((_, _, _, owner)) = fixed
                .iter()
                .find(|(k, fci, fai, _)| *k == b.key && (*fci, *fai) != (ci, b.action))
                && let Some(span) = b.span.clone()
            {
                problems.at(
                    span,
                    path,
                    format!(
                        "`{}` always does `{owner}`; it cannot be bound to `{name}`",
                        b.key
                    ),
                );
                continue;
            }
            let Some(first) = kept.iter().find(|k| k.key == b.key) else {
                kept.push(b);
                continue;
            };
            if first.action == b.action {
                continue;
            }
            // The binding the file makes is the one to point at.
            let (here, other) = match (&b.span, &first.span) {
                (Some(_), _) => (&b, first),
                (None, Some(_)) => (first, &b),
                (None, None) => continue,
            };
            let here_name = &context.actions[here.action].name;
            let other_name = &context.actions[other.action].name;
            let where_other = match &other.span {
                Some(span) => format!("at line {}", line_column(problems.text, span.start).0),
                None => format!("by default (give `{other_name}` other keys to free it)"),
            };
            problems.at(
                here.span.clone().unwrap_or_default(),
                format!("keys.{}.{here_name}", context.name),
                format!(
                    "`{}` is bound twice in [keys.{}]: to `{here_name}` here and to `{other_name}` {where_other}",
                    b.key, context.name
                ),
            );
        }
        for (ai, action) in context.actions.iter_mut().enumerate() {
            let mut keys: Vec<Key> = Vec::new();
            for k in kept.iter().filter(|k| k.action == ai) {
                if !keys.contains(&k.key) {
                    keys.push(k.key);
                }
            }
            for k in &action.fixed {
                if !keys.contains(k) {
                    keys.push(*k);
                }
            }
            action.keys = keys;
        }
    }
}

/// Why an action name is not one of a context's: a near name, or the contexts it is in.
fn unknown_action(config: &Config, context: usize, name: &str) -> String {
    let ctx = &config.contexts[context];
    let elsewhere: Vec<String> = config
        .contexts
        .iter()
        .filter(|c| c.actions.iter().any(|a| a.name == name))
        .map(|c| format!("[keys.{}]", c.name))
        .collect();
    if !elsewhere.is_empty() {
        return format!(
            "`{name}` is not an action of [keys.{}]; it can be bound in {}",
            ctx.name,
            elsewhere.join(", ")
        );
    }
    let names: Vec<&str> = ctx.actions.iter().map(|a| a.name.as_str()).collect();
    unknown(
        "action",
        name,
        &names,
        &format!("the actions of [keys.{}] are", ctx.name),
        str::to_string,
    )
}
