//! Regression tests from the security review: what the CLI must never do with credentials or
//! with the shared profiles file.

// Black-box: the tests seed and inspect the keychain and the profiles file directly.
#![allow(clippy::disallowed_methods)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::{ProfileBook, ProfileCloud};
use support::{run, s2s, sim, with_data_home, ACCOUNT, REPORTING};

/// A "proxy" on loopback that counts the connections it gets (and answers none).
async fn counting_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    (url, hits)
}

#[tokio::test]
async fn loopback_traffic_never_goes_through_a_proxy() {
    let sim = sim().await;
    let (proxy, hits) = counting_proxy().await;
    let mut cmd = s2s();
    for var in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"] {
        cmd.env(var, &proxy);
    }
    cmd.env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env("ZOOM_CLIENT_SECRET", REPORTING.1)
        .args([
            "test-token",
            "--oauth-url",
            &sim.base_url(),
            "--account-id",
            ACCOUNT,
            "--client-id",
            REPORTING.0,
            "--json",
        ]);
    let out = run(cmd, None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "the proxy saw the Basic credentials"
    );
}

/// A data folder with one profile of a real Zoom cloud.
fn home_with_commercial_profile() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("tempdir");
    let mut book = ProfileBook::default();
    book.create(support::reporting_draft("Prod", ProfileCloud::Commercial))
        .expect("created");
    ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop"))
        .save(&book)
        .expect("saved");
    home
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_real_profiles_credentials_go_to_another_server_only_when_allowed() {
    let home = home_with_commercial_profile();
    let file = ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop"));
    let id = file.read().expect("book").profiles()[0].id.clone();
    let keychain = s2s_core::keychain::KeyringStore::new(s2s_core::keychain::APP_SERVICE);
    use s2s_core::keychain::SecretStore;
    keychain
        .set(&id, &s2s_core::Secret::new(REPORTING.1))
        .expect("stored");
    let sim = sim().await;
    let mut cmd = with_data_home(&home);
    cmd.args([
        "test-token",
        "--profile",
        "Prod",
        "--oauth-url",
        &sim.base_url(),
    ]);
    let refused = run(cmd, None).await;
    let mut cmd = with_data_home(&home);
    cmd.args([
        "test-token",
        "--profile",
        "Prod",
        "--oauth-url",
        &sim.base_url(),
        "--allow-custom-host",
    ]);
    let allowed = run(cmd, None).await;
    keychain.delete(&id).expect("cleaned up");
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(
        refused.stderr.contains("--allow-custom-host"),
        "{}",
        refused.all()
    );
    assert_eq!(
        sim.world()
            .stats()
            .token_requests
            .get(REPORTING.0)
            .copied()
            .unwrap_or(0),
        1,
        "only the allowed run sent anything"
    );
    assert_eq!(allowed.code, 0, "{}", allowed.all());
}

#[tokio::test]
async fn a_read_only_command_leaves_an_unreadable_profiles_file_alone() {
    let home = home_with_commercial_profile();
    let dir = home.path().join("app.s2sdesk.desktop");
    let newer = r#"{"format": 7, "profiles": [{"from": "a newer S2S Desk"}]}"#;
    std::fs::write(dir.join("profiles.json"), newer).expect("write");
    let mut cmd = with_data_home(&home);
    cmd.args(["scopes", "--profile", "Prod"]);
    let out = run(cmd, None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("newer S2S Desk"), "{}", out.all());
    assert_eq!(
        std::fs::read_to_string(dir.join("profiles.json")).expect("still there"),
        newer
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("unreadable"))
        .collect();
    assert!(names.is_empty(), "nothing moved aside: {names:?}");
}
