//! `s2s rotate`, black box, with the real keychain and the simulator: the manual path (a new
//! secret tested before it is stored; rejected → exit 3, nothing stored), `--finish`, the API
//! path with its revoke time, and why the API path is unavailable.
// Reads keychain entries directly: proving where each secret went is the point.
#![allow(clippy::disallowed_methods)]

mod support;

use s2s_core::profiles::ProfileCloud;
use support::{keychain_entry as entry, run, with_data_home, Run, REPORTING};
use zoom_sim::SimHandle;

const NEW_SECRET: &str = "regeneratedSecretReportingBot001";
const APP_ID: &str = "SbxAppReportingBot0001";

async fn rotate(
    home: &tempfile::TempDir,
    sim: &SimHandle,
    args: &[&str],
    stdin: Option<&str>,
) -> Run {
    let mut cmd = with_data_home(home);
    cmd.args(["rotate", "--profile", "reporting", "--oauth-url"])
        .arg(sim.base_url())
        .args(args);
    run(cmd, stdin).await
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_pasted_secret_is_tested_then_swapped_in_and_the_old_one_kept_until_finish() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Sandbox);
    let sim = support::sim().await;
    let previous = format!("{id}:rotation-previous");

    let rejected = rotate(
        &home,
        &sim,
        &["--new-secret-stdin"],
        Some(&format!("{NEW_SECRET}\n")),
    )
    .await;
    assert_eq!(
        rejected.code,
        3,
        "Zoom does not know it yet: {}",
        rejected.all()
    );
    assert!(
        rejected.stderr.contains("Nothing was stored"),
        "{}",
        rejected.stderr
    );
    assert_eq!(
        entry(&id).as_deref(),
        Some(REPORTING.1),
        "the old secret stays"
    );
    assert_eq!(entry(&previous), None);

    sim.world().app_mut(REPORTING.0).expect("app").client_secret = NEW_SECRET.into();
    let rotated = rotate(
        &home,
        &sim,
        &["--new-secret-stdin"],
        Some(&format!("{NEW_SECRET}\n")),
    )
    .await;
    assert_eq!(rotated.code, 0, "{}", rotated.all());
    assert!(
        rotated.stdout.contains(
            "new secret tested and in use, old one still kept until you finish the rotation"
        ) && rotated.stdout.contains("--finish"),
        "{}",
        rotated.stdout
    );
    assert!(
        !rotated.all().contains(NEW_SECRET) && !rotated.all().contains(REPORTING.1),
        "no secret printed"
    );
    assert_eq!(entry(&id).as_deref(), Some(NEW_SECRET));
    assert_eq!(entry(&previous).as_deref(), Some(REPORTING.1));

    let mut cmd = with_data_home(&home);
    cmd.args(["test-token", "--profile", "reporting", "--oauth-url"])
        .arg(sim.base_url());
    let tested = run(cmd, None).await;
    assert_eq!(
        tested.code,
        0,
        "the profile works with the new secret: {}",
        tested.all()
    );
    assert!(
        tested.stdout.contains("rotation in progress"),
        "{}",
        tested.stdout
    );

    let again = rotate(
        &home,
        &sim,
        &["--new-secret-stdin"],
        Some("anotherSecret00000000000000000001\n"),
    )
    .await;
    assert_eq!(again.code, 2, "{}", again.all());
    assert!(
        again.stderr.contains("already under way"),
        "{}",
        again.stderr
    );

    let finished = rotate(&home, &sim, &["--finish"], None).await;
    assert_eq!(finished.code, 0, "{}", finished.all());
    assert!(
        finished.stdout.contains("no rotation in progress"),
        "{}",
        finished.stdout
    );
    assert_eq!(entry(&previous), None, "the old secret left the keychain");
    let _ = service.delete(&id);
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn the_api_path_keeps_both_secrets_until_the_revoke_time_and_now_ends_it() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Sandbox);
    let sim = support::sim().await;

    let unavailable = rotate(&home, &sim, &["--via-api", "--app-id", APP_ID], None).await;
    assert_eq!(unavailable.code, 5, "{}", unavailable.all());
    assert!(
        unavailable
            .stderr
            .contains("marketplace:update:client_secret")
            && unavailable.stderr.contains("Rotate manually"),
        "{}",
        unavailable.stderr
    );
    assert!(service.get(&id).expect("profile").rotation.is_none());

    sim.world()
        .app_mut(REPORTING.0)
        .expect("app")
        .scopes
        .push("marketplace:update:client_secret".into());
    let started = rotate(
        &home,
        &sim,
        &[
            "--via-api",
            "--app-id",
            APP_ID,
            "--revoke-old",
            "48h",
            "--json",
        ],
        None,
    )
    .await;
    assert_eq!(started.code, 0, "{}", started.all());
    let status = &started.json()["status"];
    assert_eq!(status["rotation"]["stage"], "switched");
    assert_eq!(status["rotation"]["via"]["app_id"], APP_ID);
    let until = status["rotation"]["keep_previous_until_unix"]
        .as_i64()
        .unwrap_or_default();
    let in_48h = s2s_core::clock::now_unix() + 48 * 3600;
    assert!((until - in_48h).abs() < 60, "{until} vs {in_48h}");
    let new_secret = entry(&id).expect("stored");
    assert!(!started.all().contains(&new_secret), "stored, never shown");
    assert!(
        sim.world().secret_accepted(REPORTING.0, REPORTING.1),
        "the old one still works"
    );

    let bad = rotate(&home, &sim, &["--revoke-old", "45d"], None).await;
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert!(bad.stderr.contains("30 days"), "{}", bad.stderr);

    let ended = rotate(&home, &sim, &["--revoke-old", "now"], None).await;
    assert_eq!(ended.code, 0, "{}", ended.all());
    assert!(
        !sim.world().secret_accepted(REPORTING.0, REPORTING.1),
        "Zoom revoked the old one"
    );
    assert!(sim.world().secret_accepted(REPORTING.0, &new_secret));
    assert_eq!(entry(&format!("{id}:rotation-previous")), None);
    let _ = service.delete(&id);
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn bad_rotate_input_is_refused_before_anything_is_sent() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Sandbox);
    let sim = support::sim().await;
    for (args, says) in [
        (&["--revoke-old", "yesterday"][..], "not a time"),
        (
            &["--new-secret-stdin", "--via-api"][..],
            "cannot be used with",
        ),
        (&["--finish"][..], "no rotation in progress"),
    ] {
        let refused = rotate(&home, &sim, args, Some("x\n")).await;
        assert_eq!(refused.code, 2, "{args:?}: {}", refused.all());
        assert!(
            refused.stderr.contains(says),
            "{args:?}: {}",
            refused.stderr
        );
    }
    assert_eq!(
        sim.world().stats().token_requests.values().sum::<u64>(),
        0,
        "nothing reached Zoom"
    );
    let _ = service.delete(&id);
}

