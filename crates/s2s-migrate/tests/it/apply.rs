//! Writing the migration: preview, apply, undo — byte-identical round trips, and a failure in
//! the middle of an apply leaves every file as it was.

use s2s_migrate::apply::{apply, undo, FaultInjection};
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
        client_secret: secret.map(String::from),
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
