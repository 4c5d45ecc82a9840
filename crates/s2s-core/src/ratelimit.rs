//! Zoom's rate-limit headers, all optional: `X-RateLimit-Category`, `X-RateLimit-Type`,
//! `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `Retry-After`
//! (https://developers.zoom.us/docs/api/rest/rate-limits/). Zoom's `Retry-After` has been seen
//! as an ISO timestamp rather than seconds, so all three HTTP forms are accepted.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde::Serialize;
use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::OffsetDateTime;

/// What the response said about rate limits. Every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RateLimitInfo {
    /// `X-RateLimit-Category`: Light, Medium, Heavy, Resource-intensive.
    pub category: Option<String>,
    /// `X-RateLimit-Type`: e.g. QPS or Daily-limit.
    pub limit_type: Option<String>,
    /// `X-RateLimit-Limit`.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`.
    pub remaining: Option<u64>,
    /// `Retry-After`, as seconds from when the response arrived.
    pub retry_after_secs: Option<u64>,
}

impl RateLimitInfo {
    /// Reads the headers of a response that arrived at `now`.
    pub fn from_headers(headers: &HeaderMap, now: OffsetDateTime) -> Self {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .map(String::from)
        };
        let number = |name: &str| text(name).and_then(|v| v.parse().ok());
        Self {
            category: text("x-ratelimit-category"),
            limit_type: text("x-ratelimit-type"),
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            retry_after_secs: text("retry-after")
                .and_then(|v| parse_retry_after(&v, now))
                .map(|d| d.as_secs()),
        }
    }

    /// The same, without any of `secrets` a server echoed into the text headers (they are shown
    /// and recorded in the profile's history).
    pub fn redacted(mut self, secrets: &[&str]) -> Self {
        for field in [&mut self.category, &mut self.limit_type]
            .into_iter()
            .flatten()
        {
            *field = crate::redaction::redact(field, secrets);
        }
        self
    }

    /// True when no header was present.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Parses `Retry-After` as delta-seconds, an RFC 3339 / ISO 8601 timestamp, or an HTTP-date.
/// A time in the past means "now" (zero).
pub fn parse_retry_after(value: &str, now: OffsetDateTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = OffsetDateTime::parse(value, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(value, &Rfc2822))
        .or_else(|_| OffsetDateTime::parse(&value.replace(" GMT", " +0000"), &Rfc2822))
        .ok()?;
    let wait = at - now;
    Some(Duration::from_secs(wait.whole_seconds().max(0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_a_server_echoes_into_the_headers_is_not_kept() {
        // Found by the token_response and api_response fuzz targets.
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-ratelimit-category",
            "Light-clientSecretEchoed0001".parse().expect("value"),
        );
        headers.insert(
            "x-ratelimit-type",
            "clientSecretEchoed0001".parse().expect("value"),
        );
        let info = RateLimitInfo::from_headers(&headers, NOW).redacted(&["clientSecretEchoed0001"]);
        let shown = serde_json::to_string(&info).expect("json");
        assert!(!shown.contains("clientSecretEchoed0001"), "{shown}");
    }
    use reqwest::header::{HeaderName, HeaderValue};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-22 12:00:00 UTC);

    #[test]
    fn retry_after_accepts_seconds_iso_and_http_date() {
        assert_eq!(parse_retry_after("7", NOW), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("2026-11-22T12:00:30Z", NOW),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 22 Nov 2026 12:01:00 GMT", NOW),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("2026-11-22T11:00:00Z", NOW),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", NOW), None);
    }

    #[test]
    fn headers_are_all_optional() {
        assert!(RateLimitInfo::from_headers(&HeaderMap::new(), NOW).is_empty());
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("X-RateLimit-Category", "Light"),
            ("X-RateLimit-Remaining", "41"),
            ("X-RateLimit-Limit", "nope"),
        ] {
            h.insert(
                HeaderName::from_static_lower(k),
                HeaderValue::from_static(v),
            );
        }
        let info = RateLimitInfo::from_headers(&h, NOW);
        assert_eq!(info.category.as_deref(), Some("Light"));
        assert_eq!(info.remaining, Some(41));
        assert_eq!(
            info.limit, None,
            "unparsable numbers are dropped, not guessed"
        );
    }

    trait FromStaticLower {
        fn from_static_lower(s: &'static str) -> HeaderName;
    }
    impl FromStaticLower for HeaderName {
        fn from_static_lower(s: &'static str) -> HeaderName {
            HeaderName::from_bytes(s.to_ascii_lowercase().as_bytes()).expect("valid header name")
        }
    }
}
