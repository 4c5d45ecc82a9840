//! Profiles: one named S2S app each (cloud, account ID, client ID, notes, expected scopes, token
//! slot, test history). A [`ProfileBook`] is the whole collection with its rules (unique names,
//! stable ids; the UI filters the list itself); [`file`] persists it atomically; [`export`] turns one into JSON or a `.env`
//! snippet. No secret is ever part of a profile: secrets live in [`crate::keychain`].

pub mod consumers;
mod deployed;
pub mod export;
pub mod file;
pub mod health;
pub mod ownership;
pub mod record;
pub mod rotation;
pub mod sandbox_kept;
pub mod service;
pub mod slot;
pub mod test_all;
pub mod test_run;
pub mod transfers;
pub mod try_call;
pub mod usage;
pub mod webhook_receiver;

use serde::{Deserialize, Serialize};
use zoom_catalog::scope::ScopeName;

pub use record::TestRecord;

/// How many test results a profile keeps, newest first.
pub const HISTORY_LIMIT: usize = 50;

/// Which Zoom a profile talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ProfileCloud {
    /// zoom.us
    Commercial,
    /// Zoom for Government (zoomgov.com).
    Government,
    /// The simulator embedded in S2S Desk.
    Sandbox,
}

impl ProfileCloud {
    /// The Zoom cloud behind it; `None` for the Sandbox, whose address only the app knows.
    pub fn zoom_cloud(self) -> Option<crate::Cloud> {
        match self {
            ProfileCloud::Commercial => Some(crate::Cloud::Commercial),
            ProfileCloud::Government => Some(crate::Cloud::Government),
            ProfileCloud::Sandbox => None,
        }
    }
}

/// A profile's stable id (a UUID): the key of its keychain entry. Never changes, not even on
/// rename. A string on the wire and on disk.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct ProfileId(String);

impl ProfileId {
    /// A new, random id.
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    /// The id as text (the keychain entry's user name).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ProfileId {
    fn from(s: &str) -> Self {
        Self(s.to_string())
    }
}

impl From<String> for ProfileId {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl std::ops::Deref for ProfileId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ProfileId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for ProfileId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ProfileId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A saved S2S app: its id, the fields the admin edits (a [`ProfileDraft`], stored flat), and
/// its test history. Reads of the edited fields go through to the draft (`profile.name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Profile {
    /// Stable id; the keychain entry's key.
    pub id: ProfileId,
    /// Name, cloud, IDs, notes, expected scopes, token slot and tolerance.
    #[serde(flatten)]
    pub settings: ProfileDraft,
    /// Test results, newest first.
    #[serde(default)]
    pub history: Vec<TestRecord>,
    /// When the client secret was last stored (saved or rotated), as Unix seconds; none for
    /// profiles saved before S2S Desk recorded it. The secret's age is measured from here.
    #[serde(default)]
    pub secret_saved_unix: Option<i64>,
    /// Whether the keychain holds the app's webhook Secret Token (Feature page) for this
    /// profile; the token itself is never in this file.
    #[serde(default)]
    pub webhook_secret_token_saved: bool,
    /// The app's Marketplace App ID, for rotating its secret through Zoom's API.
    #[serde(default)]
    pub app_id: Option<String>,
    /// After how many days the secret's age is flagged; none: [`health::SECRET_ROTATION_DAYS`].
    #[serde(default)]
    pub secret_reminder_days: Option<u32>,
    /// A client-secret rotation under way (its secrets are in the keychain only).
    #[serde(default)]
    pub rotation: Option<rotation::Rotation>,
    /// A manual transfer of the app's ownership under way.
    #[serde(default)]
    pub ownership_transfer: Option<ownership::OwnershipTransfer>,
    /// Where the secret is deployed, for a rotation to carry the new one there (no secret).
    #[serde(default)]
    pub consumers: Vec<consumers::Consumer>,
}

impl std::ops::Deref for Profile {
    type Target = ProfileDraft;
    fn deref(&self) -> &ProfileDraft {
        &self.settings
    }
}

