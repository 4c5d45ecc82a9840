//! The webhook receiver test, one call for the app and the CLI alike: the Secret Token chosen
//! by one rule, the profile's account in the sample events, then the four checks
//! ([`crate::webhook::test_receiver`]).

use std::time::Duration;

use super::service::{ProfileService, ServiceError};
use super::{Profile, ProfileCloud};
use crate::secret::Secret;
use crate::webhook::{self, ReceiverReport, ReceiverTest, ReceiverTestError};

/// A receiver test, as the admin asks for it.
#[derive(Debug, Clone)]
pub struct ReceiverRequest {
    /// The endpoint URL, as typed.
    pub url: String,
    /// The sample event to send.
    pub event: String,
    /// The longest the test waits for any one answer.
    pub timeout: Duration,
    /// Allows plain http to a host other than this machine.
    pub allow_insecure: bool,
    /// A Secret Token given for this test only (typed, or piped in); never saved.
    pub secret_token: Option<Secret>,
    /// One from the environment (the CLI's `ZOOM_WEBHOOK_SECRET_TOKEN`): the last resort.
    pub environment_token: Option<Secret>,
}

/// Why the test did not run.
#[derive(Debug, thiserror::Error)]
pub enum ReceiverRunError {
    /// The request cannot be tested as asked (URL, event, no Secret Token).
    #[error(transparent)]
    Refused(#[from] ReceiverTestError),
    /// The profile or its keychain entry could not be read.
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl ReceiverRequest {
    /// Runs the test without a profile: the Secret Token given, else the environment's.
    pub async fn run(self, client: &reqwest::Client) -> Result<ReceiverReport, ReceiverRunError> {
        let token = given(self.secret_token.clone())
            .or(self.environment_token.clone())
            .ok_or(ReceiverTestError::MissingSecretToken { profile: None })?;
        self.run_with(client, token, None).await
    }

    async fn run_with(
        self,
        client: &reqwest::Client,
        secret_token: Secret,
        account_id: Option<String>,
    ) -> Result<ReceiverReport, ReceiverRunError> {
        let test = ReceiverTest {
            url: self.url,
            secret_token,
            event: self.event,
            account_id,
            timeout: self.timeout,
            allow_insecure: self.allow_insecure,
        };
        Ok(webhook::test_receiver(client, &test).await?)
    }
}

impl ProfileService {
    /// Tests a receiver for profile `id` (none: as [`ReceiverRequest::run`]). The Secret Token
    /// is, in order: the one given for this test, the profile's saved one, for a Sandbox
    /// profile its simulated app's (`sandbox` looks it up by client ID), the environment's.
    pub async fn test_receiver(
        &self,
        client: &reqwest::Client,
        id: Option<&str>,
        request: ReceiverRequest,
        sandbox: impl FnOnce(&str) -> Option<String>,
    ) -> Result<ReceiverReport, ReceiverRunError> {
        let Some(id) = id else {
            return request.run(client).await;
        };
        let profile = self.get(id)?;
        let token = self.receiver_token(&profile, &request, sandbox)?;
        request
            .run_with(client, token, Some(profile.account_id.clone()))
            .await
    }

    fn receiver_token(
        &self,
        profile: &Profile,
        request: &ReceiverRequest,
        sandbox: impl FnOnce(&str) -> Option<String>,
    ) -> Result<Secret, ReceiverRunError> {
        if let Some(token) = given(request.secret_token.clone()) {
            return Ok(token);
        }
        if let Some(saved) = self.webhook_secret_token(&profile.id)? {
            return Ok(saved);
        }
        let simulated = (profile.cloud == ProfileCloud::Sandbox)
            .then(|| sandbox(&profile.client_id))
            .flatten()
            .map(Secret::new);
        simulated
            .or_else(|| request.environment_token.clone())
            .ok_or_else(|| {
                ReceiverTestError::MissingSecretToken {
                    profile: Some(profile.name.clone()),
                }
                .into()
            })
    }
}

/// A token given for this test, trimmed; blank counts as none.
fn given(token: Option<Secret>) -> Option<Secret> {
    token
        .map(|t| t.trimmed())
        .filter(|t| !t.expose().is_empty())
}
