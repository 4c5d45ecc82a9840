//! `AppState`: what every command may reach, managed once before the window opens.
//!
//! It owns the Sandbox (the embedded Zoom simulator on a loopback port, so every flow can be
//! tried without a Zoom account), the profiles with their keychain, and the one token tester
//! (its single-flight table is what makes a double click ask Zoom once).

use s2s_core::profiles::service::ProfileService;
use s2s_core::TokenTester;
use zoom_sim::{Fixture, SimHandle};

/// Shared state; Tauri wraps it in an `Arc` already.
pub struct AppState {
    sandbox: SimHandle,
    /// Profiles and their secrets.
    pub profiles: ProfileService,
    /// Runs token tests, one request per credential at a time.
    pub tester: TokenTester,
    /// JWT → S2S migration scans of this session.
    pub scans: s2s_migrate::session::Scans,
}

impl AppState {
    /// Starts the Sandbox on a free loopback port, with the profiles the caller opened (the
    /// app: the user's; tests: their own folder and keychain).
    pub async fn start(profiles: ProfileService) -> Result<Self, String> {
        // The Sandbox's controls need a per-run token; tests that drive the window name theirs.
        let admin_token = std::env::var("S2S_SANDBOX_ADMIN_TOKEN").ok();
        let sandbox = zoom_sim::start_with_admin_token(Fixture::default_sandbox(), 0, admin_token)
            .await
            .map_err(|e| format!("the Sandbox could not listen on a loopback port: {e}"))?;
        tracing::info!(url = %sandbox.base_url(), "Sandbox (simulated Zoom) started");
        // Told once: every Sandbox profile's test, rotation and call goes there.
        profiles.use_sandbox(&sandbox.base_url());
        tracing::info!(keychain = %profiles.keychain(), "client secrets are kept in the OS keychain");
        if let Some(problem) = profiles.file_problem() {
            tracing::warn!(%problem, "profiles file unusable; left untouched until the admin decides");
        }
        Ok(Self {
            sandbox,
            profiles,
            tester: TokenTester::default(),
            scans: Default::default(),
        })
    }

    /// The token the Sandbox's `/_sim/*` controls require.
    pub fn sandbox_admin_token(&self) -> String {
        self.sandbox.admin_token()
    }

    /// The Sandbox's simulated world, for the Sandbox panel.
    pub fn sandbox_world(&self) -> std::sync::MutexGuard<'_, zoom_sim::world::World> {
        self.sandbox.world()
    }

    /// (client ID, webhook Secret Token) of each simulated app that subscribes to events.
    pub fn sandbox_apps_with_webhooks(&self) -> Vec<(String, String)> {
        let world = self.sandbox.world();
        world
            .fixture()
            .accounts
            .iter()
            .flat_map(|a| &a.apps)
            .filter_map(|app| Some((app.client_id.clone(), app.webhook_secret_token.clone()?)))
            .collect()
    }

    /// The Sandbox's base URL (OAuth and API).
    pub fn sandbox_url(&self) -> String {
        self.sandbox.base_url()
    }
}
