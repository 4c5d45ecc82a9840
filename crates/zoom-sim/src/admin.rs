//! `/_sim/*`: the test and Sandbox controls that real Zoom does not have — change a user's role,
//! a role's privileges or an app, inject faults, move the clock, read counters, reload.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::fixture::{AppActivation, Fixture};
use crate::state::Sim;
use crate::world::Faults;

/// Lets a `/_sim/*` request through only from this machine's own tools: the `Host` must be
/// loopback (a web page reaching the port through DNS rebinding names its own host), the
/// per-run admin token must match (any other local user or page lacks it), and a request that
/// changes something must be JSON (which a page cannot send cross-origin without asking).
pub async fn guard(
    State(sim): State<Sim>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let headers = request.headers();
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let host_name = host
        .rsplit_once(':')
        .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
        .map_or(host, |(name, _)| name);
    if !matches!(host_name, "127.0.0.1" | "localhost" | "[::1]") {
        return refused(
            StatusCode::FORBIDDEN,
            "the Sandbox controls answer only to a loopback Host",
        );
    }
    let token = headers
        .get(crate::state::ADMIN_TOKEN_HEADER)
        .and_then(|t| t.to_str().ok())
        .unwrap_or_default();
    if !constant_time_eq(token.as_bytes(), sim.admin_token().as_bytes()) {
        return refused(
            StatusCode::UNAUTHORIZED,
            "the Sandbox controls need this run's admin token in the x-sim-admin-token header",
        );
    }
    let changes = !matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::DELETE
    );
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if changes && !json {
        return refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the Sandbox controls take application/json",
        );
    }
    next.run(request).await
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn refused(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({"error": message}))).into_response()
}

fn bad(message: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": message.into()})),
    )
        .into_response()
}

/// Every `/_sim/*` control, behind [`guard`]. One handler dispatches them all: each axum
/// handler is its own monomorphized extractor glue (about 9 KB of the app's binary apiece), and
/// these controls are not Zoom's API, so they need none of it (docs/performance.md).
pub async fn control(State(sim): State<Sim>, method: Method, uri: Uri, body: Bytes) -> Response {
    let decoded = crate::routes::segments(uri.path().trim_start_matches("/_sim/"));
    let segments: Vec<&str> = decoded.iter().map(String::as_str).collect();
    let sim = &sim;
    let asked = format!("{method} {}", uri.path());
    match (method, segments.as_slice()) {
        (Method::GET, ["state"]) => {
            Json(serde_json::to_value(&sim.world().fixture).unwrap_or_default()).into_response()
        }
        // Every access token issued so far: lets tests prove no token leaked into files or logs.
        (Method::GET, ["tokens"]) => {
            Json(json!({"tokens": sim.world().issued_tokens()})).into_response()
        }
        (Method::GET, ["stats"]) => {
            Json(serde_json::to_value(sim.world().stats()).unwrap_or_default()).into_response()
        }
        (Method::POST, ["users", user_id, "role"]) => {
            with_json(&body, |b: RoleChange| set_user_role(sim, user_id, &b))
        }
        (Method::PUT, ["roles", role_id, "privileges"]) => {
            with_json(&body, |b: PrivilegeChange| {
                set_role_privileges(sim, role_id, b)
            })
        }
        (Method::PATCH, ["apps", client_id]) => {
            with_json(&body, |b: AppChange| update_app(sim, client_id, b))
        }
        (Method::POST, ["apps", client_id, "granular"]) => move_to_granular(sim, client_id),
        (Method::PUT, ["faults"]) => with_json(&body, |b: FaultChange| {
            sim.world().set_faults(b.client_id.as_deref(), b.faults);
            StatusCode::NO_CONTENT.into_response()
        }),
        (Method::DELETE, ["faults"]) => {
            sim.world().clear_faults();
            StatusCode::NO_CONTENT.into_response()
        }
        (Method::PUT, ["accounts", account_id, "plan"]) => {
            with_json(&body, |b: PlanChange| set_plan(sim, account_id, &b))
        }
        (Method::POST, ["accounts", account_id, "reset"]) => {
            sim.world().reset_counters(account_id);
            Json(json!({"account_id": account_id, "reset": true})).into_response()
        }
        (Method::POST, ["clock", "advance"]) => match parse::<Advance>(&body) {
            Ok(a) => {
                sim.world()
                    .advance_clock(std::time::Duration::from_secs(a.secs));
                crate::webhooks::retry_due(sim).await;
                StatusCode::NO_CONTENT.into_response()
            }
            Err(refusal) => refusal,
        },
        (Method::POST, ["reload"]) => reload(sim, &body),
        (Method::POST, ["webhooks", "deliver"]) => match parse(&body) {
            Ok(request) => crate::webhooks::deliver(sim, request).await,
            Err(refusal) => refusal,
        },
        (Method::GET, ["webhooks", "deliveries"]) => crate::webhooks::deliveries(sim),
        _ => refused(
            StatusCode::NOT_FOUND,
            &format!("no Sandbox control answers {asked}"),
        ),
    }
}

