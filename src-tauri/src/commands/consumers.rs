//! "Where it's deployed": a profile's consumers (the places its secret is deployed), added from
//! a project's settings, as a file or as a command shown in full before it is saved, and their
//! checks run on demand. A rotation updates them (`rotate_secret` with `update_consumers`).

use s2s_core::deliver::CommandLine;
use s2s_core::profiles::consumers::{CheckRun, Consumer, ConsumerDraft};
use s2s_core::profiles::{Profile, ProfileId};
use s2s_migrate::deploy::SecretSetting;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// Saves a consumer on profile `id` (the core checks it); the consumer as saved. Nothing runs.
#[tauri::command]
#[specta::specta]
pub fn add_consumer(
    state: State<'_, AppState>,
    id: ProfileId,
    draft: ConsumerDraft,
) -> Result<Consumer, IpcError> {
    Ok(state.profiles.add_consumer(&id, draft)?)
}

/// Forgets consumer `consumer_id` of profile `id` (the deployment itself is not touched).
#[tauri::command]
#[specta::specta]
pub fn remove_consumer(
    state: State<'_, AppState>,
    id: ProfileId,
    consumer_id: String,
) -> Result<Profile, IpcError> {
    Ok(state.profiles.remove_consumer(&id, &consumer_id)?)
}

/// Runs consumer `consumer_id`'s check with the profile's current secret on its standard input.
#[tauri::command]
#[specta::specta]
pub async fn check_consumer(
    state: State<'_, AppState>,
    id: ProfileId,
    consumer_id: String,
) -> Result<CheckRun, IpcError> {
    let profiles = std::sync::Arc::clone(&state.profiles);
    let run =
        tauri::async_runtime::spawn_blocking(move || profiles.check_consumer(&id, &consumer_id))
            .await
            .map_err(|_| IpcError::background_work_lost("the check"))?;
    Ok(run?)
}

/// A command as typed, split into the words it will run with (shown before it is saved).
#[tauri::command]
#[specta::specta]
pub fn parse_command(text: String) -> Result<CommandLine, IpcError> {
    Ok(CommandLine::parse(&text)?)
}

/// The client-secret settings in the config files under `path` (a file or folder; `~/` works).
#[tauri::command]
#[specta::specta]
pub async fn find_secret_settings(path: String) -> Result<Vec<SecretSetting>, IpcError> {
    let root = s2s_migrate::session::expand_home(&path);
    if !root.exists() {
        return Err(IpcError::path_not_found(&root));
    }
    tauri::async_runtime::spawn_blocking(move || s2s_migrate::deploy::secret_settings(&root))
        .await
        .map_err(|_| IpcError::background_work_lost("the search"))
}
