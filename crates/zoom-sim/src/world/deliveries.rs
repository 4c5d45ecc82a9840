//! Webhook events the simulator sent (`/_sim/webhooks/deliver`) and each attempt: the record the
//! sender in `webhooks` keeps in the world, so retries and `GET /_sim/webhooks/deliveries` read
//! the same list.

use std::time::SystemTime;

use serde::Serialize;

/// One event on its way to a receiver.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub id: u32,
    pub client_id: String,
    pub url: String,
    pub event: String,
    pub attempts: Vec<Attempt>,
    /// Delivered: answered 200 or 204 within three seconds.
    pub delivered: bool,
    /// Simulated Unix time of the next retry; none once delivered or given up.
    pub next_attempt_unix: Option<u64>,
    #[serde(skip)]
    pub(crate) first_attempt: SystemTime,
    #[serde(skip)]
    pub(crate) body: String,
}

/// One try.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    /// Simulated Unix time.
    pub at_unix: u64,
    pub status: Option<u16>,
    pub latency_ms: u64,
    pub ok: bool,
    pub error: Option<String>,
}
