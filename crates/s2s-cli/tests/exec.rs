//! `s2s exec`: the child reports what it was handed, and the parent printed nothing; `--token`
//! hands over a token and never the secret; the exit code is the child's (on Unix its signals
//! too, as `s2s` becomes the child; on Windows the child dies with `s2s`). The child is this test
//! binary again (`exec_child`), so the same tests run on every system.

mod support;

use std::path::Path;

use s2s_core::keychain::{KeyringStore, APP_SERVICE};
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::ProfileCloud;
use support::{run, with_data_home, Run, ACCOUNT, REPORTING};

/// The credential variables, in the order the child reports them.
const HANDED: [&str; 5] = [
    "ZOOM_ACCOUNT_ID",
    "ZOOM_CLIENT_ID",
    "ZOOM_CLIENT_SECRET",
    "ZOOM_ACCESS_TOKEN",
    "ZOOM_API_URL",
];

/// The child `s2s exec` runs in these tests: it writes what it was handed to the file
/// `S2S_EXEC_OUT` names (`A|B|…`, unset ones empty), then waits 5 s and marks the file
/// `S2S_EXEC_WAIT` names (if set), then exits with `S2S_EXEC_EXIT` (if set).
#[test]
#[ignore = "the child s2s exec runs, not a test"]
fn exec_child() {
    let out = std::env::var("S2S_EXEC_OUT").expect("run by the tests, with S2S_EXEC_OUT");
    let handed: Vec<String> = HANDED
        .iter()
        .map(|name| std::env::var(name).unwrap_or_default())
        .collect();
    std::fs::write(out, handed.join("|")).expect("report");
    if let Ok(mark) = std::env::var("S2S_EXEC_WAIT") {
        std::thread::sleep(std::time::Duration::from_secs(5));
        std::fs::write(mark, "outlived s2s").expect("mark");
    }
    if let Ok(code) = std::env::var("S2S_EXEC_EXIT") {
        // Windows codes are unsigned 32-bit (0xC0000005…): passed to exit as the same bits.
        std::process::exit(code.parse::<u32>().expect("a code") as i32);
    }
}

/// `s2s exec ARGS -- <exec_child>`, the child reporting into `out`, with `env` for both.
fn exec_command(
    home: &tempfile::TempDir,
    args: &[&str],
    out: &Path,
    env: &[(&str, &str)],
) -> tokio::process::Command {
    let mut cmd = with_data_home(home);
    // What the parent itself writes must be nothing: no logging asked for.
    cmd.env_remove("S2S_LOG").arg("exec").args(args).arg("--");
    let me = std::env::current_exe().expect("test binary");
    cmd.arg(me)
        .args(["exec_child", "--exact", "--ignored", "--quiet"]);
    cmd.env("S2S_EXEC_OUT", out).envs(env.iter().copied());
    // A secret in the parent's own environment must not leak into a --token child.
    cmd.env("ZOOM_CLIENT_SECRET", "parentsOwnSecretMustNotLeak01");
    cmd
}

async fn exec(home: &tempfile::TempDir, args: &[&str], out: &Path, env: &[(&str, &str)]) -> Run {
    run(exec_command(home, args, out, env), None).await
}

