//! `s2s migrate scan|apply|undo`: the JWT → S2S migration for scripts. `scan` writes a plan
//! (findings masked, file fingerprints; never a secret); `apply` tests the new app first (as
//! `test-token` does; `--skip-test` to write anyway), re-reads those files, refuses any that
//! changed, and writes every config or none, with backups; `undo` restores them.

use std::path::Path;

use s2s_core::profiles::test_run::TestResult;
use s2s_core::ErrorKind;
use s2s_migrate::disk::{write_file, Access};
use s2s_migrate::find::Flag;
use s2s_migrate::rewrite::NewNames;
use s2s_migrate::scan::ScanReport;
use s2s_migrate::session::{self, Gate, Migration, MigrationError, NewApp, NewAppTest};
use serde_json::json;

use crate::args::{MigrateApplyArgs, MigrateCommand, MigrateScanArgs, MigrateUndoArgs};
use crate::exit;
use crate::failure::{self, usage, Failure};
use crate::out::{inert, shell_word};
use crate::target::Target;

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
    let migration = Migration::scan(&a.path).map_err(|e| {
        usage(
            e.to_string(),
            "Pass the path of a project folder or a config file.",
        )
    })?;
    if let Some(plan) = &a.plan {
        migration.save_plan(plan).map_err(|e| {
            usage(
                format!("cannot write the plan: {e}"),
                "Choose a writable path for --plan.",
            )
        })?;
    }
    let report = migration.report();
    if a.json {
        crate::out::json(&json!(report));
    } else {
        print_scan(report, a.plan.as_deref());
    }
    Ok(exit::OK)
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
        let flags: Vec<&str> = f.flags.iter().map(|x| x.words().label).collect();
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
            f.kind.label(),
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
    let migration = Migration::from_plan(&a.plan).map_err(|e| {
        usage(
            e.to_string(),
            "Make one with `s2s migrate scan PATH --plan plan.json`.",
        )
    })?;
    let names = names_of(&a.names)?;
    // The new app is tested as `test-token` tests it (which reads a piped secret once), unless
    // this is a dry run or the test is skipped.
    let tested = !(a.dry_run || a.skip_test);
    let target = match tested || a.target.profile.is_some() || a.write_secret {
        true => Some(Target::prepare(&a.target)?),
        false => None,
    };
    let app = new_app(&a, target.as_ref())?;
    if a.dry_run {
        return print_previews(&migration, &names, &app, a.json);
    }
    let (app, gate) = match target.filter(|_| tested) {
        Some(target) => match test_new_app(&target, a.json).await? {
            Tested::Ready(test) => (app.tested_now(test), Gate::RequireReady),
            Tested::Refused(code) => return Ok(code),
        },
        None => (app.untested("applied with --skip-test"), Gate::Skip),
    };
    // What will be left, as the app's "Still to do" lists it: judged on the files as scanned,
    // so before they are rewritten.
    let still_to_do = migration
        .plan(&names, &app)
        .map(|plan| plan.still_to_do)
        .map_err(|e| refusal(e, gate))?;
    let journal = migration
        .apply(&names, &app, gate)
        .map_err(|e| refusal(e, gate))?;
    if let Some(path) = &a.report {
        let report = migration
            .report_for(&names, &app, Some(&journal), false)
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
            &json!({"applied": true, "tested": gate == Gate::RequireReady, "journal": journal.path(), "files": journal.files, "still_to_do": still_to_do}),
        );
    } else {
        outln!(
            "Migrated {} file(s). Undo: s2s migrate undo {}",
            journal.files.len(),
            shell_word(&journal.path().display().to_string())
        );
        outln!("Still to do:");
        for (n, step) in still_to_do.iter().enumerate() {
            outln!("  {}. {}", n + 1, inert(&step.text));
        }
    }
    Ok(exit::OK)
}

/// The new app: a saved profile's (`--profile`), or the IDs from the flags or the environment;
/// the secrets only with `--write-secret` (the client secret where the test reads it, the
/// webhook Secret Token from ZOOM_WEBHOOK_SECRET_TOKEN for given values).
fn new_app(a: &MigrateApplyArgs, target: Option<&Target>) -> Result<NewApp, Failure> {
    if let Some((service, profile, _)) = target.and_then(Target::saved) {
        return NewApp::from_profile(service, &profile.id, a.write_secret)
            .map_err(|e| crate::target::service_failure(&profile.name, &e));
    }
    let missing = |what: &str, how: &str| usage(format!("no {what} for the new app"), how);
    let (account_id, client_id) = match target {
        Some(target) => target.ids(),
        None => (
            a.target.account_id.clone().ok_or_else(|| {
                missing(
                    "Account ID",
                    "Pass --profile, --account-id or set ZOOM_ACCOUNT_ID.",
                )
            })?,
            a.target.client_id.clone().ok_or_else(|| {
                missing(
                    "Client ID",
                    "Pass --profile, --client-id or set ZOOM_CLIENT_ID.",
                )
            })?,
        ),
    };
    let (client_secret, webhook_secret_token) = match (a.write_secret, target) {
        (true, Some(target)) => (
            Some(target.client_secret()?),
            crate::secret_input::env(s2s_migrate::names::WEBHOOK_SECRET_TOKEN_NAME),
        ),
        _ => (None, None),
    };
    Ok(NewApp::from_values(
        account_id,
        client_id,
        client_secret,
        webhook_secret_token,
    ))
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
    app: &NewApp,
    as_json: bool,
) -> Result<u8, Failure> {
    let edits = migration
        .edits(names, &app.values)
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
    Ready(NewAppTest),
    Refused(u8),
}

async fn test_new_app(target: &Target, as_json: bool) -> Result<Tested, Failure> {
    let run = target.test().await?;
    let report = match &run.result {
        TestResult::Passed { report } => report,
        TestResult::Failed { failure } => {
            let code = failure::print(&Failure::from_report(failure.clone()), as_json);
            return Ok(Tested::Refused(code));
        }
    };
    if !report.passed() {
        // Token issued but rejected by the probe, or short of the required scopes: test-token's
        // own rendering and exit code.
        return Ok(Tested::Refused(crate::render::success(
            report, None, as_json,
        )));
    }
    Ok(Tested::Ready(NewAppTest::of_record(&run.record)))
}

/// Why nothing was written, with the exit code a script can act on.
fn refusal(e: MigrationError, gate: Gate) -> Failure {
    match e {
        MigrationError::NotReady(ready) => {
            let kind = if gate == Gate::RequireReady && !ready.missing_scopes.is_empty() {
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
    let undone = session::undo_at(&a.journal).map_err(|e| {
        usage(
            e.to_string(),
            "The backups are in the folder next to the journal.",
        )
    })?;
    let journal = &undone.journal;
    if a.json {
        crate::out::json(
            &json!({"undone": true, "files": journal.files, "reports_removed": undone.reports_removed}),
        );
    } else {
        outln!(
            "Restored {} file(s) from {}.",
            journal.files.len(),
            inert(&journal.backup_dir)
        );
        if !undone.reports_removed.is_empty() {
            outln!(
                "Removed the migration report it had saved: {}.",
                undone.reports_removed.join(", ")
            );
        }
    }
    Ok(exit::OK)
}
