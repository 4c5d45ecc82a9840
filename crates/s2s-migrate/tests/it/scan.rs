//! The walk: .gitignore respected (but env files still read), dependency folders and binaries
//! skipped, git-tracked secrets flagged, progress counted, cancel honoured, bad paths explained.

use std::process::Command;

use s2s_migrate::find::Flag;
use s2s_migrate::scan::{scan, Progress, ScanError, ScanOptions};

use crate::support::{case, scan_dir, write, NOW};

#[test]
fn ignored_and_dependency_folders_are_skipped_but_ignored_env_files_are_read() {
    let dir = case("node-app");
    write(
        dir.path(),
        "node_modules/zoom-sdk/index.js",
        b"// zoom\nconst ZOOM_API_KEY = \"LegacyApiKey0123456789\";\n",
    );
    write(
        dir.path(),
        "dist/bundle.js",
        b"const ZOOM_API_KEY = \"LegacyApiKey0123456789\";\n",
    );
    write(dir.path(), ".gitignore", b"dist/\n.env\n");
    write(
        dir.path(),
        ".env",
        b"ZOOM_API_SECRET=LegacySecretValue0123456789\n",
    );
    let report = scan_dir(dir.path());
    let files: Vec<&str> = report.findings.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(
        files,
        [".env", "src/zoom.js"],
        "node_modules and dist/ skipped"
    );
    assert!(report.findings[0].flags.contains(&Flag::GitIgnored));
}

#[test]
fn binaries_are_counted_and_skipped() {
    let dir = case("sdk-not-migrated");
    let report = scan_dir(dir.path());
    assert_eq!(report.skipped_binary, 1);
    assert_eq!(report.progress.files_seen, 2);
}

/// `git -C dir ARGS…`, true when it succeeded (false without git).
fn git_in(dir: &std::path::Path) -> impl Fn(&[&str]) -> bool + '_ {
    move |args| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    }
}

#[test]
#[cfg_attr(windows, ignore = "needs git for Windows, which Wine does not have")]
fn secrets_in_git_tracked_files_are_flagged() {
    let dir = case("dotenv-crlf-bom");
    let git = git_in(dir.path());
    assert!(
        git(&["init", "-q"]),
        "git runs (the test command installs it)"
    );
    assert!(git(&["add", "-f", "config/.env.production"]));
    let report = scan_dir(dir.path());
    assert!(report.git_repository);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.flags.contains(&Flag::CommittedToGit)),
        "{:?}",
        report.findings
    );
}

#[test]
#[cfg_attr(not(unix), ignore = "needs git for Windows, which Wine does not have")]
fn a_scanned_projects_git_config_runs_nothing() {
    #[cfg(not(unix))]
    unreachable!(
        "ignored here: {}",
        "needs git for Windows, which Wine does not have"
    );
    #[cfg(unix)]
    {
        // A hostile repository: git runs `core.fsmonitor` as soon as it reads the index.
        let dir = case("dotenv-crlf-bom");
        let marker = dir.path().join("PWNED");
        let git = git_in(dir.path());
        assert!(
            git(&["init", "-q"]),
            "git runs (the test command installs it)"
        );
        assert!(git(&["add", "-f", "config/.env.production"]));
        let hook = dir.path().join("hook.sh");
        write(
            dir.path(),
            "hook.sh",
            format!("#!/bin/sh\ntouch '{}'\n", marker.display()).as_bytes(),
        );
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let hook = hook.display().to_string();
        for (key, value) in [
            ("core.fsmonitor", hook.as_str()),
            ("core.pager", hook.as_str()),
            ("core.hooksPath", dir.path().to_str().expect("utf8")),
            ("alias.ls-files", "!sh hook.sh"),
        ] {
            assert!(git(&["config", key, value]));
        }
        // Proof that this repository does run the hook for a plain git.
        Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["ls-files"])
            .output()
            .expect("git");
        assert!(
            marker.exists(),
            "the planted fsmonitor runs under plain git"
        );
        std::fs::remove_file(&marker).expect("rm");

        let report = scan_dir(dir.path());
        assert!(report.git_repository, "the index is still read");
        assert!(
            !marker.exists(),
            "scanning ran the project's fsmonitor command"
        );
    }
}

#[test]
fn a_single_file_can_be_scanned() {
    let dir = case("python-app");
    let report = scan_dir(&dir.path().join("app/zoom_client.py"));
    assert_eq!(report.findings.len(), 2);
    assert_eq!(report.findings[0].file, "zoom_client.py");
}

#[test]
fn a_cancelled_scan_stops_and_says_so() {
    let dir = case("polyglot");
    let progress = Progress::default();
    progress.cancel();
    let options = ScanOptions {
        now_unix: NOW,
        ..ScanOptions::default()
    };
    let report = scan(zoom_catalog::catalog(), dir.path(), &options, &progress).expect("scan");
    assert!(report.cancelled);
    assert!(report.findings.is_empty());
}

#[test]
fn progress_counts_every_file_and_byte() {
    let dir = case("toml-ini-properties");
    let progress = Progress::default();
    let options = ScanOptions {
        now_unix: NOW,
        ..ScanOptions::default()
    };
    let report = scan(zoom_catalog::catalog(), dir.path(), &options, &progress).expect("scan");
    let snap = progress.snapshot();
    assert_eq!(snap, report.progress);
    assert_eq!(snap.files_scanned, 3);
    assert_eq!(snap.findings, 5);
    assert!(snap.bytes_scanned > 100);
}

#[test]
fn a_missing_path_is_explained() {
    let err = scan(
        zoom_catalog::catalog(),
        std::path::Path::new("/no/such/project"),
        &ScanOptions::default(),
        &Progress::default(),
    )
    .expect_err("missing");
    assert!(matches!(err, ScanError::NotFound(_)));
    assert!(err
        .to_string()
        .contains("choose an existing file or folder"));
}
