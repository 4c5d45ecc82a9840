//! `/_sim/*`: the test and Sandbox controls that real Zoom does not have — change a user's role,
//! a role's privileges or an app, inject faults, move the clock, read counters, reload.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::fixture::{AppState, Fixture};
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

pub async fn state(State(sim): State<Sim>) -> Response {
    Json(serde_json::to_value(&sim.world().fixture).unwrap_or_default()).into_response()
}

/// Every access token issued so far: lets tests prove no token leaked into files or logs.
pub async fn tokens(State(sim): State<Sim>) -> Response {
    Json(json!({"tokens": sim.world().issued_tokens()})).into_response()
}

pub async fn stats(State(sim): State<Sim>) -> Response {
    Json(serde_json::to_value(sim.world().stats()).unwrap_or_default()).into_response()
}

#[derive(Deserialize)]
pub struct RoleChange {
    role_id: String,
}

pub async fn set_user_role(
    State(sim): State<Sim>,
    Path(user_id): Path<String>,
    Json(body): Json<RoleChange>,
) -> Response {
    match sim.world().set_user_role(&user_id, &body.role_id) {
        Ok(stripped) => Json(json!({"stripped_scopes": stripped})).into_response(),
        Err(e) => bad(e),
    }
}

#[derive(Deserialize)]
pub struct PrivilegeChange {
    privileges: Vec<String>,
}

pub async fn set_role_privileges(
    State(sim): State<Sim>,
    Path(role_id): Path<String>,
    Json(body): Json<PrivilegeChange>,
) -> Response {
    match sim.world().set_role_privileges(&role_id, body.privileges) {
        Ok(stripped) => Json(json!({"stripped_scopes": stripped})).into_response(),
        Err(e) => bad(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppChange {
    state: Option<AppState>,
    scopes: Option<Vec<String>>,
    single_token: Option<bool>,
    token_tolerance: Option<u32>,
    token_index_enabled: Option<bool>,
    /// A new client secret, as the Marketplace's "Regenerate" makes one: the old one stops
    /// working at once (the API's `rotate_client_secret` is the way to keep both for a while).
    client_secret: Option<String>,
}

pub async fn update_app(
    State(sim): State<Sim>,
    Path(client_id): Path<String>,
    Json(change): Json<AppChange>,
) -> Response {
    let mut world = sim.world();
    let Some(app) = world.app_mut(&client_id) else {
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
pub async fn move_to_granular(State(sim): State<Sim>, Path(client_id): Path<String>) -> Response {
    match sim.world().move_to_granular(&client_id) {
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
pub async fn set_plan(
    State(sim): State<Sim>,
    Path(account_id): Path<String>,
    Json(change): Json<PlanChange>,
) -> Response {
    if sim.world().set_plan(&account_id, change.plan) {
        Json(json!({"account_id": account_id, "plan": change.plan})).into_response()
    } else {
        bad(format!("no account {account_id}"))
    }
}

/// `POST /_sim/accounts/{account_id}/reset`: clears its rate-limit counters.
pub async fn reset_counters(State(sim): State<Sim>, Path(account_id): Path<String>) -> Response {
    sim.world().reset_counters(&account_id);
    Json(json!({"account_id": account_id, "reset": true})).into_response()
}

#[derive(Deserialize)]
pub struct FaultChange {
    /// One app; absent: every request.
    client_id: Option<String>,
    #[serde(flatten)]
    faults: Faults,
}

pub async fn set_faults(State(sim): State<Sim>, Json(change): Json<FaultChange>) -> Response {
    sim.world()
        .set_faults(change.client_id.as_deref(), change.faults);
    StatusCode::NO_CONTENT.into_response()
}

pub async fn clear_faults(State(sim): State<Sim>) -> Response {
    sim.world().clear_faults();
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
pub struct Advance {
    secs: u64,
}

pub async fn advance_clock(State(sim): State<Sim>, Json(a): Json<Advance>) -> Response {
    sim.world()
        .advance_clock(std::time::Duration::from_secs(a.secs));
    crate::webhooks::retry_due(&sim).await;
    StatusCode::NO_CONTENT.into_response()
}

pub async fn reload(State(sim): State<Sim>, body: String) -> Response {
    match Fixture::from_json(&body) {
        Ok(f) => {
            sim.world().reload(f);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(e) => bad(e.to_string()),
    }
}
