//! Zoom's `/v2` routes, as its API reference lists them, dispatched by one axum handler: users,
//! roles, meetings, and the Marketplace app and its secret rotation. Each route's function takes
//! plain arguments (the simulator, path parameters, headers, the parsed query or body), so the
//! extraction is written once here instead of being generated per route by axum's handler glue
//! (about 9 KB of the app's binary apiece; docs/performance.md). Every other operation Zoom
//! documents is answered from its documentation (`documented`); a path it has none for gets
//! Zoom's 2300. tests/contract.rs validates every answer against Zoom's schemas.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use serde::de::DeserializeOwned;

use crate::api::{self, Paging};
use crate::state::Sim;
use crate::wire::api_error;
use crate::{marketplace, meetings};

pub async fn v2(
    State(sim): State<Sim>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // Zoom tolerates a trailing slash (and an empty segment): `/users/me/` is `/users/me`.
    let path = segments(uri.path().trim_start_matches("/v2/"));
    let path: Vec<&str> = path
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    let (sim, headers) = (&sim, &headers);
    let paging = || query::<Paging>(uri.query());
    match (&method, path.as_slice()) {
        (&Method::GET, ["users"]) => match paging() {
            Ok(paging) => api::list_users(sim, paging, headers).await,
            Err(refusal) => refusal,
        },
        (&Method::GET, ["users", user_id]) => api::get_user(sim, user_id, headers).await,
        (&Method::GET, ["users", user_id, "permissions"]) => {
            api::user_permissions(sim, user_id, headers).await
        }
        (&Method::GET, ["roles"]) => api::list_roles(sim, headers).await,
        (&Method::GET, ["roles", role_id]) => api::get_role(sim, role_id, headers).await,
        (&Method::GET, ["users", user_id, "meetings"]) => match paging() {
            Ok(paging) => meetings::list(sim, user_id, paging, headers).await,
            Err(refusal) => refusal,
        },
        (&Method::POST, ["users", user_id, "meetings"]) => match json_body(headers, &body) {
            Ok(asked) => meetings::create(sim, user_id, headers, asked).await,
            Err(refusal) => refusal,
        },
        (&Method::GET, ["meetings", meeting_id]) => meetings::get(sim, meeting_id, headers).await,
        (&Method::PATCH, ["meetings", meeting_id]) => match json_body(headers, &body) {
            Ok(changes) => meetings::update(sim, meeting_id, headers, changes).await,
            Err(refusal) => refusal,
        },
        (&Method::DELETE, ["meetings", meeting_id]) => {
            meetings::delete(sim, meeting_id, headers).await
        }
        (&Method::GET, ["marketplace", "apps", app_id]) => {
            marketplace::get_app(sim, app_id, headers)
        }
        (&Method::POST, ["marketplace", "apps", app_id, "rotate_client_secret"]) => {
            // Any body that is not the documented object is Zoom's "not a valid JSON object".
            let body = json_body::<marketplace::RotateBody>(headers, &body)
                .ok()
                .flatten();
            marketplace::rotate_client_secret(sim, app_id, headers, body)
        }
        // Every other operation Zoom documents, answered from its documentation.
        _ => crate::documented::answer::shaped(sim, method.as_str(), &path, headers).await,
    }
}

/// A path's segments, percent-decoded (an email as a user ID arrives as `%40`).
pub(crate) fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .map(|segment| {
            percent_encoding::percent_decode_str(segment)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect()
}

/// The query string as `T`, or Zoom's 300 error naming what is wrong.
fn query<T: DeserializeOwned>(query: Option<&str>) -> Result<T, Response> {
    serde_urlencoded::from_str(query.unwrap_or_default()).map_err(|e| {
        api_error(
            StatusCode::BAD_REQUEST,
            300,
            &format!("Invalid query parameter: {e}."),
        )
    })
}

/// A JSON body as `T`; none when the request sent no JSON (no body, or another content type).
fn json_body<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<Option<T>, Response> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !is_json || body.is_empty() {
        return Ok(None);
    }
    serde_json::from_slice(body).map(Some).map_err(|_| {
        api_error(
            StatusCode::BAD_REQUEST,
            300,
            "Request Body should be a valid JSON object.",
        )
    })
}
