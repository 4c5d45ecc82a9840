//! The token coexistence check: two tokens, then the API with the first — against the
//! simulator's today's rule (coexist) and an app set to the old one-token rule.

use s2s_core::profiles::test_run::CoexistenceResult;
use s2s_core::profiles::TokenRule;
use s2s_core::tester::Coexistence;

use crate::support::*;

#[tokio::test]
async fn tokens_coexist_under_todays_rule_and_not_under_the_old_one() {
    let sim = sim().await;
    let (tester, _) = tester();
    let today = tester
        .check_coexistence(&creds(REPORTING), &options(&sim))
        .await
        .expect("checked");
    assert_eq!(today, Coexistence::Coexist);
    edit_app(&sim, REPORTING.0, |app| app.single_token = true);
    let old = tester
        .check_coexistence(&creds(REPORTING), &options(&sim))
        .await
        .expect("checked");
    assert_eq!(old, Coexistence::OneToken);
    assert_eq!(token_requests(&sim, REPORTING.0), 4, "two tokens per check");
}

#[tokio::test]
async fn the_check_is_recorded_on_the_profile_and_names_the_old_rule_in_later_advice() {
    let sim = sim().await;
    edit_app(&sim, REPORTING.0, |app| app.single_token = true);
    let dir = tempfile::tempdir().expect("tempdir");
    let (profiles, id) = saved_reporting_bot(dir.path(), "Old rule");
    let (tester, _) = tester();
    profiles.use_sandbox(&sim.base_url());
    let run = profiles
        .check_coexistence(&tester, &id, None)
        .await
        .expect("checked");
    assert!(matches!(
        run.result,
        CoexistenceResult::Checked {
            coexistence: Coexistence::OneToken
        }
    ));
    assert_eq!(run.recorded, Some(TokenRule::OneToken));
    assert_eq!(
        profiles.get(&id).expect("profile").token_rule,
        Some(TokenRule::OneToken)
    );
}
