//! `s2s consumers` and `s2s rotate --update-consumers`, black box, with the real keychain and
//! the simulator: the new secret carried into real files (a `.env` with a BOM and CRLF, a
//! Kubernetes Secret's base64 data) and to real commands on standard input (secret-tool into
//! the test's Secret Service, read back by its check), a failing one
//! leaving the others, `--finish` refused (exit 10) until each is done, and a rotation killed
//! between two consumers resumed at the one not done.
// Reads keychain entries directly: proving where each secret went is the point.
#![allow(clippy::disallowed_methods)]
#![cfg(unix)]

mod support;

use base64::Engine;
use s2s_core::profiles::ProfileCloud;
use support::{keychain_entry as entry, run, with_data_home, Run, REPORTING};
use zoom_sim::SimHandle;

const NEW_SECRET: &str = "regeneratedSecretReportingBot001";

async fn s2s(home: &tempfile::TempDir, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = with_data_home(home);
    cmd.args(args);
    run(cmd, stdin).await
}

async fn rotate(
    home: &tempfile::TempDir,
    sim: &SimHandle,
    args: &[&str],
    stdin: Option<&str>,
) -> Run {
    let url = sim.base_url();
    let all = [
        &[
            "rotate",
            "--profile",
            "reporting",
            "--oauth-url",
            url.as_str(),
        ][..],
        args,
    ]
    .concat();
    s2s(home, &all, stdin).await
}

