//! JWT → S2S migration: scan a project in the background (poll, cancel), preview the config
//! rewrites with the new app's IDs, judge readiness from the new app's token test, apply all or
//! nothing, undo, and the report. The logic is s2s-migrate's; these adapt it to the window.

use std::path::{Path, PathBuf};

use s2s_core::scope_report::latest_token;
use s2s_migrate::apply::{apply, undo, FaultInjection, Journal};
use s2s_migrate::disk::{inside_root, write_file, Access};
use s2s_migrate::guidance::{for_languages, Guidance};
use s2s_migrate::plan::{previews, readiness, rewrites, FilePreview, Readiness};
use s2s_migrate::report::{html, markdown, Decisions};
use s2s_migrate::rewrite::{NewNames, NewValues, Rewrite};
use s2s_migrate::scan::{ProgressSnapshot, ScanReport};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::ipc_error::IpcError;
use crate::migrations::JobState;
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
    pub profile_id: Option<String>,
    /// Write the client secret from the keychain instead of a placeholder.
    pub write_secret: bool,
}

/// Everything the plan screen shows.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct MigrationPlan {
    /// One diff per config file, secrets masked.
    pub previews: Vec<FilePreview>,
    /// Token handling before/after, per language found.
    pub guidance: Vec<Guidance>,
    /// Whether the new app is ready.
    pub readiness: Readiness,
}

/// The report, in both formats.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct MigrationReport {
    /// Markdown.
    pub markdown: String,
    /// A standalone HTML page.
    pub html: String,
    /// Where the Markdown was saved (the HTML beside it), when asked to save.
    pub saved_to: Option<String>,
}

/// Starts scanning a file or folder; returns the scan's id.
#[tauri::command]
#[specta::specta]
pub fn migrate_scan_start(state: State<'_, AppState>, path: String) -> Result<u32, IpcError> {
    let path = expand_home(path.trim());
    if !path.exists() {
        return Err(IpcError::path_not_found(&path));
    }
    Ok(state.migrations.start(path))
}

/// A scan's progress or result.
#[tauri::command]
#[specta::specta]
pub fn migrate_scan_status(state: State<'_, AppState>, id: u32) -> Result<ScanStatus, IpcError> {
    Ok(
        match state
            .migrations
            .state(id)
            .ok_or_else(IpcError::scan_unavailable)?
        {
            JobState::Running(progress) => ScanStatus::Running { progress },
            JobState::Done(report) => ScanStatus::Done {
                report: Box::new(report),
            },
            JobState::Failed(e) => ScanStatus::Failed {
                message: e.to_string(),
            },
        },
    )
}

/// Stops a scan; what was found so far is kept.
#[tauri::command]
#[specta::specta]
pub fn migrate_scan_cancel(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state
        .migrations
        .cancel(id)
        .then_some(())
        .ok_or_else(IpcError::scan_unavailable)
}

/// Previews, guidance and readiness for the current choices. Writes nothing.
#[tauri::command]
#[specta::specta]
pub fn migrate_plan(
    state: State<'_, AppState>,
    id: u32,
    choices: MigrationChoices,
) -> Result<MigrationPlan, IpcError> {
    let (report, edits) = edits_for(&state, id, &choices)?;
    Ok(MigrationPlan {
        previews: previews(&edits),
        guidance: for_languages(&report.languages),
        readiness: readiness_for(&state, &report, choices.profile_id.as_deref())?,
    })
}

/// Writes every migrated config or none, with backups; only once the new app is ready.
#[tauri::command]
#[specta::specta]
pub fn migrate_apply(
    state: State<'_, AppState>,
    id: u32,
    choices: MigrationChoices,
) -> Result<Journal, IpcError> {
    let (report, edits) = edits_for(&state, id, &choices)?;
    let ready = readiness_for(&state, &report, choices.profile_id.as_deref())?;
    if !ready.ready {
        return Err(IpcError::migration_not_ready(&ready.message));
    }
    Ok(apply(
        std::path::Path::new(&report.root),
        &edits,
        now(),
        FaultInjection::default(),
    )?)
}

