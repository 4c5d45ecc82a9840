//! `s2s rotate`, black box, with the real keychain and the simulator: the manual path (a new
//! secret tested before it is stored; rejected → exit 3, nothing stored), `--finish`, the API
//! path with its revoke time, and why the API path is unavailable.
// Reads keychain entries directly: proving where each secret went is the point.
#![allow(clippy::disallowed_methods)]

mod support;

use s2s_core::keychain::{KeyringStore, SecretStore, APP_SERVICE};
use s2s_core::profiles::ProfileCloud;
use support::{run, with_data_home, Run, REPORTING};
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

fn entry(key: &str) -> Option<String> {
    let stored = KeyringStore::new(APP_SERVICE).get(key).ok().flatten();
    stored.map(|s| s.expose().to_owned())
}

#[tokio::test]
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
