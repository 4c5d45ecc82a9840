//! `--json` is a contract: every command's real output, success and failure, validates against
//! its JSON Schema in docs/json/ (draft 2020-12). A field removed or retyped fails here; new
//! fields are additive and allowed.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{
    data_home_with_history, reporting_test, run, s2s, with_data_home, Run, ACCOUNT, REPORTING,
};

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/json")
}

/// Validates `output` against `docs/json/<name>.schema.json`; a failure (ok: false, and no
/// token: api_url null) against failure.schema.json, which every command shares.
fn assert_valid(name: &str, run: &Run) {
    let output = run.json();
    let failed = output.get("ok") == Some(&Value::Bool(false))
        && output.get("api_url") == Some(&Value::Null);
    let file = if failed { "failure" } else { name };
    if let Ok(dir) = std::env::var("S2S_JSON_SAMPLES") {
        let _ = std::fs::write(
            Path::new(&dir).join(format!(
                "{name}-{}.json",
                if failed { "failure" } else { "ok" }
            )),
            &run.stdout,
        );
    }
    let path = schema_dir().join(format!("{file}.schema.json"));
    let schema = read_schema(&path);
    // The schemas refer to each other by their $id (failure.schema.json's error object).
    let others: Vec<(String, jsonschema::Resource)> = std::fs::read_dir(schema_dir())
        .expect("docs/json")
        .map(|entry| {
            let other = read_schema(&entry.expect("entry").path());
            let id = other["$id"]
                .as_str()
                .expect("every schema has an $id")
                .to_string();
            (id, jsonschema::Resource::from_contents(other))
        })
        .collect();
    let registry = jsonschema::Registry::new()
        .extend(others)
        .and_then(|r| r.prepare())
        .expect("the schemas register");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_registry(&registry)
        .build(&schema)
        .map_err(|e| format!("{} is not a valid schema: {e}", path.display()));
    assert!(validator.is_ok(), "{validator:?}");
    let Ok(validator) = validator else { return };
    let problems: Vec<String> = validator
        .iter_errors(&output)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "`{name}` output breaks {}:\n{}\n{}",
        path.display(),
        problems.join("\n"),
        run.stdout
    );
}

fn read_schema(path: &Path) -> Value {
    let parsed = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()));
    assert!(
        parsed.is_ok(),
        "{}: {:?}",
        path.display(),
        parsed.as_ref().err()
    );
    parsed.unwrap_or_default()
}

async fn s2s_json(args: &[&str], env: &[(&str, &str)], home: Option<&tempfile::TempDir>) -> Run {
    let mut cmd = match home {
        Some(home) => with_data_home(home),
        None => s2s(),
    };
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd, None).await
}

