//! The rotation assistant's panel: where a profile's rotation stands, and one command per
//! thing the admin can ask of it (start by either path, resume, move the revoke time, finish,
//! cancel). Every answer is the status after the core took every step it could.

use s2s_core::profiles::rotation::{RotationRequest, RotationStatus};
use s2s_core::profiles::service::RotationSettings;
use s2s_core::profiles::{Profile, ProfileId};
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// Runs `request` on profile `id`'s rotation; the status after.
#[tauri::command]
#[specta::specta]
pub async fn rotate_secret(
    state: State<'_, AppState>,
    id: ProfileId,
    request: RotationRequest,
) -> Result<RotationStatus, IpcError> {
    let mut rotator = state
        .profiles
        .rotator(&state.tester, &id)?
        .with_setting_writer(std::sync::Arc::new(s2s_migrate::deploy::ProjectFiles));
    Ok(rotator.handle(request).await?)
}

/// Where profile `id`'s rotation stands, without taking any step.
#[tauri::command]
#[specta::specta]
pub fn get_rotation_status(
    state: State<'_, AppState>,
    id: ProfileId,
) -> Result<RotationStatus, IpcError> {
    Ok(state.profiles.rotation_status(&id)?)
}

/// Remembers the app's Marketplace App ID and the secret's reminder period (days; null: the
/// default). The core refuses a period outside its rule.
#[tauri::command]
#[specta::specta]
pub fn set_rotation_settings(
    state: State<'_, AppState>,
    id: ProfileId,
    app_id: Option<String>,
    reminder_days: Option<u32>,
) -> Result<Profile, IpcError> {
    let settings = RotationSettings {
        app_id,
        reminder_days,
    };
    Ok(state.profiles.set_rotation_settings(&id, settings)?)
}

/// Starts tracking a transfer of the app's ownership to `new_owner` (the core's checklist and
/// 30-day deadline; the core refuses what is not an email).
#[tauri::command]
#[specta::specta]
pub fn start_ownership_transfer(
    state: State<'_, AppState>,
    id: ProfileId,
    new_owner: String,
) -> Result<Profile, IpcError> {
    Ok(state
        .profiles
        .start_transfer(&id, &new_owner, s2s_core::clock::now_unix())?)
}

/// The new owner accepted the transfer in the Marketplace.
#[tauri::command]
#[specta::specta]
pub fn confirm_ownership_transfer(
    state: State<'_, AppState>,
    id: ProfileId,
) -> Result<Profile, IpcError> {
    Ok(state
        .profiles
        .confirm_transfer(&id, s2s_core::clock::now_unix())?)
}

/// Stops tracking the transfer (cancelled, or done).
#[tauri::command]
#[specta::specta]
pub fn end_ownership_transfer(
    state: State<'_, AppState>,
    id: ProfileId,
) -> Result<Profile, IpcError> {
    Ok(state.profiles.end_transfer(&id)?)
}
