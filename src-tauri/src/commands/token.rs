//! Test token: validate pasted credentials, test a draft from the Setup wizard, test a saved
//! profile (recorded in its history). Each is one call into s2s-core's use case
//! (`profiles::test_run`); a refused token is a result to show, not an IPC error.

use s2s_core::profiles::test_all::TestAllEvent;
use s2s_core::profiles::test_run::{CoexistenceRun, TestRun};
use s2s_core::profiles::try_call::{CallRequest, TryCallResult};
use s2s_core::profiles::ProfileDraft;
use s2s_core::profiles::ProfileId;
use s2s_core::{CredentialIssue, RawCredentials, Secret};
use tauri::ipc::Channel;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// Checks pasted values without sending anything (the saved profiles' and the Sandbox's IDs
/// reveal an Account ID and Client ID swapped).
#[tauri::command]
#[specta::specta]
pub fn validate_credentials(
    state: State<'_, AppState>,
    account_id: String,
    client_id: String,
    client_secret: String,
) -> Vec<CredentialIssue> {
    let raw = RawCredentials::new(account_id, client_id, Secret::new(client_secret));
    state.profiles.draft_issues(&raw, sandbox_ids(&state))
}

/// The Sandbox's Account and Client IDs, as IDs the admin may have pasted.
fn sandbox_ids(state: &AppState) -> s2s_core::creds::KnownIds {
    let mut known = s2s_core::creds::KnownIds::default();
    for account in state.sandbox.view().accounts {
        for app in &account.apps {
            let from = format!("the Sandbox's {}", app.name);
            known.clients.push((app.client_id.clone(), from));
        }
        known
            .accounts
            .push((account.id, "the Sandbox's account".to_string()));
    }
    known
}

/// Tests credentials typed into the Setup wizard, or an edit of profile `editing` before it is
/// saved (no secret typed: the one in the keychain).
#[tauri::command]
#[specta::specta]
pub async fn test_draft(
    state: State<'_, AppState>,
    draft: ProfileDraft,
    client_secret: Option<Secret>,
    editing: Option<ProfileId>,
) -> Result<TestRun, IpcError> {
    Ok(state
        .profiles
        .test_draft(&state.tester, &draft, client_secret, editing.as_deref())
        .await?)
}

/// The token coexistence check for a saved profile; its answer is recorded on the profile.
#[tauri::command]
#[specta::specta]
pub async fn check_token_coexistence(
    state: State<'_, AppState>,
    id: ProfileId,
) -> Result<CoexistenceRun, IpcError> {
    Ok(state
        .profiles
        .check_coexistence(&state.tester, &id, None)
        .await?)
}

/// Tests a saved profile and records the result in its history.
#[tauri::command]
#[specta::specta]
pub async fn test_profile(state: State<'_, AppState>, id: ProfileId) -> Result<TestRun, IpcError> {
    Ok(state.profiles.test_saved(&state.tester, &id).await?)
}

/// "Test all": the profiles `ids` tested, each account paced within its rate limits, the
/// results told on `on_event` as they come (core: `ProfileService::test_all`). One run at a time.
#[tauri::command]
#[specta::specta]
pub async fn test_profiles(
    state: State<'_, AppState>,
    ids: Vec<ProfileId>,
    on_event: Channel<TestAllEvent>,
) -> Result<(), IpcError> {
    let run = state.test_all.begin()?;
    state
        .profiles
        .test_all(&state.tester, &ids, run.cancelled(), |event| {
            // A window gone meanwhile: the run still finishes and records its results.
            let _ = on_event.send(event);
        })
        .await?;
    Ok(())
}

/// Stops the "Test all" on after the tests already sent; false when none is on.
#[tauri::command]
#[specta::specta]
pub fn cancel_test_all(state: State<'_, AppState>) -> bool {
    state.test_all.cancel()
}

/// "Try a call": a fresh token (not recorded) and one request to the profile's API host.
/// Anything but GET must come confirmed; the token never leaves the backend.
#[tauri::command]
#[specta::specta]
pub async fn try_call(
    state: State<'_, AppState>,
    id: ProfileId,
    request: CallRequest,
) -> Result<TryCallResult, IpcError> {
    Ok(state
        .profiles
        .try_call(&state.tester, &id, &request)
        .await?)
}
