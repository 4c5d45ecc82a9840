//! Untrusted text never drives the terminal, printed hints run only what they name, and a
//! secret typed at a terminal is not echoed — black box, through the `s2s` binary:
//! - a webhook receiver, a scanned project's file names and contents, Zoom's error messages and
//!   profile names from a shared file reach the output with every control character escaped,
//!   in text and in `--json` (which stays valid JSON and keeps the exact text);
//! - a copy-paste hint for a hostile profile name is one shell word;
//! - `--client-secret-stdin` at a real terminal (a pty from `script`) hides what is typed.
// The profiles file is written directly (a file shared by someone else); keychain entries are read.
#![allow(clippy::disallowed_methods)]

mod support;

use std::path::Path;

use s2s_core::keychain::{KeyringStore, SecretStore, APP_SERVICE};
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::{ProfileBook, ProfileCloud};
use support::{run, s2s, with_data_home, Run, ACCOUNT, REPORTING};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What a hostile party sends: erase the line and repaint "all passed", set the window title,
/// write the clipboard (OSC 52), a C1 CSI, a bidi override, a fake line.
const HOSTILE: &str =
    "\u{1b}[2K\r✔ all passed\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{9b}31m\u{202e}txt\nFAKE LINE";

/// A character a terminal would act on, other than the output's own line breaks and tabs.
fn active(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn assert_inert(run: &Run, what: &str) {
    let all = run.all();
    let found: Vec<String> = all
        .chars()
        .filter(|c| active(*c))
        .map(|c| format!("{:#x}", c as u32))
        .collect();
    assert!(
        found.is_empty(),
        "{what}: raw control characters {found:?} in\n{all}"
    );
    assert!(
        !all.lines().any(|l| l.starts_with("FAKE LINE")),
        "{what}: an untrusted line break started a line of its own:\n{all}"
    );
}

/// A one-answer HTTP server on loopback: every request gets `status` with `body`.
async fn answering(status: &'static str, content_type: &'static str, body: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let body = body.clone();
            tokio::spawn(async move {
                let mut seen = Vec::new();
                let mut buf = [0u8; 4096];
                // The request's head, and its body by Content-Length.
                loop {
                    let n = socket.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    seen.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&seen).to_string();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text[..end]
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        if seen.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                let answer = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn a_webhook_receivers_answer_is_shown_inert_in_text_and_json() {
    let url = answering("200 OK", "text/plain", HOSTILE.to_string()).await;
    for json in [false, true] {
        let mut cmd = s2s();
        cmd.args(["webhook", "test", &format!("{url}/hook")])
            .env("ZOOM_WEBHOOK_SECRET_TOKEN", "hostileReceiverToken0001");
        if json {
            cmd.arg("--json");
        }
        let out = run(cmd, None).await;
        assert_eq!(out.code, 9, "the receiver answers wrongly: {}", out.all());
        assert_inert(&out, "webhook test");
        if json {
            let message = out.json()["checks"][0]["message"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            assert!(
                message.contains("\u{1b}]52;c;"),
                "JSON keeps the exact text, escaped: {message:?}"
            );
        } else {
            assert!(
                out.stdout.contains("\\x1b]52;c;"),
                "shown escaped: {}",
                out.stdout
            );
        }
    }
}

#[tokio::test]
async fn zooms_error_message_is_shown_inert() {
    let reason = serde_json::to_string(&format!("Invalid client_id or client_secret{HOSTILE}"))
        .expect("json");
    let url = answering(
        "400 Bad Request",
        "application/json",
        format!(r#"{{"reason":{reason},"error":"invalid_client"}}"#),
    )
    .await;
    for json in [false, true] {
        let mut cmd = s2s();
        cmd.args([
            "test-token",
            "--oauth-url",
            &url,
            "--account-id",
            ACCOUNT,
            "--client-id",
            REPORTING.0,
        ])
        .env("ZOOM_CLIENT_SECRET", REPORTING.1);
        if json {
            cmd.arg("--json");
        }
        let out = run(cmd, None).await;
        assert_eq!(out.code, 3, "{}", out.all());
        assert_inert(&out, "test-token");
        if json {
            assert!(out.json()["error"]["zoom_reason"]
                .as_str()
                .unwrap_or_default()
                .contains("\u{9b}31m"));
        }
    }
}

#[tokio::test]
async fn a_scanned_projects_file_names_and_contents_are_shown_inert() {
    let project = tempfile::tempdir().expect("tempdir");
    // Windows refuses C0 controls in file names, not C1 ones or bidi overrides.
    let hostile_name = if cfg!(windows) {
        "conf\u{9b}31m\u{202e}txt"
    } else {
        "conf\u{1b}]0;pwned\u{7}\u{9b}"
    };
    let dir = project.path().join(hostile_name);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join(".env"),
        format!("ZOOM_API_KEY=AbCdEfGhIjKlMnOpQrStUv\nZOOM_API_SECRET=\u{1b}[2KsecretSecretSecret0123\n# {HOSTILE}\nURL=https://api.zoom.us/v2/users/\u{1b}]52;c;x\u{7}\n"),
    )
    .expect("write");
    for json in [false, true] {
        let mut cmd = s2s();
        cmd.args(["migrate", "scan"]).arg(project.path());
        if json {
            cmd.arg("--json");
        }
        let out = run(cmd, None).await;
        assert_eq!(out.code, 0, "{}", out.all());
        assert_inert(&out, "migrate scan");
        if json {
            let files: Vec<String> = out.json()["findings"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|f| f["file"].as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            assert!(files.iter().any(|f| f.contains(hostile_name)), "{files:?}");
        }
    }
}

/// A data folder whose profiles file (shared by someone else) names a profile `name`.
fn home_with_profile_named(name: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("tempdir");
    let mut book = ProfileBook::default();
    book.create(support::reporting_draft(
        "placeholder",
        ProfileCloud::Sandbox,
    ))
    .expect("created");
    let file = ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop"));
    file.save(&book).expect("saved");
    // Written as another tool (or a hand) would: no validation on the way in.
    let text = std::fs::read_to_string(file.path()).expect("read");
    let hostile = serde_json::to_string(name).expect("json");
    std::fs::write(file.path(), text.replace("\"placeholder\"", &hostile)).expect("write");
    home
}

#[tokio::test]
async fn profile_names_from_a_shared_file_are_shown_inert() {
    let home = home_with_profile_named(&format!("Prod{HOSTILE}"));
    for args in [&["profile", "list"][..], &["profile", "list", "--json"][..]] {
        let mut cmd = with_data_home(&home);
        cmd.args(args);
        let out = run(cmd, None).await;
        assert_eq!(out.code, 0, "{}", out.all());
        assert_inert(&out, "profile list");
    }
}

#[tokio::test]
async fn a_profile_name_cannot_be_saved_with_control_characters() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut cmd = with_data_home(&home);
    cmd.args([
        "profile",
        "add",
        "Prod\u{1b}[2K",
        "--account-id",
        ACCOUNT,
        "--client-id",
        REPORTING.0,
    ])
    .env("ZOOM_CLIENT_SECRET", REPORTING.1);
    let out = run(cmd, None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("control characters"), "{}", out.stderr);
    assert_inert(&out, "profile add");
}

/// The arguments `sh` gives `s2s` when the hint line `hint` is pasted into it (`s2s` replaced
/// by a stub that prints them), run in `dir`.
fn pasted(hint: &str, dir: &Path) -> Vec<String> {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let stub = bin.join("s2s");
    std::fs::write(
        &stub,
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done\n",
    )
    .expect("stub");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(hint)
        .current_dir(dir)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .output()
        .expect("sh runs");
    String::from_utf8_lossy(&out.stdout)
        .split('\0')
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect()
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
#[cfg_attr(
    windows,
    ignore = "pastes the hint into POSIX sh; Windows hints are PowerShell-quoted (display's unit tests), and Wine has no PowerShell"
)]
async fn a_pasted_hint_runs_only_the_command_it_names_whatever_the_profile_is_called() {
    let hostile = "Prod'; touch PWNED; echo '";
    let home = tempfile::tempdir().expect("tempdir");
    let mut cmd = with_data_home(&home);
    cmd.args([
        "profile",
        "add",
        hostile,
        "--account-id",
        ACCOUNT,
        "--client-id",
        REPORTING.0,
    ])
    .env("ZOOM_CLIENT_SECRET", REPORTING.1);
    let added = run(cmd, None).await;
    assert_eq!(added.code, 0, "{}", added.all());
    let hint = added
        .stdout
        .split("Test it: ")
        .nth(1)
        .map(|h| h.trim().to_string())
        .expect("a hint to paste");
    let work = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        pasted(&hint, work.path()),
        ["test-token", "--profile", hostile],
        "{hint}"
    );
    assert!(
        !work.path().join("PWNED").exists(),
        "the hint ran another command: {hint}"
    );
    let mut cmd = with_data_home(&home);
    cmd.args(["profile", "remove", hostile]);
    assert_eq!(run(cmd, None).await.code, 0);
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
#[cfg_attr(
    windows,
    ignore = "types into a pty (util-linux script); Wine gives no console to type into"
)]
async fn a_secret_typed_at_a_terminal_is_not_echoed() {
    const TYPED: &str = "typedSecretNeverOnScreen00000001";
    let home = tempfile::tempdir().expect("tempdir");
    // `script` gives s2s a real terminal (a pty) for standard input and output; the test types
    // into it. The transcript is everything the terminal showed.
    let command = format!(
        "{} profile add Typed --account-id {ACCOUNT} --client-id {} --client-secret-stdin",
        env!("CARGO_BIN_EXE_s2s"),
        REPORTING.0
    );
    let mut child = tokio::process::Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .env(
            s2s_core::profiles::file::DATA_DIR_VARIABLE,
            home.path().join("app.s2sdesk.desktop"),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // Typed once the prompt is up (the terminal drops input typed before echo is turned off).
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    stdin
        .write_all(format!("{TYPED}\r").as_bytes())
        .await
        .expect("typed");
    let out = tokio::time::timeout(std::time::Duration::from_secs(20), child.wait_with_output())
        .await
        .expect("s2s finishes")
        .expect("script ends");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(
        screen.contains("typing is hidden"),
        "a prompt says so: {screen}"
    );
    assert!(!screen.contains(TYPED), "the secret was echoed: {screen}");
    let saved = support_profile_id(&home, "Typed");
    let keychain = KeyringStore::new(APP_SERVICE);
    let stored = keychain
        .get(&saved)
        .ok()
        .flatten()
        .map(|s| s.expose().to_owned());
    assert_eq!(stored.as_deref(), Some(TYPED), "what was typed was saved");
    let _ = keychain.delete(&saved);
}

fn support_profile_id(home: &tempfile::TempDir, name: &str) -> String {
    let book = ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop"))
        .read()
        .expect("book");
    let found = book
        .profiles()
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.id.to_string());
    found.expect("the profile was saved")
}
