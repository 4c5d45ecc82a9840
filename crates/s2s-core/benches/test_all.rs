//! "Test all" at scale (`scripts/bench.sh`): 500 profiles in 10 accounts on the Pro plan,
//! against the simulator (which enforces Zoom's per-label budgets). Prints the run's time beside
//! the time those budgets allow at full use — the slowest account's last start plus one test's
//! own time, measured in the same run — and their ratio (target ≤ 1.5).

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use s2s_core::keychain::MemoryStore;
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::test_all::{tests_per_second, TestAllEvent};
use s2s_core::profiles::{ProfileCloud, ProfileDraft};
use s2s_core::{Secret, TokenTester};
use zoom_catalog::limits::Plan;
use zoom_sim::Fixture;

const ACCOUNTS: usize = 10;
const APPS: usize = 50;
const PLAN: Plan = Plan::Pro;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

async fn run() {
    let sim = zoom_sim::start(Fixture::scale(ACCOUNTS, APPS, PLAN), 0)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let service = ProfileService::open(
        ProfileFile::in_dir(dir.path()),
        Arc::new(MemoryStore::default()),
    )
    .unwrap();
    service.use_sandbox(&sim.base_url());
    let mut ids = Vec::new();
    for a in 0..ACCOUNTS {
        for i in 0..APPS {
            let draft = ProfileDraft {
                name: format!("Scale {a}-{i}"),
                cloud: ProfileCloud::Sandbox,
                account_id: Fixture::scale_account_id(a),
                client_id: Fixture::scale_client_id(a, i),
                notes: String::new(),
                expected_scopes: Vec::new(),
                token_index: None,
                token_rule: None,
                account_plan: Some(PLAN),
                tags: Vec::new(),
            };
            let secret = Secret::new(Fixture::scale_secret(a, i));
            ids.push(service.save(None, draft, Some(&secret)).unwrap().id);
        }
    }
    let tester = TokenTester::default();

    // One test's own time (token, probe, owner privileges, record), median of a few.
    let mut singles = Vec::new();
    for id in ids.iter().take(5) {
        let started = Instant::now();
        service.test_saved(&tester, id).await.unwrap();
        singles.push(started.elapsed());
    }
    singles.sort();
    let single = singles[singles.len() / 2];
    // The budgets' per-second windows start afresh.
    tokio::time::sleep(Duration::from_millis(1100)).await;

    let started = Instant::now();
    let mut passed = 0u32;
    let mut tested = 0u32;
    service
        .test_all(&tester, &ids, &AtomicBool::new(false), |e| {
            if let TestAllEvent::Finished {
                tested: t,
                passed: p,
                ..
            } = e
            {
                tested = t;
                passed = p;
            }
        })
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(tested as usize, ACCOUNTS * APPS);

    let full_pace = tests_per_second(PLAN);
    let allowed = Duration::from_secs_f64((APPS - 1) as f64 / full_pace) + single;
    let ratio = elapsed.as_secs_f64() / allowed.as_secs_f64();
    let verdict = if ratio <= 1.5 { "meets" } else { "MISSES" };
    println!(
        "Test all: {} profiles in {ACCOUNTS} accounts on the {PLAN:?} plan ({passed} passed)",
        ACCOUNTS * APPS
    );
    println!("  {:<44} {:>9.3} s", "the run", elapsed.as_secs_f64());
    println!(
        "  {:<44} {:>9.3} s",
        format!("the budgets at full use ({full_pace:.1} tests/s an account) + one test"),
        allowed.as_secs_f64()
    );
    println!("  ratio {ratio:.3} ({verdict} the target of ≤ 1.5)\n");
}
