//! The Sandbox between runs: it starts where the admin left it (its secrets in the keychain
//! only), a secret it does not know gets Sandbox advice rather than Marketplace advice, and
//! "Reset the Sandbox" puts its profiles back with it.

mod support;

use serde_json::json;
use support::{Shell, SANDBOX_SECRET};

const REPORTING_BOT: &str = "SbxReportingBot0000001";
const ANALYTICS: &str = "SbxAnalytics0000000003";

fn app_state(shell: &Shell, client_id: &str) -> String {
    let view = shell.invoke("get_sandbox", json!({})).expect("listed");
    view["accounts"][0]["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .find(|a| a["client_id"] == client_id)
        .map(|a| a["state"].as_str().unwrap_or_default().to_string())
        .expect("the app is listed")
}

/// Every file under `dir`, as text.
fn files_text(dir: &std::path::Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            all.push_str(&files_text(&path));
        } else {
            all.push_str(&String::from_utf8_lossy(
                &std::fs::read(&path).expect("file"),
            ));
        }
    }
    all
}

#[test]
fn the_sandbox_starts_where_the_last_run_left_it_with_its_secrets_in_the_keychain_only() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Reporting");
    let regenerated = shell
        .invoke(
            "regenerate_sandbox_secret",
            json!({"clientId": REPORTING_BOT}),
        )
        .expect("regenerated");
    let regenerated = regenerated.as_str().expect("a secret").to_string();
    shell
        .invoke(
            "set_sandbox_app_state",
            json!({"clientId": ANALYTICS, "appState": "deactivated"}),
        )
        .expect("deactivated");

    let shell = shell.restart();
    assert_eq!(app_state(&shell, ANALYTICS), "deactivated");
    let demo = shell
        .invoke("get_sandbox_demo_app", json!({"clientId": REPORTING_BOT}))
        .expect("the app");
    assert_eq!(
        demo["client_secret"],
        regenerated.as_str(),
        "the regenerated secret is kept"
    );
    let kept = files_text(shell.data_dir.path());
    assert!(
        kept.contains(ANALYTICS),
        "the world is kept beside the profiles"
    );
    assert!(
        !kept.contains(&regenerated),
        "no Sandbox secret is in a file"
    );
    assert!(!kept.contains(SANDBOX_SECRET), "nor the profile's");

    let run = shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");
    let failure = &run["result"]["failure"];
    assert_eq!(failure["kind"], "invalid_client");
    assert_eq!(
        failure["message"],
        s2s_core::profiles::test_run::SANDBOX_MISMATCH
    );
    let advice = failure["advice"].as_str().expect("advice");
    assert!(advice.contains("Reset the Sandbox"), "{advice}");
    assert!(
        !advice.contains("Marketplace"),
        "no real-Zoom advice: {advice}"
    );
}

#[test]
fn resetting_the_sandbox_puts_its_profiles_back_and_the_reset_lasts() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Reporting");
    shell
        .invoke(
            "regenerate_sandbox_secret",
            json!({"clientId": REPORTING_BOT}),
        )
        .expect("regenerated");
    let failed = shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");
    assert_eq!(failed["result"]["outcome"], "failed");

    let reset = shell.invoke("reset_sandbox", json!({})).expect("reset");
    assert_eq!(
        reset["profiles"],
        json!([{"id": id, "name": "Reporting", "secret_replaced": true}])
    );
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    let entry = &list["profiles"][0];
    assert_eq!(entry["id"], id.as_str());
    assert_eq!(
        entry["history"],
        json!([]),
        "no test of the old world remains"
    );

    let shell = shell.restart();
    assert_eq!(app_state(&shell, REPORTING_BOT), "active");
    let run = shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");
    assert_eq!(run["result"]["outcome"], "passed", "{run}");
}
