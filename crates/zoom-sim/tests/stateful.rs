//! What integrations create, they read back: each stored kind through its whole life, as Zoom
//! documents it: create → read → update (nested objects merged) → list → delete → the
//! documented error; and the same ids and emails in every answer.

use serde_json::{json, Value};
use zoom_sim::{start, Fixture, SimHandle};

const ACCOUNT: &str = "SbxDemoAccount00000001";
/// Classic admin scopes (meetings, webinars, users, roles, groups, reports), and `recording:read`, the classic
/// scope Zoom documents for reading one meeting's recordings; owned by the account Owner.
const OPS: (&str, &str) = ("SbxOpsClassic000000002", "sandboxSecretOpsClassic000000002");
const OWNER_EMAIL: &str = "olivia.owner@sandbox.example";

struct Zoom {
    sim: SimHandle,
    token: String,
    http: reqwest::Client,
}

impl Zoom {
    async fn new() -> Self {
        let mut fixture = Fixture::default_sandbox();
        let app = fixture.accounts[0]
            .apps
            .iter_mut()
            .find(|a| a.client_id == OPS.0)
            .expect("the ops app");
        app.scopes.extend(
            [
                "user:write:admin",
                "recording:read",
                "report:read:admin",
                "role:write:admin",
                "webinar:read:admin",
                "webinar:write:admin",
                "group:read:admin",
                "group:write:admin",
            ]
            .map(String::from),
        );
        let sim = start(fixture, 0).await.expect("sim");
        let mut zoom = Self {
            sim,
            token: String::new(),
            http: reqwest::Client::new(),
        };
        zoom.sign_in().await;
        zoom
    }

    /// Gives the app the first scope Zoom documents for each operation, then a new token.
    async fn grant_scopes_for(&mut self, operations: &[(&str, &str)]) {
        let catalog = zoom_catalog::catalog();
        for op in catalog.operations() {
            if operations.contains(&(op.method.as_str(), op.path.as_str())) {
                let scope = op.alternatives().next().expect("a documented scope");
                self.sim.world().grant_scope(OPS.0, scope);
            }
        }
        self.sign_in().await;
    }

