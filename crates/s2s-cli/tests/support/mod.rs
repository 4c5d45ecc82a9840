//! Shared by the CLI's black-box tests: run `s2s` as a child process and capture everything.

// Test set-up writes the profiles file the CLI then reads, as the app would have.
#![allow(clippy::disallowed_methods)]
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::process::Stdio;

use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::{ProfileBook, ProfileCloud, ProfileDraft, TestRecord};
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use zoom_sim::{Fixture, SimHandle};

/// A data folder holding one saved Sandbox profile "Reporting" (secret not stored), and its id.
pub fn data_home_with_profile(expected_scopes: &[&str]) -> (tempfile::TempDir, String) {
    data_home_with_history(expected_scopes, None)
}

/// The Sandbox's Reporting Bot as a profile draft named `name` on `cloud`.
pub fn reporting_draft(name: &str, cloud: ProfileCloud) -> ProfileDraft {
    ProfileDraft {
        tags: Vec::new(),
        name: name.into(),
        cloud,
        account_id: ACCOUNT.into(),
        client_id: REPORTING.0.into(),
        notes: String::new(),
        expected_scopes: Vec::new(),
        token_index: None,
        token_rule: None,
        account_plan: None,
    }
}

/// A data home holding the Reporting Bot as profile "Reporting" on `cloud`, its secret in the
/// real keychain (the test command runs inside a private Secret Service); the service and the id.
pub fn home_with_saved_profile(
    cloud: ProfileCloud,
) -> (
    tempfile::TempDir,
    s2s_core::profiles::service::ProfileService,
    String,
) {
    use s2s_core::keychain::{KeyringStore, APP_SERVICE};
    let home = tempfile::tempdir().expect("tempdir");
    let service = s2s_core::profiles::service::ProfileService::open(
        ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop")),
        std::sync::Arc::new(KeyringStore::new(APP_SERVICE)),
    )
    .expect("opens");
    let id = service
        .save(
            None,
            reporting_draft("Reporting", cloud),
            Some(&s2s_core::Secret::new(REPORTING.1)),
        )
        .expect("saved")
        .id
        .to_string();
    (home, service, id)
}

/// Makes the profile's client secret `days` old, as if stored then.
pub fn age_secret(home: &tempfile::TempDir, id: &str, days: i64) {
    let file = ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop"));
    let mut book = file.read().expect("read");
    book.mark_secret_saved(id, s2s_core::clock::now_unix() - days * 24 * 3600)
        .expect("marked");
    file.save(&book).expect("saved");
}

/// The same, with one test already in the profile's history.
pub fn data_home_with_history(
    expected_scopes: &[&str],
    record: Option<TestRecord>,
) -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().expect("tempdir");
    let mut book = ProfileBook::default();
    let id = book
        .create(ProfileDraft {
            expected_scopes: expected_scopes.iter().map(|s| (*s).into()).collect(),
            ..reporting_draft("Reporting", ProfileCloud::Sandbox)
        })
        .expect("created")
        .id
        .clone();
    if let Some(record) = record {
        book.record_test(&id, record, s2s_core::profiles::HISTORY_LIMIT)
            .expect("recorded");
    }
    ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop"))
        .save(&book)
        .expect("saved");
    (home, id.to_string())
}

/// The app's keychain entry `key`, read directly (where each secret went is what some tests prove).
pub fn keychain_entry(key: &str) -> Option<String> {
    use s2s_core::keychain::{KeyringStore, SecretStore, APP_SERVICE};
    let stored = KeyringStore::new(APP_SERVICE).get(key).ok().flatten();
    stored.map(|s| s.expose().to_owned())
}

/// `s2s` with its data folder (profiles file) in `home`.
pub fn with_data_home(home: &tempfile::TempDir) -> Command {
    let mut cmd = s2s();
    // The data folder, the same way on every system (Windows' own ignores the environment).
    cmd.env(
        s2s_core::profiles::file::DATA_DIR_VARIABLE,
        home.path().join("app.s2sdesk.desktop"),
    );
    cmd
}

