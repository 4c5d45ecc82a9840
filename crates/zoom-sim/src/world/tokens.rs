//! Tokens: issuing them (with the per-app tolerance that decides which older tokens die under
//! the old one-token rule), checking them, and what each one is.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;

use super::World;
use crate::fixture::AppActivation;

/// A token the simulator issued.
#[derive(Debug, Clone)]
pub struct TokenRecord {
    /// The app.
    pub client_id: String,
    /// Its account.
    pub account_id: String,
    /// Scopes fixed at issue time (a later scope change shows only in a new token).
    pub scopes: Vec<String>,
    /// Simulated expiry.
    pub expires_at: SystemTime,
    /// Killed by a newer token, or by deactivation.
    pub invalidated: bool,
}

/// Why the API refused a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    /// Unknown or invalidated.
    Invalid,
    /// Past its expiry.
    Expired,
}

impl World {
    /// Issues a token for an app. Today's rule: tokens coexist until they expire. An app set to
    /// the old one-token rule applies its tolerance: in the app's slot, only the `capacity`
    /// newest tokens stay valid (default one, so a new token kills the previous).
    pub fn issue_token(
        &mut self,
        client_id: &str,
        slot: Option<u32>,
    ) -> Option<(String, TokenRecord)> {
        let (account, app) = self.app(client_id)?;
        let capacity = match (app.single_token, app.token_index_enabled) {
            (false, _) => usize::MAX,
            (true, true) => 1,
            (true, false) => app.token_tolerance as usize,
        };
        let slot = if app.single_token { slot } else { None };
        let record = TokenRecord {
            client_id: client_id.to_string(),
            account_id: account.id.clone(),
            scopes: app.scopes.clone(),
            expires_at: self.now() + Duration::from_secs(self.fixture.token_ttl_secs),
            invalidated: false,
        };
        let token = mint_token(
            client_id,
            &app.owner_id,
            self.now(),
            self.fixture.token_ttl_secs,
        );
        let queue = self.live.entry((client_id.to_string(), slot)).or_default();
        queue.push_back(token.clone());
        while queue.len() > capacity {
            if let Some(old) = queue.pop_front() {
                if let Some(r) = self.tokens.get_mut(&old) {
                    r.invalidated = true;
                }
            }
        }
        self.tokens.insert(token.clone(), record.clone());
        Some((token, record))
    }

    /// Every token issued so far, for tests that prove none leaked.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.tokens.keys().cloned().collect()
    }

    /// Checks a bearer token for an API call.
    pub fn check_token(&self, token: &str) -> Result<&TokenRecord, TokenCheck> {
        let record = self.tokens.get(token).ok_or(TokenCheck::Invalid)?;
        let app_usable = self
            .app(&record.client_id)
            .is_some_and(|(_, a)| a.state == AppActivation::Active);
        if record.invalidated || !app_usable {
            return Err(TokenCheck::Invalid);
        }
        if self.now() >= record.expires_at {
            return Err(TokenCheck::Expired);
        }
        Ok(record)
    }
}

/// A token shaped like Zoom's (a JWT), though clients must treat it as opaque.
fn mint_token(client_id: &str, owner_id: &str, now: SystemTime, ttl: u64) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let iat = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let header = b64.encode(r#"{"alg":"HS512","v":"2.0","kid":"zoom-sim"}"#);
    let claims = serde_json::json!({
        "aud": "https://oauth.zoom.us", "uid": owner_id, "ver": 10, "iss": format!("zm:cid:{client_id}"),
        "iat": iat, "exp": iat + ttl, "jti": crate::random::u64().to_string(),
    });
    let signature: [u8; 32] = crate::random::bytes();
    format!(
        "{header}.{}.{}",
        b64.encode(claims.to_string()),
        b64.encode(signature)
    )
}
