//! The app and the CLI give the same answer to the same question. Each case is asked of the
//! shell (Tauri's mock runtime, real IPC serialization) and of the `s2s` binary, over one
//! profiles folder and one Secret Service, with the shell's Sandbox as Zoom.
//!
//! They need the `s2s` binary (named by `S2S_CLI`) and a Secret Service the two processes share:
//! `scripts/test-all.sh` runs them inside `scripts/with-keyring.sh`.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use s2s_core::keychain::{KeyringStore, APP_SERVICE};
use serde_json::{json, Value};
use tauri::Manager;

use support::{legacy_project_with, sandbox_draft, scan_done, Shell, SANDBOX_SECRET};

/// The shell over a fresh profiles folder and the session's Secret Service (the CLI's too).
fn shell() -> Shell {
    Shell::start_with(
        tempfile::tempdir().expect("tempdir"),
        Arc::new(KeyringStore::new(APP_SERVICE)),
    )
}

/// What `s2s ARGS` answered, run over the shell's profiles folder.
struct Answer {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Answer {
    fn json(&self) -> Value {
        let parsed = serde_json::from_str(&self.stdout);
        assert!(parsed.is_ok(), "not JSON: {}\n{}", self.stdout, self.stderr);
        parsed.unwrap_or_default()
    }
}

fn s2s(shell: &Shell, args: &[&str], stdin: Option<&str>) -> Answer {
    let cli = std::env::var_os("S2S_CLI").expect("S2S_CLI names the s2s binary");
    let mut child = Command::new(cli)
        .args(args)
        .env("S2S_DATA_DIR", shell.data_dir.path())
        .env_remove("ZOOM_ACCOUNT_ID")
        .env_remove("ZOOM_CLIENT_ID")
        .env_remove("ZOOM_CLIENT_SECRET")
        .env_remove("ZOOM_WEBHOOK_SECRET_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("s2s starts");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).expect("stdin");
    }
    let out = child.wait_with_output().expect("s2s ends");
    Answer {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

fn sandbox_url(shell: &Shell) -> String {
    shell.invoke("get_app_info", json!({})).expect("info")["sandbox_url"]
        .as_str()
        .expect("sandbox url")
        .to_string()
}

/// How many token requests the Sandbox has had for `client_id`.
fn token_requests(shell: &Shell, client_id: &str) -> u64 {
    let stats = support::sandbox_get(shell, "/_sim/stats");
    stats["token_requests"][client_id].as_u64().unwrap_or(0)
}

fn save(shell: &Shell, draft: Value, secret: &str) -> String {
    shell
        .invoke(
            "save_profile",
            json!({"id": null, "draft": draft, "clientSecret": secret, "lastTest": null}),
        )
        .expect("saved")["id"]
        .as_str()
        .expect("id")
        .to_string()
}

/// The app's Test token on profile `id`: its result.
fn tested_in_the_app(shell: &Shell, id: &str) -> Value {
    shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested")["result"]
        .clone()
}

/// Scope names, sorted: the app's scopes (objects with `raw`) or the CLI's (strings).
fn sorted(scopes: &Value) -> Vec<String> {
    let mut names: Vec<String> = scopes
        .as_array()
        .expect("scopes")
        .iter()
        .map(|s| {
            s["raw"]
                .as_str()
                .or(s.as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
#[ignore = "runs the s2s binary (S2S_CLI) in a shared Secret Service: scripts/test-all.sh runs it"]
fn a_saved_sandbox_profile_tests_the_same_in_the_app_and_the_cli() {
    let shell = shell();
    let id = save(&shell, sandbox_draft("Reporting"), SANDBOX_SECRET);
    let app = tested_in_the_app(&shell, &id);
    let url = sandbox_url(&shell);
    let cli = s2s(
        &shell,
        &[
            "test-token",
            "--profile",
            "reporting",
            "--oauth-url",
            &url,
            "--json",
        ],
        None,
    );
    assert_eq!(cli.code, 0, "{}{}", cli.stdout, cli.stderr);
    let cli = cli.json();
    assert_eq!(app["outcome"], "passed", "{app}");
    assert_eq!(
        sorted(&app["report"]["token"]["scopes"]),
        sorted(&cli["scopes"]),
        "the same scopes granted"
    );
    // Both results are in the one history the two share.
    let history =
        &shell.invoke("list_profiles", json!({})).expect("list")["profiles"][0]["history"];
    assert_eq!(history.as_array().map(Vec::len), Some(2), "{history}");
}

#[test]
#[ignore = "runs the s2s binary (S2S_CLI) in a shared Secret Service: scripts/test-all.sh runs it"]
fn a_real_profiles_secret_goes_to_no_other_host_from_the_app_or_the_cli() {
    let shell = shell();
    // A real (commercial) profile, holding the Sandbox app's credentials so that a host that
    // received them would answer.
    let mut real = sandbox_draft("Production");
    real["cloud"] = json!("commercial");
    let id = save(&shell, real, SANDBOX_SECRET);
    let url = sandbox_url(&shell);
    let client = "SbxReportingBot0000001";

    // The CLI refuses the Sandbox's address for it, before anything is sent…
    let refused = s2s(
        &shell,
        &[
            "test-token",
            "--profile",
            "Production",
            "--oauth-url",
            &url,
            "--json",
        ],
        None,
    );
    assert_eq!(refused.code, 2, "{}{}", refused.stdout, refused.stderr);
    assert!(
        refused.stdout.contains("real Zoom app's credentials"),
        "{}",
        refused.stdout
    );
    assert_eq!(token_requests(&shell, client), 0);

    // …and the app, which offers no other host, sends it to Zoom's: here an unreachable
    // proxy stands in for the internet, so nothing leaves this machine.
    let mut preferences =
        shell.invoke("get_preferences", json!({})).expect("prefs")["preferences"].clone();
    preferences["proxy"] = json!("custom");
    preferences["proxy_url"] = json!("http://127.0.0.1:9");
    preferences["request_timeout_secs"] = json!(5);
    shell
        .invoke("set_preferences", json!({"preferences": preferences}))
        .expect("preferences");
    let app = tested_in_the_app(&shell, &id);
    assert_eq!(app["outcome"], "failed", "{app}");
    assert_eq!(
        token_requests(&shell, client),
        0,
        "the Sandbox never saw it"
    );

    // Only when the admin says so does the CLI send it there.
    let allowed = s2s(
        &shell,
        &[
            "test-token",
            "--profile",
            "Production",
            "--oauth-url",
            &url,
            "--allow-custom-host",
            "--json",
        ],
        None,
    );
    assert_eq!(allowed.code, 0, "{}{}", allowed.stdout, allowed.stderr);
    assert_eq!(token_requests(&shell, client), 1);
}

/// A legacy project's settings whose webhook receiver still checks the Verification Token.
const WEBHOOK_ENV: &str = "# zoom\nZOOM_API_KEY=LegacyApiKey0123456789\nZOOM_API_SECRET=LegacySecretValue0123456789\nZOOM_VERIFICATION_TOKEN=LegacyVerificationToken01\n";

#[test]
#[ignore = "runs the s2s binary (S2S_CLI) in a shared Secret Service: scripts/test-all.sh runs it"]
fn a_migration_writes_the_same_configs_from_the_app_and_the_cli_with_the_saved_secret_token() {
    const TOKEN: &str = "sandboxWebhookTokenReporting0001";
    let shell = shell();
    let id = save(&shell, sandbox_draft("New app"), SANDBOX_SECRET);
    shell
        .invoke(
            "set_webhook_secret_token",
            json!({"id": id, "token": TOKEN}),
        )
        .expect("saved");
    shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");

    let by_app = legacy_project_with(WEBHOOK_ENV);
    let (scan, _) = scan_done(&shell, by_app.path());
    let choices = json!({"names": {"account_id": "ZOOM_ACCOUNT_ID", "client_id": "ZOOM_CLIENT_ID", "client_secret": "ZOOM_CLIENT_SECRET"}, "profile_id": id, "write_secret": true});
    let still_to_do_in_the_app = shell
        .invoke("plan_migration", json!({"id": scan, "choices": choices}))
        .expect("planned")["still_to_do"]
        .clone();
    shell
        .invoke("apply_migration", json!({"id": scan, "choices": choices}))
        .expect("applied by the app");

    let by_cli = legacy_project_with(WEBHOOK_ENV);
    let plan = by_cli.path().join("plan.json");
    let scanned = s2s(
        &shell,
        &[
            "migrate",
            "scan",
            &by_cli.path().display().to_string(),
            "--plan",
            &plan.display().to_string(),
        ],
        None,
    );
    assert_eq!(scanned.code, 0, "{}{}", scanned.stdout, scanned.stderr);
    let url = sandbox_url(&shell);
    let applied = s2s(
        &shell,
        &[
            "migrate",
            "apply",
            &plan.display().to_string(),
            "--profile",
            "New app",
            "--oauth-url",
            &url,
            "--write-secret",
            "--json",
        ],
        None,
    );
    assert_eq!(applied.code, 0, "{}{}", applied.stdout, applied.stderr);
    assert_eq!(
        applied.json()["still_to_do"],
        still_to_do_in_the_app,
        "the same steps left"
    );
    assert!(still_to_do_in_the_app
        .as_array()
        .is_some_and(|steps| steps.iter().any(|s| s["kind"] == "retire_jwt_app")));

    let read = |dir: &Path| std::fs::read_to_string(dir.join(".env")).expect(".env");
    assert_eq!(read(by_app.path()), read(by_cli.path()), "the same rewrite");
    assert!(
        read(by_app.path()).contains(&format!("ZOOM_WEBHOOK_SECRET_TOKEN={TOKEN}")),
        "{}",
        read(by_app.path())
    );
}

#[test]
#[ignore = "runs the s2s binary (S2S_CLI) in a shared Secret Service: scripts/test-all.sh runs it"]
fn a_rotation_takes_the_same_steps_from_the_app_and_the_cli() {
    let shell = shell();
    let by_app = save(&shell, sandbox_draft("By the app"), SANDBOX_SECRET);
    save(&shell, sandbox_draft("By the CLI"), SANDBOX_SECRET);
    let new_secret = shell
        .invoke(
            "regenerate_sandbox_secret",
            json!({"clientId": "SbxReportingBot0000001"}),
        )
        .expect("regenerated");
    let new_secret = new_secret.as_str().expect("secret");
    let url = sandbox_url(&shell);

    // Comparable: what the two say, without whose it is or when it happened.
    let comparable = |status: &Value| {
        let mut status = status.clone();
        status["profile_id"] = Value::Null;
        if let Some(rotation) = status["rotation"].as_object_mut() {
            rotation.remove("started_unix");
            rotation.remove("tested_unix");
        }
        status
    };

    let app = shell
        .invoke(
            "rotate_secret",
            json!({"id": by_app, "request": {"action": "start_manual", "new_secret": new_secret, "keep_previous_until_unix": null}}),
        )
        .expect("rotated by the app");
    let cli = s2s(
        &shell,
        &[
            "rotate",
            "--profile",
            "By the CLI",
            "--new-secret-stdin",
            "--oauth-url",
            &url,
            "--json",
        ],
        Some(&format!("{new_secret}\n")),
    );
    assert_eq!(cli.code, 0, "{}{}", cli.stdout, cli.stderr);
    assert_eq!(comparable(&app), comparable(&cli.json()["status"]));
    assert_eq!(app["rotation"]["stage"], "switched", "{app}");

    let app = shell
        .invoke(
            "rotate_secret",
            json!({"id": by_app, "request": {"action": "finish"}}),
        )
        .expect("finished by the app");
    let cli = s2s(
        &shell,
        &[
            "rotate",
            "--profile",
            "By the CLI",
            "--finish",
            "--oauth-url",
            &url,
            "--json",
        ],
        None,
    );
    assert_eq!(cli.code, 0, "{}{}", cli.stdout, cli.stderr);
    assert_eq!(comparable(&app), comparable(&cli.json()["status"]));
    assert_eq!(app["rotation"], Value::Null, "{app}");
}

#[test]
#[ignore = "runs the s2s binary (S2S_CLI) in a shared Secret Service: scripts/test-all.sh runs it"]
fn zooms_usage_figures_read_the_same_in_the_app_and_the_cli() {
    let shell = shell();
    save(&shell, sandbox_draft("Reporting"), SANDBOX_SECRET);
    let id = shell.invoke("list_profiles", json!({})).expect("list")["profiles"][0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let url = sandbox_url(&shell);
    let ask = |shell: &Shell| {
        let app = shell
            .invoke("get_app_usage", json!({"id": id, "unusedDays": null}))
            .expect("an outcome");
        let cli = s2s(
            shell,
            &[
                "apps",
                "--profile",
                "reporting",
                "--oauth-url",
                &url,
                "--json",
            ],
            None,
        );
        (app, cli)
    };

    let (app, cli) = ask(&shell);
    assert_eq!(cli.code, 5, "{}{}", cli.stdout, cli.stderr);
    assert_eq!(app["outcome"], "not_available", "{app}");
    assert_eq!(app, cli.json(), "the same refusal, word for word");

    shell
        .app
        .state::<s2s_desk_lib::state::AppState>()
        .sandbox
        .grant_scope("SbxReportingBot0000001", "marketplace:read:list_apps:admin")
        .expect("granted");
    // Zoom counts each list among the asking app's calls: once asked, it is used for both.
    let _ = ask(&shell);
    let (app, cli) = ask(&shell);
    assert_eq!(cli.code, 0, "{}{}", cli.stdout, cli.stderr);
    let cli = cli.json();
    let verdicts = |outcome: &Value| -> Vec<(String, Vec<String>)> {
        outcome["report"]["apps"]
            .as_array()
            .expect("apps")
            .iter()
            .map(|a| {
                let flags = a["notes"].as_array().expect("notes").iter();
                let flags =
                    flags.map(|n| n["flag"]["flag"].as_str().unwrap_or_default().to_string());
                (
                    a["app_id"].as_str().unwrap_or_default().to_string(),
                    flags.collect(),
                )
            })
            .collect()
    };
    assert_eq!(
        verdicts(&app),
        verdicts(&cli),
        "the same apps, judged the same"
    );
    assert!(verdicts(&app).len() >= 9, "{app}");
}

#[test]
#[ignore = "runs the s2s binary (S2S_CLI) in a shared Secret Service: scripts/test-all.sh runs it"]
fn where_a_secret_is_deployed_is_updated_the_same_from_the_app_and_the_cli() {
    let shell = shell();
    let by_app = save(&shell, sandbox_draft("By the app"), SANDBOX_SECRET);
    save(&shell, sandbox_draft("By the CLI"), SANDBOX_SECRET);
    let project = tempfile::tempdir().expect("tempdir");
    for who in ["app", "cli"] {
        std::fs::write(
            project.path().join(format!("{who}.env")),
            format!("ZOOM_CLIENT_SECRET={SANDBOX_SECRET}\n"),
        )
        .expect("written");
    }
    let env_file = |who: &str| {
        project
            .path()
            .join(format!("{who}.env"))
            .display()
            .to_string()
    };
    let found = shell
        .invoke(
            "find_secret_settings",
            json!({"path": project.path().display().to_string()}),
        )
        .expect("found");
    assert_eq!(found.as_array().map(Vec::len), Some(2), "{found}");
    let broken = shell
        .invoke(
            "parse_command",
            json!({"text": "sh -c 'echo sealed >&2; exit 3'"}),
        )
        .expect("parsed");
    for (label, target) in [
        (
            "Config",
            json!({"kind": "file", "path": env_file("app"), "setting": "ZOOM_CLIENT_SECRET"}),
        ),
        ("Vault", json!({"kind": "command", "command": broken})),
    ] {
        shell
            .invoke(
                "add_consumer",
                json!({"id": by_app, "draft": {"label": label, "target": target, "check": null, "timeout_secs": null}}),
            )
            .expect("added in the app");
    }
    for args in [
        ["--label", "Config", "--file", &env_file("cli")],
        [
            "--label",
            "Vault",
            "--command",
            "sh -c 'echo sealed >&2; exit 3'",
        ],
    ] {
        let added = s2s(
            &shell,
            &[&["consumers", "add", "--profile", "By the CLI"][..], &args].concat(),
            None,
        );
        assert_eq!(added.code, 0, "{}", added.stderr);
    }
    let new_secret = shell
        .invoke(
            "regenerate_sandbox_secret",
            json!({"clientId": "SbxReportingBot0000001"}),
        )
        .expect("regenerated");
    let new_secret = new_secret.as_str().expect("secret");
    let url = sandbox_url(&shell);
    let cli_rotate = |extra: &[&str], stdin: Option<&str>| {
        let args = [
            &[
                "rotate",
                "--profile",
                "By the CLI",
                "--oauth-url",
                &url,
                "--json",
            ][..],
            extra,
        ]
        .concat();
        s2s(&shell, &args, stdin)
    };
    // Comparable: each consumer's name, state and what to do (paths and times differ).
    let checklist = |status: &Value| -> Vec<(String, String, String)> {
        status["consumers"]
            .as_array()
            .expect("checklist")
            .iter()
            .map(|c| {
                let text = |k: &str| c[k].as_str().unwrap_or_default().to_string();
                (text("label"), text("state"), text("advice"))
            })
            .collect()
    };

    shell
        .invoke(
            "rotate_secret",
            json!({"id": by_app, "request": {"action": "start_manual", "new_secret": new_secret, "keep_previous_until_unix": null}}),
        )
        .expect("switched by the app");
    let app = shell
        .invoke(
            "rotate_secret",
            json!({"id": by_app, "request": {"action": "update_consumers", "only": null}}),
        )
        .expect("updated by the app");
    let cli = cli_rotate(
        &["--new-secret-stdin", "--update-consumers"],
        Some(&format!("{new_secret}\n")),
    );
    assert_eq!(cli.code, 10, "Vault failed: {}", cli.stderr);
    assert_eq!(checklist(&app), checklist(&cli.json()["status"]));
    assert_eq!(
        checklist(&app)
            .iter()
            .map(|c| c.1.as_str())
            .collect::<Vec<_>>(),
        ["updated", "update_failed"]
    );
    for who in ["app", "cli"] {
        assert_eq!(
            std::fs::read_to_string(env_file(who)).expect("env"),
            format!("ZOOM_CLIENT_SECRET={new_secret}\n")
        );
    }

    let refused = shell
        .invoke(
            "rotate_secret",
            json!({"id": by_app, "request": {"action": "finish"}}),
        )
        .expect_err("Vault still has the old secret");
    let cli = cli_rotate(&["--finish"], None);
    assert_eq!(cli.code, 10, "{}", cli.stderr);
    assert_eq!(refused["message"], cli.json()["error"]["message"]);
    assert_eq!(refused["hint"], cli.json()["error"]["advice"]);

    let app = shell
        .invoke(
            "rotate_secret",
            json!({"id": by_app, "request": {"action": "finish", "force": true}}),
        )
        .expect("forced by the app");
    let cli = cli_rotate(&["--finish", "--force"], None);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    assert_eq!(app["rotation"], Value::Null);
    assert_eq!(cli.json()["status"]["rotation"], Value::Null);
}
