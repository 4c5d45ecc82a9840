//! The webhook receiver test: S2S Desk plays Zoom's sender against the admin's endpoint before
//! it is deployed (Zoom's own Validate button only reaches a public https URL).
//!
//! Four checks, sent exactly as Zoom sends (headers, body, HMAC-SHA256; the `zoom-webhook` crate):
//! the URL validation challenge, a signed sample event, the same event with a forged signature,
//! and a correctly signed one 30 minutes old (a replay). The last two must be refused.
//!
//! - [`endpoint`]: which URLs may be called, and which Zoom itself would refuse.
//! - [`checks`]: one request and its verdict per check.

mod checks;
pub mod endpoint;

use std::time::Duration;

use serde::Serialize;

use crate::Secret;

#[cfg(fuzzing)]
pub(crate) use checks::judge_any;
pub use checks::{Check, CheckName, Fault};

/// What a test needs.
pub struct ReceiverTest {
    /// The endpoint URL, as typed.
    pub url: String,
    /// The app's Secret Token (Marketplace → the app → Feature → Event Subscriptions).
    pub secret_token: Secret,
    /// The sample event to send (see [`zoom_webhook::events::SAMPLE_EVENTS`]).
    pub event: String,
    /// The account the sample event is about (the profile's), or a sample ID.
    pub account_id: Option<String>,
    /// The longest the test waits for any one answer.
    pub timeout: Duration,
    /// Allows plain http to a host other than this machine.
    pub allow_insecure: bool,
}

/// The event the test sends unless told otherwise.
pub const DEFAULT_EVENT: &str = "meeting.started";
/// How long Zoom waits for an answer before it counts the delivery as failed.
pub const ZOOM_DEADLINE: Duration = Duration::from_secs(3);
/// How much of an answer is read; a receiver never needs to say more.
pub const ANSWER_CAP: usize = 64 * 1024;

/// Every check's outcome, and what Zoom would think of the URL.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReceiverReport {
    /// Every check passed.
    pub ok: bool,
    pub url: String,
    pub event: String,
    pub checks: Vec<Check>,
    /// Why Zoom would refuse this URL even though it was tested (http, no FQDN, loopback).
    pub zoom_will_refuse: Vec<String>,
}

impl ReceiverReport {
    /// The worst failure: the network first (nothing could be judged), then the receiver.
    pub fn fault(&self) -> Option<Fault> {
        let faults = self.checks.iter().filter_map(|c| c.fault);
        faults.min_by_key(|f| match f {
            Fault::Network => 0,
            Fault::Receiver => 1,
        })
    }
}

/// A test that cannot start: nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiverTestError {
    #[error("{url} is not a usable webhook URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("http://{host} would carry the test events unencrypted across the network")]
    InsecureUrl { host: String },
    #[error("there is no sample of the event '{event}'")]
    UnknownEvent { event: String },
    #[error("{}", match .profile { Some(name) => format!("profile '{}' has no webhook Secret Token saved", crate::display::inert(name)), None => "no webhook Secret Token given".into() })]
    MissingSecretToken {
        /// The profile the test was for, if any.
        profile: Option<String>,
    },
}

impl ReceiverTestError {
    /// What to do about it.
    pub fn advice(&self) -> String {
        match self {
            Self::BadUrl { .. } => {
                "Give the full endpoint URL, e.g. https://hooks.example.com/zoom/webhook.".into()
            }
            Self::InsecureUrl { .. } => "Use https://, or allow insecure http explicitly (--allow-insecure) for a staging host you trust; plain http is only sent to this machine by default.".into(),
            Self::UnknownEvent { .. } => format!(
                "Choose one of: {}.",
                zoom_webhook::events::SAMPLE_EVENTS.join(", ")
            ),
            Self::MissingSecretToken { .. } => "Copy the Secret Token from the app's Feature page in the Zoom App Marketplace (Event Subscriptions), and save it in the profile (S2S Desk: the profile's Setup, or the Webhooks view) or pass it in (s2s: --secret-token-stdin or ZOOM_WEBHOOK_SECRET_TOKEN; never a flag).".into(),
        }
    }
}

/// Runs the four checks against the receiver, one after the other, through `client` (which
/// must not follow redirects: Zoom does not).
pub async fn test_receiver(
    client: &reqwest::Client,
    test: &ReceiverTest,
) -> Result<ReceiverReport, ReceiverTestError> {
    let endpoint = endpoint::parse(&test.url, test.allow_insecure)?;
    if test.secret_token.expose().trim().is_empty() {
        return Err(ReceiverTestError::MissingSecretToken { profile: None });
    }
    let now_ms = crate::clock::now_unix() * 1000;
    let account = test.account_id.as_deref().unwrap_or("AcctSample01");
    let event = zoom_webhook::events::sample(&test.event, account, now_ms).ok_or_else(|| {
        ReceiverTestError::UnknownEvent {
            event: test.event.clone(),
        }
    })?;
    let sender = checks::Sender {
        client,
        url: &endpoint.url,
        secret_token: test.secret_token.expose().trim(),
        timeout: test.timeout,
    };
    let mut results = vec![sender.url_validation().await];
    for name in [
        CheckName::SignedEvent,
        CheckName::ForgedSignature,
        CheckName::ReplayedEvent,
    ] {
        // An unreachable receiver fails every check the same way: say so once, then stop
        // (each further try would only wait for the same timeout).
        let unreachable = results.iter().any(|c| c.unreachable);
        results.push(if unreachable {
            Check::not_run(name)
        } else {
            sender.event(name, &event).await
        });
    }
    Ok(ReceiverReport {
        ok: results.iter().all(|c| c.ok),
        url: endpoint.url.to_string(),
        event: test.event.clone(),
        checks: results,
        zoom_will_refuse: endpoint.zoom_will_refuse,
    })
}
