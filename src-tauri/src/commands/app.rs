//! `get_app_info`: what build is running and where its Sandbox listens.

use serde::Serialize;
use tauri::State;

use crate::state::AppState;

/// Facts about the running app.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppInfo {
    /// "S2S Desk".
    pub name: String,
    /// The app's version.
    pub version: String,
    /// The commit it was built from, or "unknown" (built outside a git checkout).
    pub commit: String,
    /// Which snapshot of Zoom's API documents the scope catalog comes from.
    pub catalog: String,
    /// "debug" or "release".
    pub build_profile: String,
    /// The Tauri version it was built with.
    pub tauri_version: String,
    /// The embedded simulator's base URL.
    pub sandbox_url: String,
    /// What the token coexistence check costs, said before it runs.
    pub coexistence_cost: String,
}

/// Returns version, build profile and the Sandbox address.
#[tauri::command]
#[specta::specta]
pub fn get_app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        name: "S2S Desk".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        commit: s2s_core::BUILD_COMMIT.into(),
        catalog: s2s_core::catalog::CATALOG_VERSION.into(),
        build_profile: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
        .into(),
        tauri_version: tauri::VERSION.into(),
        sandbox_url: state.sandbox.url(),
        coexistence_cost: s2s_core::tester::COEXISTENCE_COST.into(),
    }
}
