//! `AppState`: what every command may reach, managed once before the window opens.
//!
//! It owns the Sandbox (the embedded Zoom simulator on a loopback port, so every flow can be
//! tried without a Zoom account; kept between runs beside the profiles), the profiles with their keychain, and the one token tester
//! (its single-flight table is what makes a double click ask Zoom once).

use std::sync::Arc;

use s2s_core::profiles::service::ProfileService;
use s2s_core::TokenTester;
use zoom_sim::sandbox::Sandbox;

/// Shared state; Tauri wraps it in an `Arc` already.
pub struct AppState {
    /// The simulated Zoom (through its facade: the shell never reaches into its state).
    pub sandbox: Sandbox,
    /// Profiles and their secrets (shared with the Sandbox's keeper, which keeps the
    /// Sandbox's world beside them).
    pub profiles: Arc<ProfileService>,
    /// Runs token tests, one request per credential at a time.
    pub tester: TokenTester,
    /// JWT → S2S migration scans of this session.
    pub scans: s2s_migrate::session::Scans,
    /// The one "Test all" run, and its cancel.
    pub test_all: s2s_core::profiles::test_all::TestAllControl,
}

impl AppState {
    /// Starts the Sandbox on a free loopback port, with the profiles the caller opened (the
    /// app: the user's; tests: their own folder and keychain).
    pub async fn start(profiles: ProfileService) -> Result<Self, String> {
        // The Sandbox's controls need a per-run token; tests that drive the window name theirs.
        let admin_token = std::env::var("S2S_SANDBOX_ADMIN_TOKEN").ok();
        let profiles = Arc::new(profiles);
        let keeper = crate::sandbox_keeper::KeptWithProfiles(profiles.clone());
        let sandbox = Sandbox::start(admin_token, Some(Box::new(keeper)))
            .await
            .map_err(|e| format!("the Sandbox could not listen on a loopback port: {e}"))?;
        tracing::info!(url = %sandbox.url(), "Sandbox (simulated Zoom) started");
        // Told once: every Sandbox profile's test, rotation and call goes there.
        profiles.use_sandbox(&sandbox.url());
        tracing::info!(keychain = %profiles.keychain(), "client secrets are kept in the OS keychain");
        if let Some(problem) = profiles.file_problem() {
            tracing::warn!(%problem, "profiles file unusable; left untouched until the admin decides");
        }
        Ok(Self {
            sandbox,
            profiles,
            tester: TokenTester::default(),
            scans: Default::default(),
            test_all: Default::default(),
        })
    }
}
