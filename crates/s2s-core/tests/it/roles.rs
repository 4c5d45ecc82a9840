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

// ---- Drift, risk and privileges through profiles: each test is recorded as the app records it.

use s2s_core::profiles::{Profile, ProfileBook, ProfileCloud, ProfileDraft, TestRecord};
use s2s_core::scope_report::{overview, RoleChoice};

const ANALYTICS: (&str, &str) = ("SbxAnalytics0000000003", "sandboxSecretAnalytics0000000003");

/// A profile for an app, and a function that tests it and records the result like the app does.
struct Recorded {
    book: ProfileBook,
    id: s2s_core::profiles::ProfileId,
    app: (&'static str, &'static str),
}

impl Recorded {
    fn new(app: (&'static str, &'static str)) -> Self {
        let mut book = ProfileBook::default();
        let id = book
            .create(ProfileDraft {
                tags: Vec::new(),
                name: app.0.into(),
                cloud: ProfileCloud::Sandbox,
                account_id: ACCOUNT.into(),
                client_id: app.0.into(),
                notes: String::new(),
                expected_scopes: Vec::new(),
                token_index: None,
                token_rule: None,
                account_plan: None,
            })
            .expect("profile")
            .id
            .clone();
        Self { book, id, app }
    }

    async fn test(&mut self, sim: &zoom_sim::SimHandle, at_unix: i64) -> TestRecord {
        let (tester, _) = tester();
        let outcome = tester
            .test(&creds(self.app), &options(sim))
            .await
            .expect("token");
        let record = TestRecord::of_report(at_unix, &outcome.report);
        let profile = self
            .book
            .record_test(&self.id, record, s2s_core::profiles::HISTORY_LIMIT)
            .expect("recorded");
        profile.history[0].clone()
    }

    fn profile(&self) -> &Profile {
        self.book.get(&self.id).expect("profile")
    }
}

#[tokio::test]
async fn an_admin_downgraded_to_member_shows_drift_naming_every_lost_admin_scope() {
    let sim = sim().await;
    let mut app = Recorded::new(REPORTING);
    let first = app.test(&sim, 1).await;
    assert!(first.drift.is_none());
    let owner = first.owner.as_ref().expect("owner read");
    assert_eq!(owner.role_name.as_deref(), Some("Admin"));
    assert!(owner
        .privileges
        .as_ref()
        .is_some_and(|p| p.contains(&"User:Read".to_string())));

    sim.world()
        .set_user_role("sbx-admin-0002", "2")
        .expect("demote");
    let second = app.test(&sim, 2).await;

    let drift = second.drift.expect("drift recorded in the history");
    let mut lost = drift.lost_scopes.clone();
    lost.sort();
    let mut expected = first.scopes.clone();
    expected.sort();
    assert_eq!(lost, expected, "every admin scope of the Reporting Bot");
    assert_eq!(drift.since_unix, 1);
    // The demoted app can't read /users/me any more, so the cause names the owner seen before.
    assert!(
        drift.cause.contains("adam.admin@sandbox.example (Admin)"),
        "{}",
        drift.cause
    );
    assert!(drift.fixes.iter().any(|f| f.contains("transfer")));

    let view = overview(zoom_catalog::catalog(), app.profile(), None);
    assert_eq!(
        view.drift.map(|d| d.at_unix),
        Some(2),
        "the warning stays until the scopes return"
    );
}

#[tokio::test]
async fn a_custom_role_losing_one_privilege_flags_only_the_scopes_tied_to_it() {
    let sim = sim().await;
    let mut app = Recorded::new(ANALYTICS);
    let first = app.test(&sim, 1).await;
    assert!(first
        .scopes
        .iter()
        .any(|s| s == "report:read:list_meeting_participants:admin"));

    sim.world()
        .set_role_privileges(
            "custom-analyst",
            vec!["User:Read".into(), "DashboardMeetings:Read".into()],
        )
        .expect("remove UsageReport:Read");
    let second = app.test(&sim, 2).await;

    let drift = second.drift.expect("drift");
    assert_eq!(
        drift.lost_scopes,
        ["report:read:list_meeting_participants:admin"]
    );
    assert_eq!(drift.lost_privileges, ["UsageReport:Read"]);
    assert!(drift.role_change.is_none(), "same role, fewer privileges");
}

