//! The command line: what `dossier` accepts (clap derive types) and what each command prints.
//!
//! Commands write to the `out` and `err` they are given and never print directly, so the binary
//! decides what a failed write means (a closed pipe is not an error) and tests can capture both.

mod describe;
pub mod diff;
pub mod export;
pub mod records;
pub mod show;
pub mod table;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::config::{Config, ConfigError};
use crate::load::{self, LoadError};
use crate::model::Dossier;
use crate::search::{Field, QuoteSearch};
use crate::text::sanitize;
use describe::{clean, count};

/// Browse a sourced career dossier in the terminal, or query it from the shell.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    /// Load the dossier at PATH instead of the embedded one.
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// Browser: leave the mouse to the terminal (text selection works, clicks do not).
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Browser: do not reload the file when it changes on disk.
    #[arg(long, global = true)]
    pub no_watch: bool,
    /// Read the settings from FILE instead of $XDG_CONFIG_HOME/dossier/config.toml; any
    /// command given it checks it first.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do; with none, open the browser.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Validate the dossier: a one-line summary, or every problem with its line.
    Check {
        /// `text` for people (problems on stderr with the source line), `json` for editors and CI
        /// (a list of problems on stdout, `[]` when the dossier is valid).
        #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Print one section as a table, or as JSON with --json.
    Show {
        /// The section to print.
        #[arg(value_enum)]
        section: Section,
        /// Print JSON (the YAML's field names) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Search the quotes (words, speaker, context), best match first, in fzf's syntax.
    ///
    /// Terms separated by spaces must all match:
    ///   word    its letters in order (fuzzy)    'word   the word itself
    ///   ^word   at the start of a field         word$   at the end of one
    ///   !word   not in the quote (!^, !$ too)   a | b   either one
    /// A backslash keeps a space in a term (juan\ carlos). Accents never matter; a term with a
    /// capital letter is case-sensitive.
    ///
    /// Example: dossier search "'mejia !troglio"
    #[command(verbatim_doc_comment)]
    Search {
        /// What to look for: one or more terms (see above).
        query: String,
        /// Print JSON: the matching quotes with their score and source.
        #[arg(long)]
        json: bool,
        /// Print at most N matches.
        #[arg(long, short = 'n', value_name = "N", default_value_t = 10,
              value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Print the whole dossier as Markdown (sources as footnotes) or JSON.
    Export {
        /// The output format.
        #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
    },
    /// Compare two dossiers record by record: what was added, removed and changed.
    ///
    /// Exits 0 when they are the same, 1 when they differ, 2 on trouble. Each side is a file,
    /// `-` for standard input, or `@embedded` for the dossier built into dossier. Also works as
    /// git's diff driver (`git config diff.dossier.command "dossier diff"`: see the README).
    Diff {
        /// OLD and NEW (or the seven arguments git passes a diff driver).
        #[arg(value_name = "OLD NEW", num_args = 1..=7, required = true)]
        files: Vec<PathBuf>,
        /// Print JSON: the sections that changed, each record added, removed or changed.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the dossier format (for editors: see the README).
    Schema,
    /// Print a new dossier to fill in: one example of each record, every field explained.
    ///
    /// For example: `dossier new "Ana María Pérez" > perez.yaml`, then `dossier --data perez.yaml`.
    New {
        /// The person's name, as they are known.
        name: String,
    },
    /// Print the complete default config file, commented (or check the one in force).
    ///
    /// For example: `dossier config > ~/.config/dossier/config.toml`, then edit it.
    Config {
        /// Check the config file in force (--config FILE, else the one at the default place)
        /// and say where it is wrong.
        #[arg(long, conflicts_with = "path")]
        check: bool,
        /// Print where the config file in force is (it may not exist yet).
        #[arg(long)]
        path: bool,
    },
    /// Print a shell completion script.
    ///
    /// For example: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// A section of the dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Section {
    /// Who the dossier is about.
    Subject,
    /// The career stages, oldest first.
    #[value(alias = "stages")]
    Timeline,
    /// Titles won and finals lost.
    Trophies,
    /// Key matches.
    Matches,
    /// Job offers, with their chronology.
    Offers,
    /// Quotes, with speaker, date, language and source.
    Quotes,
    /// Every source the records cite.
    Sources,
    /// The record (played, won, drawn, lost) per stage, with a win % bar and the titles.
    #[value(alias = "record")]
    Records,
}

/// How `check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A summary line, or each problem with its source line on stderr.
    Text,
    /// A JSON list of problems on stdout (`[]` when the dossier is valid).
    Json,
}

/// How `export` writes the dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A Markdown document with the sources as footnotes.
    Markdown,
    /// The whole dossier as one JSON document.
    Json,
}

/// How a command ended, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Exit 0.
    Success,
    /// Exit 1: the data is invalid or unreadable, a search found nothing, or `diff` found
    /// differences.
    Failure,
    /// Exit 2: `diff` could not compare (a side does not load, a wrong number of files).
    Trouble,
}

