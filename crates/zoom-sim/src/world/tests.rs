//! The world's rules, each tried on its own.

use super::*;
use crate::fixture::Fixture;

fn world() -> World {
    World::new(Fixture::default_sandbox())
}

/// Spends `calls` of `label`'s budget at `per_second`, the simulated clock keeping pace, so
/// only the daily budget can run out; every call must fit.
fn spend_steadily(w: &mut World, label: zoom_catalog::limits::Label, calls: u32, per_second: u32) {
    for n in 0..calls {
        if n % per_second == 0 {
            w.advance_clock(Duration::from_secs(1));
        }
        let spent = w.spend_label_budget(ACCOUNT, label);
        assert!(spent.is_ok(), "call {n} of {calls} fits the day: {spent:?}");
    }
}

/// A world whose clock stands at the start of a UTC day (daily-budget tests failed when run
/// after 23:00 UTC, crossing midnight).
fn world_at_start_of_day() -> World {
    let mut w = world();
    w.advance_to_next_utc_day();
    w
}

const REPORTING: &str = "SbxReportingBot0000001";
const MULTI: &str = "SbxMultiInstance000005";

const ACCOUNT: &str = "SbxDemoAccount00000001";

#[test]
fn free_plans_have_a_daily_budget_per_label_that_midnight_utc_restores() {
    use zoom_catalog::limits::{Label, Plan};
    let mut w = world_at_start_of_day();
    assert!(w.set_plan(ACCOUNT, Plan::Free));
    spend_steadily(&mut w, Label::Medium, 2_000, 2); // Medium: 2/s on Free
    w.advance_clock(Duration::from_secs(1));
    let spent = w
        .spend_label_budget(ACCOUNT, Label::Medium)
        .expect_err("2,001st");
    assert_eq!((spent.limit_type, spent.limit), ("Daily-limit", 2_000));
    assert!(spent.retry_after_secs.is_some_and(|s| s <= 86_400));
    w.advance_clock(Duration::from_secs(spent.retry_after_secs.unwrap_or(0)));
    assert!(
        w.spend_label_budget(ACCOUNT, Label::Medium).is_ok(),
        "a new UTC day"
    );
}

#[test]
fn paid_plans_share_a_heavy_and_resource_intensive_daily_budget() {
    use zoom_catalog::limits::{Label, Plan};
    let mut w = world_at_start_of_day();
    assert!(w.set_plan(ACCOUNT, Plan::Pro));
    spend_steadily(&mut w, Label::Heavy, 30_000, 10); // Heavy: 10/s on Pro
    w.advance_clock(Duration::from_secs(60));
    let spent = w
        .spend_label_budget(ACCOUNT, Label::ResourceIntensive)
        .expect_err("shared budget spent");
    assert_eq!(
        (spent.category, spent.limit),
        ("Resource-intensive", 30_000)
    );
}

#[test]
fn a_per_second_budget_answers_qps() {
    use zoom_catalog::limits::{Label, Plan};
    let mut w = world();
    assert!(w.set_plan(ACCOUNT, Plan::Free));
    w.advance_clock(Duration::from_secs(1));
    // Heavy on Free: 1 a second. The clock stands still within this test.
    let first = w.spend_label_budget(ACCOUNT, Label::Heavy);
    let second = w.spend_label_budget(ACCOUNT, Label::Heavy);
    let third = w.spend_label_budget(ACCOUNT, Label::Heavy);
    assert!(first.is_ok() || second.is_ok());
    let refused = [second, third]
        .into_iter()
        .find_map(Result::err)
        .expect("a QPS refusal");
    assert_eq!(refused.limit_type, "QPS");
}

#[test]
fn tokens_coexist_by_default_as_zoom_has_allowed_since_june_2023() {
    let mut w = world();
    let tokens: Vec<String> = (0..5)
        .map(|_| w.issue_token(REPORTING, Some(3)).expect("issued").0)
        .collect();
    assert!(
        tokens.iter().all(|t| w.check_token(t).is_ok()),
        "index ignored, none killed"
    );
}

#[test]
fn under_the_old_rule_a_new_token_invalidates_the_previous_one() {
    let mut w = world();
    w.app_mut(REPORTING).expect("app").single_token = true;
    let (first, _) = w.issue_token(REPORTING, None).expect("issued");
    assert!(w.check_token(&first).is_ok());
    let (second, _) = w.issue_token(REPORTING, None).expect("issued");
    assert_eq!(w.check_token(&first).err(), Some(TokenCheck::Invalid));
    assert!(w.check_token(&second).is_ok());
}

#[test]
fn under_the_old_rule_with_a_raised_tolerance_the_n_newest_stay_valid() {
    let mut w = world();
    w.app_mut(REPORTING).expect("app").single_token = true;
    w.app_mut(REPORTING).expect("app").token_tolerance = 2;
    let tokens: Vec<String> = (0..3)
        .map(|_| w.issue_token(REPORTING, None).expect("issued").0)
        .collect();
    assert!(w.check_token(&tokens[0]).is_err());
    assert!(w.check_token(&tokens[1]).is_ok() && w.check_token(&tokens[2]).is_ok());
}

#[test]
fn token_index_slots_are_independent() {
    let mut w = world();
    let slot0 = w.issue_token(MULTI, Some(0)).expect("issued").0;
    let slot1 = w.issue_token(MULTI, Some(1)).expect("issued").0;
    assert!(w.check_token(&slot0).is_ok() && w.check_token(&slot1).is_ok());
    let slot0_again = w.issue_token(MULTI, Some(0)).expect("issued").0;
    assert!(w.check_token(&slot0).is_err());
    assert!(w.check_token(&slot1).is_ok() && w.check_token(&slot0_again).is_ok());
}

#[test]
fn tokens_expire_on_the_simulated_clock() {
    let mut w = world();
    let (t, _) = w.issue_token(REPORTING, None).expect("issued");
    w.advance_clock(Duration::from_secs(3600));
    assert_eq!(w.check_token(&t).err(), Some(TokenCheck::Expired));
}

#[test]
fn demoting_an_owner_to_member_strips_admin_scopes_from_their_apps() {
    let mut w = world();
    let stripped = w.set_user_role("sbx-admin-0002", "2").expect("role change");
    let lost = &stripped[REPORTING];
    assert!(lost.contains(&"user:read:list_users:admin".to_string()));
    assert!(w
        .app(REPORTING)
        .expect("app")
        .1
        .scopes
        .iter()
        .all(|s| !s.contains(":admin")));
}

#[test]
fn a_custom_role_losing_one_privilege_loses_only_the_related_scopes() {
    let mut w = world();
    let stripped = w
        .set_role_privileges(
            "custom-analyst",
            vec!["DashboardMeetings:Read".into(), "UsageReport:Read".into()],
        )
        .expect("privileges");
    let lost = &stripped["SbxAnalytics0000000003"];
    assert!(lost.iter().all(|s| s.starts_with("user:")), "{lost:?}");
    assert!(w
        .app("SbxAnalytics0000000003")
        .expect("app")
        .1
        .scopes
        .iter()
        .any(|s| s.starts_with("dashboard:")));
}
