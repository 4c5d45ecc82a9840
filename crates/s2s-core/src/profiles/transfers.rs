//! Tracking an ownership transfer on a saved profile (the checklist and its deadline are
//! [`super::ownership`]'s): started, accepted by the new owner, stopped.

use super::ownership::OwnershipTransfer;
use super::service::{ProfileService, ServiceError};
use super::Profile;

impl ProfileService {
    /// Records that a transfer of profile `id`'s app to `new_owner` began at `now_unix` (one at a
    /// time: a new one replaces the old).
    pub fn start_transfer(
        &self,
        id: &str,
        new_owner: &str,
        now_unix: i64,
    ) -> Result<Profile, ServiceError> {
        let transfer = OwnershipTransfer::start(new_owner, now_unix)
            .map_err(|e| ServiceError::InvalidNewOwner(e.to_string()))?;
        self.change(id, |p| p.ownership_transfer = Some(transfer))
    }

    /// Records that the new owner accepted the transfer in the Marketplace.
    pub fn confirm_transfer(&self, id: &str, now_unix: i64) -> Result<Profile, ServiceError> {
        let profile = self.get(id)?;
        if profile.ownership_transfer.is_none() {
            return Err(ServiceError::NoTransfer(profile.name.clone()));
        }
        self.change(id, |p| {
            if let Some(t) = p.ownership_transfer.as_mut() {
                t.confirmed_unix.get_or_insert(now_unix);
            }
        })
    }

    /// Forgets profile `id`'s transfer: cancelled, or done and acknowledged.
    pub fn end_transfer(&self, id: &str) -> Result<Profile, ServiceError> {
        self.change(id, |p| p.ownership_transfer = None)
    }
}
