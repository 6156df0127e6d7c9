//! Helpers shared by the integration tests that run the `dossier` binary on files of their own.

use std::path::PathBuf;

use tempfile::TempDir;

/// A temporary folder holding one dossier file; the folder is removed when this is dropped.
pub struct DataFile {
    _dir: TempDir,
    /// The file's path.
    pub path: PathBuf,
}

/// Writes `text` to a file called `name` in a new temporary folder.
pub fn data_file(name: &str, text: &str) -> DataFile {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("the file is written");
    DataFile { _dir: dir, path }
}
