//! "Try a call": one request to Zoom's REST API with a fresh token, and what came back —
//! status, Zoom's error explained, rate-limit headers and the start of the body. The token is
//! used for this one request and dropped; it never appears in what is returned.

use std::time::Instant;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{redact, TokenError, ZoomBody};
use crate::http::read_capped;
use crate::probe::TOKEN_REJECTED_CAUSES;
use crate::ratelimit::RateLimitInfo;
use crate::secret::Secret;

/// The methods Zoom's API uses. Only GET runs without an explicit confirmation: the others
/// change the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "UPPERCASE")]
pub enum CallMethod {
    /// Reads; safe to try.
    Get,
    /// Creates.
    Post,
    /// Replaces.
    Put,
    /// Changes.
    Patch,
    /// Deletes.
    Delete,
}

impl CallMethod {
    /// "GET", "POST", …
    pub fn as_str(self) -> &'static str {
        match self {
            CallMethod::Get => "GET",
            CallMethod::Post => "POST",
            CallMethod::Put => "PUT",
            CallMethod::Patch => "PATCH",
            CallMethod::Delete => "DELETE",
        }
    }

    fn reqwest(self) -> reqwest::Method {
        match self {
            CallMethod::Get => reqwest::Method::GET,
            CallMethod::Post => reqwest::Method::POST,
            CallMethod::Put => reqwest::Method::PUT,
            CallMethod::Patch => reqwest::Method::PATCH,
            CallMethod::Delete => reqwest::Method::DELETE,
        }
    }
}

/// Why a path cannot be tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// Not a path under the API (a full URL, or no leading slash).
    #[error("\"{0}\" is not a path of Zoom's API: give it as /users/me (the /v2 prefix is optional); calls go only to the profile's own API host")]
    NotAPath(String),
    /// A `{placeholder}` left in the path.
    #[error("replace {0} in the path with a real value (for example /users/me instead of /users/{{userId}})")]
    Placeholder(String),
}

/// The path to send, under `/v2`: `/users/me?page_size=5` stays, `/v2/users/me` is accepted.
pub fn api_path(path: &str) -> Result<String, PathError> {
    let path = path.trim();
    if !path.starts_with('/')
        || path.starts_with("//")
        || path.contains("://")
        || path.contains(char::is_whitespace)
    {
        return Err(PathError::NotAPath(path.into()));
    }
    if let Some(start) = path.find('{') {
        let end = path[start..]
            .find('}')
            .map_or(path.len(), |e| start + e + 1);
        return Err(PathError::Placeholder(path[start..end].into()));
    }
    let under_v2 = path
        .strip_prefix("/v2")
        .filter(|rest| rest.starts_with('/') || rest.is_empty());
    Ok(format!("/v2{}", under_v2.unwrap_or(path)))
}

/// What Zoom answered.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CallAnswer {
    /// HTTP status.
    pub status: u16,
    /// Time to the whole answer.
    pub latency_ms: u32,
    /// Zoom's `code` and `message` for an error.
    pub zoom_error: Option<String>,
    /// What an error means and what to do; none for a success.
    pub explanation: Option<String>,
    /// The rate-limit headers Zoom sent.
    pub rate_limit: RateLimitInfo,
    /// The body's first 2 KiB, pretty-printed when JSON, any token removed.
    pub body: String,
}

/// Sends `method path` to `api_url` with `token`.
pub async fn send(
    http: &reqwest::Client,
    api_url: &str,
    method: CallMethod,
    path: &str,
    token: &Secret,
) -> Result<CallAnswer, TokenError> {
    let url = format!("{}{path}", api_url.trim_end_matches('/'));
    let started = Instant::now();
    let mut request = http
        .request(method.reqwest(), url)
        .bearer_auth(token.expose());
    if method != CallMethod::Get && method != CallMethod::Delete {
        // Zoom's write endpoints want a JSON body; an empty object lets Zoom say what is missing.
        request = request.json(&serde_json::json!({}));
    }
    let parts = read_capped(request.send().await.map_err(TokenError::from_reqwest)?).await?;
    let latency_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    let secrets = [token.expose()];
    let rate_limit =
        RateLimitInfo::from_headers(&parts.headers, OffsetDateTime::now_utc()).redacted(&secrets);
    let pretty = serde_json::from_str::<serde_json::Value>(&parts.body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| parts.body.clone());
    let body = redact(&pretty, &secrets);
    if (200..300).contains(&parts.status) {
        return Ok(CallAnswer {
            status: parts.status,
            latency_ms,
            zoom_error: None,
            explanation: None,
            rate_limit,
            body,
        });
    }
    let zoom = ZoomBody::parse(&parts.body, &secrets);
    let zoom_error = zoom.code.map(|c| format!("{c}: {}", zoom.text()));
    let explanation = Some(explain(parts.status, zoom, rate_limit.clone()));
    Ok(CallAnswer {
        status: parts.status,
        latency_ms,
        zoom_error,
        explanation,
        rate_limit,
        body,
    })
}

/// What an API error means, in the terms an admin acts on.
pub(crate) fn explain(status: u16, zoom: ZoomBody, rate_limit: RateLimitInfo) -> String {
    if let Some(missing) = zoom.missing_scopes() {
        return format!(
            "The token lacks the scope this call needs{}. Add it to the app in the Marketplace (Scopes), then test again: a new token carries it.",
            if missing.is_empty() { String::new() } else { format!(" ({})", missing.join(" or ")) }
        );
    }
    if let Some(advice) = zoom.oauth_advice() {
        return advice.into();
    }
    match (status, zoom.code) {
        (_, Some(124)) => TOKEN_REJECTED_CAUSES.into(),
        (404, _) => "Zoom found nothing at this path: check the IDs in it (a user's id or email, a meeting's number) and the path against Zoom's API reference.".into(),
        (429, _) | (500.., _) => TokenError::classify(status, zoom, rate_limit).advice(),
        (400, _) => format!("Zoom refused the request ({}). Check the query parameters and, for writes, the body Zoom's API reference asks for.", zoom.text()),
        _ => format!("Zoom answered {status}: {}.", zoom.text()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_on_the_api_host_and_take_an_optional_v2() {
        assert_eq!(api_path("/users/me").as_deref(), Ok("/v2/users/me"));
        assert_eq!(
            api_path(" /v2/users/me?page_size=5 ").as_deref(),
            Ok("/v2/users/me?page_size=5")
        );
        assert_eq!(api_path("/v2users").as_deref(), Ok("/v2/v2users"));
        for bad in [
            "users/me",
            "https://evil.example/v2/users",
            "//evil.example/x",
            "/users/ me",
        ] {
            assert!(
                matches!(api_path(bad), Err(PathError::NotAPath(_))),
                "{bad}"
            );
        }
        assert_eq!(
            api_path("/users/{userId}"),
            Err(PathError::Placeholder("{userId}".into()))
        );
    }
}
