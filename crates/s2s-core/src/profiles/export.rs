//! One profile out of the app and back: JSON with the non-secret fields only, and a `.env`
//! snippet whose secret is masked unless the caller explicitly passes it to reveal.

use serde::{Deserialize, Serialize};

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

/// Why an import was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON, or not a profile export.
    #[error("this is not an S2S Desk profile export: {0}")]
    NotAProfile(String),
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
        serde_json::from_str(json).map_err(|e| ImportError::NotAProfile(e.to_string()))?;
    if let Some(fields) = value.as_object() {
        if let Some(key) = fields.keys().find(|k| k.to_lowercase().contains("secret")) {
            return Err(ImportError::ContainsSecret(key.clone()));
        }
    }
    let exported: ExportedProfile =
        serde_json::from_value(value).map_err(|e| ImportError::NotAProfile(e.to_string()))?;
    Ok(exported.profile)
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
