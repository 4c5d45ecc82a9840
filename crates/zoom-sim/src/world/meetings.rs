//! Meetings' state: ids as Zoom's look, and the 100-a-day limit on a host's creates and updates.

use std::time::UNIX_EPOCH;

use super::World;

/// Zoom's per-host daily limit on creating or updating meetings (FACTS.md "Rate limits").
pub const MEETING_WRITES_PER_HOST_PER_DAY: u32 = 100;

impl World {
    /// Counts one meeting create or update for `host`; `Err(secs to midnight UTC)` once the
    /// host's daily limit is spent.
    pub(crate) fn spend_meeting_write(&mut self, host: &str) -> Result<u32, u64> {
        let secs = self
            .now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let day = secs / 86_400;
        let used = self
            .meeting_writes
            .entry((host.to_string(), day))
            .or_insert(0);
        if *used >= MEETING_WRITES_PER_HOST_PER_DAY {
            return Err(86_400 - secs % 86_400);
        }
        *used += 1;
        Ok(MEETING_WRITES_PER_HOST_PER_DAY - *used)
    }

    /// A new meeting id, as Zoom's are: 10 to 11 digits.
    pub(crate) fn new_meeting_id(&mut self) -> u64 {
        self.next_meeting_id += 7_919;
        self.next_meeting_id
    }
}
