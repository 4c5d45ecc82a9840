//! The profiles file: `profiles.json` in the app's data directory, shared by the app and the
//! CLI. Writes are atomic (temporary file, fsync, rename), so a crash never leaves half a file.
//! A file that is unreadable JSON, or from a newer S2S Desk, is moved aside to a backup and
//! reported; the app then starts with an empty book instead of refusing to open.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Profile, ProfileBook};

/// The app's identifier (tauri.conf.json); its data directory is named after it.
pub const APP_IDENTIFIER: &str = "app.s2sdesk.desktop";
/// The file's format version this build reads and writes.
pub const FORMAT: u32 = 1;
const FILE_NAME: &str = "profiles.json";

#[derive(Serialize, Deserialize)]
struct Document {
    format: u32,
    profiles: Vec<Profile>,
}

/// A file that could not be used and was moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Where the old file now is.
    pub backup: PathBuf,
    /// Why it could not be used.
    pub reason: String,
}

/// Reading or writing the file failed.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The operating system refused.
    #[error("could not {action} {path}: {source}")]
    Io {
        /// "read", "write", "move aside".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The profiles file at a path.
#[derive(Debug, Clone)]
pub struct ProfileFile {
    path: PathBuf,
}

impl ProfileFile {
    /// The file inside `data_dir`.
    pub fn in_dir(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join(FILE_NAME),
        }
    }

    /// The file where the app keeps it: `<data dir>/app.s2sdesk.desktop/profiles.json`
    /// (on Linux `$XDG_DATA_HOME`, else `~/.local/share`), as Tauri's `app_data_dir` names it.
    pub fn default_location() -> Option<Self> {
        dirs::data_dir().map(|d| Self::in_dir(&d.join(APP_IDENTIFIER)))
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Loads the book; a missing file is an empty book. An unusable file is moved aside.
    pub fn load(&self) -> Result<(ProfileBook, Option<SetAside>), FileError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((ProfileBook::default(), None))
            }
            Err(source) => {
                return Err(FileError::Io {
                    action: "read",
                    path: self.path.clone(),
                    source,
                })
            }
        };
        let problem = match parse(&bytes) {
            Ok(book) => return Ok((book, None)),
            Err(problem) => problem,
        };
        let backup = self.set_aside()?;
        Ok((
            ProfileBook::default(),
            Some(SetAside {
                backup,
                reason: problem,
            }),
        ))
    }

    /// The book as the file holds it now, without side effects: `None` when it can't be read or
    /// used (then the caller keeps what it has; [`ProfileFile::load`] handles such files).
    pub fn current(&self) -> Option<ProfileBook> {
        match std::fs::read(&self.path) {
            Ok(bytes) => parse(&bytes).ok(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(ProfileBook::default()),
            Err(_) => None,
        }
    }

    /// Writes the book atomically, readable by the owner only.
    pub fn save(&self, book: &ProfileBook) -> Result<(), FileError> {
        let io = |action, source| FileError::Io {
            action,
            path: self.path.clone(),
            source,
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| io("create the folder of", e))?;
        let json = serde_json::to_vec_pretty(&Document {
            format: FORMAT,
            profiles: book.profiles().to_vec(),
        })
        .map_err(|e| io("encode", std::io::Error::other(e)))?;
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| io("write", e))?;
        temp.write_all(&json).map_err(|e| io("write", e))?;
        temp.as_file().sync_all().map_err(|e| io("write", e))?;
        // NamedTempFile is created 0600 on Unix; the rename keeps that.
        temp.persist(&self.path)
            .map_err(|e| io("replace", e.error))?;
        Ok(())
    }

    fn set_aside(&self) -> Result<PathBuf, FileError> {
        let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
        let backup = self
            .path
            .with_file_name(format!("{FILE_NAME}.unreadable-{stamp}"));
        std::fs::rename(&self.path, &backup).map_err(|source| FileError::Io {
            action: "move aside",
            path: self.path.clone(),
            source,
        })?;
        Ok(backup)
    }
}

/// The book in a file's bytes, or why they are unusable.
fn parse(bytes: &[u8]) -> Result<ProfileBook, String> {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Err(e) => Err(format!("it is not valid JSON ({e})")),
        Ok(value) => match value.get("format").and_then(serde_json::Value::as_u64) {
            Some(format) if format > u64::from(FORMAT) => Err(format!(
                "it was written by a newer S2S Desk (format {format}; this version reads {FORMAT})"
            )),
            _ => serde_json::from_value::<Document>(value)
                .map(|doc| ProfileBook::from_profiles(doc.profiles))
                .map_err(|e| format!("its contents do not match the expected layout ({e})")),
        },
    }
}
