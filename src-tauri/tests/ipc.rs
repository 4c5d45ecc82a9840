//! The shell through Tauri's mock runtime: each command answers over real IPC serialization,
//! and the committed TypeScript bindings match what the Rust commands generate.

mod support;

use std::sync::Arc;

use s2s_core::keychain::{MemoryStore, SecretStore, SecretStoreError};
use s2s_core::profiles::file::ProfileFile;
use s2s_core::Secret;
use s2s_desk_lib::bindings_builder;
use serde_json::json;

use support::{legacy_project, sandbox_admin, sandbox_draft, scan_done, Shell, SANDBOX_SECRET};

fn invoke(cmd: &str, body: serde_json::Value) -> Result<serde_json::Value, serde_json::Value> {
    Shell::start().invoke(cmd, body)
}

#[test]
fn a_saved_sandbox_profile_tests_green_and_records_history_without_secrets() {
    let shell = Shell::start();
    let saved = shell
        .invoke(
            "save_profile",
            json!({"id": null, "draft": sandbox_draft("Demo"), "clientSecret": SANDBOX_SECRET, "lastTest": null}),
        )
        .expect("saved");
    let id = saved["id"].as_str().expect("id").to_string();
    let result = shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested")["result"]
        .clone();
    assert_eq!(result["outcome"], "passed", "{result}");
    assert!(
        result["report"]["token"]["scopes"]
            .as_array()
            .expect("scopes")
            .len()
            > 3
    );
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    assert_eq!(list["profiles"][0]["history"][0]["ok"], true);
    // Nothing that leaves the backend, and nothing on disk, holds the secret or a token.
    let on_disk =
        std::fs::read_to_string(ProfileFile::in_dir(shell.data_dir.path()).path()).expect("file");
    for text in [list.to_string(), result.to_string(), on_disk] {
        assert!(!text.contains(SANDBOX_SECRET));
        assert!(!text.contains("access_token"));
    }
}

#[test]
fn the_scopes_view_judges_the_owner_role_warns_of_risk_and_then_of_drift() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Reporting");
    shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");

    let view = shell
        .invoke(
            "get_scope_overview",
            json!({"id": id, "role": {"from": "last_test"}}),
        )
        .expect("overview");
    assert_eq!(view["role"]["role"]["name"], "Admin");
    assert_eq!(view["role"]["role"]["source"], "zoom_api");
    assert!(view["risk"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("one person's role"));
    assert!(view["drift"].is_null());

    let what_if = shell
        .invoke(
            "predict_role_change",
            json!({"id": id, "current": {"from": "last_test"}, "proposed": {"from": "builtin", "kind": "member"}, "removePrivileges": []}),
        )
        .expect("what if");
    assert_eq!(what_if["removed"].as_array().map(Vec::len), Some(8));

    let check = shell
        .invoke(
            "check_calls",
            json!({"id": id, "text": "GET /users\n# the scheduler\nPOST /users/{userId}/meetings\n"}),
        )
        .expect("check");
    assert_eq!(check["to_add"][0]["scope"], "meeting:write:meeting:admin");
    let operations = shell
        .invoke("list_catalog_operations", json!({}))
        .expect("catalog");
    assert_eq!(
        operations.as_array().map(Vec::len),
        Some(2550),
        "every catalogued operation can be picked"
    );

    let bad = shell
        .invoke(
            "get_scope_overview",
            json!({"id": id, "role": {"from": "pasted", "json": "{not json"}}),
        )
        .expect_err("bad paste");
    assert_eq!(bad["kind"], "failed");

    sandbox_admin(
        &shell,
        "/_sim/users/sbx-admin-0002/role",
        json!({"role_id": "2"}),
    );
    let run = shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested again");
    let lost = run["record"]["drift"]["lost_scopes"]
        .as_array()
        .map(Vec::len);
    assert_eq!(
        lost,
        Some(8),
        "the test run itself carries the drift: {run}"
    );
    let view = shell
        .invoke(
            "get_scope_overview",
            json!({"id": id, "role": {"from": "last_test"}}),
        )
        .expect("overview");
    assert!(view["drift"]["drift"]["cause"]
        .as_str()
        .unwrap_or_default()
        .contains("adam.admin"));
}

