//! The `endpoint.url_validation` challenge: Zoom sends a random `plainToken` and expects it back
//! with its HMAC, answered 200 within three seconds, before it saves an endpoint (and again
//! periodically).

use serde_json::{json, Value};

/// The event name of the challenge.
pub const EVENT: &str = "endpoint.url_validation";

/// The challenge's body, as Zoom sends it.
pub fn challenge(plain_token: &str, event_ts_ms: i64) -> Value {
    json!({
        "payload": {"plainToken": plain_token},
        "event_ts": event_ts_ms,
        "event": EVENT,
    })
}

/// `encryptedToken`: hex(HMAC-SHA256(secret token, plain token)).
pub fn encrypted_token(secret_token: &str, plain_token: &str) -> String {
    crate::hex(crate::hmac_sha256(secret_token, plain_token.as_bytes()).as_ref())
}

/// The answer a correct receiver gives.
pub fn answer(secret_token: &str, plain_token: &str) -> Value {
    json!({
        "plainToken": plain_token,
        "encryptedToken": encrypted_token(secret_token, plain_token),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encrypted_token_is_the_hmac_sha256_of_the_plain_token() {
        // Checked against `printf %s qgg8vlvZRS6UYooatFL8Aw | openssl dgst -sha256 -hmac secret`.
        assert_eq!(
            encrypted_token("secret", "qgg8vlvZRS6UYooatFL8Aw"),
            "72cef096bfd47c0b8664df30d07721641e4abd7e885ba432204260db477a9a3e"
        );
    }
}
