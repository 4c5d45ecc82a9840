//! `s2s` as a pipeline sees it: a real process, real HTTP to the simulator, exit codes and output.

mod support;

use std::process::Stdio;

use serde_json::Value;

use support::{run, s2s, sim, Run, ACCOUNT, REPORTING};
use zoom_sim::{Faults, SimHandle};
const ARCHIVED: (&str, &str) = ("SbxArchived00000000006", "sandboxSecretArchived00000000006");
const GENERAL: (&str, &str) = ("SbxGeneralOAuth0000008", "sandboxSecretGeneralOAuth0000008");

async fn test_token(sim: &SimHandle, app: (&str, &str), extra: &[&str]) -> Run {
    let mut cmd = s2s();
    cmd.args([
        "test-token",
        "--oauth-url",
        &sim.base_url(),
        "--account-id",
        ACCOUNT,
        "--client-id",
        app.0,
    ]);
    cmd.args(extra).env("ZOOM_CLIENT_SECRET", app.1);
    run(cmd, None).await
}

#[tokio::test]
async fn success_prints_scopes_grouped_with_levels_and_exits_0() {
    let sim = sim().await;
    let r = test_token(&sim, REPORTING, &[]).await;
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stdout.contains("✔ Token issued"));
    assert!(r.stdout.contains("user:read:list_users:admin [admin]"));
    assert!(r
        .stdout
        .contains(&format!("API base URL  {}", sim.base_url())));
    assert!(r.stdout.contains("role Admin"));
}

#[tokio::test]
async fn json_output_has_the_documented_fields() {
    let sim = sim().await;
    let v = test_token(&sim, REPORTING, &["--json"]).await.json();
    assert_eq!(v["ok"], true);
    assert!(v["scopes"]
        .as_array()
        .expect("scopes")
        .iter()
        .any(|s| s == "role:read:role:admin"));
    assert_eq!(v["expires_in"], 3599);
    assert_eq!(v["api_url"], sim.base_url());
    assert!(v["latency_ms"].is_u64());
    assert!(v["error"].is_null());
}

#[tokio::test]
async fn an_account_on_a_regional_cluster_is_called_where_its_token_says() {
    let mut fixture = zoom_sim::Fixture::default_sandbox();
    fixture.accounts[0].api_region = Some("eu".into());
    let sim = zoom_sim::start(fixture, 0).await.expect("sim");
    let regional = sim.regional_api_urls()["eu"].clone();
    let r = test_token(&sim, REPORTING, &["--json"]).await;
    assert_eq!(r.code, 0, "{}", r.all());
    let v = r.json();
    assert_eq!(
        v["api_url"],
        regional.as_str(),
        "the token's api_url, not the OAuth host"
    );
    assert_eq!(v["api_url_from_response"], true);
    // The probe (GET /users/me at that base) read the owner.
    assert_eq!(v["probe"]["owner"]["role_name"], "Admin", "{v}");
}

#[tokio::test]
async fn each_failure_class_has_its_exit_code_and_json_error() {
    let sim = sim().await;
    let wrong_secret = ("SbxReportingBot0000001", "wrongSecretwrongSecretwrongSecre");
    let cases: [((&str, &str), u8, &str); 3] = [
        (wrong_secret, 3, "invalid_client"),
        (ARCHIVED, 4, "app_disabled"),
        (GENERAL, 4, "wrong_app_type"),
    ];
    for (app, code, kind) in cases {
        let r = test_token(&sim, app, &["--json"]).await;
        assert_eq!(r.code, i32::from(code), "{kind}: {}", r.all());
        let v = r.json();
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"]["kind"], kind);
        assert_eq!(v["error"]["http_status"], 400);
        assert!(v["error"]["zoom_reason"].is_string());
        assert!(v["error"]["message"].is_string());
    }
}

#[tokio::test]
async fn a_wrong_account_id_exits_4_and_names_the_account_id() {
    let sim = sim().await;
    let mut cmd = s2s();
    cmd.args([
        "test-token",
        "--oauth-url",
        &sim.base_url(),
        "--account-id",
        "WrongAccount0000000001",
        "--client-id",
        REPORTING.0,
    ]);
    cmd.env("ZOOM_CLIENT_SECRET", REPORTING.1);
    let r = run(cmd, None).await;
    assert_eq!(r.code, 4);
    assert!(r.stderr.contains("Account ID"), "{}", r.stderr);
}

#[tokio::test]
async fn a_missing_required_scope_exits_5() {
    let sim = sim().await;
    let r = test_token(
        &sim,
        REPORTING,
        &[
            "--require-scope",
            "user:read:user:admin",
            "--require-scope",
            "meeting:write:meeting:admin",
            "--json",
        ],
    )
    .await;
    assert_eq!(r.code, 5, "{}", r.all());
    let v = r.json();
    assert_eq!(v["error"]["kind"], "missing_scope");
    assert_eq!(
        v["missing_required"],
        serde_json::json!(["meeting:write:meeting:admin"])
    );
}

#[tokio::test]
async fn rate_limits_exit_6_server_errors_7_and_network_failures_8() {
    let sim = sim().await;
    sim.world().set_faults(
        Some(REPORTING.0),
        Faults {
            rate_limited_without_retry_after: true,
            ..Faults::default()
        },
    );
    assert_eq!(test_token(&sim, REPORTING, &[]).await.code, 6);
    sim.world().set_faults(
        Some(REPORTING.0),
        Faults {
            malformed_json: true,
            ..Faults::default()
        },
    );
    assert_eq!(test_token(&sim, REPORTING, &[]).await.code, 7);
    sim.world().set_faults(
        Some(REPORTING.0),
        Faults {
            delay_ms: 2500,
            ..Faults::default()
        },
    );
    let slow = test_token(&sim, REPORTING, &["--timeout", "1", "--json"]).await;
    assert_eq!(
        (slow.code, slow.json()["error"]["kind"].as_str()),
        (8, Some("timeout"))
    );
}

