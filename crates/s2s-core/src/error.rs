//! `TokenError`: every way a token request fails, classified from Zoom's own answer, and the one
//! place that says what each failure means and what the admin should do (CLI and app share it).
//!
//! Sources: https://developers.zoom.us/docs/integrations/oauth-error-messages/ (4700–4717) and the
//! wire bodies in FACTS.md (`{"reason","error"}` on the token endpoint). An answer we cannot
//! classify keeps Zoom's body (secrets redacted) rather than guessing.

pub use crate::redaction::{redact, secret_forms};

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::ratelimit::RateLimitInfo;

/// Zoom's error body, whichever shape it came in. `raw` is redacted and capped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ZoomBody {
    /// OAuth `error` (e.g. `invalid_client`).
    pub error: Option<String>,
    /// OAuth `reason` (e.g. "Invalid client_id or client_secret").
    pub reason: Option<String>,
    /// API-style numeric `code` (e.g. 4711, 124).
    pub code: Option<i64>,
    /// API-style `message`.
    pub message: Option<String>,
    /// The body as received, secrets redacted, at most 2 KiB.
    pub raw: String,
}

#[derive(Deserialize)]
struct WireBody {
    error: Option<serde_json::Value>,
    reason: Option<String>,
    code: Option<i64>,
    message: Option<String>,
    error_description: Option<String>,
}

impl ZoomBody {
    /// Parses whatever Zoom sent; non-JSON bodies keep only `raw`.
    pub fn parse(body: &str, secrets: &[&str]) -> Self {
        let raw = redact(body, secrets);
        let Ok(wire) = serde_json::from_str::<WireBody>(body) else {
            return Self {
                raw,
                ..Self::default()
            };
        };
        let error = wire.error.and_then(|e| e.as_str().map(String::from));
        Self {
            error,
            reason: wire
                .reason
                .or(wire.error_description)
                .map(|r| redact(&r, secrets)),
            code: wire.code,
            message: wire.message.map(|m| redact(&m, secrets)),
            raw,
        }
    }

    /// The most specific text Zoom gave.
    pub fn text(&self) -> &str {
        self.reason
            .as_deref()
            .or(self.message.as_deref())
            .unwrap_or(&self.raw)
    }

    /// What to do, when Zoom's OAuth error table has a row for this answer's code.
    pub fn oauth_advice(&self) -> Option<&'static str> {
        crate::oauth_errors::advice(self.code?, self.text())
    }

    /// The scopes a call lacked, when this is Zoom's missing-scope answer. Zoom sends it as
    /// `4711`, `4700`, `104` (and `201` in the Marketplace reference), always worded "does not
    /// contain scopes:[…]": classified by that text, the code kept (FACTS.md "Errors").
    pub fn missing_scopes(&self) -> Option<Vec<String>> {
        let text = self.text();
        text.to_ascii_lowercase()
            .contains("does not contain scopes")
            .then(|| scopes_listed(text))
    }

    fn says(&self, needle: &str) -> bool {
        self.text().to_ascii_lowercase().contains(needle)
    }

    /// Zoom's app-state wording; classified as such only when the text says so (FACTS.md).
    fn says_app_unusable(&self) -> bool {
        self.code == Some(4717)
            || [
                "disabled",
                "deactivated",
                "not activated",
                "not been activated",
            ]
            .iter()
            .any(|n| self.says(n))
    }
}

/// A stable machine name for each outcome. The CLI's JSON, its exit codes and the UI branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Pasted values failed validation; nothing was sent.
    InvalidInput,
    /// The token host was refused (not Zoom, not loopback).
    HostRefused,
    /// Client ID or secret rejected.
    InvalidClient,
    /// Account ID rejected.
    InvalidAccount,
    /// The app is deactivated or not activated.
    AppDisabled,
    /// Not an S2S app (grant type unsupported for these credentials).
    WrongAppType,
    /// Zoom said credentials or grant type were missing.
    MissingCredentials,
    /// The token lacks a scope that was required or that an API call needed.
    MissingScope,
    /// A fresh token was refused by the API (invalidated, expired).
    TokenRejected,
    /// Too many requests.
    RateLimited,
    /// Zoom answered 5xx.
    ServerError,
    /// Zoom answered something we could not read.
    UnexpectedResponse,
    /// A Zoom error we do not recognise (body kept).
    ZoomError,
    /// No answer in time.
    Timeout,
    /// DNS, TLS or connection failure.
    Network,
}

