//! `s2s migrate scan|apply|undo`: the JWT → S2S migration for scripts. `scan` writes a plan
//! (findings masked, file fingerprints; never a secret); `apply` re-reads those files, refuses
//! any that changed, and writes every config or none, with backups; `undo` restores them.

use std::path::Path;

use s2s_core::ErrorKind;
use s2s_migrate::apply::{apply, undo, FaultInjection};
use s2s_migrate::disk::{write_file, Access};
use s2s_migrate::find::Flag;
use s2s_migrate::names::LegacyKind;
use s2s_migrate::plan::rewrites;
use s2s_migrate::report::{markdown, Decisions};
use s2s_migrate::rewrite::{NewNames, NewValues};
use s2s_migrate::scan::{scan, Progress, ScanOptions, ScanReport};
use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

use crate::args::{MigrateApplyArgs, MigrateCommand, MigrateScanArgs, MigrateUndoArgs};
use crate::exit;
use crate::failure::{self, usage, Failure};

/// The plan file: a scan, as `s2s migrate apply` reads it back.
#[derive(Serialize, Deserialize)]
struct PlanFile {
    s2s_desk_migration_plan: u32,
    report: ScanReport,
}

pub fn run(command: MigrateCommand) -> u8 {
    let (json, result) = match command {
        MigrateCommand::Scan(a) => (a.json, scan_cmd(a)),
        MigrateCommand::Apply(a) => (a.json, apply_cmd(a)),
        MigrateCommand::Undo(a) => (a.json, undo_cmd(a)),
    };
    match result {
        Ok(code) => code,
        Err(f) => failure::print(&f, json),
    }
}

fn scan_cmd(a: MigrateScanArgs) -> Result<u8, Failure> {
    let progress = Progress::default();
    let report = scan(
        zoom_catalog::catalog(),
        &a.path,
        &ScanOptions::default(),
        &progress,
    )
    .map_err(|e| {
        usage(
            e.to_string(),
            "Pass the path of a project folder or a config file.",
        )
    })?;
    if let Some(plan) = &a.plan {
        let file = PlanFile {
            s2s_desk_migration_plan: 1,
            report: report.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&file)
            .map_err(|e| usage(e.to_string(), "Report this as a bug."))?;
        // Owner-only: the plan names where the old secrets are.
        write_file(plan, &bytes, Access::Private).map_err(|e| {
            usage(
                format!("cannot write the plan {}: {e}", plan.display()),
                "Choose a writable path for --plan.",
            )
        })?;
    }
    if a.json {
        println!("{}", json!(report));
    } else {
        print_scan(&report, a.plan.as_deref());
    }
    Ok(exit::OK)
}

fn kind(k: LegacyKind) -> &'static str {
    match k {
        LegacyKind::ApiKey => "API key",
        LegacyKind::ApiSecret => "API secret",
        LegacyKind::JwtToken => "JWT token",
    }
}

