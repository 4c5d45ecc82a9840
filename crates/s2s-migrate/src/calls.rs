//! Which Zoom REST operations a project calls: full URLs under the API base
//! (`https://api.zoom.us/v2/users/me`), path literals under Zoom's top-level resources
//! (`'/users/' + id + '/meetings'`, f-strings, template literals), and a few SDK method names
//! where the mapping is obvious (`client.meetings.create(...)`). Each is looked up in the
//! scope catalog, so the plan can name the scopes the new S2S app needs.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use zoom_catalog::query::find_operation;
use zoom_catalog::{Catalog, OperationRef};

use crate::extract::{regex, split_lines};
use crate::text::Text;

/// How a call was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CallSource {
    /// A full `api.zoom.us/v2/...` URL.
    Url,
    /// A path literal under a Zoom resource.
    Path,
    /// An SDK method name.
    SdkMethod,
}

/// One API call found in code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ApiCall {
    /// File, relative to the scanned root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// `GET /users/{x}/meetings` as normalised for lookup.
    pub call: String,
    /// Whether the method was written next to the call (false: assumed).
    pub method_seen: bool,
    /// The catalog operation, when found.
    pub operation: Option<OperationRef>,
    /// URL, path or SDK method.
    pub source: CallSource,
}

const RESOURCES: &str = "users|meetings|webinars|report|accounts|roles|groups|past_meetings|past_webinars|metrics|recordings|contacts|rooms|tracking_fields|devices|archive_files|dashboard|sip_phones|h323|tsp|im";

/// Finds the calls in one file.
pub fn find_calls(catalog: &Catalog, file: &str, text: &Text) -> Vec<ApiCall> {
    static URL: OnceLock<Regex> = OnceLock::new();
    static PATH: OnceLock<Regex> = OnceLock::new();
    static SDK: OnceLock<Regex> = OnceLock::new();
    let url = regex(
        &URL,
        // Every API host real code uses (FACTS.md "API hosts seen in real code"): api.zoom.us,
        // today's regional clusters (api-us, api-eu, api-au, api-ca, api-in, api-sa, api-sg,
        // api-uk), the older eu01api-style names and their -www4local variants, a vanity
        // `{name}.zoom.us`, and Zoom for Government's api.zoomgov.com. Only the API lives under
        // `/v2` on these hosts, so any one-label subdomain of zoom.us with `/v2` is a call.
        r#"https?://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.zoom\.us|api\.zoomgov\.com)/v2(/[^\s"'`)\],;]*)(?:["'`]\s*\+\s*[\w.\[\]()]+(?:\s*\+\s*["'`]([^"'`\s]*)["'`])?)?"#,
    );
    let path = PATH.get_or_init(|| {
        Regex::new(&format!(
            r#"["'`](?:\$?\{{[\w.\[\]]*\}})?(?:/v2)?(/(?:{RESOURCES})(?:[/?][^"'`\s]*)?)["'`](?:\s*\+\s*[\w.\[\]()]+(?:\s*\+\s*["'`]([^"'`\s]*)["'`])?)?"#
        ))
        .expect("literal pattern compiles (tested)")
    });
    let sdk = regex(
        &SDK,
        r#"\.(users?|meetings?|webinars?)\.(list|get|create|update|delete)\s*\("#,
    );
    let lines = split_lines(text);
    let mentions_zoom = text.body.to_ascii_lowercase().contains("zoom");
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        // Full URLs first; their pieces are not read again as paths.
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for (re, source) in [(url, CallSource::Url), (path, CallSource::Path)] {
            if source == CallSource::Path && !mentions_zoom {
                continue;
            }
            for c in re.captures_iter(line) {
                let (Some(whole), Some(p)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                if taken.iter().any(|t| t.contains(&whole.start())) {
                    continue;
                }
                taken.push(whole.range());
                let normalised = normalise(&concatenated(
                    p.as_str(),
                    whole.as_str(),
                    c.get(2).map(|t| t.as_str()),
                ));
                out.push(lookup(catalog, file, i, &lines, &normalised, source));
            }
        }
        if mentions_zoom {
            for c in sdk.captures_iter(line) {
                let (Some(object), Some(method)) = (c.get(1), c.get(2)) else {
                    continue;
                };
                if let Some(call) = sdk_call(object.as_str(), method.as_str()) {
                    out.push(operation_call(
                        catalog,
                        file,
                        i,
                        call,
                        true,
                        CallSource::SdkMethod,
                    ));
                }
            }
        }
    }
    out
}

/// `'/users/' + id + '/meetings'`: the concatenated expression becomes one parameter segment.
fn concatenated(head: &str, whole: &str, tail: Option<&str>) -> String {
    let after_head = whole.split_once(head).map_or("", |(_, rest)| rest);
    if !after_head.contains('+') {
        return head.to_string();
    }
    format!("{head}{{x}}{}", tail.unwrap_or_default())
}

/// SDK method → operation, for the common Node and Python wrappers (users/meetings/webinars).
fn sdk_call(object: &str, method: &str) -> Option<&'static str> {
    let object = object.trim_end_matches('s');
    Some(match (object, method) {
        ("user", "list") => "GET /users",
        ("user", "get") => "GET /users/{userId}",
        ("user", "create") => "POST /users",
        ("user", "update") => "PATCH /users/{userId}",
        ("user", "delete") => "DELETE /users/{userId}",
        ("meeting", "list") => "GET /users/{userId}/meetings",
        ("meeting", "get") => "GET /meetings/{meetingId}",
        ("meeting", "create") => "POST /users/{userId}/meetings",
        ("meeting", "update") => "PATCH /meetings/{meetingId}",
        ("meeting", "delete") => "DELETE /meetings/{meetingId}",
        ("webinar", "list") => "GET /users/{userId}/webinars",
        ("webinar", "get") => "GET /webinars/{webinarId}",
        ("webinar", "create") => "POST /users/{userId}/webinars",
        _ => return None,
    })
}

