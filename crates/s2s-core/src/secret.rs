//! `Secret`: a string that must never be printed, logged, serialized or left in memory.
//!
//! It has a redacting `Debug`, no `Display` and no `Serialize`, so a leak is a compile error
//! rather than a bug found in a log. The bytes are zeroed when it is dropped. It can be
//! *deserialized* (a secret the window sends in, typed as a plain string in the bindings): input
//! only, so a request carries it as a `Secret` all the way down.

use zeroize::Zeroizing;

/// A client secret or an access token. Read it only with [`Secret::expose`], at the point of use.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type), specta(type = String))]
pub struct Secret(Zeroizing<String>);

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Into a zeroizing string at once: the deserializer's own buffer is its caller's.
        String::deserialize(d).map(Secret::new)
    }
}

impl Secret {
    /// Wraps a value; the caller's copy should be dropped right after.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The plain value, for the one place that must send it (an HTTP header).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A preview safe to show ([`mask`]).
    pub fn masked(&self) -> String {
        mask(&self.0, true)
    }

    /// Without the spaces and line breaks a copy-paste leaves around it: they are never part
    /// of a Zoom credential.
    pub fn trimmed(&self) -> Secret {
        Secret::new(self.0.trim())
    }

    /// Length in characters, for validation messages that must not show the value.
    pub fn char_len(&self) -> usize {
        self.0.chars().count()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The one masking rule, for every value S2S Desk shows but must not give away (secrets, API
/// keys, tokens found in a project): `abcd…yz (22 chars)`, enough to recognise it, never enough
/// to use it. Secrets show less than keys; short values are fully hidden.
pub fn mask(value: &str, secret: bool) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    let (head, tail) = if secret { (2, 0) } else { (4, 2) };
    if n <= head + tail + 4 {
        return format!("•••• ({n} chars)");
    }
    let start: String = chars[..head].iter().collect();
    let end: String = chars[n - tail..].iter().collect();
    format!("{start}…{end} ({n} chars)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new("hunter2-super-secret-value");
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
    }

    #[test]
    fn masks_keep_little_and_secrets_less() {
        assert_eq!(mask("AbCdEfGhIjKlMnOpQrSt", false), "AbCd…St (20 chars)");
        assert_eq!(mask("AbCdEfGhIjKlMnOpQrSt", true), "Ab… (20 chars)");
        assert_eq!(Secret::new("short").masked(), "•••• (5 chars)");
        assert_eq!(mask("ééééééééééééé", true), "éé… (13 chars)");
    }
}
