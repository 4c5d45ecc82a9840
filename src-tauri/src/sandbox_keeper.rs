//! The Sandbox's keeper in the app: the simulated world in a file beside the profiles, its
//! secrets in the OS keychain — through the profile service, which owns both places.

use std::sync::Arc;

use s2s_core::profiles::service::ProfileService;
use s2s_core::secret::Secret;
use zoom_sim::keeping::SandboxKeeper;
use zoom_sim::world::{SavedWorld, WorldSecrets};

/// Keeps the Sandbox where the profiles are kept.
pub struct KeptWithProfiles(pub Arc<ProfileService>);

impl SandboxKeeper for KeptWithProfiles {
    fn load(&self) -> Result<Option<(SavedWorld, WorldSecrets)>, String> {
        let Some(kept) = self.0.kept_sandbox().map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        let world: SavedWorld = serde_json::from_str(&kept.world)
            .map_err(|e| format!("the kept Sandbox is not readable: {e}"))?;
        // Secrets the keychain no longer holds come from the built-in Sandbox (or are new).
        let secrets = match kept.secrets {
            Some(secrets) => serde_json::from_str(secrets.expose())
                .map_err(|_| "the Sandbox's keychain entry is not readable".to_string())?,
            None => WorldSecrets::default(),
        };
        Ok(Some((world, secrets)))
    }

    fn save_secrets(&self, secrets: &WorldSecrets) -> Result<(), String> {
        let text = serde_json::to_string(secrets).map_err(|e| e.to_string())?;
        self.0
            .keep_sandbox_secrets(&Secret::new(text))
            .map_err(|e| e.to_string())
    }

    fn save_world(&self, world: &SavedWorld) -> Result<(), String> {
        let text = serde_json::to_string_pretty(world).map_err(|e| e.to_string())?;
        self.0.keep_sandbox_world(&text).map_err(|e| e.to_string())
    }
}
