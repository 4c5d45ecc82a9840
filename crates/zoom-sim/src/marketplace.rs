//! `/v2/marketplace/apps/{appId}`: an app's information, and the client-secret rotation Zoom
//! added on 2025-09-22 (FACTS.md "Secret rotation"; shapes from Zoom's Marketplace OpenAPI):
//! `new` issues a second secret and keeps the old one working until its revoke time (at most 30
//! days ahead), `update` moves that time (`now` ends the overlap); 3 changes per 15 minutes.
//! Scopes are checked as for every route (`getAppInfo`, `RotateClientSecret` in the catalog).

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::api::{api_error, guarded, iso_in, needs};
use crate::fixture::AppState;
use crate::state::Sim;
use crate::world::{RotateAction, RotateRefused};

pub fn get_app(sim: &Sim, app_id: &str, headers: &HeaderMap) -> Response {
    // An app's own record: its user-level scope serves as well as the admin one.
    guarded(sim, headers, needs("getAppInfo"), true, |record, world| {
        let app = world.account(&record.account_id).and_then(|a| {
            a.apps
                .iter()
                .find(|app| app.app_id.as_deref() == Some(app_id))
        });
        match app {
            Some(app) => Json(json!({
                "app_id": app_id,
                "app_name": app.name,
                "app_type": "s2s_oauth",
                "app_status": match app.state {
                    AppState::Active => "active",
                    AppState::Deactivated => "deactivated",
                    AppState::NotActivated => "draft",
                },
                "app_scopes": app.scopes,
            }))
            .into_response(),
            None => api_error(StatusCode::NOT_FOUND, 3001, "App does not exist."),
        }
    })
}

#[derive(Deserialize)]
pub struct RotateBody {
    action: String,
    revoke_old_secret_time: Option<String>,
}

pub fn rotate_client_secret(
    sim: &Sim,
    app_id: &str,
    headers: &HeaderMap,
    body: Option<RotateBody>,
) -> Response {
    let Some(body) = body else {
        return api_error(
            StatusCode::BAD_REQUEST,
            300,
            "Request Body should be a valid JSON object.",
        );
    };
    let action = match body.action.as_str() {
        "new" => RotateAction::New,
        "update" => RotateAction::Update,
        _ => {
            return api_error(
                StatusCode::BAD_REQUEST,
                300,
                "Invalid field: action (new or update).",
            )
        }
    };
    // The scope has no admin variant: it is about the calling app's own secret.
    guarded(
        sim,
        headers,
        needs("RotateClientSecret"),
        true,
        |record, world| {
            let revoke_at =
                match body.revoke_old_secret_time.as_deref() {
                    None | Some("now") => None,
                    Some(text) => match OffsetDateTime::parse(text, &Rfc3339) {
                        Ok(t) => Some(std::time::SystemTime::from(t)),
                        Err(_) => return api_error(
                            StatusCode::BAD_REQUEST,
                            300,
                            "Invalid field: revoke_old_secret_time (yyyy-MM-ddTHH:mm:ssZ or now).",
                        ),
                    },
                };
            match world.rotate_client_secret(&record.account_id, app_id, action, revoke_at) {
                Ok(rotated) => {
                    let mut answer = json!({
                        "secret_id": rotated.secret_id,
                        "revoke_old_secret_time": iso_in(rotated.revoke_at, 0),
                    });
                    if let Some(secret) = rotated.new_secret {
                        answer["new_secret"] = json!(secret);
                    }
                    (StatusCode::CREATED, Json(answer)).into_response()
                }
                Err(RotateRefused::NoSuchApp) => {
                    api_error(StatusCode::NOT_FOUND, 3001, "App does not exist.")
                }
                Err(RotateRefused::TooManyChanges { retry_at }) => {
                    let wait = retry_at
                        .duration_since(world.now())
                        .map_or(0, |d| d.as_secs());
                    let mut response = api_error(
                        StatusCode::TOO_MANY_REQUESTS,
                        429,
                        "You can change an app's client secret at most 3 times in 15 minutes.",
                    );
                    if let Ok(v) = wait.to_string().parse() {
                        response.headers_mut().insert("retry-after", v);
                    }
                    response
                }
                Err(RotateRefused::RevokeTimeOutOfRange) => api_error(
                    StatusCode::BAD_REQUEST,
                    300,
                    "revoke_old_secret_time must be between now and 30 days from now.",
                ),
                Err(RotateRefused::NothingToUpdate) => api_error(
                    StatusCode::BAD_REQUEST,
                    300,
                    "There is no old client secret to update: rotate with action new first.",
                ),
            }
        },
    )
}
