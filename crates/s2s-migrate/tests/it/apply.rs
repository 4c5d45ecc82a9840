//! Writing the migration: preview, apply, undo — byte-identical round trips, and a failure in
//! the middle of an apply leaves every file as it was.

use s2s_migrate::apply::{apply, undo, FaultInjection};
use s2s_migrate::find::is_reference;
use s2s_migrate::plan::{previews, rewrites};
use s2s_migrate::rewrite::{NewNames, NewValues, SECRET_PLACEHOLDER};
use s2s_migrate::scan::ScanReport;

use crate::support::{case, scan_dir, write, NOW};

const CONFIG_CASES: [&str; 7] = [
    "dotenv-tricky",
    "dotenv-crlf-bom",
    "shell-exports",
    "json-nested",
    "docker-compose",
    "kubernetes",
    "toml-ini-properties",
];

fn values(secret: Option<&str>) -> NewValues {
    NewValues {
        account_id: "NewAccountId0123456789".into(),
        client_id: "NewClientId01234567890".into(),
        client_secret: secret.map(s2s_core::Secret::new),
        webhook_secret_token: None,
    }
}

fn snapshot(dir: &std::path::Path, report: &ScanReport) -> Vec<(String, Vec<u8>)> {
    report
        .config_files
        .iter()
        .map(|c| {
            (
                c.file.clone(),
                std::fs::read(dir.join(&c.file)).expect("read"),
            )
        })
        .collect()
}

#[test]
fn apply_then_undo_leaves_every_file_byte_identical() {
    for name in CONFIG_CASES {
        let dir = case(name);
        let report = scan_dir(dir.path());
        let before = snapshot(dir.path(), &report);
        assert!(!before.is_empty(), "{name} has config files");
        let edits = rewrites(&report, &NewNames::default(), &values(None)).expect("rewrites");
        let journal = apply(dir.path(), &edits, NOW, FaultInjection::default()).expect("applied");
        let after = scan_dir(dir.path());
        assert!(
            after.findings.iter().all(|f| !f.rewritable),
            "{name}: legacy settings remain: {:?}",
            after.findings
        );
        for (file, _) in &before {
            let text = std::fs::read_to_string(dir.path().join(file)).unwrap_or_default();
            assert!(
                text.contains("ZOOM_CLIENT_ID") || text.contains("ZOOM_ACCOUNT_ID"),
                "{name}/{file}:\n{text}"
            );
        }
        undo(&journal.path()).expect("undone");
        assert_eq!(
            snapshot(dir.path(), &report),
            before,
            "{name}: undo restores every byte"
        );
    }
}

#[test]
fn a_failure_mid_apply_loses_nothing() {
    let dir = case("toml-ini-properties");
    let report = scan_dir(dir.path());
    let before = snapshot(dir.path(), &report);
    let edits = rewrites(&report, &NewNames::default(), &values(None)).expect("rewrites");
    assert_eq!(edits.len(), 3);
    let err = apply(
        dir.path(),
        &edits,
        NOW,
        FaultInjection {
            fail_rename: Some(2),
            ..FaultInjection::default()
        },
    )
    .expect_err("fails");
    assert!(
        err.to_string()
            .contains("Every file was left as it was before"),
        "{err}"
    );
    assert_eq!(
        snapshot(dir.path(), &report),
        before,
        "the two files already replaced were restored"
    );
    let leftovers: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.contains(".s2s-desk-") && !p.contains(".s2s-desk-migration"))
        .collect();
    assert!(leftovers.is_empty(), "no temp files left: {leftovers:?}");
}

#[test]
fn a_file_edited_after_the_scan_is_refused_and_nothing_is_written() {
    let dir = case("dotenv-tricky");
    let report = scan_dir(dir.path());
    write(dir.path(), ".env", b"ZOOM_API_KEY=edited-meanwhile\n");
    let err = rewrites(&report, &NewNames::default(), &values(None)).expect_err("refused");
    assert!(err.to_string().contains("changed since it was scanned"));
}

#[test]
fn undo_refuses_files_edited_after_the_apply() {
    let dir = case("shell-exports");
    let report = scan_dir(dir.path());
    let edits = rewrites(&report, &NewNames::default(), &values(None)).expect("rewrites");
    let journal = apply(dir.path(), &edits, NOW, FaultInjection::default()).expect("applied");
    write(dir.path(), "scripts/deploy.sh", b"#!/bin/sh\n# hand edit\n");
    assert!(undo(&journal.path())
        .expect_err("refused")
        .to_string()
        .contains("changed after the migration"));
    assert_eq!(
        std::fs::read(dir.path().join("scripts/deploy.sh")).expect("read"),
        b"#!/bin/sh\n# hand edit\n"
    );
}

