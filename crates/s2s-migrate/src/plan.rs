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
