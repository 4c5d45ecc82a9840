//! The Sandbox panel: what the simulated Zoom holds, and the changes an admin would make in
//! Zoom (a user's role, an app's activation), so every warning can be tried. Each command is
//! one call into the Sandbox's facade; none touches a real account.

use s2s_core::profiles::sandbox_kept::ResetProfile;
use s2s_core::secret::Secret;
use tauri::State;
use zoom_sim::fixture::AppActivation;
use zoom_sim::sandbox::{SandboxDemoApp, SandboxView};

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// The Sandbox's accounts, roles, users and apps (no secrets).
#[tauri::command]
#[specta::specta]
pub fn get_sandbox(state: State<'_, AppState>) -> SandboxView {
    state.sandbox.view()
}

/// The app the setup form fills in: the Sandbox's demo app, or the one `client_id` names (any
/// Sandbox app can be added as a profile), with its current secret and App ID.
#[tauri::command]
#[specta::specta]
pub fn get_sandbox_demo_app(
    state: State<'_, AppState>,
    client_id: Option<String>,
) -> Option<SandboxDemoApp> {
    match client_id {
        Some(id) => state.sandbox.app(&id),
        None => state.sandbox.demo_app(),
    }
}

/// Gives a Sandbox user another role; Zoom then strips the admin scopes their apps may no
/// longer hold, and the next test shows it.
#[tauri::command]
#[specta::specta]
pub fn set_sandbox_user_role(
    state: State<'_, AppState>,
    user_id: String,
    role_id: String,
) -> Result<SandboxView, IpcError> {
    state
        .sandbox
        .set_user_role(&user_id, &role_id)
        .map_err(|e| IpcError::sandbox_refused(&e))
}

/// Activates or deactivates a Sandbox app, as an admin does in the Marketplace.
#[tauri::command]
#[specta::specta]
pub fn set_sandbox_app_state(
    state: State<'_, AppState>,
    client_id: String,
    app_state: AppActivation,
) -> Result<SandboxView, IpcError> {
    state
        .sandbox
        .set_app_state(&client_id, app_state)
        .map_err(|e| IpcError::sandbox_refused(&e))
}

/// What a reset did: the Sandbox as it first starts, and the Sandbox profiles put back with it.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct SandboxReset {
    /// The Sandbox now.
    pub sandbox: SandboxView,
    /// Each Sandbox profile, now without the old world's tests, rotation or transfer.
    pub profiles: Vec<ResetProfile>,
}

/// Puts the Sandbox back as it first starts (roles, apps, scopes, secrets, tokens and
/// counters) and its profiles with it (core: `reset_sandbox_profiles`).
#[tauri::command]
#[specta::specta]
pub fn reset_sandbox(state: State<'_, AppState>) -> Result<SandboxReset, IpcError> {
    let sandbox = state.sandbox.reset();
    let profiles = state.profiles.reset_sandbox_profiles(|client_id| {
        state
            .sandbox
            .app(client_id)
            .map(|app| Secret::new(app.client_secret))
    })?;
    Ok(SandboxReset { sandbox, profiles })
}

/// The Marketplace's "Regenerate" for a Sandbox app: its old secret stops working and the new
/// one is returned, to paste into the rotation assistant as an admin would (a Sandbox secret
/// opens nothing real).
#[tauri::command]
#[specta::specta]
pub fn regenerate_sandbox_secret(
    state: State<'_, AppState>,
    client_id: String,
) -> Result<String, IpcError> {
    state
        .sandbox
        .regenerate_secret(&client_id)
        .map_err(|e| IpcError::sandbox_refused(&e))
}

/// Lets a Sandbox app rotate its own secret through Zoom's API (adds
/// `marketplace:update:client_secret`, as on the app's Scopes page).
#[tauri::command]
#[specta::specta]
pub fn allow_sandbox_secret_rotation(
    state: State<'_, AppState>,
    client_id: String,
) -> Result<SandboxView, IpcError> {
    state
        .sandbox
        .grant_scope(&client_id, s2s_core::marketplace::ROTATE_SCOPE)
        .map_err(|e| IpcError::sandbox_refused(&e))
}
