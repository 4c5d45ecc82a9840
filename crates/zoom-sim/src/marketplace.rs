//! `/v2/marketplace/apps`: apps created, listed and deleted through the API (each a real app of
//! the simulated account: its credentials get tokens once it is active), an app's information,
//! and the client-secret rotation Zoom
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
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::api::{guarded, needs, needs_of, owner_of};
use crate::collections::text_id;
use crate::documented::answer::{documented_error, success};
use crate::documented::{synth, Operation};
use crate::fixture::{App, AppActivation, AppKind};
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
            None => unknown_app(app_id),
        }
    })
}

/// `POST /marketplace/apps` (CreateApps): a new app of the caller's account, owned by the
/// caller's owner, with fresh credentials; not activated unless the body says `active: true`.
/// 1500 when a required field is missing, as Zoom documents.
pub fn create_app(sim: &Sim, op: &Operation, headers: &HeaderMap, body: Option<Value>) -> Response {
    let body = body.unwrap_or_default();
    guarded(sim, headers, needs_of(op), true, |record, world| {
        let required = [
            "app_name",
            "app_type",
            "company_name",
            "contact_email",
            "contact_name",
        ];
        let kind = match body["app_type"].as_str() {
            Some("s2s_oauth") => AppKind::ServerToServer,
            Some("meeting_sdk") => AppKind::MeetingSdk,
            Some("general") => AppKind::General,
            _ => return documented_error(op, &[], 1500),
        };
        if required.iter().any(|field| !body[field].is_string()) {
            return documented_error(op, &[], 1500);
        }
        let owner = owner_of(world, record).unwrap_or_default();
        let app = App {
            name: body["app_name"].as_str().unwrap_or_default().to_string(),
            kind,
            state: if body["active"] == true {
                AppActivation::Active
            } else {
                AppActivation::NotActivated
            },
            owner_id: owner,
            app_id: Some(text_id(world.new_object_id())),
            client_id: text_id(world.new_object_id()),
            client_secret: random_secret(),
            scopes: crate::wire::strings(&body["scopes"]),
            webhook_secret_token: None,
            single_token: false,
            token_tolerance: 1,
            token_index_enabled: false,
        };
        let credentials = json!({"client_id": app.client_id, "client_secret": app.client_secret});
        let answer = json!({
            "app_id": app.app_id, "app_name": app.name, "app_type": body["app_type"],
            "scopes": app.scopes, "created_at": iso_in(world.now(), 0),
            "production_credentials": credentials, "development_credentials": credentials,
        });
        if let Some(account) = world.account_mut(&record.account_id) {
            account.apps.push(app);
        }
        // In the documented shape: Zoom's answer names two app types ("general" apps are
        // created, but answered as its schema allows).
        (
            StatusCode::CREATED,
            Json(synth::fitted(&op.schema, &answer)),
        )
            .into_response()
    })
}

/// `GET /marketplace/apps` (ListApps): the account's apps that have an App ID, in the documented
/// shape, each with the usage figures and creator Zoom's list added after that document was
/// taken (FACTS.md "Secret rotation": `last_used`, `total_calls`, `failed_calls`,
/// `active_users` on 2026-11-09, `creator_info`, `app_created_time` on 2026-12-01). Their exact
/// shapes are not documented yet; here: an RFC 3339 time (absent when never used), counts, and
/// the creator's id and email. A Server-to-Server app acts as one user: `active_users` is 1 once
/// it has been used.
pub fn list_apps(sim: &Sim, op: &Operation, headers: &HeaderMap) -> Response {
    guarded(sim, headers, needs_of(op), true, |record, world| {
        let Some(account) = world.account(&record.account_id) else {
            return Json(synth::fitted(&op.schema, &json!({"apps": []}))).into_response();
        };
        let listed: Vec<&App> = account.apps.iter().filter(|a| a.app_id.is_some()).collect();
        let documented: Vec<Value> = listed
            .iter()
            .map(|app| {
                json!({"app_id": app.app_id, "app_name": app.name, "app_type": "OAuthApp",
                    "app_status": "UNPUBLISHED", "app_developer_type": "INTERNAL",
                    "scopes": app.scopes.iter().map(|s| json!({"scope_name": s, "scope_description": ""})).collect::<Vec<_>>()})
            })
            .collect();
        let body = json!({"apps": documented, "page_size": 30, "next_page_token": ""});
        let mut answer = synth::fitted(&op.schema, &body);
        if let Some(apps) = answer["apps"].as_array_mut() {
            for (shown, app) in apps.iter_mut().zip(&listed) {
                let usage = world.usage_of(&app.client_id);
                let creator = world.user(&account.id, &app.owner_id).map(|(u, _)| u);
                let figures = json!({
                    "total_calls": usage.total_calls,
                    "failed_calls": usage.failed_calls,
                    "active_users": u64::from(usage.total_calls > 0),
                    "creator_info": creator.map(|u| json!({"user_id": u.id, "email": u.email})),
                });
                if let (Some(shown), Some(figures)) = (shown.as_object_mut(), figures.as_object()) {
                    shown.extend(figures.clone());
                    if let Some(at) = usage.last_used {
                        shown.insert("last_used".into(), json!(iso_in(at, 0)));
                    }
                }
            }
        }
        Json(answer).into_response()
    })
}

/// `DELETE /marketplace/apps/{appId}` (deleteApp): the app and its credentials are gone.
pub fn delete_app(sim: &Sim, op: &Operation, app_id: &str, headers: &HeaderMap) -> Response {
    guarded(sim, headers, needs_of(op), true, |record, world| {
        let Some(account) = world.account_mut(&record.account_id) else {
            return unknown_app(app_id);
        };
        let before = account.apps.len();
        account
            .apps
            .retain(|app| app.app_id.as_deref() != Some(app_id));
        if account.apps.len() == before {
            return unknown_app(app_id);
        }
        success(op)
    })
}

/// Zoom's answer for an App ID it does not know (1401, the Marketplace reference's wording).
fn unknown_app(app_id: &str) -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        1401,
        &format!("APP ID does not exist: {app_id}"),
    )
}

/// A client secret as Zoom's look: 32 letters and digits.
fn random_secret() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    crate::random::bytes::<32>()
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
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
