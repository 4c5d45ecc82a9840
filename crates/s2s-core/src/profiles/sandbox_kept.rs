//! What the app keeps of its Sandbox between runs, kept as everything else is: the simulated
//! world (no secret in it) in a file beside the profiles, its secrets in one keychain entry.
//! And the reset that puts the Sandbox's profiles back with it, so nothing the old world told
//! them (a test, a rotation, a transfer, a secret) outlives it.

use std::path::PathBuf;

use super::service::{ProfileService, ServiceError};
use super::slot::{Slot, SANDBOX_SECRETS_KEY};
use super::ProfileCloud;
use crate::secret::Secret;

/// The file beside the profiles that keeps the Sandbox's world.
pub const SANDBOX_WORLD_FILE: &str = "sandbox-world.json";

/// What the last run kept.
#[derive(Debug)]
pub struct KeptSandbox {
    /// The world, as its keeper wrote it.
    pub world: String,
    /// Its secrets, if the keychain still holds them.
    pub secrets: Option<Secret>,
}

/// A Sandbox profile put back by a reset.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ResetProfile {
    /// Its id.
    pub id: super::ProfileId,
    /// Its name.
    pub name: String,
    /// Whether it holds the Sandbox's secret for its app now (false: its app is not in the
    /// Sandbox any more, and its secret was left as it was).
    pub secret_replaced: bool,
}

impl ProfileService {
    fn sandbox_world_path(&self) -> PathBuf {
        self.data_dir().join(SANDBOX_WORLD_FILE)
    }

    /// What the last run kept of the Sandbox, if it kept anything.
    pub fn kept_sandbox(&self) -> Result<Option<KeptSandbox>, ServiceError> {
        let path = self.sandbox_world_path();
        let world = match std::fs::read_to_string(&path) {
            Ok(world) => world,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(super::file::FileError::Io {
                    action: "read",
                    path,
                    source,
                }
                .into())
            }
        };
        let secrets = self.secret_store().get(SANDBOX_SECRETS_KEY)?;
        Ok(Some(KeptSandbox { world, secrets }))
    }

    /// Keeps the Sandbox's world (no secret in it), replacing the file in one step.
    pub fn keep_sandbox_world(&self, world: &str) -> Result<(), ServiceError> {
        let path = self.sandbox_world_path();
        super::file::write_atomically(&path, world.as_bytes()).map_err(|source| {
            super::file::FileError::Io {
                action: "write",
                path,
                source,
            }
            .into()
        })
    }

    /// Keeps the Sandbox's secrets in the keychain.
    pub fn keep_sandbox_secrets(&self, secrets: &Secret) -> Result<(), ServiceError> {
        Ok(self.secret_store().set(SANDBOX_SECRETS_KEY, secrets)?)
    }

    /// After the Sandbox was reset: every Sandbox profile forgets its tests, a rotation or an
    /// ownership transfer under way, and holds the secret the Sandbox now has for its app
    /// (`secret_for` its Client ID) — so no badge, checklist or rejected secret of the old
    /// world remains. Real profiles are not touched.
    pub fn reset_sandbox_profiles(
        &self,
        secret_for: impl Fn(&str) -> Option<Secret>,
    ) -> Result<Vec<ResetProfile>, ServiceError> {
        let sandbox: Vec<_> = self
            .list()
            .into_iter()
            .filter(|p| p.cloud == ProfileCloud::Sandbox)
            .collect();
        let mut reset = Vec::new();
        for profile in sandbox {
            let secret = secret_for(&profile.client_id);
            if let Some(secret) = &secret {
                self.set_slot(&profile.id, Slot::ClientSecret, secret)?;
            }
            self.clear_slot(&profile.id, Slot::RotationNew)?;
            self.clear_slot(&profile.id, Slot::RotationPrevious)?;
            let now = crate::clock::now_unix();
            let replaced = secret.is_some();
            self.change(&profile.id, |p| {
                p.history.clear();
                p.rotation = None;
                p.ownership_transfer = None;
                if replaced {
                    p.secret_saved_unix = Some(now);
                }
            })?;
            reset.push(ResetProfile {
                id: profile.id.clone(),
                name: profile.name.clone(),
                secret_replaced: replaced,
            });
        }
        Ok(reset)
    }
}