/// A small legacy project: JWT settings in .env and one call the Sandbox's Reporting Bot covers.
#[test]
fn a_migration_scans_waits_for_a_ready_app_applies_reports_and_undoes() {
    let shell = Shell::start();
    let project = legacy_project();
    let (scan, report) = scan_done(&shell, project.path());
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(2),
        "{report}"
    );
    assert_eq!(report["scopes"][0]["scope"], "user:read:list_users:admin");

    let id = shell.save_sandbox_profile("New S2S app");
    let choices = json!({"names": {"account_id": "ZOOM_ACCOUNT_ID", "client_id": "ZOOM_CLIENT_ID", "client_secret": "ZOOM_CLIENT_SECRET"}, "profile_id": id, "write_secret": true});
    let not_ready = shell
        .invoke("apply_migration", json!({"id": scan, "choices": choices}))
        .expect_err("untested");
    assert_eq!(not_ready["kind"], "failed");

    shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");
    let plan = shell
        .invoke("plan_migration", json!({"id": scan, "choices": choices}))
        .expect("plan");
    assert_eq!(plan["readiness"]["ready"], true, "{plan}");
    let preview = plan["previews"][0]["preview"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        preview.contains("+ZOOM_ACCOUNT_ID=SbxDemoAccount00000001"),
        "{preview}"
    );

    let env = project.path().join(".env");
    let original = std::fs::read(&env).expect("read");
    let journal = shell
        .invoke("apply_migration", json!({"id": scan, "choices": choices}))
        .expect("applied");
    let migrated = std::fs::read_to_string(&env).expect("read");
    assert!(
        migrated.contains(&format!("ZOOM_CLIENT_SECRET={SANDBOX_SECRET}")),
        "the secret was chosen: {migrated}"
    );

    let saved = shell
        .invoke(
            "get_migration_report",
            json!({"id": scan, "choices": choices, "journal": journal, "save": true}),
        )
        .expect("report");
    let report_file =
        std::fs::read_to_string(saved["saved_to"].as_str().expect("path")).expect("saved");
    for text in [report_file, plan.to_string(), saved.to_string()] {
        assert!(
            !text.contains(SANDBOX_SECRET) && !text.contains("LegacySecretValue0123456789"),
            "no secret in what the window sees"
        );
    }

    let undone = shell
        .invoke("undo_migration", json!({"journal": journal}))
        .expect("undone");
    assert_eq!(std::fs::read(&env).expect("read"), original);
    assert_eq!(
        undone["reports_removed"],
        json!([
            "s2s-desk-migration-report.md",
            "s2s-desk-migration-report.html"
        ]),
        "the report of a migration undone goes with it"
    );
}

#[test]
fn a_missing_path_and_an_unknown_scan_are_typed_errors() {
    let shell = Shell::start();
    let err = shell
        .invoke(
            "start_migration_scan",
            json!({"path": "/no/such/project", "onUpdate": "__CHANNEL__:1"}),
        )
        .expect_err("missing");
    assert_eq!(err["kind"], "path_not_found");
    let err = shell
        .invoke("get_migration_scan", json!({"id": 999}))
        .expect_err("unknown");
    assert_eq!(err["kind"], "failed");
}

#[test]
fn a_wrong_secret_is_an_explained_result_and_nothing_is_saved() {
    let shell = Shell::start();
    let result = shell
        .invoke("test_draft", json!({"draft": sandbox_draft("Demo"), "clientSecret": "wrongSecretwrongSecretwrongSecr1"}))
        .expect("tested")["result"]
        .clone();
    assert_eq!(result["outcome"], "failed");
    assert_eq!(result["failure"]["kind"], "invalid_client");
    assert_eq!(result["failure"]["http_status"], 400); // FACTS.md: Zoom answers invalid_client with 400
    assert!(result["failure"]["advice"].as_str().expect("advice").len() > 10);
    assert_eq!(
        shell.invoke("list_profiles", json!({})).expect("listed")["profiles"],
        json!([])
    );
}

#[test]
fn an_edit_is_tested_with_the_secret_the_keychain_keeps_and_nothing_is_recorded() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Reporting");
    let mut edited = sandbox_draft("Reporting (renamed)");
    edited["tags"] = json!(["prod"]);
    let run = shell
        .invoke(
            "test_draft",
            json!({"draft": edited, "clientSecret": null, "editing": id}),
        )
        .expect("tested");
    assert_eq!(run["result"]["outcome"], "passed", "{run}");
    let listed = shell.invoke("list_profiles", json!({})).expect("listed");
    assert_eq!(
        listed["profiles"][0]["name"], "Reporting",
        "a test saves nothing"
    );
    assert_eq!(listed["profiles"][0]["history"], json!([]));

    let refused = shell
        .invoke(
            "test_draft",
            json!({"draft": sandbox_draft("New"), "clientSecret": null, "editing": null}),
        )
        .expect_err("no secret to test with");
    assert!(
        refused["message"]
            .as_str()
            .unwrap_or_default()
            .contains("no client secret"),
        "{refused}"
    );
}

