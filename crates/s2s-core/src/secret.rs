//! `Secret`: a string that must never be printed, logged, serialized or left in memory.
//!
//! It has a redacting `Debug`, no `Display` and no `Serialize`, so a leak is a compile error
//! rather than a bug found in a log. The bytes are zeroed when it is dropped.

use zeroize::Zeroizing;

/// A client secret or an access token. Read it only with [`Secret::expose`], at the point of use.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a value; the caller's copy should be dropped right after.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The plain value, for the one place that must send it (an HTTP header).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A preview safe to show: the last four characters, the rest masked.
    pub fn masked(&self) -> String {
        mask(&self.0)
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

/// Masks all but the last four characters; values of eight characters or fewer are fully masked,
/// since four characters of a short value give too much away.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 8 {
        return "•".repeat(chars.len().max(4));
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{}{}", "•".repeat(8), tail)
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
    fn masked_shows_only_the_last_four_characters() {
        assert_eq!(Secret::new("abcdefghijkl").masked(), "••••••••ijkl");
        assert_eq!(Secret::new("short").masked(), "•••••");
        assert_eq!(mask(""), "••••");
    }
}