impl Status {
    /// The exit code: 0, 1 or 2 (clap itself exits 2 for a bad command line).
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Failure => 1,
            Status::Trouble => 2,
        }
    }
}

/// Why the command line cannot be used as it is, if an argument holds a character that could act
/// on the terminal or hide (the ones the loader refuses in a dossier): clap and the messages
/// after it echo arguments as typed, so `dossier show $'\e]2;x\a'` would set the terminal's
/// title. The message shows the argument escaped. `args` are the program's, its name first.
pub fn refuse_unsafe_args(args: &[std::ffi::OsString]) -> Option<String> {
    args.iter().enumerate().skip(1).find_map(|(i, arg)| {
        let text = arg.to_string_lossy();
        let refused = crate::text::find_refused(&text)?;
        Some(format!(
            "dossier: argument {i} holds U+{:04X} ({}): \"{}\"; arguments may hold no control \
             or invisible characters",
            refused.ch as u32,
            crate::text::why_refused(refused.ch),
            sanitize(&text)
        ))
    })
}

/// The dossier the command line asks for (`--data PATH`, or the embedded one) and the name
/// messages use for it.
pub fn load_dossier(cli: &Cli) -> (String, Result<Dossier, LoadError>) {
    match &cli.data {
        Some(path) => (path.display().to_string(), load::load_path(path)),
        None => (load::EMBEDDED_NAME.to_string(), load::load_embedded()),
    }
}

/// The width text output is laid out for: `COLUMNS` when set, else the terminal's width when
/// stdout is a terminal, else 100.
pub fn output_width() -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    let from_tty = || {
        io::stdout()
            .is_terminal()
            .then(|| crossterm::terminal::size().ok())
            .flatten()
            .map(|(cols, _)| usize::from(cols))
            .filter(|&c| c > 0)
    };
    from_env.or_else(from_tty).unwrap_or(100).max(20)
}

/// The one-line summary `check` prints: `NAME: ok — 1 subject, 15 stages, ...`.
pub fn summary(name: &str, d: &Dossier) -> String {
    format!(
        "{}: ok — 1 subject, {}, {}, {}, {}, {}, {}",
        clean(name),
        count(d.stages.len(), "stage", "stages"),
        count(d.trophies.len(), "trophy", "trophies"),
        count(d.matches.len(), "match", "matches"),
        count(d.offers.len(), "offer", "offers"),
        count(d.quotes.len(), "quote", "quotes"),
        count(d.sources.len(), "source", "sources"),
    )
}