#[tokio::test]
async fn bad_input_exits_2_and_sends_nothing() {
    let sim = sim().await;
    let r = test_token(&sim, ("Sbx Reporting", REPORTING.1), &[]).await;
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("Client ID contains a space"),
        "{}",
        r.stderr
    );
    let mut no_secret = s2s();
    no_secret.args([
        "test-token",
        "--oauth-url",
        &sim.base_url(),
        "--account-id",
        ACCOUNT,
        "--client-id",
        REPORTING.0,
    ]);
    let r = run(no_secret, None).await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("ZOOM_CLIENT_SECRET"));
    assert!(
        sim.world().stats().token_requests.is_empty(),
        "nothing reached Zoom"
    );
}

#[tokio::test]
async fn the_secret_is_never_a_flag_value() {
    let r = run(
        {
            let mut c = s2s();
            c.args([
                "test-token",
                "--account-id",
                ACCOUNT,
                "--client-id",
                REPORTING.0,
                "--client-secret",
                REPORTING.1,
            ]);
            c
        },
        None,
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(
        !r.all().contains(REPORTING.1),
        "clap must not echo the value"
    );
}

#[tokio::test]
async fn non_loopback_hosts_are_refused_unless_allowed() {
    let mut c = s2s();
    c.args([
        "test-token",
        "--oauth-url",
        "https://zoom.example.net",
        "--account-id",
        ACCOUNT,
        "--client-id",
        REPORTING.0,
    ])
    .env("ZOOM_CLIENT_SECRET", REPORTING.1);
    let r = run(c, None).await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--allow-custom-host"));
}

#[tokio::test]
async fn credentials_come_from_the_environment_and_stdin() {
    let sim = sim().await;
    let mut c = s2s();
    c.args([
        "test-token",
        "--oauth-url",
        &sim.base_url(),
        "--client-secret-stdin",
    ])
    .env("ZOOM_ACCOUNT_ID", ACCOUNT)
    .env("ZOOM_CLIENT_ID", REPORTING.0);
    let r = run(c, Some(&format!("{}\n", REPORTING.1))).await;
    assert_eq!(r.code, 0, "{}", r.all());
}

#[tokio::test]
async fn no_secret_or_token_appears_in_any_output_even_with_debug_logs() {
    let sim = sim().await;
    sim.world().set_faults(
        Some(REPORTING.0),
        Faults {
            server_error: Some(500),
            times: Some(1),
            ..Faults::default()
        },
    );
    let runs = [
        test_token(&sim, REPORTING, &["--json"]).await,
        test_token(&sim, REPORTING, &[]).await,
        test_token(
            &sim,
            ("SbxReportingBot0000001", "wrongSecretwrongSecretwrongSecre"),
            &[],
        )
        .await,
    ];
    assert!(
        runs[0].stderr.contains("retrying"),
        "debug logs were on: {}",
        runs[0].stderr
    );
    let issued: Vec<String> = sim.world().issued_tokens();
    assert!(!issued.is_empty());
    for r in &runs {
        let all = r.all();
        assert!(
            !all.contains(REPORTING.1) && !all.contains("wrongSecretwrongSecretwrongSecre"),
            "secret leaked: {all}"
        );
        for t in &issued {
            assert!(!all.contains(t.as_str()), "token leaked");
        }
    }
}

#[tokio::test]
async fn s2s_sim_serves_its_demo_credentials() {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_s2s"))
        .args(["sim", "--json"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("sim starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    tokio::io::BufReader::new(stdout)
        .read_line(&mut line)
        .await
        .expect("first line");
    let info: Value = serde_json::from_str(&line).expect("json line");
    let url = info["base_url"].as_str().expect("base_url").to_string();
    let app = &info["apps"][0];
    let mut c = s2s();
    c.args([
        "test-token",
        "--oauth-url",
        &url,
        "--account-id",
        app["account_id"].as_str().expect("id"),
    ]);
    c.args(["--client-id", app["client_id"].as_str().expect("client")])
        .env(
            "ZOOM_CLIENT_SECRET",
            app["client_secret"].as_str().expect("secret"),
        );
    assert_eq!(run(c, None).await.code, 0);
    child.kill().await.expect("stop sim");
}

#[tokio::test]
async fn help_documents_the_exit_codes() {
    let r = run(
        {
            let mut c = s2s();
            c.arg("--help");
            c
        },
        None,
    )
    .await;
    assert_eq!(r.code, 0);
    for code in ["3  Zoom rejected", "5  a required scope", "8  network"] {
        assert!(r.stdout.contains(code), "{}", r.stdout);
    }
}

#[tokio::test]
async fn check_coexistence_reports_todays_rule_and_an_app_still_on_the_old_one() {
    let sim = sim().await;
    let today = test_token(&sim, REPORTING, &["--check-coexistence"]).await;
    assert_eq!(today.code, 0, "{}", today.all());
    assert!(today.stdout.contains("Tokens coexist"), "{}", today.all());
    assert!(
        today.stderr.contains("two tokens"),
        "the cost is said up front: {}",
        today.all()
    );

    let old_rule = ("SbxMultiInstance000005", "sandboxSecretMultiInstance000005");
    let old = test_token(&sim, old_rule, &["--check-coexistence", "--json"]).await;
    assert_eq!(old.code, 0, "{}", old.all());
    let json = old.json();
    assert_eq!(json["coexistence"]["outcome"], "one_token", "{json}");
    assert!(json["message"]
        .as_str()
        .unwrap_or_default()
        .contains("one-token rule"));
}
