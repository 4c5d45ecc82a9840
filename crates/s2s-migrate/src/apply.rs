//! Writing the migrated configs all-or-nothing, with backups and undo.
//!
//! Order: refuse files that changed since they were read; copy every original into a backup
//! folder (`<root>/.s2s-desk-migration/<time>/`, git-ignored by its own `.gitignore`); write
//! every new file to a temp file beside it; record a journal; then rename each temp over its
//! file. Each rename is atomic, and if one fails the files already replaced are restored from
//! the backups, so every file ends either old or new — never half-written. Undo restores the
//! backups the same way, and refuses a file edited since the apply.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::rewrite::Rewrite;
use crate::scan::sha256_hex;

/// The folder under the project root that holds backups and journals.
pub const BACKUP_FOLDER: &str = ".s2s-desk-migration";

/// What an apply did, enough to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Journal {
    /// The project root.
    pub root: String,
    /// The backup folder of this apply.
    pub backup_dir: String,
    /// When, as Unix seconds.
    pub applied_unix: i64,
    /// The files changed.
    pub files: Vec<JournalFile>,
}

/// One changed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalFile {
    /// Relative path.
    pub file: String,
    /// SHA-256 before.
    pub sha256_before: String,
    /// SHA-256 after.
    pub sha256_after: String,
}

impl Journal {
    /// Where this journal is stored.
    pub fn path(&self) -> PathBuf {
        Path::new(&self.backup_dir).join("journal.json")
    }
}

/// Why an apply or undo stopped; in every case no file is left half-written.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// A file changed since it was scanned: nothing was written.
    #[error("{0} changed since it was scanned; nothing was written. Scan again and review the new preview.")]
    ChangedSinceScan(String),
    /// Writing failed; files already replaced were restored.
    #[error("could not write {file}: {source}. Every file was left as it was before.")]
    Write {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Backups could not be made: nothing was written.
    #[error("could not back up {file}: {source}. Nothing was written.")]
    Backup {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Undo found files edited after the apply: nothing was restored.
    #[error("{0} changed after the migration; nothing was restored. Restore it by hand from the backup folder if you want the old version.")]
    ChangedSinceApply(String),
    /// The journal is missing or unreadable.
    #[error("the migration journal {path} cannot be read: {reason}")]
    Journal {
        /// Its path.
        path: String,
        /// Why.
        reason: String,
    },
}

/// A seam for tests: fail instead of the n-th rename, as a full disk or a permissions change
/// mid-apply would.
#[derive(Debug, Clone, Copy, Default)]
pub struct FaultInjection {
    /// 0-based index of the rename that fails.
    pub fail_rename: Option<usize>,
}

/// Writes every rewrite, or none.
pub fn apply(
    root: &Path,
    rewrites: &[Rewrite],
    now_unix: i64,
    faults: FaultInjection,
) -> Result<Journal, ApplyError> {
    for r in rewrites {
        let current = fs::read(root.join(&r.file)).map_err(|source| ApplyError::Backup {
            file: r.file.clone(),
            source,
        })?;
        if current != r.before {
            return Err(ApplyError::ChangedSinceScan(r.file.clone()));
        }
    }
    let backup_dir = root
        .join(BACKUP_FOLDER)
        .join(format!("{now_unix}-{}", std::process::id()));
    let backup = |file: &str, bytes: &[u8]| -> std::io::Result<()> {
        let target = backup_dir.join(file);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        write_synced(&target, bytes)
    };
    fs::create_dir_all(&backup_dir)
        .and_then(|_| {
            write_synced(
                &root.join(BACKUP_FOLDER).join(".gitignore"),
                b"# S2S Desk migration backups hold the old secrets: never commit them.\n*\n",
            )
        })
        .map_err(|source| ApplyError::Backup {
            file: BACKUP_FOLDER.into(),
            source,
        })?;
    for r in rewrites {
        backup(&r.file, &r.before).map_err(|source| ApplyError::Backup {
            file: r.file.clone(),
            source,
        })?;
    }
    let journal = Journal {
        root: root.display().to_string(),
        backup_dir: backup_dir.display().to_string(),
        applied_unix: now_unix,
        files: rewrites
            .iter()
            .map(|r| JournalFile {
                file: r.file.clone(),
                sha256_before: sha256_hex(&r.before),
                sha256_after: sha256_hex(&r.after),
            })
            .collect(),
    };
    let json = serde_json::to_vec_pretty(&journal).map_err(|e| ApplyError::Backup {
        file: "journal.json".into(),
        source: e.into(),
    })?;
    write_synced(&journal.path(), &json).map_err(|source| ApplyError::Backup {
        file: "journal.json".into(),
        source,
    })?;

    let mut temps = Vec::new();
    for r in rewrites {
        let target = root.join(&r.file);
        let temp = temp_beside(&target, &r.after).map_err(|source| ApplyError::Write {
            file: r.file.clone(),
            source,
        })?;
        temps.push((r, target, temp));
    }
    let mut replaced: Vec<&Rewrite> = Vec::new();
    for (i, (r, target, temp)) in temps.into_iter().enumerate() {
        let result = if faults.fail_rename == Some(i) {
            Err(std::io::Error::other(
                "simulated failure (test fault injection)",
            ))
        } else {
            temp.persist(&target).map(|_| ()).map_err(|e| e.error)
        };
        if let Err(source) = result {
            for done in &replaced {
                // Best effort is all there is here; each restore is itself atomic.
                let _ = restore(&root.join(&done.file), &done.before);
            }
            return Err(ApplyError::Write {
                file: r.file.clone(),
                source,
            });
        }
        replaced.push(r);
    }
    Ok(journal)
}

/// Restores the files of a journal from its backups.
pub fn undo(journal_path: &Path) -> Result<Journal, ApplyError> {
    let unreadable = |reason: String| ApplyError::Journal {
        path: journal_path.display().to_string(),
        reason,
    };
    let journal: Journal =
        serde_json::from_slice(&fs::read(journal_path).map_err(|e| unreadable(e.to_string()))?)
            .map_err(|e| unreadable(e.to_string()))?;
    let root = PathBuf::from(&journal.root);
    let backup_dir = PathBuf::from(&journal.backup_dir);
    let mut restores = Vec::new();
    for f in &journal.files {
        let current = fs::read(root.join(&f.file))
            .map(|b| sha256_hex(&b))
            .unwrap_or_default();
        if current == f.sha256_before {
            continue;
        }
        if current != f.sha256_after {
            return Err(ApplyError::ChangedSinceApply(f.file.clone()));
        }
        let old = fs::read(backup_dir.join(&f.file))
            .map_err(|e| unreadable(format!("backup of {} missing: {e}", f.file)))?;
        restores.push((f.file.clone(), old));
    }
    for (file, old) in restores {
        restore(&root.join(&file), &old).map_err(|source| ApplyError::Write { file, source })?;
    }
    Ok(journal)
}

fn restore(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    temp_beside(target, bytes)?
        .persist(target)
        .map(|_| ())
        .map_err(|e| e.error)
}

/// A synced temp file next to `target` with `target`'s permissions.
fn temp_beside(target: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".s2s-desk-")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = fs::metadata(target) {
        fs::set_permissions(temp.path(), meta.permissions())?;
    }
    Ok(temp)
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
