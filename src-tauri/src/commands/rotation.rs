//! The rotation assistant's panel: where a profile's rotation stands, and one command per
//! thing the admin can ask of it (start by either path, resume, move the revoke time, finish,
//! cancel). Every answer is the status after the core took every step it could.

use s2s_core::marketplace::RevokeOld;
use s2s_core::profiles::rotation::RotationStatus;
use s2s_core::profiles::{Profile, ProfileId};
use s2s_core::Secret;
use serde::Deserialize;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// What the admin asked of a rotation.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RotationRequest {
    /// Take any step due (a rotation a crash or a closed window interrupted, a revoke time
    /// passed) and say where it stands.
    Resume,
    /// Manual path: the secret the admin generated in the Marketplace, tested before it is
    /// stored; optionally when to forget the old one by itself (Unix seconds).
    StartManual {
        new_secret: String,
        keep_previous_until_unix: Option<i64>,
    },
    /// API path: Zoom issues the new secret; the old one works until `revoke_old_unix`
    /// (default 24 h).
    StartApi {
        app_id: Option<String>,
        revoke_old_unix: Option<i64>,
    },
    /// Move the old secret's revoke time (Zoom's too, on the API path).
    MoveRevokeTime { revoke_old_unix: i64 },
    /// The deployment switched: forget the old secret now (Zoom revokes it, on the API path).
    Finish,
    /// Drop a rotation whose new secret is not tested yet.
    Cancel,
}

/// Runs `request` on profile `id`'s rotation; the status after.
#[tauri::command]
#[specta::specta]
pub async fn rotate_secret(
    state: State<'_, AppState>,
    id: ProfileId,
    request: RotationRequest,
) -> Result<RotationStatus, IpcError> {
    let sandbox = state.sandbox_url();
    let mut rotator = state.profiles.rotator(&state.tester, &id, Some(&sandbox))?;
    match request {
        RotationRequest::Resume => {}
        RotationRequest::StartManual {
            new_secret,
            keep_previous_until_unix,
        } => {
            rotator
                .begin_manual(&Secret::new(new_secret), keep_previous_until_unix)
                .await?;
        }
        RotationRequest::StartApi {
            app_id,
            revoke_old_unix,
        } => {
            rotator
                .begin_api(app_id.as_deref(), revoke_old_unix.map(RevokeOld::At))
                .await?;
        }
        RotationRequest::MoveRevokeTime { revoke_old_unix } => {
            rotator.run().await?;
            rotator
                .move_revoke_time(RevokeOld::At(revoke_old_unix))
                .await?;
        }
        RotationRequest::Finish => {
            rotator.run().await?;
            rotator.finish().await?;
        }
        RotationRequest::Cancel => rotator.cancel()?,
    }
    Ok(rotator.run().await?)
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

/// Remembers the app's Marketplace App ID and the secret's reminder period (days; null: 90).
#[tauri::command]
#[specta::specta]
pub fn set_rotation_settings(
    state: State<'_, AppState>,
    id: ProfileId,
    app_id: Option<String>,
    reminder_days: Option<u32>,
) -> Result<Profile, IpcError> {
    Ok(state
        .profiles
        .set_rotation_settings(&id, app_id.as_deref(), reminder_days)?)
}
