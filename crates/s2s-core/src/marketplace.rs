//! Zoom's client-secret rotation API (`POST /v2/marketplace/apps/{appId}/rotate_client_secret`,
//! added 2025-09-22; FACTS.md "Secret rotation"): `new` issues a second secret and keeps the old
//! one working until its revoke time (at most 30 days ahead), `update` moves that time (`now`
//! ends the overlap). Zoom allows 3 changes per app in 15 minutes. The answer's `new_secret`
//! goes straight into a [`Secret`]; no answer body is ever kept or shown.

use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{ErrorKind, TokenError, ZoomBody};
use crate::http::read_capped;
use crate::probe::path_segment;
use crate::secret::Secret;
use crate::tester::{FailureReport, TestError};

/// The scope a token needs to rotate its app's secret (no admin variant).
pub const ROTATE_SCOPE: &str = "marketplace:update:client_secret";

/// The furthest ahead Zoom accepts a revoke time for `new`.
pub const MAX_OVERLAP_SECS: i64 = 30 * 24 * 60 * 60;

/// When Zoom should revoke the old secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeOld {
    /// At once: the overlap ends.
    Now,
    /// At this time (Unix seconds).
    At(i64),
}

impl RevokeOld {
    fn wire(self) -> String {
        match self {
            RevokeOld::Now => "now".into(),
            RevokeOld::At(unix) => OffsetDateTime::from_unix_timestamp(unix)
                .ok()
                .and_then(|t| t.format(&Rfc3339).ok())
                .unwrap_or_else(|| "now".into()),
        }
    }
}

/// `rotate_client_secret`'s two actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotateAction {
    /// Issue a new secret; the old one works until the revoke time.
    New,
    /// Move the old secret's revoke time.
    Update,
}

/// What Zoom answered.
#[derive(Debug)]
pub struct Rotated {
    /// The new secret (`new` only).
    pub new_secret: Option<Secret>,
    /// When Zoom revokes the old secret (Unix seconds), as it answered.
    pub revoke_old_unix: Option<i64>,
}

#[derive(Deserialize)]
struct Answer {
    new_secret: Option<String>,
    revoke_old_secret_time: Option<String>,
}

/// Asks Zoom to rotate app `app_id`'s secret with `token` (which needs [`ROTATE_SCOPE`]).
/// Zoom's refusals come back explained, with what to do.
pub async fn rotate_client_secret(
    http: &reqwest::Client,
    api_url: &str,
    token: &Secret,
    app_id: &str,
    action: RotateAction,
    revoke: RevokeOld,
) -> Result<Rotated, FailureReport> {
    let url = format!(
        "{}/v2/marketplace/apps/{}/rotate_client_secret",
        api_url.trim_end_matches('/'),
        path_segment(app_id)
    );
    let body = serde_json::json!({
        "action": match action { RotateAction::New => "new", RotateAction::Update => "update" },
        "revoke_old_secret_time": revoke.wire(),
    });
    let network = |e: TokenError| FailureReport::from(&TestError::Token(e));
    let response = http
        .post(url)
        .bearer_auth(token.expose())
        .json(&body)
        .send()
        .await
        .map_err(|e| network(TokenError::from_reqwest(e)))?;
    let parts = read_capped(response).await.map_err(network)?;
    if (200..300).contains(&parts.status) {
        let answer: Answer = serde_json::from_str(&parts.body).map_err(|_| {
            FailureReport::local(
                ErrorKind::UnexpectedResponse,
                "Zoom's answer to the rotation was not the documented JSON",
                "Check the app in the Marketplace (App Credentials): if a new secret is shown there, rotate manually with it.",
            )
        })?;
        return Ok(Rotated {
            new_secret: answer.new_secret.map(Secret::new),
            revoke_old_unix: answer
                .revoke_old_secret_time
                .and_then(|t| OffsetDateTime::parse(&t, &Rfc3339).ok())
                .map(OffsetDateTime::unix_timestamp),
        });
    }
    let retry_after_secs = parts
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    Err(refusal(parts.status, &parts.body, app_id, retry_after_secs))
}

/// Zoom's documented answer to `update` when the app has no old secret left (already revoked,
/// or never rotated): 404, code 1401, "Secret ID does not exist." (Marketplace OpenAPI,
/// RotateClientSecret; data/zoom-openapi). The one refusal that means a revoke already happened.
pub fn no_old_secret_left(f: &FailureReport) -> bool {
    f.http_status == Some(404)
        && f.zoom_error.as_deref() == Some("1401")
        && f.zoom_reason
            .as_deref()
            .is_some_and(|r| r.to_ascii_lowercase().contains("secret id does not exist"))
}

