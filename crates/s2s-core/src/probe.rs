//! One authenticated API call that proves a fresh token works: `GET <api_url>/v2/users/me`.
//!
//! For an S2S token, "me" is the app's owner (Zoom calls it the owner's token; FACTS.md). A
//! `4711` missing-scope answer still proves the token is valid (Zoom checks the token before the
//! scope); `124` means the token was refused — invalidated by a newer token, or expired.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{redact, ErrorKind, TokenError, ZoomBody};
use crate::http::{read_capped, ResponseParts};
use crate::ratelimit::RateLimitInfo;
use crate::secret::Secret;

/// The probe's path under the API base.
pub const PROBE_PATH: &str = "/v2/users/me";

/// Who the token acts as, when the app may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TokenOwner {
    /// Zoom user id.
    pub id: String,
    /// Email, when returned.
    #[serde(default)]
    pub email: Option<String>,
    /// Display name parts joined.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Role name ("Owner", "Admin", "Member", or custom).
    #[serde(default)]
    pub role_name: Option<String>,
    /// Role id ("0" Owner, "1" Admin, others custom).
    #[serde(default)]
    pub role_id: Option<String>,
    /// The account the user belongs to.
    #[serde(default)]
    pub account_id: Option<String>,
    /// Zoom's user status: `active`, `inactive` (deactivated) or `pending`.
    #[serde(default)]
    pub status: Option<String>,
}

/// What the probe found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ProbeOutcome {
    /// The token works and could read its owner.
    Owner {
        owner: TokenOwner,
        rate_limit: RateLimitInfo,
    },
    /// The token works but lacks the scopes to read users (Zoom's 4711).
    TokenValidScopeMissing {
        message: String,
        missing: Vec<String>,
        rate_limit: RateLimitInfo,
    },
    /// Zoom refused the token right after issuing it: 124 (invalid or expired), or 4735 (its
    /// owner no longer exists in the account).
    TokenRejected {
        /// Zoom's code.
        code: Option<i64>,
        /// Zoom's message.
        message: String,
        /// What can cause it, and what to do.
        causes: String,
    },
    /// The probe could not be completed (network, 429, 5xx…): the token itself may be fine.
    Inconclusive { kind: ErrorKind, message: String },
    /// Probing was turned off.
    Skipped,
}

#[derive(Deserialize)]
struct UserMe {
    id: String,
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    display_name: Option<String>,
    role_name: Option<String>,
    role_id: Option<String>,
    account_id: Option<String>,
    status: Option<String>,
}

/// Why Zoom refuses a token it has just issued, today (FACTS.md "Token lifetime and
/// invalidation"): a newer token is *not* among the causes since June 2023.
pub const TOKEN_REJECTED_CAUSES: &str = "Zoom refused a token it had just issued (124). Today's causes: the token expired (check this computer's clock), the app was deactivated, its client secret was rotated and the old one revoked, or the token was damaged on the way. Check the app in the Marketplace, then test again.";

/// What a 124 also means for an app known to follow the pre-June-2023 one-token rule.
pub const ONE_TOKEN_CAUSE: &str = "This app follows the old one-token rule (its coexistence check said so): another process most likely asked for a token at the same moment, and that newer token invalidated this one.";

/// Calls `GET <api_url>/v2/users/me` with the token.
pub async fn probe(http: &reqwest::Client, api_url: &str, token: &Secret) -> ProbeOutcome {
    let url = format!("{}{}", api_url.trim_end_matches('/'), PROBE_PATH);
    let response = match http.get(url).bearer_auth(token.expose()).send().await {
        Ok(r) => r,
        Err(e) => return inconclusive(&TokenError::from_reqwest(e)),
    };
    match read_capped(response).await {
        Ok(parts) => interpret(&parts, token),
        Err(e) => inconclusive(&e),
    }
}

/// What Zoom's answer to `GET /users/me` says about the token.
pub(crate) fn interpret(parts: &ResponseParts, token: &Secret) -> ProbeOutcome {
    let secrets = [token.expose()];
    let rate_limit =
        RateLimitInfo::from_headers(&parts.headers, OffsetDateTime::now_utc()).redacted(&secrets);
    if parts.status == 200 {
        // What is read here is recorded in the profile's history: a server that echoes the
        // token into a user's fields must not get it written down.
        return match serde_json::from_str::<UserMe>(&redact(&parts.body, &secrets)) {
            Ok(me) => ProbeOutcome::Owner {
                owner: me.into(),
                rate_limit,
            },
            Err(_) => ProbeOutcome::Inconclusive {
                kind: ErrorKind::UnexpectedResponse,
                message: "GET /users/me answered 200 with a body that is not a Zoom user".into(),
            },
        };
    }
    let zoom = ZoomBody::parse(&parts.body, &secrets);
    if let Some(missing) = zoom.missing_scopes() {
        return ProbeOutcome::TokenValidScopeMissing {
            missing,
            message: zoom.text().to_string(),
            rate_limit,
        };
    }
    match zoom.code {
        Some(code @ (124 | crate::oauth_errors::OWNER_GONE)) => ProbeOutcome::TokenRejected {
            code: Some(code),
            message: zoom.text().to_string(),
            causes: zoom.oauth_advice().unwrap_or(TOKEN_REJECTED_CAUSES).into(),
        },
        _ => inconclusive(&TokenError::classify(parts.status, zoom, rate_limit)),
    }
}

fn inconclusive(e: &TokenError) -> ProbeOutcome {
    ProbeOutcome::Inconclusive {
        kind: e.kind(),
        message: e.to_string(),
    }
}

