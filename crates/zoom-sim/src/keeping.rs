//! Keeping the Sandbox's world between runs: after every change (a request that changed it, or
//! a change from the Sandbox panel) what outlives the run is handed to the embedder's
//! [`SandboxKeeper`] — its secrets only when they changed, and before the rest, so a kept world
//! never names a secret that was not kept.

use std::sync::{Mutex, PoisonError};

use crate::world::{SavedWorld, World, WorldSecrets};

/// Where an embedder keeps the Sandbox's world (the app: a file beside its profiles, and the
/// secrets in the OS keychain). Errors are sentences for the log; the Sandbox runs on.
pub trait SandboxKeeper: Send + Sync {
    /// What the last run kept, if anything.
    fn load(&self) -> Result<Option<(SavedWorld, WorldSecrets)>, String>;
    /// Keeps the world's secrets.
    fn save_secrets(&self, secrets: &WorldSecrets) -> Result<(), String>;
    /// Keeps the rest of the world.
    fn save_world(&self, world: &SavedWorld) -> Result<(), String>;
}

/// A keeper and what it holds now, so only changes are written.
pub(crate) struct Keeping {
    keeper: Box<dyn SandboxKeeper>,
    kept: Mutex<Option<(SavedWorld, WorldSecrets)>>,
}

impl Keeping {
    pub(crate) fn new(keeper: Box<dyn SandboxKeeper>) -> Self {
        Self {
            keeper,
            kept: Mutex::new(None),
        }
    }

    /// Hands the world's lasting part to the keeper where it differs from what it holds. The
    /// keeper's lock is taken first and the world's only to copy it, so requests are not held
    /// up while the keeper writes, and two changes are never kept out of order.
    pub(crate) fn keep(&self, world: &Mutex<World>) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let (saved, secrets) = world.lock().unwrap_or_else(PoisonError::into_inner).saved();
        let (kept_world, kept_secrets) = match kept.as_ref() {
            Some((w, s)) => (Some(w), Some(s)),
            None => (None, None),
        };
        if kept_secrets != Some(&secrets) {
            if let Err(e) = self.keeper.save_secrets(&secrets) {
                tracing::warn!(error = %e, "the Sandbox's secrets could not be kept; its world is kept as it was");
                return;
            }
        }
        if kept_world != Some(&saved) {
            if let Err(e) = self.keeper.save_world(&saved) {
                tracing::warn!(error = %e, "the Sandbox's world could not be kept");
                return;
            }
        }
        *kept = Some((saved, secrets));
    }
}
