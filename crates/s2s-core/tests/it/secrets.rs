//! The client secret and access tokens never appear in reports, errors, advice or logs.

use std::io::Write;
use std::sync::{Arc, Mutex};

use s2s_core::{RawCredentials, Secret};
use zoom_sim::Faults;

use crate::support::*;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_secret_or_token_reaches_any_output_or_log() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber_like(writer);
    let _guard = tracing::subscriber::set_default(subscriber);

    let sim = sim().await;
    let (tester, _) = tester();
    let mut outputs = Vec::new();
    let mut tokens = Vec::new();

    let ok = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect("token");
    tokens.push(ok.access_token.expose().to_string());
    outputs.push(serde_json::to_string(&ok.report).expect("json"));
    outputs.push(format!("{:?}", ok));

    let wrong = RawCredentials::new(
        ACCOUNT,
        REPORTING.0,
        Secret::new("sandboxSecretReportingBotWRONG01"),
    );
    set_fault(
        &sim,
        CLASSIC.0,
        Faults {
            server_error: Some(500),
            times: Some(1),
            ..Faults::default()
        },
    );
    for raw in [
        wrong,
        creds(ARCHIVED),
        creds(GENERAL),
        RawCredentials::new(ACCOUNT, REPORTING.1, Secret::new(REPORTING.0)),
    ] {
        if let Err(e) = tester.test(&raw, &options(&sim)).await {
            outputs.push(format!("{e} {e:?} {}", e.advice()));
        }
    }
    let retried = tester
        .test(&creds(CLASSIC), &options(&sim))
        .await
        .expect("after a retry");
    tokens.push(retried.access_token.expose().to_string());

    let everything = format!(
        "{}\n{}",
        outputs.join("\n"),
        String::from_utf8_lossy(&logs.0.lock().expect("logs"))
    );
    for secret in [
        REPORTING.1,
        CLASSIC.1,
        ARCHIVED.1,
        GENERAL.1,
        "sandboxSecretReportingBotWRONG01",
    ] {
        assert!(!everything.contains(secret), "client secret leaked");
    }
    for token in &tokens {
        assert!(!everything.contains(token.as_str()), "access token leaked");
    }
    assert!(
        everything.contains("retrying"),
        "the logs were captured: {everything}"
    );
}

/// A minimal subscriber printing every event with its fields, at every level.
fn tracing_subscriber_like(writer: Captured) -> impl tracing::Subscriber + Send + Sync {
    struct Sub(Mutex<Captured>);
    impl tracing::Subscriber for Sub {
        fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
            tracing::span::Id::from_u64(1)
        }
        fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
        fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
        fn event(&self, event: &tracing::Event<'_>) {
            struct V(String);
            impl tracing::field::Visit for V {
                fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                    self.0.push_str(&format!(" {}={v:?}", f.name()));
                }
            }
            let mut v = V(String::new());
            event.record(&mut v);
            if let Ok(mut w) = self.0.lock() {
                let _ = writeln!(w, "{}{}", event.metadata().target(), v.0);
            }
        }
        fn enter(&self, _: &tracing::span::Id) {}
        fn exit(&self, _: &tracing::span::Id) {}
    }
    Sub(Mutex::new(writer))
}

#[tokio::test]
async fn an_answer_that_echoes_the_credentials_is_redacted_in_every_form() {
    use base64::Engine;
    let sim = sim().await;
    set_fault(
        &sim,
        REPORTING.0,
        Faults {
            echo_request: true,
            ..Faults::default()
        },
    );
    let (tester, _) = tester();
    let err = tester
        .test(&creds(REPORTING), &options(&sim))
        .await
        .expect_err("a gateway's 400");
    let report = s2s_core::tester::FailureReport::from(&err);
    let shown = format!(
        "{err} {err:?} {} {}",
        err.advice(),
        serde_json::to_string(&report).expect("json")
    );
    assert!(
        shown.contains("gateway"),
        "the answer is still shown: {shown}"
    );
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", REPORTING.0, REPORTING.1));
    for form in [REPORTING.1, basic.as_str(), &basic[..24]] {
        assert!(!shown.contains(form), "{form} in {shown}");
    }
}