/// Query and fragment dropped; interpolations (`${id}`, `{user_id}`, `%s`, `:id`, `<id>`) → `{x}`.
fn normalise(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let dynamic = s.contains(['$', '{', '}', '%', '<', '>', ':', '+']);
            if dynamic {
                "{x}".to_string()
            } else {
                s.to_string()
            }
        })
        .collect();
    format!("/{}", segments.join("/"))
}

/// The HTTP method written near line `i`: on the line, or in the next few (fetch options).
fn method_near(lines: &[&str], i: usize) -> Option<&'static str> {
    static METHOD: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &METHOD,
        r#"(?i)(?:\.|\b|["'])(get|post|put|patch|delete)(?:["'(]|\b)"#,
    );
    let candidates = std::iter::once(lines[i]).chain(
        lines
            .iter()
            .skip(i + 1)
            .take(3)
            .copied()
            .filter(|l| l.to_ascii_lowercase().contains("method")),
    );
    for line in candidates {
        if let Some(m) = re.captures(line).and_then(|c| c.get(1)) {
            return Some(match m.as_str().to_ascii_lowercase().as_str() {
                "post" => "POST",
                "put" => "PUT",
                "patch" => "PATCH",
                "delete" => "DELETE",
                _ => "GET",
            });
        }
    }
    None
}

fn lookup(
    catalog: &Catalog,
    file: &str,
    i: usize,
    lines: &[&str],
    path: &str,
    source: CallSource,
) -> ApiCall {
    match method_near(lines, i) {
        Some(method) => operation_call(catalog, file, i, &format!("{method} {path}"), true, source),
        None => {
            // No method written: GET when Zoom has it, else the only method the path has.
            let guess = ["GET", "POST", "PATCH", "PUT", "DELETE"]
                .iter()
                .map(|m| format!("{m} {path}"))
                .find(|q| find_operation(catalog, q).is_ok())
                .unwrap_or_else(|| format!("GET {path}"));
            operation_call(catalog, file, i, &guess, false, source)
        }
    }
}

fn operation_call(
    catalog: &Catalog,
    file: &str,
    i: usize,
    call: &str,
    method_seen: bool,
    source: CallSource,
) -> ApiCall {
    let operation = find_operation(catalog, call)
        .ok()
        .and_then(|f| catalog.operation(f.index))
        .map(|op| op.reference());
    ApiCall {
        file: file.to_string(),
        line: i + 1,
        call: call.to_string(),
        method_seen,
        operation,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zoom_catalog::catalog;

    fn calls(body: &str) -> Vec<(String, Option<String>)> {
        find_calls(catalog(), "x.js", &Text::new(body.into(), false))
            .into_iter()
            .map(|c| (c.call, c.operation.map(|o| o.operation_id)))
            .collect()
    }

    #[test]
    fn urls_paths_concatenations_and_sdk_methods_map_to_operations() {
        let body = r#"
// zoom client
await axios.get(`https://api.zoom.us/v2/users/${userId}/meetings?page_size=30`);
const r = await fetch(BASE + '/users/' + id + '/meetings', {
  method: 'POST',
});
requests.delete(f"{ZOOM}/meetings/{meeting_id}")
client.users.list();
"#;
        let found = calls(body);
        let expected = [
            ("GET /users/{x}/meetings", "meetings"),
            ("POST /users/{x}/meetings", "meetingCreate"),
            ("DELETE /meetings/{x}", "meetingDelete"),
            ("GET /users", "users"),
        ];
        for (call, op) in expected {
            assert!(
                found.contains(&(call.to_string(), Some(op.to_string()))),
                "{call} in {found:?}"
            );
        }
    }

    #[test]
    fn calls_on_every_zoom_api_host_are_found_and_token_urls_are_not_calls() {
        for host in [
            "api.zoom.us",
            "api-us.zoom.us",
            "api-eu.zoom.us",
            "api-au.zoom.us",
            "api-ca.zoom.us",
            "api-in.zoom.us",
            "api-sa.zoom.us",
            "api-sg.zoom.us",
            "api-uk.zoom.us",
            "acme.zoom.us",
            "eu01api.zoom.us",
            "sg01api.zoom.us",
            "sa01api.zoom.us",
            "eu01api-www4local.zoom.us",
            "api.zoomgov.com",
        ] {
            assert_eq!(
                calls(&format!("curl https://{host}/v2/users/me")).len(),
                1,
                "{host}"
            );
        }
        for not_api in [
            "https://zoom.us/oauth/token",
            "https://zoomgov.com/oauth/token",
            "https://api.zoomgov.us/v2/users/me",
            "https://api.zoom.us.example.com/v2/users/me",
            "https://api-eu.zoom.us.evil.example/v2/users/me",
            "https://zoom.us/v2/users/me",
        ] {
            assert!(calls(&format!("curl {not_api}")).is_empty(), "{not_api}");
        }
    }

    #[test]
    fn files_that_never_mention_zoom_only_count_full_zoom_urls() {
        assert!(calls("get('/users/me')").is_empty());
        assert_eq!(calls("curl https://api.zoom.us/v2/users/me").len(), 1);
    }
}