#[test]
fn profile_rules_come_back_as_typed_errors() {
    let shell = Shell::start();
    shell
        .invoke(
            "save_profile",
            json!({"id": null, "draft": sandbox_draft("Demo"), "clientSecret": SANDBOX_SECRET, "lastTest": null}),
        )
        .expect("saved");
    let taken = shell
        .invoke(
            "save_profile",
            json!({"id": null, "draft": sandbox_draft("demo"), "clientSecret": SANDBOX_SECRET, "lastTest": null}),
        )
        .expect_err("name taken");
    assert_eq!(taken["kind"], "failed");
    let missing = shell
        .invoke("test_profile", json!({"id": "no-such-id"}))
        .expect_err("not found");
    assert_eq!(missing["kind"], "profile_not_found");
}

#[test]
fn a_corrupt_profiles_file_is_left_alone_until_the_admin_sets_it_aside() {
    let data_dir = tempfile::tempdir().expect("tempdir");
    let path = data_dir.path().join("profiles.json");
    std::fs::write(&path, "{ half a fi").expect("corrupt file");
    let shell = Shell::start_in(data_dir);
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    assert_eq!(list["profiles"], json!([]));
    let notice = list["notice"].as_str().expect("notice");
    assert!(
        notice.contains("cannot be used") && notice.contains("set it aside"),
        "{notice}"
    );
    let refused = shell
        .invoke(
            "save_profile",
            json!({"id": null, "draft": sandbox_draft("demo"), "clientSecret": SANDBOX_SECRET, "lastTest": null}),
        )
        .expect_err("never written over");
    assert!(
        refused["message"]
            .as_str()
            .unwrap_or_default()
            .contains("cannot be used"),
        "{refused}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "{ half a fi");

    let backup = shell
        .invoke("set_aside_profiles_file", json!({}))
        .expect("set aside");
    let backup = backup.as_str().expect("where it went");
    assert_eq!(
        std::fs::read_to_string(backup).expect("backup"),
        "{ half a fi"
    );
    assert!(shell.invoke("list_profiles", json!({})).expect("listed")["notice"].is_null());
    shell
        .invoke(
            "save_profile",
            json!({"id": null, "draft": sandbox_draft("demo"), "clientSecret": SANDBOX_SECRET, "lastTest": null}),
        )
        .expect("saves again");
}

/// A machine with no Secret Service running.
struct NoKeychain;

impl SecretStore for NoKeychain {
    fn set(&self, _: &str, _: &Secret) -> Result<(), SecretStoreError> {
        Err(self.status().expect_err("unavailable"))
    }
    fn get(&self, _: &str) -> Result<Option<Secret>, SecretStoreError> {
        Err(self.status().expect_err("unavailable"))
    }
    fn delete(&self, _: &str) -> Result<(), SecretStoreError> {
        Err(self.status().expect_err("unavailable"))
    }
    fn describe(&self) -> String {
        "Secret Service".into()
    }
    fn status(&self) -> Result<(), SecretStoreError> {
        Err(SecretStoreError::Unavailable("no session bus".into()))
    }
}

#[test]
fn without_a_keychain_the_app_says_so_and_saves_nothing() {
    let shell = Shell::start_with(tempfile::tempdir().expect("tempdir"), Arc::new(NoKeychain));
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    assert_eq!(
        list["keychain_problem"]["kind"], "keychain_unavailable",
        "{list}"
    );
    assert!(list["keychain_problem"]["hint"]
        .as_str()
        .expect("hint")
        .contains("keyring"));
    let refused = shell
        .invoke("save_profile", json!({"id": null, "draft": sandbox_draft("Demo"), "clientSecret": SANDBOX_SECRET, "lastTest": null}))
        .expect_err("refused");
    assert_eq!(refused["kind"], "keychain_unavailable");
    assert!(!refused.to_string().contains(SANDBOX_SECRET));
    assert_eq!(
        shell.invoke("list_profiles", json!({})).expect("listed")["profiles"],
        json!([])
    );
    assert!(
        !ProfileFile::in_dir(shell.data_dir.path()).path().exists(),
        "no plaintext fallback file"
    );
}

#[test]
fn validation_flags_a_swapped_secret_before_anything_is_sent() {
    let issues = invoke(
        "validate_credentials",
        json!({"accountId": "SbxDemoAccount00000001", "clientId": SANDBOX_SECRET, "clientSecret": "SbxReportingBot0000001"}),
    )
    .expect("validated");
    assert!(
        issues
            .as_array()
            .expect("issues")
            .iter()
            .any(|i| i["field"] == "client_id" && i["swap_with"] == "client_secret"),
        "{issues}"
    );
}

#[test]
fn an_account_id_and_client_id_swapped_are_recognised_from_ids_the_app_knows() {
    // The Sandbox's own IDs, swapped: the same shape, so only knowing them tells.
    let issues = invoke(
        "validate_credentials",
        json!({"accountId": "SbxReportingBot0000001", "clientId": "SbxDemoAccount00000001", "clientSecret": SANDBOX_SECRET}),
    )
    .expect("validated");
    let swapped = issues
        .as_array()
        .expect("issues")
        .iter()
        .find(|i| i["kind"] == "looks_swapped")
        .cloned()
        .unwrap_or_else(|| panic!("no swap found: {issues}"));
    assert_eq!(swapped["field"], "client_id");
    assert_eq!(swapped["swap_with"], "account_id");
    assert!(swapped["message"]
        .as_str()
        .unwrap_or_default()
        .contains("the Sandbox's account"));
}

#[test]
fn app_info_reports_version_profile_and_a_live_sandbox() {
    let info = invoke("get_app_info", serde_json::json!({})).expect("get_app_info");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        info["build_profile"],
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    let url = info["sandbox_url"].as_str().expect("sandbox url");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
}

#[test]
fn a_link_outside_zoom_is_refused_with_a_typed_error() {
    let err = invoke(
        "open_external",
        serde_json::json!({"url": "https://example.com/phish"}),
    )
    .expect_err("refused");
    assert_eq!(err["kind"], "failed");
    assert!(err["message"]
        .as_str()
        .expect("message")
        .contains("example.com"));
    assert!(err["hint"].is_string());
}

/// Quoted names in `text` after `marker`, up to the first `end`.
fn names_between(text: &str, marker: &str, end: &str) -> Vec<String> {
    let after = text
        .split_once(marker)
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let list = after
        .split_once(end)
        .map(|(list, _)| list)
        .unwrap_or_default();
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

#[test]
fn every_command_is_declared_granted_and_exported() {
    let build_rs = include_str!("../build.rs");
    let capability = include_str!("../capabilities/main.json");
    let bindings = include_str!("../../ui/src/ipc/bindings.ts");
    let declared = names_between(build_rs, "const COMMANDS: &[&str] = &[", "];");
    let exported: Vec<String> = bindings
        .split("__TAURI_INVOKE")
        .skip(2) // the import line, then one per command
        .filter_map(|call| call.split('"').nth(1).map(String::from))
        .collect();
    assert_eq!(
        declared, exported,
        "build.rs COMMANDS and with_commands! must list the same commands"
    );
    for cmd in &declared {
        let permission = format!("\"allow-{}\"", cmd.replace('_', "-"));
        assert!(
            capability.contains(&permission),
            "{cmd} is not granted in capabilities/main.json"
        );
    }
    assert!(
        !capability.contains("shell:") && !capability.contains("fs:"),
        "no shell or file-system access"
    );
}

/// Fails when ui/src/ipc/bindings.ts is stale; `npm run codegen` runs it with
/// S2S_UPDATE_BINDINGS=1 to rewrite the file instead.
#[test]
fn export_bindings() {
    let committed_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/bindings.ts");
    let fresh_path = std::env::temp_dir().join(format!("s2s-bindings-{}.ts", std::process::id()));
    bindings_builder::<tauri::Wry>()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated by tauri-specta from the commands in src-tauri. Do not edit: run `npm run codegen`.\n"),
            &fresh_path,
        )
        .expect("export bindings");
    let fresh = std::fs::read_to_string(&fresh_path).expect("fresh bindings");
    let _ = std::fs::remove_file(&fresh_path);
    if std::env::var_os("S2S_UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed_path, &fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/ipc/bindings.ts is stale: run `npm run codegen` and commit the result"
    );
}

/// Every https link in the UI's source must pass the gate `open_external` applies.
#[test]
fn every_link_the_ui_offers_is_allowed() {
    fn sources(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("ui/src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|e| e == "tsx")
                // Tests hold refused addresses on purpose, to prove they stay text.
                && !path.to_string_lossy().ends_with(".test.tsx")
            {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src"),
        &mut files,
    );
    let mut links = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for link in text.split('"').filter(|s| s.starts_with("https://")) {
            links += 1;
            assert!(
                s2s_core::links::check_external_url(link).is_ok(),
                "{link} in {} would be refused",
                file.display()
            );
        }
    }
    assert!(links >= 4, "expected the UI's Zoom links, found {links}");
}

#[test]
fn planning_rate_limits_is_a_query_and_the_plan_is_remembered_when_picked() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Scheduler");
    let report = shell
        .invoke(
            "plan_rate_limits",
            json!({"plan": "pro", "hosts": 1, "calls": [
                {"call": "POST /users/{userId}/meetings", "per_day": 300, "peak_per_second": null}
            ]}),
        )
        .expect("planned");
    // 300 creates on one host: three times Zoom's 100 per host per day.
    assert_eq!(report["exceeded"], true);
    assert_eq!(report["user_limits"][0]["limit"], 100);
    assert_eq!(report["user_limits"][0]["verdict"], "exceeds");
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    assert_eq!(
        list["profiles"][0]["account_plan"],
        serde_json::Value::Null,
        "a query changes nothing"
    );

    shell
        .invoke("remember_account_plan", json!({"id": id, "plan": "pro"}))
        .expect("remembered");
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    assert_eq!(list["profiles"][0]["account_plan"], "pro");

    let bad = shell
        .invoke(
            "plan_rate_limits",
            json!({"plan": "pro", "hosts": 1, "calls": [
                {"call": "GET /not-a-zoom-call", "per_day": 1, "peak_per_second": null}
            ]}),
        )
        .expect_err("an unknown call");
    assert_eq!(bad["kind"], "failed");
    assert!(bad["message"]
        .as_str()
        .unwrap_or_default()
        .contains("GET /not-a-zoom-call"));
}

#[test]
fn an_export_saved_to_a_file_never_holds_the_secret() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Reporting");
    let dir = tempfile::tempdir().expect("tempdir");
    for (form, name) in [("json", "reporting.json"), ("env_masked", "reporting.env")] {
        let path = dir.path().join(name);
        shell
            .invoke(
                "save_profile_export",
                json!({"id": id, "form": form, "path": path.to_string_lossy()}),
            )
            .expect("saved to a file");
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(text.contains("SbxDemoAccount00000001"), "{text}");
        assert!(!text.contains(SANDBOX_SECRET), "{form} holds the secret");
    }
    // There is no form that writes the secret.
    shell
        .invoke(
            "save_profile_export",
            json!({"id": id, "form": "env_revealed", "path": dir.path().join("x.env").to_string_lossy()}),
        )
        .expect_err("no revealed form");
    assert!(!dir.path().join("x.env").exists());
    let unwritable = shell
        .invoke(
            "save_profile_export",
            json!({"id": id, "form": "json", "path": "/proc/s2s-desk-cannot-write-here.json"}),
        )
        .expect_err("unwritable");
    assert_eq!(unwritable["kind"], "failed");
    assert!(unwritable["hint"]
        .as_str()
        .unwrap_or_default()
        .contains("folder you can write to"));
}

#[test]
fn trying_a_call_answers_without_a_token_and_asks_before_changing_the_account() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Reporting");
    let tried = shell
        .invoke(
            "try_call",
            json!({"id": id, "request": {"method": "GET", "path": "/users/me", "confirmed": false}}),
        )
        .expect("tried");
    assert_eq!(tried["outcome"], "answered");
    assert_eq!(tried["answer"]["status"], 200);
    let text = tried.to_string();
    assert!(!text.contains(SANDBOX_SECRET) && !text.contains("access_token"));
    let refused = shell
        .invoke(
            "try_call",
            json!({"id": id, "request": {"method": "DELETE", "path": "/meetings/1", "confirmed": false}}),
        )
        .expect_err("unconfirmed");
    assert!(refused["message"]
        .as_str()
        .unwrap_or_default()
        .contains("DELETE changes the account"));
    assert!(refused["hint"]
        .as_str()
        .unwrap_or_default()
        .contains("confirmation"));
}

