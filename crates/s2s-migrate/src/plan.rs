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

/// Judges readiness from the latest test of the new app (`None`: never tested) and its scopes.
pub fn readiness<G: AsRef<str>>(
    report: &ScanReport,
    latest_test_ok: Option<bool>,
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
    let tested = latest_test_ok.is_some();
    let token_ok = latest_test_ok == Some(true);
    let ready = token_ok && missing_scopes.is_empty();
    let message = if !tested {
        "Test the new app's token first.".to_string()
    } else if !token_ok {
        "The new app's last token test failed: fix it and test again.".to_string()
    } else if !missing_scopes.is_empty() {
        format!(
            "Add these scopes to the new app, then test again: {}",
            missing_scopes.join(", ")
        )
    } else {
        "Ready: the new app's token works and covers every call found.".to_string()
    };
    Readiness {
        tested,
        token_ok,
        missing_scopes,
        ready,
        message,
    }
}
