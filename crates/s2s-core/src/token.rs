//! One S2S token request, exactly as Zoom specifies, and a typed explanation of every outcome.
//!
//! `POST <oauth>/oauth/token`, form body `grant_type=account_credentials&account_id=…`, header
//! `Authorization: Basic base64(client_id:client_secret)`
//! (https://developers.zoom.us/docs/internal-apps/s2s-oauth/). Parameters go in the body, never the
//! query string (Zoom has answered 400 to the query form). This module makes one attempt; retries
//! and single-flight live in `tester`. No error text ever contains the secret or a token.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::cloud::Endpoint;
use crate::creds::Credentials;
use crate::error::secret_forms;
use crate::http::{read_capped, ResponseParts};
use crate::ratelimit::RateLimitInfo;
use crate::scopes::Scope;
use crate::secret::Secret;

use crate::error::{TokenError, ZoomBody};

/// A token Zoom issued, with everything the admin needs to see about it.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The bearer token. Opaque: never decoded for anything but display.
    pub access_token: Secret,
    /// What the response said (Zoom sends "bearer").
    pub token_type: String,
    /// Lifetime in seconds, as Zoom sent it (3599 or 3600).
    pub expires_in: u64,
    /// When it expires, from the local clock at receipt.
    pub expires_at: OffsetDateTime,
    /// Granted scopes, parsed, in Zoom's order.
    pub scopes: Vec<Scope>,
    /// The API base to call: `api_url` from the response, else the cloud's default.
    pub api_url: String,
    /// Whether `api_url` came from Zoom's response (true) or the cloud default (false).
    pub api_url_from_response: bool,
    /// Time from sending the request to having the whole response.
    pub latency: Duration,
    /// Rate-limit headers on the token response.
    pub rate_limit: RateLimitInfo,
}

#[derive(Deserialize)]
struct SuccessBody {
    access_token: Option<String>,
    token_type: Option<String>,
    expires_in: Option<u64>,
    scope: Option<String>,
    api_url: Option<String>,
}

/// Asks for one token. `token_index`, legacy, is sent as Zoom's `index` query parameter: it
/// chose a token slot before June 2023, and Zoom now accepts and ignores it (FACTS.md).
pub async fn request_token(
    http: &reqwest::Client,
    endpoint: &Endpoint,
    creds: &Credentials,
    token_index: Option<u32>,
) -> Result<IssuedToken, TokenError> {
    // reqwest builds the Basic header itself and marks it sensitive (kept out of its logs).
    let mut request = http
        .post(endpoint.token_url())
        .basic_auth(creds.client_id(), Some(creds.client_secret().expose()))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(&[
            ("grant_type", "account_credentials"),
            ("account_id", creds.account_id()),
        ]);
    if let Some(index) = token_index {
        request = request.query(&[("index", index)]);
    }
    let started = Instant::now();
    let response = request.send().await.map_err(TokenError::from_reqwest)?;
    let parts = read_capped(response).await?;
    let latency = started.elapsed();
    let forms = secret_forms(creds.client_id(), creds.client_secret().expose());
    let redact: Vec<&str> = forms.iter().map(String::as_str).collect();
    interpret(parts, endpoint, latency, &redact)
}

/// Turns a complete response into a token or a typed error.
pub(crate) fn interpret(
    parts: ResponseParts,
    endpoint: &Endpoint,
    latency: Duration,
    secrets: &[&str],
) -> Result<IssuedToken, TokenError> {
    let status = parts.status;
    let now = OffsetDateTime::now_utc();
    let rate_limit = RateLimitInfo::from_headers(&parts.headers, now).redacted(secrets);
    if status == 200 {
        return parse_success(&parts.body, endpoint, latency, rate_limit, now, secrets);
    }
    let zoom = ZoomBody::parse(&parts.body, secrets);
    Err(TokenError::classify(status, zoom, rate_limit))
}

