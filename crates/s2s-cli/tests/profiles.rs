//! `s2s test-token --profile NAME`: the same profiles file and keychain entry as the app.
//! Tests that need a real Secret Service run when S2S_KEYCHAIN_TESTS=1 (scripts/test-all.sh
//! starts gnome-keyring in a private D-Bus session and sets it); the others always run.

mod support;

use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::{ProfileBook, ProfileCloud, ProfileDraft};
use s2s_core::secrets::{KeyringStore, SecretStore, APP_SERVICE};
use s2s_core::Secret;
use support::{run, s2s, sim, ACCOUNT, REPORTING};
use tokio::process::Command;

/// A data folder holding one saved Sandbox profile "Reporting" (secret not stored), and its id.
fn data_home_with_profile(expected_scopes: &[&str]) -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().expect("tempdir");
    let mut book = ProfileBook::default();
    let id = book
        .create(ProfileDraft {
            name: "Reporting".into(),
            cloud: ProfileCloud::Sandbox,
            account_id: ACCOUNT.into(),
            client_id: REPORTING.0.into(),
            notes: String::new(),
            expected_scopes: expected_scopes.iter().map(|s| s.to_string()).collect(),
            token_index: None,
            token_tolerance: None,
        })
        .expect("created")
        .id
        .clone();
    ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop"))
        .save(&book)
        .expect("saved");
    (home, id)
}

fn with_data_home(home: &tempfile::TempDir) -> Command {
    let mut cmd = s2s();
    cmd.env("XDG_DATA_HOME", home.path());
    cmd
}

fn real_keychain() -> bool {
    let on = std::env::var("S2S_KEYCHAIN_TESTS").as_deref() == Ok("1");
    if !on {
        eprintln!("skipped: set S2S_KEYCHAIN_TESTS=1 inside a D-Bus session with a keyring (scripts/test-all.sh does)");
    }
    on
}

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
async fn without_a_keychain_the_profile_fails_clearly_and_no_plaintext_fallback_exists() {
    let (home, _) = data_home_with_profile(&[]);
    let mut cmd = with_data_home(&home);
    // No session bus: the Secret Service cannot be reached.
    cmd.env(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/s2s-test-bus",
    )
    .args(["test-token", "--profile", "reporting", "--json"]);
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
async fn a_saved_profile_tests_with_its_keychain_secret_and_expected_scopes() {
    if !real_keychain() {
        return;
    }
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
async fn a_sandbox_profile_needs_a_simulator_address() {
    if !real_keychain() {
        return;
    }
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
