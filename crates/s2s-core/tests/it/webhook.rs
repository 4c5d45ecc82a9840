//! The webhook receiver test against the simulator's sample receivers (correct, and broken the
//! ways real receivers break), over real loopback HTTP.

use std::time::Duration;

use s2s_core::webhook::{self, CheckName, Fault, ReceiverReport, ReceiverTest, ReceiverTestError};
use s2s_core::Secret;

use crate::support::{sim, REPORTING};

pub const WEBHOOK_TOKEN: &str = "sandboxWebhookTokenReporting0001";

fn test_of(url: String) -> ReceiverTest {
    ReceiverTest {
        url,
        secret_token: Secret::new(WEBHOOK_TOKEN),
        event: webhook::DEFAULT_EVENT.into(),
        account_id: None,
        timeout: Duration::from_secs(10),
        allow_insecure: false,
    }
}

async fn run(test: ReceiverTest) -> ReceiverReport {
    let client = s2s_core::http::client(Duration::from_secs(5)).expect("client");
    webhook::test_receiver(&client, &test)
        .await
        .expect("the test runs")
}

async fn receiver(behaviour: &str) -> ReceiverReport {
    let sim = sim().await;
    run(test_of(format!(
        "{}/_sim/receivers/{}/{behaviour}",
        sim.base_url(),
        REPORTING.0
    )))
    .await
}

/// (check, ok) in order.
fn verdicts(report: &ReceiverReport) -> Vec<(CheckName, bool)> {
    report.checks.iter().map(|c| (c.name, c.ok)).collect()
}

fn check(report: &ReceiverReport, name: CheckName) -> &webhook::Check {
    report
        .checks
        .iter()
        .find(|c| c.name == name)
        .expect("every check reported")
}

#[tokio::test]
async fn a_correct_receiver_passes_all_four_checks_but_zoom_would_refuse_a_loopback_http_url() {
    let report = receiver("correct").await;
    assert!(report.ok, "{report:#?}");
    assert_eq!(
        verdicts(&report),
        [
            (CheckName::UrlValidation, true),
            (CheckName::SignedEvent, true),
            (CheckName::ForgedSignature, true),
            (CheckName::ReplayedEvent, true),
        ]
    );
    assert_eq!(report.fault(), None);
    assert_eq!(check(&report, CheckName::SignedEvent).status, Some(204));
    assert_eq!(check(&report, CheckName::ForgedSignature).status, Some(401));
    assert!(report
        .checks
        .iter()
        .all(|c| c.latency_ms.is_some() && c.fix.is_none()));
    assert_eq!(report.zoom_will_refuse.len(), 2, "http, and this machine");
}

#[tokio::test]
async fn a_receiver_holding_another_secret_token_fails_the_challenge_with_the_fix() {
    let report = receiver("wrong-hmac").await;
    let validation = check(&report, CheckName::UrlValidation);
    assert!(!validation.ok);
    assert_eq!(validation.fault, Some(Fault::Receiver));
    assert!(
        validation
            .message
            .contains("encryptedToken is not HMAC-SHA256"),
        "{}",
        validation.message
    );
    assert!(validation
        .fix
        .as_deref()
        .is_some_and(|f| f.contains("Secret Token")));
    assert!(validation
        .zoom_would
        .as_deref()
        .is_some_and(|z| z.contains("Validate fails")));
    assert_eq!(report.fault(), Some(Fault::Receiver));
}

#[tokio::test]
async fn a_receiver_slower_than_three_seconds_is_a_network_fault_even_with_the_right_answer() {
    let report = receiver("slow").await;
    let validation = check(&report, CheckName::UrlValidation);
    assert!(!validation.ok);
    assert_eq!(validation.status, Some(200));
    assert_eq!(validation.fault, Some(Fault::Network));
    assert!(
        validation.message.contains("Zoom gives up after 3 s"),
        "{}",
        validation.message
    );
    assert!(check(&report, CheckName::SignedEvent).ok);
    assert_eq!(report.fault(), Some(Fault::Network));
}

