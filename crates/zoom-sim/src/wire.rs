//! Zoom's wire forms, written once for every route: the API error body, the timestamp form of
//! `Retry-After` and date fields, the 429 answer with its rate-limit headers, and reading the
//! `Authorization` header (its scheme is case-insensitive, RFC 9110 §11.1).

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use serde_json::json;

/// Zoom's message for a spent per-second budget (developers.zoom.us/docs/api/rest/rate-limits/).
pub const PER_SECOND_LIMIT: &str =
    "You have reached the maximum per-second rate limit for this API. Try again later.";
/// Zoom's message for a spent daily budget.
pub const DAILY_LIMIT: &str = "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.";

/// Zoom's API error: `{"code": N, "message": "…"}` with `status`.
pub fn api_error(status: StatusCode, code: i64, message: &str) -> Response {
    (status, Json(json!({"code": code, "message": message}))).into_response()
}

/// An ISO 8601 UTC timestamp `secs` after `now` (Zoom's `Retry-After` and date-field form).
/// Callers pass the world's clock, so a test that moves it sees Zoom's timestamps move too.
pub fn iso_in(now: std::time::SystemTime, secs: u64) -> String {
    let at = time::OffsetDateTime::from(now)
        + time::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX / 2));
    at.replace_nanosecond(0)
        .unwrap_or(at)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// What a 429 says about the budget that was spent.
pub struct Limit<'a> {
    /// `X-RateLimit-Category`: Light, Medium, Heavy, Resource-intensive.
    pub category: &'a str,
    /// `X-RateLimit-Type`: QPS or Daily-limit.
    pub kind: &'a str,
    /// `X-RateLimit-Limit`.
    pub limit: u64,
    /// `Retry-After`, when waiting helps (an ISO timestamp, as Zoom sends it).
    pub retry_after: Option<String>,
}

/// Zoom's 429: `{"code": 429, "message"}` with the rate-limit headers of the budget spent.
pub fn too_many_requests(message: &str, spent: &Limit<'_>) -> Response {
    let mut r = api_error(StatusCode::TOO_MANY_REQUESTS, 429, message);
    rate_limit_headers(&mut r, spent.category, spent.kind, spent.limit, 0);
    if let Some(v) = spent
        .retry_after
        .as_deref()
        .and_then(|at| HeaderValue::from_str(at).ok())
    {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

/// Zoom's `X-RateLimit-*` headers on an answer.
pub fn rate_limit_headers(
    r: &mut Response,
    category: &str,
    kind: &str,
    limit: u64,
    remaining: u64,
) {
    let h = r.headers_mut();
    for (name, value) in [
        ("x-ratelimit-category", category.to_string()),
        ("x-ratelimit-type", kind.to_string()),
        ("x-ratelimit-limit", limit.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
}

/// The token of `Authorization: Bearer …` (any case of the scheme).
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    credentials(headers, "bearer")
}

/// The client ID and secret of `Authorization: Basic base64(id:secret)` (any case of the scheme).
pub fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let encoded = credentials(headers, "basic")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

fn credentials<'h>(headers: &'h HeaderMap, scheme: &str) -> Option<&'h str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (given, rest) = value.split_once(' ')?;
    given.eq_ignore_ascii_case(scheme).then(|| rest.trim())
}

/// The strings of a JSON array (anything else: none).
pub fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Zoom's answer to a path it has no operation for: code 2300, as its documentation words it
/// (data/zoom-openapi: "This API endpoint is not recognized."), with the status its status
/// table gives a missing resource.
pub fn not_recognized() -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        2300,
        "This API endpoint is not recognized.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorization_scheme_is_read_in_any_case() {
        for value in ["Bearer tok", "bearer tok", "BEARER tok"] {
            let mut h = HeaderMap::new();
            h.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
            assert_eq!(bearer(&h), Some("tok"), "{value}");
        }
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("BASIC aWQ6c2VjcmV0"),
        );
        assert_eq!(basic(&h), Some(("id".into(), "secret".into())));
        assert_eq!(bearer(&h), None);
    }
}
