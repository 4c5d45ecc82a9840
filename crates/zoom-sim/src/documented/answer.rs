//! The answer to an operation the simulator keeps no state for: Zoom's documented success
//! status, with a body that fits the documented schema, behind the same faults, token, scope
//! and budget checks as every stateful route.

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::{fill, synth, Operation};
use crate::api::{fault_answer, guarded, is_own, needs_of};
use crate::state::Sim;
use crate::wire::api_error;

/// Zoom's documented error `code` for `op`, its placeholders filled from `params` (a 404 with
/// the code alone where the operation's documentation does not list it).
pub fn documented_error(op: &Operation, params: &[(String, String)], code: i64) -> Response {
    match op.error(code, params) {
        Some((status, code, message)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::NOT_FOUND);
            (
                status,
                Json(serde_json::json!({"code": code, "message": message})),
            )
                .into_response()
        }
        None => api_error(StatusCode::NOT_FOUND, code, "Resource does not exist."),
    }
}

/// Where a documented download redirects to: the simulator's file host (server.rs), which
/// answers every file with a short text, as no recording exists to send.
pub const DOWNLOAD_HOST: &str = "/rec/download/file";

/// `op`, called with the path parameters `params`, answered from its documentation alone.
///
/// A path a documented `DELETE` removed answers the operation's documented "does not exist"
/// (see [`gone`]; the router buries what a `DELETE` removes).
pub async fn shaped(
    sim: &Sim,
    op: &Operation,
    path: &[&str],
    params: &[(String, String)],
    headers: &HeaderMap,
) -> Response {
    if let Some(r) = fault_answer(sim, headers).await {
        return r;
    }
    // The token owner's own data needs only user-level scopes: a path naming "me" or the
    // owner, or an operation Zoom authorizes with user-level scopes alone.
    let own = params.iter().any(|(_, value)| is_own(sim, headers, value)) || !needs_admin_level(op);
    guarded(sim, headers, needs_of(op), own, |_, world| {
        let (status, body) = success_parts(op);
        if status.is_success() {
            let path: Vec<String> = path.iter().map(|s| (*s).to_string()).collect();
            // A create whose answer names an id that was deleted before brings it back (the
            // router buries what a DELETE removes).
            if op.method == "POST" {
                world.unbury_created(&path, &body);
            }
        }
        respond(status, body)
    })
}

/// The answer to `op` on `path` if a documented `DELETE` removed it (or what it is under): the
/// operation's documented error that says something does not exist or was not found (a 404
/// first), else its documented 404; `None` when it documents neither (its documentation gives
/// no way to say so), or nothing was deleted there.
pub fn gone(
    sim: &Sim,
    op: &Operation,
    path: &[&str],
    params: &[(String, String)],
) -> Option<Response> {
    if !sim.world().is_buried(path) {
        return None;
    }
    let says_missing = |message: &str| {
        let message = message.to_ascii_lowercase();
        ["not exist", "not found", "does not belong", "there is no"]
            .iter()
            .any(|words| message.contains(words))
    };
    let row = op
        .errors
        .iter()
        .find(|e| e.status == 404 && says_missing(&e.message) && !e.from_text_alone())
        .or_else(|| op.errors.iter().find(|e| says_missing(&e.message)))
        .or_else(|| op.errors.iter().find(|e| e.status == 404))?;
    let status = StatusCode::from_u16(row.status).unwrap_or(StatusCode::NOT_FOUND);
    let body = serde_json::json!({"code": row.code, "message": fill(&row.message, params)});
    Some((status, Json(body)).into_response())
}

/// Whether any scope that authorizes `op` is admin level (else its user-level scopes do).
fn needs_admin_level(op: &Operation) -> bool {
    let catalog = zoom_catalog::catalog();
    catalog
        .operation_at(&op.method, &op.path)
        .and_then(|i| catalog.operation(i))
        .is_some_and(|o| {
            o.classic_scopes
                .iter()
                .chain(&o.granular_scopes)
                .any(|s| zoom_catalog::Scope::parse(s).level != zoom_catalog::Level::User)
        })
}

/// The documented success: its status, and a body that fits its schema (none when it has none).
pub fn success(op: &Operation) -> Response {
    let (status, body) = success_parts(op);
    respond(status, body)
}

/// The documented success status, and a body that fits its schema (`Null`: no body).
fn success_parts(op: &Operation) -> (StatusCode, serde_json::Value) {
    let status = op
        .success
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    if status.is_redirection() || op.schema.is_null() {
        return (status, serde_json::Value::Null);
    }
    (status, synth::value(&op.schema))
}

fn respond(status: StatusCode, body: serde_json::Value) -> Response {
    if status.is_redirection() {
        // Zoom redirects a download to its file host; the simulator's stands in for it.
        return (status, [(header::LOCATION, DOWNLOAD_HOST)]).into_response();
    }
    if body.is_null() {
        return status.into_response();
    }
    (status, Json(body)).into_response()
}