#[test]
fn the_sandbox_panel_changes_the_simulated_zoom_and_a_test_sees_it() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Reporting");
    let view = shell.invoke("get_sandbox", json!({})).expect("listed");
    assert!(
        !view.to_string().contains(SANDBOX_SECRET),
        "no secret is listed"
    );
    let app = &view["accounts"][0]["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .find(|a| a["client_id"] == "SbxReportingBot0000001")
        .cloned()
        .expect("the Reporting Bot");
    assert_eq!(app["state"], "active");

    shell
        .invoke(
            "set_sandbox_app_state",
            json!({"clientId": "SbxReportingBot0000001", "appState": "deactivated"}),
        )
        .expect("deactivated");
    let run = shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");
    assert_eq!(run["result"]["failure"]["kind"], "app_disabled");

    shell.invoke("reset_sandbox", json!({})).expect("reset");
    let run = shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");
    assert_eq!(run["result"]["outcome"], "passed");

    let refused = shell
        .invoke(
            "set_sandbox_user_role",
            json!({"userId": "nobody", "roleId": "2"}),
        )
        .expect_err("no such user");
    assert!(refused["message"]
        .as_str()
        .unwrap_or_default()
        .contains("Sandbox refused"));
}

#[test]
fn the_overview_gets_each_profile_with_its_health() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Demo");
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    let entry = &list["profiles"][0];
    assert_eq!(
        (entry["id"].as_str(), entry["health"]["token"].as_str()),
        (Some(id.as_str()), Some("never_tested"))
    );
    assert_eq!(
        entry["health"]["secret_age_days"], 0,
        "the secret was just stored"
    );
    assert_eq!(entry["health"]["attention"], serde_json::Value::Null);
    shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    assert_eq!(list["profiles"][0]["health"]["token"], "passing");
}