#[tokio::test]
async fn test_token_and_sim_output_match_their_schemas() {
    let sim = support::sim().await;
    let creds = [
        ("ZOOM_ACCOUNT_ID", ACCOUNT),
        ("ZOOM_CLIENT_ID", REPORTING.0),
        ("ZOOM_CLIENT_SECRET", REPORTING.1),
    ];
    let passed = s2s_json(
        &["test-token", "--json", "--oauth-url", &sim.base_url()],
        &creds,
        None,
    )
    .await;
    assert_eq!(passed.code, 0, "{}", passed.all());
    assert_valid("test-token", &passed);
    let wrong = [
        ("ZOOM_ACCOUNT_ID", ACCOUNT),
        ("ZOOM_CLIENT_ID", REPORTING.0),
        ("ZOOM_CLIENT_SECRET", "wrongSecretWrongSecretWrong00001"),
    ];
    let rejected = s2s_json(
        &["test-token", "--json", "--oauth-url", &sim.base_url()],
        &wrong,
        None,
    )
    .await;
    assert_eq!(rejected.code, 3, "{}", rejected.all());
    assert_valid("test-token", &rejected);
    let missing = s2s_json(
        &[
            "test-token",
            "--json",
            "--oauth-url",
            &sim.base_url(),
            "--require-scope",
            "phone:read:admin",
        ],
        &creds,
        None,
    )
    .await;
    assert_eq!(missing.code, 5, "{}", missing.all());
    assert_valid("test-token", &missing);

    let mut cmd = s2s();
    cmd.args(["sim", "--port", "0", "--json"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true);
    let mut child = cmd.spawn().expect("s2s sim");
    let mut stdout = tokio::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    tokio::io::AsyncBufReadExt::read_line(&mut stdout, &mut line)
        .await
        .expect("a line");
    assert_valid(
        "sim",
        &Run {
            code: 0,
            signal: None,
            stdout: line,
            stderr: String::new(),
        },
    );
}

#[tokio::test]
async fn scopes_check_whatif_and_limits_output_match_their_schemas() {
    let (home, _) = data_home_with_history(&["user:read:user:admin"], Some(reporting_test()));
    let scopes = s2s_json(
        &["scopes", "--profile", "reporting", "--json"],
        &[],
        Some(&home),
    )
    .await;
    assert_eq!(scopes.code, 0, "{}", scopes.all());
    assert_valid("scopes", &scopes);
    let check = s2s_json(
        &[
            "check",
            "--profile",
            "reporting",
            "--json",
            "GET /users",
            "DELETE /meetings/{meetingId}",
        ],
        &[],
        Some(&home),
    )
    .await;
    assert_eq!(check.code, 5, "{}", check.all());
    assert_valid("check", &check);
    let whatif = s2s_json(
        &[
            "whatif",
            "--profile",
            "reporting",
            "--role",
            "member",
            "--json",
        ],
        &[],
        Some(&home),
    )
    .await;
    assert_eq!(whatif.code, 0, "{}", whatif.all());
    assert_valid("whatif", &whatif);
    let unknown = s2s_json(
        &["scopes", "--profile", "nobody", "--json"],
        &[],
        Some(&home),
    )
    .await;
    assert_eq!(unknown.code, 2, "{}", unknown.all());
    assert_valid("scopes", &unknown);
    let limits = s2s_json(
        &[
            "limits",
            "--plan",
            "pro",
            "--json",
            "GET /users=100",
            "POST /users/{userId}/meetings=300",
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(limits.code, 6, "{}", limits.all());
    assert_valid("limits", &limits);
}

#[tokio::test]
async fn migrate_scan_apply_and_undo_output_match_their_schemas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../s2s-migrate/tests/fixtures/dotenv-tricky");
    support::copy_dir(&corpus, &dir.path().join("dotenv-tricky"));
    let in_dir = |args: &[&str]| {
        let mut cmd = s2s();
        cmd.current_dir(dir.path()).args(args.iter().copied());
        cmd
    };
    let scan = run(
        in_dir(&["migrate", "scan", ".", "--plan", "plan.json", "--json"]),
        None,
    )
    .await;
    assert_eq!(scan.code, 0, "{}", scan.all());
    assert_valid("migrate-scan", &scan);
    let ids = [
        "--account-id",
        "A1234567890123456789012",
        "--client-id",
        "C1234567890123456789012",
    ];
    let dry = run(
        in_dir(
            &[
                &["migrate", "apply", "plan.json", "--dry-run", "--json"][..],
                &ids[..],
            ]
            .concat(),
        ),
        None,
    )
    .await;
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert_valid("migrate-apply", &dry);
    let applied = run(
        in_dir(
            &[
                &["migrate", "apply", "plan.json", "--skip-test", "--json"][..],
                &ids[..],
            ]
            .concat(),
        ),
        None,
    )
    .await;
    assert_eq!(applied.code, 0, "{}", applied.all());
    assert_valid("migrate-apply", &applied);
    let journal = applied.json()["journal"]
        .as_str()
        .expect("a journal")
        .to_string();
    let undone = run(in_dir(&["migrate", "undo", &journal, "--json"]), None).await;
    assert_eq!(undone.code, 0, "{}", undone.all());
    assert_valid("migrate-undo", &undone);
}

#[tokio::test]
async fn webhook_test_output_matches_its_schema() {
    let sim = support::sim().await;
    let token = [(
        "ZOOM_WEBHOOK_SECRET_TOKEN",
        "sandboxWebhookTokenReporting0001",
    )];
    for (behaviour, code) in [("correct", 0), ("accepts-forged", 9)] {
        let url = format!(
            "{}/_sim/receivers/{}/{behaviour}",
            sim.base_url(),
            REPORTING.0
        );
        let tested = s2s_json(&["webhook", "test", &url, "--json"], &token, None).await;
        assert_eq!(tested.code, code, "{}", tested.all());
        assert_valid("webhook-test", &tested);
    }
    let refused = s2s_json(
        &["webhook", "test", "http://hooks.example.com/", "--json"],
        &token,
        None,
    )
    .await;
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert_valid("webhook-test", &refused);
}

#[tokio::test]
async fn profile_commands_output_matches_their_schemas() {
    let home = tempfile::tempdir().expect("tempdir");
    let secret = [("ZOOM_CLIENT_SECRET", REPORTING.1)];
    let added = s2s_json(
        &[
            "profile",
            "add",
            "Schema",
            "--account-id",
            ACCOUNT,
            "--client-id",
            REPORTING.0,
            "--app-id",
            "SbxAppReportingBot0001",
            "--secret-reminder-days",
            "30",
            "--json",
        ],
        &secret,
        Some(&home),
    )
    .await;
    assert_eq!(added.code, 0, "{}", added.all());
    assert_eq!(added.json()["profile"]["secret_reminder_days"], 30);
    assert_valid("profile-add", &added);
    let listed = s2s_json(&["profile", "list", "--json"], &[], Some(&home)).await;
    assert_valid("profile-list", &listed);
    let shown = s2s_json(&["profile", "show", "schema", "--json"], &[], Some(&home)).await;
    assert_valid("profile-show", &shown);
    consumers_output_matches_their_schemas(&home).await;
    let refused = s2s_json(
        &[
            "profile",
            "add",
            "Bad",
            "--account-id",
            "  ",
            "--client-id",
            REPORTING.0,
            "--json",
        ],
        &secret,
        Some(&home),
    )
    .await;
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert_valid("profile-add", &refused);
    let sim = support::sim().await;
    sim.world()
        .app_mut(REPORTING.0)
        .expect("app")
        .scopes
        .push("marketplace:update:client_secret".into());
    let url = sim.base_url();
    // Start (API path), then the profile as it shows a rotation, finish, and a refusal.
    for (action, code) in [
        ("--via-api", 0),
        ("--update-consumers", 0),
        ("--finish", 0),
        ("--finish", 2),
    ] {
        let rotated = s2s_json(
            &[
                "rotate",
                "--profile",
                "schema",
                "--oauth-url",
                &url,
                "--allow-custom-host",
                action,
                "--json",
            ],
            &[],
            Some(&home),
        )
        .await;
        assert_eq!(rotated.code, code, "{action}: {}", rotated.all());
        assert_valid("rotate", &rotated);
        if action == "--via-api" {
            let shown = s2s_json(&["profile", "show", "schema", "--json"], &[], Some(&home)).await;
            assert_eq!(shown.json()["rotation_stage"], "switched");
            assert_valid("profile-show", &shown);
        }
    }
    let removed = s2s_json(&["profile", "remove", "schema", "--json"], &[], Some(&home)).await;
    assert_valid("profile-remove", &removed);
}

/// `s2s consumers add|list|check|remove --json` for profile "schema" in `home`; leaves one
/// consumer whose command and check work everywhere the suite runs (s2s itself).
async fn consumers_output_matches_their_schemas(home: &tempfile::TempDir) {
    let works = format!("'{}' --version", env!("CARGO_BIN_EXE_s2s"));
    let consumers = |args: &[&str]| {
        let all = [&["consumers"][..], args, &["--json"]].concat();
        let all: Vec<String> = all.into_iter().map(String::from).collect();
        async move {
            let refs: Vec<&str> = all.iter().map(String::as_str).collect();
            s2s_json(&refs, &[], Some(home)).await
        }
    };
    let env_file = home.path().join("app.env").display().to_string();
    let added = consumers(&[
        "add",
        "--profile",
        "schema",
        "--label",
        "Works",
        "--command",
        &works,
        "--check",
        &works,
    ])
    .await;
    assert_eq!(added.code, 0, "{}", added.all());
    assert_valid("consumers-add", &added);
    let file = consumers(&[
        "add",
        "--profile",
        "schema",
        "--label",
        "Config",
        "--file",
        &env_file,
    ])
    .await;
    assert_valid("consumers-add", &file);
    let listed = consumers(&["list", "--profile", "schema"]).await;
    assert_eq!(listed.json()["consumers"].as_array().map(Vec::len), Some(2));
    assert_valid("consumers-list", &listed);
    let checked = consumers(&["check", "--profile", "schema", "works"]).await;
    assert_eq!(checked.code, 0, "{}", checked.all());
    assert_valid("consumers-check", &checked);
    let no_check = consumers(&["check", "--profile", "schema", "Config"]).await;
    assert_eq!(no_check.code, 2, "{}", no_check.all());
    assert_valid("consumers-check", &no_check);
    let removed = consumers(&["remove", "--profile", "schema", "Config"]).await;
    assert_eq!(removed.code, 0, "{}", removed.all());
    assert_valid("consumers-remove", &removed);
}