fn print_scan(r: &ScanReport, plan: Option<&Path>) {
    println!(
        "Scanned {} files ({} KB) in {} ms under {}{}",
        r.progress.files_scanned,
        r.progress.bytes_scanned / 1024,
        r.duration_ms,
        r.root,
        if r.cancelled {
            " — CANCELLED, partial"
        } else {
            ""
        }
    );
    println!("Legacy JWT credentials: {}", r.findings.len());
    for f in &r.findings {
        let flags: Vec<String> = f
            .flags
            .iter()
            .map(|x| {
                serde_json::to_value(x)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            })
            .collect();
        let jwt = f
            .jwt
            .as_ref()
            .map(|j| {
                format!(
                    " iss={} exp={}",
                    j.issuer.as_deref().unwrap_or_default(),
                    j.expires_at.map(|e| e.to_string()).unwrap_or("none".into())
                )
            })
            .unwrap_or_default();
        println!(
            "  {}:{}  {:<10} {:<22} {}{jwt}{}",
            f.file,
            f.line,
            kind(f.kind),
            f.key.as_deref().unwrap_or("(hard-coded)"),
            f.masked,
            if flags.is_empty() {
                String::new()
            } else {
                format!("  [{}]", flags.join(", "))
            }
        );
    }
    if r.findings
        .iter()
        .any(|f| f.flags.contains(&Flag::CommittedToGit))
    {
        println!("! Some secrets are committed to git: after migrating, deactivate the JWT app.");
    }
    println!("Zoom API calls: {}", r.calls.len());
    for c in &r.calls {
        let op = c
            .operation
            .as_ref()
            .map(|o| o.summary.clone())
            .unwrap_or_else(|| "not in the scope catalog".into());
        println!("  {}:{}  {}  — {op}", c.file, c.line, c.call);
    }
    if !r.scopes.is_empty() {
        println!(
            "Scopes the S2S app needs: {}",
            r.scopes
                .iter()
                .map(|s| s.scope.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    if let Some(plan) = plan {
        println!(
            "Plan written to {}. Next: ZOOM_ACCOUNT_ID=… ZOOM_CLIENT_ID=… s2s migrate apply {}",
            plan.display(),
            plan.display()
        );
    }
}

fn apply_cmd(a: MigrateApplyArgs) -> Result<u8, Failure> {
    let bytes = std::fs::read(&a.plan).map_err(|e| {
        usage(
            format!("cannot read the plan {}: {e}", a.plan.display()),
            "Make one with `s2s migrate scan PATH --plan plan.json`.",
        )
    })?;
    let plan: PlanFile = serde_json::from_slice(&bytes).map_err(|e| {
        usage(
            format!("{} is not a migration plan: {e}", a.plan.display()),
            "Make one with `s2s migrate scan PATH --plan plan.json`.",
        )
    })?;
    let names = match &a.names {
        Some(list) => {
            let parts: Vec<&str> = list.split(',').map(str::trim).collect();
            let [account_id, client_id, client_secret] = parts.as_slice() else {
                return Err(usage(
                    format!("--names needs three names, got {}", parts.len()),
                    "e.g. --names ZOOM_ACCOUNT_ID,ZOOM_CLIENT_ID,ZOOM_CLIENT_SECRET",
                ));
            };
            NewNames {
                account_id: account_id.to_string(),
                client_id: client_id.to_string(),
                client_secret: client_secret.to_string(),
            }
        }
        None => NewNames::default(),
    };
    names
        .validate()
        .map_err(|e| usage(e, "Pick names made of letters, digits and _."))?;
    let account_id = a.account_id.ok_or_else(|| {
        usage(
            "no Account ID for the new app".into(),
            "Pass --account-id or set ZOOM_ACCOUNT_ID.",
        )
    })?;
    let client_id = a.client_id.ok_or_else(|| {
        usage(
            "no Client ID for the new app".into(),
            "Pass --client-id or set ZOOM_CLIENT_ID.",
        )
    })?;
    let client_secret = if a.write_secret {
        Some(Zeroizing::new(
            std::env::var("ZOOM_CLIENT_SECRET").map_err(|_| {
                usage(
                    "--write-secret needs ZOOM_CLIENT_SECRET".into(),
                    "Set ZOOM_CLIENT_SECRET in the environment; it is never taken from a flag.",
                )
            })?,
        ))
    } else {
        None
    };
    let values = NewValues {
        account_id,
        client_id,
        client_secret,
    };
    values.validate().map_err(|e| {
        usage(
            e,
            "Set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID (and ZOOM_CLIENT_SECRET) to the new app's values.",
        )
    })?;
    let edits = rewrites(&plan.report, &names, &values)
        .map_err(|e| usage(e.to_string(), "Run `s2s migrate scan` again."))?;
    if a.json {
        if a.dry_run {
            println!(
                "{}",
                json!({"previews": s2s_migrate::plan::previews(&edits), "applied": false})
            );
            return Ok(exit::OK);
        }
    } else {
        for e in &edits {
            print!("{}", e.preview);
        }
        if a.dry_run {
            println!("Dry run: nothing written.");
            return Ok(exit::OK);
        }
    }
    let now = s2s_core::clock::now_unix();
    let journal = apply(
        Path::new(&plan.report.root),
        &edits,
        now,
        FaultInjection::default(),
    )
    .map_err(|e| {
        Failure::usage(
            ErrorKind::InvalidInput,
            e.to_string(),
            "Nothing was left half-written; fix the cause and run apply again.",
        )
    })?;
    if let Some(report_path) = &a.report {
        let decisions = Decisions {
            names,
            secret_written: values.client_secret.is_some(),
            profile: None,
            token_test: None,
        };
        write_file(
            report_path,
            markdown(&plan.report, &decisions, Some(&journal), now).as_bytes(),
            Access::Shared,
        )
        .map_err(|e| {
            usage(
                format!("cannot write the report {}: {e}", report_path.display()),
                "The migration itself was applied.",
            )
        })?;
    }
    if a.json {
        println!(
            "{}",
            json!({"applied": true, "journal": journal.path(), "files": journal.files})
        );
    } else {
        println!(
            "Migrated {} file(s). Undo: s2s migrate undo {}",
            journal.files.len(),
            journal.path().display()
        );
    }
    Ok(exit::OK)
}

fn undo_cmd(a: MigrateUndoArgs) -> Result<u8, Failure> {
    let journal = undo(&a.journal).map_err(|e| {
        usage(
            e.to_string(),
            "The backups are in the folder next to the journal.",
        )
    })?;
    if a.json {
        println!("{}", json!({"undone": true, "files": journal.files}));
    } else {
        println!(
            "Restored {} file(s) from {}.",
            journal.files.len(),
            journal.backup_dir
        );
    }
    Ok(exit::OK)
}
