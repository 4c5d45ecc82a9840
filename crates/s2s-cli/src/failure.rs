//! The CLI's one error type: a failure to report (from validation, the endpoint guard, the
//! profile store, or Zoom), how it prints, and which exit code it means. Its own module, so every
//! command imports it and it imports none of them.

use s2s_core::tester::FailureReport;
use s2s_core::ErrorKind;
use serde_json::{json, Value};

use crate::exit;
use crate::out::inert;

/// A failure to report: from validation, the endpoint guard, the profile store, or Zoom.
pub struct Failure(FailureReport, Option<u8>);

impl Failure {
    pub fn usage(kind: ErrorKind, message: String, advice: &str) -> Self {
        Self(FailureReport::local(kind, message, advice), None)
    }

    pub fn from_report(report: FailureReport) -> Self {
        Self(report, None)
    }

    /// Exits with `code` instead of its kind's (a refusal with a code of its own in the table).
    pub fn with_exit(self, code: u8) -> Self {
        Self(self.0, Some(code))
    }

    fn json(&self) -> Value {
        let f = &self.0;
        json!({
            "kind": f.kind.as_str(), "zoom_error": f.zoom_error, "zoom_reason": f.zoom_reason,
            "http_status": f.http_status, "message": f.message, "advice": f.advice, "issues": f.issues,
        })
    }
}

/// Prints a failure; returns its exit code.
pub fn print(failure: &Failure, as_json: bool) -> u8 {
    let f = &failure.0;
    if as_json {
        let out = json!({"ok": false, "scopes": [], "expires_in": null, "api_url": null, "latency_ms": null, "error": failure.json()});
        crate::out::json(&out);
    } else {
        // Messages quote Zoom's answers and file names: one line each, whatever they hold.
        errln!("✘ {}", inert(&f.message));
        for issue in &f.issues {
            errln!("  • {}: {}", issue.field.label(), inert(&issue.message));
        }
        if let Some(status) = f.http_status {
            let zoom = [
                f.zoom_error
                    .as_deref()
                    .map(|e| format!("error {}", inert(e))),
                f.zoom_reason
                    .as_deref()
                    .map(|r| format!("reason \"{}\"", inert(r))),
            ];
            let zoom: Vec<String> = zoom.into_iter().flatten().collect();
            errln!(
                "  HTTP {status}{}{}",
                if zoom.is_empty() { "" } else { " · " },
                zoom.join(" · ")
            );
        }
        errln!("  What to do: {}", inert(&f.advice));
    }
    failure.1.unwrap_or_else(|| exit::for_kind(f.kind))
}

/// Bad input or usage (exit 2): what was wrong, and what to do.
pub fn usage(message: String, advice: &str) -> Failure {
    Failure::usage(ErrorKind::InvalidInput, message, advice)
}
