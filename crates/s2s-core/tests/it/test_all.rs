//! "Test all" against the simulator, whose accounts enforce Zoom's per-label budgets: every
//! profile is tested and recorded, no account is overrun (an overrun would be a 429 and a failed
//! test), each account keeps its pace, and a cancel stops what has not started.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use s2s_core::keychain::MemoryStore;
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::test_all::{tests_per_second, TestAllEvent, SHARE_OF_BUDGET};
use s2s_core::profiles::{ProfileCloud, ProfileDraft, ProfileId};
use s2s_core::{Secret, TokenTester};
use zoom_catalog::limits::Plan;
use zoom_sim::Fixture;

/// A service in `dir` with one profile per app of a scale world, the plan remembered on the
/// first account only.
fn profiles_of(
    dir: &std::path::Path,
    accounts: usize,
    apps: usize,
    url: &str,
) -> (ProfileService, Vec<ProfileId>) {
    let service = ProfileService::open(ProfileFile::in_dir(dir), Arc::new(MemoryStore::default()))
        .expect("opens");
    service.use_sandbox(url);
    let mut ids = Vec::new();
    for a in 0..accounts {
        for i in 0..apps {
            let draft = ProfileDraft {
                name: format!("Scale {a}-{i}"),
                cloud: ProfileCloud::Sandbox,
                account_id: Fixture::scale_account_id(a),
                client_id: Fixture::scale_client_id(a, i),
                notes: String::new(),
                expected_scopes: Vec::new(),
                token_index: None,
                token_rule: None,
                account_plan: (a == 0).then_some(Plan::Business),
                tags: Vec::new(),
            };
            let secret = Secret::new(Fixture::scale_secret(a, i));
            ids.push(service.save(None, draft, Some(&secret)).expect("saved").id);
        }
    }
    (service, ids)
}

#[tokio::test]
async fn every_profile_is_tested_at_its_accounts_pace_and_recorded_without_a_429() {
    let sim = zoom_sim::start(Fixture::scale(2, 4, Plan::Business), 0)
        .await
        .expect("sim");
    let dir = tempfile::tempdir().expect("tempdir");
    let (service, ids) = profiles_of(dir.path(), 2, 4, &sim.base_url());
    let tester = TokenTester::default();
    let mut events = Vec::new();
    service
        .test_all(&tester, &ids, &AtomicBool::new(false), |e| events.push(e))
        .await
        .expect("ran");

    let Some(TestAllEvent::Started {
        total, accounts, ..
    }) = events.first()
    else {
        panic!("starts with the plan: {events:?}");
    };
    assert_eq!(*total, 8);
    assert_eq!(accounts.len(), 2);
    assert_eq!(
        (accounts[0].plan, accounts[0].plan_assumed),
        (Plan::Business, false)
    );
    // No profile of the second account names its plan: it is paced as Free, the lowest.
    assert_eq!(
        (accounts[1].plan, accounts[1].plan_assumed),
        (Plan::Free, true)
    );
    assert!(
        (accounts[1].tests_per_second - tests_per_second(Plan::Free) * SHARE_OF_BUDGET).abs()
            < 1e-9
    );

    let failed: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            TestAllEvent::Tested { run, name, .. } => run
                .why_not_passed
                .as_ref()
                .map(|why| format!("{name}: {why}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        failed,
        Vec::<String>::new(),
        "no test failed, none was rate limited"
    );
    assert!(matches!(
        events.last(),
        Some(TestAllEvent::Finished {
            tested: 8,
            passed: 8,
            cancelled: false,
            ..
        })
    ));
    for id in &ids {
        assert_eq!(
            service.get(id).expect("profile").history.len(),
            1,
            "recorded"
        );
    }
}

#[tokio::test]
async fn a_cancel_stops_the_tests_not_yet_started() {
    let sim = zoom_sim::start(Fixture::scale(1, 3, Plan::Business), 0)
        .await
        .expect("sim");
    let dir = tempfile::tempdir().expect("tempdir");
    let (service, ids) = profiles_of(dir.path(), 1, 3, &sim.base_url());
    let mut events = Vec::new();
    service
        .test_all(&TokenTester::default(), &ids, &AtomicBool::new(true), |e| {
            events.push(e)
        })
        .await
        .expect("ran");
    assert!(matches!(
        events.last(),
        Some(TestAllEvent::Finished {
            tested: 0,
            cancelled: true,
            ..
        })
    ));
    assert_eq!(
        sim.world().stats().token_requests.values().sum::<u64>(),
        0,
        "nothing was sent"
    );
}