#[tokio::test]
async fn receivers_that_accept_forged_or_replayed_events_fail_the_test() {
    let forged = receiver("accepts-forged").await;
    let check_forged = check(&forged, CheckName::ForgedSignature);
    assert!(!check_forged.ok);
    assert_eq!(check_forged.status, Some(204));
    assert!(check_forged
        .message
        .starts_with("accepted an event with a forged signature"));
    assert!(check_forged
        .fix
        .as_deref()
        .is_some_and(|f| f.contains("constant time")));
    assert!(check(&forged, CheckName::ReplayedEvent).ok);
    assert_eq!(forged.fault(), Some(Fault::Receiver));

    let replay = receiver("accepts-replay").await;
    assert_eq!(
        verdicts(&replay),
        [
            (CheckName::UrlValidation, true),
            (CheckName::SignedEvent, true),
            (CheckName::ForgedSignature, true),
            (CheckName::ReplayedEvent, false),
        ]
    );
    let check_replay = check(&replay, CheckName::ReplayedEvent);
    assert!(check_replay
        .fix
        .as_deref()
        .is_some_and(|f| f.contains("5 minutes")));
}

#[tokio::test]
async fn a_web_page_where_the_receiver_should_be_is_named_for_what_it_is() {
    let report = receiver("html").await;
    let validation = check(&report, CheckName::UrlValidation);
    assert!(
        validation
            .message
            .contains("not with JSON: \"<!doctype html>"),
        "{}",
        validation.message
    );
    assert!(
        !check(&report, CheckName::ForgedSignature).ok,
        "a page that says 200 to anything"
    );
}

#[tokio::test]
async fn redirects_are_reported_not_followed_and_huge_answers_are_cut_off() {
    let redirect = receiver("redirect").await;
    assert!(redirect
        .checks
        .iter()
        .all(|c| !c.ok && c.status == Some(301)));
    assert!(redirect.checks[0]
        .message
        .contains("https://hooks.example.com/zoom"));
    assert!(redirect.checks[0]
        .message
        .contains("does not follow redirects"));

    let huge = receiver("huge").await;
    assert!(
        huge.checks[0].message.contains("more than 64 KiB"),
        "{}",
        huge.checks[0].message
    );
}

#[tokio::test]
async fn an_unreachable_receiver_is_reported_once_and_the_other_checks_are_not_run() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("addr").port()
    };
    let report = run(test_of(format!("http://127.0.0.1:{port}/webhook"))).await;
    assert_eq!(report.checks[0].fault, Some(Fault::Network));
    assert!(report.checks[0]
        .message
        .contains(&format!("127.0.0.1:{port}")));
    assert!(report.checks[1..]
        .iter()
        .all(|c| !c.ok && c.message.starts_with("not run")));
    assert_eq!(report.fault(), Some(Fault::Network));
}

#[tokio::test]
async fn https_to_a_server_without_tls_fails_at_the_handshake_within_the_timeout() {
    let sim = sim().await;
    let url = format!("{}/_sim/receivers/{}/correct", sim.base_url(), REPORTING.0)
        .replacen("http://", "https://", 1);
    let mut test = test_of(url);
    test.timeout = Duration::from_secs(2);
    let started = std::time::Instant::now();
    let report = run(test).await;
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(report.fault(), Some(Fault::Network));
    assert!(report.checks[1..]
        .iter()
        .all(|c| c.message.starts_with("not run")));
}

#[tokio::test]
async fn bad_input_is_refused_before_anything_is_sent() {
    let client = s2s_core::http::client(Duration::from_secs(5)).expect("client");
    let refused = |test: ReceiverTest| {
        let client = client.clone();
        async move { webhook::test_receiver(&client, &test).await.err() }
    };
    assert!(matches!(
        refused(test_of("http://hooks.example.com/zoom".into())).await,
        Some(ReceiverTestError::InsecureUrl { .. })
    ));
    assert!(matches!(
        refused(test_of("not a url".into())).await,
        Some(ReceiverTestError::BadUrl { .. })
    ));
    let mut unknown = test_of("http://127.0.0.1:9/".into());
    unknown.event = "meeting.exploded".into();
    let error = refused(unknown).await;
    assert!(
        error
            .as_ref()
            .is_some_and(|e| e.advice().contains("meeting.started")),
        "{error:?}"
    );
    let mut empty = test_of("http://127.0.0.1:9/".into());
    empty.secret_token = Secret::new("  ");
    assert_eq!(
        refused(empty).await,
        Some(ReceiverTestError::MissingSecretToken { profile: None })
    );
}

