//! Faults to inject, for every request or one app's, and the use each request takes of them.

use serde::{Deserialize, Serialize};

use super::World;

/// Faults to inject, globally or for one app. Applied in the order of the fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Wait this long before answering.
    pub delay_ms: u64,
    /// Close the connection mid-answer.
    pub drop_connection: bool,
    /// Answer with this 5xx status.
    pub server_error: Option<u16>,
    /// Answer 200 with a truncated JSON body.
    pub malformed_json: bool,
    /// Answer 429, with `Retry-After` in this many seconds (as an ISO timestamp, as Zoom does).
    pub rate_limited_retry_after_secs: Option<u64>,
    /// Answer 429 without any `Retry-After`.
    pub rate_limited_without_retry_after: bool,
    /// Answer 400 with the request's headers and body echoed back, as a misconfigured gateway
    /// or debugging proxy does (the Basic credentials included).
    pub echo_request: bool,
    /// Answer this Zoom error (`{code, message}` with its HTTP status): a row of Zoom's OAuth
    /// error table the simulator has no state for (4738, a token disabled by an admin; 4741, a
    /// revoked token), injected where a test needs Zoom to say it.
    pub zoom_error: Option<ZoomError>,
    /// Only the next N requests are affected; then the fault clears itself. None: until reset.
    pub times: Option<u32>,
    /// Which endpoints: "token", "api" or "all" (default).
    pub target: Option<String>,
}

/// A Zoom error answer to inject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoomError {
    /// HTTP status.
    pub status: u16,
    /// Zoom's code.
    pub code: i64,
    /// Zoom's message.
    pub message: String,
}

impl Faults {
    fn applies_to(&self, endpoint: Endpoint) -> bool {
        matches!(
            (self.target.as_deref(), endpoint),
            (None | Some("all"), _)
                | (Some("token"), Endpoint::Token)
                | (Some("api"), Endpoint::Api)
        )
    }
}

/// Which side of Zoom a request hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `/oauth/token`.
    Token,
    /// `/v2/...`.
    Api,
}

impl World {
    /// Injects faults for one app (`Some(client_id)`) or for every request (`None`).
    pub fn set_faults(&mut self, client_id: Option<&str>, faults: Faults) {
        match client_id {
            Some(id) => {
                self.app_faults.insert(id.to_string(), faults);
            }
            None => self.global_faults = faults,
        }
    }

    /// Removes every injected fault.
    pub fn clear_faults(&mut self) {
        self.global_faults = Faults::default();
        self.app_faults.clear();
    }

    /// Takes one use of the faults that apply to this request, if any.
    pub fn take_fault(&mut self, endpoint: Endpoint, client_id: Option<&str>) -> Option<Faults> {
        let slot = match client_id.and_then(|c| self.app_faults.get_mut(c)) {
            Some(f) if f.applies_to(endpoint) => f,
            _ if self.global_faults.applies_to(endpoint)
                && self.global_faults != Faults::default() =>
            {
                &mut self.global_faults
            }
            _ => return None,
        };
        let fault = slot.clone();
        if let Some(n) = slot.times.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                *slot = Faults::default();
            }
        }
        (fault.times != Some(0)).then_some(fault)
    }
}
