//! Entry points for the fuzz targets in `fuzz/` (compiled only with `--cfg fuzzing`): each
//! feeds untrusted bytes to one parser the way S2S Desk receives them — a profiles file, Zoom's
//! token and API answers, a webhook receiver's answer, scope strings, the preferences file,
//! text bound for a terminal — and checks what must hold for every input, beyond not panicking.
#![allow(clippy::panic, clippy::unwrap_used, missing_docs)]

use std::collections::BTreeMap;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};

use crate::cloud::{Cloud, Endpoint};
use crate::display;
use crate::http::ResponseParts;
use crate::secret::Secret;

/// A secret the inputs may quote back (the corpus holds it): it must never come out.
const SECRET: &str = "fuzzClientSecretNeverShown000001";

/// `data` as an answer: the first byte picks the status, the first line (after it) is every
/// rate-limit header's value, the rest is the body.
fn answer(data: &[u8]) -> Option<ResponseParts> {
    const STATUSES: [u16; 10] = [200, 201, 204, 400, 401, 403, 404, 429, 500, 503];
    let (first, rest) = data.split_first()?;
    let text = std::str::from_utf8(rest).ok()?;
    let (header, body) = text.split_once('\n').unwrap_or(("", text));
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(header) {
        for name in [
            "retry-after",
            "x-ratelimit-category",
            "x-ratelimit-type",
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
        ] {
            headers.insert(name, value.clone());
        }
    }
    Some(ResponseParts {
        status: STATUSES[usize::from(*first) % STATUSES.len()],
        headers,
        body: body.to_string(),
    })
}

/// Whether any text in `value` holds [`SECRET`] (judged on the strings themselves: in JSON
/// text, a form feed before "uzz…" would read as `\fuzz…`).
fn holds_secret(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(s) => s.contains(SECRET),
        serde_json::Value::Array(items) => items.iter().any(holds_secret),
        serde_json::Value::Object(map) => map.values().any(holds_secret),
        _ => false,
    }
}

/// The profiles file: whatever parses can be judged and shown.
pub fn profiles_file(data: &[u8]) {
    if let Ok(book) = crate::profiles::file::parse(data) {
        for profile in book.profiles() {
            let _ = crate::profiles::health::health(profile, 1_800_000_000);
            let _ = crate::profiles::rotation::summary(profile.rotation.as_ref(), true);
        }
    }
}

/// The token endpoint's answer: an error never repeats the secret; a token's API URL is always
/// one of the cloud's hosts.
pub fn token_response(data: &[u8]) {
    let Some(parts) = answer(data) else { return };
    let endpoint = Endpoint::cloud(Cloud::Commercial);
    match crate::token::interpret(parts, &endpoint, Duration::from_millis(3), &[SECRET]) {
        Ok(token) => {
            let (summary, _) = token.into_summary();
            assert!(
                endpoint.check_api_url(&summary.api_url).is_ok(),
                "{}",
                summary.api_url
            );
        }
        Err(e) => {
            for said in [e.to_string(), e.advice()] {
                assert!(!said.contains(SECRET), "the secret came out: {said}");
            }
        }
    }
}

/// An API answer, read by the probe and by Try a call: the token never comes out.
pub fn api_response(data: &[u8]) {
    let Some(parts) = answer(data) else { return };
    let token = Secret::new(SECRET);
    let outcome = crate::probe::interpret(&parts, &token);
    let shown = serde_json::to_value(&outcome).unwrap();
    assert!(!holds_secret(&shown), "the token came out: {shown}");
    let zoom = crate::error::ZoomBody::parse(&parts.body, &[SECRET]);
    let _ = zoom.missing_scopes();
    let explained = crate::api_call::explain(parts.status, zoom, Default::default());
    assert!(!explained.contains(SECRET), "{explained}");
}

/// A webhook receiver's answer to each check.
pub fn receiver_answer(data: &[u8]) {
    let Some(parts) = answer(data) else { return };
    let location = parts
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok());
    for check in crate::webhook::judge_any(parts.status, &parts.body, location) {
        assert!(!check.message.is_empty());
    }
}

/// Scope strings, as Zoom sends them in a token and as an admin types them.
pub fn scopes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scopes = crate::scopes::Scope::parse_list(text);
    let _ = crate::scopes::group_by_product(&scopes);
    let names = crate::catalog::scope::ScopeName::list(text);
    assert_eq!(names.len(), scopes.len(), "one name per scope");
    // The same text as calls to cover ("GET /users/{userId}", a URL, an operationId).
    let calls: Vec<&str> = text.lines().take(8).collect();
    let _ = crate::catalog::coverage::check_coverage(crate::catalog::catalog(), &names, &calls);
}

/// The preferences file: whatever is read is usable, and never keeps a proxy password.
pub fn preferences(data: &[u8]) {
    let Ok(entries) = serde_json::from_slice::<BTreeMap<String, serde_json::Value>>(data) else {
        return;
    };
    let (read, _unreadable) = crate::preferences::Preferences::from_entries(&entries);
    if let Ok(url) = url::Url::parse(read.proxy_url.trim()) {
        assert!(
            url.username().is_empty() && url.password().is_none(),
            "kept {}",
            read.proxy_url
        );
    }
    let _ = read.validate();
}

/// Text bound for a terminal: made inert, it holds nothing a terminal obeys; JSON stays JSON.
pub fn terminal_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let active = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    assert!(!display::inert(&text).chars().any(active));
    let lines = display::inert_lines(&text);
    assert!(!lines.chars().any(|c| c != '\n' && active(c)));
    assert_eq!(lines.matches('\n').count(), text.matches('\n').count());
    let json = serde_json::json!({ "m": text }).to_string();
    let safe = display::inert_json(&json);
    assert!(!safe.chars().any(|c| c != '\n' && c != '\r' && active(c)));
    let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
    assert_eq!(back["m"].as_str(), Some(&*text));
    let word = display::shell_word(&text);
    assert!(
        word == *text || (word.starts_with('\'') && word.ends_with('\'')),
        "{word}"
    );
}
