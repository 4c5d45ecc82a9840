//! `s2s profile add|list|show|remove`, black box, with the real keychain (the test command runs
//! inside a private Secret Service): the same file and entries the app uses, never a secret out.
// Reads keychain entries directly: proving where the secret went is the point.
#![allow(clippy::disallowed_methods)]

mod support;

use s2s_core::keychain::{KeyringStore, SecretStore, APP_SERVICE};
use support::{run, with_data_home, Run, ACCOUNT, REPORTING};

async fn s2s_at(home: &tempfile::TempDir, args: &[&str], secret: Option<&str>) -> Run {
    let mut cmd = with_data_home(home);
    cmd.args(args);
    if let Some(secret) = secret {
        cmd.env("ZOOM_CLIENT_SECRET", secret);
    }
    run(cmd, None).await
}

/// The client secret the keychain holds for profile `id`, if any.
fn stored_secret(id: &str) -> Option<String> {
    let stored = KeyringStore::new(APP_SERVICE).get(id).ok().flatten();
    stored.map(|s| s.expose().to_owned())
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_profile_added_from_the_cli_is_listed_shown_tested_and_removed_with_its_secret() {
    let home = tempfile::tempdir().expect("tempdir");
    let added = s2s_at(
        &home,
        &[
            "profile",
            "add",
            "Reporting",
            "--account-id",
            ACCOUNT,
            "--client-id",
            REPORTING.0,
            "--expect-scope",
            "user:read:list_users:admin",
            "--tag",
            "prod",
            "--json",
        ],
        Some(REPORTING.1),
    )
    .await;
    assert_eq!(added.code, 0, "{}", added.all());
    let id = added.json()["profile"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        !added.all().contains(REPORTING.1),
        "the secret is never printed"
    );
    let stored = KeyringStore::new(APP_SERVICE).get(&id).ok().flatten();
    assert_eq!(
        stored.as_ref().map(|s| s.expose()),
        Some(REPORTING.1),
        "in the keychain"
    );

    let listed = s2s_at(&home, &["profile", "list", "--json"], None).await;
    assert_eq!(listed.code, 0, "{}", listed.all());
    let profiles = listed.json()["profiles"].clone();
    assert_eq!(profiles[0]["name"], "Reporting");
    assert_eq!(profiles[0]["cloud"], "commercial");
    assert_eq!(
        profiles[0]["expected_scopes"][0],
        "user:read:list_users:admin"
    );
    assert_eq!(profiles[0]["secret_age_days"], 0);

    let shown = s2s_at(&home, &["profile", "show", "reporting"], None).await;
    assert_eq!(shown.code, 0, "{}", shown.all());
    assert!(shown.stdout.contains("SbxReportingBot0000001"));
    assert!(
        shown.stdout.contains("in the keychain, 0 days"),
        "{}",
        shown.stdout
    );
    assert!(!shown.all().contains(REPORTING.1));

    // The app's own test path takes it from here (a real app's profile: the simulator is a custom host).
    let sim = support::sim().await;
    let tested = s2s_at(
        &home,
        &[
            "test-token",
            "--profile",
            "Reporting",
            "--oauth-url",
            &sim.base_url(),
            "--allow-custom-host",
        ],
        None,
    )
    .await;
    assert_eq!(tested.code, 0, "{}", tested.all());

    let removed = s2s_at(&home, &["profile", "remove", "Reporting"], None).await;
    assert_eq!(removed.code, 0, "{}", removed.all());
    assert_eq!(stored_secret(&id), None);
    let empty = s2s_at(&home, &["profile", "list", "--json"], None).await;
    assert_eq!(empty.json()["profiles"], serde_json::json!([]));
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_saved() {
    let home = tempfile::tempdir().expect("tempdir");
    let add = |args: Vec<&'static str>, secret: Option<&'static str>| {
        let home = &home;
        async move {
            let mut all = vec!["profile", "add"];
            all.extend(args);
            s2s_at(home, &all, secret).await
        }
    };
    let no_secret = add(
        vec![
            "A",
            "--account-id",
            ACCOUNT,
            "--client-id",
            "SbxReportingBot0000001",
        ],
        None,
    )
    .await;
    assert_eq!(no_secret.code, 2);
    assert!(
        no_secret.stderr.contains("ZOOM_CLIENT_SECRET"),
        "{}",
        no_secret.all()
    );
    let swapped = add(
        vec![
            "A",
            "--account-id",
            "sandboxSecretReportingBot0000001",
            "--client-id",
            "SbxReportingBot0000001",
            "--json",
        ],
        Some("SbxDemoAccount00000001"),
    )
    .await;
    assert_eq!(swapped.code, 2, "{}", swapped.all());
    assert!(swapped.json()["error"]["issues"]
        .as_array()
        .is_some_and(|issues| !issues.is_empty()));
    let bad_scope = add(
        vec![
            "A",
            "--account-id",
            ACCOUNT,
            "--client-id",
            REPORTING.0,
            "--expect-scope",
            "not a scope",
        ],
        Some(REPORTING.1),
    )
    .await;
    assert_eq!(bad_scope.code, 2, "{}", bad_scope.all());
    let listed = s2s_at(&home, &["profile", "list", "--json"], None).await;
    assert_eq!(
        listed.json()["profiles"],
        serde_json::json!([]),
        "nothing saved"
    );

    let first = add(
        vec!["Prod", "--account-id", ACCOUNT, "--client-id", REPORTING.0],
        Some(REPORTING.1),
    )
    .await;
    assert_eq!(first.code, 0, "{}", first.all());
    let taken = add(
        vec!["prod", "--account-id", ACCOUNT, "--client-id", REPORTING.0],
        Some(REPORTING.1),
    )
    .await;
    assert_eq!(taken.code, 2, "{}", taken.all());
    let missing = s2s_at(&home, &["profile", "show", "nope"], None).await;
    assert_eq!(missing.code, 2);
    let id = s2s_at(&home, &["profile", "show", "prod", "--json"], None)
        .await
        .json()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        s2s_at(&home, &["profile", "remove", "prod"], None)
            .await
            .code,
        0
    );
    assert_eq!(stored_secret(&id), None);
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_deactivated_owner_is_flagged_and_an_ownership_transfer_is_tracked_to_its_deadline() {
    let (home, _service, _id) =
        support::home_with_saved_profile(s2s_core::profiles::ProfileCloud::Sandbox);
    let sim = support::sim().await;
    // The app's owner is deactivated in Zoom (PUT /users/{id}/status), by the account Owner's
    // own automation app.
    const OPS: (&str, &str) = ("SbxOpsClassic000000002", "sandboxSecretOpsClassic000000002");
    sim.world().grant_scope(OPS.0, "user:write:admin");
    let owner_token: serde_json::Value = reqwest::Client::new()
        .post(format!(
            "{}/oauth/token?grant_type=account_credentials&account_id={ACCOUNT}",
            sim.base_url()
        ))
        .basic_auth(OPS.0, Some(OPS.1))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("a token");
    let owner_token = owner_token["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let deactivated = reqwest::Client::new()
        .put(format!(
            "{}/v2/users/adam.admin@sandbox.example/status",
            sim.base_url()
        ))
        .bearer_auth(owner_token)
        .json(&serde_json::json!({"action": "deactivate"}))
        .send()
        .await
        .expect("answer");
    assert_eq!(deactivated.status(), 204);
    let tested = s2s_at(
        &home,
        &[
            "test-token",
            "--profile",
            "reporting",
            "--oauth-url",
            &sim.base_url(),
        ],
        None,
    )
    .await;
    assert_eq!(tested.code, 0, "{}", tested.all());
    let shown = s2s_at(&home, &["profile", "show", "reporting", "--json"], None).await;
    assert_eq!(
        shown.json()["owner_state"],
        "deactivated",
        "{}",
        shown.stdout
    );

    let none = s2s_at(&home, &["profile", "transfer", "reporting"], None).await;
    assert!(
        none.stdout.contains("No ownership transfer is under way"),
        "{}",
        none.all()
    );
    let bad = s2s_at(
        &home,
        &["profile", "transfer", "reporting", "--to", "nina"],
        None,
    )
    .await;
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert!(bad.stderr.contains("not an email address"), "{}", bad.all());

    let started = s2s_at(
        &home,
        &[
            "profile",
            "transfer",
            "reporting",
            "--to",
            "Olivia.Owner@sandbox.example",
            "--json",
        ],
        None,
    )
    .await;
    assert_eq!(started.code, 0, "{}", started.all());
    let transfer = &started.json()["transfer"];
    assert_eq!(transfer["new_owner"], "olivia.owner@sandbox.example");
    assert_eq!(transfer["days_left"], 30, "{transfer}");
    assert_eq!(transfer["complete"], false);

    let confirmed = s2s_at(
        &home,
        &["profile", "transfer", "reporting", "--confirmed"],
        None,
    )
    .await;
    assert_eq!(confirmed.code, 0, "{}", confirmed.all());
    assert!(
        confirmed
            .stdout
            .contains("✔ olivia.owner@sandbox.example accepted"),
        "{}",
        confirmed.stdout
    );
    assert!(
        confirmed.stdout.contains("☐ The client secret was rotated"),
        "{}",
        confirmed.stdout
    );
    let shown = s2s_at(&home, &["profile", "show", "reporting"], None).await;
    assert!(
        shown.stdout.contains("Ownership transfer"),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains("days left before Zoom cancels it"),
        "{}",
        shown.stdout
    );

    let cancelled = s2s_at(
        &home,
        &["profile", "transfer", "reporting", "--cancel", "--json"],
        None,
    )
    .await;
    assert_eq!(cancelled.json()["transfer"], serde_json::Value::Null);
}
