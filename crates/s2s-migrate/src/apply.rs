//! Writing the migrated configs all-or-nothing, with backups and undo.
//!
//! Order: refuse files that changed since they were read; copy every original into a backup
//! folder (`<root>/.s2s-desk-migration/<time>/`, git-ignored by its own `.gitignore`); write
//! every new file to a temp file beside it; record a journal; then rename each temp over its
//! file. Each rename is atomic, and if one fails the files already replaced are restored from
//! the backups, so every file ends either old or new — never half-written. Undo restores the
//! backups the same way (all staged first, each file re-checked just before its rename), and
//! refuses a file edited since the apply. Backups and the journal are owner-only, and no write
//! follows a link planted in the project ([`crate::disk`]).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::disk::{folders_inside, inside_root, write_file, Access};
use crate::rewrite::Rewrite;
use crate::scan::sha256_hex;

/// How temp files beside the configs begin.
const TEMP_PREFIX: &str = ".s2s-desk-tmp-";

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

/// Where one file stands after a write stopped midway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    /// Relative path.
    pub file: String,
    /// Holds the migrated bytes (else: the original bytes, or unknown when reading failed).
    pub state: State,
}

/// A file's content, as far as the migration knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// As before the migration.
    Original,
    /// Migrated.
    Migrated,
    /// Neither (the disk failed while putting it back): restore it from the backup folder.
    Unknown,
}

/// "Every file …" or each file's state, for the end of an error message.
fn states_said(states: &[FileState], backup_dir: &str) -> String {
    let all = |s: State| states.iter().all(|f| f.state == s);
    if all(State::Original) {
        return "Every file was left as it was before.".into();
    }
    if all(State::Migrated) {
        return "Every file is still migrated; nothing was restored.".into();
    }
    let mut out = String::from("Files now:");
    for f in states {
        let said = match f.state {
            State::Original => "as before the migration",
            State::Migrated => "migrated",
            State::Unknown => "unknown: restore it from the backup",
        };
        out.push_str(&format!(" {} — {said};", f.file));
    }
    out.push_str(&format!(" backups in {backup_dir}."));
    out
}

