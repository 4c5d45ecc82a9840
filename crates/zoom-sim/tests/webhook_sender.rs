//! The simulator as Zoom's webhook sender: signed events a correct receiver accepts, and Zoom's
//! retry schedule (5, 20, 60 minutes after the first attempt, then no more) on the fake clock.

use serde_json::{json, Value};
use zoom_sim::{start, Fixture, SimHandle};

const REPORTING: &str = "SbxReportingBot0000001";

async fn control(sim: &SimHandle, path: &str, body: Value) -> (u16, Value) {
    let answer = reqwest::Client::new()
        .post(format!("{}{path}", sim.base_url()))
        .header(zoom_sim::ADMIN_TOKEN_HEADER, sim.admin_token())
        .json(&body)
        .send()
        .await
        .expect("answer");
    let status = answer.status().as_u16();
    (status, answer.json().await.unwrap_or(Value::Null))
}

async fn advance_minutes(sim: &SimHandle, minutes: u64) {
    let (status, _) = control(sim, "/_sim/clock/advance", json!({"secs": minutes * 60})).await;
    assert_eq!(status, 204);
}

async fn deliveries(sim: &SimHandle) -> Value {
    reqwest::Client::new()
        .get(format!("{}/_sim/webhooks/deliveries", sim.base_url()))
        .header(zoom_sim::ADMIN_TOKEN_HEADER, sim.admin_token())
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn a_signed_event_is_delivered_to_a_receiver_that_checks_its_signature() {
    let sim = start(Fixture::default_sandbox(), 0).await.expect("sim");
    let url = format!("{}/_sim/receivers/{REPORTING}/correct", sim.base_url());
    let (status, delivery) = control(
        &sim,
        "/_sim/webhooks/deliver",
        json!({"client_id": REPORTING, "url": url, "event": "recording.completed"}),
    )
    .await;
    assert_eq!(status, 201, "{delivery}");
    assert_eq!(delivery["delivered"], true);
    assert_eq!(
        delivery["attempts"][0]["status"], 204,
        "the receiver verified the signature"
    );
    assert_eq!(delivery["next_attempt_unix"], Value::Null);
}

#[tokio::test]
async fn a_failed_delivery_is_retried_at_5_20_and_60_minutes_then_given_up() {
    let sim = start(Fixture::default_sandbox(), 0).await.expect("sim");
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let (_, first) = control(
        &sim,
        "/_sim/webhooks/deliver",
        json!({"client_id": REPORTING, "url": format!("http://127.0.0.1:{closed_port}/hook")}),
    )
    .await;
    assert_eq!(first["delivered"], false);
    let started = first["attempts"][0]["at_unix"].as_u64().expect("a time");
    assert_eq!(first["next_attempt_unix"].as_u64(), Some(started + 5 * 60));

    let attempts = |d: &Value| {
        d["deliveries"][0]["attempts"]
            .as_array()
            .map_or(0, Vec::len)
    };
    advance_minutes(&sim, 4).await;
    assert_eq!(attempts(&deliveries(&sim).await), 1, "not due yet");
    advance_minutes(&sim, 1).await;
    assert_eq!(attempts(&deliveries(&sim).await), 2);
    advance_minutes(&sim, 15).await;
    assert_eq!(attempts(&deliveries(&sim).await), 3);
    advance_minutes(&sim, 40).await;
    let after = deliveries(&sim).await;
    assert_eq!(attempts(&after), 4);
    assert_eq!(
        after["deliveries"][0]["next_attempt_unix"],
        Value::Null,
        "Zoom stops after three retries"
    );
    advance_minutes(&sim, 120).await;
    assert_eq!(attempts(&deliveries(&sim).await), 4);
    let times: Vec<u64> = after["deliveries"][0]["attempts"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t["at_unix"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(
        times,
        [started, started + 300, started + 1200, started + 3600]
    );
}

#[tokio::test]
async fn delivering_for_an_app_without_a_secret_token_or_an_unknown_event_is_refused() {
    let sim = start(Fixture::default_sandbox(), 0).await.expect("sim");
    let (status, answer) = control(
        &sim,
        "/_sim/webhooks/deliver",
        json!({"client_id": "SbxOpsClassic000000002", "url": "http://127.0.0.1:9/"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(answer["error"]
        .as_str()
        .is_some_and(|e| e.contains("webhook_secret_token")));
    let (status, answer) = control(
        &sim,
        "/_sim/webhooks/deliver",
        json!({"client_id": REPORTING, "url": "http://127.0.0.1:9/", "event": "meeting.exploded"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(answer["error"]
        .as_str()
        .is_some_and(|e| e.contains("meeting.started")));
}
