//! `s2s test-token --profile NAME`: the same profiles file and keychain entry as the app.
//! Tests that need a real Secret Service are ignored by a plain `cargo test` and run by the test
//! command inside scripts/with-keyring.sh (gnome-keyring in a private D-Bus session).

// Black-box: the tests seed and clean the keychain entries the CLI reads.
#![allow(clippy::disallowed_methods)]

mod support;

use s2s_core::keychain::{KeyringStore, SecretStore, APP_SERVICE};
use s2s_core::Secret;
use support::{data_home_with_profile, run, sim, with_data_home, REPORTING};

#[tokio::test]
async fn an_unknown_profile_is_bad_input_and_nothing_is_sent() {
    let (home, _) = data_home_with_profile(&[]);
    let mut cmd = with_data_home(&home);
    cmd.args(["test-token", "--profile", "Nope"]);
    let out = run(cmd, None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("no profile named"), "{}", out.all());
}

#[tokio::test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "switches the Secret Service off through D-Bus; Windows' Credential Manager cannot be switched off from a test"
)]
async fn without_a_keychain_the_profile_fails_clearly_and_no_plaintext_fallback_exists() {
    let (home, _) = data_home_with_profile(&[]);
    let mut cmd = with_data_home(&home);
    // No session bus: the Secret Service cannot be reached.
    cmd.env(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/s2s-test-bus",
    )
    // (A Sandbox profile needs a simulator's address; the keychain is read before anything is sent.)
    .args([
        "test-token",
        "--profile",
        "reporting",
        "--oauth-url",
        "http://127.0.0.1:9",
        "--json",
    ]);
    let out = run(cmd, None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    let error = &out.json()["error"];
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("keychain"),
        "{error}"
    );
    assert!(
        error["advice"]
            .as_str()
            .unwrap_or_default()
            .contains("keyring"),
        "{error}"
    );
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_saved_profile_tests_with_its_keychain_secret_and_expected_scopes() {
    let sim = sim().await;
    let (home, id) =
        data_home_with_profile(&["user:read:list_users:admin", "meeting:write:meeting:admin"]);
    let keychain = KeyringStore::new(APP_SERVICE);
    keychain
        .set(&id, &Secret::new(REPORTING.1))
        .expect("secret stored");

    let mut cmd = with_data_home(&home);
    cmd.args([
        "test-token",
        "--profile",
        "Reporting",
        "--oauth-url",
        &sim.base_url(),
        "--json",
    ]);
    let out = run(cmd, None).await;
    keychain.delete(&id).expect("cleaned up");
    // The profile's expected scopes are a gate: the app lacks meeting:write:meeting:admin.
    assert_eq!(out.code, 5, "{}", out.all());
    assert_eq!(out.json()["error"]["kind"], "missing_scope");
    assert!(
        !out.all().contains(REPORTING.1),
        "the secret never appears in output"
    );
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_sandbox_profile_needs_a_simulator_address() {
    let (home, id) = data_home_with_profile(&[]);
    let keychain = KeyringStore::new(APP_SERVICE);
    keychain
        .set(&id, &Secret::new(REPORTING.1))
        .expect("secret stored");
    let mut cmd = with_data_home(&home);
    cmd.args(["test-token", "--profile", "Reporting"]);
    let out = run(cmd, None).await;
    keychain.delete(&id).expect("cleaned up");
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("s2s sim"), "{}", out.all());
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_profile_test_is_recorded_and_a_later_downgrade_prints_the_drift_warning() {
    let sim = sim().await;
    let (home, id) = data_home_with_profile(&[]);
    let keychain = KeyringStore::new(APP_SERVICE);
    keychain
        .set(&id, &Secret::new(REPORTING.1))
        .expect("secret stored");
    let test = || {
        let mut cmd = with_data_home(&home);
        cmd.args([
            "test-token",
            "--profile",
            "Reporting",
            "--oauth-url",
            &sim.base_url(),
        ]);
        run(cmd, None)
    };
    let first = test().await;
    assert_eq!(first.code, 0, "{}", first.all());
    assert!(!first.stdout.contains("SCOPES LOST"));

    sim.world()
        .set_user_role("sbx-admin-0002", "2")
        .expect("demote the owner");
    let second = test().await;
    keychain.delete(&id).expect("cleaned up");
    assert!(second.stdout.contains("SCOPES LOST"), "{}", second.all());
    assert!(
        second.stdout.contains("user:read:list_users:admin"),
        "{}",
        second.all()
    );
    assert!(second.stdout.contains("transfer"), "{}", second.all());

    let mut scopes = with_data_home(&home);
    scopes.args(["scopes", "--profile", "Reporting", "--json"]);
    let view = run(scopes, None).await;
    assert_eq!(view.code, 0, "{}", view.all());
    let lost = &view.json()["drift"]["drift"]["lost_scopes"];
    assert_eq!(lost.as_array().map(Vec::len), Some(8), "{lost}");
}
