//! What `s2s test-token` prints: text for people (scopes grouped by product with levels), or one
//! JSON object for scripts. Also picks the exit code. Nothing here ever sees a secret.

use s2s_core::catalog::change::Drift;
use s2s_core::probe::ProbeOutcome;
use s2s_core::scopes::group_by_product;
use s2s_core::{ErrorKind, TestReport};
use serde_json::{json, Value};

use crate::exit;
use crate::out::inert;

/// Prints a successful test (and drift since the profile's previous test); returns 0, or the
/// failure code when the test did not pass.
pub fn success(report: &TestReport, drift: Option<&Drift>, as_json: bool) -> u8 {
    let code = report
        .failure_kind()
        .map(exit::for_kind)
        .unwrap_or(exit::OK);
    if as_json {
        let mut out = success_json(report);
        out["drift"] = json!(drift);
        crate::out::json(&out);
    } else {
        print_success(report);
        if let Some(drift) = drift {
            crate::scopes::print_drift(drift);
        }
    }
    code
}

fn success_json(r: &TestReport) -> Value {
    let t = &r.token;
    let error = r.failure_kind().map(|kind| {
        let message = match kind {
            ErrorKind::MissingScope => format!("the token lacks required scopes: {}", r.missing_required.join(", ")),
            _ => probe_line(&r.probe),
        };
        // The same fields as a failure's error (docs/json/failure.schema.json), so one reader fits both.
        json!({"kind": kind.as_str(), "zoom_error": null, "zoom_reason": null, "http_status": null, "message": message, "advice": null, "issues": []})
    });
    json!({
        "ok": r.passed(),
        "scopes": t.scopes.iter().map(|s| s.raw.as_str()).collect::<Vec<_>>(),
        "scope_details": t.scopes,
        "expires_in": t.expires_in, "expires_at": t.expires_at_unix, "token_type": t.token_type,
        "api_url": t.api_url, "api_url_from_response": t.api_url_from_response,
        "latency_ms": t.latency_ms, "total_ms": r.total_ms, "attempts": r.attempts,
        "rate_limit": t.rate_limit, "probe": r.probe, "owner_privileges": r.owner_privileges,
        "missing_required": r.missing_required,
        "warnings": r.warnings, "error": error,
    })
}

fn print_success(r: &TestReport) {
    let t = &r.token;
    let mark = if r.passed() { "✔" } else { "✘" };
    let tries = if r.attempts == 1 {
        String::new()
    } else {
        format!(" after {} attempts", r.attempts)
    };
    outln!("{mark} Token issued in {}{tries}", human_ms(t.latency_ms));
    let source = if t.api_url_from_response {
        "from Zoom's response"
    } else {
        "cloud default; Zoom sent no api_url"
    };
    // Every value below is Zoom's (or a server's posing as Zoom): shown inert.
    outln!("  API base URL  {} ({source})", inert(&t.api_url));
    outln!(
        "  Expires       in {} ({} s, token type {})",
        human_duration(t.expires_in.into()),
        t.expires_in,
        inert(&t.token_type)
    );
    outln!("  Probe         {}", inert(&probe_line(&r.probe)));
    let rl = probe_rate_limit(&r.probe).unwrap_or(&t.rate_limit);
    if !rl.is_empty() {
        let remaining = match (rl.remaining, rl.limit) {
            (Some(rem), Some(lim)) => format!("{rem}/{lim} remaining"),
            (Some(rem), None) => format!("{rem} remaining"),
            _ => String::new(),
        };
        let parts: Vec<String> = [
            rl.category.clone(),
            rl.limit_type.clone(),
            Some(remaining).filter(|s| !s.is_empty()),
        ]
        .into_iter()
        .flatten()
        .collect();
        outln!("  Rate limits   {}", inert(&parts.join(" · ")));
    }
    for w in &r.warnings {
        outln!("  ! {}: {}", w.field.label(), inert(&w.message));
    }
    outln!("  Scopes ({})", t.scopes.len());
    for group in group_by_product(&t.scopes) {
        let names: Vec<String> = group
            .scopes
            .iter()
            .map(|s| format!("{} [{}]", inert(&s.raw), s.level.as_str()))
            .collect();
        outln!("    {:<14} {}", inert(&group.product), names.join(", "));
    }
    if !r.missing_required.is_empty() {
        outln!(
            "✘ Missing required scopes: {}",
            inert(&r.missing_required.join(", "))
        );
        outln!("  What to do: add them on the app's Scopes page in the Marketplace, then test again (scopes are fixed when a token is issued).");
    }
}

fn probe_rate_limit(p: &ProbeOutcome) -> Option<&s2s_core::ratelimit::RateLimitInfo> {
    match p {
        ProbeOutcome::Owner { rate_limit, .. }
        | ProbeOutcome::TokenValidScopeMissing { rate_limit, .. } => Some(rate_limit),
        _ => None,
    }
}

fn probe_line(p: &ProbeOutcome) -> String {
    match p {
        ProbeOutcome::Owner { owner, .. } => {
            let who = owner
                .display_name
                .clone()
                .or(owner.email.clone())
                .unwrap_or_else(|| owner.id.clone());
            let email = owner
                .email
                .as_deref()
                .map(|e| format!(" <{e}>"))
                .unwrap_or_default();
            let role = match (&owner.role_name, &owner.role_id) {
                (Some(n), Some(id)) => format!(", role {n} (id {id})"),
                (Some(n), None) => format!(", role {n}"),
                _ => String::new(),
            };
            // Anything but an active owner is news (a deactivated owner: FACTS.md "App ownership").
            let status = match owner.status.as_deref() {
                Some(s) if s != "active" => format!(" — Zoom status {s}"),
                _ => String::new(),
            };
            format!("GET /users/me works: the app acts as {who}{email}{role}{status}")
        }
        ProbeOutcome::TokenValidScopeMissing { missing, .. } => {
            format!(
                "token accepted; GET /users/me needs one of: {}",
                missing.join(", ")
            )
        }
        ProbeOutcome::TokenRejected {
            message, causes, ..
        } => {
            format!("Zoom refused the fresh token ({message}). {causes}")
        }
        ProbeOutcome::Inconclusive { message, .. } => {
            format!("could not check the token: {message}")
        }
        ProbeOutcome::Skipped => "skipped (--no-probe)".into(),
    }
}

fn human_duration(secs: u64) -> String {
    match (secs / 3600, (secs % 3600) / 60, secs % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// "412 ms", or "under 1 ms" where a whole-millisecond count would read as "0 ms".
fn human_ms(ms: u32) -> String {
    if ms == 0 {
        "under 1 ms".into()
    } else {
        format!("{ms} ms")
    }
}