/// The JSON body as `T`, or the 400 that says why not.
fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, Response> {
    serde_json::from_slice(body)
        .map_err(|e| bad(format!("the body is not the JSON this control takes: {e}")))
}

fn with_json<T: DeserializeOwned>(body: &[u8], then: impl FnOnce(T) -> Response) -> Response {
    match parse(body) {
        Ok(value) => then(value),
        Err(refusal) => refusal,
    }
}

#[derive(Deserialize)]
pub struct RoleChange {
    role_id: String,
}

fn set_user_role(sim: &Sim, user_id: &str, body: &RoleChange) -> Response {
    match sim.world().set_user_role(user_id, &body.role_id) {
        Ok(stripped) => Json(json!({"stripped_scopes": stripped})).into_response(),
        Err(e) => bad(e),
    }
}

#[derive(Deserialize)]
pub struct PrivilegeChange {
    privileges: Vec<String>,
}

fn set_role_privileges(sim: &Sim, role_id: &str, body: PrivilegeChange) -> Response {
    match sim.world().set_role_privileges(role_id, body.privileges) {
        Ok(stripped) => Json(json!({"stripped_scopes": stripped})).into_response(),
        Err(e) => bad(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppChange {
    state: Option<AppActivation>,
    scopes: Option<Vec<String>>,
    single_token: Option<bool>,
    token_tolerance: Option<u32>,
    token_index_enabled: Option<bool>,
    /// A new client secret, as the Marketplace's "Regenerate" makes one: the old one stops
    /// working at once (the API's `rotate_client_secret` is the way to keep both for a while).
    client_secret: Option<String>,
}

fn update_app(sim: &Sim, client_id: &str, change: AppChange) -> Response {
    let mut world = sim.world();
    let Some(app) = world.app_mut(client_id) else {
        return bad(format!("no app with client_id {client_id}"));
    };
    if change.token_tolerance == Some(0) {
        return bad("token_tolerance must be at least 1");
    }
    if let Some(v) = change.state {
        app.state = v;
    }
    if let Some(v) = change.scopes {
        app.scopes = v;
    }
    if let Some(v) = change.token_tolerance {
        app.token_tolerance = v;
    }
    if let Some(v) = change.token_index_enabled {
        app.token_index_enabled = v;
    }
    if let Some(v) = change.single_token {
        app.single_token = v;
    }
    if let Some(v) = change.client_secret {
        app.client_secret = v;
    }
    Json(serde_json::to_value(&*app).unwrap_or_default()).into_response()
}

/// `POST /_sim/apps/{client_id}/granular`: Zoom moves the app to granular scopes.
fn move_to_granular(sim: &Sim, client_id: &str) -> Response {
    match sim.world().move_to_granular(client_id) {
        Some(scopes) => Json(json!({"client_id": client_id, "scopes": scopes})).into_response(),
        None => bad(format!("no app with client_id {client_id}")),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanChange {
    plan: zoom_catalog::limits::Plan,
}

/// `PUT /_sim/accounts/{account_id}/plan`: the plan whose budgets calls spend (counters reset).
fn set_plan(sim: &Sim, account_id: &str, change: &PlanChange) -> Response {
    if sim.world().set_plan(account_id, change.plan) {
        Json(json!({"account_id": account_id, "plan": change.plan})).into_response()
    } else {
        bad(format!("no account {account_id}"))
    }
}

#[derive(Deserialize)]
pub struct FaultChange {
    /// One app; absent: every request.
    client_id: Option<String>,
    #[serde(flatten)]
    faults: Faults,
}

#[derive(Deserialize)]
pub struct Advance {
    secs: u64,
}

fn reload(sim: &Sim, body: &[u8]) -> Response {
    match Fixture::from_json(&String::from_utf8_lossy(body)) {
        Ok(f) => {
            sim.world().reload(f);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(e) => bad(e.to_string()),
    }
}