    /// A new token (the last one expires when the clock passes its hour).
    async fn sign_in(&mut self) {
        let answer: Value = self
            .http
            .post(format!("{}/oauth/token", self.sim.base_url()))
            .basic_auth(OPS.0, Some(OPS.1))
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
        self.token = answer["access_token"]
            .as_str()
            .unwrap_or_default()
            .to_string();
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self
            .http
            .request(
                method.parse().expect("method"),
                format!("{}/v2{path}", self.sim.base_url()),
            )
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = request.send().await.expect("answer");
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn a_webinar_lives_and_dies_as_zoom_documents() {
    let zoom = Zoom::new().await;
    let (status, created) = zoom
        .call(
            "POST",
            "/users/me/webinars",
            Some(
                json!({"topic": "Quarterly all hands", "type": 5, "duration": 90,
                "settings": {"approval_type": 0, "audio": "both", "panelists_video": true}}),
            ),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["topic"], "Quarterly all hands");
    assert_eq!(created["host_email"], OWNER_EMAIL, "the host's own email");
    let id = created["id"].as_u64().expect("a numeric id");

    let (status, _) = zoom
        .call(
            "PATCH",
            &format!("/webinars/{id}"),
            Some(json!({"settings": {"audio": "voip"}})),
        )
        .await;
    assert_eq!(status, 204);
    let (status, read) = zoom.call("GET", &format!("/webinars/{id}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(read["settings"]["audio"], "voip", "the change is kept");
    assert_eq!(
        read["settings"]["panelists_video"], true,
        "the other settings too"
    );
    assert_eq!(
        (read["id"].as_u64(), &read["host_id"]),
        (Some(id), &created["host_id"])
    );

    let (_, listed) = zoom
        .call("GET", "/users/me/webinars?page_size=30", None)
        .await;
    assert_eq!(listed["total_records"], 1);
    assert_eq!(listed["webinars"][0]["id"].as_u64(), Some(id));

    let (status, _) = zoom.call("DELETE", &format!("/webinars/{id}"), None).await;
    assert_eq!(status, 204);
    let (status, gone) = zoom.call("GET", &format!("/webinars/{id}"), None).await;
    assert_eq!((status, &gone["code"]), (404, &json!(3001)), "{gone}");
    assert!(
        gone["message"]
            .as_str()
            .unwrap_or_default()
            .contains(&id.to_string()),
        "{gone}"
    );
    let (_, listed) = zoom.call("GET", "/users/me/webinars", None).await;
    assert_eq!(
        (listed["total_records"].clone(), listed["webinars"].clone()),
        (json!(0), json!([]))
    );
}

#[tokio::test]
async fn a_meeting_keeps_its_settings_its_hosts_email_and_its_registrants() {
    let zoom = Zoom::new().await;
    let (status, meeting) = zoom
        .call(
            "POST",
            "/users/me/meetings",
            Some(json!({"topic": "Sync", "settings": {"approval_type": 0, "waiting_room": false}})),
        )
        .await;
    assert_eq!(status, 201, "{meeting}");
    assert_eq!(meeting["host_email"], OWNER_EMAIL);
    assert_eq!(
        meeting["settings"]["waiting_room"], false,
        "asked settings are kept"
    );
    let id = meeting["id"].as_u64().expect("id");
    let (status, _) = zoom
        .call(
            "PATCH",
            &format!("/meetings/{id}"),
            Some(json!({"settings": {"mute_upon_entry": true}})),
        )
        .await;
    assert_eq!(status, 204);
    let (_, read) = zoom.call("GET", &format!("/meetings/{id}"), None).await;
    assert_eq!(read["settings"]["mute_upon_entry"], true);
    assert_eq!(
        read["settings"]["waiting_room"], false,
        "merged, not replaced"
    );

    let (status, registrant) = zoom
        .call(
            "POST",
            &format!("/meetings/{id}/registrants"),
            Some(json!({"email": "guest@example.com", "first_name": "Gus"})),
        )
        .await;
    assert_eq!(status, 201, "{registrant}");
    let registrant_id = registrant["registrant_id"]
        .as_str()
        .expect("registrant_id")
        .to_string();
    let (_, one) = zoom
        .call(
            "GET",
            &format!("/meetings/{id}/registrants/{registrant_id}"),
            None,
        )
        .await;
    assert_eq!(
        (one["email"].as_str(), one["first_name"].as_str()),
        (Some("guest@example.com"), Some("Gus"))
    );
    let (_, listed) = zoom
        .call("GET", &format!("/meetings/{id}/registrants"), None)
        .await;
    assert_eq!(listed["registrants"][0]["id"], registrant_id);
    let (status, missing) = zoom.call("GET", "/meetings/999/registrants", None).await;
    assert_eq!((status, &missing["code"]), (404, &json!(3001)));
}

#[tokio::test]
async fn user_settings_start_as_documented_and_keep_each_change() {
    let zoom = Zoom::new().await;
    let (status, before) = zoom.call("GET", "/users/me/settings", None).await;
    assert_eq!(status, 200);
    assert!(before["in_meeting"].is_object(), "{before}");
    let (status, changed) = zoom
        .call(
            "PATCH",
            "/users/me/settings",
            Some(json!({"in_meeting": {"chat": false}})),
        )
        .await;
    assert_eq!(status, 204, "{changed}");
    let (_, after) = zoom.call("GET", "/users/me/settings", None).await;
    assert_eq!(after["in_meeting"]["chat"], false);
    let mut expected = before.clone();
    expected["in_meeting"]["chat"] = json!(false);
    assert_eq!(after, expected, "only the changed setting differs");
    let (status, missing) = zoom
        .call("GET", "/users/nobody@example.com/settings", None)
        .await;
    assert_eq!((status, &missing["code"]), (404, &json!(1001)), "{missing}");
}

#[tokio::test]
async fn a_group_is_created_listed_renamed_and_deleted() {
    let zoom = Zoom::new().await;
    let (status, group) = zoom
        .call("POST", "/groups", Some(json!({"name": "Support"})))
        .await;
    assert_eq!(status, 201, "{group}");
    assert_eq!(
        (group["name"].as_str(), group["total_members"].as_u64()),
        (Some("Support"), Some(0))
    );
    let id = group["id"].as_str().expect("id").to_string();
    assert_eq!(id.len(), 22, "Zoom's text ids");
    zoom.call(
        "PATCH",
        &format!("/groups/{id}"),
        Some(json!({"name": "Customer support"})),
    )
    .await;
    let (_, read) = zoom.call("GET", &format!("/groups/{id}"), None).await;
    assert_eq!(read["name"], "Customer support");
    let (_, listed) = zoom.call("GET", "/groups", None).await;
    assert_eq!(listed["groups"][0]["id"], id.as_str());
    assert_eq!(
        zoom.call("DELETE", &format!("/groups/{id}"), None).await.0,
        204
    );
    let (status, gone) = zoom.call("GET", &format!("/groups/{id}"), None).await;
    assert_eq!((status, &gone["code"]), (404, &json!(4130)), "{gone}");
}

#[tokio::test]
async fn a_meeting_is_upcoming_then_past_with_its_host_its_recording_and_its_report() {
    let mut zoom = Zoom::new().await;
    zoom.sim.world().freeze_clock();
    let (_, recorded) = zoom
        .call(
            "POST",
            "/users/me/meetings",
            Some(json!({"topic": "Recorded", "duration": 30,
                "settings": {"auto_recording": "cloud"}})),
        )
        .await;
    let (_, unrecorded) = zoom
        .call(
            "POST",
            "/users/me/meetings",
            Some(json!({"topic": "Not recorded"})),
        )
        .await;
    let id = recorded["id"].as_u64().expect("id");
    let (_, upcoming) = zoom.call("GET", "/users/me/upcoming_meetings", None).await;
    assert_eq!(upcoming["total_records"], 2, "{upcoming}");
    let (status, not_yet) = zoom
        .call("GET", &format!("/past_meetings/{id}"), None)
        .await;
    assert_eq!(
        (status, &not_yet["code"]),
        (404, &json!(3001)),
        "not happened yet"
    );

    zoom.sim
        .world()
        .advance_clock(std::time::Duration::from_secs(3 * 3600));
    zoom.sign_in().await;
    let (status, upcoming) = zoom.call("GET", "/users/me/upcoming_meetings", None).await;
    assert_eq!(status, 200, "{upcoming}");
    assert_eq!(upcoming["total_records"], 0, "both have happened");
    let (status, past) = zoom
        .call("GET", &format!("/past_meetings/{id}"), None)
        .await;
    assert_eq!(status, 200, "{past}");
    assert_eq!(
        (past["topic"].as_str(), past["user_email"].as_str()),
        (Some("Recorded"), Some(OWNER_EMAIL))
    );
    let (_, people) = zoom
        .call("GET", &format!("/past_meetings/{id}/participants"), None)
        .await;
    assert_eq!(
        people["participants"][0]["user_email"], OWNER_EMAIL,
        "its host attended"
    );
    assert_eq!(people["participants"][0]["duration"], 30 * 60);

    let (status, recording) = zoom
        .call("GET", &format!("/meetings/{id}/recordings"), None)
        .await;
    assert_eq!(status, 200, "{recording}");
    assert_eq!(
        recording["recording_files"].as_array().map(Vec::len),
        Some(2)
    );
    let url = recording["recording_files"][0]["download_url"]
        .as_str()
        .unwrap_or_default();
    let file = zoom.http.get(url).send().await.expect("download");
    assert_eq!(file.status().as_u16(), 200, "{url} downloads");
    let other = unrecorded["id"].as_u64().expect("id");
    let (status, none) = zoom
        .call("GET", &format!("/meetings/{other}/recordings"), None)
        .await;
    assert_eq!((status, &none["code"]), (404, &json!(3301)), "{none}");
    let (_, mine) = zoom.call("GET", "/users/me/recordings", None).await;
    assert_eq!(
        mine["meetings"][0]["id"].as_u64(),
        Some(id),
        "only the recorded one"
    );
    assert_eq!(mine["total_records"], 1);

    let (_, report) = zoom.call("GET", "/report/users/me/meetings", None).await;
    assert_eq!(report["total_records"], 2, "{report}");
    let (_, one) = zoom
        .call("GET", &format!("/report/meetings/{id}"), None)
        .await;
    assert_eq!(one["participants_count"], 1);
    assert_eq!(
        (&one["user_email"], &one["user_name"]),
        (&json!(OWNER_EMAIL), &json!("Olivia Owner")),
        "the host as GET /users names her"
    );
}

#[tokio::test]
async fn a_user_is_added_changed_read_back_and_removed() {
    let zoom = Zoom::new().await;
    let (status, user) = zoom
        .call(
            "POST",
            "/users",
            Some(
                json!({"action": "create", "user_info": {"email": "nia.new@sandbox.example",
                "type": 1, "first_name": "Nia", "last_name": "New"}}),
            ),
        )
        .await;
    assert_eq!(status, 201, "{user}");
    let id = user["id"].as_str().expect("id").to_string();
    let (status, again) = zoom
        .call(
            "POST",
            "/users",
            Some(json!({"action": "create", "user_info": {"email": "nia.new@sandbox.example", "type": 1}})),
        )
        .await;
    assert_eq!((status, &again["code"]), (409, &json!(1005)), "{again}");
    assert!(again["message"]
        .as_str()
        .unwrap_or_default()
        .contains("nia.new@sandbox.example"));

    let (status, _) = zoom
        .call(
            "PATCH",
            &format!("/users/{id}"),
            Some(json!({"last_name": "Newer", "company": "Example, Inc."})),
        )
        .await;
    assert_eq!(status, 204);
    let (_, read) = zoom
        .call("GET", "/users/nia.new@sandbox.example", None)
        .await;
    assert_eq!(
        (read["id"].as_str(), read["last_name"].as_str()),
        (Some(id.as_str()), Some("Newer"))
    );
    assert_eq!(read["company"], "Example, Inc.", "profile fields are kept");
    assert_eq!(read["role_id"], "2", "a new user is a Member");
    let (_, exists) = zoom
        .call("GET", "/users/email?email=nia.new@sandbox.example", None)
        .await;
    assert_eq!(exists["existed_email"], true);
    let (_, listed) = zoom.call("GET", "/users?page_size=300", None).await;
    assert!(listed["users"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|u| u["id"] == id.as_str()));

    assert_eq!(
        zoom.call("DELETE", &format!("/users/{id}?action=delete"), None)
            .await
            .0,
        204
    );
    let (status, gone) = zoom.call("GET", &format!("/users/{id}"), None).await;
    assert_eq!((status, &gone["code"]), (404, &json!(1001)));
    let (status, admin) = zoom
        .call("DELETE", "/users/adam.admin@sandbox.example", None)
        .await;
    assert_eq!(
        (status, &admin["code"]),
        (400, &json!(1117)),
        "an admin is not disassociated: {admin}"
    );
}

#[tokio::test]
async fn a_custom_role_takes_members_gives_them_back_and_then_goes() {
    let zoom = Zoom::new().await;
    let (status, role) = zoom
        .call(
            "POST",
            "/roles",
            Some(json!({"name": "Auditors", "description": "Reads users",
                "privileges": ["User:Read", "Role:Read"]})),
        )
        .await;
    assert_eq!(status, 200, "{role}");
    let role_id = role["id"].as_str().expect("id").to_string();
    let (status, taken) = zoom
        .call("POST", "/roles", Some(json!({"name": "auditors"})))
        .await;
    assert_eq!((status, &taken["code"]), (400, &json!(1224)), "{taken}");

    let (status, added) = zoom
        .call(
            "POST",
            &format!("/roles/{role_id}/members"),
            Some(json!({"members": [{"email": "mia.member@sandbox.example"}]})),
        )
        .await;
    assert_eq!(status, 201, "{added}");
    let (_, members) = zoom
        .call("GET", &format!("/roles/{role_id}/members"), None)
        .await;
    assert_eq!(
        members["members"][0]["email"], "mia.member@sandbox.example",
        "{members}"
    );
    let (_, mia) = zoom
        .call("GET", "/users/mia.member@sandbox.example", None)
        .await;
    assert_eq!(mia["role_id"], role_id.as_str());

    let (status, in_use) = zoom
        .call("DELETE", &format!("/roles/{role_id}"), None)
        .await;
    assert_eq!(
        (status, &in_use["code"]),
        (400, &json!(1034)),
        "a role with members stays"
    );
    let member = mia["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        zoom.call(
            "DELETE",
            &format!("/roles/{role_id}/members/{member}"),
            None
        )
        .await
        .0,
        204
    );
    let (_, mia) = zoom.call("GET", &format!("/users/{member}"), None).await;
    assert_eq!(mia["role_id"], "2", "back to Member");
    assert_eq!(
        zoom.call("DELETE", &format!("/roles/{role_id}"), None)
            .await
            .0,
        200
    );
    let (status, _) = zoom
        .call("GET", &format!("/roles/{role_id}/members"), None)
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_removed_owners_apps_pass_to_the_account_owner() {
    let zoom = Zoom::new().await;
    let owner_of = |client_id: &str| {
        let world = zoom.sim.world();
        world.app(client_id).map(|(_, app)| app.owner_id.clone())
    };
    let analytics = "SbxAnalytics0000000003";
    let before = owner_of(analytics).expect("the analytics app");
    assert_ne!(
        before, "sbx-owner-0001",
        "owned by someone else to begin with"
    );
    let (status, _) = zoom
        .call("DELETE", &format!("/users/{before}?action=delete"), None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(owner_of(analytics).as_deref(), Some("sbx-owner-0001"));
}

#[tokio::test]
async fn what_a_documented_delete_removes_stays_removed_even_for_shape_only_operations() {
    let mut zoom = Zoom::new().await;
    // The scopes Zoom documents for these two (its data spells one "division:wirte:admin").
    zoom.grant_scopes_for(&[
        ("GET", "/divisions/{divisionId}"),
        ("DELETE", "/divisions/{divisionId}"),
    ])
    .await;
    let (status, division) = zoom.call("GET", "/divisions/d-engineering", None).await;
    assert_eq!(status, 200, "answered by its documented shape: {division}");
    assert_eq!(
        zoom.call("DELETE", "/divisions/d-engineering", None)
            .await
            .0,
        204
    );
    let (status, gone) = zoom.call("GET", "/divisions/d-engineering", None).await;
    assert_eq!(status, 404, "{gone}");
    assert_eq!(
        gone["message"], "Division not found.",
        "the reference's words"
    );
    let (status, _) = zoom.call("GET", "/divisions/d-marketing", None).await;
    assert_eq!(status, 200, "only what was deleted is gone");
}

#[tokio::test]
async fn an_app_created_through_the_marketplace_api_is_a_real_app_until_deleted() {
    let mut zoom = Zoom::new().await;
    zoom.grant_scopes_for(&[
        ("POST", "/marketplace/apps"),
        ("GET", "/marketplace/apps"),
        ("GET", "/marketplace/apps/{appId}"),
        ("DELETE", "/marketplace/apps/{appId}"),
    ])
    .await;
    let (status, missing) = zoom
        .call(
            "POST",
            "/marketplace/apps",
            Some(json!({"app_name": "Half"})),
        )
        .await;
    assert_eq!((status, &missing["code"]), (404, &json!(1500)), "{missing}");
    let (status, created) = zoom
        .call(
            "POST",
            "/marketplace/apps",
            Some(
                json!({"app_name": "Nightly export", "app_type": "s2s_oauth", "active": true,
                "scopes": ["user:read:admin"], "company_name": "Example",
                "contact_name": "Olivia", "contact_email": "olivia.owner@sandbox.example"}),
            ),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let app_id = created["app_id"].as_str().expect("app_id").to_string();
    let client_id = created["production_credentials"]["client_id"]
        .as_str()
        .expect("id");
    let secret = created["production_credentials"]["client_secret"]
        .as_str()
        .expect("secret");
    let token = |id: &str, secret: &str| {
        zoom.http
            .post(format!("{}/oauth/token", zoom.sim.base_url()))
            .basic_auth(id.to_string(), Some(secret.to_string()))
            .form(&[
                ("grant_type", "account_credentials"),
                ("account_id", ACCOUNT),
            ])
            .send()
    };
    let answer: Value = token(client_id, secret)
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    assert_eq!(
        answer["scope"], "user:read:admin",
        "its credentials work: {answer}"
    );

    let (_, read) = zoom
        .call("GET", &format!("/marketplace/apps/{app_id}"), None)
        .await;
    assert_eq!(read["app_name"], "Nightly export");
    let (_, listed) = zoom.call("GET", "/marketplace/apps", None).await;
    assert!(listed["apps"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|a| a["app_id"] == app_id.as_str()));

    assert_eq!(
        zoom.call("DELETE", &format!("/marketplace/apps/{app_id}"), None)
            .await
            .0,
        204
    );
    let (status, gone) = zoom
        .call("GET", &format!("/marketplace/apps/{app_id}"), None)
        .await;
    assert_eq!((status, &gone["code"]), (404, &json!(1401)));
    let refused = token(client_id, secret).await.expect("answer");
    assert_eq!(
        refused.status().as_u16(),
        400,
        "a deleted app's credentials get no token"
    );
}

#[tokio::test]
async fn the_marketplace_list_counts_each_apps_calls_as_zooms_usage_figures() {
    let mut zoom = Zoom::new().await;
    zoom.grant_scopes_for(&[("GET", "/marketplace/apps")]).await;
    assert_eq!(zoom.call("GET", "/users/me", None).await.0, 200);
    assert_eq!(
        zoom.call("GET", "/users/nobody@sandbox.example", None)
            .await
            .0,
        404
    );
    let (status, listed) = zoom.call("GET", "/marketplace/apps", None).await;
    assert_eq!(status, 200, "{listed}");
    let app = |client_prefix: &str| {
        listed["apps"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| {
                a["app_id"]
                    .as_str()
                    .is_some_and(|id| id.starts_with(client_prefix))
            })
            .cloned()
            .unwrap_or_else(|| panic!("{client_prefix} in {listed}"))
    };
    let ops = app("SbxAppOpsClassic");
    assert_eq!(
        (&ops["total_calls"], &ops["failed_calls"]),
        (&json!(2), &json!(1)),
        "{ops}"
    );
    assert_eq!(ops["active_users"], 1);
    assert!(
        ops["last_used"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{ops}"
    );
    assert_eq!(ops["creator_info"]["email"], OWNER_EMAIL);
    let unused = app("SbxAppAnalytics");
    assert_eq!(
        (&unused["total_calls"], &unused["active_users"]),
        (&json!(0), &json!(0))
    );
    assert!(unused.get("last_used").is_none(), "never used: no time");
    assert!(
        ops["scopes"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s["scope_name"] == "user:read:admin")),
        "which app holds which scopes: {ops}"
    );
}
