//! `rotate_client_secret` and `GET /v2/marketplace/apps/{appId}` as Zoom documents them: both
//! secrets open the app until the revoke time (on the simulated clock), then the old one is
//! `invalid_client`; `update` moves the revoke time; 3 changes per 15 minutes.

use serde_json::{json, Value};
use zoom_sim::{start, Fixture, SimHandle};

const ACCOUNT: &str = "SbxDemoAccount00000001";
const REPORTING: (&str, &str) = ("SbxReportingBot0000001", "sandboxSecretReportingBot0000001");
const APP_ID: &str = "SbxAppReportingBot0001";

/// The Sandbox, with the Reporting Bot allowed to read and rotate its own app.
async fn sim() -> SimHandle {
    let mut fixture = Fixture::default_sandbox();
    for app in fixture.accounts.iter_mut().flat_map(|a| a.apps.iter_mut()) {
        if app.client_id == REPORTING.0 {
            app.scopes.push("marketplace:update:client_secret".into());
            app.scopes.push("marketplace:read:app:admin".into());
        }
    }
    start(fixture, 0).await.expect("sim")
}

async fn token_with(sim: &SimHandle, secret: &str) -> (u16, Value) {
    let answer = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.base_url()))
        .basic_auth(REPORTING.0, Some(secret))
        .form(&[
            ("grant_type", "account_credentials"),
            ("account_id", ACCOUNT),
        ])
        .send()
        .await
        .expect("answer");
    (
        answer.status().as_u16(),
        answer.json().await.unwrap_or(Value::Null),
    )
}

async fn rotate(sim: &SimHandle, token: &str, body: Value) -> (u16, Value) {
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/v2/marketplace/apps/{APP_ID}/rotate_client_secret",
            sim.base_url()
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("answer");
    (
        answer.status().as_u16(),
        answer.json().await.unwrap_or(Value::Null),
    )
}

async fn advance_minutes(sim: &SimHandle, minutes: u64) {
    let ok = reqwest::Client::new()
        .post(format!("{}/_sim/clock/advance", sim.base_url()))
        .header(zoom_sim::ADMIN_TOKEN_HEADER, sim.admin_token())
        .json(&json!({"secs": minutes * 60}))
        .send()
        .await
        .expect("answer")
        .status()
        .is_success();
    assert!(ok);
}

