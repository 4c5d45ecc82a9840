//! One test's result as kept in a profile's history: outcome, granted scopes, the owner's role
//! as seen then, and — when admin scopes or privileges vanished since the previous test — the
//! drift warning, so the history shows when and why an app lost its reach.

use serde::{Deserialize, Serialize};
use zoom_catalog::change::{detect_drift, renamed_scopes, still_covered, Drift, OwnerSnapshot};
use zoom_catalog::scope::ScopeName;

use crate::error::ErrorKind;
use crate::tester::{FailureReport, TestReport};

/// An error kind as stored, or none when the name is unknown (files outlive versions).
fn known_kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<ErrorKind>, D::Error> {
    let name = Option::<String>::deserialize(d)?;
    Ok(name.and_then(|n| serde_json::from_value(serde_json::Value::String(n)).ok()))
}

/// One test's result, as kept in a profile's history. No token, no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TestRecord {
    /// When, as Unix seconds.
    pub at_unix: i64,
    /// Whether the test passed.
    pub ok: bool,
    /// The error kind when it did not (a kind this version doesn't know, from an older or
    /// newer file, reads as none).
    #[serde(default, deserialize_with = "known_kind")]
    #[cfg_attr(feature = "specta", specta(type = Option<ErrorKind>))]
    pub kind: Option<ErrorKind>,
    /// One line: what happened.
    pub summary: String,
    /// Scopes granted.
    pub scopes: Vec<ScopeName>,
    /// Token request latency; present exactly when Zoom issued a token.
    pub latency_ms: Option<u32>,
    /// The app owner and their role (privileges when readable) at this test.
    #[serde(default)]
    pub owner: Option<OwnerSnapshot>,
    /// Admin scopes or privileges lost since the previous test that got a token.
    #[serde(default)]
    pub drift: Option<Drift>,
    /// Scopes gone by name since the previous test whose calls are all still allowed under new
    /// names: renamed (Zoom moving the app from classic to granular scopes), not lost.
    #[serde(default)]
    pub renamed_scopes: Vec<ScopeName>,
    /// The API base the token response named (the account's regional cluster, e.g.
    /// `https://api-eu.zoom.us`); none when Zoom named none or no token came.
    #[serde(default)]
    pub api_url: Option<String>,
    /// Zoom's error code when Zoom refused (the token request, or the token on its first
    /// call): 4735 says the app's owner left the account.
    #[serde(default)]
    pub zoom_code: Option<i64>,
}

impl TestRecord {
    /// The record of a test that got a token.
    pub fn of_report(at_unix: i64, report: &TestReport) -> TestRecord {
        TestRecord {
            at_unix,
            ok: report.passed(),
            kind: report.failure_kind(),
            summary: if report.passed() {
                format!("Token issued with {} scopes", report.token.scopes.len())
            } else if !report.missing_required.is_empty() {
                format!(
                    "Token issued, but missing: {}",
                    report.missing_required.join(", ")
                )
            } else {
                "Token issued, but Zoom refused it on the first call".into()
            },
            scopes: report
                .token
                .scopes
                .iter()
                .map(|s| ScopeName::new(&s.raw))
                .collect(),
            latency_ms: Some(report.token.latency_ms),
            owner: report.owner_snapshot(),
            drift: None,
            renamed_scopes: Vec::new(),
            api_url: report
                .token
                .api_url_from_response
                .then(|| report.token.api_url.clone()),
            zoom_code: match &report.probe {
                crate::probe::ProbeOutcome::TokenRejected { code, .. } => *code,
                _ => None,
            },
        }
    }

    /// The record of a test that got no token.
    pub fn of_failure(at_unix: i64, failure: &FailureReport) -> TestRecord {
        TestRecord {
            at_unix,
            ok: false,
            kind: Some(failure.kind),
            summary: failure.message.clone(),
            scopes: Vec::new(),
            latency_ms: None,
            owner: None,
            drift: None,
            renamed_scopes: Vec::new(),
            api_url: None,
            zoom_code: failure.zoom_error.as_deref().and_then(|c| c.parse().ok()),
        }
    }

