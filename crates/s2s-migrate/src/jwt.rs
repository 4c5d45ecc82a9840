//! Decoding a legacy JWT for display, without verifying it: header, claims, the issuer (a Zoom
//! JWT app's API Key), issued-at and expiry (Zoom's old docs showed `exp` in milliseconds, so
//! both are accepted), and whether it looks like a Zoom JWT-app token or a Meeting/Video SDK
//! token (FACTS.md "Legacy JWT apps": SDK tokens must not be offered for S2S migration).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::mask::mask;

/// Longer "tokens" are not JWTs anyone pasted into a config.
const MAX_TOKEN_LEN: usize = 16 * 1024;

/// A token's expiry is "never in practice" beyond this many seconds from now (5 years).
pub const FAR_FUTURE_SECS: i64 = 5 * 365 * 24 * 3600;

/// What kind of JWT it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JwtKind {
    /// HS256 with `iss` (the API Key) and `exp`, nothing SDK-like: a JWT app's token.
    ZoomJwtApp,
    /// Meeting SDK / Video SDK claims (`appKey`, `sdkKey`, `tpc`, `role`…): not for S2S.
    ZoomSdk,
    /// Some other JWT.
    Other,
}

/// A decoded token.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecodedJwt {
    /// The header, as JSON text.
    pub header: String,
    /// The claims, as JSON text.
    pub claims: String,
    /// `alg` from the header.
    pub alg: Option<String>,
    /// `iss`: for a Zoom JWT app, its API Key.
    pub issuer: Option<String>,
    /// `iat`, as Unix seconds.
    pub issued_at: Option<i64>,
    /// `exp`, as Unix seconds.
    pub expires_at: Option<i64>,
    /// `exp` was written in milliseconds.
    pub exp_in_millis: bool,
    /// Zoom JWT app, SDK, or other.
    pub kind: JwtKind,
}

/// Expired, valid, or valid for so long it never expires in practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    /// `exp` is in the past.
    Expired,
    /// `exp` is more than five years away (or absent).
    NeverInPractice,
    /// `exp` is in the reasonable future.
    Valid,
}

impl DecodedJwt {
    /// The same token with its issuer (the API key) and every string claim masked: what a
    /// finding keeps, so no plan file, JSON output or view can show them.
    pub fn masked(self) -> DecodedJwt {
        let claims = match serde_json::from_str::<Value>(&self.claims) {
            Ok(Value::Object(map)) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| match v {
                        Value::String(s) => (k, Value::String(mask(&s, false))),
                        other => (k, other),
                    })
                    .collect::<Map<String, Value>>(),
            )
            .to_string(),
            _ => "(claims not shown)".to_string(),
        };
        DecodedJwt {
            claims,
            issuer: self.issuer.map(|i| mask(&i, false)),
            ..self
        }
    }

    /// Expiry status at `now_unix`.
    pub fn expiry(&self, now_unix: i64) -> Expiry {
        match self.expires_at {
            Some(exp) if exp <= now_unix => Expiry::Expired,
            Some(exp) if exp - now_unix <= FAR_FUTURE_SECS => Expiry::Valid,
            _ => Expiry::NeverInPractice,
        }
    }
}

/// Decodes `header.payload.signature`; `None` for anything that isn't a JWT with JSON objects.
pub fn decode(token: &str) -> Option<DecodedJwt> {
    if token.len() > MAX_TOKEN_LEN {
        return None;
    }
    let mut parts = token.split('.');
    let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || s.is_empty() {
        return None;
    }
    let header = object(h)?;
    let claims = object(p)?;
    let alg = header.get("alg").and_then(Value::as_str).map(String::from);
    let issuer = claims.get("iss").and_then(Value::as_str).map(String::from);
    let (expires_at, exp_in_millis) = match claims.get("exp").and_then(number) {
        // Seconds until the year 5138; anything larger is milliseconds.
        Some(exp) if exp > 100_000_000_000 => (Some(exp / 1000), true),
        Some(exp) => (Some(exp), false),
        None => (None, false),
    };
    let issued_at = claims.get("iat").and_then(number).map(|iat| {
        if iat > 100_000_000_000 {
            iat / 1000
        } else {
            iat
        }
    });
    let kind = kind_of(alg.as_deref(), &claims, issuer.as_deref(), expires_at);
    Some(DecodedJwt {
        header: Value::Object(header).to_string(),
        claims: Value::Object(claims).to_string(),
        alg,
        issuer,
        issued_at,
        expires_at,
        exp_in_millis,
        kind,
    })
}

