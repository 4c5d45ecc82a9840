//! S2S Desk's desktop shell: windows, app state and thin IPC commands over s2s-core.
//!
//! - `with_commands!` lists every command once; the app's handler and [`bindings_builder`]
//!   (the TypeScript bindings export) both use it.
//! - [`build_app`] wires a `tauri::Builder` for any runtime, so the mock runtime can run it.
//! - [`state`]: the one `AppState`; [`ipc_error`]: the one error type commands return.
//!
//! No Zoom logic lives here: commands call one s2s-core function and map the result.

pub mod commands;
pub mod dialogs;
pub mod ipc_error;
pub mod preferences;
mod sandbox_keeper;
pub mod state;

use std::collections::BTreeMap;

use s2s_core::profiles::service::ProfileService;
use tauri::{Manager, Runtime};

/// Every command, listed once, handed to a macro: `tauri::generate_handler` for the running app,
/// `tauri_specta::collect_commands` for the TypeScript bindings. The app itself never carries the
/// type descriptions the bindings need (they made up much of the binary; docs/performance.md).
macro_rules! with_commands {
    ($($m:tt)+) => {
        $($m)+![
            commands::app::get_app_info,
            commands::links::open_external,
            commands::profiles::list_profiles,
            commands::profiles::set_aside_profiles_file,
            commands::profiles::save_profile,
            commands::profiles::duplicate_profile,
            commands::profiles::delete_profile,
            commands::profiles::export_profile,
            commands::profiles::export_profile_env,
            commands::dialogs::choose_export_path,
            commands::profiles::save_profile_export,
            commands::profiles::import_profile,
            commands::token::validate_credentials,
            commands::token::test_draft,
            commands::token::test_profile,
            commands::token::try_call,
            commands::usage::get_app_usage,
            commands::token::check_token_coexistence,
            commands::scopes::get_scope_overview,
            commands::scopes::predict_role_change,
            commands::scopes::check_calls,
            commands::scopes::plan_rate_limits,
            commands::scopes::read_call_lines,
            commands::scopes::remember_account_plan,
            commands::scopes::list_catalog_operations,
            commands::dialogs::choose_path_to_scan,
            commands::migrate::start_migration_scan,
            commands::migrate::get_migration_scan,
            commands::migrate::cancel_migration_scan,
            commands::migrate::plan_migration,
            commands::migrate::apply_migration,
            commands::migrate::undo_migration,
            commands::migrate::get_migration_report,
            commands::webhooks::get_webhook_options,
            commands::webhooks::set_webhook_secret_token,
            commands::webhooks::test_webhook_receiver,
            commands::rotation::rotate_secret,
            commands::rotation::get_rotation_status,
            commands::rotation::set_rotation_settings,
            commands::rotation::start_ownership_transfer,
            commands::rotation::confirm_ownership_transfer,
            commands::rotation::end_ownership_transfer,
            commands::consumers::add_consumer,
            commands::consumers::remove_consumer,
            commands::consumers::check_consumer,
            commands::consumers::parse_command,
            commands::consumers::find_secret_settings,
            commands::sandbox::regenerate_sandbox_secret,
            commands::sandbox::allow_sandbox_secret_rotation,
            commands::sandbox::get_sandbox,
            commands::sandbox::get_sandbox_demo_app,
            commands::sandbox::set_sandbox_user_role,
            commands::sandbox::set_sandbox_app_state,
            commands::sandbox::reset_sandbox,
            commands::preferences::get_preferences,
            commands::preferences::set_preferences,
            commands::preferences::check_preferences,
            commands::token::test_profiles,
            commands::token::cancel_test_all,
        ]
    };
}