    /// Whether Zoom issued a token in this test (only then are its scopes meaningful).
    pub fn got_token(&self) -> bool {
        self.latency_ms.is_some()
    }

    /// This record with drift (calls lost) and renames (scopes whose calls are still allowed
    /// under new names) computed against `history` (newest first).
    pub fn with_drift_since(mut self, history: &[TestRecord]) -> TestRecord {
        if self.got_token() && self.drift.is_none() {
            if let Some(previous) = history.iter().find(|r| r.got_token()) {
                let catalog = zoom_catalog::catalog();
                self.renamed_scopes = renamed_scopes(catalog, &previous.scopes, &self.scopes);
                self.drift = detect_drift(
                    catalog,
                    &previous.scopes,
                    previous.owner.as_ref(),
                    previous.at_unix,
                    &self.scopes,
                    self.owner.as_ref(),
                );
            }
        }
        self
    }
}

/// The newest drift still in effect: a lost scope the latest token still lacks.
pub fn active_drift(history: &[TestRecord]) -> Option<(&TestRecord, &Drift)> {
    let latest = history.iter().find(|r| r.got_token())?;
    history
        .iter()
        .filter_map(|r| r.drift.as_ref().map(|d| (r, d)))
        .find(|(_, d)| {
            let now: std::collections::BTreeSet<&str> =
                latest.scopes.iter().map(ScopeName::as_str).collect();
            d.lost_scopes
                .iter()
                .any(|s| !still_covered(zoom_catalog::catalog(), s, &now))
                || d.lost_privileges.iter().any(|p| {
                    latest
                        .owner
                        .as_ref()
                        .and_then(|o| o.privileges.as_ref())
                        .is_some_and(|now| !now.contains(p))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(at_unix: i64, scopes: &[&str], role: &str) -> TestRecord {
        TestRecord {
            at_unix,
            ok: true,
            kind: None,
            summary: "ok".into(),
            scopes: scopes.iter().map(ScopeName::new).collect(),
            latency_ms: Some(1),
            owner: Some(OwnerSnapshot {
                user_id: "u".into(),
                email: None,
                role_id: Some(role.into()),
                role_name: Some(role.into()),
                privileges: None,
                status: None,
            }),
            drift: None,
            renamed_scopes: Vec::new(),
            api_url: None,
            zoom_code: None,
        }
    }

    #[test]
    fn records_written_before_owner_and_drift_existed_still_load() {
        let old = r#"{"at_unix":1,"ok":true,"kind":null,"summary":"Token issued with 1 scopes","scopes":["user:read:admin"],"latency_ms":5}"#;
        let r: TestRecord = serde_json::from_str(old).expect("old record loads");
        assert_eq!((r.owner, r.drift), (None, None));
    }

    #[test]
    fn drift_is_measured_against_the_last_test_that_got_a_token_and_stays_until_regained() {
        let good = record(1, &["user:read:admin"], "Admin");
        let failed = TestRecord {
            latency_ms: None,
            scopes: vec![],
            owner: None,
            ..record(2, &[], "x")
        };
        let history = vec![failed, good];
        let lost = record(3, &[], "Member").with_drift_since(&history);
        let drift = lost
            .drift
            .clone()
            .expect("drift against the good test, not the failed one");
        assert_eq!(
            (drift.since_unix, drift.lost_scopes.clone()),
            (1, vec![ScopeName::new("user:read:admin")])
        );
        let mut history = history;
        history.insert(0, lost);
        assert!(active_drift(&history).is_some());
        history.insert(0, record(4, &["user:read:admin"], "Admin"));
        assert!(active_drift(&history).is_none(), "the scope came back");
    }
}
