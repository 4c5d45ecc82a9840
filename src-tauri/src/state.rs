//! `AppState`: what every command may reach, managed once at start-up.
//!
//! It owns the Sandbox: the embedded Zoom simulator on a loopback port, so every flow can be
//! tried without a Zoom account. It is started here, never from a command.

use zoom_sim::{Fixture, SimHandle};

/// Shared state; Tauri wraps it in an `Arc` already.
pub struct AppState {
    sandbox: SimHandle,
}

impl AppState {
    /// Starts the Sandbox simulator on a free loopback port.
    pub async fn start() -> std::io::Result<Self> {
        let sandbox = zoom_sim::start(Fixture::default_sandbox(), 0).await?;
        tracing::info!(url = %sandbox.base_url(), "Sandbox (simulated Zoom) started");
        Ok(Self { sandbox })
    }

    /// The Sandbox's base URL (OAuth and API).
    pub fn sandbox_url(&self) -> String {
        self.sandbox.base_url()
    }
}
