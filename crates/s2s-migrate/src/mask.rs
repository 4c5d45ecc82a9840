//! How a found value is shown: enough to recognise it, never enough to use it.

/// `abcd…yz (22 chars)`; short values are fully hidden. Secrets show less than keys.
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
    use super::mask;

    #[test]
    fn masks_keep_little_and_secrets_less() {
        assert_eq!(mask("AbCdEfGhIjKlMnOpQrSt", false), "AbCd…St (20 chars)");
        assert_eq!(mask("AbCdEfGhIjKlMnOpQrSt", true), "Ab… (20 chars)");
        assert_eq!(mask("short", false), "•••• (5 chars)");
        assert_eq!(mask("ééééééééééééé", true), "éé… (13 chars)");
    }
}