fn parse_success(
    body: &str,
    endpoint: &Endpoint,
    latency: Duration,
    rate_limit: RateLimitInfo,
    now: OffsetDateTime,
    secrets: &[&str],
) -> Result<IssuedToken, TokenError> {
    // The detail may quote the body (an api_url that is not Zoom's): redacted like the body.
    let unexpected = |detail: &str| TokenError::UnexpectedBody {
        status: 200,
        detail: crate::error::redact(detail, secrets),
        body: crate::error::redact(body, secrets),
    };
    let parsed: SuccessBody = serde_json::from_str(body)
        .map_err(|_| unexpected("the success response is not valid JSON"))?;
    let access_token = parsed
        .access_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| unexpected("the success response has no access_token"))?;
    let expires_in = parsed
        .expires_in
        .ok_or_else(|| unexpected("the success response has no expires_in"))?;
    // Zoom grants an hour; a lifetime beyond any date is not a Zoom answer (and would overflow).
    let expires_at = now
        .checked_add(time::Duration::seconds(
            i64::try_from(expires_in).unwrap_or(i64::MAX),
        ))
        .filter(|_| expires_in <= MAX_EXPIRES_IN_SECS)
        .ok_or_else(|| {
            unexpected("the success response's expires_in is not a lifetime Zoom grants")
        })?;
    let (api_url, api_url_from_response) = match parsed.api_url.filter(|u| !u.trim().is_empty()) {
        Some(url) => {
            let url = url.trim().trim_end_matches('/').to_string();
            // The bearer token goes to this URL next: only to a host of the same cloud.
            if let Err(why) = endpoint.check_api_url(&url) {
                return Err(unexpected(&why));
            }
            (url, true)
        }
        None => (endpoint.default_api_base().to_string(), false),
    };
    Ok(IssuedToken {
        access_token: Secret::new(access_token),
        token_type: parsed.token_type.unwrap_or_else(|| "bearer".into()),
        expires_in,
        expires_at,
        scopes: Scope::parse_list(parsed.scope.as_deref().unwrap_or_default()),
        api_url,
        api_url_from_response,
        latency,
        rate_limit,
    })
}

/// The longest token lifetime read as Zoom's (a year; Zoom grants one hour).
const MAX_EXPIRES_IN_SECS: u64 = 366 * 24 * 60 * 60;

/// Serializable facts about an issued token (everything but the token itself).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TokenSummary {
    /// "bearer".
    pub token_type: String,
    /// Seconds of validity Zoom granted.
    pub expires_in: u32,
    /// Expiry as Unix seconds.
    pub expires_at_unix: i64,
    /// Granted scopes, parsed, in Zoom's order.
    pub scopes: Vec<Scope>,
    /// The same scopes grouped by product in the one display order (master → admin → user).
    pub groups: Vec<zoom_catalog::scope::ScopeGroup>,
    /// API base URL to call.
    pub api_url: String,
    /// Whether Zoom named the API URL (false: the cloud default was assumed).
    pub api_url_from_response: bool,
    /// Token request latency in milliseconds.
    pub latency_ms: u32,
    /// Rate-limit headers on the token response.
    pub rate_limit: RateLimitInfo,
}

impl IssuedToken {
    /// Splits the token into what may be shown (no secret) and the access token itself.
    pub fn into_summary(self) -> (TokenSummary, Secret) {
        let summary = TokenSummary {
            token_type: self.token_type,
            expires_in: u32::try_from(self.expires_in).unwrap_or(u32::MAX),
            expires_at_unix: self.expires_at.unix_timestamp(),
            groups: zoom_catalog::scope::group_by_product(&self.scopes),
            scopes: self.scopes,
            api_url: self.api_url,
            api_url_from_response: self.api_url_from_response,
            latency_ms: u32::try_from(self.latency.as_millis()).unwrap_or(u32::MAX),
            rate_limit: self.rate_limit,
        };
        (summary, self.access_token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::Cloud;

    #[test]
    fn a_lifetime_no_date_can_hold_is_an_unexpected_answer_not_a_crash() {
        // Found by the token_response fuzz target: now + expires_in overflowed (an abort in
        // release builds).
        let parts = ResponseParts {
            status: 200,
            headers: reqwest::header::HeaderMap::new(),
            body: r#"{"access_token":"t","token_type":"bearer","expires_in":3599222222222222,"scope":"user:read:admin"}"#.into(),
        };
        let e = interpret(
            parts,
            &Endpoint::cloud(Cloud::Commercial),
            Duration::ZERO,
            &[],
        )
        .expect_err("refused");
        assert!(e.to_string().contains("expires_in"), "{e}");
    }

    #[test]
    fn a_secret_echoed_into_a_refused_api_url_is_never_repeated() {
        // Found by the token_response fuzz target: the api_url check quoted the URL as sent.
        let secret = "clientSecretTheServerEchoes0001";
        let parts = ResponseParts {
            status: 200,
            headers: reqwest::header::HeaderMap::new(),
            body: format!(
                r#"{{"access_token":"t","token_type":"bearer","expires_in":3599,"scope":"user:read:admin","api_url":"h{secret}ttps://api-eu.zoom.us"}}"#
            ),
        };
        let endpoint = Endpoint::cloud(Cloud::Commercial);
        let e = interpret(parts, &endpoint, Duration::from_millis(1), &[secret])
            .expect_err("not Zoom's host");
        for said in [e.to_string(), e.advice(), format!("{e:?}")] {
            assert!(!said.contains(secret), "{said}");
        }
    }
}
