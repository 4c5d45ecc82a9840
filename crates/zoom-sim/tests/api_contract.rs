//! One contract test per REST route: the status, shape and headers a Zoom client relies on.

use serde_json::{json, Value};
use zoom_sim::{start, Fixture, SimHandle};

const ACCOUNT: &str = "SbxDemoAccount00000001";
/// Classic admin scopes, meetings included; owned by the account Owner.
const OPS: (&str, &str) = ("SbxOpsClassic000000002", "sandboxSecretOpsClassic000000002");
/// Granular scopes without meeting writes.
const ANALYTICS: (&str, &str) = ("SbxAnalytics0000000003", "sandboxSecretAnalytics0000000003");

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
        .expect("access_token")
        .to_string()
}

async fn call(
    sim: &SimHandle,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}/v2{path}", sim.base_url()))
        .bearer_auth(token);
    if let Some(b) = body {
        request = request.json(&b);
    }
    let answer = request.send().await.expect("answer");
    let status = answer.status().as_u16();
    let headers = answer.headers().clone();
    let text = answer.text().await.unwrap_or_default();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

async fn sim() -> SimHandle {
    start(Fixture::default_sandbox(), 0).await.expect("sim")
}

#[tokio::test]
async fn get_users_pages_filters_and_carries_zooms_user_fields() {
    let sim = sim().await;
    let t = token(&sim, OPS).await;
    let (status, headers, first) =
        call(&sim, &t, reqwest::Method::GET, "/users?page_size=2", None).await;
    assert_eq!(status, 200);
    assert!(headers.contains_key("x-zm-trackingid"));
    assert_eq!(first["users"].as_array().map(Vec::len), Some(2));
    let next = first["next_page_token"].as_str().expect("token");
    assert!(!next.is_empty(), "more pages: {first}");
    let (_, _, second) = call(
        &sim,
        &t,
        reqwest::Method::GET,
        &format!("/users?page_size=2&next_page_token={next}"),
        None,
    )
    .await;
    assert_ne!(first["users"][0]["id"], second["users"][0]["id"]);
    let user = &first["users"][0];
    for field in [
        "id",
        "email",
        "type",
        "pmi",
        "timezone",
        "verified",
        "created_at",
        "last_login_time",
        "language",
        "dept",
        "status",
        "role_id",
    ] {
        assert!(!user[field].is_null(), "{field} in {user}");
    }
    let (_, _, inactive) = call(
        &sim,
        &t,
        reqwest::Method::GET,
        "/users?status=inactive",
        None,
    )
    .await;
    assert_eq!(inactive["total_records"], 0);
}

#[tokio::test]
async fn get_user_me_and_an_unknown_user() {
    let sim = sim().await;
    let t = token(&sim, OPS).await;
    let (status, _, me) = call(&sim, &t, reqwest::Method::GET, "/users/me", None).await;
    assert_eq!((status, me["id"].as_str()), (200, Some("sbx-owner-0001")));
    let (status, _, missing) = call(&sim, &t, reqwest::Method::GET, "/users/nobody", None).await;
    assert_eq!((status, missing["code"].as_i64()), (404, Some(1001)));
}

