//! `/v2/marketplace/apps/{appId}`: an app's information, and the client-secret rotation Zoom
//! added on 2025-09-22 (FACTS.md "Secret rotation"; shapes from Zoom's Marketplace OpenAPI):
//! `new` issues a second secret and keeps the old one working until its revoke time (at most 30
//! days ahead), `update` moves that time (`now` ends the overlap); 3 changes per 15 minutes.
//! Scopes are checked as for every route (`getAppInfo`, `RotateClientSecret` in the catalog).
//! Refusals are the ones Zoom's Marketplace reference documents for RotateClientSecret
//! (data/zoom-openapi): 1500 a missing or malformed field, 2000 the 3-in-15-minutes limit (a
//! 400), 2001 a revoke time out of range, 1401 an unknown App ID or no old secret to update.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::api::{guarded, needs};
use crate::state::Sim;
use crate::wire::{api_error, iso_in};
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
            // Zoom's getAppInfo schema knows three app types and two statuses: an S2S app is
            // an OAuth app, and an account's own app is never published to the Marketplace.
            Some(app) => Json(json!({
                "app_id": app_id,
                "app_name": app.name,
                "app_type": "OAuthApp",
                "app_status": "UNPUBLISHED",
                "app_scopes": app.scopes,
            }))
            .into_response(),
            None => api_error(
                StatusCode::NOT_FOUND,
                1401,
                &format!("APP ID does not exist: {app_id}"),
            ),
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
        return api_error(StatusCode::BAD_REQUEST, 1500, "Missing request parameters.");
    };
    let action = match body.action.as_str() {
        "new" => RotateAction::New,
        "update" => RotateAction::Update,
        _ => {
            return api_error(
                StatusCode::BAD_REQUEST,
                1500,
                "Invalid request parameter action. Can be new or update.",
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
                            1500,
                            "Invalid format of request param revoke_old_secret_time. Should be in format yyyy-MM-dd'T'HH:mm:ss'Z' for example 2025-03-14T12:34:56Z.",
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
                    api_error(StatusCode::NOT_FOUND, 1401, "App ID does not exist.")
                }
                Err(RotateRefused::TooManyChanges) => api_error(
                    StatusCode::BAD_REQUEST,
                    2000,
                    "Working on processing your request. Can only change client secret rotate schedule 3 times in 15 minutes.",
                ),
                Err(RotateRefused::RevokeTimeOutOfRange) => api_error(
                    StatusCode::BAD_REQUEST,
                    2001,
                    "Invalid value of request param revoke_old_secret_time.",
                ),
                Err(RotateRefused::NothingToUpdate) => {
                    api_error(StatusCode::NOT_FOUND, 1401, "Secret ID does not exist.")
                }
            }
        },
    )
}