impl ErrorKind {
    /// The snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::HostRefused => "host_refused",
            ErrorKind::InvalidClient => "invalid_client",
            ErrorKind::InvalidAccount => "invalid_account",
            ErrorKind::AppDisabled => "app_disabled",
            ErrorKind::WrongAppType => "wrong_app_type",
            ErrorKind::MissingCredentials => "missing_credentials",
            ErrorKind::MissingScope => "missing_scope",
            ErrorKind::TokenRejected => "token_rejected",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::ServerError => "server_error",
            ErrorKind::UnexpectedResponse => "unexpected_response",
            ErrorKind::ZoomError => "zoom_error",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Network => "network",
        }
    }
}

/// What failed below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NetworkCause {
    /// The host name did not resolve.
    Dns,
    /// TLS handshake or certificate failure.
    Tls,
    /// Nothing accepted the connection.
    Connect,
    /// The connection broke before the whole answer arrived.
    Dropped,
    /// Anything else at the transport level.
    Other,
}

/// Why a token request failed. Variants carry data; wording is in `Display` and [`TokenError::advice`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// `invalid_client` / 4702, 4704.
    #[error("Zoom rejected the Client ID or Client Secret ({})", .zoom.text())]
    InvalidClient { status: u16, zoom: ZoomBody },
    /// `invalid_request` "Bad Request": on this endpoint, a wrong Account ID.
    #[error("Zoom rejected the request as a bad request ({}); with valid client credentials this means the Account ID is wrong", .zoom.text())]
    InvalidAccount { status: u16, zoom: ZoomBody },
    /// 4717 or app-state wording.
    #[error("Zoom says the app cannot be used: {}", .zoom.text())]
    AppDisabled { status: u16, zoom: ZoomBody },
    /// `unsupported_grant_type` / 4705.
    #[error("Zoom does not accept the account_credentials grant for these credentials ({})", .zoom.text())]
    WrongAppType { status: u16, zoom: ZoomBody },
    /// 4706.
    #[error("Zoom says credentials or the grant type are missing ({})", .zoom.text())]
    MissingCredentials { status: u16, zoom: ZoomBody },
    /// HTTP 429.
    #[error("Zoom is rate limiting this app{}{}", budget_hint(.rate_limit), retry_hint(.retry_after))]
    RateLimited {
        status: u16,
        zoom: ZoomBody,
        retry_after: Option<Duration>,
        /// The rate-limit headers Zoom sent with the 429.
        rate_limit: Box<RateLimitInfo>,
    },
    /// HTTP 5xx.
    #[error("Zoom's token service failed with HTTP {status}")]
    ServerError { status: u16, body: String },
    /// A body we could not read.
    #[error("Zoom's answer (HTTP {status}) could not be read: {detail}")]
    UnexpectedBody {
        status: u16,
        detail: String,
        body: String,
    },
    /// Any other Zoom error, kept verbatim.
    #[error("Zoom answered HTTP {status}: {}", .zoom.text())]
    Zoom { status: u16, zoom: ZoomBody },
    /// The overall deadline passed.
    #[error("no answer from Zoom within {} s", .after_ms / 1000)]
    Timeout { after_ms: u64 },
    /// Below HTTP.
    #[error("could not reach Zoom ({cause:?}): {detail}")]
    Network { cause: NetworkCause, detail: String },
}

/// ": the account's Heavy daily budget (30000) is spent" from the 429's headers.
fn budget_hint(r: &RateLimitInfo) -> String {
    let kind = match r.limit_type.as_deref() {
        Some(t) if t.to_ascii_lowercase().contains("daily") => "daily",
        Some(t) if t.eq_ignore_ascii_case("qps") => "per-second",
        _ => return String::new(),
    };
    let category = r.category.as_deref().unwrap_or("API");
    let limit = r.limit.map(|l| format!(" ({l})")).unwrap_or_default();
    format!(": the account's {category} {kind} budget{limit} is spent")
}

/// Whether a 429 is for a daily budget (only midnight UTC restores it).
fn is_daily(r: &RateLimitInfo) -> bool {
    r.limit_type
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("daily"))
}

fn retry_hint(wait: &Option<Duration>) -> String {
    wait.map(|w| format!(" (Zoom asks to retry in {} s)", w.as_secs()))
        .unwrap_or_default()
}

