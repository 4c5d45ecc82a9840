//! Turning an injected fault into the answer a broken Zoom (or network) would give.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::wire;
use crate::world::Faults;

/// The answer a fault forces, after its delay; `None` when the fault is only a delay.
pub async fn apply(fault: Faults) -> Option<Response> {
    if fault.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
    }
    if fault.drop_connection {
        // Headers go out, then the body fails: hyper aborts the connection mid-answer.
        let broken = futures_util::stream::iter([
            Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"{\"access")),
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "simulated connection drop",
            )),
        ]);
        return Some(Response::new(Body::from_stream(broken)));
    }
    if let Some(status) = fault.server_error {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let html = format!("<html><body><h1>{status}</h1></body></html>");
        return Some((status, [(header::CONTENT_TYPE, "text/html")], html).into_response());
    }
    if fault.malformed_json {
        return Some(
            (
                [(header::CONTENT_TYPE, "application/json")],
                "{\"access_token\": \"eyJ",
            )
                .into_response(),
        );
    }
    if let Some(secs) = fault.rate_limited_retry_after_secs {
        // Real time, not the world's: an injected 429 makes a real client really wait.
        let at = wire::iso_in(std::time::SystemTime::now(), secs);
        return Some(too_many_requests(Some(at)));
    }
    if fault.rate_limited_without_retry_after {
        return Some(too_many_requests(None));
    }
    if let Some(error) = fault.zoom_error {
        let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::BAD_REQUEST);
        return Some(wire::api_error(status, error.code, &error.message));
    }
    None
}

/// A gateway's 400 that repeats the request: every header (the credentials too) and the body,
/// in the `reason` and again as raw fields.
pub fn echo(headers: &axum::http::HeaderMap, body: &str) -> Response {
    let echoed: serde_json::Map<String, serde_json::Value> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned().into(),
            )
        })
        .collect();
    let reason = format!("Bad request from gateway: {echoed:?} {body}");
    let answer = serde_json::json!({"error": "invalid_request", "reason": reason, "headers": echoed, "body": body});
    (StatusCode::BAD_REQUEST, axum::Json(answer)).into_response()
}

/// Zoom's per-second 429, with the rate-limit headers of a Light budget.
fn too_many_requests(retry_after: Option<String>) -> Response {
    wire::too_many_requests(
        wire::PER_SECOND_LIMIT,
        &wire::Limit {
            category: "Light",
            kind: "QPS",
            limit: 80,
            retry_after,
        },
    )
}
