//! Every way a token request fails, reproduced by the simulator, with Zoom's words kept and the
//! right advice given. Nothing is sent when the pasted values are unusable.

use s2s_core::error::NetworkCause;
use s2s_core::http::{NetworkSettings, ProxyChoice};
use s2s_core::tester::{TestError, TestOptions};
use s2s_core::{Endpoint, ErrorKind, RawCredentials, Secret, TokenError};
use zoom_sim::Faults;

use crate::support::*;

async fn fails(raw: RawCredentials) -> (TestError, zoom_sim::SimHandle) {
    let sim = sim().await;
    let (tester, _) = tester();
    let err = tester
        .test(&raw, &options(&sim))
        .await
        .expect_err("must fail");
    (err, sim)
}

#[tokio::test]
async fn a_wrong_secret_is_invalid_client_with_zooms_reason() {
    let (err, _sim) = fails(RawCredentials::new(
        ACCOUNT,
        REPORTING.0,
        Secret::new("wrongSecretwrongSecretwrongSecre"),
    ))
    .await;
    assert_eq!(err.kind(), ErrorKind::InvalidClient);
    let TestError::Token(e) = &err else { panic!() };
    assert_eq!(e.http_status(), Some(400));
    let zoom = e.zoom_body().expect("zoom body");
    assert_eq!(
        (zoom.error.as_deref(), zoom.reason.as_deref()),
        (
            Some("invalid_client"),
            Some("Invalid client_id or client_secret")
        )
    );
    assert!(err.advice().contains("Client Secret"));
}

#[tokio::test]
async fn an_unknown_client_id_is_invalid_client() {
    let (err, _sim) = fails(RawCredentials::new(
        ACCOUNT,
        "NoSuchClient0000000000",
        Secret::new(REPORTING.1),
    ))
    .await;
    assert_eq!(err.kind(), ErrorKind::InvalidClient);
}

#[tokio::test]
async fn a_wrong_account_id_points_at_the_account_id() {
    let (err, _sim) = fails(RawCredentials::new(
        "WrongAccount0000000001",
        REPORTING.0,
        Secret::new(REPORTING.1),
    ))
    .await;
    assert_eq!(err.kind(), ErrorKind::InvalidAccount);
    assert!(err.to_string().contains("Account ID"), "{err}");
    assert!(err.advice().contains("Account ID"));
}

#[tokio::test]
async fn deactivated_and_never_activated_apps_are_app_disabled() {
    for app in [ARCHIVED, DRAFT] {
        let (err, _sim) = fails(creds(app)).await;
        assert_eq!(err.kind(), ErrorKind::AppDisabled, "{}", app.0);
        assert!(err.advice().contains("activate"));
    }
}

#[tokio::test]
async fn a_general_oauth_app_is_the_wrong_app_type() {
    let (err, _sim) = fails(creds(GENERAL)).await;
    assert_eq!(err.kind(), ErrorKind::WrongAppType);
    assert!(err.advice().contains("Server-to-Server"));
}

#[tokio::test]
async fn bad_input_is_refused_before_anything_is_sent() {
    let sim = sim().await;
    let (tester, _) = tester();
    let raw = RawCredentials::new("", REPORTING.0, Secret::new(format!("{} x", REPORTING.1)));
    let err = tester
        .test(&raw, &options(&sim))
        .await
        .expect_err("invalid");
    let TestError::InvalidInput(issues) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(issues.len(), 2, "{issues:?}");
    assert_eq!(
        sim.world().stats().token_requests.len(),
        0,
        "nothing reached Zoom"
    );
    assert_eq!(sim.world().stats().anonymous_token_requests, 0);
}

async fn with_fault(faults: Faults) -> TestError {
    let sim = sim().await;
    set_fault(&sim, REPORTING.0, faults);
    let (tester, _) = tester();
    tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect_err("fault")
}

#[tokio::test]
async fn persistent_server_errors_are_reported_after_bounded_retries() {
    let err = with_fault(Faults {
        server_error: Some(503),
        ..Faults::default()
    })
    .await;
    assert_eq!(err.kind(), ErrorKind::ServerError);
    let TestError::Token(TokenError::ServerError { status, .. }) = err else {
        panic!()
    };
    assert_eq!(status, 503);
}

#[tokio::test]
async fn malformed_json_is_an_unexpected_response() {
    let err = with_fault(Faults {
        malformed_json: true,
        ..Faults::default()
    })
    .await;
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse);
}

#[tokio::test]
async fn a_dropped_connection_is_a_network_error() {
    let err = with_fault(Faults {
        drop_connection: true,
        ..Faults::default()
    })
    .await;
    let TestError::Token(TokenError::Network { cause, .. }) = err else {
        panic!("{err:?}")
    };
    assert_eq!(cause, NetworkCause::Dropped);
}

/// A simulator that answers the Reporting Bot's token requests after 3 s.
async fn slow_zoom() -> zoom_sim::SimHandle {
    let sim = sim().await;
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            delay_ms: 3_000,
            ..Faults::default()
        },
    );
    sim
}

#[tokio::test]
async fn a_slow_zoom_hits_the_deadline() {
    let sim = slow_zoom().await;
    let (tester, _) = tester();
    let mut opts = options(&sim);
    opts.timeout = Some(std::time::Duration::from_millis(300));
    let err = tester
        .test(&creds(REPORTING), &opts)
        .await
        .expect_err("timeout");
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(
        token_requests(&sim, REPORTING.0),
        1,
        "a timeout is never retried: a token may have been issued"
    );
}

