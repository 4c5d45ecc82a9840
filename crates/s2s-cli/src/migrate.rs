//! `s2s migrate scan|apply|undo`: the JWT → S2S migration for scripts. `scan` writes a plan
//! (findings masked, file fingerprints; never a secret); `apply` tests the new app first (as
//! `test-token` does; `--skip-test` to write anyway), re-reads those files, refuses any that
//! changed, and writes every config or none, with backups; `undo` restores them.

use std::path::Path;

use s2s_core::catalog::scope::ScopeName;
use s2s_core::profiles::testing::TestResult;
use s2s_core::ErrorKind;
use s2s_migrate::apply::undo;
use s2s_migrate::disk::{write_file, Access};
use s2s_migrate::find::Flag;
use s2s_migrate::names::LegacyKind;
use s2s_migrate::report::Decisions;
use s2s_migrate::rewrite::{NewNames, NewValues};
use s2s_migrate::scan::{scan, Progress, ScanOptions, ScanReport};
use s2s_migrate::session::{Gate, Migration, MigrationError, NewAppTest};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::args::{MigrateApplyArgs, MigrateCommand, MigrateScanArgs, MigrateUndoArgs};
use crate::exit;
use crate::failure::{self, usage, Failure};
use crate::out::{inert, shell_word};
use crate::target::Target;

/// The plan file: a scan, as `s2s migrate apply` reads it back.
#[derive(Serialize, Deserialize)]
struct PlanFile {
    s2s_desk_migration_plan: u32,
    report: ScanReport,
}

pub async fn run(command: MigrateCommand) -> u8 {
    let (json, result) = match command {
        MigrateCommand::Scan(a) => (a.json, scan_cmd(a)),
        MigrateCommand::Apply(a) => (a.json, apply_cmd(a).await),
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
        crate::out::json(&json!(report));
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
        LegacyKind::VerificationToken => "webhook Verification Token (deprecated)",
    }
}

