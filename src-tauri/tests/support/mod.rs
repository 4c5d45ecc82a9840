//! The shell on Tauri's mock runtime, for the integration tests: each command answers over
//! real IPC serialization.
#![allow(dead_code)] // each test file uses its own share of the helpers

use std::sync::Arc;

use s2s_core::keychain::{MemoryStore, SecretStore};
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::service::ProfileService;
use s2s_desk_lib::build_app;
use s2s_desk_lib::state::AppState;
use serde_json::json;
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

/// One app on the mock runtime, with a throwaway profiles folder and an in-memory keychain.
pub struct Shell {
    pub app: tauri::App<MockRuntime>,
    webview: tauri::WebviewWindow<MockRuntime>,
    pub data_dir: tempfile::TempDir,
    keychain: Arc<dyn SecretStore>,
}

impl Shell {
    pub fn start() -> Self {
        Self::start_in(tempfile::tempdir().expect("tempdir"))
    }

    pub fn start_in(data_dir: tempfile::TempDir) -> Self {
        Self::start_with(data_dir, Arc::new(MemoryStore::default()))
    }

    pub fn start_with(data_dir: tempfile::TempDir, keychain: Arc<dyn SecretStore>) -> Self {
        let profiles = ProfileService::open(ProfileFile::in_dir(data_dir.path()), keychain.clone())
            .expect("profiles open");
        let state = tauri::async_runtime::block_on(AppState::start(profiles)).expect("starts");
        let app = build_app(mock_builder(), state)
            .build(mock_context(noop_assets()))
            .expect("app builds");
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("webview");
        Self {
            app,
            webview,
            data_dir,
            keychain,
        }
    }

    /// Quits and starts again with the same folder and keychain, as an admin relaunching.
    pub fn restart(self) -> Self {
        let Shell {
            app,
            webview,
            data_dir,
            keychain,
        } = self;
        drop(webview);
        app.cleanup_before_exit();
        drop(app);
        Self::start_with(data_dir, keychain)
    }

    pub fn invoke(
        &self,
        cmd: &str,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: tauri::ipc::InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request)
            .map(|b| b.deserialize::<serde_json::Value>().expect("json"))
    }
}

pub const SANDBOX_SECRET: &str = "sandboxSecretReportingBot0000001";

impl Shell {
    /// Saves the Sandbox's Reporting Bot as a profile named `name`; its id.
    pub fn save_sandbox_profile(&self, name: &str) -> String {
        self.invoke(
            "save_profile",
            json!({"id": null, "draft": sandbox_draft(name), "clientSecret": SANDBOX_SECRET, "lastTest": null}),
        )
        .expect("saved")["id"]
        .as_str()
        .expect("id")
        .to_string()
    }
}

pub fn sandbox_draft(name: &str) -> serde_json::Value {
    json!({
        "name": name, "cloud": "sandbox", "account_id": "SbxDemoAccount00000001",
        "client_id": "SbxReportingBot0000001", "notes": "", "expected_scopes": [], "token_index": null
    })
}

/// Changes the Sandbox world through the simulator's admin API, as the E2E tests do.
pub fn sandbox_admin(shell: &Shell, path: &str, body: serde_json::Value) {
    let base = shell.invoke("get_app_info", json!({})).expect("info")["sandbox_url"]
        .as_str()
        .expect("sandbox url")
        .to_string();
    let token = shell.app.state::<AppState>().sandbox.admin_token();
    let status = tauri::async_runtime::block_on(async {
        reqwest::Client::new()
            .post(format!("{base}{path}"))
            .header(zoom_sim::ADMIN_TOKEN_HEADER, token)
            .json(&body)
            .send()
            .await
            .expect("sandbox answers")
            .status()
    });
    assert!(status.is_success(), "{path}: {status}");
}

/// A legacy JWT project: an `.env` with an API key and secret, and a call to Zoom's API.
pub fn legacy_project() -> tempfile::TempDir {
    legacy_project_with("# zoom\nZOOM_API_KEY=LegacyApiKey0123456789\nZOOM_API_SECRET=LegacySecretValue0123456789\n")
}

/// A legacy JWT project with `env` as its `.env`, and a call to Zoom's API.
pub fn legacy_project_with(env: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(".env"), env).expect("env");
    std::fs::create_dir(dir.path().join("src")).expect("src");
    std::fs::write(
        dir.path().join("src/users.js"),
        "// zoom\nconst r = await axios.get('https://api.zoom.us/v2/users');\n",
    )
    .expect("js");
    dir
}

pub fn scan_done(shell: &Shell, path: &std::path::Path) -> (u64, serde_json::Value) {
    let id = shell
        .invoke(
            "start_migration_scan",
            json!({"path": path.display().to_string(), "onUpdate": "__CHANNEL__:1"}),
        )
        .expect("started")
        .as_u64()
        .expect("id");
    let mut status = json!(null);
    for _ in 0..200 {
        status = shell
            .invoke("get_migration_scan", json!({"id": id}))
            .expect("status");
        if status["state"] == "done" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(status["state"], "done", "the scan finishes: {status}");
    (id, status["report"].clone())
}

/// Reads one of the Sandbox's controls (`/_sim/stats`…) through the simulator's admin API.
pub fn sandbox_get(shell: &Shell, path: &str) -> serde_json::Value {
    let base = shell.invoke("get_app_info", json!({})).expect("info")["sandbox_url"]
        .as_str()
        .expect("sandbox url")
        .to_string();
    let token = shell.app.state::<AppState>().sandbox.admin_token();
    tauri::async_runtime::block_on(async {
        reqwest::Client::new()
            .get(format!("{base}{path}"))
            .header(zoom_sim::ADMIN_TOKEN_HEADER, token)
            .send()
            .await
            .expect("sandbox answers")
            .json()
            .await
            .expect("json")
    })
}
