//! "Try a call": a fresh token, one request to the profile's API host, what authorized it —
//! against the simulator. Nothing is recorded and no token comes back.

use s2s_core::api_call::CallMethod;
use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::try_call::{CallRequest, TryCallError, TryCallResult};

use crate::support::*;

/// The simulator, and the Reporting Bot saved as a profile in a throwaway folder.
struct World {
    sim: zoom_sim::SimHandle,
    profiles: ProfileService,
    id: String,
    tester: s2s_core::TokenTester,
    _dir: tempfile::TempDir,
}

impl World {
    async fn try_call(&self, request: &CallRequest) -> Result<TryCallResult, TryCallError> {
        self.profiles.use_sandbox(&self.sim.base_url());
        self.profiles
            .try_call(&self.tester, &self.id, request)
            .await
    }

    async fn start() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let (profiles, id) = saved_reporting_bot(dir.path(), "Reporting");
        Self {
            sim: sim().await,
            profiles,
            id,
            tester: tester().0,
            _dir: dir,
        }
    }
}

fn get(path: &str) -> CallRequest {
    CallRequest {
        method: CallMethod::Get,
        path: path.into(),
        confirmed: false,
    }
}

#[tokio::test]
async fn a_get_answers_with_the_scope_that_authorized_it_and_records_nothing() {
    let world = World::start().await;
    let result = world
        .try_call(&get("/users?page_size=2"))
        .await
        .expect("tried");
    let TryCallResult::Answered {
        path,
        operation,
        authorized_by,
        answer,
        ..
    } = result
    else {
        panic!("no answer: {result:?}");
    };
    assert_eq!(path, "/v2/users?page_size=2");
    assert_eq!(answer.status, 200);
    assert_eq!(operation.map(|o| o.operation_id), Some("users".to_string()));
    assert!(
        authorized_by.contains(&"user:read:list_users:admin".to_string()),
        "{authorized_by:?}"
    );
    assert!(answer.body.contains("\"users\""), "{}", answer.body);
    assert!(answer.explanation.is_none());
    assert!(
        answer.rate_limit.category.is_some(),
        "Zoom's rate-limit headers are shown"
    );
    assert!(
        world
            .profiles
            .get(&world.id)
            .expect("profile")
            .history
            .is_empty(),
        "a tried call is not a test"
    );
}

#[tokio::test]
async fn a_call_the_token_has_no_scope_for_is_explained() {
    let world = World::start().await;
    let result = world
        .try_call(&get("/meetings/85746065432"))
        .await
        .expect("tried");
    let TryCallResult::Answered {
        answer,
        authorized_by,
        ..
    } = result
    else {
        panic!("no answer: {result:?}");
    };
    assert_eq!(answer.status, 400);
    assert!(answer
        .zoom_error
        .as_deref()
        .unwrap_or_default()
        .starts_with("4711"));
    assert!(answer
        .explanation
        .as_deref()
        .unwrap_or_default()
        .contains("lacks the scope"));
    assert!(authorized_by.is_empty());
}

#[tokio::test]
async fn a_call_that_changes_the_account_waits_for_confirmation_and_paths_stay_paths() {
    let world = World::start().await;
    let post = CallRequest {
        method: CallMethod::Post,
        path: "/users/me/meetings".into(),
        confirmed: false,
    };
    let refused = world.try_call(&post).await;
    assert!(matches!(
        refused,
        Err(TryCallError::NeedsConfirmation("POST"))
    ));
    for bad in ["https://evil.example/v2/users", "/users/{userId}"] {
        let refused = world.try_call(&get(bad)).await;
        assert!(matches!(refused, Err(TryCallError::Path(_))), "{bad}");
    }
    assert_eq!(
        token_requests(&world.sim, REPORTING.0),
        0,
        "nothing was sent"
    );
}

#[tokio::test]
async fn any_operation_zoom_documents_can_be_tried_in_the_sandbox() {
    // The dashboard's meeting list has no handler of its own in the simulator: it answers
    // Zoom's documented shape, authorized by the scope the catalog names.
    let world = World::start().await;
    let result = world
        .try_call(&get(
            "/metrics/meetings?type=past&from=2026-11-01&to=2026-11-30",
        ))
        .await
        .expect("tried");
    let TryCallResult::Answered {
        operation,
        authorized_by,
        answer,
        ..
    } = result
    else {
        panic!("no answer: {result:?}");
    };
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        operation.map(|o| o.operation_id),
        Some("dashboardMeetings".to_string())
    );
    assert_eq!(authorized_by, ["dashboard:read:list_meetings:admin"]);
    let body: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    assert!(body["meetings"].is_array(), "{body}");
}

#[tokio::test]
async fn a_row_of_zooms_oauth_error_table_comes_with_what_to_do() {
    // Zoom's 4738: an admin turned off pre-approval for the app, so its tokens are disabled.
    let world = World::start().await;
    set_fault(
        &world.sim,
        REPORTING.0,
        zoom_sim::Faults {
            zoom_error: Some(zoom_sim::ZoomError {
                status: 401,
                code: 4738,
                message: "The token is disabled by admin.".into(),
            }),
            target: Some("api".into()),
            times: Some(1),
            ..Default::default()
        },
    );
    let result = world.try_call(&get("/users/me")).await.expect("tried");
    let TryCallResult::Answered { answer, .. } = result else {
        panic!("no answer: {result:?}");
    };
    assert_eq!(answer.status, 401);
    assert!(
        answer
            .zoom_error
            .as_deref()
            .is_some_and(|e| e.contains("4738")),
        "{:?}",
        answer.zoom_error
    );
    let explanation = answer.explanation.unwrap_or_default();
    assert!(explanation.contains("allow the app again"), "{explanation}");
}
