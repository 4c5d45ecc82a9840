//! A good S2S app gets a token, and the report says everything an admin needs.

use s2s_core::probe::ProbeOutcome;
use s2s_core::{Level, ScopeModel};

use crate::support::*;

#[tokio::test]
async fn a_valid_app_gets_a_token_with_parsed_scopes_expiry_and_api_url() {
    let sim = sim().await;
    let (tester, _) = tester();
    let outcome = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("token issued");
    let t = &outcome.report.token;
    assert_eq!(t.token_type, "bearer");
    assert_eq!(t.expires_in, 3599);
    assert_eq!(
        t.api_url,
        sim.base_url(),
        "api_url comes from Zoom's response"
    );
    assert!(t.api_url_from_response);
    assert!(t
        .scopes
        .iter()
        .any(|s| s.raw == "user:read:list_users:admin"
            && s.level == Level::Admin
            && s.model == ScopeModel::Granular));
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    assert!((t.expires_at_unix - now - 3599).abs() <= 5);
    assert!(outcome.report.passed());
    assert_eq!(outcome.report.attempts, 1);
}

#[tokio::test]
async fn the_probe_names_the_owner_and_reads_rate_limit_headers() {
    let sim = sim().await;
    let (tester, _) = tester();
    let outcome = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("token issued");
    let ProbeOutcome::Owner { owner, rate_limit } = outcome.report.probe else {
        panic!("probe: {:?}", outcome.report.probe)
    };
    assert_eq!(owner.email.as_deref(), Some("adam.admin@sandbox.example"));
    assert_eq!(
        (owner.role_name.as_deref(), owner.role_id.as_deref()),
        (Some("Admin"), Some("1"))
    );
    // GET /users/me is a Light call; the Sandbox account is on Business+: 80 a second.
    assert_eq!(rate_limit.category.as_deref(), Some("Light"));
    assert_eq!(rate_limit.limit_type.as_deref(), Some("QPS"));
    assert_eq!(rate_limit.limit, Some(80));
    assert_eq!(rate_limit.remaining, Some(79));
}

#[tokio::test]
async fn a_token_without_user_scopes_is_still_proven_valid_by_zooms_4711() {
    let sim = sim().await;
    edit_app(&sim, PERSONAL.0, |app| {
        app.scopes = vec!["meeting:read:meeting".into()]
    });
    let (tester, _) = tester();
    let outcome = tester
        .test(&creds(PERSONAL), &options(&sim))
        .await
        .expect("token issued");
    let ProbeOutcome::TokenValidScopeMissing { missing, .. } = &outcome.report.probe else {
        panic!("{:?}", outcome.report.probe)
    };
    assert_eq!(missing, &["user:read:user", "user:read:user:admin"]);
    assert!(
        outcome.report.passed(),
        "a missing read scope does not fail the token test"
    );
}

#[tokio::test]
async fn required_scopes_gate_a_deployment() {
    let sim = sim().await;
    let (tester, _) = tester();
    let mut opts = options(&sim);
    opts.required_scopes = vec![
        "user:read:list_users:admin".into(),
        "meeting:write:meeting:admin".into(),
    ];
    let outcome = tester
        .test(&creds(REPORTING), &opts)
        .await
        .expect("token issued");
    assert_eq!(
        outcome.report.missing_required,
        ["meeting:write:meeting:admin"]
    );
    assert!(!outcome.report.passed());
    assert_eq!(
        outcome.report.failure_kind(),
        Some(s2s_core::ErrorKind::MissingScope)
    );
}

#[tokio::test]
async fn a_token_index_selects_a_slot_and_spares_the_others() {
    let sim = sim().await;
    let (tester, _) = tester();
    let multi = ("SbxMultiInstance000005", "sandboxSecretMultiInstance000005");
    let slot = |i| {
        let mut o = options(&sim);
        o.token_index = Some(i);
        o
    };
    let deployed = tester.test(&creds(multi), &slot(0)).await.expect("slot 0");
    tester.test(&creds(multi), &slot(2)).await.expect("slot 2");
    assert!(
        sim.world()
            .check_token(deployed.access_token.expose())
            .is_ok(),
        "testing on a spare slot keeps slot 0's token alive"
    );
}