/// Runs `command`. Output goes to `out`; an error there (a closed pipe) is returned for the
/// caller to judge. Diagnostics go to `err`, where a failed write is ignored: there is nowhere
/// left to report it. Meant to be the process's last act: the loaded dossier is not freed.
pub fn run(
    cli: &Cli,
    command: &Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    // A config file named on the command line is read and checked first, whatever the command.
    if cli.config.is_some()
        && !matches!(command, Command::Config { check: true, .. })
        && let Err(e) = load_config(cli)
    {
        let _ = err.write_all(e.render(stderr_color()).as_bytes());
        return Ok(match command {
            Command::Diff { .. } => Status::Trouble,
            _ => Status::Failure,
        });
    }
    // These need no dossier: they work even when the data is broken.
    match command {
        Command::Config { check, path } => return config(cli, *check, *path, out, err),
        Command::Completions { shell } => return completions(*shell, out),
        Command::Schema => {
            out.write_all(crate::schema::json().as_bytes())?;
            return Ok(Status::Success);
        }
        Command::New { name } => return new(name, out, err),
        Command::Diff { files, json } => return diff::run(files, *json, output_width(), out, err),
        _ => {}
    }
    let (name, loaded) = load_dossier(cli);
    let dossier = match loaded {
        Ok(d) => d,
        Err(e) => {
            if matches!(
                command,
                Command::Check {
                    format: CheckFormat::Json
                }
            ) {
                out.write_all(crate::report::json(&e.diagnostics).as_bytes())?;
            } else {
                report(&e, stderr_color(), err);
            }
            return Ok(Status::Failure);
        }
    };
    // One command, then the process ends and the system takes its memory back at once. Freeing
    // the records one by one first would add a tenth to `search` at 100,000 quotes (30 ms).
    let dossier = std::mem::ManuallyDrop::new(dossier);
    match command {
        Command::Check { format } => match format {
            CheckFormat::Text => writeln!(out, "{}", summary(&name, &dossier))?,
            CheckFormat::Json => out.write_all(crate::report::json(&[]).as_bytes())?,
        },
        Command::Show { section, json } => {
            let text = if *json {
                show::json(&dossier, *section).map_err(io::Error::other)?
            } else {
                show::text(&dossier, *section, output_width())
            };
            out.write_all(text.as_bytes())?;
        }
        Command::Search { query, json, limit } => {
            return search(&dossier, query, *json, *limit as usize, out);
        }
        Command::Export { format } => {
            let text = match format {
                ExportFormat::Markdown => export::markdown(&dossier),
                ExportFormat::Json => export::json(&dossier).map_err(io::Error::other)?,
            };
            out.write_all(text.as_bytes())?;
        }
        Command::Completions { .. }
        | Command::Schema
        | Command::New { .. }
        | Command::Diff { .. }
        | Command::Config { .. } => {}
    }
    Ok(Status::Success)
}

/// `dossier new NAME`: the skeleton on `out`, or why the name cannot be used on `err`.
fn new(name: &str, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    match crate::skeleton::render(name) {
        Ok(text) => {
            out.write_all(text.as_bytes())?;
            Ok(Status::Success)
        }
        Err(e) => {
            let _ = writeln!(err, "dossier: {}", sanitize(&e));
            Ok(Status::Failure)
        }
    }
}

/// The settings the command line asks for: `--config FILE`, else the file at the default place,
/// else the defaults. The browser's key table and theme say what can be set.
pub fn load_config(cli: &Cli) -> Result<Config, ConfigError> {
    let defaults = crate::tui::settings::defaults();
    match &cli.config {
        Some(path) => crate::config::load(path, &defaults),
        None => crate::config::load_default(&defaults),
    }
}

/// `dossier config`: the default file; `--path`: where the file in force is; `--check`: whether
/// it is right.
fn config(
    cli: &Cli,
    check: bool,
    path: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Status> {
    let in_force = cli.config.clone().or_else(crate::config::default_path);
    if path {
        return match in_force {
            Some(p) => {
                writeln!(out, "{}", sanitize(&p.display().to_string()))?;
                Ok(Status::Success)
            }
            None => {
                let _ = writeln!(
                    err,
                    "dossier: no home folder, so no place for a config file"
                );
                Ok(Status::Failure)
            }
        };
    }
    if !check {
        let defaults = crate::tui::settings::defaults();
        out.write_all(crate::config::default_file(&defaults).as_bytes())?;
        return Ok(Status::Success);
    }
    match load_config(cli) {
        Ok(config) => {
            match (&config.path, in_force) {
                (Some(p), _) => writeln!(out, "{}: ok", sanitize(&p.display().to_string()))?,
                (None, Some(p)) => writeln!(
                    out,
                    "{}: no such file; the defaults are in force",
                    sanitize(&p.display().to_string())
                )?,
                (None, None) => writeln!(out, "no config file; the defaults are in force")?,
            }
            Ok(Status::Success)
        }
        Err(e) => {
            let _ = err.write_all(e.render(stderr_color()).as_bytes());
            Ok(Status::Failure)
        }
    }
}

/// Colours on stderr: only on a terminal, and not with NO_COLOR set (see no-color.org).
pub fn stderr_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<Status> {
    // clap_complete panics when its writer fails, so the script is made in memory and written
    // here, where a closed pipe is handled.
    let mut script = Vec::new();
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "dossier", &mut script);
    out.write_all(&script)?;
    Ok(Status::Success)
}

/// Prints every diagnostic: its `FILE:LINE:COL: error: ...` line, then the source line it points
/// at with a caret under the column (when the loader could read the file as text).
pub fn report(error: &LoadError, color: bool, err: &mut dyn Write) {
    // Everything from the file is made safe by the renderer: it must not act on the terminal.
    let text = crate::report::render_all(&error.diagnostics, error.text.as_deref(), color);
    let _ = err.write_all(text.as_bytes());
}