pub const ACCOUNT: &str = "SbxDemoAccount00000001";
pub const REPORTING: (&str, &str) = ("SbxReportingBot0000001", "sandboxSecretReportingBot0000001");

pub struct Run {
    pub code: i32,
    /// The signal that ended the process, if one did.
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        let parsed = serde_json::from_str(self.stdout.trim());
        assert!(parsed.is_ok(), "stdout is not JSON: {}", self.stdout);
        parsed.unwrap_or_default()
    }
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

pub async fn sim() -> SimHandle {
    zoom_sim::start(Fixture::default_sandbox(), 0)
        .await
        .expect("simulator")
}

pub fn s2s() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_s2s"));
    c.env_remove("ZOOM_ACCOUNT_ID")
        .env_remove("ZOOM_CLIENT_ID")
        .env_remove("ZOOM_CLIENT_SECRET")
        .env("S2S_LOG", "debug");
    c
}

/// Starts s2s. Wine's CreateProcess now and then fails with ERROR_INTERNAL_ERROR (1359) when
/// many processes start at once (the fault suite starts four at a time, 100 in all): s2s never
/// ran, so starting it again hides nothing of s2s's own. Any other error is the test's failure.
fn spawn(cmd: &mut Command) -> tokio::process::Child {
    const WINE_INTERNAL_ERROR: i32 = 1359;
    let mut attempts = 0;
    loop {
        match cmd.spawn() {
            Err(e)
                if cfg!(windows)
                    && e.raw_os_error() == Some(WINE_INTERNAL_ERROR)
                    && attempts < 5 =>
            {
                attempts += 1;
            }
            started => return started.expect("s2s starts"),
        }
    }
}

pub async fn run(mut cmd: Command, stdin: Option<&str>) -> Run {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = spawn(&mut cmd);
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(text) = stdin {
            // s2s may refuse its arguments and exit before it reads standard input: what it
            // did not read is then not the test's failure (its exit code and output say).
            match pipe.write_all(text.as_bytes()).await {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                written => written.expect("stdin"),
            }
        }
    }
    let out = child.wait_with_output().await.expect("s2s finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        #[cfg(unix)]
        signal: std::os::unix::process::ExitStatusExt::signal(&out.status),
        #[cfg(not(unix))]
        signal: None,
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

/// Copies a folder recursively, leaving out corpus `expected.json` files.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "expected.json" {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// An app's scopes as the Sandbox's fixture grants them.
pub fn sandbox_scopes(client_id: &str) -> Vec<s2s_core::catalog::scope::ScopeName> {
    zoom_sim::Fixture::default_sandbox()
        .accounts
        .iter()
        .flat_map(|a| &a.apps)
        .find(|app| app.client_id == client_id)
        .map(|app| app.scopes.iter().map(|s| s.as_str().into()).collect())
        .unwrap_or_default()
}

/// The Reporting Bot as the Sandbox grants it, owned by Adam (Admin).
pub fn reporting_test() -> TestRecord {
    TestRecord {
        at_unix: 1_790_000_000,
        ok: true,
        kind: None,
        summary: "Token issued with 8 scopes".into(),
        scopes: sandbox_scopes(REPORTING.0),
        latency_ms: Some(4),
        owner: Some(s2s_core::catalog::change::OwnerSnapshot {
            user_id: "sbx-admin-0002".into(),
            email: Some("adam.admin@sandbox.example".into()),
            role_id: Some("1".into()),
            role_name: Some("Admin".into()),
            privileges: Some(vec![
                "User:Read".into(),
                "UsageReport:Read".into(),
                "DashboardMeetings:Read".into(),
            ]),
            status: None,
        }),
        drift: None,
        renamed_scopes: Vec::new(),
        api_url: None,
        zoom_code: None,
    }
}
