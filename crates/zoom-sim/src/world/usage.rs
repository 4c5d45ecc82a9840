//! Zoom's own usage figures per app, which `GET /marketplace/apps` reports since 2026-11-09
//! (`last_used`, `total_calls`, `failed_calls`, `active_users`; FACTS.md "Secret rotation",
//! from developers.zoom.us's App Marketplace changelog): counted from the calls served here.

use std::time::SystemTime;

use super::World;

/// One app's calls so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AppUsage {
    /// API calls made with the app's tokens.
    pub total_calls: u64,
    /// Those Zoom answered with an error (4xx or 5xx).
    pub failed_calls: u64,
    /// The latest call, by the simulated clock.
    pub last_used: Option<SystemTime>,
}

impl World {
    /// Counts one API call made with `token`; a token the simulator never issued is no app's.
    pub fn count_call(&mut self, token: &str, failed: bool) {
        let Some(client_id) = self.tokens.get(token).map(|r| r.client_id.clone()) else {
            return;
        };
        let now = self.now();
        let usage = self.usage.entry(client_id).or_default();
        usage.total_calls += 1;
        usage.failed_calls += u64::from(failed);
        usage.last_used = Some(now);
    }

    /// The app's figures (all zero for an app never called).
    pub fn usage_of(&self, client_id: &str) -> AppUsage {
        self.usage.get(client_id).copied().unwrap_or_default()
    }
}
