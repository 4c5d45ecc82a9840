//! Zoom's own usage figures for the account's apps, asked with a saved profile's app
//! (s2s-core's `app_usage`; the CLI's `s2s apps`). A refusal is an outcome to show, not an error.

use s2s_core::app_usage::{UsageOutcome, UNUSED_AFTER_DAYS};
use s2s_core::profiles::ProfileId;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// The account's apps with Zoom's figures, judged unused after `unused_days` (none: the core's
/// default), each beside its saved profile's latest test.
#[tauri::command]
#[specta::specta]
pub async fn get_app_usage(
    state: State<'_, AppState>,
    id: ProfileId,
    unused_days: Option<u32>,
) -> Result<UsageOutcome, IpcError> {
    Ok(state
        .profiles
        .app_usage(
            &state.tester,
            &id,
            s2s_core::clock::now_unix(),
            unused_days.unwrap_or(UNUSED_AFTER_DAYS),
        )
        .await?)
}