impl TokenError {
    /// Classifies a non-200 answer from the token endpoint.
    pub fn classify(status: u16, zoom: ZoomBody, rate_limit: RateLimitInfo) -> Self {
        if status == 429 {
            let retry_after = rate_limit.retry_after_secs.map(Duration::from_secs);
            return TokenError::RateLimited {
                status,
                zoom,
                retry_after,
                rate_limit: Box::new(rate_limit),
            };
        }
        if status >= 500 {
            return TokenError::ServerError {
                status,
                body: zoom.raw,
            };
        }
        let error = zoom.error.as_deref().unwrap_or_default();
        match (error, zoom.code) {
            _ if zoom.says_app_unusable() => TokenError::AppDisabled { status, zoom },
            ("invalid_client", _) | (_, Some(4702 | 4704)) => {
                TokenError::InvalidClient { status, zoom }
            }
            ("unsupported_grant_type", _) | (_, Some(4705)) => {
                TokenError::WrongAppType { status, zoom }
            }
            (_, Some(4706)) => TokenError::MissingCredentials { status, zoom },
            ("invalid_request", _) if zoom.says("missing") => {
                TokenError::MissingCredentials { status, zoom }
            }
            ("invalid_request", _) if zoom.says("bad request") => {
                TokenError::InvalidAccount { status, zoom }
            }
            _ if zoom.error.is_none() && zoom.code.is_none() && zoom.reason.is_none() => {
                TokenError::UnexpectedBody {
                    status,
                    detail: "not a Zoom error body".into(),
                    body: zoom.raw,
                }
            }
            _ => TokenError::Zoom { status, zoom },
        }
    }

