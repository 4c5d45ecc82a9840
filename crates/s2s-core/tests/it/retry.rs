//! Retries happen only where Zoom certainly issued no token, and wait as Zoom asks. Time is
//! recorded by the test clock, never slept.

use std::time::Duration;

use s2s_core::tester::FailureReport;
use s2s_core::ErrorKind;
use zoom_sim::Faults;

use crate::support::*;

#[tokio::test]
async fn a_passing_5xx_is_retried_with_backoff_and_then_succeeds() {
    let sim = sim().await;
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            server_error: Some(502),
            times: Some(2),
            ..Faults::default()
        },
    );
    let (tester, clock) = tester();
    let outcome = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("third attempt succeeds");
    assert_eq!(outcome.report.attempts, 3);
    assert_eq!(
        clock.waits(),
        [Duration::from_millis(500), Duration::from_millis(1000)]
    );
    assert_eq!(token_requests(&sim, REPORTING.0), 3);
}

#[tokio::test]
async fn a_429_with_retry_after_is_honoured_once_then_succeeds() {
    let sim = sim().await;
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            rate_limited_retry_after_secs: Some(4),
            times: Some(1),
            ..Faults::default()
        },
    );
    let (tester, clock) = tester();
    let outcome = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("succeeds after waiting");
    assert_eq!(outcome.report.attempts, 2);
    let waits = clock.waits();
    assert_eq!(waits.len(), 1);
    // Zoom's Retry-After is an ISO timestamp with whole seconds: 3–4 s from "now".
    assert!((3..=4).contains(&waits[0].as_secs()), "{waits:?}");
}

#[tokio::test]
async fn a_429_without_retry_after_is_reported_not_hammered() {
    let sim = sim().await;
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            rate_limited_without_retry_after: true,
            ..Faults::default()
        },
    );
    let (tester, clock) = tester();
    let err = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect_err("rate limited");
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert!(clock.waits().is_empty());
    assert_eq!(token_requests(&sim, REPORTING.0), 1);
    // Nothing to count down from: the app falls back to its own minimum pause.
    assert_eq!(FailureReport::from(&err).retry_after_secs, None);
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_is_reported_with_the_wait() {
    let sim = sim().await;
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            rate_limited_retry_after_secs: Some(3600),
            ..Faults::default()
        },
    );
    let (tester, clock) = tester();
    let err = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect_err("rate limited");
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert!(err.advice().contains("Wait 3"), "{}", err.advice());
    assert!(clock.waits().is_empty());
    // The report carries the wait, so the app can count it down and keep Test token disabled.
    let wait = FailureReport::from(&err)
        .retry_after_secs
        .expect("the wait");
    assert!((3_598..=3_600).contains(&wait), "{wait}");
}

#[tokio::test]
async fn credential_errors_are_never_retried() {
    let sim = sim().await;
    let (tester, clock) = tester();
    tester
        .test(&creds(ARCHIVED), &options(&sim))
        .await
        .expect_err("disabled");
    assert_eq!(token_requests(&sim, ARCHIVED.0), 1);
    assert!(clock.waits().is_empty());
}