impl From<UserMe> for TokenOwner {
    fn from(me: UserMe) -> Self {
        let joined = [me.first_name, me.last_name]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let display_name = me.display_name.or((!joined.is_empty()).then_some(joined));
        Self {
            id: me.id,
            email: me.email,
            display_name,
            role_name: me.role_name,
            role_id: me.role_id,
            account_id: me.account_id,
            status: me.status,
        }
    }
}

/// The owner's role privileges, read with the app's own token after the probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum OwnerPrivileges {
    /// Read from Zoom.
    Read {
        /// Privilege strings (`User:Read`…).
        privileges: Vec<String>,
        /// The call that answered.
        via: String,
    },
    /// The app holds no scope that reads them (Zoom's 4711); the admin can pick the role instead.
    MissingScope {
        /// Scopes that would allow it (any one).
        needs: Vec<String>,
    },
    /// Zoom didn't answer usefully (network, 429, 5xx, unexpected body).
    Unavailable {
        /// What happened.
        message: String,
    },
    /// Not attempted: the probe was off or could not read the owner.
    NotAttempted,
}

impl OwnerPrivileges {
    /// The list, when read.
    pub fn list(&self) -> Option<&[String]> {
        match self {
            OwnerPrivileges::Read { privileges, .. } => Some(privileges),
            _ => None,
        }
    }
}

/// Reads the owner's privileges: `GET /users/me/permissions` (a user-level scope suffices), else
/// the role itself, `GET /roles/{roleId}` (FACTS.md "Roles API"). Each step needs its own scope.
pub async fn read_owner_privileges(
    http: &reqwest::Client,
    api_url: &str,
    token: &Secret,
    role_id: Option<&str>,
) -> OwnerPrivileges {
    #[derive(Deserialize)]
    struct Permissions {
        permissions: Vec<String>,
    }
    #[derive(Deserialize)]
    struct Role {
        privileges: Vec<String>,
    }
    let mut needs = Vec::new();
    let own = "/v2/users/me/permissions".to_string();
    match api_get::<Permissions>(http, api_url, &own, token).await {
        Ok(p) => {
            return OwnerPrivileges::Read {
                privileges: p.permissions,
                via: format!("GET {own}"),
            }
        }
        Err(ApiGetError::MissingScope(m)) => needs.extend(m),
        Err(ApiGetError::Other(message)) => return OwnerPrivileges::Unavailable { message },
    }
    if let Some(role_id) = role_id {
        // The role id comes from Zoom's answer: encoded, it can only name a role.
        let path = format!("/v2/roles/{}", path_segment(role_id));
        match api_get::<Role>(http, api_url, &path, token).await {
            Ok(r) => {
                return OwnerPrivileges::Read {
                    privileges: r.privileges,
                    via: format!("GET {path}"),
                }
            }
            Err(ApiGetError::MissingScope(m)) => needs.extend(m),
            Err(ApiGetError::Other(message)) => return OwnerPrivileges::Unavailable { message },
        }
    }
    OwnerPrivileges::MissingScope { needs }
}

enum ApiGetError {
    MissingScope(Vec<String>),
    Other(String),
}

async fn api_get<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    api_url: &str,
    path: &str,
    token: &Secret,
) -> Result<T, ApiGetError> {
    let url = format!("{}{path}", api_url.trim_end_matches('/'));
    let response = http
        .get(url)
        .bearer_auth(token.expose())
        .send()
        .await
        .map_err(|e| ApiGetError::Other(TokenError::from_reqwest(e).to_string()))?;
    let parts = read_capped(response)
        .await
        .map_err(|e| ApiGetError::Other(e.to_string()))?;
    if parts.status == 200 {
        return serde_json::from_str(&redact(&parts.body, &[token.expose()])).map_err(|_| {
            ApiGetError::Other(format!("GET {path} answered 200 with an unexpected body"))
        });
    }
    let zoom = ZoomBody::parse(&parts.body, &[token.expose()]);
    match zoom.missing_scopes() {
        Some(missing) => Err(ApiGetError::MissingScope(missing)),
        None => Err(ApiGetError::Other(format!(
            "GET {path} answered HTTP {}: {}",
            parts.status,
            zoom.text()
        ))),
    }
}

/// `s` percent-encoded as one URL path segment (everything but RFC 3986's unreserved characters),
/// so an id like `../users/x` or `a?b` cannot change which resource a request names.
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    // "." and ".." are path steps, not names.
    match out.as_str() {
        "." => "%2E".into(),
        ".." => "%2E%2E".into(),
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_echoed_into_the_owners_fields_is_never_kept() {
        // Found by the api_response fuzz target: a 200 whose user fields quote the token.
        let token = Secret::new("eyJ.tokenTheServerEchoes.0001");
        let parts = ResponseParts {
            status: 200,
            headers: reqwest::header::HeaderMap::new(),
            body: r#"{"id":"u1","email":"eyJ.tokenTheServerEchoes.0001@example.com","display_name":"eyJ.tokenTheServerEchoes.0001"}"#.into(),
        };
        let outcome = interpret(&parts, &token);
        let kept = serde_json::to_string(&outcome).expect("json");
        assert!(!kept.contains(token.expose()), "{kept}");
        assert!(matches!(outcome, ProbeOutcome::Owner { .. }), "{kept}");
    }

    #[test]
    fn ids_in_paths_are_one_encoded_segment() {
        assert_eq!(path_segment("2"), "2");
        assert_eq!(
            path_segment("../users/me?x=1#"),
            "..%2Fusers%2Fme%3Fx%3D1%23"
        );
        assert_eq!(path_segment(".."), "%2E%2E");
        assert_eq!(path_segment("a b"), "a%20b");
    }
}