fn print_scan(r: &ScanReport, plan: Option<&Path>) {
    outln!(
        "Scanned {} files ({} KB) in {} ms under {}{}",
        r.progress.files_scanned,
        r.progress.bytes_scanned / 1024,
        r.duration_ms,
        inert(&r.root),
        if r.cancelled {
            " — CANCELLED, partial"
        } else {
            ""
        }
    );
    outln!("Legacy JWT credentials: {}", r.findings.len());
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
        // Everything below comes from the scanned project: file names and contents, inert.
        outln!(
            "  {}:{}  {:<10} {:<22} {}{}{}",
            inert(&f.file),
            f.line,
            kind(f.kind),
            inert(f.key.as_deref().unwrap_or("(hard-coded)")),
            inert(&f.masked),
            inert(&jwt),
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
        outln!("! Some secrets are committed to git: after migrating, deactivate the JWT app.");
    }
    outln!("Zoom API calls: {}", r.calls.len());
    for c in &r.calls {
        let op = c
            .operation
            .as_ref()
            .map(|o| o.summary.clone())
            .unwrap_or_else(|| "not in the scope catalog".into());
        outln!(
            "  {}:{}  {}  — {}",
            inert(&c.file),
            c.line,
            inert(&c.call),
            inert(&op)
        );
    }
    if !r.scopes.is_empty() {
        outln!(
            "Scopes the S2S app needs: {}",
            r.scopes
                .iter()
                .map(|s| s.scope.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    if let Some(plan) = plan {
        outln!(
            "Plan written to {}. Next: ZOOM_ACCOUNT_ID=… ZOOM_CLIENT_ID=… s2s migrate apply {}",
            inert(&plan.display().to_string()),
            shell_word(&plan.display().to_string())
        );
    }
}

async fn apply_cmd(a: MigrateApplyArgs) -> Result<u8, Failure> {
    let migration = Migration::new(read_plan(&a.plan)?.report);
    let names = names_of(&a.names)?;
    if a.dry_run {
        let values = untested_values(&a)?;
        return print_previews(&migration, &names, &values, a.json);
    }
    let (values, test) = if a.skip_test {
        (untested_values(&a)?, None)
    } else {
        match tested_values(&a).await? {
            Tested::Ready(values, test) => (values, Some(test)),
            Tested::Refused(code) => return Ok(code),
        }
    };
    let gate = match &test {
        Some(test) => Gate::RequireReady(Some(test)),
        None => Gate::Skip,
    };
    let journal = migration
        .apply(&names, &values, gate)
        .map_err(|e| refusal(e, test.as_ref()))?;
    if let Some(path) = &a.report {
        let decisions = Decisions {
            names,
            secret_written: values.client_secret.is_some(),
            profile: a.target.profile.clone(),
            token_test: Some(match &test {
                Some(t) => format!("tested before writing: {}", t.summary),
                None => "not tested: applied with --skip-test".into(),
            }),
        };
        let report = migration
            .report_for(&decisions, Some(&journal), false)
            .map_err(|e| usage(e.to_string(), "The migration itself was applied."))?;
        write_file(path, report.markdown.as_bytes(), Access::Shared).map_err(|e| {
            usage(
                format!("cannot write the report {}: {e}", path.display()),
                "The migration itself was applied.",
            )
        })?;
    }
    if a.json {
        crate::out::json(
            &json!({"applied": true, "tested": test.is_some(), "journal": journal.path(), "files": journal.files}),
        );
    } else {
        outln!(
            "Migrated {} file(s). Undo: s2s migrate undo {}",
            journal.files.len(),
            shell_word(&journal.path().display().to_string())
        );
    }
    Ok(exit::OK)
}

fn read_plan(path: &Path) -> Result<PlanFile, Failure> {
    let hint = "Make one with `s2s migrate scan PATH --plan plan.json`.";
    let bytes = std::fs::read(path).map_err(|e| {
        usage(
            format!("cannot read the plan {}: {e}", path.display()),
            hint,
        )
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        usage(
            format!("{} is not a migration plan: {e}", path.display()),
            hint,
        )
    })
}

fn names_of(given: &[String]) -> Result<NewNames, Failure> {
    let names = match given {
        [] => NewNames::default(),
        [account_id, client_id, client_secret] => NewNames {
            account_id: account_id.trim().to_string(),
            client_id: client_id.trim().to_string(),
            client_secret: client_secret.trim().to_string(),
        },
        other => {
            return Err(usage(
                format!("--names needs three names, got {}", other.len()),
                "e.g. --names ZOOM_ACCOUNT_ID,ZOOM_CLIENT_ID,ZOOM_CLIENT_SECRET",
            ))
        }
    };
    names
        .validate()
        .map_err(|e| usage(e, "Pick names made of letters, digits and _."))?;
    Ok(names)
}

fn print_previews(
    migration: &Migration,
    names: &NewNames,
    values: &NewValues,
    as_json: bool,
) -> Result<u8, Failure> {
    let edits = migration
        .edits(names, values)
        .map_err(|e| usage(e.to_string(), "Run `s2s migrate scan` again."))?;
    if as_json {
        let previews = s2s_migrate::plan::previews(&edits);
        crate::out::json(&json!({"previews": previews, "applied": false}));
    } else {
        for e in &edits {
            out!("{}", e.preview);
        }
        outln!("Dry run: nothing written, nothing tested.");
    }
    Ok(exit::OK)
}

/// The new app's test before writing: ready to write, or refused with test-token's exit code.
enum Tested {
    Ready(NewValues, NewAppTest),
    Refused(u8),
}

async fn tested_values(a: &MigrateApplyArgs) -> Result<Tested, Failure> {
    let target = Target::prepare(&a.target)?;
    let run = target.test().await?;
    let report = match &run.result {
        TestResult::Passed { report } => report,
        TestResult::Failed { failure } => {
            let code = failure::print(&Failure::from_report(failure.clone()), a.json);
            return Ok(Tested::Refused(code));
        }
    };
    if !report.passed() {
        // Token issued but rejected by the probe, or short of the required scopes: test-token's
        // own rendering and exit code.
        return Ok(Tested::Refused(crate::render::success(
            report, None, a.json,
        )));
    }
    let test = NewAppTest {
        ok: true,
        granted: report
            .token
            .scopes
            .iter()
            .map(|s| ScopeName::new(&s.raw))
            .collect(),
        summary: run.record.summary.clone(),
    };
    let (account_id, client_id) = target.ids();
    let client_secret = if a.write_secret {
        Some(target.client_secret()?.expose().trim().to_string().into())
    } else {
        None
    };
    let values = NewValues {
        account_id,
        client_id,
        client_secret,
        webhook_secret_token: webhook_secret_token(),
    };
    Ok(Tested::Ready(values, test))
}

/// The new app's values without a test: IDs from the profile or the flags, the secret only
/// when it is to be written.
fn untested_values(a: &MigrateApplyArgs) -> Result<NewValues, Failure> {
    if a.target.profile.is_some() || a.write_secret {
        let target = Target::prepare(&a.target)?;
        let (account_id, client_id) = target.ids();
        let client_secret = if a.write_secret {
            Some(target.client_secret()?.expose().trim().to_string().into())
        } else {
            None
        };
        return Ok(NewValues {
            account_id,
            client_id,
            client_secret,
            webhook_secret_token: webhook_secret_token(),
        });
    }
    let missing = |what: &str, how: &str| usage(format!("no {what} for the new app"), how);
    Ok(NewValues {
        account_id: a.target.account_id.clone().ok_or_else(|| {
            missing(
                "Account ID",
                "Pass --profile, --account-id or set ZOOM_ACCOUNT_ID.",
            )
        })?,
        client_id: a.target.client_id.clone().ok_or_else(|| {
            missing(
                "Client ID",
                "Pass --profile, --client-id or set ZOOM_CLIENT_ID.",
            )
        })?,
        client_secret: None,
        webhook_secret_token: webhook_secret_token(),
    })
}

/// The Secret Token that replaces a Verification Token, from ZOOM_WEBHOOK_SECRET_TOKEN (else a
/// placeholder is written).
fn webhook_secret_token() -> Option<zeroize::Zeroizing<String>> {
    crate::secret_input::env(s2s_migrate::names::WEBHOOK_SECRET_TOKEN_NAME)
        .map(|token| token.expose().trim().to_string().into())
}

/// Why nothing was written, with the exit code a script can act on.
fn refusal(e: MigrationError, test: Option<&NewAppTest>) -> Failure {
    match e {
        MigrationError::NotReady(ready) => {
            let kind = if test.is_some() && !ready.missing_scopes.is_empty() {
                ErrorKind::MissingScope
            } else {
                ErrorKind::InvalidInput
            };
            Failure::usage(
                kind,
                format!("nothing was written: the new app is not ready. {}", ready.message),
                "Add the scopes to the app in the Zoom App Marketplace, then run apply again (or --skip-test to write anyway).",
            )
        }
        MigrationError::Invalid(message) => usage(
            message,
            "Set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID (and ZOOM_CLIENT_SECRET) to the new app's values.",
        ),
        other => usage(
            other.to_string(),
            "Nothing was left half-written; fix the cause and run apply again.",
        ),
    }
}

fn undo_cmd(a: MigrateUndoArgs) -> Result<u8, Failure> {
    let journal = undo(&a.journal).map_err(|e| {
        usage(
            e.to_string(),
            "The backups are in the folder next to the journal.",
        )
    })?;
    if a.json {
        crate::out::json(&json!({"undone": true, "files": journal.files}));
    } else {
        outln!(
            "Restored {} file(s) from {}.",
            journal.files.len(),
            journal.backup_dir
        );
    }
    Ok(exit::OK)
}
