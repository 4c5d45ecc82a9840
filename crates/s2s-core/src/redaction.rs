//! Taking secrets out of what a server answered before anything is shown, logged or recorded:
//! the secret in every form it can come back in, access tokens and JWT-shaped strings, and a
//! length cap. Used by every reader of an answer (token, probe, Try a call, rate-limit headers).

/// The most of an answer kept in a report (bytes).
pub(crate) const RAW_BODY_CAP: usize = 2048;

/// Every form in which a client secret can come back in an answer: as is, JSON-escaped,
/// percent-encoded, and inside the Basic credentials (`base64(id:secret)`, with or without
/// `Basic `). A server that echoes the request must not put any of them into a report.
pub fn secret_forms(client_id: &str, secret: &str) -> zeroize::Zeroizing<Vec<String>> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let json = serde_json::to_string(secret).unwrap_or_default();
    let basic = b64.encode(format!("{client_id}:{secret}"));
    let mut forms = vec![
        secret.to_string(),
        json.trim_matches('"').to_string(),
        url::form_urlencoded::byte_serialize(secret.as_bytes()).collect::<String>(),
        format!("Basic {basic}"),
        basic.trim_end_matches('=').to_string(),
        b64.encode(secret).trim_end_matches('=').to_string(),
    ];
    // Longest first, so a form that contains another is removed whole.
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    zeroize::Zeroizing::new(forms)
}

/// Removes the given secrets, access-token values and JWT-shaped strings, and caps the length.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(s, "[redacted]");
    }
    let words: Vec<String> = out
        .split_inclusive(|c: char| c == '"' || c == '\'' || c.is_whitespace())
        .map(|w| {
            let core = w.trim_end_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
            if crate::creds::looks_like_jwt(core) {
                w.replacen(core, "[redacted-token]", 1)
            } else {
                w.to_string()
            }
        })
        .collect();
    out = words.concat();
    if let Some(range) = json_string_value_range(&out, "access_token") {
        // Any access_token value, JWT-shaped or not.
        out.replace_range(range, "[redacted]");
    }
    if out.len() > RAW_BODY_CAP {
        let mut cut = RAW_BODY_CAP;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// The byte range of the string value of `"key": "…"` in JSON-ish text.
fn json_string_value_range(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let key_at = text.find(&format!("\"{key}\""))?;
    let after_key = key_at + key.len() + 2;
    let rest = text[after_key..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let start = text.len() - rest.len();
    let len = rest.find('"')?;
    Some(start..start + len)
}
