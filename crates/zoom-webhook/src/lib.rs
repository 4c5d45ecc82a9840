//! Zoom's webhook protocol, as Zoom's sender speaks it (FACTS.md "Webhooks";
//! https://developers.zoom.us/docs/api/webhooks/):
//!
//! - [`url_validation`]: the `endpoint.url_validation` challenge and the answer Zoom expects,
//!   `{plainToken, encryptedToken = hex(HMAC-SHA256(secret token, plainToken))}`.
//! - [`signature`]: `x-zm-signature: v0=hex(HMAC-SHA256(secret token, "v0:{timestamp}:{body}"))`
//!   and its check, in constant time, with a freshness window against replays.
//! - [`events`]: realistic sample events, in the shape of Zoom's documentation.
//!
//! The receiver test (s2s-core) and the simulator's sender (zoom-sim) both use this crate, so the
//! two can never disagree on what a correct signature is.

pub mod events;
pub mod signature;
pub mod url_validation;

/// Header carrying the Unix time (seconds) the event was signed at.
pub const TIMESTAMP_HEADER: &str = "x-zm-request-timestamp";
/// Header carrying `v0=` and the hex HMAC of the signed message.
pub const SIGNATURE_HEADER: &str = "x-zm-signature";
/// The user agent Zoom's webhook sender announces.
pub const USER_AGENT: &str = "Zoom Marketplace/1.0a";

/// Lower-case hex, as Zoom writes HMACs.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0xf)]])
        .map(char::from)
        .collect()
}

fn hmac_sha256(key: &str, message: &[u8]) -> ring::hmac::Tag {
    ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.as_bytes()),
        message,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_is_lower_case_and_two_digits_per_byte() {
        assert_eq!(super::hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }
}
