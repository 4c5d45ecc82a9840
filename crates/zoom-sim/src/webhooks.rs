//! Zoom's webhook sender: `POST /_sim/webhooks/deliver` sends a signed sample event to a URL
//! and, when the receiver fails, retries on Zoom's schedule — 5, 20 and 60 minutes after the
//! first attempt, then gives up (FACTS.md "Webhooks") — with the simulator's clock, so
//! `/_sim/clock/advance` brings a retry forward. `GET /_sim/webhooks/deliveries` lists them.
//!
//! Signatures carry the wall-clock time, not the simulated one: the receiver judges freshness by
//! its own clock, which the simulator cannot move.

use std::time::{Duration, Instant, SystemTime};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::state::Sim;
use crate::world::{Attempt, Delivery};

/// When Zoom retries, counted from the first attempt.
const RETRIES_AFTER_FIRST: [Duration; 3] = [
    Duration::from_secs(5 * 60),
    Duration::from_secs(20 * 60),
    Duration::from_secs(60 * 60),
];
/// How long Zoom waits for an answer.
const DEADLINE: Duration = Duration::from_secs(3);

#[derive(Deserialize)]
pub struct DeliverRequest {
    client_id: String,
    url: String,
    #[serde(default)]
    event: Option<String>,
}

pub async fn deliver(sim: &Sim, request: DeliverRequest) -> Response {
    let event = request.event.unwrap_or_else(|| "meeting.started".into());
    let prepared = {
        let world = sim.world();
        world.app(&request.client_id).map(|(account, app)| {
            let body = zoom_webhook::events::sample(&event, &account.id, unix_ms(world.now()));
            (app.webhook_secret_token.clone(), body, world.now())
        })
    };
    let (token, body, now) = match prepared {
        None => return refuse(format!("no app with client ID {}", request.client_id)),
        Some((None, _, _)) => {
            return refuse(format!(
                "app {} has no webhook_secret_token: it subscribes to no events",
                request.client_id
            ))
        }
        Some((_, None, _)) => {
            return refuse(format!(
                "no sample of the event '{event}'; try one of {}",
                zoom_webhook::events::SAMPLE_EVENTS.join(", ")
            ))
        }
        Some((Some(token), Some(body), now)) => (token, body.to_string(), now),
    };
    if url::Url::parse(&request.url).is_err() {
        return refuse(format!("'{}' is not a URL", request.url));
    }
    let attempt = send(&request.url, &token, &body, now).await;
    let mut world = sim.world();
    let delivery = Delivery {
        id: u32::try_from(world.deliveries.len() + 1).unwrap_or(u32::MAX),
        client_id: request.client_id,
        url: request.url,
        event,
        delivered: attempt.ok,
        next_attempt_unix: (!attempt.ok).then(|| unix(now + RETRIES_AFTER_FIRST[0])),
        attempts: vec![attempt],
        first_attempt: now,
        body,
    };
    world.deliveries.push(delivery.clone());
    (StatusCode::CREATED, Json(delivery)).into_response()
}

pub fn deliveries(sim: &Sim) -> Response {
    Json(json!({"deliveries": sim.world().deliveries})).into_response()
}

/// Makes every retry that is due by the simulated clock (after `/_sim/clock/advance`).
pub async fn retry_due(sim: &Sim) {
    loop {
        let due = {
            let world = sim.world();
            let now = unix(world.now());
            world
                .deliveries
                .iter()
                .find(|d| d.next_attempt_unix.is_some_and(|at| at <= now))
                .map(|d| {
                    let token = world
                        .app(&d.client_id)
                        .and_then(|(_, app)| app.webhook_secret_token.clone())
                        .unwrap_or_default();
                    let scheduled = d.next_attempt_unix.unwrap_or(now);
                    (
                        d.id,
                        d.url.clone(),
                        d.body.clone(),
                        token,
                        world.now(),
                        scheduled,
                    )
                })
        };
        let Some((id, url, body, token, now, scheduled)) = due else {
            return;
        };
        let mut attempt = send(&url, &token, &body, now).await;
        // Zoom retries at the scheduled time: the real seconds a test spends between clock
        // moves must not shift it (they once made a retry a second late).
        attempt.at_unix = scheduled;
        let mut world = sim.world();
        if let Some(d) = world.deliveries.iter_mut().find(|d| d.id == id) {
            d.delivered = attempt.ok;
            d.attempts.push(attempt);
            let retries_made = d.attempts.len() - 1;
            d.next_attempt_unix = match RETRIES_AFTER_FIRST.get(retries_made) {
                Some(after) if !d.delivered => Some(unix(d.first_attempt + *after)),
                _ => None,
            };
        }
    }
}

async fn send(url: &str, token: &str, body: &str, now: SystemTime) -> Attempt {
    let signed_at = unix_i64(SystemTime::now());
    let started = Instant::now();
    let result = match client() {
        Some(client) => client
            .post(url)
            .header("content-type", "application/json; charset=utf-8")
            .header("user-agent", zoom_webhook::USER_AGENT)
            .header(zoom_webhook::TIMESTAMP_HEADER, signed_at.to_string())
            .header(
                zoom_webhook::SIGNATURE_HEADER,
                zoom_webhook::signature::sign(token, signed_at, body.as_bytes()),
            )
            .body(body.to_owned())
            .send()
            .await
            .map(|r| r.status().as_u16())
            .map_err(|e| match e.is_timeout() {
                true => format!("no answer within {} s", DEADLINE.as_secs()),
                false => e.without_url().to_string(),
            }),
        None => Err("the HTTP client could not be built".to_owned()),
    };
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let (status, error) = match result {
        Ok(status) => (Some(status), None),
        Err(e) => (None, Some(e)),
    };
    Attempt {
        at_unix: unix(now),
        ok: matches!(status, Some(200 | 204)),
        status,
        latency_ms,
        error,
    }
}

/// One client for every delivery: Zoom's 3-second deadline, and no redirects followed.
fn client() -> Option<&'static reqwest::Client> {
    static CLIENT: std::sync::OnceLock<Option<reqwest::Client>> = std::sync::OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(DEADLINE)
                .build()
                .ok()
        })
        .as_ref()
}

fn refuse(message: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": message}))).into_response()
}

fn unix(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn unix_i64(t: SystemTime) -> i64 {
    i64::try_from(unix(t)).unwrap_or(i64::MAX)
}

fn unix_ms(t: SystemTime) -> i64 {
    unix_i64(t).saturating_mul(1000)
}
