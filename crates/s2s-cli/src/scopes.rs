//! `s2s scopes`, `s2s check`, `s2s whatif`: the app's Scopes view on the command line, answered
//! from the profile's latest recorded test (run `s2s test-token --profile P` to refresh it).

use s2s_core::catalog::catalog;
use s2s_core::catalog::change::{Drift, WhatIf};
use s2s_core::catalog::coverage::{CallCoverage, CoverageReport};
use s2s_core::catalog::query::{call_lines, calls_from_words};
use s2s_core::catalog::roles::{RoleSource, Standing};
use s2s_core::profiles::Profile;
use s2s_core::scope_report::{
    latest_token, overview_choice, what_if_choice, RoleChoice, ScopeOverview, WhatIfError,
};
use s2s_core::ErrorKind;
use serde_json::json;

use crate::args::{CheckArgs, RoleArg, ScopesArgs, WhatifArgs};
use crate::exit;
use crate::failure::{self, usage, Failure};

pub fn scopes(args: ScopesArgs) -> u8 {
    let json = args.json;
    match scopes_inner(args) {
        Ok(()) => exit::OK,
        Err(f) => failure::print(&f, json),
    }
}

fn scopes_inner(args: ScopesArgs) -> Result<(), Failure> {
    let profile = tested_profile(&args.profile)?;
    let choice = match &args.role {
        None => RoleChoice::LastTest,
        Some(r) => choice_of(r)?,
    };
    let view = overview_choice(catalog(), &profile, &choice).map_err(|e| role_file_failure(&e))?;
    if args.json {
        crate::out::json(&json!(view));
    } else {
        print_overview(&profile, &view);
        if let Some(age) = crate::profile::secret_age(&profile) {
            outln!("Client secret {age}");
        }
    }
    Ok(())
}

pub fn check(args: CheckArgs) -> u8 {
    let json = args.json;
    match check_inner(args) {
        Ok(code) => code,
        Err(f) => failure::print(&f, json),
    }
}

fn check_inner(args: CheckArgs) -> Result<u8, Failure> {
    let granted = match (&args.profile, &args.scopes) {
        (Some(name), _) => s2s_core::scope_report::granted_scopes(&tested_profile(name)?),
        (None, Some(list)) => s2s_core::catalog::scope::ScopeName::list(&list.replace(',', " ")),
        (None, None) => Vec::new(),
    };
    let mut lines = calls_from_words(&args.calls);
    if let Some(path) = &args.file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            usage(
                format!("cannot read {}: {e}", path.display()),
                "Pass a text file with one call per line, e.g. \"GET /users/{userId}\".",
            )
        })?;
        lines.extend(call_lines(&text));
    }
    if let Some(project) = &args.from_scan {
        let scanned = s2s_migrate::session::Migration::scan(project).map_err(|e| {
            usage(
                e.to_string(),
                "Pass the integration's project folder (or one file) to --from-scan.",
            )
        })?;
        lines.extend(scanned.report().call_lines.iter().cloned());
    }
    let report =
        s2s_core::scope_report::coverage_of_calls(catalog(), &granted, &lines).map_err(|e| {
            usage(
            e.to_string(),
            "Name calls like: s2s check --profile P GET /users/{userId} POST /users/me/meetings",
        )
        })?;
    if args.json {
        crate::out::json(&json!(report));
    } else {
        print_coverage(&report);
    }
    Ok(if report.calls.iter().any(|c| c.error.is_some()) {
        exit::BAD_INPUT
    } else if report.all_covered {
        exit::OK
    } else {
        exit::for_kind(ErrorKind::MissingScope)
    })
}

pub fn whatif(args: WhatifArgs) -> u8 {
    let json = args.json;
    match whatif_inner(args) {
        Ok(()) => exit::OK,
        Err(f) => failure::print(&f, json),
    }
}