    /// Converts a transport error; the URL is dropped from the text on purpose.
    pub fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            return TokenError::Timeout { after_ms: 0 };
        }
        let chain = error_chain(&e);
        let lower = chain.to_ascii_lowercase();
        let cause = if lower.contains("dns")
            || lower.contains("failed to lookup")
            || lower.contains("name or service")
        {
            NetworkCause::Dns
        } else if lower.contains("certificate")
            || lower.contains("tls")
            || lower.contains("handshake")
        {
            NetworkCause::Tls
        } else if e.is_connect() {
            NetworkCause::Connect
        } else if e.is_body() || e.is_decode() || e.is_request() {
            NetworkCause::Dropped
        } else {
            NetworkCause::Other
        };
        TokenError::Network {
            cause,
            detail: chain,
        }
    }

    /// The stable machine name.
    pub fn kind(&self) -> ErrorKind {
        match self {
            TokenError::InvalidClient { .. } => ErrorKind::InvalidClient,
            TokenError::InvalidAccount { .. } => ErrorKind::InvalidAccount,
            TokenError::AppDisabled { .. } => ErrorKind::AppDisabled,
            TokenError::WrongAppType { .. } => ErrorKind::WrongAppType,
            TokenError::MissingCredentials { .. } => ErrorKind::MissingCredentials,
            TokenError::RateLimited { .. } => ErrorKind::RateLimited,
            TokenError::ServerError { .. } => ErrorKind::ServerError,
            TokenError::UnexpectedBody { .. } => ErrorKind::UnexpectedResponse,
            TokenError::Zoom { .. } => ErrorKind::ZoomError,
            TokenError::Timeout { .. } => ErrorKind::Timeout,
            TokenError::Network { .. } => ErrorKind::Network,
        }
    }

    /// The HTTP status, when Zoom answered at all.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            TokenError::InvalidClient { status, .. }
            | TokenError::InvalidAccount { status, .. }
            | TokenError::AppDisabled { status, .. }
            | TokenError::WrongAppType { status, .. }
            | TokenError::MissingCredentials { status, .. }
            | TokenError::RateLimited { status, .. }
            | TokenError::ServerError { status, .. }
            | TokenError::UnexpectedBody { status, .. }
            | TokenError::Zoom { status, .. } => Some(*status),
            TokenError::Timeout { .. } | TokenError::Network { .. } => None,
        }
    }

    /// How long Zoom asked us to wait (`Retry-After` on a 429), if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            TokenError::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Zoom's parsed body, when there is one.
    pub fn zoom_body(&self) -> Option<&ZoomBody> {
        match self {
            TokenError::InvalidClient { zoom, .. }
            | TokenError::InvalidAccount { zoom, .. }
            | TokenError::AppDisabled { zoom, .. }
            | TokenError::WrongAppType { zoom, .. }
            | TokenError::MissingCredentials { zoom, .. }
            | TokenError::RateLimited { zoom, .. }
            | TokenError::Zoom { zoom, .. } => Some(zoom),
            _ => None,
        }
    }

    /// What the admin should do, in plain words.
    pub fn advice(&self) -> String {
        match self {
            TokenError::InvalidClient { .. } => "Copy the Client ID and Client Secret again from the app's App Credentials page in the \
                Zoom App Marketplace, and check the Account ID and Client ID aren't swapped. If the secret was regenerated, the old one \
                no longer works; if the app was deleted, create a new one. If you created the app just now, it may not be activated \
                yet: that is one possible cause (open it in the Marketplace and activate it)."
                .into(),
            TokenError::InvalidAccount { .. } => "Check the Account ID: it is on the same App Credentials page, and must be the account \
                that owns this app. Zoom does not say which field is wrong, but with a valid Client ID and secret it is the Account ID."
                .into(),
            TokenError::AppDisabled { .. } => "Open the app in the Zoom App Marketplace (Manage → Created Apps) and activate it. \
                If it was deactivated by an admin, ask them why before re-activating; if Zoom disabled it (4717), Zoom's table says \
                to contact Zoom support to enable it."
                .into(),
            TokenError::WrongAppType { .. } => "These look like credentials of a General (user-managed) OAuth app or a Meeting SDK app. \
                Test token needs a Server-to-Server OAuth app: create one under Develop → Build App → Server-to-Server OAuth."
                .into(),
            TokenError::MissingCredentials { .. } => "Zoom did not see the client credentials or the grant type. This is a request problem; \
                if you use a proxy, check that it passes the Authorization header and the form body through."
                .into(),
            TokenError::RateLimited { zoom, .. } if zoom.text().contains("Meeting Create/Update") => {
                "This host has created or updated 100 meetings today, Zoom's per-user limit. Only 00:00 UTC resets it: \
                 spread meetings over more hosts (s2s limits --hosts N plans it)."
                    .into()
            }
            TokenError::RateLimited { rate_limit, .. } if is_daily(rate_limit) => format!(
                "This is a daily budget, shared by every app on the account: only 00:00 UTC restores it. Until then, \
                 cache answers and move polling to webhooks; if it happens often, plan your volumes with `s2s limits` or \
                 a higher plan.{}",
                rate_limit
                    .retry_after_secs
                    .map(|s| format!(" (Zoom says retry in {} h {} min.)", s / 3_600, s % 3_600 / 60))
                    .unwrap_or_default()
            ),
            TokenError::RateLimited { retry_after, .. } => match retry_after {
                Some(w) => format!("Wait {} s and test again. Per-second limits are shared by every app on the account: spread calls out.", w.as_secs()),
                None => "Wait a moment and test again. Per-second limits are shared by every app on the account: spread calls out.".into(),
            },
            TokenError::ServerError { .. } => "Zoom had a problem on its side. Retry in a few minutes and check status.zoom.us.".into(),
            TokenError::UnexpectedBody { status: 200, body, .. }
                if matches!(body.trim(), "" | "{}") => "Zoom answered 200 with an empty body. One possible cause is a new app that is \
                not activated yet: open it in the Zoom App Marketplace (Manage → Created Apps), finish the activation step, and test \
                again. A proxy that strips bodies is another."
                .into(),
            TokenError::UnexpectedBody { .. } => "The answer was not what Zoom's token endpoint sends. If a proxy or captive portal sits \
                between you and Zoom, check it; otherwise retry and check status.zoom.us."
                .into(),
            TokenError::Zoom { zoom, .. } if zoom.oauth_advice().is_some() => {
                zoom.oauth_advice().unwrap_or_default().into()
            }
            TokenError::Zoom { .. } => "Zoom's own message is shown above. Search it in Zoom's developer forum or contact Zoom developer support with it.".into(),
            TokenError::Timeout { .. } => "Check the network connection and proxy settings, then retry. A slow answer can also mean Zoom is degraded (status.zoom.us).".into(),
            TokenError::Network { cause, .. } => match cause {
                NetworkCause::Dns => "The Zoom host name did not resolve: check DNS and that this machine is online.".into(),
                NetworkCause::Tls => "The secure connection failed: a proxy or firewall may be intercepting TLS. Check its certificate settings.".into(),
                NetworkCause::Connect => "Nothing accepted the connection: check the network, firewall and proxy settings.".into(),
                NetworkCause::Dropped => "The connection broke mid-answer. Retry; if it keeps happening, check the network or proxy.".into(),
                NetworkCause::Other => "Check the network connection and proxy settings, then retry.".into(),
            },
        }
    }
}

