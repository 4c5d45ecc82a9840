//! Preferences on disk, through tauri-plugin-store: `preferences.json` beside the profiles file,
//! one key per preference. What the values mean is s2s-core's ([`Preferences`]); this module
//! reads the store (an unreadable file is set aside and the defaults used, with a notice: it
//! never blocks start-up), applies preferences to the running app, and restores the window.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use s2s_core::preferences::{PreferenceError, Preferences, WindowGeometry};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_store::StoreExt;

use crate::state::AppState;

/// The store's file name, in the app's data folder.
pub const FILE_NAME: &str = "preferences.json";

/// The preferences in force, and what the admin must hear about how they were read.
pub struct PreferencesState {
    current: Mutex<Preferences>,
    notice: Option<String>,
    /// Writes preferences to the store (it holds the app handle, so commands need none).
    writer: Box<dyn Fn(&Preferences) + Send + Sync>,
    /// Counts window moves and resizes, so only the last of a burst is written.
    window_changes: std::sync::atomic::AtomicU64,
}

impl PreferencesState {
    /// The preferences in force.
    pub fn current(&self) -> Preferences {
        self.current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Set when the stored preferences could not all be used at start-up.
    pub fn notice(&self) -> Option<String> {
        self.notice.clone()
    }
}

/// Reads and applies the preferences while the app is built (before any window, and in the
/// mock runtime too), and manages the [`PreferencesState`]. Registered after the store plugin.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("s2s-preferences")
        .setup(|app, _| {
            let preferences = load(app, &app.state::<AppState>());
            app.manage(preferences);
            Ok(())
        })
        .build()
}

/// Reads the store at start-up and applies what it holds to `state`.
pub fn load<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> PreferencesState {
    let path = state.profiles.data_dir().join(FILE_NAME);
    let mut notes = Vec::new();
    if let Some(aside) = set_aside_if_unreadable(&path) {
        notes.push(format!(
            "The preferences file could not be read, so S2S Desk started with the default preferences; the old file was kept as {}.",
            aside.display()
        ));
    }
    // A file an earlier version wrote world-readable is made private (nothing is created here:
    // the app writes no file at start-up).
    if path.exists() {
        if let Err(e) = owner_only(&path) {
            tracing::warn!(error = %e, "the preferences file could not be made owner-only");
        }
    }
    let stored: BTreeMap<String, serde_json::Value> = match app.store(&path) {
        Ok(store) => store.entries().into_iter().collect(),
        Err(e) => {
            notes.push(format!(
                "The preferences could not be opened ({e}); the defaults are in use."
            ));
            BTreeMap::new()
        }
    };
    let (preferences, unreadable) = Preferences::from_entries(&stored);
    if !unreadable.is_empty() {
        notes.push(format!(
            "These preferences were unreadable and are back to their defaults: {}.",
            unreadable.join(", ")
        ));
    }
    if let Err(e) = apply(state, &preferences) {
        notes.push(format!(
            "The network preferences could not be used ({e}); S2S Desk uses the system's settings until they are fixed in Settings."
        ));
    }
    if !unreadable.is_empty() {
        // Written back at once: a value refused on reading (a proxy password, say) must not
        // stay on disk until the next change.
        write(app, &path, &preferences);
    }
    let app = app.clone();
    PreferencesState {
        current: Mutex::new(preferences),
        notice: (!notes.is_empty()).then(|| notes.join(" ")),
        writer: Box::new(move |preferences| write(&app, &path, preferences)),
        window_changes: Default::default(),
    }
}

/// Puts preferences into force: network settings and deadline for tests, history retention.
/// Settings that cannot be used change nothing.
pub fn apply(state: &AppState, preferences: &Preferences) -> Result<(), PreferenceError> {
    state
        .tester
        .configure(&preferences.network()?, preferences.request_timeout())?;
    state
        .profiles
        .set_history_retention(preferences.history_retention as usize);
    Ok(())
}

/// Checks, applies and stores what the admin chose. The window's geometry is the shell's to
/// record, so the stored one is kept whatever `chosen` says.
pub fn update(
    state: &AppState,
    prefs: &PreferencesState,
    chosen: Preferences,
) -> Result<Preferences, PreferenceError> {
    let mut current = prefs.current.lock().unwrap_or_else(PoisonError::into_inner);
    let next = Preferences {
        window: current.window,
        ..chosen
    };
    next.validate()?;
    apply(state, &next)?;
    (prefs.writer)(&next);
    *current = next.clone();
    Ok(next)
}