#[test]
fn the_secret_is_written_only_when_chosen_and_never_shown_in_previews() {
    let dir = case("dotenv-tricky");
    let report = scan_dir(dir.path());
    let without = rewrites(&report, &NewNames::default(), &values(None)).expect("rewrites");
    assert!(String::from_utf8_lossy(&without[0].after).contains(SECRET_PLACEHOLDER));
    let with = rewrites(
        &report,
        &NewNames::default(),
        &values(Some("TheNewClientSecret0123")),
    )
    .expect("rewrites");
    assert!(String::from_utf8_lossy(&with[0].after)
        .contains("ZOOM_CLIENT_SECRET=\"TheNewClientSecret0123\""));
    let shown = serde_json::to_string(&previews(&with)).expect("json");
    for secret in ["TheNewClientSecret0123", "s3cret#NotAComment"] {
        assert!(!shown.contains(secret), "{secret} in preview: {shown}");
    }
}

/// Every secret a corpus case holds, and the new one: none may reach a preview.
const NEW_SECRET: &str = "TheNewClientSecret0123";

#[test]
fn previews_hold_no_secret_in_any_layout_and_never_panic() {
    // Kubernetes puts `- name: ZOOM_API_SECRET` and its `value:` on different lines; a
    // preview that hid the secret by searching the name's line printed it (and panicked on an
    // unquoted name at the end of its line).
    for name in CONFIG_CASES {
        let dir = case(name);
        let report = scan_dir(dir.path());
        let edits =
            rewrites(&report, &NewNames::default(), &values(Some(NEW_SECRET))).expect("rewrites");
        let written: String = edits
            .iter()
            .map(|e| String::from_utf8_lossy(&e.after).into_owned())
            .collect();
        let shown = serde_json::to_string(&previews(&edits)).expect("json");
        let base64_new = base64_of(NEW_SECRET);
        assert!(
            written.contains(NEW_SECRET) || written.contains(&base64_new),
            "{name}: the secret is written"
        );
        for secret in [NEW_SECRET, &base64_new] {
            assert!(!shown.contains(secret), "{name}: {secret} shown in {shown}");
        }
        for old in old_values(dir.path(), &report) {
            assert!(
                old.len() < 8 || !shown.contains(&old),
                "{name}: old value {old} shown in {shown}"
            );
        }
    }
}

#[test]
fn kubernetes_env_items_show_the_secret_as_a_placeholder() {
    let dir = case("kubernetes");
    let report = scan_dir(dir.path());
    let edits =
        rewrites(&report, &NewNames::default(), &values(Some(NEW_SECRET))).expect("rewrites");
    let shown: String = edits.iter().map(|e| e.preview.as_str()).collect();
    assert!(
        shown.contains(s2s_migrate::rewrite::SECRET_SHOWN),
        "the preview says where the secret goes: {shown}"
    );
}

/// The legacy values (decoded) the scanned configs hold.
fn old_values(dir: &std::path::Path, report: &ScanReport) -> Vec<String> {
    let mut out = Vec::new();
    for config in &report.config_files {
        let bytes = std::fs::read(dir.join(&config.file)).expect("read");
        let Some(text) = s2s_migrate::text::Text::from_bytes(&bytes) else {
            continue;
        };
        for legacy in s2s_migrate::find::legacy_settings(&text, config.format) {
            if !legacy.setting.by_reference && !is_reference(&legacy.setting.value) {
                out.push(legacy.setting.value.trim().to_string());
            }
        }
    }
    out
}