/// Zoom's refusal, in the admin's terms. Codes from the Marketplace OpenAPI's
/// RotateClientSecret (data/zoom-openapi): 2000 the 3-in-15-minutes limit (documented as a 400;
/// a 429 is read the same way), 1401 an unknown App ID or secret, 2001/1500 a bad field; the
/// missing scope is known by its text, whatever its code.
fn refusal(status: u16, body: &str, app_id: &str, retry_after_secs: Option<u64>) -> FailureReport {
    let zoom = ZoomBody::parse(body, &[]);
    let said = zoom.text().to_ascii_lowercase();
    let (kind, message, advice) = match (status, zoom.code) {
        _ if zoom.missing_scopes().is_some() || status == 403 => (
            ErrorKind::MissingScope,
            format!("the token may not rotate this app's secret (it needs {ROTATE_SCOPE})"),
            format!("Add the scope {ROTATE_SCOPE} to the app in the Marketplace (Scopes), or rotate manually: generate a new secret on the App Credentials page and paste it."),
        ),
        (404, _) if said.contains("secret id does not exist") => (
            ErrorKind::ZoomError,
            "Zoom has no old secret of this app left to change: it was already revoked".to_string(),
            "Nothing is left to revoke; the app works with its current secret.".into(),
        ),
        (429, _) | (_, Some(2000)) => (
            ErrorKind::RateLimited,
            "Zoom refused: an app's client secret can change at most 3 times in 15 minutes".to_string(),
            match retry_after_secs {
                Some(secs) => format!("Wait {} and try again; nothing was changed.", wait_text(secs)),
                None => "Wait 15 minutes and try again; nothing was changed.".into(),
            },
        ),
        (404, _) => (
            ErrorKind::InvalidInput,
            format!("Zoom knows no app with App ID '{app_id}' in this account"),
            "Copy the App ID from the app's page in the Marketplace (Manage → your app); it is not the Client ID.".into(),
        ),
        (401, _) | (_, Some(124)) | (_, Some(201)) => (
            ErrorKind::TokenRejected,
            "Zoom did not accept the app's token for the rotation".into(),
            "Test the profile's token, then try again.".into(),
        ),
        _ => (
            ErrorKind::ZoomError,
            format!("Zoom refused the rotation: {}", zoom.text()),
            "Nothing was changed. Check the App ID and the revoke time (at most 30 days ahead), or rotate manually.".into(),
        ),
    };
    FailureReport {
        http_status: Some(status),
        zoom_error: zoom.code.map(|c| c.to_string()),
        zoom_reason: zoom.message.clone(),
        retry_after_secs,
        ..FailureReport::local(kind, message, advice)
    }
}

/// "4 min 10 s", "50 s".
fn wait_text(secs: u64) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revoke_times_go_out_as_zoom_documents_them() {
        assert_eq!(RevokeOld::Now.wire(), "now");
        assert_eq!(RevokeOld::At(1_788_220_800).wire(), "2026-09-01T00:00:00Z");
    }

    #[test]
    fn the_three_changes_limit_says_how_long_to_wait() {
        let f = refusal(429, r#"{"code":429,"message":"x"}"#, "A1", Some(250));
        assert_eq!(f.kind, ErrorKind::RateLimited);
        assert!(f.message.contains("3 times in 15 minutes"), "{}", f.message);
        assert!(f.advice.contains("4 min 10 s"), "{}", f.advice);
    }

    #[test]
    fn a_missing_scope_names_it_and_offers_the_manual_path() {
        let f = refusal(
            400,
            r#"{"code":4711,"message":"Invalid access token, does not contain scopes:[marketplace:update:client_secret]."}"#,
            "A1",
            None,
        );
        assert_eq!(f.kind, ErrorKind::MissingScope);
        assert!(f.advice.contains(ROTATE_SCOPE) && f.advice.contains("manually"));
        let documented = refusal(
            401,
            r#"{"code":201,"message":"Invalid access token, does not contain scopes:[marketplace:update:client_secret]."}"#,
            "A1",
            None,
        );
        assert_eq!(documented.kind, ErrorKind::MissingScope);
        assert!(!no_old_secret_left(&documented));
    }

    #[test]
    fn only_zooms_no_old_secret_answer_means_the_revoke_already_happened() {
        let gone = refusal(
            404,
            r#"{"code":1401,"message":"Secret ID does not exist."}"#,
            "A1",
            None,
        );
        assert!(no_old_secret_left(&gone));
        let no_app = refusal(
            404,
            r#"{"code":1401,"message":"App ID does not exist."}"#,
            "A1",
            None,
        );
        assert!(!no_old_secret_left(&no_app));
        let bad = refusal(
            400,
            r#"{"code":2001,"message":"Invalid value of request param revoke_old_secret_time."}"#,
            "A1",
            None,
        );
        assert!(!no_old_secret_left(&bad));
    }

    #[test]
    fn the_documented_limit_code_reads_as_the_limit() {
        let f = refusal(
            400,
            r#"{"code":2000,"message":"Working on processing your request. Can only change client secret rotate schedule 3 times in 15 minutes."}"#,
            "A1",
            None,
        );
        assert_eq!(f.kind, ErrorKind::RateLimited);
        assert!(f.advice.contains("15 minutes"), "{}", f.advice);
    }
}
