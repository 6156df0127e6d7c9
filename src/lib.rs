//! dossier: load, validate and browse sourced career dossiers.
//!
//! Data flows one way: a YAML file is loaded and validated into the [`model`], the command line
//! ([`cli`]) prints it, and the terminal UI ([`tui`]) turns it into app state drawn by widgets.

pub mod career;
pub mod cli;
pub mod config;
pub mod diff;
pub mod load;
pub mod model;
pub mod report;
pub mod schema;
pub mod search;
pub mod skeleton;
/// The test-data generator: only with the `testgen` feature (tests, benches, examples, fuzzing).
#[cfg(any(test, feature = "testgen"))]
#[doc(hidden)]
pub mod testgen;
pub mod text;
pub mod tui;
pub mod watch;
