//! Webhooks: save a profile's Secret Token (keychain only), and test a receiver as Zoom would.

use std::time::Duration;

use s2s_core::profiles::{Profile, ProfileCloud, ProfileId};
use s2s_core::webhook::{self, ReceiverReport, ReceiverTest};
use s2s_core::Secret;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// How long the test waits for any one answer (Zoom itself waits 3 s; slower is reported).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// What the Webhooks view offers: the sample events, and the Sandbox's sample receivers.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct WebhookOptions {
    pub events: Vec<String>,
    pub default_event: String,
    /// Receivers in the Sandbox to try the test on, correct and broken.
    pub sample_receivers: Vec<SampleReceiver>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SampleReceiver {
    /// How it behaves, e.g. "correct", "accepts-forged".
    pub behaviour: String,
    pub url: String,
}

/// One receiver test.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct WebhookTestRequest {
    /// The profile whose Secret Token (and account ID) to use.
    pub profile_id: Option<ProfileId>,
    pub url: String,
    pub event: String,
    /// Plain http to a host other than this machine.
    pub allow_insecure: bool,
    /// A Secret Token typed for this test only (not saved); else the profile's.
    pub secret_token: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub fn get_webhook_options(state: State<'_, AppState>) -> WebhookOptions {
    let base = state.sandbox_url();
    let app = state.sandbox_apps_with_webhooks().into_iter().next();
    WebhookOptions {
        events: zoom_webhook::events::SAMPLE_EVENTS
            .iter()
            .map(|e| (*e).to_owned())
            .collect(),
        default_event: webhook::DEFAULT_EVENT.into(),
        sample_receivers: app
            .map(|(client_id, _)| {
                zoom_sim::receivers::BEHAVIOURS
                    .iter()
                    .map(|b| SampleReceiver {
                        behaviour: (*b).to_owned(),
                        url: format!("{base}/_sim/receivers/{client_id}/{b}"),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Saves (`token`) or forgets (null) the profile's webhook Secret Token, in the keychain.
#[tauri::command]
#[specta::specta]
pub fn set_webhook_secret_token(
    state: State<'_, AppState>,
    id: ProfileId,
    token: Option<String>,
) -> Result<Profile, IpcError> {
    let token = token.map(Secret::new);
    Ok(state
        .profiles
        .set_webhook_secret_token(&id, token.as_ref())?)
}

/// Sends Zoom's challenge, a signed, a forged and a replayed event to the receiver.
#[tauri::command]
#[specta::specta]
pub async fn test_webhook_receiver(
    state: State<'_, AppState>,
    request: WebhookTestRequest,
) -> Result<ReceiverReport, IpcError> {
    let profile = match &request.profile_id {
        Some(id) => Some(state.profiles.get(id)?),
        None => None,
    };
    let secret_token = match request.secret_token.filter(|t| !t.trim().is_empty()) {
        Some(typed) => Secret::new(typed),
        None => saved_token(&state, profile.as_ref())?.ok_or_else(|| {
            IpcError::from_receiver_test(&webhook::ReceiverTestError::MissingSecretToken)
        })?,
    };
    let test = ReceiverTest {
        url: request.url,
        secret_token,
        event: request.event,
        account_id: profile.map(|p| p.account_id.clone()),
        timeout: ANSWER_TIMEOUT,
        allow_insecure: request.allow_insecure,
    };
    let client = state
        .tester
        .http()
        .map_err(|e| IpcError::network_settings(&e))?;
    webhook::test_receiver(&client, &test)
        .await
        .map_err(|e| IpcError::from_receiver_test(&e))
}

/// The profile's saved token; for a Sandbox profile without one, its simulated app's.
fn saved_token(state: &AppState, profile: Option<&Profile>) -> Result<Option<Secret>, IpcError> {
    let Some(profile) = profile else {
        return Ok(None);
    };
    if let Some(token) = state.profiles.webhook_secret_token(&profile.id)? {
        return Ok(Some(token));
    }
    Ok((profile.cloud == ProfileCloud::Sandbox)
        .then(|| {
            state
                .sandbox_apps_with_webhooks()
                .into_iter()
                .find(|(client_id, _)| *client_id == profile.client_id)
                .map(|(_, token)| Secret::new(token))
        })
        .flatten())
}