#[test]
fn preferences_start_at_their_defaults_and_changes_are_stored_beside_the_profiles() {
    let shell = Shell::start();
    let view = shell.invoke("get_preferences", json!({})).expect("read");
    assert_eq!(
        (view["notice"].clone(), view["preferences"]["theme"].clone()),
        (json!(null), json!("system"))
    );
    assert_eq!(view["timeout_range"], json!([5, 120]));
    let mut chosen = view["preferences"].clone();
    chosen["theme"] = json!("dark");
    chosen["history_retention"] = json!(2);
    chosen["window"] = json!({"x": 1, "y": 2, "width": 3, "height": 4, "maximized": false});
    let saved = shell
        .invoke("set_preferences", json!({"preferences": chosen}))
        .expect("saved");
    assert_eq!(saved["theme"], "dark");
    assert_eq!(
        saved["window"],
        json!(null),
        "the window's place is the shell's to record"
    );
    let stored: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shell.data_dir.path().join("preferences.json")).expect("stored"),
    )
    .expect("json");
    assert_eq!(
        (stored["theme"].clone(), stored["history_retention"].clone()),
        (json!("dark"), json!(2))
    );
    // History retention is in force at once.
    let id = shell.save_sandbox_profile("Demo");
    for _ in 0..3 {
        shell
            .invoke("test_profile", json!({"id": id}))
            .expect("tested");
    }
    let list = shell.invoke("list_profiles", json!({})).expect("listed");
    assert_eq!(
        list["profiles"][0]["history"].as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn refused_preferences_change_nothing_and_say_how_to_fix_them() {
    let shell = Shell::start();
    let mut chosen =
        shell.invoke("get_preferences", json!({})).expect("read")["preferences"].clone();
    chosen["proxy"] = json!("custom");
    chosen["proxy_url"] = json!("proxy.example:3128");
    let refused = shell
        .invoke("set_preferences", json!({"preferences": chosen.clone()}))
        .expect_err("refused");
    assert!(
        refused["message"]
            .as_str()
            .expect("message")
            .contains("http://host:port"),
        "{refused}"
    );
    chosen["proxy"] = json!("system");
    chosen["ca_bundle"] = json!(shell.data_dir.path().join("missing.pem"));
    let refused = shell
        .invoke("set_preferences", json!({"preferences": chosen}))
        .expect_err("refused");
    assert!(
        refused["message"]
            .as_str()
            .expect("message")
            .contains("could not be read"),
        "{refused}"
    );
    assert!(
        !shell.data_dir.path().join("preferences.json").exists(),
        "nothing stored"
    );
    assert_eq!(
        shell.invoke("get_preferences", json!({})).expect("read")["preferences"]["proxy"],
        "system"
    );
}

#[test]
fn a_proxy_password_never_reaches_the_preferences_file_which_only_its_owner_can_read() {
    // See: issue 24, defect 6.
    let shell = Shell::start();
    let path = shell.data_dir.path().join("preferences.json");
    let mut chosen =
        shell.invoke("get_preferences", json!({})).expect("read")["preferences"].clone();
    chosen["proxy"] = json!("custom");
    chosen["proxy_url"] = json!("http://alice:hunter2@proxy.example:3128");
    let refused = shell
        .invoke("set_preferences", json!({"preferences": chosen.clone()}))
        .expect_err("refused");
    let said = refused.to_string();
    assert!(
        said.contains("plain text") && said.contains("HTTPS_PROXY"),
        "{said}"
    );
    assert!(
        !said.contains("hunter2") && !said.contains("alice"),
        "never echoed: {said}"
    );
    assert!(!path.exists(), "nothing stored");
    chosen["proxy_url"] = json!("http://proxy.example:3128");
    shell
        .invoke("set_preferences", json!({"preferences": chosen}))
        .expect("a proxy without credentials is stored");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("stored")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "owner-only");
    }
}

