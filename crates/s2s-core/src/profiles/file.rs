//! The profiles file: `profiles.json` in the app's data directory, shared by the app and the
//! CLI. Writes are atomic (temporary file, fsync, rename), so a crash never leaves half a file,
//! and every read-modify-write holds an advisory lock (`profiles.json.lock`), so two processes
//! changing it at once lose nothing. A file that is unreadable JSON, or from a newer S2S Desk,
//! is never written over and never moved by itself: reads report it, writes refuse, and only
//! an explicit [`ProfileFile::set_aside_unusable`] (the app, after asking) moves it aside.

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

/// How long a change waits for another process's change to finish.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Reading or writing the file failed.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file exists but cannot be used; nothing is written over it.
    #[error("the profiles file {path} cannot be used: {reason}. Nothing was changed")]
    Unusable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The system names no user data folder.
    #[error("this system has no user data folder to keep profiles in")]
    NoDataFolder,
    /// Another S2S Desk process kept the file locked.
    #[error("the profiles file {path} stayed locked by another S2S Desk process (the app or the s2s CLI) for {} s", LOCK_WAIT.as_secs())]
    Busy {
        /// The file.
        path: PathBuf,
    },
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

/// Names the folder of the profiles file (and the app's preferences) instead of the default.
pub const DATA_DIR_VARIABLE: &str = "S2S_DATA_DIR";

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

    /// The file where the app keeps it: `<data dir>/app.s2sdesk.desktop/profiles.json` (on Linux
    /// `$XDG_DATA_HOME`, else `~/.local/share`; on Windows `%APPDATA%`, the roaming profile
    /// folder Windows itself names; on macOS `~/Library/Application Support`), as Tauri's
    /// `app_data_dir` names it — or the folder `S2S_DATA_DIR` names (a portable set-up, a CI
    /// job, tests: Windows' folder ignores environment variables).
    pub fn default_location() -> Option<Self> {
        if let Some(dir) = std::env::var_os(DATA_DIR_VARIABLE).filter(|d| !d.is_empty()) {
            return Some(Self::in_dir(Path::new(&dir)));
        }
        dirs::data_dir().map(|d| Self::in_dir(&d.join(APP_IDENTIFIER)))
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The book as the file holds it: a missing file is an empty book; an unusable one is
    /// [`FileError::Unusable`], and stays where it is.
    pub fn read(&self) -> Result<ProfileBook, FileError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ProfileBook::default()),
            Err(source) => {
                return Err(FileError::Io {
                    action: "read",
                    path: self.path.clone(),
                    source,
                })
            }
        };
        parse(&bytes).map_err(|reason| FileError::Unusable {
            path: self.path.clone(),
            reason,
        })
    }

    /// Holds the file's advisory lock until the returned guard drops; waits up to 10 s for
    /// another process's change to finish.
    pub fn lock(&self) -> Result<Locked<'_>, FileError> {
        self.create_folder()?;
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.path.with_file_name(format!("{FILE_NAME}.lock")))
            .map_err(|e| self.io("lock", e))?;
        let started = std::time::Instant::now();
        loop {
            match lock.try_lock() {
                Ok(()) => {
                    return Ok(Locked {
                        file: self,
                        _lock: lock,
                    })
                }
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(FileError::Busy {
                        path: self.path.clone(),
                    })
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(self.io("lock", e)),
            }
        }
    }

    /// Moves an unusable file aside (`profiles.json.unreadable-<time>`), so the app can start
    /// afresh: only on the admin's word. A usable or missing file is left alone.
    pub fn set_aside_unusable(&self) -> Result<Option<SetAside>, FileError> {
        let locked = self.lock()?;
        let reason = match locked.read() {
            Err(FileError::Unusable { reason, .. }) => reason,
            Err(e) => return Err(e),
            Ok(_) => return Ok(None),
        };
        let stamp = crate::clock::now_unix();
        let backup = self
            .path
            .with_file_name(format!("{FILE_NAME}.unreadable-{stamp}"));
        std::fs::rename(&self.path, &backup).map_err(|source| FileError::Io {
            action: "move aside",
            path: self.path.clone(),
            source,
        })?;
        Ok(Some(SetAside { backup, reason }))
    }

    /// Writes the book atomically, readable by the owner only. Prefer [`Locked::save`] for a
    /// read-modify-write; this takes the lock itself.
    pub fn save(&self, book: &ProfileBook) -> Result<(), FileError> {
        self.lock()?.save(book)
    }

    fn write(&self, book: &ProfileBook) -> Result<(), FileError> {
        self.create_folder()?;
        let json = serde_json::to_vec_pretty(&Document {
            format: FORMAT,
            profiles: book.profiles().to_vec(),
        })
        .map_err(|e| self.io("encode", std::io::Error::other(e)))?;
        write_atomically(&self.path, &json).map_err(|e| self.io("write", e))
    }

    fn create_folder(&self) -> Result<(), FileError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| self.io("create the folder of", e))
    }

    fn io(&self, action: &'static str, source: std::io::Error) -> FileError {
        FileError::Io {
            action,
            path: self.path.clone(),
            source,
        }
    }
}

/// A synced temp file beside `path`, renamed over it: a crash leaves the old file or the new
/// one, never half of either. Temp files are created owner-only, and the rename keeps that.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    crate::atomic::replace(temp, path)
}

/// The profiles file, locked against other processes' changes while this is alive.
pub struct Locked<'a> {
    file: &'a ProfileFile,
    _lock: std::fs::File,
}

impl Locked<'_> {
    /// Profile ids whose keychain entry may outlive their profile: written before a keychain
    /// change that a crash could strand (a new secret before its profile is saved, an old one
    /// after its profile is deleted), cleared once both sides agree. A crash in between leaves
    /// the id here, and the next open removes the orphaned entry.
    pub fn pending(&self) -> Vec<String> {
        std::fs::read(self.pending_path())
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Adds `id` to [`Self::pending`].
    pub fn mark_pending(&self, id: &str) -> Result<(), FileError> {
        let mut ids = self.pending();
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
        self.write_pending(&ids)
    }

    /// Removes `ids` from [`Self::pending`].
    pub fn clear_pending(&self, ids: &[&str]) -> Result<(), FileError> {
        let mut pending = self.pending();
        pending.retain(|p| !ids.contains(&p.as_str()));
        self.write_pending(&pending)
    }

    fn pending_path(&self) -> PathBuf {
        self.file
            .path
            .with_file_name(format!("{FILE_NAME}.pending"))
    }

    fn write_pending(&self, ids: &[String]) -> Result<(), FileError> {
        let path = self.pending_path();
        let io = |source| FileError::Io {
            action: "write",
            path: path.clone(),
            source,
        };
        if ids.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
                _ => Ok(()),
            };
        }
        let json = serde_json::to_vec(ids).map_err(|e| io(std::io::Error::other(e)))?;
        write_atomically(&path, &json).map_err(io)
    }

    /// The book on disk now ([`ProfileFile::read`]).
    pub fn read(&self) -> Result<ProfileBook, FileError> {
        self.file.read()
    }

    /// Writes the book over a usable (or missing) file; an unusable one is refused.
    pub fn save(&self, book: &ProfileBook) -> Result<(), FileError> {
        if let Err(e @ FileError::Unusable { .. }) = self.file.read() {
            return Err(e);
        }
        self.file.write(book)
    }
}

/// The book in a file's bytes, or why they are unusable.
pub(crate) fn parse(bytes: &[u8]) -> Result<ProfileBook, String> {
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