/// The error and its sources, joined, without any URL.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    let text = parts.join(": ");
    // reqwest prints "… for url (…)"; URLs carry no secrets here, but they are noise in a message.
    match text.find(" for url (") {
        Some(i) => {
            let rest = &text[i..];
            let end = rest.find(')').map(|j| i + j + 1).unwrap_or(text.len());
            format!("{}{}", &text[..i], &text[end..])
        }
        None => text,
    }
}

/// The scope list in Zoom's missing-scope text:
/// "Invalid access token, does not contain scopes:[user:read:admin, user:read:user:admin]."
fn scopes_listed(message: &str) -> Vec<String> {
    let Some(start) = message.find('[') else {
        return Vec::new();
    };
    let Some(len) = message[start + 1..].find(']') else {
        return Vec::new();
    };
    message[start + 1..start + 1 + len]
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_missing_scope_answer_is_known_by_its_text_in_every_code() {
        for code in [4711, 4700, 104, 201] {
            let body = format!(
                r#"{{"code":{code},"message":"Invalid access token, does not contain scopes:[user:read:admin, user:read:user:admin]."}}"#
            );
            let zoom = ZoomBody::parse(&body, &[]);
            assert_eq!(
                zoom.missing_scopes().as_deref(),
                Some(
                    &[
                        "user:read:admin".to_string(),
                        "user:read:user:admin".to_string()
                    ][..]
                ),
                "{code}"
            );
            assert_eq!(zoom.code, Some(code), "the code is kept");
        }
        let other = ZoomBody::parse(r#"{"code":4700,"message":"Token cannot be empty."}"#, &[]);
        assert_eq!(other.missing_scopes(), None);
    }

    use super::*;

    fn classify(status: u16, body: &str) -> TokenError {
        TokenError::classify(status, ZoomBody::parse(body, &[]), RateLimitInfo::default())
    }

    #[test]
    fn zoom_token_errors_map_to_their_kind() {
        let table = [
            (
                400,
                r#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#,
                ErrorKind::InvalidClient,
            ),
            (
                400,
                r#"{"reason":"Bad Request","error":"invalid_request"}"#,
                ErrorKind::InvalidAccount,
            ),
            (
                400,
                r#"{"reason":"unsupported grant type","error":"unsupported_grant_type"}"#,
                ErrorKind::WrongAppType,
            ),
            (
                400,
                r#"{"reason":"The app has been disabled","error":"invalid_client"}"#,
                ErrorKind::AppDisabled,
            ),
            (
                400,
                r#"{"code":4717,"message":"The app has been disabled"}"#,
                ErrorKind::AppDisabled,
            ),
            (
                400,
                r#"{"code":4705,"message":"Grant type is not supported from token endpoint."}"#,
                ErrorKind::WrongAppType,
            ),
            (
                400,
                r#"{"code":4706,"message":"Client ID or client secret is missing."}"#,
                ErrorKind::MissingCredentials,
            ),
            (
                401,
                r#"{"code":4702,"message":"Invalid client."}"#,
                ErrorKind::InvalidClient,
            ),
            (
                400,
                r#"{"reason":"Something new","error":"brand_new"}"#,
                ErrorKind::ZoomError,
            ),
            (
                429,
                r#"{"code":429,"message":"Too many requests"}"#,
                ErrorKind::RateLimited,
            ),
            (
                503,
                "<html>Service Unavailable</html>",
                ErrorKind::ServerError,
            ),
            (
                400,
                "<html>proxy says no</html>",
                ErrorKind::UnexpectedResponse,
            ),
        ];
        for (status, body, kind) in table {
            assert_eq!(classify(status, body).kind(), kind, "{status} {body}");
        }
    }

    #[test]
    fn unknown_errors_keep_zooms_words() {
        let e = classify(400, r#"{"reason":"Something new","error":"brand_new"}"#);
        assert!(e.to_string().contains("Something new"));
        assert_eq!(
            e.zoom_body().and_then(|z| z.error.as_deref()),
            Some("brand_new")
        );
    }

    #[test]
    fn redaction_removes_secrets_tokens_and_caps_length() {
        let body = r#"{"access_token":"opaque-token-value","echo":"my-client-secret","jwt":"eyJhbGciOi.eyJzdWIiOjF9.sig"}"#;
        let out = redact(body, &["my-client-secret"]);
        assert!(!out.contains("opaque-token-value"), "{out}");
        assert!(!out.contains("my-client-secret"), "{out}");
        assert!(!out.contains("eyJhbGciOi"), "{out}");
        assert!(
            redact(&"x".repeat(5000), &[]).chars().count() <= crate::redaction::RAW_BODY_CAP + 1
        );
    }

    #[test]
    fn redaction_removes_every_form_of_the_secret() {
        use base64::Engine;
        let secret = "s3cr/t+\"value\" 9";
        let basic =
            base64::engine::general_purpose::STANDARD.encode(format!("ClientId0123:{secret}"));
        let echo = format!(
            r#"{{"headers":{{"authorization":"Basic {basic}"}},"form":"secret={}","json":{},"b64":"{}"}}"#,
            url::form_urlencoded::byte_serialize(secret.as_bytes()).collect::<String>(),
            serde_json::to_string(secret).expect("json"),
            base64::engine::general_purpose::STANDARD.encode(secret),
        );
        let forms = secret_forms("ClientId0123", secret);
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let out = redact(&echo, &refs);
        assert!(!out.contains(&basic[..20]), "{out}");
        assert!(!out.contains("s3cr"), "{out}");
        assert!(!out.contains("czNjci90"), "base64 of the secret: {out}");
    }

    #[test]
    fn zooms_advice_names_each_cause_as_a_possibility() {
        let client = TokenError::classify(
            400,
            ZoomBody::parse(
                r#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#,
                &[],
            ),
            crate::ratelimit::RateLimitInfo::default(),
        );
        assert!(
            client.advice().contains("not be activated yet"),
            "{}",
            client.advice()
        );
        assert!(client.advice().contains("swapped"));
        let empty = TokenError::UnexpectedBody {
            status: 200,
            detail: "the success response has no access_token".into(),
            body: "{}".into(),
        };
        assert!(
            empty.advice().contains("One possible cause is a new app"),
            "{}",
            empty.advice()
        );
        let gone_owner = TokenError::Zoom {
            status: 400,
            zoom: ZoomBody::parse(r#"{"code":4735,"message":"User does not exist"}"#, &[]),
        };
        assert!(
            gone_owner.advice().contains("Transfer the app's ownership"),
            "{}",
            gone_owner.advice()
        );
    }

    #[test]
    fn a_429_names_the_label_and_limit_and_whether_only_midnight_helps() {
        let daily = crate::ratelimit::RateLimitInfo {
            category: Some("Heavy".into()),
            limit_type: Some("Daily-limit".into()),
            limit: Some(30_000),
            remaining: Some(0),
            retry_after_secs: Some(3 * 3_600 + 600),
        };
        let e = TokenError::classify(
            429,
            ZoomBody::parse(
                r#"{"code":429,"message":"You have reached the maximum daily rate limit for this API."}"#,
                &[],
            ),
            daily,
        );
        assert!(
            e.to_string()
                .contains("Heavy daily budget (30000) is spent"),
            "{e}"
        );
        assert!(
            e.advice().contains("only 00:00 UTC restores it"),
            "{}",
            e.advice()
        );
        assert!(e.advice().contains("3 h 10 min"), "{}", e.advice());
        let per_second = TokenError::classify(
            429,
            ZoomBody::parse(r#"{"code":429,"message":"per-second"}"#, &[]),
            crate::ratelimit::RateLimitInfo {
                category: Some("Light".into()),
                limit_type: Some("QPS".into()),
                ..Default::default()
            },
        );
        assert!(
            per_second.to_string().contains("Light per-second budget"),
            "{per_second}"
        );
        assert!(!per_second.advice().contains("00:00 UTC"));
        let host = TokenError::classify(
            429,
            ZoomBody::parse(
                r#"{"code":429,"message":"You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user."}"#,
                &[],
            ),
            crate::ratelimit::RateLimitInfo::default(),
        );
        assert!(
            host.advice().contains("spread meetings over more hosts"),
            "{}",
            host.advice()
        );
    }

    #[test]
    fn every_error_has_advice() {
        let e = TokenError::Network {
            cause: NetworkCause::Dns,
            detail: "dns error".into(),
        };
        assert!(e.advice().contains("DNS"));
        assert!(TokenError::Timeout { after_ms: 20_000 }
            .to_string()
            .contains("20 s"));
    }
}