fn whatif_inner(args: WhatifArgs) -> Result<(), Failure> {
    let profile = tested_profile(&args.profile)?;
    let proposed = args.role.as_ref().map(choice_of).transpose()?;
    let result = what_if_choice(
        catalog(),
        &profile,
        &RoleChoice::LastTest,
        proposed.as_ref(),
        &args.remove_privilege,
    )
    .map_err(|e| match e {
        WhatIfError::RoleUnknown => usage(
            e.to_string(),
            "Pass --role owner|admin|member|FILE.json (a role from Zoom's GET /roles/{roleId}).",
        ),
        WhatIfError::RoleJson(_) => role_file_failure(&e),
    })?;
    if args.json {
        crate::out::json(&json!(result));
    } else {
        print_what_if(&result);
    }
    Ok(())
}

fn tested_profile(name: &str) -> Result<Profile, Failure> {
    let profile = crate::profile::find(name)?;
    if latest_token(&profile).is_none() {
        return Err(usage(
            format!(
                "profile '{}' has no test that got a token yet, so its scopes are unknown",
                profile.name
            ),
            &format!(
                "Run `s2s test-token --profile {}` (or Test token in S2S Desk) first.",
                crate::out::shell_word(&profile.name)
            ),
        ));
    }
    Ok(profile)
}

/// `--role`, or the role read at the last test.
fn choice_of(role: &RoleArg) -> Result<RoleChoice, Failure> {
    Ok(match role {
        RoleArg::Builtin(kind) => RoleChoice::Builtin { kind: *kind },
        RoleArg::File(path) => RoleChoice::Pasted {
            json: std::fs::read_to_string(path).map_err(|e| {
                usage(
                    format!("--role {}: cannot read it ({e})", path.display()),
                    "Pass --role owner|admin|member, or a file holding Zoom's GET /roles/{roleId} answer.",
                )
            })?,
        },
    })
}

fn role_file_failure(e: &dyn std::fmt::Display) -> Failure {
    usage(
        format!("the role file is unusable: {e}"),
        "Save the JSON of Zoom's GET /roles/{roleId} answer to a file and pass its path.",
    )
}

fn source(s: RoleSource) -> &'static str {
    match s {
        RoleSource::ZoomApi => "read from Zoom at the last test",
        RoleSource::Picked => "as given with --role",
        RoleSource::Pasted => "from the role file",
    }
}

fn print_overview(profile: &Profile, v: &ScopeOverview) {
    outln!(
        "{} — scopes of the token from {} (catalog {})",
        crate::out::inert(&profile.name),
        v.tested_at_unix
            .map(s2s_core::clock::utc_text)
            .unwrap_or_default(),
        v.catalog_version
    );
    if let Some(d) = &v.drift {
        print_drift(&d.drift);
    }
    if let Some(r) = &v.risk {
        outln!("! RISK  {}", r.message);
    }
    match &v.role {
        Some(r) => {
            let privileges = if r.role.privileges_known {
                format!("{} privileges", r.role.privileges.len())
            } else {
                "privileges unknown".into()
            };
            outln!(
                "  Owner role  {} ({privileges}; {})",
                crate::out::inert(&r.role.name),
                source(r.role.source)
            );
            if !r.unknown_privileges.is_empty() {
                outln!(
                    "  ! privileges Zoom doesn't document: {}",
                    crate::out::inert(&r.unknown_privileges.join(", "))
                );
            }
        }
        None => outln!(
            "  Owner role  unknown — pass --role owner|admin|member|FILE.json to judge the scopes"
        ),
    }
    for group in &v.groups {
        outln!("  {}", group.product);
        for s in &group.scopes {
            let standing = s.verdict.as_ref().map(|v| {
                let word = match v.standing {
                    Standing::Allowed => "allowed",
                    Standing::AtRisk => "AT RISK",
                    Standing::Unknown => "unknown",
                };
                format!("{word}{}", if v.documented { "" } else { " (inferred)" })
            });
            let known = if s.in_catalog {
                ""
            } else {
                " [not in Zoom's published data]"
            };
            outln!(
                "    {:<44} {:<6} {:<18} {}{known}",
                s.scope.raw,
                s.scope.level.as_str(),
                standing.unwrap_or_default(),
                s.description
            );
        }
    }
    if !v.diff.missing.is_empty() {
        outln!("✘ Expected but not granted: {}", v.diff.missing.join(", "));
    }
    if !v.diff.extra.is_empty() {
        outln!("  Granted but not expected: {}", v.diff.extra.join(", "));
    }
    if let Some(mixed) = &v.diff.expected_mixed {
        outln!("⚠ {}", crate::out::inert(&mixed.message));
    }
}

