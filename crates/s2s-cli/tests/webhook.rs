//! `s2s webhook test`, black box, against the simulator's sample receivers: exit codes, text,
//! JSON, and where the Secret Token may come from.

mod support;

use std::sync::Arc;

use s2s_core::keychain::{KeyringStore, APP_SERVICE};
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::service::ProfileService;
use s2s_core::Secret;
use support::{data_home_with_profile, run, s2s, with_data_home, Run, REPORTING};

const TOKEN: &str = "sandboxWebhookTokenReporting0001";

async fn webhook_test(url: &str, extra: &[&str], token_env: Option<&str>) -> Run {
    let mut cmd = s2s();
    cmd.args(["webhook", "test", url]).args(extra);
    match token_env {
        Some(token) => cmd.env("ZOOM_WEBHOOK_SECRET_TOKEN", token),
        None => cmd.env_remove("ZOOM_WEBHOOK_SECRET_TOKEN"),
    };
    run(cmd, None).await
}

fn receiver(sim: &zoom_sim::SimHandle, behaviour: &str) -> String {
    format!(
        "{}/_sim/receivers/{}/{behaviour}",
        sim.base_url(),
        REPORTING.0
    )
}

#[tokio::test]
async fn a_correct_receiver_passes_with_exit_0_and_the_text_says_zoom_would_still_refuse_loopback_http(
) {
    let sim = support::sim().await;
    let passed = webhook_test(&receiver(&sim, "correct"), &[], Some(TOKEN)).await;
    assert_eq!(passed.code, 0, "{}", passed.all());
    for line in [
        "✔ URL validation",
        "✔ signed event",
        "✔ forged signature",
        "✔ replayed event",
    ] {
        assert!(passed.stdout.contains(line), "{line}: {}", passed.stdout);
    }
    assert!(passed.stdout.contains("Zoom will refuse this URL"));
    assert!(
        !passed.all().contains(TOKEN),
        "the Secret Token is never printed"
    );
}

#[tokio::test]
async fn a_receiver_that_answers_wrongly_exits_9_with_what_zoom_would_do_and_the_fix() {
    let sim = support::sim().await;
    for behaviour in ["wrong-hmac", "accepts-forged", "accepts-replay", "html"] {
        let failed = webhook_test(&receiver(&sim, behaviour), &[], Some(TOKEN)).await;
        assert_eq!(failed.code, 9, "{behaviour}: {}", failed.all());
        assert!(failed.stdout.contains("✘"), "{behaviour}");
        assert!(failed.stdout.contains("    Fix:  "), "{behaviour}");
        assert!(failed.stdout.contains("    Zoom: "), "{behaviour}");
    }
}

#[tokio::test]
async fn slow_or_unreachable_receivers_exit_8() {
    let sim = support::sim().await;
    let slow = webhook_test(&receiver(&sim, "slow"), &["--json"], Some(TOKEN)).await;
    assert_eq!(slow.code, 8, "{}", slow.all());
    let json = slow.json();
    assert_eq!(json["ok"], false);
    assert_eq!(json["checks"][0]["name"], "url_validation");
    assert_eq!(json["checks"][0]["fault"], "network");
    assert!(json["checks"][0]["latency_ms"]
        .as_u64()
        .is_some_and(|ms| ms >= 3000));

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let started = std::time::Instant::now();
    let closed = webhook_test(
        &format!("http://127.0.0.1:{port}/hook"),
        &["--timeout", "2"],
        Some(TOKEN),
    )
    .await;
    assert_eq!(closed.code, 8, "{}", closed.all());
    assert!(closed.stdout.contains("nothing accepted the connection"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn bad_input_exits_2_before_sending_anything() {
    let remote_http = webhook_test("http://hooks.example.com/zoom", &[], Some(TOKEN)).await;
    assert_eq!(remote_http.code, 2, "{}", remote_http.all());
    assert!(remote_http.stderr.contains("--allow-insecure"));
    let no_token = webhook_test("http://127.0.0.1:9/hook", &[], None).await;
    assert_eq!(no_token.code, 2);
    assert!(no_token.stderr.contains("ZOOM_WEBHOOK_SECRET_TOKEN"));
    let unknown = webhook_test(
        "http://127.0.0.1:9/hook",
        &["--event", "meeting.exploded", "--json"],
        Some(TOKEN),
    )
    .await;
    assert_eq!(unknown.code, 2);
    assert_eq!(unknown.json()["error"]["kind"], "invalid_input");
    let no_url = webhook_test("hooks.example.com", &[], Some(TOKEN)).await;
    assert_eq!(no_url.code, 2);
    assert!(no_url.stderr.contains("not a usable webhook URL"));
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn the_secret_token_comes_from_stdin_or_the_profiles_keychain_entry() {
    let sim = support::sim().await;
    let url = receiver(&sim, "correct");
    let mut piped = s2s();
    piped.args(["webhook", "test", &url, "--secret-token-stdin"]);
    let piped = run(piped, Some(&format!("{TOKEN}\n"))).await;
    assert_eq!(piped.code, 0, "{}", piped.all());

    let (home, id) = data_home_with_profile(&[]);
    let named = |home: &tempfile::TempDir| {
        let mut cmd = with_data_home(home);
        cmd.args(["webhook", "test", &url, "--profile", "reporting"]);
        cmd.env_remove("ZOOM_WEBHOOK_SECRET_TOKEN");
        cmd
    };
    let without = run(named(&home), None).await;
    assert_eq!(without.code, 2, "{}", without.all());
    assert!(without.stderr.contains("has no webhook Secret Token saved"));

    let profiles = ProfileService::open(
        ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop")),
        Arc::new(KeyringStore::new(APP_SERVICE)),
    )
    .expect("opens");
    profiles
        .set_webhook_secret_token(&id, Some(&Secret::new(TOKEN)))
        .expect("stored in the keychain");
    let with = run(named(&home), None).await;
    let _ = profiles.set_webhook_secret_token(&id, None);
    assert_eq!(with.code, 0, "{}", with.all());
}
