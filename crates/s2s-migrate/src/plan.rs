//! From a scan to the edits: each config file re-read, checked against its scan fingerprint, and
//! rewritten in memory; nothing touches disk until [`crate::apply::apply`].

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::apply::ApplyError;
use crate::rewrite::{rewrite, NewNames, NewValues, Rewrite};
use crate::scan::{sha256_hex, ScanReport};

/// A file's preview, for showing (no secret in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FilePreview {
    /// Relative path.
    pub file: String,
    /// The diff, secrets masked.
    pub preview: String,
    /// Legacy settings replaced.
    pub replaced: usize,
}

/// The rewrites of every config file the scan found.
pub fn rewrites(
    report: &ScanReport,
    names: &NewNames,
    values: &NewValues,
) -> Result<Vec<Rewrite>, ApplyError> {
    let root = Path::new(&report.root);
    let mut out = Vec::new();
    for config in &report.config_files {
        let bytes =
            std::fs::read(root.join(&config.file)).map_err(|source| ApplyError::Backup {
                file: config.file.clone(),
                source,
            })?;
        if sha256_hex(&bytes) != config.sha256 {
            return Err(ApplyError::ChangedSinceScan(config.file.clone()));
        }
        if let Some(r) = rewrite(&config.file, &bytes, config.format, names, values) {
            out.push(r);
        }
    }
    Ok(out)
}

/// The previews of those rewrites.
pub fn previews(rewrites: &[Rewrite]) -> Vec<FilePreview> {
    rewrites
        .iter()
        .map(|r| FilePreview {
            file: r.file.clone(),
            preview: r.preview.clone(),
            replaced: r.replaced,
        })
        .collect()
}

/// Whether the new S2S app is ready to replace the JWT app: its token test passed and its
/// scopes cover every Zoom call the scan recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Readiness {
    /// A test of the new app got a token.
    pub tested: bool,
    /// That test passed.
    pub token_ok: bool,
    /// Scopes still to add for the calls found.
    pub missing_scopes: Vec<String>,
    /// Ready: tested, passed, nothing missing.
    pub ready: bool,
    /// What stands in the way, or that it is ready.
    pub message: String,
}

/// What the new app's latest test says of its token: whether it worked, and its one line.
#[derive(Debug, Clone, Copy)]
pub struct TokenVerdict<'a> {
    /// Zoom issued a token and accepted it on its first call.
    pub works: bool,
    /// The test's one-line result.
    pub summary: &'a str,
}

/// Judges readiness from the new app's latest test (`None`: never tested) and its scopes
/// against the calls the scan found — not against what the app's profile expects — and names
/// the exact blocker: no token (with the test's words), or each scope missing with the calls
/// that need it.
pub fn readiness<G: AsRef<str>>(
    report: &ScanReport,
    latest: Option<TokenVerdict<'_>>,
    granted: &[G],
) -> Readiness {
    let mut calls: Vec<&str> = report
        .calls
        .iter()
        .filter(|c| c.operation.is_some())
        .map(|c| c.call.as_str())
        .collect();
    calls.sort_unstable();
    calls.dedup();
    let coverage = zoom_catalog::coverage::check_coverage(zoom_catalog::catalog(), granted, &calls);
    let missing_scopes: Vec<String> = coverage.to_add.iter().map(|s| s.scope.clone()).collect();
    let tested = latest.is_some();
    let token_ok = latest.is_some_and(|t| t.works);
    let ready = token_ok && missing_scopes.is_empty();
    let message = match latest {
        None => "Test the new app's token first.".to_string(),
        Some(t) if !t.works => format!(
            "The new app's last test got no working token ({}): fix that and test again.",
            t.summary.trim_end_matches('.')
        ),
        Some(_) if !coverage.to_add.is_empty() => {
            let each: Vec<String> = coverage
                .to_add
                .iter()
                .map(|s| format!("{} (for {})", s.scope, s.covers.join(", ")))
                .collect();
            format!(
                "The new app's token lacks scopes the calls found need. Add to the new app, then test again: {}.",
                each.join("; ")
            )
        }
        Some(_) if calls.is_empty() => {
            "Ready: the new app's token works (the scan recognised no Zoom call to check its scopes against).".to_string()
        }
        Some(_) => format!(
            "Ready: the new app's token works and covers every call found ({}).",
            calls.len()
        ),
    };
    Readiness {
        tested,
        token_ok,
        missing_scopes,
        ready,
        message,
    }
}