/// What the child was handed, as `A|B|C|D|E`.
fn handed(out: &Path) -> String {
    std::fs::read_to_string(out).expect("the child ran")
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn the_child_gets_the_credentials_in_its_environment_and_the_parent_prints_nothing() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Commercial);
    let report = tempfile::tempdir().expect("tempdir");
    let out = report.path().join("handed");
    let ran = exec(&home, &["--profile", "reporting"], &out, &[]).await;
    let _ = service.delete(&id);
    assert_eq!(ran.code, 0, "{}", ran.all());
    assert_eq!(
        handed(&out),
        format!("{ACCOUNT}|{}|{}||", REPORTING.0, REPORTING.1)
    );
    assert_eq!(ran.stderr, "", "the parent printed nothing");
    let files: Vec<_> = walk(home.path());
    assert_eq!(
        files,
        ["app.s2sdesk.desktop/profiles.json"],
        "nothing written besides the profile"
    );
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn with_token_the_child_gets_a_token_and_the_api_url_and_never_the_secret() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Commercial);
    let sim = support::sim().await;
    let report = tempfile::tempdir().expect("tempdir");
    let out = report.path().join("handed");
    let url = sim.base_url();
    let args = [
        "--profile",
        "Reporting",
        "--token",
        "--oauth-url",
        &url,
        "--allow-custom-host",
    ];
    let ran = exec(&home, &args, &out, &[]).await;
    let reread = ProfileService::open(
        ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop")),
        std::sync::Arc::new(KeyringStore::new(APP_SERVICE)),
    )
    .expect("opens");
    let history = reread.get(&id).map(|p| p.history.len());
    let _ = service.delete(&id);
    assert_eq!(history.ok(), Some(0), "the token is not recorded as a test");
    assert_eq!(ran.code, 0, "{}", ran.all());
    let handed = handed(&out);
    let fields: Vec<&str> = handed.split('|').collect();
    assert_eq!(&fields[..3], ["", "", ""], "no IDs, no secret: {handed}");
    assert!(fields[3].starts_with("eyJ"), "a token: {handed}");
    assert!(
        fields[4].starts_with("http://127.0.0.1"),
        "the API URL: {handed}"
    );
    assert!(!ran.all().contains(REPORTING.1) && !ran.all().contains("parentsOwnSecret"));
    assert_eq!(ran.stderr, "");
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn the_exit_code_is_the_childs_and_a_command_that_cannot_start_is_bad_input() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Commercial);
    let report = tempfile::tempdir().expect("tempdir");
    let out = report.path().join("handed");
    let code = exec(
        &home,
        &["--profile", "Reporting"],
        &out,
        &[("S2S_EXEC_EXIT", "42")],
    )
    .await;
    assert_eq!(code.code, 42, "{}", code.all());
    // Windows exit codes go beyond 255 (an NTSTATUS, say): passed on whole.
    #[cfg(windows)]
    {
        let big = exec(
            &home,
            &["--profile", "Reporting"],
            &out,
            &[("S2S_EXEC_EXIT", "3221225477")],
        )
        .await;
        assert_eq!(big.code as u32, 3_221_225_477, "{}", big.all());
    }
    let mut missing = with_data_home(&home);
    missing.args([
        "exec",
        "--profile",
        "Reporting",
        "--",
        "no-such-command-s2s",
    ]);
    let missing = run(missing, None).await;
    let mut unknown = with_data_home(&home);
    unknown.args(["exec", "--profile", "Nobody", "--", "true"]);
    let unknown = run(unknown, None).await;
    let _ = service.delete(&id);
    assert_eq!(missing.code, 2, "{}", missing.all());
    assert!(missing.stderr.contains("cannot run no-such-command-s2s"));
    assert_eq!(unknown.code, 2);
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
#[cfg_attr(
    not(unix),
    ignore = "signals are Unix's; on Windows the child dies with s2s (on_windows_a_killed_s2s_takes_its_child_with_it)"
)]
async fn on_unix_the_child_is_the_process_so_its_signals_are_its_own() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Commercial);
    let mut cmd = with_data_home(&home);
    cmd.args([
        "exec",
        "--profile",
        "Reporting",
        "--",
        "sh",
        "-c",
        "kill -TERM $$; sleep 5",
    ]);
    let killed = run(cmd, None).await;
    let _ = service.delete(&id);
    assert_eq!(
        killed.signal,
        Some(15),
        "ended by the child's SIGTERM: {}",
        killed.all()
    );
}

#[tokio::test]
#[cfg_attr(
    not(windows),
    ignore = "Windows only: on Unix s2s becomes the child (exec), so killing one is killing the other"
)]
async fn on_windows_a_killed_s2s_takes_its_child_with_it() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Commercial);
    let report = tempfile::tempdir().expect("tempdir");
    let out = report.path().join("handed");
    let mark = report.path().join("outlived");
    let mark_text = mark.to_string_lossy().into_owned();
    let mut cmd = exec_command(
        &home,
        &["--profile", "Reporting"],
        &out,
        &[("S2S_EXEC_WAIT", &mark_text)],
    );
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut s2s = cmd.spawn().expect("s2s starts");
    // Once the child has reported, s2s is killed (TerminateProcess) mid-wait.
    for _ in 0..200 {
        if out.exists() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(out.exists(), "the child started");
    s2s.kill().await.expect("killed");
    tokio::time::sleep(std::time::Duration::from_secs(8)).await;
    let _ = service.delete(&id);
    assert!(!mark.exists(), "the child outlived s2s");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.to_string_lossy().ends_with(".lock") {
                found.push(
                    path.strip_prefix(dir)
                        .map(|p| p.to_string_lossy().replace('\\', "/"))
                        .unwrap_or_default(),
                );
            }
        }
    }
    found.sort();
    found
}