/// How long the window must stay put before its place is written (a drag moves it many times).
const WINDOW_SETTLE: std::time::Duration = std::time::Duration::from_millis(500);

/// Records the window's place once it has stayed put for a moment: written as it changes, not
/// only on close, so a crash or a kill still restores the last place.
pub fn remember_window_when_settled<R: Runtime>(window: &tauri::Window<R>) {
    use std::sync::atomic::Ordering;
    let Some(prefs) = window.app_handle().try_state::<PreferencesState>() else {
        return;
    };
    let change = prefs.window_changes.fetch_add(1, Ordering::SeqCst) + 1;
    let window = window.clone();
    std::thread::spawn(move || {
        std::thread::sleep(WINDOW_SETTLE);
        let prefs = window.app_handle().state::<PreferencesState>();
        if prefs.window_changes.load(Ordering::SeqCst) == change {
            remember_window(&prefs, &window);
        }
    });
}

/// Records the window's place, to restore it at the next start.
pub fn remember_window<R: Runtime>(prefs: &PreferencesState, window: &tauri::Window<R>) {
    let Some(geometry) = geometry_of(window) else {
        return;
    };
    let mut current = prefs.current.lock().unwrap_or_else(PoisonError::into_inner);
    current.window = Some(geometry);
    (prefs.writer)(&current);
}

/// Puts the window back where it was, if that place is still on a screen.
pub fn restore_window<R: Runtime>(window: &tauri::WebviewWindow<R>, saved: Option<WindowGeometry>) {
    let Some(saved) = saved else { return };
    if saved.maximized {
        let _ = window.maximize();
        return;
    }
    // Never smaller than the minimum the layout is made for (tauri.conf.json).
    let size = tauri::LogicalSize::new(saved.width.max(900), saved.height.max(560));
    let _ = window.set_size(size);
    let on_a_screen = window
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .any(|m| {
            let (p, s) = (m.position(), m.size());
            (p.x..p.x + s.width as i32).contains(&saved.x)
                && (p.y..p.y + s.height as i32).contains(&saved.y)
        });
    if on_a_screen {
        let _ = window.set_position(tauri::PhysicalPosition::new(saved.x, saved.y));
    }
}

fn geometry_of<R: Runtime>(window: &tauri::Window<R>) -> Option<WindowGeometry> {
    let scale = window.scale_factor().ok()?;
    let position = window.outer_position().ok()?;
    let size = window.inner_size().ok()?.to_logical::<u32>(scale);
    Some(WindowGeometry {
        x: position.x,
        y: position.y,
        width: size.width,
        height: size.height,
        maximized: window.is_maximized().unwrap_or(false),
    })
}

fn write<R: Runtime>(app: &AppHandle<R>, path: &Path, preferences: &Preferences) {
    if let Err(e) = owner_only(path) {
        tracing::warn!(error = %e, "preferences not saved: the file could not be made owner-only");
        return;
    }
    let saved = app.store(path).and_then(|store| {
        for (key, value) in preferences.to_entries() {
            store.set(key, value);
        }
        store.save()
    });
    if let Err(e) = saved {
        tracing::warn!(error = %e, "preferences could not be saved; they apply until S2S Desk quits");
    }
}

/// Makes the preferences file owner-only (0600), creating it (empty) if it is missing, before the
/// store plugin writes it: the plugin writes in place and keeps a file's mode.
fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        } else {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)?;
            std::io::Write::write_all(&mut file, b"{}")?;
        }
    }
    #[cfg(not(unix))]
    let _ = path; // Windows: the user's profile folder is private to the user already.
    Ok(())
}

/// Moves an existing file that is not a JSON object aside (`preferences.json.unreadable`), so the
/// store starts empty instead of silently writing over it; returns where it went.
fn set_aside_if_unreadable(path: &Path) -> Option<PathBuf> {
    let bytes = std::fs::read(path).ok()?;
    if serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes).is_ok() {
        return None;
    }
    let aside = path.with_extension("json.unreadable");
    match std::fs::rename(path, &aside) {
        Ok(()) => Some(aside),
        Err(e) => {
            tracing::warn!(error = %e, "an unreadable preferences file could not be set aside");
            None
        }
    }
}
