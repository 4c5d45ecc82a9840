//! `s2s scopes`, `s2s check`, `s2s whatif`: answered from a profile's recorded test, no keychain.

mod support;

use support::{
    data_home_with_history, data_home_with_profile, reporting_test, run, with_data_home, Run,
};

async fn s2s_with_history(args: &[&str]) -> Run {
    let (home, _) = data_home_with_history(
        &["user:read:user:admin", "meeting:write:meeting:admin"],
        Some(reporting_test()),
    );
    let mut cmd = with_data_home(&home);
    cmd.args(args);
    run(cmd, None).await
}

#[tokio::test]
async fn scopes_lists_granted_scopes_by_product_with_the_owner_role_risk_and_diff() {
    let out = s2s_with_history(&["scopes", "--profile", "reporting"]).await;
    assert_eq!(out.code, 0, "{}", out.all());
    for expected in [
        "Owner role  Admin (3 privileges; read from Zoom at the last test)",
        "RISK",
        "one person's role",
        "report:read:list_meeting_participants:admin",
        "Expected but not granted: meeting:write:meeting:admin",
        "(inferred)",
    ] {
        assert!(
            out.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            out.stdout
        );
    }
    let json = s2s_with_history(&[
        "scopes",
        "--profile",
        "Reporting",
        "--json",
        "--role",
        "member",
    ])
    .await
    .json();
    assert_eq!(json["role"]["role"]["source"], "picked");
    assert_eq!(json["at_risk"].as_array().map(Vec::len), Some(8));
}

#[tokio::test]
async fn check_takes_the_calls_a_scan_of_the_project_finds() {
    let project = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../s2s-migrate/tests/fixtures/node-app"
    );
    let out = s2s_with_history(&[
        "check",
        "--profile",
        "reporting",
        "--from-scan",
        project,
        "--json",
    ])
    .await;
    let report = out.json();
    let checked: Vec<&str> = report["calls"]
        .as_array()
        .expect("calls")
        .iter()
        .filter_map(|c| c["input"].as_str())
        .collect();
    assert_eq!(
        checked,
        [
            "GET /report/meetings/{x}/participants",
            "GET /users/{x}/meetings",
            "POST /users/{x}/meetings"
        ],
        "{}",
        out.stdout
    );
    // The Reporting app reads reports but may not create meetings: exit 5, with what to add.
    assert_eq!(out.code, 5, "{}", out.all());
    assert!(
        report["to_add"].as_array().is_some_and(|a| !a.is_empty()),
        "{report}"
    );
    let missing = s2s_with_history(&[
        "check",
        "--profile",
        "reporting",
        "--from-scan",
        "/no/such/project",
    ])
    .await;
    assert_eq!(missing.code, 2, "{}", missing.all());
    assert!(
        missing.stderr.contains("nothing at /no/such/project"),
        "{}",
        missing.all()
    );
}

#[tokio::test]
async fn expected_scopes_of_both_models_are_called_out() {
    let (home, _) = data_home_with_history(
        &["user:read:admin", "user:read:user:admin"],
        Some(reporting_test()),
    );
    let mut cmd = with_data_home(&home);
    cmd.args(["scopes", "--profile", "reporting"]);
    let out = run(cmd, None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("⚠ The expected scopes mix classic names (user:read:admin) and granular ones (user:read:user:admin)"),
        "{}",
        out.stdout
    );
    let mut cmd = with_data_home(&home);
    cmd.args(["scopes", "--profile", "reporting", "--json"]);
    let json = run(cmd, None).await.json();
    assert_eq!(
        json["diff"]["expected_mixed"]["classic"][0],
        "user:read:admin"
    );
}