mod for_a_profile {
    //! The use case the app and the CLI call: which Secret Token, and whose account.
    use super::*;
    use s2s_core::profiles::webhook_receiver::{ReceiverRequest, ReceiverRunError};

    use crate::support::saved_reporting_bot;

    fn request(url: String) -> ReceiverRequest {
        ReceiverRequest {
            url,
            event: webhook::DEFAULT_EVENT.into(),
            timeout: Duration::from_secs(10),
            allow_insecure: false,
            secret_token: None,
            environment_token: None,
        }
    }

    fn client() -> reqwest::Client {
        s2s_core::http::client(Duration::from_secs(5)).expect("client")
    }

    #[tokio::test]
    async fn the_token_is_the_given_one_then_the_saved_then_the_sandboxs_then_the_environments() {
        let sim = sim().await;
        let url = format!("{}/_sim/receivers/{}/correct", sim.base_url(), REPORTING.0);
        let dir = tempfile::tempdir().expect("tempdir");
        let (service, id) = saved_reporting_bot(dir.path(), "Reporting");
        let simulated = |_: &str| Some(WEBHOOK_TOKEN.to_string());
        let nothing = |_: &str| None;
        let wrong = || Some(Secret::new("notTheAppsSecretToken000"));

        // The Sandbox's token for a Sandbox profile with none saved: the receiver agrees.
        let report = service
            .test_receiver(&client(), Some(&id), request(url.clone()), simulated)
            .await
            .expect("runs");
        assert!(report.ok, "{report:#?}");
        // The environment's comes after the Sandbox's…
        let mut asked = request(url.clone());
        asked.environment_token = wrong();
        let report = service
            .test_receiver(&client(), Some(&id), asked.clone(), simulated)
            .await
            .expect("runs");
        assert!(report.ok, "the Sandbox's token wins over the environment's");
        // …and is used when nothing else is there.
        let report = service
            .test_receiver(&client(), Some(&id), asked, nothing)
            .await
            .expect("runs");
        assert!(
            !check(&report, CheckName::UrlValidation).ok,
            "the environment's, a wrong one"
        );
        // A saved token comes before the Sandbox's; one given for the test before either.
        service
            .set_webhook_secret_token(&id, wrong().as_ref())
            .expect("saved");
        let report = service
            .test_receiver(&client(), Some(&id), request(url.clone()), simulated)
            .await
            .expect("runs");
        assert!(!report.ok, "the saved (wrong) token was used");
        let mut asked = request(url.clone());
        asked.secret_token = Some(Secret::new(format!("  {WEBHOOK_TOKEN}\n")));
        let report = service
            .test_receiver(&client(), Some(&id), asked, nothing)
            .await
            .expect("runs");
        assert!(report.ok, "the given token, trimmed: {report:#?}");
    }

    #[tokio::test]
    async fn with_no_token_anywhere_the_profile_is_named() {
        let sim = sim().await;
        let url = format!("{}/_sim/receivers/{}/correct", sim.base_url(), REPORTING.0);
        let dir = tempfile::tempdir().expect("tempdir");
        let (service, id) = saved_reporting_bot(dir.path(), "Reporting");
        let e = service
            .test_receiver(&client(), Some(&id), request(url.clone()), |_| None)
            .await
            .expect_err("no token");
        assert!(
            matches!(&e, ReceiverRunError::Refused(ReceiverTestError::MissingSecretToken { profile: Some(name) }) if name == "Reporting"),
            "{e:?}"
        );
        let e = request(url).run(&client()).await.expect_err("no token");
        assert!(matches!(
            e,
            ReceiverRunError::Refused(ReceiverTestError::MissingSecretToken { profile: None })
        ));
    }
}