/// The commands for the TypeScript bindings export (tests/ipc.rs `export_bindings`), and the
/// core's fixed rules and words the UI shows before it asks anything (a form's range, a label):
/// exported as constants, so the UI never spells them itself.
pub fn bindings_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    use s2s_migrate::find::Flag;
    use s2s_migrate::names::LegacyKind;
    let kind_labels: BTreeMap<_, _> = LegacyKind::ALL
        .iter()
        .map(|k| (wire_name(k), k.label()))
        .collect();
    let flag_words: BTreeMap<_, _> = Flag::ALL
        .iter()
        .map(|f| (wire_name(f), f.words()))
        .collect();
    tauri_specta::Builder::<R>::new()
        .commands(with_commands!(tauri_specta::collect_commands))
        .constant("REMINDER_DAYS", s2s_core::profiles::health::REMINDER_DAYS)
        .constant("LEGACY_KIND_LABELS", kind_labels)
        .constant("FLAG_WORDS", flag_words)
        .constant(
            "DEFAULT_NEW_NAMES",
            s2s_migrate::rewrite::NewNames::default(),
        )
        // Counters and Unix timestamps are far below 2^53, so TypeScript's number is exact for them.
        .dangerously_cast_bigints_to_number()
}

/// A unit variant's wire name (its serde form), as an object key.
fn wire_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Wires commands and state into a Tauri builder (real or mock runtime).
pub fn build_app<R: Runtime>(
    builder: tauri::Builder<R>,
    state: state::AppState,
) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_store::Builder::default().build())
        .manage(state)
        .plugin(preferences::plugin())
        .invoke_handler(with_commands!(tauri::generate_handler))
        .setup(move |app| {
            app.manage(dialogs::Dialogs::new(app.handle().clone()));
            // The window from tauri.conf.json exists by now; it is put back where it was.
            if let Some(window) = app.get_webview_window("main") {
                let saved = app
                    .state::<preferences::PreferencesState>()
                    .current()
                    .window;
                preferences::restore_window(&window, saved);
            }
            Ok(())
        })
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_) => {
                preferences::remember_window_when_settled(window);
            }
            tauri::WindowEvent::CloseRequested { .. } => {
                if let Some(prefs) = window
                    .app_handle()
                    .try_state::<preferences::PreferencesState>()
                {
                    preferences::remember_window(&prefs, window);
                }
            }
            _ => {}
        })
}

/// Starts the desktop app.
pub fn run() {
    draw_on_the_cpu_unless_told_otherwise();
    s2s_core::logging::init(tracing::Level::INFO, true);
    // The Sandbox's server runs on Tauri's own tokio runtime, started before the window opens.
    let profiles = match ProfileService::open_default() {
        Ok(profiles) => profiles,
        Err(e) => fail_to_start(&e.to_string()),
    };
    if let Err(e) = profiles.keychain_status() {
        // The app still opens (the Sandbox needs no secret); saving a profile explains this.
        tracing::warn!(error = %e, "no OS keychain: secrets cannot be saved until one runs");
    }
    let state = match tauri::async_runtime::block_on(state::AppState::start(profiles)) {
        Ok(state) => state,
        Err(e) => fail_to_start(&e),
    };
    let app = build_app(tauri::Builder::default(), state);
    if let Err(e) = app.run(tauri::generate_context!()) {
        fail_to_start(&e.to_string());
    }
}

/// WebKitGTK draws with OpenGL by default; without a GPU (VMs, remote desktops, CI) that is
/// software GL, and compiling its shaders made the first complete view take 2× as long as a
/// minimal Tauri app's first paint and cost ~60 MB more memory (docs/performance.md; the start-up
/// benchmark shows 1.0× and 1.04× with CPU drawing). S2S Desk's pages are static forms, so Skia's
/// CPU renderer is the better default everywhere; set WEBKIT_SKIA_ENABLE_CPU_RENDERING=0 to
/// draw with the GPU instead. Runs first, before any thread exists.
fn draw_on_the_cpu_unless_told_otherwise() {
    const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
    if cfg!(target_os = "linux") && std::env::var_os(CPU_RENDERING).is_none() {
        std::env::set_var(CPU_RENDERING, "1");
    }
}

fn fail_to_start(reason: &str) -> ! {
    tracing::error!(reason, "S2S Desk could not start");
    eprintln!("S2S Desk could not start: {reason}");
    std::process::exit(1);
}
