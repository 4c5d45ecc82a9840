//! Zoom's rule, end to end: when an app owner's role loses admin privileges, the next token
//! shows the admin scopes gone.

use s2s_core::Level;

use crate::support::*;

#[tokio::test]
async fn demoting_the_owner_to_member_removes_admin_scopes_from_the_next_token() {
    let sim = sim().await;
    let (tester, _) = tester();
    let before = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("before");
    assert!(before
        .report
        .token
        .scopes
        .iter()
        .any(|s| s.level == Level::Admin));

    sim.world()
        .set_user_role("sbx-admin-0002", "2")
        .expect("demote the owner");

    let after = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("after");
    assert!(
        after
            .report
            .token
            .scopes
            .iter()
            .all(|s| s.level == Level::User),
        "{:?}",
        after.report.token.scopes
    );
    let s2s_core::probe::ProbeOutcome::TokenValidScopeMissing { .. } = after.report.probe else {
        panic!(
            "reading users now needs a scope the app lost: {:?}",
            after.report.probe
        )
    };
}

#[tokio::test]
async fn an_app_owned_by_the_account_owner_keeps_its_scopes_when_others_change() {
    let sim = sim().await;
    let (tester, _) = tester();
    sim.world()
        .set_user_role("sbx-admin-0002", "2")
        .expect("demote someone else");
    let classic = tester
        .test(&creds(CLASSIC), &options(&sim))
        .await
        .expect("token");
    assert!(classic
        .report
        .token
        .scopes
        .iter()
        .any(|s| s.raw == "user:read:admin"));
}
