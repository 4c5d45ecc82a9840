//! Profiles: list, save (create, edit, rename), duplicate, delete, import and export.
//! Each command is one `ProfileService` call; secrets arrive here only to be stored.

use s2s_core::profiles::health::ProfileEntry;
use s2s_core::profiles::service::{RotationSettings, SaveExtras};
use s2s_core::profiles::ProfileId;
use s2s_core::profiles::{export, Profile, ProfileDraft, TestRecord};
use s2s_core::Secret;
use serde::Serialize;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;
use s2s_core::profiles::service::ServiceError;

/// The Profiles view's data.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ProfileList {
    /// Every profile with its health, in creation order.
    pub profiles: Vec<ProfileEntry>,
    /// Which keychain holds the secrets, e.g. "Secret Service (service app.s2sdesk.desktop)".
    pub keychain: String,
    /// Set while the profiles file cannot be used (corrupt, or from a newer S2S Desk): it is
    /// left untouched until the admin chooses to set it aside.
    pub notice: Option<String>,
    /// Set when no keychain answers: secrets can then be neither saved nor read.
    pub keychain_problem: Option<IpcError>,
}

/// All profiles, and anything the admin must know about their storage.
#[tauri::command]
#[specta::specta]
pub fn list_profiles(state: State<'_, AppState>) -> ProfileList {
    let service = &state.profiles;
    ProfileList {
        profiles: service.entries(),
        keychain: service.keychain(),
        keychain_problem: service.keychain_status().err().map(|e| ServiceError::Keychain(e).into()),
        notice: service.file_problem().map(|problem| {
            format!(
                "{problem}: S2S Desk will not write over it, so profiles can't be saved. If a newer S2S Desk wrote it, use that version; otherwise set it aside (it is kept as a backup) and start afresh."
            )
        }),
    }
}

/// Moves an unusable profiles file aside, on the admin's word; returns where it went.
#[tauri::command]
#[specta::specta]
pub fn set_aside_profiles_file(state: State<'_, AppState>) -> Result<Option<String>, IpcError> {
    Ok(state
        .profiles
        .set_aside_unusable_file()?
        .map(|aside| aside.backup.display().to_string()))
}

/// Creates a profile (`id` null) or updates one. `client_secret` null keeps the stored secret.
/// `last_test` is the wizard's test of these credentials, saved with them in one write.
#[tauri::command]
#[specta::specta]
pub fn save_profile(
    state: State<'_, AppState>,
    id: Option<ProfileId>,
    draft: ProfileDraft,
    client_secret: Option<Secret>,
    last_test: Option<TestRecord>,
    app_id: Option<String>,
) -> Result<Profile, IpcError> {
    // An App ID comes with it (a Sandbox app added as a profile); the reminder stays as it was.
    let rotation = match app_id {
        Some(app_id) => Some(RotationSettings {
            app_id: Some(app_id),
            reminder_days: match &id {
                Some(id) => state.profiles.get(id)?.secret_reminder_days,
                None => None,
            },
        }),
        None => None,
    };
    let extras = SaveExtras {
        tested: last_test,
        rotation,
    };
    Ok(state
        .profiles
        .save_with(id.as_deref(), draft, client_secret.as_ref(), extras)?)
}

/// Copies a profile and its secret under a new name.
#[tauri::command]
#[specta::specta]
pub fn duplicate_profile(state: State<'_, AppState>, id: ProfileId) -> Result<Profile, IpcError> {
    Ok(state.profiles.duplicate(&id)?)
}

/// Deletes a profile and its keychain entry.
#[tauri::command]
#[specta::specta]
pub fn delete_profile(state: State<'_, AppState>, id: ProfileId) -> Result<(), IpcError> {
    state.profiles.delete(&id)?;
    Ok(())
}

/// The profile's non-secret fields as JSON, to share.
#[tauri::command]
#[specta::specta]
pub fn export_profile(state: State<'_, AppState>, id: ProfileId) -> Result<String, IpcError> {
    Ok(export::to_json(&state.profiles.get(&id)?))
}

/// Saves the JSON export or the masked `.env` snippet to `path` (chosen in the native save
/// dialog). Never the secret: that is only ever shown or copied.
#[tauri::command]
#[specta::specta]
pub fn save_profile_export(
    state: State<'_, AppState>,
    id: ProfileId,
    form: export::SavedExport,
    path: String,
) -> Result<(), IpcError> {
    let profile = state.profiles.get(&id)?;
    export::save(&profile, form, std::path::Path::new(&path))
        .map_err(|e| IpcError::file_not_written(&path, &e))
}

/// A `.env` snippet; the secret is masked unless `reveal` (a deliberate, warned action).
#[tauri::command]
#[specta::specta]
pub fn export_profile_env(
    state: State<'_, AppState>,
    id: ProfileId,
    reveal: bool,
) -> Result<String, IpcError> {
    Ok(state.profiles.env_snippet(&id, reveal)?)
}

/// Reads an exported profile into a draft for the Setup form (the secret is entered there).
#[tauri::command]
#[specta::specta]
pub fn import_profile(json: String) -> Result<ProfileDraft, IpcError> {
    Ok(export::from_json(&json)?)
}