#[tokio::test]
async fn meetings_are_created_read_listed_updated_and_deleted_as_zoom_answers() {
    let sim = sim().await;
    let t = token(&sim, OPS).await;
    let (status, _, created) = call(
        &sim,
        &t,
        reqwest::Method::POST,
        "/users/me/meetings",
        Some(json!({"topic": "Standup", "type": 2, "duration": 15})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    for field in [
        "id",
        "uuid",
        "host_id",
        "topic",
        "type",
        "start_time",
        "duration",
        "timezone",
        "join_url",
        "start_url",
        "password",
        "settings",
    ] {
        assert!(!created[field].is_null(), "{field} in {created}");
    }
    let id = created["id"].as_u64().expect("id");
    let (status, _, got) = call(
        &sim,
        &t,
        reqwest::Method::GET,
        &format!("/meetings/{id}"),
        None,
    )
    .await;
    assert_eq!((status, got["topic"].as_str()), (200, Some("Standup")));
    let (status, _, list) = call(&sim, &t, reqwest::Method::GET, "/users/me/meetings", None).await;
    assert_eq!((status, list["total_records"].as_u64()), (200, Some(1)));
    let (status, _, _) = call(
        &sim,
        &t,
        reqwest::Method::PATCH,
        &format!("/meetings/{id}"),
        Some(json!({"topic": "Retro"})),
    )
    .await;
    assert_eq!(status, 204);
    let (_, _, got) = call(
        &sim,
        &t,
        reqwest::Method::GET,
        &format!("/meetings/{id}"),
        None,
    )
    .await;
    assert_eq!(got["topic"], "Retro");
    let (status, _, _) = call(
        &sim,
        &t,
        reqwest::Method::DELETE,
        &format!("/meetings/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _, gone) = call(
        &sim,
        &t,
        reqwest::Method::GET,
        &format!("/meetings/{id}"),
        None,
    )
    .await;
    assert_eq!((status, gone["code"].as_i64()), (404, Some(3001)));
}

#[tokio::test]
async fn a_meeting_write_without_its_scope_is_4711() {
    let sim = sim().await;
    let t = token(&sim, ANALYTICS).await;
    let (status, _, refused) = call(
        &sim,
        &t,
        reqwest::Method::POST,
        "/users/me/meetings",
        Some(json!({"topic": "x"})),
    )
    .await;
    assert_eq!(
        (status, refused["code"].as_i64()),
        (400, Some(4711)),
        "{refused}"
    );
    assert!(refused["message"]
        .as_str()
        .unwrap_or_default()
        .contains("meeting:write:meeting"));
}

#[tokio::test]
async fn a_host_gets_100_meeting_creates_and_updates_a_day() {
    let sim = sim().await;
    let t = token(&sim, OPS).await;
    for n in 0..100 {
        if n % 50 == 0 {
            // Stay under the account's per-second Light budget: it is the host limit under test.
            sim.world().advance_clock(std::time::Duration::from_secs(1));
        }
        let (status, _, _) = call(
            &sim,
            &t,
            reqwest::Method::POST,
            "/users/me/meetings",
            Some(json!({"topic": format!("m{n}")})),
        )
        .await;
        assert_eq!(status, 201, "create {n}");
    }
    let (status, headers, limited) = call(
        &sim,
        &t,
        reqwest::Method::POST,
        "/users/me/meetings",
        Some(json!({"topic": "one too many"})),
    )
    .await;
    assert_eq!((status, limited["code"].as_i64()), (429, Some(429)));
    assert_eq!(headers["x-ratelimit-type"], "Daily-limit");
    let retry = headers["retry-after"].to_str().unwrap_or_default();
    assert!(
        retry.ends_with("T00:00:00Z"),
        "resumes at 00:00 UTC, not {retry}"
    );
    // The limit is per host: the next UTC day, it is back.
    sim.world()
        .advance_clock(std::time::Duration::from_secs(86_400));
    let t = token(&sim, OPS).await; // yesterday's token expired long ago
    let (status, _, _) = call(
        &sim,
        &t,
        reqwest::Method::POST,
        "/users/me/meetings",
        Some(json!({"topic": "tomorrow"})),
    )
    .await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn unknown_routes_answer_zooms_json_error_and_a_per_second_429_has_the_headers() {
    let sim = sim().await;
    let t = token(&sim, OPS).await;
    let (status, headers, body) =
        call(&sim, &t, reqwest::Method::GET, "/no/such/route", None).await;
    assert_eq!((status, body["code"].as_i64()), (404, Some(2300)), "{body}");
    assert_eq!(body["message"], "This API endpoint is not recognized.");
    assert!(headers.contains_key("x-zm-trackingid"));
    sim.world().set_faults(
        Some(OPS.0),
        zoom_sim::Faults {
            rate_limited_without_retry_after: true,
            target: Some("api".into()),
            times: Some(1),
            ..Default::default()
        },
    );
    let (status, headers, _) = call(&sim, &t, reqwest::Method::GET, "/users/me", None).await;
    assert_eq!(status, 429);
    assert_eq!(headers["x-ratelimit-type"], "QPS");
    assert!(
        headers.contains_key("x-ratelimit-category") && headers.contains_key("x-ratelimit-limit")
    );
}

#[tokio::test]
async fn an_accounts_plan_budgets_are_enforced_with_zooms_429_and_headers() {
    let sim = sim().await;
    let t = token(&sim, OPS).await;
    let admin = reqwest::Client::new()
        .put(format!("{}/_sim/accounts/{ACCOUNT}/plan", sim.base_url()))
        .header(zoom_sim::ADMIN_TOKEN_HEADER, sim.admin_token())
        .json(&json!({"plan": "free"}))
        .send()
        .await
        .expect("admin");
    assert!(admin.status().is_success());
    // Within one simulated second, however slow the machine (Wine, a loaded CI runner).
    sim.world().freeze_clock();
    // GET /users is Medium: 2 a second on Free. Three at once: at least one is refused.
    let mut refused = None;
    for _ in 0..3 {
        let (status, headers, body) = call(&sim, &t, reqwest::Method::GET, "/users", None).await;
        if status == 429 {
            refused = Some((headers, body));
        }
    }
    let (headers, body) = refused.expect("a per-second 429");
    assert_eq!(body["code"], 429);
    assert_eq!(headers["x-ratelimit-category"], "Medium");
    assert_eq!(headers["x-ratelimit-type"], "QPS");
    assert_eq!(headers["x-ratelimit-limit"], "2");
    // A call that fits carries the budget's headers too.
    sim.world().advance_clock(std::time::Duration::from_secs(1));
    let (status, headers, _) = call(&sim, &t, reqwest::Method::GET, "/users", None).await;
    assert_eq!(status, 200);
    assert_eq!(headers["x-ratelimit-type"], "Daily-limit");
    assert_eq!(headers["x-ratelimit-limit"], "2000");
}

#[tokio::test]
async fn a_spent_daily_budget_answers_429_with_retry_after_at_midnight_utc() {
    use zoom_catalog::limits::{Label, Plan};
    let sim = sim().await;
    // A whole simulated day ahead, so the spending below never crosses midnight.
    sim.world().advance_to_next_utc_day();
    let t = token(&sim, OPS).await;
    {
        // Spend Free's 2,000 Medium calls for today directly: 2,000 HTTP round trips prove nothing more.
        let mut world = sim.world();
        assert!(world.set_plan(ACCOUNT, Plan::Free));
        for n in 0..2_000 {
            if n % 2 == 0 {
                world.advance_clock(std::time::Duration::from_secs(1));
            }
            world
                .spend_label_budget(ACCOUNT, Label::Medium)
                .expect("within today's budget");
        }
        world.advance_clock(std::time::Duration::from_secs(1));
    }
    let (status, headers, body) = call(&sim, &t, reqwest::Method::GET, "/users", None).await;
    assert_eq!((status, body["code"].as_i64()), (429, Some(429)));
    assert!(body["message"]
        .as_str()
        .unwrap_or_default()
        .contains("daily"));
    assert_eq!(headers["x-ratelimit-category"], "Medium");
    assert_eq!(headers["x-ratelimit-type"], "Daily-limit");
    assert_eq!(headers["x-ratelimit-limit"], "2000");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    // Zoom's Retry-After for a daily limit is the next UTC midnight, as a timestamp.
    let retry = headers["retry-after"].to_str().unwrap_or_default();
    assert!(retry.ends_with("T00:00:00Z"), "Retry-After {retry}");
}

#[tokio::test]
async fn each_operation_takes_its_own_scopes_even_where_zoom_reuses_its_operation_id() {
    // `users` is the operationId of both GET /users and GET /contact_center/users: the Ops app's
    // `user:read:admin` lists the account's users, not Contact Center's.
    let sim = sim().await;
    let token = token(&sim, OPS).await;
    let (status, _, _) = call(&sim, &token, reqwest::Method::GET, "/users", None).await;
    assert_eq!(status, 200);
    let (status, _, body) = call(
        &sim,
        &token,
        reqwest::Method::GET,
        "/contact_center/users",
        None,
    )
    .await;
    assert_eq!((status, body["code"].as_i64()), (400, Some(4711)), "{body}");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("contact_center_user:read:admin")),
        "{body}"
    );
}

#[tokio::test]
async fn an_access_token_in_the_query_string_is_refused_as_zoom_refuses_it() {
    let sim = sim().await;
    let token = token(&sim, OPS).await;
    let answer = reqwest::Client::new()
        .get(format!(
            "{}/v2/users/me?access_token={token}",
            sim.base_url()
        ))
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status().as_u16(), 401);
    let body: Value = answer.json().await.expect("json");
    assert_eq!(body["code"], 124);
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("not supported as query parameter")),
        "{body}"
    );
}