/// `revoke_old_secret_time` `from_now` ahead, as Zoom writes it (`yyyy-MM-ddTHH:mm:ssZ`).
fn revoke_in(from_now: time::Duration) -> String {
    let at = time::OffsetDateTime::now_utc() + from_now;
    at.replace_nanosecond(0)
        .unwrap_or(at)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn access_token(answer: &Value) -> String {
    answer["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn both_secrets_work_until_the_revoke_time_then_only_the_new_one() {
    let sim = sim().await;
    let token = access_token(&token_with(&sim, REPORTING.1).await.1);
    let info: Value = reqwest::Client::new()
        .get(format!("{}/v2/marketplace/apps/{APP_ID}", sim.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(info["app_name"], "Reporting Bot");
    assert!(info["app_scopes"]
        .as_array()
        .is_some_and(|s| s.contains(&json!("marketplace:update:client_secret"))));

    let revoke = revoke_in(time::Duration::hours(1));
    let (status, rotated) = rotate(
        &sim,
        &token,
        json!({"action": "new", "revoke_old_secret_time": revoke}),
    )
    .await;
    assert_eq!(status, 201, "{rotated}");
    let new_secret = rotated["new_secret"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(new_secret.len() >= 24 && new_secret != REPORTING.1);
    assert!(rotated["secret_id"].is_string());

    assert_eq!(
        token_with(&sim, &new_secret).await.0,
        200,
        "the new secret works"
    );
    assert_eq!(
        token_with(&sim, REPORTING.1).await.0,
        200,
        "the old one too, until the revoke time"
    );
    advance_minutes(&sim, 61).await;
    let (status, refused) = token_with(&sim, REPORTING.1).await;
    assert_eq!(
        (status, refused["error"].as_str()),
        (400, Some("invalid_client")),
        "{refused}"
    );
    assert_eq!(token_with(&sim, &new_secret).await.0, 200);
}

#[tokio::test]
async fn update_now_ends_the_overlap_and_three_changes_per_15_minutes_is_the_limit() {
    let sim = sim().await;
    let token = access_token(&token_with(&sim, REPORTING.1).await.1);
    let (status, rotated) = rotate(
        &sim,
        &token,
        json!({"action": "new", "revoke_old_secret_time": "2099-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(status, 400, "more than 30 days ahead: {rotated}");
    let (status, nothing) = rotate(
        &sim,
        &token,
        json!({"action": "update", "revoke_old_secret_time": "now"}),
    )
    .await;
    // Zoom's documented answer when there is no old secret to change.
    assert_eq!(status, 404, "nothing to update yet: {nothing}");
    assert_eq!(nothing["code"], 1401);
    assert_eq!(nothing["message"], "Secret ID does not exist.");

    let revoke = revoke_in(time::Duration::days(1));
    let (status, rotated) = rotate(
        &sim,
        &token,
        json!({"action": "new", "revoke_old_secret_time": revoke}),
    )
    .await;
    assert_eq!(status, 201, "{rotated}");
    let (status, updated) = rotate(
        &sim,
        &token,
        json!({"action": "update", "revoke_old_secret_time": "now"}),
    )
    .await;
    assert_eq!(status, 201, "{updated}");
    assert_eq!(updated["secret_id"], rotated["secret_id"]);
    assert!(updated.get("new_secret").is_none());
    assert_eq!(
        token_with(&sim, REPORTING.1).await.0,
        400,
        "the old secret is revoked now"
    );

    let (status, limited) = rotate(
        &sim,
        &token,
        json!({"action": "new", "revoke_old_secret_time": "now"}),
    )
    .await;
    assert_eq!(status, 201, "the third change: {limited}");
    let (status, limited) = rotate(
        &sim,
        &token,
        json!({"action": "new", "revoke_old_secret_time": "now"}),
    )
    .await;
    assert_eq!(status, 400, "the fourth within 15 minutes: {limited}");
    assert_eq!(limited["code"], 2000, "Zoom's documented code: {limited}");
    advance_minutes(&sim, 15).await;
    let (status, _) = rotate(
        &sim,
        &token,
        json!({"action": "new", "revoke_old_secret_time": "now"}),
    )
    .await;
    assert_eq!(status, 201, "allowed again after 15 minutes");
}

#[tokio::test]
async fn without_the_scope_zoom_refuses_the_rotation() {
    let sim = start(Fixture::default_sandbox(), 0).await.expect("sim");
    let token = access_token(&token_with(&sim, REPORTING.1).await.1);
    let (status, refused) = rotate(&sim, &token, json!({"action": "new"})).await;
    assert_eq!(status, 400, "{refused}");
    assert_eq!(
        refused["code"], 4711,
        "Zoom's missing-scope code: {refused}"
    );
}

#[tokio::test]
async fn regenerating_in_the_marketplace_replaces_the_secret_at_once() {
    // The Marketplace page's "Regenerate", as a Sandbox control: the manual path's new secret.
    let sim = sim().await;
    let changed = reqwest::Client::new()
        .patch(format!("{}/_sim/apps/{}", sim.base_url(), REPORTING.0))
        .header(zoom_sim::ADMIN_TOKEN_HEADER, sim.admin_token())
        .json(&json!({"client_secret": "regeneratedSecretReportingBot001"}))
        .send()
        .await
        .expect("answer");
    assert_eq!(changed.status().as_u16(), 200);
    let (status, old) = token_with(&sim, REPORTING.1).await;
    assert_eq!(
        (status, old["error"].as_str()),
        (400, Some("invalid_client")),
        "the old secret is refused"
    );
    assert_eq!(
        token_with(&sim, "regeneratedSecretReportingBot001").await.0,
        200
    );
}