/// The drift warning, loud: what was lost, why, and what to do.
pub fn print_drift(d: &Drift) {
    outln!(
        "!! SCOPES LOST since the test of {}",
        s2s_core::clock::utc_text(d.since_unix)
    );
    if !d.lost_scopes.is_empty() {
        outln!("   Admin scopes gone: {}", d.lost_scopes.join(", "));
    }
    if !d.lost_operations.is_empty() {
        let calls: Vec<String> = d
            .lost_operations
            .iter()
            .map(|op| format!("{} {}", op.method, op.path))
            .collect();
        outln!("   Calls now impossible: {}", calls.join(", "));
    }
    if !d.lost_privileges.is_empty() {
        outln!("   Owner privileges gone: {}", d.lost_privileges.join(", "));
    }
    outln!("   Likely cause: {}", d.cause);
    for fix in &d.fixes {
        outln!("   Fix: {fix}");
    }
}

fn print_coverage(r: &CoverageReport) {
    for call in &r.calls {
        let (mark, detail) = match (&call.coverage, &call.error_message) {
            (Some(CallCoverage::Covered { by }), _) => {
                ("✔", format!("covered by {}", by.join(", ")))
            }
            (Some(CallCoverage::OwnDataOnly { by }), _) => (
                "~",
                format!(
                    "only the owner's own data ({}); other users need an admin scope",
                    by.join(", ")
                ),
            ),
            (Some(CallCoverage::NotCovered), _) => ("✘", "not covered".into()),
            (None, Some(error)) => ("?", error.clone()),
            (None, None) => ("?", String::new()),
        };
        let op = call
            .operation
            .as_ref()
            .map(|o| format!(" ({} {} — {})", o.method, o.path, o.summary))
            .unwrap_or_default();
        outln!("{mark} {}{op}: {detail}", call.input);
    }
    if r.to_add.is_empty() {
        if r.all_covered {
            outln!("All calls are covered.");
        }
    } else {
        outln!("Add these scopes in the Marketplace (fewest, granular preferred):");
        for s in &r.to_add {
            outln!(
                "  {:<44} {:<6} for {}",
                s.scope,
                s.level.as_str(),
                s.covers.join(", ")
            );
        }
    }
    if !r.not_needed.is_empty() {
        outln!("Held but no call above needs them (least privilege: remove them in the Marketplace if nothing else uses them):");
        for scope in &r.not_needed {
            outln!("  {scope}");
        }
    }
}

fn print_what_if(w: &WhatIf) {
    let from = w
        .current
        .as_ref()
        .map(|r| r.name.as_str())
        .unwrap_or("the current role");
    outln!(
        "What if the owner's role changed from {from} to {}:",
        w.proposed.name
    );
    if w.removed.is_empty() {
        outln!("✔ No granted scope would be removed ({} kept).", w.kept);
        return;
    }
    outln!(
        "✘ Zoom would remove {} scope(s){}:",
        w.removed.len(),
        if w.inferred {
            " (partly inferred from privileges)"
        } else {
            ""
        }
    );
    for s in &w.removed {
        let already = if w.already_at_risk.contains(s) {
            " (already at risk)"
        } else {
            ""
        };
        outln!("    {s}{already}");
    }
    outln!(
        "  These calls would then fail ({}):",
        w.failing_operations.len()
    );
    for op in &w.failing_operations {
        outln!("    {} {} — {}", op.method, op.path, op.summary);
    }
}
