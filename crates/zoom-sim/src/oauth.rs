//! `POST /oauth/token`: Zoom's S2S token endpoint, with the answers Zoom gives for each mistake
//! (FACTS.md: `{"reason","error"}` bodies, HTTP 400). Where no captured Zoom body exists (app
//! deactivated or never activated, a bad token index) the wording here is the simulator's own,
//! built from Zoom's OAuth error table (https://developers.zoom.us/docs/integrations/oauth-error-messages/).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::fixture::{AppActivation, AppKind};
use crate::state::Sim;
use crate::world::Endpoint;

fn oauth_error(reason: &str, error: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({"reason": reason, "error": error})),
    )
        .into_response()
}

pub async fn token(
    State(sim): State<Sim>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let auth = crate::wire::basic(&headers);
    let fault = {
        let mut world = sim.world();
        match &auth {
            Some((id, _)) => {
                *world
                    .stats_mut()
                    .token_requests
                    .entry(id.clone())
                    .or_default() += 1
            }
            None => world.stats_mut().anonymous_token_requests += 1,
        }
        world.take_fault(Endpoint::Token, auth.as_ref().map(|(id, _)| id.as_str()))
    };
    if fault.as_ref().is_some_and(|f| f.echo_request) {
        return crate::faults::echo(&headers, &body);
    }
    if let Some(answer) = match fault {
        Some(f) => crate::faults::apply(f).await,
        None => None,
    } {
        return answer;
    }

    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Parameters come in the form body or, as Zoom's own old examples and several client
    // libraries still send them, in the query string of a POST with an empty body (FACTS.md
    // "Token request"). Only a JSON *body* is refused, as Zoom does (devforum 79648).
    if content_type.starts_with("application/json") && !body.trim().is_empty() {
        return oauth_error("unsupported grant type", "unsupported_grant_type");
    }
    let form: HashMap<String, String> = url_form(&body);
    let params = if form.contains_key("grant_type") {
        &form
    } else {
        &query
    };
    let Some((client_id, client_secret)) = auth else {
        return oauth_error("Client ID or client secret is missing.", "invalid_request");
    };
    let Some(grant_type) = params.get("grant_type") else {
        return oauth_error("Missing grant type", "invalid_request");
    };

    let mut world = sim.world();
    // The current secret, or one a rotation replaced, until its revoke time.
    if !world.secret_accepted(&client_id, &client_secret) {
        return oauth_error("Invalid client_id or client_secret", "invalid_client");
    }
    let Some((account, app)) = world.app(&client_id) else {
        return oauth_error("Invalid client_id or client_secret", "invalid_client");
    };
    if grant_type != "account_credentials" || app.kind != AppKind::ServerToServer {
        return oauth_error("unsupported grant type", "unsupported_grant_type");
    }
    match app.state {
        AppActivation::Active => {}
        AppActivation::Deactivated => {
            return oauth_error("The app has been disabled", "invalid_client")
        }
        AppActivation::NotActivated => {
            return oauth_error("The app has not been activated", "invalid_client")
        }
    }
    if params.get("account_id").map(String::as_str) != Some(account.id.as_str()) {
        return oauth_error("Bad Request", "invalid_request");
    }
    let index = query
        .get("token_index")
        .or_else(|| query.get("index"))
        .or_else(|| params.get("token_index"));
    // `index` only means something under the old one-token rule; today Zoom ignores it.
    let slot = match (app.single_token && app.token_index_enabled, index) {
        (true, Some(i)) => match i.parse::<u32>() {
            Ok(i) if i < app.token_tolerance => Some(i),
            _ => return oauth_error("Invalid token index", "invalid_request"),
        },
        (true, None) => Some(0),
        (false, _) => None,
    };
    let api_url = sim.api_url_for(account.api_region.as_deref()).to_string();
    let ttl = world.fixture.token_ttl_secs;
    let Some((token, record)) = world.issue_token(&client_id, slot) else {
        return oauth_error("Invalid client_id or client_secret", "invalid_client");
    };
    Json(serde_json::json!({
        "access_token": token,
        "token_type": "bearer",
        "expires_in": ttl,
        "scope": record.scopes.join(" "),
        "api_url": api_url,
    }))
    .into_response()
}

fn url_form(body: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}