/// The finished scan and its rewrites for these choices (in memory; nothing written).
fn edits_for(
    state: &AppState,
    id: u32,
    choices: &MigrationChoices,
) -> Result<(ScanReport, Vec<Rewrite>), IpcError> {
    let report = state
        .migrations
        .report(id)
        .ok_or_else(IpcError::scan_unavailable)?;
    choices
        .names
        .validate()
        .map_err(IpcError::migration_input)?;
    let values = values_for(state, choices)?;
    let edits = rewrites(&report, &choices.names, &values)?;
    Ok((report, edits))
}

/// Restores the files an apply changed.
#[tauri::command]
#[specta::specta]
pub fn migrate_undo(journal: Journal) -> Result<Journal, IpcError> {
    Ok(undo(&journal.path())?)
}

/// The migration report; with `save`, also written into the project as Markdown and HTML.
#[tauri::command]
#[specta::specta]
pub fn migrate_report(
    state: State<'_, AppState>,
    id: u32,
    choices: MigrationChoices,
    journal: Option<Journal>,
    save: bool,
) -> Result<MigrationReport, IpcError> {
    let report = state
        .migrations
        .report(id)
        .ok_or_else(IpcError::scan_unavailable)?;
    let profile = choices
        .profile_id
        .as_deref()
        .map(|p| state.profiles.get(p))
        .transpose()?;
    let decisions = Decisions {
        names: choices.names,
        secret_written: choices.write_secret,
        profile: profile.as_ref().map(|p| p.name.clone()),
        token_test: profile
            .as_ref()
            .and_then(|p| p.history.first())
            .map(|r| r.summary.clone()),
    };
    let md = markdown(&report, &decisions, journal.as_ref(), now());
    let page = html(&report, &decisions, journal.as_ref(), now());
    let saved_to = if save {
        let root = PathBuf::from(&report.root);
        let path = root.join("s2s-desk-migration-report.md");
        for (name, text) in [
            ("s2s-desk-migration-report.md", &md),
            ("s2s-desk-migration-report.html", &page),
        ] {
            inside_root(&root, Path::new(name))
                .and_then(|target| write_file(&target, text.as_bytes(), Access::Shared))
                .map_err(|e| {
                    IpcError::migration_input(format!(
                        "the report could not be saved as {name}: {e}"
                    ))
                })?;
        }
        Some(path.display().to_string())
    } else {
        None
    };
    Ok(MigrationReport {
        html: page,
        markdown: md,
        saved_to,
    })
}

fn values_for(state: &AppState, choices: &MigrationChoices) -> Result<NewValues, IpcError> {
    let Some(id) = choices.profile_id.as_deref() else {
        return Ok(NewValues {
            account_id: "YOUR_ACCOUNT_ID".into(),
            client_id: "YOUR_CLIENT_ID".into(),
            client_secret: None,
        });
    };
    if choices.write_secret {
        let (profile, raw) = state.profiles.credentials(id)?;
        return Ok(NewValues {
            account_id: profile.account_id,
            client_id: profile.client_id,
            client_secret: Some(raw.client_secret.expose().trim().to_string().into()),
        });
    }
    let profile = state.profiles.get(id)?;
    Ok(NewValues {
        account_id: profile.account_id,
        client_id: profile.client_id,
        client_secret: None,
    })
}

fn readiness_for(
    state: &AppState,
    report: &ScanReport,
    profile_id: Option<&str>,
) -> Result<Readiness, IpcError> {
    let Some(id) = profile_id else {
        return Ok(readiness(report, None, &[]));
    };
    let profile = state.profiles.get(id)?;
    let latest_ok = profile.history.first().map(|r| r.ok);
    let granted = latest_token(&profile)
        .map(|r| r.scopes.clone())
        .unwrap_or_default();
    Ok(readiness(report, latest_ok, &granted))
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
