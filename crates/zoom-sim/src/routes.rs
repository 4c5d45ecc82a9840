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
use crate::{collections, documented, history, marketplace, meetings, people};

/// The operations answered by their own handler below (the `match` in [`v2`]), for the
/// contract report's count of stateful operations.
pub(crate) const OWN_HANDLERS: [(&str, &str); 15] = [
    ("GET", "/users"),
    ("GET", "/users/{userId}"),
    ("GET", "/users/{userId}/permissions"),
    ("GET", "/roles"),
    ("GET", "/roles/{roleId}"),
    ("GET", "/users/{userId}/meetings"),
    ("POST", "/users/{userId}/meetings"),
    ("GET", "/meetings/{meetingId}"),
    ("PATCH", "/meetings/{meetingId}"),
    ("DELETE", "/meetings/{meetingId}"),
    ("GET", "/marketplace/apps"),
    ("POST", "/marketplace/apps"),
    ("GET", "/marketplace/apps/{appId}"),
    ("DELETE", "/marketplace/apps/{appId}"),
    ("POST", "/marketplace/apps/{appId}/rotate_client_secret"),
];

/// Every `/v2` call: answered, then counted for the app whose token made it (Zoom's own usage
/// figures, which `GET /marketplace/apps` reports).
pub async fn v2(
    State(sim): State<Sim>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let answer = dispatch(&sim, method, &uri, &headers, body).await;
    if let Some(token) = crate::wire::bearer(&headers) {
        sim.world().count_call(
            token,
            answer.status().is_client_error() || answer.status().is_server_error(),
        );
    }
    answer
}

async fn dispatch(
    sim: &Sim,
    method: Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Bytes,
) -> Response {
    // Zoom tolerates a trailing slash (and an empty segment): `/users/me/` is `/users/me`.
    let path = segments(uri.path().trim_start_matches("/v2/"));
    let path: Vec<&str> = path
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    // The documented operation first, so a literal path (`/users/summary`) is never taken for
    // a parameter (`/users/{userId}`), exactly as Zoom's reference resolves it.
    let Some((op, params)) = documented::find(method.as_str(), &path) else {
        return crate::wire::not_recognized();
    };
    // An access token is accepted only in the Authorization header since 2023-02-14
    // (developers.zoom.us/blog/access-token-change-faq; FACTS.md gives the message's tail only:
    // "...this access token is not supported as query parameter string").
    if crate::wire::bearer(headers).is_none() && token_in_query(uri.query()) {
        return crate::wire::api_error(
            StatusCode::UNAUTHORIZED,
            124,
            "Invalid access token, this access token is not supported as query parameter string.",
        );
    }
    // A shape-only object a documented DELETE removed stays removed (after the token check,
    // as every answer).
    if let Some(gone) = documented::answer::gone(sim, op, &path, &params) {
        return api::guarded(sim, headers, api::needs_of(op), true, |_, _| gone);
    }
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let paging = || query::<Paging>(uri.query());
    let answer = match (op.method.as_str(), op.path.as_str()) {
        ("GET", "/users") => match paging() {
            Ok(paging) => api::list_users(sim, paging, headers).await,
            Err(refusal) => refusal,
        },
        ("GET", "/users/{userId}") => api::get_user(sim, param("userId"), headers).await,
        ("GET", "/users/{userId}/permissions") => {
            api::user_permissions(sim, param("userId"), headers).await
        }
        ("GET", "/roles") => api::list_roles(sim, headers).await,
        ("GET", "/roles/{roleId}") => api::get_role(sim, param("roleId"), headers).await,
        ("GET", "/users/{userId}/meetings") => match paging() {
            Ok(paging) => meetings::list(sim, param("userId"), paging, headers).await,
            Err(refusal) => refusal,
        },
        ("POST", "/users/{userId}/meetings") => match json_body(headers, &body) {
            Ok(asked) => meetings::create(sim, param("userId"), headers, asked).await,
            Err(refusal) => refusal,
        },
        ("GET", "/meetings/{meetingId}") => meetings::get(sim, param("meetingId"), headers).await,
        ("PATCH", "/meetings/{meetingId}") => match json_body(headers, &body) {
            Ok(changes) => meetings::update(sim, param("meetingId"), headers, changes).await,
            Err(refusal) => refusal,
        },
        ("DELETE", "/meetings/{meetingId}") => {
            meetings::delete(sim, param("meetingId"), headers).await
        }
        ("GET", "/marketplace/apps") => marketplace::list_apps(sim, op, headers),
        ("POST", "/marketplace/apps") => match json_body(headers, &body) {
            Ok(asked) => marketplace::create_app(sim, op, headers, asked),
            Err(refusal) => refusal,
        },
        ("GET", "/marketplace/apps/{appId}") => marketplace::get_app(sim, param("appId"), headers),
        ("DELETE", "/marketplace/apps/{appId}") => {
            marketplace::delete_app(sim, op, param("appId"), headers)
        }
        ("POST", "/marketplace/apps/{appId}/rotate_client_secret") => {
            // Any body that is not the documented object is Zoom's "not a valid JSON object".
            let body = json_body::<marketplace::RotateBody>(headers, &body)
                .ok()
                .flatten();
            marketplace::rotate_client_secret(sim, param("appId"), headers, body)
        }
        // A meeting's past and future, who is in the account, the objects integrations keep
        // (webinars, registrants, groups, settings); then every other operation Zoom
        // documents, answered from its documentation.
        _ => by_family(sim, op, &params, &path, uri, headers, &body).await,
    };
    // What a documented DELETE removed is gone, and so is everything under it (an app's call
    // logs, a webinar's polls), even where only its shape is simulated.
    if op.method == "DELETE" && answer.status().is_success() {
        sim.world()
            .bury(path.iter().map(|s| (*s).to_string()).collect());
    }
    answer
}

/// The operations answered by a module of their family (each answers only its own), else from
/// the documentation alone.
async fn by_family(
    sim: &Sim,
    op: &documented::Operation,
    params: &[(String, String)],
    path: &[&str],
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let asked = match json_body(headers, body) {
        Ok(asked) => asked,
        Err(refusal) => return refusal,
    };
    let paging = match query::<Paging>(uri.query()) {
        Ok(paging) => paging,
        Err(refusal) => return refusal,
    };
    if let Some(answer) = history::answer(sim, op, params, headers, &paging).await {
        return answer;
    }
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    if let Some(answer) = people::answer(sim, op, params, &query, headers, asked.as_ref()).await {
        return answer;
    }
    match collections::answer(sim, op, params, headers, asked, paging).await {
        Some(answer) => answer,
        None => documented::answer::shaped(sim, op, path, params, headers).await,
    }
}

/// Whether the query string carries an access token (`access_token=…`).
fn token_in_query(query: Option<&str>) -> bool {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or_default())
        .unwrap_or_default()
        .iter()
        .any(|(name, value)| name == "access_token" && !value.is_empty())
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