/// The editable fields of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileDraft {
    /// Display name.
    pub name: String,
    /// Which Zoom.
    pub cloud: ProfileCloud,
    /// Account ID (trimmed on save).
    pub account_id: String,
    /// Client ID (trimmed on save).
    pub client_id: String,
    /// Free text.
    #[serde(default)]
    pub notes: String,
    /// Expected scopes.
    #[serde(default)]
    pub expected_scopes: Vec<ScopeName>,
    /// Legacy: a token slot (`index`) from before June 2023, when Zoom could raise an app's
    /// token tolerance. Zoom now ignores `index`; kept only so old profiles still load and send it.
    #[serde(default)]
    pub token_index: Option<u32>,
    /// Whether this app's tokens coexist or follow the old one-token rule, as the coexistence
    /// check found (or the admin recorded); `None`: not checked, today's rule assumed.
    #[serde(default)]
    pub token_rule: Option<TokenRule>,
    /// The account's plan, for rate-limit planning (remembered from the last plan made).
    #[serde(default)]
    pub account_plan: Option<zoom_catalog::limits::Plan>,
    /// Free labels such as environments ("prod", "staging"), for sorting and filtering the
    /// overview; stored trimmed, lower-case, without duplicates.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// How Zoom treats an app's earlier tokens when it issues a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TokenRule {
    /// Tokens coexist until they expire: Zoom's rule since June 2023.
    Coexist,
    /// A new token invalidates the previous one (the rule before June 2023): a test can break
    /// the token a deployed service holds.
    OneToken,
}

/// Why a change to the book was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// Names must be non-empty.
    #[error("a profile needs a name")]
    EmptyName,
    /// Another profile already has this name.
    #[error("a profile named '{}' already exists; pick another name", crate::display::inert(.0))]
    NameTaken(String),
    /// A name must be text a terminal shows as it is.
    #[error("a profile name can't hold control characters (line breaks, tabs, escapes): '{}'", crate::display::inert(.0))]
    NameHasControls(String),
    /// No profile with this id or name.
    #[error("no profile named or with id '{}'", crate::display::inert(.0))]
    NotFound(String),
}

/// All profiles, in creation order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileBook {
    profiles: Vec<Profile>,
}

impl ProfileBook {
    /// A book holding `profiles` as they are (used when loading).
    pub fn from_profiles(profiles: Vec<Profile>) -> Self {
        Self { profiles }
    }