fn base64_of(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[test]
fn ids_that_would_break_a_config_are_refused() {
    for (account_id, client_id) in [
        ("Acct\"Id", "ClientId0123"),
        ("AcctId0123", "Client\nEXTRA=1"),
        ("AcctId0123", "Client Id"),
        ("", "ClientId0123"),
    ] {
        let v = NewValues {
            account_id: account_id.into(),
            client_id: client_id.into(),
            client_secret: None,
            webhook_secret_token: None,
        };
        assert!(v.validate().is_err(), "{account_id:?} {client_id:?}");
    }
    let mut v = values(Some("secret\nZOOM_OTHER=1"));
    assert!(v.validate().is_err(), "a secret with a line break");
    v.client_secret = Some(s2s_core::Secret::new(NEW_SECRET));
    assert!(v.validate().is_ok());
}

#[test]
fn names_the_admin_picks_are_used_and_bad_names_refused() {
    let names = NewNames {
        account_id: "ZOOM_S2S_ACCOUNT".into(),
        client_id: "ZOOM_S2S_CLIENT".into(),
        client_secret: "ZOOM_S2S_SECRET".into(),
    };
    assert!(names.validate().is_ok());
    let dir = case("docker-compose");
    let report = scan_dir(dir.path());
    let out = rewrites(&report, &names, &values(None)).expect("rewrites");
    let text = String::from_utf8_lossy(&out[0].after);
    assert!(
        text.contains("ZOOM_S2S_ACCOUNT: NewAccountId0123456789")
            && text.contains("- ZOOM_S2S_SECRET="),
        "{text}"
    );
    let bad = NewNames {
        client_id: "has space".into(),
        ..NewNames::default()
    };
    assert!(bad.validate().is_err());
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}

#[test]
#[cfg_attr(
    not(unix),
    ignore = "file modes are Unix's: on Windows the backups inherit the project folder's ACL"
)]
fn backups_and_the_journal_are_owner_only() {
    #[cfg(not(unix))]
    unreachable!(
        "ignored here: {}",
        "file modes are Unix's: on Windows the backups inherit the project folder's ACL"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode =
            |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        let dir = case("dotenv-tricky");
        let report = scan_dir(dir.path());
        let edits = rewrites(&report, &NewNames::default(), &values(None)).expect("rewrites");
        let journal = apply(dir.path(), &edits, NOW, FaultInjection::default()).expect("applied");
        let backups = std::path::Path::new(&journal.backup_dir);
        assert_eq!(mode(&dir.path().join(".s2s-desk-migration")), 0o700);
        assert_eq!(mode(backups), 0o700);
        assert_eq!(mode(&journal.path()), 0o600);
        for f in &journal.files {
            assert_eq!(mode(&backups.join(&f.file)), 0o600, "{}", f.file);
        }
    }
}

#[test]
#[cfg_attr(
    not(unix),
    ignore = "planting the links needs administrator rights (or Developer Mode) on Windows; the refusal itself is the same std::fs check"
)]
fn links_planted_in_the_project_redirect_no_write() {
    #[cfg(not(unix))]
    unreachable!("ignored here: {}", "planting the links needs administrator rights (or Developer Mode) on Windows; the refusal itself is the same std::fs check");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().expect("tmp");
        let victim = outside.path().join("victim");
        std::fs::write(&victim, b"not yours").expect("write");

        // A .gitignore link in the backup folder.
        let dir = case("dotenv-tricky");
        let report = scan_dir(dir.path());
        std::fs::create_dir(dir.path().join(".s2s-desk-migration")).expect("mkdir");
        symlink(&victim, dir.path().join(".s2s-desk-migration/.gitignore")).expect("link");
        let edits = rewrites(&report, &NewNames::default(), &values(None)).expect("rewrites");
        let before = snapshot(dir.path(), &report);
        assert!(apply(dir.path(), &edits, NOW, FaultInjection::default()).is_err());
        assert_eq!(std::fs::read(&victim).expect("read"), b"not yours");
        assert_eq!(snapshot(dir.path(), &report), before, "nothing written");

        // The backup folder itself a link to outside the project.
        let dir = case("dotenv-tricky");
        let report = scan_dir(dir.path());
        symlink(outside.path(), dir.path().join(".s2s-desk-migration")).expect("link");
        let edits = rewrites(&report, &NewNames::default(), &values(None)).expect("rewrites");
        assert!(apply(dir.path(), &edits, NOW, FaultInjection::default()).is_err());
        assert_eq!(
            std::fs::read_dir(outside.path()).expect("ls").count(),
            1,
            "no backup written outside the project"
        );
    }
}

#[test]
fn undo_is_all_or_nothing_and_says_where_each_file_stands() {
    let dir = case("toml-ini-properties");
    let report = scan_dir(dir.path());
    let edits = rewrites(&report, &NewNames::default(), &values(None)).expect("rewrites");
    let journal = apply(dir.path(), &edits, NOW, FaultInjection::default()).expect("applied");
    let migrated = snapshot(dir.path(), &report);
    let err = s2s_migrate::apply::undo_with(
        &journal.path(),
        FaultInjection {
            fail_rename: Some(1),
            ..FaultInjection::default()
        },
    )
    .expect_err("fails");
    assert!(
        err.to_string()
            .contains("Every file is still migrated; nothing was restored"),
        "{err}"
    );
    assert_eq!(snapshot(dir.path(), &report), migrated);
    undo(&journal.path()).expect("a second undo works");
}
