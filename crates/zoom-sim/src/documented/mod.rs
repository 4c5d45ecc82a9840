//! Every operation Zoom documents (data/zoom-openapi, packed by build.rs): its product, method,
//! path, operationId, success status and body schema, and the error rows its documentation
//! lists. The router answers the operations it has no stateful handler for from here: the
//! documented success status with a body built from the schema ([`synth`]), after the same token,
//! scope and budget checks as every other route.

pub mod answer;
pub mod corrections;
pub mod synth;

use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/operations.json.deflate"));

/// One documented operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The API-hub product (`users`, `meetings`, …).
    pub product: String,
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: String,
    /// The path template, e.g. `/webinars/{webinarId}`.
    pub path: String,
    /// Zoom's operationId (the scope catalog's key).
    pub operation_id: String,
    /// The first 2xx status documented (else the first 3xx: a download's redirect); none when
    /// Zoom documents no success at all.
    pub success: Option<u16>,
    /// That response's body schema (OpenAPI 3.0); `Null` when it has no body.
    pub schema: Value,
    /// The errors Zoom documents for it.
    pub errors: Vec<DocumentedError>,
}

/// One documented error row: `{"code", "message"}` with an HTTP status.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentedError {
    /// HTTP status.
    pub status: u16,
    /// Zoom's code: a number, or a string for Zoom's few `1002_006`-style codes.
    pub code: Value,
    /// The message, with Zoom's placeholders (`{meetingId}`, `$userId`) kept.
    pub message: String,
}

#[derive(Deserialize)]
struct Packed(
    String,
    String,
    String,
    String,
    Option<u16>,
    Value,
    Vec<(Value, Value, Value)>,
);

/// Every documented operation, parsed on first use (the data is compiled in; a test loads it).
pub fn operations() -> &'static [Operation] {
    static OPERATIONS: OnceLock<Vec<Operation>> = OnceLock::new();
    OPERATIONS.get_or_init(|| {
        let parsed = miniz_oxide::inflate::decompress_to_vec(PACKED)
            .ok()
            .and_then(|json| serde_json::from_slice::<Vec<Packed>>(&json).ok())
            .unwrap_or_default();
        parsed
            .into_iter()
            .map(
                |Packed(product, method, path, operation_id, success, schema, errors)| Operation {
                    product,
                    method,
                    path,
                    operation_id,
                    success,
                    schema,
                    errors: errors
                        .into_iter()
                        .filter_map(|(status, code, message)| {
                            Some(DocumentedError {
                                status: u16::try_from(status.as_u64()?).ok()?,
                                code,
                                message: message.as_str()?.to_string(),
                            })
                        })
                        .collect(),
                },
            )
            .collect()
    })
}

/// The operation `method` `segments` names, with its path parameters (name, value), if Zoom
/// documents one. Where two templates match, the one with more literal segments wins
/// (`/users/summary` over `/users/{userId}`), as a router would.
pub fn find(
    method: &str,
    segments: &[&str],
) -> Option<(&'static Operation, Vec<(String, String)>)> {
    operations()
        .iter()
        .filter(|op| op.method == method)
        .filter_map(|op| {
            let params = matches(&op.path, segments)?;
            let literal = segments.len() - params.len();
            Some((literal, op, params))
        })
        .max_by_key(|(literal, ..)| *literal)
        .map(|(_, op, params)| (op, params))
}

/// The operation documented as `method` `template` (the endpoints variant, not the master
/// account's `/accounts/{accountId}/…` copy).
pub fn operation(method: &str, template: &str) -> Option<&'static Operation> {
    operations()
        .iter()
        .find(|op| op.method == method && op.path == template)
}

/// The path parameters when `template` matches `segments`.
fn matches(template: &str, segments: &[&str]) -> Option<Vec<(String, String)>> {
    let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut params = Vec::new();
    for (part, segment) in parts.iter().zip(segments) {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => {
                if segment.is_empty() {
                    return None;
                }
                params.push((name.to_string(), (*segment).to_string()));
            }
            None if part == segment => {}
            None => return None,
        }
    }
    Some(params)
}

impl DocumentedError {
    /// A row built from a 404's description alone (build.rs): Zoom documents its words but no
    /// code, so the status stands in for one.
    pub fn from_text_alone(&self) -> bool {
        self.status == 404 && self.code == 404
    }
}

impl Operation {
    /// The documented error with `code`, its placeholders filled from `params`.
    pub fn error(&self, code: i64, params: &[(String, String)]) -> Option<(u16, Value, String)> {
        let row = self.errors.iter().find(|e| e.code.as_i64() == Some(code))?;
        Some((row.status, row.code.clone(), fill(&row.message, params)))
    }
}

/// A documented message with its placeholders (`{meetingId}`, `$userId`) filled from `params`.
pub(crate) fn fill(message: &str, params: &[(String, String)]) -> String {
    let mut message = message.to_string();
    for (name, value) in params {
        message = message
            .replace(&format!("{{{name}}}"), value)
            .replace(&format!("${name}"), value);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_zoom_documents_is_here() {
        let ops = operations();
        assert_eq!(ops.len(), 2550, "the same operations as the scope catalog");
        let catalog = zoom_catalog::catalog();
        for op in ops {
            assert!(
                catalog.operation_by_id(&op.operation_id).is_some(),
                "{} {} ({}) is not in the scope catalog",
                op.method,
                op.path,
                op.operation_id
            );
        }
    }

    #[test]
    fn every_stateful_operation_is_a_documented_one() {
        let stateful = crate::stateful_operations();
        assert!(stateful.len() >= 40, "{}", stateful.len());
        for (method, template) in crate::routes::OWN_HANDLERS {
            assert!(operation(method, template).is_some(), "{method} {template}");
        }
    }

    #[test]
    fn a_literal_segment_wins_over_a_parameter() {
        let (op, params) = find("GET", &["users", "summary"]).expect("found");
        assert_eq!(op.path, "/users/summary");
        assert!(params.is_empty());
        let (op, params) = find("GET", &["webinars", "123"]).expect("found");
        assert_eq!(op.path, "/webinars/{webinarId}");
        assert_eq!(params, [("webinarId".to_string(), "123".to_string())]);
        assert!(find("GET", &["no", "such", "thing"]).is_none());
    }

    #[test]
    fn a_documented_error_names_what_it_is_about() {
        let (op, params) = find("GET", &["meetings", "42"]).expect("found");
        let (status, code, message) = op.error(3001, &params).expect("documented");
        assert_eq!((status, code), (404, Value::from(3001)));
        assert!(message.contains("42"), "{message}");
    }
}