#[tokio::test]
async fn nothing_listening_is_a_connection_error() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr");
    let (tester, _) = tester();
    let endpoint = Endpoint::custom(&format!("http://{closed}"), false).expect("loopback");
    let err = tester
        .test(&creds(REPORTING), &s2s_core::TestOptions::new(endpoint))
        .await
        .expect_err("refused");
    let TestError::Token(TokenError::Network { cause, .. }) = err else {
        panic!("{err:?}")
    };
    assert_eq!(cause, NetworkCause::Connect);
}

#[tokio::test]
async fn under_the_old_one_token_rule_a_token_invalidated_right_after_issue_is_token_rejected() {
    let sim = sim().await;
    // An app still under the pre-June-2023 rule: the probe is held back while "a deployed
    // service" mints a newer token.
    edit_app(&sim, REPORTING.0, |app| app.single_token = true);
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            delay_ms: 400,
            target: Some("api".into()),
            ..Faults::default()
        },
    );
    let (tester, _) = tester();
    let opts = options(&sim);
    let raw = creds(REPORTING);
    let test = tester.test(&raw, &opts);
    let competitor = async {
        while token_requests(&sim, REPORTING.0) == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        sim.world()
            .issue_token(REPORTING.0, None)
            .expect("competing token");
    };
    let (outcome, ()) = tokio::join!(test, competitor);
    let report = outcome.expect("token was issued").report;
    assert!(
        matches!(
            report.probe,
            s2s_core::probe::ProbeOutcome::TokenRejected { .. }
        ),
        "{:?}",
        report.probe
    );
    assert_eq!(report.failure_kind(), Some(ErrorKind::TokenRejected));
}

#[tokio::test]
async fn under_todays_rule_a_competing_token_leaves_the_tests_token_working() {
    let sim = sim().await;
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            delay_ms: 200,
            target: Some("api".into()),
            ..Faults::default()
        },
    );
    let (tester, _) = tester();
    let opts = options(&sim);
    let raw = creds(REPORTING);
    let test = tester.test(&raw, &opts);
    let competitor = async {
        while token_requests(&sim, REPORTING.0) == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        sim.world()
            .issue_token(REPORTING.0, None)
            .expect("competing token");
    };
    let (outcome, ()) = tokio::join!(test, competitor);
    assert!(outcome.expect("token").report.passed(), "tokens coexist");
}

#[tokio::test]
async fn the_configured_deadline_bounds_tests_that_name_none() {
    let sim = slow_zoom().await;
    let (tester, _) = tester();
    tester
        .configure(
            &NetworkSettings::default(),
            std::time::Duration::from_millis(300),
        )
        .expect("configured");
    let err = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect_err("timeout");
    assert!(
        matches!(err, TestError::Token(TokenError::Timeout { after_ms: 300 })),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_custom_proxy_carries_requests_to_zoom_but_never_loopback() {
    // A proxy that records the first line it is sent, then hangs up.
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let proxy_url =
        url::Url::parse(&format!("http://{}", proxy.local_addr().expect("addr"))).expect("url");
    let seen = tokio::spawn(async move {
        let (mut socket, _) = proxy.accept().await.expect("accept");
        let mut buf = vec![0u8; 512];
        let n = tokio::io::AsyncReadExt::read(&mut socket, &mut buf)
            .await
            .expect("read");
        String::from_utf8_lossy(&buf[..n])
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    });
    let (tester, _) = tester();
    let network = NetworkSettings {
        proxy: ProxyChoice::Custom(proxy_url),
        ..Default::default()
    };
    tester
        .configure(&network, std::time::Duration::from_secs(5))
        .expect("configured");
    // Loopback (the simulator) goes direct: the test passes without the proxy.
    let sim = sim().await;
    tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("direct to loopback");
    // Zoom's host goes through the proxy.
    let mut zoom = TestOptions::new(Endpoint::cloud(s2s_core::Cloud::Commercial));
    zoom.timeout = Some(std::time::Duration::from_secs(5));
    let _ = tester.test(&creds(REPORTING), &zoom).await;
    assert_eq!(
        seen.await.expect("proxy saw a request"),
        "CONNECT zoom.us:443 HTTP/1.1"
    );
}

#[tokio::test]
async fn an_owner_who_left_refuses_the_token_with_4735_and_the_profile_flags_it() {
    let sim = sim().await;
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            zoom_error: Some(zoom_sim::ZoomError {
                status: 401,
                code: 4735,
                message: "The owner of the token does not exist.".into(),
            }),
            target: Some("api".into()),
            times: Some(1),
            ..Faults::default()
        },
    );
    let (tester, _) = tester();
    let report = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("a token was issued")
        .report;
    let s2s_core::probe::ProbeOutcome::TokenRejected { code, causes, .. } = &report.probe else {
        panic!("{:?}", report.probe);
    };
    assert_eq!(*code, Some(4735));
    assert!(causes.contains("Transfer the app's ownership"), "{causes}");
    let record = s2s_core::profiles::TestRecord::of_report(1_800_000_000, &report);
    assert_eq!(record.zoom_code, Some(4735));
    let mut book = s2s_core::profiles::ProfileBook::default();
    let id = book
        .create(reporting_draft("Reporting"))
        .expect("created")
        .id
        .to_string();
    let profile = book.record_test(&id, record, 10).expect("recorded").clone();
    let health = s2s_core::profiles::health::health(&profile, 1_800_000_000);
    assert!(
        health
            .concerns
            .iter()
            .any(|c| c.concern == s2s_core::profiles::health::Concern::OwnerGone),
        "{health:?}"
    );
}
