//! The simulated clock: the real one plus whatever tests moved it by, or frozen.

use std::time::{Duration, SystemTime};

use super::World;

impl World {
    /// Simulated wall-clock time.
    pub fn now(&self) -> SystemTime {
        self.frozen_at
            .unwrap_or_else(|| SystemTime::now() + self.clock_offset)
    }

    /// Stops the simulated clock where it is (it then moves only with [`Self::advance_clock`]):
    /// tests that count per-second budgets must not depend on how fast the machine is.
    pub fn freeze_clock(&mut self) {
        self.frozen_at = Some(self.now());
    }

    /// Moves the simulated clock to the first second of the next UTC day: tests that spend a
    /// daily budget over simulated minutes then never straddle midnight.
    pub fn advance_to_next_utc_day(&mut self) {
        let since_epoch = self
            .now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        self.advance_clock(Duration::from_secs(86_400 - since_epoch % 86_400 + 1));
    }

    /// Moves the simulated clock forward.
    pub fn advance_clock(&mut self, by: Duration) {
        self.clock_offset += by;
        if let Some(frozen) = self.frozen_at.as_mut() {
            *frozen += by;
        }
    }
}