#[tokio::test]
async fn the_what_if_predicts_what_the_sandbox_then_strips() {
    let sim = sim().await;
    let mut app = Recorded::new(ANALYTICS);
    app.test(&sim, 1).await;
    let catalog = zoom_catalog::catalog();
    let current = RoleChoice::LastTest
        .resolve(catalog, app.profile())
        .expect("ok")
        .expect("role read");
    let proposed = current.without_privilege("DashboardMeetings:Read");
    let predicted =
        s2s_core::scope_report::what_if_for(catalog, app.profile(), Some(&current), &proposed);

    sim.world()
        .set_role_privileges("custom-analyst", proposed.privileges.clone())
        .expect("apply it");
    let after = app.test(&sim, 2).await;
    assert_eq!(after.drift.expect("drift").lost_scopes, predicted.removed);
    assert!(!predicted.failing_operations.is_empty());
}

#[tokio::test]
async fn an_app_owned_by_the_account_owner_carries_no_ownership_risk() {
    let sim = sim().await;
    let mut owned = Recorded::new(CLASSIC);
    owned.test(&sim, 1).await;
    let view = overview(zoom_catalog::catalog(), owned.profile(), None);
    assert_eq!(
        view.owner.as_ref().and_then(|o| o.role_id.as_deref()),
        Some("0")
    );
    assert!(view.risk.is_none());

    let mut admin_owned = Recorded::new(REPORTING);
    admin_owned.test(&sim, 1).await;
    let view = overview(zoom_catalog::catalog(), admin_owned.profile(), None);
    assert!(view.risk.is_some_and(|r| r.admin_scopes.len() == 8));
}

#[tokio::test]
async fn owner_privileges_come_from_the_permissions_call_then_the_role_then_say_which_scope_is_missing(
) {
    use s2s_core::probe::OwnerPrivileges;
    let sim = sim().await;
    let (tester, _) = tester();

    let direct = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("token");
    let OwnerPrivileges::Read { via, privileges } = &direct.report.owner_privileges else {
        panic!("{:?}", direct.report.owner_privileges)
    };
    assert_eq!(via, "GET /v2/users/me/permissions");
    assert!(privileges.contains(&"User:Read".to_string()));

    // Without the permissions scope, the role itself answers (role:read:role:admin).
    edit_app(&sim, REPORTING.0, |app| {
        app.scopes
            .retain(|s| s != "user:read:list_permissions:admin")
    });
    let via_role = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("token");
    let OwnerPrivileges::Read { via, .. } = &via_role.report.owner_privileges else {
        panic!("{:?}", via_role.report.owner_privileges)
    };
    assert_eq!(via, "GET /v2/roles/1");

    // A member's personal app can read neither: the answer names the scopes that would.
    let personal = tester
        .test(&creds(PERSONAL), &options(&sim))
        .await
        .expect("token");
    let OwnerPrivileges::MissingScope { needs } = &personal.report.owner_privileges else {
        panic!("{:?}", personal.report.owner_privileges)
    };
    assert!(
        needs.iter().any(|s| s.contains("list_permissions")),
        "{needs:?}"
    );
}

#[tokio::test]
async fn zoom_moving_an_app_to_granular_scopes_is_a_rename_and_a_later_demotion_is_still_a_loss() {
    let sim = sim().await;
    // The classic-scope app, owned by Adam (Admin).
    edit_app(&sim, CLASSIC.0, |app| {
        app.owner_id = "sbx-admin-0002".into()
    });
    let mut app = Recorded::new(CLASSIC);
    let first = app.test(&sim, 1).await;
    assert!(first.scopes.iter().any(|s| s == "user:read:admin"));

    sim.world().move_to_granular(CLASSIC.0).expect("moved");
    let renamed = app.test(&sim, 2).await;
    assert!(renamed
        .scopes
        .iter()
        .all(|s| s.scope().model == s2s_core::ScopeModel::Granular));
    assert!(
        renamed.drift.is_none(),
        "a rename is not a loss: {:?}",
        renamed.drift
    );
    assert!(
        renamed
            .renamed_scopes
            .iter()
            .any(|s| s == "user:read:admin"),
        "{:?}",
        renamed.renamed_scopes
    );

    sim.world()
        .set_user_role("sbx-admin-0002", "2")
        .expect("demote");
    let demoted = app.test(&sim, 3).await;
    let drift = demoted.drift.expect("a real loss");
    assert!(
        drift.lost_operations.iter().any(|op| op.path == "/users"),
        "the warning names the calls that became impossible: {:?}",
        drift.lost_operations
    );
}