#[test]
fn a_proxy_password_an_earlier_version_stored_is_dropped_from_disk_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("preferences.json");
    std::fs::write(
        &path,
        r#"{"proxy": "custom", "proxy_url": "http://alice:hunter2@proxy.example:3128"}"#,
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let shell = Shell::start_in(dir);
    let view = shell.invoke("get_preferences", json!({})).expect("read");
    assert_eq!(view["preferences"]["proxy_url"], "");
    assert!(view["notice"]
        .as_str()
        .expect("notice")
        .contains("proxy_url"));
    let on_disk =
        std::fs::read_to_string(shell.data_dir.path().join("preferences.json")).expect("kept");
    assert!(!on_disk.contains("hunter2"), "scrubbed at once: {on_disk}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(shell.data_dir.path().join("preferences.json"))
            .expect("kept")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "made owner-only");
    }
}

#[test]
fn an_unreadable_preferences_file_is_set_aside_and_the_defaults_used_with_a_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("preferences.json"), "{ not json").expect("write");
    let shell = Shell::start_in(dir);
    let view = shell.invoke("get_preferences", json!({})).expect("read");
    let notice = view["notice"].as_str().expect("a notice");
    assert!(
        notice.contains("default preferences") && notice.contains("preferences.json.unreadable"),
        "{notice}"
    );
    assert_eq!(view["preferences"]["theme"], "system");
    let aside = std::fs::read_to_string(shell.data_dir.path().join("preferences.json.unreadable"))
        .expect("kept");
    assert_eq!(aside, "{ not json");
}