#[tokio::test]
async fn check_passes_when_every_call_is_covered_and_fails_with_the_scopes_to_add() {
    let ok = s2s_with_history(&[
        "check",
        "--profile",
        "Reporting",
        "GET",
        "/users/{userId}",
        "users",
    ])
    .await;
    assert_eq!(ok.code, 0, "{}", ok.all());
    assert!(
        ok.stdout.contains("All calls are covered."),
        "{}",
        ok.stdout
    );
    // Least privilege: the Reporting Bot's role and meeting scopes serve none of these calls.
    assert!(
        ok.stdout.contains("Held but no call above needs them")
            && ok.stdout.contains("  meeting:read:list_meetings:admin"),
        "{}",
        ok.stdout
    );

    let missing = s2s_with_history(&[
        "check",
        "--profile",
        "Reporting",
        "GET",
        "/users/{userId}",
        "POST",
        "/users/{userId}/meetings",
        "--json",
    ])
    .await;
    assert_eq!(missing.code, 5, "{}", missing.all());
    let json = missing.json();
    assert_eq!(json["to_add"][0]["scope"], "meeting:write:meeting:admin");
    assert_eq!(json["calls"][1]["coverage"]["status"], "not_covered");

    let unknown = s2s_with_history(&["check", "--profile", "Reporting", "GET", "/not/zoom"]).await;
    assert_eq!(unknown.code, 2, "{}", unknown.all());
    assert!(
        unknown
            .stdout
            .contains("no GET /not/zoom in the scope catalog"),
        "{}",
        unknown.all()
    );
}

#[tokio::test]
async fn whatif_member_names_every_admin_scope_and_the_calls_that_would_fail() {
    let out = s2s_with_history(&["whatif", "--profile", "Reporting", "--role", "member"]).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("from Admin to Member"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Zoom would remove 8 scope(s)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("GET /users — List users"),
        "{}",
        out.stdout
    );

    let one = s2s_with_history(&[
        "whatif",
        "--profile",
        "Reporting",
        "--remove-privilege",
        "UsageReport:Read",
        "--json",
    ])
    .await;
    assert_eq!(
        one.json()["removed"],
        serde_json::json!(["report:read:list_meeting_participants:admin"])
    );
}

#[tokio::test]
async fn without_a_recorded_test_the_scope_commands_say_to_test_first() {
    let (home, _) = data_home_with_profile(&[]);
    let mut cmd = with_data_home(&home);
    cmd.args(["check", "--profile", "Reporting", "users"]);
    let out = run(cmd, None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("s2s test-token --profile"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn a_role_file_that_is_not_json_is_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("role.json");
    std::fs::write(&file, "not json").expect("written");
    let out = s2s_with_history(&[
        "whatif",
        "--profile",
        "Reporting",
        "--role",
        file.to_str().unwrap_or_default(),
    ])
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("GET /roles/{roleId}"), "{}", out.all());
}

#[tokio::test]
async fn check_takes_a_scope_list_without_a_profile_with_the_same_answers_and_codes() {
    let covered = run(
        {
            let mut cmd = support::s2s();
            cmd.args([
                "check",
                "--scopes",
                "user:read:list_users:admin, meeting:read:list_meetings:admin",
                "GET",
                "/users",
            ]);
            cmd
        },
        None,
    )
    .await;
    assert_eq!(covered.code, 0, "{}", covered.all());
    let missing = run(
        {
            let mut cmd = support::s2s();
            cmd.args([
                "check",
                "--scopes",
                "user:read:user",
                "--json",
                "GET",
                "/users",
            ]);
            cmd
        },
        None,
    )
    .await;
    assert_eq!(missing.code, 5, "{}", missing.all());
    assert_eq!(missing.json()["all_covered"], false);
    // Phone, Team Chat and the other products are in the catalog now.
    let phone = run(
        {
            let mut cmd = support::s2s();
            cmd.args([
                "check",
                "--scopes",
                "phone:read:list_users:admin",
                "GET",
                "/phone/users",
            ]);
            cmd
        },
        None,
    )
    .await;
    assert_eq!(phone.code, 0, "{}", phone.all());
}

#[tokio::test]
async fn scopes_says_when_the_client_secret_is_past_its_rotation_reminder() {
    let (home, id) = data_home_with_history(&[], Some(reporting_test()));
    support::age_secret(&home, &id, 120);
    let mut cmd = with_data_home(&home);
    cmd.args(["scopes", "--profile", "reporting"]);
    let out = run(cmd, None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("Client secret 120 days old — past the 90-day reminder: rotate it"),
        "{}",
        out.stdout
    );
}