async fn add(home: &tempfile::TempDir, args: &[&str]) {
    let all = [&["consumers", "add", "--profile", "reporting"][..], args].concat();
    let added = s2s(home, &all, None).await;
    assert_eq!(added.code, 0, "{}", added.all());
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// A project whose `.env` (BOM, CRLF) and Kubernetes Secret hold the old secret, and a folder
/// a command consumer stores into.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join(".env"),
        format!(
            "\u{feff}ZOOM_ACCOUNT_ID=acc\r\nZOOM_CLIENT_SECRET=\"{}\"\r\n",
            REPORTING.1
        ),
    )
    .expect(".env");
    std::fs::write(
        dir.path().join("secret.yaml"),
        format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: zoom\ndata:\n  ZOOM_CLIENT_SECRET: {}\n",
            b64(REPORTING.1)
        ),
    )
    .expect("secret.yaml");
    dir
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_rotation_carries_the_new_secret_to_each_consumer_and_finishes_only_once_each_is_done() {
    let (home, _service, id) = support::home_with_saved_profile(ProfileCloud::Sandbox);
    let sim = support::sim().await;
    let project = project();
    let at = |name: &str| project.path().join(name).display().to_string();
    let (env, k8s, store) = (at(".env"), at("secret.yaml"), at("store"));
    add(&home, &["--label", "production .env", "--file", &env]).await;
    add(&home, &["--label", "Kubernetes", "--file", &k8s]).await;
    let store_cmd = format!(r#"sh -c 'cat > "$1"' sh {store}"#);
    let check_cmd = format!(r#"sh -c 'test "$(cat "$1")" = "$(cat)"' sh {store}"#);
    add(
        &home,
        &[
            "--label",
            "Store",
            "--command",
            &store_cmd,
            "--check",
            &check_cmd,
        ],
    )
    .await;
    // A real secret store: secret-tool writes what it reads on standard input into the Secret
    // Service the test runs in, and the check reads it back.
    let attribute = format!("rotation-{}", std::process::id());
    let keyring_cmd =
        format!("secret-tool store '--label=S2S Desk consumer test' s2s-desk-test {attribute}");
    let keyring_check = format!(
        r#"sh -c 'test "$(secret-tool lookup s2s-desk-test "$1")" = "$(cat)"' sh {attribute}"#
    );
    add(
        &home,
        &[
            "--label",
            "Keyring",
            "--command",
            &keyring_cmd,
            "--check",
            &keyring_check,
        ],
    )
    .await;
    add(
        &home,
        &[
            "--label",
            "Broken",
            "--command",
            "sh -c 'echo vault sealed >&2; exit 2'",
        ],
    )
    .await;

    let listed = s2s(
        &home,
        &["consumers", "list", "--profile", "reporting"],
        None,
    )
    .await;
    assert_eq!(listed.code, 0, "{}", listed.all());
    assert!(
        listed.stdout.contains(&format!("Store — {store_cmd}"))
            && listed.stdout.contains(&format!("check: {check_cmd}")),
        "each command in full, as written: {}",
        listed.stdout
    );

    sim.world().app_mut(REPORTING.0).expect("app").client_secret = NEW_SECRET.into();
    let rotated = rotate(
        &home,
        &sim,
        &["--new-secret-stdin", "--update-consumers"],
        Some(&format!("{NEW_SECRET}\n")),
    )
    .await;
    assert_eq!(rotated.code, 10, "a consumer failed: {}", rotated.all());
    assert!(
        rotated.stderr.contains(&format!("→ Store: {store_cmd}")),
        "shown before it runs: {}",
        rotated.stderr
    );
    for line in [
        "✔ production .env — updated (no check)",
        "✔ Kubernetes — updated (no check)",
        "✔ Store — updated, check passed",
        "✔ Keyring — updated, check passed",
        "✘ Broken — update failed",
        "exited with status 2: vault sealed",
        "--update-consumers (again to retry a failed one)",
    ] {
        assert!(rotated.stdout.contains(line), "{line}: {}", rotated.stdout);
    }
    assert!(!rotated.all().contains(NEW_SECRET) && !rotated.all().contains(REPORTING.1));
    let read = |path: &str| std::fs::read(path).expect("readable");
    assert_eq!(
        read(&env),
        format!("\u{feff}ZOOM_ACCOUNT_ID=acc\r\nZOOM_CLIENT_SECRET=\"{NEW_SECRET}\"\r\n")
            .into_bytes(),
        "the setting replaced in place: BOM, CRLF and quotes kept"
    );
    assert!(String::from_utf8_lossy(&read(&k8s))
        .contains(&format!("ZOOM_CLIENT_SECRET: {}\n", b64(NEW_SECRET))));
    assert_eq!(read(&store), NEW_SECRET.as_bytes());
    let looked_up = std::process::Command::new("secret-tool")
        .args(["lookup", "s2s-desk-test", &attribute])
        .output()
        .expect("secret-tool runs");
    assert_eq!(
        looked_up.stdout,
        NEW_SECRET.as_bytes(),
        "the Secret Service holds the new secret"
    );
    let _ = std::process::Command::new("secret-tool")
        .args(["clear", "s2s-desk-test", &attribute])
        .status();

    let refused = rotate(&home, &sim, &["--finish"], None).await;
    assert_eq!(refused.code, 10, "{}", refused.all());
    assert!(
        refused
            .stderr
            .contains(r#""Broken" is not updated and checked yet"#),
        "{}",
        refused.stderr
    );
    assert_eq!(
        entry(&format!("{id}:rotation-previous")).as_deref(),
        Some(REPORTING.1),
        "the old secret is kept"
    );

    let removed = s2s(
        &home,
        &["consumers", "remove", "--profile", "reporting", "broken"],
        None,
    )
    .await;
    assert_eq!(removed.code, 0, "{}", removed.all());
    let finished = rotate(&home, &sim, &["--update-consumers", "--finish"], None).await;
    assert_eq!(finished.code, 0, "{}", finished.all());
    assert_eq!(
        entry(&format!("{id}:rotation-previous")),
        None,
        "forgotten once every consumer is done"
    );

    let checked = s2s(
        &home,
        &[
            "consumers",
            "check",
            "--profile",
            "reporting",
            "Store",
            "--json",
        ],
        None,
    )
    .await;
    assert_eq!(checked.code, 0, "{}", checked.all());
    assert_eq!(checked.json()["check"]["outcome"], "done");
    std::fs::write(&store, "stale").expect("write");
    let stale = s2s(
        &home,
        &["consumers", "check", "--profile", "reporting", "Store"],
        None,
    )
    .await;
    assert_eq!(
        stale.code,
        10,
        "the deployment does not use the secret: {}",
        stale.all()
    );
}

#[tokio::test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
async fn a_rotation_killed_between_two_consumers_resumes_at_the_one_not_done() {
    let (home, _service, _id) = support::home_with_saved_profile(ProfileCloud::Sandbox);
    let sim = support::sim().await;
    let project = project();
    let runs = project.path().join("runs").display().to_string();
    for label in ["First", "Second"] {
        let command = format!(r#"sh -c 'echo {label} >> "$1"' sh {runs}"#);
        add(&home, &["--label", label, "--command", &command]).await;
    }
    sim.world().app_mut(REPORTING.0).expect("app").client_secret = NEW_SECRET.into();
    let switched = rotate(
        &home,
        &sim,
        &["--new-secret-stdin"],
        Some(&format!("{NEW_SECRET}\n")),
    )
    .await;
    assert_eq!(switched.code, 0, "{}", switched.all());

    let mut cmd = with_data_home(&home);
    cmd.args([
        "rotate",
        "--profile",
        "reporting",
        "--update-consumers",
        "--oauth-url",
    ])
    .arg(sim.base_url())
    .env("S2S_FAULT_ABORT_AFTER", "updated_consumer");
    let killed = run(cmd, None).await;
    assert_ne!(
        killed.code,
        0,
        "stopped after the first consumer: {}",
        killed.all()
    );
    assert_eq!(std::fs::read_to_string(&runs).expect("runs"), "First\n");

    let resumed = rotate(&home, &sim, &["--update-consumers", "--json"], None).await;
    assert_eq!(resumed.code, 0, "{}", resumed.all());
    assert_eq!(
        std::fs::read_to_string(&runs).expect("runs"),
        "First\nSecond\n",
        "the recorded consumer is not run again"
    );
    let states: Vec<String> = resumed.json()["status"]["consumers"]
        .as_array()
        .expect("checklist")
        .iter()
        .map(|c| c["state"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(states, ["updated", "updated"]);
}
