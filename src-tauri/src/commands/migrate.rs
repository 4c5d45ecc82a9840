//! JWT → S2S migration: each command adapts one call of s2s-migrate's `session` use case to the
//! window (background scan with progress on a channel and cancel, plan, apply behind the readiness gate, undo,
//! report), with the new app's IDs, secret and latest test from the profile the admin picked.

use s2s_core::profiles::ProfileId;
use s2s_migrate::apply::Journal;
use s2s_migrate::rewrite::NewNames;
use s2s_migrate::scan::{ProgressSnapshot, ScanReport};
use s2s_migrate::session::{
    self, Gate, Migration, MigrationPlan, MigrationReport, NewApp, ScanState,
};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// Where a scan is.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ScanStatus {
    /// Walking; counts so far.
    Running {
        /// Files, bytes, findings.
        progress: ProgressSnapshot,
    },
    /// Finished (see `report.cancelled`).
    Done {
        /// What was found.
        report: Box<ScanReport>,
    },
    /// Could not scan.
    Failed {
        /// Why, and what to do.
        message: String,
    },
}

/// The admin's choices for the rewrite.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct MigrationChoices {
    /// New setting names.
    pub names: NewNames,
    /// The profile of the new S2S app (its IDs are written; its test decides readiness).
    pub profile_id: Option<ProfileId>,
    /// Write the client secret from the keychain instead of a placeholder.
    pub write_secret: bool,
}

impl From<ScanState> for ScanStatus {
    fn from(state: ScanState) -> Self {
        match state {
            ScanState::Running(progress) => ScanStatus::Running { progress },
            ScanState::Done(report) => ScanStatus::Done {
                report: Box::new(report),
            },
            ScanState::Failed(e) => ScanStatus::Failed {
                message: e.to_string(),
            },
        }
    }
}

/// Starts scanning a file or folder (`~/` works); returns the scan's id. Its counts (every
/// 100 ms while they change) and then its result arrive on `on_update`: a Tauri channel, the
/// IPC Tauri documents for progress (ordered, and cheaper than events), so the window never polls.
#[tauri::command]
#[specta::specta]
pub fn start_migration_scan(
    state: State<'_, AppState>,
    path: String,
    on_update: Channel<ScanStatus>,
) -> Result<u32, IpcError> {
    state
        .scans
        .start_watched(&path, move |_, update| {
            // A window that went away no longer listens; the scan carries on regardless.
            let _ = on_update.send(update.into());
        })
        .map_err(|missing| IpcError::path_not_found(&missing))
}

/// A scan's progress or result, when asked (the channel tells it as it happens).
#[tauri::command]
#[specta::specta]
pub fn get_migration_scan(state: State<'_, AppState>, id: u32) -> Result<ScanStatus, IpcError> {
    Ok(state
        .scans
        .state(id)
        .ok_or_else(IpcError::scan_unavailable)?
        .into())
}

/// Stops a scan; what was found so far is kept.
#[tauri::command]
#[specta::specta]
pub fn cancel_migration_scan(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state
        .scans
        .cancel(id)
        .then_some(())
        .ok_or_else(IpcError::scan_unavailable)
}

/// Previews, guidance and readiness for the current choices. Writes nothing.
#[tauri::command]
#[specta::specta]
pub fn plan_migration(
    state: State<'_, AppState>,
    id: u32,
    choices: MigrationChoices,
) -> Result<MigrationPlan, IpcError> {
    let (migration, app) = inputs(&state, id, &choices)?;
    Ok(migration.plan(&choices.names, &app)?)
}

/// Writes every migrated config or none, with backups; only once the new app is ready.
#[tauri::command]
#[specta::specta]
pub fn apply_migration(
    state: State<'_, AppState>,
    id: u32,
    choices: MigrationChoices,
) -> Result<Journal, IpcError> {
    let (migration, app) = inputs(&state, id, &choices)?;
    Ok(migration.apply(&choices.names, &app, Gate::RequireReady)?)
}

/// Restores the files an apply changed.
#[tauri::command]
#[specta::specta]
pub fn undo_migration(journal: Journal) -> Result<session::Undone, IpcError> {
    Ok(session::undo(&journal)?)
}

/// The migration report; with `save`, also written into the project as Markdown and HTML.
#[tauri::command]
#[specta::specta]
pub fn get_migration_report(
    state: State<'_, AppState>,
    id: u32,
    choices: MigrationChoices,
    journal: Option<Journal>,
    save: bool,
) -> Result<MigrationReport, IpcError> {
    let (migration, app) = inputs(&state, id, &choices)?;
    Ok(migration.report_for(&choices.names, &app, journal.as_ref(), save)?)
}

/// The finished scan, and the new app the admin chose (placeholders until one is).
fn inputs(
    state: &AppState,
    id: u32,
    choices: &MigrationChoices,
) -> Result<(Migration, NewApp), IpcError> {
    let migration = state
        .scans
        .migration(id)
        .ok_or_else(IpcError::scan_unavailable)?;
    let app = match choices.profile_id.as_deref() {
        Some(id) => NewApp::from_profile(&state.profiles, id, choices.write_secret)?,
        None => NewApp::placeholders(),
    };
    Ok((migration, app))
}
