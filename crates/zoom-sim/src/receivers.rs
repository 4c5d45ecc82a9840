//! Sample webhook receivers, one correct and several broken the ways real ones break, at
//! `/_sim/receivers/{client_id}/{behaviour}`: something to point the receiver test at in the
//! Sandbox, and the receivers the Rust tests drive. Each checks events with the app's Secret
//! Token (fixture `webhook_secret_token`) unless its flaw is not to.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use zoom_webhook::signature::{self, Rejection};
use zoom_webhook::url_validation;

use crate::state::Sim;

/// How old a signed event a careful receiver still accepts.
const MAX_AGE_SECS: i64 = 5 * 60;

/// The behaviours on offer, each named by what it gets wrong.
pub const BEHAVIOURS: &[&str] = &[
    "correct",
    "wrong-hmac",
    "slow",
    "accepts-forged",
    "accepts-replay",
    "html",
    "redirect",
    "huge",
];

/// The URL of the sample receiver `behaviour` for app `client_id`, on the simulator at `base`.
pub fn url(base: &str, client_id: &str, behaviour: &str) -> String {
    format!(
        "{}/_sim/receivers/{client_id}/{behaviour}",
        base.trim_end_matches('/')
    )
}

pub async fn receive(
    State(sim): State<Sim>,
    Path((client_id, behaviour)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let token = sim
        .world()
        .app(&client_id)
        .and_then(|(_, app)| app.webhook_secret_token.clone());
    let Some(token) = token else {
        return (
            StatusCode::NOT_FOUND,
            "no such app, or it subscribes to no events",
        )
            .into_response();
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let now = unix_now();
    let verdict = signature::verify(
        &token,
        header(zoom_webhook::TIMESTAMP_HEADER),
        header(zoom_webhook::SIGNATURE_HEADER),
        &body,
        now,
        MAX_AGE_SECS,
    );
    let verdict = match (behaviour.as_str(), verdict) {
        ("accepts-forged", Err(Rejection::Forged | Rejection::Missing)) => Ok(()),
        ("accepts-replay", Err(Rejection::Stale)) => Ok(()),
        (_, verdict) => verdict,
    };
    match behaviour.as_str() {
        "html" => return html(),
        "redirect" => {
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(
                    axum::http::header::LOCATION,
                    "https://hooks.example.com/zoom",
                )],
            )
                .into_response()
        }
        "huge" => return (StatusCode::OK, "x".repeat(100 * 1024)).into_response(),
        b if !BEHAVIOURS.contains(&b) => {
            return (StatusCode::NOT_FOUND, format!("no receiver behaves '{b}'")).into_response()
        }
        _ => {}
    }
    if verdict.is_err() {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "bad signature"})),
        )
            .into_response();
    }
    let event: Value = serde_json::from_slice(&body).unwrap_or_default();
    if event["event"] == url_validation::EVENT {
        if behaviour == "slow" {
            // A cold start: the first request (Zoom's challenge) outlasts Zoom's 3 seconds.
            tokio::time::sleep(Duration::from_millis(3500)).await;
        }
        let plain = event["payload"]["plainToken"].as_str().unwrap_or_default();
        let key = if behaviour == "wrong-hmac" {
            "another-apps-secret-token"
        } else {
            &token
        };
        return Json(url_validation::answer(key, plain)).into_response();
    }
    StatusCode::NO_CONTENT.into_response()
}

/// What a web server's default page looks like where a receiver was expected.
fn html() -> Response {
    (
        StatusCode::OK,
        [(axum::http::header::CONTENT_TYPE, "text/html")],
        "<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>",
    )
        .into_response()
}

/// The wall clock: a receiver judges freshness by its own clock, not the simulator's.
fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
