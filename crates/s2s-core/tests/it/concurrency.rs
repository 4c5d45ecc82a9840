//! A burst of "Test token" clicks for one app makes exactly one token request.

use std::sync::Arc;

use zoom_sim::Faults;

use crate::support::*;

/// Slow token answers for the Reporting Bot keep a first request in flight while others arrive.
fn slow_tokens(sim: &zoom_sim::SimHandle) {
    set_fault(
        sim,
        REPORTING.0,
        Faults {
            delay_ms: 300,
            target: Some("token".into()),
            ..Faults::default()
        },
    );
}

#[tokio::test]
async fn many_simultaneous_tests_of_one_app_share_one_token_request() {
    let sim = sim().await;
    slow_tokens(&sim);
    let (tester, _) = tester();
    let tester = Arc::new(tester);
    let opts = Arc::new(options(&sim));
    let tasks: Vec<_> = (0..25)
        .map(|_| {
            let (tester, opts) = (tester.clone(), opts.clone());
            tokio::spawn(async move {
                tester
                    .test(&creds(REPORTING), &opts)
                    .await
                    .map(|o| o.access_token)
            })
        })
        .collect();
    let mut tokens = Vec::new();
    for t in tasks {
        tokens.push(t.await.expect("task").expect("token"));
    }
    assert_eq!(token_requests(&sim, REPORTING.0), 1);
    assert!(
        tokens.windows(2).all(|w| w[0] == w[1]),
        "everyone got the same token"
    );
}

#[tokio::test]
async fn different_apps_are_not_serialized_behind_each_other() {
    let sim = sim().await;
    let (tester, _) = tester();
    let opts = options(&sim);
    let (reporting, classic) = (creds(REPORTING), creds(CLASSIC));
    let (a, b) = tokio::join!(tester.test(&reporting, &opts), tester.test(&classic, &opts));
    assert!(a.is_ok() && b.is_ok());
    assert_eq!(
        (
            token_requests(&sim, REPORTING.0),
            token_requests(&sim, CLASSIC.0)
        ),
        (1, 1)
    );
}

#[tokio::test]
async fn a_mistyped_secret_never_shares_a_running_tests_success() {
    let sim = sim().await;
    slow_tokens(&sim);
    let (tester, _) = tester();
    let opts = options(&sim);
    let right = creds(REPORTING);
    let wrong = creds((REPORTING.0, "sandboxSecretReportingBot000000X"));
    let (a, b) = tokio::join!(tester.test(&right, &opts), tester.test(&wrong, &opts));
    assert!(a.is_ok(), "the right secret passes");
    let err = b.expect_err("the wrong secret fails");
    assert_eq!(err.kind(), s2s_core::ErrorKind::InvalidClient);
    assert_eq!(
        token_requests(&sim, REPORTING.0),
        2,
        "two different requests"
    );
}