#[test]
fn a_stored_value_out_of_range_falls_back_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("preferences.json"),
        r#"{"theme": "light", "request_timeout_secs": 0}"#,
    )
    .expect("write");
    let shell = Shell::start_in(dir);
    let view = shell.invoke("get_preferences", json!({})).expect("read");
    assert_eq!(
        (
            view["preferences"]["theme"].clone(),
            view["preferences"]["request_timeout_secs"].clone()
        ),
        (json!("light"), json!(20))
    );
    assert!(view["notice"]
        .as_str()
        .expect("notice")
        .contains("request_timeout_secs"));
}

#[test]
fn a_webhook_receiver_is_tested_with_the_profiles_secret_token_which_never_comes_back() {
    let shell = Shell::start();
    let id = shell.save_sandbox_profile("Reporting");
    let options = shell
        .invoke("get_webhook_options", json!({}))
        .expect("options");
    assert_eq!(options["default_event"], "meeting.started");
    let url_of = |behaviour: &str| {
        options["sample_receivers"]
            .as_array()
            .and_then(|all| all.iter().find(|r| r["behaviour"] == behaviour))
            .and_then(|r| r["url"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let test = |url: String, token: Option<&str>| {
        shell.invoke(
            "test_webhook_receiver",
            json!({"request": {"profile_id": id, "url": url, "event": "meeting.started",
                "allow_insecure": false, "secret_token": token}}),
        )
    };
    // A Sandbox profile without a saved token uses its simulated app's.
    let passed = test(url_of("correct"), None).expect("tested");
    assert_eq!(passed["ok"], true, "{passed}");
    let forged = test(url_of("accepts-forged"), None).expect("tested");
    assert_eq!(forged["checks"][2]["ok"], false);
    assert_eq!(forged["checks"][2]["fault"], "receiver");

    let saved = shell
        .invoke(
            "set_webhook_secret_token",
            json!({"id": id, "token": "notTheAppsSecretToken0001"}),
        )
        .expect("saved");
    assert_eq!(saved["webhook_secret_token_saved"], true);
    let list = shell.invoke("list_profiles", json!({})).expect("list");
    assert!(!list.to_string().contains("notTheAppsSecretToken0001"));
    let wrong = test(url_of("correct"), None).expect("tested");
    assert_eq!(
        wrong["checks"][0]["ok"], false,
        "the saved token is used: {wrong}"
    );

    let refused = test("http://hooks.example.com/zoom".into(), None).expect_err("refused");
    assert!(refused["hint"]
        .as_str()
        .unwrap_or_default()
        .contains("https://"));
    shell
        .invoke("set_webhook_secret_token", json!({"id": id, "token": null}))
        .expect("forgotten");
}

#[test]
// Reads the keychain directly: proving where each secret went is the point.
#[allow(clippy::disallowed_methods)]
fn a_secret_rotates_by_either_path_and_no_secret_comes_back_to_the_window() {
    let keychain = Arc::new(MemoryStore::default());
    let shell = Shell::start_with(tempfile::tempdir().expect("tempdir"), keychain.clone());
    let id = shell.save_sandbox_profile("Reporting");
    let rotate = |request: serde_json::Value| {
        shell.invoke("rotate_secret", json!({"id": id, "request": request}))
    };
    let status = shell
        .invoke("get_rotation_status", json!({"id": id}))
        .expect("status");
    assert_eq!(status["rotation"], serde_json::Value::Null);
    assert_eq!(status["api_unavailable"]["reason"], "no_app_id");

    // Manual path: the Sandbox's "Regenerate" stands in for the Marketplace page.
    let refused = rotate(json!({"action": "start_manual", "new_secret": "notTheNewSecret000000000000000001", "keep_previous_until_unix": null}))
        .expect_err("Zoom does not know it");
    assert!(
        refused["hint"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Nothing was stored"),
        "{refused}"
    );
    let new_secret = shell
        .invoke(
            "regenerate_sandbox_secret",
            json!({"clientId": "SbxReportingBot0000001"}),
        )
        .expect("regenerated");
    let new_secret = new_secret.as_str().expect("a secret").to_owned();
    let switched = rotate(json!({"action": "start_manual", "new_secret": new_secret, "keep_previous_until_unix": null}))
        .expect("rotated");
    assert_eq!(switched["rotation"]["stage"], "switched", "{switched}");
    assert_eq!(switched["previous_kept"], true);
    let stored = keychain.get(&id).expect("readable").expect("stored");
    assert_eq!(stored.expose(), new_secret);
    let list = shell.invoke("list_profiles", json!({})).expect("list");
    for text in [list.to_string(), switched.to_string()] {
        assert!(!text.contains(&new_secret) && !text.contains(SANDBOX_SECRET));
    }
    let done = rotate(json!({"action": "finish"})).expect("finished");
    assert_eq!(done["rotation"], serde_json::Value::Null);
    assert_eq!(
        keychain.len(),
        2,
        "only the profile's secret is left, beside the Sandbox's own entry"
    );

    // API path: once the app may rotate its own secret and its App ID is known.
    shell
        .invoke(
            "allow_sandbox_secret_rotation",
            json!({"clientId": "SbxReportingBot0000001"}),
        )
        .expect("granted");
    shell
        .invoke("test_profile", json!({"id": id}))
        .expect("tested");
    let refused = shell
        .invoke(
            "set_rotation_settings",
            json!({"id": id, "appId": "SbxAppReportingBot0001", "reminderDays": 4000}),
        )
        .expect_err("a period past the rule");
    assert!(
        refused["message"]
            .as_str()
            .unwrap_or_default()
            .contains("1 to 3650"),
        "{refused}"
    );
    let profile = shell
        .invoke(
            "set_rotation_settings",
            json!({"id": id, "appId": "SbxAppReportingBot0001", "reminderDays": 30}),
        )
        .expect("remembered");
    assert_eq!(profile["secret_reminder_days"], 30);
    let status = shell
        .invoke("get_rotation_status", json!({"id": id}))
        .expect("status");
    assert_eq!(
        status["api_unavailable"],
        serde_json::Value::Null,
        "{status}"
    );
    let switched = rotate(json!({"action": "start_api", "app_id": null, "revoke_old_unix": null}))
        .expect("rotated by Zoom");
    assert_eq!(
        switched["rotation"]["via"]["app_id"],
        "SbxAppReportingBot0001"
    );
    let api_secret = keychain.get(&id).expect("readable").expect("stored");
    assert!(
        !switched.to_string().contains(api_secret.expose()),
        "never shown"
    );
    let done = rotate(json!({"action": "move_revoke_time", "revoke_old_unix": s2s_core::clock::now_unix() + 3600}))
        .expect("moved");
    assert!(
        done["summary"]
            .as_str()
            .unwrap_or_default()
            .contains("Zoom revokes it then"),
        "{done}"
    );
}
