//! Preferences (Settings): read them, and change them (checked and put into force at once).

use s2s_core::preferences::{PreferenceProblem, Preferences, TIMEOUT_RANGE_SECS};
use s2s_core::profiles::HISTORY_LIMIT;
use serde::Serialize;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::preferences::{update, PreferencesState};
use crate::state::AppState;

/// The Settings view's preferences and their limits.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PreferencesView {
    /// What is in force.
    pub preferences: Preferences,
    /// Set when the stored preferences could not all be used at start-up.
    pub notice: Option<String>,
    /// Shortest and longest request timeout, seconds.
    pub timeout_range: [u32; 2],
    /// Most tests a profile keeps.
    pub history_max: u32,
}

/// The preferences in force.
#[tauri::command]
#[specta::specta]
pub fn get_preferences(prefs: State<'_, PreferencesState>) -> PreferencesView {
    PreferencesView {
        preferences: prefs.current(),
        notice: prefs.notice(),
        timeout_range: [*TIMEOUT_RANGE_SECS.start(), *TIMEOUT_RANGE_SECS.end()],
        history_max: HISTORY_LIMIT as u32,
    }
}

/// What is wrong with each field of preferences being edited (nothing is stored).
#[tauri::command]
#[specta::specta]
pub fn check_preferences(preferences: Preferences) -> Vec<PreferenceProblem> {
    preferences.problems()
}

/// Checks, applies and stores the preferences as a whole; a refusal changes nothing.
#[tauri::command]
#[specta::specta]
pub fn set_preferences(
    state: State<'_, AppState>,
    prefs: State<'_, PreferencesState>,
    preferences: Preferences,
) -> Result<Preferences, IpcError> {
    Ok(update(&state, &prefs, preferences)?)
}
