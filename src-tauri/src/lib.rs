//! S2S Desk's desktop shell: windows, app state and thin IPC commands over s2s-core.
//!
//! - [`make_builder`] lists every command once; the app and the bindings export both use it.
//! - [`build_app`] wires a `tauri::Builder` for any runtime, so the mock runtime can run it.
//! - [`state`]: the one `AppState`; [`ipc_error`]: the one error type commands return.
//!
//! No Zoom logic lives here: commands call one s2s-core function and map the result.

pub mod commands;
pub mod ipc_error;
pub mod state;

use tauri::Runtime;

/// Every command, listed once.
pub fn make_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .commands(tauri_specta::collect_commands![
            commands::app::app_info,
            commands::links::open_external
        ])
        // Counters and Unix timestamps are far below 2^53, so TypeScript's number is exact for them.
        .dangerously_cast_bigints_to_number()
}

/// Wires commands and state into a Tauri builder (real or mock runtime).
pub fn build_app<R: Runtime>(
    builder: tauri::Builder<R>,
    specta: tauri_specta::Builder<R>,
    state: state::AppState,
) -> tauri::Builder<R> {
    builder
        .manage(state)
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            Ok(())
        })
}

/// Starts the desktop app.
pub fn run() {
    init_logging();
    // The Sandbox's server runs on Tauri's own tokio runtime, started before the window opens.
    let state = match tauri::async_runtime::block_on(state::AppState::start()) {
        Ok(state) => state,
        Err(e) => fail_to_start(&format!(
            "the Sandbox could not listen on a loopback port: {e}"
        )),
    };
    let app = build_app(tauri::Builder::default(), make_builder(), state)
        .plugin(tauri_plugin_store::Builder::new().build());
    if let Err(e) = app.run(tauri::generate_context!()) {
        fail_to_start(&e.to_string());
    }
}

fn fail_to_start(reason: &str) -> ! {
    tracing::error!(reason, "S2S Desk could not start");
    eprintln!("S2S Desk could not start: {reason}");
    std::process::exit(1);
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("S2S_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