/// The Reporting Bot may rotate its own secret (the scope Zoom asks for).
fn allow_api_rotation(sim: &SimHandle) {
    sim.world()
        .grant_scope(REPORTING.0, "marketplace:update:client_secret");
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_secret_zoom_issued_is_never_cancelled_away_and_still_works_after_the_revoke_time() {
    // See: issue 24, defect 1 — cancel used to delete the only secret Zoom would accept.
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Sandbox);
    let sim = support::sim().await;
    allow_api_rotation(&sim);
    // Zoom issues the new secret, S2S Desk stages it … and the process stops right there.
    let mut cmd = with_data_home(&home);
    cmd.args(["rotate", "--profile", "reporting", "--oauth-url"])
        .arg(sim.base_url())
        .args(["--via-api", "--app-id", APP_ID])
        .env("S2S_FAULT_ABORT_AFTER", "stored_new");
    let stopped = run(cmd, None).await;
    assert_ne!(stopped.code, 0, "{}", stopped.all());
    let staged = entry(&format!("{id}:rotation-new")).expect("the issued secret is staged");
    // Zoom's token endpoint is down while the new secret is tested again.
    sim.world().set_faults(
        Some(REPORTING.0),
        zoom_sim::Faults {
            server_error: Some(503),
            target: Some("token".into()),
            ..Default::default()
        },
    );
    let outage = rotate(&home, &sim, &[], None).await;
    assert_eq!(outage.code, 7, "{}", outage.all());
    assert!(outage.stderr.contains("stays staged"), "{}", outage.stderr);
    let cancel = rotate(&home, &sim, &["--cancel"], None).await;
    assert_eq!(cancel.code, 2, "refused: {}", cancel.all());
    assert!(
        cancel.stderr.contains("not cancelled") && cancel.stderr.contains("only secret"),
        "{}",
        cancel.stderr
    );
    assert_eq!(
        entry(&format!("{id}:rotation-new")),
        Some(staged.clone()),
        "kept"
    );
    // Zoom is back; its revoke time (24 h) passes: the old secret is dead.
    sim.world().clear_faults();
    sim.world()
        .advance_clock(std::time::Duration::from_secs(25 * 3600));
    let test_token = || {
        let mut cmd = with_data_home(&home);
        cmd.args([
            "test-token",
            "--profile",
            "reporting",
            "--no-probe",
            "--oauth-url",
        ])
        .arg(sim.base_url());
        run(cmd, None)
    };
    assert_eq!(test_token().await.code, 3, "the old secret was revoked");
    let resumed = rotate(&home, &sim, &[], None).await;
    assert_eq!(resumed.code, 0, "{}", resumed.all());
    assert_eq!(entry(&id), Some(staged));
    let works = test_token().await;
    assert_eq!(
        works.code,
        0,
        "the profile still gets a token: {}",
        works.all()
    );
    let _ = service.delete(&id);
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn finish_ends_the_rotation_only_when_zoom_revoked_the_old_secret() {
    // See: issue 24, defect 2 — any HTTP 400 used to read as "already revoked".
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Sandbox);
    let sim = support::sim().await;
    allow_api_rotation(&sim);
    let previous = format!("{id}:rotation-previous");
    let started = rotate(&home, &sim, &["--via-api", "--app-id", APP_ID], None).await;
    assert_eq!(started.code, 0, "{}", started.all());
    // The app loses the rotation scope: Zoom refuses to revoke, and keeps the old secret.
    sim.world()
        .app_mut(REPORTING.0)
        .expect("app")
        .scopes
        .retain(|s| s != "marketplace:update:client_secret");
    let refused = rotate(&home, &sim, &["--finish"], None).await;
    assert_eq!(refused.code, 5, "a missing scope: {}", refused.all());
    assert!(
        refused.stderr.contains("marketplace:update:client_secret"),
        "{}",
        refused.stderr
    );
    assert!(
        sim.world().secret_accepted(REPORTING.0, REPORTING.1),
        "Zoom still takes the old one"
    );
    assert_eq!(
        entry(&previous).as_deref(),
        Some(REPORTING.1),
        "so S2S Desk keeps it"
    );
    assert!(
        service.get(&id).expect("profile").rotation.is_some(),
        "and the rotation stays"
    );
    // With the scope back, Zoom revokes it and the rotation ends.
    allow_api_rotation(&sim);
    let finished = rotate(&home, &sim, &["--finish"], None).await;
    assert_eq!(finished.code, 0, "{}", finished.all());
    assert!(!sim.world().secret_accepted(REPORTING.0, REPORTING.1));
    assert_eq!(entry(&previous), None);
    assert!(service.get(&id).expect("profile").rotation.is_none());
    let _ = service.delete(&id);
}
