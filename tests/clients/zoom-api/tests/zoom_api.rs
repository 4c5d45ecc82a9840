//! `zoom-api` (crates.io, the client generated from Zoom's OpenAPI; unchanged) against the
//! simulator, through its documented `with_host_override`. Its token endpoint is fixed to
//! zoom.us and it predates Server-to-Server OAuth, so it takes the token as `Client::new`
//! documents (an access token obtained elsewhere): here, one the simulator issued for the
//! account's app. Over that: paging, lookups, updates read back, deletes and the documented
//! errors, a missing scope, and one token for every call.

use serde_json::{json, Value};
use zoom_api::types::{LoginType, UsersIncludeFields, UsersStatus};
use zoom_api::{Client, ClientError};
use zoom_sim::{start, Fixture, SimHandle};

const ACCOUNT: &str = "SbxDemoAccount00000001";
/// Holds every scope Zoom publishes here (granted below).
const OPS: (&str, &str) = ("SbxOpsClassic000000002", "sandboxSecretOpsClassic000000002");
/// A few granular read scopes, nothing that writes meetings.
const REPORTING: (&str, &str) = ("SbxReportingBot0000001", "sandboxSecretReportingBot0000001");
const OWNER_EMAIL: &str = "olivia.owner@sandbox.example";

async fn sim() -> SimHandle {
    let sim = start(Fixture::default_sandbox(), 0).await.expect("sim");
    let catalog = zoom_catalog::catalog();
    for scope in catalog.scope_names() {
        sim.world().grant_scope(OPS.0, scope);
    }
    sim
}

async fn token(sim: &SimHandle, app: (&str, &str)) -> String {
    let answer: Value = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.base_url()))
        .basic_auth(app.0, Some(app.1))
        .form(&[
            ("grant_type", "account_credentials"),
            ("account_id", ACCOUNT),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    answer["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn client(sim: &SimHandle, app: (&str, &str)) -> Client {
    let mut zoom = Client::new(app.0, app.1, "", token(sim, app).await, "");
    zoom.with_host_override(format!("{}/v2", sim.base_url()));
    zoom
}

/// The status and Zoom's `{code, message}` of a refusal.
fn refusal(error: ClientError) -> (u16, Value) {
    match error {
        ClientError::HttpError { status, error, .. } => (
            status.as_u16(),
            serde_json::from_str(&error).unwrap_or(Value::String(error)),
        ),
        other => (0, Value::String(other.to_string())),
    }
}

fn body<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("a body zoom-api accepts")
}

#[tokio::test]
async fn users_page_by_page_add_up_to_the_total_and_one_is_found_by_email() {
    let sim = sim().await;
    let zoom = client(&sim, OPS).await;
    let users = zoom.users();
    let all = users
        .get_all(UsersStatus::Active, "", UsersIncludeFields::Noop)
        .await
        .expect("every user");
    let first = users
        .get_page(UsersStatus::Active, 2, "", "", UsersIncludeFields::Noop, "")
        .await
        .expect("a page of two");
    assert_eq!(first.body.len(), 2);
    assert_eq!(all.body.len(), 4, "the Sandbox's four users");

    let owner = users
        .user(OWNER_EMAIL, LoginType::Noop, false)
        .await
        .expect("the owner")
        .body;
    let owner = serde_json::to_value(owner).expect("json");
    assert_eq!(
        (&owner["email"], &owner["role_id"]),
        (&json!(OWNER_EMAIL), &json!("0"))
    );
}

#[tokio::test]
async fn a_meeting_is_created_read_back_and_deleted_then_zoom_says_3001() {
    let sim = sim().await;
    let zoom = client(&sim, OPS).await;
    let meetings = zoom.meetings();
    let created = meetings
        .create(
            "me",
            &body(json!({"topic": "zoom-api sync", "type": 2, "duration": 30,
                "settings": {"waiting_room": true, "mute_upon_entry": false}})),
        )
        .await
        .expect("created")
        .body;
    let created = serde_json::to_value(created).expect("json");
    let id = created["id"].as_i64().expect("a numeric id");

    // zoom-api's typed meeting update cannot carry an agenda or settings (its generated
    // `MeetingUpdateRequestAllOf` holds a user's names), so the read back checks the create.
    let read = meetings.meeting(id, "", false).await.expect("read").body;
    let read = serde_json::to_value(read).expect("json");
    assert_eq!(read["topic"], "zoom-api sync");
    assert_eq!(
        read["settings"]["waiting_room"], true,
        "the settings asked for"
    );
    assert_eq!(read["host_email"], OWNER_EMAIL);

    meetings.delete(id, "", false, "").await.expect("deleted");
    let (status, zoom_error) = refusal(meetings.meeting(id, "", false).await.expect_err("gone"));
    assert_eq!(status, 404);
    assert_eq!(zoom_error["code"], 3001, "{zoom_error}");
}

#[tokio::test]
async fn a_user_update_is_read_back() {
    let sim = sim().await;
    let zoom = client(&sim, OPS).await;
    let users = zoom.users();
    users
        .update(
            "mia.member@sandbox.example",
            LoginType::Noop,
            &body(
                json!({"company": "Example, Inc.", "dept": "Support", "last_name": "Member-Smith"}),
            ),
        )
        .await
        .expect("updated");
    let read = users
        .user("mia.member@sandbox.example", LoginType::Noop, false)
        .await
        .expect("read")
        .body;
    let read = serde_json::to_value(read).expect("json");
    assert_eq!(read["company"], "Example, Inc.");
    assert_eq!(read["dept"], "Support");
    assert_eq!(read["last_name"], "Member-Smith");
}

#[tokio::test]
async fn a_call_the_app_has_no_scope_for_is_zooms_4711_and_one_token_serves_every_call() {
    let sim = sim().await;
    let zoom = client(&sim, REPORTING).await;
    let (status, zoom_error) = refusal(
        zoom.meetings()
            .create("me", &body(json!({"topic": "Not allowed"})))
            .await
            .expect_err("refused"),
    );
    assert_eq!(
        (status, &zoom_error["code"]),
        (400, &json!(4711)),
        "{zoom_error}"
    );

    let before = sim.world().stats().token_requests.get(REPORTING.0).copied();
    for _ in 0..3 {
        zoom.users()
            .user("me", LoginType::Noop, false)
            .await
            .expect("the owner");
    }
    let after = sim.world().stats().token_requests.get(REPORTING.0).copied();
    assert_eq!(before, after, "no new token");
}