    /// Every profile.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The profile with this id.
    pub fn get(&self, id: &str) -> Result<&Profile, ProfileError> {
        self.profiles
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| ProfileError::NotFound(id.into()))
    }

    /// The profile with this name (case-insensitive), as the CLI's `--profile` looks it up.
    pub fn find_by_name(&self, name: &str) -> Result<&Profile, ProfileError> {
        let wanted = name.trim().to_lowercase();
        self.profiles
            .iter()
            .find(|p| p.name.to_lowercase() == wanted)
            .ok_or_else(|| ProfileError::NotFound(name.into()))
    }

    /// Adds a profile from a draft and returns it.
    pub fn create(&mut self, draft: ProfileDraft) -> Result<&Profile, ProfileError> {
        let name = self.free_name(&draft.name, None)?;
        self.profiles.push(Profile {
            id: ProfileId::new_random(),
            settings: tidy(ProfileDraft { name, ..draft }),
            history: Vec::new(),
            secret_saved_unix: None,
            webhook_secret_token_saved: false,
            app_id: None,
            secret_reminder_days: None,
            rotation: None,
            ownership_transfer: None,
            consumers: Vec::new(),
        });
        Ok(&self.profiles[self.profiles.len() - 1])
    }

    /// Replaces a profile's editable fields (a rename keeps the id, so the secret follows).
    pub fn update(&mut self, id: &str, draft: ProfileDraft) -> Result<&Profile, ProfileError> {
        let name = self.free_name(&draft.name, Some(id))?;
        let slot = self.index_of(id)?;
        let previous = &mut self.profiles[slot];
        previous.settings = tidy(ProfileDraft { name, ..draft });
        Ok(&self.profiles[slot])
    }

    /// Copies a profile under a new name ("Name (copy)", "Name (copy 2)", …), without history.
    /// The caller copies the secret to the new id.
    pub fn duplicate(&mut self, id: &str) -> Result<&Profile, ProfileError> {
        let original = self.get(id)?.clone();
        let mut n = 1;
        let name = loop {
            let candidate = if n == 1 {
                format!("{} (copy)", original.name)
            } else {
                format!("{} (copy {n})", original.name)
            };
            if self.free_name(&candidate, None).is_ok() {
                break candidate;
            }
            n += 1;
        };
        self.profiles.push(Profile {
            id: ProfileId::new_random(),
            settings: ProfileDraft {
                name,
                ..original.settings
            },
            history: Vec::new(),
            secret_saved_unix: original.secret_saved_unix,
            webhook_secret_token_saved: original.webhook_secret_token_saved,
            app_id: original.app_id,
            secret_reminder_days: original.secret_reminder_days,
            // A rotation belongs to the original's keychain entries.
            rotation: None,
            ownership_transfer: None,
            consumers: Vec::new(),
        });
        Ok(&self.profiles[self.profiles.len() - 1])
    }

    /// Removes a profile and returns it (the caller deletes its secret).
    pub fn remove(&mut self, id: &str) -> Result<Profile, ProfileError> {
        let slot = self.index_of(id)?;
        Ok(self.profiles.remove(slot))
    }

    /// Records a test result, newest first, keeping at most `keep` (1..=[`HISTORY_LIMIT`]). A
    /// drift warning (admin scopes or owner privileges lost since the previous test that got a
    /// token) is attached to it.
    pub fn record_test(
        &mut self,
        id: &str,
        record: TestRecord,
        keep: usize,
    ) -> Result<&Profile, ProfileError> {
        let slot = self.index_of(id)?;
        let history = &mut self.profiles[slot].history;
        let record = record.with_drift_since(history);
        history.insert(0, record);
        history.truncate(keep.clamp(1, HISTORY_LIMIT));
        Ok(&self.profiles[slot])
    }

    /// Notes that a profile's secret was stored at `at_unix`.
    pub fn mark_secret_saved(&mut self, id: &str, at_unix: i64) -> Result<(), ProfileError> {
        let slot = self.index_of(id)?;
        self.profiles[slot].secret_saved_unix = Some(at_unix);
        Ok(())
    }

    /// A profile to change in place (the service saves the book after).
    pub(crate) fn get_mut(&mut self, id: &str) -> Result<&mut Profile, ProfileError> {
        let slot = self.index_of(id)?;
        Ok(&mut self.profiles[slot])
    }

    /// Records whether the keychain holds the profile's webhook Secret Token.
    pub fn mark_webhook_secret_token(&mut self, id: &str, saved: bool) -> Result<(), ProfileError> {
        let slot = self.index_of(id)?;
        self.profiles[slot].webhook_secret_token_saved = saved;
        Ok(())
    }

    fn index_of(&self, id: &str) -> Result<usize, ProfileError> {
        self.profiles
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| ProfileError::NotFound(id.into()))
    }

    fn free_name(&self, name: &str, except_id: Option<&str>) -> Result<String, ProfileError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ProfileError::EmptyName);
        }
        if name.chars().any(char::is_control) {
            return Err(ProfileError::NameHasControls(name.into()));
        }
        let taken = self.profiles.iter().any(|p| {
            Some(p.id.as_str()) != except_id && p.name.to_lowercase() == name.to_lowercase()
        });
        if taken {
            Err(ProfileError::NameTaken(name.into()))
        } else {
            Ok(name.into())
        }
    }
}

/// A draft as stored: IDs trimmed, blank expected scopes dropped, tags normalized.
fn tidy(draft: ProfileDraft) -> ProfileDraft {
    ProfileDraft {
        tags: normalized_tags(&draft.tags),
        account_id: draft.account_id.trim().into(),
        client_id: draft.client_id.trim().into(),
        expected_scopes: draft
            .expected_scopes
            .iter()
            .map(|s| ScopeName::new(s.as_str()))
            .filter(|s| !s.as_str().is_empty())
            .collect(),
        ..draft
    }
}

/// Tags as stored: trimmed, lower-case, inner whitespace as one dash, blanks and repeats
/// dropped, in the order first given.
pub fn normalized_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .to_lowercase();
        if !tag.is_empty() && !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

#[cfg(test)]
mod tests;
