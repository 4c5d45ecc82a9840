//! Webhooks: save a profile's Secret Token (keychain only), and test a receiver as Zoom would.

use std::time::Duration;

use s2s_core::profiles::webhook_receiver::ReceiverRequest;
use s2s_core::profiles::{Profile, ProfileId};
use s2s_core::webhook::{self, ReceiverReport};
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
    pub secret_token: Option<Secret>,
}

#[tauri::command]
#[specta::specta]
pub fn get_webhook_options(state: State<'_, AppState>) -> WebhookOptions {
    WebhookOptions {
        events: zoom_webhook::events::SAMPLE_EVENTS
            .iter()
            .map(|e| (*e).to_owned())
            .collect(),
        default_event: webhook::DEFAULT_EVENT.into(),
        sample_receivers: state
            .sandbox
            .sample_receivers()
            .into_iter()
            .map(|(behaviour, url)| SampleReceiver { behaviour, url })
            .collect(),
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
    let client = state
        .tester
        .http()
        .map_err(|e| IpcError::network_settings(&e))?;
    let asked = ReceiverRequest {
        url: request.url,
        event: request.event,
        timeout: ANSWER_TIMEOUT,
        allow_insecure: request.allow_insecure,
        secret_token: request.secret_token,
        environment_token: None,
    };
    Ok(state
        .profiles
        .test_receiver(&client, request.profile_id.as_deref(), asked, |client_id| {
            state.sandbox.webhook_secret_token(client_id)
        })
        .await?)
}