/// Why an apply or undo stopped; in every case no file is left half-written.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// A file changed since it was scanned: nothing was written.
    #[error("{0} changed since it was scanned; nothing was written. Scan again and review the new preview.")]
    ChangedSinceScan(String),
    /// A file is a link or lies outside the project: nothing was written.
    #[error("{file} cannot be written safely: {reason}. Nothing was written; replace the link with the file itself and scan again.")]
    Unsafe {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// Writing failed midway; the states say where each file stands.
    #[error("could not write {file}: {source}. {}", states_said(.states, .backup_dir))]
    Write {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
        /// Every file of the apply or undo, after putting back what could be.
        states: Vec<FileState>,
        /// The backups.
        backup_dir: String,
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
    /// Called before each rename with its index (the fault suite kills the process there).
    pub before_rename: Option<fn(usize)>,
}

/// The target of a relative file, refusing links and paths that leave the root.
fn target_of(root: &Path, file: &str) -> Result<PathBuf, ApplyError> {
    inside_root(root, Path::new(file)).map_err(|e| ApplyError::Unsafe {
        file: file.to_string(),
        reason: e.to_string(),
    })
}

/// Writes every rewrite, or none.
pub fn apply(
    root: &Path,
    rewrites: &[Rewrite],
    now_unix: i64,
    faults: FaultInjection,
) -> Result<Journal, ApplyError> {
    // The journal records where it belongs as an absolute path, so undo can check it from
    // anywhere (a scan of `.` or `./bot` would otherwise record a path relative to its folder).
    let root = &fs::canonicalize(root).map_err(|source| ApplyError::Backup {
        file: root.display().to_string(),
        source,
    })?;
    let mut targets = Vec::new();
    for r in rewrites {
        let target = target_of(root, &r.file)?;
        let current = fs::read(&target).map_err(|source| ApplyError::Backup {
            file: r.file.clone(),
            source,
        })?;
        if current != *r.before {
            return Err(ApplyError::ChangedSinceScan(r.file.clone()));
        }
        targets.push(target);
    }
    let backup_err = |file: &str| {
        let file = file.to_string();
        move |source| ApplyError::Backup { file, source }
    };
    // Owner-only: the backups hold the old secrets.
    let backup_rel = Path::new(BACKUP_FOLDER).join(format!("{now_unix}-{}", std::process::id()));
    let backup_dir =
        folders_inside(root, &backup_rel, Access::Private).map_err(backup_err(BACKUP_FOLDER))?;
    write_file(
        &root.join(BACKUP_FOLDER).join(".gitignore"),
        b"# S2S Desk migration backups hold the old secrets: never commit them.\n*\n",
        Access::Private,
    )
    .map_err(backup_err(BACKUP_FOLDER))?;
    for r in rewrites {
        let rel = Path::new(&r.file);
        if let Some(parent) = rel.parent() {
            folders_inside(&backup_dir, parent, Access::Private).map_err(backup_err(&r.file))?;
        }
        write_file(&backup_dir.join(rel), &r.before, Access::Private)
            .map_err(backup_err(&r.file))?;
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
    write_file(&journal.path(), &json, Access::Private).map_err(backup_err("journal.json"))?;

    let changes: Vec<Change<'_>> = rewrites
        .iter()
        .zip(targets)
        .map(|(r, target)| Change {
            file: &r.file,
            target,
            from: &r.before,
            to: &r.after,
        })
        .collect();
    replace_all(&changes, faults, State::Original, &journal.backup_dir)?;
    Ok(journal)
}

/// One file to move from `from` to `to`.
struct Change<'a> {
    file: &'a str,
    target: PathBuf,
    from: &'a [u8],
    to: &'a [u8],
}

/// Stages every new content beside its file, then renames each in turn, re-checking just
/// before its rename that the file still holds `from`. If a step fails, the files already
/// replaced get `from` back; the error says where each file stands. `start` names the state
/// the files are in before (original for an apply, migrated for an undo).
fn replace_all(
    changes: &[Change<'_>],
    faults: FaultInjection,
    start: State,
    backup_dir: &str,
) -> Result<(), ApplyError> {
    let end = if start == State::Original {
        State::Migrated
    } else {
        State::Original
    };
    let mut states: Vec<FileState> = changes
        .iter()
        .map(|c| FileState {
            file: c.file.to_string(),
            state: start,
        })
        .collect();
    let mut temps = Vec::new();
    for c in changes {
        match temp_beside(&c.target, c.to) {
            Ok(t) => temps.push(t),
            Err(source) => {
                return Err(ApplyError::Write {
                    file: c.file.to_string(),
                    source,
                    states,
                    backup_dir: backup_dir.to_string(),
                })
            }
        }
    }
    for (i, (c, temp)) in changes.iter().zip(temps).enumerate() {
        if let Some(hook) = faults.before_rename {
            hook(i);
        }
        let result = if faults.fail_rename == Some(i) {
            Err(std::io::Error::other(
                "simulated failure (test fault injection)",
            ))
        } else if fs::read(&c.target).ok().as_deref() != Some(c.from) {
            Err(std::io::Error::other(
                "it changed while S2S Desk was writing the others",
            ))
        } else {
            s2s_core::atomic::replace(temp, &c.target)
        };
        if let Err(source) = result {
            for (done, state) in changes[..i].iter().zip(states.iter_mut()) {
                // Each put-back is itself atomic; one that fails is reported, not hidden.
                state.state = match temp_beside(&done.target, done.from)
                    .and_then(|t| s2s_core::atomic::replace(t, &done.target))
                {
                    Ok(()) => start,
                    Err(_) => State::Unknown,
                };
            }
            return Err(ApplyError::Write {
                file: c.file.to_string(),
                source,
                states,
                backup_dir: backup_dir.to_string(),
            });
        }
        states[i].state = end;
    }
    Ok(())
}

/// Restores the files of a journal from its backups: all of them, or none.
pub fn undo(journal_path: &Path) -> Result<Journal, ApplyError> {
    undo_with(journal_path, FaultInjection::default())
}

/// [`undo`] with a fault injected (tests).
pub fn undo_with(journal_path: &Path, faults: FaultInjection) -> Result<Journal, ApplyError> {
    let unreadable = |reason: String| ApplyError::Journal {
        path: journal_path.display().to_string(),
        reason,
    };
    let journal: Journal =
        serde_json::from_slice(&fs::read(journal_path).map_err(|e| unreadable(e.to_string()))?)
            .map_err(|e| unreadable(e.to_string()))?;
    let (root, backup_dir) = journal_place(journal_path, &journal).map_err(unreadable)?;
    let mut restores = Vec::new();
    for f in &journal.files {
        let target = target_of(&root, &f.file)?;
        let current = fs::read(&target).unwrap_or_default();
        let hash = sha256_hex(&current);
        if hash == f.sha256_before {
            continue;
        }
        if hash != f.sha256_after {
            return Err(ApplyError::ChangedSinceApply(f.file.clone()));
        }
        let backup = inside_root(&backup_dir, Path::new(&f.file))
            .map_err(|e| unreadable(format!("backup of {}: {e}", f.file)))?;
        let old = fs::read(backup)
            .map_err(|e| unreadable(format!("backup of {} missing: {e}", f.file)))?;
        if sha256_hex(&old) != f.sha256_before {
            return Err(unreadable(format!(
                "the backup of {} does not match what was migrated",
                f.file
            )));
        }
        restores.push((f.file.as_str(), target, current, old));
    }
    let changes: Vec<Change<'_>> = restores
        .iter()
        .map(|(file, target, current, old)| Change {
            file,
            target: target.clone(),
            from: current,
            to: old,
        })
        .collect();
    replace_all(&changes, faults, State::Migrated, &journal.backup_dir)?;
    for f in &journal.files {
        if let Some(dir) = root.join(&f.file).parent() {
            remove_stray_temps(dir);
        }
    }
    Ok(journal)
}

/// The project root and backup folder of the journal at `journal_path`, from where it lies
/// (`<root>/.s2s-desk-migration/<stamp>/journal.json`), never from what it says: a journal
/// shipped in an untrusted repository must not steer undo outside its project. A journal whose
/// recorded root or backup folder is another place is refused.
fn journal_place(journal_path: &Path, journal: &Journal) -> Result<(PathBuf, PathBuf), String> {
    let real = fs::canonicalize(journal_path).map_err(|e| e.to_string())?;
    let backup_dir = real.parent().map(Path::to_path_buf);
    let folder = backup_dir.as_deref().and_then(Path::parent);
    let (Some(backup_dir), Some(folder)) = (backup_dir.clone(), folder) else {
        return Err("it is not inside a project's .s2s-desk-migration folder".into());
    };
    let root = match (folder.file_name(), folder.parent()) {
        (Some(name), Some(root)) if name == BACKUP_FOLDER => root.to_path_buf(),
        _ => {
            return Err(format!(
                "it is not inside a project's {BACKUP_FOLDER} folder; undo reads journals only where apply wrote them"
            ))
        }
    };
    let same =
        |recorded: &str, actual: &Path| fs::canonicalize(recorded).is_ok_and(|r| r == actual);
    if !same(&journal.root, &root) || !same(&journal.backup_dir, &backup_dir) {
        return Err(format!(
            "it names another project or backup folder ({}) than the one it lies in ({}); nothing was restored. Undo only journals S2S Desk wrote in this project",
            journal.root,
            root.display()
        ));
    }
    Ok((root, backup_dir))
}

/// Temp files an apply killed mid-way left beside the configs (they may hold the new secret).
fn remove_stray_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let is_temp = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        if is_temp && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A synced temp file next to `target` with `target`'s permissions.
fn temp_beside(target: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = fs::metadata(target) {
        fs::set_permissions(temp.path(), meta.permissions())?;
    }
    Ok(temp)
}