fn object(part: &str) -> Option<Map<String, Value>> {
    let bytes = URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

fn number(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| {
        v.as_f64()
            .filter(|f| f.is_finite() && f.abs() < 9e15)
            .map(|f| f as i64)
    })
}

fn kind_of(
    alg: Option<&str>,
    claims: &Map<String, Value>,
    iss: Option<&str>,
    exp: Option<i64>,
) -> JwtKind {
    const SDK_CLAIMS: [&str; 8] = [
        "appKey",
        "sdkKey",
        "tpc",
        "mn",
        "role",
        "role_type",
        "tokenExp",
        "user_identity",
    ];
    if SDK_CLAIMS.iter().any(|c| claims.contains_key(*c)) {
        return JwtKind::ZoomSdk;
    }
    const JWT_APP_CLAIMS: [&str; 5] = ["iss", "exp", "iat", "aud", "nbf"];
    let only_app_claims = claims.keys().all(|k| JWT_APP_CLAIMS.contains(&k.as_str()));
    let key_like = iss.is_some_and(|i| {
        (10..=64).contains(&i.len())
            && i.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    if alg == Some("HS256") && key_like && exp.is_some() && only_app_claims {
        JwtKind::ZoomJwtApp
    } else {
        JwtKind::Other
    }
}

/// Builds an (unsigned-looking) token from header and claims JSON, for this crate's tests.
#[cfg(test)]
pub(crate) fn encode_for_tests(header: &str, claims: &str) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims),
        URL_SAFE_NO_PAD.encode("signature-bytes-not-checked")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

    #[test]
    fn a_zoom_jwt_app_token_decodes_with_issuer_and_expiry() {
        let t = encode_for_tests(
            HS256,
            r#"{"aud":null,"iss":"AbCdEfGhIjKlMnOpQrStUv","exp":1700000000,"iat":1690000000}"#,
        );
        let d = decode(&t).expect("decodes");
        assert_eq!(d.kind, JwtKind::ZoomJwtApp);
        assert_eq!(d.issuer.as_deref(), Some("AbCdEfGhIjKlMnOpQrStUv"));
        assert_eq!(
            (d.issued_at, d.expires_at, d.exp_in_millis),
            (Some(1_690_000_000), Some(1_700_000_000), false)
        );
        assert_eq!(d.expiry(1_800_000_000), Expiry::Expired);
    }

    #[test]
    fn exp_in_milliseconds_and_far_future_expiry_are_recognised() {
        let t = encode_for_tests(
            HS256,
            r#"{"iss":"AbCdEfGhIjKlMnOpQrStUv","exp":4102444800000}"#,
        );
        let d = decode(&t).expect("decodes");
        assert!(d.exp_in_millis);
        assert_eq!(d.expires_at, Some(4_102_444_800));
        assert_eq!(d.expiry(1_790_000_000), Expiry::NeverInPractice);
    }

    #[test]
    fn sdk_tokens_and_strangers_are_not_jwt_app_tokens() {
        let sdk = encode_for_tests(
            HS256,
            r#"{"appKey":"k","sdkKey":"k","mn":"123","role":0,"iat":1,"exp":2,"tokenExp":2}"#,
        );
        assert_eq!(decode(&sdk).map(|d| d.kind), Some(JwtKind::ZoomSdk));
        let other = encode_for_tests(r#"{"alg":"RS256"}"#, r#"{"sub":"x","exp":2}"#);
        assert_eq!(decode(&other).map(|d| d.kind), Some(JwtKind::Other));
        for junk in ["", "a.b", "a.b.c", "eyJ.eyJ.x", "a.b.c.d"] {
            assert!(decode(junk).is_none(), "{junk}");
        }
    }
}
