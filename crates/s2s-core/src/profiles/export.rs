//! One profile out of the app and back: JSON with the non-secret fields only, and a `.env`
//! snippet whose secret is masked unless the caller explicitly passes it to reveal.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::service::{ProfileService, ServiceError};
use super::{Profile, ProfileDraft};
use crate::secret::Secret;

/// The exported form: what a teammate needs to set up the same app, minus the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedProfile {
    /// Marks the file's kind and version.
    pub s2s_desk_profile: u32,
    /// The profile's editable fields.
    #[serde(flatten)]
    pub profile: ProfileDraft,
}

/// Why an import was refused, in words about the export rather than the JSON parser.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON at all (or cut short).
    #[error("this is not a complete profile export: the text stops being JSON on line {line}. Paste the whole export, from the first {{ to the last }}")]
    NotJson { line: usize },
    /// JSON, but without the export's marker.
    #[error("this JSON is not an S2S Desk profile export: it has no \"s2s_desk_profile\" field")]
    NotAnExport,
    /// An export with a field missing or of the wrong kind (edited by hand, or from elsewhere).
    #[error(
        "the export's {field} is missing or not what S2S Desk writes; export the profile again"
    )]
    BadField { field: String },
    /// Exports carry no secret; refuse anything that looks like one, so it is never stored.
    #[error("the file contains a field named '{0}'; S2S Desk exports never carry secrets, so it was not imported")]
    ContainsSecret(String),
}

/// The profile's non-secret fields as pretty JSON.
pub fn to_json(profile: &Profile) -> String {
    let exported = ExportedProfile {
        s2s_desk_profile: 1,
        profile: profile.settings.clone(),
    };
    serde_json::to_string_pretty(&exported).unwrap_or_default()
}

/// Reads an export back into a draft. Any field named like a secret is refused outright, so a
/// hand-edited file can never slip a secret into the profiles file.
pub fn from_json(json: &str) -> Result<ProfileDraft, ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| ImportError::NotJson { line: e.line() })?;
    let Some(fields) = value.as_object() else {
        return Err(ImportError::NotAnExport);
    };
    if let Some(key) = fields.keys().find(|k| k.to_lowercase().contains("secret")) {
        return Err(ImportError::ContainsSecret(key.clone()));
    }
    if !fields.contains_key("s2s_desk_profile") {
        return Err(ImportError::NotAnExport);
    }
    let exported: ExportedProfile =
        serde_json::from_value(value).map_err(|e| ImportError::BadField {
            field: field_named_in(&e.to_string()),
        })?;
    Ok(exported.profile)
}

/// The field serde's message names in backticks ("missing field `name`"), or a plain fallback.
fn field_named_in(message: &str) -> String {
    message
        .split('`')
        .nth(1)
        .map(|f| format!("\"{f}\""))
        .unwrap_or_else(|| "content".into())
}

/// The forms an export can be saved to a file in. Neither carries the secret: a revealed secret
/// may be shown or copied, never written to disk in plaintext.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SavedExport {
    /// [`to_json`].
    Json,
    /// [`env_snippet`] with the secret masked.
    EnvMasked,
}

/// Writes the export to `path` whole (a temp file renamed over it), or not at all.
pub fn save(profile: &Profile, form: SavedExport, path: &Path) -> std::io::Result<()> {
    let text = match form {
        SavedExport::Json => to_json(profile),
        SavedExport::EnvMasked => env_snippet(profile, None),
    };
    super::file::write_atomically(path, text.as_bytes())
}

/// A `.env` snippet. The secret is masked unless `reveal` carries it.
pub fn env_snippet(profile: &Profile, reveal: Option<&Secret>) -> String {
    let secret = match reveal {
        Some(secret) => secret.expose().to_string(),
        None => "********  # masked: reveal it in S2S Desk, or read it from your keychain".into(),
    };
    format!(
        "# {name} (S2S Desk profile)\nZOOM_ACCOUNT_ID={account}\nZOOM_CLIENT_ID={client}\nZOOM_CLIENT_SECRET={secret}\n",
        name = profile.name,
        account = profile.account_id,
        client = profile.client_id,
    )
}

impl ProfileService {
    /// Profile `id`'s `.env` snippet: the secret masked, or read from the keychain when
    /// `reveal` (a deliberate, warned action in the app).
    pub fn env_snippet(&self, id: &str, reveal: bool) -> Result<String, ServiceError> {
        let profile = self.get(id)?;
        let secret = reveal.then(|| self.reveal_secret(id)).transpose()?;
        Ok(env_snippet(&profile, secret.as_ref()))
    }
}
