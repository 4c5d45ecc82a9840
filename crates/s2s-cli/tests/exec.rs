//! `s2s exec`: a child that prints its environment shows what it was handed, and that the
//! parent printed nothing; `--token` hands over a token and never the secret; the exit code and
//! signals are the child's.

mod support;

use s2s_core::keychain::{KeyringStore, APP_SERVICE};
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::ProfileCloud;
use support::{run, with_data_home, Run, ACCOUNT, REPORTING};

async fn exec(home: &tempfile::TempDir, args: &[&str]) -> Run {
    let mut cmd = with_data_home(home);
    // What the parent itself writes must be nothing: no logging asked for.
    cmd.env_remove("S2S_LOG").arg("exec").args(args);
    // A secret in the parent's own environment must not leak into a --token child.
    cmd.env("ZOOM_CLIENT_SECRET", "parentsOwnSecretMustNotLeak01");
    run(cmd, None).await
}

const PRINT_ENV: &str = r#"printf '%s|%s|%s|%s|%s' "$ZOOM_ACCOUNT_ID" "$ZOOM_CLIENT_ID" "$ZOOM_CLIENT_SECRET" "$ZOOM_ACCESS_TOKEN" "$ZOOM_API_URL""#;

#[tokio::test]
#[ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"]
async fn the_child_gets_the_credentials_in_its_environment_and_the_parent_prints_nothing() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Commercial);
    let ran = exec(
        &home,
        &["--profile", "reporting", "--", "sh", "-c", PRINT_ENV],
    )
    .await;
    let _ = service.delete(&id);
    assert_eq!(ran.code, 0, "{}", ran.all());
    assert_eq!(
        ran.stdout,
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
#[ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"]
async fn with_token_the_child_gets_a_token_and_the_api_url_and_never_the_secret() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Commercial);
    let sim = support::sim().await;
    let ran = exec(
        &home,
        &[
            "--profile",
            "Reporting",
            "--token",
            "--oauth-url",
            &sim.base_url(),
            "--allow-custom-host",
            "--",
            "sh",
            "-c",
            PRINT_ENV,
        ],
    )
    .await;
    let reread = ProfileService::open(
        ProfileFile::in_dir(&home.path().join("app.s2sdesk.desktop")),
        std::sync::Arc::new(KeyringStore::new(APP_SERVICE)),
    )
    .expect("opens");
    let history = reread.get(&id).map(|p| p.history.len());
    let _ = service.delete(&id);
    assert_eq!(history.ok(), Some(0), "the token is not recorded as a test");
    assert_eq!(ran.code, 0, "{}", ran.all());
    let fields: Vec<&str> = ran.stdout.split('|').collect();
    assert_eq!(
        &fields[..3],
        ["", "", ""],
        "no IDs, no secret: {}",
        ran.stdout
    );
    assert!(fields[3].starts_with("eyJ"), "a token: {}", ran.stdout);
    assert!(
        fields[4].starts_with("http://127.0.0.1"),
        "the API URL: {}",
        ran.stdout
    );
    assert!(!ran.all().contains(REPORTING.1) && !ran.all().contains("parentsOwnSecret"));
    assert_eq!(ran.stderr, "");
}

#[tokio::test]
#[ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"]
async fn the_exit_code_and_signals_are_the_childs() {
    let (home, service, id) = support::home_with_saved_profile(ProfileCloud::Commercial);
    let code = exec(
        &home,
        &["--profile", "Reporting", "--", "sh", "-c", "exit 42"],
    )
    .await;
    assert_eq!(code.code, 42);
    // The child is the process: a signal to it is a signal to what `s2s exec` started.
    let killed = exec(
        &home,
        &[
            "--profile",
            "Reporting",
            "--",
            "sh",
            "-c",
            "kill -TERM $$; sleep 5",
        ],
    )
    .await;
    assert_eq!(
        killed.signal,
        Some(15),
        "ended by the child's SIGTERM: {}",
        killed.all()
    );
    let missing = exec(
        &home,
        &["--profile", "Reporting", "--", "no-such-command-s2s"],
    )
    .await;
    let unknown = exec(&home, &["--profile", "Nobody", "--", "true"]).await;
    let _ = service.delete(&id);
    assert_eq!(missing.code, 2, "{}", missing.all());
    assert!(missing.stderr.contains("cannot run no-such-command-s2s"));
    assert_eq!(unknown.code, 2);
}

fn walk(dir: &std::path::Path) -> Vec<String> {
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
                        .map(|p| p.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                );
            }
        }
    }
    found.sort();
    found
}
