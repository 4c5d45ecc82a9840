//! `s2s apps`, black box, with the real keychain and the simulator: Zoom's usage figures for
//! the account's apps, "not available with this app's scopes" (exit 5) until the app may list
//! them, and each app beside S2S Desk's own test of its saved profile.

mod support;

use s2s_core::profiles::service::{RotationSettings, SaveExtras};
use s2s_core::profiles::ProfileCloud;
use support::{run, with_data_home, Run, REPORTING};
use zoom_sim::SimHandle;

const APP_ID: &str = "SbxAppReportingBot0001";

async fn apps(home: &tempfile::TempDir, sim: &SimHandle, json: bool) -> Run {
    let mut cmd = with_data_home(home);
    cmd.args(["apps", "--profile", "reporting", "--oauth-url"])
        .arg(sim.base_url());
    if json {
        cmd.arg("--json");
    }
    run(cmd, None).await
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn zooms_usage_figures_are_listed_once_the_app_may_read_them() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Sandbox);
    let profile = service.get(&id).expect("saved");
    service
        .save_with(
            Some(&id),
            profile.settings.clone(),
            None,
            SaveExtras {
                rotation: Some(RotationSettings {
                    app_id: Some(APP_ID.into()),
                    reminder_days: None,
                }),
                ..SaveExtras::default()
            },
        )
        .expect("App ID saved");
    let sim = support::sim().await;

    assert_matches_schema(&apps(&home, &sim, true).await.json());
    let refused = apps(&home, &sim, false).await;
    assert_eq!(refused.code, 5, "{}", refused.all());
    assert!(
        refused
            .stderr
            .contains("not available with this app's scopes")
            && refused.stderr.contains("marketplace:read:list_apps:admin"),
        "says what it needs: {}",
        refused.all()
    );

    sim.world()
        .grant_scope(REPORTING.0, "marketplace:read:list_apps:admin");
    let listed = apps(&home, &sim, true).await;
    assert_eq!(listed.code, 0, "{}", listed.all());
    let json = listed.json();
    assert_matches_schema(&json);
    assert_eq!(json["outcome"], "listed");
    let report = &json["report"];
    assert_eq!(report["figures_reported"], true);
    let all = report["apps"].as_array().expect("apps");
    assert!(all.len() >= 9, "every app of the account: {report}");
    let mine = all
        .iter()
        .find(|a| a["app_id"] == APP_ID)
        .expect("the profile's own app");
    // The failed first request (exit 5 was decided before asking Zoom) made no call; this
    // list is the first, counted once it was answered.
    assert_eq!(mine["profile"]["name"], "Reporting", "{mine}");
    assert!(
        mine["scopes"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s == "marketplace:read:list_apps:admin")),
        "{mine}"
    );
    let unused = all
        .iter()
        .find(|a| a["app_id"] == "SbxAppAnalytics0000000")
        .expect("another app");
    assert_eq!(unused["notes"][0]["flag"]["flag"], "never_used", "{unused}");

    // Asked again: Zoom now counts the first list among the app's calls.
    let text = apps(&home, &sim, false).await;
    assert_eq!(text.code, 0, "{}", text.all());
    assert!(
        text.stdout
            .contains("profile 'Reporting': S2S Desk's latest test"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("calls 1  failed 0  active users 1"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("Zoom has no call of this app on record"),
        "{}",
        text.stdout
    );
}

/// `--json` is a contract: docs/json/apps.schema.json.
fn assert_matches_schema(output: &serde_json::Value) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/json/apps.schema.json"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let problems: Vec<String> = validator
        .iter_errors(output)
        .map(|e| e.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:?}\n{output}");
}