/// One search hit for `--json`: the quote's own fields, the score, where it matched, and the
/// source it cites.
#[derive(serde::Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    quote: &'a crate::model::Quote,
    score: i64,
    matched_in: &'static str,
    source_detail: Option<&'a crate::model::Source>,
}

fn search(
    d: &Dossier,
    query: &str,
    json: bool,
    limit: usize,
    out: &mut dyn Write,
) -> io::Result<Status> {
    // Only the best `limit` are ranked in full and get match positions.
    let hits = QuoteSearch::default().top(&d.quotes, query, limit).hits;
    // Like grep: no match prints nothing and exits 1.
    if hits.is_empty() {
        return Ok(Status::Failure);
    }
    let hits = hits.as_slice();
    if json {
        let list: Vec<JsonHit> = hits
            .iter()
            .map(|h| {
                let q = &d.quotes[h.quote];
                JsonHit {
                    quote: q,
                    score: h.score,
                    matched_in: match h.field {
                        Field::Text => "text",
                        Field::Speaker => "speaker",
                        Field::Context => "context",
                    },
                    source_detail: d.source(&q.source),
                }
            })
            .collect();
        let text = show::to_json(&list).map_err(io::Error::other)?;
        out.write_all(text.as_bytes())?;
        return Ok(Status::Success);
    }
    let bold =
        io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    for h in hits {
        let q = &d.quotes[h.quote];
        // Every term where it matched: the speaker's and the text's letters both.
        let marks = |field| if bold { h.positions_in(field) } else { &[] };
        let mut line = highlight(&q.speaker, marks(Field::Speaker));
        // The date with how it is known (`2008-11-22, inferred`), as `show quotes` gives it.
        let when: Vec<String> = q
            .date
            .map(|d| d.to_string())
            .into_iter()
            .chain(q.date_basis.map(|b| b.name().to_string()))
            .collect();
        if !when.is_empty() {
            line.push_str(&format!(" ({})", when.join(", ")));
        }
        line.push_str(&format!(": “{}”", highlight(&q.text, marks(Field::Text))));
        line.push_str(&format!(" — {}", clean(&q.source)));
        if let Some(source) = d.source(&q.source) {
            line.push_str(&format!(", {}", clean(&source.publisher)));
        }
        writeln!(out, "{line}")?;
    }
    Ok(Status::Success)
}

/// `text` made safe and put on one line like [`clean`], with the characters at `positions`
/// (char indices into `text`, as the matcher gives them) in bold.
fn highlight(text: &str, positions: &[usize]) -> String {
    if positions.is_empty() {
        return clean(text);
    }
    let mut out = String::new();
    let mut pending_space = false;
    for (i, (_, c, refused)) in crate::text::marked(text).enumerate() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let safe = if refused {
            crate::text::escaped(c)
        } else {
            c.to_string()
        };
        if positions.contains(&i) {
            out.push_str(&format!("\x1b[1m{safe}\x1b[22m"));
        } else {
            out.push_str(&safe);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_chars_not_bytes_and_stays_safe() {
        assert_eq!(highlight("Arbeláez", &[6]), "Arbel\u{e1}\x1b[1me\x1b[22mz");
        assert_eq!(highlight("a\n b\u{1b}", &[]), "a b\\u{1b}");
        assert_eq!(highlight(" a\u{1b}", &[1]), "\x1b[1ma\x1b[22m\\u{1b}");
    }

    #[test]
    fn arguments_with_escapes_are_refused_and_shown_escaped() {
        let args = |list: &[&str]| -> Vec<std::ffi::OsString> {
            list.iter().map(std::ffi::OsString::from).collect()
        };
        assert_eq!(
            refuse_unsafe_args(&args(&["dossier", "show", "quotes"])),
            None
        );
        assert_eq!(
            refuse_unsafe_args(&args(&["dossier", "search", "Mejía ⚽"])),
            None
        );
        let message = refuse_unsafe_args(&args(&["dossier", "show", "quo\u{1b}]2;PWNED\u{7}"]))
            .expect("refused");
        assert!(message.contains("argument 2 holds U+001B"), "{message}");
        assert!(message.contains(r"quo\u{1b}]2;PWNED\u{7}"), "{message}");
        assert!(!message.contains('\u{1b}'));
    }

    #[test]
    fn the_command_line_is_well_formed() {
        <Cli as clap::CommandFactory>::command().debug_assert();
    }
}
